/* THGeneral: error reporting, memory, atomics and threading shared by every TH file.
 *
 * Errors never terminate the process.  THError and friends format a message and hand it to the
 * installed error handler, which must not return (the Python bridge longjmps back into the shim
 * that made the call).  If the handler does return, THGeneral aborts with the message: that can
 * only be a bug in a binding, never a user error. */
#ifndef TH_GENERAL_INC
#define TH_GENERAL_INC

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#ifdef __cplusplus
#define TH_EXTERNC extern "C"
#else
#define TH_EXTERNC extern
#endif
#ifdef TH_CDEF
#define TH_API extern /* the cdef generator reads plain declarations */
#else
#define TH_API TH_EXTERNC __attribute__((visibility("default")))
#endif

#define TH_CONCAT_2_EXPAND(x, y) x##y
#define TH_CONCAT_2(x, y) TH_CONCAT_2_EXPAND(x, y)
#define TH_CONCAT_3_EXPAND(x, y, z) x##y##z
#define TH_CONCAT_3(x, y, z) TH_CONCAT_3_EXPAND(x, y, z)
#define TH_CONCAT_4_EXPAND(x, y, z, w) x##y##z##w
#define TH_CONCAT_4(x, y, z, w) TH_CONCAT_4_EXPAND(x, y, z, w)

/* Half precision: a real arithmetic type for gcc/clang.  The cdef generator sees it as uint16_t
 * (cffi has no 16-bit float); the generated shims convert Half scalars to float at the border. */
#ifdef TH_CDEF
typedef uint16_t THHalf;
#else
typedef _Float16 THHalf;
#endif

/* The kinds of error, mapped by the Python bridge onto exception classes. */
typedef enum {
  TH_ERROR_RUNTIME = 0, /* RuntimeError */
  TH_ERROR_INDEX = 1,   /* IndexError: an index or dim out of range */
  TH_ERROR_VALUE = 2,   /* ValueError: a value outside the domain of the operation */
  TH_ERROR_TYPE = 3     /* TypeError: a dtype the operation does not support */
} THErrorKind;

typedef void (*THErrorHandlerFunction)(int kind, const char *msg, void *data);

#ifndef TH_CDEF
TH_API void THErrorKindFmt(int kind, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));
#endif
/* Installs the process-wide error handler (NULL restores the default, which aborts). */
TH_API void THSetErrorHandler(THErrorHandlerFunction handler, void *data);

/* Messages follow "<op>: expected <condition>, but got <actual>". */
#define THError(...) THErrorKindFmt(TH_ERROR_RUNTIME, __VA_ARGS__)
#define THIndexError(...) THErrorKindFmt(TH_ERROR_INDEX, __VA_ARGS__)
#define THValueError(...) THErrorKindFmt(TH_ERROR_VALUE, __VA_ARGS__)
#define THTypeError(...) THErrorKindFmt(TH_ERROR_TYPE, __VA_ARGS__)
#define THArgCheck(cond, ...) do { if (!(cond)) THErrorKindFmt(TH_ERROR_RUNTIME, __VA_ARGS__); } while (0)
#define THIndexCheck(cond, ...) do { if (!(cond)) THErrorKindFmt(TH_ERROR_INDEX, __VA_ARGS__); } while (0)
#define THValueCheck(cond, ...) do { if (!(cond)) THErrorKindFmt(TH_ERROR_VALUE, __VA_ARGS__); } while (0)
#define THAssert(cond) THArgCheck(cond, "internal assertion failed: %s at %s:%d", #cond, __FILE__, __LINE__)

/* Memory.  THAlloc raises (never returns NULL) when memory runs out; THAlloc(0) returns NULL. */
TH_API void *THAlloc(ptrdiff_t size);
TH_API void *THRealloc(void *ptr, ptrdiff_t size);
TH_API void THFree(void *ptr);

/* Formats a size array as "[2, 3]" into buf (used in error messages). */
TH_API const char *THFormatSizes(char *buf, size_t buflen, const int64_t *sizes, int ndim);

/* Threads used by OpenMP loops.  Set to 1 in forked workers: OpenMP hangs after fork otherwise. */
TH_API void THSetNumThreads(int n);
TH_API int THGetNumThreads(void);
/* Flushes denormal floats to zero (SSE FTZ/DAZ) on the calling thread when on != 0; returns 1 if
 * the CPU supports it, else 0 and changes nothing. */
TH_API int THSetFlushDenormal(int on);
/* Loops with fewer elements than this run on one thread (spawning costs more than it saves). */
#define TH_OMP_OVERHEAD_THRESHOLD 32768

#ifndef TH_CDEF
/* Atomic reference counts: cffi releases the GIL on every call, so two Python threads may retain
 * and free the same storage at once. */
#define THAtomicIncrement(p) __atomic_add_fetch((p), 1, __ATOMIC_RELAXED)
#define THAtomicDecrement(p) __atomic_sub_fetch((p), 1, __ATOMIC_ACQ_REL)
#endif

#endif
