#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorSort.h"
#else
/* Sorting and selection along a dim.  Dims are 0-based and already wrapped by the bindings
 * (0 <= dim < ndim, or dim 0 for a 0-d tensor, which is then a single row of one element); a bad
 * dim raises IndexError.  The input may have any strides (a transposed or expanded view is read in
 * place: no caller transposes).  Results are resized by the op and come out contiguous; an output
 * that shares the input's storage is filled through a temporary, so in-place use is safe.
 *
 * Order: PyTorch's.  NaN sorts as greater than every number (last ascending, first descending),
 * -0.0 equals 0.0, and equal elements keep their original order (every sort here is stable: the
 * `stable` flag is accepted for the API and changes nothing).  Selections (topk, kthvalue,
 * median) break ties between equal values by position too, so their indices are deterministic.
 * Independent rows run on OpenMP threads for large inputs. */

/* values / indices (t's shape) = t sorted along dim, and the position in t of each value.
 * Either output may be NULL when not wanted (argsort passes values NULL). */
TH_API void THTensor_(sort)(THTensor *values, THLongTensor *indices, THTensor *t, int dim, int descending,
                            int stable);
/* values / indices (t's shape without dim, or with size 1 there if keepdim) = the most frequent
 * value along dim (ties -> the smallest value; each NaN counts as a value of its own) and the last
 * position holding it.  IndexError when dim has size 0. */
TH_API void THTensor_(mode)(THTensor *values, THLongTensor *indices, THTensor *t, int dim, int keepdim);
/* Over the flattened t: values (1-D) = its distinct elements in ascending order (each NaN distinct,
 * -0.0 equal to 0.0), inverse (t's shape) = the position in values of each element of t, counts
 * (1-D, values' length) = how often each occurs.  inverse and counts may be NULL. */
TH_API void THTensor_(unique)(THTensor *values, THLongTensor *inverse, THLongTensor *counts, THTensor *t);
/* The same for runs of equal consecutive elements of the flattened t (no sorting): values = the
 * first element of each run, inverse = the run of each element, counts = the run lengths. */
TH_API void THTensor_(uniqueConsecutive)(THTensor *values, THLongTensor *inverse, THLongTensor *counts,
                                         THTensor *t);

#if !defined(TH_REAL_IS_BOOLEAN)
/* values / indices (t's shape with size k along dim) = the k largest (largest == 0: smallest)
 * elements along dim, in sorted order (largest first for largest != 0) when sorted != 0, in an
 * unspecified order otherwise.  NaN counts as the largest value.  Needs 0 <= k <= size of dim
 * ("topk: expected k in [0, 5], but got 7").  A scan keeping the best k serves small k; larger k
 * use quickselect; no full sort either way.  Either output may be NULL. */
TH_API void THTensor_(topk)(THTensor *values, THLongTensor *indices, THTensor *t, int64_t k, int dim, int largest,
                            int sorted);
/* values / indices (t's shape without dim, or size 1 there if keepdim) = the k-th smallest element
 * along dim, k 1-based (1 <= k <= size of dim; NaN is the largest value).  IndexError when dim has
 * size 0. */
TH_API void THTensor_(kthvalue)(THTensor *values, THLongTensor *indices, THTensor *t, int64_t k, int dim,
                                int keepdim);
/* The lower median along dim (the ((n - 1) / 2 + 1)-th smallest), as torch.median: a row holding
 * a NaN gives NaN and the position of its first NaN.  IndexError when dim has size 0. */
TH_API void THTensor_(median)(THTensor *values, THLongTensor *indices, THTensor *t, int dim, int keepdim);
/* The lower median of all elements (NaN if any is NaN).  An empty tensor gives NaN for floating
 * types and raises for integer ones. */
TH_API real THTensor_(medianall)(THTensor *t);
#endif

#if defined(TH_REAL_IS_FLOATING)
/* As median / medianall, ignoring NaNs (NaN only where a row holds nothing else). */
TH_API void THTensor_(nanmedian)(THTensor *values, THLongTensor *indices, THTensor *t, int dim, int keepdim);
TH_API real THTensor_(nanmedianall)(THTensor *t);
#endif

#endif
