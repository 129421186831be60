// Lays out the project a user gets by following the READMEs: pom.xml is the complete ```xml block of
// autodiff-jqwik/README.md; every ```java block of that README, and of the root README's section
// "Check your own cost with a jqwik property", becomes a test source in package com.example. Each java
// block must be a whole file of that package. The root section's XML must be part of the complete pom,
// so pasting either gives the same project. Writes expected-tests.properties for verify.groovy: the
// number of @Property, @Example and @Test methods of each class.

def moduleText = new File(moduleReadme).getText('UTF-8')
def rootText = new File(rootReadme).getText('UTF-8')
def section = rootText.find(/(?s)\n## Check your own cost with a jqwik property\n.*?(?=\n## |\z)/)
assert section : "README.md has no section '## Check your own cost with a jqwik property'"

def blocks = { String text, String language -> (text =~ /(?s)```${language}\n(.*?)```/).collect { it[1] } }
def normalised = { String xml -> xml.replaceAll(/(?s)<!--.*?-->/, ' ').replaceAll(/\s+/, ' ').trim() }

def poms = blocks(moduleText, 'xml').findAll { it.contains('<project') }
assert poms.size() == 1 : "autodiff-jqwik/README.md should show one complete pom.xml, found ${poms.size()}"
def pom = poms[0]
assert pom.contains("<version>${projectVersion}</version>") : "the README's pom.xml should use version ${projectVersion}"
new File(basedir, 'pom.xml').setText(pom, 'UTF-8')
blocks(section, 'xml').each { fragment ->
  assert normalised(pom).contains(normalised(fragment)) :
      "README.md's jqwik section shows XML that autodiff-jqwik/README.md's pom.xml does not contain:\n${fragment}"
}

def sources = [:]
[['autodiff-jqwik/README.md', moduleText], ['README.md, jqwik section', section]].each { name, text ->
  blocks(text, 'java').eachWithIndex { code, i ->
    assert code =~ /(?m)^package com\.example;$/ : "${name}: java block ${i + 1} is not a whole file in package com.example:\n${code}"
    def declared = code =~ /(?m)^(?:public |final )*class (\w+)/
    assert declared.find() : "${name}: java block ${i + 1} declares no top-level class:\n${code}"
    def cls = declared.group(1)
    assert !sources.containsKey(cls) || sources[cls] == code : "${name}: class ${cls} is shown twice, differently"
    sources[cls] = code
  }
}
assert sources : 'the READMEs show no java blocks'
def dir = new File(basedir, 'src/test/java/com/example')
dir.mkdirs()
def expected = new Properties()
sources.each { cls, code ->
  new File(dir, "${cls}.java").setText(code, 'UTF-8')
  expected.setProperty(cls, String.valueOf((code =~ /@(Property|Example|Test)\b/).size()))
}
new File(basedir, 'expected-tests.properties').withWriter('UTF-8') { expected.store(it, 'tests per README class') }
println "README project: pom.xml and ${sources.size()} test classes (${expected})"
return true
