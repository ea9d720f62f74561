"""NumPy references for the recurrent modules and the embeddings: cells, multi-layer (optionally
bidirectional, projected) RNN / LSTM / GRU over padded (L, N, H) batches, embedding bags.

Parameters are the module's state_dict as float64 arrays (PyTorch's names and gate order: LSTM i,
f, g, o; GRU r, z, n).  Written from the documented equations, one time step at a time.
"""
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _affine(x, w, b):
    return x @ w.T + (0 if b is None else b)


def rnn_cell(x, h, w_ih, w_hh, b_ih=None, b_hh=None, nonlinearity="tanh"):
    pre = _affine(x, w_ih, b_ih) + _affine(h, w_hh, b_hh)
    return np.tanh(pre) if nonlinearity == "tanh" else np.maximum(pre, 0)


def lstm_cell(x, h, c, w_ih, w_hh, b_ih=None, b_hh=None, w_hr=None):
    """(h', c'); with w_hr the hidden output is projected: h' = (o tanh c') w_hr^T."""
    i, f, g, o = np.split(_affine(x, w_ih, b_ih) + _affine(h, w_hh, b_hh), 4, axis=-1)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    h = sigmoid(o) * np.tanh(c)
    return (h if w_hr is None else h @ w_hr.T), c


def gru_cell(x, h, w_ih, w_hh, b_ih=None, b_hh=None):
    xr, xz, xn = np.split(_affine(x, w_ih, b_ih), 3, axis=-1)
    hr, hz, hn = np.split(_affine(h, w_hh, b_hh), 3, axis=-1)
    r, z = sigmoid(xr + hr), sigmoid(xz + hz)
    n = np.tanh(xn + r * hn)
    return (1 - z) * n + z * h


def cell_params(p, suffix=""):
    """w_ih, w_hh, b_ih, b_hh (None without bias) and w_hr (None without projection)."""
    return tuple(p.get(name + suffix) for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr"))


def recurrent(mode, p, x, hx=None, num_layers=1, bidirectional=False, batch_first=False, nonlinearity="tanh"):
    """The output of nn.RNN / LSTM / GRU (mode 'RNN', 'LSTM', 'GRU') on a padded input x (L, N,
    H_in) ((N, L, H_in) with batch_first, or unbatched (L, H_in)): (output, h_n), or for an LSTM
    (output, (h_n, c_n)); hx as the module takes it (None: zeros)."""
    unbatched = x.ndim == 2
    if unbatched:
        x = x[:, None]
        hx = None if hx is None else tuple(h[:, None] for h in hx) if mode == "LSTM" else hx[:, None]
    elif batch_first:
        x = x.transpose(1, 0, 2)
    L, N = x.shape[:2]
    D = 2 if bidirectional else 1
    P = p["weight_hh_l0"].shape[1]  # hidden output size (the projection size with weight_hr)
    H = p["weight_hr_l0"].shape[1] if "weight_hr_l0" in p else P
    if hx is None:
        h0 = np.zeros((num_layers * D, N, P))
        c0 = np.zeros((num_layers * D, N, H))
    else:
        h0, c0 = hx if mode == "LSTM" else (hx, None)
    hs, cs = [], []
    inp = x
    for layer in range(num_layers):
        outs = []
        for d in range(D):
            k = layer * D + d
            w_ih, w_hh, b_ih, b_hh, w_hr = cell_params(p, "_l%d%s" % (layer, "_reverse" if d else ""))
            h, c = h0[k], (c0[k] if mode == "LSTM" else None)
            out = [None] * L
            for t in (range(L - 1, -1, -1) if d else range(L)):
                if mode == "LSTM":
                    h, c = lstm_cell(inp[t], h, c, w_ih, w_hh, b_ih, b_hh, w_hr)
                elif mode == "GRU":
                    h = gru_cell(inp[t], h, w_ih, w_hh, b_ih, b_hh)
                else:
                    h = rnn_cell(inp[t], h, w_ih, w_hh, b_ih, b_hh, nonlinearity)
                out[t] = h
            outs.append(np.stack(out))
            hs.append(h)
            cs.append(c)
        inp = np.concatenate(outs, axis=-1)
    h_n = np.stack(hs)
    c_n = np.stack(cs) if mode == "LSTM" else None
    if unbatched:
        inp, h_n = inp[:, 0], h_n[:, 0]
        c_n = c_n[:, 0] if mode == "LSTM" else None
    elif batch_first:
        inp = inp.transpose(1, 0, 2)
    return (inp, (h_n, c_n)) if mode == "LSTM" else (inp, h_n)


def embedding_bag(weight, idx, offsets=None, mode="mean", per_sample_weights=None, padding_idx=None,
                  include_last_offset=False):
    """nn.functional.embedding_bag: (bags, dim); empty bags give zeros."""
    if idx.ndim == 2:
        bounds = [(i * idx.shape[1], (i + 1) * idx.shape[1]) for i in range(idx.shape[0])]
        idx = idx.reshape(-1)
        psw = None if per_sample_weights is None else per_sample_weights.reshape(-1)
    else:
        ends = list(offsets[1:]) + ([] if include_last_offset else [len(idx)])
        bounds = list(zip(offsets, ends))
        psw = per_sample_weights
    out = np.zeros((len(bounds), weight.shape[1]))
    for b, (s, e) in enumerate(bounds):
        keep = [i for i in range(s, e) if idx[i] != padding_idx]
        if not keep:
            continue
        rows = weight[idx[keep]] * (1 if psw is None else psw[keep][:, None])
        out[b] = {"sum": rows.sum(0), "mean": rows.mean(0), "max": rows.max(0)}[mode]
    return out
