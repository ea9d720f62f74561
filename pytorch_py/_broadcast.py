"""Shape arithmetic shared by the Tensor layer: broadcasting and dim wrapping (layer: tensor)."""


def broadcast_shapes(*shapes):
    """The shape tensors of `shapes` broadcast to, PyTorch's rules; RuntimeError if they cannot."""
    ndim = max((len(s) for s in shapes), default=0)
    out = [1] * ndim
    for s in shapes:
        off = ndim - len(s)
        for i, n in enumerate(s):
            o = out[off + i]
            if n == o or n == 1:
                continue
            if o == 1:
                out[off + i] = n
            else:
                raise RuntimeError("broadcast: expected shapes that broadcast together, but got %s (size %d vs %d "
                                   "at dim %d)" % (" and ".join(str(list(x)) for x in shapes), o, n, off + i))
    return tuple(out)


def wrap_dim(dim, ndim, op="dim"):
    """dim in [-ndim, ndim) as a non-negative index (a 0-d tensor accepts 0 and -1)."""
    if not isinstance(dim, int) or isinstance(dim, bool):
        if hasattr(dim, "__index__"):
            dim = dim.__index__()
        else:
            raise TypeError("%s: expected an integer dim, but got %s" % (op, type(dim).__name__))
    n = ndim if ndim > 0 else 1
    if dim < -n or dim >= n:
        raise IndexError("%s: expected a dim in range [%d, %d], but got %d" % (op, -n, n - 1, dim))
    return dim + n if dim < 0 else dim


def parse_shape(args, op):
    """Accepts f(2, 3), f((2, 3)), f([2, 3]) or f(torch.Size([2, 3])) and returns a tuple of ints."""
    if len(args) == 1 and not isinstance(args[0], int) and hasattr(args[0], "__iter__"):
        args = tuple(args[0])
    out = []
    for a in args:
        if isinstance(a, bool) or not hasattr(a, "__index__"):
            raise TypeError("%s: expected a sequence of integers for the size, but got %s" % (op, type(a).__name__))
        out.append(a.__index__())
    return tuple(out)
