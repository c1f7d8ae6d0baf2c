// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS ABI and process gate selftests: every system call and token ioctl
 * of the v0.20 subset, the errno policy, minted identities, impersonation,
 * and the two-check rule (process SD + PIP) for kill, ptrace, pidfd_open
 * and pidfd_getfd.
 *
 * Runs as SYSTEM (the token of PID 1 in the test guest).
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "kacs_util.h"

/* ---- helpers -------------------------------------------------------------- */

/* The target raises its PIP to 512/8192: 0, or -1 if it could not. */
static int target_pip(struct kacs_target *t)
{
	return kacs_target_cmd(t, 'P') == 'K' ? 0 : -1;
}

/* Run @fn in a new thread impersonating @tokfd (-1: no impersonation). */
struct as_run {
	int tokfd;
	int imp_err;
	long (*fn)(void *arg);
	void *arg;
	long ret;
};

static void *as_thread(void *a)
{
	struct as_run *r = a;

	if (r->tokfd >= 0)
		r->imp_err = kacs_impersonate(r->tokfd);
	if (!r->imp_err)
		r->ret = r->fn(r->arg);
	kacs_revert();
	return NULL;
}

static long run_as(int tokfd, long (*fn)(void *arg), void *arg)
{
	struct as_run r = { .tokfd = tokfd, .fn = fn, .arg = arg };
	pthread_t th;

	if (pthread_create(&th, NULL, as_thread, &r) || pthread_join(th, NULL))
		return -10000;
	if (r.imp_err)
		return -20000 + r.imp_err;
	return r.ret;
}

static int alice_imp(__u64 privs)
{
	return kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION,
			      KACS_LEVEL_IMPERSONATION, privs);
}

/* operations, each returning 0 or the errno */
static long op_kill_cont(void *a)
{
	return kill(((struct kacs_target *)a)->pid, SIGCONT) ? errno : 0;
}

static long op_kill_zero(void *a)
{
	return kill(((struct kacs_target *)a)->pid, 0) ? errno : 0;
}

static long op_pidfd_open(void *a)
{
	int fd = sys_pidfd_open(((struct kacs_target *)a)->pid, 0);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static long op_getfd(void *a)
{
	int fd = sys_pidfd_getfd(((struct kacs_target *)a)->pidfd, 0);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static long op_attach(void *a)
{
	pid_t pid = ((struct kacs_target *)a)->pid;
	int st;

	if (ptrace(PTRACE_ATTACH, pid, 0, 0))
		return errno;
	waitpid(pid, &st, __WALL);
	ptrace(PTRACE_DETACH, pid, 0, 0);
	return 0;
}

static long op_open_token(void *a)
{
	int fd = kacs_open_process_token(((struct kacs_target *)a)->pidfd,
					 KACS_TOKEN_QUERY);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static long op_set_psb(void *a)
{
	return kacs_set_psb(((struct kacs_target *)a)->pidfd, KACS_PSB_UI_ACCESS) ?
	       errno : 0;
}

static long op_get_sd(void *a)
{
	__u8 buf[512];

	return kacs_get_sd(((struct kacs_target *)a)->pidfd, "",
			   KACS_DACL_SECURITY_INFORMATION, buf, sizeof(buf),
			   AT_EMPTY_PATH) < 0 ? errno : 0;
}

static long op_create_token(void *a)
{
	int fd = kacs_mint_user(KACS_RID_BOB, KACS_TOKEN_PRIMARY, 0, 0);

	if (fd < 0)
		return -fd;
	close(fd);
	return 0;
}

/* ---- system calls ------------------------------------------------------- */

/* The Peios KACS v0.20 block (the not-for-upstream x86_64 numbers) */
#define PEIOS_NR_FIRST	1000
#define PEIOS_NR_LAST	1027

TEST(syscall_unimplemented_numbers_enosys)
{
	static const int impl[] = { 1000, 1001, 1002, 1003, 1005, 1012,
				    1021, 1022, 1023 };
	int nr, i, no_such_call;
	bool is;

#ifndef __NR_peios_kacs_open_self_token
	/*
	 * The Peios numbers come from the NOT FOR UPSTREAM patch; an
	 * upstream-shaped kernel has only the generic ones.  The kernels
	 * make check builds include it, and the judge fails any skip there
	 * (kacs_test is "noskip" in scripts/manifest.txt).
	 */
	SKIP(return, "kernel without the Peios system call numbers");
#endif

	errno = 0;
	ASSERT_EQ(-1, syscall(-1L));
	no_such_call = errno;
	ASSERT_NE(0, no_such_call);
	for (nr = PEIOS_NR_FIRST; nr <= PEIOS_NR_LAST; nr++) {
		for (is = false, i = 0; i < 9; i++)
			is |= impl[i] == nr;
		if (is)
			continue;
		errno = 0;
		EXPECT_EQ(-1, syscall(nr, 0, 0, 0, 0, 0, 0)) TH_LOG("nr %d", nr);
		/* the same error as a number no kernel assigns */
		EXPECT_EQ(no_such_call, errno) TH_LOG("nr %d", nr);
	}
}

TEST(syscall_peios_numbers_reach_the_same_calls)
{
	struct kacs_token_statistics s1, s2;
	int fd1, fd2;

#ifndef __NR_peios_kacs_open_self_token
	/*
	 * The Peios numbers come from the NOT FOR UPSTREAM patch; an
	 * upstream-shaped kernel has only the generic ones.  The kernels
	 * make check builds include it, and the judge fails any skip there
	 * (kacs_test is "noskip" in scripts/manifest.txt).
	 */
	SKIP(return, "kernel without the Peios system call numbers");
#else
	ASSERT_EQ(1000, __NR_peios_kacs_open_self_token);
	ASSERT_NE(__NR_peios_kacs_open_self_token, __NR_kacs_open_self_token);
	fd1 = syscall(__NR_kacs_open_self_token, 0, KACS_TOKEN_QUERY);
	ASSERT_LE(0, fd1);
	fd2 = syscall(__NR_peios_kacs_open_self_token, 0, KACS_TOKEN_QUERY);
	ASSERT_LE(0, fd2);
	/* two handles of the same token object */
	ASSERT_EQ(0, kacs_stats(fd1, &s1));
	ASSERT_EQ(0, kacs_stats(fd2, &s2));
	EXPECT_EQ(s1.token_id, s2.token_id);
	/* bad flags give the same answer at both numbers */
	errno = 0;
	EXPECT_EQ(-1, syscall(__NR_peios_kacs_open_self_token, 2, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0, syscall(__NR_peios_kacs_revert));
	close(fd1);
	close(fd2);
#endif
}

TEST(open_self_token_is_system_anon_inode_cloexec)
{
	struct kacs_tsid sys, u;
	char p[64], link[64] = {0};
	__u8 il[KACS_SID_MAX];
	__u32 rid = 0;
	int fd;

	kacs_sid_system(&sys);
	fd = kacs_open_self_token(0, KACS_TOKEN_QUERY);
	ASSERT_LE(0, fd);
	EXPECT_TRUE(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	snprintf(p, sizeof(p), "/proc/self/fd/%d", fd);
	ASSERT_LT(0, readlink(p, link, sizeof(link) - 1));
	EXPECT_STREQ("anon_inode:kacs-token", link);
	ASSERT_EQ(0, kacs_user(fd, &u));
	EXPECT_TRUE(kacs_tsid_eq(&sys, &u));
	EXPECT_EQ(KACS_TOKEN_PRIMARY, kacs_u32_class(fd, KACS_TOKEN_CLASS_TYPE));
	ASSERT_EQ(12, kacs_query(fd, KACS_TOKEN_CLASS_INTEGRITY_LEVEL, il,
				 sizeof(il)));
	memcpy(&rid, il + 8, 4);
	EXPECT_EQ(KACS_INTEGRITY_SYSTEM, rid);
	close(fd);
	fd = kacs_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_ALL_ACCESS);
	ASSERT_LE(0, fd);
	close(fd);
	/* unknown flags */
	EXPECT_EQ(-1, kacs_open_self_token(0x80, KACS_TOKEN_QUERY));
	EXPECT_EQ(EINVAL, errno);
}

TEST(open_process_and_thread_token)
{
	struct kacs_token_statistics a, b;
	struct kacs_tsid alice, u;
	int pidfd, fd, ifd;

	kacs_sid_user(&alice, KACS_RID_ALICE);
	pidfd = sys_pidfd_open(getpid(), 0);
	ASSERT_LE(0, pidfd);
	fd = kacs_open_process_token(pidfd, KACS_TOKEN_QUERY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_stats(fd, &a));
	ASSERT_EQ(0, kacs_self_stats(true, &b));
	EXPECT_EQ(b.token_id, a.token_id);
	close(fd);
	/* thread token of an impersonating thread is its impersonation token */
	ifd = alice_imp(0);
	ASSERT_LE(0, ifd);
	ASSERT_EQ(0, kacs_impersonate(ifd));
	ASSERT_EQ(0, kacs_self_user(false, &u));
	EXPECT_TRUE(kacs_tsid_eq(&alice, &u));
	ASSERT_EQ(0, kacs_revert());
	ASSERT_EQ(0, kacs_thread_view(pidfd, sys_gettid(), NULL, &u));
	EXPECT_FALSE(kacs_tsid_eq(&alice, &u)) TH_LOG("revert must undo");
	EXPECT_EQ(-1, kacs_open_thread_token(pidfd, 999999, KACS_TOKEN_QUERY));
	EXPECT_EQ(ESRCH, errno) TH_LOG("no such thread in the process");
	close(ifd);
	close(pidfd);
}

struct waiter {
	int p[2];
	pid_t tid;
};

static void *waiter_thread(void *arg)
{
	struct waiter *w = arg;
	char c;

	__atomic_store_n(&w->tid, sys_gettid(), __ATOMIC_SEQ_CST);
	if (read(w->p[0], &c, 1) < 0)
		return NULL;
	return NULL;
}

#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL
#endif

/*
 * A PIDFD_THREAD pidfd of a thread that is not the leader names the
 * thread's process for every call that takes a pidfd, as it does for
 * kacs_get_sd(): the process token, the thread token and set_psb accept
 * it.
 */
TEST(thread_pidfd_names_its_process)
{
	struct kacs_token_statistics a, b;
	struct waiter w = { .tid = 0 };
	__u8 sd[512];
	pthread_t th;
	int pidfd, fd, i;

	ASSERT_EQ(0, pipe(w.p));
	ASSERT_EQ(0, pthread_create(&th, NULL, waiter_thread, &w));
	for (i = 0; i < 2000 && !__atomic_load_n(&w.tid, __ATOMIC_SEQ_CST);
	     i++)
		usleep(1000);
	ASSERT_NE(0, w.tid);
	ASSERT_NE(getpid(), w.tid);
	pidfd = sys_pidfd_open(w.tid, PIDFD_THREAD);
	ASSERT_LE(0, pidfd) TH_LOG("pidfd_open(PIDFD_THREAD): %s",
				   strerror(errno));
	EXPECT_LT(0, kacs_get_sd(pidfd, "", KACS_OWNER_SECURITY_INFORMATION,
				 sd, sizeof(sd), AT_EMPTY_PATH));
	fd = kacs_open_process_token(pidfd, KACS_TOKEN_QUERY);
	EXPECT_LE(0, fd) TH_LOG("open_process_token: %s", strerror(errno));
	if (fd >= 0) {
		ASSERT_EQ(0, kacs_stats(fd, &a));
		ASSERT_EQ(0, kacs_self_stats(true, &b));
		EXPECT_EQ(b.token_id, a.token_id);
		close(fd);
	}
	fd = kacs_open_thread_token(pidfd, w.tid, KACS_TOKEN_QUERY);
	EXPECT_LE(0, fd) TH_LOG("open_thread_token: %s", strerror(errno));
	if (fd >= 0)
		close(fd);
	EXPECT_EQ(0, kacs_set_psb(pidfd, 0))
		TH_LOG("set_psb: %s", strerror(errno));
	close(w.p[1]);
	pthread_join(th, NULL);
	close(w.p[0]);
	close(pidfd);
}

TEST(revert_always_zero)
{
	EXPECT_EQ(0, kacs_revert());
	EXPECT_EQ(0, kacs_revert());
}

TEST(create_token_minted_identity)
{
	struct kacs_token_statistics st;
	struct kacs_tsid alice, u;
	__u8 buf[1024];
	long n;
	int fd;

	kacs_sid_user(&alice, KACS_RID_ALICE);
	fd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0, 0);
	ASSERT_LE(0, fd) TH_LOG("kacs_create_token: %s", strerror(-fd));
	ASSERT_EQ(0, kacs_user(fd, &u));
	EXPECT_TRUE(kacs_tsid_eq(&alice, &u));
	ASSERT_EQ(0, kacs_stats(fd, &st));
	EXPECT_NE(0, st.token_id);
	EXPECT_EQ(st.token_id, st.modified_id);
	EXPECT_EQ(KACS_TOKEN_PRIMARY, st.token_type);
	n = kacs_query(fd, KACS_TOKEN_CLASS_GROUPS, buf, sizeof(buf));
	ASSERT_LT(4, n);
	EXPECT_EQ(5, *(__u32 *)buf) TH_LOG("4 groups + the logon SID");
	n = kacs_query(fd, KACS_TOKEN_CLASS_INTEGRITY_LEVEL, buf, sizeof(buf));
	ASSERT_EQ(12, n);
	EXPECT_EQ(KACS_INTEGRITY_MEDIUM, *(__u32 *)(buf + 8));
	EXPECT_EQ(KACS_LEVEL_ANONYMOUS,
		  kacs_u32_class(fd, KACS_TOKEN_CLASS_IMPERSONATION_LEVEL));
	close(fd);
}

TEST(create_token_malformed_einval)
{
	struct kacs_user_spec u;
	static __u8 buf[4096];
	struct kacs_token_spec *h = (void *)buf;
	size_t len;

	kacs_user_spec_init(&u, KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0, 0);
#define RESET() (len = kacs_build_spec(buf, sizeof(buf), &u.p))
	RESET();
	ASSERT_EQ(KACS_SPEC_HDR_SIZE, sizeof(struct kacs_token_spec));
	h->version = 1;
	EXPECT_EQ(-1, kacs_create_token(buf, len));
	EXPECT_EQ(EINVAL, errno);
	RESET();
	h->reserved1 = 1;
	EXPECT_EQ(-1, kacs_create_token(buf, len));
	EXPECT_EQ(EINVAL, errno);
	RESET();
	h->reserved0[0] = 1;
	EXPECT_EQ(-1, kacs_create_token(buf, len));
	EXPECT_EQ(EINVAL, errno);
	RESET();
	h->impersonation_level = KACS_LEVEL_IMPERSONATION; /* primary */
	EXPECT_EQ(-1, kacs_create_token(buf, len));
	EXPECT_EQ(EINVAL, errno);
	RESET();
	buf[h->user_sid_offset] = 2;	/* SID revision */
	EXPECT_EQ(-1, kacs_create_token(buf, len));
	EXPECT_EQ(EINVAL, errno);
	RESET();
	h->user_sid_offset = len + 100;	/* out of range */
	EXPECT_EQ(-1, kacs_create_token(buf, len));
	EXPECT_EQ(EINVAL, errno);
	RESET();
	h->owner_sid_index = 3;		/* Users: not an owner group */
	EXPECT_EQ(-1, kacs_create_token(buf, len));
	EXPECT_EQ(EINVAL, errno);
	RESET();
	EXPECT_EQ(-1, kacs_create_token(buf, 100));	/* truncated */
	EXPECT_EQ(EINVAL, errno);
#undef RESET
}

TEST(create_token_needs_secreatetoken_eperm)
{
	int ifd = alice_imp(0);

	ASSERT_LE(0, ifd);
	EXPECT_EQ(EPERM, run_as(ifd, op_create_token, NULL));
	EXPECT_EQ(0, run_as(-1, op_create_token, NULL));
	close(ifd);
}

/* ---- process SD ------------------------------------------------------------ */

TEST(get_sd_default_process_sd_template_bytes)
{
	struct kacs_tsid sys, ba, wd;
	struct kacs_ace_def aces[4];
	struct kacs_target t;
	__u8 want[256], got[512];
	size_t wlen;
	long n;

	kacs_sid_system(&sys);
	kacs_sid_admins(&ba);
	kacs_sid_everyone(&wd);
	aces[0] = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &sys };
	aces[1] = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &ba };
	aces[2] = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &sys };
	aces[3] = (struct kacs_ace_def){ 0, 0, KACS_PROCESS_QUERY_LIMITED, &wd };
	wlen = kacs_build_sd(want, sizeof(want), &sys, &ba, aces, 4, true);
	ASSERT_EQ(140, wlen);
	ASSERT_EQ(0, kacs_target_start(&t, false));
	/* size probe */
	n = kacs_get_sd(t.pidfd, "", KACS_OWNER_SECURITY_INFORMATION |
			KACS_GROUP_SECURITY_INFORMATION |
			KACS_DACL_SECURITY_INFORMATION, NULL, 0, AT_EMPTY_PATH);
	EXPECT_EQ(140, n);
	n = kacs_get_sd(t.pidfd, "", KACS_OWNER_SECURITY_INFORMATION |
			KACS_GROUP_SECURITY_INFORMATION |
			KACS_DACL_SECURITY_INFORMATION, got, sizeof(got),
			AT_EMPTY_PATH);
	ASSERT_EQ(140, n);
	EXPECT_EQ(0, memcmp(want, got, 140));
	/* SACL together with LABEL */
	EXPECT_EQ(-1, kacs_get_sd(t.pidfd, "", KACS_SACL_SECURITY_INFORMATION |
				  KACS_LABEL_SECURITY_INFORMATION, got,
				  sizeof(got), AT_EMPTY_PATH));
	EXPECT_EQ(EINVAL, errno);
	/* a regular file is not a KACS object in this series */
	EXPECT_EQ(-1, kacs_get_sd(AT_FDCWD, "/proc/self/exe",
				  KACS_OWNER_SECURITY_INFORMATION, got,
				  sizeof(got), 0));
	EXPECT_EQ(EOPNOTSUPP, errno);
	kacs_target_stop(&t);
}

TEST(set_sd_roundtrip_malformed_and_denied)
{
	struct kacs_tsid sys, alice;
	struct kacs_ace_def ace;
	struct kacs_target t;
	__u8 sd[256], got[512], bad[256];
	size_t len;
	long n;
	int ifd;

	kacs_sid_system(&sys);
	kacs_sid_user(&alice, KACS_RID_ALICE);
	ASSERT_EQ(0, kacs_target_start(&t, false));
	ace = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &sys };
	len = kacs_build_sd(sd, sizeof(sd), NULL, NULL, &ace, 1, true);
	ASSERT_EQ(0, kacs_set_sd(t.pidfd, "", KACS_DACL_SECURITY_INFORMATION,
				 sd, len, AT_EMPTY_PATH));
	n = kacs_get_sd(t.pidfd, "", KACS_DACL_SECURITY_INFORMATION, got,
			sizeof(got), AT_EMPTY_PATH);
	ASSERT_EQ(len, n);
	EXPECT_EQ(0, memcmp(sd + 20, got + 20, len - 20));
	/* malformed: revision, ACE size not a multiple of 4, ACL overrun */
	memcpy(bad, sd, len);
	bad[0] = 2;
	EXPECT_EQ(-1, kacs_set_sd(t.pidfd, "", KACS_DACL_SECURITY_INFORMATION,
				  bad, len, AT_EMPTY_PATH));
	EXPECT_EQ(EINVAL, errno);
	memcpy(bad, sd, len);
	bad[20 + 8 + 2] = 17;
	EXPECT_EQ(-1, kacs_set_sd(t.pidfd, "", KACS_DACL_SECURITY_INFORMATION,
				  bad, len, AT_EMPTY_PATH));
	EXPECT_EQ(EINVAL, errno);
	memcpy(bad, sd, len);
	bad[20 + 2] = 0xff;
	EXPECT_EQ(-1, kacs_set_sd(t.pidfd, "", KACS_DACL_SECURITY_INFORMATION,
				  bad, len, AT_EMPTY_PATH));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, kacs_set_sd(t.pidfd, "", KACS_DACL_SECURITY_INFORMATION,
				  sd, 10, AT_EMPTY_PATH));
	EXPECT_EQ(EINVAL, errno);
	/* unknown flags */
	EXPECT_EQ(-1, kacs_set_sd(t.pidfd, "", KACS_DACL_SECURITY_INFORMATION,
				  sd, len, AT_EMPTY_PATH | 0x8000000));
	EXPECT_EQ(EINVAL, errno);
	/* state unchanged after all of that */
	n = kacs_get_sd(t.pidfd, "", KACS_DACL_SECURITY_INFORMATION, got,
			sizeof(got), AT_EMPTY_PATH);
	ASSERT_EQ(len, n);
	EXPECT_EQ(0, memcmp(sd + 20, got + 20, len - 20));
	/* SD denial for alice: EACCES */
	ifd = alice_imp(0);
	ASSERT_LE(0, ifd);
	EXPECT_EQ(EACCES, run_as(ifd, op_get_sd, &t));
	close(ifd);
	kacs_target_stop(&t);
}

/* ---- access check ---------------------------------------------------------- */

TEST(access_check_grant_deny_and_malformed)
{
	struct kacs_access_check_args a;
	struct kacs_tsid sys, alice;
	struct kacs_ace_def aces[2];
	__u32 granted = 0;
	__u8 sd[256];
	size_t len;
	int afd;

	kacs_sid_system(&sys);
	kacs_sid_user(&alice, KACS_RID_ALICE);
	aces[0] = (struct kacs_ace_def){ 0, 0, KACS_FILE_GENERIC_READ, &alice };
	aces[1] = (struct kacs_ace_def){ 1, 0, KACS_FILE_WRITE_DATA, &alice };
	len = kacs_build_sd(sd, sizeof(sd), &sys, NULL, aces, 2, true);
	afd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION,
			     KACS_LEVEL_IMPERSONATION, 0);
	ASSERT_LE(0, afd);
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.token_fd = afd;
	a.sd_ptr = (__u64)(uintptr_t)sd;
	a.sd_len = len;
	a.desired_access = KACS_FILE_READ_DATA;
	a.generic_read = KACS_FILE_GENERIC_READ;
	a.generic_write = KACS_FILE_GENERIC_WRITE;
	a.generic_execute = KACS_FILE_GENERIC_EXECUTE;
	a.generic_all = KACS_FILE_ALL_ACCESS;
	a.granted_out_ptr = (__u64)(uintptr_t)&granted;
	/* the granted mask is the return value and the output */
	EXPECT_EQ(KACS_FILE_READ_DATA, kacs_access_check(&a))
		TH_LOG("%s", strerror(errno));
	EXPECT_EQ(KACS_FILE_READ_DATA, granted);
	/* denied: the output holds what was granted of the request */
	granted = 0xdead;
	a.desired_access = KACS_FILE_WRITE_DATA;
	EXPECT_EQ(-1, kacs_access_check(&a));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(0, granted);
	granted = 0xdead;
	a.desired_access = KACS_FILE_READ_DATA | KACS_FILE_WRITE_DATA;
	EXPECT_EQ(-1, kacs_access_check(&a));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(KACS_FILE_READ_DATA, granted);
	a.desired_access = KACS_MAXIMUM_ALLOWED;
	EXPECT_EQ(KACS_FILE_GENERIC_READ, kacs_access_check(&a));
	EXPECT_EQ(KACS_FILE_GENERIC_READ, granted);
	/* generic rights in the request are mapped: GENERIC_READ is granted */
	a.desired_access = KACS_GENERIC_READ;
	EXPECT_EQ(KACS_FILE_GENERIC_READ, kacs_access_check(&a));
	EXPECT_EQ(KACS_FILE_GENERIC_READ, granted);
	a.desired_access = KACS_FILE_READ_DATA;
	a.size = 16;
	EXPECT_EQ(-1, kacs_access_check(&a));
	EXPECT_EQ(EINVAL, errno);
	a.size = sizeof(a);
	a.object_tree_ptr = 8;
	EXPECT_EQ(-1, kacs_access_check(&a));
	EXPECT_EQ(EINVAL, errno);
	a.object_tree_ptr = 0;
	a.pad0 = 1;
	EXPECT_EQ(-1, kacs_access_check(&a));
	EXPECT_EQ(EINVAL, errno);
	a.pad0 = 0;
	sd[0] = 9;
	EXPECT_EQ(-1, kacs_access_check(&a));
	EXPECT_EQ(EINVAL, errno);
	close(afd);
}

/* ---- token ioctls ---------------------------------------------------------- */

TEST(ioctl_query_probe_erange_eopnotsupp_einval)
{
	static const __u32 ok[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 17,
				    19, 21 };
	struct kacs_query_args q;
	__u8 buf[1024];
	unsigned int i;
	int fd = kacs_open_self_token(0, KACS_TOKEN_QUERY);

	ASSERT_LE(0, fd);
	for (i = 0; i < ARRAY_SIZE(ok); i++)
		EXPECT_LE(0, kacs_query(fd, ok[i], buf, sizeof(buf)))
			TH_LOG("class %u", ok[i]);
	/* size probe */
	q = (struct kacs_query_args){ .token_class = 1 };
	ASSERT_EQ(0, ioctl(fd, KACS_IOC_QUERY, &q));
	EXPECT_EQ(12, q.buf_len);
	/* too small */
	q = (struct kacs_query_args){ .token_class = 11, .buf_len = 8,
				      .buf_ptr = (__u64)(uintptr_t)buf };
	EXPECT_EQ(-1, ioctl(fd, KACS_IOC_QUERY, &q));
	EXPECT_EQ(ERANGE, errno);
	EXPECT_EQ(sizeof(struct kacs_token_statistics), q.buf_len);
	EXPECT_EQ(-EOPNOTSUPP, kacs_query(fd, 12, buf, sizeof(buf)));
	EXPECT_EQ(-EOPNOTSUPP, kacs_query(fd, 22, buf, sizeof(buf)));
	EXPECT_EQ(-EINVAL, kacs_query(fd, 0, buf, sizeof(buf)));
	EXPECT_EQ(-EINVAL, kacs_query(fd, 99, buf, sizeof(buf)));
	/* unknown ioctl */
	EXPECT_EQ(-1, ioctl(fd, _IO('K', 10)));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(fd, _IO('K', 5)));
	EXPECT_EQ(ENOTTY, errno);
	close(fd);
}

/* Check one GROUPS-format payload entry @i against @sid / @attrs. */
static bool group_entry_is(const __u8 *buf, long n, unsigned int i,
			   const struct kacs_tsid *sid, __u32 attrs)
{
	size_t off = 4;
	__u32 l, a;

	while (1) {
		if (off + 4 > (size_t)n)
			return false;
		memcpy(&l, buf + off, 4);
		if (off + 8 + l > (size_t)n)
			return false;
		if (!i--)
			break;
		off += 8 + l;
	}
	memcpy(&a, buf + off + 4 + l, 4);
	return l == sid->len && !memcmp(buf + off + 4, sid->b, l) &&
	       a == attrs;
}

/*
 * Every implemented query class returns exactly what the token was made
 * with: a minted token whose every queried field has a recognisable
 * value, as a primary and as an impersonation token, and a restricted
 * copy for the restricting SIDs.
 */
TEST(ioctl_query_contents_of_every_class)
{
	static const __u64 session = 0x0000000500000009ULL;
	struct kacs_tsid want, g[5];
	struct kacs_token_statistics st;
	struct kacs_token_privileges pv;
	struct kacs_user_spec u;
	static __u8 spec[4096];
	struct kacs_token_spec *h = (void *)spec;
	__u8 buf[1024];
	__u64 sid64;
	__u32 v;
	size_t len;
	long n;
	int t, fd, rfd, i;

	for (t = KACS_TOKEN_PRIMARY; t <= KACS_TOKEN_IMPERSONATION; t++) {
		kacs_user_spec_init(&u, KACS_RID_ALICE, t,
				    KACS_LEVEL_IMPERSONATION,
				    KACS_PRIV(KACS_SE_SHUTDOWN));
		u.p.privs_enabled = KACS_PRIV(KACS_SE_CHANGE_NOTIFY);
		len = kacs_build_spec(spec, sizeof(spec), &u.p);
		h->session_id = session;
		h->interactive_session_id = 7;
		h->source_id = 0x1122334455667788ULL;
		h->expiration = 12345;
		fd = kacs_create_token(spec, len);
		ASSERT_LE(0, fd) TH_LOG("kacs_create_token: %s",
					strerror(errno));

		/* 1 USER */
		n = kacs_query(fd, KACS_TOKEN_CLASS_USER, buf, sizeof(buf));
		ASSERT_EQ(u.user.len, n);
		EXPECT_EQ(0, memcmp(buf, u.user.b, n));
		/* 2 GROUPS: the four given, then the session's logon SID */
		n = kacs_query(fd, KACS_TOKEN_CLASS_GROUPS, buf, sizeof(buf));
		ASSERT_LT(4, n);
		memcpy(&v, buf, 4);
		EXPECT_EQ(5, v);
		for (i = 0; i < 4; i++)
			g[i] = u.groups[i];
		kacs_tsid_make(&g[4], 5, 3, 5, 5, 9);
		for (i = 0; i < 5; i++)
			EXPECT_TRUE(group_entry_is(buf, n, i, &g[i],
						   i < 4 ? KACS_GRP_DEFAULT :
						   KACS_SE_GROUP_LOGON_ID |
						   KACS_GRP_DEFAULT))
				TH_LOG("group %d", i);
		/* 3 PRIVILEGES */
		ASSERT_EQ(sizeof(pv), kacs_query(fd, KACS_TOKEN_CLASS_PRIVILEGES,
						 &pv, sizeof(pv)));
		EXPECT_EQ(KACS_PRIV(KACS_SE_CHANGE_NOTIFY) |
			  KACS_PRIV(KACS_SE_SHUTDOWN), pv.present);
		EXPECT_EQ(KACS_PRIV(KACS_SE_CHANGE_NOTIFY), pv.enabled);
		EXPECT_EQ(KACS_PRIV(KACS_SE_CHANGE_NOTIFY),
			  pv.enabled_by_default);
		EXPECT_EQ(0, pv.used);
		/* 4 TYPE */
		EXPECT_EQ(t, kacs_u32_class(fd, KACS_TOKEN_CLASS_TYPE));
		/* 5 INTEGRITY_LEVEL */
		kacs_tsid_make(&want, 16, 1, KACS_INTEGRITY_MEDIUM);
		n = kacs_query(fd, KACS_TOKEN_CLASS_INTEGRITY_LEVEL, buf,
			       sizeof(buf));
		ASSERT_EQ(want.len, n);
		EXPECT_EQ(0, memcmp(buf, want.b, n));
		/* 6 OWNER: owner_sid_index 0 is the user */
		n = kacs_query(fd, KACS_TOKEN_CLASS_OWNER, buf, sizeof(buf));
		ASSERT_EQ(u.user.len, n);
		EXPECT_EQ(0, memcmp(buf, u.user.b, n));
		/* 7 PRIMARY_GROUP: primary_group_index 1 is the first group */
		n = kacs_query(fd, KACS_TOKEN_CLASS_PRIMARY_GROUP, buf,
			       sizeof(buf));
		ASSERT_EQ(u.groups[0].len, n);
		EXPECT_EQ(0, memcmp(buf, u.groups[0].b, n));
		/* 8 SESSION_ID: the interactive session */
		EXPECT_EQ(7, kacs_u32_class(fd, KACS_TOKEN_CLASS_SESSION_ID));
		/* 9 RESTRICTED_SIDS: none */
		n = kacs_query(fd, KACS_TOKEN_CLASS_RESTRICTED_SIDS, buf,
			       sizeof(buf));
		ASSERT_EQ(4, n);
		memcpy(&v, buf, 4);
		EXPECT_EQ(0, v);
		/* 10 SOURCE */
		n = kacs_query(fd, KACS_TOKEN_CLASS_SOURCE, buf, sizeof(buf));
		ASSERT_EQ(16, n);
		EXPECT_EQ(0, memcmp(buf, "KacsTest", 8));
		memcpy(&sid64, buf + 8, 8);
		EXPECT_EQ(0x1122334455667788ULL, sid64);
		/* 11 STATISTICS */
		ASSERT_EQ(0, kacs_stats(fd, &st));
		EXPECT_NE(0, st.token_id);
		EXPECT_EQ(session, st.auth_id);
		EXPECT_EQ(st.token_id, st.modified_id);
		EXPECT_EQ(t, st.token_type);
		EXPECT_EQ(0, st.pad);
		EXPECT_EQ(12345, st.expiration);
		/* 13 ELEVATION_TYPE: Default */
		EXPECT_EQ(1, kacs_u32_class(fd,
					    KACS_TOKEN_CLASS_ELEVATION_TYPE));
		/* 17 MANDATORY_POLICY */
		EXPECT_EQ(KACS_POLICY_NO_WRITE_UP,
			  kacs_u32_class(fd, KACS_TOKEN_CLASS_MANDATORY_POLICY));
		/* 19 LOGON_SID: S-1-5-5-<high>-<low> of the session */
		n = kacs_query(fd, KACS_TOKEN_CLASS_LOGON_SID, buf, sizeof(buf));
		ASSERT_EQ(g[4].len, n);
		EXPECT_EQ(0, memcmp(buf, g[4].b, n));
		/* 21 IMPERSONATION_LEVEL: Anonymous (0) for a primary token */
		EXPECT_EQ(t == KACS_TOKEN_PRIMARY ? KACS_LEVEL_ANONYMOUS :
			  KACS_LEVEL_IMPERSONATION,
			  kacs_u32_class(fd,
					 KACS_TOKEN_CLASS_IMPERSONATION_LEVEL));

		/* 9 again, on a restricted copy: exactly the one given */
		kacs_sid_everyone(&want);
		rfd = kacs_restrict(fd, 0, &want);
		ASSERT_LE(0, rfd) TH_LOG("restrict: %s", strerror(-rfd));
		n = kacs_query(rfd, KACS_TOKEN_CLASS_RESTRICTED_SIDS, buf,
			       sizeof(buf));
		ASSERT_EQ(4 + 4 + want.len + 4, n);
		memcpy(&v, buf, 4);
		EXPECT_EQ(1, v);
		memcpy(&v, buf + 4, 4);
		EXPECT_EQ(want.len, v);
		EXPECT_EQ(0, memcmp(buf + 8, want.b, want.len));
		close(rfd);
		close(fd);
	}
}

TEST(ioctl_adjust_privs)
{
	struct kacs_token_privileges before, after;
	struct kacs_priv_entry e = { KACS_SE_DEBUG, KACS_SE_PRIVILEGE_DISABLED };
	struct kacs_adjust_privs_args a = { .count = 1,
					    .data_ptr = (__u64)(uintptr_t)&e };
	int fd, afd;

	fd = kacs_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_QUERY |
				  KACS_TOKEN_ADJUST_PRIVILEGES);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_privs(fd, &before));
	ASSERT_EQ(0, ioctl(fd, KACS_IOC_ADJUST_PRIVS, &a));
	EXPECT_EQ(before.enabled, a.previous_enabled);
	ASSERT_EQ(0, kacs_privs(fd, &after));
	EXPECT_EQ(before.enabled & ~KACS_PRIV(KACS_SE_DEBUG), after.enabled);
	EXPECT_EQ(0, kacs_adjust_priv(fd, KACS_SE_DEBUG,
				      KACS_SE_PRIVILEGE_ENABLED));
	/* malformed: pad, count 0, unknown attribute, bit 0 */
	a.pad = 1;
	EXPECT_EQ(-1, ioctl(fd, KACS_IOC_ADJUST_PRIVS, &a));
	EXPECT_EQ(EINVAL, errno);
	a.pad = 0;
	a.count = 0;
	EXPECT_EQ(-1, ioctl(fd, KACS_IOC_ADJUST_PRIVS, &a));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-EINVAL, kacs_adjust_priv(fd, KACS_SE_DEBUG, 0x40));
	EXPECT_EQ(-EINVAL, kacs_adjust_priv(fd, 0, KACS_SE_PRIVILEGE_ENABLED));
	ASSERT_EQ(0, kacs_privs(fd, &after));
	EXPECT_EQ(before.enabled, after.enabled) TH_LOG("half-applied");
	close(fd);
	/* enabling an absent privilege: EINVAL, nothing applied */
	afd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0, 0);
	ASSERT_LE(0, afd);
	EXPECT_EQ(-EINVAL, kacs_adjust_priv(afd, KACS_SE_TCB,
					    KACS_SE_PRIVILEGE_ENABLED));
	/* a handle without TOKEN_ADJUST_PRIVILEGES */
	fd = kacs_open_self_token(0, KACS_TOKEN_QUERY);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-EACCES, kacs_adjust_priv(fd, KACS_SE_DEBUG,
					    KACS_SE_PRIVILEGE_ENABLED));
	close(fd);
	close(afd);
}

TEST(ioctl_duplicate_restrict_adjust_groups)
{
	struct kacs_token_statistics s1, s2;
	struct kacs_token_privileges pv;
	struct kacs_group_entry ge = { .index = 2, .enable = 0 };
	struct kacs_adjust_groups_args ga = { .count = 1,
					      .data_ptr = (__u64)(uintptr_t)&ge };
	struct kacs_user_spec u;
	static __u8 buf[4096];
	size_t len;
	int fd, dfd, rfd;

	fd = kacs_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_ALL_ACCESS);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_stats(fd, &s1));
	dfd = kacs_duplicate(fd, KACS_TOKEN_ALL_ACCESS,
			     KACS_TOKEN_IMPERSONATION, KACS_LEVEL_IDENTIFICATION);
	ASSERT_LE(0, dfd);
	ASSERT_EQ(0, kacs_stats(dfd, &s2));
	EXPECT_NE(s1.token_id, s2.token_id);
	EXPECT_EQ(s2.token_id, s2.modified_id);
	EXPECT_EQ(KACS_TOKEN_IMPERSONATION, s2.token_type);
	EXPECT_EQ(KACS_LEVEL_IDENTIFICATION,
		  kacs_u32_class(dfd, KACS_TOKEN_CLASS_IMPERSONATION_LEVEL));
	EXPECT_EQ(-EINVAL, kacs_duplicate(fd, KACS_TOKEN_ALL_ACCESS, 7, 0));
	EXPECT_EQ(-EINVAL, kacs_duplicate(fd, KACS_TOKEN_ALL_ACCESS,
					  KACS_TOKEN_IMPERSONATION, 9));
	close(dfd);
	rfd = kacs_restrict(fd, KACS_PRIV(KACS_SE_DEBUG), NULL);
	ASSERT_LE(0, rfd);
	ASSERT_EQ(0, kacs_privs(rfd, &pv));
	EXPECT_FALSE(pv.present & KACS_PRIV(KACS_SE_DEBUG));
	close(rfd);
	{
		struct kacs_restrict_args ra = { .flags = 0x80, .result_fd = -1 };

		EXPECT_EQ(-1, ioctl(fd, KACS_IOC_RESTRICT, &ra));
		EXPECT_EQ(EINVAL, errno);
		ra.flags = 0;
		ra.pad = 1;
		EXPECT_EQ(-1, ioctl(fd, KACS_IOC_RESTRICT, &ra));
		EXPECT_EQ(EINVAL, errno);
	}
	close(fd);
	/*
	 * groups: Users and Authenticated Users optional, the first two
	 * mandatory, so index 3 is optional and index 1 mandatory whether the
	 * index counts the user or not.
	 */
	kacs_user_spec_init(&u, KACS_RID_BOB, KACS_TOKEN_PRIMARY, 0, 0);
	u.attrs[2] = KACS_SE_GROUP_ENABLED | KACS_SE_GROUP_ENABLED_BY_DEFAULT;
	u.attrs[3] = u.attrs[2];
	len = kacs_build_spec(buf, sizeof(buf), &u.p);
	fd = kacs_create_token(buf, len);
	ASSERT_LE(0, fd);
	ge.index = 3;
	ASSERT_EQ(0, ioctl(fd, KACS_IOC_ADJUST_GROUPS, &ga))
		TH_LOG("%s", strerror(errno));
	EXPECT_TRUE(ga.previous_state & (1ULL << 3));
	ge.index = 1;	/* mandatory */
	EXPECT_EQ(-1, ioctl(fd, KACS_IOC_ADJUST_GROUPS, &ga));
	EXPECT_EQ(EINVAL, errno);
	ga.count = 0;
	EXPECT_EQ(-1, ioctl(fd, KACS_IOC_ADJUST_GROUPS, &ga));
	EXPECT_EQ(EINVAL, errno);
	close(fd);
}

TEST(ioctl_restrict_disjoint_restricting_sids_einval)
{
	struct kacs_tsid everyone, admins;
	int fd, r1, r2;

	kacs_sid_everyone(&everyone);
	kacs_sid_admins(&admins);
	fd = kacs_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_ALL_ACCESS);
	ASSERT_LE(0, fd);
	r1 = kacs_restrict(fd, 0, &everyone);
	ASSERT_LE(0, r1);
	/*
	 * Restricting again keeps the intersection; an empty intersection
	 * would read as "not restricted" and must be refused.
	 */
	EXPECT_EQ(-EINVAL, kacs_restrict(r1, 0, &admins));
	r2 = kacs_restrict(r1, 0, &everyone);
	EXPECT_LE(0, r2);
	if (r2 >= 0)
		close(r2);
	close(r1);
	close(fd);
}

TEST(ioctl_impersonate_changes_thread_rights_revert_undoes)
{
	struct kacs_target t;
	int ifd, pfd;

	ASSERT_EQ(0, kacs_target_start(&t, false));
	ifd = alice_imp(0);
	ASSERT_LE(0, ifd);
	EXPECT_EQ(0, op_kill_cont(&t));
	ASSERT_EQ(0, kacs_impersonate(ifd));
	EXPECT_EQ(EPERM, op_kill_cont(&t)) TH_LOG("alice may not SUSPEND_RESUME");
	ASSERT_EQ(0, kacs_revert());
	EXPECT_EQ(0, op_kill_cont(&t)) TH_LOG("revert must restore SYSTEM");
	/* a primary token cannot be impersonated */
	pfd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0, 0);
	ASSERT_LE(0, pfd);
	EXPECT_EQ(-EINVAL, kacs_impersonate(pfd));
	close(pfd);
	/* a handle without TOKEN_IMPERSONATE */
	pfd = kacs_duplicate(ifd, KACS_TOKEN_QUERY, KACS_TOKEN_IMPERSONATION,
			     KACS_LEVEL_IMPERSONATION);
	ASSERT_LE(0, pfd);
	EXPECT_EQ(-EACCES, kacs_impersonate(pfd));
	close(pfd);
	close(ifd);
	kacs_target_stop(&t);
}

TEST(ioctl_install_in_child_non_system_identity)
{
	struct kacs_target sys_t;
	pid_t p;
	int st;

	ASSERT_EQ(0, kacs_target_start(&sys_t, false));
	p = fork();
	ASSERT_LE(0, p);
	if (p == 0) {
		struct kacs_tsid alice, u = { 0 }, owner = { 0 };
		int fd, pidfd, ifd;

		kacs_sid_user(&alice, KACS_RID_ALICE);
		fd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0, 0);
		ifd = alice_imp(0);
		if (fd < 0 || ifd < 0)
			_exit(1);
		if (kacs_install(ifd) != -EINVAL)
			_exit(2);
		if (kacs_install(fd))
			_exit(3);
		if (kacs_self_user(true, &u) || !kacs_tsid_eq(&u, &alice))
			_exit(4);
		pidfd = sys_pidfd_open(getpid(), 0);
		if (kacs_process_owner(pidfd, &owner) ||
		    !kacs_tsid_eq(&owner, &alice))
			_exit(5);	/* SD regenerated for the new user */
		/* alice cannot act on SYSTEM's process */
		if (op_kill_cont(&sys_t) != EPERM)
			_exit(6);
		if (op_open_token(&sys_t) != EACCES)
			_exit(7);
		if (kacs_pip_set(KACS_PIP_PROTECTED, 1) != -EPERM)
			_exit(8);
		if (op_create_token(NULL) != EPERM)
			_exit(9);
		/* and has no SeAssignPrimaryTokenPrivilege left */
		if (kacs_install(fd) != -EPERM)
			_exit(10);
		_exit(0);
	}
	ASSERT_EQ(p, waitpid(p, &st, 0));
	EXPECT_EQ(0, WEXITSTATUS(st))
		TH_LOG("step %d failed in the alice child", WEXITSTATUS(st));
	kacs_target_stop(&sys_t);
}

/*
 * Sibling threads converge to the *last* install.  The sibling sits in
 * vfork() (a killable wait that the install's task work does not
 * interrupt) while the main thread installs bob and then alice, so both
 * works are pending on it at once; task works run newest first, so a work
 * that carried its own token would leave the sibling on bob.
 */
struct install_sibling {
	int go[2];		/* main -> vfork child: release the sibling */
	int ready[2];		/* vfork child -> main: the sibling is parked */
	struct kacs_tsid user;
	struct kacs_token_statistics st;
	int err;
};

static void *install_sibling_fn(void *a)
{
	struct install_sibling *s = a;
	char c;
	pid_t p;

	p = vfork();
	if (p == 0) {
		if (write(s->ready[1], "r", 1) != 1 || read(s->go[0], &c, 1) != 1)
			_exit(1);
		_exit(0);
	}
	if (p < 0 || waitpid(p, NULL, 0) != p) {
		s->err = -1;
		return NULL;
	}
	s->err = kacs_self_user(true, &s->user);
	if (!s->err)
		s->err = kacs_self_stats(true, &s->st);
	return NULL;
}

TEST(ioctl_install_siblings_converge_to_last_install)
{
	pid_t p;
	int st;

	p = fork();
	ASSERT_LE(0, p);
	if (p == 0) {
		struct install_sibling s = { .err = -1 };
		struct kacs_token_statistics mine;
		struct kacs_tsid alice, bob;
		int afd, bfd;
		pthread_t th;
		char c;

		kacs_sid_user(&alice, KACS_RID_ALICE);
		kacs_sid_user(&bob, KACS_RID_BOB);
		/* bob keeps the privilege that the second install needs */
		bfd = kacs_mint_user(KACS_RID_BOB, KACS_TOKEN_PRIMARY, 0,
				     KACS_PRIV(KACS_SE_ASSIGN_PRIMARY_TOKEN));
		afd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0, 0);
		if (bfd < 0 || afd < 0 || pipe(s.go) || pipe(s.ready))
			_exit(1);
		if (pthread_create(&th, NULL, install_sibling_fn, &s))
			_exit(2);
		if (read(s.ready[0], &c, 1) != 1)
			_exit(3);
		if (kacs_install(bfd) || kacs_install(afd))
			_exit(4);
		if (write(s.go[1], "g", 1) != 1 || pthread_join(th, NULL))
			_exit(5);
		if (s.err)
			_exit(6);
		if (kacs_tsid_eq(&s.user, &bob))
			_exit(7);	/* converged to the first install */
		if (!kacs_tsid_eq(&s.user, &alice))
			_exit(8);
		if (kacs_self_stats(true, &mine) ||
		    mine.token_id != s.st.token_id)
			_exit(9);	/* not the same token object */
		_exit(0);
	}
	ASSERT_EQ(p, waitpid(p, &st, 0));
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st))
		TH_LOG("step %d failed in the installing child",
		       WEXITSTATUS(st));
}

/* A label above the caller's own integrity needs SeRelabelPrivilege. */
TEST(set_sd_label_above_own_integrity_eperm)
{
	pid_t p;
	int st;

	p = fork();
	ASSERT_LE(0, p);
	if (p == 0) {
		/* header + SACL with one mandatory label ACE, no owner */
		__u8 sd[48] = {
			1, 0, 0x10, 0x80,	/* SACL_PRESENT | SELF_RELATIVE */
			0, 0, 0, 0, 0, 0, 0, 0,	/* no owner, no group */
			20, 0, 0, 0, 0, 0, 0, 0, /* SACL at 20, no DACL */
			2, 0, 28, 0, 1, 0, 0, 0, /* ACL: rev 2, 28 bytes, 1 ACE */
			KACS_SYSTEM_MANDATORY_LABEL_ACE_TYPE, 0, 20, 0,
			KACS_NO_WRITE_UP, 0, 0, 0,
			1, 1, 0, 0, 0, 0, 0, 16, /* S-1-16-... */
			0x00, 0x40, 0, 0,	/* ... 16384 (System) */
		};
		int fd, pidfd;

		fd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0, 0);
		if (fd < 0 || kacs_install(fd))
			_exit(1);
		pidfd = sys_pidfd_open(getpid(), 0);
		if (pidfd < 0)
			_exit(2);
		/* alice is Medium: a System label on her own process is refused */
		if (kacs_set_sd(pidfd, "", KACS_LABEL_SECURITY_INFORMATION, sd,
				sizeof(sd), AT_EMPTY_PATH) != -1 || errno != EPERM)
			_exit(3);
		sd[45] = 0x20;	/* 8192: her own level is allowed */
		if (kacs_set_sd(pidfd, "", KACS_LABEL_SECURITY_INFORMATION, sd,
				sizeof(sd), AT_EMPTY_PATH))
			_exit(4);
		_exit(0);
	}
	ASSERT_EQ(p, waitpid(p, &st, 0));
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st))
		TH_LOG("step %d failed in the alice child", WEXITSTATUS(st));
}

/* ---- set_psb ------------------------------------------------------------ */

TEST(set_psb_self_other_denied_and_einval)
{
	struct kacs_target t;
	int ifd;

	ASSERT_EQ(0, kacs_target_start(&t, false));
	EXPECT_EQ(0, kacs_set_psb(-1, KACS_PSB_UI_ACCESS));
	EXPECT_EQ(-1, kacs_set_psb(-1, 0x400));
	EXPECT_EQ(EINVAL, errno);
	/* Mitigations this series does not enforce fail closed. */
	EXPECT_EQ(-1, kacs_set_psb(-1, KACS_PSB_TLP));
	EXPECT_EQ(EOPNOTSUPP, errno);
	EXPECT_EQ(0, op_set_psb(&t));
	ifd = alice_imp(0);
	ASSERT_LE(0, ifd);
	EXPECT_EQ(EACCES, run_as(ifd, op_set_psb, &t)) TH_LOG("SD denial");
	ASSERT_EQ(0, target_pip(&t));
	EXPECT_EQ(EPERM, op_set_psb(&t)) TH_LOG("PIP denial");
	close(ifd);
	kacs_target_stop(&t);
}

/* ---- the two-check rule ------------------------------------------------- */

FIXTURE(gate) {
	struct kacs_target t;
	int alice, alice_dbg;
};

FIXTURE_SETUP(gate)
{
	ASSERT_EQ(0, kacs_target_start(&self->t, false));
	self->alice = alice_imp(0);
	self->alice_dbg = alice_imp(KACS_PRIV(KACS_SE_DEBUG));
	ASSERT_LE(0, self->alice);
	ASSERT_LE(0, self->alice_dbg);
}

FIXTURE_TEARDOWN(gate)
{
	kacs_target_stop(&self->t);
	close(self->alice);
	close(self->alice_dbg);
}

/* Everyone has PROCESS_QUERY_LIMITED: probes and pidfd_open pass */
TEST_F(gate, query_limited_probes_pass)
{
	EXPECT_EQ(0, run_as(self->alice, op_kill_zero, &self->t));
	EXPECT_EQ(0, run_as(self->alice, op_pidfd_open, &self->t));
}

/*
 * Each gated operation: allowed for SYSTEM, denied by the target's SD
 * for alice, and, where the process SD is the only check, rescued by
 * SeDebugPrivilege.
 */
FIXTURE(gate_op) {
	struct kacs_target t;
	int alice, alice_dbg;
};

FIXTURE_VARIANT(gate_op) {
	long (*op)(void *arg);
	int deny;		/* errno for an SD denial */
	bool rescue;		/* SeDebugPrivilege skips the only check */
};

FIXTURE_VARIANT_ADD(gate_op, kill) {
	.op = op_kill_cont,
	.deny = EPERM,
	.rescue = true,
};

FIXTURE_VARIANT_ADD(gate_op, ptrace) {
	.op = op_attach,
	.deny = EPERM,
	.rescue = true,
};

FIXTURE_VARIANT_ADD(gate_op, pidfd_getfd) {
	.op = op_getfd,
	.deny = EPERM,
	.rescue = true,
};

/* the target's token SD still applies after the process check */
FIXTURE_VARIANT_ADD(gate_op, open_process_token) {
	.op = op_open_token,
	.deny = EACCES,
	.rescue = false,
};

FIXTURE_SETUP(gate_op)
{
	ASSERT_EQ(0, kacs_target_start(&self->t, false));
	self->alice = alice_imp(0);
	self->alice_dbg = alice_imp(KACS_PRIV(KACS_SE_DEBUG));
	ASSERT_LE(0, self->alice);
	ASSERT_LE(0, self->alice_dbg);
}

FIXTURE_TEARDOWN(gate_op)
{
	kacs_target_stop(&self->t);
	close(self->alice);
	close(self->alice_dbg);
}

TEST_F(gate_op, allowed_denied_sedebug_rescue)
{
	EXPECT_EQ(0, run_as(-1, variant->op, &self->t));
	EXPECT_EQ(variant->deny, run_as(self->alice, variant->op, &self->t))
		TH_LOG("SD denial");
	EXPECT_EQ(variant->rescue ? 0 : variant->deny,
		  run_as(self->alice_dbg, variant->op, &self->t))
		TH_LOG("SeDebugPrivilege rescue");
}

TEST_F(gate, pidfd_open_denied_by_sd)
{
	struct kacs_tsid sys;

	kacs_sid_system(&sys);
	ASSERT_EQ(0, kacs_process_set_dacl1(self->t.pidfd, &sys,
					    KACS_GENERIC_ALL));
	EXPECT_EQ(EACCES, run_as(self->alice, op_pidfd_open, &self->t));
	EXPECT_EQ(EPERM, run_as(self->alice, op_kill_zero, &self->t));
	EXPECT_EQ(0, run_as(self->alice_dbg, op_pidfd_open, &self->t));
	EXPECT_EQ(0, run_as(-1, op_pidfd_open, &self->t));
}

TEST_F(gate, pip_non_dominance_refuses_even_with_sedebug)
{
	struct kacs_token_privileges pv;
	int fd;

	fd = kacs_open_self_token(0, KACS_TOKEN_QUERY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_privs(fd, &pv));
	close(fd);
	ASSERT_TRUE(pv.enabled & KACS_PRIV(KACS_SE_DEBUG));
	ASSERT_EQ(0, target_pip(&self->t));
	EXPECT_EQ(EPERM, run_as(-1, op_kill_cont, &self->t));
	EXPECT_EQ(EPERM, run_as(-1, op_kill_zero, &self->t));
	EXPECT_EQ(EPERM, run_as(-1, op_attach, &self->t));
	EXPECT_EQ(EACCES, run_as(-1, op_pidfd_open, &self->t));
	EXPECT_EQ(EPERM, run_as(-1, op_getfd, &self->t));
	EXPECT_EQ(EPERM, run_as(self->alice_dbg, op_kill_cont, &self->t));
}

TEST(test_pip_knob_eperm_einval)
{
	unsigned int a, b;
	int fd;

	ASSERT_EQ(0, kacs_pip_get(&a, &b));
	EXPECT_EQ(0, a);
	fd = open(KACS_TEST_PIP, O_WRONLY);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, write(fd, "garbage\n", 8));
	EXPECT_EQ(EINVAL, errno);
	close(fd);
	ASSERT_EQ(0, kacs_self_priv(KACS_SE_TCB, false));
	EXPECT_EQ(-EPERM, kacs_pip_set(0, 0));
	ASSERT_EQ(0, kacs_self_priv(KACS_SE_TCB, true));
}

KACS_HARNESS_MAIN
