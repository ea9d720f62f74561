/* THNN convolutions: im2col / vol2col + BLAS GEMM (spatial, dilated, transposed, temporal, volumetric). */
#include <cblas.h>
#include <math.h>
#include <string.h>

#include "THNN.h"

#define TH_GENERIC_FILE "generic/THNNConvolution.c"
#include "THGenerateBLASTypes.h"
