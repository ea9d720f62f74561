"""The torch.* function forms of Tensor methods, plus functions that are not methods (layer: tensor).

torch.exp(t) is t.exp(), torch.add(a, b, alpha=2) is a.add(b, alpha=2), and so on: the functions
listed in _METHOD_FUNCTIONS are made from the methods of the same name, so the two forms cannot
disagree.
"""
from . import _dtype as D
from ._broadcast import broadcast_shapes as _broadcast_shapes
from ._ops_pointwise import can_cast as _can_cast, result_type as _result_type
from ._einsum import einsum  # noqa: F401
from .tensor import Tensor

from . import _ops_blas, _ops_index, _ops_lapack, _ops_pointwise, _ops_random, _ops_reduce, _ops_shape, \
    _ops_sort  # noqa: E402

_OP_MODULES = (_ops_pointwise, _ops_reduce, _ops_index, _ops_shape, _ops_blas, _ops_lapack, _ops_random, _ops_sort)
_METHOD_FUNCTIONS = """
reshape flatten unflatten permute transpose swapaxes swapdims t squeeze unsqueeze narrow select unfold as_strided
diagonal chunk split unbind clone numel is_floating_point is_signed
""".split() + [n for m in _OP_MODULES for n in m.TORCH_METHOD_FUNCTIONS]


def _method_function(name):
    method = getattr(Tensor, name)

    def f(input, *args, **kwargs):
        if not isinstance(input, Tensor):
            raise TypeError("%s: expected a Tensor as the first argument, but got %s" % (name, type(input).__name__))
        return method(input, *args, **kwargs)

    f.__name__ = name
    f.__doc__ = "torch.%s(input, ...) is input.%s(...). %s" % (name, name, method.__doc__ or "")
    return f


for _name in _METHOD_FUNCTIONS:
    globals()[_name] = _method_function(_name)
_MODULE_FUNCTIONS = [n for m in _OP_MODULES for n in m.TORCH_FUNCTIONS]
for _m in _OP_MODULES:
    for _name in _m.TORCH_FUNCTIONS:
        globals()[_name] = getattr(_m, _name)
del _name, _m


def is_tensor(obj):
    """Whether obj is a Tensor."""
    return isinstance(obj, Tensor)


def is_storage(obj):
    """Whether obj is a Storage."""
    from .storage import Storage

    return isinstance(obj, Storage)


def is_floating_point(t):
    return t.is_floating_point()


def typename(obj):
    """'torch.FloatTensor' for a float tensor, else the object's type name."""
    if isinstance(obj, Tensor):
        return obj.type()
    return type(obj).__name__


def result_type(tensor1, tensor2):
    """The dtype an arithmetic op on the two operands (tensors or numbers) produces."""
    return _result_type(tensor1, tensor2)


def can_cast(from_, to):
    """Whether PyTorch's casting rules allow writing a from_ result into a to tensor."""
    return _can_cast(from_, to)


def broadcast_shapes(*shapes):
    """The shape the given shapes broadcast to."""
    from ._size import Size

    return Size(_broadcast_shapes(*[tuple(s) if not isinstance(s, int) else (s,) for s in shapes]))


def broadcast_tensors(*tensors):
    """Views of the tensors expanded to their common broadcast shape."""
    shape = _broadcast_shapes(*[t.shape for t in tensors])
    return tuple(t.expand(*shape) for t in tensors)


def get_default_dtype():
    return D.get_default_dtype()


__all__ = _METHOD_FUNCTIONS + _MODULE_FUNCTIONS + [
    "einsum", "is_tensor", "is_storage", "typename", "result_type", "can_cast", "broadcast_shapes", "broadcast_tensors"]
