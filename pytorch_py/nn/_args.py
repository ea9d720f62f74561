"""Argument normalisation shared by nn.functional and the nn modules (layer: nn): int-or-sequence
sizes as n-tuples, and the window arguments (kernel_size, stride, padding, dilation) of the 1-d,
2-d and 3-d poolings with their checks."""
import numbers


def _ntuple(x, n, op, name):
    """x (an int or a sequence of 1 or n ints) as an n-tuple of ints."""
    if isinstance(x, numbers.Integral):
        return (int(x),) * n
    x = tuple(int(v) for v in x)
    if len(x) == 1:
        return x * n
    if len(x) != n:
        raise ValueError("%s: expected %s to be an int or %d ints, but got %s" % (op, name, n, x))
    return x


def _stride(stride, kernel_size):
    """A pooling's stride: kernel_size when stride is None or empty (PyTorch's default)."""
    return kernel_size if stride is None or (not isinstance(stride, numbers.Integral) and len(stride) == 0) \
        else stride


def _window_args(op, nd, kernel_size, stride, padding, dilation=1):
    """(kernel, stride, padding, dilation) n-tuples of an nd-d pooling: positive kernel, stride and
    dilation, and padding between 0 and half the kernel."""
    k = _ntuple(kernel_size, nd, op, "kernel_size")
    s = _ntuple(_stride(stride, kernel_size), nd, op, "stride")
    p = _ntuple(padding, nd, op, "padding")
    d = _ntuple(dilation, nd, op, "dilation")
    if min(k) <= 0 or min(s) <= 0 or min(d) <= 0:
        raise RuntimeError("%s: expected positive kernel_size, stride and dilation, but got %s, %s and %s"
                           % (op, k, s, d))
    if any(pi > ki // 2 for pi, ki in zip(p, k)) or min(p) < 0:
        raise RuntimeError("%s: pad should be at most half of kernel size, but got pad=%s and kernel_size=%s"
                           % (op, p, k))
    return k, s, p, d
