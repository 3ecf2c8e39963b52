def model = new File(basedir, 'target/synthetic/pbc-150.synth')
assert model.isFile()
def log = new File(basedir, 'build.log').text
def upToDate = "[INFO] Model ${model.canonicalPath} is up to date (same input, schema, settings, seed and tool version); skipping training. Set -Dsynthetic.force=true to retrain."
assert log.count(upToDate) == 1 : 'the second run must report the model up to date, and only it'
assert log.count('[INFO] Trained ' + model.canonicalPath + ' in ') == 2 : 'the first and the forced run must train'
assert log.count('BUILD SUCCESS') == 3
return true
