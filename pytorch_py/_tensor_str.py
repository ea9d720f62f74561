"""Printing tensors as PyTorch prints them (layer: tensor).  Placeholder until the full formatter."""


def tensor_repr(t):
    return "tensor(%s)" % t.tolist()
