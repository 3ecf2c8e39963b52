// The guide's own-data workflow: schema, train, generate, evaluate, then tests against the committed model.
def log = new File(basedir, 'build.log').text
def schema = new File(basedir, 'src/synthetic/patients.schema.json')
assert schema.isFile() : 'synthetic:schema wrote no schema where the guide says'
assert new File(basedir, 'models/patients.synth').isFile() : 'synthetic:train wrote no model where the guide says'
assert new File(basedir, 'target/synthetic/patients-synthetic.csv').readLines('UTF-8').size() == 1001
assert new File(basedir, 'target/synthetic/report/report.html').isFile() : 'synthetic:evaluate wrote no report'
assert log.contains(':train (train-model) @ patients-own-data') : 'the profile did not bind train before the tests'
assert log.contains('is up to date') : 'the bound train did not find the model up to date'
assert new File(basedir, 'target/synthetic/default.jsonl').readLines('UTF-8').size() == 500 : 'the bound generate'
def reports = new File(basedir, 'target/surefire-reports').listFiles().findAll { it.name.startsWith('TEST-') && it.name.endsWith('.xml') }
assert reports*.name == ['TEST-org.example.patients.OwnModelTest.xml'] : reports*.name
def suite = (reports[0].text =~ /<testsuite [^>]*/)[0]
assert suite =~ /tests="2"/ && suite =~ /failures="0"/ && suite =~ /errors="0"/ : suite
// The European file: numbers with decimal commas stay numeric.
def eu = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/synthetic/patients-eu.schema.json'))
def kinds = eu.columns.collectEntries { [(it.name): it.kind] }
assert kinds.age?.toString()?.toLowerCase() == 'numeric' && kinds.bili?.toString()?.toLowerCase() == 'numeric' : kinds
return true
