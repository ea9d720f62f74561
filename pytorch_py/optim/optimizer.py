"""The Optimizer base class: parameter groups, per-parameter state, state_dict in PyTorch's format."""
from collections import defaultdict
from copy import deepcopy
from itertools import chain

from ..autograd import no_grad
from ..tensor import Tensor


class _RequiredParameter:
    """Marks a hyper-parameter with no default (PyTorch's `required`)."""

    def __repr__(self):
        return "<required parameter>"


required = _RequiredParameter()


def _scalar_step(state):
    """Advances state['step'] (a 0-dim float32 tensor, as PyTorch stores it) and returns it as a float."""
    step = state["step"]
    if isinstance(step, Tensor):
        value = step.item() + 1  # read then fill: two cheap calls, where add_(1) broadcasts a scalar tensor
        step.fill_(value)
        return value
    state["step"] = step + 1
    return float(step + 1)


def _scalar_tensor(value, dtype):
    """A 0-dim tensor holding value (state entries PyTorch keeps as tensors)."""
    from .._creation import tensor

    return tensor(value, dtype=dtype)


def _new_step():
    from .._dtype import float32

    return _scalar_tensor(0.0, float32)


class Optimizer:
    """Base class of all optimizers.

    params: an iterable of tensors, or of dicts each defining a parameter group (key "params" plus
    options that override `defaults`).  Subclasses implement step(closure=None).  `state` maps each
    parameter tensor to a dict of its buffers."""

    def __init__(self, params, defaults):
        self.defaults = defaults
        if isinstance(params, Tensor):
            raise TypeError("params argument given to the optimizer should be an iterable of Tensors or dicts, "
                            "but got " + type(params).__name__)
        self.state = defaultdict(dict)
        self.param_groups = []
        param_groups = list(params)
        if len(param_groups) == 0:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(param_groups[0], dict):
            param_groups = [{"params": param_groups}]
        for group in param_groups:
            self.add_param_group(group)

    def __getstate__(self):
        return {"defaults": self.defaults, "state": self.state, "param_groups": self.param_groups}

    def __setstate__(self, state):
        self.__dict__.update(state)

    def __repr__(self):
        out = self.__class__.__name__ + " ("
        for i, group in enumerate(self.param_groups):
            out += "\nParameter Group {0}".format(i)
            for key in sorted(group.keys()):
                if key != "params":
                    out += "\n    {0}: {1}".format(key, group[key])
        out += "\n)"
        return out

    def add_param_group(self, param_group):
        """Adds a group of parameters (a dict with "params" and optional options); missing options take
        the optimizer's defaults.  A parameter may belong to one group only."""
        if not isinstance(param_group, dict):
            raise TypeError("param_group must be a dict, but got " + type(param_group).__name__)
        params = param_group["params"]
        if isinstance(params, Tensor):
            param_group["params"] = [params]
        elif isinstance(params, set):
            raise TypeError("optimizer parameters need to be organized in ordered collections, but the ordering "
                            "of tensors in sets will change between runs. Please use a list instead.")
        else:
            param_group["params"] = list(params)
        for param in param_group["params"]:
            if not isinstance(param, Tensor):
                raise TypeError("optimizer can only optimize Tensors, but one of the params is "
                                + type(param).__name__)
            if not param.is_leaf:
                raise ValueError("can't optimize a non-leaf Tensor")
        for name, default in self.defaults.items():
            if default is required and name not in param_group:
                raise ValueError("parameter group didn't specify a value of required optimization parameter "
                                 + name)
            param_group.setdefault(name, default)
        ids = [id(p) for p in param_group["params"]]
        if len(set(ids)) != len(ids):
            import warnings

            warnings.warn("optimizer contains a parameter group with duplicate parameters; in future, this will "
                          "cause an error", stacklevel=3)
        seen = set()
        for group in self.param_groups:
            seen.update(id(p) for p in group["params"])
        if not seen.isdisjoint(ids):
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(param_group)

    def zero_grad(self, set_to_none=True):
        """Resets the gradients of all parameters: to None (default) or to zero in place."""
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    if set_to_none:
                        p.grad = None
                    else:
                        if p.grad.grad_fn is not None:
                            p.grad = p.grad.detach()
                        p.grad.zero_()

    def step(self, closure=None):
        """Performs one optimization step; closure (optional for most optimizers) re-evaluates the model
        and returns the loss, which step returns."""
        raise NotImplementedError

    def _gradients(self, group):
        """(parameter, gradient, state) for each parameter of group that has a gradient; the
        gradient is negated when the group maximizes (the loop every step() runs)."""
        maximize = group.get("maximize", False)
        for p in group["params"]:
            g = p.grad
            if g is not None:
                yield p, (-g if maximize else g), self.state[p]

    def _closure_loss(self, closure):
        """Calls closure (if any) with gradients enabled; returns its loss."""
        if closure is None:
            return None
        from ..autograd import enable_grad

        with enable_grad():
            return closure()

    def state_dict(self):
        """{'state': {param index: buffers}, 'param_groups': [options with 'params' as integer ids]}.
        Parameters are numbered in order across the groups, as PyTorch does."""
        mapping = {}
        start = 0

        def pack_group(group):
            nonlocal start
            packed = {k: v for k, v in group.items() if k != "params"}
            for i, p in enumerate(group["params"], start):
                if id(p) not in mapping:
                    mapping[id(p)] = i
            packed["params"] = [mapping[id(p)] for p in group["params"]]
            start += len(packed["params"])
            return packed

        param_groups = [pack_group(g) for g in self.param_groups]
        packed_state = {mapping[id(k)]: v for k, v in self.state.items() if id(k) in mapping}
        return {"state": packed_state, "param_groups": param_groups}

    def load_state_dict(self, state_dict):
        """Loads a dict made by state_dict(): groups must match in number and sizes.  Tensors in the
        state are copied and cast to the parameter's dtype (except 'step')."""
        state_dict = {"state": state_dict["state"], "param_groups": deepcopy(state_dict["param_groups"])}
        groups = self.param_groups
        saved_groups = state_dict["param_groups"]
        if len(groups) != len(saved_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        param_lens = (len(g["params"]) for g in groups)
        saved_lens = (len(g["params"]) for g in saved_groups)
        if any(p_len != s_len for p_len, s_len in zip(param_lens, saved_lens)):
            raise ValueError("loaded state dict contains a parameter group that doesn't match the size of "
                             "optimizer's group")
        id_map = dict(zip(chain.from_iterable(g["params"] for g in saved_groups),
                          chain.from_iterable(g["params"] for g in groups)))

        def cast(param, value, key=None):
            if isinstance(value, Tensor):
                if key == "step":
                    return value.clone()
                if param.is_floating_point() and value.is_floating_point():
                    return value.to(param.dtype).clone()
                return value.clone()
            if isinstance(value, dict):
                return {k: cast(param, v, k) for k, v in value.items()}
            if isinstance(value, (list, tuple)):
                return type(value)(cast(param, v, key) for v in value)
            return value

        state = defaultdict(dict)
        for k, v in state_dict["state"].items():
            if k in id_map:
                param = id_map[k]
                state[param] = cast(param, v)
            else:
                state[k] = v

        def update_group(group, new_group):
            new_group["params"] = group["params"]
            return new_group

        self.param_groups = [update_group(g, ng) for g, ng in zip(groups, saved_groups)]
        self.state = state


__all__ = ["Optimizer", "required", "no_grad"]
