"""nn.functional, misc group: the remaining losses (layer: nn).

multi_margin_loss and multilabel_margin_loss run the THNN MultiMarginCriterion and
MultiLabelMarginCriterion kernels; the others are Tensor algebra differentiated by autograd.
Every loss takes PyTorch's arguments, including the legacy size_average / reduce pair.
"""
import math

from .. import _dtype as D
from ..tensor import Tensor
from .functional import _KernelFunction, _REDUCTIONS, _c, _call, _check_float, _new, _reduction, logsigmoid
from ._functional_ctc import ctc_loss
from ._functional_misc import pairwise_distance
from ._node_names import rename

__all__ = ["poisson_nll_loss", "gaussian_nll_loss", "cosine_embedding_loss", "margin_ranking_loss",
           "hinge_embedding_loss", "multilabel_margin_loss",
           "multilabel_soft_margin_loss", "multi_margin_loss", "triplet_margin_loss",
           "triplet_margin_with_distance_loss", "ctc_loss"]


def _reduce(loss, reduction):
    if reduction == "none":
        return loss
    return loss.sum() if reduction == "sum" else loss.mean()


def _int_target(op, target):
    if not isinstance(target, Tensor) or target._dtype.is_floating_point or target._dtype is D.bool:
        raise TypeError("%s: expected target to be an integer (int64) tensor, but got %s"
                        % (op, target._dtype if isinstance(target, Tensor) else type(target).__name__))
    return target.to(D.int64)


def _same_shape(op, a, b, names=("input", "target")):
    if a._shape != b._shape:
        raise ValueError("%s: expected %s and %s of the same shape, but got %s and %s"
                         % (op, names[0], names[1], list(a._shape), list(b._shape)))


# ---------------------------------------------------------------- likelihoods

def poisson_nll_loss(input, target, log_input=True, full=False, size_average=None, eps=1e-8, reduce=None,
                     reduction="mean"):
    """Poisson negative log likelihood: exp(x) - t x for log_input, else x - t log(x + eps); full
    adds Stirling's approximation t log t - t + log(2 pi t) / 2 of log(t!) where t > 1."""
    reduction = _reduction("poisson_nll_loss", reduction, size_average, reduce)
    _check_float("poisson_nll_loss", input)
    if log_input:
        loss = input.exp() - target * input
    else:
        loss = input - target * (input + eps).log()
    if full:
        t = target.clamp(min=1)  # the term is 0 where t <= 1; clamping keeps log finite there
        stirling = t * t.log() - t + (2 * math.pi * t).log() * 0.5
        loss = loss + stirling * (target > 1).to(loss.dtype)
    return _reduce(loss, reduction)


def gaussian_nll_loss(input, target, var, full=False, eps=1e-6, reduction="mean"):
    """Gaussian negative log likelihood (log(max(var, eps)) + (x - t)^2 / max(var, eps)) / 2, plus
    log(2 pi) / 2 when full; var has input's shape or lacks (or has size 1 in) its last dim."""
    _check_float("gaussian_nll_loss", input)
    if reduction not in _REDUCTIONS:
        raise ValueError("gaussian_nll_loss: %s is not a valid value for reduction" % reduction)
    if var._shape != input._shape:
        if input._shape[:-1] == var._shape:  # one variance per sample, homoscedastic over the last dim
            var = var.unsqueeze(-1)
        elif not (input._shape[:-1] == var._shape[:-1] and var._shape[-1:] == (1,)):
            raise ValueError("gaussian_nll_loss: expected var of shape %s (or with the last dim 1 or absent), but "
                             "got %s" % (list(input._shape), list(var._shape)))
    if bool((var < 0).any()):
        raise ValueError("gaussian_nll_loss: var has negative entry/entries")
    # clamped for stability, but the gradient passes through the clamp unchanged (as PyTorch's)
    var = var + (var.clamp(min=eps) - var).detach()
    loss = ((var.log() + (input - target) ** 2 / var)) * 0.5
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return _reduce(loss, reduction)


# ---------------------------------------------------------------- embeddings and margins

def cosine_embedding_loss(input1, input2, target, margin=0.0, size_average=None, reduce=None, reduction="mean"):
    """1 - cos(x1, x2) where target is 1, max(0, cos(x1, x2) - margin) where it is -1; cos over the
    last dim of (N, D) or (D) inputs."""
    reduction = _reduction("cosine_embedding_loss", reduction, size_average, reduce)
    _check_float("cosine_embedding_loss", input1)
    _same_shape("cosine_embedding_loss", input1, input2, ("input1", "input2"))
    if input1.dim() not in (1, 2):
        raise RuntimeError("cosine_embedding_loss: expected 1-d or 2-d inputs, but got shape %s"
                           % list(input1._shape))
    if target.dim() != input1.dim() - 1 or (target.dim() == 1 and target._shape[0] != input1._shape[0]):
        raise RuntimeError("cosine_embedding_loss: expected target of shape %s, but got %s"
                           % (list(input1._shape[:-1]), list(target._shape)))
    eps = 1e-12  # keeps the norms away from 0 as PyTorch's EPSILON
    prod = (input1 * input2).sum(-1)
    mag = ((input1 * input1).sum(-1) + eps) * ((input2 * input2).sum(-1) + eps)
    cos = prod / mag.sqrt()
    t = target.to(input1.dtype)
    pos = (1 - cos) * (t == 1).to(cos.dtype)
    neg = (cos - margin).clamp(min=0) * (t == -1).to(cos.dtype)
    return _reduce(pos + neg, reduction)


def margin_ranking_loss(input1, input2, target, margin=0.0, size_average=None, reduce=None, reduction="mean"):
    """max(0, -t (x1 - x2) + margin), t 1 (x1 should rank higher) or -1; all three of one shape."""
    reduction = _reduction("margin_ranking_loss", reduction, size_average, reduce)
    _check_float("margin_ranking_loss", input1)
    _same_shape("margin_ranking_loss", input1, input2, ("input1", "input2"))
    _same_shape("margin_ranking_loss", input1, target, ("input1", "target"))
    return _reduce((-target * (input1 - input2) + margin).clamp(min=0), reduction)


def hinge_embedding_loss(input, target, margin=1.0, size_average=None, reduce=None, reduction="mean"):
    """x where t is 1, max(0, margin - x) where t is -1 (t of input's shape, or broadcast to it)."""
    reduction = _reduction("hinge_embedding_loss", reduction, size_average, reduce)
    _check_float("hinge_embedding_loss", input)
    # PyTorch's form: elements whose target is neither 1 nor -1 contribute both terms
    hinge = (margin - input).clamp(min=0) * (target != 1).to(input.dtype)
    return _reduce(hinge + input * (target != -1).to(input.dtype), reduction)


def _make_margin(name, n_buffers):
    """Function over a THNN multi-class margin criterion: forward(input, target, reduction, *args)."""

    class _F(_KernelFunction):
        @staticmethod
        def forward(ctx, input, target, reduction, *args):
            x, t = input.contiguous(), target.contiguous()
            out = _new(x._dtype)
            bufs = tuple(_new(x._dtype) for _ in range(n_buffers))
            _call(name + "_updateOutput", x._dtype, x, t, out, *bufs, reduction, *args)
            ctx.args = (bufs, reduction, args)
            ctx.save_for_backward(x, t)
            return out

        @staticmethod
        def backward(ctx, g):
            x, t = ctx.saved_tensors
            bufs, reduction, args = ctx.args
            gi = _new(x._dtype)
            _call(name + "_updateGradInput", x._dtype, x, t, g.contiguous(), gi, *bufs, reduction, *args)
            return (gi, None, None) + (None,) * len(args)

    _F.__name__ = _F.__qualname__ = name
    _F._backward_cls.__name__ = _F._backward_cls.__qualname__ = name + "Backward"
    return _F


_MultiLabelMargin = rename(_make_margin("MultiLabelMarginCriterion", 1), "MultilabelMarginLossBackward0")
_MultiMargin = rename(_make_margin("MultiMarginCriterion", 0), "MultiMarginLossBackward0")


def _margin_input(op, input):
    _check_float(op, input)
    if input.dim() not in (1, 2) or input.numel() == 0:
        raise RuntimeError("%s: expected a non-empty 1-d (C) or 2-d (N, C) input, but got shape %s"
                           % (op, list(input._shape)))


def multilabel_margin_loss(input, target, size_average=None, reduce=None, reduction="mean"):
    """sum over target classes j and non-target classes k of max(0, 1 - x[j] + x[k]) / C per sample;
    target (C) or (N, C) lists class indices, ended by the first -1."""
    reduction = _reduction("multilabel_margin_loss", reduction, size_average, reduce)
    _margin_input("multilabel_margin_loss", input)
    target = _int_target("multilabel_margin_loss", target)
    if target._shape != input._shape:
        raise RuntimeError("multilabel_margin_loss: expected target of shape %s (the input's), but got %s"
                           % (list(input._shape), list(target._shape)))
    return _MultiLabelMargin.apply(input, target, _REDUCTIONS[reduction])


def multi_margin_loss(input, target, p=1, margin=1.0, weight=None, size_average=None, reduce=None,
                      reduction="mean"):
    """sum over j != y of w[y] max(0, margin - x[y] + x[j])^p / C per sample, p 1 or 2; input (C) or
    (N, C), target () or (N) class indices."""
    reduction = _reduction("multi_margin_loss", reduction, size_average, reduce)
    if p not in (1, 2):
        raise ValueError("multi_margin_loss: only p == 1 and p == 2 supported, but got %s" % (p,))
    _margin_input("multi_margin_loss", input)
    target = _int_target("multi_margin_loss", target)
    n = input._shape[0] if input.dim() == 2 else 1
    if target.numel() != n or target.dim() > 1:
        raise RuntimeError("multi_margin_loss: expected target of %d element(s) in at most 1 dimension, but got "
                           "shape %s" % (n, list(target._shape)))
    if weight is not None:
        if weight.dim() != 1 or weight.numel() != input._shape[-1]:
            raise ValueError("multi_margin_loss: expected weight with one element per class (%d), but got shape %s"
                             % (input._shape[-1], list(weight._shape)))
        weight = _c(weight.to(input._dtype))
    out = _MultiMargin.apply(input, target, _REDUCTIONS[reduction], int(p), weight, float(margin))
    if reduction == "none" and input.dim() == 1:
        out = out.reshape(target._shape)  # one sample: the loss takes the target's shape, () or (1)
    return out


def multilabel_soft_margin_loss(input, target, weight=None, size_average=None, reduce=None, reduction="mean"):
    """-(t log sigmoid(x) + (1 - t) log sigmoid(-x)) (times weight), averaged over the classes
    (the last dim) of each sample."""
    reduction = _reduction("multilabel_soft_margin_loss", reduction, size_average, reduce)
    _check_float("multilabel_soft_margin_loss", input)
    _same_shape("multilabel_soft_margin_loss", input, target)
    target = target.to(input.dtype)
    loss = -(target * logsigmoid(input) + (1 - target) * logsigmoid(-input))
    if weight is not None:
        loss = loss * weight
    loss = loss.sum(-1) / input._shape[-1] if input.dim() else loss
    return _reduce(loss, reduction)


def triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-6, swap=False, size_average=None,
                        reduce=None, reduction="mean"):
    """max(0, margin + d(a, p) - d(a, n)) with d the pairwise p-norm distance (eps as in
    pairwise_distance); swap uses min(d(a, n), d(p, n)) for the negative distance."""
    reduction = _reduction("triplet_margin_loss", reduction, size_average, reduce)
    nd = anchor.dim()
    if nd not in (1, 2) or positive.dim() != nd or negative.dim() != nd:
        raise RuntimeError("triplet_margin_loss: expected anchor, positive and negative all 1-d or all 2-d, but "
                           "got shapes %s, %s and %s" % (list(anchor._shape), list(positive._shape),
                                                         list(negative._shape)))

    def dist(a, b):
        return pairwise_distance(a, b, p, eps)
    return _triplet(anchor, positive, negative, dist, margin, swap, reduction)


def _triplet(anchor, positive, negative, dist, margin, swap, reduction):
    if margin <= 0:
        raise ValueError("triplet margin loss: expected margin to be greater than 0, but got %s" % margin)
    d_pos = dist(anchor, positive)
    d_neg = dist(anchor, negative)
    if swap:
        from .. import minimum

        d_neg = minimum(d_neg, dist(positive, negative))
    return _reduce((d_pos - d_neg + margin).clamp(min=0), reduction)


def triplet_margin_with_distance_loss(anchor, positive, negative, *, distance_function=None, margin=1.0,
                                      swap=False, reduction="mean"):
    """triplet_margin_loss with any distance_function(x, y) -> distances (default pairwise_distance)."""
    if reduction not in _REDUCTIONS:
        raise ValueError("triplet_margin_with_distance_loss: %s is not a valid value for reduction" % reduction)
    dist = distance_function if distance_function is not None else pairwise_distance
    return _triplet(anchor, positive, negative, dist, margin, swap, reduction)
