#include "THRandom.h"
