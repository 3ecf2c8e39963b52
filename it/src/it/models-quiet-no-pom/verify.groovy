def log = new File(basedir, 'build.log').text
assert log =~ /\d+ models:/ : "no model count on standard output"
assert log =~ /(?m)^  default +\S/ : 'the default zoo model is not listed with its summary'
assert !log.contains('[INFO]') : '-q must keep the log quiet'
return true
