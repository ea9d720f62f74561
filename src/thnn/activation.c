/* THNN activations: pointwise modules and the (log-)softmax. */
#include <math.h>
#include <string.h>

#include "THNN.h"
#include "THVectorMath.h"

#define TH_GENERIC_FILE "generic/THNNActivation.c"
#include "THGenerateBLASTypes.h"
