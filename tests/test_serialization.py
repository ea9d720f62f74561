"""torch.save / torch.load: PyTorch's zip format (and the legacy one), round trips, shared storages,
map_location, weights_only, damaged files, atomic saves, and compatibility with the real torch."""
import collections
import io
import os
import pickle
import struct
import warnings
import zipfile

import numpy as np
import pytest

import pytorch_py as torch
from pytorch_py import serialization
from conftest import ALL_DTYPES, assert_matches, real_torch


def sample(dtype, shape=(3, 4), seed=0):
    rng = np.random.default_rng(seed)
    a = rng.standard_normal(shape) * 10
    if dtype is torch.bool:
        a = a > 0
    return torch.from_numpy(np.ascontiguousarray(a.astype(dtype._np)))


def roundtrip(obj, **load_kwargs):
    buf = io.BytesIO()
    torch.save(obj, buf)
    buf.seek(0)
    return torch.load(buf, **load_kwargs)


def same_storage(a, b):
    return a.storage().data_ptr() == b.storage().data_ptr()


class Point:
    """A plain user class (module level, so pickle can find it)."""

    def __init__(self, x, y):
        self.x, self.y = x, y


class Evil:
    """Pickles to a call of os.system: what weights_only must never run."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (os.system, ("touch %s" % self.path,))


# ---- round trips ----

@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=str)
def test_roundtrip_every_dtype(dtype):
    t = sample(dtype)
    r = roundtrip(t)
    assert r.dtype is dtype and r.shape == t.shape and r.stride() == t.stride()
    assert_matches(r, t.numpy(), dtype=dtype)
    assert not same_storage(r, t)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float16, torch.bool, torch.int64], ids=str)
def test_non_contiguous_tensors_keep_strides_and_offsets(dtype):
    base = sample(dtype, (4, 6))
    views = [base.t(), base[1:, ::2], base[2], base[:, 3], base.select(1, 2).unsqueeze(0).expand(3, 4),
             base[0, 0]]
    loaded = roundtrip(views)
    for v, r in zip(views, loaded):
        assert r.shape == v.shape and r.stride() == v.stride() and r.storage_offset() == v.storage_offset()
        assert_matches(r, v.numpy(), dtype=dtype)
    assert all(same_storage(loaded[0], r) for r in loaded[1:])
    assert len(loaded[0].storage()) == 24


def test_views_of_one_storage_stay_shared():
    t = torch.arange(10, dtype=torch.float64)
    a, b = roundtrip([t, t[1:]])
    assert same_storage(a, b) and b.storage_offset() == 1
    a[3] = 100.0
    assert b[2].item() == 100.0
    # the same tensor twice is one object again; a storage saved beside its tensor is shared too
    c, d, s = roundtrip((t, t, t.storage()))
    assert c is d and s.data_ptr() == c.storage().data_ptr()


def test_empty_and_scalar_tensors():
    e, z, s, big = roundtrip([torch.empty(0, 3), torch.zeros(2, 0, dtype=torch.int8), torch.tensor(3.5),
                              torch.arange(1000, dtype=torch.int16)])
    assert e.shape == (0, 3) and z.shape == (2, 0) and z.dtype is torch.int8
    assert s.shape == () and s.item() == 3.5
    assert_matches(big, np.arange(1000, dtype=np.int16))


@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=str)
def test_storage_roundtrip(dtype):
    t = sample(dtype, (7,))
    s = roundtrip(t.storage())
    assert isinstance(s, torch.Storage) and s.dtype is dtype and s.tolist() == t.storage().tolist()


def test_containers_and_primitives():
    od = collections.OrderedDict([("w", torch.ones(2)), ("b", torch.zeros(1))])
    od._metadata = {"": {"version": 1}}  # what nn state_dicts carry: a BUILD opcode on an OrderedDict
    obj = {"list": [1, 2.5, "s", b"by\x00tes", None, True, False, 3 + 4j, 2 ** 70, -5],
           "tuple": (1, (2, (3,))), "set": {1, 2, 3}, "frozen": frozenset({"a"}), "od": od,
           "nested": {"deep": [{"t": torch.arange(3)}]}, "size": torch.Size([2, 3]), "dtype": torch.float16,
           "dtypes": list(ALL_DTYPES), "device": torch.device("cpu"), "bytearray": bytearray(b"ab"),
           "empty": ({}, [], ())}
    for weights_only in (True, False):
        r = roundtrip(obj, weights_only=weights_only)
        assert r["list"] == obj["list"] and r["tuple"] == obj["tuple"] and r["set"] == obj["set"]
        assert r["frozen"] == obj["frozen"] and r["bytearray"] == obj["bytearray"] and r["empty"] == obj["empty"]
        assert type(r["od"]) is collections.OrderedDict and list(r["od"]) == ["w", "b"]
        assert r["od"]._metadata == {"": {"version": 1}}
        assert_matches(r["nested"]["deep"][0]["t"], [0, 1, 2])
        assert type(r["size"]) is torch.Size and r["size"] == (2, 3)
        assert r["dtype"] is torch.float16 and r["dtypes"] == list(ALL_DTYPES)
        assert isinstance(r["device"], torch.device) and r["device"] == torch.device("cpu")


def test_arbitrary_objects_need_weights_only_false():
    buf = io.BytesIO()
    torch.save({"p": Point(1, torch.ones(2))}, buf)
    buf.seek(0)
    with pytest.raises(pickle.UnpicklingError, match=r"Point.*weights_only=False"):
        torch.load(buf)
    buf.seek(0)
    r = torch.load(buf, weights_only=False)
    assert isinstance(r["p"], Point) and r["p"].x == 1
    assert_matches(r["p"].y, [1.0, 1.0])
    buf.seek(0)
    with serialization.safe_globals([Point]):
        assert torch.load(buf)["p"].x == 1
    assert Point not in serialization.get_safe_globals()


def test_weights_only_refuses_a_malicious_pickle(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.pt"
    torch.save({"w": torch.ones(2), "evil": Evil(marker)}, path)
    with pytest.raises(pickle.UnpicklingError, match=r"system.*weights_only=False"):
        torch.load(path)
    with pytest.raises(pickle.UnpicklingError):
        torch.load(path, weights_only=True)
    assert not marker.exists()


def test_weights_only_refuses_state_on_tensors():
    # hand-made pickle: a BUILD opcode setting _shape on a rebuilt tensor must be refused
    good = io.BytesIO()
    torch.save(torch.ones(2), good)
    with zipfile.ZipFile(io.BytesIO(good.getvalue())) as z:
        records = {n: z.read(n) for n in z.namelist()}
    pkl_name = [n for n in records if n.endswith("data.pkl")][0]
    pkl = records[pkl_name]
    assert pkl.endswith(b".")
    records[pkl_name] = pkl[:-1] + b"}X\x06\x00\x00\x00_shapeK\x63s" + b"N\x86b."  # {'_shape': 99}, (d, None)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for n, d in records.items():
            z.writestr(n, d)
    out.seek(0)
    with pytest.raises(pickle.UnpicklingError, match="weights_only=True refused to set the state of a Tensor"):
        torch.load(out)


def test_pickle_protocols_and_modules():
    obj = {"t": torch.arange(6).reshape(2, 3).t(), "s": {1, 2}, "d": torch.int8}
    for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
        buf = io.BytesIO()
        torch.save(obj, buf, pickle_module=pickle, pickle_protocol=proto)
        buf.seek(0)
        r = torch.load(buf)
        assert r["t"].stride() == (1, 3) and r["s"] == {1, 2} and r["d"] is torch.int8
        buf.seek(0)
        assert torch.load(buf, pickle_module=pickle, weights_only=False)["d"] is torch.int8
    buf.seek(0)
    with pytest.raises(RuntimeError, match="pickle_module"):
        torch.load(buf, pickle_module=pickle, weights_only=True)
    with pytest.raises(ValueError, match="pickle_protocol"):
        torch.save(obj, io.BytesIO(), pickle_protocol=1)


def test_paths_and_file_objects(tmp_path):
    t = torch.arange(5, dtype=torch.int32)
    for f in (str(tmp_path / "a.pt"), tmp_path / "b.pt"):
        torch.save(t, f)
        assert_matches(torch.load(f), np.arange(5, dtype=np.int32))
    with open(tmp_path / "c.pt", "wb") as fh:
        torch.save(t, fh)
    with open(tmp_path / "c.pt", "rb") as fh:
        assert_matches(torch.load(fh), np.arange(5, dtype=np.int32))
    assert (tmp_path / "c.pt").read_bytes()[:4] == b"PK\x03\x04"

    class WriteOnly:  # neither seekable nor tellable
        def __init__(self):
            self.parts = []

        def write(self, b):
            self.parts.append(bytes(b))
            return len(b)

    class ReadOnly:
        def __init__(self, data):
            self.raw = io.BytesIO(data)

        def read(self, n=-1):
            return self.raw.read(n)

    w = WriteOnly()
    torch.save([t, t[2:]], w)
    a, b = torch.load(ReadOnly(b"".join(w.parts)))
    assert same_storage(a, b) and b.storage_offset() == 2
    # a save that starts in the middle of a stream loads from that position
    buf = io.BytesIO(b"prefix")
    buf.seek(0, 2)
    torch.save(t, buf)
    buf.seek(6)
    assert_matches(torch.load(buf), np.arange(5, dtype=np.int32))
    with pytest.raises(TypeError, match="path"):
        torch.save(t, 3)
    with pytest.raises(TypeError, match="path"):
        torch.load(3.5)
    with pytest.raises(FileNotFoundError):
        torch.load(tmp_path / "missing.pt")


def test_zip_layout_matches_pytorch(tmp_path):
    path = tmp_path / "model.pt"
    t = torch.arange(12, dtype=torch.float32)
    torch.save({"a": t.reshape(3, 4), "b": torch.ones(3, dtype=torch.uint8)}, path)
    data = path.read_bytes()
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        names = z.namelist()
        assert names == ["model/data.pkl", "model/.format_version", "model/.storage_alignment", "model/byteorder",
                         "model/data/0", "model/data/1", "model/version", "model/.data/serialization_id"]
        assert z.read("model/version") == b"3\n" and z.read("model/byteorder") == b"little"
        sid = z.read("model/.data/serialization_id")
        assert len(sid) == 40 and sid.isdigit()
        assert z.read("model/data/0") == np.arange(12, dtype="<f4").tobytes()
        pkl = z.read("model/data.pkl")
        assert pkl[:2] == b"\x80\x02"
        assert b"ctorch._utils\n_rebuild_tensor_v2\n" in pkl and b"ctorch\nFloatStorage\n" in pkl
        assert b"ccollections\nOrderedDict\n" in pkl and b"ctorch\nByteStorage\n" in pkl
        for info in z.infolist():
            assert info.compress_type == zipfile.ZIP_STORED and info.flag_bits == 0x0808
            n, e = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
            start = info.header_offset + 30 + n + e
            assert start % 64 == 0, info.filename
            assert data[info.header_offset + 30 + n:info.header_offset + 32 + n] == b"FB"
    assert b"PK\x06\x06" in data[-200:]  # zip64 end records, as PyTorch's writer


def test_legacy_format_roundtrip(tmp_path):
    t = torch.arange(6, dtype=torch.float32).reshape(2, 3)
    path = tmp_path / "legacy.pt"
    torch.save({"a": t, "b": t.t(), "c": torch.tensor([True, False])}, path, _use_new_zipfile_serialization=False)
    assert not zipfile.is_zipfile(path)
    r = torch.load(path)
    assert r["b"].stride() == (1, 3) and same_storage(r["a"], r["b"])
    assert_matches(r["b"], t.numpy().T)
    assert_matches(r["c"], [True, False])
    data = path.read_bytes()
    for cut in (len(data) - 3, len(data) // 2, 30):
        (tmp_path / "cut.pt").write_bytes(data[:cut])
        with pytest.raises(RuntimeError, match="cut.pt"):
            torch.load(tmp_path / "cut.pt")


# ---- map_location ----

def with_location(data, location):
    """A copy of a saved file whose storages claim to live at `location` (written by zipfile, which
    does not align records: loading must not depend on the alignment)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        records = {n: z.read(n) for n in z.namelist()}
    loc = location.encode()
    for n in records:
        if n.endswith("data.pkl"):
            records[n] = records[n].replace(b"X\x03\x00\x00\x00cpu", b"X" + struct.pack("<I", len(loc)) + loc)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for n, d in records.items():
            z.writestr(n, d)
    return out.getvalue()


def test_map_location():
    t = torch.arange(4, dtype=torch.float64)
    buf = io.BytesIO()
    torch.save({"x": t, "y": t[1:]}, buf)
    cpu_file = buf.getvalue()
    cuda_file = with_location(cpu_file, "cuda:0")
    for ml in (None, "cpu", torch.device("cpu"), {"cuda:0": "cpu"}):
        r = torch.load(io.BytesIO(cpu_file), map_location=ml)
        assert_matches(r["y"], [1.0, 2.0, 3.0]) and same_storage(r["x"], r["y"])
    for ml in ("cpu", torch.device("cpu"), {"cuda:0": "cpu"}, lambda storage, loc: storage):
        r = torch.load(io.BytesIO(cuda_file), map_location=ml)
        assert r["x"].device == torch.device("cpu") and same_storage(r["x"], r["y"])
        assert_matches(r["y"], [1.0, 2.0, 3.0])
    if "cuda" not in torch.backends.available_backends():
        with pytest.raises(RuntimeError, match="map_location"):
            torch.load(io.BytesIO(cuda_file))
        with pytest.raises(RuntimeError, match="map_location"):
            torch.load(io.BytesIO(cuda_file), map_location={"cuda:1": "cpu"})
    seen = []

    def record(storage, location):
        seen.append((location, len(storage), storage.dtype))
        return None

    r = torch.load(io.BytesIO(cpu_file), map_location=record)
    assert seen == [("cpu", 4, torch.float64)]
    assert_matches(r["x"], [0.0, 1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="map_location"):
        torch.load(io.BytesIO(cpu_file), map_location=3)
    with pytest.raises(TypeError, match="map_location"):
        torch.load(io.BytesIO(cpu_file), map_location=lambda s, loc: "cpu")


def test_big_endian_files_and_map_location_returning_a_storage():
    t = torch.tensor([1.5, -2.0, 3.25], dtype=torch.float64)
    buf = io.BytesIO()
    torch.save([t, t[1:]], buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        records = {n: z.read(n) for n in z.namelist()}
    records["archive/byteorder"] = b"big"
    records["archive/data/0"] = np.frombuffer(records["archive/data/0"], "<f8").astype(">f8").tobytes()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for n, d in records.items():
            z.writestr(n, d)
    a, b = torch.load(io.BytesIO(out.getvalue()))
    assert_matches(a, [1.5, -2.0, 3.25]) and same_storage(a, b)
    replacement = torch.Storage([7.0, 8.0, 9.0], dtype=torch.float64)
    a, b = torch.load(io.BytesIO(buf.getvalue()), map_location=lambda storage, loc: replacement)
    assert_matches(b, [8.0, 9.0]) and a.storage().data_ptr() == replacement.data_ptr()


# ---- damaged files ----

def test_truncated_and_corrupted_files(tmp_path):
    path = tmp_path / "good.pt"
    torch.save({"w": torch.arange(100, dtype=torch.float32), "n": [1, 2, 3]}, path)
    data = path.read_bytes()
    bad = tmp_path / "bad.pt"
    for cut in (len(data) - 1, len(data) - 30, len(data) // 2, 100, 10, 3, 0):
        bad.write_bytes(data[:cut])
        with pytest.raises(RuntimeError, match="bad.pt"):
            torch.load(bad)
    with zipfile.ZipFile(path) as z:
        infos = {i.filename: i for i in z.infolist()}
    for record in ("good/data/0", "good/data.pkl"):
        start = infos[record].header_offset + 30 + len(record)
        start += struct.unpack("<H", data[infos[record].header_offset + 28:infos[record].header_offset + 30])[0]
        corrupt = bytearray(data)
        corrupt[start + 5] ^= 0x40
        bad.write_bytes(bytes(corrupt))
        with pytest.raises(RuntimeError, match=r"bad.pt.*(CRC|corrupted)"):
            torch.load(bad)
    corrupt = bytearray(data)
    corrupt[infos["good/data/0"].header_offset] ^= 0xFF  # local header signature
    bad.write_bytes(bytes(corrupt))
    with pytest.raises(RuntimeError, match="bad.pt"):
        torch.load(bad)
    bad.write_bytes(b"this is not a checkpoint at all")
    with pytest.raises(RuntimeError, match="not a PyTorch file"):
        torch.load(bad)
    bad.write_bytes(pickle.dumps({"a": 1}, protocol=2))
    with pytest.raises(RuntimeError, match="magic"):
        torch.load(bad)


def test_corrupted_pickle_geometry_is_refused():
    buf = io.BytesIO()
    torch.save(torch.ones(4), buf)
    data = buf.getvalue()
    # the tensor's size (4,) becomes (9,): more elements than its storage holds
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        records = {n: z.read(n) for n in z.namelist()}
    name = "archive/data.pkl"
    assert b"K\x04\x85" in records[name]
    records[name] = records[name].replace(b"K\x04\x85", b"K\x09\x85", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for n, d in records.items():
            z.writestr(n, d)
    out.seek(0)
    with pytest.raises(RuntimeError, match="needs 9 elements"):
        torch.load(out)


# ---- atomic saves ----

def test_failed_save_leaves_no_file_behind(tmp_path, monkeypatch):
    path = tmp_path / "ckpt.pt"
    torch.save(torch.ones(3), path)
    before = path.read_bytes()
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        torch.save({"t": torch.zeros(2), "f": lambda x: x}, path)
    assert sorted(os.listdir(tmp_path)) == ["ckpt.pt"] and path.read_bytes() == before

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="space"):
        torch.save(torch.zeros(1000), path)
    monkeypatch.undo()
    assert sorted(os.listdir(tmp_path)) == ["ckpt.pt"] and path.read_bytes() == before
    with pytest.raises(IsADirectoryError):
        torch.save(torch.ones(1), tmp_path)
    torch.save(torch.zeros(2), path)  # overwriting works
    assert_matches(torch.load(path), [0.0, 0.0])
    assert sorted(os.listdir(tmp_path)) == ["ckpt.pt"]


# ---- the real torch as the other side ----

def test_files_we_write_load_in_real_torch(tmp_path):
    rt = real_torch()
    base = {dt: sample(dt, (4, 6), seed=i) for i, dt in enumerate(ALL_DTYPES)}
    obj = {dt.name: [t, t.t(), t[1:, ::2], t.storage()] for dt, t in base.items()}
    obj["meta"] = {"size": torch.Size([2, 3]), "dtype": torch.float16, "device": torch.device("cpu"),
                   "set": {1, 2}, "bytes": b"\x00\x01", "complex": 1 - 2j,
                   "od": collections.OrderedDict(a=torch.tensor(1.5))}
    path = tmp_path / "ours.pt"
    torch.save(obj, path)
    warnings.filterwarnings("ignore", "TypedStorage is deprecated")
    for weights_only in (True, False):
        r = rt.load(str(path), weights_only=weights_only)
        for dt, t in base.items():
            full, tr, sl, st = r[dt.name]
            for ours, theirs in zip(obj[dt.name][:3], (full, tr, sl)):
                assert str(theirs.dtype) == str(dt) and tuple(theirs.shape) == tuple(ours.shape)
                assert theirs.stride() == ours.stride() and theirs.storage_offset() == ours.storage_offset()
                np.testing.assert_array_equal(theirs.numpy(), ours.numpy())
            ptr = full.untyped_storage().data_ptr()
            assert tr.untyped_storage().data_ptr() == ptr and sl.untyped_storage().data_ptr() == ptr
            assert st.data_ptr() == ptr and str(st.dtype) == str(dt)
        m = r["meta"]
        assert m["size"] == rt.Size([2, 3]) and m["dtype"] is rt.float16 and m["device"] == rt.device("cpu")
        assert m["set"] == {1, 2} and m["bytes"] == b"\x00\x01" and m["complex"] == 1 - 2j
        assert m["od"]["a"].item() == 1.5
    legacy = tmp_path / "ours_legacy.pt"
    torch.save(obj["float32"][:3], legacy, _use_new_zipfile_serialization=False)
    full, tr, sl = rt.load(str(legacy))
    assert tr.stride() == (1, 6) and tr.untyped_storage().data_ptr() == full.untyped_storage().data_ptr()
    np.testing.assert_array_equal(sl.numpy(), obj["float32"][2].numpy())


def test_files_real_torch_writes_load_in_ours(tmp_path):
    rt = real_torch()
    names = {"float64": rt.float64, "float32": rt.float32, "float16": rt.float16, "int64": rt.int64,
             "int32": rt.int32, "int16": rt.int16, "int8": rt.int8, "uint8": rt.uint8, "bool": rt.bool}
    gen = rt.Generator().manual_seed(0)
    src = {}
    for n, dt in names.items():
        t = (rt.randn(4, 6, generator=gen) * 10).to(dt)
        src[n] = [t, t.t(), t[1:, ::2], t[2]]
    src["param"] = rt.nn.Parameter(rt.ones(2))
    src["meta"] = {"size": rt.Size([5]), "dtype": rt.int16, "device": rt.device("cpu"),
                   "od": collections.OrderedDict(w=rt.zeros(1))}
    for zip_format in (True, False):
        path = tmp_path / ("torch_%s.pt" % zip_format)
        rt.save(src, str(path), _use_new_zipfile_serialization=zip_format)
        r = torch.load(path)
        for n in names:
            loaded = r[n]
            for theirs, ours in zip(src[n], loaded):
                assert ours.dtype is getattr(torch, n) and ours.stride() == theirs.stride()
                assert ours.storage_offset() == theirs.storage_offset()
                assert_matches(ours, theirs.numpy())
            assert all(same_storage(loaded[0], v) for v in loaded[1:])
        assert_matches(r["param"], [1.0, 1.0])
        assert r["meta"]["size"] == (5,) and r["meta"]["dtype"] is torch.int16
        assert r["meta"]["device"] == torch.device("cpu") and isinstance(r["meta"]["od"], collections.OrderedDict)


def test_real_torch_files_with_unsupported_dtypes_fail_clearly(tmp_path):
    rt = real_torch()
    path = tmp_path / "bf16.pt"
    rt.save({"x": rt.ones(2, dtype=rt.bfloat16)}, str(path))
    with pytest.raises(RuntimeError, match="bfloat16"):
        torch.load(path)
    rt.save({"x": rt.ones(2)}, str(path))
    with pytest.raises(RuntimeError, match="truncated"):  # a file of the real torch, truncated
        torch.load(io.BytesIO(path.read_bytes()[:-20]))
