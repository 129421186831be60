package dev.nabla.examples.mnist.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link MnistCli} in this JVM and captures what it prints; points at the committed MNIST subset. */
final class Cli {
  private Cli() {}

  /** The exit status and both outputs of one run. */
  record Result(int status, String out, String err) {
    /** For assertion messages. */
    String both() {
      return "exit " + status + "\n--- out:\n" + out + "--- err:\n" + err;
    }

    /** The lines {@code Epoch …} of {@code out}, without their seconds: what two runs of the same training print alike. */
    List<String> epochLines() {
      return out.lines().filter(l -> l.startsWith("Epoch ")).map(l -> l.replaceAll("  [0-9.]+ s", "")).toList();
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = MnistCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(status, out.toString(), err.toString());
  }

  /** {@code mnist train} on the committed subset with {@code --limit 500}, writing into {@code dir}, plus {@code more}. */
  static Result trainOnSubset(Path dir, String... more) {
    List<String> args = new ArrayList<>(List.of("train", "--data", subset().toString(), "--limit", "500",
        "--model-out", dir.resolve("model.nabla").toString(), "--report-dir", dir.resolve("report").toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  /** The directory of the committed subset (1,000 training and 500 test images). */
  static Path subset() {
    try {
      return Path.of(Cli.class.getResource("/mnist/README.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
