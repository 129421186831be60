/**
 * Expression graphs: the sealed {@link dev.nabla.autodiff.graph.Expr}, its leaves ({@link
 * dev.nabla.autodiff.graph.Variable}, {@link dev.nabla.autodiff.graph.Constant}) and the primitives.
 *
 * <p>Each primitive holds all of its rules in its own class or op constant: its shape rule (checked
 * when the node is built), its kernel, its VJP written as expressions (so gradients can be
 * differentiated again) and how it prints ({@link dev.nabla.autodiff.graph.Notation}). Elementwise
 * functions are constants of {@link dev.nabla.autodiff.graph.UnaryOp} and {@link
 * dev.nabla.autodiff.graph.BinaryOp}; reductions of {@link dev.nabla.autodiff.graph.ReduceOp}, each
 * constant holding its own rules. Linear primitives come in transpose pairs, each VJP the other:
 *
 * <ul>
 *   <li>Expand ↔ Reduce(SUM), Reshape ↔ Reshape, Transpose ↔ inverse Transpose;
 *   <li>MatMul ↔ MatMul with transpose flags (bilinear);
 *   <li>Slice (slices and indices) ↔ Pad, Gather ↔ ScatterAdd, Concat (concat and stack) ↔ Slices.
 * </ul>
 *
 * Where chooses between inputs; Count and the comparisons pass no gradient. Functions built from
 * primitives (mean, clip, index, softmax, logSumExp) are in {@link dev.nabla.autodiff.graph.Composites}.
 *
 * <p>{@link dev.nabla.autodiff.graph.Expr} is sealed, and Java requires the permitted subclasses of a
 * sealed class outside a named module to share its package: that is why every primitive lives here.
 */
@CheckReturnValue
package dev.nabla.autodiff.graph;

import com.google.errorprone.annotations.CheckReturnValue;
