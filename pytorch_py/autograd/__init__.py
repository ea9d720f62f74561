"""pytorch_py.autograd: tape-based reverse-mode differentiation (layer: autograd, above the tensor
layer, which never imports it).

Importing this package installs autograd into Tensor (dependency inversion): the differentiable
methods are replaced by wrappers that record a graph node when grad mode is on and an input
requires grad (formulas.py), and Tensor gets requires_grad, grad, grad_fn, is_leaf, backward,
detach, register_hook ... (below).  Tensors that never meet autograd keep `_ag` None, and the
one-call fast path of `a + b` tests only that.
"""
from .. import _dtype as D
from ..tensor import Tensor
from . import formulas, formulas_sort_linalg, graph
from .function import Function, InplaceFunction, once_differentiable
from . import functional  # noqa: F401
from .anomaly_mode import detect_anomaly, is_anomaly_check_nan_enabled, is_anomaly_enabled, set_detect_anomaly  # noqa: F401,E501
from .gradcheck import GradcheckError, gradcheck, gradgradcheck
from .grad_mode import STATE, enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled  # noqa: F401
from .graph import AccumulateGrad, Meta, Node, RemovableHandle, alias, gradient_edge, new_meta, run_backward  # noqa: F401,E501

from . import function  # noqa: F401


# ---------------------------------------------------------------- backward and grad

def _tensors(x):
    if x is None:
        return None
    if isinstance(x, Tensor):
        return [x]
    return list(x)


def _make_grads(outputs, grads, create_graph):
    from .._creation import ones

    out = []
    for i, (o, g) in enumerate(zip(outputs, grads)):
        if g is None:
            if o.numel() != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            if not o._dtype.is_floating_point:
                raise RuntimeError("grad can be implicitly created only for real scalar outputs but got %s"
                                   % o._dtype)
            g = ones(o._shape, dtype=o._dtype)
        else:
            if not isinstance(g, Tensor):
                from .._creation import tensor

                g = tensor(g, dtype=o._dtype)
            if g._shape != o._shape:
                raise RuntimeError("Mismatch in shape: grad_output[%d] has a shape of torch.Size(%s) and output[%d] "
                                   "has a shape of torch.Size(%s)." % (i, list(g._shape), i, list(o._shape)))
            if not create_graph:
                g = g.detach()
        out.append(g)
    return out


def _root_edges(outputs):
    edges = []
    for i, o in enumerate(outputs):
        e = gradient_edge(o)
        if e is None:
            raise RuntimeError("element %d of tensors does not require grad and does not have a grad_fn" % i)
        edges.append(e)
    return edges


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, grad_variables=None, inputs=None):
    """Computes the gradients of tensors w.r.t. the graph leaves and accumulates them into their
    .grad (only into `inputs` when given).  grad_tensors: one gradient per tensor (None allowed
    for scalars)."""
    tensors = _tensors(tensors)
    if grad_tensors is None:
        grad_tensors = grad_variables
    grads = _tensors(grad_tensors) if grad_tensors is not None else [None] * len(tensors)
    if len(grads) != len(tensors):
        raise RuntimeError("backward: expected %d gradients, but got %d" % (len(tensors), len(grads)))
    if retain_graph is None:
        retain_graph = create_graph
    inputs = _tensors(inputs)
    if inputs is not None and not inputs:
        raise RuntimeError("'inputs' argument to backward() cannot be empty.")
    roots = _root_edges(tensors)
    grads = _make_grads(tensors, grads, create_graph)
    run_backward(roots, grads, retain_graph, create_graph, inputs=inputs, accumulate_into_grad=True)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, only_inputs=True,
         allow_unused=None, is_grads_batched=False, materialize_grads=False):
    """The gradients of outputs w.r.t. inputs (a tuple), without touching any .grad."""
    single_input = isinstance(inputs, Tensor)
    outputs = _tensors(outputs)
    inputs = _tensors(inputs)
    if allow_unused is None:
        allow_unused = materialize_grads
    for i, t in enumerate(inputs):
        if not isinstance(t, Tensor):
            raise TypeError("grad: expected tensors as inputs, but got %s" % type(t).__name__)
        if not t.requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    gos = _tensors(grad_outputs) if grad_outputs is not None else [None] * len(outputs)
    if len(gos) != len(outputs):
        raise RuntimeError("grad requires one grad_output per output: got %d and %d" % (len(gos), len(outputs)))
    if retain_graph is None:
        retain_graph = create_graph
    roots = _root_edges(outputs)
    gos = _make_grads(outputs, gos, create_graph)
    res = run_backward(roots, gos, retain_graph, create_graph, inputs=inputs, accumulate_into_grad=False)
    for i, r in enumerate(res):
        if r is None:
            if materialize_grads:
                from .._creation import zeros_like

                res[i] = zeros_like(inputs[i])
            elif not allow_unused:
                raise RuntimeError("One of the differentiated Tensors appears to not have been used in the graph. "
                                   "Set allow_unused=True if this is the desired behavior.")
        elif not create_graph:
            res[i] = r.detach()
    del single_input
    return tuple(res)


# ---------------------------------------------------------------- the Tensor face

def _get_requires_grad(self):
    m = self._ag
    return m is not None and m.requires_grad


def _set_requires_grad(self, value):
    value = bool(value)
    m = self._ag
    if m is not None and m.grad_fn is not None:
        if not value:
            raise RuntimeError("you can only change requires_grad flags of leaf variables. If you want to use a "
                               "computed variable in a subgraph that doesn't require differentiation use "
                               "var_no_grad = var.detach().")
        return
    if value and not self._dtype.is_floating_point:
        raise RuntimeError("only Tensors of floating point and complex dtype can require gradients (got %s)"
                           % self._dtype)
    if m is None:
        if not value:
            return
        m = self._ag = Meta()
    m.requires_grad = value


def requires_grad_(self, requires_grad=True):
    """Sets requires_grad in place (leaves only) and returns self."""
    _set_requires_grad(self, requires_grad)
    return self


def _get_grad(self):
    m = self._ag
    return None if m is None else m.grad


def _set_grad(self, value):
    if value is not None:
        if not isinstance(value, Tensor):
            raise TypeError("assigned grad expected to be a Tensor or None but got grad of type %s"
                            % type(value).__name__)
        if value._shape != self._shape:
            raise RuntimeError("assigned grad has data of a different size")
        if value._dtype is not self._dtype:
            raise RuntimeError("assigned grad has data of a different type")
    m = self._ag
    if m is None:
        if value is None:
            return
        m = self._ag = Meta()
    m.grad = value


def _get_grad_fn(self):
    m = self._ag
    return None if m is None else m.grad_fn


def _is_leaf(self):
    m = self._ag
    return m is None or m.grad_fn is None


def _output_nr(self):
    m = self._ag
    return 0 if m is None else m.output_nr


def _version(self):
    m = self._ag
    return 0 if m is None else m.version[0]


def _get_data(self):
    """A tensor sharing storage with self, outside autograd (its changes are not tracked)."""
    return alias(self)


def _set_data(self, value):
    if not isinstance(value, Tensor):
        raise TypeError("data: expected a Tensor, but got %s" % type(value).__name__)
    if value._dtype is not self._dtype:
        raise RuntimeError("data: expected a tensor of dtype %s, but got %s" % (self._dtype, value._dtype))
    self._bk.run("Tensor_set", self._dtype._index, self._h, value._h)
    self._shape = value._shape


def detach(self):
    """A tensor sharing storage (and the version counter) with self, with no history."""
    t = alias(self)
    t._ag = Meta(False, new_meta(self).version)
    return t


def detach_(self):
    """Detaches self from its graph in place (it becomes a leaf that does not require grad)."""
    m = self._ag
    if m is None:
        return self
    if m.base is not None and m.requires_grad:
        raise RuntimeError("Can't detach views in-place. Use detach() instead.")
    m.grad_fn = None
    m.requires_grad = False
    m.output_nr = 0
    return self


def retain_grad(self):
    """Makes a non-leaf tensor keep its gradient in .grad after backward."""
    m = self._ag
    if m is None or not m.requires_grad:
        raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
    if m.grad_fn is None or m.retains_grad:
        return
    import weakref

    m.grad_fn.hooks().retain[m.output_nr] = weakref.ref(self)
    m.retains_grad = True


def _retains_grad(self):
    m = self._ag
    return m is not None and m.retains_grad


def register_hook(self, hook):
    """hook(grad) runs when the gradient of self is computed; returning a tensor replaces it.
    Returns a handle whose remove() unregisters the hook."""
    m = self._ag
    if m is None or not m.requires_grad:
        raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
    if m.grad_fn is None:
        if m.hooks is None:
            m.hooks = {}
        store = m.hooks
    else:
        store = m.grad_fn.hooks().pre.setdefault(m.output_nr, {})
    h = RemovableHandle(store)
    store[h.id] = hook
    return h


def tensor_backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
    """Accumulates d self / d leaf into each leaf's .grad (gradient: d loss / d self, needed unless
    self has one element)."""
    backward([self], [gradient], retain_graph, create_graph, inputs=inputs)


def _name(self):
    m = self._ag
    return None if m is None else m.name


def _base(self):
    m = self._ag
    return None if m is None else m.base


def _is_view(self):
    return _base(self) is not None


_TENSOR_API = {
    "requires_grad": property(_get_requires_grad, _set_requires_grad),
    "grad": property(_get_grad, _set_grad),
    "grad_fn": property(_get_grad_fn),
    "is_leaf": property(_is_leaf),
    "output_nr": property(_output_nr),
    "_version": property(_version),
    "data": property(_get_data, _set_data),
    "retains_grad": property(_retains_grad),
    "_base": property(_base),
    "name": property(_name),
    "requires_grad_": requires_grad_,
    "detach": detach,
    "detach_": detach_,
    "retain_grad": retain_grad,
    "register_hook": register_hook,
    "backward": tensor_backward,
    "_is_view": _is_view,
}


class _VariableMeta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, Tensor)


class Variable(metaclass=_VariableMeta):
    """Compatibility face of the old Variable: Variable(t, requires_grad=False) returns a Tensor
    sharing t's storage; isinstance(t, Variable) holds for every Tensor."""

    def __new__(cls, data=None, requires_grad=False, volatile=False):
        if data is None:
            from .._creation import empty

            data = empty(0)
        if not isinstance(data, Tensor):
            raise TypeError("Variable data has to be a tensor, but got %s" % type(data).__name__)
        t = alias(data)
        if requires_grad:
            t.requires_grad_(True)
        return t


def _factory(raw):
    """A creation function that also takes requires_grad=."""
    import functools

    @functools.wraps(raw)
    def f(*args, requires_grad=False, **kwargs):
        t = raw(*args, **kwargs)
        if requires_grad:
            t.requires_grad_(True)
        return t
    f._ag_factory = True
    return f


def wrap_factories(namespace):
    """Replaces each function in namespace (a dict, e.g. a module's globals) that has a
    requires_grad parameter by one that honours it."""
    import inspect

    for k, v in list(namespace.items()):
        if k.startswith("_") or not inspect.isfunction(v) or getattr(v, "_ag_factory", False):
            continue
        try:
            params = inspect.signature(v).parameters
        except (TypeError, ValueError):
            continue
        if "requires_grad" in params:
            namespace[k] = _factory(v)


def _install():
    for k, v in _TENSOR_API.items():
        setattr(Tensor, k, v)
    formulas.install()
    formulas_sort_linalg.install_linalg()
    from .. import _creation

    wrap_factories(_creation.__dict__)


_install()

__all__ = ["Function", "InplaceFunction", "once_differentiable", "Variable", "backward", "grad", "gradcheck",
           "gradgradcheck", "GradcheckError", "no_grad", "enable_grad", "set_grad_enabled", "is_grad_enabled",
           "inference_mode", "Node", "graph", "function"]
del D
