/* Instantiates TH_GENERIC_FILE for the types BLAS and LAPACK handle (Double, Float). */
#define TH_GEN_FLOATING
#include "THGenerateTypes.h"
