/**
 * Expression graphs as files: {@link dev.nabla.autodiff.io.GraphFile} writes any graph (named outputs,
 * variables with their shapes, constants with their exact values) as versioned, line-oriented text and
 * reads it back, rejecting a bad file with a {@link dev.nabla.autodiff.io.GraphFormatException} that
 * names the line and the problem. Used to ship a cost to other machines (the {@code nabla-spark}
 * module) and to keep a cost beside the results it produced. {@link dev.nabla.autodiff.io.AtomicWrite}
 * writes any file so that a crash never leaves a part of it under its name; graph files, network files
 * and checkpoints are saved with it.
 *
 * <p>Each primitive's entry in the format is one line of {@code NodeFormats}: its name, its inputs,
 * the attributes it writes through the primitive's public accessors, and the public factory that
 * rebuilds it.
 */
@CheckReturnValue
package dev.nabla.autodiff.io;

import com.google.errorprone.annotations.CheckReturnValue;
