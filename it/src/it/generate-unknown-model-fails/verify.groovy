def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] Failed to execute goal io.github.syntheticpatients:synthetic-maven-plugin:${pluginVersion}:generate (default-cli) on project generate-unknown-model-fails: Unknown model 'no-such-model': it is not a model-zoo id, a classpath resource or an existing file. Known model ids: ") : 'no unknown-model message'
def known = (log =~ /Known model ids: ([^.]*)\./)[0][1].split(', ') as List
assert known.contains('default') : "the known ids do not list 'default': ${known}"
assert log.contains('Set -Dsynthetic.model (<model> in the POM) to one of the known ids, a model file or classpath:<resource>.') : 'no fix named'
assert log.contains('BUILD FAILURE') : 'a user-fixable problem must be a BUILD FAILURE, not an ERROR'
return true
