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
assert log.contains('[INFO] Training on ') && log.contains(' in a forked JVM (generator ctgan, seed 7)') : 'no training start line'
// One line per phase, a progress line for the epochs (not one per epoch), the model's path once, in the last line.
assert log.contains('[INFO] Schema inferred from pbc-150.csv: ') : 'no schema line'
assert log.contains('[INFO] Epoch 3/3 (100%)') : 'no progress line for the last epoch'
assert log.count(model.canonicalPath) == 1 : 'the model path must be printed once'
assert log =~ /\[INFO\] Trained .*pbc-150\.synth in \d+\.\d s: 150 rows, 3 epochs run/ : 'no training summary line'
assert !(log =~ /(?i)cuda|gpu/) : 'a GPU warning on a CPU-only training'
assert log.contains('[INFO] Wrote 50 records to') : 'no generate summary'
return true
