/* THTensor: strided tensors over THStorage, one struct and function family per element type. */
#ifndef TH_TENSOR_INC
#define TH_TENSOR_INC

#include "THStorage.h"
#include "THSizes.h"

#include "generic/THTensor.h"
#include "THGenerateAllTypes.h"

#include "generic/THTensorCopy.h"
#include "THGenerateAllTypes.h"

#endif
