#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorShape.c"
#else
#endif
