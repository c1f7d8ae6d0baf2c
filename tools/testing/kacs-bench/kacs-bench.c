// SPDX-License-Identifier: GPL-2.0-only
/*
 * kacs-bench - micro-benchmarks of process creation and the process gates
 *
 * Meant to run as the only program in a guest booted under
 * "qemu -icount shift=0,sleep=off" on one vCPU, where one nanosecond of
 * CLOCK_MONOTONIC is one guest instruction, so the figures are instruction
 * counts and do not depend on the load of the host.  It also runs on any
 * x86_64 Linux as root, where the figures are nanoseconds.
 *
 * Every timed row runs one warm-up batch and then several batches of a
 * fixed number of iterations; a batch gives the mean cost of one
 * iteration and the row reports the median of the batches.  The memory
 * rows create 1000 sleeping processes and divide the growth of /proc/meminfo
 * fields by 1000.
 *
 * Output, one line per row on stdout:
 *	BENCH <row> <unit> <median> <batch>,<batch>,...
 *	BENCH-SKIP <row> <reason>	(a KACS row on a kernel without KACS)
 *	BENCH-ERROR <row> <message>
 * and finally "BENCH-END rows=<n> errors=<n>".  The exit status is 1 if
 * any row failed.  "kacs-bench -l" lists the rows.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/kacs.h>
#include <linux/sched.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>

#ifndef __NR_clone3
#define __NR_clone3 435
#endif
#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif
#ifndef P_PIDFD
#define P_PIDFD 3
#endif

#define MAX_BATCHES	31
#define SLEEPERS	1000
#define MEM_ROUNDS	3
#define PAGE_BYTES	4096
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const char *true_path = "/bin/kacs-bench-true";
static const char *cgroup_root = "/sys/fs/cgroup";
static char *exec_argv[2];
static char *exec_envp[1];
static double scale = 1.0;
static int nbatches = 5;
static bool have_kacs;

/* Helper processes and objects shared by the rows; set up by setup(). */
static pid_t sleeper;		/* signals, pidfd_open, tokens, VM reads */
static int sleeper_pidfd = -1;
static pid_t mover;		/* moved between the two cgroups */
static pid_t tracee;		/* ptrace attach and detach */
static char cg_dir[2][PATH_MAX];
static int cg_dirfd[2] = { -1, -1 };
static int cg_procs[2] = { -1, -1 };
static char mover_pid[16];
static char hostname[HOST_NAME_MAX + 1];
static int imp_fd = -1;		/* impersonation token (KACS) */
static char *page;		/* one page, same address in every child */
static unsigned long *sig_count;	/* shared: SIGCONTs handled */

static int err(void)
{
	return errno ? -errno : -EIO;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static pid_t sys_clone3(struct clone_args *ca)
{
	return syscall(__NR_clone3, ca, sizeof(*ca));
}

static int sys_pidfd_open(pid_t pid)
{
	return syscall(__NR_pidfd_open, pid, 0);
}

/* Wait for @pid and check that it exited with status 0. */
static int reap(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return err();
	return WIFEXITED(st) && !WEXITSTATUS(st) ? 0 : -ECHILD;
}

/* ---- the timed paths: each runs @n iterations, 0 or -errno ---- */

static int run_fork(long n)
{
	pid_t pid;
	int r;

	while (n--) {
		pid = fork();
		if (!pid)
			_exit(0);
		if (pid < 0)
			return err();
		r = reap(pid);
		if (r)
			return r;
	}
	return 0;
}

static int run_vfork(long n)
{
	pid_t pid;
	int r;

	while (n--) {
		pid = vfork();
		if (!pid)
			_exit(0);
		if (pid < 0)
			return err();
		r = reap(pid);
		if (r)
			return r;
	}
	return 0;
}

static void *thread_fn(void *arg)
{
	return arg;
}

static int run_pthread(long n)
{
	pthread_t t;
	int r;

	while (n--) {
		r = pthread_create(&t, NULL, thread_fn, NULL);
		if (r)
			return -r;
		r = pthread_join(t, NULL);
		if (r)
			return -r;
	}
	return 0;
}

static int run_clone3_pidfd(long n)
{
	struct clone_args ca;
	siginfo_t si;
	int pidfd;
	pid_t pid;

	while (n--) {
		memset(&ca, 0, sizeof(ca));
		ca.flags = CLONE_PIDFD;
		ca.pidfd = (uintptr_t)&pidfd;
		ca.exit_signal = SIGCHLD;
		pid = sys_clone3(&ca);
		if (!pid)
			_exit(0);
		if (pid < 0)
			return err();
		memset(&si, 0, sizeof(si));
		if (waitid((idtype_t)P_PIDFD, pidfd, &si, WEXITED) < 0) {
			close(pidfd);
			return err();
		}
		close(pidfd);
		if (si.si_pid != pid || si.si_code != CLD_EXITED || si.si_status)
			return -ECHILD;
	}
	return 0;
}

static int run_clone3_cgroup(long n)
{
	struct clone_args ca;
	pid_t pid;
	int r;

	while (n--) {
		memset(&ca, 0, sizeof(ca));
		ca.flags = CLONE_INTO_CGROUP;
		ca.cgroup = cg_dirfd[0];
		ca.exit_signal = SIGCHLD;
		pid = sys_clone3(&ca);
		if (!pid)
			_exit(0);
		if (pid < 0)
			return err();
		r = reap(pid);
		if (r)
			return r;
	}
	return 0;
}

static int run_kill0(long n)
{
	while (n--)
		if (kill(sleeper, 0))
			return err();
	return 0;
}

/*
 * Every signal is delivered before the next one is sent: wait, giving the
 * CPU to the sleeper, until its handler has counted the signal.  Without
 * that, a SIGCONT still pending would make the next kill() a no-op.
 */
static int run_kill_cont(long n)
{
	unsigned long want = __atomic_load_n(sig_count, __ATOMIC_ACQUIRE);
	long long t0;

	while (n--) {
		if (kill(sleeper, SIGCONT))
			return err();
		want++;
		t0 = 0;
		while (__atomic_load_n(sig_count, __ATOMIC_ACQUIRE) != want) {
			if (!t0)
				t0 = now_ns();
			else if (now_ns() - t0 > 2000000000LL)
				return -ETIMEDOUT;
			sched_yield();
		}
	}
	return 0;
}

static int run_pidfd_open(long n)
{
	int fd;

	while (n--) {
		fd = sys_pidfd_open(sleeper);
		if (fd < 0)
			return err();
		close(fd);
	}
	return 0;
}

/* One move per iteration, alternately into the second and first cgroup. */
static int run_cgroup_move(long n)
{
	size_t len = strlen(mover_pid);
	long i;

	for (i = 0; i < n; i++)
		if (write(cg_procs[(i + 1) & 1], mover_pid, len) != (ssize_t)len)
			return err();
	return 0;
}

static int run_exec(long n)
{
	pid_t pid;
	int r;

	while (n--) {
		pid = fork();
		if (!pid) {
			execve(true_path, exec_argv, exec_envp);
			_exit(127);
		}
		if (pid < 0)
			return err();
		r = reap(pid);
		if (r)
			return r;
	}
	return 0;
}

static int run_ptrace(long n)
{
	int st;

	while (n--) {
		if (ptrace(PTRACE_ATTACH, tracee, NULL, NULL))
			return err();
		if (waitpid(tracee, &st, 0) != tracee)
			return err();
		if (!WIFSTOPPED(st) || WSTOPSIG(st) != SIGSTOP)
			return -ECHILD;
		if (ptrace(PTRACE_DETACH, tracee, NULL, NULL))
			return err();
	}
	return 0;
}

static int run_vm_readv(long n)
{
	static char buf[PAGE_BYTES];
	struct iovec local = { buf, PAGE_BYTES };
	struct iovec remote = { page, PAGE_BYTES };

	while (n--)
		if (process_vm_readv(sleeper, &local, 1, &remote, 1, 0) !=
		    PAGE_BYTES)
			return err();
	return memcmp(buf, page, PAGE_BYTES) ? -EIO : 0;
}

/* sethostname() costs little besides its ns_capable(CAP_SYS_ADMIN). */
static int run_capable(long n)
{
	size_t len = strlen(hostname);

	while (n--)
		if (sethostname(hostname, len))
			return err();
	return 0;
}

static int run_token_query(long n)
{
	struct kacs_token_statistics st;
	struct kacs_query_args q;
	int fd;

	while (n--) {
		fd = syscall(__NR_kacs_open_process_token, sleeper_pidfd,
			     KACS_TOKEN_QUERY);
		if (fd < 0)
			return err();
		q.token_class = KACS_TOKEN_CLASS_STATISTICS;
		q.buf_len = sizeof(st);
		q.buf_ptr = (uintptr_t)&st;
		if (ioctl(fd, KACS_IOC_QUERY, &q)) {
			close(fd);
			return err();
		}
		close(fd);
	}
	return 0;
}

static int run_impersonate(long n)
{
	while (n--) {
		if (ioctl(imp_fd, KACS_IOC_IMPERSONATE))
			return err();
		if (syscall(__NR_kacs_revert))
			return err();
	}
	return 0;
}

struct row {
	const char *name;
	const char *desc;
	long iters;		/* iterations per batch at scale 1 */
	bool kacs_only;
	int (*run)(long n);
};

static const struct row rows[] = {
	{ "fork", "fork + _exit + waitpid", 60, false, run_fork },
	{ "vfork", "vfork + _exit + waitpid", 60, false, run_vfork },
	{ "pthread", "pthread_create + join", 100, false, run_pthread },
	{ "clone3_pidfd", "clone3(CLONE_PIDFD) + waitid(P_PIDFD)", 60, false,
	  run_clone3_pidfd },
	{ "clone3_cgroup", "clone3(CLONE_INTO_CGROUP) + waitpid", 60, false,
	  run_clone3_cgroup },
	{ "exec", "fork + execve(static true) + waitpid", 20, false,
	  run_exec },
	{ "kill0", "kill(other, 0)", 2000, false, run_kill0 },
	{ "kill_cont", "kill(other, SIGCONT) until handled", 500, false,
	  run_kill_cont },
	{ "pidfd_open", "pidfd_open + close", 1000, false, run_pidfd_open },
	{ "cgroup_move", "move a process between two cgroups", 200, false,
	  run_cgroup_move },
	{ "ptrace", "ptrace(PTRACE_ATTACH) + waitpid + PTRACE_DETACH", 100,
	  false, run_ptrace },
	{ "vm_readv", "process_vm_readv of one page", 1000, false,
	  run_vm_readv },
	{ "capable", "sethostname (a capable() check)", 2000, false,
	  run_capable },
	{ "token_query", "kacs_open_process_token + query + close", 1000, true,
	  run_token_query },
	{ "impersonate", "KACS_IOC_IMPERSONATE + kacs_revert", 2000, true,
	  run_impersonate },
};

/* The memory rows are measured together, see mem_rows(). */
static const struct row mem_row_defs[] = {
	{ "slab_per_process", "Slab per extra sleeping process", SLEEPERS,
	  false, NULL },
	{ "mem_per_process", "memory (MemFree) per extra sleeping process",
	  SLEEPERS, false, NULL },
};

/* Whether /sys/kernel/security/lsm lists kacs. */
static bool kacs_active(void)
{
	char buf[512], *tok, *save = NULL;
	ssize_t n;
	int fd;

	fd = open("/sys/kernel/security/lsm", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = 0;
	for (tok = strtok_r(buf, ",\n", &save); tok;
	     tok = strtok_r(NULL, ",\n", &save))
		if (!strcmp(tok, "kacs"))
			return true;
	return false;
}

/* ---- helper processes ---- */

static void on_signal(int sig)
{
	(void)sig;
	__atomic_fetch_add(sig_count, 1, __ATOMIC_RELEASE);
}

/* A child that sleeps until killed; SIGCONT runs a counting handler. */
static pid_t spawn_sleeper(void)
{
	pid_t pid = fork();

	if (!pid) {
		signal(SIGCONT, on_signal);
		for (;;)
			pause();
	}
	return pid;
}

static void kill_reap(pid_t *pid)
{
	if (*pid > 0) {
		kill(*pid, SIGKILL);
		waitpid(*pid, NULL, 0);
	}
	*pid = 0;
}

static int cgroup_setup(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		snprintf(cg_dir[i], sizeof(cg_dir[i]), "%s/kacs-bench-%d-%c",
			 cgroup_root, (int)getpid(), 'a' + i);
		if (mkdir(cg_dir[i], 0755))
			return err();
		cg_dirfd[i] = open(cg_dir[i], O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (cg_dirfd[i] < 0)
			return err();
		cg_procs[i] = openat(cg_dirfd[i], "cgroup.procs",
				     O_WRONLY | O_CLOEXEC);
		if (cg_procs[i] < 0)
			return err();
	}
	return 0;
}

static void cgroup_teardown(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (cg_procs[i] >= 0)
			close(cg_procs[i]);
		if (cg_dirfd[i] >= 0)
			close(cg_dirfd[i]);
		cg_procs[i] = -1;
		cg_dirfd[i] = -1;
	}
	/* The exited children may take a moment to leave the cgroups. */
	for (i = 0; i < 2; i++) {
		int tries = 100;

		while (cg_dir[i][0] && rmdir(cg_dir[i]) && errno == EBUSY &&
		       tries--)
			usleep(10000);
		cg_dir[i][0] = 0;
	}
}

/* An impersonation-level duplicate of the caller's own primary token. */
static int kacs_setup(void)
{
	struct kacs_duplicate_args d = {
		.access_mask = KACS_TOKEN_IMPERSONATE | KACS_TOKEN_QUERY,
		.token_type = KACS_TOKEN_IMPERSONATION,
		.impersonation_level = KACS_LEVEL_IMPERSONATION,
		.result_fd = -1,
	};
	int fd, r = 0;

	fd = syscall(__NR_kacs_open_self_token, KACS_REAL_TOKEN,
		     KACS_TOKEN_DUPLICATE);
	if (fd < 0)
		return err();
	if (ioctl(fd, KACS_IOC_DUPLICATE, &d))
		r = err();
	close(fd);
	imp_fd = d.result_fd;
	return r;
}

static const char *setup_what;

static int setup(void)
{
	int r;

	setup_what = "hostname";
	if (gethostname(hostname, sizeof(hostname)))
		return err();
	hostname[HOST_NAME_MAX] = 0;

	setup_what = "helper processes";
	page = mmap(NULL, PAGE_BYTES, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return err();
	memcpy(page, "kacs-bench", sizeof("kacs-bench"));
	sig_count = mmap(NULL, sizeof(*sig_count), PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sig_count == MAP_FAILED)
		return err();
	sleeper = spawn_sleeper();
	mover = spawn_sleeper();
	tracee = spawn_sleeper();
	if (sleeper < 0 || mover < 0 || tracee < 0)
		return err();
	sleeper_pidfd = sys_pidfd_open(sleeper);
	if (sleeper_pidfd < 0)
		return err();
	snprintf(mover_pid, sizeof(mover_pid), "%d\n", (int)mover);

	setup_what = "cgroups in the cgroup2 root";
	r = cgroup_setup();
	if (r)
		return r;
	if (write(cg_procs[0], mover_pid, strlen(mover_pid)) < 0)
		return err();

	if (have_kacs) {
		setup_what = "impersonation token";
		r = kacs_setup();
		if (r)
			return r;
	}
	return 0;
}

static void teardown(void)
{
	kill_reap(&sleeper);
	kill_reap(&mover);
	kill_reap(&tracee);
	if (sleeper_pidfd >= 0)
		close(sleeper_pidfd);
	if (imp_fd >= 0)
		close(imp_fd);
	cgroup_teardown();
}

/* ---- reporting ---- */

static int nrows, nerrors;

static void row_error(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("BENCH-ERROR %s ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	nerrors++;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(const double *v, int n)
{
	double s[MAX_BATCHES];

	memcpy(s, v, n * sizeof(*v));
	qsort(s, n, sizeof(*s), cmp_double);
	return n & 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static void row_result(const char *name, const char *unit, const double *v,
		       int n)
{
	int i;

	printf("BENCH %s %s %.1f ", name, unit, median(v, n));
	for (i = 0; i < n; i++)
		printf("%s%.1f", i ? "," : "", v[i]);
	printf("\n");
	fflush(stdout);
	nrows++;
}

static void timed_row(const struct row *row)
{
	long n = row->iters * scale;
	double v[MAX_BATCHES];
	long long t0;
	int b, r;

	if (n < 1)
		n = 1;
	if (row->kacs_only && !have_kacs) {
		printf("BENCH-SKIP %s no KACS on this kernel\n", row->name);
		fflush(stdout);
		nrows++;
		return;
	}
	/* Batch -1 is the warm-up. */
	for (b = -1; b < nbatches; b++) {
		t0 = now_ns();
		r = row->run(n);
		if (r) {
			row_error(row->name, "%s (batch %d)", strerror(-r), b);
			return;
		}
		if (b >= 0)
			v[b] = (double)(now_ns() - t0) / n;
	}
	row_result(row->name, "ns", v, nbatches);
}

/* Sum the named /proc/meminfo fields, in bytes. */
static int read_meminfo(long long *slab, long long *memfree)
{
	char line[256];
	long long kb;
	FILE *f;
	int found = 0;
	int fd;

	/* Fold the per-CPU vmstat deltas first (vm.stat_refresh). */
	fd = open("/proc/sys/vm/stat_refresh", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (write(fd, "1\n", 2) < 0)
			found = -1;
		close(fd);
		if (found)
			return err();
	}
	f = fopen("/proc/meminfo", "re");
	if (!f)
		return err();
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Slab: %lld kB", &kb) == 1) {
			*slab = kb * 1024;
			found |= 1;
		} else if (sscanf(line, "MemFree: %lld kB", &kb) == 1) {
			*memfree = kb * 1024;
			found |= 2;
		}
	}
	fclose(f);
	return found == 3 ? 0 : -ENODATA;
}

/*
 * Start SLEEPERS children that report in through a pipe and sleep, and
 * return the growth of Slab and the drop of MemFree, per child.
 */
static int mem_round(double *slab, double *mem)
{
	static pid_t pids[SLEEPERS];
	long long s0, m0, s1, m1;
	int fds[2], i, got = 0, r;
	char c;

	r = read_meminfo(&s0, &m0);
	if (r)
		return r;
	if (pipe2(fds, O_CLOEXEC))
		return err();
	for (i = 0; i < SLEEPERS; i++) {
		pids[i] = fork();
		if (!pids[i]) {
			close(fds[0]);
			if (write(fds[1], "x", 1) != 1)
				_exit(1);
			close(fds[1]);
			for (;;)
				pause();
		}
		if (pids[i] < 0) {
			r = err();
			break;
		}
	}
	close(fds[1]);
	while (!r && got < SLEEPERS && read(fds[0], &c, 1) == 1)
		got++;
	close(fds[0]);
	if (!r && got != SLEEPERS)
		r = -ECHILD;
	if (!r)
		r = read_meminfo(&s1, &m1);
	for (i--; i >= 0; i--)
		kill_reap(&pids[i]);
	if (r)
		return r;
	*slab = (double)(s1 - s0) / SLEEPERS;
	*mem = (double)(m0 - m1) / SLEEPERS;
	return 0;
}

static void mem_rows(void)
{
	double slab[MEM_ROUNDS], mem[MEM_ROUNDS];
	int i, r;

	for (i = 0; i < MEM_ROUNDS; i++) {
		r = mem_round(&slab[i], &mem[i]);
		if (r) {
			row_error(mem_row_defs[0].name, "%s (round %d)",
				  strerror(-r), i);
			row_error(mem_row_defs[1].name, "%s (round %d)",
				  strerror(-r), i);
			return;
		}
	}
	row_result(mem_row_defs[0].name, "bytes", slab, MEM_ROUNDS);
	row_result(mem_row_defs[1].name, "bytes", mem, MEM_ROUNDS);
}

static void list_rows(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rows); i++)
		printf("%s\tns\t%s\t%s\n", rows[i].name,
		       rows[i].kacs_only ? "kacs" : "all", rows[i].desc);
	for (i = 0; i < ARRAY_SIZE(mem_row_defs); i++)
		printf("%s\tbytes\tall\t%s\n", mem_row_defs[i].name,
		       mem_row_defs[i].desc);
}

static void die_usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [-s SCALE] [-b BATCHES] [-t TRUE] [-c DIR] [-r ROW]... | -l\n"
		"  -s  multiply every iteration count by SCALE (default 1)\n"
		"  -b  timed batches per row, 1..%d (default 5)\n"
		"  -t  static program for the exec row (default %s)\n"
		"  -c  cgroup2 mount point (default %s)\n"
		"  -r  run only this row (repeatable)\n"
		"  -l  list the rows: name, unit, kernels, description\n",
		prog, MAX_BATCHES, true_path, cgroup_root);
	exit(2);
}

static bool selected(const char *name, char **only, int nonly)
{
	int i;

	if (!nonly)
		return true;
	for (i = 0; i < nonly; i++)
		if (!strcmp(only[i], name))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	char *only[64];
	int nonly = 0, opt, r;
	size_t i;

	while ((opt = getopt(argc, argv, "s:b:t:c:r:l")) != -1) {
		switch (opt) {
		case 's':
			scale = strtod(optarg, NULL);
			if (!(scale > 0))
				die_usage(argv[0]);
			break;
		case 'b':
			nbatches = atoi(optarg);
			if (nbatches < 1 || nbatches > MAX_BATCHES)
				die_usage(argv[0]);
			break;
		case 't':
			true_path = optarg;
			break;
		case 'c':
			cgroup_root = optarg;
			break;
		case 'r':
			if (nonly == 64)
				die_usage(argv[0]);
			only[nonly++] = optarg;
			break;
		case 'l':
			list_rows();
			return 0;
		default:
			die_usage(argv[0]);
		}
	}
	if (optind != argc)
		die_usage(argv[0]);
	setvbuf(stdout, NULL, _IOLBF, 0);

	have_kacs = kacs_active();
	exec_argv[0] = (char *)true_path;
	printf("BENCH-META kacs=%d scale=%g batches=%d\n", have_kacs, scale,
	       nbatches);

	r = setup();
	if (r) {
		row_error("setup", "%s: %s", setup_what, strerror(-r));
		teardown();
		printf("BENCH-END rows=%d errors=%d\n", nrows, nerrors);
		return 1;
	}
	for (i = 0; i < ARRAY_SIZE(rows); i++)
		if (selected(rows[i].name, only, nonly))
			timed_row(&rows[i]);
	teardown();
	if (selected(mem_row_defs[0].name, only, nonly) ||
	    selected(mem_row_defs[1].name, only, nonly))
		mem_rows();
	printf("BENCH-END rows=%d errors=%d\n", nrows, nerrors);
	return nerrors ? 1 : 0;
}
