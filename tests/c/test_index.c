/* C-level tests of the indexing ops (THTensorIndex): hand-worked values over several dtypes,
 * non-contiguous inputs and outputs, empty and 0-d tensors, aliasing, large (threaded) loops and
 * the error messages. */
#include "th_test.h"

/* makeX(ndim, sizes, values): a contiguous tensor; isX(t, ndim, sizes, values): shape and values
 * match (read through newContiguous, so t may be any view). */
#define DEFINE_HELPERS(Type, ctype)                                                              \
  static TH##Type##Tensor *make##Type(int ndim, const int64_t *sizes, const ctype *vals) {       \
    TH##Type##Tensor *t = TH##Type##Tensor_newWithSize(ndim, sizes);                             \
    ctype *p = TH##Type##Tensor_data(t);                                                         \
    for (int64_t i = 0; i < TH##Type##Tensor_nElement(t); i++) p[i] = vals[i];                   \
    return t;                                                                                    \
  }                                                                                              \
  static int is##Type(TH##Type##Tensor *t, int ndim, const int64_t *sizes, const double *want) { \
    if (!TH##Type##Tensor_isSize(t, ndim, sizes)) return 0;                                      \
    TH##Type##Tensor *c = TH##Type##Tensor_newContiguous(t);                                     \
    const ctype *p = TH##Type##Tensor_data(c);                                                   \
    int ok = 1;                                                                                  \
    for (int64_t i = 0; i < TH##Type##Tensor_nElement(c); i++) ok &= (double)p[i] == want[i];    \
    TH##Type##Tensor_free(c);                                                                    \
    return ok;                                                                                   \
  }
DEFINE_HELPERS(Double, double)
DEFINE_HELPERS(Float, float)
DEFINE_HELPERS(Half, THHalf)
DEFINE_HELPERS(Long, int64_t)
DEFINE_HELPERS(Int, int32_t)
DEFINE_HELPERS(Short, int16_t)
DEFINE_HELPERS(Char, int8_t)
DEFINE_HELPERS(Byte, uint8_t)
DEFINE_HELPERS(Bool, bool)

#define SZ(...) ((const int64_t[]){__VA_ARGS__})
#define VALS(ctype, ...) ((const ctype[]){__VA_ARGS__})
#define WANT(...) ((const double[]){__VA_ARGS__})

/* t = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]] */
static THFloatTensor *grid34(void) {
  return makeFloat(2, SZ(3, 4), VALS(float, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
}

static void test_index_select(void) {
  THFloatTensor *t = grid34(), *r = THFloatTensor_new();
  THLongTensor *rows = makeLong(1, SZ(3), VALS(int64_t, 2, 0, 2));
  THFloatTensor_indexSelect(r, t, 0, rows);
  CHECK(isFloat(r, 2, SZ(3, 4), WANT(8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11)));
  THLongTensor *cols = makeLong(1, SZ(2), VALS(int64_t, 3, 1));
  THFloatTensor_indexSelect(r, t, 1, cols);
  CHECK(isFloat(r, 2, SZ(3, 2), WANT(3, 1, 7, 5, 11, 9)));

  /* transposed input, and a pre-shaped transposed output that keeps its layout */
  THFloatTensor *tt = THFloatTensor_newTranspose(t, 0, 1); /* [4, 3] */
  THLongTensor *one = makeLong(1, SZ(2), VALS(int64_t, 1, 0));
  THFloatTensor *base = THFloatTensor_newWithSize2d(2, 4);
  THFloatTensor *out = THFloatTensor_newTranspose(base, 0, 1); /* [4, 2], strides [1, 4] */
  THFloatTensor_indexSelect(out, tt, 1, one);
  CHECK(isFloat(out, 2, SZ(4, 2), WANT(4, 0, 5, 1, 6, 2, 7, 3)));
  CHECK(THFloatTensor_stride(out, 0) == 1 && THFloatTensor_data(out) == THFloatTensor_data(base));
  CHECK(isFloat(base, 2, SZ(2, 4), WANT(4, 5, 6, 7, 0, 1, 2, 3)));

  /* a strided index (every other element of a Long tensor) */
  THLongTensor *pairs = makeLong(2, SZ(2, 2), VALS(int64_t, 2, 99, 1, 99));
  THLongTensor *strided = THLongTensor_newSelect(pairs, 1, 0);
  THFloatTensor_indexSelect(r, t, 0, strided);
  CHECK(isFloat(r, 2, SZ(2, 4), WANT(8, 9, 10, 11, 4, 5, 6, 7)));

  /* empty index, empty input, 0-d input and index */
  THLongTensor *none = THLongTensor_newWithSize1d(0);
  THFloatTensor_indexSelect(r, t, 1, none);
  CHECK(THFloatTensor_isSize(r, 2, SZ(3, 0)));
  THFloatTensor *empty = THFloatTensor_newWithSize2d(0, 3);
  THFloatTensor_indexSelect(r, empty, 0, none);
  CHECK(THFloatTensor_isSize(r, 2, SZ(0, 3)));
  THFloatTensor_indexSelect(r, empty, 1, one);
  CHECK(THFloatTensor_isSize(r, 2, SZ(0, 2)));
  THFloatTensor *scalar = makeFloat(0, NULL, VALS(float, 5));
  THLongTensor *zero = makeLong(0, NULL, VALS(int64_t, 0));
  THFloatTensor_indexSelect(r, scalar, 0, zero);
  CHECK(isFloat(r, 0, NULL, WANT(5)));

  /* r == t: the result is computed aside */
  THFloatTensor_indexSelect(t, t, 0, rows);
  CHECK(isFloat(t, 2, SZ(3, 4), WANT(8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11)));

  /* other dtypes */
  THLongTensor *lt = makeLong(1, SZ(4), VALS(int64_t, 10, -20, 30, -40)), *lr = THLongTensor_new();
  THLongTensor_indexSelect(lr, lt, 0, rows);
  CHECK(isLong(lr, 1, SZ(3), WANT(30, 10, 30)));
  THLongTensor_indexSelect(lt, lt, 0, cols); /* r == t for Long */
  CHECK(isLong(lt, 1, SZ(2), WANT(-40, -20)));
  THHalfTensor *ht = makeHalf(1, SZ(3), VALS(THHalf, 0.5, 1.5, -2.25)), *hr = THHalfTensor_new();
  THHalfTensor_indexSelect(hr, ht, 0, rows);
  CHECK(isHalf(hr, 1, SZ(3), WANT(-2.25, 0.5, -2.25)));
  THBoolTensor *bt = makeBool(1, SZ(3), VALS(bool, 1, 0, 0)), *br = THBoolTensor_new();
  THBoolTensor_indexSelect(br, bt, 0, rows);
  CHECK(isBool(br, 1, SZ(3), WANT(0, 1, 0)));

  /* errors, raised before r is touched */
  THLongTensor *bad = makeLong(1, SZ(2), VALS(int64_t, 1, 3));
  THFloatTensor *t2 = grid34();
  THFloatTensor_indexSelect(r, t2, 0, rows);
  EXPECT_ERROR(THFloatTensor_indexSelect(r, t2, 0, bad), "index_select: expected indices in [0, 3), but got 3");
  CHECK(THFloatTensor_isSize(r, 2, SZ(3, 4)));
  THLongTensor *neg = makeLong(1, SZ(1), VALS(int64_t, -1));
  EXPECT_ERROR(THFloatTensor_indexSelect(r, t2, 1, neg), "index_select: expected indices in [0, 4), but got -1");
  EXPECT_ERROR(THFloatTensor_indexSelect(r, t2, 2, rows), "index_select: expected a dim in [0, 2), but got 2");
  EXPECT_ERROR(THFloatTensor_indexSelect(r, t2, 0, pairs), "index_select: expected a 0-d or 1-D index, but got a 2-D one");
  EXPECT_ERROR(THFloatTensor_indexSelect(r, empty, 0, zero), "index_select: expected indices in [0, 0), but got 0");
  EXPECT_ERROR(THFloatTensor_indexSelect(r, scalar, 0, rows), "index_select: expected a single index for a 0-d input");

  THFloatTensor_free(t);
  THFloatTensor_free(t2);
  THFloatTensor_free(r);
  THFloatTensor_free(tt);
  THFloatTensor_free(out);
  THFloatTensor_free(base);
  THFloatTensor_free(empty);
  THFloatTensor_free(scalar);
  THLongTensor_free(rows);
  THLongTensor_free(cols);
  THLongTensor_free(one);
  THLongTensor_free(pairs);
  THLongTensor_free(strided);
  THLongTensor_free(none);
  THLongTensor_free(zero);
  THLongTensor_free(bad);
  THLongTensor_free(neg);
  THLongTensor_free(lt);
  THLongTensor_free(lr);
  THHalfTensor_free(ht);
  THHalfTensor_free(hr);
  THBoolTensor_free(bt);
  THBoolTensor_free(br);
}

static void test_index_copy_add_fill(void) {
  THLongTensor *idx = makeLong(1, SZ(3), VALS(int64_t, 2, 0, 2));
  THDoubleTensor *src = makeDouble(2, SZ(3, 2), VALS(double, 1, 2, 3, 4, 5, 6));
  THDoubleTensor *t = THDoubleTensor_newWithSize2d(3, 2);
  THDoubleTensor_zero(t);
  THDoubleTensor_indexCopy(t, 0, idx, src); /* duplicate 2: the last slice wins */
  CHECK(isDouble(t, 2, SZ(3, 2), WANT(3, 4, 0, 0, 5, 6)));
  THDoubleTensor_zero(t);
  THDoubleTensor_indexAdd(t, 0, idx, src); /* duplicate 2: both slices add up */
  CHECK(isDouble(t, 2, SZ(3, 2), WANT(3, 4, 0, 0, 6, 8)));
  THLongTensor *col = makeLong(0, NULL, VALS(int64_t, 1));
  THDoubleTensor_indexFill(t, 1, col, 7);
  CHECK(isDouble(t, 2, SZ(3, 2), WANT(3, 7, 0, 7, 6, 7)));

  /* a transposed self: t.T is [2, 3]; index_add_ along its dim 1 */
  THIntTensor *base = makeInt(2, SZ(3, 2), VALS(int32_t, 0, 0, 0, 0, 0, 0));
  THIntTensor *tt = THIntTensor_newTranspose(base, 0, 1);
  THIntTensor *isrc = makeInt(2, SZ(2, 3), VALS(int32_t, 1, 2, 3, 10, 20, 30));
  THIntTensor_indexAdd(tt, 1, idx, isrc);
  CHECK(isInt(tt, 2, SZ(2, 3), WANT(2, 0, 4, 20, 0, 40)));
  THIntTensor_indexCopy(tt, 1, idx, isrc);
  CHECK(isInt(base, 2, SZ(3, 2), WANT(2, 20, 0, 0, 3, 30)));
  THIntTensor_indexFill(tt, 0, col, -1);
  CHECK(isInt(base, 2, SZ(3, 2), WANT(2, -1, 0, -1, 3, -1)));

  /* Bool accumulates as logical or; Half adds */
  THBoolTensor *bt = makeBool(1, SZ(3), VALS(bool, 0, 0, 1)), *bs = makeBool(1, SZ(3), VALS(bool, 1, 0, 1));
  THBoolTensor_indexAdd(bt, 0, idx, bs);
  CHECK(isBool(bt, 1, SZ(3), WANT(0, 0, 1)));
  THHalfTensor *ht = makeHalf(1, SZ(3), VALS(THHalf, 0, 0, 0)), *hs = makeHalf(1, SZ(3), VALS(THHalf, 0.5, 0.25, 2));
  THHalfTensor_indexAdd(ht, 0, idx, hs);
  CHECK(isHalf(ht, 1, SZ(3), WANT(0.25, 0, 2.5)));

  /* self as its own source: read before being written */
  THDoubleTensor *perm = makeDouble(1, SZ(3), VALS(double, 10, 20, 30));
  THLongTensor *p = makeLong(1, SZ(3), VALS(int64_t, 1, 2, 0));
  THDoubleTensor_indexCopy(perm, 0, p, perm);
  CHECK(isDouble(perm, 1, SZ(3), WANT(30, 10, 20)));

  /* empty index and empty self */
  THLongTensor *none = THLongTensor_newWithSize1d(0);
  THDoubleTensor *esrc = THDoubleTensor_newWithSize2d(0, 2);
  THDoubleTensor_indexAdd(t, 0, none, esrc);
  CHECK(isDouble(t, 2, SZ(3, 2), WANT(3, 7, 0, 7, 6, 7)));
  THDoubleTensor *empty = THDoubleTensor_newWithSize2d(3, 0);
  THDoubleTensor *esrc2 = THDoubleTensor_newWithSize2d(3, 0);
  THDoubleTensor_indexCopy(empty, 0, idx, esrc2);
  THDoubleTensor_indexFill(empty, 0, idx, 1);
  CHECK(THDoubleTensor_isSize(empty, 2, SZ(3, 0)));

  /* errors leave self untouched */
  THLongTensor *bad = makeLong(1, SZ(3), VALS(int64_t, 0, 1, 3));
  EXPECT_ERROR(THDoubleTensor_indexCopy(t, 0, bad, src), "index_copy_: expected indices in [0, 3), but got 3");
  EXPECT_ERROR(THDoubleTensor_indexAdd(t, 0, bad, src), "index_add_: expected indices in [0, 3), but got 3");
  EXPECT_ERROR(THDoubleTensor_indexFill(t, 0, bad, 0), "index_fill_: expected indices in [0, 3), but got 3");
  CHECK(isDouble(t, 2, SZ(3, 2), WANT(3, 7, 0, 7, 6, 7)));
  EXPECT_ERROR(THDoubleTensor_indexCopy(t, 1, idx, src),
               "index_copy_: expected as many indices as source.size(1) = 2, but got 3");
  EXPECT_ERROR(THDoubleTensor_indexAdd(t, 0, col, src),
               "index_add_: expected as many indices as source.size(0) = 3, but got 1");
  EXPECT_ERROR(THDoubleTensor_indexAdd(t, 0, idx, perm), "index_add_: expected source of self's shape [3, 2]");
  EXPECT_ERROR(THDoubleTensor_indexFill(t, 2, idx, 0), "index_fill_: expected a dim in [0, 2), but got 2");
  THDoubleTensor *src3 = THDoubleTensor_newWithSize2d(3, 3);
  THDoubleTensor_zero(src3);
  EXPECT_ERROR(THDoubleTensor_indexCopy(t, 0, idx, src3),
               "index_copy_: expected source of self's shape [3, 2] apart from dim 0, but got [3, 3]");

  THLongTensor_free(idx);
  THLongTensor_free(col);
  THLongTensor_free(p);
  THLongTensor_free(none);
  THLongTensor_free(bad);
  THDoubleTensor_free(src);
  THDoubleTensor_free(src3);
  THDoubleTensor_free(t);
  THDoubleTensor_free(perm);
  THDoubleTensor_free(esrc);
  THDoubleTensor_free(esrc2);
  THDoubleTensor_free(empty);
  THIntTensor_free(base);
  THIntTensor_free(tt);
  THIntTensor_free(isrc);
  THBoolTensor_free(bt);
  THBoolTensor_free(bs);
  THHalfTensor_free(ht);
  THHalfTensor_free(hs);
}

static void test_gather_scatter(void) {
  THFloatTensor *t = makeFloat(2, SZ(2, 3), VALS(float, 1, 2, 3, 4, 5, 6)), *r = THFloatTensor_new();
  THLongTensor *i1 = makeLong(2, SZ(2, 2), VALS(int64_t, 0, 0, 1, 0));
  THFloatTensor_gather(r, t, 1, i1);
  CHECK(isFloat(r, 2, SZ(2, 2), WANT(1, 1, 5, 4)));
  THLongTensor *i0 = makeLong(2, SZ(1, 3), VALS(int64_t, 1, 0, 1));
  THFloatTensor_gather(r, t, 0, i0);
  CHECK(isFloat(r, 2, SZ(1, 3), WANT(4, 2, 6)));
  /* transposed input (t.T = [[1, 4], [2, 5], [3, 6]]) and transposed index */
  THFloatTensor *tt = THFloatTensor_newTranspose(t, 0, 1);
  THLongTensor *it = THLongTensor_newTranspose(i1, 0, 1); /* [[0, 1], [0, 0]] */
  THFloatTensor_gather(r, tt, 1, it);
  CHECK(isFloat(r, 2, SZ(2, 2), WANT(1, 4, 2, 2)));
  /* 0-d */
  THFloatTensor *scalar = makeFloat(0, NULL, VALS(float, 7));
  THLongTensor *zero = makeLong(0, NULL, VALS(int64_t, 0));
  THFloatTensor_gather(r, scalar, 0, zero);
  CHECK(isFloat(r, 0, NULL, WANT(7)));

  /* scatter family: duplicates (row 1 hits column 1 twice) */
  THLongTensor *si = makeLong(2, SZ(2, 2), VALS(int64_t, 2, 0, 1, 1));
  THFloatTensor *src = makeFloat(2, SZ(2, 3), VALS(float, 1, 2, 99, 3, 4, 99)); /* larger than the index */
  THFloatTensor *s = THFloatTensor_newWithSize2d(2, 3);
  THFloatTensor_zero(s);
  THFloatTensor_scatter(s, 1, si, src);
  CHECK(isFloat(s, 2, SZ(2, 3), WANT(2, 0, 1, 0, 4, 0)));
  THFloatTensor_zero(s);
  THFloatTensor_scatterAdd(s, 1, si, src);
  CHECK(isFloat(s, 2, SZ(2, 3), WANT(2, 0, 1, 0, 7, 0)));
  THFloatTensor_zero(s);
  THFloatTensor_scatterFill(s, 1, si, 9);
  CHECK(isFloat(s, 2, SZ(2, 3), WANT(9, 0, 9, 0, 9, 0)));

  /* Byte scatter_add along dim 0 into a transposed self */
  THByteTensor *bb = makeByte(2, SZ(3, 2), VALS(uint8_t, 0, 0, 0, 0, 0, 0));
  THByteTensor *bt = THByteTensor_newTranspose(bb, 0, 1); /* [2, 3] */
  THLongTensor *di = makeLong(2, SZ(2, 3), VALS(int64_t, 1, 1, 0, 1, 0, 0));
  THByteTensor *bsrc = makeByte(2, SZ(2, 3), VALS(uint8_t, 1, 2, 3, 4, 5, 6));
  THByteTensor_scatterAdd(bt, 0, di, bsrc);
  CHECK(isByte(bt, 2, SZ(2, 3), WANT(0, 5, 9, 5, 2, 0)));
  /* Long scatter with self as the index (copied first) */
  THLongTensor *self = makeLong(1, SZ(3), VALS(int64_t, 2, 0, 1));
  THLongTensor *lsrc = makeLong(1, SZ(3), VALS(int64_t, 7, 8, 9));
  THLongTensor_scatter(self, 0, self, lsrc);
  CHECK(isLong(self, 1, SZ(3), WANT(8, 9, 7)));
  /* empty index */
  THLongTensor *none = THLongTensor_newWithSize2d(2, 0);
  THFloatTensor_scatterAdd(s, 1, none, src);
  CHECK(isFloat(s, 2, SZ(2, 3), WANT(9, 0, 9, 0, 9, 0)));
  THFloatTensor_gather(r, t, 1, none);
  CHECK(THFloatTensor_isSize(r, 2, SZ(2, 0)));

  /* errors */
  THLongTensor *neg = makeLong(2, SZ(1, 2), VALS(int64_t, 0, -1));
  EXPECT_ERROR(THFloatTensor_gather(r, t, 1, neg), "gather: expected indices in [0, 3), but got -1");
  EXPECT_ERROR(THFloatTensor_scatter(s, 1, neg, src), "scatter_: expected indices in [0, 3), but got -1");
  EXPECT_ERROR(THFloatTensor_scatterAdd(s, 1, neg, src), "scatter_add_: expected indices in [0, 3), but got -1");
  EXPECT_ERROR(THFloatTensor_scatterFill(s, 1, neg, 0), "scatter_: expected indices in [0, 3), but got -1");
  CHECK(isFloat(s, 2, SZ(2, 3), WANT(9, 0, 9, 0, 9, 0)));
  THLongTensor *tall = makeLong(2, SZ(3, 1), VALS(int64_t, 0, 0, 0));
  EXPECT_ERROR(THFloatTensor_gather(r, t, 1, tall),
               "gather: expected index.size(d) <= input.size(d) for every dim d != 1, but got index of shape [3, 1] and "
               "input of shape [2, 3]");
  EXPECT_ERROR(THFloatTensor_scatter(s, 1, tall, src), "scatter_: expected index.size(d) <= self.size(d)");
  THFloatTensor *small = makeFloat(2, SZ(2, 1), VALS(float, 1, 2));
  EXPECT_ERROR(THFloatTensor_scatterAdd(s, 1, si, small),
               "scatter_add_: expected index.size(d) <= src.size(d) for every dim d, but got index of shape [2, 2] and src "
               "of shape [2, 1]");
  THLongTensor *flat = makeLong(1, SZ(2), VALS(int64_t, 0, 0));
  EXPECT_ERROR(THFloatTensor_gather(r, t, 1, flat), "gather: expected an index with as many dims as input (2), but got 1");
  EXPECT_ERROR(THFloatTensor_scatter(s, 0, i1, scalar), "scatter_: expected an index with as many dims as src (1), but got 2");
  EXPECT_ERROR(THFloatTensor_gather(r, t, -1, i1), "gather: expected a dim in [0, 2), but got -1");

  THFloatTensor_free(t);
  THFloatTensor_free(r);
  THFloatTensor_free(tt);
  THFloatTensor_free(scalar);
  THFloatTensor_free(src);
  THFloatTensor_free(s);
  THFloatTensor_free(small);
  THLongTensor_free(i1);
  THLongTensor_free(i0);
  THLongTensor_free(it);
  THLongTensor_free(zero);
  THLongTensor_free(si);
  THLongTensor_free(di);
  THLongTensor_free(self);
  THLongTensor_free(lsrc);
  THLongTensor_free(none);
  THLongTensor_free(neg);
  THLongTensor_free(tall);
  THLongTensor_free(flat);
  THByteTensor_free(bb);
  THByteTensor_free(bt);
  THByteTensor_free(bsrc);
}

static void test_masked(void) {
  THFloatTensor *t = makeFloat(2, SZ(2, 3), VALS(float, 1, 2, 3, 4, 5, 6));
  THBoolTensor *m = makeBool(2, SZ(2, 3), VALS(bool, 1, 0, 1, 0, 1, 0));
  THFloatTensor *r = THFloatTensor_new();
  THFloatTensor_maskedSelect(r, t, m);
  CHECK(isFloat(r, 1, SZ(3), WANT(1, 3, 5)));
  THFloatTensor *src = makeFloat(2, SZ(2, 2), VALS(float, 10, 20, 30, 40));
  THFloatTensor *c = THFloatTensor_newClone(t);
  THFloatTensor_maskedCopy(c, m, src);
  CHECK(isFloat(c, 2, SZ(2, 3), WANT(10, 2, 20, 4, 30, 6)));
  THFloatTensor_maskedFill(t, m, -1);
  CHECK(isFloat(t, 2, SZ(2, 3), WANT(-1, 2, -1, 4, -1, 6)));

  /* transposed self and mask: positions are taken in the row-major order of the logical shape */
  THCharTensor *cb = makeChar(2, SZ(3, 2), VALS(int8_t, 1, 4, 2, 5, 3, 6));
  THCharTensor *ct = THCharTensor_newTranspose(cb, 0, 1); /* [[1, 2, 3], [4, 5, 6]] */
  THBoolTensor *mb = makeBool(2, SZ(3, 2), VALS(bool, 0, 1, 1, 1, 1, 0));
  THBoolTensor *mt = THBoolTensor_newTranspose(mb, 0, 1); /* [[0, 1, 1], [1, 1, 0]] */
  THCharTensor *cr = THCharTensor_new();
  THCharTensor_maskedSelect(cr, ct, mt);
  CHECK(isChar(cr, 1, SZ(4), WANT(2, 3, 4, 5)));
  THCharTensor *csrc = makeChar(1, SZ(4), VALS(int8_t, -1, -2, -3, -4));
  THCharTensor_maskedCopy(ct, mt, csrc);
  CHECK(isChar(ct, 2, SZ(2, 3), WANT(1, -1, -2, -3, -4, 6)));
  THCharTensor_maskedFill(ct, mt, 0);
  CHECK(isChar(cb, 2, SZ(3, 2), WANT(1, 0, 0, 0, 0, 6)));

  /* a broadcast (stride-0) mask */
  THBoolTensor *row = makeBool(1, SZ(3), VALS(bool, 0, 1, 0));
  THBoolTensor *bm = THBoolTensor_newExpand(row, 2, SZ(2, 3));
  THIntTensor *it = makeInt(2, SZ(2, 3), VALS(int32_t, 1, 2, 3, 4, 5, 6)), *ir = THIntTensor_new();
  THIntTensor_maskedSelect(ir, it, bm);
  CHECK(isInt(ir, 1, SZ(2), WANT(2, 5)));
  THIntTensor *isrc = makeInt(1, SZ(2), VALS(int32_t, 8, 9));
  THIntTensor_maskedCopy(it, bm, isrc);
  CHECK(isInt(it, 2, SZ(2, 3), WANT(1, 8, 3, 4, 9, 6)));

  /* empty, 0-d, and a Bool self that is its own mask */
  THFloatTensor *empty = THFloatTensor_newWithSize2d(0, 3);
  THBoolTensor *em = THBoolTensor_newWithSize2d(0, 3);
  THFloatTensor_maskedSelect(r, empty, em);
  CHECK(THFloatTensor_isSize(r, 1, SZ(0)));
  THFloatTensor_maskedFill(empty, em, 1);
  THFloatTensor_maskedCopy(empty, em, empty);
  THFloatTensor *scalar = makeFloat(0, NULL, VALS(float, 3));
  THBoolTensor *yes = makeBool(0, NULL, VALS(bool, 1));
  THFloatTensor_maskedSelect(r, scalar, yes);
  CHECK(isFloat(r, 1, SZ(1), WANT(3)));
  THBoolTensor *self = makeBool(1, SZ(4), VALS(bool, 1, 0, 0, 1));
  THBoolTensor *bsrc = makeBool(1, SZ(2), VALS(bool, 0, 1));
  THBoolTensor_maskedCopy(self, self, bsrc);
  CHECK(isBool(self, 1, SZ(4), WANT(0, 0, 0, 1)));

  /* errors */
  THBoolTensor *wrong = THBoolTensor_newWithSize2d(3, 2);
  EXPECT_ERROR(THFloatTensor_maskedFill(t, wrong, 0),
               "masked_fill_: expected a mask of shape [2, 3] (broadcast it first), but got [3, 2]");
  EXPECT_ERROR(THFloatTensor_maskedSelect(r, t, wrong), "masked_select: expected a mask of shape [2, 3]");
  EXPECT_ERROR(THFloatTensor_maskedCopy(t, wrong, src), "masked_scatter_: expected a mask of shape [2, 3]");
  THFloatTensor *two = makeFloat(1, SZ(2), VALS(float, 0, 0));
  EXPECT_ERROR(THFloatTensor_maskedCopy(t, m, two),
               "masked_scatter_: expected a source with at least 3 elements (the mask's true entries), but got 2");
  CHECK(isFloat(t, 2, SZ(2, 3), WANT(-1, 2, -1, 4, -1, 6)));

  THFloatTensor_free(t);
  THFloatTensor_free(r);
  THFloatTensor_free(src);
  THFloatTensor_free(c);
  THFloatTensor_free(empty);
  THFloatTensor_free(scalar);
  THFloatTensor_free(two);
  THBoolTensor_free(m);
  THBoolTensor_free(mb);
  THBoolTensor_free(mt);
  THBoolTensor_free(row);
  THBoolTensor_free(bm);
  THBoolTensor_free(em);
  THBoolTensor_free(yes);
  THBoolTensor_free(self);
  THBoolTensor_free(bsrc);
  THBoolTensor_free(wrong);
  THCharTensor_free(cb);
  THCharTensor_free(ct);
  THCharTensor_free(cr);
  THCharTensor_free(csrc);
  THIntTensor_free(it);
  THIntTensor_free(ir);
  THIntTensor_free(isrc);
}

static void test_nonzero(void) {
  THShortTensor *t = makeShort(2, SZ(2, 3), VALS(int16_t, 0, 5, 0, 7, 0, 9));
  THLongTensor *r = THLongTensor_new();
  THShortTensor_nonzero(r, t);
  CHECK(isLong(r, 2, SZ(3, 2), WANT(0, 1, 1, 0, 1, 2)));
  THShortTensor *tt = THShortTensor_newTranspose(t, 0, 1); /* [[0, 7], [5, 0], [0, 9]] */
  THShortTensor_nonzero(r, tt);
  CHECK(isLong(r, 2, SZ(3, 2), WANT(0, 1, 1, 0, 2, 1)));
  /* NaN is nonzero; 3-D coordinates */
  THDoubleTensor *d = makeDouble(3, SZ(2, 1, 2), VALS(double, 0, NAN, 0.5, 0));
  THDoubleTensor_nonzero(r, d);
  CHECK(isLong(r, 2, SZ(2, 3), WANT(0, 0, 1, 1, 0, 0)));
  /* 0-d, empty, all-zero */
  THDoubleTensor *s = makeDouble(0, NULL, VALS(double, 2));
  THDoubleTensor_nonzero(r, s);
  CHECK(THLongTensor_isSize(r, 2, SZ(1, 0)));
  THDoubleTensor_set0d(s, 0);
  THDoubleTensor_nonzero(r, s);
  CHECK(THLongTensor_isSize(r, 2, SZ(0, 0)));
  THDoubleTensor *e = THDoubleTensor_newWithSize2d(0, 4);
  THDoubleTensor_nonzero(r, e);
  CHECK(THLongTensor_isSize(r, 2, SZ(0, 2)));
  THBoolTensor *b = makeBool(1, SZ(3), VALS(bool, 0, 0, 0));
  THBoolTensor_nonzero(r, b);
  CHECK(THLongTensor_isSize(r, 2, SZ(0, 1)));
  /* the result is its own input */
  THLongTensor *l = makeLong(1, SZ(4), VALS(int64_t, 0, 3, 0, 1));
  THLongTensor_nonzero(l, l);
  CHECK(isLong(l, 2, SZ(2, 1), WANT(1, 3)));

  THShortTensor_free(t);
  THShortTensor_free(tt);
  THDoubleTensor_free(d);
  THDoubleTensor_free(s);
  THDoubleTensor_free(e);
  THBoolTensor_free(b);
  THLongTensor_free(l);
  THLongTensor_free(r);
}

static void test_take_put_where(void) {
  THFloatTensor *base = makeFloat(2, SZ(2, 3), VALS(float, 1, 2, 3, 4, 5, 6));
  THFloatTensor *t = THFloatTensor_newTranspose(base, 0, 1); /* flattened: 1, 4, 2, 5, 3, 6 */
  THLongTensor *idx = makeLong(2, SZ(2, 2), VALS(int64_t, 0, 3, 5, 1));
  THFloatTensor *r = THFloatTensor_new();
  THFloatTensor_take(r, t, idx);
  CHECK(isFloat(r, 2, SZ(2, 2), WANT(1, 5, 6, 4)));
  THLongTensor *dup = makeLong(1, SZ(3), VALS(int64_t, 1, 1, 4));
  THFloatTensor *src = makeFloat(1, SZ(3), VALS(float, 10, 20, 30));
  THFloatTensor_put(t, dup, src, 1);
  CHECK(isFloat(base, 2, SZ(2, 3), WANT(1, 2, 33, 34, 5, 6)));
  THFloatTensor_put(t, dup, src, 0);
  CHECK(isFloat(base, 2, SZ(2, 3), WANT(1, 2, 30, 20, 5, 6)));
  /* index and source of different shapes, same numel */
  THLongTensor *idx2 = makeLong(2, SZ(1, 2), VALS(int64_t, 0, 2));
  THFloatTensor *src2 = makeFloat(1, SZ(2), VALS(float, -1, -2));
  THFloatTensor_put(base, idx2, src2, 0);
  CHECK(isFloat(base, 2, SZ(2, 3), WANT(-1, 2, -2, 20, 5, 6)));
  /* Long take with r == t == index */
  THLongTensor *l = makeLong(1, SZ(3), VALS(int64_t, 2, 0, 1));
  THLongTensor_take(l, l, l);
  CHECK(isLong(l, 1, SZ(3), WANT(1, 2, 0)));
  /* 0-d and empty */
  THLongTensor *zero = makeLong(0, NULL, VALS(int64_t, 4));
  THFloatTensor_take(r, base, zero);
  CHECK(isFloat(r, 0, NULL, WANT(5)));
  THLongTensor *none = THLongTensor_newWithSize1d(0);
  THFloatTensor *empty = THFloatTensor_newWithSize1d(0);
  THFloatTensor_take(r, empty, none);
  CHECK(THFloatTensor_isSize(r, 1, SZ(0)));
  THFloatTensor_put(empty, none, empty, 1);

  /* where over Char with a transposed condition */
  THCharTensor *a = makeChar(2, SZ(2, 2), VALS(int8_t, 1, 2, 3, 4));
  THCharTensor *b = makeChar(2, SZ(2, 2), VALS(int8_t, -1, -2, -3, -4));
  THBoolTensor *cb = makeBool(2, SZ(2, 2), VALS(bool, 1, 1, 0, 0));
  THBoolTensor *cond = THBoolTensor_newTranspose(cb, 0, 1); /* [[1, 0], [1, 0]] */
  THCharTensor *w = THCharTensor_new();
  THCharTensor_where(w, cond, a, b);
  CHECK(isChar(w, 2, SZ(2, 2), WANT(1, -2, 3, -4)));
  THCharTensor_where(a, cond, a, b); /* in place */
  CHECK(isChar(a, 2, SZ(2, 2), WANT(1, -2, 3, -4)));

  /* errors */
  THLongTensor *bad = makeLong(1, SZ(2), VALS(int64_t, 0, 6));
  EXPECT_ERROR(THFloatTensor_take(r, t, bad), "take: expected indices in [0, 6), but got 6");
  EXPECT_ERROR(THFloatTensor_put(t, bad, src2, 0), "put_: expected indices in [0, 6), but got 6");
  CHECK(isFloat(base, 2, SZ(2, 3), WANT(-1, 2, -2, 20, 5, 6)));
  EXPECT_ERROR(THFloatTensor_put(t, bad, src, 0), "put_: expected a source with as many elements as index (2), but got 3");
  EXPECT_ERROR(THFloatTensor_take(r, empty, zero), "take: expected indices in [0, 0), but got 4");
  THBoolTensor *c3 = THBoolTensor_newWithSize1d(3);
  EXPECT_ERROR(THCharTensor_where(w, c3, a, b), "where: expected a condition of shape [2, 2] (broadcast it first), but got [3]");
  THCharTensor *b3 = THCharTensor_newWithSize1d(4);
  EXPECT_ERROR(THCharTensor_where(w, cond, a, b3), "where: expected tensors of the same shape");

  THFloatTensor_free(base);
  THFloatTensor_free(t);
  THFloatTensor_free(r);
  THFloatTensor_free(src);
  THFloatTensor_free(src2);
  THFloatTensor_free(empty);
  THLongTensor_free(idx);
  THLongTensor_free(idx2);
  THLongTensor_free(dup);
  THLongTensor_free(l);
  THLongTensor_free(zero);
  THLongTensor_free(none);
  THLongTensor_free(bad);
  THCharTensor_free(a);
  THCharTensor_free(b);
  THCharTensor_free(b3);
  THCharTensor_free(w);
  THBoolTensor_free(cb);
  THBoolTensor_free(cond);
  THBoolTensor_free(c3);
}

/* Loops large enough to run on several threads: duplicates must still accumulate exactly. */
static void test_large(void) {
  const int64_t n = 200000;
  THLongTensor *zeros = THLongTensor_newWithSize1d(n);
  THLongTensor_zero(zeros);
  THDoubleTensor *ones = THDoubleTensor_newWithSize1d(n), *acc = THDoubleTensor_newWithSize1d(1);
  THDoubleTensor_fill(ones, 1);
  THDoubleTensor_zero(acc);
  THDoubleTensor_indexAdd(acc, 0, zeros, ones);
  CHECK(THDoubleTensor_get1d(acc, 0) == (double)n);
  THDoubleTensor_zero(acc);
  THDoubleTensor_put(acc, zeros, ones, 1);
  CHECK(THDoubleTensor_get1d(acc, 0) == (double)n);

  /* scatter_add along dim 1 of [4, 1] from [4, n/4] all hitting column 0 */
  THLongTensor *zi = THLongTensor_newWithSize2d(4, n / 4);
  THLongTensor_zero(zi);
  THDoubleTensor *src = THDoubleTensor_newWithSize2d(4, n / 4), *rows = THDoubleTensor_newWithSize2d(4, 1);
  THDoubleTensor_fill(src, 2);
  THDoubleTensor_zero(rows);
  THDoubleTensor_scatterAdd(rows, 1, zi, src);
  for (int i = 0; i < 4; i++) CHECK(THDoubleTensor_get2d(rows, i, 0) == (double)(n / 2));

  /* index_select of many rows (the memcpy path, split across threads) */
  THFloatTensor *big = THFloatTensor_newWithSize2d(1000, 64), *r = THFloatTensor_new();
  float *p = THFloatTensor_data(big);
  for (int64_t i = 0; i < 1000 * 64; i++) p[i] = (float)i;
  THLongTensor *idx = THLongTensor_newWithSize1d(5000);
  int64_t *ip = THLongTensor_data(idx);
  for (int64_t i = 0; i < 5000; i++) ip[i] = (i * 7919) % 1000;
  THFloatTensor_indexSelect(r, big, 0, idx);
  int ok = THFloatTensor_isSize(r, 2, SZ(5000, 64));
  const float *rp = THFloatTensor_data(r);
  for (int64_t i = 0; ok && i < 5000; i++)
    for (int64_t j = 0; j < 64; j++) ok &= rp[i * 64 + j] == (float)(ip[i] * 64 + j);
  CHECK(ok);

  THLongTensor_free(zeros);
  THLongTensor_free(zi);
  THLongTensor_free(idx);
  THDoubleTensor_free(ones);
  THDoubleTensor_free(acc);
  THDoubleTensor_free(src);
  THDoubleTensor_free(rows);
  THFloatTensor_free(big);
  THFloatTensor_free(r);
}

int main(void) {
  TH_TEST_INIT();
  test_index_select();
  test_index_copy_add_fill();
  test_gather_scatter();
  test_masked();
  test_nonzero();
  test_take_put_where();
  test_large();
  TH_TEST_DONE();
}
