package dev.nabla.examples.mnist.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./mnist}: train, evaluate and query a handwritten-digit classifier. Argument errors are one
 * line and exit with status 2; training problems (missing data, divergence) are one line and exit 1.
 */
@Command(name = "mnist", mixinStandardHelpOptions = true, version = "nabla mnist 0.1.0",
    description = "Train and use a handwritten-digit classifier on MNIST with Nabla.",
    subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, dev.nabla.examples.mnist.serve.ServeCommand.class, CommandLine.HelpCommand.class})
public final class MnistCli {

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line, writing to the given streams; returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new MnistCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("mnist: " + e.getMessage());
      err.println("Run 'mnist " + (e.getCommandLine().getCommandName().equals("mnist") ? "" : e.getCommandLine().getCommandName() + " ")
          + "--help' for the options.");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      err.println("mnist " + commandLine.getCommandName() + ": " + e.getMessage());
      return e instanceof IllegalArgumentException ? 2 : 1;
    });
    return cli.execute(args);
  }
}
