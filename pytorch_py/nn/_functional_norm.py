"""nn.functional, misc group: instance, group and local response normalisation (layer: nn).

instance_norm folds (N, C) into the channels of a batch of one and runs F.batch_norm (the THNN
BatchNormalization kernel); group_norm and the local response norms are Tensor algebra.
"""
from ..autograd import no_grad
from .functional import _check_float, batch_norm

__all__ = ["instance_norm", "group_norm", "local_response_norm"]


def _check_affine(op, c, dtype, **tensors):
    for name, t in tensors.items():
        if t is not None and (t.numel() != c or t.dim() != 1):
            raise RuntimeError("%s: expected %s of shape [%d] (one per channel), but got %s"
                               % (op, name, c, list(t._shape)))


def instance_norm(input, running_mean=None, running_var=None, weight=None, bias=None, use_input_stats=True,
                  momentum=0.1, eps=1e-5):
    """Normalises each (sample, channel) plane of input (N, C, ...) over its spatial dims, then
    scales by weight and shifts by bias (C each).  use_input_stats: the plane's own statistics,
    and running_mean / running_var (C each, when given) move towards their average over the
    batch with momentum; otherwise the running statistics normalise."""
    _check_float("instance_norm", input)
    if input.dim() < 3:
        raise ValueError("instance_norm: expected an input (N, C, *) with at least one spatial dim, but got shape %s"
                         % list(input._shape))
    n, c = input._shape[0], input._shape[1]
    _check_affine("instance_norm", c, input._dtype, weight=weight, bias=bias, running_mean=running_mean,
                  running_var=running_var)
    if use_input_stats:
        spatial = input.numel() // max(n * c, 1)
        if spatial <= 1:
            raise ValueError("Expected more than 1 spatial element when training, got input size %s"
                             % (input.size(),))
    elif running_mean is None or running_var is None:
        raise RuntimeError("instance_norm: expected running_mean and running_var when use_input_stats is False")
    # a batch of one whose n * c channels are the planes; weight, bias and the statistics repeated
    x = input.reshape((1, n * c) + tuple(input._shape[2:]))
    rm = running_mean.repeat(n) if running_mean is not None else None
    rv = running_var.repeat(n) if running_var is not None else None
    w = weight.repeat(n) if weight is not None else None
    b = bias.repeat(n) if bias is not None else None
    out = batch_norm(x, rm, rv, w, b, use_input_stats, momentum, eps)
    if use_input_stats and running_mean is not None:
        with no_grad():  # the running statistics: the batch average of the per-sample updates
            running_mean.copy_(rm.reshape(n, c).mean(0))
            running_var.copy_(rv.reshape(n, c).mean(0))
    return out.reshape(input._shape)


def group_norm(input, num_groups, weight=None, bias=None, eps=1e-5):
    """Normalises input (N, C, *) over each group of C / num_groups channels (with its spatial
    dims), biased variance, then applies the per-channel weight and bias."""
    _check_float("group_norm", input)
    if input.dim() < 2:
        raise RuntimeError("group_norm: expected an input (N, C, *) with at least 2 dimensions, but got shape %s"
                           % list(input._shape))
    n, c = input._shape[0], input._shape[1]
    if num_groups <= 0 or c % num_groups:
        raise RuntimeError("group_norm: expected the number of channels (%d) to be divisible by num_groups (%d)"
                           % (c, num_groups))
    _check_affine("group_norm", c, input._dtype, weight=weight, bias=bias)
    x = input.reshape(n, num_groups, -1)
    mean = x.mean(-1, keepdim=True)
    var = ((x - mean) ** 2).mean(-1, keepdim=True)
    out = ((x - mean) / (var + eps).sqrt()).reshape(input._shape)
    shape = (1, c) + (1,) * (input.dim() - 2)
    if weight is not None:
        out = out * weight.reshape(shape)
    if bias is not None:
        out = out + bias.reshape(shape)
    return out


def _channel_window_sum(sq, before, after):
    """sum over channels c - before .. c + after of sq (N, C, *), zero outside [0, C)."""
    from .. import cat, zeros

    c = sq._shape[1]
    pad = lambda k: zeros((sq._shape[0], k) + tuple(sq._shape[2:]), dtype=sq.dtype)  # noqa: E731
    parts = ([pad(before)] if before else []) + [sq] + ([pad(after)] if after else [])
    padded = cat(parts, 1) if len(parts) > 1 else sq
    total = padded.narrow(1, 0, c)
    for i in range(1, before + after + 1):
        total = total + padded.narrow(1, i, c)
    return total


def local_response_norm(input, size, alpha=1e-4, beta=0.75, k=1.0):
    """x / (k + alpha / size * sum of x^2 over `size` neighbouring channels)^beta for input (N, C,
    *), the window covering channels c - size // 2 .. c + (size - 1) // 2."""
    _check_float("local_response_norm", input)
    if input.dim() < 3:
        raise ValueError("Expected 3D or higher dimensionality input (got %d dimensions)" % input.dim())
    if input.numel() == 0:
        return input
    div = _channel_window_sum(input * input, size // 2, (size - 1) // 2)
    return input / (div * (alpha / size) + k) ** beta


def _cross_map_lrn2d(input, size, alpha=1e-4, beta=0.75, k=1.0):
    """Lua Torch's SpatialCrossMapLRN on (N, C, H, W): the window is symmetric, (size - 1) // 2
    channels either side (the same as local_response_norm for odd size).  PyTorch's port keeps
    channel 0 in the windows of the channels from (size - 1) // 2 + 1 on (an off-by-one left when
    the Lua loop was made 0-based); this follows Lua's definition."""
    if input.dim() != 4:
        raise ValueError("CrossMapLRN2d: Expected input to be 4D, got %dD instead." % input.dim())
    half = (size - 1) // 2
    div = _channel_window_sum(input * input, half, half)
    return input / (div * (alpha / size) + k) ** beta
