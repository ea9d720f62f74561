"""Specs of the losses with non-standard inputs: CTCLoss (lengths as extra integer inputs)
against the sum over every alignment."""
import numpy as np

from . import ModuleSpec
from . import _completion_ref as R

_IN_LEN = np.array([5, 4], dtype=np.int64)
_TGT_LEN = np.array([2, 1], dtype=np.int64)


def _targets(rng):
    return rng.integers(1, 3, size=(2, 2)).astype(np.int64)


def _ctc(reduction):
    def ref(p, lp, targets, in_len, tgt_len):
        nll = R.ctc_losses(lp, targets, in_len, tgt_len)
        return {"none": nll, "sum": nll.sum(), "mean": (nll / np.maximum(tgt_len, 1)).mean()}[reduction]
    return ref


SPECS = [
    # log_probs need not be normalised: the loss is -log of the summed path products either way
    ModuleSpec("CTCLoss", (), inputs=[(5, 2, 3), _targets, lambda rng: _IN_LEN, lambda rng: _TGT_LEN],
               reference=_ctc("mean"), grad_inputs=[0], bad_input=(5, 2, 3, 1), bad_message="ctc_loss"),
    ModuleSpec("CTCLoss", (), {"reduction": "none", "blank": 0}, desc="none",
               inputs=[(5, 2, 3), _targets, lambda rng: _IN_LEN, lambda rng: _TGT_LEN],
               reference=_ctc("none"), grad_inputs=[0]),
]
