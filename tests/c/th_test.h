/* A minimal harness for C-level tests of TH: CHECK records failures, EXPECT_ERROR runs a
 * statement and passes if TH raised (through a test error handler that longjmps back). */
#ifndef TH_TEST_INC
#define TH_TEST_INC

#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "TH.h"

static int th_test_failures = 0;
static jmp_buf *th_test_jmp = NULL;
static char th_test_msg[2048];

static void th_test_handler(int kind, const char *msg, void *data) {
  (void)kind;
  (void)data;
  snprintf(th_test_msg, sizeof th_test_msg, "%s", msg);
  if (th_test_jmp) longjmp(*th_test_jmp, 1);
  fprintf(stderr, "unexpected TH error: %s\n", msg);
  th_test_failures++;
  fprintf(stderr, "%d failure(s)\n", th_test_failures);
  _Exit(1);
}

#define TH_TEST_INIT() THSetErrorHandler(th_test_handler, NULL)

#define CHECK(cond)                                                          \
  do {                                                                       \
    if (!(cond)) {                                                           \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      th_test_failures++;                                                    \
    }                                                                        \
  } while (0)

#define CHECK_NEAR(a, b, tol) CHECK(fabs((double)(a) - (double)(b)) <= (tol))

/* Passes if stmt raises a TH error whose message contains `fragment`. */
#define EXPECT_ERROR(stmt, fragment)                                                        \
  do {                                                                                      \
    jmp_buf buf;                                                                            \
    th_test_jmp = &buf;                                                                     \
    if (setjmp(buf) == 0) {                                                                 \
      stmt;                                                                                 \
      th_test_jmp = NULL;                                                                   \
      fprintf(stderr, "%s:%d: expected an error from %s\n", __FILE__, __LINE__, #stmt);     \
      th_test_failures++;                                                                   \
    } else {                                                                                \
      th_test_jmp = NULL;                                                                   \
      if (!strstr(th_test_msg, fragment)) {                                                 \
        fprintf(stderr, "%s:%d: error '%s' lacks '%s'\n", __FILE__, __LINE__, th_test_msg, \
                fragment);                                                                  \
        th_test_failures++;                                                                 \
      }                                                                                     \
    }                                                                                       \
  } while (0)

#define TH_TEST_DONE()                                                    \
  do {                                                                    \
    if (th_test_failures) fprintf(stderr, "%d failure(s)\n", th_test_failures); \
    return th_test_failures ? 1 : 0;                                      \
  } while (0)

#endif
