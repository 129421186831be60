package dev.nabla.examples.mnist.serve;

import dev.nabla.examples.mnist.MnistModel;
import dev.nabla.nn.Network;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mnist serve}: a local web page to draw a digit on and watch the trained network's layers
 * respond. Serves until Ctrl-C (or until the thread running it is interrupted).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Serve a web page to draw digits on and watch the network's layers respond.")
public final class ServeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", paramLabel = "FILE", description = "A model from 'mnist train' (default: ${DEFAULT-VALUE}).",
      defaultValue = "mnist-model.nabla")
  Path model;

  @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).",
      defaultValue = "8080")
  int port;

  @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default: ${DEFAULT-VALUE}: this machine only).",
      defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--data", paramLabel = "DIR", description = "Directory of the MNIST test images, for "
      + "the page's random test digits (default: ${DEFAULT-VALUE}).", defaultValue = "${sys:nabla.mnist.data:-data/mnist}")
  Path data;

  /** Picocli makes it. */
  public ServeCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be in 0..65535, got " + port);
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new ParameterException(spec.commandLine(), "--host '" + host + "' is not an address or a known host name");
    }
    Network net = MnistModel.load(model); // the rule evaluate and predict apply: the file exists and is 784 → … → 10
    TestDigits testDigits = TestDigits.load(data);
    // A client that stalls halfway through its request, or does not read the reply, is cut off
    // after 30 s, which frees its worker thread. The JDK's server reads these settings once, when
    // its first server starts, and a value given with -D wins.
    System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", "30");
    System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", "30");
    DigitServer server;
    try {
      server = DigitServer.start(address, new NetworkInspector(net), testDigits, bug -> bug.printStackTrace(err));
    } catch (BindException e) {
      throw new IllegalStateException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
          + "): choose another port with --port", e);
    }
    out.printf("Serving %s from %s%n", net, model);
    testDigits.unavailableReason().ifPresent(r -> out.println("The page's random test digits are off: " + r));
    out.printf("Open %s in a browser; Ctrl-C stops the server.%n", server.uri());
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "mnist-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      server.close();
    }
    return 0;
  }
}
