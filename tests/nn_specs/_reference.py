"""NumPy references shared by the spec groups: convolution and pooling written directly from their
definitions (loops over output positions; the test sizes are tiny)."""
import numpy as np


def _tuple(v, n):
    return (v,) * n if np.isscalar(v) else tuple(v)


def pad_spatial(x, pads, value=0.0):
    """x (N, C, *spatial) padded by pads[i] on both sides of spatial dim i."""
    width = [(0, 0), (0, 0)] + [(p, p) for p in pads]
    return np.pad(x, width, constant_values=value)


def windows(x, kernel, stride, dilation=None):
    """Yields (out_index, window) over every output position of an n-d sliding window on x (N, C,
    *spatial): window has shape (N, C, *kernel)."""
    nd = len(kernel)
    dilation = dilation or (1,) * nd
    spatial = x.shape[2:]
    out_shape = [(spatial[i] - dilation[i] * (kernel[i] - 1) - 1) // stride[i] + 1 for i in range(nd)]
    for idx in np.ndindex(*out_shape):
        sl = tuple(slice(idx[i] * stride[i], idx[i] * stride[i] + dilation[i] * (kernel[i] - 1) + 1, dilation[i])
                   for i in range(nd))
        yield idx, x[(slice(None), slice(None)) + sl]


def output_shape(x, kernel, stride, dilation=None):
    nd = len(kernel)
    dilation = dilation or (1,) * nd
    return [(x.shape[2 + i] - dilation[i] * (kernel[i] - 1) - 1) // stride[i] + 1 for i in range(nd)]


def conv(x, w, b=None, stride=1, padding=0, dilation=1, groups=1):
    """n-d cross-correlation of x (N, C, *spatial) with w (O, C / groups, *kernel)."""
    nd = w.ndim - 2
    stride, padding, dilation = _tuple(stride, nd), _tuple(padding, nd), _tuple(dilation, nd)
    x = pad_spatial(x, padding)
    kernel = w.shape[2:]
    n, o = x.shape[0], w.shape[0]
    out = np.zeros([n, o] + output_shape(x, kernel, stride, dilation))
    cg, og = x.shape[1] // groups, o // groups
    for idx, win in windows(x, kernel, stride, dilation):
        for g in range(groups):
            part = win[:, g * cg:(g + 1) * cg].reshape(n, -1)
            wg = w[g * og:(g + 1) * og].reshape(og, -1)
            out[(slice(None), slice(g * og, (g + 1) * og)) + idx] = part @ wg.T
    if b is not None:
        out += b.reshape((1, o) + (1,) * nd)
    return out


def pool(x, kernel, stride=None, padding=0, op="max", count_include_pad=True):
    """n-d max or average pooling of x (N, C, *spatial) (floor mode)."""
    nd = x.ndim - 2
    kernel = _tuple(kernel, nd)
    stride = _tuple(stride if stride is not None else kernel, nd)
    padding = _tuple(padding, nd)
    ones = pad_spatial(np.ones_like(x), padding)
    x = pad_spatial(x, padding, -np.inf if op == "max" else 0.0)
    out = np.zeros(list(x.shape[:2]) + output_shape(x, kernel, stride))
    counts = dict(windows(ones, kernel, stride))
    for idx, win in windows(x, kernel, stride):
        flat = win.reshape(win.shape[0], win.shape[1], -1)
        if op == "max":
            val = flat.max(-1)
        elif count_include_pad:
            val = flat.sum(-1) / flat.shape[-1]
        else:
            val = flat.sum(-1) / counts[idx].reshape(win.shape[0], win.shape[1], -1).sum(-1)
        out[(slice(None), slice(None)) + idx] = val
    return out


def log_softmax(x, axis):
    m = x.max(axis=axis, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=axis, keepdims=True))


def reduce(v, reduction):
    return {"mean": np.mean, "sum": np.sum, "none": lambda a: a}[reduction](v)
