/* THStorage: typed, refcounted blocks of memory, one struct per element type. */
#ifndef TH_STORAGE_INC
#define TH_STORAGE_INC

#include "THAllocator.h"

#define TH_STORAGE_REFCOUNTED 1 /* refcount managed; the storage frees itself at zero */
#define TH_STORAGE_RESIZABLE 2  /* data may be reallocated */
#define TH_STORAGE_FREEMEM 4    /* data is released through the allocator when freed */

#include "generic/THStorage.h"
#include "THGenerateAllTypes.h"

#endif
