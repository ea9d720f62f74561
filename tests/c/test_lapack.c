/* C-level tests of the LAPACK wrappers (THTensorLapack), with hand-worked values. */
#include "th_test.h"

static THDoubleTensor *dmat(int64_t m, int64_t n, const double *vals) {
  THDoubleTensor *t = THDoubleTensor_newWithSize2d(m, n);
  for (int64_t i = 0; i < m; i++)
    for (int64_t j = 0; j < n; j++) THDoubleTensor_set2d(t, i, j, vals[i * n + j]);
  return t;
}

static void test_solve_inverse_det(void) {
  const double av[4] = {4, 3, 6, 3}, bv[2] = {10, 12};
  THDoubleTensor *a = dmat(2, 2, av), *b = dmat(2, 1, bv);
  THDoubleTensor *x = THDoubleTensor_new(), *lu = THDoubleTensor_new();
  THDoubleTensor_gesv(x, lu, b, a); /* 4x + 3y = 10, 6x + 3y = 12: x = 1, y = 2 */
  CHECK_NEAR(THDoubleTensor_get2d(x, 0, 0), 1, 1e-12);
  CHECK_NEAR(THDoubleTensor_get2d(x, 1, 0), 2, 1e-12);
  CHECK_NEAR(THDoubleTensor_get2d(lu, 0, 0), 6, 1e-12); /* partial pivoting picks row 2 */
  CHECK(THDoubleTensor_get2d(a, 0, 0) == 4);           /* the input is untouched */
  THDoubleTensor *inv = THDoubleTensor_new();
  THDoubleTensor_getri(inv, a); /* det = -6: inv = [[-0.5, 0.5], [1, -2/3]] */
  CHECK_NEAR(THDoubleTensor_get2d(inv, 0, 0), -0.5, 1e-12);
  CHECK_NEAR(THDoubleTensor_get2d(inv, 0, 1), 0.5, 1e-12);
  CHECK_NEAR(THDoubleTensor_get2d(inv, 1, 0), 1, 1e-12);
  CHECK_NEAR(THDoubleTensor_get2d(inv, 1, 1), -2.0 / 3, 1e-12);
  THDoubleTensor *d = THDoubleTensor_new(), *s = THDoubleTensor_new(), *l = THDoubleTensor_new();
  THDoubleTensor_det(d, a);
  CHECK(d->nDimension == 0);
  CHECK_NEAR(THDoubleTensor_get0d(d), -6, 1e-12);
  THDoubleTensor_slogdet(s, l, a);
  CHECK(THDoubleTensor_get0d(s) == -1);
  CHECK_NEAR(THDoubleTensor_get0d(l), log(6), 1e-12);

  /* transposed input: the same matrix values through strides */
  THDoubleTensor *at = THDoubleTensor_newTranspose(a, 0, 1);
  THDoubleTensor_det(d, at);
  CHECK_NEAR(THDoubleTensor_get0d(d), -6, 1e-12);

  const double sv[4] = {1, 2, 2, 4};
  THDoubleTensor *sing = dmat(2, 2, sv);
  EXPECT_ERROR(THDoubleTensor_getri(inv, sing), "getri: The diagonal element 2 is zero");
  EXPECT_ERROR(THDoubleTensor_gesv(x, lu, b, sing), "singular");
  THDoubleTensor_det(d, sing);
  CHECK(THDoubleTensor_get0d(d) == 0);
  THDoubleTensor *rect = THDoubleTensor_newWithSize2d(2, 3);
  EXPECT_ERROR(THDoubleTensor_getri(inv, rect), "square");
  THDoubleTensor_set2d(a, 1, 1, NAN);
  EXPECT_ERROR(THDoubleTensor_getri(inv, a), "without NaN or infinity");
  THDoubleTensor *v = THDoubleTensor_newWithSize1d(3);
  EXPECT_ERROR(THDoubleTensor_det(d, v), "at least 2 dimensions");
  THDoubleTensor_free(v);
  THDoubleTensor_free(rect);
  THDoubleTensor_free(sing);
  THDoubleTensor_free(at);
  THDoubleTensor_free(d);
  THDoubleTensor_free(s);
  THDoubleTensor_free(l);
  THDoubleTensor_free(inv);
  THDoubleTensor_free(x);
  THDoubleTensor_free(lu);
  THDoubleTensor_free(a);
  THDoubleTensor_free(b);
}

static void test_cholesky_eig_svd(void) {
  const double av[4] = {4, 2, 2, 5}; /* = L L^T, L = [[2, 0], [1, 2]] */
  THFloatTensor *a = THFloatTensor_newWithSize2d(2, 2);
  for (int i = 0; i < 4; i++) THFloatTensor_set2d(a, i / 2, i % 2, (float)av[i]);
  THFloatTensor *r = THFloatTensor_new();
  THFloatTensor_potrf(r, a, "L");
  CHECK_NEAR(THFloatTensor_get2d(r, 0, 0), 2, 1e-6);
  CHECK_NEAR(THFloatTensor_get2d(r, 1, 0), 1, 1e-6);
  CHECK_NEAR(THFloatTensor_get2d(r, 1, 1), 2, 1e-6);
  CHECK(THFloatTensor_get2d(r, 0, 1) == 0);
  THFloatTensor_potrf(r, a, "U");
  CHECK_NEAR(THFloatTensor_get2d(r, 0, 1), 1, 1e-6);
  CHECK(THFloatTensor_get2d(r, 1, 0) == 0);
  THFloatTensor *inv = THFloatTensor_new();
  THFloatTensor_potri(inv, r, "U"); /* inv(A) = [[5, -2], [-2, 4]] / 16 */
  CHECK_NEAR(THFloatTensor_get2d(inv, 0, 0), 5.0 / 16, 1e-6);
  CHECK_NEAR(THFloatTensor_get2d(inv, 1, 0), -2.0 / 16, 1e-6);
  CHECK_NEAR(THFloatTensor_get2d(inv, 0, 1), -2.0 / 16, 1e-6);

  THFloatTensor *e = THFloatTensor_new(), *v = THFloatTensor_new();
  THFloatTensor_syev(e, v, a, "V", "L"); /* eigenvalues of [[4, 2], [2, 5]]: (9 -+ sqrt(17)) / 2 */
  CHECK_NEAR(THFloatTensor_get1d(e, 0), (9 - sqrt(17)) / 2, 1e-5);
  CHECK_NEAR(THFloatTensor_get1d(e, 1), (9 + sqrt(17)) / 2, 1e-5);
  THFloatTensor_geev(e, v, a, "N");
  CHECK(e->nDimension == 2 && e->size[1] == 2 && v->nDimension == 1 && v->size[0] == 0);

  THFloatTensor *u = THFloatTensor_new(), *s = THFloatTensor_new(), *vv = THFloatTensor_new();
  THFloatTensor_gesdd(u, s, vv, a, "S", "V"); /* symmetric positive-definite: S = eigenvalues */
  CHECK_NEAR(THFloatTensor_get1d(s, 0), (9 + sqrt(17)) / 2, 1e-5);
  CHECK_NEAR(THFloatTensor_get1d(s, 1), (9 - sqrt(17)) / 2, 1e-5);
  THFloatTensor_gesvd(u, s, vv, a, "N");
  CHECK_NEAR(THFloatTensor_get1d(s, 0), (9 + sqrt(17)) / 2, 1e-5);

  THFloatTensor_set2d(a, 0, 0, -1);
  EXPECT_ERROR(THFloatTensor_potrf(r, a, "L"), "not positive-definite (the leading minor of order 1");
  EXPECT_ERROR(THFloatTensor_potrf(r, a, "X"), "uplo");
  THFloatTensor_free(u);
  THFloatTensor_free(s);
  THFloatTensor_free(vv);
  THFloatTensor_free(e);
  THFloatTensor_free(v);
  THFloatTensor_free(inv);
  THFloatTensor_free(r);
  THFloatTensor_free(a);
}

static void test_batched_lu(void) {
  /* two 2x2 matrices: identity and [[0, 1], [1, 0]] (needs one row swap) */
  THDoubleTensor *a = THDoubleTensor_newWithSize3d(2, 2, 2);
  THDoubleTensor_zero(a);
  THDoubleTensor_set3d(a, 0, 0, 0, 1);
  THDoubleTensor_set3d(a, 0, 1, 1, 1);
  THDoubleTensor_set3d(a, 1, 0, 1, 1);
  THDoubleTensor_set3d(a, 1, 1, 0, 1);
  THDoubleTensor *lu = THDoubleTensor_new();
  THIntTensor *piv = THIntTensor_new(), *info = THIntTensor_new();
  THDoubleTensor_btrifact(lu, piv, info, 1, a);
  CHECK(THIntTensor_get2d(piv, 0, 0) == 1 && THIntTensor_get2d(piv, 1, 0) == 2);
  CHECK(THIntTensor_get1d(info, 0) == 0 && THIntTensor_get1d(info, 1) == 0);
  THDoubleTensor *b = THDoubleTensor_newWithSize3d(2, 2, 1), *x = THDoubleTensor_new();
  THDoubleTensor_set3d(b, 0, 0, 0, 3);
  THDoubleTensor_set3d(b, 0, 1, 0, 4);
  THDoubleTensor_set3d(b, 1, 0, 0, 3);
  THDoubleTensor_set3d(b, 1, 1, 0, 4);
  THDoubleTensor_btrisolve(x, b, lu, piv);
  CHECK_NEAR(THDoubleTensor_get3d(x, 0, 0, 0), 3, 1e-12);
  CHECK_NEAR(THDoubleTensor_get3d(x, 1, 0, 0), 4, 1e-12); /* the swap solves to (4, 3) */
  CHECK_NEAR(THDoubleTensor_get3d(x, 1, 1, 0), 3, 1e-12);
  /* without pivoting the second matrix has a zero pivot: reported in info, or raised */
  THDoubleTensor_btrifact(lu, piv, info, 0, a);
  CHECK(THIntTensor_get1d(info, 0) == 0 && THIntTensor_get1d(info, 1) == 1);
  EXPECT_ERROR(THDoubleTensor_btrifact(lu, piv, NULL, 0, a), "(Batch element 1)");
  THIntTensor_set2d(piv, 0, 0, 7);
  EXPECT_ERROR(THDoubleTensor_btrisolve(x, b, lu, piv), "expected pivots in [1, 2]");
  THIntTensor_free(piv);
  THIntTensor_free(info);
  THDoubleTensor_free(lu);
  THDoubleTensor_free(x);
  THDoubleTensor_free(b);
  THDoubleTensor_free(a);
}

static void test_qr(void) {
  const double av[6] = {3, 0, 4, 0, 0, 1}; /* columns (3, 4, 0) and (0, 0, 1): R = [[5, 0], [0, 1]] up to signs */
  THDoubleTensor *a = dmat(3, 2, av), *h = THDoubleTensor_new(), *tau = THDoubleTensor_new(), *q = THDoubleTensor_new();
  THDoubleTensor_geqrf(h, tau, a);
  CHECK(tau->nDimension == 1 && tau->size[0] == 2);
  CHECK_NEAR(fabs(THDoubleTensor_get2d(h, 0, 0)), 5, 1e-12);
  CHECK_NEAR(fabs(THDoubleTensor_get2d(h, 1, 1)), 1, 1e-12);
  THDoubleTensor_orgqr(q, h, tau);
  /* Q R = A: Q[:, 0] * R[0, 0] = (3, 4, 0) */
  CHECK_NEAR(THDoubleTensor_get2d(q, 1, 0) * THDoubleTensor_get2d(h, 0, 0), 4, 1e-12);
  THDoubleTensor_free(q);
  THDoubleTensor_free(tau);
  THDoubleTensor_free(h);
  THDoubleTensor_free(a);
}

int main(void) {
  TH_TEST_INIT();
  test_solve_inverse_det();
  test_cholesky_eig_svd();
  test_batched_lu();
  test_qr();
  TH_TEST_DONE();
}
