// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS tokens: lifecycle, rights, adjustment, derivation, creation,
 * structure and the token model, ported from the cases of Peios' own
 * integration tests (smoke, token-*, abi-tables, abi-constants) listed in
 * peios-integration-cases.md.  Each test names the cases it covers as
 * "<file> <number>" and follows the case statement and Peios KACS v0.20,
 * with the harness adaptations of that page (H1 any session id, H2
 * Primary tokens at level 0, H4 the 24-byte ADJUST_GROUPS, H7 EPERM).
 *
 * Runs as SYSTEM.  Anything that changes the process's own primary token
 * runs in a forked child.
 */

#define _GNU_SOURCE
#include "../kselftest_harness.h"
#include "port_util.h"

#define ALL	KACS_TOKEN_ALL_ACCESS
#define Q	KACS_TOKEN_QUERY
#define SUBJECT_ACE	(KACS_TOKEN_QUERY | KACS_TOKEN_ADJUST_PRIVILEGES | \
			 KACS_TOKEN_ADJUST_GROUPS | KACS_TOKEN_ADJUST_DEFAULT)

static int mint_alice(__u64 privs)
{
	return kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0, privs);
}

static int mint_bob(__u64 privs)
{
	return kacs_mint_user(KACS_RID_BOB, KACS_TOKEN_PRIMARY, 0, privs);
}

/*
 * A token with a group of every kind: 0 mandatory, 1 optional enabled,
 * 2 deny-only, 3 the user SID itself (optional, enabled), 4 optional
 * disabled, then the logon SID (5).
 */
static int mint_groups(__u32 policy)
{
	struct kacs_user_spec u;
	static __u8 buf[4096];
	size_t len;
	int fd;

	kacs_user_spec_init(&u, KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0, 0);
	u.attrs[1] = KACS_SE_GROUP_ENABLED | KACS_SE_GROUP_ENABLED_BY_DEFAULT;
	u.attrs[2] = KACS_SE_GROUP_USE_FOR_DENY_ONLY;
	u.groups[3] = u.user;
	u.attrs[3] = KACS_SE_GROUP_ENABLED | KACS_SE_GROUP_ENABLED_BY_DEFAULT;
	u.p.policy = policy;
	len = kacs_build_spec(buf, sizeof(buf), &u.p);
	/* a fifth group, optional and disabled */
	{
		struct kacs_token_spec *h = (void *)buf;
		struct kacs_tsid g;
		__u32 attrs = 0;

		kacs_sid_user(&g, 2005);
		memcpy(buf + len, &g.len, 4);
		memcpy(buf + len + 4, g.b, g.len);
		memcpy(buf + len + 4 + g.len, &attrs, 4);
		len += 8 + g.len;
		h->groups_count = 5;
	}
	fd = kacs_create_token(buf, len);
	return fd < 0 ? -errno : fd;
}

static __u64 modified_id(int fd)
{
	struct kacs_token_statistics st;

	return kacs_stats(fd, &st) ? 0 : st.modified_id;
}

/* ---- smoke --------------------------------------------------------------- */

/*
 * smoke 2: a token can be minted and read back: auth_id is the session,
 * modified_id == token_id, the logon SID is the last group with
 * 0xC0000007 and is class 19; DUPLICATE to impersonation; RESTRICT with
 * deny index 2 makes groups[2] deny-only (zero-based, A4).
 */
TEST(smoke_mint_read_back_restrict)
{
	struct kacs_token_statistics st;
	struct kacs_grp g[8];
	__u8 sid[KACS_SID_MAX];
	__u32 two = 2;
	int fd, dfd, rfd;

	fd = mint_alice(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_stats(fd, &st));
	EXPECT_EQ(0, st.auth_id);
	EXPECT_EQ(st.token_id, st.modified_id);
	EXPECT_LE(1000, st.token_id);
	ASSERT_EQ(5, kacs_groups(fd, KACS_TOKEN_CLASS_GROUPS, g, 8));
	EXPECT_EQ(0xC0000007, g[4].attrs);
	ASSERT_EQ(20, kacs_query(fd, KACS_TOKEN_CLASS_LOGON_SID, sid,
				 sizeof(sid)));
	EXPECT_EQ(0, memcmp(sid, g[4].sid.b, 20));
	dfd = kacs_duplicate(fd, ALL, KACS_TOKEN_IMPERSONATION,
			     KACS_LEVEL_IMPERSONATION);
	ASSERT_LE(0, dfd);
	EXPECT_EQ(KACS_TOKEN_IMPERSONATION,
		  kacs_u32_class(dfd, KACS_TOKEN_CLASS_TYPE));
	rfd = kacs_restrict_ex(fd, 0, 0, &two, 1, NULL, 0);
	ASSERT_LE(0, rfd);
	ASSERT_EQ(5, kacs_groups(rfd, KACS_TOKEN_CLASS_GROUPS, g, 8));
	EXPECT_EQ(KACS_SE_GROUP_USE_FOR_DENY_ONLY | KACS_SE_GROUP_MANDATORY,
		  g[2].attrs);
	EXPECT_EQ(KACS_GRP_DEFAULT, g[1].attrs);
	close(rfd);
	close(dfd);
	close(fd);
}

static int install_and_check_alice(void *arg)
{
	struct kacs_tsid me = { 0 }, alice;
	int fd = *(int *)arg;

	CK(kacs_install(fd) == 0);
	kacs_sid_user(&alice, KACS_RID_ALICE);
	CK(kacs_self_user(false, &me) == 0);
	CK(kacs_tsid_eq(&me, &alice));
	CK(kacs_self_user(true, &me) == 0);
	CK(kacs_tsid_eq(&me, &alice));
	return 0;
}

/*
 * smoke 3 and token-lifecycle 23: a worker installs a minted token; only
 * the worker changes, the parent stays SYSTEM; the external replacement
 * system calls are not built.
 */
TEST(install_affects_only_the_caller)
{
	struct kacs_tsid me = { 0 }, sy;
	int fd, nr, err;

	fd = mint_alice(0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, in_child(install_and_check_alice, &fd));
	kacs_sid_system(&sy);
	ASSERT_EQ(0, kacs_self_user(true, &me));
	EXPECT_TRUE(kacs_tsid_eq(&me, &sy));
	for (nr = 1007; nr <= 1013; nr++) {
		if (nr == 1012)
			continue;
		errno = 0;
		EXPECT_EQ(-1, syscall(nr, -1, -1, 0, 0));
		err = errno;
		EXPECT_EQ(kacs_bad_nr_errno(), err) TH_LOG("syscall %d", nr);
	}
	close(fd);
}

/* ---- token-lifecycle ------------------------------------------------------ */

struct fork_privs {
	int go[2], done[2];
};

static int fork_privs_child(void *arg)
{
	struct fork_privs *f = arg;
	char c;

	CK(read(f->go[0], &c, 1) == 1);
	/* the parent disabled SeShutdown after the fork: not here */
	CK(kacs_self_priv_enabled(KACS_SE_SHUTDOWN) == 1);
	CK(kacs_self_priv(KACS_SE_SYSTEMTIME, false) == 0);
	CK(kacs_self_priv_enabled(KACS_SE_SYSTEMTIME) == 0);
	return 0;
}

/*
 * token-lifecycle 3: after a fork, adjustments of either token are
 * invisible to the other.
 */
TEST(lifecycle_fork_tokens_independent)
{
	struct fork_privs f;
	pid_t pid;
	int st;

	ASSERT_EQ(0, pipe(f.go));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(ck_call(fork_privs_child, &f) ? 1 : 0);
	ASSERT_EQ(0, kacs_self_priv(KACS_SE_SHUTDOWN, false));
	ASSERT_EQ(1, write(f.go[1], "x", 1));
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	EXPECT_EQ(0, WEXITSTATUS(st));
	EXPECT_EQ(1, kacs_self_priv_enabled(KACS_SE_SYSTEMTIME));
	EXPECT_EQ(0, kacs_self_priv_enabled(KACS_SE_SHUTDOWN));
}

static int thread_sees_shared(void *arg)
{
	struct kacs_token_statistics st;
	__u64 want = *(__u64 *)arg;

	CK(kacs_self_stats(false, &st) == 0);
	CK(st.token_id == want);
	CK(kacs_self_priv_enabled(KACS_SE_SHUTDOWN) == 0);
	return 0;
}

/*
 * token-lifecycle 4 and token-model 3: the threads of a process share one
 * primary token, so an adjustment is visible to every thread.
 */
TEST(lifecycle_threads_share_primary)
{
	struct kacs_token_statistics st;
	__u64 id;
	int i;

	ASSERT_EQ(0, kacs_self_stats(true, &st));
	id = st.token_id;
	ASSERT_EQ(0, kacs_self_priv(KACS_SE_SHUTDOWN, false));
	for (i = 0; i < 8; i++)
		EXPECT_EQ(0, in_thread(thread_sees_shared, &id));
}

/*
 * token-lifecycle 6: the primary token survives execve: a child that
 * forked and exec'd carries SYSTEM at System integrity, as a new token.
 */
TEST(lifecycle_primary_survives_exec)
{
	struct kacs_token_statistics me, it;
	struct kacs_tsid sy, u;
	__u8 il[16];
	int p[2], pidfd, fd;
	pid_t pid;

	ASSERT_EQ(0, pipe(p));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		dup2(p[0], 0);
		close(p[1]);
		execl(kacs_helper_path(), KACS_HELPER, "wait", "0", NULL);
		_exit(99);
	}
	close(p[0]);
	usleep(200000);
	pidfd = sys_pidfd_open(pid, 0);
	ASSERT_LE(0, pidfd);
	fd = kacs_open_process_token(pidfd, Q);
	ASSERT_LE(0, fd) TH_LOG("%s", strerror(errno));
	kacs_sid_system(&sy);
	ASSERT_EQ(0, kacs_user(fd, &u));
	EXPECT_TRUE(kacs_tsid_eq(&u, &sy));
	ASSERT_EQ(12, kacs_query(fd, KACS_TOKEN_CLASS_INTEGRITY_LEVEL, il,
				 sizeof(il)));
	EXPECT_EQ(KACS_INTEGRITY_SYSTEM, il[8] | il[9] << 8);
	ASSERT_EQ(0, kacs_stats(fd, &it));
	ASSERT_EQ(0, kacs_self_stats(true, &me));
	EXPECT_NE(me.token_id, it.token_id);
	close(fd);
	close(pidfd);
	close(p[1]);
	waitpid(pid, NULL, 0);
}

static int install_keeps_imp(void *arg)
{
	struct kacs_token_statistics st, inst;
	struct kacs_tsid me = { 0 }, bob;
	int afd = ((int *)arg)[0], bfd = ((int *)arg)[1];

	CK(kacs_stats(afd, &inst) == 0);
	CK(kacs_impersonate(bfd) == 0);
	CK(kacs_install(afd) == 0);
	kacs_sid_user(&bob, KACS_RID_BOB);
	CK(kacs_self_user(false, &me) == 0);
	CK(kacs_tsid_eq(&me, &bob));
	CK(kacs_revert() == 0);
	CK(kacs_self_stats(false, &st) == 0);
	CK(st.token_id == inst.token_id);
	CK(st.auth_id == inst.auth_id);
	return 0;
}

/*
 * token-lifecycle 12 and 13: INSTALL replaces the primary token of the
 * calling process (the installed token_id and auth_id are seen); an
 * impersonating thread keeps its impersonation across the install and
 * reverting lands on the new primary.
 */
TEST(lifecycle_install_replaces_primary)
{
	int fds[2];

	fds[0] = mint_alice(0);
	ASSERT_LE(0, fds[0]);
	fds[1] = kacs_mint_user(KACS_RID_BOB, KACS_TOKEN_IMPERSONATION,
				KACS_LEVEL_IMPERSONATION, 0);
	ASSERT_LE(0, fds[1]);
	EXPECT_EQ(0, in_child(install_and_check_alice, &fds[0]));
	/* a token is the primary of one process only: a fresh one */
	close(fds[0]);
	fds[0] = mint_alice(0);
	ASSERT_LE(0, fds[0]);
	EXPECT_EQ(0, in_child(install_keeps_imp, fds));
	close(fds[0]);
	close(fds[1]);
}

static int install_first(void *arg)
{
	struct kacs_token_statistics st, tk;
	int fd = *(int *)arg;

	CK(kacs_stats(fd, &tk) == 0);
	CK(kacs_install(fd) == 0);
	CK(kacs_self_stats(true, &st) == 0);
	CK(st.token_id == tk.token_id);
	return 0;
}

static int install_in_use(void *arg)
{
	struct kacs_token_statistics st, tk;
	struct kacs_token_privileges pv;
	int fd = *(int *)arg;

	CK(kacs_stats(fd, &tk) == 0);
	CK(kacs_install(fd) == 0);
	CK(kacs_self_stats(true, &st) == 0);
	CK(st.token_id != tk.token_id);
	CK(st.auth_id == tk.auth_id);
	/* adjusting our primary leaves the token behind @fd alone ... */
	CK(kacs_self_priv(KACS_SE_SHUTDOWN, false) == 0);
	CK(kacs_self_priv_enabled(KACS_SE_SHUTDOWN) == 0);
	CK(kacs_privs(fd, &pv) == 0);
	CK(pv.enabled & KACS_PRIV(KACS_SE_SHUTDOWN));
	/* ... and adjusting that token leaves our primary alone */
	CK(kacs_adjust_priv(fd, KACS_SE_SYSTEMTIME,
			    KACS_SE_PRIVILEGE_DISABLED) == 0);
	CK(kacs_self_priv_enabled(KACS_SE_SYSTEMTIME) == 1);
	return 0;
}

/*
 * No two processes share a primary token object.  The first install of a
 * minted token uses the token itself (its token_id is reported); a second
 * install of it, or an install of a token that is already some process's
 * primary token, installs a copy with a new token_id, and adjustments of
 * either one never show in the other.
 */
TEST(install_of_a_token_in_use_installs_a_copy)
{
	int fd;

	fd = mint_alice(KACS_PRIV(KACS_SE_SHUTDOWN) |
			KACS_PRIV(KACS_SE_SYSTEMTIME));
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, in_child(install_first, &fd));
	EXPECT_EQ(0, in_child(install_in_use, &fd));
	close(fd);

	/* our own primary token, in use by this process */
	fd = kacs_open_self_token(KACS_REAL_TOKEN, ALL);
	ASSERT_LE(0, fd) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(0, in_child(install_in_use, &fd));
	EXPECT_EQ(1, kacs_self_priv_enabled(KACS_SE_SHUTDOWN));
	/* the child disabled SeSystemtime through the fd: ours */
	EXPECT_EQ(0, kacs_self_priv_enabled(KACS_SE_SYSTEMTIME));
	close(fd);
}

static int sd_regenerated(void *arg)
{
	int a1 = ((int *)arg)[0], a2 = ((int *)arg)[1];
	struct kacs_tsid o = { 0 }, sy, alice, wd;
	__u8 sd[512], type;
	__u32 mask = 0;
	long n;
	int pidfd = sys_pidfd_open(getpid(), 0);

	CK(pidfd >= 0);
	kacs_sid_system(&sy);
	kacs_sid_user(&alice, KACS_RID_ALICE);
	kacs_sid_everyone(&wd);
	CK(kacs_process_owner(pidfd, &o) == 0);
	CK(kacs_tsid_eq(&o, &sy));
	CK(kacs_install(a1) == 0);
	CK(kacs_process_owner(pidfd, &o) == 0);
	CK(kacs_tsid_eq(&o, &alice));
	/* a custom DACL survives a reinstall of the same user SID */
	CK(kacs_process_set_dacl1(pidfd, &wd, KACS_PROCESS_GENERIC_ALL) == 0);
	CK(kacs_install(a2) == 0);
	n = kacs_get_sd(pidfd, "", KACS_DACL_SECURITY_INFORMATION, sd,
			sizeof(sd), AT_EMPTY_PATH);
	CK(n > 0);
	CK(kacs_sd_dacl_count(sd, n) == 1);
	CK(kacs_sd_dacl_ace(sd, n, 0, &type, &mask, &o) == 0);
	CK(kacs_tsid_eq(&o, &wd) && mask == KACS_PROCESS_GENERIC_ALL);
	return 0;
}

/*
 * token-lifecycle 15: the process descriptor is regenerated when the
 * installed token's user SID differs, and preserved when it is the same.
 */
TEST(lifecycle_install_regenerates_process_sd)
{
	const __u64 assign = KACS_PRIV(KACS_SE_ASSIGN_PRIMARY_TOKEN);
	int fds[2];

	fds[0] = mint_alice(assign);
	fds[1] = mint_alice(assign);
	ASSERT_LE(0, fds[0]);
	ASSERT_LE(0, fds[1]);
	EXPECT_EQ(0, in_child(sd_regenerated, fds));
	close(fds[0]);
	close(fds[1]);
}

/*
 * token-lifecycle 20: SYSTEM carries SeBackupPrivilege and
 * SeRestorePrivilege present and enabled.
 */
TEST(lifecycle_system_backup_restore)
{
	struct kacs_token_privileges pv;
	const __u64 both = KACS_PRIV(KACS_SE_BACKUP) |
			   KACS_PRIV(KACS_SE_RESTORE);
	int fd = kacs_open_self_token(KACS_REAL_TOKEN, Q);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_privs(fd, &pv));
	EXPECT_EQ(both, pv.present & both);
	EXPECT_EQ(both, pv.enabled & both);
	close(fd);
}

struct imp_threads {
	int afd;
	pthread_barrier_t in, out;
};

static void *imp_thread_fn(void *arg)
{
	struct imp_threads *t = arg;

	kacs_impersonate(t->afd);
	pthread_barrier_wait(&t->in);
	pthread_barrier_wait(&t->out);
	kacs_revert();
	return NULL;
}

static int sees_system(void *arg)
{
	struct kacs_tsid me = { 0 }, sy;

	kacs_sid_system(&sy);
	CK(kacs_self_user(false, &me) == 0);
	CK(kacs_tsid_eq(&me, &sy));
	return 0;
}

/*
 * token-lifecycle 24: each thread keeps its own impersonation state: one
 * thread impersonates Alice, 24 others still see SYSTEM.
 */
TEST(lifecycle_impersonation_is_per_thread)
{
	struct imp_threads t;
	pthread_t th;
	int i;

	t.afd = kacs_mint_alice_imp(0);
	ASSERT_LE(0, t.afd);
	pthread_barrier_init(&t.in, NULL, 2);
	pthread_barrier_init(&t.out, NULL, 2);
	ASSERT_EQ(0, pthread_create(&th, NULL, imp_thread_fn, &t));
	pthread_barrier_wait(&t.in);
	for (i = 0; i < 24; i++)
		EXPECT_EQ(0, in_thread(sees_system, NULL));
	EXPECT_EQ(0, ck_call(sees_system, NULL));
	pthread_barrier_wait(&t.out);
	pthread_join(th, NULL);
	close(t.afd);
}

/* ---- token-rights --------------------------------------------------------- */

struct two_procs {
	int afd, bfd;		/* Alice and Bob primary tokens */
	int ready[2], go[2], done[2];
	pid_t apid;
};

static int proc_a(void *arg)
{
	struct two_procs *t = arg;
	struct kacs_tsid wd;
	int fd, pidfd;
	char c;

	CK(kacs_install(t->afd) == 0);
	fd = kacs_open_self_token(0, Q);
	CK(fd >= 0);
	close(fd);
	CK(write(t->ready[1], "r", 1) == 1);
	/* 'g': grant Everyone PROCESS_QUERY_INFORMATION on A's process */
	CK(read(t->go[0], &c, 1) == 1);
	kacs_sid_everyone(&wd);
	pidfd = sys_pidfd_open(getpid(), 0);
	CK(pidfd >= 0);
	CK(kacs_process_set_dacl1(pidfd, &wd,
				  KACS_PROCESS_QUERY_INFORMATION |
				  KACS_PROCESS_QUERY_LIMITED) == 0);
	CK(write(t->ready[1], "r", 1) == 1);
	CK(read(t->done[0], &c, 1) == 1);
	return 0;
}

static int proc_b(void *arg)
{
	struct two_procs *t = arg;
	int pidfd, fd;
	char c;

	CK(kacs_install(t->bfd) == 0);
	pidfd = sys_pidfd_open(t->apid, 0);
	CK(pidfd >= 0);
	fd = kacs_open_process_token(pidfd, Q);
	CK(fd == -1 && errno == EACCES);
	CK(write(t->go[1], "g", 1) == 1);
	CK(read(t->ready[0], &c, 1) == 1);
	fd = kacs_open_process_token(pidfd, Q);
	CK(fd >= 0);
	close(fd);
	CK(write(t->done[1], "d", 1) == 1);
	return 0;
}

/*
 * token-rights 1 and 4: a token is reached through an AccessCheck of its
 * SD, and opening another process's token also needs
 * PROCESS_QUERY_INFORMATION on that process: Alice's token SD grants
 * Everyone QUERY (set through the token fd, A2), but Bob stays refused
 * until Alice's process SD grants 0x400.
 */
TEST(rights_open_needs_process_and_token_access)
{
	struct kacs_ace_def aces[2];
	struct kacs_tsid wd, sy;
	struct two_procs t;
	pid_t a;
	int st;

	kacs_sid_everyone(&wd);
	kacs_sid_system(&sy);
	t.afd = mint_alice(0);
	t.bfd = mint_bob(0);
	ASSERT_LE(0, t.afd);
	ASSERT_LE(0, t.bfd);
	aces[0] = (struct kacs_ace_def){ 0, 0, Q, &wd };
	aces[1] = (struct kacs_ace_def){ 0, 0, ALL, &sy };
	ASSERT_EQ(0, kacs_token_set_dacl(t.afd, aces, 2));
	ASSERT_EQ(0, pipe(t.ready));
	ASSERT_EQ(0, pipe(t.go));
	ASSERT_EQ(0, pipe(t.done));
	a = fork();
	ASSERT_LE(0, a);
	if (a == 0)
		_exit(ck_call(proc_a, &t) ? 1 : 0);
	ASSERT_EQ(1, read(t.ready[0], &st, 1));
	t.apid = a;
	EXPECT_EQ(0, in_child(proc_b, &t));
	ASSERT_EQ(a, waitpid(a, &st, 0));
	EXPECT_EQ(0, WEXITSTATUS(st));
}

/*
 * token-rights 2: opening takes a pidfd and a desired mask, and caches the
 * granted mask on the handle.
 */
TEST(rights_open_caches_granted_mask)
{
	int pidfd = sys_pidfd_open(getpid(), 0), fd, dfd;

	ASSERT_LE(0, pidfd);
	EXPECT_EQ(-1, kacs_open_process_token(getpid(), Q));
	EXPECT_EQ(EBADF, errno);
	fd = kacs_open_process_token(pidfd, Q | KACS_TOKEN_DUPLICATE);
	ASSERT_LE(0, fd);
	EXPECT_EQ(KACS_TOKEN_PRIMARY, kacs_u32_class(fd, KACS_TOKEN_CLASS_TYPE));
	dfd = kacs_duplicate(fd, Q, KACS_TOKEN_PRIMARY, 0);
	EXPECT_LE(0, dfd);
	close(dfd);
	EXPECT_EQ(-EACCES, kacs_adjust_priv(fd, KACS_SE_DEBUG,
					    KACS_SE_PRIVILEGE_DISABLED));
	close(fd);
	close(pidfd);
}

struct thread_tok {
	int afd;
	pid_t tid;
	pthread_barrier_t in, out;
};

static void *tt_fn(void *arg)
{
	struct thread_tok *t = arg;

	t->tid = sys_gettid();
	kacs_impersonate(t->afd);
	pthread_barrier_wait(&t->in);
	pthread_barrier_wait(&t->out);
	kacs_revert();
	return NULL;
}

/*
 * token-rights 3: kacs_open_thread_token opens a thread's impersonation
 * token, or the primary when it does not impersonate.
 */
TEST(rights_open_thread_token)
{
	struct kacs_token_statistics p, s;
	struct kacs_tsid u = { 0 }, alice;
	struct thread_tok t;
	pthread_t th;
	int pidfd, fd;

	pidfd = sys_pidfd_open(getpid(), 0);
	ASSERT_LE(0, pidfd);
	fd = kacs_open_thread_token(pidfd, sys_gettid(), Q);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_stats(fd, &s));
	ASSERT_EQ(0, kacs_self_stats(true, &p));
	EXPECT_EQ(p.token_id, s.token_id);
	close(fd);
	t.afd = kacs_mint_alice_imp(0);
	ASSERT_LE(0, t.afd);
	pthread_barrier_init(&t.in, NULL, 2);
	pthread_barrier_init(&t.out, NULL, 2);
	ASSERT_EQ(0, pthread_create(&th, NULL, tt_fn, &t));
	pthread_barrier_wait(&t.in);
	fd = kacs_open_thread_token(pidfd, t.tid, Q);
	EXPECT_LE(0, fd);
	if (fd >= 0) {
		kacs_sid_user(&alice, KACS_RID_ALICE);
		EXPECT_EQ(0, kacs_user(fd, &u));
		EXPECT_TRUE(kacs_tsid_eq(&u, &alice));
		EXPECT_EQ(KACS_TOKEN_IMPERSONATION,
			  kacs_u32_class(fd, KACS_TOKEN_CLASS_TYPE));
		close(fd);
	}
	pthread_barrier_wait(&t.out);
	pthread_join(th, NULL);
	close(t.afd);
	close(pidfd);
}

static int open_self_q(void *arg)
{
	int fd = *(int *)arg, q;

	CK(kacs_impersonate(fd) == 0);
	q = kacs_open_self_token(0, Q);
	kacs_revert();
	if (q >= 0)
		close(q);
	return q >= 0 ? 0 : errno;
}

/*
 * token-rights 5 (A2): self-query follows from the default token SD and
 * is revoked by rewriting that SD through the token fd.
 */
TEST(rights_self_query_revoked_by_token_sd)
{
	struct kacs_tsid sy;
	struct kacs_ace_def ace;
	int fd = kacs_mint_alice_imp(0);

	ASSERT_LE(0, fd);
	EXPECT_EQ(0, in_thread(open_self_q, &fd));
	kacs_sid_system(&sy);
	ace = (struct kacs_ace_def){ 0, 0, ALL, &sy };
	ASSERT_EQ(0, kacs_token_set_dacl(fd, &ace, 1));
	EXPECT_EQ(EACCES, in_thread(open_self_q, &fd));
	close(fd);
}

static int assign_needs_privilege(void *arg)
{
	int fd = *(int *)arg;

	CK(kacs_self_priv(KACS_SE_ASSIGN_PRIMARY_TOKEN, false) == 0);
	CK(kacs_install(fd) == -EPERM);
	CK(kacs_self_priv(KACS_SE_ASSIGN_PRIMARY_TOKEN, true) == 0);
	CK(kacs_install(fd) == 0);
	return 0;
}

/*
 * token-rights 6 (E, H7: EPERM): TOKEN_ASSIGN_PRIMARY on the handle is not
 * enough, SeAssignPrimaryTokenPrivilege must be enabled too.
 */
TEST(rights_install_needs_assign_privilege)
{
	int fd = mint_alice(0);

	ASSERT_LE(0, fd);
	EXPECT_EQ(0, in_child(assign_needs_privilege, &fd));
	close(fd);
}

/*
 * token-rights 8 and 10, abi-tables 2 (C6): TOKEN_ALL_ACCESS is 0xF01FF;
 * an undefined token right is invalid; DELETE has no effect on a token.
 */
TEST(rights_all_access_and_undefined_right)
{
	int fd = kacs_open_self_token(KACS_REAL_TOKEN, ALL), d;

	ASSERT_LE(0, fd);
	EXPECT_EQ(0x000F01FF, ALL);
	d = kacs_duplicate(fd, 0xF01FF, KACS_TOKEN_PRIMARY, 0);
	EXPECT_LE(0, d);
	close(d);
	EXPECT_EQ(-EINVAL, kacs_duplicate(fd, 0x200, KACS_TOKEN_PRIMARY, 0));
	EXPECT_EQ(-EINVAL, kacs_duplicate(fd, ALL | 0x200,
					  KACS_TOKEN_PRIMARY, 0));
	EXPECT_EQ(-1, kacs_open_self_token(0, 0x200));
	EXPECT_EQ(EINVAL, errno);
	d = kacs_duplicate(fd, KACS_DELETE | Q, KACS_TOKEN_PRIMARY, 0);
	ASSERT_LE(0, d);
	EXPECT_EQ(KACS_TOKEN_PRIMARY, kacs_u32_class(d, KACS_TOKEN_CLASS_TYPE));
	close(d);
	close(fd);
}

/*
 * token-rights 9 (A2): GENERIC_READ maps to query (and the SD can be read
 * through the fd), not to adjustment; GENERIC_WRITE maps to the adjust
 * rights, and the token SD can be written.
 */
TEST(rights_generic_mapping)
{
	struct kacs_ace_def aces[2];
	struct kacs_tsid sy, wd;
	__u8 sd[512];
	int fd, r, w;

	fd = mint_groups(0);
	ASSERT_LE(0, fd);
	r = kacs_duplicate(fd, KACS_GENERIC_READ, KACS_TOKEN_PRIMARY, 0);
	ASSERT_LE(0, r);
	EXPECT_LE(0, kacs_u32_class(r, KACS_TOKEN_CLASS_TYPE));
	EXPECT_LT(0, kacs_token_sd(r, KACS_DACL_SECURITY_INFORMATION, sd,
				   sizeof(sd)));
	EXPECT_EQ(-EACCES, kacs_adjust_priv(r, KACS_SE_CHANGE_NOTIFY,
					    KACS_SE_PRIVILEGE_ENABLED));
	w = kacs_duplicate(fd, KACS_GENERIC_WRITE, KACS_TOKEN_PRIMARY, 0);
	ASSERT_LE(0, w);
	EXPECT_EQ(0, kacs_adjust_priv(w, KACS_SE_CHANGE_NOTIFY,
				      KACS_SE_PRIVILEGE_DISABLED));
	EXPECT_EQ(0, kacs_adjust_group(w, 1, 0, NULL));
	kacs_sid_system(&sy);
	kacs_sid_everyone(&wd);
	aces[0] = (struct kacs_ace_def){ 0, 0, ALL, &sy };
	aces[1] = (struct kacs_ace_def){ 0, 0, Q, &wd };
	EXPECT_EQ(0, kacs_token_set_dacl(w, aces, 2));
	EXPECT_EQ(-EACCES, (int)kacs_u32_class(w, KACS_TOKEN_CLASS_TYPE));
	close(w);
	close(r);
	close(fd);
}

/*
 * token-rights 11 (A2): a new token's SD is owned by its creator and has
 * the three-ACE default DACL: subject 0xE8, creator ALL, SYSTEM ALL.
 */
TEST(rights_default_token_sd)
{
	struct kacs_tsid o, alice, sy;
	__u8 sd[512], type;
	__u32 mask = 0;
	long n;
	int fd = mint_alice(0);

	ASSERT_LE(0, fd);
	kacs_sid_user(&alice, KACS_RID_ALICE);
	kacs_sid_system(&sy);
	n = kacs_token_sd(fd, KACS_OWNER_SECURITY_INFORMATION |
			  KACS_DACL_SECURITY_INFORMATION, sd, sizeof(sd));
	ASSERT_LT(0, n);
	ASSERT_EQ(0, kacs_sd_owner(sd, n, &o));
	EXPECT_TRUE(kacs_tsid_eq(&o, &sy));
	ASSERT_EQ(3, kacs_sd_dacl_count(sd, n));
	ASSERT_EQ(0, kacs_sd_dacl_ace(sd, n, 0, &type, &mask, &o));
	EXPECT_EQ(0, type);
	EXPECT_EQ(SUBJECT_ACE, mask);
	EXPECT_EQ(0xE8, SUBJECT_ACE);
	EXPECT_TRUE(kacs_tsid_eq(&o, &alice));
	ASSERT_EQ(0, kacs_sd_dacl_ace(sd, n, 1, &type, &mask, &o));
	EXPECT_EQ(ALL, mask);
	EXPECT_TRUE(kacs_tsid_eq(&o, &sy));
	ASSERT_EQ(0, kacs_sd_dacl_ace(sd, n, 2, &type, &mask, &o));
	EXPECT_EQ(ALL, mask);
	EXPECT_TRUE(kacs_tsid_eq(&o, &sy));
	/* the size probe and a too-small buffer only report the size */
	EXPECT_EQ(n, kacs_token_sd(fd, KACS_OWNER_SECURITY_INFORMATION |
				   KACS_DACL_SECURITY_INFORMATION, NULL, 0));
	memset(sd, 0x5a, sizeof(sd));
	EXPECT_EQ(n, kacs_token_sd(fd, KACS_OWNER_SECURITY_INFORMATION |
				   KACS_DACL_SECURITY_INFORMATION, sd, 8));
	EXPECT_EQ(0x5a, sd[0]);
	close(fd);
}

static int subject_rights(void *arg)
{
	int fd = *(int *)arg, q;
	static const __u32 no[] = { KACS_TOKEN_DUPLICATE, KACS_TOKEN_IMPERSONATE,
				    KACS_WRITE_DAC, KACS_TOKEN_ASSIGN_PRIMARY };
	unsigned int i;

	CK(kacs_impersonate(fd) == 0);
	for (i = 0; i < 4; i++) {
		q = kacs_open_self_token(0, no[i]);
		CK(q == -1 && errno == EACCES);
	}
	q = kacs_open_self_token(0, SUBJECT_ACE);
	CK(q >= 0);
	close(q);
	return 0;
}

/*
 * token-rights 12: the subject is not granted TOKEN_DUPLICATE,
 * TOKEN_IMPERSONATE, WRITE_DAC or TOKEN_ASSIGN_PRIMARY on its own token,
 * only 0xE8.
 */
TEST(rights_subject_ace)
{
	int fd = kacs_mint_alice_imp(0);

	ASSERT_LE(0, fd);
	EXPECT_EQ(0, in_thread(subject_rights, &fd));
	close(fd);
}

static int creator_is_subject(void *arg)
{
	int fd = *(int *)arg, d;
	struct kacs_tsid o, alice, ow;
	struct kacs_ace_def ace;
	__u8 sd[512], type;
	__u32 mask = 0;
	long n;

	kacs_sid_user(&alice, KACS_RID_ALICE);
	kacs_tsid_make(&ow, 3, 1, 4);
	CK(kacs_install(fd) == 0);
	d = kacs_duplicate(fd, KACS_TOKEN_QUERY, KACS_TOKEN_PRIMARY, 0);
	CK(d >= 0);
	n = kacs_token_sd(d, KACS_OWNER_SECURITY_INFORMATION |
			  KACS_DACL_SECURITY_INFORMATION, sd, sizeof(sd));
	CK(n > 0);
	CK(kacs_sd_owner(sd, n, &o) == 0 && kacs_tsid_eq(&o, &alice));
	CK(kacs_sd_dacl_count(sd, n) == 3);
	CK(kacs_sd_dacl_ace(sd, n, 1, &type, &mask, &o) == 0);
	CK(kacs_tsid_eq(&o, &ow) && mask == KACS_READ_CONTROL);
	/* OWNER RIGHTS suppresses the owner's implicit WRITE_DAC */
	ace = (struct kacs_ace_def){ 0, 0, ALL, &alice };
	CK(kacs_token_set_dacl(d, &ace, 1) == -EACCES);
	close(d);
	return 0;
}

/*
 * token-rights 13 (A2): when creator and subject coincide the creator ACE
 * is replaced by OWNER RIGHTS (READ_CONTROL), which suppresses the
 * implicit grant: the owner cannot rewrite the DACL.
 */
TEST(rights_creator_is_subject)
{
	int fd = mint_alice(KACS_PRIV(KACS_SE_ASSIGN_PRIMARY_TOKEN));

	ASSERT_LE(0, fd);
	EXPECT_EQ(0, in_child(creator_is_subject, &fd));
	close(fd);
}

static int sd_read_as_alice(void *arg)
{
	int *a = arg;
	__u8 sd[512];
	long n;

	CK(kacs_impersonate(a[0]) == 0);
	n = kacs_token_sd(a[1], KACS_DACL_SECURITY_INFORMATION, sd,
			  sizeof(sd));
	return n > 0 ? 0 : (int)-n;
}

/*
 * token-rights 14 and 15 (A2): token-specific rights are checked at open
 * and cached, so a later SD change does not reach an open handle; the
 * standard rights on the token's own SD are re-evaluated live on every
 * kacs_get_sd/kacs_set_sd call.
 */
TEST(rights_cached_vs_live)
{
	struct kacs_ace_def aces[2];
	struct kacs_tsid sy, alice;
	int a[2], q;

	kacs_sid_system(&sy);
	kacs_sid_user(&alice, KACS_RID_ALICE);
	a[0] = kacs_mint_alice_imp(0);
	a[1] = kacs_mint_alice_imp(0);
	ASSERT_LE(0, a[0]);
	ASSERT_LE(0, a[1]);
	aces[0] = (struct kacs_ace_def){ 0, 0, KACS_READ_CONTROL | Q, &alice };
	aces[1] = (struct kacs_ace_def){ 0, 0, ALL, &sy };
	ASSERT_EQ(0, kacs_token_set_dacl(a[1], aces, 2));
	q = kacs_duplicate(a[1], Q, KACS_TOKEN_IMPERSONATION,
			   KACS_LEVEL_IMPERSONATION);
	ASSERT_LE(0, q);
	EXPECT_EQ(0, in_thread(sd_read_as_alice, a));
	/* SYSTEM only: Alice loses READ_CONTROL at once */
	ASSERT_EQ(0, kacs_token_set_dacl(a[1], &aces[1], 1));
	EXPECT_EQ(EACCES, in_thread(sd_read_as_alice, a));
	/* the fd opened with QUERY keeps it: the cached mask is not redone */
	EXPECT_EQ(KACS_TOKEN_IMPERSONATION,
		  kacs_u32_class(a[1], KACS_TOKEN_CLASS_TYPE));
	close(q);
	close(a[0]);
	close(a[1]);
}

/* ---- token-adjustment ------------------------------------------------------ */

static int worker_sees(void *arg)
{
	int *p = arg;
	char c;

	CK(read(p[0], &c, 1) == 1);
	CK(kacs_self_priv_enabled(KACS_SE_SHUTDOWN) == 0);
	return 0;
}

/*
 * token-adjustment 1 (Pp; ADJUST_DEFAULT and the interactivity scope are
 * out of scope): adjustments mutate the shared token in place, visible in
 * the worker, and modified_id strictly increases.
 */
TEST(adjust_in_place_bumps_modified_id)
{
	int p[2], pidfd, fd;
	__u64 m0, m1, m2;
	pid_t pid;
	int st;

	ASSERT_EQ(0, pipe(p));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(ck_call(worker_sees, p) ? 1 : 0);
	pidfd = sys_pidfd_open(pid, 0);
	ASSERT_LE(0, pidfd);
	fd = kacs_open_process_token(pidfd, ALL);
	ASSERT_LE(0, fd);
	m0 = modified_id(fd);
	ASSERT_EQ(0, kacs_adjust_priv(fd, KACS_SE_SHUTDOWN,
				      KACS_SE_PRIVILEGE_DISABLED));
	m1 = modified_id(fd);
	EXPECT_GT(m1, m0);
	ASSERT_EQ(1, write(p[1], "x", 1));
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	EXPECT_EQ(0, WEXITSTATUS(st));
	close(fd);
	fd = mint_groups(0);
	ASSERT_LE(0, fd);
	m1 = modified_id(fd);
	ASSERT_EQ(0, kacs_adjust_group(fd, 1, 0, NULL));
	m2 = modified_id(fd);
	EXPECT_GT(m2, m1);
	close(fd);
	close(pidfd);
}

static int adjust_privs(int fd, const struct kacs_priv_entry *e, __u32 n,
			__u64 *prev)
{
	struct kacs_adjust_privs_args a = {
		.count = n,
		.data_ptr = (__u64)(uintptr_t)e,
	};

	if (ioctl(fd, KACS_IOC_ADJUST_PRIVS, &a) < 0)
		return -errno;
	if (prev)
		*prev = a.previous_enabled;
	return 0;
}

/*
 * token-adjustment 2-9 and abi-tables 4/5, token-structure 10, 11 and 13:
 * AdjustPrivileges needs TOKEN_ADJUST_PRIVILEGES; an absent privilege
 * cannot be enabled (disabling or removing it is a no-op); reset is one
 * entry {0, RESET_ALL_DEFAULTS} and restores the enabled state only;
 * duplicates and any invalid entry fail the whole request with no state
 * change; the previous enabled mask is returned.
 */
TEST(adjust_privileges)
{
	const __u64 sd = KACS_PRIV(KACS_SE_SHUTDOWN),
		    st = KACS_PRIV(KACS_SE_SYSTEMTIME),
		    cn = KACS_PRIV(KACS_SE_CHANGE_NOTIFY);
	struct kacs_priv_entry e[2];
	struct kacs_token_privileges pv;
	__u64 prev = 0, m;
	int fd, q;

	fd = mint_alice(sd | st);
	ASSERT_LE(0, fd);
	/* 2: the right is needed, nothing changes without it */
	q = kacs_duplicate(fd, Q, KACS_TOKEN_PRIMARY, 0);
	ASSERT_LE(0, q);
	EXPECT_EQ(-EACCES, kacs_adjust_priv(q, KACS_SE_SHUTDOWN,
					    KACS_SE_PRIVILEGE_DISABLED));
	close(q);
	ASSERT_EQ(0, kacs_privs(fd, &pv));
	EXPECT_EQ(sd | st | cn, pv.enabled);
	/* 3 / token-structure 10, 11: absent cannot be enabled */
	m = modified_id(fd);
	EXPECT_EQ(-EINVAL, kacs_adjust_priv(fd, KACS_SE_DEBUG,
					    KACS_SE_PRIVILEGE_ENABLED));
	EXPECT_EQ(m, modified_id(fd));
	EXPECT_EQ(0, kacs_adjust_priv(fd, KACS_SE_DEBUG,
				      KACS_SE_PRIVILEGE_DISABLED));
	/* 9: previous state; abi-tables 4: ENABLED is 2, REMOVED 4 */
	EXPECT_EQ(2, KACS_SE_PRIVILEGE_ENABLED);
	EXPECT_EQ(4, KACS_SE_PRIVILEGE_REMOVED);
	e[0] = (struct kacs_priv_entry){ KACS_SE_SHUTDOWN, 0 };
	ASSERT_EQ(0, adjust_privs(fd, e, 1, &prev));
	EXPECT_EQ(sd | st | cn, prev);
	/* 13: removal clears present, enabled and default together */
	e[0] = (struct kacs_priv_entry){ KACS_SE_SYSTEMTIME,
					 KACS_SE_PRIVILEGE_REMOVED };
	ASSERT_EQ(0, adjust_privs(fd, e, 1, &prev));
	EXPECT_EQ(st | cn, prev);
	ASSERT_EQ(0, kacs_privs(fd, &pv));
	EXPECT_EQ(0, pv.present & st);
	EXPECT_EQ(0, pv.enabled & st);
	EXPECT_EQ(0, pv.enabled_by_default & st);
	/* 6: removing an absent privilege is a no-op */
	EXPECT_EQ(0, adjust_privs(fd, e, 1, NULL));
	/* 4 / 5 / abi-tables 5: reset restores enabled only */
	EXPECT_EQ(0x80000000, KACS_PRIV_RESET_ALL_DEFAULTS);
	e[0] = (struct kacs_priv_entry){ 0, KACS_PRIV_RESET_ALL_DEFAULTS };
	ASSERT_EQ(0, adjust_privs(fd, e, 1, &prev));
	EXPECT_EQ(cn, prev);
	ASSERT_EQ(0, kacs_privs(fd, &pv));
	EXPECT_EQ(sd | cn, pv.enabled);
	EXPECT_EQ(0, pv.present & st);
	/* the bulk flag is not a per-entry attribute */
	e[1] = (struct kacs_priv_entry){ KACS_SE_SHUTDOWN, 0 };
	EXPECT_EQ(-EINVAL, adjust_privs(fd, e, 2, NULL));
	e[0] = (struct kacs_priv_entry){ KACS_SE_SHUTDOWN,
					 KACS_PRIV_RESET_ALL_DEFAULTS };
	EXPECT_EQ(-EINVAL, adjust_privs(fd, e, 1, NULL));
	/* 7: duplicates; 8: an invalid entry fails all, no change */
	m = modified_id(fd);
	e[0] = (struct kacs_priv_entry){ KACS_SE_SHUTDOWN, 0 };
	e[1] = (struct kacs_priv_entry){ KACS_SE_SHUTDOWN, 0 };
	EXPECT_EQ(-EINVAL, adjust_privs(fd, e, 2, NULL));
	e[1] = (struct kacs_priv_entry){ KACS_SE_CHANGE_NOTIFY, 0x40 };
	EXPECT_EQ(-EINVAL, adjust_privs(fd, e, 2, NULL));
	EXPECT_EQ(m, modified_id(fd));
	ASSERT_EQ(0, kacs_privs(fd, &pv));
	EXPECT_EQ(sd | cn, pv.enabled);
	close(fd);
}

/*
 * token-adjustment 10-15 (H4: 24-byte ADJUST_GROUPS), token-structure 6:
 * AdjustGroups needs TOKEN_ADJUST_GROUPS; an entry that targets a
 * mandatory, deny-only or logon group fails in either direction, also
 * inside a mixed request (A5); the user SID as a group cannot be disabled
 * (A14); count 0, a count above the limit and duplicates are invalid;
 * reset is {0xFFFFFFFF, 0} only.
 */
TEST(adjust_groups)
{
	static const __u32 bad[][2] = {
		{ 0, 0 }, { 0, 1 }, { 2, 1 }, { 2, 0 }, { 5, 0 }, { 5, 1 },
		{ 3, 0 }, { 6, 0 }, { 0xFFFFFFFF, 1 },
	};
	struct kacs_group_entry e[65];
	struct kacs_adjust_groups_args a;
	struct kacs_grp g[8];
	__u64 prev = 0, m;
	unsigned int i;
	int fd, q;

	fd = mint_groups(0);
	ASSERT_LE(0, fd);
	q = kacs_duplicate(fd, Q, KACS_TOKEN_PRIMARY, 0);
	ASSERT_LE(0, q);
	EXPECT_EQ(-EACCES, kacs_adjust_group(q, 1, 0, NULL));
	close(q);
	m = modified_id(fd);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_EQ(-EINVAL, kacs_adjust_group(fd, bad[i][0], bad[i][1],
						     NULL))
			TH_LOG("{%u,%u}", bad[i][0], bad[i][1]);
	/* a good entry with a bad one: nothing applied */
	memset(&a, 0, sizeof(a));
	e[0] = (struct kacs_group_entry){ 1, 0 };
	e[1] = (struct kacs_group_entry){ 0, 1 };
	a.count = 2;
	a.data_ptr = (__u64)(uintptr_t)e;
	EXPECT_EQ(-1, ioctl(fd, KACS_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(EINVAL, errno);
	e[1] = (struct kacs_group_entry){ 1, 1 };
	EXPECT_EQ(-1, ioctl(fd, KACS_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(EINVAL, errno);
	a.count = 0;
	EXPECT_EQ(-1, ioctl(fd, KACS_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(EINVAL, errno);
	for (i = 0; i < 65; i++)
		e[i] = (struct kacs_group_entry){ 1, 1 };
	a.count = 65;
	EXPECT_EQ(-1, ioctl(fd, KACS_IOC_ADJUST_GROUPS, &a));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(m, modified_id(fd));
	ASSERT_EQ(6, kacs_groups(fd, KACS_TOKEN_CLASS_GROUPS, g, 8));
	EXPECT_TRUE(g[1].attrs & KACS_SE_GROUP_ENABLED);
	/* the user SID as a group may be enabled, an optional group toggled */
	EXPECT_EQ(0, kacs_adjust_group(fd, 3, 1, NULL));
	EXPECT_EQ(0, kacs_adjust_group(fd, 4, 1, &prev));
	EXPECT_EQ(0x2b, prev);
	EXPECT_EQ(0, kacs_adjust_group(fd, 1, 0, &prev));
	EXPECT_EQ(0x3b, prev);
	EXPECT_EQ(0, kacs_adjust_group(fd, 0xFFFFFFFF, 0, &prev));
	EXPECT_EQ(0x39, prev);
	ASSERT_EQ(6, kacs_groups(fd, KACS_TOKEN_CLASS_GROUPS, g, 8));
	EXPECT_TRUE(g[1].attrs & KACS_SE_GROUP_ENABLED);
	EXPECT_FALSE(g[4].attrs & KACS_SE_GROUP_ENABLED);
	EXPECT_EQ(KACS_SE_GROUP_USE_FOR_DENY_ONLY, g[2].attrs);
	close(fd);
}

/*
 * token-adjustment 13 (A4): a reset restores enabled state and does not
 * clear a later deny-only mark from RESTRICT.
 */
TEST(adjust_reset_keeps_deny_only)
{
	struct kacs_grp g[8];
	__u32 one = 1;
	int fd, r;

	fd = mint_groups(0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, kacs_adjust_group(fd, 0xFFFFFFFF, 0, NULL));
	r = kacs_restrict_ex(fd, 0, 0, &one, 1, NULL, 0);
	ASSERT_LE(0, r);
	EXPECT_EQ(0, kacs_adjust_group(r, 0xFFFFFFFF, 0, NULL));
	ASSERT_EQ(6, kacs_groups(r, KACS_TOKEN_CLASS_GROUPS, g, 8));
	EXPECT_EQ(KACS_SE_GROUP_USE_FOR_DENY_ONLY, g[1].attrs);
	close(r);
	close(fd);
}

/* ---- token-derivation ------------------------------------------------------ */

/*
 * token-derivation 1, 2 and 10, abi-tables 7 and 8: DuplicateToken and
 * FilterToken need TOKEN_DUPLICATE; the type may change both ways; the
 * token types are 1 and 2 and the levels 0..3.
 */
TEST(derive_duplicate_rules)
{
	const __u32 lvcls = KACS_TOKEN_CLASS_IMPERSONATION_LEVEL;
	int fd = mint_alice(0), q, i, l, p;
	unsigned int lv;

	ASSERT_LE(0, fd);
	q = kacs_duplicate(fd, Q | KACS_TOKEN_ADJUST_PRIVILEGES,
			   KACS_TOKEN_PRIMARY, 0);
	ASSERT_LE(0, q);
	EXPECT_EQ(-EACCES, kacs_duplicate(q, Q, KACS_TOKEN_PRIMARY, 0));
	EXPECT_EQ(-EACCES, kacs_restrict_ex(q, 0, 0, NULL, 0, NULL, 0));
	close(q);
	i = kacs_duplicate(fd, ALL, KACS_TOKEN_IMPERSONATION,
			   KACS_LEVEL_IMPERSONATION);
	ASSERT_LE(0, i);
	EXPECT_EQ(2, kacs_u32_class(i, KACS_TOKEN_CLASS_TYPE));
	p = kacs_duplicate(i, ALL, KACS_TOKEN_PRIMARY, 0);
	ASSERT_LE(0, p);
	EXPECT_EQ(1, kacs_u32_class(p, KACS_TOKEN_CLASS_TYPE));
	close(p);
	close(i);
	EXPECT_EQ(-EINVAL, kacs_duplicate(fd, ALL, 3, 0));
	EXPECT_EQ(-EINVAL, kacs_duplicate(fd, ALL, 0, 0));
	for (lv = 0; lv <= 3; lv++) {
		l = kacs_duplicate(fd, ALL, KACS_TOKEN_IMPERSONATION, lv);
		ASSERT_LE(0, l);
		EXPECT_EQ(lv, kacs_u32_class(l, lvcls));
		close(l);
	}
	EXPECT_EQ(-EINVAL, kacs_duplicate(fd, ALL, KACS_TOKEN_IMPERSONATION,
					  4));
	close(fd);
}

/*
 * token-derivation 6 (A2): the copy's SD is a fresh default, not the
 * source's.
 */
TEST(derive_copy_has_fresh_sd)
{
	struct kacs_ace_def ace;
	struct kacs_tsid sy;
	__u8 sd[512];
	long n;
	int fd, d;

	fd = mint_alice(0);
	ASSERT_LE(0, fd);
	kacs_sid_system(&sy);
	ace = (struct kacs_ace_def){ 0, 0, ALL, &sy };
	ASSERT_EQ(0, kacs_token_set_dacl(fd, &ace, 1));
	n = kacs_token_sd(fd, KACS_DACL_SECURITY_INFORMATION, sd, sizeof(sd));
	ASSERT_LT(0, n);
	EXPECT_EQ(1, kacs_sd_dacl_count(sd, n));
	d = kacs_duplicate(fd, ALL, KACS_TOKEN_PRIMARY, 0);
	ASSERT_LE(0, d);
	n = kacs_token_sd(d, KACS_DACL_SECURITY_INFORMATION, sd, sizeof(sd));
	ASSERT_LT(0, n);
	EXPECT_EQ(3, kacs_sd_dacl_count(sd, n));
	close(d);
	close(fd);
}

/*
 * token-derivation 11, 12, 14, 15 (A4) and token-structure 5: filtering
 * removes privileges from all three states, makes the named groups
 * deny-only for good (zero-based, unique, below the group count), keeps
 * the group SIDs, and an invalid request leaves the source untouched.
 */
TEST(derive_filter_deny_indices)
{
	struct kacs_token_privileges pv;
	struct kacs_grp before[8], g[8];
	const __u64 sd = KACS_PRIV(KACS_SE_SHUTDOWN);
	__u32 idx[2];
	__u64 m;
	int fd, r, i;

	fd = mint_groups(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_adjust_priv(fd, KACS_SE_CHANGE_NOTIFY,
				      KACS_SE_PRIVILEGE_ENABLED));
	ASSERT_EQ(6, kacs_groups(fd, KACS_TOKEN_CLASS_GROUPS, before, 8));
	m = modified_id(fd);
	/* 14: all-or-nothing */
	idx[0] = 2;
	idx[1] = 99;
	EXPECT_EQ(-EINVAL, kacs_restrict_ex(fd, sd, 0, idx, 2, NULL, 0));
	/* 15: == ngroups is past the end, duplicates are invalid */
	idx[0] = 6;
	EXPECT_EQ(-EINVAL, kacs_restrict_ex(fd, 0, 0, idx, 1, NULL, 0));
	idx[0] = 1;
	idx[1] = 1;
	EXPECT_EQ(-EINVAL, kacs_restrict_ex(fd, 0, 0, idx, 2, NULL, 0));
	EXPECT_EQ(m, modified_id(fd));
	ASSERT_EQ(6, kacs_groups(fd, KACS_TOKEN_CLASS_GROUPS, g, 8));
	EXPECT_EQ(0, memcmp(before, g, sizeof(before[0]) * 6));
	/* 15: index 0 is the first group; 12: permanent */
	idx[0] = 0;
	idx[1] = 4;
	r = kacs_restrict_ex(fd, KACS_PRIV(KACS_SE_CHANGE_NOTIFY), 0, idx, 2,
			     NULL, 0);
	ASSERT_LE(0, r);
	ASSERT_EQ(6, kacs_groups(r, KACS_TOKEN_CLASS_GROUPS, g, 8));
	EXPECT_EQ(KACS_SE_GROUP_USE_FOR_DENY_ONLY | KACS_SE_GROUP_MANDATORY,
		  g[0].attrs);
	EXPECT_EQ(KACS_SE_GROUP_USE_FOR_DENY_ONLY, g[4].attrs);
	EXPECT_EQ(before[1].attrs, g[1].attrs);
	for (i = 0; i < 6; i++)
		EXPECT_TRUE(kacs_tsid_eq(&before[i].sid, &g[i].sid));
	EXPECT_EQ(-EINVAL, kacs_adjust_group(r, 4, 1, NULL));
	/* 11: all three privilege states */
	ASSERT_EQ(0, kacs_privs(r, &pv));
	EXPECT_EQ(0, pv.present & KACS_PRIV(KACS_SE_CHANGE_NOTIFY));
	EXPECT_EQ(0, pv.enabled & KACS_PRIV(KACS_SE_CHANGE_NOTIFY));
	EXPECT_EQ(0, pv.enabled_by_default & KACS_PRIV(KACS_SE_CHANGE_NOTIFY));
	close(r);
	close(fd);
}

/*
 * token-derivation 13, 17 and 21 (A3), token-structure 5: restricting SIDs
 * are packed binary SIDs and read back through class 9; restricting an
 * already-restricted token keeps the intersection and an empty
 * intersection is invalid.
 */
TEST(derive_filter_restricting_sids)
{
	struct kacs_tsid rs[3];
	struct kacs_grp g[4];
	__u32 two = 2;
	int fd, r1, r2;

	kacs_sid_user(&rs[0], 3001);
	kacs_sid_everyone(&rs[1]);
	kacs_tsid_make(&rs[2], 5, 1, 11);
	fd = mint_alice(0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, kacs_groups(fd, KACS_TOKEN_CLASS_RESTRICTED_SIDS, g, 4));
	r1 = kacs_restrict_ex(fd, 0, 0, &two, 1, rs, 2);
	ASSERT_LE(0, r1);
	ASSERT_EQ(2, kacs_groups(r1, KACS_TOKEN_CLASS_RESTRICTED_SIDS, g, 4));
	EXPECT_TRUE(kacs_tsid_eq(&g[0].sid, &rs[0]));
	EXPECT_TRUE(kacs_tsid_eq(&g[1].sid, &rs[1]));
	/* 17: {B} alone shares nothing with {A, WD}: refused */
	EXPECT_EQ(-EINVAL, kacs_restrict_ex(r1, 0, 0, NULL, 0, &rs[2], 1));
	/* 21: {WD, AU} intersects to {WD} */
	r2 = kacs_restrict_ex(r1, 0, 0, NULL, 0, &rs[1], 2);
	ASSERT_LE(0, r2);
	ASSERT_EQ(1, kacs_groups(r2, KACS_TOKEN_CLASS_RESTRICTED_SIDS, g, 4));
	EXPECT_TRUE(kacs_tsid_eq(&g[0].sid, &rs[1]));
	close(r2);
	close(r1);
	close(fd);
}

/*
 * token-derivation 13 and 16 (A3): a restricting SID blob has to parse
 * exactly: a truncated SID, a trailing byte and a length-prefixed record
 * are refused.
 */
TEST(derive_restricting_blob_exact)
{
	struct kacs_restrict_args a;
	__u8 data[128];
	struct kacs_tsid wd;
	int fd = mint_alice(0);

	ASSERT_LE(0, fd);
	kacs_sid_everyone(&wd);
	memset(&a, 0, sizeof(a));
	a.result_fd = -1;
	a.num_restrict_sids = 1;
	a.data_ptr = (__u64)(uintptr_t)data;
	memcpy(data, wd.b, wd.len);
	a.data_len = wd.len - 1;
	EXPECT_EQ(-1, ioctl(fd, KACS_IOC_RESTRICT, &a));
	EXPECT_EQ(EINVAL, errno);
	a.data_len = wd.len + 1;
	EXPECT_EQ(-1, ioctl(fd, KACS_IOC_RESTRICT, &a));
	EXPECT_EQ(EINVAL, errno);
	memcpy(data, &wd.len, 4);
	memcpy(data + 4, wd.b, wd.len);
	a.data_len = wd.len + 4;
	EXPECT_EQ(-1, ioctl(fd, KACS_IOC_RESTRICT, &a));
	EXPECT_EQ(EINVAL, errno);
	memcpy(data, wd.b, wd.len);
	a.data_len = wd.len;
	EXPECT_EQ(0, ioctl(fd, KACS_IOC_RESTRICT, &a));
	EXPECT_LE(0, a.result_fd);
	close(a.result_fd);
	close(fd);
}

/*
 * abi-tables 6: KACS_RESTRICT_WRITE_RESTRICTED is the only flag, and it
 * makes the user SID deny-only.
 */
TEST(derive_write_restricted_flag)
{
	struct kacs_tsid wd;
	int fd = mint_alice(0), r;

	ASSERT_LE(0, fd);
	kacs_sid_everyone(&wd);
	EXPECT_EQ(1, KACS_RESTRICT_WRITE_RESTRICTED);
	EXPECT_EQ(-EINVAL, kacs_restrict_ex(fd, 0, 2, NULL, 0, &wd, 1));
	r = kacs_restrict_ex(fd, 0, KACS_RESTRICT_WRITE_RESTRICTED, NULL, 0,
			     &wd, 1);
	EXPECT_LE(0, r);
	close(r);
	close(fd);
}

/* ---- token-creation ------------------------------------------------------- */

static int create_gate(void *arg)
{
	struct kacs_token_privileges pv;
	int fd;

	(void)arg;
	CK(kacs_self_priv(KACS_SE_CREATE_TOKEN, false) == 0);
	CK(mint_alice(0) == -EPERM);
	CK(kacs_self_priv(KACS_SE_CREATE_TOKEN, true) == 0);
	fd = mint_alice(0);
	CK(fd >= 0);
	close(fd);
	fd = kacs_open_self_token(KACS_REAL_TOKEN, ALL);
	CK(fd >= 0);
	CK(kacs_privs(fd, &pv) == 0);
	CK(pv.used & KACS_PRIV(KACS_SE_CREATE_TOKEN));
	CK(kacs_adjust_priv(fd, KACS_SE_CREATE_TOKEN,
			    KACS_SE_PRIVILEGE_REMOVED) == 0);
	CK(mint_alice(0) == -EPERM);
	return 0;
}

/*
 * token-creation 1 and priv-gates 1: CreateToken is gated by
 * SeCreateTokenPrivilege held and enabled, and marks it used.
 */
TEST(create_needs_privilege)
{
	EXPECT_EQ(0, in_child(create_gate, NULL));
}

/*
 * token-creation 2, 3 and 4, token-structure 14: no implicit groups but
 * the logon SID S-1-5-5-hi-lo, appended last with 0xC0000007; token_id
 * fresh, modified_id == token_id, auth_id == session, elevation Default.
 */
TEST(create_bookkeeping)
{
	struct kacs_token_statistics st;
	struct kacs_user_spec u;
	struct kacs_token_spec *h;
	static __u8 buf[4096];
	struct kacs_grp g[8];
	struct kacs_tsid logon;
	size_t len;
	int fd;

	kacs_user_spec_init(&u, KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0, 0);
	u.p.ngroups = 0;
	u.p.group_index = 0;
	len = kacs_build_spec(buf, sizeof(buf), &u.p);
	h = (void *)buf;
	h->session_id = 0x123456789aULL;
	fd = kacs_create_token(buf, len);
	ASSERT_LE(0, fd) TH_LOG("%s", strerror(errno));
	ASSERT_EQ(1, kacs_groups(fd, KACS_TOKEN_CLASS_GROUPS, g, 8));
	kacs_tsid_make(&logon, 5, 3, 5, 0x12, 0x3456789a);
	EXPECT_TRUE(kacs_tsid_eq(&g[0].sid, &logon));
	EXPECT_EQ(0xC0000007, g[0].attrs);
	ASSERT_EQ(0, kacs_stats(fd, &st));
	EXPECT_EQ(st.token_id, st.modified_id);
	EXPECT_EQ(0x123456789aULL, st.auth_id);
	EXPECT_EQ(1, kacs_u32_class(fd, KACS_TOKEN_CLASS_ELEVATION_TYPE));
	close(fd);
	fd = mint_alice(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(5, kacs_groups(fd, KACS_TOKEN_CLASS_GROUPS, g, 8));
	EXPECT_EQ(0xC0000007, g[4].attrs);
	close(fd);
}

static int create_with(struct kacs_user_spec *u,
		       void (*tweak)(struct kacs_token_spec *h, __u8 *buf,
				     size_t *len))
{
	static __u8 buf[4096];
	size_t len = kacs_build_spec(buf, sizeof(buf), &u->p);
	int fd;

	if (tweak)
		tweak((void *)buf, buf, &len);
	fd = kacs_create_token(buf, len);
	if (fd >= 0)
		close(fd);
	return fd < 0 ? -errno : 0;
}

static void tw_wr_without_udo(struct kacs_token_spec *h, __u8 *b, size_t *l)
{
	h->write_restricted = 1;
}

static void tw_isolation(struct kacs_token_spec *h, __u8 *b, size_t *l)
{
	h->isolation_boundary = 1;
}

static void tw_reserved1(struct kacs_token_spec *h, __u8 *b, size_t *l)
{
	h->reserved1 = 1;
}

static void tw_reserved1_3(struct kacs_token_spec *h, __u8 *b, size_t *l)
{
	h->reserved1 = 3;
}

static void tw_user_20_subs(struct kacs_token_spec *h, __u8 *b, size_t *l)
{
	b[h->user_sid_offset + 1] = 20;
}

static void tw_user_rev2(struct kacs_token_spec *h, __u8 *b, size_t *l)
{
	b[h->user_sid_offset] = 2;
}

static void tw_truncated(struct kacs_token_spec *h, __u8 *b, size_t *l)
{
	*l -= 6;
}

static void tw_audit_policy(struct kacs_token_spec *h, __u8 *b, size_t *l)
{
	h->audit_policy = 0x100;
}

/*
 * token-creation 5-8 and 11-13, token-structure audit_policy (the case
 * without number): owner and primary-group indices count the caller's
 * groups (0 = user, the logon SID not addressable); SIDs must be
 * well-formed; the owner must be the user or an SE_GROUP_OWNER group;
 * write_restricted requires user_deny_only; isolation_boundary requires a
 * confinement SID; the elevation slot (reserved1) must be 0; audit_policy
 * has four bits.
 */
TEST(create_validation)
{
	struct kacs_user_spec u;

	kacs_user_spec_init(&u, KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0, 0);
	u.attrs[1] |= KACS_SE_GROUP_OWNER;
	u.p.owner_index = 2;
	u.p.group_index = 3;
	EXPECT_EQ(0, create_with(&u, NULL));
	u.p.group_index = 4;
	EXPECT_EQ(0, create_with(&u, NULL));
	u.p.group_index = 5;		/* would be the logon SID */
	EXPECT_EQ(-EINVAL, create_with(&u, NULL));
	u.p.group_index = 0;
	EXPECT_EQ(0, create_with(&u, NULL));
	u.p.owner_index = 1;		/* no SE_GROUP_OWNER */
	EXPECT_EQ(-EINVAL, create_with(&u, NULL));
	u.p.owner_index = 0;
	EXPECT_EQ(-EINVAL, create_with(&u, tw_user_20_subs));
	EXPECT_EQ(-EINVAL, create_with(&u, tw_user_rev2));
	EXPECT_EQ(-EINVAL, create_with(&u, tw_truncated));
	EXPECT_EQ(-EINVAL, create_with(&u, tw_wr_without_udo));
	EXPECT_EQ(-EINVAL, create_with(&u, tw_isolation));
	EXPECT_EQ(-EINVAL, create_with(&u, tw_reserved1));
	EXPECT_EQ(-EINVAL, create_with(&u, tw_reserved1_3));
	EXPECT_EQ(-EINVAL, create_with(&u, tw_audit_policy));
	EXPECT_EQ(0, create_with(&u, NULL));
}

static int all_access_handle(void *arg)
{
	int fd = *(int *)arg, d;

	d = kacs_duplicate(fd, ALL, KACS_TOKEN_PRIMARY, 0);
	CK(d >= 0);
	close(d);
	CK(kacs_install(fd) == 0);
	return 0;
}

/*
 * token-creation 17 (Pp; ADJUST_INTERACTIVITY_SCOPE is out of scope): the
 * handle from CreateToken carries TOKEN_ALL_ACCESS: duplicate and install.
 */
TEST(create_returns_all_access)
{
	int fd = mint_alice(0);

	ASSERT_LE(0, fd);
	EXPECT_EQ(0, in_child(all_access_handle, &fd));
	close(fd);
}

/* ---- token-structure ------------------------------------------------------ */

/*
 * token-structure 9, abi-tables 10: mandatory_policy is immutable (no
 * ioctl for it: ENOTTY); its bits are NO_WRITE_UP 1 and NEW_PROCESS_MIN
 * 2, 0..3 read back and 4 is invalid; ioctls 11..15 do not exist.
 */
TEST(structure_policy_immutable)
{
	const __u32 pcls = KACS_TOKEN_CLASS_MANDATORY_POLICY;
	struct kacs_user_spec u;
	static __u8 buf[4096];
	unsigned int p, nr;
	size_t len;
	int fd;

	kacs_user_spec_init(&u, KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0, 0);
	for (p = 0; p <= 4; p++) {
		u.p.policy = p;
		len = kacs_build_spec(buf, sizeof(buf), &u.p);
		fd = kacs_create_token(buf, len);
		if (p == 4) {
			EXPECT_EQ(-1, fd);
			EXPECT_EQ(EINVAL, errno);
			continue;
		}
		ASSERT_LE(0, fd);
		EXPECT_EQ(p, kacs_u32_class(fd, pcls));
		if (p == 3) {
			EXPECT_EQ(-1, ioctl(fd, 0x40044B0B, &p));
			EXPECT_EQ(ENOTTY, errno);
			for (nr = 11; nr <= 15; nr++) {
				EXPECT_EQ(-1, ioctl(fd, _IO('K', nr)));
				EXPECT_EQ(ENOTTY, errno);
			}
			EXPECT_EQ(3, kacs_u32_class(fd, pcls));
		}
		close(fd);
	}
	EXPECT_EQ(1, KACS_POLICY_NO_WRITE_UP);
	EXPECT_EQ(2, KACS_POLICY_NEW_PROCESS_MIN);
}

/*
 * token-structure 21, 22 and 23: modified_id changes on every adjustment,
 * not when a privilege is marked used; it is read from the statistics
 * class and nothing is invalidated by it (an old handle keeps working).
 */
TEST(structure_modified_id)
{
	struct kacs_access_check_args a;
	struct kacs_token_privileges pv;
	struct kacs_tsid sy;
	__u8 sd[128];
	__u64 m0, m1, m2;
	int fd, old;
	size_t len;

	fd = mint_groups(0);
	ASSERT_LE(0, fd);
	old = kacs_duplicate(fd, Q, KACS_TOKEN_PRIMARY, 0);
	ASSERT_LE(0, old);
	m0 = modified_id(fd);
	ASSERT_EQ(0, kacs_adjust_priv(fd, KACS_SE_CHANGE_NOTIFY, 0));
	m1 = modified_id(fd);
	EXPECT_GT(m1, m0);
	ASSERT_EQ(0, kacs_adjust_group(fd, 1, 0, NULL));
	m2 = modified_id(fd);
	EXPECT_GT(m2, m1);
	close(fd);
	/* a privilege use does not change modified_id */
	fd = mint_alice(KACS_PRIV(KACS_SE_TAKE_OWNERSHIP));
	ASSERT_LE(0, fd);
	m0 = modified_id(fd);
	kacs_sid_system(&sy);
	len = kacs_build_sd(sd, sizeof(sd), &sy, NULL, NULL, 0, true);
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.token_fd = fd;
	a.sd_ptr = (__u64)(uintptr_t)sd;
	a.sd_len = len;
	a.desired_access = KACS_WRITE_OWNER;
	a.generic_all = KACS_FILE_ALL_ACCESS;
	EXPECT_EQ(KACS_WRITE_OWNER, kacs_access_check(&a));
	ASSERT_EQ(0, kacs_privs(fd, &pv));
	EXPECT_TRUE(pv.used & KACS_PRIV(KACS_SE_TAKE_OWNERSHIP));
	EXPECT_EQ(m0, modified_id(fd));
	EXPECT_EQ(KACS_TOKEN_PRIMARY, kacs_u32_class(old,
						     KACS_TOKEN_CLASS_TYPE));
	close(old);
	close(fd);
}

/* ---- token-model ---------------------------------------------------------- */

static int effective_is_alice(void *arg)
{
	struct kacs_token_statistics st;
	struct kacs_tsid me = { 0 }, alice;
	int fd = *(int *)arg, q;

	kacs_sid_user(&alice, KACS_RID_ALICE);
	CK(kacs_impersonate(fd) == 0);
	/* 5: the thread acts as its effective token */
	CK(kacs_self_user(false, &me) == 0);
	CK(kacs_tsid_eq(&me, &alice));
	CK(kacs_self_stats(false, &st) == 0);
	CK(st.token_type == KACS_TOKEN_IMPERSONATION);
	/* 6: the real token is opened with Alice's rights: refused */
	q = kacs_open_self_token(KACS_REAL_TOKEN, Q);
	CK(q == -1 && errno == EACCES);
	return 0;
}

/*
 * token-model 2, 5 and 6: every thread has a token (open_self equals
 * open_process_token); an impersonating thread acts as its effective
 * token, and opening the real one is judged with it.
 */
TEST(model_effective_and_real)
{
	struct kacs_token_statistics a, b;
	int pidfd, fd, afd;

	ASSERT_EQ(0, kacs_self_stats(false, &a));
	pidfd = sys_pidfd_open(getpid(), 0);
	ASSERT_LE(0, pidfd);
	fd = kacs_open_process_token(pidfd, Q);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_stats(fd, &b));
	EXPECT_EQ(a.token_id, b.token_id);
	close(fd);
	close(pidfd);
	afd = kacs_mint_alice_imp(0);
	ASSERT_LE(0, afd);
	EXPECT_EQ(0, in_thread(effective_is_alice, &afd));
	close(afd);
}

static int imp_and_wait(void *arg)
{
	int *p = arg;
	char c;

	CK(kacs_impersonate(p[2]) == 0);
	CK(write(p[1], "i", 1) == 1);
	CK(read(p[3], &c, 1) == 1);
	return 0;
}

/*
 * token-model 4: others see the primary token: opening the process token
 * of a worker whose thread impersonates gives SYSTEM, Primary.
 */
TEST(model_others_see_primary)
{
	int p[2], q[2], a[4], pidfd, fd;
	struct kacs_tsid u, sy;
	pid_t pid;
	char c;

	ASSERT_EQ(0, pipe(p));
	ASSERT_EQ(0, pipe(q));
	a[0] = p[0];
	a[1] = p[1];
	a[2] = kacs_mint_alice_imp(0);
	a[3] = q[0];
	ASSERT_LE(0, a[2]);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(ck_call(imp_and_wait, a) ? 1 : 0);
	ASSERT_EQ(1, read(p[0], &c, 1));
	pidfd = sys_pidfd_open(pid, 0);
	ASSERT_LE(0, pidfd);
	fd = kacs_open_process_token(pidfd, Q);
	ASSERT_LE(0, fd);
	kacs_sid_system(&sy);
	ASSERT_EQ(0, kacs_user(fd, &u));
	EXPECT_TRUE(kacs_tsid_eq(&u, &sy));
	EXPECT_EQ(KACS_TOKEN_PRIMARY, kacs_u32_class(fd, KACS_TOKEN_CLASS_TYPE));
	ASSERT_EQ(1, write(q[1], "x", 1));
	waitpid(pid, NULL, 0);
	close(fd);
	close(pidfd);
	close(a[2]);
}

/* ---- abi-tables ----------------------------------------------------------- */

static int real_behind_imp(void *arg)
{
	struct kacs_token_statistics p, s;
	int fd = *(int *)arg, r;

	CK(kacs_self_stats(true, &p) == 0);
	CK(kacs_impersonate(fd) == 0);
	r = kacs_open_self_token(KACS_REAL_TOKEN, Q);
	CK(r >= 0);
	CK(kacs_stats(r, &s) == 0);
	CK(s.token_id == p.token_id && s.token_type == KACS_TOKEN_PRIMARY);
	close(r);
	r = kacs_open_self_token(0, Q);
	CK(r >= 0);
	CK(kacs_stats(r, &s) == 0);
	CK(s.token_type == KACS_TOKEN_IMPERSONATION);
	close(r);
	return 0;
}

/*
 * abi-tables 1 and 3: KACS_REAL_TOKEN selects the primary token behind an
 * impersonation; a token fd answers only ioctls with magic 'K' (0x4B);
 * query classes 9 and 10 return what the token stores.
 */
TEST(abi_real_token_and_magic)
{
	struct kacs_query_args q = { .token_class = 1 };
	__u8 src[16];
	int fd = kacs_open_self_token(KACS_REAL_TOKEN, ALL), d;

	ASSERT_LE(0, fd);
	d = kacs_duplicate(fd, ALL, KACS_TOKEN_IMPERSONATION,
			   KACS_LEVEL_IMPERSONATION);
	ASSERT_LE(0, d);
	EXPECT_EQ(0, in_thread(real_behind_imp, &d));
	EXPECT_EQ(0x4B, KACS_IOC_MAGIC);
	EXPECT_EQ(-1, ioctl(fd, _IOWR('L', 0, struct kacs_query_args), &q));
	EXPECT_EQ(ENOTTY, errno);
	/* class 10: "PeiosKrn" and source id 0 for SYSTEM */
	ASSERT_EQ(16, kacs_query(fd, KACS_TOKEN_CLASS_SOURCE, src,
				 sizeof(src)));
	EXPECT_EQ(0, memcmp(src, "PeiosKrn", 8));
	close(d);
	d = mint_alice(0);
	ASSERT_LE(0, d);
	ASSERT_EQ(16, kacs_query(d, KACS_TOKEN_CLASS_SOURCE, src,
				 sizeof(src)));
	EXPECT_EQ(0, memcmp(src, "KacsTest", 8));
	close(d);
	close(fd);
}

/*
 * abi-constants g, abi-constants h: each of the ten mitigation bits is
 * named (none is EINVAL), KACS_PSB_ALL is 0x3FF and anything outside it
 * is EINVAL; the bits this series does not enforce fail closed (A10).
 */
TEST(abi_mitigation_bits)
{
	int pidfd = sys_pidfd_open(getpid(), 0);
	unsigned int bit;
	long r;

	ASSERT_LE(0, pidfd);
	EXPECT_EQ(0x3FF, KACS_PSB_ALL);
	for (bit = 0; bit < 10; bit++) {
		if ((1U << bit) == KACS_PSB_NO_CHILD)
			continue;
		r = kacs_set_psb(pidfd, 1U << bit);
		if ((1U << bit) == KACS_PSB_UI_ACCESS) {
			EXPECT_EQ(0, r);
			continue;
		}
		EXPECT_EQ(-1, r);
		EXPECT_EQ(EOPNOTSUPP, errno) TH_LOG("bit %u", bit);
	}
	EXPECT_EQ(-1, kacs_set_psb(pidfd, 0x400));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, kacs_set_psb(pidfd, 0x800));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, kacs_set_psb(pidfd, 0x80000000));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, kacs_set_psb(pidfd, 0x7FF));
	EXPECT_EQ(EINVAL, errno);
	close(pidfd);
}

KACS_HARNESS_MAIN
