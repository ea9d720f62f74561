"""Anomaly detection (layer: autograd): while enabled, the engine checks every gradient a node
returns and raises, naming the node, when one holds NaN; off by default because the check reads
every gradient back from the kernel."""
import functools

_STATE = {"enabled": False, "check_nan": True}


def is_anomaly_enabled():
    """Whether anomaly detection is on."""
    return _STATE["enabled"]


def is_anomaly_check_nan_enabled():
    """Whether anomaly detection checks gradients for NaN."""
    return _STATE["check_nan"]


class _AnomalyContext:
    def __init__(self, mode, check_nan=True):
        self.mode = bool(mode)
        self.check_nan = bool(check_nan)
        self._enter()  # set_detect_anomaly applies at once, as a function call, too

    def _enter(self):
        self._prev = (_STATE["enabled"], _STATE["check_nan"])
        _STATE["enabled"] = self.mode
        _STATE["check_nan"] = self.check_nan

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        _STATE["enabled"], _STATE["check_nan"] = self._prev
        return False


class set_detect_anomaly(_AnomalyContext):
    """set_detect_anomaly(mode, check_nan=True): turns anomaly detection on or off, as a call
    or as a context manager (restoring the previous setting on exit)."""


class detect_anomaly:
    """Context manager and decorator enabling anomaly detection inside it: a backward node
    returning a NaN gradient raises RuntimeError naming the node."""

    def __init__(self, check_nan=True):
        self.check_nan = check_nan

    def __enter__(self):
        self._ctx = _AnomalyContext(True, self.check_nan)
        return self

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)

    def __call__(self, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with detect_anomaly(self.check_nan):
                return fn(*args, **kwargs)
        return wrapper


def check_gradients(node, grads):
    """Raises when anomaly detection (with NaN checks) is on and a gradient node returned holds
    NaN; the engine calls it after each node when is_anomaly_enabled()."""
    if not _STATE["check_nan"]:
        return
    for i, g in enumerate(grads):
        if g is not None and g.is_floating_point() and bool(g.isnan().any()):
            raise RuntimeError("Function '%s' returned nan values in its %dth output." % (node.name(), i))
