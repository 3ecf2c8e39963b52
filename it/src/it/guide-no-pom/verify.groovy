// With no pom.xml: a CSV of 100 records from the bundled model, the model list, and a DP noise multiplier.
assert !new File(basedir, 'pom.xml').exists()
assert new File(basedir, 'target/synthetic/default.csv').readLines('UTF-8').size() == 101 : 'generate with no pom'
def log = new File(basedir, 'build.log').text
assert log =~ /(?m)^\[INFO\]   default +\S/ || log =~ /(?m)^  default +\S/ : 'models did not list the default model'
assert log =~ /(?m)^\[INFO\] noiseMultiplier=\d/ || log =~ /(?m)^noiseMultiplier=\d/ : 'dp-budget printed no noise multiplier'
return true
