import groovy.json.JsonSlurper

// A model learned from a directory of per-patient files generates whole ICU stays.
def model = new File(basedir, 'target/synthetic/visits.synth')
assert model.isFile() && model.length() > 0 : "no model ${model} (the default name comes from the directory)"
def jsonl = new File(basedir, 'target/synthetic/visits.jsonl')
assert jsonl.isFile() : "no ${jsonl}"
def patients = jsonl.readLines('UTF-8').findAll { !it.isBlank() }.collect { new JsonSlurper().parseText(it) }
assert patients.size() == 10 : "expected 10 patients, one per line, found ${patients.size()}"
patients.each { patient ->
  assert patient.patient != null : "no patient id in ${patient}"
  assert patient.Gender != null && patient.Age != null : "static attributes missing in ${patient}"
  assert patient.visits instanceof List && !patient.visits.isEmpty() : "no visits in ${patient}"
  assert patient.visits.every { it.containsKey('HR') && it.containsKey('ICULOS') } : "visit columns missing: ${patient.visits}"
  def hours = patient.visits*.ICULOS.collect { it as double }
  assert hours == hours.sort(false) : "visits of ${patient.patient} out of order: ${hours}"
}
return true
