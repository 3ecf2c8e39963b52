import java.security.MessageDigest

def sha = { String name ->
  def f = new File(basedir, name)
  assert f.isFile() && f.length() > 0 : "no ${f}"
  MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString()
}
assert sha('target/a.csv') == sha('target/b.csv') : 'the same seed gave different files on 1 and 2 threads'
assert sha('target/a.csv') != sha('target/c.csv') : 'a different seed gave the same file'
assert new File(basedir, 'target/a.csv').readLines('UTF-8').size() == 9001
assert new File(basedir, 'build.log').text.contains('seed 42 from synthetic.seed') : 'the seed source is not reported'
return true
