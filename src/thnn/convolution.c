/* THNN convolutions: im2col + BLAS GEMM. */
#include <cblas.h>
#include <math.h>
#include <string.h>

#include "THNN.h"

#define TH_GENERIC_FILE "generic/THNNConvolution.c"
#include "THGenerateBLASTypes.h"
