/* Padding and upsampling (generic over Float and Double).  An input (..., H, W) is handled as P
 * planes; the temporal modules are the spatial ones with H = 1.  Padding and nearest upsampling
 * are gathers through per-axis index maps (output index -> input index); their backward scatters
 * the gradient back through the same maps.  Linear interpolation uses per-axis pairs of source
 * indices and weights. */
#include "THNNHelpers.h"

#ifndef THNN_RESAMPLE_HELPERS
#define THNN_RESAMPLE_HELPERS
/* padding modes */
#define THNN_PAD_REFLECT 0
#define THNN_PAD_REPLICATE 1
/* map[o] for an axis of `in` elements padded by lo before (negative: cropped) to `out`. */
static void thnn_pad_map(int64_t *map, int64_t in, int lo, int64_t out, int mode) {
  for (int64_t o = 0; o < out; o++) {
    int64_t i = o - lo;
    if (mode == THNN_PAD_REFLECT) {
      if (i < 0) i = -i;
      if (i >= in) i = 2 * (in - 1) - i;
    } else {
      i = i < 0 ? 0 : (i >= in ? in - 1 : i);
    }
    map[o] = i;
  }
}
/* PyTorch's nearest source index: the float scale 1 / scale (when given, > 0) or in / out. */
static void thnn_nearest_map(int64_t *map, int64_t in, int64_t out, double scale) {
  float s = scale > 0 ? (float)(1.0 / scale) : (float)in / (float)out;
  for (int64_t o = 0; o < out; o++) {
    int64_t i = out == in ? o : (out == 2 * in ? o >> 1 : (int64_t)((float)o * s));
    map[o] = i < in - 1 ? i : in - 1;
  }
}
/* Linear interpolation along one axis: output o reads i0[o] with weight l0[o] and i1[o] with
 * l1[o] (PyTorch's area_pixel_compute_source_index). */
static void thnn_linear_map(int64_t *i0, int64_t *i1, double *l0, double *l1, int64_t in, int64_t out,
                            bool align_corners) {
  double s = align_corners ? (out > 1 ? (double)(in - 1) / (double)(out - 1) : 0) : (double)in / (double)out;
  for (int64_t o = 0; o < out; o++) {
    double src = align_corners ? s * (double)o : s * ((double)o + 0.5) - 0.5;
    if (src < 0) src = 0;
    int64_t i = (int64_t)src;
    if (i > in - 1) i = in - 1;
    i0[o] = i;
    i1[o] = i < in - 1 ? i + 1 : i;
    l1[o] = src - (double)i;
    l0[o] = 1 - l1[o];
  }
}
#endif

/* Sizes of an input with `sd` spatial dims (1 or 2) and one optional batch dim. */
typedef struct {
  int64_t P, H, W, oH, oW;
  int nd;
  int64_t lead[2];
} THNN_(RsGeom);

static THNN_(RsGeom) THNN_(rsCheck)(const char *op, THTensor *input, int sd) {
  THNN_(RsGeom) g;
  int nd = input->nDimension;
  THArgCheck(nd == sd + 1 || nd == sd + 2, "%s: expected input of %d or %d dimensions (%s), but got %s", op, sd + 1,
             sd + 2, sd == 2 ? "(C, H, W) or (N, C, H, W)" : "(C, W) or (N, C, W)", THNN_SHAPE(input));
  g.nd = nd;
  g.P = 1;
  for (int d = 0; d < nd - sd; d++) g.lead[d] = input->size[d], g.P *= input->size[d];
  g.H = sd == 2 ? input->size[nd - 2] : 1;
  g.W = input->size[nd - 1];
  return g;
}
static void THNN_(rsResize)(THNN_(RsGeom) *g, int sd, THTensor *t, int64_t h, int64_t w) {
  int64_t s[4];
  int k = g->nd - sd;
  for (int d = 0; d < k; d++) s[d] = g->lead[d];
  if (sd == 2) s[k++] = h;
  s[k++] = w;
  THTensor_(resizeNd)(t, g->nd, s, NULL);
}
static void THNN_(rsCheckGrad)(const char *op, THNN_(RsGeom) *g, int sd, THTensor *gradOutput) {
  int64_t s[4];
  int k = g->nd - sd;
  for (int d = 0; d < k; d++) s[d] = g->lead[d];
  if (sd == 2) s[k++] = g->oH;
  s[k++] = g->oW;
  THArgCheck(THTensor_(isSize)(gradOutput, g->nd, s), "%s: expected gradOutput of size %s, but got %s", op,
             THFormatSizes((char[256]){0}, 256, s, g->nd), THNN_SHAPE(gradOutput));
}

/* y[p, oh, ow] = x[p, mh[oh], mw[ow]] */
static void THNN_(gather)(THTensor *input, THTensor *output, THNN_(RsGeom) *g, const int64_t *mh, const int64_t *mw) {
  THTensor *x_ = THTensor_(newContiguous)(input), *y_ = THNN_(outBegin)(output);
  const real *x = THNN_(ptr)(x_);
  real *y = THNN_(ptr)(y_);
  int64_t P = g->P, H = g->H, W = g->W, oH = g->oH, oW = g->oW, n_ = P * oH * oW;
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && P > 1) num_threads(THGetNumThreads())")
  for (int64_t p = 0; p < P; p++)
    for (int64_t oh = 0; oh < oH; oh++) {
      const real *src = x + (p * H + mh[oh]) * W;
      real *dst = y + (p * oH + oh) * oW;
      for (int64_t ow = 0; ow < oW; ow++) dst[ow] = src[mw[ow]];
    }
  THNN_(outEnd)(y_, output);
  THTensor_(free)(x_);
}
/* gx[p, mh[oh], mw[ow]] += gy[p, oh, ow] (gx resized as the input sizes in g) */
static void THNN_(scatter)(THTensor *gradOutput, THTensor *gradInput, THNN_(RsGeom) *g, const int64_t *mh,
                           const int64_t *mw) {
  THTensor *go_ = THTensor_(newContiguous)(gradOutput), *gi_ = THNN_(outBegin)(gradInput);
  const real *go = THNN_(ptr)(go_);
  real *gi = THNN_(ptr)(gi_);
  int64_t P = g->P, H = g->H, W = g->W, oH = g->oH, oW = g->oW, n_ = P * oH * oW;
  memset(gi, 0, sizeof(real) * (size_t)(P * H * W));
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && P > 1) num_threads(THGetNumThreads())")
  for (int64_t p = 0; p < P; p++)
    for (int64_t oh = 0; oh < oH; oh++) {
      real *dst = gi + (p * H + mh[oh]) * W;
      const real *src = go + (p * oH + oh) * oW;
      for (int64_t ow = 0; ow < oW; ow++) dst[mw[ow]] += src[ow];
    }
  THNN_(outEnd)(gi_, gradInput);
  THTensor_(free)(go_);
}

/* ---- padding */
static void THNN_(pad)(const char *op, int mode, int sd, THTensor *input, THTensor *gradOutput, THTensor *out, int l,
                       int r, int t, int b) {
  THNN_(RsGeom) g = THNN_(rsCheck)(op, input, sd);
  if (mode == THNN_PAD_REFLECT) {
    THArgCheck(l < g.W && r < g.W && (sd == 1 || (t < g.H && b < g.H)),
               "%s: expected padding smaller than the padded dimension, but got padding (%d, %d, %d, %d) for "
               "input %s",
               op, l, r, t, b, THNN_SHAPE(input));
  }
  THArgCheck(g.H > 0 && g.W > 0, "%s: expected non-empty padded dimensions, but got input %s", op,
             THNN_SHAPE(input));
  g.oH = g.H + t + b;
  g.oW = g.W + l + r;
  THArgCheck(g.oH >= 1 && g.oW >= 1, "%s: expected an output of at least 1 element per dimension, but got %lld x %lld"
             " for input %s", op, (long long)g.oH, (long long)g.oW, THNN_SHAPE(input));
  if (gradOutput) THNN_(rsCheckGrad)(op, &g, sd, gradOutput);
  int64_t *mh = malloc(sizeof(int64_t) * (size_t)(g.oH + g.oW)), *mw = mh + g.oH;
  thnn_pad_map(mh, g.H, t, g.oH, mode);
  thnn_pad_map(mw, g.W, l, g.oW, mode);
  if (gradOutput) {
    THTensor_(resizeAs)(out, input);
    THNN_(scatter)(gradOutput, out, &g, mh, mw);
  } else {
    THNN_(rsResize)(&g, sd, out, g.oH, g.oW);
    THNN_(gather)(input, out, &g, mh, mw);
  }
  free(mh);
}

void THNN_(SpatialReflectionPadding_updateOutput)(THNNState *state, THTensor *input, THTensor *output, int pad_left,
                                                  int pad_right, int pad_top, int pad_bottom) {
  THNN_(pad)("SpatialReflectionPadding", THNN_PAD_REFLECT, 2, input, NULL, output, pad_left, pad_right, pad_top,
             pad_bottom);
}
void THNN_(SpatialReflectionPadding_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                     THTensor *gradInput, int pad_left, int pad_right, int pad_top,
                                                     int pad_bottom) {
  THNN_(pad)("SpatialReflectionPadding", THNN_PAD_REFLECT, 2, input, gradOutput, gradInput, pad_left, pad_right,
             pad_top, pad_bottom);
}
void THNN_(SpatialReplicationPadding_updateOutput)(THNNState *state, THTensor *input, THTensor *output, int pad_left,
                                                   int pad_right, int pad_top, int pad_bottom) {
  THNN_(pad)("SpatialReplicationPadding", THNN_PAD_REPLICATE, 2, input, NULL, output, pad_left, pad_right, pad_top,
             pad_bottom);
}
void THNN_(SpatialReplicationPadding_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                      THTensor *gradInput, int pad_left, int pad_right, int pad_top,
                                                      int pad_bottom) {
  THNN_(pad)("SpatialReplicationPadding", THNN_PAD_REPLICATE, 2, input, gradOutput, gradInput, pad_left, pad_right,
             pad_top, pad_bottom);
}
void THNN_(TemporalReflectionPadding_updateOutput)(THNNState *state, THTensor *input, THTensor *output, int pad_left,
                                                   int pad_right) {
  THNN_(pad)("TemporalReflectionPadding", THNN_PAD_REFLECT, 1, input, NULL, output, pad_left, pad_right, 0, 0);
}
void THNN_(TemporalReflectionPadding_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                      THTensor *gradInput, int pad_left, int pad_right) {
  THNN_(pad)("TemporalReflectionPadding", THNN_PAD_REFLECT, 1, input, gradOutput, gradInput, pad_left, pad_right, 0,
             0);
}
void THNN_(TemporalReplicationPadding_updateOutput)(THNNState *state, THTensor *input, THTensor *output, int pad_left,
                                                    int pad_right) {
  THNN_(pad)("TemporalReplicationPadding", THNN_PAD_REPLICATE, 1, input, NULL, output, pad_left, pad_right, 0, 0);
}
void THNN_(TemporalReplicationPadding_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                       THTensor *gradInput, int pad_left, int pad_right) {
  THNN_(pad)("TemporalReplicationPadding", THNN_PAD_REPLICATE, 1, input, gradOutput, gradInput, pad_left, pad_right,
             0, 0);
}

/* ---- upsampling.  The backward passes take no input, only its sizes (PyTorch's protocol). */
static THNN_(RsGeom) THNN_(upCheck)(const char *op, int sd, THTensor *input, int64_t B, int64_t C, int64_t H,
                                    int64_t W, int64_t oH, int64_t oW) {
  THNN_(RsGeom) g;
  if (input) {
    g = THNN_(rsCheck)(op, input, sd);
  } else {
    THArgCheck(B >= 0 && C >= 0 && H >= 0 && W >= 0, "%s: expected input sizes >= 0, but got %lld, %lld, %lld, %lld",
               op, (long long)B, (long long)C, (long long)H, (long long)W);
    g.nd = sd + 2;
    g.lead[0] = B;
    g.lead[1] = C;
    g.P = B * C;
    g.H = H;
    g.W = W;
  }
  THArgCheck(g.H > 0 && g.W > 0 && oH > 0 && oW > 0,
             "%s: expected input and output sizes > 0, but got input %lld x %lld and output %lld x %lld", op,
             (long long)g.H, (long long)g.W, (long long)oH, (long long)oW);
  g.oH = oH;
  g.oW = oW;
  return g;
}

static void THNN_(nearest)(const char *op, int sd, THTensor *input, THTensor *gradOutput, THTensor *out, int64_t B,
                           int64_t C, int64_t H, int64_t W, int64_t oH, int64_t oW, double scaleH, double scaleW) {
  THNN_(RsGeom) g = THNN_(upCheck)(op, sd, input, B, C, H, W, oH, oW);
  if (gradOutput) THNN_(rsCheckGrad)(op, &g, sd, gradOutput);
  int64_t *mh = malloc(sizeof(int64_t) * (size_t)(g.oH + g.oW)), *mw = mh + g.oH;
  thnn_nearest_map(mh, g.H, g.oH, scaleH);
  thnn_nearest_map(mw, g.W, g.oW, scaleW);
  if (gradOutput) {
    THNN_(rsResize)(&g, sd, out, g.H, g.W);
    THNN_(scatter)(gradOutput, out, &g, mh, mw);
  } else {
    THNN_(rsResize)(&g, sd, out, g.oH, g.oW);
    THNN_(gather)(input, out, &g, mh, mw);
  }
  free(mh);
}

void THNN_(SpatialUpSamplingNearest_updateOutput)(THNNState *state, THTensor *input, THTensor *output, int osizeH,
                                                  int osizeW, double scaleH, double scaleW) {
  THNN_(nearest)("SpatialUpSamplingNearest", 2, input, NULL, output, 0, 0, 0, 0, osizeH, osizeW, scaleH, scaleW);
}
void THNN_(SpatialUpSamplingNearest_updateGradInput)(THNNState *state, THTensor *gradOutput, THTensor *gradInput,
                                                     int isizeB, int isizeC, int isizeH, int isizeW, int osizeH,
                                                     int osizeW, double scaleH, double scaleW) {
  THNN_(nearest)("SpatialUpSamplingNearest", 2, NULL, gradOutput, gradInput, isizeB, isizeC, isizeH, isizeW, osizeH,
                 osizeW, scaleH, scaleW);
}
void THNN_(TemporalUpSamplingNearest_updateOutput)(THNNState *state, THTensor *input, THTensor *output, int osizeW,
                                                   double scaleW) {
  THNN_(nearest)("TemporalUpSamplingNearest", 1, input, NULL, output, 0, 0, 0, 0, 1, osizeW, 0, scaleW);
}
void THNN_(TemporalUpSamplingNearest_updateGradInput)(THNNState *state, THTensor *gradOutput, THTensor *gradInput,
                                                      int isizeB, int isizeC, int isizeW, int osizeW, double scaleW) {
  THNN_(nearest)("TemporalUpSamplingNearest", 1, NULL, gradOutput, gradInput, isizeB, isizeC, 1, isizeW, 1, osizeW, 0,
                 scaleW);
}

static void THNN_(linear)(const char *op, int sd, THTensor *input, THTensor *gradOutput, THTensor *out, int64_t B,
                          int64_t C, int64_t H, int64_t W, int64_t oH, int64_t oW, bool align_corners) {
  THNN_(RsGeom) g = THNN_(upCheck)(op, sd, input, B, C, H, W, oH, oW);
  if (gradOutput) THNN_(rsCheckGrad)(op, &g, sd, gradOutput);
  int64_t n = g.oH + g.oW;
  int64_t *ix = malloc(sizeof(int64_t) * (size_t)(2 * n));
  double *lx = malloc(sizeof(double) * (size_t)(2 * n));
  int64_t *h0 = ix, *h1 = ix + g.oH, *w0 = ix + 2 * g.oH, *w1 = w0 + g.oW;
  double *a0 = lx, *a1 = lx + g.oH, *b0 = lx + 2 * g.oH, *b1 = b0 + g.oW;
  thnn_linear_map(h0, h1, a0, a1, g.H, g.oH, align_corners);
  thnn_linear_map(w0, w1, b0, b1, g.W, g.oW, align_corners);
  int64_t P = g.P, Hh = g.H, Ww = g.W, OH = g.oH, OW = g.oW, n_ = P * OH * OW;
  if (!gradOutput) {
    THNN_(rsResize)(&g, sd, out, g.oH, g.oW);
    THTensor *x_ = THTensor_(newContiguous)(input), *y_ = THNN_(outBegin)(out);
    const real *x = THNN_(ptr)(x_);
    real *y = THNN_(ptr)(y_);
    _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && P > 1) num_threads(THGetNumThreads())")
    for (int64_t p = 0; p < P; p++)
      for (int64_t oh = 0; oh < OH; oh++) {
        const real *r0 = x + (p * Hh + h0[oh]) * Ww, *r1 = x + (p * Hh + h1[oh]) * Ww;
        real *dst = y + (p * OH + oh) * OW;
        for (int64_t ow = 0; ow < OW; ow++)
          dst[ow] = (real)(a0[oh] * (b0[ow] * r0[w0[ow]] + b1[ow] * r0[w1[ow]]) +
                           a1[oh] * (b0[ow] * r1[w0[ow]] + b1[ow] * r1[w1[ow]]));
      }
    THNN_(outEnd)(y_, out);
    THTensor_(free)(x_);
  } else {
    THNN_(rsResize)(&g, sd, out, g.H, g.W);
    THTensor *go_ = THTensor_(newContiguous)(gradOutput), *gi_ = THNN_(outBegin)(out);
    const real *go = THNN_(ptr)(go_);
    real *gi = THNN_(ptr)(gi_);
    memset(gi, 0, sizeof(real) * (size_t)(P * Hh * Ww));
    _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && P > 1) num_threads(THGetNumThreads())")
    for (int64_t p = 0; p < P; p++)
      for (int64_t oh = 0; oh < OH; oh++) {
        real *r0 = gi + (p * Hh + h0[oh]) * Ww, *r1 = gi + (p * Hh + h1[oh]) * Ww;
        const real *src = go + (p * OH + oh) * OW;
        for (int64_t ow = 0; ow < OW; ow++) {
          double v = src[ow];
          r0[w0[ow]] += (real)(a0[oh] * b0[ow] * v);
          r0[w1[ow]] += (real)(a0[oh] * b1[ow] * v);
          r1[w0[ow]] += (real)(a1[oh] * b0[ow] * v);
          r1[w1[ow]] += (real)(a1[oh] * b1[ow] * v);
        }
      }
    THNN_(outEnd)(gi_, out);
    THTensor_(free)(go_);
  }
  free(ix);
  free(lx);
}

void THNN_(SpatialUpSamplingBilinear_updateOutput)(THNNState *state, THTensor *input, THTensor *output, int osizeH,
                                                   int osizeW, bool align_corners) {
  THNN_(linear)("SpatialUpSamplingBilinear", 2, input, NULL, output, 0, 0, 0, 0, osizeH, osizeW, align_corners);
}
void THNN_(SpatialUpSamplingBilinear_updateGradInput)(THNNState *state, THTensor *gradOutput, THTensor *gradInput,
                                                      int isizeB, int isizeC, int isizeH, int isizeW, int osizeH,
                                                      int osizeW, bool align_corners) {
  THNN_(linear)("SpatialUpSamplingBilinear", 2, NULL, gradOutput, gradInput, isizeB, isizeC, isizeH, isizeW, osizeH,
                osizeW, align_corners);
}
void THNN_(TemporalUpSamplingLinear_updateOutput)(THNNState *state, THTensor *input, THTensor *output, int osizeW,
                                                  bool align_corners) {
  THNN_(linear)("TemporalUpSamplingLinear", 1, input, NULL, output, 0, 0, 0, 0, 1, osizeW, align_corners);
}
void THNN_(TemporalUpSamplingLinear_updateGradInput)(THNNState *state, THTensor *gradOutput, THTensor *gradInput,
                                                     int isizeB, int isizeC, int isizeW, int osizeW,
                                                     bool align_corners) {
  THNN_(linear)("TemporalUpSamplingLinear", 1, NULL, gradOutput, gradInput, isizeB, isizeC, 1, isizeW, 1, osizeW,
                align_corners);
}

/* ---- bilinear grid sampling: input (N, C, IH, IW), grid (N, H, W, 2) of (x, y) in [-1, 1],
 * output (N, C, H, W) */
#ifndef THNN_GRID_HELPERS
#define THNN_GRID_HELPERS
#define THNN_GRID_ZEROS 0
#define THNN_GRID_BORDER 1
/* The pixel coordinate of normalised c along an axis of `size`, and d(pixel)/d(c) in *grad. */
static double thnn_grid_coord(double c, int64_t size, int padding_mode, bool align_corners, double *grad) {
  double x, g;
  if (align_corners) {
    x = (c + 1) / 2 * (double)(size - 1);
    g = (double)(size - 1) / 2;
  } else {
    x = ((c + 1) * (double)size - 1) / 2;
    g = (double)size / 2;
  }
  if (padding_mode == THNN_GRID_BORDER) {
    if (x <= 0) { /* PyTorch: clipped coordinates, the borders included, carry no gradient */
      x = 0;
      g = 0;
    } else if (x >= (double)(size - 1)) {
      x = (double)(size - 1);
      g = 0;
    }
  }
  *grad = g;
  return x;
}
#endif

static void THNN_(gridCheck)(THTensor *input, THTensor *grid, THTensor *gradOutput, int padding_mode) {
  const char *op = "SpatialGridSamplerBilinear";
  THArgCheck(padding_mode == THNN_GRID_ZEROS || padding_mode == THNN_GRID_BORDER,
             "%s: expected padding_mode 0 (zeros) or 1 (border), but got %d", op, padding_mode);
  THArgCheck(input->nDimension == 4 && input->size[2] > 0 && input->size[3] > 0,
             "%s: expected input of 4 (N, C, H, W) dimensions with non-zero H and W, but got %s", op,
             THNN_SHAPE(input));
  THArgCheck(grid->nDimension == 4 && grid->size[0] == input->size[0] && grid->size[3] == 2,
             "%s: expected grid of size [%lld, H, W, 2], but got %s", op, (long long)input->size[0],
             THNN_SHAPE(grid));
  if (gradOutput) {
    int64_t want[4] = {input->size[0], input->size[1], grid->size[1], grid->size[2]};
    THArgCheck(THTensor_(isSize)(gradOutput, 4, want), "%s: expected gradOutput of size %s, but got %s", op,
               THFormatSizes((char[256]){0}, 256, want, 4), THNN_SHAPE(gradOutput));
  }
}

/* The four corners of the sample at pixel coordinates (ix, iy): their flat offsets (-1 outside
 * the image) and bilinear weights, nw, ne, sw, se. */
#define THNN_GRID_CORNERS                                                                                \
  int64_t x0 = (int64_t)floor(ix), y0 = (int64_t)floor(iy);                                            \
  double fx = ix - (double)x0, fy = iy - (double)y0;                                                   \
  int64_t off[4];                                                                                      \
  double wt[4] = {(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy};                         \
  for (int k = 0; k < 4; k++) {                                                                        \
    int64_t cx = x0 + (k & 1), cy = y0 + (k >> 1);                                                     \
    off[k] = (cx >= 0 && cx < IW && cy >= 0 && cy < IH) ? cy * IW + cx : -1;                           \
  }

void THNN_(SpatialGridSamplerBilinear_updateOutput)(THNNState *state, THTensor *input, THTensor *grid,
                                                    THTensor *output, int padding_mode, bool align_corners) {
  THNN_(gridCheck)(input, grid, NULL, padding_mode);
  int64_t N = input->size[0], C = input->size[1], IH = input->size[2], IW = input->size[3];
  int64_t H = grid->size[1], W = grid->size[2];
  THTensor *x_ = THTensor_(newContiguous)(input), *g_ = THTensor_(newContiguous)(grid);
  THTensor_(resize4d)(output, N, C, H, W);
  THTensor *y_ = THNN_(outBegin)(output);
  const real *x = THNN_(ptr)(x_), *gr = THNN_(ptr)(g_);
  real *y = THNN_(ptr)(y_);
  int64_t NL = N * H * W, n_ = NL * C;
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD) num_threads(THGetNumThreads())")
  for (int64_t q = 0; q < NL; q++) {
    int64_t n = q / (H * W), l = q % (H * W);
    double dx, dy;
    double ix = thnn_grid_coord(gr[2 * q], IW, padding_mode, align_corners, &dx);
    double iy = thnn_grid_coord(gr[2 * q + 1], IH, padding_mode, align_corners, &dy);
    THNN_GRID_CORNERS
    for (int64_t c = 0; c < C; c++) {
      const real *xc = x + (n * C + c) * IH * IW;
      double s = 0;
      for (int k = 0; k < 4; k++)
        if (off[k] >= 0) s += wt[k] * xc[off[k]];
      y[(n * C + c) * H * W + l] = (real)s;
    }
  }
  THNN_(outEnd)(y_, output);
  THTensor_(free)(x_);
  THTensor_(free)(g_);
}

void THNN_(SpatialGridSamplerBilinear_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradInput,
                                                       THTensor *grid, THTensor *gradGrid, THTensor *gradOutput,
                                                       int padding_mode, bool align_corners) {
  THNN_(gridCheck)(input, grid, gradOutput, padding_mode);
  int64_t N = input->size[0], C = input->size[1], IH = input->size[2], IW = input->size[3];
  int64_t H = grid->size[1], W = grid->size[2];
  THTensor *x_ = THTensor_(newContiguous)(input), *g_ = THTensor_(newContiguous)(grid);
  THTensor *go_ = THTensor_(newContiguous)(gradOutput);
  THTensor_(resizeAs)(gradInput, input);
  THTensor_(resizeAs)(gradGrid, grid);
  THTensor *gi_ = THNN_(outBegin)(gradInput), *gg_ = THNN_(outBegin)(gradGrid);
  const real *x = THNN_(ptr)(x_), *gr = THNN_(ptr)(g_), *go = THNN_(ptr)(go_);
  real *gi = THNN_(ptr)(gi_), *gg = THNN_(ptr)(gg_);
  memset(gi, 0, sizeof(real) * (size_t)(N * C * IH * IW));
  int64_t L = H * W, n_ = N * L * C;
  /* samples of one image scatter into the same gradInput image: parallel over images */
  _Pragma("omp parallel for if (n_ > TH_OMP_OVERHEAD_THRESHOLD && N > 1) num_threads(THGetNumThreads())")
  for (int64_t n = 0; n < N; n++)
    for (int64_t l = 0; l < L; l++) {
      int64_t q = n * L + l;
      double dx, dy;
      double ix = thnn_grid_coord(gr[2 * q], IW, padding_mode, align_corners, &dx);
      double iy = thnn_grid_coord(gr[2 * q + 1], IH, padding_mode, align_corners, &dy);
      THNN_GRID_CORNERS
      /* d(weight)/d(ix) and d(weight)/d(iy) of the four corners */
      double wx[4] = {-(1 - fy), 1 - fy, -fy, fy}, wy[4] = {-(1 - fx), -fx, 1 - fx, fx};
      double sx = 0, sy = 0;
      for (int64_t c = 0; c < C; c++) {
        const real *xc = x + (n * C + c) * IH * IW;
        real *gc = gi + (n * C + c) * IH * IW;
        double gv = go[(n * C + c) * L + l];
        for (int k = 0; k < 4; k++)
          if (off[k] >= 0) {
            gc[off[k]] += (real)(wt[k] * gv);
            sx += wx[k] * xc[off[k]] * gv;
            sy += wy[k] * xc[off[k]] * gv;
          }
      }
      gg[2 * q] = (real)(sx * dx);
      gg[2 * q + 1] = (real)(sy * dy);
    }
  THNN_(outEnd)(gi_, gradInput);
  THNN_(outEnd)(gg_, gradGrid);
  THTensor_(free)(x_);
  THTensor_(free)(g_);
  THTensor_(free)(go_);
}
