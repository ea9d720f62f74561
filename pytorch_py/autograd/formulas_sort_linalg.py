"""Derivative formulas of the sorting/selection and linear-algebra operations (layer: autograd).

Registered with formulas.deriv like every other formula; the torch.linalg functions, which are
module functions taking `A`, with formulas_module.module_deriv and wrapped by install_linalg.
This module gathers the rest of the linear algebra and the remaining methods by importing them:
formulas_decomp (SVD, eigen, QR, LU), formulas_solve (solvers, lstsq, pinv, matrix_power,
slogdet), formulas_norm (linalg norms, cond) and formulas_misc (lgamma, renorm, addmm family ...).
"""
from .. import linalg
from .._broadcast import wrap_dim
from . import formulas_decomp, formulas_misc, formulas_norm, formulas_solve  # noqa: F401  (they register)
from ._matrix_helpers import inverse_grad as _inverse_grad
from .formulas import _zeros, deriv
from .formulas_module import install_module_functions, module_deriv


# ---------------------------------------------------------------- sorting and selection

def _scatter_back(c, g, keepdim):
    """The gradient of values gathered from self at c.out.indices along c.dim."""
    x = c.self
    if not x._shape:
        return (g,)
    d = wrap_dim(c.dim, x.dim(), "sort")
    idx = c.out[1]
    if not keepdim:
        g, idx = g.unsqueeze(d), idx.unsqueeze(d)
    return (_zeros(x._shape, g._dtype).scatter(d, idx, g),)


@deriv("sort topk", save=("self",), save_out=True, node="SortBackward0")
def _sort(c, g):
    return _scatter_back(c, g, keepdim=True)


@deriv("kthvalue mode", save=("self",), save_out=True, node="KthvalueBackward0")
def _kthvalue(c, g):
    return _scatter_back(c, g, keepdim=c.keepdim)


@deriv("median nanmedian", save=("self",), save_out=True, node="MedianBackward1")
def _median(c, g):
    if c.dim is None:  # a 0-d value: the gradient goes to the elements equal to it, shared evenly
        x = c.self
        mask = (x == c.out)._cast(g._dtype)
        return (g * mask / mask.sum(),)
    return _scatter_back(c, g, keepdim=c.keepdim)


# ---------------------------------------------------------------- linear algebra

def _det_grad(a, det, g):
    """d(det A) = det * A^-T (for invertible A)."""
    return (g * det).unsqueeze(-1).unsqueeze(-1) * a.inverse().transpose(-2, -1)


def _cholesky_grad(low, g, upper):
    """Gradient of L = cholesky(A) (lower) for symmetric A: with P = Phi(L^T G) (lower triangle,
    halved diagonal), S = L^-T P L^-1, the gradient is (S + S^T) / 2."""
    if upper:  # U = L^T
        low, g = low.transpose(-2, -1), g.transpose(-2, -1)
    p = _halve_diagonal(low.transpose(-2, -1).matmul(g).tril())
    linv = low.inverse()
    s = linv.transpose(-2, -1).matmul(p).matmul(linv)
    return (s + s.transpose(-2, -1)) * 0.5


def _halve_diagonal(p):
    """p with its diagonal (of the last two dims) halved."""
    n = p.shape[-1]
    from .._creation import eye

    scale = 1 - 0.5 * eye(n, dtype=p.dtype)
    return p * scale


@deriv("inverse", save_out=True, node="InverseBackward0")
def _inverse(c, g):
    return (_inverse_grad(c.out, g),)


@deriv("det", save=("self",), save_out=True, node="DetBackward0")
def _det(c, g):
    return (_det_grad(c.self, c.out, g),)


@deriv("logdet", save=("self",), node="LogdetBackward0")
def _logdet(c, g):
    return (g.unsqueeze(-1).unsqueeze(-1) * c.self.inverse().transpose(-2, -1),)


@deriv("cholesky potrf", save_out=True, node="CholeskyBackward0")
def _cholesky(c, g):
    return (_cholesky_grad(c.out, g, c.upper),)


@module_deriv(linalg, "inv", "LinalgInvExBackward0", save_out=True)
def _linalg_inv(c, g):
    return (_inverse_grad(c.out, g),)


@module_deriv(linalg, "det", "LinalgDetBackward0", save=("A",), save_out=True)
def _linalg_det(c, g):
    return (_det_grad(c.A, c.out, g),)


@module_deriv(linalg, "cholesky", "LinalgCholeskyExBackward0", save_out=True)
def _linalg_cholesky(c, g):
    return (_cholesky_grad(c.out, g, c.upper),)


@module_deriv(linalg, "cholesky_ex", "LinalgCholeskyExBackward0", save_out=True, multi=True)
def _linalg_cholesky_ex(c, g):
    return (_cholesky_grad(c.out[0], g[0], c.upper),)


def install_linalg():
    """Wraps the torch.linalg functions (and torch.chain_matmul, linalg.cond) with their formulas."""
    install_module_functions()
    formulas_norm.install_cond()
    formulas_misc.install_chain_matmul()
