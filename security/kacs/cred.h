/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS - the primary token and the process's PSB in the cred blob
 *
 * The primary token of a process lives in the cred blob, so that
 * cred == real_cred holds for user tasks and the threads of a process
 * share it with the cred (CLONE_THREAD allocates nothing).  The blob
 * also points at the process's PSB, for hooks that see a cred but not
 * its task.
 */

#ifndef _SECURITY_KACS_CRED_H
#define _SECURITY_KACS_CRED_H

#include <linux/cred.h>
#include <linux/init.h>

#include "setup.h"

struct kacs_psb;
struct kacs_token;

/**
 * struct kacs_cred_blob - KACS part of a cred
 * @token: the primary token; a counted reference, never changed once the
 *         cred is committed
 * @psb: the PSB of the process the cred belongs to, so that a hook given
 *       only another task's cred (task_prlimit) or a recorded cred (USB
 *       asyncio) finds that process's SD and PIP; a counted reference,
 *       never changed once the cred is committed
 */
struct kacs_cred_blob {
	struct kacs_token *token;
	struct kacs_psb *psb;
};

static inline struct kacs_cred_blob *kacs_cred(const struct cred *cred)
{
	return cred->security + kacs_blob_sizes.lbs_cred;
}

static inline struct kacs_token *kacs_cred_token(const struct cred *cred)
{
	if (!cred || !cred->security)
		return NULL;
	return kacs_cred(cred)->token;
}

static inline struct kacs_psb *kacs_cred_psb(const struct cred *cred)
{
	if (!cred || !cred->security)
		return NULL;
	return kacs_cred(cred)->psb;
}

struct kacs_token *kacs_current_primary(void);

void __init kacs_add_cred_hooks(void);

#endif /* _SECURITY_KACS_CRED_H */
