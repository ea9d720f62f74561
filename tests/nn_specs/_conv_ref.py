"""NumPy references for the conv group, written from the definitions with loops over positions
(the test sizes are tiny): transposed convolution as a scatter-add, adaptive pooling bins,
padding, nearest / linear resampling, unpooling, pixel shuffle, fold / unfold, grid sampling."""
import itertools

import numpy as np

from ._reference import _tuple, conv


def conv_transpose(x, w, b=None, stride=1, padding=0, output_padding=0, dilation=1, groups=1):
    """Each input pixel x[n, c, i] adds x * w[c, o] at output positions i stride + k dilation -
    padding (the scatter-add definition); w is (C, O / groups, *kernel)."""
    nd = w.ndim - 2
    s, p, op, d = (_tuple(v, nd) for v in (stride, padding, output_padding, dilation))
    n, c = x.shape[:2]
    og = w.shape[1]
    cg = c // groups
    kernel = w.shape[2:]
    full = [(x.shape[2 + i] - 1) * s[i] + d[i] * (kernel[i] - 1) + 1 + op[i] for i in range(nd)]
    out = np.zeros([n, og * groups] + full)
    for ci in range(c):
        g = ci // cg
        for idx in np.ndindex(*x.shape[2:]):
            for k in np.ndindex(*kernel):
                pos = tuple(idx[i] * s[i] + k[i] * d[i] for i in range(nd))
                out[(slice(None), slice(g * og, (g + 1) * og)) + pos] += \
                    x[(slice(None), ci) + idx][:, None] * w[(ci, slice(None)) + k][None, :]
    crop = tuple(slice(p[i], full[i] - p[i]) for i in range(nd))
    out = out[(slice(None), slice(None)) + crop]
    if b is not None:
        out += b.reshape((1, -1) + (1,) * nd)
    return out


def _bins(isize, osize):
    return [(o * isize // osize, -(-(o + 1) * isize // osize)) for o in range(osize)]


def adaptive_pool(x, osize, op):
    """Cell o of each dim covers [floor(o I / O), ceil((o + 1) I / O))."""
    nd = len(osize)
    bins = [_bins(x.shape[2 + i], osize[i]) for i in range(nd)]
    out = np.zeros(x.shape[:2] + tuple(osize))
    for idx in np.ndindex(*osize):
        sl = tuple(slice(*bins[i][idx[i]]) for i in range(nd))
        win = x[(slice(None), slice(None)) + sl].reshape(x.shape[0], x.shape[1], -1)
        out[(slice(None), slice(None)) + idx] = win.max(-1) if op == "max" else win.mean(-1)
    return out


def pad(x, widths, mode, value=0.0):
    """widths as F.pad takes them (last dim first); NumPy's reflect / edge / wrap modes."""
    pairs = [(0, 0)] * x.ndim
    for i in range(len(widths) // 2):
        pairs[x.ndim - 1 - i] = (widths[2 * i], widths[2 * i + 1])
    if mode == "constant":
        return np.pad(x, pairs, constant_values=value)
    return np.pad(x, pairs, mode={"reflect": "reflect", "replicate": "edge", "circular": "wrap"}[mode])


def nearest(x, osize, scales=None):
    """Output o reads input min(floor(o / scale), in - 1), scale = out / in unless given."""
    out = x
    for i, o in enumerate(osize):
        isize = x.shape[2 + i]
        step = 1.0 / scales[i] if scales else isize / o
        src = np.minimum(np.floor(np.arange(o) * step).astype(int), isize - 1)
        out = np.take(out, src, axis=2 + i)
    return out


def linear(x, osize, align_corners):
    """Separable linear interpolation with PyTorch's source index per dim."""
    out = x
    for i, o in enumerate(osize):
        isize = out.shape[2 + i]
        res = []
        for j in range(o):
            if align_corners:
                src = j * (isize - 1) / (o - 1) if o > 1 else 0.0
            else:
                src = max((j + 0.5) * isize / o - 0.5, 0.0)
            i0 = min(int(np.floor(src)), isize - 1)
            i1 = min(i0 + 1, isize - 1)
            lam = src - i0
            res.append(np.take(out, i0, axis=2 + i) * (1 - lam) + np.take(out, i1, axis=2 + i) * lam)
        out = np.stack(res, axis=2 + i)
    return out


def window_argmax_indices(shape, kernel):
    """A maker of indices for unpooling an input of `shape` (N, C, *spatial) pooled with stride =
    kernel: each one a random position of its window in the (spatial * kernel) output, flat."""
    def make(rng):
        nd = len(kernel)
        osize = [shape[2 + i] * kernel[i] for i in range(nd)]
        idx = np.zeros(shape, dtype=np.int64)
        for pos in np.ndindex(*shape):
            sp = pos[2:]
            off = [rng.integers(0, kernel[i]) for i in range(nd)]
            idx[pos] = np.ravel_multi_index([sp[i] * kernel[i] + off[i] for i in range(nd)], osize)
        return idx
    return make


def unpool(x, idx, osize):
    n, c = x.shape[:2]
    out = np.zeros((n, c, int(np.prod(osize))))
    for a, b in itertools.product(range(n), range(c)):
        out[a, b, idx[a, b].ravel()] = x[a, b].ravel()
    return out.reshape((n, c) + tuple(osize))


def pixel_shuffle(x, r):
    n, cr, h, w = x.shape
    c = cr // (r * r)
    out = np.zeros((n, c, h * r, w * r))
    for ch, i, j in itertools.product(range(c), range(r), range(r)):
        out[:, ch, i::r, j::r] = x[:, ch * r * r + i * r + j]
    return out


def pixel_unshuffle(x, r):
    n, c, h, w = x.shape
    out = np.zeros((n, c * r * r, h // r, w // r))
    for ch, i, j in itertools.product(range(c), range(r), range(r)):
        out[:, ch * r * r + i * r + j] = x[:, ch, i::r, j::r]
    return out


def unfold(x, kernel, dilation=1, padding=0, stride=1):
    """Columns (N, C kH kW, L): row c kH kW + i kW + j, column the block position."""
    k, d, p, s = (_tuple(v, 2) for v in (kernel, dilation, padding, stride))
    xp = np.pad(x, [(0, 0), (0, 0), (p[0], p[0]), (p[1], p[1])])
    n, c, h, w = xp.shape
    oh, ow = (h - d[0] * (k[0] - 1) - 1) // s[0] + 1, (w - d[1] * (k[1] - 1) - 1) // s[1] + 1
    out = np.zeros((n, c, k[0], k[1], oh, ow))
    for i, j, a, b in itertools.product(range(k[0]), range(k[1]), range(oh), range(ow)):
        out[:, :, i, j, a, b] = xp[:, :, a * s[0] + i * d[0], b * s[1] + j * d[1]]
    return out.reshape(n, c * k[0] * k[1], oh * ow)


def fold(cols, output_size, kernel, dilation=1, padding=0, stride=1):
    """Sums each column tap back at its image position (overlaps add)."""
    osize, k, d, p, s = (_tuple(v, 2) for v in (output_size, kernel, dilation, padding, stride))
    n, ckk, _ = cols.shape
    c = ckk // (k[0] * k[1])
    h, w = osize[0] + 2 * p[0], osize[1] + 2 * p[1]
    oh, ow = (h - d[0] * (k[0] - 1) - 1) // s[0] + 1, (w - d[1] * (k[1] - 1) - 1) // s[1] + 1
    blocks = cols.reshape(n, c, k[0], k[1], oh, ow)
    out = np.zeros((n, c, h, w))
    for i, j, a, b in itertools.product(range(k[0]), range(k[1]), range(oh), range(ow)):
        out[:, :, a * s[0] + i * d[0], b * s[1] + j * d[1]] += blocks[:, :, i, j, a, b]
    return out[:, :, p[0]:h - p[0], p[1]:w - p[1]]


def grid_sample(x, grid, padding_mode="zeros", align_corners=False):
    """Bilinear sampling of x (N, C, H, W) at grid (N, Ho, Wo, 2) of normalised (x, y)."""
    n, c, h, w = x.shape
    out = np.zeros((n, c) + grid.shape[1:3])

    def unnorm(v, size):
        return (v + 1) / 2 * (size - 1) if align_corners else ((v + 1) * size - 1) / 2

    for b, i, j in itertools.product(range(n), range(grid.shape[1]), range(grid.shape[2])):
        fx, fy = unnorm(grid[b, i, j, 0], w), unnorm(grid[b, i, j, 1], h)
        if padding_mode == "border":
            fx, fy = min(max(fx, 0), w - 1), min(max(fy, 0), h - 1)
        x0, y0 = int(np.floor(fx)), int(np.floor(fy))
        for yy, xx in itertools.product((y0, y0 + 1), (x0, x0 + 1)):
            if 0 <= yy < h and 0 <= xx < w:
                out[b, :, i, j] += x[b, :, yy, xx] * (1 - abs(fx - xx)) * (1 - abs(fy - yy))
    return out


__all__ = ["conv", "conv_transpose", "adaptive_pool", "pad", "nearest", "linear", "window_argmax_indices",
           "unpool", "pixel_shuffle", "pixel_unshuffle", "unfold", "fold", "grid_sample"]
