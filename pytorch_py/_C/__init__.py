"""Layer _C: the only place that touches cffi.  Must not import anything else of pytorch_py.

Loads the compiled module `_th` (TH behind generated error-bridge shims), installs the bridge's
error handler once, and offers:
  ffi, lib            the cffi objects; every lib.THPy_* function is a shim
  check(rc)           raises the pending TH error if a void shim returned non-zero
  check_ptr(p)        raises the pending TH error if a pointer shim returned NULL, else returns p
  raise_error()       raises the pending TH error of this thread as a Python exception
  TYPE_NAMES          TH type names in dtype-index order (the order of TH_FORALL_TYPES)
  table(suffix)       a tuple of shims indexed by dtype index, e.g. table("Tensor_cadd_new")
"""
import ctypes
import os

import scipy_openblas32 as _openblas

# Threading policy: one pool.  TH's OpenMP threads (torch.set_num_threads) run the parallel loops
# and also split large GEMMs among themselves (src/th/THBlas.c), each part on one OpenBLAS thread.
# OpenBLAS's own pthreads pool is therefore set to one thread: two pools on the same cores fought
# (OpenBLAS's workers spin after every call while OpenMP's threads wait for the cores, and each
# GEMM waited in turn for OpenMP's spinning threads); an MLP training step ran ~5x faster with
# one pool, big GEMMs keep their speed.  OpenMP's threads spin only briefly after a parallel
# region before they sleep (libgomp's default spin is long and starves other work on a busy
# machine; a 512x512 solve measured 125 ms with the default and 4 ms with a short spin).  libgomp
# reads GOMP_SPINCOUNT when it loads (with libTH, below); a value the user set is kept.
os.environ.setdefault("GOMP_SPINCOUNT", "10000")

# libTH links the OpenBLAS shipped by scipy-openblas32; load it globally first so the dynamic
# loader finds it by soname wherever pip put it.  It reads OPENBLAS_NUM_THREADS as it loads: 1
# there means it starts no worker threads at all (the variable is restored at once, so another
# OpenBLAS loaded later, NumPy's, still sees the user's setting).
_saved_blas_threads = os.environ.get("OPENBLAS_NUM_THREADS")
os.environ["OPENBLAS_NUM_THREADS"] = "1"
try:
    _blas = ctypes.CDLL(os.path.join(_openblas.get_lib_dir(), "lib" + _openblas.get_library() + ".so"),
                        mode=ctypes.RTLD_GLOBAL)
finally:
    if _saved_blas_threads is None:
        del os.environ["OPENBLAS_NUM_THREADS"]
    else:
        os.environ["OPENBLAS_NUM_THREADS"] = _saved_blas_threads
_blas.scipy_openblas_set_num_threads(1)  # in case this OpenBLAS was already loaded

from ._th import ffi, lib  # noqa: E402

lib.THPy_init()

TYPE_NAMES = ("Double", "Float", "Half", "Long", "Int", "Short", "Char", "Byte", "Bool")

_ERROR_CLASSES = (RuntimeError, IndexError, ValueError, TypeError)  # by THErrorKind


def raise_error():
    """Raises the error the last shim on this thread reported."""
    kind = lib.THPy_errorKind()
    if kind < 0:
        raise RuntimeError("TH: a call failed without reporting an error (binding bug)")
    raise _ERROR_CLASSES[kind](ffi.string(lib.THPy_errorMessage()).decode("utf-8", "replace"))


def check(rc):
    """For void shims: raise the pending error if rc is non-zero."""
    if rc:
        raise_error()


def check_ptr(p):
    """For pointer shims: raise the pending error if p is NULL, else return p."""
    if p == ffi.NULL:
        raise_error()
    return p


def check_value(v):
    """For scalar shims: raise the pending error if the call reported one, else return v."""
    if lib.THPy_errorKind() >= 0:
        raise_error()
    return v


def table(suffix):
    """Shims THPy_<Type><suffix> for every TH type, in dtype-index order (None where absent)."""
    return tuple(getattr(lib, "THPy_" + t + suffix, None) for t in TYPE_NAMES)


_external_objects = {}


@ffi.def_extern()
def thpy_release_external(ctx):
    """Called by TH when a storage wrapping a Python object's memory is freed."""
    _external_objects.pop(int(ffi.cast("uintptr_t", ctx)), None)


def external_context(obj):
    """A context pointer for THPy_externalAllocator that keeps obj alive until TH releases it."""
    handle = ffi.new_handle(obj)
    _external_objects[int(ffi.cast("uintptr_t", handle))] = handle
    return handle
