"""Creating and freeing many tensors and views leaks no memory."""
import gc

import numpy as np

import pytorch_py as torch


def _rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


def _churn(n):
    base = torch.zeros(64)
    arr = np.zeros(16)
    for _ in range(n):
        t = torch.empty(8, 8)
        v = t.t()[1:, ::2]
        w = base.view(8, 8).narrow(0, 1, 3)
        s = (t + t).sum if hasattr(t, "sum") else None
        u = torch.from_numpy(arr)
        x = w.expand(2, 3, 8).unsqueeze(0)
        del t, v, w, s, u, x


def test_no_growth_over_1e5_tensors_and_views():
    _churn(2000)  # warm up allocator pools and caches
    gc.collect()
    before = _rss_bytes()
    _churn(100_000)
    gc.collect()
    grown = _rss_bytes() - before
    # 1e5 iterations each create 6 tensors (~500 bytes of headers each): a leak of any of them
    # would grow RSS by tens of MB; allocator noise stays far below 4 MB.
    assert grown < 4 * 1024 * 1024, "RSS grew by %.1f MB" % (grown / 2**20)


def test_storage_freed_with_last_view():
    t = torch.zeros(1000)
    s = t.storage()
    v = t[10:20]
    del t
    gc.collect()
    v[0] = 3  # the storage is still alive through the view
    assert s[10] == 3


def test_numpy_array_released_when_tensor_dies():
    import weakref

    a = np.zeros(10)
    ref = weakref.ref(a)
    t = torch.from_numpy(a)
    v = t[2:5]
    del a
    gc.collect()
    assert ref() is not None  # the tensor's storage keeps the array alive
    del t
    gc.collect()
    assert ref() is not None  # ...and so does a view of it
    del v
    gc.collect()
    assert ref() is None
