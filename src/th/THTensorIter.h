/* THTensorIter: the strided loop every elementwise kernel runs through.
 *
 * Operands share one shape (bindings broadcast with stride-0 expansion before calling).  The
 * iterator drops size-1 dims, orders the rest so the innermost has operand 0's smallest stride
 * (results follow their input's layout, so transposed inputs stream contiguously), and merges
 * dims that are contiguous with each other in every operand.  A kernel then sees runs of `n`
 * elements with one byte stride per operand; most runs of dense tensors are the whole tensor.
 * Large loops are split across OpenMP threads; kernels must not raise (check before running). */
#ifndef TH_TENSOR_ITER_INC
#define TH_TENSOR_ITER_INC

#include "THSizes.h"

#ifndef TH_CDEF
#define TH_ITER_MAX_OPERANDS 4

typedef void (*THIterKernel)(void *ctx, int64_t n, char **data, const int64_t *strides);

typedef struct THIter {
  int noperands;
  int ndim;      /* after dropping, ordering and merging; dim 0 is innermost */
  int64_t numel;
  int64_t sizes[TH_MAX_DIMS];
  int64_t strides[TH_ITER_MAX_OPERANDS][TH_MAX_DIMS]; /* in bytes */
  char *data[TH_ITER_MAX_OPERANDS];
} THIter;

/* strides[k] are operand k's element strides over `sizes`; elemsize[k] its element size. */
void THIter_init(THIter *it, int noperands, int ndim, const int64_t *sizes, char *const *data,
                 const int64_t *const *strides, const int64_t *elemsize);
/* Runs kernel over every element, on several threads when the loop is large enough. */
void THIter_run(const THIter *it, THIterKernel kernel, void *ctx);
/* Runs kernel over elements [begin, end) in iteration order, on the calling thread. */
void THIter_runRange(const THIter *it, int64_t begin, int64_t end, THIterKernel kernel, void *ctx);
#endif

#endif
