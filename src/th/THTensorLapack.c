#include <ctype.h>
#include <math.h>
#include <stdio.h>

#include "THTensorMath.h"
#include "THTensorKernel.h"

#include "generic/THTensorDriver.h"
#include "THGenerateAllTypes.h"

/* after the TH headers: lapack.h brings complex.h along */
#include "THLapack.h"

#include "generic/THTensorLapack.c"
#include "THGenerateAllTypes.h"
