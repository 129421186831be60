#!/usr/bin/env python3
"""NumPy's side of scripts/compare-with-peer: trains the NumPy peer (PEER_PY, with
its tuned step) on the first 50,000 MNIST training images and records what Nabla needs to replay the
same run: the initial parameters, each epoch's shuffled order, and the parameters and test accuracy
after each epoch.

Usage: peer-trajectory.py PEER_PY MNIST_DIR OUT_DIR SEED EPOCHS
Writes to OUT_DIR, all big-endian: init_{W1,b1,W2,b2}.bin and e<N>_{W1,b1,W2,b2}.bin (float64; W is
[n_in, n_out] row-major, as the peer stores it), perm<N>.bin (int32), peer-accuracy.txt (one line
per epoch: epoch, correct test images)."""
import importlib.util
import os
import sys

import numpy as np

peer_py, mnist_dir, out_dir, seed, epochs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
spec = importlib.util.spec_from_file_location('peer', peer_py)
peer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(peer)

n, batch, eta = 50000, 10, 3.0
x, y, x_test, y_test = peer.load_mnist(mnist_dir, n, np.float64)
rng = np.random.default_rng(seed)             # the peer's own seeding: weights first, then each epoch's order
net = peer.Net((784, 30, 10), rng, np.float64)
os.makedirs(out_dir, exist_ok=True)


def save(prefix):
    for name in ('W1', 'b1', 'W2', 'b2'):
        getattr(net, name).astype('>f8').tofile(os.path.join(out_dir, f'{prefix}_{name}.bin'))


save('init')
with open(os.path.join(out_dir, 'peer-accuracy.txt'), 'w') as acc:
    for e in range(epochs):
        perm = rng.permutation(n)
        perm.astype('>i4').tofile(os.path.join(out_dir, f'perm{e}.bin'))
        for k in range(0, n, batch):
            net.step_tuned(x, y, perm[k:k + batch], eta)
        save(f'e{e}')
        print(e + 1, net.accuracy(x_test, y_test), file=acc)
