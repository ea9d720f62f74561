"""torch.save / torch.load in PyTorch's zip format (layer: tensor)."""

__all__ = []
