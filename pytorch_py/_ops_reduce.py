"""Reductions on Tensor: sum/prod/mean/var/std/max/min/argmax/norm/all/any along dims or over all
elements, cumulative sums and products, and trace/dist/renorm/histc/equal (layer: tensor).

PyTorch's result dtypes: integer and bool sums and products are int64; mean/var/std/norm need a
floating input; all/any give bool; max/min keep the input's dtype with int64 indices.
"""
import collections
import math

from . import _dtype as D
from ._broadcast import wrap_dim
from ._C import ffi, raise_error
from .backends.cpu import CPU

Tensor = _wrap = _cpu_result = None  # the Tensor class and its constructors, bound by tensor.py


values_indices = collections.namedtuple("values_indices", ["values", "indices"])


def _dims(dim, ndim, op):
    """dim as a sorted tuple of distinct non-negative dims (None: all dims)."""
    if dim is None:
        return tuple(range(ndim))
    dims = (dim,) if isinstance(dim, int) else tuple(dim)
    out = sorted({wrap_dim(d, ndim, op) for d in dims})
    if len(out) != len(dims):
        raise RuntimeError("%s: expected each dim once, but got %s" % (op, list(dims)))
    return tuple(out)


# the CPU kernels of the whole-tensor sum and mean, bound once (they cannot fail: no error check)
_SUMALL = CPU.table("Tensor_sumall")
_MEANALL = CPU.table("Tensor_meanall")
_NEW_WITH_SIZE = CPU.table("Tensor_newWithSize")
_FILL = CPU.table("Tensor_fill")


def _scalar_result(value, dt, bk):
    """A 0-d tensor of dtype dt holding value."""
    if bk is CPU:
        i = dt._index
        t = _cpu_result(_NEW_WITH_SIZE[i](0, ffi.NULL), dt, ())
        if _FILL[i](t._h, dt._py(value)):
            raise_error()
        return t
    h = bk.new("Tensor_newWithSize", dt._index, 0, ffi.NULL)
    bk.run("Tensor_fill", dt._index, h, dt._py(value))
    return _wrap(h, dt, bk, ())


def _require_float(t, op):
    if not t._dtype.is_floating_point:
        raise RuntimeError("%s: expected a floating point input (the result needs one), but got %s; convert "
                           "with .float() or pass dtype=" % (op, t._dtype))


def _along(t, th, dims, keepdim, *args):
    """Applies TH reduction `th` (r, t, dim, *args, keepdim) over each of `dims` in turn."""
    bk, i = t._bk, t._dtype._index
    for d in reversed(dims):  # highest dim first keeps the lower dims' numbering valid
        h = bk.new(th + "_new", i, t._h, d, *args, 1 if keepdim else 0)
        t = _wrap(h, t._dtype, bk)
    return t


def _accumulating(t, dtype):
    """Input of sum/prod/cumsum: integer and bool inputs accumulate in int64, or in dtype if given."""
    if dtype is not None:
        return t._cast(dtype)
    return t if t._dtype.is_floating_point else t._cast(D.int64)


class ReduceMixin:
    """Reduction methods of Tensor."""

    __slots__ = ()

    def sum(self, dim=None, keepdim=False, dtype=None):
        """Sum of all elements, or along dim (an int or a tuple of ints)."""
        dt = self._dtype
        if dim is None and dtype is None and not keepdim and dt.is_floating_point and self._bk is CPU:
            return _scalar_result(_SUMALL[dt._index](self._h), dt, CPU)
        t = _accumulating(self, dtype)
        if dim is None and not keepdim:
            return _scalar_result(t._bk.value("Tensor_sumall", t._dtype._index, t._h), t._dtype, t._bk)
        if not t._shape:
            return t.clone()
        return _along(t, "Tensor_sum", _dims(dim, t.dim(), "sum"), keepdim)

    def nansum(self, dim=None, keepdim=False, dtype=None):
        t = self.masked_fill(self.isnan(), 0) if self._dtype.is_floating_point else self
        return t.sum(dim, keepdim, dtype)

    def prod(self, dim=None, keepdim=False, dtype=None):
        """Product of all elements, or along dim."""
        t = _accumulating(self, dtype)
        if dim is None:
            return _scalar_result(t._bk.value("Tensor_prodall", t._dtype._index, t._h), t._dtype, t._bk)
        if not t._shape:
            return t.clone()
        return _along(t, "Tensor_prod", (wrap_dim(dim, t.dim(), "prod"),), keepdim)

    def mean(self, dim=None, keepdim=False, dtype=None):
        """Arithmetic mean (floating input required, or pass dtype)."""
        dt = self._dtype
        if dim is None and dtype is None and not keepdim and dt.is_floating_point and self._bk is CPU:
            return _scalar_result(_MEANALL[dt._index](self._h), dt, CPU)
        t = self._cast(dtype) if dtype is not None else self
        _require_float(t, "mean")
        if dim is None and not keepdim:
            return _scalar_result(t._bk.value("Tensor_meanall", t._dtype._index, t._h), t._dtype, t._bk)
        if not t._shape:
            return t.clone()
        return _along(t, "Tensor_mean", _dims(dim, t.dim(), "mean"), keepdim)

    def nanmean(self, dim=None, keepdim=False):
        keep = self.isnan().logical_not()
        return self.nansum(dim, keepdim) / keep.sum(dim, keepdim)

    def _var_std(self, th, op, dim, unbiased, keepdim, correction):
        if correction is not None:
            unbiased = bool(correction)
        _require_float(self, op)
        u = 1 if unbiased else 0
        if dim is None and not keepdim:
            return _scalar_result(self._bk.value(th + "all", self._dtype._index, self._h, u), self._dtype, self._bk)
        dims = _dims(dim, self.dim(), op)
        if len(dims) == 1:
            return _wrap(self._bk.new(th + "_new", self._dtype._index, self._h, dims[0], u, 1 if keepdim else 0),
                         self._dtype, self._bk)
        # several dims: move them last, merge them, reduce once
        rest = [d for d in range(self.dim()) if d not in dims]
        t = self.permute(*rest, *dims).reshape(*[self._shape[d] for d in rest], -1)
        r = t._var_std(th, op, -1, unbiased, False, None)
        if keepdim:
            r = r.reshape([1 if d in dims else self._shape[d] for d in range(self.dim())])
        return r

    def var(self, dim=None, unbiased=True, keepdim=False, *, correction=None):
        """Variance (Bessel-corrected unless unbiased=False / correction=0)."""
        if isinstance(dim, bool):  # var(unbiased) positional form
            dim, unbiased = None, dim
        return self._var_std("Tensor_var", "var", dim, unbiased, keepdim, correction)

    def std(self, dim=None, unbiased=True, keepdim=False, *, correction=None):
        """Standard deviation (Bessel-corrected unless unbiased=False / correction=0)."""
        if isinstance(dim, bool):
            dim, unbiased = None, dim
        return self._var_std("Tensor_std", "std", dim, unbiased, keepdim, correction)

    def _extreme(self, th, op, dim, keepdim, other):
        if isinstance(dim, Tensor):
            other, dim = dim, None
        if other is not None:
            return self.maximum(other) if op == "max" else self.minimum(other)
        bk, i = self._bk, self._dtype._index
        if dim is None:
            v = bk.value(th + "all", i, self._h)
            return _scalar_result(v, self._dtype, bk)
        d = wrap_dim(dim, self.dim(), op)
        values = bk.new("Tensor_newWithSize", i, 0, ffi.NULL)
        indices = bk.new("Tensor_newWithSize", D.int64._index, 0, ffi.NULL)
        bk.run(th, i, values, indices, self._h, d, 1 if keepdim else 0)
        return values_indices(_wrap(values, self._dtype, bk), _wrap(indices, D.int64, bk))

    def max(self, dim=None, keepdim=False, other=None):
        """Largest element; along dim, (values, indices); with a tensor, elementwise maximum."""
        return self._extreme("Tensor_max", "max", dim, keepdim, other)

    def min(self, dim=None, keepdim=False, other=None):
        """Smallest element; along dim, (values, indices); with a tensor, elementwise minimum."""
        return self._extreme("Tensor_min", "min", dim, keepdim, other)

    def amax(self, dim=None, keepdim=False):
        if dim is None or (not isinstance(dim, int) and len(dim) == 0):
            return self.max()
        t = self
        for d in reversed(_dims(dim, self.dim(), "amax")):
            t = t.max(d, keepdim).values
        return t

    def amin(self, dim=None, keepdim=False):
        if dim is None or (not isinstance(dim, int) and len(dim) == 0):
            return self.min()
        t = self
        for d in reversed(_dims(dim, self.dim(), "amin")):
            t = t.min(d, keepdim).values
        return t

    def _arg(self, th, op, dim, keepdim):
        if dim is None:
            return self.reshape(-1)._arg(th, op, 0, False) if self._shape else _scalar_result(0, D.int64, self._bk)
        d = wrap_dim(dim, self.dim(), op)
        h = self._bk.new(th + "_new", self._dtype._index, self._h, d, 1 if keepdim else 0)
        return _wrap(h, D.int64, self._bk)

    def argmax(self, dim=None, keepdim=False):
        """Index of the largest element (first one on ties), overall (flattened) or along dim."""
        return self._arg("Tensor_argmax", "argmax", dim, keepdim)

    def argmin(self, dim=None, keepdim=False):
        """Index of the smallest element (first one on ties), overall (flattened) or along dim."""
        return self._arg("Tensor_argmin", "argmin", dim, keepdim)

    def norm(self, p="fro", dim=None, keepdim=False, dtype=None):
        """The p-norm (p a number, inf, -inf or 'fro'), overall or along dim."""
        t = self._cast(dtype) if dtype is not None else self
        _require_float(t, "norm")
        if p == "fro" or p is None:
            p = 2
        if isinstance(p, str):
            raise RuntimeError("norm: expected p to be a number or 'fro', but got %r" % p)
        p = float(p)
        if dim is None and not keepdim:
            return _scalar_result(t._bk.value("Tensor_normall", t._dtype._index, t._h, p), t._dtype, t._bk)
        dims = _dims(dim, t.dim(), "norm")
        if len(dims) > 1:
            rest = [d for d in range(t.dim()) if d not in dims]
            r = t.permute(*rest, *dims).reshape(*[t._shape[d] for d in rest], -1).norm(p, -1)
            return r.reshape([1 if d in dims else t._shape[d] for d in range(t.dim())]) if keepdim else r
        return _wrap(t._bk.new("Tensor_norm_new", t._dtype._index, t._h, p, dims[0], 1 if keepdim else 0),
                     t._dtype, t._bk)

    def all(self, dim=None, keepdim=False):
        """Whether every element is nonzero (a bool tensor), overall or along dim."""
        if dim is None:
            return _scalar_result(bool(self._bk.value("Tensor_logicalall", self._dtype._index, self._h)), D.bool,
                                  self._bk)
        return _along_bool(self, "Tensor_all", _dims(dim, self.dim(), "all"), keepdim)

    def any(self, dim=None, keepdim=False):
        """Whether any element is nonzero (a bool tensor), overall or along dim."""
        if dim is None:
            return _scalar_result(bool(self._bk.value("Tensor_logicalany", self._dtype._index, self._h)), D.bool,
                                  self._bk)
        return _along_bool(self, "Tensor_any", _dims(dim, self.dim(), "any"), keepdim)

    def count_nonzero(self, dim=None):
        return self.ne(0).sum(dim)

    def cumsum(self, dim, dtype=None):
        """Running sums along dim (integer inputs accumulate in int64)."""
        t = _accumulating(self, dtype)
        d = wrap_dim(dim, t.dim(), "cumsum")
        if not t._shape:
            return t.clone()
        return _wrap(t._bk.new("Tensor_cumsum_new", t._dtype._index, t._h, d), t._dtype, t._bk, t._shape)

    def cumprod(self, dim, dtype=None):
        """Running products along dim (integer inputs accumulate in int64)."""
        t = _accumulating(self, dtype)
        d = wrap_dim(dim, t.dim(), "cumprod")
        if not t._shape:
            return t.clone()
        return _wrap(t._bk.new("Tensor_cumprod_new", t._dtype._index, t._h, d), t._dtype, t._bk, t._shape)

    def cumsum_(self, dim):
        return self.copy_(self.cumsum(dim))

    def cumprod_(self, dim):
        return self.copy_(self.cumprod(dim))

    def trace(self):
        """Sum of the main diagonal of a 2-d tensor (int64 for integer input)."""
        if self.dim() != 2:
            raise RuntimeError("trace: expected a 2-d tensor, but got %d dims" % self.dim())
        dt = self._dtype if self._dtype.is_floating_point else D.int64
        return _scalar_result(self._bk.value("Tensor_trace", self._dtype._index, self._h), dt, self._bk)

    def dist(self, other, p=2):
        """The p-norm of self - other (broadcast)."""
        from ._broadcast import broadcast_shapes
        from ._ops_pointwise import result_type

        dt = result_type(self, other)
        _require_float(self._cast(dt), "dist")
        shape = broadcast_shapes(self._shape, other._shape)
        a, b = self._cast(dt).expand(*shape), other._cast(dt).expand(*shape)
        return _scalar_result(self._bk.value("Tensor_dist", dt._index, a._h, b._h, float(p)), dt, self._bk)

    def renorm(self, p, dim, maxnorm):
        """Each slice along dim scaled down to p-norm maxnorm where it exceeds it."""
        _require_float(self, "renorm")
        d = wrap_dim(dim, self.dim(), "renorm")
        return _wrap(self._bk.new("Tensor_renorm_new", self._dtype._index, self._h, float(p), d, float(maxnorm)),
                     self._dtype, self._bk, self._shape)

    def renorm_(self, p, dim, maxnorm):
        return self.copy_(self.renorm(p, dim, maxnorm))

    def histc(self, bins=100, min=0, max=0):
        """Histogram of the values in `bins` equal bins over [min, max] (data range if both are 0)."""
        _require_float(self, "histc")
        if bins <= 0:
            raise RuntimeError("histc: expected a positive number of bins, but got %d" % bins)
        if min > max:
            raise RuntimeError("histc: expected min <= max, but got min=%s > max=%s" % (min, max))
        return _wrap(self._bk.new("Tensor_histc_new", self._dtype._index, self._h, bins, float(min), float(max)),
                     self._dtype, self._bk)

    def equal(self, other):
        """True when both tensors have the same shape and the same values."""
        from ._ops_pointwise import result_type

        if self._shape != other._shape:
            return False
        dt = result_type(self, other)
        return bool(self._bk.value("Tensor_equal", dt._index, self._cast(dt)._h, other._cast(dt)._h))

    def allclose(self, other, rtol=1e-05, atol=1e-08, equal_nan=False):
        return bool(self.isclose(other, rtol, atol, equal_nan).all())

    def isclose(self, other, rtol=1e-05, atol=1e-08, equal_nan=False):
        """|self - other| <= atol + rtol * |other| elementwise (NaNs equal if equal_nan)."""
        from ._ops_pointwise import result_type

        dt = result_type(self, other)
        if not dt.is_floating_point:
            return self.eq(other)
        a, b = self._cast(dt), other._cast(dt) if isinstance(other, Tensor) else other
        close = (a - b).abs().le((b.abs() if isinstance(b, Tensor) else abs(b)) * rtol + atol)
        same = a.eq(b)
        r = close.logical_or(same)
        if equal_nan:
            r = r.logical_or(a.isnan().logical_and(b.isnan() if isinstance(b, Tensor) else math.isnan(b)))
        return r


def _along_bool(t, th, dims, keepdim):
    bk = t._bk
    for d in reversed(dims):
        h = bk.new(th + "_new", t._dtype._index, t._h, d, 1 if keepdim else 0)
        t = _wrap(h, D.bool, bk)
    return t


# torch.<name>(tensor, ...) forms of these methods, and the module functions torch exports from here
TORCH_METHOD_FUNCTIONS = """
sum nansum prod mean nanmean var std max min amax amin argmax argmin norm all any count_nonzero cumsum cumprod trace
dist renorm histc equal allclose isclose
""".split()
TORCH_FUNCTIONS = []
