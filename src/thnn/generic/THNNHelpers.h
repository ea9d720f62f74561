/* Helpers shared by the generic THNN sources (included at the top of each, once per type). */

/* A tensor's sizes as "[2, 3]" in a buffer that lives until the end of the enclosing statement
 * (for error messages, evaluated only when the check fails). */
#ifndef THNN_SHAPE
#include "THBlas.h"
#define THNN_SHAPE(t) THFormatSizes((char[256]){0}, 256, (t)->size, (t)->nDimension)
#define THNN_OMP_FOR(n) _Pragma("omp parallel for if ((n) > TH_OMP_OVERHEAD_THRESHOLD) num_threads(THGetNumThreads())")
#endif

/* Raises unless t has ref's sizes. */
static inline void THNN_(checkSameSize)(const char *op, const char *what, THTensor *ref, THTensor *t) {
  if (!THTensor_(isSameSizeAs)(ref, t))
    THError("%s: expected %s of size %s, but got %s", op, what, THNN_SHAPE(ref), THNN_SHAPE(t));
}

/* A contiguous tensor to write the result of `out` into (out itself, retained, when it is already
 * contiguous); THNN_(outEnd) copies it back if needed and releases it.  Contents are undefined. */
static inline THTensor *THNN_(outBegin)(THTensor *out) {
  if (THTensor_(isContiguous)(out)) {
    THTensor_(retain)(out);
    return out;
  }
  return THTensor_(newWithSize)(out->nDimension, out->size);
}
/* The same, keeping out's contents (for results that are accumulated into). */
static inline THTensor *THNN_(accBegin)(THTensor *out) { return THTensor_(newContiguous)(out); }
static inline void THNN_(outEnd)(THTensor *tmp, THTensor *out) { THTensor_(freeCopyTo)(tmp, out); }

static inline real *THNN_(ptr)(THTensor *t) { return (real *)THTensor_(data)(t); }

/* C = alpha op(A) op(B) + beta C for row-major matrices: THBlas's column-major C^T = op(B)^T op(A)^T.
 * THBlas splits a large product over TH's threads unless it is called from a parallel loop (or TH
 * runs one thread). */
static inline void THNN_(gemm)(int transA, int transB, int64_t M, int64_t N, int64_t K, accreal alpha, const real *A,
                               int64_t lda, const real *B, int64_t ldb, accreal beta, real *C, int64_t ldc) {
#if defined(TH_REAL_IS_FLOAT)
  THBlas_sgemm(transB ? 't' : 'n', transA ? 't' : 'n', N, M, K, (float)alpha, B, ldb, A, lda, (float)beta, C, ldc);
#else
  THBlas_dgemm(transB ? 't' : 'n', transA ? 't' : 'n', N, M, K, alpha, B, ldb, A, lda, beta, C, ldc);
#endif
}
