"""nn.Module mechanics, containers, Parameter, init, layer modules and a tiny training loop."""
import copy
import io
import math
import pickle
from collections import OrderedDict

import numpy as np
import pytest

import pytorch_py as torch
import pytorch_py.nn as nn
import pytorch_py.nn.functional as F
from conftest import assert_matches, real_torch


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2))
        self.head = nn.Linear(16, 3)
        self.register_buffer("steps", torch.zeros(1))
        self.register_buffer("cache", torch.zeros(2), persistent=False)
        self.scale = nn.Parameter(torch.ones(1))

    def forward(self, x):
        return self.head(self.features(x).flatten(1)) * self.scale


# ---------------------------------------------------------------- Parameter

def test_parameter_basics():
    data = torch.randn(2, 3)
    p = nn.Parameter(data)
    assert type(p) is nn.Parameter and isinstance(p, torch.Tensor)
    assert p.is_leaf and p.requires_grad and p.grad_fn is None
    p.data.fill_(2.0)
    assert data.tolist() == [[2.0] * 3] * 2  # shares storage
    assert repr(p).startswith("Parameter containing:\ntensor(")
    assert not nn.Parameter(torch.ones(2), requires_grad=False).requires_grad
    assert nn.Parameter().shape == (0,)
    (p * 3).sum().backward()
    assert p.grad.tolist() == [[3.0] * 3] * 2


def test_parameter_copy_pickle_save():
    p = nn.Parameter(torch.randn(3))
    for q in (copy.deepcopy(p), pickle.loads(pickle.dumps(p))):
        assert type(q) is nn.Parameter and q.requires_grad
        assert q.tolist() == p.tolist()
    buf = io.BytesIO()
    torch.save({"p": p}, buf)
    buf.seek(0)
    q = torch.load(buf)["p"]
    assert type(q) is nn.Parameter and q.requires_grad and q.tolist() == p.tolist()


def test_parameter_saved_file_loads_in_real_torch():
    tr = real_torch()
    buf = io.BytesIO()
    torch.save(nn.Linear(2, 3).state_dict(), buf)
    buf.seek(0)
    sd = tr.load(buf)
    assert list(sd.keys()) == ["weight", "bias"] and tuple(sd["weight"].shape) == (3, 2)


# ---------------------------------------------------------------- registration and iteration

def test_attribute_routing():
    m = Net()
    assert list(m._parameters) == ["scale"]
    assert list(m._buffers) == ["steps", "cache"]
    assert list(m._modules) == ["features", "head"]
    assert m.steps.shape == (1,)
    m.steps = torch.ones(1)
    assert m._buffers["steps"].tolist() == [1.0]
    with pytest.raises(TypeError):
        m.scale = torch.ones(1)  # a plain tensor over a parameter name
    m.scale = None
    assert m._parameters["scale"] is None and "scale" not in [n for n, _ in m.named_parameters()]
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        m.nope
    del m.head
    assert "head" not in m._modules
    with pytest.raises(KeyError):
        m.register_buffer("a.b", None)
    with pytest.raises(TypeError):
        m.register_parameter("w", torch.ones(1))
    assert "features" in dir(m) and "steps" in dir(m)


def test_module_needs_init():
    class Bad(nn.Module):
        def __init__(self):
            self.w = nn.Parameter(torch.ones(1))

    with pytest.raises(AttributeError, match="before Module.__init__"):
        Bad()


def test_named_members():
    m = Net()
    names = [n for n, _ in m.named_parameters()]
    assert names == ["scale", "features.0.weight", "features.0.bias", "features.1.weight", "features.1.bias",
                     "head.weight", "head.bias"]
    assert [n for n, _ in m.named_buffers()] == ["steps", "cache", "features.1.running_mean",
                                                 "features.1.running_var", "features.1.num_batches_tracked"]
    assert [n for n, _ in m.named_children()] == ["features", "head"]
    assert [n for n, _ in m.named_modules()] == ["", "features", "features.0", "features.1", "features.2",
                                                 "features.3", "head"]
    assert len(list(m.parameters(recurse=False))) == 1
    assert [n for n, _ in m.named_parameters(prefix="net")][0] == "net.scale"
    # a shared module / parameter is listed once
    lin = nn.Linear(2, 2)
    s = nn.Sequential(lin, lin)
    assert len(list(s.parameters())) == 2 and len(list(s.modules())) == 2
    assert m.get_submodule("features.0") is m.features[0]
    assert m.get_parameter("head.bias") is m.head.bias


def test_train_eval_apply_zero_grad_requires_grad():
    m = Net()
    assert m.training and m.features[1].training
    m.eval()
    assert not m.training and not m.features[1].training
    m.train()
    seen = []
    m.apply(lambda mod: seen.append(type(mod).__name__))
    assert seen[-1] == "Net" and seen[0] == "Conv2d"
    out = m(torch.randn(2, 1, 4, 4)).sum()
    out.backward()
    assert all(p.grad is not None for p in m.parameters())
    m.zero_grad(set_to_none=False)
    assert all((p.grad == 0).all() for p in m.parameters())
    m.zero_grad()
    assert all(p.grad is None for p in m.parameters())
    m.requires_grad_(False)
    assert not any(p.requires_grad for p in m.parameters())


# ---------------------------------------------------------------- state dict

def test_state_dict_keys_and_values():
    m = Net()
    sd = m.state_dict()
    assert isinstance(sd, OrderedDict)
    assert list(sd.keys()) == ["scale", "steps", "features.0.weight", "features.0.bias", "features.1.weight",
                               "features.1.bias", "features.1.running_mean", "features.1.running_var",
                               "features.1.num_batches_tracked", "head.weight", "head.bias"]
    assert not sd["head.weight"].requires_grad
    assert m.state_dict(keep_vars=True)["head.weight"] is m.head.weight
    seq = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    assert list(seq.state_dict()) == ["0.weight", "0.bias", "2.weight", "2.bias"]


def test_state_dict_matches_real_torch_keys():
    tr = real_torch()
    ours = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.Flatten(), nn.Linear(8, 2))
    theirs = tr.nn.Sequential(tr.nn.Conv2d(1, 2, 3), tr.nn.BatchNorm2d(2), tr.nn.Flatten(), tr.nn.Linear(8, 2))
    assert list(ours.state_dict()) == list(theirs.state_dict())
    for k, v in theirs.state_dict().items():
        assert tuple(ours.state_dict()[k].shape) == tuple(v.shape)


def test_load_state_dict():
    a, b = Net(), Net()
    res = b.load_state_dict(a.state_dict())
    assert res.missing_keys == [] and res.unexpected_keys == []
    assert repr(res) == "<All keys matched successfully>"
    assert b.head.weight.tolist() == a.head.weight.tolist()
    assert b.head.weight is not a.head.weight
    sd = a.state_dict()
    del sd["head.bias"]
    sd["extra.weight"] = torch.ones(1)
    with pytest.raises(RuntimeError) as e:
        b.load_state_dict(sd)
    msg = str(e.value)
    assert 'Missing key(s) in state_dict: "head.bias"' in msg
    assert 'Unexpected key(s) in state_dict: "extra.weight"' in msg
    res = b.load_state_dict(sd, strict=False)
    assert res.missing_keys == ["head.bias"] and res.unexpected_keys == ["extra.weight"]
    sd = a.state_dict()
    sd["head.weight"] = torch.ones(2, 2)
    with pytest.raises(RuntimeError, match="size mismatch for head.weight"):
        b.load_state_dict(sd, strict=False)


def test_save_load_model_roundtrip():
    m = nn.Sequential(nn.Linear(3, 2), nn.Tanh())
    buf = io.BytesIO()
    torch.save(m.state_dict(), buf)
    buf.seek(0)
    m2 = nn.Sequential(nn.Linear(3, 2), nn.Tanh())
    m2.load_state_dict(torch.load(buf))
    x = torch.randn(4, 3)
    assert_matches(m2(x), m(x).detach().numpy())


# ---------------------------------------------------------------- dtype conversion

def test_to_double_float():
    m = Net()
    w = m.head.weight
    before = w.tolist()
    m(torch.randn(1, 1, 4, 4)).sum().backward()
    m.double()
    assert m.head.weight is w  # the same Parameter object, converted (optimizers keep working)
    assert m.head.weight.dtype is torch.float64 and isinstance(m.head.weight, nn.Parameter)
    assert m.head.weight.grad.dtype is torch.float64 and m.head.weight.requires_grad
    assert m.features[1].running_mean.dtype is torch.float64
    assert m.features[1].num_batches_tracked.dtype is torch.int64  # integer buffers stay
    assert m.head.weight.tolist() == before
    m.zero_grad()
    m(torch.randn(1, 1, 4, 4, dtype=torch.float64)).sum().backward()
    assert m.head.weight.grad.dtype is torch.float64
    m.to(torch.float32)
    assert m.head.weight.dtype is torch.float32
    assert m(torch.randn(1, 1, 4, 4)).dtype is torch.float32
    with pytest.raises(TypeError):
        m.to(torch.int64)


# ---------------------------------------------------------------- hooks

def test_forward_hooks():
    lin = nn.Linear(2, 2)
    calls = []
    h1 = lin.register_forward_pre_hook(lambda mod, args: (args[0] * 0,))
    h2 = lin.register_forward_hook(lambda mod, args, out: calls.append(out.shape) or out + 1)
    out = lin(torch.ones(3, 2))
    assert calls == [(3, 2)]
    assert_matches(out, (lin.bias.detach() + 1).expand(3, 2).numpy())
    h1.remove()
    h2.remove()
    assert_matches(lin(torch.zeros(1, 2)), lin.bias.detach().reshape(1, 2).numpy())


def test_full_backward_hook():
    lin = nn.Linear(3, 2)
    got = []
    lin.register_full_backward_hook(lambda mod, gin, gout: got.append((gin[0].shape, gout[0].shape)))
    x = torch.randn(4, 3, requires_grad=True)
    lin(x).sum().backward()
    assert got == [((4, 3), (4, 2))]


# ---------------------------------------------------------------- repr

def test_repr_nested():
    m = nn.Sequential(OrderedDict([
        ("features", nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(8),
                                   nn.ReLU(inplace=True), nn.MaxPool2d(2))),
        ("pool", nn.AdaptiveAvgPool2d((1, 1))),
        ("flat", nn.Flatten()),
        ("drop", nn.Dropout(0.2)),
        ("fc", nn.Linear(8, 10)),
        ("act", nn.LogSoftmax(dim=1)),
    ]))
    expected = """Sequential(
  (features): Sequential(
    (0): Conv2d(3, 8, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
    (1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)
    (2): ReLU(inplace=True)
    (3): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
  )
  (pool): AdaptiveAvgPool2d(output_size=(1, 1))
  (flat): Flatten(start_dim=1, end_dim=-1)
  (drop): Dropout(p=0.2, inplace=False)
  (fc): Linear(in_features=8, out_features=10, bias=True)
  (act): LogSoftmax(dim=1)
)"""
    assert repr(m) == expected


def test_repr_matches_real_torch():
    tr = real_torch()

    def build(nn_):
        return nn_.Sequential(
            nn_.Linear(4, 8), nn_.LeakyReLU(0.1), nn_.ELU(), nn_.Sigmoid(), nn_.Tanh(), nn_.Softmax(dim=-1),
            nn_.AvgPool2d(3, stride=1, padding=1), nn_.BatchNorm1d(8, momentum=None), nn_.Identity(),
            nn_.ModuleList([nn_.Linear(2, 2), nn_.Linear(2, 2), nn_.ReLU()]),
            nn_.ModuleDict({"a": nn_.MSELoss(), "b": nn_.CrossEntropyLoss()}),
            nn_.Conv2d(2, 4, (3, 1), groups=2), nn_.NLLLoss(), nn_.L1Loss(), nn_.BCELoss())

    assert repr(build(nn)) == repr(build(tr.nn))


# ---------------------------------------------------------------- containers

def test_sequential():
    a, b, c = nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1)
    s = nn.Sequential(a, b)
    s.append(c)
    assert len(s) == 3 and s[0] is a and s[-1] is c
    sub = s[1:]
    assert isinstance(sub, nn.Sequential) and list(sub) == [b, c]
    assert list(sub._modules) == ["1", "2"]
    x = torch.randn(4, 2)
    assert_matches(s(x), c(b(a(x))).detach().numpy())
    del s[1]
    assert list(s._modules) == ["0", "1"] and s[1] is c
    with pytest.raises(IndexError):
        s[5]


def test_module_list_dict():
    ml = nn.ModuleList([nn.Linear(1, 1) for _ in range(3)])
    ml.append(nn.ReLU())
    assert len(ml) == 4 and len(list(ml.parameters())) == 6
    assert isinstance(ml[1:], nn.ModuleList)
    md = nn.ModuleDict({"x": nn.Linear(1, 2)})
    md["y"] = nn.Tanh()
    assert list(md.keys()) == ["x", "y"] and "x" in md and len(md) == 2
    assert [n for n, _ in md.named_parameters()] == ["x.weight", "x.bias"]


def test_parameter_list_dict():
    pl = nn.ParameterList([nn.Parameter(torch.ones(2)), torch.zeros(3)])
    assert len(pl) == 2 and all(type(p) is nn.Parameter for p in pl)
    assert [n for n, _ in pl.named_parameters()] == ["0", "1"]
    pd = nn.ParameterDict({"a": nn.Parameter(torch.ones(1))})
    pd["b"] = torch.zeros(2)
    assert list(pd.keys()) == ["a", "b"] and type(pd["b"]) is nn.Parameter
    assert [n for n, _ in pd.named_parameters()] == ["a", "b"]


# ---------------------------------------------------------------- init and layers

def test_init_functions():
    torch.manual_seed(0)
    w = torch.empty(300, 200)
    nn.init.kaiming_uniform_(w, a=math.sqrt(5))
    bound = math.sqrt(3.0) * math.sqrt(2.0 / (1 + 5)) / math.sqrt(200)
    assert w.abs().max().item() <= bound and w.abs().max().item() > 0.95 * bound
    nn.init.xavier_uniform_(w)
    assert w.abs().max().item() <= math.sqrt(6 / 500) + 1e-7
    nn.init.kaiming_normal_(w, mode="fan_out", nonlinearity="relu")
    assert abs(w.std().item() - math.sqrt(2 / 300)) < 0.005
    nn.init.xavier_normal_(w, gain=2)
    assert abs(w.std().item() - 2 * math.sqrt(2 / 500)) < 0.01
    nn.init.constant_(w, 0.5)
    assert (w == 0.5).all()
    nn.init.zeros_(w)
    assert (w == 0).all()
    nn.init.ones_(w)
    assert (w == 1).all()
    nn.init.normal_(w, 3, 0.1)
    assert abs(w.mean().item() - 3) < 0.01
    nn.init.uniform_(w, -2, -1)
    assert w.max().item() <= -1 and w.min().item() >= -2
    assert nn.init.calculate_gain("relu") == math.sqrt(2)
    assert nn.init.calculate_gain("leaky_relu", 0.2) == math.sqrt(2 / 1.04)
    assert nn.init.calculate_gain("tanh") == 5 / 3
    with pytest.raises(ValueError):
        nn.init.calculate_gain("nope")
    with pytest.warns(FutureWarning):
        nn.init.uniform(w)
    p = nn.Parameter(torch.empty(3, 3))
    nn.init.eye_(p)
    assert p.requires_grad and p.is_leaf and p.tolist()[0] == [1.0, 0.0, 0.0]


def test_default_init_bounds():
    torch.manual_seed(1)
    lin = nn.Linear(50, 40)
    bound = 1 / math.sqrt(50)
    assert lin.weight.abs().max().item() <= bound and lin.bias.abs().max().item() <= bound
    conv = nn.Conv2d(3, 6, 5)
    bound = 1 / math.sqrt(3 * 25)
    assert conv.weight.abs().max().item() <= bound and conv.bias.abs().max().item() <= bound
    assert nn.Linear(2, 3, bias=False).bias is None
    assert nn.Linear(2, 3, dtype=torch.float64).weight.dtype is torch.float64


def test_layer_modules_match_functional():
    x = torch.randn(4, 3, 6, 6)
    assert_matches(nn.ReLU()(x), F.relu(x).numpy())
    assert_matches(nn.LeakyReLU(0.3)(x), F.leaky_relu(x, 0.3).numpy())
    assert_matches(nn.ELU()(x), F.elu(x).numpy())
    assert_matches(nn.Sigmoid()(x), F.sigmoid(x).numpy())
    assert_matches(nn.Tanh()(x), F.tanh(x).numpy())
    assert_matches(nn.Softmax(1)(x), F.softmax(x, 1).numpy())
    assert_matches(nn.LogSoftmax(1)(x), F.log_softmax(x, 1).numpy())
    assert_matches(nn.MaxPool2d(2)(x), F.max_pool2d(x, 2).numpy())
    assert_matches(nn.AvgPool2d(3, 1, 1)(x), F.avg_pool2d(x, 3, 1, 1).numpy())
    assert_matches(nn.AdaptiveAvgPool2d(2)(x), F.adaptive_avg_pool2d(x, 2).numpy())
    assert nn.Flatten()(x).shape == (4, 108)
    assert nn.Identity(3, k=1)(x) is x
    d = nn.Dropout(0.5)
    d.eval()
    assert d(x) is x
    y, t = torch.randn(5, 4), torch.tensor([0, 1, 2, 3, 0])
    assert_matches(nn.CrossEntropyLoss()(y, t), F.cross_entropy(y, t).numpy())
    assert_matches(nn.NLLLoss(reduction="sum")(y, t), F.nll_loss(y, t, reduction="sum").numpy())
    assert_matches(nn.MSELoss()(y, y * 2), F.mse_loss(y, y * 2).numpy())
    assert_matches(nn.L1Loss()(y, y * 2), F.l1_loss(y, y * 2).numpy())
    p = torch.rand(5, 4) * 0.8 + 0.1
    assert_matches(nn.BCELoss()(p, (p > 0.5).float()), F.binary_cross_entropy(p, (p > 0.5).float()).numpy())
    w = torch.tensor([1.0, 2.0, 3.0, 4.0])
    assert "weight" in dict(nn.CrossEntropyLoss(weight=w).named_buffers())


def test_batchnorm_module_running_stats():
    bn = nn.BatchNorm1d(3)
    x = torch.randn(8, 3, dtype=torch.float32) * 2 + 1
    bn(x)
    assert bn.num_batches_tracked.item() == 1
    assert_matches(bn.running_mean, 0.1 * x.mean(0).numpy(), rtol=1e-5, atol=1e-6)
    assert_matches(bn.running_var, 0.9 + 0.1 * x.var(0).numpy(), rtol=1e-5, atol=1e-6)
    bn.eval()
    out = bn(x)
    ref = (x.numpy() - bn.running_mean.numpy()) / np.sqrt(bn.running_var.numpy() + 1e-5)
    assert_matches(out, ref, rtol=1e-5, atol=1e-5)
    cum = nn.BatchNorm2d(2, momentum=None)
    a, b = torch.randn(4, 2, 3, 3), torch.randn(4, 2, 3, 3)
    cum(a)
    cum(b)
    assert_matches(cum.running_mean, (a.mean((0, 2, 3)) + b.mean((0, 2, 3))).numpy() / 2, rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="4D"):
        nn.BatchNorm2d(2)(torch.randn(3, 2))


def test_modules_vs_real_torch():
    tr = real_torch()
    tr.manual_seed(0)
    theirs = tr.nn.Sequential(tr.nn.Conv2d(2, 4, 3, padding=1), tr.nn.BatchNorm2d(4), tr.nn.ReLU(),
                              tr.nn.MaxPool2d(2), tr.nn.Flatten(), tr.nn.Linear(16, 3))
    ours = nn.Sequential(nn.Conv2d(2, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(16, 3))
    ours.load_state_dict({k: torch.from_numpy(v.detach().numpy().copy()) for k, v in theirs.state_dict().items()})
    x = np.random.default_rng(0).standard_normal((3, 2, 4, 4)).astype(np.float32)
    t = np.array([0, 2, 1])
    lo = F.cross_entropy(ours(torch.from_numpy(x)), torch.from_numpy(t))
    lt = tr.nn.functional.cross_entropy(theirs(tr.from_numpy(x)), tr.from_numpy(t))
    assert_matches(lo, lt.detach().numpy(), rtol=1e-5, atol=1e-5)
    lo.backward()
    lt.backward()
    for (n, p), (n2, q) in zip(ours.named_parameters(), theirs.named_parameters()):
        assert n == n2
        assert_matches(p.grad, q.grad.numpy(), rtol=1e-4, atol=1e-5)
    assert_matches(ours[1].running_var, theirs[1].running_var.numpy(), rtol=1e-5, atol=1e-6)


# ---------------------------------------------------------------- training

def test_linear_regression_training_loop():
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    xs = rng.standard_normal((64, 3))
    ys = xs @ np.array([[1.5], [-2.0], [0.5]]) + 0.3
    x = torch.from_numpy(xs).float()
    y = torch.from_numpy(ys).float()
    model = nn.Linear(3, 1)
    loss_fn = nn.MSELoss()
    losses = []
    for _ in range(100):
        loss = loss_fn(model(x), y)
        model.zero_grad()
        loss.backward()
        with torch.no_grad():
            for p in model.parameters():
                p -= 0.1 * p.grad
        losses.append(loss.item())
    assert losses[-1] < 1e-3 < losses[0]
    assert all(b <= a + 1e-6 for a, b in zip(losses, losses[1:]))
    assert_matches(model.weight.detach(), np.array([[1.5, -2.0, 0.5]], np.float32), rtol=0.05, atol=0.05)
    assert isinstance(model.weight, nn.Parameter) and model.weight.is_leaf


def test_small_cnn_loss_decreases():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(16, 2))
    x = torch.randn(8, 1, 4, 4)
    t = torch.tensor([0, 1] * 4)
    first = None
    for _ in range(30):
        loss = F.cross_entropy(model(x), t)
        first = first if first is not None else loss.item()
        model.zero_grad()
        loss.backward()
        with torch.no_grad():
            for p in model.parameters():
                p.add_(p.grad, alpha=-0.1)
    assert loss.item() < first * 0.5


# ---------------------------------------------------------------- PyTorch 2.x Module API

def test_full_backward_pre_hook():
    lin = nn.Linear(3, 2)
    seen = []
    lin.register_full_backward_pre_hook(lambda mod, gout: seen.append(gout[0].tolist()) or (gout[0] * 2,))
    h = lin.register_full_backward_hook(lambda mod, gin, gout: seen.append(gout[0].tolist()))
    x = torch.randn(1, 3, requires_grad=True)
    lin(x).sum().backward()
    # the pre-hook sees the incoming ones, the full hook (and the input's gradient) the doubled ones
    assert seen == [[[1.0, 1.0]], [[2.0, 2.0]]]
    np.testing.assert_allclose(x.grad.numpy(), 2 * lin.weight.detach().numpy().sum(0, keepdims=True), rtol=1e-6)
    h.remove()
    assert lin._get_backward_pre_hooks() and lin._get_backward_hooks() == ([], [])


def test_state_dict_pre_and_post_hooks():
    net = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
    calls = []
    net[0].register_state_dict_pre_hook(lambda m, prefix, keep_vars: calls.append(("pre", prefix, keep_vars)))

    def post(m, sd, prefix, meta):
        calls.append(("post", prefix, meta["version"]))
        sd[prefix + "note"] = torch.ones(1)

    h = net[1].register_state_dict_post_hook(post)
    sd = net.state_dict(keep_vars=True)
    assert calls == [("pre", "0.", True), ("post", "1.", 1)] and "1.note" in sd
    h.remove()
    net[1].register_state_dict_post_hook(lambda m, sd, prefix, meta: {})
    with pytest.raises(RuntimeError, match="must return None"):
        net.state_dict()
    # the older private form may replace the dict
    lin = nn.Linear(2, 2)
    lin._register_state_dict_hook(lambda m, sd, prefix, meta: OrderedDict(only=torch.zeros(1)))
    assert list(lin.state_dict()) == ["only"]


def test_load_state_dict_pre_and_post_hooks():
    net = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
    sd = net.state_dict()
    renamed = OrderedDict(("1.old_" + k[2:] if k.startswith("1.") else k, v) for k, v in sd.items())

    def rename(module, state_dict, prefix, local_metadata, strict, missing, unexpected, errors):
        assert module is net[1]
        for k in [k for k in state_dict if k.startswith(prefix + "old_")]:
            state_dict[prefix + k[len(prefix) + 4:]] = state_dict.pop(k)

    net[1].register_load_state_dict_pre_hook(rename)
    assert str(net.load_state_dict(renamed)) == "<All keys matched successfully>"
    seen = []
    net[0]._register_load_state_dict_pre_hook(lambda state_dict, prefix, *rest: seen.append(prefix))
    post = net.register_load_state_dict_post_hook(lambda m, keys: keys.missing_keys.clear())
    partial = OrderedDict((k, v) for k, v in sd.items() if k != "0.bias")
    result = net.load_state_dict(partial)  # strict, but the post hook forgave the missing key
    assert seen == ["0."] and result.missing_keys == [] and result.unexpected_keys == []
    post.remove()
    with pytest.raises(RuntimeError, match='Missing key.*"0.bias"'):
        net.load_state_dict(partial)
    net.register_load_state_dict_post_hook(lambda m, keys: keys)
    with pytest.raises(RuntimeError, match="not expected to return new values"):
        net.load_state_dict(sd)


class _Counter(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(2, 2)
        self.count = 0

    def get_extra_state(self):
        return {"count": self.count}

    def set_extra_state(self, state):
        self.count = state["count"]


def test_extra_state():
    a = nn.Sequential(_Counter())
    a[0].count = 7
    sd = a.state_dict()
    assert list(sd) == ["0._extra_state", "0.lin.weight", "0.lin.bias"] and sd["0._extra_state"] == {"count": 7}
    b = nn.Sequential(_Counter())
    b.load_state_dict(sd)
    assert b[0].count == 7
    missing = OrderedDict((k, v) for k, v in sd.items() if k != "0._extra_state")
    assert b.load_state_dict(missing, strict=False).missing_keys == ["0._extra_state"]
    with pytest.raises(RuntimeError, match='Unexpected key.*"_extra_state"'):
        nn.Linear(2, 2).load_state_dict(dict(nn.Linear(2, 2).state_dict(), _extra_state=1))
    with pytest.raises(RuntimeError, match="get_extra_state"):
        nn.Linear(2, 2).get_extra_state()


def test_set_submodule():
    net = nn.Sequential(nn.Linear(2, 2), nn.Sequential(nn.ReLU()))
    net.set_submodule("1.0", nn.Tanh())
    assert isinstance(net[1][0], nn.Tanh)
    net.set_submodule("1.extra", nn.ReLU())
    assert isinstance(net.get_submodule("1.extra"), nn.ReLU)
    with pytest.raises(AttributeError, match="has no attribute `new`"):
        net.set_submodule("1.new", nn.ReLU(), strict=True)
    with pytest.raises(AttributeError, match="is not an nn.Module"):
        net.set_submodule("0.weight", nn.ReLU())
    with pytest.raises(ValueError, match="not an nn.Module"):
        net.set_submodule("0", 3)
    with pytest.raises(ValueError, match="without a target"):
        net.set_submodule("", nn.ReLU())


def test_to_empty_assign_compile_bfloat16():
    lin = nn.Linear(3, 2).double()
    weight = lin.weight
    assert lin.to_empty(device="cpu") is lin
    assert lin.weight is weight and lin.weight.shape == (2, 3) and lin.weight.dtype is torch.float64
    source = nn.Linear(3, 2).double()
    lin.load_state_dict(source.state_dict())
    assert lin.weight.tolist() == source.weight.tolist()
    # assign: the state dict's tensors become the module's (parameters stay Parameters)
    new_w = torch.randn(2, 3, dtype=torch.float64)
    lin.load_state_dict({"weight": new_w, "bias": torch.zeros(2, dtype=torch.float64)}, assign=True)
    assert type(lin.weight) is nn.Parameter and lin.weight.requires_grad and lin.weight.tolist() == new_w.tolist()
    x = torch.randn(4, 3, dtype=torch.float64)
    before = lin(x).tolist()
    assert lin.compile() is None and lin.compile(mode="reduce-overhead", fullgraph=True) is None
    assert lin(x).tolist() == before
    with pytest.raises(TypeError, match="compile"):
        lin.compile(unknown=1)
    with pytest.raises(TypeError, match="no bfloat16 dtype"):
        lin.bfloat16()
    with pytest.raises(RuntimeError, match="xpu"):
        lin.xpu()


def test_forward_hook_always_call():
    class Fails(nn.Module):
        def forward(self, x):
            raise ValueError("boom")

    m, seen = Fails(), []
    m.register_forward_hook(lambda mod, args, out: seen.append(out), always_call=True)
    m.register_forward_hook(lambda mod, args, out: seen.append("not always"))
    with pytest.raises(ValueError, match="boom"):
        m(torch.ones(1))
    assert seen == [None]


def test_parameter_dict_dict_methods():
    d = nn.ParameterDict({"a": nn.Parameter(torch.ones(1)), "b": nn.Parameter(torch.zeros(2))})
    c = d.copy()
    assert list(c.keys()) == ["a", "b"] and c["a"] is d["a"]
    assert d.setdefault("a") is d["a"] and d.setdefault("c", torch.ones(3)).shape == (3,)
    k, v = d.popitem()
    assert k == "c" and v.shape == (3,) and list(d.keys()) == ["a", "b"]
    f = d.fromkeys(["x", "y"], torch.zeros(2))
    assert list(f.keys()) == ["x", "y"] and type(f["x"]) is nn.Parameter


def test_module_api_covers_real_torch():
    tr = real_torch()
    private_ok = {"_maybe_warn_non_full_backward_hook", "_replicate_for_data_parallel"}
    missing = [n for n in dir(tr.nn.Module) if not n.startswith("__") and not hasattr(nn.Module, n)]
    assert sorted(set(missing) - private_ok) == []


def test_sparse_init_and_old_init_names():
    torch.manual_seed(0)
    w = nn.init.sparse_(torch.empty(10, 4), 0.3, std=0.5)
    assert (w == 0).sum(0).tolist() == [3, 3, 3, 3]  # ceil(0.3 * 10) zeros in every column
    assert 0.1 < w[w != 0].std().item() < 1.5
    with pytest.raises(ValueError, match="2 dimensions"):
        nn.init.sparse_(torch.empty(3), 0.5)
    with pytest.warns(FutureWarning, match="nn.init.eye_"):
        e = nn.init.eye(torch.empty(2, 3))
    assert e.tolist() == [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
    with pytest.warns(FutureWarning, match="nn.init.dirac_"):
        nn.init.dirac(torch.empty(2, 2, 3))
