"""Specs of the first nn modules: Linear, Conv2d, the pointwise activations, softmax, pooling,
normalisation, reshaping and the losses."""
import math

import numpy as np

from . import ModuleSpec, away_from, class_targets, uniform
from ._reference import conv, log_softmax, pool, reduce


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _erf(x):
    return np.vectorize(math.erf)(x)


def _pointwise(name, fn, kinks=(0.0,), args=(), kwargs=None, desc="", shape=(3, 4)):
    return ModuleSpec(name, args, kwargs or {}, inputs=[away_from(shape, kinks)], reference=lambda p, x: fn(x),
                      desc=desc)


def _batch_norm(p, x, eps=1e-5):
    axes = (0,) + tuple(range(2, x.ndim))
    shape = (1, -1) + (1,) * (x.ndim - 2)
    mean, var = x.mean(axis=axes, keepdims=True), x.var(axis=axes, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * p["weight"].reshape(shape) + p["bias"].reshape(shape)


def _layer_norm(p, x, eps=1e-5):
    mean, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * p["weight"] + p["bias"]


def _nll(logp, target, reduction="mean"):
    picked = -logp[np.arange(len(target)), target]
    return reduce(picked, reduction)


def _probabilities(shape):
    return uniform(shape, 0.05, 0.95)


SPECS = [
    ModuleSpec("Linear", (4, 3), inputs=[(2, 4)], reference=lambda p, x: x @ p["weight"].T + p["bias"],
               bad_input=(2, 5), bad_message="4"),
    ModuleSpec("Linear", (4, 3), {"bias": False}, inputs=[(2, 5, 4)], reference=lambda p, x: x @ p["weight"].T,
               desc="nobias_3d"),
    ModuleSpec("Conv2d", (2, 3, 3), {"padding": 1}, inputs=[(2, 2, 5, 4)],
               reference=lambda p, x: conv(x, p["weight"], p["bias"], padding=1),
               bad_input=(2, 3, 5, 4), bad_message="Conv2d: expected a 3-d (unbatched) or 4-d (batched) input"),
    ModuleSpec("Conv2d", (4, 2, (2, 3)), {"stride": 2, "groups": 2, "bias": False}, inputs=[(1, 4, 6, 7)],
               reference=lambda p, x: conv(x, p["weight"], stride=2, groups=2), desc="strided_groups"),
    _pointwise("ReLU", lambda x: np.maximum(x, 0)),
    _pointwise("ReLU6", lambda x: np.clip(x, 0, 6), kinks=(0.0, 6.0)),
    _pointwise("Threshold", lambda x: np.where(x > 0.5, x, -2.0), kinks=(0.5,), args=(0.5, -2.0)),
    _pointwise("LeakyReLU", lambda x: np.where(x > 0, x, 0.2 * x), args=(0.2,)),
    _pointwise("ELU", lambda x: np.where(x > 0, x, 1.5 * (np.exp(x) - 1)), kwargs={"alpha": 1.5}),
    _pointwise("Hardtanh", lambda x: np.clip(x, -0.5, 0.7), kinks=(-0.5, 0.7), args=(-0.5, 0.7)),
    _pointwise("Sigmoid", _sigmoid, kinks=()),
    _pointwise("Tanh", np.tanh, kinks=()),
    _pointwise("LogSigmoid", lambda x: -np.logaddexp(0, -x), kinks=()),
    _pointwise("Softplus", lambda x: np.log1p(np.exp(2 * x)) / 2, kinks=(), kwargs={"beta": 2.0}),
    _pointwise("Softshrink", lambda x: np.where(x > 0.5, x - 0.5, np.where(x < -0.5, x + 0.5, 0)),
               kinks=(-0.5, 0.5)),
    _pointwise("Hardshrink", lambda x: np.where(np.abs(x) > 0.5, x, 0), kinks=(-0.5, 0.5)),
    _pointwise("GELU", lambda x: x * (1 + _erf(x / np.sqrt(2))) / 2, kinks=()),
    _pointwise("SiLU", lambda x: x * _sigmoid(x), kinks=()),
    _pointwise("Softmax", lambda x: np.exp(log_softmax(x, 1)), kinks=(), kwargs={"dim": 1}),
    _pointwise("LogSoftmax", lambda x: log_softmax(x, 1), kinks=(), kwargs={"dim": 1}),
    _pointwise("Softmin", lambda x: np.exp(log_softmax(-x, 0)), kinks=(), kwargs={"dim": 0}),
    ModuleSpec("PReLU", (3,), {"init": 0.3}, inputs=[away_from((2, 3, 4), (0.0,))],
               reference=lambda p, x: np.where(x > 0, x, p["weight"].reshape(1, 3, 1) * x)),
    ModuleSpec("Identity", inputs=[(2, 3)], reference=lambda p, x: x),
    ModuleSpec("Flatten", inputs=[(2, 3, 2)], reference=lambda p, x: x.reshape(2, 6)),
    ModuleSpec("Dropout", (0.5,), inputs=[(4, 3)], reference=lambda p, x: x, train=False, desc="eval"),
    ModuleSpec("MaxPool2d", (2,), inputs=[(2, 2, 4, 6)], reference=lambda p, x: pool(x, 2, op="max")),
    ModuleSpec("MaxPool2d", (3,), {"stride": 2, "padding": 1}, inputs=[(1, 2, 5, 5)],
               reference=lambda p, x: pool(x, 3, 2, 1, op="max"), desc="padded"),
    ModuleSpec("AvgPool2d", (2,), {"stride": 1}, inputs=[(2, 2, 3, 4)],
               reference=lambda p, x: pool(x, 2, 1, op="avg")),
    ModuleSpec("AvgPool2d", (3,), {"stride": 2, "padding": 1, "count_include_pad": False}, inputs=[(1, 2, 5, 5)],
               reference=lambda p, x: pool(x, 3, 2, 1, op="avg", count_include_pad=False), desc="exclude_pad"),
    ModuleSpec("AdaptiveAvgPool2d", (1,), inputs=[(2, 3, 4, 5)],
               reference=lambda p, x: x.mean(axis=(2, 3), keepdims=True)),
    ModuleSpec("AdaptiveMaxPool2d", (1,), inputs=[(2, 3, 4, 5)],
               reference=lambda p, x: x.max(axis=(2, 3), keepdims=True)),
    ModuleSpec("BatchNorm1d", (3,), inputs=[(5, 3)], reference=_batch_norm),
    ModuleSpec("BatchNorm2d", (2,), inputs=[(3, 2, 2, 3)], reference=_batch_norm,
               bad_input=(3, 4, 2, 3), bad_message="2"),
    ModuleSpec("LayerNorm", (4,), inputs=[(3, 4)], reference=_layer_norm),
    ModuleSpec("MSELoss", inputs=[(3, 4), (3, 4)], reference=lambda p, x, y: np.mean((x - y) ** 2)),
    ModuleSpec("L1Loss", kwargs={"reduction": "sum"}, inputs=[(3, 4), (3, 4)],
               reference=lambda p, x, y: np.abs(x - y).sum()),
    ModuleSpec("SmoothL1Loss", inputs=[(3, 4), (3, 4)],
               reference=lambda p, x, y: np.mean(np.where(np.abs(x - y) < 1, 0.5 * (x - y) ** 2,
                                                          np.abs(x - y) - 0.5))),
    ModuleSpec("SoftMarginLoss", inputs=[(3, 4), lambda rng: rng.choice([-1.0, 1.0], size=(3, 4))],
               reference=lambda p, x, y: np.mean(np.log1p(np.exp(-y * x))), grad_inputs=[0]),
    ModuleSpec("KLDivLoss", kwargs={"reduction": "batchmean"}, inputs=[(3, 4), _probabilities((3, 4))],
               reference=lambda p, x, y: (y * (np.log(y) - x)).sum() / 3, grad_inputs=[0]),
    ModuleSpec("BCELoss", inputs=[_probabilities((3, 4)), _probabilities((3, 4))],
               reference=lambda p, x, y: -np.mean(y * np.log(x) + (1 - y) * np.log(1 - x)), grad_inputs=[0]),
    ModuleSpec("BCEWithLogitsLoss", inputs=[(3, 4), _probabilities((3, 4))],
               reference=lambda p, x, y: -np.mean(y * np.log(_sigmoid(x)) + (1 - y) * np.log(1 - _sigmoid(x))),
               grad_inputs=[0]),
    ModuleSpec("NLLLoss", inputs=[(4, 3), class_targets(4, 3)], reference=lambda p, x, t: _nll(x, t)),
    ModuleSpec("CrossEntropyLoss", kwargs={"reduction": "sum"}, inputs=[(4, 5), class_targets(4, 5)],
               reference=lambda p, x, t: _nll(log_softmax(x, 1), t, "sum")),
]
