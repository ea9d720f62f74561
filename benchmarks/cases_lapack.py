"""Benchmark cases of the LAPACK group: solve and SVD of 512 x 512 matrices, and small batches."""
import numpy as np


def cases(ctx):
    """linalg.solve and linalg.svd of 512x512 float64 / float32, inv, cholesky, a batch of small solves."""
    rng = np.random.default_rng(0)
    conv = ctx.conv
    mats = {}
    for dt in (np.float64, np.float32):
        a = rng.standard_normal((512, 512)).astype(dt) + 512 * np.eye(512, dtype=dt) * 0.1
        b = rng.standard_normal((512, 64)).astype(dt)
        mats[dt] = (a, b)
    small_a = rng.standard_normal((256, 8, 8)) + 8 * np.eye(8)
    small_b = rng.standard_normal((256, 8, 1))
    spd = mats[np.float64][0] @ mats[np.float64][0].T + 512 * np.eye(512)

    def solve(dt, a=None, b=None):
        def make(lib):
            x, y = (mats[dt] if a is None else (a, b))
            x, y = conv(lib, x), conv(lib, y)
            if lib == "numpy":
                return lambda: np.linalg.solve(x, y)
            mod = ctx.ours if lib == "ours" else ctx.torch
            return lambda: mod.linalg.solve(x, y)
        return make

    def svd(dt):
        def make(lib):
            x = conv(lib, mats[dt][0])
            if lib == "numpy":
                return lambda: np.linalg.svd(x, full_matrices=False)
            mod = ctx.ours if lib == "ours" else ctx.torch
            return lambda: mod.linalg.svd(x, full_matrices=False)
        return make

    def unary(np_fn, name, x):
        def make(lib):
            t = conv(lib, x)
            if lib == "numpy":
                return lambda: np_fn(t)
            fn = getattr((ctx.ours if lib == "ours" else ctx.torch).linalg, name)
            return lambda: fn(t)
        return make

    return [
        ("linalg.solve 512x512 (64 rhs) float64", solve(np.float64)),
        ("linalg.solve 512x512 (64 rhs) float32", solve(np.float32)),
        ("linalg.svd 512x512 float64", svd(np.float64)),
        ("linalg.svd 512x512 float32", svd(np.float32)),
        ("linalg.inv 512x512 float64", unary(np.linalg.inv, "inv", mats[np.float64][0])),
        ("linalg.cholesky 512x512 float64", unary(np.linalg.cholesky, "cholesky", spd)),
        ("linalg.eigh 512x512 float64", unary(np.linalg.eigh, "eigh", spd)),
        ("linalg.det 512x512 float64", unary(np.linalg.det, "det", mats[np.float64][0])),
        ("linalg.solve 256 x 8x8 batch float64", solve(None, small_a, small_b)),
    ]
