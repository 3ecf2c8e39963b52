// Page 5's commands: a longitudinal schema, a model of whole timelines, patients as JSON lines and as visit rows.
def schema = new File(basedir, 'target/synthetic/visits.schema.json').text
assert schema.contains('"static"') : 'the schema marks no column static'
assert new File(basedir, 'target/synthetic/visits.synth').isFile()
def patients = new File(basedir, 'target/synthetic/visits.jsonl').readLines('UTF-8')
assert patients.size() == 20 && patients.every { it.contains('"visits"') } : 'JSON lines: one patient per line with visits'
def rows = new File(basedir, 'target/synthetic/visits.csv').readLines('UTF-8')
def ids = rows.drop(1).collect { it.split(',', -1)[0] }.unique()
assert ids.size() == 20 && rows.size() > 21 : 'long CSV: the visit rows of 20 patients'
return true
