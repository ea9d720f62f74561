"""torch.nn.functional (layer: nn): activations, losses, convolution, pooling and normalisation.

The kernels are the THNN ones (src/thnn/generic/THNN.h): each op is an autograd Function whose
forward calls `<Op>_updateOutput` and whose backward calls `<Op>_updateGradInput` (and
`accGradParameters` for weights).  The THNN kernels exist for float32 and float64 only.  Ops that
are plain tensor algebra (linear, dropout, cross_entropy's composition) are written with Tensor
ops and are differentiated by autograd's formulas.
"""
import math
import numbers
import warnings

from .. import _dtype as D
from .._C import ffi, lib, raise_error
from .._creation import empty, ones, zeros
from ..autograd import Function, is_grad_enabled, once_differentiable
from ..tensor import Tensor
from ._args import _ntuple, _window_args
from ._node_names import named, rename

# ---------------------------------------------------------------- plumbing

_REDUCTIONS = {"none": 0, "mean": 1, "sum": 2}


def _check_float(op, t):
    if not isinstance(t, Tensor):
        raise TypeError("%s: expected a Tensor as input, but got %s" % (op, type(t).__name__))
    if t._dtype is not D.float32 and t._dtype is not D.float64:
        raise TypeError("%s: expected a float32 or float64 input, but got %s" % (op, t._dtype))


class _KernelFunction(Function):
    """Base of the Functions whose backward runs THNN kernels: that backward computes numbers,
    not a graph, so it is once differentiable (a double backward through it raises instead of
    silently missing its terms)."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        backward = cls.__dict__.get("backward")
        if backward is not None:
            cls.backward = staticmethod(once_differentiable(backward.__func__))


def _call(name, dt, *args):
    """Runs the THNN kernel `name` for dtype dt: tensors pass their handles, None passes NULL."""
    fn = getattr(lib, "THPy_NN_" + dt._th + name)
    cargs = [a._h if isinstance(a, Tensor) else (ffi.NULL if a is None else a) for a in args]
    if fn(ffi.NULL, *cargs):
        raise_error()
    for a in args:  # the kernel may have resized its outputs: refresh the cached shapes
        if isinstance(a, Tensor):
            a._shape = a._bk.shape_of(a._h)


def _new(dt):
    return empty(0, dtype=dt)


def _c(t):
    return None if t is None else t.contiguous()


def _reduction(op, reduction, size_average=None, reduce=None):
    if size_average is not None or reduce is not None:  # the legacy arguments
        size_average = True if size_average is None else size_average
        reduce = True if reduce is None else reduce
        reduction = "none" if not reduce else ("mean" if size_average else "sum")
    if reduction not in _REDUCTIONS:
        raise ValueError("%s: %s is not a valid value for reduction" % (op, reduction))
    return reduction


def _pair(x, op, name):
    return _ntuple(x, 2, op, name)


def _check_rank(op, input, nd):
    """Raises unless input is a float tensor of nd + 1 (unbatched) or nd + 2 (batched) dims."""
    _check_float(op, input)
    if input.dim() not in (nd + 1, nd + 2):
        raise RuntimeError("%s: expected a %d-d (unbatched) or %d-d (batched) input, but got shape %s"
                           % (op, nd + 1, nd + 2, list(input._shape)))


def _make_conv(name, n_grad_buffers, bias_dim, graph_grad=None):
    """A Function for a THNN convolution `name` whose updateOutput takes (input, output, weight,
    bias, buf, buf, *geometry), updateGradInput (input, gradOutput, gradInput, weight,
    *n_grad_buffers bufs, *geometry) and accGradParameters (input, gradOutput, gradWeight,
    gradBias, buf, buf, *geometry, scale); the bias has weight's size bias_dim.  graph_grad(ctx,
    x, w, g) -> (gi, gw, gb): the same gradients from differentiable ops, used under
    create_graph=True (without it, the Function is once differentiable)."""

    class _F(Function if graph_grad is not None else _KernelFunction):
        @staticmethod
        def forward(ctx, input, weight, bias, *geom):
            x, w, b = input.contiguous(), weight.contiguous(), _c(bias)
            dt = x._dtype
            out = _new(dt)
            _call(name + "_updateOutput", dt, x, out, w, b, _new(dt), _new(dt), *geom)
            ctx.geom, ctx.has_bias = geom, b is not None
            ctx.save_for_backward(input, weight)  # the caller's tensors: their history matters under create_graph
            return out

        @staticmethod
        def backward(ctx, g):
            x, w = ctx.saved_tensors
            if graph_grad is not None and is_grad_enabled():
                return graph_grad(ctx, x, w, g) + (None,) * len(ctx.geom)
            x, w, g, dt = x.contiguous(), w.contiguous(), g.contiguous(), x._dtype
            gi = gw = gb = None
            if ctx.needs_input_grad[1] or (ctx.has_bias and ctx.needs_input_grad[2]):
                gw = zeros(w._shape, dtype=dt)
                gb = zeros(w._shape[bias_dim], dtype=dt) if ctx.has_bias else None
                _call(name + "_accGradParameters", dt, x, g, gw, gb, _new(dt), _new(dt), *ctx.geom, 1.0)
            if ctx.needs_input_grad[0]:
                gi = _new(dt)
                bufs = [_new(dt) for _ in range(n_grad_buffers)]
                _call(name + "_updateGradInput", dt, x, g, gi, w, *bufs, *ctx.geom)
            return (gi, gw, gb) + (None,) * len(ctx.geom)

    _F.__name__ = _F.__qualname__ = name
    _F._backward_cls.__name__ = _F._backward_cls.__qualname__ = name + "Backward"
    return _F


# ---------------------------------------------------------------- pointwise activations

def _make_pointwise(name, backward_uses, n_params, graph_grad):
    """A Function for THNN activation `name`.  backward_uses: 'input' (updateGradInput(input,
    gradOutput, gradInput, *params)), 'output' (updateGradInput(gradOutput, gradInput, output,
    *params)), 'both' (input, gradOutput, gradInput, output, *params).  graph_grad(g, x, out,
    *params): the same gradient from Tensor ops, used when a graph of the backward is being built
    (create_graph=True), so these activations are differentiable twice, as in PyTorch."""

    class _F(Function):
        @staticmethod
        def forward(ctx, input, *params_and_flags):
            x = input.contiguous()
            params = params_and_flags[:n_params]
            out = _new(x._dtype)
            _call(name + "_updateOutput", x._dtype, x, out, *params_and_flags)
            ctx.params = params
            ctx.extra = params_and_flags[n_params:]
            ctx.save_for_backward(input, out)  # the caller's tensor: its history matters under create_graph
            return out

        @staticmethod
        def backward(ctx, g):
            x, out = ctx.saved_tensors
            rest = (None,) * (n_params + len(ctx.extra))
            if is_grad_enabled():
                return (graph_grad(g, x, out, *ctx.params),) + rest
            x, g = x.contiguous(), g.contiguous()
            gi = _new(x._dtype)
            if backward_uses == "input":
                _call(name + "_updateGradInput", x._dtype, x, g, gi, *ctx.params, *ctx.extra)
            elif backward_uses == "output":
                _call(name + "_updateGradInput", x._dtype, g, gi, out, *ctx.params)
            else:
                _call(name + "_updateGradInput", x._dtype, x, g, gi, out, *ctx.params)
            return (gi,) + rest

    _F.__name__ = _F.__qualname__ = name
    _F._backward_cls.__name__ = name + "Backward"
    return _F


def _masked(g, mask):
    """g where mask holds, 0 elsewhere (the gradient of a piecewise-linear activation)."""
    return g * mask.to(g.dtype)


def _softplus_grad(g, x, out, beta, threshold):
    linear = (x * beta > threshold).to(g.dtype)
    return g * (linear + (1 - linear) * (x * beta).sigmoid())


def _elu_grad(g, x, out, alpha, scale, input_scale):
    positive = (out > 0).to(g.dtype)
    return g * (positive * scale + (1 - positive) * input_scale * (out + alpha * scale))


_Threshold = _make_pointwise("Threshold", "input", 2, lambda g, x, out, thr, val: _masked(g, x > thr))
_LeakyReLU = _make_pointwise("LeakyReLU", "input", 1,
                             lambda g, x, out, slope: g * ((x > 0).to(g.dtype) * (1 - slope) + slope))
_HardTanh = _make_pointwise("HardTanh", "input", 2, lambda g, x, out, lo, hi: _masked(g, (x > lo) & (x < hi)))
_SoftShrink = _make_pointwise("SoftShrink", "input", 1, lambda g, x, out, lam: _masked(g, x.abs() > lam))
_HardShrink = _make_pointwise("HardShrink", "input", 1, lambda g, x, out, lam: _masked(g, x.abs() > lam))
_Sigmoid = _make_pointwise("Sigmoid", "output", 0, lambda g, x, out: g * out * (1 - out))
_Tanh = _make_pointwise("Tanh", "output", 0, lambda g, x, out: g * (1 - out * out))
_SoftPlus = _make_pointwise("SoftPlus", "both", 2, _softplus_grad)
_ELUo = _make_pointwise("ELU", "output", 3, _elu_grad)


def _act(fn, input, inplace, *params):
    """Runs activation Function fn; inplace=True copies the result into input and returns input
    (as PyTorch's in-place variants).  The kernel then reads a clone when input takes part in
    autograd: the Function saves its input for backward, and input is about to be overwritten."""
    if not inplace:
        return fn.apply(input, *params)
    src = input.clone() if input.requires_grad else input
    return input.copy_(fn.apply(src, *params))


def threshold(input, threshold, value, inplace=False):
    """y = x where x > threshold, else value."""
    _check_float("threshold", input)
    return _act(_Threshold, input, inplace, float(threshold), float(value), False)


def threshold_(input, threshold, value):
    return globals()["threshold"](input, threshold, value, True)


def relu(input, inplace=False):
    """max(x, 0) (THNN Threshold with threshold 0, value 0)."""
    _check_float("relu", input)
    return _act(_Relu, input, inplace, 0.0, 0.0, False)


def relu_(input):
    return relu(input, True)


def relu6(input, inplace=False):
    return hardtanh(input, 0.0, 6.0, inplace)


def leaky_relu(input, negative_slope=0.01, inplace=False):
    """x where x > 0, negative_slope * x elsewhere."""
    _check_float("leaky_relu", input)
    return _act(_LeakyReLU, input, inplace, float(negative_slope), False)


def leaky_relu_(input, negative_slope=0.01):
    return leaky_relu(input, negative_slope, True)


def hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False):
    """clamp(x, min_val, max_val)."""
    _check_float("hardtanh", input)
    if min_val > max_val:
        raise ValueError("hardtanh: expected min_val <= max_val, but got %s > %s" % (min_val, max_val))
    return _act(_HardTanh, input, inplace, float(min_val), float(max_val), False)


def hardtanh_(input, min_val=-1.0, max_val=1.0):
    return hardtanh(input, min_val, max_val, True)


def elu(input, alpha=1.0, inplace=False):
    """x where x > 0, alpha * (exp(x) - 1) elsewhere."""
    _check_float("elu", input)
    return _act(_ELUo, input, inplace, float(alpha), 1.0, 1.0, False)


def elu_(input, alpha=1.0):
    return elu(input, alpha, True)


def selu(input, inplace=False):
    _check_float("selu", input)
    alpha, scale = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946
    return _act(_ELUo, input, inplace, alpha, scale, 1.0, False)


def celu(input, alpha=1.0, inplace=False):
    _check_float("celu", input)
    return _act(_CELU, input, inplace, float(alpha), 1.0, 1.0 / float(alpha), False)


def sigmoid(input):
    """1 / (1 + exp(-x))."""
    _check_float("sigmoid", input)
    return _Sigmoid.apply(input)


def tanh(input):
    _check_float("tanh", input)
    return _Tanh.apply(input)


def softplus(input, beta=1.0, threshold=20.0):
    """log(1 + exp(beta x)) / beta, reverting to x where beta x > threshold."""
    _check_float("softplus", input)
    return _SoftPlus.apply(input, float(beta), float(threshold))


def softshrink(input, lambd=0.5):
    """x - lambd where x > lambd, x + lambd where x < -lambd, 0 elsewhere."""
    _check_float("softshrink", input)
    if lambd < 0:
        raise ValueError("softshrink: expected lambd to be non-negative, but got %s" % lambd)
    return _SoftShrink.apply(input, float(lambd))


def hardshrink(input, lambd=0.5):
    """x where |x| > lambd, 0 elsewhere."""
    _check_float("hardshrink", input)
    return _HardShrink.apply(input, float(lambd))


class _LogSigmoid(_KernelFunction):
    @staticmethod
    def forward(ctx, input):
        x = input.contiguous()
        out, buf = _new(x._dtype), _new(x._dtype)
        _call("LogSigmoid_updateOutput", x._dtype, x, out, buf)
        ctx.save_for_backward(x, buf)
        return out

    @staticmethod
    def backward(ctx, g):
        x, buf = ctx.saved_tensors
        gi = _new(x._dtype)
        _call("LogSigmoid_updateGradInput", x._dtype, x, g.contiguous(), gi, buf)
        return gi


def logsigmoid(input):
    """log(1 / (1 + exp(-x))), stable for large |x|."""
    _check_float("logsigmoid", input)
    return _LogSigmoid.apply(input)


def _softmax_dim(op, ndim):
    warnings.warn("Implicit dimension choice for %s has been deprecated. Change the call to include dim=X as an "
                  "argument." % op, stacklevel=3)
    return 0 if ndim in (0, 1, 3) else 1


def _make_softmax(name, graph_grad):
    """A Function for THNN SoftMax / LogSoftMax; graph_grad(g, out, dim): the gradient from Tensor
    ops, used under create_graph=True (so both are differentiable twice)."""
    class _F(Function):
        @staticmethod
        def forward(ctx, input, dim):
            x = input.contiguous()
            out = _new(x._dtype)
            _call(name + "_updateOutput", x._dtype, x, out, dim)
            ctx.dim = dim
            ctx.save_for_backward(x, out)
            return out

        @staticmethod
        def backward(ctx, g):
            x, out = ctx.saved_tensors
            if is_grad_enabled():
                return graph_grad(g, out, ctx.dim), None
            gi = _new(x._dtype)
            _call(name + "_updateGradInput", x._dtype, x, g.contiguous(), gi, out, ctx.dim)
            return gi, None

    _F.__name__ = _F.__qualname__ = name
    _F._backward_cls.__name__ = name + "Backward"
    return _F


# y = softmax(x): dx = y (g - sum(g y)); y = log_softmax(x): dx = g - exp(y) sum(g)
_SoftMax = _make_softmax("SoftMax", lambda g, out, d: out * (g - (g * out).sum(d, keepdim=True)))
_LogSoftMax = _make_softmax("LogSoftMax", lambda g, out, d: g - out.exp() * g.sum(d, keepdim=True))


def _softmax_common(op, fn, input, dim, dtype):
    _check_float(op, input)
    if dtype is not None:
        input = input.to(dtype)
    if dim is None:
        dim = _softmax_dim(op, input.dim())
    nd = max(input.dim(), 1)
    if not -nd <= dim < nd:
        raise IndexError("%s: Dimension out of range (expected to be in range of [%d, %d], but got %d)"
                         % (op, -nd, nd - 1, dim))
    dim = dim % nd
    if input.dim() == 0:
        return fn.apply(input.reshape(1), 0).reshape(())
    return fn.apply(input, dim)


def softmax(input, dim=None, _stacklevel=3, dtype=None):
    """exp(x) / sum(exp(x)) along dim."""
    return _softmax_common("softmax", _SoftMax, input, dim, dtype)


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    """x - log(sum(exp(x))) along dim."""
    return _softmax_common("log_softmax", _LogSoftMax, input, dim, dtype)


def softmin(input, dim=None, _stacklevel=3, dtype=None):
    return softmax(-input, dim, dtype=dtype)


class _PReLU(_KernelFunction):
    @staticmethod
    def forward(ctx, input, weight):
        x, w = input.contiguous(), weight.contiguous()
        out = _new(x._dtype)
        _call("PReLU_updateOutput", x._dtype, x, out, w)
        ctx.save_for_backward(x, w)
        return out

    @staticmethod
    def backward(ctx, g):
        x, w = ctx.saved_tensors
        g = g.contiguous()
        gi = _new(x._dtype)
        _call("PReLU_updateGradInput", x._dtype, x, g, gi, w)
        gw = None
        if ctx.needs_input_grad[1]:
            gw = zeros(w._shape, dtype=w._dtype)
            _call("PReLU_accGradParameters", x._dtype, x, g, gi, w, gw, 1.0)
        return gi, gw


def prelu(input, weight):
    """x where x > 0, weight * x elsewhere; weight has 1 element or one per channel (dim 1)."""
    _check_float("prelu", input)
    if weight._dtype is not input._dtype:
        raise TypeError("prelu: expected weight of dtype %s, but got %s" % (input._dtype, weight._dtype))
    n = weight.numel()
    if n != 1 and (input.dim() < 2 or input._shape[1] != n):
        raise RuntimeError("prelu: expected weight with 1 element or %s elements (the channels), but got %d"
                           % (input._shape[1] if input.dim() >= 2 else 1, n))
    return _PReLU.apply(input, weight)


# ---------------------------------------------------------------- losses

def _make_criterion(name, n_params, target_grad_negates):
    class _F(_KernelFunction):
        @staticmethod
        def forward(ctx, input, target, reduction, *params):
            x, t = input.contiguous(), target.contiguous()
            out = _new(x._dtype)
            _call(name + "_updateOutput", x._dtype, x, t, out, reduction, *params)
            ctx.reduction, ctx.params = reduction, params
            ctx.save_for_backward(x, t)
            return out

        @staticmethod
        def backward(ctx, g):
            x, t = ctx.saved_tensors
            gi = _new(x._dtype)
            _call(name + "_updateGradInput", x._dtype, x, t, g.contiguous(), gi, ctx.reduction, *ctx.params)
            gt = None
            if ctx.needs_input_grad[1]:
                if not target_grad_negates:
                    raise RuntimeError("%s: the derivative for target is not implemented" % name)
                gt = -gi
            return (gi, gt, None) + (None,) * len(ctx.params)

    _F.__name__ = _F.__qualname__ = name
    _F._backward_cls.__name__ = name + "Backward"
    return _F


_MSE = _make_criterion("MSECriterion", 0, True)
_Abs = _make_criterion("AbsCriterion", 0, True)
_SmoothL1 = _make_criterion("SmoothL1Criterion", 1, True)
_KLDiv = _make_criterion("DistKLDivCriterion", 0, False)
_Margin = _make_criterion("MarginCriterion", 1, False)
_SoftMargin = _make_criterion("SoftMarginCriterion", 0, False)


def _pointwise_loss(op, fn, input, target, reduction, *params):
    _check_float(op, input)
    if not isinstance(target, Tensor):
        raise TypeError("%s: expected target to be a Tensor, but got %s" % (op, type(target).__name__))
    if target._dtype is not input._dtype:
        target = target.to(input._dtype)
    if target._shape != input._shape:
        warnings.warn("Using a target size (%s) that is different to the input size (%s). This will likely lead "
                      "to incorrect results due to broadcasting. Please ensure they have the same size."
                      % (target.size(), input.size()), stacklevel=3)
        from .._broadcast import broadcast_shapes

        shape = broadcast_shapes(input._shape, target._shape)
        input, target = input.expand(*shape), target.expand(*shape)
    return fn.apply(input, target, _REDUCTIONS[reduction], *params)


def mse_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """(x - t)^2, reduced by mean (default), sum or none."""
    reduction = _reduction("mse_loss", reduction, size_average, reduce)
    return _pointwise_loss("mse_loss", _MSE, input, target, reduction)


def l1_loss(input, target, size_average=None, reduce=None, reduction="mean"):
    """|x - t|, reduced by mean (default), sum or none."""
    reduction = _reduction("l1_loss", reduction, size_average, reduce)
    return _pointwise_loss("l1_loss", _Abs, input, target, reduction)


def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0):
    """0.5 d^2 / beta where |d| < beta, |d| - 0.5 beta elsewhere (d = x - t)."""
    reduction = _reduction("smooth_l1_loss", reduction, size_average, reduce)
    if beta < 0:
        raise RuntimeError("smooth_l1_loss does not support negative values for beta.")
    return _pointwise_loss("smooth_l1_loss", _SmoothL1, input, target, reduction, float(beta))


def huber_loss(input, target, reduction="mean", delta=1.0):
    """delta * smooth_l1 with beta = delta."""
    return smooth_l1_loss(input, target, reduction=reduction, beta=delta) * delta


def soft_margin_loss(input, target, size_average=None, reduce=None, reduction="mean"):
    """log(1 + exp(-t x))."""
    reduction = _reduction("soft_margin_loss", reduction, size_average, reduce)
    return _pointwise_loss("soft_margin_loss", _SoftMargin, input, target, reduction)


def kl_div(input, target, size_average=None, reduce=None, reduction="mean", log_target=False):
    """Kullback-Leibler divergence t (log t - x) with x log-probabilities; reduction 'batchmean'
    divides the sum by the batch size (what the mathematical definition needs)."""
    if reduction == "batchmean":
        red = "sum"
    else:
        red = _reduction("kl_div", reduction, size_average, reduce)
        if red == "mean":
            warnings.warn("reduction: 'mean' divides the total loss by both the batch size and the support size."
                          "'batchmean' divides only by the batch size, and aligns with the KL div math definition."
                          "'mean' will be changed to behave the same as 'batchmean' in the next major release.")
    if log_target:
        loss = target.exp() * (target - input)
        loss = {"none": loss, "sum": loss.sum(), "mean": loss.mean()}[red]
    else:
        loss = _pointwise_loss("kl_div", _KLDiv, input, target, red)
    if reduction == "batchmean" and input.dim() != 0:
        loss = loss / input.size(0)
    return loss


class _BCE(_KernelFunction):
    @staticmethod
    def forward(ctx, input, target, weight, reduction):
        x, t, w = input.contiguous(), target.contiguous(), _c(weight)
        out = _new(x._dtype)
        _call("BCECriterion_updateOutput", x._dtype, x, t, out, reduction, w)
        ctx.reduction = reduction
        ctx.save_for_backward(x, t, w)
        return out

    @staticmethod
    def backward(ctx, g):
        x, t, w = ctx.saved_tensors
        gi = _new(x._dtype)
        _call("BCECriterion_updateGradInput", x._dtype, x, t, g.contiguous(), gi, ctx.reduction, w)
        if ctx.needs_input_grad[1]:
            raise RuntimeError("binary_cross_entropy: the derivative for target is not implemented")
        return gi, None, None, None


def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None, reduction="mean"):
    """-w (t log x + (1 - t) log(1 - x)) with each log clamped at -100; input in [0, 1]."""
    reduction = _reduction("binary_cross_entropy", reduction, size_average, reduce)
    _check_float("binary_cross_entropy", input)
    if target._shape != input._shape:
        raise ValueError("Using a target size (%s) that is different to the input size (%s) is deprecated. Please "
                         "ensure they have the same size." % (target.size(), input.size()))
    target = target.to(input._dtype)
    if weight is not None:
        from .._broadcast import broadcast_shapes

        broadcast_shapes(weight._shape, input._shape)
        weight = weight.to(input._dtype).expand(*input._shape)
    return _BCE.apply(input, target, weight, _REDUCTIONS[reduction])


def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None,
                                     reduction="mean", pos_weight=None):
    """BCE on sigmoid(input), computed stably with Tensor ops: (1 - t) x + l (log(1 + exp(-|x|)) +
    max(-x, 0)) with l = 1 + (pos_weight - 1) t."""
    reduction = _reduction("binary_cross_entropy_with_logits", reduction, size_average, reduce)
    if target._shape != input._shape:
        raise ValueError("Target size (%s) must be the same as input size (%s)" % (target.size(), input.size()))
    neg_abs = -input.abs()
    softplus_neg = (neg_abs.exp() + 1).log() + (-input).clamp(min=0)
    if pos_weight is not None:
        lw = (pos_weight - 1) * target + 1
        loss = (1 - target) * input + lw * softplus_neg
    else:
        loss = (1 - target) * input + softplus_neg
    if weight is not None:
        loss = loss * weight
    return {"none": loss, "sum": loss.sum(), "mean": loss.mean()}[reduction]


class _NLL(Function):
    """Negative log-likelihood over THNN ClassNLLCriterion / SpatialClassNLLCriterion.  The loss is
    linear in the input, so its gradient does not depend on it: under create_graph the gradient
    is the kernel's gradient for a unit g, scaled by g (differentiable in g, exact)."""

    @staticmethod
    def forward(ctx, input, target, weight, reduction, ignore_index, spatial):
        x, t, w = input.contiguous(), target.contiguous(), _c(weight)
        name = "SpatialClassNLLCriterion" if spatial else "ClassNLLCriterion"
        out, total = _new(x._dtype), _new(x._dtype)
        _call(name + "_updateOutput", x._dtype, x, t, out, reduction, w, total, ignore_index)
        ctx.args = (name, reduction, ignore_index)
        ctx.save_for_backward(x, t, w, total)
        return out

    @staticmethod
    def backward(ctx, g):
        x, t, w, total = ctx.saved_tensors
        name, reduction, ignore_index = ctx.args
        graph = is_grad_enabled()
        unit = ones(g._shape, dtype=g._dtype) if graph else g.contiguous()
        gi = _new(x._dtype)
        _call(name + "_updateGradInput", x._dtype, x, t, unit, gi, reduction, w, total, ignore_index)
        if graph:  # g is one value per loss term: broadcast it over the class dim
            gi = gi * (g.unsqueeze(1) if g.dim() > 0 and x.dim() > 1 else g)
        return gi, None, None, None, None, None


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean"):
    """-input[n, target[n]] * weight[target[n]] for log-probabilities input (C), (N, C) or
    (N, C, d1, ..., dk) and class-index target (), (N) or (N, d1, ..., dk); 'mean' divides by the
    total weight of the targets that are not ignore_index."""
    reduction = _reduction("nll_loss", reduction, size_average, reduce)
    _check_float("nll_loss", input)
    if not isinstance(target, Tensor) or target._dtype.is_floating_point or target._dtype is D.bool:
        raise TypeError("nll_loss: expected target to be an integer (int64) tensor, but got %s"
                        % (target._dtype if isinstance(target, Tensor) else type(target).__name__))
    target = target.to(D.int64)
    red = _REDUCTIONS[reduction]
    if weight is not None:
        if weight.dim() != 1 or weight.numel() != (input._shape[1] if input.dim() > 1 else input.numel()):
            raise RuntimeError("nll_loss: expected weight to be a 1-d tensor with one element per class, but got "
                               "shape %s" % list(weight._shape))
        weight = weight.to(input._dtype)
    nd = input.dim()
    if nd <= 2:
        if nd == 2 and target.dim() != 1 or nd == 2 and target._shape[0] != input._shape[0]:
            raise ValueError("Expected input batch_size (%d) to match target batch_size (%d)."
                             % (input._shape[0], target._shape[0] if target.dim() else 1))
        return _NLL.apply(input, target, weight, red, int(ignore_index), False)
    n, c = input._shape[0], input._shape[1]
    if target._shape != (n,) + input._shape[2:]:
        raise ValueError("Expected target size %s, got %s" % (list((n,) + input._shape[2:]), list(target._shape)))
    if nd == 4:
        return _NLL2d.apply(input, target, weight, red, int(ignore_index), True)
    rest = input._shape[2:]
    length = 1
    for s in rest:
        length *= s
    out = _NLL2d.apply(input.reshape(n, c, length, 1), target.reshape(n, length, 1), weight, red,
                       int(ignore_index), True)
    return out.reshape((n,) + rest) if red == 0 else out


def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean",
                  label_smoothing=0.0):
    """nll_loss(log_softmax(input, 1), target) for class-index targets; for floating targets
    (class probabilities of input's shape) -sum(t * log_softmax(x), 1) reduced."""
    reduction = _reduction("cross_entropy", reduction, size_average, reduce)
    cdim = 0 if input.dim() == 1 else 1
    logp = log_softmax(input, cdim)
    if isinstance(target, Tensor) and target._dtype.is_floating_point:
        if target._shape != input._shape:
            raise RuntimeError("cross_entropy: expected a probability target of the input's shape %s, but got %s"
                               % (list(input._shape), list(target._shape)))
        c = input._shape[cdim]
        if label_smoothing > 0:
            target = target * (1 - label_smoothing) + label_smoothing / c
        if weight is not None:
            shape = [1] * input.dim()
            shape[cdim] = c
            logp = logp * weight.reshape(shape)
        loss = -(target * logp).sum(cdim)
        if reduction == "none":
            return loss
        if reduction == "sum":
            return loss.sum()
        return loss.sum() / (input._shape[0] if input.dim() > 1 else 1) if input.dim() > 1 else loss
    loss = nll_loss(logp, target, weight, ignore_index=ignore_index, reduction=reduction)
    if label_smoothing > 0:
        c = input._shape[cdim]
        mask = target != ignore_index
        if weight is not None:
            shape = [1] * input.dim()
            shape[cdim] = c
            smooth = -(logp * weight.reshape(shape)).sum(cdim)
        else:
            smooth = -logp.sum(cdim)
        smooth = smooth * mask.to(smooth.dtype)
        if reduction == "none":
            smooth_r = smooth
        elif reduction == "sum":
            smooth_r = smooth.sum()
        else:
            if weight is not None:
                denom = weight[target.clamp(0, c - 1)].mul(mask.to(weight.dtype)).sum()
            else:
                denom = mask.sum().to(smooth.dtype)
            smooth_r = smooth.sum() / denom
        loss = loss * (1 - label_smoothing) + smooth_r * (label_smoothing / c)
    return loss


# ---------------------------------------------------------------- linear and dropout

class _Linear(Function):
    """y = x @ W^T + b for x (N, in), W (out, in): one addmm forward; backward gives W's gradient as
    g^T @ x, already (out, in) and contiguous, and b's as one sum over the batch."""

    @staticmethod
    def forward(ctx, x, weight, bias):
        ctx.save_for_backward(x, weight)
        ctx.has_bias = bias is not None
        wt = weight.t()
        return x.mm(wt) if bias is None else bias.addmm(x, wt)

    @staticmethod
    def backward(ctx, g):
        x, weight = ctx.saved_tensors
        need = ctx.needs_input_grad
        gx = g.mm(weight) if need[0] else None
        gw = g.t().mm(x) if need[1] else None
        gb = g.sum(0) if ctx.has_bias and need[2] else None
        return gx, gw, gb


def linear(input, weight, bias=None):
    """input @ weight.T + bias for input (*, in_features), weight (out_features, in_features)."""
    if input.dim() == 0 or weight.dim() not in (1, 2):
        raise RuntimeError("linear: expected input with at least 1 dim and a 1-d or 2-d weight, but got shapes "
                           "%s and %s" % (list(input._shape), list(weight._shape)))
    if input._shape[-1] != weight._shape[-1]:
        raise RuntimeError("mat1 and mat2 shapes cannot be multiplied (%s and %s)"
                           % ("x".join(map(str, (input.numel() // max(input._shape[-1], 1), input._shape[-1]))),
                              "x".join(map(str, weight.t()._shape))))
    dt = input._dtype
    if weight.dim() == 2 and dt.is_floating_point and weight._dtype is dt and (bias is None or bias._dtype is dt):
        fn = _Linear if bias is not None else _LinearNoBias
        if input.dim() == 2:
            return fn.apply(input, weight, bias)
        lead = input._shape[:-1]
        out = fn.apply(input.reshape(-1, input._shape[-1]), weight, bias)
        return out.reshape(*lead, weight._shape[0])
    out = input.matmul(weight.t())
    if bias is not None:
        out = out + bias
    return out


def dropout(input, p=0.5, training=True, inplace=False):
    """Zeroes each element with probability p and scales the rest by 1 / (1 - p) when training;
    the identity otherwise."""
    if p < 0.0 or p > 1.0:
        raise ValueError("dropout probability has to be between 0 and 1, but got %s" % p)
    if not training or p == 0.0:
        return input
    if p == 1.0:
        mask = zeros(input._shape, dtype=input._dtype)
    else:
        from .._creation import empty as _empty

        mask = _empty(*input._shape, dtype=input._dtype).bernoulli_(1 - p).div_(1 - p)
    return input.mul_(mask) if inplace else input * mask


def dropout2d(input, p=0.5, training=True, inplace=False):
    """Zeroes whole channels (dim 1 of (N, C, H, W), dim 0 of (C, H, W)) with probability p."""
    if p < 0.0 or p > 1.0:
        raise ValueError("dropout probability has to be between 0 and 1, but got %s" % p)
    if not training or p == 0.0:
        return input
    shape = list(input._shape[:2] if input.dim() == 4 else input._shape[:1]) + [1] * (2 if input.dim() >= 3 else 0)
    if p == 1.0:
        mask = zeros(shape, dtype=input._dtype)
    else:
        mask = empty(*shape, dtype=input._dtype).bernoulli_(1 - p).div_(1 - p)
    return input.mul_(mask) if inplace else input * mask


# ---------------------------------------------------------------- convolution

def _conv2d_graph_grad(ctx, x, w, g):
    """conv2d's gradients as convolutions (so they are differentiable again): the input's is the
    transposed convolution of g, the weight's the correlation of the input with g dilated by the
    stride, cut to the kernel size."""
    from ._functional_conv import conv_transpose2d  # defined after this module (see its last lines)

    kW, kH, dW, dH, padW, padH = ctx.geom
    need = ctx.needs_input_grad
    batched = x.dim() == 4
    xb, gb4 = (x, g) if batched else (x.unsqueeze(0), g.unsqueeze(0))
    gi = gw = gbias = None
    if need[0]:
        H, W = xb.shape[2], xb.shape[3]
        Ho, Wo = gb4.shape[2], gb4.shape[3]
        extra = (H - ((Ho - 1) * dH - 2 * padH + kH), W - ((Wo - 1) * dW - 2 * padW + kW))
        gi = conv_transpose2d(gb4, w, None, (dH, dW), (padH, padW), extra)
        gi = gi if batched else gi.squeeze(0)
    if need[1]:
        full = conv2d(xb.transpose(0, 1), gb4.transpose(0, 1), None, 1, (padH, padW), (dH, dW))
        gw = full[:, :, :kH, :kW].transpose(0, 1)
    if ctx.has_bias and need[2]:
        gbias = gb4.sum((0, 2, 3))
    return gi, gw, gbias


_ConvMM = _make_conv("SpatialConvolutionMM", 2, 0, _conv2d_graph_grad)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """2-d cross-correlation of input (N, C, H, W) or (C, H, W) with weight (O, C / groups, kH,
    kW), plus bias (O); padding an int, a pair, 'valid' or 'same' (stride 1)."""
    _check_float("conv2d", input)
    if input.dim() not in (3, 4):
        raise RuntimeError("conv2d: expected a 3-d or 4-d input, but got shape %s" % list(input._shape))
    if weight.dim() != 4:
        raise RuntimeError("conv2d: expected a 4-d weight (out_channels, in_channels/groups, kH, kW), but got "
                           "shape %s" % list(weight._shape))
    if weight._dtype is not input._dtype or (bias is not None and bias._dtype is not input._dtype):
        raise TypeError("conv2d: expected input, weight and bias of one dtype, but got %s, %s and %s"
                        % (input._dtype, weight._dtype, None if bias is None else bias._dtype))
    if _pair(dilation, "conv2d", "dilation") != (1, 1):
        from ._functional_conv import _conv2d_dilated

        return _conv2d_dilated(input, weight, bias, stride, padding, dilation, groups)
    sH, sW = _pair(stride, "conv2d", "stride")
    kH, kW = weight._shape[2], weight._shape[3]
    if isinstance(padding, str):
        if padding == "valid":
            pH = pW = 0
        elif padding == "same":
            if (sH, sW) != (1, 1):
                raise ValueError("padding='same' is not supported for strided convolutions")
            if kH % 2 == 0 or kW % 2 == 0:
                raise NotImplementedError("conv2d: padding='same' with an even kernel size is not implemented")
            pH, pW = (kH - 1) // 2, (kW - 1) // 2
        else:
            raise ValueError("Invalid padding string '%s', should be one of {'valid', 'same'}" % padding)
    else:
        pH, pW = _pair(padding, "conv2d", "padding")
    if sH <= 0 or sW <= 0:
        raise RuntimeError("conv2d: expected a positive stride, but got %s" % ((sH, sW),))
    cin = input._shape[-3]
    if weight._shape[1] * groups != cin:
        raise RuntimeError("Given groups=%d, weight of size %s, expected input%s to have %d channels, but got %d "
                           "channels instead" % (groups, list(weight._shape), list(input._shape),
                                                 weight._shape[1] * groups, cin))
    if groups == 1:
        return _ConvMM.apply(input, weight, bias, kW, kH, sW, sH, pW, pH)
    if weight._shape[0] % groups:
        raise RuntimeError("conv2d: expected out_channels divisible by groups")
    from .. import cat

    cdim = input.dim() - 3
    xs = input.chunk(groups, cdim)
    ws = weight.chunk(groups, 0)
    bs = bias.chunk(groups, 0) if bias is not None else [None] * groups
    return cat([_ConvMM.apply(x, w, b, kW, kH, sW, sH, pW, pH) for x, w, b in zip(xs, ws, bs)], cdim)


# ---------------------------------------------------------------- pooling

def _make_pool(name, with_indices, args_in_backward=True, spatial_dims=2):
    """A Function for THNN pooling `name`: updateOutput(input, output, [indices,] *args) and
    updateGradInput(input, gradOutput, gradInput, [indices,] *args) (the args only where
    args_in_backward).  with_indices: forward returns (output, int64 argmax indices), flat within
    each plane of the last spatial_dims dims; under create_graph=True the gradient is then a
    scatter-add of g at those indices.  Without indices (average pooling, linear in its input) it
    is the kernel's gradient wrapped in a Function whose own gradient is the pooling again.  Both
    are differentiable to any order."""

    class _Adjoint(Function):
        """g -> the pooling's input gradient (linear in g), whose gradient is the pooling itself."""

        @staticmethod
        def forward(ctx, g, x, *args):
            gi = _new(x._dtype)
            _call(name + "_updateGradInput", x._dtype, x, g.contiguous(), gi, *(args if args_in_backward else ()))
            ctx.args = args
            return gi

        @staticmethod
        def backward(ctx, gg):
            return (_F.apply(gg, *ctx.args),) + (None,) * (1 + len(ctx.args))

    class _F(Function):
        @staticmethod
        def forward(ctx, input, *args):
            x = input.contiguous()
            out = _new(x._dtype)
            idx = (_new(D.int64),) if with_indices else ()
            _call(name + "_updateOutput", x._dtype, x, out, *idx, *args)
            ctx.args = args
            if with_indices:
                ctx.mark_non_differentiable(idx[0])
            ctx.save_for_backward(x, *idx)
            return (out,) + idx if with_indices else out

        @staticmethod
        def backward(ctx, g, *_gidx):
            x, *idx = ctx.saved_tensors
            if is_grad_enabled():
                gi = _scatter_to_planes(x, idx[0], g, spatial_dims) if with_indices else _Adjoint.apply(g, x, *ctx.args)
                return (gi,) + (None,) * len(ctx.args)
            gi = _new(x._dtype)
            args = ctx.args if args_in_backward else ()
            _call(name + "_updateGradInput", x._dtype, x, g.contiguous(), gi, *idx, *args)
            return (gi,) + (None,) * len(ctx.args)

    _F.__name__ = _F.__qualname__ = name
    _F._backward_cls.__name__ = _F._backward_cls.__qualname__ = name + "Backward"
    return _F


def _scatter_to_planes(x, idx, g, spatial_dims):
    """The gradient of a max pooling as Tensor ops: each g summed into x's plane position that
    idx (flat within the last spatial_dims dims) names."""
    lead = tuple(x.shape[:x.dim() - spatial_dims])
    plane = x.numel() // max(1, _prod(lead))
    flat = zeros(lead + (plane,), dtype=g.dtype)
    return flat.scatter_add(-1, idx.reshape(lead + (-1,)), g.reshape(lead + (-1,))).reshape(x.shape)


def _prod(shape):
    n = 1
    for s in shape:
        n *= s
    return n


_MaxPool = _make_pool("SpatialDilatedMaxPooling", True)
_AvgPool = _make_pool("SpatialAveragePooling", False)
_AdaptiveAvg = _make_pool("SpatialAdaptiveAveragePooling", False, args_in_backward=False)
_AdaptiveMax = _make_pool("SpatialAdaptiveMaxPooling", True, args_in_backward=False)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """Max over kernel_size windows of input (N, C, H, W) or (C, H, W); stride defaults to
    kernel_size; padding (at most half the kernel) counts as -inf.  return_indices also gives
    the argmax as h * W + w within each input plane (int64)."""
    _check_rank("max_pool2d", input, 2)
    (kH, kW), (sH, sW), (pH, pW), (dH, dW) = _window_args("max_pool2d", 2, kernel_size, stride, padding, dilation)
    out, idx = _MaxPool.apply(input, kW, kH, sW, sH, pW, pH, dW, dH, bool(ceil_mode))
    return (out, idx) if return_indices else out


def max_pool2d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                            return_indices=True):
    return max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, True)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    """Mean over kernel_size windows; with count_include_pad the zero padding counts in the divisor."""
    _check_rank("avg_pool2d", input, 2)
    if divisor_override is not None:
        raise NotImplementedError("avg_pool2d: divisor_override is not implemented")
    (kH, kW), (sH, sW), (pH, pW), _ = _window_args("avg_pool2d", 2, kernel_size, stride, padding)
    return _AvgPool.apply(input, kW, kH, sW, sH, pW, pH, bool(ceil_mode), bool(count_include_pad))


def _adaptive_size(op, input, output_size):
    if isinstance(output_size, numbers.Integral):
        oh = ow = int(output_size)
    else:
        oh, ow = tuple(output_size) if len(output_size) == 2 else (output_size[0],) * 2
    oh = input._shape[-2] if oh is None else int(oh)
    ow = input._shape[-1] if ow is None else int(ow)
    if oh <= 0 or ow <= 0:
        raise RuntimeError("%s: expected a positive output_size, but got %s" % (op, (oh, ow)))
    return oh, ow


def adaptive_avg_pool2d(input, output_size):
    """Average pooling to a fixed output size: cell o covers [floor(o I / O), ceil((o + 1) I / O))."""
    _check_rank("adaptive_avg_pool2d", input, 2)
    oh, ow = _adaptive_size("adaptive_avg_pool2d", input, output_size)
    return _AdaptiveAvg.apply(input, ow, oh)


def adaptive_max_pool2d(input, output_size, return_indices=False):
    """Max pooling to a fixed output size (indices as max_pool2d's)."""
    _check_rank("adaptive_max_pool2d", input, 2)
    oh, ow = _adaptive_size("adaptive_max_pool2d", input, output_size)
    out, idx = _AdaptiveMax.apply(input, ow, oh)
    return (out, idx) if return_indices else out


# ---------------------------------------------------------------- normalisation

class _BatchNorm(Function):
    """Batch normalisation over THNN BatchNormalization; under create_graph=True its gradients
    are recomputed from Tensor ops (differentiable again)."""

    @staticmethod
    def forward(ctx, input, weight, bias, running_mean, running_var, training, momentum, eps):
        x = input.contiguous()
        dt = x._dtype
        out, save_mean, save_std = _new(dt), _new(dt), _new(dt)
        _call("BatchNormalization_updateOutput", dt, x, out, _c(weight), _c(bias), running_mean, running_var,
              save_mean, save_std, bool(training), float(momentum), float(eps))
        ctx.args = (bool(training), float(eps))
        ctx.has = (weight is not None, bias is not None)
        # the running statistics are saved as they are now: eval mode's backward needs them
        rm = running_mean.clone() if running_mean is not None and not training else None
        rv = running_var.clone() if running_var is not None and not training else None
        ctx.save_for_backward(input, weight, rm, rv, save_mean, save_std)  # the caller's tensors (create_graph)
        return out

    @staticmethod
    def backward(ctx, g):
        x, w, rm, rv, save_mean, save_std = ctx.saved_tensors
        training, eps = ctx.args
        if is_grad_enabled():
            return _batch_norm_graph_grad(ctx, x, w, rm, rv, g) + (None,) * 5
        x, w = x.contiguous(), _c(w)
        dt = x._dtype
        gi = _new(dt) if ctx.needs_input_grad[0] else None
        gw = zeros(w._shape, dtype=dt) if w is not None and ctx.needs_input_grad[1] else None
        gb = zeros(w._shape if w is not None else x._shape[1], dtype=dt) \
            if ctx.has[1] and ctx.needs_input_grad[2] else None
        _call("BatchNormalization_backward", dt, x, g.contiguous(), gi, gw, gb, w, rm, rv, save_mean, save_std,
              training, 1.0, eps)
        return gi, gw, gb, None, None, None, None, None


def _batch_norm_graph_grad(ctx, x, w, rm, rv, g):
    """batch_norm's gradients from Tensor ops: with x^ = (x - mean) invstd over every dim but 1,
    training: dx = w invstd (g - mean(g) - x^ mean(g x^)); eval: dx = w invstd g (running
    statistics); dw = sum(g x^); db = sum(g)."""
    training, eps = ctx.args
    dims = (0,) + tuple(range(2, x.dim()))
    shape = (1, -1) + (1,) * (x.dim() - 2)
    if training:
        xc = x - x.mean(dims, keepdim=True)
        invstd = ((xc * xc).mean(dims, keepdim=True) + eps).rsqrt()
    else:
        xc = x - rm.reshape(shape)
        invstd = (rv.reshape(shape) + eps).rsqrt()
    xhat = xc * invstd
    scale = invstd * w.reshape(shape) if w is not None else invstd
    need = ctx.needs_input_grad
    gi = gw = gb = None
    if need[0]:
        if training:
            gi = scale * (g - g.mean(dims, keepdim=True) - xhat * (g * xhat).mean(dims, keepdim=True))
        else:
            gi = g * scale
    if w is not None and need[1]:
        gw = (g * xhat).sum(dims)
    if ctx.has[1] and need[2]:
        gb = g.sum(dims)
    return gi, gw, gb


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5):
    """(x - mean) / sqrt(var + eps) * weight + bias over every dim but 1 of input (N, C, ...).
    training: batch statistics, and running_mean/running_var (when given) are updated in place
    with momentum (running_var with the unbiased variance); otherwise the running statistics."""
    _check_float("batch_norm", input)
    if input.dim() < 2:
        raise ValueError("batch_norm: expected a 2-d or higher input (N, C, ...), but got shape %s"
                         % list(input._shape))
    c = input._shape[1]
    for nm, t in (("weight", weight), ("bias", bias), ("running_mean", running_mean), ("running_var", running_var)):
        if t is not None and (t.numel() != c or t._dtype is not input._dtype):
            raise RuntimeError("batch_norm: expected %s to have %d elements of dtype %s, but got shape %s of %s"
                               % (nm, c, input._dtype, list(t._shape), t._dtype))
    if not training and (running_mean is None or running_var is None):
        raise RuntimeError("batch_norm: running_mean and running_var must be defined in evaluation mode")
    if training:
        size = input.numel() // c
        if size == 1:
            raise ValueError("Expected more than 1 value per channel when training, got input size %s"
                             % (input.size(),))
    if momentum is None:
        momentum = 0.0  # cumulative averaging is handled by the module (it passes 1 / num_batches)
    return _BatchNorm.apply(input, weight, bias, running_mean, running_var, training, momentum, eps)


# PyTorch's names for the backward nodes (what `print(loss.grad_fn)` shows), one entry per Function
for _fn, _node in ((_Threshold, "ThresholdBackward0"), (_LeakyReLU, "LeakyReluBackward0"),
                   (_HardTanh, "HardtanhBackward0"), (_SoftShrink, "SoftshrinkBackward0"),
                   (_HardShrink, "HardshrinkBackward0"), (_Sigmoid, "SigmoidBackward0"), (_Tanh, "TanhBackward0"),
                   (_SoftPlus, "SoftplusBackward0"), (_ELUo, "EluBackward0"), (_LogSigmoid, "LogSigmoidBackward0"),
                   (_SoftMax, "SoftmaxBackward0"), (_LogSoftMax, "LogSoftmaxBackward0"),
                   (_PReLU, "PreluKernelBackward0"), (_MSE, "MseLossBackward0"), (_Abs, "L1LossBackward0"),
                   (_SmoothL1, "SmoothL1LossBackward0"), (_KLDiv, "KlDivBackward0"),
                   (_Margin, "MarginLossBackward0"), (_SoftMargin, "SoftMarginLossBackward0"),
                   (_BCE, "BinaryCrossEntropyBackward0"), (_NLL, "NllLossBackward0"), (_Linear, "AddmmBackward0"),
                   (_ConvMM, "ConvolutionBackward0"), (_MaxPool, "MaxPool2DWithIndicesBackward0"),
                   (_AvgPool, "AvgPool2DBackward0"), (_AdaptiveAvg, "AdaptiveAvgPool2DBackward0"),
                   (_AdaptiveMax, "AdaptiveMaxPool2DBackward0"), (_BatchNorm, "NativeBatchNormBackward0")):
    rename(_fn, _node)
_Relu = named(_Threshold, "ReluBackward0")
_CELU = named(_ELUo, "CeluBackward0")
_NLL2d = named(_NLL, "NllLoss2DBackward0")
_LinearNoBias = named(_Linear, "MmBackward0")


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """Normalises over the trailing normalized_shape dims (Tensor ops)."""
    if isinstance(normalized_shape, numbers.Integral):
        normalized_shape = (normalized_shape,)
    dims = tuple(range(-len(normalized_shape), 0))
    mean = input.mean(dims, keepdim=True)
    var = ((input - mean) ** 2).mean(dims, keepdim=True)
    out = (input - mean) / (var + eps).sqrt()
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out


# ---------------------------------------------------------------- misc

def one_hot(tensor, num_classes=-1):
    """int64 tensor of shape (*, num_classes) with a 1 at each index."""
    if tensor._dtype is not D.int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    if num_classes == -1:
        num_classes = int(tensor.max().item()) + 1 if tensor.numel() else 0
    from .. import arange

    return (tensor.unsqueeze(-1) == arange(num_classes)).to(D.int64)


def normalize(input, p=2.0, dim=1, eps=1e-12, out=None):
    """x / max(||x||_p, eps) along dim."""
    denom = input.norm(p, dim, keepdim=True).clamp(min=eps).expand_as(input)
    return input / denom


def gelu(input, approximate="none"):
    """x * Phi(x) (Tensor ops); approximate='tanh' uses the tanh formula."""
    if approximate == "tanh":
        return 0.5 * input * (1 + (math.sqrt(2 / math.pi) * (input + 0.044715 * input ** 3)).tanh())
    return 0.5 * input * (1 + (input / math.sqrt(2)).erf())


def softsign(input):
    return input / (input.abs() + 1)


def tanhshrink(input):
    return input - tanh(input)


from ._functional_misc import *  # noqa: E402,F401,F403
from ._functional_loss import *  # noqa: E402,F401,F403
from ._functional_norm import *  # noqa: E402,F401,F403
from ._functional_conv import *  # noqa: E402,F401,F403
from ._functional_pool import *  # noqa: E402,F401,F403
from ._functional_resample import *  # noqa: E402,F401,F403
from ._functional_rnn import *  # noqa: E402,F401,F403
