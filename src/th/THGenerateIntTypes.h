/* Instantiates TH_GENERIC_FILE for the integral types (Long, Int, Short, Char, Byte). */
#define TH_GEN_INTEGRAL
#include "THGenerateTypes.h"
