"""Storage: the flat, typed memory a tensor views (layer: tensor)."""
from . import _dtype as D
from ._C import ffi
from .backends.cpu import CPU


class Storage:
    """A one-dimensional block of elements of one dtype, shared by every tensor that views it.

    Storage(n, dtype=...) allocates n elements; Storage([1, 2, 3], dtype=...) holds those values.
    """

    __slots__ = ("_h", "dtype", "_bk", "__weakref__")

    def __init__(self, size_or_data=0, dtype=None):
        dt = dtype or D.get_default_dtype()
        self.dtype, self._bk = dt, CPU
        data = None
        if not isinstance(size_or_data, int):
            data = list(size_or_data)
            size_or_data = len(data)
        self._h = _own(CPU.value("Storage_newWithSize", dt._index, size_or_data), dt)
        for i, v in enumerate(data or ()):
            self[i] = v

    def size(self):
        return CPU.value("Storage_size", self.dtype._index, self._h)

    def __len__(self):
        return self.size()

    def element_size(self):
        return self.dtype.itemsize

    def nbytes(self):
        return self.size() * self.dtype.itemsize

    def data_ptr(self):
        return int(ffi.cast("uintptr_t", CPU.value("Storage_data", self.dtype._index, self._h)))

    def __getitem__(self, i):
        n = len(self)
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(n))]
        v = CPU.value("Storage_get", self.dtype._index, self._h, i + n if i < 0 else i)
        return bool(v) if self.dtype is D.bool else v

    def __setitem__(self, i, v):
        n = len(self)
        CPU.run("Storage_set", self.dtype._index, self._h, i + n if i < 0 else i, self.dtype._py(v))

    def fill_(self, v):
        CPU.run("Storage_fill", self.dtype._index, self._h, self.dtype._py(v))
        return self

    def tolist(self):
        return [self[i] for i in range(len(self))]

    def is_shared(self):
        return False

    def type(self):
        return "torch." + self.dtype._legacy.replace("Tensor", "Storage")

    def __repr__(self):
        body = "\n".join(" " + str(v) for v in self.tolist())
        return "%s\n[%s of size %d]" % (body, self.type(), len(self))

    def __iter__(self):
        return iter(self.tolist())


def _own(p, dt):
    if not p:
        from ._C import raise_error

        raise_error()
    return ffi.gc(p, CPU.table("Storage_free")[dt._index])


def storage_of(t):
    """The Storage object for tensor t's storage (a new reference to the same memory)."""
    st = Storage.__new__(Storage)
    st.dtype, st._bk = t.dtype, t._bk
    i = t.dtype._index
    p = CPU.value("Tensor_storage", i, t._h)
    CPU.run("Storage_retain", i, p)
    st._h = _own(p, t.dtype)
    return st
