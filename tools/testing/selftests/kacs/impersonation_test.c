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
#include <fcntl.h>
#include <linux/io_uring.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>

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

/* ---- impersonation and the rest of the process life cycle ---------------- */

/* kacs_helper exec-report writes its report to this fd */
#define EXEC_REPORT_FD		100
#define EXEC_REPORT_FD_STR	"100"

struct exec_setup {
	bool from_sibling;	/* exec from a second thread */
	int alice, bob;		/* impersonation tokens */
	int pipe_w;
};

static void *exec_sibling(void *arg)
{
	struct exec_setup *e = arg;

	if (kacs_impersonate(e->alice))
		_exit(21);
	execl(kacs_helper_path(), KACS_HELPER, "exec-report",
	      EXEC_REPORT_FD_STR, NULL);
	_exit(22);
}

/*
 * The exec'ing process: PIP 512/4096, a DACL of its own, then exec while
 * impersonating alice, from the main thread or from a sibling thread
 * (while the main thread impersonates bob).
 */
static int exec_child(struct exec_setup *e)
{
	struct kacs_tsid sy;
	pthread_t th;
	int pidfd;

	kacs_sid_system(&sy);
	if (dup2(e->pipe_w, EXEC_REPORT_FD) != EXEC_REPORT_FD)
		return 11;
	if (kacs_pip_set(KACS_PIP_PROTECTED, 4096))
		return 12;
	pidfd = sys_pidfd_open(getpid(), 0);
	if (pidfd < 0 || kacs_process_set_dacl1(pidfd, &sy, KACS_GENERIC_ALL))
		return 13;
	if (!e->from_sibling) {
		if (kacs_impersonate(e->alice))
			return 14;
		execl(kacs_helper_path(), KACS_HELPER, "exec-report",
		      EXEC_REPORT_FD_STR, NULL);
		return 15;
	}
	if (kacs_impersonate(e->bob))
		return 16;
	if (pthread_create(&th, NULL, exec_sibling, e))
		return 17;
	pthread_join(th, NULL);	/* exec ends this thread */
	return 18;
}

static void exec_case(struct __test_metadata *_metadata, bool from_sibling)
{
	struct exec_setup e = { .from_sibling = from_sibling };
	struct kacs_token_statistics before;
	struct kacs_ace_def ace;
	struct kacs_exec_report r;
	struct kacs_tsid sy;
	__u8 want[128];
	size_t wlen;
	int p[2], st;
	pid_t pid;

	kacs_sid_system(&sy);
	kacs_helper_path();
	/* the DACL exec_child() sets, as kacs_get_sd() returns it alone */
	ace = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &sy };
	wlen = kacs_build_sd(want, sizeof(want), NULL, NULL, &ace, 1, true);
	e.alice = mint(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION, IMP,
		       KACS_INTEGRITY_MEDIUM, 0);
	e.bob = mint(KACS_RID_BOB, KACS_TOKEN_IMPERSONATION, IMP,
		     KACS_INTEGRITY_MEDIUM, 0);
	ASSERT_LE(0, e.alice);
	ASSERT_LE(0, e.bob);
	ASSERT_EQ(0, pipe(p));
	e.pipe_w = p[1];
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		close(p[0]);
		/* the primary token before the exec, for the parent */
		if (kacs_self_stats(true, &before) ||
		    write(p[1], &before, sizeof(before)) != sizeof(before))
			_exit(10);
		_exit(exec_child(&e));
	}
	close(p[1]);
	ASSERT_EQ(sizeof(before), read(p[0], &before, sizeof(before)));
	ASSERT_EQ(sizeof(r), read(p[0], &r, sizeof(r)))
		TH_LOG("no report from the exec'd image");
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	EXPECT_TRUE(WIFEXITED(st) && !WEXITSTATUS(st))
		TH_LOG("exec'ing child: status 0x%x", st);
	close(p[0]);
	ASSERT_EQ(0, r.err);
	/* impersonation ended at exec: the effective token is the primary */
	EXPECT_EQ(r.real.token_id, r.eff.token_id);
	EXPECT_EQ(KACS_TOKEN_PRIMARY, r.eff_type);
	EXPECT_TRUE(kacs_tsid_eq(&sy, &r.user));
	/* the primary token survived the exec, unchanged */
	EXPECT_EQ(before.token_id, r.real.token_id);
	EXPECT_EQ(before.modified_id, r.real.modified_id);
	/* PIP comes from a signature only: None after the exec */
	EXPECT_EQ(KACS_PIP_NONE, r.pip_type);
	EXPECT_EQ(0, r.pip_trust);
	/* the process SD is kept */
	ASSERT_EQ((long)wlen, r.dacl_len);
	EXPECT_EQ(0, memcmp(want + 20, r.dacl + 20, wlen - 20));
	close(e.alice);
	close(e.bob);
}

/*
 * 4-tokens/3-lifecycle.md Exec and the admin guide, Exec: execve() ends
 * the impersonation of the exec'ing thread before the new image runs,
 * keeps the primary token (same token_id and modified_id) and the process
 * SD, and resets PIP to None (no signature in this series).  From the
 * main thread, and from a sibling thread while the main thread
 * impersonates someone else.
 */
FIXTURE(exec) {
	int unused;
};

FIXTURE_VARIANT(exec) {
	bool from_sibling;
};

FIXTURE_VARIANT_ADD(exec, main_thread) {
	.from_sibling = false,
};

FIXTURE_VARIANT_ADD(exec, sibling_thread) {
	.from_sibling = true,
};

FIXTURE_SETUP(exec)
{
}

FIXTURE_TEARDOWN(exec)
{
}

TEST_F(exec, lifecycle_exec_reverts_and_resets_pip)
{
	exec_case(_metadata, variant->from_sibling);
}

struct setuid_run {
	int alice;
	struct kacs_token_statistics primary;
};

static int setuid_thread(void *arg)
{
	struct setuid_run *s = arg;
	struct kacs_token_statistics st;
	struct kacs_tsid sy;
	pid_t pid;
	int stat;

	kacs_sid_system(&sy);
	CK(kacs_impersonate(s->alice) == 0);
	/* commit_creds() of this thread only (no glibc broadcast) */
	CK(syscall(SYS_setresuid, 1234, 1234, 1234) == 0);
	CK(syscall(SYS_getuid) == 1234);
	CK(user_now(KACS_RID_ALICE));
	CK(type_now() == KACS_TOKEN_IMPERSONATION);
	CK(kacs_self_stats(true, &st) == 0);
	CK(st.token_id == s->primary.token_id);
	CK(st.modified_id == s->primary.modified_id);
	/* another commit_creds(): securebits */
	CK(prctl(PR_SET_KEEPCAPS, 1) == 0);
	CK(user_now(KACS_RID_ALICE));
	CK(kacs_self_stats(true, &st) == 0);
	CK(st.token_id == s->primary.token_id);
	/* a child forked now gets a copy of the primary, not alice */
	pid = fork();
	if (pid == 0) {
		struct kacs_tsid u;

		_exit(kacs_self_user(false, &u) || !kacs_tsid_eq(&u, &sy));
	}
	CK(pid > 0 && waitpid(pid, &stat, 0) == pid && WIFEXITED(stat) &&
	   !WEXITSTATUS(stat));
	/* revert lands on the same primary token */
	CK(kacs_revert() == 0);
	CK(kacs_self_stats(false, &st) == 0);
	CK(st.token_id == s->primary.token_id);
	CK(user_now(0));
	return 0;
}

static int setuid_main(void *arg)
{
	struct setuid_run *s = arg;
	int fd;

	CK(kacs_self_stats(true, &s->primary) == 0);
	/* alice may query this process's primary token (a private copy) */
	fd = kacs_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_ALL_ACCESS);
	CK(queryable(fd) == fd);
	close(fd);
	CK(in_thread(setuid_thread, s) == 0);
	/* the main thread never saw any of it */
	CK(syscall(SYS_getuid) == 0);
	CK(user_now(0));
	return 0;
}

/*
 * setuid() and other commit_creds() calls while impersonating (admin
 * guide, Impersonation: the impersonation token lives in the task blob,
 * not in the cred): the thread keeps impersonating, the primary token is
 * still the same object, a fork copies the primary, and a revert lands on
 * it; Linux uids change as Linux says, and only in that thread.
 */
TEST(lifecycle_setuid_while_impersonating)
{
	struct setuid_run s = { 0 };

	s.alice = mint(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION, IMP,
		       KACS_INTEGRITY_MEDIUM, 0);
	ASSERT_LE(0, s.alice);
	EXPECT_EQ(0, in_child(setuid_main, &s));
	close(s.alice);
}

struct exit_imp {
	int fd;		/* the token to impersonate, closed by the thread */
	long level;	/* the level obtained */
};

static void *exit_imp_thread(void *arg)
{
	struct exit_imp *x = arg;

	if (kacs_impersonate(x->fd))
		x->level = -1;
	else
		x->level = level_now();
	close(x->fd);
	/* exit while impersonating */
	return NULL;
}

static int exit_imp_count(struct exit_imp *x)
{
	struct kacs_counts base, now;
	pthread_t th;
	int bad;

	if (kacs_counts_baseline(&base))
		return 1;
	if (pthread_create(&th, NULL, exit_imp_thread, x) ||
	    pthread_join(th, NULL))
		return 2;
	bad = kacs_counts_settle(&base, &now, 10000);
	if (bad != KACS_LEAK_NONE) {
		char msg[256];

		fprintf(stderr, "# leak: %s\n",
			kacs_leak_str(bad, &base, &now, msg, sizeof(msg)));
		return 3;
	}
	return 0;
}

static int exit_capped(void *arg)
{
	struct srv *s = arg;
	struct exit_imp x;

	CK(as_server(s) == 0);
	x.fd = s->client[0];
	CK(exit_imp_count(&x) == 0);
	CK(x.level == IDENT);	/* the thread held a capped copy */
	return 0;
}

/*
 * A thread that exits while impersonating releases its impersonation
 * token: the token object, minted for it and closed before the exit, is
 * gone afterwards (test_counts back to the baseline).  The same for the
 * Identification-level copy a capped impersonation makes.
 */
TEST(lifecycle_thread_exit_while_impersonating_frees_the_token)
{
	struct exit_imp x;
	struct srv s = { 0 };

	x.fd = mint(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION, IMP,
		    KACS_INTEGRITY_MEDIUM, 0);
	ASSERT_LE(0, x.fd);
	EXPECT_EQ(0, exit_imp_count(&x));
	EXPECT_EQ(IMP, x.level);

	/* alice without SeImpersonate impersonating bob: a capped copy */
	s.primary = mint(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0,
			 KACS_INTEGRITY_MEDIUM, 0);
	s.client[0] = queryable(mint(KACS_RID_BOB, KACS_TOKEN_IMPERSONATION,
				     IMP, KACS_INTEGRITY_MEDIUM, 0));
	ASSERT_LE(0, s.primary);
	ASSERT_LE(0, s.client[0]);
	EXPECT_EQ(0, in_child(exit_capped, &s));
	close(s.primary);
	close(s.client[0]);
}

struct sibling_inst {
	int bob, alice;
	int ready[2], go[2];
	struct kacs_token_statistics installed;
};

static int sibling_imp(void *arg)
{
	struct sibling_inst *si = arg;
	struct kacs_token_statistics st;
	char b;

	CK(kacs_impersonate(si->bob) == 0);
	CK(write(si->ready[1], "r", 1) == 1);
	CK(read(si->go[0], &b, 1) == 1);
	/* still bob after the sibling's install ... */
	CK(user_now(KACS_RID_BOB));
	CK(level_now() == IMP);
	/* ... with the new primary token underneath */
	CK(kacs_self_stats(true, &st) == 0);
	CK(st.token_id == si->installed.token_id);
	/* the revert lands on the installed token, not the old one */
	CK(kacs_revert() == 0);
	CK(kacs_self_stats(false, &st) == 0);
	CK(st.token_id == si->installed.token_id);
	CK(user_now(KACS_RID_ALICE));
	return 0;
}

static void *sibling_imp_thread(void *arg)
{
	return (void *)(long)ck_call(sibling_imp, arg);
}

static int install_while_sibling(void *arg)
{
	struct sibling_inst *si = arg;
	pthread_t th;
	void *r;
	char b;

	CK(kacs_stats(si->alice, &si->installed) == 0);
	CK(pipe(si->ready) == 0 && pipe(si->go) == 0);
	CK(pthread_create(&th, NULL, sibling_imp_thread, si) == 0);
	CK(read(si->ready[0], &b, 1) == 1);
	CK(kacs_install(si->alice) == 0);
	CK(user_now(KACS_RID_ALICE));
	CK(write(si->go[1], "g", 1) == 1);
	CK(pthread_join(th, &r) == 0);
	CK(!r);
	return 0;
}

/*
 * 13-appendix-a/2-ioctls.md, KACS_IOC_INSTALL: a sibling thread that
 * impersonates while another thread installs keeps its impersonation;
 * only its primary token changes underneath, and its revert lands on the
 * new primary token.
 */
TEST(lifecycle_install_while_sibling_impersonates)
{
	struct sibling_inst si = { 0 };

	si.bob = mint(KACS_RID_BOB, KACS_TOKEN_IMPERSONATION, IMP,
		      KACS_INTEGRITY_MEDIUM, 0);
	/* queryable: bob reads the new primary token under him */
	si.alice = queryable(mint(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0,
				  KACS_INTEGRITY_MEDIUM, 0));
	ASSERT_LE(0, si.bob);
	ASSERT_LE(0, si.alice);
	EXPECT_EQ(0, in_child(install_while_sibling, &si));
	close(si.bob);
	close(si.alice);
}

/* ---- the levels, from a non-SYSTEM server ---------------------------------- */

/* Privileges and groups of the effective token, read like view_now(). */
struct full_view {
	struct view v;
	struct kacs_token_privileges pv;
	struct kacs_grp g[16];
	int ngroups;
};

static void *full_view_thread(void *arg)
{
	struct full_view *f = arg;
	int pidfd = sys_pidfd_open(getpid(), 0);
	int fd = kacs_open_thread_token(pidfd, f->v.tid, KACS_TOKEN_QUERY);

	if (fd < 0) {
		f->v.err = -errno;
	} else {
		view_fd(fd, &f->v);
		if (kacs_privs(fd, &f->pv))
			f->v.err = -EIO;
		f->ngroups = kacs_groups(fd, KACS_TOKEN_CLASS_GROUPS, f->g, 16);
		close(fd);
	}
	close(pidfd);
	return NULL;
}

/* Like view_now(): the own fd if the token lets itself be opened. */
static struct full_view full_view_now(void)
{
	struct full_view f = { .v = { .tid = sys_gettid(), .err = -1 } };
	int fd = kacs_open_self_token(0, KACS_TOKEN_QUERY);
	pthread_t th;

	if (fd >= 0) {
		view_fd(fd, &f.v);
		if (kacs_privs(fd, &f.pv))
			f.v.err = -EIO;
		f.ngroups = kacs_groups(fd, KACS_TOKEN_CLASS_GROUPS, f.g, 16);
		close(fd);
		return f;
	}
	if (!pthread_create(&th, NULL, full_view_thread, &f))
		pthread_join(th, NULL);
	return f;
}

static bool has_group(const struct full_view *f, const struct kacs_tsid *s)
{
	int i;

	for (i = 0; i < f->ngroups && i < 16; i++)
		if (kacs_tsid_eq(&f->g[i].sid, s))
			return true;
	return false;
}

static int levels_alice_server(void *arg)
{
	struct srv *s = arg;
	struct kacs_tsid anon, wd, au;
	struct full_view f;

	kacs_tsid_make(&anon, 5, 1, 7);
	kacs_sid_everyone(&wd);
	kacs_tsid_make(&au, 5, 1, 11);
	CK(as_server(s) == 0);

	/* Anonymous: no gate; the kernel's Anonymous token */
	CK(kacs_impersonate(s->client[0]) == 0);
	f = full_view_now();
	CK(f.v.err == 0);
	CK(kacs_tsid_eq(&f.v.user, &anon));
	CK(f.v.level == KACS_LEVEL_ANONYMOUS);
	CK(f.v.il == KACS_INTEGRITY_UNTRUSTED);
	CK(f.pv.present == 0 && f.pv.enabled == 0);
	CK(has_group(&f, &wd));
	CK(!has_group(&f, &au));
	/* no privilege of the client's counts */
	CK(kacs_create_token(NULL, 0) == -1 && errno == EPERM);
	CK(kacs_pip_set(0, 0) == -EPERM);
	CK(kacs_revert() == 0);

	/* Identification (identity gate failed): the client's privileges
	 * are there but do not count
	 */
	CK(kacs_impersonate(s->client[1]) == 0);
	f = full_view_now();
	CK(f.v.err == 0);
	CK(user_now(KACS_RID_BOB));
	CK(f.v.level == IDENT);
	CK(f.pv.enabled & KACS_PRIV(KACS_SE_CREATE_TOKEN));
	CK(kacs_create_token(NULL, 0) == -1 && errno == EPERM);
	CK(kacs_pip_set(0, 0) == -EPERM);
	CK(kacs_revert() == 0);

	/* Impersonation (same user): the same privileges count */
	CK(kacs_impersonate(s->client[2]) == 0);
	CK(level_now() == IMP);
	CK(kacs_create_token(NULL, 0) == -1 && errno == EINVAL);
	CK(kacs_pip_set(0, 0) == 0);
	CK(kacs_revert() == 0);
	return 0;
}

/*
 * imp-gates 11 and Q30 from a non-SYSTEM server (alice, no
 * SeImpersonatePrivilege): an Anonymous-level client gives the kernel's
 * Anonymous token (S-1-5-7, Everyone but not Authenticated Users, no
 * privileges, Untrusted; 9-impersonation/3-lifecycle.md); an
 * Identification-level token keeps the client's privileges as data but
 * none of them counts (SeCreateToken, SeTcb: EPERM); the same privileges
 * at Impersonation level count.
 */
TEST(gates_levels_from_non_system_server)
{
	struct srv s = { 0 };
	int b;

	s.primary = mint(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0,
			 KACS_INTEGRITY_MEDIUM, 0);
	b = mint(KACS_RID_BOB, KACS_TOKEN_IMPERSONATION, IMP,
		 KACS_INTEGRITY_MEDIUM, KACS_PRIV(KACS_SE_CREATE_TOKEN) |
		 KACS_PRIV(KACS_SE_TCB));
	ASSERT_LE(0, s.primary);
	ASSERT_LE(0, b);
	s.client[0] = kacs_duplicate(b, KACS_TOKEN_ALL_ACCESS,
				     KACS_TOKEN_IMPERSONATION,
				     KACS_LEVEL_ANONYMOUS);
	s.client[1] = queryable(b);
	s.client[2] = mint(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION, IMP,
			   KACS_INTEGRITY_MEDIUM,
			   KACS_PRIV(KACS_SE_CREATE_TOKEN) |
			   KACS_PRIV(KACS_SE_TCB));
	ASSERT_LE(0, s.client[0]);
	ASSERT_LE(0, s.client[1]);
	ASSERT_LE(0, s.client[2]);
	EXPECT_EQ(0, in_child(levels_alice_server, &s));
	close(s.client[0]);
	close(s.client[1]);
	close(s.client[2]);
	close(s.primary);
}

/* ---- io_uring -------------------------------------------------------------- */

#ifndef __NR_io_uring_setup
#define __NR_io_uring_setup 425
#endif
#ifndef __NR_io_uring_enter
#define __NR_io_uring_enter 426
#endif
#ifndef __NR_io_uring_register
#define __NR_io_uring_register 427
#endif

/* A one-request-at-a-time io_uring on the raw system calls. */
struct ring {
	int fd;
	struct io_uring_params p;
	void *sq, *cq;
	size_t sq_sz, cq_sz;
	struct io_uring_sqe *sqes;
};

static int ring_init(struct ring *r, __u32 flags)
{
	memset(r, 0, sizeof(*r));
	r->p.flags = flags;
	r->p.sq_thread_idle = 50;
	r->fd = syscall(__NR_io_uring_setup, 4, &r->p);
	if (r->fd < 0)
		return -errno;
	r->sq_sz = r->p.sq_off.array + r->p.sq_entries * sizeof(__u32);
	r->cq_sz = r->p.cq_off.cqes +
		   r->p.cq_entries * sizeof(struct io_uring_cqe);
	r->sq = mmap(NULL, r->sq_sz, PROT_READ | PROT_WRITE, MAP_SHARED,
		     r->fd, IORING_OFF_SQ_RING);
	r->cq = mmap(NULL, r->cq_sz, PROT_READ | PROT_WRITE, MAP_SHARED,
		     r->fd, IORING_OFF_CQ_RING);
	r->sqes = mmap(NULL, r->p.sq_entries * sizeof(*r->sqes),
		       PROT_READ | PROT_WRITE, MAP_SHARED, r->fd,
		       IORING_OFF_SQES);
	if (r->sq == MAP_FAILED || r->cq == MAP_FAILED ||
	    r->sqes == MAP_FAILED)
		return -ENOMEM;
	return 0;
}

static void ring_exit(struct ring *r)
{
	munmap(r->sqes, r->p.sq_entries * sizeof(*r->sqes));
	munmap(r->cq, r->cq_sz);
	munmap(r->sq, r->sq_sz);
	close(r->fd);
}

#define RING_U32(base, off) ((__u32 *)((char *)(base) + (off)))

/* Submit @sqe, wait for its completion and return its result. */
static int ring_run(struct ring *r, const struct io_uring_sqe *sqe)
{
	__u32 *tail = RING_U32(r->sq, r->p.sq_off.tail);
	__u32 mask = *RING_U32(r->sq, r->p.sq_off.ring_mask);
	__u32 *head = RING_U32(r->cq, r->p.cq_off.head);
	__u32 t = *tail, h;
	struct io_uring_cqe *cqe;

	r->sqes[t & mask] = *sqe;
	RING_U32(r->sq, r->p.sq_off.array)[t & mask] = t & mask;
	__atomic_store_n(tail, t + 1, __ATOMIC_RELEASE);
	/* an idle SQPOLL thread sleeps until woken */
	if (syscall(__NR_io_uring_enter, r->fd, 1, 1,
		    IORING_ENTER_GETEVENTS |
		    (r->p.flags & IORING_SETUP_SQPOLL ?
		     IORING_ENTER_SQ_WAKEUP : 0), NULL, 0) < 0)
		return -10000 - errno;
	h = *head;
	if (h == __atomic_load_n(RING_U32(r->cq, r->p.cq_off.tail),
				 __ATOMIC_ACQUIRE))
		return -20000;
	cqe = (struct io_uring_cqe *)((char *)r->cq + r->p.cq_off.cqes) +
	      (h & *RING_U32(r->cq, r->p.cq_off.ring_mask));
	__atomic_store_n(head, h + 1, __ATOMIC_RELEASE);
	return cqe->res;
}

static int ring_nop_as(struct ring *r, bool async, __u16 personality)
{
	struct io_uring_sqe sqe = {
		.opcode = IORING_OP_NOP,
		.flags = async ? IOSQE_ASYNC : 0,
		.personality = personality,
	};

	return ring_run(r, &sqe);
}

static int ring_nop(struct ring *r, bool async)
{
	return ring_nop_as(r, async, 0);
}

static int ring_open_async(struct ring *r, const char *path, int flags)
{
	struct io_uring_sqe sqe = {
		.opcode = IORING_OP_OPENAT,
		.flags = IOSQE_ASYNC,
		.fd = AT_FDCWD,
		.addr = (__u64)(uintptr_t)path,
		.open_flags = flags,
	};

	return ring_run(r, &sqe);
}

struct uring_case {
	struct ring *ring;
	int client;
	int personality;
};

static int uring_impersonating_thread(void *arg)
{
	struct uring_case *u = arg;
	const char *adj = "/proc/1/oom_score_adj";
	int fd;

	/* a thread that never used io_uring may impersonate */
	CK(kacs_impersonate(u->client) == 0);
	CK(user_now(KACS_RID_ALICE));
	/* as alice, init's oom_score_adj cannot be opened for writing */
	CK(open(adj, O_WRONLY) == -1 && errno == EACCES);
	/* requests run inline with the impersonation token ... */
	CK(ring_nop(u->ring, false) == 0);
	/* ... unless they name a personality: refused */
	CK(ring_nop_as(u->ring, false, u->personality) == -EACCES);
	/* ... deferred ones would run as the primary token: cancelled */
	CK(ring_nop(u->ring, true) == -ECANCELED);
	fd = ring_open_async(u->ring, adj, O_WRONLY);
	if (fd >= 0)
		close(fd);
	CK(fd == -ECANCELED);
	CK(kacs_revert() == 0);
	CK(ring_nop(u->ring, true) == 0);
	CK(ring_nop_as(u->ring, false, u->personality) == 0);
	fd = ring_open_async(u->ring, adj, O_WRONLY);
	CK(fd >= 0);
	close(fd);
	/* this thread now has io_uring state: no more impersonation */
	CK(kacs_impersonate(u->client) == -EBUSY);
	return 0;
}

static int uring_deferred(void *arg)
{
	struct uring_case *u = arg;
	struct ring r;

	CK(ring_init(&r, 0) == 0);
	u->ring = &r;
	u->personality = syscall(__NR_io_uring_register, r.fd,
				 IORING_REGISTER_PERSONALITY, NULL, 0);
	CK(u->personality > 0);
	/* the thread that set the ring up has io_uring state */
	CK(kacs_impersonate(u->client) == -EBUSY);
	CK(in_thread(uring_impersonating_thread, u) == 0);
	ring_exit(&r);
	return 0;
}

/*
 * io_uring runs deferred requests in io-wq workers of the submitting
 * thread under the credentials it submitted with, which hold the primary
 * token.  An impersonating thread therefore gets no worker: its deferred
 * requests are cancelled (-ECANCELED), while inline ones are judged with
 * the impersonation token, and it may not submit a request under a
 * personality (EACCES).  A thread that has io_uring state (and maybe
 * workers) cannot start impersonating (EBUSY).
 */
TEST(uring_deferred_work_never_drops_impersonation)
{
	struct uring_case u = { 0 };

	u.client = mint(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION, IMP,
			KACS_INTEGRITY_MEDIUM, 0);
	ASSERT_LE(0, u.client);
	EXPECT_EQ(0, in_child(uring_deferred, &u));
	close(u.client);
}

static int uring_sqpoll(void *arg)
{
	int client = *(int *)arg;
	struct ring r;

	CK(kacs_impersonate(client) == 0);
	/* the polling thread would submit as the primary token */
	CK(ring_init(&r, IORING_SETUP_SQPOLL) == -EACCES);
	CK(kacs_revert() == 0);
	CK(ring_init(&r, IORING_SETUP_SQPOLL) == 0);
	CK(ring_nop(&r, false) == 0);
	ring_exit(&r);
	return 0;
}

/*
 * An SQPOLL ring's polling thread submits with the credentials of the
 * thread that set it up: an impersonating thread may not set one up
 * (EACCES); the same thread may once it reverted.
 */
TEST(uring_sqpoll_refused_while_impersonating)
{
	int client = mint(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION, IMP,
			  KACS_INTEGRITY_MEDIUM, 0);

	ASSERT_LE(0, client);
	EXPECT_EQ(0, in_child(uring_sqpoll, &client));
	close(client);
}

KACS_HARNESS_MAIN
