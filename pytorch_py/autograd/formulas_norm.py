"""Derivative formulas of torch.linalg.vector_norm / matrix_norm (hence linalg.norm) and a
differentiable linalg.cond (layer: autograd).

vector_norm and the Frobenius norm use the p-norm gradient of Tensor.norm (zero at a zero norm,
shared evenly among ties for +-inf, as PyTorch); 'nuc' and 2 / -2 go through the SVD
(U V^T, and u v^T of the extreme singular value, shared among ties); the other matrix norms are
built from recorded abs / sum / amax and differentiate themselves.
"""
from .. import linalg
from .._broadcast import wrap_dim
from ..tensor import Tensor
from .formulas import _norm_grad, deriv  # noqa: F401  (deriv: the registration API of this layer)
from .formulas_module import module_deriv
from .grad_mode import STATE


@module_deriv(linalg, "vector_norm", "LinalgVectorNormBackward0", inputs=("x",), save=("x",), save_out=True)
def _vector_norm(c, g):
    return (_norm_grad(c.x, g, c.out, c.ord, c.dim, c.keepdim),)


def _svd_norm(A):
    return A["ord"] in ("nuc", 2, -2, "fro")


def _matrix_dims(A, dim):
    nd = A.dim()
    return tuple(wrap_dim(d, nd, "linalg.matrix_norm") for d in dim)


@module_deriv(linalg, "matrix_norm", "LinalgMatrixNormBackward0", save=("A",), save_out=True,
              composite_if=lambda A: not _svd_norm(A))
def _matrix_norm(c, g):
    A = c.A
    d0, d1 = _matrix_dims(A, c.dim)
    if c.ord == "fro":
        return (_norm_grad(A, g, c.out, 2, (d0, d1), c.keepdim),)
    rest = [d for d in range(A.dim()) if d not in (d0, d1)]
    perm = rest + [d0, d1]
    U, S, Vh = linalg.svd(A.permute(*perm), full_matrices=False)
    gb = g.reshape(*[A.shape[d] for d in rest], 1)
    if c.ord == "nuc":
        gs = gb.expand(*S.shape)
    else:
        ext = S.amax(-1, keepdim=True) if c.ord == 2 else S.amin(-1, keepdim=True)
        mask = (S == ext)._cast(S.dtype)
        gs = gb * mask / mask.sum(-1, keepdim=True)
    gp = (U * gs.unsqueeze(-2)).matmul(Vh)
    inv = [0] * len(perm)
    for i, d in enumerate(perm):
        inv[d] = i
    return (gp.permute(*inv),)


def _cond_recorded(A, p=None, *, out=None):
    """linalg.cond from recorded operations: the singular-value ratio for p None / 2 / -2, else
    norm(A) * norm(A^-1)."""
    if out is not None:
        raise RuntimeError("linalg.cond: out= is not supported when A requires grad")
    if p in (None, 2, -2):
        s = linalg.svdvals(A)
        return s[..., 0] / s[..., -1] if p != -2 else s[..., -1] / s[..., 0]
    return linalg.matrix_norm(A, p) * linalg.matrix_norm(linalg.inv(A), p)


def install_cond():
    """Makes linalg.cond differentiable: when recording, it is computed from the differentiable
    svdvals / matrix_norm / inv (idempotent)."""
    raw = linalg.cond
    if getattr(raw, "_autograd_wrapped", False):
        return

    def cond(A, p=None, *, out=None):
        if STATE.enabled and isinstance(A, Tensor) and A.requires_grad:
            return _cond_recorded(A, p, out=out)
        return raw(A, p, out=out)

    cond.__doc__ = raw.__doc__
    cond.__wrapped__ = raw
    cond._autograd_wrapped = True
    linalg.cond = cond
