#!/usr/bin/env python3
"""Writes small Keras-layout HDF5 weight files with h5py, exactly as Keras 2 `save_weights` / `model.save`
lay them out (fixed-length byte-string attributes `layer_names` / `weight_names`, layers without weights
listed with an empty `weight_names`, nested datasets named `<layer>/<weight>:0`), for KerasH5WeightsReaderTest.

    python3 make-keras-h5-fixtures.py ../../test/resources/keras-h5     (h5py 3.7, numpy; Debian python3-h5py)

Every value is v[i] = 0.001 * (i + 1) * (-1)**i + 0.1 * t over the flat HWIO/vector index i, t the tensor's
position in the file, so the test can recompute them independently.
"""
import sys

import h5py
import numpy as np

LAYERS = [
    ("input_1", []),
    ("Conv1_pad", []),
    ("Conv1", [("kernel", (3, 3, 3, 4))]),
    ("bn_Conv1", [("gamma", (4,)), ("beta", (4,)), ("moving_mean", (4,)), ("moving_variance", (4,))]),
    ("expanded_conv_depthwise", [("depthwise_kernel", (3, 3, 4, 1))]),
    ("dense_1", [("kernel", (4, 2)), ("bias", (2,))]),
]


def values(shape, t):
    n = int(np.prod(shape))
    i = np.arange(n)
    return (0.001 * (i + 1) * np.where(i % 2 == 0, 1, -1) + 0.1 * t).astype(np.float32).reshape(shape)


def write_layers(group):
    group.attrs["layer_names"] = np.array([name.encode("utf8") for name, _ in LAYERS])
    group.attrs["backend"] = b"tensorflow"
    group.attrs["keras_version"] = b"2.2.4"
    t = 0
    for name, weights in LAYERS:
        g = group.create_group(name)
        g.attrs["weight_names"] = np.array([f"{name}/{w}:0".encode("utf8") for w, _ in weights])
        for w, shape in weights:
            g.create_dataset(f"{name}/{w}:0", data=values(shape, t))
            t += 1


def main(out):
    with h5py.File(f"{out}/weights.h5", "w") as f:
        write_layers(f)
    with h5py.File(f"{out}/model.h5", "w") as f:
        f.attrs["model_config"] = b'{"class_name": "Model"}'
        write_layers(f.create_group("model_weights"))


if __name__ == "__main__":
    main(sys.argv[1])
