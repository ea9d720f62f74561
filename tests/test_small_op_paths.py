"""The lean paths of small tensor operations (views, tensor-scalar and same-shape pointwise ops,
whole-tensor sum/mean, item, contiguous, zeros/empty, in-place add_/mul_/zero_) give the same
results as the general paths and as NumPy, and keep autograd's view and version semantics."""
import numpy as np
import pytest

import pytorch_py as torch


def _arr(t):
    return t.numpy()


@pytest.mark.parametrize("make", [lambda t: t.view(2, 3), lambda t: t.view(-1), lambda t: t.reshape(3, 2),
                                  lambda t: t[1], lambda t: t.t(), lambda t: t.transpose(0, 1),
                                  lambda t: t.unsqueeze(-1), lambda t: t[0].expand(4, 3),
                                  lambda t: t.select(1, -1)],
                         ids=["view", "view-1", "reshape", "index", "t", "transpose", "unsqueeze", "expand", "select"])
def test_views_of_plain_tensors_alias_and_share_the_version(make):
    base = torch.arange(6, dtype=torch.float32).reshape(2, 3)
    v = make(base)
    ref = make(torch.arange(6, dtype=torch.float32).reshape(2, 3))
    np.testing.assert_array_equal(_arr(v), _arr(ref))
    assert v._base is base._base or v._base is base
    base.add_(1)
    assert v._version == base._version == 1
    np.testing.assert_array_equal(_arr(v), _arr(ref) + 1)


def test_view_of_a_view_replays_from_the_root_for_in_place_ops_under_grad():
    base = torch.zeros(2, 3)
    v = base.view(6)[1:4]
    w = torch.ones(3, requires_grad=True)
    v.add_(w * 2)
    base.sum().backward()
    np.testing.assert_array_equal(_arr(w.grad), [2.0, 2.0, 2.0])
    np.testing.assert_array_equal(_arr(base.detach().view(6)), [0, 2, 2, 2, 0, 0])


def test_view_shapes_and_errors():
    x = torch.ones(2, 3)
    assert x.view(3, -1).shape == (3, 2) and x.view((6,)).shape == (6,) and x.view(torch.Size([1, 6])).shape == (1, 6)
    assert x.expand(4, -1, -1).shape == (4, 2, 3) and x.unsqueeze(-3).shape == (1, 2, 3)
    with pytest.raises(RuntimeError, match="view"):
        x.view(4)
    with pytest.raises(TypeError, match="view"):
        x.view(torch.float64)
    with pytest.raises(RuntimeError):
        x.view(-1, -1)
    with pytest.raises(TypeError, match="expand"):
        x.expand(2.0, 3)
    with pytest.raises(IndexError):
        x.unsqueeze(3)
    with pytest.raises(IndexError):
        x[2]
    with pytest.raises(RuntimeError):
        torch.ones(2, 2, 2).t()
    assert torch.ones(3).t().shape == (3,)


def test_contiguous_returns_self_when_contiguous_and_copies_otherwise():
    x = torch.arange(6.0).reshape(2, 3)
    assert x.contiguous() is x
    y = x.t().contiguous()
    assert y is not x and y.is_contiguous()
    np.testing.assert_array_equal(_arr(y), _arr(x).T)
    g = torch.ones(2, 3, requires_grad=True)
    assert g.contiguous() is g


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.float16])
@pytest.mark.parametrize("scalar", [2, 0.5, -3.25])
def test_tensor_scalar_operators_match_numpy(dtype, scalar):
    a = np.array([1.5, -2.0, 4.0], dtype=dtype._np)
    x = torch.from_numpy(a.copy())
    s = dtype._np.type(scalar)
    with np.errstate(invalid="ignore"):  # a negative base to a fractional power: NaN in both
        want_pow = np.power(a, s)
    cases = [(x + scalar, a + s), (x - scalar, a - s), (x * scalar, a * s), (x / scalar, a / s),
             (scalar - x, s - a), (x ** 2, a * a), (x.pow(scalar), want_pow if dtype is not torch.float16 else None)]
    for got, want in cases:
        assert got.dtype is dtype and got.shape == (3,)
        if want is not None:
            np.testing.assert_allclose(_arr(got), want, rtol=1e-3 if dtype is torch.float16 else 1e-6)
    for got, want in [(x > scalar, a > s), (x <= scalar, a <= s), (x == 4.0, a == 4.0), (x != 4.0, a != 4.0)]:
        assert got.dtype is torch.bool
        np.testing.assert_array_equal(_arr(got), want)


def test_reflected_pow_and_sub_of_python_numbers():
    a = np.array([0.5, 1.0, 2.0], dtype=np.float32)
    x = torch.from_numpy(a.copy())
    np.testing.assert_allclose(_arr(2 ** x), np.float32(2) ** a, rtol=1e-6)
    np.testing.assert_array_equal(_arr(1.0 - x), np.float32(1) - a)
    assert (3 - torch.tensor([1, 2])).dtype is torch.int64


def test_scalar_ops_on_other_dtypes_keep_promotion():
    i = torch.tensor([1, 2, 3])
    assert (i + 1).dtype is torch.int64 and (i + 1.5).dtype is torch.float32 and (i / 2).dtype is torch.float32
    np.testing.assert_array_equal(_arr(i ** 2), [1, 4, 9])
    assert (i > 1.5).dtype is torch.bool
    b = torch.tensor([True, False])
    assert (b + True).dtype is torch.bool


def test_same_shape_comparisons_and_bitwise_ops():
    x, y = torch.tensor([1.0, 2.0, 3.0]), torch.tensor([3.0, 2.0, 1.0])
    np.testing.assert_array_equal(_arr(x < y), [True, False, False])
    np.testing.assert_array_equal(_arr(x == y), [False, True, False])
    np.testing.assert_array_equal(_arr(x.ge(y)), [False, True, True])
    i, j = torch.tensor([6, 3]), torch.tensor([3, 5])
    np.testing.assert_array_equal(_arr(i & j), [2, 1])
    np.testing.assert_array_equal(_arr(i ^ j), [5, 6])
    with pytest.raises(TypeError):
        x & y
    assert (x == "a") is False


def test_in_place_fast_paths():
    a = np.array([1.0, 2.0, 3.0], dtype=np.float32)
    b = np.array([0.5, 0.25, 2.0], dtype=np.float32)
    x, y = torch.from_numpy(a.copy()), torch.from_numpy(b.copy())
    assert x.add_(y, alpha=0.5) is x
    np.testing.assert_allclose(_arr(x), a + 0.5 * b)
    x.mul_(2.0)
    np.testing.assert_allclose(_arr(x), (a + 0.5 * b) * 2)
    x.sub_(1, alpha=2)
    x.div_(y)
    np.testing.assert_allclose(_arr(x), ((a + 0.5 * b) * 2 - 2) / b, rtol=1e-6)
    x.zero_()
    np.testing.assert_array_equal(_arr(x), [0, 0, 0])
    i = torch.tensor([1, 2])
    with pytest.raises(RuntimeError):
        i.mul_(1.5)


def test_in_place_ops_bump_the_version_of_views_of_the_tensor():
    x = torch.ones(3)
    v = x[0:2]
    x.mul_(2.0)
    x.add_(torch.ones(3), alpha=2)
    assert v._version == 2
    np.testing.assert_array_equal(_arr(v), [4.0, 4.0])


def test_whole_tensor_sum_and_mean():
    x = torch.tensor([[1.0, 2.0], [3.0, 4.5]])
    s, m = x.sum(), x.mean()
    assert s.shape == () and m.shape == () and s.dtype is torch.float32
    assert s.item() == 10.5 and m.item() == 2.625
    assert torch.tensor([1, 2]).sum().dtype is torch.int64
    assert torch.tensor([1.0, 2.0], dtype=torch.float64).mean().dtype is torch.float64
    g = torch.ones(3, requires_grad=True)
    (g.sum() * 2 + g.mean()).backward()
    np.testing.assert_allclose(_arr(g.grad), [2 + 1 / 3] * 3, rtol=1e-6)


def test_item_of_one_element_tensors():
    assert torch.tensor(2.5).item() == 2.5 and torch.tensor([7]).item() == 7
    assert torch.tensor([[1.5]]).item() == 1.5 and torch.tensor([True]).item() is True
    with pytest.raises(RuntimeError):
        torch.ones(2).item()


def test_zeros_and_empty():
    z = torch.zeros(2, 3)
    assert z.shape == (2, 3) and z.dtype is torch.float32
    np.testing.assert_array_equal(_arr(z), np.zeros((2, 3)))
    assert torch.zeros((4,), dtype=torch.int64).dtype is torch.int64
    assert torch.empty(torch.Size([2, 1])).shape == (2, 1) and torch.empty(0).shape == (0,)
    assert torch.zeros(3, requires_grad=True).requires_grad
    with pytest.raises(TypeError, match="zeros"):
        torch.zeros(2, dtype="float32")
    with pytest.raises(TypeError):
        torch.empty(2.5)
