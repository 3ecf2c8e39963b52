['first', 'second'].each { name ->
  def model = new File(basedir, "target/synthetic/${name}.synth")
  assert model.isFile() && model.length() > 0 : "no ${model}"
}
def log = new File(basedir, 'build.log').text
assert log =~ /\[INFO\] Trained .*first\.synth in/ : 'the first training did not finish'
assert log =~ /\[INFO\] Trained .*second\.synth in/ : 'the second training did not finish'
assert !log.contains('already loaded in another classloader')
assert log.contains('BUILD SUCCESS')
return true
