/* Criterions (generic over Float and Double).  reduction: 0 none, 1 mean, 2 sum. */
#include "THNNHelpers.h"

#ifndef THNN_CRITERION_MACROS
#define THNN_CRITERION_MACROS
#define THNN_CRIT_OMP_SUM _Pragma("omp parallel for reduction(+:sum_) if (n_ > TH_OMP_OVERHEAD_THRESHOLD) num_threads(THGetNumThreads())")
#define THNN_CRIT_OMP _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD) num_threads(THGetNumThreads())")

/* Pointwise losses of input x and target t: EXPR is the loss of one element (i_ its flat index). */
#define THNN_CRIT_FWD(OP, input, target, output, reduction, EXPR)            \
  do {                                                                        \
    THNN_(checkReduction)(OP, reduction);                                     \
    THNN_(checkSameSize)(OP, "target", input, target);                        \
    THTensor *x_ = THTensor_(newContiguous)(input);                           \
    THTensor *t_ = THTensor_(newContiguous)(target);                          \
    const real *xp_ = THNN_(ptr)(x_), *tp_ = THNN_(ptr)(t_);                  \
    int64_t n_ = THTensor_(nElement)(x_);                                     \
    if (reduction == THNN_REDUCTION_NONE) {                                   \
      THTensor_(resizeAs)(output, input);                                     \
      THTensor *o_ = THNN_(outBegin)(output);                                 \
      real *op_ = THNN_(ptr)(o_);                                             \
      THNN_CRIT_OMP                                                           \
      for (int64_t i_ = 0; i_ < n_; i_++) {                                   \
        accreal x = xp_[i_], t = tp_[i_];                                     \
        op_[i_] = (real)(EXPR);                                               \
      }                                                                       \
      THNN_(outEnd)(o_, output);                                              \
    } else {                                                                  \
      accreal sum_ = 0;                                                       \
      THNN_CRIT_OMP_SUM                                                       \
      for (int64_t i_ = 0; i_ < n_; i_++) {                                   \
        accreal x = xp_[i_], t = tp_[i_];                                     \
        sum_ += (EXPR);                                                       \
      }                                                                       \
      if (reduction == THNN_REDUCTION_MEAN) sum_ /= (accreal)n_;              \
      THTensor_(resize0d)(output);                                            \
      THTensor_(set0d)(output, (real)sum_);                                   \
    }                                                                         \
    THTensor_(free)(x_);                                                      \
    THTensor_(free)(t_);                                                      \
  } while (0)

/* gradInput = EXPR (d loss / dx of one element) times gradOutput (elementwise for none; its one
 * value, divided by the count for mean, otherwise). */
#define THNN_CRIT_BWD(OP, input, target, gradOutput, gradInput, reduction, EXPR) \
  do {                                                                        \
    THNN_(checkReduction)(OP, reduction);                                     \
    THNN_(checkSameSize)(OP, "target", input, target);                        \
    THNN_(checkGradOutput)(OP, input, gradOutput, reduction);                 \
    THTensor *x_ = THTensor_(newContiguous)(input);                           \
    THTensor *t_ = THTensor_(newContiguous)(target);                          \
    THTensor *g_ = THTensor_(newContiguous)(gradOutput);                      \
    const real *xp_ = THNN_(ptr)(x_), *tp_ = THNN_(ptr)(t_), *gp_ = THNN_(ptr)(g_); \
    int64_t n_ = THTensor_(nElement)(x_);                                     \
    const int none_ = reduction == THNN_REDUCTION_NONE;                       \
    const accreal g0_ = none_ ? 0 : (reduction == THNN_REDUCTION_MEAN ? (accreal)gp_[0] / (accreal)n_ : (accreal)gp_[0]); \
    THTensor_(resizeAs)(gradInput, input);                                    \
    THTensor *r_ = THNN_(outBegin)(gradInput);                                \
    real *rp_ = THNN_(ptr)(r_);                                               \
    THNN_CRIT_OMP                                                             \
    for (int64_t i_ = 0; i_ < n_; i_++) {                                     \
      accreal x = xp_[i_], t = tp_[i_];                                       \
      accreal g = none_ ? (accreal)gp_[i_] : g0_;                             \
      (void)x;                                                                \
      rp_[i_] = (real)((EXPR) * g);                                           \
    }                                                                         \
    THNN_(outEnd)(r_, gradInput);                                             \
    THTensor_(free)(x_);                                                      \
    THTensor_(free)(t_);                                                      \
    THTensor_(free)(g_);                                                      \
  } while (0)
#endif

static void THNN_(checkReduction)(const char *op, int64_t reduction) {
  THArgCheck(reduction >= 0 && reduction <= 2,
             "%s: expected reduction 0 (none), 1 (mean) or 2 (sum), but got %lld", op, (long long)reduction);
}
/* gradOutput of a criterion: input's shape for none, one element otherwise. */
static void THNN_(checkGradOutput)(const char *op, THTensor *input, THTensor *gradOutput, int64_t reduction) {
  if (reduction == THNN_REDUCTION_NONE)
    THNN_(checkSameSize)(op, "gradOutput", input, gradOutput);
  else
    THArgCheck(THTensor_(nElement)(gradOutput) == 1, "%s: expected gradOutput with 1 element, but got %s", op,
               THNN_SHAPE(gradOutput));
}
static inline accreal THNN_(sign)(accreal v) { return v > 0 ? 1 : (v < 0 ? -1 : 0); }

/* ---- Abs, MSE, SmoothL1 */
void THNN_(AbsCriterion_updateOutput)(THNNState *state, THTensor *input, THTensor *target, THTensor *output,
                                      int64_t reduction) {
  THNN_CRIT_FWD("AbsCriterion", input, target, output, reduction, fabs(x - t));
}
void THNN_(AbsCriterion_updateGradInput)(THNNState *state, THTensor *input, THTensor *target, THTensor *gradOutput,
                                         THTensor *gradInput, int64_t reduction) {
  THNN_CRIT_BWD("AbsCriterion", input, target, gradOutput, gradInput, reduction, THNN_(sign)(x - t));
}
void THNN_(MSECriterion_updateOutput)(THNNState *state, THTensor *input, THTensor *target, THTensor *output,
                                      int64_t reduction) {
  THNN_CRIT_FWD("MSECriterion", input, target, output, reduction, (x - t) * (x - t));
}
void THNN_(MSECriterion_updateGradInput)(THNNState *state, THTensor *input, THTensor *target, THTensor *gradOutput,
                                         THTensor *gradInput, int64_t reduction) {
  THNN_CRIT_BWD("MSECriterion", input, target, gradOutput, gradInput, reduction, 2 * (x - t));
}
/* beta == 0 needs no special case: |d| < 0 never holds, leaving |d| and sign(d). */
void THNN_(SmoothL1Criterion_updateOutput)(THNNState *state, THTensor *input, THTensor *target, THTensor *output,
                                           int64_t reduction, accreal beta) {
  THArgCheck(beta >= 0, "SmoothL1Criterion: expected beta >= 0, but got %g", (double)beta);
  THNN_CRIT_FWD("SmoothL1Criterion", input, target, output, reduction,
                fabs(x - t) < beta ? 0.5 * (x - t) * (x - t) / beta : fabs(x - t) - 0.5 * beta);
}
void THNN_(SmoothL1Criterion_updateGradInput)(THNNState *state, THTensor *input, THTensor *target,
                                              THTensor *gradOutput, THTensor *gradInput, int64_t reduction,
                                              accreal beta) {
  THArgCheck(beta >= 0, "SmoothL1Criterion: expected beta >= 0, but got %g", (double)beta);
  THNN_CRIT_BWD("SmoothL1Criterion", input, target, gradOutput, gradInput, reduction,
                fabs(x - t) < beta ? (x - t) / beta : THNN_(sign)(x - t));
}

/* ---- BCE */
static const real *THNN_(bceCheck)(THTensor *input, THTensor *weights, THTensor **w_) {
  *w_ = NULL;
  if (weights) {
    THArgCheck(THTensor_(nElement)(weights) == THTensor_(nElement)(input),
               "BCECriterion: expected weights with %lld elements (as input), but got %s",
               (long long)THTensor_(nElement)(input), THNN_SHAPE(weights));
  }
  THTensor *x = THTensor_(newContiguous)(input);
  const real *xp = THNN_(ptr)(x);
  int64_t n = THTensor_(nElement)(x), bad = -1;
  for (int64_t i = 0; i < n && bad < 0; i++)
    if (!(xp[i] >= 0 && xp[i] <= 1)) bad = i;
  double badv = bad >= 0 ? (double)xp[bad] : 0;
  THTensor_(free)(x);
  THArgCheck(bad < 0, "BCECriterion: expected all elements of input between 0 and 1, but got %g", badv);
  if (!weights) return NULL;
  *w_ = THTensor_(newContiguous)(weights);
  return THNN_(ptr)(*w_);
}
void THNN_(BCECriterion_updateOutput)(THNNState *state, THTensor *input, THTensor *target, THTensor *output,
                                      int64_t reduction, THTensor *weights) {
  THNN_(checkReduction)("BCECriterion", reduction);
  THNN_(checkSameSize)("BCECriterion", "target", input, target);
  THTensor *w_;
  const real *wp = THNN_(bceCheck)(input, weights, &w_);
  THNN_CRIT_FWD("BCECriterion", input, target, output, reduction,
                -(wp ? (accreal)wp[i_] : 1) * (t * fmax(log(x), -100) + (1 - t) * fmax(log1p(-x), -100)));
  if (w_) THTensor_(free)(w_);
}
void THNN_(BCECriterion_updateGradInput)(THNNState *state, THTensor *input, THTensor *target, THTensor *gradOutput,
                                         THTensor *gradInput, int64_t reduction, THTensor *weights) {
  THNN_(checkReduction)("BCECriterion", reduction);
  THNN_(checkSameSize)("BCECriterion", "target", input, target);
  THNN_(checkGradOutput)("BCECriterion", input, gradOutput, reduction);
  THTensor *w_;
  const real *wp = THNN_(bceCheck)(input, weights, &w_);
  /* (x - t) / (x (1 - x)), the denominator kept >= 1e-12 as PyTorch does */
  THNN_CRIT_BWD("BCECriterion", input, target, gradOutput, gradInput, reduction,
                (wp ? (accreal)wp[i_] : 1) * (x - t) / fmax((1 - x) * x, 1e-12));
  if (w_) THTensor_(free)(w_);
}

/* ---- KL divergence, margin, soft margin */
void THNN_(DistKLDivCriterion_updateOutput)(THNNState *state, THTensor *input, THTensor *target, THTensor *output,
                                            int64_t reduction) {
  THNN_CRIT_FWD("DistKLDivCriterion", input, target, output, reduction, t > 0 ? t * (log(t) - x) : 0);
}
void THNN_(DistKLDivCriterion_updateGradInput)(THNNState *state, THTensor *input, THTensor *target,
                                               THTensor *gradOutput, THTensor *gradInput, int64_t reduction) {
  THNN_CRIT_BWD("DistKLDivCriterion", input, target, gradOutput, gradInput, reduction, t > 0 ? -t : 0);
}
void THNN_(MarginCriterion_updateOutput)(THNNState *state, THTensor *input, THTensor *target, THTensor *output,
                                         int64_t reduction, accreal margin) {
  THNN_CRIT_FWD("MarginCriterion", input, target, output, reduction, x * t < margin ? margin - x * t : 0);
}
void THNN_(MarginCriterion_updateGradInput)(THNNState *state, THTensor *input, THTensor *target,
                                            THTensor *gradOutput, THTensor *gradInput, int64_t reduction,
                                            accreal margin) {
  THNN_CRIT_BWD("MarginCriterion", input, target, gradOutput, gradInput, reduction, x * t < margin ? -t : 0);
}
/* log(1 + exp(z)) for z = -t x, without overflow */
static inline accreal THNN_(softplus)(accreal z) { return z > 0 ? z + log1p(exp(-z)) : log1p(exp(z)); }
void THNN_(SoftMarginCriterion_updateOutput)(THNNState *state, THTensor *input, THTensor *target,
                                             THTensor *output, int64_t reduction) {
  THNN_CRIT_FWD("SoftMarginCriterion", input, target, output, reduction, THNN_(softplus)(-t * x));
}
void THNN_(SoftMarginCriterion_updateGradInput)(THNNState *state, THTensor *input, THTensor *target,
                                                THTensor *gradOutput, THTensor *gradInput, int64_t reduction) {
  THNN_CRIT_BWD("SoftMarginCriterion", input, target, gradOutput, gradInput, reduction, -t / (1 + exp(t * x)));
}

/* ---- negative log likelihood over (N, C, S): class c of sample n at position s is
 * input[(n * C + c) * S + s], its target target[n * S + s] */
static void THNN_(nllCheck)(const char *op, THTensor *input, THIndexTensor *target, THTensor *weights,
                            int64_t ignore_index, int spatial, int64_t *N, int64_t *C, int64_t *S) {
  if (spatial) {
    THArgCheck(input->nDimension == 4, "%s: expected input of 4 dimensions (N, C, H, W), but got %s", op,
               THNN_SHAPE(input));
    int64_t want[3] = {input->size[0], input->size[2], input->size[3]};
    THArgCheck(THLongTensor_isSize(target, 3, want), "%s: expected target of size %s, but got %s", op,
               THFormatSizes((char[256]){0}, 256, want, 3), THNN_SHAPE(target));
    *N = input->size[0];
    *C = input->size[1];
    *S = input->size[2] * input->size[3];
  } else {
    THArgCheck(input->nDimension == 1 || input->nDimension == 2,
               "%s: expected input of 1 or 2 dimensions, but got %s", op, THNN_SHAPE(input));
    *N = input->nDimension == 2 ? input->size[0] : 1;
    *C = input->size[input->nDimension - 1];
    *S = 1;
    if (input->nDimension == 2)
      THArgCheck(target->nDimension == 1 && target->size[0] == *N, "%s: expected target of size [%lld], but got %s",
                 op, (long long)*N, THNN_SHAPE(target));
    else
      THArgCheck(THLongTensor_nElement(target) == 1 && target->nDimension <= 1,
                 "%s: expected target of size [] or [1], but got %s", op, THNN_SHAPE(target));
  }
  if (weights)
    THArgCheck(THTensor_(nElement)(weights) == *C, "%s: expected weights with %lld elements, but got %s", op,
               (long long)*C, THNN_SHAPE(weights));
  THLongTensor *t = THLongTensor_newContiguous(target);
  const int64_t *tp = (const int64_t *)THLongTensor_data(t);
  int64_t n = THLongTensor_nElement(t), bad = 0;
  int found = 0;
  for (int64_t i = 0; i < n && !found; i++)
    if (tp[i] != ignore_index && (tp[i] < 0 || tp[i] >= *C)) found = 1, bad = tp[i];
  THLongTensor_free(t);
  THIndexCheck(!found, "%s: expected target values in [0, %lld) or ignore_index, but got %lld", op, (long long)*C,
               (long long)bad);
}

static void THNN_(nllForward)(const char *op, int spatial, THTensor *input, THIndexTensor *target,
                              THTensor *output, int64_t reduction, THTensor *weights, THTensor *total_weight,
                              int64_t ignore_index) {
  int64_t N, C, S;
  THNN_(checkReduction)(op, reduction);
  THNN_(nllCheck)(op, input, target, weights, ignore_index, spatial, &N, &C, &S);
  THTensor *x_ = THTensor_(newContiguous)(input);
  THLongTensor *t_ = THLongTensor_newContiguous(target);
  THTensor *w_ = weights ? THTensor_(newContiguous)(weights) : NULL;
  const real *x = THNN_(ptr)(x_), *w = w_ ? THNN_(ptr)(w_) : NULL;
  const int64_t *t = (const int64_t *)THLongTensor_data(t_);
  if (reduction == THNN_REDUCTION_NONE) {
    if (spatial)
      THTensor_(resize3d)(output, N, input->size[2], input->size[3]);
    else if (input->nDimension == 2)
      THTensor_(resize1d)(output, N);
    else
      THTensor_(resize0d)(output);
    THTensor *o_ = THNN_(outBegin)(output);
    real *o = THNN_(ptr)(o_);
    for (int64_t n = 0; n < N; n++)
      for (int64_t s = 0; s < S; s++) {
        int64_t c = t[n * S + s];
        o[n * S + s] = c == ignore_index ? 0 : -(w ? w[c] : 1) * x[(n * C + c) * S + s];
      }
    THNN_(outEnd)(o_, output);
  } else {
    accreal sum = 0, total = 0;
    for (int64_t n = 0; n < N; n++)
      for (int64_t s = 0; s < S; s++) {
        int64_t c = t[n * S + s];
        if (c == ignore_index) continue;
        accreal wc = w ? w[c] : 1;
        sum -= wc * x[(n * C + c) * S + s];
        total += wc;
      }
    if (reduction == THNN_REDUCTION_MEAN) sum /= total; /* 0 / 0 = nan when nothing counts, as PyTorch */
    THTensor_(resize0d)(output);
    THTensor_(set0d)(output, (real)sum);
    THTensor_(resize0d)(total_weight);
    THTensor_(set0d)(total_weight, (real)total);
  }
  if (reduction == THNN_REDUCTION_NONE) {
    THTensor_(resize0d)(total_weight);
    THTensor_(set0d)(total_weight, 0);
  }
  THTensor_(free)(x_);
  THLongTensor_free(t_);
  if (w_) THTensor_(free)(w_);
}

static void THNN_(nllBackward)(const char *op, int spatial, THTensor *input, THIndexTensor *target,
                               THTensor *gradOutput, THTensor *gradInput, int64_t reduction, THTensor *weights,
                               THTensor *total_weight, int64_t ignore_index) {
  int64_t N, C, S;
  THNN_(checkReduction)(op, reduction);
  THNN_(nllCheck)(op, input, target, weights, ignore_index, spatial, &N, &C, &S);
  int64_t ng = THTensor_(nElement)(gradOutput);
  if (reduction == THNN_REDUCTION_NONE)
    THArgCheck(ng == N * S, "%s: expected gradOutput with %lld elements, but got %s", op, (long long)(N * S),
               THNN_SHAPE(gradOutput));
  else
    THArgCheck(ng == 1, "%s: expected gradOutput with 1 element, but got %s", op, THNN_SHAPE(gradOutput));
  THLongTensor *t_ = THLongTensor_newContiguous(target);
  THTensor *w_ = weights ? THTensor_(newContiguous)(weights) : NULL;
  THTensor *g_ = THTensor_(newContiguous)(gradOutput);
  const real *w = w_ ? THNN_(ptr)(w_) : NULL, *g = THNN_(ptr)(g_);
  const int64_t *t = (const int64_t *)THLongTensor_data(t_);
  THTensor_(resizeAs)(gradInput, input);
  THTensor *gi_ = THNN_(outBegin)(gradInput);
  real *gi = THNN_(ptr)(gi_);
  memset(gi, 0, sizeof(real) * (size_t)THTensor_(nElement)(gi_));
  accreal scale = reduction == THNN_REDUCTION_NONE ? 1 : g[0];
  if (reduction == THNN_REDUCTION_MEAN) {
    /* the total weight, recomputed (the buffer may hold another call's) */
    accreal total = 0;
    for (int64_t i = 0; i < N * S; i++)
      if (t[i] != ignore_index) total += w ? w[t[i]] : 1;
    scale /= total;
  }
  for (int64_t n = 0; n < N; n++)
    for (int64_t s = 0; s < S; s++) {
      int64_t c = t[n * S + s];
      if (c == ignore_index) continue;
      accreal gv = reduction == THNN_REDUCTION_NONE ? (accreal)g[n * S + s] : scale;
      gi[(n * C + c) * S + s] = (real)(-(w ? w[c] : 1) * gv);
    }
  THNN_(outEnd)(gi_, gradInput);
  THLongTensor_free(t_);
  THTensor_(free)(g_);
  if (w_) THTensor_(free)(w_);
}

void THNN_(ClassNLLCriterion_updateOutput)(THNNState *state, THTensor *input, THIndexTensor *target,
                                           THTensor *output, int64_t reduction, THTensor *weights,
                                           THTensor *total_weight, int64_t ignore_index) {
  THNN_(nllForward)("ClassNLLCriterion", 0, input, target, output, reduction, weights, total_weight, ignore_index);
}
void THNN_(ClassNLLCriterion_updateGradInput)(THNNState *state, THTensor *input, THIndexTensor *target,
                                              THTensor *gradOutput, THTensor *gradInput, int64_t reduction,
                                              THTensor *weights, THTensor *total_weight, int64_t ignore_index) {
  THNN_(nllBackward)("ClassNLLCriterion", 0, input, target, gradOutput, gradInput, reduction, weights,
                     total_weight, ignore_index);
}
void THNN_(SpatialClassNLLCriterion_updateOutput)(THNNState *state, THTensor *input, THIndexTensor *target,
                                                  THTensor *output, int64_t reduction, THTensor *weights,
                                                  THTensor *total_weight, int64_t ignore_index) {
  THNN_(nllForward)("SpatialClassNLLCriterion", 1, input, target, output, reduction, weights, total_weight,
                    ignore_index);
}
void THNN_(SpatialClassNLLCriterion_updateGradInput)(THNNState *state, THTensor *input, THIndexTensor *target,
                                                     THTensor *gradOutput, THTensor *gradInput, int64_t reduction,
                                                     THTensor *weights, THTensor *total_weight,
                                                     int64_t ignore_index) {
  THNN_(nllBackward)("SpatialClassNLLCriterion", 1, input, target, gradOutput, gradInput, reduction, weights,
                     total_weight, ignore_index);
}

/* ---- multi-class margins: input (C) or (N, C) */
static void THNN_(marginShape)(const char *op, THTensor *input, int64_t *N, int64_t *C) {
  THArgCheck((input->nDimension == 1 || input->nDimension == 2) && THTensor_(nElement)(input) > 0,
             "%s: expected non-empty input of 1 or 2 dimensions, but got %s", op, THNN_SHAPE(input));
  *N = input->nDimension == 2 ? input->size[0] : 1;
  *C = input->size[input->nDimension - 1];
}
/* The result of a per-sample loss: (N) for none with a 2-d input, 0-d otherwise. */
static void THNN_(sampleLossOut)(THTensor *input, THTensor *output, int64_t reduction, const accreal *loss,
                                 int64_t N) {
  if (reduction == THNN_REDUCTION_NONE) {
    if (input->nDimension == 2)
      THTensor_(resize1d)(output, N);
    else
      THTensor_(resize0d)(output);
    THTensor *o_ = THNN_(outBegin)(output);
    real *o = THNN_(ptr)(o_);
    for (int64_t n = 0; n < N; n++) o[n] = (real)loss[n];
    THNN_(outEnd)(o_, output);
  } else {
    accreal sum = 0;
    for (int64_t n = 0; n < N; n++) sum += loss[n];
    if (reduction == THNN_REDUCTION_MEAN) sum /= N;
    THTensor_(resize0d)(output);
    THTensor_(set0d)(output, (real)sum);
  }
}
/* gradOutput of a per-sample loss: N elements for none, 1 otherwise; returns per-sample factors. */
static void THNN_(sampleGrads)(const char *op, THTensor *gradOutput, int64_t reduction, int64_t N, accreal *gs) {
  int64_t ng = THTensor_(nElement)(gradOutput);
  THArgCheck(ng == (reduction == THNN_REDUCTION_NONE ? N : 1), "%s: expected gradOutput with %lld element(s), but got %s",
             op, (long long)(reduction == THNN_REDUCTION_NONE ? N : 1), THNN_SHAPE(gradOutput));
  THTensor *g_ = THTensor_(newContiguous)(gradOutput);
  const real *g = THNN_(ptr)(g_);
  for (int64_t n = 0; n < N; n++)
    gs[n] = reduction == THNN_REDUCTION_NONE ? (accreal)g[n] : (reduction == THNN_REDUCTION_MEAN ? (accreal)g[0] / N : g[0]);
  THTensor_(free)(g_);
}

static void THNN_(multiLabelCheck)(THTensor *input, THIndexTensor *target, int64_t *N, int64_t *C) {
  const char *op = "MultiLabelMarginCriterion";
  THNN_(marginShape)(op, input, N, C);
  THArgCheck(THLongTensor_nDimension(target) == input->nDimension && THLongTensor_nElement(target) == *N * *C &&
                 (input->nDimension == 1 || target->size[0] == *N),
             "%s: expected target of size %s, but got %s", op, THNN_SHAPE(input), THNN_SHAPE(target));
  THLongTensor *t = THLongTensor_newContiguous(target);
  const int64_t *tp = (const int64_t *)THLongTensor_data(t);
  int64_t bad = 0;
  int found = 0;
  for (int64_t i = 0; i < *N * *C && !found; i++)
    if (tp[i] < -1 || tp[i] >= *C) found = 1, bad = tp[i];
  THLongTensor_free(t);
  THIndexCheck(!found, "%s: expected target values in [-1, %lld), but got %lld", op, (long long)*C, (long long)bad);
}

/* Runs over the (target j, non-target k) pairs of each sample: loss (when loss != NULL) or the
 * gradient into gi scaled by gs[n] (when gi != NULL).  isTarget receives the target marks. */
static void THNN_(multiLabelRun)(THTensor *input, THIndexTensor *target, THTensor *isTarget, int64_t N, int64_t C,
                                 accreal *loss, real *gi, const accreal *gs) {
  THTensor *x_ = THTensor_(newContiguous)(input);
  THLongTensor *t_ = THLongTensor_newContiguous(target);
  THTensor_(resizeAs)(isTarget, input);
  THTensor *it_ = THNN_(outBegin)(isTarget);
  const real *x = THNN_(ptr)(x_);
  const int64_t *t = (const int64_t *)THLongTensor_data(t_);
  real *it = THNN_(ptr)(it_);
  for (int64_t n = 0; n < N; n++) {
    const real *xs = x + n * C;
    const int64_t *ts = t + n * C;
    real *its = it + n * C;
    for (int64_t c = 0; c < C; c++) its[c] = 0;
    for (int64_t j = 0; j < C && ts[j] >= 0; j++) its[ts[j]] = 1;
    accreal sum = 0;
    for (int64_t j = 0; j < C && ts[j] >= 0; j++) {
      int64_t tj = ts[j];
      for (int64_t k = 0; k < C; k++) {
        if (its[k]) continue;
        accreal z = 1 - (accreal)xs[tj] + xs[k];
        if (z > 0) {
          sum += z;
          if (gi) {
            accreal h = gs[n] / C;
            gi[n * C + tj] -= (real)h;
            gi[n * C + k] += (real)h;
          }
        }
      }
    }
    if (loss) loss[n] = sum / C;
  }
  THNN_(outEnd)(it_, isTarget);
  THTensor_(free)(x_);
  THLongTensor_free(t_);
}

void THNN_(MultiLabelMarginCriterion_updateOutput)(THNNState *state, THTensor *input, THIndexTensor *target,
                                                   THTensor *output, THTensor *isTarget, int64_t reduction) {
  int64_t N, C;
  THNN_(checkReduction)("MultiLabelMarginCriterion", reduction);
  THNN_(multiLabelCheck)(input, target, &N, &C);
  accreal *loss = THAlloc(sizeof(accreal) * N);
  THNN_(multiLabelRun)(input, target, isTarget, N, C, loss, NULL, NULL);
  THNN_(sampleLossOut)(input, output, reduction, loss, N);
  THFree(loss);
}
void THNN_(MultiLabelMarginCriterion_updateGradInput)(THNNState *state, THTensor *input, THIndexTensor *target,
                                                      THTensor *gradOutput, THTensor *gradInput, THTensor *isTarget,
                                                      int64_t reduction) {
  int64_t N, C;
  THNN_(checkReduction)("MultiLabelMarginCriterion", reduction);
  THNN_(multiLabelCheck)(input, target, &N, &C);
  accreal *gs = THAlloc(sizeof(accreal) * N);
  THNN_(sampleGrads)("MultiLabelMarginCriterion", gradOutput, reduction, N, gs);
  THTensor_(resizeAs)(gradInput, input);
  THTensor *gi_ = THNN_(outBegin)(gradInput);
  real *gi = THNN_(ptr)(gi_);
  memset(gi, 0, sizeof(real) * (size_t)(N * C));
  THNN_(multiLabelRun)(input, target, isTarget, N, C, NULL, gi, gs);
  THNN_(outEnd)(gi_, gradInput);
  THFree(gs);
}

static void THNN_(multiMarginCheck)(THTensor *input, THIndexTensor *target, int p, THTensor *weights, int64_t *N,
                                    int64_t *C) {
  const char *op = "MultiMarginCriterion";
  THNN_(marginShape)(op, input, N, C);
  THArgCheck(p == 1 || p == 2, "%s: expected p 1 or 2, but got %d", op, p);
  THArgCheck(THLongTensor_nElement(target) == *N && target->nDimension <= 1,
             "%s: expected target of %lld element(s) in at most 1 dimension, but got %s", op, (long long)*N,
             THNN_SHAPE(target));
  if (weights)
    THArgCheck(THTensor_(nElement)(weights) == *C, "%s: expected weights with %lld elements, but got %s", op,
               (long long)*C, THNN_SHAPE(weights));
  THLongTensor *t = THLongTensor_newContiguous(target);
  const int64_t *tp = (const int64_t *)THLongTensor_data(t);
  int64_t bad = 0;
  int found = 0;
  for (int64_t i = 0; i < *N && !found; i++)
    if (tp[i] < 0 || tp[i] >= *C) found = 1, bad = tp[i];
  THLongTensor_free(t);
  THIndexCheck(!found, "%s: expected target values in [0, %lld), but got %lld", op, (long long)*C, (long long)bad);
}

static void THNN_(multiMarginRun)(THTensor *input, THIndexTensor *target, int p, THTensor *weights, accreal margin,
                                  int64_t N, int64_t C, accreal *loss, real *gi, const accreal *gs) {
  THTensor *x_ = THTensor_(newContiguous)(input);
  THLongTensor *t_ = THLongTensor_newContiguous(target);
  THTensor *w_ = weights ? THTensor_(newContiguous)(weights) : NULL;
  const real *x = THNN_(ptr)(x_), *w = w_ ? THNN_(ptr)(w_) : NULL;
  const int64_t *t = (const int64_t *)THLongTensor_data(t_);
  for (int64_t n = 0; n < N; n++) {
    const real *xs = x + n * C;
    int64_t y = t[n];
    accreal wy = w ? w[y] : 1, sum = 0;
    for (int64_t j = 0; j < C; j++) {
      if (j == y) continue;
      accreal z = margin - (accreal)xs[y] + xs[j];
      if (z <= 0) continue;
      sum += wy * (p == 1 ? z : z * z);
      if (gi) {
        accreal h = (p == 1 ? 1 : 2 * z) * wy * gs[n] / C;
        gi[n * C + j] += (real)h;
        gi[n * C + y] -= (real)h;
      }
    }
    if (loss) loss[n] = sum / C;
  }
  THTensor_(free)(x_);
  THLongTensor_free(t_);
  if (w_) THTensor_(free)(w_);
}

void THNN_(MultiMarginCriterion_updateOutput)(THNNState *state, THTensor *input, THIndexTensor *target,
                                              THTensor *output, int64_t reduction, int p, THTensor *weights,
                                              accreal margin) {
  int64_t N, C;
  THNN_(checkReduction)("MultiMarginCriterion", reduction);
  THNN_(multiMarginCheck)(input, target, p, weights, &N, &C);
  accreal *loss = THAlloc(sizeof(accreal) * N);
  THNN_(multiMarginRun)(input, target, p, weights, margin, N, C, loss, NULL, NULL);
  THNN_(sampleLossOut)(input, output, reduction, loss, N);
  THFree(loss);
}
void THNN_(MultiMarginCriterion_updateGradInput)(THNNState *state, THTensor *input, THIndexTensor *target,
                                                 THTensor *gradOutput, THTensor *gradInput, int64_t reduction, int p,
                                                 THTensor *weights, accreal margin) {
  int64_t N, C;
  THNN_(checkReduction)("MultiMarginCriterion", reduction);
  THNN_(multiMarginCheck)(input, target, p, weights, &N, &C);
  accreal *gs = THAlloc(sizeof(accreal) * N);
  THNN_(sampleGrads)("MultiMarginCriterion", gradOutput, reduction, N, gs);
  THTensor_(resizeAs)(gradInput, input);
  THTensor *gi_ = THNN_(outBegin)(gradInput);
  real *gi = THNN_(ptr)(gi_);
  memset(gi, 0, sizeof(real) * (size_t)(N * C));
  THNN_(multiMarginRun)(input, target, p, weights, margin, N, C, NULL, gi, gs);
  THNN_(outEnd)(gi_, gradInput);
  THFree(gs);
}
