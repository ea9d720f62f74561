#include "thpy_runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__thread jmp_buf *thpy_current_jmp = NULL;
__thread int thpy_error_kind = -1;
static __thread char thpy_error_message[2048];

static void thpy_error_handler(int kind, const char *msg, void *data) {
  (void)data;
  if (!thpy_current_jmp) {
    /* A TH function was called without a shim: a bug in the bindings, never a user error.
     * Jumping anywhere would land in a dead frame, so stop here and say what failed. */
    fprintf(stderr, "pytorch_py: TH raised outside any shim (binding bug): %s\n", msg);
    abort();
  }
  thpy_error_kind = kind;
  strncpy(thpy_error_message, msg, sizeof(thpy_error_message) - 1);
  thpy_error_message[sizeof(thpy_error_message) - 1] = 0;
  longjmp(*thpy_current_jmp, 1);
}

void THPy_init(void) { THSetErrorHandler(thpy_error_handler, NULL); }
int THPy_errorKind(void) { return thpy_error_kind; }
const char *THPy_errorMessage(void) { return thpy_error_message; }
