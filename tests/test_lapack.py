"""LAPACK-backed linear algebra (torch.* classic names and torch.linalg) against numpy.linalg."""
import math

import numpy as np
import pytest

import pytorch_py as torch
from conftest import real_torch
from layouts import LAYOUTS

FLOATS = [torch.float64, torch.float32]
TOL = {torch.float64: 1e-9, torch.float32: 2e-3}


def close(got, expected, dtype, scale=1.0):
    got = got.numpy() if isinstance(got, torch.Tensor) else np.asarray(got)
    expected = np.asarray(expected)
    assert got.shape == expected.shape, (got.shape, expected.shape)
    np.testing.assert_allclose(got.astype(np.float64), expected.astype(np.float64), rtol=TOL[dtype],
                               atol=TOL[dtype] * scale)


def mat(shape, dtype, layout="contiguous", rng=None, spd=False, well=True):
    """(tensor, ndarray) of a random well-conditioned matrix batch in the given memory layout."""
    rng = rng or np.random.default_rng(0)
    a = rng.standard_normal(shape)
    if spd:
        a = a @ np.swapaxes(a, -1, -2) + shape[-1] * np.eye(shape[-1])
    elif well and shape[-1] == shape[-2]:
        a = a + shape[-1] * np.eye(shape[-1])
    a = a.astype(dtype._np)
    if layout == "contiguous":
        return torch.tensor(a), a
    if layout == "transposed":  # column-major matrices
        t = torch.tensor(np.ascontiguousarray(np.swapaxes(a, -1, -2))).transpose(-2, -1)
        return t, a
    if layout == "sliced":
        big = np.zeros(tuple(2 * s for s in shape), dtype=a.dtype)
        key = tuple(slice(0, 2 * s, 2) for s in shape)
        big[key] = a
        return torch.tensor(big)[key], a
    if layout == "expanded":  # batch dim of stride 0
        t = torch.tensor(a[:1]).expand(*shape)
        return t, np.broadcast_to(a[:1], shape)
    raise ValueError(layout)


@pytest.fixture
def rng():
    return np.random.default_rng(1234)


# ---- inverse, determinant ------------------------------------------------------------------

@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_inv_det_layouts(dtype, layout, rng):
    t, a = mat((3, 5, 5), dtype, layout, rng)
    close(torch.linalg.inv(t), np.linalg.inv(a), dtype)
    close(t.inverse(), np.linalg.inv(a), dtype)
    close(torch.linalg.det(t), np.linalg.det(a), dtype, scale=100)
    close(torch.det(t), np.linalg.det(a), dtype, scale=100)
    s, logabs = torch.linalg.slogdet(t)
    s2, l2 = np.linalg.slogdet(a)
    close(s, s2, dtype)
    close(logabs, l2, dtype)
    assert t.inverse().dtype is dtype


def test_det_hand_values():
    a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64)
    assert abs(a.det().item() + 2.0) < 1e-12
    sign, logabs = a.slogdet()
    assert sign.item() == -1.0 and abs(logabs.item() - math.log(2)) < 1e-12
    assert math.isnan(a.logdet().item())
    sing = torch.tensor([[1.0, 2.0], [2.0, 4.0]], dtype=torch.float64)
    assert sing.det().item() == 0.0
    s, logabs = torch.slogdet(sing)
    assert s.item() == 0 and logabs.item() == -math.inf
    assert torch.logdet(sing).item() == -math.inf
    assert torch.linalg.det(torch.eye(3, dtype=torch.float64)).shape == ()
    close(torch.tensor([[2.0, 0.0], [0.0, 4.0]]).inverse(), [[0.5, 0], [0, 0.25]], torch.float32)


def test_empty_matrices():
    e = torch.zeros(0, 0, dtype=torch.float64)
    assert torch.linalg.inv(e).shape == (0, 0)
    assert torch.linalg.det(e).item() == 1.0
    assert torch.linalg.inv(torch.zeros(0, 3, 3)).shape == (0, 3, 3)
    assert torch.linalg.svdvals(torch.zeros(3, 0)).shape == (0,)
    u, s, vh = torch.linalg.svd(torch.zeros(2, 0, dtype=torch.float64))
    np.testing.assert_array_equal(u.numpy(), np.eye(2))
    assert vh.shape == (0, 0)


# ---- solving ---------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_solve(dtype, layout, rng):
    t, a = mat((2, 4, 4), dtype, layout, rng)
    b = rng.standard_normal((2, 4, 3)).astype(dtype._np)
    close(torch.linalg.solve(t, torch.tensor(b)), np.linalg.solve(a, b), dtype)
    x, lu = torch.gesv(torch.tensor(b), t)
    close(x, np.linalg.solve(a, b), dtype)
    assert lu.shape == (2, 4, 4)
    # left=False: X A = B
    bt = np.swapaxes(b, -1, -2)
    close(torch.linalg.solve(t, torch.tensor(bt), left=False),
          np.swapaxes(np.linalg.solve(np.swapaxes(a, -1, -2), b), -1, -2),
          dtype)


def test_solve_vector_and_broadcast(rng):
    t, a = mat((3, 4, 4), torch.float64, rng=rng)
    v = rng.standard_normal(4)
    x = torch.linalg.solve(t, torch.tensor(v))
    assert x.shape == (3, 4)
    close(x, np.linalg.solve(a, v[None, :, None])[..., 0], torch.float64)
    bv = rng.standard_normal((3, 4))  # a batch of vectors
    close(torch.linalg.solve(t, torch.tensor(bv)), np.linalg.solve(a, bv[..., None])[..., 0], torch.float64)
    b = rng.standard_normal((4, 2))  # batch broadcast
    close(torch.linalg.solve(t, torch.tensor(b)), np.linalg.solve(a, b), torch.float64)


@pytest.mark.parametrize("dtype", FLOATS)
def test_triangular_solve(dtype, rng):
    a = np.triu(rng.standard_normal((2, 4, 4))) + 4 * np.eye(4)
    b = rng.standard_normal((2, 4, 3))
    ta, tb = torch.tensor(a.astype(dtype._np)), torch.tensor(b.astype(dtype._np))
    close(torch.linalg.solve_triangular(ta, tb, upper=True), np.linalg.solve(a, b), dtype)
    lo = np.swapaxes(a, -1, -2)
    close(torch.linalg.solve_triangular(torch.tensor(lo.astype(dtype._np)), tb, upper=False), np.linalg.solve(lo, b),
          dtype)
    # X A = B
    bt = np.swapaxes(b, -1, -2)
    close(torch.linalg.solve_triangular(ta, torch.tensor(bt.astype(dtype._np)), upper=True, left=False),
          bt @ np.linalg.inv(a), dtype)
    x, clone = torch.triangular_solve(tb, ta, upper=True, transpose=True)
    close(x, np.linalg.solve(np.swapaxes(a, -1, -2), b), dtype)
    close(clone, a, dtype)
    x, _ = torch.trtrs(tb[0], ta[0], unitriangular=True)
    close(x, np.linalg.solve(np.triu(a[0], 1) + np.eye(4), b[0]), dtype)


@pytest.mark.parametrize("dtype", FLOATS)
def test_lstsq(dtype, rng):
    a = rng.standard_normal((2, 6, 3))
    b = rng.standard_normal((2, 6, 2))
    ta, tb = torch.tensor(a.astype(dtype._np)), torch.tensor(b.astype(dtype._np))
    ref = [np.linalg.lstsq(a[i], b[i], rcond=None) for i in range(2)]
    for driver in (None, "gels", "gelsy", "gelsd", "gelss"):
        r = torch.linalg.lstsq(ta, tb, driver=driver)
        close(r.solution, np.stack([x[0] for x in ref]), dtype, scale=10)
        if driver in ("gels", "gelsd", "gelss"):
            close(r.residuals, np.stack([x[1] for x in ref]), dtype, scale=10)
        else:
            assert r.residuals.numel() == 0
        if driver == "gels":
            assert r.rank.numel() == 0
        else:
            assert r.rank.tolist() == [3, 3] and r.rank.dtype is torch.int64
        if driver in ("gelsd", "gelss"):
            close(r.singular_values, np.stack([x[3] for x in ref]), dtype)
    # under-determined and rank-deficient: the minimum-norm solution
    w = rng.standard_normal((3, 5))
    w[2] = w[0] + w[1]
    y = rng.standard_normal(3)
    r = torch.linalg.lstsq(torch.tensor(w), torch.tensor(y), driver="gelsd")
    assert r.rank.item() == 2
    close(r.solution, np.linalg.lstsq(w, y, rcond=None)[0], torch.float64)
    # old API: (solution [max(m, n), k], QR)
    x, qr = torch.gels(tb[0], ta[0])
    assert x.shape == (6, 2) and qr.shape == (6, 3)
    close(x[:3], ref[0][0], dtype, scale=10)


# ---- eigen, SVD --------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_eigh(dtype, layout, rng):
    t, a = mat((2, 5, 5), dtype, layout, rng, spd=True)
    e, v = torch.linalg.eigh(t)
    e2, v2 = np.linalg.eigh(a)
    close(e, e2, dtype, scale=10)
    vn = v.numpy().astype(np.float64)
    close(vn @ np.apply_along_axis(np.diag, -1, e.numpy().astype(np.float64)) @ np.swapaxes(vn, -1, -2), a, dtype,
          scale=10)
    close(torch.linalg.eigvalsh(t, UPLO="U"), np.linalg.eigvalsh(a, UPLO="U"), dtype, scale=10)
    e3, v3 = torch.symeig(t[0], eigenvectors=True)
    close(e3, e2[0], dtype, scale=10)
    assert torch.symeig(t[0])[1].numel() == 0


def test_eigh_reads_one_triangle(rng):
    a = rng.standard_normal((4, 4))
    lower = np.tril(a) + np.tril(a, -1).T
    close(torch.linalg.eigvalsh(torch.tensor(a)), np.linalg.eigvalsh(lower), torch.float64)


def test_eig(rng):
    rot = torch.tensor([[0.0, -1.0], [1.0, 0.0]], dtype=torch.float64)
    e, v = torch.eig(rot, eigenvectors=True)
    assert e.shape == (2, 2)
    assert sorted(e[:, 1].tolist()) == [-1.0, 1.0] and e[:, 0].abs().max().item() < 1e-12
    # LAPACK's real form: columns j, j+1 are the real and imaginary parts of vector j
    vn = v.numpy()
    vec = vn[:, 0] + 1j * vn[:, 1]
    lam = e[0, 0].item() + 1j * e[0, 1].item()
    np.testing.assert_allclose(rot.numpy() @ vec, lam * vec, atol=1e-12)
    assert torch.eig(rot)[1].numel() == 0
    with pytest.raises(RuntimeError, match="linalg.eigvals.*complex"):
        torch.linalg.eigvals(rot)
    a = rng.standard_normal((5, 5))
    a = a + a.T  # real eigenvalues
    w, vr = torch.linalg.eig(torch.tensor(a))
    np.testing.assert_allclose(np.sort(w.numpy()), np.linalg.eigvalsh(a), atol=1e-10)
    np.testing.assert_allclose(a @ vr.numpy(), vr.numpy() * w.numpy(), atol=1e-10)
    np.testing.assert_allclose(np.sort(torch.linalg.eigvals(torch.tensor(a)).numpy()), np.linalg.eigvalsh(a),
                               atol=1e-10)


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("shape", [(2, 5, 3), (2, 3, 5)])
def test_svd(dtype, layout, shape, rng):
    t, a = mat(shape, dtype, layout, rng, well=False)
    s_ref = np.linalg.svd(a, compute_uv=False)
    k = min(shape[-2:])
    u, s, vh = torch.linalg.svd(t, full_matrices=False)
    assert u.shape == shape[:-1] + (k,) and vh.shape == (shape[0], k, shape[-1])
    close(s, s_ref, dtype)
    close((u.numpy() * s.numpy()[..., None, :]) @ vh.numpy(), a, dtype)
    u, s, vh = torch.linalg.svd(t)
    assert u.shape == (shape[0], shape[1], shape[1]) and vh.shape == (shape[0], shape[2], shape[2])
    close(np.swapaxes(u.numpy(), -1, -2) @ u.numpy(), np.broadcast_to(np.eye(shape[1]), u.shape), dtype)
    close(torch.linalg.svdvals(t), s_ref, dtype)
    U, S, V = torch.svd(t)
    close(U.numpy() @ np.apply_along_axis(np.diag, -1, S.numpy()) @ np.swapaxes(V.numpy(), -1, -2), a, dtype)
    U, S, V = t.svd(compute_uv=False)
    assert U.shape == (2, shape[1], shape[1]) and float(U.abs().sum()) == 0 and V.shape == (2, shape[2], shape[2])


# ---- Cholesky ------------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_cholesky(dtype, layout, rng):
    t, a = mat((2, 4, 4), dtype, layout, rng, spd=True)
    l_ref = np.linalg.cholesky(a)
    close(torch.linalg.cholesky(t), l_ref, dtype, scale=10)
    close(torch.linalg.cholesky(t, upper=True), np.swapaxes(l_ref, -1, -2), dtype, scale=10)
    close(t.cholesky(), l_ref, dtype, scale=10)
    close(torch.potrf(t[0]), l_ref[0].T, dtype, scale=10)  # classic: upper by default
    b = rng.standard_normal((2, 4, 2)).astype(dtype._np)
    L = torch.linalg.cholesky(t)
    close(torch.cholesky_solve(torch.tensor(b), L), np.linalg.solve(a, b), dtype)
    close(torch.cholesky_solve(torch.tensor(b), L.transpose(-2, -1), upper=True), np.linalg.solve(a, b), dtype)
    close(torch.cholesky_inverse(L), np.linalg.inv(a), dtype)
    U = torch.potrf(t[0])
    close(torch.potrs(torch.tensor(b[0]), U), np.linalg.solve(a[0], b[0]), dtype)
    close(torch.potri(U), np.linalg.inv(a[0]), dtype)


def test_pstrf(rng):
    g = rng.standard_normal((4, 4))
    a = g @ g.T + np.eye(4)
    u, piv = torch.pstrf(torch.tensor(a))
    assert piv.dtype is torch.int32 and sorted(piv.tolist()) == [0, 1, 2, 3]
    p = piv.numpy()
    np.testing.assert_allclose(u.numpy().T @ u.numpy(), a[p][:, p], atol=1e-10)
    l, piv = torch.pstrf(torch.tensor(a), upper=False)
    p = piv.numpy()
    np.testing.assert_allclose(l.numpy() @ l.numpy().T, a[p][:, p], atol=1e-10)


# ---- QR -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("shape", [(2, 5, 3), (2, 3, 5), (4, 4)])
def test_qr(dtype, shape, rng):
    t, a = mat(shape, dtype, "transposed", rng, well=False)
    m, n = shape[-2:]
    k = min(m, n)
    q, r = torch.linalg.qr(t)
    assert q.shape == shape[:-2] + (m, k) and r.shape == shape[:-2] + (k, n)
    close(q.numpy() @ r.numpy(), a, dtype)
    close(np.abs(r.numpy()), np.abs(np.linalg.qr(a)[1]), dtype)
    assert np.all(np.tril(r.numpy(), -1) == 0)
    q, r = torch.linalg.qr(t, mode="complete")
    assert q.shape == shape[:-2] + (m, m) and r.shape == shape
    close(q.numpy() @ r.numpy(), a, dtype)
    close(np.swapaxes(q.numpy(), -1, -2) @ q.numpy(), np.broadcast_to(np.eye(m), q.shape), dtype)
    q, r = torch.linalg.qr(t, mode="r")
    assert q.numel() == 0 and r.shape == shape[:-2] + (k, n)
    Q, R = t.qr()
    close(Q.numpy() @ R.numpy(), a, dtype)


def test_geqrf_orgqr_ormqr(rng):
    a = rng.standard_normal((5, 3))
    c = rng.standard_normal((5, 2))
    h, tau = torch.geqrf(torch.tensor(a))
    assert tau.shape == (3,)
    q = torch.orgqr(h, tau)
    close(q.numpy() @ np.triu(h.numpy())[:3], a, torch.float64)
    qfull = torch.linalg.qr(torch.tensor(a), mode="complete")[0].numpy()
    close(torch.ormqr(h, tau, torch.tensor(c)), qfull @ c, torch.float64)
    close(torch.ormqr(h, tau, torch.tensor(c), transpose=True), qfull.T @ c, torch.float64)
    close(torch.ormqr(h, tau, torch.tensor(c.T), left=False), c.T @ qfull, torch.float64)
    close(torch.linalg.householder_product(h, tau), q.numpy(), torch.float64)


# ---- LU -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", FLOATS)
def test_lu(dtype, rng):
    t, a = mat((3, 4, 4), dtype, "sliced", rng)
    b = rng.standard_normal((3, 4, 2)).astype(dtype._np)
    lu, piv = torch.linalg.lu_factor(t)
    assert piv.dtype is torch.int32 and piv.shape == (3, 4)
    close(torch.linalg.lu_solve(lu, piv, torch.tensor(b)), np.linalg.solve(a, b), dtype)
    close(torch.linalg.lu_solve(lu, piv, torch.tensor(b), adjoint=True), np.linalg.solve(np.swapaxes(a, -1, -2), b),
          dtype)
    bt = np.swapaxes(b, -1, -2)
    close(torch.linalg.lu_solve(lu, piv, torch.tensor(bt), left=False), bt @ np.linalg.inv(a), dtype)
    P, L, U = torch.linalg.lu(t)
    close(P.numpy() @ L.numpy() @ U.numpy(), a, dtype)
    assert np.all(np.triu(L.numpy(), 1) == 0) and np.all(np.diagonal(L.numpy(), 0, -2, -1) == 1)
    lu2, piv2 = t.btrifact()
    close(torch.tensor(b).btrisolve(lu2, piv2), np.linalg.solve(a, b), dtype)
    close(torch.btrisolve(torch.tensor(b), lu2, piv2), np.linalg.solve(a, b), dtype)
    close(torch.lu_solve(torch.tensor(b), *torch.lu(t)), np.linalg.solve(a, b), dtype)
    lu3, piv3, info = torch.btrifact_with_info(t)
    assert info.tolist() == [0, 0, 0]
    P2, L2, U2 = torch.lu_unpack(lu3, piv3)
    close(P2.numpy() @ L2.numpy() @ U2.numpy(), a, dtype)


def test_lu_rectangular_and_singular(rng):
    a = rng.standard_normal((3, 5))
    P, L, U = torch.linalg.lu(torch.tensor(a))
    assert L.shape == (3, 3) and U.shape == (3, 5)
    close(P.numpy() @ L.numpy() @ U.numpy(), a, torch.float64)
    sing = torch.tensor([[[1.0, 2.0], [2.0, 4.0]], [[1.0, 0.0], [0.0, 1.0]]], dtype=torch.float64)
    lu, piv, info = torch.linalg.lu_factor_ex(sing)
    assert info.tolist() == [2, 0]
    with pytest.raises(RuntimeError, match=r"linalg.lu_factor: \(Batch element 0\): U\[2,2\] is zero"):
        torch.linalg.lu_factor(sing)
    with pytest.raises(RuntimeError, match="btrifact"):
        sing.btrifact()
    lu, piv, infos = sing.lu(get_infos=True)
    assert infos.tolist() == [2, 0]
    # without pivoting: L U = A exactly in that order
    m = torch.tensor([[2.0, 1.0], [4.0, 5.0]], dtype=torch.float64)
    lu, piv = m.btrifact(pivot=False)
    assert piv.tolist() == [1, 2]
    np.testing.assert_allclose(lu.numpy(), [[2.0, 1.0], [2.0, 3.0]])


# ---- composite functions -------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", FLOATS)
def test_pinv_rank_power_cond(dtype, rng):
    t, a = mat((2, 4, 3), dtype, "contiguous", rng, well=False)
    close(torch.linalg.pinv(t), np.linalg.pinv(a), dtype, scale=10)
    close(t[0].pinverse(), np.linalg.pinv(a[0]), dtype, scale=10)
    d = rng.standard_normal((4, 2)) @ rng.standard_normal((2, 4))  # rank 2
    assert torch.linalg.matrix_rank(torch.tensor(d.astype(dtype._np))).item() == 2
    assert torch.linalg.matrix_rank(torch.tensor(d), hermitian=False, atol=1e3).item() == 0
    sym = d + d.T
    assert torch.linalg.matrix_rank(torch.tensor(sym), hermitian=True).item() == np.linalg.matrix_rank(sym)
    close(torch.linalg.pinv(torch.tensor(sym), hermitian=True), np.linalg.pinv(sym, hermitian=True), torch.float64,
          scale=10)
    s, sa = mat((2, 3, 3), dtype, "contiguous", rng)
    for n in (0, 1, 2, 5, -1, -3):
        close(torch.linalg.matrix_power(s, n), np.linalg.matrix_power(sa, n), dtype, scale=10)
    close(s.matrix_power(3), np.linalg.matrix_power(sa, 3), dtype, scale=10)
    for p in (None, 2, -2, "fro", "nuc", 1, -1, math.inf, -math.inf):
        close(torch.linalg.cond(s, p), np.linalg.cond(sa, p), dtype, scale=10)


@pytest.mark.parametrize("dtype", FLOATS)
def test_norms(dtype, rng):
    a = rng.standard_normal((2, 3, 4)).astype(dtype._np)
    t = torch.tensor(a)
    for ord in ("fro", "nuc", 1, -1, 2, -2, math.inf, -math.inf):
        close(torch.linalg.matrix_norm(t, ord), np.linalg.norm(a, ord, axis=(-2, -1)), dtype)
        close(torch.linalg.matrix_norm(t, ord, dim=(0, 2), keepdim=True),
              np.linalg.norm(a, ord, axis=(0, 2), keepdims=True), dtype)
        close(torch.linalg.norm(t[0], ord), np.linalg.norm(a[0], ord), dtype)
    for ord in (1, 2, 3, 0.5, 0, math.inf, -math.inf, -1):
        close(torch.linalg.vector_norm(t, ord, dim=-1), np.linalg.norm(a, ord, axis=-1), dtype)
        close(torch.linalg.norm(t, ord, dim=1), np.linalg.norm(a, ord, axis=1), dtype)
    close(torch.linalg.vector_norm(t), np.linalg.norm(a.ravel()), dtype)
    close(torch.linalg.vector_norm(t, keepdim=True), np.linalg.norm(a.ravel()).reshape(1, 1, 1), dtype)
    close(torch.linalg.norm(t), np.linalg.norm(a.ravel()), dtype)
    close(torch.linalg.norm(t, dim=(1, 2)), np.linalg.norm(a, axis=(1, 2)), dtype)


# ---- errors ------------------------------------------------------------------------------------

def test_errors_singular():
    sing = torch.tensor([[1.0, 2.0], [2.0, 4.0]], dtype=torch.float64)
    with pytest.raises(RuntimeError, match="linalg.inv: The diagonal element 2 is zero.*singular"):
        torch.linalg.inv(sing)
    with pytest.raises(RuntimeError, match=r"inverse: \(Batch element 1\): .*singular"):
        torch.stack([torch.eye(2, dtype=torch.float64), sing]).inverse()
    with pytest.raises(RuntimeError, match="linalg.solve: .*singular"):
        torch.linalg.solve(sing, torch.ones(2, 1, dtype=torch.float64))
    with pytest.raises(RuntimeError, match="linalg.solve_triangular: .*singular"):
        torch.linalg.solve_triangular(torch.zeros(2, 2), torch.ones(2, 1), upper=True)
    with pytest.raises(RuntimeError, match="linalg.lstsq: .*full rank"):
        torch.linalg.lstsq(torch.tensor([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]]), torch.ones(3, 1), driver="gels")


def test_errors_not_positive_definite():
    with pytest.raises(RuntimeError, match=r"linalg.cholesky: .*not positive-definite \(the leading minor of order 2"):
        torch.linalg.cholesky(torch.tensor([[1.0, 2.0], [2.0, 1.0]]))
    L, info = torch.linalg.cholesky_ex(torch.tensor([[1.0, 2.0], [2.0, 1.0]]))
    assert info.item() == 2
    inv, info = torch.linalg.inv_ex(torch.tensor([[[1.0, 2.0], [2.0, 4.0]], [[2.0, 0.0], [0.0, 2.0]]]))
    assert info.tolist() == [2, 0]
    close(inv[1], np.eye(2) / 2, torch.float32)


def test_errors_shapes_and_dtypes():
    with pytest.raises(RuntimeError, match="linalg.inv: A must be batches of square matrices"):
        torch.linalg.inv(torch.zeros(2, 3))
    with pytest.raises(RuntimeError, match="linalg.det: expected A to have at least 2 dimensions"):
        torch.linalg.det(torch.zeros(3))
    for op in (torch.linalg.inv, torch.linalg.det, torch.linalg.svdvals, torch.linalg.cholesky, torch.inverse):
        with pytest.raises(RuntimeError, match="floating point"):
            op(torch.ones(2, 2, dtype=torch.int64))
        with pytest.raises(RuntimeError, match="floating point"):
            op(torch.ones(2, 2, dtype=torch.float16))
    with pytest.raises(TypeError):
        torch.linalg.inv(np.eye(2))
    with pytest.raises(RuntimeError, match="same dtype"):
        torch.linalg.solve(torch.eye(2), torch.ones(2, 1, dtype=torch.float64))
    with pytest.raises(RuntimeError, match="linalg.solve: .*as many rows"):
        torch.linalg.solve(torch.eye(3), torch.ones(2, 1))
    with pytest.raises(RuntimeError):
        torch.linalg.solve(torch.eye(3).expand(2, 3, 3), torch.ones(3, 3, 1))  # batch 2 vs 3
    with pytest.raises(RuntimeError, match="linalg.qr: .*mode"):
        torch.linalg.qr(torch.eye(2), mode="bad")
    with pytest.raises(RuntimeError, match="linalg.eigh: .*UPLO"):
        torch.linalg.eigh(torch.eye(2), UPLO="X")
    with pytest.raises(RuntimeError, match="driver"):
        torch.linalg.lstsq(torch.eye(2), torch.eye(2), driver="nope")
    bad_piv = torch.tensor([5, 1], dtype=torch.int32)
    with pytest.raises(RuntimeError, match="lu_solve: expected pivots in"):
        torch.linalg.lu_solve(torch.eye(2), bad_piv, torch.ones(2, 1))


@pytest.mark.parametrize("op", [torch.linalg.inv, torch.linalg.det, torch.linalg.svdvals, torch.linalg.eigvalsh,
                                torch.linalg.cholesky, torch.linalg.qr, torch.linalg.lu_factor, torch.linalg.eigvals,
                                torch.linalg.pinv])
@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_errors_non_finite(op, bad):
    a = torch.eye(3, dtype=torch.float64)
    a[1, 1] = bad
    with pytest.raises(ValueError, match=r"linalg\.\w+: expected A without NaN or infinity"):
        op(a)


def test_solve_non_finite_rhs():
    b = torch.ones(2, 1)
    b[0, 0] = math.nan
    with pytest.raises(ValueError, match="linalg.solve: expected B without NaN"):
        torch.linalg.solve(torch.eye(2), b)


def test_return_types():
    a = torch.eye(3, dtype=torch.float64)
    assert torch.linalg.slogdet(a)._fields == ("sign", "logabsdet")
    assert torch.linalg.svd(a)._fields == ("U", "S", "Vh")
    assert torch.svd(a)._fields == ("U", "S", "V")
    assert torch.linalg.eigh(a)._fields == ("eigenvalues", "eigenvectors")
    assert torch.linalg.qr(a)._fields == ("Q", "R")
    assert torch.linalg.lstsq(a, a)._fields == ("solution", "residuals", "rank", "singular_values")
    assert torch.linalg.lu_factor(a)._fields == ("LU", "pivots")
    assert torch.linalg.lu(a)._fields == ("P", "L", "U")
    assert torch.triangular_solve(a, a)._fields == ("solution", "cloned_coefficient")
    assert torch.geqrf(a)._fields == ("a", "tau")
    assert a.mT.shape == (3, 3)


def test_against_real_torch(rng):
    T = real_torch()
    a = rng.standard_normal((2, 4, 4)) + 4 * np.eye(4)
    ours, ref = torch.tensor(a), T.tensor(a)
    np.testing.assert_allclose(torch.linalg.inv(ours).numpy(), T.linalg.inv(ref).numpy(), atol=1e-10)
    np.testing.assert_allclose(torch.linalg.det(ours).numpy(), T.linalg.det(ref).numpy(), rtol=1e-10)
    lu, piv = torch.linalg.lu_factor(ours)
    lu2, piv2 = T.linalg.lu_factor(ref)
    np.testing.assert_allclose(lu.numpy(), lu2.numpy(), atol=1e-10)
    assert piv.tolist() == piv2.tolist()
    h, tau = torch.geqrf(ours)
    h2, tau2 = T.geqrf(ref)
    np.testing.assert_allclose(h.numpy(), h2.numpy(), atol=1e-10)
    np.testing.assert_allclose(tau.numpy(), tau2.numpy(), atol=1e-10)
    np.testing.assert_allclose(torch.linalg.matrix_norm(ours, "nuc").numpy(),
                               T.linalg.matrix_norm(ref, "nuc").numpy(), rtol=1e-10)
