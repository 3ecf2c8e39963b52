def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] Failed to execute goal io.github.syntheticpatients:synthetic-maven-plugin:${pluginVersion}:evaluate (default-cli) on project evaluate-gate-fails: The privacy gate failed for ") : 'no gate failure line'
assert log =~ /(?m)^(\[ERROR\])? +G\d+ \w+ = [-0-9.NaInf]+ violates / : "the failed check is not named"
assert log.contains('No check was calibrated on fresh real data') || log.contains(' the gate detects ') : 'the gate does not say what it can detect'
assert new File(basedir, 'target/synthetic/report/report.json').isFile() : 'no JSON report'
assert log.contains('BUILD FAILURE')
return true
