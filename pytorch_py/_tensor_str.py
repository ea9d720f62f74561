"""Printing tensors as PyTorch 2.x prints them (layer: tensor).

Public:
  tensor_repr(t)        the string Tensor.__repr__ / __str__ return
  set_printoptions(...) change the print options (precision, threshold, edgeitems, linewidth,
                        profile, sci_mode), with PyTorch's signature and semantics
  get_printoptions()    the current print options as a dict
  printoptions(...)     context manager: set_printoptions for the duration of a `with` block

The rules follow PyTorch's printing (written here from the observable behaviour, not copied):

* One formatter per tensor decides a common element format and width from the values that will
  actually be shown (the summarised data when the tensor is summarised).  Floats use scientific
  notation when, over the nonzero finite magnitudes, max/min exceeds 1000, max exceeds 1e8 or min
  is below 1e-4 (or as the sci_mode option forces); otherwise `1.` style when every nonzero finite
  value is an integer, else fixed point with `precision` digits.  Zero, nan and inf take part in
  neither the decision nor the width (a tensor with no nonzero finite value prints `0.`, `nan`).
* A tensor with more than `threshold` elements is summarised: every dimension longer than
  2*edgeitems shows only its first and last `edgeitems` entries around a `...`.
* Rows wrap to `linewidth`; nested rows are indented under the first bracket, with dim-1 blank
  lines between slices of a dim-d tensor.
* Suffixes (device, size, dtype, grad_fn / requires_grad) are appended after the contents and go
  on a new line when they would overflow `linewidth`.

Everything is computed on a NumPy view of the tensor: the width decision is vectorised, and only
the elements that are shown are ever turned into strings, so printing a huge tensor is cheap.
"""
import contextlib
import math

import numpy as np

__all__ = ["tensor_repr", "set_printoptions", "get_printoptions", "printoptions"]


class _PrintOptions:
    """The mutable option record; one module-level instance, like PyTorch's PRINT_OPTS."""

    __slots__ = ("precision", "threshold", "edgeitems", "linewidth", "sci_mode")

    def __init__(self):
        self.precision = 4
        self.threshold = 1000
        self.edgeitems = 3
        self.linewidth = 80
        self.sci_mode = None


PRINT_OPTS = _PrintOptions()

# (precision, threshold, edgeitems, linewidth) of each named profile, as in PyTorch.
_PROFILES = {
    "default": (4, 1000, 3, 80),
    "short": (2, 1000, 2, 80),
    "full": (4, math.inf, 3, 80),
}


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None,
                     sci_mode=None):
    """Set options for printing tensors (same signature and semantics as torch.set_printoptions).

    precision: digits after the decimal point for floats (default 4).
    threshold: tensors with more elements than this are summarised (default 1000).
    edgeitems: entries shown at each end of a summarised dimension (default 3).
    linewidth: characters per line used for wrapping rows and placing suffixes (default 80).
    profile:   'default', 'short' or 'full'; applied first, then any explicit option above
               overrides it.  Any other string raises ValueError.
    sci_mode:  True forces scientific notation, False forbids it, None lets the formatter decide.
               Like PyTorch, sci_mode is always assigned, so a call that omits it resets it to None.
    Options left as None keep their current value (except sci_mode, see above).
    """
    if profile is not None:
        if profile not in _PROFILES:
            # PyTorch silently ignores an unknown profile; a typo should not pass unnoticed.
            raise ValueError("set_printoptions: unknown profile %r (expected one of %s)"
                             % (profile, ", ".join(repr(p) for p in _PROFILES)))
        (PRINT_OPTS.precision, PRINT_OPTS.threshold, PRINT_OPTS.edgeitems,
         PRINT_OPTS.linewidth) = _PROFILES[profile]
    if precision is not None:
        PRINT_OPTS.precision = precision
    if threshold is not None:
        PRINT_OPTS.threshold = threshold
    if edgeitems is not None:
        PRINT_OPTS.edgeitems = edgeitems
    if linewidth is not None:
        PRINT_OPTS.linewidth = linewidth
    PRINT_OPTS.sci_mode = sci_mode


def get_printoptions():
    """The current print options as a new dict with keys precision, threshold, edgeitems,
    linewidth and sci_mode (the keys set_printoptions takes, minus profile)."""
    return {name: getattr(PRINT_OPTS, name) for name in _PrintOptions.__slots__}


@contextlib.contextmanager
def printoptions(**kwargs):
    """Context manager: set_printoptions(**kwargs) inside the block, the previous options after it
    (restored even when the block raises)."""
    old = get_printoptions()
    set_printoptions(**kwargs)
    try:
        yield
    finally:
        set_printoptions(**old)


# ---------------------------------------------------------------------------------------------
# Element formatting


class _Formatter:
    """Chooses one format (fixed / integer-valued / scientific) and one width for a tensor.

    `values` is a NumPy array of exactly the elements that will be printed (the summarised data).
    The decision uses only nonzero finite values; their formatted lengths give the width.
    """

    def __init__(self, values, floating):
        self.floating = floating
        self.int_mode = True
        self.sci_mode = False
        self.max_width = 1
        flat = np.asarray(values).reshape(-1)
        precision = PRINT_OPTS.precision
        if not floating:
            # Integers and bools print as str(value); width is the longest such string.  The
            # longest string comes from an extreme value, so look only at those.
            if flat.size:
                if flat.dtype == np.bool_:
                    cands = [c for c, present in ((True, flat.any()), (False, not flat.all())) if present]
                else:
                    cands = [int(flat.max()), int(flat.min())]
                self.max_width = max(len(str(c)) for c in cands)
            return
        flat = flat.astype(np.float64, copy=False)  # float16 would overflow in the ratio test
        with np.errstate(invalid="ignore"):
            nz = flat[np.isfinite(flat) & (flat != 0)]
        if nz.size == 0:
            # Only zeros / nan / inf: they print in integer style ("0.", "nan"), width 1.  As in
            # PyTorch, a forced sci_mode is not applied here either.
            return
        mags = np.abs(nz)
        vmax = float(mags.max())
        vmin = float(mags.min())
        self.int_mode = bool(np.all(nz == np.ceil(nz)))
        # The formatted length is monotone in the magnitude within each sign (digit count of the
        # integer part, or exponent size at either end), so the widest string comes from the
        # largest or smallest magnitude of either sign: format those four, not every element.
        cands = []
        for part in (nz[nz > 0], nz[nz < 0]):
            if part.size:
                cands.append(float(part.max()))
                cands.append(float(part.min()))
        if PRINT_OPTS.sci_mode is None:
            # Integer-valued data has min >= 1, so the small-value test only affects fractions.
            self.sci_mode = bool(vmax / vmin > 1000.0 or vmax > 1.0e8 or vmin < 1.0e-4)
        else:
            # A user-set sci_mode overrides the decision; the width follows the forced format.
            self.sci_mode = bool(PRINT_OPTS.sci_mode)
        if self.sci_mode:
            self.max_width = max(len("%.*e" % (precision, c)) for c in cands)
        elif self.int_mode:
            # +1 for the "." appended to integer-valued floats.
            self.max_width = max(len("%.0f" % c) + 1 for c in cands)
        else:
            self.max_width = max(len("%.*f" % (precision, c)) for c in cands)

    def width(self):
        """The common element width (strings longer than this, such as 'nan', are not cut)."""
        return self.max_width

    def format(self, value):
        """One element (a Python number) as a string right-aligned to the common width."""
        if self.floating:
            if self.sci_mode:
                s = "%.*e" % (PRINT_OPTS.precision, value)
            elif self.int_mode:
                s = "%.0f" % value
                # The trailing "." marks a float; nan/inf already read as floats.
                if not (math.isinf(value) or math.isnan(value)):
                    s += "."
            else:
                s = "%.*f" % (PRINT_OPTS.precision, value)
        else:
            s = str(value)
        return s.rjust(self.max_width)


# ---------------------------------------------------------------------------------------------
# Layout


def _summarized_data(a):
    """The elements a summarised print shows: along every dimension longer than 2*edgeitems, the
    first and last edgeitems entries.  Small copies only, whatever the size of `a`."""
    e = PRINT_OPTS.edgeitems
    if a.ndim == 0:
        return a
    if not e:
        # PyTorch quirk: a 1-d tensor keeps all its data (x[-0:] is the whole of x), while a
        # tensor of higher dimension contributes nothing to the formatter.
        return a if a.ndim == 1 else a[(slice(0, 0),) * a.ndim]
    for axis in range(a.ndim):
        n = a.shape[axis]
        if n > 2 * e:
            idx = np.concatenate([np.arange(e), np.arange(n - e, n)])
            a = np.take(a, idx, axis=axis)
    return a


def _vector_str(a, indent, summarize, fmt):
    # Each element takes its width plus ", "; rows wrap so a line fits in linewidth.
    element_length = fmt.width() + 2
    per_line = max(1, int(math.floor((PRINT_OPTS.linewidth - indent) / element_length)))
    e = PRINT_OPTS.edgeitems
    if summarize and not e:
        data = ["..."]
    elif summarize and a.shape[0] > 2 * e:
        data = ([fmt.format(v) for v in a[:e].tolist()] + [" ..."]
                + [fmt.format(v) for v in a[a.shape[0] - e:].tolist()])
    else:
        data = [fmt.format(v) for v in a.tolist()]
    lines = [", ".join(data[i:i + per_line]) for i in range(0, len(data), per_line)]
    return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"


def _nd_str(a, indent, summarize, fmt):
    if a.ndim == 0:
        return fmt.format(a.item())
    if a.ndim == 1:
        return _vector_str(a, indent, summarize, fmt)
    e = PRINT_OPTS.edgeitems
    n = a.shape[0]
    if summarize and n > 2 * e:
        slices = ([_nd_str(a[i], indent + 1, summarize, fmt) for i in range(e)] + ["..."]
                  + [_nd_str(a[i], indent + 1, summarize, fmt) for i in range(n - e, n)])
    else:
        slices = [_nd_str(a[i], indent + 1, summarize, fmt) for i in range(n)]
    # dim-1 newlines: sub-matrices of a 3-d tensor are separated by one blank line, and so on.
    return "[" + ("," + "\n" * (a.ndim - 1) + " " * (indent + 1)).join(slices) + "]"


def _contents_str(a, floating, indent):
    """The bracketed contents of a non-empty array `a` printed at column `indent`."""
    summarize = a.size > PRINT_OPTS.threshold
    fmt = _Formatter(_summarized_data(a) if summarize else a, floating)
    return _nd_str(a, indent, summarize, fmt)


def _add_suffixes(text, suffixes, indent):
    # PyTorch measures the last line as len - rfind("\n") + 1 (two more than its real length when
    # there is no newline); the same measure keeps line breaks identical.
    out = [text]
    last_line_len = len(text) - text.rfind("\n") + 1
    for suffix in suffixes:
        if last_line_len + len(suffix) + 2 > PRINT_OPTS.linewidth:
            out.append(",\n" + " " * indent + suffix)
            last_line_len = indent + len(suffix)
        else:
            out.append(", " + suffix)
            last_line_len += len(suffix) + 2
    out.append(")")
    return "".join(out)


def _host_array(t):
    """A NumPy array with the tensor's values; tensors not on the CPU are copied there first."""
    if t.device.type == "cpu":
        return np.asarray(t.numpy())
    try:
        return np.asarray(t.numpy(force=True))
    except TypeError:
        return np.asarray(t.cpu().numpy())


def _grad_fn_name(t):
    try:
        grad_fn = getattr(t, "grad_fn", None)
    except RuntimeError:
        return "Invalid"
    if grad_fn is None:
        return None
    name = type(grad_fn).__name__
    if name == "CppFunction" and hasattr(grad_fn, "name"):
        name = grad_fn.name().rsplit("::", 1)[-1]
    return name


def tensor_repr(t):
    """The string PyTorch 2.x prints for tensor `t`, e.g. 'tensor([1., 2.])'.

    Honours the current print options (see set_printoptions) and the default dtype.  Suffixes, in
    order: device='...' when t is not on the CPU; size=(...) for empty tensors that are not 1-d and
    when edgeitems is 0; dtype=torch.X when the dtype is not implied by the values (not the
    default float dtype, int64 or bool; for empty tensors: whenever it is not the default float
    dtype); grad_fn=<Name> when t has a grad_fn, else requires_grad=True when t requires grad.
    Only the elements shown are turned into strings; deciding the common format is vectorised.
    """
    from . import _dtype
    from .tensor import Tensor

    # Subclasses print under their own name, as in PyTorch (Parameter prints as a plain tensor).
    # Objects that are not Tensors at all (tensor-like wrappers) print as "tensor(".
    cls = type(t)
    subclass = cls is not Tensor and isinstance(cls, type) and issubclass(cls, Tensor)
    prefix = cls.__name__ + "(" if subclass and cls.__name__ != "Parameter" else "tensor("
    indent = len(prefix)
    dt = t.dtype
    default = _dtype.get_default_dtype()
    suffixes = []
    if t.device.type != "cpu":
        suffixes.append("device='%s'" % (t.device,))
    shape = tuple(int(s) for s in t.shape)
    numel = 1
    for s in shape:
        numel *= s
    if numel == 0:
        body = "[]"
        # The shape cannot be seen in "[]", so it is spelled out unless it is (0,); and with no
        # values to suggest int64 or bool, any non-default dtype is spelled out too.
        if len(shape) != 1:
            suffixes.append("size=%s" % (shape,))
        if dt != default:
            suffixes.append("dtype=%r" % (dt,))
    else:
        if not PRINT_OPTS.edgeitems:
            suffixes.append("size=%s" % (shape,))
        if dt not in (default, _dtype.int64, _dtype.bool):
            suffixes.append("dtype=%r" % (dt,))
        body = _contents_str(_host_array(t), dt.is_floating_point, indent)
    grad_fn_name = _grad_fn_name(t)
    if grad_fn_name is not None:
        suffixes.append("grad_fn=<%s>" % grad_fn_name)
    elif getattr(t, "requires_grad", False):
        suffixes.append("requires_grad=True")
    return _add_suffixes(prefix + body, suffixes, indent)
