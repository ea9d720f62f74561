"""Random sampling: in-place samplers on Tensor (uniform_, normal_, random_, bernoulli_, ...) and the
torch.* sampling functions (rand, randn, randint, randperm, normal, bernoulli, multinomial,
poisson and the *_like forms) (layer: tensor).

Every sampler takes `generator=` (a torch.Generator; None: the default generator) and draws
serially from it in the row-major order of the result, so a seed reproduces the numbers exactly
(for contiguous results they match PyTorch's CPU streams for rand, randn, randint, randperm,
cauchy_, log_normal_, geometric_, bernoulli(p tensor) and multinomial with replacement).
"""
import numbers

from . import _dtype as D
from ._broadcast import broadcast_shapes, parse_shape
from ._C import ffi
from ._device import device as _device
from .backends.cpu import CPU
from .random import Generator, default_generator

Tensor = _wrap = _cpu_result = None  # bound by tensor.py once Tensor exists


_DEFAULT_P = default_generator._p


def _gen(generator, op):
    """The TH generator pointer for `generator=` (None: the default generator)."""
    if generator is None:
        return _DEFAULT_P
    if isinstance(generator, Generator):
        return generator._p
    raise TypeError("%s: expected generator to be a torch.Generator, but got %s" % (op, type(generator).__name__))


def _number(x, op, name):
    """A Python float from a number or a one-element tensor."""
    if isinstance(x, Tensor):
        if x.numel() != 1:
            raise RuntimeError("%s: expected %s to be a number or a one-element tensor, but got a tensor of shape %s"
                               % (op, name, list(x.shape)))
        return float(x.item())
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError("%s: expected %s to be a number, but got %s" % (op, name, type(x).__name__))
    return float(x)


def _integer(x, op, name):
    """A Python int from an integer (or an integral float / one-element tensor)."""
    if isinstance(x, Tensor):
        x = x.item()
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    if isinstance(x, bool) or not isinstance(x, numbers.Integral):
        raise TypeError("%s: expected %s to be an integer, but got %s" % (op, name, type(x).__name__))
    x = int(x)
    if not -(1 << 63) <= x < (1 << 63):
        raise RuntimeError("%s: expected %s within the int64 range, but got %d" % (op, name, x))
    return x


def _require_floating(dt, op, what="tensor"):
    if not dt.is_floating_point:
        raise TypeError("%s: expected a floating point %s, but got %s" % (op, what, dt))


def _empty(shape, dt):
    h = CPU.new("Tensor_newWithSize", dt._index, len(shape), ffi.new("int64_t[]", list(shape) or [0]))
    return _wrap(h, dt, CPU, tuple(shape))


def _placed(t, device, requires_grad=False):
    """t (made on the CPU) moved to `device` when one other than the CPU is given."""
    if device is not None:
        dev = _device("cuda", device) if isinstance(device, int) else _device(device)
        if dev.type != "cpu":
            t = t.to(dev)
    if requires_grad and hasattr(t, "requires_grad_"):
        t.requires_grad_(True)
    return t


def _check_dtype(dtype, op):
    if dtype is not None and not isinstance(dtype, D.dtype):
        raise TypeError("%s: expected dtype to be a torch.dtype, but got %s" % (op, type(dtype).__name__))


def _into_out(r, out, op):
    """Writes r into `out` (resized to r's shape) when given, else returns r."""
    if out is None:
        return r
    if not isinstance(out, Tensor):
        raise TypeError("%s: expected out to be a Tensor, but got %s" % (op, type(out).__name__))
    if out.dtype is not r.dtype:
        raise RuntimeError("%s: expected out of dtype %s, but got %s" % (op, r.dtype, out.dtype))
    if tuple(out.shape) != tuple(r.shape):
        out.resize_(*r.shape)
    return out.copy_(r)


def _from_to(args, kwargs, op):
    """(from, to) of uniform_/random_ given positionally or by the names from/to (or from_)."""
    names = ("from", "to")
    vals = dict(zip(names, args))
    if len(args) > 2:
        raise TypeError("%s: expected at most 2 positional arguments (from, to), but got %d" % (op, len(args)))
    for k, v in kwargs.items():
        k = "from" if k == "from_" else k
        if k not in names:
            raise TypeError("%s: got an unexpected keyword argument '%s'" % (op, k))
        if k in vals:
            raise TypeError("%s: got multiple values for argument '%s'" % (op, k))
        vals[k] = v
    return vals


class RandomMixin:
    """Random sampling methods of Tensor."""

    __slots__ = ()

    def uniform_(self, *args, generator=None, **kwargs):
        """uniform_(from=0, to=1, *, generator=None): fills self with uniform samples on [from, to)
        (floating dtypes; from <= to).  Returns self."""
        vals = _from_to(args, kwargs, "uniform_")
        a = _number(vals.get("from", 0), "uniform_", "from")
        b = _number(vals.get("to", 1), "uniform_", "to")
        _require_floating(self._dtype, "uniform_")
        self._bk.run("Tensor_uniform", self._dtype._index, self._h, _gen(generator, "uniform_"), a, b)
        return self

    def normal_(self, mean=0, std=1, *, generator=None):
        """Fills self with samples of N(mean, std**2) (floating dtypes; std >= 0).  Returns self."""
        m, s = _number(mean, "normal_", "mean"), _number(std, "normal_", "std")
        _require_floating(self._dtype, "normal_")
        self._bk.run("Tensor_normal", self._dtype._index, self._h, _gen(generator, "normal_"), m, s)
        return self

    def random_(self, *args, generator=None, **kwargs):
        """random_(), random_(to), random_(from, to), random_(from, None), each with generator=.
        Integers uniform on [from, to) (from defaults to 0).  Without bounds: [0, 2**mantissa] for
        floating dtypes (2**24 float32, 2**53 float64, 2**11 float16), [0, max] for integer dtypes,
        {False, True} for bool; with from only (to=None): [from, that upper bound].  Returns self."""
        if len(args) == 1 and not kwargs:
            vals = {"to": args[0]}
        else:
            vals = _from_to(args, kwargs, "random_")
        bk, i, g = self._bk, self._dtype._index, _gen(generator, "random_")
        frm, to = vals.get("from"), vals.get("to")
        if frm is None and to is None:
            bk.run("Tensor_random", i, self._h, g)
        elif to is None:
            bk.run("Tensor_randomFrom", i, self._h, g, _integer(frm, "random_", "from"))
        else:
            frm = 0 if frm is None else _integer(frm, "random_", "from")
            bk.run("Tensor_clampedRandom", i, self._h, g, frm, _integer(to, "random_", "to"))
        return self

    def bernoulli_(self, p=0.5, *, generator=None):
        """Fills self with 1 with probability p and 0 otherwise.  p is a number in [0, 1] or a
        floating tensor of such probabilities that broadcasts to self's shape.  Returns self."""
        g = _gen(generator, "bernoulli_")
        if isinstance(p, Tensor):
            _require_floating(p._dtype, "bernoulli_", "probability tensor p")
            if tuple(p.shape) != tuple(self._shape):
                try:
                    p = p.expand(*self._shape)
                except Exception:
                    raise RuntimeError("bernoulli_: expected p broadcastable to the tensor's shape %s, but got %s"
                                       % (list(self._shape), list(p.shape))) from None
            if p._dtype is D.float64:
                self._bk.run("Tensor_bernoulli_DoubleTensor", self._dtype._index, self._h, g, p._h)
            else:
                p = p._cast(D.float32)
                self._bk.run("Tensor_bernoulli_FloatTensor", self._dtype._index, self._h, g, p._h)
            return self
        self._bk.run("Tensor_bernoulli", self._dtype._index, self._h, g, _number(p, "bernoulli_", "p"))
        return self

    def bernoulli(self, p=None, *, generator=None):
        """A new tensor like self of 0/1 draws: with probabilities self (floating, in [0, 1]) when p
        is None, else with probability p (a number or tensor)."""
        if p is None:
            _require_floating(self._dtype, "bernoulli", "input (probabilities)")
            p = self
        return _empty(self._shape, self._dtype).bernoulli_(p, generator=generator)

    def exponential_(self, lambd=1, *, generator=None):
        """Fills self with Exp(lambd) samples (lambd > 0; floating dtypes).  Returns self."""
        lam = _number(lambd, "exponential_", "lambd")
        _require_floating(self._dtype, "exponential_")
        self._bk.run("Tensor_exponential", self._dtype._index, self._h, _gen(generator, "exponential_"), lam)
        return self

    def geometric_(self, p, *, generator=None):
        """Fills self with the number of Bernoulli(p) trials up to the first success (p in (0, 1);
        any dtype but bool; values past an integer dtype's range saturate).  Returns self."""
        pv = _number(p, "geometric_", "p")
        if self._dtype is D.bool:
            raise TypeError("geometric_: expected a numeric tensor, but got torch.bool")
        self._bk.run("Tensor_geometric", self._dtype._index, self._h, _gen(generator, "geometric_"), pv)
        return self

    def cauchy_(self, median=0, sigma=1, *, generator=None):
        """Fills self with Cauchy(median, sigma) samples (sigma > 0; floating dtypes).  Returns self."""
        m, s = _number(median, "cauchy_", "median"), _number(sigma, "cauchy_", "sigma")
        _require_floating(self._dtype, "cauchy_")
        self._bk.run("Tensor_cauchy", self._dtype._index, self._h, _gen(generator, "cauchy_"), m, s)
        return self

    def log_normal_(self, mean=1, std=2, *, generator=None):
        """Fills self with exp(N(mean, std**2)) samples (std > 0; floating dtypes).  Returns self."""
        m, s = _number(mean, "log_normal_", "mean"), _number(std, "log_normal_", "std")
        _require_floating(self._dtype, "log_normal_")
        self._bk.run("Tensor_logNormal", self._dtype._index, self._h, _gen(generator, "log_normal_"), m, s)
        return self

    def multinomial(self, num_samples, replacement=False, *, generator=None):
        """int64 indices of num_samples categories drawn from each row of self (1-D: one
        distribution -> shape [num_samples]; 2-D: one per row -> [rows, num_samples]).  Rows are
        non-negative finite weights with a positive sum.  Without replacement each category is
        drawn at most once (num_samples <= number of categories)."""
        _require_floating(self._dtype, "multinomial", "probability tensor")
        n = _integer(num_samples, "multinomial", "num_samples")
        h = self._bk.new("Tensor_multinomial_new", self._dtype._index, _gen(generator, "multinomial"), self._h, n,
                         1 if replacement else 0)
        return _wrap(h, D.int64, self._bk)


# ---- torch.* functions ----

def _size_dtype(size, dtype, op, floating=True):
    _check_dtype(dtype, op)
    shape = parse_shape(size, op)
    for s in shape:
        if s < 0:
            raise RuntimeError("%s: expected non-negative sizes, but got %s" % (op, list(shape)))
    dt = dtype or D.get_default_dtype()
    if floating and not dt.is_floating_point:
        raise TypeError("%s: expected a floating point dtype, but got %s" % (op, dt))
    return shape, dt


def _size_kw(size, kwargs, op):
    """The size given positionally or as size=."""
    if kwargs:
        if set(kwargs) != {"size"}:
            raise TypeError("%s: got an unexpected keyword argument '%s'" % (op, sorted(set(kwargs) - {"size"})[0]))
        if size:
            raise TypeError("%s: got the size both positionally and as size=" % op)
        return (kwargs["size"],)
    return size


def rand(*size, generator=None, dtype=None, device=None, requires_grad=False, out=None, layout=None,
         pin_memory=False, **kwargs):
    """A tensor of `size` with uniform samples on [0, 1) (floating dtype, default the default dtype)."""
    shape, dt = _size_dtype(_size_kw(size, kwargs, "rand"), dtype, "rand")
    r = _empty(shape, dt)
    CPU.run("Tensor_uniform", dt._index, r._h, _gen(generator, "rand"), 0.0, 1.0)
    return _placed(_into_out(r, out, "rand"), device, requires_grad)


def randn(*size, generator=None, dtype=None, device=None, requires_grad=False, out=None, layout=None,
          pin_memory=False, **kwargs):
    """A tensor of `size` with standard normal samples (floating dtype, default the default dtype)."""
    shape, dt = _size_dtype(_size_kw(size, kwargs, "randn"), dtype, "randn")
    r = _empty(shape, dt)
    CPU.run("Tensor_normal", dt._index, r._h, _gen(generator, "randn"), 0.0, 1.0)
    return _placed(_into_out(r, out, "randn"), device, requires_grad)


def _randint_args(args, low, high, size, op):
    args = list(args)
    if size is None:
        if not args:
            raise TypeError("%s: expected a size (a tuple of ints), but got none" % op)
        size = args.pop()
    if isinstance(size, numbers.Number) or isinstance(size, Tensor):
        raise TypeError("%s: expected size to be a tuple of ints, but got %s" % (op, type(size).__name__))
    if len(args) == 2:
        low, high = args
    elif len(args) == 1:
        if high is None:
            high = args[0]
        else:
            low = args[0]
    elif args:
        raise TypeError("%s: expected (high, size) or (low, high, size), but got %d positional arguments"
                        % (op, len(args) + 1))
    if high is None:
        raise TypeError("%s: expected an upper bound high, but got none" % op)
    low = 0 if low is None else _integer(low, op, "low")
    high = _integer(high, op, "high")
    if low >= high:
        raise RuntimeError("%s: expected low < high, but got low=%d, high=%d" % (op, low, high))
    return low, high, size


def randint(*args, low=None, high=None, size=None, generator=None, dtype=None, device=None, requires_grad=False,
            out=None, layout=None, pin_memory=False):
    """randint(high, size) or randint(low=0, high, size): integers uniform on [low, high) in a
    tensor of `size` (dtype default int64)."""
    low, high, size = _randint_args(args, low, high, size, "randint")
    _check_dtype(dtype, "randint")
    shape, dt = _size_dtype(size, dtype or D.int64, "randint", floating=False)
    r = _empty(shape, dt)
    CPU.run("Tensor_clampedRandom", dt._index, r._h, _gen(generator, "randint"), low, high)
    return _placed(_into_out(r, out, "randint"), device, requires_grad)


def randperm(n, *, generator=None, out=None, dtype=None, device=None, requires_grad=False, layout=None,
             pin_memory=False):
    """A random permutation of 0 .. n-1 (dtype default int64; not bool)."""
    _check_dtype(dtype, "randperm")
    n = _integer(n, "randperm", "n")
    dt = dtype or D.int64
    if dt is D.bool:
        raise TypeError("randperm: expected a numeric dtype, but got torch.bool")
    h = CPU.new("Tensor_randperm_new", dt._index, _gen(generator, "randperm"), n)
    return _placed(_into_out(_wrap(h, dt, CPU), out, "randperm"), device, requires_grad)


def normal(mean=0.0, std=1.0, size=None, *, generator=None, out=None, dtype=None, device=None, requires_grad=False,
           layout=None, pin_memory=False):
    """Samples of N(mean, std**2).  Overloads: (mean tensor, std tensor) broadcast together;
    (mean tensor, std number); (mean number, std tensor); (mean number, std number, size) with
    dtype/device.  Tensor arguments must be floating; every std must be >= 0."""
    g = _gen(generator, "normal")
    mt, st = isinstance(mean, Tensor), isinstance(std, Tensor)
    if mt or st:
        if size is not None:
            raise TypeError("normal: expected no size with a tensor mean or std (the result takes their shape), "
                            "but got size=%s" % (size,))
        if mt and st:
            _require_floating(mean._dtype, "normal", "mean tensor")
            _require_floating(std._dtype, "normal", "std tensor")
            dt = D.promote_types(mean._dtype, std._dtype)
            shape = broadcast_shapes(tuple(mean.shape), tuple(std.shape))
            m, s = mean._cast(dt).expand(*shape), std._cast(dt).expand(*shape)
            h = CPU.new("Tensor_normal_means_stddevs_new", dt._index, g, m._h, s._h)
        elif mt:
            _require_floating(mean._dtype, "normal", "mean tensor")
            dt = mean._dtype
            h = CPU.new("Tensor_normal_means_new", dt._index, g, mean._h, _number(std, "normal", "std"))
        else:
            _require_floating(std._dtype, "normal", "std tensor")
            dt = std._dtype
            h = CPU.new("Tensor_normal_stddevs_new", dt._index, g, _number(mean, "normal", "mean"), std._h)
        return _placed(_into_out(_wrap(h, dt, CPU), out, "normal"), device, requires_grad)
    if size is None:
        raise TypeError("normal: expected a size when mean and std are numbers (normal(mean, std, size)), but got "
                        "none")
    shape, dt = _size_dtype((size,) if isinstance(size, int) else size, dtype, "normal")
    m, s = _number(mean, "normal", "mean"), _number(std, "normal", "std")
    r = _empty(shape, dt)
    CPU.run("Tensor_normal", dt._index, r._h, g, m, s)
    return _placed(_into_out(r, out, "normal"), device, requires_grad)


def poisson(input, generator=None):
    """Poisson samples with the rates in `input` (floating, finite, >= 0), in input's dtype."""
    if not isinstance(input, Tensor):
        raise TypeError("poisson: expected a Tensor of rates, but got %s" % type(input).__name__)
    _require_floating(input._dtype, "poisson", "tensor of rates")
    h = input._bk.new("Tensor_poisson_new", input._dtype._index, _gen(generator, "poisson"), input._h)
    return _wrap(h, input._dtype, input._bk)


def _like(input, dtype, op):
    if not isinstance(input, Tensor):
        raise TypeError("%s: expected a Tensor, but got %s" % (op, type(input).__name__))
    _check_dtype(dtype, op)
    return tuple(input.shape), dtype or input.dtype


def rand_like(input, *, generator=None, dtype=None, layout=None, device=None, requires_grad=False,
              memory_format=None):
    """rand with input's shape (and dtype unless given)."""
    shape, dt = _like(input, dtype, "rand_like")
    return rand(shape, generator=generator, dtype=dt, device=device or input.device, requires_grad=requires_grad)


def randn_like(input, *, generator=None, dtype=None, layout=None, device=None, requires_grad=False,
               memory_format=None):
    """randn with input's shape (and dtype unless given)."""
    shape, dt = _like(input, dtype, "randn_like")
    return randn(shape, generator=generator, dtype=dt, device=device or input.device, requires_grad=requires_grad)


def randint_like(input, low=0, high=None, *, generator=None, dtype=None, layout=None, device=None,
                 requires_grad=False, memory_format=None):
    """randint_like(input, high) or randint_like(input, low, high): randint with input's shape and
    dtype (unless given)."""
    if high is None:
        low, high = 0, low
    shape, dt = _like(input, dtype, "randint_like")
    return randint(low, high, shape, generator=generator, dtype=dt, device=device or input.device,
                   requires_grad=requires_grad)


# torch.<name>(tensor, ...) forms of these methods, and the module functions torch exports from here
TORCH_METHOD_FUNCTIONS = ["bernoulli", "multinomial"]
TORCH_FUNCTIONS = ["rand", "randn", "randint", "randperm", "normal", "poisson", "rand_like", "randn_like",
                   "randint_like"]
