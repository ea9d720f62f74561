#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorBlas.h"
#else
/* (declarations to come) */
#endif
