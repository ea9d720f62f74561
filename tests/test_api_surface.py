"""Every name of the reference lists that the TH-core scope covers exists on pytorch_py / Tensor.

Names that belong to later issues are listed here with the capability they wait for, so the
list shrinks as those land and nothing is silently forgotten.
"""
import os

import pytest

import pytorch_py as torch

REF = os.path.join(os.path.dirname(__file__), "api_names")  # copies of the reference name lists

LATER = {
    # signal processing, devices, multiprocessing: later issues
    "fft/cuda/shared memory": "fft ifft rfft irfft stft cuda is_pinned pin_memory is_shared share_memory_",
}
LATER_NAMES = {n for names in LATER.values() for n in names.split()}


def _names(fname):
    with open(os.path.join(REF, fname)) as f:
        return [line.strip() for line in f if line.strip()]


@pytest.mark.parametrize("fname,owner", [("torch_functions.txt", torch), ("tensor_methods.txt", torch.Tensor)])
def test_reference_names_exist(fname, owner):
    missing = [n for n in _names(fname) if n not in LATER_NAMES and not hasattr(owner, n)]
    assert not missing, "missing from %s: %s" % (owner.__name__, missing)


# nn names of the reference lists that the nn issue has not reached yet: the list shrinks as
# modules land (a name that now exists must be removed from it, see the test below).
NN_LATER = set()  # every nn name of the reference lists exists now


@pytest.mark.parametrize("fname,owner", [("nn_modules.txt", torch.nn), ("nn_functional.txt", torch.nn.functional),
                                         ("optim.txt", torch.optim), ("lr_scheduler.txt", torch.optim.lr_scheduler)])
def test_nn_and_optim_names_exist(fname, owner):
    names = _names(fname)
    missing = [n for n in names if n not in NN_LATER and not hasattr(owner, n)]
    assert not missing, "missing from %s: %s" % (owner.__name__, missing)
    arrived = [n for n in names if n in NN_LATER and hasattr(owner, n)]
    assert not arrived, "now implemented, remove from NN_LATER: %s" % arrived
