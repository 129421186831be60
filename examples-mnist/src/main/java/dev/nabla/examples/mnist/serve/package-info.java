/**
 * {@code mnist serve}: a local web page to draw a digit on and watch a trained network think, as in
 * 3Blue1Brown's lesson: the 28×28 input it sees, each layer's activations, the ten outputs, and any
 * hidden neuron's incoming weights.
 *
 * <p>{@link dev.nabla.examples.mnist.serve.DigitServer} serves the page (static files from the jar)
 * and a JSON API on the JDK's {@code com.sun.net.httpserver}; {@link
 * dev.nabla.examples.mnist.serve.NetworkInspector} computes what the API returns; {@link
 * dev.nabla.examples.mnist.serve.ServeCommand} is the command line.
 *
 * <pre>{@code
 * ./mnist train          # saves mnist-model.nabla
 * ./mnist serve          # prints http://127.0.0.1:8080/
 * curl -H 'Content-Type: image/png' --data-binary @digit.png http://127.0.0.1:8080/api/predict
 * }</pre>
 */
@CheckReturnValue
package dev.nabla.examples.mnist.serve;

import com.google.errorprone.annotations.CheckReturnValue;
