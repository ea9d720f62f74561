"""torch.linalg: linear algebra functions with PyTorch 2's names and semantics (layer: tensor).

Real float32/float64 input only (there is no complex dtype): eig/eigvals return real tensors when
every eigenvalue is real and raise otherwise.  Leading batch dims are accepted wherever PyTorch
accepts them; two-operand functions broadcast their batch dims.
"""
import collections
import math

from . import _dtype as D
from . import _ops_lapack as L
from .tensor import Tensor

__all__ = ["inv", "inv_ex", "det", "slogdet", "solve", "solve_triangular", "lstsq", "eigh", "eigvalsh", "eig",
           "eigvals", "svd", "svdvals", "cholesky", "cholesky_ex", "qr", "lu_factor", "lu_factor_ex", "lu",
           "lu_solve", "pinv", "matrix_power", "norm", "vector_norm", "matrix_norm", "matrix_rank", "cond",
           "householder_product", "multi_dot", "matmul", "diagonal", "vecdot"]

slogdet_result = collections.namedtuple("linalg_slogdet", ["sign", "logabsdet"])
lstsq_result = collections.namedtuple("linalg_lstsq", ["solution", "residuals", "rank", "singular_values"])
eigh_result = collections.namedtuple("linalg_eigh", ["eigenvalues", "eigenvectors"])
eig_result = collections.namedtuple("linalg_eig", ["eigenvalues", "eigenvectors"])
svd_result = collections.namedtuple("linalg_svd", ["U", "S", "Vh"])
qr_result = collections.namedtuple("linalg_qr", ["Q", "R"])
lu_factor_result = collections.namedtuple("linalg_lu_factor", ["LU", "pivots"])
lu_factor_ex_result = collections.namedtuple("linalg_lu_factor_ex", ["LU", "pivots", "info"])
lu_result = collections.namedtuple("linalg_lu", ["P", "L", "U"])
inv_ex_result = collections.namedtuple("linalg_inv_ex", ["inverse", "info"])
cholesky_ex_result = collections.namedtuple("linalg_cholesky_ex", ["L", "info"])

_EPS = {"float64": 2.220446049250313e-16, "float32": 1.1920928955078125e-07}


def _eps(t):
    return _EPS[t._dtype.name]


def inv(A, *, out=None):
    """The inverse of each square matrix of A [..., n, n]; raises RuntimeError for a singular one."""
    return _out(L._unary(A, "linalg.inv", "Tensor_getri"), out)


def inv_ex(A, *, check_errors=False):
    """(inverse, info): info 0, or > 0 for a singular matrix (the inverse is then unspecified)."""
    from ._creation import zeros
    try:
        r = L._unary(A, "linalg.inv_ex", "Tensor_getri")
        return inv_ex_result(r, zeros(A._shape[:-2], dtype=D.int32))
    except RuntimeError:
        if check_errors:
            raise
    # locate the failures one matrix at a time
    infos = L._btrifact(A, "linalg.inv_ex", True, True)[2]
    flat = A.reshape(-1, *A._shape[-2:])
    res = []
    for i, info in enumerate(infos.reshape(-1).tolist()):
        if info:
            res.append(flat[i].new_full(flat[i]._shape, float("nan")))
        else:
            res.append(L._unary(flat[i], "linalg.inv_ex", "Tensor_getri"))
    from ._ops_shape import stack
    r = stack(res).reshape(*A._shape) if res else A.clone()
    return inv_ex_result(r, infos)


def det(A, *, out=None):
    """The determinant of each square matrix (result of A's batch shape)."""
    return _out(L._unary(A, "linalg.det", "Tensor_det"), out)


def slogdet(A, *, out=None):
    """(sign, logabsdet) of each determinant; (0, -inf) for a singular matrix."""
    sign, logabs = L._slogdet(A, "linalg.slogdet")
    return slogdet_result(sign, logabs)


def solve(A, B, *, left=True, out=None):
    """X with A X = B (left) or X A = B (left=False).  B [..., n, k], or a vector [n] / [..., n]
    (then X has B's shape).  Batch dims broadcast.  Raises RuntimeError for a singular A."""
    op = "linalg.solve"
    L._check_matrix(A, op, "A", square=True)
    L._check(B, op, "B")
    vec = left and L._is_vector_rhs(A, B)
    if vec:
        B = B.unsqueeze(-1)
    if not left:
        x = L._gesv(L._mT(B), L._mT(A), op)[0]
        return _out(L._mT(x), out)
    x = L._gesv(B, A, op)[0]
    return _out(x.squeeze(-1) if vec else x, out)


def solve_triangular(A, B, *, upper, left=True, unitriangular=False, out=None):
    """X with A X = B (left) or X A = B for triangular A (upper or lower triangle read).  Raises
    for a zero on A's diagonal (PyTorch returns inf there)."""
    op = "linalg.solve_triangular"
    if left:
        x = L._trtrs(B, A, op, upper, False, unitriangular)[0]
    else:  # X A = B  <=>  A^T X^T = B^T
        x = L._mT(L._trtrs(L._mT(B), A, op, upper, True, unitriangular)[0])
    return _out(x, out)


def lstsq(A, B, rcond=None, *, driver=None):
    """Least squares solution of A X = B: (solution [..., n, k], residuals, rank, singular_values).

    driver 'gels' (QR, A of full rank), 'gelsy' (default), 'gelsd', 'gelss' (rank revealing: all
    three computed by LAPACK's SVD-based gelsd here, which gives the same minimum-norm solution).
    residuals: the squared residual norms per column when m > n and A has full rank (not for
    gelsy), else empty; rank: int64 (empty for gels); singular_values for gelsd/gelss, else empty.
    B may be a vector [m] (or [..., m] matching A's batch)."""
    op = "linalg.lstsq"
    L._check_matrix(A, op, "A")
    L._check(B, op, "B")
    driver = "gelsy" if driver is None else driver
    if driver not in ("gels", "gelsy", "gelsd", "gelss"):
        raise RuntimeError("%s: parameter `driver` should be one of (gels, gelsy, gelsd, gelss), but got %r"
                           % (op, driver))
    vec = B.dim() == 1 or (B.dim() == A.dim() - 1 and B._shape[:-1] == A._shape[:-2])
    if vec:
        B = B.unsqueeze(-1)
    L._check_matrix(B, op, "B")
    L._same_dtype(op, A, B)
    m, n = A._shape[-2:]
    if B._shape[-2] != m:
        raise RuntimeError("%s: input.size(-2) should match other.size(-2), but got %d and %d" % (op, m, B._shape[-2]))
    empty = A.new_zeros(0)
    if driver == "gels":
        x = L._gels(B, A, op)[0]
        rank = A.new_zeros(0).long()
        sv = empty
        full = True
    else:
        if rcond is None:
            rcond = _eps(A) * max(m, n)
        x, sv, rank = L._gelsd(B, A, op, rcond)
        full = bool((rank == min(m, n)).all().item()) if rank.numel() else True
        if driver == "gelsy":
            sv = empty
    sol = x[..., :n, :]
    if m > n and full and driver != "gelsy":
        tail = x[..., n:, :]
        res = (tail * tail).sum(-2)
    else:
        res = empty
    if vec:
        sol = sol.squeeze(-1)
        if res.numel():
            res = res.squeeze(-1)
    return lstsq_result(sol, res, rank, sv)


def eigh(A, UPLO="L", *, out=None):
    """(eigenvalues ascending, eigenvectors as columns) of symmetric A reading its UPLO triangle."""
    e, v = L._syev(A, "linalg.eigh", True, _uplo(UPLO, "linalg.eigh"))
    return eigh_result(e, v)


def eigvalsh(A, UPLO="L", *, out=None):
    """The eigenvalues (ascending) of symmetric A, reading its UPLO triangle."""
    return _out(L._syev(A, "linalg.eigvalsh", False, _uplo(UPLO, "linalg.eigvalsh"))[0], out)


def _uplo(UPLO, op):
    if UPLO not in ("L", "U", "l", "u"):
        raise RuntimeError("%s: Expected UPLO argument to be 'L' or 'U', but got %r" % (op, UPLO))
    return UPLO in ("U", "u")


def _real_eig(A, op, vectors):
    e, v = L._geev(A, op, vectors)
    if e.numel() and bool((e[..., 1] != 0).any().item()):
        raise RuntimeError("%s: the input has complex eigenvalues, and pytorch_py has no complex dtype; "
                           "torch.eig(A, eigenvectors=True) gives them as (real, imaginary) pairs" % op)
    return e[..., 0], v


def eig(A, *, out=None):
    """(eigenvalues, eigenvectors) of a general square matrix, as real tensors: raises
    RuntimeError when any eigenvalue is complex (no complex dtype; see torch.eig)."""
    return eig_result(*_real_eig(A, "linalg.eig", True))


def eigvals(A, *, out=None):
    """The eigenvalues of a general square matrix as a real tensor; raises when any is complex."""
    return _out(_real_eig(A, "linalg.eigvals", False)[0], out)


def svd(A, full_matrices=True, *, driver=None, out=None):
    """(U, S, Vh) with A = U diag(S) Vh; full_matrices=False gives the reduced U [..., m, k] and
    Vh [..., k, n], k = min(m, n)."""
    u, s, v = L._svd(A, "linalg.svd", b"A" if full_matrices else b"S")
    return svd_result(u, s, L._mT(v))


def svdvals(A, *, driver=None, out=None):
    """The singular values of A (descending), [..., min(m, n)]."""
    return _out(L._svdvals(A, "linalg.svdvals"), out)


def cholesky(A, *, upper=False, out=None):
    """L (A = L L^T) or with upper=True U (A = U^T U) of symmetric positive-definite A, reading
    only that triangle; raises RuntimeError when A is not positive-definite."""
    return _out(L._unary(A, "linalg.cholesky", "Tensor_potrf", b"U" if upper else b"L"), out)


def cholesky_ex(A, *, upper=False, check_errors=False):
    """(L, info): info > 0 is the order of the leading minor that is not positive-definite."""
    from ._creation import zeros
    op = "linalg.cholesky_ex"
    try:
        return cholesky_ex_result(cholesky(A, upper=upper), zeros(A._shape[:-2], dtype=D.int32))
    except RuntimeError:
        if check_errors:
            raise
    flat = A.reshape(-1, *A._shape[-2:])
    outs, infos = [], []
    for i in range(flat._shape[0]):
        try:
            outs.append(L._unary(flat[i], op, "Tensor_potrf", b"U" if upper else b"L"))
            infos.append(0)
        except RuntimeError as e:
            msg = str(e)
            j = msg.find("order ")
            infos.append(int(msg[j + 6:].split(" ")[0]) if j >= 0 else 1)
            outs.append(flat[i].new_zeros(*flat[i]._shape))
    from ._ops_shape import stack
    from ._creation import tensor
    return cholesky_ex_result(stack(outs).reshape(*A._shape), tensor(infos, dtype=D.int32).reshape(*A._shape[:-2]))


def qr(A, mode="reduced", *, out=None):
    """(Q, R) with A = Q R.  mode 'reduced': Q [..., m, k], R [..., k, n]; 'complete': Q
    [..., m, m], R [..., m, n]; 'r': Q empty and the reduced R."""
    return qr_result(*L._qr(A, "linalg.qr", mode))


def householder_product(A, tau, *, out=None):
    """The first n columns of the product of the Householder reflectors (A, tau) (LAPACK orgqr)."""
    return _out(L._orgqr(A, tau, "linalg.householder_product"), out)


def lu_factor(A, *, pivot=True, out=None):
    """(LU, pivots): LAPACK's packed LU and 1-based int32 pivots; raises for a singular matrix
    (use lu_factor_ex to get the factors anyway)."""
    lu_, piv, info = L._btrifact(A, "linalg.lu_factor", pivot, True)
    if info.numel() and bool((info > 0).any().item()):
        flat = info.reshape(-1).tolist()
        i = next(j for j, v in enumerate(flat) if v > 0)
        pre = "(Batch element %d): " % i if A.dim() > 2 else ""
        raise RuntimeError("linalg.lu_factor: %sU[%d,%d] is zero and using it on lu_solve would result in a division "
                           "by zero. If you still want to perform the factorization, consider calling linalg.lu(A, "
                           "pivot) or linalg.lu_factor_ex(A, pivot)" % (pre, flat[i], flat[i]))
    return lu_factor_result(lu_, piv)


def lu_factor_ex(A, *, pivot=True, check_errors=False, out=None):
    """(LU, pivots, info) without raising for singular matrices (info > 0 there)."""
    if check_errors:
        return lu_factor_ex_result(*lu_factor(A, pivot=pivot), A.new_zeros(A._shape[:-2]).int())
    return lu_factor_ex_result(*L._btrifact(A, "linalg.lu_factor_ex", pivot, True))


def lu(A, *, pivot=True, out=None):
    """(P, L, U) with A = P L U; L [..., m, k] unit lower, U [..., k, n] upper, k = min(m, n)."""
    lu_, piv, _ = L._btrifact(A, "linalg.lu", pivot, True)
    return lu_result(*L._lu_unpack(lu_, piv, op="linalg.lu"))


def lu_solve(LU, pivots, B, *, left=True, adjoint=False, out=None):
    """X with A X = B (or A^T X = B when adjoint; X A = B when not left) from lu_factor's
    (LU, pivots) of A."""
    op = "linalg.lu_solve"
    if left:
        return _out(L._getrs(B, LU, pivots, op, adjoint), out)
    # X A = B  <=>  A^T X^T = B^T
    return _out(L._mT(L._getrs(L._mT(B), LU, pivots, op, not adjoint)), out)


def pinv(A, rcond=None, hermitian=False, *, atol=None, rtol=None, out=None):
    """The Moore-Penrose pseudo-inverse through the SVD (or eigh when hermitian): singular values
    <= max(atol, rtol * largest) are treated as zero; rtol defaults to eps * max(m, n) when
    neither is given; rcond is the old name of rtol."""
    if rcond is not None:
        rtol = rcond
    return _out(L._pinv(A, "linalg.pinv", atol, rtol, hermitian), out)


def matrix_power(A, n, *, out=None):
    """A^n for square matrices (n < 0: the inverse's power, n = 0: the identity)."""
    return _out(L._matrix_power(A, n, "linalg.matrix_power"), out)


def matrix_rank(A, tol=None, hermitian=False, *, atol=None, rtol=None, out=None):
    """The number of singular values (|eigenvalues| when hermitian) > max(atol, rtol * largest),
    int64 of A's batch shape; rtol defaults to eps * max(m, n) when neither is given; tol is the
    old name of atol (with rtol 0)."""
    op = "linalg.matrix_rank"
    L._check_matrix(A, op, "A")
    if tol is not None:
        atol, rtol = tol, 0.0 if rtol is None else rtol
    m, n = A._shape[-2:]
    if atol is None and rtol is None:
        rtol = _eps(A) * max(m, n)
    if min(m, n) == 0:
        return A.new_zeros(*A._shape[:-2]).long()
    s = L._syev(A, op, False, False)[0].abs() if hermitian else L._svdvals(A, op)
    smax = s.amax(-1, keepdim=True)
    t = L._tolerance(smax, atol, rtol)
    return _out((s > t).sum(-1), out)


def _vector_norm(x, ord, dim, keepdim):
    if isinstance(dim, int):
        dim = (dim,)
    a = x.abs()
    if ord == math.inf:
        return a.amax(dim, keepdim) if dim is not None else _keep(a.amax(), x, keepdim)
    if ord == -math.inf:
        return a.amin(dim, keepdim) if dim is not None else _keep(a.amin(), x, keepdim)
    s = (lambda t: t.sum(dim, keepdim)) if dim is not None else (lambda t: _keep(t.sum(), x, keepdim))
    if ord == 0:
        return s((a != 0).to(x._dtype))
    if ord == 1:
        return s(a)
    if ord == 2:
        return s(a * a).sqrt()
    return _pow(s(_pow(a, ord)), 1.0 / ord)


def _pow(t, p):
    """t ** p for t >= 0 (through exp and log: 0 ** p is 0 for p > 0 and inf for p < 0)."""
    return (t.log() * p).exp()


def _keep(r, x, keepdim):
    return r.reshape(*([1] * x.dim())) if keepdim else r


def vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None, out=None):
    """The ord-norm of x's elements over dim (None: all of them): inf = max |x|, -inf = min |x|,
    0 = number of non-zeros, else (sum |x|^ord)^(1/ord)."""
    op = "linalg.vector_norm"
    if not isinstance(x, Tensor):
        raise TypeError("%s: expected a Tensor, but got %s" % (op, type(x).__name__))
    if dtype is not None:
        x = x.to(dtype)
    if not x._dtype.is_floating_point:
        raise RuntimeError("%s: Expected a floating point tensor as input. Got %s" % (op, x._dtype))
    if isinstance(ord, bool) or not isinstance(ord, (int, float)):
        raise RuntimeError("%s: expected a number as ord, but got %r" % (op, ord))
    return _out(_vector_norm(x, ord, dim, keepdim), out)


def matrix_norm(A, ord="fro", dim=(-2, -1), keepdim=False, *, dtype=None, out=None):
    """The matrix norm over the two dims `dim`: 'fro', 'nuc' (sum of singular values), inf / -inf
    (max / min absolute row sum), 1 / -1 (max / min absolute column sum), 2 / -2 (largest /
    smallest singular value)."""
    op = "linalg.matrix_norm"
    L._check(A, op, "A") if dtype is None else None
    if dtype is not None:
        A = A.to(dtype)
    if A.dim() < 2:
        raise RuntimeError("%s: The input tensor A must have at least 2 dimensions." % op)
    if isinstance(dim, int) or len(dim) != 2:
        raise RuntimeError("%s: dim must be a 2-tuple. Got %r" % (op, dim))
    nd = A.dim()
    d0, d1 = (d % nd if -nd <= d < nd else _bad_dim(op, d, nd) for d in dim)
    if d0 == d1:
        raise RuntimeError("%s: dims must be different. Got (%d, %d)" % (op, d0, d1))
    if ord == "fro":
        return _out(_vector_norm(A, 2, (d0, d1), keepdim), out)
    if ord in ("nuc", 2, -2):
        rest = [d for d in range(nd) if d not in (d0, d1)]
        s = L._svdvals(A.permute(*rest, d0, d1), op)
        r = s.sum(-1) if ord == "nuc" else s.amax(-1) if ord == 2 else s.amin(-1)
        if keepdim:
            for d in sorted((d0, d1)):
                r = r.unsqueeze(d)
        return _out(r, out)
    if ord in (1, -1, math.inf, -math.inf):
        a = A.abs()
        # 1: max over columns of the column sums (sum over rows d0); inf: over rows of row sums
        sum_dim, red_dim = (d0, d1) if ord in (1, -1) else (d1, d0)
        sums = a.sum(sum_dim, keepdim=True)
        r = sums.amax(red_dim, keepdim=True) if ord > 0 else sums.amin(red_dim, keepdim=True)
        if not keepdim:
            r = r.squeeze(max(d0, d1)).squeeze(min(d0, d1))
        return _out(r, out)
    raise RuntimeError("%s: Order %s not supported." % (op, ord))


def _bad_dim(op, d, nd):
    raise IndexError("%s: Dimension out of range (expected to be in range of [%d, %d], but got %d)"
                     % (op, -nd, nd - 1, d))


def norm(A, ord=None, dim=None, keepdim=False, *, dtype=None, out=None):
    """The vector or matrix norm: dim an int (or ord None and dim None: over all elements, 2-norm)
    gives vector_norm; dim a 2-tuple, or a 2-d A with ord given, gives matrix_norm."""
    op = "linalg.norm"
    if not isinstance(A, Tensor):
        raise TypeError("%s: expected a Tensor, but got %s" % (op, type(A).__name__))
    if dim is not None and not isinstance(dim, int):
        dim = tuple(dim)
        if len(dim) == 1:
            dim = dim[0]
    if isinstance(dim, tuple) and len(dim) == 2:
        return matrix_norm(A, "fro" if ord is None else ord, dim, keepdim, dtype=dtype, out=out)
    if isinstance(dim, tuple):
        raise RuntimeError("%s: If dim is specified, it must be of length 1 or 2. Got %r" % (op, list(dim)))
    if ord is not None and dim is None:
        if A.dim() == 2:
            return matrix_norm(A, ord, (-2, -1), keepdim, dtype=dtype, out=out)
        if A.dim() != 1:
            raise RuntimeError("%s: If dim is not specified but ord is, the input must be 1D or 2D. Got %dD."
                               % (op, A.dim()))
    if isinstance(ord, str):
        raise RuntimeError("%s: ord %r is a matrix norm and needs a 2-d input or a 2-tuple dim" % (op, ord))
    return vector_norm(A, 2 if ord is None else ord, dim, keepdim, dtype=dtype, out=out)


def cond(A, p=None, *, out=None):
    """The condition number of A in the p-norm: None / 2: largest / smallest singular value, -2:
    the reciprocal; 'fro', 'nuc', inf, -inf, 1, -1: norm(A) * norm(inv(A)) (square A)."""
    op = "linalg.cond"
    L._check_matrix(A, op, "A", square=p not in (None, 2, -2))
    if p in (None, 2, -2):
        s = L._svdvals(A, op)
        r = s[..., 0] / s[..., -1] if p != -2 else s[..., -1] / s[..., 0]
        return _out(r, out)
    return _out(matrix_norm(A, p) * matrix_norm(L._unary(A, op, "Tensor_getri"), p), out)


def multi_dot(tensors, *, out=None):
    """The product of the matrices left to right (the first may be 1-d, the last may be 1-d)."""
    if len(tensors) < 2:
        raise RuntimeError("multi_dot(): expected at least 2 tensors but got %d" % len(tensors))
    r = tensors[0]
    for t in tensors[1:]:
        r = r.matmul(t)
    return _out(r, out)


def matmul(input, other, *, out=None):
    """torch.matmul."""
    return _out(input.matmul(other), out)


def diagonal(A, *, offset=0, dim1=-2, dim2=-1):
    """A.diagonal(offset, dim1, dim2), with the last two dims as default."""
    return A.diagonal(offset, dim1, dim2)


def vecdot(x, y, *, dim=-1, out=None):
    """The dot products of x and y along dim (batch dims broadcast)."""
    return _out((x * y).sum(dim), out)


def _out(r, out):
    if out is None:
        return r
    out.resize_(*r._shape).copy_(r)
    return out
