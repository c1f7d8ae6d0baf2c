// SPDX-License-Identifier: GPL-2.0-only
/*
 * kacs - inspect KACS tokens, process security descriptors and PSBs, and
 * demonstrate what KACS does for each clone() flag.
 *
 *   kacs token [self|PID|PID/TID]
 *   kacs sd PID
 *   kacs psb [PID]
 *   kacs clone-demo
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "../testing/selftests/kacs/kacs_util.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

static const char * const priv_names[64] = {
	[2] = "SeCreateTokenPrivilege",
	[3] = "SeAssignPrimaryTokenPrivilege",
	[4] = "SeLockMemoryPrivilege",
	[5] = "SeIncreaseQuotaPrivilege",
	[6] = "SeMachineAccountPrivilege",
	[7] = "SeTcbPrivilege",
	[8] = "SeSecurityPrivilege",
	[9] = "SeTakeOwnershipPrivilege",
	[10] = "SeLoadDriverPrivilege",
	[11] = "SeSystemProfilePrivilege",
	[12] = "SeSystemtimePrivilege",
	[13] = "SeProfileSingleProcessPrivilege",
	[14] = "SeIncreaseBasePriorityPrivilege",
	[15] = "SeCreatePagefilePrivilege",
	[16] = "SeCreatePermanentPrivilege",
	[17] = "SeBackupPrivilege",
	[18] = "SeRestorePrivilege",
	[19] = "SeShutdownPrivilege",
	[20] = "SeDebugPrivilege",
	[21] = "SeAuditPrivilege",
	[22] = "SeSystemEnvironmentPrivilege",
	[23] = "SeChangeNotifyPrivilege",
	[24] = "SeRemoteShutdownPrivilege",
	[25] = "SeUndockPrivilege",
	[26] = "SeSyncAgentPrivilege",
	[27] = "SeEnableDelegationPrivilege",
	[28] = "SeManageVolumePrivilege",
	[29] = "SeImpersonatePrivilege",
	[30] = "SeCreateGlobalPrivilege",
	[31] = "SeTrustedCredManAccessPrivilege",
	[32] = "SeRelabelPrivilege",
	[33] = "SeIncreaseWorkingSetPrivilege",
	[34] = "SeTimeZonePrivilege",
	[35] = "SeCreateSymbolicLinkPrivilege",
	[62] = "SeCreateJobPrivilege",
	[63] = "SeBindPrivilegedPortPrivilege",
};

static const char *sid_alias(const char *s)
{
	static const char * const tab[][2] = {
		{ "S-1-5-18", "SY" }, { "S-1-5-32-544", "BA" },
		{ "S-1-1-0", "WD" }, { "S-1-5-32-545", "BU" },
		{ "S-1-5-11", "AU" }, { "S-1-5-7", "AN" },
		/* the principal the demo and the selftests mint */
		{ "S-1-5-21-100-200-300-1001", "alice" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tab); i++)
		if (!strcmp(s, tab[i][0]))
			return tab[i][1];
	return s;
}

static const char *tsid_str(const struct kacs_tsid *s, char *buf, size_t len)
{
	return kacs_sid_str(s->b, s->len, buf, len);
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

static int print_token(int fd)
{
	static const char * const levels[] = { "Anonymous", "Identification",
					       "Impersonation", "Delegation" };
	struct kacs_token_statistics st;
	struct kacs_token_privileges pv;
	struct kacs_tsid user;
	__u8 buf[8192];
	char s[128], state[64];
	long n, type, level;
	__u32 count, off, l, attrs, rid, i;

	if (kacs_user(fd, &user) || kacs_stats(fd, &st) || kacs_privs(fd, &pv))
		return -1;
	type = kacs_u32_class(fd, KACS_TOKEN_CLASS_TYPE);
	level = kacs_u32_class(fd, KACS_TOKEN_CLASS_IMPERSONATION_LEVEL);
	printf("User:                %s\n", tsid_str(&user, s, sizeof(s)));
	printf("Type:                %s\n", type == KACS_TOKEN_PRIMARY ?
	       "Primary" : "Impersonation");
	printf("Impersonation level: %s\n",
	       level >= 0 && level < 4 ? levels[level] : "?");
	n = kacs_query(fd, KACS_TOKEN_CLASS_INTEGRITY_LEVEL, buf, sizeof(buf));
	if (n >= 12) {
		memcpy(&rid, buf + 8, 4);
		printf("Integrity:           %u (%s)\n", rid,
		       rid >= 16384 ? "System" : rid >= 12288 ? "High" :
		       rid >= 8192 ? "Medium" : rid >= 4096 ? "Low" :
		       "Untrusted");
	}
	printf("token_id:            0x%llx\n", (unsigned long long)st.token_id);
	printf("modified_id:         0x%llx\n",
	       (unsigned long long)st.modified_id);
	printf("Groups:\n");
	n = kacs_query(fd, KACS_TOKEN_CLASS_GROUPS, buf, sizeof(buf));
	if (n >= 4) {
		memcpy(&count, buf, 4);
		for (off = 4, i = 0; i < count && off + 4 <= n; i++) {
			memcpy(&l, buf + off, 4);
			if (off + 8 + l > n)
				break;
			memcpy(&attrs, buf + off + 4 + l, 4);
			kacs_sid_str(buf + off + 4, l, s, sizeof(s));
			group_state(attrs, state, sizeof(state));
			printf("  %-40s %s\n", s, state);
			off += 8 + l;
		}
	}
	printf("Privileges:\n");
	for (i = 0; i < 64; i++) {
		if (!(pv.present & KACS_PRIV(i)))
			continue;
		printf("  %-36s %s\n", priv_names[i] ? priv_names[i] : "?",
		       pv.enabled & KACS_PRIV(i) ? "enabled" : "disabled");
	}
	return 0;
}

static int cmd_token(const char *arg)
{
	int fd = -1, pidfd;
	pid_t pid, tid = 0;

	if (!arg || !strcmp(arg, "self")) {
		fd = kacs_open_self_token(0, KACS_TOKEN_QUERY);
	} else {
		pid = atoi(arg);
		if (strchr(arg, '/'))
			tid = atoi(strchr(arg, '/') + 1);
		pidfd = sys_pidfd_open(pid, 0);
		if (pidfd < 0) {
			perror("pidfd_open");
			return 2;
		}
		fd = tid ? kacs_open_thread_token(pidfd, tid, KACS_TOKEN_QUERY) :
		     kacs_open_process_token(pidfd, KACS_TOKEN_QUERY);
		close(pidfd);
	}
	if (fd < 0) {
		perror("kacs: open token");
		return 2;
	}
	if (print_token(fd)) {
		perror("kacs: query");
		return 2;
	}
	close(fd);
	return 0;
}

static void sddl(const __u8 *sd, size_t len, char *out, size_t outlen)
{
	size_t o = 0, acl, p;
	__u32 off, mask, i;
	__u16 cnt, sz;
	char s[128];

	out[0] = 0;
	memcpy(&off, sd + 4, 4);
	if (off && off < len) {
		kacs_sid_str(sd + off, len - off, s, sizeof(s));
		o += snprintf(out + o, outlen - o, "O:%s", sid_alias(s));
	}
	memcpy(&off, sd + 8, 4);
	if (off && off < len && o < outlen) {
		kacs_sid_str(sd + off, len - off, s, sizeof(s));
		o += snprintf(out + o, outlen - o, "G:%s", sid_alias(s));
	}
	memcpy(&off, sd + 16, 4);
	if (!(sd[2] & KACS_SE_DACL_PRESENT) || o >= outlen)
		return;
	o += snprintf(out + o, outlen - o, "D:%s", off ? "" : "NO_ACCESS_CONTROL");
	if (!off || off + 8 > len)
		return;
	acl = off;
	memcpy(&cnt, sd + acl + 4, 2);
	for (p = acl + 8, i = 0; i < cnt && p + 8 <= len && o < outlen; i++) {
		memcpy(&sz, sd + p + 2, 2);
		memcpy(&mask, sd + p + 4, 4);
		if (sz < 8 || p + sz > len)
			break;
		o += snprintf(out + o, outlen - o, "(%s;%s;0x%x;;;%s)",
			      sd[p] == 0 ? "A" : sd[p] == 1 ? "D" : "?",
			      sd[p + 1] ? "f" : "", mask,
			      sid_alias(kacs_sid_str(sd + p + 8, sz - 8, s,
						     sizeof(s))));
		p += sz;
	}
}

static int cmd_sd(const char *arg)
{
	__u8 sd[4096];
	char out[2048];
	int pidfd;
	long n;

	if (!arg)
		return 1;
	pidfd = sys_pidfd_open(atoi(arg), 0);
	if (pidfd < 0) {
		perror("pidfd_open");
		return 2;
	}
	n = kacs_get_sd(pidfd, "", KACS_OWNER_SECURITY_INFORMATION |
			KACS_GROUP_SECURITY_INFORMATION |
			KACS_DACL_SECURITY_INFORMATION, sd, sizeof(sd),
			AT_EMPTY_PATH);
	close(pidfd);
	if (n < 20) {
		perror("kacs_get_sd");
		return 2;
	}
	sddl(sd, n, out, sizeof(out));
	printf("%s\n", out);
	return 0;
}

static int probe_no_child(void)
{
	pid_t pid = vfork();

	if (pid == 0)
		_exit(0);
	if (pid < 0)
		return errno == EPERM;
	waitpid(pid, NULL, 0);
	return 0;
}

static int cmd_psb(const char *arg)
{
	unsigned int type, trust;
	int pidfd;

	if (!arg || !strcmp(arg, "self") || atoi(arg) == getpid()) {
		if (kacs_pip_get(&type, &trust))
			printf("pip:              unknown (test_pip knob absent)\n");
		else
			printf("pip:              type %u trust %u\n", type, trust);
		printf("no_child_process: %s\n", probe_no_child() ? "set" : "clear");
		printf("other mitigations: write-only in the v0.20 ABI\n");
		return 0;
	}
	pidfd = sys_pidfd_open(atoi(arg), 0);
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

/* ---- clone-demo ------------------------------------------------------------ */

struct obs {
	atomic_int ready;
	int rel[2];
	struct kacs_token_statistics real, eff;
	struct kacs_tsid user;
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

	kacs_self_stats(true, &o->real);
	kacs_self_stats(false, &o->eff);
	kacs_self_user(true, &o->user);
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
		kacs_reap(pid);
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
	struct kacs_tsid owner = { 0 };
	char s[128];
	int pidfd;

	snprintf(r->user, sizeof(r->user), "%s",
		 sid_alias(tsid_str(&o->user, s, sizeof(s))));
	snprintf(r->id, sizeof(r->id), "0x%llx",
		 (unsigned long long)o->real.token_id);
	snprintf(r->imp, sizeof(r->imp), "%s",
		 o->real.token_id == o->eff.token_id ? "no" : "yes");
	pidfd = pid > 0 ? sys_pidfd_open(pid, 0) : -1;
	if (pidfd >= 0 && !kacs_process_owner(pidfd, &owner))
		snprintf(r->owner, sizeof(r->owner), "%s",
			 sid_alias(tsid_str(&owner, s, sizeof(s))));
	if (pidfd >= 0)
		close(pidfd);
}

static struct kacs_token_statistics me;

/* CLONE_THREAD from a thread impersonating alice */
static void *thread_demo(void *arg)
{
	struct row *r = arg;
	struct obs *o = obs_new();
	struct kacs_spawn s = { .flags = CLONE_VM | CLONE_FS | CLONE_FILES |
				CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM };
	struct kacs_token_statistics mine;
	int fd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION,
				KACS_LEVEL_IMPERSONATION, 0);
	pid_t tid;

	if (fd < 0 || kacs_impersonate(fd))
		return NULL;
	tid = kacs_spawn_run(&s, demo_child, o);
	obs_wait(o);
	kacs_self_stats(false, &mine);
	row_fill(r, o, -1);
	snprintf(r->owner, sizeof(r->owner), "%s", "(process SD)");
	r->ok = tid > 0 && o->real.token_id == me.token_id &&
		o->eff.token_id == me.token_id && mine.token_id != me.token_id;
	snprintf(r->gate, sizeof(r->gate),
		 "shares parent token %s; creator still impersonating: %s",
		 o->real.token_id == me.token_id ? "yes" : "NO",
		 mine.token_id != me.token_id ? "yes" : "no");
	kacs_revert();
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
	struct kacs_spawn s = { .clone3 = true, .exit_signal = SIGCHLD };
	int fd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION,
				KACS_LEVEL_IMPERSONATION, 0);
	pid_t pid;

	if (fd < 0 || kacs_impersonate(fd))
		return NULL;
	pid = kacs_spawn_run(&s, demo_child, o);
	kacs_revert();
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
	struct kacs_spawn s = { .clone3 = true, .flags = CLONE_PIDFD,
				.exit_signal = SIGCHLD, .pidfd = -1 };
	int fd = kacs_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_ALL_ACCESS);
	int ifd = fd < 0 ? -1 : kacs_duplicate(fd, KACS_TOKEN_ALL_ACCESS,
					       KACS_TOKEN_IMPERSONATION,
					       KACS_LEVEL_IDENTIFICATION);
	int ofd;

	if (ifd < 0 || kacs_impersonate(ifd))
		return NULL;
	d->pid = kacs_spawn_run(&s, demo_child, d->o);
	d->pidfd = s.pidfd;
	ofd = d->pid > 0 ? sys_pidfd_open(d->pid, 0) : -1;
	d->open_err = ofd < 0 ? errno : 0;
	if (ofd >= 0)
		close(ofd);
	kacs_revert();
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
	int fd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION,
				KACS_LEVEL_IMPERSONATION, 0);
	int i;

	if (fd < 0 || kacs_impersonate(fd))
		return NULL;
	for (i = 0; i < 2; i++) {
		struct kacs_spawn s = { .clone3 = true, .exit_signal = SIGCHLD,
					.flags = CLONE_INTO_CGROUP,
					.cgroup_fd = g->dfd[i] };

		g->pid[i] = kacs_spawn_run(&s, demo_child, g->o[i]);
		kacs_spawn_done(&s);
	}
	kacs_revert();
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
	struct kacs_tsid sys, ba, alice;
	struct kacs_ace_def aces[3];
	struct cg_demo g = { { -1, -1 } };
	char dir[96], path[128];
	pthread_t th;
	__u8 sd[512];
	size_t len;
	int i;

	kacs_sid_system(&sys);
	kacs_sid_admins(&ba);
	kacs_sid_user(&alice, KACS_RID_ALICE);
	snprintf(dir, sizeof(dir), "/sys/fs/cgroup/kacs_demo_%d", getpid());
	if (mkdir(dir, 0755)) {
		snprintf(ra->gate, sizeof(ra->gate), "mkdir: %s", strerror(errno));
		return;
	}
	aces[0] = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &sys };
	aces[1] = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &ba };
	aces[2] = (struct kacs_ace_def){ 0, 0, KACS_FILE_GENERIC_READ |
					 KACS_FILE_WRITE_DATA, &alice };
	len = kacs_build_sd(sd, sizeof(sd), &sys, &ba, aces, 3, true);
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, i ? "deny" : "allow");
		mkdir(path, 0755);
		g.dfd[i] = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		g.o[i] = obs_new();
	}
	kacs_set_sd(g.dfd[0], "", KACS_DACL_SECURITY_INFORMATION, sd, len,
		    AT_EMPTY_PATH);
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
		struct kacs_spawn s = { .flags = CLONE_PARENT,
					.exit_signal = SIGCHLD };
		int fd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0, 0);

		if (fd < 0 || kacs_install(fd))
			_exit(1);
		c = kacs_spawn_run(&s, demo_child, o);
		if (write(p[1], &c, sizeof(c)) != sizeof(c))
			_exit(2);
		_exit(0);
	}
	if (m < 0 || read(p[0], &c, sizeof(c)) != sizeof(c) || c <= 0) {
		snprintf(r->gate, sizeof(r->gate), "caller failed");
		return;
	}
	kacs_reap(m);
	obs_wait(o);
	row_fill(r, o, c);
	/* we can reap it: we are its parent now */
	obs_release(o, -1);
	r->ok = kacs_reap(c) == 0 && !strcmp(r->owner, r->user) &&
		strcmp(r->owner, "SY");
	snprintf(r->gate, sizeof(r->gate), "reaped by the grandparent; owner %s",
		 r->owner);
}

static int vfork_child(void *arg)
{
	struct obs *o = arg;

	kacs_self_stats(true, &o->real);
	kacs_self_stats(false, &o->eff);
	kacs_self_user(true, &o->user);
	usleep(100000);
	o->val = 1;
	return 0;
}

static void simple_demo(const char *flag, const char *note,
			const char *expect, __u64 flags, bool tcb)
{
	struct row *r = row_new(flag, note, expect);
	struct obs *o = obs_new();
	struct kacs_spawn s = { .clone3 = true, .exit_signal = SIGCHLD,
				.flags = flags };
	pid_t pid;

	if (flags & CLONE_VFORK) {
		pid = kacs_spawn_run(&s, vfork_child, o);
		row_fill(r, o, -1);
		snprintf(r->owner, sizeof(r->owner), "%s", "(exited)");
		r->ok = pid > 0 && o->val == 1 && o->real.token_id != me.token_id;
		snprintf(r->gate, sizeof(r->gate), "parent resumed after child exit: %s",
			 o->val == 1 ? "yes" : "NO");
		kacs_reap(pid);
		kacs_spawn_done(&s);
		return;
	}
	if (tcb) {
		kacs_self_priv(KACS_SE_TCB, false);
		pid = kacs_spawn_run(&s, demo_child, o);
		kacs_spawn_done(&s);
		kacs_self_priv(KACS_SE_TCB, true);
		snprintf(r->gate, sizeof(r->gate), "without SeTcb: %s; ",
			 pid > 0 ? "created" : strerror(-pid));
		r->ok = pid == -EPERM;
		if (pid > 0)
			obs_release(o, pid);
	} else {
		r->ok = true;
	}
	pid = kacs_spawn_run(&s, demo_child, o);
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
	kacs_spawn_done(&s);
}

static int cmd_clone_demo(void)
{
	struct pidfd_demo d = { 0 };
	struct kacs_tsid user;
	pthread_t th;
	char s[128];
	int i, bad = 0;
	struct row *r;

	if (kacs_self_stats(true, &me) || kacs_self_user(true, &user)) {
		perror("kacs: own token");
		return 2;
	}
	printf("clone-demo: parent pid %d, token user %s, token_id 0x%llx\n\n",
	       getpid(), sid_alias(tsid_str(&user, s, sizeof(s))),
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

static void help(void)
{
	fprintf(stderr,
		"usage: kacs token [self|PID|PID/TID]\n"
		"       kacs sd PID\n"
		"       kacs psb [PID]\n"
		"       kacs clone-demo\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		help();
		return 1;
	}
	if (!strcmp(argv[1], "token"))
		return cmd_token(argc > 2 ? argv[2] : NULL);
	if (!strcmp(argv[1], "sd"))
		return argc > 2 ? cmd_sd(argv[2]) : (help(), 1);
	if (!strcmp(argv[1], "psb"))
		return cmd_psb(argc > 2 ? argv[2] : NULL);
	if (!strcmp(argv[1], "clone-demo"))
		return cmd_clone_demo();
	help();
	return 1;
}
