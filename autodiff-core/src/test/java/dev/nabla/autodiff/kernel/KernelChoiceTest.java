package dev.nabla.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The implementation chosen at start-up is the one the build's property asks for: {@code mvn verify}
 * runs autodiff-core's tests once with {@code nabla.kernels=vector} and once with {@code scalar}, so
 * both are what the other tests exercise through {@link Kernels#get()}.
 */
class KernelChoiceTest {
  @Test
  void thePropertyChoosesTheImplementation() {
    String wanted = System.getProperty(Kernels.PROPERTY, "auto");
    Kernels chosen = Kernels.get();
    switch (wanted) {
      case "scalar" -> assertEquals("scalar", chosen.name());
      case "vector" -> assertTrue(chosen.name().startsWith("vector"), chosen.name());
      default -> assertEquals(Kernels.vector().isPresent() ? Kernels.vector().get() : Kernels.scalar(), chosen);
    }
  }

  @Test
  void theVectorKernelsLoadWhenTheModuleIsReadable() {
    boolean readable = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    assertEquals(readable, Kernels.vector().isPresent(), "module readable: " + readable);
  }
}
