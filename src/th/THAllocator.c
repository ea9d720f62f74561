#include "THAllocator.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void *default_malloc(void *ctx, ptrdiff_t size) {
  (void)ctx;
  return THAlloc(size);
}
static void *default_realloc(void *ctx, void *ptr, ptrdiff_t size) {
  (void)ctx;
  return THRealloc(ptr, size);
}
static void default_free(void *ctx, void *ptr) {
  (void)ctx;
  THFree(ptr);
}

static THAllocator th_default_allocator = {default_malloc, default_realloc, default_free};

THAllocator *THDefaultAllocator_get(void) { return &th_default_allocator; }

struct THMapAllocatorContext {
  char *filename;
  int flags;
  int fd;
  ptrdiff_t size;
  int unlinked;
};

THMapAllocatorContext *THMapAllocatorContext_new(const char *name, int flags) {
  if (!name || !*name) THValueError("THMapAllocatorContext_new: expected a non-empty name, but got none");
  THMapAllocatorContext *ctx = THAlloc(sizeof(THMapAllocatorContext));
  ctx->filename = THAlloc((ptrdiff_t)strlen(name) + 1);
  strcpy(ctx->filename, name);
  ctx->flags = flags;
  ctx->fd = -1;
  ctx->size = 0;
  ctx->unlinked = 0;
  return ctx;
}

const char *THMapAllocatorContext_filename(THMapAllocatorContext *ctx) { return ctx->filename; }
ptrdiff_t THMapAllocatorContext_size(THMapAllocatorContext *ctx) { return ctx->size; }

static void map_unlink_name(THMapAllocatorContext *ctx) {
  if (ctx->unlinked) return;
  ctx->unlinked = 1;
  if (ctx->flags & TH_ALLOCATOR_MAPPED_SHAREDMEM)
    shm_unlink(ctx->filename);
  else
    unlink(ctx->filename);
}

void THMapAllocatorContext_unlink(THMapAllocatorContext *ctx) { map_unlink_name(ctx); }

void THMapAllocatorContext_free(THMapAllocatorContext *ctx) {
  if (!ctx) return;
  if (ctx->fd >= 0) close(ctx->fd);
  THFree(ctx->filename);
  THFree(ctx);
}

static void *map_malloc(void *vctx, ptrdiff_t size) {
  THMapAllocatorContext *ctx = vctx;
  int oflags = (ctx->flags & TH_ALLOCATOR_MAPPED_NOCREATE) ? O_RDWR : (O_RDWR | O_CREAT);
  if (ctx->flags & TH_ALLOCATOR_MAPPED_EXCLUSIVE) oflags |= O_EXCL;
  int fd = (ctx->flags & TH_ALLOCATOR_MAPPED_SHAREDMEM) ? shm_open(ctx->filename, oflags, 0600)
                                                         : open(ctx->filename, oflags, 0600);
  if (fd < 0)
    THError("THMapAllocator: expected to open '%s', but got error %d (%s)", ctx->filename, errno, strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int err = errno;
    close(fd);
    THError("THMapAllocator: expected to stat '%s', but got error %d (%s)", ctx->filename, err, strerror(err));
  }
  if (ctx->flags & TH_ALLOCATOR_MAPPED_NOCREATE) {
    if (size > st.st_size) {
      close(fd);
      THError("THMapAllocator: expected '%s' to hold at least %td bytes, but it holds %lld", ctx->filename, size,
              (long long)st.st_size);
    }
    if (size == 0) size = st.st_size;
  } else if (st.st_size < size && ftruncate(fd, size) != 0) {
    int err = errno;
    close(fd);
    map_unlink_name(ctx);
    THError("THMapAllocator: expected to resize '%s' to %td bytes, but got error %d (%s)", ctx->filename, size, err,
            strerror(err));
  }
  ctx->fd = fd;
  ctx->size = size;
  if (size == 0) return NULL;
  int mflags = (ctx->flags & (TH_ALLOCATOR_MAPPED_SHARED | TH_ALLOCATOR_MAPPED_SHAREDMEM)) ? MAP_SHARED : MAP_PRIVATE;
  void *data = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, mflags, fd, 0);
  if (data == MAP_FAILED) {
    int err = errno;
    THError("THMapAllocator: expected to map %td bytes of '%s', but got error %d (%s)", size, ctx->filename, err,
            strerror(err));
  }
  return data;
}

static void map_free(void *vctx, void *data) {
  THMapAllocatorContext *ctx = vctx;
  if (data && ctx->size > 0) munmap(data, (size_t)ctx->size);
  if (ctx->flags & TH_ALLOCATOR_MAPPED_UNLINK) map_unlink_name(ctx);
  THMapAllocatorContext_free(ctx);
}

static THAllocator th_map_allocator = {map_malloc, NULL, map_free};

THAllocator *THMapAllocator_get(void) { return &th_map_allocator; }
