// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS clone()/clone3() selftests: for every flag of the CLONE flag
 * reference, the Linux behaviour of the flag and its KACS consequence
 * (token copy vs shared token, impersonation, PSB, process SD owner and the
 * gate the flag meets), plus the scenarios of DESIGN section 6.
 *
 * Runs as SYSTEM (the token of PID 1 in the test guest).
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/ptrace.h>
#include <sys/sem.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "kacs_util.h"

#ifndef ARCH_GET_FS
#define ARCH_GET_FS 0x1003
#endif
#define IOPRIO_WHO_PROCESS	1
#define IOPRIO_CLASS_BE		2
#define IOPRIO_VAL(c, d)	(((c) << 13) | (d))

#define PIP_TEST_TYPE	KACS_PIP_PROTECTED
#define PIP_TEST_TRUST	4096
#define CG_ROOT		"/sys/fs/cgroup"

/* What a child observes about itself; lives in a MAP_SHARED page. */
struct report {
	atomic_int ready;
	int err;		/* non-zero: step that failed in the child */
	int err_no;
	struct kacs_token_statistics real, eff;
	struct kacs_tsid user;
	__u32 eff_type;
	int pip_ok;
	unsigned int pip_type, pip_trust;
	pid_t pid, tid, ppid;
	long val[8];
	char text[256];
};

struct ctx {
	struct report *r;
	int rel[2];			/* parent -> child release pipe */
	void (*action)(struct ctx *c);	/* flag specific, before report */
	bool act_after;			/* run @action after the report */
	bool no_wait;			/* do not wait for the release byte */
	long arg[4];
};

static void *shared_alloc(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	memset(p, 0, len);
	return p;
}

static void child_fail(struct report *r, int step)
{
	if (!r->err) {
		r->err = step;
		r->err_no = errno;
	}
}

#define CHILD_FAIL(c, step) child_fail((c)->r, step)

static void report_self(struct ctx *c)
{
	struct report *r = c->r;
	long t;
	int fd;

	r->pid = getpid();
	r->tid = sys_gettid();
	r->ppid = getppid();
	fd = kacs_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_QUERY);
	if (fd < 0 || kacs_stats(fd, &r->real) || kacs_user(fd, &r->user))
		CHILD_FAIL(c, 1001);
	if (fd >= 0)
		close(fd);
	fd = kacs_open_self_token(0, KACS_TOKEN_QUERY);
	if (fd < 0 || kacs_stats(fd, &r->eff))
		CHILD_FAIL(c, 1002);
	t = fd >= 0 ? kacs_u32_class(fd, KACS_TOKEN_CLASS_TYPE) : -1;
	r->eff_type = t;
	if (fd >= 0)
		close(fd);
	r->pip_ok = !kacs_pip_get(&r->pip_type, &r->pip_trust);
}

static int child_main(void *arg)
{
	struct ctx *c = arg;
	char b;

	if (c->action && !c->act_after)
		c->action(c);
	report_self(c);
	if (c->action && c->act_after)
		c->action(c);
	atomic_store(&c->r->ready, 1);
	if (!c->no_wait)
		while (read(c->rel[0], &b, 1) < 0 && errno == EINTR)
			;
	return 0;
}

static struct ctx *ctx_new(void)
{
	struct ctx *c = shared_alloc(4096);

	c->r = shared_alloc(4096);
	if (pipe(c->rel))
		return NULL;
	return c;
}

static void ctx_free(struct ctx *c)
{
	close(c->rel[0]);
	close(c->rel[1]);
	munmap(c->r, 4096);
	munmap(c, 4096);
}

static bool wait_ready(struct report *r)
{
	int i;

	for (i = 0; i < 2000; i++) {
		if (atomic_load(&r->ready))
			return true;
		usleep(5000);
	}
	return false;
}

static void release(struct ctx *c)
{
	char b = 'x';

	if (write(c->rel[1], &b, 1) != 1)
		perror("release");
}

/*
 * A waiter blocked on the futex at the child's tid with no timeout; the
 * kernel's wake at the child's exit is the only thing that can end its
 * wait (FUTEX_WAIT returns 0 only when woken, EAGAIN if the word had
 * already changed before it blocked).
 */
struct tid_waiter {
	pid_t *word;
	pid_t expect;
	pid_t tid;
	atomic_int started, done;
	long ret;
	int err;
};

static void *tid_waiter_fn(void *arg)
{
	struct tid_waiter *w = arg;

	w->tid = sys_gettid();
	atomic_store(&w->started, 1);
	w->ret = syscall(SYS_futex, w->word, FUTEX_WAIT, w->expect, NULL,
			 NULL, 0);
	w->err = w->ret ? errno : 0;
	atomic_store(&w->done, 1);
	return NULL;
}

/* State letter of thread @tid of this process, or 0. */
static char thread_state(pid_t tid)
{
	char p[64], buf[512], *s;
	int fd, n;

	snprintf(p, sizeof(p), "/proc/self/task/%d/stat", tid);
	fd = open(p, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	s = strrchr(buf, ')');
	return s && s[1] == ' ' ? s[2] : 0;
}

/*
 * Start a waiter on @word (holding @expect) and return once it sleeps in
 * FUTEX_WAIT; false if it never did.
 */
static bool tid_waiter_start(struct tid_waiter *w, pthread_t *th)
{
	int i;

	if (pthread_create(th, NULL, tid_waiter_fn, w))
		return false;
	for (i = 0; i < 2000; i++) {
		if (atomic_load(&w->started) && thread_state(w->tid) == 'S')
			return !atomic_load(&w->done);
		usleep(5000);
	}
	return false;
}

/*
 * Wait up to 10 s for the waiter; if nothing woke it, wake it ourselves so
 * that the test ends, and report false.
 */
static bool tid_waiter_woken(struct tid_waiter *w, pthread_t th)
{
	int i;

	for (i = 0; i < 2000 && !atomic_load(&w->done); i++)
		usleep(5000);
	if (!atomic_load(&w->done)) {
		while (!atomic_load(&w->done)) {
			syscall(SYS_futex, w->word, FUTEX_WAKE, 1, NULL, NULL, 0);
			usleep(1000);
		}
		pthread_join(th, NULL);
		return false;
	}
	pthread_join(th, NULL);
	return true;
}

/* Per-flag set-up: watchdog and a recognisable PIP on the creator's PSB. */
static void flag_setup(struct __test_metadata *_metadata)
{
	alarm(25);
	ASSERT_EQ(0, kacs_pip_set(PIP_TEST_TYPE, PIP_TEST_TRUST))
		TH_LOG("test_pip knob (CONFIG_SECURITY_KACS_TEST) unusable");
}

static void self_identity(struct __test_metadata *_metadata,
			  struct kacs_token_statistics *st,
			  struct kacs_tsid *user)
{
	ASSERT_EQ(0, kacs_self_stats(true, st));
	ASSERT_EQ(0, kacs_self_user(true, user));
}

/*
 * KACS consequence of every clone without CLONE_THREAD (digest 11.0): a
 * deep copy of the creator's primary token with a new token_id, no
 * impersonation, a copy of the PSB, a fresh SD owned by the creator's
 * primary user.
 */
static void expect_process_child(struct __test_metadata *_metadata,
				 struct report *r, pid_t pid, bool pip)
{
	struct kacs_token_statistics me;
	struct kacs_tsid my_user, owner;
	unsigned int pt, ptr;
	char s1[96], s2[96];
	int pidfd;

	ASSERT_EQ(0, r->err) TH_LOG("child step %d failed: %s", r->err,
				    strerror(r->err_no));
	self_identity(_metadata, &me, &my_user);
	EXPECT_NE(me.token_id, r->real.token_id)
		TH_LOG("a new process must get its own token copy");
	EXPECT_EQ(r->real.token_id, r->real.modified_id)
		TH_LOG("fork copy: modified_id = new token_id");
	EXPECT_EQ(r->real.token_id, r->eff.token_id)
		TH_LOG("new process must not be impersonating");
	EXPECT_EQ(KACS_TOKEN_PRIMARY, r->eff_type);
	EXPECT_TRUE(kacs_tsid_eq(&my_user, &r->user))
		TH_LOG("child user %s != creator primary user %s",
		       kacs_sid_str(r->user.b, r->user.len, s1, sizeof(s1)),
		       kacs_sid_str(my_user.b, my_user.len, s2, sizeof(s2)));
	if (pip) {
		ASSERT_EQ(0, kacs_pip_get(&pt, &ptr));
		ASSERT_TRUE(r->pip_ok);
		EXPECT_EQ(pt, r->pip_type) TH_LOG("PSB (PIP) not copied");
		EXPECT_EQ(ptr, r->pip_trust);
	}
	pidfd = sys_pidfd_open(pid, 0);
	ASSERT_LE(0, pidfd) TH_LOG("pidfd_open(child): %s", strerror(errno));
	ASSERT_EQ(0, kacs_process_owner(pidfd, &owner))
		TH_LOG("kacs_get_sd(child): %s", strerror(errno));
	EXPECT_TRUE(kacs_tsid_eq(&my_user, &owner))
		TH_LOG("SD owner %s != creator primary user %s",
		       kacs_sid_str(owner.b, owner.len, s1, sizeof(s1)),
		       kacs_sid_str(my_user.b, my_user.len, s2, sizeof(s2)));
	close(pidfd);
}

/* KACS consequence of CLONE_THREAD: the same primary token, shared PSB. */
static void expect_thread_child(struct __test_metadata *_metadata,
				struct report *r)
{
	struct kacs_token_statistics me;
	struct kacs_tsid my_user;

	ASSERT_EQ(0, r->err) TH_LOG("thread step %d failed: %s", r->err,
				    strerror(r->err_no));
	self_identity(_metadata, &me, &my_user);
	EXPECT_EQ(getpid(), r->pid);
	EXPECT_NE(sys_gettid(), r->tid);
	EXPECT_EQ(me.token_id, r->real.token_id)
		TH_LOG("threads share the primary token object");
	EXPECT_EQ(me.token_id, r->eff.token_id)
		TH_LOG("a new thread must start un-impersonated");
	EXPECT_EQ(KACS_TOKEN_PRIMARY, r->eff_type);
	EXPECT_TRUE(kacs_tsid_eq(&my_user, &r->user));
}

/*
 * Spawn @c->action in a child with @flags through clone3 or clone,
 * check the process-child consequences, release and reap it.
 * Returns the child's pid (already reaped) or -errno.
 */
static pid_t run_process_child(struct __test_metadata *_metadata,
			       struct ctx *c, bool c3, __u64 flags, bool pip)
{
	struct kacs_spawn s = { .clone3 = c3, .flags = flags,
				.exit_signal = SIGCHLD, .pidfd = -1 };
	pid_t pid = kacs_spawn_run(&s, child_main, c);

	if (pid < 0) {
		kacs_spawn_done(&s);
		return pid;
	}
	EXPECT_TRUE(wait_ready(c->r));
	expect_process_child(_metadata, c->r, pid, pip);
	release(c);
	EXPECT_EQ(0, kacs_reap(pid));
	kacs_spawn_done(&s);
	return pid;
}

/* Inode of namespace @name of the caller, or 0 with errno set. */
static ino_t ns_ino_raw(const char *name)
{
	char p[64];
	struct stat st;

	snprintf(p, sizeof(p), "/proc/self/ns/%s", name);
	if (stat(p, &st))
		return 0;
	return st.st_ino;
}

/* In a child: the inode, or 0 and the child's report fails. */
static long ns_ino_child(struct ctx *c, const char *name)
{
	ino_t ino = ns_ino_raw(name);

	if (!ino)
		CHILD_FAIL(c, 900);
	return ino;
}

/* In the test: the inode; a stat() failure fails the test. */
static ino_t ns_ino(struct __test_metadata *_metadata, const char *name)
{
	ino_t ino = ns_ino_raw(name);

	ASSERT_NE(0, ino) TH_LOG("stat /proc/self/ns/%s: %s", name,
				 strerror(errno));
	return ino;
}

/*
 * A flag that both clone(2) and clone3() take is tested through each
 * system call: the variants "clone" and "clone3" of FIXTURE(spawn), run
 * as spawn.clone.<test> and spawn.clone3.<test>.
 */
FIXTURE(spawn) {
	int unused;
};

FIXTURE_VARIANT(spawn) {
	bool clone3;
};

FIXTURE_VARIANT_ADD(spawn, clone) {
	.clone3 = false,
};

FIXTURE_VARIANT_ADD(spawn, clone3) {
	.clone3 = true,
};

FIXTURE_SETUP(spawn)
{
}

FIXTURE_TEARDOWN(spawn)
{
}

/* ---- no flags -------------------------------------------------------------- */

static int cow_var;

static void act_noflags(struct ctx *c)
{
	cow_var = 42;
	signal(SIGUSR1, SIG_IGN);
	close(c->arg[0]);
	c->r->val[0] = ns_ino_child(c, "mnt");
	c->r->val[1] = ns_ino_child(c, "net");
	c->r->val[2] = ns_ino_child(c, "user");
	c->r->val[3] = ns_ino_child(c, "uts");
	/* the token copy is independent: disabling a privilege stays here */
	c->r->val[4] = kacs_self_priv(KACS_SE_DEBUG, false);
}

static void do_noflags(struct __test_metadata *_metadata, bool c3)
{
	struct ctx *c = ctx_new();
	struct kacs_token_privileges pv;
	struct sigaction sa;
	int tfd, probe;
	pid_t pid;

	flag_setup(_metadata);
	probe = dup(0);
	ASSERT_LE(0, probe);
	c->arg[0] = probe;
	c->action = act_noflags;
	c->act_after = true;
	cow_var = 0;
	pid = run_process_child(_metadata, c, c3, 0, true);
	ASSERT_LT(0, pid);
	/* Linux: copy, not share */
	EXPECT_NE(getpid(), pid);
	EXPECT_EQ(0, cow_var) TH_LOG("address space must be copy-on-write");
	ASSERT_EQ(0, sigaction(SIGUSR1, NULL, &sa));
	EXPECT_TRUE(sa.sa_handler == SIG_DFL) TH_LOG("handlers must be copied");
	EXPECT_LE(0, fcntl(probe, F_GETFD)) TH_LOG("fd table must be copied");
	EXPECT_EQ(ns_ino(_metadata, "mnt"), c->r->val[0]);
	EXPECT_EQ(ns_ino(_metadata, "net"), c->r->val[1]);
	EXPECT_EQ(ns_ino(_metadata, "user"), c->r->val[2]);
	EXPECT_EQ(ns_ino(_metadata, "uts"), c->r->val[3]);
	/* KACS: the child's privilege change is invisible here */
	EXPECT_EQ(0, c->r->val[4]);
	tfd = kacs_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_QUERY);
	ASSERT_LE(0, tfd);
	ASSERT_EQ(0, kacs_privs(tfd, &pv));
	EXPECT_TRUE(pv.enabled & KACS_PRIV(KACS_SE_DEBUG));
	close(tfd);
	ctx_free(c);
}

TEST_F(spawn, no_flags_copies_everything_own_token)
{
	do_noflags(_metadata, variant->clone3);
}

/* ---- CLONE_VM ---------------------------------------------------------- */

static long vm_var;

static void act_vm(struct ctx *c)
{
	__atomic_store_n(&vm_var, getpid(), __ATOMIC_SEQ_CST);
}

static void do_vm(struct __test_metadata *_metadata, bool c3)
{
	struct ctx *c = ctx_new();
	pid_t pid;

	flag_setup(_metadata);
	vm_var = 0;
	c->action = act_vm;
	pid = run_process_child(_metadata, c, c3, CLONE_VM, true);
	ASSERT_LT(0, pid);
	EXPECT_EQ(pid, __atomic_load_n(&vm_var, __ATOMIC_SEQ_CST))
		TH_LOG("CLONE_VM: child store not visible");
	ctx_free(c);
}

TEST_F(spawn, flag_vm_shares_memory_own_token)
{
	do_vm(_metadata, variant->clone3);
}

/* ---- CLONE_FS ---------------------------------------------------------- */

static void act_fs(struct ctx *c)
{
	umask(0077);
	if (chdir("/proc"))
		CHILD_FAIL(c, 1);
}

static void do_fs(struct __test_metadata *_metadata, bool c3)
{
	struct ctx *c = ctx_new();
	char cwd[256];
	pid_t pid;

	flag_setup(_metadata);
	umask(0022);
	ASSERT_EQ(0, chdir("/"));
	c->action = act_fs;
	pid = run_process_child(_metadata, c, c3, CLONE_FS, true);
	ASSERT_LT(0, pid);
	EXPECT_EQ(0077, umask(0022)) TH_LOG("CLONE_FS: umask not shared");
	ASSERT_NE(NULL, getcwd(cwd, sizeof(cwd)));
	EXPECT_STREQ("/proc", cwd);
	ASSERT_EQ(0, chdir("/"));
	ctx_free(c);
}

TEST_F(spawn, flag_fs_shares_umask_cwd_own_token)
{
	do_fs(_metadata, variant->clone3);
}

/* ---- CLONE_FILES --------------------------------------------------------- */

static void act_files(struct ctx *c)
{
	struct kacs_token_statistics st;

	/* the shared token fd keeps its cached access: it names the parent's token */
	if (kacs_stats(c->arg[0], &st))
		CHILD_FAIL(c, 1);
	c->r->val[1] = st.token_id;
	c->r->val[0] = open("/dev/null", O_RDONLY);
	close(c->arg[0]);
}

static void do_files(struct __test_metadata *_metadata, bool c3)
{
	struct ctx *c = ctx_new();
	struct kacs_token_statistics me;
	pid_t pid;
	int tfd;

	flag_setup(_metadata);
	ASSERT_EQ(0, kacs_self_stats(true, &me));
	tfd = kacs_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_QUERY);
	ASSERT_LE(0, tfd);
	c->arg[0] = tfd;
	c->action = act_files;
	pid = run_process_child(_metadata, c, c3, CLONE_FILES, true);
	ASSERT_LT(0, pid);
	EXPECT_LE(0, c->r->val[0]);
	EXPECT_LE(0, fcntl(c->r->val[0], F_GETFD))
		TH_LOG("CLONE_FILES: child's open() not visible");
	EXPECT_EQ(-1, fcntl(tfd, F_GETFD)) TH_LOG("child's close() not visible");
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(me.token_id, c->r->val[1])
		TH_LOG("shared token fd must still name the parent's token");
	ctx_free(c);
}

TEST_F(spawn, flag_files_shares_fd_table_own_token)
{
	do_files(_metadata, variant->clone3);
}

/* ---- CLONE_SIGHAND ------------------------------------------------------- */

static void dummy_handler(int sig)
{
}

static void act_sighand(struct ctx *c)
{
	signal(SIGUSR2, dummy_handler);
}

static void do_sighand(struct __test_metadata *_metadata, bool c3)
{
	struct ctx *c = ctx_new();
	struct sigaction sa;
	pid_t pid;

	flag_setup(_metadata);
	signal(SIGUSR2, SIG_DFL);
	c->action = act_sighand;
	pid = run_process_child(_metadata, c, c3, CLONE_VM | CLONE_SIGHAND,
				true);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sigaction(SIGUSR2, NULL, &sa));
	EXPECT_TRUE(sa.sa_handler == dummy_handler)
		TH_LOG("CLONE_SIGHAND: handler table not shared");
	ctx_free(c);
}

TEST_F(spawn, flag_sighand_shares_handlers_own_token)
{
	do_sighand(_metadata, variant->clone3);
}

/* Without CLONE_VM, CLONE_SIGHAND is refused by Linux (substrate). */
TEST_F(spawn, flag_sighand_without_vm_einval)
{
	struct ctx *c = ctx_new();
	struct kacs_spawn s = { .clone3 = variant->clone3,
				.flags = CLONE_SIGHAND, .exit_signal = SIGCHLD };

	EXPECT_EQ(-EINVAL, kacs_spawn_run(&s, child_main, c));
	kacs_spawn_done(&s);
	ctx_free(c);
}

/* ---- CLONE_THREAD (the branch point) ------------------------------------- */

static void act_thread(struct ctx *c)
{
	__u8 buf[1024];
	int pidfd;
	long n;

	/* shared PSB: a PIP change from this thread is the process's */
	if (kacs_pip_set(PIP_TEST_TYPE, 2048))
		CHILD_FAIL(c, 1);
	pidfd = sys_pidfd_open(getpid(), 0);
	n = pidfd < 0 ? -1 : kacs_get_sd(pidfd, "",
					 KACS_OWNER_SECURITY_INFORMATION |
					 KACS_DACL_SECURITY_INFORMATION,
					 buf, sizeof(buf), AT_EMPTY_PATH);
	if (n <= 0 || n > (long)sizeof(c->r->text))
		CHILD_FAIL(c, 2);
	else
		memcpy(c->r->text, buf, n);
	c->r->val[0] = n;
	if (pidfd >= 0)
		close(pidfd);
}

static void do_thread(struct __test_metadata *_metadata, bool c3)
{
	struct ctx *c = ctx_new();
	pid_t *ctid = shared_alloc(4096);
	struct kacs_spawn s = { .clone3 = c3, .exit_signal = 0,
				.flags = CLONE_VM | CLONE_FS | CLONE_FILES |
					 CLONE_SIGHAND | CLONE_THREAD |
					 CLONE_SYSVSEM | CLONE_CHILD_SETTID |
					 CLONE_CHILD_CLEARTID };
	struct kacs_token_statistics tv, imp;
	struct kacs_tsid alice, u, sys;
	struct tid_waiter w = { 0 };
	unsigned int pt, ptr;
	__u8 buf[1024];
	int ifd, pidfd;
	pthread_t th;
	pid_t tid;
	long n;

	flag_setup(_metadata);
	kacs_sid_user(&alice, KACS_RID_ALICE);
	kacs_sid_system(&sys);
	pidfd = sys_pidfd_open(getpid(), 0);
	ASSERT_LE(0, pidfd);
	/* the creating thread impersonates alice */
	ifd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION,
			     KACS_LEVEL_IMPERSONATION, 0);
	ASSERT_LE(0, ifd) TH_LOG("kacs_create_token: %s", strerror(-ifd));
	ASSERT_EQ(0, kacs_impersonate(ifd));
	ASSERT_EQ(0, kacs_self_stats(false, &imp));
	s.child_tid = ctid;
	c->action = act_thread;
	tid = kacs_spawn_run(&s, child_main, c);
	ASSERT_LT(0, tid) TH_LOG("clone(THREAD): %s", strerror(-tid));
	ASSERT_TRUE(wait_ready(c->r));
	/* the creator is still impersonating */
	ASSERT_EQ(0, kacs_self_user(false, &u));
	EXPECT_TRUE(kacs_tsid_eq(&alice, &u));
	ASSERT_EQ(0, kacs_revert());
	/* observer view of the new thread: primary SYSTEM token */
	ASSERT_EQ(0, kacs_thread_view(pidfd, tid, &tv, &u));
	EXPECT_TRUE(kacs_tsid_eq(&sys, &u));
	EXPECT_NE(imp.token_id, tv.token_id);
	expect_thread_child(_metadata, c->r);
	/* Linux: same thread group, CLONE_CHILD_SETTID wrote the tid */
	EXPECT_EQ(tid, *ctid);
	/* shared PSB */
	ASSERT_EQ(0, kacs_pip_get(&pt, &ptr));
	EXPECT_EQ(PIP_TEST_TYPE, pt);
	EXPECT_EQ(2048, ptr) TH_LOG("thread and process must share one PSB");
	/* shared SD: same bytes from either thread */
	n = kacs_get_sd(pidfd, "", KACS_OWNER_SECURITY_INFORMATION |
			KACS_DACL_SECURITY_INFORMATION, buf, sizeof(buf),
			AT_EMPTY_PATH);
	ASSERT_EQ(c->r->val[0], n);
	EXPECT_EQ(0, memcmp(buf, c->r->text, n));
	/* CLONE_CHILD_CLEARTID: a waiter is woken at the thread's exit */
	w.word = ctid;
	w.expect = tid;
	ASSERT_TRUE(tid_waiter_start(&w, &th))
		TH_LOG("the waiter never slept in FUTEX_WAIT");
	release(c);
	EXPECT_TRUE(tid_waiter_woken(&w, th))
		TH_LOG("CLONE_CHILD_CLEARTID: no futex wake at the thread's exit");
	EXPECT_EQ(0, w.ret) TH_LOG("FUTEX_WAIT: %s", strerror(w.err));
	EXPECT_EQ(0, *ctid);
	kacs_spawn_done(&s);
	munmap(ctid, 4096);
	close(ifd);
	close(pidfd);
	ctx_free(c);
}

TEST_F(spawn, flag_thread_shares_token_and_psb_not_impersonation)
{
	do_thread(_metadata, variant->clone3);
}

/* ---- CLONE_IO --------------------------------------------------------------- */

static void act_io(struct ctx *c)
{
	if (syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, c->arg[0]))
		CHILD_FAIL(c, 1);
}

static void do_io(struct __test_metadata *_metadata, bool c3)
{
	struct ctx *c = ctx_new();
	pid_t pid;

	flag_setup(_metadata);
	/* give the parent an io_context to share */
	ASSERT_EQ(0, syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0,
			     IOPRIO_VAL(IOPRIO_CLASS_BE, 4)))
		TH_LOG("ioprio_set: %s (CONFIG_BLOCK?)", strerror(errno));
	c->action = act_io;
	c->arg[0] = IOPRIO_VAL(IOPRIO_CLASS_BE, 7);
	pid = run_process_child(_metadata, c, c3, CLONE_IO, true);
	ASSERT_LT(0, pid);
	EXPECT_EQ(IOPRIO_VAL(IOPRIO_CLASS_BE, 7),
		  syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0))
		TH_LOG("CLONE_IO: io context not shared");
	/* control: without CLONE_IO the child's change stays private */
	memset(c->r, 0, sizeof(*c->r));
	c->arg[0] = IOPRIO_VAL(IOPRIO_CLASS_BE, 1);
	pid = run_process_child(_metadata, c, c3, 0, true);
	ASSERT_LT(0, pid);
	EXPECT_EQ(IOPRIO_VAL(IOPRIO_CLASS_BE, 7),
		  syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0));
	ctx_free(c);
}

TEST_F(spawn, flag_io_shares_io_context_own_token)
{
	do_io(_metadata, variant->clone3);
}

/* ---- CLONE_SYSVSEM --------------------------------------------------------- */

static void act_sem(struct ctx *c)
{
	struct sembuf op = { .sem_num = 0, .sem_op = 1, .sem_flg = SEM_UNDO };

	if (semop(c->arg[0], &op, 1))
		CHILD_FAIL(c, 1);
}

static void do_sysvsem(struct __test_metadata *_metadata, bool c3)
{
	struct ctx *c = ctx_new();
	int id;
	pid_t pid;

	flag_setup(_metadata);
	id = semget(IPC_PRIVATE, 1, 0600);
	ASSERT_LE(0, id) TH_LOG("semget: %s (CONFIG_SYSVIPC?)", strerror(errno));
	c->arg[0] = id;
	c->action = act_sem;
	pid = run_process_child(_metadata, c, c3, CLONE_SYSVSEM, true);
	ASSERT_LT(0, pid);
	/* shared undo list: the child's exit does not undo its +1 */
	EXPECT_EQ(1, semctl(id, 0, GETVAL)) TH_LOG("CLONE_SYSVSEM: undo ran");
	/* control: a private undo list is applied when the child exits */
	memset(c->r, 0, sizeof(*c->r));
	pid = run_process_child(_metadata, c, c3, 0, true);
	ASSERT_LT(0, pid);
	EXPECT_EQ(1, semctl(id, 0, GETVAL));
	semctl(id, 0, IPC_RMID);
	ctx_free(c);
}

TEST_F(spawn, flag_sysvsem_shares_undo_list_own_token)
{
	do_sysvsem(_metadata, variant->clone3);
}

/* ---- namespace flags ---------------------------------------------------- */

static void act_ns(struct ctx *c)
{
	const char *ns = (const char *)c->arg[0];
	char b[128] = {0};
	int fd, n;

	c->r->val[0] = ns_ino_child(c, ns);
	c->r->val[1] = getpid();
	c->r->val[2] = getuid();
	if (!strcmp(ns, "uts")) {
		if (sethostname("kacs-ns-child", 13))
			CHILD_FAIL(c, 1);
	} else if (!strcmp(ns, "cgroup")) {
		fd = open("/proc/self/cgroup", O_RDONLY);
		n = fd < 0 ? 0 : read(fd, b, sizeof(b) - 1);
		if (n > 0)
			memcpy(c->r->text, b, n);
		if (fd >= 0)
			close(fd);
	}
}

/*
 * CLONE_NEW*: the namespace is created as upstream documents; KACS adds
 * nothing but the capability switchboard, so CAP_SYS_ADMIN needs an enabled
 * SeTcbPrivilege on the effective token (EPERM otherwise).
 */
static void do_ns(struct __test_metadata *_metadata, bool c3, __u64 flag,
		  const char *ns)
{
	struct ctx *c = ctx_new();
	struct kacs_spawn s = { .clone3 = c3, .flags = flag,
				.exit_signal = SIGCHLD };
	struct utsname u;
	pid_t pid;

	flag_setup(_metadata);
	c->arg[0] = (long)ns;
	c->action = act_ns;
	/* denial: SeTcbPrivilege disabled on the primary token */
	ASSERT_EQ(0, kacs_self_priv(KACS_SE_TCB, false));
	pid = kacs_spawn_run(&s, child_main, c);
	EXPECT_EQ(-EPERM, pid) TH_LOG("%s without SeTcbPrivilege", ns);
	if (pid > 0) {
		release(c);
		kacs_reap(pid);
	}
	kacs_spawn_done(&s);
	/* grant: SeTcbPrivilege enabled */
	ASSERT_EQ(0, kacs_self_priv(KACS_SE_TCB, true));
	pid = run_process_child(_metadata, c, c3, flag,
				strcmp(ns, "user") != 0);
	ASSERT_LT(0, pid) TH_LOG("%s with SeTcbPrivilege: %s", ns,
				 strerror(-pid));
	EXPECT_NE(ns_ino(_metadata, ns), c->r->val[0]) TH_LOG("no new %s namespace", ns);
	if (!strcmp(ns, "uts")) {
		ASSERT_EQ(0, uname(&u));
		EXPECT_STRNE("kacs-ns-child", u.nodename);
	} else if (!strcmp(ns, "pid")) {
		EXPECT_EQ(1, c->r->val[1]) TH_LOG("child is not PID 1");
	} else if (!strcmp(ns, "cgroup")) {
		EXPECT_STREQ("0::/\n", c->r->text);
	}
	ctx_free(c);
}

TEST_F(spawn, flag_newns_needs_setcb)
{
	do_ns(_metadata, variant->clone3, CLONE_NEWNS, "mnt");
}

TEST_F(spawn, flag_newpid_needs_setcb)
{
	do_ns(_metadata, variant->clone3, CLONE_NEWPID, "pid");
}

TEST_F(spawn, flag_newnet_needs_setcb)
{
	do_ns(_metadata, variant->clone3, CLONE_NEWNET, "net");
}

TEST_F(spawn, flag_newuts_needs_setcb_isolates_hostname)
{
	do_ns(_metadata, variant->clone3, CLONE_NEWUTS, "uts");
}

TEST_F(spawn, flag_newipc_needs_setcb)
{
	do_ns(_metadata, variant->clone3, CLONE_NEWIPC, "ipc");
}

TEST_F(spawn, flag_newcgroup_needs_setcb)
{
	do_ns(_metadata, variant->clone3, CLONE_NEWCGROUP, "cgroup");
}

TEST(flag_newtime_clone3_needs_setcb)
{
	do_ns(_metadata, true, CLONE_NEWTIME, "time");
}

/*
 * Legacy clone(2) cannot ask for CLONE_NEWTIME: the bit lies in CSIGNAL and
 * becomes part of the exit signal, so no namespace is made and no privilege
 * is needed.
 */
TEST(flag_newtime_clone_bit_is_exit_signal)
{
	struct ctx *c = ctx_new();
	struct kacs_spawn s = { .flags = 0, .exit_signal = CLONE_NEWTIME };
	pid_t pid;

	flag_setup(_metadata);
	c->arg[0] = (long)"time";
	c->action = act_ns;
	ASSERT_EQ(0, kacs_self_priv(KACS_SE_TCB, false));
	pid = kacs_spawn_run(&s, child_main, c);
	ASSERT_LT(0, pid);
	ASSERT_TRUE(wait_ready(c->r));
	EXPECT_EQ(ns_ino(_metadata, "time"), c->r->val[0]);
	expect_process_child(_metadata, c->r, pid, true);
	release(c);
	EXPECT_EQ(0, kacs_reap(pid));
	kacs_spawn_done(&s);
	ctx_free(c);
}

/*
 * CLONE_NEWUSER passes through (no capability needed upstream) and gives
 * the child an unmapped uid, but it launders nothing: capabilities the
 * child would own in its namespace are still refused by the token.
 */
static void do_newuser(struct __test_metadata *_metadata, bool c3)
{
	struct ctx *c = ctx_new();
	struct kacs_spawn s = { .clone3 = c3, .exit_signal = SIGCHLD,
				.flags = CLONE_NEWUSER | CLONE_NEWUTS };
	pid_t pid;

	flag_setup(_metadata);
	c->arg[0] = (long)"user";
	c->action = act_ns;
	ASSERT_EQ(0, kacs_self_priv(KACS_SE_TCB, false));
	pid = kacs_spawn_run(&s, child_main, c);
	EXPECT_EQ(-EPERM, pid)
		TH_LOG("NEWUSER|NEWUTS without SeTcb must not launder CAP_SYS_ADMIN");
	if (pid > 0) {
		release(c);
		kacs_reap(pid);
	}
	kacs_spawn_done(&s);
	/* NEWUSER alone: substrate, allowed without SeTcb */
	pid = run_process_child(_metadata, c, c3, CLONE_NEWUSER, false);
	ASSERT_LT(0, pid) TH_LOG("CLONE_NEWUSER: %s", strerror(-pid));
	EXPECT_NE(ns_ino(_metadata, "user"), c->r->val[0]);
	EXPECT_EQ(65534, c->r->val[2]) TH_LOG("unmapped uid expected");
	/* with SeTcb the combination works */
	ASSERT_EQ(0, kacs_self_priv(KACS_SE_TCB, true));
	memset(c->r, 0, sizeof(*c->r));
	pid = run_process_child(_metadata, c, c3, CLONE_NEWUSER | CLONE_NEWUTS,
				false);
	EXPECT_LT(0, pid);
	ctx_free(c);
}

TEST_F(spawn, flag_newuser_passthrough_no_laundering)
{
	do_newuser(_metadata, variant->clone3);
}

/* ---- CLONE_PIDFD --------------------------------------------------------- */

struct pidfd_run {
	bool c3;
	bool restricted;	/* else Identification level */
	struct ctx *c;
	int setup;
	pid_t pid;
	int pidfd;
	int open_err, sig_err, open_after, sig_after;
};

static void *pidfd_creator(void *arg)
{
	struct pidfd_run *p = arg;
	struct kacs_spawn s = { .clone3 = p->c3, .flags = CLONE_PIDFD,
				.exit_signal = SIGCHLD, .pidfd = -1 };
	struct kacs_tsid nobody;
	int fd, rfd = -1, ifd, ofd;

	fd = kacs_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_ALL_ACCESS);
	if (fd < 0) {
		p->setup = 1;
		return NULL;
	}
	if (p->restricted) {
		kacs_sid_user(&nobody, KACS_RID_NOBODY_GROUP);
		rfd = kacs_restrict(fd, KACS_PRIV(KACS_SE_DEBUG), &nobody);
		ifd = rfd < 0 ? rfd : kacs_duplicate(rfd, KACS_TOKEN_ALL_ACCESS,
						     KACS_TOKEN_IMPERSONATION,
						     KACS_LEVEL_IMPERSONATION);
	} else {
		ifd = kacs_duplicate(fd, KACS_TOKEN_ALL_ACCESS,
				     KACS_TOKEN_IMPERSONATION,
				     KACS_LEVEL_IDENTIFICATION);
	}
	if (ifd < 0 || kacs_impersonate(ifd)) {
		p->setup = 2;
		return NULL;
	}
	p->pid = kacs_spawn_run(&s, child_main, p->c);
	p->pidfd = s.pidfd;
	if (p->pid > 0) {
		ofd = sys_pidfd_open(p->pid, 0);
		p->open_err = ofd < 0 ? errno : 0;
		if (ofd >= 0)
			close(ofd);
		p->sig_err = sys_pidfd_send_signal(p->pidfd, SIGCONT) ? errno : 0;
	}
	kacs_revert();
	if (p->pid > 0) {
		ofd = sys_pidfd_open(p->pid, 0);
		p->open_after = ofd < 0 ? errno : 0;
		if (ofd >= 0)
			close(ofd);
		p->sig_after = sys_pidfd_send_signal(p->pidfd, SIGCONT) ?
			       errno : 0;
	}
	close(ifd);
	if (rfd >= 0)
		close(rfd);
	close(fd);
	return NULL;
}

static void do_pidfd(struct __test_metadata *_metadata, bool c3,
		     bool restricted)
{
	struct pidfd_run p = { .c3 = c3, .restricted = restricted,
			       .pidfd = -1 };
	struct pollfd pfd;
	char path[64], buf[512] = {0}, want[32];
	pthread_t th;
	int fd;

	flag_setup(_metadata);
	p.c = ctx_new();
	ASSERT_EQ(0, pthread_create(&th, NULL, pidfd_creator, &p));
	ASSERT_EQ(0, pthread_join(th, NULL));
	ASSERT_EQ(0, p.setup) TH_LOG("impersonation set-up failed");
	ASSERT_LT(0, p.pid) TH_LOG("clone(CLONE_PIDFD): %s", strerror(-p.pid));
	/* issued without AccessCheck to the creator */
	ASSERT_LE(0, p.pidfd);
	EXPECT_TRUE(fcntl(p.pidfd, F_GETFD) & FD_CLOEXEC);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", p.pidfd);
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_LT(0, read(fd, buf, sizeof(buf) - 1));
	close(fd);
	snprintf(want, sizeof(want), "Pid:\t%d\n", p.pid);
	EXPECT_NE(NULL, strstr(buf, want)) TH_LOG("pidfd names another task");
	/* ... while the same creator is refused by the gated paths */
	EXPECT_EQ(EACCES, p.open_err) TH_LOG("pidfd_open must be gated");
	EXPECT_EQ(EPERM, p.sig_err) TH_LOG("pidfd_send_signal must be gated");
	EXPECT_EQ(0, p.open_after) TH_LOG("revert must restore the creator");
	EXPECT_EQ(0, p.sig_after);
	ASSERT_TRUE(wait_ready(p.c->r));
	expect_process_child(_metadata, p.c->r, p.pid, true);
	release(p.c);
	pfd.fd = p.pidfd;
	pfd.events = POLLIN;
	EXPECT_EQ(1, poll(&pfd, 1, 10000)) TH_LOG("pidfd not readable at exit");
	EXPECT_EQ(0, kacs_reap(p.pid));
	close(p.pidfd);
	ctx_free(p.c);
}

TEST_F(spawn, flag_pidfd_issued_while_pidfd_open_denied_identification)
{
	do_pidfd(_metadata, variant->clone3, false);
}

TEST_F(spawn, flag_pidfd_issued_while_pidfd_open_denied_restricted)
{
	do_pidfd(_metadata, variant->clone3, true);
}

/* ---- CLONE_PARENT_SETTID / CHILD_SETTID / CHILD_CLEARTID ----------------- */

static pid_t settid_var;

static void act_settid(struct ctx *c)
{
	c->r->val[0] = settid_var;
}

static void do_parent_settid(struct __test_metadata *_metadata, bool c3)
{
	struct ctx *c = ctx_new();
	struct kacs_spawn s = { .clone3 = c3, .exit_signal = SIGCHLD,
				.flags = CLONE_PARENT_SETTID };
	pid_t pid;

	flag_setup(_metadata);
	settid_var = 0;
	s.parent_tid = &settid_var;
	c->action = act_settid;
	pid = kacs_spawn_run(&s, child_main, c);
	ASSERT_LT(0, pid);
	EXPECT_EQ(pid, settid_var) TH_LOG("TID not stored in parent memory");
	ASSERT_TRUE(wait_ready(c->r));
	expect_process_child(_metadata, c->r, pid, true);
	release(c);
	EXPECT_EQ(0, kacs_reap(pid));
	kacs_spawn_done(&s);
	ctx_free(c);
}

TEST_F(spawn, flag_parent_settid_writes_parent_memory_own_token)
{
	do_parent_settid(_metadata, variant->clone3);
}

static void do_child_settid(struct __test_metadata *_metadata, bool c3)
{
	struct ctx *c = ctx_new();
	struct kacs_spawn s = { .clone3 = c3, .exit_signal = SIGCHLD,
				.flags = CLONE_CHILD_SETTID };
	pid_t pid;

	flag_setup(_metadata);
	settid_var = 0;
	s.child_tid = &settid_var;
	c->action = act_settid;
	pid = kacs_spawn_run(&s, child_main, c);
	ASSERT_LT(0, pid);
	ASSERT_TRUE(wait_ready(c->r));
	EXPECT_EQ(pid, c->r->val[0]) TH_LOG("TID not stored in child memory");
	EXPECT_EQ(0, settid_var) TH_LOG("parent memory must be untouched");
	expect_process_child(_metadata, c->r, pid, true);
	release(c);
	EXPECT_EQ(0, kacs_reap(pid));
	kacs_spawn_done(&s);
	ctx_free(c);
}

TEST_F(spawn, flag_child_settid_writes_child_memory_own_token)
{
	do_child_settid(_metadata, variant->clone3);
}

static void do_child_cleartid(struct __test_metadata *_metadata, bool c3)
{
	struct ctx *c = ctx_new();
	pid_t *ctid = shared_alloc(4096);
	struct kacs_spawn s = { .clone3 = c3, .exit_signal = SIGCHLD,
				.flags = CLONE_VM | CLONE_CHILD_SETTID |
					 CLONE_CHILD_CLEARTID };
	struct tid_waiter w = { .word = ctid };
	pthread_t th;
	pid_t pid;

	flag_setup(_metadata);
	s.child_tid = ctid;
	pid = kacs_spawn_run(&s, child_main, c);
	ASSERT_LT(0, pid);
	ASSERT_TRUE(wait_ready(c->r));
	EXPECT_EQ(pid, *ctid);
	expect_process_child(_metadata, c->r, pid, true);
	/* a waiter sleeps on the tid word, with no timeout */
	w.expect = pid;
	ASSERT_TRUE(tid_waiter_start(&w, &th))
		TH_LOG("the waiter never slept in FUTEX_WAIT");
	release(c);
	EXPECT_TRUE(tid_waiter_woken(&w, th))
		TH_LOG("CLONE_CHILD_CLEARTID: no futex wake at the child's exit");
	EXPECT_EQ(0, w.ret) TH_LOG("FUTEX_WAIT: %s", strerror(w.err));
	EXPECT_EQ(0, *ctid) TH_LOG("TID not cleared at exit");
	EXPECT_EQ(0, kacs_reap(pid));
	kacs_spawn_done(&s);
	munmap(ctid, 4096);
	ctx_free(c);
}

TEST_F(spawn, flag_child_cleartid_clears_and_wakes_own_token)
{
	do_child_cleartid(_metadata, variant->clone3);
}

/* ---- CLONE_SETTLS --------------------------------------------------------- */

struct tls_shared {
	unsigned long fs;
	long fd, err;
	struct kacs_query_args qa;
	struct kacs_token_statistics st;
	int done;
	int relfd;
};

/* The child runs with a foreign fs base: raw system calls only. */
static inline long raw_sys3(long n, long a, long b, long c)
{
	long r;

	__asm__ volatile("syscall" : "=a"(r)
			 : "a"(n), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return r;
}

__attribute__((no_stack_protector)) static int tls_child(void *arg)
{
	struct tls_shared *t = arg;
	char b;

	raw_sys3(SYS_arch_prctl, ARCH_GET_FS, (long)&t->fs, 0);
	t->fd = raw_sys3(__NR_kacs_open_self_token, KACS_REAL_TOKEN,
			 KACS_TOKEN_QUERY, 0);
	t->qa.token_class = KACS_TOKEN_CLASS_STATISTICS;
	t->qa.buf_len = sizeof(t->st);
	t->qa.buf_ptr = (unsigned long)&t->st;
	t->err = raw_sys3(SYS_ioctl, t->fd, KACS_IOC_QUERY, (long)&t->qa);
	__atomic_store_n(&t->done, 1, __ATOMIC_SEQ_CST);
	raw_sys3(SYS_read, t->relfd, (long)&b, 1);
	return 0;
}

static void do_settls(struct __test_metadata *_metadata, bool c3)
{
	struct tls_shared *t = shared_alloc(4096);
	void *area = shared_alloc(8192);
	struct kacs_spawn s = { .clone3 = c3, .exit_signal = SIGCHLD,
				.flags = CLONE_SETTLS };
	struct kacs_token_statistics me;
	struct kacs_tsid my_user, owner;
	int rel[2], i, pidfd;
	pid_t pid;

	flag_setup(_metadata);
	ASSERT_EQ(0, pipe(rel));
	t->relfd = rel[0];
	s.tls = (unsigned long)area + 4096;
	pid = kacs_spawn_run(&s, tls_child, t);
	ASSERT_LT(0, pid);
	for (i = 0; i < 2000 && !__atomic_load_n(&t->done, __ATOMIC_SEQ_CST); i++)
		usleep(5000);
	ASSERT_TRUE(t->done);
	EXPECT_EQ(s.tls, t->fs) TH_LOG("fs base not set from CLONE_SETTLS");
	ASSERT_LE(0, t->fd);
	ASSERT_EQ(0, t->err);
	self_identity(_metadata, &me, &my_user);
	EXPECT_NE(me.token_id, t->st.token_id) TH_LOG("own token copy expected");
	pidfd = sys_pidfd_open(pid, 0);
	ASSERT_LE(0, pidfd);
	ASSERT_EQ(0, kacs_process_owner(pidfd, &owner));
	EXPECT_TRUE(kacs_tsid_eq(&my_user, &owner));
	close(pidfd);
	ASSERT_EQ(1, write(rel[1], "x", 1));
	EXPECT_EQ(0, kacs_reap(pid));
	kacs_spawn_done(&s);
	close(rel[0]);
	close(rel[1]);
}

TEST_F(spawn, flag_settls_sets_fs_base_own_token)
{
	do_settls(_metadata, variant->clone3);
}

/* ---- CLONE_PARENT ------------------------------------------------------------ */

static void do_parent(struct __test_metadata *_metadata, bool c3)
{
	struct ctx *c = ctx_new();
	struct report *mr = shared_alloc(4096);
	struct kacs_tsid alice, owner, sys;
	int pipefd[2], pidfd;
	pid_t m, cpid = 0;

	flag_setup(_metadata);
	kacs_sid_user(&alice, KACS_RID_ALICE);
	kacs_sid_system(&sys);
	ASSERT_EQ(0, pipe(pipefd));
	m = fork();
	ASSERT_LE(0, m);
	if (m == 0) {
		/* the caller: runs as alice, its parent runs as SYSTEM */
		struct kacs_spawn s = { .clone3 = c3, .flags = CLONE_PARENT,
					.exit_signal = c3 ? 0 : SIGCHLD };
		struct ctx mc = { .r = mr };
		int fd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0, 0);

		if (fd < 0 || kacs_install(fd))
			_exit(10);
		report_self(&mc);
		cpid = kacs_spawn_run(&s, child_main, c);
		if (write(pipefd[1], &cpid, sizeof(cpid)) != sizeof(cpid))
			_exit(11);
		if (cpid < 0)
			_exit(12);
		/* not our child */
		if (waitpid(cpid, NULL, WNOHANG | __WALL) != -1 || errno != ECHILD)
			_exit(13);
		_exit(0);
	}
	ASSERT_EQ(sizeof(cpid), read(pipefd[0], &cpid, sizeof(cpid)));
	ASSERT_LT(0, cpid) TH_LOG("clone(CLONE_PARENT): %s", strerror(-cpid));
	ASSERT_EQ(0, kacs_reap(m)) TH_LOG("caller failed");
	ASSERT_TRUE(wait_ready(c->r));
	ASSERT_EQ(0, c->r->err);
	/* Linux: the caller's parent is the new parent */
	EXPECT_EQ(getpid(), c->r->ppid);
	/* KACS: token copied from the caller (alice), not from its parent */
	EXPECT_TRUE(kacs_tsid_eq(&alice, &mr->user));
	EXPECT_TRUE(kacs_tsid_eq(&alice, &c->r->user))
		TH_LOG("CLONE_PARENT child must copy the caller's token");
	EXPECT_NE(mr->real.token_id, c->r->real.token_id);
	EXPECT_EQ(c->r->real.token_id, c->r->eff.token_id);
	EXPECT_EQ(PIP_TEST_TYPE, c->r->pip_type);
	EXPECT_EQ(PIP_TEST_TRUST, c->r->pip_trust);
	pidfd = sys_pidfd_open(cpid, 0);
	ASSERT_LE(0, pidfd);
	ASSERT_EQ(0, kacs_process_owner(pidfd, &owner));
	EXPECT_TRUE(kacs_tsid_eq(&alice, &owner))
		TH_LOG("SD owner must be the caller, not the grandparent");
	EXPECT_FALSE(kacs_tsid_eq(&sys, &owner));
	close(pidfd);
	release(c);
	/* we are the parent now: we can reap it */
	EXPECT_EQ(0, kacs_reap(cpid));
	ctx_free(c);
}

TEST_F(spawn, flag_parent_sibling_owned_by_caller)
{
	do_parent(_metadata, variant->clone3);
}

/* ---- CLONE_INTO_CGROUP (clone3 only) ------------------------------------- */

static const char * const cg_names[] = { "a", "b", "src" };

struct cg_run {
	char dir[128];
	int dfd[2];		/* [0] allowed (a), [1] refused (b) */
	struct ctx *c[2];
	pid_t pid[2];
	int procs_err[2];
	int setup;
};

static int cg_write(const char *dir, const char *file, const char *val)
{
	char p[256];
	int fd, r;

	snprintf(p, sizeof(p), "%s/%s", dir, file);
	fd = open(p, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = write(fd, val, strlen(val));
	r = r < 0 ? -errno : 0;
	close(fd);
	return r;
}

static void *cg_alice(void *arg)
{
	struct cg_run *g = arg;
	char path[192];
	int fd, i;

	fd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION,
			    KACS_LEVEL_IMPERSONATION, 0);
	if (fd < 0 || kacs_impersonate(fd)) {
		g->setup = 1;
		return NULL;
	}
	for (i = 1; i >= 0; i--) {
		struct kacs_spawn s = { .clone3 = true, .exit_signal = SIGCHLD,
					.flags = CLONE_INTO_CGROUP,
					.cgroup_fd = g->dfd[i] };

		g->pid[i] = kacs_spawn_run(&s, child_main, g->c[i]);
		kacs_spawn_done(&s);
		snprintf(path, sizeof(path), "%s/%s", g->dir, i ? "b" : "a");
		g->procs_err[i] = cg_write(path, "cgroup.procs", "0");
	}
	kacs_revert();
	close(fd);
	return NULL;
}

static void act_cg(struct ctx *c)
{
	int fd = open("/proc/self/cgroup", O_RDONLY);

	if (fd < 0 || read(fd, c->r->text, sizeof(c->r->text) - 1) <= 0)
		CHILD_FAIL(c, 1);
	if (fd >= 0)
		close(fd);
}

TEST(flag_into_cgroup_clone3_gated_by_cgroup_sd_like_cgroup_procs)
{
	struct kacs_tsid sys, ba, alice, owner;
	struct cg_run g = { .dfd = { -1, -1 } };
	struct kacs_spawn sb = { .clone3 = true, .exit_signal = SIGCHLD,
				 .flags = CLONE_INTO_CGROUP };
	pid_t pid;
	struct kacs_ace_def aces[3];
	char path[192], want[192];
	__u8 sd[512], got[512];
	pthread_t th;
	size_t len;
	long n;
	int i, pfd;

	flag_setup(_metadata);
	kacs_sid_system(&sys);
	kacs_sid_admins(&ba);
	kacs_sid_user(&alice, KACS_RID_ALICE);
	snprintf(g.dir, sizeof(g.dir), CG_ROOT "/kacs_clone_%d", getpid());
	ASSERT_EQ(0, mkdir(g.dir, 0755))
		TH_LOG("mkdir %s: %s", g.dir, strerror(errno));
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", g.dir,
			 cg_names[i]);
		ASSERT_EQ(0, mkdir(path, 0755));
	}
	snprintf(path, sizeof(path), "%s/src", g.dir);
	ASSERT_EQ(0, cg_write(path, "cgroup.procs", "0"));
	/* a and its parent grant alice FILE_WRITE_DATA; b keeps the default */
	aces[0] = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &sys };
	aces[1] = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &ba };
	aces[2] = (struct kacs_ace_def){ 0, 0, KACS_FILE_GENERIC_READ |
					 KACS_FILE_WRITE_DATA, &alice };
	len = kacs_build_sd(sd, sizeof(sd), &sys, &ba, aces, 3, true);
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", g.dir, i ? "b" : "a");
		g.dfd[i] = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		ASSERT_LE(0, g.dfd[i]);
		g.c[i] = ctx_new();
		g.c[i]->action = act_cg;
	}
	/* new cgroup SD: owner = creator's primary user */
	n = kacs_get_sd(g.dfd[1], "", KACS_OWNER_SECURITY_INFORMATION, got,
			sizeof(got), AT_EMPTY_PATH);
	ASSERT_LT(0, n) TH_LOG("kacs_get_sd(cgroup): %s", strerror(errno));
	ASSERT_EQ(0, kacs_sd_owner(got, n, &owner));
	EXPECT_TRUE(kacs_tsid_eq(&sys, &owner));
	ASSERT_EQ(0, kacs_set_sd(g.dfd[0], "", KACS_DACL_SECURITY_INFORMATION,
				 sd, len, AT_EMPTY_PATH))
		TH_LOG("kacs_set_sd(cgroup): %s", strerror(errno));
	pfd = open(g.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, pfd);
	ASSERT_EQ(0, kacs_set_sd(pfd, "", KACS_DACL_SECURITY_INFORMATION,
				 sd, len, AT_EMPTY_PATH));
	close(pfd);

	ASSERT_EQ(0, pthread_create(&th, NULL, cg_alice, &g));
	ASSERT_EQ(0, pthread_join(th, NULL));
	ASSERT_EQ(0, g.setup);
	/* refused: clone3 and cgroup.procs agree */
	EXPECT_EQ(-EACCES, g.pid[1]) TH_LOG("CLONE_INTO_CGROUP into b");
	EXPECT_EQ(-EACCES, g.procs_err[1]) TH_LOG("cgroup.procs write into b");
	/* allowed: both paths */
	ASSERT_LT(0, g.pid[0]) TH_LOG("CLONE_INTO_CGROUP into a: %s",
				      strerror(-g.pid[0]));
	EXPECT_EQ(0, g.procs_err[0]) TH_LOG("cgroup.procs write into a");
	ASSERT_TRUE(wait_ready(g.c[0]->r));
	snprintf(want, sizeof(want), "0::%s/a\n", g.dir + strlen(CG_ROOT));
	EXPECT_STREQ(want, g.c[0]->r->text) TH_LOG("child not placed in a");
	/* created while impersonating alice: still SYSTEM's own child */
	expect_process_child(_metadata, g.c[0]->r, g.pid[0], true);
	release(g.c[0]);
	EXPECT_EQ(0, kacs_reap(g.pid[0]));
	/* the refused clone left no child behind */
	EXPECT_EQ(-1, waitpid(-1, NULL, WNOHANG | __WALL));
	EXPECT_EQ(ECHILD, errno) TH_LOG("no child may exist after a refusal");
	/* SYSTEM itself may attach to b through either path */
	sb.cgroup_fd = g.dfd[1];
	pid = kacs_spawn_run(&sb, child_main, g.c[1]);
	EXPECT_LT(0, pid);
	if (pid > 0) {
		ASSERT_TRUE(wait_ready(g.c[1]->r));
		release(g.c[1]);
		kacs_reap(pid);
	}
	kacs_spawn_done(&sb);
	snprintf(path, sizeof(path), "%s/b", g.dir);
	EXPECT_EQ(0, cg_write(path, "cgroup.procs", "0"));
	/* clean up */
	ASSERT_EQ(0, cg_write(CG_ROOT, "cgroup.procs", "0"));
	for (i = 0; i < 2; i++) {
		close(g.dfd[i]);
		ctx_free(g.c[i]);
	}
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", g.dir,
			 cg_names[i]);
		EXPECT_EQ(0, rmdir(path));
	}
	EXPECT_EQ(0, rmdir(g.dir));
}

/*
 * Legacy clone(2) takes only the low 32 bits of its flags word and has no
 * cgroup argument: bit 33 (CLONE_INTO_CGROUP) given to it is dropped, the
 * child is born in the caller's cgroup and no cgroup SD is consulted,
 * while clone3() with the same bit into a cgroup the caller may not write
 * is refused.
 */
struct legacy_cg {
	char *text;		/* shared: the child's /proc/self/cgroup */
	int dfd;		/* a cgroup alice may not write */
	long legacy;		/* pid of the legacy clone, or -errno */
	long c3;		/* result of clone3 into @dfd */
	int setup;
};

static long raw_clone_bit33(char *text)
{
	long pid = syscall(SYS_clone, (unsigned long)CLONE_INTO_CGROUP | SIGCHLD,
			   0UL, NULL, NULL, 0UL);
	int fd;

	if (pid == 0) {
		fd = open("/proc/self/cgroup", O_RDONLY);
		if (fd < 0 || read(fd, text, 255) <= 0)
			_exit(1);
		_exit(0);
	}
	return pid < 0 ? -errno : pid;
}

static void *legacy_cg_alice(void *arg)
{
	struct legacy_cg *g = arg;
	struct ctx *c = ctx_new();
	struct kacs_spawn s = { .clone3 = true, .exit_signal = SIGCHLD,
				.flags = CLONE_INTO_CGROUP,
				.cgroup_fd = g->dfd };
	int fd;

	fd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION,
			    KACS_LEVEL_IMPERSONATION, 0);
	if (fd < 0 || kacs_impersonate(fd)) {
		g->setup = 1;
		return NULL;
	}
	g->legacy = raw_clone_bit33(g->text);
	g->c3 = kacs_spawn_run(&s, child_main, c);
	kacs_spawn_done(&s);
	kacs_revert();
	close(fd);
	if (g->c3 > 0) {
		release(c);
		kacs_reap(g->c3);
	}
	ctx_free(c);
	return NULL;
}

TEST(flag_into_cgroup_clone_bit_dropped_child_in_callers_cgroup)
{
	struct legacy_cg g = { .legacy = -1, .c3 = -1 };
	struct kacs_token_statistics me, st;
	char dir[128], mine[256] = { 0 };
	pthread_t th;
	int fd, pidfd, tfd;

	flag_setup(_metadata);
	g.text = shared_alloc(4096);
	ASSERT_NE(NULL, g.text);
	snprintf(dir, sizeof(dir), CG_ROOT "/kacs_clone_legacy_%d", getpid());
	ASSERT_EQ(0, mkdir(dir, 0755)) TH_LOG("mkdir %s: %s", dir,
					      strerror(errno));
	/* SYSTEM made it: the default SD gives alice read access only */
	g.dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, g.dfd);
	fd = open("/proc/self/cgroup", O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_LT(0, read(fd, mine, sizeof(mine) - 1));
	close(fd);

	/* as SYSTEM */
	g.legacy = raw_clone_bit33(g.text);
	ASSERT_LT(0, g.legacy) TH_LOG("clone(2) with bit 33: %s",
				      strerror(-g.legacy));
	pidfd = sys_pidfd_open(g.legacy, 0);
	ASSERT_LE(0, pidfd);
	tfd = kacs_open_process_token(pidfd, KACS_TOKEN_QUERY);
	ASSERT_LE(0, tfd) TH_LOG("open_process_token: %s", strerror(errno));
	ASSERT_EQ(0, kacs_stats(tfd, &st));
	ASSERT_EQ(0, kacs_self_stats(true, &me));
	EXPECT_NE(me.token_id, st.token_id) TH_LOG("own token copy expected");
	close(tfd);
	close(pidfd);
	EXPECT_EQ(0, kacs_reap(g.legacy));
	EXPECT_STREQ(mine, g.text) TH_LOG("child not in the caller's cgroup");

	/* as alice: clone(2) meets no cgroup gate, clone3() does */
	memset(g.text, 0, 4096);
	ASSERT_EQ(0, pthread_create(&th, NULL, legacy_cg_alice, &g));
	ASSERT_EQ(0, pthread_join(th, NULL));
	ASSERT_EQ(0, g.setup);
	ASSERT_LT(0, g.legacy) TH_LOG("clone(2) with bit 33 as alice: %s",
				      strerror(-g.legacy));
	EXPECT_EQ(0, kacs_reap(g.legacy));
	EXPECT_STREQ(mine, g.text) TH_LOG("child not in the caller's cgroup");
	EXPECT_EQ(-EACCES, g.c3) TH_LOG("clone3(CLONE_INTO_CGROUP) as alice");
	close(g.dfd);
	EXPECT_EQ(0, rmdir(dir));
	munmap(g.text, 4096);
}

/* ---- CLONE_VFORK ---------------------------------------------------------- */

static int vfork_child(void *arg)
{
	struct ctx *c = arg;
	char fd[16];

	report_self(c);
	atomic_store(&c->r->ready, 1);
	usleep(200000);
	c->r->val[0] = 1;
	snprintf(fd, sizeof(fd), "%d", c->rel[0]);
	execl(kacs_helper_path(), KACS_HELPER, "wait", fd, NULL);
	_exit(127);
}

static void do_vfork(struct __test_metadata *_metadata, bool c3)
{
	struct ctx *c = ctx_new();
	struct kacs_spawn s = { .clone3 = c3, .exit_signal = SIGCHLD,
				.flags = CLONE_VM | CLONE_VFORK };
	pid_t pid;

	flag_setup(_metadata);
	kacs_helper_path();	/* before the child shares our memory */
	pid = kacs_spawn_run(&s, vfork_child, c);
	ASSERT_LT(0, pid);
	EXPECT_EQ(1, c->r->val[0])
		TH_LOG("CLONE_VFORK: parent ran before the child exec'd");
	/* the exec'd child keeps its SD (never reset at exec) */
	expect_process_child(_metadata, c->r, pid, true);
	release(c);
	EXPECT_EQ(0, kacs_reap(pid));
	kacs_spawn_done(&s);
	ctx_free(c);
}

TEST_F(spawn, flag_vfork_suspends_parent_own_token)
{
	do_vfork(_metadata, variant->clone3);
}

/* ---- CLONE_DETACHED ------------------------------------------------------- */

TEST(flag_detached_clone_ignored_own_token)
{
	struct ctx *c = ctx_new();
	struct kacs_spawn s = { .flags = CLONE_DETACHED | CLONE_PIDFD,
				.exit_signal = SIGCHLD, .pidfd = -1 };
	pid_t pid;

	flag_setup(_metadata);
	/* historical bit: no effect, the child is reaped as usual */
	pid = run_process_child(_metadata, c, false, CLONE_DETACHED, true);
	ASSERT_LT(0, pid);
	/* ... except that Linux refuses it together with CLONE_PIDFD */
	EXPECT_EQ(-EINVAL, kacs_spawn_run(&s, child_main, c));
	EXPECT_EQ(-1, s.pidfd);
	kacs_spawn_done(&s);
	ctx_free(c);
}

TEST(flag_detached_clone3_rejected)
{
	struct ctx *c = ctx_new();
	struct kacs_spawn s = { .clone3 = true, .flags = CLONE_DETACHED,
				.exit_signal = SIGCHLD, .pidfd = -1 };

	EXPECT_EQ(-EINVAL, kacs_spawn_run(&s, child_main, c));
	EXPECT_EQ(-1, waitpid(-1, NULL, WNOHANG | __WALL));
	EXPECT_EQ(ECHILD, errno) TH_LOG("no child may exist after EINVAL");
	kacs_spawn_done(&s);
	ctx_free(c);
}

/* ---- CLONE_UNTRACED ------------------------------------------------------- */

static int puppet(void *arg)
{
	struct ctx *c = arg;
	char b;
	int n;

	atomic_store(&c->r->ready, 1);
	for (;;) {
		n = read(c->rel[0], &b, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || b == 'Q')
			return 0;
		if (b == 'P') {
			c->r->val[0] = kacs_pip_set(KACS_PIP_PROTECTED,
						    KACS_PIP_TRUST_PEIOS_TCB);
			__atomic_store_n(&c->r->val[1], 1, __ATOMIC_SEQ_CST);
		}
	}
}

static int tracer_pid_of(pid_t pid)
{
	char p[64], buf[2048] = {0}, *t;
	int fd, n;

	snprintf(p, sizeof(p), "/proc/%d/status", pid);
	fd = open(p, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	t = n > 0 ? strstr(buf, "TracerPid:") : NULL;
	return t ? atoi(t + 10) : -1;
}

/* PTRACE_ATTACH + wait for the stop + detach; returns 0 or errno. */
static int try_attach(pid_t pid)
{
	int st;

	if (ptrace(PTRACE_ATTACH, pid, 0, 0))
		return errno;
	waitpid(pid, &st, __WALL);
	ptrace(PTRACE_DETACH, pid, 0, 0);
	return 0;
}

static void do_untraced(struct __test_metadata *_metadata, bool c3)
{
	struct ctx *c0 = ctx_new(), *c1 = ctx_new();
	struct kacs_tsid alice;
	int go[2], info[2], st, pidfd;
	struct pollfd pfd;
	pid_t p, pids[2] = { 0, 0 };
	unsigned long msg = 0;

	flag_setup(_metadata);
	kacs_sid_user(&alice, KACS_RID_ALICE);
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(info));
	p = fork();
	ASSERT_LE(0, p);
	if (p == 0) {
		struct kacs_spawn s0 = { .clone3 = c3, .exit_signal = SIGCHLD };
		struct kacs_spawn s1 = { .clone3 = c3, .exit_signal = SIGCHLD,
					 .flags = CLONE_UNTRACED };
		char b;

		close(go[1]);
		while (read(go[0], &b, 1) < 0 && errno == EINTR)
			;
		pids[0] = kacs_spawn_run(&s0, puppet, c0);
		pids[1] = kacs_spawn_run(&s1, puppet, c1);
		if (write(info[1], pids, sizeof(pids)) != sizeof(pids))
			_exit(1);
		while (read(go[0], &b, 1) != 0)
			;
		kacs_reap(pids[0]);
		kacs_reap(pids[1]);
		_exit(0);
	}
	close(go[0]);
	ASSERT_EQ(0, ptrace(PTRACE_SEIZE, p, 0,
			    PTRACE_O_TRACEFORK | PTRACE_O_TRACECLONE));
	ASSERT_EQ(1, write(go[1], "g", 1));
	/* the traced fork: auto-attached */
	ASSERT_EQ(p, waitpid(p, &st, __WALL));
	ASSERT_TRUE(WIFSTOPPED(st));
	ASSERT_EQ(SIGTRAP | (PTRACE_EVENT_FORK << 8), st >> 8);
	ASSERT_EQ(0, ptrace(PTRACE_GETEVENTMSG, p, 0, &msg));
	ASSERT_EQ((pid_t)msg, waitpid(msg, &st, __WALL));
	EXPECT_EQ(getpid(), tracer_pid_of(msg));
	ptrace(PTRACE_DETACH, msg, 0, 0);
	ASSERT_EQ(0, ptrace(PTRACE_CONT, p, 0, 0));
	/* the CLONE_UNTRACED one: no event, no tracer */
	pfd.fd = info[0];
	pfd.events = POLLIN;
	ASSERT_EQ(1, poll(&pfd, 1, 10000)) TH_LOG("caller stopped: untraced clone reported");
	ASSERT_EQ(sizeof(pids), read(info[0], pids, sizeof(pids)));
	ASSERT_EQ((pid_t)msg, pids[0]);
	ASSERT_LT(0, pids[1]) TH_LOG("clone(UNTRACED): %s", strerror(-pids[1]));
	ASSERT_TRUE(wait_ready(c1->r));
	EXPECT_EQ(0, tracer_pid_of(pids[1]));

	/* KACS: later attach is decided by the child's SD, SeDebug, PIP */
	ASSERT_EQ(0, kacs_self_priv(KACS_SE_DEBUG, false));
	EXPECT_EQ(0, try_attach(pids[1])) TH_LOG("SD grants SYSTEM: attachable");
	pidfd = sys_pidfd_open(pids[1], 0);
	ASSERT_LE(0, pidfd);
	ASSERT_EQ(0, kacs_process_set_dacl1(pidfd, &alice, KACS_GENERIC_ALL));
	EXPECT_EQ(EPERM, try_attach(pids[1])) TH_LOG("SD denies: not attachable");
	ASSERT_EQ(0, kacs_self_priv(KACS_SE_DEBUG, true));
	EXPECT_EQ(0, try_attach(pids[1])) TH_LOG("SeDebug rescues the SD denial");
	ASSERT_EQ(1, write(c1->rel[1], "P", 1));
	while (!__atomic_load_n(&c1->r->val[1], __ATOMIC_SEQ_CST))
		usleep(5000);
	ASSERT_EQ(0, c1->r->val[0]) TH_LOG("test_pip write by the child failed");
	EXPECT_EQ(EPERM, try_attach(pids[1])) TH_LOG("SeDebug never beats PIP");
	close(pidfd);

	ASSERT_EQ(1, write(c0->rel[1], "Q", 1));
	ASSERT_EQ(1, write(c1->rel[1], "Q", 1));
	close(go[1]);
	for (;;) {
		ASSERT_EQ(p, waitpid(p, &st, __WALL));
		if (!WIFSTOPPED(st))
			break;
		ptrace(PTRACE_CONT, p, 0, (st >> 16) || WSTOPSIG(st) == SIGTRAP ?
		       0 : WSTOPSIG(st));
	}
	EXPECT_TRUE(WIFEXITED(st));
	ctx_free(c0);
	ctx_free(c1);
}

TEST_F(spawn, flag_untraced_attach_gated_by_sd_sedebug_pip)
{
	do_untraced(_metadata, variant->clone3);
}

/* ---- scenarios ------------------------------------------------------------ */

/* fork while the forking thread impersonates: the child gets the primary */
struct imp_fork {
	int setup;
	struct ctx *c[3];
	pid_t pid[3];
};

static void *imp_forker(void *arg)
{
	struct imp_fork *f = arg;
	int fd, i;

	fd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION,
			    KACS_LEVEL_IMPERSONATION, 0);
	if (fd < 0 || kacs_impersonate(fd)) {
		f->setup = 1;
		return NULL;
	}
	for (i = 0; i < 2; i++) {
		struct kacs_spawn s = { .clone3 = i, .exit_signal = SIGCHLD };

		f->pid[i] = kacs_spawn_run(&s, child_main, f->c[i]);
		kacs_spawn_done(&s);
	}
	f->pid[2] = fork();
	if (f->pid[2] == 0)
		_exit(child_main(f->c[2]));
	kacs_revert();
	close(fd);
	return NULL;
}

TEST(scenario_fork_while_impersonating)
{
	struct imp_fork f = { 0 };
	struct kacs_tsid alice;
	pthread_t th;
	int i;

	flag_setup(_metadata);
	kacs_sid_user(&alice, KACS_RID_ALICE);
	for (i = 0; i < 3; i++)
		f.c[i] = ctx_new();
	ASSERT_EQ(0, pthread_create(&th, NULL, imp_forker, &f));
	ASSERT_EQ(0, pthread_join(th, NULL));
	ASSERT_EQ(0, f.setup);
	for (i = 0; i < 3; i++) {
		ASSERT_LT(0, f.pid[i]);
		ASSERT_TRUE(wait_ready(f.c[i]->r));
		/* owner and token are SYSTEM's, never alice's */
		expect_process_child(_metadata, f.c[i]->r, f.pid[i], true);
		EXPECT_FALSE(kacs_tsid_eq(&alice, &f.c[i]->r->user));
		release(f.c[i]);
		EXPECT_EQ(0, kacs_reap(f.pid[i]));
		ctx_free(f.c[i]);
	}
}

/* thread creation by an impersonating pthread */
struct imp_thr {
	int setup;
	struct kacs_token_statistics creator_eff, child_eff, primary;
	long child_type;
	struct kacs_tsid child_user;
};

static void *imp_child_thread(void *arg)
{
	struct imp_thr *t = arg;
	int fd = kacs_open_self_token(0, KACS_TOKEN_QUERY);

	if (fd < 0)
		return NULL;
	kacs_stats(fd, &t->child_eff);
	kacs_user(fd, &t->child_user);
	t->child_type = kacs_u32_class(fd, KACS_TOKEN_CLASS_TYPE);
	close(fd);
	return NULL;
}

static void *imp_parent_thread(void *arg)
{
	struct imp_thr *t = arg;
	pthread_t th;
	int fd;

	fd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION,
			    KACS_LEVEL_IMPERSONATION, 0);
	if (fd < 0 || kacs_impersonate(fd)) {
		t->setup = 1;
		return NULL;
	}
	if (pthread_create(&th, NULL, imp_child_thread, t) ||
	    pthread_join(th, NULL))
		t->setup = 2;
	kacs_self_stats(false, &t->creator_eff);
	kacs_revert();
	close(fd);
	return NULL;
}

TEST(scenario_thread_created_by_impersonating_thread)
{
	struct imp_thr t = { 0 };
	struct kacs_tsid sys;
	pthread_t th;

	kacs_sid_system(&sys);
	ASSERT_EQ(0, kacs_self_stats(true, &t.primary));
	ASSERT_EQ(0, pthread_create(&th, NULL, imp_parent_thread, &t));
	ASSERT_EQ(0, pthread_join(th, NULL));
	ASSERT_EQ(0, t.setup);
	EXPECT_NE(t.primary.token_id, t.creator_eff.token_id);
	EXPECT_EQ(t.primary.token_id, t.child_eff.token_id)
		TH_LOG("new thread started impersonating");
	EXPECT_EQ(KACS_TOKEN_PRIMARY, t.child_type);
	EXPECT_TRUE(kacs_tsid_eq(&sys, &t.child_user));
}

/* privilege change in one thread: siblings see it, a forked child not */
static void *disable_debug_thread(void *arg)
{
	*(int *)arg = kacs_self_priv(KACS_SE_DEBUG, false);
	return NULL;
}

TEST(scenario_privilege_change_seen_by_threads_not_by_child)
{
	struct ctx *c = ctx_new();
	struct kacs_token_statistics before, after;
	struct kacs_token_privileges pv;
	struct kacs_spawn s = { .clone3 = true, .exit_signal = SIGCHLD };
	pthread_t th;
	int r = -1, fd;
	pid_t pid;

	pid = kacs_spawn_run(&s, child_main, c);
	ASSERT_LT(0, pid);
	ASSERT_TRUE(wait_ready(c->r));
	ASSERT_EQ(0, kacs_self_stats(true, &before));
	ASSERT_EQ(0, pthread_create(&th, NULL, disable_debug_thread, &r));
	ASSERT_EQ(0, pthread_join(th, NULL));
	ASSERT_EQ(0, r);
	fd = kacs_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_QUERY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_privs(fd, &pv));
	ASSERT_EQ(0, kacs_stats(fd, &after));
	close(fd);
	EXPECT_FALSE(pv.enabled & KACS_PRIV(KACS_SE_DEBUG))
		TH_LOG("sibling's adjustment not visible");
	EXPECT_EQ(before.token_id, after.token_id);
	EXPECT_NE(before.modified_id, after.modified_id);
	/* the child forked before keeps its own copy unchanged */
	fd = kacs_open_process_token(sys_pidfd_open(pid, 0), KACS_TOKEN_QUERY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_privs(fd, &pv));
	EXPECT_TRUE(pv.enabled & KACS_PRIV(KACS_SE_DEBUG))
		TH_LOG("forked child saw the parent's adjustment");
	close(fd);
	release(c);
	EXPECT_EQ(0, kacs_reap(pid));
	kacs_spawn_done(&s);
	ctx_free(c);
}

/*
 * no_child_process blocks every process creation, never threads, and
 * survives execve(): kacs_nochild_probe() before the exec, and again in
 * kacs_helper after it.
 */
TEST(scenario_no_child_process_blocks_fork_vfork_clone_clone3_survives_exec)
{
	pid_t p = fork();
	int st;

	ASSERT_LE(0, p);
	if (p == 0) {
		int r;

		if (kacs_set_psb(-1, KACS_PSB_NO_CHILD))
			_exit(20);
		r = kacs_nochild_probe();
		if (r)
			_exit(r);
		execl(kacs_helper_path(), KACS_HELPER, "nochild", NULL);
		_exit(30);
	}
	ASSERT_EQ(p, waitpid(p, &st, 0));
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st))
		TH_LOG("step %d (1 fork, 2 vfork, 3 clone, 4 clone3, %s)",
		       WEXITSTATUS(st),
		       "5 write-back, 6 thread, 1x after exec, 20 set_psb, 30 exec");
}

/* ---- CLONE_PIDFD | CLONE_THREAD ------------------------------------------ */

#define THREAD_FLAGS	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
			 CLONE_THREAD | CLONE_SYSVSEM)

/*
 * In a process under no_child_process: CLONE_PIDFD without CLONE_THREAD is
 * refused with nothing written, CLONE_PIDFD | CLONE_THREAD makes the
 * thread and hands out a thread pidfd with no check (Q27), even while the
 * creating thread impersonates at Identification level; the thread shares
 * the primary token and is not impersonating.  Returns 0 or a step.
 */
static int pidfd_thread_probe(bool c3)
{
	struct kacs_spawn p = { .clone3 = c3, .exit_signal = SIGCHLD,
				.flags = CLONE_PIDFD, .pidfd = -1 };
	struct kacs_spawn s = { .clone3 = c3, .exit_signal = 0,
				.flags = THREAD_FLAGS | CLONE_PIDFD,
				.pidfd = -1 };
	struct kacs_token_statistics me;
	char path[64], buf[512] = { 0 }, want[32];
	struct ctx *c = ctx_new();
	struct pollfd pfd;
	int fd, ifd, n;
	pid_t tid;

	if (!c || kacs_self_stats(true, &me))
		return 1;
	if (kacs_set_psb(-1, KACS_PSB_NO_CHILD))
		return 2;
	if (kacs_spawn_run(&p, child_main, c) != -EPERM)
		return 3;
	kacs_spawn_done(&p);
	if (p.pidfd != -1)
		return 4;	/* nothing written on the refusal */
	fd = kacs_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_ALL_ACCESS);
	ifd = fd < 0 ? -1 : kacs_duplicate(fd, KACS_TOKEN_ALL_ACCESS,
					   KACS_TOKEN_IMPERSONATION,
					   KACS_LEVEL_IDENTIFICATION);
	if (ifd < 0 || kacs_impersonate(ifd))
		return 5;
	tid = kacs_spawn_run(&s, child_main, c);
	kacs_revert();
	if (tid <= 0)
		return 6;
	if (s.pidfd < 0 || !(fcntl(s.pidfd, F_GETFD) & FD_CLOEXEC))
		return 7;
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", s.pidfd);
	n = open(path, O_RDONLY);
	if (n < 0 || read(n, buf, sizeof(buf) - 1) <= 0)
		return 8;
	close(n);
	snprintf(want, sizeof(want), "Pid:\t%d\n", tid);
	if (!strstr(buf, want))
		return 9;	/* the pidfd names the new thread */
	if (!wait_ready(c->r) || c->r->err)
		return 10;
	if (c->r->pid != getpid() || c->r->tid != tid)
		return 11;
	if (c->r->real.token_id != me.token_id ||
	    c->r->eff.token_id != me.token_id ||
	    c->r->eff_type != KACS_TOKEN_PRIMARY)
		return 12;	/* shared primary, not impersonating */
	release(c);
	pfd.fd = s.pidfd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 10000) != 1)
		return 13;	/* the thread pidfd reports the exit */
	kacs_spawn_done(&s);
	close(s.pidfd);
	close(ifd);
	close(fd);
	return 0;
}

static void do_pidfd_thread(struct __test_metadata *_metadata, bool c3)
{
	pid_t p;
	int r;

	flag_setup(_metadata);
	p = fork();
	ASSERT_LE(0, p);
	if (p == 0)
		_exit(pidfd_thread_probe(c3));
	r = kacs_reap(p);
	EXPECT_EQ(0, r)
		TH_LOG("step %d of pidfd_thread_probe()", r);
}

TEST_F(spawn, flag_pidfd_thread_issued_under_no_child_process)
{
	do_pidfd_thread(_metadata, variant->clone3);
}

/* ---- clone3() set_tid ----------------------------------------------------- */

/* A pid with no /proc entry, or 0. */
static pid_t free_pid(void)
{
	char p[32];
	pid_t n;

	for (n = 20000 + getpid() % 5000; n < 32000; n++) {
		snprintf(p, sizeof(p), "/proc/%d", n);
		if (access(p, F_OK) && errno == ENOENT)
			return n;
	}
	return 0;
}

static long clone3_set_tid(struct ctx *c, pid_t want, void **stack)
{
	pid_t tids[1] = { want };
	struct clone_args ca = {
		.exit_signal = SIGCHLD,
		.set_tid = (__u64)(uintptr_t)tids,
		.set_tid_size = 1,
		.stack_size = KACS_STACK_SIZE,
	};

	*stack = mmap(NULL, KACS_STACK_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (*stack == MAP_FAILED)
		return -ENOMEM;
	ca.stack = (__u64)(uintptr_t)*stack;
	return kacs_clone3_fn(&ca, child_main, c);
}

/*
 * set_tid needs CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN, both mapped to
 * SeTcbPrivilege: refused without it (EPERM, no child, the pid stays
 * free), granted with it (the child gets exactly that pid and is an
 * ordinary new process).
 */
TEST(clone3_set_tid_needs_setcb)
{
	struct ctx *c = ctx_new();
	void *stack = NULL;
	char p[32];
	pid_t want;
	long pid;

	flag_setup(_metadata);
	want = free_pid();
	ASSERT_LT(0, want);
	ASSERT_EQ(0, kacs_self_priv(KACS_SE_TCB, false));
	pid = clone3_set_tid(c, want, &stack);
	ASSERT_EQ(0, kacs_self_priv(KACS_SE_TCB, true));
	EXPECT_EQ(-EPERM, pid) TH_LOG("set_tid without SeTcbPrivilege");
	if (pid > 0) {
		release(c);
		kacs_reap(pid);
	}
	munmap(stack, KACS_STACK_SIZE);
	EXPECT_EQ(-1, waitpid(-1, NULL, WNOHANG | __WALL));
	EXPECT_EQ(ECHILD, errno);
	snprintf(p, sizeof(p), "/proc/%d", want);
	EXPECT_EQ(-1, access(p, F_OK));
	EXPECT_EQ(ENOENT, errno);

	pid = clone3_set_tid(c, want, &stack);
	ASSERT_EQ(want, pid) TH_LOG("set_tid with SeTcbPrivilege: %s",
				    strerror(pid < 0 ? -pid : 0));
	ASSERT_TRUE(wait_ready(c->r));
	EXPECT_EQ(want, c->r->pid);
	expect_process_child(_metadata, c->r, pid, true);
	release(c);
	EXPECT_EQ(0, kacs_reap(pid));
	munmap(stack, KACS_STACK_SIZE);
	ctx_free(c);
}

/* ---- RLIMIT_NPROC across token changes ----------------------------------- */

#define NPROC_LIMIT	3
#define NPROC_UID	4242

struct nproc {
	pid_t pid[8];
	int rel[8];
	int n;
};

/* Fork a child that waits for its pipe; 0, or -errno of fork(). */
static int nproc_spawn(struct nproc *np)
{
	int p[2];
	char b;

	if (pipe(p))
		return -EMFILE;
	np->pid[np->n] = fork();
	if (np->pid[np->n] == 0) {
		close(p[1]);
		while (read(p[0], &b, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(p[0]);
	if (np->pid[np->n] < 0) {
		int e = errno;

		close(p[1]);
		return -e;
	}
	np->rel[np->n++] = p[1];
	return 0;
}

static void nproc_release_one(struct nproc *np)
{
	np->n--;
	close(np->rel[np->n]);
	waitpid(np->pid[np->n], NULL, 0);
}

/*
 * A process of uid NPROC_UID (no capabilities left) with RLIMIT_NPROC 3:
 * two children fill the limit and a third fork is EAGAIN.  Installing
 * another primary token and impersonating change neither the count nor
 * the limit: at the limit fork stays EAGAIN, each reaped child frees
 * exactly one slot, and once all are reaped the full allowance is back.
 * Returns 0 or the failing step.
 */
static int nproc_probe(void)
{
	struct rlimit rl = { NPROC_LIMIT, NPROC_LIMIT };
	struct nproc np = { 0 };
	int afd, bfd, round;

	afd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0,
			     KACS_PRIV(KACS_SE_ASSIGN_PRIMARY_TOKEN) |
			     KACS_PRIV(KACS_SE_IMPERSONATE));
	bfd = kacs_mint_user(KACS_RID_BOB, KACS_TOKEN_IMPERSONATION,
			     KACS_LEVEL_IMPERSONATION, 0);
	if (afd < 0 || bfd < 0)
		return 1;
	if (syscall(SYS_setresuid, NPROC_UID, NPROC_UID, NPROC_UID))
		return 2;
	if (setrlimit(RLIMIT_NPROC, &rl))
		return 3;
	for (round = 0; round < 3; round++) {
		/* 0: as installed, 1: alice installed, 2: impersonating bob */
		if (round == 1 && kacs_install(afd))
			return 4;
		if (round == 2 && kacs_impersonate(bfd))
			return 5;
		while (np.n < NPROC_LIMIT - 1)
			if (nproc_spawn(&np))
				return 10 * round + 10;
		if (nproc_spawn(&np) != -EAGAIN)
			return 10 * round + 11;
		nproc_release_one(&np);
		if (nproc_spawn(&np))
			return 10 * round + 12;	/* slot not freed */
		if (nproc_spawn(&np) != -EAGAIN)
			return 10 * round + 13;	/* freed twice */
		while (np.n)
			nproc_release_one(&np);
	}
	kacs_revert();
	/* everything reaped: the whole allowance again */
	while (np.n < NPROC_LIMIT - 1)
		if (nproc_spawn(&np))
			return 40;
	if (nproc_spawn(&np) != -EAGAIN)
		return 41;
	while (np.n)
		nproc_release_one(&np);
	return 0;
}

TEST(rlimit_nproc_counts_processes_across_token_changes)
{
	pid_t p;
	int r;

	flag_setup(_metadata);
	p = fork();
	ASSERT_LE(0, p);
	if (p == 0)
		_exit(nproc_probe());
	r = kacs_reap(p);
	EXPECT_EQ(0, r) TH_LOG("step %d of nproc_probe()", r);
}

/* ---- race: impersonate/revert vs fork and thread creation --------------- */

#define RACE_ROUNDS 1000

/* Failure codes of the race, first one wins. */
enum race_err {
	RACE_OK,
	RACE_IMPERSONATE,	/* kacs_impersonate() failed */
	RACE_REVERT,		/* kacs_revert() failed */
	RACE_THREAD_TOKEN,	/* a new thread was not on the primary token */
	RACE_CHILD,		/* a child's token was not a copy of the primary */
	RACE_CREATE,		/* fork() or pthread_create() failed */
};

static const char * const race_errs[] = {
	[RACE_OK] = "",
	[RACE_IMPERSONATE] = "impersonate failed",
	[RACE_REVERT] = "revert failed",
	[RACE_THREAD_TOKEN] = "thread not on the primary token",
	[RACE_CHILD] = "child not on a copy of the primary token",
	[RACE_CREATE] = "fork/pthread_create failed",
};

struct race {
	atomic_int stop;
	atomic_int err;
	atomic_int step;	/* round of the forker that failed */
	/* the impersonator: completed rounds, and 1 while impersonating */
	atomic_long imp_rounds;
	atomic_int impersonating;
	int ifd;
	struct kacs_token_statistics primary, imp;
	int rounds;
	/*
	 * creations that began while the impersonator impersonated, or
	 * during which it impersonated or reverted: the two ran at once
	 */
	int forks_overlapped, threads_overlapped;
	long imp_rounds_during;	/* impersonator rounds while forking */
};

static void race_fail(struct race *r, int err, int round)
{
	int zero = RACE_OK;

	if (atomic_compare_exchange_strong(&r->err, &zero, err))
		atomic_store(&r->step, round);
}

static void *race_impersonator(void *arg)
{
	struct race *r = arg;

	while (!atomic_load(&r->stop)) {
		if (kacs_impersonate(r->ifd)) {
			race_fail(r, RACE_IMPERSONATE, -1);
			break;
		}
		atomic_store(&r->impersonating, 1);
		sched_yield();
		atomic_store(&r->impersonating, 0);
		if (kacs_revert()) {
			race_fail(r, RACE_REVERT, -1);
			break;
		}
		atomic_fetch_add(&r->imp_rounds, 1);
	}
	return NULL;
}

/* The new thread must start on the process's primary token. */
static void *race_thread_probe(void *arg)
{
	struct race *r = arg;
	struct kacs_token_statistics st;
	long type;
	int fd;

	fd = kacs_open_self_token(0, KACS_TOKEN_QUERY);
	if (fd < 0)
		return (void *)1;
	type = kacs_u32_class(fd, KACS_TOKEN_CLASS_TYPE);
	if (kacs_stats(fd, &st) || st.token_id != r->primary.token_id ||
	    type != KACS_TOKEN_PRIMARY)
		r = NULL;
	close(fd);
	return r ? NULL : (void *)1;
}

/* What the child saw: its effective token and its user. */
struct race_child {
	struct kacs_token_statistics eff, real;
	struct kacs_tsid user;
	int err;
};

/* Snapshot of the impersonator: window id, odd while impersonating. */
static long race_window(struct race *r)
{
	long n = atomic_load(&r->imp_rounds);

	return atomic_load(&r->impersonating) &&
	       atomic_load(&r->imp_rounds) == n ? 2 * n + 1 : 2 * n;
}

static bool race_child_ok(const struct race *r, const struct race_child *c,
			  const struct kacs_tsid *sys)
{
	return !c->err && kacs_tsid_eq(&c->user, sys) &&
	       c->eff.token_id == c->real.token_id &&
	       c->eff.token_id != r->primary.token_id &&
	       c->eff.token_id != r->imp.token_id &&
	       c->eff.modified_id == c->eff.token_id &&
	       c->eff.token_type == KACS_TOKEN_PRIMARY;
}

static void *race_forker(void *arg)
{
	struct race *r = arg;
	struct race_child *shared = shared_alloc(4096);
	struct kacs_tsid sys;
	long w0, w1, i0;
	void *probe;
	pthread_t th;
	int i, st;
	pid_t pid;

	kacs_sid_system(&sys);
	i0 = atomic_load(&r->imp_rounds);
	for (i = 0; i < RACE_ROUNDS && !atomic_load(&r->err); i++) {
		memset(shared, 0, sizeof(*shared));
		w0 = race_window(r);
		pid = fork();
		if (pid == 0) {
			shared->err = kacs_self_stats(false, &shared->eff) ||
				      kacs_self_stats(true, &shared->real) ||
				      kacs_self_user(false, &shared->user);
			_exit(0);
		}
		w1 = race_window(r);
		if (pid < 0 || waitpid(pid, &st, 0) != pid ||
		    !WIFEXITED(st) || WEXITSTATUS(st)) {
			race_fail(r, RACE_CREATE, i);
			break;
		}
		if (!race_child_ok(r, shared, &sys)) {
			race_fail(r, RACE_CHILD, i);
			break;
		}
		if ((w0 & 1) || w0 != w1)
			r->forks_overlapped++;
		w0 = race_window(r);
		if (pthread_create(&th, NULL, race_thread_probe, r)) {
			race_fail(r, RACE_CREATE, i);
			break;
		}
		w1 = race_window(r);
		if (pthread_join(th, &probe) || probe) {
			race_fail(r, RACE_THREAD_TOKEN, i);
			break;
		}
		if ((w0 & 1) || w0 != w1)
			r->threads_overlapped++;
		r->rounds = i + 1;
	}
	r->imp_rounds_during = atomic_load(&r->imp_rounds) - i0;
	munmap(shared, 4096);
	return NULL;
}

FIXTURE(race) {
	struct kacs_counts base;
};

FIXTURE_SETUP(race)
{
	ASSERT_EQ(0, kacs_counts_baseline(&self->base))
		TH_LOG("no stable baseline of test_counts");
}

FIXTURE_TEARDOWN(race)
{
}

/*
 * One thread impersonates and reverts in a loop while another forks and
 * creates threads, RACE_ROUNDS times: every child gets a copy of the
 * primary token (never the impersonation token), every new thread starts
 * on the primary token, no impersonate or revert fails, the two threads
 * really ran at the same time (creations inside an impersonation
 * window), and no token or PSB outlives the test.
 */
TEST_F_TIMEOUT(race, impersonate_revert_vs_fork_and_threads, 600)
{
	struct race r = { 0 };
	struct kacs_counts now;
	pthread_t imp, forker;
	char msg[256];
	int bad;

	ASSERT_EQ(0, kacs_self_stats(true, &r.primary));
	r.ifd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION,
			       KACS_LEVEL_IMPERSONATION, 0);
	ASSERT_LE(0, r.ifd);
	ASSERT_EQ(0, kacs_stats(r.ifd, &r.imp));
	ASSERT_EQ(0, pthread_create(&imp, NULL, race_impersonator, &r));
	ASSERT_EQ(0, pthread_create(&forker, NULL, race_forker, &r));
	ASSERT_EQ(0, pthread_join(forker, NULL));
	atomic_store(&r.stop, 1);
	ASSERT_EQ(0, pthread_join(imp, NULL));
	close(r.ifd);
	EXPECT_EQ(RACE_OK, atomic_load(&r.err))
		TH_LOG("round %d: %s", atomic_load(&r.step),
		       race_errs[atomic_load(&r.err)]);
	EXPECT_EQ(RACE_ROUNDS, r.rounds);
	/* the impersonator kept going while the forker ran ... */
	EXPECT_LE(RACE_ROUNDS, r.imp_rounds_during)
		TH_LOG("impersonator rounds during the forks: %ld",
		       r.imp_rounds_during);
	/* ... and creations happened inside its impersonation windows */
	EXPECT_LT(0, r.forks_overlapped) TH_LOG("no fork overlapped");
	EXPECT_LT(0, r.threads_overlapped) TH_LOG("no thread overlapped");
	TH_LOG("overlapped: %d forks, %d threads; impersonator %ld rounds",
	       r.forks_overlapped, r.threads_overlapped, r.imp_rounds_during);
	bad = kacs_counts_settle(&self->base, &now, 10000);
	EXPECT_EQ(KACS_LEAK_NONE, bad)
		TH_LOG("refcount leak: %s",
		       kacs_leak_str(bad, &self->base, &now, msg, sizeof(msg)));
}

KACS_HARNESS_MAIN
