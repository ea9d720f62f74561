#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorSort.c"
#else

/* SK_KEY: the unsigned key of an element (as wide as it); SK_PK: key << SK_IDXBITS | position. */
#if defined(TH_REAL_IS_DOUBLE) || defined(TH_REAL_IS_LONG)
#define SK_KEY uint64_t
#define SK_PK th_u128
#define SK_IDXBITS 64
#elif defined(TH_REAL_IS_FLOAT) || defined(TH_REAL_IS_INT)
#define SK_KEY uint32_t
#define SK_PK uint64_t
#define SK_IDXBITS 32
#elif defined(TH_REAL_IS_HALF) || defined(TH_REAL_IS_SHORT)
#define SK_KEY uint16_t
#define SK_PK uint64_t
#define SK_IDXBITS 48
#else
#define SK_KEY uint8_t
#define SK_PK uint64_t
#define SK_IDXBITS 56
#endif
#define SK_KEYMAX ((SK_KEY)~(SK_KEY)0)
#define SK_SIGN ((SK_KEY)((SK_KEY)1 << (8 * sizeof(SK_KEY) - 1)))
#define SK_IDXMASK (SK_IDXBITS >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << (SK_IDXBITS & 63)) - 1))
/* The longest row whose positions fit beside the key. */
#define SK_MAXROW (SK_IDXBITS >= 64 ? INT64_MAX : (int64_t)SK_IDXMASK)
#define SK_PACK(key, i) (((SK_PK)(key) << SK_IDXBITS) | (SK_PK)(uint64_t)(i))
#define SK_KEYOF(pk) ((SK_KEY)((pk) >> SK_IDXBITS))
#define SK_IDXOF(pk) ((int64_t)((uint64_t)(pk) & SK_IDXMASK))

/* Order-preserving map of an element onto an unsigned integer: every NaN maps to the largest key
 * and -0.0 onto 0.0's, so integer order is PyTorch's sort order. */
static inline SK_KEY THTensor_(sortKey)(real x) {
#if defined(TH_REAL_IS_FLOATING)
  if (x != x) return SK_KEYMAX;
  if (x == 0) x = 0;
  SK_KEY b;
  memcpy(&b, &x, sizeof b);
  return (b & SK_SIGN) ? (SK_KEY)~b : (SK_KEY)(b | SK_SIGN);
#elif defined(TH_REAL_IS_SIGNED)
  return (SK_KEY)((SK_KEY)x ^ SK_SIGN);
#else
  return (SK_KEY)x;
#endif
}

/* The element of a key (exact except for NaN payloads and -0.0, which sortKey merged). */
static inline real THTensor_(sortUnkey)(SK_KEY k) {
#if defined(TH_REAL_IS_FLOATING)
  SK_KEY b = (k & SK_SIGN) ? (SK_KEY)(k ^ SK_SIGN) : (SK_KEY)~k;
  real x;
  memcpy(&x, &b, sizeof x);
  return x;
#elif defined(TH_REAL_IS_BOOLEAN)
  return k != 0;
#elif defined(TH_REAL_IS_SIGNED)
  return (real)(SK_KEY)(k ^ SK_SIGN);
#else
  return (real)k;
#endif
}

/* Whether an element cannot be recovered from its key (a NaN or -0.0). */
static inline int THTensor_(sortInexact)(real x) {
#if defined(TH_REAL_IS_FLOATING)
  SK_KEY b;
  memcpy(&b, &x, sizeof b);
  return (x != x) | (b == SK_SIGN);
#else
  return 0;
#endif
}

/* a[i] = packed (key(p[i * s]) ^ flip, i) for a row of n elements; returns whether any element is
 * inexact (its value must then be read back from the row rather than from its key). */
static int THTensor_(sortPackRow)(const real *p, int64_t s, int64_t n, SK_KEY flip, SK_PK *restrict a) {
  int inexact = 0;
  if (s == 1) {
    for (int64_t i = 0; i < n; i++) {
      const real x = p[i];
      inexact |= THTensor_(sortInexact)(x);
      a[i] = SK_PACK((SK_KEY)(THTensor_(sortKey)(x) ^ flip), i);
    }
  } else {
    for (int64_t i = 0; i < n; i++) {
      const real x = p[i * s];
      inexact |= THTensor_(sortInexact)(x);
      a[i] = SK_PACK((SK_KEY)(THTensor_(sortKey)(x) ^ flip), i);
    }
  }
  return inexact;
}

static void THTensor_(sortInsertion)(SK_PK *a, int64_t n) {
  for (int64_t i = 1; i < n; i++) {
    const SK_PK x = a[i];
    int64_t j = i;
    while (j > 0 && a[j - 1] > x) {
      a[j] = a[j - 1];
      j--;
    }
    a[j] = x;
  }
}

static void THTensor_(sortSiftDown)(SK_PK *a, int64_t i, int64_t n) {
  const SK_PK x = a[i];
  for (;;) {
    int64_t c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && a[c + 1] > a[c]) c++;
    if (a[c] <= x) break;
    a[i] = a[c];
    i = c;
  }
  a[i] = x;
}

/* Heapsort: the fallback that bounds quicksort and quickselect at O(n log n). */
static void THTensor_(sortHeap)(SK_PK *a, int64_t n) {
  for (int64_t i = n / 2 - 1; i >= 0; i--) THTensor_(sortSiftDown)(a, i, n);
  for (int64_t m = n - 1; m > 0; m--) {
    const SK_PK x = a[0];
    a[0] = a[m];
    a[m] = x;
    THTensor_(sortSiftDown)(a, 0, m);
  }
}

/* Hoare partition of a[0..n) (n >= 3, values distinct) around the median of three; returns j
 * with a[0..j] < a[j+1..n), 0 <= j < n - 1. */
static int64_t THTensor_(sortPartition)(SK_PK *a, int64_t n) {
  SK_PK x = a[0], y = a[n / 2], z = a[n - 1], pivot;
  if (x < y)
    pivot = y < z ? y : (x < z ? z : x);
  else
    pivot = x < z ? x : (y < z ? z : y);
  int64_t i = -1, j = n;
  for (;;) {
    do i++; while (a[i] < pivot);
    do j--; while (a[j] > pivot);
    if (i >= j) return j;
    const SK_PK t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

static int THTensor_(sortDepth)(int64_t n) {
  int d = 0;
  while (n > 1) {
    n >>= 1;
    d++;
  }
  return 2 * d + 4;
}

/* Introsort of distinct packed values. */
static void THTensor_(sortQuick)(SK_PK *a, int64_t n, int depth) {
  while (n > TH_SORT_INSERTION_MAX) {
    if (depth-- == 0) {
      THTensor_(sortHeap)(a, n);
      return;
    }
    const int64_t j = THTensor_(sortPartition)(a, n) + 1;
    if (j < n - j) { /* recurse into the smaller part, loop on the larger */
      THTensor_(sortQuick)(a, j, depth);
      a += j;
      n -= j;
    } else {
      THTensor_(sortQuick)(a + j, n - j, depth);
      n = j;
    }
  }
  THTensor_(sortInsertion)(a, n);
}

/* LSD radix sort on the key bytes (positions start ascending, and each pass is stable); returns
 * the buffer (a or tmp) that holds the result. */
static SK_PK *THTensor_(sortRadix)(SK_PK *a, SK_PK *tmp, int64_t n) {
  enum { NB = (int)sizeof(SK_KEY) };
  int64_t count[NB][256];
  memset(count, 0, sizeof count);
  for (int64_t i = 0; i < n; i++) {
    SK_KEY k = SK_KEYOF(a[i]);
    for (int b = 0; b < NB; b++) {
      count[b][k & 255]++;
      k = (SK_KEY)(k >> 7 >> 1);
    }
  }
  SK_PK *src = a, *dst = tmp;
  for (int b = 0; b < NB; b++) {
    int64_t *c = count[b], off = 0;
    int trivial = 0;
    for (int v = 0; v < 256; v++) {
      if (c[v] == n) trivial = 1;
      const int64_t m = c[v];
      c[v] = off;
      off += m;
    }
    if (trivial) continue; /* every key has this byte: the order stands */
    const int shift = SK_IDXBITS + 8 * b;
    for (int64_t i = 0; i < n; i++) {
      const SK_PK x = src[i];
      dst[c[(unsigned)(x >> shift) & 255]++] = x;
    }
    SK_PK *t = src;
    src = dst;
    dst = t;
  }
  return src;
}

/* Sorts the distinct packed values a[0..n) ascending, tmp being scratch of n; returns a or tmp. */
static SK_PK *THTensor_(sortPacked)(SK_PK *a, SK_PK *tmp, int64_t n) {
  if (n < TH_SORT_RADIX_MIN) {
    THTensor_(sortQuick)(a, n, THTensor_(sortDepth)(n));
    return a;
  }
  return THTensor_(sortRadix)(a, tmp, n);
}

/* sortPacked on nt threads, for a long row sorted alone: one stable pass splits the row by its
 * top key byte into buckets (MSD), which the threads then sort independently. */
static SK_PK *THTensor_(sortPackedSplit)(SK_PK *a, SK_PK *tmp, int64_t n, int nt) {
  if (nt < 2 || sizeof(SK_KEY) == 1) return THTensor_(sortPacked)(a, tmp, n);
  const int shift = SK_IDXBITS + 8 * ((int)sizeof(SK_KEY) - 1);
  int64_t start[257];
  memset(start, 0, sizeof start);
  for (int64_t i = 0; i < n; i++) start[((unsigned)(a[i] >> shift) & 255) + 1]++;
  for (int v = 0; v < 256; v++) {
    if (start[v + 1] == n) return THTensor_(sortPacked)(a, tmp, n); /* one bucket: nothing to split */
    start[v + 1] += start[v];
  }
  int64_t pos[256];
  memcpy(pos, start, sizeof pos);
  for (int64_t i = 0; i < n; i++) {
    const SK_PK x = a[i];
    tmp[pos[(unsigned)(x >> shift) & 255]++] = x;
  }
#pragma omp parallel for num_threads(nt) schedule(dynamic, 1)
  for (int v = 0; v < 256; v++) {
    const int64_t off = start[v], len = start[v + 1] - off;
    if (len < 2) continue;
    SK_PK *r = THTensor_(sortPacked)(tmp + off, a + off, len);
    if (r != tmp + off) memcpy(tmp + off, r, (size_t)len * sizeof(SK_PK));
  }
  return tmp;
}

/* Quickselect: afterwards a[kth] is the kth smallest (0-based), smaller ones before it, larger
 * after. */
static void THTensor_(sortSelect)(SK_PK *a, int64_t n, int64_t kth) {
  int depth = THTensor_(sortDepth)(n);
  while (n > TH_SORT_INSERTION_MAX) {
    if (depth-- == 0) {
      THTensor_(sortHeap)(a, n);
      return;
    }
    const int64_t j = THTensor_(sortPartition)(a, n) + 1;
    if (kth < j) {
      n = j;
    } else {
      a += j;
      n -= j;
      kth -= j;
    }
  }
  THTensor_(sortInsertion)(a, n);
}

/* Writes the packed values s[0..m) of a row: the value of each (from its key, or read back from
 * the row at p with stride ps when inexact) and its position. */
static inline void THTensor_(sortEmit)(const SK_PK *s, int64_t m, SK_KEY flip, int inexact, const real *p, int64_t ps,
                                       real *v, int64_t vs, int64_t *ix, int64_t is) {
  if (v) {
    if (inexact)
      for (int64_t j = 0; j < m; j++) v[j * vs] = p[SK_IDXOF(s[j]) * ps];
    else
      for (int64_t j = 0; j < m; j++) v[j * vs] = THTensor_(sortUnkey)((SK_KEY)(SK_KEYOF(s[j]) ^ flip));
  }
  if (ix)
    for (int64_t j = 0; j < m; j++) ix[j * is] = SK_IDXOF(s[j]);
}

static void THTensor_(checkRowLength)(const char *op, int64_t n) {
  if (n > SK_MAXROW)
    THError("%s: expected at most %lld elements along dim for this dtype, but got %lld", op, (long long)SK_MAXROW,
            (long long)n);
}

/* Raises IndexError, as PyTorch, when a reduction's dim is empty. */
static void THTensor_(checkReduceNonEmpty)(const char *op, THTensor *t, int dim) {
  if (t->nDimension > 0 && t->size[dim] == 0) {
    char buf[256];
    THIndexError("%s(): Expected reduction dim %d to have non-zero size, but got a tensor of shape %s", op, dim,
                 THFormatSizes(buf, sizeof buf, t->size, t->nDimension));
  }
}

/* sort for rows that lie next to each other in the source (the last of the other dims has stride
 * 1): blocks of TH_SORT_BLOCK such rows are packed together, each element index reading a run of
 * adjacent elements, sorted one by one, and written back the same way. */
static void THTensor_(sortBlocks)(const THSortGeom *G, const real *src, SK_KEY flip, real *vd, int64_t *id) {
  enum { B = TH_SORT_BLOCK };
  const int64_t n = G->n, last = G->sizes[G->nd - 1], runs = G->rows / last, per = (last + B - 1) / B;
  const int64_t ds = G->dstride[0], vds = G->dstride[1], ids = G->dstride[2];
  const int64_t vls = G->strides[1][G->nd - 1], ils = G->strides[2][G->nd - 1];
  const int nt = th_sort_threads(G->rows * n, runs * per);
  SK_PK *buf = THAlloc((ptrdiff_t)((int64_t)nt * B * 2 * n * (int64_t)sizeof(SK_PK)));
#pragma omp parallel for num_threads(nt) schedule(static)
  for (int64_t task = 0; task < runs * per; task++) {
    SK_PK *a = buf + (int64_t)th_sort_thread_id() * B * 2 * n;
    const int64_t b0 = (task % per) * B;
    const int cnt = (int)(last - b0 < B ? last - b0 : B);
    int64_t off[3];
    th_sort_offsets(G, (task / per) * last + b0, off);
    const real *p = src + off[0];
    int inexact[B];
    const SK_PK *s[B];
    for (int b = 0; b < cnt; b++) inexact[b] = 0;
    for (int64_t i = 0; i < n; i++) {
      const real *q = p + i * ds;
      for (int b = 0; b < cnt; b++) {
        inexact[b] |= THTensor_(sortInexact)(q[b]);
        a[b * 2 * n + i] = SK_PACK((SK_KEY)(THTensor_(sortKey)(q[b]) ^ flip), i);
      }
    }
    for (int b = 0; b < cnt; b++) s[b] = THTensor_(sortPacked)(a + b * 2 * n, a + b * 2 * n + n, n);
    for (int64_t j = 0; j < n; j++) {
      for (int b = 0; b < cnt; b++) {
        const SK_PK x = s[b][j];
        const int64_t i = SK_IDXOF(x);
        if (vd)
          vd[off[1] + j * vds + b * vls] =
              inexact[b] ? p[i * ds + b] : THTensor_(sortUnkey)((SK_KEY)(SK_KEYOF(x) ^ flip));
        if (id) id[off[2] + j * ids + b * ils] = i;
      }
    }
  }
  THFree(buf);
}

void THTensor_(sort)(THTensor *values, THLongTensor *indices, THTensor *t, int dim, int descending, int stable) {
  const int ndim = t->nDimension;
  th_check_dim("sort", dim, ndim > 0 ? ndim : 1);
  const int64_t n = ndim > 0 ? t->size[dim] : 1;
  THTensor_(checkRowLength)("sort", n);
  THTensor *v = TH_CONCAT_2(th_sort_out_, Real)(values, t->storage, ndim, t->size);
  THLongTensor *ix = th_sort_out_Long(indices, t->storage, ndim, t->size);
  const int64_t numel = THTensor_(nElement)(t);
  if (numel > 0) {
    int64_t ostr[TH_MAX_DIMS];
    th_sort_out_strides(t->size, ndim, ndim, dim, 1, ostr);
    const int64_t *str[3] = {t->stride, ostr, ostr};
    THSortGeom G;
    th_sort_geom(&G, ndim, t->size, dim, 3, str);
    const real *src = THTensor_(data)(t);
    real *vd = v ? THTensor_(data)(v) : NULL;
    int64_t *id = ix ? THLongTensor_data(ix) : NULL;
    const SK_KEY flip = descending ? SK_KEYMAX : 0;
    /* rows adjacent in memory (sorting along an outer dim): sorted in blocks, read and written a
     * cache line across at a time rather than one strided element per row */
    if (n > 1 && G.nd > 0 && G.dstride[0] != 1 && G.strides[0][G.nd - 1] == 1 && G.sizes[G.nd - 1] > 1 &&
        n * TH_SORT_BLOCK <= TH_SORT_BLOCK_ELEMS) {
      THTensor_(sortBlocks)(&G, src, flip, vd, id);
      goto done;
    }
    /* few long rows: split each across the threads; else one row per thread at a time */
    const int split = G.rows < THGetNumThreads() && n >= TH_SORT_SPLIT_MIN;
    const int nt = split ? 1 : th_sort_threads(numel, G.rows);
    SK_PK *buf = THAlloc((ptrdiff_t)(nt * 2 * n * (int64_t)sizeof(SK_PK)));
#pragma omp parallel for num_threads(nt) schedule(static)
    for (int64_t row = 0; row < G.rows; row++) {
      SK_PK *a = buf + (int64_t)th_sort_thread_id() * 2 * n;
      int64_t off[3];
      th_sort_offsets(&G, row, off);
      const real *p = src + off[0];
      const int inexact = THTensor_(sortPackRow)(p, G.dstride[0], n, flip, a);
      const SK_PK *s = split ? THTensor_(sortPackedSplit)(a, a + n, n, THGetNumThreads())
                             : THTensor_(sortPacked)(a, a + n, n);
      THTensor_(sortEmit)(s, n, flip, inexact, p, G.dstride[0], vd ? vd + off[1] : NULL, G.dstride[1],
                          id ? id + off[2] : NULL, G.dstride[2]);
    }
    THFree(buf);
  }
done:
  if (v) TH_CONCAT_2(th_sort_finish_, Real)(values, v);
  if (ix) th_sort_finish_Long(indices, ix);
}

/* The sorted packed keys of the flattened t in a new buffer of 2 * numel (the sort's scratch
 * after it); *src gets a contiguous reference to t that the caller frees. */
static SK_PK *THTensor_(uniqueSorted)(THTensor *t, int64_t numel, THTensor **src, SK_PK **mem) {
  *src = THTensor_(newContiguous)(t);
  *mem = THAlloc((ptrdiff_t)(2 * numel * (int64_t)sizeof(SK_PK)));
  THTensor_(sortPackRow)(THTensor_(data)(*src), 1, numel, 0, *mem);
  return numel >= TH_SORT_SPLIT_MIN ? THTensor_(sortPackedSplit)(*mem, *mem + numel, numel, THGetNumThreads())
                                   : THTensor_(sortPacked)(*mem, *mem + numel, numel);
}

/* values / counts resized to u entries, inverse to t's shape. */
static void THTensor_(uniqueOutputs)(THTensor *t, int64_t u, THTensor *values, THLongTensor *inverse,
                                     THLongTensor *counts) {
  if (values) THTensor_(resize1d)(values, u);
  if (counts) THLongTensor_resize1d(counts, u);
  if (inverse && !THLongTensor_isSize(inverse, t->nDimension, t->size))
    THLongTensor_resizeNd(inverse, t->nDimension, t->size, NULL);
}

/* Whether an output shares t's storage (resizing it could then move t's data). */
static int THTensor_(sharesOutputs)(THTensor *t, THTensor *values, THLongTensor *inverse, THLongTensor *counts) {
  const void *st = t->storage;
  return (values && (const void *)values->storage == st) || (inverse && (const void *)inverse->storage == st) ||
         (counts && (const void *)counts->storage == st);
}

void THTensor_(unique)(THTensor *values, THLongTensor *inverse, THLongTensor *counts, THTensor *t) {
  const int64_t numel = THTensor_(nElement)(t);
  THTensor_(checkRowLength)("unique", numel);
  if (numel == 0) {
    THTensor_(uniqueOutputs)(t, 0, values, inverse, counts);
    return;
  }
  THTensor *src;
  SK_PK *mem;
  const SK_PK *s = THTensor_(uniqueSorted)(t, numel, &src, &mem);
  const real *p = THTensor_(data)(src);
  /* run starts: a new key, or any NaN (floating types), begins a run */
  int64_t u = 0;
  int64_t *inv = THAlloc((ptrdiff_t)(numel * (int64_t)sizeof(int64_t)));
  for (int64_t j = 0; j < numel; j++) {
    const SK_KEY k = SK_KEYOF(s[j]);
#if defined(TH_REAL_IS_FLOATING)
    const int fresh = j == 0 || k != SK_KEYOF(s[j - 1]) || k == SK_KEYMAX;
#else
    const int fresh = j == 0 || k != SK_KEYOF(s[j - 1]);
#endif
    u += fresh;
    inv[SK_IDXOF(s[j])] = u - 1;
  }
  /* outputs may alias t: they are written from src (a copy when they share t's storage) */
  if (THTensor_(sharesOutputs)(t, values, inverse, counts) && src->storage == t->storage) {
    THTensor_(free)(src);
    src = THTensor_(newClone)(t);
    p = THTensor_(data)(src);
  }
  THTensor *vout = values && !THTensor_(isContiguous)(values) ? THTensor_(new)() : values;
  THLongTensor *cout = counts && !THLongTensor_isContiguous(counts) ? THLongTensor_new() : counts;
  THLongTensor *iout = inverse && !THLongTensor_isContiguous(inverse) ? THLongTensor_new() : inverse;
  THTensor_(uniqueOutputs)(t, u, vout, iout, cout);
  real *vd = vout ? THTensor_(data)(vout) : NULL;
  int64_t *cd = cout ? THLongTensor_data(cout) : NULL;
  int64_t r = -1;
  for (int64_t j = 0; j < numel; j++) {
    const int64_t i = SK_IDXOF(s[j]);
    if (inv[i] != r) {
      r = inv[i];
      if (vd) vd[r] = p[i];
      if (cd) cd[r] = 0;
    }
    if (cd) cd[r]++;
  }
  if (iout) memcpy(THLongTensor_data(iout), inv, (size_t)numel * sizeof(int64_t));
  THFree(inv);
  THFree(mem);
  THTensor_(free)(src);
  if (values) TH_CONCAT_2(th_sort_finish_, Real)(values, vout);
  if (counts) th_sort_finish_Long(counts, cout);
  if (inverse) th_sort_finish_Long(inverse, iout);
}

void THTensor_(uniqueConsecutive)(THTensor *values, THLongTensor *inverse, THLongTensor *counts, THTensor *t) {
  const int64_t numel = THTensor_(nElement)(t);
  if (numel == 0) {
    THTensor_(uniqueOutputs)(t, 0, values, inverse, counts);
    return;
  }
  THTensor *src = THTensor_(newContiguous)(t);
  if (THTensor_(sharesOutputs)(t, values, inverse, counts) && src->storage == t->storage) {
    THTensor_(free)(src);
    src = THTensor_(newClone)(t);
  }
  const real *p = THTensor_(data)(src);
  int64_t u = 1;
  for (int64_t i = 1; i < numel; i++) u += !(p[i] == p[i - 1]); /* NaN equals nothing */
  THTensor *vout = values && !THTensor_(isContiguous)(values) ? THTensor_(new)() : values;
  THLongTensor *cout = counts && !THLongTensor_isContiguous(counts) ? THLongTensor_new() : counts;
  THLongTensor *iout = inverse && !THLongTensor_isContiguous(inverse) ? THLongTensor_new() : inverse;
  THTensor_(uniqueOutputs)(t, u, vout, iout, cout);
  real *vd = vout ? THTensor_(data)(vout) : NULL;
  int64_t *cd = cout ? THLongTensor_data(cout) : NULL;
  int64_t *id = iout ? THLongTensor_data(iout) : NULL;
  int64_t r = 0, start = 0;
  if (vd) vd[0] = p[0];
  for (int64_t i = 1; i <= numel; i++) {
    if (i < numel && p[i] == p[i - 1]) continue;
    if (cd) cd[r] = i - start;
    if (id)
      for (int64_t j = start; j < i; j++) id[j] = r;
    if (i < numel) {
      r++;
      if (vd) vd[r] = p[i];
    }
    start = i;
  }
  THTensor_(free)(src);
  if (values) TH_CONCAT_2(th_sort_finish_, Real)(values, vout);
  if (counts) th_sort_finish_Long(counts, cout);
  if (inverse) th_sort_finish_Long(inverse, iout);
}

#if !defined(TH_REAL_IS_BOOLEAN)

/* The best k (smallest packed value) of a row, by one scan keeping them sorted in a[0..k): an
 * element enters only if it beats the current k-th, which for most data is rare. */
static void THTensor_(topkScan)(const real *p, int64_t s, int64_t n, int64_t k, SK_KEY flip, SK_PK *a) {
  for (int64_t i = 0; i < k; i++) a[i] = SK_PACK((SK_KEY)(THTensor_(sortKey)(p[i * s]) ^ flip), i);
  THTensor_(sortInsertion)(a, k);
  SK_KEY worst = SK_KEYOF(a[k - 1]);
  for (int64_t i = k; i < n; i++) {
    const SK_KEY key = (SK_KEY)(THTensor_(sortKey)(p[i * s]) ^ flip);
    if (key >= worst) continue; /* equal keys: the earlier position wins */
    const SK_PK x = SK_PACK(key, i);
    int64_t j = k - 1;
    while (j > 0 && a[j - 1] > x) {
      a[j] = a[j - 1];
      j--;
    }
    a[j] = x;
    worst = SK_KEYOF(a[k - 1]);
  }
}

/* topk by scans for a few long rows: each thread scans a piece of the row, and the pieces' best
 * k (positions made row-wide) are merged; ties still go to the earliest position. */
static void THTensor_(topkSplit)(const THSortGeom *G, const real *src, int64_t n, int64_t k, SK_KEY flip, real *vd,
                                 int64_t *id) {
  const int nt = THGetNumThreads();
  SK_PK *cand = THAlloc((ptrdiff_t)((int64_t)nt * k * (int64_t)sizeof(SK_PK)));
  for (int64_t row = 0; row < G->rows; row++) {
    int64_t off[3];
    th_sort_offsets(G, row, off);
    const real *p = src + off[0];
    const int64_t s = G->dstride[0];
#pragma omp parallel for num_threads(nt) schedule(static, 1)
    for (int c = 0; c < nt; c++) {
      const int64_t c0 = n * c / nt, c1 = n * (c + 1) / nt; /* each piece holds at least k elements */
      SK_PK *a = cand + (int64_t)c * k;
      THTensor_(topkScan)(p + c0 * s, s, c1 - c0, k, flip, a);
      for (int64_t j = 0; j < k; j++) a[j] = SK_PACK(SK_KEYOF(a[j]), SK_IDXOF(a[j]) + c0);
    }
    THTensor_(sortQuick)(cand, nt * k, THTensor_(sortDepth)(nt * k));
    THTensor_(sortEmit)(cand, k, flip, 1, p, s, vd ? vd + off[1] : NULL, G->dstride[1], id ? id + off[2] : NULL,
                        G->dstride[2]);
  }
  THFree(cand);
}

void THTensor_(topk)(THTensor *values, THLongTensor *indices, THTensor *t, int64_t k, int dim, int largest,
                     int sorted) {
  const int ndim = t->nDimension;
  th_check_dim("topk", dim, ndim > 0 ? ndim : 1);
  const int64_t n = ndim > 0 ? t->size[dim] : 1;
  THArgCheck(k >= 0 && k <= n, "topk: expected k in [0, %lld], but got %lld", (long long)n, (long long)k);
  THTensor_(checkRowLength)("topk", n);
  int64_t osizes[TH_MAX_DIMS];
  for (int d = 0; d < ndim; d++) osizes[d] = d == dim ? k : t->size[d];
  THTensor *v = TH_CONCAT_2(th_sort_out_, Real)(values, t->storage, ndim, osizes);
  THLongTensor *ix = th_sort_out_Long(indices, t->storage, ndim, osizes);
  const int64_t numel = THTensor_(nElement)(t);
  if (ndim == 0) k = 1; /* a 0-d input gives a 0-d result, even for k == 0, as PyTorch */
  if (numel > 0 && k > 0) {
    int64_t ostr[TH_MAX_DIMS];
    th_sort_out_strides(osizes, ndim, ndim, dim, 1, ostr);
    const int64_t *str[3] = {t->stride, ostr, ostr};
    THSortGeom G;
    th_sort_geom(&G, ndim, t->size, dim, 3, str);
    const real *src = THTensor_(data)(t);
    real *vd = v ? THTensor_(data)(v) : NULL;
    int64_t *id = ix ? THLongTensor_data(ix) : NULL;
    const int scan = k <= TH_TOPK_SCAN_MAX && k * 8 <= n;
    const SK_KEY flip = largest ? SK_KEYMAX : 0;
    if (scan && G.rows < THGetNumThreads() && n >= TH_TOPK_SPLIT_MIN) {
      THTensor_(topkSplit)(&G, src, n, k, flip, vd, id);
      goto done;
    }
    const int64_t per = scan ? k : 2 * n; /* scratch per thread */
    const int nt = th_sort_threads(numel, G.rows);
    SK_PK *buf = THAlloc((ptrdiff_t)(nt * per * (int64_t)sizeof(SK_PK)));
#pragma omp parallel for num_threads(nt) schedule(static)
    for (int64_t row = 0; row < G.rows; row++) {
      SK_PK *a = buf + (int64_t)th_sort_thread_id() * per;
      int64_t off[3];
      th_sort_offsets(&G, row, off);
      const real *p = src + off[0];
      const SK_PK *s = a;
      int inexact = 1; /* values read back from the row: exact whatever they are */
      if (scan) {
        THTensor_(topkScan)(p, G.dstride[0], n, k, flip, a);
      } else {
        inexact = THTensor_(sortPackRow)(p, G.dstride[0], n, flip, a);
        if (k < n) THTensor_(sortSelect)(a, n, k - 1);
        if (sorted) s = THTensor_(sortPacked)(a, a + n, k);
      }
      THTensor_(sortEmit)(s, k, flip, inexact, p, G.dstride[0], vd ? vd + off[1] : NULL, G.dstride[1],
                          id ? id + off[2] : NULL, G.dstride[2]);
    }
    THFree(buf);
  }
done:
  if (v) TH_CONCAT_2(th_sort_finish_, Real)(values, v);
  if (ix) th_sort_finish_Long(indices, ix);
}

#endif /* !TH_REAL_IS_BOOLEAN */

/* The position within the row of its most frequent value (the last of the equal values, as
 * PyTorch), the row packed in a (n elements, then n of sort scratch). */
static int64_t THTensor_(modeRow)(SK_PK *a, int64_t n) {
  const SK_PK *s = THTensor_(sortPacked)(a, a + n, n);
  /* runs of equal keys; each NaN (the largest key, floating types) is a run of its own */
  int64_t best = 0, bestLen = 0, start = 0;
  for (int64_t j = 1; j <= n; j++) {
    const SK_KEY kj = j < n ? SK_KEYOF(s[j]) : 0, ks = SK_KEYOF(s[start]);
#if defined(TH_REAL_IS_FLOATING)
    const int same = j < n && kj == ks && ks != SK_KEYMAX;
#else
    const int same = j < n && kj == ks;
#endif
    if (same) continue;
    if (j - start > bestLen) {
      bestLen = j - start;
      best = j - 1; /* the last position of the run */
    }
    start = j;
  }
  return SK_IDXOF(s[best]);
}

/* The position within the row of the selected element, the row packed in a (n elements, keys
 * not flipped; then n more of scratch for TH_SELECT_MODE) and reordered. */
static int64_t THTensor_(selectRow)(SK_PK *a, int64_t n, int how, int64_t kth) {
  if (how == TH_SELECT_MODE) return THTensor_(modeRow)(a, n);
  if (how != TH_SELECT_KTH) {
    int64_t nans = 0, first = -1;
#if defined(TH_REAL_IS_FLOATING)
    for (int64_t i = 0; i < n; i++)
      if (SK_KEYOF(a[i]) == SK_KEYMAX) {
        if (first < 0) first = i;
        nans++;
      }
#endif
    if (nans > 0 && (how == TH_SELECT_MEDIAN || nans == n)) return first;
    kth = (n - nans - 1) / 2;
  }
  THTensor_(sortSelect)(a, n, kth);
  return SK_IDXOF(a[kth]);
}

static void THTensor_(selectInto)(const char *op, int how, THTensor *values, THLongTensor *indices, THTensor *t,
                                  int64_t k, int dim, int keepdim) {
  const int ndim = t->nDimension;
  th_check_dim(op, dim, ndim > 0 ? ndim : 1);
  THTensor_(checkReduceNonEmpty)(op, t, dim);
  const int64_t n = ndim > 0 ? t->size[dim] : 1;
  if (how == TH_SELECT_KTH)
    THArgCheck(k >= 1 && k <= n, "%s: expected k in [1, %lld], but got %lld", op, (long long)n, (long long)k);
  THTensor_(checkRowLength)(op, n);
  int64_t osizes[TH_MAX_DIMS];
  const int ond = th_sort_reduced_sizes(t->size, ndim, dim, keepdim, osizes);
  THTensor *v = TH_CONCAT_2(th_sort_out_, Real)(values, t->storage, ond, osizes);
  THLongTensor *ix = th_sort_out_Long(indices, t->storage, ond, osizes);
  const int64_t numel = THTensor_(nElement)(t);
  if (numel > 0) {
    int64_t ostr[TH_MAX_DIMS];
    th_sort_out_strides(osizes, ond, ndim, dim, keepdim, ostr);
    const int64_t *str[3] = {t->stride, ostr, ostr};
    THSortGeom G;
    th_sort_geom(&G, ndim, t->size, dim, 3, str);
    const real *src = THTensor_(data)(t);
    real *vd = v ? THTensor_(data)(v) : NULL;
    int64_t *id = ix ? THLongTensor_data(ix) : NULL;
    const int nt = th_sort_threads(numel, G.rows);
    const int64_t per_thread = (how == TH_SELECT_MODE ? 2 : 1) * n; /* mode sorts: scratch after the row */
    SK_PK *buf = THAlloc((ptrdiff_t)(nt * per_thread * (int64_t)sizeof(SK_PK)));
#pragma omp parallel for num_threads(nt) schedule(static)
    for (int64_t row = 0; row < G.rows; row++) {
      SK_PK *a = buf + (int64_t)th_sort_thread_id() * per_thread;
      int64_t off[3];
      th_sort_offsets(&G, row, off);
      const real *p = src + off[0];
      THTensor_(sortPackRow)(p, G.dstride[0], n, 0, a);
      const int64_t i = THTensor_(selectRow)(a, n, how, k - 1);
      if (vd) vd[off[1]] = p[i * G.dstride[0]];
      if (id) id[off[2]] = i;
    }
    THFree(buf);
  }
  if (v) TH_CONCAT_2(th_sort_finish_, Real)(values, v);
  if (ix) th_sort_finish_Long(indices, ix);
}

void THTensor_(mode)(THTensor *values, THLongTensor *indices, THTensor *t, int dim, int keepdim) {
  THTensor_(selectInto)("mode", TH_SELECT_MODE, values, indices, t, 0, dim, keepdim);
}

#if !defined(TH_REAL_IS_BOOLEAN)
void THTensor_(kthvalue)(THTensor *values, THLongTensor *indices, THTensor *t, int64_t k, int dim, int keepdim) {
  THTensor_(selectInto)("kthvalue", TH_SELECT_KTH, values, indices, t, k, dim, keepdim);
}
void THTensor_(median)(THTensor *values, THLongTensor *indices, THTensor *t, int dim, int keepdim) {
  THTensor_(selectInto)("median", TH_SELECT_MEDIAN, values, indices, t, 0, dim, keepdim);
}

static real THTensor_(selectAll)(const char *op, int how, THTensor *t) {
  const int64_t numel = THTensor_(nElement)(t);
  if (numel == 0) {
#if defined(TH_REAL_IS_FLOATING)
    return (real)NAN;
#else
    char buf[256];
    THError("%s: expected a non-empty tensor (an integer median has no NaN to return), but got a tensor of shape %s",
            op, THFormatSizes(buf, sizeof buf, t->size, t->nDimension));
#endif
  }
  THTensor_(checkRowLength)(op, numel);
  THTensor *src = THTensor_(newContiguous)(t);
  const real *p = THTensor_(data)(src);
  SK_PK *a = THAlloc((ptrdiff_t)(numel * (int64_t)sizeof(SK_PK)));
  THTensor_(sortPackRow)(p, 1, numel, 0, a);
  const real r = p[THTensor_(selectRow)(a, numel, how, 0)];
  THFree(a);
  THTensor_(free)(src);
  return r;
}

real THTensor_(medianall)(THTensor *t) { return THTensor_(selectAll)("median", TH_SELECT_MEDIAN, t); }

#if defined(TH_REAL_IS_FLOATING)
void THTensor_(nanmedian)(THTensor *values, THLongTensor *indices, THTensor *t, int dim, int keepdim) {
  THTensor_(selectInto)("nanmedian", TH_SELECT_NANMEDIAN, values, indices, t, 0, dim, keepdim);
}
real THTensor_(nanmedianall)(THTensor *t) { return THTensor_(selectAll)("nanmedian", TH_SELECT_NANMEDIAN, t); }
#endif

#endif /* !TH_REAL_IS_BOOLEAN */

#undef SK_KEY
#undef SK_PK
#undef SK_IDXBITS
#undef SK_KEYMAX
#undef SK_SIGN
#undef SK_IDXMASK
#undef SK_MAXROW
#undef SK_PACK
#undef SK_KEYOF
#undef SK_IDXOF

#endif
