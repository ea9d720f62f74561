#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorReduce.h"
#else
/* Reductions.  Dims are 0-based and already wrapped by the bindings (0 <= dim < ndim, or dim 0
 * for a 0-d tensor, which then reduces to itself).  Dim reductions resize their results to the
 * input's sizes without dim (kept as size 1 when keepdim), laid out like a dense input; a result
 * may alias the input.  Sums and products accumulate in accreal (double for Float); NaNs propagate
 * through every reduction except all/any and logicalall/logicalany. */

/* Whole-tensor reductions (0 for an empty sum, 1 for an empty product). */
TH_API accreal THTensor_(sumall)(THTensor *t);
TH_API accreal THTensor_(prodall)(THTensor *t);
/* The largest / smallest element (NaN if any); raises on an empty tensor. */
TH_API real THTensor_(maxall)(THTensor *t);
TH_API real THTensor_(minall)(THTensor *t);
/* 1 if every element / some element is nonzero (1 / 0 for an empty tensor). */
TH_API int THTensor_(logicalall)(THTensor *t);
TH_API int THTensor_(logicalany)(THTensor *t);
/* Sum of the diagonal of a 2-D tensor. */
TH_API accreal THTensor_(trace)(THTensor *t);
/* 1 if a and b have the same shape and equal elements (NaN equals nothing), else 0. */
TH_API int THTensor_(equal)(THTensor *a, THTensor *b);

/* Along dim: r = sum / product over dim, of t's type (integers wrap; bindings widen first). */
TH_API void THTensor_(sum)(THTensor *r, THTensor *t, int dim, int keepdim);
TH_API void THTensor_(prod)(THTensor *r, THTensor *t, int dim, int keepdim);
/* Along dim: values and first indices of the largest / smallest elements (a NaN wins, the first
 * one); raises IndexError when dim has size 0. */
TH_API void THTensor_(max)(THTensor *values, THLongTensor *indices, THTensor *t, int dim, int keepdim);
TH_API void THTensor_(min)(THTensor *values, THLongTensor *indices, THTensor *t, int dim, int keepdim);
/* Along dim: the indices alone of max / min. */
TH_API void THTensor_(argmax)(THLongTensor *r, THTensor *t, int dim, int keepdim);
TH_API void THTensor_(argmin)(THLongTensor *r, THTensor *t, int dim, int keepdim);
/* Along dim: whether every / some element is nonzero (true / false over an empty dim). */
TH_API void THTensor_(all)(THBoolTensor *r, THTensor *t, int dim, int keepdim);
TH_API void THTensor_(any)(THBoolTensor *r, THTensor *t, int dim, int keepdim);
/* r (t's shape) = running sum / product along dim. */
TH_API void THTensor_(cumsum)(THTensor *r, THTensor *t, int dim);
TH_API void THTensor_(cumprod)(THTensor *r, THTensor *t, int dim);

#if defined(TH_REAL_IS_FLOATING)
/* Mean, variance and standard deviation (divided by n - 1 when unbiased; NaN when that is <= 0). */
TH_API accreal THTensor_(meanall)(THTensor *t);
TH_API accreal THTensor_(varall)(THTensor *t, int unbiased);
TH_API accreal THTensor_(stdall)(THTensor *t, int unbiased);
/* The p-norm of all elements: p = 0 counts nonzeros, +-INFINITY is the max / min of |x|. */
TH_API accreal THTensor_(normall)(THTensor *t, accreal p);
/* normall(a - b, p); a and b must have one shape. */
TH_API accreal THTensor_(dist)(THTensor *a, THTensor *b, accreal p);
TH_API void THTensor_(mean)(THTensor *r, THTensor *t, int dim, int keepdim);
/* Two-pass (mean, then squared deviations from it), so large means lose no precision. */
TH_API void THTensor_(var)(THTensor *r, THTensor *t, int dim, int unbiased, int keepdim);
TH_API void THTensor_(std)(THTensor *r, THTensor *t, int dim, int unbiased, int keepdim);
TH_API void THTensor_(norm)(THTensor *r, THTensor *t, accreal p, int dim, int keepdim);
/* r (t's shape) = t with each slice t.select(dim, i) whose p-norm exceeds maxnorm scaled by
 * maxnorm / (norm + 1e-7), as PyTorch; p > 0, maxnorm >= 0, t at least 2-D. */
TH_API void THTensor_(renorm)(THTensor *r, THTensor *t, accreal p, int dim, accreal maxnorm);
/* r (1-D, nbins, t's type) = counts of t's elements in nbins equal bins over [minvalue, maxvalue]
 * (the data's range when they are equal); elements outside (and NaN) are ignored, maxvalue goes
 * in the last bin. */
TH_API void THTensor_(histc)(THTensor *r, THTensor *t, int64_t nbins, accreal minvalue, accreal maxvalue);
#endif

#endif
