"""The table of module specs: one entry per tested configuration of an nn module.

Each group file (`tests/nn_specs/<group>.py`) defines `SPECS`, a list of `ModuleSpec`; `SPECS`
below is their concatenation.  The table is framework-neutral on purpose: a spec names the module
by its torch.nn class name, makes its inputs as NumPy arrays and computes the expected output with
NumPy from the module's parameters (as NumPy arrays keyed by their state_dict names), so the same
table drives `tests/test_nn_specs.py` (torch.nn) and will drive the legacy.nn tests.
"""
import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Sequence

import numpy as np


@dataclass
class ModuleSpec:
    """One module configuration.

    module: torch.nn class name; args / kwargs: its constructor arguments (a NumPy array among the
        kwargs is passed as a tensor, e.g. FractionalMaxPool3d's fixed _random_samples).
    inputs: one entry per forward argument: a shape (a float input drawn from the standard normal
        distribution) or a callable rng -> ndarray (targets, indices, inputs needing a special range).
    reference: (params, *inputs) -> expected output (ndarray, or a tuple of them), with params the
        module's state_dict as float64 NumPy arrays.
    desc: distinguishes several specs of one module in test ids.
    train: the mode the module runs in (False calls .eval() first).
    gradcheck: whether to gradcheck the inputs and the parameters (non-smooth modules are still
        gradchecked: draw their inputs away from the kinks, see `away_from`).
    grad_inputs: indices of the inputs to differentiate (None: every float input).
    bad_input: a shape the module must refuse, with `bad_message`, a fragment of the error text.
    atol / rtol: forward tolerances against the reference (float64).
    """

    module: str
    args: Sequence[Any] = ()
    kwargs: dict = field(default_factory=dict)
    inputs: Sequence[Any] = ((2, 3),)
    reference: Optional[Callable] = None
    desc: str = ""
    train: bool = True
    gradcheck: bool = True
    grad_inputs: Optional[Sequence[int]] = None
    bad_input: Optional[tuple] = None
    bad_message: str = ""
    atol: float = 1e-10
    rtol: float = 1e-7

    @property
    def id(self):
        return self.module + ("-" + self.desc if self.desc else "")

    def make_inputs(self, rng):
        """The forward arguments as NumPy arrays (float64 for shapes)."""
        out = []
        for spec in self.inputs:
            out.append(spec(rng) if callable(spec) else rng.standard_normal(spec))
        return out


def _collect():
    specs = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):  # helper modules (NumPy references), not groups
            continue
        mod = importlib.import_module(__name__ + "." + info.name)
        specs.extend(mod.SPECS)
    ids = [s.id for s in specs]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ValueError("nn_specs: spec ids must be unique (use desc), repeated: %s" % dup)
    return specs


def class_targets(n, classes):
    """A maker of n int64 class indices below `classes`."""
    return lambda rng: rng.integers(0, classes, size=n).astype(np.int64)


def uniform(shape, lo, hi):
    """A maker of a float64 input uniform in [lo, hi)."""
    return lambda rng: rng.uniform(lo, hi, size=shape)


def away_from(shape, points, margin=0.05):
    """A maker of a standard-normal input kept at least `margin` away from each kink in points
    (finite differences across a kink would not match the one-sided analytical gradient)."""
    def make(rng):
        x = rng.standard_normal(shape)
        for p in points:
            near = np.abs(x - p) < margin
            x[near] = p + np.where(x[near] >= p, margin, -margin) * 2
        return x
    return make


SPECS = _collect()
