"""Bad input gives a clear Python exception, never a crash.

Each bad call runs in its own forked child process, so a segfault or abort in one shows up as that
call's failure instead of killing the test run.  The child reports the exception's class and
message; the test checks the class and that the message names the operation.
"""
import faulthandler
import os
import pickle
import signal

import pytest

import pytorch_py as torch

t = torch.ones(2, 3)
i = torch.tensor([1, 2, 3])

# (label, callable, expected exception class, fragment the message must contain)
BAD_CALLS = [
    ("add mismatched shapes", lambda: t + torch.ones(4), RuntimeError, "broadcast"),
    ("in-place broadcast grows output", lambda: torch.ones(3).add_(torch.ones(2, 3)), RuntimeError, "add_"),
    ("in-place float into int", lambda: i.add_(1.5), RuntimeError, "add_"),
    ("view wrong numel", lambda: t.view(4), RuntimeError, "view"),
    ("view non-contiguous", lambda: t.t().view(6), RuntimeError, "view"),
    ("view two -1", lambda: t.view(-1, -1), RuntimeError, "view"),
    ("reshape negative", lambda: t.reshape(-2, 3), RuntimeError, "reshape"),
    ("index out of range", lambda: t[2], IndexError, "expected an index in [-2, 2)"),
    ("negative index out of range", lambda: t[-3], IndexError, "but got -3"),
    ("too many indices", lambda: t[0, 0, 0], IndexError, "too many indices"),
    ("slice step zero", lambda: t[::0], ValueError, "step"),
    ("negative slice step", lambda: t[::-1], ValueError, "step"),
    ("float index tensor", lambda: t[torch.tensor([0.5])], IndexError, "index"),
    ("advanced index out of range", lambda: i[torch.tensor([5])], IndexError, "out of bounds"),
    ("mask wrong shape", lambda: t[torch.tensor([True, False, True])], IndexError, "mask"),
    ("select dim out of range", lambda: t.select(2, 0), IndexError, "select"),
    ("transpose dim out of range", lambda: t.transpose(0, 5), IndexError, "transpose"),
    ("permute repeated dim", lambda: t.permute(0, 0), IndexError, "permute"),
    ("permute too few dims", lambda: t.permute(0), IndexError, "permute"),
    ("narrow out of range", lambda: t.narrow(1, 2, 5), IndexError, "narrow"),
    ("expand incompatible", lambda: t.expand(4, 3), RuntimeError, "expand"),
    ("expand fewer dims", lambda: t.expand(3), RuntimeError, "expand"),
    ("unfold too big", lambda: t.unfold(1, 5, 1), RuntimeError, "unfold"),
    ("unfold zero step", lambda: t.unfold(1, 2, 0), RuntimeError, "unfold"),
    ("negative size", lambda: torch.zeros(-1), ValueError, "newWithSize"),
    ("size not int", lambda: torch.zeros(2.5), TypeError, "size"),
    ("item of many", lambda: t.item(), RuntimeError, "item"),
    ("bool of many", lambda: bool(t), RuntimeError, "bool"),
    ("copy mismatched", lambda: t.copy_(torch.ones(4)), RuntimeError, "expand"),
    ("int division by zero", lambda: i // 0, ValueError, "ZeroDivisionError"),
    ("int remainder by zero tensor", lambda: i % torch.zeros(3, dtype=torch.int64), ValueError, "ZeroDivisionError"),
    ("bitwise on float", lambda: t & t, TypeError, "bitwise_and"),
    ("neg of bool", lambda: -torch.tensor([True]), TypeError, "neg"),
    ("sub of bools", lambda: torch.tensor([True]) - torch.tensor([False]), TypeError, "sub"),
    ("in-place float math on int", lambda: i.exp_(), RuntimeError, "exp_"),
    ("unknown device", lambda: t.to("nodevice"), RuntimeError, "device"),
    ("bad device string", lambda: torch.device("cuda:x"), ValueError, "device"),
    ("bad dtype arg", lambda: torch.zeros(2, dtype="float"), TypeError, "dtype"),
    ("type bad name", lambda: t.type("torch.NopeTensor"), TypeError, "type"),
    ("ragged list", lambda: torch.tensor([[1, 2], [3]]), ValueError, "tensor"),
    ("tensor of strings", lambda: torch.tensor(["a"]), TypeError, "tensor"),
    ("from_numpy negative strides", lambda: torch.from_numpy(__import__("numpy").arange(3.0)[::-1]), ValueError,
     "strides"),
    ("from_numpy list", lambda: torch.from_numpy([1.0]), TypeError, "from_numpy"),
    ("size dim out of range", lambda: t.size(3), IndexError, "size"),
    ("chunk zero", lambda: t.chunk(0), RuntimeError, "chunk"),
    ("split bad sections", lambda: t.split([1, 1], 1), RuntimeError, "split"),
    ("t of 3-d", lambda: torch.ones(2, 2, 2).t(), RuntimeError, "t"),
    ("flatten bad order", lambda: torch.ones(2, 2, 2).flatten(2, 1), IndexError, "flatten"),
    ("as_strided out of storage", lambda: t.as_strided((10,), (1,)), RuntimeError, "newWithStorage"),
    ("as_strided negative stride", lambda: t.as_strided((2,), (-1,)), ValueError, "stride"),
    ("set_num_threads zero", lambda: torch.set_num_threads(0), ValueError, "set_num_threads"),
    ("fill with string", lambda: t.fill_("x"), TypeError, "fill_"),
    ("len of 0-d", lambda: len(torch.tensor(1.0)), TypeError, "len"),
    ("iterate 0-d", lambda: iter(torch.tensor(1.0)), TypeError, "iteration"),
    ("index by float", lambda: t[0.5], IndexError, "index"),
    ("clamp without bounds", lambda: t.clamp(), RuntimeError, "clamp"),
    ("storage index out of range", lambda: t.storage()[100], IndexError, "Storage"),
    ("eye negative", lambda: torch.eye(-1), RuntimeError, "eye"),
    ("linspace negative steps", lambda: torch.linspace(0, 1, -2), RuntimeError, "linspace"),
]


def _run_in_child(fn):
    """Runs fn in a forked child; returns ('raised', cls, msg), ('ok',) or ('crashed', signal)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(r)
        faulthandler.disable()  # a crash is reported through the exit status, not a traceback dump
        try:
            fn()
            out = ("ok",)
        except BaseException as e:  # noqa: BLE001  (every exception is reported back)
            out = ("raised", type(e).__name__, str(e))
        with os.fdopen(w, "wb") as f:
            pickle.dump(out, f)
        os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        data = f.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return ("crashed", signal.Signals(os.WTERMSIG(status)).name)
    return pickle.loads(data) if data else ("crashed", "exit status %d" % os.WEXITSTATUS(status))


@pytest.mark.parametrize("label,fn,exc,fragment", BAD_CALLS, ids=[c[0] for c in BAD_CALLS])
def test_bad_call_raises_clearly(label, fn, exc, fragment):
    result = _run_in_child(fn)
    assert result[0] != "crashed", "%s crashed the process: %s" % (label, result[1])
    assert result[0] == "raised", "%s did not raise" % label
    assert result[1] == exc.__name__, "%s raised %s: %s" % (label, result[1], result[2])
    assert fragment in result[2], "%s: message %r lacks %r" % (label, result[2], fragment)


def test_child_runner_detects_a_crash():
    # the runner must see a real crash, or the test above proves nothing
    assert _run_in_child(lambda: os.kill(os.getpid(), signal.SIGSEGV))[0] == "crashed"
