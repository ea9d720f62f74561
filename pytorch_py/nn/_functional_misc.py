"""nn.functional, misc group (layer: nn): the activations glu and rrelu, the feature and alpha
dropouts, bilinear and the distances (pairwise_distance, cosine_similarity).

rrelu runs the THNN RReLU kernel (random slopes drawn from the default generator); the rest is
Tensor algebra differentiated by autograd.  functional.py re-exports `__all__`, so a name here
replaces the older definition there (alpha_dropout, bilinear).
"""
import math

from ..tensor import Tensor
from .functional import _KernelFunction, _call, _check_float, _new, sigmoid, softplus
from ._node_names import rename

__all__ = ["glu", "rrelu", "rrelu_", "silu", "mish", "hardsigmoid", "hardswish", "dropout1d", "dropout3d",
           "alpha_dropout", "feature_alpha_dropout",
           "bilinear", "pairwise_distance", "cosine_similarity"]


# ---------------------------------------------------------------- activations

def glu(input, dim=-1):
    """Gated linear unit: a * sigmoid(b) where a, b are the two halves of input along dim."""
    _check_float("glu", input)
    if input.dim() == 0:
        raise RuntimeError("glu: expected a tensor with at least 1 dimension, but got a 0-d tensor")
    n = input._shape[dim]
    if n % 2:
        raise RuntimeError("glu: Halving dimension must be even, but dimension %d is size %d"
                           % (dim % input.dim(), n))
    a, b = input.chunk(2, dim)
    return a * sigmoid(b)


class _RReLU(_KernelFunction):
    @staticmethod
    def forward(ctx, input, lower, upper, training):
        x = input.contiguous()
        out, noise = _new(x._dtype), _new(x._dtype)
        _call("RReLU_updateOutput", x._dtype, x, out, noise, lower, upper, training, False, None)
        ctx.args = (lower, upper, training)
        ctx.save_for_backward(x, noise)
        return out

    @staticmethod
    def backward(ctx, g):
        x, noise = ctx.saved_tensors
        gi = _new(x._dtype)
        _call("RReLU_updateGradInput", x._dtype, x, g.contiguous(), gi, noise, *ctx.args, False)
        return gi, None, None, None


rename(_RReLU, "RreluWithNoiseBackward0")


def rrelu(input, lower=1.0 / 8, upper=1.0 / 3, training=False, inplace=False):
    """Randomized leaky ReLU: x for x >= 0, a * x otherwise, with a drawn uniformly from
    [lower, upper] per element when training and a = (lower + upper) / 2 in evaluation."""
    _check_float("rrelu", input)
    if lower > upper:
        raise ValueError("rrelu: expected lower <= upper, but got lower %s and upper %s" % (lower, upper))
    return _apply(lambda x: _RReLU.apply(x, float(lower), float(upper), bool(training)), input, inplace)


def rrelu_(input, lower=1.0 / 8, upper=1.0 / 3, training=False):
    """In-place rrelu."""
    return rrelu(input, lower, upper, training, True)


def _apply(fn, input, inplace):
    """fn(input), or input overwritten with it when inplace (PyTorch's in-place variants return
    input); fn then reads a clone when input takes part in autograd, since its saved tensors
    must not see the overwrite."""
    if not inplace:
        return fn(input)
    return input.copy_(fn(input.clone() if input.requires_grad else input))


def silu(input, inplace=False):
    """x * sigmoid(x)."""
    _check_float("silu", input)
    return _apply(lambda x: x * sigmoid(x), input, inplace)


def mish(input, inplace=False):
    """x * tanh(softplus(x))."""
    _check_float("mish", input)
    return _apply(lambda x: x * softplus(x).tanh(), input, inplace)


def hardsigmoid(input, inplace=False):
    """clamp(x / 6 + 1 / 2, 0, 1)."""
    _check_float("hardsigmoid", input)
    return _apply(lambda x: (x / 6 + 0.5).clamp(0, 1), input, inplace)


def hardswish(input, inplace=False):
    """x * hardsigmoid(x)."""
    _check_float("hardswish", input)
    return _apply(lambda x: x * (x / 6 + 0.5).clamp(0, 1), input, inplace)


# ---------------------------------------------------------------- dropout

def _check_p(p):
    if p < 0.0 or p > 1.0:
        raise ValueError("dropout probability has to be between 0 and 1, but got %s" % p)


def _keep_mask(input, shape, p):
    """A 0/1 mask of `shape` (broadcastable to input) keeping each element with probability 1 - p."""
    from .._creation import empty, zeros

    if p == 1.0:
        return zeros(shape, dtype=input._dtype)
    return empty(*shape, dtype=input._dtype).bernoulli_(1 - p)


def _feature_shape(op, input, feature_dims):
    """The mask shape of a feature dropout: one draw per (N, C) channel of a batched input (or per
    C of an unbatched one, which has feature_dims + 1 dims)."""
    nd = input.dim()
    if nd not in (feature_dims + 1, feature_dims + 2):
        raise RuntimeError("%s: expected a %d-d (unbatched) or %d-d (batched) input, but got shape %s"
                           % (op, feature_dims + 1, feature_dims + 2, list(input._shape)))
    lead = nd - feature_dims
    return list(input._shape[:lead]) + [1] * feature_dims


def _scaled_dropout(op, input, p, training, inplace, feature_dims):
    _check_p(p)
    _check_float(op, input)
    if not training or p == 0.0:
        return input
    shape = _feature_shape(op, input, feature_dims)
    mask = _keep_mask(input, shape, p)
    if p < 1.0:
        mask.div_(1 - p)
    return input.mul_(mask) if inplace else input * mask


def dropout1d(input, p=0.5, training=True, inplace=False):
    """Zeroes whole channels of (N, C, L) or (C, L) input with probability p, scaling the rest by
    1 / (1 - p) when training; the identity otherwise."""
    return _scaled_dropout("dropout1d", input, p, training, inplace, 1)


def dropout3d(input, p=0.5, training=True, inplace=False):
    """Zeroes whole channels of (N, C, D, H, W) or (C, D, H, W) input with probability p, scaling
    the rest by 1 / (1 - p) when training; the identity otherwise."""
    return _scaled_dropout("dropout3d", input, p, training, inplace, 3)


# SELU's negative saturation value -scale * alpha: dropped units are set to it so that the
# self-normalising property (zero mean, unit variance) survives dropout.
_SELU_SAT = -1.0507009873554804934193349852946 * 1.6732632423543772848170429916717


def _alpha(op, input, p, training, inplace, shape_of):
    _check_p(p)
    _check_float(op, input)
    if not training or p == 0.0:
        return input
    if p == 1.0:
        return input.mul_(0) if inplace else input * 0
    keep = _keep_mask(input, shape_of(input), p)
    a = 1.0 / math.sqrt((1 - p) * (1 + p * _SELU_SAT ** 2))
    b = -a * _SELU_SAT * p  # together: a * (keep x + (1 - keep) sat) + b, mean and variance kept
    drop_value = (1 - keep) * (a * _SELU_SAT + b)
    if inplace:
        return input.mul_(keep * a).add_(drop_value + keep * b)
    return input * (keep * a) + (drop_value + keep * b)


def alpha_dropout(input, p=0.5, training=False, inplace=False):
    """Alpha dropout for SELU networks: each element is replaced with probability p by SELU's
    saturation value -scale * alpha, then the result is affinely rescaled so that inputs of zero
    mean and unit variance keep them (training only; the identity otherwise)."""
    return _alpha("alpha_dropout", input, p, training, inplace, lambda x: list(x._shape))


def feature_alpha_dropout(input, p=0.5, training=False, inplace=False):
    """Alpha dropout of whole channels: one draw per (N, C) (dim 0 and 1), the rest as alpha_dropout."""
    def shape_of(x):
        if x.dim() < 2:
            raise RuntimeError("feature_alpha_dropout: expected an input with at least 2 dimensions, but got "
                               "shape %s" % list(x._shape))
        return list(x._shape[:2]) + [1] * (x.dim() - 2)
    return _alpha("feature_alpha_dropout", input, p, training, inplace, shape_of)


# ---------------------------------------------------------------- bilinear, distances

def bilinear(input1, input2, weight, bias=None):
    """y[..., k] = input1 @ weight[k] @ input2 + bias[k] for input1 (*, in1), input2 (*, in2) and
    weight (out, in1, in2)."""
    for name, t in (("input1", input1), ("input2", input2), ("weight", weight)):
        _check_float("bilinear", t)
    if weight.dim() != 3:
        raise RuntimeError("bilinear: expected a 3-d weight (out_features, in1_features, in2_features), but got "
                           "shape %s" % list(weight._shape))
    if input1.dim() == 0 or input1._shape[-1] != weight._shape[1]:
        raise RuntimeError("bilinear: expected input1 with last dimension %d (in1_features), but got shape %s"
                           % (weight._shape[1], list(input1._shape)))
    if input2.dim() == 0 or input2._shape[-1] != weight._shape[2]:
        raise RuntimeError("bilinear: expected input2 with last dimension %d (in2_features), but got shape %s"
                           % (weight._shape[2], list(input2._shape)))
    if input1._shape[:-1] != input2._shape[:-1]:
        raise RuntimeError("bilinear: expected input1 and input2 with the same leading dimensions, but got %s and %s"
                           % (list(input1._shape), list(input2._shape)))
    if bias is not None and tuple(bias._shape) != (weight._shape[0],):
        raise RuntimeError("bilinear: expected bias of shape [%d], but got %s" % (weight._shape[0], list(bias._shape)))
    lead = input1._shape[:-1]
    x1 = input1.reshape(-1, weight._shape[1])
    x2 = input2.reshape(-1, weight._shape[2])
    # (B, in1) @ (in1, out * in2) -> (B, out, in2), then contracted with x2 over in2
    t = x1.matmul(weight.permute(1, 0, 2).reshape(weight._shape[1], -1)).reshape(x1._shape[0], weight._shape[0], -1)
    out = t.matmul(x2.unsqueeze(-1)).squeeze(-1)
    if bias is not None:
        out = out + bias
    return out.reshape(tuple(lead) + (weight._shape[0],))


def _p_norm(x, p, dim, keepdim):
    if p == math.inf:
        return x.abs().amax(dim, keepdim=keepdim)
    return x.norm(p, dim, keepdim=keepdim)


def pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False):
    """||x1 - x2 + eps||_p over the last dimension (x1, x2 broadcast)."""
    _check_float("pairwise_distance", x1)
    _check_float("pairwise_distance", x2)
    if not isinstance(p, (int, float)) or p < 0:
        raise ValueError("pairwise_distance: expected a non-negative norm degree p, but got %s" % (p,))
    diff = x1 - x2 + eps
    if diff.dim() == 0:
        raise RuntimeError("pairwise_distance: expected inputs with at least 1 dimension, but got 0-d inputs")
    return _p_norm(diff, float(p), -1, keepdim)


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    """sum(x1 x2) / (max(||x1||, eps) max(||x2||, eps)) along dim (x1, x2 broadcast)."""
    if not isinstance(x1, Tensor) or not isinstance(x2, Tensor):
        raise TypeError("cosine_similarity: expected two Tensors")
    _check_float("cosine_similarity", x1)
    n1 = x1.norm(2, dim, keepdim=True).clamp(min=eps)
    n2 = x2.norm(2, dim, keepdim=True).clamp(min=eps)
    return ((x1 / n1) * (x2 / n2)).sum(dim)
