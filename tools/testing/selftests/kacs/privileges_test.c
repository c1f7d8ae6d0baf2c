// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS privileges: the standalone gates behind Linux capabilities, the
 * privilege model and the catalogue, ported from the cases of Peios' own
 * integration tests (priv-gates, priv-model, priv-catalogue, cred-dac)
 * listed in peios-integration-cases.md.  Each test names the cases it
 * covers.  A gate is exercised by a thread impersonating a minted Alice
 * token that holds exactly the privileges under test, so that the token
 * (and its used bits) can be read back through its fd.
 */

#define _GNU_SOURCE
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/xattr.h>
#include <linux/reboot.h>

#include "../kselftest_harness.h"
#include "port_util.h"

#define PRIV(n)	KACS_PRIV(KACS_SE_##n)

/* Mint Alice (impersonation) with @present privileges, @enabled of them on. */
static int alice(__u64 present, __u64 enabled)
{
	struct kacs_user_spec u;
	static __u8 buf[4096];
	size_t len;
	int fd;

	kacs_user_spec_init(&u, KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION,
			    KACS_LEVEL_IMPERSONATION, 0);
	u.p.privs_present = present;
	u.p.privs_enabled = enabled;
	len = kacs_build_spec(buf, sizeof(buf), &u.p);
	fd = kacs_create_token(buf, len);
	return fd < 0 ? -errno : fd;
}

static __u64 used(int fd)
{
	struct kacs_token_privileges pv;

	return kacs_privs(fd, &pv) ? ~0ULL : pv.used;
}

struct as {
	int fd;
	int (*op)(void);
};

static int as_fn(void *arg)
{
	struct as *a = arg;
	int r;

	if (kacs_impersonate(a->fd))
		return -1000;
	r = a->op();
	kacs_revert();
	return r;
}

/* Run @op on a thread impersonating @fd: 0 or the errno of the call. */
static int as(int fd, int (*op)(void))
{
	struct as a = { fd, op };

	return in_thread(as_fn, &a);
}

static int op_reboot(void)
{
	return reboot(LINUX_REBOOT_CMD_CAD_OFF) ? errno : 0;
}

static int op_settime(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return settimeofday(&tv, NULL) ? errno : 0;
}

static int op_nice(void)
{
	return setpriority(PRIO_PROCESS, 0, -1) ? errno : 0;
}

static int op_nice5(void)
{
	return setpriority(PRIO_PROCESS, 0, -5) ? errno : 0;
}

static int op_nofile(void)
{
	struct rlimit r;

	getrlimit(RLIMIT_NOFILE, &r);
	r.rlim_max += 1;
	return setrlimit(RLIMIT_NOFILE, &r) ? errno : 0;
}

static int op_mlock(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int r;

	if (p == MAP_FAILED)
		return -1;
	r = mlock(p, 4096) ? errno : 0;
	munlock(p, 4096);
	munmap(p, 4096);
	return r;
}

static int op_mount(void)
{
	int r;

	mkdir("/kacs-priv-mnt", 0700);
	r = mount("none", "/kacs-priv-mnt", "tmpfs", 0, NULL) ? errno : 0;
	if (!r)
		umount("/kacs-priv-mnt");
	return r;
}

/* The gate is refused without the privilege and passes, marked, with it. */
static void gate(struct __test_metadata *_metadata, __u64 priv,
		 int (*op)(void), int denied)
{
	int without = alice(0, 0), disabled = alice(priv, 0), with;

	with = alice(priv, priv);
	ASSERT_LE(0, without);
	ASSERT_LE(0, disabled);
	ASSERT_LE(0, with);
	EXPECT_EQ(denied, as(without, op));
	EXPECT_EQ(denied, as(disabled, op));
	EXPECT_EQ(0, used(disabled));
	EXPECT_EQ(0, as(with, op));
	EXPECT_EQ(priv, used(with));
	close(without);
	close(disabled);
	close(with);
}

/*
 * One gate per variant: gate() with the privilege, the operation behind
 * the gate and the errno of a refusal.
 */
FIXTURE(gate) {
	int unused;
};

FIXTURE_VARIANT(gate) {
	__u64 priv;
	int (*op)(void);
	int denied;
	bool memlock_zero;	/* run with RLIMIT_MEMLOCK 0 */
};

/*
 * priv-gates 15 and cred-dac 3: SeShutdownPrivilege is what CAP_SYS_BOOT
 * asks for (reboot(CAD_OFF) EPERM / 0 / used).
 */
FIXTURE_VARIANT_ADD(gate, shutdown) {
	.priv = PRIV(SHUTDOWN),
	.op = op_reboot,
	.denied = EPERM,
};

/*
 * priv-gates 19 and priv-model 3: SeSystemtimePrivilege changes the
 * clock; a gate checks that the privilege is enabled, not merely present,
 * and marks it used only when it passes.
 */
FIXTURE_VARIANT_ADD(gate, systemtime) {
	.priv = PRIV(SYSTEMTIME),
	.op = op_settime,
	.denied = EPERM,
};

/*
 * priv-gates 20 (Pp; cross-process affinity is ungated here) and
 * cred-dac 4: SeIncreaseBasePriorityPrivilege raises the scheduling
 * priority (setpriority -1 and -5 EACCES without it); base_priority_tcb
 * checks that SeTcb does not stand in for it.
 */
FIXTURE_VARIANT_ADD(gate, base_priority) {
	.priv = PRIV(INCREASE_BASE_PRIORITY),
	.op = op_nice,
	.denied = EACCES,
};

FIXTURE_VARIANT_ADD(gate, base_priority_5) {
	.priv = PRIV(INCREASE_BASE_PRIORITY),
	.op = op_nice5,
	.denied = EACCES,
};

/*
 * priv-gates 21: SeIncreaseQuotaPrivilege overrides resource limits
 * (raising the hard RLIMIT_NOFILE).
 */
FIXTURE_VARIANT_ADD(gate, increase_quota) {
	.priv = PRIV(INCREASE_QUOTA),
	.op = op_nofile,
	.denied = EPERM,
};

/*
 * priv-gates 22: SeLockMemoryPrivilege locks pages with RLIMIT_MEMLOCK 0.
 */
FIXTURE_VARIANT_ADD(gate, lock_memory) {
	.priv = PRIV(LOCK_MEMORY),
	.op = op_mlock,
	.denied = EPERM,
	.memlock_zero = true,
};

/*
 * priv-gates 14 (Pp; sessions are out of scope): SeTcbPrivilege is the
 * catch-all for system operations such as mount, and is marked used.
 */
FIXTURE_VARIANT_ADD(gate, tcb_mount) {
	.priv = PRIV(TCB),
	.op = op_mount,
	.denied = EPERM,
};

FIXTURE_SETUP(gate)
{
	struct rlimit r = { 0, 0 };

	if (variant->memlock_zero)
		ASSERT_EQ(0, setrlimit(RLIMIT_MEMLOCK, &r));
}

FIXTURE_TEARDOWN(gate)
{
}

TEST_F(gate, needs_the_privilege)
{
	gate(_metadata, variant->priv, variant->op, variant->denied);
}

/* priv-gates 20: SeTcbPrivilege does not stand in for raising priority. */
TEST(gate_base_priority_tcb)
{
	int tcb = alice(PRIV(TCB), PRIV(TCB));

	ASSERT_LE(0, tcb);
	EXPECT_EQ(EACCES, as(tcb, op_nice5));
	close(tcb);
}

/*
 * priv-gates 5 (Pp): SeTakeOwnershipPrivilege exists only inside
 * AccessCheck (WRITE_OWNER granted) and is no standalone gate (reboot
 * stays refused).
 */
TEST(take_ownership_only_in_access_check)
{
	struct kacs_access_check_args a;
	struct kacs_tsid sy;
	__u8 sd[128];
	size_t len;
	int fd = alice(PRIV(TAKE_OWNERSHIP), PRIV(TAKE_OWNERSHIP));

	ASSERT_LE(0, fd);
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
	EXPECT_EQ(EPERM, as(fd, op_reboot));
	EXPECT_EQ(PRIV(TAKE_OWNERSHIP), used(fd));
	close(fd);
}

/*
 * priv-model 1 and 2: a privilege absent at creation can never be added
 * (enabling it is EINVAL and the gate stays shut); the enabled set must be
 * a subset of the present set at creation.
 */
TEST(model_no_privilege_added)
{
	int fd = alice(0, 0);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-EINVAL, kacs_adjust_priv(fd, KACS_SE_SHUTDOWN,
					    KACS_SE_PRIVILEGE_ENABLED));
	EXPECT_EQ(EPERM, as(fd, op_reboot));
	close(fd);
	EXPECT_EQ(-EINVAL, alice(PRIV(SHUTDOWN), PRIV(SHUTDOWN) |
				 PRIV(SYSTEMTIME)));
}

/*
 * priv-catalogue 1, 2, 3 and 5: SYSTEM holds bits 2-35, 62 and 63 present
 * and enabled (62, SeCreateJobPrivilege, has no gate behind it); a token
 * holding only bit 62 or only the reserved privileges passes no gate; the
 * privileges are carried without loss.
 */
TEST(catalogue)
{
	const __u64 cat = 0xFFFFFFFFCULL | (3ULL << 62);
	struct kacs_token_privileges pv;
	int fd = kacs_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_QUERY), j;

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_privs(fd, &pv));
	EXPECT_EQ(cat, pv.present);
	EXPECT_EQ(cat, pv.enabled);
	EXPECT_TRUE(pv.enabled & PRIV(CREATE_JOB));
	close(fd);
	j = alice(PRIV(CREATE_JOB), PRIV(CREATE_JOB));
	ASSERT_LE(0, j);
	EXPECT_EQ(EPERM, as(j, op_reboot));
	EXPECT_EQ(EPERM, as(j, op_settime));
	EXPECT_EQ(0, used(j));
	close(j);
	fd = alice(cat, PRIV(UNDOCK) | PRIV(SYNC_AGENT));
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, kacs_privs(fd, &pv));
	EXPECT_EQ(cat, pv.present);
	EXPECT_EQ(PRIV(UNDOCK) | PRIV(SYNC_AGENT), pv.enabled);
	EXPECT_EQ(EPERM, as(fd, op_reboot));
	close(fd);
}

static int op_capbset_drop(void)
{
	return prctl(PR_CAPBSET_DROP, 0, 0, 0, 0) ? errno : 0;
}

static int op_setxattr_cap(void)
{
	static const char v[20] = { 0x00, 0x00, 0x00, 0x02 };
	int fd = open("/kacs-priv-file", O_CREAT | O_WRONLY, 0600), r;

	if (fd < 0)
		return -errno;
	r = fsetxattr(fd, "security.capability", v, sizeof(v), 0) ? errno : 0;
	close(fd);
	unlink("/kacs-priv-file");
	return r;
}

/*
 * cred-dac 8: the DENY capabilities are refused whatever the caller
 * holds: SYSTEM with every privilege cannot drop from the bounding set
 * (CAP_SETPCAP) or write security.capability (CAP_SETFCAP).
 */
TEST(deny_capabilities)
{
	EXPECT_EQ(EPERM, op_capbset_drop());
	EXPECT_EQ(EPERM, op_setxattr_cap());
}

KACS_HARNESS_MAIN
