package dev.nabla.examples.mnist.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Checks, before any training, that the model file and the report directory can be written: so a bad
 * path fails at once with the path and the reason, not after every epoch has run. Writability is
 * tested by creating (and deleting) a file, which also works for root and on read-only mounts, where
 * permission bits alone would say yes.
 */
final class OutputPaths {
  private OutputPaths() {}

  /** A problem with an output path, with a message that names it. */
  static final class UnwritablePathException extends IOException {
    private static final long serialVersionUID = 1L;

    UnwritablePathException(String message) {
      super(message);
    }
  }

  /**
   * Checks that {@code file} can be created or replaced: its directory exists and is writable, and the
   * file itself is not a directory.
   *
   * @param option the option that gave the path, for the message
   */
  static void checkFile(String option, Path file) throws UnwritablePathException {
    Path absolute = file.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw new UnwritablePathException(option + " " + file + " is a directory; give a file name, e.g. "
          + file.resolve("mnist-model.nabla"));
    }
    Path dir = absolute.getParent();
    if (!Files.exists(dir)) {
      throw new UnwritablePathException(option + " " + file + ": directory " + dir + " does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new UnwritablePathException(option + " " + file + ": " + dir + " is not a directory");
    }
    probe(option + " " + file, dir);
  }

  /**
   * Creates {@code dir} (and missing parents) if needed and checks that files can be written in it.
   *
   * @param option the option that gave the path, for the message
   */
  static void prepareDirectory(String option, Path dir) throws UnwritablePathException {
    Path absolute = dir.toAbsolutePath();
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      throw new UnwritablePathException(option + " " + dir + " is a file, not a directory");
    }
    for (Path p = absolute.getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        if (!Files.isDirectory(p)) {
          throw new UnwritablePathException(option + " " + dir + ": " + p + " is a file, not a directory");
        }
        break;
      }
    }
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw new UnwritablePathException(option + " " + dir + ": cannot create the directory (" + reason(e) + ")");
    }
    probe(option + " " + dir, absolute);
  }

  private static void probe(String what, Path dir) throws UnwritablePathException {
    Path probe = dir.resolve(".nabla-write-test." + UUID.randomUUID());
    try {
      Files.newByteChannel(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
      Files.delete(probe);
    } catch (IOException e) {
      throw new UnwritablePathException(what + ": directory " + dir + " is not writable (" + reason(e) + ")");
    }
  }

  /** The operating system's reason, without Java's exception names. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
