"""Recurrent modules (layer: nn): RNNBase, RNN, LSTM, GRU and the cells RNNCell, LSTMCell, GRUCell.

The multi-layer modules run each layer and direction as one fused autograd Function over packed
rows (see nn/_functional_rnn.py); the cells are plain Tensor algebra (so they support double
backward).  Gate order, parameter names, shapes and initialisation are PyTorch's.
"""
import math
import numbers
import warnings

from ... import _dtype as D
from ..._creation import empty, full, zeros
from .. import functional as F
from .. import init
from .._functional_rnn import _rnn_stack
from ..parameter import Parameter
from ..utils.rnn import PackedSequence
from .linear import _factory
from .module import Module

__all__ = ["RNNBase", "RNN", "LSTM", "GRU", "RNNCellBase", "RNNCell", "LSTMCell", "GRUCell"]

_GATES = {"LSTM": 4, "GRU": 3, "RNN_TANH": 1, "RNN_RELU": 1}


def _reset_uniform(self):
    """PyTorch's initialisation of the recurrent layers and cells: every parameter
    ~ U(-1/sqrt(hidden_size), 1/sqrt(hidden_size))."""
    stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
    for weight in self.parameters():
        init.uniform_(weight, -stdv, stdv)


class RNNBase(Module):
    """Base of RNN, LSTM and GRU.  mode: 'RNN_TANH', 'RNN_RELU', 'LSTM' or 'GRU'.

    Parameters per layer k and direction (suffix '_reverse' for the backward direction):
    weight_ih_l{k} (G * hidden_size, input size of the layer), weight_hh_l{k} (G * hidden_size,
    P), bias_ih_l{k}, bias_hh_l{k} (G * hidden_size), and weight_hr_l{k} (proj_size, hidden_size)
    for an LSTM with proj_size > 0, where G is 4 (LSTM: i, f, g, o), 3 (GRU: r, z, n) or 1, P is
    proj_size or hidden_size, and the input size of layer k > 0 is P times the number of
    directions.  All are drawn from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)).

    forward(input, hx=None): input (L, N, H_in) ((N, L, H_in) with batch_first), unbatched
    (L, H_in), or a PackedSequence; hx (num_layers * D, N, P) (LSTM: a pair with c_0 of hidden_size)
    defaulting to zeros.  Returns (output, h_n) (LSTM: (output, (h_n, c_n))), output being
    (L, N, D * P) (or packed like the input).  The fused backward is not differentiable twice.
    """

    def __init__(self, mode, input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
                 bidirectional=False, proj_size=0, device=None, dtype=None):
        super().__init__()
        if mode not in _GATES:
            raise ValueError("Unrecognized RNN mode: " + str(mode))
        if (not isinstance(dropout, numbers.Number) or isinstance(dropout, bool) or not 0 <= dropout <= 1):
            raise ValueError("dropout should be a number in range [0, 1] representing the probability of an element "
                             "being zeroed")
        if dropout > 0 and num_layers == 1:
            warnings.warn("dropout option adds dropout after all but last recurrent layer, so non-zero dropout "
                          "expects num_layers greater than 1, but got dropout=%s and num_layers=%s"
                          % (dropout, num_layers))
        for name, v in (("hidden_size", hidden_size), ("num_layers", num_layers)):
            if not isinstance(v, numbers.Integral) or isinstance(v, bool):
                raise TypeError("%s should be of type int, got: %s" % (name, type(v).__name__))
            if v <= 0:
                raise ValueError("%s must be greater than zero" % name)
        if proj_size < 0:
            raise ValueError("proj_size should be a positive integer or zero to disable projections")
        if proj_size >= hidden_size:
            raise ValueError("proj_size has to be smaller than hidden_size")
        if proj_size and mode != "LSTM":
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        self.mode = mode
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bias = bias
        self.batch_first = batch_first
        self.dropout = float(dropout)
        self.bidirectional = bidirectional
        self.proj_size = proj_size
        dt = _factory(device, dtype)
        num_directions = 2 if bidirectional else 1
        gate_size = _GATES[mode] * hidden_size
        real_hidden = proj_size if proj_size > 0 else hidden_size
        self._flat_weights_names = []
        self._all_weights = []
        for layer in range(num_layers):
            for direction in range(num_directions):
                layer_input = input_size if layer == 0 else real_hidden * num_directions
                suffix = "_l%d%s" % (layer, "_reverse" if direction == 1 else "")
                shapes = [("weight_ih", (gate_size, layer_input)), ("weight_hh", (gate_size, real_hidden))]
                if bias:
                    shapes += [("bias_ih", (gate_size,)), ("bias_hh", (gate_size,))]
                if proj_size > 0:
                    shapes.append(("weight_hr", (proj_size, hidden_size)))
                names = []
                for base, shape in shapes:
                    setattr(self, base + suffix, Parameter(empty(*shape, dtype=dt)))
                    names.append(base + suffix)
                self._flat_weights_names.extend(names)
                self._all_weights.append(names)
        self.reset_parameters()

    @property
    def _flat_weights(self):
        """The parameters in _flat_weights_names order (read afresh, so it follows .to() and
        reassignment)."""
        return [getattr(self, n, None) for n in self._flat_weights_names]

    @property
    def all_weights(self):
        """The parameters grouped per layer and direction."""
        return [[getattr(self, n) for n in names] for names in self._all_weights]

    def flatten_parameters(self):
        """A no-op kept for compatibility: PyTorch uses it to pack the weights into one buffer for
        cuDNN; the CPU kernels here read the parameters where they are."""

    reset_parameters = _reset_uniform

    def extra_repr(self):
        s = "{input_size}, {hidden_size}"
        if self.proj_size != 0:
            s += ", proj_size={proj_size}"
        if self.num_layers != 1:
            s += ", num_layers={num_layers}"
        if self.bias is not True:
            s += ", bias={bias}"
        if self.batch_first is not False:
            s += ", batch_first={batch_first}"
        if self.dropout != 0:
            s += ", dropout={dropout}"
        if self.bidirectional is not False:
            s += ", bidirectional={bidirectional}"
        return s.format(**self.__dict__)

    # ---- forward

    def _name(self):
        return type(self).__name__

    def _prepare_input(self, input):
        """(packed rows (total, H_in), batch_sizes, N, T or None when packed, unbatched, sorted,
        unsorted indices)."""
        if isinstance(input, PackedSequence):
            x, batch_sizes, sorted_indices, unsorted_indices = input
            if x.dim() != 2:
                raise ValueError("%s: expected packed data of 2 dimensions, but got %dD" % (self._name(), x.dim()))
            return x, batch_sizes, int(batch_sizes[0]), None, False, sorted_indices, unsorted_indices
        if input.dim() not in (2, 3):
            raise ValueError("%s: Expected input to be 2D or 3D, got %dD tensor instead" % (self._name(), input.dim()))
        unbatched = input.dim() == 2
        if unbatched:
            input = input.unsqueeze(1)
        elif self.batch_first:
            input = input.transpose(0, 1)
        T, N = input.shape[0], input.shape[1]
        if T == 0 or N == 0:
            raise RuntimeError("%s: expected a non-empty sequence and batch, but got input of shape %s"
                               % (self._name(), list(input.shape)))
        x = input.reshape(T * N, input.shape[2])
        return x, full((T,), N, dtype=D.int64), N, T, unbatched, None, None

    def _check_hidden(self, h, expected, which, unbatched, sorted_indices):
        dim = 2 if unbatched else 3
        if h.dim() != dim:
            raise RuntimeError("For %s %d-D input, %s should also be %d-D but got %d-D tensor"
                               % ("unbatched" if unbatched else "batched", 2 if unbatched else 3, which, dim,
                                  h.dim()))
        if unbatched:
            h = h.unsqueeze(1)
        if tuple(h.shape) != expected:
            raise RuntimeError("Expected %s size %s, got %s" % (which, expected, list(h.shape)))
        if sorted_indices is not None:
            h = h.index_select(1, sorted_indices)
        return h

    def forward(self, input, hx=None):
        lstm = self.mode == "LSTM"
        packed = isinstance(input, PackedSequence)
        x, batch_sizes, N, T, unbatched, sorted_indices, unsorted_indices = self._prepare_input(input)
        if x.shape[-1] != self.input_size:
            raise RuntimeError("input.size(-1) must be equal to input_size. Expected %d, got %d"
                               % (self.input_size, x.shape[-1]))
        w0 = self._flat_weights[0]
        if x.dtype is not w0.dtype:
            raise RuntimeError("input must have the type %s, got type %s" % (w0.dtype, x.dtype))
        D_ = 2 if self.bidirectional else 1
        P = self.proj_size if self.proj_size > 0 else self.hidden_size
        h_shape, c_shape = (self.num_layers * D_, N, P), (self.num_layers * D_, N, self.hidden_size)
        if hx is None:
            h0 = zeros(h_shape, dtype=x.dtype)
            c0 = zeros(c_shape, dtype=x.dtype) if lstm else None
        elif lstm:
            if not isinstance(hx, (tuple, list)) or len(hx) != 2:
                raise RuntimeError("LSTM: expected hx to be a tuple (h_0, c_0), but got %s" % type(hx).__name__)
            h0 = self._check_hidden(hx[0], h_shape, "hidden[0]", unbatched, sorted_indices)
            c0 = self._check_hidden(hx[1], c_shape, "hidden[1]", unbatched, sorted_indices)
        else:
            h0 = self._check_hidden(hx, h_shape, "hidden", unbatched, sorted_indices)
            c0 = None
        out, h_n, c_n = _rnn_stack(self.mode, x, batch_sizes, h0, c0, self._flat_weights, self.num_layers,
                                   self.bidirectional, self.bias, self.proj_size > 0, self.dropout, self.training)
        if packed:
            if unsorted_indices is not None:
                h_n = h_n.index_select(1, unsorted_indices)
                c_n = c_n.index_select(1, unsorted_indices) if lstm else None
            output = PackedSequence(out, batch_sizes, sorted_indices, unsorted_indices)
        else:
            output = out.view(T, N, out.shape[-1])
            if unbatched:
                output, h_n = output.squeeze(1), h_n.squeeze(1)
                c_n = c_n.squeeze(1) if lstm else None
            elif self.batch_first:
                output = output.transpose(0, 1)
        return (output, (h_n, c_n)) if lstm else (output, h_n)


class RNN(RNNBase):
    """Elman RNN: h_t = nonlinearity(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh), nonlinearity
    'tanh' or 'relu'.  RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True,
    batch_first=False, dropout=0.0, bidirectional=False); see RNNBase for shapes."""

    def __init__(self, *args, **kwargs):
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        if len(args) > 3:
            nonlinearity, args = args[3], args[:3] + args[4:]
        else:
            nonlinearity = kwargs.pop("nonlinearity", "tanh")
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError("Unknown nonlinearity '%s'. Select from 'tanh' or 'relu'." % nonlinearity)
        self.nonlinearity = nonlinearity
        super().__init__("RNN_TANH" if nonlinearity == "tanh" else "RNN_RELU", *args, **kwargs)


class LSTM(RNNBase):
    """Long short-term memory: gates i, f, g, o = sigma, sigma, tanh, sigma of x W_ih^T + b_ih +
    h W_hh^T + b_hh; c' = f c + i g; h' = o tanh(c') (times weight_hr^T when proj_size > 0).
    LSTM(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
    bidirectional=False, proj_size=0); see RNNBase for shapes."""

    def __init__(self, *args, **kwargs):
        super().__init__("LSTM", *args, **kwargs)


class GRU(RNNBase):
    """Gated recurrent unit: r = sigma(W_ir x + b_ir + W_hr h + b_hr), z likewise, n = tanh(W_in x +
    b_in + r (W_hn h + b_hn)), h' = (1 - z) n + z h.  GRU(input_size, hidden_size, num_layers=1,
    bias=True, batch_first=False, dropout=0.0, bidirectional=False); see RNNBase for shapes."""

    def __init__(self, *args, **kwargs):
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        super().__init__("GRU", *args, **kwargs)


# ---------------------------------------------------------------- cells

class RNNCellBase(Module):
    """Base of the cells: weight_ih (num_chunks * hidden_size, input_size), weight_hh
    (num_chunks * hidden_size, hidden_size), bias_ih, bias_hh, all U(-1/sqrt(hidden_size), ...)."""

    def __init__(self, input_size, hidden_size, bias, num_chunks, device=None, dtype=None):
        super().__init__()
        dt = _factory(device, dtype)
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.bias = bias
        self.weight_ih = Parameter(empty(num_chunks * hidden_size, input_size, dtype=dt))
        self.weight_hh = Parameter(empty(num_chunks * hidden_size, hidden_size, dtype=dt))
        if bias:
            self.bias_ih = Parameter(empty(num_chunks * hidden_size, dtype=dt))
            self.bias_hh = Parameter(empty(num_chunks * hidden_size, dtype=dt))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    reset_parameters = _reset_uniform

    def extra_repr(self):
        s = "{input_size}, {hidden_size}"
        if self.bias is not True:
            s += ", bias={bias}"
        if getattr(self, "nonlinearity", "tanh") != "tanh":
            s += ", nonlinearity={nonlinearity}"
        return s.format(**self.__dict__)

    def _batched(self, input, states):
        """(input (N, input_size), states each (N, hidden_size) or zeros, batched?) after the
        checks PyTorch makes."""
        name = type(self).__name__
        if input.dim() not in (1, 2):
            raise ValueError("%s: Expected input to be 1D or 2D, got %dD instead" % (name, input.dim()))
        ndim = input.dim()
        batched = ndim == 2
        if not batched:
            input = input.unsqueeze(0)
        if input.shape[1] != self.input_size:
            raise RuntimeError("input has inconsistent input_size: got %d expected %d"
                               % (input.shape[1], self.input_size))
        out = []
        for i, h in enumerate(states):
            if h is None:
                out.append(zeros(input.shape[0], self.hidden_size, dtype=input.dtype))
                continue
            if h.dim() != ndim:
                raise ValueError("%s: Expected hidden to be %dD, got %dD instead" % (name, ndim, h.dim()))
            h = h if batched else h.unsqueeze(0)
            if h.shape[0] != input.shape[0]:
                raise RuntimeError("Input batch size %d doesn't match hidden%d batch size %d"
                                   % (input.shape[0], i, h.shape[0]))
            if h.shape[1] != self.hidden_size:
                raise RuntimeError("hidden%d has inconsistent hidden_size: got %d, expected %d"
                                   % (i, h.shape[1], self.hidden_size))
            out.append(h)
        return input, out, batched

    def _gates(self, input, h):
        return F.linear(input, self.weight_ih, self.bias_ih), F.linear(h, self.weight_hh, self.bias_hh)


class RNNCell(RNNCellBase):
    """h' = nonlinearity(x W_ih^T + b_ih + h W_hh^T + b_hh) ('tanh' or 'relu'); input (N,
    input_size) or (input_size,), hx likewise (zeros by default)."""

    def __init__(self, input_size, hidden_size, bias=True, nonlinearity="tanh", device=None, dtype=None):
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError("Unknown nonlinearity: %s" % nonlinearity)
        super().__init__(input_size, hidden_size, bias, num_chunks=1, device=device, dtype=dtype)
        self.nonlinearity = nonlinearity

    def forward(self, input, hx=None):
        x, (h,), batched = self._batched(input, [hx])
        gi, gh = self._gates(x, h)
        pre = gi + gh
        out = pre.tanh() if self.nonlinearity == "tanh" else F.relu(pre)
        return out if batched else out.squeeze(0)


class LSTMCell(RNNCellBase):
    """One LSTM step: returns (h', c') from input and hx = (h, c) (zeros by default); gates i, f,
    g, o as in LSTM."""

    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=4, device=device, dtype=dtype)

    def forward(self, input, hx=None):
        if hx is not None and (not isinstance(hx, (tuple, list)) or len(hx) != 2):
            raise RuntimeError("LSTMCell: expected hx to be a tuple (h_0, c_0), but got %s" % type(hx).__name__)
        x, (h, c), batched = self._batched(input, list(hx) if hx is not None else [None, None])
        gi, gh = self._gates(x, h)
        i, f, g, o = (gi + gh).chunk(4, 1)
        c_new = f.sigmoid() * c + i.sigmoid() * g.tanh()
        h_new = o.sigmoid() * c_new.tanh()
        return (h_new, c_new) if batched else (h_new.squeeze(0), c_new.squeeze(0))


class GRUCell(RNNCellBase):
    """One GRU step: r, z = sigma(...), n = tanh(x W_in^T + b_in + r (h W_hn^T + b_hn)), h' = (1 -
    z) n + z h; input (N, input_size) or (input_size,), hx (zeros by default)."""

    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=3, device=device, dtype=dtype)

    def forward(self, input, hx=None):
        x, (h,), batched = self._batched(input, [hx])
        gi, gh = self._gates(x, h)
        H = self.hidden_size
        rz = (gi.narrow(1, 0, 2 * H) + gh.narrow(1, 0, 2 * H)).sigmoid()
        r, z = rz.narrow(1, 0, H), rz.narrow(1, H, H)
        n = (gi.narrow(1, 2 * H, H) + r * gh.narrow(1, 2 * H, H)).tanh()
        out = n + z * (h - n)
        return out if batched else out.squeeze(0)
