"""Small matrix helpers the linear-algebra formulas share (layer: autograd).

All are Tensor operations (recorded under create_graph, so the formulas built from them have
higher derivatives) over the last two dims, with leading batch dims allowed.
"""


def mT(x):
    """The transpose of each matrix."""
    return x.transpose(-2, -1)


def eye(n, dt):
    from .._creation import eye as _eye

    return _eye(n, dtype=dt)


def diag_embed(v):
    """[..., k] -> [..., k, k] with v on the diagonals."""
    return v.unsqueeze(-1) * eye(v.shape[-1], v.dtype)


def pair_diff(v):
    """E[..., i, j] = v_j - v_i, with ones on the diagonal (the denominators of the spectral
    formulas; the diagonal of their numerators is zero)."""
    return v.unsqueeze(-2) - v.unsqueeze(-1) + eye(v.shape[-1], v.dtype)


def sym_from_upper(m):
    """The symmetric matrix whose upper triangle (diagonal included) is m's."""
    return m.triu() + mT(m.triu(1))


def used(g):
    """Whether output gradient g can contribute: not None, and requiring grad (a variable of a
    higher-order graph) or not all zero (an unused output's gradient is filled with zeros)."""
    if g is None:
        return False
    if g.requires_grad:
        return True
    return g.numel() > 0 and bool(g.ne(0).any().item())


def zeros(shape, dt):
    from .._creation import zeros as _zeros

    return _zeros(shape, dtype=dt)


def solve_tri(a, b, upper, left=True, unitriangular=False):
    """linalg.solve_triangular (the recording one)."""
    from .. import linalg

    return linalg.solve_triangular(a, b, upper=upper, left=left, unitriangular=unitriangular)


def tri_mask(g, upper, unitriangular=False):
    """g restricted to the triangle a triangular solve reads (strict when unitriangular)."""
    k = 1 if unitriangular else 0
    return g.triu(k) if upper else g.tril(-k)


def inverse_grad(a_inv, g):
    """The gradient of A through a_inv = A^-1: d(A^-1) = -A^-1 dA A^-1, so -A^-T g A^-T."""
    t = mT(a_inv)
    return -(t.matmul(g).matmul(t))
