"""torch.nn.functional padding and resampling (layer: nn): pad (constant, reflect, replicate,
circular), interpolate / upsample (nearest, nearest-exact, linear, bilinear, bicubic, trilinear,
area), grid_sample, affine_grid, pixel_shuffle and pixel_unshuffle.

Kernels: Temporal/Spatial Reflection- and ReplicationPadding, Temporal/SpatialUpSamplingNearest,
TemporalUpSamplingLinear, SpatialUpSamplingBilinear, SpatialGridSamplerBilinear.  The 3-d cases
are separable and run as two 2-d passes: first over (H, W) for each frame, then over
(T, H' W') with the second dim left as it is.  Constant and circular padding are cat / narrow.
Bicubic and nearest-exact resizing are separable index_select passes; grid sampling beyond the
bilinear kernel (nearest, bicubic, reflection padding, 5-d) is _functional_grid.
"""
import math
import numbers
import warnings

import numpy as np

from .._creation import full, tensor
from ..tensor import Tensor
from . import _functional_grid as _grid
from ._node_names import named, rename
from .functional import _KernelFunction, _call, _check_float, _new

__all__ = ["pad", "interpolate", "upsample", "upsample_nearest", "upsample_bilinear", "grid_sample", "affine_grid",
           "pixel_shuffle", "pixel_unshuffle"]


def _cat(parts, dim):
    from .. import cat

    return cat(parts, dim) if len(parts) > 1 else parts[0]


# ---------------------------------------------------------------- pad

def _constant_pad(x, widths, value):
    """widths[i] = (lo, hi) for dim x.dim() - 1 - i; negative widths crop."""
    for i, (lo, hi) in enumerate(widths):
        d = x.dim() - 1 - i
        x = x.narrow(d, max(-lo, 0), x._shape[d] - max(-lo, 0) - max(-hi, 0))
        parts = [x]
        for n, at in ((lo, 0), (hi, 1)):
            if n > 0:
                shape = list(x._shape)
                shape[d] = n
                parts.insert(len(parts) * at, full(shape, value, dtype=x._dtype))
        x = _cat(parts, d)
    return x


def _circular_pad(x, widths):
    for i, (lo, hi) in enumerate(widths):
        d, size = x.dim() - 1 - i, x._shape[x.dim() - 1 - i]
        if lo > size or hi > size:
            raise ValueError("pad: circular padding %s may wrap around at most once (dim %d has size %d)"
                             % ((lo, hi), d, size))
        core = x.narrow(d, max(-lo, 0), size - max(-lo, 0) - max(-hi, 0))
        kept = core._shape[d]  # the wrapped parts come from what the negative widths left
        parts = [core]
        if lo > 0:
            parts.insert(0, core.narrow(d, kept - lo, lo))
        if hi > 0:
            parts.append(core.narrow(d, 0, hi))
        x = _cat(parts, d)
    return x


class _Pad(_KernelFunction):
    """THNN padding kernel `name` on an input of the kernel's rank; pads in the kernel's order."""

    @staticmethod
    def forward(ctx, input, name, pads):
        x = input.contiguous()
        out = _new(x._dtype)
        _call(name + "_updateOutput", x._dtype, x, out, *pads)
        ctx.kernel, ctx.pads = name, pads
        ctx.save_for_backward(x)
        return out

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        gi = _new(x._dtype)
        _call(ctx.kernel + "_updateGradInput", x._dtype, x, g.contiguous(), gi, *ctx.pads)
        return gi, None, None


# PyTorch's backward node name for each THNN kernel the padding and resampling Functions run
_NODE_OF_KERNEL = {
    "TemporalReflectionPadding": "ReflectionPad1DBackward0", "SpatialReflectionPadding": "ReflectionPad2DBackward0",
    "TemporalReplicationPadding": "ReplicationPad1DBackward0",
    "SpatialReplicationPadding": "ReplicationPad2DBackward0",
    "TemporalUpSamplingNearest": "UpsampleNearest1DBackward0", "SpatialUpSamplingNearest": "UpsampleNearest2DBackward0",
    "TemporalUpSamplingLinear": "UpsampleLinear1DBackward0", "SpatialUpSamplingBilinear": "UpsampleBilinear2DBackward0",
}


def _apply_named(fn, x, kernel, *args):
    """fn.apply(x, kernel, *args), its node named as PyTorch names the op the kernel implements."""
    return named(fn, _NODE_OF_KERNEL[kernel]).apply(x, kernel, *args)


def _kernel_pad(x, widths, kind):
    """Reflection / replication padding of the last len(widths) dims of x (1, 2 or 3)."""
    n = len(widths)
    if n < 3 and x.dim() in (n + 1, n + 2):  # a shape the kernel takes as it is (no view in the graph)
        return _apply_named(_Pad, x, ("Temporal" if n == 1 else "Spatial") + kind, sum(widths, ()))
    lead = list(x._shape[:-n])
    spatial = list(x._shape[-n:])
    if n == 1:
        out = _apply_named(_Pad, x.reshape(-1, spatial[0]), "Temporal" + kind, widths[0])
    elif n == 2:
        out = _apply_named(_Pad, x.reshape(-1, *spatial), "Spatial" + kind, widths[0] + widths[1])
    else:  # planes first, then the frames: (T, H' W') as a plane padded at its top and bottom only
        t, h, w = spatial
        planes = _apply_named(_Pad, x.reshape(-1, h, w), "Spatial" + kind, widths[0] + widths[1])
        hw = planes._shape[-2] * planes._shape[-1]
        out = _apply_named(_Pad, planes.reshape(-1, t, hw), "Spatial" + kind, (0, 0) + widths[2])
        out = out.reshape(-1, out._shape[-2], planes._shape[-2], planes._shape[-1])
    return out.reshape(*lead, *out._shape[1:])


def pad(input, pad, mode="constant", value=None):
    """Pads input: pad lists (left, right) widths from the last dim backwards (negative widths
    crop).  mode 'constant' (value, default 0) pads any dims; 'reflect' (mirror about the edge,
    widths smaller than the dim), 'replicate' (repeat the edge) and 'circular' (wrap around) pad
    the last 1, 2 or 3 dims of a (batched or unbatched) 2-d to 5-d input."""
    if not isinstance(input, Tensor):
        raise TypeError("pad: expected a Tensor as input, but got %s" % type(input).__name__)
    pad = [int(p) for p in pad]
    if len(pad) % 2 or len(pad) // 2 > input.dim():
        raise ValueError("pad: padding length must be even and at most twice the number of dims (%d), but got %d"
                         % (input.dim(), len(pad)))
    widths = [(pad[2 * i], pad[2 * i + 1]) for i in range(len(pad) // 2)]
    for i, (lo, hi) in enumerate(widths):
        if input._shape[input.dim() - 1 - i] + lo + hi < 0:
            raise RuntimeError("pad: the padding %s would make dim %d of input %s negative"
                               % ((lo, hi), input.dim() - 1 - i, list(input._shape)))
    if mode == "constant":
        return _constant_pad(input, widths, 0.0 if value is None else value)
    if mode not in ("reflect", "replicate", "circular"):
        raise NotImplementedError("pad: mode %r is not implemented (expected constant, reflect, replicate or "
                                  "circular)" % (mode,))
    if value is not None and value != 0:
        raise ValueError("pad: padding mode %r doesn't take in value argument" % mode)
    n = len(widths)
    if n not in (1, 2, 3) or input.dim() not in (n + 1, n + 2):
        raise NotImplementedError("pad: %s padding of %d dims needs a %d-d or %d-d input, but got shape %s"
                                  % (mode, n, n + 1, n + 2, list(input._shape)))
    if mode == "circular":
        return _circular_pad(input, widths)
    if mode == "reflect":
        for i, (lo, hi) in enumerate(widths):
            size = input._shape[input.dim() - 1 - i]
            if lo >= size or hi >= size:
                raise ValueError("pad: reflect padding %s must be smaller than the size %d of dim %d of input %s"
                                 % ((lo, hi), size, input.dim() - 1 - i, list(input._shape)))
    _check_float("pad", input)
    return _kernel_pad(input, tuple(widths), "ReflectionPadding" if mode == "reflect" else "ReplicationPadding")


# ---------------------------------------------------------------- interpolate

class _Resample(_KernelFunction):
    """THNN upsampling kernel `name`: updateOutput(input, output, *osize, *extra) and
    updateGradInput(gradOutput, gradInput, *input sizes, *osize, *extra)."""

    @staticmethod
    def forward(ctx, input, name, osize, extra):
        x = input.contiguous()
        out = _new(x._dtype)
        _call(name + "_updateOutput", x._dtype, x, out, *osize, *extra)
        ctx.args = (name, x._shape, osize, extra)
        return out

    @staticmethod
    def backward(ctx, g):
        name, shape, osize, extra = ctx.args
        gi = _new(g._dtype)
        _call(name + "_updateGradInput", g._dtype, g.contiguous(), gi, *shape, *osize, *extra)
        return gi, None, None, None


def _resample_planes(x, osize, nearest, scales, align_corners):
    """Resamples the last len(osize) (1 or 2) dims of x (B, C, ...)."""
    if nearest:
        name = ("Temporal" if len(osize) == 1 else "Spatial") + "UpSamplingNearest"
        return _apply_named(_Resample, x, name, tuple(osize), tuple(scales))
    name = "TemporalUpSamplingLinear" if len(osize) == 1 else "SpatialUpSamplingBilinear"
    return _apply_named(_Resample, x, name, tuple(osize), (bool(align_corners),))


def _resample_3d(x, osize, nearest, scales, align_corners):
    n, c, t, h, w = x._shape
    planes = _resample_planes(x.reshape(n, c * t, h, w), osize[1:], nearest, scales[1:], align_corners)
    hw = osize[1] * osize[2]
    frames = _resample_planes(planes.reshape(n, c, t, hw), (osize[0], hw), nearest, (scales[0], 0.0),
                              align_corners)
    return frames.reshape(n, c, *osize)


def _source_positions(isize, osize, scale, align_corners, cubic):
    """The (fractional) input position of each output cell along a dim, as PyTorch computes it:
    o (isize - 1) / (osize - 1) with align_corners, else (o + 0.5) / scale - 0.5 (scale the kept
    scale_factor, or osize / isize), clamped at 0 except for cubic interpolation."""
    o = np.arange(osize, dtype=np.float64)
    if align_corners:
        return o * ((isize - 1) / (osize - 1) if osize > 1 else 0.0)
    src = (o + 0.5) * (1.0 / scale if scale > 0 else isize / osize) - 0.5
    return src if cubic else np.maximum(src, 0.0)


def _weights(w, dim, ndim, like):
    shape = [1] * ndim
    shape[dim] = w.size
    return tensor(w.reshape(shape), dtype=like._dtype)


def _linear_along(x, dim, osize, scale, align_corners):
    """Linear interpolation along one dim (index_select and a lerp): PyTorch's source index for
    a scale_factor whose 1 / scale differs from in / out, which the kernels do not take."""
    isize = x._shape[dim]
    src = _source_positions(isize, osize, scale, align_corners, False)
    i0 = np.minimum(np.floor(src).astype(np.int64), isize - 1)
    i1 = np.minimum(i0 + 1, isize - 1)
    a, b = x.index_select(dim, tensor(i0)), x.index_select(dim, tensor(i1))
    return a + (b - a) * _weights(src - i0, dim, x.dim(), x)


def _cubic_along(x, dim, osize, scale, align_corners):
    """Cubic convolution along one dim: the 4 taps floor(src) - 1 .. floor(src) + 2 (reads past
    the edges clamped to the edge cells) weighted by cubic_weights(src - floor(src))."""
    isize = x._shape[dim]
    src = _source_positions(isize, osize, scale, align_corners, True)
    i0 = np.floor(src).astype(np.int64)
    weights = _grid.cubic_weights(src - i0)
    out = None
    for k in range(4):
        taps = x.index_select(dim, tensor(np.clip(i0 - 1 + k, 0, isize - 1)))
        term = taps * _weights(weights[k], dim, x.dim(), x)
        out = term if out is None else out + term
    return out


def _nearest_exact_along(x, dim, osize, scale):
    """Nearest-exact along one dim: the input cell containing the output cell's centre,
    min(floor((o + 0.5) / scale), isize - 1), scale in single precision as PyTorch's."""
    isize = x._shape[dim]
    inv = np.float32(1.0 / scale if scale > 0 else isize / osize)
    src = np.floor(((np.arange(osize) + 0.5) * np.float64(inv)).astype(np.float32)).astype(np.int64)
    return x.index_select(dim, tensor(np.minimum(src, isize - 1)))


_MODES_ND = {"linear": 1, "bilinear": 2, "trilinear": 3}


def _interp_sizes(op, input, nd, size, scale_factor, recompute_scale_factor):
    """(output sizes, the kernel scales: scale_factor when it is kept, else 0)."""
    if (size is None) == (scale_factor is None):
        raise ValueError("%s: exactly one of size or scale_factor should be defined" % op)
    spatial = input._shape[2:]
    if size is not None:
        osize = (int(size),) * nd if isinstance(size, numbers.Integral) else tuple(int(s) for s in size)
        if len(osize) != nd:
            raise ValueError("%s: input and output must have the same number of spatial dimensions, but got input "
                             "with spatial dimensions of %s and output size of %s" % (op, list(spatial), list(osize)))
        return osize, (0.0,) * nd
    scales = (float(scale_factor),) * nd if isinstance(scale_factor, numbers.Real) \
        else tuple(float(s) for s in scale_factor)
    if len(scales) != nd:
        raise ValueError("%s: input and scale_factor must have the same number of spatial dimensions, but got input "
                         "with spatial dimensions of %s and scale_factor of shape %s" % (op, list(spatial),
                                                                                         list(scales)))
    osize = tuple(int(math.floor(spatial[i] * scales[i])) for i in range(nd))
    return osize, ((0.0,) * nd if recompute_scale_factor else scales)


_INTERP_MODES = ("nearest", "nearest-exact", "linear", "bilinear", "bicubic", "trilinear", "area")


def _check_interp_mode(op, input, nd, mode, align_corners, antialias):
    if mode not in _INTERP_MODES:
        raise NotImplementedError("%s: mode %r is not implemented (expected one of %s)"
                                  % (op, mode, ", ".join(_INTERP_MODES)))
    if mode in ("nearest", "nearest-exact", "area") and align_corners is not None:
        raise ValueError("align_corners option can only be set with the interpolating modes: linear | bilinear | "
                         "bicubic | trilinear")
    expected = dict(_MODES_ND, bicubic=2).get(mode)
    if expected is not None and expected != nd:
        raise NotImplementedError("%s: mode %r needs a %d-d input, but got shape %s"
                                  % (op, mode, expected + 2, list(input._shape)))
    if antialias:
        if mode not in ("bilinear", "bicubic"):
            raise ValueError("%s: anti-alias option is restricted to bilinear and bicubic modes and requires a 4-D "
                             "tensor as input, but got mode %r" % (op, mode))
        raise NotImplementedError("%s: antialias=True is not implemented (mode %r)" % (op, mode))


def interpolate(input, size=None, scale_factor=None, mode="nearest", align_corners=None, recompute_scale_factor=None,
                antialias=False):
    """Resizes the spatial dims of input (N, C, L), (N, C, H, W) or (N, C, T, H, W) to size (or
    floor(size * scale_factor)).  Modes: 'nearest' (source floor(o / scale)), 'nearest-exact'
    (the cell holding the output cell's centre, min(floor((o + 0.5) / scale), in - 1)), 'linear'
    (3-d input), 'bilinear' (4-d), 'bicubic' (4-d; cubic convolution with a = -0.75, reads past
    the border clamped to it) and 'trilinear' (5-d) with align_corners (default False), and 'area'
    (adaptive average pooling).  A scale_factor is used for the source index unless
    recompute_scale_factor.  antialias=True is not implemented."""
    op = "interpolate"
    _check_float(op, input)
    nd = input.dim() - 2
    if nd not in (1, 2, 3):
        raise NotImplementedError("%s: expected a 3-d, 4-d or 5-d input (N, C, ...), but got shape %s"
                                  % (op, list(input._shape)))
    _check_interp_mode(op, input, nd, mode, align_corners, antialias)
    osize, scales = _interp_sizes(op, input, nd, size, scale_factor, recompute_scale_factor)
    if min(osize) <= 0:
        raise ValueError("%s: the output size %s must be positive (input %s)"
                         % (op, list(osize), list(input._shape)))
    if mode == "area":
        from . import functional as _F

        return getattr(_F, "adaptive_avg_pool%dd" % nd)(input, osize)
    align = bool(align_corners)
    if mode in ("nearest-exact", "bicubic"):
        out = input
        for i in range(nd):
            if mode == "bicubic":
                out = _cubic_along(out, 2 + i, osize[i], scales[i], align)
            else:
                out = _nearest_exact_along(out, 2 + i, osize[i], scales[i])
        return out
    nearest = mode == "nearest"
    spatial = input._shape[2:]
    if not nearest and not align and any(s > 0 and spatial[i] * s != osize[i] for i, s in enumerate(scales)):
        out = input
        for i in range(nd):
            out = _linear_along(out, 2 + i, osize[i], scales[i], False)
        return out
    if nd == 3:
        return _resample_3d(input, osize, nearest, scales, align)
    return _resample_planes(input, osize, nearest, scales, align)


def upsample(input, size=None, scale_factor=None, mode="nearest", align_corners=None):
    """Deprecated alias of interpolate."""
    warnings.warn("nn.functional.upsample is deprecated. Use nn.functional.interpolate instead.", stacklevel=2)
    return interpolate(input, size, scale_factor, mode, align_corners)


def upsample_nearest(input, size=None, scale_factor=None):
    """Deprecated: interpolate(mode='nearest')."""
    warnings.warn("nn.functional.upsample_nearest is deprecated. Use nn.functional.interpolate instead.",
                  stacklevel=2)
    return interpolate(input, size, scale_factor, mode="nearest")


def upsample_bilinear(input, size=None, scale_factor=None):
    """Deprecated: interpolate(mode='bilinear', align_corners=True)."""
    warnings.warn("nn.functional.upsample_bilinear is deprecated. Use nn.functional.interpolate instead.",
                  stacklevel=2)
    return interpolate(input, size, scale_factor, mode="bilinear", align_corners=True)


# ---------------------------------------------------------------- grid sampling

class _GridSample(_KernelFunction):
    @staticmethod
    def forward(ctx, input, grid, padding_mode, align_corners):
        x, gr = input.contiguous(), grid.contiguous()
        out = _new(x._dtype)
        _call("SpatialGridSamplerBilinear_updateOutput", x._dtype, x, gr, out, padding_mode, align_corners)
        ctx.args = (padding_mode, align_corners)
        ctx.save_for_backward(x, gr)
        return out

    @staticmethod
    def backward(ctx, g):
        x, gr = ctx.saved_tensors
        gi, gg = _new(x._dtype), _new(x._dtype)
        _call("SpatialGridSamplerBilinear_updateGradInput", x._dtype, x, gi, gr, gg, g.contiguous(), *ctx.args)
        return gi, gg, None, None


rename(_GridSample, "GridSampler2DBackward0")


def grid_sample(input, grid, mode="bilinear", padding_mode="zeros", align_corners=None):
    """Samples input (N, C, H_in, W_in) at grid (N, H, W, 2) of normalised (x, y) in [-1, 1] ->
    (N, C, H, W), or input (N, C, D_in, H_in, W_in) at grid (N, D, H, W, 3) of (x, y, z) ->
    (N, C, D, H, W).  mode 'bilinear' (trilinear on 5-d), 'nearest' (rounding half to even; the
    grid gets a zero gradient) or 'bicubic' (4-d only; PyTorch's cubic convolution, a = -0.75);
    padding_mode 'zeros', 'border' or 'reflection'; align_corners (default False) puts -1 and 1
    at the edge pixels' centres rather than their outer edges."""
    op = "grid_sample"
    _check_float(op, input)
    if mode not in ("bilinear", "nearest", "bicubic"):
        raise ValueError("%s: expected mode to be 'bilinear', 'nearest' or 'bicubic', but got %r" % (op, mode))
    modes = {"zeros": 0, "border": 1, "reflection": 2}
    if padding_mode not in modes:
        raise ValueError("%s: expected padding_mode to be 'zeros', 'border' or 'reflection', but got %r"
                         % (op, padding_mode))
    nd = input.dim() - 2
    if nd not in (2, 3):
        raise RuntimeError("%s: expected a 4-d (N, C, H, W) or 5-d (N, C, D, H, W) input, but got shape %s"
                           % (op, list(input._shape)))
    if mode == "bicubic" and nd != 2:
        raise RuntimeError("%s: mode 'bicubic' needs a 4-d input, but got shape %s" % (op, list(input._shape)))
    if not isinstance(grid, Tensor) or grid.dim() != nd + 2 or grid._shape[-1] != nd \
            or grid._shape[0] != input._shape[0]:
        raise RuntimeError("%s: expected grid of shape [%d, %s, %d] for input %s, but got %s" % (
            op, input._shape[0], ", ".join("HW" if nd == 2 else "DHW"), nd, list(input._shape),
            list(grid._shape) if isinstance(grid, Tensor) else type(grid).__name__))
    if grid._dtype is not input._dtype:
        raise TypeError("%s: expected grid of dtype %s, but got %s" % (op, input._dtype, grid._dtype))
    if nd == 2 and mode == "bilinear" and padding_mode != "reflection":
        return _GridSample.apply(input, grid, modes[padding_mode], bool(align_corners))
    return _grid.sample(input, grid, mode, padding_mode, bool(align_corners))


def _base_coords(n, align_corners):
    """The normalised centres of n pixels along a dim."""
    if n <= 1:
        return np.zeros(max(n, 0))
    c = np.linspace(-1.0, 1.0, n)
    return c if align_corners else c * (n - 1) / n


def affine_grid(theta, size, align_corners=None):
    """The sampling grid of affine maps theta (N, 2, 3) for size (N, C, H, W) -> (N, H, W, 2), or
    theta (N, 3, 4) for size (N, C, D, H, W) -> (N, D, H, W, 3): theta applied to each output
    pixel's normalised (x, y[, z], 1)."""
    _check_float("affine_grid", theta)
    size = [int(s) for s in size]
    nd = len(size) - 2
    if nd not in (2, 3):
        raise NotImplementedError("affine_grid: expected a 4-d or 5-d size, but got %s" % size)
    if theta.dim() != 3 or tuple(theta._shape) != (size[0], nd, nd + 1):
        raise ValueError("affine_grid: expected theta of shape %s for size %s, but got %s"
                         % ([size[0], nd, nd + 1], size, list(theta._shape)))
    spatial = size[2:]
    axes = [_base_coords(s, bool(align_corners)) for s in reversed(spatial)]  # x (W) first
    mesh = np.meshgrid(*axes, indexing="ij")  # dims in (W, H[, D]) order
    base = np.stack([m.transpose(tuple(reversed(range(nd)))) for m in mesh] + [np.ones(spatial)], -1)
    base_t = tensor(base.reshape(1, -1, nd + 1), dtype=theta._dtype)
    grid = base_t.matmul(theta.transpose(1, 2))
    return grid.reshape(size[0], *spatial, nd)


# ---------------------------------------------------------------- pixel shuffle

def pixel_shuffle(input, upscale_factor):
    """(*, C r^2, H, W) -> (*, C, H r, W r): channel c r^2 + i r + j goes to pixel (h r + i, w r + j)."""
    r = int(upscale_factor)
    if input.dim() < 3 or r <= 0 or input._shape[-3] % (r * r):
        raise RuntimeError("pixel_shuffle: expected input of at least 3 dims with channels divisible by "
                           "upscale_factor^2 = %d, but got shape %s" % (r * r, list(input._shape)))
    *lead, c, h, w = input._shape
    nl = len(lead)
    x = input.reshape(*lead, c // (r * r), r, r, h, w)
    x = x.permute(*range(nl), nl, nl + 3, nl + 1, nl + 4, nl + 2)
    return x.reshape(*lead, c // (r * r), h * r, w * r)


def pixel_unshuffle(input, downscale_factor):
    """The inverse of pixel_shuffle: (*, C, H r, W r) -> (*, C r^2, H, W)."""
    r = int(downscale_factor)
    if input.dim() < 3 or r <= 0 or input._shape[-2] % r or input._shape[-1] % r:
        raise RuntimeError("pixel_unshuffle: expected input of at least 3 dims with height and width divisible by "
                           "downscale_factor = %d, but got shape %s" % (r, list(input._shape)))
    *lead, c, h, w = input._shape
    nl = len(lead)
    x = input.reshape(*lead, c, h // r, r, w // r, r)
    x = x.permute(*range(nl), nl, nl + 2, nl + 4, nl + 1, nl + 3)
    return x.reshape(*lead, c * r * r, h // r, w // r)
