#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorReduce.c"
#else

/* The identities of max and min. */
#undef TH_REAL_LOWEST
#undef TH_REAL_HIGHEST
#if defined(TH_REAL_IS_FLOATING)
#define TH_REAL_LOWEST (-INFINITY)
#define TH_REAL_HIGHEST INFINITY
#elif defined(TH_REAL_IS_LONG)
#define TH_REAL_LOWEST INT64_MIN
#define TH_REAL_HIGHEST INT64_MAX
#elif defined(TH_REAL_IS_INT)
#define TH_REAL_LOWEST INT32_MIN
#define TH_REAL_HIGHEST INT32_MAX
#elif defined(TH_REAL_IS_SHORT)
#define TH_REAL_LOWEST INT16_MIN
#define TH_REAL_HIGHEST INT16_MAX
#elif defined(TH_REAL_IS_CHAR)
#define TH_REAL_LOWEST INT8_MIN
#define TH_REAL_HIGHEST INT8_MAX
#elif defined(TH_REAL_IS_BYTE)
#define TH_REAL_LOWEST 0
#define TH_REAL_HIGHEST UINT8_MAX
#else
#define TH_REAL_LOWEST 0
#define TH_REAL_HIGHEST 1
#endif

/* TH_ACCFN(sqrt): the libm function for accreal (sqrtf for Half, whose accreal is float). */
#undef TH_ACCFN
#if defined(TH_REAL_IS_HALF)
#define TH_ACCFN(fn) fn##f
#else
#define TH_ACCFN(fn) fn
#endif

/* A reducer folds elements into an accreal.  Every reduction, whole-tensor or along a dim, runs
 * one of these through the drivers below, which decide the threads and the memory order. */
typedef struct THTensor_(Reducer) {
  /* acc of p[0..n), the elements contiguous */
  accreal (*contig)(const real *p, int64_t n, accreal v, accreal c);
  /* acc[j] of p[k * ld + j] over k < n, for j < m: one pass down m columns, row by row */
  void (*cols)(const real *p, int64_t n, int64_t ld, int64_t m, accreal v, const accreal *ctr, accreal *acc);
  /* merges the accumulators of two parts */
  accreal (*combine)(accreal a, accreal b);
} THTensor_(Reducer);

/* Defines THTensor_(NAME##Reducer): the accumulator starts at INIT and takes element x as
 * a = UPDATE, an expression of a, x, the reduction's scalar v (norm's p) and the center c of the
 * output being reduced (var's mean; ctr[j] in cols); parts a and b merge as COMBINE. */
#define TH_REDUCER(NAME, INIT, UPDATE, COMBINE)                                                                  \
  static accreal THTensor_(NAME##Combine)(accreal a, accreal b) { return (COMBINE); }                           \
  static accreal THTensor_(NAME##Contig)(const real *restrict p, int64_t n, accreal v, accreal c) {             \
    if (n < TH_REDUCE_LANES) { /* short rows: setting up and merging lanes would cost more */                   \
      accreal s = (INIT);                                                                                       \
      for (int64_t i = 0; i < n; i++) {                                                                         \
        const accreal a = s, x = (accreal)p[i];                                                                 \
        s = (UPDATE);                                                                                           \
      }                                                                                                         \
      return s;                                                                                                 \
    }                                                                                                           \
    accreal lane[TH_REDUCE_LANES];                                                                              \
    for (int l = 0; l < TH_REDUCE_LANES; l++) lane[l] = (INIT);                                                 \
    int64_t i = 0;                                                                                              \
    for (; i + TH_REDUCE_LANES <= n; i += TH_REDUCE_LANES)                                                      \
      for (int l = 0; l < TH_REDUCE_LANES; l++) {                                                               \
        const accreal a = lane[l], x = (accreal)p[i + l];                                                       \
        lane[l] = (UPDATE);                                                                                     \
      }                                                                                                         \
    for (int l = 0; i < n; i++, l++) {                                                                          \
      const accreal a = lane[l], x = (accreal)p[i];                                                             \
      lane[l] = (UPDATE);                                                                                       \
    }                                                                                                           \
    for (int w = TH_REDUCE_LANES / 2; w > 0; w /= 2)                                                            \
      for (int l = 0; l < w; l++) lane[l] = THTensor_(NAME##Combine)(lane[l], lane[l + w]);                     \
    return lane[0];                                                                                             \
  }                                                                                                             \
  static void THTensor_(NAME##Cols)(const real *restrict p, int64_t n, int64_t ld, int64_t m, accreal v,         \
                                    const accreal *restrict ctr, accreal *restrict acc) {                      \
    for (int64_t j = 0; j < m; j++) acc[j] = (INIT);                                                            \
    int64_t k = 0;                                                                                              \
    for (; k + TH_REDUCE_ROWS <= n; k += TH_REDUCE_ROWS) {                                                      \
      const real *restrict row = p + k * ld;                                                                    \
      for (int64_t j = 0; j < m; j++) {                                                                         \
        const accreal c = ctr ? ctr[j] : 0;                                                                     \
        accreal s = acc[j];                                                                                     \
        (void)c;                                                                                                \
        for (int r = 0; r < TH_REDUCE_ROWS; r++) {                                                              \
          const accreal a = s, x = (accreal)row[r * ld + j];                                                    \
          s = (UPDATE);                                                                                         \
        }                                                                                                       \
        acc[j] = s;                                                                                             \
      }                                                                                                         \
    }                                                                                                           \
    for (; k < n; k++) {                                                                                        \
      const real *restrict row = p + k * ld;                                                                    \
      for (int64_t j = 0; j < m; j++) {                                                                         \
        const accreal a = acc[j], x = (accreal)row[j], c = ctr ? ctr[j] : 0;                                    \
        (void)c;                                                                                                \
        acc[j] = (UPDATE);                                                                                      \
      }                                                                                                         \
    }                                                                                                           \
  }                                                                                                             \
  static const THTensor_(Reducer) THTensor_(NAME##Reducer) = {THTensor_(NAME##Contig), THTensor_(NAME##Cols),   \
                                                              THTensor_(NAME##Combine)};

/* max / min propagate NaN: x != x takes a NaN, and nothing replaces one. */
#define TH_MAX_OF(a, x) (((x) > (a)) | ((x) != (x)) ? (x) : (a))
#define TH_MIN_OF(a, x) (((x) < (a)) | ((x) != (x)) ? (x) : (a))

TH_REDUCER(sum, 0, a + x, a + b)
TH_REDUCER(prod, 1, a * x, a * b)
TH_REDUCER(max, TH_REAL_LOWEST, TH_MAX_OF(a, x), TH_MAX_OF(a, b))
TH_REDUCER(min, TH_REAL_HIGHEST, TH_MIN_OF(a, x), TH_MIN_OF(a, b))
TH_REDUCER(all, 1, (accreal)((a != 0) & (x != 0)), (accreal)((a != 0) & (b != 0)))
TH_REDUCER(any, 0, (accreal)((a != 0) | (x != 0)), (accreal)((a != 0) | (b != 0)))
#if defined(TH_REAL_IS_FLOATING)
TH_REDUCER(sqdev, 0, a + (x - c) * (x - c), a + b)
TH_REDUCER(norm0, 0, a + (x != 0), a + b)
TH_REDUCER(norm1, 0, a + TH_ACCFN(fabs)(x), a + b)
TH_REDUCER(norm2, 0, a + x * x, a + b)
TH_REDUCER(normP, 0, a + TH_ACCFN(pow)(TH_ACCFN(fabs)(x), v), a + b)
TH_REDUCER(normInf, 0, TH_MAX_OF(a, TH_ACCFN(fabs)(x)), TH_MAX_OF(a, b))
TH_REDUCER(normNegInf, INFINITY, TH_MIN_OF(a, TH_ACCFN(fabs)(x)), TH_MIN_OF(a, b))
#endif

/* Reduces p[0..n), split across threads when long enough. */
static accreal THTensor_(reduceRange)(const THTensor_(Reducer) *R, const real *p, int64_t n, accreal v, accreal c) {
  int nt = th_reduce_threads(n, n / TH_REDUCE_LANES);
  if (nt > TH_REDUCE_MAX_THREADS) nt = TH_REDUCE_MAX_THREADS;
  if (nt <= 1) return R->contig(p, n, v, c);
  /* chunks of whole cache lines, merged in a fixed order so a thread count gives one answer */
  int64_t chunk = ((n + nt - 1) / nt + 63) & ~(int64_t)63;
  accreal part[TH_REDUCE_MAX_THREADS];
#pragma omp parallel for num_threads(nt) schedule(static, 1)
  for (int k = 0; k < nt; k++) {
    int64_t b = k * chunk < n ? k * chunk : n, e = b + chunk < n ? b + chunk : n;
    part[k] = R->contig(p + b, e - b, v, c);
  }
  accreal a = part[0];
  for (int k = 1; k < nt; k++) a = R->combine(a, part[k]);
  return a;
}

/* Stores m results of a dim reduction at out + off (in the plan's memory order); n is the length
 * reduced and v the reduction's scalar. */
typedef void (*THTensor_(Sink))(void *out, int64_t off, const accreal *acc, int64_t m, int64_t n, accreal v);

static void THTensor_(sinkCast)(void *out, int64_t off, const accreal *acc, int64_t m, int64_t n, accreal v) {
  real *o = (real *)out + off;
  for (int64_t i = 0; i < m; i++) o[i] = (real)acc[i];
}
static void THTensor_(sinkBool)(void *out, int64_t off, const accreal *acc, int64_t m, int64_t n, accreal v) {
  bool *o = (bool *)out + off;
  for (int64_t i = 0; i < m; i++) o[i] = acc[i] != 0;
}

/* Runs R along the reduced dim of plan P over src, handing the results to sink.  ctr (optional)
 * holds one center per result, in the same order.  Threads go over rows, or over blocks of
 * columns when the reduced dim is not the innermost in memory; a few long rows are each split. */
static void THTensor_(reduceDim)(const THTensor_(Reducer) *R, const real *src, const THReducePlan *P, accreal v,
                                 const accreal *ctr, THTensor_(Sink) sink, void *out) {
  const int64_t outer = P->outer, n = P->n, inner = P->inner, total = outer * n * inner;
  if (outer * inner == 0) return;
  if (inner == 1) {
    const int threads = THGetNumThreads();
    if (total >= TH_OMP_OVERHEAD_THRESHOLD && outer < threads) {
      for (int64_t o = 0; o < outer; o++) {
        accreal a = THTensor_(reduceRange)(R, src + o * n, n, v, ctr ? ctr[o] : 0);
        sink(out, o, &a, 1, n, v);
      }
      return;
    }
    enum { ROWS = 256 };
    int64_t rows = (outer + threads - 1) / threads;
    rows = rows < ROWS ? rows : ROWS;
    const int64_t chunks = (outer + rows - 1) / rows;
#pragma omp parallel for num_threads(th_reduce_threads(total, chunks)) schedule(static)
    for (int64_t ch = 0; ch < chunks; ch++) {
      accreal acc[ROWS];
      const int64_t o0 = ch * rows, m = outer - o0 < rows ? outer - o0 : rows;
      for (int64_t i = 0; i < m; i++) acc[i] = R->contig(src + (o0 + i) * n, n, v, ctr ? ctr[o0 + i] : 0);
      sink(out, o0, acc, m, n, v);
    }
    return;
  }
  const int64_t nblk = (inner + TH_REDUCE_BLOCK - 1) / TH_REDUCE_BLOCK, tasks = outer * nblk;
  const int threads = THGetNumThreads() < TH_REDUCE_MAX_THREADS ? THGetNumThreads() : TH_REDUCE_MAX_THREADS;
  if (tasks < threads && total >= TH_OMP_OVERHEAD_THRESHOLD && n >= 2 * threads) {
    /* Too few column blocks to go round (a tall, narrow input reduced over its rows): each thread
     * takes a band of rows, and the bands' accumulators merge. */
    accreal *part = THAlloc(threads * (int64_t)TH_REDUCE_BLOCK * (int64_t)sizeof(accreal));
    const int64_t band = (n + threads - 1) / threads;
    for (int64_t task = 0; task < tasks; task++) {
      const int64_t o = task / nblk, j0 = (task % nblk) * TH_REDUCE_BLOCK;
      const int64_t m = inner - j0 < TH_REDUCE_BLOCK ? inner - j0 : TH_REDUCE_BLOCK, off = o * inner + j0;
#pragma omp parallel for num_threads(threads) schedule(static, 1)
      for (int b = 0; b < threads; b++) {
        const int64_t k0 = b * band < n ? b * band : n, k1 = k0 + band < n ? k0 + band : n;
        R->cols(src + (o * n + k0) * inner + j0, k1 - k0, inner, m, v, ctr ? ctr + off : NULL,
                part + b * (int64_t)TH_REDUCE_BLOCK);
      }
      for (int b = 1; b < threads; b++)
        for (int64_t j = 0; j < m; j++) part[j] = R->combine(part[j], part[b * (int64_t)TH_REDUCE_BLOCK + j]);
      sink(out, off, part, m, n, v);
    }
    THFree(part);
    return;
  }
#pragma omp parallel for num_threads(th_reduce_threads(total, tasks)) schedule(static)
  for (int64_t task = 0; task < tasks; task++) {
    accreal acc[TH_REDUCE_BLOCK];
    const int64_t o = task / nblk, j0 = (task % nblk) * TH_REDUCE_BLOCK;
    const int64_t m = inner - j0 < TH_REDUCE_BLOCK ? inner - j0 : TH_REDUCE_BLOCK, off = o * inner + j0;
    R->cols(src + o * n * inner + j0, n, inner, m, v, ctr ? ctr + off : NULL, acc);
    sink(out, off, acc, m, n, v);
  }
}

/* What a reduction reads: t itself when it is dense in any dim order, else a contiguous copy. */
static THTensor *THTensor_(newDense)(THTensor *t) {
  if (THTensor_(isNonOverlappingAndDense)(t)) {
    THTensor_(retain)(t);
    return t;
  }
  return THTensor_(newContiguous)(t);
}

/* Checks dim (and, if nonEmpty, that it has elements), then plans the reduction of a dense view of
 * t, a new reference left in *src whose data it returns. */
static const real *THTensor_(reduceBegin)(const char *op, THTensor *t, int dim, int keepdim, int nonEmpty,
                                          THReducePlan *P, THTensor **src) {
  th_check_dim(op, dim, t->nDimension > 0 ? t->nDimension : 1);
  if (nonEmpty && t->nDimension > 0 && t->size[dim] == 0) {
    char buf[256];
    THIndexError("%s(): Expected reduction dim %d to have non-zero size, but got a tensor of shape %s", op, dim,
                 THFormatSizes(buf, sizeof buf, t->size, t->nDimension));
  }
  *src = THTensor_(newDense)(t);
  th_reduce_plan(P, (*src)->size, (*src)->stride, (*src)->nDimension, dim, keepdim);
  return (const real *)THTensor_(data)(*src);
}

/* r = R along dim of t, stored by sink as t's type. */
static void THTensor_(reduceInto)(const char *op, THTensor *r, THTensor *t, int dim, int keepdim,
                                  const THTensor_(Reducer) *R, accreal v, THTensor_(Sink) sink) {
  THReducePlan P;
  THTensor *src, *tmp;
  const real *p = THTensor_(reduceBegin)(op, t, dim, keepdim, 0, &P, &src);
  real *out = TH_CONCAT_2(th_reduce_out_, Real)(r, src->storage, &P, &tmp);
  THTensor_(reduceDim)(R, p, &P, v, NULL, sink, out);
  TH_CONCAT_2(th_reduce_finish_, Real)(r, tmp);
  THTensor_(free)(src);
}

/* R over all of t. */
static accreal THTensor_(reduceAll)(THTensor *t, const THTensor_(Reducer) *R, accreal v) {
  THTensor *src = THTensor_(newDense)(t);
  accreal a = THTensor_(reduceRange)(R, THTensor_(data)(src), THTensor_(nElement)(src), v, 0);
  THTensor_(free)(src);
  return a;
}

accreal THTensor_(sumall)(THTensor *t) { return THTensor_(reduceAll)(t, &THTensor_(sumReducer), 0); }
accreal THTensor_(prodall)(THTensor *t) { return THTensor_(reduceAll)(t, &THTensor_(prodReducer), 0); }
int THTensor_(logicalall)(THTensor *t) { return THTensor_(reduceAll)(t, &THTensor_(allReducer), 0) != 0; }
int THTensor_(logicalany)(THTensor *t) { return THTensor_(reduceAll)(t, &THTensor_(anyReducer), 0) != 0; }

static void THTensor_(checkNonEmpty)(const char *op, THTensor *t) {
  if (THTensor_(nElement)(t) == 0) {
    char buf[256];
    THError("%s(): expected a non-empty tensor (give a reduction dim for empty ones), but got a tensor of shape %s",
            op, THFormatSizes(buf, sizeof buf, t->size, t->nDimension));
  }
}
real THTensor_(maxall)(THTensor *t) {
  THTensor_(checkNonEmpty)("max", t);
  return (real)THTensor_(reduceAll)(t, &THTensor_(maxReducer), 0);
}
real THTensor_(minall)(THTensor *t) {
  THTensor_(checkNonEmpty)("min", t);
  return (real)THTensor_(reduceAll)(t, &THTensor_(minReducer), 0);
}

accreal THTensor_(trace)(THTensor *t) {
  THArgCheck(t->nDimension == 2, "trace: expected a matrix, but got tensor with dim %d", t->nDimension);
  const int64_t k = t->size[0] < t->size[1] ? t->size[0] : t->size[1], step = t->stride[0] + t->stride[1];
  const real *p = THTensor_(data)(t);
  accreal a = 0;
  for (int64_t i = 0; i < k; i++) a += (accreal)p[i * step];
  return a;
}

int THTensor_(equal)(THTensor *a, THTensor *b) {
  if (!THTensor_(isSameSizeAs)(a, b)) return 0;
  THTensor *ca = THTensor_(newContiguous)(a), *cb = THTensor_(newContiguous)(b);
  const real *pa = THTensor_(data)(ca), *pb = THTensor_(data)(cb);
  const int64_t n = THTensor_(nElement)(ca);
  int differ = 0;
  for (int64_t i = 0; i < n; i++) differ |= pa[i] != pb[i];
  THTensor_(free)(ca);
  THTensor_(free)(cb);
  return !differ;
}

void THTensor_(sum)(THTensor *r, THTensor *t, int dim, int keepdim) {
  THTensor_(reduceInto)("sum", r, t, dim, keepdim, &THTensor_(sumReducer), 0, THTensor_(sinkCast));
}
void THTensor_(prod)(THTensor *r, THTensor *t, int dim, int keepdim) {
  THTensor_(reduceInto)("prod", r, t, dim, keepdim, &THTensor_(prodReducer), 0, THTensor_(sinkCast));
}

/* r (Bool) = R along dim of t, nonzero as true. */
static void THTensor_(logicalInto)(const char *op, THBoolTensor *r, THTensor *t, int dim, int keepdim,
                                   const THTensor_(Reducer) *R) {
  THReducePlan P;
  THTensor *src;
  THBoolTensor *tmp;
  const real *p = THTensor_(reduceBegin)(op, t, dim, keepdim, 0, &P, &src);
  bool *out = th_reduce_out_Bool(r, src->storage, &P, &tmp);
  THTensor_(reduceDim)(R, p, &P, 0, NULL, THTensor_(sinkBool), out);
  th_reduce_finish_Bool(r, tmp);
  THTensor_(free)(src);
}
void THTensor_(all)(THBoolTensor *r, THTensor *t, int dim, int keepdim) {
  THTensor_(logicalInto)("all", r, t, dim, keepdim, &THTensor_(allReducer));
}
void THTensor_(any)(THBoolTensor *r, THTensor *t, int dim, int keepdim) {
  THTensor_(logicalInto)("any", r, t, dim, keepdim, &THTensor_(anyReducer));
}

/* Index reductions.  A row finds its extreme with the vectorised reducer, then the first position
 * holding it; columns keep a running value and index each (strict comparison: ties keep the first
 * index; a NaN replaces anything but an earlier NaN). */
#define TH_INDEX_COLS(NAME, CMP)                                                                          \
  static void THTensor_(NAME##IndexCols)(const real *restrict p, int64_t n, int64_t ld, int64_t m,         \
                                         real *restrict val, int64_t *restrict idx) {                     \
    for (int64_t j = 0; j < m; j++) {                                                                     \
      val[j] = p[j];                                                                                      \
      idx[j] = 0;                                                                                         \
    }                                                                                                     \
    for (int64_t k = 1; k < n; k++) {                                                                     \
      const real *restrict row = p + k * ld;                                                              \
      for (int64_t j = 0; j < m; j++) {                                                                   \
        const real x = row[j], b = val[j];                                                                \
        const int take = (x CMP b) | ((x != x) & (b == b));                                               \
        val[j] = take ? x : b;                                                                            \
        idx[j] = take ? k : idx[j];                                                                       \
      }                                                                                                   \
    }                                                                                                     \
  }
TH_INDEX_COLS(max, >)
TH_INDEX_COLS(min, <)
#undef TH_INDEX_COLS

/* val/idx (plan order) = the max (ismin: min) along the reduced dim of plan P over src. */
static void THTensor_(reduceIndexDim)(int ismin, const real *src, const THReducePlan *P, real *val, int64_t *idx) {
  const int64_t outer = P->outer, n = P->n, inner = P->inner, total = outer * n * inner;
  if (outer * inner == 0) return;
  if (inner == 1) {
    const THTensor_(Reducer) *R = ismin ? &THTensor_(minReducer) : &THTensor_(maxReducer);
#pragma omp parallel for num_threads(th_reduce_threads(total, outer)) schedule(static)
    for (int64_t o = 0; o < outer; o++) {
      const real *p = src + o * n;
      const real best = (real)R->contig(p, n, 0, 0);
      int64_t k = 0;
      if (best != best)
        while (p[k] == p[k]) k++;
      else
        while (p[k] != best) k++;
      val[o] = p[k]; /* not best: -0.0 == 0.0, and the element found is the one reported */
      idx[o] = k;
    }
    return;
  }
  const int64_t nblk = (inner + TH_REDUCE_BLOCK - 1) / TH_REDUCE_BLOCK, tasks = outer * nblk;
#pragma omp parallel for num_threads(th_reduce_threads(total, tasks)) schedule(static)
  for (int64_t task = 0; task < tasks; task++) {
    const int64_t o = task / nblk, j0 = (task % nblk) * TH_REDUCE_BLOCK;
    const int64_t m = inner - j0 < TH_REDUCE_BLOCK ? inner - j0 : TH_REDUCE_BLOCK, off = o * inner + j0;
    (ismin ? THTensor_(minIndexCols) : THTensor_(maxIndexCols))(src + o * n * inner + j0, n, inner, m, val + off,
                                                                  idx + off);
  }
}

/* values/indices (either may be NULL) = max or min along dim of t. */
static void THTensor_(indexInto)(const char *op, int ismin, THTensor *values, THLongTensor *indices, THTensor *t,
                                 int dim, int keepdim) {
  THReducePlan P;
  THTensor *src, *vtmp = NULL;
  THLongTensor *itmp = NULL;
  const real *p = THTensor_(reduceBegin)(op, t, dim, keepdim, 1, &P, &src);
  const int64_t count = P.outer * P.inner;
  real *val = values ? TH_CONCAT_2(th_reduce_out_, Real)(values, src->storage, &P, &vtmp)
                     : THAlloc(count * (int64_t)sizeof(real));
  int64_t *idx = indices ? th_reduce_out_Long(indices, src->storage, &P, &itmp)
                         : THAlloc(count * (int64_t)sizeof(int64_t));
  THTensor_(reduceIndexDim)(ismin, p, &P, val, idx);
  if (values)
    TH_CONCAT_2(th_reduce_finish_, Real)(values, vtmp);
  else
    THFree(val);
  if (indices)
    th_reduce_finish_Long(indices, itmp);
  else
    THFree(idx);
  THTensor_(free)(src);
}
void THTensor_(max)(THTensor *values, THLongTensor *indices, THTensor *t, int dim, int keepdim) {
  THTensor_(indexInto)("max", 0, values, indices, t, dim, keepdim);
}
void THTensor_(min)(THTensor *values, THLongTensor *indices, THTensor *t, int dim, int keepdim) {
  THTensor_(indexInto)("min", 1, values, indices, t, dim, keepdim);
}
void THTensor_(argmax)(THLongTensor *r, THTensor *t, int dim, int keepdim) {
  THTensor_(indexInto)("argmax", 0, NULL, r, t, dim, keepdim);
}
void THTensor_(argmin)(THLongTensor *r, THTensor *t, int dim, int keepdim) {
  THTensor_(indexInto)("argmin", 1, NULL, r, t, dim, keepdim);
}

/* Scans: out (the source's layout) = running INIT OP x along the reduced dim, in accreal. */
#define TH_SCAN(NAME, INIT, OP)                                                                            \
  static void THTensor_(NAME##Scan)(const real *src, real *out, const THReducePlan *P) {                   \
    const int64_t outer = P->outer, n = P->n, inner = P->inner, total = outer * n * inner;                 \
    if (inner == 1) {                                                                                      \
      _Pragma("omp parallel for num_threads(th_reduce_threads(total, outer)) schedule(static)")            \
      for (int64_t o = 0; o < outer; o++) {                                                                \
        const real *restrict p = src + o * n;                                                              \
        real *restrict q = out + o * n;                                                                    \
        accreal a = (INIT);                                                                                \
        for (int64_t k = 0; k < n; k++) {                                                                  \
          a = a OP (accreal)p[k];                                                                          \
          q[k] = (real)a;                                                                                  \
        }                                                                                                  \
      }                                                                                                    \
      return;                                                                                              \
    }                                                                                                      \
    const int64_t nblk = (inner + TH_REDUCE_BLOCK - 1) / TH_REDUCE_BLOCK, tasks = outer * nblk;            \
    _Pragma("omp parallel for num_threads(th_reduce_threads(total, tasks)) schedule(static)")              \
    for (int64_t task = 0; task < tasks; task++) {                                                         \
      accreal acc[TH_REDUCE_BLOCK];                                                                        \
      const int64_t o = task / nblk, j0 = (task % nblk) * TH_REDUCE_BLOCK;                                 \
      const int64_t m = inner - j0 < TH_REDUCE_BLOCK ? inner - j0 : TH_REDUCE_BLOCK;                       \
      for (int64_t j = 0; j < m; j++) acc[j] = (INIT);                                                     \
      for (int64_t k = 0; k < n; k++) {                                                                    \
        const real *restrict p = src + (o * n + k) * inner + j0;                                           \
        real *restrict q = out + (o * n + k) * inner + j0;                                                 \
        for (int64_t j = 0; j < m; j++) {                                                                  \
          acc[j] = acc[j] OP (accreal)p[j];                                                                \
          q[j] = (real)acc[j];                                                                             \
        }                                                                                                  \
      }                                                                                                    \
    }                                                                                                      \
  }
TH_SCAN(sum, 0, +)
TH_SCAN(prod, 1, *)
#undef TH_SCAN

typedef void (*THTensor_(ScanFn))(const real *src, real *out, const THReducePlan *P);
static void THTensor_(scanInto)(const char *op, THTensor *r, THTensor *t, int dim, THTensor_(ScanFn) scan) {
  th_check_dim(op, dim, t->nDimension > 0 ? t->nDimension : 1);
  THReducePlan P;
  THTensor *src = THTensor_(newDense)(t), *tmp;
  th_scan_plan(&P, src->size, src->stride, src->nDimension, dim);
  real *out = TH_CONCAT_2(th_reduce_out_, Real)(r, src->storage, &P, &tmp);
  scan(THTensor_(data)(src), out, &P);
  TH_CONCAT_2(th_reduce_finish_, Real)(r, tmp);
  THTensor_(free)(src);
}
void THTensor_(cumsum)(THTensor *r, THTensor *t, int dim) { THTensor_(scanInto)("cumsum", r, t, dim, THTensor_(sumScan)); }
void THTensor_(cumprod)(THTensor *r, THTensor *t, int dim) {
  THTensor_(scanInto)("cumprod", r, t, dim, THTensor_(prodScan));
}

#if defined(TH_REAL_IS_FLOATING)

static void THTensor_(sinkMean)(void *out, int64_t off, const accreal *acc, int64_t m, int64_t n, accreal v) {
  real *o = (real *)out + off;
  for (int64_t i = 0; i < m; i++) o[i] = (real)(acc[i] / n);
}
/* var's first pass: the means, kept in accreal as the centers of the second. */
static void THTensor_(sinkCenter)(void *out, int64_t off, const accreal *acc, int64_t m, int64_t n, accreal v) {
  accreal *o = (accreal *)out + off;
  for (int64_t i = 0; i < m; i++) o[i] = acc[i] / n;
}
/* Sum of squared deviations -> variance; v is `unbiased`.  A divisor <= 0 gives NaN (0 / 0). */
static inline accreal THTensor_(varDivisor)(int64_t n, accreal unbiased) {
  return n - unbiased > 0 ? n - unbiased : 0;
}
static void THTensor_(sinkVar)(void *out, int64_t off, const accreal *acc, int64_t m, int64_t n, accreal v) {
  real *o = (real *)out + off;
  const accreal d = THTensor_(varDivisor)(n, v);
  for (int64_t i = 0; i < m; i++) o[i] = (real)(acc[i] / d);
}
static void THTensor_(sinkStd)(void *out, int64_t off, const accreal *acc, int64_t m, int64_t n, accreal v) {
  real *o = (real *)out + off;
  const accreal d = THTensor_(varDivisor)(n, v);
  for (int64_t i = 0; i < m; i++) o[i] = (real)TH_ACCFN(sqrt)(acc[i] / d);
}

static const THTensor_(Reducer) *THTensor_(normReducer)(accreal p) {
  if (p == 0) return &THTensor_(norm0Reducer);
  if (p == 1) return &THTensor_(norm1Reducer);
  if (p == 2) return &THTensor_(norm2Reducer);
  if (p == INFINITY) return &THTensor_(normInfReducer);
  if (p == -INFINITY) return &THTensor_(normNegInfReducer);
  return &THTensor_(normPReducer);
}
/* The norm from its reducer's accumulator. */
static inline accreal THTensor_(normFinal)(accreal a, accreal p) {
  if (p == 2) return TH_ACCFN(sqrt)(a);
  if (p == 0 || p == 1 || isinf(p)) return a;
  return TH_ACCFN(pow)(a, 1 / p);
}
static void THTensor_(sinkNorm)(void *out, int64_t off, const accreal *acc, int64_t m, int64_t n, accreal v) {
  real *o = (real *)out + off;
  for (int64_t i = 0; i < m; i++) o[i] = (real)THTensor_(normFinal)(acc[i], v);
}
/* The +-inf norms are a max / min: they have no value over nothing. */
static void THTensor_(checkNormExtent)(const char *op, int64_t n, accreal p) {
  THIndexCheck(n > 0 || !isinf(p), "%s: expected a non-empty reduction for the %s norm, but got 0 elements", op,
               p > 0 ? "inf" : "-inf");
}

accreal THTensor_(meanall)(THTensor *t) { return THTensor_(sumall)(t) / THTensor_(nElement)(t); }

static accreal THTensor_(varallImpl)(THTensor *t, int unbiased) {
  THTensor *src = THTensor_(newDense)(t);
  const real *p = THTensor_(data)(src);
  const int64_t n = THTensor_(nElement)(src);
  const accreal mean = THTensor_(reduceRange)(&THTensor_(sumReducer), p, n, 0, 0) / n;
  const accreal m2 = THTensor_(reduceRange)(&THTensor_(sqdevReducer), p, n, 0, mean);
  THTensor_(free)(src);
  return m2 / THTensor_(varDivisor)(n, unbiased != 0);
}
accreal THTensor_(varall)(THTensor *t, int unbiased) { return THTensor_(varallImpl)(t, unbiased); }
accreal THTensor_(stdall)(THTensor *t, int unbiased) { return TH_ACCFN(sqrt)(THTensor_(varallImpl)(t, unbiased)); }

accreal THTensor_(normall)(THTensor *t, accreal p) {
  THTensor_(checkNormExtent)("norm", THTensor_(nElement)(t), p);
  return THTensor_(normFinal)(THTensor_(reduceAll)(t, THTensor_(normReducer)(p), p), p);
}

accreal THTensor_(dist)(THTensor *a, THTensor *b, accreal p) {
  THTensor_(checkSameShape)("dist", a, b);
  THTensor_(checkNormExtent)("dist", THTensor_(nElement)(a), p);
  THTensor *d = THTensor_(new)();
  THTensor_(csub)(d, a, 1, b);
  const accreal r = THTensor_(normall)(d, p);
  THTensor_(free)(d);
  return r;
}

void THTensor_(mean)(THTensor *r, THTensor *t, int dim, int keepdim) {
  THTensor_(reduceInto)("mean", r, t, dim, keepdim, &THTensor_(sumReducer), 0, THTensor_(sinkMean));
}

static void THTensor_(varInto)(const char *op, THTensor *r, THTensor *t, int dim, int unbiased, int keepdim,
                               THTensor_(Sink) sink) {
  THReducePlan P;
  THTensor *src, *tmp;
  const real *p = THTensor_(reduceBegin)(op, t, dim, keepdim, 0, &P, &src);
  real *out = TH_CONCAT_2(th_reduce_out_, Real)(r, src->storage, &P, &tmp);
  accreal *centers = THAlloc(P.outer * P.inner * (int64_t)sizeof(accreal));
  THTensor_(reduceDim)(&THTensor_(sumReducer), p, &P, 0, NULL, THTensor_(sinkCenter), centers);
  THTensor_(reduceDim)(&THTensor_(sqdevReducer), p, &P, unbiased != 0, centers, sink, out);
  THFree(centers);
  TH_CONCAT_2(th_reduce_finish_, Real)(r, tmp);
  THTensor_(free)(src);
}
void THTensor_(var)(THTensor *r, THTensor *t, int dim, int unbiased, int keepdim) {
  THTensor_(varInto)("var", r, t, dim, unbiased, keepdim, THTensor_(sinkVar));
}
void THTensor_(std)(THTensor *r, THTensor *t, int dim, int unbiased, int keepdim) {
  THTensor_(varInto)("std", r, t, dim, unbiased, keepdim, THTensor_(sinkStd));
}

void THTensor_(norm)(THTensor *r, THTensor *t, accreal p, int dim, int keepdim) {
  th_check_dim("norm", dim, t->nDimension > 0 ? t->nDimension : 1);
  THTensor_(checkNormExtent)("norm", t->nDimension > 0 ? t->size[dim] : 1, p);
  THTensor_(reduceInto)("norm", r, t, dim, keepdim, THTensor_(normReducer)(p), p, THTensor_(sinkNorm));
}

void THTensor_(renorm)(THTensor *r, THTensor *t, accreal p, int dim, accreal maxnorm) {
  THValueCheck(p > 0, "renorm: expected a positive norm order p, but got %g", (double)p);
  THValueCheck(maxnorm >= 0, "renorm: expected maxnorm >= 0, but got %g", (double)maxnorm);
  THArgCheck(t->nDimension > 1, "renorm: expected a tensor with at least 2 dimensions, but got %d",
             t->nDimension);
  th_check_dim("renorm", dim, t->nDimension);
  /* The slices' norms from rows of a copy with dim first; r is written only after they are all
   * known, as r may be t. */
  const int64_t n = t->size[dim], len = n ? THTensor_(nElement)(t) / n : 0;
  THTensor *tr = THTensor_(newTranspose)(t, 0, dim);
  THTensor *rows = THTensor_(newContiguous)(tr);
  const real *pr = THTensor_(data)(rows);
  const THTensor_(Reducer) *R = THTensor_(normReducer)(p);
  accreal *factor = THAlloc(n * (int64_t)sizeof(accreal));
  for (int64_t k = 0; k < n; k++) {
    const accreal norm = THTensor_(normFinal)(THTensor_(reduceRange)(R, pr + k * len, len, p, 0), p);
    factor[k] = norm > maxnorm ? maxnorm / (norm + (accreal)1e-7) : 1;
  }
  THTensor_(free)(rows);
  THTensor_(free)(tr);
  if (r != t) {
    THTensor_(resizeLike)(r, t);
    THTensor_(copy)(r, t);
  }
  THTensor *slice = THTensor_(new)();
  for (int64_t k = 0; k < n; k++) {
    if (factor[k] == 1) continue;
    THTensor_(select)(slice, r, dim, k);
    THTensor_(mul)(slice, slice, (real)factor[k]);
  }
  THTensor_(free)(slice);
  THFree(factor);
}

void THTensor_(histc)(THTensor *r, THTensor *t, int64_t nbins, accreal minvalue, accreal maxvalue) {
  THValueCheck(nbins > 0, "histc: expected bins > 0, but got %lld", (long long)nbins);
  THTensor *src = THTensor_(newDense)(t);
  const real *p = THTensor_(data)(src);
  const int64_t n = THTensor_(nElement)(src);
  accreal lo = minvalue, hi = maxvalue;
  if (lo == hi && n > 0) {
    lo = THTensor_(reduceRange)(&THTensor_(minReducer), p, n, 0, 0);
    hi = THTensor_(reduceRange)(&THTensor_(maxReducer), p, n, 0, 0);
  }
  if (lo == hi) {
    lo -= 1;
    hi += 1;
  }
  if (!isfinite(lo) || !isfinite(hi) || !(lo < hi)) {
    THTensor_(free)(src);
    THValueCheck(isfinite(lo) && isfinite(hi), "histc: expected a finite range, but got [%g, %g]", (double)lo,
                 (double)hi);
    THValueError("histc: expected max > min, but got min %g and max %g", (double)lo, (double)hi);
  }
  /* Bins computed in t's precision (float for Half), as PyTorch, so edge cases land alike. */
#if defined(TH_REAL_IS_HALF)
  typedef float hreal;
#else
  typedef real hreal;
#endif
  const hreal left = (hreal)lo, right = (hreal)hi;
  int64_t *counts = THAlloc(nbins * (int64_t)sizeof(int64_t));
  for (int64_t b = 0; b < nbins; b++) counts[b] = 0;
  for (int64_t i = 0; i < n; i++) {
    const hreal x = (hreal)p[i];
    if (!(x >= left && x <= right)) continue;
    int64_t b = (int64_t)((x - left) * nbins / (right - left));
    counts[b < nbins ? b : nbins - 1]++;
  }
  THTensor_(free)(src);
  THTensor_(resize1d)(r, nbins);
  for (int64_t b = 0; b < nbins; b++) THTensor_(set1d)(r, b, (real)counts[b]);
  THFree(counts);
}

#endif /* TH_REAL_IS_FLOATING */

#undef TH_REDUCER
#undef TH_MAX_OF
#undef TH_MIN_OF

#endif
