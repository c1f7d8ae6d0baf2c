// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - process security block and process security descriptor
 */

#include <linux/slab.h>

#include "psb.h"
#include "sd.h"

static atomic_t kacs_psbs = ATOMIC_INIT(0);

/**
 * kacs_psb_count - number of live PSBs
 *
 * Return: the number of PSB objects currently allocated.
 */
int kacs_psb_count(void)
{
	return atomic_read(&kacs_psbs);
}

/**
 * kacs_psb_alloc - allocate an empty PSB (PIP None, no mitigations, no SD)
 * @gfp: allocation flags
 *
 * Return: the PSB with one reference, or NULL.
 */
struct kacs_psb *kacs_psb_alloc(gfp_t gfp)
{
	struct kacs_psb *psb;

	psb = kzalloc(sizeof(*psb), gfp);
	if (!psb)
		return NULL;
	refcount_set(&psb->usage, 1);
	spin_lock_init(&psb->lock);
	atomic_inc(&kacs_psbs);
	return psb;
}

/**
 * kacs_psb_copy - copy PIP and mitigations of a PSB (not its SD, nor its
 *                 install target: the new process has its own token)
 * @src: PSB to copy
 * @gfp: allocation flags
 *
 * Return: the new PSB with one reference and no SD, or NULL.
 */
struct kacs_psb *kacs_psb_copy(struct kacs_psb *src, gfp_t gfp)
{
	struct kacs_psb *psb;
	unsigned long flags;

	psb = kacs_psb_alloc(gfp);
	if (!psb)
		return NULL;
	spin_lock_irqsave(&src->lock, flags);
	psb->pip_type = src->pip_type;
	psb->pip_trust = src->pip_trust;
	psb->mitigations = src->mitigations;
	spin_unlock_irqrestore(&src->lock, flags);
	return psb;
}

/**
 * kacs_psb_put - drop a reference to a PSB
 * @psb: the PSB, may be NULL
 *
 * May be called from any context; memory is freed after an RCU grace
 * period so that lockless readers of the SD stay safe.
 */
void kacs_psb_put(struct kacs_psb *psb)
{
	if (!psb || !refcount_dec_and_test(&psb->usage))
		return;
	kacs_psd_put(rcu_dereference_protected(psb->sd, 1));
	kacs_token_put(psb->install);
	atomic_dec(&kacs_psbs);
	kfree_rcu(psb, rcu);
}

/**
 * kacs_psb_get_sd - take a counted reference to the current process SD
 * @psb: the PSB
 *
 * Return: the SD (release with kacs_psd_put()) or NULL if none is set.
 */
struct kacs_psd *kacs_psb_get_sd(struct kacs_psb *psb)
{
	struct kacs_psd *psd;

	rcu_read_lock();
	do {
		psd = rcu_dereference(psb->sd);
	} while (psd && !refcount_inc_not_zero(&psd->usage));
	rcu_read_unlock();
	return psd;
}

/**
 * kacs_psb_set_sd - replace the process SD
 * @psb: the PSB
 * @psd: the new SD; the caller's reference is transferred to @psb
 */
void kacs_psb_set_sd(struct kacs_psb *psb, struct kacs_psd *psd)
{
	struct kacs_psd *old;
	unsigned long flags;

	spin_lock_irqsave(&psb->lock, flags);
	old = rcu_replace_pointer(psb->sd, psd, lockdep_is_held(&psb->lock));
	spin_unlock_irqrestore(&psb->lock, flags);
	kacs_psd_put(old);
}

/**
 * kacs_psb_set_install - record a process-wide primary token install
 * @psb: the PSB of the installing process
 * @tok: the new primary token; @psb takes its own reference
 * @cur: the caller's primary token before the install
 * @psd: the default process SD for @tok (reference transferred)
 *
 * The process SD is replaced by @psd when the user changes: from the
 * previous install's token, or from @cur on the first install.  Token and
 * SD change together under @psb->lock, so concurrent installs leave the
 * process with the SD that belongs to the token its threads converge to.
 */
void kacs_psb_set_install(struct kacs_psb *psb, struct kacs_token *tok,
			  const struct kacs_token *cur, struct kacs_psd *psd)
{
	const struct kacs_token *prev;
	struct kacs_token *old;
	unsigned long flags;

	kacs_token_get(tok);
	spin_lock_irqsave(&psb->lock, flags);
	old = psb->install;
	prev = old ? old : cur;
	if (!kacs_sid_equal(&prev->user, &tok->user))
		psd = rcu_replace_pointer(psb->sd, psd,
					  lockdep_is_held(&psb->lock));
	psb->install = tok;
	spin_unlock_irqrestore(&psb->lock, flags);
	kacs_psd_put(psd);
	kacs_token_put(old);
}

/**
 * kacs_psb_get_install - the primary token the threads converge to
 * @psb: the PSB
 *
 * Return: a reference to the token of the last install, or NULL.
 */
struct kacs_token *kacs_psb_get_install(struct kacs_psb *psb)
{
	struct kacs_token *tok;
	unsigned long flags;

	spin_lock_irqsave(&psb->lock, flags);
	tok = kacs_token_get(psb->install);
	spin_unlock_irqrestore(&psb->lock, flags);
	return tok;
}

/**
 * kacs_psb_set_pip - set the PIP of a process
 * @psb: the PSB
 * @type: PIP type
 * @trust: PIP trust
 */
void kacs_psb_set_pip(struct kacs_psb *psb, u32 type, u32 trust)
{
	unsigned long flags;

	spin_lock_irqsave(&psb->lock, flags);
	WRITE_ONCE(psb->pip_type, type);
	WRITE_ONCE(psb->pip_trust, trust);
	spin_unlock_irqrestore(&psb->lock, flags);
}

/**
 * kacs_psb_or_mitigations - set mitigation bits (one-way)
 * @psb: the PSB
 * @bits: KACS_PSB_* bits to set
 */
void kacs_psb_or_mitigations(struct kacs_psb *psb, u32 bits)
{
	unsigned long flags;

	spin_lock_irqsave(&psb->lock, flags);
	WRITE_ONCE(psb->mitigations, psb->mitigations | bits);
	spin_unlock_irqrestore(&psb->lock, flags);
}
