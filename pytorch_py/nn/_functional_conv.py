"""torch.nn.functional convolutions beyond conv2d (layer: nn): conv1d, conv3d, the transposed
convolutions, dilated 2-d convolution, fold and unfold.

Kernels: SpatialDilatedConvolution (2-d with dilation), SpatialFullDilatedConvolution (transposed
2-d), VolumetricConvolutionMM (3-d).  1-d ops run as 2-d ops on a height-1 plane (one code path,
and the 2-d kernels support padding, dilation and groups where TemporalConvolution does not).
What no kernel does is expressed exactly through the others: dilated 3-d convolution through its
zero-inserted ("dilated") weight, transposed 3-d convolution through VolumetricConvolutionMM's
input gradient (which is that operation), unfold / fold through a convolution / transposed
convolution with one-hot weights.
"""
from .._creation import empty, eye, zeros
from ..tensor import Tensor
from . import functional as _F
from ._args import _ntuple
from .functional import _KernelFunction, _call, _check_float, _make_conv, _new
from ._node_names import rename

__all__ = ["conv1d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "unfold", "fold"]


# ---------------------------------------------------------------- kernels as autograd Functions

_DilatedConv2d = _make_conv("SpatialDilatedConvolution", 1, 0)
_FullConv2d = _make_conv("SpatialFullDilatedConvolution", 1, 1)
_Conv3d = _make_conv("VolumetricConvolutionMM", 2, 0)


class _ConvTranspose3d(_KernelFunction):
    """Transposed 3-d convolution as VolumetricConvolutionMM's input gradient: the adjoint of
    u -> conv3d(u, w) applied to x.  Its gradients are conv3d(g, w) for x and the convolution's
    weight gradient with (input g, gradOutput x) for w."""

    @staticmethod
    def forward(ctx, input, weight, out_size, *geom):
        x, w = input.contiguous(), weight.contiguous()
        dt = x._dtype
        shape_only = empty(x._shape[0], w._shape[1], *out_size, dtype=dt)  # the kernel reads its sizes only
        out = _new(dt)
        _call("VolumetricConvolutionMM_updateGradInput", dt, shape_only, x, out, w, _new(dt), _new(dt), *geom)
        ctx.geom = geom
        ctx.save_for_backward(x, w)
        return out

    @staticmethod
    def backward(ctx, g):
        x, w = ctx.saved_tensors
        g, dt = g.contiguous(), x._dtype
        gi = gw = None
        if ctx.needs_input_grad[0]:
            gi = _new(dt)
            _call("VolumetricConvolutionMM_updateOutput", dt, g, gi, w, None, _new(dt), _new(dt), *ctx.geom)
        if ctx.needs_input_grad[1]:
            gw = zeros(w._shape, dtype=dt)
            _call("VolumetricConvolutionMM_accGradParameters", dt, g, x, gw, None, _new(dt), _new(dt), *ctx.geom, 1.0)
        return (gi, gw, None) + (None,) * len(ctx.geom)


for _fn in (_DilatedConv2d, _FullConv2d, _Conv3d, _ConvTranspose3d):  # PyTorch names every convolution so
    rename(_fn, "ConvolutionBackward0")


# ---------------------------------------------------------------- argument checking

def _check_conv(op, input, weight, bias, nd):
    """Checks types and ranks; returns (input with a batch dim, whether one was added)."""
    _check_float(op, input)
    if not isinstance(weight, Tensor) or weight.dim() != nd + 2:
        raise RuntimeError("%s: expected a %d-d weight, but got %s" % (
            op, nd + 2, list(weight._shape) if isinstance(weight, Tensor) else type(weight).__name__))
    if weight._dtype is not input._dtype or (bias is not None and bias._dtype is not input._dtype):
        raise TypeError("%s: expected input, weight and bias of one dtype, but got %s, %s and %s"
                        % (op, input._dtype, weight._dtype, None if bias is None else bias._dtype))
    if input.dim() not in (nd + 1, nd + 2):
        raise RuntimeError("%s: expected a %d-d (unbatched) or %d-d (batched) input, but got shape %s"
                           % (op, nd + 1, nd + 2, list(input._shape)))
    if input.dim() == nd + 1:
        return input.unsqueeze(0), True
    return input, False


def _check_channels(op, input, weight, groups, transposed):
    cin = input._shape[1]
    if groups <= 0:
        raise ValueError("%s: expected a positive groups, but got %d" % (op, groups))
    expected = weight._shape[0] if transposed else weight._shape[1] * groups
    if cin != expected:
        raise RuntimeError("%s: given groups=%d, weight of size %s, expected input%s to have %d channels, but got "
                           "%d channels instead" % (op, groups, list(weight._shape), list(input._shape), expected, cin))
    if weight._shape[0] % groups:
        raise RuntimeError("%s: expected weight's dim 0 (%d) divisible by groups=%d" % (op, weight._shape[0], groups))


def _same_padding(op, padding, kernel, stride, dilation):
    """(symmetric padding, extra right padding) per dim for padding 'valid' / 'same' / ints."""
    nd = len(kernel)
    if not isinstance(padding, str):
        return _ntuple(padding, nd, op, "padding"), (0,) * nd
    if padding == "valid":
        return (0,) * nd, (0,) * nd
    if padding != "same":
        raise ValueError("Invalid padding string '%s', should be one of {'valid', 'same'}" % padding)
    if any(s != 1 for s in stride):
        raise ValueError("padding='same' is not supported for strided convolutions")
    total = [d * (k - 1) for k, d in zip(kernel, dilation)]
    return tuple(t // 2 for t in total), tuple(t % 2 for t in total)


def _grouped(fn, input, weight, bias, groups, wdim):
    """fn(input, weight, bias) applied per group (channels of input, dim wdim of weight, bias) and
    concatenated along the channels."""
    if groups == 1:
        return fn(input, weight, bias)
    from .. import cat

    xs, ws = input.chunk(groups, 1), weight.chunk(groups, wdim)
    bs = bias.chunk(groups, 0) if bias is not None else [None] * groups
    return cat([fn(x, w, b) for x, w, b in zip(xs, ws, bs)], 1)


def _conv_prologue(op, input, weight, bias, stride, padding, dilation, nd):
    """Common part of conv1d/2d/3d: (batched input, unbatched flag, stride, padding, dilation),
    with the odd half of a 'same' padding already applied on the right."""
    x, unbatched = _check_conv(op, input, weight, bias, nd)
    stride = _ntuple(stride, nd, op, "stride")
    dilation = _ntuple(dilation, nd, op, "dilation")
    if any(s <= 0 for s in stride) or any(d <= 0 for d in dilation):
        raise RuntimeError("%s: expected positive stride and dilation, but got %s and %s" % (op, stride, dilation))
    pads, extra = _same_padding(op, padding, weight._shape[2:], stride, dilation)
    if any(extra):
        widths = []
        for e in reversed(extra):
            widths += [0, e]
        x = _F.pad(x, widths)
    return x, unbatched, stride, pads, dilation


def _conv2d_any(x, weight, bias, stride, padding, dilation, groups):
    """2-d convolution of a batched x with int pairs: functional.conv2d without dilation,
    SpatialDilatedConvolution with it."""
    if dilation == (1, 1):
        return _F.conv2d(x, weight, bias, stride, padding, 1, groups)
    kH, kW = weight._shape[2:]
    geom = (kW, kH, stride[1], stride[0], padding[1], padding[0], dilation[1], dilation[0])
    return _grouped(lambda a, w, b: _DilatedConv2d.apply(a, w, b, *geom), x, weight, bias, groups, 0)


def _conv2d_dilated(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """conv2d for any dilation (functional.conv2d delegates its dilation != 1 case here)."""
    x, unbatched, stride, pads, dilation = _conv_prologue("conv2d", input, weight, bias, stride, padding,
                                                          dilation, 2)
    _check_channels("conv2d", x, weight, groups, False)
    out = _conv2d_any(x, weight, bias, stride, pads, dilation, groups)
    return out.squeeze(0) if unbatched else out


# ---------------------------------------------------------------- convolutions

def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """1-d cross-correlation of input (N, C, L) or (C, L) with weight (O, C / groups, k), plus bias
    (O); padding an int, 'valid' or 'same' (stride 1).  Output length
    (L + 2 padding - dilation (k - 1) - 1) // stride + 1."""
    x, unbatched, stride, pads, dilation = _conv_prologue("conv1d", input, weight, bias, stride, padding,
                                                          dilation, 1)
    _check_channels("conv1d", x, weight, groups, False)
    out = _conv2d_any(x.unsqueeze(2), weight.unsqueeze(2), bias, (1,) + stride, (0,) + pads, (1,) + dilation,
                      groups).squeeze(2)
    return out.squeeze(0) if unbatched else out


def _dilate_weight(weight, dilation):
    """weight (O, I, *k) with dilation - 1 zeros between taps: the undilated kernel of size
    dilation (k - 1) + 1 computing the same convolution."""
    from .. import stack

    w = weight
    for i, d in enumerate(dilation):
        if d == 1:
            continue
        dim, k = 2 + i, w._shape[2 + i]
        z = zeros(w._shape, dtype=w._dtype)
        w = stack([w] + [z] * (d - 1), dim + 1)
        shape = list(w._shape[:dim]) + [k * d] + list(w._shape[dim + 2:])
        w = w.reshape(shape).narrow(dim, 0, d * (k - 1) + 1)
    return w


def conv3d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """3-d cross-correlation of input (N, C, T, H, W) or (C, T, H, W) with weight
    (O, C / groups, kT, kH, kW), plus bias (O) (VolumetricConvolutionMM; a dilation runs as the
    zero-inserted kernel)."""
    x, unbatched, stride, pads, dilation = _conv_prologue("conv3d", input, weight, bias, stride, padding,
                                                          dilation, 3)
    _check_channels("conv3d", x, weight, groups, False)
    w = _dilate_weight(weight, dilation)
    kT, kH, kW = w._shape[2:]
    for i, k in enumerate((kT, kH, kW)):
        if x._shape[2 + i] + 2 * pads[i] < k:
            raise RuntimeError("conv3d: the (padded) input %s is smaller than the (dilated) kernel %s"
                               % (list(x._shape[2:]), [kT, kH, kW]))
    geom = (kT, kW, kH, stride[0], stride[2], stride[1], pads[0], pads[2], pads[1])
    out = _grouped(lambda a, w_, b: _Conv3d.apply(a, w_, b, *geom), x, w, bias, groups, 0)
    return out.squeeze(0) if unbatched else out


def _transposed_args(op, input, weight, bias, stride, padding, output_padding, groups, dilation, nd):
    x, unbatched = _check_conv(op, input, weight, bias, nd)
    if isinstance(padding, str):
        raise ValueError("%s: expected padding to be an int or ints, but got %r" % (op, padding))
    stride = _ntuple(stride, nd, op, "stride")
    padding = _ntuple(padding, nd, op, "padding")
    output_padding = _ntuple(output_padding, nd, op, "output_padding")
    dilation = _ntuple(dilation, nd, op, "dilation")
    if any(s <= 0 for s in stride) or any(d <= 0 for d in dilation):
        raise RuntimeError("%s: expected positive stride and dilation, but got %s and %s" % (op, stride, dilation))
    for op_, s, d in zip(output_padding, stride, dilation):
        if op_ < 0 or op_ >= max(s, d):
            raise RuntimeError("%s: output padding must be smaller than either stride or dilation, but got "
                               "output_padding=%s, stride=%s, dilation=%s" % (op, output_padding, stride, dilation))
    _check_channels(op, x, weight, groups, True)
    size = [(x._shape[2 + i] - 1) * stride[i] - 2 * padding[i] + dilation[i] * (weight._shape[2 + i] - 1) + 1
            + output_padding[i] for i in range(nd)]
    if any(s <= 0 for s in size):
        raise RuntimeError("%s: the output size %s would not be positive (input %s)" % (op, size, list(x._shape)))
    return x, unbatched, stride, padding, output_padding, dilation, size


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    """Transposed 2-d convolution (the input gradient of conv2d) of input (N, C, H, W) or
    (C, H, W) with weight (C, O / groups, kH, kW), plus bias (O): output side
    (H - 1) stride - 2 padding + dilation (kH - 1) + 1 + output_padding."""
    x, unbatched, s, p, op, d, _ = _transposed_args("conv_transpose2d", input, weight, bias, stride, padding,
                                                    output_padding, groups, dilation, 2)
    kH, kW = weight._shape[2:]
    geom = (kW, kH, s[1], s[0], p[1], p[0], d[1], d[0], op[1], op[0])
    out = _grouped(lambda a, w, b: _FullConv2d.apply(a, w, b, *geom), x, weight, bias, groups, 0)
    return out.squeeze(0) if unbatched else out


def conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    """Transposed 1-d convolution of input (N, C, L) or (C, L) with weight (C, O / groups, k)."""
    x, unbatched, s, p, op, d, _ = _transposed_args("conv_transpose1d", input, weight, bias, stride, padding,
                                                    output_padding, groups, dilation, 1)
    out = conv_transpose2d(x.unsqueeze(2), weight.unsqueeze(2), bias, (1,) + s, (0,) + p, (0,) + op, groups,
                           (1,) + d).squeeze(2)
    return out.squeeze(0) if unbatched else out


def conv_transpose3d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    """Transposed 3-d convolution of input (N, C, T, H, W) or (C, T, H, W) with weight
    (C, O / groups, kT, kH, kW), plus bias (O) (VolumetricConvolutionMM's input gradient)."""
    x, unbatched, s, p, _, d, size = _transposed_args("conv_transpose3d", input, weight, bias, stride, padding,
                                                      output_padding, groups, dilation, 3)
    w = _dilate_weight(weight, d)
    kT, kH, kW = w._shape[2:]
    geom = (kT, kW, kH, s[0], s[2], s[1], p[0], p[2], p[1])
    out = _grouped(lambda a, w_, b: _ConvTranspose3d.apply(a, w_, tuple(size), *geom), x, w, None, groups, 0)
    if bias is not None:
        out = out + bias.reshape(1, -1, 1, 1, 1)
    return out.squeeze(0) if unbatched else out


# ---------------------------------------------------------------- fold / unfold

def _one_hot_kernel(kernel, dt):
    kk = kernel[0] * kernel[1]
    return eye(kk, dtype=dt).reshape(kk, 1, kernel[0], kernel[1])


def unfold(input, kernel_size, dilation=1, padding=0, stride=1):
    """Sliding blocks of input (N, C, H, W) or (C, H, W) as columns: (N, C kH kW, L), L the number
    of block positions; row c kH kW + i kW + j holds tap (i, j) of channel c (im2col)."""
    _check_float("unfold", input)
    if input.dim() not in (3, 4):
        raise RuntimeError("unfold: expected a 3-d (unbatched) or 4-d (batched) input, but got shape %s"
                           % list(input._shape))
    k = _ntuple(kernel_size, 2, "unfold", "kernel_size")
    d, p, s = (_ntuple(v, 2, "unfold", n) for v, n in ((dilation, "dilation"), (padding, "padding"),
                                                       (stride, "stride")))
    x = input if input.dim() == 4 else input.unsqueeze(0)
    n, c, h, w = x._shape
    blocks = [(size + 2 * p[i] - d[i] * (k[i] - 1) - 1) // s[i] + 1 for i, size in enumerate((h, w))]
    if min(blocks) <= 0 or min(k) <= 0 or min(s) <= 0 or min(d) <= 0:
        raise RuntimeError("unfold: kernel_size %s, dilation %s, padding %s, stride %s give no blocks for input %s"
                           % (k, d, p, s, list(input._shape)))
    cols = _conv2d_any(x.reshape(n * c, 1, h, w), _one_hot_kernel(k, x._dtype), None, s, p, d, 1)
    out = cols.reshape(n, c * k[0] * k[1], blocks[0] * blocks[1])
    return out if input.dim() == 4 else out.squeeze(0)


def fold(input, output_size, kernel_size, dilation=1, padding=0, stride=1):
    """The adjoint of unfold: columns (N, C kH kW, L) or (C kH kW, L) summed into an
    (N, C, *output_size) image (overlapping taps add up)."""
    _check_float("fold", input)
    if input.dim() not in (2, 3):
        raise RuntimeError("fold: expected a 2-d (unbatched) or 3-d (batched) input, but got shape %s"
                           % list(input._shape))
    osize = _ntuple(output_size, 2, "fold", "output_size")
    k = _ntuple(kernel_size, 2, "fold", "kernel_size")
    d, p, s = (_ntuple(v, 2, "fold", n) for v, n in ((dilation, "dilation"), (padding, "padding"),
                                                     (stride, "stride")))
    x = input if input.dim() == 3 else input.unsqueeze(0)
    n, ckk, length = x._shape
    kk = k[0] * k[1]
    if ckk % kk:
        raise RuntimeError("fold: expected size of input's dimension 1 to be divisible by the product of "
                           "kernel_size %s, but got input.size(1)=%d" % (k, ckk))
    blocks = [(osize[i] + 2 * p[i] - d[i] * (k[i] - 1) - 1) // s[i] + 1 for i in range(2)]
    if min(blocks) <= 0 or blocks[0] * blocks[1] != length:
        raise RuntimeError("fold: given output_size=%s, kernel_size=%s, dilation=%s, padding=%s, stride=%s, expected "
                           "size of input's dimension 2 to match the calculated number of sliding blocks %d * %d = "
                           "%d, but got input.size(2)=%d" % (osize, k, d, p, s, blocks[0], blocks[1],
                                                             blocks[0] * blocks[1], length))
    c = ckk // kk
    adj = [osize[i] - ((blocks[i] - 1) * s[i] - 2 * p[i] + d[i] * (k[i] - 1) + 1) for i in range(2)]
    cols = x.reshape(n * c, kk, blocks[0], blocks[1])
    out = conv_transpose2d(cols, _one_hot_kernel(k, x._dtype), None, s, p, adj, 1, d).reshape(n, c, *osize)
    return out if input.dim() == 3 else out.squeeze(0)
