"""dtype objects and PyTorch's type-promotion rules (layer: tensor; imports nothing of the package).

Each dtype carries `_index`, its position in TH's type list (pytorch_py._C.TYPE_NAMES), which is
how kernels are looked up: tables indexed by a small integer, never by string, on hot paths.
"""
import builtins

import numpy as np


class dtype:
    """An element type, e.g. `torch.float32`.  Compare with `is` or `==`."""

    __slots__ = ("name", "_index", "itemsize", "is_floating_point", "is_signed", "_th", "_np", "_category",
                 "_legacy", "_py")

    def __init__(self, name, index, th, np_dtype, category, legacy, py):
        self.name = name
        self._index = index
        self._th = th
        self._np = np.dtype(np_dtype)
        self.itemsize = self._np.itemsize
        self._category = category  # 0 bool, 1 integral, 2 floating: promotion compares these
        self.is_floating_point = category == 2
        self.is_signed = category == 2 or (category == 1 and self._np.kind == "i")
        self._legacy = legacy  # the typed-tensor name, e.g. "FloatTensor"
        self._py = py  # converts a Python scalar to what the C kernels take for this dtype

    def __repr__(self):
        return "torch." + self.name

    def __reduce__(self):
        return (_dtype_by_name, (self.name,))

    @property
    def is_complex(self):
        return False

    def to_real(self):
        return self


def _to_int(v):
    return int(v)


float64 = dtype("float64", 0, "Double", np.float64, 2, "DoubleTensor", builtins.float)
float32 = dtype("float32", 1, "Float", np.float32, 2, "FloatTensor", builtins.float)
float16 = dtype("float16", 2, "Half", np.float16, 2, "HalfTensor", builtins.float)
int64 = dtype("int64", 3, "Long", np.int64, 1, "LongTensor", _to_int)
int32 = dtype("int32", 4, "Int", np.int32, 1, "IntTensor", _to_int)
int16 = dtype("int16", 5, "Short", np.int16, 1, "ShortTensor", _to_int)
int8 = dtype("int8", 6, "Char", np.int8, 1, "CharTensor", _to_int)
uint8 = dtype("uint8", 7, "Byte", np.uint8, 1, "ByteTensor", _to_int)
bool = dtype("bool", 8, "Bool", np.bool_, 0, "BoolTensor", builtins.bool)

ALL = (float64, float32, float16, int64, int32, int16, int8, uint8, bool)
_BY_NAME = {d.name: d for d in ALL}
_BY_NAME.update(float=float32, double=float64, half=float16, long=int64, int=int32, short=int16)
_BY_NP = {d._np: d for d in ALL}
_BY_LEGACY = {d._legacy: d for d in ALL}


def _dtype_by_name(name):
    return _BY_NAME[name]


def from_numpy_dtype(np_dtype):
    """The dtype for a NumPy dtype; TypeError for one TH has no type for."""
    npd = np.dtype(np_dtype)
    d = _BY_NP.get(npd.newbyteorder("=") if npd.byteorder not in "=|" else npd)
    if d is None:
        raise TypeError("from_numpy: expected a numpy array of float64, float32, float16, int64, int32, int16, "
                        "int8, uint8 or bool, but got dtype %s" % np.dtype(np_dtype))
    return d


_default_dtype = float32


def get_default_dtype():
    """The dtype Python floats become (float32 unless set_default_dtype changed it)."""
    return _default_dtype


def set_default_dtype(d):
    """Sets the dtype of Python floats in tensor creation and promotion (float32 or float64 or float16)."""
    global _default_dtype
    if not isinstance(d, dtype) or not d.is_floating_point:
        raise TypeError("set_default_dtype: expected a floating point dtype, but got %r" % (d,))
    _default_dtype = d


_FLOAT_RANK = {float16: 0, float32: 1, float64: 2}


def promote_types(a, b):
    """The smallest dtype both a and b convert to without losing their category (torch.promote_types)."""
    if a is b:
        return a
    if a._category != b._category:
        hi, lo = (a, b) if a._category > b._category else (b, a)
        return hi
    if a._category == 2:
        return a if _FLOAT_RANK[a] > _FLOAT_RANK[b] else b
    if a._category == 0:
        return a
    return _BY_NP[np.promote_types(a._np, b._np)]


def scalar_dtype(value):
    """The dtype a Python scalar takes when it meets no tensor of its category."""
    if isinstance(value, builtins.bool):
        return bool
    if isinstance(value, (int, np.integer)):
        return int64
    if isinstance(value, (builtins.float, np.floating)):
        return _default_dtype
    if isinstance(value, np.bool_):
        return bool
    raise TypeError("expected a Python number, but got %s" % type(value).__name__)


def _combine(higher, lower):
    """PyTorch's rule for merging a higher-priority group's dtype with a lower one's."""
    if higher is None:
        return lower
    if lower is None:
        return higher
    if higher._category == 2:
        return higher
    if higher._category == 0 or lower._category == 2:
        return promote_types(higher, lower)
    return higher


def result_type_of(dim_dtypes, zero_dim_dtypes, scalars):
    """torch.result_type over tensors with dims, 0-d tensors and Python scalars, in that priority:
    a lower group only matters when it brings a higher category (bool < integer < floating)."""
    def fold(ds):
        r = None
        for d in ds:
            r = d if r is None else promote_types(r, d)
        return r

    wrapped = fold(scalar_dtype(s) for s in scalars)
    return _combine(fold(dim_dtypes), _combine(fold(zero_dim_dtypes), wrapped))
