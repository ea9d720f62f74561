"""The torch.nn module classes (layer: nn)."""
from .conv import *  # noqa: F401,F403
from .fold import *  # noqa: F401,F403
from .padding import *  # noqa: F401,F403
from .pixelshuffle import *  # noqa: F401,F403
from .pooling import *  # noqa: F401,F403
from .upsampling import *  # noqa: F401,F403
from .container import ModuleDict, ModuleList, ParameterDict, ParameterList, Sequential  # noqa: F401
from .layers import *  # noqa: F401,F403
from .layers import _BatchNorm, _Loss, _WeightedLoss  # noqa: F401
from .module import Module  # noqa: F401
