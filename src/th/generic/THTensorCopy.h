#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorCopy.h"
#else
/* Copies into self from a tensor of any type, converting elements as C casts do (to Bool: nonzero
 * is true).  src must have self's shape, or (TH's rule) the same number of elements, which are
 * then taken in row-major order. */
TH_API void THTensor_(copy)(THTensor *self, THTensor *src);
#define TH_DECLARE_COPY_FROM(SrcReal, srcreal) \
  TH_API void THTensor_(TH_CONCAT_2(copy, SrcReal))(THTensor *self, TH_CONCAT_3(TH, SrcReal, Tensor) *src);
TH_FORALL_TYPES(TH_DECLARE_COPY_FROM)
#undef TH_DECLARE_COPY_FROM
#endif
