#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorShape.h"
#else
/* (declarations to come) */
#endif
