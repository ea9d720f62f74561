"""torch.nn.utils (layer: nn): gradient clipping, parameter/vector conversion, weight and spectral
normalisation, and (in `rnn`) PackedSequence and the packing utilities."""
from . import clip_grad, convert_parameters, rnn, spectral_norm, weight_norm  # noqa: F401
from .clip_grad import clip_grad_norm, clip_grad_norm_, clip_grad_value_, clip_grads_with_norm_, get_total_norm  # noqa: F401,E501
from .convert_parameters import parameters_to_vector, vector_to_parameters  # noqa: F401
from .spectral_norm import remove_spectral_norm, spectral_norm  # noqa: F401,F811
from .weight_norm import remove_weight_norm, weight_norm  # noqa: F401,F811
