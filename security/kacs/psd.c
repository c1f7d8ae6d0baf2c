// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - security descriptor objects
 *
 * A struct kacs_psd wraps a validated self-relative SD and its parsed view.
 * It is immutable: an SD is replaced whole, never edited in place, so
 * readers only need a counted reference (or RCU) to use it.  Processes
 * (the PSB), tokens (their cached default process SD) and cgroup
 * directories hold their SDs in this form.
 */

#include <linux/overflow.h>
#include <linux/slab.h>

#include "psd.h"
#include "sd.h"
#include "token.h"

/**
 * kacs_psd_put - drop a reference to a process SD
 * @psd: the SD, may be NULL
 */
void kacs_psd_put(struct kacs_psd *psd)
{
	if (psd && refcount_dec_and_test(&psd->usage))
		kfree_rcu(psd, rcu);
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
