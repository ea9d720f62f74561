#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorRandom.c"
#else

/* TH_RAND_DIGITS: the mantissa digits of this floating type (the bound of random_()).
 * TH_RAND_LO / TH_RAND_HI: the integers random_ may produce for this type.
 * th_rmath: the type the floating samplers compute in (float for Float and Half, as PyTorch). */
#if defined(TH_REAL_IS_DOUBLE)
#define TH_RAND_DIGITS 53
#define th_rmath double
#elif defined(TH_REAL_IS_FLOAT)
#define TH_RAND_DIGITS 24
#define th_rmath float
#elif defined(TH_REAL_IS_HALF)
#define TH_RAND_DIGITS 11
#define th_rmath float
#endif

#if defined(TH_REAL_IS_FLOATING)
#define TH_RAND_LO (-(INT64_C(1) << TH_RAND_DIGITS))
#define TH_RAND_HI (INT64_C(1) << TH_RAND_DIGITS)
#elif defined(TH_REAL_IS_LONG)
#define TH_RAND_LO INT64_MIN
#define TH_RAND_HI INT64_MAX
#elif defined(TH_REAL_IS_INT)
#define TH_RAND_LO INT32_MIN
#define TH_RAND_HI INT32_MAX
#elif defined(TH_REAL_IS_SHORT)
#define TH_RAND_LO INT16_MIN
#define TH_RAND_HI INT16_MAX
#elif defined(TH_REAL_IS_CHAR)
#define TH_RAND_LO INT8_MIN
#define TH_RAND_HI INT8_MAX
#elif defined(TH_REAL_IS_BYTE)
#define TH_RAND_LO 0
#define TH_RAND_HI UINT8_MAX
#elif defined(TH_REAL_IS_BOOL)
#define TH_RAND_LO 0
#define TH_RAND_HI 1
#endif

/* The contiguous memory a sampler fills in row-major order: self's own when self is contiguous,
 * else a temporary that randFinish copies into self. */
static real *THTensor_(randBuffer)(THTensor *self, THTensor **tmp) {
  if (THTensor_(isContiguous)(self)) {
    *tmp = NULL;
    return (real *)THTensor_(data)(self);
  }
  *tmp = THTensor_(newWithSize)(self->nDimension, self->size);
  return (real *)THTensor_(data)(*tmp);
}

static void THTensor_(randFinish)(THTensor *self, THTensor *tmp) {
  if (!tmp) return;
  THTensor_(copy)(self, tmp);
  THTensor_(free)(tmp);
}

/* ---- integers ---- */

void THTensor_(random)(THTensor *self, THGenerator *gen) {
  gen = THGenerator_resolve(gen);
  THTensor *tmp;
  real *d = THTensor_(randBuffer)(self, &tmp);
  int64_t n = THTensor_(nElement)(self);
  THGenerator_lock(gen);
  for (int64_t i = 0; i < n; i++) {
#if defined(TH_REAL_IS_BOOL)
    d[i] = th_random32(gen) & 1;
#elif defined(TH_REAL_IS_LONG)
    d[i] = (real)(th_random64(gen) % ((uint64_t)INT64_MAX + 1));
#elif defined(TH_REAL_IS_DOUBLE)
    d[i] = (real)(th_random64(gen) % ((UINT64_C(1) << 53) + 1));
#elif defined(TH_REAL_IS_FLOATING)
    d[i] = (real)(th_random32(gen) % ((UINT64_C(1) << TH_RAND_DIGITS) + 1));
#else
    d[i] = (real)(th_random32(gen) % ((uint64_t)TH_RAND_HI + 1));
#endif
  }
  THGenerator_unlock(gen);
  THTensor_(randFinish)(self, tmp);
}

/* base + (a draw mod range), range 0 meaning 2^64; 64-bit draws for ranges of 2^28 and more (which
 * keeps the modulo bias small, and is where PyTorch switches) */
static void THTensor_(randomRange)(THTensor *self, THGenerator *gen, int64_t base, uint64_t range) {
  gen = THGenerator_resolve(gen);
  THTensor *tmp;
  real *d = THTensor_(randBuffer)(self, &tmp);
  int64_t n = THTensor_(nElement)(self);
  int use64 = range == 0 || range >= (UINT64_C(1) << 28); /* PyTorch's threshold */
  THGenerator_lock(gen);
  if (use64) {
    for (int64_t i = 0; i < n; i++) {
      uint64_t v = th_random64(gen);
      d[i] = (real)(int64_t)((range ? v % range : v) + (uint64_t)base);
    }
  } else {
    for (int64_t i = 0; i < n; i++) d[i] = (real)(int64_t)(th_random32(gen) % range + (uint64_t)base);
  }
  THGenerator_unlock(gen);
  THTensor_(randFinish)(self, tmp);
}

void THTensor_(clampedRandom)(THTensor *self, THGenerator *gen, int64_t min, int64_t max) {
  THArgCheck(min < max, "random_: expected 'from' to be less than 'to', but got from=%lld >= to=%lld",
             (long long)min, (long long)max);
#if !defined(TH_REAL_IS_FLOATING)
  THArgCheck(min >= (int64_t)TH_RAND_LO && min <= (int64_t)TH_RAND_HI,
             "random_: expected 'from' in [%lld, %lld] (the range of the tensor's dtype), but got from=%lld",
             (long long)TH_RAND_LO, (long long)TH_RAND_HI, (long long)min);
  THArgCheck(max - 1 <= (int64_t)TH_RAND_HI,
             "random_: expected 'to' - 1 in [%lld, %lld] (the range of the tensor's dtype), but got to=%lld",
             (long long)TH_RAND_LO, (long long)TH_RAND_HI, (long long)max);
#endif
  THTensor_(randomRange)(self, gen, min, (uint64_t)max - (uint64_t)min);
}

void THTensor_(cappedRandom)(THTensor *self, THGenerator *gen, int64_t max) {
  THTensor_(clampedRandom)(self, gen, 0, max);
}

void THTensor_(randomFrom)(THTensor *self, THGenerator *gen, int64_t min) {
  THArgCheck(min >= (int64_t)TH_RAND_LO && min <= (int64_t)TH_RAND_HI,
             "random_: expected 'from' in [%lld, %lld] (the range of the tensor's dtype), but got from=%lld",
             (long long)TH_RAND_LO, (long long)TH_RAND_HI, (long long)min);
  THTensor_(randomRange)(self, gen, min, (uint64_t)(int64_t)TH_RAND_HI - (uint64_t)min + 1);
}

/* ---- bernoulli ---- */

void THTensor_(bernoulli)(THTensor *self, THGenerator *gen, double p) {
  THArgCheck(p >= 0 && p <= 1, "bernoulli_: expected p in [0, 1], but got p=%g", p);
  gen = THGenerator_resolve(gen);
  THTensor *tmp;
  real *d = THTensor_(randBuffer)(self, &tmp);
  int64_t n = THTensor_(nElement)(self);
  THGenerator_lock(gen);
  for (int64_t i = 0; i < n; i++) d[i] = (real)(th_uniform_double(gen) < p);
  THGenerator_unlock(gen);
  THTensor_(randFinish)(self, tmp);
}

#define TH_BERNOULLI_TENSOR(PReal, preal, UNIFORM)                                                               \
  void THTensor_(bernoulli_##PReal##Tensor)(THTensor *self, THGenerator *gen, TH##PReal##Tensor *p) {            \
    if (!TH##PReal##Tensor_isSize(p, self->nDimension, self->size)) {                                            \
      char sa[256], sb[256];                                                                                     \
      THError("bernoulli_: expected p of the tensor's shape %s (broadcast it first), but got %s",                \
              THFormatSizes(sa, sizeof sa, self->size, self->nDimension),                                        \
              THFormatSizes(sb, sizeof sb, p->size, p->nDimension));                                             \
    }                                                                                                            \
    TH##PReal##Tensor *pc = TH##PReal##Tensor_newContiguous(p);                                                  \
    const preal *pp = (const preal *)TH##PReal##Tensor_data(pc);                                                 \
    int64_t n = TH##PReal##Tensor_nElement(pc);                                                                  \
    for (int64_t i = 0; i < n; i++)                                                                              \
      if (!(pp[i] >= 0 && pp[i] <= 1)) {                                                                         \
        double bad = pp[i];                                                                                      \
        TH##PReal##Tensor_free(pc);                                                                              \
        THError("bernoulli_: expected all probabilities in [0, 1], but got p=%g", bad);                          \
      }                                                                                                          \
    gen = THGenerator_resolve(gen);                                                                              \
    THTensor *tmp;                                                                                               \
    real *d = THTensor_(randBuffer)(self, &tmp);                                                                 \
    THGenerator_lock(gen);                                                                                       \
    for (int64_t i = 0; i < n; i++) d[i] = (real)(UNIFORM(gen) < pp[i]);                                         \
    THGenerator_unlock(gen);                                                                                     \
    TH##PReal##Tensor_free(pc);                                                                                  \
    THTensor_(randFinish)(self, tmp);                                                                            \
  }
TH_BERNOULLI_TENSOR(Float, float, th_uniform_float)
TH_BERNOULLI_TENSOR(Double, double, th_uniform_double)
#undef TH_BERNOULLI_TENSOR

#if !defined(TH_REAL_IS_BOOLEAN)
/* ---- geometric, randperm ---- */

void THTensor_(geometric)(THTensor *self, THGenerator *gen, double p) {
  THArgCheck(p > 0 && p < 1, "geometric_: expected p in (0, 1), but got p=%g", p);
  gen = THGenerator_resolve(gen);
  THTensor *tmp;
  real *d = THTensor_(randBuffer)(self, &tmp);
  int64_t n = THTensor_(nElement)(self);
  const double lq = log1p(-p);
  THGenerator_lock(gen);
  for (int64_t i = 0; i < n; i++) {
    double u = th_uniform_double(gen);
    double v = ceil(log(u > 0 ? u : 0x1p-53) / lq); /* PyTorch's formula; u = 0 would give inf */
#if defined(TH_REAL_IS_FLOATING)
    d[i] = (real)v;
#else
    d[i] = v >= (double)TH_RAND_HI ? (real)TH_RAND_HI : (real)v; /* saturate, never overflow */
#endif
  }
  THGenerator_unlock(gen);
  THTensor_(randFinish)(self, tmp);
}

void THTensor_(randperm)(THTensor *r, THGenerator *gen, int64_t n) {
  THArgCheck(n >= 0, "randperm: expected n >= 0, but got n=%lld", (long long)n);
  THArgCheck(n == 0 || n - 1 <= (int64_t)TH_RAND_HI,
             "randperm: expected n <= %llu (values up to n - 1 must be exact in the result's dtype), but got n=%lld",
             (unsigned long long)TH_RAND_HI + 1, (long long)n);
  THTensor_(resize1d)(r, n);
  gen = THGenerator_resolve(gen);
  THTensor *tmp;
  real *d = THTensor_(randBuffer)(r, &tmp);
  for (int64_t i = 0; i < n; i++) d[i] = (real)i;
  int use64 = n >= (INT64_C(1) << 32);
  THGenerator_lock(gen);
  for (int64_t i = 0; i < n - 1; i++) {
    uint64_t v = use64 ? th_random64(gen) : th_random32(gen);
    int64_t z = (int64_t)(v % (uint64_t)(n - i));
    real s = d[i];
    d[i] = d[z + i];
    d[z + i] = s;
  }
  THGenerator_unlock(gen);
  THTensor_(randFinish)(r, tmp);
}
#endif

#if defined(TH_REAL_IS_FLOATING)
/* ---- continuous distributions ---- */

static void THTensor_(checkFloatBounds)(const char *op, double a, double b) {
#if defined(TH_REAL_IS_DOUBLE)
  const double big = DBL_MAX;
#elif defined(TH_REAL_IS_FLOAT)
  const double big = FLT_MAX;
#else
  const double big = 65504.0;
#endif
  THArgCheck(a >= -big && a <= big && b >= -big && b <= big,
             "%s: expected from and to within the range of the tensor's dtype, but got from=%g, to=%g", op, a, b);
  THArgCheck(b - a <= big, "%s: expected to - from <= %g, but got to - from = %g", op, big, b - a);
}

/* n uniforms on [a, b) into d (the generator is locked): 24 bits per float/half from one 32-bit
 * draw, 53 bits per double from two; the draws come in chunks for the vectorised conversion. */
static void THTensor_(uniformFill)(THGenerator *gen, real *d, int64_t n, double a, double b) {
  uint32_t buf[2 * TH_RAND_CHUNK];
#if defined(TH_REAL_IS_DOUBLE)
  const double range = b - a;
  for (int64_t i = 0; i < n; i += TH_RAND_CHUNK) {
    int64_t k = n - i < TH_RAND_CHUNK ? n - i : TH_RAND_CHUNK;
    THRandom_fill32(gen, buf, 2 * k);
    real *restrict o = d + i;
    for (int64_t j = 0; j < k; j++) {
      uint64_t v = (((uint64_t)buf[2 * j] << 32) | buf[2 * j + 1]) & ((UINT64_C(1) << 53) - 1);
      o[j] = (double)(int64_t)v * 0x1p-53 * range + a;
    }
  }
#else
  const float fa = (float)a, range = (float)b - (float)a;
  /* half uniforms are float uniforms rounded, as PyTorch's */
  const float scale = 1.0f / (float)(1u << 24);
  const uint32_t mask = (1u << 24) - 1;
  for (int64_t i = 0; i < n; i += TH_RAND_CHUNK) {
    int64_t k = n - i < TH_RAND_CHUNK ? n - i : TH_RAND_CHUNK;
    THRandom_fill32(gen, buf, k);
    real *restrict o = d + i;
    for (int64_t j = 0; j < k; j++) o[j] = (real)((float)(int32_t)(buf[j] & mask) * scale * range + fa);
  }
#endif
}

void THTensor_(uniform)(THTensor *self, THGenerator *gen, double a, double b) {
  THArgCheck(a <= b, "uniform_: expected from <= to, but got from=%g > to=%g", a, b);
  THTensor_(checkFloatBounds)("uniform_", a, b);
  gen = THGenerator_resolve(gen);
  THTensor *tmp;
  real *d = THTensor_(randBuffer)(self, &tmp);
  int64_t n = THTensor_(nElement)(self);
  THGenerator_lock(gen);
  THTensor_(uniformFill)(gen, d, n, a, b);
  THGenerator_unlock(gen);
  THTensor_(randFinish)(self, tmp);
}

/* Box-Muller on blocks of 16 uniforms in place: the first 8 give the radii, the last 8 the
 * angles (PyTorch's normal_fill_16).  Blocks are independent, so they may run on any thread. */
static void THTensor_(normalBlocks)(real *d, int64_t nblocks, th_rmath mean, th_rmath stdv) {
  int nt = nblocks * 16 >= TH_OMP_OVERHEAD_THRESHOLD ? THGetNumThreads() : 1;
#pragma omp parallel for num_threads(nt) if (nt > 1)
  for (int64_t b = 0; b < nblocks; b++) {
    real *restrict p = d + 16 * b;
    th_rmath u1[8], u2[8], c[8], s[8];
    for (int j = 0; j < 8; j++) {
      u1[j] = 1 - (th_rmath)p[j]; /* [0, 1) -> (0, 1] for the logarithm */
      u2[j] = (th_rmath)p[j + 8];
    }
    TH_BOXMULLER8(u1, u2, c, s);
    for (int j = 0; j < 8; j++) {
      p[j] = (real)(c[j] * stdv + mean);
      p[j + 8] = (real)(s[j] * stdv + mean);
    }
  }
}

/* n normals into d; locks the generator for the draws only. */
static void THTensor_(normalInto)(THGenerator *gen, real *d, int64_t n, double mean, double stdv) {
  THGenerator_lock(gen);
  if (n < 16) {
    for (int64_t i = 0; i < n; i++) d[i] = (real)(THRandom_normalUnlocked(gen) * stdv + mean);
    THGenerator_unlock(gen);
    return;
  }
  real tail[16];
  THTensor_(uniformFill)(gen, d, n, 0, 1);
  if (n % 16) THTensor_(uniformFill)(gen, tail, 16, 0, 1); /* PyTorch redraws the last 16 */
  THGenerator_unlock(gen);
  THTensor_(normalBlocks)(d, n / 16, (th_rmath)mean, (th_rmath)stdv);
  if (n % 16) {
    memcpy(d + n - 16, tail, sizeof tail);
    THTensor_(normalBlocks)(d + n - 16, 1, (th_rmath)mean, (th_rmath)stdv);
  }
}

void THTensor_(normal)(THTensor *self, THGenerator *gen, double mean, double stdv) {
  THArgCheck(stdv >= 0, "normal: expected std >= 0.0, but got std=%g", stdv);
  gen = THGenerator_resolve(gen);
  THTensor *tmp;
  real *d = THTensor_(randBuffer)(self, &tmp);
  THTensor_(normalInto)(gen, d, THTensor_(nElement)(self), mean, stdv);
  THTensor_(randFinish)(self, tmp);
}

/* r = N(0, 1) * std + mean with means / stds given as contiguous tensors (NULL: the scalar). */
static void THTensor_(normalWith)(THTensor *r, THGenerator *gen, THTensor *shape, THTensor *means, double mean,
                                  THTensor *stds, double stdv) {
  THTensor *mc = means ? THTensor_(newContiguous)(means) : NULL;
  THTensor *sc = stds ? THTensor_(newContiguous)(stds) : NULL;
  int64_t n = THTensor_(nElement)(shape);
  if (sc) {
    const real *sp = (const real *)THTensor_(data)(sc);
    for (int64_t i = 0; i < n; i++)
      if (!(sp[i] >= 0)) {
        double bad = sp[i];
        THTensor_(free)(sc);
        if (mc) THTensor_(free)(mc);
        THError("normal: expected all elements of std >= 0.0, but got std=%g", bad);
      }
  }
  if (!THTensor_(isSameSizeAs)(r, shape)) THTensor_(resizeNd)(r, shape->nDimension, shape->size, NULL);
  gen = THGenerator_resolve(gen);
  THTensor *tmp;
  real *d = THTensor_(randBuffer)(r, &tmp);
  THTensor_(normalInto)(gen, d, n, 0, 1);
  const real *mp = mc ? (const real *)THTensor_(data)(mc) : NULL;
  const real *sp = sc ? (const real *)THTensor_(data)(sc) : NULL;
  for (int64_t i = 0; i < n; i++)
    d[i] = (real)((th_rmath)d[i] * (sp ? (th_rmath)sp[i] : (th_rmath)stdv) + (mp ? (th_rmath)mp[i] : (th_rmath)mean));
  if (mc) THTensor_(free)(mc);
  if (sc) THTensor_(free)(sc);
  THTensor_(randFinish)(r, tmp);
}

void THTensor_(normal_means)(THTensor *r, THGenerator *gen, THTensor *means, double stddev) {
  THArgCheck(stddev >= 0, "normal: expected std >= 0.0, but got std=%g", stddev);
  THTensor_(normalWith)(r, gen, means, means, 0, NULL, stddev);
}

void THTensor_(normal_stddevs)(THTensor *r, THGenerator *gen, double mean, THTensor *stddevs) {
  THTensor_(normalWith)(r, gen, stddevs, NULL, mean, stddevs, 1);
}

void THTensor_(normal_means_stddevs)(THTensor *r, THGenerator *gen, THTensor *means, THTensor *stddevs) {
  THTensor_(checkSameShape)("normal", means, stddevs);
  THTensor_(normalWith)(r, gen, means, means, 0, stddevs, 1);
}

void THTensor_(exponential)(THTensor *self, THGenerator *gen, double lambda) {
  THArgCheck(lambda > 0, "exponential_: expected lambda > 0.0, but got lambda=%g", lambda);
  gen = THGenerator_resolve(gen);
  THTensor *tmp;
  real *d = THTensor_(randBuffer)(self, &tmp);
  int64_t n = THTensor_(nElement)(self);
  THGenerator_lock(gen);
  for (int64_t i = 0; i < n; i++) d[i] = (real)(-1.0 / lambda * log1p(-th_uniform_double(gen)));
  THGenerator_unlock(gen);
  THTensor_(randFinish)(self, tmp);
}

void THTensor_(cauchy)(THTensor *self, THGenerator *gen, double median, double sigma) {
  THArgCheck(sigma > 0, "cauchy_: expected sigma > 0.0, but got sigma=%g", sigma);
  gen = THGenerator_resolve(gen);
  THTensor *tmp;
  real *d = THTensor_(randBuffer)(self, &tmp);
  int64_t n = THTensor_(nElement)(self);
  THGenerator_lock(gen);
  for (int64_t i = 0; i < n; i++) d[i] = (real)(median + sigma * tan(M_PI * (th_uniform_double(gen) - 0.5)));
  THGenerator_unlock(gen);
  THTensor_(randFinish)(self, tmp);
}

void THTensor_(logNormal)(THTensor *self, THGenerator *gen, double mean, double stdv) {
  THArgCheck(stdv > 0, "log_normal_: expected std > 0.0, but got std=%g", stdv);
  gen = THGenerator_resolve(gen);
  THTensor *tmp;
  real *d = THTensor_(randBuffer)(self, &tmp);
  int64_t n = THTensor_(nElement)(self);
  THGenerator_lock(gen);
  for (int64_t i = 0; i < n; i++) d[i] = (real)exp(THRandom_normalUnlocked(gen) * stdv + mean);
  THGenerator_unlock(gen);
  THTensor_(randFinish)(self, tmp);
}

void THTensor_(poisson)(THTensor *r, THGenerator *gen, THTensor *rates) {
  THTensor *rc = THTensor_(newContiguous)(rates);
  const real *rp = (const real *)THTensor_(data)(rc);
  int64_t n = THTensor_(nElement)(rc);
  for (int64_t i = 0; i < n; i++)
    if (!(rp[i] >= 0 && isfinite((double)rp[i]))) {
      double bad = rp[i];
      THTensor_(free)(rc);
      THError("poisson: expected finite non-negative rates, but got rate=%g", bad);
    }
  if (!THTensor_(isSameSizeAs)(r, rc)) THTensor_(resizeNd)(r, rc->nDimension, rc->size, NULL);
  gen = THGenerator_resolve(gen);
  THTensor *tmp;
  real *d = THTensor_(randBuffer)(r, &tmp);
  THGenerator_lock(gen);
  for (int64_t i = 0; i < n; i++) d[i] = (real)THRandom_poissonUnlocked(gen, (double)rp[i]);
  THGenerator_unlock(gen);
  THTensor_(free)(rc);
  THTensor_(randFinish)(r, tmp);
}

/* ---- multinomial ---- */

void THTensor_(multinomial)(THLongTensor *r, THGenerator *gen, THTensor *prob, int64_t n_sample, int replacement) {
  const int nd = prob->nDimension;
  THArgCheck(nd == 1 || nd == 2, "multinomial: expected prob_dist to be 1 or 2 dim, but got %d dims", nd);
  const int64_t K = prob->size[nd - 1], rows = nd == 2 ? prob->size[0] : 1;
  THArgCheck(n_sample > 0, "multinomial: expected n_sample > 0 (cannot sample n_sample <= 0 samples), but got "
             "n_sample=%lld", (long long)n_sample);
  THArgCheck(K > 0, "multinomial: expected at least one category, but got prob_dist.size(-1) = 0");
  THArgCheck(K <= (INT64_C(1) << 24), "multinomial: expected at most 2^24 categories, but got %lld", (long long)K);
  THArgCheck(replacement || n_sample <= K, "multinomial: expected n_sample <= %lld categories without replacement "
             "(cannot sample n_sample > prob_dist.size(-1) samples without replacement), but got n_sample=%lld",
             (long long)K, (long long)n_sample);
  const real *p = (const real *)THTensor_(data)(prob);
  const int64_t s0 = nd == 2 ? prob->stride[0] : 0, s1 = prob->stride[nd - 1];
  for (int64_t i = 0; i < rows; i++) {
    double sum = 0;
    for (int64_t j = 0; j < K; j++) {
      double v = p[i * s0 + j * s1];
      THArgCheck(v >= 0 && isfinite(v), "multinomial: expected finite probabilities >= 0 (probability tensor "
                 "contains either `inf`, `nan` or element < 0), but got %g in row %lld", v, (long long)i);
      sum += v;
    }
    THArgCheck(sum > 0, "multinomial: expected every distribution to have a positive sum (invalid multinomial "
               "distribution (sum of probabilities <= 0)), but got a zero sum in row %lld", (long long)i);
  }
  int64_t rsizes[2] = {rows, n_sample};
  if (nd == 1) rsizes[0] = n_sample;
  THLongTensor_resizeNd(r, nd, rsizes, NULL);
  const int64_t r0 = nd == 2 ? r->stride[0] : 0, r1 = r->stride[nd - 1];
  int64_t *out = (int64_t *)THLongTensor_data(r);
  gen = THGenerator_resolve(gen);

  if (replacement && n_sample > 1) {
    /* inverse CDF: cumulative sums in the input's precision, normalised, searched per draw */
    th_rmath *cum = THAlloc(K * sizeof(th_rmath));
    THGenerator_lock(gen);
    for (int64_t i = 0; i < rows; i++) {
      th_rmath sum = 0;
      for (int64_t j = 0; j < K; j++) {
        sum += (th_rmath)p[i * s0 + j * s1];
        cum[j] = sum;
      }
      for (int64_t j = 0; j < K; j++) cum[j] /= sum;
      cum[K - 1] = 1;
      for (int64_t j = 0; j < n_sample; j++) {
        double u = th_uniform_double(gen);
        int64_t lo = 0, hi = K;
        while (hi - lo > 0) {
          int64_t mid = lo + (hi - lo) / 2;
          if ((double)cum[mid] < u)
            lo = mid + 1;
          else
            hi = mid;
        }
        out[i * r0 + j * r1] = lo;
      }
    }
    THGenerator_unlock(gen);
    THFree(cum);
    return;
  }

  /* without replacement: the top n_sample of p / q with q ~ Exp(1) (the Gumbel-max trick in
   * exponential form); the draws are serial, the selection runs per row in parallel */
  th_rand_key *keys = THAlloc(rows * K * sizeof(th_rand_key));
  THGenerator_lock(gen);
  for (int64_t i = 0; i < rows * K; i++) keys[i].key = -log1p(-th_uniform_double(gen));
  THGenerator_unlock(gen);
  int nt = rows > 1 && rows * K * (n_sample > 1 ? 8 : 1) >= TH_OMP_OVERHEAD_THRESHOLD ? THGetNumThreads() : 1;
#pragma omp parallel for num_threads(nt) if (nt > 1)
  for (int64_t i = 0; i < rows; i++) {
    th_rand_key *k = keys + i * K;
    for (int64_t j = 0; j < K; j++) {
      k[j].key = (double)p[i * s0 + j * s1] / k[j].key;
      k[j].index = j;
    }
    if (n_sample == 1) {
      int64_t best = 0;
      for (int64_t j = 1; j < K; j++)
        if (k[j].key > k[best].key) best = j;
      out[i * r0] = best;
    } else {
      th_rand_top(k, K, n_sample);
      for (int64_t j = 0; j < n_sample; j++) out[i * r0 + j * r1] = k[j].index;
    }
  }
  THFree(keys);
}
#endif

#undef TH_RAND_LO
#undef TH_RAND_HI
#if defined(TH_REAL_IS_FLOATING)
#undef TH_RAND_DIGITS
#undef th_rmath
#endif

#endif
