"""Layer backends: the registry of device backends.  Imports _C and the dtype/device modules only;
never the Tensor, autograd or nn.

A backend executes TH's primitive operations for one device type on raw handles (no Tensor
objects).  Its interface, which every backend (built-in or plugin) implements:

    name, device                    the device type string and a torch.device for it
    new(op, dt, *args)              runs the `_new`-style primitive `op` for dtype index dt and
                                    returns an owned handle to the tensor it created
    run(op, dt, *args)              runs an in-place / result-first primitive (returns None)
    value(op, dt, *args)            runs a primitive that returns a scalar and returns it
    has(op, dt)                     whether the primitive exists for that dtype
    tensor_from_buffer / copy_to_numpy / data_ptr   moving data in and out of host memory

`op` is TH's name for the operation without the type prefix (e.g. "Tensor_cadd_new",
"Tensor_sumall"), so the set of primitives is TH's documented C API.  Plugins register a backend
through the entry-point group `pytorch_py.backends` (see load_plugins).
"""
import os
import warnings

_registry = {}


def register_backend(name, backend):
    """Makes `backend` serve tensors on devices of type `name` (e.g. 'cpu', 'cuda', a plugin's)."""
    if not isinstance(name, str) or not name:
        raise ValueError("register_backend: expected a non-empty device type name, but got %r" % (name,))
    _registry[name] = backend


def get_backend(device_type):
    """The backend for a device type; RuntimeError naming the known types if there is none."""
    try:
        return _registry[device_type]
    except KeyError:
        raise RuntimeError("device: expected one of the available device types %s, but got '%s'"
                           % (sorted(_registry), device_type)) from None


def available_backends():
    """Names of the registered device types."""
    return sorted(_registry)


def load_plugins():
    """Registers every backend declared under the entry-point group `pytorch_py.backends`, unless
    the environment variable PYTORCH_PY_NO_PLUGINS is set.  A plugin that fails to load is
    skipped with a warning naming it."""
    if os.environ.get("PYTORCH_PY_NO_PLUGINS"):
        return
    from importlib import metadata

    try:
        eps = metadata.entry_points(group="pytorch_py.backends")
    except TypeError:  # Python < 3.10
        eps = metadata.entry_points().get("pytorch_py.backends", [])
    for ep in eps:
        try:
            factory = ep.load()
            register_backend(ep.name, factory() if callable(factory) else factory)
        except Exception as e:  # a broken plugin must not break `import pytorch_py`
            warnings.warn("pytorch_py: backend plugin '%s' failed to load: %s" % (ep.name, e))


from .cpu import CPU  # noqa: E402

register_backend("cpu", CPU)
