"""torch.optim update rules, each checked step by step against an independent NumPy implementation of
its published formula (with the options), plus the Optimizer base contract and state dicts."""
import io
import math

import numpy as np
import pytest

import pytorch_py as torch
from conftest import real_torch

RNG = np.random.default_rng(0)
P0 = [RNG.standard_normal((3, 4)), RNG.standard_normal(5)]
C = [RNG.uniform(0.5, 2.0, (3, 4)), RNG.uniform(0.5, 2.0, 5)]
B = [RNG.standard_normal((3, 4)), RNG.standard_normal(5)]
STEPS = 6


def grad_np(i, p):
    """Gradient of the test loss sum(c p^2 / 2 + b p) for parameter i."""
    return C[i] * p + B[i]


def loss_of(params, lib=torch):
    total = 0
    for i, p in enumerate(params):
        c, b = lib.from_numpy(C[i]), lib.from_numpy(B[i])
        total = total + (0.5 * c * p * p + b * p).sum()
    return total


# ---- NumPy references: (p, g, state, **options) -> new p; state is a dict kept between steps ----

def ref_sgd(p, g, st, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, maximize=False):
    g = -g if maximize else g
    g = g + weight_decay * p
    if momentum:
        st["b"] = g.copy() if "b" not in st else momentum * st["b"] + (1 - dampening) * g
        g = g + momentum * st["b"] if nesterov else st["b"]
    return p - lr * g


def ref_adam(p, g, st, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False, maximize=False,
             decoupled=False):
    b1, b2 = betas
    g = -g if maximize else g
    t = st["t"] = st.get("t", 0) + 1
    if decoupled:
        p = p * (1 - lr * weight_decay)
    else:
        g = g + weight_decay * p
    m = st["m"] = b1 * st.get("m", 0) + (1 - b1) * g
    v = st["v"] = b2 * st.get("v", 0) + (1 - b2) * g * g
    if amsgrad:
        v = st["vmax"] = np.maximum(st.get("vmax", 0), v)
    m_hat, v_hat = m / (1 - b1 ** t), v / (1 - b2 ** t)
    return p - lr * m_hat / (np.sqrt(v_hat) + eps)


def ref_adamw(p, g, st, weight_decay=1e-2, decoupled_weight_decay=True, **kw):
    return ref_adam(p, g, st, weight_decay=weight_decay, decoupled=decoupled_weight_decay, **kw)


def ref_adamax(p, g, st, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, maximize=False):
    b1, b2 = betas
    g = -g if maximize else g
    g = g + weight_decay * p
    t = st["t"] = st.get("t", 0) + 1
    m = st["m"] = b1 * st.get("m", 0) + (1 - b1) * g
    u = st["u"] = np.maximum(b2 * st.get("u", 0), np.abs(g) + eps)
    return p - lr / (1 - b1 ** t) * m / u


def ref_adadelta(p, g, st, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0, maximize=False):
    g = -g if maximize else g
    g = g + weight_decay * p
    v = st["v"] = rho * st.get("v", 0) + (1 - rho) * g * g
    delta = np.sqrt(st.get("u", 0) + eps) / np.sqrt(v + eps) * g
    st["u"] = rho * st.get("u", 0) + (1 - rho) * delta * delta
    return p - lr * delta


def ref_adagrad(p, g, st, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10,
                maximize=False):
    g = -g if maximize else g
    g = g + weight_decay * p
    t = st["t"] = st.get("t", 0) + 1
    s = st["s"] = st.get("s", initial_accumulator_value) + g * g
    return p - lr / (1 + (t - 1) * lr_decay) * g / (np.sqrt(s) + eps)


def ref_rmsprop(p, g, st, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False,
                maximize=False):
    g = -g if maximize else g
    g = g + weight_decay * p
    v = st["v"] = alpha * st.get("v", 0) + (1 - alpha) * g * g
    if centered:
        a = st["a"] = alpha * st.get("a", 0) + (1 - alpha) * g
        denom = np.sqrt(v - a * a) + eps
    else:
        denom = np.sqrt(v) + eps
    if momentum > 0:
        st["b"] = momentum * st.get("b", 0) + g / denom
        return p - lr * st["b"]
    return p - lr * g / denom


def ref_rprop(p, g, st, lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50), maximize=False):
    g = -g if maximize else g
    prev = st.get("prev", np.zeros_like(p))
    size = st.get("size", np.full_like(p, lr))
    s = g * prev
    size = np.clip(size * np.where(s > 0, etas[1], np.where(s < 0, etas[0], 1.0)), *step_sizes)
    g = np.where(s < 0, 0.0, g)
    st["prev"], st["size"] = g, size
    return p - np.sign(g) * size


def ref_asgd(p, g, st, lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0, maximize=False):
    g = -g if maximize else g
    g = g + weight_decay * p
    t = st["t"] = st.get("t", 0) + 1
    eta, mu = st.get("eta", lr), st.get("mu", 1.0)
    p = p * (1 - lambd * eta) - eta * g
    st["ax"] = p.copy() if mu == 1 else st["ax"] + mu * (p - st["ax"])
    st["eta"] = lr / (1 + lambd * lr * t) ** alpha
    st["mu"] = 1 / max(1, t - t0)
    return p


def ref_sparse_adam(p, g, st, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, maximize=False):
    # lazy Adam: only the present (here: nonzero) gradient entries are touched
    b1, b2 = betas
    g = -g if maximize else g
    t = st["t"] = st.get("t", 0) + 1
    on = g != 0
    m = st["m"] = np.where(on, b1 * st.get("m", 0) + (1 - b1) * g, st.get("m", 0))
    v = st["v"] = np.where(on, b2 * st.get("v", 0) + (1 - b2) * g * g, st.get("v", 0))
    step = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
    return np.where(on, p - step * m / (np.sqrt(v) + eps), p)


CASES = [
    ("SGD", ref_sgd, dict(lr=0.1)),
    ("SGD", ref_sgd, dict(lr=0.1, momentum=0.9)),
    ("SGD", ref_sgd, dict(lr=0.05, momentum=0.8, dampening=0.3, weight_decay=0.1)),
    ("SGD", ref_sgd, dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01)),
    ("SGD", ref_sgd, dict(lr=0.05, momentum=0.5, maximize=True)),
    ("Adam", ref_adam, dict()),
    ("Adam", ref_adam, dict(lr=0.1, betas=(0.8, 0.9), eps=1e-3, weight_decay=0.1)),
    ("Adam", ref_adam, dict(lr=0.1, amsgrad=True)),
    ("Adam", ref_adam, dict(lr=0.1, maximize=True, amsgrad=True, weight_decay=0.05)),
    ("AdamW", ref_adamw, dict(lr=0.1)),
    ("AdamW", ref_adamw, dict(lr=0.1, weight_decay=0.3, amsgrad=True)),
    ("Adam", ref_adamw, dict(lr=0.1, weight_decay=0.3, decoupled_weight_decay=True)),
    ("Adamax", ref_adamax, dict()),
    ("Adamax", ref_adamax, dict(lr=0.1, betas=(0.5, 0.7), weight_decay=0.1, maximize=True)),
    ("Adadelta", ref_adadelta, dict()),
    ("Adadelta", ref_adadelta, dict(lr=0.5, rho=0.5, eps=1e-3, weight_decay=0.2)),
    ("Adagrad", ref_adagrad, dict()),
    ("Adagrad", ref_adagrad, dict(lr=0.1, lr_decay=0.5, weight_decay=0.1, initial_accumulator_value=0.3)),
    ("RMSprop", ref_rmsprop, dict()),
    ("RMSprop", ref_rmsprop, dict(lr=0.01, alpha=0.9, centered=True)),
    ("RMSprop", ref_rmsprop, dict(lr=0.01, momentum=0.9, centered=True, weight_decay=0.1)),
    ("RMSprop", ref_rmsprop, dict(lr=0.01, momentum=0.5, maximize=True)),
    ("Rprop", ref_rprop, dict()),
    ("Rprop", ref_rprop, dict(lr=0.5, etas=(0.3, 1.5), step_sizes=(0.01, 0.6))),
    ("ASGD", ref_asgd, dict()),
    ("ASGD", ref_asgd, dict(lr=0.1, lambd=0.1, alpha=0.5, t0=2, weight_decay=0.1)),
    ("SparseAdam", ref_sparse_adam, dict(lr=0.1)),
]


def _case_id(case):
    return case[0] + "-" + "-".join("%s=%s" % kv for kv in sorted(case[2].items()))


def _make_params(lib=torch):
    return [lib.tensor(p.copy(), requires_grad=True) for p in P0]


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_update_rule_matches_numpy(case):
    name, ref, kw = case
    params = _make_params()
    opt = getattr(torch.optim, name)(params, **kw)
    ref_p = [p.copy() for p in P0]
    states = [{}, {}]
    for step in range(STEPS):
        opt.zero_grad()
        loss_of(params).backward()
        if name == "SparseAdam":
            with torch.no_grad():  # make the gradient "sparse": some entries absent (zero)
                for i, p in enumerate(params):
                    p.grad.mul_(torch.from_numpy((np.arange(p.numel()).reshape(p.shape) % 3 != step % 3) * 1.0))
        grads = [p.grad.numpy().copy() for p in params]
        opt.step()
        for i in range(2):
            mask = (grads[i] != 0) if name == "SparseAdam" else 1
            np.testing.assert_allclose(grads[i], grad_np(i, ref_p[i]) * mask, rtol=1e-10, atol=1e-12)
            ref_p[i] = ref(ref_p[i], grads[i], states[i], **kw)
            np.testing.assert_allclose(params[i].detach().numpy(), ref_p[i], rtol=1e-9, atol=1e-12,
                                       err_msg="%s step %d param %d" % (name, step, i))
    if name == "ASGD":
        np.testing.assert_allclose(opt.state[params[0]]["ax"].numpy(), states[0]["ax"], rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_update_rule_matches_real_torch(case):
    ref_torch = real_torch()
    name, _, kw = case
    if name == "SparseAdam":
        pytest.skip("the real SparseAdam needs sparse gradients")
    ours, theirs = _make_params(), _make_params(ref_torch)
    opt_a = getattr(torch.optim, name)(ours, **kw)
    opt_b = getattr(ref_torch.optim, name)(theirs, **kw)
    for _ in range(STEPS):
        for opt, ps, lib in ((opt_a, ours, torch), (opt_b, theirs, ref_torch)):
            opt.zero_grad()
            loss_of(ps, lib).backward()
            opt.step()
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), rtol=1e-6, atol=1e-9)


def test_float32_parameters_and_skipped_grads():
    p = torch.tensor([1.0, -2.0], dtype=torch.float32, requires_grad=True)
    q = torch.tensor([5.0], requires_grad=True)  # never gets a gradient: untouched, no state
    opt = torch.optim.Adam([p, q], lr=0.1)
    (p * p).sum().backward()
    opt.step()
    assert p.dtype is torch.float32
    np.testing.assert_allclose(p.detach().numpy(), [0.9, -1.9], rtol=1e-6)
    assert q.item() == 5.0 and q not in opt.state and p in opt.state


def test_quadratic_snippet_converges():
    x = torch.tensor([0.0, -5.0, 10.0], requires_grad=True)
    opt = torch.optim.SGD([x], lr=0.01)
    for _ in range(500):
        opt.zero_grad()
        loss = ((x - 3) ** 2).sum()
        loss.backward()
        opt.step()
    np.testing.assert_allclose(x.detach().numpy(), [3, 3, 3], atol=1e-3)
    # closed form: each step multiplies the distance to 3 by (1 - 2 lr)
    np.testing.assert_allclose(x.detach().numpy() - 3, np.array([-3.0, -8.0, 7.0]) * 0.98 ** 500, atol=2e-6)  # float32


def test_step_closure_returns_loss():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    opt = torch.optim.SGD([x], lr=0.1)

    def closure():
        opt.zero_grad()
        loss = (x * x).sum()
        loss.backward()
        return loss

    loss = opt.step(closure)
    assert loss.item() == pytest.approx(5.0)
    np.testing.assert_allclose(x.detach().numpy(), [0.8, 1.6])


def rosenbrock(x):
    return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2


@pytest.mark.parametrize("line_search_fn", [None, "strong_wolfe"])
def test_lbfgs_minimises_rosenbrock(line_search_fn):
    x = torch.tensor([-1.5, 2.0], dtype=torch.float64, requires_grad=True)
    kw = dict(lr=1, max_iter=50, line_search_fn=line_search_fn, history_size=10)
    if line_search_fn is None:
        kw["lr"] = 0.1
    opt = torch.optim.LBFGS([x], **kw)

    def closure():
        opt.zero_grad()
        loss = rosenbrock(x)
        loss.backward()
        return loss

    first = None
    for _ in range(30 if line_search_fn else 100):
        loss = opt.step(closure)
        first = loss.item() if first is None else first
    assert first == pytest.approx(rosenbrock(np.array([-1.5, 2.0])))
    np.testing.assert_allclose(x.detach().numpy(), [1.0, 1.0], atol=1e-4)
    state = opt.state[x]
    assert state["n_iter"] > 0 and state["func_evals"] >= state["n_iter"]
    assert len(state["old_dirs"]) <= 10


def test_lbfgs_matches_real_torch():
    ref_torch = real_torch()
    results = []
    for lib in (torch, ref_torch):
        x = lib.tensor([-1.2, 1.0], dtype=lib.float64, requires_grad=True)
        opt = lib.optim.LBFGS([x], lr=1, max_iter=7, history_size=4, line_search_fn="strong_wolfe")

        def closure():
            opt.zero_grad()
            loss = rosenbrock(x)
            loss.backward()
            return loss

        for _ in range(3):
            opt.step(closure)
        results.append((x.detach().numpy().copy(), opt.state[x]["func_evals"], opt.state[x]["n_iter"]))
    np.testing.assert_allclose(results[0][0], results[1][0], rtol=1e-8)
    assert results[0][1:] == results[1][1:]


def test_lbfgs_errors():
    x = torch.tensor([1.0], requires_grad=True)
    with pytest.raises(ValueError, match="line_search_fn"):
        torch.optim.LBFGS([x], line_search_fn="armijo")
    with pytest.raises(RuntimeError, match="closure"):
        torch.optim.LBFGS([x]).step()
    y = torch.tensor([1.0], requires_grad=True)
    with pytest.raises(ValueError, match="param"):
        torch.optim.LBFGS([{"params": [x]}, {"params": [y], "lr": 0.1}])


# ---- the Optimizer base ----

def test_param_groups_defaults_and_per_group_options():
    a, b, c = (torch.zeros(2, requires_grad=True) for _ in range(3))
    opt = torch.optim.SGD([{"params": [a, b]}, {"params": c, "lr": 0.5, "momentum": 0.9}], lr=0.1)
    assert [g["lr"] for g in opt.param_groups] == [0.1, 0.5]
    assert [g["momentum"] for g in opt.param_groups] == [0, 0.9]
    assert opt.param_groups[1]["params"] == [c]
    for p in (a, b, c):
        p.grad = torch.ones(2)
    opt.step()
    np.testing.assert_allclose(a.detach().numpy(), [-0.1, -0.1])
    np.testing.assert_allclose(c.detach().numpy(), [-0.5, -0.5])
    d = torch.zeros(1, requires_grad=True)
    opt.add_param_group({"params": [d], "nesterov": False})
    assert opt.param_groups[2]["lr"] == 0.1
    with pytest.raises(ValueError, match="more than one parameter group"):
        opt.add_param_group({"params": [a]})


def test_optimizer_errors():
    x = torch.zeros(2, requires_grad=True)
    with pytest.raises(ValueError, match="empty parameter list"):
        torch.optim.SGD([], lr=0.1)
    with pytest.raises(TypeError, match="iterable"):
        torch.optim.SGD(x, lr=0.1)
    with pytest.raises(ValueError, match="non-leaf"):
        torch.optim.SGD([x * 2], lr=0.1)
    with pytest.raises(TypeError, match="Tensors"):
        torch.optim.SGD([1.0], lr=0.1)
    with pytest.raises(TypeError, match="ordered"):
        torch.optim.SGD([x], lr=0.1).add_param_group({"params": {torch.zeros(1, requires_grad=True)}})
    with pytest.raises(ValueError, match="learning rate"):
        torch.optim.Adam([x], lr=-1)
    with pytest.raises(ValueError, match="beta"):
        torch.optim.Adam([x], betas=(1.0, 0.9))
    with pytest.raises(ValueError, match="Nesterov"):
        torch.optim.SGD([x], lr=0.1, nesterov=True)
    with pytest.warns(UserWarning, match="duplicate"):
        torch.optim.SGD([x, x], lr=0.1)


def test_zero_grad():
    x = torch.zeros(2, requires_grad=True)
    opt = torch.optim.SGD([x], lr=0.1)
    x.grad = torch.ones(2)
    opt.zero_grad(set_to_none=False)
    np.testing.assert_array_equal(x.grad.numpy(), [0, 0])
    opt.zero_grad()
    assert x.grad is None


def test_repr_like_pytorch():
    x = torch.zeros(2, requires_grad=True)
    text = repr(torch.optim.SGD([x], lr=0.1, momentum=0.9))
    assert text.startswith("SGD (\nParameter Group 0\n    dampening: 0\n")
    assert "    lr: 0.1\n" in text and "    momentum: 0.9\n" in text and text.endswith("\n)")
    try:
        ref_torch = real_torch()
    except pytest.skip.Exception:
        return
    y = ref_torch.zeros(2, requires_grad=True)
    assert text == repr(ref_torch.optim.SGD([y], lr=0.1, momentum=0.9))


def _train(opt, params, steps):
    for _ in range(steps):
        opt.zero_grad()
        loss_of(params).backward()
        opt.step()


@pytest.mark.parametrize("name,kw", [("Adam", dict(lr=0.1, amsgrad=True)), ("SGD", dict(lr=0.1, momentum=0.9)),
                                     ("RMSprop", dict(centered=True, momentum=0.5)), ("Rprop", {}),
                                     ("ASGD", dict(t0=1)), ("Adagrad", dict(lr_decay=0.1))])
@pytest.mark.parametrize("through_save", [False, True])
def test_state_dict_round_trip(name, kw, through_save):
    params = _make_params()
    opt = getattr(torch.optim, name)(params, **kw)
    _train(opt, params, 3)
    sd = opt.state_dict()
    assert sorted(sd["state"]) == [0, 1]
    assert sd["param_groups"][0]["params"] == [0, 1]
    if through_save:
        buf = io.BytesIO()
        torch.save(sd, buf)
        buf.seek(0)
        sd = torch.load(buf)
    clones = [p.detach().clone().requires_grad_(True) for p in params]
    opt2 = getattr(torch.optim, name)(clones, lr=123.0)
    opt2.load_state_dict(sd)
    assert opt2.param_groups[0]["lr"] == opt.param_groups[0]["lr"]
    assert opt2.param_groups[0]["params"][0] is clones[0]
    _train(opt, params, 2)
    _train(opt2, clones, 2)
    for a, b in zip(params, clones):
        np.testing.assert_array_equal(a.detach().numpy(), b.detach().numpy())
    # loading copies the buffers: the first optimizer's state is not shared
    first = next(iter(opt.state[params[0]].values()))
    assert first is not next(iter(opt2.state[clones[0]].values()))


def test_state_dict_two_groups_and_mismatch():
    a, b, c = (torch.zeros(2, requires_grad=True) for _ in range(3))
    opt = torch.optim.SGD([{"params": [a, b]}, {"params": [c], "lr": 0.5}], lr=0.1, momentum=0.9)
    for p in (a, b, c):
        p.grad = torch.ones(2)
    opt.step()
    sd = opt.state_dict()
    assert [g["params"] for g in sd["param_groups"]] == [[0, 1], [2]]
    np.testing.assert_array_equal(sd["state"][2]["momentum_buffer"].numpy(), [1, 1])
    with pytest.raises(ValueError, match="number of parameter groups"):
        torch.optim.SGD([a], lr=0.1).load_state_dict(sd)
    with pytest.raises(ValueError, match="size"):
        torch.optim.SGD([{"params": [a]}, {"params": [b, c]}], lr=0.1).load_state_dict(sd)


def test_state_dict_format_matches_real_torch():
    ref_torch = real_torch()
    dicts = []
    for lib in (torch, ref_torch):
        ps = _make_params(lib)
        opt = lib.optim.Adam(ps, lr=0.1, amsgrad=True)
        _train(opt, ps, 2) if lib is torch else None
        if lib is not torch:
            for _ in range(2):
                opt.zero_grad()
                loss_of(ps, lib).backward()
                opt.step()
        dicts.append(opt.state_dict())
    ours, theirs = dicts
    assert ours["param_groups"][0].keys() == theirs["param_groups"][0].keys()
    assert ours["state"].keys() == theirs["state"].keys()
    assert ours["state"][0].keys() == theirs["state"][0].keys()
    assert float(ours["state"][0]["step"]) == float(theirs["state"][0]["step"]) == 2.0
