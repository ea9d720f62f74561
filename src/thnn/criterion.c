/* THNN criterions (losses). */
#include <math.h>
#include <string.h>

#include "THNN.h"

#define TH_GENERIC_FILE "generic/THNNCriterion.c"
#include "THGenerateBLASTypes.h"
