// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - token objects: allocation, copies, the bootstrap tokens and the
 * glue between a token and the AccessCheck engine
 */

#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "psd.h"
#include "sd.h"
#include "token.h"

/* First LUID handed out; lower values are reserved for well-known LUIDs. */
#define KACS_FIRST_LUID		1000

static struct kmem_cache *kacs_token_cache __ro_after_init;
static atomic64_t kacs_luid = ATOMIC64_INIT(KACS_FIRST_LUID);
static atomic_t kacs_tokens = ATOMIC_INIT(0);

struct kacs_token *kacs_system_token __ro_after_init;
struct kacs_token *kacs_anonymous_token __ro_after_init;

/**
 * kacs_new_luid - allocate a locally unique identifier
 *
 * Return: a new, never reused 64-bit identifier.
 */
u64 kacs_new_luid(void)
{
	return atomic64_inc_return(&kacs_luid);
}

/**
 * kacs_token_count - number of live tokens
 *
 * Return: the number of token objects currently allocated.
 */
int kacs_token_count(void)
{
	return atomic_read(&kacs_tokens);
}

/**
 * kacs_token_alloc - allocate an empty token
 * @gfp: allocation flags
 *
 * Return: a zeroed token with one reference, or NULL.
 */
struct kacs_token *kacs_token_alloc(gfp_t gfp)
{
	struct kacs_token *tok;

	tok = kmem_cache_zalloc(kacs_token_cache, gfp);
	if (!tok)
		return NULL;
	refcount_set(&tok->usage, 1);
	seqlock_init(&tok->lock);
	atomic64_set(&tok->privs_used, 0);
	atomic_inc(&kacs_tokens);
	return tok;
}

/**
 * kacs_token_free - release a token whose last reference was dropped
 * @tok: the token
 *
 * Safe in any context: it only frees memory.
 */
void kacs_token_free(struct kacs_token *tok)
{
	kfree(tok->groups);
	kfree(tok->restricted);
	kfree(tok->default_dacl);
	kacs_psd_put(rcu_dereference_protected(tok->sd, 1));
	kacs_psd_put(tok->process_sd);
	kmem_cache_free(kacs_token_cache, tok);
	atomic_dec(&kacs_tokens);
}

/**
 * kacs_token_index_sid - resolve an owner/primary-group index
 * @tok: the token
 * @index: 0 for the user SID, N for groups[N - 1]
 *
 * Return: the SID, or NULL if @index is out of range.
 */
const struct kacs_sid *kacs_token_index_sid(const struct kacs_token *tok,
					    u32 index)
{
	if (index == 0)
		return &tok->user;
	if (index > tok->ngroups)
		return NULL;
	return &tok->groups[index - 1].sid;
}

/**
 * kacs_token_priv - test and mark a standalone privilege
 * @tok: the effective token
 * @bit: privilege bit position
 *
 * An impersonation token below Impersonation level carries no usable
 * privileges.  A privilege that counts is marked used.
 *
 * Return: true if the privilege is present and enabled.
 */
bool kacs_token_priv(struct kacs_token *tok, unsigned int bit)
{
	u64 mask = BIT_ULL(bit);

	if (!tok || kacs_token_is_weak(tok))
		return false;
	if (!(READ_ONCE(tok->privs_enabled) & mask))
		return false;
	/* no atomic write to a shared cache line once the bit is set */
	if (!(atomic64_read(&tok->privs_used) & mask))
		atomic64_or(mask, &tok->privs_used);
	return true;
}

/**
 * kacs_token_subject - describe a token to the AccessCheck engine
 * @tok: the token; @subj is valid inside the read section of @tok->lock
 *       it was filled in
 * @subj: filled in
 * @pip_type: PIP type of the caller's PSB
 * @pip_trust: PIP trust of the caller's PSB
 */
void kacs_token_subject(const struct kacs_token *tok,
			struct kacs_subject *subj, u32 pip_type,
			u32 pip_trust)
{
	memset(subj, 0, sizeof(*subj));
	subj->user = &tok->user;
	subj->user_deny_only = tok->user_deny_only;
	subj->groups = tok->groups;
	subj->ngroups = tok->ngroups;
	subj->restricted = tok->restricted;
	subj->nrestricted = tok->nrestricted;
	subj->write_restricted = tok->write_restricted;
	subj->privs_enabled = tok->privs_enabled;
	subj->integrity_rid = tok->integrity;
	subj->mandatory_policy = tok->policy;
	subj->token_type = tok->type;
	subj->imp_level = tok->level;
	subj->pip_type = pip_type;
	subj->pip_trust = pip_trust;
}

/* kacs_token_access() on an SD that is already parsed */
static int kacs_token_access_view(struct kacs_token *tok, u32 pip_type,
				  u32 pip_trust, const struct kacs_sd *view,
				  u32 desired,
				  const struct kacs_generic_mapping *map,
				  const struct kacs_sid *self_sid, u32 intent,
				  u32 flags, struct kacs_access_result *res)
{
	struct kacs_subject subj;
	unsigned int seq;
	int ret;

	do {
		seq = read_seqbegin(&tok->lock);
		kacs_token_subject(tok, &subj, pip_type, pip_trust);
		ret = kacs_access_check_flags(&subj, view, desired, map,
					      self_sid, intent, flags, res);
	} while (read_seqretry(&tok->lock, seq));

	if (res->privs_used &&
	    (atomic64_read(&tok->privs_used) & res->privs_used) !=
	    res->privs_used)
		atomic64_or(res->privs_used, &tok->privs_used);
	return ret;
}

/**
 * kacs_token_access - run AccessCheck for a token, with the full result
 * @tok: the subject token
 * @pip_type: PIP type of the caller
 * @pip_trust: PIP trust of the caller
 * @sd: self-relative security descriptor
 * @sd_len: its length
 * @desired: desired access
 * @map: generic mapping of the object type
 * @self_sid: principal-self SID or NULL
 * @intent: privilege intent (KACS_BACKUP_INTENT, KACS_RESTORE_INTENT)
 * @flags: kacs_access_check_flags() flags
 * @res: receives the result (granted mask, privileges used, continuous
 *       audit mask); zeroed when the check cannot run
 *
 * Never sleeps and never allocates, so it may be called from atomic
 * context.  The decision runs in a lockless read section of @tok's
 * seqlock and is redone if an adjustment raced with it, so interrupts
 * stay on.  Privileges used by the decision are marked on @tok.
 *
 * Return: 0 if granted, -EACCES if denied, -EINVAL for an invalid SD or
 * request.
 */
int kacs_token_access(struct kacs_token *tok, u32 pip_type, u32 pip_trust,
		      const u8 *sd, size_t sd_len, u32 desired,
		      const struct kacs_generic_mapping *map,
		      const struct kacs_sid *self_sid, u32 intent, u32 flags,
		      struct kacs_access_result *res)
{
	struct kacs_sd view;

	memset(res, 0, sizeof(*res));
	if (!tok)
		return -EACCES;
	if (kacs_sd_parse(&view, sd, sd_len))
		return -EINVAL;
	return kacs_token_access_view(tok, pip_type, pip_trust, &view,
				      desired, map, self_sid, intent, flags,
				      res);
}

/**
 * kacs_token_check_sd - run AccessCheck for a token against an SD buffer
 * @tok: the subject token
 * @pip_type: PIP type of the caller
 * @pip_trust: PIP trust of the caller
 * @sd: self-relative security descriptor
 * @sd_len: its length
 * @desired: desired access
 * @map: generic mapping of the object type
 * @self_sid: principal-self SID or NULL
 * @intent: privilege intent (KACS_BACKUP_INTENT, KACS_RESTORE_INTENT)
 * @granted: if not NULL, receives the granted mask
 *
 * kacs_token_access() without flags, for callers that only need the
 * granted mask.  Never sleeps and never allocates.
 *
 * Return: 0 if granted, -EACCES if denied, -EINVAL for an invalid SD.
 */
int kacs_token_check_sd(struct kacs_token *tok, u32 pip_type, u32 pip_trust,
			const u8 *sd, size_t sd_len, u32 desired,
			const struct kacs_generic_mapping *map,
			const struct kacs_sid *self_sid, u32 intent,
			u32 *granted)
{
	struct kacs_access_result res;
	int ret;

	ret = kacs_token_access(tok, pip_type, pip_trust, sd, sd_len, desired,
				map, self_sid, intent, 0, &res);
	if (granted)
		*granted = res.granted;
	return ret;
}

/**
 * kacs_token_check_psd - run AccessCheck for a token against an SD object
 * @tok: the subject token, may be NULL (denied)
 * @pip_type: PIP type of the caller
 * @pip_trust: PIP trust of the caller
 * @psd: the SD object of a process or token, parsed when it was made
 * @desired: desired access
 * @map: generic mapping of the object type
 * @flags: kacs_access_check_flags() flags
 * @granted: if not NULL, receives the granted mask
 *
 * The gate paths (signals, ptrace, pidfd_open, token open) use this: no
 * parse, no allocation, no sleep.  Call under RCU or with a reference to
 * @psd.
 *
 * Return: 0 if granted, -EACCES if denied, -EINVAL for an invalid
 * request.
 */
int kacs_token_check_psd(struct kacs_token *tok, u32 pip_type, u32 pip_trust,
			 const struct kacs_psd *psd, u32 desired,
			 const struct kacs_generic_mapping *map, u32 flags,
			 u32 *granted)
{
	struct kacs_access_result res;
	int ret = -EACCES;

	memset(&res, 0, sizeof(res));
	if (tok)
		ret = kacs_token_access_view(tok, pip_type, pip_trust,
					     &psd->view, desired, map, NULL, 0,
					     flags, &res);
	if (granted)
		*granted = res.granted;
	return ret;
}

/**
 * kacs_token_get_sd - take a counted reference to a token's own SD
 * @tok: the token
 *
 * Return: the SD (release with kacs_psd_put()), or NULL if it has none.
 */
struct kacs_psd *kacs_token_get_sd(const struct kacs_token *tok)
{
	struct kacs_psd *psd;

	rcu_read_lock();
	do {
		psd = rcu_dereference(tok->sd);
	} while (psd && !refcount_inc_not_zero(&psd->usage));
	rcu_read_unlock();
	return psd;
}

/**
 * kacs_token_replace_sd - give a token a new SD of its own
 * @tok: the token
 * @psd: the new SD; the token takes over this reference
 *
 * Readers under RCU keep seeing the old SD until they leave their read
 * section; it is freed after a grace period.  Any context.
 */
void kacs_token_replace_sd(struct kacs_token *tok, struct kacs_psd *psd)
{
	struct kacs_psd *old;

	old = unrcu_pointer(xchg(&tok->sd, RCU_INITIALIZER(psd)));
	kacs_psd_put(old);
}

static int kacs_token_dup_arrays(struct kacs_token *dst,
				 const struct kacs_token *src, gfp_t gfp)
{
	if (src->ngroups) {
		dst->groups = kmemdup(src->groups,
				      src->ngroups * sizeof(*src->groups), gfp);
		if (!dst->groups)
			return -ENOMEM;
	}
	dst->ngroups = src->ngroups;
	if (src->nrestricted) {
		dst->restricted = kmemdup(src->restricted,
					  src->nrestricted *
					  sizeof(*src->restricted), gfp);
		if (!dst->restricted)
			return -ENOMEM;
	}
	dst->nrestricted = src->nrestricted;
	if (src->default_dacl_len) {
		dst->default_dacl = kmemdup(src->default_dacl,
					    src->default_dacl_len, gfp);
		if (!dst->default_dacl)
			return -ENOMEM;
	}
	dst->default_dacl_len = src->default_dacl_len;
	/* The SD blob is immutable: the copy shares it. */
	RCU_INIT_POINTER(dst->sd, kacs_token_get_sd(src));
	return 0;
}

/**
 * kacs_token_copy - deep copy of a token
 * @src: the token to copy
 * @gfp: allocation flags
 *
 * The copy gets a new token_id and modified_id == token_id; everything
 * else, including the used privileges and the token's own SD, is copied.
 * The adjustable state is read in a read section of @src's seqlock, so
 * the copy never mixes two adjustments.
 *
 * Return: the new token with one reference, or NULL.
 */
struct kacs_token *kacs_token_copy(struct kacs_token *src, gfp_t gfp)
{
	struct kacs_token *tok;
	unsigned int seq;

	tok = kacs_token_alloc(gfp);
	if (!tok)
		return NULL;
	if (kacs_token_dup_arrays(tok, src, gfp)) {
		kacs_token_put(tok);
		return NULL;
	}

	tok->auth_id = src->auth_id;
	tok->origin = src->origin;
	tok->expiration = src->expiration;
	tok->created_at = src->created_at;
	tok->source_id = src->source_id;
	memcpy(tok->source_name, src->source_name, sizeof(tok->source_name));
	tok->type = src->type;
	tok->level = src->level;
	tok->integrity = src->integrity;
	tok->policy = src->policy;
	tok->elevation = src->elevation;
	tok->logon_type = src->logon_type;
	tok->audit_policy = src->audit_policy;
	tok->session = src->session;
	tok->projected_uid = src->projected_uid;
	tok->projected_gid = src->projected_gid;
	tok->owner_index = src->owner_index;
	tok->group_index = src->group_index;
	tok->user = src->user;
	tok->user_deny_only = src->user_deny_only;
	tok->write_restricted = src->write_restricted;
	do {
		seq = read_seqbegin(&src->lock);
		tok->privs_present = src->privs_present;
		tok->privs_enabled = src->privs_enabled;
		tok->privs_default = src->privs_default;
		if (tok->ngroups)
			memcpy(tok->groups, src->groups,
			       tok->ngroups * sizeof(*tok->groups));
	} while (read_seqretry(&src->lock, seq));

	atomic64_set(&tok->privs_used, atomic64_read(&src->privs_used));
	/* same user and primary group: the same default process SD */
	/* pairs with the cmpxchg() in kacs_psd_template() */
	tok->process_sd = kacs_psd_get(smp_load_acquire(&src->process_sd));
	tok->token_id = kacs_new_luid();
	tok->modified_id = tok->token_id;
	return tok;
}

/**
 * kacs_token_set_default_sd - give a token the default token SD
 * @tok: a token not yet published
 * @creator: user SID of the creating process's primary token
 * @gfp: allocation flags
 *
 * Owner @creator; DACL: ALLOW token user QUERY|ADJUST_PRIVILEGES|
 * ADJUST_GROUPS|ADJUST_DEFAULT, ALLOW @creator TOKEN_ALL_ACCESS, ALLOW
 * SYSTEM TOKEN_ALL_ACCESS.  When @creator is the token user, the creator
 * ACE is replaced by an OWNER RIGHTS ACE granting READ_CONTROL only.
 *
 * Return: 0 or -ENOMEM.
 */
int kacs_token_set_default_sd(struct kacs_token *tok,
			      const struct kacs_sid *creator, gfp_t gfp)
{
	struct kacs_ace_spec aces[3] = {
		{ KACS_ACCESS_ALLOWED_ACE_TYPE, 0,
		  KACS_TOKEN_QUERY | KACS_TOKEN_ADJUST_PRIVILEGES |
		  KACS_TOKEN_ADJUST_GROUPS | KACS_TOKEN_ADJUST_DEFAULT,
		  &tok->user },
		{ KACS_ACCESS_ALLOWED_ACE_TYPE, 0, KACS_TOKEN_ALL_ACCESS,
		  creator },
		{ KACS_ACCESS_ALLOWED_ACE_TYPE, 0, KACS_TOKEN_ALL_ACCESS,
		  &kacs_sid_system },
	};
	struct kacs_psd *psd;
	size_t len;
	u8 *sd;
	int ret;

	if (kacs_sid_equal(creator, &tok->user)) {
		aces[1].mask = KACS_READ_CONTROL;
		aces[1].sid = &kacs_sid_owner_rights;
	}
	ret = kacs_sd_build(&sd, &len, creator, NULL, aces, ARRAY_SIZE(aces),
			    true, 0, gfp);
	if (ret)
		return ret;
	psd = kacs_psd_alloc(sd, len, gfp);
	kfree(sd);
	if (!psd)
		return -ENOMEM;
	kacs_token_replace_sd(tok, psd);
	return 0;
}

/**
 * kacs_token_duplicate - DuplicateToken
 * @src: source token
 * @type: KACS_TOKEN_PRIMARY or KACS_TOKEN_IMPERSONATION
 * @level: impersonation level (forced to Anonymous for primary tokens)
 * @creator: primary user SID of the caller, owner of the new token's SD
 * @gfp: allocation flags
 *
 * Return: the new token or NULL on allocation failure.
 */
struct kacs_token *kacs_token_duplicate(struct kacs_token *src, u32 type,
					u32 level,
					const struct kacs_sid *creator,
					gfp_t gfp)
{
	struct kacs_token *tok;

	tok = kacs_token_copy(src, gfp);
	if (!tok)
		return NULL;
	tok->type = type;
	tok->level = type == KACS_TOKEN_PRIMARY ? KACS_LEVEL_ANONYMOUS : level;
	tok->elevation = KACS_ELEVATION_DEFAULT;
	if (kacs_token_set_default_sd(tok, creator, gfp)) {
		kacs_token_put(tok);
		return NULL;
	}
	return tok;
}

/*
 * The SYSTEM token's default DACL: allow SYSTEM and Administrators
 * GENERIC_ALL.  Built as the DACL of an SD by the SD builder and cut out.
 */
static int __init kacs_system_default_dacl(struct kacs_token *tok)
{
	const struct kacs_ace_spec aces[] = {
		{ KACS_ACCESS_ALLOWED_ACE_TYPE, 0, KACS_GENERIC_ALL,
		  &kacs_sid_system },
		{ KACS_ACCESS_ALLOWED_ACE_TYPE, 0, KACS_GENERIC_ALL,
		  &kacs_sid_admins },
	};
	struct kacs_sd view;
	size_t len;
	u8 *sd;
	int ret;

	ret = kacs_sd_build(&sd, &len, &kacs_sid_system, NULL, aces,
			    ARRAY_SIZE(aces), true, 0, GFP_KERNEL);
	if (ret)
		return ret;
	ret = kacs_sd_parse(&view, sd, len);
	if (!ret) {
		tok->default_dacl = kmemdup(view.dacl.buf, view.dacl.size,
					    GFP_KERNEL);
		tok->default_dacl_len = view.dacl.size;
		if (!tok->default_dacl)
			ret = -ENOMEM;
	}
	kfree(sd);
	return ret;
}

static int __init kacs_build_system_token(void)
{
	static const u32 attrs[] = {
		KACS_SE_GROUP_MANDATORY | KACS_SE_GROUP_ENABLED_BY_DEFAULT |
		KACS_SE_GROUP_ENABLED | KACS_SE_GROUP_OWNER,
		0x07, 0x07, 0x07,
		KACS_SE_GROUP_MANDATORY | KACS_SE_GROUP_ENABLED_BY_DEFAULT |
		KACS_SE_GROUP_ENABLED | KACS_SE_GROUP_LOGON_ID,
	};
	const struct kacs_ace_spec aces[] = {
		{ KACS_ACCESS_ALLOWED_ACE_TYPE, 0,
		  KACS_TOKEN_QUERY | KACS_TOKEN_ADJUST_PRIVILEGES |
		  KACS_TOKEN_ADJUST_GROUPS | KACS_TOKEN_ADJUST_DEFAULT,
		  &kacs_sid_system },
		{ KACS_ACCESS_ALLOWED_ACE_TYPE, 0, KACS_TOKEN_ALL_ACCESS,
		  &kacs_sid_system },
		{ KACS_ACCESS_ALLOWED_ACE_TYPE, 0, KACS_TOKEN_ALL_ACCESS,
		  &kacs_sid_admins },
	};
	struct kacs_token *tok;
	struct kacs_psd *psd;
	size_t len;
	u8 *sd;
	int ret;

	tok = kacs_token_alloc(GFP_KERNEL);
	if (!tok)
		return -ENOMEM;
	tok->groups = kcalloc(ARRAY_SIZE(attrs), sizeof(*tok->groups),
			      GFP_KERNEL);
	if (!tok->groups || kacs_system_default_dacl(tok))
		goto nomem;
	tok->ngroups = ARRAY_SIZE(attrs);
	tok->groups[0].sid = kacs_sid_admins;
	tok->groups[1].sid = kacs_sid_everyone;
	tok->groups[2].sid = kacs_sid_auth_users;
	tok->groups[3].sid = kacs_sid_local;
	kacs_sid_logon(&tok->groups[4].sid, 0);
	for (len = 0; len < ARRAY_SIZE(attrs); len++)
		tok->groups[len].attrs = attrs[len];

	tok->user = kacs_sid_system;
	tok->type = KACS_TOKEN_PRIMARY;
	tok->level = KACS_LEVEL_ANONYMOUS;
	tok->integrity = KACS_INTEGRITY_SYSTEM;
	tok->policy = KACS_POLICY_NO_WRITE_UP | KACS_POLICY_NEW_PROCESS_MIN;
	tok->privs_present = KACS_PRIV_VALID_MASK;
	tok->privs_enabled = KACS_PRIV_VALID_MASK;
	tok->privs_default = KACS_PRIV_VALID_MASK;
	tok->elevation = KACS_ELEVATION_DEFAULT;
	tok->logon_type = KACS_LOGON_SERVICE;
	memcpy(tok->source_name, "PeiosKrn", 8);
	tok->owner_index = 0;
	tok->group_index = 1;

	ret = kacs_sd_build(&sd, &len, &kacs_sid_system, NULL, aces,
			    ARRAY_SIZE(aces), true, 0, GFP_KERNEL);
	if (ret)
		goto nomem;
	psd = kacs_psd_alloc(sd, len, GFP_KERNEL);
	kfree(sd);
	if (!psd)
		goto nomem;
	kacs_token_replace_sd(tok, psd);
	set_bit(KACS_TOKEN_IN_USE, &tok->flags);	/* init's primary */
	kacs_system_token = tok;
	return 0;
nomem:
	kacs_token_put(tok);
	return -ENOMEM;
}

static int __init kacs_build_anonymous_token(void)
{
	struct kacs_token *tok;
	int ret;

	tok = kacs_token_alloc(GFP_KERNEL);
	if (!tok)
		return -ENOMEM;
	tok->groups = kcalloc(1, sizeof(*tok->groups), GFP_KERNEL);
	if (!tok->groups)
		goto nomem;
	tok->ngroups = 1;
	tok->groups[0].sid = kacs_sid_everyone;
	tok->groups[0].attrs = KACS_SE_GROUP_MANDATORY |
			       KACS_SE_GROUP_ENABLED_BY_DEFAULT |
			       KACS_SE_GROUP_ENABLED;
	tok->user = kacs_sid_anonymous;
	tok->type = KACS_TOKEN_IMPERSONATION;
	tok->level = KACS_LEVEL_ANONYMOUS;
	tok->integrity = KACS_INTEGRITY_UNTRUSTED;
	tok->policy = KACS_POLICY_NO_WRITE_UP;
	tok->elevation = KACS_ELEVATION_DEFAULT;
	tok->logon_type = KACS_LOGON_NETWORK;
	tok->auth_id = KACS_ANONYMOUS_LUID;
	memcpy(tok->source_name, "PeiosKrn", 8);
	tok->token_id = kacs_new_luid();
	tok->modified_id = tok->token_id;
	ret = kacs_token_set_default_sd(tok, &kacs_sid_system, GFP_KERNEL);
	if (ret)
		goto nomem;
	kacs_anonymous_token = tok;
	return 0;
nomem:
	kacs_token_put(tok);
	return -ENOMEM;
}

/**
 * kacs_token_init - create the token cache and the bootstrap tokens
 *
 * Return: 0 or -ENOMEM.
 */
int __init kacs_token_init(void)
{
	int ret;

	kacs_token_cache = KMEM_CACHE(kacs_token, SLAB_PANIC);
	ret = kacs_build_system_token();
	if (ret)
		return ret;
	return kacs_build_anonymous_token();
}
