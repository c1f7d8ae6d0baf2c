/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS - token objects
 */

#ifndef _SECURITY_KACS_TOKEN_H
#define _SECURITY_KACS_TOKEN_H

#include <linux/atomic.h>
#include <linux/refcount.h>
#include <linux/seqlock.h>
#include <linux/types.h>

#include <uapi/linux/kacs.h>

#include "engine.h"
#include "sid.h"
#include "access.h"

struct kacs_psd;
struct kacs_psb;

#define KACS_MAX_GROUPS		64
#define KACS_MAX_RESTRICTED	64
#define KACS_ELEVATION_DEFAULT	1
#define KACS_LOGON_SERVICE	5
#define KACS_LOGON_NETWORK	3
#define KACS_ANONYMOUS_LUID	998
#define KACS_MAX_ADJUST		64

/* struct kacs_token flags bit */
#define KACS_TOKEN_IN_USE	0

/* Privilege positions defined by the v0.20 catalogue */
#define KACS_PRIV_VALID_MASK	(GENMASK_ULL(35, 2) | BIT_ULL(62) | BIT_ULL(63))

/**
 * struct kacs_token - a KACS access token
 * @usage: reference count
 * @flags: KACS_TOKEN_IN_USE, set once the token is the primary token of a
 *         process and never cleared
 * @lock: guards the adjustable state (@privs_enabled, @privs_present,
 *        @privs_default, the ENABLED bit of @groups) and @modified_id.
 *        Writers take it with interrupts off; readers, which may run in
 *        any context, use a lockless read section and retry
 * @token_id: LUID naming this token instance
 * @modified_id: LUID of the last adjustment
 * @auth_id: logon session LUID
 * @origin: origin LUID
 * @expiration: expiration time (not enforced)
 * @created_at: creation time (ns since the epoch)
 * @source_id: source LUID
 * @source_name: source name, not NUL terminated
 * @type: KACS_TOKEN_PRIMARY or KACS_TOKEN_IMPERSONATION
 * @level: impersonation level (Anonymous for primary tokens)
 * @integrity: integrity level RID
 * @policy: mandatory policy
 * @elevation: elevation type (1 Default)
 * @logon_type: logon type of the session
 * @audit_policy: per-token audit policy
 * @session: interactive session id
 * @projected_uid: projected uid
 * @projected_gid: projected gid
 * @owner_index: default owner (0 user, N groups[N-1])
 * @group_index: default primary group (0 user, N groups[N-1])
 * @privs_present: privileges held
 * @privs_enabled: privileges enabled
 * @privs_default: privileges enabled by default
 * @privs_used: privileges exercised (sticky)
 * @user: user SID
 * @user_deny_only: the user SID only matches deny ACEs
 * @write_restricted: restricting SIDs only restrict write access
 * @ngroups: number of @groups
 * @nrestricted: number of @restricted (0: not restricted)
 * @groups: group SIDs and attributes
 * @restricted: restricting SIDs
 * @default_dacl: default DACL (raw ACL) or NULL
 * @default_dacl_len: length of @default_dacl
 * @sd: the token's own security descriptor (self-relative), an immutable
 *      blob read under RCU and replaced whole by kacs_set_sd()
 * @process_sd: the default process SD of processes whose primary token
 *              this is, built on first use by kacs_psd_template(), set
 *              once and shared by reference (NULL until then).  It
 *              depends only on @user and @group_index
 *
 * Everything but the fields listed under @lock, @sd and @process_sd is
 * immutable once the token is published.
 */
struct kacs_token {
	refcount_t usage;
	unsigned long flags;
	seqlock_t lock; /* see the kernel-doc above */
	u64 token_id;
	u64 modified_id;
	u64 auth_id;
	u64 origin;
	u64 expiration;
	u64 created_at;
	u64 source_id;
	u8 source_name[8];
	u32 type;
	u32 level;
	u32 integrity;
	u32 policy;
	u32 elevation;
	u32 logon_type;
	u32 audit_policy;
	u32 session;
	u32 projected_uid;
	u32 projected_gid;
	u32 owner_index;
	u32 group_index;
	u64 privs_present;
	u64 privs_enabled;
	u64 privs_default;
	atomic64_t privs_used;
	struct kacs_sid user;
	bool user_deny_only;
	bool write_restricted;
	u32 ngroups;
	u32 nrestricted;
	struct kacs_sid_attr *groups;
	struct kacs_sid_attr *restricted;
	u8 *default_dacl;
	u32 default_dacl_len;
	struct kacs_psd __rcu *sd;
	struct kacs_psd *process_sd;
};

/**
 * struct kacs_priv_adjust - a validated privilege adjustment
 * @enable: privileges to enable
 * @disable: privileges to disable
 * @remove: privileges to remove for good
 * @reset: reset the enabled set to the defaults first
 */
struct kacs_priv_adjust {
	u64 enable;
	u64 disable;
	u64 remove;
	bool reset;
};

/**
 * struct kacs_group_adjust - a validated group adjustment
 * @enable: group indices to enable
 * @disable: group indices to disable
 * @reset: reset every group to its enabled-by-default state instead
 */
struct kacs_group_adjust {
	u64 enable;
	u64 disable;
	bool reset;
};

extern struct kacs_token *kacs_system_token;
extern struct kacs_token *kacs_anonymous_token;

int __init kacs_token_init(void);
u64 kacs_new_luid(void);
struct kacs_token *kacs_token_alloc(gfp_t gfp);
struct kacs_token *kacs_token_copy(struct kacs_token *src, gfp_t gfp);
struct kacs_token *kacs_token_duplicate(struct kacs_token *src, u32 type,
					u32 level,
					const struct kacs_sid *creator,
					gfp_t gfp);
int kacs_token_set_default_sd(struct kacs_token *tok,
			      const struct kacs_sid *creator, gfp_t gfp);
struct kacs_psd *kacs_token_get_sd(const struct kacs_token *tok);
void kacs_token_replace_sd(struct kacs_token *tok, struct kacs_psd *psd);
void kacs_token_free(struct kacs_token *tok);
int kacs_token_count(void);
const struct kacs_sid *kacs_token_index_sid(const struct kacs_token *tok,
					    u32 index);
bool kacs_token_priv(struct kacs_token *tok, unsigned int bit);
void kacs_token_subject(const struct kacs_token *tok,
			struct kacs_subject *subj, u32 pip_type,
			u32 pip_trust);
int kacs_token_check_sd(struct kacs_token *tok, u32 pip_type, u32 pip_trust,
			const u8 *sd, size_t sd_len, u32 desired,
			const struct kacs_generic_mapping *map,
			const struct kacs_sid *self_sid, u32 intent,
			u32 *granted);
int kacs_token_access(struct kacs_token *tok, u32 pip_type, u32 pip_trust,
		      const u8 *sd, size_t sd_len, u32 desired,
		      const struct kacs_generic_mapping *map,
		      const struct kacs_sid *self_sid, u32 intent, u32 flags,
		      struct kacs_access_result *res);
int kacs_token_check_psd(struct kacs_token *tok, u32 pip_type, u32 pip_trust,
			 const struct kacs_psd *psd, u32 desired,
			 const struct kacs_generic_mapping *map, u32 flags,
			 u32 *granted);

int kacs_priv_adjust_parse(const struct kacs_priv_entry *ent, u32 count,
			   struct kacs_priv_adjust *adj);
int kacs_token_adjust_privs(struct kacs_token *tok,
			    const struct kacs_priv_adjust *adj, u64 *prev);
int kacs_group_adjust_parse(const struct kacs_token *tok,
			    const struct kacs_group_entry *ent, u32 count,
			    struct kacs_group_adjust *adj);
void kacs_token_adjust_groups(struct kacs_token *tok,
			      const struct kacs_group_adjust *adj, u64 *prev);
bool kacs_restrict_args_valid(const struct kacs_restrict_args *args);
struct kacs_token *kacs_token_restrict(struct kacs_token *src,
				       const struct kacs_restrict_args *args,
				       const u8 *data, gfp_t gfp);

static inline struct kacs_token *kacs_token_get(struct kacs_token *tok)
{
	if (tok)
		refcount_inc(&tok->usage);
	return tok;
}

static inline void kacs_token_put(struct kacs_token *tok)
{
	if (tok && refcount_dec_and_test(&tok->usage))
		kacs_token_free(tok);
}

/* True for an impersonation token below Impersonation level. */
static inline bool kacs_token_is_weak(const struct kacs_token *tok)
{
	return tok->type == KACS_TOKEN_IMPERSONATION &&
	       tok->level < KACS_LEVEL_IMPERSONATION;
}

/* Size of the fixed header of a token specification (struct kacs_token_spec) */
#define KACS_SPEC_HDR_SIZE	192

struct kacs_token *kacs_token_from_spec(const u8 *buf, u32 len);

#endif /* _SECURITY_KACS_TOKEN_H */
