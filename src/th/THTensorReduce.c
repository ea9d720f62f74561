#include <math.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "THTensorMath.h"
#include "THTensorKernel.h"

#include "generic/THTensorDriver.h"
#include "THGenerateAllTypes.h"

/* How a dim reduction walks a dense source: as [outer][n][inner] in memory, n being the reduced
 * dim.  Its result holds outer * inner elements at memory offset o * inner + i, and sizes/strides
 * say where those sit in the result's (user-visible) dims.  Reading the source in memory order
 * rather than dim order lets a transposed input stream as fast as a contiguous one. */
typedef struct THReducePlan {
  int64_t outer, n, inner;
  int ndim;
  int64_t sizes[TH_MAX_DIMS], strides[TH_MAX_DIMS];
} THReducePlan;

/* Plans reducing dim (checked by the caller; kept with size 1 if keepdim) of a tensor that is
 * dense or empty.  A 0-d tensor reduces along its "dim 0" of size 1 to a 0-d result. */
static void th_reduce_plan(THReducePlan *P, const int64_t *sizes, const int64_t *strides, int ndim, int dim,
                           int keepdim) {
  int64_t numel = th_numel(sizes, ndim);
  P->ndim = 0;
  if (ndim == 0) {
    P->outer = P->n = P->inner = 1;
    return;
  }
  P->n = sizes[dim];
  for (int d = 0; d < ndim; d++) {
    if (d == dim && !keepdim) continue;
    P->sizes[P->ndim++] = d == dim ? 1 : sizes[d];
  }
  if (numel == 0) { /* nothing to read: the result, if not empty itself, is contiguous */
    P->outer = th_numel(P->sizes, P->ndim);
    P->inner = 1;
    th_contiguous_strides(P->sizes, P->ndim, P->strides);
    return;
  }
  if (P->n == 1) { /* the result is the source, element for element */
    P->outer = 1;
    P->inner = numel;
    int k = 0;
    for (int d = 0; d < ndim; d++)
      if (d != dim || keepdim) P->strides[k++] = d == dim ? 1 : strides[d];
    return;
  }
  /* Dense: dims finer than dim make up exactly strides[dim] elements, the coarser ones step over
   * whole [n][inner] blocks, which the result packs n times closer. */
  int64_t s = strides[dim];
  P->inner = s;
  P->outer = numel / (P->n * s);
  int k = 0;
  for (int d = 0; d < ndim; d++) {
    if (d == dim) {
      if (keepdim) P->strides[k++] = s;
    } else {
      P->strides[k++] = strides[d] < s ? strides[d] : strides[d] / P->n;
    }
  }
}

/* A plan whose result has the source's own shape and layout (for scans along dim). */
static void th_scan_plan(THReducePlan *P, const int64_t *sizes, const int64_t *strides, int ndim, int dim) {
  th_reduce_plan(P, sizes, strides, ndim, dim, 1);
  P->ndim = ndim;
  for (int d = 0; d < ndim; d++) P->sizes[d] = sizes[d];
  if (th_numel(sizes, ndim) == 0)
    th_contiguous_strides(sizes, ndim, P->strides);
  else
    for (int d = 0; d < ndim; d++) P->strides[d] = strides[d];
}

static int th_same_strides(const int64_t *sizes, const int64_t *a, const int64_t *b, int ndim) {
  for (int d = 0; d < ndim; d++)
    if (sizes[d] > 1 && a[d] != b[d]) return 0;
  return 1;
}

/* th_reduce_out_<Real>: where a kernel writes the result r of plan P.  That is r itself when r
 * can hold the plan's layout without touching the source (r is resized if its shape differs);
 * otherwise a temporary, set in *tmp, that th_reduce_finish_<Real> copies into r once the source
 * has been read (r may alias the source, even be it). */
#define TH_REDUCE_OUT(Real, real_t)                                                                        \
  static real_t *th_reduce_out_##Real(TH##Real##Tensor *r, const void *srcStorage, const THReducePlan *P, \
                                      TH##Real##Tensor **tmp) {                                            \
    *tmp = NULL;                                                                                           \
    if ((const void *)r->storage != srcStorage) {                                                          \
      if (!TH##Real##Tensor_isSize(r, P->ndim, P->sizes)) {                                                \
        TH##Real##Tensor_resizeNd(r, P->ndim, P->sizes, P->strides);                                       \
        return (real_t *)TH##Real##Tensor_data(r);                                                         \
      }                                                                                                    \
      if (th_same_strides(P->sizes, r->stride, P->strides, P->ndim)) return (real_t *)TH##Real##Tensor_data(r); \
    }                                                                                                      \
    *tmp = TH##Real##Tensor_new();                                                                         \
    TH##Real##Tensor_resizeNd(*tmp, P->ndim, P->sizes, P->strides);                                        \
    return (real_t *)TH##Real##Tensor_data(*tmp);                                                          \
  }                                                                                                        \
  static void th_reduce_finish_##Real(TH##Real##Tensor *r, TH##Real##Tensor *tmp) {                        \
    if (!tmp) return;                                                                                      \
    if (!TH##Real##Tensor_isSameSizeAs(r, tmp)) TH##Real##Tensor_resizeNd(r, tmp->nDimension, tmp->size, tmp->stride); \
    TH##Real##Tensor_copy(r, tmp);                                                                         \
    TH##Real##Tensor_free(tmp);                                                                            \
  }
TH_FORALL_TYPES(TH_REDUCE_OUT)
#undef TH_REDUCE_OUT

/* Threads for a loop over `work` elements split into `tasks` independent pieces. */
static inline int th_reduce_threads(int64_t work, int64_t tasks) {
  if (work < TH_OMP_OVERHEAD_THRESHOLD || tasks < 2) return 1;
  int nt = THGetNumThreads();
  return tasks < nt ? (int)tasks : nt;
}

/* Accumulator lanes of a contiguous reduction: independent chains the compiler keeps in vector
 * registers, so the loop runs at memory speed rather than at the latency of one add. */
#define TH_REDUCE_LANES 32
/* Columns a task of a streaming (acc[j] += x[k][j]) reduction owns: its accumulators stay in L1
 * while each row piece is a long contiguous read. */
#define TH_REDUCE_BLOCK 2048
/* Rows a streaming reduction folds into each accumulator per pass: acc is loaded and stored once
 * per that many rows, and that many row streams are read at once (measured best on AVX-512). */
#define TH_REDUCE_ROWS 8
/* Upper bound on the partial results of a range split across threads. */
#define TH_REDUCE_MAX_THREADS 256

#include "generic/THTensorReduce.c"
#include "THGenerateAllTypes.h"
