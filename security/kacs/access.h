/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS AccessCheck (digest section 7, restricted to the scope of this
 * series) and Process Integrity Protection dominance.
 */

#ifndef _SECURITY_KACS_ACCESS_H
#define _SECURITY_KACS_ACCESS_H

#include "engine.h"
#include "sd.h"
#include "sid.h"

/**
 * struct kacs_generic_mapping - expansion of the four generic rights
 * @read: rights meant by GENERIC_READ
 * @write: rights meant by GENERIC_WRITE
 * @execute: rights meant by GENERIC_EXECUTE
 * @all: rights meant by GENERIC_ALL
 */
struct kacs_generic_mapping {
	u32 read, write, execute, all;
};

extern const struct kacs_generic_mapping kacs_process_mapping;
extern const struct kacs_generic_mapping kacs_file_mapping;
extern const struct kacs_generic_mapping kacs_token_mapping;

/**
 * struct kacs_sid_attr - a SID with its SE_GROUP_* attributes
 * @sid: the SID
 * @attrs: KACS_SE_GROUP_* bits
 */
struct kacs_sid_attr {
	struct kacs_sid sid;
	u32 attrs;
};

/**
 * struct kacs_subject - the token view AccessCheck evaluates
 * @user: user SID
 * @user_deny_only: the user SID only matches deny ACEs
 * @groups: group SIDs with attributes
 * @ngroups: number of entries at @groups
 * @restricted: restricting SIDs (attributes ignored)
 * @nrestricted: number of restricting SIDs; 0 = not a restricted token
 * @write_restricted: the restricting SIDs only limit write access
 * @privs_enabled: enabled privileges, bit n = KACS_PRIV(n)
 * @integrity_rid: integrity level (KACS_INTEGRITY_*)
 * @mandatory_policy: KACS_POLICY_* bits
 * @token_type: KACS_TOKEN_PRIMARY or KACS_TOKEN_IMPERSONATION
 * @imp_level: KACS_LEVEL_*
 * @pip_type: PIP type of the calling process (from its PSB)
 * @pip_trust: PIP trust of the calling process (from its PSB)
 *
 * The caller keeps everything the pointers refer to stable during the check.
 */
struct kacs_subject {
	const struct kacs_sid *user;
	bool user_deny_only;
	const struct kacs_sid_attr *groups;
	u32 ngroups;
	const struct kacs_sid_attr *restricted;
	u32 nrestricted;
	bool write_restricted;
	u64 privs_enabled;
	u32 integrity_rid;
	u32 mandatory_policy;
	u32 token_type;
	u32 imp_level;
	u32 pip_type, pip_trust;
};

/**
 * struct kacs_access_result - outcome of kacs_access_check()
 * @granted: granted access mask
 * @privs_used: privileges (KACS_PRIV() bits) whose requested grants
 *              survived to @granted
 * @continuous_audit: OR of the masks of the matching SYSTEM_ALARM ACEs
 */
struct kacs_access_result {
	u32 granted;
	u64 privs_used;
	u32 continuous_audit;
};

/*
 * kacs_access_check_flags() flag: the caller holds a privilege that stands
 * in for the DACL decision (SeDebugPrivilege on a process SD); only the
 * object's trust label still applies.
 */
#define KACS_AC_PIP_ONLY	0x1U

u32 kacs_map_generic(u32 mask, const struct kacs_generic_mapping *map);
int kacs_access_check(const struct kacs_subject *subj,
		      const struct kacs_sd *sd, u32 desired,
		      const struct kacs_generic_mapping *map,
		      const struct kacs_sid *self_sid,
		      u32 privilege_intent,
		      struct kacs_access_result *res);
int kacs_access_check_flags(const struct kacs_subject *subj,
			    const struct kacs_sd *sd, u32 desired,
			    const struct kacs_generic_mapping *map,
			    const struct kacs_sid *self_sid,
			    u32 privilege_intent, u32 flags,
			    struct kacs_access_result *res);
bool kacs_pip_dominates(u32 caller_type, u32 caller_trust,
			u32 target_type, u32 target_trust);

#endif /* _SECURITY_KACS_ACCESS_H */
