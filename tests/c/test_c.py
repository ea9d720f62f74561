"""Compiles and runs every tests/c/test_*.c against the installed libTH and its headers."""
import glob
import os
import subprocess

import pytest

import pytorch_py

HERE = os.path.dirname(os.path.abspath(__file__))
PKG = os.path.dirname(os.path.abspath(pytorch_py.__file__))
SOURCES = sorted(glob.glob(os.path.join(HERE, "test_*.c")))


@pytest.mark.parametrize("source", SOURCES, ids=[os.path.basename(s) for s in SOURCES])
def test_c(source, tmp_path):
    import pytorch_py._C  # noqa: F401  (loads OpenBLAS, which libTH links)
    import scipy_openblas32

    exe = str(tmp_path / os.path.basename(source)[:-2])
    lib_dir = os.path.join(PKG, "lib")
    blas_dir = scipy_openblas32.get_lib_dir()
    subprocess.run(["gcc", "-std=gnu99", "-O1", "-I", HERE, "-I", os.path.join(PKG, "include", "TH"), source,
                    "-o", exe, "-L", lib_dir, "-lTH", "-lm", "-Wl,-rpath," + lib_dir,
                    "-Wl,-rpath," + blas_dir, "-Wl,--disable-new-dtags"], check=True)
    res = subprocess.run([exe], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
