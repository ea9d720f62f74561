"""grad_fn names of the nn functionals are PyTorch's (what `print(loss.grad_fn)` shows users)."""
import pytest

import pytorch_py as torch
import pytorch_py.nn.functional as F


def _inputs():
    torch.manual_seed(0)
    v = torch.randn(4, 5, requires_grad=True)
    x = torch.randn(2, 3, 8, 8, requires_grad=True)
    w = torch.randn(6, 3, 3, 3, requires_grad=True)
    t = torch.tensor([1, 0, 2, 4])
    return v, x, w, t


CASES = [
    ("ReluBackward0", lambda v, x, w, t: F.relu(v)),
    ("ThresholdBackward0", lambda v, x, w, t: F.threshold(v, 0.1, 0.0)),
    ("HardtanhBackward0", lambda v, x, w, t: F.relu6(v)),
    ("LeakyReluBackward0", lambda v, x, w, t: F.leaky_relu(v)),
    ("EluBackward0", lambda v, x, w, t: F.selu(v)),
    ("CeluBackward0", lambda v, x, w, t: F.celu(v)),
    ("SigmoidBackward0", lambda v, x, w, t: F.sigmoid(v)),
    ("TanhBackward0", lambda v, x, w, t: F.tanh(v)),
    ("SoftplusBackward0", lambda v, x, w, t: F.softplus(v)),
    ("LogSigmoidBackward0", lambda v, x, w, t: F.logsigmoid(v)),
    ("SoftmaxBackward0", lambda v, x, w, t: F.softmax(v, 1)),
    ("LogSoftmaxBackward0", lambda v, x, w, t: F.log_softmax(v, 1)),
    ("MseLossBackward0", lambda v, x, w, t: F.mse_loss(v, v.detach() * 2)),
    ("NllLossBackward0", lambda v, x, w, t: F.cross_entropy(v, t)),
    ("NllLoss2DBackward0", lambda v, x, w, t: F.nll_loss(x, torch.zeros(2, 8, 8, dtype=torch.int64))),
    ("BinaryCrossEntropyBackward0", lambda v, x, w, t: F.binary_cross_entropy(v.sigmoid(), torch.ones(4, 5))),
    ("AddmmBackward0", lambda v, x, w, t: F.linear(v, torch.randn(3, 5), torch.randn(3, requires_grad=True))),
    ("MmBackward0", lambda v, x, w, t: F.linear(v, torch.randn(3, 5))),
    ("ConvolutionBackward0", lambda v, x, w, t: F.conv2d(x, w, padding=1)),
    ("ConvolutionBackward0", lambda v, x, w, t: F.conv_transpose2d(x, w.transpose(0, 1))),
    ("MaxPool2DWithIndicesBackward0", lambda v, x, w, t: F.max_pool2d(x, 2)),
    ("AvgPool2DBackward0", lambda v, x, w, t: F.avg_pool2d(x, 2)),
    ("AdaptiveAvgPool2DBackward0", lambda v, x, w, t: F.adaptive_avg_pool2d(x, 3)),
    ("NativeBatchNormBackward0", lambda v, x, w, t: F.batch_norm(x, None, None, training=True)),
    ("ReflectionPad2DBackward0", lambda v, x, w, t: F.pad(x, (1, 1, 1, 1), mode="reflect")),
    ("UpsampleNearest2DBackward0", lambda v, x, w, t: F.interpolate(x, scale_factor=2)),
    ("UpsampleBilinear2DBackward0", lambda v, x, w, t: F.interpolate(x, scale_factor=2, mode="bilinear")),
]


@pytest.mark.parametrize("name,call", CASES, ids=[c[0] + "-%d" % i for i, c in enumerate(CASES)])
def test_grad_fn_is_named_as_in_pytorch(name, call):
    out = call(*_inputs())
    assert out.grad_fn.name() == name
    assert type(out.grad_fn).__name__ == name
    assert name in repr(out.grad_fn)


def test_named_variants_keep_the_gradient():
    v, _, _, _ = _inputs()
    F.relu(v).sum().backward()
    assert v.grad.tolist() == (v.detach() > 0).to(torch.float32).tolist()
