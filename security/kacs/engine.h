/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS engine: environment shim.
 *
 * The SID, security descriptor and AccessCheck code is plain C that builds
 * both in the kernel and in user space (unit-test harness and fuzzer).  This
 * header provides the few kernel facilities that code relies on.
 */

#ifndef _SECURITY_KACS_ENGINE_H
#define _SECURITY_KACS_ENGINE_H

#ifdef __KERNEL__

#include <linux/array_size.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/unaligned.h>
#include <uapi/linux/kacs.h>

#else /* !__KERNEL__ */

/* user-space build (tools/testing/kacs-engine): libc-based equivalents */
#include "kacs_user.h"

#endif /* !__KERNEL__ */

#endif /* _SECURITY_KACS_ENGINE_H */
