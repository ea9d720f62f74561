"""torch.nn.utils.rnn (layer: nn): PackedSequence and the packing / padding helpers.

A packed batch stores the time steps one after the other, each holding only the sequences still
running: `data` (sum(batch_sizes), *) and `batch_sizes` (int64, one entry per step, non-increasing),
with the batch sorted by decreasing length (`sorted_indices` maps sorted position -> original index,
`unsorted_indices` its inverse; both None when the input was already sorted).  Every packing and
unpacking here is one differentiable row gather (`index_select`), so gradients flow through them.
"""
from collections import namedtuple

from ... import _dtype as D
from ..._creation import arange, empty, full, tensor
from ..._ops_shape import cat
from ...tensor import Tensor

__all__ = ["PackedSequence", "invert_permutation", "pack_padded_sequence", "pad_packed_sequence", "pad_sequence",
           "unpad_sequence", "pack_sequence", "unpack_sequence"]

_PackedSequenceBase = namedtuple("PackedSequence_", ["data", "batch_sizes", "sorted_indices", "unsorted_indices"])


def invert_permutation(permutation):
    """The inverse of a 1-d int64 permutation (None stays None)."""
    if permutation is None:
        return None
    out = empty(permutation.numel(), dtype=D.int64)
    return out.scatter_(0, permutation, arange(permutation.numel()))


class PackedSequence(_PackedSequenceBase):
    """A packed batch of variable-length sequences (a namedtuple of data, batch_sizes,
    sorted_indices, unsorted_indices).  Build it with pack_padded_sequence / pack_sequence rather
    than by hand; unsorted_indices defaults to the inverse of sorted_indices."""

    def __new__(cls, data, batch_sizes=None, sorted_indices=None, unsorted_indices=None):
        if unsorted_indices is None:
            unsorted_indices = invert_permutation(sorted_indices)
        if batch_sizes is None:  # PackedSequence((data, batch_sizes))
            data, batch_sizes = data[0], data[1]
        if not isinstance(batch_sizes, Tensor) or batch_sizes.dim() != 1 or batch_sizes.dtype is not D.int64:
            raise TypeError("PackedSequence: expected batch_sizes to be a 1-d int64 tensor, but got %r"
                            % (batch_sizes,))
        return super().__new__(cls, data, batch_sizes, sorted_indices, unsorted_indices)

    def to(self, *args, **kwargs):
        """A PackedSequence with data converted by Tensor.to(*args, **kwargs) (self when unchanged);
        batch_sizes and the index tensors are kept."""
        data = self.data.to(*args, **kwargs)
        if data is self.data:
            return self
        return type(self)(data, self.batch_sizes, self.sorted_indices, self.unsorted_indices)

    def cpu(self, *args, **kwargs):
        return self.to("cpu")

    def cuda(self, *args, **kwargs):
        raise RuntimeError("PackedSequence.cuda: CUDA is not available in pytorch_py")

    def double(self):
        return self.to(dtype=D.float64)

    def float(self):
        return self.to(dtype=D.float32)

    def half(self):
        return self.to(dtype=D.float16)

    def long(self):
        return self.to(dtype=D.int64)

    def int(self):
        return self.to(dtype=D.int32)

    def short(self):
        return self.to(dtype=D.int16)

    def char(self):
        return self.to(dtype=D.int8)

    def byte(self):
        return self.to(dtype=D.uint8)

    @property
    def is_cuda(self):
        return False

    def is_pinned(self):
        return False

    def pin_memory(self):
        return self


def _lengths_list(op, lengths):
    if isinstance(lengths, Tensor):
        lengths = lengths.tolist()
    lengths = [int(v) for v in lengths]
    if any(v <= 0 for v in lengths):
        raise RuntimeError("%s: Length of all samples has to be greater than 0, but found an element in 'lengths' "
                           "that is <= 0 (lengths %s)" % (op, lengths))
    return lengths


def _batch_sizes(lengths):
    """batch_sizes of lengths sorted in decreasing order."""
    return [sum(1 for v in lengths if v > t) for t in range(lengths[0])]


def _gather(src, rows, shape, fill=None):
    """src's rows at the int list `rows` as a tensor of `shape` (differentiable); a row index
    equal to len(src) reads a row of `fill`."""
    if fill is not None:
        src = cat([src, full((1,) + tuple(src.shape[1:]), fill, dtype=src.dtype)])
    return src.index_select(0, tensor(rows, dtype=D.int64)).view(*shape)


def pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True):
    """Packs a padded batch input (T, B, *) ((B, T, *) with batch_first) of sequences with the
    given lengths (list or 1-d int64 tensor).  enforce_sorted=True requires decreasing lengths;
    otherwise the batch is sorted here and the permutation recorded in the result."""
    op = "pack_padded_sequence"
    lengths = _lengths_list(op, lengths)
    b_dim = 0 if batch_first else 1
    if input.dim() < 2 or input.shape[b_dim] != len(lengths):
        raise ValueError("%s: Expected `len(lengths)` to be equal to batch_size, but got %d (input of shape %s, "
                         "batch_first=%s)" % (op, len(lengths), list(input.shape), batch_first))
    sorted_indices = None
    if enforce_sorted:
        if any(a < b for a, b in zip(lengths, lengths[1:])):
            raise RuntimeError("`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You "
                               "can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to "
                               "sidestep this requirement if you do not need ONNX exportability.")
        order = list(range(len(lengths)))
    else:
        order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
        sorted_indices = tensor(order, dtype=D.int64)
    T_in = input.shape[1 - b_dim]
    if max(lengths) > T_in:
        raise ValueError("%s: expected lengths of at most the padded length %d, but got %d" % (op, T_in, max(lengths)))
    lens = [lengths[i] for i in order]
    bs = _batch_sizes(lens)
    B = len(lengths)
    rows = [(order[b] * T_in + t) if batch_first else (t * B + order[b]) for t, n in enumerate(bs) for b in range(n)]
    rest = tuple(input.shape[2:])
    data = _gather(input.reshape(T_in * B, *rest), rows, (len(rows),) + rest)
    return PackedSequence(data, tensor(bs, dtype=D.int64), sorted_indices, None)


def pad_packed_sequence(sequence, batch_first=False, padding_value=0.0, total_length=None):
    """The inverse of pack_padded_sequence: (padded (T, B, *) or (B, T, *), lengths int64 (B,)),
    in the original batch order; total_length pads T up to that length."""
    data, batch_sizes, _, unsorted = sequence
    bs = batch_sizes.tolist()
    T, B = len(bs), bs[0]
    if total_length is not None:
        if total_length < T:
            raise ValueError("Expected total_length to be at least the length of the longest sequence in input, but "
                             "got total_length=%d and max sequence length being %d" % (total_length, T))
        T = total_length
    offsets = [0]
    for n in bs:
        offsets.append(offsets[-1] + n)
    total = offsets[-1]
    order = unsorted.tolist() if unsorted is not None else list(range(B))
    # row of padded position (t, original batch index i): sorted position order[i] at step t
    pos = [[offsets[t] + order[i] if t < len(bs) and order[i] < bs[t] else total for i in range(B)] for t in range(T)]
    rows = [pos[t][i] for i in range(B) for t in range(T)] if batch_first else [r for step in pos for r in step]
    rest = tuple(data.shape[1:])
    padded = _gather(data, rows, ((B, T) if batch_first else (T, B)) + rest, float(padding_value))
    lens_sorted = [sum(1 for n in bs if n > b) for b in range(B)]
    return padded, tensor([lens_sorted[order[i]] for i in range(B)], dtype=D.int64)


def pad_sequence(sequences, batch_first=False, padding_value=0.0, padding_side="right"):
    """Stacks sequences (each (L_i, *)) into (L_max, B, *) ((B, L_max, *) with batch_first),
    filling with padding_value on the right (or on the left with padding_side='left')."""
    if padding_side not in ("right", "left"):
        raise ValueError("pad_sequence: padding_side must be 'left' or 'right', but got %r" % (padding_side,))
    seqs = list(sequences.unbind(0)) if isinstance(sequences, Tensor) else list(sequences)
    if not seqs:
        raise RuntimeError("pad_sequence: received an empty list of sequences")
    rest = tuple(seqs[0].shape[1:])
    if any(tuple(s.shape[1:]) != rest for s in seqs):
        raise RuntimeError("pad_sequence: expected sequences with equal trailing dimensions, but got shapes %s"
                           % [list(s.shape) for s in seqs])
    lens = [s.shape[0] for s in seqs]
    starts = [sum(lens[:i]) for i in range(len(lens))]
    total, L, B = sum(lens), max(lens), len(seqs)

    def row(b, t):
        k = t if padding_side == "right" else t - (L - lens[b])
        return starts[b] + k if 0 <= k < lens[b] else total

    rows = [row(b, t) for b in range(B) for t in range(L)] if batch_first else \
        [row(b, t) for t in range(L) for b in range(B)]
    data = cat([s.reshape(s.shape[0], *rest) for s in seqs])
    return _gather(data, rows, ((B, L) if batch_first else (L, B)) + rest, float(padding_value))


def pack_sequence(sequences, enforce_sorted=True):
    """Packs a list of sequences (each (L_i, *)), by decreasing length unless enforce_sorted is
    False."""
    lengths = [s.shape[0] for s in sequences]
    return pack_padded_sequence(pad_sequence(sequences), lengths, enforce_sorted=enforce_sorted)


def unpad_sequence(padded_sequences, lengths, batch_first=False):
    """The list of sequences (each (L_i, *)) in a padded batch with the given lengths."""
    padded = padded_sequences if batch_first else padded_sequences.transpose(0, 1)
    lengths = lengths.tolist() if isinstance(lengths, Tensor) else list(lengths)
    return [padded[i, :int(n)] for i, n in enumerate(lengths)]


def unpack_sequence(packed_sequences):
    """The list of sequences in a PackedSequence, in the original order."""
    padded, lengths = pad_packed_sequence(packed_sequences, batch_first=True)
    return unpad_sequence(padded, lengths, batch_first=True)
