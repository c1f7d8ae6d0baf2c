// SPDX-License-Identifier: GPL-2.0-only
/*
 * kacs - a shell tool for KACS: show and change tokens and security
 * descriptors, start programs as another identity, and try the gates.
 *
 * Every failure prints the system call, its errno and the KACS rule that
 * refused, and exits with 1; usage errors exit with 2 and the usage line.
 * See "kacs help" and README.md for a walk-through.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <linux/sched.h>

#include "tool.h"

#define KT_SD_BUF	65536
#define KT_WHY		1200

static const char *cmd_name = "kacs";

/* ---- usage ---- */

static const char * const usages[] = {
	"kacs token [--json] [self|real|PID|PID/TID]",
	"kacs run --user SID [--group SID]... [--priv NAME]... [--integrity low|medium|high|system] [--restrict SID]... [--impersonate] -- CMD [ARG]...",
	"kacs sd get [--raw] TARGET | kacs sd set [--raw] TARGET SDDL|HEX",
	"kacs check TARGET RIGHTS",
	"kacs psb [PID] | kacs psb set no-child-process [-- CMD [ARG]...]",
	"kacs pip | kacs pip set TYPE TRUST [-- kacs ...]",
	"kacs priv enable|disable NAME... [-- CMD [ARG]...]",
	"kacs try kill PID [SIGNAL] | pidfd-open PID | ptrace PID | clone-into-cgroup DIR | fork | thread | clone-pidfd [--child-sd SDDL]",
	"kacs pause [SECONDS]",
	"kacs names",
	"kacs clone-demo",
};

/* Does usage line @u describe command @cmd ("kacs CMD ...")? */
static bool usage_of(const char *u, const char *cmd)
{
	size_t n = strlen(cmd);

	return !strncmp(u + 5, cmd, n) && (u[5 + n] == ' ' || !u[5 + n]);
}

#define M_NO_CREATE \
	"the caller's token lacks SeCreateTokenPrivilege (present and enabled)"
#define M_BAD_SPEC "the token specification was refused as malformed"
#define M_NO_IMP \
	"a restricted primary token cannot impersonate an unrestricted one without SeImpersonatePrivilege"
#define M_NO_ASSIGN \
	"the caller's primary token lacks SeAssignPrimaryTokenPrivilege (present and enabled)"
#define M_NOT_PRESENT \
	" is not present on the token (a token never gains privileges)"

static int usage(const char *cmd, const char *fmt, ...)
{
	unsigned int i;
	va_list ap;

	if (fmt) {
		fprintf(stderr, "kacs: %s: ", cmd ? cmd : "usage");
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fprintf(stderr, "\n");
	}
	for (i = 0; i < ARRAY_SIZE(usages); i++)
		if (!cmd || usage_of(usages[i], cmd))
			fprintf(stderr, "%s %s\n", i && !cmd ? "      " : "usage:",
				usages[i]);
	return 2;
}

/* ---- errors ---- */

static const char *errno_name(int err)
{
	static char buf[16];
	const char *n = strerrorname_np(err);

	if (n)
		return n;
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}

/* What an unknown system call number fails with, as the kernel says. */
static int no_syscall_errno(void)
{
	errno = 0;
	syscall(-1);
	return errno;
}

/*
 * "kacs: CMD: CALL = ERRNO (text): WHY" and exit status 1.  @why may be
 * NULL.  Every refusal the tool reports goes through here.
 */
static int refuse(const char *call, int err, const char *fmt, ...)
{
	char why[KT_WHY] = "";
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(why, sizeof(why), fmt, ap);
		va_end(ap);
	}
	if (err == no_syscall_errno() && !why[0])
		snprintf(why, sizeof(why),
			 "this kernel has no KACS system calls (is kacs in /sys/kernel/security/lsm?)");
	else if (err == EOPNOTSUPP && !why[0])
		snprintf(why, sizeof(why), "KACS is not active on this kernel");
	fprintf(stderr, "kacs: %s: %s = %s (%s)%s%s\n", cmd_name, call,
		errno_name(err), strerror(err), why[0] ? ": " : "", why);
	return 1;
}

/* ---- SIDs and tokens ---- */

char *kt_sid_display(const __u8 *p, size_t len, char *out, size_t outlen)
{
	char s[KT_SID_STR_MAX];
	const char *n = kt_sid_name(p, len);

	kt_sid_str(p, len, s, sizeof(s));
	if (n)
		snprintf(out, outlen, "%s (%s)", s, n);
	else
		snprintf(out, outlen, "%s", s);
	return out;
}

long kt_query(int fd, __u32 cls, void *buf, __u32 len)
{
	struct kacs_query_args a = {
		.token_class = cls,
		.buf_len = len,
		.buf_ptr = (__u64)(uintptr_t)buf,
	};

	if (ioctl(fd, KACS_IOC_QUERY, &a) < 0)
		return -errno;
	return a.buf_len;
}

static int query_sid(int fd, __u32 cls, struct kt_sid *sid)
{
	long n = kt_query(fd, cls, sid->b, sizeof(sid->b));

	if (n < 0)
		return n;
	sid->len = n;
	return kt_sid_size(sid->b, n) == (size_t)n ? 0 : -EIO;
}

int kt_token_user(int fd, struct kt_sid *sid)
{
	return query_sid(fd, KACS_TOKEN_CLASS_USER, sid);
}

int kt_token_stats(int fd, struct kacs_token_statistics *st)
{
	long n = kt_query(fd, KACS_TOKEN_CLASS_STATISTICS, st, sizeof(*st));

	return n < 0 ? n : 0;
}

/*
 * A TOKEN_QUERY handle to the primary token, opened by kacs run
 * --impersonate before the thread impersonates: the impersonated identity
 * need not be allowed to open it, and a handle keeps the authority of its
 * open.  Valid in the process that opened it only (a child has its own
 * copy of the token).
 */
static int real_fd = -1;
static pid_t real_fd_pid;

static void keep_real_token(void)
{
	real_fd = kt_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_QUERY);
	real_fd_pid = getpid();
}

/* A TOKEN_QUERY fd for the primary (@real) or effective token, or -1. */
static int open_query(bool real)
{
	if (real && real_fd >= 0 && real_fd_pid == getpid())
		return fcntl(real_fd, F_DUPFD_CLOEXEC, 0);
	return kt_open_self_token(real ? KACS_REAL_TOKEN : 0,
				  KACS_TOKEN_QUERY);
}

int kt_self_token(bool real, struct kacs_token_statistics *st,
		  struct kt_sid *user)
{
	int fd = open_query(real);
	int r = 0;

	if (fd < 0)
		return -errno;
	if (st)
		r = kt_token_stats(fd, st);
	if (!r && user)
		r = kt_token_user(fd, user);
	close(fd);
	return r;
}

static int adjust_priv(int fd, unsigned int bit, bool enable, __u64 *prev)
{
	struct kacs_priv_entry e = {
		.luid = bit,
		.attributes = enable ? KACS_SE_PRIVILEGE_ENABLED :
			      KACS_SE_PRIVILEGE_DISABLED,
	};
	struct kacs_adjust_privs_args a = {
		.count = 1,
		.data_ptr = (__u64)(uintptr_t)&e,
	};

	if (ioctl(fd, KACS_IOC_ADJUST_PRIVS, &a) < 0)
		return -errno;
	if (prev)
		*prev = a.previous_enabled;
	return 0;
}

int kt_self_priv(unsigned int bit, bool enable)
{
	int fd = kt_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_QUERY |
				    KACS_TOKEN_ADJUST_PRIVILEGES);
	int r;

	if (fd < 0)
		return -errno;
	r = adjust_priv(fd, bit, enable, NULL);
	close(fd);
	return r;
}

static void named_sid(struct kt_sid *sid, const char *name)
{
	struct kt_err e;

	if (kt_sid_parse(name, strlen(name), sid, &e))
		abort();
}

#define KT_GRP_DEFAULT (KACS_SE_GROUP_MANDATORY | \
			KACS_SE_GROUP_ENABLED_BY_DEFAULT | KACS_SE_GROUP_ENABLED)

void kt_token_req_init(struct kt_token_req *r, const struct kt_sid *user)
{
	static const char * const groups[] = {
		"domain-users", "WD", "AU", "BU",
	};
	unsigned int i;

	memset(r, 0, sizeof(*r));
	r->user = *user;
	for (i = 0; i < ARRAY_SIZE(groups); i++) {
		named_sid(&r->groups[i], groups[i]);
		r->attrs[i] = KT_GRP_DEFAULT;
	}
	r->ngroups = ARRAY_SIZE(groups);
	r->privs = KACS_PRIV(KACS_SE_CHANGE_NOTIFY);
	r->integrity = KACS_INTEGRITY_MEDIUM;
	r->type = KACS_TOKEN_PRIMARY;
}

static size_t put_sid_list(__u8 *b, size_t off, const struct kt_sid *s,
			   const __u32 *attrs, unsigned int n)
{
	__u32 l, a;
	unsigned int i;

	for (i = 0; i < n; i++) {
		l = s[i].len;
		a = attrs ? attrs[i] : KT_GRP_DEFAULT;
		memcpy(b + off, &l, 4);
		memcpy(b + off + 4, s[i].b, l);
		memcpy(b + off + 4 + l, &a, 4);
		off += 8 + l;
	}
	return off;
}

int kt_mint(const struct kt_token_req *r)
{
	static __u8 buf[KACS_TOKEN_SPEC_MAX_SIZE];
	struct kacs_token_spec *h = (struct kacs_token_spec *)buf;
	size_t off = sizeof(*h);
	int fd;

	memset(buf, 0, sizeof(buf));
	h->version = KACS_TOKEN_SPEC_VERSION;
	h->token_type = r->type;
	h->impersonation_level = r->type == KACS_TOKEN_PRIMARY ? 0 : r->level;
	h->integrity_rid = r->integrity;
	h->mandatory_policy = KACS_POLICY_NO_WRITE_UP;
	h->privs_present = r->privs;
	h->privs_enabled = r->privs;
	h->projected_uid = 65534;
	h->projected_gid = 65534;
	h->owner_sid_index = 0;		/* the user */
	h->primary_group_index = 1;	/* the first group */
	memcpy(h->source_name, "kacstool", 8);
	h->user_sid_offset = off;
	memcpy(buf + off, r->user.b, r->user.len);
	off += r->user.len;
	h->groups_offset = off;
	h->groups_count = r->ngroups;
	off = put_sid_list(buf, off, r->groups, r->attrs, r->ngroups);
	if (r->nrsids) {
		h->restricted_sids_offset = off;
		h->restricted_sids_count = r->nrsids;
		off = put_sid_list(buf, off, r->rsids, NULL, r->nrsids);
	}
	fd = kt_create_token(buf, off);
	return fd < 0 ? -errno : fd;
}

int kt_mint_user(__u32 rid, __u8 type, __u8 level)
{
	struct kt_token_req r;
	struct kt_sid user;
	char s[64];

	snprintf(s, sizeof(s), "S-1-5-21-100-200-300-%u", rid);
	named_sid(&user, s);
	kt_token_req_init(&r, &user);
	r.type = type;
	r.level = level;
	return kt_mint(&r);
}

size_t kt_build_sd(__u8 *b, size_t cap, const struct kt_sid *owner,
		   const struct kt_sid *group, const struct kt_ace *aces,
		   unsigned int n)
{
	__u16 control = KACS_SE_SELF_RELATIVE | KACS_SE_DACL_PRESENT, v16;
	size_t off = 20, acl;
	unsigned int i;
	__u32 v;

	memset(b, 0, cap);
	b[0] = 1;
	if (owner) {
		v = off;
		memcpy(b + 4, &v, 4);
		memcpy(b + off, owner->b, owner->len);
		off += owner->len;
	}
	if (group) {
		v = off;
		memcpy(b + 8, &v, 4);
		memcpy(b + off, group->b, group->len);
		off += group->len;
	}
	v = off;
	memcpy(b + 16, &v, 4);
	acl = off;
	off += 8;
	for (i = 0; i < n; i++) {
		v16 = 8 + aces[i].sid->len;
		b[off] = aces[i].type;
		b[off + 1] = aces[i].flags;
		memcpy(b + off + 2, &v16, 2);
		memcpy(b + off + 4, &aces[i].mask, 4);
		memcpy(b + off + 8, aces[i].sid->b, aces[i].sid->len);
		off += v16;
	}
	b[acl] = KACS_ACL_REVISION;
	v16 = off - acl;
	memcpy(b + acl + 2, &v16, 2);
	v16 = n;
	memcpy(b + acl + 4, &v16, 2);
	memcpy(b + 2, &control, 2);
	return off;
}

/* The caller's effective token: user for messages, SeDebug state. */
struct subject {
	char who[KT_SID_STR_MAX + 48];
	struct kt_sid user;
	bool debug, impersonating;
	bool has_groups;
	__u8 groups[4096];
	long glen;
};

static void subject_get(struct subject *s)
{
	struct kacs_token_privileges pv;
	struct kacs_token_statistics real, eff;
	int fd = kt_open_self_token(0, KACS_TOKEN_QUERY);

	memset(s, 0, sizeof(*s));
	snprintf(s->who, sizeof(s->who), "the caller");
	if (fd < 0)
		return;
	if (!kt_token_user(fd, &s->user))
		kt_sid_display(s->user.b, s->user.len, s->who, sizeof(s->who));
	if (kt_query(fd, KACS_TOKEN_CLASS_PRIVILEGES, &pv, sizeof(pv)) > 0)
		s->debug = pv.enabled & KACS_PRIV(KACS_SE_DEBUG);
	s->glen = kt_query(fd, KACS_TOKEN_CLASS_GROUPS, s->groups,
			   sizeof(s->groups));
	s->has_groups = s->glen >= 4;
	close(fd);
	if (!kt_self_token(true, &real, NULL) &&
	    !kt_self_token(false, &eff, NULL))
		s->impersonating = real.token_id != eff.token_id;
	if (s->impersonating)
		strncat(s->who, " (impersonated)",
			sizeof(s->who) - strlen(s->who) - 1);
}

/* Is @sid the user of @s or one of its SE_GROUP_OWNER groups? */
static bool subject_may_own(const struct subject *s, const __u8 *sid,
			    size_t len)
{
	__u32 count, l, attrs, i;
	size_t off = 4;

	if (len == s->user.len && !memcmp(sid, s->user.b, len))
		return true;
	if (!s->has_groups)
		return false;
	memcpy(&count, s->groups, 4);
	for (i = 0; i < count && off + 8 <= (size_t)s->glen; i++) {
		memcpy(&l, s->groups + off, 4);
		if (off + 8 + l > (size_t)s->glen)
			break;
		memcpy(&attrs, s->groups + off + 4 + l, 4);
		if ((attrs & KACS_SE_GROUP_OWNER) && l == len &&
		    !memcmp(s->groups + off + 4, sid, len))
			return true;
		off += 8 + l;
	}
	return false;
}

/* ---- targets: pid, pid/tid, self or a cgroup directory ---- */

struct target {
	const char *arg;
	bool process;
	pid_t pid, tid;
	char what[300];		/* "the process SD of 123" */
	int fd;			/* pidfd or directory fd */
};

static bool all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* Parse @arg; 0, or a usage error (2). */
static int target_parse(const char *arg, struct target *t)
{
	const char *slash = strchr(arg, '/');

	memset(t, 0, sizeof(*t));
	t->arg = arg;
	t->fd = -1;
	if (!strcmp(arg, "self")) {
		t->process = true;
		t->pid = getpid();
	} else if (all_digits(arg, slash ? (size_t)(slash - arg) : strlen(arg)) &&
		   (!slash || all_digits(slash + 1, strlen(slash + 1)))) {
		t->process = true;
		t->pid = atoi(arg);
		t->tid = slash ? atoi(slash + 1) : 0;
	}
	if (t->process && t->pid <= 0)
		return 2;
	if (t->process)
		snprintf(t->what, sizeof(t->what), "the process SD of %d",
			 t->pid);
	else
		snprintf(t->what, sizeof(t->what), "the cgroup SD of %s", arg);
	return 0;
}

static int explain_pidfd_open(pid_t pid, int err, char *why, size_t len);

/* Open @t: pidfd_open() or open(); 0 or 1 after a message. */
static int target_open(struct target *t)
{
	char why[KT_WHY];
	char call[64];

	if (t->process) {
		t->fd = kt_pidfd_open(t->pid);
		if (t->fd >= 0)
			return 0;
		snprintf(call, sizeof(call), "pidfd_open(%d)", t->pid);
		explain_pidfd_open(t->pid, errno, why, sizeof(why));
		return refuse(call, errno, "%s", why);
	}
	t->fd = open(t->arg, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (t->fd >= 0)
		return 0;
	return refuse("open()", errno, "%s: not a cgroup v2 directory",
		      t->arg);
}

/* ---- AccessCheck of the caller ---- */

/* Granted mask for @desired (may include MAXIMUM_ALLOWED); -errno. */
static long access_check(const __u8 *sd, size_t len, __u32 desired,
			 enum kt_kind kind, __u32 *granted)
{
	struct kacs_access_check_args a;
	__u32 map[4];
	long r;

	kt_mapping(kind, map);
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.token_fd = -1;
	a.sd_ptr = (__u64)(uintptr_t)sd;
	a.sd_len = len;
	a.desired_access = desired;
	a.generic_read = map[0];
	a.generic_write = map[1];
	a.generic_execute = map[2];
	a.generic_all = map[3];
	*granted = 0;
	a.granted_out_ptr = (__u64)(uintptr_t)granted;
	r = kt_access_check(&a);
	return r < 0 ? -errno : r;
}

static const char *right_name(__u32 right, enum kt_kind kind, char *buf,
			      size_t len)
{
	return kt_rights_str(right, kind, buf, len);
}

/*
 * Why a gate refused @right on the process @pid to the caller.  The
 * kernel checks PIP dominance first (EPERM from kacs_get_sd()), then the
 * SD; a readable SD is evaluated again with kacs_access_check().
 */
static void explain_process(pid_t pid, __u32 right, char *why, size_t len)
{
	static __u8 sd[KT_SD_BUF];
	struct subject s;
	char rn[200];
	__u32 granted;
	long n;
	int fd;

	subject_get(&s);
	right_name(right, KT_PROCESS, rn, sizeof(rn));
	fd = kt_pidfd_open(pid);
	if (fd < 0) {
		if (errno == ESRCH) {
			snprintf(why, len, "process %d does not exist", pid);
			return;
		}
		if (s.debug)
			snprintf(why, len,
				 "refused by PIP: the caller's PSB does not dominate the PIP of %d (or by a trust label; SeDebugPrivilege skips only the DACL)",
				 pid);
		else
			snprintf(why, len,
				 "refused by the process SD of %d: %s not granted to %s (or by its PIP)",
				 pid, rn, s.who);
		return;
	}
	n = kt_get_sd(fd, KACS_OWNER_SECURITY_INFORMATION |
		      KACS_GROUP_SECURITY_INFORMATION |
		      KACS_DACL_SECURITY_INFORMATION |
		      KACS_LABEL_SECURITY_INFORMATION, sd, sizeof(sd));
	close(fd);
	if (n < 0 && errno == EPERM) {
		snprintf(why, len,
			 "refused by PIP: the caller's PSB does not dominate the PIP of %d (no privilege bypasses it)",
			 pid);
		return;
	}
	if (s.debug) {
		snprintf(why, len,
			 "refused by a trust label in the process SD of %d (SeDebugPrivilege skips only the DACL), or by Linux",
			 pid);
		return;
	}
	if (n >= 20 && n <= (long)sizeof(sd) &&
	    access_check(sd, n, right, KT_PROCESS, &granted) >= 0) {
		snprintf(why, len,
			 "the process SD of %d grants %s to %s and PIP dominance holds, so Linux's own check refused",
			 pid, rn, s.who);
		return;
	}
	snprintf(why, len, "refused by the process SD of %d: %s not granted to %s",
		 pid, rn, s.who);
}

static int explain_pidfd_open(pid_t pid, int err, char *why, size_t len)
{
	if (err == EACCES)
		explain_process(pid, KACS_PROCESS_QUERY_LIMITED, why, len);
	else if (err == ESRCH)
		snprintf(why, len, "process %d does not exist", pid);
	else
		why[0] = 0;
	return 0;
}

static void explain_cgroup(const char *dir, __u32 right, char *why,
			   size_t len)
{
	static __u8 sd[KT_SD_BUF];
	struct subject s;
	char rn[200];
	__u32 granted;
	long n = -1;
	int fd;

	subject_get(&s);
	right_name(right, KT_FILE, rn, sizeof(rn));
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		n = kt_get_sd(fd, KACS_OWNER_SECURITY_INFORMATION |
			      KACS_GROUP_SECURITY_INFORMATION |
			      KACS_DACL_SECURITY_INFORMATION |
			      KACS_LABEL_SECURITY_INFORMATION, sd, sizeof(sd));
		close(fd);
	}
	if (n >= 20 && n <= (long)sizeof(sd) &&
	    access_check(sd, n, right, KT_FILE, &granted) >= 0) {
		snprintf(why, len,
			 "the cgroup SD of %s grants %s to %s, so a stock cgroup rule refused",
			 dir, rn, s.who);
		return;
	}
	snprintf(why, len, "refused by the cgroup SD of %s: %s not granted to %s",
		 dir, rn, s.who);
}

/* ---- running a command after a change ---- */

static int dispatch(int argc, char **argv);

static bool is_kacs(const char *cmd)
{
	const char *b = strrchr(cmd, '/');

	return !strcmp(b ? b + 1 : cmd, "kacs");
}

/*
 * Run CMD: a kacs subcommand runs in this process (so that what execve()
 * resets, impersonation and PIP, is still in force); anything else is
 * exec'd.  @exec_ok false refuses the latter.
 */
static int run_cmd(char **cmd, int n, bool exec_ok, const char *what)
{
	if (is_kacs(cmd[0])) {
		cmd_name = "kacs";
		return dispatch(n - 1, cmd + 1);
	}
	if (!exec_ok)
		return usage(cmd_name,
			     "execve() ends %s, so only a kacs subcommand can run under it (-- kacs ...)",
			     what);
	fflush(NULL);
	execvp(cmd[0], cmd);
	return refuse("execvp()", errno, "cannot run %s", cmd[0]);
}

/* Index of "--" in argv, or argc. */
static int dashdash(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		if (!strcmp(argv[i], "--"))
			return i;
	return argc;
}

/* ---- kacs token ---- */

static const char *integrity_name(__u32 rid)
{
	return rid >= 16384 ? "System" : rid >= 12288 ? "High" :
	       rid >= 8192 ? "Medium" : rid >= 4096 ? "Low" : "Untrusted";
}

static void group_state(__u32 a, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s%s",
		 a & KACS_SE_GROUP_USE_FOR_DENY_ONLY ? "deny-only" :
		 a & KACS_SE_GROUP_ENABLED ? "enabled" : "disabled",
		 a & KACS_SE_GROUP_MANDATORY ? ",mandatory" : "",
		 a & KACS_SE_GROUP_OWNER ? ",owner" : "",
		 (a & KACS_SE_GROUP_LOGON_ID) == KACS_SE_GROUP_LOGON_ID ?
		 ",logon-id" : "");
}

struct sid_list {
	unsigned int n;
	struct kt_sid sid[128];
	__u32 attrs[128];
};

static int query_list(int fd, __u32 cls, struct sid_list *l)
{
	static __u8 buf[16384];
	long n = kt_query(fd, cls, buf, sizeof(buf));
	__u32 count, sl, i;
	size_t off = 4;

	l->n = 0;
	if (n < 4)
		return n < 0 ? n : -EIO;
	memcpy(&count, buf, 4);
	for (i = 0; i < count && i < ARRAY_SIZE(l->sid); i++) {
		if (off + 4 > (size_t)n)
			return -EIO;
		memcpy(&sl, buf + off, 4);
		if (sl > KT_SID_MAX || off + 8 + sl > (size_t)n)
			return -EIO;
		memcpy(l->sid[i].b, buf + off + 4, sl);
		l->sid[i].len = sl;
		memcpy(&l->attrs[i], buf + off + 4 + sl, 4);
		off += 8 + sl;
		l->n++;
	}
	return 0;
}

static void json_sid(const char *key, const struct kt_sid *s, bool comma)
{
	char str[KT_SID_STR_MAX];
	const char *n = kt_sid_name(s->b, s->len);

	printf("\"%s\": {\"sid\": \"%s\", \"name\": %s%s%s}%s", key,
	       kt_sid_str(s->b, s->len, str, sizeof(str)), n ? "\"" : "",
	       n ? n : "null", n ? "\"" : "", comma ? ", " : "");
}

static int print_token(int fd, bool json)
{
	static const char * const levels[] = { "Anonymous", "Identification",
					       "Impersonation", "Delegation" };
	static struct sid_list groups, rsids;
	struct kacs_token_statistics st;
	struct kacs_token_privileges pv;
	struct kt_sid user, owner, pgroup, il;
	char s[KT_SID_STR_MAX + 48], state[64];
	long type, level, r;
	__u32 rid = 0, i;
	bool first = true;

	r = kt_token_user(fd, &user);
	if (!r)
		r = kt_token_stats(fd, &st);
	if (!r)
		r = kt_query(fd, KACS_TOKEN_CLASS_PRIVILEGES, &pv, sizeof(pv));
	if (r >= 0)
		r = query_list(fd, KACS_TOKEN_CLASS_GROUPS, &groups);
	if (r >= 0)
		r = query_list(fd, KACS_TOKEN_CLASS_RESTRICTED_SIDS, &rsids);
	if (r >= 0)
		r = query_sid(fd, KACS_TOKEN_CLASS_OWNER, &owner);
	if (r >= 0)
		r = query_sid(fd, KACS_TOKEN_CLASS_PRIMARY_GROUP, &pgroup);
	if (r >= 0)
		r = query_sid(fd, KACS_TOKEN_CLASS_INTEGRITY_LEVEL, &il);
	if (r < 0)
		return refuse("ioctl(KACS_IOC_QUERY)", -r, NULL);
	type = 0;
	level = 0;
	kt_query(fd, KACS_TOKEN_CLASS_TYPE, &type, 4);
	kt_query(fd, KACS_TOKEN_CLASS_IMPERSONATION_LEVEL, &level, 4);
	if (il.len >= 12)
		memcpy(&rid, il.b + 8, 4);
	if (level < 0 || level > 3)
		level = 0;

	if (json) {
		printf("{");
		json_sid("user", &user, true);
		printf("\"type\": \"%s\", \"impersonation_level\": \"%s\", ",
		       type == KACS_TOKEN_PRIMARY ? "primary" : "impersonation",
		       levels[level]);
		printf("\"integrity\": {\"rid\": %u, \"name\": \"%s\"}, ", rid,
		       integrity_name(rid));
		fprintf(stdout,
			"\"token_id\": \"0x%llx\", \"auth_id\": \"0x%llx\", \"modified_id\": \"0x%llx\", ",
			(unsigned long long)st.token_id,
			(unsigned long long)st.auth_id,
			(unsigned long long)st.modified_id);
		json_sid("owner", &owner, true);
		json_sid("primary_group", &pgroup, true);
		printf("\"groups\": [");
		for (i = 0; i < groups.n; i++) {
			const char *n = kt_sid_name(groups.sid[i].b,
						    groups.sid[i].len);

			group_state(groups.attrs[i], state, sizeof(state));
			fprintf(stdout,
				"%s{\"sid\": \"%s\", \"name\": %s%s%s, \"attributes\": \"0x%x\", \"state\": \"%s\"}",
				i ? ", " : "",
				kt_sid_str(groups.sid[i].b, groups.sid[i].len, s,
					   sizeof(s)), n ? "\"" : "",
				n ? n : "null", n ? "\"" : "", groups.attrs[i],
				state);
		}
		printf("], \"restricted_sids\": [");
		for (i = 0; i < rsids.n; i++)
			printf("%s\"%s\"", i ? ", " : "",
			       kt_sid_str(rsids.sid[i].b, rsids.sid[i].len, s,
					  sizeof(s)));
		printf("], \"privileges\": [");
		for (i = 0; i < 64; i++) {
			if (!(pv.present & KACS_PRIV(i)))
				continue;
			printf("%s{\"name\": \"%s\", \"enabled\": %s}",
			       first ? "" : ", ", kt_priv_name(i) ?
			       kt_priv_name(i) : "?",
			       pv.enabled & KACS_PRIV(i) ? "true" : "false");
			first = false;
		}
		printf("]}\n");
		return 0;
	}

	printf("User:                %s\n",
	       kt_sid_display(user.b, user.len, s, sizeof(s)));
	printf("Type:                %s\n", type == KACS_TOKEN_PRIMARY ?
	       "Primary" : "Impersonation");
	printf("Impersonation level: %s\n", levels[level]);
	printf("Integrity:           %u (%s)\n", rid, integrity_name(rid));
	printf("token_id:            0x%llx\n", (unsigned long long)st.token_id);
	printf("modified_id:         0x%llx\n",
	       (unsigned long long)st.modified_id);
	printf("Owner:               %s\n",
	       kt_sid_display(owner.b, owner.len, s, sizeof(s)));
	printf("Primary group:       %s\n",
	       kt_sid_display(pgroup.b, pgroup.len, s, sizeof(s)));
	printf("Groups:\n");
	for (i = 0; i < groups.n; i++) {
		group_state(groups.attrs[i], state, sizeof(state));
		printf("  %-44s %s\n", kt_sid_display(groups.sid[i].b,
						      groups.sid[i].len, s,
						      sizeof(s)), state);
	}
	if (rsids.n) {
		printf("Restricting SIDs:\n");
		for (i = 0; i < rsids.n; i++)
			printf("  %s\n", kt_sid_display(rsids.sid[i].b,
							rsids.sid[i].len, s,
							sizeof(s)));
	}
	printf("Privileges:\n");
	for (i = 0; i < 64; i++) {
		if (!(pv.present & KACS_PRIV(i)))
			continue;
		printf("  %-36s %s\n", kt_priv_name(i) ? kt_priv_name(i) : "?",
		       pv.enabled & KACS_PRIV(i) ? "enabled" : "disabled");
	}
	return 0;
}

static int cmd_token(int argc, char **argv)
{
	const char *arg = NULL;
	bool json = false;
	struct target t;
	char call[64];
	int i, fd, r;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!arg && argv[i][0] != '-')
			arg = argv[i];
		else
			return usage("token", "unexpected \"%s\"", argv[i]);
	}
	if (!arg || !strcmp(arg, "self") || !strcmp(arg, "real")) {
		fd = open_query(arg && !strcmp(arg, "real"));
		if (fd < 0)
			return refuse("kacs_open_self_token()", errno,
				      errno == EACCES ?
				      "refused by the token's own SD: TOKEN_QUERY not granted" :
				      NULL);
	} else {
		if (target_parse(arg, &t) || !t.process)
			return usage("token", "\"%s\" is not self, real, PID or PID/TID",
				     arg);
		if (target_open(&t))
			return 1;
		if (t.tid) {
			fd = kt_open_thread_token(t.fd, t.tid, KACS_TOKEN_QUERY);
			snprintf(call, sizeof(call),
				 "kacs_open_thread_token(%d, %d)", t.pid, t.tid);
		} else {
			fd = kt_open_process_token(t.fd, KACS_TOKEN_QUERY);
			snprintf(call, sizeof(call),
				 "kacs_open_process_token(%d)", t.pid);
		}
		if (fd < 0) {
			char why[KT_WHY] = "";

			r = errno;
			if (r == EACCES || r == EPERM)
				explain_process(t.pid,
						KACS_PROCESS_QUERY_INFORMATION,
						why, sizeof(why));
			if (r == EACCES && strstr(why, "grants"))
				snprintf(why, sizeof(why),
					 "refused by the token's own SD: TOKEN_QUERY not granted");
			if (r == ESRCH && t.tid)
				snprintf(why, sizeof(why),
					 "%d is not a thread of process %d",
					 t.tid, t.pid);
			return refuse(call, r, "%s", why);
		}
		close(t.fd);
	}
	r = print_token(fd, json);
	close(fd);
	return r;
}

/* ---- kacs names ---- */

static int cmd_names(void)
{
	size_t i;

	printf("%-6s %-20s %-28s %s\n", "SDDL", "name", "SID", "what");
	for (i = 0; i < kt_nnames; i++)
		printf("%-6s %-20s %-28s %s\n",
		       kt_names[i].alias ? kt_names[i].alias : "-",
		       kt_names[i].name ? kt_names[i].name : "-",
		       kt_names[i].sid, kt_names[i].desc);
	return 0;
}

/* ---- kacs run ---- */

static int sid_arg(const char *opt, const char *val, struct kt_sid *sid)
{
	struct kt_err e;

	if (!val)
		return usage("run", "%s needs a SID", opt);
	if (kt_sid_parse(val, strlen(val), sid, &e))
		return usage("run", "%s %s: column %zu: %s", opt, val, e.col,
			     e.msg);
	return 0;
}

static int cmd_run(int argc, char **argv)
{
	static struct kt_token_req r;
	struct kt_sid user;
	bool have_user = false, imp = false;
	int end = dashdash(argc, argv), i, fd, bit;
	const char *v;
	char s[KT_SID_STR_MAX + 48];

	memset(&user, 0, sizeof(user));
	for (i = 0; i < end; i++) {
		if (!strcmp(argv[i], "--user")) {
			if (sid_arg("--user", argv[i + 1], &user))
				return 2;
			have_user = true;
			i++;
		} else if (!strcmp(argv[i], "--impersonate")) {
			imp = true;
		} else if (!strcmp(argv[i], "--group") ||
			   !strcmp(argv[i], "--restrict") ||
			   !strcmp(argv[i], "--priv") ||
			   !strcmp(argv[i], "--integrity")) {
			if (i + 1 >= end)
				return usage("run", "%s needs a value", argv[i]);
			i++;
		} else {
			return usage("run", "unknown option \"%s\"", argv[i]);
		}
	}
	if (!have_user)
		return usage("run", "--user SID is required");
	if (end >= argc - 1)
		return usage("run", "no command after --");
	kt_token_req_init(&r, &user);
	for (i = 0; i < end; i++) {
		v = argv[i + 1];
		if (!strcmp(argv[i], "--group")) {
			if (r.ngroups == ARRAY_SIZE(r.groups))
				return usage("run", "too many groups");
			if (sid_arg("--group", v, &r.groups[r.ngroups]))
				return 2;
			r.attrs[r.ngroups++] = KT_GRP_DEFAULT;
		} else if (!strcmp(argv[i], "--restrict")) {
			if (r.nrsids == ARRAY_SIZE(r.rsids))
				return usage("run", "too many restricting SIDs");
			if (sid_arg("--restrict", v, &r.rsids[r.nrsids++]))
				return 2;
		} else if (!strcmp(argv[i], "--priv")) {
			bit = kt_priv_parse(v);
			if (bit < 0)
				return usage("run",
					     "unknown privilege \"%s\" (for example SeDebugPrivilege, or debug)",
					     v);
			r.privs |= KACS_PRIV(bit);
		} else if (!strcmp(argv[i], "--integrity")) {
			if (!strcasecmp(v, "untrusted"))
				r.integrity = KACS_INTEGRITY_UNTRUSTED;
			else if (!strcasecmp(v, "low"))
				r.integrity = KACS_INTEGRITY_LOW;
			else if (!strcasecmp(v, "medium"))
				r.integrity = KACS_INTEGRITY_MEDIUM;
			else if (!strcasecmp(v, "high"))
				r.integrity = KACS_INTEGRITY_HIGH;
			else if (!strcasecmp(v, "system"))
				r.integrity = KACS_INTEGRITY_SYSTEM;
			else
				return usage("run",
					     "--integrity %s: want low, medium, high, system or untrusted",
					     v);
		} else {
			continue;
		}
		i++;
	}
	if (imp && !is_kacs(argv[end + 1]))
		return usage("run",
			     "--impersonate: execve() ends impersonation, so CMD must be a kacs subcommand (-- kacs ...)");
	if (imp) {
		r.type = KACS_TOKEN_IMPERSONATION;
		r.level = KACS_LEVEL_IMPERSONATION;
	}
	fd = kt_mint(&r);
	if (fd < 0)
		return refuse("kacs_create_token()", -fd,
			      "%s", -fd == EPERM ? M_NO_CREATE :
			      -fd == EINVAL ? M_BAD_SPEC : "");
	kt_sid_display(user.b, user.len, s, sizeof(s));
	if (imp) {
		keep_real_token();
		if (ioctl(fd, KACS_IOC_IMPERSONATE) < 0)
			return refuse("ioctl(KACS_IOC_IMPERSONATE)", errno,
				      "%s", errno == EPERM ? M_NO_IMP : "");
	} else if (ioctl(fd, KACS_IOC_INSTALL) < 0) {
		return refuse("ioctl(KACS_IOC_INSTALL)", errno,
			      "%s", errno == EPERM ? M_NO_ASSIGN : "");
	}
	close(fd);
	return run_cmd(argv + end + 1, argc - end - 1, !imp, "impersonation");
}

/* ---- kacs sd ---- */

static int read_sd(struct target *t, __u8 *sd, size_t cap, long *len)
{
	char call[400], why[KT_WHY];
	int err;

	*len = kt_get_sd(t->fd, KACS_OWNER_SECURITY_INFORMATION |
			 KACS_GROUP_SECURITY_INFORMATION |
			 KACS_DACL_SECURITY_INFORMATION |
			 KACS_LABEL_SECURITY_INFORMATION, sd, cap);
	if (*len >= 0 && *len <= (long)cap)
		return 0;
	err = *len < 0 ? errno : ERANGE;
	snprintf(call, sizeof(call), "kacs_get_sd(%s)", t->arg);
	why[0] = 0;
	if (err == EACCES && t->process)
		explain_process(t->pid, KACS_READ_CONTROL, why, sizeof(why));
	else if (err == EACCES)
		explain_cgroup(t->arg, KACS_READ_CONTROL, why, sizeof(why));
	else if (err == EPERM)
		snprintf(why, sizeof(why),
			 "refused by PIP: the caller does not dominate the PIP of %d",
			 t->pid);
	else if (err == EOPNOTSUPP && !t->process)
		snprintf(why, sizeof(why),
			 "%s is not a cgroup v2 directory (KACS keeps SDs on processes and cgroups)",
			 t->arg);
	return refuse(call, err, "%s", why);
}

static int cmd_sd_get(int argc, char **argv)
{
	static __u8 sd[KT_SD_BUF];
	static char txt[8 * KT_SD_BUF];
	bool raw = false;
	const char *arg = NULL;
	struct target t;
	struct kt_err e;
	long n;
	int i;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--raw"))
			raw = true;
		else if (!arg)
			arg = argv[i];
		else
			return usage("sd", "unexpected \"%s\"", argv[i]);
	}
	if (!arg)
		return usage("sd", "sd get needs a TARGET");
	if (target_parse(arg, &t))
		return usage("sd", "bad TARGET \"%s\"", arg);
	if (target_open(&t) || read_sd(&t, sd, sizeof(sd), &n))
		return 1;
	close(t.fd);
	if (raw) {
		kt_hex_encode(sd, n, txt);
		printf("%s\n", txt);
		return 0;
	}
	if (sddl_format(sd, n, txt, sizeof(txt), &e)) {
		fprintf(stderr, "kacs: sd get: the SD has no SDDL form (byte %zu: %s); use --raw\n",
			e.col, e.msg);
		return 1;
	}
	printf("%s\n", txt);
	return 0;
}

static void show_sddl_error(const char *text, const struct kt_err *e)
{
	size_t col = e->col ? e->col : 1;

	fprintf(stderr, "kacs: sd set: SDDL column %zu: %s\n", e->col, e->msg);
	fprintf(stderr, "  %s\n  %*s^\n", text, (int)(col - 1), "");
}

static const char *info_names(__u32 info, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s%s%s", info & KT_INFO_OWNER ? "owner " : "",
		 info & KT_INFO_GROUP ? "group " : "",
		 info & KT_INFO_DACL ? "DACL " : "",
		 info & KT_INFO_SACL ? "SACL " : "",
		 info & KT_INFO_LABEL ? "label " : "");
	if (len && buf[0])
		buf[strlen(buf) - 1] = 0;
	return buf;
}

/* The components a raw SD carries, as its SDDL form names them. */
static __u32 raw_info(const __u8 *sd, long n)
{
	static char txt[8 * KT_SD_BUF];
	static __u8 tmp[KT_SD_BUF];
	struct kt_err e;
	__u32 info;

	if (!sddl_format(sd, n, txt, sizeof(txt), &e) &&
	    sddl_parse(txt, tmp, sizeof(tmp), &info, &e) >= 0 && info)
		return info;
	return KT_INFO_OWNER | KT_INFO_GROUP | KT_INFO_DACL;
}

static int cmd_sd_set(int argc, char **argv)
{
	static __u8 sd[KT_SD_BUF];
	const char *arg = NULL, *text = NULL;
	char call[400], why[KT_WHY], rn[200], comp[64];
	bool raw = false;
	struct subject s;
	struct target t;
	struct kt_err e;
	__u32 info = 0, right = 0, off;
	long n;
	int i, err;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--raw"))
			raw = true;
		else if (!arg)
			arg = argv[i];
		else if (!text)
			text = argv[i];
		else
			return usage("sd", "unexpected \"%s\" (quote the SDDL)",
				     argv[i]);
	}
	if (!arg || !text)
		return usage("sd", "sd set needs a TARGET and an SD");
	if (target_parse(arg, &t))
		return usage("sd", "bad TARGET \"%s\"", arg);
	if (raw) {
		n = kt_hex_decode(text, sd, sizeof(sd), &e);
		if (n < 0)
			return usage("sd", "hex column %zu: %s", e.col, e.msg);
		info = raw_info(sd, n);
	} else {
		n = sddl_parse(text, sd, sizeof(sd), &info, &e);
		if (n < 0) {
			show_sddl_error(text, &e);
			return usage("sd", NULL);
		}
		if (!info)
			return usage("sd", "the SDDL names no component (O:, G:, D:, S:)");
	}
	if (target_open(&t))
		return 1;
	if (kt_set_sd(t.fd, info, sd, n) == 0) {
		close(t.fd);
		return 0;
	}
	err = errno;
	close(t.fd);
	snprintf(call, sizeof(call), "kacs_set_sd(%s, %s)", arg,
		 info_names(info, comp, sizeof(comp)));
	subject_get(&s);
	why[0] = 0;
	if (info & (KT_INFO_OWNER | KT_INFO_GROUP | KT_INFO_LABEL))
		right |= KACS_WRITE_OWNER;
	if (info & KT_INFO_DACL)
		right |= KACS_WRITE_DAC;
	if (info & KT_INFO_SACL)
		right |= KACS_ACCESS_SYSTEM_SECURITY;
	kt_rights_str(right, t.process ? KT_PROCESS : KT_FILE, rn, sizeof(rn));
	memcpy(&off, sd + 4, 4);
	if (err == EACCES) {
		snprintf(why, sizeof(why), "refused by %s: %s not granted to %s",
			 t.what, rn, s.who);
	} else if (err == EPERM && (info & KT_INFO_OWNER) && off &&
		   !subject_may_own(&s, sd + off, n - off)) {
		snprintf(why, sizeof(why),
			 "the new owner must be %s or one of its owner groups (SeRestorePrivilege lifts this)",
			 s.who);
	} else if (err == EPERM && (info & (KT_INFO_LABEL | KT_INFO_SACL))) {
		snprintf(why, sizeof(why),
			 "a mandatory label above the caller's integrity needs SeRelabelPrivilege (or the caller does not dominate the target's PIP)");
	} else if (err == EPERM && t.process) {
		snprintf(why, sizeof(why),
			 "refused by PIP: the caller does not dominate the PIP of %d",
			 t.pid);
	} else if (err == EINVAL) {
		snprintf(why, sizeof(why),
			 "the kernel refused the SD as malformed (a process or cgroup SD needs an owner; labels need S-1-16-x SIDs, trust labels S-1-19-T-L)");
	}
	return refuse(call, err, "%s", why);
}

static int cmd_sd(int argc, char **argv)
{
	if (argc < 1)
		return usage("sd", "sd needs get or set");
	if (!strcmp(argv[0], "get"))
		return cmd_sd_get(argc - 1, argv + 1);
	if (!strcmp(argv[0], "set"))
		return cmd_sd_set(argc - 1, argv + 1);
	/* the old form: kacs sd PID */
	if (argc == 1 && all_digits(argv[0], strlen(argv[0])))
		return cmd_sd_get(argc, argv);
	return usage("sd", "unknown sd command \"%s\"", argv[0]);
}

/* ---- kacs check ---- */

static int cmd_check(int argc, char **argv)
{
	static __u8 sd[KT_SD_BUF];
	static char txt[8 * KT_SD_BUF];
	char rs[600];
	const struct kt_right *rt;
	enum kt_kind kind;
	struct subject s;
	struct target t;
	struct kt_err e;
	__u32 want, granted = 0, maxg = 0;
	long n, r;
	int i;

	if (argc < 2)
		return usage("check", "check needs TARGET and RIGHTS");
	if (argc > 2)
		return usage("check", "unexpected \"%s\"", argv[2]);
	if (target_parse(argv[0], &t))
		return usage("check", "bad TARGET \"%s\"", argv[0]);
	kind = t.process ? KT_PROCESS : KT_FILE;
	if (kt_rights_parse(argv[1], kind, &want, &e))
		return usage("check", "RIGHTS column %zu: %s", e.col, e.msg);
	if (target_open(&t) || read_sd(&t, sd, sizeof(sd), &n))
		return 1;
	close(t.fd);
	subject_get(&s);
	r = access_check(sd, n, KACS_MAXIMUM_ALLOWED, kind, &maxg);
	if (r < 0)
		return refuse("kacs_access_check(MAXIMUM_ALLOWED)", -r, NULL);
	r = access_check(sd, n, want, kind, &granted);
	if (r < 0 && r != -EACCES)
		return refuse("kacs_access_check()", -r, NULL);
	if (sddl_format(sd, n, txt, sizeof(txt), &e))
		snprintf(txt, sizeof(txt), "(no SDDL form)");
	printf("subject: %s\n", s.who);
	printf("object:  %s\n", t.what);
	printf("         %s\n", txt);
	rt = kt_rights_of(kind);
	for (i = 0; rt[i].name; i++)
		if (want & rt[i].mask)
			printf("  %-28s %s\n", rt[i].name,
			       granted & rt[i].mask ? "granted" : "DENIED");
	want &= ~KACS_MAXIMUM_ALLOWED;
	if (want)
		printf("requested: %s\n", kt_rights_str(want, kind, rs, sizeof(rs)));
	printf("granted:   %s\n", kt_rights_str(granted & ~KACS_MAXIMUM_ALLOWED,
						kind, rs, sizeof(rs)));
	printf("maximum:   %s\n", kt_rights_str(maxg, kind, rs, sizeof(rs)));
	if (t.process && s.debug)
		fprintf(stdout,
			"note: SeDebugPrivilege is enabled: the process gates skip this DACL decision (never PIP)\n");
	if (t.process)
		fprintf(stdout,
			"note: the process gates also need PIP dominance, which AccessCheck does not show\n");
	return r < 0 ? 1 : 0;
}

/* ---- kacs psb, pip, priv ---- */

static int probe_fork(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid < 0)
		return errno;
	kt_reap(pid);
	return 0;
}

static int cmd_psb(int argc, char **argv)
{
	unsigned int type, trust;
	int pidfd, end;
	FILE *f;

	if (argc >= 2 && !strcmp(argv[0], "set")) {
		end = dashdash(argc, argv);
		if (end != 2 || strcmp(argv[1], "no-child-process"))
			return usage("psb",
				     "only \"psb set no-child-process\" is enforced by this series");
		if (kt_set_psb(-1, KACS_PSB_NO_CHILD))
			return refuse("kacs_set_psb(-1, KACS_PSB_NO_CHILD)",
				      errno, NULL);
		if (end < argc - 1)
			return run_cmd(argv + end + 1, argc - end - 1, true,
				       NULL);
		fprintf(stdout,
			"no_child_process set on process %d (it ends with this process; use -- CMD to run something under it)\n",
			getpid());
		return 0;
	}
	if (argc > 1)
		return usage("psb", "unexpected \"%s\"", argv[1]);
	if (argc == 0 || !strcmp(argv[0], "self") || atoi(argv[0]) == getpid()) {
		f = fopen(KT_TEST_PIP, "r");
		if (f && fscanf(f, "%u %u", &type, &trust) == 2)
			printf("pip:              type %u trust %u\n", type, trust);
		else
			printf("pip:              unknown (test_pip knob absent)\n");
		if (f)
			fclose(f);
		printf("no_child_process: %s\n", probe_fork() == EPERM ?
		       "set" : "clear");
		printf("other mitigations: write-only in the v0.20 ABI\n");
		return 0;
	}
	if (!all_digits(argv[0], strlen(argv[0])))
		return usage("psb", "\"%s\" is not a PID", argv[0]);
	pidfd = kt_pidfd_open(atoi(argv[0]));
	if (pidfd >= 0) {
		printf("pip:              dominated by the caller\n");
		close(pidfd);
	} else {
		printf("pip:              %s\n", errno == EACCES ?
		       "not dominated, or process SD denies QUERY_LIMITED" :
		       strerror(errno));
	}
	printf("mitigations:      write-only in the v0.20 ABI\n");
	return 0;
}

static int parse_uint(const char *s, unsigned int *v)
{
	char *end;
	unsigned long x;

	if (!all_digits(s, strlen(s)))
		return -1;
	x = strtoul(s, &end, 10);
	if (*end || x > 0xffffffffUL)
		return -1;
	*v = x;
	return 0;
}

static int cmd_pip(int argc, char **argv)
{
	unsigned int type, trust;
	char buf[64];
	int fd, n, end;
	FILE *f;

	if (argc == 0 || (argc == 1 && !strcmp(argv[0], "get"))) {
		f = fopen(KT_TEST_PIP, "r");
		if (!f)
			return refuse("open(" KT_TEST_PIP ")", errno,
				      "the PIP test knob needs CONFIG_SECURITY_KACS_TEST");
		if (fscanf(f, "%u %u", &type, &trust) != 2)
			type = 0, trust = 0;
		fclose(f);
		printf("pip: type %u trust %u\n", type, trust);
		return 0;
	}
	end = dashdash(argc, argv);
	if (strcmp(argv[0], "set") || end != 3)
		return usage("pip", NULL);
	if (!strcasecmp(argv[1], "none"))
		type = KACS_PIP_NONE;
	else if (!strcasecmp(argv[1], "protected"))
		type = KACS_PIP_PROTECTED;
	else if (!strcasecmp(argv[1], "isolated"))
		type = KACS_PIP_ISOLATED;
	else if (parse_uint(argv[1], &type))
		return usage("pip", "TYPE %s: want none, protected, isolated or a number",
			     argv[1]);
	if (!strcasecmp(argv[2], "tcb"))
		trust = KACS_PIP_TRUST_PEIOS_TCB;
	else if (parse_uint(argv[2], &trust))
		return usage("pip", "TRUST %s: want a number (8192 = PeiosTcb)",
			     argv[2]);
	fd = open(KT_TEST_PIP, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return refuse("open(" KT_TEST_PIP ")", errno,
			      "the PIP test knob needs CONFIG_SECURITY_KACS_TEST");
	n = snprintf(buf, sizeof(buf), "%u %u\n", type, trust);
	if (write(fd, buf, n) != n) {
		n = errno;
		close(fd);
		return refuse("write(" KT_TEST_PIP ")", n, n == EPERM ?
			      "setting a PIP needs SeTcbPrivilege" : NULL);
	}
	close(fd);
	if (end < argc - 1)
		return run_cmd(argv + end + 1, argc - end - 1, false,
			       "the PIP (it is reset to None)");
	fprintf(stdout,
		"pip of process %d: type %u trust %u (it ends with this process; use -- kacs ... to act under it)\n",
		getpid(), type, trust);
	return 0;
}

static int cmd_priv(int argc, char **argv)
{
	int end = dashdash(argc, argv), i, fd, bit, r;
	bool enable;
	__u64 prev = 0;

	if (end < 2 || (strcmp(argv[0], "enable") && strcmp(argv[0], "disable")))
		return usage("priv", NULL);
	enable = !strcmp(argv[0], "enable");
	for (i = 1; i < end; i++)
		if (kt_priv_parse(argv[i]) < 0)
			return usage("priv",
				     "unknown privilege \"%s\" (for example SeDebugPrivilege, or debug)",
				     argv[i]);
	fd = kt_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_QUERY |
				KACS_TOKEN_ADJUST_PRIVILEGES);
	if (fd < 0)
		return refuse("kacs_open_self_token(KACS_REAL_TOKEN, TOKEN_ADJUST_PRIVILEGES)",
			      errno, errno == EACCES ?
			      "refused by the token's own SD: TOKEN_ADJUST_PRIVILEGES not granted" :
			      NULL);
	for (i = 1; i < end; i++) {
		bit = kt_priv_parse(argv[i]);
		r = adjust_priv(fd, bit, enable, &prev);
		if (r)
			return refuse("ioctl(KACS_IOC_ADJUST_PRIVS)", -r,
				      "%s%s", -r == EINVAL ? kt_priv_name(bit) : "",
				      -r == EINVAL ? M_NOT_PRESENT : "");
		if (end >= argc - 1)
			printf("%s: %s -> %s\n", kt_priv_name(bit),
			       prev & KACS_PRIV(bit) ? "enabled" : "disabled",
			       enable ? "enabled" : "disabled");
	}
	close(fd);
	if (end < argc - 1)
		return run_cmd(argv + end + 1, argc - end - 1, true, NULL);
	fprintf(stdout,
		"(on the token of process %d, which ends with it; use -- CMD to run something with it)\n",
		getpid());
	return 0;
}

/* ---- kacs try ---- */

static int signal_number(const char *s, int *sig)
{
	static const struct {
		const char *name;
		int sig;
	} t[] = {
		{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
		{ "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "USR2", SIGUSR2 },
		{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
		{ "CHLD", SIGCHLD }, { "CONT", SIGCONT }, { "STOP", SIGSTOP },
		{ "TSTP", SIGTSTP }, { "TTIN", SIGTTIN }, { "TTOU", SIGTTOU },
		{ "URG", SIGURG }, { "WINCH", SIGWINCH },
	};
	unsigned int i, v;

	if (!parse_uint(s, &v) && v < 65) {
		*sig = v;
		return 0;
	}
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		if (!strcasecmp(s, t[i].name)) {
			*sig = t[i].sig;
			return 0;
		}
	}
	return -1;
}

/* The process right a signal needs (admin guide, process gates). */
static __u32 signal_right(int sig)
{
	switch (sig) {
	case 0:
		return KACS_PROCESS_QUERY_LIMITED;
	case SIGCHLD:
	case SIGURG:
	case SIGWINCH:
		return KACS_PROCESS_SIGNAL;
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
	case SIGCONT:
		return KACS_PROCESS_SUSPEND_RESUME;
	default:
		return KACS_PROCESS_TERMINATE;
	}
}

static int try_pid(const char *s, pid_t *pid)
{
	unsigned int v;

	if (parse_uint(s, &v) || !v)
		return usage("try", "\"%s\" is not a PID", s);
	*pid = v;
	return 0;
}

static int try_kill(int argc, char **argv)
{
	char call[64], why[KT_WHY], rn[100];
	pid_t pid = 0;
	int sig = SIGTERM, err;

	if (argc < 1 || argc > 2)
		return usage("try", "try kill needs PID [SIGNAL]");
	if (try_pid(argv[0], &pid))
		return 2;
	if (argc == 2 && signal_number(argv[1], &sig))
		return usage("try", "unknown signal \"%s\"", argv[1]);
	snprintf(call, sizeof(call), "kill(%d, %d)", pid, sig);
	if (!kill(pid, sig)) {
		printf("kill(%d, %d): allowed (%s granted)\n", pid, sig,
		       kt_rights_str(signal_right(sig), KT_PROCESS, rn,
				     sizeof(rn)));
		return 0;
	}
	err = errno;
	why[0] = 0;
	if (err == EPERM)
		explain_process(pid, signal_right(sig), why, sizeof(why));
	return refuse(call, err, "%s", why);
}

static int try_pidfd_open(int argc, char **argv)
{
	char call[64], why[KT_WHY];
	pid_t pid = 0;
	int fd, err;

	if (argc != 1)
		return usage("try", "try pidfd-open needs PID");
	if (try_pid(argv[0], &pid))
		return 2;
	fd = kt_pidfd_open(pid);
	if (fd >= 0) {
		printf("pidfd_open(%d): allowed (PROCESS_QUERY_LIMITED granted, PIP dominated)\n",
		       pid);
		close(fd);
		return 0;
	}
	err = errno;
	snprintf(call, sizeof(call), "pidfd_open(%d)", pid);
	explain_pidfd_open(pid, err, why, sizeof(why));
	return refuse(call, err, "%s", why);
}

static int try_ptrace(int argc, char **argv)
{
	char call[64], why[KT_WHY];
	pid_t pid = 0;
	int err;

	if (argc != 1)
		return usage("try", "try ptrace needs PID");
	if (try_pid(argv[0], &pid))
		return 2;
	/* SEIZE: an attach without a stop; exiting detaches. */
	if (!ptrace(PTRACE_SEIZE, pid, NULL, NULL)) {
		fprintf(stdout,
			"ptrace(PTRACE_SEIZE, %d): allowed (PROCESS_VM_WRITE granted, PIP dominated); detached\n",
			pid);
		return 0;
	}
	err = errno;
	snprintf(call, sizeof(call), "ptrace(PTRACE_SEIZE, %d)", pid);
	why[0] = 0;
	if (err == EPERM)
		explain_process(pid, KACS_PROCESS_VM_WRITE, why, sizeof(why));
	return refuse(call, err, "%s", why);
}

static int try_clone_into_cgroup(int argc, char **argv)
{
	char call[400], why[KT_WHY];
	pid_t pid = 0;
	int fd, err;

	if (argc != 1)
		return usage("try", "try clone-into-cgroup needs DIR");
	fd = open(argv[0], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return refuse("open()", errno, "%s", argv[0]);
	pid = kt_clone3_fork(CLONE_INTO_CGROUP, fd, NULL);
	if (pid == 0)
		_exit(0);
	close(fd);
	if (pid > 0) {
		kt_reap(pid);
		fprintf(stdout,
			"clone3(CLONE_INTO_CGROUP, %s): allowed (FILE_WRITE_DATA granted); child %d ran there\n",
			argv[0], pid);
		return 0;
	}
	err = -pid;
	snprintf(call, sizeof(call), "clone3(CLONE_INTO_CGROUP, %s)", argv[0]);
	why[0] = 0;
	if (err == EACCES)
		explain_cgroup(argv[0], KACS_FILE_WRITE_DATA, why, sizeof(why));
	else if (err == EPERM && probe_fork() == EPERM)
		snprintf(why, sizeof(why),
			 "refused by the PSB of %d: no_child_process is set",
			 getpid());
	return refuse(call, err, "%s", why);
}

static int try_fork(void)
{
	struct kacs_token_statistics me, child;
	struct kt_sid cuser, muser;
	char s[KT_SID_STR_MAX + 48], s2[KT_SID_STR_MAX + 48];
	int p[2], err;
	pid_t pid = 0;

	if (kt_self_token(true, &me, &muser) || pipe(p))
		return refuse("kacs_open_self_token()", errno, NULL);
	pid = fork();
	if (pid == 0) {
		memset(&child, 0, sizeof(child));
		kt_self_token(true, &child, &cuser);
		if (write(p[1], &child, sizeof(child)) < 0 ||
		    write(p[1], &cuser, sizeof(cuser)) < 0)
			_exit(1);
		_exit(0);
	}
	if (pid < 0) {
		err = errno;
		return refuse("fork()", err, err == EPERM ?
			      "refused by the PSB of %d: no_child_process is set" :
			      NULL, getpid());
	}
	close(p[1]);
	if (read(p[0], &child, sizeof(child)) != sizeof(child) ||
	    read(p[0], &cuser, sizeof(cuser)) != sizeof(cuser))
		memset(&cuser, 0, sizeof(cuser));
	kt_reap(pid);
	fprintf(stdout,
		"fork(): allowed; child %d has its own copy of the primary token: user %s, token_id 0x%llx (parent 0x%llx, user %s)\n",
		pid, kt_sid_display(cuser.b, cuser.len, s, sizeof(s)),
		(unsigned long long)child.token_id,
		(unsigned long long)me.token_id,
		kt_sid_display(muser.b, muser.len, s2, sizeof(s2)));
	return 0;
}

struct thread_view {
	struct kacs_token_statistics real, eff;
	struct kt_sid user;
	pid_t tid;
};

static void *thread_fn(void *arg)
{
	struct thread_view *v = arg;

	v->tid = kt_gettid();
	kt_self_token(true, &v->real, NULL);
	kt_self_token(false, &v->eff, &v->user);
	return NULL;
}

static int try_thread(void)
{
	struct thread_view me = { 0 }, th = { 0 };
	char s[KT_SID_STR_MAX + 48];
	pthread_t t;
	int r;

	thread_fn(&me);
	r = pthread_create(&t, NULL, thread_fn, &th);
	if (r)
		return refuse("clone(CLONE_THREAD) (pthread_create)", r,
			      NULL);
	pthread_join(t, NULL);
	printf("CLONE_THREAD: allowed; new thread %d of process %d\n",
	       th.tid, getpid());
	printf("  creator thread %d: effective %s, token_id 0x%llx, impersonating: %s\n",
	       me.tid, kt_sid_display(me.user.b, me.user.len, s, sizeof(s)),
	       (unsigned long long)me.eff.token_id,
	       me.eff.token_id != me.real.token_id ? "yes" : "no");
	printf("  new thread %d:     effective %s, token_id 0x%llx, impersonating: %s\n",
	       th.tid, kt_sid_display(th.user.b, th.user.len, s, sizeof(s)),
	       (unsigned long long)th.eff.token_id,
	       th.eff.token_id != th.real.token_id ? "yes" : "no");
	printf("  the new thread shares the process's primary token (0x%llx): %s\n",
	       (unsigned long long)me.real.token_id,
	       th.real.token_id == me.real.token_id ? "yes" : "NO");
	return 0;
}

static int try_clone_pidfd(int argc, char **argv)
{
	static __u8 sd[KT_SD_BUF];
	const char *child_sd = NULL;
	char why[KT_WHY], call[64];
	int go[2], ready[2], pidfd = -1, fd, err;
	struct kt_err e;
	__u32 info;
	long n = 0;
	pid_t pid = 0;
	char c;

	if (argc == 2 && !strcmp(argv[0], "--child-sd"))
		child_sd = argv[1];
	else if (argc)
		return usage("try", "try clone-pidfd takes only --child-sd SDDL");
	if (child_sd) {
		n = sddl_parse(child_sd, sd, sizeof(sd), &info, &e);
		if (n < 0) {
			show_sddl_error(child_sd, &e);
			return usage("try", NULL);
		}
	}
	if (pipe(go) || pipe(ready))
		return refuse("pipe()", errno, NULL);
	pid = kt_clone3_fork(CLONE_PIDFD, -1, &pidfd);
	if (pid == 0) {
		close(go[1]);
		close(ready[0]);
		fd = kt_pidfd_open(getpid());
		c = 'y';
		if (child_sd && (fd < 0 || kt_set_sd(fd, info, sd, n)))
			c = 'n';
		if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	if (pid < 0)
		return refuse("clone3(CLONE_PIDFD)", -pid, -pid == EPERM ?
			      "refused by the PSB of %d: no_child_process is set" :
			      NULL, getpid());
	close(go[0]);
	close(ready[1]);
	if (read(ready[0], &c, 1) != 1)
		c = 'n';
	printf("clone3(CLONE_PIDFD): allowed; child %d, pidfd %d issued without an access check\n",
	       pid, pidfd);
	if (child_sd)
		printf("  the child set its own process SD to %s: %s\n",
		       child_sd, c == 'y' ? "done" : "FAILED");
	fd = kt_pidfd_open(pid);
	if (fd >= 0) {
		printf("  pidfd_open(%d): allowed\n", pid);
		close(fd);
	} else {
		err = errno;
		explain_pidfd_open(pid, err, why, sizeof(why));
		printf("  pidfd_open(%d) = %s: %s\n", pid, errno_name(err), why);
	}
	snprintf(call, sizeof(call), "pidfd_send_signal(pidfd %d, 0)", pidfd);
	if (!kt_pidfd_send_signal(pidfd, 0)) {
		printf("  %s: allowed\n", call);
	} else {
		err = errno;
		explain_process(pid, KACS_PROCESS_QUERY_LIMITED, why,
				sizeof(why));
		printf("  %s = %s: the pidfd carries no authority: %s\n", call,
		       errno_name(err), why);
	}
	close(go[1]);
	kt_reap(pid);
	return 0;
}

static int cmd_try(int argc, char **argv)
{
	if (argc < 1)
		return usage("try", "try needs an operation");
	if (!strcmp(argv[0], "kill"))
		return try_kill(argc - 1, argv + 1);
	if (!strcmp(argv[0], "pidfd-open"))
		return try_pidfd_open(argc - 1, argv + 1);
	if (!strcmp(argv[0], "ptrace"))
		return try_ptrace(argc - 1, argv + 1);
	if (!strcmp(argv[0], "clone-into-cgroup"))
		return try_clone_into_cgroup(argc - 1, argv + 1);
	if (!strcmp(argv[0], "clone-pidfd"))
		return try_clone_pidfd(argc - 1, argv + 1);
	if (!strcmp(argv[0], "fork") && argc == 1)
		return try_fork();
	if (!strcmp(argv[0], "thread") && argc == 1)
		return try_thread();
	return usage("try", "unknown operation \"%s\"", argv[0]);
}

static int cmd_pause(int argc, char **argv)
{
	unsigned int secs = 0;

	if (argc > 1 || (argc == 1 && parse_uint(argv[0], &secs)))
		return usage("pause", NULL);
	printf("kacs pause: process %d waiting%s\n", getpid(),
	       secs ? "" : " (kill it to end)");
	fflush(stdout);
	if (secs)
		sleep(secs);
	else
		for (;;)
			pause();
	return 0;
}

static int help(void)
{
	usage(NULL, NULL);
	fprintf(stderr,
		"\nTARGET: PID, PID/TID, self, or a cgroup v2 directory.  SID: S-1-..., an SDDL alias\n"
		"(SY BA WD ...) or a name of \"kacs names\" (alice = S-1-5-21-100-200-300-1001).\n"
		"Failures exit 1 naming the system call, errno and KACS rule; usage errors exit 2.\n");
	return 0;
}

static int dispatch(int argc, char **argv)
{
	const char *c;

	if (argc < 1)
		return usage(NULL, NULL);
	c = argv[0];
	cmd_name = c;
	if (!strcmp(c, "token"))
		return cmd_token(argc - 1, argv + 1);
	if (!strcmp(c, "run"))
		return cmd_run(argc - 1, argv + 1);
	if (!strcmp(c, "sd"))
		return cmd_sd(argc - 1, argv + 1);
	if (!strcmp(c, "check"))
		return cmd_check(argc - 1, argv + 1);
	if (!strcmp(c, "psb"))
		return cmd_psb(argc - 1, argv + 1);
	if (!strcmp(c, "pip"))
		return cmd_pip(argc - 1, argv + 1);
	if (!strcmp(c, "priv"))
		return cmd_priv(argc - 1, argv + 1);
	if (!strcmp(c, "try"))
		return cmd_try(argc - 1, argv + 1);
	if (!strcmp(c, "pause"))
		return cmd_pause(argc - 1, argv + 1);
	if (!strcmp(c, "names") && argc == 1)
		return cmd_names();
	if (!strcmp(c, "clone-demo") && argc == 1)
		return cmd_clone_demo();
	if (!strcmp(c, "help") || !strcmp(c, "--help") || !strcmp(c, "-h"))
		return help();
	return usage(NULL, "unknown command \"%s\"", c);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	return dispatch(argc - 1, argv + 1);
}
