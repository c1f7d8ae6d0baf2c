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
 * kacs_psd_put - drop a reference to a process SD
 * @psd: the SD, may be NULL
 */
void kacs_psd_put(struct kacs_psd *psd)
{
	if (psd && refcount_dec_and_test(&psd->usage))
		kfree_rcu(psd, rcu);
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

/* Does @sd carry a trust label that AccessCheck would apply? */
static bool kacs_sd_has_trust_label(const struct kacs_sd *sd)
{
	struct kacs_ace ace;
	unsigned int off;

	if (!sd->has_sacl)
		return false;
	kacs_acl_for_each(&sd->sacl, off, &ace)
		if (ace.type == KACS_SYSTEM_PROCESS_TRUST_LABEL_ACE_TYPE &&
		    !(ace.flags & KACS_INHERIT_ONLY_ACE) && ace.has_sid &&
		    ace.sid.sub_count == 2)
			return true;
	return false;
}

/**
 * kacs_psd_alloc - wrap an SD buffer in a process SD object
 * @sd: self-relative SD, already validated by the caller
 * @len: its length
 * @gfp: allocation flags
 *
 * The copy is parsed here, once; every later access check uses the
 * parsed view (kacs_token_check_psd()).
 *
 * Return: the object with one reference, or NULL on allocation failure
 * or (a caller bug) an SD that does not parse.
 */
struct kacs_psd *kacs_psd_alloc(const u8 *sd, size_t len, gfp_t gfp)
{
	struct kacs_psd *psd;

	psd = kmalloc(struct_size(psd, data, len), gfp);
	if (!psd)
		return NULL;
	refcount_set(&psd->usage, 1);
	psd->len = len;
	memcpy(psd->data, sd, len);
	if (WARN_ON_ONCE(kacs_sd_parse(&psd->view, psd->data, len))) {
		kfree(psd);
		return NULL;
	}
	psd->trust_label = kacs_sd_has_trust_label(&psd->view);
	return psd;
}

/**
 * kacs_default_sd_build - build the default SD of an object made by a token
 * @tok: the creator's primary token
 * @everyone: rights granted to Everyone
 * @sd: receives the SD, allocated with kmalloc()
 * @len: receives its length
 * @gfp: allocation flags
 *
 * Owner: @tok's user; group: @tok's primary group; DACL: allow the user,
 * BA and SY GENERIC_ALL, allow WD @everyone.  Masks are stored literally,
 * with no de-duplication.  Processes (@everyone PROCESS_QUERY_LIMITED)
 * and cgroup directories (FILE_GENERIC_READ) get this SD.
 *
 * Return: 0 or a negative errno from kacs_sd_build().
 */
int kacs_default_sd_build(const struct kacs_token *tok, u32 everyone,
			  u8 **sd, size_t *len, gfp_t gfp)
{
	const struct kacs_ace_spec aces[] = {
		{ KACS_ACCESS_ALLOWED_ACE_TYPE, 0, KACS_GENERIC_ALL,
		  &tok->user },
		{ KACS_ACCESS_ALLOWED_ACE_TYPE, 0, KACS_GENERIC_ALL,
		  &kacs_sid_admins },
		{ KACS_ACCESS_ALLOWED_ACE_TYPE, 0, KACS_GENERIC_ALL,
		  &kacs_sid_system },
		{ KACS_ACCESS_ALLOWED_ACE_TYPE, 0, everyone,
		  &kacs_sid_everyone },
	};

	return kacs_sd_build(sd, len, &tok->user,
			     kacs_token_index_sid(tok, tok->group_index),
			     aces, ARRAY_SIZE(aces), true, 0, gfp);
}

static struct kacs_psd *kacs_psd_build_template(struct kacs_token *tok,
						gfp_t gfp)
{
	struct kacs_psd *psd;
	size_t len;
	u8 *sd;

	if (kacs_default_sd_build(tok, KACS_PROCESS_QUERY_LIMITED, &sd, &len,
				  gfp))
		return NULL;
	psd = kacs_psd_alloc(sd, len, gfp);
	kfree(sd);
	return psd;
}

/**
 * kacs_psd_template - the default process SD for a primary token
 * @tok: the creator's primary token
 * @gfp: allocation flags
 *
 * The template (owner @tok's user, group @tok's primary group, a DACL
 * granting GENERIC_ALL to the user, BA and SY and PROCESS_QUERY_LIMITED
 * to WD) depends only on fields of @tok that never change, so it is built
 * once per token, kept in @tok->process_sd and shared by reference: fork
 * copies the token together with it, so a new process neither builds nor
 * parses an SD.  Sharing is safe because a process SD is never written
 * in place; kacs_psb_set_sd() replaces it whole.
 *
 * Return: a reference to the SD object, or NULL.
 */
struct kacs_psd *kacs_psd_template(struct kacs_token *tok, gfp_t gfp)
{
	struct kacs_psd *psd, *cached;

	/* pairs with the cmpxchg() below: the SD is seen fully built */
	cached = smp_load_acquire(&tok->process_sd);
	if (cached)
		return kacs_psd_get(cached);
	psd = kacs_psd_build_template(tok, gfp);
	if (!psd)
		return NULL;
	/* The token keeps the reference the SD was built with. */
	cached = cmpxchg(&tok->process_sd, NULL, psd);
	if (cached) {
		kacs_psd_put(psd);
		psd = cached;
	}
	return kacs_psd_get(psd);
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
