"""PyTorch twin of EMSym's U-Net with the ResNet-18 encoder, for the benchmark harness (bench/run).

Mirrors org.emsym.engine.model.UNet, DecoderBlock, Layers and resnet.ResNetEncoder layer by layer:
  encoder  torchvision ResNet-18 trunk (conv1 7x7/2, bn1, relu [stride 2 feature], maxpool 3x3/2 pad 1,
           layer1..layer4 of BasicBlocks [strides 4, 8, 16, 32]), parameter names as in torchvision
  decoder  5 stages, coarsest first, widths 256, 128, 64, 32, 16: bilinear upsample x2 (align_corners=False),
           concatenate the next finer feature map (stages 0-3), then 2 x (3x3 conv no bias, BN, ReLU)
  head     1x1 convolution with bias to `classes` logits
Batch norms use eps 1e-5 and momentum 0.1 (DJL momentum 0.9), as Layers.batchNorm() does.

The state-dict names are the contract with org.emsym.bench.TorchNames (Java side):
  encoder.<torchvision name>, decoder.<i>.{conv1,bn1,conv2,bn2}.*, head.{weight,bias}

Commands (each prints one line "RESULT <json>"):
  step    --batch B --size S --in-channels C --threads T --warmup W --steps N
          times forward + (0.5 BCE + 0.5 soft Dice) + backward + AdamW (wd 1e-4 on conv weights only)
  parity  --weights FILE --data FILE --threads T
          loads the state dict (weights npz) and the input and DJL's outputs (data npz: input, output_eval,
          output_train), all written by the Java harness, and reports
          the largest absolute difference of PyTorch's outputs (eval and train mode)
"""
import argparse
import json
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv(in_ch, out_ch, kernel, stride=1):
    """Layers.conv: square kernel, 'same' padding for odd kernels, no bias."""
    return nn.Conv2d(in_ch, out_ch, kernel, stride=stride, padding=kernel // 2, bias=False)


def batch_norm(ch):
    return nn.BatchNorm2d(ch, eps=1e-5, momentum=0.1)


class BasicBlock(nn.Module):
    def __init__(self, in_ch, width, stride):
        super().__init__()
        self.conv1 = conv(in_ch, width, 3, stride)
        self.bn1 = batch_norm(width)
        self.conv2 = conv(width, width, 3, 1)
        self.bn2 = batch_norm(width)
        self.downsample = None
        if stride != 1 or in_ch != width:
            self.downsample = nn.Sequential(conv(in_ch, width, 1, stride), batch_norm(width))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        shortcut = x if self.downsample is None else self.downsample(x)
        return F.relu(y + shortcut)


class ResNet18Encoder(nn.Module):
    """Returns five feature maps, finest first (strides 2, 4, 8, 16, 32)."""

    def __init__(self, in_channels):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 64, 7, stride=2, padding=3, bias=False)
        self.bn1 = batch_norm(64)
        widths = [64, 128, 256, 512]
        in_ch = 64
        for s, width in enumerate(widths):
            units = []
            for u in range(2):
                units.append(BasicBlock(in_ch, width, 2 if s > 0 and u == 0 else 1))
                in_ch = width
            setattr(self, "layer%d" % (s + 1), nn.Sequential(*units))
        self.feature_channels = [64, 64, 128, 256, 512]

    def forward(self, x):
        f = F.relu(self.bn1(self.conv1(x)))
        features = [f]
        f = F.max_pool2d(f, 3, 2, 1)
        for layer in (self.layer1, self.layer2, self.layer3, self.layer4):
            f = layer(f)
            features.append(f)
        return features


class DecoderBlock(nn.Module):
    def __init__(self, in_ch, out_ch, factor):
        super().__init__()
        self.factor = factor
        self.conv1 = conv(in_ch, out_ch, 3)
        self.bn1 = batch_norm(out_ch)
        self.conv2 = conv(out_ch, out_ch, 3)
        self.bn2 = batch_norm(out_ch)

    def forward(self, x, skip=None):
        if self.factor != 1:
            x = F.interpolate(x, size=(x.shape[2] * self.factor, x.shape[3] * self.factor), mode="bilinear",
                              align_corners=False)
        if skip is not None:
            x = torch.cat([x, skip], dim=1)
        x = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(x)))


class UNet(nn.Module):
    def __init__(self, in_channels=3, decoder_channels=(256, 128, 64, 32, 16), classes=1):
        super().__init__()
        self.encoder = ResNet18Encoder(in_channels)
        channels = self.encoder.feature_channels
        n = len(channels)
        blocks = []
        x = channels[-1]
        for i, out_ch in enumerate(decoder_channels):
            skip = channels[n - 2 - i] if i + 1 < n else 0
            blocks.append(DecoderBlock(x + skip, out_ch, 2))
            x = out_ch
        self.decoder = nn.ModuleList(blocks)
        self.head = nn.Conv2d(x, classes, 1, bias=True)

    def forward(self, x):
        features = self.encoder(x)
        n = len(features)
        y = features[-1]
        for i, block in enumerate(self.decoder):
            y = block(y, features[n - 2 - i] if i + 1 < n else None)
        return self.head(y)


def segmentation_loss(logits, targets):
    """SegmentationLoss(0.5, 0.5): mean BCE on logits + (1 - soft Dice), Dice smoothing 1."""
    bce = F.binary_cross_entropy_with_logits(logits, targets)
    p = torch.sigmoid(logits)
    dice = 1 - (2 * (p * targets).sum() + 1) / (p.sum() + targets.sum() + 1)
    return 0.5 * bce + 0.5 * dice


def set_threads(threads):
    torch.set_num_threads(threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass  # already set


def cmd_step(a):
    set_threads(a.threads)
    torch.manual_seed(1)
    model = UNet(a.in_channels)
    model.train()
    # AdamW as org.emsym.engine.train.AdamOptimizer: decay only on weights of type WEIGHT (convolution kernels)
    decayed = [p for n, p in model.named_parameters() if n.endswith("weight") and p.dim() == 4]
    other = [p for n, p in model.named_parameters() if not (n.endswith("weight") and p.dim() == 4)]
    opt = torch.optim.AdamW([{"params": decayed, "weight_decay": 1e-4}, {"params": other, "weight_decay": 0.0}],
                            lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    g = torch.Generator().manual_seed(2)
    x = torch.rand(a.batch, a.in_channels, a.size, a.size, generator=g)
    t = (torch.rand(a.batch, 1, a.size, a.size, generator=g) > 0.5).float()
    times = []
    for i in range(a.warmup + a.steps):
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=False)
        loss = segmentation_loss(model(x), t)
        loss.backward()
        opt.step()
        value = loss.item()
        if i >= a.warmup:
            times.append(time.perf_counter() - t0)
    print("RESULT " + json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                                  "step_seconds": times, "loss": value}), flush=True)


def cmd_parity(a):
    set_threads(a.threads)
    data = np.load(a.data)
    weights = np.load(a.weights)
    model = UNet(int(data["input"].shape[1]))
    state = {k: torch.from_numpy(weights[k]) for k in weights.files}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.endswith("num_batches_tracked")]
    if missing or unexpected:
        raise SystemExit("state dict mismatch: missing %s, unexpected %s" % (missing, unexpected))
    x = torch.from_numpy(data["input"])
    result = {"torch": torch.__version__, "parameters": len(state)}
    with torch.no_grad():
        model.eval()
        out = model(x).numpy()
        result["eval_max_abs_diff"] = float(np.abs(out - data["output_eval"]).max())
        result["eval_max_abs_output"] = float(np.abs(out).max())
        model.train()  # batch statistics instead of running statistics
        out = model(x).numpy()
        result["train_max_abs_diff"] = float(np.abs(out - data["output_train"]).max())
        result["train_max_abs_output"] = float(np.abs(out).max())
    print("RESULT " + json.dumps(result), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("step")
    s.add_argument("--batch", type=int, default=8)
    s.add_argument("--size", type=int, default=256)
    s.add_argument("--in-channels", type=int, default=3)
    s.add_argument("--threads", type=int, default=2)
    s.add_argument("--warmup", type=int, default=1)
    s.add_argument("--steps", type=int, default=3)
    s.set_defaults(run=cmd_step)
    q = sub.add_parser("parity")
    q.add_argument("--weights", required=True)
    q.add_argument("--data", required=True)
    q.add_argument("--threads", type=int, default=2)
    q.set_defaults(run=cmd_parity)
    a = p.parse_args()
    a.run(a)


if __name__ == "__main__":
    main()
