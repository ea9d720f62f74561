/* THNN convolutions: im2col + BLAS GEMM. */
#include <cblas.h>
#include <math.h>
#include <string.h>

#include "THNN.h"
#include "THBlas.h"

/* The batch loops run on OpenMP threads, each calling its own GEMM: OpenBLAS must then use one
 * thread per call, or its threads and ours oversubscribe the cores (a batch-32 training step of a
 * small convnet measured 51 ms against 4.5 ms).  OpenBLAS's count is process-wide, so it is
 * lowered only around the loop and restored after. */
static int thnn_blas_serial_begin(int64_t batch) {
  const int prev = THBlas_getThreads();
  if (batch > 1 && prev > 1 && THGetNumThreads() > 1) THBlas_setThreads(1);
  return prev;
}

static void thnn_blas_serial_end(int prev) {
  if (THBlas_getThreads() != prev) THBlas_setThreads(prev);
}

#define TH_GENERIC_FILE "generic/THNNConvolution.c"
#include "THGenerateBLASTypes.h"
