"""Tensor creation: torch.tensor, from_numpy, empty/zeros/ones/full and their *_like forms,
arange/range/linspace/logspace/eye, and the legacy typed constructors (layer: tensor)."""
import numbers

import numpy as np

from . import _dtype as D
from ._C import ffi, raise_error
from ._device import device as _device_cls
from .backends import get_backend
from .backends.cpu import CPU
from .tensor import Tensor, _cpu_result, _int64_array, _wrap, int_sizes

_NEW_WITH_SIZE = CPU.table("Tensor_newWithSize")
_ZERO = CPU.table("Tensor_zero")


def _backend(device):
    if device is None:
        return CPU
    if isinstance(device, int):
        device = _device_cls("cuda", device)
    dev = device if isinstance(device, _device_cls) else _device_cls(device)
    return get_backend(dev.type)


def _on(t, device):
    """t moved to `device` (None: stays on the CPU)."""
    return t if device is None else t.to(device)


def _check_dtype(dtype, op):
    if dtype is not None and not isinstance(dtype, D.dtype):
        raise TypeError("%s: expected dtype to be a torch.dtype, but got %s" % (op, type(dtype).__name__))


def _empty_cpu(size, dtype, op):
    """A new uninitialised CPU tensor with the sizes of an op(*size) call, of dtype (None: the
    default dtype)."""
    if dtype is None:
        dtype = D.get_default_dtype()
    elif type(dtype) is not D.dtype:
        _check_dtype(dtype, op)
    shape = int_sizes(size, op)
    return _cpu_result(_NEW_WITH_SIZE[dtype._index](len(shape), shape), dtype, shape)


def empty(*size, dtype=None, device=None, requires_grad=False, out=None, layout=None, pin_memory=False,
          memory_format=None):
    """An uninitialised tensor of the given size."""
    return _on(_empty_cpu(size, dtype, "empty"), device)


def zeros(*size, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    """A tensor of zeros."""
    t = _empty_cpu(size, dtype, "zeros")
    if _ZERO[t._dtype._index](t._h):
        raise_error()
    return _on(t, device)


def ones(*size, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    """A tensor of ones."""
    return empty(*size, dtype=dtype, device=device).fill_(1)


def _scalar_dtype(value):
    if isinstance(value, Tensor):
        return value.dtype
    return D.scalar_dtype(value)


def full(size, fill_value, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    """A tensor of `size` filled with fill_value (dtype inferred from it when not given)."""
    return empty(size, dtype=dtype or _scalar_dtype(fill_value), device=device).fill_(fill_value)


def empty_like(t, dtype=None, device=None, requires_grad=False, memory_format=None, layout=None):
    return empty(t.shape, dtype=dtype or t.dtype, device=device or t.device)


def zeros_like(t, dtype=None, device=None, requires_grad=False, memory_format=None, layout=None):
    return zeros(t.shape, dtype=dtype or t.dtype, device=device or t.device)


def ones_like(t, dtype=None, device=None, requires_grad=False, memory_format=None, layout=None):
    return ones(t.shape, dtype=dtype or t.dtype, device=device or t.device)


def full_like(t, fill_value, dtype=None, device=None, requires_grad=False, memory_format=None, layout=None):
    return full(t.shape, fill_value, dtype=dtype or t.dtype, device=device or t.device)


def from_numpy(arr):
    """A tensor sharing memory with the NumPy array `arr` (writes show through both ways)."""
    if not isinstance(arr, np.ndarray):
        raise TypeError("from_numpy: expected a numpy.ndarray, but got %s" % type(arr).__name__)
    if not arr.dtype.isnative:
        raise ValueError("from_numpy: expected an array in native byte order, but got dtype %s" % arr.dtype.str)
    dt = D.from_numpy_dtype(arr.dtype)
    if not arr.flags.writeable:
        import warnings

        warnings.warn("from_numpy: the array is not writeable; writing to the tensor is undefined behaviour")
    h = CPU.tensor_from_numpy(arr, dt._index)
    return _wrap(h, dt, CPU, tuple(arr.shape))


def _infer_dtype(data):
    """The dtype torch.tensor gives nested Python data: bool, int64 or the default float."""
    if isinstance(data, Tensor):
        return data.dtype
    if isinstance(data, np.ndarray):
        return D.from_numpy_dtype(data.dtype)
    if isinstance(data, (bool, np.bool_)):
        return D.bool
    if isinstance(data, (numbers.Integral,)):
        return D.int64
    if isinstance(data, numbers.Real):
        return D.get_default_dtype() if not isinstance(data, np.floating) else D.from_numpy_dtype(data.dtype)
    if isinstance(data, (list, tuple)):
        kinds = [_infer_dtype(x) for x in data]
        if not kinds:
            return D.get_default_dtype()
        r = kinds[0]
        for k in kinds[1:]:
            r = D.promote_types(r, k)
        return r
    raise TypeError("tensor: expected a number, a (nested) sequence of numbers, a numpy array or a tensor, but "
                    "got %s" % type(data).__name__)


def _to_numpy(data, dt):
    try:
        arr = np.array(data, dtype=dt._np)
    except ValueError as e:
        raise ValueError("tensor: expected a sequence of equal-length sequences (a rectangular shape), but got "
                         "ragged data (%s)" % e) from None
    except TypeError as e:
        raise TypeError("tensor: expected numbers, but got %s" % e) from None
    if arr.dtype == object:
        raise TypeError("tensor: expected numbers, but got objects of other types")
    return arr


def _tensor_from_array(arr, dt):
    """A new tensor (own storage) holding a copy of the NumPy array arr."""
    arr = np.asarray(arr, dtype=dt._np)
    if not arr.flags.c_contiguous:  # (np.ascontiguousarray would turn a 0-d array into 1-d)
        arr = arr.copy(order="C")
    shape = tuple(arr.shape)
    h = CPU.new("Tensor_newWithSize", dt._index, len(shape), _int64_array(shape))
    if arr.size:
        ffi.memmove(ffi.cast("void *", CPU.data_ptr(h, dt._index)), arr, arr.nbytes)
    return _wrap(h, dt, CPU, shape)


def tensor(data, dtype=None, device=None, requires_grad=False, pin_memory=False):
    """A new tensor holding a copy of `data` (number, nested sequences, numpy array or tensor).
    Without dtype: bools -> bool, ints -> int64, floats -> the default dtype, arrays keep theirs."""
    _check_dtype(dtype, "tensor")
    if isinstance(data, Tensor):
        t = data.detach().clone() if hasattr(data, "detach") else data.clone()
        return _on(t._cast(dtype) if dtype else t, device)
    dt = dtype or _infer_dtype(data)
    arr = data if isinstance(data, np.ndarray) else _to_numpy(_unwrap_tensors(data), dt)
    return _on(_tensor_from_array(arr, dt), device)


def _unwrap_tensors(data):
    """Nested lists may hold tensors (e.g. [t1, t2]): turn them into nested lists of numbers."""
    if isinstance(data, Tensor):
        return data.tolist()
    if isinstance(data, (list, tuple)):
        return [_unwrap_tensors(x) for x in data]
    return data


def as_tensor(data, dtype=None, device=None):
    """data itself if it is a tensor of that dtype, a tensor sharing a numpy array's memory when
    possible, else a copy."""
    if isinstance(data, Tensor):
        return _on(data._cast(dtype) if dtype else data, device)
    if isinstance(data, np.ndarray) and (dtype is None or dtype._np == data.dtype):
        try:
            return _on(from_numpy(data), device)
        except (TypeError, ValueError):
            pass
    return tensor(data, dtype=dtype, device=device)


def scalar_tensor(value, dtype=None, device=None, requires_grad=False):
    return full((), value, dtype=dtype or D.get_default_dtype(), device=device)


def _range_dtype(values, dtype):
    if dtype is not None:
        return dtype
    if any(isinstance(v, float) or (isinstance(v, Tensor) and v.is_floating_point()) for v in values):
        return D.get_default_dtype()
    return D.int64


def _number(v):
    return v.item() if isinstance(v, Tensor) else v


def arange(start, end=None, step=1, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    """Values from start (default 0) up to but excluding end, step apart."""
    if end is None:
        start, end = 0, start
    dt = _range_dtype((start, end, step), dtype)
    start, end, step = _number(start), _number(end), _number(step)
    h = CPU.new("Tensor_arange_new", dt._index, *_accreal_args(dt, start, end, step))
    return _on(_wrap(h, dt, CPU), device)


def range(start, end=None, step=1, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    """Deprecated torch.range: like arange but includes end; default dtype is floating."""
    if end is None:
        start, end = 0, start
    dt = dtype or D.get_default_dtype()
    start, end, step = _number(start), _number(end), _number(step)
    h = CPU.new("Tensor_range_new", dt._index, *_accreal_args(dt, start, end, step))
    return _on(_wrap(h, dt, CPU), device)


def _accreal_args(dt, *values):
    """Scalars for TH parameters of type accreal: double for floating types, int64 otherwise."""
    if dt.is_floating_point:
        return [float(v) for v in values]
    if any(isinstance(v, float) and v != int(v) for v in values):
        raise TypeError("arange: expected integer bounds and step for an integer dtype %s, but got %s"
                        % (dt, list(values)))
    return [int(v) for v in values]


def linspace(start, end, steps, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    """`steps` values evenly spaced from start to end inclusive."""
    dt = dtype or D.get_default_dtype()
    _check_steps(steps, "linspace")
    acc = float if dt.is_floating_point else int
    h = CPU.new("Tensor_linspace_new", dt._index, acc(_number(start)), acc(_number(end)), steps)
    return _on(_wrap(h, dt, CPU), device)


def logspace(start, end, steps, base=10.0, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    """base ** linspace(start, end, steps)."""
    dt = dtype or D.get_default_dtype()
    _check_steps(steps, "logspace")
    acc = float if dt.is_floating_point else int
    h = CPU.new("Tensor_logspace_new", dt._index, acc(_number(start)), acc(_number(end)), steps, float(base))
    return _on(_wrap(h, dt, CPU), device)


def _check_steps(steps, op):
    if isinstance(steps, bool) or not isinstance(steps, int):
        raise TypeError("%s: expected an integer number of steps, but got %s" % (op, type(steps).__name__))
    if steps < 0:
        raise RuntimeError("%s: expected a non-negative number of steps, but got %d" % (op, steps))


def eye(n, m=None, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    """The n x m (default n x n) identity matrix."""
    m = n if m is None else m
    for v, name in ((n, "n"), (m, "m")):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise RuntimeError("eye: expected a non-negative integer %s, but got %r" % (name, v))
    dt = dtype or D.get_default_dtype()
    h = CPU.new("Tensor_eye_new", dt._index, n, m)
    return _on(_wrap(h, dt, CPU, (n, m)), device)


# ---- the legacy typed constructors: torch.FloatTensor(2, 3), isinstance(t, torch.FloatTensor) ----

def legacy_constructor(dt, args, kwargs, cls=Tensor):
    """What torch.<Type>Tensor(...) and torch.Tensor(...) do: () -> empty, sizes -> uninitialised
    tensor of that shape, a sequence/array -> a tensor of those values, a Storage -> a view of it."""
    from .storage import Storage

    device = kwargs.pop("device", None)
    if kwargs:
        raise TypeError("%s(): got unexpected keyword arguments %s" % (dt._legacy, sorted(kwargs)))
    if not args:
        return empty(0, dtype=dt, device=device)
    if len(args) == 1:
        a = args[0]
        if isinstance(a, Tensor):
            return a._cast(dt)
        if isinstance(a, Storage):
            return empty(0, dtype=dt).set_(a)
        if isinstance(a, (list, tuple, np.ndarray)) and not _is_size(a):
            return tensor(a, dtype=dt, device=device)
    if all(isinstance(a, int) and not isinstance(a, bool) for a in args) or (len(args) == 1 and _is_size(args[0])):
        return empty(*args, dtype=dt, device=device)
    raise TypeError("%s(): expected sizes, a sequence of numbers, a numpy array, a tensor or a storage, but got %s"
                    % (dt._legacy, ", ".join(type(a).__name__ for a in args)))


def _is_size(x):
    from ._size import Size

    return isinstance(x, Size)


class _TypedTensorMeta(type):
    """isinstance(t, torch.FloatTensor) is true for tensors of that dtype; calling the class
    constructs one."""

    def __instancecheck__(cls, obj):
        return isinstance(obj, Tensor) and obj.dtype is cls._legacy_dtype

    def __call__(cls, *args, **kwargs):
        return legacy_constructor(cls._legacy_dtype, args, dict(kwargs))

    def __repr__(cls):
        return "<class 'torch.%s'>" % cls.__name__


def _typed_class(dt):
    return _TypedTensorMeta(dt._legacy, (), {"_legacy_dtype": dt, "dtype": dt,
                                             "__doc__": "Legacy constructor and type for %s tensors." % dt})


TYPED_CLASSES = {dt._legacy: _typed_class(dt) for dt in D.ALL}
