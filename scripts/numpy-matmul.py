#!/usr/bin/env python3
"""NumPy's side of scripts/bench: matmuls at the training shapes and a forward pass of 10,000 images,
with the same MNIST-like density as the JMH benchmarks (about 19% non-zeros), float64.
Prints microseconds per operation (median of 7 repeats)."""
import statistics
import timeit

import numpy as np

rng = np.random.default_rng(1)


def mnist_like(rows):
    x = rng.random((rows, 784))
    x[rng.random((rows, 784)) >= 0.19] = 0.0
    return x


def us(f, number):
    return statistics.median(timeit.repeat(f, number=number, repeat=7)) / number * 1e6


w1 = rng.standard_normal((30, 784))
b1 = rng.standard_normal(30)
w2 = rng.standard_normal((10, 30))
b2 = rng.standard_normal(10)
for rows, number in ((10, 2000), (10000, 5)):
    x = mnist_like(rows)
    g = rng.standard_normal((rows, 30))
    print(f"numpy forward        rows {rows:5d}  {us(lambda: x @ w1.T, number):12.3f} us/op")
    print(f"numpy weightGradient rows {rows:5d}  {us(lambda: g.T @ x, number):12.3f} us/op")
    print(f"numpy inputGradient  rows {rows:5d}  {us(lambda: g @ w1, number):12.3f} us/op")
x = mnist_like(10000)


def evaluate():
    a1 = 1 / (1 + np.exp(-(x @ w1.T + b1)))
    a2 = 1 / (1 + np.exp(-(a1 @ w2.T + b2)))
    return np.argmax(a2, axis=1)


print(f"numpy evaluate 10,000 images  {us(evaluate, 5):12.3f} us/op")
