/* THSizes: type-independent arithmetic on size and stride arrays, shared by every tensor type. */
#ifndef TH_SIZES_INC
#define TH_SIZES_INC

#include "THGeneral.h"

#define TH_MAX_DIMS 64

#ifndef TH_CDEF
/* Raises IndexError unless 0 <= dim < ndim (dims are wrapped by the bindings beforehand). */
void th_check_dim(const char *op, int dim, int ndim);
/* Raises unless ndim <= TH_MAX_DIMS and every size is non-negative. */
void th_check_sizes(const char *op, int ndim, const int64_t *sizes);
int64_t th_numel(const int64_t *sizes, int ndim);
void th_contiguous_strides(const int64_t *sizes, int ndim, int64_t *strides);
int th_is_contiguous(const int64_t *sizes, const int64_t *strides, int ndim);
int th_is_non_overlapping_and_dense(const int64_t *sizes, const int64_t *strides, int ndim);
/* Number of storage elements a view spans from its offset (0 for an empty view). */
int64_t th_required_extent(const int64_t *sizes, const int64_t *strides, int ndim);
/* Strides that view (sizes, strides) with new sizes without copying; returns 0 if impossible. */
int th_compute_view_strides(const int64_t *sizes, const int64_t *strides, int ndim, const int64_t *newsizes,
                            int newndim, int64_t *newstrides);
/* Strides of an expansion to newsizes (-1 keeps a size); raises on incompatible sizes. */
void th_expand_strides(const char *op, const int64_t *sizes, const int64_t *strides, int ndim,
                       const int64_t *newsizes, int newndim, int64_t *newstrides);
void th_permute(const char *op, const int64_t *sizes, const int64_t *strides, int ndim, const int *dims, int ndims,
                int64_t *newsizes, int64_t *newstrides);
#endif

#endif
