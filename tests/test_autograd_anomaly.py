"""Anomaly detection: NaN gradients raise naming the node while enabled, and pass silently off."""
import pytest

import pytorch_py as torch
from pytorch_py import autograd


def _nan_backward():
    x = torch.tensor([0.0, 1.0], dtype=torch.float64, requires_grad=True)
    y = x.sqrt() * 0  # sqrt's gradient at 0 is inf, times 0 gives NaN
    y.sum().backward()
    return x.grad


def test_off_by_default_nan_flows_through():
    assert not autograd.is_anomaly_enabled()
    g = _nan_backward()
    assert g[0].isnan().item()


def test_detect_anomaly_names_the_node():
    with autograd.detect_anomaly():
        assert autograd.is_anomaly_enabled()
        with pytest.raises(RuntimeError, match=r"Function '\w+Backward\w*' returned nan values in its 0th output"):
            _nan_backward()
    assert not autograd.is_anomaly_enabled()


def test_decorator_and_set_detect_anomaly():
    @autograd.detect_anomaly()
    def run():
        return _nan_backward()

    with pytest.raises(RuntimeError, match="returned nan values"):
        run()
    with autograd.set_detect_anomaly(True):
        assert autograd.is_anomaly_enabled()
    assert not autograd.is_anomaly_enabled()
    with autograd.detect_anomaly(check_nan=False):
        assert _nan_backward()[0].isnan().item()
