def log = new File(basedir, 'build.log').text
assert log.contains("Synthetic Patients :: Maven Plugin ${pluginVersion}") : 'help did not describe the staged plugin'
assert log.contains('This plugin has 7 goals:') : 'help does not list the seven goals'
assert log.contains('synthetic:generate') && log.contains('synthetic:train') && log.contains('synthetic:dp-budget') : 'help does not list the goals'
return true
