/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS - security descriptor objects (see psd.c)
 */

#ifndef _SECURITY_KACS_PSD_H
#define _SECURITY_KACS_PSD_H

#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/types.h>

#include "sd.h"

struct kacs_token;

/**
 * struct kacs_psd - an immutable security descriptor object (the SD of a
 *                   process or of a token)
 * @usage: references held by sleeping readers; RCU readers take none
 * @rcu: deferred free
 * @view: @data parsed once, when the object is made, so that access
 *        checks against it never parse again
 * @trust_label: the SACL holds a process trust-label ACE that applies to
 *               the object itself (found when the object is made)
 * @len: length of @data
 * @data: the self-relative SD, always valid and never written once the
 *        object is made: an SD change replaces the whole object
 */
struct kacs_psd {
	refcount_t usage;
	struct rcu_head rcu;
	struct kacs_sd view;
	bool trust_label;
	u32 len;
	u8 data[];
};

struct kacs_psd *kacs_psd_alloc(const u8 *sd, size_t len, gfp_t gfp);
int kacs_default_sd_build(const struct kacs_token *tok, u32 everyone,
			  u8 **sd, size_t *len, gfp_t gfp);
struct kacs_psd *kacs_psd_template(struct kacs_token *tok, gfp_t gfp);
void kacs_psd_put(struct kacs_psd *psd);

/**
 * kacs_psd_get - take a reference to a process SD
 * @psd: the SD, may be NULL
 *
 * Return: @psd.
 */
static inline struct kacs_psd *kacs_psd_get(struct kacs_psd *psd)
{
	if (psd)
		refcount_inc(&psd->usage);
	return psd;
}

#endif /* _SECURITY_KACS_PSD_H */
