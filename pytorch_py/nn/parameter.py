"""torch.nn.Parameter (layer: nn): a leaf tensor that a Module registers as one of its parameters."""
from .. import serialization as _serialization
from ..tensor import Tensor

_new_obj = object.__new__


class Parameter(Tensor):
    """Parameter(data=None, requires_grad=True): a Tensor sharing data's storage (an empty float
    tensor when data is None), a leaf that requires grad by default.  Assigning one as a Module
    attribute registers it in the module's parameters."""

    _is_param = True  # serialization writes it as torch._utils._rebuild_parameter

    def __new__(cls, data=None, requires_grad=True):
        if data is None:
            from .._creation import empty

            data = empty(0)
        if not isinstance(data, Tensor):
            raise TypeError("Parameter: expected a Tensor as data, but got %s" % type(data).__name__)
        t = data.detach()  # a new handle over data's storage (and version counter), no history
        p = _new_obj(cls)
        p._h = t._h
        p._dtype = t._dtype
        p._bk = t._bk
        p._shape = t._shape
        p._ag = t._ag
        if requires_grad:
            p.requires_grad_(True)
        return p

    def __init__(self, data=None, requires_grad=True):
        pass

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__

    def __reduce_ex__(self, proto):
        return (_rebuild_parameter, (Tensor.detach(self), self.requires_grad))

    def __deepcopy__(self, memo):
        if id(self) in memo:
            return memo[id(self)]
        result = Parameter(self.detach().clone(), self.requires_grad)
        memo[id(self)] = result
        return result


def _rebuild_parameter(data, requires_grad):
    return Parameter(data, requires_grad)


class UninitializedParameter(Parameter):
    """Placeholder kept for API compatibility (lazy modules are not implemented)."""


_serialization._parameter_factory = lambda tensor, requires_grad: Parameter(tensor, requires_grad)
