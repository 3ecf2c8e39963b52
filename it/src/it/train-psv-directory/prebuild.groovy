// Writes a small hand-made PhysioNet-style directory (made-up values, not real patients): one pipe-separated .psv
// file per ICU stay, named by patient id, hourly rows with ICULOS as the time, static Age/Gender/Unit1 repeated
// on every row, NaN for a missing measurement; a third of the files sit in a subdirectory (recursive scan).
def random = new Random(2019)
def visits = new File(basedir, 'visits')
visits.deleteDir()
new File(visits, 'setB').mkdirs()
(1..30).each { p ->
  def dir = p % 3 == 0 ? new File(visits, 'setB') : visits
  def age = 40 + random.nextInt(45) + random.nextInt(10) / 10.0
  def gender = random.nextInt(2)
  def unit = random.nextInt(2)
  def hours = 4 + random.nextInt(9)
  def hr = 70 + random.nextInt(40)
  def text = new StringBuilder('HR|O2Sat|Temp|SBP|Age|Gender|Unit1|ICULOS|SepsisLabel\n')
  (1..hours).each { hour ->
    hr = Math.max(45, Math.min(150, hr + random.nextInt(11) - 5))
    def o2 = random.nextInt(5) == 0 ? 'NaN' : String.valueOf(92 + random.nextInt(8))
    def temp = random.nextInt(3) == 0 ? 'NaN' : String.format(Locale.ROOT, '%.2f', 36.2 + random.nextInt(25) / 10.0)
    def sbp = random.nextInt(4) == 0 ? 'NaN' : String.valueOf(95 + random.nextInt(50))
    def sepsis = hour > hours - 2 && p % 5 == 0 ? 1 : 0
    text << "${hr}|${o2}|${temp}|${sbp}|${age}|${gender}|${unit}|${hour}|${sepsis}\n"
  }
  new File(dir, String.format('p%06d.psv', p)).setText(text.toString(), 'UTF-8')
}
return true
