#include <math.h>
#include <stdio.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "THTensorMath.h"
#include "THTensorKernel.h"

#include "generic/THTensorDriver.h"
#include "THGenerateAllTypes.h"

#include "generic/THTensorShape.c"
#include "THGenerateAllTypes.h"
