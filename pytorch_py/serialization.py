"""torch.save / torch.load in PyTorch's file formats (layer: tensor; never imports the real torch,
autograd or nn).

The zip format (PyTorch >= 1.6, what `save` writes): an uncompressed zip archive whose entries are

    <archive>/data.pkl                  the pickled object (protocol 2 by default)
    <archive>/.format_version           b"1"
    <archive>/.storage_alignment        b"64"
    <archive>/byteorder                 b"little"
    <archive>/data/<key>                the raw little-endian bytes of one storage, per storage
    <archive>/version                   b"3\\n"
    <archive>/.data/serialization_id    40 decimal digits identifying this save

Every entry's data starts at a multiple of 64 bytes (padding in a "FB" extra field of the local
header), entries carry data descriptors (flag 0x0808) and the archive always ends with zip64
records, as PyTorch's writer does.  In data.pkl a tensor is

    torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad,
                                    collections.OrderedDict())

and a storage is the persistent id ('storage', torch.FloatStorage, key, location, numel).  The
GLOBAL opcodes name the real torch's functions and classes; since that package must never be
imported, the pickler writes those opcodes for small stand-in objects (`_Global`), and the
unpickler maps the names back to this module's rebuild functions.

`load` also reads the legacy format (PyTorch < 1.6, `_use_new_zipfile_serialization=False`): a
sequence of pickles (magic number, protocol 1001, system info, the object, the storage keys)
followed by each storage as an int64 element count and its raw bytes.  `save` can write it too.
"""
import _compat_pickle
import collections
import contextlib
import io
import os
import pickle
import secrets
import struct
import sys
import zlib

import numpy as np

from . import _dtype as D
from ._creation import empty
from ._device import device as _device
from ._size import Size
from .backends import available_backends
from .backends.cpu import CPU
from .storage import Storage
from .tensor import Tensor

__all__ = ["save", "load"]

DEFAULT_PROTOCOL = 2
_ALIGNMENT = 64
_LEGACY_MAGIC = 0x1950a86a20f9469cfc6c
_LEGACY_PROTOCOL = 1001
_LEGACY_HEADER = b"\x80\x02\x8a\x0a" + _LEGACY_MAGIC.to_bytes(10, "little")

# Set by the nn layer (which this layer must not import): called as
# _parameter_factory(tensor, requires_grad) to rebuild a saved torch.nn.Parameter.  Without it a
# saved Parameter loads as a plain Tensor.
_parameter_factory = None

# storage class name in the real torch -> dtype (the legacy typed-storage names PyTorch pickles)
_STORAGE_NAMES = {d._legacy.replace("Tensor", "Storage"): d for d in D.ALL}
_UNSUPPORTED_STORAGES = {"BFloat16Storage": "bfloat16", "ComplexFloatStorage": "complex64",
                         "ComplexDoubleStorage": "complex128", "QInt8Storage": "qint8", "QUInt8Storage": "quint8",
                         "QInt32Storage": "qint32", "QUInt4x2Storage": "quint4x2", "QUInt2x4Storage": "quint2x4"}
_UNSUPPORTED_DTYPES = ("bfloat16", "complex32", "complex64", "complex128", "cfloat", "cdouble", "chalf",
                       "uint16", "uint32", "uint64", "float8_e4m3fn", "float8_e5m2", "float8_e4m3fnuz",
                       "float8_e5m2fnuz", "qint8", "quint8", "qint32", "quint4x2", "bits8", "bits16")


# ---------------------------------------------------------------------------------------------
# Saving
# ---------------------------------------------------------------------------------------------

class _Global:
    """Stand-in for a global of another package (the real torch): pickled as GLOBAL module.name
    without importing that module.  Callable only so that pickle accepts it as a reduce function."""

    __slots__ = ("module", "name")

    def __init__(self, module, name):
        self.module, self.name = module, name

    def __call__(self, *args):
        raise TypeError("%s.%s is a pickling stand-in and cannot be called" % (self.module, self.name))

    def __repr__(self):
        return "%s.%s" % (self.module, self.name)


_GLOBALS = {}


def _global(module, name):
    """The one stand-in for module.name (one object per name, so the pickle memo reuses it)."""
    key = (module, name)
    g = _GLOBALS.get(key)
    if g is None:
        g = _GLOBALS[key] = _Global(module, name)
    return g


_REBUILD_TENSOR_V2 = _global("torch._utils", "_rebuild_tensor_v2")
_REBUILD_PARAMETER = _global("torch._utils", "_rebuild_parameter")
_ORDERED_DICT = collections.OrderedDict


class _StorageRef:
    """A storage to save with the location it came from (a tensor on another device is saved
    through a CPU copy, under its own device's name)."""

    __slots__ = ("storage", "location")

    def __init__(self, storage, location):
        self.storage, self.location = storage, location


def _storage_key_ptr(st):
    """Identity of the C storage a Storage object wraps (several Storage objects can wrap it)."""
    from ._C import ffi

    return int(ffi.cast("uintptr_t", st._h))


def _storage_array(st):
    """A NumPy array sharing the memory of Storage st (all its elements, its own dtype)."""
    n = len(st)
    return empty(0, dtype=st.dtype).set_(st, 0, (n,)).numpy()


class _Saver:
    """Collects the storages the pickled object refers to, one key per distinct C storage, so
    tensors that view one storage are saved as views of ONE storage."""

    def __init__(self, legacy=False):
        self.legacy = legacy
        self.keys = {}  # storage pointer -> key
        self.records = []  # (key, Storage), in key order

    def persistent_id(self, obj):
        # called for every object pickled: the common "not a storage" answer comes first
        t = type(obj)
        if t is Storage:
            st, location = obj, "cpu"
        elif t is _StorageRef:
            st, location = obj.storage, obj.location
        elif isinstance(obj, Storage):
            st, location = obj, "cpu"
        else:
            return None
        ptr = _storage_key_ptr(st)
        key = self.keys.get(ptr)
        if key is None:
            key = self.keys[ptr] = str(len(self.records))
            self.records.append((key, st))
        cls = _global("torch", st.dtype._legacy.replace("Tensor", "Storage"))
        if self.legacy:
            return ("storage", cls, key, location, len(st), None)
        return ("storage", cls, key, location, len(st))

    def reduce_tensor(self, t):
        location = "cpu"
        if t._bk is not CPU:
            location = str(t.device)
            t = t.cpu()
        st = t.storage()
        ref = st if location == "cpu" else _StorageRef(st, location)
        requires_grad = bool(getattr(t, "requires_grad", False))
        if getattr(t, "_is_param", False):
            plain = empty(0, dtype=t.dtype).set_(t)
            return (_REBUILD_PARAMETER, (plain, requires_grad, _ORDERED_DICT()))
        return (_REBUILD_TENSOR_V2, (ref, t.storage_offset(), tuple(t.shape), tuple(t.stride()), requires_grad,
                                     _ORDERED_DICT()))


def _save_global_standin(self, obj):
    if self.proto >= 4:
        self.save(obj.module)
        self.save(obj.name)
        self.write(pickle.STACK_GLOBAL)
    else:
        self.write(pickle.GLOBAL + obj.module.encode("utf-8") + b"\n" + obj.name.encode("utf-8") + b"\n")
    self.memoize(obj)


def _save_dtype(self, obj):
    self.save(_global("torch", obj.name))


def _save_size(self, obj):
    self.save_reduce(_global("torch", "Size"), (tuple(obj),), obj=obj)


def _save_device(self, obj):
    self.save_reduce(_global("torch", "device"), (str(obj),), obj=obj)


_PICKLER_CLASSES = {}


def _pickler_class(base):
    """A subclass of the pure-Python pickler `base` that pickles tensors, storages, dtypes, Size and
    device as the real torch does (the C pickler cannot write a GLOBAL for a module it cannot
    import, hence the pure-Python one)."""
    cls = _PICKLER_CLASSES.get(base)
    if cls is not None:
        return cls

    class _TorchPickler(base):
        dispatch = base.dispatch.copy()
        dispatch[_Global] = _save_global_standin
        dispatch[D.dtype] = _save_dtype
        dispatch[Size] = _save_size
        dispatch[_device] = _save_device

        def __init__(self, file, protocol, saver):
            base.__init__(self, file, protocol)
            # instance attributes, looked up before the class's: one call less per object
            self.persistent_id = saver.persistent_id
            reduce_tensor = saver.reduce_tensor

            def reducer_override(obj):
                return reduce_tensor(obj) if isinstance(obj, Tensor) else NotImplemented

            self.reducer_override = reducer_override

    _PICKLER_CLASSES[base] = _TorchPickler
    return _TorchPickler


def _pickle_object(obj, pickle_module, protocol, saver):
    if pickle_module is None or pickle_module is pickle:
        base = pickle._Pickler
    else:
        base = getattr(pickle_module, "_Pickler", None) or getattr(pickle_module, "Pickler", None)
        if not (isinstance(base, type) and issubclass(base, pickle._Pickler)):
            raise TypeError("save: expected a pickle_module whose Pickler derives from the pure-Python "
                            "pickle._Pickler (the standard pickle module does), but got %r" % (pickle_module,))
    if not isinstance(protocol, int) or not 2 <= protocol <= pickle.HIGHEST_PROTOCOL:
        raise ValueError("save: expected pickle_protocol between 2 and %d, but got %r"
                         % (pickle.HIGHEST_PROTOCOL, protocol))
    buf = io.BytesIO()
    _pickler_class(base)(buf, protocol, saver).dump(obj)
    return buf.getvalue()


def _storage_bytes(st):
    """A little-endian byte view of Storage st's memory (no copy on little-endian hosts)."""
    a = _storage_array(st)
    if sys.byteorder != "little" and a.dtype.itemsize > 1:
        a = a.byteswap()
    return memoryview(a.view(np.uint8))


class _Output:
    """Counts the bytes written to f (which need be neither seekable nor start at offset 0)."""

    def __init__(self, f):
        self.f, self.pos = f, 0

    def write(self, b):
        n = memoryview(b).nbytes
        if n:
            self.f.write(b)
            self.pos += n


class _ZipWriter:
    """Writes a stored (uncompressed) zip archive the way PyTorch's writer lays it out."""

    def __init__(self, out, prefix):
        self.out, self.prefix, self.entries = out, prefix, []

    def write_record(self, name, data):
        name_b = (self.prefix + "/" + name).encode("utf-8")
        offset = self.out.pos
        pad = -(offset + 30 + len(name_b) + 4) % _ALIGNMENT
        extra = b"FB" + struct.pack("<H", pad) + b"Z" * pad
        self.out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 0, 0x0808, 0, 0, 0, 0, 0, 0, len(name_b), len(extra))
                       + name_b + extra)
        mv = memoryview(data).cast("B")
        crc, size = zlib.crc32(mv) & 0xFFFFFFFF, mv.nbytes
        self.out.write(mv)
        if size >= 0xFFFFFFFF:
            self.out.write(struct.pack("<4sLQQ", b"PK\x07\x08", crc, size, size))
        else:
            self.out.write(struct.pack("<4sLLL", b"PK\x07\x08", crc, size, size))
        self.entries.append((name_b, crc, size, offset))

    def finish(self):
        cd_start = self.out.pos
        for name_b, crc, size, offset in self.entries:
            z64 = []
            if size >= 0xFFFFFFFF:
                z64 += [size, size]
            if offset >= 0xFFFFFFFF:
                z64.append(offset)
            extra = struct.pack("<HH%dQ" % len(z64), 1, 8 * len(z64), *z64) if z64 else b""
            sz = 0xFFFFFFFF if size >= 0xFFFFFFFF else size
            self.out.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 0, 0, 0x0808, 0, 0, 0, crc, sz, sz,
                                       len(name_b), len(extra), 0, 0, 0, 0, min(offset, 0xFFFFFFFF))
                           + name_b + extra)
        n = len(self.entries)
        cd_size = self.out.pos - cd_start
        eocd64 = self.out.pos
        self.out.write(struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 0x031E, 45, 0, 0, n, n, cd_size, cd_start))
        self.out.write(struct.pack("<4sLQL", b"PK\x06\x07", 0, eocd64, 1))
        self.out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, min(n, 0xFFFF), min(n, 0xFFFF),
                                   min(cd_size, 0xFFFFFFFF), min(cd_start, 0xFFFFFFFF), 0))


def _write_zip(f, prefix, pkl, saver, byteorder_record):
    w = _ZipWriter(_Output(f), prefix)
    w.write_record("data.pkl", pkl)
    w.write_record(".format_version", b"1")
    w.write_record(".storage_alignment", str(_ALIGNMENT).encode())
    if byteorder_record:
        w.write_record("byteorder", b"little")
    for key, st in saver.records:
        w.write_record("data/" + key, _storage_bytes(st))
    w.write_record("version", b"3\n")
    w.write_record(".data/serialization_id", b"%020d%020d" % (secrets.randbits(64), secrets.randbits(64)))
    w.finish()


def _write_legacy(f, pkl_main, saver, protocol):
    out = _Output(f)
    for header in (_LEGACY_MAGIC, _LEGACY_PROTOCOL,
                   dict(protocol_version=_LEGACY_PROTOCOL, little_endian=True,
                        type_sizes=dict(short=2, int=4, long=4))):
        out.write(pickle.dumps(header, protocol=protocol))
    out.write(pkl_main)
    out.write(pickle.dumps([key for key, _ in saver.records], protocol=protocol))
    for _, st in saver.records:
        out.write(struct.pack("<q", len(st)))
        out.write(_storage_bytes(st))


def _is_path(f):
    return isinstance(f, (str, bytes, os.PathLike))


def save(obj, f, pickle_module=pickle, pickle_protocol=DEFAULT_PROTOCOL, _use_new_zipfile_serialization=True,
         _disable_byteorder_record=False):
    """Saves `obj` (tensors, storages, containers of them, any picklable object) to `f`, a path
    (str / os.PathLike) or a writable file object, in PyTorch's zip format, which the real
    torch.load reads.

    Tensors keep their dtype, shape, strides and storage offset; tensors that view one storage are
    saved with that storage once (the whole storage), so they are views of one storage again after
    loading.  A tensor on another device is saved through a CPU copy under its device's name.
    `pickle_protocol` (2 by default, as PyTorch) is the data.pkl protocol; `pickle_module` must
    provide a pure-Python Pickler (the standard pickle module does).  A path is written
    atomically: to a temporary file in the same directory, fsynced, then renamed over `f`, so a
    failed save leaves neither a half-written file nor the temporary file.
    `_use_new_zipfile_serialization=False` writes the legacy (pre-1.6) format instead.
    """
    if not (_is_path(f) or hasattr(f, "write")):
        raise TypeError("save: expected a path (str or os.PathLike) or a writable file object, but got %s"
                        % type(f).__name__)
    saver = _Saver(legacy=not _use_new_zipfile_serialization)
    # Pickle first, in memory: an unpicklable object fails before anything is written.
    pkl = _pickle_object(obj, pickle_module, pickle_protocol, saver)

    def write(fobj, prefix):
        if _use_new_zipfile_serialization:
            _write_zip(fobj, prefix, pkl, saver, not _disable_byteorder_record)
        else:
            _write_legacy(fobj, pkl, saver, pickle_protocol)

    if not _is_path(f):
        write(f, "archive")
        return
    path = os.fsdecode(f)
    if os.path.isdir(path):
        raise IsADirectoryError("save: expected a file path, but %r is a directory" % path)
    directory, base = os.path.split(os.path.abspath(path))
    tmp = os.path.join(directory, ".%s.%s.tmp" % (base, secrets.token_hex(6)))
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as fobj:
            write(fobj, os.path.splitext(base)[0] or "archive")
            fobj.flush()
            os.fsync(fobj.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(directory)


def _fsync_dir(directory):
    """Makes the rename durable (POSIX); best effort, since not every platform can open a directory."""
    try:
        dfd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------

class _StorageType:
    """What the unpickler gives for a storage class global such as torch.FloatStorage."""

    __slots__ = ("name", "dtype")

    def __init__(self, name, dtype):
        self.name, self.dtype = name, dtype

    def __repr__(self):
        return "torch." + self.name


_STORAGE_TYPES = {n: _StorageType(n, d) for n, d in _STORAGE_NAMES.items()}
_UNTYPED = _StorageType("UntypedStorage", D.uint8)


class _LegacyStorageView:
    """A slice of a storage (legacy files could save storage views); tensors built on it view the
    root storage at the slice's offset."""

    __slots__ = ("root", "offset", "size")

    def __init__(self, root, offset, size):
        self.root, self.offset, self.size = root, offset, size


class _CorruptFile(RuntimeError):
    """Raised with a complete message that already names the file."""


class _UsageError(TypeError):
    """A bad argument of load noticed while unpickling (not a problem of the file)."""


class _DisallowedGlobal(pickle.UnpicklingError):
    """weights_only=True met a global outside the allowlist."""


_safe_globals = {}


def _global_name(obj):
    return "%s.%s" % (getattr(obj, "__module__", None), getattr(obj, "__qualname__", getattr(obj, "__name__", None)))


def add_safe_globals(safe_globals):
    """Allows load(weights_only=True) to use these globals (classes or functions you trust); an
    entry may be an object or a pair (object, "module.name") naming it as the file does."""
    for item in safe_globals:
        if isinstance(item, tuple):
            obj, name = item
        else:
            obj, name = item, _global_name(item)
        _safe_globals[name] = obj


def get_safe_globals():
    """The globals added with add_safe_globals."""
    return list(_safe_globals.values())


def clear_safe_globals():
    """Forgets every global added with add_safe_globals."""
    _safe_globals.clear()


@contextlib.contextmanager
def safe_globals(globals_):
    """Context manager: add_safe_globals(globals_) for the duration of the block."""
    saved = dict(_safe_globals)
    add_safe_globals(globals_)
    try:
        yield
    finally:
        _safe_globals.clear()
        _safe_globals.update(saved)


def _map_name(module, name, proto):
    """Python 2 names (protocol < 3 pickles) to Python 3 ones, as pickle's fix_imports does."""
    if proto < 3:
        if (module, name) in _compat_pickle.NAME_MAPPING:
            module, name = _compat_pickle.NAME_MAPPING[(module, name)]
        elif module in _compat_pickle.IMPORT_MAPPING:
            module = _compat_pickle.IMPORT_MAPPING[module]
    return module, name


# Builtins any file may use under weights_only=True (what protocol-2 pickles of containers and
# primitive values need: bytes pickle as _codecs.encode(str, 'latin1') there).
_SAFE_BUILTINS = {
    "collections.OrderedDict": collections.OrderedDict,
    "builtins.set": set,
    "builtins.frozenset": frozenset,
    "builtins.complex": complex,
    "builtins.bytearray": bytearray,
    "builtins.slice": slice,
    "_codecs.encode": __import__("codecs").encode,
}


class _Loader:
    """One load: the file's storages (by key), map_location, and the rebuild functions that the
    unpickler hands out for torch's global names."""

    def __init__(self, name, map_location, weights_only):
        self.name, self.map_location, self.weights_only = name, map_location, weights_only
        self.storages = {}  # key -> Storage
        self.devices = {}  # id(Storage) -> device to build tensors on (None: CPU)
        self.torch_globals = {
            "torch._utils._rebuild_tensor_v2": self._rebuild_tensor_v2,
            "torch._utils._rebuild_tensor": self._rebuild_tensor,
            "torch._utils._rebuild_parameter": self._rebuild_parameter,
            "torch._utils._rebuild_parameter_with_state": self._rebuild_parameter_with_state,
            "torch.Size": Size,
            "torch.device": _device,
            "torch.storage.UntypedStorage": _UNTYPED,
            "torch.UntypedStorage": _UNTYPED,
        }
        for n, st in _STORAGE_TYPES.items():
            self.torch_globals["torch." + n] = st
        for n, d in D._BY_NAME.items():
            self.torch_globals["torch." + n] = d

    def error(self, what):
        return _CorruptFile("load: %r %s" % (self.name, what))

    # ---- globals ----

    def find_torch_global(self, module, name):
        """The object for a global of the torch package, or a clear error for one pytorch_py
        lacks (never importing the real torch)."""
        full = module + "." + name
        obj = self.torch_globals.get(full)
        if obj is not None:
            return obj
        if module == "torch" and (name in _UNSUPPORTED_DTYPES or name in _UNSUPPORTED_STORAGES):
            raise self.error("uses %s (dtype torch.%s), which pytorch_py does not support (it supports %s)"
                             % (full, _UNSUPPORTED_STORAGES.get(name, name), ", ".join(str(d) for d in D.ALL)))
        return None

    def find_class(self, module, name, proto, fallback):
        module, name = _map_name(module, name, proto)
        full = module + "." + name
        if module == "torch" or module.startswith("torch."):
            obj = self.find_torch_global(module, name)
            if obj is not None:
                return obj
            if self.weights_only:
                raise _disallowed(full, self.name)
            raise self.error("refers to %s, a part of PyTorch that pytorch_py does not provide" % full)
        if self.weights_only:
            obj = _SAFE_BUILTINS.get(full, _safe_globals.get(full))
            if obj is None:
                raise _disallowed(full, self.name)
            return obj
        return fallback(module, name)

    # ---- storages ----

    def restore(self, st, location):
        """Applies map_location to a freshly read storage: (storage, device or None for CPU)."""
        ml = self.map_location
        if ml is None:
            target = location
        elif isinstance(ml, dict):
            target = ml.get(location, location)
        elif isinstance(ml, (str, _device)):
            target = ml
        elif callable(ml):
            res = ml(st, location)
            if res is None:
                target = location
            elif isinstance(res, Storage):
                return res, None
            else:
                raise _UsageError("load: expected map_location to return a Storage or None, but it returned %s"
                                  % type(res).__name__)
        try:
            dev = _device(str(target))
        except (TypeError, ValueError) as e:
            raise self.error("has a storage at an unknown location %r (%s)" % (target, e)) from None
        if dev.type == "cpu":
            return st, None
        if dev.type not in available_backends():
            raise RuntimeError(
                "load: %r holds tensors saved on device '%s', but pytorch_py has no '%s' backend here "
                "(available: %s). Pass map_location='cpu' (or torch.device('cpu')) to load them on the CPU."
                % (self.name, dev, dev.type, ", ".join(available_backends())))
        return st, dev

    def new_storage(self, key, storage_type, location, numel):
        if not isinstance(storage_type, _StorageType):
            raise self.error("is corrupted: a storage has type %r, which is not a storage class" % (storage_type,))
        if not isinstance(key, str) or not isinstance(location, str):
            raise self.error("is corrupted: a storage has key %r at location %r (expected strings)"
                             % (key, location))
        if not isinstance(numel, int) or isinstance(numel, bool) or numel < 0:
            raise self.error("is corrupted: storage %r has %r elements" % (key, numel))
        return Storage(numel, dtype=storage_type.dtype)

    def check_shared(self, key, st, storage_type):
        if st.dtype is not storage_type.dtype:
            raise self.error("is corrupted: storage %r is used both as %s and %s"
                             % (key, st.dtype, storage_type.dtype))

    # ---- rebuild functions (what torch's global names map to) ----

    def _tensor_on(self, storage, storage_offset, size, stride, fn):
        base = 0
        if isinstance(storage, _LegacyStorageView):
            base, storage = storage.offset, storage.root
        if not isinstance(storage, Storage):
            raise self.error("is corrupted: %s got %s instead of a storage" % (fn, type(storage).__name__))
        if not _is_int_seq(size) or not _is_int_seq(stride) or len(size) != len(stride):
            raise self.error("is corrupted: %s got size %r and stride %r" % (fn, size, stride))
        if not isinstance(storage_offset, int) or storage_offset < 0 or any(s < 0 for s in size) \
                or any(s < 0 for s in stride):
            raise self.error("is corrupted: %s got a negative offset, size or stride (%r, %r, %r)"
                             % (fn, storage_offset, size, stride))
        offset = base + storage_offset
        if all(size):
            extent = offset + sum((n - 1) * s for n, s in zip(size, stride)) + 1
            if extent > len(storage):
                raise self.error("is corrupted: a tensor of size %s, stride %s and offset %d needs %d elements, "
                                 "but its storage has %d" % (list(size), list(stride), offset, extent, len(storage)))
        t = empty(0, dtype=storage.dtype).set_(storage, offset, tuple(size), tuple(stride))
        dev = self.devices.get(id(storage))
        if dev is not None:
            t = t.to(dev)
        return t

    def _rebuild_tensor(self, storage, storage_offset, size, stride):
        return self._tensor_on(storage, storage_offset, size, stride, "_rebuild_tensor")

    def _rebuild_tensor_v2(self, storage, storage_offset, size, stride, requires_grad=False, backward_hooks=None,
                           metadata=None):
        t = self._tensor_on(storage, storage_offset, size, stride, "_rebuild_tensor_v2")
        if requires_grad and hasattr(t, "requires_grad_"):
            t.requires_grad_(True)
        return t

    def _rebuild_parameter(self, data, requires_grad=True, backward_hooks=None):
        if not isinstance(data, Tensor):
            raise self.error("is corrupted: _rebuild_parameter got %s instead of a tensor" % type(data).__name__)
        if _parameter_factory is not None:
            return _parameter_factory(data, bool(requires_grad))
        return data

    def _rebuild_parameter_with_state(self, data, requires_grad, backward_hooks, state):
        return self._rebuild_parameter(data, requires_grad, backward_hooks)


def _is_int_seq(x):
    return isinstance(x, (tuple, list)) and all(isinstance(v, int) and not isinstance(v, bool) for v in x)


def _disallowed(full, fname):
    return _DisallowedGlobal(
        "load: weights_only=True refused the global %s in %r: it is not an allowed global (weights_only loads "
        "only tensors, storages, containers, primitive values, torch.Size, dtypes and devices). If you trust "
        "the file, load it with weights_only=False (it can then run arbitrary code), or allowlist the global "
        "with pytorch_py.serialization.add_safe_globals([...])." % (full, fname))


def _restricted_unpickler_class(base=pickle._Unpickler):
    """The weights_only unpickler: pure Python, so that every opcode that could reach arbitrary
    code is checked: globals come only from the allowlist, BUILD only sets plain attributes of
    OrderedDicts (state_dict metadata) and allowlisted classes, NEWOBJ only makes allowlisted
    classes, and the copyreg extension registry is refused."""

    class _RestrictedUnpickler(base):
        dispatch = base.dispatch.copy()

        def __init__(self, file, loader, **kwargs):
            base.__init__(self, file, **kwargs)
            self._loader = loader

        def find_class(self, module, name):
            return self._loader.find_class(module, name, self.proto, None)

        def persistent_load(self, pid):
            return self._loader.persistent_load(pid)

        def _allowed_class(self, cls):
            return isinstance(cls, type) and (cls in _SAFE_BUILTINS.values() or cls in (Size, _device) or
                                              cls in _safe_globals.values())

        def load_build(self):
            inst, state = self.stack[-2], self.stack[-1]
            if isinstance(inst, collections.OrderedDict) or type(inst) in _safe_globals.values():
                slotstate = None
                if isinstance(state, tuple) and len(state) == 2:
                    state, slotstate = state
                if slotstate is None and (state is None or (isinstance(state, dict) and all(
                        isinstance(k, str) and not k.startswith("__") for k in state))) \
                        or type(inst) in _safe_globals.values():
                    return base.load_build(self)
            raise pickle.UnpicklingError("load: weights_only=True refused to set the state of a %s object in %r"
                                         % (type(inst).__name__, self._loader.name))

        def load_newobj(self):
            if not self._allowed_class(self.stack[-2]):
                raise _disallowed("NEWOBJ of %r" % (self.stack[-2],), self._loader.name)
            return base.load_newobj(self)

        def load_newobj_ex(self):
            if not self._allowed_class(self.stack[-3]):
                raise _disallowed("NEWOBJ_EX of %r" % (self.stack[-3],), self._loader.name)
            return base.load_newobj_ex(self)

        def load_ext(self):
            raise pickle.UnpicklingError("load: weights_only=True refuses the copyreg extension opcodes in %r"
                                         % self._loader.name)

        dispatch[pickle.BUILD[0]] = load_build
        dispatch[pickle.NEWOBJ[0]] = load_newobj
        dispatch[pickle.NEWOBJ_EX[0]] = load_newobj_ex
        dispatch[pickle.EXT1[0]] = load_ext
        dispatch[pickle.EXT2[0]] = load_ext
        dispatch[pickle.EXT4[0]] = load_ext

    return _RestrictedUnpickler


_RestrictedUnpickler = _restricted_unpickler_class()
_UNPICKLER_CLASSES = {}


def _full_unpickler_class(base):
    """weights_only=False: the given pickle module's (fast) Unpickler, with torch's names mapped to
    ours and storages read from the file."""
    cls = _UNPICKLER_CLASSES.get(base)
    if cls is None:
        class _FullUnpickler(base):
            def __init__(self, file, loader, **kwargs):
                base.__init__(self, file, **kwargs)
                self._loader = loader
                self._fix = kwargs.get("fix_imports", True)

            def find_class(self, module, name):
                # proto < 3 pickles name builtins as __builtin__; map them only if fix_imports is on
                proto = 2 if self._fix else 3
                return self._loader.find_class(module, name, proto, lambda m, n: base.find_class(self, m, n))

            def persistent_load(self, pid):
                return self._loader.persistent_load(pid)

        cls = _UNPICKLER_CLASSES[base] = _FullUnpickler
    return cls


class _ZipLoader(_Loader):
    """Reads the zip format with our own reading of each record (local header, data read straight
    into the storage's memory, CRC-32 checked)."""

    def __init__(self, f, name, map_location, weights_only):
        import zipfile

        _Loader.__init__(self, name, map_location, weights_only)
        self.f = f
        try:
            self.zf = zipfile.ZipFile(f)
            infos = self.zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, struct.error) as e:
            raise self.error("is truncated or corrupted: it starts as a zip archive (PyTorch's format) but "
                             "its zip directory cannot be read (%s)" % e) from None
        self.infos = {i.filename: i for i in infos}
        pkls = [i.filename for i in infos if i.filename.endswith("/data.pkl") and i.filename.count("/") == 1]
        if not pkls:
            if any(n.endswith("constants.pkl") for n in self.infos):
                raise self.error("is a TorchScript archive (torch.jit.save), which pytorch_py cannot load")
            raise self.error("is not a PyTorch file: the zip archive has no <archive>/data.pkl record")
        self.prefix = pkls[0][:-len("data.pkl")]

    def record_info(self, name):
        info = self.infos.get(self.prefix + name)
        if info is None:
            raise self.error("is corrupted: the record %r is missing" % (self.prefix + name))
        return info

    def read_record(self, name, out=None):
        """Record `name`'s bytes (or read into the writable byte buffer `out` of the right size)."""
        info = self.record_info(name)
        if info.compress_type != 0:  # not written by PyTorch, but a re-zipped file stays loadable
            try:
                data = self.zf.read(info)
            except Exception as e:
                raise self.error("is corrupted: cannot read the record %r (%s)" % (info.filename, e)) from None
            if out is None:
                return data
            if len(data) != len(out):
                raise self.error("is corrupted: the record %r has %d bytes, expected %d"
                                 % (info.filename, len(data), len(out)))
            out[:] = data
            return out
        f = self.f
        f.seek(info.header_offset)
        header = f.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            raise self.error("is truncated or corrupted: the local header of record %r is damaged" % info.filename)
        n, e = struct.unpack("<HH", header[26:30])
        f.seek(info.header_offset + 30 + n + e)
        size = info.file_size
        if out is None:
            data = f.read(size)
            got = len(data)
        else:
            if len(out) != size:
                raise self.error("is corrupted: the record %r has %d bytes, but its storage needs %d"
                                 % (info.filename, size, len(out)))
            data, got = out, 0
            while got < size:
                k = f.readinto(out[got:])
                if not k:
                    break
                got += k
        if got != size:
            raise self.error("is truncated: the record %r should have %d bytes but only %d could be read"
                             % (info.filename, size, got))
        if zlib.crc32(data) & 0xFFFFFFFF != info.CRC:
            raise self.error("is corrupted: the record %r fails its CRC-32 check" % info.filename)
        return data

    def persistent_load(self, pid):
        if not isinstance(pid, tuple) or len(pid) != 5 or pid[0] != "storage":
            raise self.error("is corrupted: unknown persistent id %r" % (pid,))
        _, storage_type, key, location, numel = pid
        st = self.storages.get(key)
        if st is not None:
            self.check_shared(key, st, storage_type)
            return st
        st = self.new_storage(key, storage_type, location, numel)
        if numel:
            a = _storage_array(st)
            self.read_record("data/" + key, memoryview(a.view(np.uint8)))
            if self.big_endian and a.dtype.itemsize > 1:
                a.byteswap(inplace=True)
        elif self.record_info("data/" + key).file_size:
            raise self.error("is corrupted: the record for empty storage %r is not empty" % key)
        st, dev = self.restore(st, location)
        self.storages[key] = st
        if dev is not None:
            self.devices[id(st)] = dev
        return st

    def load(self, pickle_module, pickle_load_args):
        order = b"little"
        if self.prefix + "byteorder" in self.infos:
            order = bytes(self.read_record("byteorder")).strip()
            if order not in (b"little", b"big"):
                raise self.error("is corrupted: its byteorder record says %r" % order)
        self.big_endian = (order == b"big") != (sys.byteorder == "big")
        pkl = self.read_record("data.pkl")
        return _unpickle(self, io.BytesIO(pkl), pickle_module, pickle_load_args)


def _unpickle(loader, buf, pickle_module, pickle_load_args):
    if loader.weights_only:
        unpickler = _RestrictedUnpickler(buf, loader, **pickle_load_args)
    else:
        unpickler = _full_unpickler_class(pickle_module.Unpickler)(buf, loader, **pickle_load_args)
    return unpickler.load()


class _LegacyLoader(_Loader):
    """Reads the legacy (pre-1.6) format: magic, protocol, sys_info, object, keys, storage data."""

    def __init__(self, data, name, map_location, weights_only):
        _Loader.__init__(self, name, map_location, weights_only)
        self.buf = io.BytesIO(data)

    def persistent_load(self, pid):
        if isinstance(pid, tuple) and pid and pid[0] == "module" and len(pid) >= 2:
            if self.weights_only:
                raise _disallowed("(a whole nn.Module saved with its class)", self.name)
            return pid[1]  # an nn.Module class saved with its source: the class itself
        if not isinstance(pid, tuple) or len(pid) != 6 or pid[0] != "storage":
            raise self.error("is corrupted: unknown persistent id %r" % (pid,))
        _, storage_type, key, location, numel, view = pid
        st = self.storages.get(key)
        if st is None:
            st, dev = self.restore(self.new_storage(key, storage_type, location, numel), location)
            self.storages[key] = st
            if dev is not None:
                self.devices[id(st)] = dev
        else:
            self.check_shared(key, st, storage_type)
        if view is None:
            return st
        if not (isinstance(view, tuple) and len(view) == 3 and _is_int_seq(view[1:]) and
                0 <= view[1] and view[1] + view[2] <= len(st)):
            raise self.error("is corrupted: bad storage view %r of storage %r" % (view, key))
        return _LegacyStorageView(st, view[1], view[2])

    def load(self, pickle_module, pickle_load_args):
        def one():
            return _unpickle(self, self.buf, pickle_module, pickle_load_args)

        if one() != _LEGACY_MAGIC:
            raise self.error("is corrupted: invalid magic number")
        version = one()
        if version != _LEGACY_PROTOCOL:
            raise self.error("has legacy protocol version %r; only %d is supported" % (version, _LEGACY_PROTOCOL))
        sys_info = one()
        little = sys_info.get("little_endian", True) if isinstance(sys_info, dict) else True
        result = one()
        keys = one()
        if not isinstance(keys, list):
            raise self.error("is corrupted: the storage key list is %s" % type(keys).__name__)
        for key in keys:
            st = self.storages.get(key)
            if st is None:
                raise self.error("is corrupted: data for storage %r, which the object does not use" % (key,))
            head = self.buf.read(8)
            if len(head) != 8:
                raise self.error("is truncated: the data of storage %r is missing" % key)
            numel = struct.unpack("<q" if little else ">q", head)[0]
            if numel != len(st):
                raise self.error("is corrupted: storage %r has %d elements in the data section but %d in the "
                                 "object" % (key, numel, len(st)))
            if numel:
                a = _storage_array(st)
                mv = memoryview(a.view(np.uint8))
                got = self.buf.readinto(mv)
                if got != mv.nbytes:
                    raise self.error("is truncated: storage %r should have %d bytes but only %d could be read"
                                     % (key, mv.nbytes, got))
                if little != (sys.byteorder == "little") and a.dtype.itemsize > 1:
                    a.byteswap(inplace=True)
        return result


def load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None, **pickle_load_args):
    """Loads an object saved with save (or by the real torch.save, zip or legacy format) from `f`,
    a path or a readable file object (non-seekable ones are read into memory first).

    weights_only (default True, as PyTorch >= 2.6): only tensors, storages, dict / list / tuple /
    OrderedDict / set containers, int, float, str, bytes, bool, None, complex, torch.Size, dtypes
    and devices load; any other global raises pickle.UnpicklingError naming it (load with
    weights_only=False, only for files you trust, to allow arbitrary objects; or allowlist globals
    with pytorch_py.serialization.add_safe_globals).  map_location: None (the saved location),
    a string or torch.device (every storage goes there), a dict mapping saved locations to new ones
    ({'cuda:0': 'cpu'}), or a callable(storage, location) returning a Storage or None (None keeps
    the default).  A location without a backend here raises RuntimeError suggesting
    map_location='cpu'.  pickle_module (only with weights_only=False) supplies the Unpickler;
    pickle_load_args (e.g. encoding) go to it.  mmap is accepted for compatibility; the data is
    always read into memory.  A truncated or corrupted file raises RuntimeError naming the file and
    the problem.  Tensors that shared a storage when saved share one storage after loading.
    """
    if weights_only is None:
        weights_only = True
    if weights_only and pickle_module is not None:
        raise RuntimeError("load: cannot load safely with weights_only=True and an explicit pickle_module; pass "
                           "weights_only=False to use that pickle module (only for files you trust)")
    if pickle_module is None:
        pickle_module = pickle
    if not (map_location is None or isinstance(map_location, (str, dict, _device)) or callable(map_location)):
        raise TypeError("load: expected map_location to be None, a string, a torch.device, a dict or a callable, "
                        "but got %s" % type(map_location).__name__)
    pickle_load_args.setdefault("encoding", "utf-8")
    opened = _is_path(f)
    if opened:
        name = os.fsdecode(f)
        fobj = open(name, "rb")
    elif hasattr(f, "read"):
        fobj = f
        name = getattr(f, "name", None)
        name = name if isinstance(name, str) else "<%s>" % type(f).__name__
    else:
        raise TypeError("load: expected a path (str or os.PathLike) or a readable file object, but got %s"
                        % type(f).__name__)
    try:
        return _load_from(fobj, name, map_location, weights_only, pickle_module, pickle_load_args)
    finally:
        if opened:
            fobj.close()


def _load_from(fobj, name, map_location, weights_only, pickle_module, pickle_load_args):
    if not (hasattr(fobj, "seekable") and fobj.seekable()):
        fobj = io.BytesIO(fobj.read())
    start = fobj.tell()
    head = fobj.read(len(_LEGACY_HEADER))
    fobj.seek(start)
    if head[:4] == b"PK\x03\x04":
        if start:
            fobj = io.BytesIO(fobj.read())  # offsets in the archive count from its first byte
        loader = _ZipLoader(fobj, name, map_location, weights_only)
    elif head == _LEGACY_HEADER:
        loader = _LegacyLoader(fobj.read(), name, map_location, weights_only)
    elif not head:
        raise _CorruptFile("load: %r is empty: it holds no saved object" % name)
    elif head[:1] == b"\x80":
        raise _CorruptFile("load: %r is not a PyTorch file or is corrupted: it is a pickle but lacks the legacy "
                           "format's magic number (invalid magic number)" % name)
    else:
        raise _CorruptFile("load: %r is not a PyTorch file: expected a zip archive (PyTorch >= 1.6) or the legacy "
                           "format, but it starts with %r" % (name, bytes(head[:8])))
    try:
        return loader.load(pickle_module, pickle_load_args)
    except (_CorruptFile, _DisallowedGlobal, _UsageError):
        raise
    except (pickle.UnpicklingError, EOFError, struct.error) as e:
        if weights_only and isinstance(e, pickle.UnpicklingError) and str(e).startswith("load: "):
            raise
        raise _CorruptFile("load: %r is truncated or corrupted: its pickled data cannot be read (%s: %s)"
                           % (name, type(e).__name__, e)) from None
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError,
            MemoryError) as e:
        if not weights_only:
            raise
        # Under weights_only only allowlisted code runs, so these mean malformed data.
        raise _CorruptFile("load: %r is corrupted: its pickled data is malformed (%s: %s)"
                           % (name, type(e).__name__, e)) from None
    finally:
        # The loader's table of bound rebuild methods is a reference cycle: break it now, so that
        # the storages it holds are freed with the result and not at the next garbage collection.
        loader.torch_globals = loader.storages = loader.devices = None
