"""RMSprop, Rprop and averaged SGD (ASGD)."""
from ..autograd import no_grad
from .optimizer import Optimizer, _new_step, _scalar_step


class RMSprop(Optimizer):
    """RMSprop(params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False, *, maximize=False).

    v = alpha v + (1 - alpha) g^2;  centered: a = alpha a + (1 - alpha) g and the denominator is
    sqrt(v - a^2) + eps, else sqrt(v) + eps;  momentum > 0: b = momentum b + g / denom, p -= lr b;
    else p -= lr g / denom.  State: step, square_avg (, momentum_buffer, grad_avg)."""

    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False,
                 capturable=False, foreach=None, maximize=False, differentiable=False):
        for name, v in (("learning rate", lr), ("epsilon", eps), ("momentum", momentum),
                        ("weight_decay", weight_decay), ("alpha", alpha)):
            if v < 0:
                raise ValueError("Invalid {} value: {}".format(name, v))
        defaults = dict(lr=lr, momentum=momentum, alpha=alpha, eps=eps, centered=centered,
                        weight_decay=weight_decay, capturable=capturable, foreach=foreach, maximize=maximize,
                        differentiable=differentiable)
        super().__init__(params, defaults)

    def step(self, closure=None):
        """One RMSprop update; returns closure()'s loss if given."""
        loss = self._closure_loss(closure)
        with no_grad():
            for group in self.param_groups:
                lr, alpha, eps, wd = group["lr"], group["alpha"], group["eps"], group["weight_decay"]
                momentum, centered = group["momentum"], group["centered"]
                for p, grad, state in self._gradients(group):
                    if len(state) == 0:
                        state["step"] = _new_step()
                        state["square_avg"] = p.new_zeros(p.shape)
                        if momentum > 0:
                            state["momentum_buffer"] = p.new_zeros(p.shape)
                        if centered:
                            state["grad_avg"] = p.new_zeros(p.shape)
                    _scalar_step(state)
                    if wd != 0:
                        grad = grad.add(p, alpha=wd)
                    square_avg = state["square_avg"]
                    square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
                    if centered:
                        grad_avg = state["grad_avg"]
                        grad_avg.mul_(alpha).add_(grad, alpha=1 - alpha)
                        avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
                    else:
                        avg = square_avg.sqrt()
                    avg = avg.add_(eps)
                    if momentum > 0:
                        buf = state["momentum_buffer"]
                        buf.mul_(momentum).addcdiv_(grad, avg)
                        p.add_(buf, alpha=-lr)
                    else:
                        p.addcdiv_(grad, avg, value=-lr)
        return loss


class Rprop(Optimizer):
    """Rprop(params, lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50), *, maximize=False).

    Resilient backpropagation: per coordinate, s = sign(g * g_prev); the step size is multiplied by
    etaplus where s > 0, etaminus where s < 0 (and the gradient taken as 0 there), 1 elsewhere, then
    clamped to step_sizes;  p -= sign(g) * step_size;  g_prev = g.
    State: step, prev, step_size (starts at lr)."""

    def __init__(self, params, lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50), *, capturable=False,
                 foreach=None, maximize=False, differentiable=False):
        if not 0.0 <= lr:
            raise ValueError("Invalid learning rate: {}".format(lr))
        if not 0.0 < etas[0] < 1.0 < etas[1]:
            raise ValueError("Invalid eta values: {}, {}".format(etas[0], etas[1]))
        defaults = dict(lr=lr, etas=etas, step_sizes=step_sizes, foreach=foreach, maximize=maximize,
                        differentiable=differentiable, capturable=capturable)
        super().__init__(params, defaults)

    def step(self, closure=None):
        """One Rprop update; returns closure()'s loss if given."""
        loss = self._closure_loss(closure)
        with no_grad():
            for group in self.param_groups:
                etaminus, etaplus = group["etas"]
                step_size_min, step_size_max = group["step_sizes"]
                for p, grad, state in self._gradients(group):
                    if len(state) == 0:
                        state["step"] = _new_step()
                        state["prev"] = p.new_zeros(p.shape)
                        state["step_size"] = p.new_full(p.shape, group["lr"])
                    _scalar_step(state)
                    prev, step_size = state["prev"], state["step_size"]
                    s = grad.mul(prev).sign()
                    up, down = s.gt(0), s.lt(0)
                    factor = p.new_ones(p.shape).masked_fill(up, etaplus).masked_fill(down, etaminus)
                    step_size.mul_(factor).clamp_(step_size_min, step_size_max)
                    grad = grad.masked_fill(down, 0)
                    p.addcmul_(grad.sign(), step_size, value=-1)
                    prev.copy_(grad)
        return loss


class ASGD(Optimizer):
    """ASGD(params, lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0, *, maximize=False).

    Averaged SGD: p *= 1 - lambd eta;  p -= eta g;  ax = p while mu = 1, else ax += mu (p - ax);
    then eta = lr / (1 + lambd lr t)^alpha and mu = 1 / max(1, t - t0).
    State: step, eta, mu (0-dim tensors) and ax (the average)."""

    def __init__(self, params, lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0, foreach=None,
                 maximize=False, differentiable=False, capturable=False):
        if not 0.0 <= lr:
            raise ValueError("Invalid learning rate: {}".format(lr))
        if not 0.0 <= weight_decay:
            raise ValueError("Invalid weight_decay value: {}".format(weight_decay))
        defaults = dict(lr=lr, lambd=lambd, alpha=alpha, t0=t0, weight_decay=weight_decay, foreach=foreach,
                        maximize=maximize, differentiable=differentiable, capturable=capturable)
        super().__init__(params, defaults)

    def step(self, closure=None):
        """One ASGD update; returns closure()'s loss if given."""
        from .optimizer import _scalar_tensor

        loss = self._closure_loss(closure)
        with no_grad():
            for group in self.param_groups:
                lr, lambd, alpha, t0, wd = group["lr"], group["lambd"], group["alpha"], group["t0"], \
                    group["weight_decay"]
                for p, grad, state in self._gradients(group):
                    if len(state) == 0:
                        state["step"] = _new_step()
                        state["eta"] = _scalar_tensor(lr, p.dtype)
                        state["mu"] = _scalar_tensor(1.0, p.dtype)
                        state["ax"] = p.new_zeros(p.shape)
                    step = _scalar_step(state)
                    if wd != 0:
                        grad = grad.add(p, alpha=wd)
                    eta = state["eta"].item()
                    p.mul_(1 - lambd * eta)
                    p.add_(grad, alpha=-eta)
                    ax = state["ax"]
                    mu = state["mu"].item()
                    if mu != 1:
                        ax.add_(p.sub(ax).mul_(mu))
                    else:
                        ax.copy_(p)
                    state["eta"].fill_(lr / ((1 + lambd * lr * step) ** alpha))
                    state["mu"].fill_(1 / max(1, step - t0))
        return loss
