"""Fast recording paths of the hottest operations (layer: autograd).

The generic wrapper of _record binds arguments, builds a Ctx and walks the differentiable inputs:
about 3 us per op.  The operators here handle the common cases in one Python frame instead and
fall back to the generic wrapper for anything else:

- `a + b`, `a - b`, `a * b`, `a / b` (and add/sub/mul/div called with one argument) on two CPU
  tensors of one dtype and shape, or a floating CPU tensor and a Python int/float: one kernel
  call, then, only when grad mode is on and an operand requires grad, a node with its edges (and
  for mul/div the operands it needs) written into slots;
- methods taking only self (exp, log, tanh, sigmoid, sqrt, neg, sum(), mean(), t()) and mm: the
  raw method with grad mode off, then a slotted node.

Each node class is named as PyTorch names the node of that call (AddBackward0, MulBackward0...);
its apply computes the gradients with Tensor operations, so they record under create_graph.
"""
from .._C import ffi, raise_error
from ..backends.cpu import CPU
from ..tensor import Tensor
from .grad_mode import STATE
from .graph import Meta, Node, _SECOND_BACKWARD, check_version, leaf_edge, make_meta

_new = object.__new__
_gc = ffi.gc
_FREE = CPU.free
_IS_CONTIGUOUS = CPU.table("Tensor_isContiguous")


def _edge(t, m):
    fn = m.grad_fn
    return (fn, m.output_nr) if fn is not None else m.acc_edge or leaf_edge(t, m)


def _version(t):
    """t's version counter value, giving t a Meta first if it has none (so that later in-place
    changes of a saved tensor are counted)."""
    m = t._ag
    if m is None:
        m = t._ag = make_meta(False, [0], None, 0)
    return m.version[0]


def _check(t, v):
    if t._ag.version[0] != v:
        check_version(t, v)


# ---------------------------------------------------------------- nodes

class _Saving(Node):
    """A node keeping up to two tensors x, y (None when not needed) with their versions."""

    __slots__ = ("x", "xv", "y", "yv", "done")

    def save(self, x, y):
        self.x = x
        self.xv = _version(x) if x is not None else 0
        self.y = y
        self.yv = _version(y) if y is not None else 0
        self.done = False

    def saved(self):
        """(x, y) after checking they were not modified in place since they were saved."""
        if self.done:
            raise RuntimeError(_SECOND_BACKWARD)
        x, y = self.x, self.y
        if x is not None:
            _check(x, self.xv)
        if y is not None:
            _check(y, self.yv)
        return x, y

    def release(self):
        if self.x is not None or self.y is not None:  # a node that saved nothing may run again
            self.x = self.y = None
            self.done = True


class AddBackward0(Node):
    __slots__ = ()

    def apply(self, grads):
        g = grads[0]
        return [g, g]


class AddScalarBackward(Node):
    __slots__ = ()

    def apply(self, grads):
        return grads


AddScalarBackward.__name__ = AddScalarBackward.__qualname__ = "AddBackward0"


class SubBackward0(Node):
    __slots__ = ()

    def apply(self, grads):
        g = grads[0]
        return [g, -g if self.next[1] is not None else None]


SubScalarBackward = type("SubBackward0", (AddScalarBackward,), {"__slots__": ()})


class RsubBackward1(Node):
    __slots__ = ()

    def apply(self, grads):
        return [-grads[0]]


class MulBackward0(_Saving):
    """x: self (for other's gradient), y: other (for self's)."""

    __slots__ = ()

    def apply(self, grads):
        x, y = self.saved()
        g = grads[0]
        return [g * y if y is not None else None, g * x if x is not None else None]


class _ScalarNode(Node):
    __slots__ = ("s",)


class MulScalarBackward(_ScalarNode):
    __slots__ = ()

    def apply(self, grads):
        return [grads[0] * self.s]


MulScalarBackward.__name__ = MulScalarBackward.__qualname__ = "MulBackward0"


class DivBackward0(_Saving):
    """x: self (only for other's gradient), y: other."""

    __slots__ = ()

    def apply(self, grads):
        x, y = self.saved()
        g = grads[0]
        gs = g / y if self.next[0] is not None else None
        go = -g * x / (y * y) if x is not None else None
        return [gs, go]


class DivScalarBackward(_ScalarNode):
    __slots__ = ()

    def apply(self, grads):
        return [grads[0] / self.s]


DivScalarBackward.__name__ = DivScalarBackward.__qualname__ = "DivBackward0"


# ---------------------------------------------------------------- the binary operators

def _result(p, self):
    """The Tensor owning the kernel's result pointer p (same dtype and shape as self)."""
    if not p:
        raise_error()
    i = self._dtype._index
    t = _new(Tensor)
    t._h = _gc(p, _FREE[i])
    t._dtype = self._dtype
    t._bk = CPU
    t._shape = self._shape
    t._ag = None
    return t


def _requires(m):
    return m is not None and m.requires_grad


def _meta(node):
    """The Meta of a node's single output (make_meta inlined: this runs once per recorded op)."""
    m = _new(Meta)
    m.requires_grad = True
    m.grad_fn = node
    m.version = [0]
    return m


def binary(tt, ts, alpha, any_dtype, record_tt, record_ts, generic):
    """The operator self OP other: tt / ts are the kernel tables for tensor-tensor (taking alpha
    between the operands when `alpha`) and tensor-scalar.  Tensor-tensor takes every dtype when
    `any_dtype` (add, mul), floating ones only otherwise (sub refuses bool, div promotes
    integers: the generic path knows); tensor-scalar takes floating tensors.  record_tt(out, a,
    b, edge_a, edge_b) and record_ts(out, a, edge, value) make the node when an operand requires
    grad in grad mode; generic handles every other case.  One frame for the common case, so the
    steps are written out here rather than in helpers."""
    def op(self, other):
        t = type(other)
        if t is float or t is int:
            if self._bk is not CPU or not self._dtype.is_floating_point:
                return generic(self, other)
            fn = ts[self._dtype._index]
            if fn is None:
                return generic(self, other)
            out = _result(fn(self._h, float(other)), self)
            m = self._ag
            if m is not None and m.requires_grad and STATE.enabled:
                fa = m.grad_fn
                record_ts(out, self, (fa, m.output_nr) if fa is not None else m.acc_edge or leaf_edge(self, m), other)
            return out
        if (isinstance(other, Tensor) and other._dtype is self._dtype and other._shape == self._shape
                and self._bk is CPU and other._bk is CPU and (any_dtype or self._dtype.is_floating_point)):
            i = self._dtype._index
            fn = tt[i]
            if fn is not None:
                p = fn(self._h, 1, other._h) if alpha else fn(self._h, other._h)
                if not p:
                    raise_error()
                out = _new(Tensor)
                out._h = _gc(p, _FREE[i])
                out._dtype = self._dtype
                out._bk = CPU
                out._shape = self._shape
                out._ag = None
                ma, mb = self._ag, other._ag
                if ma is None and mb is None:
                    return out
                ra = ma is not None and ma.requires_grad
                rb = mb is not None and mb.requires_grad
                if (ra or rb) and STATE.enabled:
                    # the edges (gradient_edge inlined)
                    ea = eb = None
                    if ra:
                        fa = ma.grad_fn
                        ea = (fa, ma.output_nr) if fa is not None else ma.acc_edge or leaf_edge(self, ma)
                    if rb:
                        fb = mb.grad_fn
                        eb = (fb, mb.output_nr) if fb is not None else mb.acc_edge or leaf_edge(other, mb)
                    record_tt(out, self, other, ea, eb)
                return out
        return generic(self, other)
    op.__doc__ = getattr(generic, "__doc__", None)
    return op


def _record_plain(cls):
    """record_tt for a node that saves nothing."""
    def rec(out, a, b, ea, eb):
        node = _new(cls)
        node.next = (ea, eb)
        out._ag = _meta(node)
    return rec


def _record_scalar(cls, keep_value=False):
    """record_ts for a node that keeps the scalar (when keep_value) or nothing."""
    def rec(out, a, e, s):
        node = _new(cls)
        node.next = (e,)
        if keep_value:
            node.s = s
        out._ag = _meta(node)
    return rec


def _record_mul(out, a, b, ea, eb):
    node = _new(MulBackward0)
    node.next = (ea, eb)
    node.save(a if eb is not None else None, b if ea is not None else None)
    out._ag = _meta(node)


def _record_div(out, a, b, ea, eb):
    node = _new(DivBackward0)
    node.next = (ea, eb)
    node.save(a if eb is not None else None, b)
    out._ag = _meta(node)


_CADD = CPU.table("Tensor_cadd_new")
_CSUB = CPU.table("Tensor_csub_new")
_CMUL = CPU.table("Tensor_cmul_new")
_CDIV = CPU.table("Tensor_cdiv_new")
_ADDS = CPU.table("Tensor_add_new")
_SUBS = CPU.table("Tensor_sub_new")
_MULS = CPU.table("Tensor_mul_new")
_DIVS = CPU.table("Tensor_div_new")

# operator name -> (tt table, alpha, any dtype, ts table, record_tt, record_ts, reflected)
BINARY = {
    "__add__": (_CADD, True, True, _ADDS, _record_plain(AddBackward0), _record_scalar(AddScalarBackward), False),
    "__radd__": (_CADD, True, True, _ADDS, None, _record_scalar(AddScalarBackward), True),
    "__sub__": (_CSUB, True, False, _SUBS, _record_plain(SubBackward0), _record_scalar(SubScalarBackward), False),
    "__mul__": (_CMUL, False, True, _MULS, _record_mul, _record_scalar(MulScalarBackward, True), False),
    "__rmul__": (_CMUL, False, True, _MULS, None, _record_scalar(MulScalarBackward, True), True),
    "__truediv__": (_CDIV, False, False, _DIVS, _record_div, _record_scalar(DivScalarBackward, True), False),
}
BINARY["add"] = BINARY["__add__"]
BINARY["sub"] = BINARY["__sub__"]
BINARY["mul"] = BINARY["__mul__"]
BINARY["div"] = BINARY["__truediv__"]


def fast_binary(name, generic):
    """The fast form of operator/method `name` over generic (its recording wrapper), or None."""
    entry = BINARY.get(name)
    if entry is None:
        return None
    tt, alpha, any_dtype, ts, rec_tt, rec_ts, reflected = entry
    if reflected:  # scalar OP self: commutative for add and mul, so self OP scalar
        return _reflected(ts, rec_ts, generic)
    op = binary(tt, ts, alpha, any_dtype, rec_tt, rec_ts, generic)
    if name in ("add", "sub", "mul", "div"):
        return _method(op, generic)
    return op


def _reflected(ts, rec_ts, generic):
    """scalar + self / scalar * self (commutative): the tensor-scalar kernel."""
    def op(self, other):
        t = type(other)
        if (t is float or t is int) and self._bk is CPU and self._dtype.is_floating_point:
            fn = ts[self._dtype._index]
            if fn is not None:
                out = _result(fn(self._h, float(other)), self)
                m = self._ag
                if m is not None and m.requires_grad and STATE.enabled:
                    rec_ts(out, self, _edge(self, m), other)
                return out
        return generic(self, other)
    return op


def _method(op, generic):
    """A method (self, other, ...) whose one-argument calls take the fast operator."""
    def method(self, other, *args, **kwargs):
        if args or kwargs:
            return generic(self, other, *args, **kwargs)
        return op(self, other)
    return method


# ---------------------------------------------------------------- methods of self alone

def _unary_node(name, grad, save_self=False, save_out=False, check_shape=False):
    """A node class for a one-input op: grad(node, g, x) with x the saved tensor (self or out)."""
    def apply(self, grads):
        x, _ = self.saved()
        return [grad(self, grads[0], x)]
    return type(name, (_Saving,), {"__slots__": ("shape",) if check_shape else (), "apply": apply,
                                   "save_self": save_self, "save_out": save_out})


def _expand_to(g, shape):
    return g.reshape(()) if not shape else g.expand(*shape)


def _numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


UNARY = {
    "neg": _unary_node("NegBackward0", lambda n, g, x: -g),
    "exp": _unary_node("ExpBackward0", lambda n, g, x: g * x, save_out=True),
    "log": _unary_node("LogBackward0", lambda n, g, x: g / x, save_self=True),
    "tanh": _unary_node("TanhBackward0", lambda n, g, x: g * (1 - x * x), save_out=True),
    "sigmoid": _unary_node("SigmoidBackward0", lambda n, g, x: g * x * (1 - x), save_out=True),
    "sqrt": _unary_node("SqrtBackward0", lambda n, g, x: g / (x * 2), save_out=True),
    "sum": _unary_node("SumBackward0", lambda n, g, x: _expand_to(g, n.shape), check_shape=True),
    "mean": _unary_node("MeanBackward0", lambda n, g, x: _expand_to(g, n.shape) / max(_numel(n.shape), 1),
                        check_shape=True),
}


def _fast_getitem(raw, generic):
    """self[i] for an int i: the select view (whose wrapper records SelectBackward0, PyTorch's
    node for it), without the general indexing wrapper."""
    def __getitem__(self, key):
        if type(key) is int and self._shape:
            return self.select(0, key)
        return generic(self, key)
    return __getitem__


def _fast_contiguous(raw, generic):
    """contiguous(): a contiguous CPU tensor is returned as it is (no copy, no node: PyTorch does
    the same), after one C call."""
    def contiguous(self, *args, **kwargs):
        if self._bk is CPU and _IS_CONTIGUOUS[self._dtype._index](self._h):
            return self
        return generic(self, *args, **kwargs)
    return contiguous


# methods whose fast form is not made from a node class: name -> factory(raw, generic)
SPECIAL = {"__getitem__": _fast_getitem, "contiguous": _fast_contiguous}


def fast_unary(name, raw, generic):
    """The fast form of method `name` (raw: the kernel method) when called with self alone."""
    special = SPECIAL.get(name)
    if special is not None:
        method = special(raw, generic)
        method.__doc__ = raw.__doc__
        return method
    cls = UNARY.get(name)
    if cls is None:
        return None
    save_self, save_out, keep_shape = cls.save_self, cls.save_out, "shape" in cls.__slots__

    def method(self, *args, **kwargs):
        if args or kwargs:
            return generic(self, *args, **kwargs)
        m = self._ag
        if m is None or not m.requires_grad or not STATE.enabled:
            return raw(self)
        STATE.enabled = False
        try:
            out = raw(self)
        finally:
            STATE.enabled = True
        if not out._dtype.is_floating_point:
            return out
        node = _new(cls)
        node.next = (_edge(self, m),)
        out._ag = _meta(node)
        node.save(self if save_self else out if save_out else None, None)
        if keep_shape:
            node.shape = self._shape
        return out
    method.__doc__ = raw.__doc__
    return method


# ---------------------------------------------------------------- matrix product

class MmBackward0(_Saving):
    """x: self (for mat2's gradient), y: mat2 (for self's)."""

    __slots__ = ()

    def apply(self, grads):
        x, y = self.saved()
        g = grads[0]
        return [g.mm(y.t()) if y is not None else None, x.t().mm(g) if x is not None else None]


def fast_mm(raw, generic):
    """mm / matmul of two 2-D CPU tensors of one floating dtype; anything else goes to generic."""
    def method(self, other, *args, **kwargs):
        if (args or kwargs or not isinstance(other, Tensor) or len(self._shape) != 2 or len(other._shape) != 2
                or other._dtype is not self._dtype or not self._dtype.is_floating_point):
            return generic(self, other, *args, **kwargs)
        ma, mb = self._ag, other._ag
        if not ((_requires(ma) or _requires(mb)) and STATE.enabled):
            return raw(self, other)
        STATE.enabled = False
        try:
            out = raw(self, other)
        finally:
            STATE.enabled = True
        node = _new(MmBackward0)
        ea = _edge(self, ma) if _requires(ma) else None
        eb = _edge(other, mb) if _requires(mb) else None
        node.next = (ea, eb)
        node.save(self if eb is not None else None, other if ea is not None else None)
        out._ag = _meta(node)
        return out
    method.__doc__ = raw.__doc__
    return method
