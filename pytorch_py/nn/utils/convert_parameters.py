"""Flattening parameters to one vector and back (layer: nn)."""
from ...tensor import Tensor

__all__ = ["parameters_to_vector", "vector_to_parameters"]


def parameters_to_vector(parameters):
    """The parameters' values, each flattened, concatenated into one 1-d tensor (a copy)."""
    from ... import cat

    params = [parameters] if isinstance(parameters, Tensor) else list(parameters)
    if not params:
        raise RuntimeError("parameters_to_vector: expected at least one parameter, but got none")
    return cat([p.reshape(-1) for p in params])


def vector_to_parameters(vec, parameters):
    """Points each parameter's data at its slice of the 1-d vec, in order (the inverse of
    parameters_to_vector; the parameters then share vec's memory, as PyTorch's)."""
    if not isinstance(vec, Tensor):
        raise TypeError("expected torch.Tensor, but got: %s" % type(vec).__name__)
    params = [parameters] if isinstance(parameters, Tensor) else list(parameters)
    need = sum(p.numel() for p in params)
    if vec.dim() != 1 or vec.numel() != need:
        raise RuntimeError("vector_to_parameters: expected a 1-d vec of %d elements (the parameters' total), but got "
                           "shape %s" % (need, list(vec.shape)))
    pointer = 0
    for p in params:
        n = p.numel()
        p.data = vec[pointer:pointer + n].view_as(p).data
        pointer += n
