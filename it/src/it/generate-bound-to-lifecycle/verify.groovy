def log = new File(basedir, 'build.log').text
def generate = log.indexOf('synthetic-maven-plugin:')
def surefire = log.indexOf('maven-surefire-plugin:')
assert generate >= 0 && surefire > generate : 'generate must run before the tests'
assert log.contains('[INFO] Wrote 200 records to') : 'generate did not run in the lifecycle'
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'the unit test did not pass'
return true
