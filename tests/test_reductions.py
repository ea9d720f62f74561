"""Reductions against NumPy: over all elements and along each dim, keepdim on and off, over
dtypes and layouts, with PyTorch's result dtypes."""
import numpy as np
import pytest

import pytorch_py as torch
from conftest import ALL_DTYPES, FLOAT_DTYPES, assert_matches
from layouts import LAYOUTS, make

SHAPE = (3, 4, 5)


def _acc(dtype):
    """PyTorch's accumulation dtype for sum/prod/cumsum."""
    return dtype if dtype.is_floating_point else torch.int64


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_sum_prod(dtype, layout):
    rng = np.random.default_rng(0)
    x, a = make(SHAPE, dtype, layout, rng, low=-2, high=2)
    acc = _acc(dtype)
    wide = a.astype(np.float64 if dtype.is_floating_point else np.int64)
    tol = dict(rtol=1e-2, atol=1e-2) if dtype is torch.float16 else {}
    assert_matches(x.sum(), wide.sum().astype(acc._np), dtype=acc, **tol)
    assert_matches(x.prod(), wide.prod().astype(acc._np), dtype=acc, **tol)
    for d in range(3):
        for keep in (False, True):
            assert_matches(x.sum(d, keepdim=keep), wide.sum(d, keepdims=keep).astype(acc._np), dtype=acc, **tol)
            assert_matches(x.prod(d, keepdim=keep), wide.prod(d, keepdims=keep).astype(acc._np), dtype=acc, **tol)
    assert_matches(x.sum((0, 2)), wide.sum((0, 2)).astype(acc._np), dtype=acc, **tol)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_mean_var_std_norm(dtype, layout):
    rng = np.random.default_rng(1)
    x, a = make(SHAPE, dtype, layout, rng)
    w = a.astype(np.float64)
    tol = dict(rtol=1e-2, atol=1e-2) if dtype is torch.float16 else dict(rtol=1e-5, atol=1e-5)
    assert_matches(x.mean(), w.mean(), dtype=dtype, **tol)
    assert_matches(x.var(), w.var(ddof=1), dtype=dtype, **tol)
    assert_matches(x.std(unbiased=False), w.std(), dtype=dtype, **tol)
    assert_matches(x.norm(), np.sqrt((w ** 2).sum()), dtype=dtype, **tol)
    for d in range(3):
        assert_matches(x.mean(d), w.mean(d), **tol)
        assert_matches(x.var(d, keepdim=True), w.var(d, ddof=1, keepdims=True), **tol)
        assert_matches(x.std(d, unbiased=False), w.std(d), **tol)
        for p, ref in ((1, lambda v: np.abs(v).sum(d)), (3, lambda v: (np.abs(v) ** 3).sum(d) ** (1 / 3)),
                       (float("inf"), lambda v: np.abs(v).max(d))):
            assert_matches(x.norm(p, d), ref(w), **tol)
    assert_matches(x.mean((0, 1)), w.mean((0, 1)), **tol)
    assert_matches(x.std((1, 2)), w.std((1, 2), ddof=1), **tol)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("layout", ["contiguous", "transposed", "sliced"])
def test_max_min_arg(dtype, layout):
    rng = np.random.default_rng(2)
    x, a = make(SHAPE, dtype, layout, rng)
    assert_matches(x.max(), a.max(), dtype=dtype)
    assert_matches(x.min(), a.min(), dtype=dtype)
    assert x.argmax().item() == a.argmax() and x.argmin().item() == a.argmin()
    for d in range(3):
        v, i = x.max(d)
        assert_matches(v, a.max(d), dtype=dtype)
        assert_matches(i, a.argmax(d), dtype=torch.int64)
        v, i = x.min(d, keepdim=True)
        assert_matches(v, a.min(d, keepdims=True))
        assert_matches(i, np.expand_dims(a.argmin(d), d))
        assert_matches(x.argmax(d), a.argmax(d))
        assert_matches(x.amax(d), a.max(d))


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_all_any_cumulative(dtype):
    rng = np.random.default_rng(3)
    x, a = make(SHAPE, dtype, "transposed", rng, low=-1, high=1)
    assert_matches(x.all(), np.all(a), dtype=torch.bool)
    assert_matches(x.any(), np.any(a), dtype=torch.bool)
    acc = _acc(dtype)
    wide = a.astype(acc._np)
    for d in range(3):
        assert_matches(x.all(d), np.all(a, d), dtype=torch.bool)
        assert_matches(x.any(d, keepdim=True), np.any(a, d, keepdims=True), dtype=torch.bool)
        tol = dict(rtol=1e-2, atol=1e-2) if dtype is torch.float16 else {}
        assert_matches(x.cumsum(d), np.cumsum(wide, d), dtype=acc, **tol)
        assert_matches(x.cumprod(d), np.cumprod(wide, d), dtype=acc, **tol)


def test_nan_propagates_through_max_and_sum():
    x = torch.tensor([[1.0, float("nan"), 3.0], [4.0, 5.0, 6.0]])
    assert np.isnan(x.max().item()) and np.isnan(x.sum().item())
    v, i = x.max(1)
    assert np.isnan(v[0].item()) and i.tolist() == [1, 2]
    assert x.argmax(1).tolist() == [1, 2]


def test_empty_and_zero_dim():
    e = torch.zeros(0, 3)
    assert e.sum().item() == 0 and e.prod().item() == 1
    assert e.sum(0).tolist() == [0.0, 0.0, 0.0]
    assert np.isnan(e.mean().item())
    with pytest.raises((IndexError, RuntimeError)):
        e.max(0)
    with pytest.raises(RuntimeError):
        e.max()
    s = torch.tensor(4.0)
    assert s.sum().item() == 4.0 and s.sum(0).item() == 4.0 and s.max(0).values.item() == 4.0


def test_integer_mean_is_an_error_and_results_types():
    with pytest.raises(RuntimeError, match="mean"):
        torch.tensor([1, 2]).mean()
    assert torch.tensor([1, 2], dtype=torch.int8).sum().dtype is torch.int64
    assert torch.tensor([True, True]).sum().item() == 2
    assert torch.tensor([1, 2]).mean(dtype=torch.float64).item() == 1.5
    assert torch.tensor([100, 100], dtype=torch.int8).sum().item() == 200


def test_trace_dist_renorm_histc_equal():
    a = np.arange(12.0).reshape(3, 4)
    t = torch.tensor(a)
    assert t.trace().item() == np.trace(a)
    assert torch.tensor([[1, 2], [3, 4]]).trace().item() == 5
    b = a[::-1].copy()
    assert abs(t.dist(torch.tensor(b)).item() - np.linalg.norm(a - b)) < 1e-9
    assert abs(t.dist(torch.tensor(b), 1).item() - np.abs(a - b).sum()) < 1e-9
    r = t.renorm(2, 0, 5.0)
    norms = np.linalg.norm(a, axis=1)
    expected = a * np.where(norms > 5, 5 / norms, 1.0)[:, None]
    assert_matches(r, expected, rtol=1e-6)
    h = torch.tensor([1.0, 2.0, 1.0, 4.0, 10.0]).histc(bins=4, min=0, max=4)
    assert h.tolist() == [0.0, 2.0, 1.0, 1.0]
    assert torch.tensor([1, 2]).equal(torch.tensor([1, 2])) and not torch.tensor([1, 2]).equal(torch.tensor([1, 3]))
    assert not torch.zeros(2).equal(torch.zeros(3))


def test_large_sum_is_accurate():
    a = np.random.default_rng(4).standard_normal(1 << 22).astype(np.float32)
    s = torch.from_numpy(a).sum().item()
    assert abs(s - a.astype(np.float64).sum()) <= 1e-4 * np.abs(a).sum()
