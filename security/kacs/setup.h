/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS - LSM registration
 */

#ifndef _SECURITY_KACS_SETUP_H
#define _SECURITY_KACS_SETUP_H

#include <linux/lsm_hooks.h>

extern struct lsm_blob_sizes kacs_blob_sizes;
extern const struct lsm_id kacs_lsmid;
extern bool kacs_initialized;

#endif /* _SECURITY_KACS_SETUP_H */
