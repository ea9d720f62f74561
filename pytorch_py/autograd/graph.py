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
import weakref

from ..tensor import Tensor, _wrap
from .grad_mode import STATE

_new = object.__new__


class Meta:
    """Autograd state of one tensor (class attributes are the defaults)."""

    requires_grad = False
    grad = None
    grad_fn = None
    output_nr = 0
    acc = None          # weakref to the AccumulateGrad node of a leaf
    hooks = None        # {id: fn} gradient hooks of a leaf
    retains_grad = False
    base = None         # for a view: the tensor it views (in-place ops on the view rebase it)
    view_fn = None      # replays the view on a tensor shaped like base
    name = None

    def __init__(self, requires_grad=False, version=None):
        self.requires_grad = requires_grad
        self.version = [0] if version is None else version


def new_meta(t):
    """t's Meta, creating one (which does not require grad) when t has none."""
    m = t._ag
    if m is None:
        m = t._ag = Meta()
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


class Node:
    """One backward function of the graph.  Subclasses (one per operation, named like PyTorch's:
    AddBackward0, MulBackward0...) implement apply(grads) -> gradients, one per edge in `next`."""

    next = ()
    n_out = 1
    out_info = None      # [(shape, dtype)] of the outputs, to make zero gradients for missing ones
    _released = False
    _saved = None        # [(tensor, version when saved)]
    _pre = None          # {output_nr: {id: hook}}: hooks of the (non-leaf) output tensors
    _retain = None       # {output_nr: weakref to a tensor that retains its grad}
    _post = None         # {id: hook(grad_inputs, grad_outputs)}
    _prehooks = None     # {id: hook(grad_outputs)}
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

    def register_hook(self, fn):
        """fn(grad_inputs, grad_outputs) runs after the node; it may return new grad_inputs."""
        if self._post is None:
            self._post = {}
        h = RemovableHandle(self._post)
        self._post[h.id] = fn
        return h

    def register_prehook(self, fn):
        """fn(grad_outputs) runs before the node; it may return new grad_outputs."""
        if self._prehooks is None:
            self._prehooks = {}
        h = RemovableHandle(self._prehooks)
        self._prehooks[h.id] = fn
        return h

    def apply(self, grads):
        raise NotImplementedError

    def __call__(self, *grads):
        return self.apply(list(grads))

    def check_saved(self):
        if self._released:
            raise RuntimeError(
                "Trying to backward through the graph a second time (or directly access saved tensors after they "
                "have already been freed). Saved intermediate values of the graph are freed when you call "
                ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the "
                "graph a second time or if you need to access saved tensors after calling backward.")
        saved = self._saved
        if saved:
            for t, v in saved:
                now = t._ag.version[0]
                if now != v:
                    m = t._ag
                    what = ("output %d of %s" % (m.output_nr, m.grad_fn.name()) if m.grad_fn is not None
                            else "a leaf" if m.requires_grad else "not requiring grad")
                    raise RuntimeError(
                        "one of the variables needed for gradient computation has been modified by an inplace "
                        "operation: [%s %s], which is %s, is at version %d; expected version %d instead. Hint: "
                        "the backtrace further above can show the operation that failed to compute its gradient."
                        % ("torch." + t._dtype._legacy, list(t._shape), what, now, v))

    def release(self):
        if self._saved is not None:
            self._saved = None
            self._released = True
            self.c = None

    def __repr__(self):
        return "<%s object at %#x>" % (self.name(), id(self))


class AccumulateGrad(Node):
    """The node of a leaf tensor: runs the leaf's hooks and adds the gradient into `.grad`."""

    def __init__(self, variable):
        self.variable = variable

    def apply(self, grads):
        return ()


def accumulate(t, g, create_graph):
    """Adds g into t.grad (PyTorch: in place unless create_graph)."""
    m = t._ag
    old = m.grad
    if old is None:
        if not create_graph:
            g = g.detach()
            # never store a gradient another place may hold or that is an expanded view
            g = g.clone() if g.is_contiguous() else g.contiguous()
        if g._dtype is not t._dtype:
            g = g._cast(t._dtype)
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
    r = m.acc
    acc = r() if r is not None else None
    if acc is None:
        acc = AccumulateGrad(t)
        m.acc = weakref.ref(acc)
    return (acc, 0)


def _run_tensor_hooks(hooks, g):
    for h in list(hooks.values()):
        r = h(g)
        if r is not None:
            g = r
    return g


def _zeros(shape, dtype):
    from .._creation import zeros

    return zeros(shape, dtype=dtype)


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
            if isinstance(e[0], AccumulateGrad):
                input_leaf[e[0]] = i
            captures.setdefault(e[0], []).append((e[1], i))
    results = [None] * (len(inputs) if inputs is not None else 0)

    # pass 1: dependency counts of every node reachable from the roots
    deps = {}
    start = []
    for e in roots:
        if e is not None and e[0] not in deps:
            deps[e[0]] = 0
            start.append(e[0])
    stack = list(start)
    while stack:
        n = stack.pop()
        for e in n.next:
            if e is not None:
                c = e[0]
                d = deps.get(c)
                if d is None:
                    deps[c] = 1
                    stack.append(c)
                else:
                    deps[c] = d + 1

    # with inputs, only nodes from which a capture point is reachable need to run
    needed = None
    if inputs is not None:
        needed = _needed_nodes(start, set(captures))

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

    prev_mode = STATE.enabled
    STATE.enabled = create_graph
    try:
        while ready:
            n = ready.pop()
            grads = buffers.pop(n, None)
            run = grads is not None and (needed is None or n in needed)
            if run:
                if n._prehooks:
                    for h in list(n._prehooks.values()):
                        r = h(tuple(grads))
                        if r is not None:
                            grads = list(r)
                if n._pre:
                    for nr, hooks in n._pre.items():
                        if grads[nr] is not None and hooks:
                            grads[nr] = _run_tensor_hooks(hooks, grads[nr])
                if n._retain:
                    for nr, ref in n._retain.items():
                        t = ref()
                        if t is not None and grads[nr] is not None:
                            m = t._ag
                            m.grad = grads[nr].detach().clone() if m.grad is None else m.grad + grads[nr].detach()
                cap = captures.get(n)
                if type(n) is AccumulateGrad:
                    t = n.variable
                    g = grads[0]
                    if t._ag.hooks:
                        g = _run_tensor_hooks(t._ag.hooks, g)
                    if cap is not None:
                        results[cap[0][1]] = g
                    if accumulate_into_grad and (inputs is None or n in input_leaf):
                        accumulate(t, g, create_graph)
                    continue
                if cap is not None:
                    for nr, i in cap:
                        results[i] = grads[nr]
                if accumulate_into_grad or needed is None or _needs_below(n, needed):
                    outs = n.apply(grads)
                    if n._post:
                        for h in list(n._post.values()):
                            r = h(tuple(outs), tuple(grads))
                            if r is not None:
                                outs = r
                else:
                    outs = ()
                if not retain_graph:
                    n.release()
            else:
                outs = ()
            i = 0
            for e in n.next:
                if e is not None:
                    c, nr = e
                    g = outs[i] if i < len(outs) else None
                    if g is not None:
                        buf = buffers.get(c)
                        if buf is None:
                            buf = buffers[c] = [None] * c.n_out
                        old = buf[nr]
                        buf[nr] = g if old is None else old + g
                    d = deps[c] - 1
                    deps[c] = d
                    if d == 0:
                        ready.append(c)
                i += 1
    finally:
        STATE.enabled = prev_mode
    return results


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
