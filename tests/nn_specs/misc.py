"""Specs of the misc group: the further activations, batch / instance / group / local response
normalisation, dropouts in evaluation, Bilinear, the distances and the further losses."""
import numpy as np

from . import ModuleSpec, away_from, class_targets, uniform
from . import _misc_ref as R
from ._reference import log_softmax


def _act(name, fn, kinks=(0.0,), args=(), kwargs=None, desc="", shape=(3, 4), **extra):
    return ModuleSpec(name, args, kwargs or {}, inputs=[away_from(shape, kinks)], reference=lambda p, x: fn(x),
                      desc=desc, **extra)


def _signs(shape):
    return lambda rng: rng.choice([-1.0, 1.0], size=shape)


def _multilabel_targets(n, c):
    """(n, c) int64 rows of distinct class indices ended by -1 (then filler)."""
    def make(rng):
        t = np.full((n, c), -1, dtype=np.int64)
        for i in range(n):
            k = rng.integers(1, c)
            t[i, :k] = rng.permutation(c)[:k]
            t[i, k + 1:] = rng.integers(0, c, size=c - k - 1)  # after the -1: ignored
        return t
    return make


def _identity(name, args=(), shape=(2, 3, 4)):
    return ModuleSpec(name, args, inputs=[shape], reference=lambda p, x: x, train=False, desc="eval")


_ELU = lambda x, a, s=1.0: s * np.where(x > 0, x, a * (np.exp(x) - 1))  # noqa: E731

SPECS = [
    # ---- activations
    _act("SELU", lambda x: _ELU(x, R.SELU_ALPHA, R.SELU_SCALE)),
    _act("CELU", lambda x: np.where(x > 0, x, 2.0 * (np.exp(x / 2.0) - 1)), kwargs={"alpha": 2.0}),
    _act("Softsign", lambda x: x / (1 + np.abs(x)), kinks=()),
    _act("Tanhshrink", lambda x: x - np.tanh(x), kinks=()),
    _act("Mish", lambda x: x * np.tanh(R.softplus(x)), kinks=()),
    _act("Hardsigmoid", lambda x: np.clip(x / 6 + 0.5, 0, 1), kinks=(-3.0, 3.0), shape=(4, 5)),
    _act("Hardswish", lambda x: x * np.clip(x / 6 + 0.5, 0, 1), kinks=(-3.0, 3.0), shape=(4, 5)),
    _act("RReLU", lambda x: np.where(x >= 0, x, x * (0.1 + 0.3) / 2), args=(0.1, 0.3), desc="eval", train=False),
    _act("GLU", lambda x: x[:, :2] * R.sigmoid(x[:, 2:]), kinks=(), bad_input=(3, 5), bad_message="even"),
    _act("GLU", lambda x: x[:2] * R.sigmoid(x[2:]), kinks=(), kwargs={"dim": 0}, shape=(4, 3), desc="dim0"),
    _act("Softmax2d", lambda x: R.softmax(x, 1), kinks=(), shape=(2, 3, 2, 2), bad_input=(2, 3),
         bad_message="3D or 4D"),
    _act("Softmax2d", lambda x: R.softmax(x, 0), kinks=(), shape=(3, 2, 2), desc="unbatched"),
    # ---- normalisation
    ModuleSpec("BatchNorm3d", (2,), inputs=[(3, 2, 2, 2, 2)], reference=R.batch_norm, bad_input=(3, 4, 2, 2, 2),
               bad_message="2 channels (num_features)"),
    ModuleSpec("BatchNorm3d", (2,), inputs=[(3, 2, 2, 2, 2)], reference=R.batch_norm, bad_input=(3, 2, 2, 2),
               bad_message="5D", desc="dims"),
    ModuleSpec("BatchNorm2d", (2,), inputs=[(3, 2, 2, 3)], reference=R.running_norm, train=False, desc="eval",
               bad_input=(3, 4, 2, 3), bad_message="BatchNorm2d: expected input with 2 channels (num_features)"),
    ModuleSpec("InstanceNorm1d", (3,), inputs=[(2, 3, 5)], reference=R.instance_norm, gradcheck=True),
    ModuleSpec("InstanceNorm1d", (3,), inputs=[(3, 5)], reference=lambda p, x: R.instance_norm(p, x, batched=False),
               desc="unbatched"),
    ModuleSpec("InstanceNorm2d", (2,), {"affine": True}, inputs=[(2, 2, 3, 3)], reference=R.instance_norm,
               desc="affine", bad_input=(2, 3, 3, 3), bad_message="2 channels (num_features)"),
    ModuleSpec("InstanceNorm2d", (2,), {"affine": True, "track_running_stats": True}, inputs=[(2, 2, 3, 3)],
               reference=R.running_norm, train=False, desc="running_eval"),
    ModuleSpec("InstanceNorm3d", (2,), {"affine": True}, inputs=[(2, 2, 2, 2, 3)], reference=R.instance_norm,
               bad_input=(2, 2, 3), bad_message="4D or 5D"),
    ModuleSpec("GroupNorm", (2, 4), inputs=[(3, 4, 5)], reference=lambda p, x: R.group_norm(p, x, 2),
               bad_input=(3, 6, 5), bad_message="4 channels (num_channels)"),
    ModuleSpec("GroupNorm", (1, 2), {"affine": False}, inputs=[(2, 2, 2, 3)],
               reference=lambda p, x: R.group_norm(p, x, 1), desc="noaffine"),
    ModuleSpec("LayerNorm", ((2, 3),), inputs=[(4, 2, 3)],
               reference=lambda p, x: ((x - x.mean((1, 2), keepdims=True)) / np.sqrt(x.var((1, 2), keepdims=True)
                                                                                     + 1e-5)) * p["weight"]
               + p["bias"], desc="2d", bad_input=(4, 3, 3), bad_message="trailing dimensions [2, 3]"),
    ModuleSpec("LocalResponseNorm", (3,), {"alpha": 0.5, "k": 2.0}, inputs=[(2, 5, 3)],
               reference=lambda p, x: R.lrn(x, 3, 0.5, 0.75, 2.0)),
    ModuleSpec("LocalResponseNorm", (2,), {"alpha": 0.3, "beta": 0.5}, inputs=[(2, 4, 2, 2)],
               reference=lambda p, x: R.lrn(x, 2, 0.3, 0.5), desc="even"),
    ModuleSpec("CrossMapLRN2d", (3,), {"alpha": 0.5, "k": 2.0}, inputs=[(2, 5, 2, 2)],
               reference=lambda p, x: R.lrn(x, 3, 0.5, 0.75, 2.0), bad_input=(2, 5, 2), bad_message="4D"),
    ModuleSpec("CrossMapLRN2d", (4,), {"alpha": 0.5}, inputs=[(1, 5, 2, 2)],
               reference=lambda p, x: R.lrn(x, 4, 0.5, before=1, after=1), desc="even"),
    # ---- dropouts in evaluation (training draws are checked in tests/test_nn_misc.py)
    _identity("Dropout3d", (0.5,), (2, 3, 2, 2, 2)),
    _identity("Dropout1d", (0.5,)),
    _identity("AlphaDropout", (0.5,)),
    _identity("FeatureAlphaDropout", (0.5,)),
    # ---- linear maps and distances
    ModuleSpec("Bilinear", (2, 4, 3), inputs=[(5, 2), (5, 4)], reference=R.bilinear, bad_input=(5, 3),
               bad_message="Bilinear: expected input1 with last dimension 2 (in1_features)"),
    ModuleSpec("Bilinear", (3, 3, 2), {"bias": False}, inputs=[(3,), (3,)],
               reference=lambda p, x1, x2: R.bilinear(p, x1[None], x2[None])[0], desc="nobias_1d"),
    ModuleSpec("Linear", (4, 3), inputs=[(2, 4)], reference=lambda p, x: x @ p["weight"].T + p["bias"],
               desc="message", bad_input=(2, 5),
               bad_message="Linear: expected input with last dimension 4 (in_features), but got shape [2, 5]"),
    ModuleSpec("PairwiseDistance", inputs=[(3, 4), (3, 4)], reference=lambda p, a, b: R.pairwise_distance(a, b)),
    ModuleSpec("PairwiseDistance", (1.5,), {"keepdim": True}, inputs=[(3, 4), (3, 4)],
               reference=lambda p, a, b: R.pairwise_distance(a, b, 1.5)[:, None], desc="p1.5_keepdim"),
    ModuleSpec("CosineSimilarity", inputs=[(3, 4), (3, 4)], reference=lambda p, a, b: R.cosine_similarity(a, b)),
    ModuleSpec("CosineSimilarity", (0,), inputs=[(3, 4), (3, 4)],
               reference=lambda p, a, b: R.cosine_similarity(a, b, 0), desc="dim0"),
    # ---- losses
    ModuleSpec("PoissonNLLLoss", inputs=[(3, 4), uniform((3, 4), 0, 4)], reference=lambda p, x, t: R.poisson_nll(x, t)),
    ModuleSpec("PoissonNLLLoss", (False, True), {"reduction": "sum"}, inputs=[uniform((3, 4), 0.5, 3),
                                                                              uniform((3, 4), 0, 4)],
               reference=lambda p, x, t: R.poisson_nll(x, t, False, True, reduction="sum"), desc="full"),
    ModuleSpec("GaussianNLLLoss", inputs=[(3, 4), (3, 4), uniform((3, 4), 0.5, 2)],
               reference=lambda p, x, t, v: R.gaussian_nll(x, t, v)),
    ModuleSpec("GaussianNLLLoss", kwargs={"full": True, "reduction": "none"},
               inputs=[(3, 4), (3, 4), uniform((3,), 0.5, 2)],
               reference=lambda p, x, t, v: R.gaussian_nll(x, t, v, True, reduction="none"), desc="full_homosc"),
    ModuleSpec("HuberLoss", kwargs={"delta": 0.5}, inputs=[(3, 4), (3, 4)],
               reference=lambda p, x, t: R.huber(x, t, 0.5)),
    ModuleSpec("CosineEmbeddingLoss", kwargs={"margin": -0.2}, inputs=[(4, 3), (4, 3), _signs(4)],
               reference=lambda p, a, b, t: R.cosine_embedding(a, b, t, -0.2), grad_inputs=[0, 1]),
    ModuleSpec("HingeEmbeddingLoss", kwargs={"margin": 0.5, "reduction": "sum"},
               inputs=[away_from((3, 4), (0.5,)), _signs((3, 4))],
               reference=lambda p, x, t: R.hinge_embedding(x, t, 0.5, "sum"), grad_inputs=[0]),
    ModuleSpec("MarginRankingLoss", kwargs={"margin": 0.1}, inputs=[(5,), (5,), _signs(5)],
               reference=lambda p, a, b, t: R.margin_ranking(a, b, t, 0.1), grad_inputs=[0, 1]),
    ModuleSpec("MultiLabelMarginLoss", inputs=[(3, 4), _multilabel_targets(3, 4)],
               reference=lambda p, x, t: R.multilabel_margin(x, t), bad_input=(3, 4, 1), bad_message="2-d"),
    ModuleSpec("MultiLabelMarginLoss", kwargs={"reduction": "none"},
               inputs=[(5,), lambda rng: _multilabel_targets(1, 5)(rng)[0]],
               reference=lambda p, x, t: R.multilabel_margin(x, t, "none"), desc="1d_none"),
    ModuleSpec("MultiLabelSoftMarginLoss", inputs=[(3, 4), lambda rng: rng.integers(0, 2, (3, 4)).astype(float)],
               reference=lambda p, x, t: R.multilabel_soft_margin(x, t), grad_inputs=[0]),
    ModuleSpec("MultiMarginLoss", inputs=[(4, 3), class_targets(4, 3)], reference=lambda p, x, y: R.multi_margin(x, y),
               bad_input=(4, 3, 2), bad_message="2-d"),
    ModuleSpec("MultiMarginLoss", kwargs={"p": 2, "margin": 0.5, "reduction": "none"},
               inputs=[(4, 3), class_targets(4, 3)],
               reference=lambda p, x, y: R.multi_margin(x, y, 2, 0.5, None, "none"), desc="p2"),
    ModuleSpec("TripletMarginLoss", inputs=[(4, 3), (4, 3), (4, 3)],
               reference=lambda p, a, b, c: R.triplet_margin(a, b, c)),
    ModuleSpec("TripletMarginLoss", kwargs={"margin": 0.5, "p": 1, "swap": True, "reduction": "sum"},
               inputs=[(4, 3), (4, 3), (4, 3)],
               reference=lambda p, a, b, c: R.triplet_margin(a, b, c, 0.5, 1, swap=True, reduction="sum"),
               desc="p1_swap"),
    ModuleSpec("TripletMarginWithDistanceLoss", inputs=[(4, 3), (4, 3), (4, 3)],
               reference=lambda p, a, b, c: R.triplet_margin(a, b, c)),
    ModuleSpec("NLLLoss2d", inputs=[(2, 3, 2, 2), lambda rng: rng.integers(0, 3, (2, 2, 2))],
               reference=lambda p, x, t: R.nll_spatial(x, t)),
    ModuleSpec("NLLLoss", kwargs={"reduction": "none"},
               inputs=[(2, 3, 2, 2), lambda rng: rng.integers(0, 3, (2, 2, 2))],
               reference=lambda p, x, t: R.nll_spatial(x, t, "none"), desc="spatial_none"),
    ModuleSpec("CrossEntropyLoss", inputs=[(2, 3, 2, 3), lambda rng: rng.integers(0, 3, (2, 2, 3))],
               reference=lambda p, x, t: R.nll_spatial(log_softmax(x, 1), t), desc="spatial"),
]
