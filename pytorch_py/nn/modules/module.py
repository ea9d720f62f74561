"""torch.nn.Module (layer: nn): the base class of all layers.

Attributes assigned on a module are routed by kind: a Parameter goes into `_parameters`, a Module
into `_modules`, a tensor assigned over a registered buffer name into `_buffers` (all ordered
dicts, so iteration follows registration order, as PyTorch's state_dict keys do).
"""
import functools
import itertools
import warnings
from collections import OrderedDict, namedtuple
from typing import TypeVar

from ...autograd import no_grad
from ...autograd.graph import RemovableHandle
from ...tensor import Tensor, parse_to_args
from ..parameter import Parameter


class _IncompatibleKeys(namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])):
    def __repr__(self):
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return super().__repr__()

    __str__ = __repr__


def _addindent(s_, num_spaces):
    s = s_.split("\n")
    if len(s) == 1:
        return s_
    first = s.pop(0)
    s = [(num_spaces * " ") + line for line in s]
    return first + "\n" + "\n".join(s)


def _shape_error(module, expected, input, exc=RuntimeError):
    """The exception for a wrong input shape, naming the module and what it expected:
    "Linear: expected input with last dimension 4 (in_features), but got shape [2, 5]"."""
    got = list(input._shape) if hasattr(input, "_shape") else type(input).__name__
    return exc("%s: expected %s, but got shape %s" % (module._get_name(), expected, got))


class _Handle:
    """Removes an entry from a hook dict (register_*_hook's return value)."""

    _ids = itertools.count()

    def __init__(self, hooks):
        self.hooks = hooks
        self.id = next(_Handle._ids)

    def remove(self):
        self.hooks.pop(self.id, None)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.remove()


del RemovableHandle  # the module hooks keep their own dicts

_EXTRA_STATE = "_extra_state"  # the state_dict key of get_extra_state's value

_HOOK_DICTS = ("_forward_hooks", "_forward_pre_hooks", "_backward_hooks", "_backward_pre_hooks", "_state_dict_hooks",
               "_state_dict_pre_hooks", "_load_state_dict_pre_hooks", "_load_state_dict_post_hooks")
_HOOK_SETS = ("_forward_hooks_with_kwargs", "_forward_hooks_always_called", "_forward_pre_hooks_with_kwargs",
              "_state_dict_post_hook_ids")


def _init_hook_dicts(d, keep=False):
    """Puts the (empty) hook registries in a module's __dict__ d (only the missing ones if keep)."""
    for name in _HOOK_DICTS:
        if not keep or name not in d:
            d[name] = OrderedDict()
    for name in _HOOK_SETS:
        if not keep or name not in d:
            d[name] = set()
    if not keep or "_is_full_backward_hook" not in d:
        d["_is_full_backward_hook"] = None


def _add_hook(hooks, hook, prepend=False):
    h = _Handle(hooks)
    hooks[h.id] = hook
    if prepend:
        hooks.move_to_end(h.id, last=False)
    return h


class Module:
    """Base class for neural-network modules: subclasses set attributes in __init__ (after calling
    super().__init__()) and define forward(*inputs); calling the module runs the hooks and forward."""

    dump_patches = False
    _version = 1
    training: bool
    call_super_init = False
    T_destination = TypeVar("T_destination", bound=dict)
    _compiled_call_impl = None

    def __init__(self, *args, **kwargs):
        if args or kwargs:
            raise TypeError("Module.__init__() takes no arguments, but got %d positional and %s keyword arguments"
                            % (len(args), sorted(kwargs)))
        d = self.__dict__
        d["training"] = True
        d["_parameters"] = OrderedDict()
        d["_buffers"] = OrderedDict()
        d["_non_persistent_buffers_set"] = set()
        d["_modules"] = OrderedDict()
        _init_hook_dicts(d)

    def forward(self, *input):
        raise NotImplementedError('Module [%s] is missing the required "forward" function' % type(self).__name__)

    # ---- registration ----

    def _check_name(self, name, what):
        if "_parameters" not in self.__dict__:
            raise AttributeError("cannot assign %s before Module.__init__() call" % what)
        if not isinstance(name, str):
            raise TypeError("%s name should be a string. Got %s" % (what, type(name).__name__))
        if name == "":
            raise KeyError('%s name can\'t be empty string ""' % what)
        if "." in name:
            raise KeyError('%s name can\'t contain "."' % what)

    def register_buffer(self, name, tensor, persistent=True):
        """Adds a buffer (state that is not a parameter, e.g. BatchNorm's running_mean); it is in
        state_dict unless persistent is False.  tensor may be None."""
        self._check_name(name, "buffer")
        if hasattr(self, name) and name not in self._buffers:
            raise KeyError("attribute '%s' already exists" % name)
        if tensor is not None and not isinstance(tensor, Tensor):
            raise TypeError("cannot assign '%s' object to buffer '%s' (torch Tensor or None required)"
                            % (type(tensor).__name__, name))
        self._buffers[name] = tensor
        if persistent:
            self._non_persistent_buffers_set.discard(name)
        else:
            self._non_persistent_buffers_set.add(name)

    def register_parameter(self, name, param):
        """Adds a parameter (a Parameter or None) under name."""
        self._check_name(name, "parameter")
        if hasattr(self, name) and name not in self._parameters:
            raise KeyError("attribute '%s' already exists" % name)
        if param is None:
            self._parameters[name] = None
            return
        if not isinstance(param, Parameter):
            raise TypeError("cannot assign '%s' object to parameter '%s' (torch.nn.Parameter or None required)"
                            % (type(param).__name__, name))
        if param.grad_fn is not None:
            raise ValueError("Cannot assign non-leaf Tensor to parameter '%s'. Model parameters must be created "
                             "explicitly. To express '%s' as a function of another Tensor, compute the value in "
                             "the forward() method." % (name, name))
        self._parameters[name] = param

    def add_module(self, name, module):
        """Adds a child module (or None) under name."""
        if module is not None and not isinstance(module, Module):
            raise TypeError("%s is not a Module subclass" % type(module).__name__)
        self._check_name(name, "module")
        if hasattr(self, name) and name not in self._modules:
            raise KeyError("attribute '%s' already exists" % name)
        self._modules[name] = module

    register_module = add_module

    def get_submodule(self, target):
        """The submodule at the dotted path target ('' is self)."""
        if target == "":
            return self
        mod = self
        for item in target.split("."):
            if not hasattr(mod, item):
                raise AttributeError(mod._get_name() + " has no attribute `" + item + "`")
            mod = getattr(mod, item)
            if not isinstance(mod, Module):
                raise AttributeError("`" + item + "` is not an nn.Module")
        return mod

    def set_submodule(self, target, module, strict=False):
        """Replaces (or, unless strict, adds) the submodule at the dotted path target by module;
        the parent path must exist, and an existing attribute there must be a module."""
        if target == "":
            raise ValueError("Cannot set the submodule without a target name!")
        if not isinstance(module, Module):
            raise ValueError("`module` is not an nn.Module, found %s" % type(module))
        parent_path, _, name = target.rpartition(".")
        parent = self.get_submodule(parent_path)
        if strict and not hasattr(parent, name):
            raise AttributeError(parent._get_name() + " has no attribute `" + name + "`")
        if hasattr(parent, name) and not isinstance(getattr(parent, name), Module):
            raise AttributeError("`" + name + "` is not an nn.Module")
        setattr(parent, name, module)

    def get_parameter(self, target):
        module_path, _, name = target.rpartition(".")
        mod = self.get_submodule(module_path)
        if not hasattr(mod, name):
            raise AttributeError(mod._get_name() + " has no attribute `" + name + "`")
        p = getattr(mod, name)
        if not isinstance(p, Parameter):
            raise AttributeError("`" + name + "` is not an nn.Parameter")
        return p

    def get_buffer(self, target):
        module_path, _, name = target.rpartition(".")
        mod = self.get_submodule(module_path)
        if name not in mod._buffers:
            raise AttributeError("`" + name + "` is not a buffer")
        return mod._buffers[name]

    # ---- attribute routing ----

    def __getattr__(self, name):
        d = self.__dict__
        for store in ("_parameters", "_buffers", "_modules"):
            if store in d:
                s = d[store]
                if name in s:
                    return s[name]
        raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, name))

    def __setattr__(self, name, value):
        d = self.__dict__

        def remove_from(*dicts_or_sets):
            for x in dicts_or_sets:
                if name in x:
                    if isinstance(x, dict):
                        del x[name]
                    else:
                        x.discard(name)

        params = d.get("_parameters")
        if isinstance(value, Parameter):
            if params is None:
                raise AttributeError("cannot assign parameters before Module.__init__() call")
            remove_from(d, self._buffers, self._modules, self._non_persistent_buffers_set)
            self.register_parameter(name, value)
        elif params is not None and name in params:
            if value is not None:
                raise TypeError("cannot assign '%s' as parameter '%s' (torch.nn.Parameter or None expected)"
                                % (type(value).__name__, name))
            self.register_parameter(name, value)
        else:
            modules = d.get("_modules")
            if isinstance(value, Module):
                if modules is None:
                    raise AttributeError("cannot assign module before Module.__init__() call")
                remove_from(d, self._parameters, self._buffers, self._non_persistent_buffers_set)
                modules[name] = value
            elif modules is not None and name in modules:
                if value is not None:
                    raise TypeError("cannot assign '%s' as child module '%s' (torch.nn.Module or None expected)"
                                    % (type(value).__name__, name))
                modules[name] = value
            else:
                buffers = d.get("_buffers")
                if buffers is not None and name in buffers:
                    if value is not None and not isinstance(value, Tensor):
                        raise TypeError("cannot assign '%s' as buffer '%s' (torch.Tensor or None expected)"
                                        % (type(value).__name__, name))
                    buffers[name] = value
                else:
                    object.__setattr__(self, name, value)

    def __delattr__(self, name):
        for store in ("_parameters", "_buffers", "_modules"):
            s = self.__dict__.get(store)
            if s is not None and name in s:
                del s[name]
                self._non_persistent_buffers_set.discard(name)
                return
        object.__delattr__(self, name)

    def __dir__(self):
        attrs = dir(self.__class__) + list(self.__dict__.keys()) + list(self._parameters.keys()) + \
            list(self._modules.keys()) + list(self._buffers.keys())
        return sorted(a for a in set(attrs) if not a[0].isdigit())

    def __setstate__(self, state):
        self.__dict__.update(state)
        _init_hook_dicts(self.__dict__, keep=True)  # modules pickled before a hook kind existed

    # ---- iteration ----

    def _named_members(self, get_members_fn, prefix="", recurse=True, remove_duplicate=True):
        memo = set()
        modules = self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate) if recurse \
            else [(prefix, self)]
        for module_prefix, module in modules:
            for k, v in get_members_fn(module):
                if v is None or (remove_duplicate and id(v) in memo):
                    continue
                if remove_duplicate:
                    memo.add(id(v))
                yield (module_prefix + ("." if module_prefix else "") + k, v)

    def parameters(self, recurse=True):
        """Iterator over the parameters (of all submodules too when recurse), each once."""
        for _, p in self.named_parameters(recurse=recurse):
            yield p

    def named_parameters(self, prefix="", recurse=True, remove_duplicate=True):
        """Iterator over (dotted name, parameter) pairs, e.g. ('features.0.weight', p)."""
        return self._named_members(lambda m: m._parameters.items(), prefix, recurse, remove_duplicate)

    def buffers(self, recurse=True):
        for _, b in self.named_buffers(recurse=recurse):
            yield b

    def named_buffers(self, prefix="", recurse=True, remove_duplicate=True):
        return self._named_members(lambda m: m._buffers.items(), prefix, recurse, remove_duplicate)

    def children(self):
        for _, m in self.named_children():
            yield m

    def named_children(self):
        memo = set()
        for name, m in self._modules.items():
            if m is not None and id(m) not in memo:
                memo.add(id(m))
                yield name, m

    def modules(self):
        for _, m in self.named_modules():
            yield m

    def named_modules(self, memo=None, prefix="", remove_duplicate=True):
        """Iterator over (dotted name, module) of self ('' or prefix) and all descendants, depth first."""
        if memo is None:
            memo = set()
        if id(self) in memo:
            return
        if remove_duplicate:
            memo.add(id(self))
        yield prefix, self
        for name, m in self._modules.items():
            if m is None:
                continue
            sub = prefix + ("." if prefix else "") + name
            yield from m.named_modules(memo, sub, remove_duplicate)

    # ---- mode and bulk operations ----

    def apply(self, fn):
        """Calls fn on every submodule (children first) and on self; returns self."""
        for m in self.children():
            m.apply(fn)
        fn(self)
        return self

    def train(self, mode=True):
        """Sets training mode on self and all descendants; returns self."""
        if not isinstance(mode, bool):
            raise ValueError("training mode is expected to be boolean")
        self.training = mode
        for m in self.children():
            m.train(mode)
        return self

    def eval(self):
        return self.train(False)

    def requires_grad_(self, requires_grad=True):
        for p in self.parameters():
            p.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none=True):
        """Clears the .grad of every parameter (sets it to None, or zeroes it in place)."""
        for p in self.parameters():
            if p.grad is not None:
                if set_to_none:
                    p.grad = None
                else:
                    g = p.grad
                    if g.grad_fn is not None:
                        g = g.detach()
                        p.grad = g
                    g.zero_()

    def _apply(self, fn, recurse=True):
        """Replaces every parameter's and buffer's data by fn(tensor) (the submodules' too when
        recurse).  Parameters stay the same Parameter objects (as PyTorch's
        `param.data = fn(param)`), so references held elsewhere, e.g. by an optimizer, see the
        converted data; their grads are converted too."""
        if recurse:
            for m in self.children():
                m._apply(fn)
        for p in self._parameters.values():
            if p is None:
                continue
            with no_grad():
                new = fn(p)
                g = p.grad
                new_g = fn(g) if g is not None else None
            if new is not p:
                if new_g is not None:
                    p.grad = None
                _rebind(p, new)
                if new_g is not None:
                    p.grad = new_g if new_g is not g else g
        for key, b in self._buffers.items():
            if b is not None:
                self._buffers[key] = fn(b)
        return self

    def to(self, *args, **kwargs):
        """Converts floating parameters and buffers to a dtype (to(dtype), to(device, dtype),
        to(tensor)) and/or moves them to a device; returns self."""
        dt, dev, _ = parse_to_args(args, kwargs)
        if dt is not None and not dt.is_floating_point:
            raise TypeError("nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=%s"
                            % dt)

        def convert(t):
            kw = {}
            if dev is not None:
                kw["device"] = dev
            if dt is not None and t.dtype.is_floating_point:
                kw["dtype"] = dt
            return t.to(**kw) if kw else t

        return self._apply(convert)

    def type(self, dst_type):
        return self._apply(lambda t: t.type(dst_type))

    def float(self):
        return self._apply(lambda t: t.float() if t.dtype.is_floating_point else t)

    def double(self):
        return self._apply(lambda t: t.double() if t.dtype.is_floating_point else t)

    def half(self):
        return self._apply(lambda t: t.half() if t.dtype.is_floating_point else t)

    def bfloat16(self):
        """Not available: pytorch_py has no bfloat16 dtype (TypeError)."""
        raise TypeError("%s.bfloat16(): pytorch_py has no bfloat16 dtype (use float(), double() or half())"
                        % self._get_name())

    def cpu(self):
        return self._apply(lambda t: t.cpu())

    def _to_device(self, kind, device):
        return self._apply(lambda t: t.to(kind if device is None else device))

    def cuda(self, device=None):
        """Moves parameters and buffers to a CUDA device (an error here: the backends are CPU)."""
        return self._to_device("cuda", device)

    def xpu(self, device=None):
        return self._to_device("xpu", device)

    def ipu(self, device=None):
        return self._to_device("ipu", device)

    def mtia(self, device=None):
        return self._to_device("mtia", device)

    def to_empty(self, *, device=None, recurse=True):
        """Replaces every parameter and buffer by an uninitialised tensor of its shape and dtype on
        device (default: where it is), e.g. to materialise a module before loading its state;
        returns self."""
        from ... import empty_like

        return self._apply(lambda t: empty_like(t) if device is None else empty_like(t, device=device), recurse)

    def compile(self, *args, **kwargs):
        """PyTorch's in-place torch.compile of the module's call.  pytorch_py has no compiler, so
        this accepts torch.compile's arguments and changes nothing: the module keeps running
        eagerly, with the same results.  Returns None, as PyTorch's."""
        allowed = {"fullgraph", "dynamic", "backend", "mode", "options", "disable"}
        unknown = set(kwargs) - allowed
        if len(args) > 1 or unknown:
            raise TypeError("compile() got unexpected arguments %s" % (list(args[1:]) + sorted(unknown)))
        return None

    def share_memory(self):
        return self

    # ---- state dict ----

    def get_extra_state(self):
        """The module's extra (non-tensor) state, saved in state_dict under `<prefix>_extra_state`
        when a subclass overrides this method (and set_extra_state to restore it)."""
        raise RuntimeError("Reached a code path in Module.get_extra_state() that should never be called. Please "
                           "file an issue at https://github.com/pytorch/pytorch/issues/new?template=bug-report.yml "
                           "to report this bug.")

    def set_extra_state(self, state):
        """Restores what get_extra_state returned (load_state_dict calls it when overridden)."""
        raise RuntimeError("Reached a code path in Module.set_extra_state() that should never be called. Please "
                           "file an issue at https://github.com/pytorch/pytorch/issues/new?template=bug-report.yml "
                           "to report this bug.")

    def _save_to_state_dict(self, destination, prefix, keep_vars):
        for name, p in self._parameters.items():
            if p is not None:
                destination[prefix + name] = p if keep_vars else p.detach()
        for name, b in self._buffers.items():
            if b is not None and name not in self._non_persistent_buffers_set:
                destination[prefix + name] = b if keep_vars else b.detach()
        if type(self).get_extra_state is not Module.get_extra_state:
            destination[prefix + _EXTRA_STATE] = self.get_extra_state()

    def state_dict(self, *args, destination=None, prefix="", keep_vars=False):
        """An OrderedDict of every parameter and persistent buffer under its dotted name
        ('0.weight', 'features.1.bias'); tensors are detached (sharing storage) unless keep_vars."""
        if args:  # the old positional form state_dict(destination, prefix, keep_vars)
            destination = args[0]
            if len(args) > 1:
                prefix = args[1]
            if len(args) > 2:
                keep_vars = args[2]
        for hook in self._state_dict_pre_hooks.values():
            hook(self, prefix, keep_vars)
        if destination is None:
            destination = OrderedDict()
            destination._metadata = OrderedDict()
        local_metadata = dict(version=self._version)
        meta = getattr(destination, "_metadata", None)
        if meta is not None:
            meta[prefix[:-1]] = local_metadata
        self._save_to_state_dict(destination, prefix, keep_vars)
        for name, m in self._modules.items():
            if m is not None:
                m.state_dict(destination=destination, prefix=prefix + name + ".", keep_vars=keep_vars)
        for hid, hook in self._state_dict_hooks.items():
            r = hook(self, destination, prefix, local_metadata)
            if hid in self._state_dict_post_hook_ids:
                if r is not None:
                    raise RuntimeError("state_dict post-hook must return None")
            elif r is not None:  # the private hooks may replace the state dict
                destination = r
        return destination

    def _load_from_state_dict(self, state_dict, prefix, local_metadata, strict, missing_keys, unexpected_keys,
                              error_msgs):
        """Loads this module's own entries of state_dict (under prefix), after running the load
        pre-hooks: parameters and persistent buffers are copied in place (or assigned, with
        load_state_dict(assign=True)), the extra state goes to set_extra_state."""
        for hook in self._load_state_dict_pre_hooks.values():
            hook(state_dict, prefix, local_metadata, strict, missing_keys, unexpected_keys, error_msgs)
        assign = local_metadata.get("assign_to_params_buffers", False)
        persistent_buffers = {k: v for k, v in self._buffers.items() if k not in self._non_persistent_buffers_set}
        local_state = {k: v for k, v in itertools.chain(self._parameters.items(), persistent_buffers.items())
                       if v is not None}
        for name, param in local_state.items():
            key = prefix + name
            if key not in state_dict:
                if strict:
                    missing_keys.append(key)
                continue
            input_param = state_dict[key]
            if not isinstance(input_param, Tensor):
                error_msgs.append('While copying the parameter named "%s", expected torch.Tensor or Tensor-like '
                                  "object from checkpoint but received %s" % (key, type(input_param)))
                continue
            if tuple(input_param.shape) != tuple(param.shape):
                error_msgs.append("size mismatch for %s: copying a param with shape %s from checkpoint, the shape "
                                  "in current model is %s." % (key, input_param.shape, param.shape))
                continue
            try:
                if assign:
                    self._assign_loaded(name, param, input_param)
                else:
                    with no_grad():
                        param.copy_(input_param)
            except Exception as ex:
                error_msgs.append('While copying the parameter named "%s", whose dimensions in the model are %s '
                                  "and whose dimensions in the checkpoint are %s, an exception occurred : %s."
                                  % (key, param.size(), input_param.size(), ex.args))
        extra_key = prefix + _EXTRA_STATE
        if type(self).set_extra_state is not Module.set_extra_state:
            if extra_key in state_dict:
                self.set_extra_state(state_dict[extra_key])
            elif strict:
                missing_keys.append(extra_key)
        elif strict and extra_key in state_dict:
            unexpected_keys.append(extra_key)
        if strict:
            for key in state_dict.keys():
                if key.startswith(prefix) and key != extra_key:
                    input_name = key[len(prefix):].split(".", 1)
                    if len(input_name) > 1:
                        if input_name[0] not in self._modules:
                            unexpected_keys.append(key)
                    elif input_name[0] not in local_state:
                        unexpected_keys.append(key)

    def _assign_loaded(self, name, current, loaded):
        """load_state_dict(assign=True): loaded replaces the tensor (a parameter keeps its
        requires_grad)."""
        if name in self._parameters:
            if not isinstance(loaded, Parameter):
                loaded = Parameter(loaded, requires_grad=current.requires_grad)
            self._parameters[name] = loaded
        else:
            self._buffers[name] = loaded

    def load_state_dict(self, state_dict, strict=True, assign=False):
        """Copies parameters and buffers from state_dict into this module (shapes must match), or
        with assign makes the state dict's tensors the module's.  Returns (missing_keys,
        unexpected_keys) after the load post-hooks (which may edit those lists); with strict (the
        default) any such key, and any shape mismatch in either mode, raises RuntimeError listing
        all of them."""
        if not isinstance(state_dict, dict):
            raise TypeError("Expected state_dict to be dict-like, got %s." % type(state_dict))
        missing_keys, unexpected_keys, error_msgs = [], [], []
        metadata = getattr(state_dict, "_metadata", None)
        state_dict = OrderedDict(state_dict)

        def load(module, prefix=""):
            local_metadata = {} if metadata is None else dict(metadata.get(prefix[:-1], {}))
            if assign:
                local_metadata["assign_to_params_buffers"] = True
            module._load_from_state_dict(state_dict, prefix, local_metadata, True, missing_keys, unexpected_keys,
                                         error_msgs)
            for name, child in module._modules.items():
                if child is not None:
                    load(child, prefix + name + ".")
            keys = _IncompatibleKeys(missing_keys, unexpected_keys)  # the lists themselves: hooks may edit them
            for hook in module._load_state_dict_post_hooks.values():
                if hook(module, keys) is not None:
                    raise RuntimeError("Hooks registered with ``register_load_state_dict_post_hook`` are not expected "
                                       "to return new values, if incompatible_keys need to be modified, it should "
                                       "be done inplace.")

        load(self)
        if strict:
            if unexpected_keys:
                error_msgs.insert(0, "Unexpected key(s) in state_dict: %s. "
                                  % ", ".join('"%s"' % k for k in unexpected_keys))
            if missing_keys:
                error_msgs.insert(0, "Missing key(s) in state_dict: %s. "
                                  % ", ".join('"%s"' % k for k in missing_keys))
        if error_msgs:
            raise RuntimeError("Error(s) in loading state_dict for %s:\n\t%s"
                               % (self.__class__.__name__, "\n\t".join(error_msgs)))
        return _IncompatibleKeys(missing_keys, unexpected_keys)

    # ---- hooks and calling ----

    def register_forward_pre_hook(self, hook, *, prepend=False, with_kwargs=False):
        """hook(module, args) -> None or new args (a tuple, or one value), run before forward."""
        h = _add_hook(self._forward_pre_hooks, hook, prepend)
        if with_kwargs:
            self._forward_pre_hooks_with_kwargs.add(h.id)
        return h

    def register_forward_hook(self, hook, *, prepend=False, with_kwargs=False, always_call=False):
        """hook(module, args, output) -> None or a replacement output, run after forward
        (with always_call also when forward raises, with output None)."""
        h = _add_hook(self._forward_hooks, hook, prepend)
        if with_kwargs:
            self._forward_hooks_with_kwargs.add(h.id)
        if always_call:
            self._forward_hooks_always_called.add(h.id)
        return h

    def register_full_backward_hook(self, hook, prepend=False):
        """hook(module, grad_input, grad_output) -> None or new grad_input, run when the gradients
        with respect to the module's tensor inputs are computed."""
        self._is_full_backward_hook = True
        return _add_hook(self._backward_hooks, hook, prepend)

    register_backward_hook = register_full_backward_hook

    def register_full_backward_pre_hook(self, hook, prepend=False):
        """hook(module, grad_output) -> None or new grad_output, run when the gradients with
        respect to the module's outputs arrive, before those of its inputs are computed."""
        return _add_hook(self._backward_pre_hooks, hook, prepend)

    def _get_backward_hooks(self):
        """(full backward hooks, non-full backward hooks): every hook here is a full one."""
        return list(self._backward_hooks.values()), []

    def _get_backward_pre_hooks(self):
        return list(self._backward_pre_hooks.values())

    def register_state_dict_pre_hook(self, hook):
        """hook(module, prefix, keep_vars), run before state_dict() saves this module."""
        return _add_hook(self._state_dict_pre_hooks, hook)

    def register_state_dict_post_hook(self, hook):
        """hook(module, state_dict, prefix, local_metadata) -> None, run after state_dict() saved
        this module and its submodules; it may edit state_dict in place (returning anything else
        than None is an error)."""
        h = _add_hook(self._state_dict_hooks, hook)
        self._state_dict_post_hook_ids.add(h.id)
        return h

    def _register_state_dict_hook(self, hook):
        """The older post-hook: hook(module, state_dict, prefix, local_metadata) may also return
        a replacement state dict."""
        return _add_hook(self._state_dict_hooks, hook)

    register_state_dict_hook = _register_state_dict_hook

    def _register_load_state_dict_pre_hook(self, hook, with_module=False):
        """hook(state_dict, prefix, local_metadata, strict, missing_keys, unexpected_keys,
        error_msgs) (with the module first when with_module), run before this module loads its
        entries; it may edit state_dict and the lists in place."""
        return _add_hook(self._load_state_dict_pre_hooks, functools.partial(hook, self) if with_module else hook)

    def register_load_state_dict_pre_hook(self, hook):
        """hook(module, state_dict, prefix, local_metadata, strict, missing_keys, unexpected_keys,
        error_msgs), run before this module loads its entries of a state dict."""
        return self._register_load_state_dict_pre_hook(hook, with_module=True)

    def register_load_state_dict_post_hook(self, hook):
        """hook(module, incompatible_keys) -> None, run after load_state_dict loaded this module
        and its submodules; incompatible_keys holds the missing_keys and unexpected_keys lists
        found so far, which the hook may edit in place (what strict then reports)."""
        return _add_hook(self._load_state_dict_post_hooks, hook)

    def _call_impl(self, *args, **kwargs):
        for hid, hook in list(self._forward_pre_hooks.items()):
            if hid in self._forward_pre_hooks_with_kwargs:
                r = hook(self, args, kwargs)
                if r is not None:
                    args, kwargs = r
            else:
                r = hook(self, args)
                if r is not None:
                    args = r if isinstance(r, tuple) else (r,)
        if self._backward_hooks or self._backward_pre_hooks:
            return _BackwardHookCall(self, args, kwargs).run()
        try:
            result = self.forward(*args, **kwargs)
        except Exception:
            self._run_always_called_hooks(args, kwargs)
            raise
        return self._run_forward_hooks(args, kwargs, result)

    def _run_forward_hooks(self, args, kwargs, result):
        for hid, hook in list(self._forward_hooks.items()):
            r = hook(self, args, kwargs, result) if hid in self._forward_hooks_with_kwargs else \
                hook(self, args, result)
            if r is not None:
                result = r
        return result

    def _run_always_called_hooks(self, args, kwargs):
        """The forward hooks registered with always_call run even when forward raised (with
        output None); their own errors are reported as warnings, not raised over forward's."""
        for hid, hook in list(self._forward_hooks.items()):
            if hid in self._forward_hooks_always_called:
                try:
                    if hid in self._forward_hooks_with_kwargs:
                        hook(self, args, kwargs, None)
                    else:
                        hook(self, args, None)
                except Exception as e:
                    warnings.warn("forward hook with ``always_call=True`` raised an exception that was silenced as "
                                  "another error was raised in forward: %s" % e)

    def _wrapped_call_impl(self, *args, **kwargs):
        if self._compiled_call_impl is not None:
            return self._compiled_call_impl(*args, **kwargs)
        return self._call_impl(*args, **kwargs)

    def _slow_forward(self, *input, **kwargs):
        return self.forward(*input, **kwargs)

    __call__ = _call_impl

    # ---- printing ----

    def _get_name(self):
        return self.__class__.__name__

    def extra_repr(self):
        """The module-specific part of repr (one or more lines); empty by default."""
        return ""

    def __repr__(self):
        extra_lines = []
        extra = self.extra_repr()
        if extra:
            extra_lines = extra.split("\n")
        child_lines = []
        for key, module in self._modules.items():
            mod_str = _addindent(repr(module), 2)
            child_lines.append("(" + key + "): " + mod_str)
        lines = extra_lines + child_lines
        main_str = self._get_name() + "("
        if lines:
            if len(extra_lines) == 1 and not child_lines:
                main_str += extra_lines[0]
            else:
                main_str += "\n  " + "\n  ".join(lines) + "\n"
        return main_str + ")"


class Container(Module):
    """Deprecated (PyTorch's original container): a Module whose keyword arguments become its
    submodules, in order.  Subclass Module instead."""

    def __init__(self, **kwargs):
        super().__init__()
        warnings.warn("nn.Container is deprecated. All of it's functionality is now implemented in nn.Module. "
                      "Subclass that instead.", DeprecationWarning, stacklevel=2)
        for key, value in kwargs.items():
            self.add_module(key, value)


def _rebind(p, new):
    """Points Parameter p at new's data (storage, dtype, shape, backend), keeping the object."""
    new = new.detach()
    p._h, p._dtype, p._bk, p._shape = new._h, new._dtype, new._bk, new._shape


class _BackwardHookCall:
    """Runs forward for a module with full backward hooks: the tensor inputs are passed through
    an identity Function whose backward calls the hooks with (grad_input, grad_output)."""

    def __init__(self, module, args, kwargs):
        self.module, self.args, self.kwargs = module, args, kwargs
        self.grad_output = None

    def run(self):
        from ...autograd.function import Function

        call = self

        class _Inputs(Function):
            @staticmethod
            def forward(ctx, *xs):
                return tuple(x.view_as(x) if isinstance(x, Tensor) else x for x in xs)

            @staticmethod
            def backward(ctx, *gs):
                gin = tuple(gs)
                for hook in list(call.module._backward_hooks.values()):
                    r = hook(call.module, gin, call.grad_output)
                    if r is not None:
                        gin = tuple(r)
                return gin

        class _Outputs(Function):
            @staticmethod
            def forward(ctx, *ys):
                return tuple(y.view_as(y) for y in ys)

            @staticmethod
            def backward(ctx, *gs):
                gs = tuple(gs)
                for hook in list(call.module._backward_pre_hooks.values()):
                    r = hook(call.module, gs)
                    if r is not None:
                        gs = tuple(r) if isinstance(r, (tuple, list)) else (r,)
                call.grad_output = gs
                return gs

        args = self.args
        if any(isinstance(a, Tensor) and a.requires_grad for a in args):
            args = _Inputs.apply(*args)
            if not isinstance(args, tuple):
                args = (args,)
        result = self.module._run_forward_hooks(args, self.kwargs, self.module.forward(*args, **self.kwargs))
        if isinstance(result, Tensor) and result.requires_grad:
            result = _Outputs.apply(result)[0]
        return result
