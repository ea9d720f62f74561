/* RNNFused: the time loop of one layer and direction of an Elman RNN, LSTM or GRU, forward and
 * backward through time (generic over Float and Double).
 *
 * Sequences are packed: step t covers rows [off_t, off_t + bs_t) of every (total, *) tensor, with
 * non-increasing batch sizes bs_t, so the sequences still running at step t are the first bs_t rows
 * of the (N, *) state.  A row whose sequence has ended is not touched again: its state is already
 * the final one (forward order) or still the initial one (reverse order), which is exactly what
 * h_n and the gradient of h_0 need.  Per step there is one GEMM with the recurrent weight (two
 * with an LSTM projection) and one fused pointwise pass over the gates. */
#include "THNNHelpers.h"

#ifndef THNN_RNN_GEOM
#define THNN_RNN_GEOM
/* The sizes of a call: steps, batch (rows of the state), packed rows, hidden size, size of the
 * hidden output (the projection size, or H), number of gates. */
typedef struct {
  int64_t T, N, total, H, P, G;
} THNNRnnGeom;
#endif

static inline real THNN_(rnnSigmoid)(real x) {
#if defined(TH_REAL_IS_FLOAT)
  return THVector_sigmoidf(x);
#else
  return 1 / (1 + exp(-x));
#endif
}

static inline real THNN_(rnnTanh)(real x) {
#if defined(TH_REAL_IS_FLOAT)
  return THVector_tanhf(x);
#else
  return tanh(x);
#endif
}

/* gates[:, k H + h0, k H + h1) = beta gates + A W[k H + h0 : k H + h1)^T for each of the G gate
 * blocks k (the thread's columns of A W^T): A (b, K), W (G H, K), gates with row stride ldc.  One
 * product when the part is every column. */
static void THNN_(rnnGateGemm)(int64_t b, int64_t G, int64_t H, int64_t K, const THNNRnnPart *q, const real *A,
                               const real *W, real beta, real *C, int64_t ldc) {
  const int64_t w = q->h1 - q->h0;
  if (w == H) {
    THNN_(gemm)(0, 1, b, G * H, K, 1, A, K, W, K, beta, C, ldc);
    return;
  }
  for (int64_t k = 0; k < G && w > 0; k++)
    THNN_(gemm)(0, 1, b, w, K, 1, A, K, W + (k * H + q->h0) * K, K, beta, C + k * H + q->h0, ldc);
}

/* C[:, lo, hi) = beta C + A B[:, lo, hi): the thread's columns of A B, A (b, K), B (K, ldb). */
static void THNN_(rnnColGemm)(int64_t b, int64_t lo, int64_t hi, int64_t K, const real *A, const real *B, int64_t ldb,
                              real beta, real *C, int64_t ldc) {
  if (hi > lo) THNN_(gemm)(0, 0, b, hi - lo, K, 1, A, K, B + lo, ldb, beta, C + lo, ldc);
}

/* dst[r, lo, hi) = src[r, lo, hi) for the b rows of two matrices with row stride ld. */
static void THNN_(rnnCopyCols)(int64_t b, int64_t lo, int64_t hi, int64_t ld, real *dst, const real *src) {
  for (int64_t r = 0; r < b && hi > lo; r++)
    memcpy(dst + r * ld + lo, src + r * ld + lo, sizeof(real) * (size_t)(hi - lo));
}

/* Raises unless t (when given) is a (rows, cols) matrix. */
static void THNN_(rnnCheck2d)(const char *op, const char *what, THTensor *t, int64_t rows, int64_t cols) {
  if (t)
    THArgCheck(t->nDimension == 2 && t->size[0] == rows && t->size[1] == cols,
               "%s: expected %s of shape [%lld, %lld], but got %s", op, what, (long long)rows, (long long)cols,
               THNN_SHAPE(t));
}

/* Checks the arguments every call shares and fills g. */
static void THNN_(rnnGeometry)(const char *op, int mode, THTensor *gates, THTensor *weight_hh, THTensor *weight_hr,
                               THIndexTensor *batchSizes, THNNRnnGeom *g) {
  static const int n_gates[4] = {1, 1, 4, 3};
  THArgCheck(mode >= 0 && mode <= 3, "%s: expected mode 0 (RNN tanh), 1 (RNN relu), 2 (LSTM) or 3 (GRU), but got %d",
             op, mode);
  g->G = n_gates[mode];
  THArgCheck(gates->nDimension == 2 && gates->size[1] > 0 && gates->size[1] % g->G == 0,
             "%s: expected gates of shape [total, %lld * hidden_size], but got %s", op, (long long)g->G,
             THNN_SHAPE(gates));
  g->total = gates->size[0];
  g->H = gates->size[1] / g->G;
  THArgCheck(weight_hh->nDimension == 2 && weight_hh->size[0] == g->G * g->H,
             "%s: expected weight_hh with %lld rows, but got %s", op, (long long)(g->G * g->H),
             THNN_SHAPE(weight_hh));
  g->P = weight_hh->size[1];
  if (weight_hr) {
    THArgCheck(mode == 2, "%s: expected weight_hr only for an LSTM (mode 2), but got mode %d", op, mode);
    THNN_(rnnCheck2d)(op, "weight_hr", weight_hr, g->P, g->H);
  } else {
    THNN_(rnnCheck2d)(op, "weight_hh", weight_hh, g->G * g->H, g->H);
  }
  THArgCheck(batchSizes->nDimension == 1 && batchSizes->size[0] > 0,
             "%s: expected a non-empty 1-d batchSizes, but got %s", op, THNN_SHAPE(batchSizes));
  THLongTensor *bs_ = THLongTensor_newContiguous(batchSizes);
  const int64_t *bs = (const int64_t *)THLongTensor_data(bs_);
  int64_t T = bs_->size[0], sum = 0, bad = -1;
  for (int64_t t = 0; t < T && bad < 0; t++) {
    if (bs[t] < 1 || (t > 0 && bs[t] > bs[t - 1])) bad = t;
    sum += bs[t];
  }
  int64_t N = bs[0], bad_value = bad >= 0 ? bs[bad] : 0;
  THLongTensor_free(bs_);
  THArgCheck(bad < 0, "%s: expected positive, non-increasing batchSizes, but got %lld at step %lld", op,
             (long long)bad_value, (long long)bad);
  THArgCheck(sum == g->total, "%s: expected batchSizes summing to the %lld rows of gates, but got %lld", op,
             (long long)g->total, (long long)sum);
  g->T = T;
  g->N = N;
}

/* ---- forward steps: rows [0, b) of the state h (read) and its next value hn (written), c (in
 * place), gate rows gx (b, G H).  Every thread of the time loop runs each step on its part q.  The
 * state is double-buffered, so one barrier per step suffices: the step starts once every thread
 * has written its columns of h, and hn was last read by the step before that barrier. */

static void THNN_(rnnElmanStep)(int relu, int64_t b, int64_t H, const THNNRnnPart *q, real *restrict gx,
                                const real *W, const real *h, real *restrict hn) {
  THNN_RNN_BARRIER();
  THNN_(rnnGateGemm)(b, 1, H, H, q, h, W, 1, gx, H);
  for (int64_t r = 0; r < b; r++)
    for (int64_t j = r * H + q->h0; j < r * H + q->h1; j++) {
      real v = gx[j];
      v = relu ? (v > 0 ? v : 0) : THNN_(rnnTanh)(v);
      gx[j] = v;
      hn[j] = v;
    }
}

/* saved row layout: [c_{t-1} | tanh(c_t) | o * tanh(c_t) (only with a projection)] */
static void THNN_(rnnLstmStep)(int64_t b, int64_t H, int64_t P, const THNNRnnPart *q, real *restrict gx,
                               const real *W, const real *Wr, const real *h, real *restrict hn, real *restrict c,
                               real *restrict sv, int64_t SW) {
  const int64_t lo = q->h0, hi = q->h1;
  THNN_RNN_BARRIER();
  THNN_(rnnGateGemm)(b, 4, H, P, q, h, W, 1, gx, 4 * H);
  for (int64_t r = 0; r < b; r++) {
    real *restrict x = gx + r * 4 * H, *restrict cr = c + r * H, *restrict s = sv + r * SW;
    real *restrict m = Wr ? s + 2 * H : hn + r * P;
    /* simple passes: gcc vectorises each (one loop doing everything stays scalar) */
    for (int64_t j = lo; j < hi; j++) x[j] = THNN_(rnnSigmoid)(x[j]);
    for (int64_t j = H + lo; j < H + hi; j++) x[j] = THNN_(rnnSigmoid)(x[j]);
    for (int64_t j = 2 * H + lo; j < 2 * H + hi; j++) x[j] = THNN_(rnnTanh)(x[j]);
    for (int64_t j = 3 * H + lo; j < 3 * H + hi; j++) x[j] = THNN_(rnnSigmoid)(x[j]);
    for (int64_t j = lo; j < hi; j++) {
      real cp = cr[j], cn = x[H + j] * cp + x[j] * x[2 * H + j];
      s[j] = cp;
      cr[j] = cn;
    }
    for (int64_t j = lo; j < hi; j++) s[H + j] = THNN_(rnnTanh)(cr[j]);
    for (int64_t j = lo; j < hi; j++) m[j] = x[3 * H + j] * s[H + j];
  }
  if (Wr) {
    THNN_RNN_BARRIER(); /* every column of o * tanh(c_t) */
    if (q->p1 > q->p0)
      THNN_(gemm)(0, 1, b, q->p1 - q->p0, H, 1, sv + 2 * H, SW, Wr + q->p0 * H, H, 0, hn + q->p0, P);
  }
}

/* sc: scratch (b, 3H); saved row: h W_hn^T + b_hn */
static void THNN_(rnnGruStep)(int64_t b, int64_t H, const THNNRnnPart *q, real *restrict gx, const real *W,
                              const real *bh, const real *h, real *restrict hn, real *restrict sv, real *restrict sc) {
  THNN_RNN_BARRIER();
  THNN_(rnnGateGemm)(b, 3, H, H, q, h, W, 0, sc, 3 * H);
  for (int64_t r = 0; r < b; r++) {
    real *restrict x = gx + r * 3 * H, *restrict hnr = hn + r * H, *restrict s = sv + r * H;
    const real *restrict gh = sc + r * 3 * H, *restrict hr = h + r * H;
    for (int64_t j = q->h0; j < q->h1; j++) {
      real rr = THNN_(rnnSigmoid)(x[j] + gh[j] + bh[j]);
      real z = THNN_(rnnSigmoid)(x[H + j] + gh[H + j] + bh[H + j]);
      real ghn = gh[2 * H + j] + bh[2 * H + j];
      real n = THNN_(rnnTanh)(x[2 * H + j] + rr * ghn);
      x[j] = rr, x[H + j] = z, x[2 * H + j] = n;
      s[j] = ghn;
      hnr[j] = n + z * (hr[j] - n);
    }
  }
}

void THNN_(RNNFused_updateOutput)(THNNState *state, int mode, THTensor *gates, THTensor *weight_hh,
                                  THTensor *bias_hh, THTensor *weight_hr, THIndexTensor *batchSizes, bool reverse,
                                  THTensor *hx, THTensor *cx, THTensor *output, THTensor *hy, THTensor *cy,
                                  THTensor *hprev, THTensor *saved) {
  const char *op = "RNNFused_updateOutput";
  THNNRnnGeom g;
  THNN_(rnnGeometry)(op, mode, gates, weight_hh, weight_hr, batchSizes, &g);
  const int64_t H = g.H, P = g.P, GH = g.G * g.H;
  const int lstm = mode == 2, gru = mode == 3;
  const int64_t SW = lstm ? (weight_hr ? 3 : 2) * H : H;
  THNN_(rnnCheck2d)(op, "hx", hx, g.N, P);
  if (lstm) {
    THArgCheck(cx && cy, "%s: expected cx and cy for an LSTM, but got NULL", op);
    THNN_(rnnCheck2d)(op, "cx", cx, g.N, H);
  }
  if (gru && bias_hh)
    THArgCheck(THTensor_(nElement)(bias_hh) == GH, "%s: expected bias_hh with %lld elements, but got %s", op,
               (long long)GH, THNN_SHAPE(bias_hh));

  THTensor_(resize2d)(output, g.total, P);
  THTensor_(resize2d)(hprev, g.total, P);
  THTensor_(resizeAs)(hy, hx);
  THTensor_(copy)(hy, hx);
  if (lstm) {
    THTensor_(resizeAs)(cy, cx);
    THTensor_(copy)(cy, cx);
  }
  if (lstm || gru) THTensor_(resize2d)(saved, g.total, SW);
  THTensor *gt = THNN_(accBegin)(gates), *out = THNN_(outBegin)(output), *hp = THNN_(outBegin)(hprev);
  THTensor *hh = THNN_(accBegin)(hy), *cc = lstm ? THNN_(accBegin)(cy) : NULL;
  THTensor *sv = lstm || gru ? THNN_(outBegin)(saved) : NULL;
  THTensor *w = THTensor_(newContiguous)(weight_hh), *wr = weight_hr ? THTensor_(newContiguous)(weight_hr) : NULL;
  THTensor *bh = gru && bias_hh ? THTensor_(newContiguous)(bias_hh) : NULL;
  real *sc = gru ? THAlloc(sizeof(real) * (size_t)(g.N * GH)) : NULL;
  real *zero_bias = gru && !bh ? THAlloc(sizeof(real) * (size_t)GH) : NULL;
  if (zero_bias) memset(zero_bias, 0, sizeof(real) * (size_t)GH);
  THLongTensor *bs_ = THLongTensor_newContiguous(batchSizes);
  const int64_t *bs = (const int64_t *)THLongTensor_data(bs_);

  real *c = lstm ? THNN_(ptr)(cc) : NULL, *W = THNN_(ptr)(w), *Wr = wr ? THNN_(ptr)(wr) : NULL;
  const real *bias = bh ? THNN_(ptr)(bh) : zero_bias;
  real *gates_p = THNN_(ptr)(gt), *out_p = THNN_(ptr)(out), *hp_p = THNN_(ptr)(hp), *sv_p = sv ? THNN_(ptr)(sv) : NULL;
  real *hbuf = THAlloc(sizeof(real) * (size_t)(g.N * P)); /* the state's second buffer */
  /* One parallel region around the whole loop: each thread owns a slice of the columns of every
   * step's products and pointwise passes (its GEMMs run single-threaded inside the region), and
   * the steps synchronise at barriers instead of starting threads per step. */
  const int nt = THNN_rnnThreads(g.N * GH * P, H);
#pragma omp parallel num_threads(nt) if (nt > 1)
  {
    const THNNRnnPart q = THNN_rnnPart(H, P);
    real *h = THNN_(ptr)(hh), *hn = hbuf;
    int64_t off = reverse ? g.total : 0;
    for (int64_t s = 0; s < g.T; s++) {
      int64_t t = reverse ? g.T - 1 - s : s, b = bs[t];
      if (reverse) off -= b;
      real *gx = gates_p + off * GH;
      THNN_(rnnCopyCols)(b, q.p0, q.p1, P, hp_p + off * P, h); /* the columns this thread wrote */
      if (lstm)
        THNN_(rnnLstmStep)(b, H, P, &q, gx, W, Wr, h, hn, c, sv_p + off * SW, SW);
      else if (gru)
        THNN_(rnnGruStep)(b, H, &q, gx, W, bias, h, hn, sv_p + off * SW, sc);
      else
        THNN_(rnnElmanStep)(mode == 1, b, H, &q, gx, W, h, hn);
      THNN_(rnnCopyCols)(b, q.p0, q.p1, P, out_p + off * P, hn);
      /* rows past b keep their state (hn is no longer read: the step's barrier has passed) */
      THNN_(rnnCopyCols)(g.N - b, q.p0, q.p1, P, hn + b * P, h + b * P);
      real *tmp = h;
      h = hn, hn = tmp;
      if (!reverse) off += b;
    }
    THNN_RNN_BARRIER(); /* hy may be the buffer the last step's products read */
    if (h == hbuf) THNN_(rnnCopyCols)(g.N, q.p0, q.p1, P, THNN_(ptr)(hh), h);
  }
  THFree(hbuf);

  THLongTensor_free(bs_);
  if (sc) THFree(sc);
  if (zero_bias) THFree(zero_bias);
  THTensor_(free)(w);
  if (wr) THTensor_(free)(wr);
  if (bh) THTensor_(free)(bh);
  THNN_(outEnd)(gt, gates);
  THNN_(outEnd)(out, output);
  THNN_(outEnd)(hp, hprev);
  THNN_(outEnd)(hh, hy);
  if (cc) THNN_(outEnd)(cc, cy);
  if (sv) THNN_(outEnd)(sv, saved);
}

/* ---- backward steps: dh (b, P) holds the total gradient of the step's hidden output; on return
 * it holds the gradient of the hidden state the step read.  G: gradient rows of the gates.  As
 * forward, every thread runs each step on its part q.  The pointwise pass reads and writes only
 * the thread's own columns of dh (the ones its product wrote the step before), so one barrier per
 * step suffices: between the gate gradients and the product that reads all of them.  With a
 * projection, the product with W_hr reads all of dh, after a second barrier. */

static void THNN_(rnnElmanBack)(int relu, int64_t b, int64_t H, const THNNRnnPart *q, const real *restrict y,
                                const real *W, real *restrict dh, real *restrict G) {
  for (int64_t r = 0; r < b; r++)
    for (int64_t i = r * H + q->h0; i < r * H + q->h1; i++)
      G[i] = dh[i] * (relu ? (real)(y[i] > 0) : 1 - y[i] * y[i]);
  THNN_RNN_BARRIER();
  THNN_(rnnColGemm)(b, q->h0, q->h1, H, G, W, H, 0, dh, H);
}

static void THNN_(rnnLstmBack)(int64_t b, int64_t H, int64_t P, const THNNRnnPart *q, const real *restrict gx,
                               const real *W, const real *Wr, const real *restrict sv, int64_t SW, real *dh,
                               real *restrict dc, real *dm, real *restrict G) {
  if (Wr)
    THNN_(rnnColGemm)(b, q->h0, q->h1, P, dh, Wr, H, 0, dm, H);
  else
    dm = dh;
  for (int64_t r = 0; r < b; r++) {
    const real *restrict x = gx + r * 4 * H, *restrict s = sv + r * SW, *restrict dmr = dm + r * H;
    real *restrict dcr = dc + r * H, *restrict Gr = G + r * 4 * H;
    for (int64_t j = q->h0; j < q->h1; j++) {
      real i = x[j], f = x[H + j], gg = x[2 * H + j], o = x[3 * H + j];
      real cp = s[j], tc = s[H + j], d = dmr[j];
      real dct = dcr[j] + d * o * (1 - tc * tc);
      Gr[j] = dct * gg * i * (1 - i);
      Gr[H + j] = dct * cp * f * (1 - f);
      Gr[2 * H + j] = dct * i * (1 - gg * gg);
      Gr[3 * H + j] = d * tc * o * (1 - o);
      dcr[j] = dct * f;
    }
  }
  THNN_RNN_BARRIER(); /* every column of G; every read of dh done */
  THNN_(rnnColGemm)(b, q->p0, q->p1, 4 * H, G, W, P, 0, dh, P);
}

static void THNN_(rnnGruBack)(int64_t b, int64_t H, const THNNRnnPart *q, const real *restrict gx, const real *W,
                              const real *restrict sv, const real *restrict hp, real *restrict dh, real *restrict Gx,
                              real *restrict Gh) {
  for (int64_t r = 0; r < b; r++) {
    const real *restrict x = gx + r * 3 * H, *restrict s = sv + r * H, *restrict hpr = hp + r * H;
    real *restrict dhr = dh + r * H, *restrict gxr = Gx + r * 3 * H, *restrict ghr = Gh + r * 3 * H;
    for (int64_t j = q->h0; j < q->h1; j++) {
      real rr = x[j], z = x[H + j], n = x[2 * H + j], d = dhr[j];
      real dan = d * (1 - z) * (1 - n * n);
      real drp = dan * s[j] * rr * (1 - rr), dzp = d * (hpr[j] - n) * z * (1 - z);
      gxr[j] = drp, gxr[H + j] = dzp, gxr[2 * H + j] = dan;
      ghr[j] = drp, ghr[H + j] = dzp, ghr[2 * H + j] = dan * rr;
      dhr[j] = d * z;
    }
  }
  THNN_RNN_BARRIER(); /* every column of Gh */
  THNN_(rnnColGemm)(b, q->h0, q->h1, 3 * H, Gh, W, H, 1, dh, H);
}

/* Sets t to the (rows, cols) matrix src, or zeros where src is NULL. */
static void THNN_(rnnInitGrad)(THTensor *t, THTensor *src, int64_t rows, int64_t cols) {
  THTensor_(resize2d)(t, rows, cols);
  if (src)
    THTensor_(copy)(t, src);
  else
    THTensor_(zero)(t);
}

void THNN_(RNNFused_updateGradInput)(THNNState *state, int mode, THTensor *gates, THTensor *weight_hh,
                                     THTensor *weight_hr, THIndexTensor *batchSizes, bool reverse, THTensor *hprev,
                                     THTensor *saved, THTensor *gradOutput, THTensor *gradHy, THTensor *gradCy,
                                     THTensor *gradGates, THTensor *gradGatesH, THTensor *gradHx, THTensor *gradCx,
                                     THTensor *gradHidden) {
  const char *op = "RNNFused_updateGradInput";
  THNNRnnGeom g;
  THNN_(rnnGeometry)(op, mode, gates, weight_hh, weight_hr, batchSizes, &g);
  const int64_t H = g.H, P = g.P, GH = g.G * g.H;
  const int lstm = mode == 2, gru = mode == 3;
  const int64_t SW = lstm ? (weight_hr ? 3 : 2) * H : H;
  THNN_(rnnCheck2d)(op, "gradOutput", gradOutput, g.total, P);
  THNN_(rnnCheck2d)(op, "gradHy", gradHy, g.N, P);
  if (lstm) {
    THArgCheck(gradCx != NULL, "%s: expected gradCx for an LSTM, but got NULL", op);
    THNN_(rnnCheck2d)(op, "gradCy", gradCy, g.N, H);
  }
  if (lstm || gru) THNN_(rnnCheck2d)(op, "saved", saved, g.total, SW);
  if (gru) {
    THArgCheck(gradGatesH != NULL, "%s: expected gradGatesH for a GRU, but got NULL", op);
    THNN_(rnnCheck2d)(op, "hprev", hprev, g.total, P);
  }

  THTensor_(resize2d)(gradGates, g.total, GH);
  if (gru) THTensor_(resize2d)(gradGatesH, g.total, GH);
  if (gradHidden) THTensor_(resize2d)(gradHidden, g.total, P);
  THNN_(rnnInitGrad)(gradHx, gradHy, g.N, P);
  if (lstm) THNN_(rnnInitGrad)(gradCx, gradCy, g.N, H);
  THTensor *gt = THTensor_(newContiguous)(gates), *w = THTensor_(newContiguous)(weight_hh);
  THTensor *wr = weight_hr ? THTensor_(newContiguous)(weight_hr) : NULL;
  THTensor *sv = lstm || gru ? THTensor_(newContiguous)(saved) : NULL;
  THTensor *hp = gru ? THTensor_(newContiguous)(hprev) : NULL;
  THTensor *go = gradOutput ? THTensor_(newContiguous)(gradOutput) : NULL;
  THTensor *G = THNN_(outBegin)(gradGates), *Gh = gru ? THNN_(outBegin)(gradGatesH) : NULL;
  THTensor *ghid = gradHidden ? THNN_(outBegin)(gradHidden) : NULL;
  THTensor *dhT = THNN_(accBegin)(gradHx), *dcT = lstm ? THNN_(accBegin)(gradCx) : NULL;
  real *dm = wr ? THAlloc(sizeof(real) * (size_t)(g.N * H)) : NULL;
  THLongTensor *bs_ = THLongTensor_newContiguous(batchSizes);
  const int64_t *bs = (const int64_t *)THLongTensor_data(bs_);

  real *dh = THNN_(ptr)(dhT), *dc = lstm ? THNN_(ptr)(dcT) : NULL, *W = THNN_(ptr)(w), *Wr = wr ? THNN_(ptr)(wr) : NULL;
  const real *gates_p = THNN_(ptr)(gt), *sv_p = sv ? THNN_(ptr)(sv) : NULL, *hp_p = hp ? THNN_(ptr)(hp) : NULL;
  const real *go_p = go ? THNN_(ptr)(go) : NULL;
  real *G_p = THNN_(ptr)(G), *Gh_p = Gh ? THNN_(ptr)(Gh) : NULL, *ghid_p = ghid ? THNN_(ptr)(ghid) : NULL;
  /* one parallel region around the loop, as in updateOutput */
  const int nt = THNN_rnnThreads(g.N * GH * P, H);
#pragma omp parallel num_threads(nt) if (nt > 1)
  {
    const THNNRnnPart q = THNN_rnnPart(H, P);
    int64_t off = reverse ? 0 : g.total;
    for (int64_t s = 0; s < g.T; s++) { /* the forward steps in the opposite order */
      int64_t t = reverse ? s : g.T - 1 - s, b = bs[t];
      if (!reverse) off -= b;
      /* the columns of dh this thread wrote last step */
      if (go_p)
        for (int64_t r = 0; r < b; r++)
          for (int64_t i = r * P + q.p0; i < r * P + q.p1; i++) dh[i] += go_p[off * P + i];
      if (ghid_p) THNN_(rnnCopyCols)(b, q.p0, q.p1, P, ghid_p + off * P, dh);
      if (Wr) {
        THNN_RNN_BARRIER(); /* the projection's product reads every column of dh */
      }
      const real *gx = gates_p + off * GH;
      real *Gr = G_p + off * GH;
      if (lstm)
        THNN_(rnnLstmBack)(b, H, P, &q, gx, W, Wr, sv_p + off * SW, SW, dh, dc, dm, Gr);
      else if (gru)
        THNN_(rnnGruBack)(b, H, &q, gx, W, sv_p + off * SW, hp_p + off * P, dh, Gr, Gh_p + off * GH);
      else
        THNN_(rnnElmanBack)(mode == 1, b, H, &q, gx, W, dh, Gr);
      if (reverse) off += b;
    }
  }

  THLongTensor_free(bs_);
  if (dm) THFree(dm);
  THTensor_(free)(gt);
  THTensor_(free)(w);
  if (wr) THTensor_(free)(wr);
  if (sv) THTensor_(free)(sv);
  if (hp) THTensor_(free)(hp);
  if (go) THTensor_(free)(go);
  THNN_(outEnd)(G, gradGates);
  if (Gh) THNN_(outEnd)(Gh, gradGatesH);
  if (ghid) THNN_(outEnd)(ghid, gradHidden);
  THNN_(outEnd)(dhT, gradHx);
  if (dcT) THNN_(outEnd)(dcT, gradCx);
}
