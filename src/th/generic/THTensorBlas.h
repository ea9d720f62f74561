#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorBlas.h"
#else
/* Matrix and vector products (PyTorch semantics, classic TH signatures).
 *
 * Float and Double go through OpenBLAS; Half converts to float, computes and rounds once; the
 * integer types use TH's own blocked loops (wrapping on overflow, as PyTorch's CPU kernels do).
 * Bool has no products.  Every operand may have any strides: a transposed-contiguous matrix is
 * handed to BLAS as the transposed operand, and only layouts BLAS cannot take are copied.
 *
 * The add* forms compute r = beta * t + alpha * product, where t has exactly the result's shape
 * (any strides, including 0: broadcast in the caller).  r is resized to that shape unless it
 * already has it; r == t is in place.  beta == 0 ignores t entirely (NaN and Inf in t do not
 * propagate), as BLAS does.  A contraction over an empty dim gives beta * t.  r may share memory
 * with the factors: the product is then formed in a temporary first. */

#if !defined(TH_REAL_IS_BOOLEAN)
/* sum(t * src) over all elements; t and src have the same number of elements (any shapes). */
TH_API accreal THTensor_(dot)(THTensor *t, THTensor *src);
/* r = beta * t + alpha * (mat @ vec); mat [n, k], vec [k], t [n] */
TH_API void THTensor_(addmv)(THTensor *r, real beta, THTensor *t, real alpha, THTensor *mat, THTensor *vec);
/* r = beta * t + alpha * (m1 @ m2); m1 [n, k], m2 [k, m], t [n, m] */
TH_API void THTensor_(addmm)(THTensor *r, real beta, THTensor *t, real alpha, THTensor *m1, THTensor *m2);
/* r = beta * t + alpha * outer(vec1, vec2); vec1 [n], vec2 [m], t [n, m] */
TH_API void THTensor_(addr)(THTensor *r, real beta, THTensor *t, real alpha, THTensor *vec1, THTensor *vec2);
/* r = beta * t + alpha * sum_b batch1[b] @ batch2[b]; batch1 [B, n, k], batch2 [B, k, m], t [n, m] */
TH_API void THTensor_(addbmm)(THTensor *r, real beta, THTensor *t, real alpha, THTensor *batch1, THTensor *batch2);
/* r[b] = beta * t[b] + alpha * batch1[b] @ batch2[b]; t [B, n, m] */
TH_API void THTensor_(baddbmm)(THTensor *r, real beta, THTensor *t, real alpha, THTensor *batch1, THTensor *batch2);

/* The plain products (beta = 0 without an input tensor): r is resized to the result's shape,
 * contiguous unless it already has that shape. */
TH_API void THTensor_(mm)(THTensor *r, THTensor *m1, THTensor *m2);
TH_API void THTensor_(mv)(THTensor *r, THTensor *mat, THTensor *vec);
TH_API void THTensor_(bmm)(THTensor *r, THTensor *batch1, THTensor *batch2);
TH_API void THTensor_(ger)(THTensor *r, THTensor *vec1, THTensor *vec2);
#endif

#endif
