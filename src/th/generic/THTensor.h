#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensor.h"
#else
/* A THTensor is a strided view (sizes, strides in elements, offset) of a THStorage.
 * nDimension 0 is a scalar holding one element; a size of 0 in any dim makes it empty.
 * Functions named new* return a reference the caller owns and must free. */

#define THTensor TH_CONCAT_3(TH, Real, Tensor)
#define THTensor_(NAME) TH_CONCAT_4(TH, Real, Tensor_, NAME)

typedef struct THTensor {
  int64_t *size;
  int64_t *stride;
  int nDimension;
  THStorage *storage;
  int64_t storageOffset;
  int refcount;
  char flag;
} THTensor;

/* Queries */
TH_API THStorage *THTensor_(storage)(const THTensor *self);
TH_API int64_t THTensor_(storageOffset)(const THTensor *self);
TH_API int THTensor_(nDimension)(const THTensor *self);
TH_API int THTensor_(dim)(const THTensor *self);
TH_API int64_t THTensor_(size)(const THTensor *self, int dim);
TH_API int64_t THTensor_(stride)(const THTensor *self, int dim);
TH_API void *THTensor_(data)(const THTensor *self);
TH_API int64_t THTensor_(nElement)(const THTensor *self);
TH_API int64_t THTensor_(numel)(const THTensor *self);
TH_API int THTensor_(isContiguous)(const THTensor *self);
/* True when the elements occupy exactly numel consecutive slots in some order of the dims. */
TH_API int THTensor_(isNonOverlappingAndDense)(const THTensor *self);
TH_API int THTensor_(isSameSizeAs)(const THTensor *self, const THTensor *src);
TH_API int THTensor_(isSetTo)(const THTensor *self, const THTensor *src);
TH_API int THTensor_(isSize)(const THTensor *self, int ndim, const int64_t *sizes);

/* Creation */
TH_API THTensor *THTensor_(new)(void);
TH_API THTensor *THTensor_(newWithTensor)(THTensor *tensor);
TH_API THTensor *THTensor_(newWithStorage)(THStorage *storage, int64_t storageOffset, int ndim,
                                           const int64_t *sizes, const int64_t *strides);
TH_API THTensor *THTensor_(newWithStorage1d)(THStorage *storage, int64_t storageOffset, int64_t size0, int64_t stride0);
TH_API THTensor *THTensor_(newWithStorage2d)(THStorage *storage, int64_t storageOffset, int64_t size0, int64_t stride0,
                                             int64_t size1, int64_t stride1);
TH_API THTensor *THTensor_(newWithSize)(int ndim, const int64_t *sizes);
TH_API THTensor *THTensor_(newWithSize1d)(int64_t size0);
TH_API THTensor *THTensor_(newWithSize2d)(int64_t size0, int64_t size1);
TH_API THTensor *THTensor_(newWithSize3d)(int64_t size0, int64_t size1, int64_t size2);
TH_API THTensor *THTensor_(newWithSize4d)(int64_t size0, int64_t size1, int64_t size2, int64_t size3);
TH_API THTensor *THTensor_(newClone)(THTensor *self);
TH_API THTensor *THTensor_(newContiguous)(THTensor *self);
/* An uninitialised tensor of self's sizes that keeps self's memory layout when self is dense,
 * and is contiguous otherwise (PyTorch's empty_like). */
TH_API THTensor *THTensor_(newEmptyLike)(THTensor *self);
TH_API THTensor *THTensor_(newSelect)(THTensor *self, int dim, int64_t index);
TH_API THTensor *THTensor_(newNarrow)(THTensor *self, int dim, int64_t first, int64_t size);
TH_API THTensor *THTensor_(newTranspose)(THTensor *self, int dim0, int dim1);
TH_API THTensor *THTensor_(newUnfold)(THTensor *self, int dim, int64_t size, int64_t step);
TH_API THTensor *THTensor_(newView)(THTensor *self, int ndim, const int64_t *sizes);
TH_API THTensor *THTensor_(newExpand)(THTensor *self, int ndim, const int64_t *sizes);
TH_API THTensor *THTensor_(newPermute)(THTensor *self, int ndim, const int *dims);
TH_API THTensor *THTensor_(newAsStrided)(THTensor *self, int ndim, const int64_t *sizes, const int64_t *strides,
                                         int64_t storageOffset);

/* Reshaping in place (on the header; the storage is shared) */
TH_API void THTensor_(resize)(THTensor *self, int ndim, const int64_t *sizes, const int64_t *strides);
TH_API void THTensor_(resizeNd)(THTensor *self, int ndim, const int64_t *sizes, const int64_t *strides);
TH_API void THTensor_(resizeAs)(THTensor *self, THTensor *src);
TH_API void THTensor_(resize0d)(THTensor *self);
TH_API void THTensor_(resize1d)(THTensor *self, int64_t size0);
TH_API void THTensor_(resize2d)(THTensor *self, int64_t size0, int64_t size1);
TH_API void THTensor_(resize3d)(THTensor *self, int64_t size0, int64_t size1, int64_t size2);
TH_API void THTensor_(resize4d)(THTensor *self, int64_t size0, int64_t size1, int64_t size2, int64_t size3);
TH_API void THTensor_(resize5d)(THTensor *self, int64_t size0, int64_t size1, int64_t size2, int64_t size3,
                                int64_t size4);
/* Resizes self to src's sizes; if self must change size it takes src's memory layout when src
 * is dense (used by every op for its result). */
TH_API void THTensor_(resizeLike)(THTensor *self, THTensor *src);
TH_API void THTensor_(set)(THTensor *self, THTensor *src);
TH_API void THTensor_(setStorage)(THTensor *self, THStorage *storage, int64_t storageOffset, int ndim,
                                  const int64_t *sizes, const int64_t *strides);
TH_API void THTensor_(narrow)(THTensor *self, THTensor *src, int dim, int64_t first, int64_t size);
TH_API void THTensor_(select)(THTensor *self, THTensor *src, int dim, int64_t index);
TH_API void THTensor_(transpose)(THTensor *self, THTensor *src, int dim0, int dim1);
TH_API void THTensor_(unfold)(THTensor *self, THTensor *src, int dim, int64_t size, int64_t step);
TH_API void THTensor_(squeeze)(THTensor *self, THTensor *src);
TH_API void THTensor_(squeeze1d)(THTensor *self, THTensor *src, int dim);
TH_API void THTensor_(unsqueeze1d)(THTensor *self, THTensor *src, int dim);

/* Element access by coordinates */
TH_API void THTensor_(set0d)(THTensor *self, real value);
TH_API real THTensor_(get0d)(const THTensor *self);
TH_API void THTensor_(set1d)(THTensor *self, int64_t x0, real value);
TH_API real THTensor_(get1d)(const THTensor *self, int64_t x0);
TH_API void THTensor_(set2d)(THTensor *self, int64_t x0, int64_t x1, real value);
TH_API real THTensor_(get2d)(const THTensor *self, int64_t x0, int64_t x1);
TH_API void THTensor_(set3d)(THTensor *self, int64_t x0, int64_t x1, int64_t x2, real value);
TH_API real THTensor_(get3d)(const THTensor *self, int64_t x0, int64_t x1, int64_t x2);
TH_API void THTensor_(set4d)(THTensor *self, int64_t x0, int64_t x1, int64_t x2, int64_t x3, real value);
TH_API real THTensor_(get4d)(const THTensor *self, int64_t x0, int64_t x1, int64_t x2, int64_t x3);
/* The single element of a tensor with exactly one element, as a double (Tensor.item). */
TH_API double THTensor_(itemDouble)(const THTensor *self);
TH_API int64_t THTensor_(itemLong)(const THTensor *self);

/* Lifetime */
TH_API void THTensor_(retain)(THTensor *self);
TH_API void THTensor_(free)(THTensor *self);
TH_API void THTensor_(freeCopyTo)(THTensor *self, THTensor *dst);

#endif
