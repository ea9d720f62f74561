"""Benchmarks of the recurrent layers and embeddings beside the real PyTorch: LSTM and GRU
(input 128 -> hidden 256, sequence 32, batch 32) forward and forward + backward, and an
embedding lookup with its backward."""
import numpy as np


def _lib(ctx, lib):
    return ctx.ours if lib == "ours" else ctx.torch


def _recurrent(cls_name, backward):
    def make(lib, ctx):
        if lib == "numpy":
            return lambda: None
        torch = _lib(ctx, lib)
        torch.manual_seed(0)
        net = getattr(torch.nn, cls_name)(128, 256)
        x = torch.from_numpy(np.random.default_rng(0).standard_normal((32, 32, 128), dtype=np.float32))
        if not backward:
            def fwd():
                with torch.no_grad():
                    net(x)
            return fwd
        x.requires_grad_(True)

        def fwd_bwd():
            net.zero_grad()
            out, _ = net(x)
            out.sum().backward()
        return fwd_bwd
    return make


def _embedding(lib, ctx):
    if lib == "numpy":
        return lambda: None
    torch = _lib(ctx, lib)
    torch.manual_seed(0)
    emb = torch.nn.Embedding(10000, 128)
    idx = torch.from_numpy(np.random.default_rng(0).integers(0, 10000, (64, 32)))

    def run():
        emb.zero_grad()
        emb(idx).sum().backward()
    return run


def cases(ctx):
    def bind(make):
        return lambda lib: make(lib, ctx)

    return [
        ("LSTM fwd 128->256 seq32 b32", bind(_recurrent("LSTM", False))),
        ("LSTM fwd+bwd 128->256 seq32 b32", bind(_recurrent("LSTM", True))),
        ("GRU fwd+bwd 128->256 seq32 b32", bind(_recurrent("GRU", True))),
        ("Embedding fwd+bwd 10000x128 64x32", bind(_embedding)),
    ]
