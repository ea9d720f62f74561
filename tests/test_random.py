"""Random sampling: generators and seeding, reproducibility, the samplers' distributions (scipy.stats
with fixed seeds), dtypes and ranges, layouts, errors, and PyTorch's own streams as an oracle."""
import threading

import numpy as np
import pytest
from scipy import stats

import pytorch_py as torch
from conftest import FLOAT_DTYPES, INT_DTYPES, real_torch

P_MIN = 1e-3  # fixed seeds: a sampler is wrong when its p-value falls below this


def seeded(seed=0):
    return torch.Generator().manual_seed(seed)


# ---- generators, seeding, state ----

def test_generator_basics():
    g = torch.Generator()
    assert g.device == torch.device("cpu") and torch.Generator(device="cpu").initial_seed() == 67280421310721
    assert g.manual_seed(5) is g and g.initial_seed() == 5
    assert g.manual_seed(-1).initial_seed() == 2 ** 64 - 1
    s = g.seed()
    assert isinstance(s, int) and g.initial_seed() == s
    with pytest.raises(RuntimeError, match="manual_seed"):
        g.manual_seed(2 ** 64)
    with pytest.raises(TypeError, match="integer seed"):
        g.manual_seed(1.5)
    with pytest.raises(RuntimeError, match="cpu device"):
        torch.Generator(device="cuda")
    assert isinstance(torch.default_generator, torch.Generator)


def test_same_seed_same_numbers():
    torch.manual_seed(123)
    a = [torch.rand(5), torch.randn(7), torch.randint(10, (6,)), torch.randperm(9)]
    torch.manual_seed(123)
    b = [torch.rand(5), torch.randn(7), torch.randint(10, (6,)), torch.randperm(9)]
    for x, y in zip(a, b):
        assert torch.equal(x, y)
    assert torch.initial_seed() == 123
    assert torch.manual_seed(1) is torch.default_generator
    assert not torch.equal(torch.rand(5, generator=seeded(1)), torch.rand(5, generator=seeded(2)))


def test_generators_are_independent():
    g1, g2 = seeded(7), seeded(7)
    a = torch.rand(10, generator=g1)
    torch.rand(100)  # the default generator does not disturb g2
    torch.rand(100, generator=seeded(99))
    assert torch.equal(a, torch.rand(10, generator=g2))
    assert torch.equal(torch.rand(10, generator=g1), torch.rand(10, generator=g2))


def test_state_roundtrip():
    g = seeded(3)
    torch.randn(5, generator=g)  # a cached normal is part of the state
    st = g.get_state()
    assert st.dtype is torch.uint8 and st.dim() == 1
    a = (torch.randn(3, generator=g), torch.rand(20, generator=g), torch.randint(0, 5, (4,), generator=g))
    assert g.set_state(st) is g
    b = (torch.randn(3, generator=g), torch.rand(20, generator=g), torch.randint(0, 5, (4,), generator=g))
    for x, y in zip(a, b):
        assert torch.equal(x, y)
    h = torch.Generator().set_state(st)  # a state moves between generators
    assert h.initial_seed() == 3 and torch.equal(torch.randn(3, generator=h), a[0])
    c = g.clone_state()
    assert torch.equal(torch.rand(4, generator=c), torch.rand(4, generator=g))
    # the module-level forms use the default generator
    s = torch.get_rng_state()
    x = torch.rand(4)
    torch.set_rng_state(s)
    assert torch.equal(torch.rand(4), x)
    entry = torch.get_rng_state()
    with torch.random.fork_rng():
        torch.manual_seed(0)
        torch.rand(10)
    assert torch.equal(torch.get_rng_state(), entry)  # fork_rng restored the state taken on entry
    torch.set_rng_state(s)
    with torch.random.fork_rng():
        torch.rand(50)
    assert torch.equal(torch.rand(4), x)


def test_state_errors():
    g = torch.Generator()
    with pytest.raises(TypeError, match="ByteTensor"):
        g.set_state(torch.zeros(10))
    with pytest.raises(RuntimeError, match="expected a state of"):
        g.set_state(torch.zeros(10, dtype=torch.uint8))
    with pytest.raises(RuntimeError, match="made by get_state"):
        g.set_state(torch.zeros(g.get_state().numel(), dtype=torch.uint8))
    with pytest.raises(TypeError, match="torch.Generator"):
        torch.rand(3, generator=5)


def test_shared_generator_across_threads():
    """Two threads drawing from one generator (cffi drops the GIL) consume the stream exactly once."""
    g = seeded(11)

    def work():
        for _ in range(50):
            torch.rand(1000, generator=g)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ref = seeded(11)
    for _ in range(100):
        torch.rand(1000, generator=ref)
    assert torch.equal(torch.rand(8, generator=g), torch.rand(8, generator=ref))


# ---- PyTorch's streams (the real torch as oracle) ----

ORACLE_CASES = {
    "rand": lambda m, g: m.rand(2, 5, generator=g),
    "rand64": lambda m, g: m.rand(7, dtype=m.float64, generator=g),
    "rand16": lambda m, g: m.rand(7, dtype=m.float16, generator=g),
    "uniform_": lambda m, g: m.empty(9).uniform_(-2, 3, generator=g),
    "randn_small": lambda m, g: m.randn(5, generator=g),
    "randn_blocks": lambda m, g: m.randn(1000, 3, generator=g),
    "randn_tail": lambda m, g: m.randn(37, dtype=m.float64, generator=g),
    "randint": lambda m, g: m.randint(-5, 17, (30,), generator=g),
    "randint_big": lambda m, g: m.randint(0, 2 ** 40, (10,), generator=g),
    "randint8": lambda m, g: m.randint(-128, 128, (10,), dtype=m.int8, generator=g),
    "random_": lambda m, g: m.empty(6, dtype=m.int32).random_(generator=g),
    "random_float": lambda m, g: m.empty(6).random_(generator=g),
    "random_from": lambda m, g: m.empty(6, dtype=m.int32).random_(3, None, generator=g),
    "randperm": lambda m, g: m.randperm(50, generator=g),
    "cauchy_": lambda m, g: m.empty(8, dtype=m.float64).cauchy_(1, 2, generator=g),
    "log_normal_": lambda m, g: m.empty(8, dtype=m.float64).log_normal_(0.5, 0.25, generator=g),
    "geometric_": lambda m, g: m.empty(20).geometric_(0.3, generator=g),
    "bernoulli_tensor": lambda m, g: m.bernoulli(m.linspace(0, 1, 40), generator=g),
    "multinomial_repl": lambda m, g: m.multinomial(m.tensor([[1., 2, 3, 0], [0, 0, 1, 1]]), 12, True, generator=g),
    "poisson": lambda m, g: m.poisson(m.tensor([0.5, 3, 12, 80, 0]), generator=g),
}


@pytest.mark.parametrize("case", sorted(ORACLE_CASES))
def test_matches_pytorch_stream(case):
    T = real_torch()
    fn = ORACLE_CASES[case]
    ours = fn(torch, seeded(2024)).numpy()
    ref = fn(T, T.Generator().manual_seed(2024)).numpy()
    assert ours.dtype == ref.dtype and ours.shape == ref.shape
    if ours.dtype.kind == "f":
        # randn's float32 transform uses our own vectorised log/sincos: equal to a few ulp
        np.testing.assert_allclose(ours, ref, rtol=2e-6, atol=2e-6 if ours.dtype != np.float16 else 2e-3)
    else:
        np.testing.assert_array_equal(ours, ref)


# ---- distributions (fixed seeds, scipy.stats) ----

N = 100_000


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_uniform_and_normal_ks(dtype):
    g = seeded(1)
    u = torch.rand(N, generator=g, dtype=dtype).numpy()
    assert u.min() >= 0 and u.max() < 1
    assert stats.kstest(u, "uniform").pvalue > P_MIN
    v = torch.empty(N, dtype=dtype).uniform_(-3, 5, generator=g).numpy()
    assert v.min() >= -3 and v.max() < 5
    assert stats.kstest(v, "uniform", args=(-3, 8)).pvalue > P_MIN
    z = torch.randn(N, generator=g, dtype=dtype).numpy()
    assert stats.kstest(z, "norm").pvalue > P_MIN
    w = torch.empty(N, dtype=dtype).normal_(2, 0.5, generator=g).numpy()
    assert stats.kstest(w, "norm", args=(2, 0.5)).pvalue > P_MIN
    small = np.concatenate([torch.randn(7, generator=g, dtype=dtype).numpy() for _ in range(3000)])
    assert stats.kstest(small, "norm").pvalue > P_MIN  # the cached Box-Muller path (< 16 elements)


def test_continuous_samplers_ks():
    g = seeded(2)
    e = torch.empty(N, dtype=torch.float64).exponential_(2.5, generator=g).numpy()
    assert stats.kstest(e, "expon", args=(0, 1 / 2.5)).pvalue > P_MIN
    c = torch.empty(N, dtype=torch.float64).cauchy_(1, 3, generator=g).numpy()
    assert stats.kstest(c, "cauchy", args=(1, 3)).pvalue > P_MIN
    ln = torch.empty(N, dtype=torch.float64).log_normal_(0.5, 0.75, generator=g).numpy()
    assert stats.kstest(ln, "lognorm", args=(0.75, 0, np.exp(0.5))).pvalue > P_MIN
    ln32 = torch.empty(N).log_normal_(generator=g).numpy()  # defaults mean=1, std=2
    assert stats.kstest(ln32, "lognorm", args=(2, 0, np.exp(1))).pvalue > P_MIN


def chi2_counts(values, probs):
    """p-value of a chi-square test of the integer samples `values` against category probabilities."""
    counts = np.bincount(values, minlength=len(probs))[:len(probs)]
    assert counts.sum() == len(values), "values outside the categories"
    exp = np.asarray(probs) * len(values)
    return stats.chisquare(counts, exp).pvalue


def test_discrete_samplers_chi2():
    g = seeded(3)
    r = torch.randint(3, 10, (N,), generator=g).numpy()
    assert chi2_counts(r - 3, [1 / 7] * 7) > P_MIN
    b = torch.empty(N, dtype=torch.uint8).bernoulli_(0.3, generator=g).numpy()
    assert chi2_counts(b, [0.7, 0.3]) > P_MIN
    p = torch.tensor([0.1, 0.9]).repeat(N // 2)
    bt = torch.bernoulli(p, generator=g).numpy()
    assert chi2_counts(bt[0::2].astype(int), [0.9, 0.1]) > P_MIN
    assert chi2_counts(bt[1::2].astype(int), [0.1, 0.9]) > P_MIN
    geo = torch.empty(N, dtype=torch.int64).geometric_(0.4, generator=g).numpy()
    assert geo.min() >= 1
    k = np.arange(1, 12)
    probs = list(stats.geom.pmf(k, 0.4))
    capped = np.minimum(geo, 12) - 1  # 12 collects the tail
    assert chi2_counts(capped, probs + [1 - sum(probs)]) > P_MIN
    for lam in (3.5, 40.0):  # the multiplication method and PTRS
        po = torch.poisson(torch.full((N,), lam, dtype=torch.float64), generator=g).numpy().astype(int)
        lo, hi = int(stats.poisson.ppf(0.001, lam)), int(stats.poisson.ppf(0.999, lam))
        cats = np.clip(po, lo, hi) - lo
        pm = stats.poisson.pmf(np.arange(lo, hi + 1), lam)
        pm[0] = stats.poisson.cdf(lo, lam)
        pm[-1] = stats.poisson.sf(hi - 1, lam)
        assert chi2_counts(cats, pm / pm.sum()) > P_MIN


def test_multinomial_distribution():
    g = seeded(4)
    w = torch.tensor([1.0, 2.0, 3.0, 0.0, 4.0])
    s = torch.multinomial(w, N, replacement=True, generator=g)
    assert s.dtype is torch.int64 and s.shape == (N,)
    counts = np.bincount(s.numpy(), minlength=5)
    assert counts[3] == 0
    assert stats.chisquare(counts[[0, 1, 2, 4]], np.array([0.1, 0.2, 0.3, 0.4]) * N).pvalue > P_MIN
    # without replacement: first draws follow p; all draws distinct
    rows = w.double().expand(20000, 5)
    first = torch.multinomial(rows, 1, generator=g).reshape(-1).numpy()
    c1 = np.bincount(first, minlength=5)
    assert c1[3] == 0 and stats.chisquare(c1[[0, 1, 2, 4]], np.array([0.1, 0.2, 0.3, 0.4]) * 20000).pvalue > P_MIN
    four = torch.multinomial(rows[:500], 4, generator=g).numpy()
    assert all(len(set(r)) == 4 and 3 not in r for r in four)
    allfive = torch.multinomial(rows[:10], 5, generator=g).numpy()
    assert (allfive[:, -1] == 3).all()  # the zero-probability category comes last


def test_randperm_uniform():
    g = seeded(5)
    n, trials = 6, 30000
    pos = np.zeros((n, n), dtype=np.int64)  # pos[value, position]
    for _ in range(trials // 1000):
        perms = np.stack([torch.randperm(n, generator=g).numpy() for _ in range(1000)])
        for v in range(n):
            pos[v] += np.bincount(np.argmax(perms == v, axis=1), minlength=n)
    assert stats.chisquare(pos.ravel(), np.full(n * n, trials / n)).pvalue > P_MIN
    p = torch.randperm(10000, generator=g)
    assert p.dtype is torch.int64 and sorted(p.tolist()) == list(range(10000))
    pf = torch.randperm(100, dtype=torch.float32, generator=g)
    assert pf.dtype is torch.float32 and sorted(pf.tolist()) == list(range(100))
    assert torch.randperm(0).shape == (0,) and torch.randperm(1).tolist() == [0]


# ---- dtypes, ranges, layouts ----

@pytest.mark.parametrize("dtype", INT_DTYPES + FLOAT_DTYPES + [torch.bool])
def test_random_default_ranges(dtype):
    t = torch.empty(20000, dtype=dtype).random_(generator=seeded(6))
    v = t.numpy().astype(np.float64)
    hi = {torch.float32: 2 ** 24, torch.float64: 2 ** 53, torch.float16: 2 ** 11, torch.bool: 1}.get(dtype)
    if hi is None:
        hi = np.iinfo(dtype._np).max
    assert v.min() >= 0 and v.max() <= hi
    assert v.max() > hi / 2  # covers the range
    if dtype is torch.bool:
        assert 0.4 < v.mean() < 0.6


@pytest.mark.parametrize("dtype", INT_DTYPES + FLOAT_DTYPES)
def test_random_from_to(dtype):
    g = seeded(7)
    lo = -5 if dtype.is_signed else 2
    t = torch.empty(5000, dtype=dtype).random_(lo, 9, generator=g)
    v = t.numpy().astype(np.int64)
    assert set(v.tolist()) == set(range(lo, 9))
    u = torch.empty(5000, dtype=dtype).random_(4, generator=g).numpy().astype(np.int64)
    assert set(u.tolist()) == {0, 1, 2, 3}
    r = torch.randint(lo, 9, (3, 4), dtype=dtype, generator=g)
    assert r.dtype is dtype and r.shape == (3, 4)
    if not dtype.is_floating_point:
        info = np.iinfo(dtype._np)
        w = torch.empty(4000, dtype=dtype).random_(info.max - 3, None, generator=g).numpy()
        assert set(w.tolist()) == set(range(info.max - 3, info.max + 1))


def test_random_int64_extremes():
    g = seeded(8)
    t = torch.empty(1000, dtype=torch.int64).random_(-2 ** 63, 2 ** 63 - 1, generator=g).numpy()
    assert (t < 0).any() and (t > 0).any()
    full = torch.empty(1000, dtype=torch.int64).random_(-2 ** 63, None, generator=g).numpy()
    assert (full < -2 ** 62).any() and (full > 2 ** 62).any()


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_float_samplers_dtypes(dtype):
    g = seeded(9)
    for t in (torch.rand(100, dtype=dtype, generator=g), torch.randn(100, dtype=dtype, generator=g),
              torch.empty(100, dtype=dtype).exponential_(generator=g),
              torch.empty(100, dtype=dtype).cauchy_(generator=g),
              torch.empty(100, dtype=dtype).log_normal_(generator=g),
              torch.normal(0.0, 1.0, (100,), dtype=dtype, generator=g),
              torch.poisson(torch.full((100,), 2.0, dtype=dtype), generator=g)):
        assert t.dtype is dtype and t.shape == (100,) and np.isfinite(t.numpy()).all()


@pytest.mark.parametrize("dtype", [torch.int64, torch.int8, torch.uint8, torch.float32, torch.bool])
def test_bernoulli_any_dtype(dtype):
    t = torch.empty(1000, dtype=dtype).bernoulli_(0.5, generator=seeded(10))
    assert set(t.numpy().astype(int).tolist()) == {0, 1}
    assert torch.empty(5, dtype=dtype).bernoulli_(0.0).sum().item() == 0
    assert torch.empty(5, dtype=dtype).bernoulli_(1).numpy().astype(int).tolist() == [1] * 5


def test_layouts_fill_in_logical_order():
    g = seeded(12)
    ref = torch.rand(4, 3, generator=g)
    g.manual_seed(12)
    base = torch.empty(3, 4)
    view = base.t()
    assert view.uniform_(generator=g) is view
    assert torch.equal(view, ref)
    g.manual_seed(12)
    big = torch.zeros(6, 8)
    sl = big[::2, 1:4]
    sl.normal_(generator=g)
    g.manual_seed(12)
    assert torch.equal(sl, torch.randn(3, 3, generator=g))
    assert big[1::2].abs().sum().item() == 0 and big[:, 0].abs().sum().item() == 0
    e = torch.empty(0, 3)
    assert e.uniform_().shape == (0, 3) and torch.randn(0).shape == (0,) and torch.randint(5, (0, 2)).shape == (0, 2)
    assert torch.rand(()).shape == () and torch.randn([]).dim() == 0
    assert torch.rand(size=(2, 3)).shape == (2, 3) and torch.randn(size=[4]).shape == (4,)


def test_bernoulli_tensor_p_broadcast():
    g = seeded(13)
    p = torch.tensor([[0.0], [1.0]])
    t = torch.empty(2, 5).bernoulli_(p, generator=g)
    assert t.tolist() == [[0.0] * 5, [1.0] * 5]
    q = torch.tensor([0.0, 1.0, 0.0], dtype=torch.float64)
    assert torch.bernoulli(q, generator=g).tolist() == [0.0, 1.0, 0.0]
    assert q.bernoulli(generator=g).dtype is torch.float64
    assert torch.ones(3, dtype=torch.int32).bernoulli(0.0).tolist() == [0, 0, 0]
    with pytest.raises(RuntimeError, match="probabilities in \\[0, 1\\]"):
        torch.bernoulli(torch.tensor([0.5, 1.5]))
    with pytest.raises(RuntimeError, match="broadcastable"):
        torch.empty(3).bernoulli_(torch.rand(2))
    with pytest.raises(TypeError, match="floating point"):
        torch.empty(3).bernoulli_(torch.ones(3, dtype=torch.int64))


def test_normal_overloads():
    g = seeded(14)
    mean = torch.arange(6, dtype=torch.float64).reshape(2, 3) * 100
    std = torch.tensor([0.0, 1.0, 2.0], dtype=torch.float64)
    r = torch.normal(mean, std, generator=g)
    assert r.shape == (2, 3) and r.dtype is torch.float64
    assert r[:, 0].tolist() == [0.0, 300.0]  # std 0: exactly the mean
    assert np.allclose(r.numpy(), mean.numpy(), atol=15)
    r2 = torch.normal(mean, 0.0, generator=g)
    assert torch.equal(r2, mean)
    r3 = torch.normal(7.0, std, generator=g)
    assert r3.shape == (3,) and r3[0].item() == 7.0
    r4 = torch.normal(1.0, 2.0, (2, 4), generator=g)
    assert r4.shape == (2, 4) and r4.dtype is torch.float32
    r5 = torch.normal(0.0, 1.0, size=(3,), dtype=torch.float64)
    assert r5.dtype is torch.float64
    out = torch.empty(0)
    assert torch.normal(2.0, 1.0, (4,), out=out) is out and out.shape == (4,)
    big = torch.normal(torch.zeros(N), torch.full((N,), 3.0), generator=g).numpy()
    assert stats.kstest(big, "norm", args=(0, 3)).pvalue > P_MIN
    # same seed -> same numbers for the tensor forms too
    a = torch.normal(mean, std, generator=seeded(1))
    b = torch.normal(mean, std, generator=seeded(1))
    assert torch.equal(a, b)
    with pytest.raises(RuntimeError, match="std >= 0.0"):
        torch.normal(torch.zeros(2), -torch.ones(2))
    with pytest.raises(RuntimeError, match="std >= 0.0"):
        torch.normal(torch.zeros(2), -1.0)
    with pytest.raises(TypeError, match="size"):
        torch.normal(0.0, 1.0)
    with pytest.raises(TypeError, match="floating point"):
        torch.normal(torch.zeros(2, dtype=torch.int64), 1.0)


def test_like_functions():
    x = torch.zeros(2, 3, dtype=torch.float64)
    for t in (torch.rand_like(x), torch.randn_like(x)):
        assert t.shape == (2, 3) and t.dtype is torch.float64
    assert torch.rand_like(x, dtype=torch.float32).dtype is torch.float32
    ri = torch.randint_like(x, 5)
    assert ri.dtype is torch.float64 and set(ri.numpy().ravel().tolist()) <= {0, 1, 2, 3, 4}
    ri2 = torch.randint_like(torch.zeros(100, dtype=torch.int32), 3, 6)
    assert ri2.dtype is torch.int32 and set(ri2.tolist()) <= {3, 4, 5}


def test_randint_signatures():
    g = seeded(15)
    assert torch.randint(5, (3,)).dtype is torch.int64
    assert torch.randint(2, 5, [2, 2]).shape == (2, 2)
    assert torch.randint(low=2, high=5, size=(4,)).min().item() >= 2
    assert torch.randint(5, size=(4,), generator=g).shape == (4,)
    assert torch.randint(3, 4, (5,), dtype=torch.float32).tolist() == [3.0] * 5
    with pytest.raises(RuntimeError, match="randint: expected low < high, but got low=5, high=5"):
        torch.randint(5, 5, (2,))
    with pytest.raises(TypeError, match="tuple"):
        torch.randint(3, 10)
    with pytest.raises(RuntimeError, match="range of the tensor's dtype"):
        torch.randint(0, 300, (2,), dtype=torch.uint8)


def test_errors():
    with pytest.raises(TypeError, match="rand: expected a floating point dtype, but got torch.int64"):
        torch.rand(3, dtype=torch.int64)
    with pytest.raises(TypeError, match="randn: expected a floating point dtype"):
        torch.randn(3, dtype=torch.int32)
    t = torch.empty(4)
    ti = torch.empty(4, dtype=torch.int64)
    for fn, msg in [(lambda: ti.uniform_(), "uniform_: expected a floating point tensor"),
                    (lambda: ti.normal_(), "normal_: expected a floating point tensor"),
                    (lambda: ti.exponential_(), "floating point"),
                    (lambda: torch.empty(2, dtype=torch.bool).geometric_(0.5), "numeric tensor"),
                    (lambda: torch.randperm(3, dtype=torch.bool), "numeric dtype"),
                    (lambda: torch.multinomial(torch.tensor([1, 2]), 1), "floating point"),
                    (lambda: torch.poisson(torch.tensor([1, 2])), "floating point")]:
        with pytest.raises(TypeError, match=msg):
            fn()
    for fn, msg in [(lambda: t.uniform_(2, 1), "uniform_: expected from <= to"),
                    (lambda: t.normal_(0, -1), "normal: expected std >= 0.0"),
                    (lambda: t.exponential_(0), "lambda > 0.0"),
                    (lambda: t.exponential_(-1), "lambda > 0.0"),
                    (lambda: t.geometric_(1), "p in \\(0, 1\\)"),
                    (lambda: t.geometric_(0), "p in \\(0, 1\\)"),
                    (lambda: t.cauchy_(0, 0), "sigma > 0.0"),
                    (lambda: t.log_normal_(0, 0), "std > 0.0"),
                    (lambda: t.bernoulli_(1.5), "p in \\[0, 1\\]"),
                    (lambda: t.random_(5, 5), "'from' to be less than 'to'"),
                    (lambda: t.random_(0, -3), "'from' to be less than 'to'"),
                    (lambda: torch.empty(2, dtype=torch.int8).random_(-200, 0), "range of the tensor's dtype"),
                    (lambda: torch.randperm(-1), "n >= 0"),
                    (lambda: torch.randperm(300, dtype=torch.int8), "n <= 128"),
                    (lambda: torch.poisson(torch.tensor([1.0, -1.0])), "non-negative rates"),
                    (lambda: torch.poisson(torch.tensor([float("inf")])), "non-negative rates"),
                    (lambda: torch.multinomial(torch.tensor([1.0, 2]), 3), "without replacement"),
                    (lambda: torch.multinomial(torch.tensor([1.0, -2]), 1), "element < 0"),
                    (lambda: torch.multinomial(torch.tensor([1.0, float("inf")]), 2, True), "inf"),
                    (lambda: torch.multinomial(torch.tensor([1.0, float("nan")]), 1), "nan"),
                    (lambda: torch.multinomial(torch.tensor([[1.0, 1], [0, 0]]), 1), "sum of probabilities <= 0"),
                    (lambda: torch.multinomial(torch.tensor([1.0, 2]), 0), "n_sample > 0"),
                    (lambda: torch.multinomial(torch.ones(2, 2, 2), 1), "1 or 2 dim"),
                    (lambda: torch.rand(-1), "non-negative sizes")]:
        with pytest.raises(RuntimeError, match=msg):
            fn()
    with pytest.raises(TypeError, match="integer"):
        t.random_(0.5, 3)


def test_method_and_function_forms():
    g1, g2 = seeded(16), seeded(16)
    p = torch.tensor([[0.2, 0.8], [0.5, 0.5]])
    assert torch.equal(torch.multinomial(p, 3, True, generator=g1), p.multinomial(3, True, generator=g2))
    assert torch.equal(torch.bernoulli(p, generator=g1), p.bernoulli(generator=g2))
    t = torch.empty(3)
    for m in ("uniform_", "normal_", "random_", "bernoulli_", "exponential_", "cauchy_", "log_normal_"):
        assert getattr(t, m)() is t
    assert t.geometric_(0.5) is t
    assert t.random_(to=3) is t and set(t.tolist()) <= {0.0, 1.0, 2.0}
    assert t.random_(**{"from": 1, "to": 2}).tolist() == [1.0] * 3
    assert t.uniform_(**{"from": 2, "to": 2}).tolist() == [2.0] * 3
