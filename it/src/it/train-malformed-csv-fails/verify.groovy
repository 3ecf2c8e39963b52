def log = new File(basedir, 'build.log').text
def bad = new File(basedir, 'data/bad.csv')
assert log.contains("[ERROR] Failed to execute goal io.github.syntheticpatients:synthetic-maven-plugin:${pluginVersion}:train (default-cli) on project train-malformed-csv-fails: ") : 'no failure line'
assert log.contains("bad.csv, line 4") : 'the message does not name the file and line'
assert log.contains('BUILD FAILURE') : 'a malformed CSV must be a BUILD FAILURE, not an ERROR'
assert !new File(basedir, 'target/synthetic/bad.synth').exists() : 'a failed training left a model file'
return true
