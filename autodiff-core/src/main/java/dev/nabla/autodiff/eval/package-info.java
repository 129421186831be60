/**
 * Evaluation of expression graphs: {@link dev.nabla.autodiff.eval.Bindings} give variables their
 * values, an {@link dev.nabla.autodiff.eval.Evaluator} computes a list of outputs in one pass.
 */
@CheckReturnValue
package dev.nabla.autodiff.eval;

import com.google.errorprone.annotations.CheckReturnValue;
