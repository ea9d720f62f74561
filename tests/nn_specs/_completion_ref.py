"""Plain-loop NumPy references for the completion group: CTC by enumerating every alignment,
dilated 3-d max pooling, fractional 3-d max pooling, cubic-convolution resizing and grid
sampling (written from the documented formulas, one output value at a time)."""
import itertools

import numpy as np

A = -0.75


def cubic(t):
    """Keys' cubic convolution kernel at distance t (a = -0.75)."""
    t = abs(t)
    if t <= 1:
        return (A + 2) * t ** 3 - (A + 3) * t ** 2 + 1
    if t < 2:
        return A * t ** 3 - 5 * A * t ** 2 + 8 * A * t - 4 * A
    return 0.0


# ---------------------------------------------------------------- CTC

def _collapse(path, blank):
    out, prev = [], None
    for c in path:
        if c != prev and c != blank:
            out.append(c)
        prev = c
    return out


def ctc_nll(lp, target, blank=0):
    """-log of the summed probability of every path over lp (T, C) collapsing to target."""
    T, C = lp.shape
    total = 0.0
    for path in itertools.product(range(C), repeat=T):
        if _collapse(path, blank) == list(target):
            total += np.exp(sum(lp[t, c] for t, c in enumerate(path)))
    return -np.log(total) if total > 0 else np.inf


def ctc_losses(lp, targets, in_len, tgt_len, blank=0):
    """(N) losses of lp (T, N, C) against padded targets (N, S)."""
    return np.array([ctc_nll(lp[:in_len[b], b], targets[b, :tgt_len[b]], blank) for b in range(lp.shape[1])])


# ---------------------------------------------------------------- pooling

def max_pool3d(x, k, s, p, d, ceil_mode=False):
    """(values, flat t H W + h W + w indices) of a dilated 3-d max pooling of x (N, C, T, H, W)."""
    n, c = x.shape[:2]
    sizes = x.shape[2:]
    outs = []
    for i in range(3):
        span = sizes[i] + 2 * p[i] - d[i] * (k[i] - 1) - 1
        o = (-(-span // s[i]) if ceil_mode else span // s[i]) + 1
        if ceil_mode and (o - 1) * s[i] >= sizes[i] + p[i]:
            o -= 1
        outs.append(o)
    val = np.full((n, c) + tuple(outs), -np.inf)
    idx = np.zeros((n, c) + tuple(outs), dtype=np.int64)
    for o in itertools.product(*(range(v) for v in outs)):
        for off in itertools.product(*(range(v) for v in k)):
            pos = [o[i] * s[i] - p[i] + off[i] * d[i] for i in range(3)]
            if all(0 <= pos[i] < sizes[i] for i in range(3)):
                v = x[:, :, pos[0], pos[1], pos[2]]
                better = v > val[(slice(None), slice(None)) + o]
                val[(slice(None), slice(None)) + o] = np.where(better, v, val[(slice(None), slice(None)) + o])
                flat = (pos[0] * sizes[1] + pos[1]) * sizes[2] + pos[2]
                idx[(slice(None), slice(None)) + o] = np.where(better, flat, idx[(slice(None), slice(None)) + o])
    return val, idx


def fractional_starts(u, size, out, k):
    """Graham's pseudo-random increasing window starts for sample u."""
    if out == 1:
        return [size - k]
    alpha = (size - k) / (out - 1)
    return [int((i + u) * alpha) - int(u * alpha) for i in range(out - 1)] + [size - k]


def fractional_max_pool3d(x, k, out, samples):
    """(values, indices) of fractional max pooling of x (N, C, T, H, W) with samples (N, C, 3)."""
    n, c, T, H, W = x.shape
    val = np.zeros((n, c) + tuple(out))
    idx = np.zeros((n, c) + tuple(out), dtype=np.int64)
    for b, ch in itertools.product(range(n), range(c)):
        st = [fractional_starts(samples[b, ch, i], x.shape[2 + i], out[i], k[i]) for i in range(3)]
        for o in itertools.product(*(range(v) for v in out)):
            box = x[b, ch, st[0][o[0]]:st[0][o[0]] + k[0], st[1][o[1]]:st[1][o[1]] + k[1],
                    st[2][o[2]]:st[2][o[2]] + k[2]]
            t, h, w = np.unravel_index(np.argmax(box), box.shape)
            val[(b, ch) + o] = box[t, h, w]
            idx[(b, ch) + o] = ((st[0][o[0]] + t) * H + st[1][o[1]] + h) * W + st[2][o[2]] + w
    return val, idx


# ---------------------------------------------------------------- resampling

def bicubic_resize(x, osize, align_corners):
    """interpolate(mode='bicubic') of x (N, C, H, W) to osize, one output pixel at a time."""
    n, c, H, W = x.shape
    out = np.zeros((n, c) + tuple(osize))

    def src(o, isize, osz):
        if align_corners:
            return o * (isize - 1) / (osz - 1) if osz > 1 else 0.0
        return (o + 0.5) * isize / osz - 0.5

    for oy, ox in itertools.product(range(osize[0]), range(osize[1])):
        sy, sx = src(oy, H, osize[0]), src(ox, W, osize[1])
        y0, x0 = int(np.floor(sy)), int(np.floor(sx))
        acc = 0.0
        for j in range(-1, 3):
            for i in range(-1, 3):
                yy, xx = min(max(y0 + j, 0), H - 1), min(max(x0 + i, 0), W - 1)
                acc = acc + cubic(sy - (y0 + j)) * cubic(sx - (x0 + i)) * x[:, :, yy, xx]
        out[:, :, oy, ox] = acc
    return out


def _reflect(v, lo, hi):
    """v mirrored into [lo, hi] (repeatedly)."""
    if lo == hi:
        return lo
    span = hi - lo
    v = abs(v - lo)
    flips, extra = divmod(v, span)
    return lo + extra if int(flips) % 2 == 0 else hi - extra


def _pad(v, size, padding_mode, align_corners):
    if padding_mode == "border":
        return min(max(v, 0.0), size - 1.0)
    if padding_mode == "reflection":
        v = _reflect(v, 0.0, size - 1.0) if align_corners else _reflect(v, -0.5, size - 0.5)
        return min(max(v, 0.0), size - 1.0)
    return v


def grid_sample(x, grid, mode, padding_mode, align_corners):
    """grid_sample of x (N, C, *spatial) at grid (N, *out, nd), one output point at a time:
    nearest, (tri/bi)linear and (4-d) bicubic; padding zeros, border, reflection."""
    nd = x.ndim - 2
    n, c = x.shape[:2]
    sizes = x.shape[2:]
    out = np.zeros((n, c) + grid.shape[1:-1])

    def read(b, pos):
        if all(0 <= pos[d] < sizes[d] for d in range(nd)):
            return x[(b, slice(None)) + tuple(pos)]
        return np.zeros(c)

    for b in range(n):
        for o in itertools.product(*(range(v) for v in grid.shape[1:-1])):
            g = grid[(b,) + o]
            coords = []
            for d in range(nd):
                v, size = g[nd - 1 - d], sizes[d]
                coords.append((v + 1) / 2 * (size - 1) if align_corners else ((v + 1) * size - 1) / 2)
            if mode == "nearest":
                pos = [int(np.rint(_pad(coords[d], sizes[d], padding_mode, align_corners))) for d in range(nd)]
                val = read(b, pos)
            elif mode == "bilinear":
                cs = [_pad(coords[d], sizes[d], padding_mode, align_corners) for d in range(nd)]
                val = np.zeros(c)
                for corner in itertools.product((0, 1), repeat=nd):
                    pos = [int(np.floor(cs[d])) + corner[d] for d in range(nd)]
                    w = np.prod([1 - abs(cs[d] - pos[d]) for d in range(nd)])
                    val = val + w * read(b, pos)
            else:
                base = [int(np.floor(v)) for v in coords]
                val = np.zeros(c)
                for off in itertools.product(range(-1, 3), repeat=nd):
                    taps = [base[d] + off[d] for d in range(nd)]
                    w = np.prod([cubic(coords[d] - taps[d]) for d in range(nd)])
                    pos = [taps[d] if padding_mode == "zeros" else
                           int(_pad(taps[d], sizes[d], padding_mode, align_corners)) for d in range(nd)]
                    val = val + w * read(b, pos)
            out[(b, slice(None)) + o] = val
    return out


def window_sums(x, k, s, p, ceil_mode):
    """Sums of x (N, C, *spatial) over the windows of an n-d pooling (padding adds nothing; in
    ceil_mode the last window may run past the end, and must start inside the input or its left
    padding)."""
    nd = x.ndim - 2
    sizes = x.shape[2:]
    outs = []
    for i in range(nd):
        span = sizes[i] + 2 * p[i] - k[i]
        o = (-(-span // s[i]) if ceil_mode else span // s[i]) + 1
        if ceil_mode and (o - 1) * s[i] >= sizes[i] + p[i]:
            o -= 1
        outs.append(o)
    out = np.zeros(x.shape[:2] + tuple(outs))
    for o in itertools.product(*(range(v) for v in outs)):
        sl = tuple(slice(max(o[i] * s[i] - p[i], 0), max(o[i] * s[i] - p[i] + k[i], 0)) for i in range(nd))
        out[(slice(None), slice(None)) + o] = x[(slice(None), slice(None)) + sl].sum(axis=tuple(range(2, 2 + nd)))
    return out
