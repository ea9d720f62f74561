"""torch.nn (layer: nn): Parameter, Module and its containers, the layer and loss modules,
nn.functional (over the THNN kernels) and nn.init.  Imports tensor, backends and autograd only."""
from . import functional, init  # noqa: F401
from .modules import *  # noqa: F401,F403
from .modules import Module  # noqa: F401
from .modules.module import _addindent  # noqa: F401
from .parameter import Parameter, UninitializedParameter  # noqa: F401
from . import modules, utils  # noqa: F401
