"""Convolution modules (layer: nn): Conv1d/2d/3d and ConvTranspose1d/2d/3d over a shared _ConvNd
holding PyTorch's attributes (in_channels, out_channels, kernel_size, stride, padding, dilation,
transposed, output_padding, groups, padding_mode) and its default initialisation."""
import math

from .. import functional as F
from .. import init
from .._args import _ntuple
from .linear import _affine_params, _factory
from .module import Module, _shape_error

__all__ = ["Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d"]

_PADDING_MODES = ("zeros", "reflect", "replicate", "circular")


class _ConvNd(Module):
    """Shared state of the convolutions: weight (out, in / groups, *k), or (in, out / groups, *k)
    when transposed, ~ kaiming_uniform_(a=sqrt(5)); bias U(-1/sqrt(fan_in), 1/sqrt(fan_in))."""

    _nd = 0

    def __init__(self, in_channels, out_channels, kernel_size, stride, padding, dilation, transposed, output_padding,
                 groups, bias, padding_mode, device=None, dtype=None):
        super().__init__()
        name = type(self).__name__
        if groups <= 0:
            raise ValueError("groups must be a positive integer")
        if in_channels % groups != 0:
            raise ValueError("in_channels must be divisible by groups")
        if out_channels % groups != 0:
            raise ValueError("out_channels must be divisible by groups")
        if padding_mode not in _PADDING_MODES:
            raise ValueError("padding_mode must be one of %s, but got padding_mode='%s'"
                             % (list(_PADDING_MODES), padding_mode))
        nd = self._nd
        self.in_channels, self.out_channels = in_channels, out_channels
        self.kernel_size = _ntuple(kernel_size, nd, name, "kernel_size")
        self.stride = _ntuple(stride, nd, name, "stride")
        self.dilation = _ntuple(dilation, nd, name, "dilation")
        if isinstance(padding, str):
            if padding not in ("same", "valid"):
                raise ValueError("Invalid padding string '%s', should be one of {'valid', 'same'}" % padding)
            if padding == "same" and any(s != 1 for s in self.stride):
                raise ValueError("padding='same' is not supported for strided convolutions")
            self.padding = padding
        else:
            self.padding = _ntuple(padding, nd, name, "padding")
        self.transposed = transposed
        self.output_padding = _ntuple(output_padding, nd, name, "output_padding")
        self.groups = groups
        self.padding_mode = padding_mode
        self._reversed_padding_repeated_twice = self._reversed_padding()
        dt = _factory(device, dtype)
        shape = (in_channels, out_channels // groups) if transposed else (out_channels, in_channels // groups)
        _affine_params(self, shape + self.kernel_size, out_channels if bias else None, dt)
        self.reset_parameters()

    def _reversed_padding(self):
        """F.pad's widths (last dim first, (left, right) each) for a non-'zeros' padding_mode."""
        out = []
        for k, d, i in zip(reversed(self.kernel_size), reversed(self.dilation), reversed(range(self._nd))):
            if self.padding == "valid":
                lo = hi = 0
            elif self.padding == "same":
                total = d * (k - 1)
                lo, hi = total // 2, total - total // 2
            else:
                lo = hi = self.padding[i]
            out += [lo, hi]
        return out

    def reset_parameters(self):
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            if fan_in != 0:
                bound = 1 / math.sqrt(fan_in)
                init.uniform_(self.bias, -bound, bound)

    def extra_repr(self):
        s = "{in_channels}, {out_channels}, kernel_size={kernel_size}, stride={stride}"
        if self.padding != (0,) * len(self.padding):
            s += ", padding={padding}"
        if self.dilation != (1,) * len(self.dilation):
            s += ", dilation={dilation}"
        if self.output_padding != (0,) * len(self.output_padding):
            s += ", output_padding={output_padding}"
        if self.groups != 1:
            s += ", groups={groups}"
        if self.bias is None:
            s += ", bias=False"
        if self.padding_mode != "zeros":
            s += ", padding_mode={padding_mode}"
        return s.format(**self.__dict__)

    def _conv_forward(self, input, weight, bias):
        fn = self._functional
        if self.padding_mode != "zeros":
            input = F.pad(input, self._reversed_padding_repeated_twice, mode=self.padding_mode)
            return fn(input, weight, bias, self.stride, 0, self.dilation, self.groups)
        return fn(input, weight, bias, self.stride, self.padding, self.dilation, self.groups)

    def _check_input(self, input):
        """Refuses an input of the wrong rank or channel count, naming the module and in_channels."""
        nd = self._nd
        shape = getattr(input, "_shape", None)
        if shape is None or len(shape) not in (nd + 1, nd + 2) or shape[-nd - 1] != self.in_channels:
            raise _shape_error(self, "a %d-d (unbatched) or %d-d (batched) input with %d channels (in_channels) in "
                               "dim %d" % (nd + 1, nd + 2, self.in_channels, -nd - 1), input)

    def forward(self, input):
        self._check_input(input)
        return self._conv_forward(input, self.weight, self.bias)


class _ConvPublic(_ConvNd):
    """PyTorch's constructor of Conv1d/2d/3d (which differ only in _nd and _functional)."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True,
                 padding_mode="zeros", device=None, dtype=None):
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation, False, 0, groups, bias,
                         padding_mode, device, dtype)


class Conv1d(_ConvPublic):
    """1-d convolution over (N, C_in, L) or (C_in, L): weight (out, in / groups, k)."""

    _nd = 1
    _functional = staticmethod(lambda *a: F.conv1d(*a))


class Conv2d(_ConvPublic):
    """2-d convolution over (N, C_in, H, W) or (C_in, H, W): weight (out, in / groups, kH, kW)."""

    _nd = 2
    _functional = staticmethod(lambda *a: F.conv2d(*a))


class Conv3d(_ConvPublic):
    """3-d convolution over (N, C_in, T, H, W) or (C_in, T, H, W): weight (out, in / groups, kT, kH, kW)."""

    _nd = 3
    _functional = staticmethod(lambda *a: F.conv3d(*a))


class _ConvTransposeNd(_ConvNd):
    def __init__(self, in_channels, out_channels, kernel_size, stride, padding, output_padding, groups, bias,
                 dilation, padding_mode, device=None, dtype=None):
        if padding_mode != "zeros":
            raise ValueError('Only "zeros" padding mode is supported for %s' % type(self).__name__)
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation, True, output_padding,
                         groups, bias, padding_mode, device, dtype)

    def _output_padding(self, input, output_size):
        """output_padding for a requested output_size (its last nd entries), else the attribute."""
        if output_size is None:
            return self.output_padding
        nd = self._nd
        size = [int(s) for s in output_size][-nd:]
        if len(size) != nd:
            raise ValueError("%s: output_size must have %d or %d elements (got %d)"
                             % (type(self).__name__, nd, nd + 2, len(output_size)))
        out = []
        for i in range(nd):
            least = (input.shape[input.dim() - nd + i] - 1) * self.stride[i] - 2 * self.padding[i] \
                + self.dilation[i] * (self.kernel_size[i] - 1) + 1
            if not least <= size[i] < least + max(self.stride[i], self.dilation[i]):
                raise ValueError("requested an output size of %s, but valid sizes range from %d to %d (for an input "
                                 "of %s)" % (size, least, least + max(self.stride[i], self.dilation[i]) - 1,
                                             list(input.shape[2:])))
            out.append(size[i] - least)
        return tuple(out)

    def forward(self, input, output_size=None):
        self._check_input(input)
        op = self._output_padding(input, output_size)
        return self._functional(input, self.weight, self.bias, self.stride, self.padding, op, self.groups,
                                self.dilation)


class _ConvTransposePublic(_ConvTransposeNd):
    """PyTorch's constructor of ConvTranspose1d/2d/3d (which differ only in _nd and _functional)."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1,
                 bias=True, dilation=1, padding_mode="zeros", device=None, dtype=None):
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, output_padding, groups, bias,
                         dilation, padding_mode, device, dtype)


class ConvTranspose1d(_ConvTransposePublic):
    """Transposed 1-d convolution: weight (in, out / groups, k)."""

    _nd = 1
    _functional = staticmethod(lambda *a: F.conv_transpose1d(*a))


class ConvTranspose2d(_ConvTransposePublic):
    """Transposed 2-d convolution: weight (in, out / groups, kH, kW)."""

    _nd = 2
    _functional = staticmethod(lambda *a: F.conv_transpose2d(*a))


class ConvTranspose3d(_ConvTransposePublic):
    """Transposed 3-d convolution: weight (in, out / groups, kT, kH, kW)."""

    _nd = 3
    _functional = staticmethod(lambda *a: F.conv_transpose3d(*a))
