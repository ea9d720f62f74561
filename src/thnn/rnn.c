/* THNN recurrent layers: the time loop of an Elman RNN, LSTM or GRU layer (RNNFused). */
#include <math.h>
#include <string.h>

#include "THBlas.h"
#include "THNN.h"
#include "THVectorMath.h"

#define TH_GENERIC_FILE "generic/THNNRecurrent.c"
#include "THGenerateBLASTypes.h"
