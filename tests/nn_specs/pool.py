"""Specs of the pooling modules: 1-d and 3-d max / average pooling, power-average, adaptive,
fractional max pooling and max unpooling against NumPy windows."""
import numpy as np

from . import ModuleSpec, uniform
from . import _completion_ref as R
from ._conv_ref import adaptive_pool, unpool, window_argmax_indices
from ._reference import pool


def _lp(kernel, stride, norm):
    n = int(np.prod(kernel))
    return lambda p, x: (pool(x ** norm, kernel, stride, op="avg") * n) ** (1.0 / norm)


# away from the values where (i + u) alpha is an integer, so single and double precision agree
_SAMPLES = np.array([[[0.1, 0.7, 0.45], [0.9, 0.3, 0.65]], [[0.5, 0.05, 0.85], [0.33, 0.95, 0.0]]])

SPECS = [
    ModuleSpec("MaxPool1d", (2,), inputs=[(2, 3, 6)], reference=lambda p, x: pool(x, 2, op="max"),
               bad_input=(2, 3, 4, 5), bad_message="max_pool1d"),
    ModuleSpec("MaxPool1d", (3,), {"stride": 2, "padding": 1}, inputs=[(2, 7)],
               reference=lambda p, x: pool(x[None], 3, 2, 1, op="max")[0], desc="padded_unbatched"),
    ModuleSpec("MaxPool3d", (2,), inputs=[(1, 2, 4, 4, 6)], reference=lambda p, x: pool(x, 2, op="max"),
               bad_input=(2, 3), bad_message="max_pool3d"),
    ModuleSpec("MaxPool3d", ((3, 2, 3),), {"stride": (2, 1, 2), "padding": (1, 0, 1)}, inputs=[(1, 2, 5, 3, 5)],
               reference=lambda p, x: pool(x, (3, 2, 3), (2, 1, 2), (1, 0, 1), op="max"), desc="padded"),
    ModuleSpec("AvgPool1d", (3,), {"stride": 1}, inputs=[(2, 2, 6)], reference=lambda p, x: pool(x, 3, 1, op="avg"),
               bad_input=(2, 3, 4, 5), bad_message="avg_pool1d"),
    ModuleSpec("AvgPool1d", (3,), {"stride": 2, "padding": 1, "count_include_pad": False}, inputs=[(1, 2, 7)],
               reference=lambda p, x: pool(x, 3, 2, 1, op="avg", count_include_pad=False), desc="exclude_pad"),
    ModuleSpec("AvgPool3d", (2,), inputs=[(1, 2, 4, 4, 6)], reference=lambda p, x: pool(x, 2, op="avg"),
               bad_input=(2, 3), bad_message="avg_pool3d"),
    ModuleSpec("AvgPool3d", (3,), {"stride": 2, "padding": 1, "count_include_pad": False}, inputs=[(1, 2, 5, 5, 3)],
               reference=lambda p, x: pool(x, 3, 2, 1, op="avg", count_include_pad=False), desc="exclude_pad"),
    ModuleSpec("AvgPool3d", (2,), {"divisor_override": 3}, inputs=[(1, 2, 2, 4, 4)],
               reference=lambda p, x: pool(x, 2, op="avg") * 8 / 3, desc="divisor_override"),
    ModuleSpec("LPPool1d", (2, 3), {"stride": 2}, inputs=[uniform((2, 3, 7), 0.5, 2.0)], reference=_lp(3, 2, 2),
               bad_input=(2, 3, 4, 5), bad_message="lp_pool1d"),
    ModuleSpec("LPPool2d", (3, (2, 3)), inputs=[uniform((1, 2, 4, 6), 0.5, 2.0)], reference=_lp((2, 3), None, 3)),
    ModuleSpec("AdaptiveAvgPool1d", (4,), inputs=[(2, 3, 7)], reference=lambda p, x: adaptive_pool(x, (4,), "avg"),
               bad_input=(2, 3, 4, 5), bad_message="adaptive_avg_pool1d"),
    ModuleSpec("AdaptiveMaxPool1d", (3,), inputs=[(2, 3, 7)], reference=lambda p, x: adaptive_pool(x, (3,), "max"),
               bad_input=(2,), bad_message="adaptive_max_pool1d"),
    ModuleSpec("AdaptiveAvgPool3d", ((2, 3, 2),), inputs=[(1, 2, 5, 4, 3)],
               reference=lambda p, x: adaptive_pool(x, (2, 3, 2), "avg"), bad_input=(2, 3), bad_message="5-d"),
    ModuleSpec("AdaptiveMaxPool3d", ((2, 3, 2),), inputs=[(1, 2, 5, 4, 3)],
               reference=lambda p, x: adaptive_pool(x, (2, 3, 2), "max"), bad_input=(2, 3), bad_message="4-d"),
    ModuleSpec("AdaptiveAvgPool2d", ((3, 2),), inputs=[(2, 2, 7, 5)],
               reference=lambda p, x: adaptive_pool(x, (3, 2), "avg"), desc="uneven_bins"),
    # output 4 from 5 with a 2-window: alpha = (5 - 2) / (4 - 1) = 1, every start fixed (stride 1)
    ModuleSpec("FractionalMaxPool2d", (2,), {"output_size": 4}, inputs=[(1, 2, 5, 5)],
               reference=lambda p, x: pool(x, 2, 1, op="max"), bad_input=(2, 3), bad_message="fractional"),
    ModuleSpec("MaxUnpool1d", (2,), inputs=[(2, 2, 3), window_argmax_indices((2, 2, 3), (2,))],
               reference=lambda p, x, i: unpool(x, i, (6,)), grad_inputs=[0]),
    ModuleSpec("MaxUnpool2d", (2,), inputs=[(1, 2, 2, 3), window_argmax_indices((1, 2, 2, 3), (2, 2))],
               reference=lambda p, x, i: unpool(x, i, (4, 6)), grad_inputs=[0]),
    ModuleSpec("MaxUnpool3d", ((1, 2, 2),), inputs=[(1, 2, 2, 2, 3), window_argmax_indices((1, 2, 2, 2, 3), (1, 2, 2))],
               reference=lambda p, x, i: unpool(x, i, (2, 4, 6)), grad_inputs=[0]),
    ModuleSpec("MaxPool3d", ((2, 3, 2),),
               {"stride": (1, 2, 2), "padding": (1, 1, 0), "dilation": (2, 1, 3), "ceil_mode": True},
               inputs=[(1, 2, 5, 6, 7)],
               reference=lambda p, x: R.max_pool3d(x, (2, 3, 2), (1, 2, 2), (1, 1, 0), (2, 1, 3), True)[0],
               desc="dilated_ceil"),
    ModuleSpec("AvgPool2d", (3,), {"stride": 2, "padding": 1, "ceil_mode": True, "divisor_override": 5},
               inputs=[(2, 2, 6, 7)], reference=lambda p, x: R.window_sums(x, (3, 3), (2, 2), (1, 1), True) / 5,
               desc="divisor_ceil"),
    ModuleSpec("AvgPool3d", ((2, 3, 2),), {"stride": 2, "ceil_mode": True, "divisor_override": 4},
               inputs=[(1, 2, 5, 6, 5)],
               reference=lambda p, x: R.window_sums(x, (2, 3, 2), (2, 2, 2), (0, 0, 0), True) / 4,
               desc="divisor_ceil"),
    ModuleSpec("FractionalMaxPool3d", (2,), {"output_size": (3, 4, 2), "_random_samples": _SAMPLES},
               inputs=[(2, 2, 5, 6, 4)],
               reference=lambda p, x: R.fractional_max_pool3d(x, (2, 2, 2), (3, 4, 2), _SAMPLES)[0],
               bad_input=(2, 3), bad_message="fractional_max_pool3d"),
    ModuleSpec("FractionalMaxPool3d", ((1, 2, 3),), {"output_ratio": 0.5, "return_indices": True,
                                                     "_random_samples": _SAMPLES},
               inputs=[(2, 2, 6, 6, 8)], desc="ratio_indices",
               reference=lambda p, x: R.fractional_max_pool3d(x, (1, 2, 3), (3, 3, 4), _SAMPLES)),
]
