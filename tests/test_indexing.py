"""Indexing (getitem/setitem with basic and advanced keys) and the index ops against NumPy."""
import numpy as np
import pytest

import pytorch_py as torch
from conftest import ALL_DTYPES, assert_matches
from layouts import make

A = np.arange(60).reshape(3, 4, 5)

KEYS = [
    0, -1, (1, 2), (slice(None), 1), (Ellipsis, 2), (None, 1), (slice(1, None, 2), None, slice(None, None, 3)),
    (0, Ellipsis, None), (slice(-2, None),), (slice(10, 20),), True,
    [0, 2], ([0, 2], [1, 3]), (slice(None), [0, 3, 3]), (slice(None), [1, 2], [0, 4]),
    ([[0], [2]], slice(None), [1, 3]), (Ellipsis, [-1, 0]), (1, [0, 2], slice(1, 3)),
    (A[:, :, 0] % 2 == 0,), (A % 7 == 0,), (0, A[0] > 10), ([True, False, True],),
    (np.array([[0, 1], [2, 2]]),), ([0, 1], Ellipsis, [2, 3]),
]


@pytest.mark.parametrize("key", KEYS, ids=[str(i) for i in range(len(KEYS))])
def test_getitem_matches_numpy(key):
    t = torch.tensor(A)
    tk = tuple(torch.tensor(k) if isinstance(k, np.ndarray) else k for k in key) if isinstance(key, tuple) else key
    assert_matches(t[tk], A[key])


@pytest.mark.parametrize("key", KEYS, ids=[str(i) for i in range(len(KEYS))])
def test_setitem_matches_numpy(key):
    t = torch.tensor(A)
    expected = A.copy()
    expected[key] = -7
    t[key] = -7
    assert_matches(t, expected)
    t2 = torch.tensor(A)
    expected2 = A.copy()
    shape = A[key].shape
    values = np.arange(int(np.prod(shape))).reshape(shape) * 10
    expected2[key] = values
    t2[key] = torch.tensor(values)
    assert_matches(t2, expected2)


def test_basic_indexing_returns_views():
    t = torch.zeros(3, 4)
    t[1][2] = 5
    t[:, 0] = torch.tensor([1.0, 2.0, 3.0])
    t[2, 1:3] = 9
    assert t.tolist() == [[1, 0, 0, 0], [2, 0, 5, 0], [3, 9, 9, 0]]
    v = t[..., 1]
    v += 1
    assert t[:, 1].tolist() == [1, 1, 10]


def test_setitem_broadcasts_and_converts():
    t = torch.zeros(2, 3, dtype=torch.int32)
    t[:] = torch.tensor([1.7, 2.2, 3.9])
    assert t.tolist() == [[1, 2, 3], [1, 2, 3]]
    t[t > 2] = 0
    assert t.tolist() == [[1, 2, 0], [1, 2, 0]]


def test_indexing_a_transposed_tensor():
    t, a = make((4, 6), torch.float32, "transposed", np.random.default_rng(0))
    assert_matches(t[1:, [0, 2]], a[1:, [0, 2]])
    assert_matches(t[a > 0], a[a > 0])
    t[[0, 1], [2, 3]] = 100
    a = a.copy()
    a[[0, 1], [2, 3]] = 100
    assert_matches(t, a)


def test_index_put_accumulate():
    t = torch.zeros(5)
    t.index_put_((torch.tensor([0, 1, 1, 4]),), torch.tensor([1.0, 2.0, 3.0, 4.0]), accumulate=True)
    assert t.tolist() == [1.0, 5.0, 0.0, 0.0, 4.0]


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_index_ops(dtype):
    rng = np.random.default_rng(3)
    x, a = make((4, 5), dtype, "transposed", rng)
    idx = np.array([3, 0, 3, -1])
    assert_matches(x.index_select(0, torch.tensor(idx)), a[idx])
    assert_matches(x.index_select(1, torch.tensor([4, 1])), a[:, [4, 1]])
    gi = rng.integers(0, 5, (4, 3))
    assert_matches(x.gather(1, torch.tensor(gi)), np.take_along_axis(a, gi, 1))
    m = rng.random((4, 5)) < 0.5
    assert_matches(x.masked_select(torch.tensor(m)), a[m])
    assert_matches(x.masked_fill(torch.tensor(m), 1), np.where(m, np.asarray(1).astype(dtype._np), a))
    assert_matches(x.nonzero(), np.argwhere(a))
    flat = np.array([0, 7, 19, -2])
    assert_matches(x.take(torch.tensor(flat)), a.reshape(-1)[flat])
    cond = rng.random((4, 5)) < 0.3
    y, b = make((4, 5), dtype, "contiguous", rng)
    assert_matches(torch.where(torch.tensor(cond), x, y), np.where(cond, a, b))


def test_index_writes():
    t = torch.zeros(3, 4)
    t.index_copy_(0, torch.tensor([2, 0]), torch.tensor([[1.0] * 4, [2.0] * 4]))
    assert t[:, 0].tolist() == [2.0, 0.0, 1.0]
    t.index_add_(1, torch.tensor([1, 1]), torch.ones(3, 2))
    assert t[:, 1].tolist() == [4.0, 2.0, 3.0]
    t.index_fill_(1, torch.tensor([3]), -1)
    assert t[:, 3].tolist() == [-1.0] * 3
    s = torch.zeros(3, 3)
    s.scatter_(0, torch.tensor([[0, 1, 2], [2, 0, 1]]), torch.tensor([[1.0, 2, 3], [4, 5, 6]]))
    assert s.tolist() == [[1, 5, 0], [0, 2, 6], [4, 0, 3]]
    s.scatter_add_(1, torch.tensor([[0, 0]]), torch.tensor([[10.0, 20.0]]))
    assert s[0, 0].item() == 31
    s.scatter_(1, torch.tensor([[2]]), 7.5)
    assert s[0, 2].item() == 7.5
    m = torch.tensor([[True, False, True]])
    u = torch.zeros(2, 3)
    u.masked_scatter_(m, torch.tensor([1.0, 2, 3, 4]))
    assert u.tolist() == [[1, 0, 2], [3, 0, 4]]
    p = torch.zeros(2, 2)
    p.put_(torch.tensor([0, 3, 3]), torch.tensor([1.0, 2.0, 3.0]), accumulate=True)
    assert p.tolist() == [[1, 0], [0, 5]]


def test_where_promotes_and_nonzero_tuple():
    c = torch.tensor([True, False])
    r = torch.where(c, torch.tensor([1, 2]), 0.5)
    assert r.dtype is torch.float32 and r.tolist() == [1.0, 0.5]
    rows, cols = torch.where(torch.tensor([[0, 1], [1, 0]]))
    assert rows.tolist() == [0, 1] and cols.tolist() == [1, 0]


def test_index_errors():
    t = torch.zeros(3)
    with pytest.raises(IndexError, match="index_select"):
        t.index_select(0, torch.tensor([3]))
    with pytest.raises(IndexError, match="gather"):
        t.gather(0, torch.tensor([5]))
    with pytest.raises(IndexError):
        t.scatter_(0, torch.tensor([7]), 1.0)
    with pytest.raises(IndexError, match="take"):
        t.take(torch.tensor([9]))
    with pytest.raises(TypeError):
        t.index_select(0, torch.tensor([0.5]))
