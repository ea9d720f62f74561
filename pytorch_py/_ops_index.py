"""Indexing operations on Tensor: index_select/copy/add/fill, gather/scatter, masked ops, nonzero,
take/put, where (layer: tensor).  Index tensors are int64 (negative entries count from the end
where PyTorch allows that); masks are bool and broadcast to the tensor's shape."""
from . import _dtype as D
from ._broadcast import broadcast_shapes, wrap_dim

Tensor = _wrap = _cpu_result = None  # bound by tensor.py once Tensor exists


def _index_tensor(index, op):
    """index as an int64 tensor (lists and integer tensors accepted)."""
    if not isinstance(index, Tensor):
        from ._creation import tensor

        index = tensor(index, dtype=D.int64)
    if index._dtype.is_floating_point or index._dtype is D.bool:
        raise TypeError("%s: expected an int64 index tensor, but got %s" % (op, index._dtype))
    return index._cast(D.int64)


def _wrap_negative(index, size):
    """Entries < 0 count from the end (PyTorch's rule for index_select / take / put)."""
    if index.numel() and bool(index.lt(0).any()):
        return index.add(index.lt(0).long().mul(size))
    return index


def _mask(mask, shape, op):
    if not isinstance(mask, Tensor) or mask._dtype not in (D.bool, D.uint8):
        raise TypeError("%s: expected a bool mask tensor, but got %s"
                        % (op, mask._dtype if isinstance(mask, Tensor) else type(mask).__name__))
    mask = mask._cast(D.bool)
    if mask._shape != shape:
        if broadcast_shapes(mask._shape, shape) != tuple(shape):
            raise RuntimeError("%s: expected a mask that broadcasts to the tensor's shape %s, but got %s"
                               % (op, list(shape), list(mask._shape)))
        mask = mask.expand(*shape)
    return mask


def _value(value, dt, op):
    if isinstance(value, Tensor):
        if value.numel() != 1 or value.dim() > 0:
            raise RuntimeError("%s: expected a number or a 0-d tensor as the value, but got a tensor of shape %s"
                               % (op, list(value._shape)))
        value = value.item()
    return dt._py(value)


class IndexMixin:
    """Indexing methods of Tensor."""

    __slots__ = ()

    def index_select(self, dim, index):
        """The slices at `index` (1-d int64) along dim."""
        d = wrap_dim(dim, self.dim(), "index_select")
        index = _index_tensor(index, "index_select")
        if self._shape:
            index = _wrap_negative(index, self._shape[d])
        return _wrap(self._bk.new("Tensor_indexSelect_new", self._dtype._index, self._h, d, index._h), self._dtype,
                     self._bk)

    def index_copy_(self, dim, index, source):
        d = wrap_dim(dim, self.dim(), "index_copy_")
        self._bk.run("Tensor_indexCopy", self._dtype._index, self._h, d, _index_tensor(index, "index_copy_")._h,
                     source._cast(self._dtype)._h)
        return self

    def index_copy(self, dim, index, source):
        return self.clone().index_copy_(dim, index, source)

    def index_add_(self, dim, index, source, alpha=1):
        """self[..., index[i], ...] += alpha * source[..., i, ...] along dim (duplicates accumulate)."""
        d = wrap_dim(dim, self.dim(), "index_add_")
        src = source._cast(self._dtype)
        if alpha != 1:
            src = src.mul(alpha)
        self._bk.run("Tensor_indexAdd", self._dtype._index, self._h, d, _index_tensor(index, "index_add_")._h,
                     src._h)
        return self

    def index_add(self, dim, index, source, alpha=1):
        return self.clone().index_add_(dim, index, source, alpha)

    def index_fill_(self, dim, index, value):
        d = wrap_dim(dim, self.dim(), "index_fill_")
        index = _index_tensor(index, "index_fill_")
        if self._shape:
            index = _wrap_negative(index, self._shape[d])
        self._bk.run("Tensor_indexFill", self._dtype._index, self._h, d, index._h,
                     _value(value, self._dtype, "index_fill_"))
        return self

    def index_fill(self, dim, index, value):
        return self.clone().index_fill_(dim, index, value)

    def gather(self, dim, index):
        """out[i][j] = self[index[i][j]][j] (for dim 0), out shaped like index."""
        d = wrap_dim(dim, self.dim(), "gather")
        return _wrap(self._bk.new("Tensor_gather_new", self._dtype._index, self._h, d,
                                  _index_tensor(index, "gather")._h), self._dtype, self._bk)

    def scatter_(self, dim, index, src=None, value=None, reduce=None):
        """self[index[i][j]][j] = src[i][j] (for dim 0); src may be a number."""
        if src is None:
            src = value
        d = wrap_dim(dim, self.dim(), "scatter_")
        index = _index_tensor(index, "scatter_")
        if reduce is not None:
            if reduce != "add":
                raise RuntimeError("scatter_: expected reduce to be None or 'add', but got %r" % (reduce,))
            if not isinstance(src, Tensor):
                src = self.new_full(index.shape, src)
            return self.scatter_add_(dim, index, src)
        if isinstance(src, Tensor):
            self._bk.run("Tensor_scatter", self._dtype._index, self._h, d, index._h, src._cast(self._dtype)._h)
        else:
            self._bk.run("Tensor_scatterFill", self._dtype._index, self._h, d, index._h,
                         _value(src, self._dtype, "scatter_"))
        return self

    def scatter(self, dim, index, src=None, value=None, reduce=None):
        return self.clone().scatter_(dim, index, src, value, reduce)

    def scatter_add_(self, dim, index, src):
        d = wrap_dim(dim, self.dim(), "scatter_add_")
        self._bk.run("Tensor_scatterAdd", self._dtype._index, self._h, d, _index_tensor(index, "scatter_add_")._h,
                     src._cast(self._dtype)._h)
        return self

    def scatter_add(self, dim, index, src):
        return self.clone().scatter_add_(dim, index, src)

    def masked_fill_(self, mask, value):
        """Sets the elements where mask (broadcast) is true to value."""
        mask = _mask(mask, self._shape, "masked_fill_")
        self._bk.run("Tensor_maskedFill", self._dtype._index, self._h, mask._h,
                     _value(value, self._dtype, "masked_fill_"))
        return self

    def masked_fill(self, mask, value):
        if isinstance(mask, Tensor) and mask._shape != self._shape:
            shape = broadcast_shapes(mask._shape, self._shape)
            return self.expand(*shape).clone().masked_fill_(mask, value)
        return self.clone().masked_fill_(mask, value)

    def masked_scatter_(self, mask, source):
        """The k-th true position of mask takes source's k-th element (row-major)."""
        mask = _mask(mask, self._shape, "masked_scatter_")
        self._bk.run("Tensor_maskedCopy", self._dtype._index, self._h, mask._h, source._cast(self._dtype)._h)
        return self

    def masked_scatter(self, mask, source):
        return self.clone().masked_scatter_(mask, source)

    def masked_select(self, mask):
        """1-d tensor of the elements where mask (broadcast with self) is true."""
        t = self
        if mask._shape != self._shape:
            shape = broadcast_shapes(mask._shape, self._shape)
            t = self.expand(*shape)
        mask = _mask(mask, t._shape, "masked_select")
        return _wrap(self._bk.new("Tensor_maskedSelect_new", self._dtype._index, t._h, mask._h), self._dtype,
                     self._bk)

    def nonzero(self, as_tuple=False):
        """Coordinates of the nonzero elements: an [n, ndim] int64 tensor, or a tuple of 1-d ones."""
        h = self._bk.new("Tensor_nonzero_new", self._dtype._index, self._h)
        r = _wrap(h, D.int64, self._bk)
        if as_tuple:
            if not self._shape:  # a 0-d tensor: one coordinate array of length 0 or 1, as PyTorch
                return (torch_zeros_long(r._shape[0]),)
            return tuple(r.t())
        return r

    def argwhere(self):
        return self.nonzero()

    def take(self, index):
        """Elements of self as if flattened, at `index` (result shaped like index)."""
        index = _index_tensor(index, "take")
        index = _wrap_negative(index, self.numel())
        return _wrap(self._bk.new("Tensor_take_new", self._dtype._index, self._h, index._h), self._dtype, self._bk,
                     index._shape)

    def put_(self, index, source, accumulate=False):
        """Writes source into self as if flattened, at `index` (adding if accumulate)."""
        index = _index_tensor(index, "put_")
        index = _wrap_negative(index, self.numel())
        self._bk.run("Tensor_put", self._dtype._index, self._h, index._h, source._cast(self._dtype)._h,
                     1 if accumulate else 0)
        return self

    def put(self, index, source, accumulate=False):
        return self.clone().put_(index, source, accumulate)

    def index_put_(self, indices, values, accumulate=False):
        """self[indices] = values (or += with accumulate); indices a tuple of index tensors."""
        if not accumulate:
            self[tuple(indices)] = values
            return self
        from ._indexing import accumulate_put

        accumulate_put(self, tuple(indices), values)
        return self

    def index_put(self, indices, values, accumulate=False):
        return self.clone().index_put_(indices, values, accumulate)

    def where(self, condition, other):
        """self where condition is true, else other (all broadcast together)."""
        return where(condition, self, other)


def torch_zeros_long(n):
    from ._creation import zeros

    return zeros(n, dtype=D.int64)


def where(condition, input=None, other=None):
    """torch.where(cond, a, b): elementwise a where cond else b (broadcast, promoted);
    torch.where(cond): cond.nonzero(as_tuple=True)."""
    if input is None and other is None:
        return condition.nonzero(as_tuple=True)
    from ._ops_pointwise import _as_tensor, result_type

    t = input if isinstance(input, Tensor) else other if isinstance(other, Tensor) else condition
    dt = result_type(input, other) if isinstance(input, Tensor) or isinstance(other, Tensor) else \
        D.result_type_of([], [], [input, other])
    bk = t._bk
    a, b = _as_tensor(input, dt, bk), _as_tensor(other, dt, bk)
    cond = condition._cast(D.bool)
    shape = broadcast_shapes(cond._shape, a._shape, b._shape)
    cond, a, b = cond.expand(*shape), a.expand(*shape), b.expand(*shape)
    return _wrap(bk.new("Tensor_where_new", dt._index, cond._h, a._h, b._h), dt, bk, shape)


# torch.<name>(tensor, ...) forms of these methods, and the module functions torch exports from here
TORCH_METHOD_FUNCTIONS = """
index_select index_copy index_add index_fill gather scatter scatter_add masked_fill masked_scatter masked_select
nonzero argwhere take put index_put
""".split()
TORCH_FUNCTIONS = ['where']
