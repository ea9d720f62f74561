/* C-level tests of RNNFused (the recurrent time loop): finite-difference gradients in double of the
 * gates (input projections) and of the initial hidden state for each mode, over a packed batch
 * (batch sizes 3, 2, 2, 1) in both directions, an LSTM with a projection, argument errors, and the
 * same results from one thread and from the time loop split over two (at sizes that split it). */
#include "thnn_test.h"

static int MODE, REVERSE;
static DT *W, *WR, *BH, *GATES, *HX, *CX;
static THLongTensor *BS;

static const int64_t H = 2, P_PROJ = 1, TOTAL = 8, N = 3;

static int64_t n_gates(void) { return MODE == 2 ? 4 : MODE == 3 ? 3 : 1; }
static int64_t out_size(void) { return WR ? P_PROJ : H; }

/* output (TOTAL, P) from gates g and initial state h */
static void run(DT *g, DT *h, DT *y, DT *gates_out, DT *hprev, DT *saved) {
  THDoubleTensor_resizeAs(gates_out, g);
  THDoubleTensor_copy(gates_out, g);
  DT *hy = dempty(), *cy = dempty();
  THNN_DoubleRNNFused_updateOutput(NULL, MODE, gates_out, W, BH, WR, BS, REVERSE, h, MODE == 2 ? CX : NULL, y, hy,
                                   MODE == 2 ? cy : NULL, hprev, saved);
  THDoubleTensor_free(hy);
  THDoubleTensor_free(cy);
}

/* gradients of sum(y * gy): which = 0 for the gates, 1 for hx */
static void backward(DT *g, DT *h, DT *gy, DT *grad, int which) {
  DT *y = dempty(), *act = dempty(), *hprev = dempty(), *saved = dempty();
  DT *gg = dempty(), *ggh = dempty(), *ghx = dempty(), *gcx = dempty(), *ghid = dempty();
  run(g, h, y, act, hprev, saved);
  THNN_DoubleRNNFused_updateGradInput(NULL, MODE, act, W, WR, BS, REVERSE, hprev, saved, gy, NULL, NULL, gg,
                                      MODE == 3 ? ggh : NULL, ghx, MODE == 2 ? gcx : NULL, WR ? ghid : NULL);
  THDoubleTensor_resizeAs(grad, which ? ghx : gg);
  THDoubleTensor_copy(grad, which ? ghx : gg);
  DT *all[] = {y, act, hprev, saved, gg, ggh, ghx, gcx, ghid};
  for (int i = 0; i < 9; i++) THDoubleTensor_free(all[i]);
}

static void fwd_gates(DT *g, DT *y) {
  DT *act = dempty(), *hprev = dempty(), *saved = dempty();
  run(g, HX, y, act, hprev, saved);
  THDoubleTensor_free(act), THDoubleTensor_free(hprev), THDoubleTensor_free(saved);
}
static void bwd_gates(DT *g, DT *y, DT *gy, DT *gg) { backward(g, HX, gy, gg, 0); }
static void fwd_hx(DT *h, DT *y) {
  DT *act = dempty(), *hprev = dempty(), *saved = dempty();
  run(GATES, h, y, act, hprev, saved);
  THDoubleTensor_free(act), THDoubleTensor_free(hprev), THDoubleTensor_free(saved);
}
static void bwd_hx(DT *h, DT *y, DT *gy, DT *gh) { backward(GATES, h, gy, gh, 1); }

static void setup(int mode, int reverse, int proj) {
  MODE = mode, REVERSE = reverse;
  int64_t G = n_gates();
  WR = proj ? drandom(2, (int64_t[]){P_PROJ, H}, 7) : NULL;
  int64_t P = out_size();
  W = drandom(2, (int64_t[]){G * H, P}, 1);
  BH = drandom(1, (int64_t[]){G * H}, 2);
  GATES = drandom(2, (int64_t[]){TOTAL, G * H}, 3);
  HX = drandom(2, (int64_t[]){N, P}, 4);
  CX = drandom(2, (int64_t[]){N, H}, 5);
}

static void teardown(void) {
  DT *all[] = {W, WR, BH, GATES, HX, CX};
  for (int i = 0; i < 6; i++)
    if (all[i]) THDoubleTensor_free(all[i]);
}

/* Runs forward and backward at sizes large enough for the time loop to split over threads (hidden
 * and projection sizes not multiples of the threads' column blocks); appends every result to res. */
static void run_large(int mode, int reverse, int proj, DT **res) {
  const int64_t h = 40, p = proj ? 24 : h, g = mode == 2 ? 4 : mode == 3 ? 3 : 1, n = 700, total = 1700;
  THLongTensor *bs = THLongTensor_newWithSize1d(3);
  THLongTensor_set1d(bs, 0, n), THLongTensor_set1d(bs, 1, n), THLongTensor_set1d(bs, 2, total - 2 * n);
  DT *w = drandom(2, (int64_t[]){g * h, p}, 1), *wr = proj ? drandom(2, (int64_t[]){p, h}, 2) : NULL;
  THDoubleTensor_mul(w, w, 0.1);
  if (wr) THDoubleTensor_mul(wr, wr, 0.1);
  DT *bh = drandom(1, (int64_t[]){g * h}, 3), *gates = drandom(2, (int64_t[]){total, g * h}, 4);
  DT *hx = drandom(2, (int64_t[]){n, p}, 5), *cx = drandom(2, (int64_t[]){n, h}, 6);
  DT *go = drandom(2, (int64_t[]){total, p}, 7), *ghy = drandom(2, (int64_t[]){n, p}, 8);
  DT *gcy = drandom(2, (int64_t[]){n, h}, 9);
  for (int i = 0; i < 11; i++) res[i] = dempty();
  DT *out = res[0], *hy = res[1], *cy = res[2], *hprev = res[3], *saved = res[4];
  int lstm = mode == 2, gru = mode == 3;
  THNN_DoubleRNNFused_updateOutput(NULL, mode, gates, w, gru ? bh : NULL, wr, bs, reverse, hx, lstm ? cx : NULL, out,
                                   hy, lstm ? cy : NULL, hprev, saved);
  THNN_DoubleRNNFused_updateGradInput(NULL, mode, gates, w, wr, bs, reverse, hprev, saved, go, ghy,
                                      lstm ? gcy : NULL, res[5], gru ? res[6] : NULL, res[7],
                                      lstm ? res[8] : NULL, wr ? res[9] : NULL);
  THDoubleTensor_resizeAs(res[10], gates);
  THDoubleTensor_copy(res[10], gates); /* the activated gates */
  DT *all[] = {w, bh, gates, hx, cx, go, ghy, gcy};
  for (int i = 0; i < 8; i++) THDoubleTensor_free(all[i]);
  if (wr) THDoubleTensor_free(wr);
  THLongTensor_free(bs);
}

/* The largest difference between the results of run_large on one thread and on two. */
static double threads_difference(int mode, int reverse, int proj) {
  DT *one[11], *two[11];
  int prev = THGetNumThreads();
  THSetNumThreads(1);
  run_large(mode, reverse, proj, one);
  THSetNumThreads(2);
  run_large(mode, reverse, proj, two);
  THSetNumThreads(prev);
  double err = 0;
  for (int i = 0; i < 11; i++) {
    if (THDoubleTensor_nElement(one[i]) > 0) {
      CHECK(THDoubleTensor_isSameSizeAs(one[i], two[i]));
      double d = THDoubleTensor_dist(one[i], two[i], INFINITY);
      if (d > err) err = d;
    }
    THDoubleTensor_free(one[i]);
    THDoubleTensor_free(two[i]);
  }
  return err;
}

int main(void) {
  TH_TEST_INIT();
  /* pytorch_py's threading policy (pytorch_py/_C/__init__.py): OpenBLAS runs one thread, TH's
   * threads split the work, here the time loop's columns */
  THBlas_setThreads(1);
  BS = THLongTensor_newWithSize1d(4);
  int64_t sizes[4] = {3, 2, 2, 1};
  for (int i = 0; i < 4; i++) THLongTensor_set1d(BS, i, sizes[i]);
  for (int mode = 0; mode < 4; mode++)
    for (int reverse = 0; reverse < 2; reverse++)
      for (int proj = 0; proj < (mode == 2 ? 2 : 1); proj++) {
        setup(mode, reverse, proj);
        /* relu's kink: the random gates stay away from it with overwhelming probability */
        double eg = grad_error(fwd_gates, bwd_gates, GATES, 11), eh = grad_error(fwd_hx, bwd_hx, HX, 12);
        if (eg > 1e-6 || eh > 1e-6)
          fprintf(stderr, "RNNFused mode %d reverse %d proj %d: gradient errors %g (gates) %g (hx)\n", mode, reverse,
                  proj, eg, eh);
        CHECK(eg < 1e-6 && eh < 1e-6);
        teardown();
      }

  for (int mode = 0; mode < 4; mode++)
    for (int reverse = 0; reverse < 2; reverse++)
      for (int proj = 0; proj < (mode == 2 ? 2 : 1); proj++) {
        double d = threads_difference(mode, reverse, proj);
        if (d > 1e-12)
          fprintf(stderr, "RNNFused mode %d reverse %d proj %d: threads differ by %g\n", mode, reverse, proj, d);
        CHECK(d <= 1e-12);
      }

  /* hand-worked: an Elman tanh RNN with H = 1, weight 0.5, one sequence of 2 steps */
  MODE = 0, REVERSE = 0, WR = NULL;
  W = dtensor(2, (int64_t[]){1, 1}, (double[]){0.5});
  DT *g = dtensor(2, (int64_t[]){2, 1}, (double[]){0.3, -0.2}), *h = dtensor(2, (int64_t[]){1, 1}, (double[]){1.0});
  THLongTensor *bs1 = THLongTensor_newWithSize1d(2);
  THLongTensor_set1d(bs1, 0, 1), THLongTensor_set1d(bs1, 1, 1);
  DT *y = dempty(), *hy = dempty(), *hprev = dempty(), *saved = dempty();
  THNN_DoubleRNNFused_updateOutput(NULL, 0, g, W, NULL, NULL, bs1, 0, h, NULL, y, hy, NULL, hprev, saved);
  double h1 = tanh(0.3 + 0.5), h2 = tanh(-0.2 + 0.5 * h1);
  CHECK_NEAR(at(y, 0), h1, 1e-15);
  CHECK_NEAR(at(y, 1), h2, 1e-15);
  CHECK_NEAR(at(hy, 0), h2, 1e-15);
  CHECK_NEAR(at(hprev, 1), h1, 1e-15);

  /* argument errors: batch sizes that do not sum to the rows, increasing batch sizes, bad mode */
  THLongTensor_set1d(bs1, 1, 2);
  EXPECT_ERROR(THNN_DoubleRNNFused_updateOutput(NULL, 0, g, W, NULL, NULL, bs1, 0, h, NULL, y, hy, NULL, hprev,
                                                saved),
               "non-increasing batchSizes");
  EXPECT_ERROR(THNN_DoubleRNNFused_updateOutput(NULL, 5, g, W, NULL, NULL, BS, 0, h, NULL, y, hy, NULL, hprev, saved),
               "expected mode");
  DT *all[] = {W, g, h, y, hy, hprev, saved};
  for (int i = 0; i < 7; i++) THDoubleTensor_free(all[i]);
  THLongTensor_free(bs1);
  THLongTensor_free(BS);
  TH_TEST_DONE();
}
