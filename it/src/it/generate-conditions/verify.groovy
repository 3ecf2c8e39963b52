def lines = new File(basedir, 'target/synthetic/default.csv').readLines('UTF-8')
assert lines.size() == 201 : "expected a header and 200 records, found ${lines.size()} lines"
def header = lines[0].split(',', -1) as List
int sex = header.indexOf('sex'), status = header.indexOf('status')
assert sex >= 0 && status >= 0 : "no sex/status columns in ${header}"
lines.drop(1).each { line ->
  def fields = line.split(',', -1)
  assert fields[sex] == 'f' && fields[status] == '2' : "a record breaks the conditions: ${line}"
}
return true
