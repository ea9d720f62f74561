"""Every name of the reference lists that the TH-core scope covers exists on pytorch_py / Tensor.

Names that belong to later issues are listed here with the capability they wait for, so the
list shrinks as those land and nothing is silently forgotten.
"""
import os

import pytest

import pytorch_py as torch

REF = os.path.join(os.path.dirname(__file__), "api_names")  # copies of the reference name lists

LATER = {
    # signal processing, devices, multiprocessing: later issues
    "fft/cuda/shared memory": "fft ifft rfft irfft stft cuda is_pinned pin_memory is_shared share_memory_",
}
LATER_NAMES = {n for names in LATER.values() for n in names.split()}


def _names(fname):
    with open(os.path.join(REF, fname)) as f:
        return [line.strip() for line in f if line.strip()]


@pytest.mark.parametrize("fname,owner", [("torch_functions.txt", torch), ("tensor_methods.txt", torch.Tensor)])
def test_reference_names_exist(fname, owner):
    missing = [n for n in _names(fname) if n not in LATER_NAMES and not hasattr(owner, n)]
    assert not missing, "missing from %s: %s" % (owner.__name__, missing)


# nn names of the reference lists that the nn issue has not reached yet: the list shrinks as
# modules land (a name that now exists must be removed from it, see the test below).
NN_LATER = set("""
    Container Bilinear Conv1d Conv3d ConvTranspose1d ConvTranspose2d ConvTranspose3d Softmax2d SELU GLU
    Softsign Tanhshrink RReLU NLLLoss2d PoissonNLLLoss CosineEmbeddingLoss HingeEmbeddingLoss
    MarginRankingLoss MultiLabelMarginLoss MultiLabelSoftMarginLoss MultiMarginLoss TripletMarginLoss
    AvgPool1d AvgPool3d MaxPool1d MaxPool3d MaxUnpool1d MaxUnpool2d MaxUnpool3d FractionalMaxPool2d
    LPPool1d LPPool2d AdaptiveMaxPool1d AdaptiveMaxPool3d AdaptiveAvgPool1d AdaptiveAvgPool3d
    BatchNorm3d InstanceNorm1d InstanceNorm2d InstanceNorm3d CrossMapLRN2d Dropout3d AlphaDropout
    ReflectionPad1d ReflectionPad2d ReplicationPad1d ReplicationPad2d ReplicationPad3d ZeroPad2d
    ConstantPad1d ConstantPad2d ConstantPad3d
    PixelShuffle Upsample UpsamplingNearest2d UpsamplingBilinear2d PairwiseDistance
    CosineSimilarity GroupNorm LocalResponseNorm Fold Unfold conv1d conv3d conv_transpose1d
    conv_transpose2d conv_transpose3d avg_pool1d avg_pool3d max_pool1d max_pool3d max_unpool1d
    max_unpool2d max_unpool3d lp_pool1d lp_pool2d adaptive_max_pool1d adaptive_max_pool3d
    adaptive_avg_pool1d adaptive_avg_pool3d dropout3d glu rrelu poisson_nll_loss
    multilabel_margin_loss multilabel_soft_margin_loss cosine_embedding_loss multi_margin_loss
    triplet_margin_loss pixel_shuffle upsample upsample_nearest upsample_bilinear grid_sample
    affine_grid pairwise_distance cosine_similarity group_norm instance_norm local_response_norm fold
    unfold
""".split())


@pytest.mark.parametrize("fname,owner", [("nn_modules.txt", torch.nn), ("nn_functional.txt", torch.nn.functional),
                                         ("optim.txt", torch.optim), ("lr_scheduler.txt", torch.optim.lr_scheduler)])
def test_nn_and_optim_names_exist(fname, owner):
    names = _names(fname)
    missing = [n for n in names if n not in NN_LATER and not hasattr(owner, n)]
    assert not missing, "missing from %s: %s" % (owner.__name__, missing)
    arrived = [n for n in names if n in NN_LATER and hasattr(owner, n)]
    assert not arrived, "now implemented, remove from NN_LATER: %s" % arrived
