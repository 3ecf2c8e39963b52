def json = new File(basedir, 'target/synthetic/pbc-150.schema.json')
assert json.isFile() : "no ${json}"
def schema = new groovy.json.JsonSlurper().parse(json)
def names = schema.columns*.name
assert names == new File(basedir, '../setup-parent/data/pbc-150.csv').readLines('UTF-8')[0].split(',') as List : "columns ${names}"
def log = new File(basedir, 'build.log').text
assert log.contains("[INFO] Wrote the schema of ") && log.contains("(20 columns) to ${json.canonicalPath}") : 'no summary line'
return true
