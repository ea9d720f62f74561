/* Convolutions as im2col + GEMM (generic over Float and Double). */
#include "THNNHelpers.h"

/* C = alpha op(A) op(B) + beta C, row-major, through OpenBLAS. */
static void THNN_(gemm)(int transA, int transB, int64_t M, int64_t N, int64_t K, accreal alpha, const real *A,
                        int64_t lda, const real *B, int64_t ldb, accreal beta, real *C, int64_t ldc) {
#if defined(TH_REAL_IS_FLOAT)
  scipy_cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    (blasint)M, (blasint)N, (blasint)K, (float)alpha, A, (blasint)lda, B, (blasint)ldb, (float)beta,
                    C, (blasint)ldc);
#else
  scipy_cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    (blasint)M, (blasint)N, (blasint)K, alpha, A, (blasint)lda, B, (blasint)ldb, beta, C,
                    (blasint)ldc);
#endif
}

/* The columns of one image (C, H, W): row (c kH + i) kW + j, column oh oW + ow holds the input
 * pixel under kernel tap (i, j) at output (oh, ow), 0 in the padding. */
static void THNN_(im2col)(const real *im, int64_t C, int64_t H, int64_t W, int kH, int kW, int padH, int padW,
                          int dH, int dW, int dilH, int dilW, int64_t oH, int64_t oW, real *col) {
  for (int64_t c = 0; c < C; c++)
    for (int i = 0; i < kH; i++)
      for (int j = 0; j < kW; j++) {
        real *row = col + ((c * kH + i) * kW + j) * oH * oW;
        for (int64_t oh = 0; oh < oH; oh++) {
          int64_t ih = oh * dH - padH + (int64_t)i * dilH;
          real *r = row + oh * oW;
          if (ih < 0 || ih >= H) {
            for (int64_t ow = 0; ow < oW; ow++) r[ow] = 0;
            continue;
          }
          const real *src = im + (c * H + ih) * W;
          for (int64_t ow = 0; ow < oW; ow++) {
            int64_t iw = ow * dW - padW + (int64_t)j * dilW;
            r[ow] = (iw >= 0 && iw < W) ? src[iw] : 0;
          }
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
        for (int64_t oh = 0; oh < oH; oh++) {
          int64_t ih = oh * dH - padH + (int64_t)i * dilH;
          if (ih < 0 || ih >= H) continue;
          real *dst = im + (c * H + ih) * W;
          const real *r = row + oh * oW;
          for (int64_t ow = 0; ow < oW; ow++) {
            int64_t iw = ow * dW - padW + (int64_t)j * dilW;
            if (iw >= 0 && iw < W) dst[iw] += r[ow];
          }
        }
      }
}

/* Shape checks shared by the three passes; fills the geometry. */
typedef struct {
  int64_t N, C, H, W, nOut, oH, oW, K, L;
  int batch;
} THNN_(ConvGeom);

static THNN_(ConvGeom) THNN_(convCheck)(THTensor *input, THTensor *gradOutput, THTensor *weight, THTensor *bias,
                                        int kW, int kH, int dW, int dH, int padW, int padH) {
  const char *op = "SpatialConvolutionMM";
  THNN_(ConvGeom) g;
  THArgCheck(kW > 0 && kH > 0, "%s: expected kernel size > 0, but got kH %d and kW %d", op, kH, kW);
  THArgCheck(dW > 0 && dH > 0, "%s: expected stride > 0, but got dH %d and dW %d", op, dH, dW);
  THArgCheck(padW >= 0 && padH >= 0, "%s: expected padding >= 0, but got padH %d and padW %d", op, padH, padW);
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
  THArgCheck(g.H + 2 * padH >= kH && g.W + 2 * padW >= kW,
             "%s: expected padded input at least as large as the kernel (%d x %d), but got input %s", op, kH, kW,
             THNN_SHAPE(input));
  g.oH = (g.H + 2 * padH - kH) / dH + 1;
  g.oW = (g.W + 2 * padW - kW) / dW + 1;
  g.L = g.oH * g.oW;
  if (gradOutput) {
    int64_t want[4] = {g.N, g.nOut, g.oH, g.oW};
    THArgCheck(THTensor_(isSize)(gradOutput, 3 + g.batch, want + (g.batch ? 0 : 1)),
               "%s: expected gradOutput of size %s, but got %s", op,
               THFormatSizes((char[256]){0}, 256, want + (g.batch ? 0 : 1), 3 + g.batch), THNN_SHAPE(gradOutput));
  }
  return g;
}

static void THNN_(resizeBatch)(THTensor *t, THNN_(ConvGeom) *g, int64_t a, int64_t b, int64_t c) {
  if (g->batch)
    THTensor_(resize4d)(t, g->N, a, b, c);
  else
    THTensor_(resize3d)(t, a, b, c);
}

void THNN_(SpatialConvolutionMM_updateOutput)(THNNState *state, THTensor *input, THTensor *output, THTensor *weight,
                                              THTensor *bias, THTensor *finput, THTensor *fgradInput, int kW, int kH,
                                              int dW, int dH, int padW, int padH) {
  THNN_(ConvGeom) g = THNN_(convCheck)(input, NULL, weight, bias, kW, kH, dW, dH, padW, padH);
  THTensor *x_ = THTensor_(newContiguous)(input), *w_ = THTensor_(newContiguous)(weight);
  THTensor *b_ = bias ? THTensor_(newContiguous)(bias) : NULL;
  THNN_(resizeBatch)(output, &g, g.nOut, g.oH, g.oW);
  THTensor_(resize3d)(finput, g.N, g.K, g.L);
  THTensor *y_ = THNN_(outBegin)(output), *f_ = THNN_(outBegin)(finput);
  const real *x = THNN_(ptr)(x_), *w = THNN_(ptr)(w_), *b = b_ ? THNN_(ptr)(b_) : NULL;
  real *y = THNN_(ptr)(y_), *f = THNN_(ptr)(f_);
  int64_t N = g.N;
  const int blas_threads = thnn_blas_serial_begin(N);
  _Pragma("omp parallel for if (N > 1) num_threads(THGetNumThreads())")
  for (int64_t n = 0; n < N; n++) {
    real *col = f + n * g.K * g.L, *out = y + n * g.nOut * g.L;
    THNN_(im2col)(x + n * g.C * g.H * g.W, g.C, g.H, g.W, kH, kW, padH, padW, dH, dW, 1, 1, g.oH, g.oW, col);
    for (int64_t o = 0; o < g.nOut; o++)
      for (int64_t l = 0; l < g.L; l++) out[o * g.L + l] = b ? b[o] : 0;
    THNN_(gemm)(0, 0, g.nOut, g.L, g.K, 1, w, g.K, col, g.L, 1, out, g.L);
  }
  thnn_blas_serial_end(blas_threads);
  THNN_(outEnd)(y_, output);
  THNN_(outEnd)(f_, finput);
  THTensor_(free)(x_);
  THTensor_(free)(w_);
  if (b_) THTensor_(free)(b_);
}

void THNN_(SpatialConvolutionMM_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                 THTensor *gradInput, THTensor *weight, THTensor *finput,
                                                 THTensor *fgradInput, int kW, int kH, int dW, int dH, int padW,
                                                 int padH) {
  THNN_(ConvGeom) g = THNN_(convCheck)(input, gradOutput, weight, NULL, kW, kH, dW, dH, padW, padH);
  THTensor *go_ = THTensor_(newContiguous)(gradOutput), *w_ = THTensor_(newContiguous)(weight);
  THTensor_(resizeAs)(gradInput, input);
  THTensor_(resize3d)(fgradInput, g.N, g.K, g.L);
  THTensor *gi_ = THNN_(outBegin)(gradInput), *fg_ = THNN_(outBegin)(fgradInput);
  const real *go = THNN_(ptr)(go_), *w = THNN_(ptr)(w_);
  real *gi = THNN_(ptr)(gi_), *fg = THNN_(ptr)(fg_);
  int64_t N = g.N;
  const int blas_threads = thnn_blas_serial_begin(N);
  _Pragma("omp parallel for if (N > 1) num_threads(THGetNumThreads())")
  for (int64_t n = 0; n < N; n++) {
    real *col = fg + n * g.K * g.L;
    /* columns' gradient (K, L) = W^T (K, nOut) x gradOutput (nOut, L) */
    THNN_(gemm)(1, 0, g.K, g.L, g.nOut, 1, w, g.K, go + n * g.nOut * g.L, g.L, 0, col, g.L);
    THNN_(col2im)(col, g.C, g.H, g.W, kH, kW, padH, padW, dH, dW, 1, 1, g.oH, g.oW, gi + n * g.C * g.H * g.W);
  }
  thnn_blas_serial_end(blas_threads);
  THNN_(outEnd)(gi_, gradInput);
  THNN_(outEnd)(fg_, fgradInput);
  THTensor_(free)(go_);
  THTensor_(free)(w_);
}

void THNN_(SpatialConvolutionMM_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                   THTensor *gradWeight, THTensor *gradBias, THTensor *finput,
                                                   THTensor *fgradInput, int kW, int kH, int dW, int dH, int padW,
                                                   int padH, accreal scale) {
  THNN_(ConvGeom) g = THNN_(convCheck)(input, gradOutput, gradWeight, gradBias, kW, kH, dW, dH, padW, padH);
  THTensor *x_ = THTensor_(newContiguous)(input), *go_ = THTensor_(newContiguous)(gradOutput);
  /* the columns are recomputed rather than trusted from the forward: they cost little next to the
   * GEMM, and a stale finput would give silently wrong gradients */
  THTensor_(resize3d)(finput, g.N, g.K, g.L);
  THTensor *f_ = THNN_(outBegin)(finput), *gw_ = THNN_(accBegin)(gradWeight);
  THTensor *gb_ = gradBias ? THNN_(accBegin)(gradBias) : NULL;
  const real *x = THNN_(ptr)(x_), *go = THNN_(ptr)(go_);
  real *f = THNN_(ptr)(f_), *gw = THNN_(ptr)(gw_), *gb = gb_ ? THNN_(ptr)(gb_) : NULL;
  int64_t N = g.N;
  _Pragma("omp parallel for if (N > 1) num_threads(THGetNumThreads())")
  for (int64_t n = 0; n < N; n++)
    THNN_(im2col)(x + n * g.C * g.H * g.W, g.C, g.H, g.W, kH, kW, padH, padW, dH, dW, 1, 1, g.oH, g.oW,
                  f + n * g.K * g.L);
  for (int64_t n = 0; n < N; n++) {
    const real *gon = go + n * g.nOut * g.L;
    /* gradWeight (nOut, K) += scale gradOutput (nOut, L) x columns^T (L, K) */
    THNN_(gemm)(0, 1, g.nOut, g.K, g.L, scale, gon, g.L, f + n * g.K * g.L, g.L, 1, gw, g.K);
    if (gb)
      for (int64_t o = 0; o < g.nOut; o++) {
        accreal s = 0;
        for (int64_t l = 0; l < g.L; l++) s += gon[o * g.L + l];
        gb[o] += (real)(scale * s);
      }
  }
  THNN_(outEnd)(f_, finput);
  THNN_(outEnd)(gw_, gradWeight);
  if (gb_) THNN_(outEnd)(gb_, gradBias);
  THTensor_(free)(x_);
  THTensor_(free)(go_);
}
