#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorIndex.c"
#else
/* The machinery (th_index_apply, TH_INDEX_KERNEL, range checks) is in ../THTensorIndex.c. */

/* ---- results ---- */

/* The contiguous tensor an op writes its result of shape (ndim, sizes) into: r itself, resized,
 * when it is contiguous and shares no memory with the inputs; otherwise a fresh tensor that
 * resultEnd copies into r (so an r aliasing an input is never read after being written). */
static THTensor *THTensor_(resultBegin)(THTensor *r, int ndim, const int64_t *sizes, int aliased) {
  if (!aliased) {
    if (!THTensor_(isSize)(r, ndim, sizes)) THTensor_(resizeNd)(r, ndim, sizes, NULL);
    if (THTensor_(isContiguous)(r)) return r;
  }
  return THTensor_(newWithSize)(ndim, sizes);
}

static void THTensor_(resultEnd)(THTensor *r, THTensor *out) {
  if (out == r) return;
  if (!THTensor_(isSize)(r, out->nDimension, out->size)) THTensor_(resizeNd)(r, out->nDimension, out->size, NULL);
  THTensor_(copy)(r, out);
  THTensor_(free)(out);
}

/* ---- index_* and gather/scatter ---- */

/* gather-like: the result (operand 0) advances with j, the source (operand 2) moves by the index */
TH_INDEX_KERNEL(THTensor_(kGather), 0, 1, *dp = *sp)
/* scatter-like: self (operand 0) moves by the index */
TH_INDEX_KERNEL(THTensor_(kScatter), 1, 0, *dp = *sp)
TH_INDEX_KERNEL(THTensor_(kScatterAdd), 1, 0, *dp += *sp)
TH_INDEX_KERNEL(THTensor_(kScatterFill), 1, 0, *dp = v)

static THIndexOperand THTensor_(operand)(THTensor *T, const THIndexGeom *g, int dim, int indexed) {
  THIndexOperand op = {TH_ITER_DATA(T, real), g->stride, sizeof(real), indexed ? 0 : g->stride[dim]};
  return op;
}

/* Writes into t through the (already range-checked) index: t[.., index[..j..], ..] op= src[..j..]
 * over the outer sizes `outer` (t's ndim) and j in [0, K).  indexIsVector: a 0-d/1-D index shared
 * by every outer element (index_*), else an index of t's ndim (scatter_*).  src is NULL for fills. */
static void THTensor_(scatterRun)(THIterKernel kernel, THTensor *t, int dim, THLongTensor *index, int indexIsVector,
                                  THTensor *src, const int64_t *outer, int64_t K, real value) {
  THLongTensor *idx = TH_ALIASES(index, t) ? THLongTensor_newClone(index) : index;
  THTensor *s = src && TH_ALIASES(src, t) ? THTensor_(newClone)(src) : src;
  THIndexGeom tg, ig, sg;
  TH_INDEX_GEOM(tg, t);
  TH_INDEX_GEOM(ig, idx);
  THIndexOperand ops[3];
  ops[0] = THTensor_(operand)(t, &tg, dim, 1);
  ops[1] = indexIsVector ? th_index_vector_operand(idx) : th_index_operand(idx, &ig, dim);
  if (s) {
    TH_INDEX_GEOM(sg, s);
    ops[2] = THTensor_(operand)(s, &sg, dim, 0);
  } else {
    ops[2] = ops[0];
  }
  th_index_apply(kernel, 0, tg.ndim, outer, dim, K, ops, tg.stride[dim], &value);
  if (idx != index) THLongTensor_free(idx);
  if (s != src) THTensor_(free)(s);
}

void THTensor_(indexSelect)(THTensor *r, THTensor *t, int dim, THLongTensor *index) {
  const char *op = "index_select";
  th_check_index_vector(op, index);
  THIndexGeom tg;
  TH_INDEX_GEOM(tg, t);
  th_check_dim(op, dim, tg.ndim);
  const int64_t K = THLongTensor_nElement(index);
  THArgCheck(t->nDimension > 0 || K == 1, "%s: expected a single index for a 0-d input, but got %lld", op,
             (long long)K);
  th_check_indices(op, index, tg.size[dim]);

  int64_t sizes[TH_MAX_DIMS];
  memcpy(sizes, tg.size, sizeof sizes);
  sizes[dim] = K;
  THTensor *out = THTensor_(resultBegin)(r, t->nDimension, sizes, TH_ALIASES(r, t) || TH_ALIASES(r, index));
  THIndexGeom og;
  TH_INDEX_GEOM(og, out);
  THIndexOperand ops[3] = {THTensor_(operand)(out, &og, dim, 0), th_index_vector_operand(index),
                           THTensor_(operand)(t, &tg, dim, 1)};
  const real zero = 0;
  th_index_apply(THTensor_(kGather), 1, og.ndim, og.size, dim, K, ops, tg.stride[dim], &zero);
  THTensor_(resultEnd)(r, out);
}

/* index_copy_ and index_add_: src has t's shape apart from dim, where it has one slice per index. */
static void THTensor_(indexCopyOrAdd)(const char *op, THIterKernel kernel, THTensor *t, int dim, THLongTensor *index,
                                      THTensor *src) {
  th_check_index_vector(op, index);
  THIndexGeom tg, sg;
  TH_INDEX_GEOM(tg, t);
  TH_INDEX_GEOM(sg, src);
  th_check_dim(op, dim, tg.ndim);
  const int64_t K = THLongTensor_nElement(index);
  int ok = sg.ndim == tg.ndim;
  for (int d = 0; ok && d < tg.ndim; d++) ok = d == dim || sg.size[d] == tg.size[d];
  if (!ok) {
    char a[256], b[256];
    THError("%s: expected source of self's shape %s apart from dim %d, but got %s", op,
            THFormatSizes(a, sizeof a, t->size, t->nDimension), dim, THFormatSizes(b, sizeof b, src->size, src->nDimension));
  }
  THArgCheck(sg.size[dim] == K, "%s: expected as many indices as source.size(%d) = %lld, but got %lld", op, dim,
             (long long)sg.size[dim], (long long)K);
  th_check_indices(op, index, tg.size[dim]);
  THTensor_(scatterRun)(kernel, t, dim, index, 1, src, sg.size, K, 0);
}

void THTensor_(indexCopy)(THTensor *t, int dim, THLongTensor *index, THTensor *src) {
  THTensor_(indexCopyOrAdd)("index_copy_", THTensor_(kScatter), t, dim, index, src);
}

void THTensor_(indexAdd)(THTensor *t, int dim, THLongTensor *index, THTensor *src) {
  THTensor_(indexCopyOrAdd)("index_add_", THTensor_(kScatterAdd), t, dim, index, src);
}

void THTensor_(indexFill)(THTensor *t, int dim, THLongTensor *index, real value) {
  const char *op = "index_fill_";
  th_check_index_vector(op, index);
  THIndexGeom tg;
  TH_INDEX_GEOM(tg, t);
  th_check_dim(op, dim, tg.ndim);
  th_check_indices(op, index, tg.size[dim]);
  THTensor_(scatterRun)(THTensor_(kScatterFill), t, dim, index, 1, NULL, tg.size, THLongTensor_nElement(index), value);
}

void THTensor_(gather)(THTensor *r, THTensor *t, int dim, THLongTensor *index) {
  const char *op = "gather";
  THIndexGeom tg, ig;
  TH_INDEX_GEOM(tg, t);
  TH_INDEX_GEOM(ig, index);
  th_check_dim(op, dim, tg.ndim);
  th_check_index_fits(op, &ig, "input", &tg, dim);
  th_check_indices(op, index, tg.size[dim]);

  THTensor *out =
      THTensor_(resultBegin)(r, index->nDimension, index->size, TH_ALIASES(r, t) || TH_ALIASES(r, index));
  THIndexGeom og;
  TH_INDEX_GEOM(og, out);
  THIndexOperand ops[3] = {THTensor_(operand)(out, &og, dim, 0), th_index_operand(index, &ig, dim),
                           THTensor_(operand)(t, &tg, dim, 1)};
  const real zero = 0;
  th_index_apply(THTensor_(kGather), 1, ig.ndim, ig.size, dim, ig.size[dim], ops, tg.stride[dim], &zero);
  THTensor_(resultEnd)(r, out);
}

/* scatter_ and scatter_add_ (src) and scatter_ with a value (src NULL). */
static void THTensor_(scatterCommon)(const char *op, THIterKernel kernel, THTensor *t, int dim, THLongTensor *index,
                                     THTensor *src, real value) {
  THIndexGeom tg, ig, sg;
  TH_INDEX_GEOM(tg, t);
  TH_INDEX_GEOM(ig, index);
  th_check_dim(op, dim, tg.ndim);
  th_check_index_fits(op, &ig, "self", &tg, dim);
  if (src) {
    TH_INDEX_GEOM(sg, src);
    th_check_index_fits(op, &ig, "src", &sg, -1);
  }
  th_check_indices(op, index, tg.size[dim]);
  THTensor_(scatterRun)(kernel, t, dim, index, 0, src, ig.size, ig.size[dim], value);
}

void THTensor_(scatter)(THTensor *t, int dim, THLongTensor *index, THTensor *src) {
  THTensor_(scatterCommon)("scatter_", THTensor_(kScatter), t, dim, index, src, 0);
}

void THTensor_(scatterAdd)(THTensor *t, int dim, THLongTensor *index, THTensor *src) {
  THTensor_(scatterCommon)("scatter_add_", THTensor_(kScatterAdd), t, dim, index, src, 0);
}

void THTensor_(scatterFill)(THTensor *t, int dim, THLongTensor *index, real value) {
  THTensor_(scatterCommon)("scatter_", THTensor_(kScatterFill), t, dim, index, NULL, value);
}

/* ---- masks ---- */

static void THTensor_(kMaskedFill)(void *ctx, int64_t n, char **d, const int64_t *s) {
  const real v = *(const real *)ctx;
  if (s[0] == sizeof(real) && s[1] == sizeof(bool)) {
    real *restrict p = (real *)d[0];
    /* read as bytes and store every element (unchanged where the mask is false): gcc vectorises
     * this select, not a bool-conditioned one */
    const uint8_t *restrict m = (const uint8_t *)d[1];
    for (int64_t i = 0; i < n; i++) {
      const real old = p[i];
      p[i] = m[i] ? v : old;
    }
  } else {
    for (int64_t i = 0; i < n; i++)
      if (*(const bool *)(d[1] + i * s[1])) *(real *)(d[0] + i * s[0]) = v;
  }
}

void THTensor_(maskedFill)(THTensor *t, THBoolTensor *mask, real value) {
  th_check_shape("masked_fill_", "a mask", t->nDimension, t->size, mask->nDimension, mask->size);
  THIter it;
  char *data[2] = {TH_ITER_DATA(t, real), TH_ITER_DATA(mask, bool)};
  const int64_t *strides[2] = {t->stride, mask->stride};
  const int64_t es[2] = {sizeof(real), sizeof(bool)};
  THIter_init(&it, 2, t->nDimension, t->size, data, strides, es);
  THIter_run(&it, THTensor_(kMaskedFill), &value);
}

/* The masked ops that pack or unpack run serially over (contiguous mask, t): a contiguous operand 0
 * makes THIter visit positions in row-major order, which fixes where the k-th element goes.
 * Their loops are branch-free in the mask (a random mask would mispredict every other element):
 * they touch position k whatever the mask says and advance k by it, stopping once all `count`
 * true entries are done so that k never passes the end of the packed buffer. */
typedef struct {
  real *packed;
  int64_t k, count;
} THTensor_(Packed);

static void THTensor_(kMaskedSelect)(void *ctx, int64_t n, char **d, const int64_t *s) {
  THTensor_(Packed) *c = ctx;
  real *out = c->packed;
  int64_t k = c->k;
  const int64_t count = c->count;
  for (int64_t i = 0; i < n && k < count; i++) {
    out[k] = *(const real *)(d[1] + i * s[1]);
    k += *(const uint8_t *)(d[0] + i * s[0]);
  }
  c->k = k;
}

static void THTensor_(kMaskedCopy)(void *ctx, int64_t n, char **d, const int64_t *s) {
  THTensor_(Packed) *c = ctx;
  const real *in = c->packed;
  int64_t k = c->k;
  const int64_t count = c->count;
  for (int64_t i = 0; i < n && k < count; i++) {
    const uint8_t m = *(const uint8_t *)(d[0] + i * s[0]);
    real *p = (real *)(d[1] + i * s[1]);
    const real old = *p;
    *p = m ? in[k] : old;
    k += m;
  }
  c->k = k;
}

static void THTensor_(runPacked)(THBoolTensor *rowMajorMask, int64_t count, THTensor *t, THIterKernel kernel,
                                 real *packed) {
  if (count == 0) return;
  THTensor_(Packed) c = {packed, 0, count};
  THIter it;
  char *data[2] = {TH_ITER_DATA(rowMajorMask, bool), TH_ITER_DATA(t, real)};
  const int64_t *strides[2] = {rowMajorMask->stride, t->stride};
  const int64_t es[2] = {sizeof(bool), sizeof(real)};
  THIter_init(&it, 2, t->nDimension, t->size, data, strides, es);
  THIter_runRange(&it, 0, it.numel, kernel, &c);
}

void THTensor_(maskedCopy)(THTensor *t, THBoolTensor *mask, THTensor *src) {
  const char *op = "masked_scatter_";
  th_check_shape(op, "a mask", t->nDimension, t->size, mask->nDimension, mask->size);
  const int64_t count = th_count_true(mask), have = THTensor_(nElement)(src);
  THArgCheck(have >= count, "%s: expected a source with at least %lld elements (the mask's true entries), but got %lld",
             op, (long long)count, (long long)have);
  THBoolTensor *m = TH_READABLE(THBoolTensor, mask, t->storage);
  THTensor *s = TH_READABLE(THTensor, src, t->storage);
  THTensor_(runPacked)(m, count, t, THTensor_(kMaskedCopy), THTensor_(data)(s));
  THBoolTensor_free(m);
  THTensor_(free)(s);
}

void THTensor_(maskedSelect)(THTensor *r, THTensor *t, THBoolTensor *mask) {
  th_check_shape("masked_select", "a mask", t->nDimension, t->size, mask->nDimension, mask->size);
  int64_t count = th_count_true(mask);
  THTensor *out = THTensor_(resultBegin)(r, 1, &count, TH_ALIASES(r, t) || TH_ALIASES(r, mask));
  THBoolTensor *m = THBoolTensor_newContiguous(mask);
  THTensor_(runPacked)(m, count, t, THTensor_(kMaskedSelect), THTensor_(data)(out));
  THBoolTensor_free(m);
  THTensor_(resultEnd)(r, out);
}

/* ---- nonzero ---- */

static void THTensor_(kCountNonzero)(void *ctx, int64_t n, char **d, const int64_t *s) {
  int64_t c = 0;
  if (s[0] == sizeof(real)) {
    const real *p = (const real *)d[0];
    for (int64_t i = 0; i < n; i++) c += p[i] != 0;
  } else {
    for (int64_t i = 0; i < n; i++) c += *(const real *)(d[0] + i * s[0]) != 0;
  }
  *(int64_t *)ctx += c;
}

void THTensor_(nonzero)(THLongTensor *r, THTensor *t) {
  const int nd = t->nDimension;
  int64_t count = 0;
  THIter it;
  char *data[1] = {TH_ITER_DATA(t, real)};
  const int64_t *strides[1] = {t->stride};
  const int64_t es[1] = {sizeof(real)};
  THIter_init(&it, 1, nd, t->size, data, strides, es);
  THIter_runRange(&it, 0, it.numel, THTensor_(kCountNonzero), &count);

  /* as resultBegin/resultEnd, for a Long result */
  const int64_t sizes[2] = {count, nd};
  const int aliased = TH_ALIASES(r, t);
  if (!aliased && !THLongTensor_isSize(r, 2, sizes)) THLongTensor_resizeNd(r, 2, sizes, NULL);
  THLongTensor *out = !aliased && THLongTensor_isContiguous(r) ? r : THLongTensor_newWithSize(2, sizes);

  if (count > 0 && nd > 0) {
    /* rows along the last dim, the outer coordinates kept as an odometer; branch-free in the data
     * like the masked ops: every element's coordinates are written to row k, which only the
     * nonzero ones keep by advancing k */
    int64_t *o = THLongTensor_data(out), k = 0;
    const real *base = THTensor_(data)(t);
    const int64_t last = t->size[nd - 1], ls = t->stride[nd - 1];
    const int64_t rows = THTensor_(nElement)(t) / last;
    int64_t coord[TH_MAX_DIMS] = {0}, off = 0;
    for (int64_t rowIndex = 0; rowIndex < rows && k < count; rowIndex++) {
      const real *p = base + off;
      for (int64_t i = 0; i < last && k < count; i++) {
        int64_t *row = o + k * nd;
        for (int d = 0; d < nd - 1; d++) row[d] = coord[d];
        row[nd - 1] = i;
        k += p[i * ls] != 0;
      }
      for (int d = nd - 2; d >= 0; d--) {
        off += t->stride[d];
        if (++coord[d] < t->size[d]) break;
        off -= coord[d] * t->stride[d];
        coord[d] = 0;
      }
    }
  }
  if (out != r) {
    if (!THLongTensor_isSize(r, 2, sizes)) THLongTensor_resizeNd(r, 2, sizes, NULL);
    THLongTensor_copy(r, out);
    THLongTensor_free(out);
  }
}

/* ---- take / put ---- */

typedef struct {
  const real *data;
  int contiguous;
  int ndim;
  const int64_t *sizes, *strides;
} THTensor_(Flat);

/* operands: the result, the index */
static void THTensor_(kTake)(void *ctx, int64_t n, char **d, const int64_t *s) {
  const THTensor_(Flat) *f = ctx;
  const real *src = f->data;
  if (f->contiguous && s[0] == sizeof(real) && s[1] == sizeof(int64_t)) {
    real *restrict out = (real *)d[0];
    const int64_t *restrict idx = (const int64_t *)d[1];
    for (int64_t i = 0; i < n; i++) out[i] = src[idx[i]];
  } else {
    for (int64_t i = 0; i < n; i++) {
      const int64_t x = *(const int64_t *)(d[1] + i * s[1]);
      *(real *)(d[0] + i * s[0]) = src[f->contiguous ? x : th_linear_offset(x, f->ndim, f->sizes, f->strides)];
    }
  }
}

void THTensor_(take)(THTensor *r, THTensor *t, THLongTensor *index) {
  th_check_indices("take", index, THTensor_(nElement)(t));
  THTensor *out =
      THTensor_(resultBegin)(r, index->nDimension, index->size, TH_ALIASES(r, t) || TH_ALIASES(r, index));
  THTensor_(Flat) f = {THTensor_(data)(t), THTensor_(isContiguous)(t), t->nDimension, t->size, t->stride};
  THIter it;
  char *data[2] = {TH_ITER_DATA(out, real), TH_ITER_DATA(index, int64_t)};
  const int64_t *strides[2] = {out->stride, index->stride};
  const int64_t es[2] = {sizeof(real), sizeof(int64_t)};
  THIter_init(&it, 2, index->nDimension, index->size, data, strides, es);
  THIter_run(&it, THTensor_(kTake), &f);
  THTensor_(resultEnd)(r, out);
}

void THTensor_(put)(THTensor *t, THLongTensor *index, THTensor *src, int accumulate) {
  const char *op = "put_";
  const int64_t n = THLongTensor_nElement(index), have = THTensor_(nElement)(src);
  THArgCheck(have == n, "%s: expected a source with as many elements as index (%lld), but got %lld", op, (long long)n,
             (long long)have);
  th_check_indices(op, index, THTensor_(nElement)(t));
  THLongTensor *idx = TH_READABLE(THLongTensor, index, t->storage);
  THTensor *s = TH_READABLE(THTensor, src, t->storage);
  const int64_t *ip = THLongTensor_data(idx);
  const real *sp = THTensor_(data)(s);
  real *base = THTensor_(data)(t);
  const int contiguous = THTensor_(isContiguous)(t);
  /* serial: duplicate indices must accumulate (or the last one win) without races */
  for (int64_t i = 0; i < n; i++) {
    real *p = base + (contiguous ? ip[i] : th_linear_offset(ip[i], t->nDimension, t->size, t->stride));
    if (accumulate)
      *p += sp[i];
    else
      *p = sp[i];
  }
  THLongTensor_free(idx);
  THTensor_(free)(s);
}

/* ---- where ---- */

/* operands: the result, the condition, a, b */
static void THTensor_(kWhere)(void *ctx, int64_t n, char **d, const int64_t *s) {
  if (s[0] == sizeof(real) && s[1] == sizeof(bool) && s[2] == sizeof(real) && s[3] == sizeof(real)) {
    real *restrict r = (real *)d[0];
    const uint8_t *restrict c = (const uint8_t *)d[1]; /* bytes, as in kMaskedFill */
    const real *restrict a = (const real *)d[2];
    const real *restrict b = (const real *)d[3];
    for (int64_t i = 0; i < n; i++) {
      const real x = a[i], y = b[i];
      r[i] = c[i] ? x : y;
    }
  } else {
    for (int64_t i = 0; i < n; i++)
      *(real *)(d[0] + i * s[0]) =
          *(const bool *)(d[1] + i * s[1]) ? *(const real *)(d[2] + i * s[2]) : *(const real *)(d[3] + i * s[3]);
  }
}

void THTensor_(where)(THTensor *r, THBoolTensor *condition, THTensor *a, THTensor *b) {
  THTensor_(checkSameShape)("where", a, b);
  th_check_shape("where", "a condition", a->nDimension, a->size, condition->nDimension, condition->size);
  THTensor_(resizeLike)(r, a);
  THIter it;
  char *data[4] = {TH_ITER_DATA(r, real), TH_ITER_DATA(condition, bool), TH_ITER_DATA(a, real), TH_ITER_DATA(b, real)};
  const int64_t *strides[4] = {r->stride, condition->stride, a->stride, b->stride};
  const int64_t es[4] = {sizeof(real), sizeof(bool), sizeof(real), sizeof(real)};
  THIter_init(&it, 4, a->nDimension, a->size, data, strides, es);
  THIter_run(&it, THTensor_(kWhere), NULL);
}

#endif
