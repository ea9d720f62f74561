#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorShape.c"
#else

#ifndef TH_SHAPE_FILL_1D
#define TH_SHAPE_FILL_1D
/* p[i*s] = (real)(EXPR) for i in [begin, end), EXPR being a function of the int64_t index i.
 * Each element is computed from i alone (never accumulated), so the loop vectorises in the
 * unit-stride case and splits across threads when it is long enough. */
#define TH_FILL_1D(P, S, BEGIN, END, EXPR)                                               \
  do {                                                                                   \
    real *const th_p = (P);                                                              \
    const int64_t th_s = (S), th_b = (BEGIN), th_e = (END);                              \
    const int th_nt = th_e - th_b >= TH_OMP_OVERHEAD_THRESHOLD ? THGetNumThreads() : 1;  \
    if (th_s == 1) {                                                                     \
      _Pragma("omp parallel for num_threads(th_nt) if(th_nt > 1)")                       \
      for (int64_t i = th_b; i < th_e; i++) th_p[i] = (real)(EXPR);                      \
    } else {                                                                             \
      _Pragma("omp parallel for num_threads(th_nt) if(th_nt > 1)")                       \
      for (int64_t i = th_b; i < th_e; i++) th_p[i * th_s] = (real)(EXPR);               \
    }                                                                                    \
  } while (0)
#define TH_SHAPE_STR_(x) #x
#define TH_SHAPE_STR(x) TH_SHAPE_STR_(x)
#endif

/* Sizes r for a result of the given shape.  An r that already has it keeps its strides, so a
 * caller's out= view is written through rather than silently re-laid out. */
static void THTensor_(resizeResult)(THTensor *r, int ndim, const int64_t *sizes) {
  if (!THTensor_(isSize)(r, ndim, sizes)) THTensor_(resizeNd)(r, ndim, sizes, NULL);
}

static void THTensor_(resizeVector)(THTensor *r, int64_t n) { THTensor_(resizeResult)(r, 1, &n); }

/* Results that share a storage with an input would be read after being overwritten (or freed
 * by the resize), so ops that cannot work in place refuse them up front. */
static void THTensor_(checkNoSharing)(const char *op, const THTensor *r, const THTensor *t, int position) {
  if (r->storage == t->storage)
    THError("%s: expected an output that does not share memory with the inputs, but got one sharing memory with "
            "input %d", op, position);
}

/* ---- cat ---- */

/* TH's legacy rule: 1-D tensors of size 0 join anything (they stood for "no tensor"). */
static int THTensor_(catSkips)(const THTensor *t) { return t->nDimension == 1 && t->size[0] == 0; }

/* Copies the element range [begin, end) of a block of rows of rowlen elements, row i going from
 * src + i*sstride to dst + i*dstride. */
static void THTensor_(copyRowsRange)(real *dst, int64_t dstride, const real *src, int64_t sstride, int64_t rowlen,
                                     int64_t begin, int64_t end) {
  int64_t row = begin / rowlen, col = begin % rowlen;
  for (int64_t pos = begin; pos < end; row++, col = 0) {
    int64_t n = rowlen - col < end - pos ? rowlen - col : end - pos;
    real *d = dst + row * dstride + col;
    const real *s = src + row * sstride + col;
    /* a call per tiny row would cost more than the copy */
    if (n >= 16)
      memcpy(d, s, (size_t)n * sizeof(real));
    else
      for (int64_t j = 0; j < n; j++) d[j] = s[j];
    pos += n;
  }
}

/* copyRowsRange over all rows, split by element ranges across threads so that a single huge row
 * (cat along dim 0) is shared out as well as many small ones. */
static void THTensor_(copyRows)(real *dst, int64_t dstride, const real *src, int64_t sstride, int64_t rows,
                                int64_t rowlen) {
  int64_t total = rows * rowlen;
#ifdef _OPENMP
  int nthreads = THGetNumThreads();
  if (nthreads > 1 && total >= TH_OMP_OVERHEAD_THRESHOLD && !omp_in_parallel()) {
#pragma omp parallel num_threads(nthreads)
    {
      int t = omp_get_thread_num(), nt = omp_get_num_threads();
      int64_t chunk = (total + nt - 1) / nt;
      chunk = (chunk + 63) & ~(int64_t)63; /* keep thread boundaries on cache lines */
      int64_t b = (int64_t)t * chunk < total ? (int64_t)t * chunk : total;
      int64_t e = b + chunk < total ? b + chunk : total;
      THTensor_(copyRowsRange)(dst, dstride, src, sstride, rowlen, b, e);
    }
    return;
  }
#endif
  THTensor_(copyRowsRange)(dst, dstride, src, sstride, rowlen, 0, total);
}

void THTensor_(catArray)(THTensor *r, THTensor **inputs, int numInputs, int dim) {
  THArgCheck(numInputs > 0, "cat: expected a non-empty list of tensors, but got an empty list");
  int first = -1;
  for (int i = 0; i < numInputs; i++) {
    const THTensor *t = inputs[i];
    THArgCheck(t != NULL, "cat: expected a tensor at position %d, but got NULL", i);
    THArgCheck(t->nDimension > 0, "cat: expected tensors with at least one dimension, but got a 0-d tensor at "
               "position %d", i);
    if (first < 0 && !THTensor_(catSkips)(t)) first = i;
  }
  for (int i = 0; i < numInputs; i++) THTensor_(checkNoSharing)("cat", r, inputs[i], i);
  if (first < 0) { /* only skipped tensors: PyTorch returns the [0] they all are */
    THTensor_(resizeVector)(r, 0);
    return;
  }

  const THTensor *ref = inputs[first];
  const int nd = ref->nDimension;
  th_check_dim("cat", dim, nd);
  int64_t sizes[TH_MAX_DIMS];
  for (int d = 0; d < nd; d++) sizes[d] = ref->size[d];
  sizes[dim] = 0;
  for (int i = first; i < numInputs; i++) {
    const THTensor *t = inputs[i];
    if (THTensor_(catSkips)(t)) continue;
    if (t->nDimension != nd)
      THError("cat: expected tensors with the same number of dimensions, but got %d and %d (tensor %d)", nd,
              t->nDimension, i);
    for (int d = 0; d < nd; d++) {
      if (d != dim && t->size[d] != ref->size[d]) {
        char a[256], b[256];
        THError("cat: expected tensors with the same size except in dim %d, but got %s and %s at dim %d", dim,
                THFormatSizes(a, sizeof a, ref->size, nd), THFormatSizes(b, sizeof b, t->size, nd), d);
      }
    }
    sizes[dim] += t->size[dim];
  }
  THTensor_(resizeResult)(r, nd, sizes);
  if (THTensor_(nElement)(r) == 0) return;

  /* Seen as [outer, size[dim] * inner], each contiguous input fills a column band of a
   * contiguous r: `outer` rows of memcpy.  Anything else goes through copy on a narrowed view. */
  int64_t outer = 1, inner = 1;
  for (int d = 0; d < dim; d++) outer *= sizes[d];
  for (int d = dim + 1; d < nd; d++) inner *= sizes[d];
  const int rContiguous = THTensor_(isContiguous)(r);
  real *rdata = THTensor_(data)(r);
  int64_t offset = 0;
  for (int i = first; i < numInputs; i++) {
    THTensor *t = inputs[i];
    if (THTensor_(catSkips)(t)) continue;
    int64_t len = t->size[dim];
    if (len > 0) {
      if (rContiguous && THTensor_(isContiguous)(t)) {
        THTensor_(copyRows)(rdata + offset * inner, sizes[dim] * inner, THTensor_(data)(t), len * inner, outer,
                            len * inner);
      } else {
        THTensor *band = THTensor_(newNarrow)(r, dim, offset, len);
        THTensor_(copy)(band, t);
        THTensor_(free)(band);
      }
    }
    offset += len;
  }
}

void THTensor_(cat)(THTensor *r, THTensor *a, THTensor *b, int dim) {
  THTensor *inputs[2] = {a, b};
  THTensor_(catArray)(r, inputs, 2, dim);
}

/* ---- triangles ---- */

/* Offset of matrix number b among the leading (batch) dims of t, b in row-major order. */
static int64_t THTensor_(batchOffset)(const THTensor *t, int64_t b) {
  int64_t off = 0;
  for (int d = t->nDimension - 3; d >= 0; d--) {
    off += (b % t->size[d]) * t->stride[d];
    b /= t->size[d];
  }
  return off;
}

/* r = t with the columns of row i outside [lo(i), hi(i)) zeroed: [max(i+k, 0), cols) for triu,
 * [0, min(i+k+1, cols)) for tril.  When r == t only the zeroing is done. */
static void THTensor_(triangle)(const char *op, THTensor *r, THTensor *t, int64_t k, int upper) {
  const int nd = t->nDimension;
  THArgCheck(nd >= 2, "%s: expected a tensor with at least 2 dimensions, but got %d", op, nd);
  if (r != t) THTensor_(resizeLike)(r, t);
  const int64_t numel = THTensor_(nElement)(t);
  if (numel == 0) return;
  int64_t rows = t->size[nd - 2], cols = t->size[nd - 1];
  int64_t rs0 = r->stride[nd - 2], rs1 = r->stride[nd - 1], ts0 = t->stride[nd - 2], ts1 = t->stride[nd - 1];
  /* i + k stays meaningful (and cannot overflow) once k is clamped to [-rows, cols] */
  int64_t kk = k < -rows ? -rows : (k > cols ? cols : k);
  if (rs0 < rs1) {
    /* r is column-major (a transposed result follows its transposed input): walk its columns as
     * rows, using tril(A, k)^T = triu(A^T, -k), so the inner loop stays unit-stride. */
    int64_t tmp;
    tmp = rows, rows = cols, cols = tmp;
    tmp = rs0, rs0 = rs1, rs1 = tmp;
    tmp = ts0, ts0 = ts1, ts1 = tmp;
    kk = -kk;
    upper = !upper;
  }
  const int64_t nrows = numel / cols;
  const int inplace = r == t;
  real *const rdata = THTensor_(data)(r);
  const real *const tdata = THTensor_(data)(t);
  const int nthreads = numel >= TH_OMP_OVERHEAD_THRESHOLD ? THGetNumThreads() : 1;
#pragma omp parallel for num_threads(nthreads) if(nthreads > 1)
  for (int64_t q = 0; q < nrows; q++) {
    const int64_t b = q / rows, i = q % rows;
    real *pr = rdata + THTensor_(batchOffset)(r, b) + i * rs0;
    const real *pt = tdata + THTensor_(batchOffset)(t, b) + i * ts0;
    int64_t lo = upper ? i + kk : 0, hi = upper ? cols : i + kk + 1;
    lo = lo < 0 ? 0 : (lo > cols ? cols : lo);
    hi = hi < 0 ? 0 : (hi > cols ? cols : hi);
    if (rs1 == 1 && ts1 == 1) {
      for (int64_t j = 0; j < lo; j++) pr[j] = 0;
      if (!inplace)
        for (int64_t j = lo; j < hi; j++) pr[j] = pt[j];
      for (int64_t j = hi; j < cols; j++) pr[j] = 0;
    } else {
      for (int64_t j = 0; j < lo; j++) pr[j * rs1] = 0;
      if (!inplace)
        for (int64_t j = lo; j < hi; j++) pr[j * rs1] = pt[j * ts1];
      for (int64_t j = hi; j < cols; j++) pr[j * rs1] = 0;
    }
  }
}

void THTensor_(tril)(THTensor *r, THTensor *t, int64_t k) { THTensor_(triangle)("tril", r, t, k, 0); }
void THTensor_(triu)(THTensor *r, THTensor *t, int64_t k) { THTensor_(triangle)("triu", r, t, k, 1); }

/* ---- diagonals ---- */

void THTensor_(diag)(THTensor *r, THTensor *t, int64_t k) {
  const int nd = t->nDimension;
  if (nd != 1 && nd != 2) THError("diag: expected a 1-D or 2-D tensor, but got a %d-D tensor", nd);
  THTensor_(checkNoSharing)("diag", r, t, 0);
  /* element i of the diagonal sits at row i + roff, column i + coff */
  const int64_t roff = k < 0 ? (k == INT64_MIN ? INT64_MAX : -k) : 0, coff = k > 0 ? k : 0;
  const real *tdata = THTensor_(data)(t);
  if (nd == 1) {
    const int64_t n = t->size[0], ts = t->stride[0];
    int64_t side, numel;
    if (__builtin_add_overflow(n, roff + coff, &side) || __builtin_mul_overflow(side, side, &numel))
      THValueError("diag: expected a result with fewer than 2^63 elements, but got a side of %lld + |%lld|",
                   (long long)n, (long long)k);
    int64_t sizes[2] = {side, side};
    THTensor_(resizeResult)(r, 2, sizes);
    THTensor_(zero)(r);
    real *rdata = THTensor_(data)(r);
    const int64_t rs0 = r->stride[0], rs1 = r->stride[1];
    for (int64_t i = 0; i < n; i++) rdata[(i + roff) * rs0 + (i + coff) * rs1] = tdata[i * ts];
  } else {
    const int64_t rows = t->size[0], cols = t->size[1], ts = t->stride[0] + t->stride[1];
    const int64_t len = roff >= rows || coff >= cols ? 0 : (rows - roff < cols - coff ? rows - roff : cols - coff);
    THTensor_(resizeVector)(r, len);
    if (len == 0) return;
    real *rdata = THTensor_(data)(r);
    const real *start = tdata + roff * t->stride[0] + coff * t->stride[1];
    const int64_t rs = r->stride[0];
    for (int64_t i = 0; i < len; i++) rdata[i * rs] = start[i * ts];
  }
}

void THTensor_(eye)(THTensor *r, int64_t n, int64_t m) {
  THValueCheck(n >= 0, "eye: expected a non-negative number of rows, but got n=%lld", (long long)n);
  THValueCheck(m >= 0, "eye: expected a non-negative number of columns, but got m=%lld", (long long)m);
  int64_t sizes[2] = {n, m};
  THTensor_(resizeResult)(r, 2, sizes);
  THTensor_(zero)(r);
  real *rdata = THTensor_(data)(r);
  const int64_t len = n < m ? n : m, step = r->stride[0] + r->stride[1];
  for (int64_t i = 0; i < len; i++) rdata[i * step] = 1;
}

/* ---- ranges ---- */

#if defined(TH_REAL_IS_BOOLEAN)

/* PyTorch has no Bool kernels for these: they exist so every type's table is complete. */
static void THTensor_(notNumeric)(const char *op) { THTypeError("%s: expected a numeric dtype, but got Bool", op); }
void THTensor_(arange)(THTensor *r, accreal start, accreal end, accreal step) { THTensor_(notNumeric)("arange"); }
void THTensor_(range)(THTensor *r, accreal start, accreal end, accreal step) { THTensor_(notNumeric)("range"); }
void THTensor_(linspace)(THTensor *r, accreal start, accreal end, int64_t steps) {
  THTensor_(notNumeric)("linspace");
}
void THTensor_(logspace)(THTensor *r, accreal start, accreal end, int64_t steps, double base) {
  THTensor_(notNumeric)("logspace");
}
void THTensor_(cross)(THTensor *r, THTensor *a, THTensor *b, int dim) { THTensor_(notNumeric)("cross"); }

#else

static const char *THTensor_(formatAcc)(char *buf, size_t len, accreal v) {
#if defined(TH_REAL_IS_FLOATING)
  snprintf(buf, len, "%g", (double)v);
#else
  snprintf(buf, len, "%lld", (long long)v);
#endif
  return buf;
}

/* The number of elements of arange (end excluded) or range (end included), after PyTorch's
 * argument checks. */
static int64_t THTensor_(rangeSize)(const char *op, accreal start, accreal end, accreal step, int inclusive) {
  char a[64], b[64], c[64];
  THValueCheck(step > 0 || step < 0, "%s: expected a non-zero step, but got step=%s", op,
               THTensor_(formatAcc)(c, sizeof c, step));
#if defined(TH_REAL_IS_FLOATING)
  THValueCheck(isfinite(start) && isfinite(end), "%s: expected finite bounds, but got start=%s, end=%s", op,
               THTensor_(formatAcc)(a, sizeof a, start), THTensor_(formatAcc)(b, sizeof b, end));
#endif
  THValueCheck((step > 0 && end >= start) || (step < 0 && end <= start),
               "%s: expected upper bound and step to have consistent signs, but got start=%s, end=%s, step=%s", op,
               THTensor_(formatAcc)(a, sizeof a, start), THTensor_(formatAcc)(b, sizeof b, end),
               THTensor_(formatAcc)(c, sizeof c, step));
#if defined(TH_REAL_IS_FLOATING)
  /* arange divides in double (PyTorch's formula); range in accreal, truncating */
  double n = inclusive ? floor((double)((end - start) / step)) + 1 : ceil(((double)end - (double)start) / (double)step);
  THValueCheck(n < 9223372036854775808.0, "%s: expected a size that fits in int64, but got %g", op, n);
  return (int64_t)n;
#else
  /* exact in unsigned arithmetic, where end - start cannot overflow */
  uint64_t diff = step > 0 ? (uint64_t)end - (uint64_t)start : (uint64_t)start - (uint64_t)end;
  uint64_t mag = step > 0 ? (uint64_t)step : -(uint64_t)step;
  uint64_t q = diff / mag;
  THValueCheck(q < (uint64_t)INT64_MAX, "%s: expected a size that fits in int64, but got at least %llu", op,
               (unsigned long long)q);
  return (int64_t)(q + (inclusive || diff % mag != 0));
#endif
}

/* r = [n] with r[i] = start + i*step, each computed from i in accreal (never accumulated, so
 * errors do not grow along the range). */
static void THTensor_(fillRange)(THTensor *r, int64_t n, accreal start, accreal step) {
  THTensor_(resizeVector)(r, n);
  real *p = THTensor_(data)(r);
#if defined(TH_REAL_IS_INTEGRAL)
  /* wraps like PyTorch's int64 arithmetic, without signed overflow */
  const uint64_t ustart = (uint64_t)start, ustep = (uint64_t)step;
  TH_FILL_1D(p, r->stride[0], 0, n, (int64_t)(ustart + (uint64_t)i * ustep));
#else
  TH_FILL_1D(p, r->stride[0], 0, n, start + (accreal)i * step);
#endif
}

void THTensor_(arange)(THTensor *r, accreal start, accreal end, accreal step) {
  THTensor_(fillRange)(r, THTensor_(rangeSize)("arange", start, end, step, 0), start, step);
}

void THTensor_(range)(THTensor *r, accreal start, accreal end, accreal step) {
  THTensor_(fillRange)(r, THTensor_(rangeSize)("range", start, end, step, 1), start, step);
}

/* PyTorch converts linspace's bounds to the result type first, refusing those it overflows. */
static int THTensor_(fitsReal)(accreal v) {
#if defined(TH_REAL_IS_FLOATING)
  return isfinite((double)(real)v) || !isfinite((double)v);
#else
  return (accreal)(real)v == v;
#endif
}

/* r = [steps] values from start to end (through base ** x when logscale).  As in PyTorch the
 * first half counts up from start and the second half down from end, so both ends are exact;
 * start and end are first rounded to real, and the step is in float for Float/Half and in
 * double otherwise (integer results truncate the double values). */
static void THTensor_(spacedFill)(const char *op, THTensor *r, accreal start, accreal end, int64_t steps,
                                  int logscale, double base) {
  THValueCheck(steps >= 0, "%s: expected a non-negative number of steps, but got %lld", op, (long long)steps);
  if (!THTensor_(fitsReal)(start) || !THTensor_(fitsReal)(end)) {
    char a[64], b[64];
    THValueError("%s: expected start and end within the range of %s, but got start=%s, end=%s", op,
                 TH_SHAPE_STR(Real), THTensor_(formatAcc)(a, sizeof a, start), THTensor_(formatAcc)(b, sizeof b, end));
  }
  THTensor_(resizeVector)(r, steps);
  if (steps == 0) return;
  real *p = THTensor_(data)(r);
  const int64_t s = r->stride[0];
  if (steps == 1) {
    p[0] = logscale ? (real)pow(base, (double)start) : (real)start;
    return;
  }
#if defined(TH_REAL_IS_FLOAT) || defined(TH_REAL_IS_HALF)
  typedef float step_t;
#else
  typedef double step_t;
#endif
  const step_t a = (step_t)(real)start, b = (step_t)(real)end;
  const step_t step = (b - a) / (step_t)(steps - 1);
  const int64_t half = steps / 2;
  if (logscale) {
    TH_FILL_1D(p, s, 0, half, pow(base, (double)(a + step * (step_t)i)));
    TH_FILL_1D(p, s, half, steps, pow(base, (double)(b - step * (step_t)(steps - 1 - i))));
  } else {
    TH_FILL_1D(p, s, 0, half, a + step * (step_t)i);
    TH_FILL_1D(p, s, half, steps, b - step * (step_t)(steps - 1 - i));
  }
}

void THTensor_(linspace)(THTensor *r, accreal start, accreal end, int64_t steps) {
  THTensor_(spacedFill)("linspace", r, start, end, steps, 0, 0);
}

void THTensor_(logspace)(THTensor *r, accreal start, accreal end, int64_t steps, double base) {
  THTensor_(spacedFill)("logspace", r, start, end, steps, 1, base);
}

/* ---- cross ---- */

/* One run of n cross products; ctx holds the byte strides along the product's dim of r, a, b.
 * All six inputs are loaded before any store, so r may be a or b. */
static void THTensor_(kCross)(void *ctx, int64_t n, char **d, const int64_t *s) {
  const int64_t *ds = ctx;
  char *pr = d[0], *pa = d[1], *pb = d[2];
  for (int64_t i = 0; i < n; i++, pr += s[0], pa += s[1], pb += s[2]) {
    const accreal a0 = *(real *)pa, a1 = *(real *)(pa + ds[1]), a2 = *(real *)(pa + 2 * ds[1]);
    const accreal b0 = *(real *)pb, b1 = *(real *)(pb + ds[2]), b2 = *(real *)(pb + 2 * ds[2]);
    *(real *)pr = (real)(a1 * b2 - a2 * b1);
    *(real *)(pr + ds[0]) = (real)(a2 * b0 - a0 * b2);
    *(real *)(pr + 2 * ds[0]) = (real)(a0 * b1 - a1 * b0);
  }
}

void THTensor_(cross)(THTensor *r, THTensor *a, THTensor *b, int dim) {
  THTensor_(checkSameShape)("cross", a, b);
  const int nd = a->nDimension;
  th_check_dim("cross", dim, nd);
  if (a->size[dim] != 3) {
    char sa[256];
    THError("cross: expected inputs with size 3 in dim %d, but got %s", dim,
            THFormatSizes(sa, sizeof sa, a->size, nd));
  }
  THTensor_(resizeLike)(r, a);
  /* iterate over every position but dim; the kernel walks dim itself */
  int64_t sizes[TH_MAX_DIMS], st[3][TH_MAX_DIMS];
  THTensor *ops[3] = {r, a, b};
  for (int d = 0, m = 0; d < nd; d++) {
    if (d == dim) continue;
    sizes[m] = a->size[d];
    for (int k = 0; k < 3; k++) st[k][m] = ops[k]->stride[d];
    m++;
  }
  int64_t ctx[3];
  for (int k = 0; k < 3; k++) ctx[k] = ops[k]->stride[dim] * (int64_t)sizeof(real);
  char *data[3] = {TH_ITER_DATA(r, real), TH_ITER_DATA(a, real), TH_ITER_DATA(b, real)};
  const int64_t *strides[3] = {st[0], st[1], st[2]};
  const int64_t es[3] = {sizeof(real), sizeof(real), sizeof(real)};
  THIter it;
  THIter_init(&it, 3, nd - 1, sizes, data, strides, es);
  THIter_run(&it, THTensor_(kCross), ctx);
}

#endif

#endif
