/* C-level tests of the second batch of THNN kernels (dilated / transposed / temporal convolution,
 * temporal pooling, padding, upsampling): hand-worked values, finite-difference gradients in double,
 * shape errors. */
#include "thnn_test.h"

/* ---- modules with fixed hyper-parameters; W holds the weight, B the bias, X a fixed input */
static DT *W, *B, *X;
#define BUF2 DT *c = dempty(), *o = dempty()
#define FREE2 THDoubleTensor_free(c), THDoubleTensor_free(o)
/* dilated convolution: kernel 3x2, stride (2, 1), padding (1, 2), dilation (2, 3) */
static void dil_f(DT *x, DT *y) {
  BUF2;
  THNN_DoubleSpatialDilatedConvolution_updateOutput(NULL, x, y, W, B, c, o, 2, 3, 1, 2, 2, 1, 3, 2);
  FREE2;
}
static void dil_b(DT *x, DT *y, DT *g, DT *gx) {
  BUF2;
  THNN_DoubleSpatialDilatedConvolution_updateGradInput(NULL, x, g, gx, W, c, 2, 3, 1, 2, 2, 1, 3, 2);
  FREE2;
}
static void dilw_f(DT *w, DT *y) {
  BUF2;
  THNN_DoubleSpatialDilatedConvolution_updateOutput(NULL, X, y, w, B, c, o, 2, 3, 1, 2, 2, 1, 3, 2);
  FREE2;
}
static void dilw_b(DT *w, DT *y, DT *g, DT *gw) {
  BUF2;
  THDoubleTensor_resizeAs(gw, w);
  THDoubleTensor_zero(gw);
  THNN_DoubleSpatialDilatedConvolution_accGradParameters(NULL, X, g, gw, NULL, c, o, 2, 3, 1, 2, 2, 1, 3, 2, 1.0);
  FREE2;
}
/* transposed convolution: kernel 3x2, stride (2, 3), padding 1, dilation (2, 1), adj (1, 2) */
static void full_f(DT *x, DT *y) {
  BUF2;
  THNN_DoubleSpatialFullDilatedConvolution_updateOutput(NULL, x, y, W, B, c, o, 2, 3, 3, 2, 1, 1, 1, 2, 2, 1);
  FREE2;
}
static void full_b(DT *x, DT *y, DT *g, DT *gx) {
  BUF2;
  THNN_DoubleSpatialFullDilatedConvolution_updateGradInput(NULL, x, g, gx, W, c, 2, 3, 3, 2, 1, 1, 1, 2, 2, 1);
  FREE2;
}
static void fullw_f(DT *w, DT *y) {
  BUF2;
  THNN_DoubleSpatialFullDilatedConvolution_updateOutput(NULL, X, y, w, B, c, o, 2, 3, 3, 2, 1, 1, 1, 2, 2, 1);
  FREE2;
}
static void fullw_b(DT *w, DT *y, DT *g, DT *gw) {
  BUF2;
  THDoubleTensor_resizeAs(gw, w);
  THDoubleTensor_zero(gw);
  THNN_DoubleSpatialFullDilatedConvolution_accGradParameters(NULL, X, g, gw, NULL, c, o, 2, 3, 3, 2, 1, 1, 1, 2, 2,
                                                              1, 1.0);
  FREE2;
}
/* temporal convolution: 3 features -> 4, kW 3, dW 2 */
static void tc_f(DT *x, DT *y) { THNN_DoubleTemporalConvolution_updateOutput(NULL, x, y, W, B, 3, 2, 3, 4); }
static void tc_b(DT *x, DT *y, DT *g, DT *gx) { THNN_DoubleTemporalConvolution_updateGradInput(NULL, x, g, gx, W, 3, 2); }
static void tcw_f(DT *w, DT *y) { THNN_DoubleTemporalConvolution_updateOutput(NULL, X, y, w, B, 3, 2, 3, 4); }
static void tcw_b(DT *w, DT *y, DT *g, DT *gw) {
  THDoubleTensor_resizeAs(gw, w);
  THDoubleTensor_zero(gw);
  THNN_DoubleTemporalConvolution_accGradParameters(NULL, X, g, gw, NULL, 3, 2, 1.0);
}
static THLongTensor *IND;
static void tmp_f(DT *x, DT *y) { THNN_DoubleTemporalMaxPooling_updateOutput(NULL, x, y, IND, 3, 2); }
static void tmp_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleTemporalMaxPooling_updateOutput(NULL, x, y, IND, 3, 2);
  THNN_DoubleTemporalMaxPooling_updateGradInput(NULL, x, g, gx, IND, 3, 2);
}
static void srefl_f(DT *x, DT *y) { THNN_DoubleSpatialReflectionPadding_updateOutput(NULL, x, y, 2, -1, 1, 3); }
static void srefl_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleSpatialReflectionPadding_updateGradInput(NULL, x, g, gx, 2, -1, 1, 3);
}
static void srepl_f(DT *x, DT *y) { THNN_DoubleSpatialReplicationPadding_updateOutput(NULL, x, y, 3, 1, 0, 4); }
static void srepl_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleSpatialReplicationPadding_updateGradInput(NULL, x, g, gx, 3, 1, 0, 4);
}
static void trefl_f(DT *x, DT *y) { THNN_DoubleTemporalReflectionPadding_updateOutput(NULL, x, y, 3, 2); }
static void trefl_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleTemporalReflectionPadding_updateGradInput(NULL, x, g, gx, 3, 2);
}
static void trepl_f(DT *x, DT *y) { THNN_DoubleTemporalReplicationPadding_updateOutput(NULL, x, y, 4, 1); }
static void trepl_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleTemporalReplicationPadding_updateGradInput(NULL, x, g, gx, 4, 1);
}
/* upsampling of (2, 3, 4, 5) inputs / (2, 3, 5) sequences */
static void near_f(DT *x, DT *y) { THNN_DoubleSpatialUpSamplingNearest_updateOutput(NULL, x, y, 7, 11, 0, 0); }
static void near_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleSpatialUpSamplingNearest_updateGradInput(NULL, g, gx, 2, 3, 4, 5, 7, 11, 0, 0);
}
static void bil_f(DT *x, DT *y) { THNN_DoubleSpatialUpSamplingBilinear_updateOutput(NULL, x, y, 7, 3, false); }
static void bil_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleSpatialUpSamplingBilinear_updateGradInput(NULL, g, gx, 2, 3, 4, 5, 7, 3, false);
}
static void bila_f(DT *x, DT *y) { THNN_DoubleSpatialUpSamplingBilinear_updateOutput(NULL, x, y, 9, 8, true); }
static void bila_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleSpatialUpSamplingBilinear_updateGradInput(NULL, g, gx, 2, 3, 4, 5, 9, 8, true);
}
static void tnear_f(DT *x, DT *y) { THNN_DoubleTemporalUpSamplingNearest_updateOutput(NULL, x, y, 12, 2.5); }
static void tnear_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleTemporalUpSamplingNearest_updateGradInput(NULL, g, gx, 2, 3, 5, 12, 2.5);
}
static void tlin_f(DT *x, DT *y) { THNN_DoubleTemporalUpSamplingLinear_updateOutput(NULL, x, y, 13, false); }
static void tlin_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleTemporalUpSamplingLinear_updateGradInput(NULL, g, gx, 2, 3, 5, 13, false);
}

/* grid sampling: the grid G (or the input X) fixed */
static DT *G;
static int GMODE, GALIGN;
static void gs_f(DT *x, DT *y) { THNN_DoubleSpatialGridSamplerBilinear_updateOutput(NULL, x, G, y, GMODE, GALIGN); }
static void gs_b(DT *x, DT *y, DT *g, DT *gx) {
  DT *gg = dempty();
  THNN_DoubleSpatialGridSamplerBilinear_updateGradInput(NULL, x, gx, G, gg, g, GMODE, GALIGN);
  THDoubleTensor_free(gg);
}
static void gsg_f(DT *grid, DT *y) { THNN_DoubleSpatialGridSamplerBilinear_updateOutput(NULL, X, grid, y, GMODE, GALIGN); }
static void gsg_b(DT *grid, DT *y, DT *g, DT *gg) {
  DT *gx = dempty();
  THNN_DoubleSpatialGridSamplerBilinear_updateGradInput(NULL, X, gx, grid, gg, g, GMODE, GALIGN);
  THDoubleTensor_free(gx);
}
/* unpooling into 5x6 planes through IND; fractional pooling 3x2 windows to 4x3 with samples G */
static void unp_f(DT *x, DT *y) { THNN_DoubleSpatialMaxUnpooling_updateOutput(NULL, x, y, IND, 6, 5); }
static void unp_b(DT *x, DT *y, DT *g, DT *gx) { THNN_DoubleSpatialMaxUnpooling_updateGradInput(NULL, x, g, gx, IND, 6, 5); }
static void frac_f(DT *x, DT *y) { THNN_DoubleSpatialFractionalMaxPooling_updateOutput(NULL, x, y, 3, 4, 2, 3, IND, G); }
static void frac_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleSpatialFractionalMaxPooling_updateOutput(NULL, x, y, 3, 4, 2, 3, IND, G);
  THNN_DoubleSpatialFractionalMaxPooling_updateGradInput(NULL, x, g, gx, 3, 4, 2, 3, IND);
}

/* volumetric: kernel (kT, kH, kW) = (3, 2, 2), stride (2, 1, 2), padding (1, 0, 1) */
static void vc_f(DT *x, DT *y) {
  BUF2;
  THNN_DoubleVolumetricConvolutionMM_updateOutput(NULL, x, y, W, B, c, o, 3, 2, 2, 2, 2, 1, 1, 1, 0);
  FREE2;
}
static void vc_b(DT *x, DT *y, DT *g, DT *gx) {
  BUF2;
  THNN_DoubleVolumetricConvolutionMM_updateGradInput(NULL, x, g, gx, W, c, o, 3, 2, 2, 2, 2, 1, 1, 1, 0);
  FREE2;
}
static void vcw_f(DT *w, DT *y) {
  BUF2;
  THNN_DoubleVolumetricConvolutionMM_updateOutput(NULL, X, y, w, B, c, o, 3, 2, 2, 2, 2, 1, 1, 1, 0);
  FREE2;
}
static void vcw_b(DT *w, DT *y, DT *g, DT *gw) {
  BUF2;
  THDoubleTensor_resizeAs(gw, w);
  THDoubleTensor_zero(gw);
  THNN_DoubleVolumetricConvolutionMM_accGradParameters(NULL, X, g, gw, NULL, c, o, 3, 2, 2, 2, 2, 1, 1, 1, 0, 1.0);
  FREE2;
}
static void vmax_f(DT *x, DT *y) { THNN_DoubleVolumetricMaxPooling_updateOutput(NULL, x, y, IND, 3, 2, 2, 2, 2, 1, 1, 1, 0, true); }
static void vmax_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleVolumetricMaxPooling_updateOutput(NULL, x, y, IND, 3, 2, 2, 2, 2, 1, 1, 1, 0, true);
  THNN_DoubleVolumetricMaxPooling_updateGradInput(NULL, x, g, gx, IND, 3, 2, 2, 2, 2, 1, 1, 1, 0, true);
}
static void vavg_f(DT *x, DT *y) {
  THNN_DoubleVolumetricAveragePooling_updateOutput(NULL, x, y, 3, 2, 2, 2, 2, 1, 1, 1, 0, true, false);
}
static void vavg_b(DT *x, DT *y, DT *g, DT *gx) {
  THNN_DoubleVolumetricAveragePooling_updateGradInput(NULL, x, g, gx, 3, 2, 2, 2, 2, 1, 1, 1, 0, true, false);
}

static void expect_values(DT *y, int n, const double *want, double tol) {
  CHECK(THDoubleTensor_nElement(y) == n);
  for (int i = 0; i < n && i < THDoubleTensor_nElement(y); i++) {
    if (fabs(at(y, i) - want[i]) > tol) fprintf(stderr, "  element %d: %g, expected %g\n", i, at(y, i), want[i]);
    CHECK_NEAR(at(y, i), want[i], tol);
  }
}

static void test_values(void) {
  DT *y = dempty(), *c = dempty(), *o = dempty();
  /* dilation 2 over a 3x3 image 1..9 with a 2x2 kernel of ones: the four corners, + bias 1 */
  const int64_t s1133[4] = {1, 1, 3, 3}, s1122[4] = {1, 1, 2, 2}, s1[1] = {1};
  DT *img = dtensor(4, s1133, (const double[]){1, 2, 3, 4, 5, 6, 7, 8, 9});
  DT *ones = dtensor(4, s1122, (const double[]){1, 1, 1, 1}), *bias = dtensor(1, s1, (const double[]){1});
  THNN_DoubleSpatialDilatedConvolution_updateOutput(NULL, img, y, ones, bias, c, o, 2, 2, 1, 1, 0, 0, 2, 2);
  CHECK(y->nDimension == 4 && y->size[2] == 1 && y->size[3] == 1);
  expect_values(y, 1, (const double[]){21}, 0);
  /* stride-2 transposed convolution with a 2x2 kernel of ones: each pixel becomes a 2x2 block;
   * adj 1 adds a last row and column that only the bias reaches */
  const int64_t s122[3] = {1, 2, 2};
  DT *small = dtensor(3, s122, (const double[]){1, 2, 3, 4});
  THNN_DoubleSpatialFullConvolution_updateOutput(NULL, small, y, ones, NULL, c, o, 2, 2, 2, 2, 0, 0, 0, 0);
  CHECK(y->nDimension == 3 && y->size[1] == 4 && y->size[2] == 4);
  expect_values(y, 16, (const double[]){1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, 0);
  THNN_DoubleSpatialFullConvolution_updateOutput(NULL, small, y, ones, bias, c, o, 2, 2, 2, 2, 0, 0, 1, 1);
  CHECK(y->size[1] == 5 && y->size[2] == 5);
  expect_values(y, 25, (const double[]){2, 2, 3, 3, 1, 2, 2, 3, 3, 1, 4, 4, 5, 5, 1, 4, 4, 5, 5, 1, 1, 1, 1, 1, 1}, 0);
  /* temporal convolution of 1, 2, 3, 4 with taps (1, 10): x[t] + 10 x[t + 1] */
  const int64_t s41[2] = {4, 1}, s12[2] = {1, 2};
  DT *seq = dtensor(2, s41, (const double[]){1, 2, 3, 4}), *tw = dtensor(2, s12, (const double[]){1, 10});
  THNN_DoubleTemporalConvolution_updateOutput(NULL, seq, y, tw, NULL, 2, 1, 1, 1);
  CHECK(y->nDimension == 2 && y->size[0] == 3 && y->size[1] == 1);
  expect_values(y, 3, (const double[]){21, 32, 43}, 0);
  /* temporal max pooling of 3, 1, 4, 1, 5 by windows of 2, stride 2: frames 0-1 and 2-3 */
  const int64_t s51[2] = {5, 1};
  DT *pseq = dtensor(2, s51, (const double[]){3, 1, 4, 1, 5});
  THLongTensor *ind = THLongTensor_new();
  THNN_DoubleTemporalMaxPooling_updateOutput(NULL, pseq, y, ind, 2, 2);
  expect_values(y, 2, (const double[]){3, 4}, 0);
  CHECK(THLongTensor_get2d(ind, 0, 0) == 0 && THLongTensor_get2d(ind, 1, 0) == 2);
  /* padding of 1, 2, 3 by (2, 1) */
  const int64_t s13[2] = {1, 3};
  DT *row = dtensor(2, s13, (const double[]){1, 2, 3});
  THNN_DoubleTemporalReflectionPadding_updateOutput(NULL, row, y, 2, 1);
  expect_values(y, 6, (const double[]){3, 2, 1, 2, 3, 2}, 0);
  THNN_DoubleTemporalReplicationPadding_updateOutput(NULL, row, y, 2, 1);
  expect_values(y, 6, (const double[]){1, 1, 1, 2, 3, 3}, 0);
  THNN_DoubleTemporalReplicationPadding_updateOutput(NULL, row, y, -1, 0); /* negative: crop */
  expect_values(y, 2, (const double[]){2, 3}, 0);
  /* spatial reflection of a 2x2 image by 1 on top and left */
  DT *im2 = dtensor(3, s122, (const double[]){1, 2, 3, 4});
  THNN_DoubleSpatialReflectionPadding_updateOutput(NULL, im2, y, 1, 0, 1, 0);
  expect_values(y, 9, (const double[]){4, 3, 4, 2, 1, 2, 4, 3, 4}, 0);
  THNN_DoubleSpatialReplicationPadding_updateOutput(NULL, im2, y, 0, 1, 0, 1);
  expect_values(y, 9, (const double[]){1, 2, 2, 3, 4, 4, 3, 4, 4}, 0);
  /* upsampling of 0, 3 */
  const int64_t s112[3] = {1, 1, 2};
  DT *two = dtensor(3, s112, (const double[]){0, 3});
  THNN_DoubleTemporalUpSamplingNearest_updateOutput(NULL, two, y, 4, 0);
  expect_values(y, 4, (const double[]){0, 0, 3, 3}, 0);
  THNN_DoubleTemporalUpSamplingNearest_updateOutput(NULL, two, y, 3, 0); /* s = 2/3: 0, 0.67, 1.33 */
  expect_values(y, 3, (const double[]){0, 0, 3}, 0);
  THNN_DoubleTemporalUpSamplingLinear_updateOutput(NULL, two, y, 4, true);
  expect_values(y, 4, (const double[]){0, 1, 2, 3}, 1e-15);
  THNN_DoubleTemporalUpSamplingLinear_updateOutput(NULL, two, y, 4, false); /* sources 0, .25, .75, 1 */
  expect_values(y, 4, (const double[]){0, 0.75, 2.25, 3}, 1e-15);
  /* 2x2 -> 3x3 bilinear with align_corners: the centre is the mean */
  THNN_DoubleSpatialUpSamplingBilinear_updateOutput(NULL, im2, y, 3, 3, true);
  expect_values(y, 9, (const double[]){1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4}, 1e-15);
  THNN_DoubleSpatialUpSamplingNearest_updateOutput(NULL, im2, y, 4, 3, 0, 0);
  expect_values(y, 12, (const double[]){1, 1, 2, 1, 1, 2, 3, 3, 4, 3, 3, 4}, 0);

  /* grid sampling of [1, 2; 3, 4] at the centre, the corner (-1, -1) and (-1, 0) */
  const int64_t s1132g[4] = {1, 1, 3, 2};
  DT *im4 = dtensor(4, s1122, (const double[]){1, 2, 3, 4});
  DT *grid = dtensor(4, s1132g, (const double[]){0, 0, -1, -1, -1, 0});
  THNN_DoubleSpatialGridSamplerBilinear_updateOutput(NULL, im4, grid, y, 0, true);
  CHECK(y->nDimension == 4 && y->size[2] == 1 && y->size[3] == 3);
  expect_values(y, 3, (const double[]){2.5, 1, 2}, 1e-15);
  /* without align_corners (-1, -1) is the outer corner, pixel (-0.5, -0.5): a quarter of pixel 0
   * with zeros outside, all of it with the border */
  THNN_DoubleSpatialGridSamplerBilinear_updateOutput(NULL, im4, grid, y, 0, false);
  expect_values(y, 3, (const double[]){2.5, 0.25, 1}, 1e-15);
  THNN_DoubleSpatialGridSamplerBilinear_updateOutput(NULL, im4, grid, y, 1, false);
  expect_values(y, 3, (const double[]){2.5, 1, 2}, 1e-15);
  /* unpooling 5, 7 to positions 3 and 0 of a 2x2 plane */

  DT *pair = dtensor(3, s112, (const double[]){5, 7});
  THLongTensor *ui = THLongTensor_newWithSize3d(1, 1, 2);
  THLongTensor_set3d(ui, 0, 0, 0, 3);
  THLongTensor_set3d(ui, 0, 0, 1, 0);
  THNN_DoubleSpatialMaxUnpooling_updateOutput(NULL, pair, y, ui, 2, 2);
  CHECK(y->nDimension == 3 && y->size[1] == 2 && y->size[2] == 2);
  expect_values(y, 4, (const double[]){7, 0, 0, 5}, 0);
  /* fractional pooling of the row 1, 5, 2, 8 by windows of 2 into 2: sample 0.5, alpha 2 ->
   * starts 0 and 2 */
  const int64_t s114[3] = {1, 1, 4};
  DT *frow = dtensor(3, s114, (const double[]){1, 5, 2, 8}), *smp = dtensor(3, s112, (const double[]){0.5, 0.5});
  THNN_DoubleSpatialFractionalMaxPooling_updateOutput(NULL, frow, y, 2, 1, 2, 1, ui, smp);
  expect_values(y, 2, (const double[]){5, 8}, 0);
  CHECK(THLongTensor_get3d(ui, 0, 0, 0) == 1 && THLongTensor_get3d(ui, 0, 0, 1) == 3);
  /* a 2x2x2 volume 1..8: sum with a kernel of ones + 0.5, max 8 at 7, mean 4.5; with padding 1
   * and stride 2 the corner windows hold one voxel each: 1/8 of it with the padding counted */
  const int64_t s11222[5] = {1, 1, 2, 2, 2}, s1222[4] = {1, 2, 2, 2};
  DT *vol = dtensor(4, s1222, (const double[]){1, 2, 3, 4, 5, 6, 7, 8});
  DT *vk = dtensor(5, s11222, (const double[]){1, 1, 1, 1, 1, 1, 1, 1}), *half = dtensor(1, s1, (const double[]){0.5});
  THNN_DoubleVolumetricConvolutionMM_updateOutput(NULL, vol, y, vk, half, c, o, 2, 2, 2, 1, 1, 1, 0, 0, 0);
  CHECK(y->nDimension == 4 && y->size[0] == 1 && y->size[3] == 1);
  expect_values(y, 1, (const double[]){36.5}, 0);
  THLongTensor *vi = THLongTensor_new();
  THNN_DoubleVolumetricMaxPooling_updateOutput(NULL, vol, y, vi, 2, 2, 2, 1, 1, 1, 0, 0, 0, false);
  expect_values(y, 1, (const double[]){8}, 0);
  CHECK(((int64_t *)THLongTensor_data(vi))[0] == 7);
  THNN_DoubleVolumetricAveragePooling_updateOutput(NULL, vol, y, 2, 2, 2, 1, 1, 1, 0, 0, 0, false, true);
  expect_values(y, 1, (const double[]){4.5}, 0);
  THNN_DoubleVolumetricAveragePooling_updateOutput(NULL, vol, y, 2, 2, 2, 2, 2, 2, 1, 1, 1, false, true);
  CHECK(y->size[1] == 2 && y->size[2] == 2 && y->size[3] == 2);
  expect_values(y, 8, (const double[]){1. / 8, 2. / 8, 3. / 8, 4. / 8, 5. / 8, 6. / 8, 7. / 8, 1}, 1e-15);
  THNN_DoubleVolumetricAveragePooling_updateOutput(NULL, vol, y, 2, 2, 2, 2, 2, 2, 1, 1, 1, false, false);
  expect_values(y, 8, (const double[]){1, 2, 3, 4, 5, 6, 7, 8}, 0);
  THDoubleTensor_free(vol);
  THDoubleTensor_free(vk);
  THDoubleTensor_free(half);
  THLongTensor_free(vi);
  THDoubleTensor_free(im4);
  THDoubleTensor_free(grid);
  THDoubleTensor_free(pair);
  THLongTensor_free(ui);
  THDoubleTensor_free(frow);
  THDoubleTensor_free(smp);

  THDoubleTensor_free(y);
  THDoubleTensor_free(c);
  THDoubleTensor_free(o);
  THDoubleTensor_free(img);
  THDoubleTensor_free(ones);
  THDoubleTensor_free(bias);
  THDoubleTensor_free(small);
  THDoubleTensor_free(seq);
  THDoubleTensor_free(tw);
  THDoubleTensor_free(pseq);
  THLongTensor_free(ind);
  THDoubleTensor_free(row);
  THDoubleTensor_free(im2);
  THDoubleTensor_free(two);
}

static void grad_check(const char *name, fwd_fn f, bwd_fn b, DT *x, uint32_t seed) {
  double e = grad_error(f, b, x, seed);
  if (e > 1e-6) fprintf(stderr, "%s: gradient error %g\n", name, e);
  CHECK(e <= 1e-6);
}

static void test_gradients(void) {
  /* dilated convolution: input (2, 2, 7, 8), weight (3, 2, 3, 2) */
  const int64_t sx[4] = {2, 2, 7, 8}, sw[4] = {3, 2, 3, 2}, s3[1] = {3};
  DT *x = drandom(4, sx, 1);
  W = drandom(4, sw, 2);
  B = drandom(1, s3, 3);
  X = drandom(4, sx, 4);
  grad_check("dilated input", dil_f, dil_b, x, 5);
  grad_check("dilated weight", dilw_f, dilw_b, W, 6);
  THDoubleTensor_free(x);
  THDoubleTensor_free(W);
  THDoubleTensor_free(X);
  /* transposed: input (2, 3, 3, 2), weight (3, 2, 3, 2), bias (2) */
  const int64_t fx[4] = {2, 3, 3, 2}, fw[4] = {3, 2, 3, 2}, s2[1] = {2};
  THDoubleTensor_free(B);
  x = drandom(4, fx, 7);
  W = drandom(4, fw, 8);
  B = drandom(1, s2, 9);
  X = drandom(4, fx, 10);
  grad_check("full input", full_f, full_b, x, 11);
  grad_check("full weight", fullw_f, fullw_b, W, 12);
  THDoubleTensor_free(x);
  THDoubleTensor_free(W);
  THDoubleTensor_free(X);
  THDoubleTensor_free(B);
  /* temporal convolution / pooling: input (2, 9, 3), weight (4, 9), bias (4) */
  const int64_t tx[3] = {2, 9, 3}, tw[2] = {4, 9}, s4[1] = {4};
  x = drandom(3, tx, 13);
  W = drandom(2, tw, 14);
  B = drandom(1, s4, 15);
  X = drandom(3, tx, 16);
  grad_check("temporal input", tc_f, tc_b, x, 17);
  grad_check("temporal weight", tcw_f, tcw_b, W, 18);
  IND = THLongTensor_new();
  grad_check("temporal max pooling", tmp_f, tmp_b, x, 19);
  THLongTensor_free(IND);
  THDoubleTensor_free(x);
  THDoubleTensor_free(W);
  THDoubleTensor_free(X);
  THDoubleTensor_free(B);
  /* padding: (2, 3, 4, 5) images, (3, 5) unbatched sequences */
  const int64_t px[4] = {2, 3, 4, 5}, pt[2] = {3, 5}, ut[3] = {2, 3, 5};
  x = drandom(4, px, 20);
  grad_check("spatial reflection", srefl_f, srefl_b, x, 21);
  grad_check("spatial replication", srepl_f, srepl_b, x, 22);
  grad_check("nearest", near_f, near_b, x, 23);
  grad_check("bilinear", bil_f, bil_b, x, 24);
  grad_check("bilinear aligned", bila_f, bila_b, x, 25);
  THDoubleTensor_free(x);
  x = drandom(2, pt, 26);
  grad_check("temporal reflection", trefl_f, trefl_b, x, 27);
  grad_check("temporal replication", trepl_f, trepl_b, x, 28);
  THDoubleTensor_free(x);
  x = drandom(3, ut, 29);
  grad_check("temporal nearest", tnear_f, tnear_b, x, 30);
  grad_check("temporal linear", tlin_f, tlin_b, x, 31);
  THDoubleTensor_free(x);
  /* grid sampling: input (2, 3, 4, 5), grid (2, 3, 4, 2) in [-1.2, 1.2) (some samples outside) */
  const int64_t gx_[4] = {2, 3, 4, 5}, gg_[4] = {2, 3, 4, 2};
  x = drandom(4, gx_, 32);
  X = drandom(4, gx_, 33);
  G = drandom(4, gg_, 34);
  THDoubleTensor_mul(G, G, 0.6);
  for (GMODE = 0; GMODE < 2; GMODE++)
    for (GALIGN = 0; GALIGN < 2; GALIGN++) {
      grad_check("grid sampler input", gs_f, gs_b, x, 35);
      grad_check("grid sampler grid", gsg_f, gsg_b, G, 36);
    }
  THDoubleTensor_free(x);
  THDoubleTensor_free(X);
  THDoubleTensor_free(G);
  /* unpooling: (2, 3, 2, 2) values to distinct positions of 5x6 planes */
  const int64_t ux[4] = {2, 3, 2, 2};
  x = drandom(4, ux, 37);
  IND = THLongTensor_newWithSize4d(2, 3, 2, 2);
  for (int64_t k = 0; k < 24; k++) ((int64_t *)THLongTensor_data(IND))[k] = (k * 7) % 30;
  grad_check("unpooling", unp_f, unp_b, x, 38);
  THDoubleTensor_free(x);
  /* fractional pooling of (2, 2, 7, 6) with samples G (2, 2, 2) */
  const int64_t fx_[4] = {2, 2, 7, 6}, fs[3] = {2, 2, 2};
  x = drandom(4, fx_, 39);
  G = drandom(3, fs, 40);
  THDoubleTensor_mul(G, G, 0.2);
  THDoubleTensor_add(G, G, 0.5); /* in [0.1, 0.9) */
  grad_check("fractional pooling", frac_f, frac_b, x, 41);
  THLongTensor_free(IND);
  THDoubleTensor_free(x);
  THDoubleTensor_free(G);
  /* volumetric: input (2, 2, 5, 3, 4), weight (3, 2, 3, 2, 2) */
  const int64_t vx[5] = {2, 2, 5, 3, 4}, vw[5] = {3, 2, 3, 2, 2}, v3[1] = {3};
  x = drandom(5, vx, 42);
  X = drandom(5, vx, 43);
  W = drandom(5, vw, 44);
  B = drandom(1, v3, 45);
  grad_check("volumetric convolution input", vc_f, vc_b, x, 46);
  grad_check("volumetric convolution weight", vcw_f, vcw_b, W, 47);
  IND = THLongTensor_new();
  grad_check("volumetric max pooling", vmax_f, vmax_b, x, 48);
  grad_check("volumetric average pooling", vavg_f, vavg_b, x, 49);
  THLongTensor_free(IND);
  THDoubleTensor_free(x);
  THDoubleTensor_free(X);
  THDoubleTensor_free(W);
  THDoubleTensor_free(B);
}

static void test_errors(void) {
  DT *y = dempty(), *c = dempty(), *o = dempty();
  const int64_t s4[4] = {1, 2, 5, 5}, sw[4] = {3, 2, 3, 3}, s2[2] = {5, 3}, s3[3] = {2, 5, 3};
  DT *x = drandom(4, s4, 1), *w = drandom(4, sw, 2), *seq = drandom(2, s2, 3), *g = drandom(3, s3, 4);
  /* dilation 3 makes the 3x3 kernel span 7 > 5 */
  EXPECT_ERROR(THNN_DoubleSpatialDilatedConvolution_updateOutput(NULL, x, y, w, NULL, c, o, 3, 3, 1, 1, 0, 0, 3, 3),
               "SpatialDilatedConvolution: expected padded input at least as large as the dilated kernel (7 x 7)");
  EXPECT_ERROR(THNN_DoubleSpatialDilatedConvolution_updateOutput(NULL, x, y, w, NULL, c, o, 3, 3, 1, 1, 0, 0, 0, 1),
               "expected dilation > 0");
  /* the transposed convolution's weight is (C_in, C_out, kH, kW): C_in 3 != 2 */
  EXPECT_ERROR(THNN_DoubleSpatialFullConvolution_updateOutput(NULL, x, y, w, NULL, c, o, 3, 3, 1, 1, 0, 0, 0, 0),
               "SpatialFullDilatedConvolution: expected weight of size [2, nOut, 3, 3], but got [3, 2, 3, 3]");
  EXPECT_ERROR(THNN_DoubleSpatialFullConvolution_updateOutput(NULL, x, y, w, NULL, c, o, 3, 3, 2, 2, 0, 0, 2, 0),
               "smaller than the stride or the dilation");
  EXPECT_ERROR(THNN_DoubleTemporalConvolution_updateOutput(NULL, seq, y, x, NULL, 2, 1, 3, 4),
               "TemporalConvolution: expected weight of size [outputFrameSize, 6], but got [1, 2, 5, 5]");
  EXPECT_ERROR(THNN_DoubleTemporalConvolution_updateOutput(NULL, seq, y, g, NULL, 6, 1, 3, 4),
               "TemporalConvolution: expected weight");
  THLongTensor *ind = THLongTensor_new();
  EXPECT_ERROR(THNN_DoubleTemporalMaxPooling_updateOutput(NULL, seq, y, ind, 6, 1),
               "TemporalMaxPooling: expected at least kW = 6 input frames, but got input [5, 3]");
  THNN_DoubleTemporalMaxPooling_updateOutput(NULL, seq, y, ind, 2, 1);
  EXPECT_ERROR(THNN_DoubleTemporalMaxPooling_updateGradInput(NULL, seq, g, y, ind, 2, 1),
               "TemporalMaxPooling: expected gradOutput of size [4, 3], but got [2, 5, 3]");
  EXPECT_ERROR(THNN_DoubleSpatialReflectionPadding_updateOutput(NULL, x, y, 5, 0, 0, 0),
               "SpatialReflectionPadding: expected padding smaller than the padded dimension");
  EXPECT_ERROR(THNN_DoubleTemporalReplicationPadding_updateOutput(NULL, x, y, 1, 1),
               "TemporalReplicationPadding: expected input of 2 or 3 dimensions");
  EXPECT_ERROR(THNN_DoubleSpatialReplicationPadding_updateOutput(NULL, x, y, -3, -3, 0, 0),
               "expected an output of at least 1 element per dimension");
  EXPECT_ERROR(THNN_DoubleSpatialUpSamplingNearest_updateOutput(NULL, seq, y, 4, 4, 0, 0),
               "SpatialUpSamplingNearest: expected input of 3 or 4 dimensions");
  EXPECT_ERROR(THNN_DoubleSpatialUpSamplingBilinear_updateOutput(NULL, x, y, 0, 4, false),
               "SpatialUpSamplingBilinear: expected input and output sizes > 0");
  EXPECT_ERROR(THNN_DoubleSpatialUpSamplingBilinear_updateGradInput(NULL, x, y, 1, 2, 3, 3, 5, 6, false),
               "SpatialUpSamplingBilinear: expected gradOutput of size [1, 2, 5, 6], but got [1, 2, 5, 5]");
  const int64_t sg[4] = {2, 3, 3, 2};
  DT *grid = drandom(4, sg, 5);
  EXPECT_ERROR(THNN_DoubleSpatialGridSamplerBilinear_updateOutput(NULL, x, grid, y, 0, false),
               "SpatialGridSamplerBilinear: expected grid of size [1, H, W, 2], but got [2, 3, 3, 2]");
  EXPECT_ERROR(THNN_DoubleSpatialGridSamplerBilinear_updateOutput(NULL, x, grid, y, 2, false),
               "expected padding_mode 0 (zeros) or 1 (border), but got 2");
  EXPECT_ERROR(THNN_DoubleSpatialMaxUnpooling_updateOutput(NULL, x, y, ind, 4, 4),
               "SpatialMaxUnpooling: expected indices of size [1, 2, 5, 5]");
  THLongTensor *ui = THLongTensor_newWithSize4d(1, 2, 5, 5);
  THLongTensor_fill(ui, 3);
  THLongTensor_set4d(ui, 0, 1, 2, 2, 16);
  EXPECT_ERROR(THNN_DoubleSpatialMaxUnpooling_updateOutput(NULL, x, y, ui, 4, 4),
               "SpatialMaxUnpooling: expected indices in [0, 16), but got 16");
  EXPECT_ERROR(THNN_DoubleSpatialFractionalMaxPooling_updateOutput(NULL, x, y, 4, 4, 3, 2, ui, x),
               "SpatialFractionalMaxPooling: expected output size + pool size - 1 <= input size");
  EXPECT_ERROR(THNN_DoubleSpatialFractionalMaxPooling_updateOutput(NULL, x, y, 2, 2, 2, 2, ui, x),
               "SpatialFractionalMaxPooling: expected randomSamples of size [N, C, 2] (4 elements), but got "
               "[1, 2, 5, 5]");
  THLongTensor_free(ui);
  THDoubleTensor_free(grid);
  EXPECT_ERROR(THNN_DoubleVolumetricConvolutionMM_updateOutput(NULL, x, y, w, NULL, c, o, 3, 3, 3, 1, 1, 1, 0, 0, 0),
               "VolumetricConvolutionMM: expected weight of size [nOut, 27] or [nOut, 1, 3, 3, 3], but got [3, 2, 3, 3]");
  EXPECT_ERROR(THNN_DoubleVolumetricMaxPooling_updateOutput(NULL, seq, y, ind, 2, 2, 2, 1, 1, 1, 0, 0, 0, false),
               "VolumetricMaxPooling: expected input of 4 (C, T, H, W) or 5 (N, C, T, H, W) dimensions");
  EXPECT_ERROR(THNN_DoubleVolumetricAveragePooling_updateOutput(NULL, x, y, 2, 2, 2, 1, 1, 1, 2, 0, 0, false, true),
               "VolumetricAveragePooling: expected padding between 0 and half the kernel size");
  /* nothing was written by the failed calls: y still holds the pooling result */
  CHECK(y->nDimension == 2 && y->size[0] == 4);
  THLongTensor_free(ind);
  THDoubleTensor_free(y);
  THDoubleTensor_free(c);
  THDoubleTensor_free(o);
  THDoubleTensor_free(x);
  THDoubleTensor_free(w);
  THDoubleTensor_free(seq);
  THDoubleTensor_free(g);
}

/* Float runs the same code; one forward against the double result. */
static void test_float(void) {
  const int64_t sx[4] = {2, 3, 6, 5}, sw[4] = {4, 3, 2, 3};
  DT *x = drandom(4, sx, 40), *w = drandom(4, sw, 41), *y = dempty(), *c = dempty(), *o = dempty();
  THFloatTensor *xf = THFloatTensor_new(), *wf = THFloatTensor_new(), *yf = THFloatTensor_new();
  THFloatTensor *cf = THFloatTensor_new(), *of = THFloatTensor_new();
  THFloatTensor_resizeNd(xf, 4, sx, NULL);
  THFloatTensor_copyDouble(xf, x);
  THFloatTensor_resizeNd(wf, 4, sw, NULL);
  THFloatTensor_copyDouble(wf, w);
  THNN_DoubleSpatialDilatedConvolution_updateOutput(NULL, x, y, w, NULL, c, o, 3, 2, 1, 2, 1, 0, 2, 2);
  THNN_FloatSpatialDilatedConvolution_updateOutput(NULL, xf, yf, wf, NULL, cf, of, 3, 2, 1, 2, 1, 0, 2, 2);
  CHECK(THFloatTensor_nElement(yf) == THDoubleTensor_nElement(y));
  THFloatTensor *yc = THFloatTensor_newContiguous(yf);
  for (int64_t i = 0; i < THDoubleTensor_nElement(y); i++) CHECK_NEAR(((float *)THFloatTensor_data(yc))[i], at(y, i), 1e-4);
  THFloatTensor_free(yc);
  THNN_FloatSpatialUpSamplingBilinear_updateOutput(NULL, xf, yf, 9, 4, false);
  THNN_DoubleSpatialUpSamplingBilinear_updateOutput(NULL, x, y, 9, 4, false);
  yc = THFloatTensor_newContiguous(yf);
  for (int64_t i = 0; i < THDoubleTensor_nElement(y); i++) CHECK_NEAR(((float *)THFloatTensor_data(yc))[i], at(y, i), 1e-5);
  THFloatTensor_free(yc);
  THDoubleTensor_free(x);
  THDoubleTensor_free(w);
  THDoubleTensor_free(y);
  THDoubleTensor_free(c);
  THDoubleTensor_free(o);
  THFloatTensor_free(xf);
  THFloatTensor_free(wf);
  THFloatTensor_free(yf);
  THFloatTensor_free(cf);
  THFloatTensor_free(of);
}

int main(void) {
  TH_TEST_INIT();
  test_values();
  test_gradients();
  test_errors();
  test_float();
  TH_TEST_DONE();
}
