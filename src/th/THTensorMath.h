/* THTensorMath: the math on tensors, declared per type.  Each group lives in its own generic file
 * and translation unit. */
#ifndef TH_TENSOR_MATH_INC
#define TH_TENSOR_MATH_INC

#include "THTensor.h"

#include "generic/THTensorPointwise.h"
#include "THGenerateAllTypes.h"

#include "generic/THTensorReduce.h"
#include "THGenerateAllTypes.h"

#include "generic/THTensorIndex.h"
#include "THGenerateAllTypes.h"

#include "generic/THTensorShape.h"
#include "THGenerateAllTypes.h"

#include "generic/THTensorBlas.h"
#include "THGenerateAllTypes.h"

#include "generic/THTensorLapack.h"
#include "THGenerateAllTypes.h"

#include "THRandom.h"

#include "generic/THTensorRandom.h"
#include "THGenerateAllTypes.h"

#include "generic/THTensorSort.h"
#include "THGenerateAllTypes.h"

#endif
