"""Random number generators and seeding: torch.Generator, manual_seed, get_rng_state ... (layer: tensor).

A Generator wraps one TH MT19937 generator (THRandom).  The TH generator locks its own mutex for
every draw and for each tensor it fills, so sharing one between Python threads is safe (cffi
releases the GIL); the numbers a thread gets then depend on how the threads interleave.
`default_generator` is TH's process-wide default generator, seeded non-deterministically at start
(as PyTorch's); call `manual_seed` for reproducible runs.  A new `Generator()` starts from
PyTorch's fixed default seed 67280421310721.

This module imports nothing of the tensor layer at import time (tensor.py's mixins import it).
"""
import contextlib
import numbers

from . import _C
from ._C import ffi, lib
from ._device import device as _device

__all__ = ["Generator", "default_generator", "manual_seed", "seed", "initial_seed", "get_rng_state",
           "set_rng_state", "fork_rng"]

_SEED_MIN, _SEED_MAX = -(1 << 63), (1 << 64) - 1
_STATE_SIZE = lib.THPy_Generator_stateSize()


def _seed_value(seed, op):
    """seed as the unsigned 64-bit value TH takes (negative seeds wrap, as in PyTorch)."""
    if hasattr(seed, "item") and not isinstance(seed, numbers.Number):  # a one-element tensor or array
        seed = seed.item()
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError("%s: expected an integer seed, but got %s" % (op, type(seed).__name__))
    seed = int(seed)
    if not _SEED_MIN <= seed <= _SEED_MAX:
        raise RuntimeError("%s: expected a seed in [-2**63, 2**64 - 1], but got %d" % (op, seed))
    return seed + (1 << 64) if seed < 0 else seed


class Generator:
    """torch.Generator(device='cpu'): an independent MT19937 random stream (PyTorch's CPU generator;
    the same seed gives the same 32-bit stream).  Pass it as `generator=` to any sampler."""

    __slots__ = ("_p", "__weakref__")

    def __init__(self, device="cpu"):
        dev = device if isinstance(device, _device) else _device(device)
        if dev.type != "cpu":
            raise RuntimeError("Generator: expected a cpu device, but got %s (only CPU generators exist)" % dev)
        self._p = ffi.gc(_C.check_ptr(lib.THPy_Generator_new()), lib.THPy_Generator_free)

    @classmethod
    def _wrap_default(cls):
        g = object.__new__(cls)
        g._p = _C.check_ptr(lib.THPy_Generator_default())  # owned by TH, never freed
        return g

    @property
    def device(self):
        """The device the generator draws for: always torch.device('cpu')."""
        return _device("cpu")

    def manual_seed(self, seed):
        """Restarts the stream from `seed` (an int in [-2**63, 2**64 - 1]; negatives wrap to
        2**64 + seed); returns self."""
        _C.check(lib.THPy_Random_manualSeed(self._p, _seed_value(seed, "manual_seed")))
        return self

    def seed(self):
        """Seeds from a non-deterministic source (/dev/urandom) and returns the seed."""
        return _C.check_value(lib.THPy_Random_seed(self._p))

    def initial_seed(self):
        """The seed the stream started from (manual_seed's argument as an unsigned 64-bit int)."""
        return _C.check_value(lib.THPy_Random_initialSeed(self._p))

    def get_state(self):
        """The complete state as a 1-D torch.uint8 tensor (a copy); set_state restores it."""
        from . import _dtype as D
        from ._creation import empty

        t = empty(_STATE_SIZE, dtype=D.uint8)
        _C.check(lib.THPy_Generator_getState(self._p, ffi.cast("uint8_t *", t.data_ptr()), _STATE_SIZE))
        return t

    def set_state(self, new_state):
        """Restores a state from get_state (a torch.uint8 tensor of its size); returns self."""
        from . import _dtype as D
        from .tensor import Tensor

        if not isinstance(new_state, Tensor) or new_state.dtype is not D.uint8:
            raise TypeError("set_state: expected a torch.ByteTensor (from get_state), but got %s"
                            % (new_state.type() if isinstance(new_state, Tensor) else type(new_state).__name__))
        t = new_state.contiguous()
        n = t.numel()
        ptr = ffi.cast("uint8_t *", t.data_ptr()) if n else ffi.NULL
        _C.check(lib.THPy_Generator_setState(self._p, ptr, n))
        return self

    def clone_state(self):
        """A new Generator with a copy of this one's state."""
        g = Generator()
        _C.check_ptr(lib.THPy_Generator_copy(g._p, self._p))
        return g

    def __repr__(self):
        return "<torch.Generator object (device='cpu', initial_seed=%d)>" % self.initial_seed()


default_generator = Generator._wrap_default()


def manual_seed(seed):
    """Seeds the default generator (see Generator.manual_seed); returns it."""
    return default_generator.manual_seed(seed)


def seed():
    """Seeds the default generator non-deterministically and returns the seed."""
    return default_generator.seed()


def initial_seed():
    """The initial seed of the default generator."""
    return default_generator.initial_seed()


def get_rng_state():
    """The default generator's state as a torch.uint8 tensor."""
    return default_generator.get_state()


def set_rng_state(new_state):
    """Restores the default generator's state from get_rng_state."""
    default_generator.set_state(new_state)


@contextlib.contextmanager
def fork_rng(devices=None, enabled=True, _caller="fork_rng", _devices_kw="devices", device_type="cpu"):
    """A context in which the default generator may be reseeded or used: its state is restored on
    exit (only the CPU generator exists, so `devices` is accepted and ignored)."""
    if not enabled:
        yield
        return
    state = get_rng_state()
    try:
        yield
    finally:
        set_rng_state(state)
