/* Convolutions as im2col + GEMM (generic over Float and Double).
 *
 * The spatial (optionally dilated), volumetric and transposed convolutions share one description of
 * how an image is unfolded into columns (THNN_(Unfold), 3-d; a 2-d image is one of depth 1) and three
 * drivers, one per pass, that run one image per OpenMP thread with per-thread columns and
 * single-threaded GEMMs (or, for a batch smaller than the thread count, one image at a time whose
 * GEMMs THBlas splits over the threads):
 *   gather:  dst = [bias] + A x columns(src)         conv forward, transposed input gradient
 *   scatter: dst = fold(A^T x src) [+ bias]          conv input gradient, transposed forward
 *   acc:     gradA += scale v x columns(src)^T       both weight gradients (per-thread partial sums
 *                                                    added in thread order: deterministic)
 * A convolution unfolds its input (grid = its output); a transposed one unfolds its output (grid =
 * its input), with the same weight matrix read the other way round. */
#include "THNNHelpers.h"

/* How one image becomes columns: an image of C channels of size (depth, height, width) seen by a
 * kernel k with stride st, padding pad and dilation dil at the grid (oT, oH, oW) of positions.  Row
 * ((c kT + a) kH + i) kW + j, column (ot oH + oh) oW + ow of the (C kT kH kW, oT oH oW) columns holds
 * the pixel under tap (a, i, j) at position (ot, oh, ow), 0 in the padding. */
typedef struct {
  int64_t C, size[3], grid[3];
  int k[3], st[3], pad[3], dil[3];
} THNN_(Unfold);

/* Whether the columns are the image itself (1x1 kernel, stride 1, no padding, same-sized grid). */
static int THNN_(unfoldIsIdentity)(const THNN_(Unfold) *u) {
  for (int d = 0; d < 3; d++)
    if (u->k[d] != 1 || u->st[d] != 1 || u->pad[d] != 0 || u->size[d] != u->grid[d]) return 0;
  return 1;
}

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

/* Offset in the image of the pixel row under taps (a, i) at grid row (ot, oh) of channel c, or -1
 * where that row is padding. */
static inline int64_t THNN_(tapRow)(const THNN_(Unfold) *u, int64_t c, int a, int i, int64_t ot, int64_t oh) {
  const int64_t it = ot * u->st[0] - u->pad[0] + (int64_t)a * u->dil[0];
  const int64_t ih = oh * u->st[1] - u->pad[1] + (int64_t)i * u->dil[1];
  if (it < 0 || it >= u->size[0] || ih < 0 || ih >= u->size[1]) return -1;
  return ((c * u->size[0] + it) * u->size[1] + ih) * u->size[2];
}

/* Columns r0 oW .. r1 oW of the columns of image im (grid rows r0 .. r1 of the oT oH, a block of
 * (r1 - r0) oW columns).  Each row's valid positions are a range computed once, so the copy loops
 * carry no bounds checks (and vectorise at stride 1). */
static void THNN_(im2col)(const THNN_(Unfold) *u, const real *im, int64_t r0, int64_t r1, real *col) {
  const int64_t oH = u->grid[1], oW = u->grid[2], L = (r1 - r0) * oW;
  const int sw = u->st[2];
  real *row = col;
  for (int64_t c = 0; c < u->C; c++)
    for (int a = 0; a < u->k[0]; a++)
      for (int i = 0; i < u->k[1]; i++)
        for (int j = 0; j < u->k[2]; j++, row += L) {
          const int64_t off = (int64_t)j * u->dil[2] - u->pad[2];
          int64_t lo, hi;
          THNN_(tapRange)(u->size[2], oW, sw, off, &lo, &hi);
          for (int64_t gr = r0; gr < r1; gr++) {
            real *r = row + (gr - r0) * oW;
            const int64_t s = THNN_(tapRow)(u, c, a, i, gr / oH, gr % oH);
            if (s < 0) {
              memset(r, 0, sizeof(real) * (size_t)oW);
              continue;
            }
            const real *src = im + s;
            for (int64_t ow = 0; ow < lo; ow++) r[ow] = 0;
            if (sw == 1)
              for (int64_t ow = lo; ow < hi; ow++) r[ow] = src[ow + off];
            else
              for (int64_t ow = lo; ow < hi; ow++) r[ow] = src[ow * sw + off];
            for (int64_t ow = hi; ow < oW; ow++) r[ow] = 0;
          }
        }
}

/* The adjoint: adds that block of columns into the image. */
static void THNN_(col2im)(const THNN_(Unfold) *u, const real *col, int64_t r0, int64_t r1, real *im) {
  const int64_t oH = u->grid[1], oW = u->grid[2], L = (r1 - r0) * oW;
  const int sw = u->st[2];
  const real *row = col;
  for (int64_t c = 0; c < u->C; c++)
    for (int a = 0; a < u->k[0]; a++)
      for (int i = 0; i < u->k[1]; i++)
        for (int j = 0; j < u->k[2]; j++, row += L) {
          const int64_t off = (int64_t)j * u->dil[2] - u->pad[2];
          int64_t lo, hi;
          THNN_(tapRange)(u->size[2], oW, sw, off, &lo, &hi);
          for (int64_t gr = r0; gr < r1; gr++) {
            const int64_t s = THNN_(tapRow)(u, c, a, i, gr / oH, gr % oH);
            if (s < 0) continue;
            real *dst = im + s;
            const real *r = row + (gr - r0) * oW;
            if (sw == 1)
              for (int64_t ow = lo; ow < hi; ow++) dst[ow + off] += r[ow];
            else
              for (int64_t ow = lo; ow < hi; ow++) dst[ow * sw + off] += r[ow];
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

/* The geometry of one pass, filled by the shape checks: the unfolding, N images of nIn channels of
 * inVol pixels to nOut channels of outVol pixels, nd spatial dimensions, columns (K, L). */
typedef struct {
  THNN_(Unfold) u;
  int64_t N, nIn, nOut, inVol, outVol, K, L;
  int nd, batch;
} THNN_(ConvGeom);

/* Fills the unfolding's kernel parameters from (depth, height, width) triples. */
static void THNN_(setKernel)(THNN_(Unfold) *u, const int *k, const int *st, const int *pad, const int *dil) {
  for (int d = 0; d < 3; d++) {
    u->k[d] = k[d];
    u->st[d] = st[d];
    u->pad[d] = pad[d];
    u->dil[d] = dil[d];
  }
}

/* Resizes t to (N, ch, sp[3 - nd .. 3)), without N for an unbatched input. */
static void THNN_(resizeImages)(THTensor *t, const THNN_(ConvGeom) *g, int64_t ch, const int64_t *sp) {
  int64_t s[5] = {g->N, ch, 0, 0, 0};
  for (int d = 0; d < g->nd; d++) s[2 + d] = sp[3 - g->nd + d];
  THTensor_(resizeNd)(t, g->nd + 1 + g->batch, s + (g->batch ? 0 : 1), NULL);
}

/* An image's columns are made and used a block of grid rows at a time, blocks of equal sizes of at
 * most about THNN_CONV_BLOCK_BYTES (half a core's L2 here), so that the GEMM reads them from cache
 * rather than memory (3-d convolutions: 1.5x faster forwards). */
#ifndef THNN_CONV_BLOCK_BYTES
#define THNN_CONV_BLOCK_BYTES (1024 * 1024)
#endif
typedef struct {
  int64_t R, rows, oW; /* grid rows oT oH, rows per block, columns per grid row */
} THNN_(ColBlocks);

static THNN_(ColBlocks) THNN_(colBlocks)(const THNN_(ConvGeom) *g) {
  THNN_(ColBlocks) cb = {g->u.grid[0] * g->u.grid[1], 1, g->u.grid[2]};
  const int64_t rowBytes = g->K * cb.oW * (int64_t)sizeof(real);
  if (rowBytes > 0 && THNN_CONV_BLOCK_BYTES / rowBytes > 1) cb.rows = THNN_CONV_BLOCK_BYTES / rowBytes;
  if (cb.rows >= cb.R) {
    cb.rows = cb.R;
  } else { /* blocks of even sizes: no short GEMM at the end */
    const int64_t nb = (cb.R + cb.rows - 1) / cb.rows;
    cb.rows = (cb.R + nb - 1) / nb;
  }
  return cb;
}
/* The end of the block of grid rows that starts at r0. */
static inline int64_t THNN_(blockEnd)(const THNN_(ColBlocks) *cb, int64_t r0) {
  return r0 + cb->rows < cb->R ? r0 + cb->rows : cb->R;
}

/* The per-thread columns scratch: buf resized to (T, K, one block of columns) and made contiguous,
 * or NULL where the columns are the image itself (buf untouched).  THNN_(colsEnd) hands it back. */
static THTensor *THNN_(colsBegin)(const THNN_(ConvGeom) *g, const THNN_(ColBlocks) *cb, THTensor *buf, int T) {
  if (THNN_(unfoldIsIdentity)(&g->u)) return NULL;
  THTensor_(resize3d)(buf, T, g->K, cb->rows * cb->oW);
  return THNN_(outBegin)(buf);
}
static void THNN_(colsEnd)(THTensor *tmp, THTensor *buf) {
  if (tmp) THNN_(outEnd)(tmp, buf);
}

/* Pixels of one image as the unfolding sees it (the image im2col reads and col2im writes). */
static int64_t THNN_(unfoldedSize)(const THNN_(ConvGeom) *g) {
  return g->u.C * g->u.size[0] * g->u.size[1] * g->u.size[2];
}

/* gather, per image n: dst_n (M, L) = [bias] + A (M, K) x columns of src_n.  dst is already sized. */
static void THNN_(convGather)(const THNN_(ConvGeom) *g, THTensor *src, THTensor *A, int64_t M, THTensor *bias,
                              THTensor *dst, THTensor *cols) {
  THTensor *s_ = THTensor_(newContiguous)(src), *a_ = THTensor_(newContiguous)(A);
  THTensor *b_ = bias ? THTensor_(newContiguous)(bias) : NULL;
  const int T = THNN_convThreads(g->N);
  const THNN_(ColBlocks) cb = THNN_(colBlocks)(g);
  THTensor *d_ = THNN_(outBegin)(dst), *f_ = THNN_(colsBegin)(g, &cb, cols, T);
  const real *s = THNN_(ptr)(s_), *a = THNN_(ptr)(a_), *b = b_ ? THNN_(ptr)(b_) : NULL;
  real *d = THNN_(ptr)(d_), *f = f_ ? THNN_(ptr)(f_) : NULL;
  const int64_t N = g->N, K = g->K, L = g->L, V = THNN_(unfoldedSize)(g);
#pragma omp parallel num_threads(T) if (T > 1)
  {
    real *col = f ? f + THNN_THREAD_NUM() * K * cb.rows * cb.oW : NULL;
#pragma omp for schedule(static)
    for (int64_t n = 0; n < N; n++) {
      real *out = d + n * M * L;
      if (b) THNN_(fillBias)(out, b, M, L);
      if (!col) {
        THNN_(gemm)(0, 0, M, L, K, 1, a, K, s + n * V, L, b ? 1 : 0, out, L);
        continue;
      }
      for (int64_t r0 = 0, r1; r0 < cb.R; r0 = r1) {
        r1 = THNN_(blockEnd)(&cb, r0);
        const int64_t lc = (r1 - r0) * cb.oW;
        THNN_(im2col)(&g->u, s + n * V, r0, r1, col);
        THNN_(gemm)(0, 0, M, lc, K, 1, a, K, col, lc, b ? 1 : 0, out + r0 * cb.oW, L);
      }
    }
  }
  THNN_(outEnd)(d_, dst);
  THNN_(colsEnd)(f_, cols);
  THTensor_(free)(s_);
  THTensor_(free)(a_);
  if (b_) THTensor_(free)(b_);
}

/* scatter, per image n: columns (K, L) = A^T (K, M) x src_n (M, L), folded into dst_n, then + bias
 * (one value per channel of the folded image).  dst is already sized. */
static void THNN_(convScatter)(const THNN_(ConvGeom) *g, THTensor *src, THTensor *A, int64_t M, THTensor *bias,
                               THTensor *dst, THTensor *cols) {
  THTensor *s_ = THTensor_(newContiguous)(src), *a_ = THTensor_(newContiguous)(A);
  THTensor *b_ = bias ? THTensor_(newContiguous)(bias) : NULL;
  const int T = THNN_convThreads(g->N);
  const THNN_(ColBlocks) cb = THNN_(colBlocks)(g);
  THTensor *d_ = THNN_(outBegin)(dst), *f_ = THNN_(colsBegin)(g, &cb, cols, T);
  const real *s = THNN_(ptr)(s_), *a = THNN_(ptr)(a_), *b = b_ ? THNN_(ptr)(b_) : NULL;
  real *d = THNN_(ptr)(d_), *f = f_ ? THNN_(ptr)(f_) : NULL;
  const int64_t N = g->N, K = g->K, L = g->L, V = THNN_(unfoldedSize)(g), C = g->u.C, P = V / C;
#pragma omp parallel num_threads(T) if (T > 1)
  {
    real *col = f ? f + THNN_THREAD_NUM() * K * cb.rows * cb.oW : NULL;
#pragma omp for schedule(static)
    for (int64_t n = 0; n < N; n++) {
      real *out = d + n * V;
      const real *sn = s + n * M * L;
      if (!col) {
        THNN_(gemm)(1, 0, K, L, M, 1, a, K, sn, L, 0, out, L);
      } else {
        memset(out, 0, sizeof(real) * (size_t)V);
        for (int64_t r0 = 0, r1; r0 < cb.R; r0 = r1) {
          r1 = THNN_(blockEnd)(&cb, r0);
          const int64_t lc = (r1 - r0) * cb.oW;
          THNN_(gemm)(1, 0, K, lc, M, 1, a, K, sn + r0 * cb.oW, L, 0, col, lc);
          THNN_(col2im)(&g->u, col, r0, r1, out);
        }
      }
      if (b)
        for (int64_t c = 0; c < C; c++)
          for (int64_t p = 0; p < P; p++) out[c * P + p] += b[c];
    }
  }
  THNN_(outEnd)(d_, dst);
  THNN_(colsEnd)(f_, cols);
  THTensor_(free)(s_);
  THTensor_(free)(a_);
  if (b_) THTensor_(free)(b_);
}

/* acc, per image n: gradA (M, K) += scale v_n (M, L) x columns of src_n ^T, and gradBias (nOut)
 * += scale row sums of gradOutput_n (nOut, outVol).  The columns are recomputed rather than trusted
 * from the forward: they cost little next to the GEMM, and stale ones would give silently wrong
 * gradients. */
static void THNN_(convAcc)(const THNN_(ConvGeom) *g, THTensor *src, THTensor *v, int64_t M, THTensor *gradOutput,
                           THTensor *gradA, THTensor *gradBias, THTensor *cols, accreal scale) {
  THTensor *s_ = THTensor_(newContiguous)(src), *v_ = THTensor_(newContiguous)(v);
  THTensor *go_ = THTensor_(newContiguous)(gradOutput);
  const int T = THNN_convThreads(g->N);
  const THNN_(ColBlocks) cb = THNN_(colBlocks)(g);
  THTensor *f_ = THNN_(colsBegin)(g, &cb, cols, T), *gw_ = THNN_(accBegin)(gradA);
  THTensor *gb_ = gradBias ? THNN_(accBegin)(gradBias) : NULL;
  const real *s = THNN_(ptr)(s_), *vv = THNN_(ptr)(v_), *go = THNN_(ptr)(go_);
  real *f = f_ ? THNN_(ptr)(f_) : NULL, *gw = THNN_(ptr)(gw_), *gb = gb_ ? THNN_(ptr)(gb_) : NULL;
  const int64_t N = g->N, K = g->K, L = g->L, V = THNN_(unfoldedSize)(g), nOut = g->nOut, oV = g->outVol;
  /* thread 0 accumulates into gradA / gradBias, the others into zeroed buffers of their own (M K
   * weights, then nOut biases), added in thread order after the loop */
  const int64_t part = M * K + nOut;
  real *priv = T > 1 ? (real *)THAlloc(sizeof(real) * (size_t)((T - 1) * part)) : NULL;
  if (priv) memset(priv, 0, sizeof(real) * (size_t)((T - 1) * part));
#pragma omp parallel num_threads(T) if (T > 1)
  {
    const int t = THNN_THREAD_NUM();
    real *col = f ? f + t * K * cb.rows * cb.oW : NULL;
    real *gwt = t == 0 ? gw : priv + (t - 1) * part;
    real *gbt = gb ? (t == 0 ? gb : gwt + M * K) : NULL;
#pragma omp for schedule(static)
    for (int64_t n = 0; n < N; n++) {
      const real *vn = vv + n * M * L;
      if (!col) THNN_(gemm)(0, 1, M, K, L, scale, vn, L, s + n * V, L, 1, gwt, K);
      for (int64_t r0 = 0, r1; col && r0 < cb.R; r0 = r1) {
        r1 = THNN_(blockEnd)(&cb, r0);
        const int64_t lc = (r1 - r0) * cb.oW;
        THNN_(im2col)(&g->u, s + n * V, r0, r1, col);
        THNN_(gemm)(0, 1, M, K, lc, scale, vn + r0 * cb.oW, L, col, lc, 1, gwt, K);
      }
      if (gbt) THNN_(accBiasGrad)(gbt, go + n * nOut * oV, nOut, oV, scale);
    }
  }
  for (int t = 1; t < T; t++) {
    const real *pw = priv + (t - 1) * part;
    for (int64_t i = 0; i < M * K; i++) gw[i] += pw[i];
    if (gb)
      for (int64_t o = 0; o < nOut; o++) gb[o] += pw[M * K + o];
  }
  THFree(priv);
  THNN_(colsEnd)(f_, cols);
  THNN_(outEnd)(gw_, gradA);
  if (gb_) THNN_(outEnd)(gb_, gradBias);
  THTensor_(free)(s_);
  THTensor_(free)(v_);
  THTensor_(free)(go_);
}

/* ---- spatial (optionally dilated) convolution: input (C, H, W) or (N, C, H, W), weight
 * (nOut, C, kH, kW) or (nOut, C kH kW); the columns unfold the input over the output's grid. */
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
  g.nd = 2;
  g.batch = input->nDimension == 4;
  int o = g.batch;
  g.N = g.batch ? input->size[0] : 1;
  const int64_t C = input->size[o], H = input->size[o + 1], W = input->size[o + 2];
  g.K = C * kH * kW;
  if (weight->nDimension == 4) {
    THArgCheck(weight->size[1] == C && weight->size[2] == kH && weight->size[3] == kW,
               "%s: expected weight of size [nOut, %lld, %d, %d], but got %s", op, (long long)C, kH, kW,
               THNN_SHAPE(weight));
  } else {
    THArgCheck(weight->nDimension == 2 && weight->size[1] == g.K,
               "%s: expected weight of size [nOut, %lld] or [nOut, %lld, %d, %d], but got %s", op, (long long)g.K,
               (long long)C, kH, kW, THNN_SHAPE(weight));
  }
  g.nOut = weight->size[0];
  if (bias)
    THArgCheck(THTensor_(nElement)(bias) == g.nOut, "%s: expected bias with %lld elements, but got %s", op,
               (long long)g.nOut, THNN_SHAPE(bias));
  int64_t ekH = (int64_t)dilH * (kH - 1) + 1, ekW = (int64_t)dilW * (kW - 1) + 1; /* dilated extent */
  THArgCheck(H + 2 * padH >= ekH && W + 2 * padW >= ekW,
             "%s: expected padded input at least as large as the dilated kernel (%lld x %lld), but got input %s", op,
             (long long)ekH, (long long)ekW, THNN_SHAPE(input));
  const int64_t oH = (H + 2 * padH - ekH) / dH + 1, oW = (W + 2 * padW - ekW) / dW + 1;
  const int k[3] = {1, kH, kW}, st[3] = {1, dH, dW}, pad[3] = {0, padH, padW}, dil[3] = {1, dilH, dilW};
  g.u = (THNN_(Unfold)){.C = C, .size = {1, H, W}, .grid = {1, oH, oW}};
  THNN_(setKernel)(&g.u, k, st, pad, dil);
  g.nIn = C;
  g.inVol = H * W;
  g.outVol = g.L = oH * oW;
  int64_t want[4] = {g.N, g.nOut, oH, oW};
  THNN_(convCheckGradOutput)(op, gradOutput, want, 4, g.batch);
  return g;
}

/* The three passes of a convolution (spatial or volumetric, checked into g).  finput / fgradInput
 * are scratch: the (T, K, L) columns of the T images that run at once (THNN_convThreads), untouched
 * for a pointwise (1x1) kernel, whose columns are the image itself. */
static void THNN_(convForward)(const THNN_(ConvGeom) *g, THTensor *input, THTensor *output, THTensor *weight,
                               THTensor *bias, THTensor *finput) {
  THNN_(resizeImages)(output, g, g->nOut, g->u.grid);
  THNN_(convGather)(g, input, weight, g->nOut, bias, output, finput);
}
static void THNN_(convBackward)(const THNN_(ConvGeom) *g, THTensor *input, THTensor *gradOutput,
                                THTensor *gradInput, THTensor *weight, THTensor *fgradInput) {
  THTensor_(resizeAs)(gradInput, input);
  THNN_(convScatter)(g, gradOutput, weight, g->nOut, NULL, gradInput, fgradInput);
}
static void THNN_(convAccGrad)(const THNN_(ConvGeom) *g, THTensor *input, THTensor *gradOutput,
                               THTensor *gradWeight, THTensor *gradBias, THTensor *finput, accreal scale) {
  THNN_(convAcc)(g, input, gradOutput, g->nOut, gradOutput, gradWeight, gradBias, finput, scale);
}

void THNN_(SpatialConvolutionMM_updateOutput)(THNNState *state, THTensor *input, THTensor *output, THTensor *weight,
                                              THTensor *bias, THTensor *finput, THTensor *fgradInput, int kW, int kH,
                                              int dW, int dH, int padW, int padH) {
  THNN_(ConvGeom) g =
      THNN_(convCheck)("SpatialConvolutionMM", input, NULL, weight, bias, kW, kH, dW, dH, padW, padH, 1, 1);
  THNN_(convForward)(&g, input, output, weight, bias, finput);
}
void THNN_(SpatialConvolutionMM_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                 THTensor *gradInput, THTensor *weight, THTensor *finput,
                                                 THTensor *fgradInput, int kW, int kH, int dW, int dH, int padW,
                                                 int padH) {
  THNN_(ConvGeom) g =
      THNN_(convCheck)("SpatialConvolutionMM", input, gradOutput, weight, NULL, kW, kH, dW, dH, padW, padH, 1, 1);
  THNN_(convBackward)(&g, input, gradOutput, gradInput, weight, fgradInput);
}
void THNN_(SpatialConvolutionMM_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                   THTensor *gradWeight, THTensor *gradBias, THTensor *finput,
                                                   THTensor *fgradInput, int kW, int kH, int dW, int dH, int padW,
                                                   int padH, accreal scale) {
  THNN_(ConvGeom) g = THNN_(convCheck)("SpatialConvolutionMM", input, gradOutput, gradWeight, gradBias, kW, kH, dW,
                                       dH, padW, padH, 1, 1);
  THNN_(convAccGrad)(&g, input, gradOutput, gradWeight, gradBias, finput, scale);
}

/* ---- dilated convolution: the same im2col + GEMM with dilated taps */
void THNN_(SpatialDilatedConvolution_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                                   THTensor *weight, THTensor *bias, THTensor *columns,
                                                   THTensor *ones, int kW, int kH, int dW, int dH, int padW,
                                                   int padH, int dilationW, int dilationH) {
  THNN_(ConvGeom) g = THNN_(convCheck)("SpatialDilatedConvolution", input, NULL, weight, bias, kW, kH, dW, dH, padW,
                                       padH, dilationW, dilationH);
  THNN_(convForward)(&g, input, output, weight, bias, columns);
}
void THNN_(SpatialDilatedConvolution_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                      THTensor *gradInput, THTensor *weight, THTensor *gradColumns,
                                                      int kW, int kH, int dW, int dH, int padW, int padH,
                                                      int dilationW, int dilationH) {
  THNN_(ConvGeom) g = THNN_(convCheck)("SpatialDilatedConvolution", input, gradOutput, weight, NULL, kW, kH, dW, dH,
                                       padW, padH, dilationW, dilationH);
  THNN_(convBackward)(&g, input, gradOutput, gradInput, weight, gradColumns);
}
void THNN_(SpatialDilatedConvolution_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                        THTensor *gradWeight, THTensor *gradBias, THTensor *columns,
                                                        THTensor *ones, int kW, int kH, int dW, int dH, int padW,
                                                        int padH, int dilationW, int dilationH, accreal scale) {
  THNN_(ConvGeom) g = THNN_(convCheck)("SpatialDilatedConvolution", input, gradOutput, gradWeight, gradBias, kW, kH,
                                       dW, dH, padW, padH, dilationW, dilationH);
  THNN_(convAccGrad)(&g, input, gradOutput, gradWeight, gradBias, columns, scale);
}

/* ---- transposed (full) convolution: the adjoint of a convolution whose input is our output.
 * input (C, H, W) or (N, C, H, W); weight (C, nOut, kH, kW), read as the (C, nOut kH kW) matrix;
 * output side (H - 1) dH - 2 padH + dilH (kH - 1) + 1 + adjH.  The columns unfold the output over
 * the input's grid: the forward is a scatter (columns = W^T x input, folded into the output), the
 * backward passes gather from gradOutput. */
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
  g.nd = 2;
  g.batch = input->nDimension == 4;
  int o = g.batch;
  g.N = g.batch ? input->size[0] : 1;
  const int64_t C = input->size[o], H = input->size[o + 1], W = input->size[o + 2];
  THArgCheck(weight->nDimension == 4 && weight->size[0] == C && weight->size[2] == kH && weight->size[3] == kW,
             "%s: expected weight of size [%lld, nOut, %d, %d], but got %s", op, (long long)C, kH, kW,
             THNN_SHAPE(weight));
  g.nOut = weight->size[1];
  g.K = g.nOut * kH * kW;
  if (bias)
    THArgCheck(THTensor_(nElement)(bias) == g.nOut, "%s: expected bias with %lld elements, but got %s", op,
               (long long)g.nOut, THNN_SHAPE(bias));
  const int64_t oH = (H - 1) * dH - 2 * (int64_t)padH + (int64_t)dilH * (kH - 1) + 1 + adjH;
  const int64_t oW = (W - 1) * dW - 2 * (int64_t)padW + (int64_t)dilW * (kW - 1) + 1 + adjW;
  THArgCheck(H > 0 && W > 0 && oH > 0 && oW > 0,
             "%s: expected an output of at least 1 x 1, but got %lld x %lld for input %s", op, (long long)oH,
             (long long)oW, THNN_SHAPE(input));
  const int k[3] = {1, kH, kW}, st[3] = {1, dH, dW}, pad[3] = {0, padH, padW}, dil[3] = {1, dilH, dilW};
  g.u = (THNN_(Unfold)){.C = g.nOut, .size = {1, oH, oW}, .grid = {1, H, W}};
  THNN_(setKernel)(&g.u, k, st, pad, dil);
  g.nIn = C;
  g.inVol = g.L = H * W; /* the columns span the input's pixels */
  g.outVol = oH * oW;
  int64_t want[4] = {g.N, g.nOut, oH, oW};
  THNN_(convCheckGradOutput)(op, gradOutput, want, 4, g.batch);
  return g;
}

void THNN_(SpatialFullDilatedConvolution_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                                       THTensor *weight, THTensor *bias, THTensor *columns,
                                                       THTensor *ones, int kW, int kH, int dW, int dH, int padW,
                                                       int padH, int dilationW, int dilationH, int adjW, int adjH) {
  THNN_(ConvGeom) g = THNN_(fullCheck)("SpatialFullDilatedConvolution", input, NULL, weight, bias, kW, kH, dW, dH,
                                       padW, padH, dilationW, dilationH, adjW, adjH);
  THNN_(resizeImages)(output, &g, g.nOut, g.u.size);
  THNN_(convScatter)(&g, input, weight, g.nIn, bias, output, columns);
}

void THNN_(SpatialFullDilatedConvolution_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                          THTensor *gradInput, THTensor *weight,
                                                          THTensor *gradColumns, int kW, int kH, int dW, int dH,
                                                          int padW, int padH, int dilationW, int dilationH, int adjW,
                                                          int adjH) {
  THNN_(ConvGeom) g = THNN_(fullCheck)("SpatialFullDilatedConvolution", input, gradOutput, weight, NULL, kW, kH, dW,
                                       dH, padW, padH, dilationW, dilationH, adjW, adjH);
  THTensor_(resizeAs)(gradInput, input);
  /* gradInput (C, H W) = W (C, K) x columns of gradOutput (K, H W) */
  THNN_(convGather)(&g, gradOutput, weight, g.nIn, NULL, gradInput, gradColumns);
}

void THNN_(SpatialFullDilatedConvolution_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                            THTensor *gradWeight, THTensor *gradBias,
                                                            THTensor *columns, THTensor *ones, int kW, int kH, int dW,
                                                            int dH, int padW, int padH, int dilationW, int dilationH,
                                                            int adjW, int adjH, accreal scale) {
  THNN_(ConvGeom) g = THNN_(fullCheck)("SpatialFullDilatedConvolution", input, gradOutput, gradWeight, gradBias, kW,
                                       kH, dW, dH, padW, padH, dilationW, dilationH, adjW, adjH);
  /* gradWeight (C, K) += scale input (C, H W) x columns of gradOutput ^T (H W, K) */
  THNN_(convAcc)(&g, gradOutput, input, g.nIn, gradOutput, gradWeight, gradBias, columns, scale);
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

/* ---- volumetric convolution: input (C, T, H, W) or (N, C, T, H, W), weight (nOut, C, kT, kH, kW)
 * or (nOut, C kT kH kW); the spatial convolution's passes with a 3-d unfolding. */
static THNN_(ConvGeom) THNN_(conv3Check)(THTensor *input, THTensor *gradOutput, THTensor *weight, THTensor *bias,
                                          int kT, int kW, int kH, int dT, int dW, int dH, int pT, int pW, int pH) {
  const char *op = "VolumetricConvolutionMM";
  THNN_(ConvGeom) g;
  THArgCheck(kT > 0 && kW > 0 && kH > 0, "%s: expected kernel size > 0, but got kT %d, kH %d and kW %d", op, kT, kH,
             kW);
  THArgCheck(dT > 0 && dW > 0 && dH > 0, "%s: expected stride > 0, but got dT %d, dH %d and dW %d", op, dT, dH, dW);
  THArgCheck(pT >= 0 && pW >= 0 && pH >= 0, "%s: expected padding >= 0, but got pT %d, pH %d and pW %d", op, pT, pH,
             pW);
  THArgCheck(input->nDimension == 4 || input->nDimension == 5,
             "%s: expected input of 4 (C, T, H, W) or 5 (N, C, T, H, W) dimensions, but got %s", op,
             THNN_SHAPE(input));
  g.nd = 3;
  g.batch = input->nDimension == 5;
  int o = g.batch;
  g.N = g.batch ? input->size[0] : 1;
  const int64_t C = input->size[o], T = input->size[o + 1], H = input->size[o + 2], W = input->size[o + 3];
  g.K = C * kT * kH * kW;
  if (weight->nDimension == 5) {
    THArgCheck(weight->size[1] == C && weight->size[2] == kT && weight->size[3] == kH && weight->size[4] == kW,
               "%s: expected weight of size [nOut, %lld, %d, %d, %d], but got %s", op, (long long)C, kT, kH, kW,
               THNN_SHAPE(weight));
  } else {
    THArgCheck(weight->nDimension == 2 && weight->size[1] == g.K,
               "%s: expected weight of size [nOut, %lld] or [nOut, %lld, %d, %d, %d], but got %s", op,
               (long long)g.K, (long long)C, kT, kH, kW, THNN_SHAPE(weight));
  }
  g.nOut = weight->size[0];
  if (bias)
    THArgCheck(THTensor_(nElement)(bias) == g.nOut, "%s: expected bias with %lld elements, but got %s", op,
               (long long)g.nOut, THNN_SHAPE(bias));
  THArgCheck(T + 2 * pT >= kT && H + 2 * pH >= kH && W + 2 * pW >= kW,
             "%s: expected padded input at least as large as the kernel (%d x %d x %d), but got input %s", op, kT, kH,
             kW, THNN_SHAPE(input));
  const int64_t oT = (T + 2 * pT - kT) / dT + 1, oH = (H + 2 * pH - kH) / dH + 1, oW = (W + 2 * pW - kW) / dW + 1;
  const int k[3] = {kT, kH, kW}, st[3] = {dT, dH, dW}, pad[3] = {pT, pH, pW}, dil[3] = {1, 1, 1};
  g.u = (THNN_(Unfold)){.C = C, .size = {T, H, W}, .grid = {oT, oH, oW}};
  THNN_(setKernel)(&g.u, k, st, pad, dil);
  g.nIn = C;
  g.inVol = T * H * W;
  g.outVol = g.L = oT * oH * oW;
  int64_t want[5] = {g.N, g.nOut, oT, oH, oW};
  THNN_(convCheckGradOutput)(op, gradOutput, want, 5, g.batch);
  return g;
}

void THNN_(VolumetricConvolutionMM_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                                 THTensor *weight, THTensor *bias, THTensor *finput,
                                                 THTensor *fgradInput, int kT, int kW, int kH, int dT, int dW, int dH,
                                                 int pT, int pW, int pH) {
  THNN_(ConvGeom) g = THNN_(conv3Check)(input, NULL, weight, bias, kT, kW, kH, dT, dW, dH, pT, pW, pH);
  THNN_(convForward)(&g, input, output, weight, bias, finput);
}

void THNN_(VolumetricConvolutionMM_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                    THTensor *gradInput, THTensor *weight, THTensor *finput,
                                                    THTensor *fgradInput, int kT, int kW, int kH, int dT, int dW,
                                                    int dH, int pT, int pW, int pH) {
  THNN_(ConvGeom) g = THNN_(conv3Check)(input, gradOutput, weight, NULL, kT, kW, kH, dT, dW, dH, pT, pW, pH);
  THNN_(convBackward)(&g, input, gradOutput, gradInput, weight, fgradInput);
}

void THNN_(VolumetricConvolutionMM_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                      THTensor *gradWeight, THTensor *gradBias, THTensor *finput,
                                                      THTensor *fgradInput, int kT, int kW, int kH, int dT, int dW,
                                                      int dH, int pT, int pW, int pH, accreal scale) {
  THNN_(ConvGeom) g =
      THNN_(conv3Check)(input, gradOutput, gradWeight, gradBias, kT, kW, kH, dT, dW, dH, pT, pW, pH);
  THNN_(convAccGrad)(&g, input, gradOutput, gradWeight, gradBias, finput, scale);
}
