"""Joining, triangular, diagonal and range-filling ops against NumPy."""
import numpy as np
import pytest

import pytorch_py as torch
from conftest import ALL_DTYPES, assert_matches
from layouts import make


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_cat_stack(dtype):
    rng = np.random.default_rng(0)
    x, a = make((2, 3), dtype, "transposed", rng)
    y, b = make((4, 3), dtype, "sliced", rng)
    assert_matches(torch.cat([x, y]), np.concatenate([a, b]))
    assert_matches(torch.cat([x, x], 1), np.concatenate([a, a], 1))
    assert_matches(torch.cat([x, y, x], dim=-2), np.concatenate([a, b, a], -2))
    assert_matches(torch.stack([x, x, x], 1), np.stack([a, a, a], 1))
    assert_matches(torch.cat([x, torch.tensor([], dtype=dtype)]), a)  # legacy: empty 1-d tensors are skipped


def test_cat_promotes_and_errors():
    r = torch.cat([torch.tensor([1]), torch.tensor([2.5])])
    assert r.dtype is torch.float32 and r.tolist() == [1.0, 2.5]
    with pytest.raises(RuntimeError, match="cat"):
        torch.cat([torch.zeros(2, 3), torch.zeros(2, 4)])
    with pytest.raises(RuntimeError, match="cat"):
        torch.cat([])
    with pytest.raises(RuntimeError, match="stack"):
        torch.stack([torch.zeros(2), torch.zeros(3)])


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("k", [-1, 0, 2])
def test_tril_triu_diag(dtype, k):
    rng = np.random.default_rng(1)
    x, a = make((4, 5), dtype, "transposed", rng)
    assert_matches(x.tril(k), np.tril(a, k))
    assert_matches(x.triu(k), np.triu(a, k))
    assert_matches(x.diag(k), np.diag(a, k))
    v, b = make((3,), dtype, "contiguous", rng)
    assert_matches(v.diag(k), np.diag(b, k))
    bx, ba = make((2, 3, 3), dtype, "contiguous", rng)
    assert_matches(bx.tril(k), np.tril(ba, k))
    y = x.clone()
    y.triu_(k)
    assert_matches(y, np.triu(a, k))


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.int64, torch.int32, torch.uint8])
def test_ranges(dtype):
    assert_matches(torch.arange(5, dtype=dtype), np.arange(5).astype(dtype._np))
    assert_matches(torch.arange(1, 10, 3, dtype=dtype), np.arange(1, 10, 3).astype(dtype._np))
    assert_matches(torch.linspace(0, 10, 6, dtype=dtype), np.linspace(0, 10, 6).astype(dtype._np))
    assert_matches(torch.eye(3, 4, dtype=dtype), np.eye(3, 4, dtype=dtype._np))


def test_range_defaults_and_floats():
    assert torch.arange(5).dtype is torch.int64 and torch.arange(0.5, 2).dtype is torch.float32
    assert_matches(torch.arange(0, 1, 0.1), np.arange(0, 1, 0.1).astype(np.float32))
    assert_matches(torch.arange(10, 0, -3), np.arange(10, 0, -3))
    assert torch.range(1, 4).tolist() == [1.0, 2.0, 3.0, 4.0]
    assert_matches(torch.linspace(-1, 1, 5), np.linspace(-1, 1, 5).astype(np.float32))
    assert_matches(torch.logspace(0, 3, 4), np.logspace(0, 3, 4).astype(np.float32), rtol=1e-6)
    assert_matches(torch.logspace(0, 3, 4, base=2, dtype=torch.float64), np.logspace(0, 3, 4, base=2))
    assert torch.linspace(0, 1, 1).tolist() == [0.0] and torch.linspace(0, 1, 0).shape == (0,)
    assert torch.eye(2).tolist() == [[1.0, 0.0], [0.0, 1.0]]
    with pytest.raises(ValueError, match="arange"):
        torch.arange(0, 5, -1)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.int64])
def test_cross(dtype):
    rng = np.random.default_rng(2)
    x, a = make((4, 3), dtype, "transposed", rng)
    y, b = make((4, 3), dtype, "contiguous", rng)
    assert_matches(x.cross(y, dim=1), np.cross(a, b, axis=1))
    assert_matches(torch.cross(x.t(), y.t(), dim=0), np.cross(a.T, b.T, axis=0))


def test_flip_roll():
    a = np.arange(12).reshape(3, 4)
    t = torch.tensor(a)
    assert_matches(t.flip(0), np.flip(a, 0))
    assert_matches(t.flip((0, 1)), np.flip(a, (0, 1)))
    assert_matches(t.roll(1, 1), np.roll(a, 1, 1))
    assert_matches(t.roll(-5), np.roll(a, -5))
