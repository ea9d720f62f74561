"""PyTorch's grad_fn names for the nn Functions (layer: nn).

One THNN-backed Function often serves several public operations (the Threshold kernel is relu and
threshold; one resampling Function is every nearest / linear upsampling), while PyTorch names the
backward node after the operation (`ReluBackward0`, `UpsampleBilinear2DBackward0`), and users see
that name when they print `loss.grad_fn`.  `named` gives a Function's variant whose nodes carry
such a name: a subclass made once and cached, so the per-call cost is one dict lookup.
"""
_VARIANTS = {}


def named(fn_cls, node_name):
    """The variant of Function fn_cls whose backward nodes are named node_name (same forward and
    backward)."""
    key = (fn_cls, node_name)
    cls = _VARIANTS.get(key)
    if cls is None:
        cls = type(fn_cls.__name__, (fn_cls,), {"__doc__": fn_cls.__doc__})
        cls._backward_cls.__name__ = cls._backward_cls.__qualname__ = node_name
        _VARIANTS[key] = cls
    return cls


def rename(fn_cls, node_name):
    """Names the backward nodes of Function fn_cls node_name (for Functions serving one op)."""
    fn_cls._backward_cls.__name__ = fn_cls._backward_cls.__qualname__ = node_name
    return fn_cls
