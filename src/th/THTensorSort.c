#include <math.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "THTensorMath.h"
#include "THTensorKernel.h"

#include "generic/THTensorDriver.h"
#include "THGenerateAllTypes.h"

/* Sorting works on packed integers: an element's order-preserving unsigned key in the high bits
 * and its position in the low bits.  All packed values of a row differ, so any sort of them is
 * stable, selections are deterministic, and comparing two elements is one integer compare. */
__extension__ typedef unsigned __int128 th_u128;

/* Rows of an op along dim: one per position of the other dims, in row-major order.  Operand 0 is
 * the source, 1 and 2 the outputs; each has its own strides over the other dims and along dim. */
typedef struct THSortGeom {
  int64_t rows, n;
  int nd;
  int64_t sizes[TH_MAX_DIMS];
  int64_t strides[3][TH_MAX_DIMS];
  int64_t dstride[3];
} THSortGeom;

/* str[k] (k < nops) holds operand k's stride for each of the source's ndim dims (an output that
 * drops dim gives any value there). */
static void th_sort_geom(THSortGeom *G, int ndim, const int64_t *sizes, int dim, int nops, const int64_t *str[3]) {
  G->nd = 0;
  G->rows = 1;
  G->n = ndim > 0 ? sizes[dim] : 1;
  for (int k = 0; k < 3; k++) G->dstride[k] = (k < nops && ndim > 0) ? str[k][dim] : 0;
  for (int d = 0; d < ndim; d++) {
    if (d == dim) continue;
    G->sizes[G->nd] = sizes[d];
    for (int k = 0; k < 3; k++) G->strides[k][G->nd] = k < nops ? str[k][d] : 0;
    G->rows *= sizes[d];
    G->nd++;
  }
}

static inline void th_sort_offsets(const THSortGeom *G, int64_t row, int64_t off[3]) {
  off[0] = off[1] = off[2] = 0;
  for (int d = G->nd - 1; d >= 0; d--) {
    const int64_t c = row % G->sizes[d];
    row /= G->sizes[d];
    off[0] += c * G->strides[0][d];
    off[1] += c * G->strides[1][d];
    off[2] += c * G->strides[2][d];
  }
}

/* Strides (indexed by the source's dims) of a contiguous result of sizes osizes that has either
 * the source's ndim dims (keep) or drops dim. */
static void th_sort_out_strides(const int64_t *osizes, int ondim, int ndim, int dim, int keep, int64_t *out) {
  int64_t cs[TH_MAX_DIMS];
  th_contiguous_strides(osizes, ondim, cs);
  for (int d = 0; d < ndim; d++) out[d] = keep ? cs[d] : d < dim ? cs[d] : d == dim ? 0 : cs[d - 1];
}

/* Sizes of a reduction along dim (size 1 there if keepdim); returns their count. */
static int th_sort_reduced_sizes(const int64_t *sizes, int ndim, int dim, int keepdim, int64_t *out) {
  int k = 0;
  for (int d = 0; d < ndim; d++)
    if (d != dim || keepdim) out[k++] = d == dim ? 1 : sizes[d];
  return k;
}

static inline int th_sort_threads(int64_t work, int64_t tasks) {
  if (work < TH_OMP_OVERHEAD_THRESHOLD || tasks < 2) return 1;
  const int nt = THGetNumThreads();
  return tasks < nt ? (int)tasks : nt;
}

static inline int th_sort_thread_id(void) {
#ifdef _OPENMP
  return omp_get_thread_num();
#else
  return 0;
#endif
}

/* th_sort_out_<Real>: the contiguous tensor of sizes an op writes, which is `out` resized unless
 * out shares the source's storage or is not contiguous (then a temporary, that
 * th_sort_finish_<Real> copies into out).  NULL stays NULL. */
#define TH_SORT_OUT(Real, real_t)                                                                          \
  static TH##Real##Tensor *th_sort_out_##Real(TH##Real##Tensor *out, const void *srcStorage, int ndim,      \
                                              const int64_t *sizes) {                                      \
    if (!out) return NULL;                                                                                 \
    if ((const void *)out->storage != srcStorage) {                                                        \
      if (!TH##Real##Tensor_isSize(out, ndim, sizes)) TH##Real##Tensor_resizeNd(out, ndim, sizes, NULL);   \
      if (TH##Real##Tensor_isContiguous(out)) return out;                                                  \
    }                                                                                                      \
    return TH##Real##Tensor_newWithSize(ndim, sizes);                                                      \
  }                                                                                                        \
  static void th_sort_finish_##Real(TH##Real##Tensor *out, TH##Real##Tensor *w) {                          \
    if (w == out) return;                                                                                  \
    if (!TH##Real##Tensor_isSameSizeAs(out, w)) TH##Real##Tensor_resizeNd(out, w->nDimension, w->size, NULL); \
    TH##Real##Tensor_copy(out, w);                                                                         \
    TH##Real##Tensor_free(w);                                                                              \
  }
TH_FORALL_TYPES(TH_SORT_OUT)
#undef TH_SORT_OUT

/* Rows shorter than this sort by comparisons (insertion sort, then quicksort); longer ones by an
 * LSD radix sort over the key bytes, which skips bytes all keys share. */
#define TH_SORT_INSERTION_MAX 24
#define TH_SORT_RADIX_MIN 512
/* A row this long sorted alone (fewer rows than threads) is split by its top key byte into
 * buckets that the threads sort in parallel. */
#define TH_SORT_SPLIT_MIN 65536
/* Sorting along an outer dim handles this many adjacent rows at once, while their scratch
 * (2 * TH_SORT_BLOCK * n packed values) stays under TH_SORT_BLOCK_ELEMS * 2 of them. */
#define TH_SORT_BLOCK 16
#define TH_SORT_BLOCK_ELEMS (1 << 18)
/* topk with k up to this keeps a sorted list of the best k while scanning the row once. */
#define TH_TOPK_SCAN_MAX 32
/* ... and splits a row this long across threads when there are fewer rows than threads. */
#define TH_TOPK_SPLIT_MIN 65536

/* What a row selection picks: the kth smallest, the lower median propagating NaN (torch.median), or
 * the lower median ignoring NaN (torch.nanmedian). */
enum { TH_SELECT_KTH = 0, TH_SELECT_MEDIAN = 1, TH_SELECT_NANMEDIAN = 2, TH_SELECT_MODE = 3 };

#include "generic/THTensorSort.c"
#include "THGenerateAllTypes.h"
