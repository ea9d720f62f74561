"""torch.nn.functional pooling beyond the 2-d ops of functional.py (layer: nn): 1-d and 3-d max /
average / adaptive pooling, power-average pooling, max unpooling, fractional max pooling.

1-d ops run the 2-d kernels on a height-1 plane (the indices h W + w are then w).  3-d max and
average pooling are the Volumetric kernels.  3-d adaptive pooling has no kernel: its bins are
products of 1-d bins, so it is the 2-d adaptive op over (H, W) followed by the 2-d adaptive op over
(T, oH oW) with the second dim kept (bins of width one).  3-d unpooling is a scatter.
"""
import numbers

import numpy as np

from .. import _dtype as D
from .._creation import tensor, zeros
from .._ops_random import rand
from ..tensor import Tensor
from . import functional as _F
from ._args import _ntuple, _stride, _window_args
from .functional import _KernelFunction, _call, _check_rank, _make_pool, _new
from ._node_names import rename

__all__ = ["max_pool1d", "max_pool3d", "avg_pool1d", "avg_pool2d", "avg_pool3d", "lp_pool1d", "lp_pool2d", "lp_pool3d",
           "adaptive_max_pool1d", "adaptive_avg_pool1d", "adaptive_max_pool3d", "adaptive_avg_pool3d",
           "max_unpool1d", "max_unpool2d", "max_unpool3d", "fractional_max_pool2d",
           "max_pool1d_with_indices", "max_pool3d_with_indices", "adaptive_max_pool1d_with_indices",
           "adaptive_max_pool3d_with_indices", "fractional_max_pool2d_with_indices", "fractional_max_pool3d",
           "fractional_max_pool3d_with_indices"]


def _batched(input, nd):
    """(input with a batch dim, a function undoing that on results)."""
    if input.dim() == nd + 2:
        return input, lambda t: t
    return input.unsqueeze(0), lambda t: t.squeeze(0)


# ---------------------------------------------------------------- 1-d through the 2-d ops

def _as_2d(t):
    return t.unsqueeze(-2)


def _from_2d(res):
    if isinstance(res, tuple):
        return tuple(r.squeeze(-2) for r in res)
    return res.squeeze(-2)


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """Max over windows of input (N, C, L) or (C, L); indices are positions along L (int64)."""
    _check_rank("max_pool1d", input, 1)
    k, s, p, d = _window_args("max_pool1d", 1, kernel_size, stride, padding, dilation)
    return _from_2d(_F.max_pool2d(_as_2d(input), (1,) + k, (1,) + s, (0,) + p, (1,) + d, ceil_mode, return_indices))


def max_pool1d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                            return_indices=True):
    return max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode, True)


def _valid_counts(spatial, out_spatial, k, s, p, like):
    """The number of input (not padding) cells under each window: a tensor of out_spatial."""
    counts = np.ones((), dtype=np.float64)
    for size, o, ki, si, pi in zip(spatial, out_spatial, k, s, p):
        start = np.arange(o) * si - pi
        per_dim = np.minimum(start + ki, size) - np.maximum(start, 0)
        counts = np.multiply.outer(counts, per_dim)
    return tensor(counts, dtype=like._dtype)


def _sum_over_divisor(op, input, out_excl, nd, k, s, p, divisor_override):
    """avg_pool with divisor_override: the window sums (the padding-excluding average times the
    cells it averaged) over divisor_override, in floor and ceil mode alike."""
    if isinstance(divisor_override, bool) or not isinstance(divisor_override, numbers.Integral):
        raise TypeError("%s: expected divisor_override to be an int, but got %s"
                        % (op, type(divisor_override).__name__))
    if divisor_override == 0:
        raise RuntimeError("%s: divisor must be not zero" % op)
    counts = _valid_counts(input._shape[-nd:], out_excl._shape[-nd:], k, s, p, out_excl)
    return out_excl * counts / float(divisor_override)


_avg_pool2d_kernel = _F.avg_pool2d  # functional.py's op (this module's avg_pool2d replaces it there)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    """Mean over kernel_size windows of input (N, C, H, W) or (C, H, W); stride defaults to
    kernel_size; with count_include_pad the zero padding counts in the divisor.  divisor_override
    (a non-zero int) replaces the divisor: the output is each window's sum over it (ceil_mode's
    partial windows included)."""
    if divisor_override is None:
        return _avg_pool2d_kernel(input, kernel_size, stride, padding, ceil_mode, count_include_pad)
    _check_rank("avg_pool2d", input, 2)
    k, s, p, _ = _window_args("avg_pool2d", 2, kernel_size, stride, padding)
    out = _avg_pool2d_kernel(input, k, s, p, ceil_mode, False)
    return _sum_over_divisor("avg_pool2d", input, out, 2, k, s, p, divisor_override)


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
    """Mean over windows of input (N, C, L) or (C, L)."""
    _check_rank("avg_pool1d", input, 1)
    k, s, p, _ = _window_args("avg_pool1d", 1, kernel_size, stride, padding)
    return _from_2d(_F.avg_pool2d(_as_2d(input), (1,) + k, (1,) + s, (0,) + p, ceil_mode, count_include_pad))


def adaptive_avg_pool1d(input, output_size):
    """Average pooling of input (N, C, L) or (C, L) to output_size cells along L."""
    _check_rank("adaptive_avg_pool1d", input, 1)
    o = _ntuple(output_size, 1, "adaptive_avg_pool1d", "output_size")
    return _from_2d(_F.adaptive_avg_pool2d(_as_2d(input), (1,) + o))


def adaptive_max_pool1d(input, output_size, return_indices=False):
    """Max pooling of input (N, C, L) or (C, L) to output_size cells along L."""
    _check_rank("adaptive_max_pool1d", input, 1)
    o = _ntuple(output_size, 1, "adaptive_max_pool1d", "output_size")
    return _from_2d(_F.adaptive_max_pool2d(_as_2d(input), (1,) + o, return_indices))


def adaptive_max_pool1d_with_indices(input, output_size, return_indices=True):
    return adaptive_max_pool1d(input, output_size, True)


# ---------------------------------------------------------------- 3-d

_MaxPool3d = _make_pool("VolumetricMaxPooling", True, spatial_dims=3)
_AvgPool3d = _make_pool("VolumetricAveragePooling", False)
rename(_MaxPool3d, "MaxPool3DWithIndicesBackward0")
rename(_AvgPool3d, "AvgPool3DBackward0")


def _vol_geom(k, s, p):
    """THNN's Volumetric argument order (T, W, H) from (T, H, W) triples."""
    return (k[0], k[2], k[1], s[0], s[2], s[1], p[0], p[2], p[1])


def max_pool3d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """Max over windows of input (N, C, T, H, W) or (C, T, H, W); indices t H W + h W + w.
    Dilated windows run as two dilated 2-d poolings (a max over a box is a max over its frames
    of the max over each frame's rectangle): over (H, W), then over (T, oH oW) with windows
    one cell wide."""
    _check_rank("max_pool3d", input, 3)
    k, s, p, d = _window_args("max_pool3d", 3, kernel_size, stride, padding, dilation)
    if d == (1, 1, 1):
        out, idx = _MaxPool3d.apply(input, *_vol_geom(k, s, p), bool(ceil_mode))
        return (out, idx) if return_indices else out
    *lead, t, h, w = input._shape
    planes, pidx = _F.max_pool2d(input.reshape(-1, 1, h, w), k[1:], s[1:], p[1:], d[1:], ceil_mode, True)
    oH, oW = planes._shape[-2:]
    out, tidx = _F.max_pool2d(planes.reshape(-1, 1, t, oH * oW), (k[0], 1), (s[0], 1), (p[0], 0), (d[0], 1),
                              ceil_mode, True)
    oT = out._shape[-2]
    out = out.reshape(*lead, oT, oH, oW)
    if not return_indices:
        return out
    return out, _volume_indices(pidx, tidx, t, h * w).reshape(*lead, oT, oH, oW)


def _volume_indices(pidx, tidx, t, hw):
    """Flat volume indices t H W + h W + w of a two-pass 3-d max: pidx (B, 1, oH, oW) the in-plane
    argmax of every frame's cells, tidx (B / t, 1, oT, oH oW) the frame pass's flat indices."""
    cells = pidx._shape[-2] * pidx._shape[-1]
    tsel = (tidx // cells).reshape(-1, tidx._shape[-2], cells)  # the frame each cell's max came from
    inplane = pidx.reshape(-1, t, cells).gather(1, tsel)
    return tsel * hw + inplane


def max_pool3d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                            return_indices=True):
    return max_pool3d(input, kernel_size, stride, padding, dilation, ceil_mode, True)


def avg_pool3d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    """Mean over windows of input (N, C, T, H, W) or (C, T, H, W); divisor_override (a non-zero
    int) replaces the divisor: each window's sum over it (ceil_mode's partial windows included)."""
    _check_rank("avg_pool3d", input, 3)
    k, s, p, _ = _window_args("avg_pool3d", 3, kernel_size, stride, padding)
    if divisor_override is None:
        return _AvgPool3d.apply(input, *_vol_geom(k, s, p), bool(ceil_mode), bool(count_include_pad))
    out = _AvgPool3d.apply(input, *_vol_geom(k, s, p), bool(ceil_mode), False)
    return _sum_over_divisor("avg_pool3d", input, out, 3, k, s, p, divisor_override)


def _adaptive3_size(op, input, output_size):
    o = output_size if not isinstance(output_size, numbers.Integral) else (output_size,) * 3
    if len(o) == 1:
        o = tuple(o) * 3
    if len(o) != 3:
        raise ValueError("%s: expected output_size to be an int or 3 ints, but got %s" % (op, output_size))
    o = tuple(input._shape[-3 + i] if v is None else int(v) for i, v in enumerate(o))
    if min(o) <= 0:
        raise RuntimeError("%s: expected a positive output_size, but got %s" % (op, o))
    return o


def adaptive_avg_pool3d(input, output_size):
    """Average pooling of input (N, C, T, H, W) or (C, T, H, W) to output_size (oT, oH, oW)."""
    _check_rank("adaptive_avg_pool3d", input, 3)
    oT, oH, oW = _adaptive3_size("adaptive_avg_pool3d", input, output_size)
    *lead, t, h, w = input._shape
    planes = _F.adaptive_avg_pool2d(input.reshape(-1, 1, h, w), (oH, oW))
    out = _F.adaptive_avg_pool2d(planes.reshape(-1, 1, t, oH * oW), (oT, oH * oW))
    return out.reshape(*lead, oT, oH, oW)


def adaptive_max_pool3d(input, output_size, return_indices=False):
    """Max pooling of input (N, C, T, H, W) or (C, T, H, W) to output_size (oT, oH, oW); indices
    t H W + h W + w in the input volume."""
    _check_rank("adaptive_max_pool3d", input, 3)
    oT, oH, oW = _adaptive3_size("adaptive_max_pool3d", input, output_size)
    *lead, t, h, w = input._shape
    planes, pidx = _F.adaptive_max_pool2d(input.reshape(-1, 1, h, w), (oH, oW), True)
    out, tidx = _F.adaptive_max_pool2d(planes.reshape(-1, 1, t, oH * oW), (oT, oH * oW), True)
    out = out.reshape(*lead, oT, oH, oW)
    if not return_indices:
        return out
    return out, _volume_indices(pidx, tidx, t, h * w).reshape(*lead, oT, oH, oW)


def adaptive_max_pool3d_with_indices(input, output_size, return_indices=True):
    return adaptive_max_pool3d(input, output_size, True)


# ---------------------------------------------------------------- power-average pooling

def _lp_pool(op, nd, avg, input, norm_type, kernel_size, stride, ceil_mode):
    _check_rank(op, input, nd)
    k = _ntuple(kernel_size, nd, op, "kernel_size")
    s = _ntuple(_stride(stride, kernel_size), nd, op, "stride")
    n = 1
    for ki in k:
        n *= ki
    out = avg(input.pow(norm_type), k, s, 0, ceil_mode)
    return (out.sign() * _F.relu(out.abs())).mul(n).pow(1.0 / norm_type)


def lp_pool1d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """(sum over each window of x ** norm_type) ** (1 / norm_type) along L of (N, C, L)."""
    return _lp_pool("lp_pool1d", 1, avg_pool1d, input, norm_type, kernel_size, stride, ceil_mode)


def lp_pool2d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """(sum over each window of x ** norm_type) ** (1 / norm_type) over (H, W) of (N, C, H, W)."""
    return _lp_pool("lp_pool2d", 2, _F.avg_pool2d, input, norm_type, kernel_size, stride, ceil_mode)


def lp_pool3d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """(sum over each window of x ** norm_type) ** (1 / norm_type) over (T, H, W)."""
    return _lp_pool("lp_pool3d", 3, avg_pool3d, input, norm_type, kernel_size, stride, ceil_mode)


# ---------------------------------------------------------------- unpooling

class _MaxUnpool2d(_KernelFunction):
    @staticmethod
    def forward(ctx, input, indices, ow, oh):
        x, idx = input.contiguous(), indices.contiguous()
        out = _new(x._dtype)
        _call("SpatialMaxUnpooling_updateOutput", x._dtype, x, out, idx, ow, oh)
        ctx.size = (ow, oh)
        ctx.save_for_backward(x, idx)
        return out

    @staticmethod
    def backward(ctx, g):
        x, idx = ctx.saved_tensors
        gi = _new(x._dtype)
        _call("SpatialMaxUnpooling_updateGradInput", x._dtype, x, g.contiguous(), gi, idx, *ctx.size)
        return gi, None, None, None


rename(_MaxUnpool2d, "MaxUnpool2DBackward0")


def _unpool_args(op, nd, input, indices, kernel_size, stride, padding, output_size):
    _check_rank(op, input, nd)
    if not isinstance(indices, Tensor) or indices._dtype is not D.int64 or indices._shape != input._shape:
        raise RuntimeError("%s: expected int64 indices of the input's shape %s, but got %s" % (
            op, list(input._shape), list(indices._shape) if isinstance(indices, Tensor) else type(indices).__name__))
    k = _ntuple(kernel_size, nd, op, "kernel_size")
    s = _ntuple(_stride(stride, kernel_size), nd, op, "stride")
    p = _ntuple(padding, nd, op, "padding")
    default = tuple((input._shape[-nd + i] - 1) * s[i] - 2 * p[i] + k[i] for i in range(nd))
    if output_size is None:
        return default
    size = tuple(int(v) for v in output_size)
    if len(size) == nd + 2 or (len(size) == nd + 1 and input.dim() == nd + 1):
        size = size[-nd:]
    if len(size) != nd:
        raise ValueError("%s: output_size should have %d or %d elements, but got %d" % (op, nd, nd + 2, len(size)))
    for i in range(nd):
        if not default[i] - s[i] < size[i] < default[i] + s[i]:
            raise ValueError("%s: invalid output_size %s (dim %d must be between %d and %d)"
                             % (op, size, i, default[i] - s[i] + 1, default[i] + s[i] - 1))
    return size


def max_unpool2d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    """The partial inverse of max_pool2d: input (N, C, H, W) or (C, H, W) written at the flat
    positions `indices` (max_pool2d's) of zero planes of output_size (default the pooling's input
    size (H - 1) stride - 2 padding + kernel_size)."""
    oh, ow = _unpool_args("max_unpool2d", 2, input, indices, kernel_size, stride, padding, output_size)
    return _MaxUnpool2d.apply(input, indices, ow, oh)


def max_unpool1d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    """The partial inverse of max_pool1d on input (N, C, L) or (C, L)."""
    o, = _unpool_args("max_unpool1d", 1, input, indices, kernel_size, stride, padding, output_size)
    return _MaxUnpool2d.apply(_as_2d(input), _as_2d(indices), o, 1).squeeze(-2)


def max_unpool3d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    """The partial inverse of max_pool3d on input (N, C, T, H, W) or (C, T, H, W) (a scatter of the
    values to the flat positions t H W + h W + w)."""
    size = _unpool_args("max_unpool3d", 3, input, indices, kernel_size, stride, padding, output_size)
    x, undo = _batched(input, 3)
    idx = indices if indices.dim() == 5 else indices.unsqueeze(0)
    n, c = x._shape[:2]
    volume = size[0] * size[1] * size[2]
    flat = idx.reshape(n, c, -1)
    if flat.numel() and (int(flat.min().item()) < 0 or int(flat.max().item()) >= volume):
        raise RuntimeError("max_unpool3d: found an index outside the output volume %s" % (size,))
    out = zeros(n, c, volume, dtype=x._dtype).scatter(2, flat, x.reshape(n, c, -1))
    return undo(out.reshape(n, c, *size))


# ---------------------------------------------------------------- fractional max pooling

class _FractionalMaxPool2d(_KernelFunction):
    @staticmethod
    def forward(ctx, input, samples, ow, oh, kw, kh):
        x = input.contiguous()
        out, idx = _new(x._dtype), _new(D.int64)
        _call("SpatialFractionalMaxPooling_updateOutput", x._dtype, x, out, ow, oh, kw, kh, idx, samples.contiguous())
        ctx.args = (ow, oh, kw, kh)
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(x, idx)
        return out, idx

    @staticmethod
    def backward(ctx, g, _gidx):
        x, idx = ctx.saved_tensors
        gi = _new(x._dtype)
        _call("SpatialFractionalMaxPooling_updateGradInput", x._dtype, x, g.contiguous(), gi, *ctx.args, idx)
        return gi, None, None, None, None, None


rename(_FractionalMaxPool2d, "FractionalMaxPool2DBackward0")


def _fractional_sizes(op, nd, input, kernel_size, output_size, output_ratio):
    """(kernel, output size) of a fractional max pooling; the output comes from output_size or
    floor(input size * output_ratio) (exactly one given), and must leave every window inside."""
    k = _ntuple(kernel_size, nd, op, "kernel_size")
    if (output_size is None) == (output_ratio is None):
        raise ValueError("%s requires specifying either an output_size or an output_ratio (exactly one)" % op)
    spatial = input._shape[-nd:]
    if output_size is None:
        ratio = (output_ratio,) * nd if isinstance(output_ratio, numbers.Real) else tuple(output_ratio)
        if len(ratio) == 1:
            ratio = ratio * nd
        if len(ratio) != nd or not all(0 < float(r) < 1 for r in ratio):
            raise ValueError("%s: output_ratio must be a number or %d numbers between 0 and 1 (got %s)"
                             % (op, nd, output_ratio))
        output_size = tuple(int(spatial[i] * float(ratio[i])) for i in range(nd))
    o = _ntuple(output_size, nd, op, "output_size")
    if min(o) <= 0 or any(o[i] + k[i] - 1 > spatial[i] for i in range(nd)):
        raise RuntimeError("%s: output_size %s with kernel_size %s does not fit the input size %s (need "
                           "output + kernel - 1 <= input)" % (op, o, k, tuple(spatial)))
    return k, o


def _fractional_samples(op, nd, x, samples):
    """_random_samples (N, C, nd) in [0, 1): the given ones, or drawn uniformly."""
    n, c = x._shape[:2]
    if samples is None:
        return rand(n, c, nd, dtype=x._dtype)
    if not isinstance(samples, Tensor) or samples.numel() != n * c * nd:
        raise RuntimeError("%s: expected _random_samples of shape %s, but got %s" % (
            op, [n, c, nd], list(samples._shape) if isinstance(samples, Tensor) else type(samples).__name__))
    return samples.to(x._dtype)


def fractional_max_pool2d(input, kernel_size, output_size=None, output_ratio=None, return_indices=False,
                          _random_samples=None):
    """Fractional max pooling (Graham) of input (N, C, H, W) or (C, H, W): kernel_size windows at
    pseudo-random, increasing starts giving output_size (or floor(input size * output_ratio))
    cells; _random_samples (N, C, 2) in [0, 1) fixes the starts (drawn uniformly otherwise;
    sample 0 places the columns, sample 1 the rows)."""
    op = "fractional_max_pool2d"
    _check_rank(op, input, 2)
    (kh, kw), (oh, ow) = _fractional_sizes(op, 2, input, kernel_size, output_size, output_ratio)
    x, undo = _batched(input, 2)
    samples = _fractional_samples(op, 2, x, _random_samples)
    out, idx = _FractionalMaxPool2d.apply(x, samples, ow, oh, kw, kh)
    out, idx = undo(out), undo(idx)
    return (out, idx) if return_indices else out


def fractional_max_pool2d_with_indices(input, kernel_size, output_size=None, output_ratio=None,
                                       return_indices=True, _random_samples=None):
    return fractional_max_pool2d(input, kernel_size, output_size, output_ratio, True, _random_samples)


def _fractional_starts(samples, size, out, k, np_dtype):
    """The window starts (N, C, out) along one dim: for u the plane's sample and
    a = (size - k) / (out - 1), start i is int((i + u) a) - int(u a), the last one size - k
    (computed in the input's precision, as PyTorch)."""
    np_dtype = np.dtype(np_dtype).type
    u = samples.astype(np_dtype)[..., None]
    starts = np.empty(samples.shape + (out,), dtype=np.int64)
    if out > 1:
        alpha = np_dtype(size - k) / np_dtype(out - 1)
        i = np.arange(out - 1).astype(np_dtype)
        starts[..., :-1] = ((i + u) * alpha).astype(np.int64) - (u * alpha).astype(np.int64)
    starts[..., -1] = size - k
    return starts


def _window_max(x, dim, starts, k):
    """Max of x (N, C, ...) over the windows [start, start + k) of dim, starts (N, C, out):
    (values, the argmax's coordinate along dim), both with dim of size out."""
    n, c, out = starts.shape
    pos = (starts[..., None] + np.arange(k)).reshape(n, c, out * k)
    shape = [n, c] + [1] * (x.dim() - 2)
    shape[dim] = out * k
    index = tensor(pos.reshape(shape)).expand(*(x._shape[:dim] + (out * k,) + x._shape[dim + 1:]))
    windows = x.gather(dim, index.contiguous())
    values, which = windows.reshape(*x._shape[:dim], out, k, *x._shape[dim + 1:]).max(dim + 1)
    first = tensor(starts.reshape(shape[:dim] + [out] + shape[dim + 1:]))
    return values, first + which


def fractional_max_pool3d(input, kernel_size, output_size=None, output_ratio=None, return_indices=False,
                          _random_samples=None):
    """Fractional max pooling (Graham) of input (N, C, T, H, W) or (C, T, H, W): kernel_size
    windows at pseudo-random, increasing starts giving output_size (or floor(input size *
    output_ratio)) cells; _random_samples (N, C, 3) in [0, 1) fixes the starts of T, H and W
    (drawn uniformly otherwise).  Indices are t H W + h W + w.  A max over a box is a max of
    maxima, so the pooling runs along W, then H, then T (gathers; ties go to the first cell in
    (t, h, w) order, as PyTorch's scan)."""
    op = "fractional_max_pool3d"
    _check_rank(op, input, 3)
    k, o = _fractional_sizes(op, 3, input, kernel_size, output_size, output_ratio)
    x, undo = _batched(input, 3)
    samples = _fractional_samples(op, 3, x, _random_samples).numpy().reshape(x._shape[0], x._shape[1], 3)
    t, h, w = x._shape[2:]
    starts = [_fractional_starts(samples[..., i], x._shape[2 + i], o[i], k[i], x._dtype._np) for i in range(3)]
    out, aw = _window_max(x, 4, starts[2], k[2])
    out, ah = _window_max(out, 3, starts[1], k[1])
    aw = aw.gather(3, ah)  # the column of the max of each chosen row
    out, at = _window_max(out, 2, starts[0], k[0])
    idx = at * (h * w) + ah.gather(2, at) * w + aw.gather(2, at)
    out, idx = undo(out), undo(idx)
    return (out, idx) if return_indices else out


def fractional_max_pool3d_with_indices(input, kernel_size, output_size=None, output_ratio=None,
                                       return_indices=True, _random_samples=None):
    return fractional_max_pool3d(input, kernel_size, output_size, output_ratio, True, _random_samples)
