/* C-level tests of sorting and selection (THTensorSort), with hand-worked values. */
#include "th_test.h"

static THDoubleTensor *dtensor(int ndim, const int64_t *sizes, const double *vals) {
  THDoubleTensor *t = THDoubleTensor_newWithSize(ndim, sizes);
  double *p = THDoubleTensor_data(t);
  for (int64_t i = 0; i < THDoubleTensor_nElement(t); i++) p[i] = vals[i];
  return t;
}

static int dequal(THDoubleTensor *t, const double *vals) { /* NaN matches NaN */
  THDoubleTensor *c = THDoubleTensor_newContiguous(t);
  const double *p = THDoubleTensor_data(c);
  int ok = 1;
  for (int64_t i = 0; i < THDoubleTensor_nElement(c); i++)
    ok &= (p[i] == vals[i]) || (p[i] != p[i] && vals[i] != vals[i]);
  THDoubleTensor_free(c);
  return ok;
}

static int lequal(THLongTensor *t, const int64_t *vals) {
  THLongTensor *c = THLongTensor_newContiguous(t);
  const int64_t *p = THLongTensor_data(c);
  int ok = 1;
  for (int64_t i = 0; i < THLongTensor_nElement(c); i++) ok &= p[i] == vals[i];
  THLongTensor_free(c);
  return ok;
}

static void test_sort(void) {
  const int64_t s5[1] = {5};
  const double a[5] = {3, NAN, 1, 3, -2};
  THDoubleTensor *t = dtensor(1, s5, a), *v = THDoubleTensor_new();
  THLongTensor *i = THLongTensor_new();
  THDoubleTensor_sort(v, i, t, 0, 0, 1);
  CHECK(dequal(v, (double[]){-2, 1, 3, 3, NAN}));
  CHECK(lequal(i, (int64_t[]){4, 2, 0, 3, 1}));
  THDoubleTensor_sort(v, i, t, 0, 1, 1); /* descending: NaN first, equal elements keep their order */
  CHECK(dequal(v, (double[]){NAN, 3, 3, 1, -2}));
  CHECK(lequal(i, (int64_t[]){1, 0, 3, 2, 4}));

  /* -0.0 equals 0.0: a stable sort keeps their order, and the values are the elements themselves */
  const double z[3] = {0.0, -0.0, -1};
  THDoubleTensor *tz = dtensor(1, (int64_t[]){3}, z);
  THDoubleTensor_sort(v, i, tz, 0, 0, 1);
  CHECK(lequal(i, (int64_t[]){2, 0, 1}));
  CHECK(signbit(THDoubleTensor_get1d(v, 2)) && !signbit(THDoubleTensor_get1d(v, 1)));

  /* along dim 0 of a 2x3 matrix, and along dim 1 of its transpose (no copy by the caller) */
  const int64_t s23[2] = {2, 3};
  const double m[6] = {5, 1, 4, 2, 6, 0};
  THDoubleTensor *tm = dtensor(2, s23, m);
  THDoubleTensor_sort(v, i, tm, 0, 0, 0);
  CHECK(dequal(v, (double[]){2, 1, 0, 5, 6, 4}));
  CHECK(lequal(i, (int64_t[]){1, 0, 1, 0, 1, 0}));
  THDoubleTensor *tt = THDoubleTensor_newTranspose(tm, 0, 1);
  THDoubleTensor_sort(v, i, tt, 1, 1, 0);
  CHECK(v->size[0] == 3 && v->size[1] == 2);
  CHECK(dequal(v, (double[]){5, 2, 6, 1, 4, 0}));

  /* in place: values is t */
  THDoubleTensor *w = THDoubleTensor_newClone(tm);
  THDoubleTensor_sort(w, i, w, 1, 0, 1);
  CHECK(dequal(w, (double[]){1, 4, 5, 0, 2, 6}));
  CHECK(lequal(i, (int64_t[]){1, 2, 0, 2, 0, 1}));

  /* long rows take the radix path: a reversed ramp with ties */
  THFloatTensor *big = THFloatTensor_newWithSize1d(10000);
  for (int k = 0; k < 10000; k++) THFloatTensor_set1d(big, k, (float)((9999 - k) / 2));
  THFloatTensor *bv = THFloatTensor_new();
  THFloatTensor_sort(bv, i, big, 0, 0, 1);
  int ok = 1;
  for (int k = 0; k < 10000; k++) {
    ok &= THFloatTensor_get1d(bv, k) == (float)(k / 2);
    ok &= THLongTensor_get1d(i, k) == (k % 2 == 0 ? 9998 - k : 10000 - k);
  }
  CHECK(ok);

  /* integer and bool types */
  THCharTensor *c = THCharTensor_newWithSize1d(4);
  const int8_t cv[4] = {5, -128, 127, -1};
  for (int k = 0; k < 4; k++) THCharTensor_set1d(c, k, cv[k]);
  THCharTensor *cs = THCharTensor_new();
  THCharTensor_sort(cs, i, c, 0, 0, 1);
  CHECK(THCharTensor_get1d(cs, 0) == -128 && THCharTensor_get1d(cs, 1) == -1 && THCharTensor_get1d(cs, 3) == 127);
  THBoolTensor *b = THBoolTensor_newWithSize1d(3);
  THBoolTensor_set1d(b, 0, 1);
  THBoolTensor_set1d(b, 1, 0);
  THBoolTensor_set1d(b, 2, 1);
  THBoolTensor *bs = THBoolTensor_new();
  THBoolTensor_sort(bs, i, b, 0, 0, 1);
  CHECK(lequal(i, (int64_t[]){1, 0, 2}) && THBoolTensor_get1d(bs, 0) == 0);

  /* 0-d and empty */
  THDoubleTensor *s = THDoubleTensor_newWithSize(0, NULL);
  THDoubleTensor_set0d(s, 7);
  THDoubleTensor_sort(v, i, s, 0, 0, 0);
  CHECK(v->nDimension == 0 && THDoubleTensor_get0d(v) == 7 && THLongTensor_get0d(i) == 0);
  THDoubleTensor *e = THDoubleTensor_newWithSize2d(0, 3);
  THDoubleTensor_sort(v, i, e, 1, 0, 0);
  CHECK(v->nDimension == 2 && v->size[0] == 0 && i->size[1] == 3);

  EXPECT_ERROR(THDoubleTensor_sort(v, i, tm, 2, 0, 0), "expected a dim in [0, 2)");

  THDoubleTensor_free(t);
  THDoubleTensor_free(v);
  THLongTensor_free(i);
  THDoubleTensor_free(tz);
  THDoubleTensor_free(tm);
  THDoubleTensor_free(tt);
  THDoubleTensor_free(w);
  THFloatTensor_free(big);
  THFloatTensor_free(bv);
  THCharTensor_free(c);
  THCharTensor_free(cs);
  THBoolTensor_free(b);
  THBoolTensor_free(bs);
  THDoubleTensor_free(s);
  THDoubleTensor_free(e);
}

static void test_select(void) {
  const int64_t s23[2] = {2, 3};
  const double m[6] = {5, 1, 4, 2, NAN, 0};
  THDoubleTensor *t = dtensor(2, s23, m), *v = THDoubleTensor_new();
  THLongTensor *i = THLongTensor_new();

  THDoubleTensor_topk(v, i, t, 2, 1, 1, 1);
  CHECK(dequal(v, (double[]){5, 4, NAN, 2}));
  CHECK(lequal(i, (int64_t[]){0, 2, 1, 0}));
  THDoubleTensor_topk(v, i, t, 1, 0, 0, 1); /* smallest along dim 0: NaN loses */
  CHECK(v->size[0] == 1 && v->size[1] == 3);
  CHECK(dequal(v, (double[]){2, 1, 0}));
  EXPECT_ERROR(THDoubleTensor_topk(v, i, t, 4, 1, 1, 1), "topk: expected k in [0, 3], but got 4");

  /* the scan path (k small against the row) and the quickselect path agree */
  THIntTensor *r = THIntTensor_newWithSize1d(1000);
  for (int k = 0; k < 1000; k++) THIntTensor_set1d(r, k, (k * 389) % 1000);
  THIntTensor *rv = THIntTensor_new();
  THIntTensor_topk(rv, i, r, 3, 0, 1, 1);
  CHECK(THIntTensor_get1d(rv, 0) == 999 && THIntTensor_get1d(rv, 2) == 997);
  THIntTensor_topk(rv, i, r, 600, 0, 0, 1);
  int ok = 1;
  for (int k = 0; k < 600; k++) ok &= THIntTensor_get1d(rv, k) == k && (THLongTensor_get1d(i, k) * 389) % 1000 == k;
  CHECK(ok);

  THDoubleTensor_kthvalue(v, i, t, 2, 1, 0);
  CHECK(dequal(v, (double[]){4, 2}) && lequal(i, (int64_t[]){2, 0}));
  THDoubleTensor_kthvalue(v, i, t, 3, 1, 1);
  CHECK(v->nDimension == 2 && v->size[1] == 1 && dequal(v, (double[]){5, NAN}));
  EXPECT_ERROR(THDoubleTensor_kthvalue(v, i, t, 0, 1, 0), "kthvalue: expected k in [1, 3], but got 0");

  /* lower median; NaN propagates with its position, nanmedian skips it */
  THDoubleTensor_median(v, i, t, 1, 0);
  CHECK(dequal(v, (double[]){4, NAN}) && lequal(i, (int64_t[]){2, 1}));
  THDoubleTensor_nanmedian(v, i, t, 1, 0);
  CHECK(dequal(v, (double[]){4, 0}) && lequal(i, (int64_t[]){2, 2}));
  const double q[4] = {4, 1, 3, 2};
  THDoubleTensor *tq = dtensor(1, (int64_t[]){4}, q);
  CHECK(THDoubleTensor_medianall(tq) == 2);
  CHECK(isnan(THDoubleTensor_medianall(t)) && THDoubleTensor_nanmedianall(t) == 2);
  THDoubleTensor *e = THDoubleTensor_newWithSize2d(0, 3);
  CHECK(isnan(THDoubleTensor_medianall(e)));
  EXPECT_ERROR(THDoubleTensor_median(v, i, e, 0, 0), "Expected reduction dim 0 to have non-zero size");
  THLongTensor *le = THLongTensor_newWithSize1d(0);
  EXPECT_ERROR(THLongTensor_medianall(le), "median: expected a non-empty tensor");

  /* mode: most frequent, ties to the smallest value, the last position holding it */
  THLongTensor *ml = THLongTensor_newWithSize1d(5), *mv = THLongTensor_new();
  const int64_t mvals[5] = {2, 1, 2, 1, 3};
  for (int k = 0; k < 5; k++) THLongTensor_set1d(ml, k, mvals[k]);
  THLongTensor_mode(mv, i, ml, 0, 0);
  CHECK(THLongTensor_get0d(mv) == 1 && THLongTensor_get0d(i) == 3);

  THDoubleTensor_free(t);
  THDoubleTensor_free(v);
  THLongTensor_free(i);
  THIntTensor_free(r);
  THIntTensor_free(rv);
  THDoubleTensor_free(tq);
  THDoubleTensor_free(e);
  THLongTensor_free(le);
  THLongTensor_free(ml);
  THLongTensor_free(mv);
}

static void test_unique(void) {
  const double a[7] = {3, 1, NAN, 3, -0.0, 0.0, NAN};
  THDoubleTensor *t = dtensor(1, (int64_t[]){7}, a), *v = THDoubleTensor_new();
  THLongTensor *inv = THLongTensor_new(), *cnt = THLongTensor_new();
  THDoubleTensor_unique(v, inv, cnt, t);
  CHECK(v->size[0] == 5 && dequal(v, (double[]){0, 1, 3, NAN, NAN}));
  CHECK(lequal(inv, (int64_t[]){2, 1, 3, 2, 0, 0, 4}));
  CHECK(lequal(cnt, (int64_t[]){2, 1, 2, 1, 1}));
  THDoubleTensor_uniqueConsecutive(v, inv, cnt, t);
  CHECK(v->size[0] == 6 && lequal(cnt, (int64_t[]){1, 1, 1, 1, 2, 1}));
  CHECK(lequal(inv, (int64_t[]){0, 1, 2, 3, 4, 4, 5}));
  THDoubleTensor_unique(v, NULL, NULL, t);
  CHECK(v->size[0] == 5);
  THDoubleTensor *e = THDoubleTensor_newWithSize1d(0);
  THDoubleTensor_unique(v, inv, cnt, e);
  CHECK(v->size[0] == 0 && cnt->size[0] == 0 && inv->size[0] == 0);
  THDoubleTensor_free(t);
  THDoubleTensor_free(v);
  THDoubleTensor_free(e);
  THLongTensor_free(inv);
  THLongTensor_free(cnt);
}

int main(void) {
  TH_TEST_INIT();
  test_sort();
  test_select();
  test_unique();
  TH_TEST_DONE();
}
