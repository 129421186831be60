/** PNG pictures of a training run: accuracy and cost curves, first-layer weights, misclassified digits. */
@CheckReturnValue
package dev.nabla.examples.mnist.report;

import com.google.errorprone.annotations.CheckReturnValue;
