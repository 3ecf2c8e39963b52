// synthetic:train wrote the model in this build, and every test that injects from it passed.
def log = new File(basedir, 'build.log').text
assert log.contains(':train (train-pima-model) @ extension-trained-model') : 'synthetic:train did not run in the build'
assert new File(basedir, 'target/synthetic/pima2.synth').isFile() : 'synthetic:train wrote no model file'
def reports = new File(basedir, 'target/surefire-reports').listFiles().findAll { it.name.startsWith('TEST-') && it.name.endsWith('.xml') }
assert reports.size() == 1 : "expected 1 test class, found ${reports*.name}"
def suite = (reports[0].text =~ /<testsuite [^>]*/)[0]
def count = { String name -> ((suite =~ /\b${name}="(\d+)"/)[0][1]) as int }
assert count('tests') == 4 : "expected 4 tests, ran ${count('tests')}"
assert count('failures') == 0 && count('errors') == 0 && count('skipped') == 0 : suite
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0') : 'surefire summary missing'
return true
