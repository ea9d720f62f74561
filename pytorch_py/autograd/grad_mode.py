"""Grad mode: whether operations record the graph (thread-local, on by default).

no_grad / enable_grad / set_grad_enabled work as context managers and as decorators, as in
PyTorch.  The state lives in one threading.local whose `enabled` attribute the recording
wrappers read on every call.
"""
import functools
import threading


class _State(threading.local):
    enabled = True


STATE = _State()


def is_grad_enabled():
    """Whether operations currently record autograd graphs (per thread)."""
    return STATE.enabled


class _Mode:
    """Base of the grad-mode context managers; an instance also decorates functions."""

    _value = None

    def __enter__(self):
        self._prev = STATE.enabled
        STATE.enabled = self._value

    def __exit__(self, *exc):
        STATE.enabled = self._prev
        return False

    def __call__(self, fn):
        mode = type(self)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with mode() if mode is not set_grad_enabled else set_grad_enabled(self._value):
                return fn(*args, **kwargs)
        return wrapper

    def clone(self):
        return type(self)()


class no_grad(_Mode):
    """Context manager / decorator: operations inside record no graph (results do not require
    grad).  In-place updates of leaves that require grad are allowed inside."""

    _value = False


class enable_grad(_Mode):
    """Context manager / decorator: turns graph recording on (e.g. inside no_grad)."""

    _value = True


class set_grad_enabled(_Mode):
    """set_grad_enabled(mode): sets grad mode now (so it also works as a plain call), and as a
    context manager restores the previous mode on exit; also a decorator."""

    def __init__(self, mode):
        if not isinstance(mode, bool):
            raise TypeError("set_grad_enabled: expected a bool, but got %s" % type(mode).__name__)
        self._prev = STATE.enabled
        self._value = mode
        STATE.enabled = mode

    def __enter__(self):
        STATE.enabled = self._value

    def __call__(self, fn):
        STATE.enabled = self._prev  # as a decorator it must not change the mode now
        return _Mode.__call__(self, fn)

    def clone(self):
        return set_grad_enabled(self._value)


class inference_mode(_Mode):
    """inference_mode(mode=True): here the same as no_grad (when mode is True)."""

    def __init__(self, mode=True):
        self._value = not mode
