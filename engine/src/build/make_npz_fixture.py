"""Writes engine/src/test/resources/weights/numpy_fixture.npz with NumPy itself (np.savez), so that
NpzReaderTest reads a file produced by the reference implementation. Values follow formulas the test
recomputes: a = arange(24).reshape(2,3,2,2)*0.5-3 (float32), b = arange(6).reshape(2,3)/8 (float16),
c = arange(12).reshape(3,4)*0.25 stored in Fortran order (float64), d = big-endian float32 arange(5)-2,
bn1.num_batches_tracked = int64 scalar 5 (as torchvision state dicts hold).
Run: python3 engine/src/build/make_npz_fixture.py"""
import os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "test", "resources", "weights", "numpy_fixture.npz")
a = (np.arange(24, dtype=np.float32).reshape(2, 3, 2, 2) * 0.5 - 3).astype(np.float32)
b = (np.arange(6).reshape(2, 3) / 8).astype(np.float16)
c = np.asfortranarray(np.arange(12, dtype=np.float64).reshape(3, 4) * 0.25)
d = (np.arange(5) - 2).astype(">f4")
np.savez(out, **{"layer1.0.conv1.weight": a, "b": b, "c": c, "d": d, "bn1.num_batches_tracked": np.array(5, dtype=np.int64)})
print("wrote", out, os.path.getsize(out), "bytes")
