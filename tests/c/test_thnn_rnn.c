/* C-level tests of RNNFused (the recurrent time loop): finite-difference gradients in double of the
 * gates (input projections) and of the initial hidden state for each mode, over a packed batch
 * (batch sizes 3, 2, 2, 1) in both directions, an LSTM with a projection, and argument errors. */
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

int main(void) {
  TH_TEST_INIT();
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
