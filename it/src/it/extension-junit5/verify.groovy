// Every test ran and passed, on the expected JUnit, in parallel mode (ParallelInjectionTest fails otherwise).
def reports = new File(basedir, 'target/surefire-reports').listFiles().findAll { it.name.startsWith('TEST-') && it.name.endsWith('.xml') }
assert reports.size() == 2 : "expected 2 test classes, found ${reports*.name}"
int tests = 0, failures = 0, errors = 0, skipped = 0
reports.each { f ->
  def suite = (f.text =~ /<testsuite [^>]*/)[0]
  def count = { String name -> ((suite =~ /\b${name}="(\d+)"/)[0][1]) as int }
  tests += count('tests'); failures += count('failures'); errors += count('errors'); skipped += count('skipped')
}
assert tests == 8 : "expected 8 tests, ran ${tests}"
assert failures == 0 && errors == 0 && skipped == 0 : "failures=${failures} errors=${errors} skipped=${skipped}"
def log = new File(basedir, 'build.log').text
assert log.contains('JUnit Jupiter version: 5.10.3') : 'the tests did not run on JUnit Jupiter 5.10.3'
assert log.contains('Tests run: 8, Failures: 0, Errors: 0, Skipped: 0') : 'surefire summary missing'
return true
