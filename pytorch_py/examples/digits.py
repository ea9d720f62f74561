"""The main job: train a small convnet on the UCI hand-written digits that ship with the package.

    python -m pytorch_py.examples.digits [--epochs N] [--checkpoint PATH]

1,797 8x8 images (pytorch_py/examples/data), split 80/20 into train and test with a fixed seed.
Shows a progress bar with the running loss, prints the test accuracy, saves a checkpoint
(model and optimizer state) with torch.save and reads it back with torch.load to check it.
"""
import argparse
import gzip
import os
import time

import numpy as np
from tqdm import tqdm

import pytorch_py as torch
from pytorch_py import nn
from pytorch_py.utils.data import DataLoader, TensorDataset

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "digits.csv.gz")


def load_digits():
    """(images [N, 1, 8, 8] float32 scaled to [0, 1], labels [N] int64)."""
    with gzip.open(DATA, "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.float32)
    images = torch.from_numpy(np.ascontiguousarray(table[:, :64] / 16.0)).view(-1, 1, 8, 8)
    labels = torch.from_numpy(table[:, 64].astype(np.int64))
    return images, labels


def make_model():
    """Two 3x3 convolutions, a max-pool and two linear layers (about 40k parameters)."""
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(32 * 4 * 4, 64), nn.ReLU(),
        nn.Linear(64, 10),
    )


def accuracy(model, images, labels):
    model.eval()
    with torch.no_grad():
        predicted = model(images).argmax(1)
    model.train()
    return (predicted == labels).float().mean().item()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--checkpoint", default="digits_checkpoint.pt")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    torch.manual_seed(args.seed)
    images, labels = load_digits()
    order = torch.randperm(len(labels))
    n_train = int(0.8 * len(labels))
    train_idx, test_idx = order[:n_train], order[n_train:]
    train = TensorDataset(images[train_idx], labels[train_idx])
    test_images, test_labels = images[test_idx], labels[test_idx]
    loader = DataLoader(train, batch_size=args.batch_size, shuffle=True)

    model = make_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.CrossEntropyLoss()
    start = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        running = None
        bar = tqdm(loader, desc="epoch %d/%d" % (epoch, args.epochs), leave=False)
        for x, y in bar:
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            running = loss.item() if running is None else 0.9 * running + 0.1 * loss.item()
            bar.set_postfix(loss="%.4f" % running)
        print("epoch %d: running loss %.4f, test accuracy %.2f%%"
              % (epoch, running, 100 * accuracy(model, test_images, test_labels)))
    elapsed = time.perf_counter() - start
    acc = accuracy(model, test_images, test_labels)
    print("test accuracy: %.2f%% on %d held-out images (training took %.1f s)" % (100 * acc, len(test_labels), elapsed))

    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epochs": args.epochs},
               args.checkpoint)
    restored = make_model()
    restored.load_state_dict(torch.load(args.checkpoint)["model"])
    print("checkpoint %s reloaded: test accuracy %.2f%%"
          % (args.checkpoint, 100 * accuracy(restored, test_images, test_labels)))
    return acc


if __name__ == "__main__":
    main()
