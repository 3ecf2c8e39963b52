// Writes 600 made-up hospital encounters (not real patients): age, sex and three diagnosis slots of ICD-9-shaped
// codes with Zipf-like frequencies (categories such as 428 and V57, subcodes such as 250.83), and four codes held
// by a single encounter each: 428.97 and 250.99 (subcodes of frequent categories), 998 and V98 (no such parent).
def random = new Random(17)
def categories = ['428', '250', '401', '414', '427', '486', '584', '599', 'V57', 'V58', 'E849', '996']
def codes = []
categories.each { category ->
  codes << category
  (1..3).each { s -> codes << (category.startsWith('E') ? "${category}.${s}" : "${category}.${11 * s}") }
}
def weights = (0..<codes.size()).collect { 1.0 / Math.pow(it + 1, 1.1) }
def total = weights.sum()
def pick = {
  def u = random.nextDouble() * total
  for (int i = 0; i < codes.size(); i++) {
    u -= weights[i]
    if (u < 0) {
      return codes[i]
    }
  }
  return codes[-1]
}
def rows = (1..600).collect { [String.valueOf(18 + random.nextInt(70)), random.nextBoolean() ? 'F' : 'M', pick(), pick(), random.nextInt(10) == 0 ? '' : pick()] }
['428.97', '250.99', '998', 'V98'].eachWithIndex { code, i -> rows[100 * i + 7][2 + i % 3] = code }
def text = new StringBuilder('age,sex,diag_1,diag_2,diag_3\n')
rows.each { text << it.join(',') << '\n' }
new File(basedir, 'encounters.csv').setText(text.toString(), 'UTF-8')
return true
