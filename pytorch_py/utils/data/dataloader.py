"""DataLoader: iterates a dataset in (optionally shuffled) batches, in the main process."""
from .dataset import IterableDataset, TensorDataset
from .sampler import BatchSampler, RandomSampler, Sampler, SequentialSampler
from ._collate import default_collate, default_convert


def get_worker_info():
    """Information about the current DataLoader worker process; None in the main process (and, while
    there are no worker processes, always)."""
    return None


class _InfiniteConstantSampler(Sampler):
    """For iterable datasets: yields None forever (the dataset decides when to stop)."""

    def __iter__(self):
        while True:
            yield None


class DataLoader:
    """DataLoader(dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None, num_workers=0,
    collate_fn=None, pin_memory=False, drop_last=False, timeout=0, worker_init_fn=None,
    multiprocessing_context=None, generator=None, *, prefetch_factor=None, persistent_workers=False,
    pin_memory_device='').

    Map-style datasets: indices come from `sampler` (RandomSampler(generator=generator) when shuffle,
    else SequentialSampler) grouped by BatchSampler(batch_size, drop_last), or from `batch_sampler`;
    each batch is collate_fn([dataset[i] for i in indices]) (the dataset's __getitems__ when it has
    one).  batch_size=None turns batching off: each sample goes through collate_fn (default_convert).
    Iterable datasets are read in order and batched the same way.  Only num_workers=0 is supported
    until worker processes exist."""

    def __init__(self, dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None, num_workers=0,
                 collate_fn=None, pin_memory=False, drop_last=False, timeout=0, worker_init_fn=None,
                 multiprocessing_context=None, generator=None, *, prefetch_factor=None, persistent_workers=False,
                 pin_memory_device="", in_order=True):
        if num_workers < 0:
            raise ValueError("num_workers option should be non-negative; use num_workers=0 to disable "
                             "multiprocessing.")
        if num_workers > 0:
            raise NotImplementedError("DataLoader: num_workers > 0 needs the multiprocessing issue; expected "
                                      "num_workers=0, but got %d" % num_workers)
        if timeout < 0:
            raise ValueError("timeout option should be non-negative")
        if prefetch_factor is not None:
            raise ValueError("prefetch_factor option could only be specified in multiprocessing. let num_workers > 0 "
                             "to enable multiprocessing, otherwise set prefetch_factor to None.")
        if persistent_workers:
            raise ValueError("persistent_workers option needs num_workers > 0")
        self.dataset = dataset
        self.num_workers = num_workers
        self.prefetch_factor = prefetch_factor
        self.pin_memory = pin_memory
        self.pin_memory_device = pin_memory_device
        self.timeout = timeout
        self.worker_init_fn = worker_init_fn
        self.multiprocessing_context = multiprocessing_context
        self.persistent_workers = persistent_workers
        self.in_order = in_order
        self._is_iterable = isinstance(dataset, IterableDataset)

        if self._is_iterable:
            if shuffle not in (False, None):
                raise ValueError("DataLoader with IterableDataset: expected unspecified shuffle option, but got "
                                 "shuffle={}".format(shuffle))
            if sampler is not None:
                raise ValueError("DataLoader with IterableDataset: expected unspecified sampler option, but got "
                                 "sampler={}".format(sampler))
            if batch_sampler is not None:
                raise ValueError("DataLoader with IterableDataset: expected unspecified batch_sampler option, "
                                 "but got batch_sampler={}".format(batch_sampler))
        shuffle = bool(shuffle)
        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError("batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, "
                                 "and drop_last")
            batch_size = None
            drop_last = False
        elif batch_size is None and drop_last:
            raise ValueError("batch_size=None option disables auto-batching and is mutually exclusive with "
                             "drop_last")
        if sampler is None:
            if self._is_iterable:
                sampler = _InfiniteConstantSampler()
            elif shuffle:
                sampler = RandomSampler(dataset, generator=generator)
            else:
                sampler = SequentialSampler(dataset)
        if batch_size is not None and batch_sampler is None:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.generator = generator
        if collate_fn is None:
            collate_fn = default_collate if self._auto_collation else default_convert
        self.collate_fn = collate_fn

    @property
    def _auto_collation(self):
        return self.batch_sampler is not None

    @property
    def _index_sampler(self):
        return self.batch_sampler if self._auto_collation else self.sampler

    def __len__(self):
        """Number of batches (for an iterable dataset: from len(dataset), when it has one)."""
        if self._is_iterable:
            length = len(self.dataset)
            if self.batch_size is not None:
                length = length // self.batch_size if self.drop_last else -(-length // self.batch_size)
            return length
        return len(self._index_sampler)

    def __iter__(self):
        if self._is_iterable:
            return self._iter_iterable()
        return self._iter_map()

    def _iter_map(self):
        dataset, collate = self.dataset, self.collate_fn
        if not self._auto_collation:
            for idx in self.sampler:
                yield collate(dataset[idx])
            return
        if collate is default_collate and type(dataset) is TensorDataset:
            # fast path, same result: default_collate of the tuples (t[i], ...) is [stack of t[i], ...],
            # which one index_select per tensor gives without making a view per sample
            from ..._creation import tensor
            from ..._dtype import int64

            tensors = dataset.tensors
            for indices in self.batch_sampler:
                index = tensor(indices, dtype=int64)
                yield [t.index_select(0, index) for t in tensors]
            return
        getitems = getattr(dataset, "__getitems__", None)
        for indices in self.batch_sampler:
            data = getitems(indices) if callable(getitems) else [dataset[i] for i in indices]
            yield collate(data)

    def _iter_iterable(self):
        collate = self.collate_fn
        if not self._auto_collation:
            for sample in self.dataset:
                yield collate(sample)
            return
        it = iter(self.dataset)
        while True:
            batch = []
            for sample in it:
                batch.append(sample)
                if len(batch) == self.batch_size:
                    break
            if not batch or (len(batch) < self.batch_size and self.drop_last):
                return
            yield collate(batch)
            if len(batch) < self.batch_size:
                return
