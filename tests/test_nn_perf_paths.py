"""The fast paths of the training step, checked against NumPy: GEMMs split over TH's threads,
convolutions run one image per thread (per-thread columns and weight-gradient buffers, the 1x1
shortcut, the single-image path whose GEMMs are split), linear as one addmm, the SGD and Adam
updates, and the threading policy (OpenBLAS on one thread)."""
import contextlib
import os
import subprocess
import sys

import numpy as np
import pytest

import pytorch_py as torch
import pytorch_py.nn.functional as F
from pytorch_py.autograd import gradcheck, gradgradcheck
from pytorch_py.nn.functional import _call, _new
from conftest import assert_matches


@contextlib.contextmanager
def _threads(n):
    old = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(old)


def _rng(seed=0):
    return np.random.default_rng(seed)


# ---------------------------------------------------------------- threading policy

def test_openblas_runs_on_one_thread_and_the_environment_is_kept():
    """pytorch_py's OpenBLAS runs single-threaded (TH's threads split GEMMs instead) whatever
    OPENBLAS_NUM_THREADS says, and the variable is left as the user set it (NumPy reads it too)."""
    code = ("import ctypes, os, scipy_openblas32 as o\n"
            "import pytorch_py\n"
            "blas = ctypes.CDLL(os.path.join(o.get_lib_dir(), 'lib' + o.get_library() + '.so'))\n"
            "print(blas.scipy_openblas_get_num_threads(), os.environ.get('OPENBLAS_NUM_THREADS'))\n")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, OPENBLAS_NUM_THREADS="3", PYTHONPATH=root)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "3"]


# ---------------------------------------------------------------- GEMMs split over threads

# (m, k, n): above the split threshold (2^20 multiply-adds), sizes that are no multiple of the
# 16-row blocks, splits along rows (m > n) and along columns (n >= m)
_GEMM_SIZES = [(300, 70, 90), (70, 90, 301), (129, 129, 129), (17, 4000, 33)]


@pytest.mark.parametrize("m,k,n", _GEMM_SIZES)
@pytest.mark.parametrize("ta,tb", [(False, False), (True, False), (False, True), (True, True)])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_split_gemm_matches_numpy(m, k, n, ta, tb, dtype):
    rng = _rng(m + n)
    a = rng.standard_normal((k, m) if ta else (m, k)).astype(dtype)
    b = rng.standard_normal((n, k) if tb else (k, n)).astype(dtype)
    ea, eb = (a.T if ta else a), (b.T if tb else b)
    with _threads(2):
        x = torch.from_numpy(a).t() if ta else torch.from_numpy(a)
        y = torch.from_numpy(b).t() if tb else torch.from_numpy(b)
        got = x.mm(y)
        c = torch.from_numpy(np.ones((m, n), dtype)).addmm(x, y, beta=0.5, alpha=2.0)
    tol = 1e-4 if dtype == np.float32 else 1e-10
    assert_matches(got, ea.astype(np.float64) @ eb.astype(np.float64), rtol=tol, atol=tol * 10)
    assert_matches(c, 0.5 + 2.0 * (ea.astype(np.float64) @ eb.astype(np.float64)), rtol=tol, atol=tol * 20)


def test_split_gemm_same_result_for_any_thread_count():
    a = _rng(1).standard_normal((256, 300)).astype(np.float32)
    b = _rng(2).standard_normal((300, 200)).astype(np.float32)
    with _threads(1):
        one = torch.from_numpy(a).mm(torch.from_numpy(b)).numpy()
    with _threads(3):
        three = torch.from_numpy(a).mm(torch.from_numpy(b)).numpy()
    np.testing.assert_allclose(one, three, rtol=1e-5, atol=1e-4)


# ---------------------------------------------------------------- convolution

def _conv_ref(x, w, b, stride, pad):
    """Direct cross-correlation in float64: x (N, C, H, W), w (O, C, kH, kW)."""
    n, c, h, wd = x.shape
    o, _, kh, kw = w.shape
    xp = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = (h + 2 * pad - kh) // stride + 1, (wd + 2 * pad - kw) // stride + 1
    out = np.zeros((n, o, oh, ow))
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, :, i:i + stride * oh:stride, j:j + stride * ow:stride]
            out += np.einsum("nchw,oc->nohw", patch, w[:, :, i, j].astype(np.float64))
    if b is not None:
        out += b.reshape(1, -1, 1, 1)
    return out


def _conv_grads_ref(x, w, g, stride, pad):
    """(grad input, grad weight, grad bias) of the convolution for output gradient g."""
    n, c, h, wd = x.shape
    o, _, kh, kw = w.shape
    oh, ow = g.shape[2], g.shape[3]
    xp = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    gxp = np.zeros_like(xp)
    gw = np.zeros(w.shape)
    for i in range(kh):
        for j in range(kw):
            sl = (slice(None), slice(None), slice(i, i + stride * oh, stride), slice(j, j + stride * ow, stride))
            gw[:, :, i, j] = np.einsum("nchw,nohw->oc", xp[sl], g)
            gxp[sl] += np.einsum("nohw,oc->nchw", g, w[:, :, i, j].astype(np.float64))
    return gxp[:, :, pad:pad + h, pad:pad + wd], gw, g.sum((0, 2, 3))


# (batch, cin, cout, size, kernel, stride, pad, threads): an odd batch over two and three
# threads, one image (GEMMs split instead), the 1x1 shortcut, strides
_CONV_CASES = [(5, 3, 8, 9, 3, 1, 1, 2), (7, 4, 6, 8, 3, 2, 1, 3), (1, 32, 48, 16, 3, 1, 1, 2),
               (4, 6, 5, 7, 1, 1, 0, 2), (3, 2, 4, 10, 5, 2, 2, 1)]


@pytest.mark.parametrize("n,cin,cout,size,k,stride,pad,nt", _CONV_CASES)
@pytest.mark.parametrize("bias", [True, False])
def test_conv2d_forward_backward_matches_numpy(n, cin, cout, size, k, stride, pad, nt, bias):
    rng = _rng(n * 100 + cin)
    xa = rng.standard_normal((n, cin, size, size)).astype(np.float32)
    wa = rng.standard_normal((cout, cin, k, k)).astype(np.float32)
    ba = rng.standard_normal(cout).astype(np.float32) if bias else None
    with _threads(nt):
        x = torch.from_numpy(xa).requires_grad_(True)
        w = torch.from_numpy(wa).requires_grad_(True)
        b = torch.from_numpy(ba).requires_grad_(True) if bias else None
        y = F.conv2d(x, w, b, stride=stride, padding=pad)
        ga = rng.standard_normal(tuple(y.shape)).astype(np.float32)
        y.backward(torch.from_numpy(ga))
    assert_matches(y, _conv_ref(xa, wa, ba, stride, pad), rtol=1e-4, atol=1e-4)
    gx, gw, gb = _conv_grads_ref(xa, wa, ga.astype(np.float64), stride, pad)
    assert_matches(x.grad, gx, rtol=1e-4, atol=1e-4)
    assert_matches(w.grad, gw, rtol=1e-4, atol=1e-3)
    if bias:
        assert_matches(b.grad, gb, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("nt", [1, 2, 3])
def test_conv_acc_grad_parameters_accumulates_with_scale(nt):
    """accGradParameters adds scale * gradient into what gradWeight / gradBias hold (the
    per-thread buffers are summed into them, not written over them)."""
    rng = _rng(7)
    xa = rng.standard_normal((5, 3, 6, 6)).astype(np.float64)
    wa = rng.standard_normal((4, 3, 3, 3)).astype(np.float64)
    ga = rng.standard_normal((5, 4, 6, 6)).astype(np.float64)
    _, gw_ref, gb_ref = _conv_grads_ref(xa, wa, ga, 1, 1)
    x, g = torch.from_numpy(xa), torch.from_numpy(ga)
    gw = torch.from_numpy(np.ones(wa.shape))
    gb = torch.from_numpy(np.full(4, 2.0))
    with _threads(nt):
        for _ in range(2):
            _call("SpatialConvolutionMM_accGradParameters", x._dtype, x, g, gw, gb, _new(x._dtype), _new(x._dtype),
                  3, 3, 1, 1, 1, 1, 0.5)
    assert_matches(gw, 1 + gw_ref, rtol=1e-10, atol=1e-10)
    assert_matches(gb, 2 + gb_ref, rtol=1e-10, atol=1e-10)


def test_conv2d_gradcheck_over_threads():
    rng = _rng(3)
    x = torch.from_numpy(rng.standard_normal((3, 2, 5, 5))).requires_grad_(True)
    w = torch.from_numpy(rng.standard_normal((3, 2, 3, 3))).requires_grad_(True)
    b = torch.from_numpy(rng.standard_normal(3)).requires_grad_(True)
    with _threads(2):
        assert gradcheck(lambda x, w, b: F.conv2d(x, w, b, padding=1), (x, w, b))
        assert gradcheck(lambda x, w: F.conv2d(x, w[:, :, :1, :1]), (x, w))  # the 1x1 shortcut


# ---------------------------------------------------------------- linear

@pytest.mark.parametrize("shape", [(6, 5), (2, 3, 5), (5,)])
@pytest.mark.parametrize("bias", [True, False])
def test_linear_matches_numpy(shape, bias):
    rng = _rng(len(shape))
    xa = rng.standard_normal(shape)
    wa = rng.standard_normal((4, 5))
    ba = rng.standard_normal(4) if bias else None
    x = torch.from_numpy(xa).requires_grad_(True)
    w = torch.from_numpy(wa).requires_grad_(True)
    b = torch.from_numpy(ba).requires_grad_(True) if bias else None
    y = F.linear(x, w, b)
    expect = xa @ wa.T + (ba if bias else 0)
    assert_matches(y, expect)
    ga = rng.standard_normal(expect.shape)
    y.backward(torch.from_numpy(ga))
    g2, x2 = ga.reshape(-1, 4), xa.reshape(-1, 5)
    assert_matches(x.grad, (g2 @ wa).reshape(shape))
    assert_matches(w.grad, g2.T @ x2)
    assert w.grad.is_contiguous()
    if bias:
        assert_matches(b.grad, g2.sum(0))


def test_linear_gradcheck_and_gradgradcheck():
    rng = _rng(5)
    x = torch.from_numpy(rng.standard_normal((3, 4))).requires_grad_(True)
    w = torch.from_numpy(rng.standard_normal((2, 4))).requires_grad_(True)
    b = torch.from_numpy(rng.standard_normal(2)).requires_grad_(True)
    assert gradcheck(F.linear, (x, w, b))
    assert gradgradcheck(F.linear, (x, w, b))
    assert gradcheck(lambda x, w: F.linear(x, w), (x, w))


def test_linear_only_weight_needs_grad():
    x = torch.from_numpy(np.arange(6.0).reshape(2, 3))
    w = torch.from_numpy(np.ones((1, 3))).requires_grad_(True)
    F.linear(x, w).sum().backward()
    assert_matches(w.grad, [[3.0, 5.0, 7.0]])
    assert x.grad is None


# ---------------------------------------------------------------- optimizers

def _param(values):
    p = torch.from_numpy(np.array(values, dtype=np.float64)).requires_grad_(True)
    return p


@pytest.mark.parametrize("dampening,nesterov", [(0.0, False), (0.0, True), (0.3, False)])
def test_sgd_momentum_matches_numpy(dampening, nesterov):
    grads = [np.array([1.0, -2.0]), np.array([0.5, 4.0]), np.array([-1.0, 1.0])]
    p = _param([0.1, 0.2])
    opt = torch.optim.SGD([p], lr=0.1, momentum=0.9, dampening=dampening, nesterov=nesterov, weight_decay=0.01)
    ref, buf = np.array([0.1, 0.2]), None
    for g in grads:
        p.grad = torch.from_numpy(g.copy())
        opt.step()
        d = g + 0.01 * ref
        buf = d.copy() if buf is None else 0.9 * buf + (1 - dampening) * d
        ref = ref - 0.1 * (d + 0.9 * buf if nesterov else buf)
        assert_matches(p.detach(), ref)
    assert_matches(opt.state[p]["momentum_buffer"], buf)


@pytest.mark.parametrize("amsgrad", [False, True])
def test_adam_matches_numpy(amsgrad):
    grads = [np.array([1.0, -2.0, 0.0]), np.array([0.5, 4.0, 1e-3]), np.array([-1.0, 0.1, 2.0])]
    p = _param([0.1, 0.2, 0.3])
    lr, b1, b2, eps = 0.01, 0.9, 0.99, 1e-8
    opt = torch.optim.Adam([p], lr=lr, betas=(b1, b2), eps=eps, amsgrad=amsgrad)
    ref, m, v, vmax = np.array([0.1, 0.2, 0.3]), np.zeros(3), np.zeros(3), np.zeros(3)
    for t, g in enumerate(grads, 1):
        p.grad = torch.from_numpy(g.copy())
        opt.step()
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        vmax = np.maximum(vmax, v)
        vv = vmax if amsgrad else v
        ref = ref - lr / (1 - b1 ** t) * m / (np.sqrt(vv) / np.sqrt(1 - b2 ** t) + eps)
        assert_matches(p.detach(), ref, rtol=1e-12, atol=1e-14)
    state = opt.state[p]
    assert_matches(state["exp_avg"], m)
    assert_matches(state["exp_avg_sq"], v)
    assert state["step"].item() == 3.0


def test_zero_grad_sets_to_none_by_default():
    p = _param([1.0])
    p.grad = torch.from_numpy(np.array([2.0]))
    opt = torch.optim.SGD([p], lr=0.1)
    opt.zero_grad()
    assert p.grad is None
