/* Activations (generic over Float and Double). */
#include "THNNHelpers.h"

#ifndef THNN_ACTIVATION_MACROS
#define THNN_ACTIVATION_MACROS
/* n_ elements: one thread below TH's threshold. */
#define THNN_OMP_LOOP _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD) num_threads(THGetNumThreads())")

/* output = EXPR(x) for each element x of input.  inplace: computed into input (through a
 * contiguous copy if it has none), and output is made a view of input. */
#define THNN_MAP1(input, output, inplace, EXPR)                              \
  do {                                                                        \
    THTensor *in_ = THTensor_(newContiguous)(input), *out_;                   \
    if (inplace) {                                                            \
      out_ = in_;                                                             \
      THTensor_(retain)(out_);                                                \
    } else {                                                                  \
      THTensor_(resizeAs)(output, input);                                     \
      out_ = THNN_(outBegin)(output);                                         \
    }                                                                         \
    const real *xp_ = THNN_(ptr)(in_);                                        \
    real *yp_ = THNN_(ptr)(out_);                                             \
    int64_t n_ = THTensor_(nElement)(in_);                                    \
    THNN_OMP_LOOP                                                             \
    for (int64_t i_ = 0; i_ < n_; i_++) {                                     \
      real x = xp_[i_];                                                       \
      yp_[i_] = (real)(EXPR);                                                 \
    }                                                                         \
    if (inplace) {                                                            \
      THTensor_(freeCopyTo)(out_, input);                                     \
      THTensor_(set)(output, input);                                          \
    } else {                                                                  \
      THNN_(outEnd)(out_, output);                                            \
    }                                                                         \
    THTensor_(free)(in_);                                                     \
  } while (0)

/* result = EXPR(a, g) elementwise, for a (input or output) and g (gradOutput) of one size.
 * inplace: computed into gradOutput, and result is made a view of it. */
#define THNN_MAP2(A, G, result, inplace, EXPR)                               \
  do {                                                                        \
    THTensor *a_ = THTensor_(newContiguous)(A);                               \
    THTensor *g_ = THTensor_(newContiguous)(G), *r_;                          \
    if (inplace) {                                                            \
      r_ = g_;                                                                \
      THTensor_(retain)(r_);                                                  \
    } else {                                                                  \
      THTensor_(resizeAs)(result, A);                                         \
      r_ = THNN_(outBegin)(result);                                           \
    }                                                                         \
    const real *ap_ = THNN_(ptr)(a_), *gp_ = THNN_(ptr)(g_);                  \
    real *rp_ = THNN_(ptr)(r_);                                               \
    int64_t n_ = THTensor_(nElement)(a_);                                     \
    THNN_OMP_LOOP                                                             \
    for (int64_t i_ = 0; i_ < n_; i_++) {                                     \
      real a = ap_[i_], g = gp_[i_];                                          \
      rp_[i_] = (real)(EXPR);                                                 \
    }                                                                         \
    if (inplace) {                                                            \
      THTensor_(freeCopyTo)(r_, G);                                           \
      THTensor_(set)(result, G);                                              \
    } else {                                                                  \
      THNN_(outEnd)(r_, result);                                              \
    }                                                                         \
    THTensor_(free)(a_);                                                      \
    THTensor_(free)(g_);                                                      \
  } while (0)
#endif

/* ---- Abs */
void THNN_(Abs_updateOutput)(THNNState *state, THTensor *input, THTensor *output) {
  THNN_MAP1(input, output, 0, x < 0 ? -x : x);
}
void THNN_(Abs_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput) {
  THNN_(checkSameSize)("Abs", "gradOutput", input, gradOutput);
  THNN_MAP2(input, gradOutput, gradInput, 0, a > 0 ? g : (a < 0 ? -g : 0));
}

/* ---- ELU */
void THNN_(ELU_updateOutput)(THNNState *state, THTensor *input, THTensor *output, accreal alpha, accreal scale,
                             accreal input_scale, bool inplace) {
  const accreal negcoef = alpha * scale;
  THNN_MAP1(input, output, inplace, x > 0 ? x * scale : (exp((accreal)x * input_scale) - 1) * negcoef);
}
void THNN_(ELU_updateGradInput)(THNNState *state, THTensor *gradOutput, THTensor *gradInput, THTensor *output,
                                accreal alpha, accreal scale, accreal input_scale) {
  THNN_(checkSameSize)("ELU", "gradOutput", output, gradOutput);
  const accreal negcoef = alpha * scale;
  /* for x <= 0, dy/dx = input_scale * negcoef * exp(input_scale x) = input_scale * (y + negcoef) */
  THNN_MAP2(output, gradOutput, gradInput, 0, a > 0 ? g * scale : g * input_scale * ((accreal)a + negcoef));
}

/* ---- HardTanh */
void THNN_(HardTanh_updateOutput)(THNNState *state, THTensor *input, THTensor *output, accreal min_val,
                                  accreal max_val, bool inplace) {
  THArgCheck(max_val >= min_val, "HardTanh: expected min_val <= max_val, but got min_val %g and max_val %g",
             (double)min_val, (double)max_val);
  const real lo = (real)min_val, hi = (real)max_val;
  THNN_MAP1(input, output, inplace, x < lo ? lo : (x > hi ? hi : x));
}
void THNN_(HardTanh_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                     THTensor *gradInput, accreal min_val, accreal max_val, bool inplace) {
  THNN_(checkSameSize)("HardTanh", "gradOutput", input, gradOutput);
  const real lo = (real)min_val, hi = (real)max_val;
  THNN_MAP2(input, gradOutput, gradInput, inplace, (a <= lo || a >= hi) ? 0 : g);
}

/* ---- LeakyReLU */
void THNN_(LeakyReLU_updateOutput)(THNNState *state, THTensor *input, THTensor *output, accreal negval,
                                   bool inplace) {
  const real nv = (real)negval;
  THNN_MAP1(input, output, inplace, x > 0 ? x : x * nv);
}
void THNN_(LeakyReLU_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                      THTensor *gradInput, accreal negval, bool inplace) {
  THNN_(checkSameSize)("LeakyReLU", "gradOutput", input, gradOutput);
  const real nv = (real)negval;
  THNN_MAP2(input, gradOutput, gradInput, inplace, a > 0 ? g : g * nv);
}

/* ---- LogSigmoid: log sigmoid(x) = min(x, 0) - log1p(exp(-|x|)) */
void THNN_(LogSigmoid_updateOutput)(THNNState *state, THTensor *input, THTensor *output, THTensor *buffer) {
  THTensor_(resizeAs)(buffer, input);
  THTensor *b = THNN_(outBegin)(buffer);
  {
    real *bp = THNN_(ptr)(b);
    THTensor *in_ = THTensor_(newContiguous)(input);
    const real *xp = THNN_(ptr)(in_);
    int64_t n_ = THTensor_(nElement)(in_);
    THNN_OMP_LOOP
    for (int64_t i = 0; i < n_; i++) bp[i] = (real)exp(-fabs((accreal)xp[i]));
    THTensor_(free)(in_);
  }
  THNN_(outEnd)(b, buffer);
  THNN_MAP1(input, output, 0, (x < 0 ? (accreal)x : 0) - log1p(exp(-fabs((accreal)x))));
}
void THNN_(LogSigmoid_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                       THTensor *gradInput, THTensor *buffer) {
  THNN_(checkSameSize)("LogSigmoid", "gradOutput", input, gradOutput);
  /* d/dx log sigmoid(x) = sigmoid(-x) = 1 / (1 + e) for x < 0 and e / (1 + e) for x >= 0, with
   * e = exp(-|x|) (recomputed rather than trusting the buffer's contents) */
  THNN_MAP2(input, gradOutput, gradInput, 0,
            g * (a < 0 ? 1 / (1 + exp((accreal)a)) : exp(-(accreal)a) / (1 + exp(-(accreal)a))));
}

/* ---- SoftMax / LogSoftMax along one dim: the tensor seen as (outer, size, inner) */
static void THNN_(softmaxShape)(const char *op, THTensor *input, int64_t dim, int64_t *outer, int64_t *size,
                                int64_t *inner) {
  int nd = input->nDimension;
  int64_t limit = nd == 0 ? 1 : nd;
  THIndexCheck(dim >= 0 && dim < limit, "%s: expected dim in [0, %lld), but got %lld", op, (long long)limit,
               (long long)dim);
  *outer = 1;
  *inner = 1;
  *size = nd == 0 ? 1 : input->size[dim];
  for (int d = 0; d < dim; d++) *outer *= input->size[d];
  for (int d = (int)dim + 1; d < nd; d++) *inner *= input->size[d];
}

/* exp in the element type: for float TH's branch-free expf (about 1 ulp), which the compiler
 * vectorises in the loops below; the sums are still accumulated in accreal */
static inline real THNN_(expr)(real v) {
#if defined(TH_REAL_IS_FLOAT)
  return THVector_expf(v);
#else
  return exp(v);
#endif
}

/* One (log-)softmax over `size` contiguous elements, the common case (dim is the last dim), as
 * plain loops the compiler vectorises.  A NaN anywhere makes the whole row NaN; a row of -inf
 * keeps its max at 0 to avoid inf - inf. */
static inline void THNN_(softmaxRow)(const real *xs, real *ys, int64_t size, int logsm) {
  real mx = -INFINITY;
  int nan = 0;
#pragma omp simd reduction(max : mx) reduction(| : nan)
  for (int64_t k = 0; k < size; k++) {
    const real v = xs[k];
    mx = v > mx ? v : mx;
    nan |= v != v;
  }
  if (nan)
    mx = NAN;
  else if (isinf(mx) && mx < 0)
    mx = 0;
  accreal sum = 0;
  if (logsm) {
#pragma omp simd reduction(+ : sum)
    for (int64_t k = 0; k < size; k++) sum += THNN_(expr)(xs[k] - mx);
    const accreal lse = mx + log(sum);
    for (int64_t k = 0; k < size; k++) ys[k] = (real)((accreal)xs[k] - lse);
  } else {
#pragma omp simd reduction(+ : sum)
    for (int64_t k = 0; k < size; k++) {
      const real e = THNN_(expr)(xs[k] - mx);
      ys[k] = e;
      sum += e;
    }
    const real inv = (real)(1 / sum);
    for (int64_t k = 0; k < size; k++) ys[k] *= inv;
  }
}

static void THNN_(softmaxForward)(const char *op, THTensor *input, THTensor *output, int64_t dim, int logsm) {
  int64_t outer, size, inner;
  THNN_(softmaxShape)(op, input, dim, &outer, &size, &inner);
  THTensor *in_ = THTensor_(newContiguous)(input);
  THTensor_(resizeAs)(output, input);
  THTensor *out_ = THNN_(outBegin)(output);
  const real *x = THNN_(ptr)(in_);
  real *y = THNN_(ptr)(out_);
  int64_t n_ = outer * inner * size;
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && outer * inner > 1) num_threads(THGetNumThreads())")
  for (int64_t oi = 0; oi < outer * inner; oi++) {
    int64_t o = oi / inner, i = oi % inner;
    const real *xs = x + o * size * inner + i;
    real *ys = y + o * size * inner + i;
    if (inner == 1) {
      THNN_(softmaxRow)(xs, ys, size, logsm);
      continue;
    }
    accreal mx = -INFINITY;
    for (int64_t k = 0; k < size; k++) {
      accreal v = xs[k * inner];
      if (v > mx || isnan(v)) mx = v;
    }
    if (isinf(mx) && mx < 0) mx = 0; /* all -inf: avoid inf - inf */
    accreal sum = 0;
    if (logsm) {
      const real m = (real)mx;
      for (int64_t k = 0; k < size; k++) sum += THNN_(expr)(xs[k * inner] - m);
      accreal lse = mx + log(sum);
      for (int64_t k = 0; k < size; k++) ys[k * inner] = (real)((accreal)xs[k * inner] - lse);
    } else {
      const real m = (real)mx;
      for (int64_t k = 0; k < size; k++) {
        real e = THNN_(expr)(xs[k * inner] - m);
        ys[k * inner] = e;
        sum += e;
      }
      const real inv = (real)(1 / sum);
      for (int64_t k = 0; k < size; k++) ys[k * inner] *= inv;
    }
  }
  THNN_(outEnd)(out_, output);
  THTensor_(free)(in_);
}

static void THNN_(softmaxBackward)(const char *op, THTensor *gradOutput, THTensor *gradInput, THTensor *output,
                                   int64_t dim, int logsm) {
  int64_t outer, size, inner;
  THNN_(checkSameSize)(op, "gradOutput", output, gradOutput);
  THNN_(softmaxShape)(op, output, dim, &outer, &size, &inner);
  THTensor *y_ = THTensor_(newContiguous)(output), *g_ = THTensor_(newContiguous)(gradOutput);
  THTensor_(resizeAs)(gradInput, output);
  THTensor *gi_ = THNN_(outBegin)(gradInput);
  const real *y = THNN_(ptr)(y_), *g = THNN_(ptr)(g_);
  real *gi = THNN_(ptr)(gi_);
  int64_t n_ = outer * inner * size;
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && outer * inner > 1) num_threads(THGetNumThreads())")
  for (int64_t oi = 0; oi < outer * inner; oi++) {
    int64_t base = (oi / inner) * size * inner + oi % inner;
    accreal sum = 0;
    if (logsm) {
      /* gi = g - exp(y) * sum(g) */
      for (int64_t k = 0; k < size; k++) sum += g[base + k * inner];
      for (int64_t k = 0; k < size; k++)
        gi[base + k * inner] = (real)(g[base + k * inner] - THNN_(expr)(y[base + k * inner]) * sum);
    } else {
      /* gi = y * (g - sum(g * y)) */
      for (int64_t k = 0; k < size; k++) sum += (accreal)g[base + k * inner] * y[base + k * inner];
      for (int64_t k = 0; k < size; k++)
        gi[base + k * inner] = (real)(y[base + k * inner] * (g[base + k * inner] - sum));
    }
  }
  THNN_(outEnd)(gi_, gradInput);
  THTensor_(free)(y_);
  THTensor_(free)(g_);
}

void THNN_(LogSoftMax_updateOutput)(THNNState *state, THTensor *input, THTensor *output, int64_t dim) {
  THNN_(softmaxForward)("LogSoftMax", input, output, dim, 1);
}
void THNN_(LogSoftMax_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                       THTensor *gradInput, THTensor *output, int64_t dim) {
  THNN_(softmaxBackward)("LogSoftMax", gradOutput, gradInput, output, dim, 1);
}
void THNN_(SoftMax_updateOutput)(THNNState *state, THTensor *input, THTensor *output, int64_t dim) {
  THNN_(softmaxForward)("SoftMax", input, output, dim, 0);
}
void THNN_(SoftMax_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput,
                                    THTensor *output, int64_t dim) {
  THNN_(softmaxBackward)("SoftMax", gradOutput, gradInput, output, dim, 0);
}

/* ---- PReLU: the input seen as (outer, channels, inner) */
static void THNN_(preluShape)(THTensor *input, THTensor *weight, int64_t *outer, int64_t *ch, int64_t *inner) {
  int64_t nw = THTensor_(nElement)(weight);
  int64_t channels = input->nDimension >= 2 ? input->size[1] : 1;
  THArgCheck(nw == 1 || nw == channels,
             "PReLU: expected weight with 1 or %lld (the input's channels) elements, but got %lld",
             (long long)channels, (long long)nw);
  *outer = input->nDimension >= 1 ? input->size[0] : 1;
  *ch = channels;
  *inner = 1;
  for (int d = 2; d < input->nDimension; d++) *inner *= input->size[d];
  if (input->nDimension == 1) *ch = 1;
}

void THNN_(PReLU_updateOutput)(THNNState *state, THTensor *input, THTensor *output, THTensor *weight) {
  int64_t outer, ch, inner;
  THNN_(preluShape)(input, weight, &outer, &ch, &inner);
  THTensor *w_ = THTensor_(newContiguous)(weight);
  const real *w = THNN_(ptr)(w_);
  const int64_t shared = THTensor_(nElement)(weight) == 1, cinner = ch * inner;
  /* the channel of flat index i is (i % (ch * inner)) / inner */
  THTensor *in_ = THTensor_(newContiguous)(input);
  THTensor_(resizeAs)(output, input);
  THTensor *out_ = THNN_(outBegin)(output);
  const real *xp = THNN_(ptr)(in_);
  real *yp = THNN_(ptr)(out_);
  int64_t n_ = THTensor_(nElement)(in_);
  THNN_OMP_LOOP
  for (int64_t i = 0; i < n_; i++) {
    real x = xp[i];
    real a = shared ? w[0] : w[(i % cinner) / inner];
    yp[i] = x > 0 ? x : a * x;
  }
  THNN_(outEnd)(out_, output);
  THTensor_(free)(in_);
  THTensor_(free)(w_);
  (void)outer;
}

void THNN_(PReLU_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput,
                                  THTensor *weight) {
  int64_t outer, ch, inner;
  THNN_(checkSameSize)("PReLU", "gradOutput", input, gradOutput);
  THNN_(preluShape)(input, weight, &outer, &ch, &inner);
  THTensor *w_ = THTensor_(newContiguous)(weight);
  const real *w = THNN_(ptr)(w_);
  const int64_t shared = THTensor_(nElement)(weight) == 1, cinner = ch * inner;
  THNN_MAP2(input, gradOutput, gradInput, 0, a > 0 ? g : (shared ? w[0] : w[(i_ % cinner) / inner]) * g);
  THTensor_(free)(w_);
  (void)outer;
}

void THNN_(PReLU_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput,
                                    THTensor *weight, THTensor *gradWeight, accreal scale) {
  int64_t outer, ch, inner;
  THNN_(checkSameSize)("PReLU", "gradOutput", input, gradOutput);
  THNN_(preluShape)(input, weight, &outer, &ch, &inner);
  THArgCheck(THTensor_(nElement)(gradWeight) == THTensor_(nElement)(weight),
             "PReLU: expected gradWeight with %lld elements, but got %lld",
             (long long)THTensor_(nElement)(weight), (long long)THTensor_(nElement)(gradWeight));
  THTensor *x_ = THTensor_(newContiguous)(input), *g_ = THTensor_(newContiguous)(gradOutput);
  THTensor *gw_ = THNN_(accBegin)(gradWeight);
  const real *x = THNN_(ptr)(x_), *g = THNN_(ptr)(g_);
  real *gw = THNN_(ptr)(gw_);
  const int shared = THTensor_(nElement)(weight) == 1;
  for (int64_t c = 0; c < ch; c++) {
    accreal sum = 0;
    for (int64_t o = 0; o < outer; o++) {
      const real *xs = x + (o * ch + c) * inner, *gs = g + (o * ch + c) * inner;
      for (int64_t k = 0; k < inner; k++)
        if (xs[k] <= 0) sum += (accreal)xs[k] * gs[k];
    }
    gw[shared ? 0 : c] += (real)(scale * sum);
  }
  THNN_(outEnd)(gw_, gradWeight);
  THTensor_(free)(x_);
  THTensor_(free)(g_);
}

/* ---- RReLU */
void THNN_(RReLU_updateOutput)(THNNState *state, THTensor *input, THTensor *output, THTensor *noise,
                               accreal lower, accreal upper, bool train, bool inplace, THGenerator *generator) {
  THArgCheck(lower <= upper, "RReLU: expected lower <= upper, but got lower %g and upper %g", (double)lower,
             (double)upper);
  if (!train) {
    const real slope = (real)((lower + upper) / 2);
    THNN_MAP1(input, output, inplace, x >= 0 ? x : x * slope);
    return;
  }
  THTensor_(resizeAs)(noise, input);
  THTensor *nz = THNN_(outBegin)(noise);
  THTensor *in_ = THTensor_(newContiguous)(input), *out_;
  if (inplace) {
    out_ = in_;
    THTensor_(retain)(out_);
  } else {
    THTensor_(resizeAs)(output, input);
    out_ = THNN_(outBegin)(output);
  }
  const real *x = THNN_(ptr)(in_);
  real *y = THNN_(ptr)(out_), *r = THNN_(ptr)(nz);
  int64_t n = THTensor_(nElement)(in_);
  /* one locked pass over the generator, serially: the same seed gives the same slopes */
  THGenerator *gen = THGenerator_resolve(generator);
  THGenerator_lock(gen);
  for (int64_t i = 0; i < n; i++) {
    if (x[i] <= 0) {
      real a = (real)(lower + (upper - lower) * th_uniform_double(gen));
      r[i] = a;
      y[i] = x[i] * a;
    } else {
      r[i] = 1;
      y[i] = x[i];
    }
  }
  THGenerator_unlock(gen);
  THNN_(outEnd)(nz, noise);
  if (inplace) {
    THTensor_(freeCopyTo)(out_, input);
    THTensor_(set)(output, input);
  } else {
    THNN_(outEnd)(out_, output);
  }
  THTensor_(free)(in_);
}

void THNN_(RReLU_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput,
                                  THTensor *noise, accreal lower, accreal upper, bool train, bool inplace) {
  THNN_(checkSameSize)("RReLU", "gradOutput", input, gradOutput);
  if (train && upper - lower > 1e-6) {
    THNN_(checkSameSize)("RReLU", "noise", input, noise);
    THNN_MAP2(noise, gradOutput, gradInput, inplace, g * a);
  } else {
    const real slope = (real)((lower + upper) / 2);
    THNN_MAP2(input, gradOutput, gradInput, inplace, a >= 0 ? g : g * slope);
  }
}

/* ---- Sigmoid, Tanh (backward from the output) */
void THNN_(Sigmoid_updateOutput)(THNNState *state, THTensor *input, THTensor *output) {
  THNN_MAP1(input, output, 0, 1 / (1 + exp(-(accreal)x)));
}
void THNN_(Sigmoid_updateGradInput)(THNNState *state, THTensor *gradOutput, THTensor *gradInput, THTensor *output) {
  THNN_(checkSameSize)("Sigmoid", "gradOutput", output, gradOutput);
  THNN_MAP2(output, gradOutput, gradInput, 0, g * (1 - a) * a);
}
void THNN_(Tanh_updateOutput)(THNNState *state, THTensor *input, THTensor *output) {
  THNN_MAP1(input, output, 0, tanh((accreal)x));
}
void THNN_(Tanh_updateGradInput)(THNNState *state, THTensor *gradOutput, THTensor *gradInput, THTensor *output) {
  THNN_(checkSameSize)("Tanh", "gradOutput", output, gradOutput);
  THNN_MAP2(output, gradOutput, gradInput, 0, g * (1 - a * a));
}

/* ---- SoftPlus */
void THNN_(SoftPlus_updateOutput)(THNNState *state, THTensor *input, THTensor *output, accreal beta,
                                  accreal threshold) {
  THNN_MAP1(input, output, 0, (accreal)x * beta > threshold ? (accreal)x : log1p(exp((accreal)x * beta)) / beta);
}
void THNN_(SoftPlus_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput,
                                     THTensor *output, accreal beta, accreal threshold) {
  THNN_(checkSameSize)("SoftPlus", "gradOutput", input, gradOutput);
  /* d/dx = sigmoid(beta x), from the input (exact where the output has rounded to x) */
  THNN_MAP2(input, gradOutput, gradInput, 0,
            (accreal)a * beta > threshold ? (accreal)g : g / (1 + exp(-(accreal)a * beta)));
}

/* ---- SoftShrink, HardShrink */
void THNN_(SoftShrink_updateOutput)(THNNState *state, THTensor *input, THTensor *output, accreal lambda) {
  THArgCheck(lambda >= 0, "SoftShrink: expected lambda >= 0, but got %g", (double)lambda);
  const real l = (real)lambda;
  THNN_MAP1(input, output, 0, x > l ? x - l : (x < -l ? x + l : 0));
}
void THNN_(SoftShrink_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                       THTensor *gradInput, accreal lambda) {
  THNN_(checkSameSize)("SoftShrink", "gradOutput", input, gradOutput);
  const real l = (real)lambda;
  THNN_MAP2(input, gradOutput, gradInput, 0, (a >= -l && a <= l) ? 0 : g);
}
void THNN_(HardShrink_updateOutput)(THNNState *state, THTensor *input, THTensor *output, accreal lambda) {
  const real l = (real)lambda;
  THNN_MAP1(input, output, 0, (x >= -l && x <= l) ? 0 : x);
}
void THNN_(HardShrink_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                       THTensor *gradInput, accreal lambda) {
  THNN_(checkSameSize)("HardShrink", "gradOutput", input, gradOutput);
  const real l = (real)lambda;
  THNN_MAP2(input, gradOutput, gradInput, 0, (a >= -l && a <= l) ? 0 : g);
}

/* ---- Threshold */
void THNN_(Threshold_updateOutput)(THNNState *state, THTensor *input, THTensor *output, accreal threshold,
                                   accreal val, bool inplace) {
  const real t = (real)threshold, v = (real)val;
  THNN_MAP1(input, output, inplace, x <= t ? v : x);
}
void THNN_(Threshold_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                      THTensor *gradInput, accreal threshold, accreal val, bool inplace) {
  THNN_(checkSameSize)("Threshold", "gradOutput", input, gradOutput);
  const real t = (real)threshold;
  THNN_MAP2(input, gradOutput, gradInput, inplace, a <= t ? 0 : g);
}

/* ---- Sqrt, Square */
void THNN_(Sqrt_updateOutput)(THNNState *state, THTensor *input, THTensor *output, accreal eps) {
  THNN_MAP1(input, output, 0, sqrt((accreal)x + eps));
}
void THNN_(Sqrt_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput,
                                 THTensor *output) {
  THNN_(checkSameSize)("Sqrt", "gradOutput", output, gradOutput);
  THNN_MAP2(output, gradOutput, gradInput, 0, a == 0 ? 0 : (accreal)g / (2 * (accreal)a));
}
void THNN_(Square_updateOutput)(THNNState *state, THTensor *input, THTensor *output) {
  THNN_MAP1(input, output, 0, x * x);
}
void THNN_(Square_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput) {
  THNN_(checkSameSize)("Square", "gradOutput", input, gradOutput);
  THNN_MAP2(input, gradOutput, gradInput, 0, 2 * a * g);
}
