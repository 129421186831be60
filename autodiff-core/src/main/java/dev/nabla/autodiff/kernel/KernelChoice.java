package dev.nabla.autodiff.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;
import java.util.Optional;

/**
 * How {@link Kernels#get()} is chosen, once, when a kernel is first needed: the pattern of Apache
 * Lucene's and jvector's vectorization providers. The Vector API implementation ({@code VectorKernels})
 * is loaded by name only after the {@code jdk.incubator.vector} module has been found in the boot layer,
 * so a JVM without it never loads a class that refers to it.
 *
 * <p><b>The hint.</b> When {@value Kernels#PROPERTY} is {@code auto} (the default) and the vector
 * kernels cannot be used, one warning says why and how to enable them, e.g. "add --add-modules
 * jdk.incubator.vector to the JVM's options". It goes to {@link System.Logger} (logger {@code
 * dev.nabla.autodiff.kernel}), not to {@code System.err}: a library should not print, and a logger lets
 * an application route or silence it like its other logs. With no logging configured, the JDK's default
 * sends it to standard error, so a user who never heard of the flag still sees it. It is logged once
 * per JVM, from here only; nothing is logged when a property forced the choice.
 */
final class KernelChoice {
  private static final System.Logger LOG = System.getLogger("dev.nabla.autodiff.kernel");
  private static final String ENABLE = "add --add-modules jdk.incubator.vector to the JVM's options "
      + "(java --add-modules jdk.incubator.vector ..., or MAVEN_OPTS/argLine for tests)";

  private KernelChoice() {}

  /** The vector implementation, or why there is none; looked up on first use. */
  private static final class VectorHolder {
    static final String PROBLEM;
    static final Kernels VECTOR;

    static {
      String problem = vectorProblem();
      Kernels vector = null;
      if (problem == null) {
        try {
          vector = load();
        } catch (UnsupportedOperationException e) {
          problem = e.getMessage();
        }
      }
      PROBLEM = problem;
      VECTOR = vector;
    }
  }

  /** The chosen implementation, or the error explaining why the property's choice cannot be had. */
  private static final class ChosenHolder {
    static final Kernels CHOSEN;
    static final String ERROR;

    static {
      String wanted = System.getProperty(Kernels.PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
      Kernels chosen = null;
      String error = null;
      switch (wanted) {
        case "scalar" -> chosen = Kernels.scalar();
        case "vector" -> {
          chosen = VectorHolder.VECTOR;
          if (chosen == null) {
            error = Kernels.PROPERTY + "=vector, but the vector kernels cannot be used: " + VectorHolder.PROBLEM;
          }
        }
        case "auto", "" -> {
          chosen = VectorHolder.VECTOR;
          if (chosen == null) {
            chosen = Kernels.scalar();
            LOG.log(System.Logger.Level.WARNING, "Nabla runs its kernels as scalar loops, several times slower than "
                + "its Vector API kernels, because " + VectorHolder.PROBLEM);
          }
        }
        default -> error = Kernels.PROPERTY + "=" + wanted + ": expected auto, vector or scalar";
      }
      CHOSEN = chosen;
      ERROR = error;
    }
  }

  static Kernels chosen() {
    Kernels k = ChosenHolder.CHOSEN;
    if (k == null) {
      throw new IllegalStateException(ChosenHolder.ERROR);
    }
    return k;
  }

  static Optional<Kernels> vector() {
    return Optional.ofNullable(VectorHolder.VECTOR);
  }

  /** Why the vector kernels cannot run in this JVM, or null when they can. */
  private static String vectorProblem() {
    Optional<Module> module = ModuleLayer.boot().findModule("jdk.incubator.vector");
    if (module.isEmpty()) {
      return "the jdk.incubator.vector module is not readable; to enable the fast path, " + ENABLE;
    }
    String info = System.getProperty("java.vm.info", "");
    if (info.contains("interpreted mode") || info.contains("emulated-client")) {
      return "the JVM runs without the C2 compiler (" + info + "), which the Vector API needs to be fast";
    }
    Kernels.class.getModule().addReads(module.get()); // a no-op on the class path; needed in a named module
    return null;
  }

  /**
   * Loads {@code VectorKernels} by name, so that nothing here refers to the incubator module.
   *
   * @throws UnsupportedOperationException when the machine's vectors are too short to pay
   */
  private static Kernels load() {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      Class<?> type = lookup.findClass(KernelChoice.class.getPackageName() + ".VectorKernels");
      return (Kernels) lookup.findConstructor(type, MethodType.methodType(void.class)).invoke();
    } catch (UnsupportedOperationException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new LinkageError("cannot load the vector kernels: " + e, e);
    }
  }
}
