"""Matrix products (mm, mv, bmm, dot, matmul, the add* family, outer, inner, chain_matmul) against
NumPy, over dtypes, memory layouts, batches, broadcasting and empty dims."""
import numpy as np
import pytest

import pytorch_py as torch
from conftest import INT_DTYPES, assert_matches, real_torch
from layouts import LAYOUTS, make

DTYPES = [torch.float32, torch.float64, torch.int64, torch.float16]


def expected(f, *arrays, dtype):
    """f over the arrays as NumPy computes it in a wide type, converted to dtype (integers wrap;
    half rounds once from float32, as our kernels do)."""
    if dtype.is_floating_point:
        wide = np.float32 if dtype is torch.float16 else np.float64
    else:
        wide = np.int64
    return np.asarray(f(*[a.astype(wide) for a in arrays])).astype(dtype._np)


def check(t, e, dtype):
    tol = {torch.float16: (2e-3, 1e-2), torch.float32: (1e-5, 1e-5)}.get(dtype, (1e-12, 1e-12))
    assert_matches(t, e, rtol=tol[0], atol=tol[1], dtype=dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("la", LAYOUTS)
@pytest.mark.parametrize("lb", LAYOUTS)
def test_mm_layouts(dtype, la, lb):
    rng = np.random.default_rng(1)
    a, an = make((5, 7), dtype, la, rng)
    b, bn = make((7, 4), dtype, lb, rng)
    check(a.mm(b), expected(np.matmul, an, bn, dtype=dtype), dtype)
    check(torch.mm(a, b), expected(np.matmul, an, bn, dtype=dtype), dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_mv_dot_layouts(dtype, layout):
    rng = np.random.default_rng(2)
    a, an = make((6, 5), dtype, layout, rng)
    v, vn = make((5,), dtype, layout, rng)
    check(a.mv(v), expected(np.matmul, an, vn, dtype=dtype), dtype)
    check(torch.mv(a.t(), torch.tensor(an[:, 0].copy())), expected(np.matmul, an.T, an[:, 0], dtype=dtype), dtype)
    w, wn = make((5,), dtype, "sliced", rng)
    d = v.dot(w)
    assert d.shape == () and d.dtype is dtype
    check(d, expected(np.dot, vn, wn, dtype=dtype), dtype)
    check(torch.vdot(v, w), expected(np.dot, vn, wn, dtype=dtype), dtype)


@pytest.mark.parametrize("dtype", INT_DTYPES)
def test_integer_products_wrap(dtype):
    rng = np.random.default_rng(3)
    hi = 100 if dtype in (torch.int8, torch.uint8) else 1000
    lo = 0 if dtype is torch.uint8 else -hi
    an = rng.integers(lo, hi, (9, 11)).astype(dtype._np)
    bn = rng.integers(lo, hi, (11, 6)).astype(dtype._np)
    a, b = torch.tensor(an), torch.tensor(bn)
    assert_matches(a @ b, expected(np.matmul, an, bn, dtype=dtype), dtype=dtype)
    assert_matches(a.t().contiguous().t() @ b, expected(np.matmul, an, bn, dtype=dtype), dtype=dtype)
    assert_matches(a.mv(b[:, 0]), expected(np.matmul, an, bn[:, 0], dtype=dtype), dtype=dtype)
    assert_matches(b[:, 1].dot(b[:, 2]), expected(np.dot, bn[:, 1], bn[:, 2], dtype=dtype), dtype=dtype)
    assert_matches(a[:2].t().mv(b[:2, 0]), expected(np.matmul, an[:2].T, bn[:2, 0], dtype=dtype), dtype=dtype)


def test_large_products_use_threads_and_blocks():
    """Sizes past the blocking and OpenMP thresholds of the integer loops, and gemms large enough
    for OpenBLAS's threads, against NumPy."""
    rng = np.random.default_rng(4)
    an = rng.integers(-50, 50, (130, 700))
    bn = rng.integers(-50, 50, (700, 600))
    assert_matches(torch.tensor(an) @ torch.tensor(bn), an @ bn)
    assert_matches(torch.tensor(an.astype(np.int32)).mv(torch.tensor(bn[:, 0].astype(np.int32))),
                   (an @ bn[:, 0]).astype(np.int32))
    fa, fb = an.astype(np.float64), bn.astype(np.float64)
    assert_matches(torch.tensor(fa) @ torch.tensor(fb), fa @ fb)
    assert_matches(torch.tensor(fa).t() @ torch.tensor(fa), fa.T @ fa)


MATMUL_SHAPES = [((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((2, 3), (3, 4)), ((5, 2, 3), (3, 4)),
                 ((5, 2, 3), (3,)), ((3,), (5, 3, 4)), ((2, 3), (5, 3, 4)), ((5, 2, 3), (5, 3, 4)),
                 ((2, 1, 2, 3), (4, 3, 2)), ((5, 2, 3), (1, 3, 4)), ((1, 2, 3), (5, 3, 4)), ((2, 5, 2, 3), (3,)),
                 ((4, 1, 2, 3), (1, 3, 3, 2)), ((0, 2, 3), (3, 4)), ((2, 0), (0, 3)), ((5, 2, 0), (5, 0, 4))]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("sa,sb", MATMUL_SHAPES)
def test_matmul_rules(dtype, sa, sb):
    rng = np.random.default_rng(5)
    a, an = make(sa, dtype, "contiguous", rng)
    b, bn = make(sb, dtype, "contiguous", rng)
    r = a @ b
    e = expected(np.matmul, an, bn, dtype=dtype)
    check(r, e, dtype)
    assert r.shape == e.shape
    check(torch.matmul(a, b), e, dtype)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_matmul_batched_layouts(layout):
    rng = np.random.default_rng(6)
    a, an = make((4, 3, 5), torch.float64, layout, rng)
    b, bn = make((4, 5, 2), torch.float64, "transposed", rng)
    assert_matches(a @ b, an @ bn)
    assert_matches(a.bmm(b), an @ bn)
    assert_matches(a @ b[0], an @ bn[0])
    assert_matches(a.transpose(1, 2) @ a, an.transpose(0, 2, 1) @ an)


def test_bmm_parallel_and_serial_paths():
    """Many small gemms run in parallel over batches; large ones one after another."""
    rng = np.random.default_rng(7)
    for shape in ((64, 16, 24, 8), (3, 300, 300, 300)):
        nb, n, k, m = shape
        an = rng.standard_normal((nb, n, k), dtype=np.float32)
        bn = rng.standard_normal((nb, k, m), dtype=np.float32)
        assert_matches(torch.bmm(torch.tensor(an), torch.tensor(bn)), an @ bn, rtol=1e-4, atol=1e-4)
        # transposed factors and an out= of another layout
        out = torch.empty(nb, m, n).transpose(1, 2)
        r = torch.bmm(torch.tensor(an.transpose(0, 2, 1).copy()).transpose(1, 2), torch.tensor(bn), out=out)
        assert r is out
        assert_matches(out, an @ bn, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("dtype", DTYPES)
def test_addmm_family(dtype):
    rng = np.random.default_rng(8)
    beta, alpha = (2, 3) if not dtype.is_floating_point else (0.5, -1.5)
    m1, m1n = make((3, 4), dtype, "transposed", rng)
    m2, m2n = make((4, 5), dtype, "sliced", rng)
    t, tn = make((3, 5), dtype, "contiguous", rng)
    row, rown = make((5,), dtype, "contiguous", rng)
    ex = expected(lambda t_, a, b: beta * t_ + alpha * (a @ b), tn, m1n, m2n, dtype=dtype)
    check(torch.addmm(t, m1, m2, beta=beta, alpha=alpha), ex, dtype)
    # the input broadcasts
    exr = expected(lambda t_, a, b: beta * t_ + alpha * (a @ b), rown, m1n, m2n, dtype=dtype)
    check(row.addmm(m1, m2, beta=beta, alpha=alpha), exr, dtype)
    t2 = t.clone()
    assert t2.addmm_(m1, m2, beta=beta, alpha=alpha) is t2
    check(t2, ex, dtype)
    tt = t.t().contiguous().t()  # a column-major result, updated in place
    tt.addmm_(m1, m2, beta=beta, alpha=alpha)
    check(tt, ex, dtype)

    v, vn = make((4,), dtype, "sliced", rng)
    tv, tvn = make((3,), dtype, "contiguous", rng)
    exv = expected(lambda t_, a, b: beta * t_ + alpha * (a @ b), tvn, m1n, vn, dtype=dtype)
    check(torch.addmv(tv, m1, v, beta=beta, alpha=alpha), exv, dtype)
    tv2 = tv.clone()
    tv2.addmv_(m1, v, beta=beta, alpha=alpha)
    check(tv2, exv, dtype)

    w, wn = make((5,), dtype, "expanded", rng)
    exo = expected(lambda t_, a, b: beta * t_ + alpha * np.outer(a, b), tn, m1n[:, 0], wn, dtype=dtype)
    check(torch.addr(t, m1[:, 0], w, beta=beta, alpha=alpha), exo, dtype)
    t3 = t.clone()
    t3.addr_(m1[:, 0], w, beta=beta, alpha=alpha)
    check(t3, exo, dtype)

    b1, b1n = make((2, 3, 4), dtype, "transposed", rng)
    b2, b2n = make((2, 4, 5), dtype, "contiguous", rng)
    exa = expected(lambda t_, a, b: beta * t_ + alpha * (a @ b).sum(0), tn, b1n, b2n, dtype=dtype)
    check(torch.addbmm(t, b1, b2, beta=beta, alpha=alpha), exa, dtype)
    t4 = t.clone()
    t4.addbmm_(b1, b2, beta=beta, alpha=alpha)
    check(t4, exa, dtype)
    exb = expected(lambda t_, a, b: beta * t_ + alpha * (a @ b), tn, b1n, b2n, dtype=dtype)
    check(torch.baddbmm(t, b1, b2, beta=beta, alpha=alpha), exb, dtype)  # t broadcasts over batches
    t5 = torch.tensor(np.broadcast_to(tn, (2, 3, 5)).copy())
    t5.baddbmm_(b1, b2, beta=beta, alpha=alpha)
    check(t5, exb, dtype)


def test_beta_zero_ignores_nan_and_empty_inner_dim():
    nan = torch.full((2, 3), float("nan"))
    ones = torch.ones(2, 4), torch.ones(4, 3)
    assert_matches(torch.addmm(nan, *ones, beta=0), np.full((2, 3), 4.0))
    assert_matches(nan.clone().addmm_(*ones, beta=0, alpha=2), np.full((2, 3), 8.0))
    assert_matches(torch.addmv(torch.full((2,), float("nan")), ones[0], torch.ones(4), beta=0), [4.0, 4.0])
    for dtype in (torch.float32, torch.float64, torch.float16):  # past OpenBLAS's small-matrix paths too
        big = torch.full((150, 130), float("nan"), dtype=dtype)
        big.addmm_(torch.ones(150, 40, dtype=dtype), torch.ones(40, 130, dtype=dtype), beta=0)
        assert_matches(big, np.full((150, 130), 40.0))
        big_t = torch.full((130, 150), float("nan"), dtype=dtype).t()
        big_t.addmm_(torch.ones(150, 40, dtype=dtype), torch.ones(40, 130, dtype=dtype), beta=0)
        assert_matches(big_t, np.full((150, 130), 40.0))
        v = torch.full((150,), float("nan"), dtype=dtype)
        v.addmv_(torch.ones(150, 40, dtype=dtype).t().contiguous().t(), torch.ones(40, dtype=dtype), beta=0)
        assert_matches(v, np.full(150, 40.0))
    assert_matches(torch.addr(nan, torch.ones(2), torch.ones(3), beta=0), np.ones((2, 3)))
    assert_matches(torch.baddbmm(nan, torch.ones(2, 2, 4), torch.ones(2, 4, 3), beta=0), np.full((2, 2, 3), 4.0))
    # k == 0: beta * input (0 * NaN is 0 for beta == 0)
    e1, e2 = torch.ones(2, 0), torch.ones(0, 3)
    assert_matches(torch.mm(e1, e2), np.zeros((2, 3)))
    assert_matches(torch.addmm(nan, e1, e2, beta=0), np.zeros((2, 3)))
    assert_matches(torch.addmm(torch.ones(2, 3), e1, e2, beta=2), np.full((2, 3), 2.0))
    assert_matches(torch.addmv(torch.ones(2), e1, torch.ones(0), beta=3), [3.0, 3.0])
    r = torch.addbmm(torch.ones(2, 3), torch.ones(0, 2, 4), torch.ones(0, 4, 3), beta=2)
    assert_matches(r, np.full((2, 3), 2.0))
    assert_matches(torch.bmm(torch.ones(3, 2, 0), torch.ones(3, 0, 4)), np.zeros((3, 2, 4)))
    assert torch.mm(torch.ones(0, 3), torch.ones(3, 4)).shape == (0, 4)
    assert torch.bmm(torch.ones(0, 2, 3), torch.ones(0, 3, 4)).shape == (0, 2, 4)
    assert torch.dot(torch.ones(0), torch.ones(0)).item() == 0


def test_out_and_aliasing():
    rng = np.random.default_rng(9)
    an = rng.standard_normal((3, 3))
    a = torch.tensor(an)
    out = torch.empty(1, dtype=torch.float64)
    assert torch.mm(a, a, out=out) is out
    assert_matches(out, an @ an)
    # the result overwrites a factor: formed aside first
    a2 = a.clone()
    torch.mm(a2, a2, out=a2)
    assert_matches(a2, an @ an)
    a3 = a.clone()
    a3.addmm_(a3, a3, beta=2)
    assert_matches(a3, 2 * an + an @ an)
    v = torch.tensor(an[0].copy())
    torch.mv(a, v, out=v)
    assert_matches(v, an @ an[0])
    with pytest.raises(RuntimeError, match="dtype"):
        torch.mm(a, a, out=torch.empty(3, 3, dtype=torch.float32))
    assert_matches(torch.matmul(a, a, out=torch.empty(0, dtype=torch.float64)), an @ an)


def test_outer_inner_chain():
    rng = np.random.default_rng(10)
    x, y = rng.standard_normal(4), rng.standard_normal(3)
    assert_matches(torch.outer(torch.tensor(x), torch.tensor(y)), np.outer(x, y))
    assert_matches(torch.tensor(x).ger(torch.tensor(y)), np.outer(x, y))
    assert_matches(torch.ger(torch.tensor(x), torch.tensor(y)), np.outer(x, y))
    # outer promotes (a broadcast multiply in PyTorch) and takes bool
    r = torch.outer(torch.tensor([1, 2]), torch.tensor([0.5, 1.0], dtype=torch.float64))
    assert_matches(r, [[0.5, 1.0], [1.0, 2.0]], dtype=torch.float64)
    assert_matches(torch.outer(torch.tensor([True, False]), torch.tensor([True])), [[True], [False]])
    a, b = rng.standard_normal((2, 3, 5)), rng.standard_normal((4, 5))
    assert_matches(torch.inner(torch.tensor(a), torch.tensor(b)), np.inner(a, b))
    assert_matches(torch.tensor(x).inner(torch.tensor(x)), np.inner(x, x))
    assert_matches(torch.inner(torch.tensor(a), torch.tensor(2.0, dtype=torch.float64)), 2 * a)
    ms = [rng.standard_normal(s) for s in ((3, 10), (10, 2), (2, 8), (8, 1))]
    assert_matches(torch.chain_matmul(*[torch.tensor(m) for m in ms]), ms[0] @ ms[1] @ ms[2] @ ms[3])
    assert_matches(torch.chain_matmul(torch.tensor(ms[0])), ms[0])
    with pytest.raises(RuntimeError, match="one or more"):
        torch.chain_matmul()
    with pytest.raises(RuntimeError, match="chain_matmul"):
        torch.chain_matmul(torch.tensor(ms[0]), torch.tensor(ms[0]))
    # addr on bool: or / and
    t = torch.tensor([[True, False], [False, False]])
    assert_matches(torch.addr(t, torch.tensor([False, True]), torch.tensor([True, False])),
                   [[True, False], [True, False]])


def test_errors():
    f, d = torch.ones(2, 3), torch.ones(3, 4, dtype=torch.float64)
    with pytest.raises(RuntimeError, match=r"mm: expected mat1 and mat2 shapes that can be multiplied \(2x3 and 4x5\)"):
        torch.mm(f, torch.ones(4, 5))
    with pytest.raises(RuntimeError, match="expected m1 and m2 to have the same dtype, but got: float != double"):
        torch.mm(f, d)
    with pytest.raises(RuntimeError, match="same dtype"):
        f @ d
    with pytest.raises(RuntimeError, match="same dtype"):
        torch.ones(3) @ torch.ones(3, dtype=torch.float64)
    with pytest.raises(RuntimeError, match="shapes that can be multiplied"):
        torch.zeros(2, 3) @ torch.zeros(4, 2)
    with pytest.raises(RuntimeError, match="shapes that can be multiplied"):
        torch.zeros(5, 2, 3) @ torch.zeros(4, 2)
    with pytest.raises(RuntimeError, match="shapes that can be multiplied"):
        torch.zeros(3) @ torch.zeros(4, 2)
    with pytest.raises(RuntimeError, match="broadcast"):
        torch.zeros(5, 2, 3) @ torch.zeros(6, 3, 2)
    with pytest.raises(RuntimeError, match="at least 1-D"):
        torch.tensor(1.0) @ torch.ones(3)
    with pytest.raises(RuntimeError, match="mv: expected mat and vec shapes"):
        torch.mv(f, torch.ones(4))
    with pytest.raises(RuntimeError, match="mm: expected mat2 to be a 2-D tensor"):
        torch.mm(f, torch.ones(3))
    with pytest.raises(RuntimeError, match="bmm: expected batch1 and batch2 to have the same batch size"):
        torch.bmm(torch.ones(2, 2, 3), torch.ones(3, 3, 4))
    with pytest.raises(RuntimeError, match="bmm: expected batch1 and batch2 shapes that can be multiplied"):
        torch.bmm(torch.ones(2, 2, 3), torch.ones(2, 4, 4))
    with pytest.raises(RuntimeError, match="dot: expected tensors with the same number of elements"):
        torch.dot(torch.ones(3), torch.ones(4))
    with pytest.raises(RuntimeError, match="1-D"):
        torch.dot(torch.ones(3, 1), torch.ones(3, 1))
    with pytest.raises(RuntimeError, match="not implemented for 'Bool'"):
        torch.mm(torch.ones(2, 2, dtype=torch.bool), torch.ones(2, 2, dtype=torch.bool))
    with pytest.raises(RuntimeError, match="addmm: expected input of a shape that broadcasts to"):
        torch.addmm(torch.ones(3), f, torch.ones(3, 4))
    with pytest.raises(RuntimeError, match="in place"):
        torch.ones(4).addmm_(f, torch.ones(3, 4))
    with pytest.raises(RuntimeError, match="addmm: expected mat1 and input to have the same dtype"):
        torch.addmm(torch.ones(2, 4, dtype=torch.float64), f, torch.ones(3, 4))
    with pytest.raises(RuntimeError, match="addbmm"):
        torch.addbmm(torch.ones(2, 4), torch.ones(2, 2, 3), torch.ones(2, 4, 4))
    with pytest.raises(RuntimeError, match="outer: expected 1-D"):
        torch.outer(f, f)
    with pytest.raises(RuntimeError, match="inner"):
        torch.inner(f, torch.ones(4, 5))
    with pytest.raises(TypeError):
        torch.mm(f, np.ones((3, 4)))


def test_against_real_torch():
    T = real_torch()
    rng = np.random.default_rng(11)
    for sa, sb in MATMUL_SHAPES:
        an = rng.standard_normal(sa)
        bn = rng.standard_normal(sb)
        ours = torch.tensor(an) @ torch.tensor(bn)
        ref = T.from_numpy(an) @ T.from_numpy(bn)
        assert tuple(ours.shape) == tuple(ref.shape)
        assert_matches(ours, ref.numpy())
    t, b1, b2 = rng.standard_normal((1, 5)), rng.standard_normal((3, 2, 4)), rng.standard_normal((3, 4, 5))
    assert_matches(torch.baddbmm(torch.tensor(t), torch.tensor(b1), torch.tensor(b2), beta=0.5, alpha=2),
                   T.baddbmm(T.from_numpy(t), T.from_numpy(b1), T.from_numpy(b2), beta=0.5, alpha=2).numpy())
