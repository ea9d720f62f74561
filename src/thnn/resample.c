/* THNN padding and upsampling: index-map gathers and separable interpolation. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "THNN.h"

#define TH_GENERIC_FILE "generic/THNNResample.c"
#include "THGenerateBLASTypes.h"
