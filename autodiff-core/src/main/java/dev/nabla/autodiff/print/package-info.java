/** Printing expressions as infix text, LaTeX in the seeds' notation, and Graphviz DOT. */
@CheckReturnValue
package dev.nabla.autodiff.print;

import com.google.errorprone.annotations.CheckReturnValue;
