"""Runnable example programs (`python -m pytorch_py.examples.<name>`); nothing imports them."""
