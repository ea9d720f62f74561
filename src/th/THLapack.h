/* THLapack: the LAPACK routines of scipy-openblas32, declared with their real (prefixed) names.
 *
 * scipy-openblas32 exports the Fortran symbols as scipy_<name>_ (scipy_dgetrf_ ...) with 32-bit
 * integers.  Its lapack.h declares them through the LAPACK_GLOBAL macro, so defining that macro
 * to add the prefix gives prototypes that match the library.  Routines taking character
 * arguments have the hidden Fortran string lengths at the end (LAPACK_FORTRAN_STRLEN_END): pass 1
 * for each.  Internal to libTH: no public header includes this one (it pulls in complex.h). */
#ifndef TH_LAPACK_INC
#define TH_LAPACK_INC

#define LAPACK_GLOBAL(lcname, UCNAME) scipy_##lcname##_
#include <lapack.h>

/* Inside a generic file: TH_LAPACK(getrf) is scipy_sgetrf_ for Float and scipy_dgetrf_ for Double. */
#define TH_LAPACK_D(name) scipy_d##name##_
#define TH_LAPACK_S(name) scipy_s##name##_

#endif
