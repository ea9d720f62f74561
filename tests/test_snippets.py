"""The snippets people learn PyTorch from run unchanged (with `import pytorch_py as torch`)."""
import pytorch_py as torch
from pytorch_py import nn, optim


def test_quadratic_with_sgd():
    x = torch.tensor([5.0, -3.0], requires_grad=True)
    optimizer = torch.optim.SGD([x], lr=0.01)
    for _ in range(500):
        optimizer.zero_grad()
        loss = ((x - 2) ** 2).sum()
        loss.backward()
        optimizer.step()
    # each step multiplies the distance to the minimum by 1 - 2 * lr = 0.98
    assert abs(x[0].item() - 2) < 3 * 0.98 ** 500 + 1e-6
    assert abs(x[1].item() - 2) < 5 * 0.98 ** 500 + 1e-6


def _data(n=256):
    torch.manual_seed(0)
    images = torch.randn(n, 784)
    labels = (images[:, :10].argmax(dim=1))  # a learnable rule
    return images, labels


def test_mlp_with_log_softmax_and_nll_loss():
    images, labels = _data()
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10),
                          nn.LogSoftmax(dim=1))
    criterion = nn.NLLLoss()
    optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    losses = []
    for epoch in range(15):
        running_loss = 0
        for i in range(0, 256, 64):
            optimizer.zero_grad()
            output = model(images[i:i + 64])
            loss = criterion(output, labels[i:i + 64])
            loss.backward()
            optimizer.step()
            running_loss += loss.item()
        losses.append(running_loss / 4)
    assert losses[-1] < 0.5 * losses[0]
    with torch.no_grad():
        logps = model(images)
    ps = torch.exp(logps)
    assert abs(ps.sum(dim=1) - 1).max().item() < 1e-5
    accuracy = (ps.argmax(dim=1) == labels).float().mean().item()
    assert accuracy > 0.5


def test_mlp_with_softmax_and_cross_entropy():
    images, labels = _data()
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.Adam(model.parameters(), lr=1e-3)
    first = None
    for step in range(60):
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        first = loss.item() if first is None else first
    assert loss.item() < 0.5 * first
    model.eval()
    with torch.no_grad():
        probabilities = nn.Softmax(dim=1)(model(images))
        correct = (probabilities.argmax(1) == labels).sum().item()
    assert correct / len(labels) > 0.8
