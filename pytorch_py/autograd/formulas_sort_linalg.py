"""Derivative formulas of the sorting/selection and linear-algebra operations (layer: autograd).

Registered with formulas.deriv like every other formula; the torch.linalg functions, which are
module functions taking `A`, are wrapped by install_linalg.
"""
from .. import linalg
from .._broadcast import wrap_dim
from ._record import Spec, differentiable
from .formulas import _zeros, deriv


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

def _inverse_grad(a_inv, g):
    """d(A^-1) = -A^-T G A^-T."""
    t = a_inv.transpose(-2, -1)
    return -(t.matmul(g).matmul(t))


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


@deriv("cholesky", save_out=True, node="CholeskyBackward0")
def _cholesky(c, g):
    return (_cholesky_grad(c.out, g, c.upper),)


def _linalg_spec(name, fn, save=(), save_out=False):
    spec = Spec(name, fn, ("A",), save, save_out, False, False, None, None)
    spec.method_name = None
    return spec


def install_linalg():
    """Wraps torch.linalg.inv / det / cholesky with their formulas."""
    wrapped = {
        "inv": _linalg_spec("LinalgInvExBackward0", lambda c, g: (_inverse_grad(c.out, g),), save_out=True),
        "det": _linalg_spec("LinalgDetBackward0", lambda c, g: (_det_grad(c.A, c.out, g),), ("A",), True),
        "cholesky": _linalg_spec("LinalgCholeskyExBackward0", lambda c, g: (_cholesky_grad(c.out, g, c.upper),),
                                 save_out=True),
    }
    for name, spec in wrapped.items():
        raw = getattr(linalg, name)
        if not getattr(raw, "_autograd_wrapped", False):
            w = differentiable(raw, spec)
            w._autograd_wrapped = True
            setattr(linalg, name, w)
