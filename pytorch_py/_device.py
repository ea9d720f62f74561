"""torch.device (layer: tensor)."""


class device:
    """Where a tensor lives: `device("cpu")`, `device("cuda", 0)`, `device("cuda:1")`, or a plugin's name."""

    __slots__ = ("type", "index")

    def __init__(self, type, index=None):
        if isinstance(type, device):
            self.type, self.index = type.type, type.index
            return
        if not isinstance(type, str):
            raise TypeError("device: expected a string like 'cpu' or 'cuda:0', but got %s" % builtins_type(type))
        if ":" in type:
            if index is not None:
                raise ValueError("device: expected an index either in the string or as an argument, but got both "
                                 "(%r, %r)" % (type, index))
            type, _, idx = type.partition(":")
            if not idx.isdigit():
                raise ValueError("device: expected a non-negative integer index after ':', but got %r" % idx)
            index = int(idx)
        if index is not None and (not isinstance(index, int) or index < 0):
            raise ValueError("device: expected a non-negative integer index, but got %r" % (index,))
        self.type = type
        self.index = index

    def __eq__(self, other):
        if isinstance(other, str):
            other = device(other)
        return isinstance(other, device) and self.type == other.type and self.index == other.index

    def __hash__(self):
        return hash((self.type, self.index))

    def __str__(self):
        return self.type if self.index is None else "%s:%d" % (self.type, self.index)

    def __repr__(self):
        if self.index is None:
            return "device(type='%s')" % self.type
        return "device(type='%s', index=%d)" % (self.type, self.index)

    def __reduce__(self):
        return (device, (self.type, self.index))


def builtins_type(x):
    return type(x).__name__
