"""Benchmark cases of the random group: filling 4M float32 with uniform and normal samples."""
import numpy as np

N = 4 * 1024 * 1024


def cases(ctx):
    """rand / randn of 4M float32 beside numpy's Generator (PCG64) and PyTorch (MT19937, like ours)."""

    def sampler(kind):
        def make(lib):
            if lib == "numpy":
                rng = np.random.default_rng(0)
                fn = rng.random if kind == "rand" else rng.standard_normal
                return lambda: fn(N, dtype=np.float32)
            mod = ctx.ours if lib == "ours" else ctx.torch
            mod.manual_seed(0)
            fn = getattr(mod, kind)
            return lambda: fn(N, dtype=mod.float32)
        return make

    def inplace(kind):
        def make(lib):
            if lib == "numpy":
                rng = np.random.default_rng(0)
                out = np.empty(N, np.float32)
                fn = rng.random if kind == "uniform_" else rng.standard_normal
                return lambda: fn(dtype=np.float32, out=out)
            mod = ctx.ours if lib == "ours" else ctx.torch
            t = mod.empty(N, dtype=mod.float32)
            fn = getattr(t, kind)
            return lambda: fn()
        return make

    return [
        ("rand 4M float32", sampler("rand")),
        ("randn 4M float32", sampler("randn")),
        ("uniform_ 4M float32 in place", inplace("uniform_")),
        ("normal_ 4M float32 in place", inplace("normal_")),
    ]
