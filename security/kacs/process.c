// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - process gates: signals, ptrace, pidfd_open
 *
 * Every gate applies the two-check rule: AccessCheck of the subject token
 * against the target's process SD (skipped when SeDebugPrivilege is enabled
 * on the subject token) and PIP dominance of the caller's PSB over the
 * target's PSB (never skipped).  Operations within one thread group skip
 * both.  Nothing here sleeps or allocates: these hooks run under RCU,
 * task_lock() or tasklist_lock.
 *
 * ptrace modes map to rights: PTRACE_MODE_READ* needs PROCESS_VM_READ and
 * PTRACE_MODE_ATTACH* PROCESS_VM_WRITE.  Linux uses ATTACH modes for
 * pidfd_getfd(), process_vm_readv() and /proc/<pid>/mem, so those need
 * PROCESS_VM_WRITE here (pidfd_getfd() keeps its own -EPERM); distinct
 * modes for them are not part of this series.  CLONE_PIDFD meets no gate:
 * only pidfd_open(2) calls security_pidfd_open().
 */

#include <linux/cred.h>
#include <linux/lsm_hooks.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>

#include "common.h"
#include "process.h"
#include "psb.h"
#include "token.h"

/**
 * kacs_signal_right - process right needed to send a signal
 * @sig: signal number, 0 for an existence probe
 *
 * Return: the KACS_PROCESS_* right.
 */
u32 kacs_signal_right(int sig)
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

static int kacs_two_check(struct kacs_token *tok, struct kacs_psb *caller,
			  struct task_struct *target, u32 desired)
{
	u32 ctype = 0, ctrust = 0;
	struct kacs_psb *tpsb;
	struct kacs_psd *psd;
	int ret;

	tpsb = kacs_task_psb(target);
	if (!tok || !tpsb)
		return -EACCES;
	if (caller) {
		ctype = READ_ONCE(caller->pip_type);
		ctrust = READ_ONCE(caller->pip_trust);
	}
	if (caller == tpsb)
		return 0;

	if (!kacs_pip_dominates(ctype, ctrust, READ_ONCE(tpsb->pip_type),
				READ_ONCE(tpsb->pip_trust)))
		return -EPERM;

	if (kacs_token_priv(tok, KACS_SE_DEBUG))
		return 0;

	rcu_read_lock();
	psd = rcu_dereference(tpsb->sd);
	if (psd)
		ret = kacs_token_check_sd(tok, ctype, ctrust, psd->data,
					  psd->len, desired,
					  &kacs_process_mapping, NULL, 0,
					  NULL);
	else
		ret = -EACCES;
	rcu_read_unlock();
	return ret ? -EACCES : 0;
}

/**
 * kacs_check_process - two-check rule for an operation on another process
 * @cred: subject cred for asynchronous senders, or NULL for current's
 *        effective token and PSB
 * @target: the target task
 * @desired: KACS_PROCESS_* rights needed
 *
 * Must be called with @target pinned (reference, RCU or lock).  Never
 * sleeps.
 *
 * Return: 0 if allowed, -EACCES if the process SD denies, -EPERM if the
 * caller does not dominate the target's PIP.
 */
int kacs_check_process(const struct cred *cred, struct task_struct *target,
		       u32 desired)
{
	if (cred)
		return kacs_two_check(kacs_cred_token(cred), NULL, target,
				      desired);
	if (same_thread_group(current, target))
		return 0;
	return kacs_two_check(kacs_current_effective(),
			      kacs_task_psb(current), target, desired);
}

static int kacs_task_kill(struct task_struct *p, struct kernel_siginfo *info,
			  int sig, const struct cred *cred)
{
	if (!cred && info == SEND_SIG_PRIV)
		return 0;
	return kacs_check_process(cred, p, kacs_signal_right(sig)) ?
	       -EPERM : 0;
}

static int kacs_ptrace_access_check(struct task_struct *child,
				    unsigned int mode)
{
	u32 right = (mode & PTRACE_MODE_ATTACH) ? KACS_PROCESS_VM_WRITE :
						  KACS_PROCESS_VM_READ;

	return kacs_check_process(NULL, child, right) ? -EPERM : 0;
}

static int kacs_ptrace_traceme(struct task_struct *parent)
{
	struct kacs_token *tok;
	int ret;

	/*
	 * The nominated tracer is the subject, judged by its primary token
	 * (its impersonation state cannot be read under tasklist_lock).
	 */
	if (same_thread_group(parent, current))
		return 0;
	rcu_read_lock();
	tok = kacs_cred_token(__task_cred(parent));
	ret = kacs_two_check(tok, kacs_task_psb(parent), current,
			     KACS_PROCESS_VM_WRITE);
	rcu_read_unlock();
	return ret ? -EPERM : 0;
}

static int kacs_pidfd_open(struct pid *pid, unsigned int flags)
{
	struct task_struct *task;
	int ret = 0;

	rcu_read_lock();
	task = pid_task(pid, PIDTYPE_PID);
	if (task)
		ret = kacs_check_process(NULL, task,
					 KACS_PROCESS_QUERY_LIMITED);
	rcu_read_unlock();
	return ret ? -EACCES : 0;
}

static struct security_hook_list kacs_process_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_kill, kacs_task_kill),
	LSM_HOOK_INIT(ptrace_access_check, kacs_ptrace_access_check),
	LSM_HOOK_INIT(ptrace_traceme, kacs_ptrace_traceme),
	LSM_HOOK_INIT(pidfd_open, kacs_pidfd_open),
};

/**
 * kacs_add_process_hooks - register the process gates
 */
void __init kacs_add_process_hooks(void)
{
	security_add_hooks(kacs_process_hooks,
			   ARRAY_SIZE(kacs_process_hooks), &kacs_lsmid);
}
