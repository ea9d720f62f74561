"""Linear algebra over LAPACK: solve, inverse, determinants, decompositions (layer: tensor).

The classic torch.* names (gesv, trtrs, gels, symeig, eig, svd, potrf/potrs/potri, pstrf, qr,
geqrf/orgqr/ormqr, btrifact/btrisolve, inverse, det/logdet/slogdet, cholesky*, lu*, pinverse,
matrix_power) live here as Tensor methods; `pytorch_py.linalg` builds torch.linalg.* on the same
helpers.  Every op takes float32 or float64 input (an integer or half input raises RuntimeError,
as PyTorch) and loops LAPACK over leading batch dims in C.  Two-operand ops broadcast their batch
dims here and require one dtype.  Errors from C name the TH routine; they are re-raised naming
the PyTorch op ("linalg.inv: The diagonal element 2 is zero, ...").

Matrix results LAPACK writes in column-major order come back as column-major views
(strides [..., 1, rows]) instead of being copied again; their values are what PyTorch returns.
"""
import collections

from . import _dtype as D
from ._broadcast import broadcast_shapes
from ._C import ffi

Tensor = _wrap = _cpu_result = None  # bound by tensor.py once Tensor exists


# torch.return_types-style results
slogdet_result = collections.namedtuple("slogdet", ["sign", "logabsdet"])
solve_result = collections.namedtuple("solve", ["solution", "LU"])
triangular_solve_result = collections.namedtuple("triangular_solve", ["solution", "cloned_coefficient"])
lstsq_result = collections.namedtuple("lstsq", ["solution", "QR"])
eig_result = collections.namedtuple("eig", ["eigenvalues", "eigenvectors"])
symeig_result = collections.namedtuple("symeig", ["eigenvalues", "eigenvectors"])
svd_result = collections.namedtuple("svd", ["U", "S", "V"])
qr_result = collections.namedtuple("qr", ["Q", "R"])
geqrf_result = collections.namedtuple("geqrf", ["a", "tau"])
pstrf_result = collections.namedtuple("pstrf", ["u", "pivots"])
lu_result = collections.namedtuple("lu", ["LU", "pivots"])
lu_info_result = collections.namedtuple("lu_with_info", ["LU", "pivots", "infos"])
lu_unpack_result = collections.namedtuple("lu_unpack", ["P", "L", "U"])

_FLOATS = None


def _floats():
    global _FLOATS
    if _FLOATS is None:
        _FLOATS = (D.float64, D.float32)
    return _FLOATS


def _check(t, op, name="input"):
    """t must be a float32/float64 Tensor (what LAPACK computes in)."""
    if not isinstance(t, Tensor):
        raise TypeError("%s: expected %s to be a Tensor, but got %s" % (op, name, type(t).__name__))
    if t._dtype not in _floats():
        raise RuntimeError("%s: Expected a floating point tensor (torch.float32 or torch.float64) as %s, but got %s"
                           % (op, name, t._dtype))
    return t


def _check_matrix(t, op, name="A", square=False):
    _check(t, op, name)
    if t.dim() < 2:
        raise RuntimeError("%s: expected %s to have at least 2 dimensions, but got a %d-d tensor of shape %s"
                           % (op, name, t.dim(), list(t._shape)))
    if square and t._shape[-1] != t._shape[-2]:
        raise RuntimeError("%s: %s must be batches of square matrices, but they are %d by %d matrices"
                           % (op, name, t._shape[-2], t._shape[-1]))
    return t


def _same_dtype(op, a, b, na="A", nb="B"):
    if a._dtype is not b._dtype:
        raise RuntimeError("%s: Expected %s and %s to have the same dtype, but got %s with dtype %s and %s with "
                           "dtype %s" % (op, na, nb, na, a._dtype, nb, b._dtype))


def _empty(dt, bk=None):
    if bk is None:
        from .backends.cpu import CPU as bk
    return bk.new("Tensor_newWithSize", dt._index, 0, ffi.NULL)


def _empty_int(bk, dt=None):
    return bk.new("Tensor_newWithSize", (dt or D.int32)._index, 0, ffi.NULL)


def _call(op, bk, name, dt, *args):
    """bk.run(name, ...), re-raising TH's error under the PyTorch op's name."""
    try:
        bk.run(name, dt._index, *args)
    except (RuntimeError, ValueError) as e:
        msg = str(e)
        i = msg.find(": ")
        raise type(e)(op + msg[i:] if i >= 0 else "%s: %s" % (op, msg)) from None


def _w(h, dt, bk):
    return _wrap(h, dt, bk)


def _bcast2(a, b, op):
    """a [..., *, *] and b [..., *, *] expanded to one batch shape."""
    batch = broadcast_shapes(a._shape[:-2], b._shape[:-2])
    if a._shape[:-2] != batch:
        a = a.expand(*batch, *a._shape[-2:])
    if b._shape[:-2] != batch:
        b = b.expand(*batch, *b._shape[-2:])
    return a, b


def _mT(t):
    return t.transpose(-2, -1)


# ---- the C routines, one Python function each ----------------------------------------------


def _gesv(b, a, op):
    _check_matrix(a, op, "A", square=True)
    _check_matrix(b, op, "B")
    _same_dtype(op, a, b)
    a, b = _bcast2(a, b, op)
    bk, dt = a._bk, a._dtype
    rb, ra = _empty(dt, bk), _empty(dt, bk)
    _call(op, bk, "Tensor_gesv", dt, rb, ra, b._h, a._h)
    return _w(rb, dt, bk), _w(ra, dt, bk)


def _trtrs(b, a, op, upper, trans, unitriangular):
    _check_matrix(a, op, "A", square=True)
    _check_matrix(b, op, "B")
    _same_dtype(op, a, b)
    a, b = _bcast2(a, b, op)
    bk, dt = a._bk, a._dtype
    rb, ra = _empty(dt, bk), _empty(dt, bk)
    _call(op, bk, "Tensor_trtrs", dt, rb, ra, b._h, a._h, b"U" if upper else b"L", b"T" if trans else b"N",
          b"U" if unitriangular else b"N")
    return _w(rb, dt, bk), _w(ra, dt, bk)


def _gels(b, a, op):
    _check_matrix(a, op, "A")
    _check_matrix(b, op, "B")
    _same_dtype(op, a, b)
    a, b = _bcast2(a, b, op)
    bk, dt = a._bk, a._dtype
    rb, ra = _empty(dt, bk), _empty(dt, bk)
    _call(op, bk, "Tensor_gels", dt, rb, ra, b._h, a._h)
    return _w(rb, dt, bk), _w(ra, dt, bk)


def _gelsd(b, a, op, rcond):
    a, b = _bcast2(a, b, op)
    bk, dt = a._bk, a._dtype
    rb, rs, rr = _empty(dt, bk), _empty(dt, bk), _empty_int(bk, D.int64)
    _call(op, bk, "Tensor_gelsd", dt, rb, rs, rr, b._h, a._h, float(rcond))
    return _w(rb, dt, bk), _w(rs, dt, bk), _wrap(rr, D.int64, bk)


def _syev(a, op, vectors, upper):
    _check_matrix(a, op, "A", square=True)
    bk, dt = a._bk, a._dtype
    re, rv = _empty(dt, bk), _empty(dt, bk)
    _call(op, bk, "Tensor_syev", dt, re, rv, a._h, b"V" if vectors else b"N", b"U" if upper else b"L")
    return _w(re, dt, bk), _w(rv, dt, bk)


def _geev(a, op, vectors):
    _check_matrix(a, op, "A", square=True)
    bk, dt = a._bk, a._dtype
    re, rv = _empty(dt, bk), _empty(dt, bk)
    _call(op, bk, "Tensor_geev", dt, re, rv, a._h, b"V" if vectors else b"N")
    return _w(re, dt, bk), _w(rv, dt, bk)


def _svd(a, op, job):
    """(U, S, V) with job b'S' (reduced), b'A' (full) or b'N' (S only; U and V empty)."""
    _check_matrix(a, op, "A")
    bk, dt = a._bk, a._dtype
    ru, rs, rv = _empty(dt, bk), _empty(dt, bk), _empty(dt, bk)
    some, uv = (b"S", b"V") if job == b"S" else (b"A", b"V") if job == b"A" else (b"S", b"N")
    _call(op, bk, "Tensor_gesdd", dt, ru, rs, rv, a._h, some, uv)
    return _w(ru, dt, bk), _w(rs, dt, bk), _w(rv, dt, bk)


def _unary(a, op, name, *args, square=True):
    _check_matrix(a, op, "A", square=square)
    bk, dt = a._bk, a._dtype
    r = _empty(dt, bk)
    _call(op, bk, name, dt, r, a._h, *args)
    return _w(r, dt, bk)


def _slogdet(a, op):
    _check_matrix(a, op, "A", square=True)
    bk, dt = a._bk, a._dtype
    rs, rl = _empty(dt, bk), _empty(dt, bk)
    _call(op, bk, "Tensor_slogdet", dt, rs, rl, a._h)
    return slogdet_result(_w(rs, dt, bk), _w(rl, dt, bk))


def _potrs(b, u, op, upper):
    _check_matrix(u, op, "the factor", square=True)
    _check_matrix(b, op, "B")
    _same_dtype(op, u, b, "the factor", "B")
    u, b = _bcast2(u, b, op)
    bk, dt = u._bk, u._dtype
    rb = _empty(dt, bk)
    _call(op, bk, "Tensor_potrs", dt, rb, b._h, u._h, b"U" if upper else b"L")
    return _w(rb, dt, bk)


def _geqrf(a, op):
    _check_matrix(a, op, "A")
    bk, dt = a._bk, a._dtype
    ra, rt = _empty(dt, bk), _empty(dt, bk)
    _call(op, bk, "Tensor_geqrf", dt, ra, rt, a._h)
    return _w(ra, dt, bk), _w(rt, dt, bk)


def _orgqr(a, tau, op):
    _check_matrix(a, op, "A")
    _check(tau, op, "tau")
    _same_dtype(op, a, tau, "A", "tau")
    bk, dt = a._bk, a._dtype
    r = _empty(dt, bk)
    _call(op, bk, "Tensor_orgqr", dt, r, a._h, tau._h)
    return _w(r, dt, bk)


def _ormqr(a, tau, c, op, left, transpose):
    _check_matrix(a, op, "A")
    _check(tau, op, "tau")
    _check_matrix(c, op, "other")
    _same_dtype(op, a, c, "A", "other")
    _same_dtype(op, a, tau, "A", "tau")
    bk, dt = a._bk, a._dtype
    r = _empty(dt, bk)
    _call(op, bk, "Tensor_ormqr", dt, r, a._h, tau._h, c._h, b"L" if left else b"R", b"T" if transpose else b"N")
    return _w(r, dt, bk)


def _btrifact(a, op, pivot=True, with_info=False):
    _check_matrix(a, op, "A")
    bk, dt = a._bk, a._dtype
    ra, rp = _empty(dt, bk), _empty_int(bk)
    ri = _empty_int(bk) if with_info else ffi.NULL
    _call(op, bk, "Tensor_btrifact", dt, ra, rp, ri, 1 if pivot else 0, a._h)
    lu, piv = _w(ra, dt, bk), _wrap(rp, D.int32, bk)
    return (lu, piv, _wrap(ri, D.int32, bk)) if with_info else (lu, piv)


def _getrs(b, lu, pivots, op, trans=False):
    _check_matrix(lu, op, "LU", square=True)
    _check_matrix(b, op, "B")
    _same_dtype(op, lu, b, "LU", "B")
    if not isinstance(pivots, Tensor) or pivots._dtype is not D.int32:
        raise RuntimeError("%s: expected pivots to be an int32 tensor (from lu_factor), but got %s"
                           % (op, getattr(pivots, "dtype", type(pivots).__name__)))
    batch = broadcast_shapes(lu._shape[:-2], b._shape[:-2], pivots._shape[:-1])
    n = lu._shape[-1]
    lu = lu.expand(*batch, n, n)
    b = b.expand(*batch, *b._shape[-2:])
    pivots = pivots.expand(*batch, pivots._shape[-1])
    bk, dt = lu._bk, lu._dtype
    rb = _empty(dt, bk)
    _call(op, bk, "Tensor_getrs", dt, rb, b._h, lu._h, pivots._h, b"T" if trans else b"N")
    return _w(rb, dt, bk)


def _eye_like(a, n):
    """The n x n identity in a's dtype, expanded over a's batch dims."""
    from ._creation import eye
    e = eye(n, dtype=a._dtype)
    return e.expand(*a._shape[:-2], n, n) if a.dim() > 2 else e


def _svdvals(a, op):
    return _svd(a, op, b"N")[1]


def _pinv(a, op, atol=None, rtol=None, hermitian=False):
    _check_matrix(a, op, "A")
    m, n = a._shape[-2:]
    eps = 2.220446049250313e-16 if a._dtype is D.float64 else 1.1920928955078125e-07
    if atol is None and rtol is None:
        rtol = eps * max(m, n)
    if hermitian:
        e, v = _syev(a, op, True, False)
        s = e.abs()
        smax = s.amax(-1, keepdim=True) if min(m, n) else s
        tol = _tolerance(smax, atol, rtol)
        inv = (s > tol).to(a._dtype) / e.where(s > tol, e * 0 + 1)  # 1 / eigenvalue, sign kept
        return (v * inv.unsqueeze(-2)).matmul(_mT(v))
    u, s, v = _svd(a, op, b"S")
    if min(m, n) == 0:
        return a.new_zeros(*a._shape[:-2], n, m)
    smax = s.amax(-1, keepdim=True)
    tol = _tolerance(smax, atol, rtol)
    keep = s > tol
    sinv = keep.to(a._dtype) / s.where(keep, s * 0 + 1)
    return (v * sinv.unsqueeze(-2)).matmul(_mT(u))


def _tolerance(smax, atol, rtol):
    """max(atol, rtol * smax) as a tensor broadcastable against the singular values (atol and rtol
    numbers or tensors of the batch shape)."""
    atol = 0.0 if atol is None else atol
    rtol = 0.0 if rtol is None else rtol
    rt = smax * (rtol.unsqueeze(-1).to(smax.dtype) if isinstance(rtol, Tensor) else float(rtol))
    at = atol.unsqueeze(-1).to(smax.dtype) if isinstance(atol, Tensor) else rt * 0 + float(atol)
    if at._shape != rt._shape:
        shape = broadcast_shapes(at._shape, rt._shape)
        at, rt = at.expand(*shape), rt.expand(*shape)
    return rt.where(rt > at, at)


def _matrix_power(a, n, op):
    _check_matrix(a, op, "A", square=True)
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError("%s: expected an integer exponent, but got %s" % (op, type(n).__name__))
    if n == 0:
        return _eye_like(a, a._shape[-1]).clone()
    if n < 0:
        a, n = _unary(a, op, "Tensor_getri"), -n
    result, base = None, a
    while n:
        if n & 1:
            result = base.clone() if result is None else result.matmul(base)
        n >>= 1
        if n:
            base = base.matmul(base)
    return result


def _lu_unpack(lu, pivots, unpack_data=True, unpack_pivots=True, op="lu_unpack"):
    """(P, L, U) with A = P L U from LAPACK's packed LU and 1-based pivots."""
    _check_matrix(lu, op, "LU_data")
    m, n = lu._shape[-2:]
    k = min(m, n)
    L = U = P = None
    if unpack_data:
        L = lu[..., :, :k].tril(-1) + _eye_rect(lu, m, k)
        U = lu[..., :k, :].triu()
    if unpack_pivots:
        from ._creation import tensor
        batch = lu._shape[:-2]
        piv = pivots.reshape(-1, pivots._shape[-1]).tolist() if pivots.numel() else [[]] * _prod(batch)
        mats = []
        for row in piv:
            perm = list(range(m))
            for i, p in enumerate(row):
                perm[i], perm[p - 1] = perm[p - 1], perm[i]
            # A = P L U: row i of L U is row perm[i] of A, so P[perm[i], i] = 1
            mat = [[0.0] * m for _ in range(m)]
            for i in range(m):
                mat[perm[i]][i] = 1.0
            mats.append(mat)
        P = tensor(mats, dtype=lu._dtype).reshape(*batch, m, m) if mats else lu.new_zeros(*batch, m, m)
    return lu_unpack_result(P, L, U)


def _prod(shape):
    r = 1
    for s in shape:
        r *= s
    return r


def _eye_rect(a, m, k):
    from ._creation import eye
    return eye(m, k, dtype=a._dtype)


def _is_vector_rhs(A, B):
    """torch.linalg.solve's rule: B is a (batch of) vector(s) when 1-d or A's batch shape + [n]."""
    return B.dim() == 1 or (B.dim() == A.dim() - 1 and B._shape == A._shape[:-1])


def _chol_solve(b, u, op, upper):
    return _potrs(b, u, op, upper)


class LapackMixin:
    """Linear algebra methods of Tensor (classic TH / PyTorch 1.x names)."""

    __slots__ = ()

    @property
    def mT(self):
        """The transpose of each matrix (the last two dims swapped): a view."""
        return self.transpose(-2, -1)

    @property
    def mH(self):
        """The conjugate transpose of each matrix; for real tensors the same as mT."""
        return self.transpose(-2, -1)

    # -- inverse, determinant

    def inverse(self):
        """The inverse of each square matrix (batched). Raises for a singular matrix."""
        return _unary(self, "inverse", "Tensor_getri")

    def det(self):
        """The determinant of each square matrix (batch-shaped result); 0 for a singular one."""
        return _unary(self, "det", "Tensor_det")

    def slogdet(self):
        """(sign, logabsdet) of each square matrix's determinant; (0, -inf) when singular."""
        return _slogdet(self, "slogdet")

    def logdet(self):
        """log(det(A)): nan for a negative determinant, -inf for a zero one."""
        sign, logabs = _slogdet(self, "logdet")
        return logabs + sign.log()

    # -- solving

    def gesv(self, A):
        """Solves A X = self (self is B, [..., n, k]); returns (solution, LU) with LU the packed
        getrf factors of A (classic TH / torch.gesv)."""
        return solve_result(*_gesv(self, A, "gesv"))

    def solve(self, A):
        """torch.solve(B, A), PyTorch 1.x: the same as gesv, (solution, LU)."""
        return solve_result(*_gesv(self, A, "solve"))

    def trtrs(self, A, upper=True, transpose=False, unitriangular=False):
        """Solves A X = self (or A^T X = self) for triangular A; returns (solution, cloned A)."""
        return triangular_solve_result(*_trtrs(self, A, "trtrs", upper, transpose, unitriangular))

    def triangular_solve(self, A, upper=True, transpose=False, unitriangular=False):
        """torch.triangular_solve(b, A, upper=True, transpose=False, unitriangular=False):
        (solution, cloned_coefficient), as trtrs."""
        return triangular_solve_result(*_trtrs(self, A, "triangular_solve", upper, transpose, unitriangular))

    def gels(self, A):
        """Least squares for full-rank A [m, n], self = B [m, k]: (solution, QR) with solution of
        shape [max(m, n), k] whose first n rows are X (PyTorch 1.x torch.gels / torch.lstsq)."""
        return lstsq_result(*_gels(self, A, "gels"))

    def lstsq(self, A):
        """torch.lstsq(B, A), PyTorch 1.x: the same as gels."""
        return lstsq_result(*_gels(self, A, "lstsq"))

    # -- eigenvalues, SVD

    def symeig(self, eigenvectors=False, upper=True):
        """(eigenvalues ascending, eigenvectors as columns) of a symmetric matrix reading its upper
        (or lower) triangle; eigenvectors=False gives an empty eigenvectors tensor."""
        return symeig_result(*_syev(self, "symeig", eigenvectors, upper))

    def eig(self, eigenvectors=False):
        """Eigenvalues of a general real square matrix as an [n, 2] tensor of (real, imaginary)
        parts, and with eigenvectors=True the [n, n] right eigenvectors in LAPACK's real form (for
        a complex pair j, j+1: column j is the real part, column j+1 the imaginary part of vector
        j); otherwise an empty tensor (PyTorch 1.x torch.eig)."""
        return eig_result(*_geev(self, "eig", eigenvectors))

    def svd(self, some=True, compute_uv=True):
        """(U, S, V) with self = U diag(S) V^T; some=True: the reduced U [m, k], V [n, k]
        (k = min(m, n)), else the full square ones.  compute_uv=False: U and V are zero-filled
        [m, m] and [n, n] (PyTorch 1.x torch.svd).  Batched."""
        if not compute_uv:
            s = _svdvals(self, "svd")
            m, n = self._shape[-2:]
            return svd_result(self.new_zeros(*self._shape[:-2], m, m), s, self.new_zeros(*self._shape[:-2], n, n))
        return svd_result(*_svd(self, "svd", b"S" if some else b"A"))

    # -- Cholesky

    def cholesky(self, upper=False):
        """The Cholesky factor of a symmetric positive-definite matrix: L (A = L L^T), or U
        (A = U^T U) with upper=True.  Batched."""
        return _unary(self, "cholesky", "Tensor_potrf", b"U" if upper else b"L")

    def potrf(self, upper=True):
        """Classic TH potrf: the Cholesky factor, upper by default."""
        return _unary(self, "potrf", "Tensor_potrf", b"U" if upper else b"L")

    def potrs(self, input2, upper=True):
        """Solves A X = self given A's Cholesky factor input2 (upper by default, classic TH)."""
        return _chol_solve(self, input2, "potrs", upper)

    def potri(self, upper=True):
        """The inverse of A from its Cholesky factor self (upper by default, classic TH)."""
        return _unary(self, "potri", "Tensor_potri", b"U" if upper else b"L")

    def cholesky_solve(self, input2, upper=False):
        """Solves A X = self given A's Cholesky factor input2 (lower by default)."""
        return _chol_solve(self, input2, "cholesky_solve", upper)

    def cholesky_inverse(self, upper=False):
        """The inverse of A from its Cholesky factor self (lower by default)."""
        return _unary(self, "cholesky_inverse", "Tensor_potri", b"U" if upper else b"L")

    def pstrf(self, upper=True, tol=-1):
        """Pivoted Cholesky of a positive semi-definite 2-d matrix: (u, pivots) with
        self[piv][:, piv] = u^T u (upper) or u u^T (lower); pivots int32, 0-based."""
        _check_matrix(self, "pstrf", "A", square=True)
        bk, dt = self._bk, self._dtype
        r, p = _empty(dt, bk), _empty_int(bk)
        _call("pstrf", bk, "Tensor_pstrf", dt, r, p, self._h, b"U" if upper else b"L", float(tol))
        return pstrf_result(_w(r, dt, bk), _wrap(p, D.int32, bk))

    # -- QR

    def qr(self, some=True):
        """(Q, R) with self = Q R: reduced Q [m, k], R [k, n] when some, else Q [m, m], R [m, n]."""
        return qr_result(*_qr(self, "qr", "reduced" if some else "complete"))

    def geqrf(self):
        """LAPACK's compact QR: (a, tau), R on and above a's diagonal, Householder vectors below."""
        return geqrf_result(*_geqrf(self, "geqrf"))

    def orgqr(self, input2):
        """The matrix Q (self's shape) from geqrf's (self, tau=input2)."""
        return _orgqr(self, input2, "orgqr")

    def ormqr(self, input2, input3, left=True, transpose=False):
        """op(Q) @ input3 (left) or input3 @ op(Q), Q from geqrf's (self, tau=input2), op the
        transpose when transpose=True; Q is never formed."""
        return _ormqr(self, input2, input3, "ormqr", left, transpose)

    # -- LU

    def btrifact(self, info=None, pivot=True):
        """Batched LU: (LU, pivots), pivots int32 1-based.  Raises for a singular matrix unless an
        int32 `info` tensor is passed, which receives LAPACK's info per matrix."""
        if info is not None:
            lu, piv, inf = _btrifact(self, "btrifact", pivot, True)
            info.resize_(*inf._shape).copy_(inf)
            return lu_result(lu, piv)
        return lu_result(*_btrifact(self, "btrifact", pivot))

    def btrifact_with_info(self, pivot=True):
        """Batched LU: (LU, pivots, info); info[i] > 0: U(i, i) is exactly zero."""
        return lu_info_result(*_btrifact(self, "btrifact_with_info", pivot, True))

    def lu(self, pivot=True, get_infos=False):
        """torch.lu: (LU, pivots) or with get_infos (LU, pivots, infos); never raises for a
        singular matrix when get_infos."""
        if get_infos:
            return lu_info_result(*_btrifact(self, "lu", pivot, True))
        return lu_result(*_btrifact(self, "lu", pivot))

    def btrisolve(self, LU_data, LU_pivots):
        """Solves A X = self from btrifact's (LU_data, LU_pivots) of A."""
        return _getrs(self, LU_data, LU_pivots, "btrisolve")

    def lu_solve(self, LU_data, LU_pivots):
        """torch.lu_solve(b, LU_data, LU_pivots): solves A X = b from A's LU factorisation."""
        return _getrs(self, LU_data, LU_pivots, "lu_solve")

    # -- built on the above

    def pinverse(self, rcond=1e-15):
        """The Moore-Penrose pseudo-inverse through the SVD; singular values <= rcond * the
        largest count as zero."""
        return _pinv(self, "pinverse", rtol=rcond)

    def matrix_power(self, n):
        """self^n for square matrices (n < 0: the inverse's power, n = 0: the identity)."""
        return _matrix_power(self, n, "matrix_power")

    def matrix_rank(self, tol=None, symmetric=False):
        """torch.matrix_rank (PyTorch 1.x): the number of singular values > tol (default
        eps * max(m, n) * largest), as an int64 tensor."""
        from .linalg import matrix_rank
        return matrix_rank(self, tol=tol, hermitian=symmetric)


def _qr(a, op, mode):
    if mode not in ("reduced", "complete", "r"):
        raise RuntimeError("%s: qr received unrecognized mode '%s' but expected one of 'reduced' (default), 'r', or "
                           "'complete'" % (op, mode))
    _check_matrix(a, op, "A")
    m, n = a._shape[-2:]
    k = min(m, n)
    h, tau = _geqrf(a, op)
    if mode == "r":
        return a.new_zeros(0), h[..., :k, :].triu()
    if mode == "reduced":
        R = h[..., :k, :].triu()
        Q = _orgqr(h[..., :, :k], tau, op) if k else a.new_zeros(*a._shape[:-2], m, 0)
        return Q, R
    R = h.triu()
    if m <= n:
        Q = _orgqr(h[..., :, :m], tau, op) if m else a.new_zeros(*a._shape[:-2], 0, 0)
    else:
        from ._ops_shape import cat
        pad = a.new_zeros(*a._shape[:-2], m, m - n)
        Q = _orgqr(cat([h, pad], -1), tau, op) if n else _eye_like(a, m).clone()
    return Q, R


def lu_unpack(LU_data, LU_pivots, unpack_data=True, unpack_pivots=True):
    """torch.lu_unpack: (P, L, U) with A = P @ L @ U from torch.lu's (LU_data, LU_pivots)."""
    return _lu_unpack(LU_data, LU_pivots, unpack_data, unpack_pivots)


# torch.<name>(tensor, ...) forms of these methods, and the module functions torch exports from here
TORCH_METHOD_FUNCTIONS = """inverse det slogdet logdet gesv solve trtrs triangular_solve gels lstsq symeig eig svd
cholesky potrf potrs potri cholesky_solve cholesky_inverse pstrf qr geqrf orgqr ormqr btrifact btrifact_with_info
lu btrisolve lu_solve pinverse matrix_power matrix_rank""".split()
TORCH_FUNCTIONS = ["lu_unpack"]
