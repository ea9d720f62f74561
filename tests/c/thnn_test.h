/* Helpers shared by the THNN C tests: Double tensors from literal values, and the largest
 * difference between an analytic gradient and central finite differences. */
#ifndef THNN_TEST_INC
#define THNN_TEST_INC

#include "th_test.h"
#include "../THNN/THNN.h"

typedef THDoubleTensor DT;

static DT *dtensor(int ndim, const int64_t *sizes, const double *vals) {
  DT *t = THDoubleTensor_newWithSize(ndim, sizes);
  double *p = THDoubleTensor_data(t);
  for (int64_t i = 0; i < THDoubleTensor_nElement(t); i++) p[i] = vals ? vals[i] : 0;
  return t;
}
static DT *dempty(void) { return THDoubleTensor_new(); }
static double at(DT *t, int64_t i) {
  DT *c = THDoubleTensor_newContiguous(t);
  double v = ((double *)THDoubleTensor_data(c))[i];
  THDoubleTensor_free(c);
  return v;
}
/* deterministic pseudo-random values in [-2, 2) */
static double rnd(uint32_t *s) {
  *s = *s * 1664525u + 1013904223u;
  return ((*s >> 8) / 16777216.0) * 4 - 2;
}
static DT *drandom(int ndim, const int64_t *sizes, uint32_t seed) {
  DT *t = dtensor(ndim, sizes, NULL);
  double *p = THDoubleTensor_data(t);
  for (int64_t i = 0; i < THDoubleTensor_nElement(t); i++) p[i] = rnd(&seed);
  return t;
}

/* A module under test: forward(x) -> y; backward(x, y, gy) -> gx. */
typedef void (*fwd_fn)(DT *x, DT *y);
typedef void (*bwd_fn)(DT *x, DT *y, DT *gy, DT *gx);

/* Max |analytic - numeric| of d(sum(y * r))/dx over the elements of x. */
static double grad_error(fwd_fn f, bwd_fn b, DT *x, uint32_t seed) {
  DT *y = dempty(), *gx = dempty();
  f(x, y);
  DT *r = drandom(y->nDimension, y->size, seed);
  b(x, y, r, gx);
  double err = 0, h = 1e-6;
  double *xp = THDoubleTensor_data(x);
  for (int64_t i = 0; i < THDoubleTensor_nElement(x); i++) {
    double keep = xp[i], lp = 0, lm = 0;
    xp[i] = keep + h;
    f(x, y);
    for (int64_t k = 0; k < THDoubleTensor_nElement(y); k++) lp += at(y, k) * at(r, k);
    xp[i] = keep - h;
    f(x, y);
    for (int64_t k = 0; k < THDoubleTensor_nElement(y); k++) lm += at(y, k) * at(r, k);
    xp[i] = keep;
    double e = fabs((lp - lm) / (2 * h) - at(gx, i));
    if (e > err) err = e;
  }
  THDoubleTensor_free(y);
  THDoubleTensor_free(gx);
  THDoubleTensor_free(r);
  return err;
}

#endif
