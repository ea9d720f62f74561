#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorDriver.h"
#else
/* Drivers shared by the math files: check shapes, size the result, build the iterator, run a
 * kernel.  Static, included into each math translation unit after THTensorKernel.h. */

static inline void THTensor_(checkSameShape)(const char *op, const THTensor *a, const THTensor *b) {
  if (!THTensor_(isSameSizeAs)(a, b)) {
    char sa[256], sb[256];
    THError("%s: expected tensors of the same shape (broadcast them first), but got %s and %s", op,
            THFormatSizes(sa, sizeof sa, a->size, a->nDimension), THFormatSizes(sb, sizeof sb, b->size, b->nDimension));
  }
}

/* r (resized like t) = kernel(t) */
static inline void THTensor_(runUnary)(THTensor *r, THTensor *t, THIterKernel kernel, real v0, real v1) {
  THTensor_(resizeLike)(r, t);
  real ctx[2] = {v0, v1};
  THIter it;
  char *data[2] = {TH_ITER_DATA(r, real), TH_ITER_DATA(t, real)};
  const int64_t *strides[2] = {r->stride, t->stride};
  const int64_t es[2] = {sizeof(real), sizeof(real)};
  THIter_init(&it, 2, t->nDimension, t->size, data, strides, es);
  THIter_run(&it, kernel, ctx);
}

/* r (resized like a) = kernel(a, b) */
static inline void THTensor_(runBinary)(const char *op, THTensor *r, THTensor *a, THTensor *b, THIterKernel kernel, real v0,
                                 real v1) {
  THTensor_(checkSameShape)(op, a, b);
  THTensor_(resizeLike)(r, a);
  real ctx[2] = {v0, v1};
  THIter it;
  char *data[3] = {TH_ITER_DATA(r, real), TH_ITER_DATA(a, real), TH_ITER_DATA(b, real)};
  const int64_t *strides[3] = {r->stride, a->stride, b->stride};
  const int64_t es[3] = {sizeof(real), sizeof(real), sizeof(real)};
  THIter_init(&it, 3, a->nDimension, a->size, data, strides, es);
  THIter_run(&it, kernel, ctx);
}

/* r (resized like a) = kernel(a, b, c) */
static inline void THTensor_(runTernary)(const char *op, THTensor *r, THTensor *a, THTensor *b, THTensor *c,
                                  THIterKernel kernel, real v0, real v1) {
  THTensor_(checkSameShape)(op, a, b);
  THTensor_(checkSameShape)(op, a, c);
  THTensor_(resizeLike)(r, a);
  real ctx[2] = {v0, v1};
  THIter it;
  char *data[4] = {TH_ITER_DATA(r, real), TH_ITER_DATA(a, real), TH_ITER_DATA(b, real), TH_ITER_DATA(c, real)};
  const int64_t *strides[4] = {r->stride, a->stride, b->stride, c->stride};
  const int64_t es[4] = {sizeof(real), sizeof(real), sizeof(real), sizeof(real)};
  THIter_init(&it, 4, a->nDimension, a->size, data, strides, es);
  THIter_run(&it, kernel, ctx);
}

/* r (a Bool tensor resized like t) = kernel(t) */
static inline void THTensor_(runUnaryToBool)(THBoolTensor *r, THTensor *t, THIterKernel kernel, real v0) {
  if (!THBoolTensor_isSameSizeAs(r, (const THBoolTensor *)(const void *)t))
    THBoolTensor_resizeNd(r, t->nDimension, t->size, NULL);
  real ctx[2] = {v0, v0};
  THIter it;
  char *data[2] = {TH_ITER_DATA(r, bool), TH_ITER_DATA(t, real)};
  const int64_t *strides[2] = {r->stride, t->stride};
  const int64_t es[2] = {sizeof(bool), sizeof(real)};
  THIter_init(&it, 2, t->nDimension, t->size, data, strides, es);
  THIter_run(&it, kernel, ctx);
}

/* r (a Bool tensor resized like a) = kernel(a, b) */
static inline void THTensor_(runBinaryToBool)(const char *op, THBoolTensor *r, THTensor *a, THTensor *b, THIterKernel kernel) {
  THTensor_(checkSameShape)(op, a, b);
  if (!THBoolTensor_isSameSizeAs(r, (const THBoolTensor *)(const void *)a))
    THBoolTensor_resizeNd(r, a->nDimension, a->size, NULL);
  real ctx[2] = {0, 0};
  THIter it;
  char *data[3] = {TH_ITER_DATA(r, bool), TH_ITER_DATA(a, real), TH_ITER_DATA(b, real)};
  const int64_t *strides[3] = {r->stride, a->stride, b->stride};
  const int64_t es[3] = {sizeof(bool), sizeof(real), sizeof(real)};
  THIter_init(&it, 3, a->nDimension, a->size, data, strides, es);
  THIter_run(&it, kernel, ctx);
}

#endif
