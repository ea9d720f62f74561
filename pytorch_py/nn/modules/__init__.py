"""The torch.nn module classes (layer: nn)."""
from .container import ModuleDict, ModuleList, ParameterDict, ParameterList, Sequential  # noqa: F401
from .layers import *  # noqa: F401,F403
from .layers import _BatchNorm, _Loss, _WeightedLoss  # noqa: F401
from .module import Module  # noqa: F401
from .rnn import *  # noqa: F401,F403
from .sparse import *  # noqa: F401,F403
