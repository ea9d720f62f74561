#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorPointwise.c"
#else

TH_UNARY_KERNEL(THTensor_(kFill), real, real, v0)
void THTensor_(fill)(THTensor *r, real value) { THTensor_(runUnary)(r, r, THTensor_(kFill), value, 0); }
void THTensor_(zero)(THTensor *r) { THTensor_(fill)(r, (real)0); }

TH_UNARY_KERNEL(THTensor_(kAdd), real, real, a + v0)
TH_UNARY_KERNEL(THTensor_(kSub), real, real, a - v0)
TH_UNARY_KERNEL(THTensor_(kMul), real, real, a * v0)
TH_UNARY_KERNEL(THTensor_(kDiv), real, real, a / v0)
void THTensor_(add)(THTensor *r, THTensor *t, real value) { THTensor_(runUnary)(r, t, THTensor_(kAdd), value, 0); }
void THTensor_(sub)(THTensor *r, THTensor *t, real value) { THTensor_(runUnary)(r, t, THTensor_(kSub), value, 0); }
void THTensor_(mul)(THTensor *r, THTensor *t, real value) { THTensor_(runUnary)(r, t, THTensor_(kMul), value, 0); }
void THTensor_(div)(THTensor *r, THTensor *t, real value) {
#if !defined(TH_REAL_IS_FLOATING)
  THValueCheck(value != 0, "div: expected a non-zero integer divisor, but got 0 (ZeroDivisionError)");
#endif
  THTensor_(runUnary)(r, t, THTensor_(kDiv), value, 0);
}

TH_BINARY_KERNEL(THTensor_(kCAdd1), real, real, a + b)
TH_BINARY_KERNEL(THTensor_(kCAdd), real, real, a + v0 * b)
TH_BINARY_KERNEL(THTensor_(kCSub), real, real, a - v0 * b)
TH_BINARY_KERNEL(THTensor_(kCMul), real, real, a * b)
TH_BINARY_KERNEL(THTensor_(kCDiv), real, real, a / b)

void THTensor_(cadd)(THTensor *r, THTensor *t, real value, THTensor *src) {
  /* value == 1 is the common case: a kernel without the multiply vectorises for every type */
  THTensor_(runBinary)("add", r, t, src, value == (real)1 ? THTensor_(kCAdd1) : THTensor_(kCAdd), value, 0);
}
void THTensor_(csub)(THTensor *r, THTensor *t, real value, THTensor *src) {
  THTensor_(runBinary)("sub", r, t, src, THTensor_(kCSub), value, 0);
}
void THTensor_(cmul)(THTensor *r, THTensor *t, THTensor *src) {
  THTensor_(runBinary)("mul", r, t, src, THTensor_(kCMul), 0, 0);
}

#if !defined(TH_REAL_IS_FLOATING)
/* Integer division by zero is checked before the loop: kernels must not raise. */
static void THTensor_(checkNoZero)(const char *op, THTensor *src) {
  THTensor *c = THTensor_(newContiguous)(src);
  const real *p = THTensor_(data)(c);
  int64_t n = THTensor_(nElement)(c);
  int zero = 0;
  for (int64_t i = 0; i < n; i++) zero |= p[i] == 0;
  THTensor_(free)(c);
  THValueCheck(!zero, "%s: expected non-zero integer divisors, but got a zero (ZeroDivisionError)", op);
}
#endif

void THTensor_(cdiv)(THTensor *r, THTensor *t, THTensor *src) {
#if !defined(TH_REAL_IS_FLOATING)
  THTensor_(checkSameShape)("div", t, src);
  THTensor_(checkNoZero)("div", src);
#endif
  THTensor_(runBinary)("div", r, t, src, THTensor_(kCDiv), 0, 0);
}

TH_UNARY_KERNEL(THTensor_(kNeg), real, real, -a)
void THTensor_(neg)(THTensor *r, THTensor *t) { THTensor_(runUnary)(r, t, THTensor_(kNeg), 0, 0); }

#if defined(TH_REAL_IS_SIGNED)
TH_UNARY_KERNEL(THTensor_(kAbs), real, real, a < 0 ? -a : a)
#else
TH_UNARY_KERNEL(THTensor_(kAbs), real, real, a)
#endif
void THTensor_(abs)(THTensor *r, THTensor *t) { THTensor_(runUnary)(r, t, THTensor_(kAbs), 0, 0); }

#if defined(TH_REAL_IS_FLOATING)
TH_UNARY_KERNEL(THTensor_(kExp), real, real, TH_MATHFN(exp)(a))
TH_UNARY_KERNEL(THTensor_(kLog), real, real, TH_MATHFN(log)(a))
TH_UNARY_KERNEL(THTensor_(kSqrt), real, real, TH_MATHFN(sqrt)(a))
void THTensor_(exp)(THTensor *r, THTensor *t) { THTensor_(runUnary)(r, t, THTensor_(kExp), 0, 0); }
void THTensor_(log)(THTensor *r, THTensor *t) { THTensor_(runUnary)(r, t, THTensor_(kLog), 0, 0); }
void THTensor_(sqrt)(THTensor *r, THTensor *t) { THTensor_(runUnary)(r, t, THTensor_(kSqrt), 0, 0); }
#endif

#define TH_COMPARISON(NAME, OP)                                                                   \
  TH_UNARY_KERNEL(THTensor_(TH_CONCAT_2(k, NAME##Value)), bool, real, a OP v0)                    \
  TH_BINARY_KERNEL(THTensor_(TH_CONCAT_2(k, NAME##Tensor)), bool, real, a OP b)                   \
  void THTensor_(NAME##Value)(THBoolTensor * r, THTensor * t, real value) {                       \
    THTensor_(runUnaryToBool)(r, t, THTensor_(TH_CONCAT_2(k, NAME##Value)), value);               \
  }                                                                                               \
  void THTensor_(NAME##Tensor)(THBoolTensor * r, THTensor * a, THTensor * b) {                    \
    THTensor_(runBinaryToBool)(#NAME, r, a, b, THTensor_(TH_CONCAT_2(k, NAME##Tensor)));         \
  }
TH_COMPARISON(lt, <)
TH_COMPARISON(le, <=)
TH_COMPARISON(gt, >)
TH_COMPARISON(ge, >=)
TH_COMPARISON(eq, ==)
TH_COMPARISON(ne, !=)
#undef TH_COMPARISON

#endif
