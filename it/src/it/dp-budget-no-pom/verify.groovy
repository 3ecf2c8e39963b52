// Each run's last line before Maven's closing separator is the goal's machine-readable answer.
def lines = new File(basedir, 'build.log').readLines('UTF-8')
def answers = []
lines.eachWithIndex { line, i ->
  if (line =~ /^\[INFO\] --- .*:dp-budget \(default-cli\)/) {
    def end = (i + 1..<lines.size()).find { lines[it].startsWith('[INFO] ------') || lines[it].startsWith('[INFO] BUILD') }
    answers << lines[end - 1]
  }
}
assert answers.size() == 3 : "expected three runs of dp-budget, found ${answers.size()}"

def epsilon = answers[0] =~ /^epsilon=(\S+) order=(\S+)$/
assert epsilon.matches() : "run 1 ends with '${answers[0]}'"
assert Math.abs(Double.parseDouble(epsilon.group(1)) - 1.6163940713) < 1e-9 : "run 1: ${answers[0]}"
assert epsilon.group(2) == '9.3' : "run 1: ${answers[0]}"

assert answers[1] == 'noiseMultiplier=1.416015625' : "run 2 ends with '${answers[1]}'"

def log = lines.join('\n')
assert log.contains('-Dsynthetic.dp.delta (<delta> in the POM): delta=0.001 is not below 1/datasetSize = 1/1000') : 'run 3: no refusal naming -Dsynthetic.dp.delta'
return true
