"""Optimizers and learning-rate schedulers (layer: above tensor and autograd; never imports nn,
legacy or utils)."""
from .optimizer import Optimizer
from .sgd import SGD
from .adam import Adam, AdamW, Adamax, SparseAdam
from .adagrad import Adadelta, Adagrad
from .rmsprop import ASGD, RMSprop, Rprop
from .lbfgs import LBFGS
from . import lr_scheduler

__all__ = ["Optimizer", "SGD", "Adam", "AdamW", "Adamax", "SparseAdam", "Adadelta", "Adagrad", "ASGD", "RMSprop",
           "Rprop", "LBFGS", "lr_scheduler"]
