// synthetic:train wrote a longitudinal model in this build, and every test that injects whole patients passed.
def log = new File(basedir, 'build.log').text
assert log.contains(':train (train-visits-model) @ extension-longitudinal') : 'synthetic:train did not run in the build'
assert new File(basedir, 'target/synthetic/pbcseq-60.synth').isFile() : 'synthetic:train wrote no model file'
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0') : 'surefire summary missing'
return true
