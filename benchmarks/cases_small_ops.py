"""Benchmark cases of the small-op overhead: one call of a common tensor operation on a tiny
float32 tensor (1 to 4 elements), where the Python path, not the kernel, is the cost.  Ours is
compared with torch on the same call (NumPy gets its nearest equivalent)."""
import numpy as np


def _lib(ctx, lib):
    return ctx.ours if lib == "ours" else ctx.torch if lib == "torch" else np


# (case name, shape of x, shape of y, call(mod, x, y) for ours and torch, call(x, y) for numpy)
_CASES = [
    ("small: x.view(1)", (1,), None, lambda m, x, y: x.view(1), lambda x, y: x.reshape(1)),
    ("small: x[0]", (1,), None, lambda m, x, y: x[0], lambda x, y: x[0]),
    ("small: x.t() 2x2", (2, 2), None, lambda m, x, y: x.t(), lambda x, y: x.T),
    ("small: x.reshape(4) 2x2", (2, 2), None, lambda m, x, y: x.reshape(4), lambda x, y: x.reshape(4)),
    ("small: x.unsqueeze(0)", (4,), None, lambda m, x, y: x.unsqueeze(0), lambda x, y: x[None]),
    ("small: x.expand(3, 4)", (1, 4), None, lambda m, x, y: x.expand(3, 4),
     lambda x, y: np.broadcast_to(x, (3, 4))),
    ("small: x + 1.0", (1,), None, lambda m, x, y: x + 1.0, lambda x, y: x + 1.0),
    ("small: x * 2.0", (1,), None, lambda m, x, y: x * 2.0, lambda x, y: x * 2.0),
    ("small: x / 2.0", (1,), None, lambda m, x, y: x / 2.0, lambda x, y: x / 2.0),
    ("small: x - 1", (1,), None, lambda m, x, y: x - 1, lambda x, y: x - 1),
    ("small: x ** 2", (1,), None, lambda m, x, y: x ** 2, lambda x, y: x ** 2),
    ("small: 1.0 - x", (1,), None, lambda m, x, y: 1.0 - x, lambda x, y: 1.0 - x),
    ("small: x.add(1.0)", (1,), None, lambda m, x, y: x.add(1.0), lambda x, y: x + 1.0),
    ("small: x.mul(2.0)", (1,), None, lambda m, x, y: x.mul(2.0), lambda x, y: x * 2.0),
    ("small: x.pow(2)", (1,), None, lambda m, x, y: x.pow(2), lambda x, y: x ** 2),
    ("small: x > 0.5", (1,), None, lambda m, x, y: x > 0.5, lambda x, y: x > 0.5),
    ("small: x == y", (1,), (1,), lambda m, x, y: x == y, lambda x, y: x == y),
    ("small: x < y", (1,), (1,), lambda m, x, y: x < y, lambda x, y: x < y),
    ("small: x - y", (1,), (1,), lambda m, x, y: x - y, lambda x, y: x - y),
    ("small: x / y", (1,), (1,), lambda m, x, y: x / y, lambda x, y: x / y),
    ("small: x.sum()", (4,), None, lambda m, x, y: x.sum(), lambda x, y: x.sum()),
    ("small: x.mean()", (4,), None, lambda m, x, y: x.mean(), lambda x, y: x.mean()),
    ("small: x.contiguous()", (4,), None, lambda m, x, y: x.contiguous(), lambda x, y: np.ascontiguousarray(x)),
    ("small: x.item()", (1,), None, lambda m, x, y: x.item(), lambda x, y: x.item()),
    ("small: x.size()", (4,), None, lambda m, x, y: x.size(), lambda x, y: x.shape),
    ("small: x.dim()", (4,), None, lambda m, x, y: x.dim(), lambda x, y: x.ndim),
    ("small: torch.zeros(4)", (1,), None, lambda m, x, y: m.zeros(4), lambda x, y: np.zeros(4, np.float32)),
    ("small: torch.empty(4)", (1,), None, lambda m, x, y: m.empty(4), lambda x, y: np.empty(4, np.float32)),
    ("small: x.zero_()", (4,), None, lambda m, x, y: x.zero_(), lambda x, y: x.fill(0)),
    ("small: x.add_(y, alpha=0.5)", (4,), (4,), lambda m, x, y: x.add_(y, alpha=0.5),
     lambda x, y: np.add(x, 0.5 * y, out=x)),
    ("small: x.mul_(1.0)", (4,), None, lambda m, x, y: x.mul_(1.0), lambda x, y: np.multiply(x, 1.0, out=x)),
]


def cases(ctx):
    """One case per entry of _CASES: x (and y) are float32 tensors of the given shapes."""
    rng = np.random.default_rng(0)

    def make_case(xs, ys, call, np_call):
        def make(lib):
            x = ctx.conv(lib, rng.standard_normal(xs).astype(np.float32))
            y = ctx.conv(lib, rng.standard_normal(ys).astype(np.float32)) if ys is not None else None
            if lib == "numpy":
                return lambda: np_call(x, y)
            mod = _lib(ctx, lib)
            return lambda: call(mod, x, y)
        return make

    return [(name, make_case(xs, ys, call, np_call)) for name, xs, ys, call, np_call in _CASES]
