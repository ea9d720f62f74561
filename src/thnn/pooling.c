/* THNN pooling (spatial, temporal, volumetric, unpooling, fractional). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "THNN.h"

#define TH_GENERIC_FILE "generic/THNNPooling.c"
#include "THGenerateBLASTypes.h"
