#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensor.c"
#else

/* ---- queries ---- */

THStorage *THTensor_(storage)(const THTensor *self) { return self->storage; }
int64_t THTensor_(storageOffset)(const THTensor *self) { return self->storageOffset; }
int THTensor_(nDimension)(const THTensor *self) { return self->nDimension; }
int THTensor_(dim)(const THTensor *self) { return self->nDimension; }

int64_t THTensor_(size)(const THTensor *self, int dim) {
  th_check_dim("size", dim, self->nDimension);
  return self->size[dim];
}

int64_t THTensor_(stride)(const THTensor *self, int dim) {
  th_check_dim("stride", dim, self->nDimension);
  return self->stride[dim];
}

void *THTensor_(data)(const THTensor *self) {
  return self->storage && self->storage->data ? self->storage->data + self->storageOffset : NULL;
}

int64_t THTensor_(nElement)(const THTensor *self) { return th_numel(self->size, self->nDimension); }
int64_t THTensor_(numel)(const THTensor *self) { return th_numel(self->size, self->nDimension); }

int THTensor_(isContiguous)(const THTensor *self) {
  return th_is_contiguous(self->size, self->stride, self->nDimension);
}

int THTensor_(isNonOverlappingAndDense)(const THTensor *self) {
  return th_is_non_overlapping_and_dense(self->size, self->stride, self->nDimension);
}

int THTensor_(isSameSizeAs)(const THTensor *self, const THTensor *src) {
  if (self->nDimension != src->nDimension) return 0;
  for (int d = 0; d < self->nDimension; d++)
    if (self->size[d] != src->size[d]) return 0;
  return 1;
}

int THTensor_(isSetTo)(const THTensor *self, const THTensor *src) {
  if (self->storage != src->storage || self->storageOffset != src->storageOffset) return 0;
  if (self->nDimension != src->nDimension) return 0;
  for (int d = 0; d < self->nDimension; d++)
    if (self->size[d] != src->size[d] || self->stride[d] != src->stride[d]) return 0;
  return 1;
}

int THTensor_(isSize)(const THTensor *self, int ndim, const int64_t *sizes) {
  if (self->nDimension != ndim) return 0;
  for (int d = 0; d < ndim; d++)
    if (self->size[d] != sizes[d]) return 0;
  return 1;
}

/* ---- header management ---- */

/* Sets the header's dims (sizes and strides arrays live in one allocation). */
static void THTensor_(setHeader)(THTensor *self, int ndim, const int64_t *sizes, const int64_t *strides) {
  if (ndim != self->nDimension) {
    int64_t *buf = THAlloc(2 * (ptrdiff_t)(ndim ? ndim : 1) * (ptrdiff_t)sizeof(int64_t));
    THFree(self->size);
    self->size = buf;
    self->stride = buf + (ndim ? ndim : 1);
    self->nDimension = ndim;
  }
  for (int d = 0; d < ndim; d++) {
    self->size[d] = sizes[d];
    self->stride[d] = strides[d];
  }
}

static THTensor *THTensor_(allocHeader)(THStorage *storage, int64_t offset) {
  THTensor *self = THAlloc(sizeof(THTensor));
  self->size = THAlloc(2 * (ptrdiff_t)sizeof(int64_t));
  self->stride = self->size + 1;
  self->nDimension = 0;
  self->storage = storage;
  self->storageOffset = offset;
  self->refcount = 1;
  self->flag = 0;
  return self;
}

static void THTensor_(checkStorageFits)(const char *op, THStorage *storage, int64_t offset, int ndim,
                                        const int64_t *sizes, const int64_t *strides) {
  THValueCheck(offset >= 0, "%s: expected a non-negative storage offset, but got %lld", op, (long long)offset);
  int64_t extent = th_required_extent(sizes, strides, ndim);
  if (extent == 0) return;
  THArgCheck(offset + extent <= storage->size,
             "%s: expected a storage of at least %lld elements for this view, but got %lld", op,
             (long long)(offset + extent), (long long)storage->size);
}

/* ---- creation ---- */

THTensor *THTensor_(new)(void) {
  int64_t zero = 0, one = 1;
  THTensor *self = THTensor_(allocHeader)(THStorage_(new)(), 0);
  THTensor_(setHeader)(self, 1, &zero, &one);
  return self;
}

THTensor *THTensor_(newWithTensor)(THTensor *tensor) {
  THStorage_(retain)(tensor->storage);
  THTensor *self = THTensor_(allocHeader)(tensor->storage, tensor->storageOffset);
  THTensor_(setHeader)(self, tensor->nDimension, tensor->size, tensor->stride);
  return self;
}

THTensor *THTensor_(newWithStorage)(THStorage *storage, int64_t storageOffset, int ndim, const int64_t *sizes,
                                    const int64_t *strides) {
  th_check_sizes("newWithStorage", ndim, sizes);
  int64_t contiguous[TH_MAX_DIMS];
  if (!strides) {
    th_contiguous_strides(sizes, ndim, contiguous);
    strides = contiguous;
  }
  THTensor_(checkStorageFits)("newWithStorage", storage, storageOffset, ndim, sizes, strides);
  THStorage_(retain)(storage);
  THTensor *self = THTensor_(allocHeader)(storage, storageOffset);
  THTensor_(setHeader)(self, ndim, sizes, strides);
  return self;
}

THTensor *THTensor_(newWithStorage1d)(THStorage *storage, int64_t storageOffset, int64_t size0, int64_t stride0) {
  int64_t sizes[1] = {size0}, strides[1] = {stride0};
  return THTensor_(newWithStorage)(storage, storageOffset, 1, sizes, strides);
}

THTensor *THTensor_(newWithStorage2d)(THStorage *storage, int64_t storageOffset, int64_t size0, int64_t stride0,
                                      int64_t size1, int64_t stride1) {
  int64_t sizes[2] = {size0, size1}, strides[2] = {stride0, stride1};
  return THTensor_(newWithStorage)(storage, storageOffset, 2, sizes, strides);
}

THTensor *THTensor_(newWithSize)(int ndim, const int64_t *sizes) {
  th_check_sizes("newWithSize", ndim, sizes);
  int64_t strides[TH_MAX_DIMS];
  th_contiguous_strides(sizes, ndim, strides);
  THStorage *storage = THStorage_(newWithSize)(th_numel(sizes, ndim));
  THTensor *self = THTensor_(allocHeader)(storage, 0);
  THTensor_(setHeader)(self, ndim, sizes, strides);
  return self;
}

THTensor *THTensor_(newWithSize1d)(int64_t size0) {
  int64_t s[1] = {size0};
  return THTensor_(newWithSize)(1, s);
}
THTensor *THTensor_(newWithSize2d)(int64_t size0, int64_t size1) {
  int64_t s[2] = {size0, size1};
  return THTensor_(newWithSize)(2, s);
}
THTensor *THTensor_(newWithSize3d)(int64_t size0, int64_t size1, int64_t size2) {
  int64_t s[3] = {size0, size1, size2};
  return THTensor_(newWithSize)(3, s);
}
THTensor *THTensor_(newWithSize4d)(int64_t size0, int64_t size1, int64_t size2, int64_t size3) {
  int64_t s[4] = {size0, size1, size2, size3};
  return THTensor_(newWithSize)(4, s);
}

THTensor *THTensor_(newEmptyLike)(THTensor *self) {
  int ndim = self->nDimension;
  if (!THTensor_(isNonOverlappingAndDense)(self)) return THTensor_(newWithSize)(ndim, self->size);
  THStorage *storage = THStorage_(newWithSize)(THTensor_(nElement)(self));
  THTensor *r = THTensor_(allocHeader)(storage, 0);
  /* A dense tensor's strides are a permutation of contiguous strides; reuse them as they are,
   * with the offset of the smallest address at 0. */
  THTensor_(setHeader)(r, ndim, self->size, self->stride);
  for (int d = 0; d < ndim; d++)
    if (r->size[d] <= 1) r->stride[d] = r->stride[d] < 1 ? 1 : r->stride[d];
  return r;
}

THTensor *THTensor_(newClone)(THTensor *self) {
  THTensor *r = THTensor_(newWithSize)(self->nDimension, self->size);
  THTensor_(copy)(r, self);
  return r;
}

THTensor *THTensor_(newContiguous)(THTensor *self) {
  if (THTensor_(isContiguous)(self)) {
    THTensor_(retain)(self);
    return self;
  }
  return THTensor_(newClone)(self);
}

THTensor *THTensor_(newSelect)(THTensor *self, int dim, int64_t index) {
  THTensor *r = THTensor_(newWithTensor)(self);
  THTensor_(select)(r, NULL, dim, index);
  return r;
}

THTensor *THTensor_(newNarrow)(THTensor *self, int dim, int64_t first, int64_t size) {
  THTensor *r = THTensor_(newWithTensor)(self);
  THTensor_(narrow)(r, NULL, dim, first, size);
  return r;
}

THTensor *THTensor_(newTranspose)(THTensor *self, int dim0, int dim1) {
  THTensor *r = THTensor_(newWithTensor)(self);
  THTensor_(transpose)(r, NULL, dim0, dim1);
  return r;
}

THTensor *THTensor_(newUnfold)(THTensor *self, int dim, int64_t size, int64_t step) {
  THTensor *r = THTensor_(newWithTensor)(self);
  THTensor_(unfold)(r, NULL, dim, size, step);
  return r;
}

THTensor *THTensor_(newView)(THTensor *self, int ndim, const int64_t *sizes) {
  th_check_sizes("view", ndim, sizes);
  int64_t numel = THTensor_(nElement)(self), newnumel = th_numel(sizes, ndim);
  if (numel != newnumel) {
    char a[256], b[256];
    THError("view: expected a shape with %lld elements like the input %s, but got shape %s",
            (long long)numel, THFormatSizes(a, sizeof a, self->size, self->nDimension),
            THFormatSizes(b, sizeof b, sizes, ndim));
  }
  int64_t strides[TH_MAX_DIMS];
  if (!th_compute_view_strides(self->size, self->stride, self->nDimension, sizes, ndim, strides)) {
    char a[256], b[256], c[256];
    THError("view: expected a size compatible with the input's size %s and stride %s (at least one dimension spans "
            "across two contiguous subspaces; use .reshape(...) instead), but got %s",
            THFormatSizes(a, sizeof a, self->size, self->nDimension),
            THFormatSizes(b, sizeof b, self->stride, self->nDimension), THFormatSizes(c, sizeof c, sizes, ndim));
  }
  THStorage_(retain)(self->storage);
  THTensor *r = THTensor_(allocHeader)(self->storage, self->storageOffset);
  THTensor_(setHeader)(r, ndim, sizes, strides);
  return r;
}

THTensor *THTensor_(newExpand)(THTensor *self, int ndim, const int64_t *sizes) {
  int64_t strides[TH_MAX_DIMS];
  th_expand_strides("expand", self->size, self->stride, self->nDimension, sizes, ndim, strides);
  THStorage_(retain)(self->storage);
  THTensor *r = THTensor_(allocHeader)(self->storage, self->storageOffset);
  THTensor_(setHeader)(r, ndim, sizes, strides);
  return r;
}

THTensor *THTensor_(newPermute)(THTensor *self, int ndim, const int *dims) {
  int64_t sizes[TH_MAX_DIMS], strides[TH_MAX_DIMS];
  th_permute("permute", self->size, self->stride, self->nDimension, dims, ndim, sizes, strides);
  THStorage_(retain)(self->storage);
  THTensor *r = THTensor_(allocHeader)(self->storage, self->storageOffset);
  THTensor_(setHeader)(r, ndim, sizes, strides);
  return r;
}

THTensor *THTensor_(newAsStrided)(THTensor *self, int ndim, const int64_t *sizes, const int64_t *strides,
                                  int64_t storageOffset) {
  return THTensor_(newWithStorage)(self->storage, storageOffset, ndim, sizes, strides);
}

/* ---- reshaping in place ---- */

void THTensor_(resizeNd)(THTensor *self, int ndim, const int64_t *sizes, const int64_t *strides) {
  th_check_sizes("resize_", ndim, sizes);
  int64_t contiguous[TH_MAX_DIMS];
  if (!strides) {
    if (THTensor_(isSize)(self, ndim, sizes) && THTensor_(isContiguous)(self)) return;
    th_contiguous_strides(sizes, ndim, contiguous);
    strides = contiguous;
  }
  int64_t extent = th_required_extent(sizes, strides, ndim);
  if (extent > 0 && self->storageOffset + extent > self->storage->size)
    THStorage_(resize)(self->storage, self->storageOffset + extent);
  THTensor_(setHeader)(self, ndim, sizes, strides);
}

void THTensor_(resize)(THTensor *self, int ndim, const int64_t *sizes, const int64_t *strides) {
  THTensor_(resizeNd)(self, ndim, sizes, strides);
}

void THTensor_(resizeAs)(THTensor *self, THTensor *src) {
  if (!THTensor_(isSameSizeAs)(self, src)) THTensor_(resizeNd)(self, src->nDimension, src->size, NULL);
}

void THTensor_(resizeLike)(THTensor *self, THTensor *src) {
  if (THTensor_(isSameSizeAs)(self, src)) return;
  if (!THTensor_(isNonOverlappingAndDense)(src)) {
    THTensor_(resizeNd)(self, src->nDimension, src->size, NULL);
    return;
  }
  int64_t strides[TH_MAX_DIMS];
  for (int d = 0; d < src->nDimension; d++) strides[d] = src->size[d] <= 1 && src->stride[d] < 1 ? 1 : src->stride[d];
  THTensor_(resizeNd)(self, src->nDimension, src->size, strides);
}

void THTensor_(resize0d)(THTensor *self) { THTensor_(resizeNd)(self, 0, NULL, NULL); }
void THTensor_(resize1d)(THTensor *self, int64_t size0) {
  int64_t s[1] = {size0};
  THTensor_(resizeNd)(self, 1, s, NULL);
}
void THTensor_(resize2d)(THTensor *self, int64_t size0, int64_t size1) {
  int64_t s[2] = {size0, size1};
  THTensor_(resizeNd)(self, 2, s, NULL);
}
void THTensor_(resize3d)(THTensor *self, int64_t size0, int64_t size1, int64_t size2) {
  int64_t s[3] = {size0, size1, size2};
  THTensor_(resizeNd)(self, 3, s, NULL);
}
void THTensor_(resize4d)(THTensor *self, int64_t size0, int64_t size1, int64_t size2, int64_t size3) {
  int64_t s[4] = {size0, size1, size2, size3};
  THTensor_(resizeNd)(self, 4, s, NULL);
}
void THTensor_(resize5d)(THTensor *self, int64_t size0, int64_t size1, int64_t size2, int64_t size3, int64_t size4) {
  int64_t s[5] = {size0, size1, size2, size3, size4};
  THTensor_(resizeNd)(self, 5, s, NULL);
}

void THTensor_(set)(THTensor *self, THTensor *src) {
  if (self == src) return;
  THTensor_(setStorage)(self, src->storage, src->storageOffset, src->nDimension, src->size, src->stride);
}

void THTensor_(setStorage)(THTensor *self, THStorage *storage, int64_t storageOffset, int ndim, const int64_t *sizes,
                           const int64_t *strides) {
  th_check_sizes("set_", ndim, sizes);
  int64_t contiguous[TH_MAX_DIMS];
  if (!strides) {
    th_contiguous_strides(sizes, ndim, contiguous);
    strides = contiguous;
  }
  THTensor_(checkStorageFits)("set_", storage, storageOffset, ndim, sizes, strides);
  if (self->storage != storage) {
    THStorage_(retain)(storage);
    THStorage_(free)(self->storage);
    self->storage = storage;
  }
  self->storageOffset = storageOffset;
  /* sizes/strides may alias self's own arrays: copy before replacing them. */
  int64_t s[TH_MAX_DIMS], st[TH_MAX_DIMS];
  for (int d = 0; d < ndim; d++) {
    s[d] = sizes[d];
    st[d] = strides[d];
  }
  THTensor_(setHeader)(self, ndim, s, st);
}

void THTensor_(narrow)(THTensor *self, THTensor *src, int dim, int64_t first, int64_t size) {
  if (!src) src = self;
  th_check_dim("narrow", dim, src->nDimension);
  THIndexCheck(first >= 0 && first <= src->size[dim],
               "narrow: expected a start in [0, %lld] for dim %d, but got %lld", (long long)src->size[dim], dim,
               (long long)first);
  THIndexCheck(size >= 0 && first + size <= src->size[dim],
               "narrow: expected start + length <= %lld for dim %d, but got %lld + %lld", (long long)src->size[dim],
               dim, (long long)first, (long long)size);
  THTensor_(set)(self, src);
  if (first > 0) self->storageOffset += first * self->stride[dim];
  self->size[dim] = size;
}

void THTensor_(select)(THTensor *self, THTensor *src, int dim, int64_t index) {
  if (!src) src = self;
  THIndexCheck(src->nDimension > 0, "select: expected a tensor with at least 1 dimension, but got a 0-d tensor");
  th_check_dim("select", dim, src->nDimension);
  THIndexCheck(index >= 0 && index < src->size[dim],
               "select: expected an index in [0, %lld) for dim %d, but got %lld", (long long)src->size[dim], dim,
               (long long)index);
  THTensor_(set)(self, src);
  self->storageOffset += index * self->stride[dim];
  int64_t sizes[TH_MAX_DIMS], strides[TH_MAX_DIMS];
  int n = 0;
  for (int d = 0; d < self->nDimension; d++) {
    if (d == dim) continue;
    sizes[n] = self->size[d];
    strides[n++] = self->stride[d];
  }
  THTensor_(setHeader)(self, n, sizes, strides);
}

void THTensor_(transpose)(THTensor *self, THTensor *src, int dim0, int dim1) {
  if (!src) src = self;
  int nd = src->nDimension;
  /* PyTorch lets 0-d tensors transpose dims 0/-1 onto themselves. */
  if (nd == 0 && (dim0 == 0 || dim0 == -1) && (dim1 == 0 || dim1 == -1)) {
    THTensor_(set)(self, src);
    return;
  }
  th_check_dim("transpose", dim0, nd);
  th_check_dim("transpose", dim1, nd);
  THTensor_(set)(self, src);
  int64_t t = self->size[dim0];
  self->size[dim0] = self->size[dim1];
  self->size[dim1] = t;
  t = self->stride[dim0];
  self->stride[dim0] = self->stride[dim1];
  self->stride[dim1] = t;
}

void THTensor_(unfold)(THTensor *self, THTensor *src, int dim, int64_t size, int64_t step) {
  if (!src) src = self;
  int nd = src->nDimension;
  int64_t dimsize = nd == 0 ? 1 : 0;
  if (nd > 0) {
    th_check_dim("unfold", dim, nd);
    dimsize = src->size[dim];
  }
  THArgCheck(size >= 0 && size <= dimsize, "unfold: expected a window size in [0, %lld], but got %lld",
             (long long)dimsize, (long long)size);
  THArgCheck(step > 0, "unfold: expected a positive step, but got %lld", (long long)step);
  THTensor_(set)(self, src);
  int64_t sizes[TH_MAX_DIMS], strides[TH_MAX_DIMS];
  THIndexCheck(nd + 1 <= TH_MAX_DIMS, "unfold: expected at most %d dimensions, but got %d", TH_MAX_DIMS, nd + 1);
  for (int d = 0; d < nd; d++) {
    sizes[d] = self->size[d];
    strides[d] = self->stride[d];
  }
  if (nd == 0) {
    sizes[0] = size;
    strides[0] = 1;
  } else {
    sizes[nd] = size;
    strides[nd] = self->stride[dim];
    sizes[dim] = (dimsize - size) / step + 1;
    strides[dim] = step * self->stride[dim];
  }
  THTensor_(setHeader)(self, nd == 0 ? 1 : nd + 1, sizes, strides);
}

void THTensor_(squeeze)(THTensor *self, THTensor *src) {
  if (!src) src = self;
  THTensor_(set)(self, src);
  int64_t sizes[TH_MAX_DIMS], strides[TH_MAX_DIMS];
  int n = 0;
  for (int d = 0; d < self->nDimension; d++) {
    if (self->size[d] == 1) continue;
    sizes[n] = self->size[d];
    strides[n++] = self->stride[d];
  }
  THTensor_(setHeader)(self, n, sizes, strides);
}

void THTensor_(squeeze1d)(THTensor *self, THTensor *src, int dim) {
  if (!src) src = self;
  int nd = src->nDimension;
  if (nd == 0 && (dim == 0 || dim == -1)) {
    THTensor_(set)(self, src);
    return;
  }
  th_check_dim("squeeze", dim, nd);
  THTensor_(set)(self, src);
  if (self->size[dim] != 1) return;
  int64_t sizes[TH_MAX_DIMS], strides[TH_MAX_DIMS];
  int n = 0;
  for (int d = 0; d < nd; d++) {
    if (d == dim) continue;
    sizes[n] = self->size[d];
    strides[n++] = self->stride[d];
  }
  THTensor_(setHeader)(self, n, sizes, strides);
}

void THTensor_(unsqueeze1d)(THTensor *self, THTensor *src, int dim) {
  if (!src) src = self;
  int nd = src->nDimension;
  THIndexCheck(dim >= 0 && dim <= nd, "unsqueeze: expected a dim in [0, %d], but got %d", nd, dim);
  THIndexCheck(nd + 1 <= TH_MAX_DIMS, "unsqueeze: expected at most %d dimensions, but got %d", TH_MAX_DIMS, nd + 1);
  THTensor_(set)(self, src);
  int64_t sizes[TH_MAX_DIMS], strides[TH_MAX_DIMS];
  for (int d = 0, n = 0; d <= nd; d++) {
    if (d == dim) {
      sizes[d] = 1;
      strides[d] = d < nd ? self->size[d] * self->stride[d] : 1;
      continue;
    }
    sizes[d] = self->size[n];
    strides[d] = self->stride[n];
    n++;
  }
  THTensor_(setHeader)(self, nd + 1, sizes, strides);
}

/* ---- element access ---- */

static real *THTensor_(elementPtr)(const THTensor *self, int n, const int64_t *idx, const char *op) {
  THIndexCheck(self->nDimension == n, "%s: expected a tensor with %d dimension(s), but got %d", op, n,
               self->nDimension);
  int64_t off = self->storageOffset;
  for (int d = 0; d < n; d++) {
    THIndexCheck(idx[d] >= 0 && idx[d] < self->size[d],
                 "%s: expected an index in [0, %lld) for dim %d, but got %lld", op, (long long)self->size[d], d,
                 (long long)idx[d]);
    off += idx[d] * self->stride[d];
  }
  return self->storage->data + off;
}

void THTensor_(set0d)(THTensor *self, real value) { *THTensor_(elementPtr)(self, 0, NULL, "set0d") = value; }
real THTensor_(get0d)(const THTensor *self) { return *THTensor_(elementPtr)(self, 0, NULL, "get0d"); }
void THTensor_(set1d)(THTensor *self, int64_t x0, real value) {
  int64_t i[1] = {x0};
  *THTensor_(elementPtr)(self, 1, i, "set1d") = value;
}
real THTensor_(get1d)(const THTensor *self, int64_t x0) {
  int64_t i[1] = {x0};
  return *THTensor_(elementPtr)(self, 1, i, "get1d");
}
void THTensor_(set2d)(THTensor *self, int64_t x0, int64_t x1, real value) {
  int64_t i[2] = {x0, x1};
  *THTensor_(elementPtr)(self, 2, i, "set2d") = value;
}
real THTensor_(get2d)(const THTensor *self, int64_t x0, int64_t x1) {
  int64_t i[2] = {x0, x1};
  return *THTensor_(elementPtr)(self, 2, i, "get2d");
}
void THTensor_(set3d)(THTensor *self, int64_t x0, int64_t x1, int64_t x2, real value) {
  int64_t i[3] = {x0, x1, x2};
  *THTensor_(elementPtr)(self, 3, i, "set3d") = value;
}
real THTensor_(get3d)(const THTensor *self, int64_t x0, int64_t x1, int64_t x2) {
  int64_t i[3] = {x0, x1, x2};
  return *THTensor_(elementPtr)(self, 3, i, "get3d");
}
void THTensor_(set4d)(THTensor *self, int64_t x0, int64_t x1, int64_t x2, int64_t x3, real value) {
  int64_t i[4] = {x0, x1, x2, x3};
  *THTensor_(elementPtr)(self, 4, i, "set4d") = value;
}
real THTensor_(get4d)(const THTensor *self, int64_t x0, int64_t x1, int64_t x2, int64_t x3) {
  int64_t i[4] = {x0, x1, x2, x3};
  return *THTensor_(elementPtr)(self, 4, i, "get4d");
}

static const real *THTensor_(onlyElement)(const THTensor *self) {
  int64_t n = THTensor_(nElement)(self);
  if (n != 1) THError("item: expected a tensor with one element, but got %lld elements", (long long)n);
  int64_t off = self->storageOffset;
  return self->storage->data + off;
}

double THTensor_(itemDouble)(const THTensor *self) { return (double)*THTensor_(onlyElement)(self); }
int64_t THTensor_(itemLong)(const THTensor *self) { return (int64_t)*THTensor_(onlyElement)(self); }

/* ---- lifetime ---- */

void THTensor_(retain)(THTensor *self) {
  if (self) THAtomicIncrement(&self->refcount);
}

void THTensor_(free)(THTensor *self) {
  if (!self) return;
  if (THAtomicDecrement(&self->refcount) == 0) {
    THStorage_(free)(self->storage);
    THFree(self->size);
    THFree(self);
  }
}

void THTensor_(freeCopyTo)(THTensor *self, THTensor *dst) {
  if (self != dst) THTensor_(copy)(dst, self);
  THTensor_(free)(self);
}

#endif
