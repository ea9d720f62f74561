"""The autograd graph and its engine (layer: autograd).

A tensor's autograd state is one `Meta` object in its `_ag` slot (None for tensors that never met
autograd).  A tensor produced by a recorded operation has `Meta.grad_fn`, the `Node` that
computes the gradients of that operation's inputs from the gradient of its outputs; a leaf that
requires grad has none and gets its gradient through an `AccumulateGrad` node.  Each node holds
`next`: one edge `(node, output_nr)` per differentiable input (None where the input needs no
gradient).

The engine (`run_backward`) walks the graph once to count, for every node, the edges that lead
into it, then executes nodes from a ready stack, each when all the gradients flowing into it have
been summed: no recursion, so chains of any length work.  Nodes free what they saved after they
ran unless retain_graph is set.
"""
import sys
import weakref

from ..backends.cpu import CPU
from ..tensor import Tensor, _wrap
from . import anomaly_mode
from .grad_mode import STATE

_new = object.__new__
_refcount = sys.getrefcount
_STORAGE_REFS = CPU.table("Storage_refcount")
_IS_CONTIGUOUS = CPU.table("Tensor_isContiguous")


class Meta:
    """Autograd state of one tensor.  The fields every Meta sets are slots; the others are class
    defaults that a write moves into the instance dict (most Metas never make one), so that
    recording an op's output costs three attribute writes."""

    __slots__ = ("requires_grad", "grad_fn", "version", "__dict__", "__weakref__")

    grad = None
    output_nr = 0
    acc_edge = None     # (AccumulateGrad, 0) of a leaf, made once
    hooks = None        # {id: fn} gradient hooks of a leaf
    retains_grad = False
    base = None         # for a view: the tensor it views (in-place ops on the view rebase it)
    _view = None        # for a view: (base's view_fn or None, method, args, kwargs) replaying it
    _view_fn = None
    name = None

    def __init__(self, requires_grad=False, version=None):
        self.requires_grad = requires_grad
        self.grad_fn = None
        self.version = [0] if version is None else version

    @property
    def view_fn(self):
        """view_fn(t): the view this Meta's tensor is of its base, replayed on t (built on demand
        from what the view recorded, so that making views stays cheap)."""
        fn = self._view_fn
        if fn is None and self._view is not None:
            fn = self._view_fn = _replay(*self._view)
        return fn

    @view_fn.setter
    def view_fn(self, fn):
        self._view_fn = fn
        self._view = None


def _replay(inner, method, args, kwargs):
    """The function replaying method(t, *args, **kwargs) after inner (the base's own view_fn, or
    None when the base is no view)."""
    if inner is None:
        return lambda t: method(t, *args, **kwargs)
    return lambda t: method(inner(t), *args, **kwargs)


def make_meta(requires_grad, version, grad_fn, output_nr):
    """A Meta built without an __init__ call (the recording paths make one per output)."""
    m = _new(Meta)
    m.requires_grad = requires_grad
    m.grad_fn = grad_fn
    m.version = version
    if output_nr:
        m.output_nr = output_nr
    return m


def new_meta(t):
    """t's Meta, creating one (which does not require grad) when t has none."""
    m = t._ag
    if m is None:
        m = t._ag = make_meta(False, [0], None, 0)
    return m


def view_meta(base, requires_grad, method, args, kwargs):
    """The Meta of a view of base made by method(base, *args, **kwargs): it shares base's version
    counter (giving base a Meta if it has none), and records how to replay the view from base's
    own base, for in-place ops on the view."""
    bm = base._ag
    if bm is None:
        bm = base._ag = make_meta(False, [0], None, 0)
    m = make_meta(requires_grad, bm.version, None, 0)
    root = bm.base
    if root is None:
        m.base = base
        m._view = (None, method, args, kwargs)
    else:
        m.base = root
        m._view = (bm.view_fn, method, args, kwargs)
    return m


class RemovableHandle:
    """Returned by register_hook: remove() unregisters the hook."""

    _next_id = 0

    def __init__(self, store):
        RemovableHandle._next_id += 1
        self.id = RemovableHandle._next_id
        self._store = weakref.ref(store) if not isinstance(store, dict) else (lambda s=store: s)

    def remove(self):
        store = self._store()
        if store is not None:
            store.pop(self.id, None)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()


class Hooks:
    """The hooks of one node (a node without hooks has none, so the engine tests one field)."""

    __slots__ = ("pre", "retain", "post", "prehooks")

    def __init__(self):
        self.pre = {}        # {output_nr: {id: hook}}: hooks of the (non-leaf) output tensors
        self.retain = {}     # {output_nr: weakref to a tensor that retains its grad}
        self.post = {}       # {id: hook(grad_inputs, grad_outputs)}
        self.prehooks = {}   # {id: hook(grad_outputs)}


_SECOND_BACKWARD = (
    "Trying to backward through the graph a second time (or directly access saved tensors after they "
    "have already been freed). Saved intermediate values of the graph are freed when you call "
    ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the "
    "graph a second time or if you need to access saved tensors after calling backward.")


def check_version(t, v):
    """Raises PyTorch's error when saved tensor t is no longer at version v."""
    m = t._ag
    now = m.version[0]
    if now != v:
        what = ("output %d of %s" % (m.output_nr, m.grad_fn.name()) if m.grad_fn is not None
                else "a leaf" if m.requires_grad else "not requiring grad")
        raise RuntimeError(
            "one of the variables needed for gradient computation has been modified by an inplace "
            "operation: [%s %s], which is %s, is at version %d; expected version %d instead. Hint: "
            "the backtrace further above can show the operation that failed to compute its gradient."
            % ("torch." + t._dtype._legacy, list(t._shape), what, now, v))


class Node:
    """One backward function of the graph.  Subclasses (one per operation, named like PyTorch's:
    AddBackward0, MulBackward0...) implement apply(grads) -> gradients, one per edge in `next`.

    `next` is the one slot every node sets; the rest are class defaults (an instance that writes
    one gets a dict), so that recording a node costs few attribute writes."""

    __slots__ = ("next", "__dict__", "__weakref__")

    n_out = 1
    out_info = None      # [(shape, dtype)] of the outputs, to make zero gradients for missing ones
    _released = False
    _saved = None        # [(tensor, version when saved)]
    _hooks = None        # Hooks, once a hook is registered
    _metadata = None

    def name(self):
        return type(self).__name__

    @property
    def next_functions(self):
        return tuple(e if e is not None else (None, 0) for e in self.next)

    @property
    def metadata(self):
        if self._metadata is None:
            self._metadata = {}
        return self._metadata

    def hooks(self):
        """This node's Hooks, created on first use."""
        h = self._hooks
        if h is None:
            h = self._hooks = Hooks()
        return h

    def register_hook(self, fn):
        """fn(grad_inputs, grad_outputs) runs after the node; it may return new grad_inputs."""
        store = self.hooks().post
        h = RemovableHandle(store)
        store[h.id] = fn
        return h

    def register_prehook(self, fn):
        """fn(grad_outputs) runs before the node; it may return new grad_outputs."""
        store = self.hooks().prehooks
        h = RemovableHandle(store)
        store[h.id] = fn
        return h

    def apply(self, grads):
        raise NotImplementedError

    def __call__(self, *grads):
        return self.apply(list(grads))

    def check_saved(self):
        if self._released:
            raise RuntimeError(_SECOND_BACKWARD)
        saved = self._saved
        if saved:
            for t, v in saved:
                if t._ag.version[0] != v:
                    check_version(t, v)

    def release(self):
        if self._saved is not None:
            self._saved = None
            self._released = True
            self.c = None

    def __repr__(self):
        return "<%s object at %#x>" % (self.name(), id(self))


class AccumulateGrad(Node):
    """The node of a leaf tensor: runs the leaf's hooks and adds the gradient into `.grad`.  The
    leaf's Meta holds it (with its edge, so that recording finds it in one read); it holds the
    Meta and the leaf weakly, so no reference cycle keeps a leaf or its .grad alive."""

    __slots__ = ("_meta", "_var", "dtype")

    def __init__(self, variable):
        self.next = ()
        self._meta = weakref.ref(variable._ag)
        self._var = weakref.ref(variable)
        self.dtype = variable._dtype

    @property
    def variable(self):
        """The leaf tensor (None once it is gone)."""
        return self._var()

    def apply(self, grads):
        return ()


def owned(g, holders):
    """Whether nothing but the engine holds gradient g, so that it may be stolen or summed into
    in place: a contiguous CPU tensor outside autograd whose storage no other tensor shares and
    that no Python reference holds beyond `holders` (the caller's own variables and slots)."""
    if g._ag is not None or g._bk is not CPU or _refcount(g) > _BASE_REFS + holders - 1:
        return False
    h = g._h
    i = g._dtype._index
    return h.refcount == 1 and _STORAGE_REFS[i](h.storage) == 1 and _IS_CONTIGUOUS[i](h) == 1


def _refs_in_callee(x):
    return _refcount(x)


def _base_refs():
    """The reference count owned() sees for an object that one caller variable holds (measured,
    not assumed: it depends on how the interpreter passes arguments)."""
    x = object()
    return _refs_in_callee(x)


_BASE_REFS = _base_refs()


def accumulate(m, dt, g, create_graph):
    """Adds g into the .grad of the leaf with Meta m and dtype dt (PyTorch: in place unless
    create_graph).  A first gradient that only the engine holds becomes .grad as is (PyTorch
    steals it too); any other is copied, so .grad never aliases another tensor.  The caller
    holds g in one variable (see owned's holders)."""
    old = m.grad
    if old is None:
        if not create_graph:
            # holders: the engine's variable and this frame's g
            if not owned(g, 2) or g._dtype is not dt:
                g = g.detach()
                g = g.clone() if g.is_contiguous() else g.contiguous()
        if g._dtype is not dt:
            g = g._cast(dt)
        m.grad = g
    elif create_graph or (old._ag is not None and old._ag.requires_grad):
        m.grad = old + g
    else:
        prev = STATE.enabled
        STATE.enabled = False
        try:
            old.add_(g)
        finally:
            STATE.enabled = prev


def gradient_edge(t):
    """The edge a gradient for t flows into: (grad_fn, output_nr), or (AccumulateGrad, 0) for a
    leaf that requires grad; None when t needs no gradient."""
    m = t._ag
    if m is None or not m.requires_grad:
        return None
    fn = m.grad_fn
    if fn is not None:
        return (fn, m.output_nr)
    return leaf_edge(t, m)


def leaf_edge(t, m):
    """(AccumulateGrad, 0) for leaf t with Meta m, made once."""
    e = m.acc_edge
    if e is None:
        e = m.acc_edge = (AccumulateGrad(t), 0)
    return e


def _run_tensor_hooks(hooks, g):
    for h in list(hooks.values()):
        r = h(g)
        if r is not None:
            g = r
    return g


def run_backward(roots, root_grads, retain_graph, create_graph, inputs=None, accumulate_into_grad=True):
    """Executes the graph below roots (edges) fed with root_grads.

    inputs: None, or tensors whose gradients are wanted; with accumulate_into_grad the leaves
    among them (or every leaf when inputs is None) get .grad accumulated; otherwise the gradients
    reaching inputs are returned (a list, None where none arrived), as autograd.grad does."""
    # capture points: (node, output_nr) -> position in inputs
    captures = {}
    input_leaf = {}
    if inputs is not None:
        for i, t in enumerate(inputs):
            e = gradient_edge(t)
            if e is None:
                continue
            if type(e[0]) is AccumulateGrad:
                input_leaf[e[0]] = i
            captures.setdefault(e[0], []).append((e[1], i))
    results = [None] * (len(inputs) if inputs is not None else 0)

    start = []
    for e in roots:
        if e is not None and e[0] not in start:
            start.append(e[0])
    deps = _dependencies(start)
    # with inputs, only nodes from which a capture point is reachable need to run
    needed = _needed_nodes(start, set(captures)) if inputs is not None else None

    buffers = {}
    for e, g in zip(roots, root_grads):
        if e is None:
            continue
        n, nr = e
        buf = buffers.get(n)
        if buf is None:
            buf = buffers[n] = [None] * n.n_out
        buf[nr] = g if buf[nr] is None else buf[nr] + g
    ready = [n for n in start if deps[n] == 0]
    in_place = not create_graph
    plain = needed is None and not captures and accumulate_into_grad

    prev_mode = STATE.enabled
    STATE.enabled = create_graph
    try:
        while ready:
            n = ready.pop()
            grads = buffers.pop(n, None)
            if grads is None or (needed is not None and n not in needed):
                outs = ()
            else:
                if n._hooks is not None:
                    grads = _run_pre_hooks(n._hooks, grads)
                if type(n) is AccumulateGrad:
                    _leaf(n, grads, captures, results, create_graph,
                          accumulate_into_grad and (inputs is None or n in input_leaf))
                    continue
                if not plain:
                    cap = captures.get(n)
                    if cap is not None:
                        for nr, i in cap:
                            results[i] = grads[nr]
                if plain or accumulate_into_grad or needed is None or _needs_below(n, needed):
                    outs = n.apply(grads)
                    if n._hooks is not None and n._hooks.post:
                        outs = _run_post_hooks(n._hooks.post, outs, grads)
                    if anomaly_mode._STATE["enabled"]:
                        anomaly_mode.check_gradients(n, outs)
                else:
                    outs = ()
                grads = None
                if not retain_graph:
                    n.release()
            k = len(outs)
            i = 0
            for e in n.next:
                if e is not None:
                    c, nr = e
                    if i < k:
                        g = outs[i]
                        if g is not None:
                            buf = buffers.get(c)
                            if buf is None:
                                buf = buffers[c] = [None] * c.n_out
                                buf[nr] = g
                            else:
                                buf[nr] = g if buf[nr] is None else _sum(buf, nr, g, in_place)
                    d = deps[c] - 1
                    deps[c] = d
                    if d == 0:
                        ready.append(c)
                i += 1
            outs = g = None
    finally:
        STATE.enabled = prev_mode
    return results


def _sum(buf, nr, g, in_place):
    """buf[nr] + g, added into buf[nr] when only the engine holds it (no graph is being built)."""
    old = buf[nr]
    # holders: buf's slot and `old`
    if in_place and old._shape == g._shape and old._dtype is g._dtype and owned(old, 2):
        old.add_(g)
        return old
    return old + g


def _dependencies(start):
    """{node: number of edges into it} for every node reachable from start."""
    deps = dict.fromkeys(start, 0)
    stack = list(start)
    while stack:
        for e in stack.pop().next:
            if e is not None:
                c = e[0]
                d = deps.get(c)
                if d is None:
                    deps[c] = 1
                    stack.append(c)
                else:
                    deps[c] = d + 1
    return deps


def _run_pre_hooks(hooks, grads):
    """The node's prehooks, then its outputs' tensor hooks, then retain_grad (in this order)."""
    for h in list(hooks.prehooks.values()):
        r = h(tuple(grads))
        if r is not None:
            grads = list(r)
    for nr, hs in hooks.pre.items():
        if grads[nr] is not None and hs:
            grads[nr] = _run_tensor_hooks(hs, grads[nr])
    for nr, ref in hooks.retain.items():
        t = ref()
        if t is not None and grads[nr] is not None:
            m = t._ag
            m.grad = grads[nr].detach().clone() if m.grad is None else m.grad + grads[nr].detach()
    return grads


def _run_post_hooks(post, outs, grads):
    for h in list(post.values()):
        r = h(tuple(outs), tuple(grads))
        if r is not None:
            outs = r
    return outs


def _leaf(n, grads, captures, results, create_graph, into_grad):
    """Runs the AccumulateGrad node n: the leaf's hooks, then capture and/or accumulation."""
    m = n._meta()
    if m is None:
        return  # the leaf is gone: nobody can see its gradient
    g = grads[0]
    grads[0] = None  # the engine's one reference left is g (accumulate may steal it)
    hooks = m.hooks
    if hooks:
        g = _run_tensor_hooks(hooks, g)
    cap = captures.get(n)
    if cap is not None:
        results[cap[0][1]] = g
    if into_grad:
        t = n._var()  # its dtype now (module.to(dtype) changes a parameter's in place)
        accumulate(m, t._dtype if t is not None else n.dtype, g, create_graph)


def _needs_below(n, needed):
    return any(e is not None and e[0] in needed for e in n.next)


def _needed_nodes(start, targets):
    """Nodes from which a target node is reachable (targets included), iteratively."""
    needed = set()
    order = []
    seen = set()
    stack = [(n, False) for n in start]
    while stack:
        n, done = stack.pop()
        if done:
            order.append(n)
            continue
        if n in seen:
            continue
        seen.add(n)
        stack.append((n, True))
        for e in n.next:
            if e is not None and e[0] not in seen:
                stack.append((e[0], False))
    for n in order:  # post-order: children first
        if n in targets or any(e is not None and e[0] in needed for e in n.next):
            needed.add(n)
    return needed


def alias(t):
    """A new Tensor object over t's storage and geometry with no autograd state."""
    h = t._bk.new("Tensor_newWithTensor", t._dtype._index, t._h)
    return _wrap(h, t._dtype, t._bk, t._shape)


__all__ = ["Meta", "Node", "AccumulateGrad", "run_backward", "gradient_edge", "RemovableHandle", "Tensor"]
