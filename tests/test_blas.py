"""Matrix products against NumPy."""
import numpy as np
import pytest

import pytorch_py as torch
from conftest import assert_matches


def test_matmul_rules():
    rng = np.random.default_rng(3)
    cases = [((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((2, 3), (3, 4)), ((5, 2, 3), (3, 4)),
             ((5, 2, 3), (5, 3, 4)), ((2, 1, 2, 3), (4, 3, 2))]
    for sa, sb in cases:
        a = rng.standard_normal(sa)
        b = rng.standard_normal(sb)
        assert_matches(torch.tensor(a) @ torch.tensor(b), a @ b)
    with pytest.raises(RuntimeError, match="matmul"):
        torch.zeros(2, 3) @ torch.zeros(4, 2)
