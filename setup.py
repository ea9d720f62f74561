"""Builds pytorch_py: the C libraries (libTH.so) and the cffi module, then the Python package.

All the work is in pytorch_py/_C/build_th.py; this file only tells setuptools where things go,
so `pip install .` and `pip install -e .` both build everything in one step.
"""
import importlib.util
import os
import shutil

from setuptools import Extension, find_packages, setup
from setuptools.command.build_ext import build_ext

ROOT = os.path.dirname(os.path.abspath(__file__))


class BuildTH(build_ext):
    """Builds the `pytorch_py._C._th` extension with build_th.py instead of setuptools' compiler."""

    def build_extension(self, ext):
        spec = importlib.util.spec_from_file_location(
            "pytorch_py_build_th", os.path.join(ROOT, "pytorch_py", "_C", "build_th.py"))
        build_th = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(build_th)
        ext_path = os.path.abspath(self.get_ext_fullpath(ext.name))
        pkg_dir = os.path.dirname(os.path.dirname(ext_path))  # .../pytorch_py
        build_th.build(ROOT, pkg_dir, ext_path, os.path.abspath(self.build_temp))
        self._built_pkg_dir = pkg_dir

    def copy_extensions_to_source(self):
        """In-place and editable builds: setuptools copies only the extension module back to the
        source tree; the library and headers it loads from beside it must follow."""
        super().copy_extensions_to_source()
        built = getattr(self, "_built_pkg_dir", None)
        src_pkg = os.path.join(ROOT, "pytorch_py")
        if built and os.path.abspath(built) != src_pkg:
            for sub in ("lib", "include"):
                shutil.rmtree(os.path.join(src_pkg, sub), ignore_errors=True)
                shutil.copytree(os.path.join(built, sub), os.path.join(src_pkg, sub))


setup(
    packages=find_packages(include=["pytorch_py", "pytorch_py.*"]),
    ext_modules=[Extension("pytorch_py._C._th", sources=[])],
    cmdclass={"build_ext": BuildTH},
    package_data={"pytorch_py": ["include/**/*.h", "lib/*.so", "examples/data/*"]},
)
