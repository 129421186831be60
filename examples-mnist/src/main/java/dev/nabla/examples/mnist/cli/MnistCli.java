package dev.nabla.examples.mnist.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;

/**
 * {@code ./mnist}: train, evaluate and query a handwritten-digit classifier. Every error is reported
 * in one line (two for a usage error, with the hint to {@code --help}) without a stack trace. Exit
 * status: 0 on success, 1 when the work failed (missing or invalid data or model, divergence, a file
 * that could not be written), 2 for invalid options, 130 when interrupted.
 */
@Command(name = "mnist", mixinStandardHelpOptions = true, version = "nabla mnist 0.1.0",
    description = "Train and use a handwritten-digit classifier on MNIST with Nabla.",
    subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, dev.nabla.examples.mnist.serve.ServeCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit status:%n", exitCodeList = {"0:success", "1:the work failed; the message says why",
        "2:invalid options", "130:interrupted (Ctrl-C)"})
public final class MnistCli {

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line, writing to the given streams; returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new MnistCli());
    // no ANSI colours: picocli would guess a terminal from System.console(), which JDK 22+ returns even
    // when the output is piped, and the escape codes would end up in logs
    cli.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, a) -> {
      String command = e.getCommandLine().getCommandName();
      String prefix = command.equals("mnist") ? "mnist" : "mnist " + command;
      err.println(prefix + ": " + e.getMessage());
      err.println("Run '" + prefix + " --help' for the options.");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      err.println("mnist " + commandLine.getCommandName() + ": " + Messages.of(e));
      return 1;
    });
    return cli.execute(args);
  }
}
