"""Normalisation modules (layer: nn): batch, instance, layer and group normalisation, local
response normalisation.  Parameters, buffers, defaults and reprs are PyTorch's; a wrong input
shape names the module and the channel count (num_features) it expected."""
import numbers
import warnings

from ... import _dtype as D
from ..._creation import ones, tensor, zeros
from ...autograd import no_grad
from .. import functional as F
from .. import init
from .._functional_norm import _cross_map_lrn2d, group_norm, instance_norm, local_response_norm
from ..parameter import Parameter
from .linear import _affine_params, _factory
from .module import Module, _shape_error

__all__ = ["BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d",
           "LayerNorm", "GroupNorm", "LocalResponseNorm", "CrossMapLRN2d"]


def _check_dims(module, input, dims):
    """ValueError unless input has one of the dims counts (PyTorch's "expected 4D input" text)."""
    if input.dim() not in dims:
        raise ValueError("%s: expected %s input (got %dD input)"
                         % (module._get_name(), " or ".join("%dD" % d for d in dims), input.dim()))


def _check_channels(module, input, c, dim=1):
    if input._shape[dim] != c:
        raise _shape_error(module, "input with %d channels (num_features) in dim %d" % (c, dim), input)


class _NormBase(Module):
    """The parameters (weight, bias: num_features each when affine) and running statistics
    (running_mean, running_var, num_batches_tracked when track_running_stats) shared by the batch
    and instance norms."""

    _version = 2

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True, device=None,
                 dtype=None, bias=True):
        super().__init__()
        dt = _factory(device, dtype)
        self.num_features, self.eps, self.momentum = num_features, eps, momentum
        self.affine, self.track_running_stats = affine, track_running_stats
        _affine_params(self, (num_features,) if affine else None, num_features if affine and bias else None, dt)
        if track_running_stats:
            self.register_buffer("running_mean", zeros(num_features, dtype=dt))
            self.register_buffer("running_var", ones(num_features, dtype=dt))
            self.register_buffer("num_batches_tracked", tensor(0, dtype=D.int64))
        else:
            self.register_buffer("running_mean", None)
            self.register_buffer("running_var", None)
            self.register_buffer("num_batches_tracked", None)
        self.reset_parameters()

    def reset_running_stats(self):
        if self.track_running_stats:
            self.running_mean.zero_()
            self.running_var.fill_(1)
            self.num_batches_tracked.zero_()

    def reset_parameters(self):
        self.reset_running_stats()
        if self.affine:
            init.ones_(self.weight)
            if self.bias is not None:
                init.zeros_(self.bias)

    def extra_repr(self):
        # the layout of PyTorch 2.x (which prints bias= since the norms took a bias argument)
        return "{num_features}, eps={eps}, momentum={momentum}, affine={affine}, bias={use_bias}, " \
               "track_running_stats={track_running_stats}".format(**self.__dict__, use_bias=self.bias is not None)

    def _load_from_state_dict(self, state_dict, prefix, local_metadata, strict, missing_keys, unexpected_keys,
                              error_msgs):
        version = local_metadata.get("version", None)
        if (version is None or version < 2) and self.track_running_stats:
            key = prefix + "num_batches_tracked"
            if key not in state_dict:  # checkpoints from before the counter existed
                state_dict[key] = tensor(0, dtype=D.int64)
        super()._load_from_state_dict(state_dict, prefix, local_metadata, strict, missing_keys, unexpected_keys,
                                      error_msgs)


class _BatchNorm(_NormBase):
    """Batch normalisation over every dim but the channels (dim 1); `_dims` lists the accepted
    input dims counts."""

    _dims = ()

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True, device=None,
                 dtype=None, *, bias=True):
        super().__init__(num_features, eps, momentum, affine, track_running_stats, device, dtype, bias)

    def _check_input_dim(self, input):
        _check_dims(self, input, self._dims)

    def forward(self, input):
        self._check_input_dim(input)
        _check_channels(self, input, self.num_features)
        exponential_average_factor = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats and self.num_batches_tracked is not None:
            with no_grad():
                self.num_batches_tracked.add_(1)
            if self.momentum is None:  # cumulative moving average
                exponential_average_factor = 1.0 / float(self.num_batches_tracked.item())
        bn_training = self.training or (self.running_mean is None and self.running_var is None)
        use_running = not self.training or self.track_running_stats
        return F.batch_norm(input, self.running_mean if use_running else None,
                            self.running_var if use_running else None, self.weight, self.bias, bn_training,
                            exponential_average_factor, self.eps)


class BatchNorm1d(_BatchNorm):
    """Batch normalisation of (N, C) or (N, C, L) inputs."""
    _dims = (2, 3)


class BatchNorm2d(_BatchNorm):
    """Batch normalisation of (N, C, H, W) inputs."""
    _dims = (4,)


class BatchNorm3d(_BatchNorm):
    """Batch normalisation of (N, C, D, H, W) inputs."""
    _dims = (5,)


class _InstanceNorm(_NormBase):
    """Instance normalisation: each (sample, channel) plane normalised over its spatial dims.
    Defaults as PyTorch: no affine parameters, no running statistics (with them, training
    updates them and evaluation uses them).  `_spatial` is the number of spatial dims; an input
    without the batch dim is accepted."""

    _spatial = 0

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=False, track_running_stats=False, device=None,
                 dtype=None):
        super().__init__(num_features, eps, momentum, affine, track_running_stats, device, dtype)

    def _check_input_dim(self, input):
        _check_dims(self, input, (self._spatial + 1, self._spatial + 2))

    def forward(self, input):
        self._check_input_dim(input)
        cdim = input.dim() - self._spatial - 1
        if input._shape[cdim] != self.num_features:
            if self.affine or self.track_running_stats:
                _check_channels(self, input, self.num_features, cdim)
            warnings.warn("input's size at dim={} does not match num_features. You can silence this warning by not "
                          "passing in num_features, which is not used because affine=False".format(cdim))
        unbatched = cdim == 0
        x = input.unsqueeze(0) if unbatched else input
        out = instance_norm(x, self.running_mean, self.running_var, self.weight, self.bias,
                            self.training or not self.track_running_stats,
                            self.momentum if self.momentum is not None else 0.0, self.eps)
        return out.squeeze(0) if unbatched else out


class InstanceNorm1d(_InstanceNorm):
    """Instance normalisation of (N, C, L) or (C, L) inputs."""
    _spatial = 1


class InstanceNorm2d(_InstanceNorm):
    """Instance normalisation of (N, C, H, W) or (C, H, W) inputs."""
    _spatial = 2


class InstanceNorm3d(_InstanceNorm):
    """Instance normalisation of (N, C, D, H, W) or (C, D, H, W) inputs."""
    _spatial = 3


class LayerNorm(Module):
    """Normalisation over the trailing normalized_shape dims, with elementwise weight (ones) and
    bias (zeros) of that shape when elementwise_affine."""

    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True, bias=True, device=None, dtype=None):
        super().__init__()
        if isinstance(normalized_shape, numbers.Integral):
            normalized_shape = (normalized_shape,)
        self.normalized_shape = tuple(normalized_shape)
        self.eps, self.elementwise_affine = eps, elementwise_affine
        dt = _factory(device, dtype)
        if elementwise_affine:
            self.weight = Parameter(ones(*self.normalized_shape, dtype=dt))
            if bias:
                self.bias = Parameter(zeros(*self.normalized_shape, dtype=dt))
            else:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)

    def forward(self, input):
        n = len(self.normalized_shape)
        if tuple(input._shape[input.dim() - n:]) != self.normalized_shape or input.dim() < n:
            raise _shape_error(self, "input with trailing dimensions %s (normalized_shape)"
                               % list(self.normalized_shape), input)
        return F.layer_norm(input, self.normalized_shape, self.weight, self.bias, self.eps)

    def extra_repr(self):
        return "{normalized_shape}, eps={eps}, elementwise_affine={elementwise_affine}, bias={use_bias}".format(
            **self.__dict__, use_bias=self.bias is not None)


class GroupNorm(Module):
    """Normalisation of (N, C, *) inputs over groups of C / num_groups channels, with per-channel
    weight (ones) and bias (zeros) when affine."""

    def __init__(self, num_groups, num_channels, eps=1e-5, affine=True, device=None, dtype=None, bias=True):
        super().__init__()
        if num_channels % num_groups != 0:
            raise ValueError("num_channels must be divisible by num_groups")
        dt = _factory(device, dtype)
        self.num_groups, self.num_channels, self.eps, self.affine = num_groups, num_channels, eps, affine
        _affine_params(self, (num_channels,) if affine else None, num_channels if affine and bias else None, dt)
        self.reset_parameters()

    def reset_parameters(self):
        if self.affine:
            init.ones_(self.weight)
            if self.bias is not None:
                init.zeros_(self.bias)

    def forward(self, input):
        if input.dim() < 2 or input._shape[1] != self.num_channels:
            raise _shape_error(self, "input (N, %d, *) with %d channels (num_channels)"
                               % (self.num_channels, self.num_channels), input)
        return group_norm(input, self.num_groups, self.weight, self.bias, self.eps)

    def extra_repr(self):
        return "{num_groups}, {num_channels}, eps={eps}, affine={affine}, bias={use_bias}".format(
            **self.__dict__, use_bias=self.bias is not None)


class LocalResponseNorm(Module):
    """x / (k + alpha / size * sum of x^2 over size neighbouring channels)^beta."""

    _fn = staticmethod(local_response_norm)

    def __init__(self, size, alpha=1e-4, beta=0.75, k=1.0):
        super().__init__()
        self.size, self.alpha, self.beta, self.k = size, alpha, beta, k

    def forward(self, input):
        return self._fn(input, self.size, self.alpha, self.beta, self.k)

    def extra_repr(self):
        return "{size}, alpha={alpha}, beta={beta}, k={k}".format(**self.__dict__)


class CrossMapLRN2d(LocalResponseNorm):
    """Lua Torch's SpatialCrossMapLRN on (N, C, H, W): local response normalisation over
    (size - 1) // 2 channels either side."""

    _fn = staticmethod(_cross_map_lrn2d)

    def __init__(self, size, alpha=1e-4, beta=0.75, k=1):
        super().__init__(size, alpha, beta, k)
