"""Sorting and selection against NumPy: sort/argsort/msort, topk, kthvalue, median/nanmedian,
mode, unique/unique_consecutive over dtypes, dims, layouts, NaNs, ties, empty and 0-d inputs."""
import numpy as np
import pytest

import pytorch_py as torch
from conftest import ALL_DTYPES, assert_matches, real_torch
from layouts import LAYOUTS, make, random_array

NUMERIC = [d for d in ALL_DTYPES if d is not torch.bool]
NAN = float("nan")


def with_nans(t, a, rng, frac=0.15):
    """For floating dtypes, the same tensor/array with some elements set to NaN (contiguous)."""
    if not t.dtype.is_floating_point or a.size == 0:
        return t, a
    a = np.array(a)
    a[rng.random(a.shape) < frac] = np.nan
    return torch.tensor(a), a


def ranks(a):
    """Integer ranks with PyTorch's order: equal values (and all NaNs, last) share a rank."""
    return np.unique(a, return_inverse=True)[1].reshape(a.shape).astype(np.int64)


def ref_sort(a, axis, descending=False):
    """Stable sort of a along axis in PyTorch's order: (values, indices)."""
    r = ranks(a)
    idx = np.argsort(-r if descending else r, axis=axis, kind="stable")
    return np.take_along_axis(a, idx, axis), idx


def check_gathered(t, values, indices, dim):
    """values are t's elements at indices along dim."""
    got = t.numpy()
    picked = np.take_along_axis(got, indices.numpy().reshape(values.shape), dim)
    np.testing.assert_array_equal(picked, values.numpy())


# ---------------------------------------------------------------- sort

@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=str)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_sort_matches_numpy(dtype, layout):
    rng = np.random.default_rng(0)
    t, a = make((5, 7, 6), dtype, layout, rng)
    t, a = with_nans(t, a, rng)
    for dim in (0, 1, 2, -1):
        for descending in (False, True):
            v, i = t.sort(dim, descending)
            ev, ei = ref_sort(a, dim, descending)
            assert_matches(v, ev, dtype=dtype)
            assert_matches(i, ei, dtype=torch.int64)
    assert_matches(t.argsort(1, descending=True), ref_sort(a, 1, True)[1])
    assert_matches(t.msort(), ref_sort(a, 0)[0])


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.float16, torch.int64, torch.int32,
                                   torch.int16, torch.uint8, torch.bool], ids=str)
def test_sort_long_rows(dtype):
    """Rows long enough for the radix path, with many ties, both orders, along each dim."""
    rng = np.random.default_rng(1)
    a = random_array((3, 3000), dtype, rng, low=-50, high=50)
    if dtype.is_floating_point:
        a = np.round(a).astype(a.dtype)  # ties
        a[rng.random(a.shape) < 0.05] = np.nan
        a[0, :10] = -0.0
    t = torch.tensor(a)
    for descending in (False, True):
        v, i = t.sort(1, descending, stable=True)
        ev, ei = ref_sort(a, 1, descending)
        assert_matches(v, ev)
        assert_matches(i, ei)
    v, i = t.t().sort(0)  # along dim 0 of a transposed view
    ev, ei = ref_sort(a.T, 0)
    assert_matches(v, ev)
    assert_matches(i, ei)


@pytest.mark.parametrize("threads", [1, 2])
def test_sort_one_long_row(threads):
    """A single long row: split across threads by its top key byte, then bucket sorts."""
    rng = np.random.default_rng(14)
    a = np.round(rng.standard_normal(100000) * 1000).astype(np.float32)
    a[rng.random(a.shape) < 0.01] = np.nan
    old = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        for descending in (False, True):
            v, i = torch.tensor(a).sort(descending=descending)
            ev, ei = ref_sort(a, 0, descending)
            assert_matches(v, ev)
            assert_matches(i, ei)
        b = rng.integers(-30000, 30000, 100000).astype(np.int64)
        v, inv, cnt = torch.tensor(b).unique(return_inverse=True, return_counts=True)
        ev, einv, ecnt = np.unique(b, return_inverse=True, return_counts=True)
        assert_matches(v, ev)
        assert_matches(inv, einv)
        assert_matches(cnt, ecnt)
    finally:
        torch.set_num_threads(old)


def test_sort_float_values_and_specials():
    a = np.array([3.5, -np.inf, np.nan, 0.0, -0.0, np.inf, -1e-30, 1e30, np.nan], np.float32)
    v, i = torch.tensor(a).sort()
    assert_matches(v, np.sort(a))
    np.testing.assert_array_equal(i.numpy(), [1, 6, 3, 4, 0, 7, 5, 2, 8])
    assert not np.signbit(v.numpy()[2]) and np.signbit(v.numpy()[3])  # 0.0, then -0.0 (their order)
    v, i = torch.tensor(a).sort(descending=True)
    np.testing.assert_array_equal(i.numpy(), [2, 8, 5, 7, 0, 3, 4, 6, 1])


def test_sort_parallel_rows_and_dim0():
    """Many rows (the OpenMP path), along the innermost dim and along dim 0."""
    rng = np.random.default_rng(2)
    a = rng.standard_normal((300, 400)).astype(np.float32)
    t = torch.tensor(a)
    v, i = t.sort(1)
    assert_matches(v, np.sort(a, 1))
    assert_matches(i, np.argsort(a, 1, kind="stable"))
    v, i = t.sort(0, descending=True)
    assert_matches(v, -np.sort(-a, 0))
    # blocks of adjacent rows (along dim 0 and dim 1 of a 3-D tensor), a partial last block, NaNs
    b = np.round(rng.standard_normal((50, 37, 3)) * 4).astype(np.float64)
    b[rng.random(b.shape) < 0.05] = np.nan
    for dim in (0, 1):
        for descending in (False, True):
            v, i = torch.tensor(b).sort(dim, descending)
            ev, ei = ref_sort(b, dim, descending)
            assert_matches(v, ev)
            assert_matches(i, ei)


def test_sort_empty_and_0d():
    v, i = torch.zeros(0, 3).sort(0)
    assert v.shape == (0, 3) and i.shape == (0, 3) and i.dtype is torch.int64
    v, i = torch.zeros(4, 0).sort()
    assert v.shape == (4, 0)
    v, i = torch.tensor(2.5).sort()
    assert v.shape == () and v.item() == 2.5 and i.item() == 0
    assert torch.tensor(1).argsort(-1).item() == 0


def test_sort_result_type_and_functions():
    t = torch.tensor([3, 1, 2])
    r = torch.sort(t, descending=True)
    assert type(r).__name__ == "sort" and r._fields == ("values", "indices")
    values, indices = r
    assert values.tolist() == [3, 2, 1] and indices.tolist() == [0, 2, 1]
    assert torch.argsort(t).tolist() == [1, 2, 0]
    assert torch.msort(torch.tensor([[2, 1], [0, 5]])).tolist() == [[0, 1], [2, 5]]
    assert torch.sort(t, stable=True, dim=0).indices.tolist() == [1, 2, 0]


def test_sort_errors():
    t = torch.zeros(2, 3)
    with pytest.raises(IndexError, match="sort"):
        t.sort(2)
    with pytest.raises(IndexError):
        t.argsort(-3)
    with pytest.raises(IndexError):
        torch.tensor(1.0).sort(1)


# ---------------------------------------------------------------- topk

@pytest.mark.parametrize("dtype", NUMERIC, ids=str)
@pytest.mark.parametrize("layout", ["contiguous", "transposed", "sliced"])
def test_topk_matches_stable_sort(dtype, layout):
    """topk's values and indices are the first k of the stable sort (ties by position)."""
    rng = np.random.default_rng(3)
    t, a = make((4, 6, 40), dtype, layout, rng)
    t, a = with_nans(t, a, rng)
    for dim, k in ((2, 1), (2, 3), (2, 17), (2, 40), (0, 2), (1, 6), (-1, 0)):
        for largest in (True, False):
            v, i = t.topk(k, dim, largest=largest)
            ev, ei = ref_sort(a, dim, descending=largest)
            sl = [slice(None)] * 3
            sl[dim] = slice(0, k)
            assert_matches(v, ev[tuple(sl)], dtype=dtype)
            assert_matches(i, ei[tuple(sl)], dtype=torch.int64)


def test_topk_long_row_and_unsorted():
    rng = np.random.default_rng(4)
    a = rng.standard_normal(100000).astype(np.float32)
    t = torch.tensor(a)
    for k in (1, 10, 32, 33, 500):
        v, i = t.topk(k)
        assert_matches(v, -np.sort(-a)[:k])
        assert_matches(i, np.argsort(-a, kind="stable")[:k])
    v, i = t.topk(1000, largest=False, sorted=False)  # any order: the set must be right
    assert_matches(v.sort().values, np.sort(a)[:1000])
    check_gathered(t, v, i, 0)
    # a descending ramp is the scan's worst case for largest=False
    r = torch.arange(5000, 0, -1)
    assert r.topk(5, largest=False).values.tolist() == [1, 2, 3, 4, 5]


def test_topk_edge_cases_and_errors():
    t = torch.arange(5.0)
    with pytest.raises(RuntimeError, match=r"topk: expected k in \[0, 5\], but got 7"):
        t.topk(7)
    with pytest.raises(RuntimeError, match="topk"):
        t.topk(-1)
    with pytest.raises(IndexError):
        t.topk(1, dim=1)
    with pytest.raises(RuntimeError, match="bool"):
        torch.tensor([True, False]).topk(1)
    v, i = torch.zeros(0, 3).topk(0, 0)
    assert v.shape == (0, 3) and i.shape == (0, 3)
    v, i = torch.tensor(5.0).topk(1)
    assert v.shape == () and v.item() == 5.0 and i.item() == 0
    r = torch.topk(torch.tensor([1.0, NAN, 3.0]), 2)
    assert type(r).__name__ == "topk"
    assert np.isnan(r.values[0].item()) and r.indices.tolist() == [1, 2]
    assert torch.tensor([1.0, NAN, 3.0]).topk(2, largest=False).indices.tolist() == [0, 2]


# ---------------------------------------------------------------- kthvalue, median, mode

@pytest.mark.parametrize("dtype", NUMERIC, ids=str)
@pytest.mark.parametrize("layout", ["contiguous", "transposed", "expanded"])
def test_kthvalue(dtype, layout):
    rng = np.random.default_rng(5)
    t, a = make((5, 9), dtype, layout, rng)
    t, a = with_nans(t, a, rng)
    for dim in (0, 1):
        n = a.shape[dim]
        ev, ei = ref_sort(a, dim)
        for k in (1, (n + 1) // 2, n):
            for keepdim in (False, True):
                v, i = t.kthvalue(k, dim, keepdim)
                want_v = np.take(ev, [k - 1], dim)
                want_i = np.take(ei, [k - 1], dim)
                if not keepdim:
                    want_v, want_i = want_v.squeeze(dim), want_i.squeeze(dim)
                assert_matches(v, want_v, dtype=dtype)
                assert_matches(i, want_i, dtype=torch.int64)


def test_kthvalue_errors():
    t = torch.arange(5.0)
    with pytest.raises(RuntimeError, match=r"kthvalue: expected k in \[1, 5\], but got 6"):
        t.kthvalue(6)
    with pytest.raises(RuntimeError, match="kthvalue"):
        t.kthvalue(0)
    with pytest.raises(IndexError, match="non-zero size"):
        torch.zeros(0, 3).kthvalue(1, 0)
    with pytest.raises(IndexError):
        t.kthvalue(1, 1)
    v, i = torch.tensor(4).kthvalue(1)
    assert v.shape == () and v.item() == 4 and i.item() == 0


def ref_median(a, axis, ignore_nan=False):
    """PyTorch's lower median along axis: values and indices (first NaN where a NaN propagates)."""
    a = np.moveaxis(np.asarray(a), axis, -1)
    vals = np.empty(a.shape[:-1], a.dtype)
    idxs = np.empty(a.shape[:-1], np.int64)
    for pos in np.ndindex(*a.shape[:-1]):
        row = a[pos]
        nan = np.isnan(row) if row.dtype.kind == "f" else np.zeros(row.shape, bool)
        if nan.any() and (not ignore_nan or nan.all()):
            idxs[pos] = int(np.argmax(nan))
        else:
            order = np.argsort(ranks(row), kind="stable")
            idxs[pos] = order[(len(row) - int(nan.sum()) - 1) // 2]
        vals[pos] = row[idxs[pos]]
    return vals, idxs


@pytest.mark.parametrize("dtype", NUMERIC, ids=str)
@pytest.mark.parametrize("layout", ["contiguous", "transposed", "sliced"])
def test_median(dtype, layout):
    rng = np.random.default_rng(6)
    t, a = make((6, 8), dtype, layout, rng)
    t, a = with_nans(t, a, rng, frac=0.08)
    for dim in (0, 1, -1):
        for keepdim in (False, True):
            v, i = t.median(dim, keepdim)
            ev, ei = ref_median(a, dim)
            if keepdim:
                ev, ei = np.expand_dims(ev, dim), np.expand_dims(ei, dim)
            assert_matches(v, ev, dtype=dtype)
            assert_matches(i, ei, dtype=torch.int64)
            v, i = t.nanmedian(dim, keepdim)
            ev, ei = ref_median(a, dim, ignore_nan=True)
            if keepdim:
                ev, ei = np.expand_dims(ev, dim), np.expand_dims(ei, dim)
            assert_matches(v, ev, dtype=dtype)
            assert_matches(i, ei, dtype=torch.int64)
    flat = np.sort(a.reshape(-1).astype(np.float64))
    m = t.median()
    assert m.shape == () and m.dtype is dtype
    if dtype.is_floating_point and np.isnan(a).any():
        assert np.isnan(m.item())
        nn = flat[~np.isnan(flat)]
        assert t.nanmedian().item() == pytest.approx(nn[(len(nn) - 1) // 2])
    else:
        assert m.item() == flat[(len(flat) - 1) // 2]


def test_median_against_numpy_odd_counts():
    """For odd counts the lower median is NumPy's median."""
    rng = np.random.default_rng(7)
    a = rng.standard_normal((7, 33))
    t = torch.tensor(a)
    assert_matches(t.median(1).values, np.median(a, 1))
    assert_matches(t.median(0, keepdim=True).values, np.median(a, 0, keepdims=True))
    assert t.median().item() == np.median(a)  # 231 elements: odd
    even = torch.tensor([4.0, 1.0, 3.0, 2.0])
    assert even.median().item() == 2.0  # the lower of 2 and 3, not their mean


def test_median_empty_and_errors():
    assert np.isnan(torch.tensor([]).median().item())
    with pytest.raises(RuntimeError, match="median"):
        torch.tensor([], dtype=torch.int64).median()
    with pytest.raises(IndexError, match="non-zero size"):
        torch.zeros(2, 0).median(1)
    with pytest.raises(RuntimeError, match="bool"):
        torch.tensor([True]).median()
    v, i = torch.tensor(5.0).median(0)
    assert v.item() == 5.0 and i.item() == 0
    r = torch.median(torch.tensor([[1.0, NAN, 2.0]]), 1)
    assert type(r).__name__ == "median" and np.isnan(r.values.item()) and r.indices.item() == 1
    r = torch.nanmedian(torch.tensor([1.0, NAN, 2.0, NAN]), 0)
    assert r.values.item() == 1.0 and r.indices.item() == 0
    r = torch.tensor([NAN, NAN]).nanmedian(0)
    assert np.isnan(r.values.item()) and r.indices.item() == 0


def ref_mode(a, axis):
    a = np.moveaxis(np.asarray(a), axis, -1)
    vals = np.empty(a.shape[:-1], a.dtype)
    idxs = np.empty(a.shape[:-1], np.int64)
    for pos in np.ndindex(*a.shape[:-1]):
        row = a[pos]
        best, count = None, 0
        for x in np.unique(row, equal_nan=False):  # ascending, NaNs last and each on its own
            c = 1 if x != x else int((row == x).sum())
            if c > count:
                best, count = x, c
        if best != best:
            idx = int(np.flatnonzero(np.isnan(row))[0])
        else:
            idx = int(np.flatnonzero(row == best)[-1])
        vals[pos], idxs[pos] = row[idx], idx
    return vals, idxs


@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=str)
@pytest.mark.parametrize("layout", ["contiguous", "transposed"])
def test_mode(dtype, layout):
    rng = np.random.default_rng(8)
    t, a = make((5, 12), dtype, layout, rng, low=-2, high=2)
    for dim in (0, 1):
        for keepdim in (False, True):
            v, i = t.mode(dim, keepdim)
            ev, ei = ref_mode(a, dim)
            if keepdim:
                ev, ei = np.expand_dims(ev, dim), np.expand_dims(ei, dim)
            assert_matches(v, ev, dtype=dtype)
            assert_matches(i, ei, dtype=torch.int64)


def test_mode_hand_worked():
    r = torch.mode(torch.tensor([2, 1, 2, 1, 3]))
    assert type(r).__name__ == "mode" and r.values.item() == 1 and r.indices.item() == 3
    r = torch.tensor([NAN, 1.0, NAN, 2.0, 2.0]).mode()
    assert r.values.item() == 2.0 and r.indices.item() == 4
    assert torch.tensor(7).mode().values.item() == 7
    with pytest.raises(IndexError, match="non-zero size"):
        torch.zeros(0, 3).mode(0)
    v, i = torch.zeros(0, 3).mode(1)
    assert v.shape == (0,) and i.shape == (0,)


# ---------------------------------------------------------------- unique

@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=str)
@pytest.mark.parametrize("layout", ["contiguous", "transposed", "expanded"])
def test_unique(dtype, layout):
    rng = np.random.default_rng(9)
    t, a = make((6, 10), dtype, layout, rng)
    t, a = with_nans(t, a, rng, frac=0.1)
    ev, einv, ecnt = np.unique(a, return_inverse=True, return_counts=True, equal_nan=False)
    assert_matches(t.unique(), ev, dtype=dtype)
    v, inv, cnt = torch.unique(t, return_inverse=True, return_counts=True)
    assert_matches(v, ev)
    check_inverse(v, inv, a, einv)
    assert_matches(cnt, ecnt, dtype=torch.int64)
    v, cnt = t.unique(sorted=False, return_counts=True)
    assert_matches(cnt, ecnt)


def check_inverse(v, inv, a, einv):
    """inv equals NumPy's inverse except at NaNs, whose order among the (distinct) NaN entries is
    unspecified: there each NaN must map to its own NaN entry."""
    assert inv.dtype is torch.int64 and inv.shape == a.shape
    inv, einv = inv.numpy(), np.asarray(einv).reshape(a.shape)
    nan = np.isnan(a) if a.dtype.kind == "f" else np.zeros(a.shape, bool)
    np.testing.assert_array_equal(inv[~nan], einv[~nan])
    assert np.isnan(v.numpy()[inv[nan]]).all() and len(set(inv[nan].tolist())) == int(nan.sum())


def test_unique_long_and_specials():
    rng = np.random.default_rng(10)
    a = rng.integers(-1000, 1000, 20000).astype(np.int32)
    v, inv, cnt = torch.tensor(a).unique(return_inverse=True, return_counts=True)
    ev, einv, ecnt = np.unique(a, return_inverse=True, return_counts=True)
    assert_matches(v, ev)
    assert_matches(inv, einv)
    assert_matches(cnt, ecnt)
    v, cnt = torch.tensor([NAN, 1.0, NAN, -0.0, 0.0]).unique(return_counts=True)
    assert v.tolist()[:2] == [0.0, 1.0] and np.isnan(v.numpy()[2:]).all()
    assert cnt.tolist() == [2, 1, 1, 1]
    v, inv, cnt = torch.tensor([]).unique(return_inverse=True, return_counts=True)
    assert v.shape == (0,) and inv.shape == (0,) and cnt.shape == (0,)
    v, inv, cnt = torch.tensor(3.0).unique(return_inverse=True, return_counts=True)
    assert v.tolist() == [3.0] and inv.shape == () and inv.item() == 0 and cnt.tolist() == [1]


@pytest.mark.parametrize("dtype", [torch.float32, torch.int64, torch.uint8, torch.bool], ids=str)
def test_unique_dim(dtype):
    rng = np.random.default_rng(11)
    a = random_array((9, 3, 4), dtype, rng, low=0, high=1)
    a[4] = a[1]
    a[:, 2] = a[:, 0]
    t = torch.tensor(a)
    for dim in (0, 1, 2, -1):
        v, inv, cnt = torch.unique(t, dim=dim, return_inverse=True, return_counts=True)
        ev, einv, ecnt = np.unique(a, axis=dim, return_inverse=True, return_counts=True)
        assert_matches(v, ev, dtype=dtype)
        assert_matches(inv, einv.reshape(-1))
        assert_matches(cnt, ecnt)
    v = torch.zeros(0, 3).unique(dim=0)
    assert v.shape == (0, 3)


def ref_unique_consecutive(a):
    a = np.asarray(a).reshape(-1)
    starts = np.ones(len(a), bool)
    starts[1:] = ~(a[1:] == a[:-1])
    group = np.cumsum(starts) - 1
    return a[starts], group, np.bincount(group) if len(a) else np.zeros(0, np.int64)


@pytest.mark.parametrize("dtype", [torch.float64, torch.float16, torch.int32, torch.int8, torch.bool], ids=str)
def test_unique_consecutive(dtype):
    rng = np.random.default_rng(12)
    t, a = make((4, 15), dtype, "transposed", rng, low=0, high=2)
    t, a = with_nans(t, a, rng, frac=0.1)
    ev, einv, ecnt = ref_unique_consecutive(a)
    v, inv, cnt = torch.unique_consecutive(t, return_inverse=True, return_counts=True)
    assert_matches(v, ev, dtype=dtype)
    assert_matches(inv, einv.reshape(a.shape))
    assert_matches(cnt, ecnt)
    assert_matches(t.unique_consecutive(), ev)


def test_unique_consecutive_dim():
    a = np.array([[1, 1, 2, 1, 1], [0, 0, 3, 0, 5]])
    v, inv, cnt = torch.tensor(a).unique_consecutive(return_inverse=True, return_counts=True, dim=1)
    assert v.tolist() == [[1, 2, 1, 1], [0, 3, 0, 5]]
    assert inv.tolist() == [0, 0, 1, 2, 3] and cnt.tolist() == [2, 1, 1, 1]


# ---------------------------------------------------------------- against the real PyTorch

def test_against_real_torch():
    rt = real_torch()
    rng = np.random.default_rng(13)
    a = np.round(rng.standard_normal((6, 50)) * 3).astype(np.float32)
    a[rng.random(a.shape) < 0.05] = np.nan
    ours, ref = torch.tensor(a), rt.tensor(a)
    for dim in (0, 1):
        for desc in (False, True):
            v, i = ours.sort(dim, desc, stable=True)
            rv, ri = ref.sort(dim=dim, descending=desc, stable=True)
            np.testing.assert_array_equal(v.numpy(), rv.numpy())
            np.testing.assert_array_equal(i.numpy(), ri.numpy())
        assert_matches(ours.topk(5, dim).values, ref.topk(5, dim).values.numpy())
        assert_matches(ours.kthvalue(3, dim).values, ref.kthvalue(3, dim).values.numpy())
        assert_matches(ours.median(dim).values, ref.median(dim).values.numpy())
        assert_matches(ours.nanmedian(dim).values, ref.nanmedian(dim).values.numpy())
    b = rng.integers(0, 4, (5, 30))
    assert_matches(torch.tensor(b).mode(1).values, rt.tensor(b).mode(1).values.numpy())
    assert_matches(torch.tensor(b).median(), rt.tensor(b).median().numpy())
    v, inv, cnt = torch.tensor(a).unique(return_inverse=True, return_counts=True)
    rv, rinv, rcnt = rt.tensor(a).unique(return_inverse=True, return_counts=True)
    assert_matches(v, rv.numpy())
    check_inverse(v, inv, a, rinv.numpy())
    assert_matches(cnt, rcnt.numpy())
