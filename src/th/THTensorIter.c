#include "THTensorIter.h"

#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

void THIter_init(THIter *it, int noperands, int ndim, const int64_t *sizes, char *const *data,
                 const int64_t *const *strides, const int64_t *elemsize) {
  it->noperands = noperands;
  it->numel = th_numel(sizes, ndim);
  for (int k = 0; k < noperands; k++) it->data[k] = data[k];

  /* Keep the dims of size != 1, innermost (last) first. */
  int dims[TH_MAX_DIMS], n = 0;
  for (int d = ndim - 1; d >= 0; d--)
    if (sizes[d] != 1) dims[n++] = d;

  /* Stable insertion sort by the strides of operand 0, then of the next operands on ties, so the
   * innermost iterated dim is the one operand 0 steps through most finely. */
  for (int i = 1; i < n; i++) {
    int v = dims[i], j = i - 1;
    while (j >= 0) {
      int u = dims[j], cmp = 0;
      for (int k = 0; k < noperands && cmp == 0; k++) {
        int64_t su = strides[k][u], sv = strides[k][v];
        if (su == 0 || sv == 0) continue; /* broadcast dims do not decide the order */
        cmp = su > sv ? 1 : (su < sv ? -1 : 0);
      }
      if (cmp <= 0) break;
      dims[j + 1] = u;
      j--;
    }
    dims[j + 1] = v;
  }

  /* Merge dim i+1 into dim i when every operand steps through them as one. */
  int m = 0;
  for (int i = 0; i < n; i++) {
    int d = dims[i];
    if (m > 0) {
      int mergeable = 1;
      for (int k = 0; k < noperands && mergeable; k++)
        mergeable = strides[k][d] * elemsize[k] == it->strides[k][m - 1] * it->sizes[m - 1];
      if (mergeable) {
        it->sizes[m - 1] *= sizes[d];
        continue;
      }
    }
    it->sizes[m] = sizes[d];
    for (int k = 0; k < noperands; k++) it->strides[k][m] = strides[k][d] * elemsize[k];
    m++;
  }
  if (m == 0) { /* a scalar or all-ones shape: one element */
    it->sizes[0] = 1;
    for (int k = 0; k < noperands; k++) it->strides[k][0] = elemsize[k];
    m = 1;
  }
  it->ndim = m;
}

void THIter_runRange(const THIter *it, int64_t begin, int64_t end, THIterKernel kernel, void *ctx) {
  if (begin >= end) return;
  int nd = it->ndim, no = it->noperands;
  int64_t idx[TH_MAX_DIMS];
  char *ptr[TH_ITER_MAX_OPERANDS];
  int64_t inner[TH_ITER_MAX_OPERANDS];
  int64_t rem = begin;
  for (int k = 0; k < no; k++) {
    ptr[k] = it->data[k];
    inner[k] = it->strides[k][0];
  }
  for (int d = 0; d < nd; d++) {
    idx[d] = rem % it->sizes[d];
    rem /= it->sizes[d];
    for (int k = 0; k < no; k++) ptr[k] += idx[d] * it->strides[k][d];
  }
  int64_t pos = begin;
  while (pos < end) {
    int64_t n = it->sizes[0] - idx[0];
    if (n > end - pos) n = end - pos;
    kernel(ctx, n, ptr, inner);
    pos += n;
    if (pos >= end) break;
    /* advance: the inner run is finished, carry into the outer dims */
    for (int k = 0; k < no; k++) ptr[k] += n * it->strides[k][0];
    idx[0] += n;
    for (int d = 0; d < nd && idx[d] == it->sizes[d]; d++) {
      idx[d] = 0;
      for (int k = 0; k < no; k++) ptr[k] -= it->sizes[d] * it->strides[k][d];
      if (d + 1 < nd) {
        idx[d + 1]++;
        for (int k = 0; k < no; k++) ptr[k] += it->strides[k][d + 1];
      }
    }
  }
}

void THIter_run(const THIter *it, THIterKernel kernel, void *ctx) {
  int64_t numel = it->numel;
  if (numel == 0) return;
#ifdef _OPENMP
  int nthreads = THGetNumThreads();
  if (nthreads > 1 && numel >= TH_OMP_OVERHEAD_THRESHOLD && !omp_in_parallel()) {
#pragma omp parallel num_threads(nthreads)
    {
      int t = omp_get_thread_num(), nt = omp_get_num_threads();
      int64_t chunk = (numel + nt - 1) / nt;
      /* keep chunk boundaries on cache lines where possible */
      chunk = (chunk + 63) & ~(int64_t)63;
      int64_t b = (int64_t)t * chunk, e = b + chunk < numel ? b + chunk : numel;
      THIter_runRange(it, b, e, kernel, ctx);
    }
    return;
  }
#endif
  THIter_runRange(it, 0, numel, kernel, ctx);
}
