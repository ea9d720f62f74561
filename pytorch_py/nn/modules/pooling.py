"""Pooling modules (layer: nn): max / average / power-average / adaptive pooling in 1, 2 and 3
dims, max unpooling and fractional max pooling, with PyTorch's attributes and reprs."""
from .. import functional as F
from .._args import _ntuple
from .module import Module

__all__ = ["MaxPool1d", "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d", "LPPool1d", "LPPool2d",
           "LPPool3d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AdaptiveMaxPool3d", "AdaptiveAvgPool1d",
           "AdaptiveAvgPool2d", "AdaptiveAvgPool3d", "MaxUnpool1d", "MaxUnpool2d", "MaxUnpool3d",
           "FractionalMaxPool2d", "FractionalMaxPool3d"]


class _MaxPoolNd(Module):
    """Max pooling over kernel_size windows (stride defaults to kernel_size); return_indices makes
    forward return (output, indices)."""

    def __init__(self, kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False):
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if stride is not None else kernel_size
        self.padding, self.dilation = padding, dilation
        self.return_indices, self.ceil_mode = return_indices, ceil_mode

    def forward(self, input):
        return self._functional(input, self.kernel_size, self.stride, self.padding, self.dilation,
                                ceil_mode=self.ceil_mode, return_indices=self.return_indices)

    def extra_repr(self):
        return "kernel_size={kernel_size}, stride={stride}, padding={padding}, dilation={dilation}, " \
               "ceil_mode={ceil_mode}".format(**self.__dict__)


class MaxPool1d(_MaxPoolNd):
    """Max pooling of (N, C, L) or (C, L)."""

    _functional = staticmethod(lambda *a, **k: F.max_pool1d(*a, **k))


class MaxPool2d(_MaxPoolNd):
    """Max pooling of (N, C, H, W) or (C, H, W)."""

    _functional = staticmethod(lambda *a, **k: F.max_pool2d(*a, **k))


class MaxPool3d(_MaxPoolNd):
    """Max pooling of (N, C, T, H, W) or (C, T, H, W)."""

    _functional = staticmethod(lambda *a, **k: F.max_pool3d(*a, **k))


class _AvgPoolNd(Module):
    def __init__(self, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
                 divisor_override=None):
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if stride is not None else kernel_size
        self.padding, self.ceil_mode = padding, ceil_mode
        self.count_include_pad, self.divisor_override = count_include_pad, divisor_override

    def forward(self, input):
        return self._functional(input, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                                self.count_include_pad, self.divisor_override)

    def extra_repr(self):
        return "kernel_size={}, stride={}, padding={}".format(self.kernel_size, self.stride, self.padding)


class AvgPool1d(_AvgPoolNd):
    """Average pooling of (N, C, L) or (C, L) (sizes kept as 1-tuples, as PyTorch does; no
    divisor_override)."""

    def __init__(self, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
        Module.__init__(self)
        self.kernel_size = _ntuple(kernel_size, 1, "AvgPool1d", "kernel_size")
        self.stride = _ntuple(stride if stride is not None else kernel_size, 1, "AvgPool1d", "stride")
        self.padding = _ntuple(padding, 1, "AvgPool1d", "padding")
        self.ceil_mode, self.count_include_pad = ceil_mode, count_include_pad

    def forward(self, input):
        return F.avg_pool1d(input, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                            self.count_include_pad)


class AvgPool2d(_AvgPoolNd):
    """Average pooling of (N, C, H, W) or (C, H, W)."""

    _functional = staticmethod(lambda *a: F.avg_pool2d(*a))


class AvgPool3d(_AvgPoolNd):
    """Average pooling of (N, C, T, H, W) or (C, T, H, W)."""

    _functional = staticmethod(lambda *a: F.avg_pool3d(*a))


class _LPPoolNd(Module):
    """(sum over each window of x ** norm_type) ** (1 / norm_type)."""

    def __init__(self, norm_type, kernel_size, stride=None, ceil_mode=False):
        super().__init__()
        self.norm_type, self.kernel_size, self.stride, self.ceil_mode = norm_type, kernel_size, stride, ceil_mode

    def forward(self, input):
        return self._functional(input, float(self.norm_type), self.kernel_size, self.stride, self.ceil_mode)

    def extra_repr(self):
        return "norm_type={norm_type}, kernel_size={kernel_size}, stride={stride}, " \
               "ceil_mode={ceil_mode}".format(**self.__dict__)


class LPPool1d(_LPPoolNd):
    _functional = staticmethod(lambda *a: F.lp_pool1d(*a))


class LPPool2d(_LPPoolNd):
    _functional = staticmethod(lambda *a: F.lp_pool2d(*a))


class LPPool3d(_LPPoolNd):
    _functional = staticmethod(lambda *a: F.lp_pool3d(*a))


class _AdaptivePoolNd(Module):
    """Pooling to a fixed output_size (None entries keep the input's size)."""

    def __init__(self, output_size):
        super().__init__()
        self.output_size = output_size

    def forward(self, input):
        return self._functional(input, self.output_size)

    def extra_repr(self):
        return "output_size={}".format(self.output_size)


class _AdaptiveMaxPoolNd(_AdaptivePoolNd):
    """Max pooling to a fixed output_size; return_indices makes forward return (output, indices)."""

    def __init__(self, output_size, return_indices=False):
        super().__init__(output_size)
        self.return_indices = return_indices

    def forward(self, input):
        return self._functional(input, self.output_size, self.return_indices)


class AdaptiveMaxPool1d(_AdaptiveMaxPoolNd):
    _functional = staticmethod(lambda *a: F.adaptive_max_pool1d(*a))


class AdaptiveMaxPool2d(_AdaptiveMaxPoolNd):
    _functional = staticmethod(lambda *a: F.adaptive_max_pool2d(*a))


class AdaptiveMaxPool3d(_AdaptiveMaxPoolNd):
    _functional = staticmethod(lambda *a: F.adaptive_max_pool3d(*a))


class _AdaptiveAvgPoolNd(_AdaptivePoolNd):
    """Average pooling to a fixed output_size (None entries keep the input's size)."""


class AdaptiveAvgPool1d(_AdaptiveAvgPoolNd):
    _functional = staticmethod(lambda *a: F.adaptive_avg_pool1d(*a))


class AdaptiveAvgPool2d(_AdaptiveAvgPoolNd):
    _functional = staticmethod(lambda *a: F.adaptive_avg_pool2d(*a))


class AdaptiveAvgPool3d(_AdaptiveAvgPoolNd):
    _functional = staticmethod(lambda *a: F.adaptive_avg_pool3d(*a))


class _MaxUnpoolNd(Module):
    """The partial inverse of max pooling: forward(input, indices, output_size=None)."""

    _nd = 0

    def __init__(self, kernel_size, stride=None, padding=0):
        super().__init__()
        name, nd = type(self).__name__, self._nd
        self.kernel_size = _ntuple(kernel_size, nd, name, "kernel_size")
        self.stride = _ntuple(stride if stride is not None else kernel_size, nd, name, "stride")
        self.padding = _ntuple(padding, nd, name, "padding")

    def forward(self, input, indices, output_size=None):
        return self._functional(input, indices, self.kernel_size, self.stride, self.padding, output_size)

    def extra_repr(self):
        return "kernel_size={}, stride={}, padding={}".format(self.kernel_size, self.stride, self.padding)


class MaxUnpool1d(_MaxUnpoolNd):
    _nd = 1
    _functional = staticmethod(lambda *a: F.max_unpool1d(*a))


class MaxUnpool2d(_MaxUnpoolNd):
    _nd = 2
    _functional = staticmethod(lambda *a: F.max_unpool2d(*a))


class MaxUnpool3d(_MaxUnpoolNd):
    _nd = 3
    _functional = staticmethod(lambda *a: F.max_unpool3d(*a))


class _FractionalMaxPoolNd(Module):
    """Fractional max pooling: kernel_size windows at random increasing starts giving output_size
    (or floor(input size * output_ratio)) cells; new random starts at each call unless
    _random_samples (N, C, nd) is given."""

    _nd = 2

    def __init__(self, kernel_size, output_size=None, output_ratio=None, return_indices=False,
                 _random_samples=None):
        super().__init__()
        name, nd = type(self).__name__, self._nd
        self.kernel_size = _ntuple(kernel_size, nd, name, "kernel_size")
        self.return_indices = return_indices
        self.register_buffer("_random_samples", _random_samples)
        self.output_size = _ntuple(output_size, nd, name, "output_size") if output_size is not None else None
        self.output_ratio = (output_ratio,) * nd if isinstance(output_ratio, (int, float)) else output_ratio
        if output_size is None and output_ratio is None:
            raise ValueError("%s requires specifying either an output size, or a pooling ratio" % name)
        if output_size is not None and output_ratio is not None:
            raise ValueError("only one of output_size and output_ratio may be specified")
        if self.output_ratio is not None and not all(0 < r < 1 for r in self.output_ratio):
            raise ValueError("output_ratio must be between 0 and 1 (got {})".format(output_ratio))

    def forward(self, input):
        return self._functional(input, self.kernel_size, self.output_size, self.output_ratio,
                                self.return_indices, _random_samples=self._random_samples)


class FractionalMaxPool2d(_FractionalMaxPoolNd):
    """Fractional max pooling over (H, W) of (N, C, H, W) or (C, H, W)."""

    _nd = 2
    _functional = staticmethod(lambda *a, **k: F.fractional_max_pool2d(*a, **k))


class FractionalMaxPool3d(_FractionalMaxPoolNd):
    """Fractional max pooling over (T, H, W) of (N, C, T, H, W) or (C, T, H, W)."""

    _nd = 3
    _functional = staticmethod(lambda *a, **k: F.fractional_max_pool3d(*a, **k))
