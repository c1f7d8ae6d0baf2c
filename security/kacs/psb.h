/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS - process security block
 */

#ifndef _SECURITY_KACS_PSB_H
#define _SECURITY_KACS_PSB_H

#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "psd.h"
#include "token.h"

/**
 * struct kacs_psb - process security block, one per thread group
 * @usage: one reference per task pointing here
 * @lock: serialises writers of @pip_type, @pip_trust, @mitigations, @sd
 * @pip_type: PIP type (read with READ_ONCE)
 * @pip_trust: PIP trust (read with READ_ONCE)
 * @mitigations: KACS_PSB_* bits, only ever set
 * @sd: the process SD, replaced under @lock, read under RCU
 * @install: the primary token of the last %KACS_IOC_INSTALL, which every
 *           thread converges to; set and read under @lock; NULL until
 *           the first install
 * @rcu: deferred free
 */
struct kacs_psb {
	refcount_t usage;
	spinlock_t lock; /* see the kernel-doc above */
	u32 pip_type;
	u32 pip_trust;
	u32 mitigations;
	struct kacs_psd __rcu *sd;
	struct kacs_token *install;
	struct rcu_head rcu;
};

struct kacs_psb *kacs_psb_alloc(gfp_t gfp);
struct kacs_psb *kacs_psb_copy(struct kacs_psb *src, gfp_t gfp);
void kacs_psb_put(struct kacs_psb *psb);
int kacs_psb_count(void);
struct kacs_psd *kacs_psb_get_sd(struct kacs_psb *psb);
void kacs_psb_set_sd(struct kacs_psb *psb, struct kacs_psd *psd);
void kacs_psb_set_install(struct kacs_psb *psb, struct kacs_token *tok,
			  const struct kacs_token *cur, struct kacs_psd *psd);
struct kacs_token *kacs_psb_get_install(struct kacs_psb *psb);
void kacs_psb_set_pip(struct kacs_psb *psb, u32 type, u32 trust);
void kacs_psb_or_mitigations(struct kacs_psb *psb, u32 bits);

/**
 * kacs_psb_get - take a reference to a PSB
 * @psb: the PSB
 *
 * Return: @psb.
 */
static inline struct kacs_psb *kacs_psb_get(struct kacs_psb *psb)
{
	refcount_inc(&psb->usage);
	return psb;
}

/**
 * kacs_psb_pip - read the PIP of a process
 * @psb: the process's PSB, or NULL (PIP None)
 * @type: receives the PIP type
 * @trust: receives the PIP trust
 *
 * Lockless: a reader racing with kacs_psb_set_pip() may see the old
 * value of one field and the new value of the other.  Never sleeps.
 */
static inline void kacs_psb_pip(const struct kacs_psb *psb, u32 *type,
				u32 *trust)
{
	*type = psb ? READ_ONCE(psb->pip_type) : 0;
	*trust = psb ? READ_ONCE(psb->pip_trust) : 0;
}

#endif /* _SECURITY_KACS_PSB_H */
