"""Build-time only: turns the real TH headers into the text cffi's cdef reads.

The headers are preprocessed by the C compiler with TH_CDEF defined (which hides what cffi cannot
or must not see: Half as a real float type, storage internals, C-only helpers), and the output is
filtered by its line markers down to the lines that came from our own headers.  Nothing here is
written by hand, so the bindings cannot drift from the C declarations.
"""
import os
import re
import subprocess

_LINEMARKER = re.compile(r'^# (\d+) "([^"]*)"')


def preprocess_headers(header, include_dirs, own_dirs, cc="gcc"):
    """Returns the declarations of `header` that come from files under `own_dirs`."""
    cmd = [cc, "-E", "-DTH_CDEF", "-std=gnu99"] + ["-I" + d for d in include_dirs] + [header]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    own = tuple(os.path.abspath(d) + os.sep for d in own_dirs)
    keep, lines = False, []
    for line in out.splitlines():
        m = _LINEMARKER.match(line)
        if m:
            path = m.group(2)
            keep = not path.startswith("<") and os.path.abspath(path).startswith(own)
            continue
        if keep and line.strip():
            lines.append(line)
    return "\n".join(lines) + "\n"
