"""Autograd: graph recording, engine, derivative formulas (gradcheck in float64), Function,
safety checks and grad modes."""
import sys
import threading

import numpy as np
import pytest

import pytorch_py as torch
from pytorch_py.autograd import Function, gradcheck, gradgradcheck

RNG = np.random.default_rng(1234)


def R(*shape, lo=-1.0, hi=1.0, grad=True, layout="contiguous"):
    a = RNG.uniform(lo, hi, size=shape)
    if layout == "transposed" and len(shape) >= 2:
        t = torch.from_numpy(np.ascontiguousarray(a.swapaxes(-1, -2))).transpose(-1, -2)
    elif layout == "sliced":
        big = RNG.uniform(lo, hi, size=tuple(s * 2 for s in shape))
        t = torch.from_numpy(big)[tuple(slice(None, None, 2) for _ in shape)]
    else:
        t = torch.from_numpy(a)
    return t.requires_grad_(grad)


P = lambda *s: R(*s, lo=0.5, hi=2.0)  # noqa: E731  positive inputs

# (name, function, inputs, smooth enough for gradgradcheck)
CASES = [
    ("add", lambda a, b: a + b, lambda: (R(3, 4), R(3, 4)), True),
    ("add_bcast", lambda a, b: a.add(b, alpha=2), lambda: (R(3, 4), R(4)), True),
    ("radd", lambda a: 2 + a, lambda: (R(3),), False),
    ("sub_bcast", lambda a, b: a - b, lambda: (R(2, 1, 4), R(3, 1)), True),
    ("rsub", lambda a: 1 - a, lambda: (R(3),), False),
    ("mul_bcast", lambda a, b: a * b, lambda: (R(3, 4), R(1, 4)), True),
    ("rmul", lambda a: 3 * a, lambda: (R(3),), False),
    ("div", lambda a, b: a / b, lambda: (R(3, 4), P(3, 4)), True),
    ("rdiv", lambda a: 2 / a, lambda: (P(3),), True),
    ("pow_scalar", lambda a: a ** 3, lambda: (R(3, 4),), True),
    ("pow_frac", lambda a: a.pow(1.5), lambda: (P(3),), True),
    ("pow_tensor", lambda a, b: a ** b, lambda: (P(3, 4), R(3, 4)), True),
    ("rpow", lambda a: 2 ** a, lambda: (R(3),), False),
    ("neg", lambda a: -a, lambda: (R(3),), False),
    ("abs", lambda a: a.abs(), lambda: (P(3),), True),
    ("exp", lambda a: a.exp(), lambda: (R(3, 2),), True),
    ("expm1", lambda a: a.expm1(), lambda: (R(3),), False),
    ("log", lambda a: a.log(), lambda: (P(3),), True),
    ("log2", lambda a: a.log2(), lambda: (P(3),), True),
    ("log10", lambda a: a.log10(), lambda: (P(3),), True),
    ("log1p", lambda a: a.log1p(), lambda: (P(3),), True),
    ("sqrt", lambda a: a.sqrt(), lambda: (P(3),), True),
    ("rsqrt", lambda a: a.rsqrt(), lambda: (P(3),), True),
    ("sin", lambda a: a.sin(), lambda: (R(3),), False),
    ("cos", lambda a: a.cos(), lambda: (R(3),), False),
    ("tan", lambda a: a.tan(), lambda: (R(3),), False),
    ("asin", lambda a: a.asin(), lambda: (R(3, lo=-0.8, hi=0.8),), True),
    ("acos", lambda a: a.acos(), lambda: (R(3, lo=-0.8, hi=0.8),), True),
    ("atan", lambda a: a.atan(), lambda: (R(3),), False),
    ("sinh", lambda a: a.sinh(), lambda: (R(3),), False),
    ("cosh", lambda a: a.cosh(), lambda: (R(3),), False),
    ("tanh", lambda a: a.tanh(), lambda: (R(3),), False),
    ("sigmoid", lambda a: a.sigmoid(), lambda: (R(3),), False),
    ("erf", lambda a: a.erf(), lambda: (R(3),), False),
    ("erfinv", lambda a: a.erfinv(), lambda: (R(3, lo=-0.8, hi=0.8),), True),
    ("reciprocal", lambda a: a.reciprocal(), lambda: (P(3),), True),
    ("frac", lambda a: a.frac(), lambda: (P(3),), False),
    ("floor", lambda a: a.floor() + a, lambda: (P(3),), False),
    ("clamp", lambda a: a.clamp(-0.5, 0.5), lambda: (R(10),), False),
    ("clamp_min", lambda a: a.clamp(min=0.1), lambda: (R(10),), False),
    ("clamp_tensor", lambda a, lo: a.clamp(min=lo), lambda: (R(6), R(6)), False),
    ("maximum", lambda a, b: a.maximum(b), lambda: (R(3, 4), R(4)), False),
    ("minimum", lambda a, b: torch.minimum(a, b), lambda: (R(3, 4), R(3, 4)), False),
    ("lerp", lambda a, b: a.lerp(b, 0.3), lambda: (R(3), R(3)), True),
    ("lerp_t", lambda a, b, w: a.lerp(b, w), lambda: (R(3), R(3), R(3)), True),
    ("addcmul", lambda a, b, c: a.addcmul(b, c, value=0.5), lambda: (R(3, 1), R(3, 4), R(4)), True),
    ("addcdiv", lambda a, b, c: a.addcdiv(b, c, value=0.5), lambda: (R(3), R(3), P(3)), True),
    ("atan2", lambda a, b: a.atan2(b), lambda: (R(3), P(3)), True),
    ("remainder", lambda a: a.remainder(0.7), lambda: (P(5),), False),
    ("fmod", lambda a: a.fmod(0.7), lambda: (P(5),), False),
    ("where", lambda a, b: torch.where(a > 0, a, b), lambda: (R(3, 4), R(4)), True),
    # reductions
    ("sum", lambda a: a.sum(), lambda: (R(3, 4),), True),
    ("sum_dim", lambda a: a.sum(1), lambda: (R(3, 4),), True),
    ("sum_dims_keep", lambda a: a.sum((0, 2), keepdim=True), lambda: (R(2, 3, 4),), True),
    ("mean", lambda a: a.mean(), lambda: (R(3, 4),), True),
    ("mean_dim", lambda a: a.mean(-1, keepdim=True), lambda: (R(3, 4, layout="transposed"),), True),
    ("prod", lambda a: a.prod(), lambda: (R(5),), True),
    ("prod_dim", lambda a: a.prod(1), lambda: (R(3, 4),), True),
    ("prod_zero", lambda a: (a * torch.tensor([1.0, 0.0, 1.0], dtype=torch.float64)).prod(), lambda: (R(3),), False),
    ("var", lambda a: a.var(), lambda: (R(3, 4),), True),
    ("var_dim", lambda a: a.var(0, unbiased=False), lambda: (R(3, 4),), True),
    ("std", lambda a: a.std(), lambda: (R(5),), True),
    ("std_dim", lambda a: a.std(1, keepdim=True), lambda: (R(3, 4),), True),
    ("norm", lambda a: a.norm(), lambda: (R(3, 4),), True),
    ("norm_p3_dim", lambda a: a.norm(3, dim=1), lambda: (R(3, 4),), True),
    ("norm_1", lambda a: a.norm(1), lambda: (R(5),), False),
    ("norm_inf", lambda a: a.norm(float("inf"), dim=0), lambda: (R(3, 4),), False),
    ("max", lambda a: a.max(), lambda: (R(5),), False),
    ("min", lambda a: a.min(), lambda: (R(5),), False),
    ("max_dim", lambda a: a.max(1).values, lambda: (R(3, 4),), False),
    ("min_dim_keep", lambda a: a.min(0, keepdim=True)[0], lambda: (R(3, 4),), False),
    ("amax", lambda a: a.amax((0, 1)), lambda: (R(3, 4, 2),), False),
    ("amin", lambda a: a.amin(1, keepdim=True), lambda: (R(3, 4),), False),
    ("cumsum", lambda a: a.cumsum(1), lambda: (R(3, 4),), True),
    ("cumprod", lambda a: a.cumprod(0), lambda: (P(4, 2),), True),
    ("trace", lambda a: a.trace(), lambda: (R(3, 4),), True),
    ("dist", lambda a, b: a.dist(b), lambda: (R(3), R(3)), True),
    # views, shapes and indexing
    ("view", lambda a: a.view(4, 3) * 2, lambda: (R(3, 4),), True),
    ("reshape_nc", lambda a: a.reshape(-1), lambda: (R(3, 4, layout="transposed"),), True),
    ("flatten", lambda a: a.flatten(), lambda: (R(2, 3, 2),), True),
    ("permute", lambda a: a.permute(2, 0, 1), lambda: (R(2, 3, 4),), True),
    ("transpose", lambda a: a.transpose(0, 1), lambda: (R(2, 3),), True),
    ("t", lambda a: a.t(), lambda: (R(2, 3),), True),
    ("T", lambda a: a.T, lambda: (R(2, 3),), True),
    ("expand", lambda a: a.expand(3, 4), lambda: (R(1, 4),), True),
    ("squeeze", lambda a: a.squeeze(1), lambda: (R(3, 1, 2),), True),
    ("unsqueeze", lambda a: a.unsqueeze(0), lambda: (R(3),), False),
    ("narrow", lambda a: a.narrow(1, 1, 2), lambda: (R(3, 4),), True),
    ("select", lambda a: a.select(0, -1), lambda: (R(3, 4),), True),
    ("unfold", lambda a: a.unfold(0, 3, 1), lambda: (R(6),), True),
    ("diagonal", lambda a: a.diagonal(1), lambda: (R(3, 4),), True),
    ("as_strided", lambda a: a.as_strided((2, 2), (1, 2), 1), lambda: (R(6),), True),
    ("getitem_basic", lambda a: a[1:, ::2, None, 0], lambda: (R(3, 4, 2),), True),
    ("getitem_adv", lambda a: a[torch.tensor([0, 2, 0])], lambda: (R(3, 4),), True),
    ("getitem_mask", lambda a: a[a > 0], lambda: (R(3, 4),), True),
    ("getitem_sliced", lambda a: a[1], lambda: (R(3, 4, layout="sliced"),), True),
    ("index_select", lambda a: a.index_select(1, torch.tensor([3, 0, 3])), lambda: (R(2, 4),), True),
    ("gather", lambda a: a.gather(1, torch.tensor([[0, 0], [1, 2]])), lambda: (R(2, 3),), True),
    ("scatter", lambda a, s: a.scatter(1, torch.tensor([[0, 1], [2, 0]]), s), lambda: (R(2, 3), R(2, 2)), True),
    ("scatter_add", lambda a, s: a.scatter_add(1, torch.tensor([[0, 0], [2, 0]]), s), lambda: (R(2, 3), R(2, 2)),
     True),
    ("index_add", lambda a, s: a.index_add(0, torch.tensor([0, 2, 0]), s), lambda: (R(3, 2), R(3, 2)), True),
    ("index_copy", lambda a, s: a.index_copy(0, torch.tensor([2, 0]), s), lambda: (R(3, 2), R(2, 2)), True),
    ("index_fill", lambda a: a.index_fill(1, torch.tensor([1]), 3.0), lambda: (R(2, 3),), True),
    ("masked_fill", lambda a: a.masked_fill(torch.tensor([True, False, True]), 0.0), lambda: (R(2, 3),), True),
    ("masked_fill_t", lambda a, v: a.masked_fill(torch.tensor([True, False]), v), lambda: (R(2), R()), True),
    ("masked_select", lambda a: a.masked_select(torch.tensor([[True], [False]])), lambda: (R(2, 3),), True),
    ("masked_scatter", lambda a, s: a.masked_scatter(torch.tensor([True, False, True]), s), lambda: (R(3), R(4)),
     True),
    ("take", lambda a: a.take(torch.tensor([[0, 5], [5, 1]])), lambda: (R(2, 3),), True),
    ("put", lambda a, s: a.put(torch.tensor([1, 4]), s), lambda: (R(2, 3), R(2)), True),
    ("put_acc", lambda a, s: a.put(torch.tensor([1, 1]), s, accumulate=True), lambda: (R(2, 3), R(2)), True),
    ("index_put", lambda a, v: a.index_put((torch.tensor([0, 2]),), v), lambda: (R(3, 2), R(2)), True),
    ("cat", lambda a, b: torch.cat([a, b], 1), lambda: (R(2, 3), R(2, 1)), True),
    ("stack", lambda a, b: torch.stack([a, b], -1), lambda: (R(2, 3), R(2, 3)), True),
    ("split", lambda a: a.split(2, 1)[1] * 2, lambda: (R(2, 5),), True),
    ("chunk", lambda a: torch.chunk(a, 2)[0], lambda: (R(4, 2),), True),
    ("unbind", lambda a: a.unbind(1)[2], lambda: (R(2, 3),), True),
    ("repeat", lambda a: a.repeat(2, 1, 3), lambda: (R(2, 2),), True),
    ("clone", lambda a: a.clone(), lambda: (R(3),), False),
    ("contiguous", lambda a: a.contiguous(), lambda: (R(3, 2, layout="transposed"),), True),
    ("cast", lambda a: a.double() * a, lambda: (R(3),), False),
    ("tril", lambda a: a.tril(), lambda: (R(3, 3),), True),
    ("triu", lambda a: a.triu(1), lambda: (R(3, 4),), True),
    ("diag_vec", lambda a: a.diag(1), lambda: (R(3),), False),
    ("diag_mat", lambda a: a.diag(-1), lambda: (R(3, 3),), True),
    ("flip", lambda a: a.flip(0, 1), lambda: (R(2, 3),), True),
    ("roll", lambda a: a.roll(1, 1), lambda: (R(2, 3),), True),
    ("roll_flat", lambda a: a.roll(2), lambda: (R(2, 3),), True),
    ("cross", lambda a, b: a.cross(b), lambda: (R(2, 3), R(2, 3)), True),
    # matrix products
    ("matmul", lambda a, b: a @ b, lambda: (R(2, 3), R(3, 4)), True),
    ("matmul_batch_bcast", lambda a, b: a.matmul(b), lambda: (R(2, 2, 3), R(3, 2)), True),
    ("matmul_vec", lambda a, b: a.matmul(b), lambda: (R(3), R(2, 3, 2)), True),
    ("mm", lambda a, b: a.mm(b), lambda: (R(2, 3, layout="transposed"), R(3, 2)), True),
    ("mv", lambda a, b: a.mv(b), lambda: (R(2, 3), R(3)), True),
    ("dot", lambda a, b: a.dot(b), lambda: (R(3), R(3)), True),
    ("bmm", lambda a, b: a.bmm(b), lambda: (R(2, 2, 3), R(2, 3, 2)), True),
    ("outer", lambda a, b: a.outer(b), lambda: (R(3), R(2)), True),
    # in-place ops on non-leaves
    ("setitem", lambda a, v: _setitem(a, v), lambda: (R(3, 4), R(4)), True),
    ("inplace_mul", lambda a, b: (a * 1).mul_(b), lambda: (R(3), R(3)), True),
    ("inplace_view", lambda a, b: _inplace_view(a, b), lambda: (R(3, 4), R(4)), True),
    ("iadd", lambda a, b: _iadd(a, b), lambda: (R(3), R(3)), True),
    ("copy_", lambda a, b: (a * 2).copy_(b), lambda: (R(3, 2), R(2)), True),
    ("exp_", lambda a: (a + 0).exp_(), lambda: (R(3),), False),
    ("masked_fill_", lambda a: (a * 1).masked_fill_(torch.tensor([True, False]), 1.0), lambda: (R(2),), True),
]


def _setitem(a, v):
    y = a * 2
    y[1] = v
    return y


def _inplace_view(a, b):
    y = a.clone()
    y[0].mul_(b)
    return y


def _iadd(a, b):
    y = a * 1
    y += b
    return y


@pytest.mark.parametrize("name,fn,make,smooth", CASES, ids=[c[0] for c in CASES])
def test_gradcheck(name, fn, make, smooth):
    inputs = make()
    assert gradcheck(fn, inputs, eps=1e-6, atol=1e-5, rtol=1e-3)


SMOOTH = [c for c in CASES if c[3]]


@pytest.mark.parametrize("name,fn,make,smooth", SMOOTH, ids=[c[0] for c in SMOOTH])
def test_gradgradcheck(name, fn, make, smooth):
    inputs = make()
    assert gradgradcheck(fn, inputs, atol=1e-4, rtol=1e-3)


def test_gradcheck_detects_wrong_gradient():
    class Bad(Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            return g * 3

    x = R(3)
    assert gradcheck(Bad.apply, (x,), raise_exception=False) is False
    with pytest.raises(RuntimeError, match="Jacobian mismatch"):
        gradcheck(Bad.apply, (x,))


# ---------------------------------------------------------------- basic semantics

def test_leaf_grad_and_names():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    assert x.is_leaf and x.requires_grad and x.grad is None and x.grad_fn is None
    y = x * x + x
    assert not y.is_leaf and y.requires_grad
    assert type(y.grad_fn).__name__ == "AddBackward0" and y.grad_fn.name() == "AddBackward0"
    mul = y.grad_fn.next_functions[0][0]
    assert mul.name() == "MulBackward0"
    assert mul.next_functions[0][0].name() == "AccumulateGrad"
    assert mul.next_functions[0][0].variable is x
    s = y.sum()
    assert s.grad_fn.name() == "SumBackward0"
    assert repr(s).endswith("grad_fn=<SumBackward0>)")
    s.backward()
    np.testing.assert_allclose(x.grad.numpy(), [3.0, 5.0, 7.0])
    # accumulation
    (x * 2).sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), [5.0, 7.0, 9.0])
    x.grad = None
    assert x.grad is None


def test_requires_grad_creation_and_errors():
    for t in (torch.zeros(2, requires_grad=True), torch.ones(2, requires_grad=True),
              torch.empty(2, requires_grad=True), torch.full((2,), 1.5, requires_grad=True),
              torch.arange(3.0, requires_grad=True), torch.linspace(0, 1, 3, requires_grad=True),
              torch.zeros_like(torch.ones(2), requires_grad=True), torch.ones(2).new_zeros(3, requires_grad=True)):
        assert t.requires_grad and t.is_leaf
    with pytest.raises(RuntimeError, match="floating point"):
        torch.tensor([1, 2], requires_grad=True)
    with pytest.raises(RuntimeError, match="floating point"):
        torch.ones(2, dtype=torch.int64).requires_grad_()
    x = torch.ones(2, requires_grad=True)
    y = x * 2
    with pytest.raises(RuntimeError, match="leaf variables"):
        y.requires_grad = False
    x.requires_grad = False
    assert not x.requires_grad


def test_no_grad_enable_grad_set_grad_enabled():
    x = torch.ones(2, requires_grad=True)
    with torch.no_grad():
        assert not torch.is_grad_enabled()
        y = x * 2
        with torch.enable_grad():
            z = x * 2
    assert torch.is_grad_enabled()
    assert not y.requires_grad and y.grad_fn is None and z.requires_grad

    @torch.no_grad()
    def f(t):
        return t * 2

    assert not f(x).requires_grad
    with torch.set_grad_enabled(False):
        assert not (x * 2).requires_grad
    assert torch.is_grad_enabled()
    torch.set_grad_enabled(False)
    assert not torch.is_grad_enabled()
    torch.set_grad_enabled(True)

    @torch.set_grad_enabled(False)
    def g(t):
        return t * 2

    assert torch.is_grad_enabled() and not g(x).requires_grad


def test_grad_mode_is_thread_local():
    seen = []
    with torch.no_grad():
        th = threading.Thread(target=lambda: seen.append(torch.is_grad_enabled()))
        th.start()
        th.join()
    assert seen == [True]


def test_non_differentiable_outputs():
    x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
    for r in (x > 0, x.argmax(), x.nonzero(), x.long(), x.eq(1.0)):
        assert not r.requires_grad and r.grad_fn is None
    v, i = x.max(0)
    assert v.requires_grad and not i.requires_grad


def test_detach_data_share_storage():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    d = x.detach()
    assert not d.requires_grad and d.grad_fn is None
    d[0] = 5.0
    assert x[0].item() == 5.0
    assert x._version == d._version >= 1
    dd = x.data
    assert not dd.requires_grad
    dd[1] = 7.0
    assert x.tolist() == [5.0, 7.0]
    y = x * 2
    y.detach_()
    assert y.is_leaf and not y.requires_grad


def test_hooks_and_retain_grad():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    seen = []
    h = x.register_hook(lambda g: seen.append(g.tolist()))
    y = x * 3
    y.retain_grad()
    hy = y.register_hook(lambda g: g * 10)  # replaces the gradient flowing on
    y.sum().backward()
    assert seen == [[30.0, 30.0]]
    np.testing.assert_allclose(x.grad.numpy(), [30.0, 30.0])
    np.testing.assert_allclose(y.grad.numpy(), [10.0, 10.0])  # retained after the hooks
    h.remove()
    hy.remove()
    x.grad = None
    (x * 3).sum().backward()
    assert len(seen) == 1
    np.testing.assert_allclose(x.grad.numpy(), [3.0, 3.0])


def test_backward_arguments_and_errors():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * x
    with pytest.raises(RuntimeError, match="grad can be implicitly created only for scalar outputs"):
        y.backward()
    y.backward(torch.tensor([1.0, 0.5]), retain_graph=True)
    np.testing.assert_allclose(x.grad.numpy(), [2.0, 2.0])
    y.backward(torch.tensor([1.0, 1.0]))
    with pytest.raises(RuntimeError, match="retain_graph=True"):
        y.backward(torch.tensor([1.0, 1.0]))
    with pytest.raises(RuntimeError, match="does not require grad"):
        torch.ones(2).sum().backward()
    with pytest.raises(RuntimeError, match="Mismatch in shape"):
        (x * x).backward(torch.ones(3))


def test_backward_inputs_and_autograd_backward():
    a = torch.tensor(2.0, requires_grad=True)
    b = torch.tensor(3.0, requires_grad=True)
    (a * b).backward(inputs=[a])
    assert a.grad.item() == 3.0 and b.grad is None
    torch.autograd.backward([a * b, a + b], [torch.tensor(1.0), torch.tensor(2.0)])
    assert a.grad.item() == 3.0 + 3.0 + 2.0 and b.grad.item() == 2.0 + 2.0


def test_autograd_grad():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = torch.tensor([3.0, 4.0], requires_grad=True)
    z = (x * y).sum()
    gx, gy = torch.autograd.grad(z, (x, y))
    assert gx.tolist() == [3.0, 4.0] and gy.tolist() == [1.0, 2.0]
    assert x.grad is None
    w = torch.tensor(1.0, requires_grad=True)
    with pytest.raises(RuntimeError, match="allow_unused"):
        torch.autograd.grad((x * 2).sum(), [x, w])
    gx, gw = torch.autograd.grad((x * 2).sum(), [x, w], allow_unused=True)
    assert gw is None
    # gradient w.r.t. an intermediate
    h = x * 2
    out = (h * h).sum()
    gh, = torch.autograd.grad(out, h)
    assert gh.tolist() == [4.0, 8.0]
    # grad_outputs
    g, = torch.autograd.grad(x * 3, x, grad_outputs=torch.tensor([1.0, 2.0]))
    assert g.tolist() == [3.0, 6.0]


def test_higher_order():
    x = torch.tensor(0.0, requires_grad=True)
    y = x ** 2 - 2 * x + 1
    dy, = torch.autograd.grad(y, x, create_graph=True)
    assert dy.item() == -2.0 and dy.requires_grad
    d2, = torch.autograd.grad(dy, x)
    assert d2.item() == 2.0
    x = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    y = x.sin()
    g1, = torch.autograd.grad(y, x, create_graph=True)
    g2, = torch.autograd.grad(g1, x, create_graph=True)
    g3, = torch.autograd.grad(g2, x)
    assert abs(g3.item() + np.cos(0.5)) < 1e-12
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    (x ** 3).sum().backward(create_graph=True)
    gx = x.grad
    assert gx.requires_grad
    x.grad = None
    gx.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), [6.0, 12.0])


def test_used_many_times_and_long_chain():
    x = torch.tensor(1.5, requires_grad=True)
    y = x
    for _ in range(5):
        y = y + x
    y.backward()
    assert x.grad.item() == 6.0
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    n = 100000
    assert n > sys.getrecursionlimit()
    for _ in range(n):
        y = y * 1.0
    y.backward()
    assert x.grad.item() == 1.0


# ---------------------------------------------------------------- in-place safety

def test_version_counter_error():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = a * 2
    c = b * b
    b.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation.*is at version 1; expected version 0"):
        c.sum().backward()
    # a view's in-place change bumps the shared counter
    b = a.exp()
    v = b[0]
    v.mul_(2)
    assert b._version == 1
    with pytest.raises(RuntimeError, match="inplace operation"):
        b.sum().backward()
    # no saved tensor involved: fine
    b = a * 2
    d = b + 1
    b.add_(1)
    d.sum().backward()


def test_leaf_inplace_error_and_no_grad_update():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad is being used in an in-place"):
        w.add_(1)
    with pytest.raises(RuntimeError, match="leaf Variable"):
        w[0] = 3.0
    with pytest.raises(RuntimeError, match="view of a leaf Variable"):
        w[0].mul_(2)
    (w * w).sum().backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
    np.testing.assert_allclose(w.detach().numpy(), [0.8, 1.6])
    assert w.is_leaf and w.requires_grad


def test_setitem_history():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    out = torch.zeros(4)
    out[1:] = x * 2
    assert out.requires_grad and out.grad_fn is not None
    out.sum().backward()
    assert x.grad.tolist() == [2.0, 2.0, 2.0]


# ---------------------------------------------------------------- custom Function

class Exp(Function):
    @staticmethod
    def forward(ctx, x):
        y = x.exp()
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, g):
        y, = ctx.saved_tensors
        return g * y


class ScaleAdd(Function):
    @staticmethod
    def forward(ctx, x, k, y):
        ctx.k = k
        assert ctx.needs_input_grad == (True, False, False)
        return x * k + y, (x > 0)

    @staticmethod
    def backward(ctx, g, g_mask):
        return g * ctx.k, None, g


def test_function():
    x = R(3)
    y = Exp.apply(x)
    assert type(y.grad_fn).__name__ == "ExpBackward" and y.grad_fn.name() == "ExpBackward"
    y.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), np.exp(x.detach().numpy()))
    assert gradcheck(Exp.apply, (R(3),))
    assert gradgradcheck(Exp.apply, (R(3),))
    x = R(3)
    out, mask = ScaleAdd.apply(x, 3.0, torch.ones(3, dtype=torch.float64))
    assert mask.dtype == torch.bool and not mask.requires_grad
    out.sum().backward()
    assert x.grad.tolist() == [3.0, 3.0, 3.0]


def test_function_ctx_features():
    class Inplace(Function):
        @staticmethod
        def forward(ctx, x):
            x.mul_(2)
            ctx.mark_dirty(x)
            return x

        @staticmethod
        def backward(ctx, g):
            return g * 2

    class NoMat(Function):
        @staticmethod
        def forward(ctx, x):
            ctx.set_materialize_grads(False)
            idx = x.argmax()
            ctx.mark_non_differentiable(idx)
            return x.clone(), x * 1.0

        @staticmethod
        @torch.autograd.function.once_differentiable
        def backward(ctx, g1, g2):
            assert g2 is None
            return g1

    x = R(3)
    y = x * 1
    z = Inplace.apply(y)
    assert z is y and y.grad_fn.name() == "InplaceBackward"
    z.sum().backward()
    assert x.grad.tolist() == [2.0, 2.0, 2.0]
    x = R(3)
    a, b = NoMat.apply(x)
    a.sum().backward()
    assert x.grad.tolist() == [1.0, 1.0, 1.0]

    class Wrong(Function):
        @staticmethod
        def forward(ctx, x, y):
            return x + y

        @staticmethod
        def backward(ctx, g):
            return g

    with pytest.raises(RuntimeError, match="incorrect number of gradients"):
        Wrong.apply(R(2), R(2)).sum().backward()

    y = R(3)
    saved = Exp.apply(y * 1)
    with pytest.raises(RuntimeError, match="inplace"):
        saved.add_(1)
        saved.sum().backward()


def test_variable_face():
    t = torch.ones(2)
    v = torch.autograd.Variable(t, requires_grad=True)
    assert isinstance(v, torch.Tensor) and v.requires_grad and isinstance(t, torch.autograd.Variable)
    v2 = torch.autograd.Variable(t)
    assert not v2.requires_grad


def test_float32_and_dtype_of_grads():
    a = torch.ones(2, requires_grad=True)
    b = torch.ones(2, dtype=torch.float64, requires_grad=True)
    (a * b).sum().backward()
    assert a.grad.dtype == torch.float32 and b.grad.dtype == torch.float64


def test_fast_path_untouched_without_grad():
    a, b = torch.ones(3), torch.ones(3)
    c = a + b
    assert c._ag is None and not c.requires_grad
    x = torch.ones(3, requires_grad=True)
    with torch.no_grad():
        d = x + a
    assert not d.requires_grad


def test_against_real_torch():
    from conftest import real_torch

    rt = real_torch()
    a = RNG.standard_normal((3, 4))
    b = RNG.standard_normal((4,))
    x, y = torch.from_numpy(a).requires_grad_(), torch.from_numpy(b).requires_grad_()
    ((x * y).tanh().sum(1) ** 2).mean().backward()
    rx, ry = rt.from_numpy(a).requires_grad_(), rt.from_numpy(b).requires_grad_()
    ((rx * ry).tanh().sum(1) ** 2).mean().backward()
    np.testing.assert_allclose(x.grad.numpy(), rx.grad.numpy(), rtol=1e-10)
    np.testing.assert_allclose(y.grad.numpy(), ry.grad.numpy(), rtol=1e-10)
