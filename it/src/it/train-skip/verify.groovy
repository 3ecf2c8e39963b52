def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Skipping synthetic:train because synthetic.train.skip is true.') : 'no skip line'
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/synthetic').exists() : 'a skipped goal wrote files'
return true
