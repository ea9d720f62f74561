"""grid_sample without a kernel (layer: nn): modes 'nearest', 'bilinear' (trilinear on 5-d
inputs) and 'bicubic', padding 'zeros', 'border' and 'reflection', written with Tensor ops so
autograd differentiates them with respect to the input (through gather) and the grid (through
the interpolation weights and the coordinate maps).

Each spatial dim contributes a list of taps (integer positions and weights; nearest has one tap
of weight 1, linear two, cubic four); the output is the sum over the product of the dims' taps of
the weights' product times the input gathered at the tap, zero where a tap falls outside the
input.  Also the cubic convolution weights shared with interpolate's bicubic mode.
"""
from ..autograd import Function
from ..tensor import Tensor

__all__ = []

CUBIC_A = -0.75  # PyTorch's (and OpenCV's) cubic convolution parameter


def cubic_weights(t):
    """The 4 weights of the taps at floor(x) - 1 .. floor(x) + 2 for t = x - floor(x) (Keys' cubic
    convolution with a = -0.75); t may be a Tensor or a NumPy array."""
    a = CUBIC_A

    def near(d):  # |d| <= 1
        return ((a + 2) * d - (a + 3)) * d * d + 1

    def far(d):  # 1 < |d| < 2
        return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a

    return [far(t + 1), near(t), near(1 - t), far(2 - t)]


def _unnormalize(coord, size, align_corners):
    """Grid values in [-1, 1] to pixel coordinates: -1 and 1 are the edge pixels' centres with
    align_corners, else their outer edges."""
    if align_corners:
        return (coord + 1) * ((size - 1) / 2.0)
    return ((coord + 1) * size - 1) / 2.0


def _reflect(coord, twice_low, twice_high):
    """coord mirrored into [low, high] (the bounds given doubled, so half-pixels are exact)."""
    if twice_low == twice_high:
        return coord * 0
    low, span = twice_low / 2.0, (twice_high - twice_low) / 2.0
    dist = (coord - low).abs()
    extra = dist.fmod(span)
    flips = (dist.detach() / span).floor()
    even = flips.fmod(2) == 0
    from .. import where

    return where(even, extra + low, span - extra + low)


def _pad_coord(coord, size, padding_mode, align_corners):
    """The coordinate the padding mode reads for coord: 'zeros' keeps it (taps outside read 0),
    'border' clamps it to the input, 'reflection' mirrors it at the borders (at the edge pixels'
    centres with align_corners, at their outer edges without) and then clamps."""
    if padding_mode == "border":
        return coord.clamp(0, size - 1)
    if padding_mode == "reflection":
        if align_corners:
            coord = _reflect(coord, 0, 2 * (size - 1))
        else:
            coord = _reflect(coord, -1, 2 * size - 1)
        return coord.clamp(0, size - 1)
    return coord


def _taps(coord, size, mode, padding_mode, align_corners):
    """[(int64 positions, weights or None)] of one spatial dim for unnormalised coordinates."""
    if mode == "nearest":  # round half to even, as nearbyint
        pos = _pad_coord(coord, size, padding_mode, align_corners).detach().round()
        return [(pos, None)]
    if mode == "bilinear":
        x = _pad_coord(coord, size, padding_mode, align_corners)
        x0 = x.detach().floor()
        return [(x0, (x0 + 1) - x), (x0 + 1, x - x0)]
    x0 = coord.detach().floor()  # bicubic: the padding applies to each tap's position
    weights = cubic_weights(coord - x0)
    return [(_pad_coord(x0 + (k - 1), size, padding_mode, align_corners), weights[k]) for k in range(4)]


class _ZeroGrad(Function):
    """A 0 that links the grid to the output, so that nearest sampling gives the grid a zero
    gradient (as PyTorch) rather than none."""

    @staticmethod
    def forward(ctx, grid):
        ctx.shape, ctx.dtype = grid._shape, grid._dtype
        return grid.new_zeros(())

    @staticmethod
    def backward(ctx, g):
        from .. import zeros

        return zeros(*ctx.shape, dtype=ctx.dtype)


def sample(input, grid, mode, padding_mode, align_corners):
    """input (N, C, *spatial) sampled at grid (N, *out, nd) of normalised (x, y[, z]) -> (N, C, *out)."""
    nd = input.dim() - 2
    n, c = input._shape[:2]
    spatial = input._shape[2:]
    out_spatial = grid._shape[1:-1]
    g = grid.reshape(n, -1, nd)
    per_dim = []
    for d in range(nd):  # spatial dim d (D, H, W order) reads grid component nd - 1 - d
        coord = _unnormalize(g[..., nd - 1 - d], spatial[d], align_corners)
        per_dim.append(_taps(coord, spatial[d], mode, padding_mode, align_corners))
    flat = input.reshape(n, c, -1)
    points = g._shape[1]
    out = None
    combos = [[]]
    for taps in per_dim:
        combos = [combo + [tap] for combo in combos for tap in taps]
    for combo in combos:
        index, weight, inside = None, None, None
        for d, (pos, w) in enumerate(combo):
            ok = (pos >= 0) & (pos <= spatial[d] - 1)
            inside = ok if inside is None else inside & ok
            stride = 1
            for size in spatial[d + 1:]:
                stride *= size
            term = pos.clamp(0, spatial[d] - 1).long() * stride
            index = term if index is None else index + term
            if w is not None:
                weight = w if weight is None else weight * w
        mask = inside.to(input._dtype)
        weight = mask if weight is None else weight * mask
        vals = flat.gather(2, index.unsqueeze(1).expand(n, c, points)) * weight.unsqueeze(1)
        out = vals if out is None else out + vals
    if mode == "nearest" and isinstance(grid, Tensor) and grid.requires_grad:
        out = out + _ZeroGrad.apply(grid)
    return out.reshape(n, c, *out_spatial)
