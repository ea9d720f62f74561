/* Elementwise math for every element type (generic/THTensorPointwise.c). */
#include <math.h>

#include "THTensorMath.h"
#include "THTensorKernel.h"
#include "THVectorMath.h"

/* Double versions of the functions THVectorMath provides for float. */

/* 1 / (1 + e^-x) through e = e^-|x| <= 1, so that neither side overflows before it should. */
static inline double THPointwise_sigmoid(double x) {
  const double e = exp(-fabs(x));
  return (x >= 0 ? 1.0 : e) / (1.0 + e);
}

/* lgamma without the global signgam, which threads would race on. */
static inline double THPointwise_lgamma(double x) {
  int sign;
  return lgamma_r(x, &sign);
}
static inline float THPointwise_lgammaf(float x) {
  int sign;
  return lgammaf_r(x, &sign);
}

/* Inverse error function: a rational first guess (central range and tails, after G. L. Pavlis'
 * erfinv as used by PyTorch) refined by two Newton steps on erf(x) - y, which reach double
 * precision.  erfinv(+-1) = +-inf; |y| > 1 and NaN give NaN. */
static inline double THPointwise_erfinv(double y) {
  const double ay = fabs(y);
  if (!(ay <= 1.0)) return NAN;
  if (ay == 1.0) return copysign(INFINITY, y);
  double x;
  if (ay <= 0.7) {
    const double z = y * y;
    const double num = ((-0.140543331 * z + 0.914624893) * z - 1.645349621) * z + 0.886226899;
    const double den = (((0.012229801 * z - 0.329097515) * z + 1.442360036) * z - 2.118377725) * z + 1.0;
    x = y * num / den;
  } else {
    const double z = sqrt(-log((1.0 - ay) / 2.0));
    const double num = ((1.641345311 * z + 3.429567803) * z - 1.624906493) * z - 1.970840454;
    const double den = (1.637067800 * z + 3.543889200) * z + 1.0;
    x = copysign(num, y) / den;
  }
  const double two_over_sqrt_pi = 1.12837916709551257390;
  x -= (erf(x) - y) / (two_over_sqrt_pi * exp(-x * x));
  x -= (erf(x) - y) / (two_over_sqrt_pi * exp(-x * x));
  return x;
}

#include "generic/THTensorDriver.h"
#include "THGenerateAllTypes.h"

#include "generic/THTensorPointwise.c"
#include "THGenerateAllTypes.h"
