"""Specs of the convolution modules: Conv1d/2d/3d (strides, padding strings and modes, dilation,
groups) and ConvTranspose1d/2d/3d against the NumPy definitions."""
from . import ModuleSpec
from ._conv_ref import conv, conv_transpose, pad


def _conv(**kw):
    return lambda p, x: conv(x, p["weight"], p.get("bias"), **kw)


def _convt(**kw):
    return lambda p, x: conv_transpose(x, p["weight"], p.get("bias"), **kw)


def _padded_conv(widths, mode, **kw):
    return lambda p, x: conv(pad(x, widths, mode), p["weight"], p.get("bias"), **kw)


SPECS = [
    ModuleSpec("Conv1d", (2, 3, 3), inputs=[(2, 2, 7)], reference=_conv(), bad_input=(2, 3, 7),
               bad_message="channels"),
    ModuleSpec("Conv1d", (4, 2, 3), {"stride": 2, "padding": 2, "dilation": 2, "groups": 2}, inputs=[(2, 4, 9)],
               reference=_conv(stride=2, padding=2, dilation=2, groups=2), desc="strided_dilated_groups"),
    ModuleSpec("Conv1d", (2, 2, 4), {"padding": "same", "bias": False}, inputs=[(1, 2, 6)],
               reference=lambda p, x: conv(pad(x, (1, 2), "constant"), p["weight"]), desc="same_even"),
    ModuleSpec("Conv1d", (2, 3, 3), {"padding": 1, "padding_mode": "circular"}, inputs=[(2, 2, 5)],
               reference=_padded_conv((1, 1), "circular"), desc="circular"),
    ModuleSpec("Conv1d", (2, 3, 3), inputs=[(2, 7)], reference=lambda p, x: conv(x[None], p["weight"], p["bias"])[0],
               desc="unbatched"),
    ModuleSpec("Conv2d", (2, 3, 3), {"padding": 2, "dilation": 2}, inputs=[(1, 2, 5, 5)],
               reference=_conv(padding=2, dilation=2), desc="dilated"),
    ModuleSpec("Conv2d", (4, 2, (2, 3)), {"dilation": (2, 1), "stride": (1, 2), "groups": 2}, inputs=[(1, 4, 6, 7)],
               reference=_conv(dilation=(2, 1), stride=(1, 2), groups=2), desc="dilated_groups"),
    ModuleSpec("Conv2d", (2, 2, 3), {"padding": (1, 2), "padding_mode": "reflect"}, inputs=[(1, 2, 4, 5)],
               reference=_padded_conv((2, 2, 1, 1), "reflect"), desc="reflect"),
    ModuleSpec("Conv2d", (2, 2, 3), {"padding": 1, "padding_mode": "replicate"}, inputs=[(1, 2, 4, 5)],
               reference=_padded_conv((1, 1, 1, 1), "replicate"), desc="replicate"),
    ModuleSpec("Conv3d", (2, 3, (2, 3, 2)), inputs=[(2, 2, 3, 4, 4)], reference=_conv(), bad_input=(2, 3, 3, 4, 4),
               bad_message="channels"),
    ModuleSpec("Conv3d", (4, 2, 2), {"stride": (1, 2, 1), "padding": 1, "dilation": (2, 1, 2), "groups": 2},
               inputs=[(1, 4, 4, 5, 4)], reference=_conv(stride=(1, 2, 1), padding=1, dilation=(2, 1, 2), groups=2),
               desc="strided_dilated_groups"),
    ModuleSpec("Conv3d", (2, 2, 3), {"padding": "same", "bias": False}, inputs=[(1, 2, 3, 4, 3)],
               reference=_conv(padding=1), desc="same"),
    ModuleSpec("ConvTranspose1d", (2, 3, 3), inputs=[(2, 2, 5)], reference=_convt(), bad_input=(2, 3, 5),
               bad_message="channels"),
    ModuleSpec("ConvTranspose1d", (4, 2, 3), {"stride": 2, "padding": 1, "output_padding": 1, "groups": 2,
                                              "dilation": 2},
               inputs=[(2, 4, 4)], reference=_convt(stride=2, padding=1, output_padding=1, groups=2, dilation=2),
               desc="strided_groups"),
    ModuleSpec("ConvTranspose2d", (2, 3, (2, 3)), inputs=[(2, 2, 3, 4)], reference=_convt(), bad_input=(2, 3, 3, 4),
               bad_message="channels"),
    ModuleSpec("ConvTranspose2d", (4, 2, 3), {"stride": (2, 1), "padding": 1, "output_padding": (1, 0), "groups": 2,
                                              "dilation": (1, 2), "bias": False},
               inputs=[(1, 4, 3, 4)], reference=_convt(stride=(2, 1), padding=1, output_padding=(1, 0), groups=2,
                                                       dilation=(1, 2)), desc="strided_dilated_groups"),
    ModuleSpec("ConvTranspose3d", (2, 3, 2), inputs=[(2, 2, 2, 3, 2)], reference=_convt(), bad_input=(2, 3, 2, 3, 2),
               bad_message="channels"),
    ModuleSpec("ConvTranspose3d", (4, 2, (2, 3, 2)), {"stride": 2, "padding": (0, 1, 1), "output_padding": 1,
                                                      "groups": 2, "dilation": (1, 1, 2)},
               inputs=[(1, 4, 2, 3, 2)], reference=_convt(stride=2, padding=(0, 1, 1), output_padding=1, groups=2,
                                                          dilation=(1, 1, 2)), desc="strided_dilated_groups"),
]
