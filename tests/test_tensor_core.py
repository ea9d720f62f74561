"""The Tensor core: creation and dtype inference, typed constructors, views, NumPy sharing,
conversions and promotion, against NumPy and hand-worked values."""
import numpy as np
import pytest

import pytorch_py as torch
from conftest import ALL_DTYPES, assert_matches, real_torch


def test_issue_example():
    x = torch.tensor([[1., 2.], [3., 4.]])
    y = torch.ones(2, 2, dtype=torch.float64)
    z = (x + y).t().contiguous()[0, 1:]
    assert z.dtype is torch.float64 and z.shape == (1,) and z.tolist() == [4.0]
    assert isinstance(x.numpy(), np.ndarray)


@pytest.mark.parametrize("data,dtype", [
    (1, torch.int64), (2.0, torch.float32), (True, torch.bool), ([1, 2], torch.int64), ([1, 2.5], torch.float32),
    ([[True, False]], torch.bool), ([True, 2], torch.int64), (np.arange(3, dtype=np.float64), torch.float64),
    (np.arange(3, dtype=np.int16), torch.int16), ([], torch.float32),
])
def test_tensor_infers_dtype(data, dtype):
    t = torch.tensor(data)
    assert t.dtype is dtype
    assert_matches(t, np.asarray(data, dtype=dtype._np))


def test_default_dtype():
    torch.set_default_dtype(torch.float64)
    try:
        assert torch.tensor(1.5).dtype is torch.float64
        assert torch.zeros(2).dtype is torch.float64
        assert (torch.tensor([1, 2]) / 2).dtype is torch.float64
    finally:
        torch.set_default_dtype(torch.float32)
    with pytest.raises(TypeError):
        torch.set_default_dtype(torch.int32)


def test_ragged_data_is_a_clear_error():
    with pytest.raises(ValueError, match="tensor"):
        torch.tensor([[1, 2], [3]])


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_creation_functions(dtype):
    assert_matches(torch.zeros(2, 3, dtype=dtype), np.zeros((2, 3), dtype._np))
    assert_matches(torch.ones((2, 3), dtype=dtype), np.ones((2, 3), dtype._np))
    assert_matches(torch.full([2], 1, dtype=dtype), np.full(2, 1, dtype._np))
    assert torch.empty(0, 4, dtype=dtype).shape == (0, 4)
    ref = torch.ones(3, 1, dtype=dtype)
    assert torch.zeros_like(ref).dtype is dtype and torch.ones_like(ref).shape == (3, 1)
    assert torch.full_like(ref, 0).dtype is dtype


def test_full_infers_dtype():
    assert torch.full((2,), 3).dtype is torch.int64
    assert torch.full((2,), 3.0).dtype is torch.float32
    assert torch.full((2,), True).dtype is torch.bool


def test_typed_constructors():
    t = torch.FloatTensor(2, 3)
    assert t.shape == (2, 3) and t.dtype is torch.float32
    assert torch.FloatTensor([32]).tolist() == [32.0]
    assert torch.LongTensor([1, 2]).dtype is torch.int64
    assert isinstance(t, torch.FloatTensor) and not isinstance(t, torch.DoubleTensor)
    assert isinstance(t, torch.Tensor)
    assert t.type() == "torch.FloatTensor"
    assert t.type(torch.int).dtype is torch.int32
    assert t.type("torch.IntTensor").type() == "torch.IntTensor"
    assert t.type(torch.DoubleTensor).dtype is torch.float64
    assert torch.Tensor(2).dtype is torch.float32 and torch.Tensor([1, 2]).tolist() == [1.0, 2.0]
    assert torch.FloatTensor().shape == (0,)


def test_size_and_device():
    s = torch.zeros(2, 3).size()
    assert isinstance(s, torch.Size) and s == (2, 3) and repr(s) == "torch.Size([2, 3])" and s.numel() == 6
    assert torch.zeros(2, 3).size(-1) == 3
    d = torch.device("cpu")
    assert d.type == "cpu" and d == "cpu" and torch.zeros(1).device == d
    assert torch.device("cuda:1").index == 1 and repr(torch.device("cuda", 0)) == "device(type='cuda', index=0)"
    with pytest.raises(ValueError):
        torch.device("cuda:x")


def _layouts(base):
    """(tensor, numpy array) pairs of the same data: contiguous, transposed and sliced."""
    t = torch.tensor(base)
    return [(t, base), (t.t(), base.T), (t[::2, 1:], base[::2, 1:])]


@pytest.mark.parametrize("dtype", [torch.float32, torch.int64, torch.bool, torch.float16])
def test_views_match_numpy(dtype):
    base = (np.arange(24).reshape(4, 6) % 5).astype(dtype._np)
    for t, a in _layouts(base):
        assert_matches(t, a)
        assert_matches(t.contiguous(), a)
        assert_matches(t.clone(), a)
        assert_matches(t.reshape(-1), a.reshape(-1))
        assert_matches(t.flatten(), a.flatten())
        assert_matches(t.unsqueeze(0), a[None])
        assert_matches(t.unsqueeze(-1), a[..., None])
        assert_matches(t.permute(1, 0), a.transpose(1, 0))
        assert_matches(t.transpose(0, 1), a.T)
        assert_matches(t.narrow(1, 1, 2), a[:, 1:3])
        assert_matches(t.select(0, -1), a[-1])
        assert_matches(t[None, ..., 1], a[None, ..., 1])
        assert_matches(t.expand(3, *a.shape), np.broadcast_to(a, (3,) + a.shape))
        assert_matches(t.repeat(2, 1, 3), np.tile(a, (2, 1, 3)))
        assert_matches(t.diagonal(), np.diagonal(a))
        assert_matches(t.diagonal(1), np.diagonal(a, 1))
        for got, exp in zip(t.chunk(2, 1), np.array_split(a, 2, 1)):
            assert_matches(got, exp)
        for got, exp in zip(t.unbind(0), a):
            assert_matches(got, exp)


def test_view_shares_storage_and_view_errors():
    t = torch.zeros(2, 6)
    v = t.view(3, 4)
    v[0, 0] = 5
    assert t[0, 0].item() == 5
    assert v.view(-1, 2).shape == (6, 2)
    with pytest.raises(RuntimeError, match="view"):
        t.t().view(12)
    assert t.t().reshape(12).shape == (12,)
    with pytest.raises(RuntimeError, match="view"):
        t.view(5, 2)
    with pytest.raises(RuntimeError):
        t.view(-1, -1)


def test_unfold_and_split():
    a = np.arange(7.0)
    t = torch.tensor(a)
    assert_matches(t.unfold(0, 3, 2), np.stack([a[0:3], a[2:5], a[4:7]]))
    assert [x.tolist() for x in t.split(3)] == [[0, 1, 2], [3, 4, 5], [6]]
    assert [x.shape[0] for x in t.split([2, 5])] == [2, 5]
    with pytest.raises(RuntimeError):
        t.split([2, 2])


def test_squeeze_and_strides():
    t = torch.zeros(1, 3, 1)
    assert t.squeeze().shape == (3,) and t.squeeze(0).shape == (3, 1) and t.squeeze(1).shape == (1, 3, 1)
    assert torch.zeros(2, 3).stride() == (3, 1) and torch.zeros(2, 3).t().stride() == (1, 3)
    assert torch.zeros(2, 3).t().is_contiguous() is False
    x = torch.zeros(4, 5)
    assert x[1:].storage_offset() == 5 and x.element_size() == 4 and x.numel() == 20 and x.dim() == 2


def test_numpy_shares_memory_both_ways():
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    t = torch.from_numpy(a)
    t[0, 1] = 10
    assert a[0, 1] == 10
    a[1, 2] = -4
    assert t[1, 2].item() == -4
    n = t.numpy()
    n[0, 0] = 7
    assert a[0, 0] == 7
    assert np.shares_memory(t.numpy(), a)
    view = torch.from_numpy(a[:, ::2])
    assert_matches(view, a[:, ::2])
    del a, n  # the tensor keeps the array's memory alive
    assert t.sum().item() == 7 + 10 + 2 + 3 + 4 - 4 if hasattr(t, "sum") else True


def test_from_numpy_rejects_what_it_cannot_share():
    with pytest.raises(ValueError, match="strides"):
        torch.from_numpy(np.arange(4.0)[::-1])
    with pytest.raises(TypeError, match="from_numpy"):
        torch.from_numpy(np.zeros(2, dtype=np.complex64))
    with pytest.raises(TypeError):
        torch.from_numpy([1, 2])


def test_item_tolist_and_python_conversions():
    assert torch.tensor(3).item() == 3 and isinstance(torch.tensor(3).item(), int)
    assert isinstance(torch.tensor(3.5).item(), float) and torch.tensor(True).item() is True
    assert torch.tensor([[1, 2]]).tolist() == [[1, 2]]
    assert float(torch.tensor([2.5])) == 2.5 and int(torch.tensor(7)) == 7
    assert [1, 2, 3][torch.tensor(1)] == 2
    with pytest.raises(RuntimeError, match="one element"):
        torch.tensor([1, 2]).item()
    with pytest.raises(RuntimeError):
        bool(torch.tensor([1, 2]))
    assert np.asarray(torch.tensor([1.0, 2.0])).tolist() == [1.0, 2.0]


@pytest.mark.parametrize("src", ALL_DTYPES)
@pytest.mark.parametrize("dst", ALL_DTYPES)
def test_conversions_between_every_pair(src, dst):
    a = np.array([0, 1, 2, 100], dtype=src._np)
    t = torch.tensor(a).to(dst)
    assert_matches(t, a.astype(dst._np), dtype=dst)


def test_conversion_methods():
    t = torch.tensor([1.7, -2.2])
    assert t.int().tolist() == [1, -2] and t.long().dtype is torch.int64 and t.double().dtype is torch.float64
    assert t.half().dtype is torch.float16 and t.bool().tolist() == [True, True] and t.byte().dtype is torch.uint8
    assert t.to(torch.float64).dtype is torch.float64 and t.to("cpu") is t and t.to(t) is t
    assert t.to(torch.float32, copy=True) is not t
    assert t.type_as(torch.tensor([1])).dtype is torch.int64


def test_copy_fill_zero():
    t = torch.zeros(2, 3, dtype=torch.int32)
    t.copy_(torch.tensor([1.9, 2.2, 3.0]))
    assert t.tolist() == [[1, 2, 3], [1, 2, 3]]
    t.fill_(7)
    assert t.tolist() == [[7] * 3] * 2
    t.zero_()
    assert t.tolist() == [[0] * 3] * 2
    with pytest.raises(RuntimeError):
        t.copy_(torch.ones(4))


def test_resize_and_set():
    t = torch.zeros(2)
    t.resize_(3, 4)
    assert t.shape == (3, 4)
    u = torch.tensor([1.0, 2.0, 3.0])
    v = torch.empty(0).set_(u)
    assert v.is_set_to(u)
    v[0] = 9
    assert u[0].item() == 9


# PyTorch's promotion for tensor-tensor pairs, written out for a representative set.
PROMOTIONS = [
    (torch.uint8, torch.int8, torch.int16), (torch.bool, torch.int32, torch.int32),
    (torch.int64, torch.float16, torch.float16), (torch.float16, torch.float32, torch.float32),
    (torch.int32, torch.int64, torch.int64), (torch.uint8, torch.int16, torch.int16),
    (torch.bool, torch.bool, torch.bool), (torch.float32, torch.float64, torch.float64),
    (torch.uint8, torch.bool, torch.uint8), (torch.int8, torch.float32, torch.float32),
]


@pytest.mark.parametrize("a,b,expected", PROMOTIONS)
def test_promote_types(a, b, expected):
    assert torch.promote_types(a, b) is expected
    assert torch.promote_types(b, a) is expected
    assert (torch.ones(2, dtype=a) + torch.ones(2, dtype=b)).dtype is expected


def test_scalar_and_zero_dim_promotion():
    i = torch.tensor([1, 2], dtype=torch.int32)
    assert (i + 1).dtype is torch.int32
    assert (i + 1.5).dtype is torch.float32
    assert (i + torch.tensor(5)).dtype is torch.int32  # 0-d of the same category does not promote
    assert (i + torch.tensor(5.0, dtype=torch.float64)).dtype is torch.float64  # a 0-d of a higher category counts
    assert (torch.tensor([True]) + 1).dtype is torch.int64
    assert (torch.ones(2, dtype=torch.float16) * 2.5).dtype is torch.float16
    assert (torch.ones(2, dtype=torch.uint8) + torch.tensor(1000)).dtype is torch.uint8
    assert torch.result_type(i, 2.0) is torch.float32


def test_promotion_matches_real_torch():
    real = real_torch()
    names = ["float64", "float32", "float16", "int64", "int32", "int16", "int8", "uint8", "bool"]
    for a in names:
        for b in names:
            ours = torch.promote_types(getattr(torch, a), getattr(torch, b))
            theirs = real.promote_types(getattr(real, a), getattr(real, b))
            assert ours.name == str(theirs).split(".")[1], (a, b)
        for scalar in (True, 3, 2.5):
            t = torch.ones(2, dtype=getattr(torch, a))
            r = real.ones(2, dtype=getattr(real, a))
            assert torch.result_type(t, scalar).name == str(real.result_type(r, scalar)).split(".")[1]


def test_storage():
    t = torch.tensor([1.0, 2.0, 3.0])
    s = t.storage()
    assert len(s) == 3 and s[1] == 2.0 and s.dtype is torch.float32
    s[0] = 5
    assert t[0].item() == 5
    st = torch.Storage([1, 2], dtype=torch.int64)
    assert st.tolist() == [1, 2]


def test_threads():
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    assert torch.get_num_threads() == 1
    torch.set_num_threads(n)
    with pytest.raises(ValueError):
        torch.set_num_threads(0)
