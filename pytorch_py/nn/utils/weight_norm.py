"""Weight normalisation (layer: nn): weight = g * v / ||v||, recomputed from the parameters
<name>_g and <name>_v by a forward pre-hook (PyTorch's names and hook protocol)."""
from ..parameter import Parameter
from ._hooks import _check_unhooked, _remove_hook

__all__ = ["WeightNorm", "weight_norm", "remove_weight_norm"]


def _norm_except_dim(v, dim):
    """The 2-norm of v over every dim but dim, shaped to broadcast against v (dim -1: the whole norm)."""
    if dim == -1:
        return v.norm()
    dim = dim % v.dim()
    others = tuple(d for d in range(v.dim()) if d != dim)
    if not others:
        return v.abs()
    return (v * v).sum(others, keepdim=True).sqrt()


class WeightNorm:
    """The forward pre-hook of weight_norm: sets module.<name> from <name>_g and <name>_v."""

    def __init__(self, name, dim):
        self.name = name
        self.dim = -1 if dim is None else dim

    def compute_weight(self, module):
        g = getattr(module, self.name + "_g")
        v = getattr(module, self.name + "_v")
        return v * (g / _norm_except_dim(v, self.dim))

    @staticmethod
    def apply(module, name, dim):
        _check_unhooked(module, WeightNorm, name, "weight_norm")
        fn = WeightNorm(name, dim)
        weight = getattr(module, name, None)
        if not isinstance(weight, Parameter):
            raise ValueError("weight_norm: expected module to have a parameter named %r, but it has none" % name)
        del module._parameters[name]
        module.register_parameter(name + "_g", Parameter(_norm_except_dim(weight, fn.dim).detach().clone()))
        module.register_parameter(name + "_v", Parameter(weight.detach().clone()))
        setattr(module, name, fn.compute_weight(module))
        module.register_forward_pre_hook(fn)
        return fn

    def remove(self, module):
        weight = self.compute_weight(module)
        delattr(module, self.name)
        del module._parameters[self.name + "_g"]
        del module._parameters[self.name + "_v"]
        setattr(module, self.name, Parameter(weight.detach()))

    def __call__(self, module, inputs):
        setattr(module, self.name, self.compute_weight(module))


def weight_norm(module, name="weight", dim=0):
    """Reparameterises module.<name> as g * v / ||v|| (norm over every dim but dim; dim None: the
    whole tensor) with parameters <name>_g (the norms) and <name>_v (the direction); the weight
    is recomputed before every forward.  Returns module."""
    WeightNorm.apply(module, name, dim)
    return module


def remove_weight_norm(module, name="weight"):
    """Undoes weight_norm: module.<name> becomes a plain Parameter holding the current weight."""
    return _remove_hook(module, WeightNorm, name, "weight_norm")
