/* Instantiates TH_GENERIC_FILE for every type. */
#define TH_GEN_FLOATING
#define TH_GEN_HALF
#define TH_GEN_INTEGRAL
#define TH_GEN_BOOL
#include "THGenerateTypes.h"
