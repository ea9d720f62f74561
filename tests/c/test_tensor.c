/* C-level tests of THStorage/THTensor: views, refcounts, copies between types. */
#include <unistd.h>

#include "th_test.h"

static void test_views(void) {
  THFloatTensor *t = THFloatTensor_newWithSize2d(3, 4);
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 4; j++) THFloatTensor_set2d(t, i, j, (float)(i * 4 + j));
  CHECK(THFloatTensor_isContiguous(t));
  CHECK(THFloatTensor_nElement(t) == 12);

  THFloatTensor *tr = THFloatTensor_newTranspose(t, 0, 1);
  CHECK(!THFloatTensor_isContiguous(tr));
  CHECK(THFloatTensor_size(tr, 0) == 4 && THFloatTensor_stride(tr, 0) == 1);
  CHECK(THFloatTensor_get2d(tr, 3, 1) == 7.0f);

  THFloatTensor *row = THFloatTensor_newSelect(t, 0, 2);
  CHECK(THFloatTensor_nDimension(row) == 1 && THFloatTensor_get1d(row, 1) == 9.0f);

  THFloatTensor *nar = THFloatTensor_newNarrow(t, 1, 1, 2);
  CHECK(THFloatTensor_get2d(nar, 0, 0) == 1.0f && THFloatTensor_size(nar, 1) == 2);

  int64_t shape[2] = {2, 6};
  THFloatTensor *v = THFloatTensor_newView(t, 2, shape);
  CHECK(THFloatTensor_get2d(v, 1, 0) == 6.0f);
  EXPECT_ERROR(THFloatTensor_newView(tr, 2, shape), "view");

  THFloatTensor *c = THFloatTensor_newContiguous(tr);
  CHECK(THFloatTensor_isContiguous(c) && THFloatTensor_get2d(c, 3, 1) == 7.0f);

  /* the storage is shared by every view and freed with the last one */
  CHECK(THFloatStorage_refcount(THFloatTensor_storage(t)) == 5);
  THFloatTensor_free(tr);
  THFloatTensor_free(row);
  THFloatTensor_free(nar);
  THFloatTensor_free(v);
  CHECK(THFloatStorage_refcount(THFloatTensor_storage(t)) == 1);
  THFloatTensor_free(c);
  THFloatTensor_free(t);
}

static void test_errors(void) {
  THFloatTensor *t = THFloatTensor_newWithSize1d(3);
  EXPECT_ERROR(THFloatTensor_get1d(t, 3), "expected an index in [0, 3)");
  EXPECT_ERROR(THFloatTensor_size(t, 1), "expected a dim in [0, 1)");
  EXPECT_ERROR(THFloatTensor_newNarrow(t, 0, 2, 2), "narrow");
  THFloatTensor_free(t);
}

static void test_copy_between_types(void) {
  THDoubleTensor *d = THDoubleTensor_newWithSize1d(4);
  for (int i = 0; i < 4; i++) THDoubleTensor_set1d(d, i, i - 1.5);
  THIntTensor *n = THIntTensor_newWithSize1d(4);
  THIntTensor_copyDouble(n, d);
  CHECK(THIntTensor_get1d(n, 0) == -1 && THIntTensor_get1d(n, 3) == 1);
  THBoolTensor *b = THBoolTensor_newWithSize1d(4);
  THBoolTensor_copyDouble(b, d);
  CHECK(THBoolTensor_get1d(b, 0) && THBoolTensor_get1d(b, 2));
  THHalfTensor *h = THHalfTensor_newWithSize1d(4);
  THHalfTensor_copyDouble(h, d);
  CHECK((float)THHalfTensor_get1d(h, 0) == -1.5f);
  THDoubleTensor_free(d);
  THIntTensor_free(n);
  THBoolTensor_free(b);
  THHalfTensor_free(h);
}

static void test_classic_api(void) {
  /* the calls an old C extension makes */
  THFloatTensor *a = THFloatTensor_newWithSize2d(2, 2), *r = THFloatTensor_new();
  THFloatTensor_fill(a, 2.0f);
  THFloatTensor_resizeAs(r, a);
  CHECK(THFloatTensor_isSameSizeAs(r, a));
  THFloatTensor_cadd(r, a, 3.0f, a);
  CHECK(((float *)THFloatTensor_data(r))[3] == 8.0f);
  THFloatTensor_free(a);
  THFloatTensor_free(r);
}

static void test_shared_memory_storage(void) {
  /* two mappings of one POSIX shared-memory object see each other's writes (multiprocessing's
   * mechanism, here within one process) */
  char name[64];
  snprintf(name, sizeof name, "/pytorch_py_test_%d", (int)getpid());
  THFloatStorage *a = THFloatStorage_newWithMapping(
      name, 10, TH_ALLOCATOR_MAPPED_SHAREDMEM | TH_ALLOCATOR_MAPPED_EXCLUSIVE | TH_ALLOCATOR_MAPPED_UNLINK);
  CHECK(THFloatStorage_size(a) == 10);
  THFloatStorage_fill(a, 1.5f);
  THFloatStorage *b = THFloatStorage_newWithMapping(name, 0, TH_ALLOCATOR_MAPPED_SHAREDMEM | TH_ALLOCATOR_MAPPED_NOCREATE);
  CHECK(THFloatStorage_size(b) == 10);
  CHECK(THFloatStorage_get(b, 9) == 1.5f);
  THFloatStorage_set(b, 3, -2.0f);
  CHECK(THFloatStorage_get(a, 3) == -2.0f);
  EXPECT_ERROR(THFloatStorage_newWithMapping(name, 10, TH_ALLOCATOR_MAPPED_SHAREDMEM | TH_ALLOCATOR_MAPPED_EXCLUSIVE),
               "THMapAllocator");
  /* a tensor viewing the shared storage */
  THFloatTensor *t = THFloatTensor_newWithStorage1d(b, 2, 4, 1);
  CHECK(THFloatTensor_get1d(t, 1) == -2.0f);
  THFloatTensor_free(t);
  THFloatStorage_free(b);
  THFloatStorage_free(a); /* unlinks the name */
  EXPECT_ERROR(THFloatStorage_newWithMapping(name, 0, TH_ALLOCATOR_MAPPED_SHAREDMEM | TH_ALLOCATOR_MAPPED_NOCREATE),
               "THMapAllocator");
}

int main(void) {
  TH_TEST_INIT();
  test_views();
  test_errors();
  test_copy_between_types();
  test_classic_api();
  test_shared_memory_storage();
  TH_TEST_DONE();
}
