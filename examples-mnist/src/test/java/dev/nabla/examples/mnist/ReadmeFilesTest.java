package dev.nabla.examples.mnist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every file the README's commands name is in the repository, and none lies outside it. */
class ReadmeFilesTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void readmeNamesNoFileOutsideTheRepositoryAndEveryScriptAndSampleItNamesExists() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    assertFalse(readme.contains("../"), "a clone has nothing outside the repository");
    Matcher m = Pattern.compile("(scripts/[a-z-]+|examples-mnist/samples/[a-z0-9-]+\\.png)").matcher(readme);
    int named = 0;
    while (m.find()) {
      named++;
      assertTrue(Files.isRegularFile(ROOT.resolve(m.group(1))), m.group(1) + " is named in README but missing");
    }
    assertTrue(named >= 4, "README names the scripts and the sample pictures");
  }
}
