// SPDX-License-Identifier: GPL-2.0-only
/*
 * kacs clone-demo: create children with a set of clone flags and print,
 * for each, what the CLONE flag reference says KACS does and what the
 * kernel did (token user and id, impersonation, SD owner, gate outcome).
 * `make` runs it in the guest and fails unless every row is as documented.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <linux/sched.h>

#include "tool.h"

#define KT_STACK_SIZE (256 * 1024)

pid_t kt_clone(int (*fn)(void *), void *arg, unsigned long flags,
	       int *pidfd)
{
	char *stack = mmap(NULL, KT_STACK_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	pid_t r;

	if (stack == MAP_FAILED)
		return -ENOMEM;
	/* The stack stays mapped: a thread or a CLONE_VM child may run on. */
	r = clone(fn, stack + KT_STACK_SIZE, (int)flags, arg, pidfd, NULL,
		  NULL);
	return r < 0 ? -errno : r;
}

pid_t kt_clone3_fork(__u64 flags, int cgroup_fd, int *pidfd)
{
	struct clone_args ca;
	long r;

	memset(&ca, 0, sizeof(ca));
	ca.flags = flags;
	ca.exit_signal = SIGCHLD;
	ca.pidfd = (__u64)(uintptr_t)pidfd;
	ca.cgroup = cgroup_fd < 0 ? 0 : cgroup_fd;
	r = syscall(__NR_clone3, &ca, sizeof(ca));
	return r < 0 ? -errno : r;
}

int kt_reap(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, __WALL) != pid)
		return -1;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return 128 + WTERMSIG(st);
}

static int impersonate(int fd)
{
	if (fd < 0 || ioctl(fd, KACS_IOC_IMPERSONATE) < 0)
		return -1;
	return 0;
}

static const char *sid_short(const struct kt_sid *s, char *buf, size_t len)
{
	const char *n = kt_sid_name(s->b, s->len);

	return n ? n : kt_sid_str(s->b, s->len, buf, len);
}

struct obs {
	atomic_int ready;
	int rel[2];
	struct kacs_token_statistics real, eff;
	struct kt_sid user;
	long val;
};

struct row {
	const char *flag;
	const char *note;	/* the seed's Peios note */
	const char *expect;
	char user[128], id[24], imp[8], owner[128], gate[192];
	bool ok;
};

static struct row rows[16];
static int nrows;

static int demo_child(void *arg)
{
	struct obs *o = arg;
	char b;

	kt_self_token(true, &o->real, &o->user);
	kt_self_token(false, &o->eff, NULL);
	atomic_store(&o->ready, 1);
	while (read(o->rel[0], &b, 1) < 0 && errno == EINTR)
		;
	return 0;
}

static struct obs *obs_new(void)
{
	struct obs *o = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			     MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (o == MAP_FAILED || pipe(o->rel))
		exit(3);
	return o;
}

static void obs_wait(struct obs *o)
{
	int i;

	for (i = 0; i < 2000 && !atomic_load(&o->ready); i++)
		usleep(5000);
}

static void obs_release(struct obs *o, pid_t pid)
{
	if (write(o->rel[1], "x", 1) != 1)
		kill(pid, SIGKILL);
	if (pid > 0)
		kt_reap(pid);
}

static struct row *row_new(const char *flag, const char *note,
			   const char *expect)
{
	struct row *r = &rows[nrows++];

	r->flag = flag;
	r->note = note;
	r->expect = expect;
	snprintf(r->user, sizeof(r->user), "%s", "-");
	snprintf(r->id, sizeof(r->id), "%s", "-");
	snprintf(r->imp, sizeof(r->imp), "%s", "-");
	snprintf(r->owner, sizeof(r->owner), "%s", "-");
	return r;
}

static void row_fill(struct row *r, struct obs *o, pid_t pid)
{
	__u8 sd[1024];
	char s[KT_SID_STR_MAX];
	__u32 off;
	long n;
	int pidfd;

	snprintf(r->user, sizeof(r->user), "%s", sid_short(&o->user, s,
							   sizeof(s)));
	snprintf(r->id, sizeof(r->id), "0x%llx",
		 (unsigned long long)o->real.token_id);
	snprintf(r->imp, sizeof(r->imp), "%s",
		 o->real.token_id == o->eff.token_id ? "no" : "yes");
	pidfd = pid > 0 ? kt_pidfd_open(pid) : -1;
	n = pidfd >= 0 ? kt_get_sd(pidfd, KACS_OWNER_SECURITY_INFORMATION, sd,
				   sizeof(sd)) : -1;
	if (n >= 20 && n <= (long)sizeof(sd)) {
		memcpy(&off, sd + 4, 4);
		if (off && off < n && kt_sid_size(sd + off, n - off)) {
			const char *a = kt_sid_name(sd + off, n - off);

			snprintf(r->owner, sizeof(r->owner), "%s", a ? a :
				 kt_sid_str(sd + off, n - off, s, sizeof(s)));
		}
	}
	if (pidfd >= 0)
		close(pidfd);
}

static struct kacs_token_statistics me;

/* CLONE_THREAD from a thread impersonating alice */
static void *thread_demo(void *arg)
{
	struct row *r = arg;
	struct obs *o = obs_new();
	struct kacs_token_statistics mine;
	int fd = kt_mint_user(KT_RID_ALICE, KACS_TOKEN_IMPERSONATION,
			      KACS_LEVEL_IMPERSONATION);
	pid_t tid;

	if (impersonate(fd))
		return NULL;
	tid = kt_clone(demo_child, o, CLONE_VM | CLONE_FS | CLONE_FILES |
		       CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM, NULL);
	obs_wait(o);
	kt_self_token(false, &mine, NULL);
	row_fill(r, o, -1);
	snprintf(r->owner, sizeof(r->owner), "%s", "(process SD)");
	r->ok = tid > 0 && o->real.token_id == me.token_id &&
		o->eff.token_id == me.token_id && mine.token_id != me.token_id;
	snprintf(r->gate, sizeof(r->gate),
		 "shares parent token %s; creator still impersonating: %s",
		 o->real.token_id == me.token_id ? "yes" : "NO",
		 mine.token_id != me.token_id ? "yes" : "no");
	kt_revert();
	if (write(o->rel[1], "x", 1) != 1)
		r->ok = false;
	usleep(100000);
	return NULL;
}

/* fork (no flags) from a thread impersonating alice */
static void *fork_demo(void *arg)
{
	struct row *r = arg;
	struct obs *o = obs_new();
	int fd = kt_mint_user(KT_RID_ALICE, KACS_TOKEN_IMPERSONATION,
			      KACS_LEVEL_IMPERSONATION);
	pid_t pid;

	if (impersonate(fd))
		return NULL;
	pid = kt_clone(demo_child, o, SIGCHLD, NULL);
	kt_revert();
	obs_wait(o);
	row_fill(r, o, pid);
	r->ok = pid > 0 && o->real.token_id != me.token_id &&
		!strcmp(r->user, "SY") && !strcmp(r->owner, "SY") &&
		!strcmp(r->imp, "no");
	snprintf(r->gate, sizeof(r->gate),
		 "new token_id; forked while impersonating alice");
	obs_release(o, pid);
	return NULL;
}

struct pidfd_demo {
	struct row *r;
	pid_t pid;
	int pidfd, open_err;
	struct obs *o;
};

static void *pidfd_demo(void *arg)
{
	struct pidfd_demo *d = arg;
	struct kacs_duplicate_args dup = {
		.access_mask = KACS_TOKEN_ALL_ACCESS,
		.token_type = KACS_TOKEN_IMPERSONATION,
		.impersonation_level = KACS_LEVEL_IDENTIFICATION,
		.result_fd = -1,
	};
	int fd = kt_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_ALL_ACCESS);
	int ofd;

	if (fd < 0 || ioctl(fd, KACS_IOC_DUPLICATE, &dup) < 0 ||
	    impersonate(dup.result_fd))
		return NULL;
	d->pidfd = -1;
	d->pid = kt_clone(demo_child, d->o, CLONE_PIDFD | SIGCHLD, &d->pidfd);
	ofd = d->pid > 0 ? kt_pidfd_open(d->pid) : -1;
	d->open_err = ofd < 0 ? errno : 0;
	if (ofd >= 0)
		close(ofd);
	kt_revert();
	return NULL;
}

struct cg_demo {
	int dfd[2];
	pid_t pid[2];
	struct obs *o[2];
};

static void *cg_demo_thread(void *arg)
{
	struct cg_demo *g = arg;
	int fd = kt_mint_user(KT_RID_ALICE, KACS_TOKEN_IMPERSONATION,
			      KACS_LEVEL_IMPERSONATION);
	int i;

	if (impersonate(fd))
		return NULL;
	for (i = 0; i < 2; i++) {
		g->pid[i] = kt_clone3_fork(CLONE_INTO_CGROUP, g->dfd[i], NULL);
		if (g->pid[i] == 0)
			_exit(demo_child(g->o[i]));
	}
	kt_revert();
	return NULL;
}

static void cgroup_demo(void)
{
	struct row *ra = row_new("CLONE_INTO_CGROUP",
				 "The privilege required to choose the destination cgroup is part of the cgroup-membership story.",
				 "allowed: cgroup SD grants FILE_WRITE_DATA");
	struct row *rb = row_new("CLONE_INTO_CGROUP",
				 "(same flag, second destination)",
				 "EACCES: cgroup SD does not grant it");
	struct kt_sid sys, ba, alice;
	struct kt_ace aces[3];
	struct kt_err e;
	struct cg_demo g = { { -1, -1 } };
	char dir[96], path[128];
	pthread_t th;
	__u8 sd[512];
	size_t len;
	int i;

	kt_sid_parse("SY", 2, &sys, &e);
	kt_sid_parse("BA", 2, &ba, &e);
	kt_sid_parse("alice", 5, &alice, &e);
	snprintf(dir, sizeof(dir), "/sys/fs/cgroup/kacs_demo_%d", getpid());
	if (mkdir(dir, 0755)) {
		snprintf(ra->gate, sizeof(ra->gate), "mkdir: %s", strerror(errno));
		return;
	}
	aces[0] = (struct kt_ace){ 0, 0, KACS_GENERIC_ALL, &sys };
	aces[1] = (struct kt_ace){ 0, 0, KACS_GENERIC_ALL, &ba };
	aces[2] = (struct kt_ace){ 0, 0, KACS_FILE_GENERIC_READ |
				   KACS_FILE_WRITE_DATA, &alice };
	len = kt_build_sd(sd, sizeof(sd), &sys, &ba, aces, 3);
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, i ? "deny" : "allow");
		mkdir(path, 0755);
		g.dfd[i] = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		g.o[i] = obs_new();
	}
	kt_set_sd(g.dfd[0], KACS_DACL_SECURITY_INFORMATION, sd, len);
	if (!pthread_create(&th, NULL, cg_demo_thread, &g))
		pthread_join(th, NULL);
	if (g.pid[0] > 0) {
		obs_wait(g.o[0]);
		row_fill(ra, g.o[0], g.pid[0]);
	}
	snprintf(ra->gate, sizeof(ra->gate), "alice (impersonated) -> allow: %s",
		 g.pid[0] > 0 ? "child placed" : strerror(-g.pid[0]));
	ra->ok = g.pid[0] > 0 && !strcmp(ra->owner, "SY");
	snprintf(rb->gate, sizeof(rb->gate), "alice (impersonated) -> deny: %s",
		 g.pid[1] > 0 ? "child placed" : strerror(-g.pid[1]));
	rb->ok = g.pid[1] == -EACCES;
	for (i = 0; i < 2; i++) {
		if (g.pid[i] > 0)
			obs_release(g.o[i], g.pid[i]);
		close(g.dfd[i]);
		snprintf(path, sizeof(path), "%s/%s", dir, i ? "deny" : "allow");
		rmdir(path);
	}
	rmdir(dir);
}

static void parent_demo(void)
{
	struct row *r = row_new("CLONE_PARENT",
				"The child's process SD governs all interactions regardless of who its parent is.",
				"parent = caller's parent; token/SD owner from the caller (alice)");
	struct obs *o = obs_new();
	int p[2];
	pid_t m, c = -1;

	if (pipe(p))
		return;
	m = fork();
	if (m == 0) {
		int fd = kt_mint_user(KT_RID_ALICE, KACS_TOKEN_PRIMARY, 0);

		if (fd < 0 || ioctl(fd, KACS_IOC_INSTALL) < 0)
			_exit(1);
		c = kt_clone(demo_child, o, CLONE_PARENT | SIGCHLD, NULL);
		if (write(p[1], &c, sizeof(c)) != sizeof(c))
			_exit(2);
		_exit(0);
	}
	if (m < 0 || read(p[0], &c, sizeof(c)) != sizeof(c) || c <= 0) {
		snprintf(r->gate, sizeof(r->gate), "caller failed");
		return;
	}
	kt_reap(m);
	obs_wait(o);
	row_fill(r, o, c);
	/* we can reap it: we are its parent now */
	obs_release(o, -1);
	r->ok = kt_reap(c) == 0 && !strcmp(r->owner, r->user) &&
		strcmp(r->owner, "SY");
	snprintf(r->gate, sizeof(r->gate), "reaped by the grandparent; owner %s",
		 r->owner);
}

static int vfork_child(void *arg)
{
	struct obs *o = arg;

	kt_self_token(true, &o->real, &o->user);
	kt_self_token(false, &o->eff, NULL);
	usleep(100000);
	o->val = 1;
	return 0;
}

static void simple_demo(const char *flag, const char *note,
			const char *expect, __u64 flags, bool tcb)
{
	struct row *r = row_new(flag, note, expect);
	struct obs *o = obs_new();
	pid_t pid;

	flags |= SIGCHLD;
	if (flags & CLONE_VFORK) {
		pid = kt_clone(vfork_child, o, flags, NULL);
		row_fill(r, o, -1);
		snprintf(r->owner, sizeof(r->owner), "%s", "(exited)");
		r->ok = pid > 0 && o->val == 1 && o->real.token_id != me.token_id;
		snprintf(r->gate, sizeof(r->gate), "parent resumed after child exit: %s",
			 o->val == 1 ? "yes" : "NO");
		kt_reap(pid);
		return;
	}
	if (tcb) {
		kt_self_priv(KACS_SE_TCB, false);
		pid = kt_clone(demo_child, o, flags, NULL);
		kt_self_priv(KACS_SE_TCB, true);
		snprintf(r->gate, sizeof(r->gate), "without SeTcb: %s; ",
			 pid > 0 ? "created" : strerror(-pid));
		r->ok = pid == -EPERM;
		if (pid > 0)
			obs_release(o, pid);
	} else {
		r->ok = true;
	}
	pid = kt_clone(demo_child, o, flags, NULL);
	if (pid > 0) {
		obs_wait(o);
		row_fill(r, o, pid);
	}
	r->ok = r->ok && pid > 0 && o->real.token_id != me.token_id &&
		!strcmp(r->owner, "SY");
	snprintf(r->gate + strlen(r->gate), sizeof(r->gate) - strlen(r->gate),
		 "%s%s", tcb ? "with SeTcb: " : "", pid > 0 ? "created" :
		 strerror(-pid));
	if (pid > 0)
		obs_release(o, pid);
}

int cmd_clone_demo(void)
{
	struct pidfd_demo d = { 0 };
	struct kt_sid user;
	pthread_t th;
	char s[KT_SID_STR_MAX];
	int i, bad = 0;
	struct row *r;

	if (kt_self_token(true, &me, &user)) {
		perror("kacs: own token");
		return 1;
	}
	printf("clone-demo: parent pid %d, token user %s, token_id 0x%llx\n\n",
	       getpid(), sid_short(&user, s, sizeof(s)),
	       (unsigned long long)me.token_id);

	r = row_new("CLONE_THREAD",
		    "Branch point: shared primary token, independent impersonation per thread.",
		    "same token_id as parent, not impersonating");
	if (!pthread_create(&th, NULL, thread_demo, r))
		pthread_join(th, NULL);

	r = row_new("(no flags)",
		    "A clone() call with no flags creates a child process that copies (rather than shares) everything.",
		    "own token copy (new token_id), SD owner = parent's primary user");
	if (!pthread_create(&th, NULL, fork_demo, r))
		pthread_join(th, NULL);

	r = row_new("CLONE_PIDFD",
		    "The pidfd is issued without a separate AccessCheck.",
		    "pidfd issued; pidfd_open by the same (Identification-level) thread EACCES");
	d.r = r;
	d.pidfd = -1;
	d.o = obs_new();
	if (!pthread_create(&th, NULL, pidfd_demo, &d))
		pthread_join(th, NULL);
	if (d.pid > 0) {
		obs_wait(d.o);
		row_fill(r, d.o, d.pid);
	}
	snprintf(r->gate, sizeof(r->gate), "pidfd %s; pidfd_open: %s",
		 d.pidfd >= 0 ? "issued" : "NOT issued",
		 d.open_err ? strerror(d.open_err) : "allowed");
	r->ok = d.pid > 0 && d.pidfd >= 0 && d.open_err == EACCES;
	if (d.pid > 0)
		obs_release(d.o, d.pid);

	cgroup_demo();
	parent_demo();
	simple_demo("CLONE_VFORK", "Substrate-as-is.",
		    "parent suspended until the child exits; own token copy",
		    CLONE_VM | CLONE_VFORK, false);
	simple_demo("CLONE_VM", "Substrate-as-is. Required for CLONE_THREAD.",
		    "still a new process: own token copy, own SD",
		    CLONE_VM, false);
	simple_demo("CLONE_NEWUTS", "See Containerisation.",
		    "EPERM without SeTcbPrivilege, created with it",
		    CLONE_NEWUTS, true);

	printf("%-18s %-22s %-10s %-4s %-22s %s\n", "flag", "child user",
	       "token_id", "imp", "SD owner", "gate outcome");
	for (i = 0; i < nrows; i++) {
		r = &rows[i];
		printf("%-18s %-22s %-10s %-4s %-22s %s [%s]\n", r->flag,
		       r->user, r->id, r->imp, r->owner, r->gate,
		       r->ok ? "as documented" : "MISMATCH");
		printf("%-18s seed: \"%s\"\n", "", r->note);
		printf("%-18s expected: %s\n\n", "", r->expect);
		bad += !r->ok;
	}
	if (!bad) {
		printf("clone-demo: %d rows, all as documented\n", nrows);
		return 0;
	}
	printf("clone-demo: %d rows, %d mismatches:", nrows, bad);
	for (i = 0; i < nrows; i++)
		if (!rows[i].ok)
			printf(" %s", rows[i].flag);
	printf("\n");
	return 1;
}

