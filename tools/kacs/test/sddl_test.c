// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host tests of the kacs tool's SID, rights and SDDL code (no KACS kernel
 * needed): make -C tools/kacs test
 *
 *  - SID strings, names, privilege and right names;
 *  - the security descriptors the KACS selftests build, from their own
 *    byte layout: binary -> SDDL -> binary is byte-identical, and the
 *    SDDL is the one expected;
 *  - random descriptors from the same elements (all ACE types the
 *    selftests use, every ACE flag byte, any mask, SIDs of 0 to 15
 *    sub-authorities): both round trips;
 *  - a corpus of malformed SDDL: each is refused with the column and the
 *    message listed;
 *  - mutations of valid SDDL: never a crash, an error column inside the
 *    text, and a stable round trip whenever the text is accepted.
 *
 * Ends with "N passed, N failed"; exits 1 on any failure.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kacs.h>

#include "../sddl.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int passed, failed;

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		passed++;
		return;
	}
	failed++;
	printf("not ok: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* ---- an SD builder of its own, in the selftests' layout ---- */

struct tace {
	__u8 type, flags;
	__u32 mask;
	const char *sid;
};

struct tsd {
	const char *owner, *group;
	int dacl;		/* 0 none, 1 ACL, 2 present but NULL */
	int sacl;
	__u16 extra;		/* control bits besides the present bits */
	struct tace d[8], s[4];
	const char *want;	/* expected SDDL, or NULL */
};

static size_t put_sid(__u8 *b, const char *s)
{
	struct kt_sid sid;
	struct kt_err e;

	if (kt_sid_parse(s, strlen(s), &sid, &e)) {
		printf("bad test SID %s: %s\n", s, e.msg);
		exit(2);
	}
	memcpy(b, sid.b, sid.len);
	return sid.len;
}

static size_t put_acl(__u8 *b, const struct tace *a, int max)
{
	size_t off = 8, l;
	__u16 n = 0;
	int i;

	for (i = 0; i < max && a[i].sid; i++, n++) {
		l = put_sid(b + off + 8, a[i].sid);
		b[off] = a[i].type;
		b[off + 1] = a[i].flags;
		b[off + 2] = (8 + l) & 0xff;
		b[off + 3] = (8 + l) >> 8;
		memcpy(b + off + 4, &a[i].mask, 4);
		off += 8 + l;
	}
	b[0] = KACS_ACL_REVISION;
	b[2] = off & 0xff;
	b[3] = off >> 8;
	memcpy(b + 4, &n, 2);
	return off;
}

/* Header, owner, group, SACL, DACL: the layout of kacs_build_sd() and of
 * access_test.c's build_sd(), and the kernel's.
 */
static size_t build(__u8 *b, const struct tsd *t)
{
	__u16 control = KACS_SE_SELF_RELATIVE | t->extra;
	__u32 off = 20;

	memset(b, 0, 4096);
	b[0] = 1;
	if (t->owner) {
		memcpy(b + 4, &off, 4);
		off += put_sid(b + off, t->owner);
	}
	if (t->group) {
		memcpy(b + 8, &off, 4);
		off += put_sid(b + off, t->group);
	}
	if (t->sacl) {
		control |= KACS_SE_SACL_PRESENT;
		if (t->sacl == 1) {
			memcpy(b + 12, &off, 4);
			off += put_acl(b + off, t->s, 4);
		}
	}
	if (t->dacl) {
		control |= KACS_SE_DACL_PRESENT;
		if (t->dacl == 1) {
			memcpy(b + 16, &off, 4);
			off += put_acl(b + off, t->d, 8);
		}
	}
	memcpy(b + 2, &control, 2);
	return off;
}

#define ALICE	"S-1-5-21-100-200-300-1001"
#define BOB	"S-1-5-21-100-200-300-1002"
#define G2001	"S-1-5-21-100-200-300-2001"
#define TCB	"S-1-19-512-8192"
#define A	KACS_ACCESS_ALLOWED_ACE_TYPE
#define D	KACS_ACCESS_DENIED_ACE_TYPE
#define AU	KACS_SYSTEM_AUDIT_ACE_TYPE
#define AL	0x03
#define ML	KACS_SYSTEM_MANDATORY_LABEL_ACE_TYPE
#define TL	KACS_SYSTEM_PROCESS_TRUST_LABEL_ACE_TYPE
#define GA	KACS_GENERIC_ALL
#define IO	KACS_INHERIT_ONLY_ACE

/* The descriptors of the KACS selftests (file and function in comments). */
static const struct tsd selftest_sds[] = {
	/* kacs_test.c default_process_sd: the default process SD */
	{ "SY", "BA", 1, 0, 0, { { A, 0, GA, "SY" }, { A, 0, GA, "BA" },
	  { A, 0, GA, "SY" }, { A, 0, KACS_PROCESS_QUERY_LIMITED, "WD" } },
	  {}, "O:SYG:BAD:(A;;GA;;;SY)(A;;GA;;;BA)(A;;GA;;;SY)(A;;0x1000;;;WD)" },
	/* kacs_test.c: the DACL of one ACE set on a process */
	{ NULL, NULL, 1, 0, 0, { { A, 0, GA, "SY" } }, {}, "D:(A;;GA;;;SY)" },
	/* kacs_test.c: a cgroup SD with an allow and a deny for alice */
	{ "SY", NULL, 1, 0, 0, { { A, 0, KACS_FILE_GENERIC_READ, ALICE },
	  { D, 0, KACS_FILE_WRITE_DATA, ALICE } }, {},
	  "O:SYD:(A;;FR;;;" ALICE ")(D;;0x2;;;" ALICE ")" },
	/* gates_test.c: process DACLs SYSTEM + alice with a mask */
	{ NULL, NULL, 1, 0, 0, { { A, 0, GA, "SY" },
	  { A, 0, KACS_PROCESS_TERMINATE, ALICE } }, {},
	  "D:(A;;GA;;;SY)(A;;0x1;;;" ALICE ")" },
	{ NULL, NULL, 1, 0, 0, { { A, 0, GA, "SY" },
	  { A, 0, KACS_PROCESS_VM_READ | KACS_PROCESS_VM_WRITE, ALICE } }, {},
	  "D:(A;;GA;;;SY)(A;;0x30;;;" ALICE ")" },
	{ NULL, NULL, 1, 0, 0, { { A, 0, GA, "SY" }, { A, 0, 0, ALICE } }, {},
	  "D:(A;;GA;;;SY)(A;;0x0;;;" ALICE ")" },
	/* impersonation_test.c, process_test.c, tokens_test.c: token DACLs */
	{ NULL, NULL, 1, 0, 0, { { A, 0, KACS_TOKEN_QUERY, "WD" },
	  { A, 0, KACS_TOKEN_ALL_ACCESS, "SY" } }, {},
	  "D:(A;;0x8;;;WD)(A;;0xf01ff;;;SY)" },
	{ NULL, NULL, 1, 0, 0, { { A, 0, KACS_TOKEN_ALL_ACCESS, "SY" },
	  { A, 0, KACS_TOKEN_QUERY, "WD" } }, {},
	  "D:(A;;0xf01ff;;;SY)(A;;0x8;;;WD)" },
	{ NULL, NULL, 1, 0, 0, { { A, 0, KACS_READ_CONTROL | KACS_TOKEN_QUERY,
	  ALICE }, { A, 0, KACS_TOKEN_ALL_ACCESS, "SY" } }, {},
	  "D:(A;;0x20008;;;" ALICE ")(A;;0xf01ff;;;SY)" },
	{ NULL, NULL, 1, 0, 0, { { A, 0, KACS_TOKEN_ALL_ACCESS, ALICE } }, {},
	  "D:(A;;0xf01ff;;;" ALICE ")" },
	/* impersonation_test.c: owner only, no DACL */
	{ "SY", NULL, 0, 0, 0, {}, {}, "O:SY" },
	/* privileges_test.c, tokens_test.c: owner and an empty DACL */
	{ "SY", NULL, 1, 0, 0, {}, {}, "O:SYD:" },
	/* clone_test.c, kacs clone-demo: a cgroup SD */
	{ "SY", "BA", 1, 0, 0, { { A, 0, GA, "SY" }, { A, 0, GA, "BA" },
	  { A, 0, KACS_FILE_GENERIC_READ | KACS_FILE_WRITE_DATA, ALICE } }, {},
	  "O:SYG:BAD:(A;;GA;;;SY)(A;;GA;;;BA)(A;;0x12008b;;;" ALICE ")" },
	/* the default cgroup SD */
	{ "SY", "BA", 1, 0, 0, { { A, 0, GA, "SY" }, { A, 0, GA, "BA" },
	  { A, 0, GA, "SY" }, { A, 0, KACS_FILE_GENERIC_READ, "WD" } }, {},
	  "O:SYG:BAD:(A;;GA;;;SY)(A;;GA;;;BA)(A;;GA;;;SY)(A;;FR;;;WD)" },
	/* access_test.c rows: labels, trust labels, audit, alarm, unknown */
	{ ALICE, NULL, 1, 1, 0, { { A, 0, 0x3, ALICE } },
	  { { ML, 0, KACS_NO_WRITE_UP, "HI" } },
	  "O:" ALICE "D:(A;;0x3;;;" ALICE ")S:(ML;;NW;;;HI)" },
	{ BOB, NULL, 1, 1, 0, { { D, IO, 0x1, ALICE }, { A, 0, GA, "WD" } },
	  { { ML, IO, KACS_NO_READ_UP, "SI" }, { ML, 0, 7, "LW" } },
	  "O:" BOB "D:(D;IO;0x1;;;" ALICE ")(A;;GA;;;WD)S:(ML;IO;NR;;;SI)(ML;;NRNWNX;;;LW)" },
	{ ALICE, NULL, 1, 1, 0, { { A, 0, 0x1f01ff, "OW" }, { A, 0, 0x3, "PS" } },
	  { { TL, 0, 0x20089, TCB }, { AU, 0xc0, 0x2, "WD" },
	    { AL, 0x40, 0x1, G2001 } },
	  "O:" ALICE "D:(A;;FA;;;OW)(A;;0x3;;;PS)S:(TL;;0x20089;;;" TCB
	  ")(AU;SAFA;0x2;;;WD)(AL;SA;0x1;;;" G2001 ")" },
	{ ALICE, NULL, 1, 1, 0, { { 0x0d, 0, 0x3, ALICE }, { A, 0, 0x3, "S-1-5-5-0-0" } },
	  { { ML, 0, KACS_NO_WRITE_UP, "S-1-16-8193" }, { TL, 0, 0, "S-1-19-512" } },
	  "O:" ALICE "D:(0xd;;0x3;;;" ALICE
	  ")(A;;0x3;;;S-1-5-5-0-0)S:(ML;;NW;;;S-1-16-8193)(TL;;0x0;;;S-1-19-512)" },
	{ ALICE, NULL, 0, 1, 0, {}, { { ML, 0, KACS_NO_WRITE_UP, "S-1-16-0" } },
	  "O:" ALICE "S:(ML;;NW;;;S-1-16-0)" },
	{ NULL, NULL, 1, 0, 0, { { A, 0, 0x3, ALICE } }, {},
	  "D:(A;;0x3;;;" ALICE ")" },
	{ ALICE, "S-1-5-21-100-200-300-513", 1, 0, 0, { { A, 0, KACS_MAXIMUM_ALLOWED >> 2, ALICE },
	  { A, 0, KACS_ACCESS_SYSTEM_SECURITY | KACS_READ_CONTROL, "AU" } }, {},
	  "O:" ALICE "G:S-1-5-21-100-200-300-513D:(A;;0x800000;;;" ALICE ")(A;;0x1020000;;;AU)" },
	/* NULL DACL / SACL written as present with no ACL, protection bits */
	{ "SY", NULL, 2, 2, KACS_SE_DACL_PROTECTED | 0x0400, {}, {},
	  "O:SYD:PAINO_ACCESS_CONTROLS:NO_ACCESS_CONTROL" },
	{ "SY", NULL, 1, 1, KACS_SE_SACL_PROTECTED | 0x0100, { { A, 0x1f, GA, "BA" } },
	  { { AU, 0x3, 0x10000000 | 0x1, "WD" } },
	  "O:SYD:AR(A;OICINPIOID;GA;;;BA)S:P(AU;OICI;0x10000001;;;WD)" },
	{ "S-1-0x123456789abc-1-2-3", NULL, 1, 0, 0,
	  { { A, 0, KACS_READ_CONTROL | KACS_WRITE_DAC, "S-1-5" } }, {},
	  "O:S-1-0x123456789abc-1-2-3D:(A;;RCWD;;;S-1-5)" },
};

static void test_selftest_sds(void)
{
	__u8 b[4096], b2[4096];
	char txt[8192], txt2[8192];
	struct kt_err e;
	__u32 info;
	size_t i, len;
	long l2;

	for (i = 0; i < ARRAY_SIZE(selftest_sds); i++) {
		const struct tsd *t = &selftest_sds[i];

		len = build(b, t);
		if (sddl_format(b, len, txt, sizeof(txt), &e)) {
			check(0, "selftest SD %zu: format: %s", i, e.msg);
			continue;
		}
		check(!t->want || !strcmp(txt, t->want),
		      "selftest SD %zu: got %s want %s", i, txt, t->want);
		l2 = sddl_parse(txt, b2, sizeof(b2), &info, &e);
		check(l2 == (long)len && !memcmp(b, b2, len),
		      "selftest SD %zu: %s does not give the same %zu bytes back (%ld; %s)",
		      i, txt, len, l2, l2 < 0 ? e.msg : "");
		if (l2 < 0)
			continue;
		check(!sddl_format(b2, l2, txt2, sizeof(txt2), &e) &&
		      !strcmp(txt, txt2), "selftest SD %zu: text round trip", i);
	}
}

/* The default process SD of a SYSTEM child, byte for byte (digest 9.2). */
static void test_default_sd_bytes(void)
{
	static const __u8 want[140] = {
		0x01, 0x00, 0x04, 0x80, 0x14, 0x00, 0x00, 0x00, 0x20, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00,
		0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x12, 0x00,
		0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05,
		0x20, 0x00, 0x00, 0x00, 0x20, 0x02, 0x00, 0x00, 0x02, 0x00,
		0x5c, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00,
		0x00, 0x00, 0x00, 0x10, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x05, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x18, 0x00,
		0x00, 0x00, 0x00, 0x10, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x05, 0x20, 0x00, 0x00, 0x00, 0x20, 0x02, 0x00, 0x00,
		0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x10, 0x01, 0x01,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x12, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x14, 0x00, 0x00, 0x10, 0x00, 0x00, 0x01, 0x01,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	};
	__u8 got[256];
	struct kt_err e;
	__u32 info;
	long m;

	m = sddl_parse("O:SYG:BAD:(A;;GA;;;SY)(A;;GA;;;BA)(A;;GA;;;SY)(A;;0x1000;;;WD)",
		       got, sizeof(got), &info, &e);
	check(m == sizeof(want) && !memcmp(want, got, m),
	      "default process SD: %ld bytes", m);
	check(info == (KT_INFO_OWNER | KT_INFO_GROUP | KT_INFO_DACL),
	      "default process SD info 0x%x", info);
	m = sddl_parse("D:(A;;GA;;;SY)S:(ML;;NW;;;LW)", got, sizeof(got),
		       &info, &e);
	check(m > 0 && info == (KT_INFO_DACL | KT_INFO_LABEL),
	      "a SACL of labels selects LABEL (0x%x)", info);
	m = sddl_parse("S:(ML;;NW;;;LW)(AU;SA;GA;;;WD)", got, sizeof(got),
		       &info, &e);
	check(m > 0 && info == KT_INFO_SACL, "an audit ACE selects SACL");
}

/* ---- random descriptors ---- */

static unsigned long long rng = 0x4b414353ULL;

static __u32 rnd(void)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return rng >> 33;
}

static size_t rnd_sid(__u8 *b)
{
	static const char * const pool[] = {
		"SY", "BA", "WD", "AN", "AU", "OW", "PS", "LW", "ME", "HI",
		"SI", "CO", ALICE, BOB, "S-1-5-21-100-200-300-2001",
		"S-1-16-0", "S-1-16-8193", "S-1-19-512-8192", "S-1-19-700-100",
		"S-1-19-512", "S-1-5-5-0-0", "S-1-0-0",
	};
	size_t n, i;
	__u64 auth;

	if (rnd() % 3)
		return put_sid(b, pool[rnd() % (ARRAY_SIZE(pool))]);
	n = rnd() % 16;
	auth = rnd() % 4 ? rnd() % 40 : ((__u64)rnd() << 16 | rnd());
	auth &= 0xffffffffffffULL;
	b[0] = 1;
	b[1] = n;
	for (i = 0; i < 6; i++)
		b[2 + i] = auth >> (8 * (5 - i));
	for (i = 0; i < 4 * n; i++)
		b[8 + i] = rnd();
	return 8 + 4 * n;
}

static size_t rnd_acl(__u8 *b)
{
	static const __u8 types[] = { A, D, AU, AL, ML, TL, 0x0d, 0x04,
					 0x11, 0x12, 0x13, 0x15, 0xff };
	size_t off = 8, l;
	__u16 n = rnd() % 7, i;
	__u32 mask;

	for (i = 0; i < n; i++) {
		l = rnd_sid(b + off + 8);
		b[off] = types[rnd() % sizeof(types)];
		b[off + 1] = rnd() % 2 ? 0 : rnd();
		b[off + 2] = (8 + l) & 0xff;
		b[off + 3] = (8 + l) >> 8;
		mask = rnd() % 3 ? (1U << (rnd() % 32)) | (rnd() % 2 ? GA : 0) :
		       rnd() << 1 ^ rnd();
		memcpy(b + off + 4, &mask, 4);
		off += 8 + l;
	}
	b[0] = KACS_ACL_REVISION;
	b[1] = 0;
	b[2] = off & 0xff;
	b[3] = off >> 8;
	memcpy(b + 4, &n, 2);
	b[6] = 0;
	b[7] = 0;
	return off;
}

static size_t rnd_sd(__u8 *b)
{
	static const __u16 bits[] = { KACS_SE_DACL_PROTECTED,
		KACS_SE_SACL_PROTECTED, 0x0100, 0x0200, 0x0400, 0x0800 };
	__u16 control = KACS_SE_SELF_RELATIVE;
	__u32 off = 20;
	size_t i;

	memset(b, 0, 20);
	b[0] = 1;
	if (rnd() % 4) {
		memcpy(b + 4, &off, 4);
		off += rnd_sid(b + off);
	}
	if (rnd() % 2) {
		memcpy(b + 8, &off, 4);
		off += rnd_sid(b + off);
	}
	if (rnd() % 3 == 0) {
		control |= KACS_SE_SACL_PRESENT;
		if (rnd() % 5) {
			memcpy(b + 12, &off, 4);
			off += rnd_acl(b + off);
		}
	}
	if (rnd() % 5) {
		control |= KACS_SE_DACL_PRESENT;
		if (rnd() % 8) {
			memcpy(b + 16, &off, 4);
			off += rnd_acl(b + off);
		}
	}
	for (i = 0; i < ARRAY_SIZE(bits); i++)
		if (rnd() % 4 == 0)
			control |= bits[i];
	/* flags of an absent ACL have nowhere to go in SDDL */
	if (!(control & KACS_SE_DACL_PRESENT))
		control &= ~(KACS_SE_DACL_PROTECTED | 0x0500);
	if (!(control & KACS_SE_SACL_PRESENT))
		control &= ~(KACS_SE_SACL_PROTECTED | 0x0a00);
	memcpy(b + 2, &control, 2);
	return off;
}

static void test_random_sds(int rounds)
{
	static __u8 b[8192], b2[8192];
	static char txt[32768], txt2[32768];
	int i, bad = 0;
	struct kt_err e;
	__u32 info;
	size_t len;
	long l2;

	for (i = 0; i < rounds && bad < 5; i++) {
		len = rnd_sd(b);
		if (sddl_format(b, len, txt, sizeof(txt), &e)) {
			check(0, "random SD %d: format: %s", i, e.msg);
			bad++;
			continue;
		}
		l2 = sddl_parse(txt, b2, sizeof(b2), &info, &e);
		if (l2 != (long)len || memcmp(b, b2, len)) {
			check(0, "random SD %d: %s: bytes differ (%ld/%zu %s)",
			      i, txt, l2, len, l2 < 0 ? e.msg : "");
			bad++;
			continue;
		}
		if (sddl_format(b2, l2, txt2, sizeof(txt2), &e) ||
		    strcmp(txt, txt2)) {
			check(0, "random SD %d: text differs", i);
			bad++;
			continue;
		}
		check(1, "");
	}
}

/* ---- malformed SDDL ---- */

struct bad {
	const char *in;
	size_t col;
	const char *msg;
};

static const struct bad corpus[] = {
	{ "X:SY", 1, "expected O:, G:, D: or S:" },
	{ "O", 1, "expected O:, G:, D: or S:" },
	{ "O:", 3, "owner SID missing" },
	{ "O:G:BA", 3, "owner SID missing" },
	{ "O:SYO:BA", 5, "O: given twice" },
	{ "O:SYG:BAD:D:", 11, "D: given twice" },
	{ "O:XX", 3, "unknown SID name \"XX\"" },
	{ "O:carl", 3, "unknown SID name \"carl\"" },
	{ "O:S-", 5, "SID revision missing" },
	{ "O:S-2-5-18", 5, "SID revision 2, only 1 exists" },
	{ "O:S-1", 6, "'-' and the identifier authority expected" },
	{ "O:S-1-", 7, "identifier authority" },
	{ "O:S-1-281474976710656", 7, "identifier authority" },
	{ "O:S-1-0x", 7, "hexadecimal authority needs 1 to 12 digits" },
	{ "O:S-1-0x1234567890abc", 7, "hexadecimal authority needs 1 to 12 digits" },
	{ "O:S-1-5-", 9, "sub-authority (0 to 4294967295) expected" },
	{ "O:S-1-5-4294967296", 9, "sub-authority" },
	{ "O:S-1-5-18x", 11, "unexpected 'x' in SID" },
	{ "O:S-1-5--18", 9, "sub-authority" },
	{ "O:S-1-1-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16", 45,
	  "more than 15 sub-authorities" },
	{ "D:(", 3, "ACE not closed" },
	{ "D:(A;;GA;;;SY", 3, "ACE not closed" },
	{ "D:(A;;GA;;;SY)(", 15, "ACE not closed" },
	{ "D:(A;;GA;;SY)", 13, "ACE has 5 fields, want 6" },
	{ "D:(A;;GA;;;SY;)", 15, "ACE has 7 fields" },
	{ "D:(A;;GA;;;SY;;)", 16, "too many ';'" },
	{ "D:(;;GA;;;SY)", 4, "ACE type missing" },
	{ "D:(Q;;GA;;;SY)", 4, "unknown ACE type \"Q\"" },
	{ "D:(OA;;GA;;;SY)", 4, "object ACEs are not supported" },
	{ "D:(XA;;GA;;;SY)", 4, "conditional (callback) ACEs" },
	{ "D:(XA;;GA;;;SY;(Member_of{SID(BA)}))", 16, "'(' inside an ACE" },
	{ "D:(RA;;GA;;;SY)", 4, "resource attribute ACEs" },
	{ "D:(0x100;;GA;;;SY)", 4, "unknown ACE type" },
	{ "D:(A;QQ;GA;;;SY)", 6, "unknown ACE flag \"QQ\"" },
	{ "D:(A;OIC;GA;;;SY)", 8, "unknown ACE flag \"C\"" },
	{ "D:(A;;;;;SY)", 7, "access mask missing" },
	{ "D:(A;;GZ;;;SY)", 7, "unknown access right \"GZ\"" },
	{ "D:(A;;GAG;;;SY)", 9, "unknown access right \"G\"" },
	{ "D:(A;;0x1g;;;SY)", 7, "bad access mask" },
	{ "D:(A;;0x100000000;;;SY)", 7, "bad access mask" },
	{ "D:(A;;NW;;;SY)", 7, "unknown access right \"NW\"" },
	{ "S:(ML;;GA;;;LW)", 8, "unknown label right \"GA\"" },
	{ "D:(A;;GA;x;;SY)", 10, "object GUIDs are not supported" },
	{ "D:(A;;GA;;x;SY)", 11, "object GUIDs are not supported" },
	{ "D:(A;;GA;;;)", 12, "ACE SID missing" },
	{ "D:(A;;GA;;;ZZ)", 12, "unknown SID name \"ZZ\"" },
	{ "D:(A;;GA;;;S-1-5-x)", 18, "sub-authority" },
	{ "D:(A;;GA;;;S-1-5-18x)", 20, "unexpected 'x' in SID" },
	{ "D:NO_ACCESS_CONTROL(A;;GA;;;SY)", 20, "ACE after NO_ACCESS_CONTROL" },
	{ "D:Q(A;;GA;;;SY)", 3, "unknown DACL flag" },
	{ "S:PX", 4, "unknown SACL flag" },
	{ "D:(A;;GA;;;SY)x", 15, "unexpected 'x'" },
	{ "D:(A;;GA;;;SY) (A;;GA;;;BA)", 15, "unexpected ' '" },
	{ "O:SY G:BA", 3, "unknown SID name \"SY \"" },
	{ "D:(A;;GA;;;SY)P", 15, "unexpected 'P'" },
	{ "D:(A;;GA;(;;SY)", 10, "'(' inside an ACE" },
};

static void test_corpus(void)
{
	__u8 b[4096];
	struct kt_err e;
	__u32 info;
	size_t i;
	long n;

	for (i = 0; i < ARRAY_SIZE(corpus); i++) {
		memset(&e, 0, sizeof(e));
		n = sddl_parse(corpus[i].in, b, sizeof(b), &info, &e);
		check(n < 0 && e.col == corpus[i].col &&
		      strstr(e.msg, corpus[i].msg),
		      "malformed \"%s\": got %ld, column %zu \"%s\"; want column %zu \"%s\"",
		      corpus[i].in, n, e.col, e.msg, corpus[i].col,
		      corpus[i].msg);
	}
}

/* Every prefix and many mutations of valid texts: no crash, sane column. */
static void test_mutations(int rounds)
{
	static const char * const seeds[] = {
		"O:SYG:BAD:(A;;GA;;;SY)(A;;GA;;;BA)(A;;GA;;;SY)(A;;0x1000;;;WD)",
		"O:aliceD:P(D;OICI;0x2;;;S-1-5-21-100-200-300-1002)(A;;FR;;;WD)S:(ML;;NW;;;LW)",
		"O:S-1-0x123456789abc-1G:S-1-5-32-544D:NO_ACCESS_CONTROLS:AI(AU;SAFA;GA;;;WD)",
	};
	static const char chars[] = "OGDS:;()AUMLTINWRPXFx0123456789-S,| \t\\\"";
	char buf[512], txt[8192];
	__u8 b[8192], b2[8192];
	size_t i, l, pos;
	struct kt_err e;
	__u32 info;
	int r, bad = 0;
	long n, m;

	for (r = 0; r < rounds && bad < 5; r++) {
		const char *s = seeds[r % 3];

		l = strlen(s);
		memcpy(buf, s, l + 1);
		if (r < 3 * 120) {
			buf[(r / 3) % (l + 1)] = 0;	/* every prefix */
		} else {
			for (i = 0; i < 1 + rnd() % 4; i++) {
				l = strlen(buf);
				pos = rnd() % (l + 1);
				switch (rnd() % 3) {
				case 0:
					memmove(buf + pos, buf + pos + 1, l - pos);
					break;
				case 1:
					if (l + 2 < sizeof(buf)) {
						memmove(buf + pos + 1, buf + pos,
							l - pos + 1);
						buf[pos] = chars[rnd() % (sizeof(chars) - 1)];
					}
					break;
				default:
					if (pos < l)
						buf[pos] = chars[rnd() % (sizeof(chars) - 1)];
				}
			}
		}
		memset(&e, 0, sizeof(e));
		n = sddl_parse(buf, b, sizeof(b), &info, &e);
		if (n < 0) {
			if (e.col < 1 || e.col > strlen(buf) + 1 || !e.msg[0]) {
				check(0, "mutation \"%s\": column %zu \"%s\"",
				      buf, e.col, e.msg);
				bad++;
			} else {
				check(1, "");
			}
			continue;
		}
		m = -1;
		if (!sddl_format(b, n, txt, sizeof(txt), &e))
			m = sddl_parse(txt, b2, sizeof(b2), &info, &e);
		if (m != n || memcmp(b, b2, n)) {
			check(0, "mutation \"%s\" accepted but does not round trip",
			      buf);
			bad++;
			continue;
		}
		check(1, "");
	}
}

/* ---- SIDs, names, rights, privileges, hex ---- */

static void test_sids(void)
{
	static const char * const good[] = {
		"S-1-5-18", "S-1-1-0", "S-1-5-32-544", "S-1-0-0", "S-1-5",
		"S-1-16-12288", "S-1-19-512-8192", "S-1-5-5-4294967295-0",
		"S-1-0x123456789abc-1", "S-1-4294967295",
		"S-1-1-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15",
	};
	static const struct {
		const char *in, *str;
	} names[] = {
		{ "SY", "S-1-5-18" }, { "system", "S-1-5-18" },
		{ "BA", "S-1-5-32-544" }, { "WD", "S-1-1-0" },
		{ "Everyone", "S-1-1-0" }, { "alice", ALICE },
		{ "Alice", ALICE }, { "bob", BOB }, { "ME", "S-1-16-8192" },
		{ "s-1-5-18", "S-1-5-18" }, { "S-1-0x00000000ff00-1", "S-1-65280-1" },
	};
	char out[KT_SID_STR_MAX];
	struct kt_sid sid;
	struct kt_err e;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(good); i++) {
		int r = kt_sid_parse(good[i], strlen(good[i]), &sid, &e);

		check(!r && !strcmp(kt_sid_str(sid.b, sid.len, out, sizeof(out)),
				    good[i]), "SID %s -> %s", good[i],
		      r ? e.msg : out);
	}
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		int r = kt_sid_parse(names[i].in, strlen(names[i].in), &sid, &e);

		check(!r && !strcmp(kt_sid_str(sid.b, sid.len, out, sizeof(out)),
				    names[i].str), "name %s -> %s", names[i].in,
		      r ? e.msg : out);
	}
	check(kt_sid_parse("sy", 2, &sid, &e) < 0,
	      "SDDL aliases are upper case only");
	kt_sid_parse(ALICE, strlen(ALICE), &sid, &e);
	check(!strcmp(kt_sid_name(sid.b, sid.len), "alice") &&
	      !kt_sid_alias(sid.b, sid.len), "alice has a name, no alias");
	for (i = 0; i < kt_nnames; i++) {
		check(!kt_sid_parse(kt_names[i].sid, strlen(kt_names[i].sid),
				    &sid, &e), "table SID %s", kt_names[i].sid);
	}
	check(!strcmp(kt_sid_str((const __u8 *)"\x01\x01", 2, out, sizeof(out)),
		      "<bad sid>"), "truncated SID");
}

static void test_rights(void)
{
	char out[256];
	struct kt_err e;
	__u32 m;

	check(!kt_rights_parse("PROCESS_TERMINATE", KT_PROCESS, &m, &e) &&
	      m == KACS_PROCESS_TERMINATE, "PROCESS_TERMINATE");
	check(!kt_rights_parse("terminate,query_limited|READ_CONTROL+0x4000000",
			       KT_PROCESS, &m, &e) &&
	      m == (0x1001 | KACS_READ_CONTROL | 0x4000000), "right list");
	check(!kt_rights_parse("GA", KT_PROCESS, &m, &e) && m == GA, "GA");
	check(!kt_rights_parse("max", KT_FILE, &m, &e) &&
	      m == KACS_MAXIMUM_ALLOWED, "max");
	check(!kt_rights_parse("WRITE_DATA", KT_FILE, &m, &e) &&
	      m == KACS_FILE_WRITE_DATA, "WRITE_DATA");
	check(!kt_rights_parse("QUERY", KT_TOKEN, &m, &e) &&
	      m == KACS_TOKEN_QUERY, "QUERY");
	check(kt_rights_parse("terminate,,x", KT_PROCESS, &m, &e) < 0 &&
	      e.col == 11, "empty right: column %zu", e.col);
	check(kt_rights_parse("FLY", KT_PROCESS, &m, &e) < 0 && e.col == 1 &&
	      strstr(e.msg, "unknown access right \"FLY\""), "unknown right");
	check(kt_rights_parse("a,", KT_PROCESS, &m, &e) < 0, "trailing comma");
	check(!strcmp(kt_rights_str(0x21001, KT_PROCESS, out, sizeof(out)),
		      "PROCESS_TERMINATE|PROCESS_QUERY_LIMITED|READ_CONTROL"),
	      "rights string %s", out);
	check(!strcmp(kt_rights_str(0x4000002, KT_FILE, out, sizeof(out)),
		      "FILE_WRITE_DATA|0x4000000"), "rights string %s", out);
	check(!strcmp(kt_rights_str(0, KT_TOKEN, out, sizeof(out)), "0"),
	      "no rights");
}

static void test_privs(void)
{
	check(kt_priv_parse("SeDebugPrivilege") == KACS_SE_DEBUG, "SeDebugPrivilege");
	check(kt_priv_parse("sedebug") == KACS_SE_DEBUG, "sedebug");
	check(kt_priv_parse("Debug") == KACS_SE_DEBUG, "Debug");
	check(kt_priv_parse("debugprivilege") == KACS_SE_DEBUG, "debugprivilege");
	check(kt_priv_parse("security") == KACS_SE_SECURITY, "security");
	check(kt_priv_parse("SeSecurity") == KACS_SE_SECURITY, "SeSecurity");
	check(kt_priv_parse("tcb") == KACS_SE_TCB, "tcb");
	check(kt_priv_parse("SeBindPrivilegedPortPrivilege") ==
	      KACS_SE_BIND_PRIVILEGED_PORT, "bind");
	check(kt_priv_parse("fly") < 0 && kt_priv_parse("") < 0 &&
	      kt_priv_parse("Se") < 0 && kt_priv_parse("Privilege") < 0,
	      "unknown privileges");
	check(!strcmp(kt_priv_name(KACS_SE_CHANGE_NOTIFY),
		      "SeChangeNotifyPrivilege") && !kt_priv_name(1) &&
	      !kt_priv_name(64), "privilege names");
}

static void test_hex(void)
{
	__u8 b[8];
	char out[17];
	struct kt_err e;

	check(kt_hex_decode("01 0a\nFF", b, sizeof(b), &e) == 3 &&
	      b[0] == 1 && b[1] == 10 && b[2] == 255, "hex decode");
	kt_hex_encode(b, 3, out);
	check(!strcmp(out, "010aff"), "hex encode");
	check(kt_hex_decode("0g", b, sizeof(b), &e) < 0 && e.col == 2,
	      "bad hex digit");
	check(kt_hex_decode("012", b, sizeof(b), &e) < 0, "odd hex");
	check(kt_hex_decode("", b, sizeof(b), &e) < 0, "empty hex");
	check(kt_hex_decode("000000000000000000", b, sizeof(b), &e) < 0,
	      "hex too long");
}

/* Malformed binary SDs are refused by the formatter, never read past. */
static void test_bad_binary(void)
{
	__u8 b[4096], c[4096];
	char txt[4096];
	struct kt_err e;
	size_t len, cut;
	int ok = 1, i;

	len = build(b, &selftest_sds[16]);
	for (cut = 0; cut < len; cut++) {
		/* a heap copy of exactly @cut bytes, so ASan sees overreads */
		__u8 *h = malloc(cut ? cut : 1);

		memcpy(h, b, cut);
		if (!sddl_format(h, cut, txt, sizeof(txt), &e))
			ok = 0;
		free(h);
	}
	for (i = 0; i < 20000; i++) {
		size_t l = rnd_sd(c), k;
		__u8 *h;

		for (k = 0; k < 1 + rnd() % 4; k++)
			c[rnd() % l] = rnd();
		h = malloc(l);
		memcpy(h, c, l);
		sddl_format(h, l, txt, sizeof(txt), &e);	/* no crash */
		free(h);
	}
	check(ok, "corrupted binary SDs");
	check(sddl_format(b, 10, txt, sizeof(txt), &e) < 0 && e.col == 1,
	      "short SD");
	b[0] = 2;
	check(sddl_format(b, len, txt, sizeof(txt), &e) < 0 &&
	      strstr(e.msg, "revision"), "bad revision");
}

int main(void)
{
	test_sids();
	test_rights();
	test_privs();
	test_hex();
	test_selftest_sds();
	test_default_sd_bytes();
	test_random_sds(20000);
	test_corpus();
	test_mutations(20000);
	test_bad_binary();
	printf("sddl_test: %zu malformed-SDDL corpus entries, %zu selftest SDs\n",
	       ARRAY_SIZE(corpus),
	       ARRAY_SIZE(selftest_sds));
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
