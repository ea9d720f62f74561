"""The forward pre-hook bookkeeping shared by weight_norm and spectral_norm (layer: nn): one hook
object of a class per parameter name, registered once and removed by name."""


def _check_unhooked(module, hook_cls, name, what):
    """Raises if module already has a hook_cls hook on parameter name (what: 'weight_norm', ...)."""
    for hook in module._forward_pre_hooks.values():
        if isinstance(hook, hook_cls) and hook.name == name:
            raise RuntimeError("Cannot register two %s hooks on the same parameter %s" % (what, name))


def _remove_hook(module, hook_cls, name, what):
    """Undoes the hook_cls hook on parameter name (hook.remove(module), then unregisters it);
    returns module.  ValueError when there is none."""
    for k, hook in list(module._forward_pre_hooks.items()):
        if isinstance(hook, hook_cls) and hook.name == name:
            hook.remove(module)
            del module._forward_pre_hooks[k]
            return module
    raise ValueError("{} of '{}' not found in {}".format(what, name, module))
