// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS AccessCheck through kacs_access_check(2), ported from the cases of
 * Peios' own integration tests (access-smoke, check-*, token-structure,
 * token-model, priv-model, pip-model, abi-constants) as listed in
 * peios-integration-cases.md.  Every table row cites the case it covers
 * as "<file> <number>"; expectations follow the case statement and Peios
 * KACS v0.20 (10-access-check), never an implementation.
 *
 * Each row mints its own subject token (the test runs as SYSTEM, which
 * holds SeCreateTokenPrivilege), builds a self-relative SD with a DACL
 * and a SACL, calls AccessCheck with the file generic mapping and checks
 * the return value, errno, the granted mask, the continuous audit mask,
 * the staging flag and the privileges marked used on the token.
 */

#define _GNU_SOURCE
#include "../kselftest_harness.h"
#include "kacs_util.h"

#define R	KACS_FILE_READ_DATA
#define W	KACS_FILE_WRITE_DATA
#define X	0x0020U			/* FILE_EXECUTE */
#define RC	KACS_READ_CONTROL
#define WDAC	KACS_WRITE_DAC
#define WO	KACS_WRITE_OWNER
#define DEL	KACS_DELETE
#define ASS	KACS_ACCESS_SYSTEM_SECURITY
#define MAXA	KACS_MAXIMUM_ALLOWED
#define GR	KACS_GENERIC_READ
#define GW	KACS_GENERIC_WRITE
#define GX	KACS_GENERIC_EXECUTE
#define GA	KACS_GENERIC_ALL
#define FR	KACS_FILE_GENERIC_READ
#define FW	KACS_FILE_GENERIC_WRITE
#define FX	KACS_FILE_GENERIC_EXECUTE
#define FA	KACS_FILE_ALL_ACCESS
#define RESTORE_SET	(FW | WDAC | WO | DEL | ASS)

#define P_SEC	KACS_PRIV(KACS_SE_SECURITY)
#define P_TAKE	KACS_PRIV(KACS_SE_TAKE_OWNERSHIP)
#define P_BACK	KACS_PRIV(KACS_SE_BACKUP)
#define P_REST	KACS_PRIV(KACS_SE_RESTORE)
#define P_RELAB	KACS_PRIV(KACS_SE_RELABEL)
#define P_FIVE	(P_SEC | P_TAKE | P_BACK | P_REST | P_RELAB)

#define T_A	KACS_ACCESS_ALLOWED_ACE_TYPE
#define T_D	KACS_ACCESS_DENIED_ACE_TYPE
#define T_AU	KACS_SYSTEM_AUDIT_ACE_TYPE
#define T_AL	0x03			/* SYSTEM_ALARM */
#define T_ML	KACS_SYSTEM_MANDATORY_LABEL_ACE_TYPE
#define T_TL	KACS_SYSTEM_PROCESS_TRUST_LABEL_ACE_TYPE
#define T_UNK	0x0d			/* a type AccessCheck does not know */
#define IO	KACS_INHERIT_ONLY_ACE
#define NW	KACS_NO_WRITE_UP
#define NR	KACS_NO_READ_UP
#define NX	KACS_NO_EXECUTE_UP

/* SIDs, by index */
enum {
	S_NONE, S_ALICE, S_BOB, S_WD, S_SY, S_OW, S_PS,
	S_GA_,		/* group, enabled on every subject */
	S_GB_,		/* group, deny-only on every subject */
	S_GC_,		/* group, present but disabled */
	S_GZ,		/* group no subject has */
	S_IL_UNT, S_IL_LOW, S_IL_MED, S_IL_HIGH, S_IL_SYS, S_IL_BAD,
	S_TL_TCB,	/* S-1-19-512-8192 */
	S_TL_512_512, S_TL_512_1024, S_TL_700_100, S_TL_1024_8192,
	S_TL_BAD,	/* S-1-19-512: one sub-authority */
	S_LOGON,	/* the subject's logon SID (session 0) */
	S_COUNT
};

static struct kacs_tsid sids[S_COUNT];

static void sids_init(void)
{
	kacs_sid_user(&sids[S_ALICE], KACS_RID_ALICE);
	kacs_sid_user(&sids[S_BOB], KACS_RID_BOB);
	kacs_sid_everyone(&sids[S_WD]);
	kacs_sid_system(&sids[S_SY]);
	kacs_tsid_make(&sids[S_OW], 3, 1, 4);
	kacs_tsid_make(&sids[S_PS], 5, 1, 10);
	kacs_sid_user(&sids[S_GA_], 2001);
	kacs_sid_user(&sids[S_GB_], 2002);
	kacs_sid_user(&sids[S_GC_], 2003);
	kacs_sid_user(&sids[S_GZ], 2004);
	kacs_tsid_make(&sids[S_IL_UNT], 16, 1, 0);
	kacs_tsid_make(&sids[S_IL_LOW], 16, 1, 4096);
	kacs_tsid_make(&sids[S_IL_MED], 16, 1, 8192);
	kacs_tsid_make(&sids[S_IL_HIGH], 16, 1, 12288);
	kacs_tsid_make(&sids[S_IL_SYS], 16, 1, 16384);
	kacs_tsid_make(&sids[S_IL_BAD], 16, 1, 8193);
	kacs_tsid_make(&sids[S_TL_TCB], 19, 2, 512, 8192);
	kacs_tsid_make(&sids[S_TL_512_512], 19, 2, 512, 512);
	kacs_tsid_make(&sids[S_TL_512_1024], 19, 2, 512, 1024);
	kacs_tsid_make(&sids[S_TL_700_100], 19, 2, 700, 100);
	kacs_tsid_make(&sids[S_TL_1024_8192], 19, 2, 1024, 8192);
	kacs_tsid_make(&sids[S_TL_BAD], 19, 1, 512);
	kacs_tsid_make(&sids[S_LOGON], 5, 3, 5, 0, 0);
}

struct ace {
	__u8 type, flags;
	__u32 mask;
	int sid;
};

enum { DACL_ACL, DACL_ABSENT };

struct sdspec {
	int owner, group;
	int dacl_mode;
	struct ace dacl[6];	/* sid S_NONE ends the list */
	struct ace sacl[4];
};

/* Subject: Alice at Medium with NO_WRITE_UP unless said otherwise. */
struct subj {
	int user;		/* S_NONE: Alice */
	__u32 il;		/* 0: Medium; use IL_* below */
	bool no_policy;
	__u64 privs;
	int level;		/* impersonation level + 1; 0: Impersonation */
	int rsids[3];		/* restricting SIDs (attributes 0) */
	bool wr, udo;
	__u64 expiration;
};

#define IL_UNT	1
#define IL_LOW	2
#define IL_HIGH	3
#define IL_SYS	4
#define LV(l)	((l) + 1)

struct ac_case {
	const char *cite;
	struct subj s;
	struct sdspec sd;
	__u32 desired;
	__u32 intent;
	__u32 pip_type, pip_trust;
	int self;
	int err;		/* 0: success */
	__u32 granted;
	__u32 audit;
	__u64 used;
};

static size_t put_acl(__u8 *b, size_t off, const struct ace *a, int max)
{
	size_t start = off;
	__u16 v16, n = 0;
	int i;

	off += 8;
	for (i = 0; i < max && a[i].sid; i++, n++) {
		const struct kacs_tsid *sid = &sids[a[i].sid];
		__u16 sz = 8 + sid->len;

		b[off] = a[i].type;
		b[off + 1] = a[i].flags;
		memcpy(b + off + 2, &sz, 2);
		memcpy(b + off + 4, &a[i].mask, 4);
		memcpy(b + off + 8, sid->b, sid->len);
		off += sz;
	}
	b[start] = KACS_ACL_REVISION;
	v16 = off - start;
	memcpy(b + start + 2, &v16, 2);
	memcpy(b + start + 4, &n, 2);
	return off;
}

static size_t build_sd(__u8 *b, size_t cap, const struct sdspec *sd)
{
	__u16 control = KACS_SE_SELF_RELATIVE;
	size_t off = 20;
	__u32 v;

	memset(b, 0, cap);
	b[0] = 1;
	if (sd->owner) {
		v = off;
		memcpy(b + 4, &v, 4);
		memcpy(b + off, sids[sd->owner].b, sids[sd->owner].len);
		off += sids[sd->owner].len;
	}
	if (sd->group) {
		v = off;
		memcpy(b + 8, &v, 4);
		memcpy(b + off, sids[sd->group].b, sids[sd->group].len);
		off += sids[sd->group].len;
	}
	if (sd->sacl[0].sid) {
		control |= KACS_SE_SACL_PRESENT;
		v = off;
		memcpy(b + 12, &v, 4);
		off = put_acl(b, off, sd->sacl, 4);
	}
	if (sd->dacl_mode == DACL_ACL) {
		control |= KACS_SE_DACL_PRESENT;
		v = off;
		memcpy(b + 16, &v, 4);
		off = put_acl(b, off, sd->dacl, 6);
	}
	memcpy(b + 2, &control, 2);
	return off;
}

static const __u32 il_rid[] = {
	KACS_INTEGRITY_MEDIUM, KACS_INTEGRITY_UNTRUSTED, KACS_INTEGRITY_LOW,
	KACS_INTEGRITY_HIGH, KACS_INTEGRITY_SYSTEM,
};

/*
 * Mint the subject: user, groups Everyone (enabled), GA (enabled), GB
 * (deny-only), GC (disabled), then the logon SID the kernel appends.
 */
static int mint_subject(const struct subj *s)
{
	static __u8 buf[4096];
	struct kacs_tok_params p = { 0 };
	struct kacs_token_spec *h = (void *)buf;
	struct kacs_tsid groups[4];
	__u32 attrs[4] = { KACS_GRP_DEFAULT, KACS_GRP_DEFAULT,
			   KACS_SE_GROUP_USE_FOR_DENY_ONLY, 0 };
	size_t off;
	int i, n = 0, fd;

	groups[0] = sids[S_WD];
	groups[1] = sids[S_GA_];
	groups[2] = sids[S_GB_];
	groups[3] = sids[S_GC_];
	p.user = &sids[s->user ? s->user : S_ALICE];
	p.groups = groups;
	p.group_attrs = attrs;
	p.ngroups = 4;
	p.token_type = KACS_TOKEN_IMPERSONATION;
	p.level = s->level ? s->level - 1 : KACS_LEVEL_IMPERSONATION;
	p.integrity = il_rid[s->il];
	p.policy = s->no_policy ? 0 : KACS_POLICY_NO_WRITE_UP;
	p.privs_present = s->privs;
	p.privs_enabled = s->privs;
	p.group_index = 1;
	off = kacs_build_spec(buf, sizeof(buf), &p);
	for (i = 0; i < 3 && s->rsids[i]; i++, n++) {
		const struct kacs_tsid *sid = &sids[s->rsids[i]];
		__u32 zero = 0;

		if (!n)
			h->restricted_sids_offset = off;
		memcpy(buf + off, &sid->len, 4);
		memcpy(buf + off + 4, sid->b, sid->len);
		memcpy(buf + off + 4 + sid->len, &zero, 4);
		off += 8 + sid->len;
	}
	h->restricted_sids_count = n;
	h->write_restricted = s->wr;
	h->user_deny_only = s->udo || s->wr;
	h->expiration = s->expiration;
	fd = kacs_create_token(buf, off);
	return fd < 0 ? -errno : fd;
}

struct ac_out {
	long ret;
	int err;
	__u32 granted, audit, staging;
};

static void run_check(int tokfd, const __u8 *sd, size_t len, __u32 desired,
		      __u32 intent, __u32 pt, __u32 ptr, int self,
		      struct ac_out *o)
{
	struct kacs_access_check_args a;

	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.token_fd = tokfd;
	a.sd_ptr = (__u64)(uintptr_t)sd;
	a.sd_len = len;
	a.desired_access = desired;
	a.generic_read = FR;
	a.generic_write = FW;
	a.generic_execute = FX;
	a.generic_all = FA;
	a.privilege_intent = intent;
	a.pip_type = pt;
	a.pip_trust = ptr;
	if (self) {
		a.self_sid_ptr = (__u64)(uintptr_t)sids[self].b;
		a.self_sid_len = sids[self].len;
	}
	o->granted = 0xdeadbeef;
	o->audit = 0xdeadbeef;
	o->staging = 0xdeadbeef;
	a.granted_out_ptr = (__u64)(uintptr_t)&o->granted;
	a.continuous_audit_out_ptr = (__u64)(uintptr_t)&o->audit;
	a.staging_mismatch_out_ptr = (__u64)(uintptr_t)&o->staging;
	errno = 0;
	o->ret = kacs_access_check(&a);
	o->err = o->ret < 0 ? errno : 0;
}

/* Run one row; returns the number of mismatches (logged). */
static int run_case(struct __test_metadata *_metadata,
		    const struct ac_case *c)
{
	struct kacs_token_privileges pv;
	__u8 sd[1024];
	struct ac_out o;
	size_t len;
	int fd, bad = 0;

	fd = mint_subject(&c->s);
	if (fd < 0) {
		TH_LOG("%s: mint failed: %s", c->cite, strerror(-fd));
		return 1;
	}
	len = build_sd(sd, sizeof(sd), &c->sd);
	run_check(fd, sd, len, c->desired, c->intent, c->pip_type,
		  c->pip_trust, c->self, &o);
	if (o.err != c->err) {
		TH_LOG("%s: errno %d (ret %ld), want %d", c->cite, o.err,
		       o.ret, c->err);
		bad++;
	}
	if (!c->err || c->err == EACCES) {
		if (o.granted != c->granted) {
			TH_LOG("%s: granted 0x%x, want 0x%x", c->cite,
			       o.granted, c->granted);
			bad++;
		}
		if (!c->err && o.ret != (long)c->granted) {
			TH_LOG("%s: ret 0x%lx, want 0x%x", c->cite, o.ret,
			       c->granted);
			bad++;
		}
		if (o.audit != c->audit || o.staging != 0) {
			TH_LOG("%s: audit 0x%x staging %u, want 0x%x 0",
			       c->cite, o.audit, o.staging, c->audit);
			bad++;
		}
	}
	if (kacs_privs(fd, &pv) || pv.used != c->used) {
		TH_LOG("%s: used 0x%llx, want 0x%llx", c->cite,
		       (unsigned long long)pv.used,
		       (unsigned long long)c->used);
		bad++;
	}
	close(fd);
	return bad;
}

static int run_table(struct __test_metadata *_metadata,
		     const struct ac_case *t, size_t n)
{
	int bad = 0;
	size_t i;

	sids_init();
	for (i = 0; i < n; i++)
		bad += run_case(_metadata, &t[i]);
	return bad;
}

#define OWN_SY		.owner = S_SY
#define DACL(...)	.dacl = { __VA_ARGS__ }
#define SACL(...)	.sacl = { __VA_ARGS__ }

/* ---- check-dacl ---------------------------------------------------------- */

static const struct ac_case dacl_cases[] = {
	{ "check-dacl 1: first-writer-wins (allow then deny)",
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }, { T_D, 0, R, S_ALICE }) },
	  .desired = R, .granted = R },
	{ "check-dacl 1: first-writer-wins (deny then allow)",
	  .sd = { OWN_SY, DACL({ T_D, 0, R, S_ALICE }, { T_A, 0, R, S_ALICE }) },
	  .desired = R, .err = EACCES },
	{ "check-dacl 2: an allow ACE grants only undecided rights",
	  .sd = { OWN_SY, DACL({ T_D, 0, W, S_ALICE },
			       { T_A, 0, R | W, S_ALICE }) },
	  .desired = MAXA, .granted = R },
	{ "check-dacl 3: a deny ACE decides without granting",
	  .sd = { OWN_SY, DACL({ T_D, 0, R, S_ALICE },
			       { T_A, 0, R | W, S_WD }) },
	  .desired = MAXA, .granted = W },
	{ "check-dacl 4: allow matches an enabled group",
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_GA_ }) },
	  .desired = R, .granted = R },
	{ "check-dacl 4: allow ignores a deny-only group",
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_GB_ }) },
	  .desired = R, .err = EACCES },
	{ "check-dacl 5: deny matches a deny-only group",
	  .sd = { OWN_SY, DACL({ T_D, 0, R, S_GB_ }, { T_A, 0, R, S_WD }) },
	  .desired = R, .err = EACCES },
	{ "check-dacl 6: a disabled group matches no allow",
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_GC_ }) },
	  .desired = R, .err = EACCES },
	{ "check-dacl 6: a disabled group matches no deny",
	  .sd = { OWN_SY, DACL({ T_D, 0, R, S_GC_ }, { T_A, 0, R, S_WD }) },
	  .desired = R, .granted = R },
	{ "check-dacl 7: a deny-only user SID matches no allow",
	  .s = { .udo = true },
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }) },
	  .desired = R, .err = EACCES },
	{ "check-dacl 7: a deny-only user SID matches deny",
	  .s = { .udo = true },
	  .sd = { OWN_SY, DACL({ T_D, 0, R, S_ALICE }, { T_A, 0, R, S_WD }) },
	  .desired = R, .err = EACCES },
	{ "check-dacl 8: INHERIT_ONLY allow skipped",
	  .sd = { OWN_SY, DACL({ T_A, IO, R, S_ALICE }) },
	  .desired = R, .err = EACCES },
	{ "check-dacl 8: INHERIT_ONLY deny skipped",
	  .sd = { OWN_SY, DACL({ T_D, IO, R, S_ALICE },
			       { T_A, 0, R, S_ALICE }) },
	  .desired = R, .granted = R },
	{ "check-dacl 9: ACE masks are generic-mapped",
	  .sd = { OWN_SY, DACL({ T_A, 0, GR, S_ALICE }) },
	  .desired = MAXA, .granted = FR },
	{ "check-dacl 10: no DACL grants every valid right",
	  .sd = { OWN_SY, .dacl_mode = DACL_ABSENT },
	  .desired = R | W | DEL, .granted = R | W | DEL },
	{ "check-dacl 11: the absent-DACL grant is MapGenericBits(GA)",
	  .sd = { OWN_SY, .dacl_mode = DACL_ABSENT },
	  .desired = MAXA, .granted = FA },
	{ "check-dacl 11: bits outside the mapping are not granted",
	  .sd = { OWN_SY, .dacl_mode = DACL_ABSENT },
	  .desired = 0x200, .err = EACCES },
	{ "check-dacl 12: an empty DACL grants nothing (targeted)",
	  .sd = { OWN_SY }, .desired = R, .err = EACCES },
	{ "check-dacl 12: an empty DACL, pure MAXIMUM_ALLOWED succeeds with 0",
	  .sd = { OWN_SY }, .desired = MAXA, .granted = 0 },
	{ "check-dacl 13: the owner gets READ_CONTROL and WRITE_DAC",
	  .sd = { .owner = S_ALICE }, .desired = RC | WDAC,
	  .granted = RC | WDAC },
	{ "check-dacl 13: but not WRITE_OWNER",
	  .sd = { .owner = S_ALICE }, .desired = WO, .err = EACCES },
	{ "check-dacl 14: no deny ACE overrides the owner grant",
	  .sd = { .owner = S_ALICE, DACL({ T_D, 0, RC | WDAC, S_ALICE }) },
	  .desired = RC | WDAC, .granted = RC | WDAC },
	{ "check-dacl 15: an OWNER RIGHTS ACE suppresses the implicit grant",
	  .sd = { .owner = S_ALICE, DACL({ T_A, 0, R, S_OW }) },
	  .desired = RC, .err = EACCES },
	{ "check-dacl 15: OWNER RIGHTS ACE grants its own mask",
	  .sd = { .owner = S_ALICE, DACL({ T_A, 0, R, S_OW }) },
	  .desired = MAXA, .granted = R },
	{ "check-dacl 17: S-1-3-4 matches the owner as a deny",
	  .sd = { .owner = S_ALICE, DACL({ T_D, 0, W, S_OW },
					 { T_A, 0, R | W, S_ALICE }) },
	  .desired = MAXA, .granted = R },
	{ "check-dacl 17: S-1-3-4 does not match a non-owner",
	  .sd = { .owner = S_BOB, DACL({ T_A, 0, R, S_OW }) },
	  .desired = R, .err = EACCES },
	{ "check-dacl 19: MAXIMUM_ALLOWED is stripped from the request",
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }) },
	  .desired = MAXA | R, .granted = R },
	{ "check-dacl 20: MAXIMUM_ALLOWED walks to the end",
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE },
			       { T_A, 0, W, S_ALICE }) },
	  .desired = MAXA, .granted = R | W },
	{ "check-dacl 21: a pure MAXIMUM_ALLOWED request always succeeds",
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_BOB }) },
	  .desired = MAXA, .granted = 0 },
	{ "check-dacl 22: first-writer-wins under MAXIMUM_ALLOWED",
	  .sd = { OWN_SY, DACL({ T_D, 0, R, S_ALICE },
			       { T_A, 0, R | W, S_ALICE }) },
	  .desired = MAXA, .granted = W },
};

TEST(check_dacl)
{
	EXPECT_EQ(0, run_table(_metadata, dacl_cases, ARRAY_SIZE(dacl_cases)));
}

/* ---- check-mic ----------------------------------------------------------- */

#define SD_ALL(...)	{ OWN_SY, DACL({ T_A, 0, GA, S_WD }), SACL(__VA_ARGS__) }

static const struct ac_case mic_cases[] = {
	{ "check-mic 1: MIC runs before the DACL; an allow cannot undo it",
	  .s = { .il = IL_LOW }, .sd = SD_ALL(), .desired = W,
	  .err = EACCES },
	{ "check-mic 2: no-write-up lets a lower caller read",
	  .s = { .il = IL_LOW }, .sd = SD_ALL({ T_ML, 0, NW, S_IL_MED }),
	  .desired = R | X, .granted = R | X },
	{ "check-mic 2: no-write-up refuses the write",
	  .s = { .il = IL_LOW }, .sd = SD_ALL({ T_ML, 0, NW, S_IL_MED }),
	  .desired = W, .err = EACCES },
	/*
	 * EnforceMIC (3-integrity.md) takes Map(GENERIC_WRITE) out of the
	 * allowed set, and the file mapping's write set holds READ_CONTROL
	 * and SYNCHRONIZE: they go too (no re-add, B7).
	 */
	{ "check-mic 3: no label reads as Medium no-write-up (Low caller)",
	  .s = { .il = IL_LOW }, .sd = SD_ALL(), .desired = MAXA,
	  .granted = (FR | FX) & ~FW },
	{ "check-mic 3: no label reads as Medium (Medium caller writes)",
	  .sd = SD_ALL(), .desired = W, .granted = W },
	{ "check-mic 4: a caller at the object's level is not limited",
	  .s = { .il = IL_HIGH },
	  .sd = SD_ALL({ T_ML, 0, NW | NR | NX, S_IL_HIGH }),
	  .desired = MAXA, .granted = FA },
	{ "check-mic 5: MIC never revokes a restore grant",
	  .s = { .il = IL_LOW, .privs = P_REST },
	  .sd = SD_ALL({ T_ML, 0, NW, S_IL_HIGH }), .desired = W,
	  .intent = KACS_RESTORE_INTENT, .granted = RESTORE_SET,
	  .used = P_REST },
	{ "check-mic 6: ACCESS_SYSTEM_SECURITY is outside MIC",
	  .s = { .il = IL_LOW, .privs = P_SEC },
	  .sd = SD_ALL({ T_ML, 0, NW | NR | NX, S_IL_SYS }), .desired = ASS,
	  .granted = ASS, .used = P_SEC },
	{ "check-mic 7: SeRelabel lets the DACL grant WRITE_OWNER",
	  .s = { .il = IL_LOW, .privs = P_RELAB },
	  .sd = SD_ALL({ T_ML, 0, NW, S_IL_HIGH }), .desired = WO,
	  .granted = WO, .used = P_RELAB },
	{ "check-mic 7: without SeRelabel WRITE_OWNER stays refused",
	  .s = { .il = IL_LOW },
	  .sd = SD_ALL({ T_ML, 0, NW, S_IL_HIGH }), .desired = WO,
	  .err = EACCES },
	{ "check-mic 8: a relabel-loosened WRITE_OWNER dies in the restricted merge",
	  .s = { .il = IL_LOW, .privs = P_RELAB | P_SEC, .rsids = { S_WD } },
	  .sd = { OWN_SY, DACL({ T_A, 0, GA, S_ALICE }) }, .desired = MAXA,
	  .granted = ASS },
	{ "check-mic 9: MIC needs the token's NO_WRITE_UP policy",
	  .s = { .il = IL_LOW, .no_policy = true },
	  .sd = SD_ALL({ T_ML, 0, NW, S_IL_HIGH }), .desired = W,
	  .granted = W },
	{ "check-mic 10: only the first live label applies (IO skipped)",
	  .s = { .il = IL_LOW },
	  .sd = SD_ALL({ T_ML, IO, NW, S_IL_HIGH }, { T_ML, 0, NW, S_IL_LOW }),
	  .desired = W, .granted = W },
	{ "check-mic 10: only the first live label applies",
	  .s = { .il = IL_LOW },
	  .sd = SD_ALL({ T_ML, 0, NW, S_IL_HIGH }, { T_ML, 0, NW, S_IL_LOW }),
	  .desired = W, .err = EACCES },
	{ "check-mic 13: a malformed label ACE rejects the descriptor",
	  .sd = SD_ALL({ T_ML, 0, NW, S_IL_BAD }), .desired = R,
	  .err = EINVAL },
	{ "check-mic 14: NO_READ_UP removes the read rights",
	  .s = { .il = IL_LOW },
	  .sd = SD_ALL({ T_ML, 0, NW | NR, S_IL_MED }), .desired = R,
	  .err = EACCES },
	{ "check-mic 15: NO_WRITE_UP removes the write rights",
	  .s = { .il = IL_UNT },
	  .sd = SD_ALL({ T_ML, 0, NW, S_IL_LOW }), .desired = W,
	  .err = EACCES },
	{ "check-mic 16: NO_EXECUTE_UP removes the execute rights",
	  .s = { .il = IL_LOW },
	  .sd = SD_ALL({ T_ML, 0, NW | NX, S_IL_MED }), .desired = X,
	  .err = EACCES },
	{ "check-mic 16: NO_EXECUTE_UP leaves plain reads",
	  .s = { .il = IL_LOW },
	  .sd = SD_ALL({ T_ML, 0, NW | NX, S_IL_MED }), .desired = R,
	  .granted = R },
	{ "check-mic 17: unknown label mask bits are ignored",
	  .s = { .il = IL_LOW },
	  .sd = SD_ALL({ T_ML, 0, NW | 0x8, S_IL_MED }), .desired = R,
	  .granted = R },
};

TEST(check_mic)
{
	EXPECT_EQ(0, run_table(_metadata, mic_cases, ARRAY_SIZE(mic_cases)));
}

/* ---- check-algorithm, check-overview, access-smoke ------------------------ */

static const struct ac_case alg_cases[] = {
	{ "access-smoke 1: a granted right is returned",
	  .sd = { OWN_SY, DACL({ T_A, 0, GR, S_ALICE }) },
	  .desired = R, .granted = R },
	{ "access-smoke 1: a right not granted is EACCES with granted 0",
	  .sd = { OWN_SY, DACL({ T_A, 0, GR, S_ALICE }) },
	  .desired = W, .err = EACCES, .granted = 0 },
	{ "access-smoke 1: MAXIMUM_ALLOWED reports 0x120089",
	  .sd = { OWN_SY, DACL({ T_A, 0, GR, S_ALICE }) },
	  .desired = MAXA, .granted = 0x120089 },
	{ "check-algorithm 1: the pipeline composes privilege, MIC and DACL",
	  .s = { .il = IL_LOW, .privs = P_BACK },
	  .sd = { OWN_SY, DACL({ T_D, 0, R, S_ALICE }),
		  SACL({ T_ML, 0, NW | NR, S_IL_HIGH }) },
	  .desired = R, .intent = KACS_BACKUP_INTENT, .granted = FR,
	  .used = P_BACK },
	{ "check-algorithm 5: an Identification token is denied at once",
	  .s = { .level = LV(KACS_LEVEL_IDENTIFICATION) },
	  .sd = SD_ALL(), .desired = MAXA, .err = EACCES, .granted = 0 },
	{ "check-algorithm 5: an Impersonation token gets everything",
	  .s = { .level = LV(KACS_LEVEL_IMPERSONATION) },
	  .sd = SD_ALL(), .desired = MAXA, .granted = FA },
	{ "check-algorithm 6: an Anonymous-level token runs the pipeline",
	  .s = { .level = LV(KACS_LEVEL_ANONYMOUS) },
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }) },
	  .desired = R, .granted = R },
	{ "check-algorithm 7: a descriptor without owner is invalid",
	  .sd = { DACL({ T_A, 0, GA, S_WD }) }, .desired = R, .err = EINVAL },
	{ "check-algorithm 8: a null group SID is valid",
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_WD }) }, .desired = R,
	  .granted = R },
	{ "check-algorithm 8: a group SID has no effect on the decision",
	  .sd = { OWN_SY, .group = S_ALICE, DACL({ T_A, 0, R, S_BOB }) },
	  .desired = R, .err = EACCES },
	{ "check-algorithm 9: generic request bits are mapped",
	  .sd = { OWN_SY, DACL({ T_A, 0, GA, S_ALICE }) },
	  .desired = GR, .granted = FR },
	{ "check-algorithm 10: SeBackup without the intent grants nothing",
	  .s = { .privs = P_BACK }, .sd = { OWN_SY }, .desired = MAXA,
	  .granted = 0 },
	{ "check-algorithm 10: SeRestore without the intent grants nothing",
	  .s = { .privs = P_REST }, .sd = { OWN_SY }, .desired = W,
	  .intent = KACS_BACKUP_INTENT, .err = EACCES },
	{ "check-algorithm 11: SeSecurity seeds ACCESS_SYSTEM_SECURITY",
	  .s = { .privs = P_SEC }, .sd = { OWN_SY }, .desired = MAXA,
	  .granted = ASS },
	{ "check-algorithm 11: SeRestore seeds the restore set",
	  .s = { .privs = P_REST }, .sd = { OWN_SY }, .desired = MAXA,
	  .intent = KACS_RESTORE_INTENT, .granted = RESTORE_SET },
	{ "check-algorithm 14: SeTakeOwnership grants WRITE_OWNER",
	  .s = { .privs = P_TAKE }, .sd = { OWN_SY }, .desired = WO,
	  .granted = WO, .used = P_TAKE },
	{ "check-algorithm 14: unless MIC decided WRITE_OWNER",
	  .s = { .il = IL_LOW, .privs = P_TAKE }, .sd = SD_ALL(),
	  .desired = WO, .err = EACCES },
	{ "check-algorithm 16: reserved bits 0x0CE00000 in the request",
	  .sd = SD_ALL(), .desired = R | 0x0CE00000, .err = EINVAL },
	{ "check-algorithm 16: reserved bit 21 in the request",
	  .sd = SD_ALL(), .desired = R | 0x00200000, .err = EINVAL },
	{ "check-algorithm 17: one ACE with reserved bits aborts the check",
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_WD },
			       { T_A, 0, 0x0CE00000, S_GZ }) },
	  .desired = R, .err = EINVAL },
	{ "check-algorithm 18: a reserved bit in a label ACE aborts too",
	  .sd = SD_ALL({ T_ML, 0, NW | 0x04000000, S_IL_LOW }),
	  .desired = R, .err = EINVAL },
	{ "check-algorithm 25: nothing asked for is allowed",
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }) }, .desired = 0,
	  .granted = 0 },
	{ "check-algorithm 25: every requested bit granted is allowed",
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }) }, .desired = R,
	  .granted = R },
	{ "check-algorithm 25: one requested bit missing is a denial",
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }) }, .desired = R | W,
	  .err = EACCES, .granted = R },
	{ "check-algorithm 26: the granted mask is not filtered to the request",
	  .s = { .privs = P_BACK }, .sd = { OWN_SY }, .desired = RC,
	  .intent = KACS_BACKUP_INTENT, .granted = 0x120089, .used = P_BACK },
	{ "check-algorithm 28: all four generic bits map",
	  .sd = { OWN_SY, DACL({ T_A, 0, GA, S_ALICE }) },
	  .desired = GR | GW | GX | GA, .granted = FA },
	{ "check-overview 1: granted, verdict, continuous audit, staging",
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }),
		  SACL({ T_AL, 0, 0x6, S_WD }) },
	  .desired = R, .granted = R, .audit = 0x6 },
	{ "check-overview 1: the audit mask is written on a denial too",
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }),
		  SACL({ T_AL, 0, GR, S_GB_ }, { T_AL, 0, W, S_BOB }) },
	  .desired = W, .err = EACCES, .audit = FR },
	{ "check-overview 6: a later layer narrows and never re-opens",
	  .s = { .rsids = { S_WD } },
	  .sd = { OWN_SY, DACL({ T_A, 0, R | W, S_ALICE },
			       { T_A, 0, R, S_WD }) },
	  .desired = MAXA, .granted = R },
	{ "abi-constants j: standard rights sit at bits 16-20",
	  .sd = { OWN_SY, DACL({ T_A, 0, 0x001F0000, S_ALICE }) },
	  .desired = DEL | RC | WDAC | WO | KACS_SYNCHRONIZE,
	  .granted = 0x001F0000 },
	{ "abi-constants j: GENERIC_READ is bit 31, MAXIMUM_ALLOWED bit 25",
	  .sd = { OWN_SY, DACL({ T_A, 0, 0x80000000U, S_ALICE }) },
	  .desired = 0x02000000, .granted = FR },
	{ "abi-constants k: allow (0x00) grants, deny (0x01) refuses",
	  .sd = { OWN_SY, DACL({ 0x01, 0, W, S_ALICE },
			       { 0x00, 0, R | W, S_ALICE }) },
	  .desired = MAXA, .granted = R },
	{ "abi-constants k: audit, alarm and unknown types in a DACL do nothing",
	  .sd = { OWN_SY, DACL({ T_AU, 0, R, S_ALICE },
			       { T_AL, 0, R, S_ALICE },
			       { T_UNK, 0, R, S_ALICE }) },
	  .desired = R, .err = EACCES },
	{ "abi-constants k: label (0x11) and trust label (0x14) are evaluated",
	  .s = { .il = IL_LOW },
	  .sd = SD_ALL({ T_ML, 0, NW, S_IL_HIGH }, { T_TL, 0, FR, S_TL_TCB }),
	  .desired = MAXA, .granted = FR & ~FW },
};

TEST(check_algorithm)
{
	EXPECT_EQ(0, run_table(_metadata, alg_cases, ARRAY_SIZE(alg_cases)));
}

/* ---- check-pip, pip-model ---------------------------------------------- */

#define PIP_SD(...)	SD_ALL(__VA_ARGS__)

static const struct ac_case pip_cases[] = {
	{ "check-pip 1: no SACL, no PIP", .sd = SD_ALL(), .desired = R,
	  .granted = R },
	{ "check-pip 1: an audit-only SACL is no opt-in",
	  .sd = PIP_SD({ T_AU, 0, R, S_WD }), .desired = R, .granted = R },
	{ "check-pip 1: a trust label opts the object in",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_512_512 }), .desired = R,
	  .err = EACCES },
	{ "check-pip 2: both axes dominate",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_TCB }), .desired = R,
	  .pip_type = 512, .pip_trust = 8192, .granted = R },
	{ "check-pip 2: the type axis alone is not enough",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_TCB }), .desired = R,
	  .pip_type = 1024, .pip_trust = 4096, .err = EACCES },
	{ "check-pip 3: a non-dominant caller gets the ACE mask only",
	  .sd = PIP_SD({ T_TL, 0, R, S_TL_TCB }), .desired = MAXA,
	  .granted = R },
	{ "check-pip 4: an unlabelled object is reachable by anyone",
	  .sd = SD_ALL(), .desired = MAXA, .granted = FA },
	{ "check-pip 5: the first sub-authority is the type",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_512_1024 }), .desired = R,
	  .pip_type = 1024, .pip_trust = 512, .err = EACCES },
	{ "check-pip 5: the second sub-authority is the trust",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_512_1024 }), .desired = R,
	  .pip_type = 512, .pip_trust = 1024, .granted = R },
	{ "check-pip 6: a non-standard type compares numerically",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_700_100 }), .desired = R,
	  .pip_type = 700, .pip_trust = 100, .granted = R },
	{ "check-pip 6: one below the non-standard type is refused",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_700_100 }), .desired = R,
	  .pip_type = 699, .pip_trust = 100, .err = EACCES },
	{ "check-pip 7: a trust label SID of the wrong shape is malformed",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_BAD }), .desired = R,
	  .err = EINVAL },
	{ "check-pip 8: only the first live trust label applies",
	  .sd = PIP_SD({ T_TL, IO, 0, S_TL_1024_8192 },
		       { T_TL, 0, 0, S_TL_512_512 }, { T_TL, 0, 0, S_TL_TCB }),
	  .desired = R, .pip_type = 512, .pip_trust = 512, .granted = R },
	{ "check-pip 9: PIP revokes a backup grant",
	  .s = { .privs = P_BACK }, .sd = PIP_SD({ T_TL, 0, 0, S_TL_TCB }),
	  .desired = R, .intent = KACS_BACKUP_INTENT, .err = EACCES },
	{ "check-pip 10: PIP takes ACCESS_SYSTEM_SECURITY away",
	  .s = { .privs = P_SEC }, .sd = PIP_SD({ T_TL, 0, FA, S_TL_TCB }),
	  .desired = ASS, .err = EACCES },
	{ "check-pip 11: the ACE mask is generic-mapped",
	  .sd = PIP_SD({ T_TL, 0, GR, S_TL_TCB }), .desired = MAXA,
	  .granted = FR },
	{ "check-pip 12: one token, PIP (0,0): refused",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_TCB }), .desired = R,
	  .err = EACCES },
	{ "check-pip 12: the same token, PIP (512,8192): granted",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_TCB }), .desired = R,
	  .pip_type = 512, .pip_trust = 8192, .granted = R },
	{ "check-pip 14: (512,512) from the arguments",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_512_512 }), .desired = R,
	  .pip_type = 512, .pip_trust = 512, .granted = R },
	{ "check-pip 14: (512,0): trust from the PSB (0)",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_512_512 }), .desired = R,
	  .pip_type = 512, .err = EACCES },
	{ "check-pip 14: (0,512): type from the PSB (0)",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_512_512 }), .desired = R,
	  .pip_trust = 512, .err = EACCES },
	{ "pip-model 3: (0,0) does not dominate S-1-19-512-8192",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_TCB }), .desired = R,
	  .err = EACCES },
	{ "pip-model 3: (512,8192) dominates",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_TCB }), .desired = R,
	  .pip_type = 512, .pip_trust = 8192, .granted = R },
	{ "pip-model 3: (512,8191) does not",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_TCB }), .desired = R,
	  .pip_type = 512, .pip_trust = 8191, .err = EACCES },
	{ "pip-model 3: (511,8192) does not",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_TCB }), .desired = R,
	  .pip_type = 511, .pip_trust = 8192, .err = EACCES },
	{ "pip-model 3: (513,8193) dominates",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_TCB }), .desired = R,
	  .pip_type = 513, .pip_trust = 8193, .granted = R },
	{ "pip-model 3: (0xFFFFFFFF,8192) dominates",
	  .sd = PIP_SD({ T_TL, 0, 0, S_TL_TCB }), .desired = R,
	  .pip_type = 0xFFFFFFFF, .pip_trust = 8192, .granted = R },
};

TEST(check_pip)
{
	EXPECT_EQ(0, run_table(_metadata, pip_cases, ARRAY_SIZE(pip_cases)));
}

/*
 * check-pip 14 (A9): each PIP axis left 0 falls back to the caller's PSB
 * on its own.  Only observable with a non-zero caller PIP, set here with
 * the test_pip knob in this test's own process.
 */
TEST(check_pip_axis_fallback)
{
	static const struct ac_case rows[] = {
		{ "check-pip 14: (0,8192) + PSB type 512 dominates",
		  .sd = PIP_SD({ T_TL, 0, 0, S_TL_TCB }), .desired = R,
		  .pip_trust = 8192, .granted = R },
		{ "check-pip 14: (512,0) + PSB trust 100 does not",
		  .sd = PIP_SD({ T_TL, 0, 0, S_TL_TCB }), .desired = R,
		  .pip_type = 512, .err = EACCES },
		{ "check-pip 14: (0,0) is the PSB (512,100)",
		  .sd = PIP_SD({ T_TL, 0, 0, S_TL_512_512 }), .desired = R,
		  .err = EACCES },
		{ "check-pip 14: (0,512) + PSB type 512 dominates 512/512",
		  .sd = PIP_SD({ T_TL, 0, 0, S_TL_512_512 }), .desired = R,
		  .pip_trust = 512, .granted = R },
	};

	ASSERT_EQ(0, kacs_pip_set(512, 100));
	EXPECT_EQ(0, run_table(_metadata, rows, ARRAY_SIZE(rows)));
}

/* ---- check-restricted ---------------------------------------------------- */

static const struct ac_case restricted_cases[] = {
	{ "check-restricted 1: a restricting SID the DACL ignores denies",
	  .s = { .rsids = { S_GC_ } },
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }) }, .desired = R,
	  .err = EACCES },
	{ "check-restricted 2: the second pass matches restricting SIDs only",
	  .s = { .rsids = { S_WD } },
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }, { T_A, 0, W, S_WD }) },
	  .desired = MAXA, .granted = W },
	{ "check-restricted 4: restricting SIDs count by presence",
	  .s = { .rsids = { S_GC_ } },
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_WD }, { T_A, 0, R, S_GC_ }) },
	  .desired = R, .granted = R },
	{ "check-restricted 5: the result is the intersection",
	  .s = { .rsids = { S_WD } },
	  .sd = { OWN_SY, DACL({ T_A, 0, R | W, S_ALICE },
			       { T_A, 0, R, S_WD }) },
	  .desired = R | W, .err = EACCES, .granted = R },
	{ "check-restricted 6: write-restricted leaves reads alone",
	  .s = { .rsids = { S_GZ }, .wr = true },
	  .sd = { OWN_SY, DACL({ T_A, 0, GA, S_WD }) }, .desired = R,
	  .granted = R },
	{ "check-restricted 6: write-restricted intersects the write bits",
	  .s = { .rsids = { S_GZ }, .wr = true },
	  .sd = { OWN_SY, DACL({ T_A, 0, GA, S_WD }) }, .desired = MAXA,
	  .granted = FA & ~FW },
	{ "check-restricted 7: privilege grants bypass the intersection",
	  .s = { .rsids = { S_GZ }, .privs = P_BACK },
	  .sd = { OWN_SY }, .desired = R, .intent = KACS_BACKUP_INTENT,
	  .granted = FR, .used = P_BACK },
	{ "check-restricted 8: the restored set includes take-ownership",
	  .s = { .rsids = { S_GZ }, .privs = P_TAKE },
	  .sd = { OWN_SY }, .desired = WO, .granted = WO, .used = P_TAKE },
	{ "check-restricted 9: owner rights when the owner is restricting",
	  .s = { .rsids = { S_ALICE } }, .sd = { .owner = S_ALICE },
	  .desired = RC, .granted = RC },
	{ "check-restricted 9: no owner rights otherwise",
	  .s = { .rsids = { S_WD } }, .sd = { .owner = S_ALICE },
	  .desired = RC, .err = EACCES },
	{ "check-restricted 10: S-1-3-4 in the restricted pass (owner restricting)",
	  .s = { .rsids = { S_ALICE } },
	  .sd = { .owner = S_ALICE, DACL({ T_A, 0, R, S_OW }) },
	  .desired = R, .granted = R },
	{ "check-restricted 10: S-1-3-4 absent from the restricted pass",
	  .s = { .rsids = { S_WD } },
	  .sd = { .owner = S_ALICE, DACL({ T_A, 0, R, S_OW }) },
	  .desired = R, .err = EACCES },
	{ "check-restricted 10: S-1-5-10 when self is restricting",
	  .s = { .rsids = { S_ALICE } },
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_PS }) }, .self = S_ALICE,
	  .desired = R, .granted = R },
	{ "check-restricted 10: S-1-5-10 when self is not restricting",
	  .s = { .rsids = { S_WD } },
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_PS }) }, .self = S_ALICE,
	  .desired = R, .err = EACCES },
};

TEST(check_restricted)
{
	EXPECT_EQ(0, run_table(_metadata, restricted_cases,
			       ARRAY_SIZE(restricted_cases)));
}

/* ---- token-structure, priv-model, imp-levels through AccessCheck -------- */

static const struct ac_case token_cases[] = {
	{ "token-structure 2: write_restricted makes the user SID deny-only",
	  .s = { .rsids = { S_WD }, .wr = true },
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }) }, .desired = R,
	  .err = EACCES },
	{ "token-structure 3: restricting SIDs participate by presence",
	  .s = { .rsids = { S_GC_ } },
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_GC_ }, { T_A, 0, R, S_WD }) },
	  .desired = R, .granted = R },
	{ "token-structure 4: AccessCheck finds the logon SID",
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_LOGON }) }, .desired = R,
	  .granted = R },
	{ "token-structure 20: expiration is not enforced",
	  .s = { .expiration = 1 },
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }) }, .desired = R,
	  .granted = R },
	{ "priv-model 11: other privileges change nothing",
	  .s = { .privs = KACS_PRIV(KACS_SE_DEBUG) | KACS_PRIV(KACS_SE_TCB) |
		 KACS_PRIV(KACS_SE_IMPERSONATE) },
	  .sd = { OWN_SY }, .desired = MAXA,
	  .intent = KACS_BACKUP_INTENT | KACS_RESTORE_INTENT, .granted = 0 },
	{ "priv-model 11: SeSecurity gives ACCESS_SYSTEM_SECURITY",
	  .s = { .privs = P_SEC }, .sd = { OWN_SY }, .desired = ASS,
	  .granted = ASS, .used = P_SEC },
	{ "priv-model 11: SeTakeOwnership gives WRITE_OWNER",
	  .s = { .privs = P_TAKE }, .sd = { OWN_SY }, .desired = WO,
	  .granted = WO, .used = P_TAKE },
	{ "priv-model 11: SeBackup gives the read set",
	  .s = { .privs = P_BACK }, .sd = { OWN_SY }, .desired = R,
	  .intent = KACS_BACKUP_INTENT, .granted = FR, .used = P_BACK },
	{ "priv-model 11: SeRestore gives the restore set",
	  .s = { .privs = P_REST }, .sd = { OWN_SY }, .desired = W,
	  .intent = KACS_RESTORE_INTENT, .granted = RESTORE_SET,
	  .used = P_REST },
	{ "priv-model 11: SeRelabel loosens MIC for WRITE_OWNER",
	  .s = { .il = IL_LOW, .privs = P_RELAB }, .sd = SD_ALL(),
	  .desired = WO, .granted = WO, .used = P_RELAB },
	{ "priv-model 12: backup needs its intent flag (no use recorded)",
	  .s = { .privs = P_BACK | P_REST }, .sd = { OWN_SY }, .desired = R,
	  .err = EACCES },
	{ "priv-model 12: restore needs its intent flag (no use recorded)",
	  .s = { .privs = P_BACK | P_REST }, .sd = { OWN_SY }, .desired = W,
	  .intent = KACS_BACKUP_INTENT, .err = EACCES, .granted = FR },
	{ "priv-model 12: a MAXIMUM_ALLOWED probe marks nothing used",
	  .s = { .privs = P_FIVE }, .sd = { OWN_SY }, .desired = MAXA,
	  .intent = KACS_BACKUP_INTENT | KACS_RESTORE_INTENT,
	  .granted = FR | RESTORE_SET },
	{ "imp-levels 2: an Identification token is barred",
	  .s = { .level = LV(KACS_LEVEL_IDENTIFICATION) },
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }) }, .desired = R,
	  .err = EACCES, .granted = 0 },
	{ "imp-levels 2: an Impersonation token is not",
	  .s = { .level = LV(KACS_LEVEL_IMPERSONATION) },
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }) }, .desired = R,
	  .granted = R },
	{ "imp-levels 4: Delegation is locally the same as Impersonation",
	  .s = { .level = LV(KACS_LEVEL_DELEGATION) },
	  .sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }) }, .desired = R,
	  .granted = R },
};

TEST(token_through_access_check)
{
	EXPECT_EQ(0, run_table(_metadata, token_cases,
			       ARRAY_SIZE(token_cases)));
}

/* ---- argument-level cases ------------------------------------------------ */

/*
 * check-algorithm 3 and 4, check-overview 3, abi-constants a/b: the
 * orchestrator's argument validation and the list variant.
 */
TEST(check_arguments)
{
	struct ac_out o;
	struct sdspec sd = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }) };
	struct kacs_access_check_args a;
	__u8 buf[512];
	__u32 granted = 0;
	int fd, ifd, no_such_call;
	size_t len;

	sids_init();
	fd = mint_subject(&(struct subj){ 0 });
	ASSERT_LE(0, fd);
	ifd = mint_subject(&(struct subj){
			.level = LV(KACS_LEVEL_IDENTIFICATION) });
	ASSERT_LE(0, ifd);
	len = build_sd(buf, sizeof(buf), &sd);

	/* check-algorithm 3: a null descriptor is invalid */
	run_check(fd, buf, 0, R, 0, 0, 0, 0, &o);
	EXPECT_EQ(EINVAL, o.err);
	EXPECT_EQ(-1, o.ret);
	/*
	 * check-algorithm 3 / check-overview 3: the list variant needs a
	 * tree; it is not in this series, so its number fails like a number
	 * no kernel assigns (userspace-api, system calls).
	 */
	errno = 0;
	EXPECT_EQ(-1, syscall(-1L));
	no_such_call = errno;
	EXPECT_NE(0, no_such_call);
	errno = 0;
	EXPECT_EQ(-1, syscall(1024, NULL));
	EXPECT_EQ(no_such_call, errno);

	/* check-algorithm 4: Identification: real SD EACCES, null SD EINVAL */
	run_check(ifd, buf, len, R, 0, 0, 0, 0, &o);
	EXPECT_EQ(EACCES, o.err);
	EXPECT_EQ(0, o.granted);
	run_check(ifd, buf, 0, R, 0, 0, 0, 0, &o);
	EXPECT_EQ(EINVAL, o.err);

	/* check-overview 3: scalar args without the audit pointers */
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.token_fd = fd;
	a.sd_ptr = (__u64)(uintptr_t)buf;
	a.sd_len = len;
	a.desired_access = R;
	a.generic_read = FR;
	a.generic_write = FW;
	a.generic_execute = FX;
	a.generic_all = FA;
	EXPECT_EQ(R, kacs_access_check(&a));

	/* abi-constants b: 40 bytes is the smallest block, 39 is refused */
	a.size = KACS_ACCESS_CHECK_ARGS_SIZE_VER0;
	EXPECT_EQ(40, KACS_ACCESS_CHECK_ARGS_SIZE_VER0);
	EXPECT_EQ(R, kacs_access_check(&a));
	a.size = 39;
	EXPECT_EQ(-1, kacs_access_check(&a));
	EXPECT_EQ(EINVAL, errno);
	/* abi-constants a: 136 bytes; at 88 granted_out is not read */
	EXPECT_EQ(136, sizeof(a));
	EXPECT_EQ(136, KACS_ACCESS_CHECK_ARGS_SIZE_LATEST);
	a.size = 88;
	a.granted_out_ptr = (__u64)(uintptr_t)&granted;
	granted = 0x5a5a;
	EXPECT_EQ(R, kacs_access_check(&a));
	EXPECT_EQ(0x5a5a, granted);
	a.size = sizeof(a);
	EXPECT_EQ(R, kacs_access_check(&a));
	EXPECT_EQ(R, granted);
	close(ifd);
	close(fd);
}

/*
 * token-lifecycle 21: backup and restore intent grant read and write
 * regardless of the DACL, for the SYSTEM token that holds both.
 */
TEST(system_backup_restore_intent)
{
	struct sdspec sd = { OWN_SY };
	struct ac_out o;
	__u8 buf[256];
	size_t len;

	sids_init();
	len = build_sd(buf, sizeof(buf), &sd);
	run_check(-1, buf, len, R, 0, 0, 0, 0, &o);
	EXPECT_EQ(EACCES, o.err);
	/* the empty DACL grants nothing of the request */
	EXPECT_EQ(0, o.granted & R);
	/* SYSTEM also holds SeSecurity: ACCESS_SYSTEM_SECURITY is seeded */
	run_check(-1, buf, len, R, KACS_BACKUP_INTENT, 0, 0, 0, &o);
	EXPECT_EQ(0, o.err);
	EXPECT_EQ(FR | ASS, o.granted);
	run_check(-1, buf, len, W, KACS_RESTORE_INTENT, 0, 0, 0, &o);
	EXPECT_EQ(0, o.err);
	EXPECT_EQ(RESTORE_SET, o.granted);
	run_check(-1, buf, len, W, KACS_BACKUP_INTENT, 0, 0, 0, &o);
	EXPECT_EQ(EACCES, o.err);
	EXPECT_EQ(FR | ASS, o.granted);
}

/*
 * token-model 1: an access decision with token_fd -1 evaluates the
 * thread's effective token: the impersonated user while impersonating,
 * SYSTEM again after the revert.
 */
TEST(effective_token_decides)
{
	struct sdspec alice = { OWN_SY, DACL({ T_A, 0, R, S_ALICE }) };
	struct sdspec sy = { OWN_SY, DACL({ T_A, 0, R, S_SY }) };
	__u8 b1[256], b2[256];
	struct ac_out o;
	size_t l1, l2;
	int fd;

	sids_init();
	l1 = build_sd(b1, sizeof(b1), &alice);
	l2 = build_sd(b2, sizeof(b2), &sy);
	fd = mint_subject(&(struct subj){ 0 });
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_impersonate(fd));
	run_check(-1, b1, l1, R, 0, 0, 0, 0, &o);
	EXPECT_EQ(0, o.err);
	EXPECT_EQ(R, o.ret);
	EXPECT_EQ(R, o.granted);
	run_check(-1, b2, l2, R, 0, 0, 0, 0, &o);
	EXPECT_EQ(EACCES, o.err);
	EXPECT_EQ(0, o.granted);
	ASSERT_EQ(0, kacs_revert());
	run_check(-1, b2, l2, R, 0, 0, 0, 0, &o);
	EXPECT_EQ(0, o.err);
	/* SYSTEM's SeSecurityPrivilege grant is reported whole */
	EXPECT_EQ(R | ASS, o.ret);
	EXPECT_EQ(R | ASS, o.granted);
	run_check(-1, b1, l1, R, 0, 0, 0, 0, &o);
	EXPECT_EQ(EACCES, o.err);
	/* denied: nothing of the request is granted */
	EXPECT_EQ(0, o.granted & R);
	close(fd);
}

KACS_HARNESS_MAIN
