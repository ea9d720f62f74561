"""Tests of tensor printing (pytorch_py/_tensor_str.py): repr/str must equal PyTorch 2.x's.

The expected strings below are written by hand from PyTorch's printing rules.  When the real
PyTorch is importable, TestAgainstRealTorch also checks every hand-written case against torch
itself and compares many random and edge-case tensors built from the same NumPy data.

Tensors are built with from_numpy so these tests depend only on the printing code, not on how
torch.tensor infers shapes and dtypes.
"""
import math
import time
import zlib

import numpy as np
import pytest

import pytorch_py as torch
from pytorch_py import _tensor_str
from pytorch_py._tensor_str import get_printoptions, printoptions, set_printoptions, tensor_repr

DEFAULT_OPTS = {"precision": 4, "threshold": 1000, "edgeitems": 3, "linewidth": 80, "sci_mode": None}


@pytest.fixture(autouse=True)
def _restore_global_state():
    # Print options and the default dtype are global; no test may leak a change into another.
    dt = torch.get_default_dtype()
    yield
    set_printoptions(profile="default")
    torch.set_default_dtype(dt)


def T(values, dtype=np.float32):
    return torch.from_numpy(np.array(values, dtype=dtype))


f32, f64, f16 = np.float32, np.float64, np.float16
i64, i32, i16, i8, u8, b = np.int64, np.int32, np.int16, np.int8, np.uint8, np.bool_
nan, inf = math.nan, math.inf

# (id, numpy array, print options, expected repr)
CASES = [
    # --- float formats
    ("fixed", np.array([0.1, 2.0], f32), {}, "tensor([0.1000, 2.0000])"),
    ("integral", np.array([1.0, 2.0], f32), {}, "tensor([1., 2.])"),
    ("integral_padded", np.array([1.0, -20.0, 300.0], f32), {}, "tensor([  1., -20., 300.])"),
    ("fixed_padded", np.array([-1.5, 12.25, 0.5], f32), {}, "tensor([-1.5000, 12.2500,  0.5000])"),
    ("rounding_width", np.array([9.99999, 0.5], f32), {}, "tensor([10.0000,  0.5000])"),
    ("sci_small", np.array([1e-5, 1.0], f32), {}, "tensor([1.0000e-05, 1.0000e+00])"),
    ("sci_min_below_1e-4", np.array([5e-5, 1e-4], f64), {},
     "tensor([5.0000e-05, 1.0000e-04], dtype=torch.float64)"),
    ("sci_ratio", np.array([1.0, 1001.0], f32), {}, "tensor([1.0000e+00, 1.0010e+03])"),
    ("no_sci_ratio_1000", np.array([1.0, 1000.0], f32), {}, "tensor([   1., 1000.])"),
    ("sci_big", np.array([1e9], f32), {}, "tensor([1.0000e+09])"),
    ("no_sci_1e8", np.array([1e8, 2e5], f64), {},
     "tensor([100000000.,    200000.], dtype=torch.float64)"),
    ("sci_negative", np.array([-1e-5, 1.0], f32), {}, "tensor([-1.0000e-05,  1.0000e+00])"),
    ("sci_three_digit_exponent", np.array([1e-200, 1.0], f64), {},
     "tensor([1.0000e-200,  1.0000e+00], dtype=torch.float64)"),
    ("zeros", np.zeros(3, f32), {}, "tensor([0., 0., 0.])"),
    ("zero_in_fixed", np.array([0.0, 0.25], f32), {}, "tensor([0.0000, 0.2500])"),
    ("zero_in_sci", np.array([0.0, 1e-6], f32), {}, "tensor([0.0000e+00, 1.0000e-06])"),
    ("negative_zero_int", np.array([-0.0, 1.0], f32), {}, "tensor([-0., 1.])"),
    ("negative_zero_fixed", np.array([-0.0, 0.5], f32), {}, "tensor([-0.0000, 0.5000])"),
    ("nan_inf_int", np.array([nan, inf, -inf, 1.0], f32), {}, "tensor([nan, inf, -inf, 1.])"),
    ("nan_fixed", np.array([nan, 0.5], f32), {}, "tensor([   nan, 0.5000])"),
    ("inf_sci", np.array([inf, 1e-7, -inf], f32), {}, "tensor([       inf, 1.0000e-07,       -inf])"),
    ("all_nan", np.array([nan, nan], f32), {}, "tensor([nan, nan])"),
    ("float16", np.array([0.1, 1.0], f16), {}, "tensor([0.1000, 1.0000], dtype=torch.float16)"),
    ("float16_big", np.array([60000.0, 1.0], f16), {}, "tensor([6.0000e+04, 1.0000e+00], dtype=torch.float16)"),
    ("float64", np.array([1.5], f64), {}, "tensor([1.5000], dtype=torch.float64)"),
    # --- integers and bools
    ("int64", np.array([1, -2, 300], i64), {}, "tensor([  1,  -2, 300])"),
    ("int32", np.array([1, 2], i32), {}, "tensor([1, 2], dtype=torch.int32)"),
    ("int16", np.array([-7, 7], i16), {}, "tensor([-7,  7], dtype=torch.int16)"),
    ("int8", np.array([-128, 127], i8), {}, "tensor([-128,  127], dtype=torch.int8)"),
    ("uint8", np.array([0, 255], u8), {}, "tensor([  0, 255], dtype=torch.uint8)"),
    ("int64_big", np.array([2 ** 62, -1], i64), {}, "tensor([4611686018427387904,                  -1])"),
    ("bool", np.array([True, False], b), {}, "tensor([ True, False])"),
    ("bool_all_true", np.array([True, True], b), {}, "tensor([True, True])"),
    # --- 0-d
    ("scalar_int_valued", np.array(3.0, f32), {}, "tensor(3.)"),
    ("scalar_fixed", np.array(0.5, f32), {}, "tensor(0.5000)"),
    ("scalar_sci", np.array(1e-5, f32), {}, "tensor(1.0000e-05)"),
    ("scalar_zero", np.array(0.0, f32), {}, "tensor(0.)"),
    ("scalar_neg_zero", np.array(-0.0, f32), {}, "tensor(-0.)"),
    ("scalar_nan", np.array(nan, f32), {}, "tensor(nan)"),
    ("scalar_bool", np.array(True, b), {}, "tensor(True)"),
    ("scalar_int", np.array(-2, i64), {}, "tensor(-2)"),
    ("scalar_int32", np.array(7, i32), {}, "tensor(7, dtype=torch.int32)"),
    ("scalar_float64", np.array(2.5, f64), {}, "tensor(2.5000, dtype=torch.float64)"),
    # --- empty
    ("empty", np.zeros(0, f32), {}, "tensor([])"),
    ("empty_int32", np.zeros(0, i32), {}, "tensor([], dtype=torch.int32)"),
    ("empty_int64", np.zeros(0, i64), {}, "tensor([], dtype=torch.int64)"),
    ("empty_2d", np.zeros((0, 3), f32), {}, "tensor([], size=(0, 3))"),
    ("empty_2d_bool", np.zeros((2, 0), b), {}, "tensor([], size=(2, 0), dtype=torch.bool)"),
    ("empty_3d_float64", np.zeros((1, 0, 2), f64), {}, "tensor([], size=(1, 0, 2), dtype=torch.float64)"),
    # --- nesting
    ("2d", np.array([[1.0, 2.0], [3.0, 4.0]], f32), {}, "tensor([[1., 2.],\n        [3., 4.]])"),
    ("2d_shared_width", np.array([[1.0, 2.5], [300.0, 4.0]], f32), {},
     "tensor([[  1.0000,   2.5000],\n        [300.0000,   4.0000]])"),
    ("3d", np.arange(8, dtype=i64).reshape(2, 2, 2), {},
     "tensor([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]])"),
    ("3d_float", np.arange(24, dtype=f32).reshape(2, 3, 4), {},
     "tensor([[[ 0.,  1.,  2.,  3.],\n"
     "         [ 4.,  5.,  6.,  7.],\n"
     "         [ 8.,  9., 10., 11.]],\n"
     "\n"
     "        [[12., 13., 14., 15.],\n"
     "         [16., 17., 18., 19.],\n"
     "         [20., 21., 22., 23.]]])"),
    ("4d", np.arange(16, dtype=i64).reshape(2, 2, 2, 2), {},
     "tensor([[[[ 0,  1],\n"
     "          [ 2,  3]],\n"
     "\n"
     "         [[ 4,  5],\n"
     "          [ 6,  7]]],\n"
     "\n"
     "\n"
     "        [[[ 8,  9],\n"
     "          [10, 11]],\n"
     "\n"
     "         [[12, 13],\n"
     "          [14, 15]]]])"),
    ("size_one_dims", np.ones((1, 1, 1), f32), {}, "tensor([[[1.]]])"),
    ("transposed_view", np.arange(6, dtype=i64).reshape(2, 3).T, {},
     "tensor([[0, 3],\n        [1, 4],\n        [2, 5]])"),
    # --- summarisation (numel > threshold)
    ("summary_1d", np.arange(2000, dtype=i64), {}, "tensor([   0,    1,    2,  ..., 1997, 1998, 1999])"),
    ("summary_1d_float", np.arange(1001, dtype=f32), {},
     "tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.])"),
    ("summary_hidden_values_ignored",
     np.concatenate([np.arange(1000), [1e10], np.arange(1000)]).astype(f32), {},
     "tensor([  0.,   1.,   2.,  ..., 997., 998., 999.])"),
    ("summary_2d", np.arange(2000, dtype=i64).reshape(40, 50), {},
     "tensor([[   0,    1,    2,  ...,   47,   48,   49],\n"
     "        [  50,   51,   52,  ...,   97,   98,   99],\n"
     "        [ 100,  101,  102,  ...,  147,  148,  149],\n"
     "        ...,\n"
     "        [1850, 1851, 1852,  ..., 1897, 1898, 1899],\n"
     "        [1900, 1901, 1902,  ..., 1947, 1948, 1949],\n"
     "        [1950, 1951, 1952,  ..., 1997, 1998, 1999]])"),
    ("summary_3d", np.arange(1050, dtype=i64).reshape(7, 1, 150), {},
     "tensor([[[   0,    1,    2,  ...,  147,  148,  149]],\n"
     "\n"
     "        [[ 150,  151,  152,  ...,  297,  298,  299]],\n"
     "\n"
     "        [[ 300,  301,  302,  ...,  447,  448,  449]],\n"
     "\n"
     "        ...,\n"
     "\n"
     "        [[ 600,  601,  602,  ...,  747,  748,  749]],\n"
     "\n"
     "        [[ 750,  751,  752,  ...,  897,  898,  899]],\n"
     "\n"
     "        [[ 900,  901,  902,  ..., 1047, 1048, 1049]]])"),
    ("summary_short_dims_kept", np.arange(1002, dtype=i64).reshape(2, 501) % 10, {},
     "tensor([[0, 1, 2,  ..., 8, 9, 0],\n        [1, 2, 3,  ..., 9, 0, 1]])"),
    # --- line wrapping (linewidth 80)
    ("wrap_int", np.arange(40, dtype=i64), {},
     "tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,\n"
     "        18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,\n"
     "        36, 37, 38, 39])"),
    ("wrap_float", np.arange(12, dtype=f32) + 0.5, {},
     "tensor([ 0.5000,  1.5000,  2.5000,  3.5000,  4.5000,  5.5000,  6.5000,  7.5000,\n"
     "         8.5000,  9.5000, 10.5000, 11.5000])"),
    ("wrap_rows_2d", np.arange(40, dtype=i32).reshape(2, 20), {},
     "tensor([[ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,\n"
     "         18, 19],\n"
     "        [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37,\n"
     "         38, 39]], dtype=torch.int32)"),
    # --- suffix placement: a suffix that would pass linewidth goes on its own line
    ("suffix_wraps", np.arange(18, dtype=i32), {},
     "tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17],\n"
     "       dtype=torch.int32)"),
    # contents are 61 chars: 61 + 2 + 17 would fit in 80, but PyTorch counts the line as 2 longer
    ("suffix_wraps_quirk", np.arange(18, dtype=i32) % 10, {},
     "tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7],\n"
     "       dtype=torch.int32)"),
    ("suffix_same_line", np.arange(10, dtype=i32), {},
     "tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], dtype=torch.int32)"),
    # --- print options
    ("precision_2", np.array([0.123, 1.0], f32), {"precision": 2}, "tensor([0.12, 1.00])"),
    ("precision_2_sci", np.array([1e-6, 1.0], f32), {"precision": 2}, "tensor([1.00e-06, 1.00e+00])"),
    ("precision_0", np.array([0.5, 1.25], f32), {"precision": 0}, "tensor([0, 1])"),
    ("sci_forced", np.array([1.0, 2.0], f32), {"sci_mode": True}, "tensor([1.0000e+00, 2.0000e+00])"),
    ("sci_forced_fixed", np.array([0.5, 2.0], f32), {"sci_mode": True}, "tensor([5.0000e-01, 2.0000e+00])"),
    ("sci_forced_zeros", np.array([0.0, 0.0], f32), {"sci_mode": True}, "tensor([0., 0.])"),
    ("sci_off", np.array([1e-5, 1.0], f32), {"sci_mode": False}, "tensor([0.0000, 1.0000])"),
    ("sci_off_big", np.array([1e10, 1.0], f64), {"sci_mode": False},
     "tensor([10000000000.,           1.], dtype=torch.float64)"),
    ("threshold_edgeitems", np.arange(10, dtype=i64), {"threshold": 5, "edgeitems": 2},
     "tensor([0, 1,  ..., 8, 9])"),
    ("edgeitems_1_2d", np.arange(12, dtype=i64).reshape(3, 4), {"threshold": 5, "edgeitems": 1},
     "tensor([[ 0,  ...,  3],\n        ...,\n        [ 8,  ..., 11]])"),
    ("edgeitems_0", np.arange(10, dtype=i64), {"threshold": 5, "edgeitems": 0},
     "tensor([...], size=(10,))"),
    ("edgeitems_0_2d", np.arange(12, dtype=i32).reshape(3, 4), {"threshold": 5, "edgeitems": 0},
     "tensor([...], size=(3, 4), dtype=torch.int32)"),
    ("edgeitems_0_not_summarised", np.arange(3, dtype=i64), {"edgeitems": 0}, "tensor([0, 1, 2], size=(3,))"),
    ("linewidth_20", np.arange(10, dtype=i64), {"linewidth": 20},
     "tensor([0, 1, 2, 3,\n        4, 5, 6, 7,\n        8, 9])"),
    ("linewidth_tiny", np.arange(3, dtype=i64), {"linewidth": 1}, "tensor([0,\n        1,\n        2])"),
    ("profile_short", np.arange(1001, dtype=f32) / 4 + 1, {"profile": "short"},
     "tensor([  1.00,   1.25,  ..., 250.75, 251.00])"),
    ("profile_full", np.arange(1001, dtype=i64) % 2, {"profile": "full"},
     "tensor([" + ",\n        ".join(
         ", ".join(str(v % 2) for v in range(i, min(i + 24, 1001))) for i in range(0, 1001, 24)) + "])"),
    ("profile_with_override", np.array([0.123], f32), {"profile": "short", "precision": 3},
     "tensor([0.123])"),
]


def _opts(opts):
    # Each case is relative to the default options.
    full = {"profile": "default"}
    full.update(opts)
    return full


@pytest.mark.parametrize("arr,opts,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_repr(arr, opts, expected):
    with printoptions(**_opts(opts)):
        t = torch.from_numpy(arr)
        assert repr(t) == expected
        assert str(t) == expected
        assert tensor_repr(t) == expected


def test_profile_full_case_is_not_summarised():
    # Guard the generated expectation above: 1001 elements, 24 per line, no "...".
    expected = dict((c[0], c[3]) for c in CASES)["profile_full"]
    assert "..." not in expected and expected.count("\n") == 41


# --- default dtype


def test_default_float64_shows_float32_dtype():
    torch.set_default_dtype(torch.float64)
    assert repr(T([1.5, 2.0], f64)) == "tensor([1.5000, 2.0000])"
    assert repr(T([1.5, 2.0], f32)) == "tensor([1.5000, 2.0000], dtype=torch.float32)"
    assert repr(T([], f32)) == "tensor([], dtype=torch.float32)"
    assert repr(T([], f64)) == "tensor([])"
    assert repr(T(3.0, f32)) == "tensor(3., dtype=torch.float32)"
    assert repr(T([1, 2], i64)) == "tensor([1, 2])"


# --- suffixes that need autograd or devices: tensor-like stand-ins carry those attributes


class _Like:
    """A tensor-like wrapper: the attributes tensor_repr reads, with device/autograd made up."""

    def __init__(self, t, device=None, requires_grad=False, grad_fn=None):
        self._t = t
        self.dtype = t.dtype
        self.shape = t.shape
        self.device = device if device is not None else t.device
        self.requires_grad = requires_grad
        self.grad_fn = grad_fn

    def numpy(self, force=False):
        if self.device.type != "cpu" and not force:
            raise TypeError("not a CPU tensor")
        return self._t.numpy()


class AddBackward0:
    pass


class MulBackward0:
    pass


def test_requires_grad_suffix():
    assert tensor_repr(_Like(T([1.0, 2.0]), requires_grad=True)) == "tensor([1., 2.], requires_grad=True)"


def test_grad_fn_suffix_replaces_requires_grad():
    t = _Like(T([1.0, 2.0]), requires_grad=True, grad_fn=AddBackward0())
    assert tensor_repr(t) == "tensor([1., 2.], grad_fn=<AddBackward0>)"


def test_device_suffix():
    cuda = torch.device("cuda", 0)
    assert tensor_repr(_Like(T([1.0, 2.0]), device=cuda)) == "tensor([1., 2.], device='cuda:0')"
    assert (tensor_repr(_Like(T([1, 2], i32), device=cuda, requires_grad=True))
            == "tensor([1, 2], device='cuda:0', dtype=torch.int32, requires_grad=True)")
    assert (tensor_repr(_Like(T(np.zeros((0, 2)), f32), device=cuda))
            == "tensor([], device='cuda:0', size=(0, 2))")


def test_suffixes_wrap_one_per_line_when_long():
    t = _Like(T(np.arange(18), i32), device=torch.device("cuda", 0), grad_fn=AddBackward0())
    assert tensor_repr(t) == (
        "tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17],\n"
        "       device='cuda:0', dtype=torch.int32, grad_fn=<AddBackward0>)")


def test_subclass_prints_its_name():
    class MyTensor(torch.Tensor):
        __slots__ = ()  # same layout as Tensor, so an instance can be re-classed

    t = T([1.0, 2.0])
    try:
        t.__class__ = MyTensor
    except TypeError:
        pytest.skip("Tensor instances cannot change class")
    assert repr(t) == "MyTensor([1., 2.])"


# --- print options API


def test_get_printoptions_default():
    assert get_printoptions() == DEFAULT_OPTS


def test_get_printoptions_returns_a_copy():
    get_printoptions()["precision"] = 9
    assert get_printoptions()["precision"] == 4


def test_set_printoptions_profiles():
    set_printoptions(profile="short")
    assert get_printoptions() == dict(DEFAULT_OPTS, precision=2, edgeitems=2)
    set_printoptions(profile="full")
    assert get_printoptions() == dict(DEFAULT_OPTS, threshold=math.inf)
    set_printoptions(profile="default")
    assert get_printoptions() == DEFAULT_OPTS


def test_set_printoptions_keeps_unset_options_but_resets_sci_mode():
    set_printoptions(precision=6, sci_mode=True)
    set_printoptions(linewidth=100)
    assert get_printoptions() == dict(DEFAULT_OPTS, precision=6, linewidth=100, sci_mode=None)


def test_set_printoptions_roundtrip_through_get():
    set_printoptions(precision=3, threshold=10, edgeitems=1, linewidth=60, sci_mode=False)
    saved = get_printoptions()
    set_printoptions(profile="default")
    set_printoptions(**saved)
    assert get_printoptions() == saved


def test_unknown_profile_raises():
    with pytest.raises(ValueError):
        set_printoptions(profile="tiny")


def test_printoptions_context_restores_even_on_error():
    with pytest.raises(KeyError):
        with printoptions(precision=1):
            assert repr(T([0.25, 1.5])) == "tensor([0.2, 1.5])"
            raise KeyError
    assert get_printoptions() == DEFAULT_OPTS


def test_exported_names():
    assert set(_tensor_str.__all__) >= {"tensor_repr", "set_printoptions", "get_printoptions"}


# --- speed: only the shown elements are formatted


@pytest.mark.parametrize("shape", [(10 ** 7,), (3000, 3000), (100, 100, 100)])
def test_big_tensors_print_fast(shape):
    arr = np.random.default_rng(0).standard_normal(shape, dtype=np.float32)
    t = torch.from_numpy(arr)
    start = time.perf_counter()
    s = repr(t)
    assert time.perf_counter() - start < 2.0
    assert "..." in s and len(s) < 10000


def test_full_profile_width_decision_is_vectorised():
    # edgeitems=0 makes PyTorch's formatter look at every element of a 1-d tensor; that must
    # stay cheap even though only "[...]" is printed.
    arr = np.arange(10 ** 7, dtype=np.float64)
    with printoptions(threshold=10, edgeitems=0):
        start = time.perf_counter()
        assert repr(torch.from_numpy(arr)) == "tensor([...], size=(10000000,), dtype=torch.float64)"
        assert time.perf_counter() - start < 2.0


# --- against the real PyTorch, when it is installed


def _random_arrays(seed, count):
    """Random and edge-case arrays: every dtype, 0-d to 4-d, small and summarised sizes, values
    spanning many magnitudes, integers, zeros, negative zeros, nan and inf."""
    rng = np.random.default_rng(seed)
    float_dtypes = [np.float32, np.float64, np.float16]
    int_dtypes = [np.int64, np.int32, np.int16, np.int8, np.uint8]
    shapes = [(), (1,), (5,), (17,), (40,), (3, 4), (2, 3, 4), (2, 1, 3, 2), (0,), (0, 4), (1001,),
              (40, 30), (12, 100), (3, 500), (7, 7, 30), (2, 3, 200), (9, 9, 9, 2)]
    for _ in range(count):
        shape = shapes[rng.integers(len(shapes))]
        kind = rng.integers(4)
        if kind == 0:
            arr = rng.integers(-(10 ** int(rng.integers(1, 12))), 10 ** int(rng.integers(1, 12)), shape)
            arr = arr.astype(int_dtypes[rng.integers(len(int_dtypes))])
        elif kind == 1:
            arr = rng.random(shape) < 0.5
        else:
            dt = float_dtypes[rng.integers(len(float_dtypes))]
            scale = 10.0 ** rng.integers(-9, 12)
            arr = rng.standard_normal(shape) * scale
            if rng.random() < 0.4:
                arr = np.round(arr)
            if arr.size and rng.random() < 0.5:
                flat = arr.reshape(-1)
                for special in (0.0, -0.0, nan, inf, -inf, 1e-5, 123456.0, 1e9):
                    if rng.random() < 0.3:
                        flat[rng.integers(flat.size)] = special
            with np.errstate(over="ignore"):
                arr = arr.astype(dt)
        yield np.asarray(arr)  # 0-d draws can come back as NumPy scalars


OPTION_SETS = [
    {},
    {"precision": 2},
    {"precision": 6, "linewidth": 120},
    {"sci_mode": True},
    {"sci_mode": False},
    {"threshold": 50, "edgeitems": 2},
    {"threshold": 50, "edgeitems": 0},
    {"profile": "short"},
    {"profile": "full"},
    {"linewidth": 30},
]


class TestAgainstRealTorch:
    @pytest.fixture(autouse=True)
    def real(self):
        real = pytest.importorskip("torch")
        real_opts = real._tensor_str.PRINT_OPTS
        saved = (real_opts.precision, real_opts.threshold, real_opts.edgeitems, real_opts.linewidth,
                 real_opts.sci_mode)
        self.real = real
        yield
        real.set_printoptions(*saved[:4], sci_mode=saved[4])
        real.set_default_dtype(real.float32)

    def check(self, arr, opts):
        with printoptions(**_opts(opts)):
            self.real.set_printoptions(**_opts(opts))
            try:
                expected = repr(self.real.from_numpy(np.array(arr)))
            finally:
                self.real.set_printoptions(profile="default")
            got = repr(torch.from_numpy(np.array(arr)))
        assert got == expected, "dtype %s shape %s opts %s" % (arr.dtype, arr.shape, opts)

    @pytest.mark.parametrize("arr,opts,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
    def test_hand_written_case_is_what_torch_prints(self, arr, opts, expected):
        with printoptions(**_opts(opts)):
            self.real.set_printoptions(**_opts(opts))
            try:
                assert repr(self.real.from_numpy(np.array(arr))) == expected
            finally:
                self.real.set_printoptions(profile="default")

    @pytest.mark.parametrize("opts", OPTION_SETS, ids=[str(o) for o in OPTION_SETS])
    def test_random_tensors(self, opts):
        for arr in _random_arrays(zlib.crc32(repr(opts).encode()), 150):
            self.check(arr, opts)

    def test_default_dtype_float64(self):
        self.real.set_default_dtype(self.real.float64)
        torch.set_default_dtype(torch.float64)
        for arr in _random_arrays(7, 100):
            self.check(arr, {})

    def test_autograd_suffixes(self):
        r = self.real.from_numpy(np.arange(18, dtype=np.float32)).requires_grad_()
        assert tensor_repr(_Like(T(np.arange(18)), requires_grad=True)) == repr(r)
        m = r * 2
        assert tensor_repr(_Like(T(np.arange(18) * 2), grad_fn=MulBackward0())) == repr(m)
