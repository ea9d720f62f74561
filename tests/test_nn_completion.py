"""The completion group's functionals: ctc_loss, dilated max_pool3d, avg_pool divisor_override
with ceil_mode, fractional_max_pool3d, interpolate's bicubic and nearest-exact modes and
grid_sample's nearest / bicubic / reflection / 5-d cases, against the plain-loop NumPy references
of nn_specs/_completion_ref.py (and the real torch as an optional oracle)."""
import numpy as np
import pytest

import pytorch_py as torch
import pytorch_py.nn as nn
import pytorch_py.nn.functional as F
from conftest import real_torch
from nn_specs import _completion_ref as R


def _t(a, requires_grad=False):
    return torch.tensor(np.asarray(a, dtype=np.float64)).requires_grad_(requires_grad)


def _log_softmax(x):
    m = x.max(-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(-1, keepdims=True))


def _gradcheck(fn, *inputs):
    return torch.autograd.gradcheck(fn, inputs, eps=1e-6, atol=1e-6, rtol=1e-4)


# ---------------------------------------------------------------- ctc_loss

@pytest.fixture
def ctc_case():
    rng = np.random.default_rng(1)
    lp = _log_softmax(rng.standard_normal((5, 3, 4)))
    targets = np.array([[1, 2, 0], [3, 3, 0], [2, 0, 0]])
    in_len, tgt_len = np.array([5, 5, 3]), np.array([2, 2, 1])
    return lp, targets, in_len, tgt_len, R.ctc_losses(lp, targets, in_len, tgt_len)


@pytest.mark.parametrize("reduction", ["none", "sum", "mean"])
def test_ctc_loss_matches_the_sum_over_alignments(ctc_case, reduction):
    lp, targets, in_len, tgt_len, nll = ctc_case
    out = F.ctc_loss(_t(lp), torch.tensor(targets), torch.tensor(in_len), torch.tensor(tgt_len), reduction=reduction)
    expected = {"none": nll, "sum": nll.sum(), "mean": (nll / tgt_len).mean()}[reduction]
    np.testing.assert_allclose(out.numpy(), expected, rtol=1e-10)


def test_ctc_loss_target_and_length_forms(ctc_case):
    lp, targets, in_len, tgt_len, nll = ctc_case
    concatenated = torch.tensor(np.concatenate([targets[b, :tgt_len[b]] for b in range(3)]).astype(np.int32))
    for tg, il, tl in [(concatenated, tuple(in_len.tolist()), list(tgt_len.tolist())),
                       (torch.tensor(targets), torch.tensor(in_len).int(), tuple(tgt_len.tolist()))]:
        out = F.ctc_loss(_t(lp), tg, il, tl, reduction="none")
        np.testing.assert_allclose(out.numpy(), nll, rtol=1e-10)
    # unbatched: log_probs (T, C), targets (S), lengths as 0-d tensors or ints
    one = F.ctc_loss(_t(lp[:, 1]), torch.tensor(targets[1, :2]), torch.tensor(5), 2, reduction="none")
    assert one.shape == () and abs(one.item() - nll[1]) < 1e-10
    mean = F.ctc_loss(_t(lp[:, 1]), torch.tensor(targets[1, :2]), 5, 2)
    assert abs(mean.item() - nll[1] / 2) < 1e-10


def test_ctc_loss_blank_and_float32(ctc_case):
    lp, targets, in_len, tgt_len, _ = ctc_case
    relabelled = np.where(targets == 3, 0, targets)  # blank 3: labels 0..2
    nll = np.array([R.ctc_nll(lp[:in_len[b], b], relabelled[b, :tgt_len[b]], blank=3) for b in range(3)])
    out = F.ctc_loss(_t(lp).float(), torch.tensor(relabelled), in_len.tolist(), tgt_len.tolist(), blank=3,
                     reduction="none")
    assert out.dtype is torch.float32
    np.testing.assert_allclose(out.numpy(), nll, rtol=1e-5)


def test_ctc_loss_impossible_targets_and_zero_infinity():
    lp = _log_softmax(np.random.default_rng(2).standard_normal((2, 2, 3)))
    targets = torch.tensor([[1, 1], [1, 2]])  # 1 1 needs a blank between: 3 frames
    out = F.ctc_loss(_t(lp), targets, [2, 2], [2, 2], reduction="none")
    assert np.isinf(out[0].item()) and np.isfinite(out[1].item())
    x = _t(lp, True)
    zeroed = F.ctc_loss(x, targets, [2, 2], [2, 2], reduction="sum", zero_infinity=True)
    assert abs(zeroed.item() - out[1].item()) < 1e-12
    zeroed.backward()
    assert np.all(x.grad.numpy()[:, 0] == 0) and np.any(x.grad.numpy()[:, 1] != 0)
    empty = F.ctc_loss(_t(lp), torch.tensor([[0, 0]]).long().reshape(1, 2)[:, :0].expand(2, 0), [0, 2], [0, 0],
                       reduction="none")
    np.testing.assert_allclose(empty.numpy(), [0.0, -lp[:, 1, 0].sum()], atol=1e-12)


def test_ctc_loss_gradcheck(ctc_case):
    lp, targets, in_len, tgt_len, _ = ctc_case
    tg = torch.tensor(targets)
    for reduction in ("mean", "none"):
        assert _gradcheck(lambda x: F.ctc_loss(x, tg, in_len.tolist(), tgt_len.tolist(), reduction=reduction),
                          _t(lp, True))
    assert _gradcheck(lambda x: F.ctc_loss(x, tg, [4, 5, 2], tgt_len.tolist(), blank=1, zero_infinity=True),
                      _t(lp, True))
    # beyond its input length a sample's frames get no gradient
    x = _t(lp, True)
    F.ctc_loss(x, tg, in_len.tolist(), tgt_len.tolist()).backward()
    assert np.all(x.grad.numpy()[3:, 2] == 0)


def test_ctc_loss_errors(ctc_case):
    lp, targets, in_len, tgt_len, _ = ctc_case
    x, tg = _t(lp), torch.tensor(targets)
    with pytest.raises(RuntimeError, match="input_lengths to have value at most 5"):
        F.ctc_loss(x, tg, [6, 5, 5], tgt_len.tolist())
    with pytest.raises(RuntimeError, match="size at least 4"):
        F.ctc_loss(x, tg, in_len.tolist(), [4, 1, 1])
    with pytest.raises(RuntimeError, match="batch_size"):
        F.ctc_loss(x, tg, [5, 5], tgt_len.tolist())
    with pytest.raises(TypeError, match="integer"):
        F.ctc_loss(x, tg.double(), in_len.tolist(), tgt_len.tolist())
    with pytest.raises(RuntimeError, match="labels must be in"):
        F.ctc_loss(x, tg + 3, in_len.tolist(), tgt_len.tolist())
    with pytest.raises(ValueError, match="reduction"):
        F.ctc_loss(x, tg, in_len.tolist(), tgt_len.tolist(), reduction="avg")
    with pytest.raises(RuntimeError, match="log_probs"):
        F.ctc_loss(x.reshape(5, 3, 2, 2), tg, in_len.tolist(), tgt_len.tolist())


def test_ctc_loss_module():
    m = nn.CTCLoss(blank=1, zero_infinity=True)
    assert repr(m) == "CTCLoss()" and (m.blank, m.reduction, m.zero_infinity) == (1, "mean", True)
    lp = _log_softmax(np.random.default_rng(3).standard_normal((4, 1, 3)))
    out = m(_t(lp), torch.tensor([[0, 2]]), torch.tensor([4]), torch.tensor([2]))
    assert abs(out.item() - R.ctc_nll(lp[:, 0], [0, 2], blank=1) / 2) < 1e-10


def test_ctc_loss_against_torch():
    tr = real_torch()
    rng = np.random.default_rng(4)
    logits = rng.standard_normal((30, 4, 6))
    targets = rng.integers(1, 6, size=(4, 8))
    in_len, tgt_len = [30, 25, 30, 12], [8, 5, 3, 6]
    for reduction in ("none", "mean"):
        x = _t(logits, True)
        ours = F.ctc_loss(F.log_softmax(x, 2), torch.tensor(targets), in_len, tgt_len, reduction=reduction)
        ours.sum().backward()
        xr = tr.tensor(logits, requires_grad=True)
        ref = tr.nn.functional.ctc_loss(xr.log_softmax(2), tr.tensor(targets), in_len, tgt_len, reduction=reduction)
        ref.sum().backward()
        np.testing.assert_allclose(ours.detach().numpy(), ref.detach().numpy(), rtol=1e-10)
        # the gradients of the logits agree (PyTorch's log_probs gradient adds exp(log_probs), which
        # log_softmax's backward cancels)
        np.testing.assert_allclose(x.grad.numpy(), xr.grad.numpy(), atol=1e-12)


# ---------------------------------------------------------------- pooling

def test_max_pool3d_dilated_values_indices_and_gradient():
    x = np.random.default_rng(5).standard_normal((2, 2, 6, 5, 7))
    args = dict(kernel_size=(2, 2, 3), stride=(2, 1, 2), padding=(1, 0, 1), dilation=(2, 3, 2))
    for ceil in (False, True):
        out, idx = F.max_pool3d(_t(x), ceil_mode=ceil, return_indices=True, **args)
        val, ridx = R.max_pool3d(x, args["kernel_size"], args["stride"], args["padding"], args["dilation"], ceil)
        np.testing.assert_array_equal(out.numpy(), val)
        np.testing.assert_array_equal(idx.numpy(), ridx)
    unbatched = F.max_pool3d(_t(x[0]), 2, dilation=2)
    np.testing.assert_array_equal(unbatched.numpy(), R.max_pool3d(x[:1], (2,) * 3, (2,) * 3, (0,) * 3, (2,) * 3)[0][0])
    assert _gradcheck(lambda a: F.max_pool3d(a, 2, 1, 1, 2, True), _t(x[:1], True))
    expected = "MaxPool3d(kernel_size=2, stride=2, padding=0, dilation=2, ceil_mode=False)"
    assert repr(nn.MaxPool3d(2, dilation=2)) == expected


def test_avg_pool_divisor_override_in_ceil_mode():
    x = np.random.default_rng(6).standard_normal((2, 3, 7, 6))
    for cip in (True, False):
        out = F.avg_pool2d(_t(x), 3, 2, 1, ceil_mode=True, count_include_pad=cip, divisor_override=4)
        np.testing.assert_allclose(out.numpy(), R.window_sums(x, (3, 3), (2, 2), (1, 1), True) / 4, rtol=1e-12)
    out = F.avg_pool2d(_t(x[0]), (2, 4), ceil_mode=True, divisor_override=3)  # unbatched, partial windows
    np.testing.assert_allclose(out.numpy(), R.window_sums(x[:1], (2, 4), (2, 4), (0, 0), True)[0] / 3, rtol=1e-12)
    x3 = np.random.default_rng(7).standard_normal((1, 2, 5, 4, 5))
    out = F.avg_pool3d(_t(x3), 2, ceil_mode=True, divisor_override=5)
    np.testing.assert_allclose(out.numpy(), R.window_sums(x3, (2,) * 3, (2,) * 3, (0,) * 3, True) / 5, rtol=1e-12)
    assert _gradcheck(lambda a: F.avg_pool2d(a, 3, 2, 1, True, divisor_override=2), _t(x[:1], True))
    assert _gradcheck(lambda a: F.avg_pool3d(a, 2, 2, 1, True, divisor_override=3), _t(x3, True))
    for bad, exc in ((0, RuntimeError), (2.5, TypeError)):
        with pytest.raises(exc, match="avg_pool2d"):
            F.avg_pool2d(_t(x), 2, divisor_override=bad)
    # without divisor_override the kernel path is unchanged
    np.testing.assert_allclose(F.avg_pool2d(_t(x), 2).numpy(), R.window_sums(x, (2, 2), (2, 2), (0, 0), False) / 4)


_SAMPLES = np.array([[[0.15, 0.72, 0.46], [0.91, 0.3, 0.64]]])


def test_fractional_max_pool3d_values_and_indices():
    x = np.random.default_rng(8).standard_normal((1, 2, 7, 6, 9))
    for kw, k, o in [({"output_size": (4, 3, 5)}, (2, 2, 3), (4, 3, 5)),
                     ({"output_ratio": (0.5, 0.7, 0.4)}, (3, 1, 2), (3, 4, 3)),
                     ({"output_size": 1}, (2, 2, 2), (1, 1, 1))]:
        out, idx = F.fractional_max_pool3d(_t(x), k, return_indices=True, _random_samples=_t(_SAMPLES), **kw)
        val, ridx = R.fractional_max_pool3d(x, k, o, _SAMPLES)
        np.testing.assert_array_equal(out.numpy(), val)
        np.testing.assert_array_equal(idx.numpy(), ridx)
        # the indices point at the values
        np.testing.assert_array_equal(np.take_along_axis(x.reshape(1, 2, -1), ridx.reshape(1, 2, -1), 2),
                                      val.reshape(1, 2, -1))
    unbatched = F.fractional_max_pool3d(_t(x[0]), 2, output_size=(3, 3, 3), _random_samples=_t(_SAMPLES))
    assert unbatched.shape == (2, 3, 3, 3)
    drawn, idx = F.fractional_max_pool3d_with_indices(_t(x), 2, output_ratio=0.5)
    assert drawn.shape == (1, 2, 3, 3, 4) and idx.dtype is torch.int64
    assert _gradcheck(lambda a: F.fractional_max_pool3d(a, 2, (3, 3, 4), _random_samples=_t(_SAMPLES[:, :1])),
                      _t(x[:, :1, :5, :5, :6], True))


def test_fractional_max_pool3d_module_and_errors():
    m = nn.FractionalMaxPool3d(2, output_ratio=0.5)
    assert repr(m) == "FractionalMaxPool3d()" and m.output_ratio == (0.5, 0.5, 0.5) and m.kernel_size == (2, 2, 2)
    assert m(torch.randn(1, 2, 6, 6, 6)).shape == (1, 2, 3, 3, 3)
    x = torch.randn(1, 2, 5, 5, 5)
    with pytest.raises(ValueError, match="exactly one"):
        F.fractional_max_pool3d(x, 2)
    with pytest.raises(RuntimeError, match="does not fit"):
        F.fractional_max_pool3d(x, 3, output_size=4)
    with pytest.raises(RuntimeError, match="_random_samples"):
        F.fractional_max_pool3d(x, 2, output_size=2, _random_samples=torch.rand(1, 2, 2))
    with pytest.raises(ValueError, match="output_ratio"):
        nn.FractionalMaxPool3d(2, output_ratio=1.5)
    with pytest.raises(RuntimeError, match="fractional_max_pool3d"):
        F.fractional_max_pool3d(torch.randn(2, 3), 2, output_size=1)


def test_pooling_against_torch():
    tr = real_torch()
    rng = np.random.default_rng(9)
    x = rng.standard_normal((2, 3, 7, 8, 9))
    kw = dict(kernel_size=3, stride=2, padding=1, dilation=2, ceil_mode=True, return_indices=True)
    for a, b in zip(F.max_pool3d(_t(x), **kw), tr.nn.functional.max_pool3d(tr.tensor(x), **kw)):
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    kw = dict(kernel_size=(3, 2), stride=2, padding=1, ceil_mode=True, divisor_override=5)
    np.testing.assert_allclose(F.avg_pool2d(_t(x[0]), **kw).numpy(),
                               tr.nn.functional.avg_pool2d(tr.tensor(x[0]), **kw).numpy(), rtol=1e-12)
    samples = rng.uniform(size=(2, 3, 3))
    for dt in (np.float64, np.float32):
        kw = dict(kernel_size=(2, 3, 2), output_size=(4, 5, 3), return_indices=True)
        ours = F.fractional_max_pool3d(torch.tensor(x.astype(dt)), _random_samples=torch.tensor(samples.astype(dt)),
                                       **kw)
        ref = tr.nn.functional.fractional_max_pool3d(tr.tensor(x.astype(dt)),
                                                     _random_samples=tr.tensor(samples.astype(dt)), **kw)
        for a, b in zip(ours, ref):
            np.testing.assert_array_equal(a.numpy(), b.numpy())


# ---------------------------------------------------------------- interpolate

def test_interpolate_bicubic():
    x = np.random.default_rng(10).standard_normal((2, 2, 4, 5))
    for size, align in (((7, 3), False), ((7, 3), True), ((4, 5), False), ((1, 9), True)):
        out = F.interpolate(_t(x), size=size, mode="bicubic", align_corners=align)
        np.testing.assert_allclose(out.numpy(), R.bicubic_resize(x, size, align), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(F.interpolate(_t(x), size=(4, 5), mode="bicubic").numpy(), x, atol=1e-14)
    # a scale_factor sets the source step 1 / scale: 2 on 4 rows is the size 8 resize
    np.testing.assert_allclose(F.interpolate(_t(x), scale_factor=2, mode="bicubic").numpy(),
                               R.bicubic_resize(x, (8, 10), False), atol=1e-12)
    assert _gradcheck(lambda a: F.interpolate(a, scale_factor=(1.5, 0.7), mode="bicubic"), _t(x, True))
    assert _gradcheck(lambda a: F.interpolate(a, size=(3, 7), mode="bicubic", align_corners=True), _t(x, True))
    assert torch.autograd.gradgradcheck(lambda a: F.interpolate(a, size=(5, 3), mode="bicubic"),
                                        (_t(x[:1, :1], True),))
    with pytest.raises(NotImplementedError, match="bicubic"):
        F.interpolate(_t(x[0]), size=3, mode="bicubic")
    with pytest.raises(NotImplementedError, match="antialias"):
        F.interpolate(_t(x), size=3, mode="bicubic", antialias=True)
    with pytest.raises(ValueError, match="anti-alias"):
        F.interpolate(_t(x), size=3, mode="nearest", antialias=True)


def test_interpolate_nearest_exact():
    x = np.arange(2 * 5, dtype=np.float64).reshape(1, 2, 5)
    # output cell o holds floor((o + 0.5) * 5 / 3) = 0, 2, 4
    np.testing.assert_array_equal(F.interpolate(_t(x), size=3, mode="nearest-exact").numpy(), x[:, :, [0, 2, 4]])
    np.testing.assert_array_equal(F.interpolate(_t(x), size=3, mode="nearest").numpy(), x[:, :, [0, 1, 3]])
    up = F.interpolate(_t(x), scale_factor=2, mode="nearest-exact")
    np.testing.assert_array_equal(up.numpy(), np.repeat(x, 2, axis=2))
    x3 = np.random.default_rng(11).standard_normal((1, 1, 2, 3, 4))
    out = F.interpolate(_t(x3), size=(3, 2, 6), mode="nearest-exact")
    np.testing.assert_array_equal(out.numpy(), x3[:, :, [0, 1, 1]][:, :, :, [0, 2]][..., [0, 1, 1, 2, 3, 3]])
    assert _gradcheck(lambda a: F.interpolate(a, size=(3, 2, 6), mode="nearest-exact"), _t(x3, True))
    with pytest.raises(ValueError, match="align_corners"):
        F.interpolate(_t(x), size=3, mode="nearest-exact", align_corners=True)


def test_interpolate_against_torch():
    tr = real_torch()
    x = np.random.default_rng(12).standard_normal((2, 3, 5, 7))
    for kw in (dict(size=(9, 4), mode="bicubic"), dict(scale_factor=1.7, mode="bicubic"),
               dict(scale_factor=(2.3, 0.6), mode="bicubic", align_corners=True),
               dict(scale_factor=1.7, mode="nearest-exact"), dict(size=(3, 11), mode="nearest-exact")):
        np.testing.assert_allclose(F.interpolate(_t(x), **kw).numpy(),
                                   tr.nn.functional.interpolate(tr.tensor(x), **kw).numpy(), atol=1e-12)


# ---------------------------------------------------------------- grid_sample

def _grid(rng, shape, lo=-1.3, hi=1.3):
    return rng.uniform(lo, hi, size=shape)


@pytest.mark.parametrize("mode", ["nearest", "bilinear", "bicubic"])
@pytest.mark.parametrize("padding_mode", ["zeros", "border", "reflection"])
def test_grid_sample_2d(mode, padding_mode):
    rng = np.random.default_rng(13)
    x, g = rng.standard_normal((2, 3, 4, 5)), _grid(rng, (2, 3, 4, 2))
    for align in (False, True):
        out = F.grid_sample(_t(x), _t(g), mode=mode, padding_mode=padding_mode, align_corners=align)
        np.testing.assert_allclose(out.numpy(), R.grid_sample(x, g, mode, padding_mode, align), atol=1e-12)
    if mode != "nearest":  # on a corner of the case (gradcheck's cost grows with the product of the sizes)
        inputs = (_t(x[:1, :1, :3, :3], True), _t(g[:1, :2, :2], True))
        assert _gradcheck(lambda a, b: F.grid_sample(a, b, mode=mode, padding_mode=padding_mode), *inputs)
        if mode == "bicubic" or padding_mode == "reflection":  # Tensor ops (bilinear zeros / border: the kernel)
            assert torch.autograd.gradgradcheck(
                lambda a, b: F.grid_sample(a, b, mode=mode, padding_mode=padding_mode), inputs)


@pytest.mark.parametrize("mode", ["nearest", "bilinear"])
@pytest.mark.parametrize("padding_mode", ["zeros", "border", "reflection"])
def test_grid_sample_3d(mode, padding_mode):
    rng = np.random.default_rng(14)
    x, g = rng.standard_normal((2, 2, 3, 4, 5)), _grid(rng, (2, 2, 3, 2, 3))
    for align in (False, True):
        out = F.grid_sample(_t(x), _t(g), mode=mode, padding_mode=padding_mode, align_corners=align)
        assert out.shape == (2, 2, 2, 3, 2)
        np.testing.assert_allclose(out.numpy(), R.grid_sample(x, g, mode, padding_mode, align), atol=1e-12)
    if mode == "bilinear":
        assert _gradcheck(lambda a, b: F.grid_sample(a, b, padding_mode=padding_mode, align_corners=True),
                          _t(x[:1, :1, :, :3, :3], True), _t(g[:1, :1, :2, :2], True))


def test_grid_sample_nearest_gradients():
    rng = np.random.default_rng(15)
    x, g = _t(rng.standard_normal((1, 2, 3, 4)), True), _t(_grid(rng, (1, 2, 2, 2)), True)
    F.grid_sample(x, g, mode="nearest").sum().backward()
    assert g.grad is not None and np.all(g.grad.numpy() == 0)
    assert _gradcheck(lambda a: F.grid_sample(a, g.detach(), mode="nearest"), x)


def test_grid_sample_errors():
    x = torch.randn(1, 2, 3, 4)
    with pytest.raises(ValueError, match="mode"):
        F.grid_sample(x, torch.zeros(1, 2, 2, 2), mode="area")
    with pytest.raises(ValueError, match="padding_mode"):
        F.grid_sample(x, torch.zeros(1, 2, 2, 2), padding_mode="circular")
    with pytest.raises(RuntimeError, match="bicubic"):
        F.grid_sample(torch.randn(1, 1, 2, 2, 2), torch.zeros(1, 1, 1, 1, 3), mode="bicubic")
    with pytest.raises(RuntimeError, match="grid of shape"):
        F.grid_sample(torch.randn(1, 1, 2, 2, 2), torch.zeros(1, 1, 1, 2))


def test_grid_sample_against_torch():
    tr = real_torch()
    rng = np.random.default_rng(16)
    cases = [((2, 3, 5, 7), (2, 4, 6, 2), m) for m in ("nearest", "bilinear", "bicubic")] + \
            [((2, 3, 4, 5, 6), (2, 3, 2, 4, 3), m) for m in ("nearest", "bilinear")]
    for xs, gs, mode in cases:
        x, g = rng.standard_normal(xs), _grid(rng, gs)
        for padding_mode in ("zeros", "border", "reflection"):
            for align in (False, True):
                kw = dict(mode=mode, padding_mode=padding_mode, align_corners=align)
                a, b = _t(x, True), _t(g, True)
                out = F.grid_sample(a, b, **kw)
                out.pow(2).sum().backward()
                ar, br = tr.tensor(x, requires_grad=True), tr.tensor(g, requires_grad=True)
                ref = tr.nn.functional.grid_sample(ar, br, **kw)
                ref.pow(2).sum().backward()
                np.testing.assert_allclose(out.detach().numpy(), ref.detach().numpy(), atol=1e-12)
                np.testing.assert_allclose(a.grad.numpy(), ar.grad.numpy(), atol=1e-12)
                np.testing.assert_allclose(b.grad.numpy(), br.grad.numpy(), atol=1e-11)
