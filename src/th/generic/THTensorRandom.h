#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorRandom.h"
#else
/* Random sampling into tensors.  Every sampler locks the generator once and draws serially in
 * the row-major order of self's elements (a non-contiguous self is filled through a contiguous
 * temporary), so a seed gives the same numbers on every run, thread count and layout.  For
 * contiguous tensors the streams match PyTorch's CPU kernels where those do not use MKL (uniform,
 * normal, random, cauchy, log-normal, geometric, bernoulli with a tensor p, randperm, multinomial
 * with replacement).  gen may be NULL: the default generator.  Arguments are checked first. */

/* random_(): floating types [0, 2^mantissa digits] (2^24 float, 2^53 double, 2^11 half); integer
 * types [0, max]; bool {false, true}. */
TH_API void THTensor_(random)(THTensor *self, THGenerator *gen);
/* random_(min, max): integers in [min, max); min < max, both representable in the type. */
TH_API void THTensor_(clampedRandom)(THTensor *self, THGenerator *gen, int64_t min, int64_t max);
/* random_(0, max) */
TH_API void THTensor_(cappedRandom)(THTensor *self, THGenerator *gen, int64_t max);
/* random_(min, None): integers in [min, the type's largest value (2^digits for floating types)]. */
TH_API void THTensor_(randomFrom)(THTensor *self, THGenerator *gen, int64_t min);
/* bernoulli_(p): 1 with probability p in [0, 1] (a 53-bit uniform below p). */
TH_API void THTensor_(bernoulli)(THTensor *self, THGenerator *gen, double p);
/* bernoulli_(p tensor): p of self's shape (broadcast by the caller), every element in [0, 1];
 * a Double p is compared with 53-bit uniforms, a Float p with 24-bit ones (as PyTorch). */
TH_API void THTensor_(bernoulli_FloatTensor)(THTensor *self, THGenerator *gen, THFloatTensor *p);
TH_API void THTensor_(bernoulli_DoubleTensor)(THTensor *self, THGenerator *gen, THDoubleTensor *p);

#if !defined(TH_REAL_IS_BOOLEAN)
/* geometric_(p): the number of Bernoulli(p) trials up to the first success, p in (0, 1); values
 * beyond an integer type's range saturate. */
TH_API void THTensor_(geometric)(THTensor *self, THGenerator *gen, double p);
/* A random permutation of 0 .. n-1 into r (resized to [n]); Fisher-Yates as PyTorch. */
TH_API void THTensor_(randperm)(THTensor *r, THGenerator *gen, int64_t n);
#endif

#if defined(TH_REAL_IS_FLOATING)
/* uniform_(a, b): [a, b) with a <= b; 53 random bits for double, 24 for float and half. */
TH_API void THTensor_(uniform)(THTensor *self, THGenerator *gen, double a, double b);
/* normal_(mean, stdv), stdv >= 0: Box-Muller over blocks of 16 uniforms for 16 or more elements
 * (the transform runs on several threads; the draws stay serial), the cached pair below that. */
TH_API void THTensor_(normal)(THTensor *self, THGenerator *gen, double mean, double stdv);
/* r (resized to the shape of means / stddevs, which must match each other) = N(0, 1) * std + mean
 * elementwise; every std must be >= 0. */
TH_API void THTensor_(normal_means)(THTensor *r, THGenerator *gen, THTensor *means, double stddev);
TH_API void THTensor_(normal_stddevs)(THTensor *r, THGenerator *gen, double mean, THTensor *stddevs);
TH_API void THTensor_(normal_means_stddevs)(THTensor *r, THGenerator *gen, THTensor *means, THTensor *stddevs);
/* exponential_(lambda > 0), cauchy_(median, sigma > 0), log_normal_(mean, stdv > 0) */
TH_API void THTensor_(exponential)(THTensor *self, THGenerator *gen, double lambda);
TH_API void THTensor_(cauchy)(THTensor *self, THGenerator *gen, double median, double sigma);
TH_API void THTensor_(logNormal)(THTensor *self, THGenerator *gen, double mean, double stdv);
/* Samples n_sample category indices per row of prob (1-D: one distribution, 2-D: one per row;
 * rows need not sum to one) into r (int64, [n_sample] or [rows, n_sample]).  With replacement:
 * inverse CDF by binary search; without (or n_sample == 1): the n_sample largest p / Exp(1)
 * keys, largest first (PyTorch's method; once the non-zero categories run out it yields
 * zero-probability ones).  Errors: n_sample <= 0, more samples than categories without
 * replacement, more than 2^24 categories, negative/inf/nan entries, a row summing to 0. */
TH_API void THTensor_(multinomial)(THLongTensor *r, THGenerator *gen, THTensor *prob, int64_t n_sample,
                                   int replacement);
/* r (resized to rates' shape) = Poisson(rates), every rate finite and >= 0. */
TH_API void THTensor_(poisson)(THTensor *r, THGenerator *gen, THTensor *rates);
#endif
#endif
