/* THBlas: thin wrappers over scipy-openblas32's CBLAS (symbols prefixed scipy_). */
#include <cblas.h>

#include "THBlas.h"

static inline enum CBLAS_TRANSPOSE th_trans(char t) { return (t == 't' || t == 'T') ? CblasTrans : CblasNoTrans; }

void THBlas_sgemm(char transa, char transb, int64_t m, int64_t n, int64_t k, float alpha, const float *a,
                  int64_t lda, const float *b, int64_t ldb, float beta, float *c, int64_t ldc) {
  scipy_cblas_sgemm(CblasColMajor, th_trans(transa), th_trans(transb), (blasint)m, (blasint)n, (blasint)k, alpha, a,
                    (blasint)lda, b, (blasint)ldb, beta, c, (blasint)ldc);
}

void THBlas_dgemm(char transa, char transb, int64_t m, int64_t n, int64_t k, double alpha, const double *a,
                  int64_t lda, const double *b, int64_t ldb, double beta, double *c, int64_t ldc) {
  scipy_cblas_dgemm(CblasColMajor, th_trans(transa), th_trans(transb), (blasint)m, (blasint)n, (blasint)k, alpha, a,
                    (blasint)lda, b, (blasint)ldb, beta, c, (blasint)ldc);
}

void THBlas_sgemv(char trans, int64_t m, int64_t n, float alpha, const float *a, int64_t lda, const float *x,
                  int64_t incx, float beta, float *y, int64_t incy) {
  scipy_cblas_sgemv(CblasColMajor, th_trans(trans), (blasint)m, (blasint)n, alpha, a, (blasint)lda, x, (blasint)incx,
                    beta, y, (blasint)incy);
}

void THBlas_dgemv(char trans, int64_t m, int64_t n, double alpha, const double *a, int64_t lda, const double *x,
                  int64_t incx, double beta, double *y, int64_t incy) {
  scipy_cblas_dgemv(CblasColMajor, th_trans(trans), (blasint)m, (blasint)n, alpha, a, (blasint)lda, x, (blasint)incx,
                    beta, y, (blasint)incy);
}

void THBlas_sger(int64_t m, int64_t n, float alpha, const float *x, int64_t incx, const float *y, int64_t incy,
                 float *a, int64_t lda) {
  scipy_cblas_sger(CblasColMajor, (blasint)m, (blasint)n, alpha, x, (blasint)incx, y, (blasint)incy, a, (blasint)lda);
}

void THBlas_dger(int64_t m, int64_t n, double alpha, const double *x, int64_t incx, const double *y, int64_t incy,
                 double *a, int64_t lda) {
  scipy_cblas_dger(CblasColMajor, (blasint)m, (blasint)n, alpha, x, (blasint)incx, y, (blasint)incy, a, (blasint)lda);
}

float THBlas_sdot(int64_t n, const float *x, int64_t incx, const float *y, int64_t incy) {
  return scipy_cblas_sdot((blasint)n, x, (blasint)incx, y, (blasint)incy);
}

double THBlas_ddot(int64_t n, const double *x, int64_t incx, const double *y, int64_t incy) {
  return scipy_cblas_ddot((blasint)n, x, (blasint)incx, y, (blasint)incy);
}

int THBlas_getThreads(void) { return scipy_openblas_get_num_threads(); }

void THBlas_setThreads(int n) { scipy_openblas_set_num_threads(n); }
