/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS engine test tables and test bodies, shared by the KUnit suites
 * (kunit_test.c) and the user-space harness (tools/testing/kacs-engine).
 *
 * The includer defines, before including this file:
 *   KT_EXPECT_EQ(ctx, what, got, want)  - report got != want (as long long)
 *   KT_EXPECT_TRUE(ctx, what, cond)     - report !cond
 * "what" is a string naming the check.
 */

#ifndef _SECURITY_KACS_KUNIT_TABLES_H
#define _SECURITY_KACS_KUNIT_TABLES_H

#include "access.h"
#include "sd.h"
#include "sddl.h"
#include "sid.h"

/* ------------------------------------------------------------------ */
/* SIDs used by the tables, referred to by index                       */

enum kt_sid {
	S_NONE,		/* no SID / end of list */
	S_ALICE,	/* S-1-5-21-1-2-3-1001 */
	S_BOB,		/* S-1-5-21-1-2-3-1002 */
	S_GX,		/* group, enabled in the standard set */
	S_GDENY,	/* group, deny-only in the standard set */
	S_GOFF,		/* group, disabled in the standard set */
	S_GZ,		/* group the token never has */
	S_SY,
	S_BA,
	S_BU,
	S_WD,
	S_AU,
	S_OW,		/* OWNER RIGHTS */
	S_PS,		/* PRINCIPAL SELF */
	S_IL_UNTRUSTED,
	S_IL_LOW,
	S_IL_MEDIUM,
	S_IL_HIGH,
	S_IL_SYSTEM,
	S_TL_TCB,	/* S-1-19-512-8192 */
	KT_NSIDS
};

static const struct kacs_sid kt_sids[KT_NSIDS] = {
	[S_ALICE] = KACS_SID(5, 5, 21, 1, 2, 3, 1001),
	[S_BOB] = KACS_SID(5, 5, 21, 1, 2, 3, 1002),
	[S_GX] = KACS_SID(5, 5, 21, 1, 2, 3, 2001),
	[S_GDENY] = KACS_SID(5, 5, 21, 1, 2, 3, 2002),
	[S_GOFF] = KACS_SID(5, 5, 21, 1, 2, 3, 2003),
	[S_GZ] = KACS_SID(5, 5, 21, 1, 2, 3, 2004),
	[S_SY] = KACS_SID(5, 1, 18),
	[S_BA] = KACS_SID(5, 2, 32, 544),
	[S_BU] = KACS_SID(5, 2, 32, 545),
	[S_WD] = KACS_SID(1, 1, 0),
	[S_AU] = KACS_SID(5, 1, 11),
	[S_OW] = KACS_SID(3, 1, 4),
	[S_PS] = KACS_SID(5, 1, 10),
	[S_IL_UNTRUSTED] = KACS_SID(16, 1, 0),
	[S_IL_LOW] = KACS_SID(16, 1, 4096),
	[S_IL_MEDIUM] = KACS_SID(16, 1, 8192),
	[S_IL_HIGH] = KACS_SID(16, 1, 12288),
	[S_IL_SYSTEM] = KACS_SID(16, 1, 16384),
	[S_TL_TCB] = KACS_SID(19, 2, 512, 8192),
};

/* ------------------------------------------------------------------ */
/* AccessCheck cases                                                    */

#define KT_A	KACS_ACCESS_ALLOWED_ACE_TYPE
#define KT_D	KACS_ACCESS_DENIED_ACE_TYPE
#define KT_AU	KACS_SYSTEM_AUDIT_ACE_TYPE
#define KT_CBA	0x09	/* callback allowed: not evaluated in this series */
#define KT_CBD	0x0a	/* callback denied: not evaluated in this series */
#define KT_ML	KACS_SYSTEM_MANDATORY_LABEL_ACE_TYPE
#define KT_TL	KACS_SYSTEM_PROCESS_TRUST_LABEL_ACE_TYPE
#define KT_IO	KACS_INHERIT_ONLY_ACE

#define KT_GA	KACS_GENERIC_ALL
#define KT_GR	KACS_GENERIC_READ
#define KT_GX_	KACS_GENERIC_EXECUTE
#define KT_GW	KACS_GENERIC_WRITE
#define KT_MAX	KACS_MAXIMUM_ALLOWED
#define KT_ASS	KACS_ACCESS_SYSTEM_SECURITY
#define KT_RC	KACS_READ_CONTROL
#define KT_WDAC	KACS_WRITE_DAC
#define KT_WO	KACS_WRITE_OWNER
#define KT_TERM	KACS_PROCESS_TERMINATE
#define KT_SIG	KACS_PROCESS_SIGNAL
#define KT_VMR	KACS_PROCESS_VM_READ
#define KT_VMW	KACS_PROCESS_VM_WRITE
#define KT_QI	KACS_PROCESS_QUERY_INFORMATION
#define KT_SR	KACS_PROCESS_SUSPEND_RESUME
#define KT_QL	KACS_PROCESS_QUERY_LIMITED
#define KT_PALL	KACS_PROCESS_GENERIC_ALL
#define KT_PR	KACS_PROCESS_GENERIC_READ
#define KT_PW	KACS_PROCESS_GENERIC_WRITE
#define KT_PX	KACS_PROCESS_GENERIC_EXECUTE
#define KT_RESTORE_SET	(KT_PW | KT_WDAC | KT_WO | KACS_DELETE | KT_ASS)
#define KT_AL	KACS_ACE_TYPE_ALARM
#define KT_RSV	KACS_ACCESS_RESERVED

#define KT_P_BACKUP	KACS_PRIV(KACS_SE_BACKUP)
#define KT_P_RESTORE	KACS_PRIV(KACS_SE_RESTORE)
#define KT_P_SECURITY	KACS_PRIV(KACS_SE_SECURITY)
#define KT_P_TAKE	KACS_PRIV(KACS_SE_TAKE_OWNERSHIP)
#define KT_P_RELABEL	KACS_PRIV(KACS_SE_RELABEL)

#define KT_MAX_DACL		6
#define KT_MAX_SACL		3
#define KT_MAX_GROUPS		6
#define KT_MAX_RESTRICTED	3
#define KT_SD_BUF		1024

/* One ACE; an entry with sid == S_NONE ends the list. */
struct kt_ace {
	u8 type, flags, sid;
	u32 mask;
};

enum kt_dacl_mode {
	KT_DACL_ACL,	/* DACL_PRESENT with an ACL (possibly empty) */
	KT_DACL_NULL,	/* DACL_PRESENT, offset 0 */
	KT_DACL_ABSENT,	/* DACL_PRESENT clear */
};

struct kt_sd {
	u8 owner, group;	/* S_NONE = absent */
	u8 dacl_mode;
	struct kt_ace dacl[KT_MAX_DACL];
	struct kt_ace sacl[KT_MAX_SACL];	/* SACL present if non-empty */
};

enum kt_il {
	KT_IL_MEDIUM,	/* default */
	KT_IL_LOW,
	KT_IL_HIGH,
	KT_IL_UNTRUSTED,
	KT_IL_SYSTEM,
};

static const u32 kt_il_rid[] = {
	[KT_IL_MEDIUM] = KACS_INTEGRITY_MEDIUM,
	[KT_IL_LOW] = KACS_INTEGRITY_LOW,
	[KT_IL_HIGH] = KACS_INTEGRITY_HIGH,
	[KT_IL_UNTRUSTED] = KACS_INTEGRITY_UNTRUSTED,
	[KT_IL_SYSTEM] = KACS_INTEGRITY_SYSTEM,
};

enum kt_gset {
	KT_G_STD,	/* WD AU BU GX enabled, GDENY deny-only, GOFF disabled */
	KT_G_SYSTEM,	/* BA (owner) WD AU enabled */
	KT_G_NONE,
	KT_G_COUNT
};

struct kt_gent {
	u8 sid;
	u32 attrs;
};

#define KT_EN	(KACS_SE_GROUP_MANDATORY | KACS_SE_GROUP_ENABLED_BY_DEFAULT | \
		 KACS_SE_GROUP_ENABLED)

static const struct kt_gent kt_gsets[KT_G_COUNT][KT_MAX_GROUPS] = {
	[KT_G_STD] = {
		{ S_WD, KT_EN }, { S_AU, KT_EN }, { S_BU, KT_EN },
		{ S_GX, KT_EN },
		{ S_GDENY, KACS_SE_GROUP_USE_FOR_DENY_ONLY },
		{ S_GOFF, 0 },
	},
	[KT_G_SYSTEM] = {
		{ S_BA, KT_EN | KACS_SE_GROUP_OWNER }, { S_WD, KT_EN },
		{ S_AU, KT_EN },
	},
};

enum kt_level {
	KT_LV_PRIMARY,	/* default: primary token */
	KT_LV_ANON,	/* impersonation tokens at the given level */
	KT_LV_IDENT,
	KT_LV_IMP,
};

struct kt_subj {
	u8 user;		/* S_NONE means S_ALICE */
	bool user_deny_only;
	u8 groups;		/* enum kt_gset */
	u8 il;			/* enum kt_il */
	bool no_policy;		/* token lacks the NO_WRITE_UP policy */
	u8 level;		/* enum kt_level */
	u8 restricted[KT_MAX_RESTRICTED];	/* S_NONE-terminated */
	bool write_restricted;
	u64 privs;
	u32 pip_type, pip_trust;
};

enum kt_map {
	KT_MAP_PROCESS,
	KT_MAP_FILE,
	KT_MAP_TOKEN,
};

struct kt_access_case {
	const char *name;
	struct kt_subj subj;
	struct kt_sd sd;
	u32 desired;
	u8 map;		/* enum kt_map */
	u8 self;	/* S_NONE = no self SID */
	u32 intent;
	int ret;
	u32 granted;
	u64 used;
	u32 audit;	/* expected continuous audit mask */
	u32 flags;	/* kacs_access_check_flags() flags */
	const char *spec;	/* the v0.20 clause the case checks */
};

/*
 * Spec clauses cited by the AccessCheck cases: every case names the
 * clause of Peios KACS v0.20 (peios-kacs-v0.20/) it was derived from, so
 * that an expectation comes from the specification, not from access.c.
 */
#define SPEC_ALG	"10-access-check/10-algorithm.md"
#define SPEC_STEP0	SPEC_ALG " step 0 (Identification gate)"
#define SPEC_STEP1	SPEC_ALG " step 1 (input validation)"
#define SPEC_STEP2	SPEC_ALG " step 2 (generic mapping)"
#define SPEC_STEP4	SPEC_ALG " steps 3-4 (privilege grants)"
#define SPEC_STEP9	SPEC_ALG " step 9 (SeTakeOwnershipPrivilege)"
#define SPEC_STEP13	SPEC_ALG " step 13 (privilege use)"
#define SPEC_STEP14	"10-access-check/9-auditing.md Continuous auditing"
#define SPEC_ENRICH	SPEC_ALG " EnrichToken (PRINCIPAL SELF)"
#define SPEC_ENRICH_OWNER SPEC_ALG " step 6 and EnrichToken (the caller" \
			" is the owner)"
#define SPEC_WRAPPER	SPEC_ALG " AccessCheck wrapper"
#define SPEC_DACL	"10-access-check/2-dacl-walk.md"
#define SPEC_MAX	SPEC_DACL " MAXIMUM_ALLOWED"
#define SPEC_NULLDACL	SPEC_DACL " NULL DACL / Empty DACL"
#define SPEC_OWNER	SPEC_DACL " Owner implicit rights"
#define SPEC_MATCH	SPEC_DACL " SID matching"
#define SPEC_WALK	SPEC_DACL " Allow/Deny ACEs, first-writer-wins"
#define SPEC_INHERIT	SPEC_DACL " Inherit-only ACEs"
#define SPEC_TYPES	"3-security-descriptors/4-ace-types.md"
#define SPEC_MIC	"10-access-check/3-integrity.md"
#define SPEC_PIP	"10-access-check/7-pip.md"
#define SPEC_RESTR	"10-access-check/4-restricted-tokens.md"
#define SPEC_MASKS	"3-security-descriptors/3-access-masks.md"
#define SPEC_PSD	"5-psb/3-process-sd.md default descriptor"
#define SPEC_TOKRIGHTS	"4-tokens/8-access-rights.md"
#define SPEC_DEBUG	"8-pip/2-enforcement-points.md + " SPEC_PIP \
			" No privilege escape"

/* The default process SD of a SYSTEM process (digest section 9.2). */
#define KT_SD_DEFAULT_SY {						\
	.owner = S_SY, .group = S_BA,					\
	.dacl = { { KT_A, 0, S_SY, KT_GA }, { KT_A, 0, S_BA, KT_GA },	\
		  { KT_A, 0, S_SY, KT_GA }, { KT_A, 0, S_WD, KT_QL } },	\
}

/* Owner SY, Everyone full control, optional SACL. */
#define KT_SD_WD_ALL(...) {						\
	.owner = S_SY, .dacl = { { KT_A, 0, S_WD, KT_GA } },		\
	.sacl = { __VA_ARGS__ },					\
}

#define KT_TL_QL	{ KT_TL, 0, S_TL_TCB, KT_QL }

static const struct kt_access_case kt_access_cases[] = {
	/* step 0: impersonation level */
	{ "ident_level_denied", .subj = { .level = KT_LV_IDENT },
	  .sd = KT_SD_WD_ALL(), .desired = KT_QL,
	  .ret = -EACCES, .granted = 0,
	  .spec = SPEC_STEP0 },
	{ "ident_level_checked_before_owner", .subj = { .level = KT_LV_IDENT },
	  .sd = { .dacl = { { KT_A, 0, S_WD, KT_GA } } }, .desired = KT_QL,
	  .ret = -EACCES,
	  .spec = SPEC_STEP0 },
	{ "impersonation_level_ok", .subj = { .level = KT_LV_IMP },
	  .sd = KT_SD_WD_ALL(), .desired = KT_QL, .granted = KT_QL,
	  .spec = SPEC_STEP0 },
	{ "anonymous_level_continues", .subj = { .level = KT_LV_ANON },
	  .sd = KT_SD_WD_ALL(), .desired = KT_QL, .granted = KT_QL,
	  .spec = SPEC_STEP0 },
	/* step 1: validation */
	{ "no_owner_einval", .sd = { .dacl = { { KT_A, 0, S_WD, KT_GA } } },
	  .desired = KT_QL, .ret = -EINVAL,
	  .spec = SPEC_STEP1 },
	{ "unknown_intent_einval", .sd = KT_SD_WD_ALL(), .desired = KT_QL,
	  .intent = 0x4, .ret = -EINVAL,
	  .spec = SPEC_STEP1 },
	{ "group_absent_ok", .sd = KT_SD_WD_ALL(), .desired = KT_QL,
	  .granted = KT_QL,
	  .spec = SPEC_STEP1 },
	{ "group_present_ok",
	  .sd = { .owner = S_SY, .group = S_BA,
		  .dacl = { { KT_A, 0, S_WD, KT_QL } } },
	  .desired = KT_QL, .granted = KT_QL,
	  .spec = SPEC_STEP1 },
	/* step 2: generic mapping and MAXIMUM_ALLOWED */
	{ "desired_zero_ok", .sd = { .owner = S_SY }, .desired = 0,
	  .spec = SPEC_WRAPPER },
	{ "generic_read_request_mapped",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_ALICE, KT_PR } } },
	  .desired = KT_GR, .granted = KT_PR,
	  .spec = SPEC_STEP2 },
	{ "generic_all_ace_mapped",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_ALICE, KT_GA } } },
	  .desired = KT_TERM, .granted = KT_TERM,
	  .spec = SPEC_STEP2 },
	{ "generic_execute_ace_mapped",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_WD, KT_GX_ } } },
	  .desired = KT_TERM | KT_SR, .granted = KT_TERM | KT_SR,
	  .spec = SPEC_STEP2 },
	{ "generic_all_request_partial",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_WD, KT_QL } } },
	  .desired = KT_GA, .ret = -EACCES, .granted = KT_QL,
	  .spec = SPEC_STEP2 },
	{ "max_owner_implicit",
	  .sd = { .owner = S_ALICE, .dacl = { { KT_A, 0, S_ALICE, KT_QL } } },
	  .desired = KT_MAX, .granted = KT_QL | KT_RC | KT_WDAC,
	  .spec = SPEC_MAX },
	{ "max_pure_always_succeeds", .sd = { .owner = S_SY },
	  .desired = KT_MAX, .ret = 0, .granted = 0,
	  .spec = SPEC_MAX " (pure request always succeeds)" },
	{ "max_plus_explicit_missing",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_WD, KT_QL } } },
	  .desired = KT_MAX | KT_TERM, .ret = -EACCES, .granted = KT_QL,
	  .spec = SPEC_MAX },
	{ "max_no_early_stop",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_ALICE, KT_TERM },
					   { KT_A, 0, S_ALICE, KT_QI } } },
	  .desired = KT_MAX, .granted = KT_TERM | KT_QI,
	  .spec = SPEC_MAX },
	{ "ace_maximum_allowed_bit_ignored",
	  .sd = { .owner = S_SY,
		  .dacl = { { KT_A, 0, S_ALICE, KT_MAX | KT_QL } } },
	  .desired = KT_MAX, .granted = KT_QL,
	  .spec = SPEC_MAX },
	/* default process SD */
	{ "default_sd_everyone_query_limited", .sd = KT_SD_DEFAULT_SY,
	  .desired = KT_QL, .granted = KT_QL,
	  .spec = SPEC_PSD },
	{ "default_sd_everyone_no_terminate", .sd = KT_SD_DEFAULT_SY,
	  .desired = KT_TERM, .ret = -EACCES,
	  .spec = SPEC_PSD },
	{ "default_sd_everyone_max", .sd = KT_SD_DEFAULT_SY,
	  .desired = KT_MAX, .granted = KT_QL,
	  .spec = SPEC_PSD },
	{ "default_sd_system_full",
	  .subj = { .user = S_SY, .groups = KT_G_SYSTEM, .il = KT_IL_SYSTEM },
	  .sd = KT_SD_DEFAULT_SY, .desired = KT_GA, .granted = KT_PALL,
	  .spec = SPEC_PSD },
	{ "default_sd_admin_full", .subj = { .groups = KT_G_SYSTEM },
	  .sd = KT_SD_DEFAULT_SY, .desired = KT_MAX, .granted = KT_PALL,
	  .spec = SPEC_PSD },
	/* NULL vs empty DACL */
	{ "null_dacl_grants_all",
	  .sd = { .owner = S_SY, .dacl_mode = KT_DACL_NULL },
	  .desired = KT_GA, .granted = KT_PALL,
	  .spec = SPEC_NULLDACL },
	{ "null_dacl_max",
	  .sd = { .owner = S_SY, .dacl_mode = KT_DACL_NULL },
	  .desired = KT_MAX, .granted = KT_PALL,
	  .spec = SPEC_NULLDACL },
	{ "absent_dacl_is_null",
	  .sd = { .owner = S_SY, .dacl_mode = KT_DACL_ABSENT },
	  .desired = KT_TERM, .granted = KT_TERM,
	  .spec = SPEC_NULLDACL },
	{ "null_dacl_bounded_by_mapping",
	  .sd = { .owner = S_SY, .dacl_mode = KT_DACL_NULL },
	  .desired = KACS_DELETE, .ret = -EACCES,
	  .spec = SPEC_NULLDACL },
	{ "empty_dacl_denies", .sd = { .owner = S_SY }, .desired = KT_QL,
	  .ret = -EACCES,
	  .spec = SPEC_NULLDACL },
	/* owner implicit rights and OWNER RIGHTS */
	{ "owner_implicit_rights", .sd = { .owner = S_ALICE },
	  .desired = KT_RC | KT_WDAC, .granted = KT_RC | KT_WDAC,
	  .spec = SPEC_OWNER },
	{ "owner_no_implicit_write_owner", .sd = { .owner = S_ALICE },
	  .desired = KT_WO, .ret = -EACCES,
	  .spec = SPEC_OWNER },
	{ "owner_via_enabled_group", .sd = { .owner = S_GX },
	  .desired = KT_RC, .granted = KT_RC,
	  .spec = SPEC_OWNER },
	/*
	 * "The caller is the owner" (step 6) is SidMatchesToken(owner,
	 * for_allow=true) in EnrichToken: a deny-only group or a deny-only
	 * user SID does not make the caller the owner.
	 */
	{ "owner_via_deny_only_group_is_not", .sd = { .owner = S_GDENY },
	  .desired = KT_RC, .ret = -EACCES, .granted = 0,
	  .spec = SPEC_OWNER "; " SPEC_ENRICH_OWNER },
	{ "owner_via_deny_only_user_is_not",
	  .subj = { .user_deny_only = true }, .sd = { .owner = S_ALICE },
	  .desired = KT_RC, .ret = -EACCES, .granted = 0,
	  .spec = SPEC_OWNER "; " SPEC_ENRICH_OWNER },
	{ "owner_via_disabled_group_is_not", .sd = { .owner = S_GOFF },
	  .desired = KT_RC, .ret = -EACCES,
	  .spec = SPEC_OWNER },
	{ "owner_rights_suppresses_implicit",
	  .sd = { .owner = S_ALICE, .dacl = { { KT_A, 0, S_OW, KT_QL } } },
	  .desired = KT_RC, .ret = -EACCES,
	  .spec = SPEC_OWNER },
	{ "owner_rights_max",
	  .sd = { .owner = S_ALICE, .dacl = { { KT_A, 0, S_OW, KT_QL } } },
	  .desired = KT_MAX, .granted = KT_QL,
	  .spec = SPEC_OWNER },
	{ "owner_rights_ace_grants",
	  .sd = { .owner = S_ALICE, .dacl = { { KT_A, 0, S_OW, KT_RC } } },
	  .desired = KT_RC, .granted = KT_RC,
	  .spec = SPEC_OWNER },
	{ "owner_rights_inherit_only_no_suppress",
	  .sd = { .owner = S_ALICE,
		  .dacl = { { KT_A, KT_IO, S_OW, KT_QL } } },
	  .desired = KT_RC | KT_WDAC, .granted = KT_RC | KT_WDAC,
	  .spec = SPEC_OWNER },
	{ "owner_rights_deny",
	  .sd = { .owner = S_ALICE, .dacl = { { KT_D, 0, S_OW, KT_WDAC },
					      { KT_A, 0, S_ALICE, KT_GA } } },
	  .desired = KT_MAX, .granted = KT_PALL & ~KT_WDAC,
	  .spec = SPEC_OWNER },
	{ "owner_rights_needs_ownership",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_OW, KT_GA } } },
	  .desired = KT_TERM, .ret = -EACCES,
	  .spec = SPEC_OWNER },
	/* DACL walk */
	{ "deny_before_allow",
	  .sd = { .owner = S_SY, .dacl = { { KT_D, 0, S_ALICE, KT_TERM },
					   { KT_A, 0, S_ALICE, KT_GA } } },
	  .desired = KT_TERM, .ret = -EACCES,
	  .spec = SPEC_WALK },
	{ "allow_before_deny",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_ALICE, KT_TERM },
					   { KT_D, 0, S_ALICE, KT_TERM } } },
	  .desired = KT_TERM, .granted = KT_TERM,
	  .spec = SPEC_WALK },
	{ "deny_partial_max",
	  .sd = { .owner = S_SY, .dacl = { { KT_D, 0, S_ALICE, KT_VMW },
					   { KT_A, 0, S_WD, KT_GA } } },
	  .desired = KT_MAX, .granted = KT_PALL & ~KT_VMW,
	  .spec = SPEC_WALK },
	{ "deny_generic_mask_mapped",
	  .sd = { .owner = S_SY, .dacl = { { KT_D, 0, S_ALICE, KT_GW },
					   { KT_A, 0, S_ALICE, KT_GA } } },
	  .desired = KT_MAX, .granted = KT_PALL & ~KT_PW,
	  .spec = SPEC_WALK },
	{ "group_enabled_allow",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_GX, KT_QI } } },
	  .desired = KT_QI, .granted = KT_QI,
	  .spec = SPEC_MATCH },
	{ "group_disabled_allow_ignored",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_GOFF, KT_QI } } },
	  .desired = KT_QI, .ret = -EACCES,
	  .spec = SPEC_MATCH },
	{ "group_disabled_deny_ignored",
	  .sd = { .owner = S_SY, .dacl = { { KT_D, 0, S_GOFF, KT_QI },
					   { KT_A, 0, S_WD, KT_QI } } },
	  .desired = KT_QI, .granted = KT_QI,
	  .spec = SPEC_MATCH },
	{ "group_deny_only_allow_ignored",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_GDENY, KT_QI } } },
	  .desired = KT_QI, .ret = -EACCES,
	  .spec = SPEC_MATCH },
	{ "group_deny_only_deny_applies",
	  .sd = { .owner = S_SY, .dacl = { { KT_D, 0, S_GDENY, KT_QI },
					   { KT_A, 0, S_WD, KT_QI } } },
	  .desired = KT_QI, .ret = -EACCES,
	  .spec = SPEC_MATCH },
	{ "user_deny_only_allow_ignored", .subj = { .user_deny_only = true },
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_ALICE, KT_QI } } },
	  .desired = KT_QI, .ret = -EACCES,
	  .spec = SPEC_MATCH },
	{ "user_deny_only_deny_applies", .subj = { .user_deny_only = true },
	  .sd = { .owner = S_SY, .dacl = { { KT_D, 0, S_ALICE, KT_QI },
					   { KT_A, 0, S_WD, KT_QI } } },
	  .desired = KT_QI, .ret = -EACCES,
	  .spec = SPEC_MATCH },
	{ "user_deny_only_groups_still_allow",
	  .subj = { .user_deny_only = true },
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_GX, KT_QI } } },
	  .desired = KT_QI, .granted = KT_QI,
	  .spec = SPEC_MATCH },
	{ "inherit_only_allow_skipped",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, KT_IO, S_ALICE, KT_GA } } },
	  .desired = KT_TERM, .ret = -EACCES,
	  .spec = SPEC_INHERIT },
	{ "inherit_only_deny_skipped",
	  .sd = { .owner = S_SY, .dacl = { { KT_D, KT_IO, S_ALICE, KT_TERM },
					   { KT_A, 0, S_ALICE, KT_TERM } } },
	  .desired = KT_TERM, .granted = KT_TERM,
	  .spec = SPEC_INHERIT },
	{ "unknown_allow_type_skipped",
	  .sd = { .owner = S_SY, .dacl = { { KT_CBA, 0, S_ALICE, KT_GA } } },
	  .desired = KT_TERM, .ret = -EACCES,
	  .spec = SPEC_TYPES },
	{ "unknown_deny_type_skipped",
	  .sd = { .owner = S_SY, .dacl = { { KT_CBD, 0, S_ALICE, KT_TERM },
					   { KT_A, 0, S_ALICE, KT_TERM } } },
	  .desired = KT_TERM, .granted = KT_TERM,
	  .spec = SPEC_TYPES },
	{ "audit_ace_in_dacl_skipped",
	  .sd = { .owner = S_SY, .dacl = { { KT_AU, 0, S_ALICE, KT_GA } } },
	  .desired = KT_TERM, .ret = -EACCES,
	  .spec = SPEC_TYPES },
	/* mandatory integrity control */
	{ "mic_no_label_low_signal_denied", .subj = { .il = KT_IL_LOW },
	  .sd = KT_SD_WD_ALL(), .desired = KT_SIG, .ret = -EACCES,
	  .spec = SPEC_MIC },
	{ "mic_no_label_low_terminate_ok", .subj = { .il = KT_IL_LOW },
	  .sd = KT_SD_WD_ALL(), .desired = KT_TERM, .granted = KT_TERM,
	  .spec = SPEC_MIC },
	{ "mic_no_label_low_max", .subj = { .il = KT_IL_LOW },
	  .sd = KT_SD_WD_ALL(), .desired = KT_MAX, .granted = KT_PR | KT_PX,
	  .spec = SPEC_MIC },
	{ "mic_no_label_low_denied_set", .subj = { .il = KT_IL_LOW },
	  .sd = KT_SD_WD_ALL(), .desired = 0x000C0262, .ret = -EACCES,
	  .spec = SPEC_MIC },
	{ "mic_untrusted_vm_write", .subj = { .il = KT_IL_UNTRUSTED },
	  .sd = KT_SD_WD_ALL(), .desired = KT_VMW, .ret = -EACCES,
	  .spec = SPEC_MIC },
	{ "mic_skipped_without_policy",
	  .subj = { .il = KT_IL_LOW, .no_policy = true },
	  .sd = KT_SD_WD_ALL(), .desired = KT_SIG, .granted = KT_SIG,
	  .spec = SPEC_MIC },
	{ "mic_medium_dominates_unlabeled", .sd = KT_SD_WD_ALL(),
	  .desired = KT_SIG, .granted = KT_SIG,
	  .spec = SPEC_MIC },
	{ "mic_high_label_no_read_up",
	  .sd = KT_SD_WD_ALL({ KT_ML, 0, S_IL_HIGH,
			       KACS_NO_WRITE_UP | KACS_NO_READ_UP }),
	  .desired = KT_MAX, .granted = KT_PX,
	  .spec = SPEC_MIC },
	{ "mic_high_label_no_execute_up_terminate",
	  .sd = KT_SD_WD_ALL({ KT_ML, 0, S_IL_HIGH,
			       KACS_NO_WRITE_UP | KACS_NO_EXECUTE_UP }),
	  .desired = KT_TERM, .ret = -EACCES,
	  .spec = SPEC_MIC },
	{ "mic_high_label_no_execute_up_max",
	  .sd = KT_SD_WD_ALL({ KT_ML, 0, S_IL_HIGH,
			       KACS_NO_WRITE_UP | KACS_NO_EXECUTE_UP }),
	  .desired = KT_MAX, .granted = KT_PR,
	  .spec = SPEC_MIC },
	{ "mic_label_mask_zero_still_no_write",
	  .sd = KT_SD_WD_ALL({ KT_ML, 0, S_IL_HIGH, 0 }),
	  .desired = KT_MAX, .granted = KT_PR | KT_PX,
	  .spec = SPEC_MIC },
	{ "mic_low_label_low_caller", .subj = { .il = KT_IL_LOW },
	  .sd = KT_SD_WD_ALL({ KT_ML, 0, S_IL_LOW, KACS_NO_WRITE_UP }),
	  .desired = KT_SIG, .granted = KT_SIG,
	  .spec = SPEC_MIC },
	{ "mic_system_label_high_caller", .subj = { .il = KT_IL_HIGH },
	  .sd = KT_SD_WD_ALL({ KT_ML, 0, S_IL_SYSTEM, KACS_NO_WRITE_UP }),
	  .desired = KT_VMW, .ret = -EACCES,
	  .spec = SPEC_MIC },
	{ "mic_label_inherit_only_ignored",
	  .sd = KT_SD_WD_ALL({ KT_ML, KT_IO, S_IL_HIGH, KACS_NO_WRITE_UP }),
	  .desired = KT_SIG, .granted = KT_SIG,
	  .spec = SPEC_MIC },
	{ "mic_first_label_wins",
	  .sd = KT_SD_WD_ALL({ KT_ML, 0, S_IL_HIGH, KACS_NO_WRITE_UP },
			     { KT_ML, 0, S_IL_LOW, KACS_NO_WRITE_UP }),
	  .desired = KT_SIG, .ret = -EACCES,
	  .spec = SPEC_MIC },
	{ "mic_relabel_allows_write_owner",
	  .subj = { .il = KT_IL_LOW, .privs = KT_P_RELABEL },
	  .sd = KT_SD_WD_ALL(), .desired = KT_WO, .granted = KT_WO,
	  .used = KT_P_RELABEL,
	  .spec = SPEC_MIC },
	{ "mic_keeps_restore_grant",
	  .subj = { .il = KT_IL_LOW, .privs = KT_P_RESTORE },
	  .sd = { .owner = S_SY }, .desired = KT_VMW,
	  .intent = KACS_RESTORE_INTENT, .granted = KT_RESTORE_SET,
	  .used = KT_P_RESTORE,
	  .spec = SPEC_MIC },
	/* privileges */
	{ "backup_intent_grants_read", .subj = { .privs = KT_P_BACKUP },
	  .sd = { .owner = S_SY }, .desired = KT_GR,
	  .intent = KACS_BACKUP_INTENT, .granted = KT_PR,
	  .used = KT_P_BACKUP,
	  .spec = SPEC_STEP4 },
	{ "backup_needs_intent", .subj = { .privs = KT_P_BACKUP },
	  .sd = { .owner = S_SY }, .desired = KT_GR, .ret = -EACCES,
	  .spec = SPEC_STEP4 },
	{ "backup_intent_needs_privilege", .sd = { .owner = S_SY },
	  .desired = KT_GR, .intent = KACS_BACKUP_INTENT, .ret = -EACCES,
	  .spec = SPEC_STEP4 },
	{ "backup_does_not_write", .subj = { .privs = KT_P_BACKUP },
	  .sd = { .owner = S_SY }, .desired = KT_VMW,
	  .intent = KACS_BACKUP_INTENT, .ret = -EACCES, .granted = KT_PR,
	  .spec = SPEC_STEP4 },
	{ "backup_max_allowed_not_used", .subj = { .privs = KT_P_BACKUP },
	  .sd = { .owner = S_SY }, .desired = KT_MAX,
	  .intent = KACS_BACKUP_INTENT, .granted = KT_PR, .used = 0,
	  .spec = SPEC_STEP4 },
	{ "restore_intent_grants_write", .subj = { .privs = KT_P_RESTORE },
	  .sd = { .owner = S_SY }, .desired = KT_WDAC | KT_WO | KT_VMW,
	  .intent = KACS_RESTORE_INTENT, .granted = KT_RESTORE_SET,
	  .used = KT_P_RESTORE,
	  .spec = SPEC_STEP4 },
	{ "restore_needs_intent", .subj = { .privs = KT_P_RESTORE },
	  .sd = { .owner = S_SY }, .desired = KT_VMW,
	  .intent = KACS_BACKUP_INTENT, .ret = -EACCES,
	  .spec = SPEC_STEP4 },
	{ "restore_beats_dacl_deny", .subj = { .privs = KT_P_RESTORE },
	  .sd = { .owner = S_SY, .dacl = { { KT_D, 0, S_ALICE, KT_VMW } } },
	  .desired = KT_VMW, .intent = KACS_RESTORE_INTENT,
	  .granted = KT_RESTORE_SET, .used = KT_P_RESTORE,
	  .spec = SPEC_STEP4 },
	{ "restore_grants_system_security", .subj = { .privs = KT_P_RESTORE },
	  .sd = { .owner = S_SY }, .desired = KT_ASS,
	  .intent = KACS_RESTORE_INTENT, .granted = KT_RESTORE_SET,
	  .used = KT_P_RESTORE,
	  .spec = SPEC_STEP4 },
	{ "system_security_never_from_dacl",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_WD, KT_ASS } } },
	  .desired = KT_ASS, .ret = -EACCES,
	  .spec = SPEC_STEP4 },
	{ "system_security_with_sesecurity",
	  .subj = { .privs = KT_P_SECURITY }, .sd = { .owner = S_SY },
	  .desired = KT_ASS, .granted = KT_ASS, .used = KT_P_SECURITY,
	  .spec = SPEC_STEP4 },
	{ "system_security_in_max",
	  .subj = { .privs = KT_P_SECURITY },
	  .sd = { .owner = S_SY, .dacl_mode = KT_DACL_NULL },
	  .desired = KT_MAX, .granted = KT_PALL | KT_ASS,
	  .spec = SPEC_STEP4 },
	{ "take_ownership", .subj = { .privs = KT_P_TAKE },
	  .sd = { .owner = S_SY }, .desired = KT_WO, .granted = KT_WO,
	  .used = KT_P_TAKE,
	  .spec = SPEC_STEP9 },
	{ "take_ownership_beats_deny", .subj = { .privs = KT_P_TAKE },
	  .sd = { .owner = S_SY, .dacl = { { KT_D, 0, S_ALICE, KT_WO } } },
	  .desired = KT_WO, .granted = KT_WO, .used = KT_P_TAKE,
	  .spec = SPEC_STEP9 },
	{ "take_ownership_blocked_by_mic",
	  .subj = { .il = KT_IL_LOW, .privs = KT_P_TAKE },
	  .sd = KT_SD_WD_ALL(), .desired = KT_WO, .ret = -EACCES,
	  .spec = SPEC_STEP9 },
	{ "take_ownership_not_enabled", .sd = { .owner = S_SY },
	  .desired = KT_WO, .ret = -EACCES,
	  .spec = SPEC_STEP9 },
	{ "take_ownership_max", .subj = { .privs = KT_P_TAKE },
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_WD, KT_QL } } },
	  .desired = KT_MAX, .granted = KT_QL | KT_WO, .used = 0,
	  .spec = SPEC_STEP9 },
	{ "take_ownership_unused_if_dacl_grants",
	  .subj = { .privs = KT_P_TAKE },
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_ALICE, KT_WO } } },
	  .desired = KT_WO, .granted = KT_WO,
	  .spec = SPEC_STEP13 },
	/* process trust label (object PIP) */
	{ "pip_non_dominant_limited", .sd = KT_SD_WD_ALL(KT_TL_QL),
	  .desired = KT_MAX, .granted = KT_QL,
	  .spec = SPEC_PIP },
	{ "pip_non_dominant_terminate", .sd = KT_SD_WD_ALL(KT_TL_QL),
	  .desired = KT_TERM, .ret = -EACCES,
	  .spec = SPEC_PIP },
	{ "pip_dominant",
	  .subj = { .pip_type = KACS_PIP_PROTECTED,
		    .pip_trust = KACS_PIP_TRUST_PEIOS_TCB },
	  .sd = KT_SD_WD_ALL(KT_TL_QL), .desired = KT_MAX,
	  .granted = KT_PALL,
	  .spec = SPEC_PIP },
	{ "pip_higher_type_dominates",
	  .subj = { .pip_type = KACS_PIP_ISOLATED,
		    .pip_trust = KACS_PIP_TRUST_PEIOS_TCB },
	  .sd = KT_SD_WD_ALL(KT_TL_QL), .desired = KT_TERM,
	  .granted = KT_TERM,
	  .spec = SPEC_PIP },
	{ "pip_trust_too_low",
	  .subj = { .pip_type = KACS_PIP_PROTECTED, .pip_trust = 4096 },
	  .sd = KT_SD_WD_ALL(KT_TL_QL), .desired = KT_MAX, .granted = KT_QL,
	  .spec = SPEC_PIP },
	{ "pip_type_too_low",
	  .subj = { .pip_trust = KACS_PIP_TRUST_PEIOS_TCB },
	  .sd = KT_SD_WD_ALL(KT_TL_QL), .desired = KT_MAX, .granted = KT_QL,
	  .spec = SPEC_PIP },
	{ "pip_strips_restore", .subj = { .privs = KT_P_RESTORE },
	  .sd = { .owner = S_SY, .sacl = { KT_TL_QL } }, .desired = KT_VMW,
	  .intent = KACS_RESTORE_INTENT, .ret = -EACCES,
	  .granted = KACS_DELETE,
	  .spec = SPEC_PIP },
	{ "pip_strips_take_ownership", .subj = { .privs = KT_P_TAKE },
	  .sd = { .owner = S_SY, .sacl = { KT_TL_QL } }, .desired = KT_WO,
	  .ret = -EACCES,
	  .spec = SPEC_PIP },
	{ "pip_strips_sesecurity", .subj = { .privs = KT_P_SECURITY },
	  .sd = { .owner = S_SY, .sacl = { KT_TL_QL } }, .desired = KT_ASS,
	  .ret = -EACCES,
	  .spec = SPEC_PIP },
	{ "pip_strips_owner_implicit",
	  .sd = { .owner = S_ALICE, .sacl = { KT_TL_QL } }, .desired = KT_RC,
	  .ret = -EACCES,
	  .spec = SPEC_PIP },
	{ "pip_mask_generic_mapped",
	  .sd = KT_SD_WD_ALL({ KT_TL, 0, S_TL_TCB, KT_GX_ }),
	  .desired = KT_TERM, .granted = KT_TERM,
	  .spec = SPEC_PIP },
	{ "pip_label_inherit_only_ignored",
	  .sd = KT_SD_WD_ALL({ KT_TL, KT_IO, S_TL_TCB, KT_QL }),
	  .desired = KT_TERM, .granted = KT_TERM,
	  .spec = SPEC_PIP },
	{ "pip_keeps_allowed_privilege", .subj = { .privs = KT_P_BACKUP },
	  .sd = { .owner = S_SY, .sacl = { { KT_TL, 0, S_TL_TCB, KT_GR } } },
	  .desired = KT_GR, .intent = KACS_BACKUP_INTENT, .granted = KT_PR,
	  .used = KT_P_BACKUP,
	  .spec = SPEC_PIP },
	/* PRINCIPAL SELF */
	{ "self_sid_substituted",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_PS, KT_QI } } },
	  .desired = KT_QI, .self = S_ALICE, .granted = KT_QI,
	  .spec = SPEC_ENRICH },
	{ "self_sid_absent_no_match",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_PS, KT_QI } } },
	  .desired = KT_QI, .ret = -EACCES,
	  .spec = SPEC_ENRICH },
	{ "self_sid_other_principal",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_PS, KT_QI } } },
	  .desired = KT_QI, .self = S_BOB, .ret = -EACCES,
	  .spec = SPEC_ENRICH },
	{ "self_sid_deny_only_no_allow",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_PS, KT_QI } } },
	  .desired = KT_QI, .self = S_GDENY, .ret = -EACCES,
	  .spec = SPEC_ENRICH },
	{ "self_sid_deny_only_denies",
	  .sd = { .owner = S_SY, .dacl = { { KT_D, 0, S_PS, KT_QI },
					   { KT_A, 0, S_WD, KT_QI } } },
	  .desired = KT_QI, .self = S_GDENY, .ret = -EACCES,
	  .spec = SPEC_ENRICH },
	/* restricted tokens */
	{ "restricted_needs_both_passes",
	  .subj = { .restricted = { S_WD } },
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_ALICE, KT_QI } } },
	  .desired = KT_QI, .ret = -EACCES, .granted = 0,
	  .spec = SPEC_RESTR },
	{ "restricted_both_match",
	  .subj = { .restricted = { S_ALICE } },
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_ALICE, KT_QI } } },
	  .desired = KT_QI, .granted = KT_QI,
	  .spec = SPEC_RESTR },
	{ "restricted_intersection_max",
	  .subj = { .restricted = { S_WD } },
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_ALICE, KT_GA },
					   { KT_A, 0, S_WD, KT_QL } } },
	  .desired = KT_MAX, .granted = KT_QL,
	  .spec = SPEC_RESTR },
	{ "restricted_presence_based",
	  .subj = { .restricted = { S_GOFF } },
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_WD, KT_QI },
					   { KT_A, 0, S_GOFF, KT_QI } } },
	  .desired = KT_QI, .granted = KT_QI,
	  .spec = SPEC_RESTR },
	{ "restricted_pass_deny",
	  .subj = { .restricted = { S_WD, S_GZ } },
	  .sd = { .owner = S_SY, .dacl = { { KT_D, 0, S_GZ, KT_QI },
					   { KT_A, 0, S_WD, KT_QI } } },
	  .desired = KT_QI, .ret = -EACCES,
	  .spec = SPEC_RESTR },
	{ "write_restricted_read_unaffected",
	  .subj = { .restricted = { S_GZ }, .write_restricted = true },
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_ALICE, KT_GA } } },
	  .desired = KT_QI, .granted = KT_QI,
	  .spec = SPEC_RESTR },
	{ "write_restricted_write_denied",
	  .subj = { .restricted = { S_GZ }, .write_restricted = true },
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_ALICE, KT_GA } } },
	  .desired = KT_VMW, .ret = -EACCES,
	  .spec = SPEC_RESTR },
	{ "write_restricted_max",
	  .subj = { .restricted = { S_GZ }, .write_restricted = true },
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_ALICE, KT_GA } } },
	  .desired = KT_MAX, .granted = KT_PALL & ~KT_PW,
	  .spec = SPEC_RESTR },
	{ "restricted_privilege_readded",
	  .subj = { .restricted = { S_WD }, .privs = KT_P_BACKUP },
	  .sd = { .owner = S_SY }, .desired = KT_GR,
	  .intent = KACS_BACKUP_INTENT, .granted = KT_PR,
	  .used = KT_P_BACKUP,
	  .spec = SPEC_RESTR },
	{ "restricted_owner_implicit",
	  .subj = { .restricted = { S_ALICE } }, .sd = { .owner = S_ALICE },
	  .desired = KT_RC, .granted = KT_RC,
	  .spec = SPEC_RESTR },
	{ "restricted_owner_not_restricting",
	  .subj = { .restricted = { S_WD } }, .sd = { .owner = S_ALICE },
	  .desired = KT_RC, .ret = -EACCES,
	  .spec = SPEC_RESTR },
	/* A6-A8: results as v0.20 defines them */
	{ "max_empty_dacl_succeeds_with_zero",
	  .sd = { .owner = S_SY, .group = S_BA }, .desired = KT_MAX,
	  .granted = 0, .spec = SPEC_NULLDACL " + " SPEC_MAX },
	{ "max_plus_specific_still_checked",
	  .sd = { .owner = S_SY }, .desired = KT_MAX | KT_QL,
	  .ret = -EACCES, .granted = 0, .spec = SPEC_MAX },
	{ "backup_grant_not_clipped_file",
	  .subj = { .privs = KT_P_BACKUP }, .sd = { .owner = S_SY },
	  .desired = KT_RC, .map = KT_MAP_FILE, .intent = KACS_BACKUP_INTENT,
	  .granted = KACS_FILE_GENERIC_READ, .used = KT_P_BACKUP,
	  .spec = SPEC_STEP4 "; " SPEC_DACL " (not filtered)" },
	{ "sesecurity_max_seeds_system_security",
	  .subj = { .privs = KT_P_SECURITY }, .sd = { .owner = S_SY },
	  .desired = KT_MAX, .granted = KT_ASS, .used = 0,
	  .spec = SPEC_STEP4 },
	{ "restore_max_seeds_restore_set",
	  .subj = { .privs = KT_P_RESTORE }, .sd = { .owner = S_SY },
	  .desired = KT_MAX, .intent = KACS_RESTORE_INTENT,
	  .granted = KT_RESTORE_SET, .used = 0, .spec = SPEC_STEP4 },
	{ "restore_write_keeps_metadata_rights_under_mic",
	  .subj = { .il = KT_IL_LOW, .privs = KT_P_RESTORE },
	  .sd = KT_SD_WD_ALL(), .desired = KT_PW,
	  .intent = KACS_RESTORE_INTENT, .granted = KT_RESTORE_SET,
	  .used = KT_P_RESTORE, .spec = SPEC_MIC " + " SPEC_STEP4 },
	{ "max_plus_specific_marks_only_requested",
	  .subj = { .privs = KT_P_BACKUP | KT_P_TAKE },
	  .sd = { .owner = S_SY }, .desired = KT_MAX | KT_QI,
	  .intent = KACS_BACKUP_INTENT, .granted = KT_PR | KT_WO,
	  .used = KT_P_BACKUP, .spec = SPEC_STEP13 },
	{ "privilege_used_on_partial_denial",
	  .subj = { .privs = KT_P_BACKUP }, .sd = { .owner = S_SY },
	  .desired = KT_QI | KT_TERM, .intent = KACS_BACKUP_INTENT,
	  .ret = -EACCES, .granted = KT_PR, .used = KT_P_BACKUP,
	  .spec = SPEC_STEP13 " (success_bits survive)" },
	{ "reserved_bits_in_desired", .sd = KT_SD_WD_ALL(),
	  .desired = KT_QL | KT_RSV, .ret = -EINVAL, .spec = SPEC_MASKS },
	{ "reserved_bit_21_in_desired", .sd = KT_SD_WD_ALL(),
	  .desired = KT_QL | 0x00200000, .ret = -EINVAL, .spec = SPEC_MASKS },
	{ "reserved_bit_27_in_max", .sd = KT_SD_WD_ALL(),
	  .desired = KT_MAX | 0x08000000, .ret = -EINVAL, .spec = SPEC_MASKS },
	{ "reserved_bits_in_unmatched_ace",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_WD, KT_QL },
					   { KT_A, 0, S_GZ, KT_RSV } } },
	  .desired = KT_QL, .ret = -EINVAL, .spec = SPEC_MASKS },
	{ "reserved_bit_in_deny_ace",
	  .sd = { .owner = S_SY, .dacl = { { KT_D, 0, S_GZ, 0x04000000 },
					   { KT_A, 0, S_WD, KT_QL } } },
	  .desired = KT_QL, .ret = -EINVAL, .spec = SPEC_MASKS },
	{ "reserved_bit_in_label_ace",
	  .sd = KT_SD_WD_ALL({ KT_ML, 0, S_IL_LOW,
			       KACS_NO_WRITE_UP | 0x00400000 }),
	  .desired = KT_QL, .ret = -EINVAL, .spec = SPEC_MASKS },
	{ "reserved_bit_in_trust_label_ace",
	  .sd = KT_SD_WD_ALL({ KT_TL, 0, S_TL_TCB, KT_QL | 0x00800000 }),
	  .desired = KT_QL, .ret = -EINVAL, .spec = SPEC_MASKS },
	{ "defined_high_bits_accepted",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_WD, KT_QL |
					     KACS_SYNCHRONIZE } } },
	  .desired = KT_QL, .granted = KT_QL, .spec = SPEC_MASKS },
	/* step 14: continuous audit from alarm ACEs */
	{ "alarm_ace_sets_continuous_audit",
	  .sd = KT_SD_WD_ALL({ KT_AL, 0, S_WD, 0x6 }),
	  .desired = KT_QL, .granted = KT_QL, .audit = 0x6,
	  .spec = SPEC_STEP14 },
	{ "alarm_ace_reported_on_denial",
	  .sd = { .owner = S_SY, .sacl = { { KT_AL, 0, S_ALICE, KT_TERM } } },
	  .desired = KT_TERM, .ret = -EACCES, .audit = KT_TERM,
	  .spec = SPEC_STEP14 },
	{ "alarm_aces_or_and_mapped",
	  .sd = KT_SD_WD_ALL({ KT_AL, 0, S_WD, KT_GR },
			     { KT_AL, 0, S_GDENY, KT_TERM },
			     { KT_AL, 0, S_GZ, KT_SIG }),
	  .desired = KT_QL, .granted = KT_QL, .audit = KT_PR | KT_TERM,
	  .spec = SPEC_STEP14 " (deny polarity)" },
	{ "alarm_ace_inherit_only_ignored",
	  .sd = KT_SD_WD_ALL({ KT_AL, KT_IO, S_WD, 0x6 }),
	  .desired = KT_QL, .granted = KT_QL, .audit = 0,
	  .spec = SPEC_STEP14 },
	{ "audit_ace_not_continuous",
	  .sd = KT_SD_WD_ALL({ KT_AU, 0, S_WD, 0x6 }),
	  .desired = KT_QL, .granted = KT_QL, .audit = 0,
	  .spec = SPEC_STEP14 },
	/* SeDebugPrivilege: DACL skipped, trust label kept (C3, Q32) */
	{ "debug_skips_dacl", .flags = KACS_AC_PIP_ONLY,
	  .sd = { .owner = S_SY, .dacl = { { KT_D, 0, S_ALICE, KT_GA } } },
	  .desired = KT_TERM, .granted = KT_PALL, .spec = SPEC_DEBUG },
	{ "debug_keeps_trust_label_mask", .flags = KACS_AC_PIP_ONLY,
	  .sd = KT_SD_WD_ALL(KT_TL_QL), .desired = KT_QL, .granted = KT_QL,
	  .spec = SPEC_DEBUG },
	{ "debug_cannot_pass_trust_label", .flags = KACS_AC_PIP_ONLY,
	  .sd = KT_SD_WD_ALL(KT_TL_QL), .desired = KT_TERM, .ret = -EACCES,
	  .granted = KT_QL, .spec = SPEC_DEBUG },
	{ "debug_dominant_caller", .flags = KACS_AC_PIP_ONLY,
	  .subj = { .pip_type = KACS_PIP_PROTECTED,
		    .pip_trust = KACS_PIP_TRUST_PEIOS_TCB },
	  .sd = { .owner = S_SY, .sacl = { KT_TL_QL } }, .desired = KT_TERM,
	  .granted = KT_PALL, .spec = SPEC_DEBUG },
	{ "debug_mic_label_not_applied", .flags = KACS_AC_PIP_ONLY,
	  .subj = { .il = KT_IL_LOW },
	  .sd = KT_SD_WD_ALL({ KT_ML, 0, S_IL_SYSTEM, KACS_NO_WRITE_UP }),
	  .desired = KT_VMW, .granted = KT_PALL, .spec = SPEC_DEBUG },
	{ "debug_no_owner_einval", .flags = KACS_AC_PIP_ONLY,
	  .sd = { .dacl = { { KT_A, 0, S_WD, KT_GA } } }, .desired = KT_QL,
	  .ret = -EINVAL, .spec = SPEC_STEP1 },
	{ "unknown_flag_einval", .flags = 0x2, .sd = KT_SD_WD_ALL(),
	  .desired = KT_QL, .ret = -EINVAL, .spec = SPEC_STEP1 },
	/* other generic mappings */
	{ "file_generic_read",
	  .sd = { .owner = S_SY,
		  .dacl = { { KT_A, 0, S_BU, KACS_FILE_GENERIC_READ } } },
	  .desired = KT_GR, .map = KT_MAP_FILE,
	  .granted = KACS_FILE_GENERIC_READ,
	  .spec = SPEC_STEP2 },
	{ "file_write_data_denied",
	  .sd = { .owner = S_SY,
		  .dacl = { { KT_A, 0, S_WD, KACS_FILE_GENERIC_READ } } },
	  .desired = KACS_FILE_WRITE_DATA, .map = KT_MAP_FILE,
	  .ret = -EACCES,
	  .spec = SPEC_STEP2 },
	{ "file_cgroup_template_creator",
	  .sd = { .owner = S_ALICE,
		  .dacl = { { KT_A, 0, S_ALICE, KT_GA },
			    { KT_A, 0, S_BA, KT_GA },
			    { KT_A, 0, S_SY, KT_GA },
			    { KT_A, 0, S_WD, KACS_FILE_GENERIC_READ } } },
	  .desired = KACS_FILE_WRITE_DATA, .map = KT_MAP_FILE,
	  .granted = KACS_FILE_WRITE_DATA,
	  .spec = SPEC_STEP2 },
	{ "file_cgroup_template_other",
	  .subj = { .user = S_BOB },
	  .sd = { .owner = S_ALICE,
		  .dacl = { { KT_A, 0, S_ALICE, KT_GA },
			    { KT_A, 0, S_BA, KT_GA },
			    { KT_A, 0, S_SY, KT_GA },
			    { KT_A, 0, S_WD, KACS_FILE_GENERIC_READ } } },
	  .desired = KACS_FILE_WRITE_DATA, .map = KT_MAP_FILE,
	  .ret = -EACCES,
	  .spec = SPEC_STEP2 },
	{ "token_generic_read",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_ALICE, KT_GR } } },
	  .desired = KACS_TOKEN_QUERY, .map = KT_MAP_TOKEN,
	  .granted = KACS_TOKEN_QUERY,
	  .spec = SPEC_TOKRIGHTS },
	{ "token_max_all_access",
	  .sd = { .owner = S_SY, .dacl = { { KT_A, 0, S_WD, KT_GA } } },
	  .desired = KT_MAX, .map = KT_MAP_TOKEN,
	  .granted = KACS_TOKEN_ALL_ACCESS,
	  .spec = SPEC_TOKRIGHTS },
};

/* ------------------------------------------------------------------ */
/* Security descriptor inputs: a base SD with one patch applied         */

/*
 * Spec clauses of the SD inputs: every input names the clause of Peios
 * KACS v0.20 it was derived from.  Where v0.20 is silent and the series
 * decides (Documentation/userspace-api/kacs.rst, "Security descriptor
 * wire format"), the input says so.
 */
#define SPEC_SD_STRUCT	"3-security-descriptors/1-structure.md"
#define SPEC_SD_FMT	SPEC_SD_STRUCT " Binary format"
#define SPEC_SD_RSV	SPEC_SD_STRUCT " Binary format (offset 1 reserved," \
			" not interpreted)"
#define SPEC_SD_CTRL	SPEC_SD_STRUCT " Control flags"
#define SPEC_SD_SR	SPEC_SD_CTRL " (SE_SELF_RELATIVE MUST be set)"
#define SPEC_SD_MAXLEN	SPEC_SD_CTRL " (65,535-byte maximum)"
#define SPEC_SD_PRESENT	SPEC_SD_CTRL " (SE_DACL_PRESENT, SE_SACL_PRESENT); " \
			SPEC_SD_STRUCT " Null DACL vs empty DACL"
#define SPEC_SD_NULLDACL SPEC_SD_STRUCT " Null DACL vs empty DACL"
#define SPEC_SD_LAYOUT	SPEC_SD_FMT "; v0.20 silent on offsets into the" \
			" header and overlaps: series rule (userspace-api" \
			" wire format)"
#define SPEC_SID_FMT	"2-sids/1-format.md Binary format"
#define SPEC_SID_STR	"2-sids/1-format.md String format"
#define SPEC_ACL_FMT	"3-security-descriptors/2-acl-format.md"
#define SPEC_ACL_PARSE	SPEC_ACL_FMT " Parsing rules"
#define SPEC_ACL_RSV	SPEC_ACL_FMT " Binary format (Sbz1, Sbz2 not" \
			" interpreted)"
#define SPEC_ACE_TYPES	"3-security-descriptors/4-ace-types.md"
#define SPEC_ACL_REV	SPEC_ACE_TYPES " ACL revision (revisions 2 and 4;" \
			" series accepts 2 to 4)"
#define SPEC_ACE_HDR	SPEC_ACE_TYPES " ACE header"
#define SPEC_ACE_SID	SPEC_ACE_TYPES " Single-SID ACE family"
#define SPEC_ACE_UNKNOWN SPEC_ACE_TYPES " ACL revision (unrecognized types)"
#define SPEC_LABEL_SID	SPEC_MIC " (the five label SIDs; any other is" \
			" malformed)"
#define SPEC_TRUST_SID	SPEC_PIP " Trust-label SID validity"
#define SPEC_DOMINANCE	"8-pip/1-process-protection.md The dominance check"

/* Default process SD of a SYSTEM process, digest section 9.2 (140 bytes) */
static const u8 kt_sd_default_sy[140] = {
	0x01, 0x00, 0x04, 0x80, 0x14, 0x00, 0x00, 0x00,
	0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x30, 0x00, 0x00, 0x00,
	/* owner S-1-5-18 @20 */
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x12, 0x00, 0x00, 0x00,
	/* group S-1-5-32-544 @32 */
	0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05,
	0x20, 0x00, 0x00, 0x00, 0x20, 0x02, 0x00, 0x00,
	/* DACL @48 */
	0x02, 0x00, 0x5c, 0x00, 0x04, 0x00, 0x00, 0x00,
	/* @56 A;GA;SY */
	0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x10,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x12, 0x00, 0x00, 0x00,
	/* @76 A;GA;BA */
	0x00, 0x00, 0x18, 0x00, 0x00, 0x00, 0x00, 0x10,
	0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05,
	0x20, 0x00, 0x00, 0x00, 0x20, 0x02, 0x00, 0x00,
	/* @100 A;GA;SY */
	0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x10,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x12, 0x00, 0x00, 0x00,
	/* @120 A;0x1000;WD */
	0x00, 0x00, 0x14, 0x00, 0x00, 0x10, 0x00, 0x00,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
};

/* Owner SY, no group, SACL (label Medium NW, trust label), DACL WD 0x1000 */
static const u8 kt_sd_labels[112] = {
	0x01, 0x00, 0x14, 0x80, 0x14, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00,
	0x54, 0x00, 0x00, 0x00,
	/* owner S-1-5-18 @20 */
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x12, 0x00, 0x00, 0x00,
	/* SACL @32 */
	0x02, 0x00, 0x34, 0x00, 0x02, 0x00, 0x00, 0x00,
	/* @40 ML;NW;S-1-16-8192 */
	0x11, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00, 0x00,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x20, 0x00, 0x00,
	/* @60 TL;0x1000;S-1-19-512-8192 */
	0x14, 0x00, 0x18, 0x00, 0x00, 0x10, 0x00, 0x00,
	0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x13,
	0x00, 0x02, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00,
	/* DACL @84 */
	0x02, 0x00, 0x1c, 0x00, 0x01, 0x00, 0x00, 0x00,
	/* @92 A;0x1000;WD */
	0x00, 0x00, 0x14, 0x00, 0x00, 0x10, 0x00, 0x00,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
};

enum kt_base {
	KT_BASE_DEFAULT,	/* kt_sd_default_sy */
	KT_BASE_LABELS,		/* kt_sd_labels */
};

#define KT_PATCH_MAX	20

/*
 * An SD input: the first @len bytes of the base (zero-padded if @len is
 * larger), with @n bytes at @off replaced by @patch.
 */
struct kt_sd_input {
	const char *name;
	u8 base;
	u32 len;
	u16 off;
	u8 n;
	u8 patch[KT_PATCH_MAX];
	const char *spec;	/* the v0.20 clause the input checks */
};

#define KT_A140(spec, name, off, ...)					\
	{ name, KT_BASE_DEFAULT, 140, off,				\
	  sizeof((u8[]){ __VA_ARGS__ }), { __VA_ARGS__ }, spec }
#define KT_B112(spec, name, off, ...)					\
	{ name, KT_BASE_LABELS, 112, off,				\
	  sizeof((u8[]){ __VA_ARGS__ }), { __VA_ARGS__ }, spec }
#define KT_TRUNC(spec, name, base, len)					\
	{ name, base, len, 0, 0, { 0 }, spec }

static const struct kt_sd_input kt_bad_sds[] = {
	/* length */
	KT_TRUNC(SPEC_SD_FMT, "empty", KT_BASE_DEFAULT, 0),
	KT_TRUNC(SPEC_SD_FMT, "short_header", KT_BASE_DEFAULT, 19),
	KT_TRUNC(SPEC_SD_FMT, "header_only", KT_BASE_DEFAULT, 20),
	KT_TRUNC(SPEC_SD_FMT, "truncated_owner", KT_BASE_DEFAULT, 31),
	KT_TRUNC(SPEC_SD_FMT, "truncated_group", KT_BASE_DEFAULT, 47),
	KT_TRUNC(SPEC_ACL_PARSE, "truncated_dacl_header", KT_BASE_DEFAULT, 55),
	KT_TRUNC(SPEC_ACL_PARSE, "truncated_last_ace", KT_BASE_DEFAULT, 139),
	KT_TRUNC(SPEC_ACL_PARSE, "truncated_sacl", KT_BASE_LABELS, 70),
	KT_TRUNC(SPEC_SD_MAXLEN, "over_65535_bytes", KT_BASE_DEFAULT, 65536),
	/* header */
	KT_A140(SPEC_SD_FMT, "revision_0", 0, 0x00),
	KT_A140(SPEC_SD_FMT, "revision_2", 0, 0x02),
	KT_A140(SPEC_SD_SR, "not_self_relative", 2, 0x04, 0x00),
	KT_A140(SPEC_SD_LAYOUT, "owner_offset_in_header", 4, 0x04, 0, 0, 0),
	KT_A140(SPEC_SD_LAYOUT, "owner_offset_19", 4, 0x13, 0, 0, 0),
	KT_A140(SPEC_SD_FMT, "owner_offset_at_end", 4, 0x8c, 0, 0, 0),
	KT_A140(SPEC_SD_FMT, "owner_offset_huge", 4, 0xf0, 0xff, 0xff, 0xff),
	KT_A140(SPEC_SD_FMT, "owner_offset_max", 4, 0xff, 0xff, 0xff, 0xff),
	KT_A140(SPEC_SD_LAYOUT, "group_offset_in_header", 8, 0x08, 0, 0, 0),
	KT_A140(SPEC_SD_FMT, "group_offset_past_end", 8, 0x90, 0, 0, 0),
	KT_A140(SPEC_SD_LAYOUT, "dacl_offset_in_header", 16, 0x10, 0, 0, 0),
	KT_A140(SPEC_SD_FMT, "dacl_offset_at_end", 16, 0x8c, 0, 0, 0),
	KT_A140(SPEC_ACL_PARSE, "dacl_header_overruns", 16, 0x88, 0, 0, 0),
	KT_A140(SPEC_SD_FMT, "dacl_offset_huge", 16, 0xfc, 0xff, 0xff, 0xff),
	KT_A140(SPEC_SD_PRESENT, "dacl_offset_without_present", 2, 0x00, 0x80),
	KT_A140(SPEC_SD_PRESENT, "sacl_offset_without_present", 12, 0x30, 0, 0, 0),
	/* SIDs */
	KT_A140(SPEC_SID_FMT, "owner_sid_revision_0", 20, 0x00),
	KT_A140(SPEC_SID_FMT, "owner_sid_revision_2", 20, 0x02),
	KT_A140(SPEC_SID_FMT, "owner_sid_16_subs", 21, 0x10),
	KT_A140(SPEC_SID_FMT, "owner_sid_255_subs", 21, 0xff),
	KT_A140(SPEC_SID_FMT, "group_sid_revision_0", 32, 0x00),
	KT_A140(SPEC_SID_FMT, "group_sid_16_subs", 33, 0x10),
	/* overlapping components */
	KT_A140(SPEC_SD_LAYOUT, "owner_sid_grows_into_group", 21, 0x0f),
	KT_A140(SPEC_SD_LAYOUT, "group_same_as_owner", 8, 0x14, 0, 0, 0),
	KT_A140(SPEC_SD_LAYOUT, "group_inside_dacl", 8, 0x40, 0, 0, 0),
	KT_A140(SPEC_SD_LAYOUT, "sacl_same_as_dacl", 2, 0x14, 0x80, 0x14, 0, 0, 0,
		0x20, 0, 0, 0, 0x30, 0, 0, 0),
	KT_A140(SPEC_SD_LAYOUT, "owner_inside_dacl", 4, 0x54, 0, 0, 0),
	/* ACL header */
	KT_A140(SPEC_ACL_REV, "acl_revision_0", 48, 0x00),
	KT_A140(SPEC_ACL_REV, "acl_revision_1", 48, 0x01),
	KT_A140(SPEC_ACL_REV, "acl_revision_5", 48, 0x05),
	KT_A140(SPEC_ACL_PARSE, "acl_size_0", 50, 0x00, 0x00),
	KT_A140(SPEC_ACL_PARSE, "acl_size_4", 50, 0x04, 0x00),
	KT_A140(SPEC_ACL_PARSE, "acl_size_overruns_buffer", 50, 0x60, 0x00),
	KT_A140(SPEC_ACL_PARSE, "acl_size_cuts_last_ace", 50, 0x58, 0x00),
	KT_A140(SPEC_ACL_PARSE, "acl_trailing_bytes", 52, 0x03, 0x00),
	KT_A140(SPEC_ACL_PARSE, "acl_count_too_big", 52, 0x05, 0x00),
	KT_A140(SPEC_ACL_PARSE, "acl_count_0_with_aces", 52, 0x00, 0x00),
	KT_A140(SPEC_ACL_PARSE, "acl_count_65535", 52, 0xff, 0xff),
	/* ACEs */
	KT_A140(SPEC_ACE_HDR, "ace_size_0", 58, 0x00, 0x00),
	KT_A140(SPEC_ACE_HDR, "ace_size_2", 58, 0x02, 0x00),
	KT_A140(SPEC_ACE_HDR, "ace_size_unaligned", 58, 0x15, 0x00),
	KT_A140(SPEC_ACE_SID, "ace_size_12_known_type", 58, 0x0c, 0x00),
	KT_A140(SPEC_ACL_PARSE, "ace_size_past_acl", 58, 0x60, 0x00),
	KT_A140(SPEC_ACE_SID, "ace_sid_does_not_fill", 58, 0x18, 0x00),
	KT_A140(SPEC_ACE_SID, "ace_sid_overruns_ace", 65, 0x02),
	KT_A140(SPEC_ACE_SID, "ace_sid_shorter_than_ace", 65, 0x00),
	KT_A140(SPEC_SID_FMT, "ace_sid_revision_0", 64, 0x00),
	KT_A140(SPEC_SID_FMT, "ace_sid_16_subs", 65, 0x10),
	KT_A140(SPEC_ACE_SID, "last_ace_sid_overruns", 129, 0x02),
	KT_A140(SPEC_ACE_UNKNOWN, "unknown_ace_unaligned", 56, 0x30, 0x00, 0x13, 0x00),
	KT_A140(SPEC_ACE_HDR, "unknown_ace_size_0", 56, 0x30, 0x00, 0x00, 0x00),
	KT_A140(SPEC_ACE_SID, "alarm_ace_short", 56, 0x03, 0x00, 0x0c, 0x00),
	KT_A140(SPEC_ACE_SID, "deny_ace_short", 56, 0x01, 0x00, 0x08, 0x00),
	/* label and trust-label ACEs */
	KT_B112(SPEC_LABEL_SID, "label_rid_8193", 56, 0x01, 0x20, 0x00, 0x00),
	KT_B112(SPEC_LABEL_SID, "label_rid_20480", 56, 0x00, 0x50, 0x00, 0x00),
	KT_B112(SPEC_LABEL_SID, "label_authority_15", 55, 0x0f),
	KT_B112(SPEC_LABEL_SID, "label_authority_5", 55, 0x05),
	KT_B112(SPEC_LABEL_SID, "label_two_subs", 49, 0x02),
	KT_B112(SPEC_ACE_SID, "label_ace_short", 42, 0x0c, 0x00),
	KT_B112(SPEC_LABEL_SID, "label_in_dacl_bad_sid", 92, 0x11),
	KT_B112(SPEC_TRUST_SID, "trust_authority_18", 75, 0x12),
	KT_B112(SPEC_TRUST_SID, "trust_authority_high_bytes", 70, 0x01),
	KT_B112(SPEC_TRUST_SID, "trust_one_sub", 69, 0x01),
	KT_B112(SPEC_TRUST_SID, "trust_three_subs", 69, 0x03),
	KT_B112(SPEC_ACL_REV, "sacl_revision_9", 32, 0x09),
	KT_B112(SPEC_ACL_PARSE, "sacl_trailing_bytes", 36, 0x01, 0x00),
	KT_B112(SPEC_SD_LAYOUT, "sacl_offset_in_header", 12, 0x0c, 0, 0, 0),
	KT_B112(SPEC_SD_PRESENT, "sacl_without_present", 2, 0x04, 0x80),
};

static const struct kt_sd_input kt_good_sds[] = {
	KT_TRUNC(SPEC_PSD, "default_sd", KT_BASE_DEFAULT, 140),
	KT_TRUNC(SPEC_SD_FMT, "labels_sd", KT_BASE_LABELS, 112),
	KT_TRUNC(SPEC_SD_FMT, "trailing_bytes", KT_BASE_DEFAULT, 200),
	KT_TRUNC(SPEC_SD_MAXLEN, "max_length", KT_BASE_DEFAULT, 65535),
	KT_A140(SPEC_SD_RSV, "rm_control_valid", 1, 0x5a, 0x04, 0xc0),
	KT_A140(SPEC_SD_NULLDACL, "null_dacl", 16, 0, 0, 0, 0),
	KT_A140(SPEC_SD_NULLDACL, "no_dacl", 2, 0x00, 0x80, 0x14, 0, 0, 0, 0x20, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0),
	KT_A140(SPEC_SD_FMT, "no_owner", 4, 0, 0, 0, 0),
	KT_A140(SPEC_SD_FMT, "no_group", 8, 0, 0, 0, 0),
	KT_A140(SPEC_SD_FMT, "nothing", 2, 0x00, 0x80, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0),
	KT_A140(SPEC_ACL_REV, "acl_revision_4", 48, 0x04),
	KT_A140(SPEC_SD_NULLDACL, "empty_dacl", 50, 0x08, 0x00, 0x00, 0x00),
	KT_A140(SPEC_ACE_UNKNOWN, "unknown_ace_type", 56, 0x09),
	KT_A140(SPEC_ACE_HDR, "ace_inherit_flags", 57, 0x1f),
	KT_A140(SPEC_SD_CTRL, "all_control_bits", 2, 0xff, 0xbf),
	KT_A140(SPEC_SID_FMT, "owner_sid_0_subs_gap", 21, 0x00),
	KT_B112(SPEC_LABEL_SID, "label_untrusted", 56, 0x00, 0x00, 0x00, 0x00),
	KT_B112(SPEC_LABEL_SID, "label_system", 56, 0x00, 0x40, 0x00, 0x00),
	KT_B112(SPEC_TRUST_SID, "trust_0_0", 76, 0, 0, 0, 0, 0, 0, 0, 0),
	KT_B112(SPEC_SD_PRESENT, "sacl_present_flag_offset_0", 12, 0, 0, 0, 0),
	KT_B112(SPEC_SD_FMT, "dacl_before_sacl", 12, 0x54, 0, 0, 0, 0x20, 0, 0, 0),
	/*
	 * The reserved bytes are "preserved for compatibility but not
	 * interpreted by KACS" (the SD's Sbz1 unless SE_RM_CONTROL_VALID,
	 * the ACL's Sbz1 and Sbz2): an SD is not malformed for them.
	 */
	KT_A140(SPEC_SD_RSV, "sbz1_set_without_rm_control", 1, 0x01),
	KT_A140(SPEC_ACL_RSV, "acl_sbz1_set", 49, 0x01),
	KT_A140(SPEC_ACL_RSV, "acl_sbz2_set", 54, 0x01),
	KT_B112(SPEC_SD_RSV, "labels_sbz1_without_rm_control", 1, 0x80),
};

/* Allocate the bytes of @in; *len receives the length.  NULL on ENOMEM. */
static inline u8 *kt_sd_input_bytes(const struct kt_sd_input *in, size_t *len)
{
	const u8 *base = in->base == KT_BASE_LABELS ? kt_sd_labels :
						       kt_sd_default_sy;
	size_t blen = in->base == KT_BASE_LABELS ? sizeof(kt_sd_labels) :
						    sizeof(kt_sd_default_sy);
	u8 *buf = kzalloc(in->len + 1, GFP_KERNEL);

	if (!buf)
		return NULL;
	memcpy(buf, base, in->len < blen ? in->len : blen);
	if (in->n && (size_t)in->off + in->n <= in->len)
		memcpy(buf + in->off, in->patch, in->n);
	*len = in->len;
	return buf;
}

/* ------------------------------------------------------------------ */
/* SID strings and binary vectors                                       */

/*
 * 2-sids/1-format.md String format, canonical forms: S-1-, the authority
 * in decimal when its upper two bytes are zero and else as 0x and twelve
 * lowercase hex digits, then 0 to 15 decimal sub-authorities.
 */
static const char *const kt_sid_strings[] = {
	/* 2-sids/2-well-known.md SIDs */
	"S-1-5-18",
	"S-1-5-32-544",
	"S-1-1-0",
	"S-1-0-0",
	/* zero sub-authorities */
	"S-1-5",
	"S-1-0",
	"S-1-16-12288",
	"S-1-19-512-8192",
	"S-1-5-5-0-47291",
	/* sub-authorities are 32-bit */
	"S-1-5-21-4294967295-1-2-1001",
	/* the largest decimal authority (upper two bytes zero) */
	"S-1-4294967295-1",
	/* the smallest and other hex authorities */
	"S-1-0x000100000000-7",
	"S-1-0x010000000000-1-2",
	"S-1-0xffffffffffff",
	"S-1-0xabcdef012345-0",
	/* 15 sub-authorities, the maximum */
	"S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15",
	"S-1-5-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295",
	"S-1-0xffffffffffff-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295",
};

/* Each violates 2-sids/1-format.md String format as noted. */
static const char *const kt_bad_sid_strings[] = {
	/* the S-1-{authority} prefix is required */
	"",
	"S",
	"S-",
	"S-1",
	"S-1-",
	"s-1-5-18",	/* S is a literal prefix */
	"S-2-5-18",	/* revision is 1 */
	"S-0-5-18",
	"S-01-5-18",
	/* empty or non-canonical decimal fields */
	"S-1-5-",
	"S-1--5",
	"S-1-5--18",
	"S-1-5-18-",
	"S-1-05-18",
	"S-1-5-018",
	/* a sub-authority above 32 bits */
	"S-1-5-4294967296",
	"S-1-5-99999999999",
	/* a decimal authority is the lower 4 bytes only */
	"S-1-4294967296-1",
	/* hex authority: 0x and exactly 12 lowercase digits, upper 2 bytes set */
	"S-1-0x",
	"S-1-0x1",
	"S-1-0x00000000000",
	"S-1-0x0000000000005",
	"S-1-0x000000000005",
	"S-1-0x00000000ffff",
	"S-1-0xFFFFFFFFFFFF",
	"S-1-0x01000000000g",
	"S-1-0X010000000000",
	/* decimal digits only, nothing around the SID */
	"S-1-5-+1",
	"S-1-5--1",
	"S-1-5- 1",
	"S-1-5-1a",
	" S-1-5-18",
	"S-1-5-18 ",
	"S-1-5-18\n",
	/* at most 15 sub-authorities */
	"S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16",
};

struct kt_sid_bin {
	const char *str;
	u8 len;
	u8 bytes[KACS_SID_MAX_LEN];
	const char *spec;
};

/* 2-sids/1-format.md: the string form and the wire form of one SID. */
#define SPEC_SID_BOTH	SPEC_SID_FMT " and String format"

static const struct kt_sid_bin kt_sid_bins[] = {
	{ "S-1-5-18", 12, { 1, 1, 0, 0, 0, 0, 0, 5, 0x12, 0, 0, 0 },
	  SPEC_SID_BOTH },
	{ "S-1-5-32-544", 16, { 1, 2, 0, 0, 0, 0, 0, 5,
				0x20, 0, 0, 0, 0x20, 0x02, 0, 0 },
	  SPEC_SID_BOTH },
	{ "S-1-1-0", 12, { 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 },
	  SPEC_SID_BOTH },
	/* zero sub-authorities: the 8-byte minimum */
	{ "S-1-5", 8, { 1, 0, 0, 0, 0, 0, 0, 5 }, SPEC_SID_BOTH },
	/* big-endian authority in hex, little-endian sub-authority */
	{ "S-1-0x010203040506-16909060", 12,
	  { 1, 1, 1, 2, 3, 4, 5, 6, 4, 3, 2, 1 }, SPEC_SID_BOTH },
	{ "S-1-19-512-8192", 16, { 1, 2, 0, 0, 0, 0, 0, 19,
				   0, 2, 0, 0, 0, 0x20, 0, 0 },
	  SPEC_SID_BOTH },
};

struct kt_bad_sid_bin {
	const char *name;
	u8 len;
	u8 bytes[12];
	const char *spec;
};

/* Each violates 2-sids/1-format.md Binary format. */
static const struct kt_bad_sid_bin kt_bad_sid_bins[] = {
	/* shorter than the 8-byte minimum */
	{ "empty", 0, { 0 }, SPEC_SID_FMT },
	{ "short_header", 7, { 1, 0, 0, 0, 0, 0, 0 }, SPEC_SID_FMT },
	/* Revision MUST be 1 */
	{ "revision_0", 8, { 0, 0, 0, 0, 0, 0, 0, 5 }, SPEC_SID_FMT },
	{ "revision_2", 8, { 2, 0, 0, 0, 0, 0, 0, 5 }, SPEC_SID_FMT },
	/* SubAuthorityCount between 0 and 15 */
	{ "16_subs", 12, { 1, 16, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4 },
	  SPEC_SID_FMT },
	/* size is 8 + 4 * SubAuthorityCount */
	{ "truncated_sub", 11, { 1, 1, 0, 0, 0, 0, 0, 5, 0x12, 0, 0 },
	  SPEC_SID_FMT },
	{ "missing_second_sub", 12, { 1, 2, 0, 0, 0, 0, 0, 5, 0x20, 0, 0, 0 },
	  SPEC_SID_FMT },
};

/* ------------------------------------------------------------------ */
/* PIP dominance                                                        */

struct kt_pip_case {
	u32 ct, ctr, tt, ttr;
	bool dominates;
	const char *spec;
};

/* pip_dominates() of 8-pip/1-process-protection.md, case by case. */
#define KT_PIP(ct, ctr, tt, ttr, dom)					\
	{ ct, ctr, tt, ttr, dom, SPEC_DOMINANCE }

static const struct kt_pip_case kt_pip_cases[] = {
	/* target type None: any caller dominates, whatever the trust */
	KT_PIP(0, 0, 0, 0, true),
	KT_PIP(0, 0, 0, 8192, true),
	KT_PIP(512, 8192, 0, 0, true),
	/* otherwise type >= and trust >= */
	KT_PIP(0, 0, 512, 8192, false),
	KT_PIP(512, 8192, 512, 8192, true),
	KT_PIP(512, 4096, 512, 8192, false),
	KT_PIP(512, 8192, 512, 4096, true),
	KT_PIP(1024, 8192, 512, 8192, true),
	KT_PIP(512, 8192, 1024, 8192, false),
	KT_PIP(1024, 1024, 512, 2048, false),
	KT_PIP(1024, 8192, 1024, 8192, true),
	KT_PIP(0, 8192, 512, 1024, false),
	KT_PIP(512, 0, 512, 0, true),
	/* numeric comparison, not a closed enum */
	KT_PIP(511, 0xffffffff, 512, 0, false),
	KT_PIP(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, true),
};

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

static inline const struct kacs_generic_mapping *kt_mapping(u8 map)
{
	if (map == KT_MAP_FILE)
		return &kacs_file_mapping;
	if (map == KT_MAP_TOKEN)
		return &kacs_token_mapping;
	return &kacs_process_mapping;
}

static inline size_t kt_encode_acl(const struct kt_ace *aces,
				   unsigned int max, u8 *buf, size_t pos)
{
	size_t start = pos, size;
	unsigned int i;
	u16 count = 0;

	pos += KACS_ACL_HDR_LEN;
	for (i = 0; i < max && aces[i].sid != S_NONE; i++) {
		const struct kacs_sid *sid = &kt_sids[aces[i].sid];

		buf[pos] = aces[i].type;
		buf[pos + 1] = aces[i].flags;
		put_unaligned_le16((u16)(8 + kacs_sid_len(sid)), buf + pos + 2);
		put_unaligned_le32(aces[i].mask, buf + pos + 4);
		pos += 8;
		pos += kacs_sid_write(sid, buf + pos);
		count++;
	}
	size = pos - start;
	buf[start] = KACS_ACL_REVISION;
	buf[start + 1] = 0;
	put_unaligned_le16((u16)size, buf + start + 2);
	put_unaligned_le16(count, buf + start + 4);
	put_unaligned_le16(0, buf + start + 6);
	return pos;
}

/* Encode @d into @buf (KT_SD_BUF bytes); returns the length. */
static inline size_t kt_encode_sd(const struct kt_sd *d, u8 *buf)
{
	u32 owner = 0, group = 0, sacl = 0, dacl = 0;
	u16 control = KACS_SE_SELF_RELATIVE;
	size_t pos = KACS_SD_HDR_LEN;

	memset(buf, 0, KT_SD_BUF);
	if (d->owner != S_NONE) {
		owner = pos;
		pos += kacs_sid_write(&kt_sids[d->owner], buf + pos);
	}
	if (d->group != S_NONE) {
		group = pos;
		pos += kacs_sid_write(&kt_sids[d->group], buf + pos);
	}
	if (d->sacl[0].sid != S_NONE) {
		control |= KACS_SE_SACL_PRESENT;
		sacl = pos;
		pos = kt_encode_acl(d->sacl, KT_MAX_SACL, buf, pos);
	}
	if (d->dacl_mode == KT_DACL_ACL) {
		control |= KACS_SE_DACL_PRESENT;
		dacl = pos;
		pos = kt_encode_acl(d->dacl, KT_MAX_DACL, buf, pos);
	} else if (d->dacl_mode == KT_DACL_NULL) {
		control |= KACS_SE_DACL_PRESENT;
	}
	buf[0] = 1;
	put_unaligned_le16(control, buf + 2);
	put_unaligned_le32(owner, buf + 4);
	put_unaligned_le32(group, buf + 8);
	put_unaligned_le32(sacl, buf + 12);
	put_unaligned_le32(dacl, buf + 16);
	return pos;
}

struct kt_work {
	u8 sdbuf[KT_SD_BUF];
	struct kacs_sid_attr groups[KT_MAX_GROUPS];
	struct kacs_sid_attr restricted[KT_MAX_RESTRICTED];
	struct kacs_subject subj;
	struct kacs_sd sd;
};

static inline void kt_make_subject(const struct kt_subj *s,
				   struct kt_work *w)
{
	const struct kt_gent *set = kt_gsets[s->groups];
	struct kacs_subject *subj = &w->subj;
	unsigned int i;

	memset(subj, 0, sizeof(*subj));
	subj->user = &kt_sids[s->user == S_NONE ? S_ALICE : s->user];
	subj->user_deny_only = s->user_deny_only;
	for (i = 0; i < KT_MAX_GROUPS && set[i].sid != S_NONE; i++) {
		w->groups[i].sid = kt_sids[set[i].sid];
		w->groups[i].attrs = set[i].attrs;
	}
	subj->groups = w->groups;
	subj->ngroups = i;
	for (i = 0; i < KT_MAX_RESTRICTED && s->restricted[i] != S_NONE; i++) {
		w->restricted[i].sid = kt_sids[s->restricted[i]];
		w->restricted[i].attrs = 0;
	}
	subj->restricted = w->restricted;
	subj->nrestricted = i;
	subj->write_restricted = s->write_restricted;
	subj->privs_enabled = s->privs;
	subj->integrity_rid = kt_il_rid[s->il];
	subj->mandatory_policy = s->no_policy ? 0 : KACS_POLICY_NO_WRITE_UP;
	subj->token_type = s->level == KT_LV_PRIMARY ? KACS_TOKEN_PRIMARY :
						       KACS_TOKEN_IMPERSONATION;
	switch (s->level) {
	case KT_LV_IDENT:
		subj->imp_level = KACS_LEVEL_IDENTIFICATION;
		break;
	case KT_LV_IMP:
		subj->imp_level = KACS_LEVEL_IMPERSONATION;
		break;
	default:
		subj->imp_level = KACS_LEVEL_ANONYMOUS;
		break;
	}
	subj->pip_type = s->pip_type;
	subj->pip_trust = s->pip_trust;
}

/* ------------------------------------------------------------------ */
/* Shared test bodies                                                   */

static inline void kt_check_access_case(void *ctx,
					const struct kt_access_case *c)
{
	struct kacs_access_result res = { 0xdeadbeef, 0xdeadbeef, 0xdeadbeef };
	struct kt_work *w = kzalloc(sizeof(*w), GFP_KERNEL);
	size_t len;
	int ret;

	KT_EXPECT_TRUE(ctx, "alloc", w);
	KT_EXPECT_TRUE(ctx, "case cites a v0.20 clause", c->spec && *c->spec);
	if (!w)
		return;
	len = kt_encode_sd(&c->sd, w->sdbuf);
	ret = kacs_sd_parse(&w->sd, w->sdbuf, len);
	KT_EXPECT_EQ(ctx, "test SD parses", ret, 0);
	if (!ret) {
		kt_make_subject(&c->subj, w);
		ret = kacs_access_check_flags(&w->subj, &w->sd, c->desired,
					      kt_mapping(c->map),
					      c->self ? &kt_sids[c->self] :
							NULL,
					      c->intent, c->flags, &res);
		KT_EXPECT_EQ(ctx, "return value", ret, c->ret);
		KT_EXPECT_EQ(ctx, "granted", res.granted, c->granted);
		KT_EXPECT_EQ(ctx, "privs_used", res.privs_used, c->used);
		KT_EXPECT_EQ(ctx, "continuous audit", res.continuous_audit,
			     c->audit);
	}
	kfree(w);
}

static inline void kt_check_bad_sd(void *ctx, const struct kt_sd_input *in)
{
	struct kacs_sd sd, pattern;
	size_t len = 0;
	u8 *buf = kt_sd_input_bytes(in, &len);

	KT_EXPECT_TRUE(ctx, "alloc", buf);
	KT_EXPECT_TRUE(ctx, "input cites a v0.20 clause", in->spec && *in->spec);
	if (!buf)
		return;
	memset(&sd, 0xa5, sizeof(sd));
	memset(&pattern, 0xa5, sizeof(pattern));
	KT_EXPECT_EQ(ctx, "parse rejects", kacs_sd_parse(&sd, buf, len),
		     -EINVAL);
	KT_EXPECT_TRUE(ctx, "output untouched",
		       !memcmp(&sd, &pattern, sizeof(sd)));
	kfree(buf);
}

static inline void kt_check_good_sd(void *ctx, const struct kt_sd_input *in)
{
	char *text = kmalloc(1024, GFP_KERNEL);
	struct kacs_sd sd, sd2;
	size_t len = 0, len2 = 0;
	u8 *buf = kt_sd_input_bytes(in, &len), *copy = NULL;
	int ret;

	KT_EXPECT_TRUE(ctx, "alloc", buf && text);
	KT_EXPECT_TRUE(ctx, "input cites a v0.20 clause", in->spec && *in->spec);
	if (!buf || !text)
		goto out;
	ret = kacs_sd_parse(&sd, buf, len);
	KT_EXPECT_EQ(ctx, "parse accepts", ret, 0);
	if (ret)
		goto out;
	KT_EXPECT_TRUE(ctx, "view", sd.buf == buf && sd.len == len);
	KT_EXPECT_TRUE(ctx, "sddl renders",
		       kacs_sd_to_sddl(&sd, text, 1024) >= 0);
	/* Re-serialising everything yields an equivalent SD. */
	ret = kacs_sd_select(&sd, KACS_ALL_SECURITY_INFORMATION, &copy, &len2,
			     GFP_KERNEL);
	KT_EXPECT_EQ(ctx, "select all", ret, 0);
	if (ret)
		goto out;
	ret = kacs_sd_parse(&sd2, copy, len2);
	KT_EXPECT_EQ(ctx, "copy parses", ret, 0);
	if (ret)
		goto out;
	KT_EXPECT_EQ(ctx, "owner kept", sd2.has_owner, sd.has_owner);
	KT_EXPECT_EQ(ctx, "group kept", sd2.has_group, sd.has_group);
	KT_EXPECT_EQ(ctx, "dacl kept", sd2.has_dacl, sd.has_dacl);
	KT_EXPECT_EQ(ctx, "sacl kept", sd2.has_sacl, sd.has_sacl);
	KT_EXPECT_EQ(ctx, "dacl present bit",
		     sd2.control & KACS_SE_DACL_PRESENT,
		     sd.control & KACS_SE_DACL_PRESENT);
	if (sd.has_owner)
		KT_EXPECT_TRUE(ctx, "owner equal",
			       kacs_sid_equal(&sd.owner, &sd2.owner));
	if (sd.has_dacl)
		KT_EXPECT_TRUE(ctx, "dacl bytes equal",
			       sd.dacl.size == sd2.dacl.size &&
			       !memcmp(sd.dacl.buf, sd2.dacl.buf,
				       sd.dacl.size));
	if (sd.has_sacl)
		KT_EXPECT_TRUE(ctx, "sacl bytes equal",
			       sd.sacl.size == sd2.sacl.size &&
			       !memcmp(sd.sacl.buf, sd2.sacl.buf,
				       sd.sacl.size));
out:
	kfree(copy);
	kfree(buf);
	kfree(text);
}

static inline void kt_check_sid_string(void *ctx, const char *str)
{
	struct kacs_sid sid, sid2;
	char out[KACS_SID_STR_MAX];
	u8 bin[KACS_SID_MAX_LEN];
	size_t n, used = 0;
	int ret;

	ret = kacs_sid_from_string(&sid, str);
	KT_EXPECT_EQ(ctx, "from_string", ret, 0);
	if (ret)
		return;
	ret = kacs_sid_to_string(&sid, out, sizeof(out));
	KT_EXPECT_EQ(ctx, "to_string length", ret, (int)strlen(str));
	KT_EXPECT_TRUE(ctx, "string round trip", !strcmp(out, str));
	n = kacs_sid_write(&sid, bin);
	KT_EXPECT_EQ(ctx, "wire length", n, kacs_sid_len(&sid));
	KT_EXPECT_EQ(ctx, "parse wire", kacs_sid_parse(&sid2, bin, n, &used),
		     0);
	KT_EXPECT_EQ(ctx, "used", used, n);
	KT_EXPECT_TRUE(ctx, "binary round trip", kacs_sid_equal(&sid, &sid2));
	/* exact-size buffer fits, one byte less does not */
	KT_EXPECT_EQ(ctx, "exact buffer",
		     kacs_sid_to_string(&sid, out, strlen(str) + 1),
		     (int)strlen(str));
	KT_EXPECT_EQ(ctx, "short buffer",
		     kacs_sid_to_string(&sid, out, strlen(str)), -ENOSPC);
}

static inline void kt_check_bad_sid_string(void *ctx, const char *str)
{
	struct kacs_sid sid, pattern;

	memset(&sid, 0x5a, sizeof(sid));
	memset(&pattern, 0x5a, sizeof(pattern));
	KT_EXPECT_EQ(ctx, "from_string rejects",
		     kacs_sid_from_string(&sid, str), -EINVAL);
	KT_EXPECT_TRUE(ctx, "output untouched",
		       !memcmp(&sid, &pattern, sizeof(sid)));
}

static inline void kt_check_sid_bin(void *ctx, const struct kt_sid_bin *b)
{
	struct kacs_sid sid, sid2;
	char out[KACS_SID_STR_MAX];
	u8 bin[KACS_SID_MAX_LEN];
	size_t used = 0;

	KT_EXPECT_TRUE(ctx, "vector cites a v0.20 clause", b->spec && *b->spec);
	KT_EXPECT_EQ(ctx, "from_string", kacs_sid_from_string(&sid, b->str),
		     0);
	KT_EXPECT_EQ(ctx, "write", kacs_sid_write(&sid, bin), b->len);
	KT_EXPECT_TRUE(ctx, "wire bytes", !memcmp(bin, b->bytes, b->len));
	KT_EXPECT_EQ(ctx, "parse",
		     kacs_sid_parse(&sid2, b->bytes, b->len, &used), 0);
	KT_EXPECT_EQ(ctx, "used", used, b->len);
	KT_EXPECT_TRUE(ctx, "equal", kacs_sid_equal(&sid, &sid2));
	KT_EXPECT_TRUE(ctx, "to_string",
		       kacs_sid_to_string(&sid2, out, sizeof(out)) > 0 &&
		       !strcmp(out, b->str));
	/* a longer buffer is fine, only the SID is consumed */
	KT_EXPECT_EQ(ctx, "parse longer",
		     kacs_sid_parse(&sid2, b->bytes, sizeof(b->bytes), &used),
		     0);
	KT_EXPECT_EQ(ctx, "used longer", used, b->len);
}

static inline void kt_check_bad_sid_bin(void *ctx,
					const struct kt_bad_sid_bin *b)
{
	struct kacs_sid sid, pattern;
	size_t used = 77;

	KT_EXPECT_TRUE(ctx, "vector cites a v0.20 clause", b->spec && *b->spec);
	memset(&sid, 0x5a, sizeof(sid));
	memset(&pattern, 0x5a, sizeof(pattern));
	KT_EXPECT_EQ(ctx, "parse rejects",
		     kacs_sid_parse(&sid, b->bytes, b->len, &used), -EINVAL);
	KT_EXPECT_TRUE(ctx, "output untouched",
		       !memcmp(&sid, &pattern, sizeof(sid)) && used == 77);
}

/*
 * Well-known SIDs (2-sids/2-well-known.md), integrity SIDs S-1-16-<rid>
 * (10-access-check/3-integrity.md) and the logon SID S-1-5-5-X-Y of a
 * session (13-appendix-a/5-boot.md), equality by bytes (2-sids/1-format.md
 * Comparison).
 */
static inline void kt_check_sid_helpers(void *ctx)
{
	struct kacs_sid sid;
	char out[KACS_SID_STR_MAX];
	u32 rid = 0;

	kacs_sid_integrity(&sid, KACS_INTEGRITY_HIGH);
	KT_EXPECT_TRUE(ctx, "integrity sid",
		       kacs_sid_equal(&sid, &kt_sids[S_IL_HIGH]));
	KT_EXPECT_TRUE(ctx, "is_integrity",
		       kacs_sid_is_integrity(&sid, &rid) &&
		       rid == KACS_INTEGRITY_HIGH);
	KT_EXPECT_TRUE(ctx, "not integrity",
		       !kacs_sid_is_integrity(&kacs_sid_system, NULL));
	kacs_sid_logon(&sid, 0x0000000100000002ULL);
	KT_EXPECT_TRUE(ctx, "logon sid",
		       kacs_sid_to_string(&sid, out, sizeof(out)) > 0 &&
		       !strcmp(out, "S-1-5-5-1-2"));
	KT_EXPECT_TRUE(ctx, "system", kacs_sid_equal(&kacs_sid_system,
						     &kt_sids[S_SY]));
	KT_EXPECT_TRUE(ctx, "admins", kacs_sid_equal(&kacs_sid_admins,
						     &kt_sids[S_BA]));
	KT_EXPECT_TRUE(ctx, "everyone", kacs_sid_equal(&kacs_sid_everyone,
						       &kt_sids[S_WD]));
	KT_EXPECT_TRUE(ctx, "owner rights",
		       kacs_sid_equal(&kacs_sid_owner_rights, &kt_sids[S_OW]));
	KT_EXPECT_TRUE(ctx, "self", kacs_sid_equal(&kacs_sid_self,
						   &kt_sids[S_PS]));
	KT_EXPECT_TRUE(ctx, "auth users",
		       kacs_sid_to_string(&kacs_sid_auth_users, out,
					  sizeof(out)) > 0 &&
		       !strcmp(out, "S-1-5-11"));
	KT_EXPECT_TRUE(ctx, "local",
		       kacs_sid_to_string(&kacs_sid_local, out,
					  sizeof(out)) > 0 &&
		       !strcmp(out, "S-1-2-0"));
	KT_EXPECT_TRUE(ctx, "anonymous",
		       kacs_sid_to_string(&kacs_sid_anonymous, out,
					  sizeof(out)) > 0 &&
		       !strcmp(out, "S-1-5-7"));
	KT_EXPECT_TRUE(ctx, "different length",
		       !kacs_sid_equal(&kt_sids[S_BA], &kt_sids[S_BU]));
	KT_EXPECT_EQ(ctx, "to_string NULL buffer",
		     kacs_sid_to_string(&kacs_sid_system, NULL, 0), -ENOSPC);
}

#define KT_DEFAULT_SDDL							\
	"O:S-1-5-18G:S-1-5-32-544D:(A;;0x10000000;;;S-1-5-18)"		\
	"(A;;0x10000000;;;S-1-5-32-544)(A;;0x10000000;;;S-1-5-18)"	\
	"(A;;0x1000;;;S-1-1-0)"

/*
 * Builder: the default SYSTEM process SD must match digest 9.2 exactly
 * (5-psb/3-process-sd.md Default process SD, in the self-relative layout
 * of 3-security-descriptors/1-structure.md).
 */
static inline void kt_check_build_default(void *ctx)
{
	const struct kacs_ace_spec aces[] = {
		{ KT_A, 0, KT_GA, &kacs_sid_system },
		{ KT_A, 0, KT_GA, &kacs_sid_admins },
		{ KT_A, 0, KT_GA, &kacs_sid_system },
		{ KT_A, 0, KT_QL, &kacs_sid_everyone },
	};
	char text[256];
	struct kacs_sd sd;
	struct kacs_ace ace;
	size_t len = 0;
	u8 *out = NULL;
	int ret;

	ret = kacs_sd_build(&out, &len, &kacs_sid_system, &kacs_sid_admins,
			    aces, ARRAY_SIZE(aces), true, 0, GFP_KERNEL);
	KT_EXPECT_EQ(ctx, "build", ret, 0);
	if (ret)
		return;
	KT_EXPECT_EQ(ctx, "length", len, sizeof(kt_sd_default_sy));
	KT_EXPECT_TRUE(ctx, "bytes", len == sizeof(kt_sd_default_sy) &&
		       !memcmp(out, kt_sd_default_sy, len));
	ret = kacs_sd_parse(&sd, out, len);
	KT_EXPECT_EQ(ctx, "parse", ret, 0);
	if (!ret) {
		KT_EXPECT_EQ(ctx, "sddl length",
			     kacs_sd_to_sddl(&sd, text, sizeof(text)),
			     (int)strlen(KT_DEFAULT_SDDL));
		KT_EXPECT_TRUE(ctx, "sddl", !strcmp(text, KT_DEFAULT_SDDL));
		KT_EXPECT_EQ(ctx, "sddl too small",
			     kacs_sd_to_sddl(&sd, text, 20), -ENOSPC);
		KT_EXPECT_EQ(ctx, "ace count", sd.dacl.count, 4);
		kacs_acl_ace(&sd.dacl, 1, &ace);
		KT_EXPECT_TRUE(ctx, "ace 1",
			       ace.type == KT_A && ace.size == 24 &&
			       ace.mask == KT_GA && ace.has_sid &&
			       kacs_sid_equal(&ace.sid, &kacs_sid_admins));
		kacs_acl_ace(&sd.dacl, 3, &ace);
		KT_EXPECT_TRUE(ctx, "ace 3", ace.mask == KT_QL &&
			       kacs_sid_equal(&ace.sid, &kacs_sid_everyone));
		kacs_acl_ace(&sd.dacl, 4, &ace);
		KT_EXPECT_TRUE(ctx, "ace 4 zeroed", !ace.size && !ace.has_sid);
	}
	kfree(out);
}

/*
 * Builder variants: NULL and empty DACL (3-security-descriptors/
 * 1-structure.md Null DACL vs empty DACL); a builder never emits what
 * the parser would reject (4-ace-types.md Single-SID ACE family,
 * 10-access-check/3-integrity.md label SIDs, 2-sids/1-format.md).
 */
static inline void kt_check_build_variants(void *ctx)
{
	struct kacs_sid bad = kacs_sid_system;
	const struct kacs_ace_spec ok[] = { { KT_A, 0, 1, &kacs_sid_self } };
	const struct kacs_ace_spec nosid[] = { { KT_A, 0, 1, NULL } };
	const struct kacs_ace_spec badsid[] = { { KT_A, 0, 1, &bad } };
	const struct kacs_ace_spec badtype[] = {
		{ KT_CBA, 0, 1, &kacs_sid_self } };
	const struct kacs_ace_spec badlabel[] = {
		{ KT_ML, 0, 1, &kacs_sid_self } };
	struct kacs_sd sd;
	size_t len = 0;
	u8 *out = NULL;

	bad.sub_count = 16;
	/* NULL DACL, no owner */
	KT_EXPECT_EQ(ctx, "null dacl",
		     kacs_sd_build(&out, &len, NULL, NULL, NULL, 0, false,
				   KACS_SE_DACL_PRESENT, GFP_KERNEL), 0);
	if (out) {
		KT_EXPECT_EQ(ctx, "null dacl len", len, KACS_SD_HDR_LEN);
		KT_EXPECT_TRUE(ctx, "null dacl parse",
			       !kacs_sd_parse(&sd, out, len) && !sd.has_dacl &&
			       (sd.control & KACS_SE_DACL_PRESENT) &&
			       !sd.has_owner);
		kfree(out);
		out = NULL;
	}
	/* empty DACL */
	KT_EXPECT_EQ(ctx, "empty dacl",
		     kacs_sd_build(&out, &len, &kacs_sid_system, NULL, NULL, 0,
				   true, KACS_SE_DACL_PROTECTED, GFP_KERNEL),
		     0);
	if (out) {
		KT_EXPECT_TRUE(ctx, "empty dacl parse",
			       !kacs_sd_parse(&sd, out, len) && sd.has_dacl &&
			       !sd.dacl.count && sd.dacl.size == 8 &&
			       (sd.control & KACS_SE_DACL_PROTECTED));
		kfree(out);
		out = NULL;
	}
	KT_EXPECT_EQ(ctx, "valid ace",
		     kacs_sd_build(&out, &len, &kacs_sid_system, NULL, ok, 1,
				   true, 0, GFP_KERNEL), 0);
	kfree(out);
	out = NULL;
	KT_EXPECT_EQ(ctx, "aces without dacl",
		     kacs_sd_build(&out, &len, NULL, NULL, ok, 1, false, 0,
				   GFP_KERNEL), -EINVAL);
	KT_EXPECT_EQ(ctx, "NULL ace sid",
		     kacs_sd_build(&out, &len, NULL, NULL, nosid, 1, true, 0,
				   GFP_KERNEL), -EINVAL);
	KT_EXPECT_EQ(ctx, "invalid ace sid",
		     kacs_sd_build(&out, &len, NULL, NULL, badsid, 1, true, 0,
				   GFP_KERNEL), -EINVAL);
	KT_EXPECT_EQ(ctx, "invalid owner",
		     kacs_sd_build(&out, &len, &bad, NULL, NULL, 0, true, 0,
				   GFP_KERNEL), -EINVAL);
	KT_EXPECT_EQ(ctx, "non-SID ace type",
		     kacs_sd_build(&out, &len, NULL, NULL, badtype, 1, true, 0,
				   GFP_KERNEL), -EINVAL);
	KT_EXPECT_EQ(ctx, "label ace with non-label sid",
		     kacs_sd_build(&out, &len, NULL, NULL, badlabel, 1, true,
				   0, GFP_KERNEL), -EINVAL);
	KT_EXPECT_TRUE(ctx, "no output on error", !out);
}

/*
 * select / merge over the labels SD: kacs_get_sd()/kacs_set_sd() with
 * security_info (13-appendix-a/1-syscalls.md kacs_get_sd, kacs_set_sd):
 * only the selected components, LABEL the mandatory label ACEs of the
 * SACL without the trust label, an owner cannot be removed.
 */
static inline void kt_check_select_merge(void *ctx)
{
	struct kt_sm {
		struct kacs_sd cur, upd, res;
	} *sm;
	char text[64];
	size_t len = 0;
	u8 *out = NULL, *updbuf = NULL;
	int ret;

	/* three parsed SDs are too big for one kernel stack frame */
	sm = kzalloc(sizeof(*sm), GFP_KERNEL);
	KT_EXPECT_TRUE(ctx, "alloc sds", sm);
	if (!sm)
		return;
	KT_EXPECT_EQ(ctx, "parse labels sd",
		     kacs_sd_parse(&sm->cur, kt_sd_labels, sizeof(kt_sd_labels)),
		     0);
	KT_EXPECT_EQ(ctx, "parse default sd",
		     kacs_sd_parse(&sm->upd, kt_sd_default_sy,
				   sizeof(kt_sd_default_sy)), 0);

	KT_EXPECT_EQ(ctx, "select bad bits",
		     kacs_sd_select(&sm->cur, 0x20, &out, &len, GFP_KERNEL),
		     -EINVAL);
	KT_EXPECT_EQ(ctx, "merge bad bits",
		     kacs_sd_merge(&sm->cur, &sm->upd, 0x40, &out, &len, GFP_KERNEL),
		     -EINVAL);

	/* OWNER|DACL only */
	ret = kacs_sd_select(&sm->upd, KACS_OWNER_SECURITY_INFORMATION |
			     KACS_DACL_SECURITY_INFORMATION, &out, &len,
			     GFP_KERNEL);
	KT_EXPECT_EQ(ctx, "select owner|dacl", ret, 0);
	if (!ret && !kacs_sd_parse(&sm->res, out, len)) {
		KT_EXPECT_TRUE(ctx, "owner|dacl shape",
			       sm->res.has_owner && !sm->res.has_group &&
			       sm->res.has_dacl && !sm->res.has_sacl &&
			       sm->res.dacl.count == 4 && len == 140 - 16);
	}
	kfree(out);
	out = NULL;

	/* LABEL only: the label ACE, not the trust label */
	ret = kacs_sd_select(&sm->cur, KACS_LABEL_SECURITY_INFORMATION, &out,
			     &len, GFP_KERNEL);
	KT_EXPECT_EQ(ctx, "select label", ret, 0);
	if (!ret && !kacs_sd_parse(&sm->res, out, len)) {
		KT_EXPECT_EQ(ctx, "label sddl",
			     kacs_sd_to_sddl(&sm->res, text, sizeof(text)),
			     (int)strlen("S:(ML;;0x1;;;S-1-16-8192)"));
		KT_EXPECT_TRUE(ctx, "label text",
			       !strcmp(text, "S:(ML;;0x1;;;S-1-16-8192)"));
	}
	kfree(out);
	out = NULL;

	/* LABEL from an SD without SACL: nothing */
	ret = kacs_sd_select(&sm->upd, KACS_LABEL_SECURITY_INFORMATION, &out,
			     &len, GFP_KERNEL);
	KT_EXPECT_TRUE(ctx, "no label", !ret && len == KACS_SD_HDR_LEN);
	kfree(out);
	out = NULL;

	/* merge DACL|GROUP of the default SD into the labels SD */
	ret = kacs_sd_merge(&sm->cur, &sm->upd, KACS_DACL_SECURITY_INFORMATION |
			    KACS_GROUP_SECURITY_INFORMATION, &out, &len,
			    GFP_KERNEL);
	KT_EXPECT_EQ(ctx, "merge dacl", ret, 0);
	if (!ret && !kacs_sd_parse(&sm->res, out, len)) {
		KT_EXPECT_TRUE(ctx, "merged shape",
			       sm->res.has_owner && sm->res.has_group &&
			       sm->res.has_sacl && sm->res.sacl.count == 2 &&
			       sm->res.has_dacl && sm->res.dacl.count == 4 &&
			       kacs_sid_equal(&sm->res.group,
					      &kacs_sid_admins));
	}
	kfree(out);
	out = NULL;

	/* merge OWNER from an SD without owner: -EINVAL */
	updbuf = kmalloc(sizeof(kt_sd_default_sy), GFP_KERNEL);
	KT_EXPECT_TRUE(ctx, "alloc", updbuf);
	if (updbuf) {
		memcpy(updbuf, kt_sd_default_sy, sizeof(kt_sd_default_sy));
		memset(updbuf + 4, 0, 4);
		KT_EXPECT_EQ(ctx, "parse ownerless",
			     kacs_sd_parse(&sm->upd, updbuf,
					   sizeof(kt_sd_default_sy)), 0);
		KT_EXPECT_EQ(ctx, "merge owner from ownerless",
			     kacs_sd_merge(&sm->cur, &sm->upd,
					   KACS_OWNER_SECURITY_INFORMATION,
					   &out, &len, GFP_KERNEL), -EINVAL);
		/* LABEL merge: ownerless SD has no label: labels removed */
		ret = kacs_sd_merge(&sm->cur, &sm->upd,
				    KACS_LABEL_SECURITY_INFORMATION, &out,
				    &len, GFP_KERNEL);
		KT_EXPECT_EQ(ctx, "merge label", ret, 0);
		if (!ret && !kacs_sd_parse(&sm->res, out, len))
			KT_EXPECT_TRUE(ctx, "label removed, trust kept",
				       sm->res.has_sacl && sm->res.sacl.count == 1 &&
				       sm->res.has_owner);
		kfree(out);
		out = NULL;
	}
	kfree(updbuf);

	/* LABEL merge the other way: label added in front of nothing */
	KT_EXPECT_EQ(ctx, "reparse default",
		     kacs_sd_parse(&sm->upd, kt_sd_default_sy,
				   sizeof(kt_sd_default_sy)), 0);
	ret = kacs_sd_merge(&sm->upd, &sm->cur, KACS_LABEL_SECURITY_INFORMATION, &out,
			    &len, GFP_KERNEL);
	KT_EXPECT_EQ(ctx, "merge label in", ret, 0);
	if (!ret && !kacs_sd_parse(&sm->res, out, len))
		KT_EXPECT_TRUE(ctx, "label added",
			       sm->res.has_sacl && sm->res.sacl.count == 1 &&
			       sm->res.has_dacl && sm->res.dacl.count == 4 &&
			       (sm->res.control & KACS_SE_SACL_PRESENT));
	kfree(out);
	kfree(sm);
}

/*
 * Generic mapping (3-security-descriptors/3-access-masks.md Generic
 * mapping) with the process (5-psb/3-process-sd.md), file and token
 * (4-tokens/8-access-rights.md) mappings; other bits pass unchanged.
 */
static inline void kt_check_map_generic(void *ctx)
{
	KT_EXPECT_EQ(ctx, "read",
		     kacs_map_generic(KT_GR, &kacs_process_mapping), KT_PR);
	KT_EXPECT_EQ(ctx, "all|max",
		     kacs_map_generic(KT_GA | KT_MAX | 1, &kacs_process_mapping),
		     KT_PALL | KT_MAX | 1);
	KT_EXPECT_EQ(ctx, "file all",
		     kacs_map_generic(KT_GA | KT_GR | KT_GW | KT_GX_,
				      &kacs_file_mapping),
		     KACS_FILE_ALL_ACCESS);
	KT_EXPECT_EQ(ctx, "token write",
		     kacs_map_generic(KT_GW, &kacs_token_mapping),
		     KACS_TOKEN_GENERIC_WRITE);
	KT_EXPECT_EQ(ctx, "no generic",
		     kacs_map_generic(0x1234, &kacs_file_mapping), 0x1234);
}

#endif /* _SECURITY_KACS_KUNIT_TABLES_H */
