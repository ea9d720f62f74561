/* Pooling (generic over Float and Double).  A spatial input (C, H, W) or (N, C, H, W) is handled
 * as P = N C independent planes. */
#include "THNNHelpers.h"

#ifndef THNN_POOL_HELPERS
#define THNN_POOL_HELPERS
/* Output length of a window sweep; ceil_mode keeps a last window only if it starts inside the
 * input or its left padding (PyTorch's rule). */
static int64_t thnn_pool_out(int64_t in, int k, int pad, int stride, int dil, bool ceil_mode) {
  int64_t span = in + 2 * (int64_t)pad - (int64_t)dil * (k - 1) - 1;
  if (span < 0) return 0;
  int64_t o = (span + (ceil_mode ? stride - 1 : 0)) / stride + 1;
  if (ceil_mode && (o - 1) * stride >= in + pad) o--;
  return o;
}
#endif

/* The planes of a pooling and their sizes; 2-d poolings have T = oT = 1. */
typedef struct {
  int64_t P, T, H, W, oT, oH, oW;
  int batch;
} THNN_(PoolGeom);

/* A pooling window per axis (T, H, W): kernel, stride, padding, dilation. */
#ifndef THNN_POOL_WINDOW
#define THNN_POOL_WINDOW
typedef struct {
  int k[3], d[3], pad[3], dil[3];
} THNNPoolWindow;
#endif

static THNN_(PoolGeom) THNN_(poolCheck)(const char *op, THTensor *input, int kW, int kH, int dW, int dH, int padW,
                                        int padH, int dilW, int dilH, bool ceil_mode) {
  THNN_(PoolGeom) g;
  THArgCheck(kW > 0 && kH > 0, "%s: expected kernel size > 0, but got kH %d and kW %d", op, kH, kW);
  THArgCheck(dW > 0 && dH > 0, "%s: expected stride > 0, but got dH %d and dW %d", op, dH, dW);
  THArgCheck(dilW > 0 && dilH > 0, "%s: expected dilation > 0, but got dilationH %d and dilationW %d", op, dilH,
             dilW);
  THArgCheck(padW >= 0 && padH >= 0 && padW <= kW / 2 && padH <= kH / 2,
             "%s: expected padding between 0 and half the kernel size (%d, %d), but got padH %d and padW %d", op,
             kH / 2, kW / 2, padH, padW);
  THArgCheck((input->nDimension == 3 || input->nDimension == 4) && input->size[input->nDimension - 1] > 0 &&
                 input->size[input->nDimension - 2] > 0,
             "%s: expected input of 3 (C, H, W) or 4 (N, C, H, W) dimensions with non-zero H and W, but got %s", op,
             THNN_SHAPE(input));
  g.batch = input->nDimension == 4;
  g.P = g.batch ? input->size[0] * input->size[1] : input->size[0];
  g.T = g.oT = 1;
  g.H = input->size[input->nDimension - 2];
  g.W = input->size[input->nDimension - 1];
  g.oH = thnn_pool_out(g.H, kH, padH, dH, dilH, ceil_mode);
  g.oW = thnn_pool_out(g.W, kW, padW, dW, dilW, ceil_mode);
  THArgCheck(g.oH >= 1 && g.oW >= 1, "%s: expected an output of at least 1 x 1, but got %lld x %lld for input %s",
             op, (long long)g.oH, (long long)g.oW, THNN_SHAPE(input));
  return g;
}

/* input's sizes with the last ns (2 or 3) replaced by the output's (oT, oH, oW) or (oH, oW). */
static int THNN_(poolOutSize)(THTensor *input, int ns, int64_t oT, int64_t oH, int64_t oW, int64_t s[5]) {
  int nd = input->nDimension;
  for (int d = 0; d < nd - ns; d++) s[d] = input->size[d];
  if (ns == 3) s[nd - 3] = oT;
  s[nd - 2] = oH;
  s[nd - 1] = oW;
  return nd;
}

static void THNN_(poolResizeN)(THTensor *input, THTensor *out, THLongTensor *idx, int ns, int64_t oT, int64_t oH,
                               int64_t oW) {
  int64_t s[5];
  int nd = THNN_(poolOutSize)(input, ns, oT, oH, oW, s);
  THTensor_(resizeNd)(out, nd, s, NULL);
  if (idx) THLongTensor_resizeNd(idx, nd, s, NULL);
}

static void THNN_(poolResize)(THTensor *input, THTensor *out, THLongTensor *idx, int64_t oH, int64_t oW) {
  THNN_(poolResizeN)(input, out, idx, 2, 1, oH, oW);
}

static void THNN_(poolCheckGradN)(const char *op, THTensor *input, THTensor *gradOutput, int ns, int64_t oT,
                                  int64_t oH, int64_t oW) {
  int64_t s[5];
  int nd = THNN_(poolOutSize)(input, ns, oT, oH, oW, s);
  THArgCheck(THTensor_(isSize)(gradOutput, nd, s), "%s: expected gradOutput of size %s, but got %s", op,
             THFormatSizes((char[256]){0}, 256, s, nd), THNN_SHAPE(gradOutput));
}

static void THNN_(poolCheckGrad)(const char *op, THTensor *input, THTensor *gradOutput, int64_t oH, int64_t oW) {
  THNN_(poolCheckGradN)(op, input, gradOutput, 2, 1, oH, oW);
}

/* Raises unless every index lies in [lo, n) (indices already contiguous; frees it on failure). */
static void THNN_(checkIndexRange)(const char *op, THLongTensor *i_, int64_t lo, int64_t n) {
  const int64_t *ind = (const int64_t *)THLongTensor_data(i_);
  int64_t len = THLongTensor_nElement(i_), bad = 0;
  int found = 0;
  for (int64_t k = 0; k < len && !found; k++)
    if (ind[k] < lo || ind[k] >= n) found = 1, bad = ind[k];
  if (found) THLongTensor_free(i_);
  THIndexCheck(!found, "%s: expected indices in [0, %lld), but got %lld", op, (long long)n, (long long)bad);
}

/* A max pooling's indices (one per gradOutput element, each in [lo, n)), contiguous. */
static THLongTensor *THNN_(maxIndices)(const char *op, THIndexTensor *indices, THTensor *gradOutput, int64_t lo,
                                       int64_t n) {
  THArgCheck(THLongTensor_nElement(indices) == THTensor_(nElement)(gradOutput),
             "%s: expected indices of size %s, but got %s", op, THNN_SHAPE(gradOutput), THNN_SHAPE(indices));
  THLongTensor *i_ = THLongTensor_newContiguous(indices);
  THNN_(checkIndexRange)(op, i_, lo, n);
  return i_;
}

/* The backward of a max pooling over P planes of V input and L output cells: gradInput is zero but
 * for the gradOutput of each cell added at its argmax (a negative index: a window with no input
 * cell); frees i_.  Windows may overlap within a plane, so the loop runs in parallel over planes. */
static void THNN_(maxScatterGrad)(THTensor *input, THTensor *gradOutput, THTensor *gradInput, THLongTensor *i_,
                                  int64_t P, int64_t V, int64_t L) {
  const int64_t *ind = (const int64_t *)THLongTensor_data(i_);
  THTensor *go_ = THTensor_(newContiguous)(gradOutput);
  THTensor_(resizeAs)(gradInput, input);
  THTensor *gi_ = THNN_(outBegin)(gradInput);
  const real *go = THNN_(ptr)(go_);
  real *gi = THNN_(ptr)(gi_);
  memset(gi, 0, sizeof(real) * (size_t)(P * V));
  int64_t n_ = P * L;
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && P > 1) num_threads(THGetNumThreads())")
  for (int64_t p = 0; p < P; p++)
    for (int64_t l = 0; l < L; l++) {
      int64_t k = ind[p * L + l];
      if (k >= 0) gi[p * V + k] += go[p * L + l];
    }
  THNN_(outEnd)(gi_, gradInput);
  THTensor_(free)(go_);
  THLongTensor_free(i_);
}

/* Max pooling of g's planes through window w: the first maximum of each window (NaN propagates, as
 * in PyTorch) and its index (t H + h) W + w in the plane, -1 for a window with no input cell. */
static void THNN_(maxPoolForward)(THTensor *input, THTensor *output, THIndexTensor *indices, int ns,
                                  THNN_(PoolGeom) g, THNNPoolWindow w) {
  THTensor *x_ = THTensor_(newContiguous)(input);
  THNN_(poolResizeN)(input, output, indices, ns, g.oT, g.oH, g.oW);
  THTensor *y_ = THNN_(outBegin)(output);
  THLongTensor *i_ = THLongTensor_newContiguous(indices);
  const real *x = THNN_(ptr)(x_);
  real *y = THNN_(ptr)(y_);
  int64_t *ind = (int64_t *)THLongTensor_data(i_);
  const int64_t P = g.P, V = g.T * g.H * g.W, oV = g.oT * g.oH * g.oW;
  const int64_t n_ = P * oV * w.k[0] * w.k[1] * w.k[2];
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && P > 1) num_threads(THGetNumThreads())")
  for (int64_t p = 0; p < P; p++) {
    /* the geometry in locals: the loop body is outlined by OpenMP, where the shared structs would
     * be re-read through pointers after every store */
    const int64_t T = g.T, H = g.H, W = g.W, oT = g.oT, oH = g.oH, oW = g.oW;
    const int kT = w.k[0], kH = w.k[1], kW = w.k[2], dT = w.d[0], dH = w.d[1], dW = w.d[2];
    const int lT = w.dil[0], lH = w.dil[1], lW = w.dil[2];
    const real *xp = x + p * V;
    for (int64_t ot = 0; ot < oT; ot++)
      for (int64_t oh = 0; oh < oH; oh++)
        for (int64_t ow = 0; ow < oW; ow++) {
          int64_t ts = ot * dT - w.pad[0], hs = oh * dH - w.pad[1], ws = ow * dW - w.pad[2], best = -1;
          real mx = -INFINITY;
          for (int a = 0; a < kT; a++) {
            int64_t it = ts + (int64_t)a * lT;
            if (it < 0 || it >= T) continue;
            for (int i = 0; i < kH; i++) {
              int64_t ih = hs + (int64_t)i * lH;
              if (ih < 0 || ih >= H) continue;
              const int64_t row = (it * H + ih) * W;
              for (int j = 0; j < kW; j++) {
                int64_t iw = ws + (int64_t)j * lW;
                if (iw < 0 || iw >= W) continue;
                real v = xp[row + iw];
                if (best < 0 || v > mx || isnan(v)) {
                  mx = v;
                  best = row + iw;
                  if (isnan(v)) goto done;
                }
              }
            }
          }
        done:;
          int64_t q = p * oV + (ot * oH + oh) * oW + ow;
          y[q] = mx;
          ind[q] = best;
        }
  }
  THNN_(outEnd)(y_, output);
  THLongTensor_freeCopyTo(i_, indices);
  THTensor_(free)(x_);
}

/* ---- max pooling (dilated) */
void THNN_(SpatialDilatedMaxPooling_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                                  THIndexTensor *indices, int kW, int kH, int dW, int dH, int padW,
                                                  int padH, int dilationW, int dilationH, bool ceil_mode) {
  THNN_(PoolGeom) g = THNN_(poolCheck)("SpatialDilatedMaxPooling", input, kW, kH, dW, dH, padW, padH, dilationW,
                                       dilationH, ceil_mode);
  THNNPoolWindow w = {{1, kH, kW}, {1, dH, dW}, {0, padH, padW}, {1, dilationH, dilationW}};
  THNN_(maxPoolForward)(input, output, indices, 2, g, w);
}

void THNN_(SpatialDilatedMaxPooling_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                     THTensor *gradInput, THIndexTensor *indices, int kW, int kH,
                                                     int dW, int dH, int padW, int padH, int dilationW,
                                                     int dilationH, bool ceil_mode) {
  const char *op = "SpatialDilatedMaxPooling";
  THNN_(PoolGeom) g = THNN_(poolCheck)(op, input, kW, kH, dW, dH, padW, padH, dilationW, dilationH, ceil_mode);
  THNN_(poolCheckGrad)(op, input, gradOutput, g.oH, g.oW);
  THLongTensor *i_ = THNN_(maxIndices)(op, indices, gradOutput, -1, g.H * g.W);
  THNN_(maxScatterGrad)(input, gradOutput, gradInput, i_, g.P, g.H * g.W, g.oH * g.oW);
}

void THNN_(SpatialMaxPooling_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                           THIndexTensor *indices, int kW, int kH, int dW, int dH, int padW, int padH,
                                           bool ceil_mode) {
  THNN_(SpatialDilatedMaxPooling_updateOutput)(state, input, output, indices, kW, kH, dW, dH, padW, padH, 1, 1,
                                               ceil_mode);
}
void THNN_(SpatialMaxPooling_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                              THTensor *gradInput, THIndexTensor *indices, int kW, int kH, int dW,
                                              int dH, int padW, int padH, bool ceil_mode) {
  THNN_(SpatialDilatedMaxPooling_updateGradInput)(state, input, gradOutput, gradInput, indices, kW, kH, dW, dH, padW,
                                                  padH, 1, 1, ceil_mode);
}

/* ---- average pooling: the window along each axis is clipped to the padded input; the divisor is
 * its volume (count_include_pad) or the volume of its part inside the input */
#ifndef THNN_AVG_AXIS
#define THNN_AVG_AXIS
/* average window along one axis: [s, e) clipped to the input, its length clipped to the padded
 * input in *area */
static inline void thnn_avg_axis(int64_t o, int k, int d, int pad, int64_t in, int64_t *s, int64_t *e,
                                 int64_t *area) {
  int64_t a = o * d - pad, b = a + k < in + pad ? a + k : in + pad;
  *area = b - a;
  *s = a < 0 ? 0 : a;
  *e = b > in ? in : b;
}
#endif

#define THNN_AVG_WINDOW                                                     \
  int64_t t0, t1, h0, h1, w0, w1, at, ah, aw;                               \
  thnn_avg_axis(ot, w.k[0], w.d[0], w.pad[0], g.T, &t0, &t1, &at);          \
  thnn_avg_axis(oh, w.k[1], w.d[1], w.pad[1], g.H, &h0, &h1, &ah);          \
  thnn_avg_axis(ow, w.k[2], w.d[2], w.pad[2], g.W, &w0, &w1, &aw);          \
  int64_t div = count_include_pad ? at * ah * aw : (t1 - t0) * (h1 - h0) * (w1 - w0);

static void THNN_(avgPoolForward)(THTensor *input, THTensor *output, int ns, THNN_(PoolGeom) g, THNNPoolWindow w,
                                  bool count_include_pad) {
  THTensor *x_ = THTensor_(newContiguous)(input);
  THNN_(poolResizeN)(input, output, NULL, ns, g.oT, g.oH, g.oW);
  THTensor *y_ = THNN_(outBegin)(output);
  const real *x = THNN_(ptr)(x_);
  real *y = THNN_(ptr)(y_);
  const int64_t P = g.P, V = g.T * g.H * g.W, oV = g.oT * g.oH * g.oW;
  const int64_t n_ = P * oV * w.k[0] * w.k[1] * w.k[2];
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && P > 1) num_threads(THGetNumThreads())")
  for (int64_t p = 0; p < P; p++) {
    const real *xp = x + p * V;
    for (int64_t ot = 0; ot < g.oT; ot++)
      for (int64_t oh = 0; oh < g.oH; oh++)
        for (int64_t ow = 0; ow < g.oW; ow++) {
          THNN_AVG_WINDOW
          accreal s = 0;
          for (int64_t it = t0; it < t1; it++)
            for (int64_t ih = h0; ih < h1; ih++)
              for (int64_t iw = w0; iw < w1; iw++) s += xp[(it * g.H + ih) * g.W + iw];
          y[p * oV + (ot * g.oH + oh) * g.oW + ow] = (real)(div > 0 ? s / div : 0);
        }
  }
  THNN_(outEnd)(y_, output);
  THTensor_(free)(x_);
}

static void THNN_(avgPoolBackward)(THTensor *input, THTensor *gradOutput, THTensor *gradInput, THNN_(PoolGeom) g,
                                   THNNPoolWindow w, bool count_include_pad) {
  THTensor *go_ = THTensor_(newContiguous)(gradOutput);
  THTensor_(resizeAs)(gradInput, input);
  THTensor *gi_ = THNN_(outBegin)(gradInput);
  const real *go = THNN_(ptr)(go_);
  real *gi = THNN_(ptr)(gi_);
  const int64_t P = g.P, V = g.T * g.H * g.W, oV = g.oT * g.oH * g.oW;
  const int64_t n_ = P * oV * w.k[0] * w.k[1] * w.k[2];
  memset(gi, 0, sizeof(real) * (size_t)(P * V));
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && P > 1) num_threads(THGetNumThreads())")
  for (int64_t p = 0; p < P; p++) {
    real *gp = gi + p * V;
    for (int64_t ot = 0; ot < g.oT; ot++)
      for (int64_t oh = 0; oh < g.oH; oh++)
        for (int64_t ow = 0; ow < g.oW; ow++) {
          THNN_AVG_WINDOW
          if (div <= 0) continue;
          real v = (real)((accreal)go[p * oV + (ot * g.oH + oh) * g.oW + ow] / div);
          for (int64_t it = t0; it < t1; it++)
            for (int64_t ih = h0; ih < h1; ih++)
              for (int64_t iw = w0; iw < w1; iw++) gp[(it * g.H + ih) * g.W + iw] += v;
        }
  }
  THNN_(outEnd)(gi_, gradInput);
  THTensor_(free)(go_);
}

void THNN_(SpatialAveragePooling_updateOutput)(THNNState *state, THTensor *input, THTensor *output, int kW, int kH,
                                               int dW, int dH, int padW, int padH, bool ceil_mode,
                                               bool count_include_pad) {
  THNN_(PoolGeom) g = THNN_(poolCheck)("SpatialAveragePooling", input, kW, kH, dW, dH, padW, padH, 1, 1, ceil_mode);
  THNNPoolWindow w = {{1, kH, kW}, {1, dH, dW}, {0, padH, padW}, {1, 1, 1}};
  THNN_(avgPoolForward)(input, output, 2, g, w, count_include_pad);
}

void THNN_(SpatialAveragePooling_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                  THTensor *gradInput, int kW, int kH, int dW, int dH, int padW,
                                                  int padH, bool ceil_mode, bool count_include_pad) {
  const char *op = "SpatialAveragePooling";
  THNN_(PoolGeom) g = THNN_(poolCheck)(op, input, kW, kH, dW, dH, padW, padH, 1, 1, ceil_mode);
  THNN_(poolCheckGrad)(op, input, gradOutput, g.oH, g.oW);
  THNNPoolWindow w = {{1, kH, kW}, {1, dH, dW}, {0, padH, padW}, {1, 1, 1}};
  THNN_(avgPoolBackward)(input, gradOutput, gradInput, g, w, count_include_pad);
}

/* ---- adaptive pooling */
static THNN_(PoolGeom) THNN_(adaptiveCheck)(const char *op, THTensor *input, int osizeW, int osizeH) {
  THNN_(PoolGeom) g;
  THArgCheck(osizeW > 0 && osizeH > 0, "%s: expected output size > 0, but got %d x %d", op, osizeH, osizeW);
  THArgCheck((input->nDimension == 3 || input->nDimension == 4) && input->size[input->nDimension - 1] > 0 &&
                 input->size[input->nDimension - 2] > 0,
             "%s: expected input of 3 (C, H, W) or 4 (N, C, H, W) dimensions with non-zero H and W, but got %s", op,
             THNN_SHAPE(input));
  g.batch = input->nDimension == 4;
  g.P = g.batch ? input->size[0] * input->size[1] : input->size[0];
  g.H = input->size[input->nDimension - 2];
  g.W = input->size[input->nDimension - 1];
  g.T = g.oT = 1;
  g.oH = osizeH;
  g.oW = osizeW;
  return g;
}
#define THNN_ADAPTIVE_WINDOW                            \
  int64_t hs = (oh * g.H) / g.oH;                       \
  int64_t he = ((oh + 1) * g.H + g.oH - 1) / g.oH;      \
  int64_t ws = (ow * g.W) / g.oW;                       \
  int64_t we = ((ow + 1) * g.W + g.oW - 1) / g.oW;

void THNN_(SpatialAdaptiveAveragePooling_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                                       int osizeW, int osizeH) {
  THNN_(PoolGeom) g = THNN_(adaptiveCheck)("SpatialAdaptiveAveragePooling", input, osizeW, osizeH);
  THTensor *x_ = THTensor_(newContiguous)(input);
  THNN_(poolResize)(input, output, NULL, g.oH, g.oW);
  THTensor *y_ = THNN_(outBegin)(output);
  const real *x = THNN_(ptr)(x_);
  real *y = THNN_(ptr)(y_);
  int64_t P = g.P, n_ = g.P * g.H * g.W;
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && P > 1) num_threads(THGetNumThreads())")
  for (int64_t p = 0; p < P; p++) {
    const real *xp = x + p * g.H * g.W;
    for (int64_t oh = 0; oh < g.oH; oh++)
      for (int64_t ow = 0; ow < g.oW; ow++) {
        THNN_ADAPTIVE_WINDOW
        accreal s = 0;
        for (int64_t ih = hs; ih < he; ih++)
          for (int64_t iw = ws; iw < we; iw++) s += xp[ih * g.W + iw];
        y[(p * g.oH + oh) * g.oW + ow] = (real)(s / ((he - hs) * (we - ws)));
      }
  }
  THNN_(outEnd)(y_, output);
  THTensor_(free)(x_);
}

void THNN_(SpatialAdaptiveAveragePooling_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                          THTensor *gradInput) {
  const char *op = "SpatialAdaptiveAveragePooling";
  THArgCheck(gradOutput->nDimension == input->nDimension && input->nDimension >= 3,
             "%s: expected gradOutput of %d dimensions, but got %s", op, input->nDimension, THNN_SHAPE(gradOutput));
  THNN_(PoolGeom) g = THNN_(adaptiveCheck)(op, input, (int)gradOutput->size[gradOutput->nDimension - 1],
                                           (int)gradOutput->size[gradOutput->nDimension - 2]);
  THNN_(poolCheckGrad)(op, input, gradOutput, g.oH, g.oW);
  THTensor *go_ = THTensor_(newContiguous)(gradOutput);
  THTensor_(resizeAs)(gradInput, input);
  THTensor *gi_ = THNN_(outBegin)(gradInput);
  const real *go = THNN_(ptr)(go_);
  real *gi = THNN_(ptr)(gi_);
  memset(gi, 0, sizeof(real) * (size_t)(g.P * g.H * g.W));
  int64_t P = g.P, n_ = g.P * g.H * g.W;
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && P > 1) num_threads(THGetNumThreads())")
  for (int64_t p = 0; p < P; p++) {
    real *gp = gi + p * g.H * g.W;
    for (int64_t oh = 0; oh < g.oH; oh++)
      for (int64_t ow = 0; ow < g.oW; ow++) {
        THNN_ADAPTIVE_WINDOW
        real v = (real)((accreal)go[(p * g.oH + oh) * g.oW + ow] / ((he - hs) * (we - ws)));
        for (int64_t ih = hs; ih < he; ih++)
          for (int64_t iw = ws; iw < we; iw++) gp[ih * g.W + iw] += v;
      }
  }
  THNN_(outEnd)(gi_, gradInput);
  THTensor_(free)(go_);
}

void THNN_(SpatialAdaptiveMaxPooling_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                                   THIndexTensor *indices, int osizeW, int osizeH) {
  THNN_(PoolGeom) g = THNN_(adaptiveCheck)("SpatialAdaptiveMaxPooling", input, osizeW, osizeH);
  THTensor *x_ = THTensor_(newContiguous)(input);
  THNN_(poolResize)(input, output, indices, g.oH, g.oW);
  THTensor *y_ = THNN_(outBegin)(output);
  THLongTensor *i_ = THLongTensor_newContiguous(indices);
  const real *x = THNN_(ptr)(x_);
  real *y = THNN_(ptr)(y_);
  int64_t *ind = (int64_t *)THLongTensor_data(i_);
  int64_t P = g.P, n_ = g.P * g.H * g.W;
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && P > 1) num_threads(THGetNumThreads())")
  for (int64_t p = 0; p < P; p++) {
    const real *xp = x + p * g.H * g.W;
    for (int64_t oh = 0; oh < g.oH; oh++)
      for (int64_t ow = 0; ow < g.oW; ow++) {
        THNN_ADAPTIVE_WINDOW
        int64_t best = hs * g.W + ws;
        real mx = xp[best];
        for (int64_t ih = hs; ih < he && !isnan(mx); ih++)
          for (int64_t iw = ws; iw < we; iw++) {
            real v = xp[ih * g.W + iw];
            if (v > mx || isnan(v)) {
              mx = v;
              best = ih * g.W + iw;
              if (isnan(v)) break;
            }
          }
        y[(p * g.oH + oh) * g.oW + ow] = mx;
        ind[(p * g.oH + oh) * g.oW + ow] = best;
      }
  }
  THNN_(outEnd)(y_, output);
  THLongTensor_freeCopyTo(i_, indices);
  THTensor_(free)(x_);
}

void THNN_(SpatialAdaptiveMaxPooling_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                      THTensor *gradInput, THIndexTensor *indices) {
  const char *op = "SpatialAdaptiveMaxPooling";
  THArgCheck(input->nDimension == 3 || input->nDimension == 4,
             "%s: expected input of 3 (C, H, W) or 4 (N, C, H, W) dimensions, but got %s", op, THNN_SHAPE(input));
  THArgCheck(gradOutput->nDimension == input->nDimension,
             "%s: expected gradOutput of %d dimensions, but got %s", op, input->nDimension, THNN_SHAPE(gradOutput));
  int64_t oH = gradOutput->size[gradOutput->nDimension - 2], oW = gradOutput->size[gradOutput->nDimension - 1];
  THNN_(poolCheckGrad)(op, input, gradOutput, oH, oW);
  int nd = input->nDimension;
  int64_t HW = input->size[nd - 2] * input->size[nd - 1], P = THTensor_(nElement)(input) / (HW ? HW : 1);
  THLongTensor *i_ = THNN_(maxIndices)(op, indices, gradOutput, 0, HW);
  THNN_(maxScatterGrad)(input, gradOutput, gradInput, i_, P, HW, oH * oW);
}

/* ---- temporal max pooling: input (T, F) or (N, T, F), windows of kW frames per feature */
static void THNN_(tempPoolCheck)(THTensor *input, THTensor *gradOutput, int kW, int dW, int64_t *N, int64_t *T,
                                 int64_t *F, int64_t *oT) {
  const char *op = "TemporalMaxPooling";
  THArgCheck(kW > 0 && dW > 0, "%s: expected kernel size and stride > 0, but got kW %d and dW %d", op, kW, dW);
  THArgCheck(input->nDimension == 2 || input->nDimension == 3,
             "%s: expected input of 2 (T, F) or 3 (N, T, F) dimensions, but got %s", op, THNN_SHAPE(input));
  int b = input->nDimension == 3;
  *N = b ? input->size[0] : 1;
  *T = input->size[b];
  *F = input->size[b + 1];
  THArgCheck(*T >= kW, "%s: expected at least kW = %d input frames, but got input %s", op, kW, THNN_SHAPE(input));
  *oT = (*T - kW) / dW + 1;
  if (gradOutput) {
    int64_t want[3] = {*N, *oT, *F};
    THArgCheck(THTensor_(isSize)(gradOutput, 2 + b, want + (b ? 0 : 1)),
               "%s: expected gradOutput of size %s, but got %s", op,
               THFormatSizes((char[256]){0}, 256, want + (b ? 0 : 1), 2 + b), THNN_SHAPE(gradOutput));
  }
}

void THNN_(TemporalMaxPooling_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                            THIndexTensor *indices, int kW, int dW) {
  int64_t N, T, F, oT;
  THNN_(tempPoolCheck)(input, NULL, kW, dW, &N, &T, &F, &oT);
  THTensor *x_ = THTensor_(newContiguous)(input);
  int64_t s[3] = {N, oT, F};
  int b = input->nDimension == 3;
  THTensor_(resizeNd)(output, 2 + b, s + (b ? 0 : 1), NULL);
  THLongTensor_resizeNd(indices, 2 + b, s + (b ? 0 : 1), NULL);
  THTensor *y_ = THNN_(outBegin)(output);
  THLongTensor *i_ = THLongTensor_newContiguous(indices);
  const real *x = THNN_(ptr)(x_);
  real *y = THNN_(ptr)(y_);
  int64_t *ind = (int64_t *)THLongTensor_data(i_);
  int64_t R = N * oT, n_ = R * F * kW;
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && R > 1) num_threads(THGetNumThreads())")
  for (int64_t r = 0; r < R; r++) {
    int64_t n = r / oT, t0 = (r % oT) * dW;
    const real *xs = x + (n * T + t0) * F;
    real *yr = y + r * F;
    int64_t *ir = ind + r * F;
    for (int64_t f = 0; f < F; f++) {
      yr[f] = xs[f];
      ir[f] = t0;
    }
    for (int k = 1; k < kW; k++) /* frame-major sweep keeps the reads contiguous */
      for (int64_t f = 0; f < F; f++) {
        real v = xs[(int64_t)k * F + f];
        if ((v > yr[f] || isnan(v)) && !isnan(yr[f])) {
          yr[f] = v;
          ir[f] = t0 + k;
        }
      }
  }
  THNN_(outEnd)(y_, output);
  THLongTensor_freeCopyTo(i_, indices);
  THTensor_(free)(x_);
}

void THNN_(TemporalMaxPooling_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                               THTensor *gradInput, THIndexTensor *indices, int kW, int dW) {
  const char *op = "TemporalMaxPooling";
  int64_t N, T, F, oT;
  THNN_(tempPoolCheck)(input, gradOutput, kW, dW, &N, &T, &F, &oT);
  THLongTensor *i_ = THNN_(maxIndices)(op, indices, gradOutput, 0, T);
  const int64_t *ind = (const int64_t *)THLongTensor_data(i_);
  THTensor *go_ = THTensor_(newContiguous)(gradOutput);
  THTensor_(resizeAs)(gradInput, input);
  THTensor *gi_ = THNN_(outBegin)(gradInput);
  const real *go = THNN_(ptr)(go_);
  real *gi = THNN_(ptr)(gi_);
  memset(gi, 0, sizeof(real) * (size_t)(N * T * F));
  /* windows of one sequence may overlap: parallel over sequences only */
  _Pragma("omp parallel for if (N * oT * F > TH_OMP_OVERHEAD_THRESHOLD && N > 1) num_threads(THGetNumThreads())")
  for (int64_t s = 0; s < N; s++)
    for (int64_t t = 0; t < oT; t++)
      for (int64_t f = 0; f < F; f++) {
        int64_t r = (s * oT + t) * F + f;
        gi[(s * T + ind[r]) * F + f] += go[r];
      }
  THNN_(outEnd)(gi_, gradInput);
  THTensor_(free)(go_);
  THLongTensor_free(i_);
}

/* ---- max unpooling: output (..., oheight, owidth) zero but for output[p, indices[p, l]] = input[p, l]
 * (with repeated indices the last one wins) */
static void THNN_(unpoolCheck)(const char *op, THTensor *input, THIndexTensor *indices, int owidth, int oheight) {
  THArgCheck(input->nDimension == 3 || input->nDimension == 4,
             "%s: expected input of 3 (C, H, W) or 4 (N, C, H, W) dimensions, but got %s", op, THNN_SHAPE(input));
  THArgCheck(THLongTensor_nDimension(indices) == input->nDimension &&
                 THLongTensor_nElement(indices) == THTensor_(nElement)(input) &&
                 !memcmp(indices->size, input->size, sizeof(int64_t) * (size_t)input->nDimension),
             "%s: expected indices of size %s, but got %s", op, THNN_SHAPE(input), THNN_SHAPE(indices));
  THArgCheck(owidth > 0 && oheight > 0, "%s: expected output size > 0, but got %d x %d", op, oheight, owidth);
}

void THNN_(SpatialMaxUnpooling_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                             THIndexTensor *indices, int owidth, int oheight) {
  const char *op = "SpatialMaxUnpooling";
  THNN_(unpoolCheck)(op, input, indices, owidth, oheight);
  int nd = input->nDimension;
  int64_t HW = (int64_t)owidth * oheight, L = input->size[nd - 2] * input->size[nd - 1];
  int64_t P = L ? THTensor_(nElement)(input) / L : 0;
  THLongTensor *i_ = THLongTensor_newContiguous(indices);
  THNN_(checkIndexRange)(op, i_, 0, HW);
  const int64_t *ind = (const int64_t *)THLongTensor_data(i_);
  THTensor *x_ = THTensor_(newContiguous)(input);
  THNN_(poolResize)(input, output, NULL, oheight, owidth);
  THTensor *y_ = THNN_(outBegin)(output);
  const real *x = THNN_(ptr)(x_);
  real *y = THNN_(ptr)(y_);
  memset(y, 0, sizeof(real) * (size_t)(P * HW));
  int64_t n_ = P * L;
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && P > 1) num_threads(THGetNumThreads())")
  for (int64_t p = 0; p < P; p++)
    for (int64_t l = 0; l < L; l++) y[p * HW + ind[p * L + l]] = x[p * L + l];
  THNN_(outEnd)(y_, output);
  THTensor_(free)(x_);
  THLongTensor_free(i_);
}

void THNN_(SpatialMaxUnpooling_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                THTensor *gradInput, THIndexTensor *indices, int owidth,
                                                int oheight) {
  const char *op = "SpatialMaxUnpooling";
  THNN_(unpoolCheck)(op, input, indices, owidth, oheight);
  THNN_(poolCheckGrad)(op, input, gradOutput, oheight, owidth);
  int nd = input->nDimension;
  int64_t HW = (int64_t)owidth * oheight, L = input->size[nd - 2] * input->size[nd - 1];
  int64_t P = L ? THTensor_(nElement)(input) / L : 0;
  THLongTensor *i_ = THLongTensor_newContiguous(indices);
  THNN_(checkIndexRange)(op, i_, 0, HW);
  const int64_t *ind = (const int64_t *)THLongTensor_data(i_);
  THTensor *go_ = THTensor_(newContiguous)(gradOutput);
  THTensor_(resizeAs)(gradInput, input);
  THTensor *gi_ = THNN_(outBegin)(gradInput);
  const real *go = THNN_(ptr)(go_);
  real *gi = THNN_(ptr)(gi_);
  int64_t n_ = P * L;
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && P > 1) num_threads(THGetNumThreads())")
  for (int64_t p = 0; p < P; p++)
    for (int64_t l = 0; l < L; l++) gi[p * L + l] = go[p * HW + ind[p * L + l]];
  THNN_(outEnd)(gi_, gradInput);
  THTensor_(free)(go_);
  THLongTensor_free(i_);
}

/* ---- fractional max pooling (Graham): window starts from PyTorch's interval generator, one
 * sample in [0, 1) per plane and axis (randomSamples (N, C, 2): [.., 0] for W, [.., 1] for H) */
static void THNN_(fracIntervals)(real sample, int64_t in, int64_t out, int pool, int64_t *seq) {
  if (out > 1) {
    real alpha = (real)(in - pool) / (real)(out - 1);
    for (int64_t i = 0; i < out - 1; i++)
      seq[i] = (int64_t)(((real)i + sample) * alpha) - (int64_t)(sample * alpha);
  }
  if (out > 0) seq[out - 1] = in - pool;
}

static THNN_(PoolGeom) THNN_(fracCheck)(THTensor *input, THTensor *gradOutput, int outputW, int outputH,
                                        int poolSizeW, int poolSizeH) {
  const char *op = "SpatialFractionalMaxPooling";
  THNN_(PoolGeom) g;
  THArgCheck(poolSizeW > 0 && poolSizeH > 0 && outputW > 0 && outputH > 0,
             "%s: expected pool and output sizes > 0, but got pool %d x %d and output %d x %d", op, poolSizeH,
             poolSizeW, outputH, outputW);
  THArgCheck((input->nDimension == 3 || input->nDimension == 4),
             "%s: expected input of 3 (C, H, W) or 4 (N, C, H, W) dimensions, but got %s", op, THNN_SHAPE(input));
  g.batch = input->nDimension == 4;
  g.P = g.batch ? input->size[0] * input->size[1] : input->size[0];
  g.H = input->size[input->nDimension - 2];
  g.W = input->size[input->nDimension - 1];
  g.T = g.oT = 1;
  g.oH = outputH;
  g.oW = outputW;
  THArgCheck(outputH + poolSizeH - 1 <= g.H && outputW + poolSizeW - 1 <= g.W,
             "%s: expected output size + pool size - 1 <= input size, but got output %d x %d, pool %d x %d and "
             "input %s",
             op, outputH, outputW, poolSizeH, poolSizeW, THNN_SHAPE(input));
  if (gradOutput) THNN_(poolCheckGrad)(op, input, gradOutput, g.oH, g.oW);
  return g;
}

void THNN_(SpatialFractionalMaxPooling_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                                     int outputW, int outputH, int poolSizeW, int poolSizeH,
                                                     THIndexTensor *indices, THTensor *randomSamples) {
  const char *op = "SpatialFractionalMaxPooling";
  THNN_(PoolGeom) g = THNN_(fracCheck)(input, NULL, outputW, outputH, poolSizeW, poolSizeH);
  THArgCheck(THTensor_(nElement)(randomSamples) == 2 * g.P,
             "%s: expected randomSamples of size [N, C, 2] (%lld elements), but got %s", op, (long long)(2 * g.P),
             THNN_SHAPE(randomSamples));
  THTensor *x_ = THTensor_(newContiguous)(input), *s_ = THTensor_(newContiguous)(randomSamples);
  THNN_(poolResize)(input, output, indices, g.oH, g.oW);
  THTensor *y_ = THNN_(outBegin)(output);
  THLongTensor *i_ = THLongTensor_newContiguous(indices);
  const real *x = THNN_(ptr)(x_), *smp = THNN_(ptr)(s_);
  real *y = THNN_(ptr)(y_);
  int64_t *ind = (int64_t *)THLongTensor_data(i_);
  int64_t P = g.P, n_ = g.P * g.oH * g.oW * poolSizeH * poolSizeW;
  int64_t *seqs = malloc(sizeof(int64_t) * (size_t)(P * (g.oW + g.oH)));
  for (int64_t p = 0; p < P; p++) {
    THNN_(fracIntervals)(smp[2 * p], g.W, g.oW, poolSizeW, seqs + p * (g.oW + g.oH));
    THNN_(fracIntervals)(smp[2 * p + 1], g.H, g.oH, poolSizeH, seqs + p * (g.oW + g.oH) + g.oW);
  }
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && P > 1) num_threads(THGetNumThreads())")
  for (int64_t p = 0; p < P; p++) {
    const real *xp = x + p * g.H * g.W;
    const int64_t *sw = seqs + p * (g.oW + g.oH), *sh = sw + g.oW;
    for (int64_t oh = 0; oh < g.oH; oh++)
      for (int64_t ow = 0; ow < g.oW; ow++) {
        int64_t best = sh[oh] * g.W + sw[ow];
        real mx = -INFINITY;
        for (int64_t ih = sh[oh]; ih < sh[oh] + poolSizeH; ih++)
          for (int64_t iw = sw[ow]; iw < sw[ow] + poolSizeW; iw++) {
            real v = xp[ih * g.W + iw];
            if ((v > mx || isnan(v)) && !isnan(mx)) {
              mx = v;
              best = ih * g.W + iw;
            }
          }
        y[(p * g.oH + oh) * g.oW + ow] = mx;
        ind[(p * g.oH + oh) * g.oW + ow] = best;
      }
  }
  free(seqs);
  THNN_(outEnd)(y_, output);
  THLongTensor_freeCopyTo(i_, indices);
  THTensor_(free)(x_);
  THTensor_(free)(s_);
}

void THNN_(SpatialFractionalMaxPooling_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                        THTensor *gradInput, int outputW, int outputH,
                                                        int poolSizeW, int poolSizeH, THIndexTensor *indices) {
  const char *op = "SpatialFractionalMaxPooling";
  THNN_(PoolGeom) g = THNN_(fracCheck)(input, gradOutput, outputW, outputH, poolSizeW, poolSizeH);
  THLongTensor *i_ = THNN_(maxIndices)(op, indices, gradOutput, 0, g.H * g.W);
  THNN_(maxScatterGrad)(input, gradOutput, gradInput, i_, g.P, g.H * g.W, g.oH * g.oW);
}

/* ---- volumetric pooling: input (C, T, H, W) or (N, C, T, H, W) as P planes of T x H x W;
 * max indices are t H W + h W + w in the input volume */
static THNN_(PoolGeom) THNN_(pool3Check)(const char *op, THTensor *input, THTensor *gradOutput, int kT, int kW,
                                         int kH, int dT, int dW, int dH, int pT, int pW, int pH, bool ceil_mode) {
  THNN_(PoolGeom) g;
  THArgCheck(kT > 0 && kW > 0 && kH > 0, "%s: expected kernel size > 0, but got kT %d, kH %d and kW %d", op, kT, kH,
             kW);
  THArgCheck(dT > 0 && dW > 0 && dH > 0, "%s: expected stride > 0, but got dT %d, dH %d and dW %d", op, dT, dH, dW);
  THArgCheck(pT >= 0 && pW >= 0 && pH >= 0 && pT <= kT / 2 && pW <= kW / 2 && pH <= kH / 2,
             "%s: expected padding between 0 and half the kernel size (%d, %d, %d), but got pT %d, pH %d and pW %d",
             op, kT / 2, kH / 2, kW / 2, pT, pH, pW);
  int nd = input->nDimension;
  THArgCheck((nd == 4 || nd == 5) && input->size[nd - 1] > 0 && input->size[nd - 2] > 0 && input->size[nd - 3] > 0,
             "%s: expected input of 4 (C, T, H, W) or 5 (N, C, T, H, W) dimensions with non-zero T, H and W, but got "
             "%s",
             op, THNN_SHAPE(input));
  g.batch = nd == 5;
  g.P = nd == 5 ? input->size[0] * input->size[1] : input->size[0];
  g.T = input->size[nd - 3];
  g.H = input->size[nd - 2];
  g.W = input->size[nd - 1];
  g.oT = thnn_pool_out(g.T, kT, pT, dT, 1, ceil_mode);
  g.oH = thnn_pool_out(g.H, kH, pH, dH, 1, ceil_mode);
  g.oW = thnn_pool_out(g.W, kW, pW, dW, 1, ceil_mode);
  THArgCheck(g.oT >= 1 && g.oH >= 1 && g.oW >= 1,
             "%s: expected an output of at least 1 x 1 x 1, but got %lld x %lld x %lld for input %s", op,
             (long long)g.oT, (long long)g.oH, (long long)g.oW, THNN_SHAPE(input));
  if (gradOutput) THNN_(poolCheckGradN)(op, input, gradOutput, 3, g.oT, g.oH, g.oW);
  return g;
}

void THNN_(VolumetricMaxPooling_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                              THIndexTensor *indices, int kT, int kW, int kH, int dT, int dW, int dH,
                                              int pT, int pW, int pH, bool ceilMode) {
  THNN_(PoolGeom) g = THNN_(pool3Check)("VolumetricMaxPooling", input, NULL, kT, kW, kH, dT, dW, dH, pT, pW, pH,
                                        ceilMode);
  THNNPoolWindow w = {{kT, kH, kW}, {dT, dH, dW}, {pT, pH, pW}, {1, 1, 1}};
  THNN_(maxPoolForward)(input, output, indices, 3, g, w);
}

void THNN_(VolumetricMaxPooling_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                 THTensor *gradInput, THIndexTensor *indices, int kT, int kW, int kH,
                                                 int dT, int dW, int dH, int pT, int pW, int pH, bool ceilMode) {
  const char *op = "VolumetricMaxPooling";
  THNN_(PoolGeom) g = THNN_(pool3Check)(op, input, gradOutput, kT, kW, kH, dT, dW, dH, pT, pW, pH, ceilMode);
  const int64_t V = g.T * g.H * g.W;
  THLongTensor *i_ = THNN_(maxIndices)(op, indices, gradOutput, 0, V);
  THNN_(maxScatterGrad)(input, gradOutput, gradInput, i_, g.P, V, g.oT * g.oH * g.oW);
}

void THNN_(VolumetricAveragePooling_updateOutput)(THNNState *state, THTensor *input, THTensor *output, int kT,
                                                  int kW, int kH, int dT, int dW, int dH, int padT, int padW,
                                                  int padH, bool ceil_mode, bool count_include_pad) {
  THNN_(PoolGeom) g = THNN_(pool3Check)("VolumetricAveragePooling", input, NULL, kT, kW, kH, dT, dW, dH, padT, padW,
                                        padH, ceil_mode);
  THNNPoolWindow w = {{kT, kH, kW}, {dT, dH, dW}, {padT, padH, padW}, {1, 1, 1}};
  THNN_(avgPoolForward)(input, output, 3, g, w, count_include_pad);
}

void THNN_(VolumetricAveragePooling_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                     THTensor *gradInput, int kT, int kW, int kH, int dT, int dW,
                                                     int dH, int padT, int padW, int padH, bool ceil_mode,
                                                     bool count_include_pad) {
  THNN_(PoolGeom) g = THNN_(pool3Check)("VolumetricAveragePooling", input, gradOutput, kT, kW, kH, dT, dW, dH, padT,
                                        padW, padH, ceil_mode);
  THNNPoolWindow w = {{kT, kH, kW}, {dT, dH, dW}, {padT, padH, padW}, {1, 1, 1}};
  THNN_(avgPoolBackward)(input, gradOutput, gradInput, g, w, count_include_pad);
}

#undef THNN_AVG_WINDOW
#undef THNN_ADAPTIVE_WINDOW
