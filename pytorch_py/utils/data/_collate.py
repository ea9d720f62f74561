"""default_collate / default_convert: turn a list of samples into a batch."""
import collections.abc
import re

import numpy as np

from ...tensor import Tensor

_NP_STR = re.compile(r"[SaUO]")
_ERR = "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found {}"


def _tensor_ops():
    from ... import _creation, _ops_shape

    return _creation, _ops_shape


def default_convert(data):
    """Converts NumPy arrays (not of strings/objects) and NumPy scalars inside data (recursing into
    mappings, namedtuples and sequences) to tensors; everything else is returned unchanged."""
    creation, _ = _tensor_ops()
    if isinstance(data, Tensor):
        return data
    if isinstance(data, np.ndarray):
        return data if _NP_STR.search(data.dtype.str) else creation.as_tensor(data)
    if isinstance(data, np.generic) and not isinstance(data, (np.str_, np.bytes_)):
        return creation.from_numpy(np.asarray(data))
    if isinstance(data, collections.abc.Mapping):
        try:
            return type(data)({k: default_convert(v) for k, v in data.items()})
        except TypeError:
            return {k: default_convert(v) for k, v in data.items()}
    if isinstance(data, tuple) and hasattr(data, "_fields"):
        return type(data)(*(default_convert(d) for d in data))
    if isinstance(data, tuple):
        return [default_convert(d) for d in data]
    if isinstance(data, collections.abc.Sequence) and not isinstance(data, (str, bytes)):
        try:
            return type(data)([default_convert(d) for d in data])
        except TypeError:
            return [default_convert(d) for d in data]
    return data


def default_collate(batch):
    """Collates a list of samples into a batch, recursively by the first sample's type:
    tensors -> torch.stack(batch, 0); NumPy arrays -> stacked tensors; NumPy scalars -> a tensor of
    their dtype; floats -> float64 tensor; ints (bools) -> int64 (bool) tensor; strings/bytes -> the
    list unchanged; mappings -> a mapping of collated values per key; namedtuples -> the namedtuple of
    collated fields; other sequences (all of one length) -> a list (tuples) or the sequence's type of
    collated columns."""
    creation, shape_ops = _tensor_ops()
    elem = batch[0]
    if isinstance(elem, Tensor):
        return shape_ops.stack(batch, 0)
    if isinstance(elem, np.ndarray):
        if _NP_STR.search(elem.dtype.str):
            raise TypeError(_ERR.format(elem.dtype))
        return shape_ops.stack([creation.as_tensor(b) for b in batch], 0)
    if isinstance(elem, np.generic) and not isinstance(elem, (np.str_, np.bytes_)):
        if _NP_STR.search(elem.dtype.str):
            raise TypeError(_ERR.format(elem.dtype))
        return creation.from_numpy(np.array(batch))
    if isinstance(elem, bool):
        return creation.tensor(batch)
    if isinstance(elem, float):
        from ..._dtype import float64

        return creation.tensor(batch, dtype=float64)
    if isinstance(elem, int):
        return creation.tensor(batch)
    if isinstance(elem, (str, bytes)):
        return batch
    if isinstance(elem, collections.abc.Mapping):
        collated = {key: default_collate([d[key] for d in batch]) for key in elem}
        try:
            return type(elem)(collated) if type(elem) is not dict else collated
        except TypeError:
            return collated
    if isinstance(elem, tuple) and hasattr(elem, "_fields"):
        return type(elem)(*(default_collate(list(samples)) for samples in zip(*batch)))
    if isinstance(elem, collections.abc.Sequence):
        it = iter(batch)
        elem_size = len(next(it))
        if not all(len(e) == elem_size for e in it):
            raise RuntimeError("each element in list of batch should be of equal size")
        transposed = [default_collate(list(samples)) for samples in zip(*batch)]
        if isinstance(elem, tuple):
            return transposed
        try:
            return type(elem)(transposed) if type(elem) is not list else transposed
        except TypeError:
            return transposed
    raise TypeError(_ERR.format(type(elem)))
