"""Specs of the padding, upsampling, pixel-shuffle and fold modules against NumPy."""
from . import ModuleSpec
from . import _completion_ref as R
from ._conv_ref import fold, linear, nearest, pad, pixel_shuffle, pixel_unshuffle, unfold


def _pad(name, padding, mode, shape, value=0.0, desc="", bad=None):
    widths = (padding,) * (2 * int(name[-2])) if isinstance(padding, int) else padding
    args = (padding, value) if name.startswith("Constant") else (padding,)
    return ModuleSpec(name, args, inputs=[shape], reference=lambda p, x: pad(x, widths, mode, value), desc=desc,
                      bad_input=bad, bad_message="pad" if bad else "")


SPECS = [
    _pad("ReflectionPad1d", (2, 1), "reflect", (2, 3, 5), bad=(2, 3, 4, 5, 6)),
    _pad("ReflectionPad2d", (1, 2, 2, 0), "reflect", (2, 2, 4, 3), bad=(2, 3)),
    _pad("ReflectionPad2d", 1, "reflect", (2, 3, 3), desc="unbatched"),
    _pad("ReflectionPad3d", (1, 0, 2, 1, 1, 1), "reflect", (1, 2, 3, 3, 4)),
    _pad("ReplicationPad1d", (2, 3), "replicate", (2, 3, 4), bad=(2, 3, 4, 5, 6)),
    _pad("ReplicationPad2d", (1, 2, 3, 0), "replicate", (1, 2, 3, 3)),
    _pad("ReplicationPad3d", (1, 2, 0, 1, 2, 1), "replicate", (1, 2, 2, 3, 3), bad=(2, 3)),
    _pad("CircularPad2d", (1, 2, 2, 1), "circular", (1, 2, 3, 4)),
    _pad("ZeroPad2d", (1, 0, 2, 1), "constant", (1, 2, 3, 3)),
    _pad("ConstantPad1d", 2, "constant", (2, 3, 3), value=1.5),
    _pad("ConstantPad2d", (1, 0, 0, 2), "constant", (2, 2, 3), value=-1.0),
    _pad("ConstantPad3d", (1, 1, 0, 2, 1, 0), "constant", (1, 2, 2, 3, 2), value=0.5),
    ModuleSpec("Upsample", (), {"scale_factor": 2}, inputs=[(2, 2, 3, 4)],
               reference=lambda p, x: nearest(x, (6, 8)), desc="nearest2d", bad_input=(2, 3), bad_message="3-d"),
    ModuleSpec("Upsample", (), {"size": 7}, inputs=[(2, 2, 5)], reference=lambda p, x: nearest(x, (7,)),
               desc="nearest1d"),
    ModuleSpec("Upsample", (), {"scale_factor": 1.5}, inputs=[(1, 2, 2, 3, 4)],
               reference=lambda p, x: nearest(x, (3, 4, 6), (1.5,) * 3), desc="nearest3d"),
    ModuleSpec("Upsample", (), {"size": 7, "mode": "linear"}, inputs=[(2, 2, 4)],
               reference=lambda p, x: linear(x, (7,), False), desc="linear"),
    ModuleSpec("Upsample", (), {"size": (5, 3), "mode": "bilinear", "align_corners": True}, inputs=[(1, 2, 3, 4)],
               reference=lambda p, x: linear(x, (5, 3), True), desc="bilinear_align", bad_input=(2, 3, 4),
               bad_message="bilinear"),
    ModuleSpec("Upsample", (), {"scale_factor": 2, "mode": "trilinear"}, inputs=[(1, 2, 2, 3, 2)],
               reference=lambda p, x: linear(x, (4, 6, 4), False), desc="trilinear"),
    ModuleSpec("UpsamplingNearest2d", (), {"size": (5, 7)}, inputs=[(1, 2, 3, 4)],
               reference=lambda p, x: nearest(x, (5, 7))),
    ModuleSpec("UpsamplingBilinear2d", (), {"scale_factor": 2}, inputs=[(1, 2, 3, 4)],
               reference=lambda p, x: linear(x, (6, 8), True)),
    ModuleSpec("PixelShuffle", (2,), inputs=[(2, 8, 2, 3)], reference=lambda p, x: pixel_shuffle(x, 2),
               bad_input=(2, 3, 2, 2), bad_message="upscale_factor"),
    ModuleSpec("PixelUnshuffle", (2,), inputs=[(2, 2, 4, 6)], reference=lambda p, x: pixel_unshuffle(x, 2),
               bad_input=(2, 2, 3, 4), bad_message="downscale_factor"),
    ModuleSpec("Unfold", ((2, 3),), {"dilation": (1, 2), "padding": 1, "stride": (2, 1)}, inputs=[(2, 2, 5, 6)],
               reference=lambda p, x: unfold(x, (2, 3), (1, 2), 1, (2, 1)), bad_input=(2, 3), bad_message="unfold"),
    ModuleSpec("Fold", ((5, 6), (2, 3)), {"dilation": (1, 2), "padding": 1, "stride": (2, 1)}, inputs=[(1, 12, 12)],
               reference=lambda p, x: fold(x, (5, 6), (2, 3), (1, 2), 1, (2, 1)), bad_input=(2, 12, 11),
               bad_message="sliding blocks"),
    ModuleSpec("Upsample", (), {"size": (7, 3), "mode": "bicubic"}, inputs=[(2, 2, 4, 5)],
               reference=lambda p, x: R.bicubic_resize(x, (7, 3), False), desc="bicubic", bad_input=(2, 3, 4),
               bad_message="bicubic"),
    ModuleSpec("Upsample", (), {"size": (3, 8), "mode": "bicubic", "align_corners": True}, inputs=[(1, 2, 4, 5)],
               reference=lambda p, x: R.bicubic_resize(x, (3, 8), True), desc="bicubic_align"),
    ModuleSpec("Upsample", (), {"size": (5, 3), "mode": "nearest-exact"}, inputs=[(1, 2, 3, 7)],
               reference=lambda p, x: x[:, :, [0, 0, 1, 2, 2]][:, :, :, [1, 3, 5]], desc="nearest_exact"),
]
