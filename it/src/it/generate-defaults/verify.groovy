// 1000 records of the default zoo model, a provenance file next to them, and the log line saying so.
def out = new File(basedir, 'target/synthetic/default.csv')
assert out.isFile() : "no ${out}"
def lines = out.readLines('UTF-8')
assert lines.size() == 1001 : "expected a header and 1000 records, found ${lines.size()} lines"
assert new File(basedir, 'target/synthetic/default.csv.provenance.json').isFile() : 'no provenance file next to the output'
def log = new File(basedir, 'build.log').text
assert log.contains("[INFO] Wrote 1000 records to ${out.canonicalPath} (model default, seed 12345 from default)") : 'no summary line'
assert log.contains('BUILD SUCCESS')
return true
