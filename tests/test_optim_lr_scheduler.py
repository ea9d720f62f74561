"""torch.optim.lr_scheduler: lr sequences against hand-computed values, state dicts, errors."""
import io
import math

import pytest

import pytorch_py as torch
from conftest import real_torch
from pytorch_py.optim import lr_scheduler


def _opt(lr=1.0, groups=1):
    ps = [torch.zeros(1, requires_grad=True) for _ in range(groups)]
    return torch.optim.SGD([{"params": [p], "lr": lr * (i + 1)} for i, p in enumerate(ps)], lr=lr)


def _sequence(sched, n):
    """lrs of group 0 at epochs 0..n-1 (one optimizer.step() and scheduler.step() per epoch)."""
    out = []
    for _ in range(n):
        out.append(sched.get_last_lr()[0])
        sched.optimizer.step()
        sched.step()
    return out


def test_step_lr():
    s = lr_scheduler.StepLR(_opt(), step_size=2, gamma=0.1)
    assert _sequence(s, 7) == pytest.approx([1, 1, 0.1, 0.1, 0.01, 0.01, 0.001])


def test_multistep_lr_repeated_milestone():
    s = lr_scheduler.MultiStepLR(_opt(), milestones=[2, 4, 4], gamma=0.5)
    assert _sequence(s, 6) == pytest.approx([1, 1, 0.5, 0.5, 0.125, 0.125])


def test_exponential_lr_two_groups():
    s = lr_scheduler.ExponentialLR(_opt(groups=2), gamma=0.5)
    _sequence(s, 3)
    assert s.get_last_lr() == pytest.approx([0.125, 0.25])
    assert [g["lr"] for g in s.optimizer.param_groups] == pytest.approx([0.125, 0.25])
    assert [g["initial_lr"] for g in s.optimizer.param_groups] == [1.0, 2.0]


def test_cosine_annealing_lr():
    s = lr_scheduler.CosineAnnealingLR(_opt(), T_max=4, eta_min=0.1)
    want = [0.1 + 0.9 * (1 + math.cos(math.pi * e / 4)) / 2 for e in range(9)]
    # hand values: 1, 0.868198, 0.55, 0.231802, 0.1, then back up (period 2 T_max)
    assert want[:5] == pytest.approx([1, 0.8681981, 0.55, 0.2318019, 0.1], rel=1e-6)
    assert _sequence(s, 9) == pytest.approx(want, rel=1e-9, abs=1e-12)


def test_lambda_lr_per_group():
    s = lr_scheduler.LambdaLR(_opt(groups=2), [lambda e: 0.9 ** e, lambda e: 1 / (e + 1)])
    for e in range(4):
        assert s.get_last_lr() == pytest.approx([0.9 ** e, 2 / (e + 1)])
        s.optimizer.step()
        s.step()
    with pytest.raises(ValueError, match="lr_lambdas"):
        lr_scheduler.LambdaLR(_opt(groups=2), [lambda e: 1.0])


def test_step_with_epoch_uses_closed_form():
    s = lr_scheduler.StepLR(_opt(), step_size=3, gamma=0.5)
    with pytest.warns(UserWarning):
        s.step(7)
    assert s.get_last_lr() == pytest.approx([0.25])


def test_reduce_lr_on_plateau_min_with_cooldown():
    opt = _opt()
    s = lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=1, cooldown=1)
    lrs = []
    for metric in [1, 1, 1, 1, 1, 1, 0.5, 0.5, 0.5]:
        s.step(metric)
        lrs.append(s.get_last_lr()[0])
    # bad epochs: 0,1,2 (> patience: halve, cooldown 1), 0 (cooldown), 1, 2 (halve, cooldown 1),
    # better (cooldown ends), 1, 2 (halve)
    assert lrs == [1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125]
    assert s.best == 0.5


def test_reduce_lr_on_plateau_max_abs_threshold_min_lr():
    opt = _opt(groups=2)
    s = lr_scheduler.ReduceLROnPlateau(opt, mode="max", factor=0.1, patience=0, threshold=0.5,
                                       threshold_mode="abs", min_lr=[0.05, 0.0])
    s.step(1.0)   # better than -inf
    s.step(1.4)   # not better by 0.5: reduce
    assert s.get_last_lr() == pytest.approx([0.1, 0.2])
    s.step(2.0)   # better than 1.0 + 0.5
    assert s.get_last_lr() == pytest.approx([0.1, 0.2])
    s.step(2.0)
    assert s.get_last_lr() == pytest.approx([0.05, 0.02])
    s.step(2.0)   # group 0 is at min_lr: no change below it
    assert s.get_last_lr() == pytest.approx([0.05, 0.002])


def test_reduce_lr_on_plateau_rel_threshold_and_errors():
    s = lr_scheduler.ReduceLROnPlateau(_opt(), threshold=0.1, patience=0)
    s.step(1.0)
    s.step(0.95)  # needs < 0.9 to count as better
    assert s.get_last_lr() == pytest.approx([0.1])
    with pytest.raises(ValueError, match="Factor"):
        lr_scheduler.ReduceLROnPlateau(_opt(), factor=1.0)
    with pytest.raises(ValueError, match="mode"):
        lr_scheduler.ReduceLROnPlateau(_opt(), mode="up")
    with pytest.raises(TypeError, match="Optimizer"):
        lr_scheduler.StepLR(object(), 1)


@pytest.mark.parametrize("through_save", [False, True])
def test_scheduler_state_dict_round_trip(through_save):
    s = lr_scheduler.StepLR(_opt(), step_size=2, gamma=0.5)
    _sequence(s, 3)
    sd = s.state_dict()
    assert "optimizer" not in sd and sd["last_epoch"] == 3
    if through_save:
        buf = io.BytesIO()
        torch.save(sd, buf)
        buf.seek(0)
        sd = torch.load(buf)
    opt2 = _opt()
    opt2.param_groups[0]["lr"] = s.get_last_lr()[0]
    s2 = lr_scheduler.StepLR(opt2, step_size=7)
    s2.load_state_dict(sd)
    assert s2.step_size == 2 and s2.last_epoch == 3
    assert _sequence(s2, 3) == _sequence(s, 3)

    p = lr_scheduler.ReduceLROnPlateau(_opt(), patience=3)
    p.step(1.0)
    p2 = lr_scheduler.ReduceLROnPlateau(_opt())
    p2.load_state_dict(p.state_dict())
    assert p2.patience == 3 and p2.best == 1.0


def test_lambda_lr_state_dict_skips_functions():
    class Warmup:
        def __init__(self):
            self.scale = 2.0

        def __call__(self, e):
            return self.scale * e

    s = lr_scheduler.LambdaLR(_opt(groups=2), [lambda e: 1.0, Warmup()])
    sd = s.state_dict()
    assert sd["lr_lambdas"] == [None, {"scale": 2.0}]
    s.lr_lambdas[1].scale = 5.0
    s.load_state_dict(sd)
    assert s.lr_lambdas[1].scale == 2.0


def test_resume_needs_initial_lr():
    with pytest.raises(KeyError, match="initial_lr"):
        lr_scheduler.StepLR(_opt(), step_size=1, last_epoch=3)


@pytest.mark.parametrize("make", [
    lambda m, o: m.StepLR(o, step_size=3, gamma=0.3),
    lambda m, o: m.MultiStepLR(o, milestones=[1, 4], gamma=0.2),
    lambda m, o: m.ExponentialLR(o, gamma=0.8),
    lambda m, o: m.CosineAnnealingLR(o, T_max=5, eta_min=0.01),
])
def test_schedulers_match_real_torch(make):
    ref_torch = real_torch()
    seqs = []
    for lib in (torch, ref_torch):
        p = lib.zeros(1, requires_grad=True)
        opt = lib.optim.SGD([p], lr=0.7)
        s = make(lib.optim.lr_scheduler, opt)
        seqs.append(_sequence(s, 12))
    assert seqs[0] == pytest.approx(seqs[1], rel=1e-12)


def test_reduce_lr_on_plateau_matches_real_torch():
    ref_torch = real_torch()
    metrics = [5, 4, 4.5, 4.2, 4.1, 4.0, 4.0, 3.0, 3.1, 3.2, 3.3, 3.0, 2.99, 3.5, 3.6, 3.7, 3.8]
    seqs = []
    for lib in (torch, ref_torch):
        opt = lib.optim.SGD([lib.zeros(1, requires_grad=True)], lr=1.0)
        s = lib.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=0.3, patience=2, cooldown=1, threshold=0.01,
                                                     min_lr=0.05)
        out = []
        for m in metrics:
            s.step(m)
            out.append(s.get_last_lr()[0])
        seqs.append(out)
    assert seqs[0] == pytest.approx(seqs[1], rel=1e-12)
