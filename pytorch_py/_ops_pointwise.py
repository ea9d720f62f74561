"""Elementwise math on Tensor: the arithmetic operators, comparisons, bitwise/logical ops and the
unary math functions (layer: tensor).

Binary ops share one path (_binary): the operands' result dtype is found by PyTorch's promotion
rules, Python scalars become 0-d tensors, both are cast and broadcast (stride-0 views), and one
TH kernel computes the result.  Two common cases skip all of that (the fast paths at the top of
_binary and _binary_): a floating CPU tensor with a Python int/float (the kernel's tensor-scalar
form), and two CPU tensors of one dtype and shape: one cffi call that allocates and computes.
`a + b` and `a * b` have that path inline in the operator itself.  Most operator methods are
made from tables (_BINARY_METHODS ...) by small factories.
"""
import numbers

import numpy as np

from . import _dtype as D
from ._broadcast import broadcast_shapes
from ._C import ffi, raise_error
from .backends.cpu import CPU

Tensor = None  # the Tensor class, bound by tensor.py once it exists (avoids a circular import)
_wrap = _cpu_result = None  # tensor.py's constructors, bound with it
_new_obj = object.__new__
_gc = ffi.gc
_FREE = CPU.free


def _is_number(x):
    return isinstance(x, (numbers.Number, np.bool_, np.number))


_SCALAR_CATEGORY = {bool: 0, int: 1, float: 2}


def result_type(a, b):
    """torch.result_type of two operands, each a Tensor or a Python number."""
    # the common tensor-with-Python-scalar case, without the general three-group fold
    cat = _SCALAR_CATEGORY.get(type(b))
    if cat is not None and isinstance(a, Tensor):
        dt = a._dtype
        if cat <= dt._category:
            return dt
        return D.get_default_dtype() if cat == 2 else D.int64
    dims, zeros, scalars = [], [], []
    for x in (a, b):
        if isinstance(x, Tensor):
            (dims if x._shape else zeros).append(x._dtype)
        elif _is_number(x):
            scalars.append(x)
        else:
            raise TypeError("expected a Tensor or a number, but got %s" % type(x).__name__)
    return D.result_type_of(dims, zeros, scalars)


def can_cast(src, dst):
    """Whether a result of dtype src may be written into a tensor of dtype dst (torch.can_cast)."""
    return not (src._category > dst._category)


def scalar_tensor(value, dt, bk=CPU):
    """A 0-d tensor holding value (a Python number) as dtype dt."""
    h = bk.new("Tensor_newWithSize", dt._index, 0, ffi.NULL)
    bk.run("Tensor_fill", dt._index, h, dt._py(value))
    return _wrap(h, dt, bk, ())


def _as_tensor(x, dt, bk):
    """x (a Tensor or number) as a tensor of dtype dt on backend bk."""
    if isinstance(x, Tensor):
        if x._bk is not bk:
            raise RuntimeError("expected all tensors on one device, but got %s and %s" % (bk.device, x.device))
        return x._cast(dt)
    if _is_number(x):
        return scalar_tensor(x, dt, bk)
    raise TypeError("expected a Tensor or a number, but got %s" % type(x).__name__)


# kinds of binary op: how the compute dtype and the result dtype follow from the promoted dtype
ARITH, TRUEDIV, COMPARE, BITWISE, LOGICAL = range(5)


def _compute_dtype(dt, kind, name):
    if kind == TRUEDIV and not dt.is_floating_point:
        return D.get_default_dtype()
    if kind == BITWISE and dt.is_floating_point:
        raise TypeError("%s: expected integral or bool tensors, but got %s" % (name, dt))
    return dt


# Tensor-op-scalar forms of tensor-op-tensor kernels: they skip making a 0-d tensor for the
# scalar.  Each takes (t, value); add/sub fold alpha into the value.
_SCALAR_FORM = {"Tensor_cadd_new": "Tensor_add_new", "Tensor_csub_new": "Tensor_sub_new",
                "Tensor_cmul_new": "Tensor_mul_new", "Tensor_cdiv_new": "Tensor_div_new",
                "Tensor_eqTensor_new": "Tensor_eqValue_new", "Tensor_neTensor_new": "Tensor_neValue_new",
                "Tensor_ltTensor_new": "Tensor_ltValue_new", "Tensor_leTensor_new": "Tensor_leValue_new",
                "Tensor_gtTensor_new": "Tensor_gtValue_new", "Tensor_geTensor_new": "Tensor_geValue_new"}
# ... and those used for floating tensors only (integer pow, remainder... keep the general path)
_FLOAT_SCALAR_FORM = dict(_SCALAR_FORM, **{
    "Tensor_cpow_new": "Tensor_pow_new", "Tensor_cremainder_new": "Tensor_remainder_new",
    "Tensor_cfmod_new": "Tensor_fmod_new", "Tensor_cfloorDivide_new": "Tensor_floorDivide_new"})


class _Kernels(dict):
    """TH op name -> its CPU shims by dtype index, bound on first use (the fast paths index this
    by the op name they were given, then by dtype)."""

    def __missing__(self, op):
        t = self[op] = CPU.table(op)
        return t


_K = _Kernels()
# tensor-op-tensor `_new` op -> CPU shims of its tensor-op-scalar form (allocating, in place)
_SCALAR_NEW = {th: CPU.table(ts) for th, ts in _FLOAT_SCALAR_FORM.items()}
_SCALAR_RUN = {th: CPU.table(ts[:-4]) for th, ts in _SCALAR_FORM.items()}
_RESULT_BOOL = (False, False, True, False, True)  # by kind: COMPARE and LOGICAL give bool
# by kind, then dtype category (bool, integral, floating): whether the op computes two operands of
# that dtype in it (true division of integers promotes, bitwise ops refuse floating dtypes)
_SAME_DTYPE = ((True, True, True), (False, False, True), (True, True, True), (True, True, False), (True, True, True))


def _binary(a, b, th, name, kind=ARITH, mid=()):
    """The result of TH op `th` (a `_new` shim taking (a, *mid, b)) on a and b, one of which is a
    Tensor; `mid` holds scalar arguments that go between the operands (e.g. add's alpha)."""
    tb = type(b)
    if type(a) is Tensor and a._bk is CPU:
        dt = a._dtype
        if tb is float or tb is int:
            fns = _SCALAR_NEW.get(th) if dt.is_floating_point else None
            if fns is not None:  # floating tensor op Python number: the tensor-scalar kernel
                p = fns[dt._index](a._h, b * mid[0] if mid else b)
                return _cpu_result(p, D.bool if _RESULT_BOOL[kind] else dt, a._shape)
        elif (tb is Tensor and b._dtype is dt and b._shape == a._shape and b._bk is CPU
              and _SAME_DTYPE[kind][dt._category]):
            fn = _K[th][dt._index]
            if fn is not None:  # one dtype and shape: no promotion, no broadcast
                p = fn(a._h, dt._py(mid[0]), b._h) if mid else fn(a._h, b._h)
                return _cpu_result(p, D.bool if _RESULT_BOOL[kind] else dt, a._shape)
    return _binary_general(a, b, th, name, kind, mid)


def _binary_general(a, b, th, name, kind, mid):
    """_binary for any operands: promotion, scalars as 0-d tensors, broadcasting."""
    t = a if isinstance(a, Tensor) else b
    bk = t._bk
    dt = _compute_dtype(result_type(a, b), kind, name)
    if t is a and th in _SCALAR_FORM and _is_number(b):
        ta = a._cast(dt)
        value = b * mid[0] if mid else b
        out = D.bool if kind == COMPARE else dt
        if not (dt.is_floating_point or isinstance(value, int) or kind == COMPARE) or dt is D.bool:
            pass  # e.g. bool arithmetic: take the general path, whose kernels handle it
        elif th != "Tensor_cdiv_new" or dt.is_floating_point:
            return _wrap(bk.new(_SCALAR_FORM[th], dt._index, ta._h, dt._py(value)), out, bk, ta._shape)
    ta, tb = _as_tensor(a, dt, bk), _as_tensor(b, dt, bk)
    if ta._shape != tb._shape:
        shape = broadcast_shapes(ta._shape, tb._shape)
        ta, tb = ta.expand(*shape), tb.expand(*shape)
    out = D.bool if kind in (COMPARE, LOGICAL) else dt
    h = bk.new(th, dt._index, ta._h, *[dt._py(m) for m in mid], tb._h)
    return _wrap(h, out, bk, ta._shape)


def _binary_(self, other, th, name, kind=ARITH, mid=()):
    """In-place form of _binary: self = self op other (other broadcast to self's shape)."""
    bk, dt = self._bk, self._dtype
    if bk is CPU and dt.is_floating_point and (kind == ARITH or kind == TRUEDIV):
        to = type(other)
        if to is float or to is int:
            fns = _SCALAR_RUN.get(th)
            if fns is not None:  # floating tensor op= Python number: the tensor-scalar kernel
                if fns[dt._index](self._h, self._h, other * mid[0] if mid else other):
                    raise_error()
                return self
        elif to is Tensor and other._dtype is dt and other._shape == self._shape and other._bk is CPU:
            fn = _K[th[:-4]][dt._index]  # one dtype and shape: the kernel writes into self
            if fn(self._h, self._h, dt._py(mid[0]), other._h) if mid else fn(self._h, self._h, other._h):
                raise_error()
            return self
    rt = _compute_dtype(result_type(self, other), kind, name)
    if kind in (COMPARE, LOGICAL):
        rt = D.bool
    if not can_cast(rt, dt):
        raise RuntimeError("%s: expected a result type that can be cast to the output's %s, but got %s"
                           % (name, dt, rt))
    cdt = dt if kind not in (COMPARE, LOGICAL) else _compute_dtype(result_type(self, other), kind, name)
    tb = _as_tensor(other, cdt, bk)
    if tb._shape != self._shape:
        shape = broadcast_shapes(self._shape, tb._shape)
        if shape != self._shape:
            raise RuntimeError("%s: expected an operand that broadcasts to the output shape %s, but got %s"
                               % (name, list(self._shape), list(tb._shape)))
        tb = tb.expand(*shape)
    if cdt is dt and kind not in (COMPARE, LOGICAL):
        bk.run(th[:-4] if th.endswith("_new") else th, dt._index, self._h, self._h,
               *[dt._py(m) for m in mid], tb._h)
    else:  # comparisons and logical ops write Bool: compute, then copy into self
        self.copy_(_binary(self._cast(cdt), tb, th, name, kind, mid))
    return self


def _unary(self, th, name, float_math=False, dtypes=None):
    """TH unary op `th` (a `_new` shim) on self.  float_math ops compute integer and bool input in
    the default float dtype, as PyTorch does."""
    t = self
    if float_math and not t._dtype.is_floating_point:
        t = t._cast(D.get_default_dtype())
    if dtypes is not None and t._dtype not in dtypes:
        raise TypeError("%s: expected a tensor of dtype %s, but got %s"
                        % (name, " or ".join(map(str, dtypes)), t._dtype))
    return _wrap(t._bk.new(th, t._dtype._index, t._h), t._dtype, t._bk, t._shape)


def _unary_(self, th, name, float_math=False, dtypes=None):
    if float_math and not self._dtype.is_floating_point:
        raise RuntimeError("%s: expected a floating point tensor for the in-place op, but got %s (its result "
                           "would be floating point)" % (name, self._dtype))
    if dtypes is not None and self._dtype not in dtypes:
        raise TypeError("%s: expected a tensor of dtype %s, but got %s"
                        % (name, " or ".join(map(str, dtypes)), self._dtype))
    self._bk.run(th, self._dtype._index, self._h, self._h)
    return self


_NUMERIC = tuple(d for d in D.ALL if d is not D.bool)
_INTEGRAL_AND_BOOL = tuple(d for d in D.ALL if not d.is_floating_point)


def _fast_operator(table, with_alpha, slow, plain_only=True):
    """A binary operator whose same-dtype, same-shape CPU case is one C call that allocates and
    computes (table: the `_new` shims by dtype; with_alpha: they take alpha=1 between the
    operands), and which hands every other case to slow(self, other).  plain_only: tensors with
    autograd state (the `_ag` slot set) take slow too.  Built by a factory so the fast path stays
    one Python frame."""
    def op(self, other):
        if (type(other) is Tensor and type(self) is Tensor and other._dtype is self._dtype
                and other._shape == self._shape and self._bk is CPU and other._bk is CPU
                and (self._ag is None and other._ag is None or not plain_only)):
            i = self._dtype._index
            fn = table[i]
            if fn is not None:
                p = fn(self._h, 1, other._h) if with_alpha else fn(self._h, other._h)
                if not p:
                    raise_error()
                t = _new_obj(Tensor)
                t._h = _gc(p, _FREE[i])
                t._dtype = self._dtype
                t._bk = CPU
                t._shape = self._shape
                t._ag = None
                return t
        return slow(self, other)
    return op


def _raw_fast_operator(table, with_alpha, slow):
    """_fast_operator without the autograd test (tensors with autograd state take the fast kernel
    too): what autograd's recording operators compute their result with."""
    return _fast_operator(table, with_alpha, slow, plain_only=False)


_CADD_NEW = CPU.table("Tensor_cadd_new")
_CMUL_NEW = CPU.table("Tensor_cmul_new")


def _slow_add(a, b):
    return _binary(a, b, "Tensor_cadd_new", "add", mid=(1,))


def _slow_mul(a, b):
    return _binary(a, b, "Tensor_cmul_new", "mul")


# The operators with a one-call fast path, as (kernel table, takes alpha, general case): autograd
# rebuilds them with _fast_operator so that the fast path stays its own, and only tensors with
# autograd state (the `_ag` slot set) reach autograd's recording code.
FAST_OPERATORS = {"__add__": (_CADD_NEW, True, _slow_add), "__mul__": (_CMUL_NEW, False, _slow_mul)}


class PointwiseMixin:
    """Elementwise methods and operators of Tensor."""

    __slots__ = ()

    # ---- arithmetic ----

    def add(self, other, alpha=1, out=None):
        """self + alpha * other, with broadcasting and type promotion."""
        return _out(_binary(self, other, "Tensor_cadd_new", "add", mid=(alpha,)), out)

    def add_(self, other, alpha=1):
        return _binary_(self, other, "Tensor_cadd_new", "add_", mid=(alpha,))

    def sub(self, other, alpha=1, out=None):
        """self - alpha * other."""
        _no_bool_sub(self, other)
        return _out(_binary(self, other, "Tensor_csub_new", "sub", mid=(alpha,)), out)

    def sub_(self, other, alpha=1):
        _no_bool_sub(self, other)
        return _binary_(self, other, "Tensor_csub_new", "sub_", mid=(alpha,))

    subtract = sub

    def mul(self, other, out=None):
        return _out(_binary(self, other, "Tensor_cmul_new", "mul"), out)

    def mul_(self, other):
        return _binary_(self, other, "Tensor_cmul_new", "mul_")

    multiply = mul

    def div(self, other, rounding_mode=None, out=None):
        """True division (always floating), or 'trunc' / 'floor' rounded division."""
        if rounding_mode is None:
            r = _binary(self, other, "Tensor_cdiv_new", "div", TRUEDIV)
        elif rounding_mode == "floor":
            r = _binary(self, other, "Tensor_cfloorDivide_new", "div")
        elif rounding_mode == "trunc":
            r = _binary(self, other, "Tensor_cdiv_new", "div")
            if r._dtype.is_floating_point:
                r = r.trunc_()
        else:
            raise ValueError("div: expected rounding_mode None, 'trunc' or 'floor', but got %r" % (rounding_mode,))
        return _out(r, out)

    def div_(self, other, rounding_mode=None):
        if rounding_mode is None:
            return _binary_(self, other, "Tensor_cdiv_new", "div_", TRUEDIV)
        return self.copy_(self.div(other, rounding_mode=rounding_mode))

    divide = true_divide = div

    def floor_divide(self, other, out=None):
        return _out(_binary(self, other, "Tensor_cfloorDivide_new", "floor_divide"), out)

    def floor_divide_(self, other):
        return _binary_(self, other, "Tensor_cfloorDivide_new", "floor_divide_")

    def remainder(self, other, out=None):
        """Python's %: the result has the divisor's sign."""
        return _out(_binary(self, other, "Tensor_cremainder_new", "remainder"), out)

    def remainder_(self, other):
        return _binary_(self, other, "Tensor_cremainder_new", "remainder_")

    def fmod(self, other, out=None):
        """C's fmod: the result has the dividend's sign."""
        return _out(_binary(self, other, "Tensor_cfmod_new", "fmod"), out)

    def fmod_(self, other):
        return _binary_(self, other, "Tensor_cfmod_new", "fmod_")

    def pow(self, exponent, out=None):
        return _out(_binary(self, exponent, "Tensor_cpow_new", "pow"), out)

    def pow_(self, exponent):
        return _binary_(self, exponent, "Tensor_cpow_new", "pow_")

    def atan2(self, other, out=None):
        return _out(_binary(self, other, "Tensor_atan2_new", "atan2", TRUEDIV), out)

    def atan2_(self, other):
        return _binary_(self, other, "Tensor_atan2_new", "atan2_", TRUEDIV)

    arctan2 = atan2

    def maximum(self, other, out=None):
        """Elementwise maximum (NaN propagates)."""
        return _out(_binary(self, _tensor_only(other, "maximum"), "Tensor_cmax_new", "maximum"), out)

    def minimum(self, other, out=None):
        return _out(_binary(self, _tensor_only(other, "minimum"), "Tensor_cmin_new", "minimum"), out)

    fmax = maximum
    fmin = minimum

    def lerp(self, end, weight):
        """self + weight * (end - self)."""
        if isinstance(weight, Tensor):
            dt = self._dtype
            shape = broadcast_shapes(self._shape, end._shape, weight._shape)
            a, b, w = (x._cast(dt).expand(*shape) for x in (self, end, weight))
            return _wrap(self._bk.new("Tensor_clerp_new", dt._index, a._h, b._h, w._h), dt, self._bk, shape)
        dt = self._dtype
        shape = broadcast_shapes(self._shape, end._shape)
        a, b = self.expand(*shape), end._cast(dt).expand(*shape)
        return _wrap(self._bk.new("Tensor_lerp_new", dt._index, a._h, b._h, dt._py(weight)), dt, self._bk, shape)

    def lerp_(self, end, weight):
        return self.copy_(self.lerp(end, weight))

    def addcmul(self, tensor1, tensor2, value=1):
        """self + value * tensor1 * tensor2."""
        return _addc(self, tensor1, tensor2, value, "Tensor_addcmul_new")

    def addcmul_(self, tensor1, tensor2, value=1):
        return self.copy_(self.addcmul(tensor1, tensor2, value))

    def addcdiv(self, tensor1, tensor2, value=1):
        """self + value * tensor1 / tensor2."""
        return _addc(self, tensor1, tensor2, value, "Tensor_addcdiv_new")

    def addcdiv_(self, tensor1, tensor2, value=1):
        return self.copy_(self.addcdiv(tensor1, tensor2, value))

    def clamp(self, min=None, max=None):
        """Elements limited to [min, max] (either bound may be None)."""
        if min is None and max is None:
            raise RuntimeError("clamp: expected at least one of min and max, but got neither")
        if isinstance(min, Tensor) or isinstance(max, Tensor):
            r = self
            if min is not None:
                r = r.maximum(min if isinstance(min, Tensor) else scalar_tensor(min, r._dtype))
            if max is not None:
                r = r.minimum(max if isinstance(max, Tensor) else scalar_tensor(max, r._dtype))
            return r
        dt = self._dtype
        for b in (min, max):
            if b is not None and not dt.is_floating_point and isinstance(b, float):
                dt = D.get_default_dtype()
        t = self._cast(dt)
        bk, i = t._bk, dt._index
        if max is None:
            h = bk.new("Tensor_clampMin_new", i, t._h, dt._py(min))
        elif min is None:
            h = bk.new("Tensor_clampMax_new", i, t._h, dt._py(max))
        else:
            h = bk.new("Tensor_clamp_new", i, t._h, dt._py(min), dt._py(max))
        return _wrap(h, dt, bk, t._shape)

    def clamp_(self, min=None, max=None):
        return self.copy_(self.clamp(min, max))

    clip = clamp
    clip_ = clamp_

    def clamp_min(self, min):
        return self.clamp(min=min)

    def clamp_max(self, max):
        return self.clamp(max=max)

    # ---- comparisons (Bool results): eq ne lt le gt ge and their in-place forms come from tables

    def __eq__(self, other):
        if type(other) is not Tensor and not (isinstance(other, Tensor) or _is_number(other)):
            return NotImplemented
        return _binary(self, other, "Tensor_eqTensor_new", "eq", COMPARE)

    def __ne__(self, other):
        if type(other) is not Tensor and not (isinstance(other, Tensor) or _is_number(other)):
            return NotImplemented
        return _binary(self, other, "Tensor_neTensor_new", "ne", COMPARE)

    def isnan(self):
        return _wrap(self._bk.new("Tensor_isnan_new", self._dtype._index, self._h), D.bool, self._bk, self._shape)

    def isinf(self):
        return _wrap(self._bk.new("Tensor_isinf_new", self._dtype._index, self._h), D.bool, self._bk, self._shape)

    def isfinite(self):
        return _wrap(self._bk.new("Tensor_isfinite_new", self._dtype._index, self._h), D.bool, self._bk,
                     self._shape)

    # ---- bitwise and logical (the binary ones come from tables) ----

    def bitwise_not(self):
        return _unary(self, "Tensor_bitnot_new", "bitwise_not", dtypes=_INTEGRAL_AND_BOOL)

    def bitwise_not_(self):
        return _unary_(self, "Tensor_bitnot", "bitwise_not_", dtypes=_INTEGRAL_AND_BOOL)

    def logical_not(self):
        return _wrap(self._bk.new("Tensor_logicalNot_new", self._dtype._index, self._h), D.bool, self._bk,
                     self._shape)

    def __invert__(self):
        return self.bitwise_not()

    # ---- operators ----

    __add__ = _fast_operator(_CADD_NEW, True, _slow_add)
    __mul__ = _fast_operator(_CMUL_NEW, False, _slow_mul)

    def __sub__(self, other):
        _no_bool_sub(self, other)
        return _binary(self, other, "Tensor_csub_new", "sub", mid=(1,))

    def __rsub__(self, other):
        """other - self: a Python number minus a floating CPU tensor is -self + other (exact in
        IEEE arithmetic), two kernel calls instead of a 0-d tensor and a broadcast."""
        if (type(other) is float or type(other) is int) and self._bk is CPU and self._dtype.is_floating_point:
            i = self._dtype._index
            r = _cpu_result(_NEG_NEW[i](self._h), self._dtype, self._shape)
            if _ADD_SCALAR[i](r._h, r._h, other):
                raise_error()
            return r
        _no_bool_sub(self, other)
        return _binary(other, self, "Tensor_csub_new", "sub", mid=(1,))

    def __isub__(self, other):
        return self.sub_(other)

    def __floordiv__(self, other):
        return self.floor_divide(other)

    def __ifloordiv__(self, other):
        return self.floor_divide_(other)

    def __mod__(self, other):
        return self.remainder(other)

    def __imod__(self, other):
        return self.remainder_(other)

    def __pow__(self, exponent):
        return self.pow(exponent)

    def __rpow__(self, base):
        """base ** self: a Python number to the power of a floating CPU tensor is one kernel."""
        if (type(base) is float or type(base) is int) and self._bk is CPU and self._dtype.is_floating_point:
            return _cpu_result(_TPOW_NEW[self._dtype._index](base, self._h), self._dtype, self._shape)
        return _binary(base, self, "Tensor_cpow_new", "pow")

    def __ipow__(self, exponent):
        return self.pow_(exponent)

    def __neg__(self):
        return self.neg()

    def __pos__(self):
        return self

    def __abs__(self):
        return self.abs()

    def __matmul__(self, other):
        return self.matmul(other)

    def __rmatmul__(self, other):
        return other.matmul(self)

    # ---- unary ----

    def neg(self):
        if self._dtype is D.bool:
            raise TypeError("neg: expected a numeric tensor, but got torch.bool (use ~ or logical_not)")
        return _unary(self, "Tensor_neg_new", "neg")

    def neg_(self):
        if self._dtype is D.bool:
            raise TypeError("neg_: expected a numeric tensor, but got torch.bool (use logical_not_)")
        return _unary_(self, "Tensor_neg", "neg_")

    negative = neg
    negative_ = neg_

    def abs(self):
        return _unary(self, "Tensor_abs_new", "abs")

    def abs_(self):
        return _unary_(self, "Tensor_abs", "abs_")

    absolute = abs

    def sign(self):
        return _unary(self, "Tensor_sign_new", "sign")

    def sign_(self):
        return _unary_(self, "Tensor_sign", "sign_")


_NEG_NEW = CPU.table("Tensor_neg_new")
_ADD_SCALAR = CPU.table("Tensor_add")
_TPOW_NEW = CPU.table("Tensor_tpow_new")


def _binary_method(method, th, name, kind, reflected=False, alpha=False):
    """The method self OP other (other OP self when reflected) of TH kernel th; name: the op
    name errors give; alpha: the kernel takes alpha = 1 between the operands."""
    mid = (1,) if alpha else ()
    if reflected:
        def op(self, other):
            return _binary(other, self, th, name, kind, mid)
    else:
        def op(self, other):
            return _binary(self, other, th, name, kind, mid)
    op.__name__ = op.__qualname__ = method
    op.__doc__ = "self.%s(other): elementwise %s%s, with broadcasting and type promotion." % (
        method, name, " (reflected: other %s self)" % name if reflected else "")
    return op


def _inplace_method(method, th, name, kind, alpha=False):
    """The in-place method self OP= other of TH kernel th (see _binary_method)."""
    mid = (1,) if alpha else ()

    def op(self, other):
        return _binary_(self, other, th, name, kind, mid)
    op.__name__ = op.__qualname__ = method
    op.__doc__ = "self.%s(other): self = self %s other, in place (other broadcast to self's shape)." % (method, name)
    return op


# (method names, TH kernel, op name, kind): the binary methods self OP other made by _binary_method;
# the names after the first are aliases (the same function)
_BINARY_METHODS = [
    ("eq", "Tensor_eqTensor_new", "eq", COMPARE), ("ne not_equal", "Tensor_neTensor_new", "ne", COMPARE),
    ("lt less __lt__", "Tensor_ltTensor_new", "lt", COMPARE),
    ("le less_equal __le__", "Tensor_leTensor_new", "le", COMPARE),
    ("gt greater __gt__", "Tensor_gtTensor_new", "gt", COMPARE),
    ("ge greater_equal __ge__", "Tensor_geTensor_new", "ge", COMPARE),
    ("bitwise_and __and__", "Tensor_cbitand_new", "bitwise_and", BITWISE),
    ("bitwise_or __or__", "Tensor_cbitor_new", "bitwise_or", BITWISE),
    ("bitwise_xor __xor__", "Tensor_cbitxor_new", "bitwise_xor", BITWISE),
    ("bitwise_left_shift __lshift__", "Tensor_clshift_new", "bitwise_left_shift", BITWISE),
    ("bitwise_right_shift __rshift__", "Tensor_crshift_new", "bitwise_right_shift", BITWISE),
    ("logical_and", "Tensor_logicalAnd_new", "logical_and", LOGICAL),
    ("logical_or", "Tensor_logicalOr_new", "logical_or", LOGICAL),
    ("logical_xor", "Tensor_logicalXor_new", "logical_xor", LOGICAL),
    ("__truediv__", "Tensor_cdiv_new", "div", TRUEDIV),
]
# (method, TH kernel, op name, kind, alpha): other OP self
_REFLECTED_METHODS = [
    ("__radd__", "Tensor_cadd_new", "add", ARITH, True), ("__rmul__", "Tensor_cmul_new", "mul", ARITH, False),
    ("__rtruediv__", "Tensor_cdiv_new", "div", TRUEDIV, False),
    ("__rfloordiv__", "Tensor_cfloorDivide_new", "floor_divide", ARITH, False),
    ("__rmod__", "Tensor_cremainder_new", "remainder", ARITH, False),
    ("__rand__", "Tensor_cbitand_new", "bitwise_and", BITWISE, False),
    ("__ror__", "Tensor_cbitor_new", "bitwise_or", BITWISE, False),
    ("__rxor__", "Tensor_cbitxor_new", "bitwise_xor", BITWISE, False),
]
# (method names, TH kernel, op name, kind, alpha): self OP= other
_INPLACE_METHODS = [
    ("eq_", "Tensor_eqTensor_new", "eq_", COMPARE, False), ("ne_", "Tensor_neTensor_new", "ne_", COMPARE, False),
    ("lt_", "Tensor_ltTensor_new", "lt_", COMPARE, False), ("le_", "Tensor_leTensor_new", "le_", COMPARE, False),
    ("gt_", "Tensor_gtTensor_new", "gt_", COMPARE, False), ("ge_", "Tensor_geTensor_new", "ge_", COMPARE, False),
    ("bitwise_and_ __iand__", "Tensor_cbitand_new", "bitwise_and_", BITWISE, False),
    ("bitwise_or_ __ior__", "Tensor_cbitor_new", "bitwise_or_", BITWISE, False),
    ("bitwise_xor_ __ixor__", "Tensor_cbitxor_new", "bitwise_xor_", BITWISE, False),
    ("__iadd__", "Tensor_cadd_new", "add_", ARITH, True), ("__imul__", "Tensor_cmul_new", "mul_", ARITH, False),
    ("__itruediv__", "Tensor_cdiv_new", "div_", TRUEDIV, False),
]


def _set_methods(cls):
    """Puts the table-made methods onto cls."""
    for names, th, name, kind in _BINARY_METHODS:
        names = names.split()
        f = _binary_method(names[0], th, name, kind)
        for n in names:
            setattr(cls, n, f)
    for method, th, name, kind, alpha in _REFLECTED_METHODS:
        setattr(cls, method, _binary_method(method, th, name, kind, reflected=True, alpha=alpha))
    for names, th, name, kind, alpha in _INPLACE_METHODS:
        names = names.split()
        f = _inplace_method(names[0], th, name, kind, alpha)
        for n in names:
            setattr(cls, n, f)


_set_methods(PointwiseMixin)


def _out(result, out):
    """Writes result into `out` (resized to fit) when given, as PyTorch's out= does."""
    if out is None:
        return result
    if out._shape != result._shape:
        out.resize_(result._shape)
    return out.copy_(result)


def _tensor_only(x, name):
    if not isinstance(x, Tensor):
        raise TypeError("%s: expected a Tensor for other, but got %s" % (name, type(x).__name__))
    return x


def _no_bool_sub(a, b):
    if all(isinstance(x, Tensor) and x._dtype is D.bool or isinstance(x, bool) for x in (a, b)):
        raise TypeError("sub: expected numeric operands, but got two bool operands (use ^ or logical_xor)")


def _addc(self, t1, t2, value, th):
    dt = D.promote_types(D.promote_types(self._dtype, t1._dtype), t2._dtype)
    shape = broadcast_shapes(self._shape, t1._shape, t2._shape)
    a, b, c = (x._cast(dt).expand(*shape) for x in (self, t1, t2))
    return _wrap(self._bk.new(th, dt._index, a._h, dt._py(value), b._h, c._h), dt, self._bk, shape)


# Unary math, generated from a table: (method, TH name, computes ints in float, docstring).
_UNARY_FLOAT = [
    ("exp", "exp", "e ** x"), ("expm1", "expm1", "e ** x - 1, accurate near 0"), ("log", "log", "natural logarithm"),
    ("log2", "log2", "base-2 logarithm"), ("log10", "log10", "base-10 logarithm"),
    ("log1p", "log1p", "log(1 + x), accurate near 0"), ("sqrt", "sqrt", "square root"),
    ("rsqrt", "rsqrt", "1 / sqrt(x)"), ("sin", "sin", "sine"), ("cos", "cos", "cosine"), ("tan", "tan", "tangent"),
    ("asin", "asin", "arcsine"), ("acos", "acos", "arccosine"), ("atan", "atan", "arctangent"),
    ("sinh", "sinh", "hyperbolic sine"), ("cosh", "cosh", "hyperbolic cosine"),
    ("tanh", "tanh", "hyperbolic tangent"), ("sigmoid", "sigmoid", "1 / (1 + e ** -x)"),
    ("erf", "erf", "the error function"), ("erfinv", "erfinv", "the inverse error function"),
    ("lgamma", "lgamma", "log |gamma(x)|"), ("reciprocal", "cinv", "1 / x"),
]
# Rounding ops keep integer dtypes (they are the identity there) and are float math otherwise.
_UNARY_SAME = [
    ("ceil", "ceil", "smallest integer >= x"), ("floor", "floor", "largest integer <= x"),
    ("round", "round", "nearest integer, halves to even"), ("trunc", "trunc", "integer part (toward zero)"),
    ("frac", "frac", "x - trunc(x)"),
]


def _make_unary(method, th, doc, float_math):
    def op(self):
        if not float_math and not self._dtype.is_floating_point and method != "frac":
            return self.clone()
        return _unary(self, "Tensor_%s_new" % th, method, float_math=float_math)

    def op_(self):
        if not float_math and not self._dtype.is_floating_point and method != "frac":
            return self
        return _unary_(self, "Tensor_" + th, method + "_", float_math=True)

    op.__name__, op_.__name__ = method, method + "_"
    op.__doc__ = "Elementwise %s." % doc
    op_.__doc__ = "In-place %s." % method
    return op, op_


for _m, _th, _doc in _UNARY_FLOAT + _UNARY_SAME:
    _f, _f_ = _make_unary(_m, _th, _doc, (_m, _th, _doc) in _UNARY_FLOAT)
    setattr(PointwiseMixin, _m, _f)
    setattr(PointwiseMixin, _m + "_", _f_)
PointwiseMixin.arcsin, PointwiseMixin.arccos, PointwiseMixin.arctan = (
    PointwiseMixin.asin, PointwiseMixin.acos, PointwiseMixin.atan)
PointwiseMixin.fix = PointwiseMixin.trunc
del _m, _th, _doc, _f, _f_


# torch.<name>(tensor, ...) forms of these methods, and the module functions torch exports from here
TORCH_METHOD_FUNCTIONS = """
add sub subtract mul multiply div divide true_divide floor_divide remainder fmod pow atan2 arctan2 maximum minimum
fmax fmin lerp addcmul addcdiv clamp clip clamp_min clamp_max eq ne lt le gt ge greater greater_equal less
less_equal not_equal isnan isinf isfinite bitwise_and bitwise_or bitwise_xor bitwise_not bitwise_left_shift
bitwise_right_shift logical_and logical_or logical_xor logical_not neg negative abs absolute sign exp expm1 log log2
log10 log1p sqrt rsqrt sin cos tan asin acos atan arcsin arccos arctan sinh cosh tanh sigmoid erf erfinv lgamma
reciprocal ceil floor round trunc fix frac
""".split()
TORCH_FUNCTIONS = []
