#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorShape.h"
#else
/* Joining, triangles, diagonals and filled ranges.  Each op resizes r itself (r keeps its layout
 * when it already has the result's size); dims arrive already wrapped (0-based, non-negative).
 * Ops that make no sense for Bool (arange, range, linspace, logspace, cross) exist for every type
 * but raise TypeError for Bool, as PyTorch does. */

/* r = inputs[0..numInputs) joined along dim (PyTorch's cat; 1-D inputs of size 0 are skipped,
 * and if every input is skipped r is [0]).  r must not share memory with an input. */
TH_API void THTensor_(catArray)(THTensor *r, THTensor **inputs, int numInputs, int dim);
/* r = a and b joined along dim (catArray of two inputs). */
TH_API void THTensor_(cat)(THTensor *r, THTensor *a, THTensor *b, int dim);

/* r = t with the elements above diagonal k of its last two dims zeroed (kept: col - row <= k). */
TH_API void THTensor_(tril)(THTensor *r, THTensor *t, int64_t k);
/* r = t with the elements below diagonal k of its last two dims zeroed (kept: col - row >= k). */
TH_API void THTensor_(triu)(THTensor *r, THTensor *t, int64_t k);

/* 1-D t: r = the square matrix with t on diagonal k and zeros elsewhere; 2-D t: r = the 1-D
 * diagonal k of t (empty when k is past the edge).  r must not share memory with t. */
TH_API void THTensor_(diag)(THTensor *r, THTensor *t, int64_t k);
/* r = the [n, m] matrix with ones on its main diagonal (n, m >= 0). */
TH_API void THTensor_(eye)(THTensor *r, int64_t n, int64_t m);

/* r = [start, start + step, ...) up to end excluded (torch.arange); r[i] = start + i*step. */
TH_API void THTensor_(arange)(THTensor *r, accreal start, accreal end, accreal step);
/* r = [start, start + step, ...] up to end included (the deprecated torch.range). */
TH_API void THTensor_(range)(THTensor *r, accreal start, accreal end, accreal step);
/* r = steps values evenly spaced from start to end included (torch.linspace). */
TH_API void THTensor_(linspace)(THTensor *r, accreal start, accreal end, int64_t steps);
/* r = base ** linspace(start, end, steps) (torch.logspace). */
TH_API void THTensor_(logspace)(THTensor *r, accreal start, accreal end, int64_t steps, double base);

/* r = the cross product of a and b (same shape, size 3 along dim) along dim. */
TH_API void THTensor_(cross)(THTensor *r, THTensor *a, THTensor *b, int dim);

#endif
