#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THStorage.c"
#else

size_t THStorage_(elementSize)(void) { return sizeof(real); }
void *THStorage_(data)(const THStorage *self) { return self->data; }
int64_t THStorage_(size)(const THStorage *self) { return self->size; }
int THStorage_(refcount)(const THStorage *self) { return __atomic_load_n(&self->refcount, __ATOMIC_RELAXED); }
void *THStorage_(allocatorContext)(const THStorage *self) { return self->allocatorContext; }

THStorage *THStorage_(new)(void) { return THStorage_(newWithSize)(0); }

THStorage *THStorage_(newWithSize)(int64_t size) {
  return THStorage_(newWithAllocator)(size, THDefaultAllocator_get(), NULL);
}

THStorage *THStorage_(newWithAllocator)(int64_t size, THAllocator *allocator, void *allocatorContext) {
  if (size < 0) THValueError("Storage: expected a non-negative size, but got %lld", (long long)size);
  if (size > PTRDIFF_MAX / (int64_t)sizeof(real))
    THError("Storage: expected a size that fits in memory, but got %lld elements", (long long)size);
  void *data = allocator->malloc(allocatorContext, size * (ptrdiff_t)sizeof(real));
  THStorage *self = malloc(sizeof(THStorage));
  if (!self) {
    allocator->free(allocatorContext, data);
    THError("Storage: expected to allocate a storage header, but the system is out of memory");
  }
  self->data = data;
  self->size = size;
  self->refcount = 1;
  self->flag = TH_STORAGE_REFCOUNTED | TH_STORAGE_RESIZABLE | TH_STORAGE_FREEMEM;
  self->allocator = allocator;
  self->allocatorContext = allocatorContext;
  return self;
}

THStorage *THStorage_(newWithDataAndAllocator)(void *data, int64_t size, THAllocator *allocator,
                                               void *allocatorContext) {
  if (size < 0) THValueError("Storage: expected a non-negative size, but got %lld", (long long)size);
  THStorage *self = THAlloc(sizeof(THStorage));
  self->data = data;
  self->size = size;
  self->refcount = 1;
  self->flag = TH_STORAGE_REFCOUNTED | (allocator ? TH_STORAGE_FREEMEM : 0);
  self->allocator = allocator ? allocator : THDefaultAllocator_get();
  self->allocatorContext = allocatorContext;
  return self;
}

THStorage *THStorage_(newWithMapping)(const char *name, int64_t size, int flags) {
  THMapAllocatorContext *ctx = THMapAllocatorContext_new(name, flags);
  THAllocator *alloc = THMapAllocator_get();
  /* The context is owned by the storage once the mapping succeeded; on failure map_malloc raised
   * and the context leaks only its name (a few bytes), which is preferable to a double free. */
  void *data = alloc->malloc(ctx, size * (ptrdiff_t)sizeof(real));
  int64_t mapped = (int64_t)(THMapAllocatorContext_size(ctx) / (ptrdiff_t)sizeof(real));
  THStorage *self = THAlloc(sizeof(THStorage));
  self->data = data;
  self->size = mapped;
  self->refcount = 1;
  self->flag = TH_STORAGE_REFCOUNTED | TH_STORAGE_FREEMEM;
  self->allocator = alloc;
  self->allocatorContext = ctx;
  return self;
}

void THStorage_(retain)(THStorage *self) {
  if (self && (self->flag & TH_STORAGE_REFCOUNTED)) THAtomicIncrement(&self->refcount);
}

void THStorage_(free)(THStorage *self) {
  if (!self || !(self->flag & TH_STORAGE_REFCOUNTED)) return;
  if (THAtomicDecrement(&self->refcount) == 0) {
    if (self->flag & TH_STORAGE_FREEMEM) self->allocator->free(self->allocatorContext, self->data);
    free(self);
  }
}

void THStorage_(resize)(THStorage *self, int64_t size) {
  if (size < 0) THValueError("Storage.resize_: expected a non-negative size, but got %lld", (long long)size);
  if (size == self->size) return;
  if (!(self->flag & TH_STORAGE_RESIZABLE) || !self->allocator->realloc)
    THError("Storage.resize_: expected a resizable storage, but got one that wraps external memory");
  if (size > PTRDIFF_MAX / (int64_t)sizeof(real))
    THError("Storage.resize_: expected a size that fits in memory, but got %lld elements", (long long)size);
  self->data = self->allocator->realloc(self->allocatorContext, self->data, size * (ptrdiff_t)sizeof(real));
  self->size = size;
}

void THStorage_(fill)(THStorage *self, real value) {
  for (int64_t i = 0; i < self->size; i++) self->data[i] = value;
}

void THStorage_(set)(THStorage *self, int64_t idx, real value) {
  THIndexCheck(idx >= 0 && idx < self->size, "Storage.__setitem__: expected an index in [0, %lld), but got %lld",
               (long long)self->size, (long long)idx);
  self->data[idx] = value;
}

real THStorage_(get)(const THStorage *self, int64_t idx) {
  THIndexCheck(idx >= 0 && idx < self->size, "Storage.__getitem__: expected an index in [0, %lld), but got %lld",
               (long long)self->size, (long long)idx);
  return self->data[idx];
}

void THStorage_(copy)(THStorage *self, THStorage *src) {
  THArgCheck(self->size == src->size, "Storage.copy_: expected a source of %lld elements, but got %lld",
             (long long)self->size, (long long)src->size);
  if (self->size) memmove(self->data, src->data, (size_t)self->size * sizeof(real));
}

#endif
