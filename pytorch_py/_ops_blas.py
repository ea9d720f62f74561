"""Matrix products over BLAS: mm, bmm, matmul, addmm and family (layer: tensor)."""

from . import _dtype as D
from ._broadcast import broadcast_shapes

Tensor = None  # set by tensor.py
_wrap = None


def _install(tensor_cls, wrap):
    global Tensor, _wrap
    Tensor, _wrap = tensor_cls, wrap


def _matmul(a, b):
    """torch.matmul's rules: 1-d is a vector (dot / matrix-vector), batch dims broadcast."""
    if a.dim() == 0 or b.dim() == 0:
        raise RuntimeError("matmul: expected both arguments to have at least 1 dimension, but got %d and %d dims"
                           % (a.dim(), b.dim()))
    from ._ops_pointwise import result_type

    dt = result_type(a, b)
    if dt is D.bool:
        raise RuntimeError("matmul: expected numeric tensors, but got bool tensors")
    a, b = a._cast(dt), b._cast(dt)
    va, vb = a.dim() == 1, b.dim() == 1
    if va:
        a = a.unsqueeze(0)
    if vb:
        b = b.unsqueeze(1)
    if a._shape[-1] != b._shape[-2]:
        raise RuntimeError("matmul: expected the inner dimensions to match, but got shapes %s and %s (%d vs %d)"
                           % (list(a._shape if not va else a._shape[1:]), list(b._shape if not vb else b._shape[:1]),
                              a._shape[-1], b._shape[-2]))
    batch = broadcast_shapes(a._shape[:-2], b._shape[:-2])
    # [..., n, k, 1] * [..., 1, k, m] summed over k
    r = (a.expand(*batch, *a._shape[-2:]).unsqueeze(-1) * b.expand(*batch, *b._shape[-2:]).unsqueeze(-3)).sum(-2)
    if va:
        r = r.squeeze(-2)
    if vb:
        r = r.squeeze(-1)
    return r


class BlasMixin:
    """Matrix product methods of Tensor."""

    __slots__ = ()

    def matmul(self, other):
        """Matrix product with torch.matmul's rules for 1-d, 2-d and batched operands."""
        return _matmul(self, other)

    def mm(self, mat2):
        if self.dim() != 2 or mat2.dim() != 2:
            raise RuntimeError("mm: expected 2-d tensors, but got %d and %d dims" % (self.dim(), mat2.dim()))
        return _matmul(self, mat2)

    def mv(self, vec):
        if self.dim() != 2 or vec.dim() != 1:
            raise RuntimeError("mv: expected a 2-d matrix and a 1-d vector, but got %d and %d dims"
                               % (self.dim(), vec.dim()))
        return _matmul(self, vec)

    def dot(self, other):
        if self.dim() != 1 or other.dim() != 1:
            raise RuntimeError("dot: expected 1-d tensors, but got %d and %d dims" % (self.dim(), other.dim()))
        if self._shape != other._shape:
            raise RuntimeError("dot: expected tensors of the same size, but got %d and %d"
                               % (self._shape[0], other._shape[0]))
        return _matmul(self, other)

    def bmm(self, mat2):
        if self.dim() != 3 or mat2.dim() != 3:
            raise RuntimeError("bmm: expected 3-d tensors, but got %d and %d dims" % (self.dim(), mat2.dim()))
        if self._shape[0] != mat2._shape[0]:
            raise RuntimeError("bmm: expected equal batch sizes, but got %d and %d" % (self._shape[0], mat2._shape[0]))
        return _matmul(self, mat2)

    def outer(self, vec2):
        return self.reshape(-1, 1) * vec2.reshape(1, -1)

    ger = outer


# torch.<name>(tensor, ...) forms of these methods, and the module functions torch exports from here
TORCH_METHOD_FUNCTIONS = "matmul mm mv dot bmm outer ger".split()
TORCH_FUNCTIONS = []
