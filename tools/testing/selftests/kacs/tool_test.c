// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kacs tool (tools/kacs) end to end: run it as a shell user would and
 * check its output and exit status.
 *
 *  - kacs run mints and installs (or impersonates) another identity;
 *  - kacs sd set then kacs sd get round-trips SDDL and raw SDs on a
 *    process and on a cgroup;
 *  - kill, pidfd_open, ptrace attach and CLONE_INTO_CGROUP are refused
 *    and allowed as the SDs say, with the rule named;
 *  - PIP and no_child_process refusals, the three clone routings;
 *  - malformed SDDL, unknown names and usage errors give the documented
 *    messages and exit status 2.
 *
 * The tool is /bin/kacs in the guest image (scripts/build-userspace.sh), or
 * $KACS_TOOL.  The test runs as SYSTEM; the targets are children of it.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "kacs_util.h"

#define ALICE		"S-1-5-21-100-200-300-1001"
#define ALICE_SHOWN	ALICE " (alice)"
#define CG_ROOT		"/sys/fs/cgroup"
#define OUT_MAX		32768

struct res {
	int rc;
	char out[OUT_MAX];
	char err[OUT_MAX];
};

static const char *tool_path(void)
{
	const char *t = getenv("KACS_TOOL");

	return t && *t ? t : "/bin/kacs";
}

/* Append what is readable on @fd to @buf; false at EOF. */
static bool drain(int fd, char *buf, size_t *len)
{
	ssize_t n = read(fd, buf + *len, OUT_MAX - 1 - *len);

	if (n <= 0)
		return false;
	*len += n;
	buf[*len] = 0;
	return true;
}

/* Log @text with every line marked as a TAP comment. */
static void show(const char *what, const char *text)
{
	const char *p = text, *nl;

	while (*p) {
		nl = strchr(p, '\n');
		fprintf(stderr, "# %s: %.*s\n", what,
			(int)(nl ? nl - p : (long)strlen(p)), p);
		p = nl ? nl + 1 : p + strlen(p);
	}
}

/*
 * Run the tool with the NULL-terminated arguments; stdout and stderr are
 * kept apart.  Every call is logged, so that a failure shows the session.
 */
static void tool(struct res *r, ...)
{
	const char *argv[64];
	int o[2], e[2], st, n = 1, open_fds = 2;
	size_t lo = 0, le = 0;
	struct pollfd p[2];
	va_list ap;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	argv[0] = "kacs";
	va_start(ap, r);
	while (n < 63 && (argv[n] = va_arg(ap, const char *)))
		n++;
	va_end(ap);
	argv[n] = NULL;
	if (pipe(o) || pipe(e)) {
		r->rc = -1;
		return;
	}
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		dup2(null, 0);
		dup2(o[1], 1);
		dup2(e[1], 2);
		execv(tool_path(), (char **)argv);
		_exit(127);
	}
	close(o[1]);
	close(e[1]);
	p[0] = (struct pollfd){ .fd = o[0], .events = POLLIN };
	p[1] = (struct pollfd){ .fd = e[0], .events = POLLIN };
	while (open_fds && poll(p, 2, 20000) > 0) {
		if (p[0].revents && !drain(o[0], r->out, &lo)) {
			p[0].fd = -1;
			open_fds--;
		}
		if (p[1].revents && !drain(e[0], r->err, &le)) {
			p[1].fd = -1;
			open_fds--;
		}
	}
	close(o[0]);
	close(e[0]);
	if (open_fds)
		kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	r->rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	fprintf(stderr, "# $ kacs");
	for (n = 1; argv[n]; n++)
		fprintf(stderr, " %s", argv[n]);
	fprintf(stderr, "   -> exit %d\n", r->rc);
	show("out", r->out);
	show("err", r->err);
}

/* A child of the test (so a SYSTEM process) that waits to be killed. */
static pid_t target(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static void target_end(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static void cgroup_dir(char *dir, size_t len, const char *tag)
{
	snprintf(dir, len, CG_ROOT "/kacs_tool_%s_%d", tag, getpid());
	rmdir(dir);
}

#define PID(buf, pid) snprintf(buf, sizeof(buf), "%d", pid)
#define HAS(buf, str) EXPECT_NE(NULL, strstr(buf, str))

FIXTURE(tool) {
	bool present;
};

FIXTURE_SETUP(tool)
{
	/*
	 * The tool is a separate program (tools/kacs, a later patch of the
	 * series), not built by this Makefile: a kselftest install without
	 * it has nothing to drive, so this is a skip, not a failure.  make
	 * check installs it as /bin/kacs, and there its judge fails any
	 * skip in this binary (scripts/manifest.txt marks it noskip).
	 */
	self->present = !access(tool_path(), X_OK);
	if (!self->present)
		SKIP(return, "%s not found (set KACS_TOOL)", tool_path());
}

FIXTURE_TEARDOWN(tool)
{
}

TEST_F(tool, run_alice_shows_alice)
{
	char cmd[300];
	struct res r;

	tool(&r, "run", "--user", "alice", "--", "kacs", "token", NULL);
	ASSERT_EQ(0, r.rc);
	EXPECT_NE(NULL, strstr(r.out, "User:                " ALICE_SHOWN));
	EXPECT_NE(NULL, strstr(r.out, "Type:                Primary"));
	EXPECT_NE(NULL, strstr(r.out, "Integrity:           8192 (Medium)"));

	/* through execve() of another program: the token stays */
	snprintf(cmd, sizeof(cmd), "exec %s token --json", tool_path());
	tool(&r, "run", "--user", "S-1-5-21-100-200-300-1001", "--", "/bin/sh",
	     "-c", cmd, NULL);
	ASSERT_EQ(0, r.rc);
	EXPECT_NE(NULL, strstr(r.out, "\"user\": {\"sid\": \"" ALICE
			       "\", \"name\": \"alice\"}"));
	EXPECT_NE(NULL, strstr(r.out, "\"type\": \"primary\""));
}

TEST_F(tool, run_options)
{
	struct res r;

	tool(&r, "run", "--user", "bob", "--group", "BA", "--priv",
	     "SeDebugPrivilege", "--priv", "tcb", "--integrity", "high",
	     "--restrict", "bob", "--restrict", "WD", "--", "kacs", "token",
	     "--json", NULL);
	ASSERT_EQ(0, r.rc);
	EXPECT_NE(NULL, strstr(r.out, "\"name\": \"bob\""));
	EXPECT_NE(NULL, strstr(r.out, "{\"sid\": \"S-1-5-32-544\", \"name\": \"BA\""));
	EXPECT_NE(NULL, strstr(r.out, "{\"name\": \"SeDebugPrivilege\", \"enabled\": true}"));
	EXPECT_NE(NULL, strstr(r.out, "{\"name\": \"SeTcbPrivilege\", \"enabled\": true}"));
	EXPECT_EQ(NULL, strstr(r.out, "SeCreateTokenPrivilege"));
	EXPECT_NE(NULL, strstr(r.out, "\"rid\": 12288, \"name\": \"High\""));
	HAS(r.out,
	    "\"restricted_sids\": [\"S-1-5-21-100-200-300-1002\", \"S-1-1-0\"]");
	/* a token restricted to Everyone may not even query itself */
	tool(&r, "run", "--user", "bob", "--restrict", "WD", "--", "kacs",
	     "token", NULL);
	EXPECT_EQ(1, r.rc);
	HAS(r.err,
	    "kacs: token: kacs_open_self_token() = EACCES (Permission denied): refused by the token's own SD: TOKEN_QUERY not granted");

	/* impersonation: the thread acts as alice, the process stays SYSTEM */
	tool(&r, "run", "--user", "alice", "--impersonate", "--", "kacs",
	     "token", NULL);
	ASSERT_EQ(0, r.rc);
	EXPECT_NE(NULL, strstr(r.out, "User:                " ALICE_SHOWN));
	EXPECT_NE(NULL, strstr(r.out, "Type:                Impersonation"));
	EXPECT_NE(NULL, strstr(r.out, "Impersonation level: Impersonation"));
	tool(&r, "run", "--user", "alice", "--impersonate", "--", "kacs",
	     "token", "real", NULL);
	ASSERT_EQ(0, r.rc);
	EXPECT_NE(NULL, strstr(r.out, "User:                S-1-5-18 (SY)"));
}

TEST_F(tool, run_refusals)
{
	struct res r;

	/* alice has no SeCreateTokenPrivilege: the kernel refuses */
	tool(&r, "run", "--user", "alice", "--", "kacs", "run", "--user",
	     "bob", "--", "kacs", "token", NULL);
	EXPECT_EQ(1, r.rc);
	HAS(r.err,
	    "kacs: run: kacs_create_token() = EPERM (Operation not permitted): the caller's token lacks SeCreateTokenPrivilege");
	/* impersonation cannot survive execve() */
	tool(&r, "run", "--user", "alice", "--impersonate", "--", "/bin/sh",
	     "-c", "true", NULL);
	EXPECT_EQ(2, r.rc);
	EXPECT_NE(NULL, strstr(r.err, "execve() ends impersonation"));
	EXPECT_NE(NULL, strstr(r.err, "usage: kacs run --user SID"));
}

static void sd_round_trip(struct __test_metadata *_metadata,
			  const char *t, const char *sddl)
{
	char want[8200], raw[8192];
	struct res r;

	tool(&r, "sd", "set", t, sddl, NULL);
	ASSERT_EQ(0, r.rc);
	tool(&r, "sd", "get", t, NULL);
	ASSERT_EQ(0, r.rc);
	snprintf(want, sizeof(want), "%s\n", sddl);
	EXPECT_STREQ(want, r.out);

	/* raw hex: get, set, get gives the same bytes */
	tool(&r, "sd", "get", "--raw", t, NULL);
	ASSERT_EQ(0, r.rc);
	ASSERT_GT(strlen(r.out), 40);
	snprintf(raw, sizeof(raw), "%.*s", (int)strcspn(r.out, "\n"), r.out);
	tool(&r, "sd", "set", "--raw", t, raw, NULL);
	ASSERT_EQ(0, r.rc);
	tool(&r, "sd", "get", "--raw", t, NULL);
	ASSERT_EQ(0, r.rc);
	snprintf(want, sizeof(want), "%s\n", raw);
	EXPECT_STREQ(want, r.out);
}

TEST_F(tool, sd_process_round_trip)
{
	pid_t t = target();
	char p[16];
	struct res r;

	ASSERT_GT(t, 0);
	PID(p, t);
	/* the default process SD of a child of SYSTEM */
	tool(&r, "sd", "get", p, NULL);
	ASSERT_EQ(0, r.rc);
	EXPECT_STREQ("O:SYG:BAD:(A;;GA;;;SY)(A;;GA;;;BA)(A;;GA;;;SY)(A;;0x1000;;;WD)\n",
		     r.out);
	sd_round_trip(_metadata, p,
		      "O:SYG:BAD:(A;;GA;;;SY)(A;;0x1000;;;WD)");
	sd_round_trip(_metadata, p,
		      "O:SYG:BAD:(D;;0x1;;;" ALICE ")(A;;GA;;;SY)(A;;0x1001;;;WD)S:(ML;;NW;;;ME)");
	/* names are accepted on input and printed as SIDs or aliases */
	tool(&r, "sd", "set", p, "D:(A;;GA;;;system)(A;;0x1000;;;alice)", NULL);
	ASSERT_EQ(0, r.rc);
	tool(&r, "sd", "get", p, NULL);
	EXPECT_STREQ("O:SYG:BAD:(A;;GA;;;SY)(A;;0x1000;;;" ALICE ")S:(ML;;NW;;;ME)\n",
		     r.out);
	target_end(t);
}

TEST_F(tool, sd_cgroup_round_trip)
{
	char dir[128];
	struct res r;

	cgroup_dir(dir, sizeof(dir), "sd");
	ASSERT_EQ(0, mkdir(dir, 0755));
	tool(&r, "sd", "get", dir, NULL);
	ASSERT_EQ(0, r.rc);
	EXPECT_STREQ("O:SYG:BAD:(A;;GA;;;SY)(A;;GA;;;BA)(A;;GA;;;SY)(A;;FR;;;WD)\n",
		     r.out);
	sd_round_trip(_metadata, dir,
		      "O:SYG:BAD:(A;;GA;;;SY)(A;;GA;;;BA)(A;;FR;;;WD)(A;;0x2;;;" ALICE ")");
	/* not a cgroup: the object kind is named */
	tool(&r, "sd", "get", "/tmp", NULL);
	EXPECT_EQ(1, r.rc);
	EXPECT_NE(NULL, strstr(r.err, "kacs_get_sd(/tmp) = EOPNOTSUPP"));
	EXPECT_NE(NULL, strstr(r.err, "not a cgroup v2 directory"));
	rmdir(dir);
}

TEST_F(tool, kill_gate)
{
	char p[16], want[512];
	pid_t t = target();
	struct res r;
	int st;

	ASSERT_GT(t, 0);
	PID(p, t);
	tool(&r, "run", "--user", "alice", "--", "kacs", "try", "kill", p, NULL);
	EXPECT_EQ(1, r.rc);
	snprintf(want, sizeof(want),
		 "kacs: try: kill(%d, 15) = EPERM (Operation not permitted): refused by the process SD of %d: PROCESS_TERMINATE not granted to %s\n",
		 t, t, ALICE_SHOWN);
	EXPECT_STREQ(want, r.err);
	/* signal 0 needs only PROCESS_QUERY_LIMITED, which Everyone has */
	tool(&r, "run", "--user", "alice", "--", "kacs", "try", "kill", p, "0",
	     NULL);
	EXPECT_EQ(0, r.rc);
	/* grant alice PROCESS_TERMINATE: the same kill goes through */
	tool(&r, "sd", "set", p, "D:(A;;GA;;;SY)(A;;0x1001;;;alice)", NULL);
	ASSERT_EQ(0, r.rc);
	tool(&r, "run", "--user", "alice", "--", "kacs", "try", "kill", p, NULL);
	EXPECT_EQ(0, r.rc);
	EXPECT_NE(NULL, strstr(r.out, "allowed (PROCESS_TERMINATE granted)"));
	ASSERT_EQ(t, waitpid(t, &st, 0));
	EXPECT_TRUE(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
}

TEST_F(tool, pidfd_open_gate)
{
	char p[16], want[512];
	pid_t t = target();
	struct res r;

	ASSERT_GT(t, 0);
	PID(p, t);
	tool(&r, "run", "--user", "alice", "--", "kacs", "try", "pidfd-open",
	     p, NULL);
	EXPECT_EQ(0, r.rc);
	tool(&r, "sd", "set", p, "D:(A;;GA;;;SY)", NULL);
	ASSERT_EQ(0, r.rc);
	tool(&r, "run", "--user", "alice", "--", "kacs", "try", "pidfd-open",
	     p, NULL);
	EXPECT_EQ(1, r.rc);
	snprintf(want, sizeof(want),
		 "kacs: try: pidfd_open(%d) = EACCES (Permission denied): refused by the process SD of %d: PROCESS_QUERY_LIMITED not granted to %s",
		 t, t, ALICE_SHOWN);
	EXPECT_NE(NULL, strstr(r.err, want));
	target_end(t);
}

TEST_F(tool, ptrace_gate)
{
	char p[16], want[512];
	pid_t t = target();
	struct res r;

	ASSERT_GT(t, 0);
	PID(p, t);
	tool(&r, "run", "--user", "alice", "--", "kacs", "try", "ptrace", p,
	     NULL);
	EXPECT_EQ(1, r.rc);
	snprintf(want, sizeof(want),
		 "kacs: try: ptrace(PTRACE_SEIZE, %d) = EPERM (Operation not permitted): refused by the process SD of %d: PROCESS_VM_WRITE not granted to %s\n",
		 t, t, ALICE_SHOWN);
	EXPECT_STREQ(want, r.err);
	/* SeDebugPrivilege skips the DACL decision */
	tool(&r, "run", "--user", "alice", "--priv", "debug", "--", "kacs",
	     "try", "ptrace", p, NULL);
	EXPECT_EQ(0, r.rc);
	/* or the SD grants PROCESS_VM_WRITE */
	tool(&r, "sd", "set", p, "D:(A;;GA;;;SY)(A;;0x1020;;;alice)", NULL);
	ASSERT_EQ(0, r.rc);
	tool(&r, "run", "--user", "alice", "--", "kacs", "try", "ptrace", p,
	     NULL);
	EXPECT_EQ(0, r.rc);
	EXPECT_NE(NULL, strstr(r.out, "allowed"));
	target_end(t);
}

TEST_F(tool, clone_into_cgroup_gate)
{
	char dir[128], want[512];
	struct res r;

	cgroup_dir(dir, sizeof(dir), "cl");
	ASSERT_EQ(0, mkdir(dir, 0755));
	tool(&r, "run", "--user", "alice", "--", "kacs", "try",
	     "clone-into-cgroup", dir, NULL);
	EXPECT_EQ(1, r.rc);
	snprintf(want, sizeof(want),
		 "kacs: try: clone3(CLONE_INTO_CGROUP, %s) = EACCES (Permission denied): refused by the cgroup SD of %s: FILE_WRITE_DATA not granted to %s\n",
		 dir, dir, ALICE_SHOWN);
	EXPECT_STREQ(want, r.err);
	tool(&r, "sd", "set", dir, "D:(A;;GA;;;SY)(A;;FR;;;WD)(A;;0x2;;;alice)",
	     NULL);
	ASSERT_EQ(0, r.rc);
	tool(&r, "run", "--user", "alice", "--", "kacs", "try",
	     "clone-into-cgroup", dir, NULL);
	EXPECT_EQ(0, r.rc);
	EXPECT_NE(NULL, strstr(r.out, "allowed (FILE_WRITE_DATA granted)"));
	rmdir(dir);
}

TEST_F(tool, check_names_rights)
{
	char p[16];
	pid_t t = target();
	struct res r;

	ASSERT_GT(t, 0);
	PID(p, t);
	tool(&r, "sd", "set", p, "D:(A;;GA;;;SY)(A;;0x21001;;;alice)", NULL);
	ASSERT_EQ(0, r.rc);
	tool(&r, "run", "--user", "alice", "--", "kacs", "check", p,
	     "PROCESS_TERMINATE,PROCESS_VM_WRITE", NULL);
	EXPECT_EQ(1, r.rc);
	EXPECT_NE(NULL, strstr(r.out, "subject: " ALICE_SHOWN));
	EXPECT_NE(NULL, strstr(r.out, "  PROCESS_TERMINATE            granted"));
	EXPECT_NE(NULL, strstr(r.out, "  PROCESS_VM_WRITE             DENIED"));
	EXPECT_NE(NULL, strstr(r.out, "granted:   PROCESS_TERMINATE\n"));
	HAS(r.out,
	    "maximum:   PROCESS_TERMINATE|PROCESS_QUERY_LIMITED|READ_CONTROL\n");
	tool(&r, "run", "--user", "alice", "--", "kacs", "check", p,
	     "terminate", NULL);
	EXPECT_EQ(0, r.rc);
	target_end(t);
}

TEST_F(tool, pip_refusal)
{
	char p[16], line[128] = "";
	int ready[2];
	struct res r;
	pid_t t;

	/* a protected target: kacs pause keeps the PIP (no execve) */
	ASSERT_EQ(0, pipe(ready));
	t = fork();
	ASSERT_LE(0, t);
	if (t == 0) {
		static const char * const argv[] = { "kacs", "pip", "set",
			"protected", "8192", "--", "kacs", "pause", "60", NULL
		};
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(ready[1], 1);
		execv(tool_path(), (char **)argv);
		_exit(127);
	}
	close(ready[1]);
	/* "kacs pause: process N waiting" once the PIP is set */
	ASSERT_LT(0, read(ready[0], line, sizeof(line) - 1));
	EXPECT_NE(NULL, strstr(line, "waiting"));
	PID(p, t);
	tool(&r, "try", "kill", p, NULL);
	EXPECT_EQ(1, r.rc);
	HAS(r.err,
	    "= EPERM (Operation not permitted): refused by PIP: the caller's PSB does not dominate the PIP of");
	/* a dominating caller, even with the same token */
	tool(&r, "pip", "set", "protected", "8192", "--", "kacs", "try", "kill",
	     p, "KILL", NULL);
	EXPECT_EQ(0, r.rc);
	waitpid(t, NULL, 0);
	close(ready[0]);
	/* the PIP would not survive execve() */
	tool(&r, "pip", "set", "protected", "8192", "--", "/bin/true", NULL);
	EXPECT_EQ(2, r.rc);
}

TEST_F(tool, no_child_process)
{
	char cmd[300];
	struct res r;

	tool(&r, "psb", "set", "no-child-process", "--", "kacs", "try", "fork",
	     NULL);
	EXPECT_EQ(1, r.rc);
	HAS(r.err,
	    "kacs: try: fork() = EPERM (Operation not permitted): refused by the PSB of");
	EXPECT_NE(NULL, strstr(r.err, "no_child_process is set"));
	tool(&r, "psb", "set", "no-child-process", "--", "kacs", "try",
	     "thread", NULL);
	EXPECT_EQ(0, r.rc);
	EXPECT_NE(NULL, strstr(r.out, "CLONE_THREAD: allowed"));
	/* it survives execve() (sh execs without forking) */
	snprintf(cmd, sizeof(cmd), "exec %s psb", tool_path());
	tool(&r, "psb", "set", "no-child-process", "--", "/bin/sh", "-c", cmd,
	     NULL);
	EXPECT_EQ(0, r.rc);
	EXPECT_NE(NULL, strstr(r.out, "no_child_process: set"));
}

TEST_F(tool, clone_routings)
{
	struct res r;

	/* CLONE_THREAD: shared primary token, not impersonating */
	tool(&r, "run", "--user", "alice", "--impersonate", "--", "kacs", "try",
	     "thread", NULL);
	ASSERT_EQ(0, r.rc);
	EXPECT_NE(NULL, strstr(r.out, "effective " ALICE_SHOWN));
	EXPECT_NE(NULL, strstr(r.out, "impersonating: yes"));
	EXPECT_NE(NULL, strstr(r.out, "effective S-1-5-18 (SY)"));
	EXPECT_NE(NULL, strstr(r.out, "impersonating: no"));
	EXPECT_NE(NULL, strstr(r.out, "shares the process's primary token"));
	EXPECT_EQ(NULL, strstr(r.out, "NO"));
	/* fork: a copy of the primary token, never the impersonated one */
	tool(&r, "run", "--user", "alice", "--impersonate", "--", "kacs", "try",
	     "fork", NULL);
	ASSERT_EQ(0, r.rc);
	EXPECT_NE(NULL, strstr(r.out, "user S-1-5-18 (SY)"));
	/* CLONE_PIDFD: a pidfd without a check; pidfd_open is gated */
	tool(&r, "run", "--user", "alice", "--", "kacs", "try", "clone-pidfd",
	     "--child-sd", "D:(A;;GA;;;SY)", NULL);
	ASSERT_EQ(0, r.rc);
	EXPECT_NE(NULL, strstr(r.out, "issued without an access check"));
	EXPECT_NE(NULL, strstr(r.out, "= EACCES: refused by the process SD of"));
	EXPECT_NE(NULL, strstr(r.out, "the pidfd carries no authority"));
}

TEST_F(tool, priv_adjust)
{
	struct res r;

	tool(&r, "priv", "disable", "SeDebugPrivilege", "--", "kacs", "token",
	     "--json", NULL);
	ASSERT_EQ(0, r.rc);
	EXPECT_NE(NULL, strstr(r.out, "{\"name\": \"SeDebugPrivilege\", \"enabled\": false}"));
	tool(&r, "run", "--user", "alice", "--", "kacs", "priv", "enable",
	     "SeDebugPrivilege", NULL);
	EXPECT_EQ(1, r.rc);
	HAS(r.err,
	    "ioctl(KACS_IOC_ADJUST_PRIVS) = EINVAL (Invalid argument): SeDebugPrivilege is not present on the token");
}

TEST_F(tool, malformed_sddl_and_names)
{
	static const struct {
		const char *sddl, *msg;
	} bad[] = {
		{ "D:(A;;GA;;;SY)(X;;GA;;;WD)",
		  "kacs: sd set: SDDL column 16: unknown ACE type \"X\"" },
		{ "D:(A;;GA;;;carl)",
		  "kacs: sd set: SDDL column 12: unknown SID name \"carl\"" },
		{ "D:(A;;GZ;;;SY)",
		  "kacs: sd set: SDDL column 7: unknown access right \"GZ\"" },
		{ "O:S-1-5-18x", "kacs: sd set: SDDL column 11: unexpected 'x' in SID" },
		{ "D:(A;;GA;;;SY", "kacs: sd set: SDDL column 3: ACE not closed" },
		{ "D:(OA;;GA;;;SY)",
		  "kacs: sd set: SDDL column 4: ACE type \"OA\": object ACEs are not supported" },
		{ "Q:SY", "kacs: sd set: SDDL column 1: expected O:, G:, D: or S:" },
		{ "", "kacs: sd: the SDDL names no component" },
	};
	struct res r;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		tool(&r, "sd", "set", "self", bad[i].sddl, NULL);
		EXPECT_EQ(2, r.rc);
		EXPECT_NE(NULL, strstr(r.err, bad[i].msg));
		EXPECT_NE(NULL, strstr(r.err, "usage: kacs sd get"));
	}
	tool(&r, "run", "--user", "carl", "--", "kacs", "token", NULL);
	EXPECT_EQ(2, r.rc);
	HAS(r.err,
	    "kacs: run: --user carl: column 1: unknown SID name \"carl\"");
	EXPECT_NE(NULL, strstr(r.err, "usage: kacs run"));
	tool(&r, "run", "--user", "alice", "--priv", "SeFlyPrivilege", "--",
	     "kacs", "token", NULL);
	EXPECT_EQ(2, r.rc);
	EXPECT_NE(NULL, strstr(r.err, "unknown privilege \"SeFlyPrivilege\""));
	tool(&r, "check", "self", "FLY", NULL);
	EXPECT_EQ(2, r.rc);
	EXPECT_NE(NULL, strstr(r.err, "unknown access right \"FLY\""));
}

TEST_F(tool, usage_errors)
{
	struct res r;

	tool(&r, NULL);
	EXPECT_EQ(2, r.rc);
	EXPECT_NE(NULL, strstr(r.err, "usage: kacs token"));
	tool(&r, "frobnicate", NULL);
	EXPECT_EQ(2, r.rc);
	EXPECT_NE(NULL, strstr(r.err, "unknown command \"frobnicate\""));
	tool(&r, "try", "kill", NULL);
	EXPECT_EQ(2, r.rc);
	EXPECT_NE(NULL, strstr(r.err, "usage: kacs try kill PID"));
	tool(&r, "run", "--user", "alice", NULL);
	EXPECT_EQ(2, r.rc);
	EXPECT_NE(NULL, strstr(r.err, "no command after --"));
	tool(&r, "help", NULL);
	EXPECT_EQ(0, r.rc);
}

/* No leak check here: the tool's own processes are not this program's. */
int main(int argc, char **argv)
{
	kacs_require_active();
	return test_harness_run(argc, argv);
}
