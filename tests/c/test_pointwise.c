/* C-level tests of TH's elementwise math: hand-worked values, IEEE edge cases, integer semantics,
 * errors, layouts (non-contiguous, in place, empty), and the accuracy of the vectorised float
 * exp/log/tanh/sigmoid against double-precision libm. */
#include <float.h>
#include <stdint.h>
#include <stdlib.h>

#include "th_test.h"

/* <Real>Of(n, values): a new 1-d tensor holding the values */
#define TH_TEST_FROM_ARRAY(Real, real)                                      \
  static TH##Real##Tensor *Real##Of(int n, const real *v) {                 \
    TH##Real##Tensor *t = TH##Real##Tensor_newWithSize1d(n);                \
    for (int i = 0; i < n; i++) ((real *)TH##Real##Tensor_data(t))[i] = v[i]; \
    return t;                                                               \
  }
TH_TEST_FROM_ARRAY(Double, double)
TH_TEST_FROM_ARRAY(Float, float)
TH_TEST_FROM_ARRAY(Half, THHalf)
TH_TEST_FROM_ARRAY(Long, int64_t)
TH_TEST_FROM_ARRAY(Int, int32_t)
TH_TEST_FROM_ARRAY(Char, int8_t)
TH_TEST_FROM_ARRAY(Byte, uint8_t)
TH_TEST_FROM_ARRAY(Bool, bool)

#define D(i) THDoubleTensor_get1d(r, i)
#define SAME(x, y) (isnan(x) ? isnan(y) : (x) == (y) && !signbit(x) == !signbit(y))

/* Float result's distance from the double reference, in units of the float ulp at the reference */
static double ulpError(float got, double ref) {
  if (isnan(ref)) return isnan(got) ? 0 : INFINITY;
  if (isnan(got)) return INFINITY;
  if (fabs(ref) > 0x1.fffffefp127) return isinf(got) && (got > 0) == (ref > 0) ? 0 : INFINITY;
  if (isinf(got)) return INFINITY;
  int e;
  frexp(ref, &e);
  double ulp = ldexp(1.0, e - 24);
  if (ulp < 0x1p-149) ulp = 0x1p-149;
  return fabs((double)got - ref) / ulp;
}

static double refSigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

/* Every 4099th float bit pattern (about a million values, all exponents, both signs) plus edge
 * cases: the vectorised functions stay within 2 ulp (1.03 measured over all floats). */
static void test_vector_math_accuracy(void) {
  const float edge[] = {0.0f, -0.0f, INFINITY, -INFINITY, NAN, FLT_MIN, -FLT_MIN, 0x1p-149f, -0x1p-149f, FLT_MAX,
                        -FLT_MAX, 1.0f, -1.0f, 88.7228f, 88.7229f, 89.0f, -87.3365f, -103.9f, -103.98f, -104.0f,
                        -150.0f, 0x1p-30f, -0x1p-30f, 0.0624f, 9.0f, -9.0f, 20.0f, 1e-7f, 0.693147f, 0.5f};
  const int nedge = (int)(sizeof edge / sizeof edge[0]);
  const uint32_t step = 4099;
  const int n = nedge + (int)(0xffffffffu / step) + 1;
  THFloatTensor *x = THFloatTensor_newWithSize1d(n), *r = THFloatTensor_new();
  float *px = THFloatTensor_data(x);
  for (int i = 0; i < nedge; i++) px[i] = edge[i];
  uint32_t bits = 0;
  for (int i = nedge; i < n; i++, bits += step) memcpy(&px[i], &bits, sizeof bits);

  void (*fns[4])(THFloatTensor *, THFloatTensor *) = {THFloatTensor_exp, THFloatTensor_log, THFloatTensor_tanh,
                                                      THFloatTensor_sigmoid};
  double (*refs[4])(double) = {exp, log, tanh, refSigmoid};
  const double bound[4] = {1.1, 1.0, 0.51, 0.51}; /* the measured maxima, with a little room */
  for (int f = 0; f < 4; f++) {
    fns[f](r, x);
    const float *pr = THFloatTensor_data(r);
    double worst = 0;
    int wrongSign = 0;
    for (int i = 0; i < n; i++) {
      const double ref = refs[f](px[i]);
      const double e = ulpError(pr[i], ref);
      if (e > worst) worst = e;
      if (!isnan(ref) && !signbit(pr[i]) != !signbit(ref)) wrongSign++;
    }
    if (worst > bound[f]) fprintf(stderr, "function %d: max error %g ulp\n", f, worst);
    CHECK(worst <= bound[f]);
    CHECK(wrongSign == 0);
  }

  /* exact edge values */
  const float in[] = {-INFINITY, INFINITY, NAN, -0.0f, 89.0f, -103.5f, -104.0f, 0x1p-149f, -1.0f};
  THFloatTensor *t = FloatOf(9, in);
  THFloatTensor_exp(r, t);
  const float *pr = THFloatTensor_data(r);
  CHECK(pr[0] == 0 && pr[1] == INFINITY && isnan(pr[2]) && pr[3] == 1 && pr[4] == INFINITY);
  CHECK(pr[5] > 0 && pr[5] < FLT_MIN && pr[6] == 0); /* subnormal, then underflow */
  THFloatTensor_log(r, t);
  CHECK(isnan(pr[0]) && pr[1] == INFINITY && isnan(pr[2]) && pr[3] == -INFINITY && isnan(pr[8]));
  CHECK(fabs(pr[7] - (-149 * M_LN2)) < 1e-4); /* the smallest subnormal */
  THFloatTensor_tanh(r, t);
  CHECK(pr[0] == -1 && pr[1] == 1 && isnan(pr[2]) && pr[3] == 0 && signbit(pr[3]) && pr[4] == 1);
  CHECK(pr[7] == 0x1p-149f);
  THFloatTensor_sigmoid(r, t);
  CHECK(pr[0] == 0 && pr[1] == 1 && isnan(pr[2]) && pr[3] == 0.5f && pr[4] == 1);
  CHECK(pr[5] > 0 && pr[5] < FLT_MIN); /* e^-103.5 as a subnormal, not 0 */
  THFloatTensor_free(t);
  THFloatTensor_free(x);
  THFloatTensor_free(r);

  /* Double keeps libm; Half goes through the float functions */
  THDoubleTensor *d = DoubleOf(3, (double[]){-800, 0, 800}), *dr = THDoubleTensor_new();
  THDoubleTensor_sigmoid(dr, d);
  CHECK(THDoubleTensor_get1d(dr, 0) == 0 && THDoubleTensor_get1d(dr, 1) == 0.5 && THDoubleTensor_get1d(dr, 2) == 1);
  THDoubleTensor_tanh(dr, d);
  CHECK(THDoubleTensor_get1d(dr, 0) == -1 && THDoubleTensor_get1d(dr, 2) == 1);
  THHalfTensor *h = HalfOf(3, (THHalf[]){1, -2, 12}), *hr = THHalfTensor_new();
  THHalfTensor_exp(hr, h);
  CHECK(THHalfTensor_get1d(hr, 0) == (THHalf)2.718281828f && THHalfTensor_get1d(hr, 1) == (THHalf)0.135335283f);
  CHECK(isinf((float)THHalfTensor_get1d(hr, 2))); /* e^12 > 65504 */
  THDoubleTensor_free(d);
  THDoubleTensor_free(dr);
  THHalfTensor_free(h);
  THHalfTensor_free(hr);
}

static void test_unary_values(void) {
  THDoubleTensor *t = DoubleOf(8, (double[]){0.5, 1.5, 2.5, -0.5, -2.5, -1.75, NAN, -0.0}), *r = THDoubleTensor_new();
  THDoubleTensor_round(r, t); /* halves to even */
  CHECK(D(0) == 0 && D(1) == 2 && D(2) == 2 && D(3) == 0 && signbit(D(3)) && D(4) == -2 && D(5) == -2 && isnan(D(6)));
  THDoubleTensor_floor(r, t);
  CHECK(D(0) == 0 && D(3) == -1 && D(5) == -2 && SAME(D(7), -0.0));
  THDoubleTensor_ceil(r, t);
  CHECK(D(0) == 1 && D(3) == 0 && signbit(D(3)) && D(5) == -1);
  THDoubleTensor_trunc(r, t);
  CHECK(D(2) == 2 && D(5) == -1);
  THDoubleTensor_frac(r, t);
  CHECK(D(1) == 0.5 && D(5) == -0.75 && isnan(D(6)));
  THDoubleTensor_sign(r, t); /* PyTorch: NaN and -0.0 give 0 */
  CHECK(D(0) == 1 && D(5) == -1 && D(6) == 0 && D(7) == 0);
  THDoubleTensor_cinv(r, t);
  CHECK(D(0) == 2 && D(3) == -2 && D(7) == -INFINITY);
  THDoubleTensor_free(t);

  t = DoubleOf(5, (double[]){4, 0.5, -1, 0, 1});
  THDoubleTensor_rsqrt(r, t);
  CHECK(D(0) == 0.5 && isnan(D(2)) && D(3) == INFINITY);
  THDoubleTensor_erfinv(r, t);
  CHECK_NEAR(D(1), 0.47693627620446987, 1e-15);
  CHECK(D(2) == -INFINITY && D(3) == 0 && D(4) == INFINITY && isnan(D(0)));
  THDoubleTensor_lgamma(r, t);
  CHECK_NEAR(D(1), 0.5 * log(M_PI), 1e-15);
  CHECK(D(2) == INFINITY && D(3) == INFINITY && D(4) == 0);
  THDoubleTensor_log2(r, t);
  CHECK(D(0) == 2 && D(1) == -1 && isnan(D(2)) && D(3) == -INFINITY);
  THDoubleTensor_log1p(r, t);
  CHECK(D(2) == -INFINITY && D(3) == 0);
  THDoubleTensor_expm1(r, t);
  CHECK(D(3) == 0);
  CHECK_NEAR(D(2), -0.6321205588285577, 1e-15);
  THDoubleTensor_acos(r, t);
  CHECK(D(4) == 0 && isnan(D(0)));
  THDoubleTensor_free(t);
  THDoubleTensor_free(r);

  /* integer types: sign, abs, and whole-number rounding returns the input */
  THIntTensor *i = IntOf(4, (int32_t[]){-7, 0, 5, INT32_MIN + 1}), *ir = THIntTensor_new();
  THIntTensor_sign(ir, i);
  CHECK(THIntTensor_get1d(ir, 0) == -1 && THIntTensor_get1d(ir, 1) == 0 && THIntTensor_get1d(ir, 2) == 1);
  THIntTensor_abs(ir, i);
  CHECK(THIntTensor_get1d(ir, 0) == 7 && THIntTensor_get1d(ir, 3) == INT32_MAX);
  THIntTensor_floor(ir, i);
  CHECK(THIntTensor_get1d(ir, 0) == -7 && THIntTensor_get1d(ir, 2) == 5);
  THIntTensor_free(i);
  THIntTensor_free(ir);
  THByteTensor *b = ByteOf(3, (uint8_t[]){0, 3, 255}), *br = THByteTensor_new();
  THByteTensor_sign(br, b);
  CHECK(THByteTensor_get1d(br, 0) == 0 && THByteTensor_get1d(br, 1) == 1 && THByteTensor_get1d(br, 2) == 1);
  THByteTensor_free(b);
  THByteTensor_free(br);
}

static void test_division_family(void) {
  /* float: fmod has the dividend's sign, remainder the divisor's, // floors */
  THDoubleTensor *a = DoubleOf(6, (double[]){-7, 7, -7.5, 5, -0.0, INFINITY});
  THDoubleTensor *b = DoubleOf(6, (double[]){3, -3, 2, 0, 3, 2});
  THDoubleTensor *r = THDoubleTensor_new();
  THDoubleTensor_cfmod(r, a, b);
  CHECK(D(0) == -1 && D(1) == 1 && D(2) == -1.5 && isnan(D(3)) && SAME(D(4), -0.0) && isnan(D(5)));
  THDoubleTensor_cremainder(r, a, b);
  CHECK(D(0) == 2 && D(1) == -2 && D(2) == 0.5 && isnan(D(3)) && isnan(D(5)));
  THDoubleTensor_cfloorDivide(r, a, b);
  CHECK(D(0) == -3 && D(1) == -3 && D(2) == -4 && D(3) == INFINITY && SAME(D(4), -0.0) && isnan(D(5)));
  THDoubleTensor_floorDivide(r, a, -2);
  CHECK(D(0) == 3 && D(1) == -4 && D(2) == 3 && SAME(D(4), 0.0));
  THDoubleTensor_remainder(r, a, -2);
  CHECK(D(0) == -1 && D(1) == -1 && D(2) == -1.5);
  THDoubleTensor_fmod(r, a, 0);
  CHECK(isnan(D(0)));
  /* Python: 1 // 0.1 == 9 (the true quotient is just below 10) */
  THDoubleTensor *one = DoubleOf(1, (double[]){1});
  THDoubleTensor_floorDivide(r, one, 0.1);
  CHECK(D(0) == 9);
  THDoubleTensor_free(one);
  THDoubleTensor_free(a);
  THDoubleTensor_free(b);
  THDoubleTensor_free(r);

  /* integers: exact floor division, Python remainder, no trap on MIN / -1 */
  THLongTensor *la = LongOf(5, (int64_t[]){-7, 7, INT64_MIN, -6, 0});
  THLongTensor *lb = LongOf(5, (int64_t[]){2, -2, -1, 3, -5});
  THLongTensor *lr = THLongTensor_new();
  THLongTensor_cfloorDivide(lr, la, lb);
  CHECK(THLongTensor_get1d(lr, 0) == -4 && THLongTensor_get1d(lr, 1) == -4 && THLongTensor_get1d(lr, 2) == INT64_MIN);
  CHECK(THLongTensor_get1d(lr, 3) == -2 && THLongTensor_get1d(lr, 4) == 0);
  THLongTensor_cremainder(lr, la, lb);
  CHECK(THLongTensor_get1d(lr, 0) == 1 && THLongTensor_get1d(lr, 1) == -1 && THLongTensor_get1d(lr, 2) == 0);
  THLongTensor_cfmod(lr, la, lb);
  CHECK(THLongTensor_get1d(lr, 0) == -1 && THLongTensor_get1d(lr, 1) == 1 && THLongTensor_get1d(lr, 2) == 0);
  THLongTensor_cdiv(lr, la, lb);
  CHECK(THLongTensor_get1d(lr, 0) == -3 && THLongTensor_get1d(lr, 2) == INT64_MIN);
  THLongTensor_div(lr, la, -1);
  CHECK(THLongTensor_get1d(lr, 2) == INT64_MIN && THLongTensor_get1d(lr, 0) == 7);
  THLongTensor_remainder(lr, la, 3);
  CHECK(THLongTensor_get1d(lr, 0) == 2 && THLongTensor_get1d(lr, 1) == 1);

  /* zero divisors raise before anything is written */
  THLongTensor_fill(lr, 42);
  EXPECT_ERROR(THLongTensor_fmod(lr, la, 0), "fmod: expected a non-zero integer divisor, but got 0 (ZeroDivisionError)");
  EXPECT_ERROR(THLongTensor_remainder(lr, la, 0), "ZeroDivisionError");
  EXPECT_ERROR(THLongTensor_floorDivide(lr, la, 0), "floor_divide");
  EXPECT_ERROR(THLongTensor_cremainder(lr, lb, la), "remainder: expected non-zero integer divisors");
  EXPECT_ERROR(THLongTensor_cfloorDivide(lr, lb, la), "ZeroDivisionError");
  EXPECT_ERROR(THLongTensor_cfmod(la, la, la), "ZeroDivisionError");
  CHECK(THLongTensor_get1d(lr, 0) == 42 && THLongTensor_get1d(la, 0) == -7);
  THLongTensor_free(la);
  THLongTensor_free(lb);
  THLongTensor_free(lr);

  THByteTensor *ba = ByteOf(2, (uint8_t[]){200, 7}), *br = THByteTensor_new();
  THByteTensor_floorDivide(br, ba, 3);
  CHECK(THByteTensor_get1d(br, 0) == 66 && THByteTensor_get1d(br, 1) == 2);
  THByteTensor_remainder(br, ba, 3);
  CHECK(THByteTensor_get1d(br, 0) == 2 && THByteTensor_get1d(br, 1) == 1);
  THByteTensor_free(ba);
  THByteTensor_free(br);
}

static void test_pow(void) {
  THIntTensor *a = IntOf(5, (int32_t[]){2, -3, 1, -1, 0}), *r = THIntTensor_new();
  THIntTensor_pow(r, a, 3);
  CHECK(THIntTensor_get1d(r, 0) == 8 && THIntTensor_get1d(r, 1) == -27 && THIntTensor_get1d(r, 4) == 0);
  THIntTensor_pow(r, a, 0);
  CHECK(THIntTensor_get1d(r, 4) == 1);
  THIntTensor_pow(r, a, 31); /* wraps */
  CHECK(THIntTensor_get1d(r, 0) == INT32_MIN);
  EXPECT_ERROR(THIntTensor_pow(r, a, -1), "Integers to negative integer powers are not allowed");
  THIntTensor *empty = THIntTensor_newWithSize1d(0);
  THIntTensor_tpow(r, 3, empty); /* nothing to compute; r takes the empty shape */
  CHECK(THIntTensor_nElement(r) == 0 && THIntTensor_nDimension(r) == 1);
  THIntTensor_free(empty);
  THIntTensor *e = IntOf(5, (int32_t[]){10, 2, -5, -3, 4});
  THIntTensor_cpow(r, a, e); /* negative exponents: 1 and -1 keep their powers, others give 0 */
  CHECK(THIntTensor_get1d(r, 0) == 1024 && THIntTensor_get1d(r, 1) == 9 && THIntTensor_get1d(r, 2) == 1);
  CHECK(THIntTensor_get1d(r, 3) == -1 && THIntTensor_get1d(r, 4) == 0);
  THIntTensor_tpow(r, 2, e);
  CHECK(THIntTensor_get1d(r, 0) == 1024 && THIntTensor_get1d(r, 2) == 0 && THIntTensor_get1d(r, 4) == 16);
  THIntTensor_free(a);
  THIntTensor_free(e);
  THIntTensor_free(r);

  THByteTensor *b = ByteOf(2, (uint8_t[]){3, 2}), *br = THByteTensor_new();
  THByteTensor_pow(br, b, 5);
  CHECK(THByteTensor_get1d(br, 0) == 243 && THByteTensor_get1d(br, 1) == 32);
  THByteTensor_pow(br, b, 8);
  CHECK(THByteTensor_get1d(br, 1) == 0);
  THByteTensor_free(b);
  THByteTensor_free(br);

  /* float: PyTorch's fast exponents and pow's IEEE cases */
  THDoubleTensor *d = DoubleOf(5, (double[]){-8, 4, -INFINITY, 0, NAN}), *rd = THDoubleTensor_new(), *r2;
#define R(i) THDoubleTensor_get1d(rd, i)
  THDoubleTensor_pow(rd, d, 2);
  CHECK(R(0) == 64 && R(2) == INFINITY && isnan(R(4)));
  THDoubleTensor_pow(rd, d, 3);
  CHECK(R(0) == -512 && R(2) == -INFINITY);
  THDoubleTensor_pow(rd, d, 0.5);
  CHECK(isnan(R(0)) && R(1) == 2 && isnan(R(2)));
  THDoubleTensor_pow(rd, d, -0.5);
  CHECK(R(1) == 0.5 && R(3) == INFINITY);
  THDoubleTensor_pow(rd, d, -1);
  CHECK(R(1) == 0.25 && R(3) == INFINITY);
  THDoubleTensor_pow(rd, d, -2);
  CHECK(R(1) == 0.0625);
  THDoubleTensor_pow(rd, d, 0);
  CHECK(R(0) == 1 && R(4) == 1);
  THDoubleTensor_pow(rd, d, 1.0 / 3);
  CHECK(isnan(R(0)));
  THDoubleTensor_tpow(rd, 2, d);
  CHECK(R(0) == 1.0 / 256 && R(1) == 16 && R(2) == 0 && R(3) == 1);
  r2 = DoubleOf(5, (double[]){2, 0.5, 2, -1, 0});
  THDoubleTensor_cpow(rd, d, r2);
  CHECK(R(0) == 64 && R(1) == 2 && R(2) == INFINITY && R(3) == INFINITY && R(4) == 1);
#undef R
  THDoubleTensor_free(d);
  THDoubleTensor_free(r2);
  THDoubleTensor_free(rd);
}

static void test_max_min_clamp(void) {
  THFloatTensor *a = FloatOf(5, (float[]){1, NAN, -3, 7, 2}), *b = FloatOf(5, (float[]){NAN, 0, -4, 8, 2});
  THFloatTensor *r = THFloatTensor_new();
#define G(i) THFloatTensor_get1d(r, i)
  THFloatTensor_cmax(r, a, b);
  CHECK(isnan(G(0)) && isnan(G(1)) && G(2) == -3 && G(3) == 8 && G(4) == 2);
  THFloatTensor_cmin(r, a, b);
  CHECK(isnan(G(0)) && isnan(G(1)) && G(2) == -4 && G(3) == 7);
  THFloatTensor_cmaxValue(r, a, 1.5f);
  CHECK(G(0) == 1.5f && isnan(G(1)) && G(3) == 7);
  THFloatTensor_cminValue(r, a, NAN);
  CHECK(isnan(G(0)) && isnan(G(3)));
  THFloatTensor_clamp(r, a, -1, 5);
  CHECK(G(0) == 1 && isnan(G(1)) && G(2) == -1 && G(3) == 5);
  THFloatTensor_clamp(r, a, 4, 3); /* min > max: everything becomes max, like PyTorch */
  CHECK(G(0) == 3 && G(2) == 3 && G(3) == 3);
  THFloatTensor_clamp(r, a, NAN, 3);
  CHECK(isnan(G(0)) && isnan(G(3)) && THFloatTensor_nElement(r) == 5);
  THFloatTensor_clampMin(r, a, 2);
  CHECK(G(0) == 2 && G(3) == 7);
  THFloatTensor_clampMax(r, a, 2);
  CHECK(G(0) == 1 && G(3) == 2 && isnan(G(1)));
#undef G
  THFloatTensor_free(a);
  THFloatTensor_free(b);
  THFloatTensor_free(r);

  THCharTensor *c = CharOf(3, (int8_t[]){-128, 0, 127}), *cr = THCharTensor_new();
  THCharTensor_clamp(cr, c, -5, 5);
  CHECK(THCharTensor_get1d(cr, 0) == -5 && THCharTensor_get1d(cr, 1) == 0 && THCharTensor_get1d(cr, 2) == 5);
  THCharTensor_cmaxValue(cr, c, 1);
  CHECK(THCharTensor_get1d(cr, 0) == 1 && THCharTensor_get1d(cr, 2) == 127);
  THCharTensor_free(c);
  THCharTensor_free(cr);
}

static void test_lerp_addc_atan2(void) {
  THDoubleTensor *a = DoubleOf(3, (double[]){1, -2, 0.1}), *b = DoubleOf(3, (double[]){3, 6, 0.7});
  THDoubleTensor *r = THDoubleTensor_new();
  THDoubleTensor_lerp(r, a, b, 0.25);
  CHECK(D(0) == 1.5 && D(1) == 0);
  THDoubleTensor_lerp(r, a, b, 1); /* exactly b */
  CHECK(D(0) == 3 && D(2) == 0.7);
  THDoubleTensor_lerp(r, a, b, 0);
  CHECK(D(2) == 0.1);
  THDoubleTensor *w = DoubleOf(3, (double[]){0.5, -1, 2});
  THDoubleTensor_clerp(r, a, b, w);
  CHECK(D(0) == 2 && D(1) == -10);
  CHECK_NEAR(D(2), 1.3, 1e-15);
  THDoubleTensor_addcmul(r, a, 2, b, w);
  CHECK(D(0) == 4 && D(1) == -14);
  CHECK_NEAR(D(2), 2.9, 1e-15);
  THDoubleTensor_addcdiv(r, a, 2, b, w);
  CHECK(D(0) == 13 && D(1) == -14);
  CHECK_NEAR(D(2), 0.8, 1e-15);
  THDoubleTensor_free(w);

  THDoubleTensor *y = DoubleOf(3, (double[]){1, 0, -0.0}), *x = DoubleOf(3, (double[]){-1, -0.0, 1});
  THDoubleTensor_atan2(r, y, x);
  CHECK_NEAR(D(0), 0.75 * M_PI, 1e-15);
  CHECK(D(1) == M_PI && SAME(D(2), -0.0));
  THDoubleTensor_free(y);
  THDoubleTensor_free(x);

  THDoubleTensor_add_scaled(r, a, 2, 3);
  CHECK(D(0) == 7 && D(1) == 4);
  THDoubleTensor_sub_scaled(r, a, 2, 3);
  CHECK(D(0) == -5 && D(1) == -8);
  THDoubleTensor_free(a);
  THDoubleTensor_free(b);
  THDoubleTensor_free(r);

  THIntTensor *i = IntOf(2, (int32_t[]){5, -5}), *ir = THIntTensor_new();
  THIntTensor_addcmul(ir, i, 3, i, i);
  CHECK(THIntTensor_get1d(ir, 0) == 80 && THIntTensor_get1d(ir, 1) == 70);
  THIntTensor_sub_scaled(ir, i, 2, 4);
  CHECK(THIntTensor_get1d(ir, 0) == -3 && THIntTensor_get1d(ir, 1) == -13);
  THIntTensor_free(i);
  THIntTensor_free(ir);
}

static void test_bits_and_logic(void) {
  THIntTensor *a = IntOf(4, (int32_t[]){12, -8, 1, 0x0f0f}), *b = IntOf(4, (int32_t[]){10, 3, 31, 0x00ff});
  THIntTensor *r = THIntTensor_new();
#define I(i) THIntTensor_get1d(r, i)
  THIntTensor_cbitand(r, a, b);
  CHECK(I(0) == 8 && I(1) == 0 && I(3) == 0x000f);
  THIntTensor_cbitor(r, a, b);
  CHECK(I(0) == 14 && I(1) == -5 && I(3) == 0x0fff);
  THIntTensor_cbitxor(r, a, b);
  CHECK(I(0) == 6 && I(3) == 0x0ff0);
  THIntTensor_bitand(r, a, 4);
  CHECK(I(0) == 4 && I(2) == 0);
  THIntTensor_bitor(r, a, 1);
  CHECK(I(0) == 13 && I(1) == -7);
  THIntTensor_bitxor(r, a, -1);
  CHECK(I(0) == -13);
  THIntTensor_bitnot(r, a);
  CHECK(I(0) == -13 && I(1) == 7);
  THIntTensor_clshift(r, a, b);
  CHECK(I(0) == 12 << 10 && I(1) == -64 && I(2) == INT32_MIN && I(3) == 0); /* 255 >= 32 bits: 0 */
  THIntTensor_crshift(r, a, b);
  CHECK(I(0) == 0 && I(1) == -1 && I(2) == 0 && I(3) == 0);
  THIntTensor_rshift(r, a, 2);
  CHECK(I(0) == 3 && I(1) == -2);
  THIntTensor_rshift(r, a, 100);
  CHECK(I(0) == 0 && I(1) == -1);
  THIntTensor_lshift(r, a, -1);
  CHECK(I(0) == 0 && I(1) == 0);
#undef I
  THIntTensor_free(a);
  THIntTensor_free(b);
  THIntTensor_free(r);

  THByteTensor *u = ByteOf(2, (uint8_t[]){200, 1}), *ur = THByteTensor_new();
  THByteTensor_rshift(ur, u, 9);
  CHECK(THByteTensor_get1d(ur, 0) == 0);
  THByteTensor_lshift(ur, u, 1);
  CHECK(THByteTensor_get1d(ur, 0) == 144 && THByteTensor_get1d(ur, 1) == 2);
  THByteTensor_free(u);
  THByteTensor_free(ur);

  /* Bool: bit ops are logical */
  THBoolTensor *p = BoolOf(4, (bool[]){0, 0, 1, 1}), *q = BoolOf(4, (bool[]){0, 1, 0, 1}), *br = THBoolTensor_new();
  THBoolTensor_cbitand(br, p, q);
  CHECK(!THBoolTensor_get1d(br, 2) && THBoolTensor_get1d(br, 3));
  THBoolTensor_cbitxor(br, p, q);
  CHECK(THBoolTensor_get1d(br, 1) && !THBoolTensor_get1d(br, 3));
  THBoolTensor_bitnot(br, p);
  CHECK(THBoolTensor_get1d(br, 0) && !THBoolTensor_get1d(br, 2));
  THBoolTensor_bitor(br, p, true);
  CHECK(THBoolTensor_get1d(br, 0));
  THBoolTensor_free(p);
  THBoolTensor_free(q);

  /* logic and classification of every type into Bool: NaN counts as true */
  THFloatTensor *f = FloatOf(5, (float[]){0, NAN, -0.0f, INFINITY, -2}), *g = FloatOf(5, (float[]){1, 1, 1, 0, 0});
#define B(i) THBoolTensor_get1d(br, i)
  THFloatTensor_logicalNot(br, f);
  CHECK(B(0) && !B(1) && B(2) && !B(3));
  THFloatTensor_logicalAnd(br, f, g);
  CHECK(!B(0) && B(1) && !B(2) && !B(3));
  THFloatTensor_logicalOr(br, f, g);
  CHECK(B(0) && B(1) && B(2) && B(3) && B(4));
  THFloatTensor_logicalXor(br, f, g);
  CHECK(B(0) && !B(1) && B(3) && B(4));
  THFloatTensor_isnan(br, f);
  CHECK(!B(0) && B(1) && !B(3));
  THFloatTensor_isinf(br, f);
  CHECK(!B(1) && B(3) && !B(4));
  THFloatTensor_isfinite(br, f);
  CHECK(B(0) && !B(1) && B(2) && !B(3) && B(4));
  THLongTensor *l = LongOf(2, (int64_t[]){0, 5});
  THLongTensor_isfinite(br, l);
  CHECK(B(0) && B(1) && THBoolTensor_nElement(br) == 2);
  THLongTensor_isnan(br, l);
  CHECK(!B(0) && !B(1));
  THLongTensor_logicalNot(br, l);
  CHECK(B(0) && !B(1));
#undef B
  THLongTensor_free(l);
  THFloatTensor_free(f);
  THFloatTensor_free(g);
  THBoolTensor_free(br);
}

/* Layouts: transposed inputs, in place, empty tensors, shape errors. */
static void test_layouts(void) {
  THDoubleTensor *m = THDoubleTensor_newWithSize2d(3, 4);
  for (int i = 0; i < 12; i++) ((double *)THDoubleTensor_data(m))[i] = i - 5.5;
  THDoubleTensor *mt = THDoubleTensor_newTranspose(m, 0, 1); /* 4 x 3, strides (1, 4) */
  THDoubleTensor *c = THDoubleTensor_newContiguous(mt);
  THDoubleTensor *r = THDoubleTensor_new();
  THDoubleTensor_cremainder(r, mt, c); /* x % x = 0 */
  CHECK(THDoubleTensor_size(r, 0) == 4 && THDoubleTensor_size(r, 1) == 3);
  double worst = 0;
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 3; j++) worst = fmax(worst, fabs(THDoubleTensor_get2d(r, i, j)));
  CHECK(worst == 0);
  THDoubleTensor_floorDivide(r, mt, 2); /* non-contiguous input, fresh result */
  CHECK(THDoubleTensor_get2d(r, 1, 2) == floor((9 - 5.5) / 2) && THDoubleTensor_get2d(r, 3, 0) == floor((3 - 5.5) / 2));
  THDoubleTensor_clamp(mt, mt, -1, 1); /* in place through a view writes the base */
  CHECK(((double *)THDoubleTensor_data(m))[0] == -1 && ((double *)THDoubleTensor_data(m))[6] == 0.5 &&
        ((double *)THDoubleTensor_data(m))[11] == 1);
  THDoubleTensor_exp(c, c); /* in place */
  CHECK(THDoubleTensor_get2d(c, 0, 0) == exp(-5.5));

  THDoubleTensor *row = THDoubleTensor_newWithSize1d(3);
  EXPECT_ERROR(THDoubleTensor_atan2(r, c, row), "atan2: expected tensors of the same shape (broadcast them first), but got [4, 3] and [3]");
  THLongTensor *la = THLongTensor_newWithSize1d(4), *lb = THLongTensor_newWithSize1d(3);
  THLongTensor_fill(la, 1);
  THLongTensor_fill(lb, 1);
  EXPECT_ERROR(THLongTensor_cfmod(la, la, lb), "fmod: expected tensors of the same shape");
  THBoolTensor *br = THBoolTensor_new();
  EXPECT_ERROR(THLongTensor_logicalAnd(br, la, lb), "logical_and: expected tensors of the same shape");
  EXPECT_ERROR(THDoubleTensor_addcmul(r, c, 1, c, row), "addcmul");

  THDoubleTensor *e = THDoubleTensor_newWithSize2d(0, 3), *e2 = THDoubleTensor_newWithSize2d(0, 3);
  THDoubleTensor_sigmoid(r, e);
  CHECK(THDoubleTensor_nElement(r) == 0 && THDoubleTensor_size(r, 1) == 3);
  THDoubleTensor_clerp(r, e, e2, e);
  CHECK(THDoubleTensor_nElement(r) == 0);
  THDoubleTensor_isnan(br, e);
  CHECK(THBoolTensor_nElement(br) == 0 && THBoolTensor_nDimension(br) == 2);
  THLongTensor *le = THLongTensor_newWithSize1d(0);
  THLongTensor_cremainder(le, le, le); /* no divisors, nothing to check */
  CHECK(THLongTensor_nElement(le) == 0);

  THLongTensor_free(le);
  THDoubleTensor_free(e);
  THDoubleTensor_free(e2);
  THBoolTensor_free(br);
  THLongTensor_free(la);
  THLongTensor_free(lb);
  THDoubleTensor_free(row);
  THDoubleTensor_free(r);
  THDoubleTensor_free(c);
  THDoubleTensor_free(mt);
  THDoubleTensor_free(m);
}

/* Large enough for the OpenMP split: the threads' chunks meet correctly. */
static void test_large_parallel(void) {
  const int n = 1 << 20;
  THFloatTensor *t = THFloatTensor_newWithSize1d(n), *r = THFloatTensor_new();
  float *p = THFloatTensor_data(t);
  for (int i = 0; i < n; i++) p[i] = (float)(i % 1000) / 100.0f - 5.0f;
  THFloatTensor_tanh(r, t);
  int bad = 0;
  const float *q = THFloatTensor_data(r);
  for (int i = 0; i < n; i++) bad += ulpError(q[i], tanh(p[i])) > 0.51;
  CHECK(bad == 0);
  THFloatTensor_free(t);
  THFloatTensor_free(r);
}

int main(void) {
  TH_TEST_INIT();
  test_vector_math_accuracy();
  test_unary_values();
  test_division_family();
  test_pow();
  test_max_min_clamp();
  test_lerp_addc_atan2();
  test_bits_and_logic();
  test_layouts();
  test_large_parallel();
  TH_TEST_DONE();
}
