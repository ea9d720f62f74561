"""Benchmark cases of the serialization group: save / load of state dicts in memory (BytesIO, so
disk speed does not enter).  NumPy's column is np.savez / np.load of the same arrays (also an
uncompressed zip)."""
import io

import numpy as np


def cases(ctx):
    """save and load of a large state dict (8 x 8 MB float32) and of a dict of 200 small tensors."""
    rng = np.random.default_rng(0)
    big = {"w%d" % i: rng.standard_normal((1024, 2048), dtype=np.float32) for i in range(8)}
    small = {"p%d" % i: rng.standard_normal((16, 8), dtype=np.float32) for i in range(200)}

    def to_lib(lib, arrays):
        return {k: ctx.conv(lib, v) for k, v in arrays.items()}

    def save(arrays):
        def make(lib):
            obj = to_lib(lib, arrays)
            if lib == "numpy":
                return lambda: np.savez(io.BytesIO(), **obj)
            mod = ctx.ours if lib == "ours" else ctx.torch
            return lambda: mod.save(obj, io.BytesIO())
        return make

    def load(arrays):
        def make(lib):
            obj = to_lib(lib, arrays)
            buf = io.BytesIO()
            if lib == "numpy":
                np.savez(buf, **obj)
                data = buf.getvalue()

                def run():
                    with np.load(io.BytesIO(data)) as z:
                        return {k: z[k] for k in z.files}
                return run
            mod = ctx.ours if lib == "ours" else ctx.torch
            mod.save(obj, buf)
            data = buf.getvalue()
            return lambda: mod.load(io.BytesIO(data))
        return make

    return [
        ("save 64 MB state dict (8 tensors)", save(big)),
        ("load 64 MB state dict (8 tensors)", load(big)),
        ("save 200 small tensors", save(small)),
        ("load 200 small tensors", load(small)),
    ]
