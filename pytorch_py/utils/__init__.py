"""Utilities (layer: utils.data uses the tensor layer only; never imports autograd, nn or optim)."""
from . import data

__all__ = ["data"]
