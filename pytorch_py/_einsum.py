"""torch.einsum: Einstein summation over tensors (layer: tensor).

The equation is parsed into one letter per dim (an ellipsis stands for the broadcast dims, named by
private letters).  Each operand first loses its repeated letters (a diagonal) and the letters no
other operand and not the output use (a sum); then operands are contracted pairwise, left to right,
as one batched matrix product: letters shared and kept are batch dims, letters shared and not
kept are summed by the product, the others are the rows and columns.
"""
import string

from ._broadcast import broadcast_shapes

_ELLIPSIS_LETTERS = "αβγδεζηθικλμνξοπρστυφχψω"


def _parse(equation, operands):
    eq = equation.replace(" ", "")
    lhs, arrow, rhs = eq.partition("->")
    terms = lhs.split(",")
    if len(terms) != len(operands):
        raise ValueError("einsum: expected %d operands for the equation '%s', but got %d"
                         % (len(terms), equation, len(operands)))
    ell_ndim = 0
    parsed = []
    for term, t in zip(terms, operands):
        letters = term.replace("...", "")
        for c in letters:
            if c not in string.ascii_letters:
                raise ValueError("einsum: expected letters a-z, A-Z and '...' in the equation, but got %r" % c)
        if "..." in term:
            n = t.dim() - len(letters)
            if n < 0:
                raise ValueError("einsum: expected operand of term '%s' to have at least %d dims, but got %d"
                                 % (term, len(letters), t.dim()))
            ell_ndim = max(ell_ndim, n)
            term = term.replace("...", _ELLIPSIS_LETTERS[len(_ELLIPSIS_LETTERS) - n:] if n else "")
        elif len(term) != t.dim():
            raise ValueError("einsum: expected operand of term '%s' to have %d dims, but got %d"
                             % (term, len(term), t.dim()))
        parsed.append(term)
    ell = _ELLIPSIS_LETTERS[len(_ELLIPSIS_LETTERS) - ell_ndim:] if ell_ndim else ""
    if arrow:
        out = rhs.replace("...", ell)
        for c in out:
            if c not in "".join(parsed):
                raise ValueError("einsum: expected output letter %r to appear in an input term" % c)
    else:
        counts = {}
        for term in parsed:
            for c in term:
                counts[c] = counts.get(c, 0) + 1
        out = ell + "".join(sorted(c for c, k in counts.items() if k == 1 and c not in ell))
    return parsed, out


def _diagonalise(t, term):
    """Takes the diagonal over repeated letters of one operand ('ii' -> 'i')."""
    while True:
        seen = {}
        rep = None
        for i, c in enumerate(term):
            if c in seen:
                rep = (seen[c], i)
                break
            seen[c] = i
        if rep is None:
            return t, term
        i, j = rep
        t = t.diagonal(0, i, j)  # the diagonal becomes the last dim
        term = term[:i] + term[i + 1:j] + term[j + 1:] + term[i]


def _sum_out(t, term, keep):
    """Sums the letters of term that are not in keep."""
    dims = [i for i, c in enumerate(term) if c not in keep]
    if dims:
        t = t.sum(dims)
        term = "".join(c for c in term if c in keep)
    return t, term


def _contract(a, ta, b, tb, keep):
    """a (letters ta) times b (letters tb), summing shared letters not in keep."""
    batch = [c for c in ta if c in tb and c in keep]
    summed = [c for c in ta if c in tb and c not in keep]
    left = [c for c in ta if c not in tb]
    right = [c for c in tb if c not in ta]
    sizes = {}
    for t, term in ((a, ta), (b, tb)):
        for c, n in zip(term, t.shape):
            if c in sizes and n != sizes[c] and 1 not in (n, sizes[c]):
                raise RuntimeError("einsum: expected dims labelled %r to have equal sizes, but got %d and %d"
                                   % (c, sizes[c], n))
            sizes[c] = max(sizes.get(c, 1), n) if n != 0 and sizes.get(c, 1) != 0 else 0
    a = a.permute(*[ta.index(c) for c in batch + left + summed])
    b = b.permute(*[tb.index(c) for c in batch + summed + right])
    bshape = broadcast_shapes(tuple(a.shape[:len(batch)]), tuple(b.shape[:len(batch)]))
    nl = _prod(sizes[c] for c in left)
    ns = _prod(sizes[c] for c in summed)
    nr = _prod(sizes[c] for c in right)
    a = a.expand(*bshape, *a.shape[len(batch):]).reshape(*bshape, nl, ns)
    b = b.expand(*bshape, *b.shape[len(batch):]).reshape(*bshape, ns, nr)
    r = a.matmul(b).reshape(*bshape, *[sizes[c] for c in left], *[sizes[c] for c in right])
    return r, "".join(batch + left + right)


def _prod(values):
    n = 1
    for v in values:
        n *= v
    return n


def einsum(equation, *operands):
    """Sums the product of the operands' elements over the letters the output leaves out, e.g.
    einsum('ij,jk->ik', a, b) is a @ b, einsum('ii', a) the trace, einsum('bi,bi->b', x, y) a
    batched dot.  An ellipsis '...' stands for broadcast dims; without '->' the output is the
    ellipsis dims then the letters used once, in alphabetical order."""
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    if not operands:
        raise ValueError("einsum: expected at least one operand, but got none")
    terms, out = _parse(equation, operands)
    items = []
    for i, (t, term) in enumerate(zip(operands, terms)):
        t, term = _diagonalise(t, term)
        others = out + "".join(tt for j, tt in enumerate(terms) if j != i)
        t, term = _sum_out(t, term, others)
        items.append((t, term))
    t, term = items[0]
    for k in range(1, len(items)):
        b, tb = items[k]
        keep = out + "".join(tt for _, tt in items[k + 1:])
        t, term = _contract(t, term, b, tb, keep)
    t, term = _sum_out(t, term, out)
    return t.permute(*[term.index(c) for c in out]) if term != out else t
