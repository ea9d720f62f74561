"""Build-time only: compiles the C libraries and the cffi module `pytorch_py._C._th`.

Called by setup.py's build_ext (which passes the output locations, so regular and editable
installs both work).  Steps:
  1. compile src/th (and src/thnn when present) in parallel into <pkg>/lib/libTH.so
  2. install the public headers into <pkg>/include/TH
  3. preprocess the headers into the cdef, generate the error-bridge shims (shim_gen.py)
  4. emit cffi's C module, compile it with the shims and link it to libTH.so (rpath $ORIGIN)
"""
import concurrent.futures
import glob
import os
import shutil
import subprocess
import sys
import sysconfig

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cdef_gen  # noqa: E402  (build-time modules next to this file)
import shim_gen  # noqa: E402

CC = os.environ.get("CC", "gcc")
# -fno-trapping-math: kernels are loops gcc must vectorise, and their bodies hold selects (NaN
# checks, clamps, branch-free math); under -ftrapping-math gcc may not evaluate an operation found
# on one side of a select only, so it keeps those loops scalar.  Nothing reads the FP flags.
C_FLAGS = ["-std=gnu99", "-O3", "-fPIC", "-fopenmp", "-fno-math-errno", "-fno-trapping-math", "-Wall",
           "-Wno-unused-parameter", "-Wno-int-in-bool-context"]
if not os.environ.get("PYTORCH_PY_PORTABLE"):
    C_FLAGS.append("-march=native")  # built where it runs; set PYTORCH_PY_PORTABLE=1 for wheels
SHIM_FLAGS = ["-std=gnu99", "-O2", "-fPIC", "-Wno-unused-parameter"]

RUNTIME_CDEF = """
void THPy_init(void);
int THPy_errorKind(void);
const char *THPy_errorMessage(void);
THAllocator *THPy_externalAllocator(void);
extern "Python" void thpy_release_external(void *ctx);
"""

PREAMBLE = """
#include "thpy_runtime.h"
#include "thpy_shims.h"
/* Storages that wrap memory owned by a Python object (a NumPy array) release it through this
 * allocator, whose free calls back into Python with the handle kept in the context. */
static void thpy_release_external(void *ctx);
static void thpy_external_free(void *ctx, void *data) { (void)data; thpy_release_external(ctx); }
static THAllocator thpy_external_allocator = {NULL, NULL, thpy_external_free};
static THAllocator *THPy_externalAllocator(void) { return &thpy_external_allocator; }
"""


def _run(cmd):
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError("command failed: %s\n%s%s" % (" ".join(cmd), res.stdout, res.stderr))
    if res.stderr.strip():  # warnings: show them, the build must stay warning-free
        sys.stderr.write(res.stderr)
    return res


def _compile_all(jobs, workers):
    """jobs: [(source, object, flags)]; compiles those whose object is older than the source tree."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_run, [CC] + flags + ["-c", src, "-o", obj]) for src, obj, flags in jobs]
        for f in futures:
            f.result()


def _newest_mtime(paths):
    return max((os.path.getmtime(p) for p in paths), default=0)


def build(src_root, pkg_dir, ext_path, temp_dir, workers=None):
    workers = workers or max(2, os.cpu_count() or 2)
    src_dirs = [d for d in (os.path.join(src_root, "src", "th"), os.path.join(src_root, "src", "thnn"))
                if os.path.isdir(d)]
    import scipy_openblas32

    # BLAS/LAPACK: scipy-openblas32's library (symbols prefixed scipy_, 32-bit integers)
    blas_inc, blas_lib = scipy_openblas32.get_include_dir(), scipy_openblas32.get_lib_dir()
    include_dirs = src_dirs + [HERE, blas_inc]
    obj_dir = os.path.join(temp_dir, "obj")
    gen_dir = os.path.join(temp_dir, "gen")
    os.makedirs(obj_dir, exist_ok=True)
    os.makedirs(gen_dir, exist_ok=True)
    headers = [h for d in src_dirs for h in glob.glob(os.path.join(d, "**", "*.h"), recursive=True)]
    header_time = _newest_mtime(headers + [os.path.join(HERE, "thpy_runtime.h")])

    # 1. libTH.so
    lib_dir = os.path.join(pkg_dir, "lib")
    os.makedirs(lib_dir, exist_ok=True)
    inc_flags = ["-I" + d for d in include_dirs]
    jobs, objs = [], []
    for d in src_dirs:
        for src in sorted(glob.glob(os.path.join(d, "*.c"))):
            obj = os.path.join(obj_dir, os.path.basename(d) + "_" + os.path.basename(src) + ".o")
            objs.append(obj)
            generic_time = _newest_mtime(glob.glob(os.path.join(d, "generic", "*.c")))
            if not os.path.exists(obj) or os.path.getmtime(obj) < max(os.path.getmtime(src), header_time, generic_time):
                jobs.append((src, obj, C_FLAGS + inc_flags))
    _compile_all(jobs, workers)
    libth = os.path.join(lib_dir, "libTH.so")
    # libscipy_openblas.so is found at run time because pytorch_py._C loads it first (by soname)
    _run([CC, "-shared", "-fopenmp", "-o", libth] + objs +
         ["-L" + blas_lib, "-l" + scipy_openblas32.get_library(), "-lm", "-Wl,-soname,libTH.so"])

    # 2. public headers
    inc_root = os.path.join(pkg_dir, "include")
    for d in src_dirs:
        dest = os.path.join(inc_root, {"th": "TH", "thnn": "THNN"}[os.path.basename(d)])
        if os.path.isdir(dest):
            shutil.rmtree(dest)
        shutil.copytree(d, dest, ignore=shutil.ignore_patterns("*.c"))

    # 3. cdef and shims
    has_thnn = any(os.path.basename(d) == "thnn" for d in src_dirs)
    umbrella = os.path.join(gen_dir, "all_headers.h")
    with open(umbrella, "w") as f:
        f.write('#include "TH.h"\n')
        if has_thnn:
            f.write('#include "THNN.h"\n')
    preprocessed = cdef_gen.preprocess_headers(umbrella, include_dirs, src_dirs, cc=CC)
    cdef, shims = shim_gen.generate(preprocessed)
    banner = "/* generated by pytorch_py/_C/build_th.py, do not edit */\n"
    with open(os.path.join(gen_dir, "thpy_shims.h"), "w") as f:
        f.write(banner + '#include "thpy_runtime.h"\n' + ('#include "THNN.h"\n' if has_thnn else "") +
                "".join(sig + ";\n" for sig, _ in shims))
    shim_objs, jobs = [], []
    for i, text in enumerate(shim_gen.shim_sources(shims, 2 * workers, "thpy_shims.h")):
        path = os.path.join(gen_dir, "shims_%d.c" % i)
        if not os.path.exists(path) or open(path).read() != text:
            with open(path, "w") as f:
                f.write(text)
        obj = path + ".o"
        shim_objs.append(obj)
        if not os.path.exists(obj) or os.path.getmtime(obj) < max(os.path.getmtime(path), header_time):
            jobs.append((path, obj, SHIM_FLAGS + inc_flags + ["-I" + gen_dir]))
    runtime_obj = os.path.join(obj_dir, "thpy_runtime.o")
    jobs.append((os.path.join(HERE, "thpy_runtime.c"), runtime_obj, SHIM_FLAGS + inc_flags))

    # 4. the cffi module
    import cffi

    ffi = cffi.FFI()
    ffi.cdef(cdef + RUNTIME_CDEF)
    ffi.set_source("pytorch_py._C._th", PREAMBLE)
    module_c = os.path.join(gen_dir, "_th.c")
    ffi.emit_c_code(module_c)
    module_obj = module_c + ".o"
    py_inc = sysconfig.get_paths()["include"]
    jobs.append((module_c, module_obj, ["-O1", "-fPIC", "-I" + py_inc, "-I" + gen_dir] + inc_flags))
    _compile_all(jobs, workers)
    os.makedirs(os.path.dirname(ext_path), exist_ok=True)
    rel = os.path.relpath(lib_dir, os.path.dirname(ext_path))
    _run([CC, "-shared", "-o", ext_path, module_obj, runtime_obj] + shim_objs +
         ["-L" + lib_dir, "-lTH", "-Wl,-rpath,$ORIGIN/" + rel])
    with open(os.path.join(gen_dir, "cdef.h"), "w") as f:
        f.write(banner + cdef)
    return ext_path
