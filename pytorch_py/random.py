"""Random number generators and seeding: torch.Generator, manual_seed, get_rng_state ... (layer: tensor)."""

__all__ = []
