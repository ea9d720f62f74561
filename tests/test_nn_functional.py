"""nn.functional over THNN: forward values against NumPy (and the real torch when installed),
gradients by gradcheck in float64, error cases."""
import numpy as np
import pytest

import pytorch_py as torch
import pytorch_py.nn.functional as F
from pytorch_py.autograd import gradcheck
from conftest import assert_matches, real_torch

RNG = np.random.default_rng(0)


def _t(a, grad=False):
    t = torch.from_numpy(np.ascontiguousarray(a))
    return t.requires_grad_(True) if grad else t


def _x(*shape, dtype=np.float64, grad=False):
    return _t(RNG.standard_normal(shape).astype(dtype), grad)


# ---------------------------------------------------------------- activations vs NumPy

def _np_softmax(a, d):
    e = np.exp(a - a.max(d, keepdims=True))
    return e / e.sum(d, keepdims=True)


ACTS = [
    ("relu", lambda x: F.relu(x), lambda a: np.maximum(a, 0)),
    ("threshold", lambda x: F.threshold(x, 0.3, -2.0), lambda a: np.where(a > 0.3, a, -2.0)),
    ("leaky_relu", lambda x: F.leaky_relu(x, 0.2), lambda a: np.where(a > 0, a, 0.2 * a)),
    ("elu", lambda x: F.elu(x, 1.5), lambda a: np.where(a > 0, a, 1.5 * (np.exp(a) - 1))),
    ("hardtanh", lambda x: F.hardtanh(x, -0.5, 0.7), lambda a: np.clip(a, -0.5, 0.7)),
    ("sigmoid", F.sigmoid, lambda a: 1 / (1 + np.exp(-a))),
    ("tanh", F.tanh, np.tanh),
    ("softplus", lambda x: F.softplus(x, 2.0), lambda a: np.log1p(np.exp(2 * a)) / 2),
    ("softshrink", lambda x: F.softshrink(x, 0.5),
     lambda a: np.where(a > 0.5, a - 0.5, np.where(a < -0.5, a + 0.5, 0))),
    ("hardshrink", lambda x: F.hardshrink(x, 0.5), lambda a: np.where(np.abs(a) > 0.5, a, 0)),
    ("logsigmoid", F.logsigmoid, lambda a: -np.log1p(np.exp(-a))),
    ("softmax1", lambda x: F.softmax(x, 1), lambda a: _np_softmax(a, 1)),
    ("softmax0", lambda x: F.softmax(x, dim=0), lambda a: _np_softmax(a, 0)),
    ("log_softmax", lambda x: F.log_softmax(x, -1), lambda a: np.log(_np_softmax(a, -1))),
    ("prelu", lambda x: F.prelu(x, torch.tensor([0.1, 0.2, 0.3], dtype=x.dtype)),
     lambda a: np.where(a > 0, a, a * np.array([0.1, 0.2, 0.3])[None, :, None])),
]


@pytest.mark.parametrize("name,fn,ref", ACTS, ids=[a[0] for a in ACTS])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_activation_values(name, fn, ref, dtype):
    a = RNG.standard_normal((4, 3, 5)).astype(dtype)
    out = fn(_t(a))
    assert out.dtype is (torch.float64 if dtype == np.float64 else torch.float32)
    assert_matches(out, ref(a.astype(np.float64)).astype(dtype))


@pytest.mark.parametrize("name,fn,ref", ACTS, ids=[a[0] for a in ACTS])
def test_activation_noncontiguous(name, fn, ref):
    a = RNG.standard_normal((5, 3, 4))
    t = _t(a).transpose(0, 2)  # (4, 3, 5), not contiguous
    assert_matches(fn(t), ref(a.transpose(2, 1, 0)))


@pytest.mark.parametrize("name,fn,ref", ACTS, ids=[a[0] for a in ACTS])
def test_activation_gradcheck(name, fn, ref):
    # keep values away from the kinks so central differences are valid
    a = RNG.standard_normal((2, 3, 4))
    a = np.where(np.abs(a) < 0.1, 0.6, a)
    a = np.where(np.abs(np.abs(a) - 0.5) < 0.05, 0.8, a)
    a = np.where(np.abs(a - 0.3) < 0.05, 0.9, a)
    a = np.where(np.abs(a - 0.7) < 0.05, 0.9, a)
    assert gradcheck(fn, (_t(a, True),))


def test_prelu_weight_grad():
    x = _x(2, 3, 4, grad=True)
    w = _t(np.array([0.1, 0.2, 0.3]), True)
    assert gradcheck(F.prelu, (x, w))
    assert gradcheck(F.prelu, (x, _t(np.array([0.25]), True)))


def test_inplace_activation_returns_input():
    x = torch.tensor([-1.0, 2.0])
    y = F.relu(x, inplace=True)
    assert y is x and x.tolist() == [0.0, 2.0]
    assert F.leaky_relu_(torch.tensor([-1.0]), 0.5).tolist() == [-0.5]


def test_softmax_implicit_dim_warns():
    with pytest.warns(UserWarning):
        out = F.softmax(torch.ones(2, 4))
    assert_matches(out, np.full((2, 4), 0.25, np.float32))


def test_activation_errors():
    with pytest.raises(TypeError, match="relu"):
        F.relu(torch.tensor([1, 2]))
    with pytest.raises(IndexError, match="softmax"):
        F.softmax(torch.ones(2, 3), 2)
    with pytest.raises(RuntimeError, match="prelu"):
        F.prelu(torch.ones(2, 3), torch.ones(2))


def test_softmax_large_values_stable():
    out = F.softmax(torch.tensor([1000.0, 1000.0]), 0)
    assert out.tolist() == [0.5, 0.5]


# ---------------------------------------------------------------- losses

@pytest.mark.filterwarnings("ignore:reduction")
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_pointwise_losses(reduction):
    a, b = RNG.standard_normal((3, 4)), RNG.standard_normal((3, 4))
    red = {"mean": np.mean, "sum": np.sum, "none": lambda v: v}[reduction]
    d = a - b
    assert_matches(F.mse_loss(_t(a), _t(b), reduction=reduction), red(d ** 2))
    assert_matches(F.l1_loss(_t(a), _t(b), reduction=reduction), red(np.abs(d)))
    sl1 = np.where(np.abs(d) < 0.5, 0.5 * d ** 2 / 0.5, np.abs(d) - 0.25)
    assert_matches(F.smooth_l1_loss(_t(a), _t(b), reduction=reduction, beta=0.5), red(sl1))
    p = 1 / (1 + np.exp(-a))
    tgt = (b > 0).astype(np.float64)
    assert_matches(F.binary_cross_entropy(_t(p), _t(tgt), reduction=reduction),
                   red(-(tgt * np.log(p) + (1 - tgt) * np.log(1 - p))))
    lp = np.log(_np_softmax(a, 1))
    q = _np_softmax(b, 1)
    assert_matches(F.kl_div(_t(lp), _t(q), reduction=reduction), red(q * (np.log(q) - lp)))


def test_loss_legacy_args_and_batchmean():
    a, b = _x(3, 4), _x(3, 4)
    assert_matches(F.mse_loss(a, b, size_average=False), ((a.numpy() - b.numpy()) ** 2).sum())
    lp, q = F.log_softmax(a, 1), F.softmax(b, 1)
    assert_matches(F.kl_div(lp, q, reduction="batchmean"), F.kl_div(lp, q, reduction="sum").numpy() / 3)
    assert_matches(F.kl_div(lp, q.log(), reduction="sum", log_target=True), F.kl_div(lp, q, reduction="sum").numpy())


def test_bce_weight():
    p = _t(np.array([[0.2, 0.7], [0.9, 0.4]]))
    t = _t(np.array([[0.0, 1.0], [1.0, 0.0]]))
    w = _t(np.array([2.0, 0.5]))
    ref = -(t.numpy() * np.log(p.numpy()) + (1 - t.numpy()) * np.log(1 - p.numpy())) * w.numpy()
    assert_matches(F.binary_cross_entropy(p, t, w, reduction="sum"), ref.sum())


@pytest.mark.filterwarnings("ignore:reduction")
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_loss_gradcheck(reduction):
    a, b = _x(3, 4, grad=True), _x(3, 4)
    assert gradcheck(lambda x: F.mse_loss(x, b, reduction=reduction), (a,))
    assert gradcheck(lambda x: F.l1_loss(x, b, reduction=reduction), (a,))
    assert gradcheck(lambda x: F.smooth_l1_loss(x, b, reduction=reduction, beta=0.5), (a,))
    assert gradcheck(lambda y: F.mse_loss(a.detach(), y, reduction=reduction), (b.requires_grad_(True),))
    p = _t(RNG.uniform(0.1, 0.9, (3, 4)), True)
    t = _t(RNG.uniform(0, 1, (3, 4)))
    assert gradcheck(lambda x: F.binary_cross_entropy(x, t, reduction=reduction), (p,))
    q = F.softmax(_x(3, 4), 1)
    assert gradcheck(lambda x: F.kl_div(x, q, reduction=reduction), (_x(3, 4, grad=True),))
    assert gradcheck(lambda x: F.soft_margin_loss(x, t.sign() * 2 - 1, reduction=reduction), (_x(3, 4, grad=True),))


def _np_nll(lp, tgt, w=None, ignore=-100, reduction="mean"):
    n = lp.shape[0]
    w = np.ones(lp.shape[1]) if w is None else w
    losses, ws = np.zeros(n), np.zeros(n)
    for i in range(n):
        if tgt[i] != ignore:
            losses[i] = -lp[i, tgt[i]] * w[tgt[i]]
            ws[i] = w[tgt[i]]
    return {"none": losses, "sum": losses.sum(), "mean": losses.sum() / ws.sum()}[reduction]


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_nll_and_cross_entropy(reduction):
    x = RNG.standard_normal((5, 4))
    tgt = np.array([0, 3, 1, 1, 2])
    w = np.array([1.0, 2.0, 0.5, 3.0])
    lp = np.log(_np_softmax(x, 1))
    tt = _t(tgt)
    assert_matches(F.nll_loss(_t(lp), tt, reduction=reduction), _np_nll(lp, tgt, reduction=reduction))
    assert_matches(F.nll_loss(_t(lp), tt, _t(w), reduction=reduction), _np_nll(lp, tgt, w, reduction=reduction))
    assert_matches(F.nll_loss(_t(lp), tt, ignore_index=1, reduction=reduction),
                   _np_nll(lp, tgt, ignore=1, reduction=reduction))
    assert_matches(F.cross_entropy(_t(x), tt, reduction=reduction), _np_nll(lp, tgt, reduction=reduction))
    xg = _t(x, True)
    assert gradcheck(lambda v: F.cross_entropy(v, tt, _t(w), reduction=reduction, ignore_index=3), (xg,))
    assert gradcheck(lambda v: F.nll_loss(v, tt, reduction=reduction), (xg,))


def test_nll_spatial_and_nd():
    x = RNG.standard_normal((2, 3, 4, 5))
    tgt = RNG.integers(0, 3, (2, 4, 5))
    lp = np.log(_np_softmax(x, 1))
    flat_lp = lp.transpose(0, 2, 3, 1).reshape(-1, 3)
    flat_t = tgt.reshape(-1)
    out = F.nll_loss(_t(lp), _t(tgt), reduction="none")
    assert_matches(out, _np_nll(flat_lp, flat_t, reduction="none").reshape(2, 4, 5))
    assert_matches(F.cross_entropy(_t(x), _t(tgt)), _np_nll(flat_lp, flat_t))
    # 3-d (N, C, L) goes through the spatial kernel reshaped
    x3 = x.reshape(2, 3, 20)
    out3 = F.nll_loss(_t(np.log(_np_softmax(x3, 1))), _t(tgt.reshape(2, 20)), reduction="none")
    assert_matches(out3, _np_nll(flat_lp, flat_t, reduction="none").reshape(2, 20))
    assert gradcheck(lambda v: F.cross_entropy(v, _t(tgt)), (_t(x, True),))


def test_cross_entropy_probability_target_and_smoothing():
    tr = real_torch()
    x = RNG.standard_normal((4, 5))
    p = _np_softmax(RNG.standard_normal((4, 5)), 1)
    tgt = np.array([0, 4, 2, 2])
    assert_matches(F.cross_entropy(_t(x), _t(p)),
                   tr.nn.functional.cross_entropy(tr.from_numpy(x), tr.from_numpy(p)).numpy())
    assert_matches(F.cross_entropy(_t(x), _t(tgt), label_smoothing=0.1),
                   tr.nn.functional.cross_entropy(tr.from_numpy(x), tr.from_numpy(tgt), label_smoothing=0.1).numpy())


def test_loss_errors():
    with pytest.raises(TypeError, match="nll_loss"):
        F.nll_loss(torch.randn(3, 4), torch.tensor([0.0, 1.0, 2.0]))
    with pytest.raises(ValueError, match="batch_size"):
        F.nll_loss(torch.randn(3, 4), torch.tensor([0, 1]))
    with pytest.raises(ValueError, match="reduction"):
        F.mse_loss(torch.randn(3), torch.randn(3), reduction="avg")
    with pytest.raises(Exception):
        F.nll_loss(torch.randn(3, 4), torch.tensor([0, 1, 7]))
    with pytest.warns(UserWarning):
        F.mse_loss(torch.randn(3, 1), torch.randn(3))


# ---------------------------------------------------------------- linear, dropout

def test_linear():
    x, w, b = _x(2, 5, 3), _x(4, 3), _x(4)
    assert_matches(F.linear(x, w, b), x.numpy() @ w.numpy().T + b.numpy())
    assert gradcheck(F.linear, (_x(3, 3, grad=True), _x(4, 3, grad=True), _x(4, grad=True)))
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        F.linear(_x(2, 3), _x(4, 5))


def test_dropout():
    torch.manual_seed(0)
    x = torch.ones(1000, dtype=torch.float64)
    y = F.dropout(x, 0.3)
    vals = set(np.round(y.numpy(), 9).tolist())
    assert vals <= {0.0, round(1 / 0.7, 9)}
    assert 0.2 < (y == 0).to(torch.float64).mean().item() < 0.4
    assert F.dropout(x, 0.3, training=False) is x
    assert (F.dropout(x, 1.0) == 0).all()
    xg = torch.ones(10, dtype=torch.float64, requires_grad=True)
    y = F.dropout(xg, 0.5)
    y.sum().backward()
    assert_matches(xg.grad, y.detach().numpy())
    with pytest.raises(ValueError):
        F.dropout(x, 1.5)


# ---------------------------------------------------------------- conv and pooling

def _np_conv2d(x, w, b, stride, pad):
    n, c, h, wd = x.shape
    o, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad[0], pad[0]), (pad[1], pad[1])))
    oh = (h + 2 * pad[0] - kh) // stride[0] + 1
    ow = (wd + 2 * pad[1] - kw) // stride[1] + 1
    out = np.zeros((n, o, oh, ow))
    for i in range(oh):
        for j in range(ow):
            patch = xp[:, :, i * stride[0]:i * stride[0] + kh, j * stride[1]:j * stride[1] + kw]
            out[:, :, i, j] = np.einsum("nckl,ockl->no", patch, w)
    return out + (0 if b is None else b[None, :, None, None])


@pytest.mark.parametrize("stride,pad", [((1, 1), (0, 0)), ((2, 1), (1, 2)), ((2, 2), (1, 1))])
def test_conv2d_values(stride, pad):
    x, w, b = _x(2, 3, 7, 6), _x(4, 3, 3, 2), _x(4)
    assert_matches(F.conv2d(x, w, b, stride, pad), _np_conv2d(x.numpy(), w.numpy(), b.numpy(), stride, pad))
    assert_matches(F.conv2d(x, w, None, stride, pad), _np_conv2d(x.numpy(), w.numpy(), None, stride, pad))
    # a 3-d (unbatched) input
    assert_matches(F.conv2d(x[0], w, b, stride, pad),
                   _np_conv2d(x.numpy()[:1], w.numpy(), b.numpy(), stride, pad)[0])


def test_conv2d_groups_and_same_padding():
    x, w = _x(1, 4, 5, 5), _x(6, 2, 3, 3)
    xn, wn = x.numpy(), w.numpy()
    ref = np.concatenate([_np_conv2d(xn[:, :2], wn[:3], None, (1, 1), (1, 1)),
                          _np_conv2d(xn[:, 2:], wn[3:], None, (1, 1), (1, 1))], 1)
    assert_matches(F.conv2d(x, w, padding="same", groups=2), ref)


def test_conv2d_gradcheck():
    x, w, b = _x(2, 2, 5, 4, grad=True), _x(3, 2, 3, 2, grad=True), _x(3, grad=True)
    assert gradcheck(lambda a, c, d: F.conv2d(a, c, d, stride=(2, 1), padding=1), (x, w, b))
    assert gradcheck(lambda a, c: F.conv2d(a, c, groups=2), (_x(1, 4, 4, 4, grad=True), _x(2, 2, 2, 2, grad=True)))


def test_conv2d_errors():
    with pytest.raises(RuntimeError, match="channels"):
        F.conv2d(torch.randn(1, 3, 5, 5), torch.randn(2, 2, 3, 3))
    with pytest.raises(RuntimeError, match="4-d"):
        F.conv2d(torch.randn(5, 5), torch.randn(2, 2, 3, 3))
    with pytest.raises(Exception):
        F.conv2d(torch.randn(1, 2, 2, 2), torch.randn(2, 2, 3, 3))  # kernel larger than input


def _np_pool(x, k, s, p, fn, pad_value):
    n, c, h, w = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (p[0], p[0]), (p[1], p[1])), constant_values=pad_value)
    oh, ow = (h + 2 * p[0] - k[0]) // s[0] + 1, (w + 2 * p[1] - k[1]) // s[1] + 1
    out = np.zeros((n, c, oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[:, :, i, j] = fn(xp[:, :, i * s[0]:i * s[0] + k[0], j * s[1]:j * s[1] + k[1]], axis=(2, 3))
    return out


def test_max_pool2d():
    x = _x(2, 3, 7, 6)
    assert_matches(F.max_pool2d(x, 2), _np_pool(x.numpy(), (2, 2), (2, 2), (0, 0), np.max, -np.inf))
    assert_matches(F.max_pool2d(x, (3, 2), (2, 1), (1, 1)),
                   _np_pool(x.numpy(), (3, 2), (2, 1), (1, 1), np.max, -np.inf))
    out, idx = F.max_pool2d(x, 2, return_indices=True)
    assert idx.dtype is torch.int64 and idx.shape == out.shape
    flat = x.numpy().reshape(2, 3, -1)
    np.testing.assert_array_equal(np.take_along_axis(flat, idx.numpy().reshape(2, 3, -1), 2).reshape(out.shape),
                                  out.numpy())
    assert F.max_pool2d(x, 2, ceil_mode=True).shape == (2, 3, 4, 3)
    assert gradcheck(lambda a: F.max_pool2d(a, 2, 1, dilation=2), (_x(1, 2, 6, 6, grad=True),))
    assert gradcheck(lambda a: F.max_pool2d(a, 3, 2, 1, ceil_mode=True), (_x(2, 5, 5, grad=True),))


def test_max_pool2d_vs_torch():
    tr = real_torch()
    a = RNG.standard_normal((2, 3, 9, 8))
    for kw in [dict(kernel_size=3, stride=2, padding=1, dilation=2, ceil_mode=True),
               dict(kernel_size=(2, 3), stride=(1, 2), ceil_mode=True)]:
        o, i = F.max_pool2d(_t(a), return_indices=True, **kw)
        ro, ri = tr.nn.functional.max_pool2d(tr.from_numpy(a), return_indices=True, **kw)
        assert_matches(o, ro.numpy())
        assert_matches(i, ri.numpy())


def test_avg_pool2d():
    x = _x(2, 3, 7, 6)
    assert_matches(F.avg_pool2d(x, 2), _np_pool(x.numpy(), (2, 2), (2, 2), (0, 0), np.mean, 0))
    assert_matches(F.avg_pool2d(x, 3, 2, 1), _np_pool(x.numpy(), (3, 3), (2, 2), (1, 1), np.mean, 0))
    assert gradcheck(lambda a: F.avg_pool2d(a, 3, 2, 1, count_include_pad=False), (_x(1, 2, 6, 5, grad=True),))


def test_avg_pool2d_vs_torch():
    tr = real_torch()
    a = RNG.standard_normal((2, 3, 9, 8))
    kw = dict(kernel_size=3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)
    assert_matches(F.avg_pool2d(_t(a), **kw), tr.nn.functional.avg_pool2d(tr.from_numpy(a), **kw).numpy())


def test_adaptive_pools():
    x = _x(2, 3, 7, 5)
    a = x.numpy()

    def ref(fn, oh, ow):
        h, w = a.shape[2:]
        out = np.zeros((2, 3, oh, ow))
        for i in range(oh):
            for j in range(ow):
                h0, h1 = i * h // oh, -(-(i + 1) * h // oh)
                w0, w1 = j * w // ow, -(-(j + 1) * w // ow)
                out[:, :, i, j] = fn(a[:, :, h0:h1, w0:w1], axis=(2, 3))
        return out

    assert_matches(F.adaptive_avg_pool2d(x, (3, 2)), ref(np.mean, 3, 2))
    assert_matches(F.adaptive_avg_pool2d(x, 1), ref(np.mean, 1, 1))
    assert_matches(F.adaptive_max_pool2d(x, (4, None)), ref(np.max, 4, 5))
    out, idx = F.adaptive_max_pool2d(x, 2, return_indices=True)
    assert idx.dtype is torch.int64
    assert gradcheck(lambda v: F.adaptive_avg_pool2d(v, (3, 2)), (_x(1, 2, 5, 4, grad=True),))
    assert gradcheck(lambda v: F.adaptive_max_pool2d(v, (2, 3)), (_x(2, 5, 4, grad=True),))


def test_pool_errors():
    with pytest.raises(RuntimeError, match="max_pool2d"):
        F.max_pool2d(torch.randn(4, 4), 2)
    with pytest.raises(RuntimeError, match="half"):
        F.max_pool2d(torch.randn(1, 1, 4, 4), 2, padding=2)


# ---------------------------------------------------------------- batch norm

def test_batch_norm_training_and_eval():
    x = _x(6, 3, 2, 2)
    a = x.numpy()
    rm, rv = torch.zeros(3, dtype=torch.float64), torch.ones(3, dtype=torch.float64)
    w, b = _x(3), _x(3)
    out = F.batch_norm(x, rm, rv, w, b, training=True, momentum=0.1, eps=1e-5)
    mean = a.mean((0, 2, 3))
    var = a.var((0, 2, 3))
    ref = (a - mean[None, :, None, None]) / np.sqrt(var[None, :, None, None] + 1e-5)
    ref = ref * w.numpy()[None, :, None, None] + b.numpy()[None, :, None, None]
    assert_matches(out, ref)
    n = a.size / 3
    assert_matches(rm, 0.1 * mean)
    assert_matches(rv, 0.9 + 0.1 * var * n / (n - 1))
    ev = F.batch_norm(x, rm, rv, w, b, training=False)
    ref = (a - rm.numpy()[None, :, None, None]) / np.sqrt(rv.numpy()[None, :, None, None] + 1e-5)
    assert_matches(ev, ref * w.numpy()[None, :, None, None] + b.numpy()[None, :, None, None])


def test_batch_norm_gradcheck():
    x, w, b = _x(4, 3, 2, grad=True), _x(3, grad=True), _x(3, grad=True)
    assert gradcheck(lambda a, c, d: F.batch_norm(a, None, None, c, d, training=True), (x, w, b))
    rm, rv = _x(3), _t(RNG.uniform(0.5, 2, 3))
    assert gradcheck(lambda a, c, d: F.batch_norm(a, rm, rv, c, d, training=False), (x, w, b))
    assert gradcheck(lambda a: F.batch_norm(a, None, None, training=True), (_x(5, 2, grad=True),))


def test_batch_norm_errors():
    with pytest.raises(ValueError, match="more than 1 value"):
        F.batch_norm(torch.randn(1, 3), None, None, training=True)
    with pytest.raises(RuntimeError, match="running_mean"):
        F.batch_norm(torch.randn(4, 3), None, None, training=False)
    with pytest.raises(RuntimeError, match="weight"):
        F.batch_norm(torch.randn(4, 3), None, None, torch.ones(2), training=True)


def test_float32_matches_float64():
    x = _x(2, 3, 6, 6)
    w = _x(4, 3, 3, 3)
    a = F.conv2d(x.float(), w.float())
    assert a.dtype is torch.float32
    assert_matches(a, F.conv2d(x, w).numpy(), rtol=1e-4, atol=1e-4)


# ---------------------------------------------------------------- the Tensor-op functionals, against the real torch

EXTRA = [
    ("selu", lambda f, x: f.selu(x)),
    ("celu", lambda f, x: f.celu(x, 0.7)),
    ("relu6", lambda f, x: f.relu6(x * 4)),
    ("softmin", lambda f, x: f.softmin(x, dim=1)),
    ("gelu", lambda f, x: f.gelu(x)),
    ("gelu_tanh", lambda f, x: f.gelu(x, approximate="tanh")),
    ("silu", lambda f, x: f.silu(x)),
    ("mish", lambda f, x: f.mish(x)),
    ("hardsigmoid", lambda f, x: f.hardsigmoid(x)),
    ("hardswish", lambda f, x: f.hardswish(x)),
    ("softsign", lambda f, x: f.softsign(x)),
    ("tanhshrink", lambda f, x: f.tanhshrink(x)),
    ("normalize", lambda f, x: f.normalize(x, dim=1)),
    ("layer_norm", lambda f, x: f.layer_norm(x, (4,))),
    ("pad", lambda f, x: f.pad(x, (1, 2, 0, 1), value=0.5)),
    ("huber", lambda f, x, c: f.huber_loss(x, c, delta=0.5)),
    ("bce_logits", lambda f, x, c: f.binary_cross_entropy_with_logits(x, (c > 0).to(x.dtype), pos_weight=c[0].abs())),
    ("margin_ranking", lambda f, x, c: f.margin_ranking_loss(x, c, c.sign(), 0.2)),
    ("hinge", lambda f, x, c: f.hinge_embedding_loss(x, c.sign(), margin=0.5)),
]


@pytest.mark.parametrize("name,fn", EXTRA, ids=[e[0] for e in EXTRA])
def test_tensor_op_functionals(name, fn):
    a = RNG.standard_normal((3, 4))
    a = np.where(np.abs(a) < 0.1, 0.5, a)
    a = np.where(np.abs(np.abs(a) - 0.5) < 0.05, 0.8, a)  # away from the kinks
    c = np.round(RNG.standard_normal((3, 4)), 1) + 0.05  # a constant second operand (not 0, not a kink)
    if fn.__code__.co_argcount == 2:
        fn = (lambda f0: lambda f, x, c: f0(f, x))(fn)
    assert gradcheck(lambda x: fn(F, x, _t(c)), (_t(a, True),))
    tr = pytest.importorskip("torch")
    ref = fn(tr.nn.functional, tr.from_numpy(a), tr.from_numpy(c)).numpy()
    assert_matches(fn(F, _t(a), _t(c)), ref, rtol=1e-6, atol=1e-6)


def test_misc_functionals():
    tr = real_torch()
    a = RNG.standard_normal((2, 3))
    assert_matches(F.one_hot(torch.tensor([0, 2, 1]), 4), tr.nn.functional.one_hot(tr.tensor([0, 2, 1]), 4).numpy())
    x1, x2, w, b = RNG.standard_normal((5, 3)), RNG.standard_normal((5, 2)), RNG.standard_normal((4, 3, 2)), \
        RNG.standard_normal(4)
    assert_matches(F.bilinear(_t(x1), _t(x2), _t(w), _t(b)),
                   tr.nn.functional.bilinear(*(tr.from_numpy(v) for v in (x1, x2, w, b))).numpy())
    assert gradcheck(F.bilinear, (_t(x1, True), _t(x2, True), _t(w, True), _t(b, True)))
    torch.manual_seed(0)
    y = F.dropout2d(torch.ones(4, 8, 3, 3, dtype=torch.float64), 0.5)
    per_channel = y.numpy().reshape(4, 8, 9)
    assert (per_channel.min(2) == per_channel.max(2)).all()  # whole channels are kept or dropped
    assert F.dropout2d(_t(a), training=False).tolist() == a.tolist()


@pytest.mark.parametrize("fn", [lambda v: F.relu(v, inplace=True), lambda v: F.leaky_relu(v, 0.1, True),
                                lambda v: F.elu(v, inplace=True), lambda v: F.hardtanh(v, inplace=True)])
def test_inplace_activation_in_graph(fn):
    # an in-place activation on a non-leaf (the classic Conv2d -> ReLU(inplace=True)) differentiates
    w = _x(3, 2, 2, 2, grad=True)
    x = _x(1, 2, 4, 4)

    def f(weight):
        y = F.conv2d(x, weight)
        out = fn(y)
        assert out is y
        return out

    assert gradcheck(f, (w,))
    ref = fn(F.conv2d(x, w.detach()).clone())
    assert_matches(f(w).detach(), ref.numpy())


def test_double_backward_through_a_kernel_raises_instead_of_dropping_terms():
    # the gradient of a THNN-backed op is numbers, not a graph: differentiating it again must
    # raise (as PyTorch's once_differentiable), never silently lose the op's second-order terms
    x = torch.randn(3, 4, dtype=torch.float64, requires_grad=True)
    w = torch.randn(5, 4, dtype=torch.float64, requires_grad=True)
    y = F.pad(F.linear(x, w).reshape(1, 3, 5), (1, 1), mode="reflect")
    (gx,) = torch.autograd.grad((y * y).sum(), x, create_graph=True)
    assert gx.requires_grad
    with pytest.raises(RuntimeError, match="differentiate twice a function that was marked with @once_differentiable"):
        torch.autograd.grad(gx.sum(), w)
    # linear alone (Tensor ops) stays twice differentiable
    (gl,) = torch.autograd.grad(F.linear(x, w).pow(2).sum(), x, create_graph=True)
    (gw,) = torch.autograd.grad(gl.sum(), w)
    assert torch.autograd.gradgradcheck(lambda a, b: F.linear(a, b), (x, w))
    assert tuple(gw.shape) == (5, 4)


def _away_from(x, points, margin=0.1):
    for p in points:
        x = torch.where((x - p).abs() < margin, x + 3 * margin, x)
    return x


@pytest.mark.parametrize("name,fn,kinks", [
    ("relu", F.relu, (0.0,)), ("threshold", lambda t: F.threshold(t, 0.2, -1.0), (0.2,)),
    ("leaky_relu", lambda t: F.leaky_relu(t, 0.1), (0.0,)),
    ("hardtanh", lambda t: F.hardtanh(t, -0.6, 0.6), (-0.6, 0.6)),
    ("softshrink", F.softshrink, (-0.5, 0.5)), ("hardshrink", F.hardshrink, (-0.5, 0.5)), ("sigmoid", F.sigmoid, ()),
    ("tanh", F.tanh, ()), ("softplus", lambda t: F.softplus(t, 2.0, 1.0), (0.5,)), ("elu", F.elu, (0.0,)),
    ("selu", F.selu, (0.0,)), ("celu", lambda t: F.celu(t, 0.7), (0.0,))])
def test_activations_are_twice_differentiable(name, fn, kinks):
    # under create_graph the activations' gradients are built from Tensor ops (as in PyTorch)
    torch.manual_seed(0)
    x = _away_from(torch.randn(4, 5, dtype=torch.float64), kinks).requires_grad_(True)
    assert torch.autograd.gradgradcheck(fn, (x,))


@pytest.mark.parametrize("stride,padding,shape", [(1, 1, (2, 3, 5, 5)), (2, 1, (2, 3, 6, 7)), (2, 0, (3, 5, 5)),
                                                  (3, 2, (1, 2, 7, 8))])
def test_conv2d_is_twice_differentiable(stride, padding, shape):
    # gradient penalties differentiate conv2d's gradients: under create_graph they are convolutions
    torch.manual_seed(0)
    x = torch.randn(*shape, dtype=torch.float64, requires_grad=True)
    w = torch.randn(4, shape[-3], 3, 2, dtype=torch.float64, requires_grad=True)
    b = torch.randn(4, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradgradcheck(lambda x, w, b: F.conv2d(x, w, b, stride=stride, padding=padding), (x, w, b))


_T = torch.tensor([1, 0, 4, 2])


@pytest.mark.parametrize("name,fn", [
    ("softmax", lambda a: F.softmax(a, 1)), ("log_softmax", lambda a: F.log_softmax(a, 0)),
    ("cross_entropy", lambda a: F.cross_entropy(a, _T)),
    ("cross_entropy_none", lambda a: F.cross_entropy(a, _T, reduction="none")),
    ("cross_entropy_weight_sum", lambda a: F.cross_entropy(a, _T, weight=torch.arange(1.0, 6.0).double(),
                                                           reduction="sum")),
    ("nll_ignore_index", lambda a: F.nll_loss(F.log_softmax(a, 1), _T, ignore_index=0)),
    ("cross_entropy_spatial", lambda a: F.cross_entropy(a.reshape(1, 5, 2, 2), _T.reshape(1, 2, 2), reduction="none")),
])
def test_softmax_and_nll_are_twice_differentiable(name, fn):
    # Hessian-vector products through a classifier's loss need these second derivatives
    torch.manual_seed(0)
    x = torch.randn(4, 5, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradgradcheck(fn, (x,))


@pytest.mark.parametrize("name,fn,shape", [
    ("max_pool2d", lambda a: F.max_pool2d(a, 2), (2, 3, 4, 6)),
    ("max_pool2d_padded_unbatched", lambda a: F.max_pool2d(a, 3, 2, 1), (3, 5, 5)),
    ("adaptive_max_pool2d", lambda a: F.adaptive_max_pool2d(a, (2, 3)), (2, 2, 5, 7)),
    ("max_pool3d", lambda a: F.max_pool3d(a, 2), (1, 2, 4, 4, 4)),
    ("max_pool1d", lambda a: F.max_pool1d(a, 2), (2, 3, 8)),
])
def test_max_pools_are_twice_differentiable(name, fn, shape):
    # under create_graph the gradient is a scatter-add of g at the argmax indices
    torch.manual_seed(0)
    x = torch.randn(*shape, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradgradcheck(fn, (x,))


def test_double_backward_keeps_the_history_of_non_contiguous_inputs():
    # the kernels read contiguous copies, but the Tensor-op gradients must use the caller's tensors
    torch.manual_seed(0)
    x = torch.randn(5, 4, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradgradcheck(lambda a: F.softplus(a.t(), 2.0, 1.0), (x,))
    w = torch.randn(3, 2, 3, 3, dtype=torch.float64, requires_grad=True)
    xx = torch.randn(2, 5, 5, 2, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradgradcheck(lambda a, b: F.conv2d(a.permute(0, 3, 1, 2), b.transpose(2, 3), padding=1),
                                        (xx, w))


@pytest.mark.parametrize("training", [True, False])
def test_batch_norm_is_twice_differentiable(training):
    torch.manual_seed(0)
    x = torch.randn(4, 3, 2, 2, dtype=torch.float64, requires_grad=True)
    w = torch.rand(3, dtype=torch.float64).add_(0.5).requires_grad_(True)
    b = torch.randn(3, dtype=torch.float64, requires_grad=True)
    rm, rv = torch.randn(3, dtype=torch.float64), torch.rand(3, dtype=torch.float64) + 0.5
    fn = (lambda a, c, d: F.batch_norm(a, None, None, c, d, training=True)) if training else \
        (lambda a, c, d: F.batch_norm(a, rm, rv, c, d, training=False))
    assert torch.autograd.gradgradcheck(fn, (x, w, b))
    x2 = torch.randn(6, 3, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradgradcheck(lambda a: F.batch_norm(a, rm, rv, training=training), (x2,))


@pytest.mark.parametrize("name,fn,shape", [
    ("avg_pool2d", lambda a: F.avg_pool2d(a, 2), (2, 3, 4, 6)),
    ("avg_pool2d_exclude_pad", lambda a: F.avg_pool2d(a, 3, 2, 1, count_include_pad=False), (3, 5, 5)),
    ("adaptive_avg_pool2d", lambda a: F.adaptive_avg_pool2d(a, (2, 3)), (2, 2, 5, 7)),
    ("avg_pool3d", lambda a: F.avg_pool3d(a, 2), (1, 2, 4, 4, 4)),
    ("avg_pool1d", lambda a: F.avg_pool1d(a, 2), (2, 3, 8)),
])
def test_average_pools_are_twice_differentiable(name, fn, shape):
    # average pooling is linear: its gradient's gradient is the pooling again
    torch.manual_seed(0)
    x = torch.randn(*shape, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradgradcheck(fn, (x,))
