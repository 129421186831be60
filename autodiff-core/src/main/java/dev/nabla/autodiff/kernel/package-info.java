/**
 * The loops that compute primitives over {@code double[]} buffers, behind one interface, {@link
 * dev.nabla.autodiff.kernel.Kernels}, with a Vector API implementation and a scalar one chosen at
 * start-up: matrix products for every transpose combination (sparse-aware), the packed-layout products
 * and fused updates of a training step ({@link dev.nabla.autodiff.kernel.PackedMatrix}), activations, and
 * reductions; large ones split over two cores. Kernels write into arrays the caller owns and allocate
 * nothing on their hot paths. They know nothing of expressions.
 */
@CheckReturnValue
package dev.nabla.autodiff.kernel;

import com.google.errorprone.annotations.CheckReturnValue;
