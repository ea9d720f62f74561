"""Derivative formulas of the matrix decompositions: SVD, symmetric and real general eigen-
decompositions, QR and LU, as Tensor methods (torch.svd ...) and torch.linalg functions
(layer: autograd).

The formulas are the standard adjoints of each factorisation (derived in the comments).  As in
PyTorch, gradients through singular vectors / eigenvectors are finite only when the singular
values / eigenvalues are distinct, and only meaningful for losses invariant to the vectors'
signs; the values alone (svdvals, eigvalsh, ...) are differentiable everywhere they are simple.
"""
from .. import linalg
from .._ops_lapack import lu_unpack
from ._matrix_helpers import diag_embed, mT, pair_diff, solve_tri, sym_from_upper, used
from .formulas import deriv
from .formulas_module import module_deriv


# ---------------------------------------------------------------- SVD

def svd_grad(U, S, Vh, gU, gS, gVh):
    """Gradient of A = U diag(S) Vh (reduced: U [..., m, k], Vh [..., k, n]).

    With dP = U^T dA V = U^T dU S + dS + S dV^T V and the antisymmetric U^T dU, V^T dV solved
    from dP's off-diagonal pairs, the adjoint is U M Vh with M = (skew(U^T gU) S_j + S_i
    skew(V^T gV)) / (S_j^2 - S_i^2) + diag(gS); the columns of dU (dV) outside span(U)
    (span(V)) add (I - U U^T) gU S^-1 Vh (U S^-1 gVh (I - V V^T))."""
    m, n, k = U.shape[-2], Vh.shape[-1], S.shape[-1]
    use_u, use_v = used(gU), used(gVh)
    if not use_u and not use_v:
        return (U * gS.unsqueeze(-2)).matmul(Vh)
    num = None
    if use_u:
        j = mT(U).matmul(gU)
        num = (j - mT(j)) * S.unsqueeze(-2)
    if use_v:
        kv = Vh.matmul(mT(gVh))
        t = S.unsqueeze(-1) * (kv - mT(kv))
        num = t if num is None else num + t
    S2 = S * S
    inner = num / pair_diff(S2) + diag_embed(gS)
    ga = U.matmul(inner).matmul(Vh)
    if m > k and use_u:
        gus = gU / S.unsqueeze(-2)
        ga = ga + (gus - U.matmul(mT(U).matmul(gus))).matmul(Vh)
    if n > k and use_v:
        sgv = gVh / S.unsqueeze(-1)
        ga = ga + U.matmul(sgv - sgv.matmul(mT(Vh)).matmul(Vh))
    return ga


def _narrow_full(U, Vh, gU, gVh, k):
    """full_matrices=True: only the first k columns of U / rows of Vh depend on A smoothly;
    PyTorch differentiates through those (the rest of U / Vh gets no gradient)."""
    return U[..., :k], Vh[..., :k, :], gU[..., :k], gVh[..., :k, :]


def _svdvals_grad(a, gS):
    U, _, Vh = linalg.svd(a, full_matrices=False)
    return (U * gS.unsqueeze(-2)).matmul(Vh)


@deriv("svd", save=("self",), save_out=True, multi=True, node="SvdBackward0")
def _svd(c, g):
    gU, gS, gV = g
    U, S, V = c.out
    if not c.compute_uv:
        return (_svdvals_grad(c.self, gS),)
    k = S.shape[-1]
    U, Vh, gU, gVh = _narrow_full(U, mT(V), gU, mT(gV), k)
    return (svd_grad(U, S, Vh, gU, gS, gVh),)


@module_deriv(linalg, "svd", "LinalgSvdBackward0", save_out=True, multi=True)
def _linalg_svd(c, g):
    gU, gS, gVh = g
    U, S, Vh = c.out
    U, Vh, gU, gVh = _narrow_full(U, Vh, gU, gVh, S.shape[-1])
    return (svd_grad(U, S, Vh, gU, gS, gVh),)


@module_deriv(linalg, "svdvals", "LinalgSvdBackward0", save=("A",))
def _linalg_svdvals(c, g):
    return (_svdvals_grad(c.A, g),)


# ---------------------------------------------------------------- symmetric eigendecomposition

def eigh_grad(L, V, gL, gV):
    """Gradient of A = V diag(L) V^T for symmetric A: V^T dA V = dL + Omega L - L Omega with
    Omega = V^T dV antisymmetric, so Omega_ij = (V^T dA V)_ij / (L_j - L_i); the adjoint,
    symmetrised, is V (diag(gL) + skew(V^T gV) / 2 / (L_j - L_i)) V^T."""
    if not used(gV):
        return (V * gL.unsqueeze(-2)).matmul(mT(V))
    x = mT(V).matmul(gV)
    inner = (x - mT(x)) * 0.5 / pair_diff(L) + diag_embed(gL)
    return V.matmul(inner).matmul(mT(V))


def _eigvals_grad(a, gL, upper):
    _, V = linalg.eigh(a, "U" if upper else "L")
    return (V * gL.unsqueeze(-2)).matmul(mT(V))


@deriv("symeig", save=("self",), save_out=True, multi=True, node="SymeigBackward0")
def _symeig(c, g):
    gL, gV = g
    L, V = c.out
    if not c.eigenvectors:
        return (_eigvals_grad(c.self, gL, c.upper),)
    return (eigh_grad(L, V, gL, gV),)


@module_deriv(linalg, "eigh", "LinalgEighBackward0", save_out=True, multi=True)
def _linalg_eigh(c, g):
    return (eigh_grad(c.out[0], c.out[1], g[0], g[1]),)


@module_deriv(linalg, "eigvalsh", "LinalgEighBackward0", save=("A",))
def _linalg_eigvalsh(c, g):
    return (_eigvals_grad(c.A, g, c.UPLO in ("U", "u")),)


# ---------------------------------------------------------------- real general eigendecomposition

def eig_grad(L, V, gL, gV):
    """Gradient of A V = V diag(L) (real eigenvalues, unit-norm eigenvectors): with
    C = V^-1 dV, C_ij = (V^-1 dA V)_ij / (L_j - L_i) off the diagonal and the diagonal fixed by
    the normalisation; the adjoint is V^-T (diag(gL) + (X - V^T V diag(X_ii)) / (L_j - L_i)) V^T,
    X = V^T gV."""
    inner = diag_embed(gL)
    if used(gV):
        x = mT(V).matmul(gV)
        xd = x.diagonal(0, -2, -1)
        y = x - mT(V).matmul(V) * xd.unsqueeze(-2)
        inner = inner + y / pair_diff(L)
    return linalg.solve(mT(V), inner.matmul(mT(V)))


@module_deriv(linalg, "eig", "LinalgEigBackward0", save_out=True, multi=True)
def _linalg_eig(c, g):
    return (eig_grad(c.out[0], c.out[1], g[0], g[1]),)


@module_deriv(linalg, "eigvals", "LinalgEigBackward0", save=("A",))
def _linalg_eigvals(c, g):
    L, V = linalg.eig(c.A)
    return (eig_grad(L, V, g, None),)


@deriv("eig", save=("self",), save_out=True, multi=True, node="EigBackward0")
def _eig(c, g):
    """torch.eig (PyTorch 1.x): eigenvalues as (real, imaginary) columns; differentiable only
    when every eigenvalue is real, as in PyTorch."""
    e, V = c.out
    if e.numel() and bool((e[..., 1] != 0).any().item()):
        raise RuntimeError("eig_backward: the derivative of eig is only implemented for real eigenvalues")
    gL = g[0][..., 0]
    if not c.eigenvectors:
        L, V = linalg.eig(c.self)
        return (eig_grad(L, V, gL, None),)
    return (eig_grad(e[..., 0], V, gL, g[1]),)


# ---------------------------------------------------------------- QR

def qr_grad(Q, R, gQ, gR):
    """Gradient of the reduced A = Q R, A [..., m, n].  For m >= n (Q^T dA R^-1 = Q^T dQ + dR R^-1
    is antisymmetric plus upper triangular): gA = (gQ + Q sym(gR R^T - Q^T gQ)) R^-T, sym() the
    symmetric matrix of the upper triangle.  For m < n, A = [X | Y] and R = [U | V]: X = Q U is
    the square case with gQ + Y gV^T in place of gQ (Y = Q V), and gY = Q gV."""
    m, n = Q.shape[-2], R.shape[-1]
    if m >= n:
        return _qr_tall_grad(Q, R, gQ, gR)
    U, V = R[..., :, :m], R[..., :, m:]
    gU, gV = gR[..., :, :m], gR[..., :, m:]
    gx = _qr_tall_grad(Q, U, gQ + Q.matmul(V).matmul(mT(gV)), gU)
    from .._ops_shape import cat

    return cat([gx, Q.matmul(gV)], -1)


def _qr_tall_grad(Q, R, gQ, gR):
    m = gR.matmul(mT(R)) - mT(Q).matmul(gQ)
    z = gQ + Q.matmul(sym_from_upper(m))
    return solve_tri(mT(R), z, upper=False, left=False)  # z R^-T


def _qr_check(mode, m, n):
    """PyTorch's errors for the QR modes that are not differentiable."""
    if mode == "r":
        raise RuntimeError("The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please "
                           "use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.")
    if mode == "complete" and m > n:
        raise RuntimeError("The QR decomposition is not differentiable when mode='complete' and nrows > ncols.")


def _qr_formula(c, g, mode):
    Q, R = c.out
    _qr_check(mode, Q.shape[-2] if mode != "r" else 0, R.shape[-1])
    return (qr_grad(Q, R, g[0], g[1]),)


@deriv("qr", save_out=True, multi=True, node="LinalgQrBackward0")
def _qr(c, g):
    return _qr_formula(c, g, "reduced" if c.some else "complete")


@module_deriv(linalg, "qr", "LinalgQrBackward0", save_out=True, multi=True)
def _linalg_qr(c, g):
    return _qr_formula(c, g, c.mode)


# ---------------------------------------------------------------- LU

def lu_grad(P, L, U, gL, gU):
    """Gradient of A = P L U (L [..., m, k] unit lower, U [..., k, n] upper, k = min(m, n)).
    Square: L^-1 P^T dA U^-1 = L^-1 dL + dU U^-1 (strictly lower plus upper), so gA =
    P L^-T (tril(L^T gL, -1) + triu(gU U^T)) U^-T.  Tall (m > n), L = [L1; L2]: the square
    case for L1 with L2^T gL2 taken from gU U^T, and P^T gA's lower rows gL2 U^-T.  Wide
    (m < n), U = [U1 | U2]: the square case for U1 with gU2 U2^T taken from L^T gL, and
    P^T gA's right columns L^-T gU2."""
    from .._ops_shape import cat

    m, n = L.shape[-2], U.shape[-1]
    k = min(m, n)
    if m == n:
        return P.matmul(_lu_square(L, U, mT(L).matmul(gL), gU.matmul(mT(U))))
    if m > n:
        L1, L2, gL1, gL2 = L[..., :k, :], L[..., k:, :], gL[..., :k, :], gL[..., k:, :]
        top = _lu_square(L1, U, mT(L1).matmul(gL1), gU.matmul(mT(U)) - mT(L2).matmul(gL2))
        bottom = solve_tri(mT(U), gL2, upper=False, left=False)
        return P.matmul(cat([top, bottom], -2))
    U1, U2, gU1, gU2 = U[..., :, :k], U[..., :, k:], gU[..., :, :k], gU[..., :, k:]
    left = _lu_square(L, U1, mT(L).matmul(gL) - gU2.matmul(mT(U2)), gU1.matmul(mT(U1)))
    right = solve_tri(mT(L), gU2, upper=True, unitriangular=True)
    return P.matmul(cat([left, right], -1))


def _lu_square(L, U, ltgl, guut):
    inner = ltgl.tril(-1) + guut.triu()
    x = solve_tri(mT(L), inner, upper=True, unitriangular=True)
    return solve_tri(mT(U), x, upper=False, left=False)


def _packed_lu_grad(lu, pivots, g):
    """Gradient through LAPACK's packed LU (L strictly below the diagonal, U on and above)."""
    P, L, U = lu_unpack(lu, pivots)
    m, n = lu.shape[-2:]
    k = min(m, n)
    return lu_grad(P, L, U, g[..., :, :k].tril(-1), g[..., :k, :].triu())


def _check_pivot(pivot):
    if not pivot:
        raise RuntimeError("lu_backward: the derivative of LU without pivoting is not implemented")


@deriv("lu btrifact btrifact_with_info", save_out=True, multi=True, node="LinalgLuFactorExBackward0")
def _lu(c, g):
    _check_pivot(c.pivot)
    return (_packed_lu_grad(c.out[0], c.out[1], g[0]),)


@module_deriv(linalg, "lu_factor lu_factor_ex", "LinalgLuFactorExBackward0", save_out=True, multi=True)
def _linalg_lu_factor(c, g):
    _check_pivot(c.pivot)
    return (_packed_lu_grad(c.out[0], c.out[1], g[0]),)


@module_deriv(linalg, "lu", "LinalgLuBackward0", save_out=True, multi=True)
def _linalg_lu(c, g):
    _check_pivot(c.pivot)
    P, L, U = c.out
    return (lu_grad(P, L, U, g[1], g[2]),)
