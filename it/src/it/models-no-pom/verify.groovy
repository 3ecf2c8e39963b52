def log = new File(basedir, 'build.log').text
assert log =~ /\[INFO\] \d+ models:/ : 'no model count'
assert log =~ /\[INFO\]   default +\S/ : 'the default zoo model is not listed with its summary'
return true
