#include "THGeneral.h"

#include <stdarg.h>
#include <sys/mman.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#if defined(__SSE__)
#include <xmmintrin.h>
#endif

static THErrorHandlerFunction th_error_handler = NULL;
static void *th_error_handler_data = NULL;

void THSetErrorHandler(THErrorHandlerFunction handler, void *data) {
  th_error_handler = handler;
  th_error_handler_data = data;
}

void THErrorKindFmt(int kind, const char *fmt, ...) {
  char msg[2048];
  va_list args;
  va_start(args, fmt);
  vsnprintf(msg, sizeof(msg), fmt, args);
  va_end(args);
  if (th_error_handler) th_error_handler(kind, msg, th_error_handler_data);
  /* Reached only when no handler is installed or the handler returned: a binding bug. */
  fprintf(stderr, "TH: unhandled error (no error handler active): %s\n", msg);
  abort();
}

/* Blocks this large are 2 MB aligned and advised to use transparent huge pages: the first write
 * to fresh memory (every large result) then faults once per 2 MB instead of once per 4 KB, which
 * is several times faster on machines where THP is in `madvise` mode. */
#define TH_HUGE_PAGE_SIZE ((size_t)2 << 20)

void *THAlloc(ptrdiff_t size) {
  if (size < 0) THError("THAlloc: expected a non-negative size, but got %td", size);
  if (size == 0) return NULL;
  void *ptr = NULL;
#ifdef MADV_HUGEPAGE
  if ((size_t)size >= TH_HUGE_PAGE_SIZE) {
    if (posix_memalign(&ptr, TH_HUGE_PAGE_SIZE, (size_t)size) != 0) ptr = NULL;
    if (ptr) madvise(ptr, (size_t)size & ~(TH_HUGE_PAGE_SIZE - 1), MADV_HUGEPAGE);
  } else
#endif
    ptr = malloc((size_t)size);
  if (!ptr) THError("THAlloc: expected to allocate %td bytes, but the system is out of memory", size);
  return ptr;
}

void *THRealloc(void *ptr, ptrdiff_t size) {
  if (size < 0) THError("THRealloc: expected a non-negative size, but got %td", size);
  if (size == 0) {
    free(ptr);
    return NULL;
  }
  void *newptr = realloc(ptr, (size_t)size);
  if (!newptr) THError("THRealloc: expected to allocate %td bytes, but the system is out of memory", size);
  return newptr;
}

void THFree(void *ptr) { free(ptr); }

const char *THFormatSizes(char *buf, size_t buflen, const int64_t *sizes, int ndim) {
  size_t used = 0;
  used += (size_t)snprintf(buf + used, buflen - used, "[");
  for (int i = 0; i < ndim && used < buflen; i++)
    used += (size_t)snprintf(buf + used, buflen - used, i ? ", %lld" : "%lld", (long long)sizes[i]);
  if (used < buflen) snprintf(buf + used, buflen - used, "]");
  return buf;
}

static int th_num_threads = 0; /* 0: not set, use the OpenMP default */

void THSetNumThreads(int n) {
  if (n < 1) THValueError("set_num_threads: expected a positive number of threads, but got %d", n);
  th_num_threads = n;
#ifdef _OPENMP
  omp_set_num_threads(n);
#endif
}

int THGetNumThreads(void) {
#ifdef _OPENMP
  return th_num_threads ? th_num_threads : omp_get_max_threads();
#else
  return 1;
#endif
}

int THSetFlushDenormal(int on) {
#if defined(__SSE__)
  const unsigned int ftz_daz = 0x8040; /* MXCSR bits: flush-to-zero (15) and denormals-are-zero (6) */
  unsigned int csr = _mm_getcsr();
  _mm_setcsr(on ? (csr | ftz_daz) : (csr & ~ftz_daz));
  return 1;
#else
  (void)on;
  return 0;
#endif
}
