// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS process gates, the PSB and PIP, ported from the cases of Peios'
 * own integration tests (psb-signals, psb-rights, psb-mitigations,
 * psb-descriptor, psb-fields, pip-gates, pip-attributes, pip-model,
 * abi-constants) listed in peios-integration-cases.md.  Each test names
 * the cases it covers.  Refused signals, ptrace and no_child_process
 * forks are EPERM in this series (DESIGN Q31, harness adaptation H7);
 * pidfd_open refusals are EACCES.
 *
 * The caller is a thread of this (SYSTEM) process impersonating a minted
 * Alice token; the target is a forked child that ignores every signal it
 * can, whose process SD the test rewrites as SYSTEM.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <stdatomic.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/uio.h>

#include "../kselftest_harness.h"
#include "port_util.h"

#define P_TERM	KACS_PROCESS_TERMINATE
#define P_VMR	KACS_PROCESS_VM_READ
#define P_VMW	KACS_PROCESS_VM_WRITE
#define P_DUP	KACS_PROCESS_DUP_HANDLE
#define P_SR	KACS_PROCESS_SUSPEND_RESUME
#define P_SIG	KACS_PROCESS_SIGNAL
#define P_QI	KACS_PROCESS_QUERY_INFORMATION
#define P_QL	KACS_PROCESS_QUERY_LIMITED
#define P_ALL	KACS_PROCESS_GENERIC_ALL

static struct kacs_tsid sid_alice, sid_wd, sid_sy, sid_tl;

static void sids(void)
{
	kacs_sid_user(&sid_alice, KACS_RID_ALICE);
	kacs_sid_everyone(&sid_wd);
	kacs_sid_system(&sid_sy);
	kacs_tsid_make(&sid_tl, 19, 2, 512, 8192);
}

/*
 * Give the target's process a DACL of one ACE (@mask for @who; @mask 0:
 * an empty DACL) and, with @label, a SACL with the trust label
 * S-1-19-512-8192 allowing @label_mask.
 */
static int target_sd(struct kacs_target *t, const struct kacs_tsid *who,
		     __u32 mask, bool label, __u32 label_mask)
{
	__u8 sd[512];
	size_t off = 20, acl;
	__u16 control = KACS_SE_SELF_RELATIVE | KACS_SE_DACL_PRESENT, v16;
	__u32 v, info = KACS_DACL_SECURITY_INFORMATION;

	memset(sd, 0, sizeof(sd));
	sd[0] = 1;
	if (label) {
		control |= KACS_SE_SACL_PRESENT;
		info |= KACS_SACL_SECURITY_INFORMATION;
		v = off;
		memcpy(sd + 12, &v, 4);
		sd[off] = KACS_ACL_REVISION;
		v16 = 8 + 8 + sid_tl.len;
		memcpy(sd + off + 2, &v16, 2);
		v16 = 1;
		memcpy(sd + off + 4, &v16, 2);
		sd[off + 8] = KACS_SYSTEM_PROCESS_TRUST_LABEL_ACE_TYPE;
		v16 = 8 + sid_tl.len;
		memcpy(sd + off + 10, &v16, 2);
		memcpy(sd + off + 12, &label_mask, 4);
		memcpy(sd + off + 16, sid_tl.b, sid_tl.len);
		off += 16 + sid_tl.len;
	}
	v = off;
	memcpy(sd + 16, &v, 4);
	acl = off;
	off += 8;
	sd[acl] = KACS_ACL_REVISION;
	if (mask) {
		sd[off] = KACS_ACCESS_ALLOWED_ACE_TYPE;
		v16 = 8 + who->len;
		memcpy(sd + off + 2, &v16, 2);
		memcpy(sd + off + 4, &mask, 4);
		memcpy(sd + off + 8, who->b, who->len);
		off += 8 + who->len;
		sd[acl + 4] = 1;
	}
	v16 = off - acl;
	memcpy(sd + acl + 2, &v16, 2);
	memcpy(sd + 2, &control, 2);
	return kacs_set_sd(t->pidfd, "", info, sd, off, AT_EMPTY_PATH) < 0 ?
	       -errno : 0;
}

/* ---- running an operation as Alice ---------------------------------------- */

typedef int (*op_fn)(struct kacs_target *t, long arg);

struct as_call {
	int fd;
	op_fn op;
	struct kacs_target *t;
	long arg;
};

static int as_fn(void *a)
{
	struct as_call *c = a;
	int r;

	if (kacs_impersonate(c->fd))
		return -1000;
	r = c->op(c->t, c->arg);
	kacs_revert();
	return r;
}

/* 0 or the errno of @op run by a thread impersonating @fd. */
static int as(int fd, op_fn op, struct kacs_target *t, long arg)
{
	struct as_call c = { fd, op, t, arg };

	return in_thread(as_fn, &c);
}

static int op_kill(struct kacs_target *t, long sig)
{
	return kill(t->pid, sig) ? errno : 0;
}

static int op_tgkill(struct kacs_target *t, long sig)
{
	return syscall(SYS_tgkill, t->pid, t->pid, sig) ? errno : 0;
}

static int op_pidfd_signal(struct kacs_target *t, long sig)
{
	return sys_pidfd_send_signal(t->pidfd, sig) ? errno : 0;
}

static int op_pidfd_open(struct kacs_target *t, long unused)
{
	int fd = sys_pidfd_open(t->pid, 0);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int op_attach(struct kacs_target *t, long seize)
{
	int st;

	if (ptrace(seize ? PTRACE_SEIZE : PTRACE_ATTACH, t->pid, 0, 0))
		return errno;
	if (!seize)
		waitpid(t->pid, &st, __WALL);
	ptrace(PTRACE_DETACH, t->pid, 0, 0);
	return 0;
}

static int op_proc_open(struct kacs_target *t, long which)
{
	static const char *const names[] = { "maps", "environ", "mem", "mem" };
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", t->pid, names[which]);
	fd = open(path, which == 3 ? O_RDWR : O_RDONLY);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int op_vm_readv(struct kacs_target *t, long unused)
{
	char buf[8];
	static char src[8];
	struct iovec l = { buf, sizeof(buf) }, r = { src, sizeof(src) };

	return syscall(SYS_process_vm_readv, t->pid, &l, 1, &r, 1, 0) < 0 ?
	       errno : 0;
}

static int op_getfd(struct kacs_target *t, long unused)
{
	int fd = sys_pidfd_getfd(t->pidfd, 0);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int op_open_token(struct kacs_target *t, long thread)
{
	int fd = thread ? kacs_open_thread_token(t->pidfd, t->pid,
						 KACS_TOKEN_QUERY) :
			  kacs_open_process_token(t->pidfd, KACS_TOKEN_QUERY);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int alice_with(__u64 privs)
{
	return kacs_mint_alice_imp(privs);
}

/* The right a signal needs (its default action decides). */
static __u32 sig_right(int sig)
{
	switch (sig) {
	case 0:
		return P_QL;
	case SIGCHLD:
	case SIGURG:
	case SIGWINCH:
		return P_SIG;
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
	case SIGCONT:
		return P_SR;
	}
	return P_TERM;
}

/*
 * psb-signals 1-6, psb-rights 1-3, pip-gates 11, abi-constants f and
 * pip-model 1 (E/Ep, H7: EPERM): a signal's required right follows its
 * default action, not its number: signal 0 needs PROCESS_QUERY_LIMITED;
 * 1-16, 24-27, 29-31 and the real-time signals 32-64 PROCESS_TERMINATE;
 * 17, 23 and 28 PROCESS_SIGNAL; 18-22 PROCESS_SUSPEND_RESUME (SIGCONT
 * has no same-session exception).  Checked through kill, tgkill and
 * pidfd_send_signal, with a process SD granting Alice exactly one right.
 */
TEST(signal_rights_table)
{
	static const __u32 masks[] = { P_TERM, P_SR, P_SIG, P_QL };
	static const op_fn ops[] = { op_kill, op_tgkill, op_pidfd_signal };
	struct kacs_target t;
	unsigned int m, o;
	int fd, sig, want, got;

	sids();
	fd = alice_with(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_target_start(&t, true));
	for (m = 0; m < ARRAY_SIZE(masks); m++) {
		ASSERT_EQ(0, target_sd(&t, &sid_alice, masks[m], false, 0));
		for (sig = 0; sig <= 64; sig++) {
			want = sig_right(sig) == masks[m] ? 0 : EPERM;
			/* an allowed SIGKILL or SIGSTOP would end the test */
			if (!want && (sig == SIGKILL || sig == SIGSTOP))
				continue;
			for (o = 0; o < ARRAY_SIZE(ops); o++) {
				got = as(fd, ops[o], &t, sig);
				EXPECT_EQ(want, got)
					TH_LOG("mask 0x%x sig %d op %u", masks[m],
					       sig, o);
			}
		}
	}
	EXPECT_EQ(0x0001, P_TERM);
	EXPECT_EQ(0x0800, P_SR);
	EXPECT_EQ(0x0002, P_SIG);
	EXPECT_EQ(0x1000, P_QL);
	kacs_target_stop(&t);
	close(fd);
}

/*
 * psb-rights 4 (Ep; getpgid and /proc/<pid>/stat are not gated here),
 * pip-gates 12 (Pp; the tracepoint half is out) and psb-signals 2:
 * PROCESS_QUERY_LIMITED is what the existence probe and pidfd_open need;
 * without it kill(0) is EPERM and pidfd_open EACCES; a trust label the
 * caller does not dominate refuses pidfd_open as well.
 */
TEST(query_limited_gates)
{
	struct kacs_target t;
	int fd;

	sids();
	fd = alice_with(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_target_start(&t, true));
	ASSERT_EQ(0, target_sd(&t, &sid_alice, P_QL, false, 0));
	EXPECT_EQ(0, as(fd, op_kill, &t, 0));
	EXPECT_EQ(0, as(fd, op_tgkill, &t, 0));
	EXPECT_EQ(0, as(fd, op_pidfd_open, &t, 0));
	ASSERT_EQ(0, target_sd(&t, &sid_alice, P_TERM, false, 0));
	EXPECT_EQ(EPERM, as(fd, op_kill, &t, 0));
	EXPECT_EQ(EPERM, as(fd, op_tgkill, &t, 0));
	EXPECT_EQ(EACCES, as(fd, op_pidfd_open, &t, 0));
	ASSERT_EQ(0, target_sd(&t, &sid_alice, P_ALL, true, 0));
	EXPECT_EQ(EACCES, as(fd, op_pidfd_open, &t, 0));
	kacs_target_stop(&t);
	close(fd);
}

/*
 * psb-descriptor 1 (Ep; the scheduler half is ungated here): the process
 * generic mapping folds GENERIC_EXECUTE onto TERMINATE, SUSPEND_RESUME
 * and QUERY_LIMITED: kill 0, 18 and 30 pass, 28 is refused.
 */
TEST(generic_execute_mapping)
{
	struct kacs_target t;
	int fd;

	sids();
	fd = alice_with(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_target_start(&t, true));
	ASSERT_EQ(0, target_sd(&t, &sid_alice, KACS_GENERIC_EXECUTE, false,
			       0));
	EXPECT_EQ(0, as(fd, op_kill, &t, 0));
	EXPECT_EQ(0, as(fd, op_kill, &t, SIGCONT));
	EXPECT_EQ(0, as(fd, op_kill, &t, SIGPWR));
	EXPECT_EQ(EPERM, as(fd, op_kill, &t, SIGWINCH));
	EXPECT_EQ(0x00001801, KACS_PROCESS_GENERIC_EXECUTE);
	kacs_target_stop(&t);
	close(fd);
}

static const __u8 template_sy[140] = {
	0x01, 0x00, 0x04, 0x80, 0x14, 0x00, 0x00, 0x00,
	0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x30, 0x00, 0x00, 0x00,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x12, 0x00, 0x00, 0x00,
	0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x20, 0x00, 0x00, 0x00,
	0x20, 0x02, 0x00, 0x00,
	0x02, 0x00, 0x5c, 0x00, 0x04, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x10,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x12, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x18, 0x00, 0x00, 0x00, 0x00, 0x10,
	0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x20, 0x00, 0x00, 0x00,
	0x20, 0x02, 0x00, 0x00,
	0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x10,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x12, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x14, 0x00, 0x00, 0x10, 0x00, 0x00,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
};

/*
 * psb-descriptor 2 (Ep) and 3: every process is created with the default
 * template (owner SY, group BA; SY GA, BA GA, SY GA, WD 0x1000), even when
 * its parent customised its own SD; Alice may probe it and not terminate
 * it.
 */
TEST(default_template)
{
	__u8 sd[512];
	struct kacs_target t;
	int self, fd;
	long n;

	sids();
	self = sys_pidfd_open(getpid(), 0);
	ASSERT_LE(0, self);
	ASSERT_EQ(0, kacs_process_set_dacl1(self, &sid_sy, P_ALL));
	fd = alice_with(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_target_start(&t, true));
	n = kacs_get_sd(t.pidfd, "", KACS_OWNER_SECURITY_INFORMATION |
			KACS_GROUP_SECURITY_INFORMATION |
			KACS_DACL_SECURITY_INFORMATION, sd, sizeof(sd),
			AT_EMPTY_PATH);
	ASSERT_EQ(140, n);
	EXPECT_EQ(0, memcmp(sd, template_sy, 140));
	EXPECT_EQ(0, as(fd, op_kill, &t, 0));
	EXPECT_EQ(EPERM, as(fd, op_kill, &t, SIGTERM));
	kacs_target_stop(&t);
	close(fd);
	close(self);
}

/*
 * psb-descriptor 5 (Ep) and pip-model 2 (Pp): an enabled
 * SeDebugPrivilege rescues a descriptor denial and is marked used;
 * dominance is read from the PSBs, not from the SD.
 */
TEST(sedebug_rescues_sd_denial)
{
	struct kacs_token_privileges pv;
	struct kacs_target t;
	int plain, dbg;

	sids();
	plain = alice_with(0);
	dbg = alice_with(KACS_PRIV(KACS_SE_DEBUG));
	ASSERT_LE(0, plain);
	ASSERT_LE(0, dbg);
	ASSERT_EQ(0, kacs_target_start(&t, true));
	ASSERT_EQ(0, target_sd(&t, NULL, 0, false, 0));
	EXPECT_EQ(EPERM, as(plain, op_kill, &t, 0));
	EXPECT_EQ(0, as(dbg, op_kill, &t, 0));
	ASSERT_EQ(0, kacs_privs(dbg, &pv));
	EXPECT_TRUE(pv.used & KACS_PRIV(KACS_SE_DEBUG));
	kacs_target_stop(&t);
	close(plain);
	close(dbg);
}

/*
 * psb-fields 3, 8 and 11, psb-mitigations 11 (Pp): nothing in the ABI
 * sets PIP (bits 10-31 are EINVAL, 0x3FF is the whole named set);
 * ui_access is set by the call and stays; TLP (0x400 is not TLP, 0x002
 * is) and PIE are not enforced here and fail closed (A10).
 */
TEST(psb_fields)
{
	int pidfd = sys_pidfd_open(getpid(), 0), bit;

	ASSERT_LE(0, pidfd);
	for (bit = 10; bit < 32; bit++) {
		EXPECT_EQ(-1, kacs_set_psb(pidfd, 1U << bit));
		EXPECT_EQ(EINVAL, errno);
	}
	EXPECT_EQ(0, kacs_set_psb(pidfd, KACS_PSB_UI_ACCESS));
	EXPECT_EQ(0, kacs_set_psb(pidfd, KACS_PSB_UI_ACCESS));
	EXPECT_EQ(0, kacs_set_psb(-1, KACS_PSB_UI_ACCESS));
	EXPECT_EQ(-1, kacs_set_psb(pidfd, KACS_PSB_UI_ACCESS | KACS_PSB_PIE));
	EXPECT_EQ(EOPNOTSUPP, errno);
	EXPECT_EQ(-1, kacs_set_psb(-1, KACS_PSB_TLP));
	EXPECT_EQ(EOPNOTSUPP, errno);
	EXPECT_EQ(-1, kacs_set_psb(-1, 0x400));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(0x3FF, KACS_PSB_ALL);
	close(pidfd);
}

static int no_child_self(void *arg)
{
	pid_t c;

	(void)arg;
	c = fork();
	CK(c >= 0);
	if (c == 0)
		_exit(0);
	waitpid(c, NULL, 0);
	CK(kacs_set_psb(-1, KACS_PSB_NO_CHILD) == 0);
	c = fork();
	if (c == 0)
		_exit(0);
	CK(c == -1 && errno == EPERM);
	CK(getpid() > 0);
	return 0;
}

/*
 * psb-mitigations 10 (Ep; the PIE half is out), psb-fields 9 and 10 (E):
 * no_child_process blocks fork while the process keeps running; it can be
 * set by the process later in life, or by its parent on a freshly forked
 * child through a pidfd.
 */
TEST(no_child_process)
{
	struct kacs_target t;

	EXPECT_EQ(0, in_child(no_child_self, NULL));
	ASSERT_EQ(0, kacs_target_start(&t, true));
	EXPECT_EQ('0', kacs_target_cmd(&t, 'F'));
	ASSERT_EQ(0, kacs_set_psb(t.pidfd, KACS_PSB_NO_CHILD));
	EXPECT_EQ('0' + EPERM, kacs_target_cmd(&t, 'F'));
	EXPECT_EQ(0, kill(t.pid, 0));
	kacs_target_stop(&t);
}

static bool pid_listed(pid_t pid)
{
	struct dirent *d;
	bool found = false;
	DIR *dir = opendir("/proc");

	if (!dir)
		return false;
	while ((d = readdir(dir)))
		if (atoi(d->d_name) == pid)
			found = true;
	closedir(dir);
	return found;
}

/*
 * pip-gates 1 (Ep; /proc stat/status are not gated here), 2, 4 (E), 7 (E),
 * pip-gates 16 (Pp): a trust-label ACE the caller does not dominate refuses
 * ptrace attach and seize, pidfd_open, the read-mode /proc files, the
 * memory vectors and every signal, uniformly; the pid stays listed in
 * /proc.  The DACL alone would allow everything.
 */
TEST(trust_label_refuses)
{
	static const int sigs[] = { 0, 1, 2, 6, 9, 15, 17, 18, 19, 23, 28,
				    31, 32, 64 };
	struct kacs_target t;
	unsigned int i;
	int fd;

	sids();
	fd = alice_with(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_target_start(&t, true));
	ASSERT_EQ(0, target_sd(&t, &sid_wd, P_ALL, false, 0));
	EXPECT_EQ(0, as(fd, op_proc_open, &t, 0));
	EXPECT_EQ(0, as(fd, op_kill, &t, SIGWINCH));
	ASSERT_EQ(0, target_sd(&t, &sid_wd, P_ALL, true, 0));
	EXPECT_EQ(EPERM, as(fd, op_attach, &t, 0));
	EXPECT_EQ(EPERM, as(fd, op_attach, &t, 1));
	EXPECT_EQ(EACCES, as(fd, op_pidfd_open, &t, 0));
	EXPECT_EQ(EACCES, as(fd, op_proc_open, &t, 0));
	EXPECT_EQ(EACCES, as(fd, op_proc_open, &t, 1));
	EXPECT_EQ(EACCES, as(fd, op_proc_open, &t, 2));
	EXPECT_EQ(EPERM, as(fd, op_vm_readv, &t, 0));
	for (i = 0; i < ARRAY_SIZE(sigs); i++) {
		EXPECT_EQ(EPERM, as(fd, op_kill, &t, sigs[i]))
			TH_LOG("signal %d", sigs[i]);
		EXPECT_EQ(EPERM, as(fd, op_tgkill, &t, sigs[i]));
	}
	EXPECT_TRUE(pid_listed(t.pid));
	kacs_target_stop(&t);
	close(fd);
}

/*
 * pip-model 6 (DC, C3; DESIGN Q32): SeDebugPrivilege skips the DACL
 * decision of a process SD, never a trust-label ACE in it: no privilege
 * compensates for insufficient trust (10-access-check/7-pip.md).
 */
TEST(sedebug_does_not_skip_the_trust_label)
{
	struct kacs_target t;
	int fd;

	sids();
	fd = alice_with(KACS_PRIV(KACS_SE_DEBUG));
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_target_start(&t, true));
	/* an empty DACL: SeDebugPrivilege skips it */
	ASSERT_EQ(0, target_sd(&t, &sid_wd, 0, false, 0));
	EXPECT_EQ(0, as(fd, op_kill, &t, SIGWINCH));
	EXPECT_EQ(0, as(fd, op_kill, &t, 0));
	/* a trust label that lets a non-dominating caller query only */
	ASSERT_EQ(0, target_sd(&t, &sid_wd, 0, true, P_QL));
	EXPECT_EQ(0, as(fd, op_kill, &t, 0));
	EXPECT_EQ(EPERM, as(fd, op_kill, &t, SIGWINCH));
	EXPECT_EQ(EPERM, as(fd, op_attach, &t, 0));
	EXPECT_EQ(0, as(fd, op_pidfd_open, &t, 0));
	kacs_target_stop(&t);
	close(fd);
}

/*
 * pip-gates 3 (E): the LSM's answer is final: a caller with uid 0 and
 * every Linux capability is refused ptrace without PROCESS_VM_WRITE and
 * allowed with it.
 */
TEST(uid0_still_refused)
{
	struct kacs_target t;
	int fd;

	sids();
	fd = alice_with(0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, getuid());
	ASSERT_EQ(0, kacs_target_start(&t, true));
	ASSERT_EQ(0, target_sd(&t, &sid_alice, P_ALL & ~P_VMW, false, 0));
	EXPECT_EQ(EPERM, as(fd, op_attach, &t, 0));
	ASSERT_EQ(0, target_sd(&t, &sid_alice, P_ALL, false, 0));
	EXPECT_EQ(0, as(fd, op_attach, &t, 0));
	kacs_target_stop(&t);
	close(fd);
}

/*
 * psb-rights 8, 9 and 11 (Pp; /proc/<pid>/fd and cmdline are outside the
 * gates here): reading another process's memory needs PROCESS_VM_READ
 * (/proc/<pid>/mem O_RDONLY), writing it PROCESS_VM_WRITE
 * (/proc/<pid>/mem O_RDWR); maps and environ keep PTRACE_MODE_READ
 * gating, which is PROCESS_VM_READ.
 */
TEST(memory_rights)
{
	struct kacs_target t;
	int fd;

	sids();
	fd = alice_with(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_target_start(&t, true));
	ASSERT_EQ(0, target_sd(&t, &sid_alice, P_ALL & ~P_VMW, false, 0));
	EXPECT_EQ(EACCES, as(fd, op_proc_open, &t, 3));
	EXPECT_EQ(0, as(fd, op_proc_open, &t, 2));
	EXPECT_EQ(0, as(fd, op_proc_open, &t, 0));
	EXPECT_EQ(0, as(fd, op_proc_open, &t, 1));
	ASSERT_EQ(0, target_sd(&t, &sid_alice, P_ALL & ~P_VMR, false, 0));
	EXPECT_EQ(EACCES, as(fd, op_proc_open, &t, 2));
	EXPECT_EQ(0, as(fd, op_proc_open, &t, 3));
	ASSERT_EQ(0, target_sd(&t, &sid_alice, P_ALL, false, 0));
	EXPECT_EQ(0, as(fd, op_proc_open, &t, 3));
	ASSERT_EQ(0, target_sd(&t, &sid_alice, P_ALL & ~P_VMR & ~P_VMW,
			       false, 0));
	EXPECT_EQ(EACCES, as(fd, op_proc_open, &t, 0));
	EXPECT_EQ(EACCES, as(fd, op_proc_open, &t, 1));
	kacs_target_stop(&t);
	close(fd);
}

/*
 * psb-rights 10: taking a descriptor with pidfd_getfd() needs
 * PROCESS_DUP_HANDLE (PTRACE_MODE_GETFD), not PROCESS_VM_WRITE: every
 * other right does not let it through (EPERM), PROCESS_DUP_HANDLE alone
 * does, and a trust label the caller does not dominate still refuses it.
 */
TEST(getfd_needs_dup_handle)
{
	struct kacs_target t;
	int fd;

	sids();
	fd = alice_with(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_target_start(&t, true));
	ASSERT_EQ(0, target_sd(&t, &sid_alice, P_ALL & ~P_DUP, false, 0));
	EXPECT_EQ(EPERM, as(fd, op_getfd, &t, 0));
	EXPECT_EQ(0, as(fd, op_attach, &t, 0));
	ASSERT_EQ(0, target_sd(&t, &sid_alice, P_QL | P_DUP, false, 0));
	EXPECT_EQ(0, as(fd, op_getfd, &t, 0));
	EXPECT_EQ(EPERM, as(fd, op_attach, &t, 0));
	ASSERT_EQ(0, target_sd(&t, &sid_alice, P_QL | P_DUP, true, P_QL));
	EXPECT_EQ(EPERM, as(fd, op_getfd, &t, 0));
	kacs_target_stop(&t);
	close(fd);
}

static int self_ops(struct kacs_target *t, long unused)
{
	struct rlimit r;

	(void)t;
	CK(kill(getpid(), 0) == 0);
	CK(kill(getpid(), SIGURG) == 0);
	CK(syscall(SYS_tgkill, getpid(), sys_gettid(), SIGWINCH) == 0);
	CK(syscall(SYS_tkill, sys_gettid(), SIGWINCH) == 0);
	CK(prlimit(getpid(), RLIMIT_NOFILE, NULL, &r) == 0);
	CK(setpriority(PRIO_PROCESS, 0, 1) == 0);
	CK(getpgid(getpid()) > 0);
	return 0;
}

/*
 * pip-gates 8 (Pp; 'no evaluation ran' is a tracepoint), 9, pip-model 8:
 * operations on one's own process are no boundary crossing: under a
 * deny-all SD with a trust label, a restricted Alice thread may still
 * signal, probe, query limits and renice its own process.
 */
TEST(self_is_exempt)
{
	struct kacs_target me = { .pid = getpid() };
	struct kacs_tsid wd;
	int fd, r;

	sids();
	kacs_sid_everyone(&wd);
	signal(SIGURG, SIG_IGN);
	signal(SIGWINCH, SIG_IGN);
	me.pidfd = sys_pidfd_open(getpid(), 0);
	ASSERT_LE(0, me.pidfd);
	fd = alice_with(0);
	ASSERT_LE(0, fd);
	r = kacs_restrict_ex(fd, 0, 0, NULL, 0, &wd, 1);
	ASSERT_LE(0, r);
	ASSERT_EQ(0, target_sd(&me, NULL, 0, true, 0));
	EXPECT_EQ(0, as(r, self_ops, &me, 0));
	close(r);
	close(fd);
	close(me.pidfd);
}

static int op_kill_group(struct kacs_target *t, long sig)
{
	(void)t;
	return kill(0, sig) ? errno : 0;
}

/*
 * pip-gates 10 (E): a multi-target send reaches the permitted subset and
 * succeeds: a directed SIGWINCH to the target is refused, the same signal
 * to the whole process group returns 0.
 */
TEST(multi_target_kill)
{
	struct kacs_target t;
	int fd;

	sids();
	signal(SIGWINCH, SIG_IGN);
	fd = alice_with(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_target_start(&t, true));
	ASSERT_EQ(0, target_sd(&t, NULL, 0, false, 0));
	EXPECT_EQ(EPERM, as(fd, op_kill, &t, SIGWINCH));
	EXPECT_EQ(0, as(fd, op_kill_group, &t, SIGWINCH));
	kacs_target_stop(&t);
	close(fd);
}

/*
 * pip-model 4 (Pp) and 5 (Ep; the ungated operations are out): an
 * unprotected target is dominated by any caller; a target whose PSB PIP
 * the caller does not dominate refuses every process access, even to
 * SYSTEM with SeDebugPrivilege: kill 0/15/28/18 EPERM, pidfd_open EACCES.
 */
TEST(psb_pip_refuses_everything)
{
	static const int sigs[] = { 0, SIGTERM, SIGWINCH, SIGCONT };
	struct kacs_target t;
	unsigned int i;
	int fd;

	sids();
	fd = alice_with(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_target_start(&t, true));
	EXPECT_EQ(0, as(fd, op_kill, &t, 0));
	EXPECT_EQ(0, kill(t.pid, 0));
	ASSERT_EQ('K', kacs_target_cmd(&t, 'P'));
	for (i = 0; i < ARRAY_SIZE(sigs); i++) {
		EXPECT_EQ(-1, kill(t.pid, sigs[i]));
		EXPECT_EQ(EPERM, errno) TH_LOG("signal %d", sigs[i]);
	}
	EXPECT_EQ(EACCES, op_pidfd_open(&t, 0));
	kacs_target_stop(&t);
	close(fd);
}

/*
 * pip-attributes 12 (Pp; the tracepoint half is out): opening a process
 * or thread token needs PROCESS_QUERY_INFORMATION on the process (and
 * access to the token's own SD, granted here through the token fd).
 */
TEST(open_token_needs_query_information)
{
	struct kacs_ace_def aces[2];
	struct kacs_target t;
	int fd, tok;

	sids();
	fd = alice_with(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_target_start(&t, true));
	tok = kacs_open_process_token(t.pidfd, KACS_TOKEN_ALL_ACCESS);
	ASSERT_LE(0, tok);
	aces[0] = (struct kacs_ace_def){ 0, 0, KACS_TOKEN_QUERY, &sid_wd };
	aces[1] = (struct kacs_ace_def){ 0, 0, KACS_TOKEN_ALL_ACCESS, &sid_sy };
	ASSERT_EQ(0, kacs_token_set_dacl(tok, aces, 2));
	close(tok);
	ASSERT_EQ(0, target_sd(&t, &sid_alice, P_QL, false, 0));
	EXPECT_EQ(EACCES, as(fd, op_open_token, &t, 0));
	EXPECT_EQ(EACCES, as(fd, op_open_token, &t, 1));
	ASSERT_EQ(0, target_sd(&t, &sid_alice, P_QL | P_QI, false, 0));
	EXPECT_EQ(0, as(fd, op_open_token, &t, 0));
	EXPECT_EQ(0, as(fd, op_open_token, &t, 1));
	kacs_target_stop(&t);
	close(fd);
}

/* Install @fd as the primary token, then run @fn(@arg) (in a child). */
struct install_call {
	int fd;
	int (*fn)(void *arg);
	void *arg;
};

static int install_then(void *a)
{
	struct install_call *c = a;

	if (kacs_install(c->fd))
		return 1;
	return c->fn(c->arg);
}

/* ---- signals end to end --------------------------------------------------- */

/*
 * A target that catches SIGUSR1 (PROCESS_TERMINATE), SIGWINCH
 * (PROCESS_SIGNAL), SIGTSTP and SIGCONT (PROCESS_SUSPEND_RESUME) and
 * SIGRTMIN+2 (PROCESS_TERMINATE), counts each delivery in a shared page,
 * and after every wake-up publishes how many SIGUSR2 markers it has
 * handled: once the test sees its marker published, every signal sent
 * before the marker has been handled or was never queued.  SIGTERM keeps
 * its default action.
 */
struct sigshared {
	atomic_int count[65];
	atomic_int seen;	/* markers handled, published from the loop */
	pid_t pgid;		/* 0: own group; else join it */
	int ready;
	char secret[64];
};

struct sigtarget {
	struct kacs_target t;	/* pid and pidfd for target_sd() and as() */
	struct sigshared *sh;
};

static struct sigshared *sig_sh;

static void sig_count(int sig)
{
	atomic_fetch_add(&sig_sh->count[sig], 1);
}

static const int caught[] = { SIGUSR1, SIGUSR2, SIGWINCH, SIGTSTP, SIGCONT };

static int sigtarget_start(struct sigtarget *s, pid_t pgid)
{
	struct sigaction sa = { .sa_handler = sig_count };
	unsigned int i;

	memset(s, 0, sizeof(*s));
	s->sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s->sh == MAP_FAILED)
		return -1;
	s->sh->pgid = pgid;
	s->t.pid = fork();
	if (s->t.pid < 0)
		return -1;
	if (s->t.pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		sig_sh = s->sh;
		snprintf(sig_sh->secret, sizeof(sig_sh->secret),
			 "kacs secret of %d", getpid());
		for (i = 0; i < ARRAY_SIZE(caught); i++)
			sigaction(caught[i], &sa, NULL);
		sigaction(SIGRTMIN + 2, &sa, NULL);
		if (setpgid(0, pgid))
			_exit(2);
		__atomic_store_n(&sig_sh->ready, 1, __ATOMIC_SEQ_CST);
		for (;;) {
			pause();
			atomic_store(&sig_sh->seen,
				     atomic_load(&sig_sh->count[SIGUSR2]));
		}
	}
	for (i = 0; i < 2000 && !__atomic_load_n(&s->sh->ready,
						 __ATOMIC_SEQ_CST); i++)
		usleep(5000);
	s->t.pidfd = sys_pidfd_open(s->t.pid, 0);
	return s->sh->ready && s->t.pidfd >= 0 ? 0 : -1;
}

/*
 * Reap the target: its exit code, or 128 + the signal that ended it.  A
 * target still alive after @ms milliseconds is killed.
 */
static int sigtarget_reap(struct sigtarget *s, int ms)
{
	int st = 0, i;
	pid_t r = 0;

	for (i = 0; i < ms / 5 && !r; i++) {
		r = waitpid(s->t.pid, &st, WNOHANG);
		if (!r)
			usleep(5000);
	}
	if (r != s->t.pid) {
		kill(s->t.pid, SIGKILL);
		waitpid(s->t.pid, &st, 0);
	}
	close(s->t.pidfd);
	munmap(s->sh, 4096);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int sigtarget_stop(struct sigtarget *s)
{
	return sigtarget_reap(s, 0);
}

/*
 * Send the marker as SYSTEM and wait until the target published it: every
 * signal sent before has been delivered by then, or never will be.
 */
static bool sigtarget_sync(struct sigtarget *s)
{
	int want = atomic_load(&s->sh->count[SIGUSR2]) + 1, i;

	if (kill(s->t.pid, SIGUSR2))
		return false;
	for (i = 0; i < 2000; i++) {
		if (atomic_load(&s->sh->seen) >= want)
			return true;
		usleep(2000);
	}
	return false;
}

static char proc_state(pid_t pid)
{
	char p[64], buf[512], *s;
	int fd, n;

	snprintf(p, sizeof(p), "/proc/%d/stat", pid);
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

/* Wait up to 2 s for /proc/<pid>/stat to show state @want. */
static bool wait_state(pid_t pid, char want)
{
	int i;

	for (i = 0; i < 400; i++) {
		if (proc_state(pid) == want)
			return true;
		usleep(5000);
	}
	return false;
}

static int op_tkill(struct kacs_target *t, long sig)
{
	return syscall(SYS_tkill, t->pid, sig) ? errno : 0;
}

/*
 * Send @sig with @op as alice (@fd) and check both the answer and the
 * delivery: allowed means 0 and exactly one more delivery, refused means
 * EPERM and none.
 */
static void sig_case(struct __test_metadata *_metadata, struct sigtarget *s,
		     int fd, op_fn op, const char *opname, int sig,
		     bool allowed)
{
	int before = atomic_load(&s->sh->count[sig]);

	EXPECT_EQ(allowed ? 0 : EPERM, as(fd, op, &s->t, sig))
		TH_LOG("%s(%d)", opname, sig);
	ASSERT_TRUE(sigtarget_sync(s)) TH_LOG("marker not seen");
	EXPECT_EQ(before + (allowed ? 1 : 0), atomic_load(&s->sh->count[sig]))
		TH_LOG("%s(%d): %s", opname, sig,
		       allowed ? "not delivered" : "delivered though refused");
}

static const struct {
	op_fn op;
	const char *name;
} sig_ops[] = {
	{ op_kill, "kill" },
	{ op_tgkill, "tgkill" },
	{ op_tkill, "tkill" },
	{ op_pidfd_signal, "pidfd_send_signal" },
};

/*
 * psb-signals 1-6 end to end: with a process SD granting alice exactly
 * one of PROCESS_TERMINATE, PROCESS_SIGNAL and PROCESS_SUSPEND_RESUME,
 * each of kill, tgkill, tkill and pidfd_send_signal delivers the signals
 * of that class (the target's handler runs) and refuses the others with
 * EPERM without delivering them (5-psb/3-process-sd.md, signal
 * classification).
 */
TEST(signal_classes_end_to_end)
{
	static const struct {
		__u32 right;
		int sig[4];
	} cls[] = {
		{ P_TERM, { SIGUSR1, 0, 0, 0 } },
		{ P_SIG, { SIGWINCH, 0, 0, 0 } },
		{ P_SR, { SIGTSTP, SIGCONT, 0, 0 } },
	};
	static const int probes[] = { SIGUSR1, SIGWINCH, SIGTSTP, SIGCONT };
	struct sigtarget s;
	unsigned int c, o, i, k;
	bool allowed;
	int fd;

	sids();
	fd = alice_with(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, sigtarget_start(&s, 0));
	for (c = 0; c < ARRAY_SIZE(cls); c++) {
		ASSERT_EQ(0, target_sd(&s.t, &sid_alice, cls[c].right, false,
				       0));
		for (o = 0; o < ARRAY_SIZE(sig_ops); o++) {
			for (i = 0; i < ARRAY_SIZE(probes); i++) {
				allowed = false;
				for (k = 0; k < 4; k++)
					allowed |= cls[c].sig[k] == probes[i];
				sig_case(_metadata, &s, fd, sig_ops[o].op,
					 sig_ops[o].name, probes[i], allowed);
			}
			/* a real-time signal is a terminating one */
			sig_case(_metadata, &s, fd, sig_ops[o].op,
				 sig_ops[o].name, SIGRTMIN + 2,
				 cls[c].right == P_TERM);
		}
	}
	EXPECT_EQ(128 + SIGKILL, sigtarget_stop(&s));
	close(fd);
}

/*
 * psb-signals end to end for the default actions: SIGSTOP needs
 * PROCESS_SUSPEND_RESUME and stops the target, SIGTERM needs
 * PROCESS_TERMINATE and ends it; refused, neither happens.
 */
TEST(signal_stop_and_terminate_end_to_end)
{
	struct sigtarget s;
	int fd;

	sids();
	fd = alice_with(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, sigtarget_start(&s, 0));
	/* SIGSTOP refused with PROCESS_TERMINATE only */
	ASSERT_EQ(0, target_sd(&s.t, &sid_alice, P_TERM, false, 0));
	EXPECT_EQ(EPERM, as(fd, op_kill, &s.t, SIGSTOP));
	ASSERT_TRUE(sigtarget_sync(&s));
	EXPECT_NE('T', proc_state(s.t.pid));
	/* allowed with PROCESS_SUSPEND_RESUME: the target stops ... */
	ASSERT_EQ(0, target_sd(&s.t, &sid_alice, P_SR, false, 0));
	EXPECT_EQ(0, as(fd, op_tgkill, &s.t, SIGSTOP));
	EXPECT_TRUE(wait_state(s.t.pid, 'T')) TH_LOG("SIGSTOP not delivered");
	/* ... and alice may continue it */
	EXPECT_EQ(0, as(fd, op_kill, &s.t, SIGCONT));
	ASSERT_TRUE(sigtarget_sync(&s)) TH_LOG("SIGCONT not delivered");
	/* SIGTERM refused with PROCESS_SUSPEND_RESUME: still alive */
	EXPECT_EQ(EPERM, as(fd, op_pidfd_signal, &s.t, SIGTERM));
	ASSERT_TRUE(sigtarget_sync(&s));
	/* allowed with PROCESS_TERMINATE: it ends by SIGTERM */
	ASSERT_EQ(0, target_sd(&s.t, &sid_alice, P_TERM, false, 0));
	EXPECT_EQ(0, as(fd, op_pidfd_signal, &s.t, SIGTERM));
	EXPECT_EQ(128 + SIGTERM, sigtarget_reap(&s, 5000));
	close(fd);
}

static int op_kill_pgrp(struct kacs_target *t, long sig)
{
	return kill(-t->pid, sig) ? errno : 0;
}

/*
 * pip-gates 10 end to end: a process-group kill reaches exactly the
 * members the sender may signal and succeeds if it reached one; it fails
 * with EPERM only when every member refuses.
 */
TEST(process_group_kill_reaches_permitted_members)
{
	struct sigtarget a, b;
	struct kacs_tsid nobody;
	int fd, ca, cb;

	sids();
	kacs_sid_user(&nobody, KACS_RID_NOBODY_GROUP);
	fd = alice_with(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, sigtarget_start(&a, 0));
	ASSERT_EQ(0, sigtarget_start(&b, a.t.pid));
	EXPECT_EQ(a.t.pid, getpgid(b.t.pid));
	ASSERT_EQ(0, target_sd(&a.t, &sid_alice, P_SIG, false, 0));
	ASSERT_EQ(0, target_sd(&b.t, &nobody, P_ALL, false, 0));
	ca = atomic_load(&a.sh->count[SIGWINCH]);
	cb = atomic_load(&b.sh->count[SIGWINCH]);
	EXPECT_EQ(0, as(fd, op_kill_pgrp, &a.t, SIGWINCH));
	ASSERT_TRUE(sigtarget_sync(&a));
	ASSERT_TRUE(sigtarget_sync(&b));
	EXPECT_EQ(ca + 1, atomic_load(&a.sh->count[SIGWINCH]));
	EXPECT_EQ(cb, atomic_load(&b.sh->count[SIGWINCH]))
		TH_LOG("delivered to a member that refuses alice");
	/* nobody permitted: EPERM, nothing delivered */
	ASSERT_EQ(0, target_sd(&a.t, &nobody, P_ALL, false, 0));
	EXPECT_EQ(EPERM, as(fd, op_kill_pgrp, &a.t, SIGWINCH));
	ASSERT_TRUE(sigtarget_sync(&a));
	ASSERT_TRUE(sigtarget_sync(&b));
	EXPECT_EQ(ca + 1, atomic_load(&a.sh->count[SIGWINCH]));
	EXPECT_EQ(cb, atomic_load(&b.sh->count[SIGWINCH]));
	sigtarget_stop(&b);
	sigtarget_stop(&a);
	close(fd);
}

/* ---- ptrace read mode and PTRACE_TRACEME ---------------------------------- */

/* Read /proc/<pid>/environ as the caller; 0 and the bytes, or the errno. */
static int read_environ(pid_t pid, char *buf, size_t len, ssize_t *n)
{
	char p[64];
	int fd;

	snprintf(p, sizeof(p), "/proc/%d/environ", pid);
	fd = open(p, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	*n = read(fd, buf, len);
	close(fd);
	return *n < 0 ? errno : 0;
}

struct peek {
	struct sigtarget *s;
	char buf[4096];
	ssize_t n;
};

static int op_environ(struct kacs_target *t, long arg)
{
	struct peek *p = (struct peek *)arg;

	return read_environ(t->pid, p->buf, sizeof(p->buf), &p->n);
}

/* pread the target's secret through /proc/<pid>/mem opened read-only. */
static int op_mem_read(struct kacs_target *t, long arg)
{
	struct peek *p = (struct peek *)arg;
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", t->pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	p->n = pread(fd, p->buf, sizeof(p->s->sh->secret),
		     (off_t)(uintptr_t)p->s->sh->secret);
	close(fd);
	return p->n < 0 ? errno : 0;
}

static int op_vm_readv_secret(struct kacs_target *t, long arg)
{
	struct peek *p = (struct peek *)arg;
	struct iovec l = { p->buf, sizeof(p->s->sh->secret) };
	struct iovec r = { p->s->sh->secret, sizeof(p->s->sh->secret) };

	p->n = syscall(SYS_process_vm_readv, t->pid, &l, 1, &r, 1, 0);
	return p->n < 0 ? errno : 0;
}

/*
 * psb-rights 8 and 9 (the read half): the ptrace read mode is
 * PROCESS_VM_READ: /proc/<pid>/environ needs it and returns the target's
 * environment.  /proc/<pid>/mem opened read-only and process_vm_readv()
 * use Linux's attach mode marked PTRACE_MODE_MEM_RDONLY, and need
 * PROCESS_VM_READ as well (not PROCESS_VM_WRITE); with it they return the
 * target's memory.  The secret lives in a shared page the target wrote
 * after the fork, at the same address in both processes.
 */
TEST(ptrace_read_mode_end_to_end)
{
	static char mine[4096];
	struct sigtarget s;
	struct peek p;
	ssize_t n = 0;
	int fd;

	sids();
	fd = alice_with(0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, read_environ(getpid(), mine, sizeof(mine), &n));
	ASSERT_LT(0, n);
	ASSERT_EQ(0, sigtarget_start(&s, 0));
	p.s = &s;

	/* PROCESS_VM_READ: environ, mem read-only and process_vm_readv */
	ASSERT_EQ(0, target_sd(&s.t, &sid_alice, P_QL | P_VMR, false, 0));
	memset(p.buf, 0, sizeof(p.buf));
	EXPECT_EQ(0, as(fd, op_environ, &s.t, (long)&p));
	EXPECT_EQ(n, p.n);
	EXPECT_EQ(0, memcmp(mine, p.buf, n)) TH_LOG("not the target's environ");
	memset(p.buf, 0, sizeof(p.buf));
	EXPECT_EQ(0, as(fd, op_mem_read, &s.t, (long)&p));
	EXPECT_STREQ(s.sh->secret, p.buf);
	memset(p.buf, 0, sizeof(p.buf));
	EXPECT_EQ(0, as(fd, op_vm_readv_secret, &s.t, (long)&p));
	EXPECT_STREQ(s.sh->secret, p.buf);

	/* PROCESS_VM_WRITE only: none of the reads */
	ASSERT_EQ(0, target_sd(&s.t, &sid_alice, P_QL | P_VMW, false, 0));
	EXPECT_EQ(EACCES, as(fd, op_environ, &s.t, (long)&p));
	EXPECT_EQ(EACCES, as(fd, op_mem_read, &s.t, (long)&p));
	EXPECT_EQ(EPERM, as(fd, op_vm_readv_secret, &s.t, (long)&p));

	/* neither right: nothing */
	ASSERT_EQ(0, target_sd(&s.t, &sid_alice, P_QL, false, 0));
	EXPECT_EQ(EACCES, as(fd, op_environ, &s.t, (long)&p));
	EXPECT_EQ(EACCES, as(fd, op_mem_read, &s.t, (long)&p));
	EXPECT_EQ(EPERM, as(fd, op_vm_readv_secret, &s.t, (long)&p));
	sigtarget_stop(&s);
	close(fd);
}

/*
 * The tracee side of PTRACE_TRACEME: wait for the go byte, optionally
 * narrow the own SD to @who or raise the own PIP, ask to be traced and
 * stop.  Exit 0 if traced and let go, 10 + errno if TRACEME failed.
 */
struct traceme {
	int go[2];
	const struct kacs_tsid *who;	/* narrow the own DACL to this SID */
	bool pip;			/* raise the own PIP first */
};

static int traceme_child(struct traceme *tm)
{
	int pidfd = sys_pidfd_open(getpid(), 0);
	char b;

	if (pidfd < 0 || read(tm->go[0], &b, 1) != 1)
		return 1;
	if (tm->who && kacs_process_set_dacl1(pidfd, tm->who, P_ALL))
		return 2;
	if (tm->pip && kacs_pip_set(KACS_PIP_PROTECTED,
				    KACS_PIP_TRUST_PEIOS_TCB))
		return 3;
	if (ptrace(PTRACE_TRACEME, 0, 0, 0))
		return 10 + errno;
	raise(SIGSTOP);
	return 0;
}

/*
 * Fork a tracee; optionally impersonate @imp in this thread while it asks;
 * then expect it to be stopped as a tracee (@traced) or to report the
 * refusal.  Returns the tracee's exit code.
 */
static int traceme_run(struct traceme *tm, int imp, bool traced)
{
	pid_t pid;
	int st;

	if (pipe(tm->go))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(traceme_child(tm));
	if (imp >= 0 && kacs_impersonate(imp))
		return -2;
	if (write(tm->go[1], "g", 1) != 1)
		return -3;
	if (waitpid(pid, &st, 0) != pid)
		return -4;
	kacs_revert();
	close(tm->go[0]);
	close(tm->go[1]);
	if (WIFSTOPPED(st)) {
		ptrace(PTRACE_DETACH, pid, 0, 0);
		if (waitpid(pid, &st, 0) != pid)
			return -4;
		if (!traced)
			return -5;	/* traced though it should not be */
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int traceme_as_alice(void *arg)
{
	struct traceme tm = { .who = &sid_sy };
	int r;

	(void)arg;
	r = traceme_run(&tm, -1, false);
	CK(r == 10 + EPERM);
	tm.who = &sid_alice;
	r = traceme_run(&tm, -1, true);
	CK(r == 0);
	return 0;
}

/*
 * PTRACE_TRACEME (admin guide, gate table): the future tracer, the
 * parent, is the subject and needs PROCESS_VM_WRITE on the tracee's SD,
 * judged by its primary token (its impersonation does not count), with
 * PIP dominance over the tracee.  A refusal is EPERM, and nothing is
 * traced.
 */
TEST(ptrace_traceme_judges_the_parent)
{
	struct traceme tm = { 0 };
	int afd, imp;

	sids();
	/* the SD decides only without SeDebugPrivilege */
	ASSERT_EQ(0, kacs_self_priv(KACS_SE_DEBUG, false));
	/* SYSTEM parent, default SD: traced */
	EXPECT_EQ(0, traceme_run(&tm, -1, true));
	/* an SD that lets only alice in: refused for SYSTEM ... */
	tm.who = &sid_alice;
	EXPECT_EQ(10 + EPERM, traceme_run(&tm, -1, false));
	/* ... also while the parent impersonates alice: primary counts */
	imp = alice_with(0);
	ASSERT_LE(0, imp);
	EXPECT_EQ(10 + EPERM, traceme_run(&tm, imp, false));
	/* SYSTEM-only SD, parent impersonating alice: still traced */
	tm.who = &sid_sy;
	EXPECT_EQ(0, traceme_run(&tm, imp, true));
	close(imp);
	/* SeDebugPrivilege on the parent's primary rescues the SD denial */
	ASSERT_EQ(0, kacs_self_priv(KACS_SE_DEBUG, true));
	tm.who = &sid_alice;
	EXPECT_EQ(0, traceme_run(&tm, -1, true));
	/* but not a tracee whose PIP the parent does not dominate */
	tm.who = NULL;
	tm.pip = true;
	EXPECT_EQ(10 + EPERM, traceme_run(&tm, -1, false));
	/* an alice parent: the SD decides with alice's primary token */
	afd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0, 0);
	ASSERT_LE(0, afd);
	EXPECT_EQ(0, in_child(install_then, &(struct install_call){
				      afd, traceme_as_alice, NULL }));
	close(afd);
}

/* ---- the default SD of a child of a customised, non-SYSTEM parent -------- */

static int template_of_alice_child(void *arg)
{
	struct kacs_tsid dom_users, ba;
	struct kacs_ace_def aces[4];
	__u8 want[256], got[512];
	struct kacs_target t;
	size_t wlen;
	int self;
	long n;

	(void)arg;
	kacs_tsid_make(&dom_users, 5, 5, 21, 100, 200, 300, 513);
	kacs_sid_admins(&ba);
	self = sys_pidfd_open(getpid(), 0);
	CK(self >= 0);
	/* the parent narrows its own SD first */
	CK(kacs_process_set_dacl1(self, &sid_alice, P_QL | KACS_READ_CONTROL |
				  KACS_WRITE_DAC) == 0);
	CK(kacs_target_start(&t, true) == 0);
	aces[0] = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &sid_alice };
	aces[1] = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &ba };
	aces[2] = (struct kacs_ace_def){ 0, 0, KACS_GENERIC_ALL, &sid_sy };
	aces[3] = (struct kacs_ace_def){ 0, 0, P_QL, &sid_wd };
	wlen = kacs_build_sd(want, sizeof(want), &sid_alice, &dom_users, aces,
			     4, true);
	n = kacs_get_sd(t.pidfd, "", KACS_OWNER_SECURITY_INFORMATION |
			KACS_GROUP_SECURITY_INFORMATION |
			KACS_DACL_SECURITY_INFORMATION, got, sizeof(got),
			AT_EMPTY_PATH);
	CK(n == (long)wlen);
	CK(n == (long)wlen && !memcmp(want, got, wlen));
	/* the parent's own narrowed SD is untouched */
	n = kacs_get_sd(self, "", KACS_DACL_SECURITY_INFORMATION, got,
			sizeof(got), AT_EMPTY_PATH);
	CK(kacs_sd_dacl_count(got, n) == 1);
	kacs_target_stop(&t);
	close(self);
	return 0;
}

/*
 * psb-descriptor 2 for a non-SYSTEM creator (5-psb/3-process-sd.md,
 * default process SD): a child of an alice process that customised its
 * own SD gets the template, byte for byte: owner alice, group her primary
 * group, ALLOW alice, Administrators and SYSTEM GENERIC_ALL, Everyone
 * PROCESS_QUERY_LIMITED.
 */
TEST(default_template_for_non_system_creator)
{
	int afd;

	sids();
	afd = kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_PRIMARY, 0, 0);
	ASSERT_LE(0, afd);
	EXPECT_EQ(0, in_child(install_then, &(struct install_call){
				      afd, template_of_alice_child, NULL }));
	close(afd);
}

KACS_HARNESS_MAIN
