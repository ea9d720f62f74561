"""NumPy references of the misc group (normalisation, margins, distances), written from the
documented definitions with loops where that is clearer (the test sizes are tiny)."""
import numpy as np

from ._reference import log_softmax, reduce

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softplus(x):
    return np.logaddexp(0, x)


def channel_shape(x, dim=1):
    """The shape broadcasting a per-channel vector against x along dim."""
    shape = [1] * x.ndim
    shape[dim] = -1
    return shape


def affine(p, out, dim=1):
    if "weight" in p:
        out = out * p["weight"].reshape(channel_shape(out, dim))
    if "bias" in p:
        out = out + p["bias"].reshape(channel_shape(out, dim))
    return out


def batch_norm(p, x, eps=1e-5):
    axes = (0,) + tuple(range(2, x.ndim))
    mean, var = x.mean(axis=axes, keepdims=True), x.var(axis=axes, keepdims=True)
    return affine(p, (x - mean) / np.sqrt(var + eps))


def instance_norm(p, x, eps=1e-5, batched=True):
    """Per (sample, channel) plane; in eval mode with running stats use `running` instead."""
    xb = x if batched else x[None]
    axes = tuple(range(2, xb.ndim))
    mean, var = xb.mean(axis=axes, keepdims=True), xb.var(axis=axes, keepdims=True)
    out = affine(p, (xb - mean) / np.sqrt(var + eps))
    return out if batched else out[0]


def running_norm(p, x, eps=1e-5):
    """Normalisation with the module's running statistics (evaluation mode)."""
    rm = p["running_mean"].reshape(channel_shape(x))
    rv = p["running_var"].reshape(channel_shape(x))
    return affine(p, (x - rm) / np.sqrt(rv + eps))


def group_norm(p, x, groups, eps=1e-5):
    n = x.shape[0]
    g = x.reshape(n, groups, -1)
    out = (g - g.mean(-1, keepdims=True)) / np.sqrt(g.var(-1, keepdims=True) + eps)
    return affine(p, out.reshape(x.shape))


def lrn(x, size, alpha=1e-4, beta=0.75, k=1.0, before=None, after=None):
    """Local response norm over channels c - before .. c + after (default size // 2, (size - 1) // 2)."""
    before = size // 2 if before is None else before
    after = (size - 1) // 2 if after is None else after
    c = x.shape[1]
    sq = x ** 2
    div = np.zeros_like(x)
    for ch in range(c):
        lo, hi = max(0, ch - before), min(c, ch + after + 1)
        div[:, ch] = sq[:, lo:hi].sum(axis=1)
    return x / (k + alpha / size * div) ** beta


def bilinear(p, x1, x2):
    out = np.einsum("ni,kij,nj->nk", x1, p["weight"], x2)
    return out + p["bias"] if "bias" in p else out


def pairwise_distance(x1, x2, p=2.0, eps=1e-6):
    d = np.abs(x1 - x2 + eps)
    return d.max(-1) if p == np.inf else (d ** p).sum(-1) ** (1 / p)


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    n1 = np.maximum(np.sqrt((x1 ** 2).sum(dim)), eps)
    n2 = np.maximum(np.sqrt((x2 ** 2).sum(dim)), eps)
    return (x1 * x2).sum(dim) / (n1 * n2)


def poisson_nll(x, t, log_input=True, full=False, eps=1e-8, reduction="mean"):
    loss = np.exp(x) - t * x if log_input else x - t * np.log(x + eps)
    if full:
        safe = np.maximum(t, 1)
        loss = loss + np.where(t > 1, safe * np.log(safe) - safe + 0.5 * np.log(2 * np.pi * safe), 0)
    return reduce(loss, reduction)


def gaussian_nll(x, t, var, full=False, eps=1e-6, reduction="mean"):
    if var.ndim == x.ndim - 1:
        var = var[..., None]
    var = np.maximum(var, eps)
    loss = 0.5 * (np.log(var) + (x - t) ** 2 / var) + (0.5 * np.log(2 * np.pi) if full else 0)
    return reduce(loss, reduction)


def cosine_embedding(x1, x2, t, margin=0.0, reduction="mean"):
    cos = (x1 * x2).sum(-1) / np.sqrt(((x1 ** 2).sum(-1) + 1e-12) * ((x2 ** 2).sum(-1) + 1e-12))
    return reduce(np.where(t == 1, 1 - cos, np.maximum(0, cos - margin)), reduction)


def hinge_embedding(x, t, margin=1.0, reduction="mean"):
    return reduce(np.where(t == 1, x, np.maximum(0, margin - x)), reduction)


def margin_ranking(x1, x2, t, margin=0.0, reduction="mean"):
    return reduce(np.maximum(0, -t * (x1 - x2) + margin), reduction)


def multilabel_margin(x, t, reduction="mean"):
    x2, t2 = np.atleast_2d(x), np.atleast_2d(t)
    n, c = x2.shape
    loss = np.zeros(n)
    for i in range(n):
        targets = []
        for j in t2[i]:
            if j < 0:
                break
            targets.append(j)
        others = [k for k in range(c) if k not in targets]
        loss[i] = sum(max(0, 1 - x2[i, j] + x2[i, k]) for j in targets for k in others) / c
    return reduce(loss if x.ndim == 2 else loss[0], reduction)


def multilabel_soft_margin(x, t, weight=None, reduction="mean"):
    loss = -(t * np.log(sigmoid(x)) + (1 - t) * np.log(sigmoid(-x)))
    if weight is not None:
        loss = loss * weight
    return reduce(loss.mean(-1), reduction)


def multi_margin(x, y, p=1, margin=1.0, weight=None, reduction="mean"):
    x2, y2 = np.atleast_2d(x), np.atleast_1d(y)
    n, c = x2.shape
    loss = np.zeros(n)
    for i in range(n):
        w = 1.0 if weight is None else weight[y2[i]]
        loss[i] = sum(w * max(0, margin - x2[i, y2[i]] + x2[i, j]) ** p for j in range(c) if j != y2[i]) / c
    return reduce(loss if x.ndim == 2 else loss[0], reduction)


def triplet_margin(a, pos, neg, margin=1.0, p=2.0, eps=1e-6, swap=False, reduction="mean"):
    d_pos = pairwise_distance(a, pos, p, eps)
    d_neg = pairwise_distance(a, neg, p, eps)
    if swap:
        d_neg = np.minimum(d_neg, pairwise_distance(pos, neg, p, eps))
    return reduce(np.maximum(0, margin + d_pos - d_neg), reduction)


def huber(x, t, delta=1.0, reduction="mean"):
    d = np.abs(x - t)
    return reduce(np.where(d < delta, 0.5 * d ** 2, delta * (d - 0.5 * delta)), reduction)


def nll_spatial(logp, t, reduction="mean"):
    """NLL of (N, C, H, W) log-probabilities and (N, H, W) class targets."""
    picked = -np.take_along_axis(logp, t[:, None], axis=1)[:, 0]
    return reduce(picked, reduction)


def softmax(x, axis):
    return np.exp(log_softmax(x, axis))
