// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - token adjustment and restriction semantics
 *
 * The rules behind KACS_IOC_ADJUST_PRIVS, KACS_IOC_ADJUST_GROUPS and
 * KACS_IOC_RESTRICT, kept apart from the ioctl plumbing in token_fd.c so
 * that KUnit can drive them with kernel buffers.  Each operation is split
 * into a parse step, which validates the whole request and may fail, and an
 * apply step, which cannot fail on a validated request: a malformed request
 * never leaves a token half-adjusted.
 */

#include <linux/err.h>
#include <linux/slab.h>
#include <linux/unaligned.h>

#include "token.h"

/*
 * The most data a valid KACS_IOC_RESTRICT request carries: every deny
 * index and every restricting SID at its largest.
 */
#define KACS_RESTRICT_MAX_DATA \
	(KACS_MAX_GROUPS * 4 + KACS_MAX_RESTRICTED * KACS_SID_MAX_LEN)

/**
 * kacs_priv_adjust_parse - validate a privilege adjustment request
 * @ent: the entries
 * @count: number of @ent (1..%KACS_MAX_ADJUST)
 * @adj: receives the masks to enable, disable and remove
 *
 * An entry names a defined privilege once, with exactly one of the
 * attributes DISABLED (0), ENABLED or REMOVED.  A single entry with LUID 0
 * and %KACS_PRIV_RESET_ALL_DEFAULTS resets the enabled set to the defaults.
 *
 * Return: 0, or -EINVAL with @adj undefined.
 */
int kacs_priv_adjust_parse(const struct kacs_priv_entry *ent, u32 count,
			   struct kacs_priv_adjust *adj)
{
	u64 seen = 0, bit;
	u32 i;

	memset(adj, 0, sizeof(*adj));
	if (count == 0 || count > KACS_MAX_ADJUST)
		return -EINVAL;
	if (count == 1 && ent[0].luid == 0 &&
	    ent[0].attributes == KACS_PRIV_RESET_ALL_DEFAULTS) {
		adj->reset = true;
		return 0;
	}
	for (i = 0; i < count; i++) {
		if (ent[i].luid > 63 ||
		    !(KACS_PRIV_VALID_MASK & BIT_ULL(ent[i].luid)))
			return -EINVAL;
		bit = BIT_ULL(ent[i].luid);
		if (seen & bit)
			return -EINVAL;
		seen |= bit;
		switch (ent[i].attributes) {
		case KACS_SE_PRIVILEGE_DISABLED:
			adj->disable |= bit;
			break;
		case KACS_SE_PRIVILEGE_ENABLED:
			adj->enable |= bit;
			break;
		case KACS_SE_PRIVILEGE_REMOVED:
			adj->remove |= bit;
			break;
		default:
			return -EINVAL;
		}
	}
	return 0;
}

/**
 * kacs_token_adjust_privs - apply a parsed privilege adjustment
 * @tok: the token
 * @adj: the request from kacs_priv_adjust_parse()
 * @prev: receives the enabled mask before the change
 *
 * Enabling a privilege the token does not hold fails and changes nothing.
 * Removal is permanent: the privilege leaves the present, enabled and
 * default sets.  A successful call gives the token a new modified_id.
 *
 * Return: 0 or -EINVAL.
 */
int kacs_token_adjust_privs(struct kacs_token *tok,
			    const struct kacs_priv_adjust *adj, u64 *prev)
{
	unsigned long flags;
	int ret = 0;

	write_seqlock_irqsave(&tok->lock, flags);
	*prev = tok->privs_enabled;
	if (adj->enable & ~tok->privs_present) {
		ret = -EINVAL;
	} else {
		if (adj->reset)
			tok->privs_enabled = tok->privs_default &
					     tok->privs_present;
		tok->privs_enabled = (tok->privs_enabled | adj->enable) &
				     ~(adj->disable | adj->remove);
		tok->privs_present &= ~adj->remove;
		tok->privs_default &= ~adj->remove;
		tok->modified_id = kacs_new_luid();
	}
	write_sequnlock_irqrestore(&tok->lock, flags);
	return ret;
}

/**
 * kacs_group_adjust_parse - validate a group adjustment request
 * @tok: the token the request is for
 * @ent: the entries
 * @count: number of @ent (1..%KACS_MAX_ADJUST)
 * @adj: receives the group index masks to enable and disable
 *
 * An entry names an existing group once.  An entry that targets a
 * mandatory, deny-only or logon-session group fails the whole request,
 * whichever direction it asks for (v0.20 13-appendix-a/2-ioctls.md), and
 * the user SID, when it also appears as a group, cannot be disabled
 * (4-tokens/5-adjustment.md).  A single entry with index
 * %KACS_GROUPS_RESET_INDEX and enable 0 resets every group to its
 * enabled-by-default state.
 *
 * Return: 0, or -EINVAL with @adj undefined.
 */
int kacs_group_adjust_parse(const struct kacs_token *tok,
			    const struct kacs_group_entry *ent, u32 count,
			    struct kacs_group_adjust *adj)
{
	u64 seen = 0, bit;
	u32 i, attrs;

	memset(adj, 0, sizeof(*adj));
	if (count == 0 || count > KACS_MAX_ADJUST)
		return -EINVAL;
	if (count == 1 && ent[0].index == KACS_GROUPS_RESET_INDEX &&
	    ent[0].enable == 0) {
		adj->reset = true;
		return 0;
	}
	for (i = 0; i < count; i++) {
		if (ent[i].index >= tok->ngroups || ent[i].enable > 1)
			return -EINVAL;
		bit = BIT_ULL(ent[i].index);
		if (seen & bit)
			return -EINVAL;
		seen |= bit;
		/* These attributes are immutable: no lock needed. */
		attrs = tok->groups[ent[i].index].attrs;
		if ((attrs & (KACS_SE_GROUP_MANDATORY |
			      KACS_SE_GROUP_USE_FOR_DENY_ONLY)) ||
		    (attrs & KACS_SE_GROUP_LOGON_ID) == KACS_SE_GROUP_LOGON_ID)
			return -EINVAL;
		if (ent[i].enable) {
			adj->enable |= bit;
		} else {
			if (kacs_sid_equal(&tok->groups[ent[i].index].sid,
					   &tok->user))
				return -EINVAL;
			adj->disable |= bit;
		}
	}
	return 0;
}

/**
 * kacs_token_adjust_groups - apply a parsed group adjustment
 * @tok: the token @adj was parsed for
 * @adj: the request from kacs_group_adjust_parse()
 * @prev: receives the enabled state before the change, bit N for group N
 *
 * A reset leaves deny-only groups untouched.  The token gets a new
 * modified_id.
 */
void kacs_token_adjust_groups(struct kacs_token *tok,
			      const struct kacs_group_adjust *adj, u64 *prev)
{
	unsigned long flags;
	u32 i, *attrs;

	*prev = 0;
	write_seqlock_irqsave(&tok->lock, flags);
	for (i = 0; i < tok->ngroups; i++) {
		attrs = &tok->groups[i].attrs;
		if (*attrs & KACS_SE_GROUP_ENABLED)
			*prev |= BIT_ULL(i);
		if (adj->reset) {
			if (*attrs & KACS_SE_GROUP_USE_FOR_DENY_ONLY)
				continue;
			if (*attrs & KACS_SE_GROUP_ENABLED_BY_DEFAULT)
				*attrs |= KACS_SE_GROUP_ENABLED;
			else
				*attrs &= ~KACS_SE_GROUP_ENABLED;
		} else if (adj->enable & BIT_ULL(i)) {
			*attrs |= KACS_SE_GROUP_ENABLED;
		} else if (adj->disable & BIT_ULL(i)) {
			*attrs &= ~KACS_SE_GROUP_ENABLED;
		}
	}
	tok->modified_id = kacs_new_luid();
	write_sequnlock_irqrestore(&tok->lock, flags);
}

/**
 * kacs_restrict_args_valid - check the fixed part of a restrict request
 * @args: the request
 *
 * Return: true if the flags, reserved field and sizes are acceptable.
 */
bool kacs_restrict_args_valid(const struct kacs_restrict_args *args)
{
	return !args->pad &&
	       !(args->flags & ~KACS_RESTRICT_WRITE_RESTRICTED) &&
	       !(args->privs_to_delete & ~KACS_PRIV_VALID_MASK) &&
	       args->num_deny_indices <= KACS_MAX_GROUPS &&
	       args->num_restrict_sids <= KACS_MAX_RESTRICTED &&
	       args->data_len <= KACS_RESTRICT_MAX_DATA;
}

/*
 * Validate the variable data (v0.20 13-appendix-a/2-ioctls.md):
 * num_deny_indices little-endian u32 indices, zero-based into the group
 * array, each below ngroups and none repeated; then num_restrict_sids
 * packed binary SIDs; together filling exactly data_len bytes.
 */
static struct kacs_sid_attr *
kacs_restrict_parse(const struct kacs_token *tok,
		    const struct kacs_restrict_args *args, const u8 *data,
		    gfp_t gfp)
{
	struct kacs_sid_attr *rsids = NULL;
	size_t off = 0, used;
	u64 seen = 0;
	u32 i, idx;

	BUILD_BUG_ON(KACS_MAX_GROUPS > 64);
	for (i = 0; i < args->num_deny_indices; i++) {
		if (args->data_len - off < 4)
			return ERR_PTR(-EINVAL);
		idx = get_unaligned_le32(data + off);
		if (idx >= tok->ngroups || (seen & BIT_ULL(idx)))
			return ERR_PTR(-EINVAL);
		seen |= BIT_ULL(idx);
		off += 4;
	}
	if (args->num_restrict_sids) {
		rsids = kcalloc(args->num_restrict_sids, sizeof(*rsids), gfp);
		if (!rsids)
			return ERR_PTR(-ENOMEM);
	}
	for (i = 0; i < args->num_restrict_sids; i++) {
		if (off >= args->data_len ||
		    kacs_sid_parse(&rsids[i].sid, data + off,
				   args->data_len - off, &used))
			goto inval;
		rsids[i].attrs = KACS_SE_GROUP_MANDATORY |
				 KACS_SE_GROUP_ENABLED_BY_DEFAULT |
				 KACS_SE_GROUP_ENABLED;
		off += used;
	}
	if (off != args->data_len)
		goto inval;
	return rsids;
inval:
	kfree(rsids);
	return ERR_PTR(-EINVAL);
}

/*
 * Restrict @tok, a private copy, in place.  Takes ownership of @rsids.
 * Return: 0, or -EINVAL when @tok is already restricted and no SID of
 * @rsids is in its restricting list.
 */
static int kacs_restrict_apply(struct kacs_token *tok,
			       const struct kacs_restrict_args *args,
			       const u8 *data, struct kacs_sid_attr *rsids)
{
	u32 i, j, idx, n = 0;

	tok->privs_present &= ~args->privs_to_delete;
	tok->privs_enabled &= ~args->privs_to_delete;
	tok->privs_default &= ~args->privs_to_delete;
	atomic64_set(&tok->privs_used, 0);

	for (i = 0; i < args->num_deny_indices; i++) {
		idx = get_unaligned_le32(data + 4 * i);
		tok->groups[idx].attrs |= KACS_SE_GROUP_USE_FOR_DENY_ONLY;
		tok->groups[idx].attrs &= ~(KACS_SE_GROUP_ENABLED |
					    KACS_SE_GROUP_ENABLED_BY_DEFAULT);
	}

	if (args->flags & KACS_RESTRICT_WRITE_RESTRICTED) {
		tok->write_restricted = true;
		tok->user_deny_only = true;
	}
	if (!args->num_restrict_sids)
		return 0;
	if (!tok->nrestricted) {
		tok->restricted = rsids;
		tok->nrestricted = args->num_restrict_sids;
		return 0;
	}
	/* Already restricted: keep the intersection. */
	for (i = 0; i < tok->nrestricted; i++) {
		for (j = 0; j < args->num_restrict_sids; j++) {
			if (kacs_sid_equal(&tok->restricted[i].sid,
					   &rsids[j].sid)) {
				tok->restricted[n++] = tok->restricted[i];
				break;
			}
		}
	}
	kfree(rsids);
	/*
	 * No common restricting SID: a restricted token whose list is empty
	 * would read as unrestricted, so refuse instead.
	 */
	if (!n)
		return -EINVAL;
	tok->nrestricted = n;
	return 0;
}

/**
 * kacs_token_restrict - make a restricted copy of a token
 * @src: the source token, left unchanged
 * @args: the request, checked here with kacs_restrict_args_valid()
 * @data: @args->data_len bytes of variable data (see &struct
 *        kacs_restrict_args)
 * @gfp: allocation flags
 *
 * The copy loses the privileges in @args->privs_to_delete and its used
 * privileges, has the listed groups turned deny-only, and, with
 * %KACS_RESTRICT_WRITE_RESTRICTED, restricts writes only.  Restricting SIDs
 * are added, or intersected with an existing restricting list.
 *
 * Return: the new token (one reference), or ERR_PTR(-EINVAL/-ENOMEM).
 */
struct kacs_token *kacs_token_restrict(struct kacs_token *src,
				       const struct kacs_restrict_args *args,
				       const u8 *data, gfp_t gfp)
{
	struct kacs_sid_attr *rsids;
	struct kacs_token *tok;
	int ret;

	if (!kacs_restrict_args_valid(args))
		return ERR_PTR(-EINVAL);
	rsids = kacs_restrict_parse(src, args, data, gfp);
	if (IS_ERR(rsids))
		return ERR_CAST(rsids);
	tok = kacs_token_copy(src, gfp);
	if (!tok) {
		kfree(rsids);
		return ERR_PTR(-ENOMEM);
	}
	ret = kacs_restrict_apply(tok, args, data, rsids);
	if (ret) {
		kacs_token_put(tok);
		return ERR_PTR(ret);
	}
	return tok;
}
