"""Benchmarks of torch.nn beside the real PyTorch: convolutions, pooling, batch norm, and the
training steps of LeNet and of an MLP (784-512-256-10, batch 128)."""
import numpy as np


def _lib(ctx, lib):
    return ctx.ours if lib == "ours" else ctx.torch


def _conv(cin, cout, size, backward):
    def make(lib, ctx):
        if lib == "numpy":
            return lambda: None
        torch = _lib(ctx, lib)
        torch.manual_seed(0)
        conv = torch.nn.Conv2d(cin, cout, 3, padding=1)
        x = torch.from_numpy(np.random.default_rng(0).standard_normal((32, cin, size, size), dtype=np.float32))
        if not backward:
            def fwd():
                with torch.no_grad():
                    conv(x)
            return fwd
        x.requires_grad_(True)

        def fwd_bwd():
            conv.zero_grad()
            conv(x).sum().backward()
        return fwd_bwd
    return make


def _simple(build):
    def make(lib, ctx):
        if lib == "numpy":
            return lambda: None
        return build(_lib(ctx, lib))
    return make


def _max_pool(torch):
    x = torch.from_numpy(np.random.default_rng(0).standard_normal((32, 64, 32, 32), dtype=np.float32))
    return lambda: torch.nn.functional.max_pool2d(x, 2)


def _batch_norm(torch):
    bn = torch.nn.BatchNorm2d(64)
    x = torch.from_numpy(np.random.default_rng(0).standard_normal((32, 64, 16, 16), dtype=np.float32))

    def run():
        with torch.no_grad():
            bn(x)
    return run


def _train_step(torch, model, x, y):
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()
    return step


def _lenet(torch):
    nn = torch.nn
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 84),
                          nn.ReLU(), nn.Linear(84, 10))
    rng = np.random.default_rng(0)
    x = torch.from_numpy(rng.standard_normal((64, 1, 28, 28), dtype=np.float32))
    y = torch.from_numpy(rng.integers(0, 10, 64))
    return _train_step(torch, model, x, y)


def _mlp(torch):
    nn = torch.nn
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10))
    rng = np.random.default_rng(0)
    x = torch.from_numpy(rng.standard_normal((128, 784), dtype=np.float32))
    y = torch.from_numpy(rng.integers(0, 10, 128))
    return _train_step(torch, model, x, y)


def cases(ctx):
    def bind(make):
        return lambda lib: make(lib, ctx)

    return [
        ("conv2d fwd 32x3->64 32x32 3x3", bind(_conv(3, 64, 32, False))),
        ("conv2d fwd+bwd 32x3->64 32x32 3x3", bind(_conv(3, 64, 32, True))),
        ("conv2d fwd 32x64->64 16x16 3x3", bind(_conv(64, 64, 16, False))),
        ("conv2d fwd+bwd 32x64->64 16x16 3x3", bind(_conv(64, 64, 16, True))),
        ("max_pool2d 32x64x32x32 k2", bind(_simple(_max_pool))),
        ("batch_norm eval 32x64x16x16", bind(_simple(_batch_norm))),
        ("LeNet training step (batch 64)", bind(_simple(_lenet))),
        ("MLP 784-512-256-10 training step (b128)", bind(_simple(_mlp))),
    ]
