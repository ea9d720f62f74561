"""Derivative formulas of module functions (torch.linalg.*, torch.chain_matmul) (layer: autograd).

Tensor methods get their formulas through formulas.deriv; a module function of the same name
(linalg.svd next to Tensor.svd) cannot, so `module_deriv(module, names, node, inputs=...)`
registers a formula fn(c, g) for functions looked up on `module`, and `install_module_functions`
replaces each with its recording wrapper (once; the torch.* forms are made after autograd is
installed, so they pick the wrappers up).
"""
from ._record import Spec, differentiable

MODULE_SPECS = []  # (module, name, node class name, formula, spec kwargs)


def module_deriv(module, names, node, inputs=("A",), save=(), save_out=False, multi=False, composite_if=None,
                 list_input=None):
    """Registers formula fn for the space-separated function names of module (arguments as
    formulas.deriv's; the node class is named `node`)."""
    def deco(fn):
        for name in names.split():
            MODULE_SPECS.append((module, name, node, fn, dict(inputs=inputs, save=save, save_out=save_out,
                                                              multi=multi, composite_if=composite_if,
                                                              list_input=list_input)))
        return fn
    return deco


def _spec(node, fn, kw):
    spec = Spec(node, fn, kw["inputs"], kw["save"], kw["save_out"], False, kw["multi"], kw["composite_if"],
                kw["list_input"])
    spec.extra = None
    spec.method_name = None
    return spec


def install_module_functions():
    """Wraps every registered module function that exists (idempotent)."""
    for module, name, node, fn, kw in MODULE_SPECS:
        raw = getattr(module, name, None)
        if raw is None or getattr(raw, "_autograd_wrapped", False):
            continue
        w = differentiable(raw, _spec(node, fn, kw))
        w._autograd_wrapped = True
        setattr(module, name, w)
