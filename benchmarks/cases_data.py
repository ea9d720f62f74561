"""Benchmark cases of utils.data: one full DataLoader epoch over an MNIST-sized TensorDataset
(60000 x 784 float32 plus int64 labels) at batch 128, sequential and shuffled, beside the real
torch's DataLoader.  NumPy's column is the same batching done by hand (fancy indexing per batch)."""
import numpy as np


def cases(ctx):
    """DataLoader epoch (469 batches of 128) over a 60000x784 float32 TensorDataset."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((60000, 784), dtype=np.float32)
    y = rng.integers(0, 10, 60000).astype(np.int64)

    def epoch(shuffle):
        def make(lib):
            if lib == "numpy":
                def run():
                    order = rng.permutation(len(x)) if shuffle else np.arange(len(x))
                    for s in range(0, len(x), 128):
                        idx = order[s:s + 128]
                        x[idx], y[idx]
                return run
            mod = ctx.ours if lib == "ours" else ctx.torch
            data = mod.utils.data
            loader = data.DataLoader(data.TensorDataset(ctx.conv(lib, x), ctx.conv(lib, y)), batch_size=128,
                                     shuffle=shuffle)

            def run():
                for _ in loader:
                    pass
            return run
        return make

    return [
        ("DataLoader epoch 60000x784 b128", epoch(False)),
        ("DataLoader epoch 60000x784 b128 shuffle", epoch(True)),
    ]
