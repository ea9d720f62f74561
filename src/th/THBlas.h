/* THBlas: the few BLAS routines TH's matrix products use, over scipy-openblas32's CBLAS.
 *
 * Internal to TH (not part of TH.h, so not in the Python bindings).  Conventions are Fortran
 * BLAS's: matrices are column-major, trans is 'n' or 't', leading dimensions and increments are
 * in elements.  Sizes are int64_t here; callers check THBlas_fits first, since OpenBLAS takes
 * 32-bit integers. */
#ifndef TH_BLAS_INC
#define TH_BLAS_INC

#include <stdint.h>

/* Whether a size, leading dimension or increment fits BLAS's 32-bit integers. */
#define THBlas_fits(x) ((x) <= 2147483647LL)

void THBlas_sgemm(char transa, char transb, int64_t m, int64_t n, int64_t k, float alpha, const float *a,
                  int64_t lda, const float *b, int64_t ldb, float beta, float *c, int64_t ldc);
void THBlas_dgemm(char transa, char transb, int64_t m, int64_t n, int64_t k, double alpha, const double *a,
                  int64_t lda, const double *b, int64_t ldb, double beta, double *c, int64_t ldc);
void THBlas_sgemv(char trans, int64_t m, int64_t n, float alpha, const float *a, int64_t lda, const float *x,
                  int64_t incx, float beta, float *y, int64_t incy);
void THBlas_dgemv(char trans, int64_t m, int64_t n, double alpha, const double *a, int64_t lda, const double *x,
                  int64_t incx, double beta, double *y, int64_t incy);
void THBlas_sger(int64_t m, int64_t n, float alpha, const float *x, int64_t incx, const float *y, int64_t incy,
                 float *a, int64_t lda);
void THBlas_dger(int64_t m, int64_t n, double alpha, const double *x, int64_t incx, const double *y, int64_t incy,
                 double *a, int64_t lda);
float THBlas_sdot(int64_t n, const float *x, int64_t incx, const float *y, int64_t incy);
double THBlas_ddot(int64_t n, const double *x, int64_t incx, const double *y, int64_t incy);

/* OpenBLAS's thread count (process-wide: scipy-openblas32 does not export the thread-local
 * setting). */
int THBlas_getThreads(void);
void THBlas_setThreads(int n);

#endif
