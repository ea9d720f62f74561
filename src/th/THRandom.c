/* THRandom: MT19937 generators, their state, and the scalar samplers. */
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "THRandom.h"

#define TH_MT_M 397
#define TH_MT_MATRIX_A 0x9908b0dfu
#define TH_MT_UPPER 0x80000000u
#define TH_MT_LOWER 0x7fffffffu
#define TH_STATE_MAGIC 0x3931393754544d54ULL /* "TMTT7919" */

static void th_mt_init(THGenerator *g, uint64_t seed) {
  g->initial_seed = seed;
  g->mt[0] = (uint32_t)seed;
  for (uint32_t j = 1; j < TH_MT_N; j++) g->mt[j] = 1812433253u * (g->mt[j - 1] ^ (g->mt[j - 1] >> 30)) + j;
  g->index = TH_MT_N;
  g->has_next_normal = 0;
  g->next_normal = 0;
}

#define TH_MT_MIX(a, b) (((a) & TH_MT_UPPER) | ((b) & TH_MT_LOWER))
#define TH_MT_MAG(y) ((0u - ((y) & 1u)) & TH_MT_MATRIX_A)

/* Written as three dependence-free loops so the compiler vectorises them. */
void THRandom_twist(THGenerator *gen) {
  uint32_t *restrict mt = gen->mt;
  int i;
  for (i = 0; i < TH_MT_N - TH_MT_M; i++) {
    uint32_t y = TH_MT_MIX(mt[i], mt[i + 1]);
    mt[i] = mt[i + TH_MT_M] ^ (y >> 1) ^ TH_MT_MAG(y);
  }
  for (; i < TH_MT_N - 1; i++) {
    uint32_t y = TH_MT_MIX(mt[i], mt[i + 1]);
    mt[i] = mt[i + TH_MT_M - TH_MT_N] ^ (y >> 1) ^ TH_MT_MAG(y);
  }
  uint32_t y = TH_MT_MIX(mt[TH_MT_N - 1], mt[0]);
  mt[TH_MT_N - 1] = mt[TH_MT_M - 1] ^ (y >> 1) ^ TH_MT_MAG(y);
  gen->index = 0;
}

void THRandom_fill32(THGenerator *gen, uint32_t *restrict out, int64_t n) {
  while (n > 0) {
    if (gen->index >= TH_MT_N) THRandom_twist(gen);
    int64_t k = TH_MT_N - gen->index;
    if (k > n) k = n;
    const uint32_t *restrict src = gen->mt + gen->index;
    for (int64_t j = 0; j < k; j++) out[j] = th_mt_temper(src[j]);
    gen->index += (int)k;
    out += k;
    n -= k;
  }
}

/* ---- lifetime ---- */

static void th_gen_init(THGenerator *g, uint64_t seed) {
  th_mt_init(g, seed);
  pthread_mutex_init(&g->mutex, NULL);
}

THGenerator *THGenerator_new(void) {
  THGenerator *g = THAlloc(sizeof(THGenerator));
  th_gen_init(g, TH_DEFAULT_SEED);
  return g;
}

void THGenerator_free(THGenerator *gen) {
  if (!gen || gen == THGenerator_default()) return;
  pthread_mutex_destroy(&gen->mutex);
  THFree(gen);
}

void THGenerator_lock(THGenerator *gen) { pthread_mutex_lock(&gen->mutex); }
void THGenerator_unlock(THGenerator *gen) { pthread_mutex_unlock(&gen->mutex); }

static THGenerator th_default_gen;
static pthread_once_t th_default_once = PTHREAD_ONCE_INIT;

static uint64_t th_nondeterministic_seed(void) {
  uint64_t s = 0;
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ssize_t got = read(fd, &s, sizeof s);
    close(fd);
    if (got == (ssize_t)sizeof s) return s;
  }
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  s = ((uint64_t)ts.tv_sec * 1000000007ULL) ^ (uint64_t)ts.tv_nsec ^ ((uint64_t)(uintptr_t)&s << 16) ^
      ((uint64_t)getpid() << 40);
  return s;
}

static void th_default_init(void) { th_gen_init(&th_default_gen, th_nondeterministic_seed()); }

THGenerator *THGenerator_default(void) {
  pthread_once(&th_default_once, th_default_init);
  return &th_default_gen;
}

THGenerator *THGenerator_resolve(THGenerator *gen) { return gen ? gen : THGenerator_default(); }

THGenerator *THGenerator_copy(THGenerator *self, THGenerator *from) {
  self = THGenerator_resolve(self);
  from = THGenerator_resolve(from);
  if (self == from) return self;
  /* snapshot under from's lock, then write under self's: never two locks at once */
  THGenerator tmp;
  THGenerator_lock(from);
  memcpy(tmp.mt, from->mt, sizeof tmp.mt);
  tmp.index = from->index;
  tmp.has_next_normal = from->has_next_normal;
  tmp.next_normal = from->next_normal;
  tmp.initial_seed = from->initial_seed;
  THGenerator_unlock(from);
  THGenerator_lock(self);
  memcpy(self->mt, tmp.mt, sizeof tmp.mt);
  self->index = tmp.index;
  self->has_next_normal = tmp.has_next_normal;
  self->next_normal = tmp.next_normal;
  self->initial_seed = tmp.initial_seed;
  THGenerator_unlock(self);
  return self;
}

/* ---- state as bytes: magic, initial seed, mt[624], index, has_next_normal, next_normal ---- */

#define TH_STATE_BYTES (8 + 8 + 4 * TH_MT_N + 4 + 4 + 8)

int64_t THGenerator_stateSize(void) { return TH_STATE_BYTES; }

void THGenerator_getState(THGenerator *self, uint8_t *buf, int64_t size) {
  THArgCheck(size == TH_STATE_BYTES, "get_state: expected a buffer of %d bytes, but got %lld", TH_STATE_BYTES,
             (long long)size);
  self = THGenerator_resolve(self);
  uint64_t magic = TH_STATE_MAGIC;
  uint32_t index, has;
  THGenerator_lock(self);
  uint8_t *p = buf;
  memcpy(p, &magic, 8), p += 8;
  memcpy(p, &self->initial_seed, 8), p += 8;
  memcpy(p, self->mt, 4 * TH_MT_N), p += 4 * TH_MT_N;
  index = (uint32_t)self->index, has = (uint32_t)self->has_next_normal;
  memcpy(p, &index, 4), p += 4;
  memcpy(p, &has, 4), p += 4;
  memcpy(p, &self->next_normal, 8);
  THGenerator_unlock(self);
}

void THGenerator_setState(THGenerator *self, const uint8_t *buf, int64_t size) {
  THArgCheck(size == TH_STATE_BYTES, "set_state: expected a state of %d bytes (from get_state), but got %lld bytes",
             TH_STATE_BYTES, (long long)size);
  uint64_t magic, seed;
  uint32_t index, has;
  double next;
  const uint8_t *p = buf;
  memcpy(&magic, p, 8), p += 8;
  memcpy(&seed, p, 8), p += 8;
  const uint8_t *words = p;
  p += 4 * TH_MT_N;
  memcpy(&index, p, 4), p += 4;
  memcpy(&has, p, 4), p += 4;
  memcpy(&next, p, 8);
  THArgCheck(magic == TH_STATE_MAGIC, "set_state: expected a state made by get_state, but got bytes with an "
             "unknown header");
  THArgCheck(index <= TH_MT_N && has <= 1, "set_state: expected a state made by get_state, but got a corrupt "
             "position %u / flag %u", index, has);
  self = THGenerator_resolve(self);
  THGenerator_lock(self);
  self->initial_seed = seed;
  memcpy(self->mt, words, 4 * TH_MT_N);
  self->index = (int)index;
  self->has_next_normal = (int)has;
  self->next_normal = next;
  THGenerator_unlock(self);
}

/* ---- seeding ---- */

uint64_t THRandom_seed(THGenerator *gen) {
  uint64_t s = th_nondeterministic_seed();
  THRandom_manualSeed(gen, s);
  return s;
}

void THRandom_manualSeed(THGenerator *gen, uint64_t seed) {
  gen = THGenerator_resolve(gen);
  THGenerator_lock(gen);
  th_mt_init(gen, seed);
  THGenerator_unlock(gen);
}

uint64_t THRandom_initialSeed(THGenerator *gen) {
  gen = THGenerator_resolve(gen);
  THGenerator_lock(gen);
  uint64_t s = gen->initial_seed;
  THGenerator_unlock(gen);
  return s;
}

/* ---- scalar draws ---- */

uint32_t THRandom_random(THGenerator *gen) {
  gen = THGenerator_resolve(gen);
  THGenerator_lock(gen);
  uint32_t r = th_random32(gen);
  THGenerator_unlock(gen);
  return r;
}

uint64_t THRandom_random64(THGenerator *gen) {
  gen = THGenerator_resolve(gen);
  THGenerator_lock(gen);
  uint64_t r = th_random64(gen);
  THGenerator_unlock(gen);
  return r;
}

double THRandom_standard_uniform(THGenerator *gen) {
  gen = THGenerator_resolve(gen);
  THGenerator_lock(gen);
  double r = th_uniform_double(gen);
  THGenerator_unlock(gen);
  return r;
}

double THRandom_uniform(THGenerator *gen, double a, double b) {
  return THRandom_standard_uniform(gen) * (b - a) + a;
}

float THRandom_uniformFloat(THGenerator *gen, float a, float b) {
  gen = THGenerator_resolve(gen);
  THGenerator_lock(gen);
  float r = th_uniform_float(gen);
  THGenerator_unlock(gen);
  return r * (b - a) + a;
}

double THRandom_normalUnlocked(THGenerator *gen) {
  if (gen->has_next_normal) {
    gen->has_next_normal = 0;
    return gen->next_normal;
  }
  /* Box-Muller as PyTorch's normal_distribution<double>: u1 gives the angle, u2 the radius */
  double u1 = th_uniform_double(gen);
  double u2 = th_uniform_double(gen);
  double r = sqrt(-2.0 * log1p(-u2));
  double theta = 2.0 * M_PI * u1;
  gen->next_normal = r * sin(theta);
  gen->has_next_normal = 1;
  return r * cos(theta);
}

double THRandom_normal(THGenerator *gen, double mean, double stdv) {
  THArgCheck(stdv >= 0, "normal: expected std >= 0.0, but got std=%g", stdv);
  gen = THGenerator_resolve(gen);
  THGenerator_lock(gen);
  double z = THRandom_normalUnlocked(gen);
  THGenerator_unlock(gen);
  return z * stdv + mean;
}

double THRandom_exponential(THGenerator *gen, double lambda) {
  THArgCheck(lambda > 0, "exponential_: expected lambda > 0.0, but got lambda=%g", lambda);
  return -1.0 / lambda * log1p(-THRandom_standard_uniform(gen));
}

double THRandom_cauchy(THGenerator *gen, double median, double sigma) {
  THArgCheck(sigma > 0, "cauchy_: expected sigma > 0.0, but got sigma=%g", sigma);
  return median + sigma * tan(M_PI * (THRandom_standard_uniform(gen) - 0.5));
}

double THRandom_logNormal(THGenerator *gen, double mean, double stdv) {
  THArgCheck(stdv > 0, "log_normal_: expected std > 0.0, but got std=%g", stdv);
  return exp(THRandom_normal(gen, mean, stdv));
}

int64_t THRandom_geometric(THGenerator *gen, double p) {
  THArgCheck(p > 0 && p < 1, "geometric_: expected p in (0, 1), but got p=%g", p);
  /* 1 - u is in (0, 1]: the logarithm is finite */
  return (int64_t)ceil(log1p(-THRandom_standard_uniform(gen)) / log1p(-p));
}

int THRandom_bernoulli(THGenerator *gen, double p) {
  THArgCheck(p >= 0 && p <= 1, "bernoulli_: expected p in [0, 1], but got p=%g", p);
  return THRandom_standard_uniform(gen) < p;
}

/* lgamma without touching the global signgam (samplers may run on several threads) */
static double th_lgamma(double x) {
  int sign;
  return lgamma_r(x, &sign);
}

int64_t THRandom_poissonUnlocked(THGenerator *gen, double lambda) {
  if (lambda >= 10) {
    /* transformed rejection (PTRS), Hoermann 1993 */
    double slam = sqrt(lambda), loglam = log(lambda);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      double U = th_uniform_double(gen) - 0.5;
      double V = th_uniform_double(gen);
      double us = 0.5 - fabs(U);
      int64_t k = (int64_t)floor((2 * a / us + b) * U + lambda + 0.43);
      if (us >= 0.07 && V <= vr) return k;
      if (k < 0 || (us < 0.013 && V > us)) continue;
      if (log(V) + log(invalpha) - log(a / (us * us) + b) <= -lambda + k * loglam - th_lgamma((double)k + 1)) return k;
    }
  }
  if (lambda == 0) return 0;
  /* multiplication of uniforms until the product drops below exp(-lambda) */
  double enlam = exp(-lambda), prod = 1.0;
  int64_t x = 0;
  for (;;) {
    prod *= th_uniform_double(gen);
    if (prod > enlam)
      x++;
    else
      return x;
  }
}

int64_t THRandom_poisson(THGenerator *gen, double lambda) {
  THArgCheck(lambda >= 0 && isfinite(lambda), "poisson: expected a non-negative finite rate, but got %g", lambda);
  gen = THGenerator_resolve(gen);
  THGenerator_lock(gen);
  int64_t k = THRandom_poissonUnlocked(gen, lambda);
  THGenerator_unlock(gen);
  return k;
}
