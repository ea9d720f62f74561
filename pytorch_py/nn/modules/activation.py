"""Activation modules over nn.functional (layer: nn): the pointwise non-linearities, the softmax
family, GLU, PReLU and RReLU.  Constructor arguments, attributes and reprs are PyTorch's."""
from ..._creation import empty
from .. import functional as F
from .. import init
from .._functional_misc import glu, rrelu
from ..parameter import Parameter
from .linear import _factory
from .module import Module

__all__ = ["ReLU", "ReLU6", "Threshold", "LeakyReLU", "ELU", "SELU", "CELU", "Hardtanh", "Sigmoid", "Tanh",
           "LogSigmoid", "Softplus", "Softshrink", "Hardshrink", "Tanhshrink", "Softsign", "GELU", "SiLU", "Mish",
           "Hardsigmoid", "Hardswish", "Softmax", "LogSoftmax", "Softmin", "Softmax2d", "GLU", "PReLU", "RReLU"]


def _inplace(flag, sep=", "):
    """The ', inplace=True' tail of a repr (empty when not in place)."""
    return sep + "inplace=True" if flag else ""


class _Stateless(Module):
    """An activation without arguments: forward is `_fn(input)`."""

    _fn = None

    def forward(self, input):
        return type(self)._fn(input)


class _InplaceOnly(Module):
    """An activation whose only argument is inplace: forward is `_fn(input, inplace)`."""

    _fn = None

    def __init__(self, inplace=False):
        super().__init__()
        self.inplace = inplace

    def forward(self, input):
        return type(self)._fn(input, self.inplace)

    def extra_repr(self):
        return _inplace(self.inplace, "")


class ReLU(_InplaceOnly):
    """max(x, 0)."""
    _fn = F.relu


class SELU(_InplaceOnly):
    """scale * (max(0, x) + min(0, alpha (exp(x) - 1))), alpha ~ 1.6733, scale ~ 1.0507."""
    _fn = F.selu


class SiLU(_InplaceOnly):
    """x * sigmoid(x)."""
    _fn = F.silu


class Mish(_InplaceOnly):
    """x * tanh(softplus(x))."""
    _fn = F.mish


class Hardsigmoid(_InplaceOnly):
    """clamp(x / 6 + 1 / 2, 0, 1)."""
    _fn = F.hardsigmoid


class Hardswish(_InplaceOnly):
    """x * hardsigmoid(x)."""
    _fn = F.hardswish


class Threshold(Module):
    """x where x > threshold, value elsewhere."""

    def __init__(self, threshold, value, inplace=False):
        super().__init__()
        self.threshold, self.value, self.inplace = threshold, value, inplace

    def forward(self, input):
        return F.threshold(input, self.threshold, self.value, self.inplace)

    def extra_repr(self):
        return "threshold={}, value={}{}".format(self.threshold, self.value, _inplace(self.inplace))


class Hardtanh(Module):
    """clamp(x, min_val, max_val)."""

    def __init__(self, min_val=-1.0, max_val=1.0, inplace=False):
        super().__init__()
        if max_val <= min_val:
            raise ValueError("Hardtanh: expected max_val > min_val, but got min_val %s and max_val %s"
                             % (min_val, max_val))
        self.min_val, self.max_val, self.inplace = min_val, max_val, inplace

    def forward(self, input):
        return F.hardtanh(input, self.min_val, self.max_val, self.inplace)

    def extra_repr(self):
        return "min_val={}, max_val={}{}".format(self.min_val, self.max_val, _inplace(self.inplace))


class ReLU6(Hardtanh):
    """min(max(x, 0), 6)."""

    def __init__(self, inplace=False):
        super().__init__(0.0, 6.0, inplace)

    def extra_repr(self):
        return _inplace(self.inplace, "")


class LeakyReLU(Module):
    """x where x > 0, negative_slope * x elsewhere."""

    def __init__(self, negative_slope=1e-2, inplace=False):
        super().__init__()
        self.negative_slope, self.inplace = negative_slope, inplace

    def forward(self, input):
        return F.leaky_relu(input, self.negative_slope, self.inplace)

    def extra_repr(self):
        return "negative_slope={}{}".format(self.negative_slope, _inplace(self.inplace))


class ELU(Module):
    """x where x > 0, alpha * (exp(x) - 1) elsewhere."""

    _fn = F.elu

    def __init__(self, alpha=1.0, inplace=False):
        super().__init__()
        self.alpha, self.inplace = alpha, inplace

    def forward(self, input):
        return type(self)._fn(input, self.alpha, self.inplace)

    def extra_repr(self):
        return "alpha={}{}".format(self.alpha, _inplace(self.inplace))


class CELU(ELU):
    """max(0, x) + min(0, alpha (exp(x / alpha) - 1))."""
    _fn = F.celu


class Sigmoid(_Stateless):
    """1 / (1 + exp(-x))."""
    _fn = F.sigmoid


class Tanh(_Stateless):
    """tanh(x)."""
    _fn = F.tanh


class LogSigmoid(_Stateless):
    """log(sigmoid(x))."""
    _fn = F.logsigmoid


class Softsign(_Stateless):
    """x / (1 + |x|)."""
    _fn = F.softsign


class Tanhshrink(_Stateless):
    """x - tanh(x)."""
    _fn = F.tanhshrink


class Softplus(Module):
    """log(1 + exp(beta x)) / beta, x itself where beta x > threshold."""

    def __init__(self, beta=1.0, threshold=20.0):
        super().__init__()
        self.beta, self.threshold = beta, threshold

    def forward(self, input):
        return F.softplus(input, self.beta, self.threshold)

    def extra_repr(self):
        return "beta={}, threshold={}".format(self.beta, self.threshold)


class Softshrink(Module):
    """x - lambd where x > lambd, x + lambd where x < -lambd, 0 elsewhere."""

    _fn = F.softshrink

    def __init__(self, lambd=0.5):
        super().__init__()
        self.lambd = lambd

    def forward(self, input):
        return type(self)._fn(input, self.lambd)

    def extra_repr(self):
        return str(self.lambd)


class Hardshrink(Softshrink):
    """x where |x| > lambd, 0 elsewhere."""
    _fn = F.hardshrink


class GELU(Module):
    """x * Phi(x) (approximate='tanh': the tanh formula)."""

    def __init__(self, approximate="none"):
        super().__init__()
        self.approximate = approximate

    def forward(self, input):
        return F.gelu(input, approximate=self.approximate)

    def extra_repr(self):
        return "approximate={}".format(repr(self.approximate))


class _DimSoftmax(Module):
    """softmax-like along dim: forward is `_fn(input, dim)`."""

    _fn = None

    def __init__(self, dim=None):
        super().__init__()
        self.dim = dim

    def forward(self, input):
        return type(self)._fn(input, self.dim, _stacklevel=5)

    def extra_repr(self):
        return "dim={dim}".format(dim=self.dim)

    def __setstate__(self, state):
        super().__setstate__(state)
        if not hasattr(self, "dim"):  # pickles of old versions lack dim
            self.dim = None


class Softmax(_DimSoftmax):
    """exp(x) / sum(exp(x)) along dim."""
    _fn = F.softmax


class LogSoftmax(_DimSoftmax):
    """log(softmax(x)) along dim."""
    _fn = F.log_softmax


class Softmin(_DimSoftmax):
    """softmax(-x) along dim."""
    _fn = F.softmin


class Softmax2d(Module):
    """softmax over the channels of (N, C, H, W) or (C, H, W) input, at each location."""

    def forward(self, input):
        if input.dim() not in (3, 4):
            raise ValueError("Softmax2d: expected input to be 3D or 4D, got %dD instead" % input.dim())
        return F.softmax(input, -3)


class GLU(Module):
    """a * sigmoid(b), a and b the halves of the input along dim."""

    def __init__(self, dim=-1):
        super().__init__()
        self.dim = dim

    def forward(self, input):
        return glu(input, self.dim)

    def extra_repr(self):
        return "dim={}".format(self.dim)


class PReLU(Module):
    """x where x > 0, a * x elsewhere; a learned (num_parameters of them, initialised to init)."""

    def __init__(self, num_parameters=1, init=0.25, device=None, dtype=None):
        self.num_parameters = num_parameters
        super().__init__()
        self.init = init
        self.weight = Parameter(empty(num_parameters, dtype=_factory(device, dtype)))
        self.reset_parameters()

    def reset_parameters(self):
        init.constant_(self.weight, self.init)

    def forward(self, input):
        return F.prelu(input, self.weight)

    def extra_repr(self):
        return "num_parameters={}".format(self.num_parameters)


class RReLU(Module):
    """Randomized leaky ReLU: negative x times a slope drawn from U(lower, upper) per element in
    training, times (lower + upper) / 2 in evaluation."""

    def __init__(self, lower=1.0 / 8, upper=1.0 / 3, inplace=False):
        super().__init__()
        self.lower, self.upper, self.inplace = lower, upper, inplace

    def forward(self, input):
        return rrelu(input, self.lower, self.upper, self.training, self.inplace)

    def extra_repr(self):
        return "lower={}, upper={}{}".format(self.lower, self.upper, _inplace(self.inplace))
