def model = new File(basedir, 'target/synthetic/pbc-150.synth')
assert model.isFile() && model.length() > 0 : "no model ${model}"
def out = new File(basedir, 'target/synthetic/pbc-150.csv')
assert out.isFile() : "no ${out}"
def lines = out.readLines('UTF-8')
assert lines.size() == 51 : "expected a header and 50 records, found ${lines.size()} lines"
def realHeader = new File(basedir, '../setup-parent/data/pbc-150.csv').readLines('UTF-8')[0].split(',') as List
def header = lines[0].split(',') as List
assert realHeader.containsAll(header) && header.containsAll(['age', 'sex', 'bili']) : "unexpected columns ${header}"
def log = new File(basedir, 'build.log').text
assert log.contains("[INFO] Training ${model.canonicalPath} from ") : 'no training start line'
assert log =~ /\[INFO\] Trained .*pbc-150\.synth in \d+\.\d s/ : 'no training summary line'
assert log.contains('[INFO] Wrote 50 records to') : 'no generate summary'
return true
