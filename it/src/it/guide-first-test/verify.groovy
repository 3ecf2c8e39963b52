// The guide's first project: every test class passed, and each guide command wrote what the guide says.
def reports = new File(basedir, 'target/surefire-reports').listFiles().findAll { it.name.startsWith('TEST-') && it.name.endsWith('.xml') }
assert reports*.name.sort() == ['BalanceTest', 'ConditionsTest', 'FirstPatientsTest', 'PatientTypesTest', 'TimelinesTest']
    .collect { "TEST-org.example.patients.${it}.xml" } : "test classes: ${reports*.name}"
reports.each { report ->
  def suite = (report.text =~ /<testsuite [^>]*/)[0]
  assert suite =~ /failures="0"/ && suite =~ /errors="0"/ && suite =~ /skipped="0"/ : suite
}
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed') : 'FirstPatientsTest did not run alone as the guide says'

def csv = new File(basedir, 'target/synthetic/default.csv').readLines('UTF-8')
assert csv.size() == 101 : "default.csv has ${csv.size()} lines"
assert new File(basedir, 'target/synthetic/default.csv.provenance.json').text =~ /"seed"\s*:\s*42\b/ : 'provenance lacks the seed'
assert new File(basedir, 'target/synthetic/default.jsonl').readLines('UTF-8').size() == 100 : 'jsonl rows'
assert new File(basedir, 'target/synthetic/pbcseq.jsonl').readLines('UTF-8').size() == 20 : 'pbcseq patients'

def older = new File(basedir, 'target/older.csv').readLines('UTF-8')
def header = older[0].split(',', -1) as List
def age = header.indexOf('age')
def status = header.indexOf('status')
def rows = older.drop(1).collect { it.split(',', -1) }
assert rows.size() == 4096
assert rows.every { (it[age] as double) >= 60 } : 'a record under 60'
assert rows.countBy { it[status] } == ['0': 1366, '1': 1365, '2': 1365] : rows.countBy { it[status] }

assert log =~ /(?m)^  default +\S/ && log =~ /(?m)^  pbcseq +\S/ : 'synthetic:models -q did not list the bundled models'
return true
