def log = new File(basedir, 'build.log').text
assert log =~ /\[INFO\] \d+ models:/ : 'no model count'
assert log =~ /\[INFO\]   liver +copula generator, 6 columns/ : 'the local model is not listed with its summary'
assert log =~ /\[INFO\]   default +\S/ : 'the bundled default model is not listed beside it'
def csv = new File(basedir, 'target/synthetic/liver.csv')
assert csv.isFile() : 'generate did not write target/synthetic/liver.csv from the local model'
def lines = csv.readLines()
assert lines[0] == 'status,trt,age,sex,bili,stage' : "unexpected header ${lines[0]}"
assert lines.size() == 6 : "expected 5 records, got ${lines.size() - 1}"
return true
