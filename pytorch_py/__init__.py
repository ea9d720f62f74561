"""pytorch_py: a PyTorch-style deep-learning framework over C tensor libraries (TH) loaded through
CFFI.  Use it as `import pytorch_py as torch`."""
from . import _dtype
from ._dtype import (bool, dtype, float16, float32, float64, get_default_dtype, int8, int16, int32, int64,
                     promote_types, set_default_dtype, uint8)
from ._device import device
from ._size import Size
from .tensor import Tensor
from . import autograd  # noqa: E402  (installs itself into Tensor: before the torch.* forms are made)
from .autograd import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled
from ._creation import (TYPED_CLASSES, arange, as_tensor, empty, empty_like, eye, from_numpy, full, full_like,
                        linspace, logspace, ones, ones_like, range, scalar_tensor, tensor, zeros, zeros_like)
from .storage import Storage
from ._tensor_str import get_printoptions, printoptions, set_printoptions
from .backends import load_plugins as _load_plugins
from ._functions import *  # noqa: F401,F403  (torch.* forms of the Tensor methods)
from ._threads import get_num_threads, set_flush_denormal, set_num_threads
from . import linalg  # noqa: E402
from .random import *  # noqa: F401,F403  (Generator, manual_seed, get_rng_state ...)
from .serialization import *  # noqa: F401,F403  (save, load)

float = float32
double = float64
half = float16
long = int64
int = int32
short = int16

globals().update(TYPED_CLASSES)


def set_default_tensor_type(t):
    """Sets the default floating dtype from a tensor type (torch.DoubleTensor or
    'torch.DoubleTensor'), as the old API did."""
    from .tensor import _resolve_type

    set_default_dtype(_resolve_type(t, "set_default_tensor_type"))


__version__ = "0.1.0"

_load_plugins()
autograd.wrap_factories(globals())  # requires_grad= of creation functions exported from other modules
from . import nn  # noqa: E402
from . import optim  # noqa: E402
from . import utils  # noqa: E402
