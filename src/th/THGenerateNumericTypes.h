/* Instantiates TH_GENERIC_FILE for every type but Bool. */
#define TH_GEN_FLOATING
#define TH_GEN_HALF
#define TH_GEN_INTEGRAL
#include "THGenerateTypes.h"
