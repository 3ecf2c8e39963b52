def log = new File(basedir, 'build.log').text
assert log.contains("Synthetic Patients :: Maven Plugin ${pluginVersion}") : 'help did not describe the staged plugin'
assert log.contains('This plugin has 6 goals:') : 'help does not list the six goals'
assert log.contains('synthetic:generate') && log.contains('synthetic:train') : 'help does not list the goals'
return true
