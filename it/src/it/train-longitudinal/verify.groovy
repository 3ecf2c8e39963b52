import groovy.json.JsonSlurper

// Whole synthetic patients: 20 of them, as long-format CSV (one row per visit) and as JSON lines (one per patient).
def model = new File(basedir, 'target/synthetic/pbcseq-60.synth')
assert model.isFile() && model.length() > 0 : "no model ${model}"
def log = new File(basedir, 'build.log').text
assert log =~ /\[INFO\] Trained .*pbcseq-60\.synth in \d+\.\d s/ : 'no training summary line'
assert log =~ /\[INFO\] Wrote 20 patients \(\d+ visits\) to .*pbcseq-60\.jsonl/ : 'generate does not count patients'

// Long CSV: a patient's rows are together, the static columns constant, the visit times increasing.
def csv = new File(basedir, 'target/synthetic/pbcseq-60.csv')
assert csv.isFile() : "no ${csv}"
def lines = csv.readLines('UTF-8')
def header = lines[0].split(',', -1) as List
assert header.containsAll(['id', 'day', 'sex', 'trt', 'age', 'bili', 'albumin']) : "unexpected columns ${header}"
def rows = lines.drop(1).collect { line ->
  def fields = line.split(',', -1)
  assert fields.size() == header.size() : "ragged row: ${line}"
  [header, fields as List].transpose().collectEntries()
}
def patients = new LinkedHashMap()
def previousId = null
rows.each { row ->
  if (row.id != previousId) {
    assert !patients.containsKey(row.id) : "the rows of patient ${row.id} are not together"
    patients[row.id] = []
    previousId = row.id
  }
  patients[row.id] << row
}
assert patients.size() == 20 : "expected 20 patients, found ${patients.size()}"
assert rows.size() > 20 : "expected several visits per patient, found ${rows.size()} rows"
patients.each { id, visits ->
  ['sex', 'trt', 'age'].each { column ->
    assert visits*.get(column).unique().size() == 1 : "patient ${id}: ${column} changes over time ${visits*.get(column)}"
  }
  def days = visits*.day.collect { it as double }
  assert days == days.sort(false) && days.unique(false).size() == days.size() : "patient ${id}: days ${days} not increasing"
}

// JSON lines: one patient per line, static attributes at the top, the visits in time order.
def jsonl = new File(basedir, 'target/synthetic/pbcseq-60.jsonl')
assert jsonl.isFile() : "no ${jsonl}"
def parsed = jsonl.readLines('UTF-8').findAll { !it.isBlank() }.collect { new JsonSlurper().parseText(it) }
assert parsed.size() == 20 : "expected 20 patients, one per line, found ${parsed.size()}"
parsed.each { patient ->
  assert patient.id != null && patient.sex in ['f', 'm'] : "no id or sex in ${patient}"
  assert patient.visits instanceof List && !patient.visits.isEmpty() : "no visits in ${patient}"
  assert !patient.visits[0].containsKey('sex') : "a static column inside a visit: ${patient.visits[0]}"
  def days = patient.visits*.day.collect { it as double }
  assert days == days.sort(false) : "visits of ${patient.id} out of order: ${days}"
}
assert parsed*.id.unique().size() == 20 : 'patient ids repeat across lines'
assert new File(basedir, 'target/synthetic/pbcseq-60.jsonl.provenance.json').isFile() : 'no provenance next to the JSON lines'

// synthetic:schema with the same two properties writes a longitudinal schema: roles named, static columns marked.
def schema = new JsonSlurper().parse(new File(basedir, 'target/synthetic/pbcseq-60.schema.json'))
assert schema.entityId == 'id' && schema.time == 'day' : "roles not written: ${schema.entityId} / ${schema.time}"
def columns = schema.columns.collectEntries { [(it.name): it] }
assert ['sex', 'trt', 'age'].every { columns[it].static == true } : "static columns not marked: ${columns.findAll { it.value.static }.keySet()}"
assert columns['bili'].static != true && columns['albumin'].static != true : 'a lab marked static'
assert log.contains('longitudinal: patient id id, time day') : 'no longitudinal summary in the schema log line'

// synthetic:evaluate with the same two properties compares whole patients too (a 3-epoch model may fail the gate).
assert new File(basedir, 'target/synthetic/report/report.json').isFile() : 'no evaluation report'
assert log =~ /\[INFO\] timelineOverall\s+\d\.\d{4}/ : 'no timeline score in the evaluation log'
assert log =~ /\[INFO\] copiedTimelines\s+\d\.\d{4}/ : 'no patient-level privacy score in the evaluation log'
return true
