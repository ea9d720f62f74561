"""Shared test helpers: dtype lists and NumPy comparison."""
import numpy as np
import pytest

import pytorch_py as torch

ALL_DTYPES = [torch.float64, torch.float32, torch.float16, torch.int64, torch.int32, torch.int16, torch.int8,
              torch.uint8, torch.bool]
FLOAT_DTYPES = [torch.float64, torch.float32, torch.float16]
INT_DTYPES = [torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8]


def assert_matches(t, expected, rtol=None, atol=None, dtype=None):
    """t (a Tensor) equals the NumPy array `expected` in shape, dtype (if given) and values."""
    assert isinstance(t, torch.Tensor), type(t)
    if dtype is not None:
        assert t.dtype is dtype, (t.dtype, dtype)
    got = t.numpy()
    expected = np.asarray(expected)
    assert got.shape == expected.shape, (got.shape, expected.shape)
    if rtol is None:
        rtol = {np.float16: 1e-3, np.float32: 1e-5}.get(got.dtype.type, 1e-12)
    if atol is None:
        atol = {np.float16: 1e-3, np.float32: 1e-6}.get(got.dtype.type, 1e-12)
    if got.dtype.kind == "f" or expected.dtype.kind == "f":
        np.testing.assert_allclose(got.astype(np.float64), expected.astype(np.float64), rtol=rtol, atol=atol,
                                   equal_nan=True)
    else:
        np.testing.assert_array_equal(got, expected)


def real_torch():
    """The real PyTorch module, or skip the test when it is not installed."""
    return pytest.importorskip("torch")
