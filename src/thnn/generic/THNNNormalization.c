/* LookupTable and BatchNormalization (generic over Float and Double). */
#include "THNNHelpers.h"

/* ---- LookupTable */
static void THNN_(checkIndices)(const char *op, THIndexTensor *idx, int64_t n) {
  THLongTensor *t = THLongTensor_newContiguous(idx);
  const int64_t *p = (const int64_t *)THLongTensor_data(t);
  int64_t m = THLongTensor_nElement(t), bad = 0;
  int found = 0;
  for (int64_t i = 0; i < m && !found; i++)
    if (p[i] < 0 || p[i] >= n) found = 1, bad = p[i];
  THLongTensor_free(t);
  THIndexCheck(!found, "%s: expected indices in [0, %lld), but got %lld", op, (long long)n, (long long)bad);
}

void THNN_(LookupTable_accGradParameters)(THNNState *state, THIndexTensor *input, THTensor *gradOutput,
                                          THTensor *gradWeight, THIntegerTensor *count, THTensor *sorted,
                                          THIndexTensor *indices, bool scaleGradByFreq, int paddingValue,
                                          accreal scale) {
  const char *op = "LookupTable";
  THArgCheck(gradWeight->nDimension == 2, "%s: expected gradWeight of 2 dimensions, but got %s", op,
             THNN_SHAPE(gradWeight));
  int64_t V = gradWeight->size[0], D = gradWeight->size[1], n = THLongTensor_nElement(input);
  THArgCheck(THTensor_(nElement)(gradOutput) == n * D,
             "%s: expected gradOutput with %lld elements (input's %lld times %lld), but got %s", op,
             (long long)(n * D), (long long)n, (long long)D, THNN_SHAPE(gradOutput));
  THNN_(checkIndices)(op, input, V);
  THLongTensor *in_ = THLongTensor_newContiguous(input);
  const int64_t *ip = (const int64_t *)THLongTensor_data(in_);
  int32_t *cnt = NULL;
  if (scaleGradByFreq) {
    THIntTensor_resize1d(count, V);
    THIntTensor *c_ = THIntTensor_newContiguous(count);
    cnt = (int32_t *)THIntTensor_data(c_);
    memset(cnt, 0, sizeof(int32_t) * (size_t)V);
    for (int64_t i = 0; i < n; i++) cnt[ip[i]]++;
    THIntTensor_freeCopyTo(c_, count);
    c_ = THIntTensor_newContiguous(count);
    cnt = THAlloc(sizeof(int32_t) * (size_t)V);
    memcpy(cnt, THIntTensor_data(c_), sizeof(int32_t) * (size_t)V);
    THIntTensor_free(c_);
  }
  THTensor *g_ = THTensor_(newContiguous)(gradOutput);
  THTensor *gw_ = THNN_(accBegin)(gradWeight);
  const real *g = THNN_(ptr)(g_);
  real *gw = THNN_(ptr)(gw_);
  for (int64_t i = 0; i < n; i++) {
    int64_t k = ip[i];
    if (k == paddingValue) continue;
    accreal s = scaleGradByFreq ? scale / cnt[k] : scale;
    real *row = gw + k * D;
    const real *gr = g + i * D;
    for (int64_t d = 0; d < D; d++) row[d] += (real)(s * gr[d]);
  }
  THNN_(outEnd)(gw_, gradWeight);
  THTensor_(free)(g_);
  THLongTensor_free(in_);
  if (cnt) THFree(cnt);
}

void THNN_(LookupTable_renorm)(THNNState *state, THIndexTensor *idx, THTensor *weight, accreal maxNorm,
                               accreal normType) {
  const char *op = "LookupTable_renorm";
  THArgCheck(weight->nDimension == 2, "%s: expected weight of 2 dimensions, but got %s", op, THNN_SHAPE(weight));
  THArgCheck(normType > 0, "%s: expected normType > 0, but got %g", op, (double)normType);
  int64_t V = weight->size[0], D = weight->size[1];
  THNN_(checkIndices)(op, idx, V);
  THLongTensor *in_ = THLongTensor_newContiguous(idx);
  const int64_t *ip = (const int64_t *)THLongTensor_data(in_);
  int64_t n = THLongTensor_nElement(in_);
  char *seen = THAlloc(V > 0 ? V : 1);
  memset(seen, 0, (size_t)(V > 0 ? V : 1));
  for (int64_t i = 0; i < n; i++) {
    int64_t k = ip[i];
    if (seen[k]) continue; /* each row once, however often it is named */
    seen[k] = 1;
    THTensor *row = THTensor_(newSelect)(weight, 0, k);
    accreal norm = 0;
    for (int64_t d = 0; d < D; d++) {
      accreal v = fabs((accreal)THTensor_(get1d)(row, d));
      norm += normType == 1 ? v : (normType == 2 ? v * v : pow(v, normType));
    }
    norm = normType == 1 ? norm : (normType == 2 ? sqrt(norm) : pow(norm, 1 / normType));
    if (norm > maxNorm) {
      accreal f = maxNorm / (norm + 1e-7);
      for (int64_t d = 0; d < D; d++) THTensor_(set1d)(row, d, (real)(THTensor_(get1d)(row, d) * f));
    }
    THTensor_(free)(row);
  }
  THFree(seen);
  THLongTensor_free(in_);
}

/* ---- BatchNormalization: input (N, C, ...) seen as (N, C, S) */
static void THNN_(bnCheckParam)(const char *what, THTensor *t, int64_t C) {
  if (t)
    THArgCheck(THTensor_(nElement)(t) == C, "BatchNormalization: expected %s with %lld elements, but got %s", what,
               (long long)C, THNN_SHAPE(t));
}
static void THNN_(bnShape)(THTensor *input, int64_t *N, int64_t *C, int64_t *S) {
  THArgCheck(input->nDimension >= 2, "BatchNormalization: expected input of 2 or more dimensions, but got %s",
             THNN_SHAPE(input));
  *N = input->size[0];
  *C = input->size[1];
  *S = 1;
  for (int d = 2; d < input->nDimension; d++) *S *= input->size[d];
}
/* The C values of an optional per-channel tensor (dflt where NULL) into dst. */
static void THNN_(bnFetch)(THTensor *t, accreal *dst, int64_t C, accreal dflt) {
  if (!t) {
    for (int64_t c = 0; c < C; c++) dst[c] = dflt;
    return;
  }
  THTensor *t_ = THTensor_(newContiguous)(t);
  const real *p = THNN_(ptr)(t_);
  for (int64_t c = 0; c < C; c++) dst[c] = p[c];
  THTensor_(free)(t_);
}
/* t[c] = a * src[c] + b * t[c] for an optional per-channel tensor t of any layout. */
static void THNN_(bnUpdate)(THTensor *t, const accreal *src, int64_t C, accreal a, accreal b) {
  if (!t) return;
  THTensor *t_ = THNN_(accBegin)(t);
  real *p = THNN_(ptr)(t_);
  for (int64_t c = 0; c < C; c++) p[c] = (real)(a * src[c] + b * p[c]);
  THNN_(outEnd)(t_, t);
}

void THNN_(BatchNormalization_updateOutput)(THNNState *state, THTensor *input, THTensor *output, THTensor *weight,
                                            THTensor *bias, THTensor *running_mean, THTensor *running_var,
                                            THTensor *save_mean, THTensor *save_std, bool train, double momentum,
                                            double eps) {
  int64_t N, C, S;
  THNN_(bnShape)(input, &N, &C, &S);
  THNN_(bnCheckParam)("weight", weight, C);
  THNN_(bnCheckParam)("bias", bias, C);
  THNN_(bnCheckParam)("running_mean", running_mean, C);
  THNN_(bnCheckParam)("running_var", running_var, C);
  if (!train)
    THArgCheck(running_mean && running_var,
               "BatchNormalization: expected running_mean and running_var in evaluation, but got NULL");
  int64_t count = N * S;
  if (train)
    THArgCheck(count > 1,
               "BatchNormalization: expected more than 1 value per channel when training, but got input %s",
               THNN_SHAPE(input));
  THTensor *x_ = THTensor_(newContiguous)(input);
  THTensor_(resizeAs)(output, input);
  THTensor *y_ = THNN_(outBegin)(output);
  const real *x = THNN_(ptr)(x_);
  real *y = THNN_(ptr)(y_);
  if (train) {
    THTensor_(resize1d)(save_mean, C);
    THTensor_(resize1d)(save_std, C);
  }
  accreal *mean = THAlloc(sizeof(accreal) * C * 6), *invstd = mean + C, *rm = mean + 2 * C, *rv = mean + 3 * C;
  accreal *wv = mean + 4 * C, *bv = mean + 5 * C;
  THNN_(bnFetch)(running_mean, rm, C, 0);
  THNN_(bnFetch)(running_var, rv, C, 1);
  THNN_(bnFetch)(weight, wv, C, 1);
  THNN_(bnFetch)(bias, bv, C, 0);
  int64_t n_ = N * C * S;
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD) num_threads(THGetNumThreads())")
  for (int64_t c = 0; c < C; c++) {
    accreal m, is;
    if (train) {
      accreal sum = 0;
      for (int64_t b = 0; b < N; b++)
        for (int64_t s = 0; s < S; s++) sum += x[(b * C + c) * S + s];
      m = sum / count;
      accreal ss = 0;
      for (int64_t b = 0; b < N; b++)
        for (int64_t s = 0; s < S; s++) {
          accreal d = x[(b * C + c) * S + s] - m;
          ss += d * d;
        }
      is = 1 / sqrt(ss / count + eps);
      invstd[c] = ss; /* the sum of squares, for the running variance below */
    } else {
      m = rm[c];
      is = 1 / sqrt(rv[c] + eps);
    }
    mean[c] = m;
    accreal w = wv[c], bb = bv[c];
    for (int64_t b = 0; b < N; b++)
      for (int64_t s = 0; s < S; s++) {
        int64_t i = (b * C + c) * S + s;
        y[i] = (real)((x[i] - m) * is * w + bb);
      }
    if (!train) invstd[c] = is;
  }
  if (train) {
    /* invstd holds the sums of squares here */
    for (int64_t c = 0; c < C; c++) rv[c] = invstd[c] / (count - 1), invstd[c] = 1 / sqrt(invstd[c] / count + eps);
    THNN_(bnUpdate)(save_mean, mean, C, 1, 0);
    THNN_(bnUpdate)(save_std, invstd, C, 1, 0);
    THNN_(bnUpdate)(running_mean, mean, C, momentum, 1 - momentum);
    THNN_(bnUpdate)(running_var, rv, C, momentum, 1 - momentum);
  }
  THFree(mean);
  THNN_(outEnd)(y_, output);
  THTensor_(free)(x_);
}

void THNN_(BatchNormalization_backward)(THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput,
                                        THTensor *gradWeight, THTensor *gradBias, THTensor *weight,
                                        THTensor *running_mean, THTensor *running_var, THTensor *save_mean,
                                        THTensor *save_std, bool train, double scale, double eps) {
  int64_t N, C, S;
  THNN_(bnShape)(input, &N, &C, &S);
  THNN_(checkSameSize)("BatchNormalization", "gradOutput", input, gradOutput);
  THNN_(bnCheckParam)("weight", weight, C);
  THNN_(bnCheckParam)("gradWeight", gradWeight, C);
  THNN_(bnCheckParam)("gradBias", gradBias, C);
  if (train) {
    THArgCheck(save_mean && save_std, "BatchNormalization: expected save_mean and save_std when training, but got NULL");
    THNN_(bnCheckParam)("save_mean", save_mean, C);
    THNN_(bnCheckParam)("save_std", save_std, C);
  } else {
    THArgCheck(running_mean && running_var,
               "BatchNormalization: expected running_mean and running_var in evaluation, but got NULL");
    THNN_(bnCheckParam)("running_mean", running_mean, C);
    THNN_(bnCheckParam)("running_var", running_var, C);
  }
  int64_t count = N * S;
  THTensor *x_ = THTensor_(newContiguous)(input), *g_ = THTensor_(newContiguous)(gradOutput), *gi_ = NULL;
  const real *x = THNN_(ptr)(x_), *g = THNN_(ptr)(g_);
  real *gi = NULL;
  if (gradInput) {
    THTensor_(resizeAs)(gradInput, input);
    gi_ = THNN_(outBegin)(gradInput);
    gi = THNN_(ptr)(gi_);
  }
  accreal *sums = THAlloc(sizeof(accreal) * C * 5), *dots = sums + C, *invs = sums + 2 * C, *ms = sums + 3 * C;
  accreal *wv = sums + 4 * C;
  THNN_(bnFetch)(train ? save_mean : running_mean, ms, C, 0);
  THNN_(bnFetch)(train ? save_std : running_var, invs, C, 1);
  THNN_(bnFetch)(weight, wv, C, 1);
  if (!train)
    for (int64_t c = 0; c < C; c++) invs[c] = 1 / sqrt(invs[c] + eps);
  int64_t n_ = N * C * S;
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD) num_threads(THGetNumThreads())")
  for (int64_t c = 0; c < C; c++) {
    accreal m = ms[c], is = invs[c], w = wv[c];
    accreal gsum = 0, dot = 0;
    for (int64_t b = 0; b < N; b++)
      for (int64_t s = 0; s < S; s++) {
        int64_t i = (b * C + c) * S + s;
        gsum += g[i];
        dot += (x[i] - m) * g[i];
      }
    sums[c] = gsum;
    dots[c] = dot;
    if (gi) {
      if (train) {
        /* gi = (g - mean(g) - (x - m) is^2 mean((x - m) g)) is w */
        accreal k = dot * is * is / count, gm = gsum / count;
        for (int64_t b = 0; b < N; b++)
          for (int64_t s = 0; s < S; s++) {
            int64_t i = (b * C + c) * S + s;
            gi[i] = (real)((g[i] - gm - (x[i] - m) * k) * is * w);
          }
      } else {
        for (int64_t b = 0; b < N; b++)
          for (int64_t s = 0; s < S; s++) {
            int64_t i = (b * C + c) * S + s;
            gi[i] = (real)(g[i] * is * w);
          }
      }
    }
  }
  for (int64_t c = 0; c < C; c++) dots[c] *= invs[c];
  THNN_(bnUpdate)(gradWeight, dots, C, scale, 1);
  THNN_(bnUpdate)(gradBias, sums, C, scale, 1);
  THFree(sums);
  if (gi_) THNN_(outEnd)(gi_, gradInput);
  THTensor_(free)(x_);
  THTensor_(free)(g_);
}
