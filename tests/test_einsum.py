"""torch.einsum against numpy.einsum."""
import numpy as np
import pytest

import pytorch_py as torch
from conftest import assert_matches

CASES = [
    ("ij,jk->ik", [(3, 4), (4, 5)]), ("ij,jk", [(3, 4), (4, 5)]), ("ii", [(4, 4)]), ("ii->i", [(4, 4)]),
    ("ij->ji", [(2, 3)]), ("ij->", [(2, 3)]), ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]), ("i,i->", [(5,), (5,)]),
    ("i,j->ij", [(3,), (4,)]), ("...ij,...jk->...ik", [(2, 3, 4), (4, 2)]), ("bi,bi->b", [(3, 4), (3, 4)]),
    ("ijk,kj->i", [(2, 3, 4), (4, 3)]), ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 5)]), ("iij->j", [(3, 3, 2)]),
    ("i...->...", [(3, 2, 2)]), ("ab,cd->abcd", [(2, 2), (3, 1)]), ("bn,anm,bm->ba", [(2, 3), (4, 3, 5), (2, 5)]),
]


@pytest.mark.parametrize("eq,shapes", CASES, ids=[c[0] for c in CASES])
def test_einsum_matches_numpy(eq, shapes):
    rng = np.random.default_rng(0)
    arrays = [rng.standard_normal(s) for s in shapes]
    assert_matches(torch.einsum(eq, *[torch.tensor(a) for a in arrays]), np.einsum(eq, *arrays), rtol=1e-10, atol=1e-10)
    assert_matches(torch.einsum(eq, [torch.tensor(a) for a in arrays]), np.einsum(eq, *arrays), rtol=1e-10, atol=1e-10)


def test_einsum_errors():
    with pytest.raises(ValueError, match="einsum"):
        torch.einsum("ij,jk", torch.zeros(2, 3))
    with pytest.raises(ValueError, match="einsum"):
        torch.einsum("ijk", torch.zeros(2, 3))
    with pytest.raises(RuntimeError, match="einsum"):
        torch.einsum("ij,jk", torch.zeros(2, 3), torch.zeros(4, 5))
