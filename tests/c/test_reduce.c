/* C-level tests of the reductions (THTensorReduce), with hand-worked values. */
#include "th_test.h"

/* A Double tensor of the given sizes filled row-major from vals. */
static THDoubleTensor *dtensor(int ndim, const int64_t *sizes, const double *vals) {
  THDoubleTensor *t = THDoubleTensor_newWithSize(ndim, sizes);
  double *p = THDoubleTensor_data(t);
  for (int64_t i = 0; i < THDoubleTensor_nElement(t); i++) p[i] = vals[i];
  return t;
}
/* The same values converted to another type (through TH's copy). */
#define CONVERTED(Real, src)                                                           \
  ({                                                                                   \
    TH##Real##Tensor *c_ = TH##Real##Tensor_newWithSize((src)->nDimension, (src)->size); \
    TH##Real##Tensor_copyDouble(c_, src);                                              \
    c_;                                                                                \
  })

static const int64_t S23[2] = {2, 3};
static const double A23[6] = {1, 2, 3, 4, 5, 6}; /* [[1, 2, 3], [4, 5, 6]] */

static void test_whole_tensor(void) {
  THDoubleTensor *a = dtensor(2, S23, A23);
  CHECK(THDoubleTensor_sumall(a) == 21);
  CHECK(THDoubleTensor_prodall(a) == 720);
  CHECK(THDoubleTensor_meanall(a) == 3.5);
  /* squared deviations from 3.5: 6.25 + 2.25 + 0.25 (twice) = 17.5 */
  CHECK_NEAR(THDoubleTensor_varall(a, 1), 3.5, 1e-12);
  CHECK_NEAR(THDoubleTensor_varall(a, 0), 17.5 / 6, 1e-12);
  CHECK_NEAR(THDoubleTensor_stdall(a, 1), sqrt(3.5), 1e-12);
  CHECK(THDoubleTensor_maxall(a) == 6 && THDoubleTensor_minall(a) == 1);
  CHECK(THDoubleTensor_normall(a, 0) == 6);
  CHECK(THDoubleTensor_normall(a, 1) == 21);
  CHECK_NEAR(THDoubleTensor_normall(a, 2), sqrt(91), 1e-12);
  CHECK_NEAR(THDoubleTensor_normall(a, 3), cbrt(441), 1e-12); /* 1 + 8 + 27 + 64 + 125 + 216 */
  CHECK(THDoubleTensor_normall(a, INFINITY) == 6 && THDoubleTensor_normall(a, -INFINITY) == 1);
  CHECK(THDoubleTensor_trace(a) == 6); /* 1 + 5 */
  CHECK(THDoubleTensor_logicalall(a) && THDoubleTensor_logicalany(a));

  /* transposed: the same values, the same answers */
  THDoubleTensor *at = THDoubleTensor_newTranspose(a, 0, 1);
  CHECK(THDoubleTensor_sumall(at) == 21 && THDoubleTensor_trace(at) == 6 && THDoubleTensor_maxall(at) == 6);
  CHECK(THDoubleTensor_equal(a, a) && !THDoubleTensor_equal(a, at));
  THDoubleTensor *atc = THDoubleTensor_newContiguous(at);
  CHECK(THDoubleTensor_equal(at, atc));
  THDoubleTensor_set2d(atc, 2, 1, 7);
  CHECK(!THDoubleTensor_equal(at, atc));

  /* dist: [1, 2] to [4, 6] */
  const int64_t s2[1] = {2};
  const double u[2] = {1, 2}, w[2] = {4, 6};
  THDoubleTensor *tu = dtensor(1, s2, u), *tw = dtensor(1, s2, w);
  CHECK_NEAR(THDoubleTensor_dist(tu, tw, 2), 5, 1e-12);
  CHECK(THDoubleTensor_dist(tu, tw, 1) == 7 && THDoubleTensor_dist(tu, tw, INFINITY) == 4);
  CHECK(THDoubleTensor_dist(tu, tw, 0) == 2);

  /* other types: integer sums are exact in int64; Bool counts */
  THLongTensor *l = CONVERTED(Long, a);
  CHECK(THLongTensor_sumall(l) == 21 && THLongTensor_prodall(l) == 720 && THLongTensor_maxall(l) == 6);
  THByteTensor *by = THByteTensor_newWithSize1d(2);
  THByteTensor_set1d(by, 0, 200);
  THByteTensor_set1d(by, 1, 100);
  CHECK(THByteTensor_sumall(by) == 300 && THByteTensor_minall(by) == 100);
  THBoolTensor *bo = THBoolTensor_newWithSize1d(3);
  THBoolTensor_set1d(bo, 0, 1);
  THBoolTensor_set1d(bo, 1, 0);
  THBoolTensor_set1d(bo, 2, 1);
  CHECK(THBoolTensor_sumall(bo) == 2 && !THBoolTensor_logicalall(bo) && THBoolTensor_logicalany(bo));
  CHECK(THBoolTensor_maxall(bo) == 1 && THBoolTensor_minall(bo) == 0);
  THFloatTensor *f = CONVERTED(Float, a);
  CHECK(THFloatTensor_sumall(f) == 21 && THFloatTensor_meanall(f) == 3.5);
  CHECK_NEAR(THFloatTensor_stdall(f, 1), sqrt(3.5), 1e-12);
  THHalfTensor *h = CONVERTED(Half, a);
  CHECK(THHalfTensor_sumall(h) == 21.0f && (float)THHalfTensor_maxall(h) == 6.0f);
  CHECK_NEAR(THHalfTensor_normall(h, 2), sqrt(91), 1e-5);
  THIntTensor *in = CONVERTED(Int, a);
  THIntTensor_set2d(in, 0, 0, 0);
  CHECK(!THIntTensor_logicalall(in) && THIntTensor_logicalany(in) && THIntTensor_trace(in) == 5);

  /* a Float sum of 16M elements accumulates in double: exact here, not off by ~1% */
  THFloatTensor *big = THFloatTensor_newWithSize1d(1 << 24);
  THFloatTensor_fill(big, 0.1f);
  CHECK_NEAR(THFloatTensor_sumall(big), (double)0.1f * (1 << 24), 1e-6);

  THDoubleTensor_free(a);
  THDoubleTensor_free(at);
  THDoubleTensor_free(atc);
  THDoubleTensor_free(tu);
  THDoubleTensor_free(tw);
  THLongTensor_free(l);
  THByteTensor_free(by);
  THBoolTensor_free(bo);
  THFloatTensor_free(f);
  THHalfTensor_free(h);
  THIntTensor_free(in);
  THFloatTensor_free(big);
}

static void test_along_dim(void) {
  THDoubleTensor *a = dtensor(2, S23, A23), *r = THDoubleTensor_new();
  THLongTensor *idx = THLongTensor_new();

  THDoubleTensor_sum(r, a, 0, 0);
  CHECK(r->nDimension == 1 && r->size[0] == 3);
  CHECK(THDoubleTensor_get1d(r, 0) == 5 && THDoubleTensor_get1d(r, 1) == 7 && THDoubleTensor_get1d(r, 2) == 9);
  THDoubleTensor_sum(r, a, 1, 1);
  CHECK(r->nDimension == 2 && r->size[0] == 2 && r->size[1] == 1);
  CHECK(THDoubleTensor_get2d(r, 0, 0) == 6 && THDoubleTensor_get2d(r, 1, 0) == 15);
  THDoubleTensor_prod(r, a, 1, 0);
  CHECK(THDoubleTensor_get1d(r, 0) == 6 && THDoubleTensor_get1d(r, 1) == 120);
  THDoubleTensor_mean(r, a, 0, 0);
  CHECK(THDoubleTensor_get1d(r, 0) == 2.5 && THDoubleTensor_get1d(r, 2) == 4.5);
  THDoubleTensor_var(r, a, 1, 1, 0); /* each row 1, 2, 3 shifted: squared deviations 1 + 0 + 1 */
  CHECK_NEAR(THDoubleTensor_get1d(r, 0), 1, 1e-12);
  CHECK_NEAR(THDoubleTensor_get1d(r, 1), 1, 1e-12);
  THDoubleTensor_var(r, a, 1, 0, 1);
  CHECK(r->nDimension == 2 && r->size[1] == 1);
  CHECK_NEAR(THDoubleTensor_get2d(r, 1, 0), 2.0 / 3, 1e-12);
  THDoubleTensor_std(r, a, 0, 1, 0); /* each column {x, x + 3}: variance 4.5 */
  CHECK_NEAR(THDoubleTensor_get1d(r, 1), sqrt(4.5), 1e-12);
  THDoubleTensor_norm(r, a, 1, 0, 0);
  CHECK(THDoubleTensor_get1d(r, 0) == 5 && THDoubleTensor_get1d(r, 2) == 9);
  THDoubleTensor_norm(r, a, 2, 1, 0);
  CHECK_NEAR(THDoubleTensor_get1d(r, 0), sqrt(14), 1e-12);
  THDoubleTensor_norm(r, a, INFINITY, 1, 0);
  CHECK(THDoubleTensor_get1d(r, 0) == 3 && THDoubleTensor_get1d(r, 1) == 6);

  THDoubleTensor_max(r, idx, a, 1, 0);
  CHECK(THDoubleTensor_get1d(r, 0) == 3 && THDoubleTensor_get1d(r, 1) == 6);
  CHECK(THLongTensor_get1d(idx, 0) == 2 && THLongTensor_get1d(idx, 1) == 2);
  THDoubleTensor_min(r, idx, a, 0, 1);
  CHECK(r->nDimension == 2 && r->size[0] == 1 && idx->size[0] == 1 && idx->size[1] == 3);
  CHECK(THDoubleTensor_get2d(r, 0, 2) == 3 && THLongTensor_get2d(idx, 0, 2) == 0);

  /* a transposed input reads in memory order; results must still be in dim order */
  THDoubleTensor *at = THDoubleTensor_newTranspose(a, 0, 1); /* [[1, 4], [2, 5], [3, 6]] */
  THDoubleTensor_sum(r, at, 1, 0);
  CHECK(r->size[0] == 3 && THDoubleTensor_get1d(r, 0) == 5 && THDoubleTensor_get1d(r, 2) == 9);
  THDoubleTensor_sum(r, at, 0, 1);
  CHECK(r->size[0] == 1 && r->size[1] == 2 && THDoubleTensor_get2d(r, 0, 0) == 6 && THDoubleTensor_get2d(r, 0, 1) == 15);
  THDoubleTensor_max(r, idx, at, 0, 0);
  CHECK(THDoubleTensor_get1d(r, 1) == 6 && THLongTensor_get1d(idx, 0) == 2 && THLongTensor_get1d(idx, 1) == 2);
  THDoubleTensor_argmin(idx, at, 1, 0);
  CHECK(idx->size[0] == 3 && THLongTensor_get1d(idx, 0) == 0 && THLongTensor_get1d(idx, 2) == 0);
  THDoubleTensor_cumsum(r, at, 0);
  CHECK(THDoubleTensor_get2d(r, 2, 0) == 6 && THDoubleTensor_get2d(r, 2, 1) == 15 && THDoubleTensor_get2d(r, 1, 1) == 9);

  /* a narrowed (non-dense) input is copied first */
  THDoubleTensor *nar = THDoubleTensor_newNarrow(a, 1, 1, 2); /* [[2, 3], [5, 6]] */
  THDoubleTensor_sum(r, nar, 0, 0);
  CHECK(THDoubleTensor_get1d(r, 0) == 7 && THDoubleTensor_get1d(r, 1) == 9);

  /* scans */
  THDoubleTensor_cumsum(r, a, 1);
  CHECK(r->size[0] == 2 && r->size[1] == 3 && THDoubleTensor_get2d(r, 0, 2) == 6 && THDoubleTensor_get2d(r, 1, 2) == 15);
  THDoubleTensor_cumprod(r, a, 0);
  CHECK(THDoubleTensor_get2d(r, 1, 0) == 4 && THDoubleTensor_get2d(r, 1, 2) == 18);

  /* a result of the right shape but another layout is written through a temporary */
  THDoubleTensor *base = THDoubleTensor_newWithSize2d(3, 2), *rt = THDoubleTensor_newTranspose(base, 0, 1);
  THDoubleTensor_cumsum(rt, a, 1);
  CHECK(rt->stride[0] == 1 && THDoubleTensor_get2d(rt, 1, 1) == 9 && THDoubleTensor_get2d(base, 2, 1) == 15);

  /* in place: r == t */
  THDoubleTensor *c = THDoubleTensor_newClone(a);
  THDoubleTensor_sum(c, c, 1, 0);
  CHECK(c->nDimension == 1 && THDoubleTensor_get1d(c, 0) == 6 && THDoubleTensor_get1d(c, 1) == 15);
  THDoubleTensor_free(c);
  c = THDoubleTensor_newClone(a);
  THDoubleTensor_cumsum(c, c, 0);
  CHECK(THDoubleTensor_get2d(c, 1, 1) == 7);

  /* other types */
  THIntTensor *in = CONVERTED(Int, a), *ir = THIntTensor_new();
  THIntTensor_sum(ir, in, 0, 0);
  CHECK(THIntTensor_get1d(ir, 2) == 9);
  THIntTensor_cumprod(ir, in, 1);
  CHECK(THIntTensor_get2d(ir, 1, 2) == 120);
  THIntTensor_set2d(in, 0, 1, 0); /* [[1, 0, 3], [4, 5, 6]] */
  THBoolTensor *b = THBoolTensor_new();
  THIntTensor_all(b, in, 1, 0);
  CHECK(b->size[0] == 2 && !THBoolTensor_get1d(b, 0) && THBoolTensor_get1d(b, 1));
  THIntTensor_any(b, in, 0, 1);
  CHECK(b->size[0] == 1 && THBoolTensor_get2d(b, 0, 1));
  THIntTensor_argmin(idx, in, 1, 0);
  CHECK(THLongTensor_get1d(idx, 0) == 1 && THLongTensor_get1d(idx, 1) == 0);

  /* ties keep the first index */
  const int64_t s5[1] = {5};
  const double v5[5] = {3, 1, 3, 0, 0};
  THDoubleTensor *d5 = dtensor(1, s5, v5);
  THLongTensor *l5 = CONVERTED(Long, d5), *lr = THLongTensor_new();
  THLongTensor_max(lr, idx, l5, 0, 0);
  CHECK(lr->nDimension == 0 && THLongTensor_get0d(lr) == 3 && THLongTensor_get0d(idx) == 0);
  THLongTensor_argmin(idx, l5, 0, 1);
  CHECK(idx->nDimension == 1 && THLongTensor_get1d(idx, 0) == 3);

  /* Byte sums wrap in their own type (the bindings widen integers first) */
  THByteTensor *by = THByteTensor_newWithSize2d(2, 1), *byr = THByteTensor_new();
  THByteTensor_fill(by, 200);
  THByteTensor_sum(byr, by, 0, 0);
  CHECK(THByteTensor_get1d(byr, 0) == 144);

  /* Half and Float */
  THHalfTensor *h = CONVERTED(Half, a), *hr = THHalfTensor_new();
  THHalfTensor_mean(hr, h, 1, 0);
  CHECK((float)THHalfTensor_get1d(hr, 0) == 2.0f && (float)THHalfTensor_get1d(hr, 1) == 5.0f);
  THHalfTensor_cumsum(hr, h, 1);
  CHECK((float)THHalfTensor_get2d(hr, 1, 2) == 15.0f);
  THFloatTensor *f = CONVERTED(Float, a), *fr = THFloatTensor_new();
  THFloatTensor_std(fr, f, 1, 1, 1);
  CHECK_NEAR(THFloatTensor_get2d(fr, 0, 0), 1, 1e-6);
  THFloatTensor_norm(fr, f, 3, 0, 0); /* column 0: 1 + 64 */
  CHECK_NEAR(THFloatTensor_get1d(fr, 0), cbrt(65), 1e-5);

  THDoubleTensor_free(a);
  THDoubleTensor_free(r);
  THDoubleTensor_free(at);
  THDoubleTensor_free(nar);
  THDoubleTensor_free(base);
  THDoubleTensor_free(rt);
  THDoubleTensor_free(c);
  THDoubleTensor_free(d5);
  THLongTensor_free(idx);
  THLongTensor_free(l5);
  THLongTensor_free(lr);
  THIntTensor_free(in);
  THIntTensor_free(ir);
  THBoolTensor_free(b);
  THByteTensor_free(by);
  THByteTensor_free(byr);
  THHalfTensor_free(h);
  THHalfTensor_free(hr);
  THFloatTensor_free(f);
  THFloatTensor_free(fr);
}

static void test_streaming_large(void) {
  /* big enough for threads, with the reduced dim outermost (streamed rows) and innermost */
  THFloatTensor *m = THFloatTensor_newWithSize2d(300, 1000), *r = THFloatTensor_new();
  float *p = THFloatTensor_data(m);
  for (int i = 0; i < 300; i++)
    for (int j = 0; j < 1000; j++) p[i * 1000 + j] = (float)(i + j % 7);
  THLongTensor *idx = THLongTensor_new();
  for (int nt = 1; nt <= 2; nt++) {
    THSetNumThreads(nt);
    THFloatTensor_sum(r, m, 0, 0); /* column j: sum of i + (j % 7) over 300 rows */
    CHECK(r->size[0] == 1000 && THFloatTensor_get1d(r, 9) == 44850 + 300 * 2);
    THFloatTensor_sum(r, m, 1, 0); /* row i: 1000 i + sum of j % 7 = 1000 i + 2997 */
    CHECK(r->size[0] == 300 && THFloatTensor_get1d(r, 299) == 299000 + 2997);
    THFloatTensor_max(r, idx, m, 0, 0);
    CHECK(THFloatTensor_get1d(r, 3) == 302 && THLongTensor_get1d(idx, 3) == 299);
    THFloatTensor_var(r, m, 0, 1, 0); /* 0..299 shifted: (300^2 - 1) / 12 * 300 / 299 */
    CHECK_NEAR(THFloatTensor_get1d(r, 5), (300.0 * 300 - 1) / 12 * 300 / 299, 1e-2);
    THFloatTensor_cumsum(r, m, 0);
    CHECK(THFloatTensor_get2d(r, 299, 0) == 44850);
  }
  THFloatTensor_free(m);
  THFloatTensor_free(r);
  THLongTensor_free(idx);
}

static void test_nan(void) {
  const int64_t s4[1] = {4};
  const double v[4] = {1, NAN, 3, NAN};
  THDoubleTensor *d = dtensor(1, s4, v);
  THFloatTensor *f = CONVERTED(Float, d), *r = THFloatTensor_new();
  THLongTensor *idx = THLongTensor_new();
  CHECK(isnan(THFloatTensor_maxall(f)) && isnan(THFloatTensor_minall(f)) && isnan(THFloatTensor_sumall(f)));
  CHECK(isnan(THFloatTensor_normall(f, INFINITY)));
  THFloatTensor_max(r, idx, f, 0, 0); /* the first NaN wins */
  CHECK(isnan(THFloatTensor_get0d(r)) && THLongTensor_get0d(idx) == 1);
  THFloatTensor_argmin(idx, f, 0, 0);
  CHECK(THLongTensor_get0d(idx) == 1);
  CHECK(THFloatTensor_logicalall(f)); /* NaN is nonzero */
  CHECK(!THFloatTensor_equal(f, f));
  /* streamed columns: [[1, NaN], [NaN, 2], [5, NaN]] along dim 0 */
  THFloatTensor *m = THFloatTensor_newWithSize2d(3, 2);
  THFloatTensor_set2d(m, 0, 0, 1);
  THFloatTensor_set2d(m, 0, 1, NAN);
  THFloatTensor_set2d(m, 1, 0, NAN);
  THFloatTensor_set2d(m, 1, 1, 2);
  THFloatTensor_set2d(m, 2, 0, 5);
  THFloatTensor_set2d(m, 2, 1, NAN);
  THFloatTensor_min(r, idx, m, 0, 0);
  CHECK(isnan(THFloatTensor_get1d(r, 0)) && THLongTensor_get1d(idx, 0) == 1 && THLongTensor_get1d(idx, 1) == 0);
  THFloatTensor_sum(r, m, 0, 0);
  CHECK(isnan(THFloatTensor_get1d(r, 0)) && isnan(THFloatTensor_get1d(r, 1)));
  THDoubleTensor_free(d);
  THFloatTensor_free(f);
  THFloatTensor_free(r);
  THFloatTensor_free(m);
  THLongTensor_free(idx);
}

static void test_empty_and_scalar(void) {
  THDoubleTensor *e = THDoubleTensor_newWithSize2d(0, 3), *r = THDoubleTensor_new();
  THLongTensor *idx = THLongTensor_new();
  CHECK(THDoubleTensor_sumall(e) == 0 && THDoubleTensor_prodall(e) == 1 && isnan(THDoubleTensor_meanall(e)));
  CHECK(isnan(THDoubleTensor_varall(e, 1)) && THDoubleTensor_normall(e, 2) == 0);
  CHECK(THDoubleTensor_logicalall(e) && !THDoubleTensor_logicalany(e));
  THDoubleTensor_sum(r, e, 0, 0);
  CHECK(r->nDimension == 1 && r->size[0] == 3 && THDoubleTensor_get1d(r, 2) == 0);
  THDoubleTensor_prod(r, e, 0, 1);
  CHECK(r->size[0] == 1 && r->size[1] == 3 && THDoubleTensor_get2d(r, 0, 1) == 1);
  THDoubleTensor_mean(r, e, 0, 0);
  CHECK(isnan(THDoubleTensor_get1d(r, 0)));
  THDoubleTensor_std(r, e, 0, 0, 0);
  CHECK(isnan(THDoubleTensor_get1d(r, 0)));
  THBoolTensor *b = THBoolTensor_new();
  THDoubleTensor_all(b, e, 0, 0);
  CHECK(b->size[0] == 3 && THBoolTensor_get1d(b, 0));
  THDoubleTensor_max(r, idx, e, 1, 0); /* dim 1 has elements; the result is just empty */
  CHECK(r->nDimension == 1 && r->size[0] == 0 && idx->size[0] == 0);
  THDoubleTensor_sum(r, e, 1, 1);
  CHECK(r->size[0] == 0 && r->size[1] == 1);
  THDoubleTensor_cumsum(r, e, 0);
  CHECK(r->size[0] == 0 && r->size[1] == 3);

  /* a 0-d tensor reduces along dim 0 to itself */
  THDoubleTensor *s = THDoubleTensor_newWithSize(0, NULL);
  THDoubleTensor_set0d(s, 4);
  THDoubleTensor_sum(r, s, 0, 1);
  CHECK(r->nDimension == 0 && THDoubleTensor_get0d(r) == 4);
  THDoubleTensor_max(r, idx, s, 0, 0);
  CHECK(r->nDimension == 0 && THDoubleTensor_get0d(r) == 4 && idx->nDimension == 0 && THLongTensor_get0d(idx) == 0);
  THDoubleTensor_var(r, s, 0, 1, 0);
  CHECK(isnan(THDoubleTensor_get0d(r)));
  THDoubleTensor_cumprod(r, s, 0);
  CHECK(r->nDimension == 0 && THDoubleTensor_get0d(r) == 4);
  CHECK(THDoubleTensor_sumall(s) == 4 && THDoubleTensor_maxall(s) == 4);

  THDoubleTensor_free(e);
  THDoubleTensor_free(r);
  THDoubleTensor_free(s);
  THLongTensor_free(idx);
  THBoolTensor_free(b);
}

static void test_renorm_histc(void) {
  const int64_t s22[2] = {2, 2};
  const double m[4] = {3, 4, 0, 1};
  THDoubleTensor *t = dtensor(2, s22, m), *r = THDoubleTensor_new();
  THDoubleTensor_renorm(r, t, 2, 0, 1); /* row 0 has norm 5: scaled to ~1; row 1 has norm 1: kept */
  CHECK_NEAR(THDoubleTensor_get2d(r, 0, 0), 0.6, 1e-7);
  CHECK_NEAR(THDoubleTensor_get2d(r, 0, 1), 0.8, 1e-7);
  CHECK(THDoubleTensor_get2d(r, 1, 1) == 1);
  THDoubleTensor_renorm(t, t, 1, 1, 3.5); /* columns: |3| + |0| = 3 kept, |4| + |1| = 5 scaled */
  CHECK(THDoubleTensor_get2d(t, 0, 0) == 3);
  CHECK_NEAR(THDoubleTensor_get2d(t, 0, 1), 4 * 3.5 / 5, 1e-6);

  const int64_t s7[1] = {7};
  const double v[7] = {1, 2, 1, 2.5, 4, -1, 7};
  THDoubleTensor *x = dtensor(1, s7, v);
  THDoubleTensor_histc(r, x, 4, 0, 4); /* [0,1): -  [1,2): 1 1  [2,3): 2 2.5  [3,4]: 4 */
  CHECK(r->nDimension == 1 && r->size[0] == 4);
  CHECK(THDoubleTensor_get1d(r, 0) == 0 && THDoubleTensor_get1d(r, 1) == 2 && THDoubleTensor_get1d(r, 2) == 2 &&
        THDoubleTensor_get1d(r, 3) == 1);
  THFloatTensor *fx = CONVERTED(Float, x), *fr = THFloatTensor_new();
  THFloatTensor_narrow(fx, NULL, 0, 0, 4); /* min == max: the data's range [1, 2.5] in bins of 0.5 */
  THFloatTensor_histc(fr, fx, 3, 0, 0);  /* 1 1 | - | 2 2.5 (the max goes in the last bin) */
  CHECK(THFloatTensor_get1d(fr, 0) == 2 && THFloatTensor_get1d(fr, 1) == 0 && THFloatTensor_get1d(fr, 2) == 2);

  EXPECT_ERROR(THDoubleTensor_histc(r, x, 0, 0, 1), "histc: expected bins > 0, but got 0");
  EXPECT_ERROR(THDoubleTensor_histc(r, x, 3, 2, 1), "histc: expected max > min");
  EXPECT_ERROR(THDoubleTensor_renorm(r, t, 0, 0, 1), "renorm: expected a positive norm order p");
  EXPECT_ERROR(THDoubleTensor_renorm(r, t, 2, 0, -1), "renorm: expected maxnorm >= 0");
  EXPECT_ERROR(THDoubleTensor_renorm(r, x, 2, 0, 1), "renorm: expected a tensor with at least 2 dimensions");
  THDoubleTensor_free(t);
  THDoubleTensor_free(r);
  THDoubleTensor_free(x);
  THFloatTensor_free(fx);
  THFloatTensor_free(fr);
}

static void test_errors(void) {
  THDoubleTensor *a = dtensor(2, S23, A23), *r = THDoubleTensor_new(), *e = THDoubleTensor_newWithSize2d(2, 0);
  THLongTensor *idx = THLongTensor_new();
  EXPECT_ERROR(THDoubleTensor_sum(r, a, 2, 0), "sum: expected a dim in [0, 2), but got 2");
  EXPECT_ERROR(THDoubleTensor_argmax(idx, a, -1, 0), "argmax: expected a dim in [0, 2), but got -1");
  EXPECT_ERROR(THDoubleTensor_cumsum(r, a, 5), "cumsum: expected a dim in [0, 2), but got 5");
  EXPECT_ERROR(THDoubleTensor_maxall(e), "max(): expected a non-empty tensor");
  EXPECT_ERROR(THDoubleTensor_minall(e), "min(): expected a non-empty tensor");
  EXPECT_ERROR(THDoubleTensor_max(r, idx, e, 1, 0), "max(): Expected reduction dim 1 to have non-zero size");
  EXPECT_ERROR(THDoubleTensor_argmin(idx, e, 1, 0), "argmin(): Expected reduction dim 1 to have non-zero size");
  EXPECT_ERROR(THDoubleTensor_norm(r, e, INFINITY, 1, 0), "norm: expected a non-empty reduction for the inf norm");
  EXPECT_ERROR(THDoubleTensor_normall(e, -INFINITY), "-inf norm");
  EXPECT_ERROR(THDoubleTensor_trace(r), "trace: expected a matrix");
  EXPECT_ERROR(THDoubleTensor_dist(a, e, 2), "dist: expected tensors of the same shape");
  THDoubleTensor *s = THDoubleTensor_newWithSize(0, NULL);
  EXPECT_ERROR(THDoubleTensor_sum(r, s, 1, 0), "sum: expected a dim in [0, 1), but got 1");
  /* a failed call leaves its arguments usable */
  THDoubleTensor_sum(r, a, 1, 0);
  CHECK(THDoubleTensor_get1d(r, 1) == 15);
  THDoubleTensor_free(a);
  THDoubleTensor_free(r);
  THDoubleTensor_free(e);
  THDoubleTensor_free(s);
  THLongTensor_free(idx);
}

int main(void) {
  TH_TEST_INIT();
  test_whole_tensor();
  test_along_dim();
  test_streaming_large();
  test_nan();
  test_empty_and_scalar();
  test_renorm_histc();
  test_errors();
  TH_TEST_DONE();
}
