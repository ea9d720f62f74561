"""Benchmarks of pytorch_py beside NumPy and, when installed, the real PyTorch, in one run.

    python benchmarks/run.py            # all cases
    python benchmarks/run.py add sum    # cases whose name contains one of the words

Each case builds the same inputs for every framework and times the same operation (median of
several repeats of a timed loop).  The table reports time per call and throughput ratios:
`vs numpy` and `vs torch` are the other framework's time divided by ours (> 1: we are faster).
Timings are never assertions: read them, compare runs on one machine.
"""
import os
import sys
import timeit

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pytorch_py  # noqa: E402

try:
    import torch as real_torch
except ImportError:
    real_torch = None


def _time(fn, min_time=0.2, repeats=5):
    """Median seconds per call of fn()."""
    fn()
    n, t = 1, 0.0
    while True:
        t = timeit.timeit(fn, number=n)
        if t >= min_time / repeats or n >= 1 << 24:
            break
        n *= 4
    runs = sorted(timeit.repeat(fn, number=n, repeat=repeats))
    return runs[len(runs) // 2] / n


def _cases():
    """(name, make) pairs; make(lib) returns a zero-argument callable running the op with `lib`
    being 'ours', 'numpy' or 'torch'."""
    rng = np.random.default_rng(0)
    a4 = rng.standard_normal(4 * 1024 * 1024, dtype=np.float32)
    b4 = rng.standard_normal(4 * 1024 * 1024, dtype=np.float32)
    m2 = rng.standard_normal((2048, 2048), dtype=np.float32)
    n2 = rng.standard_normal((2048, 2048), dtype=np.float32)
    s16 = rng.standard_normal(16 * 1024 * 1024, dtype=np.float32)
    s4k = rng.standard_normal((4096, 4096), dtype=np.float32)

    def conv(lib, x):
        if lib == "ours":
            return pytorch_py.from_numpy(x)
        if lib == "torch":
            return real_torch.from_numpy(x)
        return x

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


def _fmt(sec):
    if sec is None:
        return "-"
    return "%.3f ms" % (sec * 1e3) if sec >= 1e-4 else "%.3f us" % (sec * 1e6)


def main(filters):
    libs = ["ours", "numpy"] + (["torch"] if real_torch is not None else [])
    print("threads: pytorch_py %d%s" % (pytorch_py.get_num_threads(),
                                        ", torch %d" % real_torch.get_num_threads() if real_torch else ""))
    print("%-36s %12s %12s %12s %10s %10s" % ("case", "pytorch_py", "numpy", "torch", "vs numpy", "vs torch"))
    for name, make in _cases():
        if filters and not any(f in name for f in filters):
            continue
        times = {lib: _time(make(lib)) for lib in libs}
        ours = times["ours"]
        print("%-36s %12s %12s %12s %10.2f %10s" % (
            name, _fmt(ours), _fmt(times["numpy"]), _fmt(times.get("torch")), times["numpy"] / ours,
            "%.2f" % (times["torch"] / ours) if "torch" in times else "-"))


if __name__ == "__main__":
    main(sys.argv[1:])
