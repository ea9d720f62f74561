"""Build-time only: generates the error-bridge shims from the preprocessed TH headers.

Python never calls a TH function directly.  Each exported function NAME gets a shim THPy_<NAME
without its TH prefix> that installs a jmp_buf on its own stack, calls NAME, and turns a TH error
(which longjmps back) into a return value:

    void NAME(...)      ->  int   shim(...)   0 on success, -1 on error
    T *NAME(...)        ->  T *   shim(...)   NULL on error
    scalar NAME(...)    ->  scalar shim(...)  0 on error; the caller checks THPy_errorKind()

A void function whose first parameter is a result tensor named `r` also gets a `<shim>_new`
variant that allocates the result, computes into it and returns it (NULL on error), so that the
common Python path is one C call.  Half scalars cross the border as float and Half pointers as
void *, because cffi has no 16-bit float type.
"""
import re

from pycparser import c_ast, c_generator, c_parser

# Parsing-only stand-ins for the standard types; cffi knows the real ones.
_STD_TYPEDEFS = """
typedef int int8_t; typedef int int16_t; typedef int int32_t; typedef int int64_t;
typedef int uint8_t; typedef int uint16_t; typedef int uint32_t; typedef int uint64_t;
typedef int size_t; typedef int ptrdiff_t; typedef int uintptr_t;
"""

# Functions bindings must never call: the error handler is installed by the bridge alone.
_EXCLUDED = {"THSetErrorHandler"}

_RESULT_TENSOR = re.compile(r"^(TH\w*Tensor) \*$")


def _border_type(ctype):
    """The type a value of C type `ctype` has on the Python side of a shim."""
    ctype = re.sub(r"\bTHHalf\s*\*", "void *", ctype)
    return re.sub(r"\bTHHalf\b", "float", ctype)


def shim_name(name):
    return "THPy_" + (name[2:] if name.startswith("TH") else name)


class _Function:
    def __init__(self, gen, decl):
        fdecl = decl.type
        self.name = decl.name
        self.ret = gen._generate_type(fdecl.type, emit_declname=False).strip()
        self.params = []  # (type, name)
        for i, p in enumerate(fdecl.args.params if fdecl.args else []):
            if isinstance(p, c_ast.EllipsisParam):
                raise ValueError("variadic function %s cannot be shimmed" % self.name)
            ptype = gen._generate_type(p.type, emit_declname=False).strip()
            if ptype == "void":
                continue
            self.params.append((ptype, p.name or "a%d" % i))

    def kind(self):
        if self.ret == "void":
            return "void"
        return "pointer" if self.ret.endswith("*") else "scalar"

    def result_tensor_type(self):
        """For `void f(THXTensor *r, ...)`: THXTensor, else None."""
        if self.kind() != "void" or not self.params or self.params[0][1] != "r":
            return None
        m = _RESULT_TENSOR.match(self.params[0][0])
        return m.group(1) if m else None


def _signature(ret, name, params):
    args = ", ".join("%s %s" % (_border_type(t), n) for t, n in params) or "void"
    return "%s %s(%s)" % (ret, name, args)


def _shim(fn):
    call_args = ", ".join(n for _, n in fn.params)
    kind = fn.kind()
    name = shim_name(fn.name)
    if kind == "void":
        return (_signature("int", name, fn.params),
                "  THPY_GUARD(return -1);\n  %s(%s);\n  THPY_RELEASE;\n  return 0;\n" % (fn.name, call_args))
    ret = _border_type(fn.ret)
    err = "NULL" if kind == "pointer" else "0"
    body = ("  THPY_GUARD(return %s);\n  %s thpy_result = %s(%s);\n  THPY_RELEASE;\n  return thpy_result;\n"
            % (err, ret, fn.name, call_args))
    return _signature(ret, name, fn.params), body


def _shim_new(fn, rtype):
    rest = fn.params[1:]
    call_args = ", ".join(["thpy_r"] + [n for _, n in rest])
    body = ("  %s *volatile thpy_r = NULL;\n"
            "  THPY_GUARD(%s_free(thpy_r); return NULL);\n"
            "  thpy_r = %s_new();\n"
            "  %s(%s);\n"
            "  THPY_RELEASE;\n"
            "  return thpy_r;\n") % (rtype, rtype, rtype, fn.name, call_args)
    return _signature(rtype + " *", shim_name(fn.name) + "_new", rest), body


def generate(preprocessed):
    """Returns (cdef_text, [(shim signature, shim body), ...]) for the preprocessed headers."""
    parser = c_parser.CParser()
    ast = parser.parse(_STD_TYPEDEFS + preprocessed, filename="<TH headers>")
    std = parser.parse(_STD_TYPEDEFS)
    gen = c_generator.CGenerator()
    decls, shims = [], []
    for node in ast.ext[len(std.ext):]:
        if isinstance(node, c_ast.Decl) and isinstance(node.type, c_ast.FuncDecl):
            if node.name in _EXCLUDED:
                continue
            fn = _Function(gen, node)
            shims.append(_shim(fn))
            rtype = fn.result_tensor_type()
            if rtype:
                shims.append(_shim_new(fn, rtype))
        else:
            decls.append(gen.visit(node) + ";")
    cdef = "\n".join(decls) + "\n" + "\n".join(sig + ";" for sig, _ in shims) + "\n"
    return cdef, shims


def shim_sources(shims, nfiles, header):
    """Splits the shim definitions into nfiles C sources (compiled in parallel)."""
    per = max(1, -(-len(shims) // nfiles))
    sources = []
    for i in range(0, len(shims), per):
        body = "".join("%s {\n%s}\n\n" % (sig, code) for sig, code in shims[i:i + per])
        sources.append('/* generated by pytorch_py/_C/shim_gen.py, do not edit */\n#include "%s"\n\n%s'
                       % (header, body))
    return sources
