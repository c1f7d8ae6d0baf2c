// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the KACS engine: SIDs, security descriptors, AccessCheck
 * and PIP dominance.  The tables and test bodies live in kunit_tables.h and
 * are shared with the user-space harness in tools/testing/kacs-engine.
 */

#include <kunit/test.h>
#include <linux/string.h>

#define KT_EXPECT_EQ(ctx, what, got, want)				\
	KUNIT_EXPECT_EQ_MSG(((struct kunit *)(ctx)), (long long)(got),	\
			    (long long)(want), "%s", what)
#define KT_EXPECT_TRUE(ctx, what, cond)					\
	KUNIT_EXPECT_TRUE_MSG(((struct kunit *)(ctx)), (cond), "%s", what)

#include "kunit_tables.h"

/*
 * Every case cites the Peios KACS v0.20 clause it checks: the tables in
 * kunit_tables.h carry a .spec string (checked to be present) or a
 * comment per entry, the other cases a comment.
 */

/* kacs_sid */

static void kt_str_desc(const char *const *s, char *desc)
{
	strscpy(desc, *s, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kt_sid_strings, kt_sid_strings, kt_str_desc);
KUNIT_ARRAY_PARAM(kt_bad_sid_strings, kt_bad_sid_strings, kt_str_desc);

static void kacs_sid_string_round_trip(struct kunit *test)
{
	const char *const *s = test->param_value;

	kt_check_sid_string(test, *s);
}

static void kacs_sid_string_malformed(struct kunit *test)
{
	const char *const *s = test->param_value;

	kt_check_bad_sid_string(test, *s);
}

static void kt_sid_bin_desc(const struct kt_sid_bin *b, char *desc)
{
	strscpy(desc, b->str, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kt_sid_bins, kt_sid_bins, kt_sid_bin_desc);

static void kacs_sid_binary_vectors(struct kunit *test)
{
	kt_check_sid_bin(test, test->param_value);
}

static void kt_bad_sid_bin_desc(const struct kt_bad_sid_bin *b, char *desc)
{
	strscpy(desc, b->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kt_bad_sid_bins, kt_bad_sid_bins, kt_bad_sid_bin_desc);

static void kacs_sid_binary_malformed(struct kunit *test)
{
	kt_check_bad_sid_bin(test, test->param_value);
}

static void kacs_sid_helpers(struct kunit *test)
{
	kt_check_sid_helpers(test);
}

static struct kunit_case kacs_sid_cases[] = {
	KUNIT_CASE_PARAM(kacs_sid_string_round_trip,
			 kt_sid_strings_gen_params),
	KUNIT_CASE_PARAM(kacs_sid_string_malformed,
			 kt_bad_sid_strings_gen_params),
	KUNIT_CASE_PARAM(kacs_sid_binary_vectors, kt_sid_bins_gen_params),
	KUNIT_CASE_PARAM(kacs_sid_binary_malformed,
			 kt_bad_sid_bins_gen_params),
	KUNIT_CASE(kacs_sid_helpers),
	{}
};

static struct kunit_suite kacs_sid_suite = {
	.name = "kacs_sid",
	.test_cases = kacs_sid_cases,
};

/* kacs_sd */

static void kt_sd_input_desc(const struct kt_sd_input *in, char *desc)
{
	strscpy(desc, in->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kt_bad_sds, kt_bad_sds, kt_sd_input_desc);
KUNIT_ARRAY_PARAM(kt_good_sds, kt_good_sds, kt_sd_input_desc);

static void kacs_sd_malformed(struct kunit *test)
{
	kt_check_bad_sd(test, test->param_value);
}

static void kacs_sd_valid(struct kunit *test)
{
	kt_check_good_sd(test, test->param_value);
}

static void kacs_sd_build_default(struct kunit *test)
{
	kt_check_build_default(test);
}

static void kacs_sd_build_variants(struct kunit *test)
{
	kt_check_build_variants(test);
}

static void kacs_sd_select_merge(struct kunit *test)
{
	kt_check_select_merge(test);
}

static struct kunit_case kacs_sd_cases[] = {
	KUNIT_CASE_PARAM(kacs_sd_malformed, kt_bad_sds_gen_params),
	KUNIT_CASE_PARAM(kacs_sd_valid, kt_good_sds_gen_params),
	KUNIT_CASE(kacs_sd_build_default),
	KUNIT_CASE(kacs_sd_build_variants),
	KUNIT_CASE(kacs_sd_select_merge),
	{}
};

static struct kunit_suite kacs_sd_suite = {
	.name = "kacs_sd",
	.test_cases = kacs_sd_cases,
};

/* kacs_access */

static void kt_access_desc(const struct kt_access_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kt_access_cases, kt_access_cases, kt_access_desc);

static void kacs_access_table(struct kunit *test)
{
	kt_check_access_case(test, test->param_value);
}

static void kacs_access_map_generic(struct kunit *test)
{
	kt_check_map_generic(test);
}

/*
 * 10-access-check/10-algorithm.md step 1 (input validation): a missing
 * token, SD, mapping or result is invalid, and so is a subject whose
 * group count has no groups; GENERIC_ALL on the SYSTEM-owned default SD
 * maps to the process generic mapping (step 2).
 */
static void kacs_access_bad_arguments(struct kunit *test)
{
	struct kacs_subject subj = { .user = &kacs_sid_system };
	struct kacs_access_result res = { 1, 1 };
	struct kacs_sd sd;

	KUNIT_ASSERT_EQ(test, kacs_sd_parse(&sd, kt_sd_default_sy,
					    sizeof(kt_sd_default_sy)), 0);
	KUNIT_EXPECT_EQ(test, kacs_access_check(NULL, &sd, 1,
						&kacs_process_mapping, NULL,
						0, &res), -EINVAL);
	KUNIT_EXPECT_EQ(test, res.granted, 0);
	KUNIT_EXPECT_EQ(test, kacs_access_check(&subj, NULL, 1,
						&kacs_process_mapping, NULL,
						0, &res), -EINVAL);
	KUNIT_EXPECT_EQ(test, kacs_access_check(&subj, &sd, 1, NULL, NULL, 0,
						&res), -EINVAL);
	KUNIT_EXPECT_EQ(test, kacs_access_check(&subj, &sd, 1,
						&kacs_process_mapping, NULL,
						0, NULL), -EINVAL);
	subj.ngroups = 1;
	KUNIT_EXPECT_EQ(test, kacs_access_check(&subj, &sd, 1,
						&kacs_process_mapping, NULL,
						0, &res), -EINVAL);
	subj.ngroups = 0;
	KUNIT_EXPECT_EQ(test, kacs_access_check(&subj, &sd, KACS_GENERIC_ALL,
						&kacs_process_mapping, NULL,
						0, &res), 0);
	KUNIT_EXPECT_EQ(test, res.granted, KACS_PROCESS_GENERIC_ALL);
}

static struct kunit_case kacs_access_cases[] = {
	KUNIT_CASE_PARAM(kacs_access_table, kt_access_cases_gen_params),
	KUNIT_CASE(kacs_access_map_generic),
	KUNIT_CASE(kacs_access_bad_arguments),
	{}
};

static struct kunit_suite kacs_access_suite = {
	.name = "kacs_access",
	.test_cases = kacs_access_cases,
};

/* kacs_pip */

static void kt_pip_desc(const struct kt_pip_case *p, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u/%u vs %u/%u", p->ct, p->ctr,
		 p->tt, p->ttr);
}

KUNIT_ARRAY_PARAM(kt_pip_cases, kt_pip_cases, kt_pip_desc);

static void kacs_pip_dominance(struct kunit *test)
{
	const struct kt_pip_case *p = test->param_value;

	KUNIT_EXPECT_TRUE(test, p->spec && *p->spec);
	KUNIT_EXPECT_EQ(test, kacs_pip_dominates(p->ct, p->ctr, p->tt, p->ttr),
			p->dominates);
}

static struct kunit_case kacs_pip_cases[] = {
	KUNIT_CASE_PARAM(kacs_pip_dominance, kt_pip_cases_gen_params),
	{}
};

static struct kunit_suite kacs_pip_suite = {
	.name = "kacs_pip",
	.test_cases = kacs_pip_cases,
};

kunit_test_suites(&kacs_sid_suite, &kacs_sd_suite, &kacs_access_suite,
		  &kacs_pip_suite);
