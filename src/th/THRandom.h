/* THRandom: the random number generator (Mersenne Twister MT19937), independent of element types.
 *
 * A THGenerator is one MT19937 stream plus its initial seed and a cached normal sample.  Its
 * output matches PyTorch's CPU generator: the same 32-bit stream for the same seed (the standard
 * MT19937 initialisation), random64 = (first << 32) | second, uniform doubles from the low 53 bits
 * of random64 and uniform floats from the low 24 bits of one 32-bit draw.
 *
 * Thread safety: every public function locks the generator's mutex for its duration, so one
 * generator may be shared between threads (cffi releases the GIL); tensor samplers lock once per
 * tensor and draw serially, so a seed gives the same numbers on every run and thread count.
 * Functions raise only before taking the lock.
 *
 * A NULL generator means the process-wide default generator (THGenerator_default). */
#ifndef TH_RANDOM_INC
#define TH_RANDOM_INC

#include "THGeneral.h"

typedef struct THGenerator THGenerator;

/* The seed of a new generator (PyTorch's default_rng_seed_val). */
#define TH_DEFAULT_SEED 67280421310721ULL

/* A new generator seeded with TH_DEFAULT_SEED; free it with THGenerator_free. */
TH_API THGenerator *THGenerator_new(void);
/* Copies the complete state of `from` into self; returns self. */
TH_API THGenerator *THGenerator_copy(THGenerator *self, THGenerator *from);
TH_API void THGenerator_free(THGenerator *gen);
/* The process-wide default generator (seeded non-deterministically on first use, like PyTorch's);
 * never free it. */
TH_API THGenerator *THGenerator_default(void);

/* The state as a byte buffer: THGenerator_stateSize() bytes (magic, initial seed, the 624 words,
 * the position and the cached normal), written by getState and validated by setState. */
TH_API int64_t THGenerator_stateSize(void);
TH_API void THGenerator_getState(THGenerator *self, uint8_t *buf, int64_t size);
TH_API void THGenerator_setState(THGenerator *self, const uint8_t *buf, int64_t size);

/* Seeds from /dev/urandom (the time and address if it cannot be read); returns the seed. */
TH_API uint64_t THRandom_seed(THGenerator *gen);
/* Restarts the stream from `seed` (its low 32 bits seed MT19937, as in PyTorch) and drops the
 * cached normal sample. */
TH_API void THRandom_manualSeed(THGenerator *gen, uint64_t seed);
TH_API uint64_t THRandom_initialSeed(THGenerator *gen);

/* One 32-bit draw; one 64-bit draw (two 32-bit draws, the first in the high half). */
TH_API uint32_t THRandom_random(THGenerator *gen);
TH_API uint64_t THRandom_random64(THGenerator *gen);
/* Uniform on [0, 1) with 53 random bits; uniform on [a, b). */
TH_API double THRandom_standard_uniform(THGenerator *gen);
TH_API double THRandom_uniform(THGenerator *gen, double a, double b);
/* Uniform float on [a, b) from 24 random bits. */
TH_API float THRandom_uniformFloat(THGenerator *gen, float a, float b);
/* Box-Muller; the second value of each pair is cached in the generator for the next call. */
TH_API double THRandom_normal(THGenerator *gen, double mean, double stdv);
/* Samplers: exponential (rate lambda > 0), cauchy (sigma > 0), log-normal (exp of a normal with
 * stdv > 0), geometric (trials to first success, p in (0, 1)), bernoulli (p in [0, 1]), poisson
 * (lambda >= 0; multiplication method below 10, Hoermann's PTRS above, as PyTorch). */
TH_API double THRandom_exponential(THGenerator *gen, double lambda);
TH_API double THRandom_cauchy(THGenerator *gen, double median, double sigma);
TH_API double THRandom_logNormal(THGenerator *gen, double mean, double stdv);
TH_API int64_t THRandom_geometric(THGenerator *gen, double p);
TH_API int THRandom_bernoulli(THGenerator *gen, double p);
TH_API int64_t THRandom_poisson(THGenerator *gen, double lambda);

#ifndef TH_CDEF
/* ---- for TH's tensor samplers: lock once, then draw without locking ---- */
#include <pthread.h>

#define TH_MT_N 624

struct THGenerator {
  uint32_t mt[TH_MT_N];
  int index; /* next word of mt to temper; TH_MT_N: twist first */
  int has_next_normal;
  double next_normal;
  uint64_t initial_seed;
  pthread_mutex_t mutex;
};

void THGenerator_lock(THGenerator *gen);
void THGenerator_unlock(THGenerator *gen);
/* gen, or the default generator when gen is NULL. */
THGenerator *THGenerator_resolve(THGenerator *gen);
/* Regenerates the 624 words (the generator must be locked). */
void THRandom_twist(THGenerator *gen);
/* n consecutive 32-bit draws into out (locked generator). */
void THRandom_fill32(THGenerator *gen, uint32_t *out, int64_t n);
/* A standard normal from the cached pair (locked generator). */
double THRandom_normalUnlocked(THGenerator *gen);
int64_t THRandom_poissonUnlocked(THGenerator *gen, double lambda);

static inline uint32_t th_mt_temper(uint32_t y) {
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  return y ^ (y >> 18);
}
static inline uint32_t th_random32(THGenerator *gen) {
  if (gen->index >= TH_MT_N) THRandom_twist(gen);
  return th_mt_temper(gen->mt[gen->index++]);
}
static inline uint64_t th_random64(THGenerator *gen) {
  uint64_t hi = th_random32(gen);
  return (hi << 32) | th_random32(gen);
}
/* [0, 1) from 53 bits / from 24 bits */
static inline double th_uniform_double(THGenerator *gen) {
  return (double)(th_random64(gen) & ((1ULL << 53) - 1)) * (1.0 / 9007199254740992.0);
}
static inline float th_uniform_float(THGenerator *gen) {
  return (float)(th_random32(gen) & ((1u << 24) - 1)) * (1.0f / 16777216.0f);
}
#endif

#endif
