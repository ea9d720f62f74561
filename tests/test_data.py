"""torch.utils.data: datasets, samplers, default_collate and DataLoader against hand-worked results."""
import collections

import numpy as np
import pytest

import pytorch_py as torch
from conftest import assert_matches, real_torch
from pytorch_py.utils.data import (BatchSampler, ChainDataset, ConcatDataset, DataLoader, Dataset, IterableDataset,
                                   RandomSampler, SequentialSampler, Subset, SubsetRandomSampler, TensorDataset,
                                   WeightedRandomSampler, default_collate, default_convert, get_worker_info,
                                   random_split)


class Squares(Dataset):
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if not 0 <= i < self.n:
            raise IndexError(i)
        return i * i


class Stream(IterableDataset):
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return iter(range(self.n))

    def __len__(self):
        return self.n


def _gen(seed):
    g = torch.Generator()
    g.manual_seed(seed)
    return g


def test_tensor_dataset():
    x = torch.arange(12.0).reshape(4, 3)
    y = torch.tensor([0, 1, 0, 1])
    ds = TensorDataset(x, y)
    assert len(ds) == 4
    a, b = ds[2]
    assert_matches(a, [6.0, 7.0, 8.0])
    assert b.item() == 0
    assert_matches(ds[1:3][0], [[3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
    with pytest.raises(ValueError, match="Size mismatch"):
        TensorDataset(x, torch.zeros(3))
    with pytest.raises(TypeError, match="Tensors"):
        TensorDataset(np.zeros(3))


def test_concat_subset_and_add():
    a, b = Squares(3), Squares(2)
    cat = a + b
    assert isinstance(cat, ConcatDataset) and len(cat) == 5
    assert [cat[i] for i in range(5)] == [0, 1, 4, 0, 1]
    assert cat[-1] == 1 and cat[-3] == 4
    assert cat.cumulative_sizes == [3, 5]
    with pytest.raises(IndexError):
        cat[5]
    with pytest.raises(ValueError):
        cat[-6]
    sub = Subset(Squares(10), [9, 2, 5])
    assert len(sub) == 3 and [sub[i] for i in range(3)] == [81, 4, 25]
    assert sub.__getitems__([2, 0]) == [25, 81]
    with pytest.raises(TypeError, match="IterableDataset"):
        ConcatDataset([Stream(3)])
    assert list(Stream(2) + Stream(3)) == [0, 1, 0, 1, 2]
    assert isinstance(Stream(2) + Stream(3), ChainDataset)


def test_random_split_lengths_and_fractions():
    ds = Squares(10)
    parts = random_split(ds, [3, 7], generator=_gen(1))
    assert [len(p) for p in parts] == [3, 7]
    idx = parts[0].indices + parts[1].indices
    assert sorted(idx) == list(range(10))
    # the indices are a randperm of the generator, cut in order
    assert idx == torch.randperm(10, generator=_gen(1)).tolist()
    again = random_split(ds, [3, 7], generator=_gen(1))
    assert again[0].indices == parts[0].indices
    # fractions: floor(11 * f) = 3, 3, 4 -> remainder 1 goes to the first split
    parts = random_split(Squares(11), [0.3, 0.3, 0.4], generator=_gen(2))
    assert [len(p) for p in parts] == [4, 3, 4]
    with pytest.raises(ValueError, match="Sum of input lengths"):
        random_split(ds, [3, 8])


def test_sequential_and_random_sampler():
    assert list(SequentialSampler(range(4))) == [0, 1, 2, 3]
    s = RandomSampler(range(10), generator=_gen(3))
    order = list(s)
    assert sorted(order) == list(range(10)) and len(s) == 10
    assert order == torch.randperm(10, generator=_gen(3)).tolist()
    # without replacement, more samples than items: whole permutations, then part of one more
    s = RandomSampler(range(4), num_samples=10, generator=_gen(4))
    got = list(s)
    assert len(got) == 10 and sorted(got[:4]) == [0, 1, 2, 3] and sorted(got[4:8]) == [0, 1, 2, 3]
    s = RandomSampler(range(3), replacement=True, num_samples=70, generator=_gen(5))
    got = list(s)
    assert len(got) == 70 and set(got) == {0, 1, 2}
    # unseeded: a fresh order each pass, still a permutation
    assert sorted(RandomSampler(range(6))) == list(range(6))
    with pytest.raises(ValueError, match="num_samples"):
        RandomSampler(range(3), num_samples=0)
    with pytest.raises(TypeError, match="replacement"):
        RandomSampler(range(3), replacement=1)


def test_subset_and_weighted_samplers():
    s = SubsetRandomSampler([10, 20, 30, 40], generator=_gen(6))
    perm = torch.randperm(4, generator=_gen(6)).tolist()
    assert list(s) == [[10, 20, 30, 40][i] for i in perm] and len(s) == 4
    w = WeightedRandomSampler([0.0, 1.0, 0.0, 3.0], num_samples=400, generator=_gen(7))
    got = np.array(list(w))
    assert set(got.tolist()) == {1, 3} and len(w) == 400
    assert 0.65 < (got == 3).mean() < 0.85  # expected 0.75
    w = WeightedRandomSampler([1.0, 1.0, 1.0], num_samples=3, replacement=False, generator=_gen(8))
    assert sorted(w) == [0, 1, 2]
    with pytest.raises(ValueError, match="num_samples"):
        WeightedRandomSampler([1.0], num_samples=-1)
    with pytest.raises(ValueError, match="1d"):
        WeightedRandomSampler([[1.0]], num_samples=1)


def test_batch_sampler():
    assert list(BatchSampler(range(7), 3, False)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(BatchSampler(range(7), 3, True)) == [[0, 1, 2], [3, 4, 5]]
    assert len(BatchSampler(range(7), 3, False)) == 3 and len(BatchSampler(range(7), 3, True)) == 2
    with pytest.raises(ValueError, match="batch_size"):
        BatchSampler(range(7), 0, False)
    with pytest.raises(ValueError, match="drop_last"):
        BatchSampler(range(7), 2, 1)


def test_default_collate_nested():
    Point = collections.namedtuple("Point", "x y")
    batch = [
        {"img": torch.tensor([1.0, 2.0]), "label": 1, "w": 0.5, "name": "a", "arr": np.array([1, 2], np.int32),
         "pair": (1, [2.0, 3.0]), "pt": Point(1, 2), "np_scalar": np.float32(1.5), "flag": True},
        {"img": torch.tensor([3.0, 4.0]), "label": 0, "w": 1.5, "name": "b", "arr": np.array([3, 4], np.int32),
         "pair": (5, [6.0, 7.0]), "pt": Point(3, 4), "np_scalar": np.float32(2.5), "flag": False},
    ]
    out = default_collate(batch)
    assert_matches(out["img"], [[1.0, 2.0], [3.0, 4.0]], dtype=torch.float32)
    assert_matches(out["label"], [1, 0], dtype=torch.int64)
    assert_matches(out["w"], [0.5, 1.5], dtype=torch.float64)
    assert out["name"] == ["a", "b"]
    assert_matches(out["arr"], [[1, 2], [3, 4]], dtype=torch.int32)
    assert isinstance(out["pair"], list)  # tuples become lists, as in PyTorch
    assert_matches(out["pair"][0], [1, 5])
    assert_matches(out["pair"][1][0], [2.0, 6.0])
    assert_matches(out["pair"][1][1], [3.0, 7.0])
    assert isinstance(out["pt"], Point)
    assert_matches(out["pt"].y, [2, 4])
    assert_matches(out["np_scalar"], [1.5, 2.5], dtype=torch.float32)
    assert_matches(out["flag"], [True, False], dtype=torch.bool)


def test_default_collate_errors_and_convert():
    with pytest.raises(RuntimeError, match="equal size"):
        default_collate([[1, 2], [3]])
    with pytest.raises(TypeError, match="default_collate"):
        default_collate([object(), object()])
    with pytest.raises(TypeError, match="default_collate"):
        default_collate([np.array(["a"]), np.array(["b"])])
    conv = default_convert({"a": np.arange(3), "b": (np.float64(2.0), "s")})
    assert_matches(conv["a"], [0, 1, 2], dtype=torch.int64)
    assert isinstance(conv["b"], list) and conv["b"][1] == "s"
    assert_matches(conv["b"][0], 2.0, dtype=torch.float64)


def test_default_collate_matches_real_torch():
    ref_torch = real_torch()
    batch = [(np.float32(1.0), 2, 3.0, np.array([1.0, 2.0])), (np.float32(4.0), 5, 6.0, np.array([3.0, 4.0]))]
    ours = default_collate(batch)
    theirs = ref_torch.utils.data.default_collate(batch)
    for a, b in zip(ours, theirs):
        assert str(a.dtype) == str(b.dtype)
        np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_dataloader_batches_in_order():
    x = torch.arange(20.0).reshape(10, 2)
    y = torch.arange(10)
    loader = DataLoader(TensorDataset(x, y), batch_size=4)
    batches = list(loader)
    assert len(loader) == 3 and len(batches) == 3
    assert isinstance(batches[0], list)
    assert_matches(batches[0][0], np.arange(8.0).reshape(4, 2))
    assert_matches(batches[2][1], [8, 9])
    loader = DataLoader(TensorDataset(x, y), batch_size=4, drop_last=True)
    assert len(loader) == 2 and [b[1].tolist() for b in loader] == [[0, 1, 2, 3], [4, 5, 6, 7]]


def test_dataloader_tensor_dataset_fast_path_equals_generic_path():
    x = torch.randn(9, 3).t().contiguous().t()[:, :]  # non-contiguous rows
    y = torch.arange(9)
    ds = TensorDataset(x, y)
    fast = list(DataLoader(ds, batch_size=4, shuffle=True, generator=_gen(9)))
    slow = list(DataLoader(ds, batch_size=4, shuffle=True, generator=_gen(9), collate_fn=lambda b: default_collate(b)))
    for (a, b), (c, d) in zip(fast, slow):
        np.testing.assert_array_equal(a.numpy(), c.numpy())
        np.testing.assert_array_equal(b.numpy(), d.numpy())


def test_dataloader_shuffle_generator_is_reproducible():
    ds = Squares(10)
    a = [t.tolist() for t in DataLoader(ds, batch_size=3, shuffle=True, generator=_gen(10))]
    b = [t.tolist() for t in DataLoader(ds, batch_size=3, shuffle=True, generator=_gen(10))]
    assert a == b
    flat = sum(a, [])
    assert sorted(flat) == sorted(i * i for i in range(10))
    perm = torch.randperm(10, generator=_gen(10)).tolist()
    assert flat == [i * i for i in perm]


def test_dataloader_samplers_and_collate_fn():
    ds = Squares(6)
    loader = DataLoader(ds, batch_size=2, sampler=[5, 4, 3, 2])
    assert [b.tolist() for b in loader] == [[25, 16], [9, 4]]
    loader = DataLoader(ds, batch_sampler=[[0, 1, 2], [5]])
    assert [b.tolist() for b in loader] == [[0, 1, 4], [25]] and len(loader) == 2
    loader = DataLoader(ds, batch_size=4, collate_fn=lambda batch: sum(batch))
    assert list(loader) == [0 + 1 + 4 + 9, 16 + 25]
    loader = DataLoader(ds, batch_size=None)  # no batching: each sample through default_convert
    assert list(loader) == [0, 1, 4, 9, 16, 25] and len(loader) == 6


def test_dataloader_dicts_and_numpy_samples():
    class Dicts(Dataset):
        def __len__(self):
            return 3

        def __getitem__(self, i):
            return {"x": np.full(2, i, np.float32), "i": i}

    (b0, b1) = list(DataLoader(Dicts(), batch_size=2))
    assert_matches(b0["x"], [[0, 0], [1, 1]], dtype=torch.float32)
    assert_matches(b1["i"], [2], dtype=torch.int64)


def test_dataloader_iterable_dataset():
    loader = DataLoader(Stream(7), batch_size=3)
    assert [b.tolist() for b in loader] == [[0, 1, 2], [3, 4, 5], [6]] and len(loader) == 3
    loader = DataLoader(Stream(7), batch_size=3, drop_last=True)
    assert [b.tolist() for b in loader] == [[0, 1, 2], [3, 4, 5]] and len(loader) == 2
    assert [b.tolist() for b in DataLoader(Stream(6), batch_size=3)] == [[0, 1, 2], [3, 4, 5]]
    assert list(DataLoader(Stream(2), batch_size=None)) == [0, 1]
    with pytest.raises(ValueError, match="shuffle"):
        DataLoader(Stream(3), shuffle=True)
    with pytest.raises(ValueError, match="sampler"):
        DataLoader(Stream(3), sampler=[0])


def test_dataloader_option_errors():
    ds = Squares(4)
    with pytest.raises(NotImplementedError,
                       match=r"DataLoader: num_workers > 0 needs the multiprocessing issue; expected "
                             r"num_workers=0, but got 2"):
        DataLoader(ds, num_workers=2)
    with pytest.raises(ValueError, match="non-negative"):
        DataLoader(ds, num_workers=-1)
    with pytest.raises(ValueError, match="mutually exclusive with shuffle"):
        DataLoader(ds, sampler=[0], shuffle=True)
    with pytest.raises(ValueError, match="batch_sampler option is mutually exclusive"):
        DataLoader(ds, batch_sampler=[[0]], batch_size=2)
    with pytest.raises(ValueError, match="drop_last"):
        DataLoader(ds, batch_size=None, drop_last=True)
    assert get_worker_info() is None


def test_epoch_training_loop_with_optimizer():
    # the main job: a linear least-squares fit trained for a few epochs through a DataLoader
    g = _gen(11)
    x = torch.randn(64, 3, generator=g)
    w_true = torch.tensor([[1.0], [-2.0], [0.5]])
    y = x.matmul(w_true)
    w = torch.zeros(3, 1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.1, momentum=0.5)
    loader = DataLoader(TensorDataset(x, y), batch_size=16, shuffle=True, generator=g)
    for _ in range(40):
        for xb, yb in loader:
            opt.zero_grad()
            ((xb.matmul(w) - yb) ** 2).mean().backward()
            opt.step()
    np.testing.assert_allclose(w.detach().numpy(), w_true.numpy(), atol=1e-3)
