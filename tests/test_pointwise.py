"""Elementwise ops against NumPy over dtypes and layouts (contiguous, transposed, sliced,
expanded, empty), with PyTorch's result dtypes."""
import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import pytorch_py as torch
from conftest import ALL_DTYPES, FLOAT_DTYPES, INT_DTYPES, assert_matches
from layouts import LAYOUTS, make

NUMERIC = [d for d in ALL_DTYPES if d is not torch.bool]
SHAPES = [(3, 4), (2, 3, 2), (5,), (0, 3)]


def _ref(fn, *arrays, out_dtype):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return np.asarray(fn(*arrays)).astype(out_dtype._np)


def _compute_dtype(a, b):
    return torch.promote_types(a, b)


BINARY = [
    # name, method call, numpy reference on arrays in the compute dtype, allowed dtypes, divisor-like
    ("add", lambda x, y: x + y, np.add, NUMERIC, False),
    ("add alpha", lambda x, y: x.add(y, alpha=2), lambda a, b: a + 2 * b, NUMERIC, False),
    ("sub", lambda x, y: x - y, np.subtract, NUMERIC, False),
    ("mul", lambda x, y: x * y, np.multiply, ALL_DTYPES, False),
    ("floor_divide", lambda x, y: x // y, np.floor_divide, NUMERIC, True),
    ("remainder", lambda x, y: x % y, np.remainder, NUMERIC, True),
    ("fmod", lambda x, y: x.fmod(y), np.fmod, NUMERIC, True),
    ("maximum", lambda x, y: x.maximum(y), np.maximum, NUMERIC, False),
    ("minimum", lambda x, y: x.minimum(y), np.minimum, NUMERIC, False),
]


@pytest.mark.parametrize("name,op,ref,dtypes,divisor", BINARY, ids=[b[0] for b in BINARY])
@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_binary_same_dtype(name, op, ref, dtypes, divisor, dtype, layout):
    if dtype not in dtypes:
        pytest.skip("not defined for %s" % dtype)
    rng = np.random.default_rng(1)
    for shape in SHAPES:
        x, a = make(shape, dtype, layout, rng)
        y, b = make(shape, dtype, "contiguous", rng, nonzero=divisor)
        assert_matches(op(x, y), _ref(ref, a, b, out_dtype=dtype), dtype=dtype)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES + INT_DTYPES)
def test_true_division_is_floating(dtype):
    rng = np.random.default_rng(2)
    x, a = make((4, 3), dtype, "transposed", rng)
    y, b = make((4, 3), dtype, "contiguous", rng, nonzero=True)
    out = dtype if dtype.is_floating_point else torch.float32
    assert_matches(x / y, _ref(np.divide, a.astype(out._np), b.astype(out._np), out_dtype=out), dtype=out)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES + [torch.int64, torch.int32])
def test_pow(dtype):
    rng = np.random.default_rng(3)
    a = np.abs(make((3, 4), dtype, "contiguous", rng)[1]) + (1 if not dtype.is_floating_point else 0.5)
    b = rng.integers(0, 4, (3, 4)).astype(dtype._np)
    x, y = torch.tensor(a), torch.tensor(b)
    assert_matches(x ** y, _ref(np.power, a, b, out_dtype=dtype), dtype=dtype, rtol=2e-3 if dtype is torch.float16
                   else None)
    assert_matches(x ** 2, _ref(np.power, a, 2, out_dtype=dtype), dtype=dtype)
    assert_matches(2 ** y, _ref(np.power, np.asarray(2, dtype._np), b, out_dtype=dtype), dtype=dtype)


COMPARISONS = [("eq", np.equal), ("ne", np.not_equal), ("lt", np.less), ("le", np.less_equal),
               ("gt", np.greater), ("ge", np.greater_equal)]


@pytest.mark.parametrize("name,ref", COMPARISONS)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_comparisons(name, ref, dtype):
    rng = np.random.default_rng(4)
    x, a = make((4, 5), dtype, "sliced", rng)
    y, b = make((4, 5), dtype, "transposed", rng)
    assert_matches(getattr(x, name)(y), ref(a, b), dtype=torch.bool)
    assert_matches(getattr(x, name)(1), ref(a, np.asarray(1).astype(dtype._np)), dtype=torch.bool)


@pytest.mark.parametrize("dtype", INT_DTYPES + [torch.bool])
def test_bitwise_and_logical(dtype):
    rng = np.random.default_rng(5)
    x, a = make((3, 4), dtype, "contiguous", rng)
    y, b = make((3, 4), dtype, "transposed", rng)
    assert_matches(x & y, a & b, dtype=dtype)
    assert_matches(x | y, a | b, dtype=dtype)
    assert_matches(x ^ y, a ^ b, dtype=dtype)
    assert_matches(~x, ~a, dtype=dtype)
    assert_matches(x.logical_and(y), np.logical_and(a, b), dtype=torch.bool)
    assert_matches(x.logical_or(y), np.logical_or(a, b), dtype=torch.bool)
    assert_matches(x.logical_xor(y), np.logical_xor(a, b), dtype=torch.bool)
    assert_matches(x.logical_not(), np.logical_not(a), dtype=torch.bool)


def test_shifts():
    a = np.array([1, 2, 3, 64], np.int32)
    x = torch.tensor(a)
    assert_matches(x << 2, a << 2, dtype=torch.int32)
    assert_matches(x >> 1, a >> 1, dtype=torch.int32)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_broadcasting_and_mixed_promotion(layout):
    rng = np.random.default_rng(6)
    x, a = make((4, 3), torch.int32, layout, rng)
    y, b = make((3,), torch.float64, "contiguous", rng)
    assert_matches(x + y, a.astype(np.float64) + b, dtype=torch.float64)
    z, c = make((4, 1), torch.uint8, "contiguous", rng)
    w, d = make((1, 3), torch.int8, "contiguous", rng)
    assert_matches(z * w, c.astype(np.int16) * d.astype(np.int16), dtype=torch.int16)
    assert_matches(2.5 - x, 2.5 - a.astype(np.float32), dtype=torch.float32)
    assert_matches(x * True, a, dtype=torch.int32)


UNARY_FLOAT = [
    ("exp", np.exp, (-5, 5)), ("expm1", np.expm1, (-3, 3)), ("log", np.log, (0.1, 10)),
    ("log2", np.log2, (0.1, 10)), ("log10", np.log10, (0.1, 10)), ("log1p", np.log1p, (-0.5, 5)),
    ("sqrt", np.sqrt, (0, 9)), ("rsqrt", lambda a: 1 / np.sqrt(a), (0.1, 9)), ("sin", np.sin, (-4, 4)),
    ("cos", np.cos, (-4, 4)), ("tan", np.tan, (-1.2, 1.2)), ("asin", np.arcsin, (-1, 1)),
    ("acos", np.arccos, (-1, 1)), ("atan", np.arctan, (-5, 5)), ("sinh", np.sinh, (-3, 3)),
    ("cosh", np.cosh, (-3, 3)), ("tanh", np.tanh, (-5, 5)), ("sigmoid", lambda a: 1 / (1 + np.exp(-a)), (-9, 9)),
    ("reciprocal", np.reciprocal, (0.5, 4)), ("ceil", np.ceil, (-4, 4)), ("floor", np.floor, (-4, 4)),
    ("round", np.round, (-4, 4)), ("trunc", np.trunc, (-4, 4)), ("frac", lambda a: a - np.trunc(a), (-4, 4)),
    ("neg", np.negative, (-4, 4)), ("abs", np.abs, (-4, 4)), ("sign", np.sign, (-4, 4)),
]


@pytest.mark.parametrize("name,ref,bounds", UNARY_FLOAT, ids=[u[0] for u in UNARY_FLOAT])
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_unary_float(name, ref, bounds, dtype, layout):
    rng = np.random.default_rng(7)
    x, a = make((5, 6), dtype, layout, rng, low=bounds[0], high=bounds[1])
    expected = _ref(ref, a.astype(np.float64), out_dtype=dtype)
    rtol = {torch.float16: 2e-3, torch.float32: 2e-6, torch.float64: 1e-12}[dtype]
    assert_matches(getattr(x, name)(), expected, dtype=dtype, rtol=rtol, atol=rtol)
    y = x.clone()
    getattr(y, name + "_")()
    assert_matches(y, expected, dtype=dtype, rtol=rtol, atol=rtol)


@pytest.mark.parametrize("dtype", INT_DTYPES)
def test_float_math_on_integers_promotes(dtype):
    a = np.array([1, 2, 3], dtype._np)
    assert_matches(torch.tensor(a).exp(), np.exp(a.astype(np.float32)), dtype=torch.float32)
    assert_matches(torch.tensor(a).sqrt(), np.sqrt(a.astype(np.float32)), dtype=torch.float32)
    assert_matches(torch.tensor(a).abs(), np.abs(a), dtype=dtype)
    assert_matches(torch.tensor(a).floor(), a, dtype=dtype)


def test_special_values():
    x = torch.tensor([float("nan"), float("inf"), -float("inf"), 0.0, -0.0, 1e30])
    assert x.isnan().tolist() == [True, False, False, False, False, False]
    assert x.isinf().tolist() == [False, True, True, False, False, False]
    assert x.isfinite().tolist() == [False, False, False, True, True, True]
    e = x.exp().tolist()
    assert np.isnan(e[0]) and e[1] == float("inf") and e[2] == 0.0 and e[5] == float("inf")
    s = x.sigmoid().tolist()
    assert np.isnan(s[0]) and s[1] == 1.0 and s[2] == 0.0 and s[3] == 0.5
    t = x.tanh().tolist()
    assert t[1] == 1.0 and t[2] == -1.0
    assert torch.tensor([1.0, float("nan")]).maximum(torch.tensor([2.0, 0.0])).isnan().tolist() == [False, True]


def test_clamp_lerp_addcmul_addcdiv():
    rng = np.random.default_rng(8)
    x, a = make((4, 4), torch.float32, "transposed", rng)
    assert_matches(x.clamp(-1, 2), np.clip(a, -1, 2))
    assert_matches(x.clamp(min=0), np.maximum(a, 0))
    assert_matches(x.clamp(max=0), np.minimum(a, 0))
    i = torch.tensor([-5, 0, 5])
    assert_matches(i.clamp(-2, 2), np.array([-2, 0, 2]), dtype=torch.int64)
    y, b = make((4, 4), torch.float32, "contiguous", rng)
    assert_matches(x.lerp(y, 0.25), a + 0.25 * (b - a))
    w, c = make((4, 4), torch.float32, "sliced", rng)
    assert_matches(x.lerp(y, w), a + c * (b - a), rtol=1e-5, atol=1e-5)
    assert_matches(x.addcmul(y, w, value=0.5), a + 0.5 * b * c, rtol=1e-5, atol=1e-5)
    z = y.abs() + 1
    assert_matches(x.addcdiv(w, z, value=2), a + 2 * c / (np.abs(b) + 1), rtol=1e-5, atol=1e-5)
    assert_matches(x.atan2(y), np.arctan2(a, b), rtol=1e-5, atol=1e-6)


def test_in_place_ops_return_self_and_keep_dtype():
    x = torch.ones(2, 3, dtype=torch.int32)
    assert x.add_(2) is x and x.tolist() == [[3] * 3] * 2 and x.dtype is torch.int32
    assert x.mul_(torch.tensor([1, 2, 3])) is x and x.tolist() == [[3, 6, 9]] * 2
    x -= 1
    assert x.tolist() == [[2, 5, 8]] * 2
    f = torch.ones(3)
    f /= 2
    f += torch.tensor(1.5, dtype=torch.float64)
    assert f.tolist() == [2.0] * 3 and f.dtype is torch.float32
    g = torch.tensor([1.0, 3.0])
    g.lt_(2)
    assert g.tolist() == [1.0, 0.0] and g.dtype is torch.float32


def test_functional_forms_and_out():
    a, b = torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])
    assert torch.add(a, b, alpha=2).tolist() == [7.0, 10.0]
    assert torch.exp(torch.zeros(2)).tolist() == [1.0, 1.0]
    out = torch.empty(0)
    torch.mul(a, b, out=out)
    assert out.tolist() == [3.0, 8.0]
    assert torch.div(torch.tensor([-7, 7]), 2, rounding_mode="floor").tolist() == [-4, 3]
    assert torch.div(torch.tensor([-7, 7]), 2, rounding_mode="trunc").tolist() == [-3, 3]


@settings(max_examples=40, deadline=None)
@given(shape=st.lists(st.integers(0, 4), min_size=0, max_size=4),
       layout=st.sampled_from(LAYOUTS), dtype=st.sampled_from([torch.float32, torch.int64, torch.float64]),
       seed=st.integers(0, 2**31))
def test_add_mul_any_shape_and_layout(shape, layout, dtype, seed):
    rng = np.random.default_rng(seed)
    if layout == "expanded" and not shape:
        layout = "contiguous"
    x, a = make(shape, dtype, layout, rng)
    y, b = make(shape, dtype, "transposed", rng)
    assert_matches(x + y, (a + b).astype(dtype._np), dtype=dtype)
    assert_matches(x * y - x, (a * b - a).astype(dtype._np), dtype=dtype)
    assert_matches((x * 2).neg(), (-(a * 2)).astype(dtype._np), dtype=dtype)


@settings(max_examples=30, deadline=None)
@given(s1=st.lists(st.integers(1, 3), min_size=0, max_size=3), s2=st.lists(st.integers(1, 3), min_size=0, max_size=3),
       seed=st.integers(0, 2**31))
def test_broadcasting_matches_numpy(s1, s2, seed):
    rng = np.random.default_rng(seed)
    s2 = [1 if rng.random() < 0.5 else d for d in s2]
    s1 = [1 if rng.random() < 0.3 else d for d in s1]
    a = rng.standard_normal(s1).astype(np.float32)
    b = rng.standard_normal(s2).astype(np.float32)
    try:
        expected = a + b
    except ValueError:
        with pytest.raises(RuntimeError, match="broadcast"):
            torch.tensor(a) + torch.tensor(b)
        return
    assert_matches(torch.tensor(a) + torch.tensor(b), expected)
