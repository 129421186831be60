package dev.nabla.examples.mnist.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** A failure as one line for the command line's user: the file and the reason, never an exception's class name. */
final class Messages {
  private Messages() {}

  static String of(Throwable e) {
    if (e instanceof NoSuchFileException f && f.getReason() == null) {
      return f.getFile() + ": no such file or directory";
    }
    if (e instanceof AccessDeniedException f && f.getReason() == null) {
      return f.getFile() + ": permission denied";
    }
    if (e instanceof FileSystemException f && f.getFile() != null && f.getReason() != null) {
      return f.getFile() + ": " + f.getReason();
    }
    if (e instanceof OutOfMemoryError) {
      return "out of memory (the launcher gives Java 2 GB with -Xmx2g)";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? "failed unexpectedly, without a message; please report this" : message;
  }
}
