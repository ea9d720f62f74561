"""Matrix products over BLAS: mm, mv, bmm, dot, matmul, the add* family, outer, inner (layer: tensor).

The kernels are TH's (src/th/generic/THTensorBlas.c): Float and Double through OpenBLAS, Half
through float, integer types through TH's own loops; bool has no products (as PyTorch on the CPU).
Operands may have any strides: transposed and sliced views go to the kernels as they are.  As in
PyTorch the products do not promote: their operands must share a dtype (outer, which PyTorch
defines as a broadcast multiply, does promote).
"""
import numpy as np

from . import _dtype as D
from ._broadcast import broadcast_shapes
from ._C import ffi, raise_error
from .backends.cpu import CPU

Tensor = _wrap = _cpu_result = None  # bound by tensor.py once Tensor exists
_new_obj = object.__new__
_gc = ffi.gc
_FREE = CPU.free
# the allocate-and-compute shims, bound once (None for bool, which has no products)
_MM_NEW = CPU.table("Tensor_mm_new")
_BMM_NEW = CPU.table("Tensor_bmm_new")


# dtype names as PyTorch's messages print them: the C++ type of `m1 and m2` messages, and the
# scalar type names of the others
_CPP_NAME = {D.float64: "double", D.float32: "float", D.float16: "c10::Half", D.int64: "long int",
             D.int32: "int", D.int16: "short int", D.int8: "signed char", D.uint8: "unsigned char", D.bool: "bool"}


def _tensor_arg(x, op, what):
    if not isinstance(x, Tensor):
        raise TypeError("%s: expected a Tensor for %s, but got %s" % (op, what, type(x).__name__))
    return x


def _common(op, tensors, names):
    """The dtype and backend all of `tensors` share; PyTorch's errors otherwise."""
    first = tensors[0]
    dt, bk = first._dtype, first._bk
    for t, name in zip(tensors[1:], names[1:]):
        _tensor_arg(t, op, name)
        if t._bk is not bk:
            raise RuntimeError("%s: expected all tensors on one device, but got %s and %s"
                               % (op, bk.device, t._bk.device))
        if t._dtype is not dt:
            if names[0] == "mat1" and name == "mat2":
                raise RuntimeError("expected m1 and m2 to have the same dtype, but got: %s != %s"
                                   % (_CPP_NAME[dt], _CPP_NAME[t._dtype]))
            raise RuntimeError("%s: expected %s and %s to have the same dtype, but got %s and %s"
                               % (op, names[0], name, dt._th, t._dtype._th))
    if dt is D.bool:
        raise NotImplementedError("\"%s\" not implemented for 'Bool'" % op)
    return dt, bk


def _scalar(v, dt, op, name):
    """beta / alpha as the kernel's dtype takes it (PyTorch converts the Scalar the same way)."""
    if isinstance(v, Tensor):
        v = v.item()
    if not isinstance(v, (bool, int, float, np.number)):
        raise TypeError("%s: expected a number for %s, but got %s" % (op, name, type(v).__name__))
    return dt._py(v)


def _out_check(out, dt, op):
    _tensor_arg(out, op, "out")
    if out._dtype is not dt:
        raise RuntimeError("%s: expected out tensor to have dtype %s, but got %s instead" % (op, dt, out._dtype))


def _product(op, th, dt, bk, shape, args, out):
    """Runs TH's `th` (a function with the result r first) on args: into a new tensor, or into out."""
    if out is None:
        return _wrap(bk.new("Tensor_%s_new" % th, dt._index, *args), dt, bk, shape)
    _out_check(out, dt, op)
    bk.run("Tensor_" + th, dt._index, out._h, *args)
    out._shape = shape
    return out


def _rows(shape):
    """The number of rows when all dims but the last fold into one (reshape(-1, k) is ambiguous for k = 0)."""
    n = 1
    for s in shape[:-1]:
        n *= s
    return n


def _dims(op, tensors, names, want):
    for t, name, d in zip(tensors, names, want):
        if len(t._shape) != d:
            raise RuntimeError("%s: expected %s to be a %d-D tensor, but got a %d-D tensor"
                               % (op, name, d, len(t._shape)))


# ---- the plain products ----

def _fast(table, a, b, shape):
    """The common case in one cffi call: two CPU tensors of one (non-bool) dtype; None otherwise."""
    if type(b) is Tensor and b._dtype is a._dtype and a._bk is CPU and b._bk is CPU:
        i = a._dtype._index
        fn = table[i]
        if fn is not None:
            p = fn(a._h, b._h)
            if not p:
                raise_error()
            t = _new_obj(Tensor)
            t._h = _gc(p, _FREE[i])
            t._dtype = a._dtype
            t._bk = CPU
            t._shape = shape
            t._ag = None  # no autograd state (the autograd wrapper around the method adds it)
            return t
    return None


def _mm(a, b, out=None, op="mm"):
    if out is None and op == "mm" and len(a._shape) == 2 and type(b) is Tensor and len(b._shape) == 2:
        r = _fast(_MM_NEW, a, b, (a._shape[0], b._shape[1]))
        if r is not None:
            return r
    _tensor_arg(b, op, "mat2")
    dt, bk = _common(op, (a, b), ("mat1", "mat2"))
    _dims(op, (a, b), ("mat1", "mat2"), (2, 2))
    return _product(op, "mm", dt, bk, (a._shape[0], b._shape[1]), (a._h, b._h), out)


def _mv(a, v, out=None, op="mv"):
    _tensor_arg(v, op, "vec")
    dt, bk = _common(op, (a, v), ("mat", "vec"))
    _dims(op, (a, v), ("mat", "vec"), (2, 1))
    return _product(op, "mv", dt, bk, (a._shape[0],), (a._h, v._h), out)


def _bmm(a, b, out=None, op="bmm"):
    _tensor_arg(b, op, "mat2")
    dt, bk = _common(op, (a, b), ("batch1", "batch2"))
    _dims(op, (a, b), ("batch1", "batch2"), (3, 3))
    return _product(op, "bmm", dt, bk, (a._shape[0], a._shape[1], b._shape[2]), (a._h, b._h), out)


def _dot(a, b, op="dot"):
    _tensor_arg(b, op, "other")
    if len(a._shape) != 1 or len(b._shape) != 1:
        raise RuntimeError("%s: expected 1-D tensors, but got %dD and %dD tensors" % (op, len(a._shape), len(b._shape)))
    if a._dtype is not b._dtype:
        raise RuntimeError("%s: expected both vectors to have the same dtype, but got %s and %s"
                           % (op, a._dtype._th, b._dtype._th))
    dt, bk = _common(op, (a, b), ("self", "other"))
    v = bk.value("Tensor_dot", dt._index, a._h, b._h)
    if not dt.is_floating_point:
        v = np.array(v, np.int64).astype(dt._np).item()  # integer products wrap, as PyTorch's
    from ._ops_pointwise import scalar_tensor

    return scalar_tensor(v, dt, bk)


def _as_batch(t, batch, rows, cols, count):
    """t (..., rows, cols) broadcast to batch + (rows, cols), with the batch dims merged into one:
    a view where the strides allow (a broadcast batch keeps stride 0: BLAS reads one matrix for
    every batch), a copy otherwise."""
    if t._shape[:-2] != batch:
        t = t.expand(*batch, rows, cols)
    if len(batch) == 1:
        return t
    try:
        return t.view(count, rows, cols)
    except RuntimeError:
        return t.reshape(count, rows, cols)


def _matmul(a, b):
    """torch.matmul's rules; see BlasMixin.matmul."""
    _tensor_arg(b, "matmul", "other")
    da, db = len(a._shape), len(b._shape)
    if da == 2 and db == 2:
        r = _fast(_MM_NEW, a, b, (a._shape[0], b._shape[1]))
        if r is not None:
            return r
    elif da == 3 and db == 3 and a._shape[0] == b._shape[0]:
        r = _fast(_BMM_NEW, a, b, (a._shape[0], a._shape[1], b._shape[2]))
        if r is not None:
            return r
    if da == 0 or db == 0:
        raise RuntimeError("matmul: expected both arguments to be at least 1-D, but got %dD and %dD" % (da, db))
    if da == 1 and db == 1:
        return _dot(a, b, "matmul")
    if da == 2 and db == 1:
        return _mv(a, b, op="matmul")
    if da == 2 and db == 2:
        return _mm(a, b, op="matmul")
    _common("matmul", (a, b), ("mat1", "mat2"))
    if da == 1 and db == 2:
        if a._shape[0] != b._shape[0]:
            raise RuntimeError("matmul: expected mat1 and mat2 shapes that can be multiplied (1x%d and %dx%d)"
                               % (a._shape[0], b._shape[0], b._shape[1]))
        return _mv(b.t(), a, op="matmul")  # a @ b = b^T a; BLAS takes b^T as the transposed operand
    if db <= 2:
        # batched @ matrix (or vector): fold the batch dims into the rows, one gemm (gemv)
        k = a._shape[-1]
        a2 = a.reshape(_rows(a._shape), k)
        if db == 2:
            if k != b._shape[0]:
                raise RuntimeError("matmul: expected mat1 and mat2 shapes that can be multiplied (%dx%d and %dx%d)"
                                   % (a2._shape[0], k, b._shape[0], b._shape[1]))
            return _mm(a2, b, op="matmul").view(*a._shape[:-1], b._shape[1])
        if k != b._shape[0]:
            raise RuntimeError("matmul: expected mat and vec shapes that can be multiplied (%dx%d and %d)"
                               % (a2._shape[0], k, b._shape[0]))
        return _mv(a2, b, op="matmul").view(*a._shape[:-1])
    a3 = a.unsqueeze(0) if da == 1 else a
    b3 = b.unsqueeze(-1) if db == 1 else b
    n, k = a3._shape[-2:]
    k2, m = b3._shape[-2:]
    if k != k2:
        raise RuntimeError("matmul: expected mat1 and mat2 shapes that can be multiplied (%s and %s)"
                           % ("x".join(map(str, a._shape)), "x".join(map(str, b._shape))))
    batch = broadcast_shapes(a3._shape[:-2], b3._shape[:-2])
    count = 1
    for s in batch:
        count *= s
    if a3._shape[:-2] == batch and b3.numel() == k * m and db >= 3:
        # b's batch dims are all 1: still one gemm with a's batch dims folded into the rows
        r = _mm(a3.reshape(_rows(a3._shape), k), b3.reshape(k, m), op="matmul").view(*batch, n, m)
    else:
        r = _bmm(_as_batch(a3, batch, n, k, count), _as_batch(b3, batch, k, m, count), op="matmul")
        r = r.view(*batch, n, m)
    if da == 1:
        r = r.squeeze(-2)
    if db == 1:
        r = r.squeeze(-1)
    return r


# ---- the add* family: r = beta * input + alpha * product ----

def _add_op(op, th, inp, f1, f2, names, dims, shape_of, beta, alpha, out, inplace):
    """Checks the operands, broadcasts input to the product's shape and runs TH's `th`."""
    _tensor_arg(f1, op, names[1])
    _tensor_arg(f2, op, names[2])
    dt, bk = _common(op, (f1, f2, inp), names[1:] + names[:1])
    _dims(op, (f1, f2), names[1:], dims)
    shape = shape_of(f1._shape, f2._shape)
    b, a = _scalar(beta, dt, op, "beta"), _scalar(alpha, dt, op, "alpha")
    if inplace:
        if inp._shape != shape:
            raise RuntimeError("%s: expected the tensor updated in place to have the result's shape %s, but got %s"
                               % (op, list(shape), list(inp._shape)))
        bk.run("Tensor_" + th, dt._index, inp._h, b, inp._h, a, f1._h, f2._h)
        return inp
    if inp._shape != shape:
        try:
            inp = inp.expand(*shape)
        except RuntimeError:
            raise RuntimeError("%s: expected input of a shape that broadcasts to %s, but got %s"
                               % (op, list(shape), list(inp._shape))) from None
    return _product(op, th, dt, bk, shape, (b, inp._h, a, f1._h, f2._h), out)


def _mm_shape(s1, s2):
    if s1[1] != s2[0]:
        raise RuntimeError("addmm: expected mat1 and mat2 shapes that can be multiplied (%dx%d and %dx%d)"
                           % (s1 + s2))
    return (s1[0], s2[1])


def _mv_shape(s1, s2):
    if s1[1] != s2[0]:
        raise RuntimeError("addmv: expected mat and vec shapes that can be multiplied (%dx%d and %d)" % (s1 + s2))
    return (s1[0],)


def _r_shape(s1, s2):
    return (s1[0], s2[0])


def _check_batches(op, s1, s2):
    if s1[0] != s2[0]:
        raise RuntimeError("%s: expected batch1 and batch2 to have the same batch size, but got %d and %d"
                           % (op, s1[0], s2[0]))
    if s1[2] != s2[1]:
        raise RuntimeError("%s: expected batch1 and batch2 shapes that can be multiplied (%dx%dx%d and %dx%dx%d)"
                           % ((op,) + s1 + s2))


def _bmm_shape(s1, s2):
    _check_batches("baddbmm", s1, s2)
    return (s1[0], s1[1], s2[2])


def _addbmm_shape(s1, s2):
    _check_batches("addbmm", s1, s2)
    return (s1[1], s2[2])


def _addr_bool(inp, v1, v2, beta, alpha, out, inplace):
    """addr on bool tensors, which PyTorch defines logically: (beta and input) or (alpha and v1 v2^T)."""
    for v, name in ((v1, "vec1"), (v2, "vec2")):
        _tensor_arg(v, "addr", name)
        if v._dtype is not D.bool or len(v._shape) != 1:
            raise RuntimeError("addr: expected 1-D bool vectors like input, but got %s of %dD %s"
                               % (name, len(v._shape), v._dtype))
    u8 = D.uint8  # or / and as integer arithmetic on 0 / 1, compared back to bool
    prod = v1._cast(u8).reshape(-1, 1) * v2._cast(u8).reshape(1, -1)
    r = (inp._cast(u8) * int(bool(beta)) + prod * int(bool(alpha))) != 0
    if inplace:
        if inp._shape != r._shape:
            raise RuntimeError("addr: expected the tensor updated in place to have the result's shape %s, but got %s"
                               % (list(r._shape), list(inp._shape)))
        return inp.copy_(r)
    if out is not None:
        from ._ops_pointwise import _out

        return _out(r, out)
    return r


def _chain_order(dims):
    """The cheapest parenthesisation of a matrix chain with dims[i] x dims[i+1] factors (classic
    dynamic programming); returns split[i][j] for the product of factors i..j."""
    n = len(dims) - 1
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            best = None
            for s in range(i, j):
                c = cost[i][s] + cost[s + 1][j] + dims[i] * dims[s + 1] * dims[j + 1]
                if best is None or c < best:
                    best, split[i][j] = c, s
            cost[i][j] = best
    return split


class BlasMixin:
    """Matrix product methods of Tensor."""

    __slots__ = ()

    def matmul(self, other, *, out=None):
        """Matrix product with torch.matmul's rules: 1-D @ 1-D is a dot product (0-d result); 2-D @ 1-D
        a matrix-vector product; a 1-D left operand is a row vector (its dim removed from the result);
        N-D operands are stacks of matrices whose batch dims broadcast, a 1-D right operand a column
        vector; batched @ 2-D folds the batch dims into one matrix product.  Operands must share a
        dtype (not bool); integer types compute exactly (wrapping on overflow)."""
        r = _matmul(self, other)
        if out is not None:
            from ._ops_pointwise import _out

            return _out(r, out)
        return r

    def mm(self, mat2, *, out=None):
        """The matrix product self @ mat2 of two 2-D tensors of one dtype: [n, k] @ [k, m] -> [n, m]."""
        return _mm(self, mat2, out)

    def mv(self, vec, *, out=None):
        """The matrix-vector product self @ vec: [n, k] @ [k] -> [n]."""
        return _mv(self, vec, out)

    def bmm(self, mat2, *, out=None):
        """Batched matrix product: [B, n, k] @ [B, k, m] -> [B, n, m] (no broadcasting: see matmul)."""
        return _bmm(self, mat2, out)

    def dot(self, other):
        """The dot product of two 1-D tensors of one dtype and size, as a 0-d tensor of that dtype."""
        return _dot(self, other)

    def vdot(self, other):
        """dot with the first operand conjugated: the same as dot for real dtypes."""
        return _dot(self, other, "vdot")

    def inner(self, other):
        """Sum of products over the last dims: result shape self.shape[:-1] + other.shape[:-1]; a 0-d
        operand multiplies instead."""
        _tensor_arg(other, "inner", "other")
        if not self._shape or not other._shape:
            return self * other
        if self._dtype is not other._dtype:
            raise RuntimeError("inner: expected both inputs to have the same dtype, but got %s and %s"
                               % (self._dtype, other._dtype))
        k = self._shape[-1]
        if other._shape[-1] != k:
            raise RuntimeError("inner: expected the last dimension to match on both input tensors, but got shapes "
                               "%s and %s" % (list(self._shape), list(other._shape)))
        shape = self._shape[:-1] + other._shape[:-1]
        if len(self._shape) == 1 and len(other._shape) == 1:
            return _dot(self, other, "inner")
        a2, b2 = self.reshape(_rows(self._shape), k), other.reshape(_rows(other._shape), k)
        return _mm(a2, b2.t(), op="inner").view(*shape)

    def outer(self, vec2):
        """The outer product of two 1-D tensors: [n], [m] -> [n, m] (dtypes promote, bool included)."""
        _tensor_arg(vec2, "outer", "vec2")
        if len(self._shape) != 1 or len(vec2._shape) != 1:
            raise RuntimeError("outer: expected 1-D vectors, but got %dD and %dD tensors"
                               % (len(self._shape), len(vec2._shape)))
        if self._dtype is not vec2._dtype or self._dtype is D.bool or self._bk is not vec2._bk:
            return self.reshape(-1, 1) * vec2.reshape(1, -1)
        dt, bk = self._dtype, self._bk
        return _wrap(bk.new("Tensor_ger_new", dt._index, self._h, vec2._h), dt, bk, (self._shape[0], vec2._shape[0]))

    def ger(self, vec2):
        """The same as outer (its older name)."""
        return self.outer(vec2)

    def addmm(self, mat1, mat2, *, beta=1, alpha=1, out=None):
        """beta * self + alpha * (mat1 @ mat2); self broadcasts to [n, m].  beta == 0 ignores self's
        values (NaN included); an empty inner dim gives beta * self."""
        return _add_op("addmm", "addmm", self, mat1, mat2, ("input", "mat1", "mat2"), (2, 2), _mm_shape, beta,
                       alpha, out, False)

    def addmm_(self, mat1, mat2, *, beta=1, alpha=1):
        """In-place addmm: self (of the result's shape) = beta * self + alpha * (mat1 @ mat2)."""
        return _add_op("addmm_", "addmm", self, mat1, mat2, ("input", "mat1", "mat2"), (2, 2), _mm_shape, beta,
                       alpha, None, True)

    def addmv(self, mat, vec, *, beta=1, alpha=1, out=None):
        """beta * self + alpha * (mat @ vec); self broadcasts to [n]."""
        return _add_op("addmv", "addmv", self, mat, vec, ("input", "mat", "vec"), (2, 1), _mv_shape, beta, alpha,
                       out, False)

    def addmv_(self, mat, vec, *, beta=1, alpha=1):
        """In-place addmv."""
        return _add_op("addmv_", "addmv", self, mat, vec, ("input", "mat", "vec"), (2, 1), _mv_shape, beta, alpha,
                       None, True)

    def addr(self, vec1, vec2, *, beta=1, alpha=1, out=None):
        """beta * self + alpha * outer(vec1, vec2); self broadcasts to [n, m].  Bool tensors combine
        logically (or / and), as in PyTorch."""
        if self._dtype is D.bool:
            return _addr_bool(self, vec1, vec2, beta, alpha, out, False)
        return _add_op("addr", "addr", self, vec1, vec2, ("input", "vec1", "vec2"), (1, 1), _r_shape, beta, alpha,
                       out, False)

    def addr_(self, vec1, vec2, *, beta=1, alpha=1):
        """In-place addr."""
        if self._dtype is D.bool:
            return _addr_bool(self, vec1, vec2, beta, alpha, None, True)
        return _add_op("addr_", "addr", self, vec1, vec2, ("input", "vec1", "vec2"), (1, 1), _r_shape, beta, alpha,
                       None, True)

    def addbmm(self, batch1, batch2, *, beta=1, alpha=1, out=None):
        """beta * self + alpha * sum over b of batch1[b] @ batch2[b]; self broadcasts to [n, m]."""
        return _add_op("addbmm", "addbmm", self, batch1, batch2, ("input", "batch1", "batch2"), (3, 3),
                       _addbmm_shape, beta, alpha, out, False)

    def addbmm_(self, batch1, batch2, *, beta=1, alpha=1):
        """In-place addbmm."""
        return _add_op("addbmm_", "addbmm", self, batch1, batch2, ("input", "batch1", "batch2"), (3, 3),
                       _addbmm_shape, beta, alpha, None, True)

    def baddbmm(self, batch1, batch2, *, beta=1, alpha=1, out=None):
        """beta * self[b] + alpha * batch1[b] @ batch2[b] for each b; self broadcasts to [B, n, m]."""
        return _add_op("baddbmm", "baddbmm", self, batch1, batch2, ("input", "batch1", "batch2"), (3, 3),
                       _bmm_shape, beta, alpha, out, False)

    def baddbmm_(self, batch1, batch2, *, beta=1, alpha=1):
        """In-place baddbmm."""
        return _add_op("baddbmm_", "baddbmm", self, batch1, batch2, ("input", "batch1", "batch2"), (3, 3),
                       _bmm_shape, beta, alpha, None, True)


def outer(input, vec2, *, out=None):
    """torch.outer(input, vec2): the outer product [n], [m] -> [n, m]."""
    _tensor_arg(input, "outer", "input")
    r = input.outer(vec2)
    if out is not None:
        from ._ops_pointwise import _out

        return _out(r, out)
    return r


def ger(input, vec2, *, out=None):
    """torch.ger: the same as torch.outer."""
    return outer(input, vec2, out=out)


def chain_matmul(*matrices, out=None):
    """The product of 2-D matrices, multiplied in the order that costs the fewest operations (one
    matrix: a copy of it)."""
    if len(matrices) == 1 and isinstance(matrices[0], (list, tuple)):
        matrices = tuple(matrices[0])
    if not matrices:
        raise RuntimeError("chain_matmul: expected one or more matrices, but got none")
    for i, m in enumerate(matrices):
        _tensor_arg(m, "chain_matmul", "matrix %d" % i)
        if len(m._shape) != 2:
            raise RuntimeError("chain_matmul: expected 2-D matrices, but got a %d-D tensor at position %d"
                               % (len(m._shape), i))
    if len(matrices) == 1:
        r = matrices[0].clone()
    else:
        for i in range(len(matrices) - 1):
            if matrices[i]._shape[1] != matrices[i + 1]._shape[0]:
                raise RuntimeError("chain_matmul: expected matrices %d and %d to be multipliable, but got shapes "
                                   "%s and %s" % (i, i + 1, list(matrices[i]._shape), list(matrices[i + 1]._shape)))
        split = _chain_order([matrices[0]._shape[0]] + [m._shape[1] for m in matrices])

        def prod(i, j):
            if i == j:
                return matrices[i]
            s = split[i][j]
            return _mm(prod(i, s), prod(s + 1, j), op="chain_matmul")

        r = prod(0, len(matrices) - 1)
    if out is not None:
        from ._ops_pointwise import _out

        return _out(r, out)
    return r


# torch.<name>(tensor, ...) forms of these methods, and the module functions torch exports from here
TORCH_METHOD_FUNCTIONS = "matmul mm mv dot vdot bmm inner addmm addmv addr addbmm baddbmm".split()
TORCH_FUNCTIONS = ["outer", "ger", "chain_matmul"]
