#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorPointwise.h"
#else
/* Elementwise math.  Result first; each op resizes r like its first input (keeping a dense
 * input's layout); r may be the input itself (in place).  Tensor operands must have one shape. */

TH_API void THTensor_(fill)(THTensor *r, real value);
TH_API void THTensor_(zero)(THTensor *r);

/* r = t op value */
TH_API void THTensor_(add)(THTensor *r, THTensor *t, real value);
TH_API void THTensor_(sub)(THTensor *r, THTensor *t, real value);
TH_API void THTensor_(mul)(THTensor *r, THTensor *t, real value);
TH_API void THTensor_(div)(THTensor *r, THTensor *t, real value);

/* r = t + value * src, r = t - value * src, r = t * src, r = t / src */
TH_API void THTensor_(cadd)(THTensor *r, THTensor *t, real value, THTensor *src);
TH_API void THTensor_(csub)(THTensor *r, THTensor *t, real value, THTensor *src);
TH_API void THTensor_(cmul)(THTensor *r, THTensor *t, THTensor *src);
TH_API void THTensor_(cdiv)(THTensor *r, THTensor *t, THTensor *src);

TH_API void THTensor_(neg)(THTensor *r, THTensor *t);
TH_API void THTensor_(abs)(THTensor *r, THTensor *t);
#if defined(TH_REAL_IS_FLOATING)
TH_API void THTensor_(exp)(THTensor *r, THTensor *t);
TH_API void THTensor_(log)(THTensor *r, THTensor *t);
TH_API void THTensor_(sqrt)(THTensor *r, THTensor *t);
#endif

/* Comparisons into a Bool tensor: r = t op value, r = a op b */
TH_API void THTensor_(ltValue)(THBoolTensor *r, THTensor *t, real value);
TH_API void THTensor_(leValue)(THBoolTensor *r, THTensor *t, real value);
TH_API void THTensor_(gtValue)(THBoolTensor *r, THTensor *t, real value);
TH_API void THTensor_(geValue)(THBoolTensor *r, THTensor *t, real value);
TH_API void THTensor_(eqValue)(THBoolTensor *r, THTensor *t, real value);
TH_API void THTensor_(neValue)(THBoolTensor *r, THTensor *t, real value);
TH_API void THTensor_(ltTensor)(THBoolTensor *r, THTensor *a, THTensor *b);
TH_API void THTensor_(leTensor)(THBoolTensor *r, THTensor *a, THTensor *b);
TH_API void THTensor_(gtTensor)(THBoolTensor *r, THTensor *a, THTensor *b);
TH_API void THTensor_(geTensor)(THBoolTensor *r, THTensor *a, THTensor *b);
TH_API void THTensor_(eqTensor)(THBoolTensor *r, THTensor *a, THTensor *b);
TH_API void THTensor_(neTensor)(THBoolTensor *r, THTensor *a, THTensor *b);

#endif
