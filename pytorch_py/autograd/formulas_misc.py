"""Derivative formulas of the remaining differentiable Tensor methods: lgamma, renorm, the
addmm family, inner / vdot, torch.chain_matmul, bernoulli; and the ops PyTorch refuses to
differentiate (floor_divide, unique, geqrf ...), whose backward raises as PyTorch's does
(layer: autograd).
"""
import math

from .. import _ops_blas, linalg
from ..tensor import Tensor
from ._matrix_helpers import mT
from .formulas import INPLACE, _matmul_formula, _norm_grad, deriv
from .formulas_module import module_deriv
from .grad_mode import STATE


# ---------------------------------------------------------------- lgamma and digamma

# Bernoulli-number coefficients of digamma's asymptotic series in 1 / z^2 (z >= 6: error < 1e-13)
_PSI_SERIES = (-1.0 / 12, 1.0 / 120, -1.0 / 252, 1.0 / 240, -1.0 / 132, 691.0 / 32760)
_PSI_SHIFT = 6


def _digamma_positive(x):
    """psi(x) for x > 0: psi(x) = psi(x + 6) - sum_{k<6} 1 / (x + k), then the asymptotic series
    log z - 1 / (2 z) - sum B_2k / (2k z^2k) at z = x + 6."""
    shift = 1 / x
    for k in range(1, _PSI_SHIFT):
        shift = shift + 1 / (x + k)
    z = x + _PSI_SHIFT
    w = 1 / (z * z)
    series = w * 0
    for coef in reversed(_PSI_SERIES):
        series = (series + coef) * w
    return z.log() - 0.5 / z + series - shift


def digamma(x):
    """The digamma function psi = lgamma' from Tensor operations (so it has derivatives itself):
    the reflection psi(x) = psi(1 - x) - pi / tan(pi x) for x <= 0; -inf at 0 and nan at the
    other poles (negative integers), as PyTorch's digamma.  Each branch gets only the inputs it
    is valid for, so the other's derivatives stay finite."""
    pos = x > 0
    xp = x.masked_fill(pos.logical_not(), 1.0)
    xr = x.masked_fill(pos, 0.5)
    reflected = _digamma_positive(1 - xr) - math.pi / (xr * math.pi).tan()
    out = _digamma_positive(xp).masked_fill(pos.logical_not(), 0) + reflected.masked_fill(pos, 0)
    pole = pos.logical_not() & (x == x.floor())
    return out.masked_fill(pole & (x != 0), math.nan).masked_fill(pole & (x == 0), -math.inf)


@deriv("lgamma", save=("self",), node="LgammaBackward0")
def _lgamma(c, g):
    return (g * digamma(c.self),)


# ---------------------------------------------------------------- renorm

@deriv("renorm", save=("self",), node="RenormBackward0")
def _renorm(c, g):
    """out = x * s per slice along dim, s = maxnorm / (n + 1e-7) where the slice's p-norm n
    exceeds maxnorm, else 1: gx = g s + [n > maxnorm] ds/dn sum(g x) dn/dx."""
    x = c.self
    d = c.dim % x.dim()
    dims = tuple(i for i in range(x.dim()) if i != d)
    n = linalg.vector_norm(x, c.p, dims, True)
    over = n > c.maxnorm
    den = n + 1e-7
    s = (c.maxnorm / den).masked_fill(over.logical_not(), 1.0)
    coef = ((g * x).sum(dims, keepdim=True) * (-c.maxnorm) / (den * den)).masked_fill(over.logical_not(), 0)
    return (g * s + _norm_grad(x, coef, n, c.p, dims, True),)


# ---------------------------------------------------------------- addmm family, inner, vdot

def _product_save(a, b):
    """Save b when a needs a gradient and a when b does (the product rule)."""
    def save(A):
        s = set()
        for x, y in ((a, b), (b, a)):
            v = A.get(x)
            if isinstance(v, Tensor) and v.requires_grad:
                s.add(y)
        return s
    return save


def _scaled(t, k):
    return t if k == 1 else t * k


@deriv("addmm", inputs=("self", "mat1", "mat2"), save=_product_save("mat1", "mat2"), node="AddmmBackward0")
def _addmm(c, g):
    g1 = _scaled(g.matmul(mT(c.mat2)), c.alpha) if c.need["mat1"] else None
    g2 = _scaled(mT(c.mat1).matmul(g), c.alpha) if c.need["mat2"] else None
    return _scaled(g, c.beta) if c.need["self"] else None, g1, g2


@deriv("addmv", inputs=("self", "mat", "vec"), save=_product_save("mat", "vec"), node="AddmvBackward0")
def _addmv(c, g):
    gm = _scaled(g.outer(c.vec), c.alpha) if c.need["mat"] else None
    gv = _scaled(mT(c.mat).mv(g), c.alpha) if c.need["vec"] else None
    return _scaled(g, c.beta) if c.need["self"] else None, gm, gv


@deriv("addr", inputs=("self", "vec1", "vec2"), save=_product_save("vec1", "vec2"), node="AddrBackward0")
def _addr(c, g):
    g1 = _scaled(g.mv(c.vec2), c.alpha) if c.need["vec1"] else None
    g2 = _scaled(mT(g).mv(c.vec1), c.alpha) if c.need["vec2"] else None
    return _scaled(g, c.beta) if c.need["self"] else None, g1, g2


@deriv("baddbmm", inputs=("self", "batch1", "batch2"), save=_product_save("batch1", "batch2"), node="BaddbmmBackward0")
def _baddbmm(c, g):
    g1 = _scaled(g.bmm(mT(c.batch2)), c.alpha) if c.need["batch1"] else None
    g2 = _scaled(mT(c.batch1).bmm(g), c.alpha) if c.need["batch2"] else None
    return _scaled(g, c.beta) if c.need["self"] else None, g1, g2


@deriv("addbmm", inputs=("self", "batch1", "batch2"), save=_product_save("batch1", "batch2"), node="AddbmmBackward0")
def _addbmm(c, g):
    """The batch sum's gradient is g for every batch element."""
    b = c.batch1.shape[0]
    ge = g.unsqueeze(0).expand(b, *g.shape)
    g1 = _scaled(ge.bmm(mT(c.batch2)), c.alpha) if c.need["batch1"] else None
    g2 = _scaled(mT(c.batch1).bmm(ge), c.alpha) if c.need["batch2"] else None
    return _scaled(g, c.beta) if c.need["self"] else None, g1, g2


def _rows(shape):
    n = 1
    for s in shape[:-1]:
        n *= s
    return n


def _inner_scalar(A):
    """inner with a 0-d operand is a product, which records itself."""
    return any(isinstance(A.get(k), Tensor) and A[k].dim() == 0 for k in ("self", "other"))


@deriv("inner", inputs=("self", "other"), save=_product_save("self", "other"), composite_if=_inner_scalar,
       node="InnerBackward0")
def _inner(c, g):
    """out[I, J] = sum_k a[I, k] b[J, k]: with a, b flattened to [p, k], [q, k] and g to [p, q],
    ga = g b and gb = g^T a."""
    a, b = c.self, c.other
    p, q = _rows(a.shape), _rows(b.shape)
    g2 = g.reshape(p, q)
    ga = g2.matmul(b.reshape(q, b.shape[-1])).reshape(a.shape) if c.need["self"] else None
    gb = mT(g2).matmul(a.reshape(p, a.shape[-1])).reshape(b.shape) if c.need["other"] else None
    return ga, gb


deriv("vdot", inputs=("self", "other"), save=("self", "other"), node="DotBackward0")(_matmul_formula("other"))


def _chain_recorded(raw):
    """torch.chain_matmul recording through Tensor.mm when a matrix requires grad (the product
    order does not change the gradient); bad arguments still get chain_matmul's own errors."""
    def chain_matmul(*matrices, out=None):
        mats = tuple(matrices[0]) if len(matrices) == 1 and isinstance(matrices[0], (list, tuple)) else matrices
        recording = STATE.enabled and any(isinstance(m, Tensor) and m.requires_grad for m in mats)
        if not recording:
            return raw(*matrices, out=out)
        if out is not None:
            raise RuntimeError("chain_matmul(): functions with out=... arguments don't support automatic "
                               "differentiation, but one of the arguments requires grad.")
        well_formed = mats and all(isinstance(m, Tensor) and m.dim() == 2 for m in mats) and all(
            a.shape[1] == b.shape[0] for a, b in zip(mats, mats[1:]))
        if not well_formed:
            return raw(*matrices)  # raises the descriptive error
        r = mats[0].clone() if len(mats) == 1 else mats[0]
        for m in mats[1:]:
            r = r.mm(m)
        return r

    chain_matmul.__doc__ = raw.__doc__
    chain_matmul.__wrapped__ = raw
    chain_matmul._autograd_wrapped = True
    return chain_matmul


def install_chain_matmul():
    """Replaces torch.chain_matmul (in _ops_blas, before torch.* copies it) with the recording form."""
    if not getattr(_ops_blas.chain_matmul, "_autograd_wrapped", False):
        _ops_blas.chain_matmul = _chain_recorded(_ops_blas.chain_matmul)


# ---------------------------------------------------------------- random draws and non-differentiable ops

@deriv("bernoulli", node="BernoulliBackward0")
def _bernoulli(c, g):
    """A draw does not move smoothly with its probabilities: zero gradient, as PyTorch."""
    return (g * 0,)


def _not_implemented(name):
    def formula(c, g):
        raise NotImplementedError("the derivative for '%s' is not implemented." % name)
    return formula


for _names, _inputs, _node in [("floor_divide", ("self", "other"), "FloorDivideBackward0"),
                               ("unique", ("self",), "UniqueBackward0"),
                               ("unique_consecutive", ("self",), "UniqueConsecutiveBackward0"),
                               ("geqrf", ("self",), "GeqrfBackward0"),
                               ("orgqr", ("self", "input2"), "HouseholderProductBackward0"),
                               ("ormqr", ("self", "input2", "input3"), "OrmqrBackward0"),
                               ("pstrf", ("self",), "PstrfBackward0")]:
    deriv(_names, inputs=_inputs, node=_node)(_not_implemented(_names))
module_deriv(linalg, "householder_product", "LinalgHouseholderProductBackward0", inputs=("A", "tau"))(
    _not_implemented("linalg.householder_product"))

# in-place forms recorded through the out-of-place formulas above (clone: the formula saves self)
for _name, _fn, _clone in [("addmm_", "addmm", False), ("addmv_", "addmv", False), ("addr_", "addr", False),
                           ("addbmm_", "addbmm", False), ("baddbmm_", "baddbmm", False), ("lgamma_", "lgamma", True)]:
    INPLACE.setdefault(_name, (_fn, _clone))
