// The reader's own visits: the shared 60-patient pbcseq extract (setup-parent/data), one row per visit.
def data = new File(basedir, 'data')
data.mkdirs()
new File(data, 'visits.csv').bytes = new File(basedir, '../setup-parent/data/pbcseq-60.csv').bytes
return true
