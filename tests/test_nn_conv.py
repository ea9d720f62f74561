"""The conv group's functionals beyond the module spec table: options, indices, grid sampling,
affine grids, padding modes and interpolation scales against NumPy, gradients, errors, reprs,
and the real torch as an optional oracle."""
import numpy as np
import pytest

import pytorch_py as torch
import pytorch_py.nn as nn
import pytorch_py.nn.functional as F
from conftest import assert_matches, real_torch
from nn_specs._conv_ref import conv_transpose, grid_sample, linear, pad, unfold
from nn_specs._reference import conv, pool

rng = np.random.default_rng(0)


def _t(a, requires_grad=False):
    return torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=requires_grad)


def _gradcheck(fn, *arrays):
    return torch.autograd.gradcheck(fn, [_t(a, True) for a in arrays], eps=1e-6, atol=1e-6, rtol=1e-4)


# ---------------------------------------------------------------- convolutions

def test_conv_functionals_match_numpy_and_gradcheck():
    x, w, b = rng.standard_normal((1, 2, 5)), rng.standard_normal((4, 1, 3)), rng.standard_normal(4)
    assert_matches(F.conv1d(_t(x), _t(w), _t(b), padding="same", dilation=2, groups=2),
                   conv(np.pad(x, [(0, 0), (0, 0), (2, 2)]), w, b, dilation=2, groups=2))
    assert _gradcheck(lambda a, c: F.conv1d(a, c, stride=2, padding=1, dilation=2, groups=2), x, w)
    x3, w3 = rng.standard_normal((1, 2, 3, 3, 4)), rng.standard_normal((2, 2, 2, 2, 2))
    assert_matches(F.conv3d(_t(x3), _t(w3), stride=(1, 1, 2), dilation=(1, 2, 1)),
                   conv(x3, w3, stride=(1, 1, 2), dilation=(1, 2, 1)))
    wt = rng.standard_normal((2, 3, 2, 2, 2))
    assert_matches(F.conv_transpose3d(_t(x3), _t(wt), stride=2, padding=1, output_padding=1),
                   conv_transpose(x3, wt, stride=2, padding=1, output_padding=1))


def test_conv_transpose_module_output_size():
    m = nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1).double()
    x = torch.randn(1, 2, 4, 4, dtype=torch.float64)
    assert m(x).shape == (1, 3, 7, 7)
    assert m(x, output_size=[8, 8]).shape == (1, 3, 8, 8)
    with pytest.raises(ValueError, match="valid sizes"):
        m(x, output_size=(9, 9))


def test_conv_errors_name_op_and_shapes():
    with pytest.raises(RuntimeError, match="conv3d.*4-d.*5-d"):
        F.conv3d(torch.randn(2, 3), torch.randn(2, 3, 1, 1, 1))
    with pytest.raises(RuntimeError, match="output padding must be smaller"):
        F.conv_transpose1d(torch.randn(1, 2, 4), torch.randn(2, 2, 3), stride=2, output_padding=2)
    with pytest.raises(ValueError, match="strided"):
        F.conv1d(torch.randn(1, 2, 4), torch.randn(2, 2, 3), stride=2, padding="same")
    with pytest.raises(ValueError, match="padding_mode"):
        nn.Conv1d(2, 2, 3, padding_mode="mirror")
    with pytest.raises(ValueError, match="zeros"):
        nn.ConvTranspose2d(2, 2, 3, padding_mode="reflect")


def test_unfold_fold_match_numpy():
    x = rng.standard_normal((2, 2, 4, 5))
    cols = F.unfold(_t(x), 2, stride=(1, 2), padding=(0, 1))
    assert_matches(cols, unfold(x, 2, 1, (0, 1), (1, 2)))
    ones = F.fold(F.unfold(torch.ones(1, 1, 3, 3, dtype=torch.float64), 2), (3, 3), 2)
    assert_matches(ones, np.array([[[[1, 2, 1], [2, 4, 2], [1, 2, 1]]]], dtype=np.float64))  # overlap counts


# ---------------------------------------------------------------- pooling

def test_pool_indices_1d_3d():
    x = rng.standard_normal((1, 2, 7))
    out, idx = F.max_pool1d(_t(x), 3, 2, return_indices=True)
    windows = np.stack([x[..., i * 2:i * 2 + 3] for i in range(3)], -2)
    assert_matches(out, windows.max(-1))
    assert_matches(idx, windows.argmax(-1) + np.arange(3) * 2)
    x3 = rng.standard_normal((1, 1, 4, 4, 4))
    out, idx = F.adaptive_max_pool3d(_t(x3), 2, return_indices=True)
    assert_matches(out, pool(x3, 2, op="max"))
    assert_matches(F.max_unpool3d(out, idx, 2), np.where(x3 == np.repeat(np.repeat(np.repeat(
        pool(x3, 2, op="max"), 2, 2), 2, 3), 2, 4), x3, 0.0))
    out3, idx3 = F.max_pool3d(_t(x3), 2, return_indices=True)
    assert (idx3.numpy() == idx.numpy()).all()


def test_avg_pool_divisor_and_lp_gradcheck():
    x = rng.uniform(0.5, 2.0, size=(1, 2, 4, 6))
    assert_matches(F.avg_pool3d(_t(x[None]), (1, 2, 2), divisor_override=2), pool(x, 2, op="avg")[None] * 2)
    assert _gradcheck(lambda a: F.lp_pool2d(a, 2.0, 2), x)
    assert _gradcheck(lambda a: F.adaptive_avg_pool3d(a, (1, 3, 2)), x[None, :, :3, :3])


def test_fractional_max_pool_random_samples():
    x = _t(rng.standard_normal((1, 2, 8, 8)))
    samples = torch.tensor(rng.uniform(size=(1, 2, 2)))
    a = F.fractional_max_pool2d(x, 2, output_ratio=0.5, _random_samples=samples)
    assert a.shape == (1, 2, 4, 4)
    assert (a.numpy() == F.fractional_max_pool2d(x, 2, output_size=4, _random_samples=samples).numpy()).all()
    with pytest.raises(ValueError, match="exactly one"):
        F.fractional_max_pool2d(x, 2)


# ---------------------------------------------------------------- padding and resampling

@pytest.mark.parametrize("mode", ["reflect", "replicate", "circular"])
def test_pad_modes_match_numpy_and_gradcheck(mode):
    for shape, widths in (((2, 5), (2, 1)), ((1, 2, 4, 3), (1, 2, 0, 2)), ((1, 3, 3, 4), (1, 1, 2, 0, 1, 2))):
        x = rng.standard_normal(shape)
        assert_matches(F.pad(_t(x), widths, mode=mode), pad(x, widths, mode))
    assert _gradcheck(lambda a: F.pad(a, (1, 2, 2, 1, 1, 0), mode=mode), rng.standard_normal((1, 2, 3, 3)))


def test_pad_errors():
    with pytest.raises(ValueError, match="reflect padding"):
        F.pad(torch.randn(1, 2, 3), (3, 0), mode="reflect")
    with pytest.raises(NotImplementedError, match="pad"):
        F.pad(torch.randn(2, 3), (1, 1, 1, 1), mode="replicate")
    assert_matches(F.pad(_t(np.arange(4.0)), (1, -2), value=9.0), np.array([9.0, 0.0, 1.0]))


def test_interpolate_scale_factor_and_area():
    x = rng.standard_normal((1, 2, 5))
    got = F.interpolate(_t(x), scale_factor=1.5, mode="linear")  # source (o + 0.5) / 1.5 - 0.5, not in / out
    src = np.maximum((np.arange(7) + 0.5) / 1.5 - 0.5, 0)
    i0 = np.minimum(np.floor(src).astype(int), 4)
    lam = src - i0
    assert_matches(got, x[..., i0] * (1 - lam) + x[..., np.minimum(i0 + 1, 4)] * lam)
    assert_matches(F.interpolate(_t(x), size=7, mode="linear", recompute_scale_factor=True), linear(x, (7,), False))
    assert_matches(F.interpolate(_t(x), size=2, mode="area"),
                   np.stack([x[..., :3].mean(-1), x[..., 2:].mean(-1)], -1))
    assert _gradcheck(lambda a: F.interpolate(a, scale_factor=(1.5, 2), mode="bilinear"),
                      rng.standard_normal((1, 1, 3, 2)))
    assert _gradcheck(lambda a: F.interpolate(a, size=(3, 2, 4), mode="trilinear", align_corners=True),
                      rng.standard_normal((1, 1, 2, 3, 2)))
    with pytest.raises(ValueError, match="align_corners"):
        F.interpolate(_t(x), size=3, align_corners=True)
    with pytest.warns(UserWarning, match="deprecated"):
        F.upsample_bilinear(_t(rng.standard_normal((1, 1, 2, 2))), scale_factor=2)


@pytest.mark.parametrize("padding_mode", ["zeros", "border"])
@pytest.mark.parametrize("align_corners", [False, True])
def test_grid_sample_matches_numpy_and_gradcheck(padding_mode, align_corners):
    x, grid = rng.standard_normal((2, 2, 3, 4)), rng.uniform(-1.2, 1.2, size=(2, 3, 2, 2))
    got = F.grid_sample(_t(x), _t(grid), padding_mode=padding_mode, align_corners=align_corners)
    assert_matches(got, grid_sample(x, grid, padding_mode, align_corners))
    assert _gradcheck(lambda a, g: F.grid_sample(a, g, padding_mode=padding_mode, align_corners=align_corners),
                      x, grid)


def test_affine_grid_identity_and_errors():
    eye = _t([[[1.0, 0, 0], [0, 1, 0]]])
    grid = F.affine_grid(eye, (1, 1, 2, 3), align_corners=False)
    assert_matches(grid[0, :, :, 0], np.array([[-2 / 3, 0, 2 / 3]] * 2))
    assert_matches(grid[0, :, :, 1], np.array([[-0.5] * 3, [0.5] * 3]))
    x = rng.standard_normal((1, 2, 3, 4))
    sampled = F.grid_sample(_t(x), F.affine_grid(eye, (1, 2, 3, 4), align_corners=True), align_corners=True)
    assert_matches(sampled, x, atol=1e-12)  # the identity map samples every pixel centre
    assert _gradcheck(lambda t: F.affine_grid(t, (1, 1, 2, 2, 3)), rng.standard_normal((1, 3, 4)))
    with pytest.raises(ValueError, match="theta"):
        F.affine_grid(eye, (1, 1, 2, 2, 2))


def test_pixel_shuffle_round_trip():
    x = torch.randn(2, 3, 8, 2, 4)
    assert (F.pixel_unshuffle(F.pixel_shuffle(x, 2), 2).numpy() == x.numpy()).all()


# ---------------------------------------------------------------- torch as an oracle

_MODULES = [
    ("Conv1d", (2, 4, 3), {"padding": 1, "padding_mode": "circular", "groups": 2}),
    ("Conv2d", (2, 3, 3), {"dilation": 2, "bias": False}),
    ("Conv3d", (2, 4, 3), {"groups": 2, "dilation": 2, "padding": "same"}),
    ("ConvTranspose1d", (2, 3, 3), {"stride": 2, "output_padding": 1}),
    ("ConvTranspose2d", (2, 4, 3), {"groups": 2, "dilation": 2}),
    ("ConvTranspose3d", (2, 3, 2), {"bias": False}),
    ("MaxPool1d", (3,), {}), ("MaxPool3d", (2,), {"ceil_mode": True}), ("AvgPool1d", (3,), {}),
    ("AvgPool3d", (2,), {"padding": 1}), ("LPPool1d", (2, 3), {}), ("LPPool2d", (2, 3), {"stride": 2}),
    ("AdaptiveMaxPool1d", (3,), {}), ("AdaptiveAvgPool3d", ((2, None, 3),), {}), ("MaxUnpool1d", (2,), {}),
    ("MaxUnpool2d", (2,), {"stride": 1}), ("MaxUnpool3d", (2,), {}), ("FractionalMaxPool2d", (2,),
                                                                      {"output_ratio": 0.5}),
    ("ReflectionPad1d", (2,), {}), ("ReplicationPad3d", ((1, 2, 0, 1, 1, 1),), {}), ("ZeroPad2d", (1,), {}),
    ("ConstantPad1d", (2, 3.5), {}), ("CircularPad2d", (1,), {}), ("Upsample", (), {"scale_factor": 2}),
    ("Upsample", (), {"size": (3, 4), "mode": "bilinear"}), ("UpsamplingNearest2d", (), {"scale_factor": 2}),
    ("UpsamplingBilinear2d", (), {"size": 4}), ("PixelShuffle", (2,), {}), ("PixelUnshuffle", (2,), {}),
    ("Fold", (4, 2), {}), ("Unfold", ((2, 3),), {"dilation": 2}),
]


@pytest.mark.parametrize("name,args,kwargs", _MODULES, ids=[m[0] for m in _MODULES])
def test_repr_and_parameter_shapes_match_torch(name, args, kwargs):
    torch_ref = real_torch()
    ours, ref = getattr(nn, name)(*args, **kwargs), getattr(torch_ref.nn, name)(*args, **kwargs)
    assert repr(ours) == repr(ref)
    assert {k: tuple(v.shape) for k, v in ours.state_dict().items()} == \
        {k: tuple(v.shape) for k, v in ref.state_dict().items()}


def test_functionals_match_torch():
    torch_ref = real_torch()
    tf = torch_ref.nn.functional
    x = rng.standard_normal((2, 4, 5, 6))
    cases = [
        ("conv_transpose2d", (rng.standard_normal((4, 3, 3, 2)),), {"stride": (2, 1), "padding": 1, "groups": 2,
                                                                    "output_padding": (1, 0), "dilation": 2}),
        ("pad", ((2, 1, 0, 3),), {"mode": "reflect"}),
        ("interpolate", (), {"scale_factor": 0.7, "mode": "bilinear"}),
        ("interpolate", (), {"size": (7, 3), "mode": "nearest"}),
        ("adaptive_max_pool2d", ((3, 4),), {}),
        ("lp_pool2d", (2.0, 2), {}),
        ("unfold", ((2, 3),), {"padding": 1, "stride": 2}),
    ]
    for name, args, kwargs in cases:
        ours = getattr(F, name)(_t(x), *[_t(a) if isinstance(a, np.ndarray) else a for a in args], **kwargs)
        ref_args = [torch_ref.tensor(a) if isinstance(a, np.ndarray) else a for a in args]
        ref = getattr(tf, name)(torch_ref.tensor(x), *ref_args, **kwargs)
        np.testing.assert_allclose(ours.numpy(), ref.numpy(), atol=1e-12, err_msg=name)
