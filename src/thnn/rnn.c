/* THNN recurrent layers: the time loop of an Elman RNN, LSTM or GRU layer (RNNFused). */
#include <math.h>
#include <string.h>

#include "THBlas.h"
#include "THNN.h"
#include "THVectorMath.h"

#ifdef _OPENMP
#include <omp.h>
#define THNN_RNN_THREAD() omp_get_thread_num()
#define THNN_RNN_TEAM() omp_get_num_threads()
#else
#define THNN_RNN_THREAD() 0
#define THNN_RNN_TEAM() 1
#endif

/* A time step's products are split over the threads from this many multiply-adds on (about the
 * size where THBlas splits a GEMM): below it, waking the threads and the barriers of every step
 * cost more than the halved arithmetic saves. */
#define THNN_RNN_SPLIT_MACS (1LL << 20)
/* Threads own whole multiples of this many hidden units (columns of the state), so each part's
 * GEMM and pointwise loops keep full vector widths. */
#define THNN_RNN_ALIGN 16

/* How many threads run a time loop whose steps cost `macs` multiply-adds, over n hidden units. */
static int THNN_rnnThreads(int64_t macs, int64_t n) {
  int nt = THGetNumThreads();
  int64_t blocks = (n + THNN_RNN_ALIGN - 1) / THNN_RNN_ALIGN;
  if (macs < THNN_RNN_SPLIT_MACS || nt <= 1) return 1;
  return blocks < nt ? (int)blocks : nt;
}

/* Thread p's part [lo, hi) of n columns split among nt threads in aligned blocks (possibly empty). */
static void THNN_rnnSlice(int64_t n, int nt, int p, int64_t *lo, int64_t *hi) {
  int64_t chunk = (n + nt - 1) / nt;
  chunk = (chunk + THNN_RNN_ALIGN - 1) / THNN_RNN_ALIGN * THNN_RNN_ALIGN;
  *lo = p * chunk < n ? p * chunk : n;
  *hi = *lo + chunk < n ? *lo + chunk : n;
}

/* The columns a thread owns in a time loop: hidden units [h0, h1) (of every gate block, of the
 * cell state and, without a projection, of the hidden state) and hidden-output columns [p0, p1). */
typedef struct {
  int64_t h0, h1, p0, p1;
} THNNRnnPart;

/* The calling thread's part of H hidden units and P output columns. */
static THNNRnnPart THNN_rnnPart(int64_t H, int64_t P) {
  const int nt = THNN_RNN_TEAM(), p = THNN_RNN_THREAD();
  THNNRnnPart q;
  THNN_rnnSlice(H, nt, p, &q.h0, &q.h1);
  THNN_rnnSlice(P, nt, p, &q.p0, &q.p1);
  return q;
}

/* Waits for every thread of the time loop (nothing with one thread). */
#define THNN_RNN_BARRIER() _Pragma("omp barrier")

#define TH_GENERIC_FILE "generic/THNNRecurrent.c"
#include "THGenerateBLASTypes.h"
