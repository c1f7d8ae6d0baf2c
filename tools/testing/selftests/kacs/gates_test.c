// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS process gates beyond kill/ptrace/pidfd_open: every other kernel
 * route that reaches another process must meet the two-check rule
 * (process SD + PIP).  File-owner signals, cgroup.kill/cgroup.freeze,
 * cgroup creation/removal and knobs, the subject of cgroup.procs writes,
 * scheduling/limit/priority/pgid calls, /proc/<pid> entries and the
 * parent-death signal of a thread that dies impersonating.
 *
 * The victim is a child that raises its own PIP (test knob, 512/8192) or
 * narrows its process SD; the attacker is this SYSTEM process (PIP 0,
 * SeDebugPrivilege) or one of its threads impersonating alice.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "kacs_util.h"

#define CG_ROOT "/sys/fs/cgroup"

#ifndef IOPRIO_WHO_PROCESS
#define IOPRIO_WHO_PROCESS 1
#endif
#define IOPRIO_BE_4 ((2 << 13) | 4)

/* ---- the victim ----------------------------------------------------------- */

/*
 * A child that idles and answers commands on a pipe: 'A' ping, 'P' raise
 * PIP, 'G' make itself a process group leader, 'T' start a second thread
 * (its tid in the shared page), 'Q' exit.  Every answer is
 * one byte; a dead victim answers EOF.
 */
struct victim_shared {
	pid_t tid;	/* the thread 'T' made */
};

struct victim {
	pid_t pid;
	int pidfd;
	int cmd;	/* write end */
	int ack;	/* read end */
	struct victim_shared *sh;
};

static void *victim_thread(void *arg)
{
	struct victim_shared *sh = arg;

	__atomic_store_n(&sh->tid, sys_gettid(), __ATOMIC_SEQ_CST);
	for (;;)
		pause();
	return NULL;
}

static void victim_loop(int cmd, int ack, struct victim_shared *sh)
{
	pthread_t th;
	char b;
	int i;

	for (;;) {
		int n = read(cmd, &b, 1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || b == 'Q')
			_exit(0);
		switch (b) {
		case 'P':
			b = kacs_pip_set(KACS_PIP_PROTECTED,
					 KACS_PIP_TRUST_PEIOS_TCB) ? 'E' : 'K';
			break;
		case 'G':
			b = setpgid(0, 0) ? 'E' : 'K';
			break;
		case 'T':
			b = pthread_create(&th, NULL, victim_thread, sh) ?
			    'E' : 'K';
			for (i = 0; b == 'K' && i < 2000 &&
			     !__atomic_load_n(&sh->tid, __ATOMIC_SEQ_CST); i++)
				usleep(1000);
			break;
		default:
			b = 'K';
		}
		if (write(ack, &b, 1) != 1)
			_exit(3);
	}
}

static int victim_start(struct victim *v)
{
	int cmd[2], ack[2];

	/* asking a dead victim must fail, not kill the test */
	signal(SIGPIPE, SIG_IGN);
	if (pipe2(cmd, O_CLOEXEC) || pipe2(ack, O_CLOEXEC))
		return -1;
	v->sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (v->sh == MAP_FAILED)
		return -1;
	v->pid = fork();
	if (v->pid < 0)
		return -1;
	if (v->pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(cmd[1]);
		close(ack[0]);
		victim_loop(cmd[0], ack[1], v->sh);
	}
	close(cmd[0]);
	close(ack[1]);
	v->cmd = cmd[1];
	v->ack = ack[0];
	v->pidfd = sys_pidfd_open(v->pid, 0);
	return v->pidfd < 0 ? -1 : 0;
}

/* Send @c; returns the answer, or 0 if the victim is gone. */
static char victim_ask(struct victim *v, char c)
{
	char b = 0;

	if (write(v->cmd, &c, 1) != 1)
		return 0;
	if (read(v->ack, &b, 1) != 1)
		return 0;
	return b;
}

static bool victim_alive(struct victim *v)
{
	return victim_ask(v, 'A') == 'K';
}

/* Reap the victim; returns its exit code, or 128 + the killing signal. */
static int victim_stop(struct victim *v)
{
	int r;

	if (write(v->cmd, "Q", 1) != 1)
		kill(v->pid, SIGKILL);
	r = kacs_reap(v->pid);
	close(v->pidfd);
	close(v->cmd);
	close(v->ack);
	munmap(v->sh, 4096);
	return r;
}

static void victim_narrow(struct __test_metadata *_metadata, struct victim *v,
			  __u32 alice_mask)
{
	struct kacs_tsid sys, alice;
	struct kacs_ace_def aces[2];
	__u8 sd[256];
	size_t len;

	kacs_sid_system(&sys);
	kacs_sid_user(&alice, KACS_RID_ALICE);
	aces[0] = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &sys };
	aces[1] = (struct kacs_ace_def){ 0, 0, alice_mask, &alice };
	len = kacs_build_sd(sd, sizeof(sd), NULL, NULL, aces,
			    alice_mask ? 2 : 1, true);
	ASSERT_EQ(0, kacs_set_sd(v->pidfd, "", KACS_DACL_SECURITY_INFORMATION,
				 sd, len, AT_EMPTY_PATH))
		TH_LOG("narrowing the victim's SD: %s", strerror(errno));
}

/* ---- running as alice ----------------------------------------------------- */

struct as_alice {
	long (*fn)(void *arg);
	void *arg;
	long ret;
	int err;
};

static void *as_alice_thread(void *p)
{
	struct as_alice *a = p;
	int fd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION,
				KACS_LEVEL_IMPERSONATION, 0);

	if (fd < 0 || kacs_impersonate(fd)) {
		a->err = 1;
	} else {
		a->ret = a->fn(a->arg);
		if (kacs_revert())
			a->err = 2;
	}
	if (fd >= 0)
		close(fd);
	return NULL;
}

/* Run @fn(@arg) in a thread impersonating alice; -1000 on setup failure. */
static long as_alice(long (*fn)(void *arg), void *arg)
{
	struct as_alice a = { .fn = fn, .arg = arg };
	pthread_t th;

	if (pthread_create(&th, NULL, as_alice_thread, &a) ||
	    pthread_join(th, NULL) || a.err)
		return -1000;
	return a.ret;
}

/* ---- file-owner signals --------------------------------------------------- */

struct fown {
	int p[2];
	int owner_type;	/* F_OWNER_PID, F_OWNER_PGRP or F_OWNER_TID */
	pid_t who;
};

static long fown_set(void *arg)
{
	struct fown *f = arg;
	struct f_owner_ex ex = { .type = f->owner_type, .pid = f->who };

	if (fcntl(f->p[0], F_SETOWN_EX, &ex))
		return -errno;
	if (fcntl(f->p[0], F_SETFL, O_ASYNC | O_NONBLOCK))
		return -errno;
	return 0;
}

/* Make the read end ready (from empty, so that it always signals). */
static long fown_fire(void *arg)
{
	struct fown *f = arg;
	char b[16];

	while (read(f->p[0], b, sizeof(b)) > 0)
		;
	return write(f->p[1], "x", 1) == 1 ? 0 : -errno;
}

static int fown_open(struct fown *f, int type, pid_t who)
{
	f->owner_type = type;
	f->who = who;
	return pipe2(f->p, O_CLOEXEC);
}

static void fown_close(struct fown *f)
{
	close(f->p[0]);
	close(f->p[1]);
}

FIXTURE(fown) {
	struct victim v;
};

FIXTURE_VARIANT(fown) {
	int owner_type;
};

FIXTURE_VARIANT_ADD(fown, pid) { .owner_type = F_OWNER_PID };
FIXTURE_VARIANT_ADD(fown, pgrp) { .owner_type = F_OWNER_PGRP };
FIXTURE_VARIANT_ADD(fown, tid) { .owner_type = F_OWNER_TID };

FIXTURE_SETUP(fown)
{
	ASSERT_EQ(0, victim_start(&self->v));
	ASSERT_EQ('K', victim_ask(&self->v, 'G'));
}

FIXTURE_TEARDOWN(fown)
{
	if (self->v.pid > 0)
		victim_stop(&self->v);
}

/* SIGIO (default action: terminate) to a victim this process dominates. */
TEST_F(fown, sigio_delivered_when_allowed)
{
	struct fown f;

	ASSERT_EQ(0, fown_open(&f, variant->owner_type, self->v.pid));
	ASSERT_EQ(0, fown_set(&f));
	ASSERT_EQ(0, fown_fire(&f));
	EXPECT_FALSE(victim_alive(&self->v));
	EXPECT_EQ(128 + SIGIO, victim_stop(&self->v));
	self->v.pid = 0;
	fown_close(&f);
}

TEST_F(fown, sigio_refused_by_pip)
{
	struct fown f;

	ASSERT_EQ('K', victim_ask(&self->v, 'P'));
	EXPECT_EQ(-1, kill(self->v.pid, SIGKILL));
	EXPECT_EQ(EPERM, errno);
	ASSERT_EQ(0, fown_open(&f, variant->owner_type, self->v.pid));
	ASSERT_EQ(0, fown_set(&f));
	ASSERT_EQ(0, fown_fire(&f));
	/* F_SETSIG with a queued signal takes the same gate */
	ASSERT_EQ(0, fcntl(f.p[0], F_SETSIG, SIGKILL));
	ASSERT_EQ(0, fown_fire(&f));
	EXPECT_TRUE(victim_alive(&self->v));
	EXPECT_EQ(0, victim_stop(&self->v));
	self->v.pid = 0;
	fown_close(&f);
}

/* The subject is whoever set the owner, not whoever makes the fd ready. */
TEST_F(fown, subject_is_the_owner_setter)
{
	struct fown f;

	victim_narrow(_metadata, &self->v, 0);
	ASSERT_EQ(0, fown_open(&f, variant->owner_type, self->v.pid));
	/* set by alice, fired by SYSTEM: refused */
	ASSERT_EQ(0, as_alice(fown_set, &f));
	ASSERT_EQ(0, fown_fire(&f));
	EXPECT_TRUE(victim_alive(&self->v));
	/* set by SYSTEM, fired by alice: delivered */
	ASSERT_EQ(0, fown_set(&f));
	ASSERT_EQ(0, as_alice(fown_fire, &f));
	EXPECT_FALSE(victim_alive(&self->v));
	EXPECT_EQ(128 + SIGIO, victim_stop(&self->v));
	self->v.pid = 0;
	fown_close(&f);
}

/*
 * A file lease is broken with SIGIO (or the F_SETSIG signal) to the owner
 * of the leased file (kill_fasync() from the lease break): take a read
 * lease, point the file's owner at @who, and have an open for writing
 * start the break.  Returns the lease fd, which ends the lease on close.
 */
static int lease_break_at(const char *path, pid_t who, int sig)
{
	int fd, w;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fcntl(fd, F_SETLEASE, F_RDLCK) || fcntl(fd, F_SETOWN, who) ||
	    (sig && fcntl(fd, F_SETSIG, sig))) {
		close(fd);
		return -errno;
	}
	w = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	if (w >= 0 || errno != EWOULDBLOCK) {
		if (w >= 0)
			close(w);
		close(fd);
		return -1000;
	}
	return fd;
}

static const char lease_path[] = "/tmp/kacs-gates-lease";

/* The lease-break signal reaches a victim this process dominates ... */
TEST(lease_break_signal_delivered_when_allowed)
{
	struct victim v;
	int fd;

	ASSERT_EQ(0, victim_start(&v));
	close(open(lease_path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
	fd = lease_break_at(lease_path, v.pid, 0);
	ASSERT_LE(0, fd);
	EXPECT_FALSE(victim_alive(&v));
	EXPECT_EQ(128 + SIGIO, victim_stop(&v));
	close(fd);
	unlink(lease_path);
}

/* ... and is refused, SIGIO and an F_SETSIG SIGKILL alike, by its PIP. */
TEST(lease_break_signal_refused_by_pip)
{
	struct victim v;
	int fd;

	ASSERT_EQ(0, victim_start(&v));
	ASSERT_EQ('K', victim_ask(&v, 'P'));
	close(open(lease_path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
	fd = lease_break_at(lease_path, v.pid, 0);
	ASSERT_LE(0, fd);
	close(fd);
	fd = lease_break_at(lease_path, v.pid, SIGKILL);
	ASSERT_LE(0, fd);
	close(fd);
	EXPECT_TRUE(victim_alive(&v));
	EXPECT_EQ(0, victim_stop(&v));
	unlink(lease_path);
}

/* ---- cgroups -------------------------------------------------------------- */

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

static int cg_read(const char *dir, const char *file, char *buf, size_t len)
{
	char p[256];
	int fd, r;

	snprintf(p, sizeof(p), "%s/%s", dir, file);
	fd = open(p, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = read(fd, buf, len - 1);
	close(fd);
	if (r < 0)
		return -errno;
	buf[r] = 0;
	return 0;
}

/* Replace the DACL of cgroup @dir: SYSTEM all, alice @alice_mask. */
static int cg_set_dacl(const char *dir, __u32 alice_mask)
{
	struct kacs_tsid sys, alice;
	struct kacs_ace_def aces[2];
	__u8 sd[256];
	size_t len;
	int fd, r;

	kacs_sid_system(&sys);
	kacs_sid_user(&alice, KACS_RID_ALICE);
	aces[0] = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &sys };
	aces[1] = (struct kacs_ace_def){ 0, 0, alice_mask, &alice };
	len = kacs_build_sd(sd, sizeof(sd), NULL, NULL, aces,
			    alice_mask ? 2 : 1, true);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = kacs_set_sd(fd, "", KACS_DACL_SECURITY_INFORMATION, sd, len,
			AT_EMPTY_PATH) < 0 ? -errno : 0;
	close(fd);
	return r;
}

FIXTURE(cg) {
	char dir[128];
	char sub[160];
	struct victim v;
};

FIXTURE_SETUP(cg)
{
	char pid[16];

	snprintf(self->dir, sizeof(self->dir), CG_ROOT "/kacs_gates_%d",
		 getpid());
	snprintf(self->sub, sizeof(self->sub), "%s/sub", self->dir);
	ASSERT_EQ(0, mkdir(self->dir, 0755));
	ASSERT_EQ(0, mkdir(self->sub, 0755));
	ASSERT_EQ(0, victim_start(&self->v));
	snprintf(pid, sizeof(pid), "%d", self->v.pid);
	ASSERT_EQ(0, cg_write(self->sub, "cgroup.procs", pid));
}

FIXTURE_TEARDOWN(cg)
{
	cg_write(self->sub, "cgroup.freeze", "0");
	if (self->v.pid > 0)
		victim_stop(&self->v);
	rmdir(self->sub);
	rmdir(self->dir);
}

struct cg_op {
	const char *dir;
	const char *file;
	const char *val;
	int fd;
};

static long cg_op_open(void *arg)
{
	struct cg_op *o = arg;
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", o->dir, o->file);
	o->fd = open(p, O_WRONLY | O_CLOEXEC);
	return o->fd < 0 ? -errno : 0;
}

static long cg_op_fd_write(void *arg)
{
	struct cg_op *o = arg;

	return write(o->fd, o->val, strlen(o->val)) < 0 ? -errno : 0;
}

static long cg_op_mkdir(void *arg)
{
	return mkdir(arg, 0755) ? -errno : 0;
}

static long cg_op_rmdir(void *arg)
{
	return rmdir(arg) ? -errno : 0;
}

TEST_F(cg, kill_refused_by_pip_kills_nothing)
{
	ASSERT_EQ('K', victim_ask(&self->v, 'P'));
	EXPECT_EQ(-EPERM, cg_write(self->dir, "cgroup.kill", "1"));
	EXPECT_EQ(-EPERM, cg_write(self->sub, "cgroup.kill", "1"));
	EXPECT_TRUE(victim_alive(&self->v));
}

TEST_F(cg, kill_allowed_kills_members)
{
	EXPECT_EQ(0, cg_write(self->dir, "cgroup.kill", "1"));
	EXPECT_FALSE(victim_alive(&self->v));
	EXPECT_EQ(128 + SIGKILL, victim_stop(&self->v));
	self->v.pid = 0;
}

/* The opener of cgroup.kill is the subject, not the writer. */
TEST_F(cg, kill_judged_with_the_opener)
{
	struct cg_op o = { .dir = self->sub, .file = "cgroup.kill",
			   .val = "1" };

	victim_narrow(_metadata, &self->v, KACS_PROCESS_QUERY_LIMITED);
	ASSERT_EQ(0, as_alice(cg_op_open, &o));
	EXPECT_EQ(-EPERM, cg_op_fd_write(&o));
	EXPECT_TRUE(victim_alive(&self->v));
	close(o.fd);
	/* SYSTEM's own handle, written by alice: allowed */
	ASSERT_EQ(0, cg_op_open(&o));
	EXPECT_EQ(0, as_alice(cg_op_fd_write, &o));
	close(o.fd);
	EXPECT_FALSE(victim_alive(&self->v));
	EXPECT_EQ(128 + SIGKILL, victim_stop(&self->v));
	self->v.pid = 0;
}

TEST_F(cg, freeze_refused_by_pip_freezes_nothing)
{
	char ev[256];

	ASSERT_EQ('K', victim_ask(&self->v, 'P'));
	EXPECT_EQ(-EPERM, cg_write(self->sub, "cgroup.freeze", "1"));
	EXPECT_EQ(-EPERM, cg_write(self->dir, "cgroup.freeze", "1"));
	ASSERT_EQ(0, cg_read(self->sub, "cgroup.freeze", ev, sizeof(ev)));
	EXPECT_STREQ("0\n", ev);
	EXPECT_TRUE(victim_alive(&self->v));
}

TEST_F(cg, freeze_allowed)
{
	char ev[256];

	EXPECT_EQ(0, cg_write(self->sub, "cgroup.freeze", "1"));
	ASSERT_EQ(0, cg_read(self->sub, "cgroup.freeze", ev, sizeof(ev)));
	EXPECT_STREQ("1\n", ev);
	EXPECT_EQ(0, cg_write(self->sub, "cgroup.freeze", "0"));
	EXPECT_TRUE(victim_alive(&self->v));
}

TEST_F(cg, mkdir_needs_add_subdirectory)
{
	char child[200];

	snprintf(child, sizeof(child), "%s/esc", self->dir);
	/* the default cgroup SD gives alice read access only */
	EXPECT_EQ(-EACCES, as_alice(cg_op_mkdir, child));
	EXPECT_EQ(-EACCES, as_alice(cg_op_mkdir, CG_ROOT "/kacs_gates_esc"));
	ASSERT_EQ(0, cg_set_dacl(self->dir, KACS_FILE_GENERIC_READ |
				 KACS_FILE_ADD_SUBDIRECTORY));
	EXPECT_EQ(0, as_alice(cg_op_mkdir, child));
	/* alice may not remove SYSTEM's cgroup: no DELETE, no DELETE_CHILD */
	ASSERT_EQ(0, cg_set_dacl(child, KACS_FILE_GENERIC_READ));
	EXPECT_EQ(-EACCES, as_alice(cg_op_rmdir, child));
	/* DELETE on the cgroup itself suffices */
	ASSERT_EQ(0, cg_set_dacl(child, KACS_FILE_GENERIC_READ | KACS_DELETE));
	EXPECT_EQ(0, as_alice(cg_op_rmdir, child));
	/* so does FILE_DELETE_CHILD on the parent */
	ASSERT_EQ(0, mkdir(child, 0755));
	ASSERT_EQ(0, cg_set_dacl(child, KACS_FILE_GENERIC_READ));
	ASSERT_EQ(0, cg_set_dacl(self->dir, KACS_FILE_GENERIC_READ |
				 KACS_FILE_DELETE_CHILD));
	EXPECT_EQ(0, as_alice(cg_op_rmdir, child));
}

/*
 * cgroup v2 delegation: the cgroup's own SD governs cgroup.procs,
 * cgroup.threads and cgroup.subtree_control; its limits belong to the
 * parent's SD.
 */
TEST_F(cg, knobs_belong_to_the_parent)
{
	struct cg_op o = { .dir = self->sub };

	ASSERT_EQ(0, cg_set_dacl(self->sub, KACS_FILE_GENERIC_READ |
				 KACS_FILE_GENERIC_WRITE));
	o.file = "cgroup.max.descendants";
	EXPECT_EQ(-EACCES, as_alice(cg_op_open, &o));
	o.file = "cgroup.subtree_control";
	EXPECT_EQ(0, as_alice(cg_op_open, &o));
	close(o.fd);
	o.file = "cgroup.procs";
	EXPECT_EQ(0, as_alice(cg_op_open, &o));
	close(o.fd);
	ASSERT_EQ(0, cg_set_dacl(self->dir, KACS_FILE_GENERIC_READ |
				 KACS_FILE_WRITE_DATA));
	o.file = "cgroup.max.descendants";
	EXPECT_EQ(0, as_alice(cg_op_open, &o));
	close(o.fd);
	/* and the cgroup's own SD no longer matters for a limit */
	ASSERT_EQ(0, cg_set_dacl(self->sub, KACS_FILE_GENERIC_READ));
	EXPECT_EQ(0, as_alice(cg_op_open, &o));
	close(o.fd);
	o.file = "cgroup.procs";
	EXPECT_EQ(-EACCES, as_alice(cg_op_open, &o));
}

/*
 * A cgroup.procs handle carries the authority of its opener: alice's
 * handle cannot move a process alice may not touch, even when a SYSTEM
 * writer uses it, and SYSTEM's handle works for alice.
 */
TEST_F(cg, procs_write_judged_with_the_opener)
{
	struct cg_op o = { .dir = self->dir, .file = "cgroup.procs" };
	char pid[16];

	snprintf(pid, sizeof(pid), "%d", self->v.pid);
	o.val = pid;
	ASSERT_EQ(0, cg_set_dacl(self->dir, KACS_FILE_GENERIC_READ |
				 KACS_FILE_WRITE_DATA));
	victim_narrow(_metadata, &self->v, KACS_PROCESS_QUERY_LIMITED);
	ASSERT_EQ(0, as_alice(cg_op_open, &o));
	EXPECT_EQ(-EACCES, cg_op_fd_write(&o));
	/* a credential change between open and write changes nothing */
	ASSERT_EQ(0, prctl(PR_SET_KEEPCAPS, 1));
	EXPECT_EQ(-EACCES, cg_op_fd_write(&o));
	close(o.fd);
	ASSERT_EQ(0, cg_op_open(&o));
	EXPECT_EQ(0, as_alice(cg_op_fd_write, &o));
	close(o.fd);
	/* the victim moved to the parent */
	o.dir = self->sub;
	EXPECT_EQ(0, cg_op_open(&o));
	EXPECT_EQ(0, cg_op_fd_write(&o));
	close(o.fd);
}

static long cg_op_open_write(void *arg)
{
	long r = cg_op_open(arg);

	if (r)
		return r;
	r = cg_op_fd_write(arg);
	close(((struct cg_op *)arg)->fd);
	return r;
}

/* Does line "0::<path>" of @file (a /proc cgroup file) end in @suffix? */
static bool in_cgroup(const char *file, const char *suffix)
{
	char buf[256] = { 0 };
	size_t l = strlen(suffix);
	int fd, n;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 1 || buf[n - 1] != '\n')
		return false;
	buf[n - 1] = 0;
	return (size_t)n - 1 >= l && !strcmp(buf + n - 1 - l, suffix);
}

/* Is @pid listed in @dir/cgroup.procs? */
static bool cg_has(const char *dir, pid_t pid)
{
	char buf[4096], *l, *save = NULL;

	if (cg_read(dir, "cgroup.procs", buf, sizeof(buf)))
		return false;
	for (l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		if (atoi(l) == pid)
			return true;
	return false;
}

/*
 * cgroup.threads (admin guide, Cgroups): moving a thread of another
 * process needs FILE_WRITE_DATA on the destination's SD, checked when
 * the file is opened, and PROCESS_SET_INFORMATION on the process (two
 * checks), checked at the write.
 */
TEST_F(cg, threads_write_needs_write_data_and_set_information)
{
	char thr[200], t1[220], t2[220], task[96], val[16];
	struct cg_op o = { .file = "cgroup.threads", .val = val };
	pid_t tid;

	snprintf(thr, sizeof(thr), "%s/thr", self->dir);
	snprintf(t1, sizeof(t1), "%s/t1", thr);
	snprintf(t2, sizeof(t2), "%s/t2", thr);
	ASSERT_EQ(0, mkdir(thr, 0755));
	ASSERT_EQ(0, mkdir(t1, 0755));
	ASSERT_EQ(0, mkdir(t2, 0755));
	ASSERT_EQ(0, cg_write(t1, "cgroup.type", "threaded"));
	ASSERT_EQ(0, cg_write(t2, "cgroup.type", "threaded"));
	snprintf(val, sizeof(val), "%d", self->v.pid);
	ASSERT_EQ(0, cg_write(thr, "cgroup.procs", val));
	ASSERT_EQ('K', victim_ask(&self->v, 'T'));
	tid = self->v.sh->tid;
	ASSERT_LT(0, tid);
	snprintf(val, sizeof(val), "%d", tid);
	snprintf(task, sizeof(task), "/proc/%d/task/%d/cgroup", self->v.pid,
		 tid);
	ASSERT_TRUE(in_cgroup(task, "/thr"));

	/* t1 writable for alice, the victim only visible to her */
	ASSERT_EQ(0, cg_set_dacl(t1, KACS_FILE_GENERIC_READ |
				 KACS_FILE_WRITE_DATA));
	victim_narrow(_metadata, &self->v, KACS_PROCESS_QUERY_LIMITED);
	o.dir = t1;
	EXPECT_EQ(-EACCES, as_alice(cg_op_open_write, &o));
	EXPECT_TRUE(in_cgroup(task, "/thr"));
	/* with PROCESS_SET_INFORMATION the thread moves */
	victim_narrow(_metadata, &self->v, KACS_PROCESS_QUERY_LIMITED |
		      KACS_PROCESS_SET_INFORMATION);
	EXPECT_EQ(0, as_alice(cg_op_open_write, &o));
	EXPECT_TRUE(in_cgroup(task, "/thr/t1"));
	/* only that thread: the leader stayed */
	snprintf(task, sizeof(task), "/proc/%d/task/%d/cgroup", self->v.pid,
		 self->v.pid);
	EXPECT_TRUE(in_cgroup(task, "/thr"));
	/* t2 keeps the default SD: alice may not even open the file */
	o.dir = t2;
	EXPECT_EQ(-EACCES, as_alice(cg_op_open, &o));
	/* SYSTEM may */
	EXPECT_EQ(0, cg_op_open_write(&o));
	snprintf(task, sizeof(task), "/proc/%d/task/%d/cgroup", self->v.pid,
		 tid);
	EXPECT_TRUE(in_cgroup(task, "/thr/t2"));

	EXPECT_EQ(0, victim_stop(&self->v));
	self->v.pid = 0;
	EXPECT_EQ(0, rmdir(t1));
	EXPECT_EQ(0, rmdir(t2));
	EXPECT_EQ(0, rmdir(thr));
}

/*
 * cgroup.procs with another process's pid: FILE_WRITE_DATA on the
 * destination is not enough, PROCESS_SET_INFORMATION on the process is
 * needed too, and PIP dominance even for SYSTEM with SeDebugPrivilege.
 */
TEST_F(cg, procs_write_of_another_process_needs_set_information)
{
	struct cg_op o = { .dir = self->dir, .file = "cgroup.procs" };
	char pid[16], file[64];

	snprintf(pid, sizeof(pid), "%d", self->v.pid);
	snprintf(file, sizeof(file), "/proc/%d/cgroup", self->v.pid);
	o.val = pid;
	ASSERT_EQ(0, cg_set_dacl(self->dir, KACS_FILE_GENERIC_READ |
				 KACS_FILE_WRITE_DATA));
	ASSERT_TRUE(in_cgroup(file, "/sub"));
	victim_narrow(_metadata, &self->v, KACS_PROCESS_QUERY_LIMITED);
	EXPECT_EQ(-EACCES, as_alice(cg_op_open_write, &o));
	EXPECT_TRUE(in_cgroup(file, "/sub"));
	victim_narrow(_metadata, &self->v, KACS_PROCESS_QUERY_LIMITED |
		      KACS_PROCESS_SET_INFORMATION);
	EXPECT_EQ(0, as_alice(cg_op_open_write, &o));
	EXPECT_FALSE(in_cgroup(file, "/sub"));
	EXPECT_TRUE(in_cgroup(file, self->dir + strlen(CG_ROOT)));
	/* back to sub, then a PIP the caller does not dominate */
	ASSERT_EQ(0, cg_write(self->sub, "cgroup.procs", pid));
	ASSERT_EQ('K', victim_ask(&self->v, 'P'));
	EXPECT_EQ(-EACCES, cg_op_open_write(&o));
	/* its /proc/<pid>/cgroup is closed to us now; the cgroup's list */
	EXPECT_TRUE(cg_has(self->sub, self->v.pid));
	EXPECT_FALSE(cg_has(self->dir, self->v.pid));
}

/* A child that records its cgroup in a shared page and exits. */
static char *cg_child_text;

static int cg_child(void *arg)
{
	int fd = open("/proc/self/cgroup", O_RDONLY);

	if (fd < 0 || read(fd, cg_child_text, 255) <= 0)
		return 1;
	return 0;
}

struct into_cg {
	int fd;
	long pid;
};

static long into_cg_spawn(void *arg)
{
	struct into_cg *c = arg;
	struct kacs_spawn s = { .clone3 = true, .exit_signal = SIGCHLD,
				.flags = CLONE_INTO_CGROUP,
				.cgroup_fd = c->fd };

	c->pid = kacs_spawn_run(&s, cg_child, NULL);
	kacs_spawn_done(&s);
	return c->pid < 0 ? c->pid : 0;
}

/*
 * O_PATH cgroup directory fds (userspace-api, kacs_get_sd): accepted by
 * kacs_get_sd() and kacs_set_sd() like an O_RDONLY fd, and by clone3()'s
 * CLONE_INTO_CGROUP, where the cgroup SD still decides.
 */
TEST_F(cg, opath_fds_for_sd_calls_and_clone_into_cgroup)
{
	__u8 a[512], b[512];
	struct into_cg c;
	int fp, fr;
	long n, m;

	cg_child_text = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, cg_child_text);
	fp = open(self->sub, O_PATH | O_DIRECTORY | O_CLOEXEC);
	fr = open(self->sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, fp);
	ASSERT_LE(0, fr);
	n = kacs_get_sd(fp, "", KACS_OWNER_SECURITY_INFORMATION |
			KACS_DACL_SECURITY_INFORMATION, a, sizeof(a),
			AT_EMPTY_PATH);
	ASSERT_LT(0, n) TH_LOG("kacs_get_sd(O_PATH): %s", strerror(errno));
	m = kacs_get_sd(fr, "", KACS_OWNER_SECURITY_INFORMATION |
			KACS_DACL_SECURITY_INFORMATION, b, sizeof(b),
			AT_EMPTY_PATH);
	ASSERT_EQ(n, m);
	EXPECT_EQ(0, memcmp(a, b, n));
	/* kacs_set_sd() through the O_PATH fd; seen through the other */
	close(fr);
	fr = -1;
	{
		struct kacs_tsid sys, alice;
		struct kacs_ace_def aces[2];
		__u8 sd[256];
		size_t len;

		kacs_sid_system(&sys);
		kacs_sid_user(&alice, KACS_RID_ALICE);
		aces[0] = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &sys };
		aces[1] = (struct kacs_ace_def){ 0, 0, KACS_FILE_GENERIC_READ |
						 KACS_FILE_WRITE_DATA, &alice };
		len = kacs_build_sd(sd, sizeof(sd), NULL, NULL, aces, 2, true);
		ASSERT_EQ(0, kacs_set_sd(fp, "", KACS_DACL_SECURITY_INFORMATION,
					 sd, len, AT_EMPTY_PATH))
			TH_LOG("kacs_set_sd(O_PATH): %s", strerror(errno));
		fr = open(self->sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		ASSERT_LE(0, fr);
		m = kacs_get_sd(fr, "", KACS_DACL_SECURITY_INFORMATION, b,
				sizeof(b), AT_EMPTY_PATH);
		ASSERT_EQ((long)len, m);
		EXPECT_EQ(0, memcmp(sd + 20, b + 20, len - 20));
	}
	/* CLONE_INTO_CGROUP with the O_PATH fd: alice may write sub now */
	c.fd = fp;
	EXPECT_EQ(0, as_alice(into_cg_spawn, &c));
	ASSERT_LT(0, c.pid);
	EXPECT_EQ(0, kacs_reap(c.pid));
	EXPECT_NE(NULL, strstr(cg_child_text, "/sub\n"))
		TH_LOG("child in %s", cg_child_text);
	/* and is refused once she may not */
	ASSERT_EQ(0, cg_set_dacl(self->sub, KACS_FILE_GENERIC_READ));
	EXPECT_EQ(-EACCES, as_alice(into_cg_spawn, &c));
	/* SYSTEM may, through the same fd */
	EXPECT_EQ(0, into_cg_spawn(&c));
	ASSERT_LT(0, c.pid);
	EXPECT_EQ(0, kacs_reap(c.pid));
	close(fp);
	close(fr);
	munmap(cg_child_text, 4096);
}

/*
 * The stored cgroup SD is reachable only through kacs_get_sd() and
 * kacs_set_sd(): reading, writing or removing the security.peios.sd
 * extended attribute directly fails with EPERM, for SYSTEM too, and the
 * SD is unchanged afterwards.  Listing names it, as Peios specifies for
 * every SD attribute (listxattr is not gated).
 */
TEST_F(cg, raw_sd_xattr_refused)
{
	static const char name[] = "security.peios.sd";
	__u8 before[512], after[512], junk[64] = { 1 };
	char names[256], *p;
	int fd;
	long n, m, l;

	fd = open(self->sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	n = kacs_get_sd(fd, "", KACS_OWNER_SECURITY_INFORMATION |
			KACS_GROUP_SECURITY_INFORMATION |
			KACS_DACL_SECURITY_INFORMATION, before, sizeof(before),
			AT_EMPTY_PATH);
	ASSERT_LT(0, n);
	EXPECT_EQ(-1, getxattr(self->sub, name, after, sizeof(after)));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, fgetxattr(fd, name, NULL, 0));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, setxattr(self->sub, name, junk, sizeof(junk), 0));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, fsetxattr(fd, name, before, n, XATTR_REPLACE));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, removexattr(self->sub, name));
	EXPECT_EQ(EPERM, errno);
	memset(names, 0, sizeof(names));
	l = listxattr(self->sub, names, sizeof(names) - 1);
	ASSERT_LT(0, l);
	for (p = names; p < names + l && strcmp(p, name); p += strlen(p) + 1)
		;
	EXPECT_LT(p, names + l) TH_LOG("%s not listed", name);
	m = kacs_get_sd(fd, "", KACS_OWNER_SECURITY_INFORMATION |
			KACS_GROUP_SECURITY_INFORMATION |
			KACS_DACL_SECURITY_INFORMATION, after, sizeof(after),
			AT_EMPTY_PATH);
	ASSERT_EQ(n, m);
	EXPECT_EQ(0, memcmp(before, after, n));
	close(fd);
}

/* The SD bytes of the cgroup template for @owner / @group. */
static size_t cg_template(__u8 *buf, size_t len, const struct kacs_tsid *owner,
			  const struct kacs_tsid *group)
{
	struct kacs_tsid sys, ba, wd;
	struct kacs_ace_def aces[4];

	kacs_sid_system(&sys);
	kacs_sid_admins(&ba);
	kacs_sid_everyone(&wd);
	aces[0] = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, owner };
	aces[1] = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &ba };
	aces[2] = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &sys };
	aces[3] = (struct kacs_ace_def){ 0, 0, KACS_FILE_GENERIC_READ, &wd };
	return kacs_build_sd(buf, len, owner, group, aces, 4, true);
}

static long cg_sd_of(const char *dir, __u8 *buf, size_t len)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	long n;

	if (fd < 0)
		return -errno;
	n = kacs_get_sd(fd, "", KACS_OWNER_SECURITY_INFORMATION |
			KACS_GROUP_SECURITY_INFORMATION |
			KACS_DACL_SECURITY_INFORMATION, buf, len,
			AT_EMPTY_PATH);
	close(fd);
	return n < 0 ? -errno : n;
}

/*
 * A new cgroup's SD (admin guide, Cgroups; DESIGN 3.5 and Q29) comes from
 * its creator's primary token: made by a process running as alice, owner
 * alice, group her primary group, ALLOW alice, Administrators and SYSTEM
 * GENERIC_ALL, Everyone FILE_GENERIC_READ; made by a SYSTEM thread that
 * impersonates alice (who needs FILE_ADD_SUBDIRECTORY for it), SYSTEM's
 * template, which gives alice read access only.
 */
TEST_F(cg, sd_of_a_cgroup_made_by_a_non_system_creator)
{
	struct kacs_tsid alice, dom_users, sys, ba;
	char by_alice[200], by_imp[200];
	struct cg_op o = { .file = "cgroup.procs" };
	__u8 want[512], got[512];
	size_t wlen;
	pid_t p;
	long n;

	kacs_sid_user(&alice, KACS_RID_ALICE);
	kacs_tsid_make(&dom_users, 5, 5, 21, 100, 200, 300, 513);
	kacs_sid_system(&sys);
	kacs_sid_admins(&ba);
	snprintf(by_alice, sizeof(by_alice), "%s/by_alice", self->dir);
	snprintf(by_imp, sizeof(by_imp), "%s/by_imp", self->dir);
	ASSERT_EQ(0, cg_set_dacl(self->dir, KACS_FILE_GENERIC_READ |
				 KACS_FILE_ADD_SUBDIRECTORY));
	p = fork();
	ASSERT_LE(0, p);
	if (p == 0) {
		int fd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0,
					0);

		if (fd < 0 || kacs_install(fd))
			_exit(1);
		_exit(mkdir(by_alice, 0755) ? 10 + errno : 0);
	}
	ASSERT_EQ(0, kacs_reap(p)) TH_LOG("mkdir as alice");
	wlen = cg_template(want, sizeof(want), &alice, &dom_users);
	n = cg_sd_of(by_alice, got, sizeof(got));
	ASSERT_EQ((long)wlen, n);
	EXPECT_EQ(0, memcmp(want, got, wlen));
	/* so alice, its owner, may manage its membership */
	o.dir = by_alice;
	EXPECT_EQ(0, as_alice(cg_op_open, &o));
	close(o.fd);

	EXPECT_EQ(0, as_alice(cg_op_mkdir, by_imp));
	wlen = cg_template(want, sizeof(want), &sys, &ba);
	n = cg_sd_of(by_imp, got, sizeof(got));
	ASSERT_EQ((long)wlen, n);
	EXPECT_EQ(0, memcmp(want, got, wlen));
	o.dir = by_imp;
	EXPECT_EQ(-EACCES, as_alice(cg_op_open, &o));

	EXPECT_EQ(0, rmdir(by_alice));
	EXPECT_EQ(0, rmdir(by_imp));
}

/* ---- scheduling, limits and other attributes ------------------------------ */

static long a_prlimit_set(void *arg)
{
	struct rlimit r = { 1, 1 };

	return prlimit(*(pid_t *)arg, RLIMIT_CPU, &r, NULL) ? errno : 0;
}

static long a_prlimit_get(void *arg)
{
	struct rlimit r;

	return prlimit(*(pid_t *)arg, RLIMIT_CPU, NULL, &r) ? errno : 0;
}

static long a_setpriority(void *arg)
{
	return setpriority(PRIO_PROCESS, *(pid_t *)arg, 5) ? errno : 0;
}

static long a_setscheduler(void *arg)
{
	struct sched_param sp = { 0 };

	return sched_setscheduler(*(pid_t *)arg, SCHED_BATCH, &sp) ?
	       errno : 0;
}

static long a_setaffinity(void *arg)
{
	cpu_set_t s;

	CPU_ZERO(&s);
	CPU_SET(0, &s);
	return sched_setaffinity(*(pid_t *)arg, sizeof(s), &s) ? errno : 0;
}

static long a_ioprio_set(void *arg)
{
	return syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, *(pid_t *)arg,
		       IOPRIO_BE_4) ? errno : 0;
}

static long a_getscheduler(void *arg)
{
	return sched_getscheduler(*(pid_t *)arg) < 0 ? errno : 0;
}

static long a_getaffinity(void *arg)
{
	cpu_set_t s;

	return sched_getaffinity(*(pid_t *)arg, sizeof(s), &s) ? errno : 0;
}

static long a_ioprio_get(void *arg)
{
	return syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, *(pid_t *)arg) < 0 ?
	       errno : 0;
}

static long a_capget(void *arg)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
		.pid = *(pid_t *)arg,
	};
	struct __user_cap_data_struct d[2];

	return syscall(SYS_capget, &h, d) ? errno : 0;
}

static long a_getpgid(void *arg)
{
	return getpgid(*(pid_t *)arg) < 0 ? errno : 0;
}

static long a_getsid(void *arg)
{
	return getsid(*(pid_t *)arg) < 0 ? errno : 0;
}

struct attr_case {
	const char *name;
	long (*op)(void *arg);
	bool limited;	/* needs only PROCESS_QUERY_LIMITED */
};

static const struct attr_case attr_cases[] = {
	{ "prlimit(set)", a_prlimit_set, false },
	{ "setpriority", a_setpriority, false },
	{ "sched_setscheduler", a_setscheduler, false },
	{ "sched_setaffinity", a_setaffinity, false },
	{ "ioprio_set", a_ioprio_set, false },
	{ "prlimit(get)", a_prlimit_get, false },
	{ "sched_getscheduler", a_getscheduler, false },
	{ "sched_getaffinity", a_getaffinity, false },
	{ "ioprio_get", a_ioprio_get, false },
	{ "capget", a_capget, false },
	{ "getpgid", a_getpgid, true },
	{ "getsid", a_getsid, true },
};

FIXTURE(attr) {
	struct victim v;
};

FIXTURE_SETUP(attr)
{
	ASSERT_EQ(0, victim_start(&self->v));
}

FIXTURE_TEARDOWN(attr)
{
	EXPECT_EQ(0, victim_stop(&self->v));
}

TEST_F(attr, refused_by_pip_even_with_sedebug)
{
	unsigned int i;

	ASSERT_EQ('K', victim_ask(&self->v, 'P'));
	for (i = 0; i < ARRAY_SIZE(attr_cases); i++) {
		const struct attr_case *c = &attr_cases[i];

		EXPECT_EQ(EPERM, c->op(&self->v.pid)) TH_LOG("%s", c->name);
	}
	EXPECT_TRUE(victim_alive(&self->v));
}

TEST_F(attr, refused_by_sd_allowed_for_system)
{
	unsigned int i;

	victim_narrow(_metadata, &self->v, KACS_PROCESS_QUERY_LIMITED);
	for (i = 0; i < ARRAY_SIZE(attr_cases); i++) {
		const struct attr_case *c = &attr_cases[i];

		EXPECT_EQ(c->limited ? 0 : EPERM,
			  as_alice(c->op, &self->v.pid)) TH_LOG("%s", c->name);
		EXPECT_EQ(0, c->op(&self->v.pid)) TH_LOG("%s", c->name);
	}
	EXPECT_TRUE(victim_alive(&self->v));
}

/* Operations on one's own process are not process-boundary operations. */
static long a_self_all(void *arg)
{
	pid_t self = getpid();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(attr_cases); i++)
		if (attr_cases[i].op != a_prlimit_set &&
		    attr_cases[i].op(&self))
			return i + 1;
	return 0;
}

TEST(attr_self_skips_the_gate)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);

	ASSERT_EQ(0, kacs_pip_set(KACS_PIP_PROTECTED,
				  KACS_PIP_TRUST_PEIOS_TCB));
	ASSERT_LE(0, fd);
	close(fd);
	/* alice has no right on this process's SD: still allowed on itself */
	EXPECT_EQ(0, as_alice(a_self_all, NULL));
}

/* ---- /proc/<pid> ---------------------------------------------------------- */

struct proc_case {
	const char *name;
	int flags;
	__u32 right;
	bool tgid_only;	/* not in /proc/<pid>/task/<tid> */
};

static const struct proc_case proc_cases[] = {
	{ "stat", O_RDONLY, KACS_PROCESS_QUERY_LIMITED },
	{ "comm", O_RDONLY, KACS_PROCESS_QUERY_LIMITED },
	{ "status", O_RDONLY, KACS_PROCESS_QUERY_INFORMATION },
	{ "cmdline", O_RDONLY, KACS_PROCESS_QUERY_INFORMATION },
	{ "limits", O_RDONLY, KACS_PROCESS_QUERY_INFORMATION },
	{ "oom_score_adj", O_RDONLY, KACS_PROCESS_QUERY_INFORMATION },
	{ "oom_score_adj", O_WRONLY, KACS_PROCESS_SET_INFORMATION },
	{ "oom_adj", O_WRONLY, KACS_PROCESS_SET_INFORMATION },
	{ "timerslack_ns", O_RDONLY, KACS_PROCESS_QUERY_INFORMATION, true },
	{ "timerslack_ns", O_WRONLY, KACS_PROCESS_SET_INFORMATION, true },
	{ "uid_map", O_RDONLY, KACS_PROCESS_QUERY_INFORMATION },
};

struct proc_open {
	pid_t pid;
	const char *task;	/* "" or "task/<tid>/" */
	const struct proc_case *c;
};

static long proc_open_op(void *arg)
{
	struct proc_open *o = arg;
	char p[128];
	int fd;

	snprintf(p, sizeof(p), "/proc/%d/%s%s", o->pid, o->task, o->c->name);
	fd = open(p, o->c->flags | O_CLOEXEC);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

FIXTURE(procfs) {
	struct victim v;
	char task[32];
};

FIXTURE_VARIANT(procfs) {
	bool task_dir;
};

FIXTURE_VARIANT_ADD(procfs, pid) { .task_dir = false };
FIXTURE_VARIANT_ADD(procfs, task) { .task_dir = true };

FIXTURE_SETUP(procfs)
{
	ASSERT_EQ(0, victim_start(&self->v));
	if (variant->task_dir)
		snprintf(self->task, sizeof(self->task), "task/%d/",
			 self->v.pid);
	else
		self->task[0] = 0;
}

FIXTURE_TEARDOWN(procfs)
{
	EXPECT_EQ(0, victim_stop(&self->v));
}

TEST_F(procfs, refused_by_pip)
{
	struct proc_open o = { .pid = self->v.pid, .task = self->task };
	unsigned int i;

	ASSERT_EQ('K', victim_ask(&self->v, 'P'));
	for (i = 0; i < ARRAY_SIZE(proc_cases); i++) {
		o.c = &proc_cases[i];
		if (o.c->tgid_only && o.task[0])
			continue;
		EXPECT_EQ(EACCES, proc_open_op(&o)) TH_LOG("%s", o.c->name);
	}
}

TEST_F(procfs, rights_per_entry)
{
	struct proc_open o = { .pid = self->v.pid, .task = self->task };
	unsigned int i;

	victim_narrow(_metadata, &self->v, KACS_PROCESS_QUERY_LIMITED);
	for (i = 0; i < ARRAY_SIZE(proc_cases); i++) {
		o.c = &proc_cases[i];
		if (o.c->tgid_only && o.task[0])
			continue;
		EXPECT_EQ(o.c->right == KACS_PROCESS_QUERY_LIMITED ? 0 : EACCES,
			  as_alice(proc_open_op, &o)) TH_LOG("%s", o.c->name);
		EXPECT_EQ(0, proc_open_op(&o)) TH_LOG("SYSTEM: %s", o.c->name);
	}
	victim_narrow(_metadata, &self->v, KACS_PROCESS_QUERY_LIMITED |
		      KACS_PROCESS_QUERY_INFORMATION |
		      KACS_PROCESS_SET_INFORMATION);
	for (i = 0; i < ARRAY_SIZE(proc_cases); i++) {
		o.c = &proc_cases[i];
		if (o.c->tgid_only && o.task[0])
			continue;
		EXPECT_EQ(0, as_alice(proc_open_op, &o)) TH_LOG("%s",
								o.c->name);
	}
}

/* Like a handle, an fd keeps the authority of its open. */
TEST_F(procfs, handle_opened_earlier_keeps_its_authority)
{
	char p[64];
	int fd;

	snprintf(p, sizeof(p), "/proc/%d/oom_score_adj", self->v.pid);
	fd = open(p, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ('K', victim_ask(&self->v, 'P'));
	EXPECT_EQ(-1, open(p, O_WRONLY | O_CLOEXEC));
	EXPECT_EQ(EACCES, errno);
	/* opened before the victim raised its PIP: the handle still works */
	EXPECT_EQ(4, write(fd, "100\n", 4));
	close(fd);
}

/* ---- parent-death signal -------------------------------------------------- */

struct pdeath {
	int ready[2];
	pid_t child;
	int err;
};

static void *pdeath_parent(void *arg)
{
	struct pdeath *d = arg;
	int fd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION,
				KACS_LEVEL_IDENTIFICATION, 0);
	char b;

	if (fd < 0 || kacs_impersonate(fd)) {
		d->err = 1;
		return NULL;
	}
	d->child = fork();
	if (d->child == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (write(d->ready[1], "r", 1) != 1)
			_exit(2);
		for (;;)
			pause();
	}
	if (d->child < 0 || read(d->ready[0], &b, 1) != 1)
		d->err = 2;
	close(fd);
	/* exit while still impersonating alice at Identification level */
	return NULL;
}

TEST(pdeath_signal_from_a_thread_dying_impersonated)
{
	struct pdeath d = { 0 };
	pthread_t th;
	int i, st = 0;
	pid_t r = 0;

	ASSERT_EQ(0, pipe2(d.ready, O_CLOEXEC));
	ASSERT_EQ(0, pthread_create(&th, NULL, pdeath_parent, &d));
	ASSERT_EQ(0, pthread_join(th, NULL));
	ASSERT_EQ(0, d.err);
	for (i = 0; i < 200 && !r; i++) {
		r = waitpid(d.child, &st, WNOHANG | __WALL);
		if (!r)
			usleep(10000);
	}
	if (!r) {
		kill(d.child, SIGKILL);
		waitpid(d.child, &st, __WALL);
	}
	ASSERT_EQ(d.child, r) TH_LOG("the child outlived its parent thread");
	EXPECT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGKILL, WTERMSIG(st));
}

/* ---- INSTALL stragglers --------------------------------------------------- */

#define INSTALLS	40
#define WORKERS		2

static struct kacs_tsid inst_user[2];
/*
 * Install sequence: odd while an install is in progress, 2 * g once g
 * installs have returned.  A worker judges a child or thread only if no
 * install began or ended while it was being created and examined: a
 * generation counter bumped after the install returned left a window in
 * which a child of the new install looked stale.
 */
static atomic_int inst_seq;
static atomic_int inst_stop;

/* 0 alice, 1 bob, 2 anything else or an error */
static int whoami(void)
{
	struct kacs_tsid u = { 0 };

	if (kacs_self_user(true, &u))
		return 2;
	if (kacs_tsid_eq(&u, &inst_user[0]))
		return 0;
	return kacs_tsid_eq(&u, &inst_user[1]) ? 1 : 2;
}

static void *inst_thread(void *arg)
{
	*(int *)arg = whoami();
	return NULL;
}

struct inst_worker {
	int rounds;
	int stale;	/* children or threads on a superseded token */
	int errors;
};

static void *inst_worker_fn(void *arg)
{
	struct inst_worker *w = arg;

	while (!atomic_load(&inst_stop)) {
		int seq = atomic_load(&inst_seq), g = seq / 2, who, st;
		pthread_t th;
		pid_t p;

		if (!g || (seq & 1))
			continue;
		p = fork();
		if (p == 0)
			_exit(whoami());
		if (p < 0 || waitpid(p, &st, 0) != p || !WIFEXITED(st)) {
			w->errors++;
			continue;
		}
		/* created after install g returned, before the next began */
		if (atomic_load(&inst_seq) == seq &&
		    WEXITSTATUS(st) != (g - 1) % 2)
			w->stale++;
		if (pthread_create(&th, NULL, inst_thread, &who) ||
		    pthread_join(th, NULL)) {
			w->errors++;
			continue;
		}
		if (atomic_load(&inst_seq) == seq && who != (g - 1) % 2)
			w->stale++;
		w->rounds++;
	}
	return NULL;
}

/*
 * A sibling that has not converged to an INSTALLed token yet cannot
 * clone: the clone restarts once it converged, so no new thread or child
 * starts on a superseded token.
 */
/* The rounds take up to 80 s on a KASAN + lockdep kernel. */
FIXTURE(install) {};
FIXTURE_SETUP(install) {}
FIXTURE_TEARDOWN(install) {}

TEST_F_TIMEOUT(install, no_straggler_clones, 180)
{
	pid_t p;
	int st;

	p = fork();
	ASSERT_LE(0, p);
	if (p == 0) {
		struct inst_worker w[WORKERS] = { 0 };
		pthread_t th[WORKERS];
		int fd[2], i, rounds = 0;

		kacs_sid_user(&inst_user[0], KACS_RID_ALICE);
		kacs_sid_user(&inst_user[1], KACS_RID_BOB);
		fd[0] = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0,
				       KACS_PRIV(KACS_SE_ASSIGN_PRIMARY_TOKEN));
		fd[1] = kacs_mint_user(KACS_RID_BOB, KACS_TOKEN_PRIMARY, 0,
				       KACS_PRIV(KACS_SE_ASSIGN_PRIMARY_TOKEN));
		if (fd[0] < 0 || fd[1] < 0)
			_exit(1);
		for (i = 0; i < WORKERS; i++)
			if (pthread_create(&th[i], NULL, inst_worker_fn, &w[i]))
				_exit(2);
		for (i = 0; i < INSTALLS; i++) {
			atomic_fetch_add(&inst_seq, 1);
			if (kacs_install(fd[i % 2]))
				_exit(3);
			atomic_fetch_add(&inst_seq, 1);
			usleep(20000);
		}
		/*
		 * Keep cloning until at least 1000 rounds were checked: a few
		 * seconds here, up to a minute on a KASAN + lockdep kernel.
		 */
		for (i = 0; i < 4000 && rounds < 1000; i++) {
			usleep(20000);
			rounds = w[0].rounds + w[1].rounds;
		}
		atomic_store(&inst_stop, 1);
		for (i = 0; i < WORKERS; i++)
			pthread_join(th[i], NULL);
		rounds = 0;
		for (i = 0; i < WORKERS; i++) {
			/* a clone started on a superseded token */
			if (w[i].stale)
				_exit(10);
			if (w[i].errors)
				_exit(11);
			rounds += w[i].rounds;
		}
		if (rounds < 1000)
			_exit(12);
		/* every thread ended on the last install (bob) */
		if (whoami() != (INSTALLS - 1) % 2)
			_exit(13);
		_exit(0);
	}
	ASSERT_EQ(p, waitpid(p, &st, 0));
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st))
		TH_LOG("step %d failed in the installing child",
		       WEXITSTATUS(st));
}

KACS_HARNESS_MAIN
