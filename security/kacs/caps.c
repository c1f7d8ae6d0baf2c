// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - capability switchboard
 *
 * Every Linux capability is classified: ALLOW (granted as far as KACS is
 * concerned), PRIVILEGE (needs the mapped privilege present and enabled on
 * the effective token) or DENY.  KACS only restricts: a capability the
 * other LSMs (commoncap) refuse stays refused.  The answer does not depend
 * on the user namespace, so a new user namespace cannot launder
 * privileges.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/lsm_hooks.h>

#include "caps.h"
#include "cred.h"
#include "task.h"
#include "token.h"

#define KACS_CAP_ALLOW	0xfe
#define KACS_CAP_DENY	0xff

static const u8 kacs_cap_map[CAP_LAST_CAP + 1] = {
	[CAP_CHOWN] = KACS_CAP_ALLOW,
	[CAP_DAC_OVERRIDE] = KACS_CAP_ALLOW,
	[CAP_DAC_READ_SEARCH] = KACS_CAP_ALLOW,
	[CAP_FOWNER] = KACS_CAP_ALLOW,
	[CAP_FSETID] = KACS_CAP_ALLOW,
	[CAP_KILL] = KACS_CAP_ALLOW,
	[CAP_SETGID] = KACS_CAP_ALLOW,
	[CAP_SETUID] = KACS_CAP_ALLOW,
	[CAP_SETPCAP] = KACS_CAP_DENY,
	[CAP_LINUX_IMMUTABLE] = KACS_SE_TCB,
	[CAP_NET_BIND_SERVICE] = KACS_SE_BIND_PRIVILEGED_PORT,
	[CAP_NET_BROADCAST] = KACS_CAP_ALLOW,
	[CAP_NET_ADMIN] = KACS_SE_TCB,
	[CAP_NET_RAW] = KACS_SE_TCB,
	[CAP_IPC_LOCK] = KACS_SE_LOCK_MEMORY,
	[CAP_IPC_OWNER] = KACS_CAP_ALLOW,
	[CAP_SYS_MODULE] = KACS_SE_LOAD_DRIVER,
	[CAP_SYS_RAWIO] = KACS_SE_TCB,
	[CAP_SYS_CHROOT] = KACS_SE_TCB,
	[CAP_SYS_PTRACE] = KACS_SE_DEBUG,
	[CAP_SYS_PACCT] = KACS_SE_TCB,
	[CAP_SYS_ADMIN] = KACS_SE_TCB,
	[CAP_SYS_BOOT] = KACS_SE_SHUTDOWN,
	[CAP_SYS_NICE] = KACS_SE_INCREASE_BASE_PRIORITY,
	[CAP_SYS_RESOURCE] = KACS_SE_INCREASE_QUOTA,
	[CAP_SYS_TIME] = KACS_SE_SYSTEMTIME,
	[CAP_SYS_TTY_CONFIG] = KACS_SE_TCB,
	[CAP_MKNOD] = KACS_SE_TCB,
	[CAP_LEASE] = KACS_CAP_ALLOW,
	[CAP_AUDIT_WRITE] = KACS_SE_AUDIT,
	[CAP_AUDIT_CONTROL] = KACS_SE_SECURITY,
	[CAP_SETFCAP] = KACS_CAP_DENY,
	[CAP_MAC_OVERRIDE] = KACS_CAP_DENY,
	[CAP_MAC_ADMIN] = KACS_SE_SECURITY,
	[CAP_SYSLOG] = KACS_SE_TCB,
	[CAP_WAKE_ALARM] = KACS_SE_TCB,
	[CAP_BLOCK_SUSPEND] = KACS_SE_TCB,
	[CAP_AUDIT_READ] = KACS_SE_SECURITY,
	[CAP_PERFMON] = KACS_SE_PROFILE_SINGLE_PROCESS,
	[CAP_BPF] = KACS_SE_TCB,
	[CAP_CHECKPOINT_RESTORE] = KACS_SE_TCB,
};

/**
 * kacs_capable - restrict a Linux capability to an enabled privilege
 * @cred: the cred whose capability is asked about
 * @ns: the user namespace it is asked for (ignored: the answer does not
 *      depend on it)
 * @cap: the capability
 * @opts: CAP_OPT_* flags (unused)
 *
 * The capable hook, called by security_capable() from capable(),
 * ns_capable(), has_capability() and their variants, after commoncap:
 * KACS can only turn a grant into a denial.  It may be called in any
 * context and never sleeps.  When @cred is current's cred the subject is
 * current's effective token, else @cred's own token.  This is where the
 * namespace flags of clone() (CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWNET,
 * ...), whose CAP_SYS_ADMIN check lands here, need SeTcbPrivilege.
 *
 * Return: 0 if the capability's class is ALLOW, or if it maps to a
 * privilege that is present and enabled on the subject token; -EPERM
 * otherwise (DENY, unknown capability, no token).
 */
static int kacs_capable(const struct cred *cred, struct user_namespace *ns,
			int cap, unsigned int opts)
{
	struct kacs_token *tok;
	u8 kind;

	if (cap < 0 || cap > CAP_LAST_CAP)
		return -EPERM;
	kind = kacs_cap_map[cap];
	if (kind == KACS_CAP_DENY)
		return -EPERM;

	/* The effective token of current, or the token of a foreign cred. */
	if (cred == current_cred())
		tok = kacs_current_effective();
	else
		tok = kacs_cred_token(cred);
	if (!tok)
		return -EPERM;
	if (kind == KACS_CAP_ALLOW)
		return 0;
	return kacs_token_priv(tok, kind) ? 0 : -EPERM;
}

static struct security_hook_list kacs_cap_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(capable, kacs_capable),
};

/**
 * kacs_add_cap_hooks - register the capability switchboard
 */
void __init kacs_add_cap_hooks(void)
{
	/*
	 * kacs_cap_map[] classifies every capability up to
	 * CAP_CHECKPOINT_RESTORE; one added after it would map to privilege
	 * 0, which no token holds.  Classify it here first.
	 */
	BUILD_BUG_ON(CAP_LAST_CAP != CAP_CHECKPOINT_RESTORE);
	/* privilege numbers must stay below the two class markers */
	BUILD_BUG_ON(KACS_SE_BIND_PRIVILEGED_PORT >= KACS_CAP_ALLOW);
	security_add_hooks(kacs_cap_hooks, ARRAY_SIZE(kacs_cap_hooks),
			   &kacs_lsmid);
}
