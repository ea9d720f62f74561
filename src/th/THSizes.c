#include "THSizes.h"

void th_check_dim(const char *op, int dim, int ndim) {
  THIndexCheck(dim >= 0 && dim < ndim, "%s: expected a dim in [0, %d), but got %d", op, ndim, dim);
}

void th_check_sizes(const char *op, int ndim, const int64_t *sizes) {
  THValueCheck(ndim >= 0 && ndim <= TH_MAX_DIMS, "%s: expected at most %d dimensions, but got %d", op, TH_MAX_DIMS,
               ndim);
  for (int d = 0; d < ndim; d++)
    THValueCheck(sizes[d] >= 0, "%s: expected non-negative sizes, but got %lld at dim %d", op, (long long)sizes[d], d);
}

int64_t th_numel(const int64_t *sizes, int ndim) {
  int64_t n = 1;
  for (int d = 0; d < ndim; d++) n *= sizes[d];
  return n;
}

void th_contiguous_strides(const int64_t *sizes, int ndim, int64_t *strides) {
  int64_t s = 1;
  for (int d = ndim - 1; d >= 0; d--) {
    strides[d] = s;
    s *= sizes[d] > 1 ? sizes[d] : 1;
  }
}

int th_is_contiguous(const int64_t *sizes, const int64_t *strides, int ndim) {
  int64_t expected = 1;
  for (int d = ndim - 1; d >= 0; d--) {
    if (sizes[d] == 0) return 1;
    if (sizes[d] == 1) continue;
    if (strides[d] != expected) return 0;
    expected *= sizes[d];
  }
  return 1;
}

int th_is_non_overlapping_and_dense(const int64_t *sizes, const int64_t *strides, int ndim) {
  int order[TH_MAX_DIMS], n = 0;
  for (int d = 0; d < ndim; d++) {
    if (sizes[d] == 0) return 1;
    if (sizes[d] != 1) order[n++] = d;
  }
  /* insertion sort of the non-trivial dims by stride, innermost first */
  for (int i = 1; i < n; i++) {
    int v = order[i], j = i - 1;
    while (j >= 0 && strides[order[j]] > strides[v]) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = v;
  }
  int64_t expected = 1;
  for (int i = 0; i < n; i++) {
    if (strides[order[i]] != expected) return 0;
    expected *= sizes[order[i]];
  }
  return 1;
}

int64_t th_required_extent(const int64_t *sizes, const int64_t *strides, int ndim) {
  int64_t extent = 1;
  for (int d = 0; d < ndim; d++) {
    if (sizes[d] == 0) return 0;
    THValueCheck(strides[d] >= 0, "as_strided: expected non-negative strides, but got %lld at dim %d",
                 (long long)strides[d], d);
    extent += (sizes[d] - 1) * strides[d];
  }
  return extent;
}

int th_compute_view_strides(const int64_t *sizes, const int64_t *strides, int ndim, const int64_t *newsizes,
                            int newndim, int64_t *newstrides) {
  if (th_numel(sizes, ndim) == 0 || ndim == 0) {
    th_contiguous_strides(newsizes, newndim, newstrides);
    return 1;
  }
  /* Walk the old dims from the innermost, grouping runs that are contiguous with each other
   * ("chunks"); each chunk must be covered exactly by a run of new dims. */
  int view_d = newndim - 1;
  int64_t chunk_base_stride = strides[ndim - 1];
  int64_t tensor_numel = 1, view_numel = 1;
  for (int tensor_d = ndim - 1; tensor_d >= 0; tensor_d--) {
    tensor_numel *= sizes[tensor_d];
    if (tensor_d == 0 ||
        (sizes[tensor_d - 1] != 1 && strides[tensor_d - 1] != tensor_numel * chunk_base_stride)) {
      while (view_d >= 0 && (view_numel < tensor_numel || newsizes[view_d] == 1)) {
        newstrides[view_d] = view_numel * chunk_base_stride;
        view_numel *= newsizes[view_d];
        view_d--;
      }
      if (view_numel != tensor_numel) return 0;
      if (tensor_d > 0) {
        chunk_base_stride = strides[tensor_d - 1];
        tensor_numel = 1;
        view_numel = 1;
      }
    }
  }
  return view_d == -1;
}

void th_expand_strides(const char *op, const int64_t *sizes, const int64_t *strides, int ndim,
                       const int64_t *newsizes, int newndim, int64_t *newstrides) {
  THValueCheck(newndim <= TH_MAX_DIMS, "%s: expected at most %d dimensions, but got %d", op, TH_MAX_DIMS, newndim);
  if (newndim < ndim) {
    char a[256], b[256];
    THError("%s: expected at least as many sizes as the tensor's %d dims (%s), but got %s", op, ndim,
            THFormatSizes(a, sizeof a, sizes, ndim), THFormatSizes(b, sizeof b, newsizes, newndim));
  }
  for (int i = newndim - 1; i >= 0; i--) {
    int d = i - (newndim - ndim);
    int64_t want = newsizes[i];
    if (d < 0) {
      THValueCheck(want >= 0, "%s: expected a non-negative size for a new leading dim %d, but got %lld", op, i,
                   (long long)want);
      newstrides[i] = 0;
      continue;
    }
    if (want == -1 || want == sizes[d]) {
      newstrides[i] = strides[d];
    } else if (sizes[d] == 1) {
      THValueCheck(want >= 0, "%s: expected a non-negative size at dim %d, but got %lld", op, i, (long long)want);
      newstrides[i] = 0;
    } else {
      char a[256], b[256];
      THError("%s: expected the expanded size %lld to match the existing size %lld at non-singleton dim %d "
              "(target %s, tensor %s), but got a mismatch",
              op, (long long)want, (long long)sizes[d], i, THFormatSizes(a, sizeof a, newsizes, newndim),
              THFormatSizes(b, sizeof b, sizes, ndim));
    }
  }
}

void th_permute(const char *op, const int64_t *sizes, const int64_t *strides, int ndim, const int *dims, int ndims,
                int64_t *newsizes, int64_t *newstrides) {
  THIndexCheck(ndims == ndim, "%s: expected %d dims in the permutation, but got %d", op, ndim, ndims);
  char seen[TH_MAX_DIMS] = {0};
  for (int i = 0; i < ndim; i++) {
    int d = dims[i];
    THIndexCheck(d >= 0 && d < ndim, "%s: expected dims in [0, %d), but got %d", op, ndim, d);
    THIndexCheck(!seen[d], "%s: expected each dim once, but got dim %d repeated", op, d);
    seen[d] = 1;
    newsizes[i] = sizes[d];
    newstrides[i] = strides[d];
  }
}
