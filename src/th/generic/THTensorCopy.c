#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorCopy.c"
#else

#define TH_IMPLEMENT_COPY_FROM(SrcReal, srcreal)                                                                 \
  static void THTensor_(TH_CONCAT_2(copyKernel, SrcReal))(void *ctx, int64_t n, char **d, const int64_t *s) {  \
    (void)ctx;                                                                                                  \
    real *r = (real *)d[0];                                                                                     \
    const srcreal *a = (const srcreal *)d[1];                                                                   \
    if (s[0] == sizeof(real) && s[1] == sizeof(srcreal)) {                                                      \
      for (int64_t i = 0; i < n; i++) r[i] = (real)a[i];                                                        \
    } else {                                                                                                    \
      char *pr = d[0], *pa = d[1];                                                                              \
      for (int64_t i = 0; i < n; i++, pr += s[0], pa += s[1]) *(real *)pr = (real) * (const srcreal *)pa;       \
    }                                                                                                           \
  }                                                                                                             \
  void THTensor_(TH_CONCAT_2(copy, SrcReal))(THTensor *self, TH_CONCAT_3(TH, SrcReal, Tensor) *src) {          \
    int64_t n = THTensor_(nElement)(self), nsrc = TH_CONCAT_3(TH, SrcReal, Tensor_nElement)(src);             \
    if (n != nsrc) {                                                                                            \
      char a[256], b[256];                                                                                      \
      THError("copy_: expected a source with the destination's shape %s, but got %s",                         \
              THFormatSizes(a, sizeof a, self->size, self->nDimension),                                         \
              THFormatSizes(b, sizeof b, src->size, src->nDimension));                                          \
    }                                                                                                           \
    if (n == 0) return;                                                                                         \
    /* A source that overlaps the destination in memory, or that has another shape, is first made */          \
    /* contiguous so the loop reads each element before anything overwrites it. */                            \
    TH_CONCAT_3(TH, SrcReal, Tensor) *tmp = NULL;                                                              \
    char *sbase = (char *)src->storage->data, *dbase = (char *)self->storage->data;                             \
    int overlap = sbase && dbase &&                                                                             \
                  sbase + (size_t)src->storage->size * sizeof(srcreal) > dbase &&                              \
                  dbase + (size_t)self->storage->size * sizeof(real) > sbase;                                  \
    int reshape = !THTensor_(isSize)(self, src->nDimension, src->size);                                         \
    if (overlap || reshape) {                                                                                   \
      tmp = TH_CONCAT_3(TH, SrcReal, Tensor_newWithSize)(src->nDimension, src->size);                          \
      TH_CONCAT_3(TH, SrcReal, Tensor_copy)(tmp, src);                                                         \
      src = tmp;                                                                                                \
    }                                                                                                           \
    int64_t srcstrides[TH_MAX_DIMS];                                                                            \
    const int64_t *sst = src->stride;                                                                          \
    if (reshape) {                                                                                              \
      th_contiguous_strides(self->size, self->nDimension, srcstrides);                                          \
      sst = srcstrides;                                                                                         \
    }                                                                                                           \
    THIter it;                                                                                                  \
    char *data[2] = {(char *)(self->storage->data + self->storageOffset),                                      \
                     (char *)(src->storage->data + src->storageOffset)};                                       \
    const int64_t *strides[2] = {self->stride, sst};                                                           \
    const int64_t es[2] = {sizeof(real), sizeof(srcreal)};                                                      \
    THIter_init(&it, 2, self->nDimension, self->size, data, strides, es);                                       \
    THIter_run(&it, THTensor_(TH_CONCAT_2(copyKernel, SrcReal)), NULL);                                         \
    if (tmp) TH_CONCAT_3(TH, SrcReal, Tensor_free)(tmp);                                                       \
  }

TH_FORALL_TYPES(TH_IMPLEMENT_COPY_FROM)
#undef TH_IMPLEMENT_COPY_FROM

void THTensor_(copy)(THTensor *self, THTensor *src) { THTensor_(TH_CONCAT_2(copy, Real))(self, src); }

#endif
