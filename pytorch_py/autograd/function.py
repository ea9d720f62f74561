"""Custom differentiable functions: torch.autograd.Function (layer: autograd).

    class Exp(Function):
        @staticmethod
        def forward(ctx, x):
            y = x.exp()
            ctx.save_for_backward(y)
            return y

        @staticmethod
        def backward(ctx, g):
            y, = ctx.saved_tensors
            return g * y

    Exp.apply(x)

forward runs with grad mode off; the node recorded for its outputs (class `<Name>Backward`) is
also the ctx, as in PyTorch.
"""
import functools

from ..tensor import Tensor
from .grad_mode import STATE, no_grad
from .graph import Meta, Node, alias, gradient_edge, new_meta


class BackwardCFunction(Node):
    """The node of one Function.apply call; it is also the forward's ctx."""

    _fn_cls = None
    materialize_grads = True
    to_save = ()
    _dirty = ()
    _non_diff = ()
    _n_inputs = 0

    def save_for_backward(self, *tensors):
        """Keeps tensors (or None) for backward; checked against in-place changes when read."""
        self.to_save = tensors

    def save_for_forward(self, *tensors):
        self.to_save_forward = tensors

    def mark_dirty(self, *tensors):
        """Declares inputs that forward modified in place (they must be returned)."""
        self._dirty = tensors

    def mark_non_differentiable(self, *tensors):
        """Declares outputs that get no gradient (e.g. indices)."""
        self._non_diff = tensors

    def set_materialize_grads(self, value):
        """Whether backward receives zeros (True, the default) or None for unused outputs."""
        self.materialize_grads = bool(value)

    @property
    def saved_tensors(self):
        self.check_saved()
        return self._saved_list

    saved_variables = saved_tensors

    def apply(self, grads):
        self.check_saved()
        cls = self._fn_cls
        if self.materialize_grads:
            from .._creation import zeros

            grads = [g if g is not None or info[1] is None else zeros(info[0], dtype=info[1])
                     for g, info in zip(grads, self.out_info)]
        res = cls.backward(self, *grads)
        if not isinstance(res, tuple):
            res = (res,)
        n = self._n_inputs
        if len(res) < n:
            raise RuntimeError("function %s returned an incorrect number of gradients (expected %d, got %d)"
                               % (self.name(), n, len(res)))
        if len(res) > n:
            if any(r is not None for r in res[n:]):
                raise RuntimeError("function %s returned an incorrect number of gradients (expected %d, got %d)"
                                   % (self.name(), n, len(res)))
            res = res[:n]
        out = []
        for i, (r, e) in enumerate(zip(res, self._all_edges)):
            if e is None:
                if r is not None and not self._input_is_tensor[i]:
                    raise RuntimeError("function %s returned a gradient different than None at position %d, but "
                                       "the corresponding forward input was not a Variable" % (self.name(), i + 1))
                continue
            if r is not None:
                shape, dt = self.in_info[i]
                if r._shape != shape:
                    from ._record import sum_to

                    try:
                        r = sum_to(r, shape)
                    except RuntimeError:
                        raise RuntimeError("Function %s returned an invalid gradient at index %d - got %s but "
                                           "expected shape compatible with %s"
                                           % (self.name(), i, list(r._shape), list(shape))) from None
                if r._dtype is not dt:
                    r = r._cast(dt)
            out.append(r)
        return out

    def release(self):
        if self._saved is not None:
            self._saved = None
            self._saved_list = None
            self._released = True


class FunctionMeta(type):
    """Gives each Function subclass its node class, named `<Name>Backward`."""

    def __init__(cls, name, bases, attrs):
        cls._backward_cls = type(name + "Backward", (BackwardCFunction,), {"_fn_cls": cls})
        super().__init__(name, bases, attrs)


class Function(metaclass=FunctionMeta):
    """Base of custom autograd functions: define static forward(ctx, *args) and
    backward(ctx, *grad_outputs) (one gradient per forward argument, None for non-tensors), then
    call Cls.apply(*args)."""

    @staticmethod
    def forward(ctx, *args, **kwargs):
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError("You must implement either the backward or vjp method for your custom "
                                  "autograd.Function to use it with backward mode AD.")

    vjp = backward

    @classmethod
    def apply(cls, *args, **kwargs):
        node = cls._backward_cls()
        is_tensor = [isinstance(a, Tensor) for a in args]
        needs = tuple(t and a._ag is not None and a._ag.requires_grad for t, a in zip(is_tensor, args))
        node.needs_input_grad = needs
        recording = STATE.enabled and any(needs)
        with no_grad():
            outputs = cls.forward(node, *args, **kwargs)
        single = not isinstance(outputs, tuple)
        outs = (outputs,) if single else outputs
        dirty = set(id(t) for t in node._dirty)
        for t in node._dirty:
            new_meta(t).version[0] += 1
        if not recording:
            return outputs
        input_ids = {id(a) for a, t in zip(args, is_tensor) if t}
        node._n_inputs = len(args)
        node._input_is_tensor = is_tensor
        node._all_edges = [gradient_edge(a) if t else None for a, t in zip(args, is_tensor)]
        node.next = tuple(e for e, t in zip(node._all_edges, is_tensor) if e is not None)
        # in_info aligned with all inputs (apply filters by edge)
        node.in_info = [(a._shape, a._dtype) if t else (None, None) for a, t in zip(args, is_tensor)]
        non_diff = set(id(t) for t in node._non_diff)
        new_outs = []
        node.n_out = len(outs)
        node.out_info = []
        for i, o in enumerate(outs):
            if not isinstance(o, Tensor):
                new_outs.append(o)
                node.out_info.append((None, None))
                continue
            if id(o) in input_ids and id(o) not in dirty:
                o = alias(o)  # an input returned as is: a new tensor object over it
            diff = o._dtype.is_floating_point and id(o) not in non_diff
            node.out_info.append((o._shape, o._dtype) if diff else (None, None))
            if diff:
                m = o._ag
                if m is None or id(o) not in dirty:
                    m = o._ag = Meta(True, m.version if m is not None else None)
                m.requires_grad = True
                m.grad_fn = node
                m.output_nr = i
            new_outs.append(o)
        saved = []
        node._saved = []
        for t in node.to_save:
            if isinstance(t, Tensor):
                m = new_meta(t)
                node._saved.append((t, m.version[0]))
            saved.append(t)
        node._saved_list = tuple(saved)
        node.to_save = ()
        return new_outs[0] if single else tuple(new_outs)


class InplaceFunction(Function):
    pass


_TWICE = "trying to differentiate twice a function that was marked with @once_differentiable"


class _DelayedError(Function):
    """Put between the results of a once-differentiable backward and what they depend on when a
    graph is being built (create_graph=True): the results pass through unchanged, and
    differentiating through them again raises instead of silently missing terms."""

    @staticmethod
    def forward(ctx, n, *tensors):
        return tensors[:n]  # returned inputs become aliases with this node as their history

    @staticmethod
    def backward(ctx, *grads):
        raise RuntimeError(_TWICE)


_DelayedError._backward_cls.__name__ = _DelayedError._backward_cls.__qualname__ = "DelayedError"


def once_differentiable(fn):
    """Decorator for backward: runs it with grad mode off.  Under create_graph, when the
    gradients or the saved tensors require grad, its results get a history that raises if
    differentiated (as PyTorch's), so a double backward never silently drops this function."""
    @functools.wraps(fn)
    def wrapper(ctx, *args):
        with no_grad():
            outs = fn(ctx, *args)
        if not STATE.enabled:
            return outs
        deps = [a for a in args if isinstance(a, Tensor) and a.requires_grad]
        saved = getattr(ctx, "_saved_list", None) or ()
        deps += [t for t in saved if isinstance(t, Tensor) and t.requires_grad]
        if not deps:
            return outs
        single = not isinstance(outs, tuple)
        items = list((outs,) if single else outs)
        pos = [i for i, o in enumerate(items) if isinstance(o, Tensor) and o._dtype.is_floating_point]
        if pos:
            wrapped = _DelayedError.apply(len(pos), *[items[i] for i in pos], *deps)
            for i, w in zip(pos, wrapped):
                items[i] = w
        return items[0] if single else tuple(items)
    return wrapper
