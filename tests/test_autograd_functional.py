"""torch.autograd.functional against hand-worked derivatives and NumPy."""
import numpy as np
import pytest

import pytorch_py as torch
from pytorch_py.autograd import functional as AF
from conftest import real_torch


def _f(x):
    return (x ** 3).sum()          # grad 3x^2, Hessian diag(6x)


def _g(x, y):
    return x * y.exp()             # elementwise: dg/dx = e^y, dg/dy = x e^y


def test_vjp_and_jvp_match_hand_worked_products():
    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    y = torch.tensor([0.0, 1.0], dtype=torch.float64)
    v = torch.tensor([1.0, -1.0], dtype=torch.float64)
    out, (gx, gy) = AF.vjp(_g, (x, y), v)
    e = np.exp([0.0, 1.0])
    np.testing.assert_allclose(out.numpy(), [1.0, 2.0 * e[1]])
    np.testing.assert_allclose(gx.numpy(), v.numpy() * e)
    np.testing.assert_allclose(gy.numpy(), v.numpy() * np.array([1.0, 2.0]) * e)
    out, jv = AF.jvp(_g, (x, y), (v, v))
    np.testing.assert_allclose(jv.numpy(), v.numpy() * e + v.numpy() * np.array([1.0, 2.0]) * e)
    assert not out.requires_grad and not jv.requires_grad


def test_jacobian_shapes_and_values():
    x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64)
    J = AF.jacobian(lambda t: t.sum(1) ** 2, x)
    assert tuple(J.shape) == (2, 2, 2)
    s = x.numpy().sum(1)
    expect = np.zeros((2, 2, 2))
    for i in range(2):
        expect[i, i, :] = 2 * s[i]
    np.testing.assert_allclose(J.numpy(), expect)
    x2 = torch.tensor([1.0, 2.0], dtype=torch.float64)
    y2 = torch.tensor([0.5, 1.0], dtype=torch.float64)
    ((jx, jy),) = AF.jacobian(lambda a, b: (a * b,), (x2, y2))
    np.testing.assert_allclose(jx.numpy(), np.diag(y2.numpy()))
    np.testing.assert_allclose(jy.numpy(), np.diag(x2.numpy()))


def test_hessian_and_hessian_vector_products():
    x = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)
    H = AF.hessian(_f, x)
    np.testing.assert_allclose(H.numpy(), np.diag(6 * x.numpy()))
    v = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
    val, hv = AF.hvp(_f, x, v)
    np.testing.assert_allclose(val.item(), (x.numpy() ** 3).sum())
    np.testing.assert_allclose(hv.numpy(), 6 * x.numpy() * v.numpy())
    _, vh = AF.vhp(_f, x, v)
    np.testing.assert_allclose(vh.numpy(), 6 * x.numpy() * v.numpy())
    # mixed second derivatives of a two-input function
    a = torch.tensor([2.0], dtype=torch.float64)
    b = torch.tensor([3.0], dtype=torch.float64)
    H = AF.hessian(lambda p, q: (p * p * q).sum(), (a, b))
    np.testing.assert_allclose(H[0][0].numpy(), [[2 * 3.0]])
    np.testing.assert_allclose(H[0][1].numpy(), [[2 * 2.0]])
    np.testing.assert_allclose(H[1][0].numpy(), [[2 * 2.0]])
    np.testing.assert_allclose(H[1][1].numpy(), [[0.0]])


def test_independent_input_gives_zeros_or_strict_error():
    x = torch.ones(2, dtype=torch.float64)
    y = torch.ones(2, dtype=torch.float64)
    _, (gx, gy) = AF.vjp(lambda a, b: a * 2, (x, y), torch.ones(2, dtype=torch.float64))
    assert gy.tolist() == [0.0, 0.0] and gx.tolist() == [2.0, 2.0]
    with pytest.raises(RuntimeError, match="independent of input 1"):
        AF.vjp(lambda a, b: a * 2, (x, y), torch.ones(2, dtype=torch.float64), strict=True)


def test_create_graph_keeps_results_differentiable():
    x = torch.tensor([1.5], dtype=torch.float64, requires_grad=True)
    _, g = AF.vjp(lambda t: (t ** 3).sum(), x, create_graph=True)
    assert g.requires_grad
    (d2,) = torch.autograd.grad(g.sum(), x)
    np.testing.assert_allclose(d2.item(), 6 * 1.5)


def test_bad_arguments_are_named():
    with pytest.raises(TypeError, match="inputs given to jacobian must be either a Tensor or a tuple"):
        AF.jacobian(lambda t: t, [1.0, 2.0])
    with pytest.raises(RuntimeError, match="vjp: the vector v can only be None"):
        AF.vjp(lambda t: t * 2, torch.ones(3, dtype=torch.float64))
    with pytest.raises(RuntimeError, match="hessian: expected a function returning a single-element tensor"):
        AF.hessian(lambda t: t * 2, torch.ones(3, dtype=torch.float64))
    with pytest.raises(RuntimeError, match="entry 0 of v has shape"):
        AF.jvp(lambda t: t * 2, torch.ones(3, dtype=torch.float64), torch.ones(2, dtype=torch.float64))


def test_matches_real_torch():
    T = real_torch()
    rng = np.random.default_rng(0)
    xa = rng.standard_normal((3, 2))

    def ours(t):
        return (t.sin() * t.sum(0)).sum(1)

    def theirs(t):
        return (t.sin() * t.sum(0)).sum(1)

    J = AF.jacobian(ours, torch.from_numpy(xa.copy()))
    Jt = T.autograd.functional.jacobian(theirs, T.from_numpy(xa.copy()))
    np.testing.assert_allclose(J.numpy(), Jt.numpy(), rtol=1e-12, atol=1e-12)
    H = AF.hessian(lambda t: ours(t).pow(2).sum(), torch.from_numpy(xa.copy()))
    Ht = T.autograd.functional.hessian(lambda t: theirs(t).pow(2).sum(), T.from_numpy(xa.copy()))
    np.testing.assert_allclose(H.numpy(), Ht.numpy(), rtol=1e-10, atol=1e-12)
