"""Gradients of the sorting/selection and linear-algebra ops, checked by finite differences."""
import pytest

import pytorch_py as torch
from pytorch_py.autograd import gradcheck, gradgradcheck

F64 = torch.float64


def _x():
    torch.manual_seed(0)
    return torch.rand(4, 5, dtype=F64, requires_grad=True)


SORT_CASES = {
    "sort": lambda t: t.sort(1).values,
    "sort descending dim 0": lambda t: t.sort(0, descending=True).values,
    "topk": lambda t: t.topk(2, 0).values,
    "kthvalue": lambda t: t.kthvalue(2, 1).values,
    "median dim": lambda t: t.median(0, keepdim=True).values,
    "median all": lambda t: t.median(),
    "mode": lambda t: t.mode(1).values,
}


@pytest.mark.parametrize("name", SORT_CASES)
def test_sort_family_gradients(name):
    assert gradcheck(SORT_CASES[name], (_x(),))


def _square():
    torch.manual_seed(1)
    return (torch.rand(2, 3, 3, dtype=F64) + 3 * torch.eye(3, dtype=F64)).requires_grad_()


def _spd(t):
    return t.matmul(t.transpose(-2, -1)) + torch.eye(3, dtype=F64)


LINALG_CASES = {
    "inverse": lambda t: t.inverse(),
    "linalg.inv": lambda t: torch.linalg.inv(t),
    "det": lambda t: t.det(),
    "linalg.det": lambda t: torch.linalg.det(t),
    "logdet": lambda t: t.logdet(),
    "cholesky": lambda t: _spd(t).cholesky(),
    "cholesky upper": lambda t: _spd(t).cholesky(upper=True),
    "linalg.cholesky": lambda t: torch.linalg.cholesky(_spd(t)),
}


@pytest.mark.parametrize("name", LINALG_CASES)
def test_linalg_gradients(name):
    assert gradcheck(LINALG_CASES[name], (_square(),))


@pytest.mark.parametrize("name", ["inverse", "det"])
def test_linalg_second_order(name):
    assert gradgradcheck(LINALG_CASES[name], (_square(),))


def test_sort_gradient_by_hand():
    x = torch.tensor([3.0, 1.0, 2.0], requires_grad=True)
    x.sort().values.mul(torch.tensor([1.0, 10.0, 100.0])).sum().backward()
    assert x.grad.tolist() == [100.0, 1.0, 10.0]
