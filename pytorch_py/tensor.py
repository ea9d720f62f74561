"""Layer tensor: the Tensor class.  Imports _C (for ffi only), backends and the small
dtype/device/size modules; never autograd, nn or optim.

A Tensor is a thin Python object over a backend handle: `_h` (for the CPU backend an owned cffi
`TH<Type>Tensor *`), `_dtype`, `_shape` (a cached tuple: reading sizes from C per access costs
more than the ops themselves on small tensors) and `_bk`, its backend.  Every operation goes
Tensor method -> backend -> kernel.  Broadcasting and type promotion are decided here, once,
before the kernel runs.  The math methods live in the _ops_* mixins; this file holds the core:
construction, views, conversions, copying, and the hot arithmetic operators.
"""
import numbers

import numpy as np

from . import _dtype as D
from ._broadcast import broadcast_shapes, parse_shape, wrap_dim
from ._C import ffi, raise_error
from ._device import device as _device_cls
from ._size import Size
from .backends import get_backend
from .backends.cpu import CPU

_new_obj = object.__new__
_gc = ffi.gc
_COPY_FROM = tuple("Tensor_copy" + d._th for d in D.ALL)

# CPU kernels of the hot paths, bound once (indexed by dtype index): the methods below call them
# directly when the tensor is on the CPU, and go through the backend's generic new/run otherwise
_FREE = CPU.free
_NEW_VIEW = CPU.table("Tensor_newView")
_NEW_SELECT = CPU.table("Tensor_newSelect")
_NEW_TRANSPOSE = CPU.table("Tensor_newTranspose")
_NEW_EXPAND = CPU.table("Tensor_newExpand")
_NEW_WITH_TENSOR = CPU.table("Tensor_newWithTensor")
_NEW_WITH_SIZE = CPU.table("Tensor_newWithSize")
_UNSQUEEZE1D = CPU.table("Tensor_unsqueeze1d")
_IS_CONTIGUOUS = CPU.table("Tensor_isContiguous")
_ITEM_DOUBLE = CPU.table("Tensor_itemDouble")
_ITEM_LONG = CPU.table("Tensor_itemLong")
_ZERO = CPU.table("Tensor_zero")
_FILL = CPU.table("Tensor_fill")


def _cpu_result(p, dt, shape):
    """The Tensor owning p, a new CPU tensor pointer of dtype dt and the given shape, which a
    `_new` shim returned (NULL: raises the error TH reported)."""
    if not p:
        raise_error()
    t = _new_obj(Tensor)
    t._h = _gc(p, _FREE[dt._index])
    t._dtype = dt
    t._bk = CPU
    t._shape = shape
    t._ag = None
    return t


def _wrap(h, dt, bk, shape=None):
    """A Tensor owning handle h (of dtype dt on backend bk)."""
    t = _new_obj(Tensor)
    t._h = h
    t._dtype = dt
    t._bk = bk
    t._shape = bk.shape_of(h) if shape is None else shape
    t._ag = None
    return t


def _int64_array(values):
    return ffi.new("int64_t[]", list(values) or [0])


def _is_scalar(x):
    return isinstance(x, (numbers.Number, np.bool_)) and not isinstance(x, Tensor)


from ._ops_blas import BlasMixin  # noqa: E402  (the mixin modules get Tensor and _wrap at the end)
from ._ops_index import IndexMixin  # noqa: E402
from ._ops_lapack import LapackMixin  # noqa: E402
from ._ops_pointwise import PointwiseMixin  # noqa: E402
from ._ops_random import RandomMixin  # noqa: E402
from ._ops_reduce import ReduceMixin  # noqa: E402
from ._ops_shape import ShapeMixin  # noqa: E402
from ._ops_sort import SortMixin  # noqa: E402


def parse_to_args(args, kwargs):
    """(dtype, device, copy) from the arguments of Tensor.to / Module.to: to(dtype), to(device),
    to(device, dtype), to(tensor) and the keywords dtype, device, copy, non_blocking,
    memory_format (None where not given)."""
    kwargs = dict(kwargs)
    dt, dev = kwargs.pop("dtype", None), kwargs.pop("device", None)
    copy = kwargs.pop("copy", False)
    kwargs.pop("non_blocking", None)
    kwargs.pop("memory_format", None)
    if kwargs:
        raise TypeError("to: got unexpected keyword arguments %s" % sorted(kwargs))
    for a in args:
        if isinstance(a, D.dtype):
            dt = a
        elif isinstance(a, Tensor):
            dt, dev = a._dtype, a.device
        elif isinstance(a, (str, _device_cls)):
            dev = a
        else:
            raise TypeError("to: expected a dtype, device or tensor, but got %s" % type(a).__name__)
    return dt, dev, copy


class Tensor(PointwiseMixin, ReduceMixin, IndexMixin, ShapeMixin, BlasMixin, LapackMixin, RandomMixin, SortMixin):
    """A multi-dimensional array of one dtype on one device.

    Construct tensors with pytorch_py.tensor / zeros / ones / empty / from_numpy ...; calling
    Tensor(...) directly behaves as torch.Tensor(...): Tensor(2, 3) is an uninitialised float
    tensor of that shape, Tensor([1, 2]) a float tensor with those values.
    """

    # _ag holds all autograd state (None until the tensor takes part in autograd): one slot, so
    # making a tensor sets one more attribute and the hot operators test one slot
    __slots__ = ("_h", "_dtype", "_shape", "_bk", "_ag", "__weakref__")

    def __new__(cls, *args, **kwargs):
        from ._creation import legacy_constructor

        return legacy_constructor(D.get_default_dtype(), args, kwargs, cls)

    # ---- properties ----

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        return Size(self._shape)

    @property
    def device(self):
        return self._bk.device

    @property
    def is_cuda(self):
        return self._bk.name == "cuda"

    @property
    def ndim(self):
        return len(self._shape)

    # Autograd's face (requires_grad, grad, grad_fn, is_leaf, data, backward, detach, hooks...) is
    # installed onto Tensor by pytorch_py.autograd when it is imported (this layer may not import
    # it); the defaults below describe a tensor that takes no part in autograd.
    requires_grad = False
    grad = None
    grad_fn = None
    is_leaf = True

    @property
    def data(self):
        """The same tensor (autograd replaces this with a detached alias); the classic `.data` idiom."""
        return self

    @property
    def T(self):
        """The tensor with its dims reversed."""
        return self.permute(*range(self.dim() - 1, -1, -1))

    def size(self, dim=None):
        """The shape as a torch.Size, or the size of one dim."""
        if dim is None:
            return Size(self._shape)
        return self._shape[wrap_dim(dim, len(self._shape), "size")] if self._shape else 1

    def stride(self, dim=None):
        """Element strides, as a tuple or for one dim."""
        st = self._bk.strides_of(self._h)
        if dim is None:
            return st
        return st[wrap_dim(dim, len(st), "stride")] if st else 1

    def dim(self):
        return len(self._shape)

    ndimension = dim

    def numel(self):
        return _numel(self._shape)

    nelement = numel

    def element_size(self):
        return self._dtype.itemsize

    def storage_offset(self):
        return self._bk.value("Tensor_storageOffset", self._dtype._index, self._h)

    def data_ptr(self):
        return self._bk.data_ptr(self._h, self._dtype._index)

    def is_contiguous(self, memory_format=None):
        return bool(self._bk.value("Tensor_isContiguous", self._dtype._index, self._h))

    def is_floating_point(self):
        return self._dtype.is_floating_point

    def is_signed(self):
        return self._dtype.is_signed

    def is_set_to(self, other):
        """Whether both tensors view the same storage with the same offset, sizes and strides."""
        return (self._dtype is other._dtype and
                bool(self._bk.value("Tensor_isSetTo", self._dtype._index, self._h, other._h)))

    def storage(self):
        """The Storage this tensor views (shared, not copied)."""
        from .storage import storage_of

        return storage_of(self)

    def get_device(self):
        return -1 if self._bk.name == "cpu" else (self.device.index or 0)

    def __len__(self):
        if not self._shape:
            raise TypeError("len() of a 0-d tensor")
        return self._shape[0]

    def __iter__(self):
        if not self._shape:
            raise TypeError("iteration over a 0-d tensor")
        return (self.select(0, i) for i in range(self._shape[0]))

    def __hash__(self):
        return id(self)

    def __repr__(self):
        from ._tensor_str import tensor_repr

        return tensor_repr(self)

    __str__ = __repr__

    def __format__(self, spec):
        if not self._shape:
            return format(self.item(), spec)
        return object.__format__(self, spec) if spec else repr(self)

    def __reduce_ex__(self, proto):
        return (_rebuild_from_numpy, (self.numpy().copy(), self._dtype.name))

    # ---- scalars out ----

    def item(self):
        """The value of a one-element tensor as a Python number."""
        dt = self._dtype
        floating = dt.is_floating_point
        shape = self._shape
        if self._bk is CPU and (not shape or shape == (1,)):  # one element: the kernel cannot fail
            v = (_ITEM_DOUBLE if floating else _ITEM_LONG)[dt._index](self._h)
        else:
            v = self._bk.value("Tensor_itemDouble" if floating else "Tensor_itemLong", dt._index, self._h)
        return bool(v) if dt is D.bool else v

    def __bool__(self):
        if self.numel() != 1:
            raise RuntimeError("bool: expected a tensor with one element, but got %d elements (the truth value of a "
                               "tensor with more than one value is ambiguous)" % self.numel())
        return bool(self.item())

    def __float__(self):
        return float(self.item())

    def __int__(self):
        return int(self.item())

    def __index__(self):
        if self._dtype.is_floating_point or self.numel() != 1:
            raise TypeError("__index__: expected a one-element integer tensor, but got %s of shape %s"
                            % (self._dtype, list(self._shape)))
        return int(self.item())

    def __complex__(self):
        return complex(self.item())

    def tolist(self):
        """Nested Python lists of Python numbers (a number for a 0-d tensor)."""
        return self.numpy().tolist()

    # ---- NumPy ----

    def numpy(self, force=False):
        """A NumPy array sharing this tensor's memory (writes show through both ways)."""
        if self._bk is not CPU:
            if not force:
                raise TypeError("numpy: expected a CPU tensor, but got one on %s (use .cpu() first)" % self.device)
            return self.cpu().numpy()
        return np.asarray(_ArrayView(self))

    def __array__(self, dtype=None, copy=None):
        a = self.numpy()
        return a if dtype is None else a.astype(dtype)

    # ---- dtype and device conversion ----

    def _cast(self, dt):
        """This tensor converted to dtype dt (self if it already is)."""
        if dt is self._dtype:
            return self
        bk = self._bk
        h = bk.new("Tensor_newWithSize", dt._index, len(self._shape), _int64_array(self._shape))
        bk.run(_COPY_FROM[self._dtype._index], dt._index, h, self._h)
        return _wrap(h, dt, bk, self._shape)

    def type(self, dtype=None, non_blocking=False, **kwargs):
        """With no argument, the legacy type name ('torch.FloatTensor'); else the tensor converted to
        a dtype, a type name string, or a typed-tensor class."""
        if dtype is None:
            return "torch." + self._dtype._legacy
        return self._cast(_resolve_type(dtype, "type"))

    def type_as(self, other):
        return self._cast(other._dtype)

    def to(self, *args, **kwargs):
        """Converts dtype and/or device: to(dtype), to(device), to(device, dtype), to(other),
        to(dtype=..., device=..., copy=...)."""
        dt, dev, copy = parse_to_args(args, kwargs)
        t = self
        if dev is not None:
            dev = _device_cls(dev) if not isinstance(dev, _device_cls) else dev
            bk = get_backend(dev.type)
            if bk is not self._bk:
                t = bk.from_cpu(self.cpu(), dev) if bk is not CPU else self._bk.to_cpu(self)
        if dt is not None:
            t = t._cast(dt)
        if copy and t is self:
            t = self.clone()
        return t

    def cpu(self):
        return self if self._bk is CPU else self._bk.to_cpu(self)

    def double(self):
        return self._cast(D.float64)

    def float(self):
        return self._cast(D.float32)

    def half(self):
        return self._cast(D.float16)

    def long(self):
        return self._cast(D.int64)

    def int(self):
        return self._cast(D.int32)

    def short(self):
        return self._cast(D.int16)

    def char(self):
        return self._cast(D.int8)

    def byte(self):
        return self._cast(D.uint8)

    def bool(self):
        return self._cast(D.bool)

    # ---- copying and filling ----

    def clone(self, memory_format=None):
        """A copy with its own storage (same layout as self when self is dense)."""
        dt = self._dtype._index
        h = self._bk.new("Tensor_newEmptyLike", dt, self._h)
        self._bk.run("Tensor_copy", dt, h, self._h)
        return _wrap(h, self._dtype, self._bk, self._shape)

    def contiguous(self, memory_format=None):
        """self if already contiguous (the same object, as in PyTorch), else a contiguous copy."""
        i = self._dtype._index
        if self._bk is CPU and _IS_CONTIGUOUS[i](self._h):
            return self
        return _wrap(self._bk.new("Tensor_newContiguous", i, self._h), self._dtype, self._bk, self._shape)

    def copy_(self, src, non_blocking=False):
        """Copies src (broadcast to self's shape, converted to self's dtype) into self."""
        if not isinstance(src, Tensor):
            if _is_scalar(src):
                return self.fill_(src)
            src = _tensor_like_input(src, self._dtype)
        if src._bk is not self._bk:
            src = src.to(self.device)
        if src._shape != self._shape:
            src = src.expand(*self._shape)
        self._bk.run(_COPY_FROM[src._dtype._index], self._dtype._index, self._h, src._h)
        return self

    def fill_(self, value):
        """Sets every element to value (a number or a one-element tensor)."""
        if isinstance(value, Tensor):
            if value.dim() != 0:
                raise RuntimeError("fill_: expected a 0-dimensional value tensor, but got one with %d dims"
                                   % value.dim())
            value = value.item()
        dt = self._dtype
        value = dt._py(_check_number(value, "fill_"))
        if self._bk is not CPU:
            self._bk.run("Tensor_fill", dt._index, self._h, value)
        elif _FILL[dt._index](self._h, value):
            raise_error()
        return self

    def zero_(self):
        """Sets every element to zero."""
        if self._bk is not CPU:
            self._bk.run("Tensor_zero", self._dtype._index, self._h)
        elif _ZERO[self._dtype._index](self._h):
            raise_error()
        return self

    def new_empty(self, *size, dtype=None, device=None, requires_grad=False):
        from ._creation import empty

        return _grad_if(empty(*size, dtype=dtype or self._dtype, device=device or self.device), requires_grad)

    def new_zeros(self, *size, dtype=None, device=None, requires_grad=False):
        return _grad_if(self.new_empty(*size, dtype=dtype, device=device).zero_(), requires_grad)

    def new_ones(self, *size, dtype=None, device=None, requires_grad=False):
        return _grad_if(self.new_empty(*size, dtype=dtype, device=device).fill_(1), requires_grad)

    def new_full(self, size, fill_value, dtype=None, device=None, requires_grad=False):
        return _grad_if(self.new_empty(size, dtype=dtype, device=device).fill_(fill_value), requires_grad)

    def new_tensor(self, data, dtype=None, device=None, requires_grad=False):
        from ._creation import tensor

        return _grad_if(tensor(data, dtype=dtype or self._dtype, device=device or self.device), requires_grad)

    def new(self, *args, **kwargs):
        from ._creation import legacy_constructor

        return legacy_constructor(self._dtype, args, kwargs, Tensor)

    def resize_(self, *size):
        """Reshapes self in place to a contiguous tensor of `size`, growing the storage if needed."""
        shape = parse_shape(size, "resize_")
        self._bk.run("Tensor_resizeNd", self._dtype._index, self._h, len(shape), _int64_array(shape), ffi.NULL)
        self._shape = shape
        return self

    def resize_as_(self, other):
        return self.resize_(other._shape)

    def set_(self, source=None, storage_offset=0, size=None, stride=None):
        """Makes self view `source` (a tensor or a storage) instead of its own storage."""
        from .storage import Storage

        dt = self._dtype._index
        if source is None:
            source = Storage(0, dtype=self._dtype)
        if isinstance(source, Tensor):
            self._bk.run("Tensor_set", dt, self._h, source._h)
        else:
            if source.dtype is not self._dtype:
                raise TypeError("set_: expected a storage of dtype %s, but got %s" % (self._dtype, source.dtype))
            size = tuple(size) if size is not None else (len(source) - storage_offset,)
            st = ffi.NULL if stride is None else _int64_array(stride)
            self._bk.run("Tensor_setStorage", dt, self._h, source._h, storage_offset, len(size), _int64_array(size),
                         st)
        self._shape = self._bk.shape_of(self._h)
        return self

    # ---- views (all share storage with self) ----

    def _view_of(self, h):
        return _wrap(h, self._dtype, self._bk)

    def _derived(self, op, table, shape, *args):
        """The tensor TH's `_new`-style kernel `op` makes from self and args (a view, mostly):
        through `table` (op's CPU shims) on the CPU, the backend's generic `new` elsewhere.  shape:
        the result's shape when the caller knows it, else None (read from the result)."""
        i = self._dtype._index
        if self._bk is not CPU or shape is None:
            return _wrap(self._bk.new(op, i, self._h, *args), self._dtype, self._bk, shape)
        p = table[i](self._h, *args)
        if not p:
            raise_error()
        # _cpu_result inlined: views are the most frequent small ops
        t = _new_obj(Tensor)
        t._h = _gc(p, _FREE[i])
        t._dtype = self._dtype
        t._bk = CPU
        t._shape = shape
        t._ag = None
        return t

    def view(self, *shape):
        """The same data seen with another shape (one size may be -1); no copy, so the strides must
        allow it (use reshape otherwise).  view(dtype) is not supported."""
        shape = _new_shape(shape, self._shape, "view")
        return self._derived("Tensor_newView", _NEW_VIEW, shape, len(shape), shape)

    def view_as(self, other):
        return self.view(other._shape)

    def reshape(self, *shape):
        """A view with the new shape when the strides allow, else a contiguous copy."""
        shape = _new_shape(shape, self._shape, "reshape")
        try:
            return self.view(*shape)
        except RuntimeError:
            return self.contiguous().view(*shape)

    def reshape_as(self, other):
        return self.reshape(other._shape)

    def flatten(self, start_dim=0, end_dim=-1):
        """Merges dims start_dim..end_dim into one."""
        nd = self.dim()
        if nd == 0:
            return self.reshape(1)
        s, e = wrap_dim(start_dim, nd, "flatten"), wrap_dim(end_dim, nd, "flatten")
        if s > e:
            raise IndexError("flatten: expected start_dim <= end_dim, but got %d > %d" % (s, e))
        n = 1
        for x in self._shape[s:e + 1]:
            n *= x
        return self.reshape(self._shape[:s] + (n,) + self._shape[e + 1:])

    def unflatten(self, dim, sizes):
        d = wrap_dim(dim, self.dim(), "unflatten")
        sizes = _infer_shape(tuple(sizes), self._shape[d], "unflatten")
        return self.view(self._shape[:d] + sizes + self._shape[d + 1:])

    def permute(self, *dims):
        """The tensor with its dims reordered."""
        dims = parse_shape(dims, "permute")
        nd = self.dim()
        dims = [wrap_dim(d, nd, "permute") for d in dims]
        h = self._bk.new("Tensor_newPermute", self._dtype._index, self._h, len(dims), ffi.new("int[]", dims or [0]))
        return self._view_of(h)

    def transpose(self, dim0, dim1):
        """The view with dims dim0 and dim1 swapped."""
        shape = self._shape
        nd = len(shape)
        d0, d1 = wrap_dim(dim0, nd, "transpose"), wrap_dim(dim1, nd, "transpose")
        if d0 != d1 and nd > 1:
            shape = list(shape)
            shape[d0], shape[d1] = shape[d1], shape[d0]
            shape = tuple(shape)
        return self._derived("Tensor_newTranspose", _NEW_TRANSPOSE, shape, d0, d1)

    swapaxes = swapdims = transpose

    def t(self):
        """Transpose of a tensor with at most 2 dims (the view with both dims swapped; a tensor
        with fewer dims is returned as it is)."""
        shape = self._shape
        nd = len(shape)
        if nd == 2:
            return self._derived("Tensor_newTranspose", _NEW_TRANSPOSE, (shape[1], shape[0]), 0, 1)
        if nd > 2:
            raise RuntimeError("t: expected a tensor with <= 2 dims, but got %d dims" % nd)
        return self

    def expand(self, *sizes):
        """A broadcast view with `sizes` (-1 keeps a size); size-1 dims repeat with stride 0."""
        shape = _expanded_shape(self._shape, sizes)
        if shape == self._shape:
            return self
        return self._derived("Tensor_newExpand", _NEW_EXPAND, shape, len(shape), shape)

    def expand_as(self, other):
        return self.expand(*other._shape)

    def squeeze(self, dim=None):
        """Removes dims of size 1 (all, or just `dim` if it has size 1)."""
        dt = self._dtype._index
        h = self._bk.new("Tensor_newWithTensor", dt, self._h)
        if dim is None:
            self._bk.run("Tensor_squeeze", dt, h, ffi.NULL)
        else:
            self._bk.run("Tensor_squeeze1d", dt, h, ffi.NULL, wrap_dim(dim, self.dim(), "squeeze"))
        return self._view_of(h)

    def unsqueeze(self, dim):
        """Inserts a dim of size 1 at `dim` (in [-ndim-1, ndim])."""
        shape = self._shape
        d = dim if type(dim) is int and 0 <= dim <= len(shape) else wrap_dim(dim, len(shape) + 1, "unsqueeze")
        out = self._derived("Tensor_newWithTensor", _NEW_WITH_TENSOR, shape[:d] + (1,) + shape[d:])
        if self._bk is not CPU:
            self._bk.run("Tensor_unsqueeze1d", self._dtype._index, out._h, ffi.NULL, d)
        elif _UNSQUEEZE1D[self._dtype._index](out._h, ffi.NULL, d):
            raise_error()
        return out

    def _set_header(self, fn, *args):
        """Runs a TH in-place header op (squeeze1d, transpose...) on self and refreshes the shape."""
        self._bk.run(fn, self._dtype._index, self._h, *args)
        self._shape = self._bk.shape_of(self._h)
        return self

    def squeeze_(self, dim=None):
        if dim is None:
            return self._set_header("Tensor_squeeze", ffi.NULL)
        return self._set_header("Tensor_squeeze1d", ffi.NULL, wrap_dim(dim, self.dim(), "squeeze_"))

    def unsqueeze_(self, dim):
        return self._set_header("Tensor_unsqueeze1d", ffi.NULL, wrap_dim(dim, self.dim() + 1, "unsqueeze_"))

    def transpose_(self, dim0, dim1):
        nd = self.dim()
        return self._set_header("Tensor_transpose", ffi.NULL, wrap_dim(dim0, nd, "transpose_"),
                                wrap_dim(dim1, nd, "transpose_"))

    def t_(self):
        if self.dim() > 2:
            raise RuntimeError("t_: expected a tensor with <= 2 dims, but got %d dims" % self.dim())
        return self if self.dim() < 2 else self.transpose_(0, 1)

    def narrow(self, dim, start, length):
        """The slice start:start+length of dim."""
        d = wrap_dim(dim, self.dim(), "narrow")
        if isinstance(start, Tensor):
            start = int(start)
        if start < 0:
            start += self._shape[d]
        h = self._bk.new("Tensor_newNarrow", self._dtype._index, self._h, d, start, length)
        return self._view_of(h)

    def select(self, dim, index):
        """The sub-tensor at `index` of `dim`, with that dim removed."""
        shape = self._shape
        if not shape:
            raise IndexError("select: expected a tensor with at least 1 dimension, but got a 0-d tensor")
        d = dim if type(dim) is int and 0 <= dim < len(shape) else wrap_dim(dim, len(shape), "select")
        n = shape[d]
        if index < -n or index >= n:
            raise IndexError("select: expected an index in [%d, %d) for dim %d of size %d, but got %d"
                             % (-n, n, d, n, index))
        return self._derived("Tensor_newSelect", _NEW_SELECT, shape[:d] + shape[d + 1:], d,
                             index + n if index < 0 else index)

    def unfold(self, dimension, size, step):
        """All windows of `size` elements along `dimension`, `step` apart, as a new last dim."""
        d = wrap_dim(dimension, self.dim(), "unfold")
        return self._view_of(self._bk.new("Tensor_newUnfold", self._dtype._index, self._h, d, size, step))

    def as_strided(self, size, stride, storage_offset=None):
        """A view of self's storage with the given sizes, strides and offset."""
        size, stride = tuple(size), tuple(stride)
        if len(size) != len(stride):
            raise RuntimeError("as_strided: expected as many strides as sizes, but got %d and %d"
                               % (len(stride), len(size)))
        off = self.storage_offset() if storage_offset is None else storage_offset
        h = self._bk.new("Tensor_newAsStrided", self._dtype._index, self._h, len(size), _int64_array(size),
                         _int64_array(stride), off)
        return _wrap(h, self._dtype, self._bk, size)

    def diagonal(self, offset=0, dim1=0, dim2=1):
        """The view of the diagonal `offset` over dims dim1 and dim2, as a new last dim."""
        nd = self.dim()
        d1, d2 = wrap_dim(dim1, nd, "diagonal"), wrap_dim(dim2, nd, "diagonal")
        if d1 == d2:
            raise RuntimeError("diagonal: expected two different dims, but got %d twice" % d1)
        st = self.stride()
        n1, n2 = self._shape[d1], self._shape[d2]
        if offset >= 0:
            length = max(0, min(n1, n2 - offset))
            start = offset * st[d2] if length else 0
        else:
            length = max(0, min(n1 + offset, n2))
            start = -offset * st[d1] if length else 0
        keep = [i for i in range(nd) if i not in (d1, d2)]
        size = [self._shape[i] for i in keep] + [length]
        stride = [st[i] for i in keep] + [st[d1] + st[d2]]
        return self.as_strided(size, stride, self.storage_offset() + start)

    def chunk(self, chunks, dim=0):
        """Splits into `chunks` views of equal size along dim (the last may be smaller)."""
        if chunks <= 0:
            raise RuntimeError("chunk: expected a positive number of chunks, but got %d" % chunks)
        d = wrap_dim(dim, self.dim(), "chunk")
        n = self._shape[d]
        step = max(1, -(-n // chunks))
        return self.split(step, d)

    def split(self, split_size_or_sections, dim=0):
        """Views of `split_size` elements along dim, or of the given section sizes."""
        d = wrap_dim(dim, self.dim(), "split")
        n = self._shape[d]
        if isinstance(split_size_or_sections, int):
            step = split_size_or_sections
            if step <= 0 and n > 0:
                raise RuntimeError("split: expected a positive split size, but got %d" % step)
            sizes = [min(step, n - i) for i in range(0, n, step)] if n else [0]
        else:
            sizes = list(split_size_or_sections)
            if sum(sizes) != n:
                raise RuntimeError("split: expected sections summing to the size %d of dim %d, but got %s (sum %d)"
                                   % (n, d, sizes, sum(sizes)))
        out, start = [], 0
        for s in sizes:
            out.append(self.narrow(d, start, s))
            start += s
        return tuple(out)

    def unbind(self, dim=0):
        """The tuple of slices along dim, each with that dim removed."""
        d = wrap_dim(dim, self.dim(), "unbind")
        return tuple(self.select(d, i) for i in range(self._shape[d]))

    def repeat(self, *sizes):
        """The tensor tiled sizes[i] times along each dim (new leading dims allowed)."""
        sizes = parse_shape(sizes, "repeat")
        if len(sizes) < self.dim():
            raise RuntimeError("repeat: expected at least as many repeat counts as dims (%d), but got %d"
                               % (self.dim(), len(sizes)))
        src = self.reshape((1,) * (len(sizes) - self.dim()) + self._shape)
        # view as [1, s0, 1, s1, ...], expand to [r0, s0, r1, s1, ...] and merge each pair
        inter = []
        for s in src._shape:
            inter += [1, s]
        big = []
        for r, s in zip(sizes, src._shape):
            big += [r, s]
        out = src.reshape(inter).expand(*big).contiguous()
        return out.view(tuple(r * s for r, s in zip(sizes, src._shape)))

    # ---- indexing ----

    def __getitem__(self, key):
        if type(key) is int and self._shape:
            return self.select(0, key)
        return _indexing.getitem(self, key)

    def __setitem__(self, key, value):
        _indexing.setitem(self, key, value)

    def index(self, key):
        """self[key] (the old method form of indexing)."""
        return self[key]

    def apply_(self, callable):
        """Replaces each element x by callable(x) (a Python function; CPU only, slow)."""
        a = self.numpy()
        flat = [callable(v) for v in a.reshape(-1).tolist()]
        self.copy_(_tensor_like_input(flat, self._dtype).view(self._shape))
        return self

    def map_(self, other, callable):
        """Replaces each element x by callable(x, y), y the matching element of other (broadcast)."""
        b = other.expand(*self._shape).numpy().reshape(-1).tolist()
        flat = [callable(x, y) for x, y in zip(self.numpy().reshape(-1).tolist(), b)]
        self.copy_(_tensor_like_input(flat, self._dtype).view(self._shape))
        return self


from . import _indexing  # noqa: E402  (it imports Tensor: bound here, after the class exists)
from . import _ops_blas, _ops_index, _ops_lapack, _ops_pointwise, _ops_random, _ops_reduce, _ops_shape, \
    _ops_sort  # noqa: E402

# The op modules need Tensor and its constructors, which exist only now that the class does: they
# are bound here as those modules' globals (Tensor, _wrap, _cpu_result).
for _mixin_module in (_ops_blas, _ops_index, _ops_lapack, _ops_pointwise, _ops_random, _ops_reduce, _ops_shape,
                      _ops_sort):
    _mixin_module.Tensor, _mixin_module._wrap, _mixin_module._cpu_result = Tensor, _wrap, _cpu_result
del _mixin_module


class _ArrayView:
    """Exposes a tensor's memory to NumPy while keeping the tensor alive (numpy holds this object)."""

    __slots__ = ("_t", "__array_interface__")

    def __init__(self, t):
        self._t = t
        self.__array_interface__ = t._bk.array_interface(t._h, t._dtype._index, t._dtype._np)


def _rebuild_from_numpy(arr, dtype_name):
    from ._creation import from_numpy

    return from_numpy(arr)._cast(D._dtype_by_name(dtype_name))


def _grad_if(t, requires_grad):
    """t, marked as requiring grad when asked (requires_grad_ is installed by autograd)."""
    return t.requires_grad_(True) if requires_grad else t


def _check_number(value, op):
    if not _is_scalar(value):
        raise TypeError("%s: expected a number, but got %s" % (op, type(value).__name__))
    return value


def int_sizes(args, op):
    """The sizes of a f(*sizes) call as a tuple of ints: args itself in the common case (all
    ints), else what parse_shape makes of them (f((2, 3)), f(torch.Size(...)), NumPy ints...)."""
    for s in args:
        if type(s) is not int:
            return parse_shape(args, op)
    return args


def _numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def _new_shape(args, old, op):
    """The shape a view/reshape call asks for (args: its sizes, one of which may be -1) of a
    tensor of shape `old`; RuntimeError naming op when the sizes do not fit its element count."""
    n = 1
    for s in args:
        if type(s) is not int or s < 0:
            break
        n *= s
    else:
        m = 1
        for s in old:
            m *= s
        if n == m:
            return args  # the common case: sizes given as ints, none of them -1
    if len(args) == 1 and isinstance(args[0], D.dtype):
        raise TypeError("%s: expected a shape, but got a dtype (reinterpreting dtypes is not supported)" % op)
    return _infer_shape(int_sizes(args, op), _numel(old), op)


def _expanded_shape(old, sizes):
    """The shape expand(*sizes) gives a tensor of shape old (a size -1 keeps old's size); the
    kernel checks that old broadcasts to it."""
    for s in sizes:
        if type(s) is not int or s < 0:
            break
    else:
        return sizes  # the common case: non-negative ints
    sizes = int_sizes(sizes, "expand")
    lead = len(sizes) - len(old)
    return tuple(old[i - lead] if s == -1 and i >= lead else s for i, s in enumerate(sizes))


def _infer_shape(shape, numel, op):
    """Resolves one -1 in shape from numel; RuntimeError naming op when sizes do not fit."""
    neg = [i for i, s in enumerate(shape) if s == -1]
    if len(neg) > 1:
        raise RuntimeError("%s: expected at most one -1 in the shape, but got %s" % (op, list(shape)))
    for s in shape:
        if s < -1:
            raise RuntimeError("%s: expected non-negative sizes, but got %s" % (op, list(shape)))
    if neg:
        known = 1
        for s in shape:
            if s != -1:
                known *= s
        if known == 0 or numel % known:
            raise RuntimeError("%s: expected a shape compatible with %d elements, but got %s"
                               % (op, numel, list(shape)))
        shape = shape[:neg[0]] + (numel // known,) + shape[neg[0] + 1:]
    n = 1
    for s in shape:
        n *= s
    if n != numel:
        raise RuntimeError("%s: expected a shape with %d elements, but got %s (%d elements)"
                           % (op, numel, list(shape), n))
    return shape


def _resolve_type(spec, op):
    """A dtype from a dtype, 'torch.FloatTensor' / 'FloatTensor', or a typed-tensor class."""
    if isinstance(spec, D.dtype):
        return spec
    if isinstance(spec, str):
        name = spec[6:] if spec.startswith("torch.") else spec
        if name in D._BY_LEGACY:
            return D._BY_LEGACY[name]
        if name in D._BY_NAME:
            return D._BY_NAME[name]
    dt = getattr(spec, "_legacy_dtype", None)
    if dt is not None:
        return dt
    raise TypeError("%s: expected a dtype, a type name like 'torch.FloatTensor' or a tensor type, but got %r"
                    % (op, spec))


def _tensor_like_input(data, dt):
    from ._creation import tensor

    return tensor(data, dtype=dt)


__all__ = ["Tensor", "broadcast_shapes"]
