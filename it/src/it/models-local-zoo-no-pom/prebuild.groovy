// The team's zoo: the format-1 model file that runtime/core's compatibility test loads, filed under a sub-directory.
def root = new File(basedir, '../../../..').canonicalFile
def model = new File(root, 'runtime/core/src/test/resources/models/format-1-copula.synth')
assert model.isFile() : "no model file at ${model}"
def target = new File(basedir, 'team-models/hepatology/liver.synth')
target.parentFile.mkdirs()
target.bytes = model.bytes
return true
