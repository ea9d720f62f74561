"""torch.nn modules driven by the spec table (tests/nn_specs): forward against the NumPy
reference in float64 and float32, gradients of inputs and parameters by gradcheck, and the
error a wrong input shape gives."""
import numpy as np
import pytest

import pytorch_py as torch
import pytorch_py.nn as nn
from nn_specs import SPECS

_ids = [s.id for s in SPECS]


def _build(spec, dtype=torch.float64, seed=0):
    """(module, input tensors, input arrays, params as float64 arrays) for spec."""
    torch.manual_seed(seed)
    kwargs = {k: torch.from_numpy(v) if isinstance(v, np.ndarray) else v for k, v in spec.kwargs.items()}
    module = getattr(nn, spec.module)(*spec.args, **kwargs).to(dtype)
    if not spec.train:
        module.eval()
    arrays = spec.make_inputs(np.random.default_rng(seed))
    inputs = []
    for a in arrays:
        t = torch.from_numpy(np.ascontiguousarray(a))
        inputs.append(t.to(dtype) if t.is_floating_point() else t)
    params = {k: v.double().numpy() for k, v in module.state_dict().items() if v.is_floating_point()}
    return module, inputs, arrays, params


def _flat(out):
    """The leaves of a (possibly nested) tuple output, in order: LSTM returns (out, (h, c))."""
    if isinstance(out, (tuple, list)):
        return [leaf for o in out for leaf in _flat(o)]
    return [out]


def _compare(out, ref, atol, rtol):
    outs, refs = _flat(out), _flat(ref)
    assert len(outs) == len(refs)
    for o, r in zip(outs, refs):
        r = np.asarray(r)
        assert tuple(o.shape) == r.shape, (tuple(o.shape), r.shape)
        np.testing.assert_allclose(o.detach().double().numpy(), r, atol=atol, rtol=rtol)


@pytest.mark.parametrize("spec", SPECS, ids=_ids)
def test_forward_float64(spec):
    module, inputs, arrays, params = _build(spec)
    _compare(module(*inputs), spec.reference(params, *arrays), spec.atol, spec.rtol)


@pytest.mark.parametrize("spec", SPECS, ids=_ids)
def test_forward_float32(spec):
    module, inputs, arrays, params = _build(spec, torch.float32)
    arrays = [a.astype(np.float32).astype(np.float64) if a.dtype.kind == "f" else a for a in arrays]
    _compare(module(*inputs), spec.reference(params, *arrays), max(spec.atol, 2e-5), max(spec.rtol, 2e-4))


@pytest.mark.parametrize("spec", [s for s in SPECS if s.gradcheck], ids=[s.id for s in SPECS if s.gradcheck])
def test_gradcheck_inputs_and_parameters(spec):
    module, inputs, _, _ = _build(spec)
    which = spec.grad_inputs
    if which is None:
        which = [i for i, t in enumerate(inputs) if t.is_floating_point()]
    for i in which:
        inputs[i].requires_grad_(True)
    params = [p for p in module.parameters() if p.requires_grad]
    diff = [inputs[i] for i in which] + params
    assert diff, "spec %s has nothing to differentiate: set gradcheck=False" % spec.id
    # gradcheck perturbs the tensors it is given in place, so the module sees its own parameters move
    assert torch.autograd.gradcheck(lambda *_: tuple(_flat(module(*inputs))), diff, eps=1e-6, atol=1e-6, rtol=1e-4)


@pytest.mark.parametrize("spec", [s for s in SPECS if s.bad_input], ids=[s.id for s in SPECS if s.bad_input])
def test_wrong_input_shape_is_refused(spec):
    module, inputs, _, _ = _build(spec)
    bad = torch.randn(*spec.bad_input, dtype=torch.float64)
    with pytest.raises((RuntimeError, ValueError)) as info:
        module(bad, *inputs[1:])
    assert spec.bad_message in str(info.value)
