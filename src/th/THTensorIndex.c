/* Indexing: index_select/copy/add/fill, gather/scatter, masked ops, nonzero, take/put, where.
 *
 * The type-independent machinery lives here, before the generic file is instantiated:
 *
 * - Every op of the index_* and gather/scatter families is one loop shape: an outer iteration
 *   over every dim but `dim` (THIter, so any strides work and contiguous dims merge), and inside
 *   each outer element a loop over the index positions j along `dim`.  Exactly one tensor, the
 *   "indexed" one, is addressed through the index value (t in gather/index_select, self in
 *   scatter/index_copy); the others advance with j.  Distinct outer elements touch disjoint slices
 *   of the written tensor, so splitting the outer iteration across threads is race-free even when
 *   duplicate indices accumulate; gathers may also split j.
 * - Index values are range-checked in a separate read-only pass before anything is written,
 *   because kernels run inside OpenMP regions and must not raise. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "THTensorMath.h"
#include "THTensorKernel.h"

/* ---- geometry ---- */

/* A tensor's sizes and strides with a 0-d tensor seen as a 1-d tensor of one element, as PyTorch's
 * index ops do (ensure_nonempty_dim), so that `dim` 0 exists for scalars too. */
typedef struct THIndexGeom {
  int ndim;
  int dims; /* the tensor's own ndim, for messages */
  int64_t size[TH_MAX_DIMS];
  int64_t stride[TH_MAX_DIMS];
} THIndexGeom;

static void th_index_geom(THIndexGeom *g, int ndim, const int64_t *size, const int64_t *stride) {
  g->ndim = ndim ? ndim : 1;
  g->dims = ndim;
  g->size[0] = 1;
  g->stride[0] = 1;
  for (int d = 0; d < ndim; d++) {
    g->size[d] = size[d];
    g->stride[d] = stride[d];
  }
}
#define TH_INDEX_GEOM(g, T) th_index_geom(&(g), (T)->nDimension, (T)->size, (T)->stride)

/* Storage offset of the element at row-major position x of a tensor (take/put address a tensor as
 * if it were flattened without copying it). */
static inline int64_t th_linear_offset(int64_t x, int ndim, const int64_t *sizes, const int64_t *strides) {
  int64_t off = 0;
  for (int d = ndim - 1; d > 0; d--) {
    off += (x % sizes[d]) * strides[d];
    x /= sizes[d];
  }
  return ndim > 0 ? off + x * strides[0] : 0;
}

/* A row-major tensor of type Prefix with X's contents that shares no memory with storage `written`:
 * X itself when it can be, else a copy (an op must not read an input it is overwriting). */
#define TH_READABLE(Prefix, X, written)                                                        \
  ((const void *)(X)->storage == (const void *)(written) ? TH_CONCAT_2(Prefix, _newClone)(X) \
                                                          : TH_CONCAT_2(Prefix, _newContiguous)(X))

/* Whether tensors A and B (of any types) share a storage. */
#define TH_ALIASES(A, B) ((const void *)(A)->storage == (const void *)(B)->storage)

/* Raises unless the tensor called `what` has the shape (ndim, sizes) of the op's main tensor. */
static void th_check_shape(const char *op, const char *what, int ndim, const int64_t *sizes, int wndim,
                           const int64_t *wsizes) {
  int same = ndim == wndim;
  for (int d = 0; same && d < ndim; d++) same = sizes[d] == wsizes[d];
  if (!same) {
    char a[256], b[256];
    THError("%s: expected %s of shape %s (broadcast it first), but got %s", op, what,
            THFormatSizes(a, sizeof a, sizes, ndim), THFormatSizes(b, sizeof b, wsizes, wndim));
  }
}

/* gather/scatter: raises unless index (geometry ig) has the ndim of the tensor called `name`
 * (geometry g) and is no larger in every dim but `skip` (-1: in every dim). */
static void th_check_index_fits(const char *op, const THIndexGeom *ig, const char *name, const THIndexGeom *g,
                                int skip) {
  THArgCheck(ig->ndim == g->ndim, "%s: expected an index with as many dims as %s (%d), but got %d", op, name,
             g->ndim, ig->ndim);
  for (int d = 0; d < ig->ndim; d++) {
    if (d != skip && ig->size[d] > g->size[d]) {
      char a[256], b[256], which[32] = "";
      if (skip >= 0) snprintf(which, sizeof which, " != %d", skip);
      THError("%s: expected index.size(d) <= %s.size(d) for every dim d%s, but got index of shape %s and %s of shape %s",
              op, name, which, THFormatSizes(a, sizeof a, ig->size, ig->dims), name,
              THFormatSizes(b, sizeof b, g->size, g->dims));
    }
  }
}

/* ---- index range check ---- */

typedef struct {
  uint64_t bound;
  int bad;
  int64_t first;
} THIndexRange;

static void th_kIndexRange(void *vctx, int64_t n, char **d, const int64_t *s) {
  THIndexRange *c = vctx;
  const uint64_t bound = c->bound;
  int bad = 0;
  /* negative values wrap to huge unsigned ones, so one compare checks both ends */
  if (s[0] == sizeof(int64_t)) {
    const int64_t *p = (const int64_t *)d[0];
    for (int64_t i = 0; i < n; i++) bad |= (uint64_t)p[i] >= bound;
  } else {
    for (int64_t i = 0; i < n; i++) bad |= (uint64_t)(*(const int64_t *)(d[0] + i * s[0])) >= bound;
  }
  if (bad && !c->bad) {
    c->bad = 1;
    for (int64_t i = 0; i < n; i++) {
      int64_t x = *(const int64_t *)(d[0] + i * s[0]);
      if ((uint64_t)x >= bound) {
        c->first = x;
        break;
      }
    }
  }
}

/* Raises IndexError unless every element of index lies in [0, n).  Serial: it records the first
 * offender in a shared context, and a vectorised scan costs little next to the op itself. */
static void th_check_indices(const char *op, THLongTensor *index, int64_t n) {
  THIndexRange c = {(uint64_t)n, 0, 0};
  THIter it;
  char *data[1] = {TH_ITER_DATA(index, int64_t)};
  const int64_t *strides[1] = {index->stride};
  const int64_t es[1] = {sizeof(int64_t)};
  THIter_init(&it, 1, index->nDimension, index->size, data, strides, es);
  THIter_runRange(&it, 0, it.numel, th_kIndexRange, &c);
  if (c.bad) THIndexError("%s: expected indices in [0, %lld), but got %lld", op, (long long)n, (long long)c.first);
}

static void th_check_index_vector(const char *op, THLongTensor *index) {
  THIndexCheck(index->nDimension <= 1, "%s: expected a 0-d or 1-D index, but got a %d-D one", op, index->nDimension);
}

/* ---- the loop along dim ---- */

/* Operands of an index loop, in this order: 0 the written tensor, 1 the index, 2 the read tensor
 * (for fills, a copy of operand 0 that the kernel never reads). */
typedef struct THIndexOperand {
  char *data;
  const int64_t *strides; /* in elements, over the outer sizes */
  int64_t elemsize;
  int64_t dimStride; /* in elements, how the operand advances with j (0 for the indexed one) */
} THIndexOperand;

typedef struct THIndexLoop {
  int64_t jBegin, jEnd;
  int64_t dimStride[3]; /* in bytes */
  int64_t jump;         /* bytes the indexed operand moves per unit of index value */
  int jOuter;           /* loop over j outside the run of outer elements (see th_index_apply) */
  const void *value;    /* the fill value, a `real` */
} THIndexLoop;

/* A 1-D (or 0-d) index as an operand: the same index vector for every outer element. */
static THIndexOperand th_index_vector_operand(THLongTensor *index) {
  static const int64_t zeros[TH_MAX_DIMS];
  THIndexOperand op = {TH_ITER_DATA(index, int64_t), zeros, sizeof(int64_t), index->nDimension ? index->stride[0] : 0};
  return op;
}

/* An index of the operands' ndim (gather/scatter) as an operand. */
static THIndexOperand th_index_operand(THLongTensor *index, const THIndexGeom *g, int dim) {
  THIndexOperand op = {TH_ITER_DATA(index, int64_t), g->stride, sizeof(int64_t), g->stride[dim]};
  return op;
}

/* The number of true elements of a mask. */
static void th_kCountTrue(void *vctx, int64_t n, char **d, const int64_t *s) {
  int64_t c = 0;
  if (s[0] == sizeof(bool)) {
    const uint8_t *p = (const uint8_t *)d[0]; /* bytes: gcc does not vectorise sums of bools */
#pragma omp simd reduction(+ : c)
    for (int64_t i = 0; i < n; i++) c += p[i];
  } else {
    for (int64_t i = 0; i < n; i++) c += *(const bool *)(d[0] + i * s[0]);
  }
  *(int64_t *)vctx += c;
}

static int64_t th_count_true(THBoolTensor *mask) {
  int64_t count = 0;
  THIter it;
  char *data[1] = {TH_ITER_DATA(mask, bool)};
  const int64_t *strides[1] = {mask->stride};
  const int64_t es[1] = {sizeof(bool)};
  THIter_init(&it, 1, mask->nDimension, mask->size, data, strides, es);
  THIter_runRange(&it, 0, it.numel, th_kCountTrue, &count);
  return count;
}

/* Runs kernel over the outer elements (sizes with sizes[dim] ignored) and j in [0, K).
 * gatherLike: operand 2 is the indexed one and nothing is written through an index, so j may be
 * split across threads as well; otherwise operand 0 is indexed and only the outer elements are
 * split, which keeps accumulation into duplicate indices race-free. */
static void th_index_apply(THIterKernel kernel, int gatherLike, int ndim, const int64_t *sizes, int dim, int64_t K,
                           const THIndexOperand *ops, int64_t jump, const void *value) {
  int64_t outer[TH_MAX_DIMS];
  memcpy(outer, sizes, (size_t)ndim * sizeof(int64_t));
  outer[dim] = 1;
  THIter it;
  char *data[3] = {ops[0].data, ops[1].data, ops[2].data};
  const int64_t *strides[3] = {ops[0].strides, ops[1].strides, ops[2].strides};
  const int64_t es[3] = {ops[0].elemsize, ops[1].elemsize, ops[2].elemsize};
  THIter_init(&it, 3, ndim, outer, data, strides, es);
  const int64_t numel = it.numel;
  if (numel == 0 || K == 0) return;

  THIndexLoop L;
  L.jBegin = 0;
  L.jEnd = K;
  for (int k = 0; k < 3; k++) L.dimStride[k] = ops[k].dimStride * ops[k].elemsize;
  const int indexed = gatherLike ? 2 : 0;
  L.jump = jump * ops[indexed].elemsize;
  /* Visit memory in the order it is laid out: when the outer run is finer-grained than a step of
   * the index (index_select along dim 0: runs are rows), loop over j outside the run. */
  L.jOuter = llabs(it.strides[indexed][0]) < llabs(L.jump);
  L.value = value;

#ifdef _OPENMP
  int nthreads = THGetNumThreads();
  if (nthreads > 1 && numel * K >= TH_OMP_OVERHEAD_THRESHOLD && !omp_in_parallel()) {
    if (gatherLike && K > numel) {
#pragma omp parallel num_threads(nthreads)
      {
        int t = omp_get_thread_num(), nt = omp_get_num_threads();
        int64_t chunk = (K + nt - 1) / nt;
        THIndexLoop mine = L;
        mine.jBegin = (int64_t)t * chunk;
        mine.jEnd = mine.jBegin + chunk < K ? mine.jBegin + chunk : K;
        if (mine.jBegin < mine.jEnd) THIter_runRange(&it, 0, numel, kernel, &mine);
      }
    } else {
#pragma omp parallel num_threads(nthreads)
      {
        int t = omp_get_thread_num(), nt = omp_get_num_threads();
        int64_t chunk = (numel + nt - 1) / nt;
        int64_t b = (int64_t)t * chunk, e = b + chunk < numel ? b + chunk : numel;
        THIter_runRange(&it, b, e, kernel, &L);
      }
    }
    return;
  }
#endif
  THIter_runRange(&it, 0, numel, kernel, &L);
}

/* Defines a kernel for th_index_apply.  STMT updates *dp (operand 0) from *sp (operand 2) or v;
 * JD / JS (0 or 1) say whether operand 0 or operand 2 is the one moved by the index value.  The
 * common case of index_select/index_copy/index_add along a leading dim (the index is constant
 * over a contiguous run) is a plain row loop the compiler turns into memcpy or SIMD. */
#define TH_INDEX_KERNEL(NAME, JD, JS, STMT)                                                           \
  static void NAME(void *vctx, int64_t n, char **d, const int64_t *s) {                              \
    const THIndexLoop *L = vctx;                                                                      \
    const real v = *(const real *)L->value;                                                           \
    (void)v;                                                                                          \
    const int64_t ds0 = L->dimStride[0], ds1 = L->dimStride[1], ds2 = L->dimStride[2], jump = L->jump; \
    if (L->jOuter) {                                                                                  \
      for (int64_t j = L->jBegin; j < L->jEnd; j++) {                                                 \
        char *q0 = d[0] + j * ds0, *q1 = d[1] + j * ds1, *q2 = d[2] + j * ds2;                        \
        if (s[1] == 0) {                                                                              \
          const int64_t off = *(const int64_t *)q1 * jump;                                            \
          real *D0 = (real *)(q0 + JD * off);                                                         \
          const real *S0 = (const real *)(q2 + JS * off);                                             \
          if (s[0] == sizeof(real) && s[2] == sizeof(real)) {                                         \
            real *restrict D = D0;                                                                    \
            const real *restrict S = S0;                                                              \
            for (int64_t i = 0; i < n; i++) {                                                         \
              real *dp = D + i;                                                                       \
              const real *sp = S + i;                                                                 \
              (void)sp;                                                                               \
              STMT;                                                                                   \
            }                                                                                         \
          } else {                                                                                    \
            for (int64_t i = 0; i < n; i++) {                                                         \
              real *dp = (real *)((char *)D0 + i * s[0]);                                             \
              const real *sp = (const real *)((const char *)S0 + i * s[2]);                           \
              (void)sp;                                                                               \
              STMT;                                                                                   \
            }                                                                                         \
          }                                                                                           \
        } else {                                                                                      \
          for (int64_t i = 0; i < n; i++) {                                                           \
            const int64_t off = *(const int64_t *)(q1 + i * s[1]) * jump;                             \
            real *dp = (real *)(q0 + i * s[0] + JD * off);                                            \
            const real *sp = (const real *)(q2 + i * s[2] + JS * off);                                \
            (void)sp;                                                                                 \
            STMT;                                                                                     \
          }                                                                                           \
        }                                                                                             \
      }                                                                                               \
    } else {                                                                                          \
      for (int64_t i = 0; i < n; i++) {                                                               \
        char *q0 = d[0] + i * s[0], *q1 = d[1] + i * s[1], *q2 = d[2] + i * s[2];                     \
        for (int64_t j = L->jBegin; j < L->jEnd; j++) {                                               \
          const int64_t off = *(const int64_t *)(q1 + j * ds1) * jump;                                \
          real *dp = (real *)(q0 + j * ds0 + JD * off);                                               \
          const real *sp = (const real *)(q2 + j * ds2 + JS * off);                                   \
          (void)sp;                                                                                   \
          STMT;                                                                                       \
        }                                                                                             \
      }                                                                                               \
    }                                                                                                 \
  }

#include "generic/THTensorDriver.h"
#include "THGenerateAllTypes.h"

#include "generic/THTensorIndex.c"
#include "THGenerateAllTypes.h"
