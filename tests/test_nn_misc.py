"""The misc nn group beyond the spec table: training-mode randomness (dropouts, RReLU), running
statistics of the instance norm, options the table cannot express (weights), errors, reprs,
nn.utils (gradient clipping, parameter vectors, weight and spectral norm), and the real torch as
an optional oracle."""
import math
import warnings

import numpy as np
import pytest

import pytorch_py as torch
import pytorch_py.nn as nn
import pytorch_py.nn.functional as F
from pytorch_py.nn.utils import clip_grad, convert_parameters
from pytorch_py.nn.utils.spectral_norm import remove_spectral_norm, spectral_norm
from pytorch_py.nn.utils.weight_norm import remove_weight_norm, weight_norm
from conftest import real_torch
from nn_specs import _misc_ref as R

f64 = torch.float64


def _t(a):
    return torch.from_numpy(np.ascontiguousarray(a))


# ---------------------------------------------------------------- randomness in training mode

def test_rrelu_training_draws_slopes_in_range_and_backward_uses_them():
    torch.manual_seed(0)
    x = torch.tensor([[-1.0, -2.0, 3.0, -0.5] * 50], dtype=f64, requires_grad=True)
    y = F.rrelu(x, 0.1, 0.3, training=True)
    slope = (y / x).detach().numpy()
    neg = x.detach().numpy() < 0
    assert np.all((slope[neg] >= 0.1) & (slope[neg] <= 0.3)) and np.all(slope[~neg] == 1)
    assert slope[neg].std() > 0.01  # really random per element
    y.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), slope)
    eval_out = nn.RReLU(0.1, 0.3).eval()(x.detach())
    np.testing.assert_allclose(eval_out.numpy(), np.where(neg, 0.2, 1.0) * x.detach().numpy())


def test_rrelu_inplace_returns_input():
    x = torch.tensor([-1.0, 2.0])
    assert F.rrelu_(x) is x and x.tolist() == pytest.approx([-(1 / 8 + 1 / 3) / 2, 2.0])


@pytest.mark.parametrize("fn,shape,feature", [(F.dropout3d, (4, 6, 2, 2, 2), 3), (F.dropout1d, (4, 6, 5), 1)])
def test_feature_dropout_zeroes_whole_channels_and_scales(fn, shape, feature):
    torch.manual_seed(1)
    x = torch.ones(*shape, dtype=f64)
    y = fn(x, 0.5, True).numpy()
    per_channel = y.reshape(shape[0], shape[1], -1)
    assert np.all((per_channel == 0) | (per_channel == 2.0))
    assert np.all(per_channel.min(-1) == per_channel.max(-1))  # a channel is dropped whole
    assert 0 < (per_channel[..., 0] == 0).mean() < 1
    assert fn(x, 0.5, False) is x
    with pytest.raises(RuntimeError, match="expected"):
        fn(torch.ones(3, dtype=f64), 0.5, True)


def test_alpha_dropout_keeps_mean_and_variance():
    torch.manual_seed(2)
    x = torch.randn(200000, dtype=f64)
    y = F.alpha_dropout(x, 0.3, True).numpy()
    assert abs(y.mean()) < 0.02 and abs(y.std() - 1) < 0.02
    dropped_value = 1 / math.sqrt(0.7 * (1 + 0.3 * R.SELU_ALPHA ** 2 * R.SELU_SCALE ** 2)) * \
        (-R.SELU_ALPHA * R.SELU_SCALE) * 0.7  # a * sat + b
    assert np.isclose(y, dropped_value).mean() == pytest.approx(0.3, abs=0.01)
    assert F.alpha_dropout(x, 0.3, False) is x
    assert float(F.alpha_dropout(x, 1.0, True).abs().sum()) == 0


def test_feature_alpha_dropout_shares_a_draw_per_channel():
    torch.manual_seed(3)
    x = torch.zeros(8, 6, 5, dtype=f64)
    y = nn.FeatureAlphaDropout(0.5)(x).numpy()
    assert np.all(y.min(-1) == y.max(-1)) and len(np.unique(y)) == 2


def test_dropout_modules_repr_and_bad_p():
    assert repr(nn.Dropout3d(0.2)) == "Dropout3d(p=0.2, inplace=False)"
    with pytest.raises(ValueError, match="between 0 and 1"):
        nn.AlphaDropout(1.5)


# ---------------------------------------------------------------- normalisation state

def test_instance_norm_running_stats_update_with_batch_average():
    m = nn.InstanceNorm1d(2, momentum=0.5, track_running_stats=True).double()
    x = np.random.default_rng(0).standard_normal((3, 2, 6))
    m(_t(x))
    mean = x.mean(-1).mean(0)
    var = x.var(-1, ddof=1).mean(0)  # the unbiased plane variance, as batch norm's running update
    np.testing.assert_allclose(m.running_mean.numpy(), 0.5 * mean, rtol=1e-10)
    np.testing.assert_allclose(m.running_var.numpy(), 0.5 + 0.5 * var, rtol=1e-10)
    assert int(m.num_batches_tracked) == 0 or m.num_batches_tracked is not None


def test_instance_norm_gradcheck_affine_functional():
    rng = np.random.default_rng(1)
    x = _t(rng.standard_normal((2, 3, 4))).requires_grad_()
    w = _t(rng.standard_normal(3)).requires_grad_()
    b = _t(rng.standard_normal(3)).requires_grad_()
    assert torch.autograd.gradcheck(lambda x, w, b: F.instance_norm(x, weight=w, bias=b), (x, w, b))


def test_group_norm_checks():
    with pytest.raises(ValueError, match="divisible"):
        nn.GroupNorm(3, 4)
    with pytest.raises(RuntimeError, match="divisible"):
        F.group_norm(torch.randn(2, 4, 3), 3)


def test_batch_norm_eval_wrong_channels_names_module():
    with pytest.raises(RuntimeError, match=r"BatchNorm1d: expected input with 3 channels \(num_features\) in dim 1, "
                                           r"but got shape \[4, 5\]"):
        nn.BatchNorm1d(3)(torch.randn(4, 5))


# ---------------------------------------------------------------- losses: options and errors

def test_multi_margin_weight_and_errors():
    rng = np.random.default_rng(2)
    x, y, w = rng.standard_normal((5, 4)), rng.integers(0, 4, 5), rng.uniform(0.5, 2, 4)
    m = nn.MultiMarginLoss(p=2, margin=0.7, weight=_t(w))
    np.testing.assert_allclose(m(_t(x), _t(y)).item(), R.multi_margin(x, y, 2, 0.7, w), rtol=1e-10)
    xt = _t(x).requires_grad_()
    assert torch.autograd.gradcheck(lambda a: F.multi_margin_loss(a, _t(y), weight=_t(w)), (xt,))
    with pytest.raises(ValueError, match="p == 1 and p == 2"):
        nn.MultiMarginLoss(p=3)
    with pytest.raises(IndexError, match="target values"):
        F.multi_margin_loss(_t(x), torch.tensor([0, 1, 2, 3, 4]))
    with pytest.raises(TypeError, match="integer"):
        F.multi_margin_loss(_t(x), _t(x[:, 0]))


def test_multilabel_soft_margin_weight():
    rng = np.random.default_rng(3)
    x, t, w = rng.standard_normal((3, 4)), rng.integers(0, 2, (3, 4)).astype(float), rng.uniform(0, 1, 4)
    out = nn.MultiLabelSoftMarginLoss(weight=_t(w), reduction="none")(_t(x), _t(t))
    np.testing.assert_allclose(out.numpy(), R.multilabel_soft_margin(x, t, w, "none"), rtol=1e-10)


def test_legacy_reduction_arguments_and_bad_reduction():
    assert nn.CosineEmbeddingLoss(size_average=False).reduction == "sum"
    assert nn.MultiLabelMarginLoss(reduce=False).reduction == "none"
    with pytest.raises(ValueError, match="not a valid value for reduction"):
        F.poisson_nll_loss(torch.randn(2), torch.rand(2), reduction="avg")


def test_loss_shape_errors():
    with pytest.raises(ValueError, match="same shape"):
        F.margin_ranking_loss(torch.randn(3), torch.randn(4), torch.ones(3))
    with pytest.raises(RuntimeError, match="target of shape"):
        F.cosine_embedding_loss(torch.randn(3, 2), torch.randn(3, 2), torch.ones(4))
    with pytest.raises(ValueError, match="var"):
        F.gaussian_nll_loss(torch.randn(3, 2), torch.randn(3, 2), torch.ones(4))
    with pytest.raises(ValueError, match="negative"):
        F.gaussian_nll_loss(torch.randn(3), torch.randn(3), -torch.ones(3))
    with pytest.raises(ValueError, match="margin"):
        nn.TripletMarginLoss(margin=0)


def test_nll_loss2d_is_deprecated_alias():
    with pytest.warns(FutureWarning):
        m = nn.NLLLoss2d(ignore_index=1)
    assert isinstance(m, nn.NLLLoss) and m.ignore_index == 1


def test_triplet_with_custom_distance_and_gradients():
    rng = np.random.default_rng(4)
    a, p, n = (_t(rng.standard_normal((4, 3))).requires_grad_() for _ in range(3))
    loss = nn.TripletMarginWithDistanceLoss(distance_function=lambda x, y: 1 - F.cosine_similarity(x, y), swap=True)
    assert torch.autograd.gradcheck(lambda *t: loss(*t), (a, p, n))


# ---------------------------------------------------------------- functional forms

def test_glu_softmax2d_and_bilinear_errors():
    with pytest.raises(RuntimeError, match="even"):
        F.glu(torch.randn(3, 5))
    with pytest.raises(RuntimeError, match="in2_features"):
        F.bilinear(torch.randn(2, 3), torch.randn(2, 4), torch.randn(5, 3, 5))
    with pytest.raises(ValueError, match="Softmax2d"):
        nn.Softmax2d()(torch.randn(3, 4))


@pytest.mark.parametrize("name", ["silu", "mish", "hardsigmoid", "hardswish"])
def test_inplace_activations_overwrite_input(name):
    x = torch.randn(5, dtype=f64)
    expected = getattr(F, name)(x.clone())
    assert getattr(F, name)(x, inplace=True) is x
    np.testing.assert_allclose(x.numpy(), expected.numpy())


def test_pairwise_distance_inf_and_local_response_norm_functional():
    rng = np.random.default_rng(5)
    a, b = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    np.testing.assert_allclose(F.pairwise_distance(_t(a), _t(b), p=math.inf).numpy(),
                               R.pairwise_distance(a, b, np.inf), rtol=1e-12)
    x = rng.standard_normal((2, 5, 3, 2))
    np.testing.assert_allclose(F.local_response_norm(_t(x), 4, 0.2, 0.6, 1.5).numpy(), R.lrn(x, 4, 0.2, 0.6, 1.5),
                               rtol=1e-12)


def test_container_adds_keyword_modules():
    with pytest.warns(DeprecationWarning):
        c = nn.Container(a=nn.ReLU(), b=nn.Linear(2, 3))
    assert list(dict(c.named_children())) == ["a", "b"] and len(list(c.parameters())) == 2


# ---------------------------------------------------------------- nn.utils

def _with_grads(*grads):
    params = []
    for g in grads:
        p = nn.Parameter(torch.zeros(*np.shape(g), dtype=f64))
        p.grad = _t(np.array(g, dtype=float))
        params.append(p)
    return params


@pytest.mark.parametrize("norm_type", [2.0, 1.0, math.inf])
def test_clip_grad_norm_scales_to_max_norm_and_returns_total(norm_type):
    g1, g2 = np.array([3.0, -4.0]), np.array([[1.0, 2.0], [-2.0, 0.5]])
    params = _with_grads(g1, g2)
    flat = np.concatenate([g1, g2.ravel()])
    total = np.abs(flat).max() if norm_type == math.inf else (np.abs(flat) ** norm_type).sum() ** (1 / norm_type)
    out = clip_grad.clip_grad_norm_(params, 1.0, norm_type)
    assert float(out) == pytest.approx(total)
    coef = 1.0 / (total + 1e-6)
    np.testing.assert_allclose(params[0].grad.numpy(), g1 * coef)
    np.testing.assert_allclose(params[1].grad.numpy(), g2 * coef)


def test_clip_grad_norm_no_op_below_max_nonfinite_error_and_empty():
    params = _with_grads([0.3, 0.4])
    assert float(clip_grad.clip_grad_norm_(params[0], 10.0)) == pytest.approx(0.5)
    np.testing.assert_allclose(params[0].grad.numpy(), [0.3, 0.4])
    bad = _with_grads([float("nan"), 1.0])
    with pytest.raises(RuntimeError, match="non-finite"):
        clip_grad.clip_grad_norm_(bad, 1.0, error_if_nonfinite=True)
    assert float(clip_grad.clip_grad_norm_([nn.Parameter(torch.zeros(2))], 1.0)) == 0.0


def test_clip_grad_value():
    params = _with_grads([-3.0, 0.2, 5.0])
    clip_grad.clip_grad_value_(params, 1.0)
    np.testing.assert_allclose(params[0].grad.numpy(), [-1.0, 0.2, 1.0])


def test_parameters_to_vector_round_trip():
    m = nn.Linear(3, 2)
    v = convert_parameters.parameters_to_vector(m.parameters())
    assert v.shape == (8,)
    np.testing.assert_allclose(v.detach().numpy()[:6], m.weight.detach().numpy().ravel())
    new = torch.arange(8.0)
    convert_parameters.vector_to_parameters(new, m.parameters())
    np.testing.assert_allclose(m.bias.detach().numpy(), [6.0, 7.0])
    assert isinstance(m.weight, nn.Parameter)
    with pytest.raises(RuntimeError, match="8 elements"):
        convert_parameters.vector_to_parameters(torch.arange(7.0), m.parameters())
    with pytest.raises(TypeError):
        convert_parameters.vector_to_parameters([1.0], m.parameters())


def test_weight_norm_reparameterises_and_removes():
    torch.manual_seed(0)
    m = nn.Linear(3, 4).double()
    w0 = m.weight.detach().numpy().copy()
    weight_norm(m)
    assert sorted(m.state_dict()) == ["bias", "weight_g", "weight_v"]
    np.testing.assert_allclose(m.weight_g.detach().numpy(), np.linalg.norm(w0, axis=1, keepdims=True))
    with torch.no_grad():
        m.weight_g.mul_(2)
    x = torch.randn(2, 3, dtype=f64)
    np.testing.assert_allclose(m(x).detach().numpy(), x.numpy() @ (2 * w0).T + m.bias.detach().numpy(), rtol=1e-10)
    g, v = m.weight_g.detach().clone().requires_grad_(), m.weight_v.detach().clone().requires_grad_()
    assert torch.autograd.gradcheck(lambda g, v: v * (g / (v * v).sum(1, keepdim=True).sqrt()), (g, v))
    with pytest.raises(RuntimeError, match="two weight_norm"):
        weight_norm(m)
    remove_weight_norm(m)
    assert sorted(m.state_dict()) == ["bias", "weight"] and isinstance(m.weight, nn.Parameter)
    np.testing.assert_allclose(m.weight.detach().numpy(), 2 * w0, rtol=1e-10)
    with pytest.raises(ValueError, match="not found"):
        remove_weight_norm(m)


def test_weight_norm_dim_none_uses_whole_norm():
    m = weight_norm(nn.Linear(3, 2), dim=None)
    assert m.weight_g.dim() == 0
    np.testing.assert_allclose(m.weight_g.item(), np.linalg.norm(m.weight_v.detach().numpy()), rtol=1e-6)


def test_spectral_norm_converges_to_unit_spectral_norm():
    torch.manual_seed(0)
    m = spectral_norm(nn.Linear(5, 4).double(), n_power_iterations=30)
    assert sorted(m.state_dict()) == ["bias", "weight_orig", "weight_u", "weight_v"]
    m(torch.randn(1, 5, dtype=f64))
    assert np.linalg.svd(m.weight.detach().numpy(), compute_uv=False)[0] == pytest.approx(1.0, abs=1e-6)
    m.eval()
    u = m.weight_u.clone()
    m(torch.randn(1, 5, dtype=f64))
    np.testing.assert_array_equal(m.weight_u.numpy(), u.numpy())  # no power iteration in eval
    remove_spectral_norm(m)
    assert sorted(m.state_dict()) == ["bias", "weight"]


# ---------------------------------------------------------------- Linear's error names the module

def test_linear_shape_error_keeps_type_and_names_module():
    with pytest.raises(RuntimeError) as info:
        nn.Sequential(nn.Linear(4, 3))(torch.randn(2, 5))
    assert str(info.value) == "Linear: expected input with last dimension 4 (in_features), but got shape [2, 5]"


# ---------------------------------------------------------------- the real torch as an oracle

_REPRS = [
    ("SELU", (), {"inplace": True}), ("CELU", (2.0,), {}), ("GLU", (), {}), ("Softsign", (), {}),
    ("Tanhshrink", (), {}), ("RReLU", (0.1, 0.3, True), {}), ("Softmax2d", (), {}), ("Mish", (), {}),
    ("Hardsigmoid", (), {}), ("Hardswish", (), {}), ("ReLU6", (True,), {}), ("Threshold", (0.1, 20), {}),
    ("BatchNorm3d", (3,), {}), ("InstanceNorm1d", (3,), {}),
    ("InstanceNorm2d", (3,), {"affine": True, "track_running_stats": True}), ("GroupNorm", (2, 4), {}),
    ("GroupNorm", (2, 4), {"affine": False}), ("LocalResponseNorm", (3,), {}), ("CrossMapLRN2d", (3,), {}),
    ("LayerNorm", (4,), {"bias": False}), ("Dropout3d", (), {}), ("AlphaDropout", (0.2,), {}),
    ("FeatureAlphaDropout", (), {}), ("Dropout1d", (), {}), ("Bilinear", (2, 3, 4), {}), ("PairwiseDistance", (), {}),
    ("CosineSimilarity", (), {}), ("PoissonNLLLoss", (), {}), ("GaussianNLLLoss", (), {}),
    ("CosineEmbeddingLoss", (), {}), ("HingeEmbeddingLoss", (), {}), ("MarginRankingLoss", (), {}),
    ("MultiLabelMarginLoss", (), {}), ("MultiLabelSoftMarginLoss", (), {}), ("MultiMarginLoss", (), {}),
    ("TripletMarginLoss", (), {}), ("TripletMarginWithDistanceLoss", (), {}), ("HuberLoss", (), {}),
]


@pytest.mark.parametrize("name,args,kwargs", _REPRS, ids=[r[0] for r in _REPRS])
def test_repr_state_dict_and_attributes_match_torch(name, args, kwargs):
    torch_ref = real_torch()
    ours, ref = getattr(nn, name)(*args, **kwargs), getattr(torch_ref.nn, name)(*args, **kwargs)
    assert repr(ours) == repr(ref)
    assert {k: tuple(v.shape) for k, v in ours.state_dict().items()} == \
        {k: tuple(v.shape) for k, v in ref.state_dict().items()}
    public = {k: v for k, v in vars(ref).items() if not k.startswith("_") and k != "training"}
    for k, v in public.items():
        if not isinstance(v, torch_ref.nn.Module):
            assert getattr(ours, k) == v, k


def _oracle_pairs(rng):
    x = rng.standard_normal((4, 5))
    y = rng.standard_normal((4, 5))
    cls = rng.integers(0, 5, 4)
    ml = np.array([[1, 3, -1, 0, 0], [0, -1, 0, 0, 0], [4, 2, 1, 0, -1], [2, 0, 1, 3, 4]])
    pos = rng.uniform(0.5, 2, (4, 5))
    signs = rng.choice([-1.0, 1.0], 4)
    return [
        ("poisson_nll_loss", (x, pos), {"log_input": False, "full": True}),
        ("poisson_nll_loss", (x, pos), {"reduction": "none"}),
        ("gaussian_nll_loss", (x, y, pos), {"full": True}),
        ("cosine_embedding_loss", (x, y, signs), {"margin": 0.1}),
        ("hinge_embedding_loss", (x, np.sign(y)), {"margin": 0.5}),
        ("margin_ranking_loss", (x[:, 0], y[:, 0], signs), {"margin": 0.2}),
        ("multilabel_margin_loss", (x, ml), {}),
        ("multilabel_margin_loss", (x[0], ml[0]), {"reduction": "none"}),
        ("multilabel_soft_margin_loss", (x, (y > 0).astype(float)), {}),
        ("multi_margin_loss", (x, cls), {"p": 2, "margin": 0.5}),
        ("multi_margin_loss", (x[0], cls[:1]), {"reduction": "none"}),
        ("triplet_margin_loss", (x, y, pos), {"swap": True, "p": 3}),
        ("huber_loss", (x, y), {"delta": 0.7}),
        ("nll_loss", (rng.standard_normal((2, 3, 2, 2)), rng.integers(0, 3, (2, 2, 2))), {"ignore_index": 1}),
        ("glu", (x[:, :4],), {"dim": 1}),
        ("selu", (x,), {}), ("celu", (x,), {"alpha": 0.5}), ("softsign", (x,), {}), ("tanhshrink", (x,), {}),
        ("hardswish", (x * 4,), {}), ("mish", (x,), {}),
        ("pairwise_distance", (x, y), {"p": 1.0, "keepdim": True}),
        ("cosine_similarity", (x, y), {"dim": 0}),
        ("bilinear", (x[:, :2], y[:, :3], rng.standard_normal((4, 2, 3)), rng.standard_normal(4)), {}),
        ("group_norm", (rng.standard_normal((2, 4, 3)), 2, pos[0, :4], x[0, :4]), {}),
        ("instance_norm", (rng.standard_normal((2, 3, 4)),), {}),
        ("local_response_norm", (rng.standard_normal((2, 6, 3)), 4), {"alpha": 0.3}),
    ]


def test_functionals_match_torch():
    torch_ref = real_torch()
    for name, args, kwargs in _oracle_pairs(np.random.default_rng(6)):
        ours = getattr(F, name)(*[_t(a) if isinstance(a, np.ndarray) else a for a in args], **kwargs)
        ref = getattr(torch_ref.nn.functional, name)(
            *[torch_ref.from_numpy(np.ascontiguousarray(a)) if isinstance(a, np.ndarray) else a for a in args],
            **kwargs)
        assert tuple(ours.shape) == tuple(ref.shape), name
        np.testing.assert_allclose(ours.detach().numpy(), ref.detach().numpy(), rtol=1e-9, atol=1e-12, err_msg=name)


def test_cross_map_lrn2d_matches_torch():
    # few channels: PyTorch's port wrongly keeps channel 0 in the windows of channels beyond
    # (size - 1) // 2, which 3 channels do not reach (the spec table checks Lua's definition)
    torch_ref = real_torch()
    x = np.random.default_rng(7).standard_normal((2, 3, 3, 2))
    for size in (5, 6):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref = torch_ref.nn.CrossMapLRN2d(size, 0.3, 0.6, 1.5)(torch_ref.from_numpy(x)).numpy()
        np.testing.assert_allclose(nn.CrossMapLRN2d(size, 0.3, 0.6, 1.5)(_t(x)).numpy(), ref, rtol=1e-9)


def test_nn_utils_package_exports_the_helpers():
    lin = nn.Linear(3, 2)
    lin.weight.grad = torch.full((2, 3), 10.0)
    lin.bias.grad = torch.zeros(2)
    total = nn.utils.clip_grad_norm_(lin.parameters(), 1.0)
    assert abs(total.item() - 600 ** 0.5) < 1e-4  # six gradients of 10
    assert abs(lin.weight.grad.norm().item() - 1.0) < 1e-4
    assert sorted(dict(nn.utils.weight_norm(nn.Linear(3, 2)).named_parameters())) == ["bias", "weight_g", "weight_v"]
    vec = nn.utils.parameters_to_vector(lin.parameters())
    assert tuple(vec.shape) == (8,)
