"""Adam and its relatives: AdamW (decoupled weight decay), Adamax (infinity norm) and SparseAdam."""
import math

from ..autograd import no_grad
from .optimizer import Optimizer, _new_step, _scalar_step


def _check(lr, eps, betas, weight_decay=0.0):
    if not 0.0 <= lr:
        raise ValueError("Invalid learning rate: {}".format(lr))
    if not 0.0 <= eps:
        raise ValueError("Invalid epsilon value: {}".format(eps))
    if not 0.0 <= betas[0] < 1.0:
        raise ValueError("Invalid beta parameter at index 0: {}".format(betas[0]))
    if not 0.0 <= betas[1] < 1.0:
        raise ValueError("Invalid beta parameter at index 1: {}".format(betas[1]))
    if not 0.0 <= weight_decay:
        raise ValueError("Invalid weight_decay value: {}".format(weight_decay))


class Adam(Optimizer):
    """Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False, *, maximize=False).

    Per step t (g negated if maximize; g += weight_decay * p, the L2 form):
    m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;  (amsgrad: vmax = max(vmax, v), used for v)
    p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
    decoupled_weight_decay=True gives AdamW's rule instead of the L2 form.
    State: step, exp_avg, exp_avg_sq (, max_exp_avg_sq)."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False, *,
                 foreach=None, maximize=False, capturable=False, differentiable=False, fused=None,
                 decoupled_weight_decay=False):
        _check(lr, eps, betas, weight_decay)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad,
                        maximize=maximize, foreach=foreach, capturable=capturable,
                        differentiable=differentiable, fused=fused, decoupled_weight_decay=decoupled_weight_decay)
        super().__init__(params, defaults)

    def step(self, closure=None):
        """One Adam update of every parameter with a gradient; returns closure()'s loss if given."""
        loss = self._closure_loss(closure)
        with no_grad():
            for group in self.param_groups:
                beta1, beta2 = group["betas"]
                lr, eps, wd, amsgrad = group["lr"], group["eps"], group["weight_decay"], group["amsgrad"]
                for p, grad, state in self._gradients(group):
                    if len(state) == 0:
                        state["step"] = _new_step()
                        state["exp_avg"] = p.new_zeros(p.shape)
                        state["exp_avg_sq"] = p.new_zeros(p.shape)
                        if amsgrad:
                            state["max_exp_avg_sq"] = p.new_zeros(p.shape)
                    step = _scalar_step(state)
                    if wd != 0:
                        if group.get("decoupled_weight_decay", False):
                            p.mul_(1 - lr * wd)
                        else:
                            grad = grad.add(p, alpha=wd)
                    exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
                    exp_avg.lerp_(grad, 1 - beta1)
                    exp_avg_sq.lerp_(grad * grad, 1 - beta2)
                    bias_correction2_sqrt = math.sqrt(1 - beta2 ** step)
                    if amsgrad:
                        vmax = state["max_exp_avg_sq"]
                        vmax.copy_(vmax.maximum(exp_avg_sq))
                        exp_avg_sq = vmax
                    # lr / bc1 * m / (sqrt(v) / bc2 + eps) with bc2 folded into eps and the step size
                    # (the same value up to rounding): fewer kernel calls than dividing sqrt(v) by bc2
                    denom = exp_avg_sq.sqrt().add(eps * bias_correction2_sqrt)
                    p.add_(exp_avg / denom, alpha=-lr * bias_correction2_sqrt / (1 - beta1 ** step))
        return loss


class AdamW(Adam):
    """AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, *, maximize=False).

    Adam with decoupled weight decay: p *= 1 - lr * weight_decay before the Adam update (the gradient
    itself is not changed)."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, *,
                 maximize=False, foreach=None, capturable=False, differentiable=False, fused=None):
        super().__init__(params, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad,
                         foreach=foreach, maximize=maximize, capturable=capturable,
                         differentiable=differentiable, fused=fused, decoupled_weight_decay=True)


class Adamax(Optimizer):
    """Adamax(params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, *, maximize=False).

    m = b1 m + (1 - b1) g;  u = max(b2 u, |g| + eps);  p -= lr / (1 - b1^t) * m / u.
    State: step, exp_avg, exp_inf."""

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, foreach=None, *,
                 maximize=False, differentiable=False, capturable=False):
        _check(lr, eps, betas, weight_decay)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, foreach=foreach,
                        maximize=maximize, differentiable=differentiable, capturable=capturable)
        super().__init__(params, defaults)

    def step(self, closure=None):
        """One Adamax update; returns closure()'s loss if given."""
        loss = self._closure_loss(closure)
        with no_grad():
            for group in self.param_groups:
                beta1, beta2 = group["betas"]
                lr, eps, wd = group["lr"], group["eps"], group["weight_decay"]
                for p, grad, state in self._gradients(group):
                    if len(state) == 0:
                        state["step"] = _new_step()
                        state["exp_avg"] = p.new_zeros(p.shape)
                        state["exp_inf"] = p.new_zeros(p.shape)
                    step = _scalar_step(state)
                    if wd != 0:
                        grad = grad.add(p, alpha=wd)
                    exp_avg, exp_inf = state["exp_avg"], state["exp_inf"]
                    exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
                    exp_inf.copy_(exp_inf.mul(beta2).maximum(grad.abs().add_(eps)))
                    p.addcdiv_(exp_avg, exp_inf, value=-lr / (1 - beta1 ** step))
        return loss


class SparseAdam(Optimizer):
    """SparseAdam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, maximize=False).

    The lazy Adam variant meant for sparse gradients: only the entries present in the gradient have
    their moments and values updated.  pytorch_py has no sparse tensors yet, so the gradient is dense
    and an entry counts as present when it is nonzero (PyTorch rejects dense gradients here).  Per
    present entry: m += (1 - b1)(g - m);  v += (1 - b2)(g^2 - v);
    p -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, maximize=False):
        _check(lr, eps, betas)
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, maximize=maximize))

    def step(self, closure=None):
        """One lazy Adam update of the present (nonzero) gradient entries; returns closure()'s loss."""
        loss = self._closure_loss(closure)
        with no_grad():
            for group in self.param_groups:
                beta1, beta2 = group["betas"]
                lr, eps = group["lr"], group["eps"]
                for p, grad, state in self._gradients(group):
                    if len(state) == 0:
                        state["step"] = _new_step()
                        state["exp_avg"] = p.new_zeros(p.shape)
                        state["exp_avg_sq"] = p.new_zeros(p.shape)
                    step = _scalar_step(state)
                    present = (grad != 0).to(p.dtype)
                    exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
                    exp_avg.add_((grad - exp_avg).mul_(present), alpha=1 - beta1)
                    exp_avg_sq.add_((grad * grad - exp_avg_sq).mul_(present), alpha=1 - beta2)
                    step_size = lr * math.sqrt(1 - beta2 ** step) / (1 - beta1 ** step)
                    update = exp_avg.div(exp_avg_sq.sqrt().add_(eps)).mul_(present)
                    p.add_(update, alpha=-step_size)
        return loss
