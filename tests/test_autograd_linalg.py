"""Gradients of the decompositions, solvers, norms and remaining methods, checked by finite
differences (float64 gradcheck / gradgradcheck) and against hand-worked values."""
import math

import numpy as np
import pytest

import pytorch_py as torch
from pytorch_py.autograd import gradcheck, gradgradcheck

F64 = torch.float64
LA = torch.linalg


def _rand(*shape, seed=0, shift=0.0):
    rng = np.random.default_rng(seed)
    return torch.from_numpy(rng.standard_normal(shape) + shift).requires_grad_()


def _sym(t):
    return t + t.transpose(-2, -1)


def _spd(t):
    n = t.shape[-1]
    return t.matmul(t.transpose(-2, -1)) + n * torch.eye(n, dtype=F64)


def _lower(t):
    """A well-conditioned lower-triangular factor (positive diagonal)."""
    return t.tril(-1) * 0.5 + (t.diagonal().abs() + 1).diag()


def _real_eig_input(t):
    """Distinct real eigenvalues 1, 3, 5 (upper triangular) plus a small perturbation t."""
    base = torch.tensor([[1.0, 0.5, 0.2], [0.0, 3.0, 0.4], [0.0, 0.0, 5.0]], dtype=F64)
    return base + 0.1 * t


_W3 = torch.tensor([1.0, 2.0, 3.0], dtype=F64)


def _svd_invariant(U, S, Vh):
    """Outputs of an SVD that do not depend on the singular vectors' signs."""
    k = S.shape[-1]
    return (U * _W3[:k]).matmul(Vh), S, U * U, Vh * Vh


# ---------------------------------------------------------------- decompositions

DECOMP = {
    "linalg.svd tall": (lambda a: _svd_invariant(*LA.svd(a, full_matrices=False)), [(4, 3)]),
    "linalg.svd wide": (lambda a: _svd_invariant(*LA.svd(a, full_matrices=False)), [(3, 4)]),
    "linalg.svd batched square": (lambda a: _svd_invariant(*LA.svd(a, full_matrices=False)), [(2, 3, 3)]),
    "linalg.svd full_matrices": (lambda a: (lambda U, S, Vh: (U[:, :3] * _W3).matmul(Vh[:3]))(*LA.svd(a)), [(4, 3)]),
    "linalg.svd U only": (lambda a: LA.svd(a, full_matrices=False).U.abs(), [(4, 3)]),
    "torch.svd": (lambda a: (lambda U, S, V: ((U * _W3).matmul(V.t()), S))(*torch.svd(a)), [(4, 3)]),
    "torch.svd compute_uv=False": (lambda a: torch.svd(a, compute_uv=False)[1], [(3, 4)]),
    "linalg.svdvals": (lambda a: LA.svdvals(a), [(2, 4, 3)]),
    "linalg.eigh": (lambda a: (lambda L, V: (L, V * V, (V * _W3).matmul(V.t())))(*LA.eigh(_sym(a))), [(3, 3)]),
    "linalg.eigh upper batched": (lambda a: (lambda L, V: (L, V * V))(*LA.eigh(_sym(a), "U")), [(2, 3, 3)]),
    "linalg.eigvalsh": (lambda a: LA.eigvalsh(_sym(a)), [(3, 3)]),
    "symeig": (lambda a: (lambda L, V: (L, V * V))(*_sym(a).symeig(eigenvectors=True)), [(3, 3)]),
    "symeig values only": (lambda a: _sym(a).symeig()[0], [(3, 3)]),
    "linalg.eig real": (lambda a: (lambda L, V: (L, V * V))(*LA.eig(_real_eig_input(a))), [(3, 3)]),
    "linalg.eigvals real": (lambda a: LA.eigvals(_real_eig_input(a)), [(3, 3)]),
    "eig (1.x)": (lambda a: (lambda e, V: (e[:, 0], V * V))(*_real_eig_input(a).eig(True)), [(3, 3)]),
    "linalg.qr tall": (lambda a: tuple(LA.qr(a)), [(4, 3)]),
    "linalg.qr square batched": (lambda a: tuple(LA.qr(a)), [(2, 3, 3)]),
    "linalg.qr wide": (lambda a: tuple(LA.qr(a)), [(3, 4)]),
    "linalg.qr complete square": (lambda a: tuple(LA.qr(a, mode="complete")), [(3, 3)]),
    "qr (1.x)": (lambda a: tuple(a.qr()), [(4, 3)]),
    "linalg.lu_factor": (lambda a: LA.lu_factor(a).LU, [(3, 3)]),
    "linalg.lu tall": (lambda a: LA.lu(a)[1:], [(4, 3)]),
    "linalg.lu wide": (lambda a: LA.lu(a)[1:], [(3, 4)]),
    "lu (1.x) batched": (lambda a: a.lu()[0], [(2, 3, 3)]),
}


@pytest.mark.parametrize("name", DECOMP)
def test_decomposition_gradients(name):
    fn, shapes = DECOMP[name]
    assert gradcheck(fn, tuple(_rand(*s, seed=i) for i, s in enumerate(shapes)))


@pytest.mark.parametrize("name", ["linalg.svd tall", "linalg.svd wide", "linalg.eigh", "linalg.qr tall",
                                  "linalg.qr wide", "linalg.lu_factor", "linalg.svdvals"])
def test_decomposition_second_order(name):
    fn, shapes = DECOMP[name]
    assert gradgradcheck(fn, tuple(_rand(*s, seed=i) for i, s in enumerate(shapes)))


def test_svdvals_gradient_is_u_vt():
    a = _rand(4, 3)
    LA.svdvals(a).sum().backward()
    u, _, vt = np.linalg.svd(a.detach().numpy(), full_matrices=False)
    np.testing.assert_allclose(a.grad.numpy(), u @ vt, atol=1e-12)


def test_eigvalsh_gradient_by_hand():
    a = torch.tensor([[2.0, 1.0], [1.0, 2.0]], dtype=F64, requires_grad=True)
    LA.eigvalsh(a)[1].backward()  # largest eigenvalue 3, eigenvector (1, 1) / sqrt(2)
    np.testing.assert_allclose(a.grad.numpy(), [[0.5, 0.5], [0.5, 0.5]], atol=1e-12)


def test_svd_repeated_singular_values_as_pytorch():
    # values alone stay finite; vectors of a repeated singular value give non-finite gradients
    a = torch.eye(3, dtype=F64, requires_grad=True)
    LA.svd(a).S.sum().backward()
    np.testing.assert_allclose(a.grad.numpy(), np.eye(3), atol=1e-12)
    a.grad = None
    LA.svd(a).U.sum().backward()
    assert not np.isfinite(a.grad.numpy()).all()


@pytest.mark.parametrize("mode,shape,msg", [("r", (4, 3), "mode='r'"), ("complete", (4, 3), "nrows > ncols")])
def test_qr_modes_without_derivative(mode, shape, msg):
    a = _rand(*shape)
    q, r = LA.qr(a, mode=mode)
    with pytest.raises(RuntimeError, match=msg):
        r.sum().backward()


def test_eig_complex_eigenvalues_raise():
    a = torch.tensor([[0.0, -1.0], [1.0, 0.0]], dtype=F64, requires_grad=True)
    e, _ = a.eig(True)
    with pytest.raises(RuntimeError, match="real eigenvalues"):
        e.sum().backward()


# ---------------------------------------------------------------- solvers and inverses

_B32 = (3, 2)


def _lu_solve(a, b, **kw):
    lu, piv = LA.lu_factor(a)
    return LA.lu_solve(lu, piv, b, **kw)


SOLVE = {
    "linalg.solve": (lambda a, b: LA.solve(a, b), [(3, 3), _B32]),
    "linalg.solve vector": (lambda a, b: LA.solve(a, b), [(3, 3), (3,)]),
    "linalg.solve left=False": (lambda a, b: LA.solve(a, b, left=False), [(3, 3), (2, 3)]),
    "linalg.solve broadcast": (lambda a, b: LA.solve(a, b), [(2, 3, 3), _B32]),
    "solve (1.x)": (lambda a, b: torch.solve(b, a)[0], [(3, 3), _B32]),
    "solve_triangular upper": (lambda a, b: LA.solve_triangular(_lower(a).t(), b, upper=True), [(3, 3), _B32]),
    "solve_triangular lower right": (lambda a, b: LA.solve_triangular(_lower(a), b, upper=False, left=False),
                                     [(3, 3), (2, 3)]),
    "solve_triangular unit": (lambda a, b: LA.solve_triangular(a, b, upper=False, unitriangular=True),
                              [(3, 3), _B32]),
    "triangular_solve": (lambda a, b: b.triangular_solve(_lower(a).t()), [(3, 3), _B32]),
    "triangular_solve transpose lower": (lambda a, b: b.triangular_solve(_lower(a), upper=False, transpose=True)[0],
                                         [(3, 3), _B32]),
    "cholesky_solve": (lambda a, b: b.cholesky_solve(_lower(a)), [(3, 3), _B32]),
    "cholesky_solve upper": (lambda a, b: b.cholesky_solve(_lower(a).t(), upper=True), [(3, 3), _B32]),
    "potrs": (lambda a, b: b.potrs(_lower(a).t()), [(3, 3), _B32]),
    "cholesky_inverse": (lambda a: _lower(a).cholesky_inverse(), [(3, 3)]),
    "cholesky_inverse upper": (lambda a: _lower(a).t().cholesky_inverse(upper=True), [(3, 3)]),
    "potri": (lambda a: _lower(a).t().potri(), [(3, 3)]),
    "potrf": (lambda a: _spd(a).potrf(), [(3, 3)]),
    "linalg.lu_solve": (lambda a, b: _lu_solve(a, b), [(3, 3), _B32]),
    "linalg.lu_solve adjoint": (lambda a, b: _lu_solve(a, b, adjoint=True), [(3, 3), _B32]),
    "linalg.lu_solve right": (lambda a, b: _lu_solve(a, b, left=False), [(3, 3), (2, 3)]),
    "linalg.lu_solve right adjoint": (lambda a, b: _lu_solve(a, b, left=False, adjoint=True), [(3, 3), (2, 3)]),
    "lu_solve (1.x)": (lambda a, b: (lambda lu, piv: b.lu_solve(lu, piv))(*a.lu()), [(3, 3), _B32]),
    "linalg.lstsq": (lambda a, b: LA.lstsq(a, b).solution, [(4, 3), (4, 2)]),
    "linalg.lstsq residuals": (lambda a, b: LA.lstsq(a, b, driver="gelsd")[:2], [(4, 3), (4, 2)]),
    "linalg.lstsq vector": (lambda a, b: LA.lstsq(a, b, driver="gelsd")[:2], [(4, 3), (4,)]),
    "linalg.pinv tall": (lambda a: LA.pinv(a), [(4, 3)]),
    "linalg.pinv wide": (lambda a: LA.pinv(a), [(3, 4)]),
    "pinverse": (lambda a: a.pinverse(), [(3, 4)]),
    "matrix_power -3": (lambda a: a.matrix_power(-3), [(3, 3)]),
    "linalg.matrix_power -1": (lambda a: LA.matrix_power(a, -1), [(2, 3, 3)]),
    "matrix_power 3": (lambda a: a.matrix_power(3), [(3, 3)]),
    "slogdet": (lambda a: a.slogdet()[1], [(3, 3)]),
    "linalg.slogdet batched": (lambda a: tuple(LA.slogdet(a)), [(2, 3, 3)]),
    "linalg.inv_ex": (lambda a: LA.inv_ex(a).inverse, [(3, 3)]),
    "linalg.cholesky_ex": (lambda a: LA.cholesky_ex(_spd(a)).L, [(3, 3)]),
}


def _solve_inputs(shapes):
    out = []
    for i, s in enumerate(shapes):
        t = _rand(*s, seed=i + 10)
        if len(s) >= 2 and s[-1] == s[-2] and i == 0:  # well-conditioned square coefficient
            t = (t.detach() + 3 * torch.eye(s[-1], dtype=F64)).requires_grad_()
        out.append(t)
    return tuple(out)


@pytest.mark.parametrize("name", SOLVE)
def test_solver_gradients(name):
    fn, shapes = SOLVE[name]
    assert gradcheck(fn, _solve_inputs(shapes))


@pytest.mark.parametrize("name", ["linalg.solve", "solve_triangular upper", "cholesky_solve", "cholesky_inverse",
                                  "linalg.lu_solve", "linalg.lstsq", "linalg.pinv wide", "matrix_power -3",
                                  "slogdet"])
def test_solver_second_order(name):
    fn, shapes = SOLVE[name]
    assert gradgradcheck(fn, _solve_inputs(shapes))


def test_solve_gradient_by_hand():
    a = torch.tensor([[2.0, 0.0], [0.0, 4.0]], dtype=F64, requires_grad=True)
    b = torch.tensor([1.0, 1.0], dtype=F64, requires_grad=True)
    LA.solve(a, b).sum().backward()  # x = (1/2, 1/4); gB = A^-T 1 = (1/2, 1/4); gA = -gB x^T
    np.testing.assert_allclose(b.grad.numpy(), [0.5, 0.25])
    np.testing.assert_allclose(a.grad.numpy(), -np.outer([0.5, 0.25], [0.5, 0.25]))


def test_slogdet_gradient_is_inverse_transpose():
    a = _solve_inputs([(3, 3)])[0]
    LA.slogdet(a).logabsdet.backward()
    np.testing.assert_allclose(a.grad.numpy(), np.linalg.inv(a.detach().numpy()).T, atol=1e-12)


def test_old_lstsq_has_no_derivative():
    a, b = _rand(4, 3), _rand(4, 2, seed=1)
    with pytest.raises(NotImplementedError, match="lstsq"):
        b.lstsq(a)[0].sum().backward()


# ---------------------------------------------------------------- norms

NORMS = {
    "vector_norm 2": (lambda a: LA.vector_norm(a), (3, 4)),
    "vector_norm 3 dim": (lambda a: LA.vector_norm(a, 3, dim=1), (3, 4)),
    "vector_norm 1 keepdim": (lambda a: LA.vector_norm(a, 1, dim=(0, 1), keepdim=True), (3, 4)),
    "vector_norm inf": (lambda a: LA.vector_norm(a, math.inf, dim=0), (3, 4)),
    "vector_norm -inf": (lambda a: LA.vector_norm(a, -math.inf), (3, 4)),
    "matrix_norm fro": (lambda a: LA.matrix_norm(a), (2, 3, 4)),
    "matrix_norm nuc": (lambda a: LA.matrix_norm(a, "nuc"), (2, 3, 4)),
    "matrix_norm 2 dims keepdim": (lambda a: LA.matrix_norm(a, 2, dim=(0, 2), keepdim=True), (3, 2, 4)),
    "matrix_norm -2": (lambda a: LA.matrix_norm(a, -2), (3, 4)),
    "matrix_norm 1": (lambda a: LA.matrix_norm(a, 1), (3, 4)),
    "matrix_norm -inf": (lambda a: LA.matrix_norm(a, -math.inf), (3, 4)),
    "linalg.norm": (lambda a: LA.norm(a), (3, 4)),
    "linalg.norm nuc": (lambda a: LA.norm(a, "nuc"), (3, 4)),
    "linalg.cond": (lambda a: LA.cond(a), (3, 3)),
    "linalg.cond fro": (lambda a: LA.cond(a, "fro"), (3, 3)),
}


@pytest.mark.parametrize("name", NORMS)
def test_norm_gradients(name):
    fn, shape = NORMS[name]
    assert gradcheck(fn, (_rand(*shape, seed=3),))


@pytest.mark.parametrize("name", ["vector_norm 3 dim", "matrix_norm nuc", "matrix_norm fro"])
def test_norm_second_order(name):
    fn, shape = NORMS[name]
    assert gradgradcheck(fn, (_rand(*shape, seed=3),))


def test_norm_gradients_at_zero_and_ties_as_pytorch():
    z = torch.zeros(3, dtype=F64, requires_grad=True)
    LA.vector_norm(z).backward()
    assert z.grad.tolist() == [0.0, 0.0, 0.0]
    w = torch.tensor([1.0, -1.0, 0.5], dtype=F64, requires_grad=True)
    LA.vector_norm(w, math.inf).backward()
    assert w.grad.tolist() == [0.5, -0.5, 0.0]
    a = torch.eye(3, dtype=F64, requires_grad=True)
    LA.matrix_norm(a, 2).backward()  # three equal singular values share the gradient
    np.testing.assert_allclose(a.grad.numpy(), np.eye(3) / 3, atol=1e-12)


# ---------------------------------------------------------------- other methods

MISC = {
    "lgamma": (lambda a: a.lgamma(), [(2, 3)], 1.5),
    "addmm": (lambda c, a, b: c.addmm(a, b, beta=0.5, alpha=2.0), [(3,), (3, 4), (4, 3)], 0.0),
    "addmv": (lambda c, a, b: c.addmv(a, b, alpha=-1.0), [(3,), (3, 4), (4,)], 0.0),
    "addr": (lambda c, a, b: c.addr(a, b, beta=2.0), [(3, 4), (3,), (4,)], 0.0),
    "addbmm": (lambda c, a, b: c.addbmm(a, b, alpha=0.5), [(3, 2), (2, 3, 4), (2, 4, 2)], 0.0),
    "baddbmm": (lambda c, a, b: c.baddbmm(a, b, beta=0.0), [(2, 3, 2), (2, 3, 4), (2, 4, 2)], 0.0),
    "addmm_": (lambda c, a, b: c.clone().addmm_(a, b, alpha=3.0), [(3, 3), (3, 4), (4, 3)], 0.0),
    "inner": (lambda a, b: a.inner(b), [(2, 3), (4, 3)], 0.0),
    "inner 3-d": (lambda a, b: torch.inner(a, b), [(2, 2, 3), (3,)], 0.0),
    "vdot": (lambda a, b: a.vdot(b), [(3,), (3,)], 0.0),
    "chain_matmul": (lambda a, b, c: torch.chain_matmul(a, b, c), [(2, 3), (3, 4), (4, 2)], 0.0),
    "renorm": (lambda a: a.renorm(2, 0, 2.0), [(3, 4)], 0.0),
    "renorm p=3 dim 1": (lambda a: a.renorm(3, 1, 1.5), [(3, 4)], 0.0),
}


def _misc_inputs(shapes, shift):
    return tuple(_rand(*s, seed=i + 20, shift=shift) for i, s in enumerate(shapes))


@pytest.mark.parametrize("name", MISC)
def test_method_gradients(name):
    fn, shapes, shift = MISC[name]
    assert gradcheck(fn, _misc_inputs(shapes, shift))


@pytest.mark.parametrize("name", ["lgamma", "addmm", "renorm", "inner"])
def test_method_second_order(name):
    fn, shapes, shift = MISC[name]
    assert gradgradcheck(fn, _misc_inputs(shapes, shift))


def test_lgamma_gradient_is_digamma():
    euler = 0.5772156649015329
    x = torch.tensor([1.0, 0.5, -0.5, 10.0, 1e-3, 0.0, -2.0], dtype=F64, requires_grad=True)
    x.lgamma().sum().backward()
    g = x.grad.numpy()
    psi10 = -euler + sum(1.0 / k for k in range(1, 10))
    np.testing.assert_allclose(g[:4], [-euler, -euler - 2 * math.log(2), -euler - 2 * math.log(2) + 2, psi10],
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(g[4], -1000.5755719318103, rtol=1e-10)
    assert g[5] == -math.inf and math.isnan(g[6])


def test_lgamma_negative_arguments_gradcheck():
    assert gradcheck(lambda a: a.lgamma(), (torch.tensor([-0.5, -1.3, -2.7], dtype=F64, requires_grad=True),))


def test_bernoulli_has_zero_gradient():
    p = torch.full((4,), 0.5, dtype=F64, requires_grad=True)
    p.bernoulli().sum().backward()
    assert p.grad.tolist() == [0.0] * 4


@pytest.mark.parametrize("op", [lambda x: x.floor_divide(2), lambda x: x.unique(), lambda x: x.geqrf()[0]])
def test_ops_without_derivative_raise_at_backward(op):
    x = _rand(3, 3)
    y = op(x)
    assert y.requires_grad
    with pytest.raises(NotImplementedError, match="derivative for"):
        y.sum().backward()


def test_integer_outputs_stay_non_differentiable():
    x = _rand(3, 3)
    assert not x.argmax().requires_grad
    assert not LA.matrix_rank(x).requires_grad
    assert not LA.lu_factor(x).pivots.requires_grad


def test_reference_torch_svd_and_lstsq_gradients():
    from conftest import real_torch

    ref = real_torch()
    a = _rand(4, 3)
    b = _rand(4, 2, seed=1)
    U, S, Vh = LA.svd(a, full_matrices=False)
    loss = ((U * _W3).matmul(Vh) * 2).sum() + (S * S * S).sum() + LA.lstsq(a, b).solution.pow(2).sum()
    loss.backward()
    ra = ref.tensor(a.detach().numpy(), requires_grad=True)
    rb = ref.tensor(b.detach().numpy(), requires_grad=True)
    rU, rS, rVh = ref.linalg.svd(ra, full_matrices=False)
    rw = ref.tensor([1.0, 2.0, 3.0], dtype=ref.float64)
    rloss = ((rU * rw) @ rVh * 2).sum() + (rS ** 3).sum() + ref.linalg.lstsq(ra, rb).solution.pow(2).sum()
    rloss.backward()
    np.testing.assert_allclose(a.grad.numpy(), ra.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(b.grad.numpy(), rb.grad.numpy(), atol=1e-10)
