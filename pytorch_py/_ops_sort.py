"""Sorting and selection: sort, argsort, msort, topk, kthvalue, median, nanmedian, mode, unique,
unique_consecutive (layer: tensor).

Order is PyTorch's: NaN is greater than every number (last ascending, first descending), -0.0
equals 0.0, and sorts are always stable (`stable=False` only permits an unstable sort; a stable
result is a valid one).  Selections break ties between equal values by position, so their indices
are deterministic.  The TH kernels read any strided input in place and work along any dim.
"""
import collections
import operator

from . import _dtype as D
from ._broadcast import wrap_dim
from ._C import ffi

Tensor = _wrap = _cpu_result = None  # bound by tensor.py once Tensor exists


def _result_type(name):
    """A (values, indices) namedtuple named like torch.return_types.<name>."""
    cls = collections.namedtuple(name, ["values", "indices"])
    cls.__module__ = "pytorch_py.return_types"
    cls.__doc__ = "torch.return_types.%s: (values, indices)." % name
    return cls


sort_result = _result_type("sort")
topk_result = _result_type("topk")
kthvalue_result = _result_type("kthvalue")
median_result = _result_type("median")
nanmedian_result = _result_type("nanmedian")
mode_result = _result_type("mode")


def _empty(bk, dt):
    """A fresh 0-d tensor handle of dtype dt that a TH op resizes."""
    return bk.new("Tensor_newWithSize", dt._index, 0, ffi.NULL)


def _no_bool(t, op):
    if t._dtype is D.bool:
        raise RuntimeError("%s: expected a tensor of a numeric dtype, but got torch.bool" % op)


def _int_arg(k, op, name="k"):
    try:
        return operator.index(k)
    except TypeError:
        if isinstance(k, Tensor) and k.numel() == 1 and not k.is_floating_point():
            return int(k.item())
        raise TypeError("%s: expected an integer %s, but got %s" % (op, name, type(k).__name__)) from None


def _values_indices(t, th, op, cls, *args):
    """Runs TH op `th`(values, indices, t, *args) and wraps its two results as cls."""
    bk, dt = t._bk, t._dtype
    values, indices = _empty(bk, dt), _empty(bk, D.int64)
    bk.run(th, dt._index, values, indices, t._h, *args)
    return cls(_wrap(values, dt, bk), _wrap(indices, D.int64, bk))


def _scalar(value, dt, bk):
    h = _empty(bk, dt)
    bk.run("Tensor_fill", dt._index, h, dt._py(value))
    return _wrap(h, dt, bk, ())


class SortMixin:
    """Sorting methods of Tensor."""

    __slots__ = ()

    def sort(self, dim=-1, descending=False, *, stable=False):
        """(values, indices): the elements sorted along dim (ascending unless descending) and their
        positions in self.  NaN sorts as the largest value; equal elements keep their order."""
        d = wrap_dim(dim, self.dim(), "sort")
        return _values_indices(self, "Tensor_sort", "sort", sort_result, d, 1 if descending else 0,
                               1 if stable else 0)

    def argsort(self, dim=-1, descending=False, *, stable=False):
        """The positions that sort self along dim: self.sort(dim, descending).indices."""
        d = wrap_dim(dim, self.dim(), "argsort")
        bk = self._bk
        indices = _empty(bk, D.int64)
        bk.run("Tensor_sort", self._dtype._index, ffi.NULL, indices, self._h, d, 1 if descending else 0,
               1 if stable else 0)
        return _wrap(indices, D.int64, bk)

    def msort(self):
        """self sorted along dim 0 (values only)."""
        return self.sort(0).values

    def topk(self, k, dim=-1, largest=True, sorted=True):
        """(values, indices) of the k largest (largest=False: smallest) elements along dim, largest
        first (smallest first) when sorted.  NaN counts as the largest value; 0 <= k <= size of dim.
        Selection, not a full sort."""
        _no_bool(self, "topk")
        k = _int_arg(k, "topk")
        d = wrap_dim(dim, self.dim(), "topk")
        return _values_indices(self, "Tensor_topk", "topk", topk_result, k, d, 1 if largest else 0,
                               1 if sorted else 0)

    def kthvalue(self, k, dim=-1, keepdim=False):
        """(values, indices) of the k-th smallest element along dim (k counted from 1; NaN is the
        largest value)."""
        _no_bool(self, "kthvalue")
        k = _int_arg(k, "kthvalue")
        d = wrap_dim(dim, self.dim(), "kthvalue")
        return _values_indices(self, "Tensor_kthvalue", "kthvalue", kthvalue_result, k, d, 1 if keepdim else 0)

    def median(self, dim=None, keepdim=False):
        """The lower median (the smaller of the two middle values for an even count).  Without dim:
        of all elements, as a 0-d tensor (NaN if any element is NaN; NaN for an empty floating
        tensor).  With dim: (values, indices) along it, a row holding NaN giving NaN and the position
        of its first NaN."""
        _no_bool(self, "median")
        if dim is None:
            return _scalar(self._bk.value("Tensor_medianall", self._dtype._index, self._h), self._dtype, self._bk)
        d = wrap_dim(dim, self.dim(), "median")
        return _values_indices(self, "Tensor_median", "median", median_result, d, 1 if keepdim else 0)

    def nanmedian(self, dim=None, keepdim=False):
        """median ignoring NaNs (NaN only where nothing else is left); integers as median."""
        _no_bool(self, "nanmedian")
        if not self._dtype.is_floating_point:
            r = self.median(dim, keepdim)
            return r if dim is None else nanmedian_result(*r)
        if dim is None:
            return _scalar(self._bk.value("Tensor_nanmedianall", self._dtype._index, self._h), self._dtype,
                           self._bk)
        d = wrap_dim(dim, self.dim(), "nanmedian")
        return _values_indices(self, "Tensor_nanmedian", "nanmedian", nanmedian_result, d, 1 if keepdim else 0)

    def mode(self, dim=-1, keepdim=False):
        """(values, indices): the most frequent value along dim (ties -> the smallest value; each NaN
        counts once) and the last position holding it."""
        d = wrap_dim(dim, self.dim(), "mode")
        return _values_indices(self, "Tensor_mode", "mode", mode_result, d, 1 if keepdim else 0)

    def unique(self, sorted=True, return_inverse=False, return_counts=False, dim=None):
        """The distinct elements of self (flattened) in ascending order, or with dim the distinct
        slices along dim in lexicographic order.  return_inverse adds, for each element (slice),
        its position in the result (shaped like self, or like dim); return_counts adds how often
        each occurs.  Each NaN is distinct; -0.0 equals 0.0.  The result is sorted even when
        sorted=False (which allows any order)."""
        if dim is not None:
            return _unique_dim(self, wrap_dim(dim, self.dim(), "unique"), return_inverse, return_counts, True)
        return _unique_flat(self, "Tensor_unique", return_inverse, return_counts)

    def unique_consecutive(self, return_inverse=False, return_counts=False, dim=None):
        """Collapses each run of equal consecutive elements (or slices along dim) to one; the
        inverse and counts as for unique.  NaN equals nothing."""
        if dim is not None:
            return _unique_dim(self, wrap_dim(dim, self.dim(), "unique_consecutive"), return_inverse,
                               return_counts, False)
        return _unique_flat(self, "Tensor_uniqueConsecutive", return_inverse, return_counts)


def _unique_flat(t, th, return_inverse, return_counts):
    bk, dt = t._bk, t._dtype
    values = _empty(bk, dt)
    inverse = _empty(bk, D.int64) if return_inverse else ffi.NULL
    counts = _empty(bk, D.int64) if return_counts else ffi.NULL
    bk.run(th, dt._index, values, inverse, counts, t._h)
    out = [_wrap(values, dt, bk)]
    if return_inverse:
        out.append(_wrap(inverse, D.int64, bk))
    if return_counts:
        out.append(_wrap(counts, D.int64, bk))
    return out[0] if len(out) == 1 else tuple(out)


def _unique_dim(t, d, return_inverse, return_counts, sort):
    """unique / unique_consecutive of the slices along dim d: rows of t moved to dim 0 and
    flattened, ordered lexicographically by stable sorts on each column from the last."""
    from . import _creation as C

    if t.dim() == 0:
        raise IndexError("unique: expected a tensor with at least one dim when dim is given, but got a 0-d tensor")
    order = [d] + [i for i in range(t.dim()) if i != d]
    x = t.permute(*order)
    rest = x._shape[1:]
    m = x._shape[0]
    r = 1
    for s in rest:
        r *= s
    rows = x.reshape(m, r)
    perm = C.arange(m)
    if sort and m > 1:
        for c in range(r - 1, -1, -1):  # LSD: the last column first, each sort stable
            perm = perm[rows[perm, c].argsort(stable=True)]
    srt = rows[perm]
    if m == 0:
        starts = C.zeros(0, dtype=D.bool)
    elif r == 0:  # slices with no elements are all equal
        starts = C.zeros(m, dtype=D.bool)
        starts[0] = True
    else:
        diff = (srt[1:] != srt[:-1]).any(1)
        starts = C.ones(m, dtype=D.bool)
        starts[1:] = diff
    group = starts.long().cumsum(0) - 1
    u = int(starts.sum().item())
    values = srt[starts].reshape(u, *rest).permute(*[order.index(i) for i in range(t.dim())])
    out = [values]
    if return_inverse:
        inverse = C.empty(m, dtype=D.int64)
        inverse[perm] = group
        out.append(inverse)
    if return_counts:
        counts = C.zeros(u, dtype=D.int64)
        if m:
            counts.index_add_(0, group, C.ones(m, dtype=D.int64))
        out.append(counts)
    return out[0] if len(out) == 1 else tuple(out)


# torch.<name>(tensor, ...) forms of these methods, and the module functions torch exports from here
TORCH_METHOD_FUNCTIONS = "sort argsort msort topk kthvalue median nanmedian mode unique unique_consecutive".split()
TORCH_FUNCTIONS = []
