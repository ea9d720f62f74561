"""Process-wide numeric settings: TH's thread count and denormal flushing (layer: tensor)."""
from ._C import check, lib


def set_num_threads(n):
    """Sets how many threads TH's parallel loops use (a positive int)."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError("set_num_threads: expected a positive integer, but got %r" % (n,))
    check(lib.THPy_SetNumThreads(n))


def get_num_threads():
    """How many threads TH's parallel loops use."""
    return lib.THPy_GetNumThreads()


def set_flush_denormal(mode):
    """Flushes denormal floats to zero on this thread when mode is true; returns whether the CPU
    supports it (False: nothing changed)."""
    return bool(lib.THPy_SetFlushDenormal(1 if mode else 0))
