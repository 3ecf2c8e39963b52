def lines = new File(basedir, 'target/synthetic/default.csv').readLines('UTF-8')
assert lines.size() == 4097 : "expected a header and 4096 records, found ${lines.size()} lines"
int status = (lines[0].split(',', -1) as List).indexOf('status')
assert status >= 0 : "no status column in ${lines[0]}"
def counts = lines.drop(1).countBy { it.split(',', -1)[status] }
// Exact in a full block of 4,096 records.
assert counts == ['0': 1024, '1': 1024, '2': 2048] : "status counts ${counts}, expected 0: 1024, 1: 1024, 2: 2048"
def provenance = new File(basedir, 'target/synthetic/default.csv.provenance.json').getText('UTF-8')
assert provenance =~ /"balance"\s*:\s*"status:2=0.5"/ : "the provenance does not record the balance"
return true
