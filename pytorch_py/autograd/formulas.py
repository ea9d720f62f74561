"""Derivative formulas of the Tensor operations, and their installation (layer: autograd).

Each `deriv(names, inputs=..., save=...)` entry gives the gradients of one operation: a function
(c, g) -> one gradient per name in `inputs` (a list for a list argument such as cat's tensors;
None for no gradient).  `c` holds the call's bound arguments (see _record).  Gradients are
written with Tensor operations, so they are themselves recorded under create_graph=True
(higher-order derivatives); a gradient whose shape or dtype differs from its input's is reduced
over broadcast dims and cast by the node.

Making another operation differentiable (e.g. the linear algebra, random or sorting mixins) is one
more `deriv(...)` entry here (or a call to `register(...)` from elsewhere in the autograd layer):
`install` wraps every named Tensor method (and its aliases) or module function that exists.
"""
import math

from .. import _dtype as D
from .. import _indexing, _ops_index, _ops_pointwise, _ops_shape
from .._broadcast import broadcast_shapes, wrap_dim
from ..tensor import Tensor
from . import _fast
from ._record import Ghost, Spec, differentiable, inplace, marked_inplace, sum_to

_T = (Tensor, Ghost)  # an argument that was a tensor (saved, or only its shape kept)

SPECS = []      # (names, spec kwargs, formula)
INPLACE = {}    # in-place method -> (out-of-place method, clone self first)


def deriv(names, inputs=("self",), save=(), save_out=False, view=False, multi=False, composite_if=None,
          list_input=None, node=None, extra=None):
    """Registers formula fn for the space-separated method/function names (see module docstring).
    save: argument names kept for the formula, or a callable(bound args) -> such names.  node: the
    node class name (PyTorch's), or a callable(bound args) -> name for ops whose overloads PyTorch
    names differently (sum() SumBackward0, sum(dim) SumBackward1)."""
    def deco(fn):
        SPECS.append((names.split(), dict(inputs=inputs, save=save, save_out=save_out, view=view, multi=multi,
                                          composite_if=composite_if, list_input=list_input, node=node,
                                          extra=extra), fn))
        return fn
    return deco


register = deriv


def _rg(x):
    return isinstance(x, Tensor) and x._ag is not None and x._ag.requires_grad


def _cross(a="self", b="other"):
    """Save b when a needs a gradient and a when b does (the product rule)."""
    def save(A):
        s = set()
        if _rg(A.get(a)):
            s.add(b)
        if _rg(A.get(b)):
            s.add(a)
        return s
    return save


def _zeros(shape, dt):
    from .._creation import zeros

    return zeros(shape, dtype=dt)


def _float_mask(mask, dt):
    return mask._cast(dt)


# ---------------------------------------------------------------- pointwise arithmetic

@deriv("add __add__", inputs=("self", "other"), node="AddBackward0")
def _add(c, g):
    a = getattr(c, "alpha", 1)
    return g, (g if a == 1 else g * a)


@deriv("__radd__", node="AddBackward0")
def _radd(c, g):
    return (g,)


@deriv("sub __sub__", inputs=("self", "other"), node="SubBackward0")
def _sub(c, g):
    a = getattr(c, "alpha", 1)
    return g, (-g if a == 1 else g * (-a))


@deriv("__rsub__", node="RsubBackward1")
def _rsub(c, g):
    return (-g,)


@deriv("mul __mul__", inputs=("self", "other"), save=_cross(), node="MulBackward0")
def _mul(c, g):
    return (g * c.other if c.need["self"] else None), (g * c.self if c.need["other"] else None)


@deriv("__rmul__", node="MulBackward0")
def _rmul(c, g):
    return (g * c.other,)


@deriv("div __truediv__", inputs=("self", "other"), save=("self", "other"), node="DivBackward0")
def _div(c, g):
    if getattr(c, "rounding_mode", None) is not None:
        return g * 0, (g * 0 if isinstance(c.other, Tensor) else None)
    gs = g / c.other if c.need["self"] else None
    go = -g * c.self / (c.other * c.other) if c.need["other"] else None
    return gs, go


@deriv("__rtruediv__", save=("self",), node="MulBackward0")
def _rdiv(c, g):
    return (-g * c.other / (c.self * c.self),)


def _pow_self(g, base, e):
    if isinstance(e, Tensor):
        return g * e * base.pow(e - 1)
    if e == 0:
        return g * 0
    return g * (e * base.pow(e - 1))


def _overload(arg, when_tensor, otherwise):
    """node= for ops PyTorch names by whether argument `arg` is a tensor."""
    return lambda A: when_tensor if isinstance(A.get(arg), Tensor) else otherwise


def _with_dim(without, with_dim, arg="dim"):
    """node= for reductions PyTorch names by whether a dim is given."""
    return lambda A: without if A.get(arg) is None else with_dim


@deriv("pow", inputs=("self", "exponent"), save=("self", "exponent"), save_out=True,
       node=_overload("exponent", "PowBackward1", "PowBackward0"))
def _pow(c, g):
    gs = _pow_self(g, c.self, c.exponent) if c.need["self"] else None
    ge = None
    if c.need["exponent"]:
        if isinstance(c.self, Tensor):
            ge = (g * c.out * c.self.log()).masked_fill((c.self == 0) & (c.exponent >= 0), 0)
        else:
            ge = g * c.out * math.log(c.self) if c.self > 0 else g * 0
    return gs, ge


@deriv("__rpow__", save_out=True, node="PowBackward2")
def _rpow(c, g):
    base = c.base
    return ((g * c.out * math.log(base)) if base > 0 else g * 0,)


@deriv("atan2", inputs=("self", "other"), save=("self", "other"), node="Atan2Backward0")
def _atan2(c, g):
    d = c.self * c.self + c.other * c.other
    return g * c.other / d, -g * c.self / d


@deriv("remainder __mod__", inputs=("self", "other"), save=("self", "other"),
       node=_overload("other", "RemainderBackward1", "RemainderBackward0"))
def _remainder(c, g):
    go = (-g * (c.self / c.other).floor()) if c.need["other"] else None
    return g, go


@deriv("__rmod__", save=("self",), node="RemainderBackward1")
def _rremainder(c, g):
    return (-g * (c.other / c.self).floor(),)


@deriv("fmod", inputs=("self", "other"), save=("self", "other"),
       node=_overload("other", "FmodBackward1", "FmodBackward0"))
def _fmod(c, g):
    go = (-g * (c.self / c.other).trunc()) if c.need["other"] else None
    return g, go


def _max_weights(a, b, dt):
    return _float_mask(a > b, dt) + _float_mask(a == b, dt) * 0.5


@deriv("maximum", inputs=("self", "other"), save=("self", "other"), node="MaximumBackward0")
def _maximum(c, g):
    w = _max_weights(c.self, c.other, g._dtype)
    return g * w, g * (1 - w)


@deriv("minimum", inputs=("self", "other"), save=("self", "other"), node="MinimumBackward0")
def _minimum(c, g):
    w = _max_weights(c.other, c.self, g._dtype)
    return g * w, g * (1 - w)


@deriv("lerp", inputs=("self", "end", "weight"), save=("self", "end", "weight"), node="LerpBackward0")
def _lerp(c, g):
    w = c.weight
    gw = g * (c.end - c.self) if isinstance(w, _T) else None
    return g * (1 - w), g * w, gw


@deriv("addcmul", inputs=("self", "tensor1", "tensor2"), save=("tensor1", "tensor2"), node="AddcmulBackward0")
def _addcmul(c, g):
    v = c.value
    return g, g * c.tensor2 * v, g * c.tensor1 * v


@deriv("addcdiv", inputs=("self", "tensor1", "tensor2"), save=("tensor1", "tensor2"), node="AddcdivBackward0")
def _addcdiv(c, g):
    v = c.value
    return g, g * v / c.tensor2, -g * v * c.tensor1 / (c.tensor2 * c.tensor2)


def _clamp_composite(A):
    return isinstance(A.get("min"), Tensor) or isinstance(A.get("max"), Tensor)


@deriv("clamp", save=("self",), composite_if=_clamp_composite, node="ClampBackward1")
def _clamp(c, g):
    x = c.self
    mask = None
    if c.min is not None:
        mask = x >= c.min
    if c.max is not None:
        m2 = x <= c.max
        mask = m2 if mask is None else mask & m2
    return (g * _float_mask(mask, g._dtype),)


@deriv("where", inputs=("input", "other"), save=("condition",), node="WhereBackward0")
def _where(c, g):
    cond = c.condition._cast(D.bool)
    return g.masked_fill(cond.logical_not(), 0), g.masked_fill(cond, 0)


# ---------------------------------------------------------------- unary math

def _unary(names, save_self=True, save_out=False, node=None):
    return deriv(names, save=("self",) if save_self else (), save_out=save_out, node=node)


@_unary("neg", save_self=False, node="NegBackward0")
def _neg(c, g):
    return (-g,)


@_unary("abs", node="AbsBackward0")
def _abs(c, g):
    return (g * c.self.sign(),)


@_unary("exp", save_self=False, save_out=True, node="ExpBackward0")
def _exp(c, g):
    return (g * c.out,)


@_unary("expm1", save_self=False, save_out=True, node="Expm1Backward0")
def _expm1(c, g):
    return (g * (c.out + 1),)


@_unary("log", node="LogBackward0")
def _log(c, g):
    return (g / c.self,)


@_unary("log2", node="Log2Backward0")
def _log2(c, g):
    return (g / (c.self * math.log(2.0)),)


@_unary("log10", node="Log10Backward0")
def _log10(c, g):
    return (g / (c.self * math.log(10.0)),)


@_unary("log1p", node="Log1PBackward0")
def _log1p(c, g):
    return (g / (c.self + 1),)


@_unary("sqrt", save_self=False, save_out=True, node="SqrtBackward0")
def _sqrt(c, g):
    return (g / (c.out * 2),)


@_unary("rsqrt", save_self=False, save_out=True, node="RsqrtBackward0")
def _rsqrt(c, g):
    return (g * c.out.pow(3) * -0.5,)


@_unary("sin", node="SinBackward0")
def _sin(c, g):
    return (g * c.self.cos(),)


@_unary("cos", node="CosBackward0")
def _cos(c, g):
    return (-g * c.self.sin(),)


@_unary("tan", save_self=False, save_out=True, node="TanBackward0")
def _tan(c, g):
    return (g * (c.out * c.out + 1),)


@_unary("asin", node="AsinBackward0")
def _asin(c, g):
    return (g / (1 - c.self * c.self).sqrt(),)


@_unary("acos", node="AcosBackward0")
def _acos(c, g):
    return (-g / (1 - c.self * c.self).sqrt(),)


@_unary("atan", node="AtanBackward0")
def _atan(c, g):
    return (g / (c.self * c.self + 1),)


@_unary("sinh", node="SinhBackward0")
def _sinh(c, g):
    return (g * c.self.cosh(),)


@_unary("cosh", node="CoshBackward0")
def _cosh(c, g):
    return (g * c.self.sinh(),)


@_unary("tanh", save_self=False, save_out=True, node="TanhBackward0")
def _tanh(c, g):
    return (g * (1 - c.out * c.out),)


@_unary("sigmoid", save_self=False, save_out=True, node="SigmoidBackward0")
def _sigmoid(c, g):
    return (g * c.out * (1 - c.out),)


@_unary("erf", node="ErfBackward0")
def _erf(c, g):
    return (g * (-(c.self * c.self)).exp() * (2.0 / math.sqrt(math.pi)),)


@_unary("erfinv", save_self=False, save_out=True, node="ErfinvBackward0")
def _erfinv(c, g):
    return (g * (c.out * c.out).exp() * (math.sqrt(math.pi) / 2.0),)


@_unary("reciprocal", save_self=False, save_out=True, node="ReciprocalBackward0")
def _reciprocal(c, g):
    return (-g * c.out * c.out,)


@_unary("frac", save_self=False, node="FracBackward0")
def _frac(c, g):
    return (g,)


@_unary("ceil floor round trunc sign", save_self=False, node=None)
def _zero_grad(c, g):
    return (g * 0,)


# ---------------------------------------------------------------- reductions

def _red_dims(dim, nd):
    if dim is None:
        return tuple(range(nd))
    if isinstance(dim, int):
        dim = (dim,)
    return tuple(sorted(wrap_dim(d, nd, "backward") for d in dim))


def _expand_back(g, shape, dim, keepdim):
    """g (a reduction over dim of a tensor of `shape`) broadcast back to shape."""
    if not shape:
        return g.reshape(())
    if not keepdim:
        for d in _red_dims(dim, len(shape)):
            g = g.unsqueeze(d)
    return g.expand(*shape)


def _count(shape, dim):
    n = 1
    for d in _red_dims(dim, len(shape)):
        n *= shape[d]
    return n


@deriv("sum", node=_with_dim("SumBackward0", "SumBackward1"))
def _sum(c, g):
    return (_expand_back(g, c.self._shape, c.dim, c.keepdim),)


@deriv("mean", node=_with_dim("MeanBackward0", "MeanBackward1"))
def _mean(c, g):
    shape = c.self._shape
    return (_expand_back(g, shape, c.dim, c.keepdim) / max(_count(shape, c.dim), 1),)


def _ddof(c):
    unbiased = c.unbiased
    dim = c.dim
    if isinstance(dim, bool):
        dim, unbiased = None, dim
    if c.correction is not None:
        return dim, c.correction
    return dim, (1 if unbiased else 0)


@deriv("var", save=("self",), node="VarBackward0")
def _var(c, g):
    x = c.self
    dim, ddof = _ddof(c)
    dims = _red_dims(dim, x.dim())
    n = _count(x._shape, dim)
    mu = x.mean(dims, keepdim=True) if dims else x
    return (_expand_back(g, x._shape, dim, c.keepdim) * (x - mu) * (2.0 / (n - ddof)),)


@deriv("std", save=("self",), save_out=True, node="StdBackward0")
def _std(c, g):
    x = c.self
    dim, ddof = _ddof(c)
    dims = _red_dims(dim, x.dim())
    n = _count(x._shape, dim)
    mu = x.mean(dims, keepdim=True) if dims else x
    ge = _expand_back(g / c.out, x._shape, dim, c.keepdim)
    return (ge * (x - mu) * (1.0 / (n - ddof)),)


def _norm_grad(x, g, out, p, dim, keepdim):
    if p == "fro" or p is None:
        p = 2.0
    p = float(p)
    ge = _expand_back(g, x._shape, dim, keepdim)
    oe = _expand_back(out, x._shape, dim, keepdim)
    if p == 0.0:
        return ge * 0
    if p == 1.0:
        return ge * x.sign()
    if math.isinf(p):
        mask = _float_mask(x.abs() == oe, ge._dtype)
        cnt = mask.sum(_red_dims(dim, x.dim()), keepdim=True) if x._shape else mask
        return x.sign() * mask * ge / cnt
    if p == 2.0:
        r = x * ge / oe
    else:
        r = x * x.abs().pow(p - 2) * ge / oe.pow(p - 1)
    return r.masked_fill(oe == 0, 0)


@deriv("norm", save=("self",), save_out=True, node="NormBackward1")
def _norm(c, g):
    return (_norm_grad(c.self, g, c.out, c.p, c.dim, c.keepdim),)


@deriv("dist", inputs=("self", "other"), save=("self", "other"), save_out=True, node="DistBackward0")
def _dist(c, g):
    d = c.self - c.other
    r = _norm_grad(d, g, c.out, c.p, None, False)
    return r, -r


def _other_products(x, d):
    """For each element along dim d, the product of the others (exact with zeros)."""
    n = x._shape[d]
    ones = x.narrow(d, 0, 1) * 0 + 1
    left = _ops_shape.cat([ones, x.narrow(d, 0, n - 1)], d).cumprod(d)
    right = _ops_shape.cat([ones, x.flip(d).narrow(d, 0, n - 1)], d).cumprod(d).flip(d)
    return left * right


@deriv("prod", save=("self",), node="ProdBackward0")
def _prod(c, g):
    x = c.self
    if x.numel() == 0:
        return (_zeros(x._shape, g._dtype),)
    if c.dim is None:
        if not x._shape:
            return (g,)
        return ((g * _other_products(x.reshape(-1), 0)).reshape(x._shape),)
    if not x._shape:
        return (g,)
    d = wrap_dim(c.dim, x.dim(), "prod")
    return (_expand_back(g, x._shape, d, c.keepdim) * _other_products(x, d),)


def _extreme_composite(A):
    return isinstance(A.get("other"), Tensor) or isinstance(A.get("dim"), Tensor)


def _extreme(c, g):
    x = c.self
    if c.dim is None:
        mask = _float_mask(x == c.out, g._dtype)
        return (g * mask / mask.sum(),)
    d = wrap_dim(c.dim, x.dim(), "max") if x._shape else 0
    idx = c.out[1]
    if not x._shape:
        return (g,)
    if not c.keepdim:
        g, idx = g.unsqueeze(d), idx.unsqueeze(d)
    return (_zeros(x._shape, g._dtype).scatter(d, idx, g),)


deriv("max", save=("self",), save_out=True, composite_if=_extreme_composite,
      node=_with_dim("MaxBackward1", "MaxBackward0"))(_extreme)
deriv("min", save=("self",), save_out=True, composite_if=_extreme_composite,
      node=_with_dim("MinBackward1", "MinBackward0"))(_extreme)


def _amax(c, g):
    x = c.self
    dim = c.dim if not (c.dim is not None and not isinstance(c.dim, int) and len(c.dim) == 0) else None
    keep = c.keepdim if dim is not None else False
    oe = _expand_back(c.out, x._shape, dim, keep)
    mask = _float_mask(x == oe, g._dtype)
    dims = _red_dims(dim, x.dim())
    cnt = mask.sum(dims, keepdim=True) if dims else mask
    return (_expand_back(g, x._shape, dim, keep) * mask / cnt,)


deriv("amax", save=("self",), save_out=True, node="AmaxBackward0")(_amax)
deriv("amin", save=("self",), save_out=True, node="AminBackward0")(_amax)


@deriv("logsumexp", save=("self",), save_out=True, node="LogsumexpBackward0")
def _logsumexp(c, g):
    x = c.self
    keep = getattr(c, "keepdim", False)
    return (_expand_back(g, x._shape, c.dim, keep) * (x - _expand_back(c.out, x._shape, c.dim, keep)).exp(),)


@deriv("cumsum", node="CumsumBackward0")
def _cumsum(c, g):
    if not g._shape:
        return (g,)
    d = wrap_dim(c.dim, g.dim(), "cumsum")
    return (g.flip(d).cumsum(d).flip(d),)


@deriv("cumprod", save=("self",), save_out=True, node="CumprodBackward0")
def _cumprod(c, g):
    if not g._shape:
        return (g,)
    d = wrap_dim(c.dim, g.dim(), "cumprod")
    return ((g * c.out).flip(d).cumsum(d).flip(d) / c.self,)


@deriv("trace", node="TraceBackward0")
def _trace(c, g):
    from .._creation import eye

    n, m = c.self._shape
    return (eye(n, m, dtype=g._dtype) * g,)


# ---------------------------------------------------------------- views and shapes

@deriv("view", view=True, node="ViewBackward0")
def _view(c, g):
    return (g.reshape(c.self._shape),)


@deriv("squeeze", view=True, node="SqueezeBackward0")
def _squeeze(c, g):
    return (g.reshape(c.self._shape),)


@deriv("unsqueeze", view=True, node="UnsqueezeBackward0")
def _unsqueeze(c, g):
    return (g.reshape(c.self._shape),)


@deriv("expand", view=True, node="ExpandBackward0")
def _expand(c, g):
    return (sum_to(g, c.self._shape),)


@deriv("permute", view=True, node="PermuteBackward0")
def _permute(c, g):
    dims = c.dims[0] if len(c.dims) == 1 and not isinstance(c.dims[0], int) else c.dims
    nd = len(dims)
    dims = [wrap_dim(d, nd, "permute") for d in dims]
    inv = [0] * nd
    for i, d in enumerate(dims):
        inv[d] = i
    return (g.permute(*inv),)


@deriv("transpose", view=True, node="TransposeBackward0")
def _transpose(c, g):
    return (g.transpose(c.dim0, c.dim1),)


@deriv("t", view=True, node="TBackward0")
def _t(c, g):
    return (g.t(),)


def _index_map_grad(g, shape, viewfn):
    """Gradient of base for a view / gather of it: each element of g added at the position of
    base the view took it from (found by applying viewfn to the positions 0..numel-1)."""
    from .._creation import arange

    n = 1
    for s in shape:
        n *= s
    idx = arange(n, dtype=D.int64).view(shape)
    m = viewfn(idx)
    z = _zeros((n,), g._dtype)
    return z.index_add(0, m.reshape(-1), g.reshape(-1)).view(shape)


@deriv("narrow", view=True, node="SliceBackward0")
def _narrow(c, g):
    return (_index_map_grad(g, c.self._shape, lambda t: t.narrow(c.dim, c.start, c.length)),)


@deriv("select", view=True, node="SelectBackward0")
def _select(c, g):
    return (_index_map_grad(g, c.self._shape, lambda t: t.select(c.dim, c.index)),)


@deriv("unfold", view=True, node="UnfoldBackward0")
def _unfold(c, g):
    return (_index_map_grad(g, c.self._shape, lambda t: t.unfold(c.dimension, c.size, c.step)),)


@deriv("diagonal", view=True, node="DiagonalBackward0")
def _diagonal(c, g):
    return (_index_map_grad(g, c.self._shape, lambda t: t.diagonal(c.offset, c.dim1, c.dim2)),)


def _geometry(A):
    t = A["self"]
    return {"geom": (t.stride(), t.storage_offset())}


@deriv("as_strided", view=True, extra=_geometry, node="AsStridedBackward0")
def _as_strided(c, g):
    from .._creation import arange

    st, off = c.geom
    size, stride = tuple(c.size), tuple(c.stride)
    voff = off if c.storage_offset is None else c.storage_offset

    def extent(sz, sd, o):
        if any(s == 0 for s in sz):
            return o
        return o + sum((a - 1) * b for a, b in zip(sz, sd)) + 1

    n = max(extent(c.self._shape, st, off), extent(size, stride, voff), 1)
    pos = arange(n, dtype=D.int64)
    base_idx = pos.as_strided(c.self._shape, st, off)
    view_idx = pos.as_strided(size, stride, voff)
    store = _zeros((n,), g._dtype).index_add(0, view_idx.reshape(-1), g.reshape(-1))
    return (store.take(base_idx),)


def _basic_key(A):
    key = A["key"]
    items = key if isinstance(key, tuple) else (key,)
    return not any(isinstance(k, (Tensor, list, bool)) or hasattr(k, "__array__") for k in items)


def _getitem_node(A):
    """PyTorch names basic indexing by its last step that changes something: an int selects, a
    slice slices (a full `:` is no step); advanced indexing is IndexBackward0."""
    key = A.get("key")
    items = key if type(key) is tuple else (key,)
    if not all(type(k) in (int, slice) for k in items):
        return "IndexBackward0"
    for k in reversed(items):
        if type(k) is int:
            return "SelectBackward0"
        if k != slice(None):
            return "SliceBackward0"
    return "AliasBackward0"


@deriv("__getitem__", save=("key",), view=_basic_key, node=_getitem_node)
def _getitem(c, g):
    return (_index_map_grad(g, c.self._shape, lambda t: _indexing.getitem(t, c.key)),)


@deriv("index_select", save=("index",), node="IndexSelectBackward0")
def _index_select(c, g):
    return (_index_map_grad(g, c.self._shape, lambda t: t.index_select(c.dim, c.index)),)


@deriv("gather", save=("index",), node="GatherBackward0")
def _gather(c, g):
    return (_index_map_grad(g, c.self._shape, lambda t: t.gather(c.dim, c.index)),)


@deriv("take", save=("index",), node="TakeBackward0")
def _take(c, g):
    return (_index_map_grad(g, c.self._shape, lambda t: t.take(c.index)),)


@deriv("masked_select", save=("mask",), node="MaskedSelectBackward0")
def _masked_select(c, g):
    shape = broadcast_shapes(c.self._shape, c.mask._shape)
    return (_index_map_grad(g, shape, lambda t: t.masked_select(c.mask)),)


@deriv("clone", node="CloneBackward0")
def _clone_grad(c, g):
    return (g,)


@deriv("contiguous", view=lambda A: A["self"].is_contiguous(), node="CloneBackward0")
def _contiguous(c, g):
    return (g,)


@deriv("_cast", node="ToCopyBackward0")
def _cast(c, g):
    return (g,)


def _cat_tensors(c):
    return [x for x in c.tensors]


@deriv("cat concat concatenate", inputs=("tensors",), list_input="tensors", node="CatBackward0")
def _cat(c, g):
    xs = c.tensors
    ref = next((x for x in xs if x._shape != (0,)), xs[0])
    d = wrap_dim(c.dim, len(ref._shape), "cat")
    out, start = [], 0
    for x in xs:
        if x._shape == (0,) and len(ref._shape) != 1:
            out.append(None)
            continue
        n = x._shape[d]
        out.append(g.narrow(d, start, n))
        start += n
    return (out,)


@deriv("stack", inputs=("tensors",), list_input="tensors", node="StackBackward0")
def _stack(c, g):
    d = wrap_dim(c.dim, g.dim(), "stack")
    return (list(g.unbind(d)),)


@deriv("tril", node="TrilBackward0")
def _tril(c, g):
    return (g.tril(c.diagonal),)


@deriv("triu", node="TriuBackward0")
def _triu(c, g):
    return (g.triu(c.diagonal),)


@deriv("diag", node="DiagBackward0")
def _diag(c, g):
    if c.self.dim() == 1:
        return (g.diagonal(c.diagonal),)
    return (_index_map_grad(g, c.self._shape, lambda t: t.diag(c.diagonal)),)


@deriv("flip", node="FlipBackward0")
def _flip(c, g):
    return (g.flip(*c.dims),)


@deriv("roll", node="RollBackward0")
def _roll(c, g):
    s = c.shifts
    neg = -s if isinstance(s, int) else tuple(-x for x in s)
    return (g.roll(neg, c.dims),)


@deriv("cross", inputs=("self", "other"), save=("self", "other"), node="LinalgCrossBackward0")
def _cross(c, g):
    d = c.dim
    if d is None:
        d = next(i for i, s in enumerate(g._shape) if s == 3)
    return c.other.cross(g, d), g.cross(c.self, d)


# ---------------------------------------------------------------- indexed writes (functional forms)

@deriv("masked_fill", inputs=("self", "value"), save=("mask",), node="MaskedFillBackward0")
def _masked_fill(c, g):
    mask = c.mask._cast(D.bool)
    gv = g.masked_fill(mask.logical_not(), 0).sum() if isinstance(c.value, _T) else None
    return g.masked_fill(mask, 0), gv


@deriv("masked_scatter", inputs=("self", "source"), save=("mask",), node="MaskedScatterBackward0")
def _masked_scatter(c, g):
    mask = c.mask._cast(D.bool)
    sel = g.masked_select(mask)
    n = c.source.numel()
    k = sel.numel()
    if k < n:
        sel = _ops_shape.cat([sel, _zeros((n - k,), g._dtype)], 0)
    return g.masked_fill(mask, 0), sel.view(c.source._shape)


@deriv("scatter", inputs=("self", "src"), save=("index",), node="ScatterBackward0")
def _scatter(c, g):
    if c.reduce is not None:
        raise RuntimeError("scatter: the derivative with reduce=%r is not implemented" % (c.reduce,))
    gsrc = g.gather(c.dim, c.index) if isinstance(c.src, _T) else None
    return g.scatter(c.dim, c.index, 0.0), gsrc


@deriv("scatter_add", inputs=("self", "src"), save=("index",), node="ScatterAddBackward0")
def _scatter_add(c, g):
    return g, g.gather(c.dim, c.index)


@deriv("index_add", inputs=("self", "source"), save=("index",), node="IndexAddBackward0")
def _index_add(c, g):
    gs = g.index_select(c.dim, c.index) if g._shape else g
    if c.alpha != 1:
        gs = gs * c.alpha
    return g, gs


@deriv("index_copy", inputs=("self", "source"), save=("index",), node="IndexCopyBackward0")
def _index_copy(c, g):
    return g.index_fill(c.dim, c.index, 0), g.index_select(c.dim, c.index)


@deriv("index_fill", inputs=("self", "value"), save=("index",), node="IndexFillBackward0")
def _index_fill(c, g):
    gv = g.index_select(c.dim, c.index).sum() if isinstance(c.value, _T) else None
    return g.index_fill(c.dim, c.index, 0), gv


@deriv("put", inputs=("self", "source"), save=("index",), node="PutBackward0")
def _put(c, g):
    gs = g if c.accumulate else g.put(c.index, _zeros(c.source._shape, g._dtype))
    return gs, g.take(c.index)


@deriv("index_put", inputs=("self", "values"), save=("indices",), node="IndexPutBackward0")
def _index_put(c, g):
    key = tuple(c.indices)
    gs = g if c.accumulate else g.index_put(key, _zeros((), g._dtype))
    return gs, g[key]


def _setitem_fn(self, key, value):
    """The value of self after self[key] = value, as a new tensor."""
    out = self.clone()
    _indexing.setitem(out, key, value)
    return out


@deriv("_setitem_fn", inputs=("self", "value"), save=("key",), node="CopySlices")
def _setitem_grad(c, g):
    from .._creation import ones

    mask = ones(g._shape, dtype=g._dtype)
    _indexing.setitem(mask, c.key, 0)
    gv = g[c.key] if isinstance(c.value, _T) else None
    return g * mask, gv


def _copy_fn(self, src, non_blocking=False):
    """The value of self after self.copy_(src)."""
    return self.clone().copy_(src)


@deriv("_copy_fn", inputs=("self", "src"), node="CopyBackwards")
def _copy_grad(c, g):
    return None, g


def _fill_fn(self, value):
    return self.clone().fill_(value)


@deriv("_fill_fn", inputs=("self", "value"), node="FillBackward0")
def _fill_grad(c, g):
    return None, (g.sum() if isinstance(c.value, _T) else None)


def _zero_fn(self):
    return self.clone().zero_()


@deriv("_zero_fn", node="ZeroBackward0")
def _zero_grad_fn(c, g):
    return (None,)


FUNCTIONALS = {"_setitem_fn": _setitem_fn, "_copy_fn": _copy_fn, "_fill_fn": _fill_fn, "_zero_fn": _zero_fn}


# ---------------------------------------------------------------- matrix products

def _matmul_grads(c, g, a, b):
    va, vb = a.dim() == 1, b.dim() == 1
    if va and vb:
        return (g * b if c.need.get("self", True) else None), (g * a if c.need.get("other", True) else None)
    a2 = a.unsqueeze(0) if va else a
    b2 = b.unsqueeze(-1) if vb else b
    g2 = g
    if va:
        g2 = g2.unsqueeze(-2)
    if vb:
        g2 = g2.unsqueeze(-1)
    ga = gb = None
    if c.need.get("self", True):
        ga = sum_to(g2.matmul(b2.transpose(-1, -2)), a2._shape).reshape(a._shape)
    if c.need.get(c.other_name, True):
        gb = sum_to(a2.transpose(-1, -2).matmul(g2), b2._shape).reshape(b._shape)
    return ga, gb


def _matmul_formula(other_name):
    def f(c, g):
        c.other_name = other_name
        return _matmul_grads(c, g, c.self, getattr(c, other_name))
    return f


def _matmul_node(A):
    a, b = A.get("self"), A.get("other")
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        if a.dim() == 1 and b.dim() == 1:
            return "DotBackward0"
        if a.dim() == 2 and b.dim() == 1:
            return "MvBackward0"
    return "MmBackward0"


deriv("matmul", inputs=("self", "other"), save=("self", "other"), node=_matmul_node)(_matmul_formula("other"))
deriv("mm", inputs=("self", "mat2"), save=("self", "mat2"), node="MmBackward0")(_matmul_formula("mat2"))
deriv("bmm", inputs=("self", "mat2"), save=("self", "mat2"), node="BmmBackward0")(_matmul_formula("mat2"))
deriv("mv", inputs=("self", "vec"), save=("self", "vec"), node="MvBackward0")(_matmul_formula("vec"))
deriv("dot", inputs=("self", "other"), save=("self", "other"), node="DotBackward0")(_matmul_formula("other"))


@deriv("outer ger", inputs=("self", "vec2"), save=("self", "vec2"), node="OuterBackward0")
def _outer(c, g):
    return g.matmul(c.vec2), g.transpose(0, 1).matmul(c.self)


# ---------------------------------------------------------------- in-place methods

for _name, _fn, _clone in [
        ("add_", "add", False), ("sub_", "sub", False), ("mul_", "mul", True), ("div_", "div", True),
        ("pow_", "pow", True), ("atan2_", "atan2", True), ("remainder_", "remainder", True),
        ("fmod_", "fmod", True), ("lerp_", "lerp", True), ("addcmul_", "addcmul", False),
        ("addcdiv_", "addcdiv", False), ("clamp_", "clamp", True), ("clip_", "clamp", True),
        ("neg_", "neg", False), ("negative_", "neg", False), ("abs_", "abs", True), ("sign_", "sign", False),
        ("__iadd__", "add", False), ("__imul__", "mul", True), ("__itruediv__", "div", True),
        ("copy_", "_copy_fn", False), ("fill_", "_fill_fn", False), ("zero_", "_zero_fn", False),
        ("masked_fill_", "masked_fill", False), ("masked_scatter_", "masked_scatter", False),
        ("index_fill_", "index_fill", False), ("index_copy_", "index_copy", False),
        ("index_add_", "index_add", False), ("scatter_", "scatter", False), ("scatter_add_", "scatter_add", False),
        ("put_", "put", False), ("index_put_", "index_put", False), ("tril_", "tril", False),
        ("triu_", "triu", False), ("cumsum_", "cumsum", False), ("cumprod_", "cumprod", True),
        ("__setitem__", "_setitem_fn", False)]:
    INPLACE[_name] = (_fn, _clone)
for _m in ("exp expm1 log log2 log10 log1p sqrt rsqrt sin cos tan asin acos atan sinh cosh tanh sigmoid erf erfinv "
           "reciprocal frac ceil floor round trunc arcsin arccos arctan fix").split():
    INPLACE[_m + "_"] = (_m, True)

# in-place methods that change only the tensor's header, or are autograd's own
_NOT_INPLACE = set("requires_grad_ detach_ resize_ resize_as_ set_ squeeze_ unsqueeze_ transpose_ t_ share_memory_ "
                   "retain_grad_".split())


def _camel(name):
    return "".join(p[:1].upper() + p[1:] for p in name.strip("_").split("_")) + "Backward0"


def _aliases(cls, fn):
    """Names under which function fn is found on cls (following the MRO)."""
    out = []
    for k in dir(cls):
        try:
            v = getattr(cls, k)
        except AttributeError:
            continue
        if v is fn:
            out.append(k)
    return out


_MODULE_FUNCTIONS = {"cat": _ops_shape, "concat": _ops_shape, "concatenate": _ops_shape, "stack": _ops_shape,
                     "where": _ops_index}
INSTALLED = {}


def _fast_form(name, raw, w):
    """The method installed for `name`: its fast recording path over w where _fast has one."""
    if name in ("mm", "matmul"):
        return _fast.fast_mm(raw, w)
    return _fast.fast_binary(name, w) or _fast.fast_unary(name, raw, w) or w


def install():
    """Wraps every Tensor method / module function with a formula (idempotent)."""
    if INSTALLED:
        return
    import sys

    this = sys.modules[__name__]
    for names, kw, fn in SPECS:
        for name in names:
            node = kw["node"] or _camel(name)
            node_for = None
            if callable(node):
                node_for, node = node, node({})
            spec = Spec(node, fn, kw["inputs"], kw["save"], kw["save_out"], kw["view"], kw["multi"],
                        kw["composite_if"], kw["list_input"])
            spec.node_for = node_for
            spec.extra = kw["extra"]
            spec.method_name = name
            if name in FUNCTIONALS:
                w = differentiable(FUNCTIONALS[name], spec)
                setattr(this, name, w)
                INSTALLED[name] = w
                continue
            if name in _MODULE_FUNCTIONS:
                mod = _MODULE_FUNCTIONS[name]
                w = differentiable(getattr(mod, name), spec)
                setattr(mod, name, w)
                INSTALLED[name] = w
                continue
            raw = getattr(Tensor, name, None)
            if raw is None or name in INSTALLED:
                continue
            if name in _ops_pointwise.FAST_OPERATORS:
                table, alpha, slow = _ops_pointwise.FAST_OPERATORS[name]
                w = differentiable(_ops_pointwise._raw_fast_operator(table, alpha, slow), spec)
                setattr(Tensor, name, _fast.fast_binary(name, w) or _ops_pointwise._fast_operator(table, alpha, w))
                INSTALLED[name] = w
                continue
            w = differentiable(raw, spec)
            method = _fast_form(name, raw, w)
            for alias in _aliases(Tensor, raw) or [name]:
                if alias not in INSTALLED:
                    setattr(Tensor, alias, method)
                    INSTALLED[alias] = w
    for name, (fname, clone) in INPLACE.items():
        raw = getattr(Tensor, name, None)
        if raw is None or name in INSTALLED:
            continue
        functional = getattr(this, fname) if fname in FUNCTIONALS else getattr(Tensor, fname)
        w = inplace(raw, functional, clone)
        for alias in _aliases(Tensor, raw) or [name]:
            if alias not in INSTALLED:
                setattr(Tensor, alias, w)
                INSTALLED[alias] = w
    # every other in-place method: the leaf rule and the version counter
    for name in dir(Tensor):
        if name.endswith("_") and not name.startswith("__") and name not in INSTALLED and name not in _NOT_INPLACE:
            raw = getattr(Tensor, name)
            if callable(raw) and not isinstance(raw, type):
                setattr(Tensor, name, marked_inplace(raw))
                INSTALLED[name] = raw
