#include "THTensor.h"

#include "THTensorIter.h"
#include "THTensorKernel.h"

#include "generic/THTensor.c"
#include "THGenerateAllTypes.h"

#include "generic/THTensorCopy.c"
#include "THGenerateAllTypes.h"
