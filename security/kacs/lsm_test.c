// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - KUnit tests for the LSM glue: bootstrap token, token copies,
 * token adjustment and restriction, default process SD and the signal
 * right table
 */

#include <kunit/test.h>
#include <linux/cred.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/unaligned.h>

#include "cred.h"
#include "process.h"
#include "psb.h"
#include "sd.h"
#include "task.h"
#include "token.h"

/* ACL rev 2: allow S-1-5-18 GENERIC_ALL, allow S-1-5-32-544 GENERIC_ALL */
static const u8 kacs_test_system_dacl[52] = {
	0x02, 0x00, 0x34, 0x00, 0x02, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x10,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05,
	0x12, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x18, 0x00, 0x00, 0x00, 0x00, 0x10,
	0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05,
	0x20, 0x00, 0x00, 0x00, 0x20, 0x02, 0x00, 0x00,
};

static const u8 kacs_test_system_psd[140] = {
	0x01, 0x00, 0x04, 0x80, 0x14, 0x00, 0x00, 0x00,
	0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x30, 0x00, 0x00, 0x00,
	/* owner S-1-5-18 */
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x12, 0x00, 0x00, 0x00,
	/* group S-1-5-32-544 */
	0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x20, 0x00, 0x00, 0x00,
	0x20, 0x02, 0x00, 0x00,
	/* DACL */
	0x02, 0x00, 0x5c, 0x00, 0x04, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x10,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x12, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x18, 0x00, 0x00, 0x00, 0x00, 0x10,
	0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x20, 0x00, 0x00, 0x00,
	0x20, 0x02, 0x00, 0x00,
	0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x10,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x12, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x14, 0x00, 0x00, 0x10, 0x00, 0x00,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
};

/*
 * 13-appendix-a/5-boot.md SYSTEM token: S-1-5-18, token_id 0, Primary,
 * System integrity, NO_WRITE_UP | NEW_PROCESS_MIN, the whole privilege
 * catalogue enabled, Administrators (owner) first, then Everyone,
 * Authenticated Users, Local and the logon SID S-1-5-5-0-0 (0xC0000007),
 * primary group index 1, the 52-byte default DACL.
 */
static void kacs_test_system_token(struct kunit *test)
{
	struct kacs_token *tok = kacs_system_token;
	struct kacs_sid logon;

	KUNIT_ASSERT_NOT_NULL(test, tok);
	KUNIT_EXPECT_TRUE(test, kacs_sid_equal(&tok->user, &kacs_sid_system));
	KUNIT_EXPECT_EQ(test, tok->token_id, 0ULL);
	KUNIT_EXPECT_EQ(test, tok->type, (u32)KACS_TOKEN_PRIMARY);
	KUNIT_EXPECT_EQ(test, tok->integrity, (u32)KACS_INTEGRITY_SYSTEM);
	KUNIT_EXPECT_EQ(test, tok->policy, 3U);
	KUNIT_EXPECT_EQ(test, tok->privs_present, KACS_PRIV_VALID_MASK);
	KUNIT_EXPECT_EQ(test, tok->privs_enabled, KACS_PRIV_VALID_MASK);
	KUNIT_ASSERT_EQ(test, tok->ngroups, 5U);
	KUNIT_EXPECT_TRUE(test, kacs_sid_equal(&tok->groups[0].sid,
					       &kacs_sid_admins));
	KUNIT_EXPECT_EQ(test, tok->groups[0].attrs, 0x0fU);
	KUNIT_EXPECT_EQ(test, tok->groups[1].attrs, 0x07U);
	kacs_sid_logon(&logon, 0);
	KUNIT_EXPECT_TRUE(test, kacs_sid_equal(&tok->groups[4].sid, &logon));
	KUNIT_EXPECT_EQ(test, tok->groups[4].attrs, 0xc0000007U);
	KUNIT_EXPECT_EQ(test, tok->group_index, 1U);
	KUNIT_EXPECT_EQ(test, tok->default_dacl_len, 52U);
	KUNIT_EXPECT_MEMEQ(test, tok->default_dacl, kacs_test_system_dacl,
			   sizeof(kacs_test_system_dacl));
}

/* 5-psb/3-process-sd.md Default process SD, for a SYSTEM creator. */
static void kacs_test_process_template(struct kunit *test)
{
	struct kacs_psd *psd;

	psd = kacs_psd_template(kacs_system_token, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, psd);
	KUNIT_EXPECT_EQ(test, psd->len, (u32)sizeof(kacs_test_system_psd));
	KUNIT_EXPECT_MEMEQ(test, psd->data, kacs_test_system_psd,
			   sizeof(kacs_test_system_psd));
	kacs_psd_put(psd);
}

/*
 * The default process SD is built once per primary token and shared by
 * reference: with the copy fork makes, and with every PSB that uses it.
 * Setting another SD replaces the reference; the shared object keeps its
 * bytes, and the last put frees it.
 */
static void kacs_test_process_template_shared(struct kunit *test)
{
	struct kacs_psd *sys, *a, *b, *other;
	struct kacs_token *tok, *copy;
	struct kacs_psb *psb;

	/* every copy of the SYSTEM token shares the SYSTEM template */
	sys = kacs_psd_template(kacs_system_token, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sys);
	tok = kacs_token_copy(kacs_system_token, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tok);
	KUNIT_EXPECT_PTR_EQ(test, tok->process_sd, sys);
	kacs_psd_put(sys);

	/* an unpublished token without one builds its own, once */
	kacs_psd_put(tok->process_sd);
	tok->process_sd = NULL;
	a = kacs_psd_template(tok, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_PTR_NE(test, a, sys);
	KUNIT_EXPECT_MEMEQ(test, a->data, kacs_test_system_psd,
			   sizeof(kacs_test_system_psd));
	b = kacs_psd_template(tok, GFP_KERNEL);
	KUNIT_EXPECT_PTR_EQ(test, a, b);
	/* the token's reference, a's and b's */
	KUNIT_EXPECT_EQ(test, refcount_read(&a->usage), 3U);
	kacs_psd_put(b);

	copy = kacs_token_copy(tok, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	KUNIT_EXPECT_PTR_EQ(test, copy->process_sd, a);
	KUNIT_EXPECT_EQ(test, refcount_read(&a->usage), 3U);

	psb = kacs_psb_alloc(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, psb);
	kacs_psb_set_sd(psb, kacs_psd_template(copy, GFP_KERNEL));
	KUNIT_EXPECT_EQ(test, refcount_read(&a->usage), 4U);
	other = kacs_psd_alloc(kacs_test_system_psd,
			       sizeof(kacs_test_system_psd), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, other);
	kacs_psb_set_sd(psb, other);
	KUNIT_EXPECT_EQ(test, refcount_read(&a->usage), 3U);
	KUNIT_EXPECT_MEMEQ(test, a->data, kacs_test_system_psd,
			   sizeof(kacs_test_system_psd));

	kacs_psb_put(psb);
	kacs_token_put(copy);
	KUNIT_EXPECT_EQ(test, refcount_read(&a->usage), 2U);
	kacs_token_put(tok);
	/* ours is the last reference; the put frees it */
	KUNIT_EXPECT_EQ(test, refcount_read(&a->usage), 1U);
	kacs_psd_put(a);
}

/*
 * 4-tokens/3-lifecycle.md Clone without CLONE_THREAD: an independent deep
 * copy (mutations invisible to the other); DESIGN Q1: a new token_id,
 * modified_id equal to it.
 */
static void kacs_test_token_copy(struct kunit *test)
{
	struct kacs_token *src = kacs_system_token, *tok;

	/*
	 * The global token count is not checked here: tasks created and
	 * reaped concurrently during boot move it.  The copy must hold the
	 * only reference, so the put below frees it; leak accounting at a
	 * quiescent point is done by the clone kselftest (test_counts).
	 */
	tok = kacs_token_copy(src, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tok);
	KUNIT_EXPECT_EQ(test, refcount_read(&tok->usage), 1);
	KUNIT_EXPECT_NE(test, tok->token_id, src->token_id);
	KUNIT_EXPECT_EQ(test, tok->modified_id, tok->token_id);
	KUNIT_EXPECT_EQ(test, tok->ngroups, src->ngroups);
	KUNIT_EXPECT_MEMEQ(test, tok->groups, src->groups,
			   src->ngroups * sizeof(*src->groups));
	/* The token SD is an immutable blob: the copy shares it. */
	KUNIT_EXPECT_PTR_EQ(test, rcu_access_pointer(tok->sd),
			    rcu_access_pointer(src->sd));
	KUNIT_EXPECT_PTR_NE(test, tok->groups, src->groups);
	/* An adjustment of the copy is invisible to the source. */
	tok->privs_enabled = 0;
	KUNIT_EXPECT_EQ(test, src->privs_enabled, KACS_PRIV_VALID_MASK);
	kacs_token_put(tok);
}

/*
 * 13-appendix-a/2-ioctls.md KACS_IOC_DUPLICATE: to Primary the level is
 * Anonymous, elevation_type Default, a freshly generated default SD;
 * 9-impersonation/1-levels.md and DESIGN Q30: an Identification-level
 * token carries no usable privilege.
 */
static void kacs_test_token_duplicate(struct kunit *test)
{
	struct kacs_token *tok;
	struct kacs_psd *psd;
	struct kacs_sd sd;
	u32 granted;

	tok = kacs_token_duplicate(kacs_system_token, KACS_TOKEN_PRIMARY,
				   KACS_LEVEL_DELEGATION, &kacs_sid_system,
				   GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tok);
	KUNIT_EXPECT_EQ(test, tok->level, (u32)KACS_LEVEL_ANONYMOUS);
	KUNIT_EXPECT_EQ(test, tok->elevation, (u32)KACS_ELEVATION_DEFAULT);
	/* A fresh default SD, not the source's (4-tokens/4-creation.md). */
	KUNIT_EXPECT_PTR_NE(test, rcu_access_pointer(tok->sd),
			    rcu_access_pointer(kacs_system_token->sd));
	psd = kacs_token_get_sd(tok);
	KUNIT_ASSERT_NOT_NULL(test, psd);
	KUNIT_EXPECT_EQ(test, kacs_sd_parse(&sd, psd->data, psd->len), 0);
	/*
	 * SYSTEM is creator and user: full access through the SY ACE, and
	 * SeSecurityPrivilege adds ACCESS_SYSTEM_SECURITY whatever was
	 * asked (v0.20 10-access-check/10-algorithm.md step 4).
	 */
	KUNIT_EXPECT_EQ(test, kacs_token_check_sd(kacs_system_token, 0, 0,
						  psd->data, psd->len,
						  KACS_TOKEN_ALL_ACCESS,
						  &kacs_token_mapping, NULL,
						  0, &granted), 0);
	KUNIT_EXPECT_EQ(test, granted, KACS_TOKEN_ALL_ACCESS |
			KACS_ACCESS_SYSTEM_SECURITY);
	kacs_psd_put(psd);
	kacs_token_put(tok);

	tok = kacs_token_duplicate(kacs_system_token,
				   KACS_TOKEN_IMPERSONATION,
				   KACS_LEVEL_IDENTIFICATION, &kacs_sid_system,
				   GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tok);
	KUNIT_EXPECT_TRUE(test, kacs_token_is_weak(tok));
	/* An Identification-level token has no usable privileges. */
	KUNIT_EXPECT_FALSE(test, kacs_token_priv(tok, KACS_SE_DEBUG));
	kacs_token_put(tok);
}

KUNIT_DEFINE_ACTION_WRAPPER(kacs_test_token_put, kacs_token_put,
			    struct kacs_token *);

/*
 * A private copy of the SYSTEM token with groups whose attributes cover
 * every adjustment rule: 0 mandatory, 1 deny-only, 2 optional and enabled
 * by default, 3 optional and disabled by default, 4 the logon SID.  Only
 * SeDebug and SeBackup are enabled by default.
 */
static struct kacs_token *kacs_test_adjustable(struct kunit *test)
{
	struct kacs_token *tok;
	int ret;

	tok = kacs_token_copy(kacs_system_token, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tok);
	ret = kunit_add_action_or_reset(test, kacs_test_token_put, tok);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_ASSERT_EQ(test, tok->ngroups, 5U);
	tok->groups[1].attrs = KACS_SE_GROUP_USE_FOR_DENY_ONLY;
	tok->groups[2].attrs = KACS_SE_GROUP_ENABLED_BY_DEFAULT |
			       KACS_SE_GROUP_ENABLED;
	tok->groups[3].attrs = 0;
	/* Not mandatory, so that only the logon rule keeps it enabled. */
	tok->groups[4].attrs = KACS_SE_GROUP_LOGON_ID |
			       KACS_SE_GROUP_ENABLED_BY_DEFAULT |
			       KACS_SE_GROUP_ENABLED;
	tok->privs_default = BIT_ULL(KACS_SE_DEBUG) | BIT_ULL(KACS_SE_BACKUP);
	return tok;
}

/*
 * 13-appendix-a/2-ioctls.md KACS_IOC_ADJUST_PRIVS, 4-tokens/5-adjustment.md
 * AdjustPrivileges: unknown attribute bits, duplicates, a misused reset
 * sentinel and enabling an absent privilege are invalid, and all entries
 * are validated before any is applied.
 */
static void kacs_test_adjust_privs_rejects(struct kunit *test)
{
	static const struct {
		struct kacs_priv_entry ent[2];
		u32 count;
	} bad[] = {
		{ { { KACS_SE_DEBUG, 0 } }, 0 },
		{ { { 0, 0 } }, 1 },			/* LUID 0 undefined */
		{ { { 1, KACS_SE_PRIVILEGE_ENABLED } }, 1 },
		{ { { 36, 0 } }, 1 },			/* gap 36..61 */
		{ { { 61, 0 } }, 1 },
		{ { { 64, 0 } }, 1 },
		{ { { 0xffffffff, 0 } }, 1 },
		{ { { KACS_SE_DEBUG, 1 } }, 1 },	/* unknown attribute */
		{ { { KACS_SE_DEBUG, KACS_SE_PRIVILEGE_ENABLED |
				     KACS_SE_PRIVILEGE_REMOVED } }, 1 },
		{ { { KACS_SE_DEBUG, 0 },
		    { KACS_SE_DEBUG, KACS_SE_PRIVILEGE_ENABLED } }, 2 },
		{ { { 0, KACS_PRIV_RESET_ALL_DEFAULTS },
		    { KACS_SE_DEBUG, 0 } }, 2 },	/* reset not alone */
		{ { { KACS_SE_DEBUG, 0 },
		    { 0, KACS_PRIV_RESET_ALL_DEFAULTS } }, 2 },
		{ { { 5, KACS_PRIV_RESET_ALL_DEFAULTS } }, 1 },
	};
	struct kacs_priv_entry many[KACS_MAX_ADJUST + 1] = {};
	struct kacs_priv_adjust adj;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    kacs_priv_adjust_parse(bad[i].ent,
							   bad[i].count, &adj),
				    -EINVAL, "bad privilege request %u", i);
	for (i = 0; i < ARRAY_SIZE(many); i++)
		many[i].luid = 2 + i % 34;
	KUNIT_EXPECT_EQ(test, kacs_priv_adjust_parse(many, ARRAY_SIZE(many),
						     &adj), -EINVAL);
	/* 34 distinct defined privileges are a valid request. */
	KUNIT_EXPECT_EQ(test, kacs_priv_adjust_parse(many, 34, &adj), 0);
	KUNIT_EXPECT_EQ(test, adj.disable, GENMASK_ULL(35, 2));
}

/*
 * 13-appendix-a/2-ioctls.md KACS_IOC_ADJUST_PRIVS: enable, disable,
 * irreversible removal, reset to the enabled-by-default set without
 * restoring removed privileges; modified_id changes.
 */
static void kacs_test_adjust_privs(struct kunit *test)
{
	struct kacs_token *tok = kacs_test_adjustable(test);
	const u64 debug = BIT_ULL(KACS_SE_DEBUG);
	const u64 backup = BIT_ULL(KACS_SE_BACKUP);
	struct kacs_priv_entry ent[2];
	struct kacs_priv_adjust adj;
	u64 prev, mid, tid = tok->token_id;

	/* Disable one, keep the rest. */
	ent[0] = (struct kacs_priv_entry){ KACS_SE_DEBUG,
					   KACS_SE_PRIVILEGE_DISABLED };
	KUNIT_ASSERT_EQ(test, kacs_priv_adjust_parse(ent, 1, &adj), 0);
	mid = tok->modified_id;
	KUNIT_EXPECT_EQ(test, kacs_token_adjust_privs(tok, &adj, &prev), 0);
	KUNIT_EXPECT_EQ(test, prev, KACS_PRIV_VALID_MASK);
	KUNIT_EXPECT_EQ(test, tok->privs_enabled, KACS_PRIV_VALID_MASK & ~debug);
	KUNIT_EXPECT_EQ(test, tok->privs_present, KACS_PRIV_VALID_MASK);
	KUNIT_EXPECT_FALSE(test, kacs_token_priv(tok, KACS_SE_DEBUG));
	KUNIT_EXPECT_NE(test, tok->modified_id, mid);
	KUNIT_EXPECT_EQ(test, tok->token_id, tid);

	/* Enable it again, and remove SeBackup in the same request. */
	ent[0].attributes = KACS_SE_PRIVILEGE_ENABLED;
	ent[1] = (struct kacs_priv_entry){ KACS_SE_BACKUP,
					   KACS_SE_PRIVILEGE_REMOVED };
	KUNIT_ASSERT_EQ(test, kacs_priv_adjust_parse(ent, 2, &adj), 0);
	KUNIT_EXPECT_EQ(test, kacs_token_adjust_privs(tok, &adj, &prev), 0);
	KUNIT_EXPECT_EQ(test, prev, KACS_PRIV_VALID_MASK & ~debug);
	KUNIT_EXPECT_EQ(test, tok->privs_enabled, KACS_PRIV_VALID_MASK & ~backup);
	KUNIT_EXPECT_EQ(test, tok->privs_present, KACS_PRIV_VALID_MASK & ~backup);
	KUNIT_EXPECT_EQ(test, tok->privs_default, debug);
	KUNIT_EXPECT_TRUE(test, kacs_token_priv(tok, KACS_SE_DEBUG));

	/* Removal is permanent: enabling fails and changes nothing. */
	ent[0] = (struct kacs_priv_entry){ KACS_SE_BACKUP,
					   KACS_SE_PRIVILEGE_ENABLED };
	ent[1] = (struct kacs_priv_entry){ KACS_SE_DEBUG,
					   KACS_SE_PRIVILEGE_DISABLED };
	KUNIT_ASSERT_EQ(test, kacs_priv_adjust_parse(ent, 2, &adj), 0);
	mid = tok->modified_id;
	KUNIT_EXPECT_EQ(test, kacs_token_adjust_privs(tok, &adj, &prev),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tok->privs_enabled, KACS_PRIV_VALID_MASK & ~backup);
	KUNIT_EXPECT_EQ(test, tok->modified_id, mid);

	/* Reset: back to the defaults that are still present. */
	ent[0] = (struct kacs_priv_entry){ 0, KACS_PRIV_RESET_ALL_DEFAULTS };
	KUNIT_ASSERT_EQ(test, kacs_priv_adjust_parse(ent, 1, &adj), 0);
	KUNIT_EXPECT_TRUE(test, adj.reset);
	KUNIT_EXPECT_EQ(test, kacs_token_adjust_privs(tok, &adj, &prev), 0);
	KUNIT_EXPECT_EQ(test, tok->privs_enabled, debug);
	KUNIT_EXPECT_EQ(test, tok->privs_present, KACS_PRIV_VALID_MASK & ~backup);
}

/*
 * 13-appendix-a/2-ioctls.md KACS_IOC_ADJUST_GROUPS: mandatory, deny-only
 * and logon SID groups, repeated indices, count 0 and a misused reset
 * sentinel fail the whole request.
 */
static void kacs_test_adjust_groups_rejects(struct kunit *test)
{
	static const struct {
		struct kacs_group_entry ent[2];
		u32 count;
	} bad[] = {
		{ { { 2, 0 } }, 0 },
		{ { { 5, 1 } }, 1 },			/* no group 5 */
		{ { { 2, 2 } }, 1 },			/* enable not 0/1 */
		/* 13-appendix-a/2-ioctls.md: either direction fails */
		{ { { 1, 1 } }, 1 },			/* deny-only on */
		{ { { 1, 0 } }, 1 },			/* deny-only off */
		{ { { 0, 0 } }, 1 },			/* mandatory off */
		{ { { 0, 1 } }, 1 },			/* mandatory on */
		{ { { 4, 0 } }, 1 },			/* logon SID off */
		{ { { 4, 1 } }, 1 },			/* logon SID on */
		{ { { 2, 0 }, { 2, 1 } }, 2 },		/* twice */
		{ { { KACS_GROUPS_RESET_INDEX, 1 } }, 1 },
		{ { { KACS_GROUPS_RESET_INDEX, 0 }, { 2, 0 } }, 2 },
		{ { { 3, 1 }, { 0, 0 } }, 2 },		/* good, then bad */
	};
	struct kacs_token *tok = kacs_test_adjustable(test);
	struct kacs_group_entry many[KACS_MAX_ADJUST + 1] = {};
	struct kacs_group_adjust adj;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    kacs_group_adjust_parse(tok, bad[i].ent,
							    bad[i].count, &adj),
				    -EINVAL, "bad group request %u", i);
	for (i = 0; i < ARRAY_SIZE(many); i++)
		many[i].index = 2;
	KUNIT_EXPECT_EQ(test, kacs_group_adjust_parse(tok, many,
						      ARRAY_SIZE(many), &adj),
			-EINVAL);
	/*
	 * 4-tokens/5-adjustment.md: the user SID, when it appears as a
	 * group, cannot be disabled; enabling it is allowed.
	 */
	tok->groups[2].sid = tok->user;
	many[0] = (struct kacs_group_entry){ 2, 0 };
	KUNIT_EXPECT_EQ(test, kacs_group_adjust_parse(tok, many, 1, &adj),
			-EINVAL);
	many[0] = (struct kacs_group_entry){ 2, 1 };
	KUNIT_EXPECT_EQ(test, kacs_group_adjust_parse(tok, many, 1, &adj), 0);
	KUNIT_EXPECT_EQ(test, adj.enable, BIT_ULL(2));
}

/*
 * 13-appendix-a/2-ioctls.md KACS_IOC_ADJUST_GROUPS: enable and disable by
 * zero-based index; the reset restores creation-time state and leaves
 * deny-only groups deny-only; modified_id changes.
 */
static void kacs_test_adjust_groups(struct kunit *test)
{
	struct kacs_token *tok = kacs_test_adjustable(test);
	const u32 on = KACS_SE_GROUP_ENABLED;
	struct kacs_group_entry ent[2] = { { 2, 0 }, { 3, 1 } };
	struct kacs_group_adjust adj;
	u64 prev, mid = tok->modified_id;

	KUNIT_ASSERT_EQ(test, kacs_group_adjust_parse(tok, ent, 2, &adj), 0);
	kacs_token_adjust_groups(tok, &adj, &prev);
	/* Before: 0, 2 and 4 enabled. */
	KUNIT_EXPECT_EQ(test, prev, 0x15ULL);
	KUNIT_EXPECT_FALSE(test, tok->groups[2].attrs & on);
	KUNIT_EXPECT_TRUE(test, tok->groups[3].attrs & on);
	KUNIT_EXPECT_TRUE(test, tok->groups[0].attrs & on);
	KUNIT_EXPECT_EQ(test, tok->groups[1].attrs,
			KACS_SE_GROUP_USE_FOR_DENY_ONLY);
	KUNIT_EXPECT_NE(test, tok->modified_id, mid);

	ent[0] = (struct kacs_group_entry){ KACS_GROUPS_RESET_INDEX, 0 };
	KUNIT_ASSERT_EQ(test, kacs_group_adjust_parse(tok, ent, 1, &adj), 0);
	KUNIT_EXPECT_TRUE(test, adj.reset);
	kacs_token_adjust_groups(tok, &adj, &prev);
	KUNIT_EXPECT_EQ(test, prev, 0x19ULL);
	KUNIT_EXPECT_TRUE(test, tok->groups[2].attrs & on);
	KUNIT_EXPECT_FALSE(test, tok->groups[3].attrs & on);
	/* Reset does not bring a deny-only group back. */
	KUNIT_EXPECT_EQ(test, tok->groups[1].attrs,
			KACS_SE_GROUP_USE_FOR_DENY_ONLY);
}

/* Append a little-endian u32 and return the new offset. */
static size_t kacs_test_put32(u8 *buf, size_t off, u32 v)
{
	put_unaligned_le32(v, buf + off);
	return off + 4;
}

/* Append a packed binary SID (13-appendix-a/2-ioctls.md RESTRICT). */
static size_t kacs_test_put_sid(u8 *buf, size_t off,
				const struct kacs_sid *sid)
{
	return off + kacs_sid_write(sid, buf + off);
}

/*
 * 13-appendix-a/2-ioctls.md KACS_IOC_RESTRICT: the payload layout must be
 * consumed exactly; duplicate or out-of-range deny indices and malformed
 * SIDs fail with no result token.
 */
static void kacs_test_restrict_rejects(struct kunit *test)
{
	struct kacs_token *tok = kacs_test_adjustable(test);
	struct kacs_restrict_args args;
	u8 data[64] = {};
	size_t n;

	/* The fixed part. */
	args = (struct kacs_restrict_args){ .pad = 1 };
	KUNIT_EXPECT_FALSE(test, kacs_restrict_args_valid(&args));
	args = (struct kacs_restrict_args){ .flags = 2 };
	KUNIT_EXPECT_FALSE(test, kacs_restrict_args_valid(&args));
	args = (struct kacs_restrict_args){ .privs_to_delete = BIT_ULL(1) };
	KUNIT_EXPECT_FALSE(test, kacs_restrict_args_valid(&args));
	args = (struct kacs_restrict_args){ .num_deny_indices = 65 };
	KUNIT_EXPECT_FALSE(test, kacs_restrict_args_valid(&args));
	args = (struct kacs_restrict_args){ .num_restrict_sids = 65 };
	KUNIT_EXPECT_FALSE(test, kacs_restrict_args_valid(&args));
	args = (struct kacs_restrict_args){ .data_len = 65537 };
	KUNIT_EXPECT_FALSE(test, kacs_restrict_args_valid(&args));
	KUNIT_EXPECT_EQ(test, PTR_ERR(kacs_token_restrict(tok, &args, data,
							  GFP_KERNEL)),
			-EINVAL);
	args = (struct kacs_restrict_args){
		.privs_to_delete = KACS_PRIV_VALID_MASK, .flags = 1 };
	KUNIT_EXPECT_TRUE(test, kacs_restrict_args_valid(&args));

	/* Deny indices are zero-based: index == ngroups is past the end. */
	kacs_test_put32(data, 0, 5);
	args = (struct kacs_restrict_args){ .num_deny_indices = 1,
					    .data_len = 4 };
	KUNIT_EXPECT_EQ(test, PTR_ERR(kacs_token_restrict(tok, &args, data,
							  GFP_KERNEL)),
			-EINVAL);
	/* A duplicate deny index is invalid. */
	kacs_test_put32(data, 0, 2);
	kacs_test_put32(data, 4, 2);
	args = (struct kacs_restrict_args){ .num_deny_indices = 2,
					    .data_len = 8 };
	KUNIT_EXPECT_EQ(test, PTR_ERR(kacs_token_restrict(tok, &args, data,
							  GFP_KERNEL)),
			-EINVAL);
	/* Fewer bytes than indices. */
	kacs_test_put32(data, 0, 1);
	args = (struct kacs_restrict_args){ .num_deny_indices = 2,
					    .data_len = 4 };
	KUNIT_EXPECT_EQ(test, PTR_ERR(kacs_token_restrict(tok, &args, data,
							  GFP_KERNEL)),
			-EINVAL);
	/* Bytes left over. */
	args = (struct kacs_restrict_args){ .num_deny_indices = 1,
					    .data_len = 5 };
	KUNIT_EXPECT_EQ(test, PTR_ERR(kacs_token_restrict(tok, &args, data,
							  GFP_KERNEL)),
			-EINVAL);
	/* A SID cut short by data_len. */
	n = kacs_test_put_sid(data, 0, &kacs_sid_everyone);
	args = (struct kacs_restrict_args){ .num_restrict_sids = 1,
					    .data_len = n - 1 };
	KUNIT_EXPECT_EQ(test, PTR_ERR(kacs_token_restrict(tok, &args, data,
							  GFP_KERNEL)),
			-EINVAL);
	/* A byte after the last SID: data_len must match exactly. */
	args.data_len = n + 1;
	KUNIT_EXPECT_EQ(test, PTR_ERR(kacs_token_restrict(tok, &args, data,
							  GFP_KERNEL)),
			-EINVAL);
	/* A second SID announced, none there. */
	n = kacs_test_put_sid(data, 0, &kacs_sid_everyone);
	args = (struct kacs_restrict_args){ .num_restrict_sids = 2,
					    .data_len = n };
	KUNIT_EXPECT_EQ(test, PTR_ERR(kacs_token_restrict(tok, &args, data,
							  GFP_KERNEL)),
			-EINVAL);
	/* Not a SID (revision 2). */
	data[0] = 2;
	args.num_restrict_sids = 1;
	KUNIT_EXPECT_EQ(test, PTR_ERR(kacs_token_restrict(tok, &args, data,
							  GFP_KERNEL)),
			-EINVAL);
}

/*
 * 13-appendix-a/2-ioctls.md KACS_IOC_RESTRICT: privileges removed for
 * good, deny-only groups, restricting SIDs (intersected when restricting
 * again), write_restricted with user_deny_only, elevation Default; the
 * source token is untouched.
 */
static void kacs_test_restrict(struct kunit *test)
{
	struct kacs_token *src = kacs_test_adjustable(test), *tok, *tok2;
	const u64 debug = BIT_ULL(KACS_SE_DEBUG);
	struct kacs_restrict_args args = {};
	struct kacs_sid_attr before[5];
	u8 data[128] = {};
	size_t n;
	int ret;

	memcpy(before, src->groups, sizeof(before));
	atomic64_set(&src->privs_used, debug);
	n = kacs_test_put32(data, 0, 0);		/* groups[0] */
	n = kacs_test_put32(data, n, 2);		/* groups[2] */
	n = kacs_test_put_sid(data, n, &kacs_sid_everyone);
	n = kacs_test_put_sid(data, n, &kacs_sid_local);
	args.privs_to_delete = debug;
	args.num_deny_indices = 2;
	args.num_restrict_sids = 2;
	args.data_len = n;
	tok = kacs_token_restrict(src, &args, data, GFP_KERNEL);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(tok));
	ret = kunit_add_action_or_reset(test, kacs_test_token_put, tok);
	KUNIT_ASSERT_EQ(test, ret, 0);

	KUNIT_EXPECT_NE(test, tok->token_id, src->token_id);
	KUNIT_EXPECT_EQ(test, tok->privs_present, KACS_PRIV_VALID_MASK & ~debug);
	KUNIT_EXPECT_EQ(test, tok->privs_enabled, KACS_PRIV_VALID_MASK & ~debug);
	KUNIT_EXPECT_EQ(test, tok->privs_default, BIT_ULL(KACS_SE_BACKUP));
	KUNIT_EXPECT_EQ(test, atomic64_read(&tok->privs_used), 0LL);
	/* Indices name groups only: the user SID is left alone. */
	KUNIT_EXPECT_FALSE(test, tok->user_deny_only);
	KUNIT_EXPECT_FALSE(test, tok->write_restricted);
	KUNIT_EXPECT_EQ(test, tok->groups[0].attrs,
			(before[0].attrs | KACS_SE_GROUP_USE_FOR_DENY_ONLY) &
			~(KACS_SE_GROUP_ENABLED |
			  KACS_SE_GROUP_ENABLED_BY_DEFAULT));
	KUNIT_EXPECT_EQ(test, tok->groups[2].attrs,
			KACS_SE_GROUP_USE_FOR_DENY_ONLY);
	KUNIT_EXPECT_EQ(test, tok->groups[3].attrs, before[3].attrs);
	KUNIT_ASSERT_EQ(test, tok->nrestricted, 2U);
	KUNIT_EXPECT_TRUE(test, kacs_sid_equal(&tok->restricted[0].sid,
					       &kacs_sid_everyone));
	KUNIT_EXPECT_TRUE(test, kacs_sid_equal(&tok->restricted[1].sid,
					       &kacs_sid_local));
	KUNIT_EXPECT_EQ(test, tok->restricted[1].attrs,
			KACS_SE_GROUP_MANDATORY |
			KACS_SE_GROUP_ENABLED_BY_DEFAULT |
			KACS_SE_GROUP_ENABLED);
	/* The source token is untouched. */
	KUNIT_EXPECT_EQ(test, src->privs_present, KACS_PRIV_VALID_MASK);
	KUNIT_EXPECT_EQ(test, atomic64_read(&src->privs_used), (s64)debug);
	KUNIT_EXPECT_FALSE(test, src->user_deny_only);
	KUNIT_EXPECT_EQ(test, src->nrestricted, 0U);
	KUNIT_EXPECT_MEMEQ(test, src->groups, before, sizeof(before));

	/* Restricting again keeps the intersection of the SID lists. */
	n = kacs_test_put_sid(data, 0, &kacs_sid_local);
	n = kacs_test_put_sid(data, n, &kacs_sid_auth_users);
	args = (struct kacs_restrict_args){ .num_restrict_sids = 2,
		.data_len = n, .flags = KACS_RESTRICT_WRITE_RESTRICTED };
	tok2 = kacs_token_restrict(tok, &args, data, GFP_KERNEL);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(tok2));
	KUNIT_EXPECT_EQ(test, tok2->nrestricted, 1U);
	KUNIT_EXPECT_TRUE(test, kacs_sid_equal(&tok2->restricted[0].sid,
					       &kacs_sid_local));
	KUNIT_EXPECT_TRUE(test, tok2->write_restricted);
	KUNIT_EXPECT_TRUE(test, tok2->user_deny_only);
	KUNIT_EXPECT_EQ(test, tok->nrestricted, 2U);
	kacs_token_put(tok2);

	/* An empty intersection would read as unrestricted: refused. */
	n = kacs_test_put_sid(data, 0, &kacs_sid_auth_users);
	args = (struct kacs_restrict_args){ .num_restrict_sids = 1,
					    .data_len = n };
	KUNIT_EXPECT_EQ(test, PTR_ERR(kacs_token_restrict(tok, &args, data,
							  GFP_KERNEL)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tok->nrestricted, 2U);
}

/*
 * Owner SY; SACL: trust label S-1-19-512-8192 allowing
 * PROCESS_QUERY_LIMITED; DACL present and empty (72 bytes).
 */
static const u8 kacs_test_labelled_psd[72] = {
	0x01, 0x00, 0x14, 0x80, 0x14, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00,
	0x40, 0x00, 0x00, 0x00,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x12, 0x00, 0x00, 0x00,
	0x02, 0x00, 0x20, 0x00, 0x01, 0x00, 0x00, 0x00,
	0x14, 0x00, 0x18, 0x00, 0x00, 0x10, 0x00, 0x00,
	0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x13,
	0x00, 0x02, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00,
	0x02, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/*
 * SeDebugPrivilege skips the DACL of a process SD but never its trust
 * label (DESIGN Q32; v0.20 10-access-check/7-pip.md "No privilege
 * escape").
 */
static void kacs_test_debug_trust_label(struct kunit *test)
{
	const u32 ql = KACS_PROCESS_QUERY_LIMITED, term = KACS_PROCESS_TERMINATE;
	struct kacs_token *tok = kacs_system_token;
	struct kacs_psb *psb;
	struct kacs_psd *psd;
	u8 unlabelled[40];

	psb = kacs_psb_alloc(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, psb);
	psd = kacs_psd_alloc(kacs_test_labelled_psd,
			     sizeof(kacs_test_labelled_psd), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, psd);
	kacs_psb_set_sd(psb, psd);

	/* Without SeDebug the empty DACL denies everything. */
	KUNIT_EXPECT_EQ(test, kacs_token_check_sd(tok, 0, 0, psd->data,
						  psd->len,
						  KACS_PROCESS_QUERY_LIMITED,
						  &kacs_process_mapping, NULL,
						  0, NULL), -EACCES);
	/* With it, only the trust label's mask is left to a non-dominant. */
	KUNIT_EXPECT_EQ(test, kacs_debug_check_process(tok, 0, 0, psb, ql),
			0);
	KUNIT_EXPECT_EQ(test, kacs_debug_check_process(tok, 0, 0, psb, term),
			-EACCES);
	KUNIT_EXPECT_EQ(test, kacs_debug_check_process(tok, 512, 8191, psb, term),
			-EACCES);
	KUNIT_EXPECT_EQ(test, kacs_debug_check_process(tok, 512, 8192, psb, term),
			0);

	/* No trust label: SeDebug passes the empty DACL. */
	memcpy(unlabelled, kacs_test_labelled_psd, 32);
	unlabelled[2] = 0x04;			/* DACL only */
	unlabelled[12] = 0;			/* no SACL */
	unlabelled[16] = 0x20;			/* DACL right after owner */
	memcpy(unlabelled + 32, kacs_test_labelled_psd + 64, 8);
	psd = kacs_psd_alloc(unlabelled, sizeof(unlabelled), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, psd);
	kacs_psb_set_sd(psb, psd);
	KUNIT_EXPECT_EQ(test, kacs_debug_check_process(tok, 0, 0, psb, term),
			0);
	kacs_psb_put(psb);
}

/* 5-psb/3-process-sd.md Signal classification, signal 0 included. */
static void kacs_test_signal_rights(struct kunit *test)
{
	static const int term[] = { SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP,
		SIGABRT, SIGBUS, SIGFPE, SIGKILL, SIGUSR1, SIGSEGV, SIGUSR2,
		SIGPIPE, SIGALRM, SIGTERM, SIGSTKFLT, SIGXCPU, SIGXFSZ,
		SIGVTALRM, SIGPROF, SIGIO, SIGPWR, SIGSYS, 32, 34, 64 };
	static const int susp[] = { SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU,
		SIGCONT };
	static const int sig[] = { SIGCHLD, SIGURG, SIGWINCH };
	unsigned int i;

	KUNIT_EXPECT_EQ(test, kacs_signal_right(0),
			KACS_PROCESS_QUERY_LIMITED);
	for (i = 0; i < ARRAY_SIZE(term); i++)
		KUNIT_EXPECT_EQ(test, kacs_signal_right(term[i]),
				KACS_PROCESS_TERMINATE);
	for (i = 0; i < ARRAY_SIZE(susp); i++)
		KUNIT_EXPECT_EQ(test, kacs_signal_right(susp[i]),
				KACS_PROCESS_SUSPEND_RESUME);
	for (i = 0; i < ARRAY_SIZE(sig); i++)
		KUNIT_EXPECT_EQ(test, kacs_signal_right(sig[i]),
				KACS_PROCESS_SIGNAL);
}

/*
 * A credential recorded by an asynchronous sender (the USB asyncio
 * completion signal) is judged as the process it belongs to, through the
 * PSB its blob references: the target's own process passes its own PIP;
 * another process (a copied PSB, PIP None) is refused by it.
 */
static void kacs_test_recorded_cred(struct kunit *test)
{
	struct kacs_psb *psb = kacs_task_psb(current), *other_psb;
	const struct cred *own;
	struct cred *other;
	u32 type, trust;

	KUNIT_ASSERT_NOT_NULL(test, psb);
	KUNIT_ASSERT_PTR_EQ(test, kacs_cred_psb(current_cred()), psb);
	other_psb = kacs_psb_copy(psb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, other_psb);
	other = prepare_creds();
	if (!other) {
		kacs_psb_put(other_psb);
		KUNIT_FAIL_AND_ABORT(test, "prepare_creds() failed");
	}
	kacs_psb_put(kacs_cred(other)->psb);
	kacs_cred(other)->psb = other_psb;
	own = get_current_cred();

	kacs_psb_pip(psb, &type, &trust);
	kacs_psb_set_pip(psb, KACS_PIP_PROTECTED, KACS_PIP_TRUST_PEIOS_TCB);
	KUNIT_EXPECT_EQ(test, kacs_check_process(own, current,
						 KACS_PROCESS_TERMINATE), 0);
	KUNIT_EXPECT_EQ(test, kacs_check_process(other, current,
						 KACS_PROCESS_TERMINATE),
			-EPERM);
	kacs_psb_set_pip(psb, type, trust);
	KUNIT_EXPECT_EQ(test, kacs_check_process(other, current,
						 KACS_PROCESS_TERMINATE), 0);

	put_cred(own);
	abort_creds(other);
}

static struct kunit_case kacs_lsm_cases[] = {
	KUNIT_CASE(kacs_test_system_token),
	KUNIT_CASE(kacs_test_process_template),
	KUNIT_CASE(kacs_test_process_template_shared),
	KUNIT_CASE(kacs_test_token_copy),
	KUNIT_CASE(kacs_test_token_duplicate),
	KUNIT_CASE(kacs_test_adjust_privs_rejects),
	KUNIT_CASE(kacs_test_adjust_privs),
	KUNIT_CASE(kacs_test_adjust_groups_rejects),
	KUNIT_CASE(kacs_test_adjust_groups),
	KUNIT_CASE(kacs_test_restrict_rejects),
	KUNIT_CASE(kacs_test_restrict),
	KUNIT_CASE(kacs_test_signal_rights),
	KUNIT_CASE(kacs_test_recorded_cred),
	KUNIT_CASE(kacs_test_debug_trust_label),
	{}
};

/* The cases use the SYSTEM token, which exists only when KACS is active. */
static int kacs_lsm_test_init(struct kunit *test)
{
	if (!kacs_initialized)
		kunit_skip(test, "KACS is not an active LSM");
	return 0;
}

static struct kunit_suite kacs_lsm_suite = {
	.name = "kacs_lsm",
	.init = kacs_lsm_test_init,
	.test_cases = kacs_lsm_cases,
};

kunit_test_suite(kacs_lsm_suite);
