"""Loss modules over nn.functional (layer: nn).

Each module stores its options under PyTorch's attribute names and forwards its inputs to the
functional `_fn` with `reduction` and the attributes listed in `_kw` as keywords.  The legacy
size_average / reduce constructor arguments map onto reduction as in PyTorch.
"""
import warnings

from .. import functional as F
from .distance import PairwiseDistance
from .module import Module

__all__ = ["L1Loss", "MSELoss", "SmoothL1Loss", "HuberLoss", "KLDivLoss", "SoftMarginLoss", "BCELoss",
           "BCEWithLogitsLoss", "NLLLoss", "NLLLoss2d", "CrossEntropyLoss", "PoissonNLLLoss", "GaussianNLLLoss",
           "CosineEmbeddingLoss", "HingeEmbeddingLoss", "MarginRankingLoss", "MultiLabelMarginLoss",
           "MultiLabelSoftMarginLoss", "MultiMarginLoss", "TripletMarginLoss", "TripletMarginWithDistanceLoss",
           "CTCLoss"]


class _Loss(Module):
    """reduction ('none', 'mean' or 'sum'; the legacy size_average / reduce override it)."""

    _fn = None
    _kw = ()

    def __init__(self, size_average=None, reduce=None, reduction="mean"):
        super().__init__()
        if size_average is not None or reduce is not None:
            reduction = F._reduction(type(self).__name__, "mean", size_average, reduce)
        self.reduction = reduction

    def _loss(self, *inputs):
        """`_fn(*inputs, reduction=..., **{k: self.k for k in _kw})`."""
        kw = {k: getattr(self, k) for k in self._kw}
        return type(self)._fn(*inputs, reduction=self.reduction, **kw)

    def forward(self, input, target):
        return self._loss(input, target)


class _WeightedLoss(_Loss):
    """A loss with an optional per-class `weight` buffer."""

    _kw = ("weight",)

    def __init__(self, weight=None, size_average=None, reduce=None, reduction="mean"):
        super().__init__(size_average, reduce, reduction)
        self.register_buffer("weight", weight)


class L1Loss(_Loss):
    """|x - t|."""
    _fn = F.l1_loss


class MSELoss(_Loss):
    """(x - t)^2."""
    _fn = F.mse_loss


class SoftMarginLoss(_Loss):
    """log(1 + exp(-t x))."""
    _fn = F.soft_margin_loss


class SmoothL1Loss(_Loss):
    """0.5 d^2 / beta where |d| < beta, |d| - 0.5 beta elsewhere."""

    _fn = F.smooth_l1_loss
    _kw = ("beta",)

    def __init__(self, size_average=None, reduce=None, reduction="mean", beta=1.0):
        super().__init__(size_average, reduce, reduction)
        self.beta = beta


class HuberLoss(_Loss):
    """0.5 d^2 where |d| < delta, delta (|d| - 0.5 delta) elsewhere."""

    _fn = F.huber_loss
    _kw = ("delta",)

    def __init__(self, reduction="mean", delta=1.0):
        super().__init__(reduction=reduction)
        self.delta = delta


class KLDivLoss(_Loss):
    """t (log t - x) for log-probabilities x (log_target: t given as log-probabilities)."""

    _fn = F.kl_div
    _kw = ("log_target",)

    def __init__(self, size_average=None, reduce=None, reduction="mean", log_target=False):
        super().__init__(size_average, reduce, reduction)
        self.log_target = log_target


class BCELoss(_WeightedLoss):
    """-w (t log x + (1 - t) log(1 - x)) for probabilities x."""
    _fn = F.binary_cross_entropy


class BCEWithLogitsLoss(_Loss):
    """BCELoss on sigmoid(x), computed stably; pos_weight weighs the positive term per class."""

    _fn = F.binary_cross_entropy_with_logits
    _kw = ("weight", "pos_weight")

    def __init__(self, weight=None, size_average=None, reduce=None, reduction="mean", pos_weight=None):
        super().__init__(size_average, reduce, reduction)
        self.register_buffer("weight", weight)
        self.register_buffer("pos_weight", pos_weight)


class NLLLoss(_WeightedLoss):
    """-w[t] x[t] for log-probabilities x (N, C, *) and class indices t (N, *)."""

    _fn = F.nll_loss
    _kw = ("weight", "ignore_index")

    def __init__(self, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean"):
        super().__init__(weight, size_average, reduce, reduction)
        self.ignore_index = ignore_index


class NLLLoss2d(NLLLoss):
    """Deprecated alias of NLLLoss (which takes (N, C, H, W) inputs itself)."""

    def __init__(self, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean"):
        warnings.warn("NLLLoss2d has been deprecated. Please use NLLLoss instead as a drop-in replacement",
                      FutureWarning, stacklevel=2)
        super().__init__(weight, size_average, ignore_index, reduce, reduction)


class CrossEntropyLoss(_WeightedLoss):
    """nll_loss(log_softmax(x, 1), t), or soft-label cross entropy for probability targets."""

    _fn = F.cross_entropy
    _kw = ("weight", "ignore_index", "label_smoothing")

    def __init__(self, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean",
                 label_smoothing=0.0):
        super().__init__(weight, size_average, reduce, reduction)
        self.ignore_index, self.label_smoothing = ignore_index, label_smoothing


class PoissonNLLLoss(_Loss):
    """Poisson negative log likelihood (exp(x) - t x for log_input; full adds Stirling's term)."""

    _fn = F.poisson_nll_loss
    _kw = ("log_input", "full", "eps")

    def __init__(self, log_input=True, full=False, size_average=None, eps=1e-8, reduce=None, reduction="mean"):
        super().__init__(size_average, reduce, reduction)
        self.log_input, self.full, self.eps = log_input, full, eps


class GaussianNLLLoss(_Loss):
    """Gaussian negative log likelihood of target under N(input, var)."""

    _fn = F.gaussian_nll_loss
    _kw = ("full", "eps")

    def __init__(self, *, full=False, eps=1e-6, reduction="mean"):
        super().__init__(reduction=reduction)
        self.full, self.eps = full, eps

    def forward(self, input, target, var):
        return self._loss(input, target, var)


class _MarginLoss(_Loss):
    """A loss with a `margin` option."""

    _kw = ("margin",)

    def __init__(self, margin, size_average=None, reduce=None, reduction="mean"):
        super().__init__(size_average, reduce, reduction)
        self.margin = margin


class CosineEmbeddingLoss(_MarginLoss):
    """1 - cos(x1, x2) where t is 1, max(0, cos(x1, x2) - margin) where t is -1."""

    _fn = F.cosine_embedding_loss

    def __init__(self, margin=0.0, size_average=None, reduce=None, reduction="mean"):
        super().__init__(margin, size_average, reduce, reduction)

    def forward(self, input1, input2, target):
        return self._loss(input1, input2, target)


class MarginRankingLoss(_MarginLoss):
    """max(0, -t (x1 - x2) + margin)."""

    _fn = F.margin_ranking_loss

    def __init__(self, margin=0.0, size_average=None, reduce=None, reduction="mean"):
        super().__init__(margin, size_average, reduce, reduction)

    def forward(self, input1, input2, target):
        return self._loss(input1, input2, target)


class HingeEmbeddingLoss(_MarginLoss):
    """x where t is 1, max(0, margin - x) where t is -1."""

    _fn = F.hinge_embedding_loss

    def __init__(self, margin=1.0, size_average=None, reduce=None, reduction="mean"):
        super().__init__(margin, size_average, reduce, reduction)


class MultiLabelMarginLoss(_Loss):
    """Multi-class multi-label hinge loss; target lists class indices, ended by -1."""
    _fn = F.multilabel_margin_loss


class MultiLabelSoftMarginLoss(_WeightedLoss):
    """Per-class logistic loss averaged over the classes."""
    _fn = F.multilabel_soft_margin_loss


class MultiMarginLoss(_WeightedLoss):
    """Multi-class hinge loss sum_j w[y] max(0, margin - x[y] + x[j])^p / C, p 1 or 2."""

    _fn = F.multi_margin_loss
    _kw = ("p", "margin", "weight")

    def __init__(self, p=1, margin=1.0, weight=None, size_average=None, reduce=None, reduction="mean"):
        if p not in (1, 2):
            raise ValueError("only p == 1 and p == 2 supported")
        if weight is not None and weight.dim() != 1:
            raise ValueError("MultiMarginLoss: expected weight to be 1D or None, but got weight of shape %s"
                             % list(weight.shape))
        super().__init__(weight, size_average, reduce, reduction)
        self.p, self.margin = p, margin


class TripletMarginLoss(_Loss):
    """max(0, margin + d(a, p) - d(a, n)) with d the pairwise p-norm distance."""

    _fn = F.triplet_margin_loss
    _kw = ("margin", "p", "eps", "swap")

    def __init__(self, margin=1.0, p=2.0, eps=1e-6, swap=False, size_average=None, reduce=None, reduction="mean"):
        super().__init__(size_average, reduce, reduction)
        if margin <= 0:
            raise ValueError("TripletMarginLoss: expected margin to be greater than 0, got %s instead" % margin)
        self.margin, self.p, self.eps, self.swap = margin, p, eps, swap

    def forward(self, anchor, positive, negative):
        return self._loss(anchor, positive, negative)


class TripletMarginWithDistanceLoss(_Loss):
    """TripletMarginLoss with any distance_function (default: PairwiseDistance())."""

    _fn = F.triplet_margin_with_distance_loss
    _kw = ("distance_function", "margin", "swap")

    def __init__(self, *, distance_function=None, margin=1.0, swap=False, reduction="mean"):
        super().__init__(reduction=reduction)
        if margin <= 0:
            raise ValueError("TripletMarginWithDistanceLoss: expected margin to be greater than 0, got %s instead"
                             % margin)
        self.distance_function = distance_function if distance_function is not None else PairwiseDistance()
        self.margin, self.swap = margin, swap

    def forward(self, anchor, positive, negative):
        return self._loss(anchor, positive, negative)


class CTCLoss(_Loss):
    """The connectionist temporal classification loss of log_probs (T, N, C) against targets
    (N, S) or concatenated, with input_lengths and target_lengths (see F.ctc_loss)."""

    _fn = F.ctc_loss
    _kw = ("blank", "zero_infinity")

    def __init__(self, blank=0, reduction="mean", zero_infinity=False):
        super().__init__(reduction=reduction)
        self.blank, self.zero_infinity = blank, zero_infinity

    def forward(self, log_probs, targets, input_lengths, target_lengths):
        return self._loss(log_probs, targets, input_lengths, target_lengths)
