/* Convolutions as im2col + GEMM (generic over Float and Double). */
#include "THNNHelpers.h"

/* The outputs ow in [*lo, *hi) whose tap at column offset off = j dil - pad lands inside a row of
 * W pixels (0 <= ow d + off < W), for an output row of oW. */
static inline void THNN_(tapRange)(int64_t W, int64_t oW, int d, int64_t off, int64_t *lo, int64_t *hi) {
  int64_t l = off >= 0 ? 0 : (-off + d - 1) / d;
  int64_t h = W - off <= 0 ? 0 : (W - off + d - 1) / d;
  if (h > oW) h = oW;
  if (l > h) l = h;
  *lo = l;
  *hi = h;
}

/* The columns of one image (C, H, W): row (c kH + i) kW + j, column oh oW + ow holds the input
 * pixel under kernel tap (i, j) at output (oh, ow), 0 in the padding.  Each row's valid outputs
 * are a range computed once, so the copy loops carry no bounds checks (and vectorise at stride 1). */
static void THNN_(im2col)(const real *im, int64_t C, int64_t H, int64_t W, int kH, int kW, int padH, int padW,
                          int dH, int dW, int dilH, int dilW, int64_t oH, int64_t oW, real *col) {
  for (int64_t c = 0; c < C; c++)
    for (int i = 0; i < kH; i++)
      for (int j = 0; j < kW; j++) {
        real *row = col + ((c * kH + i) * kW + j) * oH * oW;
        const int64_t off = (int64_t)j * dilW - padW;
        int64_t lo, hi;
        THNN_(tapRange)(W, oW, dW, off, &lo, &hi);
        for (int64_t oh = 0; oh < oH; oh++) {
          int64_t ih = oh * dH - padH + (int64_t)i * dilH;
          real *r = row + oh * oW;
          if (ih < 0 || ih >= H) {
            memset(r, 0, sizeof(real) * (size_t)oW);
            continue;
          }
          const real *src = im + (c * H + ih) * W;
          for (int64_t ow = 0; ow < lo; ow++) r[ow] = 0;
          if (dW == 1)
            for (int64_t ow = lo; ow < hi; ow++) r[ow] = src[ow + off];
          else
            for (int64_t ow = lo; ow < hi; ow++) r[ow] = src[ow * dW + off];
          for (int64_t ow = hi; ow < oW; ow++) r[ow] = 0;
        }
      }
}
/* The adjoint: sums the columns back into the image (which it zeroes first). */
static void THNN_(col2im)(const real *col, int64_t C, int64_t H, int64_t W, int kH, int kW, int padH, int padW,
                          int dH, int dW, int dilH, int dilW, int64_t oH, int64_t oW, real *im) {
  memset(im, 0, sizeof(real) * (size_t)(C * H * W));
  for (int64_t c = 0; c < C; c++)
    for (int i = 0; i < kH; i++)
      for (int j = 0; j < kW; j++) {
        const real *row = col + ((c * kH + i) * kW + j) * oH * oW;
        const int64_t off = (int64_t)j * dilW - padW;
        int64_t lo, hi;
        THNN_(tapRange)(W, oW, dW, off, &lo, &hi);
        for (int64_t oh = 0; oh < oH; oh++) {
          int64_t ih = oh * dH - padH + (int64_t)i * dilH;
          if (ih < 0 || ih >= H) continue;
          real *dst = im + (c * H + ih) * W;
          const real *r = row + oh * oW;
          if (dW == 1)
            for (int64_t ow = lo; ow < hi; ow++) dst[ow + off] += r[ow];
          else
            for (int64_t ow = lo; ow < hi; ow++) dst[ow * dW + off] += r[ow];
        }
      }
}

/* out (nOut, L) = each row o filled with b[o] (0 without a bias): the GEMM's accumulator. */
static inline void THNN_(fillBias)(real *out, const real *b, int64_t nOut, int64_t L) {
  for (int64_t o = 0; o < nOut; o++)
    for (int64_t l = 0; l < L; l++) out[o * L + l] = b ? b[o] : 0;
}

/* gradBias[o] += scale * sum of row o of gradOutput (nOut, L). */
static inline void THNN_(accBiasGrad)(real *gb, const real *go, int64_t nOut, int64_t L, accreal scale) {
  for (int64_t o = 0; o < nOut; o++) {
    accreal s = 0;
    for (int64_t l = 0; l < L; l++) s += go[o * L + l];
    gb[o] += (real)(scale * s);
  }
}

/* Raises unless gradOutput (when given) has sizes want[0..nd) (batched) or want[1..nd) (not). */
static void THNN_(convCheckGradOutput)(const char *op, THTensor *gradOutput, const int64_t *want, int nd,
                                       int batch) {
  if (gradOutput)
    THArgCheck(THTensor_(isSize)(gradOutput, nd - 1 + batch, want + (batch ? 0 : 1)),
               "%s: expected gradOutput of size %s, but got %s", op,
               THFormatSizes((char[256]){0}, 256, want + (batch ? 0 : 1), nd - 1 + batch), THNN_SHAPE(gradOutput));
}

/* Shape checks shared by the three passes; fills the geometry. */
typedef struct {
  int64_t N, C, H, W, nOut, oH, oW, K, L;
  int batch;
} THNN_(ConvGeom);

static THNN_(ConvGeom) THNN_(convCheck)(const char *op, THTensor *input, THTensor *gradOutput, THTensor *weight,
                                        THTensor *bias, int kW, int kH, int dW, int dH, int padW, int padH, int dilW,
                                        int dilH) {
  THNN_(ConvGeom) g;
  THArgCheck(kW > 0 && kH > 0, "%s: expected kernel size > 0, but got kH %d and kW %d", op, kH, kW);
  THArgCheck(dW > 0 && dH > 0, "%s: expected stride > 0, but got dH %d and dW %d", op, dH, dW);
  THArgCheck(padW >= 0 && padH >= 0, "%s: expected padding >= 0, but got padH %d and padW %d", op, padH, padW);
  THArgCheck(dilW > 0 && dilH > 0, "%s: expected dilation > 0, but got dilationH %d and dilationW %d", op, dilH,
             dilW);
  THArgCheck(input->nDimension == 3 || input->nDimension == 4,
             "%s: expected input of 3 (C, H, W) or 4 (N, C, H, W) dimensions, but got %s", op, THNN_SHAPE(input));
  g.batch = input->nDimension == 4;
  int o = g.batch;
  g.N = g.batch ? input->size[0] : 1;
  g.C = input->size[o];
  g.H = input->size[o + 1];
  g.W = input->size[o + 2];
  g.K = g.C * kH * kW;
  if (weight->nDimension == 4) {
    THArgCheck(weight->size[1] == g.C && weight->size[2] == kH && weight->size[3] == kW,
               "%s: expected weight of size [nOut, %lld, %d, %d], but got %s", op, (long long)g.C, kH, kW,
               THNN_SHAPE(weight));
  } else {
    THArgCheck(weight->nDimension == 2 && weight->size[1] == g.K,
               "%s: expected weight of size [nOut, %lld] or [nOut, %lld, %d, %d], but got %s", op, (long long)g.K,
               (long long)g.C, kH, kW, THNN_SHAPE(weight));
  }
  g.nOut = weight->size[0];
  if (bias)
    THArgCheck(THTensor_(nElement)(bias) == g.nOut, "%s: expected bias with %lld elements, but got %s", op,
               (long long)g.nOut, THNN_SHAPE(bias));
  int64_t ekH = (int64_t)dilH * (kH - 1) + 1, ekW = (int64_t)dilW * (kW - 1) + 1; /* dilated extent */
  THArgCheck(g.H + 2 * padH >= ekH && g.W + 2 * padW >= ekW,
             "%s: expected padded input at least as large as the dilated kernel (%lld x %lld), but got input %s", op,
             (long long)ekH, (long long)ekW, THNN_SHAPE(input));
  g.oH = (g.H + 2 * padH - ekH) / dH + 1;
  g.oW = (g.W + 2 * padW - ekW) / dW + 1;
  g.L = g.oH * g.oW;
  int64_t want[4] = {g.N, g.nOut, g.oH, g.oW};
  THNN_(convCheckGradOutput)(op, gradOutput, want, 4, g.batch);
  return g;
}

static void THNN_(resizeBatch)(THTensor *t, THNN_(ConvGeom) *g, int64_t a, int64_t b, int64_t c) {
  if (g->batch)
    THTensor_(resize4d)(t, g->N, a, b, c);
  else
    THTensor_(resize3d)(t, a, b, c);
}

/* The three passes of a (dilated) convolution.  finput / fgradInput are scratch: the (T, K, L)
 * columns of the T images that run at once (THNN_convThreads), untouched for a pointwise (1x1)
 * kernel, whose columns are the image itself.  Each image's columns are built, used by its GEMM
 * and dropped while they are still in cache. */
static void THNN_(convForward)(const char *op, THTensor *input, THTensor *output, THTensor *weight, THTensor *bias,
                               THTensor *finput, int kW, int kH, int dW, int dH, int padW, int padH, int dilW,
                               int dilH) {
  THNN_(ConvGeom) g = THNN_(convCheck)(op, input, NULL, weight, bias, kW, kH, dW, dH, padW, padH, dilW, dilH);
  THTensor *x_ = THTensor_(newContiguous)(input), *w_ = THTensor_(newContiguous)(weight);
  THTensor *b_ = bias ? THTensor_(newContiguous)(bias) : NULL;
  const int T = THNN_convThreads(g.N), direct = THNN_convIsPointwise(kW, kH, dW, dH, padW, padH);
  THNN_(resizeBatch)(output, &g, g.nOut, g.oH, g.oW);
  if (!direct) THTensor_(resize3d)(finput, T, g.K, g.L);
  THTensor *y_ = THNN_(outBegin)(output), *f_ = direct ? NULL : THNN_(outBegin)(finput);
  const real *x = THNN_(ptr)(x_), *w = THNN_(ptr)(w_), *b = b_ ? THNN_(ptr)(b_) : NULL;
  real *y = THNN_(ptr)(y_), *f = f_ ? THNN_(ptr)(f_) : NULL;
  const int64_t N = g.N;
#pragma omp parallel num_threads(T) if (T > 1)
  {
    real *col = f ? f + THNN_THREAD_NUM() * g.K * g.L : NULL;
#pragma omp for schedule(static)
    for (int64_t n = 0; n < N; n++) {
      const real *xn = x + n * g.C * g.H * g.W, *cols = xn;
      real *out = y + n * g.nOut * g.L;
      if (col) {
        THNN_(im2col)(xn, g.C, g.H, g.W, kH, kW, padH, padW, dH, dW, dilH, dilW, g.oH, g.oW, col);
        cols = col;
      }
      if (b) THNN_(fillBias)(out, b, g.nOut, g.L);
      THNN_(gemm)(0, 0, g.nOut, g.L, g.K, 1, w, g.K, cols, g.L, b ? 1 : 0, out, g.L);
    }
  }
  THNN_(outEnd)(y_, output);
  if (f_) THNN_(outEnd)(f_, finput);
  THTensor_(free)(x_);
  THTensor_(free)(w_);
  if (b_) THTensor_(free)(b_);
}

static void THNN_(convBackward)(const char *op, THTensor *input, THTensor *gradOutput, THTensor *gradInput,
                                THTensor *weight, THTensor *fgradInput, int kW, int kH, int dW, int dH, int padW,
                                int padH, int dilW, int dilH) {
  THNN_(ConvGeom) g = THNN_(convCheck)(op, input, gradOutput, weight, NULL, kW, kH, dW, dH, padW, padH, dilW, dilH);
  THTensor *go_ = THTensor_(newContiguous)(gradOutput), *w_ = THTensor_(newContiguous)(weight);
  const int T = THNN_convThreads(g.N), direct = THNN_convIsPointwise(kW, kH, dW, dH, padW, padH);
  THTensor_(resizeAs)(gradInput, input);
  if (!direct) THTensor_(resize3d)(fgradInput, T, g.K, g.L);
  THTensor *gi_ = THNN_(outBegin)(gradInput), *fg_ = direct ? NULL : THNN_(outBegin)(fgradInput);
  const real *go = THNN_(ptr)(go_), *w = THNN_(ptr)(w_);
  real *gi = THNN_(ptr)(gi_), *fg = fg_ ? THNN_(ptr)(fg_) : NULL;
  const int64_t N = g.N;
#pragma omp parallel num_threads(T) if (T > 1)
  {
    real *col = fg ? fg + THNN_THREAD_NUM() * g.K * g.L : NULL;
#pragma omp for schedule(static)
    for (int64_t n = 0; n < N; n++) {
      real *gin = gi + n * g.C * g.H * g.W;
      /* the columns' gradient (K, L) = W^T (K, nOut) x gradOutput (nOut, L), summed back into the image */
      THNN_(gemm)(1, 0, g.K, g.L, g.nOut, 1, w, g.K, go + n * g.nOut * g.L, g.L, 0, col ? col : gin, g.L);
      if (col) THNN_(col2im)(col, g.C, g.H, g.W, kH, kW, padH, padW, dH, dW, dilH, dilW, g.oH, g.oW, gin);
    }
  }
  THNN_(outEnd)(gi_, gradInput);
  if (fg_) THNN_(outEnd)(fg_, fgradInput);
  THTensor_(free)(go_);
  THTensor_(free)(w_);
}

static void THNN_(convAccGrad)(const char *op, THTensor *input, THTensor *gradOutput, THTensor *gradWeight,
                               THTensor *gradBias, THTensor *finput, int kW, int kH, int dW, int dH, int padW,
                               int padH, int dilW, int dilH, accreal scale) {
  THNN_(ConvGeom) g =
      THNN_(convCheck)(op, input, gradOutput, gradWeight, gradBias, kW, kH, dW, dH, padW, padH, dilW, dilH);
  THTensor *x_ = THTensor_(newContiguous)(input), *go_ = THTensor_(newContiguous)(gradOutput);
  const int T = THNN_convThreads(g.N), direct = THNN_convIsPointwise(kW, kH, dW, dH, padW, padH);
  /* the columns are recomputed rather than trusted from the forward: they cost little next to the
   * GEMM, and a stale finput would give silently wrong gradients */
  if (!direct) THTensor_(resize3d)(finput, T, g.K, g.L);
  THTensor *f_ = direct ? NULL : THNN_(outBegin)(finput), *gw_ = THNN_(accBegin)(gradWeight);
  THTensor *gb_ = gradBias ? THNN_(accBegin)(gradBias) : NULL;
  const real *x = THNN_(ptr)(x_), *go = THNN_(ptr)(go_);
  real *f = f_ ? THNN_(ptr)(f_) : NULL, *gw = THNN_(ptr)(gw_), *gb = gb_ ? THNN_(ptr)(gb_) : NULL;
  /* thread 0 accumulates into gradWeight / gradBias, the others into zeroed buffers of their own
   * (nOut K weights, then nOut biases), added in thread order after the loop */
  const int64_t part = g.nOut * g.K + g.nOut, N = g.N;
  real *priv = T > 1 ? (real *)THAlloc(sizeof(real) * (size_t)((T - 1) * part)) : NULL;
  if (priv) memset(priv, 0, sizeof(real) * (size_t)((T - 1) * part));
#pragma omp parallel num_threads(T) if (T > 1)
  {
    const int t = THNN_THREAD_NUM();
    real *col = f ? f + t * g.K * g.L : NULL;
    real *gwt = t == 0 ? gw : priv + (t - 1) * part;
    real *gbt = gb ? (t == 0 ? gb : gwt + g.nOut * g.K) : NULL;
#pragma omp for schedule(static)
    for (int64_t n = 0; n < N; n++) {
      const real *gon = go + n * g.nOut * g.L, *cols = x + n * g.C * g.H * g.W;
      if (col) {
        THNN_(im2col)(cols, g.C, g.H, g.W, kH, kW, padH, padW, dH, dW, dilH, dilW, g.oH, g.oW, col);
        cols = col;
      }
      /* gradWeight (nOut, K) += scale gradOutput (nOut, L) x columns^T (L, K) */
      THNN_(gemm)(0, 1, g.nOut, g.K, g.L, scale, gon, g.L, cols, g.L, 1, gwt, g.K);
      if (gbt) THNN_(accBiasGrad)(gbt, gon, g.nOut, g.L, scale);
    }
  }
  for (int t = 1; t < T; t++) {
    const real *pw = priv + (t - 1) * part;
    for (int64_t i = 0; i < g.nOut * g.K; i++) gw[i] += pw[i];
    if (gb)
      for (int64_t o = 0; o < g.nOut; o++) gb[o] += pw[g.nOut * g.K + o];
  }
  THFree(priv);
  if (f_) THNN_(outEnd)(f_, finput);
  THNN_(outEnd)(gw_, gradWeight);
  if (gb_) THNN_(outEnd)(gb_, gradBias);
  THTensor_(free)(x_);
  THTensor_(free)(go_);
}

void THNN_(SpatialConvolutionMM_updateOutput)(THNNState *state, THTensor *input, THTensor *output, THTensor *weight,
                                              THTensor *bias, THTensor *finput, THTensor *fgradInput, int kW, int kH,
                                              int dW, int dH, int padW, int padH) {
  THNN_(convForward)("SpatialConvolutionMM", input, output, weight, bias, finput, kW, kH, dW, dH, padW, padH, 1, 1);
}
void THNN_(SpatialConvolutionMM_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                 THTensor *gradInput, THTensor *weight, THTensor *finput,
                                                 THTensor *fgradInput, int kW, int kH, int dW, int dH, int padW,
                                                 int padH) {
  THNN_(convBackward)("SpatialConvolutionMM", input, gradOutput, gradInput, weight, fgradInput, kW, kH, dW, dH, padW,
                      padH, 1, 1);
}
void THNN_(SpatialConvolutionMM_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                   THTensor *gradWeight, THTensor *gradBias, THTensor *finput,
                                                   THTensor *fgradInput, int kW, int kH, int dW, int dH, int padW,
                                                   int padH, accreal scale) {
  THNN_(convAccGrad)("SpatialConvolutionMM", input, gradOutput, gradWeight, gradBias, finput, kW, kH, dW, dH, padW,
                     padH, 1, 1, scale);
}

/* ---- dilated convolution: the same im2col + GEMM with dilated taps */
void THNN_(SpatialDilatedConvolution_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                                   THTensor *weight, THTensor *bias, THTensor *columns,
                                                   THTensor *ones, int kW, int kH, int dW, int dH, int padW,
                                                   int padH, int dilationW, int dilationH) {
  THNN_(convForward)("SpatialDilatedConvolution", input, output, weight, bias, columns, kW, kH, dW, dH, padW, padH,
                     dilationW, dilationH);
}
void THNN_(SpatialDilatedConvolution_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                      THTensor *gradInput, THTensor *weight, THTensor *gradColumns,
                                                      int kW, int kH, int dW, int dH, int padW, int padH,
                                                      int dilationW, int dilationH) {
  THNN_(convBackward)("SpatialDilatedConvolution", input, gradOutput, gradInput, weight, gradColumns, kW, kH, dW, dH,
                      padW, padH, dilationW, dilationH);
}
void THNN_(SpatialDilatedConvolution_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                        THTensor *gradWeight, THTensor *gradBias, THTensor *columns,
                                                        THTensor *ones, int kW, int kH, int dW, int dH, int padW,
                                                        int padH, int dilationW, int dilationH, accreal scale) {
  THNN_(convAccGrad)("SpatialDilatedConvolution", input, gradOutput, gradWeight, gradBias, columns, kW, kH, dW, dH,
                     padW, padH, dilationW, dilationH, scale);
}

/* ---- transposed (full) convolution: the adjoint of a convolution whose input is our output.
 * input (C, H, W) or (N, C, H, W); weight (C, nOut, kH, kW); output side
 * (H - 1) dH - 2 padH + dilH (kH - 1) + 1 + adjH.  Forward: columns (nOut kH kW, H W) =
 * W^T x input, then col2im into the output; the backward passes are im2col of gradOutput. */
static THNN_(ConvGeom) THNN_(fullCheck)(const char *op, THTensor *input, THTensor *gradOutput, THTensor *weight,
                                        THTensor *bias, int kW, int kH, int dW, int dH, int padW, int padH, int dilW,
                                        int dilH, int adjW, int adjH) {
  THNN_(ConvGeom) g;
  THArgCheck(kW > 0 && kH > 0, "%s: expected kernel size > 0, but got kH %d and kW %d", op, kH, kW);
  THArgCheck(dW > 0 && dH > 0, "%s: expected stride > 0, but got dH %d and dW %d", op, dH, dW);
  THArgCheck(padW >= 0 && padH >= 0, "%s: expected padding >= 0, but got padH %d and padW %d", op, padH, padW);
  THArgCheck(dilW > 0 && dilH > 0, "%s: expected dilation > 0, but got dilationH %d and dilationW %d", op, dilH,
             dilW);
  THArgCheck(adjW >= 0 && adjH >= 0 && (adjW < dW || adjW < dilW) && (adjH < dH || adjH < dilH),
             "%s: expected output padding >= 0 and smaller than the stride or the dilation, but got adjH %d and "
             "adjW %d",
             op, adjH, adjW);
  THArgCheck(input->nDimension == 3 || input->nDimension == 4,
             "%s: expected input of 3 (C, H, W) or 4 (N, C, H, W) dimensions, but got %s", op, THNN_SHAPE(input));
  g.batch = input->nDimension == 4;
  int o = g.batch;
  g.N = g.batch ? input->size[0] : 1;
  g.C = input->size[o];
  g.H = input->size[o + 1];
  g.W = input->size[o + 2];
  THArgCheck(weight->nDimension == 4 && weight->size[0] == g.C && weight->size[2] == kH && weight->size[3] == kW,
             "%s: expected weight of size [%lld, nOut, %d, %d], but got %s", op, (long long)g.C, kH, kW,
             THNN_SHAPE(weight));
  g.nOut = weight->size[1];
  g.K = g.nOut * kH * kW;
  if (bias)
    THArgCheck(THTensor_(nElement)(bias) == g.nOut, "%s: expected bias with %lld elements, but got %s", op,
               (long long)g.nOut, THNN_SHAPE(bias));
  g.oH = (g.H - 1) * dH - 2 * (int64_t)padH + (int64_t)dilH * (kH - 1) + 1 + adjH;
  g.oW = (g.W - 1) * dW - 2 * (int64_t)padW + (int64_t)dilW * (kW - 1) + 1 + adjW;
  THArgCheck(g.H > 0 && g.W > 0 && g.oH > 0 && g.oW > 0,
             "%s: expected an output of at least 1 x 1, but got %lld x %lld for input %s", op, (long long)g.oH,
             (long long)g.oW, THNN_SHAPE(input));
  g.L = g.H * g.W; /* the columns span the input's pixels */
  int64_t want[4] = {g.N, g.nOut, g.oH, g.oW};
  THNN_(convCheckGradOutput)(op, gradOutput, want, 4, g.batch);
  return g;
}

void THNN_(SpatialFullDilatedConvolution_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                                       THTensor *weight, THTensor *bias, THTensor *columns,
                                                       THTensor *ones, int kW, int kH, int dW, int dH, int padW,
                                                       int padH, int dilationW, int dilationH, int adjW, int adjH) {
  THNN_(ConvGeom) g = THNN_(fullCheck)("SpatialFullDilatedConvolution", input, NULL, weight, bias, kW, kH, dW, dH,
                                       padW, padH, dilationW, dilationH, adjW, adjH);
  THTensor *x_ = THTensor_(newContiguous)(input), *w_ = THTensor_(newContiguous)(weight);
  THTensor *b_ = bias ? THTensor_(newContiguous)(bias) : NULL;
  THNN_(resizeBatch)(output, &g, g.nOut, g.oH, g.oW);
  THTensor_(resize3d)(columns, g.N, g.K, g.L);
  THTensor *y_ = THNN_(outBegin)(output), *f_ = THNN_(outBegin)(columns);
  const real *x = THNN_(ptr)(x_), *w = THNN_(ptr)(w_), *b = b_ ? THNN_(ptr)(b_) : NULL;
  real *y = THNN_(ptr)(y_), *f = THNN_(ptr)(f_);
  int64_t N = g.N, oL = g.oH * g.oW;
  for (int64_t n = 0; n < N; n++) /* columns (nOut kH kW, H W) = W^T (K, C) x input (C, H W) */
    THNN_(gemm)(1, 0, g.K, g.L, g.C, 1, w, g.K, x + n * g.C * g.L, g.L, 0, f + n * g.K * g.L, g.L);
  _Pragma("omp parallel for if (N > 1) num_threads(THGetNumThreads())")
  for (int64_t n = 0; n < N; n++) {
    real *col = f + n * g.K * g.L, *out = y + n * g.nOut * oL;
    THNN_(col2im)(col, g.nOut, g.oH, g.oW, kH, kW, padH, padW, dH, dW, dilationH, dilationW, g.H, g.W, out);
    if (b)
      for (int64_t o = 0; o < g.nOut; o++)
        for (int64_t l = 0; l < oL; l++) out[o * oL + l] += b[o];
  }
  THNN_(outEnd)(y_, output);
  THNN_(outEnd)(f_, columns);
  THTensor_(free)(x_);
  THTensor_(free)(w_);
  if (b_) THTensor_(free)(b_);
}

void THNN_(SpatialFullDilatedConvolution_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                          THTensor *gradInput, THTensor *weight,
                                                          THTensor *gradColumns, int kW, int kH, int dW, int dH,
                                                          int padW, int padH, int dilationW, int dilationH, int adjW,
                                                          int adjH) {
  THNN_(ConvGeom) g = THNN_(fullCheck)("SpatialFullDilatedConvolution", input, gradOutput, weight, NULL, kW, kH, dW,
                                       dH, padW, padH, dilationW, dilationH, adjW, adjH);
  THTensor *go_ = THTensor_(newContiguous)(gradOutput), *w_ = THTensor_(newContiguous)(weight);
  THTensor_(resizeAs)(gradInput, input);
  THTensor_(resize3d)(gradColumns, g.N, g.K, g.L);
  THTensor *gi_ = THNN_(outBegin)(gradInput), *fg_ = THNN_(outBegin)(gradColumns);
  const real *go = THNN_(ptr)(go_), *w = THNN_(ptr)(w_);
  real *gi = THNN_(ptr)(gi_), *fg = THNN_(ptr)(fg_);
  int64_t N = g.N, oL = g.oH * g.oW;
  _Pragma("omp parallel for if (N > 1) num_threads(THGetNumThreads())")
  for (int64_t n = 0; n < N; n++)
    THNN_(im2col)(go + n * g.nOut * oL, g.nOut, g.oH, g.oW, kH, kW, padH, padW, dH, dW, dilationH, dilationW, g.H,
                  g.W, fg + n * g.K * g.L);
  for (int64_t n = 0; n < N; n++) /* gradInput (C, H W) = W (C, K) x columns (K, H W) */
    THNN_(gemm)(0, 0, g.C, g.L, g.K, 1, w, g.K, fg + n * g.K * g.L, g.L, 0, gi + n * g.C * g.L, g.L);
  THNN_(outEnd)(gi_, gradInput);
  THNN_(outEnd)(fg_, gradColumns);
  THTensor_(free)(go_);
  THTensor_(free)(w_);
}

void THNN_(SpatialFullDilatedConvolution_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                            THTensor *gradWeight, THTensor *gradBias,
                                                            THTensor *columns, THTensor *ones, int kW, int kH, int dW,
                                                            int dH, int padW, int padH, int dilationW, int dilationH,
                                                            int adjW, int adjH, accreal scale) {
  THNN_(ConvGeom) g = THNN_(fullCheck)("SpatialFullDilatedConvolution", input, gradOutput, gradWeight, gradBias, kW,
                                       kH, dW, dH, padW, padH, dilationW, dilationH, adjW, adjH);
  THTensor *x_ = THTensor_(newContiguous)(input), *go_ = THTensor_(newContiguous)(gradOutput);
  THTensor_(resize3d)(columns, g.N, g.K, g.L);
  THTensor *f_ = THNN_(outBegin)(columns), *gw_ = THNN_(accBegin)(gradWeight);
  THTensor *gb_ = gradBias ? THNN_(accBegin)(gradBias) : NULL;
  const real *x = THNN_(ptr)(x_), *go = THNN_(ptr)(go_);
  real *f = THNN_(ptr)(f_), *gw = THNN_(ptr)(gw_), *gb = gb_ ? THNN_(ptr)(gb_) : NULL;
  int64_t N = g.N, oL = g.oH * g.oW;
  _Pragma("omp parallel for if (N > 1) num_threads(THGetNumThreads())")
  for (int64_t n = 0; n < N; n++)
    THNN_(im2col)(go + n * g.nOut * oL, g.nOut, g.oH, g.oW, kH, kW, padH, padW, dH, dW, dilationH, dilationW, g.H,
                  g.W, f + n * g.K * g.L);
  for (int64_t n = 0; n < N; n++) {
    /* gradWeight (C, K) += scale input (C, H W) x columns^T (H W, K) */
    THNN_(gemm)(0, 1, g.C, g.K, g.L, scale, x + n * g.C * g.L, g.L, f + n * g.K * g.L, g.L, 1, gw, g.K);
    if (gb) THNN_(accBiasGrad)(gb, go + n * g.nOut * oL, g.nOut, oL, scale);
  }
  THNN_(outEnd)(f_, columns);
  THNN_(outEnd)(gw_, gradWeight);
  if (gb_) THNN_(outEnd)(gb_, gradBias);
  THTensor_(free)(x_);
  THTensor_(free)(go_);
}

void THNN_(SpatialFullConvolution_updateOutput)(THNNState *state, THTensor *input, THTensor *output, THTensor *weight,
                                                THTensor *bias, THTensor *columns, THTensor *ones, int kW, int kH,
                                                int dW, int dH, int padW, int padH, int adjW, int adjH) {
  THNN_(SpatialFullDilatedConvolution_updateOutput)(state, input, output, weight, bias, columns, ones, kW, kH, dW, dH,
                                                    padW, padH, 1, 1, adjW, adjH);
}
void THNN_(SpatialFullConvolution_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                   THTensor *gradInput, THTensor *weight, THTensor *gradColumns,
                                                   int kW, int kH, int dW, int dH, int padW, int padH, int adjW,
                                                   int adjH) {
  THNN_(SpatialFullDilatedConvolution_updateGradInput)(state, input, gradOutput, gradInput, weight, gradColumns, kW,
                                                       kH, dW, dH, padW, padH, 1, 1, adjW, adjH);
}
void THNN_(SpatialFullConvolution_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                     THTensor *gradWeight, THTensor *gradBias, THTensor *columns,
                                                     THTensor *ones, int kW, int kH, int dW, int dH, int padW,
                                                     int padH, int adjW, int adjH, accreal scale) {
  THNN_(SpatialFullDilatedConvolution_accGradParameters)(state, input, gradOutput, gradWeight, gradBias, columns,
                                                         ones, kW, kH, dW, dH, padW, padH, 1, 1, adjW, adjH, scale);
}

/* ---- temporal convolution: input (T, F) or (N, T, F) contiguous is a matrix whose rows, read
 * with leading dimension dW F, are the flattened windows x[t dW .. t dW + kW) (kW F values): the
 * forward is one GEMM per sequence with no unfolding. */
typedef struct {
  int64_t N, T, F, oT, oF;
  int batch;
} THNN_(TempGeom);

static THNN_(TempGeom) THNN_(tempCheck)(THTensor *input, THTensor *gradOutput, THTensor *weight, THTensor *bias,
                                        int kW, int dW) {
  const char *op = "TemporalConvolution";
  THNN_(TempGeom) g;
  THArgCheck(kW > 0 && dW > 0, "%s: expected kernel size and stride > 0, but got kW %d and dW %d", op, kW, dW);
  THArgCheck(input->nDimension == 2 || input->nDimension == 3,
             "%s: expected input of 2 (T, F) or 3 (N, T, F) dimensions, but got %s", op, THNN_SHAPE(input));
  g.batch = input->nDimension == 3;
  g.N = g.batch ? input->size[0] : 1;
  g.T = input->size[g.batch];
  g.F = input->size[g.batch + 1];
  THArgCheck(weight->nDimension == 2 && weight->size[1] == kW * g.F,
             "%s: expected weight of size [outputFrameSize, %lld], but got %s", op, (long long)(kW * g.F),
             THNN_SHAPE(weight));
  g.oF = weight->size[0];
  THArgCheck(g.F > 0 && g.oF > 0, "%s: expected non-empty frames, but got input %s and weight %s", op,
             THNN_SHAPE(input), THNN_SHAPE(weight));
  if (bias)
    THArgCheck(THTensor_(nElement)(bias) == g.oF, "%s: expected bias with %lld elements, but got %s", op,
               (long long)g.oF, THNN_SHAPE(bias));
  THArgCheck(g.T >= kW, "%s: expected at least kW = %d input frames, but got input %s", op, kW, THNN_SHAPE(input));
  g.oT = (g.T - kW) / dW + 1;
  int64_t want[3] = {g.N, g.oT, g.oF};
  THNN_(convCheckGradOutput)(op, gradOutput, want, 3, g.batch);
  return g;
}

void THNN_(TemporalConvolution_updateOutput)(THNNState *state, THTensor *input, THTensor *output, THTensor *weight,
                                             THTensor *bias, int kW, int dW, int inputFrameSize,
                                             int outputFrameSize) {
  THNN_(TempGeom) g = THNN_(tempCheck)(input, NULL, weight, bias, kW, dW);
  THArgCheck(g.F == inputFrameSize && g.oF == outputFrameSize,
             "TemporalConvolution: expected inputFrameSize %d and outputFrameSize %d to match the input %s and "
             "weight %s",
             inputFrameSize, outputFrameSize, THNN_SHAPE(input), THNN_SHAPE(weight));
  THTensor *x_ = THTensor_(newContiguous)(input), *w_ = THTensor_(newContiguous)(weight);
  THTensor *b_ = bias ? THTensor_(newContiguous)(bias) : NULL;
  if (g.batch)
    THTensor_(resize3d)(output, g.N, g.oT, g.oF);
  else
    THTensor_(resize2d)(output, g.oT, g.oF);
  THTensor *y_ = THNN_(outBegin)(output);
  const real *x = THNN_(ptr)(x_), *w = THNN_(ptr)(w_), *b = b_ ? THNN_(ptr)(b_) : NULL;
  real *y = THNN_(ptr)(y_);
  int64_t N = g.N;
  for (int64_t n = 0; n < N; n++) { /* sequential: BLAS threads each GEMM */
    real *out = y + n * g.oT * g.oF;
    for (int64_t t = 0; t < g.oT; t++)
      for (int64_t o = 0; o < g.oF; o++) out[t * g.oF + o] = b ? b[o] : 0;
    /* tap k: out (oT, oF) += frames t dW + k (oT, F; ld dW F) x W[:, k F .. (k+1) F)^T.  One GEMM
     * over whole windows would need ld dW F >= kW F, which BLAS rejects for overlapping windows. */
    for (int k = 0; k < kW; k++)
      THNN_(gemm)(0, 1, g.oT, g.oF, g.F, 1, x + n * g.T * g.F + (int64_t)k * g.F, dW * g.F, w + (int64_t)k * g.F,
                  kW * g.F, 1, out, g.oF);
  }
  THNN_(outEnd)(y_, output);
  THTensor_(free)(x_);
  THTensor_(free)(w_);
  if (b_) THTensor_(free)(b_);
}

void THNN_(TemporalConvolution_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                THTensor *gradInput, THTensor *weight, int kW, int dW) {
  THNN_(TempGeom) g = THNN_(tempCheck)(input, gradOutput, weight, NULL, kW, dW);
  THTensor *go_ = THTensor_(newContiguous)(gradOutput), *w_ = THTensor_(newContiguous)(weight);
  THTensor_(resizeAs)(gradInput, input);
  THTensor *gi_ = THNN_(outBegin)(gradInput);
  const real *go = THNN_(ptr)(go_), *w = THNN_(ptr)(w_);
  real *gi = THNN_(ptr)(gi_);
  memset(gi, 0, sizeof(real) * (size_t)(g.N * g.T * g.F));
  int64_t N = g.N;
  for (int64_t n = 0; n < N; n++)
    /* tap k: frames t dW + k (t < oT, distinct rows, ld dW F) += gradOutput (oT, oF) x W[:, k F .. (k+1) F) */
    for (int k = 0; k < kW; k++)
      THNN_(gemm)(0, 0, g.oT, g.F, g.oF, 1, go + n * g.oT * g.oF, g.oF, w + (int64_t)k * g.F, kW * g.F, 1,
                  gi + n * g.T * g.F + (int64_t)k * g.F, dW * g.F);
  THNN_(outEnd)(gi_, gradInput);
  THTensor_(free)(go_);
  THTensor_(free)(w_);
}

void THNN_(TemporalConvolution_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                  THTensor *gradWeight, THTensor *gradBias, int kW, int dW,
                                                  accreal scale) {
  THNN_(TempGeom) g = THNN_(tempCheck)(input, gradOutput, gradWeight, gradBias, kW, dW);
  THTensor *x_ = THTensor_(newContiguous)(input), *go_ = THTensor_(newContiguous)(gradOutput);
  THTensor *gw_ = THNN_(accBegin)(gradWeight), *gb_ = gradBias ? THNN_(accBegin)(gradBias) : NULL;
  const real *x = THNN_(ptr)(x_), *go = THNN_(ptr)(go_);
  real *gw = THNN_(ptr)(gw_), *gb = gb_ ? THNN_(ptr)(gb_) : NULL;
  for (int64_t n = 0; n < g.N; n++) {
    const real *gon = go + n * g.oT * g.oF;
    /* tap k: gradWeight[:, k F .. (k+1) F) += scale gradOutput^T (oF, oT) x frames t dW + k */
    for (int k = 0; k < kW; k++)
      THNN_(gemm)(1, 0, g.oF, g.F, g.oT, scale, gon, g.oF, x + n * g.T * g.F + (int64_t)k * g.F, dW * g.F, 1,
                  gw + (int64_t)k * g.F, kW * g.F);
    if (gb)
      for (int64_t o = 0; o < g.oF; o++) {
        accreal s = 0;
        for (int64_t t = 0; t < g.oT; t++) s += gon[t * g.oF + o];
        gb[o] += (real)(scale * s);
      }
  }
  THNN_(outEnd)(gw_, gradWeight);
  if (gb_) THNN_(outEnd)(gb_, gradBias);
  THTensor_(free)(x_);
  THTensor_(free)(go_);
}

/* ---- volumetric convolution: vol2col + GEMM.  Row ((c kT + a) kH + i) kW + j of the columns,
 * column (ot oH + oh) oW + ow holds the input voxel under tap (a, i, j) at output (ot, oh, ow). */
/* adjoint: sums the columns back into im instead (im zeroed by the caller). */
static void THNN_(vol2col)(real *im, int64_t C, int64_t T, int64_t H, int64_t W, int kT, int kH, int kW,
                           int pT, int pH, int pW, int dT, int dH, int dW, int64_t oT, int64_t oH, int64_t oW,
                           real *col, int adjoint) {
  int64_t L = oT * oH * oW;
  for (int64_t c = 0; c < C; c++)
    for (int a = 0; a < kT; a++)
      for (int i = 0; i < kH; i++)
        for (int j = 0; j < kW; j++) {
          real *row = col + (((c * kT + a) * kH + i) * kW + j) * L;
          for (int64_t ot = 0; ot < oT; ot++) {
            int64_t it = ot * dT - pT + a;
            for (int64_t oh = 0; oh < oH; oh++) {
              int64_t ih = oh * dH - pH + i;
              real *r = row + (ot * oH + oh) * oW;
              int inside = it >= 0 && it < T && ih >= 0 && ih < H;
              real *src = im + ((c * T + (inside ? it : 0)) * H + (inside ? ih : 0)) * W;
              for (int64_t ow = 0; ow < oW; ow++) {
                int64_t iw = ow * dW - pW + j;
                int ok = inside && iw >= 0 && iw < W;
                if (!adjoint)
                  r[ow] = ok ? src[iw] : 0;
                else if (ok)
                  src[iw] += r[ow];
              }
            }
          }
        }
}

typedef struct {
  int64_t N, C, T, H, W, nOut, oT, oH, oW, K, L;
  int batch;
} THNN_(Conv3Geom);

static THNN_(Conv3Geom) THNN_(conv3Check)(THTensor *input, THTensor *gradOutput, THTensor *weight, THTensor *bias,
                                          int kT, int kW, int kH, int dT, int dW, int dH, int pT, int pW, int pH) {
  const char *op = "VolumetricConvolutionMM";
  THNN_(Conv3Geom) g;
  THArgCheck(kT > 0 && kW > 0 && kH > 0, "%s: expected kernel size > 0, but got kT %d, kH %d and kW %d", op, kT, kH,
             kW);
  THArgCheck(dT > 0 && dW > 0 && dH > 0, "%s: expected stride > 0, but got dT %d, dH %d and dW %d", op, dT, dH, dW);
  THArgCheck(pT >= 0 && pW >= 0 && pH >= 0, "%s: expected padding >= 0, but got pT %d, pH %d and pW %d", op, pT, pH,
             pW);
  THArgCheck(input->nDimension == 4 || input->nDimension == 5,
             "%s: expected input of 4 (C, T, H, W) or 5 (N, C, T, H, W) dimensions, but got %s", op,
             THNN_SHAPE(input));
  g.batch = input->nDimension == 5;
  int o = g.batch;
  g.N = g.batch ? input->size[0] : 1;
  g.C = input->size[o];
  g.T = input->size[o + 1];
  g.H = input->size[o + 2];
  g.W = input->size[o + 3];
  g.K = g.C * kT * kH * kW;
  if (weight->nDimension == 5) {
    THArgCheck(weight->size[1] == g.C && weight->size[2] == kT && weight->size[3] == kH && weight->size[4] == kW,
               "%s: expected weight of size [nOut, %lld, %d, %d, %d], but got %s", op, (long long)g.C, kT, kH, kW,
               THNN_SHAPE(weight));
  } else {
    THArgCheck(weight->nDimension == 2 && weight->size[1] == g.K,
               "%s: expected weight of size [nOut, %lld] or [nOut, %lld, %d, %d, %d], but got %s", op,
               (long long)g.K, (long long)g.C, kT, kH, kW, THNN_SHAPE(weight));
  }
  g.nOut = weight->size[0];
  if (bias)
    THArgCheck(THTensor_(nElement)(bias) == g.nOut, "%s: expected bias with %lld elements, but got %s", op,
               (long long)g.nOut, THNN_SHAPE(bias));
  THArgCheck(g.T + 2 * pT >= kT && g.H + 2 * pH >= kH && g.W + 2 * pW >= kW,
             "%s: expected padded input at least as large as the kernel (%d x %d x %d), but got input %s", op, kT, kH,
             kW, THNN_SHAPE(input));
  g.oT = (g.T + 2 * pT - kT) / dT + 1;
  g.oH = (g.H + 2 * pH - kH) / dH + 1;
  g.oW = (g.W + 2 * pW - kW) / dW + 1;
  g.L = g.oT * g.oH * g.oW;
  int64_t want[5] = {g.N, g.nOut, g.oT, g.oH, g.oW};
  THNN_(convCheckGradOutput)(op, gradOutput, want, 5, g.batch);
  return g;
}

static void THNN_(resize5)(THTensor *t, THNN_(Conv3Geom) *g, int64_t a, int64_t b, int64_t c, int64_t d) {
  int64_t s[5] = {g->N, a, b, c, d};
  THTensor_(resizeNd)(t, 4 + g->batch, s + (g->batch ? 0 : 1), NULL);
}

void THNN_(VolumetricConvolutionMM_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                                 THTensor *weight, THTensor *bias, THTensor *finput,
                                                 THTensor *fgradInput, int kT, int kW, int kH, int dT, int dW, int dH,
                                                 int pT, int pW, int pH) {
  THNN_(Conv3Geom) g = THNN_(conv3Check)(input, NULL, weight, bias, kT, kW, kH, dT, dW, dH, pT, pW, pH);
  THTensor *x_ = THTensor_(newContiguous)(input), *w_ = THTensor_(newContiguous)(weight);
  THTensor *b_ = bias ? THTensor_(newContiguous)(bias) : NULL;
  THNN_(resize5)(output, &g, g.nOut, g.oT, g.oH, g.oW);
  THTensor_(resize3d)(finput, g.N, g.K, g.L);
  THTensor *y_ = THNN_(outBegin)(output), *f_ = THNN_(outBegin)(finput);
  real *x = THNN_(ptr)(x_);
  const real *w = THNN_(ptr)(w_), *b = b_ ? THNN_(ptr)(b_) : NULL;
  real *y = THNN_(ptr)(y_), *f = THNN_(ptr)(f_);
  int64_t N = g.N, V = g.C * g.T * g.H * g.W;
  _Pragma("omp parallel for if (N > 1) num_threads(THGetNumThreads())")
  for (int64_t n = 0; n < N; n++)
    THNN_(vol2col)(x + n * V, g.C, g.T, g.H, g.W, kT, kH, kW, pT, pH, pW, dT, dH, dW, g.oT, g.oH, g.oW,
                   f + n * g.K * g.L, 0);
  for (int64_t n = 0; n < N; n++) {
    real *col = f + n * g.K * g.L, *out = y + n * g.nOut * g.L;
    THNN_(fillBias)(out, b, g.nOut, g.L);
    THNN_(gemm)(0, 0, g.nOut, g.L, g.K, 1, w, g.K, col, g.L, 1, out, g.L);
  }
  THNN_(outEnd)(y_, output);
  THNN_(outEnd)(f_, finput);
  THTensor_(free)(x_);
  THTensor_(free)(w_);
  if (b_) THTensor_(free)(b_);
}

void THNN_(VolumetricConvolutionMM_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                    THTensor *gradInput, THTensor *weight, THTensor *finput,
                                                    THTensor *fgradInput, int kT, int kW, int kH, int dT, int dW,
                                                    int dH, int pT, int pW, int pH) {
  THNN_(Conv3Geom) g = THNN_(conv3Check)(input, gradOutput, weight, NULL, kT, kW, kH, dT, dW, dH, pT, pW, pH);
  THTensor *go_ = THTensor_(newContiguous)(gradOutput), *w_ = THTensor_(newContiguous)(weight);
  THTensor_(resizeAs)(gradInput, input);
  THTensor_(resize3d)(fgradInput, g.N, g.K, g.L);
  THTensor *gi_ = THNN_(outBegin)(gradInput), *fg_ = THNN_(outBegin)(fgradInput);
  const real *go = THNN_(ptr)(go_), *w = THNN_(ptr)(w_);
  real *gi = THNN_(ptr)(gi_), *fg = THNN_(ptr)(fg_);
  int64_t N = g.N, V = g.C * g.T * g.H * g.W;
  for (int64_t n = 0; n < N; n++)
    THNN_(gemm)(1, 0, g.K, g.L, g.nOut, 1, w, g.K, go + n * g.nOut * g.L, g.L, 0, fg + n * g.K * g.L, g.L);
  _Pragma("omp parallel for if (N > 1) num_threads(THGetNumThreads())")
  for (int64_t n = 0; n < N; n++) {
    real *col = fg + n * g.K * g.L;
    memset(gi + n * V, 0, sizeof(real) * (size_t)V);
    THNN_(vol2col)(gi + n * V, g.C, g.T, g.H, g.W, kT, kH, kW, pT, pH, pW, dT, dH, dW, g.oT, g.oH, g.oW, col, 1);
  }
  THNN_(outEnd)(gi_, gradInput);
  THNN_(outEnd)(fg_, fgradInput);
  THTensor_(free)(go_);
  THTensor_(free)(w_);
}

void THNN_(VolumetricConvolutionMM_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                      THTensor *gradWeight, THTensor *gradBias, THTensor *finput,
                                                      THTensor *fgradInput, int kT, int kW, int kH, int dT, int dW,
                                                      int dH, int pT, int pW, int pH, accreal scale) {
  THNN_(Conv3Geom) g =
      THNN_(conv3Check)(input, gradOutput, gradWeight, gradBias, kT, kW, kH, dT, dW, dH, pT, pW, pH);
  THTensor *x_ = THTensor_(newContiguous)(input), *go_ = THTensor_(newContiguous)(gradOutput);
  THTensor_(resize3d)(finput, g.N, g.K, g.L);
  THTensor *f_ = THNN_(outBegin)(finput), *gw_ = THNN_(accBegin)(gradWeight);
  THTensor *gb_ = gradBias ? THNN_(accBegin)(gradBias) : NULL;
  real *x = THNN_(ptr)(x_);
  const real *go = THNN_(ptr)(go_);
  real *f = THNN_(ptr)(f_), *gw = THNN_(ptr)(gw_), *gb = gb_ ? THNN_(ptr)(gb_) : NULL;
  int64_t N = g.N, V = g.C * g.T * g.H * g.W;
  /* the columns are recomputed, as in SpatialConvolutionMM */
  _Pragma("omp parallel for if (N > 1) num_threads(THGetNumThreads())")
  for (int64_t n = 0; n < N; n++)
    THNN_(vol2col)(x + n * V, g.C, g.T, g.H, g.W, kT, kH, kW, pT, pH, pW, dT, dH, dW, g.oT, g.oH, g.oW,
                   f + n * g.K * g.L, 0);
  for (int64_t n = 0; n < N; n++) {
    const real *gon = go + n * g.nOut * g.L;
    THNN_(gemm)(0, 1, g.nOut, g.K, g.L, scale, gon, g.L, f + n * g.K * g.L, g.L, 1, gw, g.K);
    if (gb) THNN_(accBiasGrad)(gb, gon, g.nOut, g.L, scale);
  }
  THNN_(outEnd)(f_, finput);
  THNN_(outEnd)(gw_, gradWeight);
  if (gb_) THNN_(outEnd)(gb_, gradBias);
  THTensor_(free)(x_);
  THTensor_(free)(go_);
}
