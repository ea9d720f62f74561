#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "THTensorMath.h"
#include "THTensorKernel.h"
#include "THVectorMath.h"

#include "generic/THTensorDriver.h"
#include "THGenerateAllTypes.h"

/* Uniforms converted per chunk: the 32-bit draws of a chunk stay in L1. */
#define TH_RAND_CHUNK 1024

/* Float sine/cosine without libm calls, so the Box-Muller loop vectorises (libm's scalar
 * logf/sincosf made randn 20x slower than rand); the log is THVectorMath's.  Cephes' polynomials,
 * about 1 ulp, for 0 <= x <= 2 pi (the Box-Muller angles). */
static inline void th_sincosf(float x, float *sp, float *cp) {
  int32_t j = (int32_t)(x * 1.27323954473516f); /* x / (pi / 4) */
  j = (j + 1) & ~1;                             /* the nearest even octant: |r| <= pi / 4 */
  float fj = (float)j;
  float r = ((x - fj * 0.78515625f) - fj * 2.4187564849853515625e-4f) - fj * 3.77489497744594108e-8f;
  float z = r * r;
  float s = ((-1.9515295891e-4f * z + 8.3321608736e-3f) * z - 1.6666654611e-1f) * z * r + r;
  float c = ((2.443315711809948e-5f * z - 1.388731625493765e-3f) * z + 4.166664568298827e-2f) * z * z - 0.5f * z + 1.0f;
  int q = (j >> 1) & 3; /* quarter turns: sin(r + q pi/2), cos(r + q pi/2) */
  float sv = (q & 1) ? c : s, cv = (q & 1) ? s : c;
  *sp = (q & 2) ? -sv : sv;
  *cp = ((q + 1) & 2) ? -cv : cv;
}

/* Box-Muller for 8 pairs: radius sqrt(-2 log u1) (u1 in (0, 1]), angle 2 pi u2; c and s get the
 * cosine and sine legs.  In float for float and half tensors, in double for double ones. */
static inline void th_boxmuller8f(const float *u1, const float *u2, float *c, float *s) {
  for (int j = 0; j < 8; j++) {
    float r = sqrtf(-2.0f * THVector_logf(u1[j]));
    float t = (float)(2.0 * M_PI * u2[j]);
    float sv, cv;
    th_sincosf(t, &sv, &cv);
    c[j] = r * cv;
    s[j] = r * sv;
  }
}
static inline void th_boxmuller8d(const double *u1, const double *u2, double *c, double *s) {
  for (int j = 0; j < 8; j++) {
    double r = sqrt(-2.0 * log(u1[j]));
    double t = 2.0 * M_PI * u2[j];
    c[j] = r * cos(t);
    s[j] = r * sin(t);
  }
}
#define TH_BOXMULLER8(u1, u2, c, s) \
  _Generic((u1)[0], float: th_boxmuller8f, default: th_boxmuller8d)(u1, u2, c, s)

/* multinomial without replacement: a key per category, the largest n first */
typedef struct {
  double key;
  int64_t index;
} th_rand_key;

/* descending keys (NaN last), equal keys by ascending index */
static int th_rand_key_cmp(const void *a, const void *b) {
  const th_rand_key *x = a, *y = b;
  int xn = isnan(x->key), yn = isnan(y->key);
  if (xn != yn) return xn - yn;
  if (!xn && x->key != y->key) return x->key > y->key ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

/* Moves the n largest of k[0..K) to the front, in order. */
static void th_rand_top(th_rand_key *k, int64_t K, int64_t n) {
  (void)n;
  qsort(k, (size_t)K, sizeof *k, th_rand_key_cmp);
}

#include "generic/THTensorRandom.c"
#include "THGenerateAllTypes.h"
