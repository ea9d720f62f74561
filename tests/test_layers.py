"""The layers of DESIGN.md import one way only: checked by reading every module's imports."""
import ast
import os

import pytorch_py

PKG = os.path.dirname(os.path.abspath(pytorch_py.__file__))

# For each layer (a path prefix inside the package): package modules it must never import.
FORBIDDEN = {
    "_C": ["backends", "tensor", "autograd", "nn", "optim", "legacy", "_ops", "_creation", "utils"],
    "backends": ["tensor", "autograd", "nn", "optim", "legacy", "_ops", "_creation", "_indexing", "utils"],
    "tensor.py": ["autograd", "nn", "optim", "legacy", "utils"],
    "_ops_": ["autograd", "nn", "optim", "legacy", "utils"],
    "_creation.py": ["autograd", "nn", "optim", "legacy", "utils"],
    "_indexing.py": ["autograd", "nn", "optim", "legacy", "utils"],
    "autograd": ["nn", "optim", "legacy", "utils"],
    "nn": ["optim", "legacy", "utils"],
    "optim": ["nn", "legacy", "utils"],
    "utils": ["autograd", "nn", "optim", "legacy"],
}


def _package_imports(path):
    """Names of pytorch_py modules imported by the file at path (relative imports resolved)."""
    rel = os.path.relpath(path, PKG)
    pkg_parts = rel.split(os.sep)[:-1]
    tree = ast.parse(open(path).read())
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg_parts[:len(pkg_parts) - node.level + 1] if node.level > 1 else pkg_parts
                mod = base + (node.module.split(".") if node.module else [])
                names = [mod + [a.name] for a in node.names] if not node.module else [mod]
                out.update(".".join(n) for n in names)
            elif node.module and node.module.startswith("pytorch_py"):
                out.add(node.module[len("pytorch_py."):])
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("pytorch_py."):
                    out.add(a.name[len("pytorch_py."):])
                if a.name == "torch" or a.name.startswith("torch."):
                    out.add("REAL_TORCH")
    return out


def test_layers_import_one_way():
    problems = []
    for root, _, files in os.walk(PKG):
        for f in files:
            if not f.endswith(".py"):
                continue
            path = os.path.join(root, f)
            rel = os.path.relpath(path, PKG)
            imports = _package_imports(path)
            if "REAL_TORCH" in imports:
                problems.append("%s imports the real torch" % rel)
            for prefix, banned in FORBIDDEN.items():
                if rel.startswith(prefix):
                    for imp in imports:
                        first = imp.split(".")[0]
                        if any(first == b or first.startswith(b) for b in banned):
                            problems.append("%s (layer %s) imports %s" % (rel, prefix, imp))
    assert not problems, "\n".join(problems)


def test_checker_sees_imports(tmp_path):
    # the checker itself must detect a forbidden import, or the test above proves nothing
    mod = os.path.join(PKG, "backends", "cpu.py")
    assert "_C" in {i.split(".")[0] for i in _package_imports(mod)}
