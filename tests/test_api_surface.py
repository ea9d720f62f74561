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
