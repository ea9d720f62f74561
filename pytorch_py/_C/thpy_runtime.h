/* The error bridge between TH and Python (see shim_gen.py for the shims that use it).
 *
 * Each shim keeps a jmp_buf on its own stack and makes it the thread's current one while the TH
 * call runs; the TH error handler stores the message and longjmps there.  The previous pointer is
 * restored on both paths, so shims are re-entrant.  setjmp (not sigsetjmp(..., 1)): the signal
 * mask never needs saving and that keeps a shim at a few nanoseconds. */
#ifndef THPY_RUNTIME_INC
#define THPY_RUNTIME_INC

#include <setjmp.h>

#include "TH.h"

extern __thread jmp_buf *thpy_current_jmp;
extern __thread int thpy_error_kind;

#define THPY_GUARD(on_error)                  \
  jmp_buf thpy_buf;                           \
  jmp_buf *thpy_prev = thpy_current_jmp;      \
  thpy_error_kind = -1;                       \
  if (setjmp(thpy_buf)) {                     \
    thpy_current_jmp = thpy_prev;             \
    on_error;                                 \
  }                                           \
  thpy_current_jmp = &thpy_buf

#define THPY_RELEASE thpy_current_jmp = thpy_prev

/* Installs the bridge's handler as TH's error handler (called once, when _C loads). */
void THPy_init(void);
/* The kind (THErrorKind) of the error the last shim on this thread raised, or -1. */
int THPy_errorKind(void);
/* Its message; valid until the next error on this thread. */
const char *THPy_errorMessage(void);

#endif
