/* C-level tests of THNN: hand-worked values, gradients against central finite differences in
 * double, shape errors. */
#include "thnn_test.h"

/* ---- wrappers with fixed hyper-parameters */
static void elu_f(DT *x, DT *y) { THNN_DoubleELU_updateOutput(NULL, x, y, 0.7, 1.2, 0.9, false); }
static void elu_b(DT *x, DT *y, DT *g, DT *gx) { THNN_DoubleELU_updateGradInput(NULL, g, gx, y, 0.7, 1.2, 0.9); }
static void lsig_f(DT *x, DT *y) {
  DT *b = dempty();
  THNN_DoubleLogSigmoid_updateOutput(NULL, x, y, b);
  THDoubleTensor_free(b);
}
static void lsig_b(DT *x, DT *y, DT *g, DT *gx) {
  DT *b = dempty();
  THNN_DoubleLogSigmoid_updateGradInput(NULL, x, g, gx, b);
  THDoubleTensor_free(b);
}
static void lsm_f(DT *x, DT *y) { THNN_DoubleLogSoftMax_updateOutput(NULL, x, y, 1); }
static void lsm_b(DT *x, DT *y, DT *g, DT *gx) { THNN_DoubleLogSoftMax_updateGradInput(NULL, x, g, gx, y, 1); }
static void sm_f(DT *x, DT *y) { THNN_DoubleSoftMax_updateOutput(NULL, x, y, 0); }
static void sm_b(DT *x, DT *y, DT *g, DT *gx) { THNN_DoubleSoftMax_updateGradInput(NULL, x, g, gx, y, 0); }
static void sig_f(DT *x, DT *y) { THNN_DoubleSigmoid_updateOutput(NULL, x, y); }
static void sig_b(DT *x, DT *y, DT *g, DT *gx) { THNN_DoubleSigmoid_updateGradInput(NULL, g, gx, y); }
static void tanh_f(DT *x, DT *y) { THNN_DoubleTanh_updateOutput(NULL, x, y); }
static void tanh_b(DT *x, DT *y, DT *g, DT *gx) { THNN_DoubleTanh_updateGradInput(NULL, g, gx, y); }
static void sp_f(DT *x, DT *y) { THNN_DoubleSoftPlus_updateOutput(NULL, x, y, 1.5, 20); }
static void sp_b(DT *x, DT *y, DT *g, DT *gx) { THNN_DoubleSoftPlus_updateGradInput(NULL, x, g, gx, y, 1.5, 20); }
static void sq_f(DT *x, DT *y) { THNN_DoubleSquare_updateOutput(NULL, x, y); }
static void sq_b(DT *x, DT *y, DT *g, DT *gx) { THNN_DoubleSquare_updateGradInput(NULL, x, g, gx); }
static DT *prelu_w;
static void prelu_f(DT *x, DT *y) { THNN_DoublePReLU_updateOutput(NULL, x, y, prelu_w); }
static void prelu_b(DT *x, DT *y, DT *g, DT *gx) { THNN_DoublePReLU_updateGradInput(NULL, x, g, gx, prelu_w); }
/* criterions with reduction 1 (mean) against a fixed target */
static DT *crit_t;
static THLongTensor *crit_lt;
static void mse_f(DT *x, DT *y) { THNN_DoubleMSECriterion_updateOutput(NULL, x, crit_t, y, 1); }
static void mse_b(DT *x, DT *y, DT *g, DT *gx) { THNN_DoubleMSECriterion_updateGradInput(NULL, x, crit_t, g, gx, 1); }
static void sl1_f(DT *x, DT *y) { THNN_DoubleSmoothL1Criterion_updateOutput(NULL, x, crit_t, y, 2, 0.5); }
static void sl1_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleSmoothL1Criterion_updateGradInput(NULL, x, crit_t, g, gx, 2, 0.5);
}
static void smc_f(DT *x, DT *y) { THNN_DoubleSoftMarginCriterion_updateOutput(NULL, x, crit_t, y, 0); }
static void smc_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleSoftMarginCriterion_updateGradInput(NULL, x, crit_t, g, gx, 0);
}
static void mm_f(DT *x, DT *y) { THNN_DoubleMultiMarginCriterion_updateOutput(NULL, x, crit_lt, y, 0, 2, NULL, 1.0); }
static void mm_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleMultiMarginCriterion_updateGradInput(NULL, x, crit_lt, g, gx, 0, 2, NULL, 1.0);
}
/* batch norm in training with weight and bias */
static DT *bn_w, *bn_b;
static void bn_f(DT *x, DT *y) {
  DT *sm = dempty(), *ss = dempty();
  THNN_DoubleBatchNormalization_updateOutput(NULL, x, y, bn_w, bn_b, NULL, NULL, sm, ss, true, 0.1, 1e-5);
  THDoubleTensor_free(sm);
  THDoubleTensor_free(ss);
}
static void bn_b_(DT *x, DT *y, DT *g, DT *gx) {
  DT *sm = dempty(), *ss = dempty(), *yy = dempty();
  THNN_DoubleBatchNormalization_updateOutput(NULL, x, yy, bn_w, bn_b, NULL, NULL, sm, ss, true, 0.1, 1e-5);
  THNN_DoubleBatchNormalization_backward(NULL, x, g, gx, NULL, NULL, bn_w, NULL, NULL, sm, ss, true, 1.0, 1e-5);
  THDoubleTensor_free(sm);
  THDoubleTensor_free(ss);
  THDoubleTensor_free(yy);
}
/* convolution: input (2, 2, 5, 4), weight (3, 2, 3, 2), stride (2, 1), padding (1, 1) */
static DT *cv_w, *cv_bias;
static void cv_f(DT *x, DT *y) {
  DT *f = dempty(), *fg = dempty();
  THNN_DoubleSpatialConvolutionMM_updateOutput(NULL, x, y, cv_w, cv_bias, f, fg, 2, 3, 1, 2, 1, 1);
  THDoubleTensor_free(f);
  THDoubleTensor_free(fg);
}
static void cv_b(DT *x, DT *y, DT *g, DT *gx) {
  DT *f = dempty(), *fg = dempty();
  THNN_DoubleSpatialConvolutionMM_updateGradInput(NULL, x, g, gx, cv_w, f, fg, 2, 3, 1, 2, 1, 1);
  THDoubleTensor_free(f);
  THDoubleTensor_free(fg);
}
/* the weight as the variable: x holds the weight */
static DT *cv_x;
static void cvw_f(DT *w, DT *y) {
  DT *f = dempty(), *fg = dempty();
  THNN_DoubleSpatialConvolutionMM_updateOutput(NULL, cv_x, y, w, cv_bias, f, fg, 2, 3, 1, 2, 1, 1);
  THDoubleTensor_free(f);
  THDoubleTensor_free(fg);
}
static void cvw_b(DT *w, DT *y, DT *g, DT *gw) {
  DT *f = dempty(), *fg = dempty();
  THDoubleTensor_resizeAs(gw, w);
  THDoubleTensor_zero(gw);
  THNN_DoubleSpatialConvolutionMM_accGradParameters(NULL, cv_x, g, gw, NULL, f, fg, 2, 3, 1, 2, 1, 1, 1.0);
  THDoubleTensor_free(f);
  THDoubleTensor_free(fg);
}
static void avg_f(DT *x, DT *y) { THNN_DoubleSpatialAveragePooling_updateOutput(NULL, x, y, 3, 2, 2, 1, 1, 1, true, false); }
static void avg_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleSpatialAveragePooling_updateGradInput(NULL, x, g, gx, 3, 2, 2, 1, 1, 1, true, false);
}
static void aavg_f(DT *x, DT *y) { THNN_DoubleSpatialAdaptiveAveragePooling_updateOutput(NULL, x, y, 3, 2); }
static void aavg_b(DT *x, DT *y, DT *g, DT *gx) { THNN_DoubleSpatialAdaptiveAveragePooling_updateGradInput(NULL, x, g, gx); }
static void mp_f(DT *x, DT *y) {
  THLongTensor *i = THLongTensor_new();
  THNN_DoubleSpatialMaxPooling_updateOutput(NULL, x, y, i, 2, 2, 2, 2, 1, 0, true);
  THLongTensor_free(i);
}
static void mp_b(DT *x, DT *y, DT *g, DT *gx) {
  THLongTensor *i = THLongTensor_new();
  DT *yy = dempty();
  THNN_DoubleSpatialMaxPooling_updateOutput(NULL, x, yy, i, 2, 2, 2, 2, 1, 0, true);
  THNN_DoubleSpatialMaxPooling_updateGradInput(NULL, x, g, gx, i, 2, 2, 2, 2, 1, 0, true);
  THLongTensor_free(i);
  THDoubleTensor_free(yy);
}

static void test_gradients(void) {
  const int64_t s23[2] = {2, 3}, s234[3] = {2, 3, 4};
  struct {
    const char *name;
    fwd_fn f;
    bwd_fn b;
  } pw[] = {{"ELU", elu_f, elu_b},        {"LogSigmoid", lsig_f, lsig_b}, {"LogSoftMax", lsm_f, lsm_b},
            {"SoftMax", sm_f, sm_b},      {"Sigmoid", sig_f, sig_b},      {"Tanh", tanh_f, tanh_b},
            {"SoftPlus", sp_f, sp_b},     {"Square", sq_f, sq_b},         {"PReLU", prelu_f, prelu_b},
            {"MSE", mse_f, mse_b},        {"SmoothL1", sl1_f, sl1_b},     {"SoftMargin", smc_f, smc_b},
            {"BatchNorm", bn_f, bn_b_}};
  const double w3[3] = {0.25, -0.5, 2};
  prelu_w = dtensor(1, s23 + 1, w3);
  crit_t = drandom(3, s234, 99);
  bn_w = dtensor(1, s23 + 1, w3);
  bn_b = drandom(1, s23 + 1, 5);
  for (size_t k = 0; k < sizeof pw / sizeof pw[0]; k++) {
    DT *x = drandom(3, s234, 7 + (uint32_t)k);
    double e = grad_error(pw[k].f, pw[k].b, x, 11);
    if (e > 1e-6) fprintf(stderr, "gradient of %s off by %g\n", pw[k].name, e);
    CHECK(e <= 1e-6);
    THDoubleTensor_free(x);
  }
  /* multi-margin on (2, 3) with targets [2, 0] */
  crit_lt = THLongTensor_newWithSize1d(2);
  THLongTensor_set1d(crit_lt, 0, 2);
  THLongTensor_set1d(crit_lt, 1, 0);
  DT *x = drandom(2, s23, 3);
  CHECK(grad_error(mm_f, mm_b, x, 4) <= 1e-6);
  THDoubleTensor_free(x);
  /* convolution: input and weight */
  const int64_t sx[4] = {2, 2, 5, 4}, sw[4] = {3, 2, 3, 2}, sb[1] = {3};
  cv_w = drandom(4, sw, 21);
  cv_bias = drandom(1, sb, 22);
  cv_x = drandom(4, sx, 23);
  CHECK(grad_error(cv_f, cv_b, cv_x, 24) <= 1e-6);
  DT *w = THDoubleTensor_newClone(cv_w);
  CHECK(grad_error(cvw_f, cvw_b, w, 25) <= 1e-6);
  /* pooling */
  const int64_t sp[4] = {2, 2, 5, 7};
  x = drandom(4, sp, 31);
  CHECK(grad_error(avg_f, avg_b, x, 32) <= 1e-6);
  CHECK(grad_error(aavg_f, aavg_b, x, 33) <= 1e-6);
  CHECK(grad_error(mp_f, mp_b, x, 34) <= 1e-6);
  THDoubleTensor_free(x);
  THDoubleTensor_free(w);
  THDoubleTensor_free(cv_w);
  THDoubleTensor_free(cv_bias);
  THDoubleTensor_free(cv_x);
  THDoubleTensor_free(prelu_w);
  THDoubleTensor_free(crit_t);
  THDoubleTensor_free(bn_w);
  THDoubleTensor_free(bn_b);
  THLongTensor_free(crit_lt);
}

static void test_values(void) {
  const int64_t s4[1] = {4}, s22[2] = {2, 2};
  const double xv[4] = {-2, -0.5, 0.5, 3};
  DT *x = dtensor(1, s4, xv), *y = dempty(), *g = dempty();
  THNN_DoubleAbs_updateOutput(NULL, x, y);
  CHECK(at(y, 0) == 2 && at(y, 1) == 0.5 && at(y, 3) == 3);
  THNN_DoubleHardTanh_updateOutput(NULL, x, y, -1, 1, false);
  CHECK(at(y, 0) == -1 && at(y, 1) == -0.5 && at(y, 3) == 1);
  DT *go = dtensor(1, s4, (const double[]){1, 1, 1, 1});
  THNN_DoubleHardTanh_updateGradInput(NULL, x, go, g, -1, 1, false);
  CHECK(at(g, 0) == 0 && at(g, 1) == 1 && at(g, 2) == 1 && at(g, 3) == 0);
  THNN_DoubleLeakyReLU_updateOutput(NULL, x, y, 0.1, false);
  CHECK_NEAR(at(y, 0), -0.2, 1e-15);
  CHECK(at(y, 3) == 3);
  THNN_DoubleThreshold_updateOutput(NULL, x, y, 0.5, -7, false); /* x <= 0.5 -> -7 */
  CHECK(at(y, 0) == -7 && at(y, 2) == -7 && at(y, 3) == 3);
  THNN_DoubleSoftShrink_updateOutput(NULL, x, y, 1);
  CHECK(at(y, 0) == -1 && at(y, 1) == 0 && at(y, 3) == 2);
  THNN_DoubleHardShrink_updateOutput(NULL, x, y, 1);
  CHECK(at(y, 0) == -2 && at(y, 1) == 0 && at(y, 3) == 3);
  THNN_DoubleELU_updateOutput(NULL, x, y, 1, 1, 1, false);
  CHECK_NEAR(at(y, 0), exp(-2) - 1, 1e-15);
  THNN_DoubleSoftPlus_updateOutput(NULL, x, y, 1, 2); /* 3 > threshold 2: linear */
  CHECK(at(y, 3) == 3);
  CHECK_NEAR(at(y, 0), log1p(exp(-2)), 1e-15);
  /* SoftMax of [1, 2] and [3, 3] along dim 1; huge inputs stay finite */
  DT *m = dtensor(2, s22, (const double[]){1, 2, 1000, 1000});
  THNN_DoubleSoftMax_updateOutput(NULL, m, y, 1);
  CHECK_NEAR(at(y, 0), 1 / (1 + exp(1)), 1e-15);
  CHECK(at(y, 2) == 0.5 && at(y, 3) == 0.5);
  THNN_DoubleLogSoftMax_updateOutput(NULL, m, y, 1);
  CHECK_NEAR(at(y, 2), -log(2), 1e-12); /* 1000 - (1000 + log 2) rounds */
  /* inplace: output is a view of input */
  DT *xi = THDoubleTensor_newClone(x);
  THNN_DoubleThreshold_updateOutput(NULL, xi, y, 0, 0, true);
  CHECK(at(xi, 0) == 0 && at(xi, 3) == 3 && THDoubleTensor_isSetTo(y, xi));
  /* RReLU in evaluation: the mean slope */
  DT *noise = dempty();
  THNN_DoubleRReLU_updateOutput(NULL, x, y, noise, 0.2, 0.4, false, false, NULL);
  CHECK_NEAR(at(y, 0), -0.6, 1e-15);
  THFloatTensor *xf = THFloatTensor_newWithSize1d(4), *yf = THFloatTensor_new();
  THFloatTensor_copyDouble(xf, x);
  THNN_FloatSquare_updateOutput(NULL, xf, yf);
  CHECK(THFloatTensor_get1d(yf, 0) == 4.0f && THFloatTensor_get1d(yf, 3) == 9.0f);

  /* criterions: x [-2, -0.5, 0.5, 3], t [0, 0, 1, 1] */
  DT *t = dtensor(1, s4, (const double[]){0, 0, 1, 1});
  THNN_DoubleMSECriterion_updateOutput(NULL, x, t, y, 1); /* (4 + 0.25 + 0.25 + 4) / 4 */
  CHECK(y->nDimension == 0 && at(y, 0) == 2.125);
  THNN_DoubleAbsCriterion_updateOutput(NULL, x, t, y, 2); /* 2 + 0.5 + 0.5 + 2 */
  CHECK(at(y, 0) == 5);
  THNN_DoubleAbsCriterion_updateOutput(NULL, x, t, y, 0);
  CHECK(y->nDimension == 1 && at(y, 1) == 0.5);
  DT *gs = dtensor(0, NULL, (const double[]){2});
  THNN_DoubleMSECriterion_updateGradInput(NULL, x, t, gs, g, 1); /* 2 (x - t) * 2 / 4 */
  CHECK(at(g, 0) == -2 && at(g, 3) == 2);
  /* BCE: -log(0.5) each, and the clamp at -100 for log(0) */
  DT *p = dtensor(1, s4, (const double[]){0.5, 0.5, 0, 1});
  DT *tb = dtensor(1, s4, (const double[]){1, 0, 1, 0});
  THNN_DoubleBCECriterion_updateOutput(NULL, p, tb, y, 0, NULL);
  CHECK_NEAR(at(y, 0), log(2), 1e-15);
  CHECK(at(y, 2) == 100 && at(y, 3) == 100);
  /* ClassNLL: rows [-1, -2, -3], [-4, -5, -6], targets [2, 0], weights [1, 2, 3] */
  const int64_t s23[2] = {2, 3}, s3[1] = {3};
  DT *lp = dtensor(2, s23, (const double[]){-1, -2, -3, -4, -5, -6});
  DT *w = dtensor(1, s3, (const double[]){1, 2, 3});
  THLongTensor *tg = THLongTensor_newWithSize1d(2);
  THLongTensor_set1d(tg, 0, 2);
  THLongTensor_set1d(tg, 1, 0);
  DT *tw = dempty();
  THNN_DoubleClassNLLCriterion_updateOutput(NULL, lp, tg, y, 1, w, tw, -100); /* (9 + 4) / (3 + 1) */
  CHECK(at(y, 0) == 3.25 && at(tw, 0) == 4);
  THNN_DoubleClassNLLCriterion_updateOutput(NULL, lp, tg, y, 2, NULL, tw, 0); /* target 0 ignored */
  CHECK(at(y, 0) == 3);
  DT *one = dtensor(0, NULL, (const double[]){1});
  THNN_DoubleClassNLLCriterion_updateGradInput(NULL, lp, tg, one, g, 1, w, tw, -100);
  CHECK(at(g, 2) == -0.75 && at(g, 3) == -0.25 && at(g, 0) == 0);
  /* MultiMargin p=1 margin 1 on [0.1, 0.2, 0.4, 0.8], target 3: (0.3 + 0.4 + 0.6) / 4 */
  DT *mx = dtensor(1, s4, (const double[]){0.1, 0.2, 0.4, 0.8});
  THLongTensor *mt = THLongTensor_newWithSize1d(1);
  THLongTensor_set1d(mt, 0, 3);
  THNN_DoubleMultiMarginCriterion_updateOutput(NULL, mx, mt, y, 1, 1, NULL, 1);
  CHECK_NEAR(at(y, 0), 0.325, 1e-15);
  /* MultiLabelMargin (PyTorch's doc example): x [0.1, 0.2, 0.4, 0.8], y [3, 0, -1, 1] -> 0.85 */
  THLongTensor *ml = THLongTensor_newWithSize1d(4);
  THLongTensor_set1d(ml, 0, 3);
  THLongTensor_set1d(ml, 1, 0);
  THLongTensor_set1d(ml, 2, -1);
  THLongTensor_set1d(ml, 3, 1);
  DT *ist = dempty();
  THNN_DoubleMultiLabelMarginCriterion_updateOutput(NULL, mx, ml, y, ist, 1);
  CHECK_NEAR(at(y, 0), 0.85, 1e-15);
  CHECK(at(ist, 0) == 1 && at(ist, 1) == 0 && at(ist, 3) == 1);

  /* pooling on the 4 x 4 plane 0..15: 2x2 max -> [5, 7, 13, 15] at indices [5, 7, 13, 15] */
  const int64_t s144[3] = {1, 4, 4};
  double seq[16];
  for (int i = 0; i < 16; i++) seq[i] = i;
  DT *pl = dtensor(3, s144, seq);
  THLongTensor *ind = THLongTensor_new();
  THNN_DoubleSpatialMaxPooling_updateOutput(NULL, pl, y, ind, 2, 2, 2, 2, 0, 0, false);
  CHECK(y->nDimension == 3 && y->size[1] == 2 && at(y, 0) == 5 && at(y, 3) == 15);
  CHECK(THLongTensor_get3d(ind, 0, 1, 0) == 13);
  THNN_DoubleSpatialAveragePooling_updateOutput(NULL, pl, y, 2, 2, 2, 2, 0, 0, false, true);
  CHECK(at(y, 0) == 2.5 && at(y, 3) == 12.5);
  /* padding 1, 3x3 windows, stride 2: corner window covers 0, 1, 4, 5 -> 10 / 9 with the padding
   * counted, 10 / 4 without */
  THNN_DoubleSpatialAveragePooling_updateOutput(NULL, pl, y, 3, 3, 2, 2, 1, 1, false, true);
  CHECK_NEAR(at(y, 0), 10.0 / 9, 1e-15);
  THNN_DoubleSpatialAveragePooling_updateOutput(NULL, pl, y, 3, 3, 2, 2, 1, 1, false, false);
  CHECK(at(y, 0) == 2.5);
  THNN_DoubleSpatialAdaptiveAveragePooling_updateOutput(NULL, pl, y, 1, 1);
  CHECK(at(y, 0) == 7.5);
  THNN_DoubleSpatialAdaptiveMaxPooling_updateOutput(NULL, pl, y, ind, 3, 3); /* windows [0,2) [1,3) [2,4) */
  CHECK(at(y, 0) == 5 && at(y, 8) == 15 && THLongTensor_get3d(ind, 0, 1, 1) == 10);
  /* convolution of the plane with a 2x2 kernel of ones and bias 1: window sums + 1 */
  const int64_t s1122[4] = {1, 1, 2, 2}, s1[1] = {1};
  DT *k = dtensor(4, s1122, (const double[]){1, 1, 1, 1}), *bias = dtensor(1, s1, (const double[]){1});
  DT *fin = dempty(), *fgi = dempty();
  THNN_DoubleSpatialConvolutionMM_updateOutput(NULL, pl, y, k, bias, fin, fgi, 2, 2, 2, 2, 0, 0);
  CHECK(y->nDimension == 3 && y->size[0] == 1 && y->size[1] == 2 && at(y, 0) == 11 && at(y, 3) == 51);

  /* batch norm in evaluation: (x - 1) / sqrt(4 + 0) * 2 + 3 */
  const int64_t s21[2] = {2, 1};
  DT *bx = dtensor(2, s21, (const double[]){1, 5});
  DT *rm = dtensor(1, s1, (const double[]){1}), *rv = dtensor(1, s1, (const double[]){4});
  DT *bw = dtensor(1, s1, (const double[]){2}), *bb = dtensor(1, s1, (const double[]){3});
  DT *sm = dempty(), *ss = dempty();
  THNN_DoubleBatchNormalization_updateOutput(NULL, bx, y, bw, bb, rm, rv, sm, ss, false, 0.1, 0);
  CHECK(at(y, 0) == 3 && at(y, 1) == 7);
  /* training: mean 3, biased var 4 -> outputs -1 * 2 + 3 = 1 and 5; running mean 0.9 + 0.3,
   * running var 0.9 * 4 + 0.1 * 8 (unbiased) */
  THNN_DoubleBatchNormalization_updateOutput(NULL, bx, y, bw, bb, rm, rv, sm, ss, true, 0.1, 0);
  CHECK(at(y, 0) == 1 && at(y, 1) == 5);
  CHECK_NEAR(at(rm, 0), 1.2, 1e-15);
  CHECK_NEAR(at(rv, 0), 4.4, 1e-14);
  CHECK(at(sm, 0) == 3 && at(ss, 0) == 0.5);

  /* LookupTable: rows 1, 1, 3 with padding 3 */
  const int64_t s42[2] = {4, 2};
  DT *gw = dtensor(2, s42, NULL);
  THLongTensor *li = THLongTensor_newWithSize1d(3);
  THLongTensor_set1d(li, 0, 1);
  THLongTensor_set1d(li, 1, 1);
  THLongTensor_set1d(li, 2, 3);
  const int64_t s32[2] = {3, 2};
  DT *lg = dtensor(2, s32, (const double[]){1, 2, 3, 4, 5, 6});
  THIntTensor *cnt = THIntTensor_new();
  THNN_DoubleLookupTable_accGradParameters(NULL, li, lg, gw, cnt, NULL, NULL, false, 3, 0.5);
  CHECK(at(gw, 2) == 2 && at(gw, 3) == 3 && at(gw, 6) == 0);
  THNN_DoubleLookupTable_accGradParameters(NULL, li, lg, gw, cnt, NULL, NULL, true, -1, 1);
  CHECK(at(gw, 2) == 4 && at(gw, 6) == 5); /* row 1 counted twice: (1 + 3) / 2 added */
  DT *emb = dtensor(2, s42, (const double[]){3, 4, 0.3, 0.4, 0, 0, 6, 8});
  THLongTensor_set1d(li, 2, 0);
  THNN_DoubleLookupTable_renorm(NULL, li, emb, 1, 2); /* rows 0 and 1; row 1 is within the norm */
  CHECK_NEAR(at(emb, 0), 0.6, 1e-6);
  CHECK(at(emb, 2) == 0.3 && at(emb, 6) == 6);

  THDoubleTensor_free(x);
  THDoubleTensor_free(y);
  THDoubleTensor_free(g);
  THDoubleTensor_free(go);
  THDoubleTensor_free(m);
  THDoubleTensor_free(xi);
  THDoubleTensor_free(noise);
  THFloatTensor_free(xf);
  THFloatTensor_free(yf);
  THDoubleTensor_free(t);
  THDoubleTensor_free(gs);
  THDoubleTensor_free(p);
  THDoubleTensor_free(tb);
  THDoubleTensor_free(lp);
  THDoubleTensor_free(w);
  THLongTensor_free(tg);
  THDoubleTensor_free(tw);
  THDoubleTensor_free(one);
  THDoubleTensor_free(mx);
  THLongTensor_free(mt);
  THLongTensor_free(ml);
  THDoubleTensor_free(ist);
  THDoubleTensor_free(pl);
  THLongTensor_free(ind);
  THDoubleTensor_free(k);
  THDoubleTensor_free(bias);
  THDoubleTensor_free(fin);
  THDoubleTensor_free(fgi);
  THDoubleTensor_free(bx);
  THDoubleTensor_free(rm);
  THDoubleTensor_free(rv);
  THDoubleTensor_free(bw);
  THDoubleTensor_free(bb);
  THDoubleTensor_free(sm);
  THDoubleTensor_free(ss);
  THDoubleTensor_free(gw);
  THLongTensor_free(li);
  THDoubleTensor_free(lg);
  THIntTensor_free(cnt);
  THDoubleTensor_free(emb);
}

static void test_errors(void) {
  const int64_t s4[1] = {4}, s3[1] = {3}, s23[2] = {2, 3}, s2[1] = {2};
  DT *x = dtensor(1, s4, NULL), *x3 = dtensor(1, s3, NULL), *y = dempty(), *g = dempty();
  EXPECT_ERROR(THNN_DoubleAbs_updateGradInput(NULL, x, x3, g), "Abs: expected gradOutput of size [4], but got [3]");
  EXPECT_ERROR(THNN_DoubleMSECriterion_updateOutput(NULL, x, x3, y, 1), "MSECriterion: expected target of size [4]");
  EXPECT_ERROR(THNN_DoubleMSECriterion_updateOutput(NULL, x, x, y, 3), "expected reduction 0 (none), 1 (mean) or 2");
  EXPECT_ERROR(THNN_DoubleSoftMax_updateOutput(NULL, x, y, 1), "SoftMax: expected dim in [0, 1), but got 1");
  DT *p = dtensor(1, s4, (const double[]){0.5, 1.5, 0, 0});
  EXPECT_ERROR(THNN_DoubleBCECriterion_updateOutput(NULL, p, x, y, 1, NULL), "between 0 and 1, but got 1.5");
  DT *lp = dtensor(2, s23, NULL);
  THLongTensor *tg = THLongTensor_newWithSize1d(2);
  THLongTensor_set1d(tg, 0, 0);
  THLongTensor_set1d(tg, 1, 3);
  DT *tw = dempty();
  EXPECT_ERROR(THNN_DoubleClassNLLCriterion_updateOutput(NULL, lp, tg, y, 1, NULL, tw, -100),
               "ClassNLLCriterion: expected target values in [0, 3) or ignore_index, but got 3");
  EXPECT_ERROR(THNN_DoubleClassNLLCriterion_updateOutput(NULL, lp, tg, y, 1, x, tw, -100),
               "expected weights with 3 elements, but got [4]");
  DT *w = dtensor(1, s2, NULL);
  EXPECT_ERROR(THNN_DoublePReLU_updateOutput(NULL, lp, y, w), "PReLU: expected weight with 1 or 3");
  const int64_t s1155[4] = {1, 1, 5, 5}, s2133[4] = {2, 1, 3, 3};
  DT *img = dtensor(4, s1155, NULL), *wt = dtensor(4, s2133, NULL), *f = dempty(), *fg = dempty();
  EXPECT_ERROR(THNN_DoubleSpatialConvolutionMM_updateOutput(NULL, img, y, wt, NULL, f, fg, 2, 2, 1, 1, 0, 0),
               "SpatialConvolutionMM: expected weight of size [nOut, 1, 2, 2], but got [2, 1, 3, 3]");
  EXPECT_ERROR(THNN_DoubleSpatialConvolutionMM_updateOutput(NULL, x, y, wt, NULL, f, fg, 3, 3, 1, 1, 0, 0),
               "expected input of 3 (C, H, W) or 4 (N, C, H, W) dimensions, but got [4]");
  EXPECT_ERROR(THNN_DoubleSpatialConvolutionMM_updateOutput(NULL, img, y, wt, x, f, fg, 3, 3, 1, 1, 0, 0),
               "expected bias with 2 elements, but got [4]");
  THLongTensor *ind = THLongTensor_new();
  EXPECT_ERROR(THNN_DoubleSpatialMaxPooling_updateOutput(NULL, img, y, ind, 2, 2, 2, 2, 2, 0, false),
               "expected padding between 0 and half the kernel size");
  EXPECT_ERROR(THNN_DoubleSpatialMaxPooling_updateOutput(NULL, img, y, ind, 7, 7, 1, 1, 0, 0, false),
               "expected an output of at least 1 x 1");
  EXPECT_ERROR(THNN_DoubleSpatialAveragePooling_updateGradInput(NULL, img, img, g, 2, 2, 2, 2, 0, 0, false, true),
               "SpatialAveragePooling: expected gradOutput of size [1, 1, 2, 2], but got [1, 1, 5, 5]");
  DT *sm = dempty(), *ss = dempty();
  const int64_t s13[2] = {1, 3};
  DT *one = dtensor(2, s13, NULL);
  EXPECT_ERROR(THNN_DoubleBatchNormalization_updateOutput(NULL, one, y, NULL, NULL, NULL, NULL, sm, ss, true, 0.1, 1e-5),
               "expected more than 1 value per channel when training");
  EXPECT_ERROR(THNN_DoubleBatchNormalization_updateOutput(NULL, lp, y, x, NULL, NULL, NULL, sm, ss, true, 0.1, 1e-5),
               "BatchNormalization: expected weight with 3 elements, but got [4]");
  THLongTensor *li = THLongTensor_newWithSize1d(1);
  THLongTensor_set1d(li, 0, 9);
  const int64_t s42[2] = {4, 2}, s12[2] = {1, 2};
  DT *gw = dtensor(2, s42, NULL), *lg = dtensor(2, s12, NULL);
  THIntTensor *cnt = THIntTensor_new();
  EXPECT_ERROR(THNN_DoubleLookupTable_accGradParameters(NULL, li, lg, gw, cnt, NULL, NULL, false, -1, 1),
               "LookupTable: expected indices in [0, 4), but got 9");
  CHECK(at(gw, 0) == 0); /* nothing written */
  THDoubleTensor_free(x);
  THDoubleTensor_free(x3);
  THDoubleTensor_free(y);
  THDoubleTensor_free(g);
  THDoubleTensor_free(p);
  THDoubleTensor_free(lp);
  THLongTensor_free(tg);
  THDoubleTensor_free(tw);
  THDoubleTensor_free(w);
  THDoubleTensor_free(img);
  THDoubleTensor_free(wt);
  THDoubleTensor_free(f);
  THDoubleTensor_free(fg);
  THLongTensor_free(ind);
  THDoubleTensor_free(sm);
  THDoubleTensor_free(ss);
  THDoubleTensor_free(one);
  THLongTensor_free(li);
  THDoubleTensor_free(gw);
  THDoubleTensor_free(lg);
  THIntTensor_free(cnt);
}

int main(void) {
  TH_TEST_INIT();
  test_values();
  test_gradients();
  test_errors();
  TH_TEST_DONE();
}
