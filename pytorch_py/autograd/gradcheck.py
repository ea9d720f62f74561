"""gradcheck / gradgradcheck: analytical gradients against central finite differences
(layer: autograd).  Use float64 inputs."""
import numpy as np

from ..tensor import Tensor


class GradcheckError(RuntimeError):
    """Raised by gradcheck / gradgradcheck when a check fails (and raise_exception is set)."""


def _as_tuple(x):
    return x if isinstance(x, tuple) else (x,) if not isinstance(x, list) else tuple(x)


def _outputs(func, inputs):
    return [o for o in _as_tuple(func(*inputs)) if isinstance(o, Tensor) and o._dtype.is_floating_point]


def _numerical(func, inputs, diff_idx, eps):
    """J[k][j] for input k: d flat(outputs) / d flat(input) column by column."""
    jac = []
    if True:  # grad mode stays on: gradgradcheck's function computes gradients itself
        n_out = sum(o.numel() for o in _outputs(func, inputs))
        for k in diff_idx:
            x = inputs[k]
            a = x.numpy()  # shares x's memory, whatever its strides
            J = np.zeros((x.numel(), n_out))
            for j, idx in enumerate(np.ndindex(*a.shape)):
                orig = a[idx].item()
                a[idx] = orig + eps
                plus = np.concatenate([o.numpy().astype(np.float64).ravel() for o in _outputs(func, inputs)] or
                                      [np.zeros(0)])
                a[idx] = orig - eps
                minus = np.concatenate([o.numpy().astype(np.float64).ravel() for o in _outputs(func, inputs)] or
                                       [np.zeros(0)])
                a[idx] = orig
                J[j] = (plus - minus) / (2 * eps)
            jac.append(J)
    return jac


def _analytical(func, inputs, diff_idx):
    from . import grad
    from .._creation import zeros_like

    outs = _outputs(func, inputs)
    n_out = sum(o.numel() for o in outs)
    jac = [np.zeros((inputs[k].numel(), n_out)) for k in diff_idx]
    col = 0
    for o in outs:
        if not o.requires_grad:
            col += o.numel()
            continue
        for j in range(o.numel()):
            go = zeros_like(o)
            go.view(-1)[j] = 1.0
            gs = grad([o], [inputs[k] for k in diff_idx], [go], retain_graph=True, allow_unused=True)
            for n, g in enumerate(gs):
                if g is not None:
                    jac[n][:, col] = g.detach().contiguous().numpy().astype(np.float64).ravel()
            col += 1
    return jac


def gradcheck(func, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, nondet_tol=0.0,
              check_undefined_grad=True, check_grad_dtypes=False, check_batched_grad=False,
              check_batched_forward_grad=False, check_forward_ad=False, check_backward_ad=True, fast_mode=False,
              masked=None):
    """Checks the gradients of func at inputs (tensors that require grad are differentiated)
    against central differences with step eps: |analytical - numerical| <= atol + rtol *
    |numerical| everywhere.  Returns True, or raises GradcheckError (returns False when
    raise_exception is False)."""
    inputs = _as_tuple(inputs)
    diff_idx = [i for i, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]
    if not diff_idx:
        raise ValueError("gradcheck expects at least one input tensor to require gradient, but none of them have "
                         "requires_grad=True.")
    for i in diff_idx:
        if inputs[i]._dtype.itemsize < 8:
            import warnings

            warnings.warn("Input #%d requires gradient and is not a double precision floating point. This check "
                          "will likely fail if all the inputs are not of double precision floating point." % i)
    num = _numerical(func, inputs, diff_idx, eps)
    ana = _analytical(func, inputs, diff_idx)
    for n, (N, A) in enumerate(zip(num, ana)):
        if not np.allclose(A, N, rtol=rtol, atol=atol, equal_nan=False):
            msg = ("Jacobian mismatch for output 0 with respect to input %d,\nnumerical:%s\nanalytical:%s\n"
                   % (diff_idx[n], N, A))
            if raise_exception:
                raise GradcheckError(msg)
            return False
    return True


def gradgradcheck(func, inputs, grad_outputs=None, *, eps=1e-6, atol=1e-5, rtol=1e-3, gen_non_contig_grad_outputs=False,
                  raise_exception=True, nondet_tol=0.0, check_undefined_grad=True, check_grad_dtypes=False,
                  check_batched_grad=False, check_fwd_over_rev=False, check_rev_over_rev=True, fast_mode=False,
                  masked=False):
    """Checks second derivatives: gradcheck of the function (inputs, grad_outputs) -> gradients
    of func computed with create_graph=True.  grad_outputs default to random float64 tensors."""
    from . import grad
    from .._creation import from_numpy

    inputs = _as_tuple(inputs)
    diff_idx = [i for i, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]
    outs = _outputs(func, inputs)
    if grad_outputs is None:
        rng = np.random.default_rng(0)
        grad_outputs = tuple(from_numpy(rng.standard_normal(o._shape)).to(o._dtype).requires_grad_()
                             for o in outs)
    grad_outputs = _as_tuple(grad_outputs)
    n_in = len(inputs)

    def new_func(*args):
        ins, gos = args[:n_in], args[n_in:]
        os = [o for o in _outputs(func, ins) if o.requires_grad]
        gs = grad(os, [ins[i] for i in diff_idx], list(gos[:len(os)]), create_graph=True, allow_unused=True)
        return tuple(g for g in gs if g is not None)

    return gradcheck(new_func, inputs + grad_outputs, eps=eps, atol=atol, rtol=rtol, raise_exception=raise_exception)
