"""Matrix products over BLAS: mm, bmm, matmul, addmm and family (layer: tensor)."""

Tensor = None  # set by tensor.py
_wrap = None


def _install(tensor_cls, wrap):
    global Tensor, _wrap
    Tensor, _wrap = tensor_cls, wrap


class BlasMixin:
    """Matrix product methods of Tensor."""

    __slots__ = ()


# torch.<name>(tensor, ...) forms of these methods, and the module functions torch exports from here
TORCH_METHOD_FUNCTIONS = []
TORCH_FUNCTIONS = []
