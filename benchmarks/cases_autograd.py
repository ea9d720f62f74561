"""Benchmark cases of the autograd issue: the cost of recording on tiny ops, and backward through
a long chain (NumPy has no autograd: its column times the plain forward computation)."""
import numpy as np


def cases(ctx):
    """Views and a + b on 1-element tensors (views share their base's version counter, a + b with
    and without requires_grad); forward+backward of a 10,000-op chain x = x * 1.0001 + 0.0001."""
    conv = ctx.conv

    def tiny_add(requires_grad):
        def make(lib):
            x, y = np.array([1.0], np.float32), np.array([2.0], np.float32)
            a, b = conv(lib, x), conv(lib, y)
            if lib != "numpy" and requires_grad:
                a.requires_grad_(True)
                b.requires_grad_(True)
            return lambda: a + b
        return make

    def chain(n, backward_only):
        def make(lib):
            if lib == "numpy":
                def run():
                    x = np.array(1.0)
                    for _ in range(n):
                        x = x * 1.0001 + 0.0001
                    return x
                return run
            mod = ctx.ours if lib == "ours" else ctx.torch
            x0 = mod.tensor(1.0, requires_grad=True)

            def forward():
                x = x0
                for _ in range(n):
                    x = x * 1.0001 + 0.0001
                return x

            if not backward_only:
                return lambda: forward().backward()
            # time backward alone: each call builds a graph first, untimed, via a list of ready graphs
            graphs = []

            def run():
                if not graphs:
                    graphs.extend(forward() for _ in range(3))
                graphs.pop().backward()
            return run
        return make

    def tiny_view(index):
        def make(lib):
            a = conv(lib, np.array([1.0], np.float32))
            return (lambda: a[0]) if index else (lambda: a.view(1) if lib != "numpy" else a.reshape(1))
        return make

    return [
        ("a.view(1) 1-element float32", tiny_view(False)),
        ("a[0] 1-element float32", tiny_view(True)),
        ("a + b 1-element float32 no grad", tiny_add(False)),
        ("a + b 1-element float32 requires_grad", tiny_add(True)),
        ("chain 10000 ops forward+backward", chain(10000, False)),
    ]
