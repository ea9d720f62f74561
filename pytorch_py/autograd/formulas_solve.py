"""Derivative formulas of the linear solvers and of what is built on them: solve, triangular and
Cholesky solves, cholesky_inverse, lu_solve, least squares, the pseudo-inverse, matrix powers,
slogdet and inv_ex (layer: autograd).

For X = A^-1 B the adjoints are gB = A^-T gX and gA = -gB X^T (and their transposes for the
right-sided forms X A = B); each formula says how it gets there.
"""
from .. import linalg
from .._ops_lapack import lu_unpack
from ._matrix_helpers import eye, inverse_grad, mT, solve_tri, tri_mask, used
from .formulas import deriv
from .formulas_module import module_deriv


def _as_matrix(x, vec):
    return x.unsqueeze(-1) if vec else x


def _vector_rhs(A, B):
    """torch.linalg.solve's rule: B is a vector (batch) when 1-d or A's batch shape + [n]."""
    return B.dim() == 1 or (B.dim() == A.dim() - 1 and tuple(B.shape) == tuple(A.shape[:-1]))


# ---------------------------------------------------------------- general solves

def _solve_grads(A, X, g, left):
    """(gA, gB) of X = A^-1 B (left) or X = B A^-1; X, g as matrices."""
    gb = linalg.solve(mT(A), g, left=left)
    ga = -gb.matmul(mT(X)) if left else -mT(X).matmul(gb)
    return ga, gb


@module_deriv(linalg, "solve", "LinalgSolveExBackward0", inputs=("A", "B"), save=("A",), save_out=True)
def _linalg_solve(c, g):
    vec = c.left and _vector_rhs(c.A, c.B)
    ga, gb = _solve_grads(c.A, _as_matrix(c.out, vec), _as_matrix(g, vec), c.left)
    return ga, (gb.squeeze(-1) if vec else gb)


@deriv("solve gesv", inputs=("self", "A"), save=("A",), save_out=True, node="SolveBackward0")
def _solve(c, g):
    """torch.solve(B, A) (PyTorch 1.x): X = A^-1 B; the LU output gets no gradient."""
    ga, gb = _solve_grads(c.A, c.out[0], g, True)
    return gb, ga


# ---------------------------------------------------------------- triangular solves

def _tri_grads(A, X, g, upper, left, unitriangular):
    """(gA, gB) of X = A^-1 B / B A^-1 for triangular A: gB solves with A^T (the other
    triangle), gA is -gB X^T (-X^T gB) restricted to the triangle the solve reads."""
    gb = solve_tri(mT(A), g, upper=not upper, left=left, unitriangular=unitriangular)
    ga = -gb.matmul(mT(X)) if left else -mT(X).matmul(gb)
    return tri_mask(ga, upper, unitriangular), gb


@module_deriv(linalg, "solve_triangular", "LinalgSolveTriangularBackward0", inputs=("A", "B"), save=("A",),
              save_out=True)
def _linalg_solve_triangular(c, g):
    return _tri_grads(c.A, c.out, g, c.upper, c.left, c.unitriangular)


@deriv("triangular_solve trtrs", inputs=("self", "A"), save=("A",), save_out=True, multi=True,
       node="TriangularSolveBackward0")
def _triangular_solve(c, g):
    """(solution, cloned_coefficient) of op(A) X = B, op the transpose when transpose=True; the
    clone passes its gradient to A unchanged."""
    gx, gm = g
    X = c.out[0]
    A = mT(c.A) if c.transpose else c.A
    upper = c.upper != c.transpose
    ga, gb = _tri_grads(A, X, gx, upper, True, c.unitriangular)
    if c.transpose:
        ga = mT(ga)
    return gb, ga + gm


# ---------------------------------------------------------------- Cholesky solves and inverse

def _chol_factor_grad(f, sym_g, upper):
    """Gradient of the factor f of A = f f^T (f^T f when upper) given dA's coefficient sym_g
    (symmetric): dA = df f^T + f df^T gives gf = 2 sym_g f (2 f sym_g when upper)."""
    return (f.matmul(sym_g) if upper else sym_g.matmul(f)) * 2


def _chol_solve_grads(X, F, g, upper):
    """X = A^-1 B with A from its Cholesky factor F: gB = A^-1 gX, gA = -gB X^T symmetrised."""
    gb = g.cholesky_solve(F, upper)
    s = gb.matmul(mT(X))
    return _chol_factor_grad(F, -(s + mT(s)) * 0.5, upper), gb


@deriv("cholesky_solve potrs", inputs=("self", "input2"), save=("input2",), save_out=True,
       node="CholeskySolveBackward0")
def _cholesky_solve(c, g):
    gf, gb = _chol_solve_grads(c.out, c.input2, g, c.upper)
    return gb, gf


@deriv("cholesky_inverse potri", save=("self",), save_out=True, node="CholeskyInverseBackward0")
def _cholesky_inverse(c, g):
    """out = (F F^T)^-1: gA = -out g out (symmetrised), then the factor's gradient."""
    s = c.out.matmul(g).matmul(c.out)
    return (_chol_factor_grad(c.self, -(s + mT(s)) * 0.5, c.upper),)


# ---------------------------------------------------------------- LU solve

def _lu_solve_grads(LU, pivots, X, g, left, adjoint, need_lu):
    """gB solves with A^T (from the same LU); gA is -gB X^T (left), -X^T gB (right) or their
    transposes when adjoint; gLU follows from A = P L U with L unit lower and U upper:
    tril(P^T gA U^T, -1) + triu(L^T P^T gA)."""
    gb = linalg.lu_solve(LU, pivots, g, left=left, adjoint=not adjoint)
    if not need_lu:
        return None, gb
    if left:
        ga = -X.matmul(mT(gb)) if adjoint else -gb.matmul(mT(X))
    else:
        ga = -mT(gb).matmul(X) if adjoint else -mT(X).matmul(gb)
    P, L, U = lu_unpack(LU, pivots)
    pga = mT(P).matmul(ga)
    return pga.matmul(mT(U)).tril(-1) + mT(L).matmul(pga).triu(), gb


@module_deriv(linalg, "lu_solve", "LinalgLuSolveBackward0", inputs=("LU", "B"), save=("LU", "pivots"),
              save_out=True)
def _linalg_lu_solve(c, g):
    return _lu_solve_grads(c.LU, c.pivots, c.out, g, c.left, c.adjoint, c.need["LU"])


@deriv("lu_solve btrisolve", inputs=("self", "LU_data"), save=("LU_data", "LU_pivots"), save_out=True,
       node="LinalgLuSolveBackward0")
def _lu_solve(c, g):
    glu, gb = _lu_solve_grads(c.LU_data, c.LU_pivots, c.out, g, True, False, c.need["LU_data"])
    return gb, glu


# ---------------------------------------------------------------- pseudo-inverse and least squares

def pinv_grad(A, P, gP):
    """Gradient of P = pinv(A) where A's rank is locally constant (Golub & Pereyra):
    dP = -P dA P + P P^T dA^T (I - A P) + (I - P A) dA^T P^T P, whose adjoint is
    -P^T gP P^T + (I - A P) gP^T P P^T + P^T P gP^T (I - P A)."""
    m, n = A.shape[-2:]
    pt = mT(P)
    gpt = mT(gP)
    res_a = eye(m, A.dtype) - A.matmul(P)
    res_p = eye(n, A.dtype) - P.matmul(A)
    return -pt.matmul(gP).matmul(pt) + res_a.matmul(gpt).matmul(P.matmul(pt)) + pt.matmul(P).matmul(gpt).matmul(res_p)


@module_deriv(linalg, "pinv", "LinalgPinvBackward0", save=("A",), save_out=True)
def _linalg_pinv(c, g):
    return (pinv_grad(c.A, c.out, g),)


@deriv("pinverse", save=("self",), save_out=True, node="PinverseBackward0")
def _pinverse(c, g):
    return (pinv_grad(c.self, c.out, g),)


@module_deriv(linalg, "lstsq", "LinalgLstsqBackward0", inputs=("A", "B"), save=("A", "B"), save_out=True,
              multi=True)
def _linalg_lstsq(c, g):
    """X = pinv(A) B: gB = pinv(A)^T gX, gA through pinv with gP = gX B^T.  The residuals
    r_j = |A x_j - b_j|^2 (full-rank, tall A) have, X being their minimiser, gA = 2 R diag(g) X^T
    and gB = -2 R diag(g), R = A X - B."""
    A = c.A
    vec = c.B.dim() == 1 or (c.B.dim() == A.dim() - 1 and tuple(c.B.shape[:-1]) == tuple(A.shape[:-2]))
    B = _as_matrix(c.B, vec)
    X = _as_matrix(c.out[0], vec)
    gx = _as_matrix(g[0], vec)
    P = linalg.pinv(A)
    ga = pinv_grad(A, P, gx.matmul(mT(B)))
    gb = mT(P).matmul(gx)
    gr = g[1]
    if used(gr):
        r = A.matmul(X) - B
        rg = r * (gr.unsqueeze(-1) if vec else gr).unsqueeze(-2) * 2
        ga = ga + rg.matmul(mT(X))
        gb = gb - rg
    return ga, (gb.squeeze(-1) if vec else gb)


@deriv("gels lstsq", inputs=("self", "A"), node="LstsqBackward0")
def _lstsq_old(c, g):
    raise NotImplementedError("the derivative for 'lstsq' is not implemented (use torch.linalg.lstsq)")


# ---------------------------------------------------------------- powers, determinants, inverses

def _matrix_power_grad(A, n, g):
    """A^n for n < 0 is B^|n| with B = A^-1: gB = sum_k (B^T)^k g (B^T)^(|n|-1-k), then the
    inverse's gradient -B^T gB B^T.  n = 0: the identity, zero gradient."""
    if n == 0:
        return g * 0
    B = linalg.inv(A)
    bt = mT(B)
    m = -n
    powers = [None, bt]  # (B^T)^k, None for the identity
    for _ in range(2, m):
        powers.append(powers[-1].matmul(bt))
    acc = None
    for k in range(m):
        term = g if powers[k] is None else powers[k].matmul(g)
        if powers[m - 1 - k] is not None:
            term = term.matmul(powers[m - 1 - k])
        acc = term if acc is None else acc + term
    return inverse_grad(B, acc)


def _power_composite(A):
    n = A["n"]
    return isinstance(n, int) and n > 0  # products of A: the matmuls record themselves


@deriv("matrix_power", save=("self",), composite_if=_power_composite, node="LinalgMatrixPowerBackward0")
def _matrix_power(c, g):
    return (_matrix_power_grad(c.self, c.n, g),)


@module_deriv(linalg, "matrix_power", "LinalgMatrixPowerBackward0", save=("A",), composite_if=_power_composite)
def _linalg_matrix_power(c, g):
    return (_matrix_power_grad(c.A, c.n, g),)


def _slogdet_grad(A, g):
    """Only logabsdet is differentiable (sign is locally constant): g * A^-T."""
    return (g[1].unsqueeze(-1).unsqueeze(-1) * mT(linalg.inv(A)),)


@deriv("slogdet", save=("self",), multi=True, node="LinalgSlogdetBackward0")
def _slogdet(c, g):
    return _slogdet_grad(c.self, g)


@module_deriv(linalg, "slogdet", "LinalgSlogdetBackward0", save=("A",), multi=True)
def _linalg_slogdet(c, g):
    return _slogdet_grad(c.A, g)


@module_deriv(linalg, "inv_ex", "LinalgInvExBackward0", save_out=True, multi=True)
def _linalg_inv_ex(c, g):
    return (inverse_grad(c.out[0], g[0]),)
