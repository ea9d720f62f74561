"""Autograd's fast recording paths and engine: gradients of the fast operators (against NumPy and
gradcheck), node names, gradient stealing without aliasing, in-place sums, version counters of
views of plain tensors, long chains."""
import math

import numpy as np
import pytest

import pytorch_py as torch
from pytorch_py.autograd import gradcheck, gradgradcheck

R = np.random.default_rng(0)


def _leaf(shape, dtype=torch.float64, positive=False):
    x = R.standard_normal(shape)
    if positive:
        x = np.abs(x) + 0.5
    return torch.tensor(x, dtype=dtype, requires_grad=True)


BINARY = [
    ("add", lambda a, b: a + b, lambda a, b, g: (g, g)),
    ("sub", lambda a, b: a - b, lambda a, b, g: (g, -g)),
    ("mul", lambda a, b: a * b, lambda a, b, g: (g * b, g * a)),
    ("div", lambda a, b: a / b, lambda a, b, g: (g / b, -g * a / (b * b))),
    ("add method", lambda a, b: a.add(b), lambda a, b, g: (g, g)),
    ("sub method", lambda a, b: a.sub(b), lambda a, b, g: (g, -g)),
    ("mul method", lambda a, b: a.mul(b), lambda a, b, g: (g * b, g * a)),
    ("div method", lambda a, b: a.div(b), lambda a, b, g: (g / b, -g * a / (b * b))),
]


@pytest.mark.parametrize("name,fn,ref", BINARY, ids=[b[0] for b in BINARY])
def test_binary_tensor_tensor_grads(name, fn, ref):
    a, b = _leaf((3, 4)), _leaf((3, 4), positive=True)
    g = R.standard_normal((3, 4))
    fn(a, b).backward(torch.tensor(g))
    ga, gb = ref(a.detach().numpy(), b.detach().numpy(), g)
    np.testing.assert_allclose(a.grad.numpy(), ga, rtol=1e-12)
    np.testing.assert_allclose(b.grad.numpy(), gb, rtol=1e-12)
    assert gradcheck(fn, (a, b)) and gradgradcheck(fn, (a, b))


SCALAR = [
    ("x + 2", lambda x: x + 2, lambda x: np.ones_like(x)),
    ("2 + x", lambda x: 2 + x, lambda x: np.ones_like(x)),
    ("x - 1.5", lambda x: x - 1.5, lambda x: np.ones_like(x)),
    ("x * 3", lambda x: x * 3, lambda x: np.full_like(x, 3.0)),
    ("0.5 * x", lambda x: 0.5 * x, lambda x: np.full_like(x, 0.5)),
    ("x / 4", lambda x: x / 4, lambda x: np.full_like(x, 0.25)),
    ("1 - x", lambda x: 1 - x, lambda x: -np.ones_like(x)),
]


@pytest.mark.parametrize("name,fn,ref", SCALAR, ids=[s[0] for s in SCALAR])
def test_binary_tensor_scalar_grads(name, fn, ref):
    x = _leaf((5,))
    fn(x).sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), ref(x.detach().numpy()))
    assert gradcheck(fn, (x,)) and gradgradcheck(fn, (x,))


UNARY = [
    ("neg", lambda x: -x, lambda x: -np.ones_like(x)),
    ("exp", lambda x: x.exp(), np.exp),
    ("log", lambda x: x.log(), lambda x: 1 / x),
    ("tanh", lambda x: x.tanh(), lambda x: 1 - np.tanh(x) ** 2),
    ("sigmoid", lambda x: x.sigmoid(), lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2),
    ("sqrt", lambda x: x.sqrt(), lambda x: 0.5 / np.sqrt(x)),
    ("sum", lambda x: x.sum(), lambda x: np.ones_like(x)),
    ("mean", lambda x: x.mean(), lambda x: np.full_like(x, 1 / x.size)),
]


@pytest.mark.parametrize("name,fn,ref", UNARY, ids=[u[0] for u in UNARY])
def test_unary_grads(name, fn, ref):
    x = _leaf((2, 3), positive=True)
    fn(x).sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), ref(x.detach().numpy()), rtol=1e-12)
    assert gradcheck(fn, (x,)) and gradgradcheck(fn, (x,))


def test_mm_grads_match_numpy():
    a, b = _leaf((3, 4)), _leaf((4, 2))
    g = R.standard_normal((3, 2))
    for f in (lambda a, b: a.mm(b), lambda a, b: a.matmul(b), lambda a, b: a @ b):
        a.grad = b.grad = None
        f(a, b).backward(torch.tensor(g))
        np.testing.assert_allclose(a.grad.numpy(), g @ b.detach().numpy().T)
        np.testing.assert_allclose(b.grad.numpy(), a.detach().numpy().T @ g)
    assert gradcheck(lambda a, b: a.mm(b), (a, b)) and gradgradcheck(lambda a, b: a.mm(b), (a, b))


def test_only_the_operand_that_requires_grad_gets_one():
    a = _leaf((3,))
    c = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
    (a * c).sum().backward()
    np.testing.assert_allclose(a.grad.numpy(), [1.0, 2.0, 3.0])
    assert c.grad is None and not c.requires_grad


@pytest.mark.parametrize("expr,name", [
    (lambda a, b: a + b, "AddBackward0"), (lambda a, b: a + 1, "AddBackward0"), (lambda a, b: 1 + a, "AddBackward0"),
    (lambda a, b: a - b, "SubBackward0"), (lambda a, b: a - 1, "SubBackward0"), (lambda a, b: 1 - a, "RsubBackward1"),
    (lambda a, b: a * b, "MulBackward0"), (lambda a, b: a * 2, "MulBackward0"), (lambda a, b: 2 * a, "MulBackward0"),
    (lambda a, b: a / b, "DivBackward0"), (lambda a, b: a / 2, "DivBackward0"), (lambda a, b: -a, "NegBackward0"),
    (lambda a, b: a.exp(), "ExpBackward0"), (lambda a, b: a.sum(), "SumBackward0"),
    (lambda a, b: a.mean(), "MeanBackward0"), (lambda a, b: a.mm(b), "MmBackward0"),
    (lambda a, b: a.matmul(b), "MmBackward0"), (lambda a, b: a.tanh(), "TanhBackward0"),
    (lambda a, b: a.addmm(a, b), "AddmmBackward0"), (lambda a, b: a.t(), "TBackward0"),
    (lambda a, b: a.sum(0), "SumBackward1"), (lambda a, b: a.mean(1), "MeanBackward1"),
    (lambda a, b: a.unsqueeze(0).bmm(b.unsqueeze(0)), "BmmBackward0"),
])
def test_grad_fn_names_match_pytorch(expr, name):
    a, b = _leaf((2, 2)), _leaf((2, 2))
    assert type(expr(a, b).grad_fn).__name__ == name


def test_addmm_gradients():
    m, a, b = _leaf((3, 2)), _leaf((3, 4)), _leaf((4, 2))
    f = lambda m, a, b: m.addmm(a, b, beta=0.5, alpha=2.0)  # noqa: E731
    assert gradcheck(f, (m, a, b)) and gradgradcheck(f, (m, a, b))


def test_leaf_gradients_never_alias():
    a, b = _leaf((4,)), _leaf((4,))
    (a + b).sum().backward()  # both leaves get the same incoming gradient object
    assert a.grad.data_ptr() != b.grad.data_ptr()
    a.grad.add_(1)
    np.testing.assert_allclose(b.grad.numpy(), np.ones(4))


def test_user_gradient_is_copied_not_stolen():
    x = _leaf((3,))
    g = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
    x.backward(g)
    g.add_(10)
    np.testing.assert_allclose(x.grad.numpy(), [1.0, 2.0, 3.0])
    y = _leaf((3,))
    (y * 1).backward(g)
    g.zero_()
    np.testing.assert_allclose(y.grad.numpy(), [11.0, 12.0, 13.0])


def test_gradient_of_an_expanded_view_is_made_contiguous():
    x = _leaf((3, 1))
    x.expand(3, 4).sum().backward()
    assert x.grad.is_contiguous()
    np.testing.assert_allclose(x.grad.numpy(), np.full((3, 1), 4.0))


def test_gradients_summed_over_several_uses():
    x = _leaf((3,))
    y = x * 2 + x * 3 + x.exp()
    y.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), 5 + np.exp(x.detach().numpy()))
    y2 = x * 2 + x * 3
    y2.sum().backward()  # accumulates into the existing .grad
    np.testing.assert_allclose(x.grad.numpy(), 10 + np.exp(x.detach().numpy()))


def test_in_place_sum_keeps_shared_gradients_intact():
    x = _leaf((3,))
    z = x * 1.0
    out = z + z  # AddBackward0 hands the same gradient to z twice
    g = torch.ones(3, dtype=torch.float64)
    out.backward(g)
    np.testing.assert_allclose(x.grad.numpy(), [2.0, 2.0, 2.0])
    np.testing.assert_allclose(g.numpy(), [1.0, 1.0, 1.0])


def test_create_graph_through_fast_nodes():
    x = _leaf((3,), positive=True)
    y = (x * x * x).sum()
    (gx,) = torch.autograd.grad(y, x, create_graph=True)
    np.testing.assert_allclose(gx.detach().numpy(), 3 * x.detach().numpy() ** 2)
    gx.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), 6 * x.detach().numpy())


def test_saved_operand_modified_in_place_is_caught():
    a, b = _leaf((3,)), torch.ones(3, dtype=torch.float64)
    y = a * b
    b.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        y.sum().backward()


def test_second_backward_through_a_saving_node_raises():
    a = _leaf((3,))
    y = (a * a).sum()
    y.backward()
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        y.backward()
    z = (a + 1).sum()  # nothing saved: PyTorch allows it
    a.grad = None
    z.backward()
    z.backward()
    np.testing.assert_allclose(a.grad.numpy(), [2.0, 2.0, 2.0])


@pytest.mark.parametrize("make_view", [lambda t: t.view(3), lambda t: t[0:3], lambda t: t.unsqueeze(0)],
                         ids=["view", "slice", "unsqueeze"])
def test_view_of_a_plain_tensor_shares_the_version_counter(make_view):
    base = torch.ones(3, dtype=torch.float64)
    v = make_view(base)
    w = _leaf((3,))
    y = (w * v.reshape(3)).sum()
    assert v._version == base._version == 0
    base.add_(1)
    assert v._version == 1 and v._base is base
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        y.backward()


def test_detach_shares_the_version_counter():
    x = torch.ones(2)
    d = x.detach()
    x.mul_(2)
    assert d._version == 1


def test_operators_on_other_dtypes_take_the_general_path():
    i = torch.tensor([1, 2, 3])
    np.testing.assert_array_equal((i + i).numpy(), [2, 4, 6])
    np.testing.assert_array_equal((i * i).numpy(), [1, 4, 9])
    assert (i / i).dtype == torch.float32
    with pytest.raises(TypeError):
        torch.tensor([True]) - torch.tensor([True])
    h = torch.ones(2, dtype=torch.float64) + torch.ones(2, dtype=torch.float32)
    assert h.dtype == torch.float64


def test_chain_of_ten_thousand_ops():
    x0 = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    x = x0
    for _ in range(10000):
        x = x * 1.0001 + 0.0001
    x.backward()
    assert math.isclose(x0.grad.item(), 1.0001 ** 10000, rel_tol=1e-9)


def test_no_grad_records_nothing_on_the_fast_paths():
    a = _leaf((2, 2))
    with torch.no_grad():
        for y in (a + a, a * 2, a.exp(), a.sum(), a.mm(a), a - 1, a / a):
            assert y.grad_fn is None and not y.requires_grad
