"""torch.linalg: linear algebra functions (layer: tensor)."""

__all__ = []
