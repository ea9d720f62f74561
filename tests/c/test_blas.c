/* C-level tests of the matrix products (THTensorBlas), with hand-worked values. */
#include "th_test.h"

static THDoubleTensor *dtensor(int ndim, const int64_t *sizes, const double *vals) {
  THDoubleTensor *t = THDoubleTensor_newWithSize(ndim, sizes);
  double *p = THDoubleTensor_data(t);
  for (int64_t i = 0; i < THDoubleTensor_nElement(t); i++) p[i] = vals[i];
  return t;
}
#define CONVERTED(Real, src)                                                             \
  ({                                                                                     \
    TH##Real##Tensor *c_ = TH##Real##Tensor_newWithSize((src)->nDimension, (src)->size); \
    TH##Real##Tensor_copyDouble(c_, src);                                                \
    c_;                                                                                  \
  })

static const int64_t S23[2] = {2, 3}, S32[2] = {3, 2}, S22[2] = {2, 2};
static const double A23[6] = {1, 2, 3, 4, 5, 6};    /* [[1, 2, 3], [4, 5, 6]] */
static const double B32[6] = {1, 0, 0, 1, 2, -1};   /* [[1, 0], [0, 1], [2, -1]] */
static const double AB[4] = {7, -1, 16, -1};        /* A23 @ B32 */

static int same2x2(THDoubleTensor *r, const double *v, double tol) {
  if (r->nDimension != 2 || r->size[0] != 2 || r->size[1] != 2) return 0;
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++)
      if (fabs(THDoubleTensor_get2d(r, i, j) - v[2 * i + j]) > tol) return 0;
  return 1;
}

static void test_mm_layouts(void) {
  THDoubleTensor *a = dtensor(2, S23, A23), *b = dtensor(2, S32, B32), *r = THDoubleTensor_new();
  THDoubleTensor_mm(r, a, b);
  CHECK(same2x2(r, AB, 0));

  /* transposed-contiguous operands (column-major storage), and a sliced one BLAS cannot take */
  THDoubleTensor *at = THDoubleTensor_newTranspose(a, 0, 1), *atc = THDoubleTensor_newContiguous(at);
  THDoubleTensor *a2 = THDoubleTensor_newTranspose(atc, 0, 1); /* A23 again, column-major */
  THDoubleTensor *bt = THDoubleTensor_newTranspose(b, 0, 1), *btc = THDoubleTensor_newContiguous(bt);
  THDoubleTensor *b2 = THDoubleTensor_newTranspose(btc, 0, 1);
  THDoubleTensor_mm(r, a2, b2);
  CHECK(same2x2(r, AB, 0));
  const int64_t big[2] = {4, 6};
  THDoubleTensor *g = THDoubleTensor_newWithSize(2, big);
  THDoubleTensor_fill(g, NAN);
  THDoubleTensor *gs = THDoubleTensor_newWithStorage2d(g->storage, 0, 2, 12, 3, 2); /* strides (12, 2) */
  THDoubleTensor_copy(gs, a);
  THDoubleTensor_mm(r, gs, b);
  CHECK(same2x2(r, AB, 0));

  /* a result with a layout BLAS cannot write: computed aside, written through its strides */
  THDoubleTensor *rs = THDoubleTensor_newWithStorage2d(g->storage, 1, 2, 12, 2, 2);
  THDoubleTensor_mm(rs, a, b);
  CHECK(same2x2(rs, AB, 0));
  CHECK(THDoubleTensor_get2d(g, 0, 0) == 1 && isnan(THDoubleTensor_get2d(g, 0, 5)));

  /* addmm: beta * t + alpha * ab, in place; a transposed (row-major) result */
  const double t4[4] = {1, 2, 3, 4};
  THDoubleTensor *t = dtensor(2, S22, t4);
  THDoubleTensor_addmm(r, 2, t, 3, a, b);
  const double want[4] = {2 + 21, 4 - 3, 6 + 48, 8 - 3};
  CHECK(same2x2(r, want, 0));
  THDoubleTensor *tt = THDoubleTensor_newTranspose(t, 0, 1);
  THDoubleTensor_addmm(tt, 1, tt, 1, a, b); /* tt = [[1, 3], [2, 4]] + AB */
  const double want_t[4] = {8, 2, 18, 3};
  CHECK(same2x2(tt, want_t, 0));

  /* beta == 0 ignores NaN in t; an empty inner dim gives beta * t */
  THDoubleTensor *nan = THDoubleTensor_newWithSize2d(2, 2);
  THDoubleTensor_fill(nan, NAN);
  THDoubleTensor_addmm(r, 0, nan, 1, a, b);
  CHECK(same2x2(r, AB, 0));
  THDoubleTensor_addmm(nan, 0, nan, 1, a, b);
  CHECK(same2x2(nan, AB, 0));
  THDoubleTensor *e1 = THDoubleTensor_newWithSize2d(2, 0), *e2 = THDoubleTensor_newWithSize2d(0, 2);
  THDoubleTensor_fill(nan, NAN);
  THDoubleTensor_addmm(r, 0, nan, 1, e1, e2);
  const double zeros[4] = {0, 0, 0, 0}, twice[4] = {2, 4, 6, 8};
  CHECK(same2x2(r, zeros, 0));
  THDoubleTensor *t0 = dtensor(2, S22, t4);
  THDoubleTensor_addmm(r, 2, t0, 1, e1, e2);
  CHECK(same2x2(r, twice, 0));
  THDoubleTensor_free(t0);

  /* a result sharing memory with a factor: the product is formed aside first */
  THDoubleTensor *sq = dtensor(2, S22, t4);
  THDoubleTensor_mm(sq, sq, sq); /* [[1, 2], [3, 4]]^2 */
  const double sq2[4] = {7, 10, 15, 22};
  CHECK(same2x2(sq, sq2, 0));

  EXPECT_ERROR(THDoubleTensor_mm(r, a, a), "mm: expected mat1 and mat2 shapes that can be multiplied (2x3 and 2x3)");
  EXPECT_ERROR(THDoubleTensor_addmm(r, 1, a, 1, a, b), "addmm: expected input of shape [2, 2], but got [2, 3]");
  THDoubleTensor *v1d = THDoubleTensor_newWithSize1d(2);
  EXPECT_ERROR(THDoubleTensor_mm(r, t, v1d), "mm: expected 2-D matrices, but got 2D and 1D tensors");
  THDoubleTensor_free(v1d);

  THDoubleTensor *fr[] = {a, b, r, at, atc, a2, bt, btc, b2, g, gs, rs, t, tt, nan, e1, e2, sq};
  for (size_t i = 0; i < sizeof fr / sizeof fr[0]; i++) THDoubleTensor_free(fr[i]);
}

static void test_other_types(void) {
  THDoubleTensor *a = dtensor(2, S23, A23), *b = dtensor(2, S32, B32);
  /* Float through sgemm, Long through TH's loops, Half through float */
  THFloatTensor *fa = CONVERTED(Float, a), *fb = CONVERTED(Float, b), *fr = THFloatTensor_new();
  THFloatTensor_mm(fr, fa, fb);
  CHECK(THFloatTensor_get2d(fr, 0, 0) == 7 && THFloatTensor_get2d(fr, 1, 0) == 16 && THFloatTensor_get2d(fr, 1, 1) == -1);
  THLongTensor *la = CONVERTED(Long, a), *lb = CONVERTED(Long, b), *lr = THLongTensor_new();
  THLongTensor_mm(lr, la, lb);
  CHECK(THLongTensor_get2d(lr, 0, 0) == 7 && THLongTensor_get2d(lr, 0, 1) == -1 && THLongTensor_get2d(lr, 1, 0) == 16);
  THLongTensor *lt = THLongTensor_newTranspose(la, 0, 1), *lr2 = THLongTensor_new();
  THLongTensor_mm(lr2, lt, la); /* A^T A: [0][0] = 1 + 16, [2][2] = 9 + 36 */
  CHECK(THLongTensor_get2d(lr2, 0, 0) == 17 && THLongTensor_get2d(lr2, 2, 2) == 45 && THLongTensor_get2d(lr2, 0, 2) == 27);
  THHalfTensor *ha = CONVERTED(Half, a), *hb = CONVERTED(Half, b), *hr = THHalfTensor_new();
  THHalfTensor_mm(hr, ha, hb);
  CHECK(THHalfTensor_get2d(hr, 1, 0) == 16 && THHalfTensor_get2d(hr, 0, 1) == -1);
  CHECK(THHalfTensor_dot(hb, hb) == 7);

  /* int8 wraps: 100 * 3 + 100 = 400 = -112 (mod 256) */
  THCharTensor *c1 = THCharTensor_newWithSize2d(1, 2), *c2 = THCharTensor_newWithSize2d(2, 1), *cr = THCharTensor_new();
  THCharTensor_fill(c1, 100);
  THCharTensor_set2d(c2, 0, 0, 3);
  THCharTensor_set2d(c2, 1, 0, 1);
  THCharTensor_mm(cr, c1, c2);
  CHECK(THCharTensor_get2d(cr, 0, 0) == -112);

  THFloatTensor_free(fa), THFloatTensor_free(fb), THFloatTensor_free(fr);
  THLongTensor_free(la), THLongTensor_free(lb), THLongTensor_free(lr), THLongTensor_free(lt), THLongTensor_free(lr2);
  THHalfTensor_free(ha), THHalfTensor_free(hb), THHalfTensor_free(hr);
  THCharTensor_free(c1), THCharTensor_free(c2), THCharTensor_free(cr);
  THDoubleTensor_free(a), THDoubleTensor_free(b);
}

static void test_vector_products(void) {
  THDoubleTensor *a = dtensor(2, S23, A23);
  const int64_t s3[1] = {3}, s2[1] = {2};
  const double v3[3] = {1, -1, 2}, v2[2] = {10, 20};
  THDoubleTensor *v = dtensor(1, s3, v3), *w = dtensor(1, s2, v2), *r = THDoubleTensor_new();
  THDoubleTensor_mv(r, a, v); /* [1 - 2 + 6, 4 - 5 + 12] */
  CHECK(THDoubleTensor_get1d(r, 0) == 5 && THDoubleTensor_get1d(r, 1) == 11);
  THDoubleTensor_addmv(r, 0.5, w, 2, a, v);
  CHECK(THDoubleTensor_get1d(r, 0) == 15 && THDoubleTensor_get1d(r, 1) == 32);
  THDoubleTensor *at = THDoubleTensor_newTranspose(a, 0, 1); /* [3, 2] @ [2] */
  THDoubleTensor_mv(r, at, w);
  CHECK(r->size[0] == 3 && THDoubleTensor_get1d(r, 0) == 90 && THDoubleTensor_get1d(r, 2) == 150);
  CHECK(THDoubleTensor_dot(v, v) == 6);
  CHECK(THDoubleTensor_dot(a, a) == 91); /* TH's dot takes any shapes of one size */

  /* Long mv through both loops (row-major rows, column-major columns) */
  THLongTensor *la = CONVERTED(Long, a), *lv = CONVERTED(Long, v), *lw = CONVERTED(Long, w), *lr = THLongTensor_new();
  THLongTensor_mv(lr, la, lv);
  CHECK(THLongTensor_get1d(lr, 0) == 5 && THLongTensor_get1d(lr, 1) == 11);
  THLongTensor *lat = THLongTensor_newTranspose(la, 0, 1);
  THLongTensor_mv(lr, lat, lw);
  CHECK(THLongTensor_get1d(lr, 1) == 120);
  CHECK(THLongTensor_dot(lv, lv) == 6);

  /* addr: outer product, beta == 0 ignoring NaN */
  THDoubleTensor *o = THDoubleTensor_newWithSize2d(2, 3);
  THDoubleTensor_fill(o, NAN);
  THDoubleTensor_addr(o, 0, o, 1, w, v);
  CHECK(THDoubleTensor_get2d(o, 1, 2) == 40 && THDoubleTensor_get2d(o, 0, 1) == -10);
  THDoubleTensor_addr(o, 1, o, -1, w, v);
  CHECK(THDoubleTensor_get2d(o, 1, 2) == 0);
  THLongTensor *lo = THLongTensor_new();
  THLongTensor_ger(lo, lw, lv);
  CHECK(THLongTensor_get2d(lo, 1, 1) == -20);

  EXPECT_ERROR(THDoubleTensor_mv(r, a, w), "mv: expected mat and vec shapes that can be multiplied (2x3 and 2)");
  EXPECT_ERROR(THDoubleTensor_dot(v, w), "dot: expected tensors with the same number of elements");

  THDoubleTensor_free(a), THDoubleTensor_free(v), THDoubleTensor_free(w), THDoubleTensor_free(r);
  THDoubleTensor_free(at), THDoubleTensor_free(o);
  THLongTensor_free(la), THLongTensor_free(lv), THLongTensor_free(lw), THLongTensor_free(lr);
  THLongTensor_free(lat), THLongTensor_free(lo);
}

static void test_batched(void) {
  /* batch 0: A23 @ B32; batch 1: 2 * A23 @ B32 */
  const int64_t s1[3] = {2, 2, 3}, s2[3] = {2, 3, 2};
  double v1[12], v2[12];
  for (int i = 0; i < 6; i++) v1[i] = A23[i], v1[6 + i] = 2 * A23[i], v2[i] = v2[6 + i] = B32[i];
  THDoubleTensor *b1 = dtensor(3, s1, v1), *b2 = dtensor(3, s2, v2), *r = THDoubleTensor_new();
  THDoubleTensor_bmm(r, b1, b2);
  CHECK(r->nDimension == 3 && THDoubleTensor_get3d(r, 0, 1, 0) == 16 && THDoubleTensor_get3d(r, 1, 1, 0) == 32);
  THDoubleTensor *t = THDoubleTensor_newWithSize2d(2, 2);
  THDoubleTensor_fill(t, 1);
  THDoubleTensor_addbmm(t, 2, t, 1, b1, b2); /* 2 + 3 * AB */
  CHECK(THDoubleTensor_get2d(t, 0, 0) == 23 && THDoubleTensor_get2d(t, 1, 1) == -1);
  THDoubleTensor *r3 = THDoubleTensor_newClone(r);
  THDoubleTensor_baddbmm(r3, -1, r3, 1, b1, b2);
  CHECK(THDoubleTensor_sumall(r3) == 0);
  THFloatTensor *fb1 = CONVERTED(Float, b1), *fb2 = CONVERTED(Float, b2), *fr = THFloatTensor_new();
  THFloatTensor_bmm(fr, fb1, fb2);
  CHECK(THFloatTensor_get3d(fr, 1, 0, 0) == 14);
  THIntTensor *ib1 = CONVERTED(Int, b1), *ib2 = CONVERTED(Int, b2), *ir = THIntTensor_new();
  THIntTensor_bmm(ir, ib1, ib2);
  CHECK(THIntTensor_get3d(ir, 1, 0, 1) == -2);

  EXPECT_ERROR(THDoubleTensor_bmm(r, b1, b1), "bmm: expected batch1 and batch2 shapes that can be multiplied");
  THDoubleTensor_free(b1), THDoubleTensor_free(b2), THDoubleTensor_free(r), THDoubleTensor_free(t);
  THDoubleTensor_free(r3);
  THFloatTensor_free(fb1), THFloatTensor_free(fb2), THFloatTensor_free(fr);
  THIntTensor_free(ib1), THIntTensor_free(ib2), THIntTensor_free(ir);
}

int main(void) {
  TH_TEST_INIT();
  test_mm_layouts();
  test_other_types();
  test_vector_products();
  test_batched();
  TH_TEST_DONE();
}
