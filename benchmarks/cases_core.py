"""Benchmark cases of the TH core issue: elementwise, reductions, small-op overhead."""
import numpy as np


def cases(ctx):
    """The TH core cases: elementwise ops, reductions, and the per-op overhead on tiny tensors."""
    rng = np.random.default_rng(0)
    a4 = rng.standard_normal(4 * 1024 * 1024, dtype=np.float32)
    b4 = rng.standard_normal(4 * 1024 * 1024, dtype=np.float32)
    m2 = rng.standard_normal((2048, 2048), dtype=np.float32)
    n2 = rng.standard_normal((2048, 2048), dtype=np.float32)
    s16 = rng.standard_normal(16 * 1024 * 1024, dtype=np.float32)
    s4k = rng.standard_normal((4096, 4096), dtype=np.float32)

    conv = ctx.conv

    def add(x, y):
        return lambda lib: (lambda a, b: (lambda: a + b))(conv(lib, x), conv(lib, y))

    def transposed_add(lib):
        a, b = conv(lib, m2), conv(lib, n2)
        a, b = (a.T, b.T) if lib == "numpy" else (a.t(), b.t())
        return lambda: a + b

    def exp(x, transpose=False):
        def make(lib):
            a = conv(lib, x)
            if transpose:
                a = a.T if lib == "numpy" else a.t()
            return (lambda: np.exp(a)) if lib == "numpy" else (lambda: a.exp())
        return make

    def sum_all(lib):
        a = conv(lib, s16)
        return (lambda: a.sum()) if lib != "numpy" else (lambda: a.sum(dtype=np.float32))

    def sum_dim1(lib):
        a = conv(lib, s4k)
        return (lambda: a.sum(axis=1)) if lib == "numpy" else (lambda: a.sum(1))

    def tiny_add(lib):
        x, y = np.array([1.0], np.float32), np.array([2.0], np.float32)
        return add(x, y)(lib)

    return [
        ("add 4M float32 contiguous", add(a4, b4)),
        ("add 2048x2048 float32 transposed", transposed_add),
        ("exp 4M float32 contiguous", exp(a4)),
        ("exp 2048x2048 float32 transposed", exp(m2, transpose=True)),
        ("sum 16M float32", sum_all),
        ("sum dim 1 of 4096x4096 float32", sum_dim1),
        ("a + b 1-element float32", tiny_add),
    ]
