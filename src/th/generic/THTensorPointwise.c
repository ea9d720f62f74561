#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorPointwise.c"
#else

/* opreal: the type one element's arithmetic runs in.  Half goes through float (like PyTorch's
 * opmath) so that a + w * (b - a) and friends round once, not at every step. */
#if defined(TH_REAL_IS_HALF)
#define opreal float
#else
#define opreal real
#endif

#if defined(TH_REAL_IS_FLOATING)
#define TH_ISNAN(x) ((x) != (x))
#else
#define TH_ISNAN(x) 0
#endif
/* max/min where a NaN on either side wins (torch.maximum/minimum); | rather than || keeps
 * the condition free of branches */
#define TH_MAX_NAN(x, y) (((x) > (y)) | TH_ISNAN(x) ? (x) : (y))
#define TH_MIN_NAN(x, y) (((x) < (y)) | TH_ISNAN(x) ? (x) : (y))

/* Scalar kernels see the scalar as v0; tensor kernels see the second operand as b.  An op written
 * once as FN(a, b) gets both kernels: <NAME>Value (b = v0) and <NAME>Tensor. */
#define TH_VALUE_AND_TENSOR_KERNELS(NAME, FN)                                            \
  TH_UNARY_KERNEL(THTensor_(TH_CONCAT_2(NAME, ValueKernel)), real, real, FN(a, v0))      \
  TH_BINARY_KERNEL(THTensor_(TH_CONCAT_2(NAME, TensorKernel)), real, real, FN(a, b))
#define TH_VALUE_KERNEL(NAME) THTensor_(TH_CONCAT_2(NAME, ValueKernel))
#define TH_TENSOR_KERNEL(NAME) THTensor_(TH_CONCAT_2(NAME, TensorKernel))

/* ---- fill, scalar and tensor arithmetic --------------------------------------------------- */

TH_UNARY_KERNEL(THTensor_(kFill), real, real, v0)
void THTensor_(fill)(THTensor *r, real value) { THTensor_(runUnary)(r, r, THTensor_(kFill), value, 0); }
void THTensor_(zero)(THTensor *r) { THTensor_(fill)(r, (real)0); }

#if !defined(TH_REAL_IS_FLOATING)
/* Integer division by zero is checked before the loop: kernels must not raise. */
static void THTensor_(checkNonZeroValue)(const char *op, real value) {
  THValueCheck(value != 0, "%s: expected a non-zero integer divisor, but got 0 (ZeroDivisionError)", op);
}
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

/* Truncating division.  MIN / -1 overflows, and x86 traps on it for 32- and 64-bit integers, so
 * a -1 divisor negates in wrapping unsigned arithmetic instead (PyTorch's result). */
#if defined(TH_REAL_IS_INTEGRAL) && defined(TH_REAL_IS_SIGNED)
#define TH_DIV(x, y) ((y) == -1 ? (real)(0 - (uint64_t)(x)) : (real)((x) / (y)))
#else
#define TH_DIV(x, y) ((x) / (y))
#endif

TH_UNARY_KERNEL(THTensor_(kAdd), real, real, a + v0)
TH_UNARY_KERNEL(THTensor_(kSub), real, real, a - v0)
TH_UNARY_KERNEL(THTensor_(kMul), real, real, a * v0)
TH_UNARY_KERNEL(THTensor_(kDiv), real, real, TH_DIV(a, v0))
TH_UNARY_KERNEL(THTensor_(kAddScaled), real, real, (opreal)a + (opreal)v0 * (opreal)v1)
void THTensor_(add)(THTensor *r, THTensor *t, real value) { THTensor_(runUnary)(r, t, THTensor_(kAdd), value, 0); }
void THTensor_(sub)(THTensor *r, THTensor *t, real value) { THTensor_(runUnary)(r, t, THTensor_(kSub), value, 0); }
void THTensor_(mul)(THTensor *r, THTensor *t, real value) { THTensor_(runUnary)(r, t, THTensor_(kMul), value, 0); }
void THTensor_(div)(THTensor *r, THTensor *t, real value) {
#if !defined(TH_REAL_IS_FLOATING)
  THTensor_(checkNonZeroValue)("div", value);
#endif
  THTensor_(runUnary)(r, t, THTensor_(kDiv), value, 0);
}
void THTensor_(add_scaled)(THTensor *r, THTensor *t, real value, real alpha) {
  THTensor_(runUnary)(r, t, THTensor_(kAddScaled), value, alpha);
}
void THTensor_(sub_scaled)(THTensor *r, THTensor *t, real value, real alpha) {
  THTensor_(runUnary)(r, t, THTensor_(kAddScaled), value, (real)-alpha);
}

TH_BINARY_KERNEL(THTensor_(kCAdd1), real, real, a + b)
TH_BINARY_KERNEL(THTensor_(kCAdd), real, real, a + v0 * b)
TH_BINARY_KERNEL(THTensor_(kCSub), real, real, a - v0 * b)
TH_BINARY_KERNEL(THTensor_(kCMul), real, real, a * b)
TH_BINARY_KERNEL(THTensor_(kCDiv), real, real, TH_DIV(a, b))

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
void THTensor_(cdiv)(THTensor *r, THTensor *t, THTensor *src) {
#if !defined(TH_REAL_IS_FLOATING)
  THTensor_(checkSameShape)("div", t, src);
  THTensor_(checkNoZero)("div", src);
#endif
  THTensor_(runBinary)("div", r, t, src, THTensor_(kCDiv), 0, 0);
}

/* ---- sign-like unary ops, max/min ----------------------------------------------------------- */

TH_UNARY_KERNEL(THTensor_(kNeg), real, real, -a)
#if defined(TH_REAL_IS_SIGNED)
TH_UNARY_KERNEL(THTensor_(kAbs), real, real, a < 0 ? -a : a)
/* comparisons, so NaN and -0.0 give 0 as in PyTorch */
TH_UNARY_KERNEL(THTensor_(kSign), real, real, (0 < a) - (a < 0))
#else
TH_UNARY_KERNEL(THTensor_(kAbs), real, real, a)
TH_UNARY_KERNEL(THTensor_(kSign), real, real, a != 0)
#endif
void THTensor_(neg)(THTensor *r, THTensor *t) { THTensor_(runUnary)(r, t, THTensor_(kNeg), 0, 0); }
void THTensor_(abs)(THTensor *r, THTensor *t) { THTensor_(runUnary)(r, t, THTensor_(kAbs), 0, 0); }
void THTensor_(sign)(THTensor *r, THTensor *t) { THTensor_(runUnary)(r, t, THTensor_(kSign), 0, 0); }

TH_VALUE_AND_TENSOR_KERNELS(max, TH_MAX_NAN)
TH_VALUE_AND_TENSOR_KERNELS(min, TH_MIN_NAN)
void THTensor_(cmax)(THTensor *r, THTensor *t, THTensor *src) {
  THTensor_(runBinary)("maximum", r, t, src, TH_TENSOR_KERNEL(max), 0, 0);
}
void THTensor_(cmin)(THTensor *r, THTensor *t, THTensor *src) {
  THTensor_(runBinary)("minimum", r, t, src, TH_TENSOR_KERNEL(min), 0, 0);
}
void THTensor_(cmaxValue)(THTensor *r, THTensor *t, real value) { THTensor_(runUnary)(r, t, TH_VALUE_KERNEL(max), value, 0); }
void THTensor_(cminValue)(THTensor *r, THTensor *t, real value) { THTensor_(runUnary)(r, t, TH_VALUE_KERNEL(min), value, 0); }

/* ---- classification and logic into Bool ------------------------------------------------------ */

#if defined(TH_REAL_IS_FLOATING)
TH_UNARY_KERNEL(THTensor_(kIsNan), bool, real, a != a)
TH_UNARY_KERNEL(THTensor_(kIsInf), bool, real, a == (real)INFINITY || a == -(real)INFINITY)
TH_UNARY_KERNEL(THTensor_(kIsFinite), bool, real, a == a && a != (real)INFINITY && a != -(real)INFINITY)
#else
TH_UNARY_KERNEL(THTensor_(kIsNan), bool, real, false)
TH_UNARY_KERNEL(THTensor_(kIsInf), bool, real, false)
TH_UNARY_KERNEL(THTensor_(kIsFinite), bool, real, true)
#endif
void THTensor_(isnan)(THBoolTensor *r, THTensor *t) { THTensor_(runUnaryToBool)(r, t, THTensor_(kIsNan), 0); }
void THTensor_(isinf)(THBoolTensor *r, THTensor *t) { THTensor_(runUnaryToBool)(r, t, THTensor_(kIsInf), 0); }
void THTensor_(isfinite)(THBoolTensor *r, THTensor *t) { THTensor_(runUnaryToBool)(r, t, THTensor_(kIsFinite), 0); }

/* & and | rather than && and || keep the loops free of branches */
TH_UNARY_KERNEL(THTensor_(kLogicalNot), bool, real, a == 0)
TH_BINARY_KERNEL(THTensor_(kLogicalAnd), bool, real, (a != 0) & (b != 0))
TH_BINARY_KERNEL(THTensor_(kLogicalOr), bool, real, (a != 0) | (b != 0))
TH_BINARY_KERNEL(THTensor_(kLogicalXor), bool, real, (a != 0) != (b != 0))
void THTensor_(logicalNot)(THBoolTensor *r, THTensor *t) { THTensor_(runUnaryToBool)(r, t, THTensor_(kLogicalNot), 0); }
void THTensor_(logicalAnd)(THBoolTensor *r, THTensor *a, THTensor *b) {
  THTensor_(runBinaryToBool)("logical_and", r, a, b, THTensor_(kLogicalAnd));
}
void THTensor_(logicalOr)(THBoolTensor *r, THTensor *a, THTensor *b) {
  THTensor_(runBinaryToBool)("logical_or", r, a, b, THTensor_(kLogicalOr));
}
void THTensor_(logicalXor)(THBoolTensor *r, THTensor *a, THTensor *b) {
  THTensor_(runBinaryToBool)("logical_xor", r, a, b, THTensor_(kLogicalXor));
}

#if !defined(TH_REAL_IS_BOOLEAN)
/* ---- clamp -------------------------------------------------------------------------------------- */

/* NaN bounds are handled by clamp() itself: this form (unlike max-then-min with NaN checks)
 * vectorises */
static inline real THTensor_(clampOp)(real x, real lo, real hi) {
  real m = x < lo ? lo : x;
  m = m > hi ? hi : m;
  return TH_ISNAN(x) ? x : m;
}
TH_UNARY_KERNEL(THTensor_(kClamp), real, real, THTensor_(clampOp)(a, v0, v1))
void THTensor_(clamp)(THTensor *r, THTensor *t, real min, real max) {
  /* a NaN bound makes every element NaN, as torch.maximum/minimum would */
  if (TH_ISNAN(min) || TH_ISNAN(max))
    THTensor_(runUnary)(r, t, THTensor_(kFill), TH_ISNAN(min) ? min : max, 0);
  else
    THTensor_(runUnary)(r, t, THTensor_(kClamp), min, max);
}
void THTensor_(clampMin)(THTensor *r, THTensor *t, real min) { THTensor_(cmaxValue)(r, t, min); }
void THTensor_(clampMax)(THTensor *r, THTensor *t, real max) { THTensor_(cminValue)(r, t, max); }

/* ---- fmod, remainder, floor division ------------------------------------------------------------ */

#if defined(TH_REAL_IS_FLOATING)
static inline opreal THTensor_(fmodOp)(opreal x, opreal y) { return TH_MATHFN(fmod)(x, y); }
/* fmod moved onto the divisor's side; IEEE results (NaN) for y = 0 and infinite x */
static inline opreal THTensor_(remainderOp)(opreal x, opreal y) {
  const opreal m = TH_MATHFN(fmod)(x, y);
  return m != 0 && (m < 0) != (y < 0) ? m + y : m;
}
/* Python's float //: (x - fmod(x, y)) / y is exact up to rounding, which the last step removes;
 * y = 0 gives the IEEE quotient and a zero result keeps the quotient's sign. */
static inline opreal THTensor_(floorDivOp)(opreal x, opreal y) {
  if (y == 0) return x / y;
  const opreal m = TH_MATHFN(fmod)(x, y);
  opreal q = (x - m) / y;
  if (m != 0 && (y < 0) != (m < 0)) q -= 1;
  if (q == 0) return TH_MATHFN(copysign)(0, x / y);
  const opreal f = TH_MATHFN(floor)(q);
  return q - f > (opreal)0.5 ? f + 1 : f;
}
#else
/* y != 0 (checked before the loop); y = -1 is special-cased against the MIN / -1 trap */
#if defined(TH_REAL_IS_SIGNED)
static inline real THTensor_(fmodOp)(real x, real y) { return y == -1 ? 0 : x % y; }
static inline real THTensor_(remainderOp)(real x, real y) {
  const real m = THTensor_(fmodOp)(x, y);
  return m != 0 && (m < 0) != (y < 0) ? (real)(m + y) : m;
}
static inline real THTensor_(floorDivOp)(real x, real y) {
  const real q = TH_DIV(x, y);
  return THTensor_(fmodOp)(x, y) != 0 && (x < 0) != (y < 0) ? (real)(q - 1) : q;
}
#else
static inline real THTensor_(fmodOp)(real x, real y) { return x % y; }
static inline real THTensor_(remainderOp)(real x, real y) { return x % y; }
static inline real THTensor_(floorDivOp)(real x, real y) { return x / y; }
#endif
#endif

TH_VALUE_AND_TENSOR_KERNELS(fmod, THTensor_(fmodOp))
TH_VALUE_AND_TENSOR_KERNELS(remainder, THTensor_(remainderOp))
TH_VALUE_AND_TENSOR_KERNELS(floorDiv, THTensor_(floorDivOp))

/* op(r, t, value) and cop(r, t, src) with the integer zero-divisor checks */
#if defined(TH_REAL_IS_FLOATING)
#define TH_DIVISION_OP(NAME, CNAME, KNAME, OPNAME)                                            \
  void THTensor_(NAME)(THTensor *r, THTensor *t, real value) {                                \
    THTensor_(runUnary)(r, t, TH_VALUE_KERNEL(KNAME), value, 0);                              \
  }                                                                                           \
  void THTensor_(CNAME)(THTensor *r, THTensor *t, THTensor *src) {                            \
    THTensor_(runBinary)(OPNAME, r, t, src, TH_TENSOR_KERNEL(KNAME), 0, 0);                   \
  }
#else
#define TH_DIVISION_OP(NAME, CNAME, KNAME, OPNAME)                                            \
  void THTensor_(NAME)(THTensor *r, THTensor *t, real value) {                                \
    THTensor_(checkNonZeroValue)(OPNAME, value);                                              \
    THTensor_(runUnary)(r, t, TH_VALUE_KERNEL(KNAME), value, 0);                              \
  }                                                                                           \
  void THTensor_(CNAME)(THTensor *r, THTensor *t, THTensor *src) {                            \
    THTensor_(checkSameShape)(OPNAME, t, src);                                                \
    THTensor_(checkNoZero)(OPNAME, src);                                                      \
    THTensor_(runBinary)(OPNAME, r, t, src, TH_TENSOR_KERNEL(KNAME), 0, 0);                   \
  }
#endif
TH_DIVISION_OP(fmod, cfmod, fmod, "fmod")
TH_DIVISION_OP(remainder, cremainder, remainder, "remainder")
TH_DIVISION_OP(floorDivide, cfloorDivide, floorDiv, "floor_divide")
#undef TH_DIVISION_OP

/* ---- pow ----------------------------------------------------------------------------------------- */

#if defined(TH_REAL_IS_FLOATING)
#define TH_POW(x, y) TH_MATHFN(pow)(x, y)
/* the exponents PyTorch computes without pow (its results, e.g. pow(-inf, 0.5) = sqrt(-inf)) */
TH_UNARY_KERNEL(THTensor_(kPowSquare), real, real, (opreal)a * (opreal)a)
TH_UNARY_KERNEL(THTensor_(kPowCube), real, real, (opreal)a * (opreal)a * (opreal)a)
TH_UNARY_KERNEL(THTensor_(kPowSqrt), real, real, TH_MATHFN(sqrt)(a))
TH_UNARY_KERNEL(THTensor_(kPowRsqrt), real, real, 1 / TH_MATHFN(sqrt)(a))
TH_UNARY_KERNEL(THTensor_(kPowInverse), real, real, 1 / (opreal)a)
TH_UNARY_KERNEL(THTensor_(kPowInverseSquare), real, real, 1 / ((opreal)a * (opreal)a))
#else
/* x^y by squaring, wrapping like the other integer ops.  y < 0 as in PyTorch: 1 and -1 keep their
 * powers, any other base gives 0. */
static inline real THTensor_(ipow)(real x, real y) {
#if defined(TH_REAL_IS_SIGNED)
  if (y < 0) return x == 1 ? 1 : x == -1 ? (y & 1 ? -1 : 1) : 0;
#endif
  uint64_t p = 1, s = (uint64_t)x;
  for (uint64_t e = (uint64_t)y; e; e >>= 1) {
    if (e & 1) p *= s;
    s *= s;
  }
  return (real)p;
}
#define TH_POW(x, y) THTensor_(ipow)(x, y)
#endif
TH_UNARY_KERNEL(THTensor_(kPow), real, real, TH_POW(a, v0))
TH_UNARY_KERNEL(THTensor_(kTPow), real, real, TH_POW(v0, a))
TH_BINARY_KERNEL(THTensor_(kCPow), real, real, TH_POW(a, b))

void THTensor_(pow)(THTensor *r, THTensor *t, real value) {
  THIterKernel kernel = THTensor_(kPow);
#if defined(TH_REAL_IS_FLOATING)
  const opreal v = value;
  kernel = v == 2 ? THTensor_(kPowSquare)
         : v == 3 ? THTensor_(kPowCube)
         : v == 0.5 ? THTensor_(kPowSqrt)
         : v == -0.5 ? THTensor_(kPowRsqrt)
         : v == -1 ? THTensor_(kPowInverse)
         : v == -2 ? THTensor_(kPowInverseSquare)
         : kernel;
#elif defined(TH_REAL_IS_SIGNED)
  THValueCheck(value >= 0,
               "pow: expected a non-negative exponent for an integer tensor, but got %lld (Integers to "
               "negative integer powers are not allowed.)",
               (long long)value);
#endif
  THTensor_(runUnary)(r, t, kernel, value, 0);
}
void THTensor_(tpow)(THTensor *r, real value, THTensor *t) { THTensor_(runUnary)(r, t, THTensor_(kTPow), value, 0); }
void THTensor_(cpow)(THTensor *r, THTensor *t, THTensor *src) {
  THTensor_(runBinary)("pow", r, t, src, THTensor_(kCPow), 0, 0);
}
#undef TH_POW

/* ---- addcmul, integer-valued rounding --------------------------------------------------------- */

TH_TERNARY_KERNEL(THTensor_(kAddcmul), real, real, (opreal)a + (opreal)v0 * (opreal)b * (opreal)c)
void THTensor_(addcmul)(THTensor *r, THTensor *t, real value, THTensor *src1, THTensor *src2) {
  THTensor_(runTernary)("addcmul", r, t, src1, src2, THTensor_(kAddcmul), value, 0);
}

#if defined(TH_REAL_IS_FLOATING)
#define TH_ROUNDING(f, x) TH_MATHFN(f)(x)
#else
#define TH_ROUNDING(f, x) (x) /* integers are whole already */
#endif
TH_UNARY_KERNEL(THTensor_(kCeil), real, real, TH_ROUNDING(ceil, a))
TH_UNARY_KERNEL(THTensor_(kFloor), real, real, TH_ROUNDING(floor, a))
/* rint rounds halves to even in the default rounding mode, like PyTorch and NumPy */
TH_UNARY_KERNEL(THTensor_(kRound), real, real, TH_ROUNDING(rint, a))
TH_UNARY_KERNEL(THTensor_(kTrunc), real, real, TH_ROUNDING(trunc, a))
#undef TH_ROUNDING
void THTensor_(ceil)(THTensor *r, THTensor *t) { THTensor_(runUnary)(r, t, THTensor_(kCeil), 0, 0); }
void THTensor_(floor)(THTensor *r, THTensor *t) { THTensor_(runUnary)(r, t, THTensor_(kFloor), 0, 0); }
void THTensor_(round)(THTensor *r, THTensor *t) { THTensor_(runUnary)(r, t, THTensor_(kRound), 0, 0); }
void THTensor_(trunc)(THTensor *r, THTensor *t) { THTensor_(runUnary)(r, t, THTensor_(kTrunc), 0, 0); }
#endif /* !TH_REAL_IS_BOOLEAN */

#if !defined(TH_REAL_IS_FLOATING)
/* ---- bitwise ops ------------------------------------------------------------------------------- */

#define TH_BITAND(x, y) ((x) & (y))
#define TH_BITOR(x, y) ((x) | (y))
#define TH_BITXOR(x, y) ((x) ^ (y))
TH_VALUE_AND_TENSOR_KERNELS(bitand, TH_BITAND)
TH_VALUE_AND_TENSOR_KERNELS(bitor, TH_BITOR)
TH_VALUE_AND_TENSOR_KERNELS(bitxor, TH_BITXOR)
#undef TH_BITAND
#undef TH_BITOR
#undef TH_BITXOR

/* op(r, t, value) and cop(r, t, src) from the value and tensor kernels of KNAME */
#define TH_VALUE_AND_TENSOR_OP(NAME, CNAME, KNAME, OPNAME)                                    \
  void THTensor_(NAME)(THTensor *r, THTensor *t, real value) {                                \
    THTensor_(runUnary)(r, t, TH_VALUE_KERNEL(KNAME), value, 0);                              \
  }                                                                                           \
  void THTensor_(CNAME)(THTensor *r, THTensor *t, THTensor *src) {                            \
    THTensor_(runBinary)(OPNAME, r, t, src, TH_TENSOR_KERNEL(KNAME), 0, 0);                   \
  }
TH_VALUE_AND_TENSOR_OP(bitand, cbitand, bitand, "bitwise_and")
TH_VALUE_AND_TENSOR_OP(bitor, cbitor, bitor, "bitwise_or")
TH_VALUE_AND_TENSOR_OP(bitxor, cbitxor, bitxor, "bitwise_xor")

#if defined(TH_REAL_IS_BOOLEAN)
TH_UNARY_KERNEL(THTensor_(kBitnot), real, real, !a)
#else
TH_UNARY_KERNEL(THTensor_(kBitnot), real, real, ~a)
#endif
void THTensor_(bitnot)(THTensor *r, THTensor *t) { THTensor_(runUnary)(r, t, THTensor_(kBitnot), 0, 0); }

#if defined(TH_REAL_IS_INTEGRAL)
/* PyTorch's shifts: out-of-range counts saturate instead of being undefined.  << shifts the
 * unsigned bits (no signed overflow); >> of a signed value shifts in copies of its sign. */
#define TH_NBITS ((int)(8 * sizeof(real)))
#if defined(TH_REAL_IS_SIGNED)
#define TH_MAX_RSHIFT (TH_NBITS - 1)
#define TH_BAD_SHIFT(y, limit) ((y) < 0 || (y) >= (limit))
#else
#define TH_MAX_RSHIFT TH_NBITS
#define TH_BAD_SHIFT(y, limit) ((y) >= (limit))
#endif
#define TH_LSHIFT(x, y) (TH_BAD_SHIFT(y, TH_NBITS) ? (real)0 : (real)((uint64_t)(x) << (y)))
#define TH_RSHIFT(x, y) ((real)(TH_BAD_SHIFT(y, TH_MAX_RSHIFT) ? (x) >> TH_MAX_RSHIFT : (x) >> (y)))
TH_VALUE_AND_TENSOR_KERNELS(lshift, TH_LSHIFT)
TH_VALUE_AND_TENSOR_KERNELS(rshift, TH_RSHIFT)
TH_VALUE_AND_TENSOR_OP(lshift, clshift, lshift, "bitwise_left_shift")
TH_VALUE_AND_TENSOR_OP(rshift, crshift, rshift, "bitwise_right_shift")
#undef TH_LSHIFT
#undef TH_RSHIFT
#undef TH_BAD_SHIFT
#undef TH_MAX_RSHIFT
#undef TH_NBITS
#endif
#undef TH_VALUE_AND_TENSOR_OP
#endif /* !TH_REAL_IS_FLOATING */

#if defined(TH_REAL_IS_FLOATING)
/* ---- floating unary math ----------------------------------------------------------------------- */

/* exp, log, tanh, sigmoid: THVectorMath's vectorisable versions for Float and Half, libm (and
 * THPointwise_sigmoid) for Double */
#if defined(TH_REAL_IS_DOUBLE)
#define TH_FASTFN(f) TH_CONCAT_2(THPointwise_fast_, f)
#define THPointwise_fast_exp exp
#define THPointwise_fast_log log
#define THPointwise_fast_tanh tanh
#define THPointwise_fast_sigmoid THPointwise_sigmoid
#else
#define TH_FASTFN(name) TH_CONCAT_3(THVector_, name, f)
#endif

/* _(name, expression of a) for every floating unary op */
#define TH_FLOATING_UNARY_OPS(_)                                     \
  _(acos, TH_MATHFN(acos)(a))                                        \
  _(asin, TH_MATHFN(asin)(a))                                        \
  _(atan, TH_MATHFN(atan)(a))                                        \
  _(cos, TH_MATHFN(cos)(a))                                          \
  _(cosh, TH_MATHFN(cosh)(a))                                        \
  _(erf, TH_MATHFN(erf)(a))                                          \
  _(erfinv, THPointwise_erfinv(a))                                   \
  _(exp, TH_FASTFN(exp)(a))                                          \
  _(expm1, TH_MATHFN(expm1)(a))                                      \
  _(frac, (opreal)a - TH_MATHFN(trunc)(a))                           \
  _(lgamma, TH_MATHFN(THPointwise_lgamma)(a))                        \
  _(log, TH_FASTFN(log)(a))                                          \
  _(log10, TH_MATHFN(log10)(a))                                      \
  _(log1p, TH_MATHFN(log1p)(a))                                      \
  _(log2, TH_MATHFN(log2)(a))                                        \
  _(cinv, 1 / (opreal)a)                                             \
  _(rsqrt, 1 / TH_MATHFN(sqrt)(a))                                   \
  _(sigmoid, TH_FASTFN(sigmoid)(a))                                  \
  _(sin, TH_MATHFN(sin)(a))                                          \
  _(sinh, TH_MATHFN(sinh)(a))                                        \
  _(sqrt, TH_MATHFN(sqrt)(a))                                        \
  _(tan, TH_MATHFN(tan)(a))                                          \
  _(tanh, TH_FASTFN(tanh)(a))

#define TH_DEFINE_UNARY(NAME, EXPR)                                                           \
  TH_UNARY_KERNEL(THTensor_(TH_CONCAT_2(NAME, Kernel)), real, real, EXPR)                     \
  void THTensor_(NAME)(THTensor *r, THTensor *t) {                                            \
    THTensor_(runUnary)(r, t, THTensor_(TH_CONCAT_2(NAME, Kernel)), 0, 0);                    \
  }
TH_FLOATING_UNARY_OPS(TH_DEFINE_UNARY)
#undef TH_DEFINE_UNARY
#undef TH_FLOATING_UNARY_OPS
#undef TH_FASTFN
#if defined(TH_REAL_IS_DOUBLE)
#undef THPointwise_fast_exp
#undef THPointwise_fast_log
#undef THPointwise_fast_tanh
#undef THPointwise_fast_sigmoid
#endif

/* ---- floating binary and ternary ops ---------------------------------------------------------- */

TH_BINARY_KERNEL(THTensor_(kAtan2), real, real, TH_MATHFN(atan2)(a, b))
void THTensor_(atan2)(THTensor *r, THTensor *a, THTensor *b) {
  THTensor_(runBinary)("atan2", r, a, b, THTensor_(kAtan2), 0, 0);
}

/* PyTorch's lerp: from a's side for small weights and from b's side otherwise, so that weight 0
 * gives a and weight 1 gives b exactly */
static inline opreal THTensor_(lerpOp)(opreal x, opreal y, opreal w) {
  return TH_MATHFN(fabs)(w) < (opreal)0.5 ? x + w * (y - x) : y - (y - x) * (1 - w);
}
TH_BINARY_KERNEL(THTensor_(kLerp), real, real, THTensor_(lerpOp)(a, b, v0))
TH_TERNARY_KERNEL(THTensor_(kCLerp), real, real, THTensor_(lerpOp)(a, b, c))
void THTensor_(lerp)(THTensor *r, THTensor *a, THTensor *b, real weight) {
  THTensor_(runBinary)("lerp", r, a, b, THTensor_(kLerp), weight, 0);
}
void THTensor_(clerp)(THTensor *r, THTensor *a, THTensor *b, THTensor *weight) {
  THTensor_(runTernary)("lerp", r, a, b, weight, THTensor_(kCLerp), 0, 0);
}

/* (value * src1) / src2, PyTorch's order of operations */
TH_TERNARY_KERNEL(THTensor_(kAddcdiv), real, real, (opreal)a + (opreal)v0 * (opreal)b / (opreal)c)
void THTensor_(addcdiv)(THTensor *r, THTensor *t, real value, THTensor *src1, THTensor *src2) {
  THTensor_(runTernary)("addcdiv", r, t, src1, src2, THTensor_(kAddcdiv), value, 0);
}
#endif /* TH_REAL_IS_FLOATING */

/* ---- comparisons ------------------------------------------------------------------------------- */

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

#undef TH_VALUE_AND_TENSOR_KERNELS
#undef TH_VALUE_KERNEL
#undef TH_TENSOR_KERNEL
#undef TH_MAX_NAN
#undef TH_MIN_NAN
#undef TH_ISNAN
#undef TH_DIV
#undef opreal

#endif
