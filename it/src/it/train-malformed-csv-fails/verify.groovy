// The exact message: which property named the file, the file, the line, what is wrong and how to fix it.
def log = new File(basedir, 'build.log').text
def bad = new File(basedir, 'data/bad.csv').canonicalPath
def expected = ("[ERROR] Failed to execute goal io.github.syntheticpatients:synthetic-maven-plugin:${pluginVersion}:train (default-cli)" +
    " on project train-malformed-csv-fails: Invalid file given by -Dsynthetic.input: ${bad}, line 4: the row has 19 fields" +
    " but the header has 20; check for a missing field, an extra delimiter ',', or a value containing the delimiter that" +
    " is not quoted with \" -> [Help 1]") as String
assert log.readLines().contains(expected) : "no line\n${expected}"
assert log.contains('BUILD FAILURE') : 'a malformed CSV must be a BUILD FAILURE, not an ERROR'
assert !new File(basedir, 'target/synthetic/bad.synth').exists() : 'a failed training left a model file'
return true
