def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Skipping synthetic:generate because synthetic.skip is true.') : 'no synthetic.skip line'
assert log.contains('[INFO] Skipping synthetic:generate because synthetic.generate.skip is true.') : 'no synthetic.generate.skip line'
assert log.count('BUILD SUCCESS') == 2 : 'both runs must succeed'
assert !new File(basedir, 'target/synthetic').exists() : 'a skipped goal wrote files'
return true
