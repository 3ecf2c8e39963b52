assert !new File(basedir, 'pom.xml').exists()
def out = new File(basedir, 'target/synthetic/default.jsonl')
assert out.isFile() : "no ${out}"
def lines = out.readLines('UTF-8')
assert lines.size() == 10 : "expected 10 JSON lines, found ${lines.size()}"
assert lines.every { it.startsWith('{') && it.endsWith('}') }
assert new File(basedir, 'build.log').text.contains('BUILD SUCCESS')
return true
