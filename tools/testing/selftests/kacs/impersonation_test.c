// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS impersonation gates and lifecycle, ported from the cases of Peios'
 * own integration tests (imp-gates, imp-lifecycle) listed in
 * peios-integration-cases.md.  Each test names the cases it covers; the
 * expectations follow the case statements and Peios KACS v0.20
 * (9-impersonation), with a server process made by installing a minted
 * primary token in a forked child (harness adaptation H1).
 */

#define _GNU_SOURCE
#include <sys/socket.h>

#include "../kselftest_harness.h"
#include "port_util.h"

#define IMP	KACS_LEVEL_IMPERSONATION
#define IDENT	KACS_LEVEL_IDENTIFICATION
#define P_IMP	KACS_PRIV(KACS_SE_IMPERSONATE)
#define P_ASSIGN KACS_PRIV(KACS_SE_ASSIGN_PRIMARY_TOKEN)

static int mint(__u32 rid, __u8 type, __u8 level, __u32 integrity,
		__u64 privs)
{
	struct kacs_user_spec u;
	static __u8 buf[4096];
	size_t len;
	int fd;

	kacs_user_spec_init(&u, rid, type, level, privs);
	u.p.integrity = integrity;
	len = kacs_build_spec(buf, sizeof(buf), &u.p);
	fd = kacs_create_token(buf, len);
	return fd < 0 ? -errno : fd;
}

/*
 * What the calling thread's effective token is.  An Identification-level
 * token cannot open itself (AccessCheck refuses it), so the token is then
 * read through kacs_open_thread_token() from a helper thread running on
 * the process's primary token; the client tokens grant it TOKEN_QUERY.
 */
struct view {
	pid_t tid;
	long level, il, type;
	struct kacs_tsid user;
	int err;
};

static void view_fd(int fd, struct view *v)
{
	struct kacs_token_statistics st;
	__u8 il[16];

	v->level = kacs_u32_class(fd, KACS_TOKEN_CLASS_IMPERSONATION_LEVEL);
	v->il = kacs_query(fd, KACS_TOKEN_CLASS_INTEGRITY_LEVEL, il,
			   sizeof(il)) == 12 ? (il[8] | il[9] << 8) : -1;
	v->type = kacs_stats(fd, &st) ? -1 : st.token_type;
	v->err = kacs_user(fd, &v->user);
}

static void *view_thread(void *arg)
{
	struct view *v = arg;
	int pidfd = sys_pidfd_open(getpid(), 0);
	int fd = kacs_open_thread_token(pidfd, v->tid, KACS_TOKEN_QUERY);

	if (fd < 0) {
		v->err = -errno;
	} else {
		view_fd(fd, v);
		close(fd);
	}
	close(pidfd);
	return NULL;
}

static struct view view_now(void)
{
	struct view v = { .tid = sys_gettid(), .err = -1 };
	pthread_t th;
	int fd = kacs_open_self_token(0, KACS_TOKEN_QUERY);

	if (fd >= 0) {
		view_fd(fd, &v);
		close(fd);
		return v;
	}
	if (!pthread_create(&th, NULL, view_thread, &v))
		pthread_join(th, NULL);
	return v;
}

static long level_now(void)
{
	struct view v = view_now();

	return v.err ? -1 : v.level;
}

static long type_now(void)
{
	struct view v = view_now();

	return v.err ? -1 : v.type;
}

static bool user_now(__u32 rid)
{
	struct view v = view_now();
	struct kacs_tsid want;

	if (rid)
		kacs_sid_user(&want, rid);
	else
		kacs_sid_system(&want);
	return !v.err && kacs_tsid_eq(&v.user, &want);
}

/* Let any holder of the process's primary token query the client token. */
static int queryable(int fd)
{
	struct kacs_ace_def aces[2];
	struct kacs_tsid wd, sy;

	if (fd < 0)
		return fd;
	kacs_sid_everyone(&wd);
	kacs_sid_system(&sy);
	aces[0] = (struct kacs_ace_def){ 0, 0, KACS_TOKEN_QUERY, &wd };
	aces[1] = (struct kacs_ace_def){ 0, 0, KACS_TOKEN_ALL_ACCESS, &sy };
	return kacs_token_set_dacl(fd, aces, 2) ? -1 : fd;
}

/* Tokens prepared by the parent (SYSTEM) before a child becomes a server. */
struct srv {
	int primary;		/* the server's primary token to install */
	int client[4];
	bool disable_imp;	/* disable SeImpersonate after the install */
};

/*
 * imp-gates 1: both gates are evaluated against the server's primary
 * token, never its effective one: SYSTEM impersonating Alice can still
 * impersonate Bob at Impersonation level.
 */
static int gates_primary_not_effective(void *arg)
{
	struct srv *s = arg;

	CK(kacs_impersonate(s->client[0]) == 0);
	CK(level_now() == IMP);
	CK(kacs_impersonate(s->client[1]) == 0);
	CK(user_now(KACS_RID_BOB));
	CK(level_now() == IMP);
	return 0;
}

TEST(gates_judged_on_primary)
{
	struct srv s = { 0 };

	s.client[0] = mint(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION, IMP,
			   KACS_INTEGRITY_MEDIUM, 0);
	s.client[1] = mint(KACS_RID_BOB, KACS_TOKEN_IMPERSONATION, IMP,
			   KACS_INTEGRITY_MEDIUM, 0);
	ASSERT_LE(0, s.client[0]);
	ASSERT_LE(0, s.client[1]);
	EXPECT_EQ(0, in_thread(gates_primary_not_effective, &s));
}

static int as_server(void *arg)
{
	struct srv *s = arg;

	if (kacs_install(s->primary))
		return 1;
	if (s->disable_imp &&
	    kacs_self_priv(KACS_SE_IMPERSONATE, false))
		return 2;
	return 0;
}

/*
 * imp-gates 2, 3 and 4, priv-gates 2: the same user, both unrestricted,
 * needs no privilege; another user needs SeImpersonatePrivilege present
 * and enabled, which is then marked used; without it the level is capped to
 * Identification silently (success).
 */
static int gates_identity(void *arg)
{
	struct srv *s = arg;
	struct kacs_token_privileges pv;
	int fd;

	CK(as_server(s) == 0);
	CK(kacs_impersonate(s->client[0]) == 0);	/* Alice -> Alice */
	CK(level_now() == IMP);
	CK(kacs_revert() == 0);
	CK(kacs_impersonate(s->client[1]) == 0);	/* Alice -> Bob */
	CK(user_now(KACS_RID_BOB));
	CK(level_now() == IDENT);
	CK(kacs_revert() == 0);
	CK(kacs_self_priv(KACS_SE_IMPERSONATE, true) == 0);
	CK(kacs_impersonate(s->client[1]) == 0);
	CK(level_now() == IMP);
	CK(kacs_revert() == 0);
	fd = kacs_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_QUERY);
	CK(fd >= 0);
	CK(kacs_privs(fd, &pv) == 0);
	CK(pv.used & P_IMP);
	close(fd);
	return 0;
}

TEST(gates_identity_rule)
{
	struct srv s = { .disable_imp = true };

	s.primary = mint(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0,
			 KACS_INTEGRITY_MEDIUM, P_IMP);
	s.client[0] = mint(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION, IMP,
			   KACS_INTEGRITY_MEDIUM, 0);
	s.client[1] = queryable(mint(KACS_RID_BOB, KACS_TOKEN_IMPERSONATION,
				     IMP, KACS_INTEGRITY_MEDIUM, 0));
	ASSERT_LE(0, s.primary);
	ASSERT_LE(0, s.client[0]);
	ASSERT_LE(0, s.client[1]);
	EXPECT_EQ(0, in_child(gates_identity, &s));
}

/*
 * imp-gates 5 and 6, imp-lifecycle 9: a restricted server reaching an
 * unrestricted token of its own user is refused (EPERM) and stays on its
 * primary; an unrestricted server reaching a restricted token of its own
 * user takes the ordinary cap (Identification); any thread may impersonate
 * at Anonymous level without either gate.
 */
static int gates_restricted(void *arg)
{
	struct srv *s = arg;

	CK(as_server(s) == 0);
	CK(kacs_impersonate(s->client[0]) == -EPERM);
	CK(type_now() == KACS_TOKEN_PRIMARY);
	CK(kacs_impersonate(s->client[2]) == 0);	/* Anonymous level */
	CK(level_now() == KACS_LEVEL_ANONYMOUS);
	CK(kacs_revert() == 0);
	return 0;
}

static int gates_unrestricted(void *arg)
{
	struct srv *s = arg;

	CK(as_server(s) == 0);
	CK(kacs_impersonate(s->client[1]) == 0);
	CK(level_now() == IDENT);
	return 0;
}

TEST(gates_restricted_server)
{
	struct srv s = { 0 };
	struct kacs_tsid wd;
	int a, r, hi;

	kacs_sid_everyone(&wd);
	a = queryable(mint(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0,
			   KACS_INTEGRITY_LOW, 0));
	ASSERT_LE(0, a);
	r = kacs_restrict_ex(a, 0, 0, NULL, 0, &wd, 1);
	ASSERT_LE(0, r);
	hi = mint(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION, IMP,
		  KACS_INTEGRITY_HIGH, 0);
	ASSERT_LE(0, hi);
	s.primary = r;
	s.client[0] = hi;
	s.client[2] = kacs_duplicate(hi, KACS_TOKEN_ALL_ACCESS,
				     KACS_TOKEN_IMPERSONATION,
				     KACS_LEVEL_ANONYMOUS);
	ASSERT_LE(0, s.client[2]);
	EXPECT_EQ(0, in_child(gates_restricted, &s));

	/* 6: unrestricted server, restricted client of the same user */
	s.primary = a;
	s.client[1] = kacs_restrict_ex(mint(KACS_RID_ALICE,
					    KACS_TOKEN_IMPERSONATION, IMP,
					    KACS_INTEGRITY_LOW, 0),
				       0, 0, NULL, 0, &wd, 1);
	ASSERT_LE(0, s.client[1]);
	EXPECT_EQ(0, in_child(gates_unrestricted, &s));
}

/*
 * imp-gates 7, 8 and 9: a client above the server's integrity level is
 * capped to Identification, with or without SeImpersonatePrivilege; the
 * capped token keeps the client's literal integrity label and authorizes
 * nothing.
 */
static int gates_ceiling(void *arg)
{
	struct srv *s = arg;
	struct kacs_access_check_args a;
	struct kacs_tsid sy;
	__u32 granted;
	__u8 sd[128];
	size_t len;

	CK(as_server(s) == 0);
	/* 7: same user, higher integrity, no privilege involved */
	CK(kacs_impersonate(s->client[0]) == 0);
	CK(level_now() == IDENT);
	/* 8: the label is kept, AccessCheck refuses */
	CK(view_now().il == KACS_INTEGRITY_HIGH);
	CK(kacs_open_self_token(0, KACS_TOKEN_QUERY) == -1 && errno == EACCES);
	kacs_sid_system(&sy);
	len = kacs_build_sd(sd, sizeof(sd), &sy, NULL, NULL, 0, false);
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.token_fd = -1;
	a.sd_ptr = (__u64)(uintptr_t)sd;
	a.sd_len = len;
	a.desired_access = KACS_FILE_READ_DATA;
	a.generic_all = KACS_FILE_ALL_ACCESS;
	granted = 0xdead;
	a.granted_out_ptr = (__u64)(uintptr_t)&granted;
	CK(kacs_access_check(&a) == -1 && errno == EACCES);
	CK(granted == 0);	/* nothing, though the SD has a NULL DACL */
	CK(kacs_revert() == 0);
	/* 9: SeImpersonate (enabled) does not lift the ceiling */
	CK(kacs_impersonate(s->client[1]) == 0);
	CK(level_now() == IDENT);
	CK(kacs_revert() == 0);
	return 0;
}

TEST(gates_integrity_ceiling)
{
	struct srv s = { 0 };

	s.primary = mint(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0,
			 KACS_INTEGRITY_MEDIUM, P_IMP);
	s.client[0] = mint(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION, IMP,
			   KACS_INTEGRITY_HIGH, 0);
	s.client[1] = queryable(mint(KACS_RID_BOB, KACS_TOKEN_IMPERSONATION,
				     IMP, KACS_INTEGRITY_HIGH, 0));
	ASSERT_LE(0, s.primary);
	ASSERT_LE(0, s.client[0]);
	ASSERT_LE(0, s.client[1]);
	EXPECT_EQ(0, in_child(gates_ceiling, &s));
}

/*
 * imp-gates 10: the effective level is the minimum of the client's level
 * and every cap.
 */
static int gates_minimum(void *arg)
{
	struct srv *s = arg;

	CK(as_server(s) == 0);
	/* Delegation client, all gates pass: Delegation */
	CK(kacs_impersonate(s->client[0]) == 0);
	CK(level_now() == KACS_LEVEL_DELEGATION);
	/* Identification client, all gates pass: Identification */
	CK(kacs_impersonate(s->client[1]) == 0);
	CK(level_now() == IDENT);
	/* Delegation client above the ceiling: Identification */
	CK(kacs_impersonate(s->client[2]) == 0);
	CK(level_now() == IDENT);
	CK(kacs_revert() == 0);
	return 0;
}

TEST(gates_minimum_of_constraints)
{
	struct srv s = { 0 };

	s.primary = mint(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0,
			 KACS_INTEGRITY_MEDIUM, P_IMP);
	s.client[0] = queryable(mint(KACS_RID_BOB, KACS_TOKEN_IMPERSONATION,
				     KACS_LEVEL_DELEGATION,
				     KACS_INTEGRITY_MEDIUM, 0));
	s.client[1] = queryable(mint(KACS_RID_BOB, KACS_TOKEN_IMPERSONATION,
				     IDENT, KACS_INTEGRITY_LOW, 0));
	s.client[2] = queryable(mint(KACS_RID_BOB, KACS_TOKEN_IMPERSONATION,
				     KACS_LEVEL_DELEGATION,
				     KACS_INTEGRITY_SYSTEM, 0));
	ASSERT_LE(0, s.primary);
	ASSERT_LE(0, s.client[0]);
	ASSERT_LE(0, s.client[1]);
	ASSERT_LE(0, s.client[2]);
	EXPECT_EQ(0, in_child(gates_minimum, &s));
}

/*
 * imp-lifecycle 8 and 11: kacs_revert restores the thread's real
 * credential; impersonating while impersonating replaces the first
 * impersonation, and one revert lands on the primary.
 */
static int lifecycle_revert(void *arg)
{
	struct srv *s = arg;

	CK(as_server(s) == 0);
	CK(kacs_impersonate(s->client[0]) == 0);
	CK(type_now() == KACS_TOKEN_IMPERSONATION);
	CK(kacs_revert() == 0);
	CK(type_now() == KACS_TOKEN_PRIMARY);
	CK(user_now(KACS_RID_ALICE));
	CK(kacs_impersonate(s->client[0]) == 0);
	CK(kacs_impersonate(s->client[1]) == 0);
	CK(user_now(KACS_RID_BOB));
	CK(kacs_revert() == 0);
	CK(type_now() == KACS_TOKEN_PRIMARY);
	CK(user_now(KACS_RID_ALICE));
	CK(kacs_revert() == 0);		/* reverting again is harmless */
	CK(user_now(KACS_RID_ALICE));
	return 0;
}

TEST(lifecycle_revert_and_replace)
{
	struct srv s = { 0 };

	s.primary = mint(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0,
			 KACS_INTEGRITY_MEDIUM, P_IMP);
	s.client[0] = mint(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION, IMP,
			   KACS_INTEGRITY_MEDIUM, 0);
	s.client[1] = queryable(mint(KACS_RID_BOB, KACS_TOKEN_IMPERSONATION,
				     IMP, KACS_INTEGRITY_MEDIUM, 0));
	ASSERT_LE(0, s.primary);
	ASSERT_LE(0, s.client[0]);
	ASSERT_LE(0, s.client[1]);
	EXPECT_EQ(0, in_child(lifecycle_revert, &s));
}

static int passed_fd_impersonates(void *arg)
{
	int *sv = arg;
	char c[CMSG_SPACE(sizeof(int))];
	struct iovec iov;
	struct msghdr mh = { 0 };
	struct cmsghdr *cm;
	char b;
	int fd;

	iov.iov_base = &b;
	iov.iov_len = 1;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = c;
	mh.msg_controllen = sizeof(c);
	CK(recvmsg(sv[1], &mh, 0) == 1);
	cm = CMSG_FIRSTHDR(&mh);
	CK(cm && cm->cmsg_type == SCM_RIGHTS);
	memcpy(&fd, CMSG_DATA(cm), sizeof(fd));
	CK(kacs_impersonate(fd) == 0);
	CK(user_now(KACS_RID_ALICE));
	CK(level_now() == IMP);
	return 0;
}

/*
 * imp-lifecycle 21 (Pp; peer-token fds are out of scope): IMPERSONATE
 * works on a token fd however it was obtained: minted here, or received
 * over SCM_RIGHTS.
 */
TEST(lifecycle_any_token_fd)
{
	char c[CMSG_SPACE(sizeof(int))];
	struct msghdr mh = { 0 };
	struct cmsghdr *cm;
	struct iovec iov;
	int sv[2], fd;

	fd = mint(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION, IMP,
		  KACS_INTEGRITY_MEDIUM, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_impersonate(fd));
	EXPECT_TRUE(user_now(KACS_RID_ALICE));
	ASSERT_EQ(0, kacs_revert());
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	iov.iov_base = "t";
	iov.iov_len = 1;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = c;
	mh.msg_controllen = sizeof(c);
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	ASSERT_EQ(1, sendmsg(sv[0], &mh, 0));
	close(fd);
	EXPECT_EQ(0, in_child(passed_fd_impersonates, sv));
	close(sv[0]);
	close(sv[1]);
}

/* Runs last: nothing KACS allocated may outlive the tests. */
KACS_LEAK_CHECK()

TEST_HARNESS_MAIN
