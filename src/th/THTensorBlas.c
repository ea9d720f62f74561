#include <math.h>

#include "THTensorMath.h"
#include "THTensorKernel.h"

#include "generic/THTensorDriver.h"
#include "THGenerateAllTypes.h"

#include "generic/THTensorBlas.c"
#include "THGenerateAllTypes.h"
