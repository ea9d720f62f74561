"""Padding modules (layer: nn): constant / zero, reflection, replication and circular padding of
the last 1, 2 or 3 dims; padding is an int (every side) or (left, right[, top, bottom[, front,
back]]), last dim first as F.pad takes it."""
from .. import functional as F
from .._args import _ntuple
from .module import Module

__all__ = ["ConstantPad1d", "ConstantPad2d", "ConstantPad3d", "ZeroPad1d", "ZeroPad2d", "ZeroPad3d",
           "ReflectionPad1d", "ReflectionPad2d", "ReflectionPad3d", "ReplicationPad1d", "ReplicationPad2d",
           "ReplicationPad3d", "CircularPad1d", "CircularPad2d", "CircularPad3d"]


class _PadNd(Module):
    _nd = 0
    _mode = "constant"

    def __init__(self, padding):
        super().__init__()
        self.padding = _ntuple(padding, 2 * self._nd, type(self).__name__, "padding")

    def forward(self, input):
        return F.pad(input, self.padding, self._mode)

    def extra_repr(self):
        return "{}".format(self.padding)


class _ConstantPadNd(_PadNd):
    def __init__(self, padding, value):
        super().__init__(padding)
        self.value = value

    def forward(self, input):
        return F.pad(input, self.padding, "constant", self.value)

    def extra_repr(self):
        return "padding={}, value={}".format(self.padding, self.value)


class ConstantPad1d(_ConstantPadNd):
    _nd = 1


class ConstantPad2d(_ConstantPadNd):
    _nd = 2


class ConstantPad3d(_ConstantPadNd):
    _nd = 3


class _ZeroPadNd(_ConstantPadNd):
    def __init__(self, padding):
        super().__init__(padding, 0.0)

    def extra_repr(self):
        return "{}".format(self.padding)


class ZeroPad1d(_ZeroPadNd):
    _nd = 1


class ZeroPad2d(_ZeroPadNd):
    _nd = 2


class ZeroPad3d(_ZeroPadNd):
    _nd = 3


def _padding_class(name, nd, mode):
    doc = "%s padding of the last %d dim%s." % (mode.capitalize(), nd, "s" if nd > 1 else "")
    return type(name, (_PadNd,), {"_nd": nd, "_mode": mode, "__doc__": doc, "__module__": __name__})


ReflectionPad1d = _padding_class("ReflectionPad1d", 1, "reflect")
ReflectionPad2d = _padding_class("ReflectionPad2d", 2, "reflect")
ReflectionPad3d = _padding_class("ReflectionPad3d", 3, "reflect")
ReplicationPad1d = _padding_class("ReplicationPad1d", 1, "replicate")
ReplicationPad2d = _padding_class("ReplicationPad2d", 2, "replicate")
ReplicationPad3d = _padding_class("ReplicationPad3d", 3, "replicate")
CircularPad1d = _padding_class("CircularPad1d", 1, "circular")
CircularPad2d = _padding_class("CircularPad2d", 2, "circular")
CircularPad3d = _padding_class("CircularPad3d", 3, "circular")
