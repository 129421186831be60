/**
 * The loops that compute primitives over {@code double[]} buffers: matrix products for every transpose
 * combination (sparse-aware, split over two cores when large), and reductions. Kernels write into
 * arrays the caller owns and allocate nothing on their hot paths. They know nothing of expressions.
 */
@CheckReturnValue
package dev.nabla.autodiff.kernel;

import com.google.errorprone.annotations.CheckReturnValue;
