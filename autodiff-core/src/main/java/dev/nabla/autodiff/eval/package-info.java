/**
 * Evaluation of expression graphs: {@link dev.nabla.autodiff.eval.Bindings} give variables their
 * values, an {@link dev.nabla.autodiff.eval.Evaluator} computes a list of outputs in one pass, a
 * {@link dev.nabla.autodiff.eval.Plan} compiles them into a program with fused instructions and buffers
 * reused by liveness, and a {@link dev.nabla.autodiff.eval.TrainingStep} compiles a cost, its gradient
 * and the update of its parameters into one program that owns them (packed layouts, the update fused
 * into the weight gradient, inputs' non-zeros kept with the data in {@link
 * dev.nabla.autodiff.eval.SparseRows}).
 */
@CheckReturnValue
package dev.nabla.autodiff.eval;

import com.google.errorprone.annotations.CheckReturnValue;
