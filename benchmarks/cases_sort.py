"""Benchmark cases of sorting and selection: sort, topk, sort along a dim, median, unique."""
import numpy as np


def cases(ctx):
    """Sort of 1M float32, topk(10) of 1M float32, sort along dim 1 / dim 0 of 1024x1024, a
    median along dim 1 and a unique with counts."""
    rng = np.random.default_rng(0)
    v1m = rng.standard_normal(1 << 20, dtype=np.float32)
    m1k = rng.standard_normal((1024, 1024), dtype=np.float32)
    ints = rng.integers(0, 1000, 1 << 20).astype(np.int64)
    conv = ctx.conv

    def sort_1m(lib):
        a = conv(lib, v1m)
        # numpy's stable sort is its radix/timsort; the default quicksort gives no indices either way
        return (lambda: (np.sort(a), np.argsort(a))) if lib == "numpy" else (lambda: a.sort())

    def topk_1m(lib):
        a = conv(lib, v1m)
        if lib == "numpy":
            def f():
                i = np.argpartition(a, -10)[-10:]
                return i[np.argsort(-a[i])]
            return f
        return lambda: a.topk(10)

    def sort_dim(dim):
        def make(lib):
            a = conv(lib, m1k)
            if lib == "numpy":
                return lambda: (np.sort(a, axis=dim), np.argsort(a, axis=dim))
            return lambda: a.sort(dim)
        return make

    def median_dim1(lib):
        a = conv(lib, m1k)
        return (lambda: np.median(a, axis=1)) if lib == "numpy" else (lambda: a.median(1))

    def unique_counts(lib):
        a = conv(lib, ints)
        if lib == "numpy":
            return lambda: np.unique(a, return_counts=True)
        return lambda: a.unique(return_counts=True)

    return [
        ("sort 1M float32", sort_1m),
        ("topk(10) of 1M float32", topk_1m),
        ("sort dim 1 of 1024x1024 float32", sort_dim(1)),
        ("sort dim 0 of 1024x1024 float32", sort_dim(0)),
        ("median dim 1 of 1024x1024 float32", median_dim1),
        ("unique counts 1M int64", unique_counts),
    ]
