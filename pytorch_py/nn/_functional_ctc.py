"""Connectionist temporal classification loss (layer: nn): F.ctc_loss.

The forward is the alpha recursion of Graves et al. (2006) in log space and the backward the
alpha-beta occupancy, both in NumPy float64 vectorised over the batch and the extended target
(one Python step per time frame: T=50, N=16, C=20 takes about a millisecond a direction, so no C
kernel is needed).

Gradient convention: the returned gradient is the exact derivative of the loss with respect to
log_probs, -exp(log occupancy(t, c) - log p(target)), and gradchecks as such.  PyTorch's CPU kernel
adds exp(log_probs) to it (a term that sums to zero through a log_softmax, so gradients of the
logits before log_softmax, the usual pipeline, are the same in both).
"""
import numpy as np

from .. import _dtype as D
from ..autograd import Function, once_differentiable
from ..tensor import Tensor
from .functional import _REDUCTIONS, _check_float
from ._node_names import rename

__all__ = ["ctc_loss"]

_NEG_INF = -np.inf


def _lse(*terms):
    """Elementwise log(sum(exp(terms))), -inf where every term is -inf."""
    out = terms[0]
    for t in terms[1:]:
        out = np.logaddexp(out, t)
    return out


def _shift(a, k):
    """a (N, L) moved k places right along L, filled with -inf (a[s - k] at s)."""
    out = np.full_like(a, _NEG_INF)
    out[:, k:] = a[:, :-k]
    return out


def _unshift(a, k):
    """a (N, L) moved k places left along L, filled with -inf (a[s + k] at s)."""
    out = np.full_like(a, _NEG_INF)
    out[:, :-k] = a[:, k:]
    return out


class _Lattice:
    """The extended targets (blank, l1, blank, ..., lS, blank) of a batch and their emissions."""

    def __init__(self, lp, targets, in_len, tgt_len, blank):
        self.lp, self.in_len, self.tgt_len = lp, in_len, tgt_len
        n = lp.shape[1]
        self.width = 2 * (int(tgt_len.max()) if n else 0) + 1
        ext = np.full((n, self.width), blank, dtype=np.int64)
        for b in range(n):
            ext[b, 1:2 * tgt_len[b]:2] = targets[b, :tgt_len[b]]
        self.ext = ext
        self.valid = np.arange(self.width)[None, :] < (2 * tgt_len[:, None] + 1)
        # the skip s-2 -> s is allowed onto a label that differs from the label two places back
        skip = np.zeros_like(self.valid)
        skip[:, 2:] = (ext[:, 2:] != blank) & (ext[:, 2:] != ext[:, :-2])
        self.skip = skip
        # emissions[t, b, s] = lp[t, b, ext[b, s]], -inf off the lattice
        em = np.take_along_axis(lp, np.broadcast_to(ext[None], (lp.shape[0],) + ext.shape), axis=2)
        self.emit = np.where(self.valid[None], em, _NEG_INF)

    def _ends(self):
        """(N, L) mask of the two final states 2S and 2S - 1 of each sample."""
        s = np.arange(self.width)[None, :]
        last = 2 * self.tgt_len[:, None]
        return (s == last) | ((s == last - 1) & (self.tgt_len[:, None] > 0))

    def alpha(self):
        """log alpha (T, N, L) and the log likelihood (N) of each sample's target."""
        T, n, L = self.emit.shape
        alpha = np.full((T, n, L), _NEG_INF)
        if T:
            start = np.full((n, L), _NEG_INF)
            start[:, :2] = 0.0
            alpha[0] = self.emit[0] + start
        for t in range(1, T):
            prev = alpha[t - 1]
            alpha[t] = self.emit[t] + _lse(prev, _shift(prev, 1), np.where(self.skip, _shift(prev, 2), _NEG_INF))
        loglik = np.full(n, _NEG_INF)
        ends = self._ends()
        for b in range(n):
            tn = self.in_len[b]
            if tn == 0:
                loglik[b] = 0.0 if self.tgt_len[b] == 0 else _NEG_INF
            else:
                loglik[b] = _lse(*alpha[tn - 1, b][ends[b]])
        return alpha, loglik

    def beta(self):
        """log beta (T, N, L): the log probability of finishing the target from state s at t,
        the emission at t included."""
        T, n, L = self.emit.shape
        beta = np.full((T, n, L), _NEG_INF)
        ends = self._ends()
        nxt = np.full((n, L), _NEG_INF)
        skip_from = np.zeros_like(self.skip)  # s -> s + 2 is allowed where s + 2 may be skipped onto
        skip_from[:, :-2] = self.skip[:, 2:]
        for t in range(T - 1, -1, -1):
            cur = self.emit[t] + _lse(nxt, _unshift(nxt, 1), np.where(skip_from, _unshift(nxt, 2), _NEG_INF))
            last = (self.in_len - 1 == t)[:, None]
            cur = np.where(last, np.where(ends, self.emit[t], _NEG_INF), cur)
            cur = np.where((t < self.in_len)[:, None], cur, _NEG_INF)
            beta[t] = nxt = cur
        return beta

    def grad(self, alpha, loglik):
        """d(-log likelihood) / d lp (T, N, C): minus the occupancy of each class over exp(lp)."""
        T, n, C = self.lp.shape
        beta = self.beta()
        ab = alpha + beta  # the emission at (t, s) is counted twice
        occ = np.full((n, C, T), _NEG_INF)
        for b in range(n):
            width = 2 * self.tgt_len[b] + 1
            np.logaddexp.at(occ[b], self.ext[b, :width], ab[:, b, :width].T)
        occ = occ.transpose(2, 0, 1)
        with np.errstate(invalid="ignore", over="ignore"):
            g = -np.exp(occ - loglik[None, :, None] - self.lp)
        g[np.arange(T)[:, None] >= self.in_len[None, :]] = 0.0
        return g


class _CTC(Function):
    """(log_probs (T, N, C), ...) -> the negative log likelihood of each sample (N)."""

    @staticmethod
    def forward(ctx, log_probs, targets, in_len, tgt_len, blank, zero_infinity):
        lp = log_probs.detach().double().numpy()
        lattice = _Lattice(lp, targets, in_len, tgt_len, blank)
        alpha, loglik = lattice.alpha()
        nll = -loglik
        inf = np.isinf(nll)
        if zero_infinity:
            nll = np.where(inf, 0.0, nll)
        ctx.state = (lattice, alpha, loglik, inf & zero_infinity)
        return _as_tensor(nll, log_probs)

    @staticmethod
    @once_differentiable  # the alpha-beta gradient is NumPy: it has no graph to differentiate again
    def backward(ctx, g):
        lattice, alpha, loglik, zeroed = ctx.state
        grad = lattice.grad(alpha, loglik)
        grad[:, zeroed] = 0.0
        grad = grad * g.detach().double().numpy()[None, :, None]
        return _as_tensor(grad, g), None, None, None, None, None


rename(_CTC, "CtcLossBackward0")


def _as_tensor(a, like):
    from .. import from_numpy

    return from_numpy(np.ascontiguousarray(a)).to(like._dtype)


def _lengths(op, name, value, n):
    """input_lengths / target_lengths (a tensor, list or tuple of ints, or an int when unbatched)
    as an int64 array of n entries."""
    if isinstance(value, Tensor):
        if value._dtype.is_floating_point or value._dtype is D.bool:
            raise TypeError("%s: expected %s to be an integer tensor, but got %s" % (op, name, value._dtype))
        arr = value.to(D.int64).numpy().reshape(-1)
    else:
        arr = np.asarray(value, dtype=np.int64).reshape(-1)
    if arr.size != n:
        raise RuntimeError("%s: %s must be of size batch_size (%d), but got %d value(s)" % (op, name, n, arr.size))
    if arr.size and arr.min() < 0:
        raise RuntimeError("%s: %s must be non-negative, but got %s" % (op, name, arr.tolist()))
    return arr


def _split_targets(op, targets, tgt_len, n):
    """targets as a list of n int64 label arrays: padded (N, S) rows or 1-d concatenation."""
    if not isinstance(targets, Tensor) or targets._dtype.is_floating_point or targets._dtype is D.bool:
        raise TypeError("%s: expected targets to be an integer tensor, but got %s"
                        % (op, targets._dtype if isinstance(targets, Tensor) else type(targets).__name__))
    t = targets.to(D.int64).numpy()
    if t.ndim == 2:
        if t.shape[0] != n:
            raise RuntimeError("%s: expected targets of batch size %d, but got shape %s" % (op, n, list(t.shape)))
        if n and tgt_len.max() > t.shape[1]:
            raise RuntimeError("%s: expected targets to have size at least %d at dimension 1 (the longest "
                               "target_length), but got %d" % (op, tgt_len.max(), t.shape[1]))
        return [t[b, :tgt_len[b]] for b in range(n)]
    if t.ndim != 1:
        raise RuntimeError("%s: expected targets of shape (N, S) or 1-d concatenated, but got shape %s"
                           % (op, list(t.shape)))
    if t.size < tgt_len.sum():
        raise RuntimeError("%s: the concatenated targets have %d labels, but target_lengths sum to %d"
                           % (op, t.size, tgt_len.sum()))
    offsets = np.concatenate([[0], np.cumsum(tgt_len)])
    return [t[offsets[b]:offsets[b + 1]] for b in range(n)]


def ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean", zero_infinity=False):
    """The CTC loss -log p(target | log_probs) summed over all alignments.

    log_probs (T, N, C) (or unbatched (T, C)) are log-probabilities (e.g. log_softmax over C);
    targets (N, S) padded, or 1-d with the N targets concatenated (unbatched: (S)), hold labels
    other than blank; input_lengths / target_lengths (N) (tensors, or tuples / lists of ints) give
    each sample's frames and labels.  reduction 'none' gives (N) losses, 'sum' their sum and 'mean'
    the mean over the batch of each loss divided by its target length (clamped to at least 1).
    zero_infinity replaces infinite losses (targets no alignment can produce) and their gradients
    by zero."""
    op = "ctc_loss"
    _check_float(op, log_probs)
    if reduction not in _REDUCTIONS:
        raise ValueError("%s: %s is not a valid value for reduction" % (op, reduction))
    if log_probs.dim() not in (2, 3):
        raise RuntimeError("%s: expected log_probs of shape (T, N, C) or (T, C), but got %s"
                           % (op, list(log_probs._shape)))
    unbatched = log_probs.dim() == 2
    lp = log_probs.unsqueeze(1) if unbatched else log_probs
    T, n, C = lp._shape
    if not 0 <= blank < C:
        raise ValueError("%s: blank must be in [0, C) = [0, %d), but got %d" % (op, C, blank))
    in_len = _lengths(op, "input_lengths", input_lengths, n)
    tgt_len = _lengths(op, "target_lengths", target_lengths, n)
    if in_len.size and in_len.max() > T:
        raise RuntimeError("%s: expected input_lengths to have value at most %d (T), but got %d"
                           % (op, T, in_len.max()))
    if unbatched and isinstance(targets, Tensor) and targets.dim() == 1:
        targets = targets.unsqueeze(0)
    rows = _split_targets(op, targets, tgt_len, n)
    for row in rows:
        if row.size and (row.min() < 0 or row.max() >= C):
            raise RuntimeError("%s: target labels must be in [0, %d), but got %s" % (op, C, row.tolist()))
    width = int(tgt_len.max()) if n else 0
    padded = np.zeros((n, width), dtype=np.int64)
    for b, row in enumerate(rows):
        padded[b, :row.size] = row
    nll = _CTC.apply(lp, padded, in_len, tgt_len, int(blank), bool(zero_infinity))
    if reduction == "none":
        return nll.squeeze(0) if unbatched else nll
    if reduction == "sum":
        return nll.sum()
    divisor = _as_tensor(np.maximum(tgt_len, 1).astype(np.float64), nll)
    return (nll / divisor).mean()
