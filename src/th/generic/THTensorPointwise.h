#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorPointwise.h"
#else
/* Elementwise math.  Result first; each op resizes r like its first tensor input (keeping a dense
 * input's layout); r may be that input itself (in place).  Tensor operands must have one shape
 * (the bindings broadcast first).  Integer arithmetic wraps on overflow.  Ops whose result is a
 * THBoolTensor r resize r the same way.  Half computes through float. */

/* r[i] = value */
TH_API void THTensor_(fill)(THTensor *r, real value);
/* r[i] = 0 */
TH_API void THTensor_(zero)(THTensor *r);

/* r = t op value (integer div truncates; a zero integer divisor raises) */
TH_API void THTensor_(add)(THTensor *r, THTensor *t, real value);
TH_API void THTensor_(sub)(THTensor *r, THTensor *t, real value);
TH_API void THTensor_(mul)(THTensor *r, THTensor *t, real value);
TH_API void THTensor_(div)(THTensor *r, THTensor *t, real value);
/* r = t + value * alpha, r = t - value * alpha (torch.add/sub with a scalar other and alpha) */
TH_API void THTensor_(add_scaled)(THTensor *r, THTensor *t, real value, real alpha);
TH_API void THTensor_(sub_scaled)(THTensor *r, THTensor *t, real value, real alpha);

/* r = t + value * src, r = t - value * src, r = t * src, r = t / src */
TH_API void THTensor_(cadd)(THTensor *r, THTensor *t, real value, THTensor *src);
TH_API void THTensor_(csub)(THTensor *r, THTensor *t, real value, THTensor *src);
TH_API void THTensor_(cmul)(THTensor *r, THTensor *t, THTensor *src);
TH_API void THTensor_(cdiv)(THTensor *r, THTensor *t, THTensor *src);

/* r = -t, r = |t| */
TH_API void THTensor_(neg)(THTensor *r, THTensor *t);
TH_API void THTensor_(abs)(THTensor *r, THTensor *t);
/* r = -1, 0 or 1 by the sign of t (NaN and -0.0 give 0, as in PyTorch; Bool: r = t) */
TH_API void THTensor_(sign)(THTensor *r, THTensor *t);

/* r = max(t, src), min(t, src), max(t, value), min(t, value); a NaN on either side wins */
TH_API void THTensor_(cmax)(THTensor *r, THTensor *t, THTensor *src);
TH_API void THTensor_(cmin)(THTensor *r, THTensor *t, THTensor *src);
TH_API void THTensor_(cmaxValue)(THTensor *r, THTensor *t, real value);
TH_API void THTensor_(cminValue)(THTensor *r, THTensor *t, real value);

/* Bool r = isnan(t), isinf(t), isfinite(t) (integers: false, false, true) */
TH_API void THTensor_(isnan)(THBoolTensor *r, THTensor *t);
TH_API void THTensor_(isinf)(THBoolTensor *r, THTensor *t);
TH_API void THTensor_(isfinite)(THBoolTensor *r, THTensor *t);

/* Bool r = !t, a && b, a || b, a != b, reading nonzero (NaN included) as true */
TH_API void THTensor_(logicalNot)(THBoolTensor *r, THTensor *t);
TH_API void THTensor_(logicalAnd)(THBoolTensor *r, THTensor *a, THTensor *b);
TH_API void THTensor_(logicalOr)(THBoolTensor *r, THTensor *a, THTensor *b);
TH_API void THTensor_(logicalXor)(THBoolTensor *r, THTensor *a, THTensor *b);

#if !defined(TH_REAL_IS_BOOLEAN)
/* r = min(max(t, min), max): NaN in t or a bound gives NaN; min > max gives max */
TH_API void THTensor_(clamp)(THTensor *r, THTensor *t, real min, real max);
TH_API void THTensor_(clampMin)(THTensor *r, THTensor *t, real min);
TH_API void THTensor_(clampMax)(THTensor *r, THTensor *t, real max);

/* r = fmod(t, value): the remainder of truncated division, with the dividend's sign */
TH_API void THTensor_(fmod)(THTensor *r, THTensor *t, real value);
/* r = t % value as in Python: the remainder of floor division, with the divisor's sign */
TH_API void THTensor_(remainder)(THTensor *r, THTensor *t, real value);
/* r = fmod(t, src), r = t % src elementwise */
TH_API void THTensor_(cfmod)(THTensor *r, THTensor *t, THTensor *src);
TH_API void THTensor_(cremainder)(THTensor *r, THTensor *t, THTensor *src);
/* r = t // value, r = t // src as in Python: the floor of the true quotient */
TH_API void THTensor_(floorDivide)(THTensor *r, THTensor *t, real value);
TH_API void THTensor_(cfloorDivide)(THTensor *r, THTensor *t, THTensor *src);

/* r = t ^ value (integer t: value < 0 raises), r = value ^ t, r = t ^ src.  Integer tensor
 * exponents below 0 follow PyTorch: 1 and -1 keep their powers, any other base gives 0. */
TH_API void THTensor_(pow)(THTensor *r, THTensor *t, real value);
TH_API void THTensor_(tpow)(THTensor *r, real value, THTensor *t);
TH_API void THTensor_(cpow)(THTensor *r, THTensor *t, THTensor *src);

/* r = t + value * src1 * src2 */
TH_API void THTensor_(addcmul)(THTensor *r, THTensor *t, real value, THTensor *src1, THTensor *src2);

/* Integer types: returned unchanged (PyTorch copies).  Floating: see below. */
TH_API void THTensor_(ceil)(THTensor *r, THTensor *t);
TH_API void THTensor_(floor)(THTensor *r, THTensor *t);
TH_API void THTensor_(round)(THTensor *r, THTensor *t);
TH_API void THTensor_(trunc)(THTensor *r, THTensor *t);
#endif

#if !defined(TH_REAL_IS_FLOATING)
/* r = t & value, t | value, t ^ value, and the same with a tensor src; r = ~t (Bool: !t) */
TH_API void THTensor_(bitand)(THTensor *r, THTensor *t, real value);
TH_API void THTensor_(bitor)(THTensor *r, THTensor *t, real value);
TH_API void THTensor_(bitxor)(THTensor *r, THTensor *t, real value);
TH_API void THTensor_(cbitand)(THTensor *r, THTensor *t, THTensor *src);
TH_API void THTensor_(cbitor)(THTensor *r, THTensor *t, THTensor *src);
TH_API void THTensor_(cbitxor)(THTensor *r, THTensor *t, THTensor *src);
TH_API void THTensor_(bitnot)(THTensor *r, THTensor *t);
#endif

#if defined(TH_REAL_IS_INTEGRAL)
/* r = t << value, t >> value (arithmetic for signed types), and with a tensor src.  As in
 * PyTorch, a shift below 0 or by the bit width or more gives 0 (<<) or t's sign fill (>>). */
TH_API void THTensor_(lshift)(THTensor *r, THTensor *t, real value);
TH_API void THTensor_(rshift)(THTensor *r, THTensor *t, real value);
TH_API void THTensor_(clshift)(THTensor *r, THTensor *t, THTensor *src);
TH_API void THTensor_(crshift)(THTensor *r, THTensor *t, THTensor *src);
#endif

#if defined(TH_REAL_IS_FLOATING)
/* r = f(t) with f the libm function of the same name (exp, log, tanh and sigmoid are vectorised
 * for Float and Half); ceil/floor/trunc/round (half to even) round; frac = t - trunc(t);
 * cinv = 1 / t; rsqrt = 1 / sqrt(t); sigmoid = 1 / (1 + exp(-t)). */
TH_API void THTensor_(acos)(THTensor *r, THTensor *t);
TH_API void THTensor_(asin)(THTensor *r, THTensor *t);
TH_API void THTensor_(atan)(THTensor *r, THTensor *t);
TH_API void THTensor_(cos)(THTensor *r, THTensor *t);
TH_API void THTensor_(cosh)(THTensor *r, THTensor *t);
TH_API void THTensor_(erf)(THTensor *r, THTensor *t);
TH_API void THTensor_(erfinv)(THTensor *r, THTensor *t);
TH_API void THTensor_(exp)(THTensor *r, THTensor *t);
TH_API void THTensor_(expm1)(THTensor *r, THTensor *t);
TH_API void THTensor_(frac)(THTensor *r, THTensor *t);
TH_API void THTensor_(lgamma)(THTensor *r, THTensor *t);
TH_API void THTensor_(log)(THTensor *r, THTensor *t);
TH_API void THTensor_(log10)(THTensor *r, THTensor *t);
TH_API void THTensor_(log1p)(THTensor *r, THTensor *t);
TH_API void THTensor_(log2)(THTensor *r, THTensor *t);
TH_API void THTensor_(cinv)(THTensor *r, THTensor *t);
TH_API void THTensor_(rsqrt)(THTensor *r, THTensor *t);
TH_API void THTensor_(sigmoid)(THTensor *r, THTensor *t);
TH_API void THTensor_(sin)(THTensor *r, THTensor *t);
TH_API void THTensor_(sinh)(THTensor *r, THTensor *t);
TH_API void THTensor_(sqrt)(THTensor *r, THTensor *t);
TH_API void THTensor_(tan)(THTensor *r, THTensor *t);
TH_API void THTensor_(tanh)(THTensor *r, THTensor *t);

/* r = atan2(a, b) */
TH_API void THTensor_(atan2)(THTensor *r, THTensor *a, THTensor *b);
/* r = a + weight * (b - a), computed from b's side when |weight| >= 0.5 (exact at weight 1) */
TH_API void THTensor_(lerp)(THTensor *r, THTensor *a, THTensor *b, real weight);
TH_API void THTensor_(clerp)(THTensor *r, THTensor *a, THTensor *b, THTensor *weight);
/* r = t + value * src1 / src2 */
TH_API void THTensor_(addcdiv)(THTensor *r, THTensor *t, real value, THTensor *src1, THTensor *src2);
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
