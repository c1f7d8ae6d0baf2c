// SPDX-License-Identifier: GPL-2.0-only
/*
 * User-space runner for the KACS engine tables shared with the KUnit
 * suites (security/kacs/kunit_tables.h).
 */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct kt_ctx {
	const char *suite;
	const char *name;
	unsigned int checks, failures;
};

static void kt_fail(struct kt_ctx *c, const char *what, const char *detail)
{
	c->failures++;
	fprintf(stderr, "FAIL %s/%s: %s %s\n", c->suite, c->name, what,
		detail);
}

#define KT_EXPECT_EQ(ctx, what, got, want)				\
	do {								\
		struct kt_ctx *__c = (ctx);				\
		long long __g = (long long)(got);			\
		long long __w = (long long)(want);			\
		char __d[96];						\
									\
		__c->checks++;						\
		if (__g != __w) {					\
			snprintf(__d, sizeof(__d),			\
				 "got %lld (0x%llx) want %lld (0x%llx)",\
				 __g, (unsigned long long)__g, __w,	\
				 (unsigned long long)__w);		\
			kt_fail(__c, what, __d);			\
		}							\
	} while (0)

#define KT_EXPECT_TRUE(ctx, what, cond)					\
	do {								\
		struct kt_ctx *__c = (ctx);				\
									\
		__c->checks++;						\
		if (!(cond))						\
			kt_fail(__c, what, "is false");			\
	} while (0)

#include "kunit_tables.h"

static unsigned int total_checks, total_failures, total_cases;

static void done(struct kt_ctx *c)
{
	total_checks += c->checks;
	total_failures += c->failures;
	total_cases++;
}

static void report(const char *suite, const char *table, size_t n)
{
	printf("%-8s %-24s %zu cases\n", suite, table, n);
}

static void run_one(const char *suite, const char *name,
		    void (*fn)(void *ctx))
{
	struct kt_ctx c = { .suite = suite, .name = name };

	fn(&c);
	done(&c);
}

/* Write fuzzer seeds: 16 control bytes followed by each valid table SD. */
static int write_seeds(const char *dir)
{
	static const u8 ctl[3][16] = {
		{ 0 },
		{ 0, 0x0e, 0x80, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0x1f },
		{ 1, 0x3f, 0xc0, 1, 0xff, 0xff, 0xff, 0xff,
		  0xff, 0xff, 0xff, 0xff, 64, 128, 0x41, 0x10 },
	};
	char path[4096];
	size_t i, j, len;
	FILE *f;
	u8 *buf;

	for (i = 0; i < ARRAY_SIZE(kt_good_sds); i++) {
		if (kt_good_sds[i].len > 4096)
			continue;
		buf = kt_sd_input_bytes(&kt_good_sds[i], &len);
		if (!buf)
			return 1;
		for (j = 0; j < ARRAY_SIZE(ctl); j++) {
			snprintf(path, sizeof(path), "%s/seed-%s-%zu", dir,
				 kt_good_sds[i].name, j);
			f = fopen(path, "wb");
			if (!f || fwrite(ctl[j], 16, 1, f) != 1 ||
			    (len && fwrite(buf, len, 1, f) != 1)) {
				perror(path);
				return 1;
			}
			fclose(f);
		}
		kfree(buf);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct kt_ctx c;
	size_t i;

	if (argc == 3 && !strcmp(argv[1], "--seeds"))
		return write_seeds(argv[2]);

	for (i = 0; i < ARRAY_SIZE(kt_sid_strings); i++) {
		c = (struct kt_ctx){ .suite = "sid", .name = kt_sid_strings[i] };
		kt_check_sid_string(&c, kt_sid_strings[i]);
		done(&c);
	}
	report("sid", "round trips", ARRAY_SIZE(kt_sid_strings));
	for (i = 0; i < ARRAY_SIZE(kt_bad_sid_strings); i++) {
		c = (struct kt_ctx){ .suite = "sid",
				     .name = kt_bad_sid_strings[i] };
		kt_check_bad_sid_string(&c, kt_bad_sid_strings[i]);
		done(&c);
	}
	report("sid", "malformed strings", ARRAY_SIZE(kt_bad_sid_strings));
	for (i = 0; i < ARRAY_SIZE(kt_sid_bins); i++) {
		c = (struct kt_ctx){ .suite = "sid", .name = kt_sid_bins[i].str };
		kt_check_sid_bin(&c, &kt_sid_bins[i]);
		done(&c);
	}
	report("sid", "binary vectors", ARRAY_SIZE(kt_sid_bins));
	for (i = 0; i < ARRAY_SIZE(kt_bad_sid_bins); i++) {
		c = (struct kt_ctx){ .suite = "sid",
				     .name = kt_bad_sid_bins[i].name };
		kt_check_bad_sid_bin(&c, &kt_bad_sid_bins[i]);
		done(&c);
	}
	report("sid", "malformed binary", ARRAY_SIZE(kt_bad_sid_bins));
	run_one("sid", "helpers", kt_check_sid_helpers);

	for (i = 0; i < ARRAY_SIZE(kt_bad_sds); i++) {
		c = (struct kt_ctx){ .suite = "sd", .name = kt_bad_sds[i].name };
		kt_check_bad_sd(&c, &kt_bad_sds[i]);
		done(&c);
	}
	report("sd", "malformed SDs", ARRAY_SIZE(kt_bad_sds));
	for (i = 0; i < ARRAY_SIZE(kt_good_sds); i++) {
		c = (struct kt_ctx){ .suite = "sd", .name = kt_good_sds[i].name };
		kt_check_good_sd(&c, &kt_good_sds[i]);
		done(&c);
	}
	report("sd", "valid SDs", ARRAY_SIZE(kt_good_sds));
	run_one("sd", "build_default", kt_check_build_default);
	run_one("sd", "build_variants", kt_check_build_variants);
	run_one("sd", "select_merge", kt_check_select_merge);

	for (i = 0; i < ARRAY_SIZE(kt_access_cases); i++) {
		c = (struct kt_ctx){ .suite = "access",
				     .name = kt_access_cases[i].name };
		kt_check_access_case(&c, &kt_access_cases[i]);
		done(&c);
	}
	report("access", "AccessCheck cases", ARRAY_SIZE(kt_access_cases));
	run_one("access", "map_generic", kt_check_map_generic);

	for (i = 0; i < ARRAY_SIZE(kt_pip_cases); i++) {
		const struct kt_pip_case *p = &kt_pip_cases[i];

		c = (struct kt_ctx){ .suite = "pip", .name = "dominance" };
		KT_EXPECT_EQ(&c, "dominates",
			     kacs_pip_dominates(p->ct, p->ctr, p->tt, p->ttr),
			     p->dominates);
		done(&c);
	}
	report("pip", "dominance cases", ARRAY_SIZE(kt_pip_cases));

	printf("%u test cases, %u checks, %u failures\n", total_cases,
	       total_checks, total_failures);
	return total_failures ? 1 : 0;
}
