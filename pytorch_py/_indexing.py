"""Tensor.__getitem__ / __setitem__ with NumPy/PyTorch semantics (layer: tensor).

Basic indices (ints, slices with positive steps, None, Ellipsis) only compute new sizes, strides
and an offset: the result is one as_strided view.  Advanced indices (integer tensors, lists,
numpy arrays, bool masks) are then resolved on that view: the index arrays broadcast together,
and each element's row-major position in the view is computed once (a small index computation
done with NumPy on the host), after which one TH `take` gathers (getitem) or one `put` scatters
(setitem).  As in PyTorch, the broadcast index dims replace the indexed dims in place when those
were adjacent, and go first otherwise.
"""
import numbers

import numpy as np

from . import _dtype as D
from .tensor import Tensor


def _is_int(x):
    if type(x) is int:  # the common case, without the slower ABC checks
        return True
    return isinstance(x, (numbers.Integral, np.integer)) and not isinstance(x, (bool, np.bool_))


def _as_index_array(x):
    """A NumPy int64 or bool array for an advanced index item (tensor, list, array)."""
    if isinstance(x, Tensor):
        if x.dtype.is_floating_point:
            raise IndexError("index: expected tensors of integer or bool dtype as indices, but got %s" % x.dtype)
        a = x.numpy()
    else:
        a = np.asarray(x)
        if a.dtype == object or a.dtype.kind not in "biu":
            if a.size == 0:
                a = a.astype(np.int64)
            else:
                raise IndexError("index: expected integers, slices, None, Ellipsis, bools or integer/bool tensors, "
                                 "but got %r" % (x,))
    return a if a.dtype == np.bool_ else a.astype(np.int64, copy=False)


def _split_key(key):
    if isinstance(key, tuple):
        return key
    return (key,)


def _consumed(item):
    """How many source dims an index item uses."""
    if item is None or item is Ellipsis or isinstance(item, (bool, np.bool_)):
        return 0
    if isinstance(item, Tensor) and item.dtype is D.bool:
        return max(item.dim(), 1) if item.dim() else 0
    if isinstance(item, np.ndarray) and item.dtype == np.bool_:
        return item.ndim
    return 1


def _resolve(t, key):
    """Applies the basic part of key to t.  Returns (view, advanced) where advanced is a list of
    (dim in view, int64 numpy index array) in order; bool masks are already turned into indices."""
    items = _split_key(key)
    n_ell = sum(1 for it in items if it is Ellipsis)
    if n_ell > 1:
        raise IndexError("index: expected at most one Ellipsis (...), but got %d" % n_ell)
    used = sum(_consumed(it) for it in items)
    nd = t.dim()
    if used > nd:
        raise IndexError("index: too many indices for a tensor of dimension %d (got %d)" % (nd, used))
    sizes, strides = list(t._shape), list(t.stride())
    offset = t.storage_offset()
    out_sizes, out_strides, advanced = [], [], []
    d = 0
    for it in items:
        if it is Ellipsis:
            for _ in range(nd - used):
                out_sizes.append(sizes[d])
                out_strides.append(strides[d])
                d += 1
        elif it is None:
            out_sizes.append(1)
            out_strides.append(0)
        elif isinstance(it, (bool, np.bool_)):
            # x[True] adds a dim of size 1, x[False] one of size 0 (NumPy's rule)
            out_sizes.append(1 if it else 0)
            out_strides.append(0)
        elif _is_int(it) or (isinstance(it, Tensor) and it.dim() == 0 and not it.dtype.is_floating_point
                             and it.dtype is not D.bool):
            i = int(it)
            n = sizes[d]
            if i < -n or i >= n:
                raise IndexError("index %d is out of bounds for dimension %d with size %d" % (i, d, n))
            offset += (i + n if i < 0 else i) * strides[d]
            d += 1
        elif isinstance(it, slice):
            start, stop, step = (None if v is None else _slice_int(v) for v in (it.start, it.stop, it.step))
            if step is not None and step <= 0:
                raise ValueError("index: expected a slice step greater than zero, but got %d" % step)
            start, stop, step = slice(start, stop, step).indices(sizes[d])
            length = len(range(start, stop, step))
            if length:
                offset += start * strides[d]
            out_sizes.append(length)
            out_strides.append(strides[d] * step)
            d += 1
        else:
            a = _as_index_array(it)
            if a.dtype == np.bool_:
                k = a.ndim
                if k == 0:  # a 0-d bool tensor acts like True/False
                    out_sizes.append(1 if a else 0)
                    out_strides.append(0)
                    continue
                if tuple(a.shape) != tuple(sizes[d:d + k]):
                    raise IndexError("index: expected a mask of shape %s matching the indexed dims %d..%d, but got "
                                     "%s" % (list(sizes[d:d + k]), d, d + k - 1, list(a.shape)))
                for coords in np.nonzero(a):
                    advanced.append((len(out_sizes), coords.astype(np.int64)))
                    out_sizes.append(sizes[d])
                    out_strides.append(strides[d])
                    d += 1
            else:
                n = sizes[d]
                if a.size and (a.min() < -n or a.max() >= n):
                    bad = a[(a < -n) | (a >= n)].flat[0]
                    raise IndexError("index %d is out of bounds for dimension %d with size %d" % (bad, d, n))
                advanced.append((len(out_sizes), np.where(a < 0, a + n, a)))
                out_sizes.append(n)
                out_strides.append(strides[d])
                d += 1
    for k in range(d, nd):
        out_sizes.append(sizes[k])
        out_strides.append(strides[k])
    view = t.as_strided(out_sizes, out_strides, offset)
    return view, advanced


def _slice_int(v):
    if isinstance(v, Tensor):
        return int(v)
    if hasattr(v, "__index__"):
        return v.__index__()
    raise TypeError("index: expected integer slice bounds, but got %s" % type(v).__name__)


def _linear_index(view, advanced):
    """Row-major positions in `view` of every element the advanced indices select, shaped as the
    result, as an int64 NumPy array."""
    shape = view._shape
    mult = [1] * len(shape)
    for i in range(len(shape) - 2, -1, -1):
        mult[i] = mult[i + 1] * shape[i + 1]
    try:
        idx = np.broadcast_arrays(*[a for _, a in advanced])
    except ValueError:
        raise IndexError("index: expected index tensors that broadcast together, but got shapes %s"
                         % [list(a.shape) for _, a in advanced]) from None
    bshape = idx[0].shape
    adv_dims = [p for p, _ in advanced]
    rest = [p for p in range(len(shape)) if p not in adv_dims]
    adjacent = adv_dims == list(range(adv_dims[0], adv_dims[0] + len(adv_dims)))
    # result axes: broadcast dims at the first indexed position when adjacent, else in front
    before = [p for p in rest if adjacent and p < adv_dims[0]]
    after = [p for p in rest if p not in before]
    out_shape = tuple(shape[p] for p in before) + bshape + tuple(shape[p] for p in after)
    nb = len(bshape)
    lin = np.zeros(out_shape, dtype=np.int64)
    badd = len(before)
    for (p, _), a in zip(advanced, idx):
        lin += (a * mult[p]).reshape((1,) * badd + bshape + (1,) * len(after))
    for axis, p in enumerate(before + after):
        at = axis if axis < badd else axis + nb
        r = np.arange(shape[p], dtype=np.int64) * mult[p]
        lin += r.reshape((1,) * at + (shape[p],) + (1,) * (len(out_shape) - at - 1))
    return lin


def getitem(t, key):
    """t[key]: a view for basic indexing, a new tensor when any index is advanced."""
    if _is_int(key) and t.dim() > 0:
        return t.select(0, key)
    view, advanced = _resolve(t, key)
    if not advanced:
        return view
    from ._creation import from_numpy

    lin = _linear_index(view, advanced)
    return view.take(from_numpy(lin))


def setitem(t, key, value):
    """t[key] = value, value broadcast to the indexed shape and converted to t's dtype."""
    _assign(t, key, value, accumulate=False)


def accumulate_put(t, key, value):
    """t[key] += value where repeated indices accumulate (index_put_ with accumulate=True)."""
    _assign(t, key, value, accumulate=True)


def _assign(t, key, value, accumulate):
    view, advanced = _resolve(t, key)
    if accumulate and not advanced:
        view.add_(value)
        return
    if not advanced:
        if isinstance(value, Tensor):
            view.copy_(value)
        else:
            view.copy_(value) if isinstance(value, (list, tuple, np.ndarray)) else view.fill_(value)
        return
    from ._creation import from_numpy, tensor

    lin = _linear_index(view, advanced)
    if not isinstance(value, Tensor):
        value = tensor(value, dtype=t.dtype)
    value = value._cast(t.dtype)
    if tuple(value._shape) != lin.shape:
        value = value.expand(*lin.shape)
    view.put_(from_numpy(lin), value.contiguous(), accumulate=accumulate)
