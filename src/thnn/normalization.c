/* THNN LookupTable and BatchNormalization. */
#include <math.h>
#include <string.h>

#include "THNN.h"

#define TH_GENERIC_FILE "generic/THNNNormalization.c"
#include "THGenerateBLASTypes.h"
