"""Benchmarks of the conv group of torch.nn beside the real PyTorch: conv1d, conv3d, transposed
2-d convolution and dilated conv2d modules, forward and forward + backward (float32)."""
import numpy as np


def _module_case(build, shape, backward):
    """make(lib, ctx) timing build(nn)(x) for x of `shape`; numpy has no such op (None)."""
    def make(lib, ctx):
        if lib == "numpy":
            return lambda: None
        torch = ctx.ours if lib == "ours" else ctx.torch
        torch.manual_seed(0)
        module = build(torch.nn)
        x = torch.from_numpy(np.random.default_rng(0).standard_normal(shape, dtype=np.float32))
        if not backward:
            def fwd():
                with torch.no_grad():
                    module(x)
            return fwd
        x.requires_grad_(True)

        def fwd_bwd():
            module.zero_grad()
            module(x).sum().backward()
        return fwd_bwd
    return make


_CASES = [
    ("conv1d 32x64->64 L256 k5", lambda nn: nn.Conv1d(64, 64, 5, padding=2), (32, 64, 256)),
    ("conv3d 8x16->32 16^3 k3", lambda nn: nn.Conv3d(16, 32, 3, padding=1), (8, 16, 16, 16, 16)),
    ("conv_transpose2d 32x64->32 16x16 k4s2", lambda nn: nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1),
     (32, 64, 16, 16)),
    ("conv2d dilated 32x32->32 32x32 k3d2", lambda nn: nn.Conv2d(32, 32, 3, padding=2, dilation=2),
     (32, 32, 32, 32)),
]


def cases(ctx):
    out = []
    for name, build, shape in _CASES:
        for backward in (False, True):
            make = _module_case(build, shape, backward)
            out.append(("%s %s" % (name, "fwd+bwd" if backward else "fwd"), lambda lib, m=make: m(lib, ctx)))
    return out
