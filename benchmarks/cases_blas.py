"""Benchmark cases of the matrix products: sgemm / dgemm at 512, 1024, 2048 and a batched product
of 64 small float32 matrices.  GFLOP/s = 2 n^3 / time (2 B n^3 for bmm)."""
import numpy as np


def cases(ctx):
    """(name, make) pairs: square matmuls in float32 and float64, and bmm of 64 x 128 x 128."""
    rng = np.random.default_rng(0)
    conv = ctx.conv

    def matmul(n, dtype):
        x = rng.standard_normal((n, n)).astype(dtype)
        y = rng.standard_normal((n, n)).astype(dtype)

        def make(lib):
            a, b = conv(lib, x), conv(lib, y)
            return lambda: a @ b
        return make

    def bmm(lib):
        x = np.random.default_rng(1).standard_normal((64, 128, 128), dtype=np.float32)
        y = np.random.default_rng(2).standard_normal((64, 128, 128), dtype=np.float32)
        a, b = conv(lib, x), conv(lib, y)
        if lib == "numpy":
            return lambda: np.matmul(a, b)
        return lambda: a.bmm(b)

    out = []
    for dtype, name in ((np.float32, "sgemm"), (np.float64, "dgemm")):
        for n in (512, 1024, 2048):
            out.append(("%s %dx%d" % (name, n, n), matmul(n, dtype)))
    out.append(("bmm 64x128x128 float32", bmm))
    return out
