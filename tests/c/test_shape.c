/* C-level tests of THTensorShape: cat, tril/triu, diag, eye, arange/range, linspace/logspace,
 * cross.  Expected values are worked by hand. */
#include "th_test.h"

/* A contiguous Double tensor of the given shape holding vals in row-major order. */
static THDoubleTensor *dnew(int ndim, const int64_t *sizes, const double *vals) {
  THDoubleTensor *t = THDoubleTensor_newWithSize(ndim, sizes);
  double *p = THDoubleTensor_data(t);
  for (int64_t i = 0; i < THDoubleTensor_nElement(t); i++) p[i] = vals[i];
  return t;
}

/* True when d has exactly the given shape and (within tol) the values vals in row-major order. */
static int dsame(THDoubleTensor *d, int ndim, const int64_t *sizes, const double *vals, double tol) {
  if (!THDoubleTensor_isSize(d, ndim, sizes)) return 0;
  THDoubleTensor *c = THDoubleTensor_newContiguous(d);
  const double *p = THDoubleTensor_data(c);
  int ok = 1;
  for (int64_t i = 0; i < THDoubleTensor_nElement(c); i++) ok &= fabs(p[i] - vals[i]) <= tol;
  THDoubleTensor_free(c);
  return ok;
}

/* A contiguous tensor of type Real with vals (converted as C casts do). */
#define TNEW(Real, ndim, sizes, vals)                                      \
  ({                                                                       \
    THDoubleTensor *d_ = dnew(ndim, sizes, vals);                          \
    TH##Real##Tensor *t_ = TH##Real##Tensor_newWithSize(ndim, sizes);      \
    TH##Real##Tensor_copyDouble(t_, d_);                                   \
    THDoubleTensor_free(d_);                                               \
    t_;                                                                    \
  })

/* CHECKs that t (type Real, any layout) has the given shape and values. */
#define CHECK_T(Real, t, ndim, sizes, vals, tol)                           \
  do {                                                                     \
    THDoubleTensor *d_ = THDoubleTensor_new();                             \
    THDoubleTensor_resizeNd(d_, (t)->nDimension, (t)->size, NULL);         \
    THDoubleTensor_copy##Real(d_, t);                                      \
    CHECK(dsame(d_, ndim, sizes, vals, tol));                              \
    THDoubleTensor_free(d_);                                               \
  } while (0)

static const int64_t S0[1] = {0};

static void test_cat(void) {
  /* [2, 3] and [4, 3] along dim 0, Float */
  const int64_t s23[2] = {2, 3}, s43[2] = {4, 3}, s63[2] = {6, 3};
  const double a23[6] = {1, 2, 3, 4, 5, 6};
  const double b43[12] = {7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
  THFloatTensor *a = TNEW(Float, 2, s23, a23), *b = TNEW(Float, 2, s43, b43), *r = THFloatTensor_new();
  THFloatTensor_cat(r, a, b, 0);
  const double e63[18] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
  CHECK_T(Float, r, 2, s63, e63, 0);
  EXPECT_ERROR(THFloatTensor_cat(r, a, b, 1),
               "cat: expected tensors with the same size except in dim 1, but got [2, 3] and [4, 3] at dim 0");
  EXPECT_ERROR(THFloatTensor_cat(r, a, b, 2), "cat: expected a dim in [0, 2), but got 2");
  EXPECT_ERROR(THFloatTensor_catArray(r, NULL, 0, 0), "cat: expected a non-empty list of tensors, but got an empty list");
  EXPECT_ERROR(THFloatTensor_cat(a, a, b, 0), "cat: expected an output that does not share memory with the inputs");
  THFloatTensor *s = THFloatTensor_new();
  THFloatTensor_resize0d(s);
  EXPECT_ERROR(THFloatTensor_cat(r, a, s, 0), "cat: expected tensors with at least one dimension, but got a 0-d tensor at position 1");
  const int64_t s231[3] = {2, 3, 1};
  THFloatTensor *c = THFloatTensor_newWithSize(3, s231);
  EXPECT_ERROR(THFloatTensor_cat(r, a, c, 0), "cat: expected tensors with the same number of dimensions, but got 2 and 3");

  /* along dim 1 with a transposed (non-contiguous) input and an empty [2, 0] one; three inputs */
  const int64_t s32[2] = {3, 2}, s20[2] = {2, 0}, s25[2] = {2, 5};
  const double a32[6] = {10, 40, 20, 50, 30, 60};
  THFloatTensor *at = TNEW(Float, 2, s32, a32), *atT = THFloatTensor_newTranspose(at, 0, 1); /* [[10,20,30],[40,50,60]] */
  THFloatTensor *e = THFloatTensor_newWithSize(2, s20);
  const double x22[4] = {7, 8, 9, 0};
  const int64_t s22[2] = {2, 2};
  THFloatTensor *x = TNEW(Float, 2, s22, x22);
  THFloatTensor *in3[3] = {atT, e, x};
  THFloatTensor_catArray(r, in3, 3, 1);
  const double e25[10] = {10, 20, 30, 7, 8, 40, 50, 60, 9, 0};
  CHECK_T(Float, r, 2, s25, e25, 0);

  /* into a transposed result of the right size: written through its strides */
  const int64_t s52[2] = {5, 2};
  THFloatTensor *base = THFloatTensor_newWithSize(2, s52), *rt = THFloatTensor_newTranspose(base, 0, 1);
  THFloatTensor_catArray(rt, in3, 3, 1);
  CHECK(THFloatTensor_stride(rt, 0) == 1);
  CHECK_T(Float, rt, 2, s25, e25, 0);

  /* legacy rule: [0] tensors are skipped whatever the others' ndim; only [0]s give [0] */
  THFloatTensor *z = THFloatTensor_newWithSize1d(0);
  THFloatTensor *in4[4] = {z, a, z, b};
  THFloatTensor_catArray(r, in4, 4, 0);
  CHECK_T(Float, r, 2, s63, e63, 0);
  THFloatTensor *zz[2] = {z, z};
  THFloatTensor_catArray(r, zz, 2, 0);
  CHECK(THFloatTensor_isSize(r, 1, S0));

  /* Int, Bool and Half along the last dim of 3-D tensors */
  const int64_t s212[3] = {2, 1, 2}, s211[3] = {2, 1, 1}, s213[3] = {2, 1, 3};
  const double v212[4] = {1, 2, 3, 4}, v211[2] = {-5, 6}, e213[6] = {1, 2, -5, 3, 4, 6};
  THIntTensor *ia = TNEW(Int, 3, s212, v212), *ib = TNEW(Int, 3, s211, v211), *ir = THIntTensor_new();
  THIntTensor_cat(ir, ia, ib, 2);
  CHECK_T(Int, ir, 3, s213, e213, 0);
  const double bv212[4] = {1, 0, 0, 1}, bv211[2] = {1, 0}, be213[6] = {1, 0, 1, 0, 1, 0};
  THBoolTensor *ba = TNEW(Bool, 3, s212, bv212), *bb = TNEW(Bool, 3, s211, bv211), *br = THBoolTensor_new();
  THBoolTensor_cat(br, ba, bb, 2);
  CHECK_T(Bool, br, 3, s213, be213, 0);
  const double hv212[4] = {0.5, 1.5, -2.25, 3}, hv211[2] = {7, 0.125}, he213[6] = {0.5, 1.5, 7, -2.25, 3, 0.125};
  THHalfTensor *ha = TNEW(Half, 3, s212, hv212), *hb = TNEW(Half, 3, s211, hv211), *hr = THHalfTensor_new();
  THHalfTensor_cat(hr, ha, hb, 2);
  CHECK_T(Half, hr, 3, s213, he213, 0);

  /* large enough for the threaded memcpy path: [n] ++ [n] along dim 0 and [n, 2] ++ [n, 1] along dim 1 */
  const int64_t n = 100000;
  THLongTensor *la = THLongTensor_newWithSize1d(n), *lr = THLongTensor_new();
  int64_t *pl = THLongTensor_data(la);
  for (int64_t i = 0; i < n; i++) pl[i] = i;
  THLongTensor_cat(lr, la, la, 0);
  const int64_t *pr = THLongTensor_data(lr);
  CHECK(THLongTensor_size(lr, 0) == 2 * n && pr[0] == 0 && pr[n - 1] == n - 1 && pr[n] == 0 && pr[2 * n - 1] == n - 1);
  THLongTensor *l2 = THLongTensor_newWithSize2d(n, 2), *l1 = THLongTensor_newWithSize2d(n, 1);
  for (int64_t i = 0; i < n; i++) {
    ((int64_t *)THLongTensor_data(l2))[2 * i] = i;
    ((int64_t *)THLongTensor_data(l2))[2 * i + 1] = -i;
    ((int64_t *)THLongTensor_data(l1))[i] = 7 * i;
  }
  THLongTensor_cat(lr, l2, l1, 1);
  pr = THLongTensor_data(lr);
  int ok = THLongTensor_size(lr, 0) == n && THLongTensor_size(lr, 1) == 3;
  for (int64_t i = 0; i < n && ok; i++) ok = pr[3 * i] == i && pr[3 * i + 1] == -i && pr[3 * i + 2] == 7 * i;
  CHECK(ok);

  THFloatTensor_free(a), THFloatTensor_free(b), THFloatTensor_free(r), THFloatTensor_free(s), THFloatTensor_free(c);
  THFloatTensor_free(at), THFloatTensor_free(atT), THFloatTensor_free(e), THFloatTensor_free(x);
  THFloatTensor_free(base), THFloatTensor_free(rt), THFloatTensor_free(z);
  THIntTensor_free(ia), THIntTensor_free(ib), THIntTensor_free(ir);
  THBoolTensor_free(ba), THBoolTensor_free(bb), THBoolTensor_free(br);
  THHalfTensor_free(ha), THHalfTensor_free(hb), THHalfTensor_free(hr);
  THLongTensor_free(la), THLongTensor_free(lr), THLongTensor_free(l2), THLongTensor_free(l1);
}

static void test_triangles(void) {
  const int64_t s34[2] = {3, 4};
  const double v[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  THDoubleTensor *t = TNEW(Double, 2, s34, v), *r = THDoubleTensor_new();
  THDoubleTensor_tril(r, t, 0);
  const double l0[12] = {1, 0, 0, 0, 5, 6, 0, 0, 9, 10, 11, 0};
  CHECK_T(Double, r, 2, s34, l0, 0);
  THDoubleTensor_tril(r, t, 1);
  const double l1[12] = {1, 2, 0, 0, 5, 6, 7, 0, 9, 10, 11, 12};
  CHECK_T(Double, r, 2, s34, l1, 0);
  THDoubleTensor_triu(r, t, -1);
  const double um1[12] = {1, 2, 3, 4, 5, 6, 7, 8, 0, 10, 11, 12};
  CHECK_T(Double, r, 2, s34, um1, 0);
  THDoubleTensor_triu(r, t, 2);
  const double u2[12] = {0, 0, 3, 4, 0, 0, 0, 8, 0, 0, 0, 0};
  CHECK_T(Double, r, 2, s34, u2, 0);
  /* k far past either edge (no overflow in i + k) */
  const double zeros[12] = {0};
  THDoubleTensor_triu(r, t, INT64_MAX);
  CHECK_T(Double, r, 2, s34, zeros, 0);
  THDoubleTensor_tril(r, t, INT64_MIN);
  CHECK_T(Double, r, 2, s34, zeros, 0);
  THDoubleTensor_tril(r, t, INT64_MAX);
  CHECK_T(Double, r, 2, s34, v, 0);

  /* transposed input [4, 3]: [[1,5,9],[2,6,10],[3,7,11],[4,8,12]]; in place on a clone */
  const int64_t s43[2] = {4, 3};
  THDoubleTensor *tt = THDoubleTensor_newTranspose(t, 0, 1), *rr = THDoubleTensor_new();
  THDoubleTensor_triu(rr, tt, 0);
  const double tu0[12] = {1, 5, 9, 0, 6, 10, 0, 0, 11, 0, 0, 0};
  CHECK_T(Double, rr, 2, s43, tu0, 0);
  THDoubleTensor_tril(rr, tt, -1);
  const double tlm1[12] = {0, 0, 0, 2, 0, 0, 3, 7, 0, 4, 8, 12};
  CHECK_T(Double, rr, 2, s43, tlm1, 0);
  THDoubleTensor *ip = THDoubleTensor_newClone(t);
  THDoubleTensor_tril(ip, ip, 0);
  CHECK_T(Double, ip, 2, s34, l0, 0);

  /* batched over a leading dim, Long and Bool */
  const int64_t s222[3] = {2, 2, 2};
  const double bv[8] = {1, 2, 3, 4, 5, 6, 7, 8}, bu[8] = {1, 2, 0, 4, 5, 6, 0, 8};
  THLongTensor *lt = TNEW(Long, 3, s222, bv), *lr = THLongTensor_new();
  THLongTensor_triu(lr, lt, 0);
  CHECK_T(Long, lr, 3, s222, bu, 0);
  const double ones[8] = {1, 1, 1, 1, 1, 1, 1, 1}, bl[8] = {1, 0, 1, 1, 1, 0, 1, 1};
  THBoolTensor *bt = TNEW(Bool, 3, s222, ones), *br = THBoolTensor_new();
  THBoolTensor_tril(br, bt, 0);
  CHECK_T(Bool, br, 3, s222, bl, 0);

  /* empty and too few dims */
  const int64_t s03[2] = {0, 3};
  THDoubleTensor *e = THDoubleTensor_newWithSize(2, s03);
  THDoubleTensor_triu(r, e, 0);
  CHECK(THDoubleTensor_isSize(r, 2, s03));
  THDoubleTensor *v1 = THDoubleTensor_newWithSize1d(3);
  EXPECT_ERROR(THDoubleTensor_tril(r, v1, 0), "tril: expected a tensor with at least 2 dimensions, but got 1");

  THDoubleTensor_free(t), THDoubleTensor_free(r), THDoubleTensor_free(tt), THDoubleTensor_free(rr);
  THDoubleTensor_free(ip), THDoubleTensor_free(e), THDoubleTensor_free(v1);
  THLongTensor_free(lt), THLongTensor_free(lr), THBoolTensor_free(bt), THBoolTensor_free(br);
}

static void test_diag_eye(void) {
  /* 1-D -> 2-D, Int: [1, 2] on diagonals 1 and -1 */
  const int64_t s2[1] = {2}, s33[2] = {3, 3};
  const double v2[2] = {1, 2};
  THIntTensor *v = TNEW(Int, 1, s2, v2), *r = THIntTensor_new();
  THIntTensor_diag(r, v, 1);
  const double d1[9] = {0, 1, 0, 0, 0, 2, 0, 0, 0};
  CHECK_T(Int, r, 2, s33, d1, 0);
  THIntTensor_diag(r, v, -1);
  const double dm1[9] = {0, 0, 0, 1, 0, 0, 0, 2, 0};
  CHECK_T(Int, r, 2, s33, dm1, 0);

  /* 2-D -> 1-D, Float [3, 4] = 1..12 and its transpose */
  const int64_t s34[2] = {3, 4};
  const double m[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  THFloatTensor *t = TNEW(Float, 2, s34, m), *fr = THFloatTensor_new();
  const int64_t s3[1] = {3}, s1[1] = {1};
  THFloatTensor_diag(fr, t, 0);
  const double e0[3] = {1, 6, 11};
  CHECK_T(Float, fr, 1, s3, e0, 0);
  THFloatTensor_diag(fr, t, 1);
  const double e1[3] = {2, 7, 12};
  CHECK_T(Float, fr, 1, s3, e1, 0);
  THFloatTensor_diag(fr, t, -2);
  const double em2[1] = {9};
  CHECK_T(Float, fr, 1, s1, em2, 0);
  THFloatTensor_diag(fr, t, 4);
  CHECK(THFloatTensor_isSize(fr, 1, S0));
  THFloatTensor_diag(fr, t, -3);
  CHECK(THFloatTensor_isSize(fr, 1, S0));
  THFloatTensor *tt = THFloatTensor_newTranspose(t, 0, 1); /* [4, 3] */
  THFloatTensor_diag(fr, tt, -1);
  const double te[3] = {2, 7, 12};
  CHECK_T(Float, fr, 1, s3, te, 0);

  /* empty 1-D gives [|k|, |k|] zeros; Bool works */
  THIntTensor *ev = THIntTensor_newWithSize1d(0);
  THIntTensor_diag(r, ev, 0);
  const int64_t s00[2] = {0, 0}, s22[2] = {2, 2};
  CHECK(THIntTensor_isSize(r, 2, s00));
  const double z4[4] = {0};
  THIntTensor_diag(r, ev, -2);
  CHECK_T(Int, r, 2, s22, z4, 0);
  const double bv[2] = {1, 1}, bd[4] = {1, 0, 0, 1};
  THBoolTensor *bvt = TNEW(Bool, 1, s2, bv), *br = THBoolTensor_new();
  THBoolTensor_diag(br, bvt, 0);
  CHECK_T(Bool, br, 2, s22, bd, 0);

  const int64_t s222[3] = {2, 2, 2};
  THFloatTensor *t3 = THFloatTensor_newWithSize(3, s222);
  EXPECT_ERROR(THFloatTensor_diag(fr, t3, 0), "diag: expected a 1-D or 2-D tensor, but got a 3-D tensor");
  EXPECT_ERROR(THFloatTensor_diag(t, t, 0), "diag: expected an output that does not share memory");
  EXPECT_ERROR(THIntTensor_diag(r, v, INT64_MAX), "diag: expected a result with fewer than 2^63 elements");

  /* eye: Byte [2, 3], Double [3, 2], empty */
  const int64_t s23[2] = {2, 3}, s32[2] = {3, 2}, s03[2] = {0, 3};
  const double i23[6] = {1, 0, 0, 0, 1, 0}, i32[6] = {1, 0, 0, 1, 0, 0};
  THByteTensor *by = THByteTensor_new();
  THByteTensor_eye(by, 2, 3);
  CHECK_T(Byte, by, 2, s23, i23, 0);
  THDoubleTensor *de = THDoubleTensor_new();
  THDoubleTensor_eye(de, 3, 2);
  CHECK_T(Double, de, 2, s32, i32, 0);
  THDoubleTensor_eye(de, 0, 3);
  CHECK(THDoubleTensor_isSize(de, 2, s03));
  EXPECT_ERROR(THDoubleTensor_eye(de, -1, 3), "eye: expected a non-negative number of rows, but got n=-1");
  EXPECT_ERROR(THDoubleTensor_eye(de, 2, -3), "eye: expected a non-negative number of columns, but got m=-3");

  THIntTensor_free(v), THIntTensor_free(r), THIntTensor_free(ev);
  THFloatTensor_free(t), THFloatTensor_free(fr), THFloatTensor_free(tt), THFloatTensor_free(t3);
  THBoolTensor_free(bvt), THBoolTensor_free(br), THByteTensor_free(by), THDoubleTensor_free(de);
}

static void test_ranges(void) {
  THLongTensor *l = THLongTensor_new();
  THLongTensor_arange(l, 0, 5, 1);
  const int64_t s5[1] = {5}, s4[1] = {4}, s3[1] = {3};
  const double a5[5] = {0, 1, 2, 3, 4};
  CHECK_T(Long, l, 1, s5, a5, 0);
  THLongTensor_arange(l, 10, 0, -3);
  const double a4[4] = {10, 7, 4, 1};
  CHECK_T(Long, l, 1, s4, a4, 0);
  THLongTensor_range(l, 10, 1, -3);
  CHECK_T(Long, l, 1, s4, a4, 0);
  THLongTensor_arange(l, 3, 3, 1);
  CHECK(THLongTensor_isSize(l, 1, S0));
  /* the extremes of int64 without overflow */
  THLongTensor_arange(l, INT64_MIN, INT64_MAX, INT64_C(1) << 62);
  const double ext[4] = {-9223372036854775808.0, -4611686018427387904.0, 0, 4611686018427387904.0};
  CHECK_T(Long, l, 1, s4, ext, 0);

  THDoubleTensor *d = THDoubleTensor_new();
  THDoubleTensor_arange(d, 0, 1, 0.25);
  const double q4[4] = {0, 0.25, 0.5, 0.75}, q5[5] = {0, 0.25, 0.5, 0.75, 1};
  CHECK_T(Double, d, 1, s4, q4, 0);
  THDoubleTensor_range(d, 0, 1, 0.25);
  CHECK_T(Double, d, 1, s5, q5, 0);
  THDoubleTensor_arange(d, 1, 0, -0.4); /* ceil(2.5) = 3 */
  const double q3[3] = {1, 0.6, 0.2};
  CHECK_T(Double, d, 1, s3, q3, 1e-15);
  /* start + i*step, not accumulated: the last of many 0.1 steps is exact to rounding */
  THDoubleTensor_arange(d, 0, 100000, 0.1);
  CHECK(THDoubleTensor_size(d, 0) == 1000000);
  CHECK(((double *)THDoubleTensor_data(d))[999999] == 999999 * 0.1);

  THHalfTensor *h = THHalfTensor_new();
  THHalfTensor_arange(h, -1, 1, 0.5f);
  const double hq[4] = {-1, -0.5, 0, 0.5};
  CHECK_T(Half, h, 1, s4, hq, 0);
  THByteTensor *b = THByteTensor_new();
  THByteTensor_range(b, 2, 6, 2);
  const double b3[3] = {2, 4, 6};
  CHECK_T(Byte, b, 1, s3, b3, 0);

  /* a strided result of the right size keeps its layout */
  THFloatTensor *base = THFloatTensor_newWithSize1d(10), *f = THFloatTensor_newWithStorage1d(THFloatTensor_storage(base), 0, 5, 2);
  THFloatTensor_arange(f, 0, 5, 1);
  CHECK(THFloatTensor_stride(f, 0) == 2);
  CHECK_T(Float, f, 1, s5, a5, 0);

  EXPECT_ERROR(THLongTensor_arange(l, 0, 5, -1),
               "arange: expected upper bound and step to have consistent signs, but got start=0, end=5, step=-1");
  EXPECT_ERROR(THDoubleTensor_arange(d, 0, 5, 0), "arange: expected a non-zero step, but got step=0");
  EXPECT_ERROR(THDoubleTensor_range(d, 1.5, 0, 0.5),
               "range: expected upper bound and step to have consistent signs, but got start=1.5, end=0, step=0.5");
  EXPECT_ERROR(THDoubleTensor_arange(d, 0, INFINITY, 1), "arange: expected finite bounds, but got start=0, end=inf");
  EXPECT_ERROR(THDoubleTensor_arange(d, 0, 1e30, 1e-30), "arange: expected a size that fits in int64");
  EXPECT_ERROR(THBoolTensor_arange(NULL, 0, 1, 1), "arange: expected a numeric dtype, but got Bool");

  THLongTensor_free(l), THDoubleTensor_free(d), THHalfTensor_free(h), THByteTensor_free(b);
  THFloatTensor_free(base), THFloatTensor_free(f);
}

static void test_spaced(void) {
  THDoubleTensor *d = THDoubleTensor_new();
  const int64_t s5[1] = {5}, s4[1] = {4}, s1[1] = {1};
  THDoubleTensor_linspace(d, 0, 1, 5);
  const double l5[5] = {0, 0.25, 0.5, 0.75, 1};
  CHECK_T(Double, d, 1, s5, l5, 0);
  THDoubleTensor_linspace(d, 3, 3, 1);
  const double one3[1] = {3};
  CHECK_T(Double, d, 1, s1, one3, 0);
  THDoubleTensor_linspace(d, 0, 1, 0);
  CHECK(THDoubleTensor_isSize(d, 1, S0));
  /* symmetric from both ends: both ends exact, the spacing mirrored */
  const int64_t n = 100001;
  THDoubleTensor_linspace(d, -1, 1, n);
  const double *p = THDoubleTensor_data(d);
  int sym = p[0] == -1 && p[n - 1] == 1;
  for (int64_t i = 0; i < n / 2 && sym; i++) sym = p[i] == -p[n - 1 - i];
  CHECK(sym);
  CHECK(fabs(p[n / 2]) < 1e-15 && fabs(p[12345] - (-1 + 12345 * 2.0 / (n - 1))) < 1e-15);

  /* integer types step in double and truncate: 10/3 = 3.33 -> 3, 10 - 3.33 = 6.67 -> 6 */
  THIntTensor *it = THIntTensor_new();
  THIntTensor_linspace(it, 0, 10, 4);
  const double i4[4] = {0, 3, 6, 10};
  CHECK_T(Int, it, 1, s4, i4, 0);
  THFloatTensor *f = THFloatTensor_new();
  THFloatTensor_linspace(f, 10, 0, 5);
  const double f5[5] = {10, 7.5, 5, 2.5, 0};
  CHECK_T(Float, f, 1, s5, f5, 0);

  THDoubleTensor_logspace(d, 0, 3, 4, 10);
  const double g4[4] = {1, 10, 100, 1000};
  CHECK_T(Double, d, 1, s4, g4, 1e-12);
  THLongTensor *lg = THLongTensor_new();
  THLongTensor_logspace(lg, 0, 3, 4, 2);
  const double p2[4] = {1, 2, 4, 8};
  CHECK_T(Long, lg, 1, s4, p2, 0);
  THHalfTensor *h = THHalfTensor_new();
  THHalfTensor_logspace(h, -1, 1, 3, 2);
  const int64_t s3[1] = {3};
  const double h3[3] = {0.5, 1, 2};
  CHECK_T(Half, h, 1, s3, h3, 0);
  THHalfTensor_logspace(h, 2, 2, 1, 10);
  const double h100[1] = {100};
  CHECK_T(Half, h, 1, s1, h100, 0);

  EXPECT_ERROR(THDoubleTensor_linspace(d, 0, 1, -1), "linspace: expected a non-negative number of steps, but got -1");
  EXPECT_ERROR(THDoubleTensor_logspace(d, 0, 1, -2, 10), "logspace: expected a non-negative number of steps, but got -2");
  THCharTensor *c = THCharTensor_new();
  EXPECT_ERROR(THCharTensor_linspace(c, 0, 300, 5),
               "linspace: expected start and end within the range of Char, but got start=0, end=300");
  EXPECT_ERROR(THHalfTensor_linspace(h, 0, 1e6f, 5), "linspace: expected start and end within the range of Half");
  EXPECT_ERROR(THBoolTensor_linspace(NULL, 0, 1, 2), "linspace: expected a numeric dtype, but got Bool");

  THDoubleTensor_free(d), THIntTensor_free(it), THFloatTensor_free(f), THLongTensor_free(lg);
  THHalfTensor_free(h), THCharTensor_free(c);
}

static void test_cross(void) {
  /* x cross y = z, y cross z = x; [1, 2, 3] cross [4, 5, 6] = [-3, 6, -3] */
  const int64_t s3[1] = {3}, s23[2] = {2, 3}, s32[2] = {3, 2};
  const double x[3] = {1, 2, 3}, y[3] = {4, 5, 6}, xy[3] = {-3, 6, -3};
  THDoubleTensor *a = TNEW(Double, 1, s3, x), *b = TNEW(Double, 1, s3, y), *r = THDoubleTensor_new();
  THDoubleTensor_cross(r, a, b, 0);
  CHECK_T(Double, r, 1, s3, xy, 0);
  THDoubleTensor_cross(a, a, b, 0); /* in place */
  CHECK_T(Double, a, 1, s3, xy, 0);

  /* Int rows along dim 1, then the same data transposed ([3, 2], product along dim 0) */
  const double ra[6] = {1, 0, 0, 0, 1, 0}, rb[6] = {0, 1, 0, 0, 0, 1}, rab[6] = {0, 0, 1, 1, 0, 0};
  THIntTensor *ia = TNEW(Int, 2, s23, ra), *ib = TNEW(Int, 2, s23, rb), *ir = THIntTensor_new();
  THIntTensor_cross(ir, ia, ib, 1);
  CHECK_T(Int, ir, 2, s23, rab, 0);
  THIntTensor *iaT = THIntTensor_newTranspose(ia, 0, 1), *ibT = THIntTensor_newTranspose(ib, 0, 1);
  THIntTensor_cross(ir, iaT, ibT, 0);
  const double rabT[6] = {0, 1, 0, 0, 1, 0};
  CHECK_T(Int, ir, 2, s32, rabT, 0);
  THIntTensor_cross(ib, ia, ib, 1); /* in place on the second operand */
  CHECK_T(Int, ib, 2, s23, rab, 0);

  /* empty batch */
  const int64_t s03[2] = {0, 3};
  THDoubleTensor *e = THDoubleTensor_newWithSize(2, s03);
  THDoubleTensor_cross(r, e, e, 1);
  CHECK(THDoubleTensor_isSize(r, 2, s03));

  EXPECT_ERROR(THIntTensor_cross(ir, ia, iaT, 1), "cross: expected tensors of the same shape (broadcast them first), but got [2, 3] and [3, 2]");
  EXPECT_ERROR(THIntTensor_cross(ir, ia, ia, 0), "cross: expected inputs with size 3 in dim 0, but got [2, 3]");
  EXPECT_ERROR(THIntTensor_cross(ir, ia, ia, 2), "cross: expected a dim in [0, 2), but got 2");
  EXPECT_ERROR(THBoolTensor_cross(NULL, NULL, NULL, 0), "cross: expected a numeric dtype, but got Bool");

  THDoubleTensor_free(a), THDoubleTensor_free(b), THDoubleTensor_free(r), THDoubleTensor_free(e);
  THIntTensor_free(ia), THIntTensor_free(ib), THIntTensor_free(ir), THIntTensor_free(iaT), THIntTensor_free(ibT);
}

int main(void) {
  TH_TEST_INIT();
  test_cat();
  test_triangles();
  test_diag_eye();
  test_ranges();
  test_spaced();
  test_cross();
  TH_TEST_DONE();
}
