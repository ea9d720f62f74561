"""Recording: the wrappers autograd installs over the Tensor methods (layer: autograd).

`differentiable(raw, spec)` returns a function that calls `raw` directly unless grad mode is on
and an input requires grad; then it runs `raw` with grad mode off (so the operations it is built
from record nothing), and gives each floating output a Meta whose grad_fn is a new node of the
spec's class.  The node keeps a context `c` whose attributes are raw's bound arguments: tensors
named in spec.save are kept (and their versions checked when the node runs), other tensors are
replaced by a `Ghost` holding only their shape and dtype.

`inplace(raw, functional)` does the same for in-place methods: it checks the leaf rule, bumps
the version counter (shared with views), and when recording computes the new value with the
differentiable out-of-place `functional` and makes it the tensor's history (rebasing the base of
a view through a CopySlices node).
"""
import inspect

from .. import _dtype as D
from ..tensor import Tensor
from .grad_mode import STATE
from .graph import Meta, Node, gradient_edge, new_meta

_new = object.__new__


class Ghost:
    """What a formula sees of an input tensor it did not save: shape and dtype only."""

    __slots__ = ("_shape", "_dtype")

    def __init__(self, t):
        self._shape = t._shape
        self._dtype = t._dtype

    @property
    def shape(self):
        return self._shape

    @property
    def dtype(self):
        return self._dtype

    def dim(self):
        return len(self._shape)

    def numel(self):
        n = 1
        for s in self._shape:
            n *= s
        return n

    def size(self, d=None):
        return self._shape if d is None else self._shape[d]


class Ctx:
    """Bound arguments of a recorded call, as attributes (see the module docstring)."""


class OpNode(Node):
    """A node made by `differentiable`: class attributes fn (the formula), inputs (argument names
    whose gradients it returns), multi (formula gets every output gradient)."""

    fn = None
    multi = False
    layout = ()

    def apply(self, grads):
        self.check_saved()
        if self.multi:
            for i, g in enumerate(grads):
                if g is None:
                    shape, dt = self.out_info[i]
                    if dt is not None:
                        grads[i] = _zeros(shape, dt)
            res = self.fn(self.c, grads)
        else:
            res = self.fn(self.c, grads[0])
        out = []
        info = self.in_info
        j = 0
        for k, r in zip(self.layout, res):
            if k == 0:
                continue
            items = (r,) if k == -1 else (r if r is not None else (None,) * k)
            for g in items:
                if g is not None and self.next[j] is not None:
                    shape, dt = info[j]
                    if g._shape != shape:
                        g = sum_to(g, shape)
                    if g._dtype is not dt:
                        g = g._cast(dt)
                    out.append(g)
                else:
                    out.append(None)
                j += 1
        return out


def _zeros(shape, dt):
    from .._creation import zeros

    return zeros(shape, dtype=dt)


def sum_to(g, shape):
    """g summed over its broadcast dims so that it has `shape` (the gradient of expand)."""
    shape = tuple(shape)
    if g._shape == shape:
        return g
    lead = len(g._shape) - len(shape)
    if lead < 0:
        return g.reshape(shape)
    dims = tuple(range(lead)) + tuple(i + lead for i, s in enumerate(shape) if s == 1 and g._shape[i + lead] != 1)
    if dims:
        g = g.sum(dims, keepdim=True)
    if g._shape != shape:
        g = g.reshape(shape)
    return g


class Spec:
    """How one operation records: node class, differentiable inputs, what to save."""

    def __init__(self, name, fn, inputs, save, save_out, view, multi, composite_if, list_input):
        self.name = name
        self.fn = fn
        self.inputs = inputs
        self.save = save
        self.save_out = save_out
        self.view = view
        self.multi = multi
        self.composite_if = composite_if
        self.list_input = list_input
        self.extra = None
        self.cls = type(name, (OpNode,), {"fn": staticmethod(fn), "multi": multi})


def _requires(args, kwargs):
    """Whether any Tensor among args / kwargs (or inside a list/tuple argument) requires grad."""
    for a in args:
        if isinstance(a, Tensor):
            m = a._ag
            if m is not None and m.requires_grad:
                return True
        elif type(a) in (list, tuple):
            for x in a:
                if isinstance(x, Tensor):
                    m = x._ag
                    if m is not None and m.requires_grad:
                        return True
    if kwargs:
        return _requires(kwargs.values(), None)
    return False


def _binder(raw):
    """bind(args, kwargs) -> {parameter: value} for raw, defaults applied (positional calls of
    plain signatures skip inspect's general binding, which costs microseconds)."""
    sig = inspect.signature(raw)
    params = list(sig.parameters.values())
    simple = all(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params)
    names = [p.name for p in params]
    defaults = [p.default for p in params]
    empty = inspect.Parameter.empty

    def general(args, kwargs):
        ba = sig.bind(*args, **kwargs)
        ba.apply_defaults()
        return ba.arguments

    def bind(args, kwargs):
        if simple and not kwargs and len(args) <= len(names):
            A = dict(zip(names, args))
            for n, d in zip(names[len(args):], defaults[len(args):]):
                if d is empty:
                    return general(args, kwargs)
                A[n] = d
            return A
        return general(args, kwargs)
    return bind


def save_tensor(node, t):
    """Records t's current version in node, to be checked when the node runs."""
    m = t._ag
    if m is None:
        m = t._ag = Meta()
    if node._saved is None:
        node._saved = []
    node._saved.append((t, m.version[0]))


def record(spec, raw, bind, args, kwargs):
    """Runs raw(*args, **kwargs) with grad mode off and records spec's node for its outputs."""
    A = bind(args, kwargs)
    if spec.composite_if is not None and spec.composite_if(A):
        return raw(*args, **kwargs)  # built from recorded operations: let them record
    STATE.enabled = False
    try:
        out = raw(*args, **kwargs)
    finally:
        STATE.enabled = True
    return attach(spec, A, args, out)


def attach(spec, A, args, out):
    """Makes a node of spec for the call with bound arguments A that produced out."""
    if args and out is args[0]:
        return out
    if isinstance(out, Tensor):
        if not out._dtype.is_floating_point:
            return out
        outs = (out,)
    elif isinstance(out, tuple):
        outs = out
        for o in outs:
            if isinstance(o, Tensor) and o._dtype.is_floating_point:
                break
        else:
            return out
    else:
        return out
    node = spec.cls()
    c = Ctx()
    node.c = c
    # one pass over the differentiable inputs: edges, shapes for the node, which need gradients
    edges, layout, info, need = [], [], [], {}
    list_input = spec.list_input
    for name in spec.inputs:
        v = A.get(name)
        if isinstance(v, Tensor):
            m = v._ag
            rg = m is not None and m.requires_grad
            need[name] = rg
            edges.append(gradient_edge(v) if rg else None)
            info.append((v._shape, v._dtype))
            layout.append(-1)
        elif name == list_input and isinstance(v, (list, tuple)):
            need[name] = False
            for x in v:
                edges.append(gradient_edge(x) if isinstance(x, Tensor) else None)
                info.append((x._shape, x._dtype) if isinstance(x, Tensor) else (None, None))
            layout.append(len(v))
        else:
            need[name] = False
            layout.append(0)
    save = spec.save
    if callable(save):
        save = save(A)
    d = c.__dict__
    d["need"] = need
    for k, v in A.items():
        if isinstance(v, Tensor):
            if k in save:
                save_tensor(node, v)
                d[k] = v
            else:
                d[k] = Ghost(v)
        elif k == list_input and isinstance(v, (list, tuple)):
            d[k] = [Ghost(x) if isinstance(x, Tensor) else x for x in v]
        else:
            d[k] = v
    if spec.extra is not None:
        for k, v in spec.extra(A).items():
            setattr(c, k, v)
    node.next = tuple(edges)
    node.layout = tuple(layout)
    node.in_info = info
    node.n_out = len(outs)
    node.out_info = [(o._shape, o._dtype) if isinstance(o, Tensor) and o._dtype.is_floating_point else (None, None)
                     for o in outs]
    view = spec.view
    if callable(view):
        view = view(A)
    base = A.get("self") if view else None
    for i, o in enumerate(outs):
        if isinstance(o, Tensor) and o._dtype.is_floating_point:
            if base is not None:
                bm = base._ag
                m = Meta(True, bm.version)
                _set_view(m, base, bm, spec, A)
            else:
                m = Meta(True)
            m.grad_fn = node
            m.output_nr = i
            o._ag = m
    if spec.save_out:
        for o in outs:
            if isinstance(o, Tensor):
                save_tensor(node, o)
        c.out = out
    return out


def _set_view(m, base, bm, spec, A):
    """Records in m (the Meta of a view of base) how to replay the view from base's base."""
    method = getattr(Tensor, spec.method_name)
    rest = {k: v for k, v in A.items() if k != "self"}
    params = spec.params

    def view_fn(t):
        args, kwargs = [t], {}
        for p in params[1:]:
            v = rest[p.name]
            if p.kind == p.VAR_POSITIONAL:
                args.extend(v)
            elif p.kind == p.KEYWORD_ONLY:
                kwargs[p.name] = v
            elif p.kind == p.VAR_KEYWORD:
                kwargs.update(v)
            else:
                args.append(v)
        return method(*args, **kwargs)

    if bm.base is not None:
        inner = bm.view_fn
        m.base = bm.base
        m.view_fn = lambda t: view_fn(inner(t))
    else:
        m.base = base
        m.view_fn = view_fn


def differentiable(raw, spec):
    """The recording wrapper of method/function raw for spec (see the module docstring)."""
    bind = _binder(raw)
    spec.params = list(inspect.signature(raw).parameters.values())
    view = spec.view

    def wrapper(*args, **kwargs):
        if STATE.enabled and _requires(args, kwargs):
            return record(spec, raw, bind, args, kwargs)
        out = raw(*args, **kwargs)
        if view and args and isinstance(out, Tensor) and out is not args[0]:
            m = args[0]._ag
            if m is not None and out._ag is None:  # views share the version counter
                A = bind(args, kwargs)
                if not callable(view) or view(A):
                    vm = out._ag = Meta(False, m.version)
                    _set_view(vm, args[0], m, spec, A)
        return out

    wrapper.__name__ = getattr(raw, "__name__", spec.name)
    wrapper.__qualname__ = getattr(raw, "__qualname__", spec.name)
    wrapper.__doc__ = raw.__doc__
    wrapper.__wrapped__ = raw
    wrapper._ag_spec = spec
    return wrapper


_LEAF_MSG = "a leaf Variable that requires grad is being used in an in-place operation."


def check_inplace(t):
    """Raises for in-place ops PyTorch forbids under grad mode (leaves that require grad)."""
    m = t._ag
    if m is not None and m.requires_grad:
        if m.grad_fn is None:
            raise RuntimeError(_LEAF_MSG)
        b = m.base
        if b is not None and b._ag is not None and b._ag.requires_grad and b._ag.grad_fn is None:
            raise RuntimeError("a view of a leaf Variable that requires grad is being used in an in-place operation.")


def inplace(raw, functional, clone_self=True):
    """The wrapper of in-place method raw: functional(self, *args, **kwargs) is its differentiable
    out-of-place form; clone_self: the functional's formula saves self (so it gets a clone, which
    the in-place write does not change)."""
    def wrapper(self, *args, **kwargs):
        m = self._ag
        if STATE.enabled and (m is not None and m.requires_grad or _requires(args, kwargs)):
            check_inplace(self)
            return record_inplace(self, functional, clone_self, args, kwargs)
        out = raw(self, *args, **kwargs)
        if m is not None:
            m.version[0] += 1
        return out

    wrapper.__name__ = getattr(raw, "__name__", "inplace")
    wrapper.__qualname__ = getattr(raw, "__qualname__", "inplace")
    wrapper.__doc__ = raw.__doc__
    wrapper.__wrapped__ = raw
    return wrapper


def record_inplace(self, functional, clone_self, args, kwargs):
    src = self.clone() if clone_self else self
    r = functional(src, *args, **kwargs)
    write_into(self, r)
    return self


def write_into(self, r):
    """Copies the value r into self (raw), bumps the version and makes r's history self's."""
    STATE.enabled = False
    try:
        if r._shape != self._shape:
            r = r.expand(*self._shape)
        from ..tensor import _COPY_FROM

        self._bk.run(_COPY_FROM[r._dtype._index], self._dtype._index, self._h, r._h)
    finally:
        STATE.enabled = True
    m = new_meta(self)
    m.version[0] += 1
    rm = r._ag
    if rm is None or not rm.requires_grad:
        return
    m.requires_grad = True
    m.grad_fn = rm.grad_fn
    m.output_nr = rm.output_nr
    if m.base is not None:
        _rebase(m.base, m.view_fn, (rm.grad_fn, rm.output_nr))


class CopySlices(Node):
    """History of a base whose view was written in place: the view's region takes the
    gradient of the in-place result, the rest that of the base's previous history."""

    def apply(self, grads):
        g = grads[0]
        gb = g.clone()
        v = self.view_fn(gb)
        gv = v.clone()
        v.zero_()
        return [gb if self.next[0] is not None else None, gv]


def _rebase(base, view_fn, edge):
    bm = new_meta(base)
    node = CopySlices()
    node.next = (gradient_edge(base), edge)
    node.view_fn = view_fn
    node.out_info = [(base._shape, base._dtype)]
    bm.requires_grad = True
    bm.grad_fn = node
    bm.output_nr = 0


def marked_inplace(raw):
    """Wrapper of an in-place method with no formula: leaf check and version bump only."""
    def wrapper(self, *args, **kwargs):
        m = self._ag
        if m is not None:
            if STATE.enabled:
                check_inplace(self)
            out = raw(self, *args, **kwargs)
            m.version[0] += 1
            return out
        return raw(self, *args, **kwargs)

    wrapper.__name__ = getattr(raw, "__name__", "inplace")
    wrapper.__qualname__ = getattr(raw, "__qualname__", "inplace")
    wrapper.__doc__ = raw.__doc__
    wrapper.__wrapped__ = raw
    return wrapper


def is_float(t):
    return t._dtype.is_floating_point


FLOATS = (D.float64, D.float32, D.float16)
