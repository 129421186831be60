/** Dense row-major tensors of doubles, their shapes, and NumPy-style broadcasting. */
@CheckReturnValue
package dev.nabla.autodiff.tensor;

import com.google.errorprone.annotations.CheckReturnValue;
