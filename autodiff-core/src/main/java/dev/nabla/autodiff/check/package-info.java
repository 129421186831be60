/**
 * Gradient checking: reverse-mode gradients against central finite differences, with a report and an
 * assertion for tests and jqwik properties.
 */
@CheckReturnValue
package dev.nabla.autodiff.check;

import com.google.errorprone.annotations.CheckReturnValue;
