"""Recurrent modules, packed sequences and embeddings beyond the spec table: packed input,
h_0 / c_0 gradients, dropout, errors, reprs, the cells' double backward, Embedding / EmbeddingBag
options, and comparisons with the real torch when it is installed."""
import warnings

import numpy as np
import pytest

import pytorch_py as torch
import pytorch_py.nn as nn
import pytorch_py.nn.functional as F
import pytorch_py.nn.utils.rnn as rnn_utils
from conftest import real_torch
from nn_specs._rnn_ref import recurrent

D64 = torch.float64


def _flat(out):
    """The tensors of a (possibly nested) tuple output, in order (a PackedSequence stays whole)."""
    if isinstance(out, (tuple, list)) and not hasattr(out, "batch_sizes"):
        return [t for o in out for t in _flat(o)]
    return [out]


def _params(module):
    return {k: v.double().numpy() for k, v in module.state_dict().items()}


def _t(a, grad=False, dtype=D64):
    return torch.from_numpy(np.ascontiguousarray(a)).to(dtype).requires_grad_(grad)


def _close(got, want, atol=1e-10, rtol=1e-7):
    got, want = _flat(got), _flat(want)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert tuple(g.shape) == np.shape(w)
        np.testing.assert_allclose(g.detach().double().numpy(), w, atol=atol, rtol=rtol)


def _lstm(*args, seed=0, **kwargs):
    torch.manual_seed(seed)
    return nn.LSTM(*args, **kwargs).double()


@pytest.mark.parametrize("cls", ["RNN", "LSTM", "GRU"])
def test_initial_state_gradients(cls):
    torch.manual_seed(1)
    module = getattr(nn, cls)(2, 3, 2, bidirectional=True).double()
    rng = np.random.default_rng(1)
    x = _t(rng.standard_normal((3, 2, 2)), True)
    h0 = _t(rng.standard_normal((4, 2, 3)), True)
    if cls == "LSTM":
        c0 = _t(rng.standard_normal((4, 2, 3)), True)
        _close(module(x, (h0, c0)), recurrent(cls, _params(module), x.detach().numpy(),
                                              (h0.detach().numpy(), c0.detach().numpy()), 2, True))
        assert torch.autograd.gradcheck(lambda x, h, c: tuple(_flat(module(x, (h, c)))), (x, h0, c0))
    else:
        _close(module(x, h0), recurrent(cls, _params(module), x.detach().numpy(), h0.detach().numpy(), 2, True))
        assert torch.autograd.gradcheck(lambda x, h: module(x, h), (x, h0))


# ---------------------------------------------------------------- packed sequences

def test_pack_pad_round_trip_unsorted():
    x = torch.arange(24, dtype=D64).view(4, 3, 2)  # (T, B, 2), lengths 2, 4, 1
    packed = rnn_utils.pack_padded_sequence(x, [2, 4, 1], enforce_sorted=False)
    assert packed.batch_sizes.tolist() == [3, 2, 1, 1]
    assert packed.sorted_indices.tolist() == [1, 0, 2] and packed.unsorted_indices.tolist() == [1, 0, 2]
    # step 0: batch items 1, 0, 2; step 1: 1, 0; steps 2, 3: item 1
    rows = [(0, 1), (0, 0), (0, 2), (1, 1), (1, 0), (2, 1), (3, 1)]
    np.testing.assert_array_equal(packed.data.numpy(), np.stack([x.numpy()[t, b] for t, b in rows]))
    padded, lengths = rnn_utils.pad_packed_sequence(packed, padding_value=-1.0, total_length=5)
    assert lengths.tolist() == [2, 4, 1] and tuple(padded.shape) == (5, 3, 2)
    want = np.full((5, 3, 2), -1.0)
    for b, n in enumerate([2, 4, 1]):
        want[:n, b] = x.numpy()[:n, b]
    np.testing.assert_array_equal(padded.numpy(), want)
    bf, _ = rnn_utils.pad_packed_sequence(packed, batch_first=True)
    np.testing.assert_array_equal(bf.numpy(), np.where(want[:4] == -1, 0, want[:4]).transpose(1, 0, 2))


def test_pad_sequence_pack_sequence_unpack():
    seqs = [torch.ones(3, 2, dtype=D64), 2 * torch.ones(1, 2, dtype=D64), 3 * torch.ones(2, 2, dtype=D64)]
    right = rnn_utils.pad_sequence(seqs, batch_first=True, padding_value=9.0)
    assert right[:, :, 0].tolist() == [[1, 1, 1], [2, 9, 9], [3, 3, 9]]
    left = rnn_utils.pad_sequence(seqs, padding_side="left")
    assert left[:, :, 0].tolist() == [[1, 0, 0], [1, 0, 3], [1, 2, 3]]
    packed = rnn_utils.pack_sequence(seqs, enforce_sorted=False)
    assert packed.batch_sizes.tolist() == [3, 2, 1]
    back = rnn_utils.unpack_sequence(packed)
    assert [s.tolist() for s in back] == [s.tolist() for s in seqs]
    assert [s.tolist() for s in rnn_utils.unpad_sequence(right, torch.tensor([3, 1, 2]), batch_first=True)] == \
        [s.tolist() for s in seqs]


def test_packing_is_differentiable():
    x = torch.randn(3, 2, 2, dtype=D64, requires_grad=True)

    def roundtrip(x):
        packed = rnn_utils.pack_padded_sequence(x, torch.tensor([2, 3]), enforce_sorted=False)
        return rnn_utils.pad_packed_sequence(packed, padding_value=0.5)[0] * 2
    assert torch.autograd.gradcheck(roundtrip, (x,))


def test_packed_sequence_api():
    packed = rnn_utils.pack_sequence([torch.ones(2, 1), torch.ones(1, 1)])
    assert packed.sorted_indices is None and packed.unsorted_indices is None
    as_double = packed.double()
    assert as_double.data.dtype is D64 and as_double.batch_sizes is packed.batch_sizes
    assert packed.to(torch.float32) is packed and not packed.is_cuda
    data, batch_sizes, _, _ = packed
    assert batch_sizes.tolist() == [2, 1] and packed._fields[0] == "data"
    perm = torch.tensor([2, 0, 1])
    assert rnn_utils.invert_permutation(perm).tolist() == [1, 2, 0]


def test_packing_errors():
    x = torch.zeros(3, 2, 1)
    with pytest.raises(RuntimeError, match="sorted in decreasing order"):
        rnn_utils.pack_padded_sequence(x, [1, 3])
    with pytest.raises(RuntimeError, match="greater than 0"):
        rnn_utils.pack_padded_sequence(x, [3, 0])
    with pytest.raises(ValueError, match="batch_size"):
        rnn_utils.pack_padded_sequence(x, [3, 2, 1])
    packed = rnn_utils.pack_padded_sequence(x, [3, 2])
    with pytest.raises(ValueError, match="total_length=2 and max sequence length being 3"):
        rnn_utils.pad_packed_sequence(packed, total_length=2)


@pytest.mark.parametrize("cls", ["RNN", "LSTM", "GRU"])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_packed_input_matches_per_sequence_reference(cls, bidirectional):
    torch.manual_seed(2)
    module = getattr(nn, cls)(2, 3, 2, bidirectional=bidirectional).double()
    p = _params(module)
    rng = np.random.default_rng(2)
    lengths = [2, 4, 1]
    x = rng.standard_normal((4, 3, 2))
    packed = rnn_utils.pack_padded_sequence(_t(x), lengths, enforce_sorted=False)
    out, h = module(packed)
    assert isinstance(out, rnn_utils.PackedSequence)
    padded, got_lengths = rnn_utils.pad_packed_sequence(out)
    assert got_lengths.tolist() == lengths
    D = 2 if bidirectional else 1
    for b, n in enumerate(lengths):  # each sequence alone, unbatched
        ref_out, ref_h = recurrent(cls, p, x[:n, b], None, 2, bidirectional)
        np.testing.assert_allclose(padded.detach().numpy()[:n, b], ref_out, atol=1e-12)
        assert not padded.detach().numpy()[n:, b].any()
        for got, want in zip(_flat(h), _flat(ref_h)):
            assert tuple(got.shape) == (2 * D, 3, 3)
            np.testing.assert_allclose(got.detach().numpy()[:, b], want, atol=1e-12)


def test_packed_gradcheck_with_initial_states():
    module = _lstm(2, 3, bidirectional=True, seed=3)
    rng = np.random.default_rng(3)
    x = _t(rng.standard_normal((3, 3, 2)), True)
    h0, c0 = _t(rng.standard_normal((2, 3, 3)), True), _t(rng.standard_normal((2, 3, 3)), True)

    def run(x, h0, c0):
        packed = rnn_utils.pack_padded_sequence(x, [2, 3, 1], enforce_sorted=False)
        out, (h, c) = module(packed, (h0, c0))
        return out.data, h, c
    assert torch.autograd.gradcheck(run, (x, h0, c0))


# ---------------------------------------------------------------- options and errors

def test_dropout_between_layers():
    module = _lstm(2, 3, 2, dropout=1.0)
    x = np.random.default_rng(4).standard_normal((3, 2, 2))
    p = _params(module)
    module.eval()
    _close(module(_t(x)), recurrent("LSTM", p, x, num_layers=2))
    module.train()
    # p = 1 zeroes the first layer's output: the second layer sees zeros
    top = {k.replace("_l1", "_l0"): v for k, v in p.items() if k.endswith("_l1")}
    out, (h, c) = module(_t(x))
    ref_out, (ref_h, _) = recurrent("LSTM", top, np.zeros((3, 2, 3)))
    np.testing.assert_allclose(out.detach().numpy(), ref_out, atol=1e-12)
    np.testing.assert_allclose(h.detach().numpy()[1], ref_h[0], atol=1e-12)
    half = _lstm(2, 3, 2, dropout=0.5)
    torch.manual_seed(5)
    a = half(_t(x))[0]
    torch.manual_seed(5)
    assert torch.equal(a, half(_t(x))[0])
    half.eval()
    assert not torch.equal(a, half(_t(x))[0])
    with pytest.warns(UserWarning, match="num_layers greater than 1"):
        nn.GRU(2, 3, dropout=0.2)


def test_input_and_state_errors():
    module = _lstm(3, 4, 2)
    with pytest.raises(RuntimeError, match="input.size\\(-1\\) must be equal to input_size. Expected 3, got 5"):
        module(torch.randn(2, 1, 5, dtype=D64))
    with pytest.raises(ValueError, match="Expected input to be 2D or 3D, got 4D"):
        module(torch.randn(2, 1, 1, 3, dtype=D64))
    h = torch.zeros(2, 2, 4, dtype=D64)
    with pytest.raises(RuntimeError, match=r"Expected hidden\[0\] size \(2, 1, 4\), got \[2, 2, 4\]"):
        module(torch.randn(2, 1, 3, dtype=D64), (h, h))
    with pytest.raises(RuntimeError, match="unbatched 2-D input, hidden\\[0\\] should also be 2-D"):
        module(torch.randn(2, 3, dtype=D64), (h, h))
    with pytest.raises(RuntimeError, match="tuple"):
        module(torch.randn(2, 1, 3, dtype=D64), h)
    with pytest.raises(RuntimeError, match="input must have the type torch.float64, got type torch.float32"):
        module(torch.randn(2, 1, 3))
    gru = nn.GRU(3, 4)
    with pytest.raises(RuntimeError, match=r"Expected hidden size \(1, 2, 4\), got \[1, 3, 4\]"):
        gru(torch.randn(5, 2, 3), torch.zeros(1, 3, 4))


def test_constructor_errors():
    with pytest.raises(ValueError, match="smaller than hidden_size"):
        nn.LSTM(3, 4, proj_size=4)
    with pytest.raises(ValueError, match="only supported for LSTM"):
        nn.GRU(3, 4, proj_size=2)
    with pytest.raises(ValueError, match="range \\[0, 1\\]"):
        nn.RNN(3, 4, dropout=1.5)
    with pytest.raises(ValueError, match="Unknown nonlinearity"):
        nn.RNN(3, 4, nonlinearity="gelu")
    with pytest.raises(ValueError, match="greater than zero"):
        nn.GRU(3, 0)


def test_parameters_repr_and_flat_weights():
    m = nn.LSTM(3, 4, 2, bidirectional=True, proj_size=2)
    shapes = {k: tuple(v.shape) for k, v in m.state_dict().items()}
    assert list(shapes)[:6] == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_hr_l0",
                                "weight_ih_l0_reverse"]
    assert shapes["weight_ih_l1"] == (16, 4) and shapes["weight_hh_l1"] == (16, 2) and shapes["weight_hr_l1"] == (2, 4)
    assert repr(m) == "LSTM(3, 4, proj_size=2, num_layers=2, bidirectional=True)"
    assert repr(nn.RNN(3, 4, 1, "relu", False, True)) == "RNN(3, 4, bias=False, batch_first=True)"
    assert repr(nn.RNNCell(3, 4, nonlinearity="relu")) == "RNNCell(3, 4, nonlinearity=relu)"
    assert repr(nn.GRUCell(3, 4, bias=False)) == "GRUCell(3, 4, bias=False)"
    assert [id(w) for w in m._flat_weights] == [id(p) for p in m.parameters()]
    assert len(m.all_weights) == 4 and m.flatten_parameters() is None
    bound = 1 / np.sqrt(4)
    assert all(float(p.abs().max()) <= bound for p in m.parameters())
    m.double()
    assert all(w.dtype is D64 for w in m._flat_weights)


def test_batch_first_and_unbatched_shapes():
    m = nn.GRU(3, 4, 2, batch_first=True, bidirectional=True)
    out, h = m(torch.randn(5, 7, 3))
    assert tuple(out.shape) == (5, 7, 8) and tuple(h.shape) == (4, 5, 4)
    out, h = m(torch.randn(7, 3), torch.zeros(4, 4))
    assert tuple(out.shape) == (7, 8) and tuple(h.shape) == (4, 4)
    lstm = nn.LSTM(3, 5, proj_size=2)
    out, (h, c) = lstm(torch.randn(6, 2, 3))
    assert tuple(out.shape) == (6, 2, 2) and tuple(h.shape) == (1, 2, 2) and tuple(c.shape) == (1, 2, 5)


# ---------------------------------------------------------------- cells

def test_cells_double_backward_and_states():
    torch.manual_seed(6)
    x = torch.randn(2, 3, dtype=D64, requires_grad=True)
    h = torch.randn(2, 4, dtype=D64, requires_grad=True)
    c = torch.randn(2, 4, dtype=D64, requires_grad=True)
    lstm, gru = nn.LSTMCell(3, 4).double(), nn.GRUCell(3, 4).double()
    assert torch.autograd.gradgradcheck(lambda x, h, c: lstm(x, (h, c)), (x, h, c))
    assert torch.autograd.gradgradcheck(lambda x, h: gru(x, h), (x, h))
    h1, c1 = lstm(x[0], (h[0], c[0]))
    assert tuple(h1.shape) == (4,)
    np.testing.assert_allclose(h1.detach().numpy(), lstm(x, (h, c))[0].detach().numpy()[0])
    with pytest.raises(RuntimeError, match="Input batch size 2 doesn't match hidden0 batch size 1"):
        gru(x, h[:1])
    with pytest.raises(RuntimeError, match="hidden0 has inconsistent hidden_size: got 3, expected 4"):
        gru(x, x)


# ---------------------------------------------------------------- embeddings

def test_embedding_padding_max_norm_and_frequency():
    torch.manual_seed(7)
    emb = nn.Embedding(5, 3, padding_idx=-1).double()
    assert emb.padding_idx == 4 and not emb.weight[4].any()
    idx = torch.tensor([[4, 1], [1, 2]])
    emb(idx).sum().backward()
    np.testing.assert_array_equal(emb.weight.grad.numpy()[:, 0], [0, 2, 1, 0, 0])
    freq = nn.Embedding(5, 3, scale_grad_by_freq=True).double()
    (freq(idx) * torch.arange(3, dtype=D64)).sum().backward()
    np.testing.assert_allclose(freq.weight.grad.numpy()[:, 2], [0, 2, 2, 0, 2])  # each row: count / count
    norm = nn.Embedding(5, 3, max_norm=0.5).double()
    with torch.no_grad():
        norm.weight.copy_(torch.ones(5, 3, dtype=D64))
    out = norm(torch.tensor([1, 1, 3]))
    rows = np.linalg.norm(norm.weight.detach().numpy(), axis=1)
    np.testing.assert_allclose(rows[[1, 3]], 0.5, rtol=1e-6)
    np.testing.assert_allclose(rows[[0, 2, 4]], np.sqrt(3))
    np.testing.assert_allclose(out.detach().numpy(), norm.weight.detach().numpy()[[1, 1, 3]])
    assert repr(nn.Embedding(10, 3, padding_idx=2, max_norm=1.0, norm_type=1.0)) == \
        "Embedding(10, 3, padding_idx=2, max_norm=1.0, norm_type=1.0)"


def test_embedding_pretrained_functional_and_errors():
    w = torch.arange(6, dtype=D64).view(3, 2)
    frozen = nn.Embedding.from_pretrained(w)
    assert not frozen.weight.requires_grad and frozen(torch.tensor([2])).tolist() == [[4.0, 5.0]]
    assert nn.Embedding.from_pretrained(w, freeze=False).weight.requires_grad
    assert F.embedding(torch.tensor([0, 2], dtype=torch.int32), w).tolist() == [[0, 1], [4, 5]]
    with pytest.raises(NotImplementedError, match="sparse"):
        nn.Embedding(3, 2, sparse=True)
    with pytest.raises(ValueError, match="Padding_idx must be within num_embeddings"):
        nn.Embedding(3, 2, padding_idx=3)
    with pytest.raises(IndexError, match="3"):
        F.embedding(torch.tensor([3]), w)
    with pytest.raises(ValueError, match="2-dimensional"):
        nn.Embedding.from_pretrained(torch.zeros(3))


def test_embedding_bag_options_and_errors():
    w = torch.arange(8, dtype=D64).view(4, 2).requires_grad_(True)
    bag = nn.EmbeddingBag.from_pretrained(w, mode="sum")
    idx, off = torch.tensor([1, 2, 3]), torch.tensor([0, 1])
    assert bag(idx, off, per_sample_weights=torch.tensor([1.0, 0.5, 2.0], dtype=D64)).tolist() == \
        [[2.0, 3.0], [2 + 12.0, 2.5 + 14.0]]
    out = F.embedding_bag(idx, w, off, mode="max")
    out.sum().backward()
    assert out.tolist() == [[2, 3], [6, 7]] and w.grad[:, 0].tolist() == [0, 1, 0, 1]
    assert repr(nn.EmbeddingBag(4, 2, mode="max", padding_idx=1)) == "EmbeddingBag(4, 2, mode='max', padding_idx=1)"
    with pytest.raises(NotImplementedError, match="only supported for mode='sum'"):
        F.embedding_bag(idx, w, off, per_sample_weights=torch.ones(3, dtype=D64))
    with pytest.raises(ValueError, match="offsets has to be None"):
        F.embedding_bag(idx.view(1, 3), w, off)
    with pytest.raises(ValueError, match="offsets\\[0\\] has to be 0"):
        F.embedding_bag(idx, w, torch.tensor([1]))
    with pytest.raises(ValueError, match="mode has to be one of sum, mean or max"):
        nn.EmbeddingBag(4, 2, mode="min")


# ---------------------------------------------------------------- the real torch as an oracle

def _to_torch(ref, module, ref_module):
    ref_module.load_state_dict({k: ref.from_numpy(v.detach().numpy().copy()) for k, v in module.state_dict().items()})


@pytest.mark.parametrize("cls,kwargs", [("LSTM", {"num_layers": 2, "bidirectional": True, "proj_size": 2}),
                                        ("GRU", {"num_layers": 2, "bidirectional": True}),
                                        ("RNN", {"nonlinearity": "relu", "batch_first": True})])
def test_against_torch(cls, kwargs):
    ref = real_torch()
    torch.manual_seed(8)
    module = getattr(nn, cls)(3, 5, **kwargs).double()
    ref_module = getattr(ref.nn, cls)(3, 5, **kwargs).double()
    _to_torch(ref, module, ref_module)
    assert repr(module) == repr(ref_module)
    x = np.random.default_rng(8).standard_normal((3, 4, 3) if kwargs.get("batch_first") else (4, 3, 3))
    for packed in (False, True):
        ours_x, ref_x = _t(x, True), ref.from_numpy(x.copy()).requires_grad_(True)
        ours_in, ref_in = ours_x, ref_x
        if packed:
            ours_in = rnn_utils.pack_padded_sequence(ours_x, [2, 4, 3], kwargs.get("batch_first", False), False)
            ref_in = ref.nn.utils.rnn.pack_padded_sequence(ref_x, [2, 4, 3], kwargs.get("batch_first", False), False)
        ours_out, ref_out = module(ours_in), ref_module(ref_in)
        ours_flat = [o.data if isinstance(o, rnn_utils.PackedSequence) else o for o in _flat(ours_out)]
        ref_flat = [o.data if isinstance(o, ref.nn.utils.rnn.PackedSequence) else o for o in _flat(ref_out)]
        for k, (a, b) in enumerate(zip(ours_flat, ref_flat)):
            np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), atol=1e-12)
            (a * (k + 1)).sum().backward(retain_graph=True)
            (b * (k + 1)).sum().backward(retain_graph=True)
        np.testing.assert_allclose(ours_x.grad.numpy(), ref_x.grad.numpy(), atol=1e-12)
    for (name, p), (_, q) in zip(module.named_parameters(), ref_module.named_parameters()):
        np.testing.assert_allclose(p.grad.numpy(), q.grad.numpy(), atol=1e-11, err_msg=name)


def test_embeddings_against_torch():
    ref = real_torch()
    w = np.random.default_rng(9).standard_normal((6, 3))
    idx, off = [1, 5, 0, 1, 3, 0, 2], [0, 3, 3, 5]
    for mode in ("sum", "mean", "max"):
        ours_w, ref_w = _t(w, True), ref.from_numpy(w.copy()).requires_grad_(True)
        a = F.embedding_bag(torch.tensor(idx), ours_w, torch.tensor(off), mode=mode, padding_idx=0)
        b = ref.nn.functional.embedding_bag(ref.tensor(idx), ref_w, ref.tensor(off), mode=mode, padding_idx=0)
        np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), atol=1e-12)
        (a * a).sum().backward()
        (b * b).sum().backward()
        np.testing.assert_allclose(ours_w.grad.numpy(), ref_w.grad.numpy(), atol=1e-12)
    ours_w, ref_w = _t(w, True), ref.from_numpy(w.copy()).requires_grad_(True)
    a = F.embedding(torch.tensor(idx), ours_w, padding_idx=1, scale_grad_by_freq=True)
    b = ref.nn.functional.embedding(ref.tensor(idx), ref_w, padding_idx=1, scale_grad_by_freq=True)
    (a * a).sum().backward()
    (b * b).sum().backward()
    np.testing.assert_allclose(ours_w.grad.numpy(), ref_w.grad.numpy(), atol=1e-12)


def test_no_warnings_on_plain_use():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nn.LSTM(2, 3)(torch.randn(2, 1, 2))
