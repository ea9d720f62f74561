#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorLapack.c"
#else
#if defined(TH_REAL_IS_FLOAT) || defined(TH_REAL_IS_DOUBLE)

#if defined(TH_REAL_IS_DOUBLE)
#define TH_LAPACK(name) TH_LAPACK_D(name)
#else
#define TH_LAPACK(name) TH_LAPACK_S(name)
#endif

/* ---- helpers ------------------------------------------------------------------------------ */

/* Checks that t has at least 2 dims (and is square if `square`), and that its sizes fit LAPACK's
 * 32-bit integers. */
static void THTensor_(lapackCheckMatrix)(const char *op, const char *what, THTensor *t, int square) {
  char buf[256];
  if (t->nDimension < 2)
    THError("%s: expected %s to have at least 2 dimensions, but got a %d-d tensor of shape %s", op, what,
            t->nDimension, THFormatSizes(buf, sizeof buf, t->size, t->nDimension));
  int64_t m = t->size[t->nDimension - 2], n = t->size[t->nDimension - 1];
  if (square && m != n)
    THError("%s: expected %s to be a batch of square matrices, but got shape %s", op, what,
            THFormatSizes(buf, sizeof buf, t->size, t->nDimension));
  if (m > INT32_MAX / 2 || n > INT32_MAX / 2 || m * n > INT32_MAX)
    THError("%s: expected matrices LAPACK's 32-bit integers can index, but got shape %s", op,
            THFormatSizes(buf, sizeof buf, t->size, t->nDimension));
}

/* Checks that a and b have the same batch dims (all but the last two). */
static void THTensor_(lapackCheckBatch)(const char *op, THTensor *a, THTensor *b) {
  int same = a->nDimension == b->nDimension;
  for (int d = 0; same && d < a->nDimension - 2; d++) same = a->size[d] == b->size[d];
  if (!same) {
    char sa[256], sb[256];
    THError("%s: expected the inputs to have the same batch dimensions (broadcast them first), but got shapes %s "
            "and %s", op, THFormatSizes(sa, sizeof sa, a->size, a->nDimension),
            THFormatSizes(sb, sizeof sb, b->size, b->nDimension));
  }
}

static int64_t THTensor_(lapackBatchCount)(THTensor *t, int mdims) {
  int64_t n = 1;
  for (int d = 0; d < t->nDimension - mdims; d++) n *= t->size[d];
  return n;
}

/* A new uninitialised tensor of the given sizes whose matrices (last two dims) are column-major,
 * packed one after another: what LAPACK reads and writes in place. */
static THTensor *THTensor_(lapackNewColMajor)(int nd, const int64_t *sizes) {
  int64_t s[TH_MAX_DIMS];
  for (int d = 0; d < nd; d++) s[d] = sizes[d];
  s[nd - 2] = sizes[nd - 1];
  s[nd - 1] = sizes[nd - 2];
  THTensor *w = THTensor_(newWithSize)(nd, s);
  THTensor *v = THTensor_(newTranspose)(w, nd - 2, nd - 1);
  THTensor_(free)(w);
  return v;
}

/* A column-major copy of t's values. */
static THTensor *THTensor_(lapackCloneColMajor)(THTensor *t) {
  THTensor *w = THTensor_(lapackNewColMajor)(t->nDimension, t->size);
  THTensor_(copy)(w, t);
  return w;
}

/* A row-major (contiguous) copy of t's values: the column-major storage of each matrix's
 * transpose, which serves where the transpose will do (inverse, det, SVD, symmetric input). */
static THTensor *THTensor_(lapackCloneRowMajor)(THTensor *t) {
  THTensor *w = THTensor_(newWithSize)(t->nDimension, t->size);
  THTensor_(copy)(w, t);
  return w;
}

/* Whether t's memory is already laid out as lapackNewColMajor would (then a read-only operand
 * need not be copied). */
static int THTensor_(lapackIsColMajor)(THTensor *t) {
  int nd = t->nDimension;
  int64_t expect = 1;
  for (int k = 0; k < nd; k++) {
    int d = k == 0 ? nd - 2 : k == 1 ? nd - 1 : nd - 1 - k;
    if (t->size[d] != 1 && t->stride[d] != expect) return 0;
    expect *= t->size[d];
  }
  return 1;
}

/* Whether the n values at p are all finite. */
static int THTensor_(lapackFinite)(const real *p, int64_t n) {
  int ok = 1;
  for (int64_t i = 0; i < n; i++) ok &= isfinite(p[i]) != 0;
  return ok;
}

/* Raises (after the caller freed its temporaries) for a non-finite input. */
#define LAPACK_CHECK_FINITE(op, what, t, cleanup)                                                        \
  do {                                                                                                   \
    if (!THTensor_(lapackFinite)(DATA(t), THTensor_(nElement)(t))) {                          \
      cleanup;                                                                                           \
      THValueError("%s: expected %s without NaN or infinity, but got non-finite values", op, what);      \
    }                                                                                                    \
  } while (0)

/* "(Batch element i): " for a batched input, else "". */
static const char *THTensor_(lapackBatchPrefix)(char *buf, size_t len, THTensor *t, int mdims, int64_t i) {
  if (t->nDimension > mdims)
    snprintf(buf, len, "(Batch element %lld): ", (long long)i);
  else
    buf[0] = 0;
  return buf;
}

/* Raises "<op>: (Batch element i): <what>" for batch element `bad`, which LAPACK reported with
 * `info` (what: a format with one %d for it), after freeing the work tensors w1 and w2 (either may
 * be NULL). */
static void THTensor_(lapackFail)(const char *op, THTensor *a, int64_t bad, int info, THTensor *w1, THTensor *w2,
                                  const char *what) {
  char pre[64], msg[512];
  THTensor_(lapackBatchPrefix)(pre, sizeof pre, a, 2, bad);
  snprintf(msg, sizeof msg, what, info);
  if (w1) THTensor_(free)(w1);
  if (w2) THTensor_(free)(w2);
  THError("%s: %s%s", op, pre, msg);
}

static int THTensor_(lapackIsUpper)(const char *op, const char *uplo) {
  if (!uplo || (uplo[0] != 'U' && uplo[0] != 'u' && uplo[0] != 'L' && uplo[0] != 'l'))
    THError("%s: expected uplo to be \"U\" or \"L\", but got \"%s\"", op, uplo ? uplo : "(null)");
  return uplo[0] == 'U' || uplo[0] == 'u';
}

static int THTensor_(lapackFlag)(const char *op, const char *name, const char *v, char yes, char no) {
  if (!v || (toupper((unsigned char)v[0]) != yes && toupper((unsigned char)v[0]) != no))
    THError("%s: expected %s to be \"%c\" or \"%c\", but got \"%s\"", op, name, yes, no, v ? v : "(null)");
  return toupper((unsigned char)v[0]) == yes;
}

/* The matrix of a packed buffer. */
#define DATA(t) ((real *)THTensor_(data)(t))
#define MAT(t, i, msize) (DATA(t) + (i) * (msize))

static int THTensor_(lapackWorkSize)(real w) {
  return (int)w > 1 ? (int)w + 1 : 1;
}

/* Zeroes the strictly lower (upper = 1) or strictly upper (upper = 0) triangle of each n x n
 * row-major matrix of a packed batch. */
static void THTensor_(lapackZeroTriangle)(real *p, int64_t batch, int n, int keep_upper) {
  for (int64_t b = 0; b < batch; b++, p += (int64_t)n * n)
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++)
        if (keep_upper ? j < i : j > i) p[(int64_t)i * n + j] = 0;
}

/* ---- solving ------------------------------------------------------------------------------ */

void THTensor_(gesv)(THTensor *rb, THTensor *ra, THTensor *b, THTensor *a) {
  const char *op = "gesv";
  THTensor_(lapackCheckMatrix)(op, "A", a, 1);
  THTensor_(lapackCheckMatrix)(op, "B", b, 0);
  THTensor_(lapackCheckBatch)(op, a, b);
  int n = (int)a->size[a->nDimension - 1], k = (int)b->size[b->nDimension - 1];
  if (b->size[b->nDimension - 2] != n) {
    char sa[256], sb[256];
    THError("%s: expected B to have as many rows as A, but got shapes %s and %s", op,
            THFormatSizes(sa, sizeof sa, a->size, a->nDimension), THFormatSizes(sb, sizeof sb, b->size, b->nDimension));
  }
  THTensor *A = THTensor_(lapackCloneColMajor)(a), *X = THTensor_(lapackCloneColMajor)(b);
  LAPACK_CHECK_FINITE(op, "A", A, (THTensor_(free)(A), THTensor_(free)(X)));
  LAPACK_CHECK_FINITE(op, "B", X, (THTensor_(free)(A), THTensor_(free)(X)));
  int64_t batch = THTensor_(lapackBatchCount)(a, 2), bad = -1;
  int info = 0, lda = n > 1 ? n : 1;
  int *ipiv = n ? THAlloc(sizeof(int) * n) : NULL;
  if (n && k)
    for (int64_t i = 0; i < batch; i++) {
      TH_LAPACK(gesv)(&n, &k, MAT(A, i, (int64_t)n * n), &lda, ipiv, MAT(X, i, (int64_t)n * k), &lda, &info);
      if (info != 0) {
        bad = i;
        break;
      }
    }
  THFree(ipiv);
  if (bad >= 0)
    THTensor_(lapackFail)(op, a, bad, info, A, X,
                          "The diagonal element %d is zero, the solve could not be completed because the input matrix "
                          "is singular.");
  THTensor_(set)(rb, X);
  THTensor_(set)(ra, A);
  THTensor_(free)(X);
  THTensor_(free)(A);
}

void THTensor_(trtrs)(THTensor *rb, THTensor *ra, THTensor *b, THTensor *a, const char *uplo, const char *trans,
                      const char *diag) {
  const char *op = "trtrs";
  THTensor_(lapackCheckMatrix)(op, "A", a, 1);
  THTensor_(lapackCheckMatrix)(op, "B", b, 0);
  THTensor_(lapackCheckBatch)(op, a, b);
  char cu = THTensor_(lapackIsUpper)(op, uplo) ? 'U' : 'L';
  char ct = THTensor_(lapackFlag)(op, "trans", trans, 'T', 'N') ? 'T' : 'N';
  char cd = THTensor_(lapackFlag)(op, "diag", diag, 'U', 'N') ? 'U' : 'N';
  int n = (int)a->size[a->nDimension - 1], k = (int)b->size[b->nDimension - 1];
  if (b->size[b->nDimension - 2] != n) {
    char sa[256], sb[256];
    THError("%s: expected B to have as many rows as A, but got shapes %s and %s", op,
            THFormatSizes(sa, sizeof sa, a->size, a->nDimension), THFormatSizes(sb, sizeof sb, b->size, b->nDimension));
  }
  THTensor *A = THTensor_(lapackCloneColMajor)(a), *X = THTensor_(lapackCloneColMajor)(b);
  LAPACK_CHECK_FINITE(op, "A", A, (THTensor_(free)(A), THTensor_(free)(X)));
  LAPACK_CHECK_FINITE(op, "B", X, (THTensor_(free)(A), THTensor_(free)(X)));
  int64_t batch = THTensor_(lapackBatchCount)(a, 2), bad = -1;
  int info = 0, lda = n > 1 ? n : 1;
  if (n && k)
    for (int64_t i = 0; i < batch; i++) {
      TH_LAPACK(trtrs)(&cu, &ct, &cd, &n, &k, MAT(A, i, (int64_t)n * n), &lda, MAT(X, i, (int64_t)n * k), &lda, &info,
                       1, 1, 1);
      if (info != 0) {
        bad = i;
        break;
      }
    }
  if (bad >= 0)
    THTensor_(lapackFail)(op, a, bad, info, A, X,
                          "The diagonal element %d is zero, the triangular solve could not be completed because the "
                          "input matrix is singular.");
  THTensor_(set)(rb, X);
  THTensor_(set)(ra, A);
  THTensor_(free)(X);
  THTensor_(free)(A);
}

/* The column-major right-hand side buffer of gels / gelsd: [..., max(m, n), k] with B in its
 * first m rows. */
static THTensor *THTensor_(lapackLstsqRhs)(THTensor *b, int m, int n, int k) {
  int nd = b->nDimension;
  int64_t s[TH_MAX_DIMS];
  for (int d = 0; d < nd; d++) s[d] = b->size[d];
  s[nd - 2] = m > n ? m : n;
  THTensor *X = THTensor_(lapackNewColMajor)(nd, s);
  THTensor_(zero)(X);
  THTensor *top = THTensor_(newNarrow)(X, nd - 2, 0, m);
  THTensor_(copy)(top, b);
  THTensor_(free)(top);
  (void)k;
  return X;
}

static void THTensor_(lapackCheckLstsq)(const char *op, THTensor *a, THTensor *b) {
  THTensor_(lapackCheckMatrix)(op, "A", a, 0);
  THTensor_(lapackCheckMatrix)(op, "B", b, 0);
  THTensor_(lapackCheckBatch)(op, a, b);
  if (b->size[b->nDimension - 2] != a->size[a->nDimension - 2]) {
    char sa[256], sb[256];
    THError("%s: expected B to have as many rows as A, but got shapes %s and %s", op,
            THFormatSizes(sa, sizeof sa, a->size, a->nDimension), THFormatSizes(sb, sizeof sb, b->size, b->nDimension));
  }
}

void THTensor_(gels)(THTensor *rb, THTensor *ra, THTensor *b, THTensor *a) {
  const char *op = "gels";
  THTensor_(lapackCheckLstsq)(op, a, b);
  int m = (int)a->size[a->nDimension - 2], n = (int)a->size[a->nDimension - 1], k = (int)b->size[b->nDimension - 1];
  int mx = m > n ? m : n;
  THTensor *A = THTensor_(lapackCloneColMajor)(a), *X = THTensor_(lapackLstsqRhs)(b, m, n, k);
  LAPACK_CHECK_FINITE(op, "A", A, (THTensor_(free)(A), THTensor_(free)(X)));
  LAPACK_CHECK_FINITE(op, "B", X, (THTensor_(free)(A), THTensor_(free)(X)));
  int64_t batch = THTensor_(lapackBatchCount)(a, 2), bad = -1;
  int info = 0, lda = m > 1 ? m : 1, ldb = mx > 1 ? mx : 1, lwork = -1;
  char tr = 'N';
  if (m && n && k) {
    real wq = 0;
    TH_LAPACK(gels)(&tr, &m, &n, &k, MAT(A, 0, 0), &lda, MAT(X, 0, 0), &ldb, &wq, &lwork, &info, 1);
    lwork = THTensor_(lapackWorkSize)(wq);
    real *work = THAlloc(sizeof(real) * lwork);
    for (int64_t i = 0; i < batch; i++) {
      TH_LAPACK(gels)(&tr, &m, &n, &k, MAT(A, i, (int64_t)m * n), &lda, MAT(X, i, (int64_t)mx * k), &ldb, work, &lwork,
                      &info, 1);
      if (info != 0) {
        bad = i;
        break;
      }
    }
    THFree(work);
  }
  if (bad >= 0)
    THTensor_(lapackFail)(op, a, bad, info, A, X,
                          "The %d-th diagonal element of the triangular factor of A is zero, so A does not have full "
                          "rank; use a rank-revealing driver (gelsd).");
  THTensor_(set)(rb, X);
  THTensor_(set)(ra, A);
  THTensor_(free)(X);
  THTensor_(free)(A);
}

void THTensor_(gelsd)(THTensor *rb, THTensor *rs, THLongTensor *rrank, THTensor *b, THTensor *a, double rcond) {
  const char *op = "gelsd";
  THTensor_(lapackCheckLstsq)(op, a, b);
  int m = (int)a->size[a->nDimension - 2], n = (int)a->size[a->nDimension - 1], k = (int)b->size[b->nDimension - 1];
  int mx = m > n ? m : n, mn = m < n ? m : n;
  THTensor *A = THTensor_(lapackCloneColMajor)(a), *X = THTensor_(lapackLstsqRhs)(b, m, n, k);
  LAPACK_CHECK_FINITE(op, "A", A, (THTensor_(free)(A), THTensor_(free)(X)));
  LAPACK_CHECK_FINITE(op, "B", X, (THTensor_(free)(A), THTensor_(free)(X)));
  int nd = a->nDimension;
  int64_t bs[TH_MAX_DIMS];
  for (int d = 0; d < nd - 2; d++) bs[d] = a->size[d];
  bs[nd - 2] = mn;
  THTensor_(resizeNd)(rs, nd - 1, bs, NULL);
  THLongTensor_resizeNd(rrank, nd - 2, bs, NULL);
  int64_t batch = THTensor_(lapackBatchCount)(a, 2), bad = -1;
  int info = 0, lda = m > 1 ? m : 1, ldb = mx > 1 ? mx : 1, lwork = -1, rank = 0;
  real rc = (real)rcond;
  real *S = DATA(rs);
  int64_t *R = (int64_t *)THLongTensor_data(rrank);
  if (m && n) {
    real wq = 0;
    int iq = 0;
    int kk = k > 0 ? k : 1;
    TH_LAPACK(gelsd)(&m, &n, &kk, MAT(A, 0, 0), &lda, MAT(X, 0, 0), &ldb, S, &rc, &rank, &wq, &lwork, &iq, &info);
    lwork = THTensor_(lapackWorkSize)(wq);
    real *work = THAlloc(sizeof(real) * lwork);
    int *iwork = THAlloc(sizeof(int) * (iq > 1 ? iq : 1));
    for (int64_t i = 0; i < batch; i++) {
      TH_LAPACK(gelsd)(&m, &n, &k, MAT(A, i, (int64_t)m * n), &lda, MAT(X, i, (int64_t)mx * k), &ldb, S + i * mn, &rc,
                       &rank, work, &lwork, iwork, &info);
      R[i] = rank;
      if (info != 0) {
        bad = i;
        break;
      }
    }
    THFree(work);
    THFree(iwork);
  } else {
    for (int64_t i = 0; i < batch; i++) R[i] = 0;
  }
  if (bad >= 0)
    THTensor_(lapackFail)(op, a, bad, info, A, X,
                          "The SVD computation did not converge (%d off-diagonal elements of an intermediate "
                          "bidiagonal form did not converge to zero).");
  THTensor_(set)(rb, X);
  THTensor_(free)(X);
  THTensor_(free)(A);
}

/* ---- eigenvalues and SVD ------------------------------------------------------------------- */

void THTensor_(syev)(THTensor *re, THTensor *rv, THTensor *a, const char *jobz, const char *uplo) {
  const char *op = "syev";
  THTensor_(lapackCheckMatrix)(op, "A", a, 1);
  char cj = THTensor_(lapackFlag)(op, "jobz", jobz, 'V', 'N') ? 'V' : 'N';
  char cu = THTensor_(lapackIsUpper)(op, uplo) ? 'U' : 'L';
  int nd = a->nDimension, n = (int)a->size[nd - 1];
  THTensor *A = THTensor_(lapackCloneColMajor)(a);
  LAPACK_CHECK_FINITE(op, "A", A, THTensor_(free)(A));
  THTensor_(resizeNd)(re, nd - 1, a->size, NULL);
  int64_t batch = THTensor_(lapackBatchCount)(a, 2), bad = -1;
  int info = 0, lda = n > 1 ? n : 1;
  real *E = DATA(re);
  if (n) {
    real wq = 0;
    int iq = 0, lwork = -1, liwork = -1;
    TH_LAPACK(syevd)(&cj, &cu, &n, MAT(A, 0, 0), &lda, E, &wq, &lwork, &iq, &liwork, &info, 1, 1);
    lwork = THTensor_(lapackWorkSize)(wq);
    liwork = iq > 1 ? iq : 1;
    real *work = THAlloc(sizeof(real) * lwork);
    int *iwork = THAlloc(sizeof(int) * liwork);
    for (int64_t i = 0; i < batch; i++) {
      TH_LAPACK(syevd)(&cj, &cu, &n, MAT(A, i, (int64_t)n * n), &lda, E + i * n, work, &lwork, iwork, &liwork, &info,
                       1, 1);
      if (info != 0) {
        bad = i;
        break;
      }
    }
    THFree(work);
    THFree(iwork);
  }
  if (bad >= 0)
    THTensor_(lapackFail)(op, a, bad, info, A, NULL,
                          "The algorithm failed to converge because the input matrix is ill-conditioned or has too "
                          "many repeated eigenvalues (error code: %d).");
  if (cj == 'V')
    THTensor_(set)(rv, A);
  else
    THTensor_(resize1d)(rv, 0);
  THTensor_(free)(A);
}

void THTensor_(geev)(THTensor *re, THTensor *rv, THTensor *a, const char *jobvr) {
  const char *op = "geev";
  THTensor_(lapackCheckMatrix)(op, "A", a, 1);
  char cv = THTensor_(lapackFlag)(op, "jobvr", jobvr, 'V', 'N') ? 'V' : 'N', cl = 'N';
  int nd = a->nDimension, n = (int)a->size[nd - 1];
  THTensor *A = THTensor_(lapackCloneColMajor)(a);
  LAPACK_CHECK_FINITE(op, "A", A, THTensor_(free)(A));
  THTensor *V = cv == 'V' ? THTensor_(lapackNewColMajor)(nd, a->size) : NULL;
  int64_t es[TH_MAX_DIMS];
  for (int d = 0; d < nd - 1; d++) es[d] = a->size[d];
  es[nd - 1] = 2;
  THTensor_(resizeNd)(re, nd, es, NULL);
  int64_t batch = THTensor_(lapackBatchCount)(a, 2), bad = -1;
  int info = 0, lda = n > 1 ? n : 1, one = 1;
  real *E = DATA(re);
  if (n) {
    real wq = 0, dummy = 0;
    int lwork = -1;
    real *wr = THAlloc(sizeof(real) * 2 * n), *wi = wr + n;
    real *vr = V ? MAT(V, 0, 0) : &dummy;
    TH_LAPACK(geev)(&cl, &cv, &n, MAT(A, 0, 0), &lda, wr, wi, &dummy, &one, vr, V ? &lda : &one, &wq, &lwork, &info,
                    1, 1);
    lwork = THTensor_(lapackWorkSize)(wq);
    real *work = THAlloc(sizeof(real) * lwork);
    for (int64_t i = 0; i < batch; i++) {
      vr = V ? MAT(V, i, (int64_t)n * n) : &dummy;
      TH_LAPACK(geev)(&cl, &cv, &n, MAT(A, i, (int64_t)n * n), &lda, wr, wi, &dummy, &one, vr, V ? &lda : &one, work,
                      &lwork, &info, 1, 1);
      if (info != 0) {
        bad = i;
        break;
      }
      for (int j = 0; j < n; j++) {
        E[(i * n + j) * 2] = wr[j];
        E[(i * n + j) * 2 + 1] = wi[j];
      }
    }
    THFree(work);
    THFree(wr);
  }
  if (bad >= 0)
    THTensor_(lapackFail)(op, a, bad, info, A, V,
                          "The QR algorithm failed to compute all the eigenvalues (%d of them did not converge).");
  if (V) {
    THTensor_(set)(rv, V);
    THTensor_(free)(V);
  } else {
    THTensor_(resize1d)(rv, 0);
  }
  THTensor_(free)(A);
}

/* SVD through the transpose: a row-major copy of A [m, n] is the column-major A^T [n, m]; with
 * A^T = U' S V'^T, A = V' S U'^T, so LAPACK's V'^T (column-major k x m) read row-major is U
 * [m, k] and its U' (column-major n x k) read row-major is V^T [k, n]: both come out row-major
 * with no further copy.  driver 0: gesdd, 1: gesvd; job 'S', 'A' or 'N'. */
static void THTensor_(lapackSvd)(const char *op, THTensor *ru, THTensor *rs, THTensor *rv, THTensor *a, char job,
                                 int driver) {
  THTensor_(lapackCheckMatrix)(op, "A", a, 0);
  int nd = a->nDimension, m = (int)a->size[nd - 2], n = (int)a->size[nd - 1], k = m < n ? m : n;
  int ucols = job == 'A' ? m : k, vrows = job == 'A' ? n : k;
  THTensor *W = THTensor_(lapackCloneRowMajor)(a);
  LAPACK_CHECK_FINITE(op, "A", W, THTensor_(free)(W));
  int64_t s[TH_MAX_DIMS];
  for (int d = 0; d < nd - 2; d++) s[d] = a->size[d];
  s[nd - 2] = k;
  THTensor_(resizeNd)(rs, nd - 1, s, NULL);
  THTensor *U = NULL, *VT = NULL;
  if (job != 'N') {
    s[nd - 2] = m;
    s[nd - 1] = ucols;
    U = THTensor_(newWithSize)(nd, s);
    s[nd - 2] = vrows;
    s[nd - 1] = n;
    VT = THTensor_(newWithSize)(nd, s);
  }
  int64_t batch = THTensor_(lapackBatchCount)(a, 2), bad = -1;
  int info = 0, M = n, N = m, lda = M > 1 ? M : 1, ldu = M > 1 ? M : 1, ldvt = ucols > 1 ? ucols : 1, lwork = -1;
  real *S = DATA(rs), dummy = 0;
  if (k) {
    real wq = 0;
    int *iwork = driver == 0 ? THAlloc(sizeof(int) * 8 * k) : NULL;
    real *pu = U ? MAT(U, 0, 0) : &dummy, *pv = VT ? MAT(VT, 0, 0) : &dummy;
    /* LAPACK's U' is our V^T, its V'^T our U */
    if (driver == 0)
      TH_LAPACK(gesdd)(&job, &M, &N, MAT(W, 0, 0), &lda, S, pv, &ldu, pu, &ldvt, &wq, &lwork, iwork, &info, 1);
    else
      TH_LAPACK(gesvd)(&job, &job, &M, &N, MAT(W, 0, 0), &lda, S, pv, &ldu, pu, &ldvt, &wq, &lwork, &info, 1, 1);
    lwork = THTensor_(lapackWorkSize)(wq);
    real *work = THAlloc(sizeof(real) * lwork);
    for (int64_t i = 0; i < batch; i++) {
      pu = U ? MAT(U, i, (int64_t)m * ucols) : &dummy;
      pv = VT ? MAT(VT, i, (int64_t)vrows * n) : &dummy;
      if (driver == 0)
        TH_LAPACK(gesdd)(&job, &M, &N, MAT(W, i, (int64_t)m * n), &lda, S + i * k, pv, &ldu, pu, &ldvt, work, &lwork,
                         iwork, &info, 1);
      else
        TH_LAPACK(gesvd)(&job, &job, &M, &N, MAT(W, i, (int64_t)m * n), &lda, S + i * k, pv, &ldu, pu, &ldvt, work,
                         &lwork, &info, 1, 1);
      if (info != 0) {
        bad = i;
        break;
      }
    }
    THFree(work);
    THFree(iwork);
  } else if (job == 'A') {
    /* an empty matrix: the full U and V are identities */
    int64_t bu = THTensor_(lapackBatchCount)(U, 2);
    THTensor_(zero)(U);
    THTensor_(zero)(VT);
    for (int64_t i = 0; i < bu; i++) {
      for (int j = 0; j < m; j++) MAT(U, i, (int64_t)m * m)[(int64_t)j * m + j] = 1;
      for (int j = 0; j < n; j++) MAT(VT, i, (int64_t)n * n)[(int64_t)j * n + j] = 1;
    }
  }
  THTensor_(free)(W);
  if (bad >= 0)
    THTensor_(lapackFail)(op, a, bad, info, U, VT,
                          "The algorithm failed to converge because the input matrix is ill-conditioned or has too "
                          "many repeated singular values (error code: %d).");
  if (U) {
    THTensor_(set)(ru, U);
    THTensor_(transpose)(rv, VT, nd - 2, nd - 1);
    THTensor_(free)(U);
    THTensor_(free)(VT);
  } else {
    THTensor_(resize1d)(ru, 0);
    THTensor_(resize1d)(rv, 0);
  }
}

void THTensor_(gesdd)(THTensor *ru, THTensor *rs, THTensor *rv, THTensor *a, const char *some,
                      const char *compute_uv) {
  int reduced = THTensor_(lapackFlag)("gesdd", "some", some, 'S', 'A');
  int uv = THTensor_(lapackFlag)("gesdd", "compute_uv", compute_uv, 'V', 'N');
  THTensor_(lapackSvd)("gesdd", ru, rs, rv, a, !uv ? 'N' : reduced ? 'S' : 'A', 0);
}

void THTensor_(gesvd)(THTensor *ru, THTensor *rs, THTensor *rv, THTensor *a, const char *jobu) {
  char j = jobu ? (char)toupper((unsigned char)jobu[0]) : 0;
  if (j != 'S' && j != 'A' && j != 'N')
    THError("gesvd: expected jobu to be \"S\", \"A\" or \"N\", but got \"%s\"", jobu ? jobu : "(null)");
  THTensor_(lapackSvd)("gesvd", ru, rs, rv, a, j, 1);
}

/* ---- inverse and determinant ---------------------------------------------------------------- */

void THTensor_(getri)(THTensor *r, THTensor *a) {
  const char *op = "getri";
  THTensor_(lapackCheckMatrix)(op, "A", a, 1);
  /* inv(A)^T = inv(A^T): work on the row-major copy (column-major A^T) and the result is A^-1
   * row-major */
  THTensor *W = THTensor_(lapackCloneRowMajor)(a);
  LAPACK_CHECK_FINITE(op, "A", W, THTensor_(free)(W));
  int n = (int)a->size[a->nDimension - 1], info = 0, lda = n > 1 ? n : 1, lwork = -1;
  int64_t batch = THTensor_(lapackBatchCount)(a, 2), bad = -1;
  if (n) {
    int *ipiv = THAlloc(sizeof(int) * n);
    real wq = 0;
    TH_LAPACK(getri)(&n, MAT(W, 0, 0), &lda, ipiv, &wq, &lwork, &info);
    lwork = THTensor_(lapackWorkSize)(wq);
    real *work = THAlloc(sizeof(real) * lwork);
    for (int64_t i = 0; i < batch; i++) {
      real *p = MAT(W, i, (int64_t)n * n);
      TH_LAPACK(getrf)(&n, &n, p, &lda, ipiv, &info);
      if (info == 0) TH_LAPACK(getri)(&n, p, &lda, ipiv, work, &lwork, &info);
      if (info != 0) {
        bad = i;
        break;
      }
    }
    THFree(work);
    THFree(ipiv);
  }
  if (bad >= 0)
    THTensor_(lapackFail)(op, a, bad, info, W, NULL,
                          "The diagonal element %d is zero, the inversion could not be completed because the input "
                          "matrix is singular.");
  THTensor_(set)(r, W);
  THTensor_(free)(W);
}

/* LU of the row-major copies (det A^T = det A); for each matrix its sign and log|det| (and det
 * when pdet). */
static void THTensor_(lapackDet)(const char *op, THTensor *rsign, THTensor *rlog, THTensor *rdet, THTensor *a) {
  THTensor_(lapackCheckMatrix)(op, "A", a, 1);
  THTensor *W = THTensor_(lapackCloneRowMajor)(a);
  LAPACK_CHECK_FINITE(op, "A", W, THTensor_(free)(W));
  int nd = a->nDimension, n = (int)a->size[nd - 1], info = 0, lda = n > 1 ? n : 1;
  int64_t batch = THTensor_(lapackBatchCount)(a, 2);
  if (rsign) THTensor_(resizeNd)(rsign, nd - 2, a->size, NULL);
  if (rlog) THTensor_(resizeNd)(rlog, nd - 2, a->size, NULL);
  if (rdet) THTensor_(resizeNd)(rdet, nd - 2, a->size, NULL);
  int *ipiv = THAlloc(sizeof(int) * (n > 0 ? n : 1));
  for (int64_t i = 0; i < batch; i++) {
    real *p = MAT(W, i, (int64_t)n * n);
    if (n) TH_LAPACK(getrf)(&n, &n, p, &lda, ipiv, &info);
    double sign = 1, logabs = 0, prod = 1;
    for (int j = 0; j < n; j++) {
      double u = p[(int64_t)j * n + j];
      if (ipiv[j] != j + 1) sign = -sign;
      if (u < 0) sign = -sign;
      logabs += log(fabs(u));
      prod *= u;
    }
    if (n && info > 0) {
      sign = 0;
      logabs = -INFINITY;
      prod = 0;
    } else {
      prod = n ? (prod < 0 ? -prod : prod) * sign : 1;
    }
    if (rsign) DATA(rsign)[i] = (real)sign;
    if (rlog) DATA(rlog)[i] = (real)logabs;
    if (rdet) DATA(rdet)[i] = (real)prod;
  }
  THFree(ipiv);
  THTensor_(free)(W);
}

void THTensor_(det)(THTensor *r, THTensor *a) {
  THTensor_(lapackDet)("det", NULL, NULL, r, a);
}

void THTensor_(slogdet)(THTensor *rsign, THTensor *rlogabsdet, THTensor *a) {
  THTensor_(lapackDet)("slogdet", rsign, rlogabsdet, NULL, a);
}

/* ---- Cholesky ------------------------------------------------------------------------------- */

/* Row-major trick for the symmetric routines: the row-major copy of a matrix is the column-major
 * storage of its transpose, whose upper triangle is the original's lower one: pass the flipped
 * uplo and the result read row-major is in the triangle the caller asked for. */
void THTensor_(potrf)(THTensor *r, THTensor *a, const char *uplo) {
  const char *op = "potrf";
  THTensor_(lapackCheckMatrix)(op, "A", a, 1);
  int upper = THTensor_(lapackIsUpper)(op, uplo);
  char cu = upper ? 'L' : 'U';
  THTensor *W = THTensor_(lapackCloneRowMajor)(a);
  LAPACK_CHECK_FINITE(op, "A", W, THTensor_(free)(W));
  int n = (int)a->size[a->nDimension - 1], info = 0, lda = n > 1 ? n : 1;
  int64_t batch = THTensor_(lapackBatchCount)(a, 2), bad = -1;
  if (n)
    for (int64_t i = 0; i < batch; i++) {
      TH_LAPACK(potrf)(&cu, &n, MAT(W, i, (int64_t)n * n), &lda, &info, 1);
      if (info != 0) {
        bad = i;
        break;
      }
    }
  if (bad >= 0)
    THTensor_(lapackFail)(op, a, bad, info, W, NULL,
                          "The factorization could not be completed because the input is not positive-definite (the "
                          "leading minor of order %d is not positive-definite).");
  THTensor_(lapackZeroTriangle)(DATA(W), batch, n, upper);
  THTensor_(set)(r, W);
  THTensor_(free)(W);
}

void THTensor_(potrs)(THTensor *rb, THTensor *b, THTensor *a, const char *uplo) {
  const char *op = "potrs";
  THTensor_(lapackCheckMatrix)(op, "the factor", a, 1);
  THTensor_(lapackCheckMatrix)(op, "B", b, 0);
  THTensor_(lapackCheckBatch)(op, a, b);
  char cu = THTensor_(lapackIsUpper)(op, uplo) ? 'L' : 'U';
  int n = (int)a->size[a->nDimension - 1], k = (int)b->size[b->nDimension - 1];
  if (b->size[b->nDimension - 2] != n) {
    char sa[256], sb[256];
    THError("%s: expected B to have as many rows as the factor, but got shapes %s and %s", op,
            THFormatSizes(sa, sizeof sa, a->size, a->nDimension), THFormatSizes(sb, sizeof sb, b->size, b->nDimension));
  }
  THTensor *A = THTensor_(newContiguous)(a); /* read only: potrs does not write the factor */
  THTensor *X = THTensor_(lapackCloneColMajor)(b);
  LAPACK_CHECK_FINITE(op, "the factor", A, (THTensor_(free)(A), THTensor_(free)(X)));
  LAPACK_CHECK_FINITE(op, "B", X, (THTensor_(free)(A), THTensor_(free)(X)));
  int info = 0, lda = n > 1 ? n : 1;
  int64_t batch = THTensor_(lapackBatchCount)(a, 2);
  if (n && k)
    for (int64_t i = 0; i < batch; i++)
      TH_LAPACK(potrs)(&cu, &n, &k, MAT(A, i, (int64_t)n * n), &lda, MAT(X, i, (int64_t)n * k), &lda, &info, 1);
  THTensor_(set)(rb, X);
  THTensor_(free)(X);
  THTensor_(free)(A);
}

void THTensor_(potri)(THTensor *r, THTensor *a, const char *uplo) {
  const char *op = "potri";
  THTensor_(lapackCheckMatrix)(op, "the factor", a, 1);
  int upper = THTensor_(lapackIsUpper)(op, uplo);
  char cu = upper ? 'L' : 'U';
  THTensor *W = THTensor_(lapackCloneRowMajor)(a);
  LAPACK_CHECK_FINITE(op, "the factor", W, THTensor_(free)(W));
  int n = (int)a->size[a->nDimension - 1], info = 0, lda = n > 1 ? n : 1;
  int64_t batch = THTensor_(lapackBatchCount)(a, 2), bad = -1;
  if (n)
    for (int64_t i = 0; i < batch; i++) {
      TH_LAPACK(potri)(&cu, &n, MAT(W, i, (int64_t)n * n), &lda, &info, 1);
      if (info != 0) {
        bad = i;
        break;
      }
    }
  if (bad >= 0)
    THTensor_(lapackFail)(op, a, bad, info, W, NULL,
                          "The diagonal element %d of the factor is zero, the inversion could not be completed "
                          "because the input matrix is singular.");
  /* the inverse is in the row-major `uplo` triangle: mirror it */
  real *p = DATA(W);
  for (int64_t b = 0; b < batch; b++, p += (int64_t)n * n)
    for (int i = 0; i < n; i++)
      for (int j = 0; j < i; j++) {
        if (upper)
          p[(int64_t)i * n + j] = p[(int64_t)j * n + i];
        else
          p[(int64_t)j * n + i] = p[(int64_t)i * n + j];
      }
  THTensor_(set)(r, W);
  THTensor_(free)(W);
}

void THTensor_(pstrf)(THTensor *r, THIntTensor *rpiv, THTensor *a, const char *uplo, real tol) {
  const char *op = "pstrf";
  THTensor_(lapackCheckMatrix)(op, "A", a, 1);
  if (a->nDimension != 2) THError("%s: expected a 2-d matrix, but got a %d-d tensor", op, a->nDimension);
  int upper = THTensor_(lapackIsUpper)(op, uplo);
  char cu = upper ? 'L' : 'U';
  THTensor *W = THTensor_(lapackCloneRowMajor)(a);
  LAPACK_CHECK_FINITE(op, "A", W, THTensor_(free)(W));
  int n = (int)a->size[1], info = 0, lda = n > 1 ? n : 1, rank = 0;
  THIntTensor_resize1d(rpiv, n);
  int *piv = (int *)THIntTensor_data(rpiv);
  if (n) {
    real *work = THAlloc(sizeof(real) * 2 * n);
    TH_LAPACK(pstrf)(&cu, &n, DATA(W), &lda, piv, &rank, &tol, work, &info, 1);
    THFree(work);
  }
  if (info != 0) {
    THTensor_(free)(W);
    THError("%s: expected a positive semi-definite matrix of full rank, but got one of computed rank %d (of %d)", op,
            rank, n);
  }
  for (int j = 0; j < n; j++) piv[j] -= 1;
  THTensor_(lapackZeroTriangle)(DATA(W), 1, n, upper);
  THTensor_(set)(r, W);
  THTensor_(free)(W);
}

/* ---- QR --------------------------------------------------------------------------------------- */

void THTensor_(geqrf)(THTensor *ra, THTensor *rtau, THTensor *a) {
  const char *op = "geqrf";
  THTensor_(lapackCheckMatrix)(op, "A", a, 0);
  int nd = a->nDimension, m = (int)a->size[nd - 2], n = (int)a->size[nd - 1], k = m < n ? m : n;
  THTensor *A = THTensor_(lapackCloneColMajor)(a);
  LAPACK_CHECK_FINITE(op, "A", A, THTensor_(free)(A));
  int64_t s[TH_MAX_DIMS];
  for (int d = 0; d < nd - 2; d++) s[d] = a->size[d];
  s[nd - 2] = k;
  THTensor_(resizeNd)(rtau, nd - 1, s, NULL);
  int64_t batch = THTensor_(lapackBatchCount)(a, 2);
  int info = 0, lda = m > 1 ? m : 1, lwork = -1;
  real *tau = DATA(rtau);
  if (k) {
    real wq = 0;
    TH_LAPACK(geqrf)(&m, &n, MAT(A, 0, 0), &lda, tau, &wq, &lwork, &info);
    lwork = THTensor_(lapackWorkSize)(wq);
    real *work = THAlloc(sizeof(real) * lwork);
    for (int64_t i = 0; i < batch; i++)
      TH_LAPACK(geqrf)(&m, &n, MAT(A, i, (int64_t)m * n), &lda, tau + i * k, work, &lwork, &info);
    THFree(work);
  }
  THTensor_(set)(ra, A);
  THTensor_(free)(A);
}

void THTensor_(orgqr)(THTensor *r, THTensor *a, THTensor *tau) {
  const char *op = "orgqr";
  THTensor_(lapackCheckMatrix)(op, "A", a, 0);
  int nd = a->nDimension, m = (int)a->size[nd - 2], n = (int)a->size[nd - 1];
  char sa[256], st[256];
  int shape_ok = tau->nDimension == nd - 1;
  for (int d = 0; shape_ok && d < nd - 2; d++) shape_ok = tau->size[d] == a->size[d];
  if (!shape_ok)
    THError("%s: expected tau to have the batch dimensions of A and one more, but got shapes %s and %s", op,
            THFormatSizes(sa, sizeof sa, a->size, nd), THFormatSizes(st, sizeof st, tau->size, tau->nDimension));
  int k = (int)tau->size[nd - 2];
  if (!(m >= n && n >= k))
    THError("%s: expected A [..., m, n] and tau [..., k] with m >= n >= k, but got shapes %s and %s", op,
            THFormatSizes(sa, sizeof sa, a->size, nd), THFormatSizes(st, sizeof st, tau->size, tau->nDimension));
  THTensor *A = THTensor_(lapackCloneColMajor)(a);
  THTensor *T = THTensor_(newContiguous)(tau);
  LAPACK_CHECK_FINITE(op, "A", A, (THTensor_(free)(A), THTensor_(free)(T)));
  LAPACK_CHECK_FINITE(op, "tau", T, (THTensor_(free)(A), THTensor_(free)(T)));
  int64_t batch = THTensor_(lapackBatchCount)(a, 2);
  int info = 0, lda = m > 1 ? m : 1, lwork = -1;
  if (n) {
    real wq = 0;
    TH_LAPACK(orgqr)(&m, &n, &k, MAT(A, 0, 0), &lda, DATA(T), &wq, &lwork, &info);
    lwork = THTensor_(lapackWorkSize)(wq);
    real *work = THAlloc(sizeof(real) * lwork);
    for (int64_t i = 0; i < batch; i++)
      TH_LAPACK(orgqr)(&m, &n, &k, MAT(A, i, (int64_t)m * n), &lda, MAT(T, i, k), work, &lwork, &info);
    THFree(work);
  }
  THTensor_(free)(T);
  THTensor_(set)(r, A);
  THTensor_(free)(A);
}

void THTensor_(ormqr)(THTensor *r, THTensor *a, THTensor *tau, THTensor *c, const char *side, const char *trans) {
  const char *op = "ormqr";
  THTensor_(lapackCheckMatrix)(op, "A", a, 0);
  THTensor_(lapackCheckMatrix)(op, "C", c, 0);
  THTensor_(lapackCheckBatch)(op, a, c);
  char cs = THTensor_(lapackFlag)(op, "side", side, 'L', 'R') ? 'L' : 'R';
  char ct = THTensor_(lapackFlag)(op, "trans", trans, 'T', 'N') ? 'T' : 'N';
  int nd = a->nDimension, ma = (int)a->size[nd - 2], m = (int)c->size[nd - 2], n = (int)c->size[nd - 1];
  char sa[256], st[256], sc[256];
  int shape_ok = tau->nDimension == nd - 1;
  for (int d = 0; shape_ok && d < nd - 2; d++) shape_ok = tau->size[d] == a->size[d];
  int k = shape_ok ? (int)tau->size[nd - 2] : 0;
  int nq = cs == 'L' ? m : n;
  if (!shape_ok || ma != nq || k > nq || k > a->size[nd - 1])
    THError("%s: expected A [..., %s, >= k], tau [..., k] and C [..., m, n] with k <= %s, but got shapes %s, %s "
            "and %s", op, cs == 'L' ? "m" : "n", cs == 'L' ? "m" : "n", THFormatSizes(sa, sizeof sa, a->size, nd),
            THFormatSizes(st, sizeof st, tau->size, tau->nDimension), THFormatSizes(sc, sizeof sc, c->size, nd));
  THTensor *A = THTensor_(lapackCloneColMajor)(a); /* ormqr writes A (restoring it on exit) */
  THTensor *T = THTensor_(newContiguous)(tau);
  THTensor *C = THTensor_(lapackCloneColMajor)(c);
  LAPACK_CHECK_FINITE(op, "A", A, (THTensor_(free)(A), THTensor_(free)(T), THTensor_(free)(C)));
  LAPACK_CHECK_FINITE(op, "tau", T, (THTensor_(free)(A), THTensor_(free)(T), THTensor_(free)(C)));
  LAPACK_CHECK_FINITE(op, "C", C, (THTensor_(free)(A), THTensor_(free)(T), THTensor_(free)(C)));
  int64_t batch = THTensor_(lapackBatchCount)(a, 2), asz = (int64_t)ma * a->size[nd - 1];
  int info = 0, lda = ma > 1 ? ma : 1, ldc = m > 1 ? m : 1, lwork = -1;
  if (m && n && k) {
    real wq = 0;
    TH_LAPACK(ormqr)(&cs, &ct, &m, &n, &k, MAT(A, 0, 0), &lda, DATA(T), MAT(C, 0, 0), &ldc, &wq, &lwork,
                     &info, 1, 1);
    lwork = THTensor_(lapackWorkSize)(wq);
    real *work = THAlloc(sizeof(real) * lwork);
    for (int64_t i = 0; i < batch; i++)
      TH_LAPACK(ormqr)(&cs, &ct, &m, &n, &k, MAT(A, i, asz), &lda, MAT(T, i, k), MAT(C, i, (int64_t)m * n), &ldc, work,
                       &lwork, &info, 1, 1);
    THFree(work);
  }
  THTensor_(free)(A);
  THTensor_(free)(T);
  THTensor_(set)(r, C);
  THTensor_(free)(C);
}

/* ---- batched LU ------------------------------------------------------------------------------ */

/* LU without row interchanges (Doolittle, column-major m x n at p): returns LAPACK-style info. */
static int THTensor_(lapackLuNoPivot)(real *p, int m, int n) {
  int k = m < n ? m : n, info = 0;
  for (int j = 0; j < k; j++) {
    real d = p[(int64_t)j * m + j];
    if (d == 0) {
      if (!info) info = j + 1;
      continue;
    }
    for (int i = j + 1; i < m; i++) p[(int64_t)j * m + i] /= d;
    for (int c = j + 1; c < n; c++) {
      real f = p[(int64_t)c * m + j];
      if (f != 0)
        for (int i = j + 1; i < m; i++) p[(int64_t)c * m + i] -= p[(int64_t)j * m + i] * f;
    }
  }
  return info;
}

void THTensor_(btrifact)(THTensor *ra, THIntTensor *rpivots, THIntTensor *rinfo, int pivot, THTensor *a) {
  const char *op = "btrifact";
  THTensor_(lapackCheckMatrix)(op, "A", a, 0);
  int nd = a->nDimension, m = (int)a->size[nd - 2], n = (int)a->size[nd - 1], k = m < n ? m : n;
  THTensor *A = THTensor_(lapackCloneColMajor)(a);
  LAPACK_CHECK_FINITE(op, "A", A, THTensor_(free)(A));
  int64_t s[TH_MAX_DIMS];
  for (int d = 0; d < nd - 2; d++) s[d] = a->size[d];
  s[nd - 2] = k;
  THIntTensor_resizeNd(rpivots, nd - 1, s, NULL);
  if (rinfo) THIntTensor_resizeNd(rinfo, nd - 2, s, NULL);
  int64_t batch = THTensor_(lapackBatchCount)(a, 2), bad = -1;
  int *piv = (int *)THIntTensor_data(rpivots), lda = m > 1 ? m : 1, info = 0, bad_info = 0;
  for (int64_t i = 0; i < batch; i++) {
    real *p = MAT(A, i, (int64_t)m * n);
    info = 0;
    if (k && pivot) {
      TH_LAPACK(getrf)(&m, &n, p, &lda, piv + i * k, &info);
    } else {
      for (int j = 0; j < k; j++) piv[i * k + j] = j + 1;
      if (k) info = THTensor_(lapackLuNoPivot)(p, m, n);
    }
    if (rinfo) ((int *)THIntTensor_data(rinfo))[i] = info;
    if (info != 0 && bad < 0) {
      bad = i;
      bad_info = info;
    }
  }
  if (bad >= 0 && !rinfo)
    THTensor_(lapackFail)(op, a, bad, bad_info, A, NULL,
                          "The diagonal element %d is zero: U is singular (pass an info tensor to get the factors "
                          "anyway).");
  THTensor_(set)(ra, A);
  THTensor_(free)(A);
}

static void THTensor_(lapackLuSolve)(const char *op, THTensor *rb, THTensor *b, THTensor *atf, THIntTensor *pivots,
                                     char tr) {
  THTensor_(lapackCheckMatrix)(op, "LU", atf, 1);
  THTensor_(lapackCheckMatrix)(op, "B", b, 0);
  THTensor_(lapackCheckBatch)(op, atf, b);
  int nd = atf->nDimension, n = (int)atf->size[nd - 1], k = (int)b->size[nd - 1];
  char sa[256], sb[256];
  if (b->size[nd - 2] != n)
    THError("%s: expected B to have as many rows as LU, but got shapes %s and %s", op,
            THFormatSizes(sa, sizeof sa, atf->size, nd), THFormatSizes(sb, sizeof sb, b->size, nd));
  int shape_ok = pivots->nDimension == nd - 1;
  for (int d = 0; shape_ok && d < nd - 1; d++) shape_ok = pivots->size[d] == (d < nd - 2 ? atf->size[d] : n);
  if (!shape_ok)
    THError("%s: expected pivots of shape [..., n] matching LU, but got shapes %s and %s", op,
            THFormatSizes(sa, sizeof sa, atf->size, nd), THFormatSizes(sb, sizeof sb, pivots->size, pivots->nDimension));
  THIntTensor *P = THIntTensor_newContiguous(pivots);
  int64_t batch = THTensor_(lapackBatchCount)(atf, 2);
  const int *piv = (int *)THIntTensor_data(P);
  for (int64_t i = 0; i < batch * n; i++)
    if (piv[i] < 1 || piv[i] > n) {
      int bad = piv[i];
      THIntTensor_free(P);
      THError("%s: expected pivots in [1, %d] (LAPACK's 1-based row interchanges), but got %d", op, n, bad);
    }
  THTensor *A;
  if (THTensor_(lapackIsColMajor)(atf)) { /* getrs only reads LU */
    A = atf;
    THTensor_(retain)(A);
  } else {
    A = THTensor_(lapackCloneColMajor)(atf);
  }
  THTensor *X = THTensor_(lapackCloneColMajor)(b);
  LAPACK_CHECK_FINITE(op, "LU", A, (THTensor_(free)(A), THTensor_(free)(X), THIntTensor_free(P)));
  LAPACK_CHECK_FINITE(op, "B", X, (THTensor_(free)(A), THTensor_(free)(X), THIntTensor_free(P)));
  int info = 0, lda = n > 1 ? n : 1;
  if (n && k)
    for (int64_t i = 0; i < batch; i++)
      TH_LAPACK(getrs)(&tr, &n, &k, MAT(A, i, (int64_t)n * n), &lda, (int *)piv + i * n, MAT(X, i, (int64_t)n * k),
                       &lda, &info, 1);
  THIntTensor_free(P);
  THTensor_(free)(A);
  THTensor_(set)(rb, X);
  THTensor_(free)(X);
}

void THTensor_(btrisolve)(THTensor *rb, THTensor *b, THTensor *atf, THIntTensor *pivots) {
  THTensor_(lapackLuSolve)("btrisolve", rb, b, atf, pivots, 'N');
}

void THTensor_(getrs)(THTensor *rb, THTensor *b, THTensor *lu, THIntTensor *pivots, const char *trans) {
  int t = THTensor_(lapackFlag)("getrs", "trans", trans, 'T', 'N');
  THTensor_(lapackLuSolve)("getrs", rb, b, lu, pivots, t ? 'T' : 'N');
}

#undef MAT
#undef DATA
#undef LAPACK_CHECK_FINITE
#undef TH_LAPACK
#endif
#endif
