"""Writes engine/src/test/resources/torchscript/tiny_seg.pt (a small TorchScript U-Net-like segmentation model,
3 input channels, 2 classes, scripted with torch.jit.script) and tiny_seg_reference.json (its output on a
formula input, computed by PyTorch itself) for TorchScriptModelTest.
Run with Debian's python3-torch 1.13: /usr/bin/python3 engine/src/build/make_torchscript_fixture.py"""
import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F


def block(cin, cout, stride):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU())


class TinySeg(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = block(3, 8, 2)
        self.enc2 = block(8, 16, 2)
        self.dec1 = block(16 + 8, 8, 1)
        self.head = nn.Conv2d(8, 2, 1)

    def forward(self, x):
        f1 = self.enc1(x)
        f2 = self.enc2(f1)
        y = F.interpolate(f2, scale_factor=2.0, mode="nearest")
        y = self.dec1(torch.cat([y, f1], 1))
        y = F.interpolate(y, scale_factor=2.0, mode="bilinear", align_corners=False)
        return self.head(y)


torch.manual_seed(7)
model = TinySeg()
with torch.no_grad():  # non-trivial batch-norm statistics
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 1.5)
model.eval()
here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "test", "resources", "torchscript")
os.makedirs(out, exist_ok=True)
torch.jit.script(model).save(os.path.join(out, "tiny_seg.pt"))

n = 1 * 3 * 32 * 32
x = torch.tensor([math.sin(i * 0.37) + (i % 7) * 0.1 for i in range(n)], dtype=torch.float32).reshape(1, 3, 32, 32)
with torch.no_grad():
    y = model(x)
flat = y.flatten()
ref = {
    "input": "x[i] = sin(0.37 i) + (i mod 7) * 0.1, i over the row-major (1, 3, 32, 32) array",
    "torch": torch.__version__,
    "shape": list(y.shape),
    "sum": float(flat.double().sum()),
    "l2": float(flat.double().norm()),
    "every97th": [float(v) for v in flat[::97]],
}
with open(os.path.join(out, "tiny_seg_reference.json"), "w") as f:
    json.dump(ref, f, indent=1)
print("wrote", out)
