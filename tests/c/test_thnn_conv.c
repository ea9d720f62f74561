/* C-level tests of the convolution drivers on geometries large enough that an image's columns are
 * made a block of grid rows at a time (several blocks, the last one short): the spatial dilated,
 * transposed and volumetric forwards against a direct loop, and their input / weight / bias
 * gradients through the adjoint identities <f(x), g> = <x, f^T(g)> and <f_w(x), g> = <w, dW>. */
#include "thnn_test.h"

/* A direct (de)convolution of one batch in flat arrays: sizes (T, H, W) of the unfolded side p and
 * of the grid q, tap t of kernel k sees p = q st - pad + t dil.  conv: y (N, O, q) from x (N, C, p)
 * with w (O, C, k); transposed: y (N, O, p) += x (N, C, q) w (C, O, k). */
typedef struct {
  int64_t N, C, O, p[3], q[3];
  int k[3], st[3], pad[3], dil[3], transposed;
} Geom;

static int64_t vol(const int64_t *s) { return s[0] * s[1] * s[2]; }

static void direct(const Geom *g, const double *x, const double *w, double *y) {
  const int64_t P = vol(g->p), Q = vol(g->q), KV = (int64_t)g->k[0] * g->k[1] * g->k[2];
  const int64_t yPix = g->transposed ? P : Q;
  for (int64_t i = 0; i < g->N * g->O * yPix; i++) y[i] = 0;
  for (int64_t n = 0; n < g->N; n++)
    for (int64_t o = 0; o < g->O; o++)
      for (int64_t c = 0; c < g->C; c++)
        for (int64_t q = 0; q < Q; q++)
          for (int64_t t = 0; t < KV; t++) {
            int64_t qi[3] = {q / (g->q[1] * g->q[2]), q / g->q[2] % g->q[1], q % g->q[2]};
            int64_t ti[3] = {t / (g->k[1] * g->k[2]), t / g->k[2] % g->k[1], t % g->k[2]}, p = 0;
            int inside = 1;
            for (int d = 0; d < 3; d++) {
              int64_t pd = qi[d] * g->st[d] - g->pad[d] + ti[d] * g->dil[d];
              inside &= pd >= 0 && pd < g->p[d];
              p = p * g->p[d] + pd;
            }
            if (!inside) continue;
            if (g->transposed)
              y[(n * g->O + o) * P + p] += x[(n * g->C + c) * Q + q] * w[(c * g->O + o) * KV + t];
            else
              y[(n * g->O + o) * Q + q] += x[(n * g->C + c) * P + p] * w[(o * g->C + c) * KV + t];
          }
}

static double dot(DT *a, DT *b) {
  double s = 0;
  for (int64_t i = 0; i < THDoubleTensor_nElement(a); i++) s += at(a, i) * at(b, i);
  return s;
}

/* The passes of one kernel under test, with its hyper-parameters bound. */
typedef struct {
  void (*fwd)(DT *x, DT *y, DT *w, DT *b);
  void (*bwd)(DT *x, DT *gy, DT *gx, DT *w);
  void (*acc)(DT *x, DT *gy, DT *gw, DT *gb);
} Passes;

/* Checks the forward against the direct loop, then the three gradients through the adjoints. */
static void check_kernel(const Geom *g, const Passes *ps, int nd, uint32_t seed) {
  const int64_t xPix = g->transposed ? vol(g->q) : vol(g->p), yPix = g->transposed ? vol(g->p) : vol(g->q);
  const int64_t *xs = g->transposed ? g->q : g->p, *ys = g->transposed ? g->p : g->q;
  int64_t sx[5] = {g->N, g->C}, sy[5] = {g->N, g->O};
  int64_t sw[5] = {g->transposed ? g->C : g->O, g->transposed ? g->O : g->C};
  for (int d = 0; d < nd; d++) {
    sx[2 + d] = xs[3 - nd + d];
    sy[2 + d] = ys[3 - nd + d];
    sw[2 + d] = g->k[3 - nd + d];
  }
  const int64_t sb[1] = {g->O};
  DT *x = drandom(2 + nd, sx, seed), *w = drandom(2 + nd, sw, seed + 1), *w2 = drandom(2 + nd, sw, seed + 2);
  DT *b = drandom(1, sb, seed + 3), *gy = drandom(2 + nd, sy, seed + 4), *y = dempty(), *gx = dempty();
  DT *gw = dtensor(2 + nd, sw, NULL), *gb = dtensor(1, sb, NULL), *ref = dtensor(2 + nd, sy, NULL);
  ps->fwd(x, y, w, b);
  CHECK(THDoubleTensor_nElement(y) == g->N * g->O * yPix);
  direct(g, THDoubleTensor_data(x), THDoubleTensor_data(w), THDoubleTensor_data(ref));
  double err = 0;
  for (int64_t i = 0; i < THDoubleTensor_nElement(ref); i++) {
    double e = fabs(at(y, i) - at(ref, i) - at(b, i / yPix % g->O));
    if (e > err) err = e;
  }
  CHECK(err < 1e-9);
  /* <conv(x), gy> = <x, gradInput(gy)> (without bias); <conv_w2(x), gy> = <w2, gradWeight> */
  ps->fwd(x, y, w, NULL);
  ps->bwd(x, gy, gx, w);
  CHECK(THDoubleTensor_nElement(gx) == g->N * g->C * xPix);
  CHECK_NEAR(dot(y, gy), dot(x, gx), 1e-8 * (1 + fabs(dot(y, gy))));
  ps->fwd(x, y, w2, NULL);
  ps->acc(x, gy, gw, gb);
  CHECK_NEAR(dot(y, gy), dot(w2, gw), 1e-8 * (1 + fabs(dot(y, gy))));
  for (int64_t o = 0; o < g->O; o++) {
    double s = 0;
    for (int64_t n = 0; n < g->N; n++)
      for (int64_t i = 0; i < yPix; i++) s += at(gy, (n * g->O + o) * yPix + i);
    CHECK_NEAR(at(gb, o), s, 1e-9 * (1 + fabs(s)));
  }
  DT *all[] = {x, w, w2, b, gy, y, gx, gw, gb, ref};
  for (size_t i = 0; i < sizeof(all) / sizeof(*all); i++) THDoubleTensor_free(all[i]);
}

/* dilated 2-d convolution: kernel 5x4, stride (1, 2), padding (2, 1), dilation (2, 1) */
#define DIL 4, 5, 2, 1, 1, 2, 1, 2
static void dil_fwd(DT *x, DT *y, DT *w, DT *b) {
  DT *c = dempty(), *o = dempty();
  THNN_DoubleSpatialDilatedConvolution_updateOutput(NULL, x, y, w, b, c, o, DIL);
  THDoubleTensor_free(c), THDoubleTensor_free(o);
}
static void dil_bwd(DT *x, DT *gy, DT *gx, DT *w) {
  DT *c = dempty();
  THNN_DoubleSpatialDilatedConvolution_updateGradInput(NULL, x, gy, gx, w, c, DIL);
  THDoubleTensor_free(c);
}
static void dil_acc(DT *x, DT *gy, DT *gw, DT *gb) {
  DT *c = dempty(), *o = dempty();
  THNN_DoubleSpatialDilatedConvolution_accGradParameters(NULL, x, gy, gw, gb, c, o, DIL, 1.0);
  THDoubleTensor_free(c), THDoubleTensor_free(o);
}

/* transposed 2-d convolution: kernel 3x4, stride (2, 2), padding (1, 2), dilation (1, 2), adj (1, 0) */
#define FULL 4, 3, 2, 2, 2, 1, 2, 1, 0, 1
static void full_fwd(DT *x, DT *y, DT *w, DT *b) {
  DT *c = dempty(), *o = dempty();
  THNN_DoubleSpatialFullDilatedConvolution_updateOutput(NULL, x, y, w, b, c, o, FULL);
  THDoubleTensor_free(c), THDoubleTensor_free(o);
}
static void full_bwd(DT *x, DT *gy, DT *gx, DT *w) {
  DT *c = dempty();
  THNN_DoubleSpatialFullDilatedConvolution_updateGradInput(NULL, x, gy, gx, w, c, FULL);
  THDoubleTensor_free(c);
}
static void full_acc(DT *x, DT *gy, DT *gw, DT *gb) {
  DT *c = dempty(), *o = dempty();
  THNN_DoubleSpatialFullDilatedConvolution_accGradParameters(NULL, x, gy, gw, gb, c, o, FULL, 1.0);
  THDoubleTensor_free(c), THDoubleTensor_free(o);
}

/* volumetric convolution: kernel (kT, kW, kH) = (3, 3, 2), stride (1, 1, 2), padding (1, 1, 0) */
#define VOL 3, 3, 2, 1, 1, 2, 1, 1, 0
static void vol_fwd(DT *x, DT *y, DT *w, DT *b) {
  DT *c = dempty(), *o = dempty();
  THNN_DoubleVolumetricConvolutionMM_updateOutput(NULL, x, y, w, b, c, o, VOL);
  THDoubleTensor_free(c), THDoubleTensor_free(o);
}
static void vol_bwd(DT *x, DT *gy, DT *gx, DT *w) {
  DT *c = dempty(), *o = dempty();
  THNN_DoubleVolumetricConvolutionMM_updateGradInput(NULL, x, gy, gx, w, c, o, VOL);
  THDoubleTensor_free(c), THDoubleTensor_free(o);
}
static void vol_acc(DT *x, DT *gy, DT *gw, DT *gb) {
  DT *c = dempty(), *o = dempty();
  THNN_DoubleVolumetricConvolutionMM_accGradParameters(NULL, x, gy, gw, gb, c, o, VOL, 1.0);
  THDoubleTensor_free(c), THDoubleTensor_free(o);
}

int main(void) {
  TH_TEST_INIT();
  /* input (3, 12, 23, 80) -> 19 x 40; columns K = 12 * 20 by 40: blocks of 10 and 9 grid rows */
  Geom dil = {3, 12, 5, {1, 23, 80}, {1, 19, 40}, {1, 5, 4}, {1, 1, 2}, {0, 2, 1}, {1, 2, 1}, 0};
  Passes pd = {dil_fwd, dil_bwd, dil_acc};
  check_kernel(&dil, &pd, 2, 10);
  /* input (3, 10, 20, 30) -> 40 x 61; columns K = 24 * 12 by 30: two blocks of 10 grid rows */
  Geom full = {3, 10, 24, {1, 40, 61}, {1, 20, 30}, {1, 3, 4}, {1, 2, 2}, {0, 1, 2}, {1, 1, 2}, 1};
  Passes pf = {full_fwd, full_bwd, full_acc};
  check_kernel(&full, &pf, 2, 20);
  /* input (3, 16, 6, 14, 20) -> 6 x 7 x 20; columns K = 16 * 18 by 20: two blocks of 21 grid rows */
  Geom vol = {3, 16, 4, {6, 14, 20}, {6, 7, 20}, {3, 2, 3}, {1, 2, 1}, {1, 0, 1}, {1, 1, 1}, 0};
  Passes pv = {vol_fwd, vol_bwd, vol_acc};
  check_kernel(&vol, &pv, 3, 30);
  /* a batch of one: one image at a time, its GEMMs split over the threads */
  dil.N = 1;
  check_kernel(&dil, &pd, 2, 40);
  TH_TEST_DONE();
}
