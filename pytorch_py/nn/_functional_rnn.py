"""Recurrent layers and embeddings for torch.nn.functional (layer: nn).

`embedding` and `embedding_bag` are public; `_rnn_stack` runs the layers of nn.RNN / LSTM / GRU.

Each layer and direction of a recurrent network is one autograd Function (`_RNNLayer`): the input
projections of all time steps are one GEMM, the time loop (one GEMM with the recurrent weight per
step plus a fused pointwise pass over the gates) runs in the THNN kernel RNNFused, and the
backward through time is the same kernel in reverse, after which each weight gradient, summed over
time, is one GEMM.  Recording one autograd node per step and op would cost far more than the
arithmetic at common sizes.
"""
from .. import _dtype as D
from .._creation import arange, empty, full
from .._ops_shape import cat, stack
from ..autograd import Function
from ..autograd.function import once_differentiable
from ..tensor import Tensor
from .functional import _c, _call, _new, dropout

__all__ = ["embedding", "embedding_bag"]

# the kernel's mode numbers
MODES = {"RNN_TANH": 0, "RNN_RELU": 1, "LSTM": 2, "GRU": 3}
_LSTM, _GRU = MODES["LSTM"], MODES["GRU"]


# ---------------------------------------------------------------- recurrent layers

class _RNNLayer(Function):
    """One layer and direction over packed rows x (total, input_size) with batch_sizes (int64,
    non-increasing): returns (output (total, P), h_n (N, P), c_n (N, H) or None).  hx / cx are the
    initial states (N, P) / (N, H).  Its backward is not differentiable again (double backward
    through an RNN layer is not supported; the cells, built from Tensor ops, support it)."""

    @staticmethod
    def forward(ctx, x, hx, cx, w_ih, w_hh, b_ih, b_hh, w_hr, mode, batch_sizes, reverse):
        dt = x._dtype
        gates = x.matmul(w_ih.t())
        if b_ih is not None:  # a GRU's b_hn sits inside r * (.): the kernel adds its b_hh itself
            gates.add_(b_ih if mode == _GRU else b_ih + b_hh)
        out, hy, hprev, saved = _new(dt), _new(dt), _new(dt), _new(dt)
        cy = _new(dt) if mode == _LSTM else None
        _call("RNNFused_updateOutput", dt, mode, gates, w_hh, b_hh if mode == _GRU else None, w_hr, batch_sizes,
              bool(reverse), hx, cx, out, hy, cy, hprev, saved)
        ctx.mode, ctx.reverse, ctx.batch_sizes = mode, bool(reverse), batch_sizes
        ctx.save_for_backward(x, w_ih, w_hh, w_hr, gates, hprev, saved)
        return out, hy, cy

    @staticmethod
    @once_differentiable
    def backward(ctx, g_out, g_hy, g_cy):
        x, w_ih, w_hh, w_hr, gates, hprev, saved = ctx.saved_tensors
        dt, mode, need = x._dtype, ctx.mode, ctx.needs_input_grad
        G, ghx = _new(dt), _new(dt)
        Gh = _new(dt) if mode == _GRU else None
        gcx = _new(dt) if mode == _LSTM else None
        ghid = _new(dt) if w_hr is not None else None
        _call("RNNFused_updateGradInput", dt, mode, gates, w_hh, w_hr, ctx.batch_sizes, ctx.reverse, hprev, saved,
              _c(g_out), _c(g_hy), _c(g_cy), G, Gh, ghx, gcx, ghid)
        Gh = G if Gh is None else Gh
        gx = G.matmul(w_ih) if need[0] else None
        gw_ih = G.t().matmul(x) if need[3] else None
        gw_hh = Gh.t().matmul(hprev) if need[4] else None
        gb_ih = G.sum(0) if need[5] else None
        gb_hh = (gb_ih if Gh is G and gb_ih is not None else Gh.sum(0)) if need[6] else None
        gw_hr = None
        if w_hr is not None and need[7]:
            H = w_hr._shape[1]
            gw_hr = ghid.t().matmul(saved.narrow(1, 2 * H, H))
        return (gx, ghx if need[1] else None, gcx if need[2] else None, gw_ih, gw_hh, gb_ih, gb_hh, gw_hr,
                None, None, None)


def _rnn_stack(mode, x, batch_sizes, hx, cx, weights, num_layers, bidirectional, has_bias, has_proj, p, training):
    """Runs every layer of an RNN / LSTM / GRU (mode: a key of MODES) over packed rows x (total,
    input_size).  weights: the module's flat weight list (per layer and direction w_ih, w_hh
    [, b_ih, b_hh][, w_hr]); hx (L * D, N, P), cx (L * D, N, H) or None; p: the dropout between
    layers (applied when training).  Returns (output (total, D * P), h_n, c_n or None)."""
    m = MODES[mode]
    D_ = 2 if bidirectional else 1
    per = 2 + 2 * bool(has_bias) + bool(has_proj)
    hs, cs = [], []
    layer_input = x
    for layer in range(num_layers):
        outs = []
        for d in range(D_):
            k = layer * D_ + d
            w = weights[k * per:(k + 1) * per]
            b_ih, b_hh = (w[2], w[3]) if has_bias else (None, None)
            out, hy, cy = _RNNLayer.apply(layer_input, hx[k], None if cx is None else cx[k], w[0], w[1], b_ih, b_hh,
                                          w[-1] if has_proj else None, m, batch_sizes, d == 1)
            outs.append(out)
            hs.append(hy)
            cs.append(cy)
        layer_input = outs[0] if D_ == 1 else cat(outs, 1)
        if p > 0 and training and layer < num_layers - 1:
            layer_input = dropout(layer_input, p, True)
    return layer_input, stack(hs), (stack(cs) if m == _LSTM else None)


# ---------------------------------------------------------------- embeddings

def _check_indices(op, input):
    if not isinstance(input, Tensor):
        raise TypeError("%s: expected a Tensor of indices, but got %s" % (op, type(input).__name__))
    if input._dtype is not D.int64 and input._dtype is not D.int32:
        raise RuntimeError("%s: expected indices of type torch.int64 or torch.int32, but got %s"
                           % (op, input._dtype))
    return input if input._dtype is D.int64 else input.long()


def _check_weight(op, weight):
    if not isinstance(weight, Tensor) or weight.dim() != 2:
        raise RuntimeError("%s: expected a 2-d weight (num_embeddings, embedding_dim), but got %s"
                           % (op, list(weight.shape) if isinstance(weight, Tensor) else type(weight).__name__))
    if weight._dtype is not D.float32 and weight._dtype is not D.float64:
        raise TypeError("%s: expected a float32 or float64 weight, but got %s" % (op, weight._dtype))


def _padding_idx(op, padding_idx, num):
    if padding_idx is None:
        return None
    if not -num <= padding_idx < num:
        raise ValueError("%s: padding_idx must be within num_embeddings (%d), but got %d" % (op, num, padding_idx))
    return padding_idx + num if padding_idx < 0 else padding_idx


class _Embedding(Function):
    """Rows of weight at flat int64 indices; backward accumulates with THNN LookupTable (skipping
    padding_idx, optionally dividing by each index's frequency).  Not differentiable twice."""

    @staticmethod
    def forward(ctx, weight, idx, padding_idx, scale_grad_by_freq):
        ctx.save_for_backward(idx)
        ctx.shape, ctx.padding_idx, ctx.scale = weight._shape, padding_idx, scale_grad_by_freq
        return weight.index_select(0, idx)

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        idx, = ctx.saved_tensors
        gw = g.new_zeros(ctx.shape)
        count = empty(0, dtype=D.int32)
        pad = -1 if ctx.padding_idx is None else ctx.padding_idx
        _call("LookupTable_accGradParameters", g._dtype, idx, g.contiguous(), gw, count, None, None, ctx.scale, pad,
              1.0)
        return gw, None, None, None


def _renorm(weight, idx, max_norm, norm_type):
    """Rescales in place (outside autograd, as PyTorch) the rows of weight named in idx whose
    norm exceeds max_norm."""
    _call("LookupTable_renorm", weight._dtype, idx, weight, float(max_norm), float(norm_type))


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False,
              sparse=False):
    """weight's rows at the integer indices input: shape input.shape + (embedding_dim,).  The row
    padding_idx gets no gradient; max_norm renormalises the looked-up rows of weight in place
    first; scale_grad_by_freq divides each row's gradient by its index's count in input.  Sparse
    gradients are not supported (sparse=True raises)."""
    _check_weight("embedding", weight)
    idx = _check_indices("embedding", input)
    if sparse:
        raise NotImplementedError("embedding: sparse gradients (sparse=True) are not supported; use sparse=False "
                                  "for a dense gradient")
    padding_idx = _padding_idx("embedding", padding_idx, weight._shape[0])
    flat = idx.reshape(-1).contiguous()
    if max_norm is not None:
        _renorm(weight, flat, max_norm, norm_type)
    out = _Embedding.apply(weight, flat, padding_idx, bool(scale_grad_by_freq))
    return out.view(*idx._shape, weight._shape[1])


def _bag_bounds(op, idx, offsets, include_last_offset):
    """(flat int64 indices, bag start offsets (B,), bag lengths (B,)) for a 2-d input (fixed-size
    bags) or a 1-d input with offsets."""
    if idx.dim() == 2:
        if offsets is not None:
            raise ValueError("%s: if input is 2D, then offsets has to be None, as input is treated is a mini-batch "
                             "of fixed length sequences, but got offsets of type %s" % (op, type(offsets).__name__))
        B, L = idx._shape
        return idx.reshape(-1).contiguous(), arange(B) * L, full((B,), L, dtype=D.int64)
    if idx.dim() != 1:
        raise ValueError("%s: input has to be 1D or 2D Tensor, but got Tensor of dimension %d" % (op, idx.dim()))
    if offsets is None or not isinstance(offsets, Tensor) or offsets.dim() != 1:
        raise ValueError("%s: offsets has to be a 1D Tensor, but got %s" % (
            op, "None" if offsets is None else "a tensor of shape %s" % list(offsets.shape)
            if isinstance(offsets, Tensor) else type(offsets).__name__))
    offsets = _check_indices(op, offsets)
    n = idx.numel()
    if offsets.numel() and int(offsets[0]) != 0:
        raise ValueError("%s: offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from "
                         "position 0. However, got %d" % (op, int(offsets[0])))
    ends = offsets[1:] if include_last_offset else cat([offsets[1:], full((1,), n, dtype=D.int64)])
    starts = offsets[:-1] if include_last_offset else offsets
    lengths = ends - starts
    if lengths.numel() and (int(lengths.min()) < 0 or int(ends.max()) > n):
        raise ValueError("%s: expected non-decreasing offsets within the %d indices, but got %s"
                         % (op, n, offsets.tolist()))
    return idx.contiguous(), starts, lengths


def embedding_bag(input, weight, offsets=None, max_norm=None, norm_type=2, scale_grad_by_freq=False, mode="mean",
                  sparse=False, per_sample_weights=None, include_last_offset=False, padding_idx=None):
    """Sums, averages or takes the elementwise max of the embeddings of each bag: input (B, L)
    (B bags of L indices) or 1-d with offsets (bag starts; with include_last_offset the last
    entry closes the last bag).  Returns (B, embedding_dim).  per_sample_weights (input's shape,
    mode 'sum' only) weight each embedding; entries equal to padding_idx are skipped (not counted
    in the mean); empty bags give zeros."""
    op = "embedding_bag"
    _check_weight(op, weight)
    if mode not in ("sum", "mean", "max"):
        raise ValueError("%s: mode has to be one of sum, mean or max, but got %r" % (op, mode))
    if sparse:
        raise NotImplementedError("embedding_bag: sparse gradients (sparse=True) are not supported; use sparse=False "
                                  "for a dense gradient")
    idx = _check_indices(op, input)
    if per_sample_weights is not None:
        if mode != "sum":
            raise NotImplementedError("embedding_bag: per_sample_weights was not None. per_sample_weights is only "
                                      "supported for mode='sum' (got mode='%s')" % mode)
        if per_sample_weights.shape != idx.shape:
            raise ValueError("embedding_bag: If per_sample_weights (%s) is not None, then it must have the same shape "
                             "as the input (%s)" % (list(per_sample_weights.shape), list(idx.shape)))
    flat, starts, lengths = _bag_bounds(op, idx, offsets, include_last_offset)
    num, dim = weight._shape
    padding_idx = _padding_idx(op, padding_idx, num)
    if max_norm is not None:
        _renorm(weight, flat, max_norm, norm_type)
    n, B = flat.numel(), starts.numel()
    emb = _Embedding.apply(weight, flat, padding_idx, bool(scale_grad_by_freq))
    if per_sample_weights is not None:
        emb = emb * per_sample_weights.reshape(-1, 1)
    # gather the bags into (B, longest, dim), the slots past a bag's end (and its padding entries)
    # reading one extra row: 0 for sum / mean, -inf for max
    longest = max(int(lengths.max()) if B else 0, 1)
    k = arange(longest).unsqueeze(0)
    valid = k < lengths.unsqueeze(1)
    pos = (starts.unsqueeze(1) + k).clamp(max=n)
    pos = pos.masked_fill(~valid, n)
    if padding_idx is not None:
        valid = valid & (cat([flat, full((1,), -1, dtype=D.int64)])[pos.reshape(-1)].view(B, longest) != padding_idx)
        pos = pos.masked_fill(~valid, n)
    fill = float("-inf") if mode == "max" else 0.0
    ext = cat([emb, full((1, dim), fill, dtype=weight._dtype)])
    bags = ext.index_select(0, pos.reshape(-1)).view(B, longest, dim)
    count = valid.sum(1).unsqueeze(1)
    if mode == "max":
        return bags.amax(1).masked_fill(count == 0, 0.0)
    out = bags.sum(1)
    return out / count.clamp(min=1).to(out.dtype) if mode == "mean" else out
