"""Linear maps (layer: nn): Identity, Linear and Bilinear, PyTorch's parameters and initialisation.

Linear and Bilinear check their input's feature dims themselves, so a wrong shape names the
module and the size it expected (the call path stays one shape comparison long)."""
import math

from ... import _dtype as D
from ..._creation import empty
from .. import functional as F
from .. import init
from ..parameter import Parameter
from .module import Module, _shape_error

__all__ = ["Identity", "Linear", "Bilinear"]


def _factory(device=None, dtype=None):
    """The dtype of a module's new parameters: dtype, else the default one (CPU only)."""
    return dtype if dtype is not None else D.get_default_dtype()


def _affine_params(module, weight_shape, bias_size, dt):
    """Registers module.weight (weight_shape) and module.bias (bias_size elements) as uninitialised
    Parameters; a None shape or size registers None instead (PyTorch's register_parameter(name,
    None): the slot still shows in the module)."""
    if weight_shape is None:
        module.register_parameter("weight", None)
    else:
        module.weight = Parameter(empty(*weight_shape, dtype=dt))
    if bias_size is None:
        module.register_parameter("bias", None)
    else:
        module.bias = Parameter(empty(bias_size, dtype=dt))


def _last_dim_is(input, size):
    shape = getattr(input, "_shape", None)
    return shape is None or (len(shape) > 0 and shape[-1] == size)  # non-tensors: left to the functional


class Identity(Module):
    """Returns its input (accepts and ignores any constructor arguments)."""

    def __init__(self, *args, **kwargs):
        super().__init__()

    def forward(self, input):
        return input


class Linear(Module):
    """y = x W^T + b with W (out_features, in_features) ~ kaiming_uniform_(a=sqrt(5)) and b ~
    U(-1/sqrt(in_features), 1/sqrt(in_features)), PyTorch's default initialisation."""

    def __init__(self, in_features, out_features, bias=True, device=None, dtype=None):
        super().__init__()
        dt = _factory(device, dtype)
        self.in_features = in_features
        self.out_features = out_features
        _affine_params(self, (out_features, in_features), out_features if bias else None, dt)
        self.reset_parameters()

    def reset_parameters(self):
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input):
        if not _last_dim_is(input, self.in_features):
            raise _shape_error(self, "input with last dimension %d (in_features)" % self.in_features, input)
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self):
        return "in_features=%d, out_features=%d, bias=%s" % (self.in_features, self.out_features,
                                                             self.bias is not None)


class Bilinear(Module):
    """y = x1^T W x2 + b with W (out_features, in1_features, in2_features) and b (out_features),
    both ~ U(-1/sqrt(in1_features), 1/sqrt(in1_features)) (PyTorch's initialisation)."""

    def __init__(self, in1_features, in2_features, out_features, bias=True, device=None, dtype=None):
        super().__init__()
        dt = _factory(device, dtype)
        self.in1_features, self.in2_features, self.out_features = in1_features, in2_features, out_features
        _affine_params(self, (out_features, in1_features, in2_features), out_features if bias else None, dt)
        self.reset_parameters()

    def reset_parameters(self):
        bound = 1 / math.sqrt(self.weight.size(1))
        init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input1, input2):
        if not _last_dim_is(input1, self.in1_features):
            raise _shape_error(self, "input1 with last dimension %d (in1_features)" % self.in1_features, input1)
        if not _last_dim_is(input2, self.in2_features):
            raise _shape_error(self, "input2 with last dimension %d (in2_features)" % self.in2_features, input2)
        return F.bilinear(input1, input2, self.weight, self.bias)

    def extra_repr(self):
        return "in1_features={}, in2_features={}, out_features={}, bias={}".format(
            self.in1_features, self.in2_features, self.out_features, self.bias is not None)
