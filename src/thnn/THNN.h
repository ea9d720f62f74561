/* THNN: the neural-network kernels on CPU, purely functional, over TH tensors (Float and Double).
 *
 * The protocol (Lua Torch's): every module Name has
 *   THNN_(Name_updateOutput)(state, input, output, ...)
 *   THNN_(Name_updateGradInput)(state, input, gradOutput, gradInput, ...)
 *   THNN_(Name_accGradParameters)(state, input, gradOutput, gradWeight, gradBias, ..., scale)
 * with THNN_(Name) -> THNN_FloatName / THNN_DoubleName.  In the declarations (generic/THNN.h) the
 * comments after a parameter are a machine-readable contract:
 *   // [OUT]       the kernel resizes and writes it
 *   // [OPTIONAL]  may be NULL
 *   // [BUFFER]    scratch or state kept between calls; the kernel resizes it
 * Kernels resize their outputs themselves, accept any strides on input, check every shape before
 * writing anything and raise TH errors "<Module>: expected ..., but got ...".  Class indices,
 * pooling indices and lookup indices are 0-based (PyTorch's convention).  Criterions take
 * `reduction`: 0 none, 1 mean, 2 sum. */
#ifndef THNN_INC
#define THNN_INC

#include "TH.h"
#include "THRandom.h"

/* The state argument exists for symmetry with THCUNN; on CPU it is unused (pass NULL). */
typedef void THNNState;

#define THNN_(NAME) TH_CONCAT_3(THNN_, Real, NAME)
#define THIndexTensor THLongTensor
#define THIntegerTensor THIntTensor

/* Reduction modes of the criterions (PyTorch's values). */
#define THNN_REDUCTION_NONE 0
#define THNN_REDUCTION_MEAN 1
#define THNN_REDUCTION_SUM 2

/* The generic declarations are re-included by TH's type generator, which resolves the file name
 * relative to its own directory: ../thnn in the source tree, ../THNN among installed headers. */
#if __has_include("../thnn/generic/THNN.h")
#define TH_GENERIC_FILE "../thnn/generic/THNN.h"
#else
#define TH_GENERIC_FILE "../THNN/generic/THNN.h"
#endif
#include "THGenerateBLASTypes.h"

#endif
