/* THNN convolutions: im2col (one 3-d unfolding, with dilation) + BLAS GEMM (spatial, dilated, transposed,
 * temporal, volumetric). */
#include <math.h>
#include <string.h>

#include "THBlas.h"
#include "THNN.h"

#ifdef _OPENMP
#include <omp.h>
#define THNN_THREAD_NUM() omp_get_thread_num()
#else
#define THNN_THREAD_NUM() 0
#endif

/* How many images of a batch of N a convolution pass runs at once, one per thread, each with its
 * own columns buffer and single-threaded GEMMs: all of TH's threads when the batch has enough
 * images; otherwise one image at a time, whose GEMMs THBlas splits over the threads. */
static int THNN_convThreads(int64_t N) {
  int nt = THGetNumThreads();
  return N >= nt ? nt : 1;
}

#define TH_GENERIC_FILE "generic/THNNConvolution.c"
#include "THGenerateBLASTypes.h"
