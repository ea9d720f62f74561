"""The torch.* function forms of Tensor methods, plus functions that are not methods (layer: tensor).

torch.exp(t) is t.exp(), torch.add(a, b, alpha=2) is a.add(b, alpha=2), and so on: the functions
listed in _METHOD_FUNCTIONS are made from the methods of the same name, so the two forms cannot
disagree.
"""
from . import _dtype as D
from ._broadcast import broadcast_shapes as _broadcast_shapes
from ._ops_pointwise import can_cast as _can_cast, result_type as _result_type
from ._ops_index import where  # noqa: F401
from ._ops_shape import cat, concat, concatenate, hstack, stack, vstack  # noqa: F401
from .tensor import Tensor

_METHOD_FUNCTIONS = """
add sub subtract mul multiply div divide true_divide floor_divide remainder fmod pow atan2 arctan2 maximum minimum
fmax fmin lerp addcmul addcdiv clamp clip clamp_min clamp_max eq ne lt le gt ge greater greater_equal less
less_equal not_equal isnan isinf isfinite bitwise_and bitwise_or bitwise_xor bitwise_not bitwise_left_shift
bitwise_right_shift logical_and logical_or logical_xor logical_not neg negative abs absolute sign exp expm1 log log2
log10 log1p sqrt rsqrt sin cos tan asin acos atan arcsin arccos arctan sinh cosh tanh sigmoid erf erfinv lgamma
reciprocal ceil floor round trunc fix frac
reshape flatten unflatten permute transpose swapaxes swapdims t squeeze unsqueeze narrow select unfold as_strided
diagonal chunk split unbind clone numel is_floating_point is_signed
sum nansum prod mean nanmean var std max min amax amin argmax argmin norm all any count_nonzero cumsum cumprod trace
dist renorm histc equal allclose isclose
index_select index_copy index_add index_fill gather scatter scatter_add masked_fill masked_scatter masked_select
nonzero argwhere take put index_put
tril triu diag diagflat cross flip fliplr flipud roll matmul mm mv dot bmm outer ger
""".split()


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
del _name


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


__all__ = _METHOD_FUNCTIONS + ["where", "cat", "concat", "concatenate", "stack", "hstack", "vstack","is_tensor", "is_storage", "typename", "result_type", "can_cast",
                               "broadcast_shapes", "broadcast_tensors"]
