"""The CPU backend: TH through the cffi shims (layer: backends)."""
import numpy as np

from .. import _C
from .._C import ffi, lib
from .._device import device
from .._dtype import ALL

_TENSOR_CTYPES = tuple("TH%sTensor *" % t for t in _C.TYPE_NAMES)
_DTYPE_NAMES = tuple(d.name for d in ALL)


class CPUBackend:
    """TH's primitives, looked up once per (op, dtype) into tuples indexed by dtype index."""

    name = "cpu"

    def __init__(self):
        self.device = device("cpu")
        self._tables = {}
        self.free = _C.table("Tensor_free")
        # the free shim for each tensor pointer type, for ops whose result dtype differs from dt
        self._free_by_ctype = {ffi.typeof(c): f for c, f in zip(_TENSOR_CTYPES, self.free)}

    def table(self, op):
        """The shims for `op` over every dtype (None where TH lacks it): bind this once at import
        on hot paths instead of calling new/run."""
        t = self._tables.get(op)
        if t is None:
            t = self._tables[op] = _C.table(op)
        return t

    def _fn(self, op, dt):
        fn = self.table(op)[dt]
        if fn is None:
            have = [_DTYPE_NAMES[i] for i, f in enumerate(self.table(op)) if f is not None]
            raise TypeError("%s: expected a tensor of dtype %s, but got torch.%s" % (
                _op_display(op), " or ".join("torch." + n for n in have) or "(none)", _DTYPE_NAMES[dt]))
        return fn

    def has(self, op, dt):
        return self.table(op)[dt] is not None

    def own(self, p):
        """Takes ownership of a tensor pointer a shim returned (NULL raises the pending error)."""
        if not p:
            _C.raise_error()
        return ffi.gc(p, self._free_by_ctype[ffi.typeof(p)])

    def new(self, op, dt, *args):
        p = self._fn(op, dt)(*args)
        if not p:
            _C.raise_error()
        return ffi.gc(p, self._free_by_ctype[ffi.typeof(p)])

    def run(self, op, dt, *args):
        if self._fn(op, dt)(*args):
            _C.raise_error()

    def value(self, op, dt, *args):
        v = self._fn(op, dt)(*args)
        if lib.THPy_errorKind() >= 0:
            _C.raise_error()
        return v

    # ---- host memory ----

    def shape_of(self, h):
        return tuple(h.size[0:h.nDimension])

    def strides_of(self, h):
        return tuple(h.stride[0:h.nDimension])

    def data_ptr(self, h, dt):
        return int(ffi.cast("uintptr_t", self.value("Tensor_data", dt, h)))

    def tensor_from_numpy(self, arr, dt):
        """A tensor sharing `arr`'s memory (kept alive until TH frees the storage)."""
        itemsize = arr.dtype.itemsize
        sizes, strides = arr.shape, []
        for s in arr.strides:
            if s < 0:
                raise ValueError("from_numpy: expected non-negative strides, but got strides %s (copy the array "
                                 "first, e.g. with arr.copy())" % (arr.strides,))
            if s % itemsize:
                raise ValueError("from_numpy: expected strides that are multiples of the element size %d, but got "
                                 "%s" % (itemsize, arr.strides))
            strides.append(s // itemsize)
        extent = 0 if 0 in sizes else 1 + sum((n - 1) * s for n, s in zip(sizes, strides))
        ptr = ffi.cast("void *", arr.__array_interface__["data"][0])
        ctx = _C.external_context(arr)
        st = self._fn("Storage_newWithDataAndAllocator", dt)(ptr, extent, lib.THPy_externalAllocator(), ctx)
        if not st:
            _C.raise_error()
        try:
            return self.new("Tensor_newWithStorage", dt, st, 0, len(sizes), ffi.new("int64_t[]", list(sizes)),
                            ffi.new("int64_t[]", strides))
        finally:
            self._fn("Storage_free", dt)(st)

    def array_interface(self, h, dt, np_dtype):
        """The __array_interface__ dict describing tensor h's memory."""
        shape = self.shape_of(h)
        item = np_dtype.itemsize
        return {"shape": shape, "typestr": np_dtype.str, "version": 3,
                "data": (self.data_ptr(h, dt) if 0 not in shape else 0, False),
                "strides": tuple(s * item for s in self.strides_of(h))}


def _op_display(op):
    name = op.split("_", 1)[-1]
    return name[:-4] if name.endswith("_new") else name


CPU = CPUBackend()

__all__ = ["CPU", "CPUBackend", "np"]
