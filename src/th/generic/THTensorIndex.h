#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorIndex.h"
#else
/* Indexing.  Index tensors are Long, masks and conditions Bool; dims and indices are 0-based and
 * must already be wrapped (negative ones raise IndexError), shapes already broadcast.  Every index
 * value is range-checked before anything is written.  A 0-d tensor counts as one element along
 * dim 0 (PyTorch's rule).  Results r are resized by the op; a pre-shaped r keeps its layout, and r
 * may share memory with an input (the result is then computed aside and copied in). */

/* r = t.index_select(dim, index): index 0-d or 1-D; r has t's shape with size[dim] = index.numel(). */
TH_API void THTensor_(indexSelect)(THTensor *r, THTensor *t, int dim, THLongTensor *index);
/* t.index_copy_(dim, index, src): t[..., index[j], ...] = src[..., j, ...]; src has t's shape but
 * size[dim] = index.numel(); with duplicate indices the last j wins. */
TH_API void THTensor_(indexCopy)(THTensor *t, int dim, THLongTensor *index, THTensor *src);
/* t.index_add_(dim, index, src) with alpha 1: like indexCopy but accumulating (duplicates add up). */
TH_API void THTensor_(indexAdd)(THTensor *t, int dim, THLongTensor *index, THTensor *src);
/* t.index_fill_(dim, index, value): every slice t[..., index[j], ...] = value. */
TH_API void THTensor_(indexFill)(THTensor *t, int dim, THLongTensor *index, real value);

/* r = t.gather(dim, index): r has index's shape; r[..j..] = t[.., index[..j..], ..] along dim;
 * index has t's ndim and index.size(d) <= t.size(d) for d != dim. */
TH_API void THTensor_(gather)(THTensor *r, THTensor *t, int dim, THLongTensor *index);
/* t.scatter_(dim, index, src): t[.., index[..j..], ..] = src[..j..]; index has t's and src's ndim,
 * index.size(d) <= src.size(d) for all d and <= t.size(d) for d != dim; duplicates: last j wins. */
TH_API void THTensor_(scatter)(THTensor *t, int dim, THLongTensor *index, THTensor *src);
/* t.scatter_add_(dim, index, src): like scatter, accumulating into duplicate indices. */
TH_API void THTensor_(scatterAdd)(THTensor *t, int dim, THLongTensor *index, THTensor *src);
/* t.scatter_(dim, index, value): like scatter with every source element = value. */
TH_API void THTensor_(scatterFill)(THTensor *t, int dim, THLongTensor *index, real value);

/* t.masked_fill_(mask, value); mask has t's shape. */
TH_API void THTensor_(maskedFill)(THTensor *t, THBoolTensor *mask, real value);
/* t.masked_scatter_(mask, src): the k-th true position of mask (row-major) takes src's k-th element
 * (row-major); mask has t's shape, src any shape with at least as many elements as true entries. */
TH_API void THTensor_(maskedCopy)(THTensor *t, THBoolTensor *mask, THTensor *src);
/* r = t.masked_select(mask): 1-D, the elements of t where mask is true, in row-major order. */
TH_API void THTensor_(maskedSelect)(THTensor *r, THTensor *t, THBoolTensor *mask);

/* r = t.nonzero(): [count, t.ndim], the row-major coordinates of the nonzero elements (NaN counts
 * as nonzero) in row-major order; [count, 0] for a 0-d t. */
TH_API void THTensor_(nonzero)(THLongTensor *r, THTensor *t);

/* r = t.take(index): r has index's shape; r[i] = t.flatten()[index[i]], index in [0, t.numel()). */
TH_API void THTensor_(take)(THTensor *r, THTensor *t, THLongTensor *index);
/* t.put_(index, src, accumulate): t.flatten()[index[i]] = src.flatten()[i] (+= if accumulate, with
 * duplicates adding up); index and src have the same numel, any shapes. */
TH_API void THTensor_(put)(THTensor *t, THLongTensor *index, THTensor *src, int accumulate);

/* r = torch.where(condition, a, b), all three of one shape; r is resized like a. */
TH_API void THTensor_(where)(THTensor *r, THBoolTensor *condition, THTensor *a, THTensor *b);

#endif
