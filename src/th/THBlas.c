/* THBlas: thin wrappers over scipy-openblas32's CBLAS (symbols prefixed scipy_). */
#include <cblas.h>

#include "THBlas.h"
#include "THGeneral.h"

#ifdef _OPENMP
#include <omp.h>
#endif

static inline enum CBLAS_TRANSPOSE th_trans(char t) { return (t == 't' || t == 'T') ? CblasTrans : CblasNoTrans; }

/* GEMMs are spread over TH's OpenMP threads here, each part on one OpenBLAS thread: pytorch_py
 * keeps OpenBLAS single-threaded (pytorch_py/_C/__init__.py) so that one thread pool, sized by
 * torch.set_num_threads, runs everything.  Two pools on the same cores fought: OpenBLAS's workers
 * spin after each call while TH's OpenMP threads wait for the cores, which made small training
 * steps several times slower.  A product is split along the larger side of C into blocks of whole
 * multiples of TH_BLAS_SPLIT_ALIGN rows (or columns), and only from TH_BLAS_SPLIT_MACS
 * multiply-adds on, where a block's work outweighs starting the threads. */
#define TH_BLAS_SPLIT_MACS (1LL << 20)
#define TH_BLAS_SPLIT_ALIGN 16

/* Into how many parts (1: none) a gemm of m x n x k is split. */
static int th_gemm_parts(int64_t m, int64_t n, int64_t k) {
#ifdef _OPENMP
  if (omp_in_parallel()) return 1; /* a caller's parallel loop already uses the threads */
  int parts = THGetNumThreads();
  if (parts <= 1 || m * n * k < TH_BLAS_SPLIT_MACS) return 1;
  int64_t blocks = ((m > n ? m : n) + TH_BLAS_SPLIT_ALIGN - 1) / TH_BLAS_SPLIT_ALIGN;
  int64_t by_work = m * n * k / (TH_BLAS_SPLIT_MACS / 2); /* every part at least half the threshold */
  if (blocks < parts) parts = (int)blocks;
  if (by_work < parts) parts = (int)by_work;
  return parts < 1 ? 1 : parts;
#else
  (void)m, (void)n, (void)k;
  return 1;
#endif
}

/* One part of a split gemm: the rows [lo, hi) of op(A) and C (split_n == 0) or the columns
 * [lo, hi) of op(B) and C (split_n == 1), as sizes and element offsets into a, b and c. */
typedef struct {
  int64_t m, n, a, b, c;
} THBlasPart;

static THBlasPart th_gemm_part(char transa, char transb, int64_t m, int64_t n, int64_t lda, int64_t ldb, int64_t ldc,
                               int split_n, int parts, int p) {
  const int64_t len = split_n ? n : m;
  int64_t chunk = (len + parts - 1) / parts;
  chunk = (chunk + TH_BLAS_SPLIT_ALIGN - 1) / TH_BLAS_SPLIT_ALIGN * TH_BLAS_SPLIT_ALIGN;
  int64_t lo = p * chunk, hi = lo + chunk;
  if (hi > len) hi = len;
  if (lo > hi) lo = hi; /* an empty part */
  THBlasPart r = {m, n, 0, 0, 0};
  if (split_n) {
    r.n = hi - lo;
    r.b = th_trans(transb) == CblasNoTrans ? lo * ldb : lo;
    r.c = lo * ldc;
  } else {
    r.m = hi - lo;
    r.a = th_trans(transa) == CblasNoTrans ? lo : lo * lda;
    r.c = lo;
  }
  return r;
}

/* Part p of parts of the gemm (all of it when parts == 1). */
static void th_sgemm_part(char transa, char transb, int64_t m, int64_t n, int64_t k, float alpha, const float *a,
                          int64_t lda, const float *b, int64_t ldb, float beta, float *c, int64_t ldc, int parts,
                          int p) {
  THBlasPart q = th_gemm_part(transa, transb, m, n, lda, ldb, ldc, n >= m, parts, p);
  if (q.m > 0 && q.n > 0)
    scipy_cblas_sgemm(CblasColMajor, th_trans(transa), th_trans(transb), (blasint)q.m, (blasint)q.n, (blasint)k, alpha,
                      a + q.a, (blasint)lda, b + q.b, (blasint)ldb, beta, c + q.c, (blasint)ldc);
}

static void th_dgemm_part(char transa, char transb, int64_t m, int64_t n, int64_t k, double alpha, const double *a,
                          int64_t lda, const double *b, int64_t ldb, double beta, double *c, int64_t ldc, int parts,
                          int p) {
  THBlasPart q = th_gemm_part(transa, transb, m, n, lda, ldb, ldc, n >= m, parts, p);
  if (q.m > 0 && q.n > 0)
    scipy_cblas_dgemm(CblasColMajor, th_trans(transa), th_trans(transb), (blasint)q.m, (blasint)q.n, (blasint)k, alpha,
                      a + q.a, (blasint)lda, b + q.b, (blasint)ldb, beta, c + q.c, (blasint)ldc);
}

void THBlas_sgemm(char transa, char transb, int64_t m, int64_t n, int64_t k, float alpha, const float *a,
                  int64_t lda, const float *b, int64_t ldb, float beta, float *c, int64_t ldc) {
  const int parts = th_gemm_parts(m, n, k);
  if (parts == 1) {
    th_sgemm_part(transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, 1, 0);
    return;
  }
#pragma omp parallel for num_threads(parts) schedule(static)
  for (int p = 0; p < parts; p++) th_sgemm_part(transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, parts, p);
}

void THBlas_dgemm(char transa, char transb, int64_t m, int64_t n, int64_t k, double alpha, const double *a,
                  int64_t lda, const double *b, int64_t ldb, double beta, double *c, int64_t ldc) {
  const int parts = th_gemm_parts(m, n, k);
  if (parts == 1) {
    th_dgemm_part(transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, 1, 0);
    return;
  }
#pragma omp parallel for num_threads(parts) schedule(static)
  for (int p = 0; p < parts; p++) th_dgemm_part(transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, parts, p);
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
