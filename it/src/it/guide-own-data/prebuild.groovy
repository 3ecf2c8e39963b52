// The reader's own CSV: the IT uses the shared 150-row PBC extract (setup-parent/data), copied to where the guide
// tells a reader to put real data, which the project's .gitignore keeps out of git. The same rows written the
// European way (semicolons, decimal commas) serve the guide's troubleshooting command.
def data = new File(basedir, 'data')
data.mkdirs()
def source = new File(basedir, '../setup-parent/data/pbc-150.csv')
new File(data, 'patients.csv').bytes = source.bytes
def lines = source.readLines('UTF-8')
def european = [lines[0].replace(',', ';')] + lines.drop(1).collect { line ->
  line.split(',', -1).collect { it ==~ /-?\d+\.\d+/ ? it.replace('.', ',') : it }.join(';')
}
new File(data, 'patients-eu.csv').setText(european.join('\n') + '\n', 'UTF-8')
return true
