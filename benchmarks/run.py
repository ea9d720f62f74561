"""Benchmarks of pytorch_py beside NumPy and, when installed, the real PyTorch, in one run.

    python benchmarks/run.py            # all cases
    python benchmarks/run.py add sum    # cases whose name contains one of the words

Cases live in benchmarks/cases_<group>.py modules, each with a `cases(ctx)` function returning
(name, make) pairs, where make(lib) returns a zero-argument callable running the operation with
lib = 'ours', 'numpy' or 'torch' (see Context).  Each case builds the same inputs for every
framework and times the same operation (median of
several repeats of a timed loop).  The table reports time per call and throughput ratios:
`vs numpy` and `vs torch` are the other framework's time divided by ours (> 1: we are faster).
Timings are never assertions: read them, compare runs on one machine.
"""
import glob
import importlib
import os
import sys
import timeit


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
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


def _cases(ctx):
    """Every case of every benchmarks/cases_*.py module, in file order."""
    here = os.path.dirname(os.path.abspath(__file__))
    out = []
    for path in sorted(glob.glob(os.path.join(here, "cases_*.py"))):
        name = os.path.splitext(os.path.basename(path))[0]
        module = importlib.import_module(name)
        out += module.cases(ctx)
    return out


class Context:
    """What case modules get: `conv(lib, array)` turns a NumPy array into lib's tensor (sharing
    memory), `lib_names`, and the frameworks themselves."""

    def __init__(self):
        self.ours, self.torch = pytorch_py, real_torch

    def conv(self, lib, x):
        if lib == "ours":
            return pytorch_py.from_numpy(x)
        if lib == "torch":
            return real_torch.from_numpy(x)
        return x


def _fmt(sec):
    if sec is None:
        return "-"
    return "%.3f ms" % (sec * 1e3) if sec >= 1e-4 else "%.3f us" % (sec * 1e6)


def main(filters):
    libs = ["ours", "numpy"] + (["torch"] if real_torch is not None else [])
    print("threads: pytorch_py %d%s" % (pytorch_py.get_num_threads(),
                                        ", torch %d" % real_torch.get_num_threads() if real_torch else ""))
    print("%-36s %12s %12s %12s %10s %10s" % ("case", "pytorch_py", "numpy", "torch", "vs numpy", "vs torch"))
    for name, make in _cases(Context()):
        if filters and not any(f in name for f in filters):
            continue
        times = {lib: _time(make(lib)) for lib in libs}
        ours = times["ours"]
        print("%-36s %12s %12s %12s %10.2f %10s" % (
            name, _fmt(ours), _fmt(times["numpy"]), _fmt(times.get("torch")), times["numpy"] / ours,
            "%.2f" % (times["torch"] / ours) if "torch" in times else "-"))


if __name__ == "__main__":
    main(sys.argv[1:])
