"""Parity fixture for ResNetTorchvisionParityTest (opt-in: too large to commit). Writes into OUTDIR:
  <arch>_state_dict.npz  the full torchvision state dict (random init, seed 0, random BN statistics; includes fc.*
                         and the int64 num_batches_tracked counters, as a real export does)
  <arch>_features.npz    input x (1,3,64,64: x[i] = sin(0.37 i) + (i mod 7) 0.1) and the eval-mode feature maps
                         f0 = relu(bn1(conv1 x)), f1..f4 = layer1..layer4
Run: /usr/bin/python3 engine/src/build/torchvision_resnet_parity.py OUTDIR [resnet18 resnet34 resnet50]
Then: mvn -pl engine test -Dtest=ResNetTorchvisionParityTest -Demsym.parity.dir=OUTDIR"""
import math
import os
import sys

import numpy as np
import torch
import torchvision

out = sys.argv[1]
archs = sys.argv[2:] or ["resnet18"]
os.makedirs(out, exist_ok=True)
n = 3 * 64 * 64
x = torch.tensor([math.sin(i * 0.37) + (i % 7) * 0.1 for i in range(n)], dtype=torch.float32).reshape(1, 3, 64, 64)
for arch in archs:
    torch.manual_seed(0)
    m = getattr(torchvision.models, arch)()
    with torch.no_grad():
        for mod in m.modules():
            if isinstance(mod, torch.nn.BatchNorm2d):
                mod.running_mean.uniform_(-0.3, 0.3)
                mod.running_var.uniform_(0.5, 2.0)
                mod.weight.uniform_(0.5, 1.5)
                mod.bias.uniform_(-0.2, 0.2)
    m.eval()
    np.savez(os.path.join(out, arch + "_state_dict.npz"), **{k: v.numpy() for k, v in m.state_dict().items()})
    with torch.no_grad():
        f0 = m.relu(m.bn1(m.conv1(x)))
        f1 = m.layer1(m.maxpool(f0))
        f2 = m.layer2(f1)
        f3 = m.layer3(f2)
        f4 = m.layer4(f3)
    np.savez(os.path.join(out, arch + "_features.npz"), x=x.numpy(), f0=f0.numpy(), f1=f1.numpy(), f2=f2.numpy(),
             f3=f3.numpy(), f4=f4.numpy())
    print("wrote", arch, "to", out)
