/* Instantiates TH_GENERIC_FILE for the floating types (Double, Float, Half). */
#define TH_GEN_FLOATING
#define TH_GEN_HALF
#include "THGenerateTypes.h"
