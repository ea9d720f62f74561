/* THAllocator: how a storage obtains and releases its memory.
 *
 * A storage keeps a pointer to an allocator and an opaque context; the allocator's free is called
 * with that context when the last reference to the storage goes away.  Three allocators exist:
 * the default (malloc/free), the shared-memory mapped allocator used by multiprocessing, and
 * allocators supplied by a binding (for example one whose free releases a NumPy array). */
#ifndef TH_ALLOCATOR_INC
#define TH_ALLOCATOR_INC

#include "THGeneral.h"

typedef struct THAllocator {
  void *(*malloc)(void *ctx, ptrdiff_t size);
  void *(*realloc)(void *ctx, void *ptr, ptrdiff_t size); /* NULL: the storage cannot grow */
  void (*free)(void *ctx, void *ptr);
} THAllocator;

TH_API THAllocator *THDefaultAllocator_get(void);

/* Shared-memory mapped allocator.  Flags may be combined (an enum so bindings see the values). */
enum {
  TH_ALLOCATOR_MAPPED_SHARED = 1,    /* MAP_SHARED instead of a private mapping */
  TH_ALLOCATOR_MAPPED_SHAREDMEM = 2, /* the name is a POSIX shm object, not a file path */
  TH_ALLOCATOR_MAPPED_EXCLUSIVE = 4, /* fail if the object exists already */
  TH_ALLOCATOR_MAPPED_NOCREATE = 8,  /* open an existing object, never create one */
  TH_ALLOCATOR_MAPPED_UNLINK = 16    /* unlink the name when the mapping is freed */
};

typedef struct THMapAllocatorContext THMapAllocatorContext;

TH_API THAllocator *THMapAllocator_get(void);
/* A context for mapping `name` with `flags`; the mapping is made by the allocator's malloc. */
TH_API THMapAllocatorContext *THMapAllocatorContext_new(const char *name, int flags);
TH_API const char *THMapAllocatorContext_filename(THMapAllocatorContext *ctx);
/* The size in bytes of the object once mapped (for NOCREATE: the existing object's size). */
TH_API ptrdiff_t THMapAllocatorContext_size(THMapAllocatorContext *ctx);
/* Unlinks the name now, keeping the mapping valid (used once every process has opened it). */
TH_API void THMapAllocatorContext_unlink(THMapAllocatorContext *ctx);
/* Frees a context whose mapping was never made (the allocator's free frees it otherwise). */
TH_API void THMapAllocatorContext_free(THMapAllocatorContext *ctx);

#endif
