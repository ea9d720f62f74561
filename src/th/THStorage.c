#include "THStorage.h"

#include <stdlib.h>
#include <string.h>

#include "generic/THStorage.c"
#include "THGenerateAllTypes.h"
