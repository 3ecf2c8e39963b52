def json = new File(basedir, 'target/synthetic/encounters.schema.json')
assert json.isFile() : "no ${json}"
def schema = new groovy.json.JsonSlurper().parse(json)
def columns = schema.columns.collectEntries { [it.name, it] }
def slots = ['diag_1', 'diag_2', 'diag_3']
slots.each { name ->
  def column = columns[name]
  assert column.kind == 'categorical' && !column.drop : "${name} is not kept as categories: ${column}"
  assert column.codes == 'icd9' : "${name} codes: ${column.codes}"
  assert column.vocabulary == 'diag' : "${name} vocabulary: ${column.vocabulary}"
  assert column.categories == columns.diag_1.categories : "${name} lists other categories than diag_1"
  assert column.reason.startsWith('codes: short tokens of few shapes that repeat') : "${name} reason: ${column.reason}"
  assert column.reason.contains('("codes": "icd9")') && column.reason.contains('shares the vocabulary "diag"') : column.reason
}
// Codes held by one encounter are never stored as themselves: 428.97 and 250.99 are read as 428 and 250.
assert columns.diag_1.categories.containsAll(['428', '250', '_RARE_'])
['428.97', '250.99', '998', 'V98'].each { code ->
  assert !json.text.contains("\"${code}\"") : "the schema stores ${code}, held by one encounter"
}
def log = new File(basedir, 'build.log').text
slots.each { name ->
  assert log =~ /\[INFO\] .*encounters\.csv: column '${name}' is categorical: codes: short tokens of few shapes that repeat/ : "no log line for ${name}"
}
assert log.contains("[INFO] Wrote the schema of ") && log.contains("(5 columns) to ${json.canonicalPath}") : 'no summary line'
return true
