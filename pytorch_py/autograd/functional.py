"""torch.autograd.functional: derivatives of whole functions (layer: autograd).

vjp, jvp, vhp and hvp return (func(inputs), product); jacobian and hessian return the full
matrices.  All are built on `autograd.grad`: a Jacobian row per output element (reverse mode),
and a jvp by differentiating a vjp with respect to its (dummy) cotangent, so no forward-mode
machinery is needed.  `inputs` is a tensor or a tuple of tensors, and the results follow the
same structure: a tensor in, a tensor out; a tuple in, a tuple out.
"""
from ..tensor import Tensor
from .grad_mode import enable_grad


def _as_tuple(x, arg, fn):
    """(was a tuple, x as a tuple of tensors); refuses anything else, naming fn and arg."""
    if isinstance(x, Tensor):
        return False, (x,)
    if isinstance(x, (tuple, list)) and all(isinstance(t, Tensor) for t in x):
        return True, tuple(x)
    raise TypeError("The %s given to %s must be either a Tensor or a tuple of Tensors but got %s."
                    % (arg, fn, type(x).__name__))


def _restore(is_tuple, xs):
    return tuple(xs) if is_tuple else xs[0]


def _prepare(inputs, create_graph):
    """Inputs the function is differentiated at: detached copies that require grad, or (under
    create_graph, for inputs already requiring grad) views, so the result stays differentiable
    with respect to the caller's tensors."""
    out = []
    for t in inputs:
        if create_graph and t.requires_grad:
            out.append(t.view_as(t))
        else:
            out.append(t.detach().requires_grad_(True))
    return tuple(out)


def _check_float_outputs(outputs, fn):
    for i, o in enumerate(outputs):
        if not o.is_floating_point():
            raise RuntimeError("%s: expected floating-point outputs of the function, but output %d has dtype %s"
                               % (fn, i, o.dtype))


def _check_v(v, like, arg, fn):
    """v as a tuple matching `like` (one tensor of the same shape each)."""
    if v is None:
        if len(like) != 1 or like[0].numel() != 1:
            raise RuntimeError("%s: the vector v can only be None if the %s is a single element tensor"
                               % (fn, "function output" if arg == "outputs" else "input"))
        from .._creation import ones_like

        return (ones_like(like[0]),)
    _, v = _as_tuple(v, "v", fn)
    if len(v) != len(like):
        raise RuntimeError("%s: v has %d elements, but the %s has %d" % (fn, len(v), arg, len(like)))
    for i, (a, b) in enumerate(zip(v, like)):
        if tuple(a.shape) != tuple(b.shape):
            raise RuntimeError("%s: entry %d of v has shape %s, but the matching %s has shape %s"
                               % (fn, i, list(a.shape), arg, list(b.shape)))
    return v


def _grad(outputs, inputs, grad_outputs, create_graph, strict, fn, what="output"):
    """Gradients of outputs w.r.t. inputs; an input the outputs do not depend on gets zeros, or
    an error under strict."""
    from . import grad
    from .._creation import zeros_like

    pairs = [(o, g) for o, g in zip(outputs, grad_outputs) if o.requires_grad]
    if pairs:
        res = grad([o for o, _ in pairs], inputs, [g for _, g in pairs], retain_graph=True,
                   create_graph=create_graph, allow_unused=True)
    else:
        res = (None,) * len(inputs)
    out = []
    for i, r in enumerate(res):
        if r is None:
            if strict:
                raise RuntimeError("%s: the %s of the user-provided function is independent of input %d. This is "
                                   "not allowed in strict mode." % (fn, what, i))
            r = zeros_like(inputs[i])
        out.append(r)
    return tuple(out)


def _finish(xs, create_graph):
    return tuple(x if create_graph else x.detach() for x in xs)


def _call(func, inputs, fn):
    is_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", fn)
    _check_float_outputs(outputs, fn)
    return is_tuple, outputs


def vjp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), v^T J): the vector-Jacobian product of func at inputs with v shaped like
    func's output (v may be None for a single-element output)."""
    fn = "vjp"
    in_tuple, inputs = _as_tuple(inputs, "inputs", fn)
    with enable_grad():
        inputs = _prepare(inputs, create_graph)
        out_tuple, outputs = _call(func, inputs, fn)
        v = _check_v(v, outputs, "outputs", fn)
        res = _grad(outputs, inputs, v, create_graph, strict, fn)
    return _restore(out_tuple, _finish(outputs, create_graph)), _restore(in_tuple, _finish(res, create_graph))


def jvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), J v): the Jacobian-vector product with v shaped like inputs.  Computed as
    the gradient of u -> u^T J with respect to a dummy cotangent u (the double-backward trick)."""
    fn = "jvp"
    in_tuple, inputs = _as_tuple(inputs, "inputs", fn)
    with enable_grad():
        inputs = _prepare(inputs, create_graph)
        v = _check_v(v, inputs, "inputs", fn)
        out_tuple, outputs = _call(func, inputs, fn)
        from .._creation import zeros_like

        dummies = tuple(zeros_like(o).requires_grad_(True) for o in outputs)
        vjps = _grad(outputs, inputs, dummies, True, strict, fn)
        res = _grad(vjps, dummies, v, create_graph, strict, fn, what="gradient")
    return _restore(out_tuple, _finish(outputs, create_graph)), _restore(out_tuple, _finish(res, create_graph))


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False, strategy="reverse-mode"):
    """The Jacobian of func at inputs: for output i and input j a tensor of shape
    out_i.shape + in_j.shape (nested as ((J_00, J_01...), ...) following the tuple structure of
    outputs and inputs).  strategy 'forward-mode' gives the same values (computed in reverse)."""
    fn = "jacobian"
    if strategy not in ("reverse-mode", "forward-mode"):
        raise ValueError("jacobian: expected strategy 'reverse-mode' or 'forward-mode', but got %r" % (strategy,))
    from .. import stack  # the public (differentiable) form
    from .._creation import zeros

    in_tuple, inputs = _as_tuple(inputs, "inputs", fn)
    with enable_grad():
        inputs = _prepare(inputs, create_graph)
        out_tuple, outputs = _call(func, inputs, fn)
        rows = []
        for i, o in enumerate(outputs):
            per_input = [[] for _ in inputs]
            flat = o.reshape(-1)
            for k in range(flat.numel()):
                g = _grad((flat[k],), inputs, (None,), create_graph, strict, fn) if o.requires_grad else \
                    _grad((), inputs, (), create_graph, strict, fn)
                for j, gj in enumerate(g):
                    per_input[j].append(gj)
            blocks = []
            for j, x in enumerate(inputs):
                if per_input[j]:
                    b = stack(per_input[j]).reshape(tuple(o.shape) + tuple(x.shape))
                else:
                    b = zeros(tuple(o.shape) + tuple(x.shape), dtype=x.dtype)  # an empty output
                blocks.append(b if create_graph else b.detach())
            rows.append(_restore(in_tuple, blocks))
    return _restore(out_tuple, rows)


def hessian(func, inputs, create_graph=False, strict=False, vectorize=False, outer_jacobian_strategy="reverse-mode"):
    """The Hessian of the scalar function func at inputs: for inputs i, j a tensor of shape
    in_i.shape + in_j.shape (a single tensor for a single input)."""
    fn = "hessian"
    in_tuple, inputs = _as_tuple(inputs, "inputs", fn)

    def gradient(*xs):
        _, out = _call(func, xs, fn)
        if len(out) != 1 or out[0].numel() != 1:
            raise RuntimeError("hessian: expected a function returning a single-element tensor, but got outputs of "
                               "shapes %s" % [list(o.shape) for o in out])
        return _grad(out, xs, (None,), True, strict, fn)

    res = jacobian(gradient, inputs, create_graph=create_graph, strict=strict, strategy=outer_jacobian_strategy)
    return _restore(in_tuple, [_restore(in_tuple, row) for row in res])


def _hessian_product(func, inputs, v, create_graph, strict, fn, transpose):
    in_tuple, inputs = _as_tuple(inputs, "inputs", fn)
    with enable_grad():
        inputs = _prepare(inputs, create_graph)
        _, outputs = _call(func, inputs, fn)
        if len(outputs) != 1 or outputs[0].numel() != 1:
            raise RuntimeError("%s: expected a function returning a single-element tensor, but got outputs of "
                               "shapes %s" % (fn, [list(o.shape) for o in outputs]))
        v = _check_v(v, inputs, "inputs", fn)
        grads = _grad(outputs, inputs, (None,), True, strict, fn)
        if transpose:  # hvp = H v: differentiate (grad . u) in u, as jvp does
            from .._creation import zeros_like

            dummies = tuple(zeros_like(g).requires_grad_(True) for g in grads)
            inner = _grad(grads, inputs, dummies, True, strict, fn, what="gradient")
            res = _grad(inner, dummies, v, create_graph, strict, fn, what="gradient")
        else:
            res = _grad(grads, inputs, v, create_graph, strict, fn, what="gradient")
    return _finish(outputs, create_graph)[0], _restore(in_tuple, _finish(res, create_graph))


def vhp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), v^T H) for a scalar func, with v shaped like inputs."""
    return _hessian_product(func, inputs, v, create_graph, strict, "vhp", transpose=False)


def hvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), H v) for a scalar func, with v shaped like inputs."""
    return _hessian_product(func, inputs, v, create_graph, strict, "hvp", transpose=True)
