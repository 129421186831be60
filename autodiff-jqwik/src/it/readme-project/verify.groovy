// Checks, from Surefire's reports, that every README class ran all its properties and that they passed,
// and that the summary line README tells users to look for is there.

def log = new File(basedir, 'build.log').getText('UTF-8')
if (!log.contains('BUILD SUCCESS')) {
  def errors = log.readLines().findAll { it.startsWith('[ERROR]') || it.startsWith('Error executing') }.take(20).join('\n')
  throw new AssertionError("the README project's build failed (" + new File(basedir, 'build.log') + "):\n" + errors)
}

def expected = new Properties()
new File(basedir, 'expected-tests.properties').withReader('UTF-8') { expected.load(it) }
def attribute = { String xml, String name -> Integer.parseInt((xml =~ /<testsuite [^>]*\b${name}="(\d+)"/)[0][1]) }
int total = 0
expected.each { cls, count ->
  def report = new File(basedir, "target/surefire-reports/TEST-com.example.${cls}.xml")
  assert report.isFile() : "Surefire did not run com.example.${cls}: no ${report.name} (do the includes pick it up?)"
  def xml = report.getText('UTF-8')
  assert attribute(xml, 'tests') == Integer.parseInt(count) : "com.example.${cls}: ran ${attribute(xml, 'tests')} of ${count} tests"
  ['failures', 'errors', 'skipped'].each { assert attribute(xml, it) == 0 : "com.example.${cls}: ${attribute(xml, it)} ${it}" }
  total += Integer.parseInt(count)
}
def summary = "Tests run: ${total}, Failures: 0, Errors: 0, Skipped: 0"
assert log.contains(summary) : "build.log lacks Surefire's summary '${summary}'"
println "README project: ${total} properties in ${expected.size()} classes ran and passed"
return true
