// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - KUnit tests for the LSM glue: bootstrap token, token copies,
 * default process SD and the signal right table
 */

#include <kunit/test.h>
#include <linux/signal.h>
#include <linux/slab.h>

#include "common.h"
#include "process.h"
#include "psb.h"
#include "sd.h"
#include "token.h"

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
}

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
	KUNIT_EXPECT_EQ(test, tok->sd_len, src->sd_len);
	KUNIT_EXPECT_PTR_NE(test, tok->groups, src->groups);
	/* An adjustment of the copy is invisible to the source. */
	tok->privs_enabled = 0;
	KUNIT_EXPECT_EQ(test, src->privs_enabled, KACS_PRIV_VALID_MASK);
	kacs_token_put(tok);
}

static void kacs_test_token_duplicate(struct kunit *test)
{
	struct kacs_token *tok;
	struct kacs_sd sd;
	u32 granted;

	tok = kacs_token_duplicate(kacs_system_token, KACS_TOKEN_PRIMARY,
				   KACS_LEVEL_DELEGATION, &kacs_sid_system,
				   GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tok);
	KUNIT_EXPECT_EQ(test, tok->level, (u32)KACS_LEVEL_ANONYMOUS);
	KUNIT_EXPECT_EQ(test, tok->elevation, (u32)KACS_ELEVATION_DEFAULT);
	KUNIT_EXPECT_EQ(test, kacs_sd_parse(&sd, tok->sd, tok->sd_len), 0);
	/* SYSTEM is creator and user: full access through the SY ACE. */
	KUNIT_EXPECT_EQ(test, kacs_token_check_sd(kacs_system_token, 0, 0,
						  tok->sd, tok->sd_len,
						  KACS_TOKEN_ALL_ACCESS,
						  &kacs_token_mapping, NULL,
						  0, &granted), 0);
	KUNIT_EXPECT_EQ(test, granted, KACS_TOKEN_ALL_ACCESS);
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

static struct kunit_case kacs_lsm_cases[] = {
	KUNIT_CASE(kacs_test_system_token),
	KUNIT_CASE(kacs_test_process_template),
	KUNIT_CASE(kacs_test_token_copy),
	KUNIT_CASE(kacs_test_token_duplicate),
	KUNIT_CASE(kacs_test_signal_rights),
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
