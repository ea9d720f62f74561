/* THVectorMath: float exp, log, tanh and sigmoid written so that a plain loop over them vectorises.
 *
 * glibc's expf/logf are scalar calls, which keep a loop over them scalar; these are branch-free
 * (selects instead of ifs, bit casts instead of frexp/ldexp) so gcc turns a loop of calls into
 * SIMD code.  exp and log are the Cephes single-precision algorithms.  tanh and sigmoid, which
 * lose accuracy when built from a float exp, evaluate e^y in double instead: the double has room
 * for every float result, subnormals and overflow included, so one final rounding to float gives
 * results within 0.51 ulp without special cases.  Max errors over all 2^32 floats against the
 * double-precision libm result: exp 1.03 ulp, log 0.83 ulp, tanh and sigmoid 0.51 ulp
 * (tests/c/test_pointwise.c checks a sample of them).
 * Used by the Float and Half kernels in generic/THTensorPointwise.c. */
#ifndef TH_VECTOR_MATH_INC
#define TH_VECTOR_MATH_INC

#include <stdint.h>
#include <string.h>

static inline double THVector_asDouble(uint64_t u) {
  double d;
  memcpy(&d, &u, sizeof d);
  return d;
}
static inline uint64_t THVector_doubleBits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}
static inline float THVector_asFloat(uint32_t u) {
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}
static inline uint32_t THVector_floatBits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

/* e^y in double for |y| <= 700 (relative error below 1e-13); NaN propagates.  y = n ln2 + r with
 * |r| <= ln2/2, e^r by its degree-10 Taylor polynomial, 2^n built in the exponent field. */
static inline double THVector_expCore(double y) {
  /* adding 1.5 * 2^52 rounds to an integer held in the low mantissa bits (n, two's complement) */
  const double shift = 0x1.8p52;
  const double t = y * 0x1.71547652b82fep0 + shift;
  const double n = t - shift;
  /* ln2 split so that n * hi is exact for |n| < 2^20 */
  const double r = (y - n * 0x1.62e42feep-1) - n * 0x1.a39ef35793c76p-33;
  double p = 1.0 / 3628800;
  p = p * r + 1.0 / 362880;
  p = p * r + 1.0 / 40320;
  p = p * r + 1.0 / 5040;
  p = p * r + 1.0 / 720;
  p = p * r + 1.0 / 120;
  p = p * r + 1.0 / 24;
  p = p * r + 1.0 / 6;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  /* (bits(t) + 1023) << 52 keeps n's low 12 bits plus the bias: the bits of 2^n */
  return p * THVector_asDouble((THVector_doubleBits(t) + 1023) << 52);
}

/* e^x in float (Cephes expf): x = n ln2 + r, |r| <= ln2/2, e^r by a degree-7 polynomial, times
 * 2^n built in the exponent field as two factors 2^(n/2) 2^(n - n/2), so that results below
 * FLT_MIN round once, straight to the right subnormal.  Inputs beyond [-104, 89] give the same
 * float (0 or inf) as the clamped ones; NaN propagates.  Max error 1.03 ulp. */
static inline float THVector_expf(float x) {
  float c = x < -104.0f ? -104.0f : x;
  c = c > 89.0f ? 89.0f : c;
  /* adding 1.5 * 2^23 rounds to an integer held in the low mantissa bits (n, two's complement) */
  const float shift = 0x1.8p23f;
  const float t = c * 0x1.715476p0f + shift;
  const float n = t - shift;
  /* ln2 = 0.693359375 - 2.12194440e-4, the first part short enough that n times it is exact */
  const float r = (c - n * 0.693359375f) + n * 2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const float y = p * r * r + r + 1.0f;
  const int32_t ni = (int32_t)(THVector_floatBits(t) - THVector_floatBits(shift));
  const int32_t n1 = ni >> 1, n2 = ni - n1;
  return y * THVector_asFloat((uint32_t)(n1 + 127) << 23) * THVector_asFloat((uint32_t)(n2 + 127) << 23);
}

/* 1 / (1 + e^-x); saturates to exactly 0 and 1, NaN propagates. */
static inline float THVector_sigmoidf(float x) {
  float c = x < -120.0f ? -120.0f : x;
  c = c > 120.0f ? 120.0f : c;
  return (float)(1.0 / (1.0 + THVector_expCore(-(double)c)));
}

/* tanh x = sign(x) (1 - e) / (1 + e) with e = e^(-2|x|) <= 1, which never overflows (|x| is capped
 * at 20, where tanh rounds to 1).  Near 0 the subtraction cancels, so |x| < 2^-4 uses the odd
 * Taylor series instead (relative error < 1e-11).  Signs of zeros and NaNs carry through. */
static inline float THVector_tanhf(float x) {
  const double d = (double)x;
  double a = __builtin_fabs(d);
  a = a > 20.0 ? 20.0 : a;
  const double e = THVector_expCore(-2.0 * a);
  const double z = a * a;
  const double series = a + a * z * (-1.0 / 3 + z * (2.0 / 15 + z * (-17.0 / 315)));
  const double mag = a < 0x1p-4 ? series : (1.0 - e) / (1.0 + e);
  return (float)__builtin_copysign(mag, d);
}

/* Natural log (Cephes logf): x = 2^e m, m in [sqrt(1/2), sqrt(2)), log(m) by a polynomial in
 * f = m - 1.  Subnormals are scaled into the normal range first; x < 0 gives NaN, 0 gives -inf. */
static inline float THVector_logf(float x) {
  const int sub = x < 0x1p-126f;
  const float xs = sub ? x * 0x1p23f : x;
  const uint32_t ix = THVector_floatBits(xs);
  int32_t e = (int32_t)((ix >> 23) & 0xff) - 126 - (sub ? 23 : 0);
  const float m = THVector_asFloat((ix & 0x007fffffu) | 0x3f000000u); /* in [0.5, 1) */
  const int lo = m < 0.707106781186547524f;
  e = lo ? e - 1 : e;
  const float f = lo ? m + m - 1.0f : m - 1.0f;
  const float z = f * f;
  float p = 7.0376836292e-2f;
  p = p * f - 1.1514610310e-1f;
  p = p * f + 1.1676998740e-1f;
  p = p * f - 1.2420140846e-1f;
  p = p * f + 1.4249322787e-1f;
  p = p * f - 1.6668057665e-1f;
  p = p * f + 2.0000714765e-1f;
  p = p * f - 2.4999993993e-1f;
  p = p * f + 3.3333331174e-1f;
  const float fe = (float)e;
  float y = p * f * z;
  y += -2.12194440e-4f * fe;
  y += -0.5f * z;
  float res = f + y;
  res += 0.693359375f * fe;
  res = x == 0.0f ? -__builtin_inff() : res;
  res = x == __builtin_inff() ? x : res;
  res = x < 0.0f ? __builtin_nanf("") : res;
  return x != x ? x : res;
}

#endif
