/* Matrix and vector products: dot, addmv, addmm, addr, addbmm, baddbmm and the plain forms. */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "THTensorMath.h"
#include "THBlas.h"

/* How BLAS can read a rows x cols matrix whose element (i, j) lies at i * rs + j * cs:
 * TH_BLAS_COLS when it is column-major (ld = its column stride), TH_BLAS_ROWS when it is
 * row-major (then its transpose is column-major: BLAS takes it as the transposed operand),
 * TH_BLAS_NONE when neither (strides of a slice, or 0 from an expand): then it is copied.  A dim
 * of size 1 fits any stride, so vectors and 1 x 1 matrices never need a copy. */
enum { TH_BLAS_NONE = -1, TH_BLAS_COLS = 0, TH_BLAS_ROWS = 1 };

static inline int th_blas_layout(int64_t rows, int64_t cols, int64_t rs, int64_t cs, int64_t *ld) {
  int64_t minr = rows > 1 ? rows : 1, minc = cols > 1 ? cols : 1;
  if ((rs == 1 || rows <= 1) && (cols <= 1 || cs >= minr)) {
    *ld = cols <= 1 ? minr : cs;
    if (THBlas_fits(*ld)) return TH_BLAS_COLS;
  }
  if ((cs == 1 || cols <= 1) && (rows <= 1 || rs >= minc)) {
    *ld = rows <= 1 ? minc : rs;
    if (THBlas_fits(*ld)) return TH_BLAS_ROWS;
  }
  return TH_BLAS_NONE;
}

/* Batched products run their batches in parallel (each gemm on one OpenBLAS thread) when each
 * gemm has at most this many multiply-adds; larger gemms run one after another, each spread
 * over OpenBLAS's own threads, which then have enough work per call. */
#define TH_BMM_PARALLEL_MAX_MACS (256LL * 256 * 256)

/* Integer products and large enough loops run on several OpenMP threads from this many
 * multiply-adds on. */
#define TH_GEMM_LOOP_PARALLEL_MACS (4LL * TH_OMP_OVERHEAD_THRESHOLD)

#include "generic/THTensorBlas.c"
#include "THGenerateAllTypes.h"
