/* THTensorKernel: macros that define elementwise kernels and the drivers that run them.
 *
 * Used only inside generic .c files (they refer to `real` and `accreal` where they expand).  A
 * kernel handles one run of n elements given per-operand byte strides; the contiguous case is a
 * separate plain loop the compiler vectorises.  Scalar arguments reach a kernel through ctx as an
 * array of two `real`s, visible in the expression as v0 and v1. */
#ifndef TH_TENSOR_KERNEL_INC
#define TH_TENSOR_KERNEL_INC

#include "THTensorIter.h"

/* r = EXPR(a), r of type RT and a of type AT. */
#define TH_UNARY_KERNEL(NAME, RT, AT, EXPR)                                                     \
  static void NAME(void *ctx, int64_t n, char **d, const int64_t *s) {                          \
    const real v0 = ((const real *)ctx)[0], v1 = ((const real *)ctx)[1];                        \
    (void)v0;                                                                                   \
    (void)v1;                                                                                   \
    if (s[0] == sizeof(RT) && s[1] == sizeof(AT)) {                                             \
      RT *restrict pr = (RT *)d[0];                                                             \
      const AT *restrict pa = (const AT *)d[1];                                                 \
      for (int64_t i = 0; i < n; i++) {                                                         \
        const AT a = pa[i];                                                                     \
        (void)a;                                                                                \
        pr[i] = (RT)(EXPR);                                                                     \
      }                                                                                         \
    } else {                                                                                    \
      char *pr = d[0], *pa = d[1];                                                              \
      for (int64_t i = 0; i < n; i++, pr += s[0], pa += s[1]) {                                 \
        const AT a = *(const AT *)pa;                                                           \
        (void)a;                                                                                \
        *(RT *)pr = (RT)(EXPR);                                                                 \
      }                                                                                         \
    }                                                                                           \
  }

/* r = EXPR(a, b); a separate loop handles b broadcast along the run (stride 0). */
#define TH_BINARY_KERNEL(NAME, RT, AT, EXPR)                                                    \
  static void NAME(void *ctx, int64_t n, char **d, const int64_t *s) {                          \
    const real v0 = ((const real *)ctx)[0], v1 = ((const real *)ctx)[1];                        \
    (void)v0;                                                                                   \
    (void)v1;                                                                                   \
    if (s[0] == sizeof(RT) && s[1] == sizeof(AT) && s[2] == sizeof(AT)) {                       \
      RT *restrict pr = (RT *)d[0];                                                             \
      const AT *restrict pa = (const AT *)d[1];                                                 \
      const AT *restrict pb = (const AT *)d[2];                                                 \
      for (int64_t i = 0; i < n; i++) {                                                         \
        const AT a = pa[i], b = pb[i];                                                          \
        pr[i] = (RT)(EXPR);                                                                     \
      }                                                                                         \
    } else if (s[0] == sizeof(RT) && s[1] == sizeof(AT) && s[2] == 0) {                         \
      RT *restrict pr = (RT *)d[0];                                                             \
      const AT *restrict pa = (const AT *)d[1];                                                 \
      const AT b = *(const AT *)d[2];                                                           \
      for (int64_t i = 0; i < n; i++) {                                                         \
        const AT a = pa[i];                                                                     \
        (void)a;                                                                                \
        pr[i] = (RT)(EXPR);                                                                     \
      }                                                                                         \
    } else {                                                                                    \
      char *pr = d[0], *pa = d[1], *pb = d[2];                                                  \
      for (int64_t i = 0; i < n; i++, pr += s[0], pa += s[1], pb += s[2]) {                     \
        const AT a = *(const AT *)pa, b = *(const AT *)pb;                                      \
        *(RT *)pr = (RT)(EXPR);                                                                 \
      }                                                                                         \
    }                                                                                           \
  }

/* r = EXPR(a, b, c) */
#define TH_TERNARY_KERNEL(NAME, RT, AT, EXPR)                                                   \
  static void NAME(void *ctx, int64_t n, char **d, const int64_t *s) {                          \
    const real v0 = ((const real *)ctx)[0], v1 = ((const real *)ctx)[1];                        \
    (void)v0;                                                                                   \
    (void)v1;                                                                                   \
    if (s[0] == sizeof(RT) && s[1] == sizeof(AT) && s[2] == sizeof(AT) && s[3] == sizeof(AT)) { \
      RT *restrict pr = (RT *)d[0];                                                             \
      const AT *restrict pa = (const AT *)d[1];                                                 \
      const AT *restrict pb = (const AT *)d[2];                                                 \
      const AT *restrict pc = (const AT *)d[3];                                                 \
      for (int64_t i = 0; i < n; i++) {                                                         \
        const AT a = pa[i], b = pb[i], c = pc[i];                                               \
        pr[i] = (RT)(EXPR);                                                                     \
      }                                                                                         \
    } else {                                                                                    \
      char *pr = d[0], *pa = d[1], *pb = d[2], *pc = d[3];                                      \
      for (int64_t i = 0; i < n; i++, pr += s[0], pa += s[1], pb += s[2], pc += s[3]) {         \
        const AT a = *(const AT *)pa, b = *(const AT *)pb, c = *(const AT *)pc;                 \
        *(RT *)pr = (RT)(EXPR);                                                                 \
      }                                                                                         \
    }                                                                                           \
  }

/* TH_MATHFN(exp) is the libm function for `real` where it expands: expf for Float and Half, exp
 * otherwise.  Chosen by _Generic on the type, not by a per-type #define, because the drivers of
 * every type are included before the generic code that uses them. */
#define TH_MATHFN(fn) _Generic((real)0, float: fn##f, THHalf: fn##f, default: fn)

/* A tensor of any type as the iterator sees it: TH tensors of every type share this layout. */
#define TH_ITER_DATA(T, elemtype) ((char *)((elemtype *)(T)->storage->data + (T)->storageOffset))

#endif
