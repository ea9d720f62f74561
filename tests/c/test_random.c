/* C-level tests of THRandom (MT19937 generator) and the tensor samplers (THTensorRandom). */
#include "th_test.h"

static void test_mt19937_reference(void) {
  THGenerator *g = THGenerator_new();
  CHECK(THRandom_initialSeed(g) == TH_DEFAULT_SEED);
  /* the reference outputs of MT19937 seeded with 5489 (and the C++ standard's 10000th value) */
  THRandom_manualSeed(g, 5489);
  CHECK(THRandom_random(g) == 3499211612u);
  CHECK(THRandom_random(g) == 581869302u);
  CHECK(THRandom_random(g) == 3890346734u);
  THRandom_manualSeed(g, 5489);
  uint32_t v = 0;
  for (int i = 0; i < 10000; i++) v = THRandom_random(g);
  CHECK(v == 4123659995u);
  /* seed 0 (PyTorch's torch.manual_seed(0)): first draw 2357136044; random64 = hi << 32 | lo */
  THRandom_manualSeed(g, 0);
  CHECK(THRandom_random(g) == 2357136044u);
  THRandom_manualSeed(g, 0);
  CHECK(THRandom_random64(g) == ((uint64_t)2357136044u << 32 | 2546248239u));
  CHECK(THRandom_initialSeed(g) == 0);
  THGenerator_free(g);
}

static void test_state(void) {
  THGenerator *g = THGenerator_new(), *h = THGenerator_new();
  THRandom_manualSeed(g, 42);
  for (int i = 0; i < 1000; i++) THRandom_random(g);
  (void)THRandom_normal(g, 0, 1); /* leaves a cached normal */
  int64_t n = THGenerator_stateSize();
  uint8_t *buf = THAlloc(n);
  THGenerator_getState(g, buf, n);
  double a[5], b[5];
  for (int i = 0; i < 5; i++) a[i] = THRandom_normal(g, 0, 1);
  THGenerator_setState(h, buf, n);
  for (int i = 0; i < 5; i++) b[i] = THRandom_normal(h, 0, 1);
  for (int i = 0; i < 5; i++) CHECK(a[i] == b[i]);
  CHECK(THRandom_initialSeed(h) == 42);
  /* copy */
  THGenerator_copy(h, g);
  CHECK(THRandom_random64(h) == THRandom_random64(g));
  /* errors: wrong size, wrong header */
  EXPECT_ERROR(THGenerator_setState(h, buf, n - 1), "expected a state of");
  buf[0] ^= 0xff;
  EXPECT_ERROR(THGenerator_setState(h, buf, n), "made by get_state");
  THFree(buf);
  THGenerator_free(g);
  THGenerator_free(h);
}

static void test_scalars(void) {
  THGenerator *g = THGenerator_new();
  double s = 0, s2 = 0;
  const int N = 200000;
  for (int i = 0; i < N; i++) {
    double u = THRandom_standard_uniform(g);
    CHECK(u >= 0 && u < 1);
    double z = THRandom_normal(g, 0, 1);
    s += z, s2 += z * z;
  }
  CHECK_NEAR(s / N, 0, 0.01);
  CHECK_NEAR(s2 / N, 1, 0.02);
  double e = 0, ps = 0;
  for (int i = 0; i < N; i++) e += THRandom_exponential(g, 2.0), ps += (double)THRandom_poisson(g, 30.0);
  CHECK_NEAR(e / N, 0.5, 0.01);
  CHECK_NEAR(ps / N, 30, 0.1);
  CHECK(THRandom_geometric(g, 0.999999) >= 1);
  EXPECT_ERROR(THRandom_bernoulli(g, 1.5), "bernoulli_: expected p in [0, 1]");
  EXPECT_ERROR(THRandom_exponential(g, 0), "lambda > 0");
  EXPECT_ERROR(THRandom_geometric(g, 1), "p in (0, 1)");
  EXPECT_ERROR(THRandom_poisson(g, -1), "non-negative");
  /* NULL is the default generator */
  THRandom_manualSeed(NULL, 7);
  CHECK(THRandom_initialSeed(THGenerator_default()) == 7);
  THGenerator_free(g);
}

static void test_tensors(void) {
  THGenerator *g = THGenerator_new();
  /* a transposed view is filled in row-major order of its own dims: the same numbers as a
   * contiguous tensor of that shape */
  THFloatTensor *c = THFloatTensor_newWithSize2d(4, 3), *base = THFloatTensor_newWithSize2d(3, 4);
  THFloatTensor *t = THFloatTensor_newTranspose(base, 0, 1);
  THRandom_manualSeed(g, 3);
  THFloatTensor_uniform(c, g, -1, 2);
  THRandom_manualSeed(g, 3);
  THFloatTensor_uniform(t, g, -1, 2);
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 3; j++) {
      float v = THFloatTensor_get2d(c, i, j);
      CHECK(v == THFloatTensor_get2d(t, i, j));
      CHECK(v >= -1 && v < 2);
    }
  EXPECT_ERROR(THFloatTensor_uniform(c, g, 2, 1), "from <= to");
  EXPECT_ERROR(THFloatTensor_normal(c, g, 0, -1), "std >= 0.0");

  /* random_ ranges */
  THByteTensor *by = THByteTensor_newWithSize1d(1000);
  THByteTensor_clampedRandom(by, g, 10, 13);
  int seen[3] = {0, 0, 0};
  for (int i = 0; i < 1000; i++) {
    int v = THByteTensor_get1d(by, i);
    CHECK(v >= 10 && v < 13);
    if (v >= 10 && v < 13) seen[v - 10] = 1;
  }
  CHECK(seen[0] && seen[1] && seen[2]);
  EXPECT_ERROR(THByteTensor_clampedRandom(by, g, 0, 300), "range of the tensor's dtype");
  EXPECT_ERROR(THByteTensor_clampedRandom(by, g, 5, 5), "'from' to be less than 'to'");
  THCharTensor *ch = THCharTensor_newWithSize1d(1000);
  THCharTensor_random(ch, g);
  for (int i = 0; i < 1000; i++) CHECK(THCharTensor_get1d(ch, i) >= 0);

  /* randperm is a permutation */
  THLongTensor *p = THLongTensor_new();
  THLongTensor_randperm(p, g, 1000);
  int hit[1000] = {0};
  for (int i = 0; i < 1000; i++) hit[THLongTensor_get1d(p, i)]++;
  int ok = 1;
  for (int i = 0; i < 1000; i++) ok &= hit[i] == 1;
  CHECK(ok);
  EXPECT_ERROR(THLongTensor_randperm(p, g, -1), "n >= 0");
  EXPECT_ERROR(THCharTensor_randperm(ch, g, 1000), "randperm: expected n <= 128");

  /* multinomial */
  THDoubleTensor *prob = THDoubleTensor_newWithSize2d(2, 4);
  double pv[8] = {0, 1, 0, 3, 1, 1, 1, 1};
  for (int i = 0; i < 8; i++) THDoubleTensor_set2d(prob, i / 4, i % 4, pv[i]);
  THLongTensor *idx = THLongTensor_new();
  THDoubleTensor_multinomial(idx, g, prob, 50, 1);
  CHECK(idx->nDimension == 2 && idx->size[0] == 2 && idx->size[1] == 50);
  for (int j = 0; j < 50; j++) {
    int64_t k = THLongTensor_get2d(idx, 0, j);
    CHECK(k == 1 || k == 3);
  }
  THDoubleTensor_multinomial(idx, g, prob, 4, 0); /* without replacement: each category once */
  int mask = 0;
  for (int j = 0; j < 4; j++) mask |= 1 << THLongTensor_get2d(idx, 1, j);
  CHECK(mask == 15);
  CHECK((THLongTensor_get2d(idx, 0, 0) == 1 || THLongTensor_get2d(idx, 0, 0) == 3));
  EXPECT_ERROR(THDoubleTensor_multinomial(idx, g, prob, 5, 0), "without replacement");
  EXPECT_ERROR(THDoubleTensor_multinomial(idx, g, prob, 0, 1), "n_sample > 0");
  THDoubleTensor_set2d(prob, 0, 0, -1);
  EXPECT_ERROR(THDoubleTensor_multinomial(idx, g, prob, 1, 1), "element < 0");
  THDoubleTensor_set2d(prob, 0, 0, INFINITY);
  EXPECT_ERROR(THDoubleTensor_multinomial(idx, g, prob, 1, 1), "inf");
  for (int j = 0; j < 4; j++) THDoubleTensor_set2d(prob, 0, j, 0);
  EXPECT_ERROR(THDoubleTensor_multinomial(idx, g, prob, 1, 0), "sum of probabilities <= 0");

  /* bernoulli with a tensor of probabilities */
  THDoubleTensor *pp = THDoubleTensor_newWithSize1d(4);
  double pq[4] = {0, 1, 0, 1};
  for (int i = 0; i < 4; i++) THDoubleTensor_set1d(pp, i, pq[i]);
  THBoolTensor *bo = THBoolTensor_newWithSize1d(4);
  THBoolTensor_bernoulli_DoubleTensor(bo, g, pp);
  for (int i = 0; i < 4; i++) CHECK(THBoolTensor_get1d(bo, i) == (pq[i] == 1));
  THDoubleTensor_set1d(pp, 0, 2);
  EXPECT_ERROR(THBoolTensor_bernoulli_DoubleTensor(bo, g, pp), "probabilities in [0, 1]");

  /* normal with tensor stds; poisson */
  THDoubleTensor *sd = THDoubleTensor_newWithSize1d(3), *r = THDoubleTensor_new();
  for (int i = 0; i < 3; i++) THDoubleTensor_set1d(sd, i, 0);
  THDoubleTensor_normal_stddevs(r, g, 5, sd);
  for (int i = 0; i < 3; i++) CHECK(THDoubleTensor_get1d(r, i) == 5);
  THDoubleTensor_set1d(sd, 1, -1);
  EXPECT_ERROR(THDoubleTensor_normal_stddevs(r, g, 5, sd), "std >= 0.0");
  EXPECT_ERROR(THDoubleTensor_poisson(r, g, sd), "non-negative rates");

  THFloatTensor_free(c), THFloatTensor_free(t), THFloatTensor_free(base);
  THByteTensor_free(by), THCharTensor_free(ch), THLongTensor_free(p), THLongTensor_free(idx);
  THDoubleTensor_free(prob), THDoubleTensor_free(pp), THBoolTensor_free(bo), THDoubleTensor_free(sd);
  THDoubleTensor_free(r);
  THGenerator_free(g);
}

int main(void) {
  TH_TEST_INIT();
  test_mt19937_reference();
  test_state();
  test_scalars();
  test_tensors();
  TH_TEST_DONE();
}
