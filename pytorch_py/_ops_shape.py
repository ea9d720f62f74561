"""Joining, triangular, diagonal and reordering operations: cat/stack, tril/triu, diag, cross,
flip, roll (layer: tensor)."""
from . import _dtype as D
from ._broadcast import broadcast_shapes, wrap_dim
from ._C import ffi

Tensor = _wrap = _cpu_result = None  # the Tensor class and its constructors, bound by tensor.py


def cat(tensors, dim=0, out=None):
    """Concatenation along dim of tensors with equal sizes elsewhere (promoted to one dtype)."""
    tensors = list(tensors)
    if not tensors:
        raise RuntimeError("cat: expected a non-empty list of tensors, but got an empty list")
    for x in tensors:
        if not isinstance(x, Tensor):
            raise TypeError("cat: expected a sequence of Tensors, but got an element of type %s" % type(x).__name__)
    dt = tensors[0]._dtype
    for x in tensors[1:]:
        dt = D.promote_types(dt, x._dtype)
    ref = next((x for x in tensors if x._shape != (0,)), tensors[0])
    d = wrap_dim(dim, ref.dim(), "cat")
    parts = [x._cast(dt) for x in tensors]
    bk = ref._bk
    arr = ffi.new("TH%sTensor *[]" % dt._th, [p._h for p in parts])
    h = bk.new("Tensor_catArray_new", dt._index, arr, len(parts), d)
    r = _wrap(h, dt, bk)
    if out is not None:
        out.resize_(r._shape)
        return out.copy_(r)
    return r


concat = concatenate = cat


def stack(tensors, dim=0, out=None):
    """Tensors of one shape joined along a new dim."""
    tensors = list(tensors)
    if not tensors:
        raise RuntimeError("stack: expected a non-empty list of tensors, but got an empty list")
    shape = tensors[0]._shape
    for x in tensors:
        if x._shape != shape:
            raise RuntimeError("stack: expected each tensor to be of equal size %s, but got %s"
                               % (list(shape), list(x._shape)))
    d = wrap_dim(dim, len(shape) + 1, "stack")
    return cat([x.unsqueeze(d) for x in tensors], d, out=out)


def hstack(tensors):
    tensors = [t if t.dim() else t.reshape(1) for t in tensors]
    return cat(tensors, 0 if tensors[0].dim() == 1 else 1)


def vstack(tensors):
    return cat([t.reshape(1, -1) if t.dim() < 2 else t for t in tensors], 0)


class ShapeMixin:
    """Shape-combining methods of Tensor."""

    __slots__ = ()

    def tril(self, diagonal=0):
        """Lower triangle (elements on and below `diagonal`) of the last two dims."""
        return self._tri("Tensor_tril", "tril", diagonal)

    def triu(self, diagonal=0):
        """Upper triangle (elements on and above `diagonal`) of the last two dims."""
        return self._tri("Tensor_triu", "triu", diagonal)

    def tril_(self, diagonal=0):
        self._bk.run("Tensor_tril", self._dtype._index, self._h, self._h, diagonal)
        return self

    def triu_(self, diagonal=0):
        self._bk.run("Tensor_triu", self._dtype._index, self._h, self._h, diagonal)
        return self

    def _tri(self, th, op, diagonal):
        if self.dim() < 2:
            raise RuntimeError("%s: expected a tensor with at least 2 dims, but got %d" % (op, self.dim()))
        return _wrap(self._bk.new(th + "_new", self._dtype._index, self._h, diagonal), self._dtype, self._bk,
                     self._shape)

    def diag(self, diagonal=0):
        """1-d input: a matrix with it on diagonal `diagonal`; 2-d input: that diagonal."""
        if self.dim() not in (1, 2):
            raise RuntimeError("diag: expected a 1-d or 2-d tensor, but got %d dims" % self.dim())
        return _wrap(self._bk.new("Tensor_diag_new", self._dtype._index, self._h, diagonal), self._dtype, self._bk)

    def diagflat(self, offset=0):
        return self.reshape(-1).diag(offset)

    def cross(self, other, dim=None):
        """Cross product of 3-vectors along dim (the first dim of size 3 if not given)."""
        from ._ops_pointwise import result_type

        dt = result_type(self, other)
        shape = broadcast_shapes(self._shape, other._shape)
        if dim is None:
            dim = next((i for i, s in enumerate(shape) if s == 3), None)
            if dim is None:
                raise RuntimeError("cross: expected a dim of size 3, but got shape %s" % list(shape))
        d = wrap_dim(dim, len(shape), "cross")
        a, b = self._cast(dt).expand(*shape), other._cast(dt).expand(*shape)
        return _wrap(self._bk.new("Tensor_cross_new", dt._index, a._h, b._h, d), dt, self._bk, shape)

    def flip(self, *dims):
        """A copy with the order of elements reversed along dims."""
        from ._creation import arange

        dims = dims[0] if len(dims) == 1 and not isinstance(dims[0], int) else dims
        t = self
        for d in dims:
            d = wrap_dim(d, self.dim(), "flip")
            n = self._shape[d]
            t = t.index_select(d, arange(n - 1, -1, -1)) if n else t.clone()
        return t if t is not self else self.clone()

    def fliplr(self):
        return self.flip(1)

    def flipud(self):
        return self.flip(0)

    def roll(self, shifts, dims=None):
        """Elements shifted circularly by shifts along dims (flattened when dims is None)."""
        if dims is None:
            return self.reshape(-1).roll(shifts, 0).view(self._shape)
        shifts = (shifts,) if isinstance(shifts, int) else tuple(shifts)
        dims = (dims,) if isinstance(dims, int) else tuple(dims)
        if len(shifts) != len(dims):
            raise RuntimeError("roll: expected as many shifts as dims, but got %d and %d" % (len(shifts), len(dims)))
        t = self
        for s, d in zip(shifts, dims):
            d = wrap_dim(d, self.dim(), "roll")
            n = self._shape[d]
            if n == 0:
                continue
            s %= n
            if s:
                t = cat([t.narrow(d, n - s, s), t.narrow(d, 0, n - s)], d)
        return t if t is not self else self.clone()


# torch.<name>(tensor, ...) forms of these methods, and the module functions torch exports from here
TORCH_METHOD_FUNCTIONS = """
tril triu diag diagflat cross flip fliplr flipud roll
""".split()
TORCH_FUNCTIONS = ['cat', 'concat', 'concatenate', 'stack', 'hstack', 'vstack']
