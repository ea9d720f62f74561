/* The one list of TH's element types.  A generic file sets TH_GENERIC_FILE and includes one of the
 * THGenerate*Types.h wrappers, which choose groups of this list by defining TH_GEN_* flags; this
 * file then re-includes TH_GENERIC_FILE once per chosen type with these macros defined:
 *   real      the element type            accreal   the accumulation type
 *   Real      the name pasted into symbols (THFloatTensor_...)
 *   TH_REAL_IS_<TYPE>, and one of TH_REAL_IS_FLOATING / TH_REAL_IS_INTEGRAL / TH_REAL_IS_BOOLEAN
 *   TH_REAL_IS_SIGNED  for types with negative values
 */
#ifndef TH_GENERIC_FILE
#error "define TH_GENERIC_FILE before including a THGenerate*Types.h file"
#endif

#ifdef TH_GEN_FLOATING
#define real double
#define accreal double
#define Real Double
#define TH_REAL_IS_DOUBLE
#define TH_REAL_IS_FLOATING
#define TH_REAL_IS_SIGNED
#include TH_GENERIC_FILE
#undef real
#undef accreal
#undef Real
#undef TH_REAL_IS_DOUBLE
#undef TH_REAL_IS_FLOATING
#undef TH_REAL_IS_SIGNED

#define real float
#define accreal double
#define Real Float
#define TH_REAL_IS_FLOAT
#define TH_REAL_IS_FLOATING
#define TH_REAL_IS_SIGNED
#include TH_GENERIC_FILE
#undef real
#undef accreal
#undef Real
#undef TH_REAL_IS_FLOAT
#undef TH_REAL_IS_FLOATING
#undef TH_REAL_IS_SIGNED
#endif

#ifdef TH_GEN_HALF
#define real THHalf
#define accreal float
#define Real Half
#define TH_REAL_IS_HALF
#define TH_REAL_IS_FLOATING
#define TH_REAL_IS_SIGNED
#include TH_GENERIC_FILE
#undef real
#undef accreal
#undef Real
#undef TH_REAL_IS_HALF
#undef TH_REAL_IS_FLOATING
#undef TH_REAL_IS_SIGNED
#endif

#ifdef TH_GEN_INTEGRAL
#define real int64_t
#define accreal int64_t
#define Real Long
#define TH_REAL_IS_LONG
#define TH_REAL_IS_INTEGRAL
#define TH_REAL_IS_SIGNED
#include TH_GENERIC_FILE
#undef real
#undef accreal
#undef Real
#undef TH_REAL_IS_LONG
#undef TH_REAL_IS_INTEGRAL
#undef TH_REAL_IS_SIGNED

#define real int32_t
#define accreal int64_t
#define Real Int
#define TH_REAL_IS_INT
#define TH_REAL_IS_INTEGRAL
#define TH_REAL_IS_SIGNED
#include TH_GENERIC_FILE
#undef real
#undef accreal
#undef Real
#undef TH_REAL_IS_INT
#undef TH_REAL_IS_INTEGRAL
#undef TH_REAL_IS_SIGNED

#define real int16_t
#define accreal int64_t
#define Real Short
#define TH_REAL_IS_SHORT
#define TH_REAL_IS_INTEGRAL
#define TH_REAL_IS_SIGNED
#include TH_GENERIC_FILE
#undef real
#undef accreal
#undef Real
#undef TH_REAL_IS_SHORT
#undef TH_REAL_IS_INTEGRAL
#undef TH_REAL_IS_SIGNED

#define real int8_t
#define accreal int64_t
#define Real Char
#define TH_REAL_IS_CHAR
#define TH_REAL_IS_INTEGRAL
#define TH_REAL_IS_SIGNED
#include TH_GENERIC_FILE
#undef real
#undef accreal
#undef Real
#undef TH_REAL_IS_CHAR
#undef TH_REAL_IS_INTEGRAL
#undef TH_REAL_IS_SIGNED

#define real uint8_t
#define accreal int64_t
#define Real Byte
#define TH_REAL_IS_BYTE
#define TH_REAL_IS_INTEGRAL
#include TH_GENERIC_FILE
#undef real
#undef accreal
#undef Real
#undef TH_REAL_IS_BYTE
#undef TH_REAL_IS_INTEGRAL
#endif

#ifdef TH_GEN_BOOL
#define real bool
#define accreal int64_t
#define Real Bool
#define TH_REAL_IS_BOOL
#define TH_REAL_IS_BOOLEAN
#include TH_GENERIC_FILE
#undef real
#undef accreal
#undef Real
#undef TH_REAL_IS_BOOL
#undef TH_REAL_IS_BOOLEAN
#endif

#undef TH_GEN_FLOATING
#undef TH_GEN_HALF
#undef TH_GEN_INTEGRAL
#undef TH_GEN_BOOL
#undef TH_GENERIC_FILE

/* The same list as an X-macro, for code that pairs two types (copies between every pair):
 * _(Real, real) per type. */
#ifndef TH_FORALL_TYPES
#define TH_FORALL_TYPES(_) \
  _(Double, double) _(Float, float) _(Half, THHalf) _(Long, int64_t) _(Int, int32_t) \
  _(Short, int16_t) _(Char, int8_t) _(Byte, uint8_t) _(Bool, bool)
#endif
