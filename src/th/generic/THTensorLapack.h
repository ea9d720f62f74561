#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorLapack.h"
#else
/* LAPACK-backed linear algebra, for Float and Double only.
 *
 * Every function takes batches: the last two dims are the matrix, any leading dims a batch that
 * LAPACK is looped over (operands of one call share their batch dims exactly; Python broadcasts
 * first).  Inputs are never modified; LAPACK works on copies.  Results are resized (and may be
 * made views of new storage: r == input is allowed, as in TH).  Matrix results that LAPACK
 * writes in column-major order are returned as column-major views (strides [..., 1, rows]) rather
 * than copied again.  Character flags are LAPACK's: uplo "U"/"L", trans "N"/"T", diag "N"/"U",
 * jobz "V"/"N".  Errors: bad shapes (RuntimeError), NaN or infinity in an input (ValueError),
 * a singular / not positive-definite matrix or non-convergence (RuntimeError), with "(Batch
 * element i): " before the reason when the input is batched. */
#if defined(TH_REAL_IS_FLOAT) || defined(TH_REAL_IS_DOUBLE)

/* A X = B.  rb = X [..., n, k]; ra = the LU factors of A (getrf's packed L and U, rows
 * interchanged by its pivots). */
TH_API void THTensor_(gesv)(THTensor *rb, THTensor *ra, THTensor *b, THTensor *a);
/* A X = B (or A^T X = B with trans "T") for triangular A.  rb = X; ra = a copy of A. */
TH_API void THTensor_(trtrs)(THTensor *rb, THTensor *ra, THTensor *b, THTensor *a, const char *uplo,
                             const char *trans, const char *diag);
/* Least squares min ||A X - B|| (m >= n) or the minimum-norm solution (m < n) for A of full rank
 * [..., m, n], B [..., m, k].  rb [..., max(m, n), k]: X in its first n rows (LAPACK's gels; for
 * m > n rows n.. hold the residual components); ra = A's QR / LQ factors. */
TH_API void THTensor_(gels)(THTensor *rb, THTensor *ra, THTensor *b, THTensor *a);
/* Minimum-norm least squares for A of any rank (LAPACK's gelsd, SVD based).  rb as in gels;
 * rs [..., min(m, n)] the singular values of A; rrank [...] the effective rank: singular values
 * <= rcond * the largest count as zero (rcond < 0: machine precision). */
TH_API void THTensor_(gelsd)(THTensor *rb, THTensor *rs, THLongTensor *rrank, THTensor *b, THTensor *a,
                             double rcond);
/* Eigenvalues (ascending, re [..., n]) and with jobz "V" eigenvectors (rv [..., n, n], column j
 * for value j) of the symmetric A, reading its uplo triangle.  jobz "N" leaves rv empty. */
TH_API void THTensor_(syev)(THTensor *re, THTensor *rv, THTensor *a, const char *jobz, const char *uplo);
/* Eigenvalues of a general A: re [..., n, 2] (real, imaginary parts); with jobvr "V" the right
 * eigenvectors rv [..., n, n] in LAPACK's real form (a complex pair j, j+1 stores the real part
 * of vector j in column j and its imaginary part in column j+1); jobvr "N" leaves rv empty. */
TH_API void THTensor_(geev)(THTensor *re, THTensor *rv, THTensor *a, const char *jobvr);
/* A = U diag(S) V^T by divide and conquer.  ru [..., m, k or m], rs [..., k], rv = V
 * [..., n, k or n] (a transposed view of V^T), k = min(m, n): some "S" gives the reduced forms,
 * "A" the full ones.  compute_uv "N": only rs, ru and rv are left empty. */
TH_API void THTensor_(gesdd)(THTensor *ru, THTensor *rs, THTensor *rv, THTensor *a, const char *some,
                             const char *compute_uv);
/* The same by LAPACK's gesvd (QR iteration: slower, never fails on hard inputs where gesdd may);
 * jobu "S" (reduced), "A" (full) or "N" (values only). */
TH_API void THTensor_(gesvd)(THTensor *ru, THTensor *rs, THTensor *rv, THTensor *a, const char *jobu);
/* The inverse of each square matrix: r = A^-1 (row-major contiguous). */
TH_API void THTensor_(getri)(THTensor *r, THTensor *a);
/* The determinant, and its sign and log of the absolute value, of each square matrix (results
 * have the batch shape).  A singular matrix gives det 0, sign 0 and logabsdet -inf. */
TH_API void THTensor_(det)(THTensor *r, THTensor *a);
TH_API void THTensor_(slogdet)(THTensor *rsign, THTensor *rlogabsdet, THTensor *a);
/* Cholesky factor of the symmetric positive-definite A: uplo "L": A = L L^T, r = L; "U":
 * A = U^T U, r = U (the other triangle zeroed).  Reads only that triangle of A. */
TH_API void THTensor_(potrf)(THTensor *r, THTensor *a, const char *uplo);
/* A X = B given A's Cholesky factor a (lower for uplo "L", upper for "U"): rb = X. */
TH_API void THTensor_(potrs)(THTensor *rb, THTensor *b, THTensor *a, const char *uplo);
/* A^-1 given A's Cholesky factor a (uplo as in potrs): r is the full symmetric inverse. */
TH_API void THTensor_(potri)(THTensor *r, THTensor *a, const char *uplo);
/* Pivoted Cholesky of a positive semi-definite 2-d A: uplo "U": A[piv][:, piv] = U^T U (r = U),
 * "L": = L L^T; rpiv the 0-based permutation; tol < 0: LAPACK's default tolerance.  Raises
 * when A is rank deficient or not positive semi-definite (as TH did). */
TH_API void THTensor_(pstrf)(THTensor *r, THIntTensor *rpiv, THTensor *a, const char *uplo, real tol);
/* QR in LAPACK's compact form: ra [..., m, n] holds R on and above the diagonal and the
 * Householder vectors below it; rtau [..., min(m, n)] their scalar factors. */
TH_API void THTensor_(geqrf)(THTensor *ra, THTensor *rtau, THTensor *a);
/* The m x n matrix Q with orthonormal columns made from geqrf's first k = tau's size reflectors
 * (a [..., m, n], m >= n >= k). */
TH_API void THTensor_(orgqr)(THTensor *r, THTensor *a, THTensor *tau);
/* r = op(Q) C (side "L") or C op(Q) (side "R"), op = identity (trans "N") or transpose ("T"),
 * with Q the product of geqrf's reflectors (a, tau), without forming Q. */
TH_API void THTensor_(ormqr)(THTensor *r, THTensor *a, THTensor *tau, THTensor *c, const char *side,
                             const char *trans);
/* Batched LU: ra = getrf's packed L and U of each [..., m, n] matrix, rpivots [..., min(m, n)]
 * its 1-based row interchanges, rinfo [...] LAPACK's info (i > 0: U(i, i) is exactly zero).
 * pivot 0 factors without row interchanges (pivots 1, 2, ...).  rinfo NULL: a singular matrix
 * raises instead. */
TH_API void THTensor_(btrifact)(THTensor *ra, THIntTensor *rpivots, THIntTensor *rinfo, int pivot, THTensor *a);
/* A X = B from btrifact's LU and pivots of A: rb = X. */
TH_API void THTensor_(btrisolve)(THTensor *rb, THTensor *b, THTensor *atf, THIntTensor *pivots);
/* The same, or A^T X = B with trans "T". */
TH_API void THTensor_(getrs)(THTensor *rb, THTensor *b, THTensor *lu, THIntTensor *pivots, const char *trans);

#endif
#endif
