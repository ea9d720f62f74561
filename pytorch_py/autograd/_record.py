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
from .graph import Meta, Node, gradient_edge, leaf_edge, make_meta, new_meta, view_meta

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


def ghost(t):
    """Ghost(t) without an __init__ call."""
    g = _new(Ghost)
    g._shape = t._shape
    g._dtype = t._dtype
    return g


class Ctx:
    """Bound arguments of a recorded call, as attributes (see the module docstring): its __dict__
    is the binding itself, so making one copies nothing."""


def edge_of(t, m):
    """gradient_edge(t) for t whose Meta m requires grad."""
    fn = m.grad_fn
    return (fn, m.output_nr) if fn is not None else leaf_edge(t, m)


class OpNode(Node):
    """A node made by `differentiable`: class attributes fn (the formula), multi (formula gets
    every output gradient); per call c (the Ctx), layout (per differentiable argument: -1 a
    tensor, 0 no tensor, k a list of k), in_info ((shape, dtype) per edge) and _saved."""

    __slots__ = ("c", "layout", "in_info", "_saved")

    fn = None
    multi = False

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
        nxt = self.next
        j = 0
        for k, r in zip(self.layout, res):
            if k == 0:
                continue
            items = (r,) if k == -1 else (r if r is not None else (None,) * k)
            for g in items:
                if g is not None and nxt[j] is not None:
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
        self.node_for = None    # optional callable(bound args) -> node name, for ops PyTorch names per overload
        self.wrapper = None     # the recording wrapper (views replay through it)
        self.cls = self._node_class(name)

    def _node_class(self, name):
        return type(name, (OpNode,), {"__slots__": (), "fn": staticmethod(self.fn), "multi": self.multi})

    def node_class(self, A):
        """The node class for the call with bound arguments A."""
        if self.node_for is None:
            return self.cls
        name = self.node_for(A)
        classes = self.__dict__.setdefault("_classes", {self.name: self.cls})
        cls = classes.get(name)
        if cls is None:
            cls = classes[name] = self._node_class(name)
        return cls


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
    """bind(args, kwargs) -> {parameter: value} for raw, defaults applied.  Calls of plain
    signatures (positional-or-keyword parameters) skip inspect's general binding, which costs
    microseconds: positional arguments are zipped with the names, keywords checked against them
    and the defaults of what is left come from a precomputed dict."""
    sig = inspect.signature(raw)
    params = list(sig.parameters.values())
    simple = all(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params)
    names = tuple(p.name for p in params)
    n = len(names)
    empty = inspect.Parameter.empty
    # tails[k]: the defaults of parameters k.. (None when one of them has none)
    tails = []
    for k in range(n + 1):
        rest = params[k:]
        tails.append(None if any(p.default is empty for p in rest) else {p.name: p.default for p in rest})
    keywords = frozenset(p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD)

    def general(args, kwargs):
        ba = sig.bind(*args, **kwargs)
        ba.apply_defaults()
        return ba.arguments

    def bind(args, kwargs):
        k = len(args)
        if not simple or k > n:
            return general(args, kwargs)
        A = dict(zip(names, args))
        if not kwargs:
            tail = tails[k]
            if tail is None:
                return general(args, kwargs)
            A.update(tail)
            return A
        for key in kwargs:
            if key in A or key not in keywords:
                return general(args, kwargs)
        A.update(kwargs)
        for name in names[k:]:
            if name not in A:
                d = params[names.index(name)].default
                if d is empty:
                    return general(args, kwargs)
                A[name] = d
        return A
    return bind


def save_tensor(node, t):
    """Records t's current version in node, to be checked when the node runs."""
    m = t._ag
    if m is None:
        m = t._ag = make_meta(False, [0], None, 0)
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
    return attach(spec, A, args, kwargs, out)


def _float_outputs(out):
    """The outputs of a call as a tuple, or None when none of them is a floating tensor."""
    if isinstance(out, Tensor):
        return (out,) if out._dtype.is_floating_point else None
    if isinstance(out, tuple):
        for o in out:
            if isinstance(o, Tensor) and o._dtype.is_floating_point:
                return out
    return None


def attach(spec, A, args, kwargs, out):
    """Makes a node of spec for the call (args, kwargs; bound arguments A) that produced out.
    A becomes the node's Ctx: tensors it does not save are replaced by Ghosts."""
    if args and out is args[0]:
        return out
    outs = _float_outputs(out)
    if outs is None:
        return out
    node = _new(spec.node_class(A))
    # decisions that read the arguments, before A becomes the context
    save = spec.save
    if callable(save):
        save = save(A)
    view = spec.view
    if view and callable(view):
        view = view(A)
    if view and not args:
        view = False
    extra = spec.extra(A) if spec.extra is not None else None
    # one pass over the differentiable inputs: edges, shapes for the node, which need gradients
    edges, layout, info, need = [], [], [], {}
    list_input = spec.list_input
    for name in spec.inputs:
        v = A.get(name)
        if isinstance(v, Tensor):
            m = v._ag
            rg = m is not None and m.requires_grad
            need[name] = rg
            edges.append(edge_of(v, m) if rg else None)
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
    saved = None
    for k, v in A.items():  # replacing values while iterating is fine: no key is added
        if isinstance(v, Tensor):
            if k in save:
                m = v._ag
                if m is None:
                    m = v._ag = make_meta(False, [0], None, 0)
                if saved is None:
                    saved = []
                saved.append((v, m.version[0]))
            else:
                A[k] = ghost(v)
        elif k == list_input and isinstance(v, (list, tuple)):
            A[k] = [ghost(x) if isinstance(x, Tensor) else x for x in v]
    A["need"] = need
    if extra is not None:
        A.update(extra)
    c = _new(Ctx)
    c.__dict__ = A
    node.c = c
    node.next = tuple(edges)
    node.layout = layout
    node.in_info = info
    node._saved = saved
    n = len(outs)
    if n != 1:
        node.n_out = n
    if spec.multi:
        node.out_info = [(o._shape, o._dtype) if isinstance(o, Tensor) and o._dtype.is_floating_point
                         else (None, None) for o in outs]
    for i, o in enumerate(outs):
        if isinstance(o, Tensor) and o._dtype.is_floating_point:
            if view:
                m = view_meta(args[0], True, spec.wrapper, args[1:], kwargs)
                m.grad_fn = node
                m.output_nr = i
            else:
                m = make_meta(True, [0], node, i)
            o._ag = m
    if spec.save_out:
        for o in outs:
            if isinstance(o, Tensor):
                save_tensor(node, o)
        c.out = out
    return out


class ViewMeta(Meta):
    """The Meta of a view made outside recording (of a tensor that does not require grad, or in
    no-grad mode): what a view needs (its base, how to replay it) in slots, so that making one
    allocates no instance dict.  It shares the base's version counter, so modifying the base in
    place after the view was saved for backward is caught."""

    __slots__ = ("base", "_view", "_view_fn")


def plain_view_meta(base, bm, method, args, kwargs):
    """The ViewMeta of the view method(base, *args, **kwargs) made outside recording (bm: base's
    Meta or None; base gets one when it has none, to share its version counter)."""
    if bm is None:
        bm = base._ag = make_meta(False, [0], None, 0)
    m = _new(ViewMeta)
    m.requires_grad = False
    m.grad_fn = None
    m.version = bm.version
    m._view_fn = None
    root = bm.base
    if root is None:
        m.base = base
        m._view = (None, method, args, kwargs)
    else:
        m.base = root
        m._view = (bm.view_fn, method, args, kwargs)
    return m


def _is_method(raw):
    """Whether raw's first parameter is `self` (a Tensor method, not a module function)."""
    try:
        params = list(inspect.signature(raw).parameters)
    except (TypeError, ValueError):
        return False
    return bool(params) and params[0] == "self"


def differentiable(raw, spec):
    """The recording wrapper of method/function raw for spec (see the module docstring).  Views
    made outside recording still share their base's version counter (so that modifying the base
    in place after saving the view is caught).

    Methods whose only differentiable input is self get a wrapper that tests self alone (one slot
    read when self has no autograd state): the path of every op on tensors that need no grad."""
    bind = _binder(raw)
    view = spec.view
    if spec.inputs == ("self",) and not spec.list_input and _is_method(raw):
        if view is True:
            def wrapper(self, *args, **kwargs):
                m = self._ag
                if m is not None and m.requires_grad and STATE.enabled:
                    return record(spec, raw, bind, (self,) + args, kwargs)
                out = raw(self, *args, **kwargs)
                if out._ag is None and out is not self:
                    out._ag = plain_view_meta(self, self._ag, wrapper, args, kwargs)
                return out
        else:
            def wrapper(self, *args, **kwargs):
                m = self._ag
                if m is not None and m.requires_grad and STATE.enabled:
                    return record(spec, raw, bind, (self,) + args, kwargs)
                out = raw(self, *args, **kwargs)
                if view and isinstance(out, Tensor) and out._ag is None and out is not self \
                        and view(bind((self,) + args, kwargs)):
                    out._ag = plain_view_meta(self, self._ag, wrapper, args, kwargs)
                return out
    else:
        def wrapper(*args, **kwargs):
            if STATE.enabled and _requires(args, kwargs):
                return record(spec, raw, bind, args, kwargs)
            out = raw(*args, **kwargs)
            if view and args and isinstance(out, Tensor) and out._ag is None and out is not args[0]:
                if view is True or view(bind(args, kwargs)):
                    out._ag = plain_view_meta(args[0], args[0]._ag, wrapper, args[1:], kwargs)
            return out

    spec.wrapper = wrapper
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
        if STATE.enabled and (m is not None and m.requires_grad or (args or kwargs) and _requires(args, kwargs)):
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
