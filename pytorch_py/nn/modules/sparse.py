"""Embedding modules (layer: nn): Embedding and EmbeddingBag, lookup tables over nn.functional's
embedding / embedding_bag.  Gradients are dense: sparse=True is refused."""
from ..._creation import empty
from ...autograd import no_grad
from .. import functional as F
from .. import init
from ..parameter import Parameter
from .linear import _factory
from .module import Module

__all__ = ["Embedding", "EmbeddingBag"]


def _check_padding_idx(padding_idx, num_embeddings):
    if padding_idx is None:
        return None
    if not -num_embeddings <= padding_idx < num_embeddings:
        raise ValueError("Padding_idx must be within num_embeddings")
    return padding_idx + num_embeddings if padding_idx < 0 else padding_idx


def _check_sparse(name, sparse):
    if sparse:
        raise NotImplementedError("%s: sparse gradients (sparse=True) are not supported; use sparse=False for a dense "
                                  "gradient" % name)


def _make_weight(num_embeddings, embedding_dim, _weight, _freeze, dtype):
    """The weight Parameter: a new (num_embeddings, embedding_dim) one, or one over _weight."""
    if _weight is None:
        weight = empty(num_embeddings, embedding_dim, dtype=_factory(None, dtype))
        return Parameter(weight, requires_grad=not _freeze), True
    if list(_weight.shape) != [num_embeddings, embedding_dim]:
        raise ValueError("Shape of weight does not match num_embeddings and embedding_dim")
    return Parameter(_weight, requires_grad=not _freeze), False


def _check_pretrained(embeddings):
    if embeddings.dim() != 2:
        raise ValueError("Embeddings parameter is expected to be 2-dimensional, but got %dD" % embeddings.dim())
    return embeddings.shape


class Embedding(Module):
    """A lookup table: forward(input) returns weight[input], shape input.shape + (embedding_dim,).
    weight (num_embeddings, embedding_dim) ~ N(0, 1), the row padding_idx zeroed and never
    updated by the gradient; max_norm renormalises looked-up rows in place; scale_grad_by_freq
    divides gradients by index frequency in the batch."""

    def __init__(self, num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0,
                 scale_grad_by_freq=False, sparse=False, _weight=None, _freeze=False, device=None, dtype=None):
        super().__init__()
        _check_sparse("Embedding", sparse)
        self.num_embeddings = num_embeddings
        self.embedding_dim = embedding_dim
        self.padding_idx = _check_padding_idx(padding_idx, num_embeddings)
        self.max_norm = max_norm
        self.norm_type = norm_type
        self.scale_grad_by_freq = scale_grad_by_freq
        self.sparse = sparse
        self.weight, fresh = _make_weight(num_embeddings, embedding_dim, _weight, _freeze, dtype)
        if fresh:
            self.reset_parameters()

    def reset_parameters(self):
        init.normal_(self.weight)
        if self.padding_idx is not None:
            with no_grad():
                self.weight[self.padding_idx].fill_(0)

    def forward(self, input):
        return F.embedding(input, self.weight, self.padding_idx, self.max_norm, self.norm_type,
                           self.scale_grad_by_freq, self.sparse)

    def extra_repr(self):
        s = "{num_embeddings}, {embedding_dim}"
        if self.padding_idx is not None:
            s += ", padding_idx={padding_idx}"
        if self.max_norm is not None:
            s += ", max_norm={max_norm}"
        if self.norm_type != 2:
            s += ", norm_type={norm_type}"
        if self.scale_grad_by_freq is not False:
            s += ", scale_grad_by_freq={scale_grad_by_freq}"
        if self.sparse is not False:
            s += ", sparse=True"
        return s.format(**self.__dict__)

    @classmethod
    def from_pretrained(cls, embeddings, freeze=True, padding_idx=None, max_norm=None, norm_type=2.0,
                        scale_grad_by_freq=False, sparse=False):
        """An Embedding over the 2-d tensor embeddings (shared, not copied; its padding row is kept
        as is); freeze=True leaves the weight out of training (requires_grad False)."""
        rows, cols = _check_pretrained(embeddings)
        return cls(rows, cols, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse, _weight=embeddings,
                   _freeze=freeze)


class EmbeddingBag(Module):
    """Sums ('sum'), averages ('mean', the default) or takes the elementwise max ('max') of the
    embeddings of each bag: forward(input, offsets=None, per_sample_weights=None) as
    nn.functional.embedding_bag, returning (bags, embedding_dim).  weight
    (num_embeddings, embedding_dim) ~ N(0, 1), row padding_idx zeroed."""

    def __init__(self, num_embeddings, embedding_dim, max_norm=None, norm_type=2.0, scale_grad_by_freq=False,
                 mode="mean", sparse=False, _weight=None, include_last_offset=False, padding_idx=None, device=None,
                 dtype=None):
        super().__init__()
        _check_sparse("EmbeddingBag", sparse)
        if mode not in ("sum", "mean", "max"):
            raise ValueError("mode has to be one of sum, mean or max, but got %r" % (mode,))
        self.num_embeddings = num_embeddings
        self.embedding_dim = embedding_dim
        self.max_norm = max_norm
        self.norm_type = norm_type
        self.scale_grad_by_freq = scale_grad_by_freq
        self.mode = mode
        self.sparse = sparse
        self.include_last_offset = include_last_offset
        self.padding_idx = _check_padding_idx(padding_idx, num_embeddings)
        self.weight, fresh = _make_weight(num_embeddings, embedding_dim, _weight, False, dtype)
        if fresh:
            self.reset_parameters()

    reset_parameters = Embedding.reset_parameters

    def forward(self, input, offsets=None, per_sample_weights=None):
        return F.embedding_bag(input, self.weight, offsets, self.max_norm, self.norm_type, self.scale_grad_by_freq,
                               self.mode, self.sparse, per_sample_weights, self.include_last_offset,
                               self.padding_idx)

    def extra_repr(self):
        s = "{num_embeddings}, {embedding_dim}"
        if self.max_norm is not None:
            s += ", max_norm={max_norm}"
        if self.norm_type != 2:
            s += ", norm_type={norm_type}"
        if self.scale_grad_by_freq is not False:
            s += ", scale_grad_by_freq={scale_grad_by_freq}"
        s += ", mode={mode!r}"
        if self.padding_idx is not None:
            s += ", padding_idx={padding_idx}"
        return s.format(**self.__dict__)

    @classmethod
    def from_pretrained(cls, embeddings, freeze=True, max_norm=None, norm_type=2.0, scale_grad_by_freq=False,
                        mode="mean", sparse=False, include_last_offset=False, padding_idx=None):
        """An EmbeddingBag over the 2-d tensor embeddings (shared); freeze=True leaves it out of
        training."""
        rows, cols = _check_pretrained(embeddings)
        bag = cls(rows, cols, max_norm, norm_type, scale_grad_by_freq, mode, sparse, embeddings, include_last_offset,
                  padding_idx)
        bag.weight.requires_grad_(not freeze)
        return bag
