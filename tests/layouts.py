"""Pairs of (Tensor, NumPy array) holding the same values in different memory layouts, for tests
that check an op on contiguous, transposed, sliced, expanded and empty inputs."""
import numpy as np

import pytorch_py as torch

LAYOUTS = ("contiguous", "transposed", "sliced", "expanded")


def random_array(shape, dtype, rng, low=-4, high=4, nonzero=False):
    """Random values of a torch dtype as a NumPy array (small integers for integer types)."""
    npd = dtype._np
    if dtype is torch.bool:
        a = rng.random(shape) < 0.5
        return np.ones(shape, bool) if nonzero else a
    if dtype.is_floating_point:
        a = rng.uniform(low, high, shape)
        if nonzero:
            a[np.abs(a) < 0.1] = 0.5
        return a.astype(npd)
    lo = 0 if npd.kind == "u" else low
    a = rng.integers(lo, high + 1, shape)
    if nonzero:
        a[a == 0] = 1
    return a.astype(npd)


def make(shape, dtype, layout, rng, **kw):
    """A tensor with `shape` in the given layout, and the NumPy array of its values."""
    shape = tuple(shape)
    if layout == "contiguous" or len(shape) == 0:
        a = random_array(shape, dtype, rng, **kw)
        return torch.tensor(a), a
    if layout == "transposed":
        a = random_array(shape[::-1], dtype, rng, **kw)
        return torch.tensor(a).permute(*range(len(shape) - 1, -1, -1)), a.transpose()
    if layout == "sliced":
        big = random_array(tuple(2 * s + 1 for s in shape), dtype, rng, **kw)
        key = tuple(slice(1, 1 + 2 * s, 2) for s in shape)
        return torch.tensor(big)[key], big[key]
    if layout == "expanded":
        small_shape = (1,) + shape[1:]
        a = random_array(small_shape, dtype, rng, **kw)
        return torch.tensor(a).expand(*shape), np.broadcast_to(a, shape)
    raise ValueError(layout)
