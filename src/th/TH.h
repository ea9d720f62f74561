/* TH: the C tensor library.  Include this one header to use it from C. */
#ifndef TH_INC
#define TH_INC

#include "THGeneral.h"
#include "THAllocator.h"
#include "THStorage.h"
#include "THTensor.h"
#include "THTensorMath.h"

#endif
