/* THRandom: the random number generator (Mersenne Twister), independent of element types. */
#ifndef TH_RANDOM_INC
#define TH_RANDOM_INC

#include "THGeneral.h"

/* (declarations to come) */

#endif
