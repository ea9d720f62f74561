#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THStorage.h"
#else
/* A THStorage is a refcounted, contiguous block of `size` elements of type real. */

#define THStorage TH_CONCAT_3(TH, Real, Storage)
#define THStorage_(NAME) TH_CONCAT_4(TH, Real, Storage_, NAME)

#ifdef TH_CDEF
typedef struct THStorage THStorage; /* opaque to bindings: use the functions below */
#else
typedef struct THStorage {
  real *data;
  int64_t size;
  int refcount;
  char flag;
  THAllocator *allocator;
  void *allocatorContext;
} THStorage;
#endif

TH_API size_t THStorage_(elementSize)(void);
TH_API void *THStorage_(data)(const THStorage *self);
TH_API int64_t THStorage_(size)(const THStorage *self);
TH_API int THStorage_(refcount)(const THStorage *self);

TH_API THStorage *THStorage_(new)(void);
TH_API THStorage *THStorage_(newWithSize)(int64_t size);
TH_API THStorage *THStorage_(newWithAllocator)(int64_t size, THAllocator *allocator, void *allocatorContext);
/* Wraps memory the caller owns: it is released through allocator->free(ctx, data), or never if
 * allocator is NULL. */
TH_API THStorage *THStorage_(newWithDataAndAllocator)(void *data, int64_t size, THAllocator *allocator,
                                                      void *allocatorContext);
/* A storage in a shared-memory object or file `name` (see THAllocator.h for the flags); size 0
 * with TH_ALLOCATOR_MAPPED_NOCREATE maps the whole existing object. */
TH_API THStorage *THStorage_(newWithMapping)(const char *name, int64_t size, int flags);
TH_API void *THStorage_(allocatorContext)(const THStorage *self);

TH_API void THStorage_(retain)(THStorage *self);
TH_API void THStorage_(free)(THStorage *self);
TH_API void THStorage_(resize)(THStorage *self, int64_t size);
TH_API void THStorage_(fill)(THStorage *self, real value);
TH_API void THStorage_(set)(THStorage *self, int64_t idx, real value);
TH_API real THStorage_(get)(const THStorage *self, int64_t idx);
TH_API void THStorage_(copy)(THStorage *self, THStorage *src);

#endif
