"""Benchmark: one training epoch of the main job (the digits convnet), beside the real PyTorch."""
import numpy as np


def _epoch_runner(lib, ctx, images, labels):
    """A callable training one epoch (batch 32, Adam) of the digits model with `lib`."""
    if lib == "numpy":
        return None
    torch = ctx.ours if lib == "ours" else ctx.torch
    nn = torch.nn
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 4 * 4, 64), nn.ReLU(), nn.Linear(64, 10))
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    loss_fn = nn.CrossEntropyLoss()
    x_all = torch.from_numpy(images)
    y_all = torch.from_numpy(labels)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x_all, y_all), batch_size=32, shuffle=True)

    def epoch():
        for x, y in loader:
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
    return epoch


def cases(ctx):
    from pytorch_py.examples.digits import load_digits

    images, labels = load_digits()
    images, labels = np.ascontiguousarray(images.numpy()), np.ascontiguousarray(labels.numpy())

    def make(lib):
        fn = _epoch_runner(lib, ctx, images, labels)
        # NumPy has no training loop: time a no-op so the table still has a column
        return fn if fn is not None else (lambda: None)

    return [("main job: one digits training epoch (1797 images, batch 32)", make)]
