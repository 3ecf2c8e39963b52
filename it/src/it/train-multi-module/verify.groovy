['hospital-a', 'hospital-b'].each { module ->
  def model = new File(basedir, "${module}/target/synthetic/pbc-150.synth")
  assert model.isFile() && model.length() > 0 : "${module} trained no model"
}
def log = new File(basedir, 'build.log').text
assert log.count('[INFO] Trained ') == 2 : 'both modules must train'
assert !log.contains('not marked as thread-safe') && !log.contains('not marked @threadSafe') : 'a goal is not thread-safe'
assert !log.contains('already loaded in another classloader')
assert log.contains('BUILD SUCCESS')
return true
