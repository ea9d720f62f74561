#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorBlas.c"
#else

#if !defined(TH_REAL_IS_BOOLEAN)

#if defined(TH_REAL_IS_FLOAT)
#define TH_BLAS_REAL
#define THBlas_(NAME) TH_CONCAT_2(THBlas_s, NAME)
#elif defined(TH_REAL_IS_DOUBLE)
#define TH_BLAS_REAL
#define THBlas_(NAME) TH_CONCAT_2(THBlas_d, NAME)
#endif

#define THMat TH_CONCAT_3(TH, Real, Mat)

/* ---- argument checks (every type; they run before anything is allocated) ---- */

static void THTensor_(checkInput)(const char *op, THTensor *t, int ndim, const int64_t *sizes) {
  if (!THTensor_(isSize)(t, ndim, sizes)) {
    char a[256], b[256];
    THError("%s: expected input of shape %s, but got %s", op, THFormatSizes(a, sizeof a, sizes, ndim),
            THFormatSizes(b, sizeof b, t->size, t->nDimension));
  }
}

static void THTensor_(checkMm)(const char *op, THTensor *m1, THTensor *m2) {
  if (m1->nDimension != 2 || m2->nDimension != 2)
    THError("%s: expected 2-D matrices, but got %dD and %dD tensors", op, m1->nDimension, m2->nDimension);
  if (m1->size[1] != m2->size[0])
    THError("%s: expected mat1 and mat2 shapes that can be multiplied (%" PRId64 "x%" PRId64 " and %" PRId64
            "x%" PRId64 ")",
            op, m1->size[0], m1->size[1], m2->size[0], m2->size[1]);
}

static void THTensor_(checkMv)(const char *op, THTensor *mat, THTensor *vec) {
  if (mat->nDimension != 2 || vec->nDimension != 1)
    THError("%s: expected a 2-D matrix and a 1-D vector, but got %dD and %dD tensors", op, mat->nDimension,
            vec->nDimension);
  if (mat->size[1] != vec->size[0])
    THError("%s: expected mat and vec shapes that can be multiplied (%" PRId64 "x%" PRId64 " and %" PRId64 ")", op,
            mat->size[0], mat->size[1], vec->size[0]);
}

static void THTensor_(checkR)(const char *op, THTensor *vec1, THTensor *vec2) {
  if (vec1->nDimension != 1 || vec2->nDimension != 1)
    THError("%s: expected 1-D vectors, but got %dD and %dD tensors", op, vec1->nDimension, vec2->nDimension);
}

static void THTensor_(checkBmm)(const char *op, THTensor *b1, THTensor *b2) {
  if (b1->nDimension != 3 || b2->nDimension != 3)
    THError("%s: expected 3-D tensors, but got %dD and %dD tensors", op, b1->nDimension, b2->nDimension);
  if (b1->size[0] != b2->size[0])
    THError("%s: expected batch1 and batch2 to have the same batch size, but got %" PRId64 " and %" PRId64, op,
            b1->size[0], b2->size[0]);
  if (b1->size[2] != b2->size[1])
    THError("%s: expected batch1 and batch2 shapes that can be multiplied (%" PRId64 "x%" PRId64 "x%" PRId64
            " and %" PRId64 "x%" PRId64 "x%" PRId64 ")",
            op, b1->size[0], b1->size[1], b1->size[2], b2->size[0], b2->size[1], b2->size[2]);
}

static void THTensor_(checkDot)(THTensor *t, THTensor *src) {
  int64_t a = THTensor_(nElement)(t), b = THTensor_(nElement)(src);
  if (a != b)
    THError("dot: expected tensors with the same number of elements, but got %" PRId64 " and %" PRId64, a, b);
}

#if !defined(TH_REAL_IS_HALF)

/* ---- matrix views and copies ---- */

/* A matrix view: element (i, j) at data[i * rs + j * cs]. */
typedef struct {
  real *data;
  int64_t rows, cols, rs, cs;
} THMat;

/* The matrix of t (2-D), or of t's batch b (3-D). */
static inline THMat THTensor_(matOf)(THTensor *t, int64_t b) {
  int d = t->nDimension - 2;
  THMat a = {(real *)THTensor_(data)(t), t->size[d], t->size[d + 1], t->stride[d], t->stride[d + 1]};
  if (d) a.data += b * t->stride[0];
  return a;
}

static inline THMat THTensor_(matT)(THMat a) {
  THMat t = {a.data, a.cols, a.rows, a.cs, a.rs};
  return t;
}

/* a's elements in column-major (cols = 1) or row-major order, in a buffer the caller THFrees. */
static real *THTensor_(pack)(THMat a, int colMajor) {
  real *buf = (real *)THAlloc(sizeof(real) * a.rows * a.cols);
  for (int64_t i = 0; i < a.rows; i++)
    for (int64_t j = 0; j < a.cols; j++)
      buf[colMajor ? i + j * a.rows : i * a.cols + j] = a.data[i * a.rs + j * a.cs];
  return buf;
}

/* The n elements at p, inc apart, as a contiguous array: p itself when inc == 1 (or n <= 1),
 * else a copy left in *buf for the caller to THFree. */
static const real *THTensor_(contigVec)(const real *p, int64_t n, int64_t inc, real **buf) {
  *buf = NULL;
  if (inc == 1 || n <= 1) return p;
  *buf = (real *)THAlloc(sizeof(real) * n);
  for (int64_t i = 0; i < n; i++) (*buf)[i] = p[i * inc];
  return *buf;
}

/* ---- gemm: C = beta * C + alpha * A @ B, all sizes > 0; beta == 0 ignores C's values ---- */

/* TH's own loop (integer types; floating types whose sizes exceed BLAS's 32-bit integers).
 * Products accumulate into a zeroed row-major buffer, i-k-j order so the innermost loop runs
 * along contiguous rows of B and of the buffer (the compiler vectorises it), blocked so a block
 * of B stays in cache while every row of A passes over it. */
static void THTensor_(gemmLoop)(real beta, real alpha, THMat C, THMat A, THMat B) {
  const int64_t n = C.rows, m = C.cols, k = A.cols;
  real *bbuf = NULL;
  const real *bp = B.data;
  int64_t ldb = B.rs;
  if (B.cs != 1 && m > 1) {
    bbuf = THTensor_(pack)(B, 0);
    bp = bbuf;
    ldb = m;
  }
  real *acc = (real *)THAlloc(sizeof(real) * n * m);
  memset(acc, 0, sizeof(real) * n * m);
  const int64_t JB = 512, KB = (int64_t)(256 * 1024 / (512 * sizeof(real)));
  const int par = n > 1 && n * m * k >= TH_GEMM_LOOP_PARALLEL_MACS;
#pragma omp parallel if (par) num_threads(THGetNumThreads())
  for (int64_t k0 = 0; k0 < k; k0 += KB) {
    const int64_t k1 = k0 + KB < k ? k0 + KB : k;
    for (int64_t j0 = 0; j0 < m; j0 += JB) {
      const int64_t jn = m - j0 < JB ? m - j0 : JB;
#pragma omp for schedule(static)
      for (int64_t i = 0; i < n; i++) {
        real *restrict crow = acc + i * m + j0;
        const real *arow = A.data + i * A.rs;
        for (int64_t kk = k0; kk < k1; kk++) {
          const real a = arow[kk * A.cs];
          const real *restrict brow = bp + kk * ldb + j0;
          for (int64_t j = 0; j < jn; j++) crow[j] += a * brow[j];
        }
      }
    }
  }
  for (int64_t i = 0; i < n; i++) {
    real *c = C.data + i * C.rs;
    const real *s = acc + i * m;
    if (beta == 0)
      for (int64_t j = 0; j < m; j++) c[j * C.cs] = alpha * s[j];
    else
      for (int64_t j = 0; j < m; j++) c[j * C.cs] = beta * c[j * C.cs] + alpha * s[j];
  }
  THFree(acc);
  THFree(bbuf);
}

#ifdef TH_BLAS_REAL
/* C's layout as BLAS takes it: transposes everything when C is row-major (C^T = B^T A^T), so
 * the output is column-major.  Returns 0 when C fits neither layout. */
static int THTensor_(gemmOrient)(THMat *C, THMat *A, THMat *B, int64_t *ldc) {
  int lc = th_blas_layout(C->rows, C->cols, C->rs, C->cs, ldc);
  if (lc == TH_BLAS_NONE) return 0;
  if (lc == TH_BLAS_ROWS) {
    THMat a = *A;
    *C = THTensor_(matT)(*C);
    *A = THTensor_(matT)(*B);
    *B = THTensor_(matT)(a);
  }
  return 1;
}

/* Whether gemmBlas runs on these operands without copying (or allocating) anything: batched
 * products only run batches in parallel then, as nothing inside may raise. */
static int THTensor_(gemmDirect)(THMat C, THMat A, THMat B) {
  int64_t ld;
  if (!THBlas_fits(C.rows) || !THBlas_fits(C.cols) || !THBlas_fits(A.cols)) return 0;
  if (!THTensor_(gemmOrient)(&C, &A, &B, &ld)) return 0;
  return th_blas_layout(A.rows, A.cols, A.rs, A.cs, &ld) != TH_BLAS_NONE &&
         th_blas_layout(B.rows, B.cols, B.rs, B.cs, &ld) != TH_BLAS_NONE;
}

static void THTensor_(gemmBlas)(real beta, real alpha, THMat C, THMat A, THMat B) {
  if (!THBlas_fits(C.rows) || !THBlas_fits(C.cols) || !THBlas_fits(A.cols)) {
    THTensor_(gemmLoop)(beta, alpha, C, A, B);
    return;
  }
  int64_t ldc, lda, ldb;
  if (!THTensor_(gemmOrient)(&C, &A, &B, &ldc)) {
    /* an output layout BLAS cannot write: compute in a column-major copy, then scatter back */
    real *buf = beta != 0 ? THTensor_(pack)(C, 1) : (real *)THAlloc(sizeof(real) * C.rows * C.cols);
    THMat T = {buf, C.rows, C.cols, 1, C.rows};
    THTensor_(gemmBlas)(beta, alpha, T, A, B);
    for (int64_t j = 0; j < C.cols; j++)
      for (int64_t i = 0; i < C.rows; i++) C.data[i * C.rs + j * C.cs] = buf[i + j * C.rows];
    THFree(buf);
    return;
  }
  /* each factor: as stored when column-major, as the transposed operand when row-major, and
   * copied (column-major) only when it is neither */
  real *abuf = NULL, *bbuf = NULL;
  int la = th_blas_layout(A.rows, A.cols, A.rs, A.cs, &lda);
  int lb = th_blas_layout(B.rows, B.cols, B.rs, B.cs, &ldb);
  if (la == TH_BLAS_NONE) {
    abuf = THTensor_(pack)(A, 1);
    la = TH_BLAS_COLS;
    lda = A.rows;
  }
  if (lb == TH_BLAS_NONE) {
    bbuf = THTensor_(pack)(B, 1);
    lb = TH_BLAS_COLS;
    ldb = B.rows;
  }
  THBlas_(gemm)(la == TH_BLAS_COLS ? 'n' : 't', lb == TH_BLAS_COLS ? 'n' : 't', C.rows, C.cols, A.cols, alpha,
                abuf ? abuf : A.data, lda, bbuf ? bbuf : B.data, ldb, beta, C.data, ldc);
  THFree(abuf);
  THFree(bbuf);
}
#endif

static inline void THTensor_(gemmCore)(real beta, real alpha, THMat C, THMat A, THMat B) {
#ifdef TH_BLAS_REAL
  THTensor_(gemmBlas)(beta, alpha, C, A, B);
#else
  THTensor_(gemmLoop)(beta, alpha, C, A, B);
#endif
}

/* ---- gemv: y = beta * y + alpha * A @ x (y: A.rows elements incy apart), sizes > 0 ---- */

static void THTensor_(gemvLoop)(real beta, real alpha, real *y, int64_t incy, THMat A, const real *x,
                                int64_t incx) {
  const int64_t n = A.rows, k = A.cols;
  real *xbuf;
  const real *xp = THTensor_(contigVec)(x, k, incx, &xbuf);
  if (A.cs == 1 || k == 1) {
    /* rows of A are contiguous: one dot product per row */
#pragma omp parallel for if (n > 1 && n * k >= TH_GEMM_LOOP_PARALLEL_MACS) num_threads(THGetNumThreads())
    for (int64_t i = 0; i < n; i++) {
      const real *restrict arow = A.data + i * A.rs;
      real s = 0;
      for (int64_t kk = 0; kk < k; kk++) s += arow[kk] * xp[kk];
      real *yi = y + i * incy;
      *yi = beta == 0 ? alpha * s : beta * *yi + alpha * s;
    }
  } else {
    /* columns of A (contiguous when A is column-major) scaled and summed */
    real *acc = (real *)THAlloc(sizeof(real) * n);
    memset(acc, 0, sizeof(real) * n);
    for (int64_t kk = 0; kk < k; kk++) {
      const real *col = A.data + kk * A.cs;
      const real xk = xp[kk];
      for (int64_t i = 0; i < n; i++) acc[i] += col[i * A.rs] * xk;
    }
    for (int64_t i = 0; i < n; i++) {
      real *yi = y + i * incy;
      *yi = beta == 0 ? alpha * acc[i] : beta * *yi + alpha * acc[i];
    }
    THFree(acc);
  }
  THFree(xbuf);
}

static void THTensor_(gemvCore)(real beta, real alpha, real *y, int64_t incy, THMat A, const real *x, int64_t incx) {
#ifdef TH_BLAS_REAL
  const int64_t n = A.rows, k = A.cols;
  int64_t lda;
  int la = th_blas_layout(A.rows, A.cols, A.rs, A.cs, &lda);
  if (n == 1) incy = 1;
  if (k == 1) incx = 1;
  if (THBlas_fits(n) && THBlas_fits(k) && incy >= 1 && THBlas_fits(incy)) {
    real *xbuf = NULL, *abuf = NULL;
    if (incx < 1 || !THBlas_fits(incx)) {
      x = THTensor_(contigVec)(x, k, incx, &xbuf);
      incx = 1;
    }
    if (la == TH_BLAS_NONE) {
      abuf = THTensor_(pack)(A, 0);
      la = TH_BLAS_ROWS;
      lda = k;
    }
    /* BLAS scales y by beta before adding, which (in some OpenBLAS versions) lets 0 * NaN through:
     * clear y ourselves so beta == 0 ignores its values */
    if (beta == 0)
      for (int64_t i = 0; i < n; i++) y[i * incy] = 0;
    const real *ap = abuf ? abuf : A.data;
    if (la == TH_BLAS_COLS)
      THBlas_(gemv)('n', n, k, alpha, ap, lda, x, incx, beta, y, incy);
    else /* A^T is stored column-major: k x n */
      THBlas_(gemv)('t', k, n, alpha, ap, lda, x, incx, beta, y, incy);
    THFree(xbuf);
    THFree(abuf);
    return;
  }
#endif
  THTensor_(gemvLoop)(beta, alpha, y, incy, A, x, incx);
}

/* ---- ger: C += alpha * x y^T (x: C.rows elements, y: C.cols elements), sizes > 0 ---- */

static void THTensor_(gerCore)(real alpha, THMat C, const real *x, int64_t incx, const real *y, int64_t incy) {
  const int64_t n = C.rows, m = C.cols;
#ifdef TH_BLAS_REAL
  int64_t ldc;
  int lc = th_blas_layout(n, m, C.rs, C.cs, &ldc);
  if (lc != TH_BLAS_NONE && THBlas_fits(n) && THBlas_fits(m)) {
    real *xbuf = NULL, *ybuf = NULL;
    if (n == 1) incx = 1;
    if (m == 1) incy = 1;
    if (incx < 1 || !THBlas_fits(incx)) {
      x = THTensor_(contigVec)(x, n, incx, &xbuf);
      incx = 1;
    }
    if (incy < 1 || !THBlas_fits(incy)) {
      y = THTensor_(contigVec)(y, m, incy, &ybuf);
      incy = 1;
    }
    if (lc == TH_BLAS_COLS)
      THBlas_(ger)(n, m, alpha, x, incx, y, incy, C.data, ldc);
    else /* C^T += alpha * y x^T */
      THBlas_(ger)(m, n, alpha, y, incy, x, incx, C.data, ldc);
    THFree(xbuf);
    THFree(ybuf);
    return;
  }
#endif
  real *ybuf;
  const real *yp = THTensor_(contigVec)(y, m, incy, &ybuf);
#pragma omp parallel for if (n > 1 && n * m >= TH_OMP_OVERHEAD_THRESHOLD) num_threads(THGetNumThreads())
  for (int64_t i = 0; i < n; i++) {
    const real a = alpha * x[i * incx];
    real *c = C.data + i * C.rs;
    if (C.cs == 1)
      for (int64_t j = 0; j < m; j++) c[j] += a * yp[j];
    else
      for (int64_t j = 0; j < m; j++) c[j * C.cs] += a * yp[j];
  }
  THFree(ybuf);
}

/* ---- the result tensor ---- */

/* Sizes r for the result (keeping its layout when it already has the shape) and, unless r is t,
 * loads beta's operand into it; t == NULL (the plain products) loads nothing. */
static void THTensor_(prepare)(THTensor *r, real beta, THTensor *t, int ndim, const int64_t *sizes) {
  if (r == t) return;
  if (!THTensor_(isSize)(r, ndim, sizes)) THTensor_(resizeNd)(r, ndim, sizes, NULL);
  if (t && beta != 0 && THTensor_(nElement)(r) > 0) THTensor_(copy)(r, t);
}

/* r = beta * r, where beta == 0 gives zeros whatever r held (NaN included). */
static void THTensor_(scaleBy)(THTensor *r, real beta) {
  if (THTensor_(nElement)(r) == 0) return;
  if (beta == 0)
    THTensor_(zero)(r);
  else if (beta != 1)
    THTensor_(mul)(r, r, beta);
}

/* r = beta * r + p (p: a product formed in a temporary because r shares memory with a factor) */
static void THTensor_(accumulate)(THTensor *r, real beta, THTensor *p) {
  if (beta == 0) {
    THTensor_(copy)(r, p);
  } else {
    THTensor_(scaleBy)(r, beta);
    THTensor_(cadd)(r, r, 1, p);
  }
}

static inline int THTensor_(shares)(THTensor *r, THTensor *a, THTensor *b) {
  return r->storage == a->storage || r->storage == b->storage;
}

/* ---- the operations ---- */

static void THTensor_(addmmImpl)(const char *op, THTensor *r, real beta, THTensor *t, real alpha, THTensor *m1,
                                 THTensor *m2) {
  THTensor_(checkMm)(op, m1, m2);
  const int64_t n = m1->size[0], k = m1->size[1], m = m2->size[1];
  const int64_t sizes[2] = {n, m};
  if (t) THTensor_(checkInput)(op, t, 2, sizes);
  if (n * m > 0 && k > 0 && THTensor_(shares)(r, m1, m2)) {
    THTensor *p = THTensor_(newWithSize2d)(n, m);
    THTensor_(addmmImpl)(op, p, 0, NULL, alpha, m1, m2);
    THTensor_(prepare)(r, beta, t, 2, sizes);
    THTensor_(accumulate)(r, beta, p);
    THTensor_(free)(p);
    return;
  }
  THTensor_(prepare)(r, beta, t, 2, sizes);
  if (n == 0 || m == 0) return;
  if (k == 0) {
    THTensor_(scaleBy)(r, beta);
    return;
  }
  THTensor_(gemmCore)(beta, alpha, THTensor_(matOf)(r, 0), THTensor_(matOf)(m1, 0), THTensor_(matOf)(m2, 0));
}

static void THTensor_(addmvImpl)(const char *op, THTensor *r, real beta, THTensor *t, real alpha, THTensor *mat,
                                 THTensor *vec) {
  THTensor_(checkMv)(op, mat, vec);
  const int64_t n = mat->size[0], k = mat->size[1];
  if (t) THTensor_(checkInput)(op, t, 1, &n);
  if (n > 0 && k > 0 && THTensor_(shares)(r, mat, vec)) {
    THTensor *p = THTensor_(newWithSize1d)(n);
    THTensor_(addmvImpl)(op, p, 0, NULL, alpha, mat, vec);
    THTensor_(prepare)(r, beta, t, 1, &n);
    THTensor_(accumulate)(r, beta, p);
    THTensor_(free)(p);
    return;
  }
  THTensor_(prepare)(r, beta, t, 1, &n);
  if (n == 0) return;
  if (k == 0) {
    THTensor_(scaleBy)(r, beta);
    return;
  }
  THTensor_(gemvCore)(beta, alpha, (real *)THTensor_(data)(r), r->stride[0], THTensor_(matOf)(mat, 0),
                      (const real *)THTensor_(data)(vec), vec->stride[0]);
}

static void THTensor_(addrImpl)(const char *op, THTensor *r, real beta, THTensor *t, real alpha, THTensor *vec1,
                                THTensor *vec2) {
  THTensor_(checkR)(op, vec1, vec2);
  const int64_t n = vec1->size[0], m = vec2->size[0];
  const int64_t sizes[2] = {n, m};
  if (t) THTensor_(checkInput)(op, t, 2, sizes);
  if (n * m > 0 && THTensor_(shares)(r, vec1, vec2)) {
    THTensor *p = THTensor_(newWithSize2d)(n, m);
    THTensor_(addrImpl)(op, p, 0, NULL, alpha, vec1, vec2);
    THTensor_(prepare)(r, beta, t, 2, sizes);
    THTensor_(accumulate)(r, beta, p);
    THTensor_(free)(p);
    return;
  }
  THTensor_(prepare)(r, beta, t, 2, sizes);
  if (n * m == 0) return;
  THTensor_(scaleBy)(r, beta); /* ger only accumulates */
  THTensor_(gerCore)(alpha, THTensor_(matOf)(r, 0), (const real *)THTensor_(data)(vec1), vec1->stride[0],
                     (const real *)THTensor_(data)(vec2), vec2->stride[0]);
}

static void THTensor_(baddbmmImpl)(const char *op, THTensor *r, real beta, THTensor *t, real alpha, THTensor *b1,
                                   THTensor *b2) {
  THTensor_(checkBmm)(op, b1, b2);
  const int64_t nb = b1->size[0], n = b1->size[1], k = b1->size[2], m = b2->size[2];
  const int64_t sizes[3] = {nb, n, m};
  if (t) THTensor_(checkInput)(op, t, 3, sizes);
  if (nb * n * m > 0 && k > 0 && THTensor_(shares)(r, b1, b2)) {
    THTensor *p = THTensor_(newWithSize3d)(nb, n, m);
    THTensor_(baddbmmImpl)(op, p, 0, NULL, alpha, b1, b2);
    THTensor_(prepare)(r, beta, t, 3, sizes);
    THTensor_(accumulate)(r, beta, p);
    THTensor_(free)(p);
    return;
  }
  THTensor_(prepare)(r, beta, t, 3, sizes);
  if (nb * n * m == 0) return;
  if (k == 0) {
    THTensor_(scaleBy)(r, beta);
    return;
  }
#ifdef TH_BLAS_REAL
  const int nt = THGetNumThreads();
  if (nb > 1 && nt > 1 && n * m * k <= TH_BMM_PARALLEL_MAX_MACS &&
      THTensor_(gemmDirect)(THTensor_(matOf)(r, 0), THTensor_(matOf)(b1, 0), THTensor_(matOf)(b2, 0))) {
    /* small gemms: batches spread over OpenMP threads, OpenBLAS on one thread meanwhile (every
     * batch has batch 0's strides, so none needs a copy and nothing in the loop can raise).
     * OpenBLAS's thread count is process-wide: a product running at the same time in another
     * thread runs on one thread too. */
    const int prev = THBlas_getThreads();
    if (prev > 1) THBlas_setThreads(1);
#pragma omp parallel for schedule(static) num_threads(nb < nt ? (int)nb : nt)
    for (int64_t b = 0; b < nb; b++)
      THTensor_(gemmBlas)(beta, alpha, THTensor_(matOf)(r, b), THTensor_(matOf)(b1, b), THTensor_(matOf)(b2, b));
    if (prev > 1) THBlas_setThreads(prev);
    return;
  }
#endif
  for (int64_t b = 0; b < nb; b++)
    THTensor_(gemmCore)(beta, alpha, THTensor_(matOf)(r, b), THTensor_(matOf)(b1, b), THTensor_(matOf)(b2, b));
}

void THTensor_(addmm)(THTensor *r, real beta, THTensor *t, real alpha, THTensor *m1, THTensor *m2) {
  THTensor_(addmmImpl)("addmm", r, beta, t, alpha, m1, m2);
}

void THTensor_(mm)(THTensor *r, THTensor *m1, THTensor *m2) { THTensor_(addmmImpl)("mm", r, 0, NULL, 1, m1, m2); }

void THTensor_(addmv)(THTensor *r, real beta, THTensor *t, real alpha, THTensor *mat, THTensor *vec) {
  THTensor_(addmvImpl)("addmv", r, beta, t, alpha, mat, vec);
}

void THTensor_(mv)(THTensor *r, THTensor *mat, THTensor *vec) { THTensor_(addmvImpl)("mv", r, 0, NULL, 1, mat, vec); }

void THTensor_(addr)(THTensor *r, real beta, THTensor *t, real alpha, THTensor *vec1, THTensor *vec2) {
  THTensor_(addrImpl)("addr", r, beta, t, alpha, vec1, vec2);
}

void THTensor_(ger)(THTensor *r, THTensor *vec1, THTensor *vec2) {
  THTensor_(addrImpl)("outer", r, 0, NULL, 1, vec1, vec2);
}

void THTensor_(baddbmm)(THTensor *r, real beta, THTensor *t, real alpha, THTensor *batch1, THTensor *batch2) {
  THTensor_(baddbmmImpl)("baddbmm", r, beta, t, alpha, batch1, batch2);
}

void THTensor_(bmm)(THTensor *r, THTensor *batch1, THTensor *batch2) {
  THTensor_(baddbmmImpl)("bmm", r, 0, NULL, 1, batch1, batch2);
}

void THTensor_(addbmm)(THTensor *r, real beta, THTensor *t, real alpha, THTensor *batch1, THTensor *batch2) {
  THTensor_(checkBmm)("addbmm", batch1, batch2);
  const int64_t nb = batch1->size[0], n = batch1->size[1], k = batch1->size[2], m = batch2->size[2];
  const int64_t sizes[2] = {n, m};
  THTensor_(checkInput)("addbmm", t, 2, sizes);
  if (n * m > 0 && nb * k > 0 && THTensor_(shares)(r, batch1, batch2)) {
    THTensor *p = THTensor_(newWithSize2d)(n, m);
    THTensor_(zero)(p);
    THTensor_(addbmm)(p, 0, p, alpha, batch1, batch2);
    THTensor_(prepare)(r, beta, t, 2, sizes);
    THTensor_(accumulate)(r, beta, p);
    THTensor_(free)(p);
    return;
  }
  THTensor_(prepare)(r, beta, t, 2, sizes);
  if (n * m == 0) return;
  if (nb == 0 || k == 0) {
    THTensor_(scaleBy)(r, beta);
    return;
  }
  /* the sum accumulates in r: beta applies to the first batch only */
  THMat C = THTensor_(matOf)(r, 0);
  for (int64_t b = 0; b < nb; b++)
    THTensor_(gemmCore)(b == 0 ? beta : 1, alpha, C, THTensor_(matOf)(batch1, b), THTensor_(matOf)(batch2, b));
}

/* sum of x[i * incx] * y[i * incy] for i < n */
static accreal THTensor_(dotRaw)(int64_t n, const real *x, int64_t incx, const real *y, int64_t incy) {
#ifdef TH_BLAS_REAL
  if (THBlas_fits(n) && incx >= 1 && incy >= 1 && THBlas_fits(incx) && THBlas_fits(incy))
    return THBlas_(dot)(n, x, incx, y, incy);
#endif
  accreal s = 0;
  if (incx == 1 && incy == 1) {
#pragma omp parallel for reduction(+ : s) if (n >= TH_OMP_OVERHEAD_THRESHOLD * 8) num_threads(THGetNumThreads())
    for (int64_t i = 0; i < n; i++) s += (accreal)x[i] * y[i];
  } else {
    for (int64_t i = 0; i < n; i++) s += (accreal)x[i * incx] * y[i * incy];
  }
  return s;
}

#endif /* !TH_REAL_IS_HALF */

/* dot's operands as (pointer, increment): a 1-D tensor as it is, a contiguous one flat, anything
 * else through a contiguous copy left in *copy for the caller to free. */
static const real *THTensor_(flatView)(THTensor *t, int64_t *inc, THTensor **copy) {
  *copy = NULL;
  if (t->nDimension == 1) {
    *inc = t->stride[0];
  } else {
    if (!THTensor_(isContiguous)(t)) t = *copy = THTensor_(newContiguous)(t);
    *inc = 1;
  }
  return (const real *)THTensor_(data)(t);
}

accreal THTensor_(dot)(THTensor *t, THTensor *src) {
  THTensor_(checkDot)(t, src);
  const int64_t n = THTensor_(nElement)(t);
  if (n == 0) return 0;
  THTensor *ct, *cs;
  int64_t it, is;
  const real *x = THTensor_(flatView)(t, &it, &ct);
  const real *y = THTensor_(flatView)(src, &is, &cs);
#if defined(TH_REAL_IS_HALF)
  float s = 0; /* Half accumulates in float */
  for (int64_t i = 0; i < n; i++) s += (float)x[i * it] * (float)y[i * is];
#else
  accreal s = THTensor_(dotRaw)(n, x, it, y, is);
#endif
  if (ct) THTensor_(free)(ct);
  if (cs) THTensor_(free)(cs);
  return s;
}

#if defined(TH_REAL_IS_HALF)
/* Half products: the operands are converted to float, the product computed by the Float
 * functions (OpenBLAS), and the result rounded to half once, as PyTorch does on the CPU.  The
 * arguments are checked here first so the Float call cannot raise with conversions pending. */

static THFloatTensor *THTensor_(toFloat)(THTensor *t) {
  THFloatTensor *f = THFloatTensor_newWithSize(t->nDimension, t->size);
  THFloatTensor_copyHalf(f, t);
  return f;
}

/* beta's operand in float: t's values, or (beta == 0: ignored) an uninitialised tensor. */
static THFloatTensor *THTensor_(betaFloat)(real beta, THTensor *t) {
  return beta != 0 ? THTensor_(toFloat)(t) : THFloatTensor_newWithSize(t->nDimension, t->size);
}

/* r (resized to f's shape unless it has it) = f rounded to half; frees f. */
static void THTensor_(takeFloat)(THTensor *r, THFloatTensor *f) {
  if (!THTensor_(isSize)(r, f->nDimension, f->size)) THTensor_(resizeNd)(r, f->nDimension, f->size, NULL);
  if (THFloatTensor_nElement(f) > 0) THTensor_(copyFloat)(r, f);
  THFloatTensor_free(f);
}

/* OP(r, beta, t, alpha, a, b) through float */
#define TH_HALF_ADD_OP(OP, CHECK, NDIM, ...)                                                           \
  void THTensor_(OP)(THTensor * r, real beta, THTensor * t, real alpha, THTensor * a, THTensor * b) { \
    CHECK;                                                                                          \
    const int64_t sizes[] = {__VA_ARGS__};                                                          \
    THTensor_(checkInput)(#OP, t, NDIM, sizes);                                                     \
    THFloatTensor *ft = THTensor_(betaFloat)(beta, t), *fa = THTensor_(toFloat)(a), *fb = THTensor_(toFloat)(b); \
    THFloatTensor_##OP(ft, (float)beta, ft, (float)alpha, fa, fb);                                  \
    THFloatTensor_free(fa);                                                                         \
    THFloatTensor_free(fb);                                                                         \
    THTensor_(takeFloat)(r, ft);                                                                    \
  }

TH_HALF_ADD_OP(addmm, THTensor_(checkMm)("addmm", a, b), 2, a->size[0], b->size[1])
TH_HALF_ADD_OP(addmv, THTensor_(checkMv)("addmv", a, b), 1, a->size[0])
TH_HALF_ADD_OP(addr, THTensor_(checkR)("addr", a, b), 2, a->size[0], b->size[0])
TH_HALF_ADD_OP(addbmm, THTensor_(checkBmm)("addbmm", a, b), 2, a->size[1], b->size[2])
TH_HALF_ADD_OP(baddbmm, THTensor_(checkBmm)("baddbmm", a, b), 3, a->size[0], a->size[1], b->size[2])
#undef TH_HALF_ADD_OP

/* OP(r, a, b) through float */
#define TH_HALF_OP(OP, CHECK)                                                                     \
  void THTensor_(OP)(THTensor * r, THTensor * a, THTensor * b) {                                  \
    CHECK;                                                                                        \
    THFloatTensor *fa = THTensor_(toFloat)(a), *fb = THTensor_(toFloat)(b), *fr = THFloatTensor_new(); \
    THFloatTensor_##OP(fr, fa, fb);                                                               \
    THFloatTensor_free(fa);                                                                       \
    THFloatTensor_free(fb);                                                                       \
    THTensor_(takeFloat)(r, fr);                                                                  \
  }

TH_HALF_OP(mm, THTensor_(checkMm)("mm", a, b))
TH_HALF_OP(mv, THTensor_(checkMv)("mv", a, b))
TH_HALF_OP(bmm, THTensor_(checkBmm)("bmm", a, b))
TH_HALF_OP(ger, THTensor_(checkR)("outer", a, b))
#undef TH_HALF_OP
#endif /* TH_REAL_IS_HALF */

#undef THMat
#ifdef TH_BLAS_REAL
#undef TH_BLAS_REAL
#undef THBlas_
#endif

#endif /* !TH_REAL_IS_BOOLEAN */

#endif
