"""Specs of the recurrent modules and the embeddings: the cells, RNN and GRU (one direction and
bidirectional, with and without h_0), LSTM (its nested (output, (h_n, c_n)) is flattened by the
driver), Embedding and EmbeddingBag."""
import numpy as np

from . import ModuleSpec
from ._rnn_ref import embedding_bag, gru_cell, lstm_cell, recurrent, rnn_cell


def _indices(shape, num):
    return lambda rng: rng.integers(0, num, size=shape).astype(np.int64)


def _const(values):
    return lambda rng: np.array(values, dtype=np.int64)


def _cell(p, fn, x, h=None, c=None):
    n = p["weight_hh"].shape[1]
    h = np.zeros((x.shape[0], n)) if h is None else h
    args = (x, h) if c is None else (x, h, c)
    return fn(*args, p["weight_ih"], p["weight_hh"], p.get("bias_ih"), p.get("bias_hh"))


SPECS = [
    ModuleSpec("RNNCell", (3, 4), inputs=[(2, 3), (2, 4)], reference=lambda p, x, h: _cell(p, rnn_cell, x, h),
               bad_input=(2, 5), bad_message="input_size"),
    ModuleSpec("RNNCell", (3, 4), {"nonlinearity": "relu", "bias": False}, inputs=[(3,)], desc="relu_unbatched",
               reference=lambda p, x: np.maximum(p["weight_ih"] @ x, 0)),
    ModuleSpec("LSTMCell", (3, 4), inputs=[(2, 3)], reference=lambda p, x: _cell(p, lstm_cell, x, c=np.zeros((2, 4))),
               bad_input=(2, 4), bad_message="expected 3"),
    ModuleSpec("GRUCell", (3, 4), inputs=[(2, 3), (2, 4)], reference=lambda p, x, h: _cell(p, gru_cell, x, h)),
    ModuleSpec("RNN", (3, 4), inputs=[(5, 2, 3)], reference=lambda p, x: recurrent("RNN", p, x),
               bad_input=(5, 2, 4), bad_message="Expected 3, got 4"),
    ModuleSpec("RNN", (3, 4, 2), {"nonlinearity": "relu", "bidirectional": True}, inputs=[(4, 2, 3), (4, 2, 4)],
               reference=lambda p, x, h: recurrent("RNN", p, x, h, 2, True, nonlinearity="relu"),
               desc="relu_bidirectional_h0"),
    ModuleSpec("RNN", (3, 4), {"batch_first": True, "bias": False}, inputs=[(2, 5, 3)], desc="batch_first",
               reference=lambda p, x: recurrent("RNN", p, x, batch_first=True)),
    ModuleSpec("GRU", (3, 4), inputs=[(5, 2, 3), (1, 2, 4)], reference=lambda p, x, h: recurrent("GRU", p, x, h),
               bad_input=(5, 2, 2), bad_message="input_size"),
    ModuleSpec("GRU", (3, 4, 2), {"bidirectional": True}, inputs=[(4, 3)], desc="bidirectional_unbatched",
               reference=lambda p, x: recurrent("GRU", p, x, num_layers=2, bidirectional=True)),
    ModuleSpec("Embedding", (10, 3), inputs=[_indices((2, 4), 10)], reference=lambda p, i: p["weight"][i],
               bad_input=(2, 4), bad_message="indices"),
    ModuleSpec("Embedding", (10, 3), {"scale_grad_by_freq": True}, inputs=[_const([[1, 2, 1], [3, 1, 2]])],
               reference=lambda p, i: p["weight"][i], desc="scale_grad_by_freq", gradcheck=False),
    ModuleSpec("EmbeddingBag", (10, 3), {"mode": "sum"}, inputs=[_indices((3, 4), 10)],
               reference=lambda p, i: embedding_bag(p["weight"], i, mode="sum")),
    ModuleSpec("EmbeddingBag", (10, 3), inputs=[_indices((7,), 10), _const([0, 2, 2, 5])], desc="mean_offsets",
               reference=lambda p, i, o: embedding_bag(p["weight"], i, o)),
    ModuleSpec("EmbeddingBag", (10, 3), {"mode": "max", "include_last_offset": True},
               inputs=[_indices((6,), 10), _const([0, 3, 3, 6])], desc="max_last_offset",
               reference=lambda p, i, o: embedding_bag(p["weight"], i, o, "max", include_last_offset=True)),
    ModuleSpec("EmbeddingBag", (10, 3), {"mode": "sum", "padding_idx": 0},
               inputs=[_const([1, 0, 2, 3, 4, 0]), _const([0, 2, 4]), (6,)], desc="sum_weights_padding",
               reference=lambda p, i, o, w: embedding_bag(p["weight"], i, o, "sum", w, padding_idx=0)),
    ModuleSpec("LSTM", (3, 4), inputs=[(5, 2, 3)], reference=lambda p, x: recurrent("LSTM", p, x),
               bad_input=(5, 2, 4), bad_message="Expected 3, got 4"),
    ModuleSpec("LSTM", (3, 2, 2), {"bidirectional": True, "batch_first": True}, inputs=[(2, 3, 3)],
               reference=lambda p, x: recurrent("LSTM", p, x, num_layers=2, bidirectional=True, batch_first=True),
               desc="bidirectional_batch_first"),
    ModuleSpec("LSTM", (3, 5), {"proj_size": 2, "bidirectional": True}, inputs=[(4, 3)],
               reference=lambda p, x: recurrent("LSTM", p, x, bidirectional=True), desc="proj_unbatched"),
]
