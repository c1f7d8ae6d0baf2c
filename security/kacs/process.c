// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - process gates: signals, ptrace, pidfd_open, process attributes
 *
 * Every gate applies the two-check rule: AccessCheck of the subject token
 * against the target's process SD (of which an enabled SeDebugPrivilege
 * skips the DACL decision but not a trust-label ACE) and PIP dominance of
 * the caller's PSB over the target's PSB (never skipped).  Operations
 * within one thread group skip both.  Nothing here sleeps or allocates:
 * these hooks run under RCU, task_lock() or tasklist_lock.
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
#include <linux/string.h>

#include "cred.h"
#include "process.h"
#include "psb.h"
#include "task.h"
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

/**
 * kacs_debug_check_process - process SD check of a SeDebugPrivilege holder
 * @tok: the subject token, on which SeDebugPrivilege is enabled
 * @pip_type: PIP type of the caller's PSB
 * @pip_trust: PIP trust of the caller's PSB
 * @target: the target's PSB
 * @desired: KACS_PROCESS_* rights needed
 *
 * SeDebugPrivilege skips the DACL decision of the target's process SD,
 * never a process trust-label ACE in that SD (DESIGN Q32; v0.20
 * 10-access-check/7-pip.md: no privilege compensates for insufficient
 * trust).  PSB dominance is the caller's business.  Call under RCU or
 * with @target pinned; never sleeps, never allocates.
 *
 * Return: 0 if allowed, -EACCES if the trust label (or a missing or
 * malformed SD) refuses.
 */
int kacs_debug_check_process(struct kacs_token *tok, u32 pip_type,
			     u32 pip_trust, struct kacs_psb *target,
			     u32 desired)
{
	struct kacs_psd *psd;
	int ret = -EACCES;

	rcu_read_lock();
	psd = rcu_dereference(target->sd);
	/*
	 * Without a trust label there is nothing for the check to deny,
	 * provided AccessCheck would accept the SD at all (an owner, no
	 * reserved mask bits): skip it.  This is the common case.
	 */
	if (psd && !psd->trust_label && psd->view.has_owner &&
	    !psd->view.dacl.reserved_bits && !psd->view.sacl.reserved_bits)
		ret = 0;
	else if (psd)
		ret = kacs_token_check_psd(tok, pip_type, pip_trust, psd,
					   desired, &kacs_process_mapping,
					   KACS_AC_PIP_ONLY, NULL);
	rcu_read_unlock();
	return ret ? -EACCES : 0;
}

/* PIP dominance of the subject (@ctype, @ctrust) over @tpsb's process. */
static int kacs_pip_gate(u32 ctype, u32 ctrust, const struct kacs_psb *tpsb)
{
	u32 ttype, ttrust;

	kacs_psb_pip(tpsb, &ttype, &ttrust);
	return kacs_pip_dominates(ctype, ctrust, ttype, ttrust) ? 0 : -EPERM;
}

/* AccessCheck of @tok against the process SD @psd; no SD denies. */
static int kacs_psd_gate(struct kacs_token *tok, u32 ctype, u32 ctrust,
			 const struct kacs_psd *psd, u32 desired)
{
	if (!psd || kacs_token_check_psd(tok, ctype, ctrust, psd, desired,
					 &kacs_process_mapping, 0, NULL))
		return -EACCES;
	return 0;
}

/*
 * The two-check rule against the process of @tpsb.  @cpsb is the
 * subject's PSB, compared only to recognise the target's own process;
 * @ctype/@ctrust is the subject's PIP.
 */
static int kacs_two_check_psb_of(struct kacs_token *tok,
				 const struct kacs_psb *cpsb, u32 ctype,
				 u32 ctrust, struct kacs_psb *tpsb,
				 u32 desired)
{
	int ret;

	if (!tok || !tpsb)
		return -EACCES;
	if (cpsb == tpsb)
		return 0;

	ret = kacs_pip_gate(ctype, ctrust, tpsb);
	if (ret)
		return ret;

	/* SeDebugPrivilege skips the DACL, never a trust label (Q32) */
	if (kacs_token_priv(tok, KACS_SE_DEBUG))
		return kacs_debug_check_process(tok, ctype, ctrust, tpsb,
						desired);

	rcu_read_lock();
	ret = kacs_psd_gate(tok, ctype, ctrust, rcu_dereference(tpsb->sd),
			    desired);
	rcu_read_unlock();
	return ret;
}

/* The two-check rule against @target's process. */
static int kacs_two_check(struct kacs_token *tok, const struct kacs_psb *cpsb,
			  u32 ctype, u32 ctrust, struct task_struct *target,
			  u32 desired)
{
	return kacs_two_check_psb_of(tok, cpsb, ctype, ctrust,
				     kacs_task_psb(target), desired);
}

/* Two-check rule with @psb's current PIP as the subject's PIP. */
static int kacs_two_check_psb(struct kacs_token *tok, struct kacs_psb *psb,
			      struct task_struct *target, u32 desired)
{
	u32 ctype, ctrust;

	kacs_psb_pip(psb, &ctype, &ctrust);
	return kacs_two_check(tok, psb, ctype, ctrust, target, desired);
}

/**
 * kacs_check_process - two-check rule for an operation on another process
 * @cred: subject cred recorded by an asynchronous sender, or NULL for
 *        current's effective token and PSB
 * @target: the target task
 * @desired: KACS_PROCESS_* rights needed
 *
 * A recorded @cred is judged as the process it belongs to: its primary
 * token, and the PIP of the PSB it references.  The only such sender in
 * 6.12 is the completion signal of USB asynchronous I/O
 * (kill_pid_usb_asyncio()), which goes to the submitting thread with the
 * credential it submitted with, so the process signals itself and
 * passes, as a process acting on itself does.
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
		return kacs_two_check_psb(kacs_cred_token(cred),
					  kacs_cred_psb(cred), target,
					  desired);
	if (same_thread_group(current, target))
		return 0;
	return kacs_two_check_psb(kacs_current_effective(),
				  kacs_task_psb(current), target, desired);
}

/**
 * kacs_check_process_sd - two-check rule for a request on a process SD
 * @tok: the subject token, may be NULL (denied)
 * @ctype: PIP type of the subject
 * @ctrust: PIP trust of the subject
 * @tpsb: the target process's PSB
 * @psd: the process SD of @tpsb that the caller goes on to read or
 *       replace, pinned by the caller (a reference or RCU), or NULL
 * @desired: rights on the SD itself (READ_CONTROL, WRITE_DAC, WRITE_OWNER,
 *           ACCESS_SYSTEM_SECURITY)
 *
 * kacs_get_sd() and kacs_set_sd() on a pidfd: PIP dominance, then
 * AccessCheck of @tok against @psd.  Unlike kacs_check_process(), a
 * request on the caller's own process is checked too, and
 * SeDebugPrivilege does not stand in for the DACL.  Never sleeps.
 *
 * Return: 0 if allowed, -EPERM if the subject does not dominate the
 * target's PIP, -EACCES if @psd denies or is NULL.
 */
int kacs_check_process_sd(struct kacs_token *tok, u32 ctype, u32 ctrust,
			  const struct kacs_psb *tpsb,
			  const struct kacs_psd *psd, u32 desired)
{
	int ret;

	ret = kacs_pip_gate(ctype, ctrust, tpsb);
	if (!ret)
		ret = kacs_psd_gate(tok, ctype, ctrust, psd, desired);
	return ret;
}

/**
 * kacs_check_process_as - two-check rule for a captured subject
 * @subj: the subject (see kacs_origin_capture())
 * @target: the target task, pinned by the caller
 * @desired: KACS_PROCESS_* rights needed
 *
 * The subject's token and PIP are those of the capture, so that a file
 * owner or a cgroup control file carries the authority of whoever set or
 * opened it.  Never sleeps and never allocates: safe in hard-irq context.
 *
 * Return: 0 if allowed, -EACCES if the process SD denies, -EPERM if the
 * subject does not dominate the target's PIP.
 */
int kacs_check_process_as(const struct kacs_origin *subj,
			  struct task_struct *target, u32 desired)
{
	return kacs_two_check(subj->tok, subj->psb, subj->pip_type,
			      subj->pip_trust, target, desired);
}

/**
 * kacs_origin_capture - record current's effective token and PIP
 * @subj: receives counted references
 *
 * Never sleeps.  Release with kacs_origin_release().
 */
void kacs_origin_capture(struct kacs_origin *subj)
{
	struct kacs_psb *psb = kacs_task_psb(current);

	subj->tok = kacs_token_get(kacs_current_effective());
	subj->psb = psb ? kacs_psb_get(psb) : NULL;
	kacs_psb_pip(psb, &subj->pip_type, &subj->pip_trust);
}

/**
 * kacs_origin_release - drop the references of a captured subject
 * @subj: the subject; left empty
 *
 * Never sleeps: safe under spinlocks.
 */
void kacs_origin_release(struct kacs_origin *subj)
{
	kacs_token_put(subj->tok);
	kacs_psb_put(subj->psb);
	memset(subj, 0, sizeof(*subj));
}

/**
 * kacs_task_kill - gate a signal to another process
 * @p: the target thread
 * @info: the signal information, or SEND_SIG_PRIV for the kernel
 * @sig: the signal number, 0 for an existence probe
 * @cred: the sender's cred for an asynchronous sender
 *        (kill_pid_usb_asyncio()), else NULL for current
 *
 * The task_kill hook, called from check_kill_permission() for kill(),
 * tgkill(), rt_sigqueueinfo(), pidfd_send_signal() and the other signal
 * senders, under RCU or a signal lock: atomic, never sleeps.  The right
 * needed comes from kacs_signal_right().  Kernel-generated signals pass,
 * and so does the parent-death signal a dying thread sends on behalf of
 * the child that asked for it.  The exit signal a clone() child sends its
 * parent does not come here.
 *
 * Return: 0, or -EPERM when the two-check rule refuses.
 */
static int kacs_task_kill(struct task_struct *p, struct kernel_siginfo *info,
			  int sig, const struct cred *cred)
{
	if (!cred && info == SEND_SIG_PRIV)
		return 0;
	/*
	 * The parent-death signal is sent by the exiting parent thread on
	 * behalf of the child, which asked for it: whatever token that
	 * thread was impersonating when it died does not judge it.
	 */
	if (!cred && (current->flags & PF_EXITING) &&
	    sig == READ_ONCE(p->pdeath_signal))
		return 0;
	return kacs_check_process(cred, p, kacs_signal_right(sig)) ?
	       -EPERM : 0;
}

/**
 * kacs_ptrace_access_check - gate ptrace-mode access to another process
 * @child: the target
 * @mode: PTRACE_MODE_* flags
 *
 * The ptrace_access_check hook, called by __ptrace_may_access() with
 * task_lock(@child) held (atomic) for PTRACE_ATTACH and PTRACE_SEIZE,
 * pidfd_getfd(), process_vm_readv()/writev(), kcmp() and the
 * ptrace-gated /proc/<pid> entries.  Read modes need PROCESS_VM_READ and
 * attach modes PROCESS_VM_WRITE, except that taking a file with
 * pidfd_getfd() (PTRACE_MODE_GETFD) needs PROCESS_DUP_HANDLE, and an
 * attach-mode access that only reads memory (/proc/<pid>/mem opened
 * read-only, process_vm_readv(): PTRACE_MODE_MEM_RDONLY) needs
 * PROCESS_VM_READ.  A tracer that follows a clone() child (CLONE_PTRACE,
 * the ptrace fork events) is attached without this check; CLONE_UNTRACED
 * does not protect a child from a later attach, which comes here.
 *
 * Return: 0, or -EPERM when the two-check rule refuses.
 */
static int kacs_ptrace_access_check(struct task_struct *child,
				    unsigned int mode)
{
	u32 right;

	if (mode & PTRACE_MODE_GETFD)
		right = KACS_PROCESS_DUP_HANDLE;
	else if (mode & (PTRACE_MODE_READ | PTRACE_MODE_MEM_RDONLY))
		right = KACS_PROCESS_VM_READ;
	else
		right = KACS_PROCESS_VM_WRITE;
	return kacs_check_process(NULL, child, right) ? -EPERM : 0;
}

/**
 * kacs_ptrace_traceme - gate PTRACE_TRACEME
 * @parent: the parent that is to become the tracer
 *
 * The ptrace_traceme hook, called by ptrace_traceme() with tasklist_lock
 * held for writing and interrupts off.  The future tracer is the subject
 * and needs PROCESS_VM_WRITE on the caller, judged with its primary token.
 *
 * Return: 0, or -EPERM when the two-check rule refuses.
 */
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
	ret = kacs_two_check_psb(tok, kacs_task_psb(parent), current,
				 KACS_PROCESS_VM_WRITE);
	rcu_read_unlock();
	return ret ? -EPERM : 0;
}

/**
 * kacs_pidfd_open - gate pidfd_open(2)
 * @pid: the pid asked for; its task may have exited
 * @flags: the pidfd_open() flags
 *
 * The pidfd_open hook added by this series, called by sys_pidfd_open()
 * after find_get_pid() and before pidfd_create(), in process context.
 * It needs PROCESS_QUERY_LIMITED.  This is the CLONE_PIDFD half that is
 * gated: the pidfd CLONE_PIDFD hands to the creator, and those of
 * SO_PEERPIDFD, SCM_PIDFD and fanotify, never come here.  A pid whose
 * task is gone passes; pidfd_create() reports it.
 *
 * Return: 0, or -EACCES when the two-check rule refuses.
 */
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

/*
 * Process attributes: scheduling, limits, I/O priority, process group and
 * memory placement (8-pip/2-enforcement-points.md, "Process attribute
 * tail").  Changes need PROCESS_SET_INFORMATION, detail queries
 * PROCESS_QUERY_INFORMATION and pgid/sid queries PROCESS_QUERY_LIMITED,
 * each with PIP dominance.  Operations inside one process skip the gate
 * (kacs_check_process()).  These hooks can run under RCU, tasklist_lock
 * or task_lock(): nothing here sleeps.
 */
/* The two-check rule for the task_* attribute hooks below. */
static int kacs_task_attr(struct task_struct *p, u32 desired)
{
	/*
	 * A task still being created (cpuset_can_fork() for
	 * CLONE_INTO_CGROUP) belongs to its creator, which is deciding.
	 */
	if (READ_ONCE(p->__state) == TASK_NEW)
		return 0;
	return kacs_check_process(NULL, p, desired) ? -EPERM : 0;
}

/**
 * kacs_task_setnice - gate a nice value change
 * @p: the target
 * @nice: the new nice value
 *
 * The task_setnice hook, called by setpriority() (set_one_prio(), under
 * RCU and tasklist_lock), nice() and the autogroup nice file, both on
 * current.  Needs PROCESS_SET_INFORMATION on another process.
 *
 * Return: 0, or -EPERM when the two-check rule refuses.
 */
static int kacs_task_setnice(struct task_struct *p, int nice)
{
	return kacs_task_attr(p, KACS_PROCESS_SET_INFORMATION);
}

/**
 * kacs_task_setioprio - gate an I/O priority change
 * @p: the target
 * @ioprio: the new I/O priority
 *
 * The task_setioprio hook, called by set_task_ioprio() for ioprio_set(),
 * under RCU.  Needs PROCESS_SET_INFORMATION on another process.
 *
 * Return: 0, or -EPERM when the two-check rule refuses.
 */
static int kacs_task_setioprio(struct task_struct *p, int ioprio)
{
	return kacs_task_attr(p, KACS_PROCESS_SET_INFORMATION);
}

/**
 * kacs_task_getioprio - gate an I/O priority query
 * @p: the target
 *
 * The task_getioprio hook, called by ioprio_get() under RCU.  Needs
 * PROCESS_QUERY_INFORMATION on another process.
 *
 * Return: 0, or -EPERM when the two-check rule refuses.
 */
static int kacs_task_getioprio(struct task_struct *p)
{
	return kacs_task_attr(p, KACS_PROCESS_QUERY_INFORMATION);
}

/**
 * kacs_task_setrlimit - gate a resource limit change
 * @p: the target
 * @resource: the RLIMIT_* resource
 * @new_rlim: the new limit
 *
 * The task_setrlimit hook, called by do_prlimit() for setrlimit() and
 * prlimit() with a new limit, under task_lock() of @p's group leader.
 * Needs PROCESS_SET_INFORMATION on another process.
 *
 * Return: 0, or -EPERM when the two-check rule refuses.
 */
static int kacs_task_setrlimit(struct task_struct *p, unsigned int resource,
			       struct rlimit *new_rlim)
{
	return kacs_task_attr(p, KACS_PROCESS_SET_INFORMATION);
}

/**
 * kacs_task_prlimit - gate reading another process's resource limits
 * @cred: the caller's cred
 * @tcred: the target's objective cred
 * @flags: LSM_PRLIMIT_READ and/or LSM_PRLIMIT_WRITE
 *
 * The task_prlimit hook, called under RCU by prlimit() on a task other
 * than current (check_prlimit_permission()).  The hook does not see the
 * target task; its process is the one @tcred's PSB reference names.
 * Reading the limits needs PROCESS_QUERY_INFORMATION on it; setting them
 * is judged by kacs_task_setrlimit(), which sees the task.
 *
 * Return: 0, or -EPERM when the two-check rule refuses.
 */
static int kacs_task_prlimit(const struct cred *cred, const struct cred *tcred,
			     unsigned int flags)
{
	struct kacs_psb *psb = kacs_task_psb(current);
	u32 ctype, ctrust;

	if (!(flags & LSM_PRLIMIT_READ))
		return 0;
	kacs_psb_pip(psb, &ctype, &ctrust);
	return kacs_two_check_psb_of(kacs_current_effective(), psb, ctype,
				     ctrust, kacs_cred_psb(tcred),
				     KACS_PROCESS_QUERY_INFORMATION) ?
	       -EPERM : 0;
}

/**
 * kacs_task_setscheduler - gate a scheduling policy or affinity change
 * @p: the target
 *
 * The task_setscheduler hook, called by sched_setscheduler(),
 * sched_setattr(), sched_setparam() and sched_setaffinity() (under RCU or
 * with a reference), by /proc/<pid>/timerslack_ns, and by the cpuset
 * controller when a task is attached or, for CLONE_INTO_CGROUP, forked
 * into a cpuset (cpuset_can_fork()).  Needs PROCESS_SET_INFORMATION on
 * another process; a child still being created (TASK_NEW, the
 * CLONE_INTO_CGROUP case) belongs to its creator and passes.
 *
 * Return: 0, or -EPERM when the two-check rule refuses.
 */
static int kacs_task_setscheduler(struct task_struct *p)
{
	return kacs_task_attr(p, KACS_PROCESS_SET_INFORMATION);
}

/**
 * kacs_task_getscheduler - gate a scheduling query
 * @p: the target
 *
 * The task_getscheduler hook, called under RCU by sched_getscheduler(),
 * sched_getparam(), sched_getattr(), sched_getaffinity(),
 * sched_rr_get_interval() and by reading /proc/<pid>/timerslack_ns.
 * Needs PROCESS_QUERY_INFORMATION on another process.
 *
 * Return: 0, or -EPERM when the two-check rule refuses.
 */
static int kacs_task_getscheduler(struct task_struct *p)
{
	return kacs_task_attr(p, KACS_PROCESS_QUERY_INFORMATION);
}

/**
 * kacs_task_movememory - gate moving another process's pages
 * @p: the target
 *
 * The task_movememory hook, called by migrate_pages() and move_pages()
 * in process context.  Needs PROCESS_SET_INFORMATION on another process.
 *
 * Return: 0, or -EPERM when the two-check rule refuses.
 */
static int kacs_task_movememory(struct task_struct *p)
{
	return kacs_task_attr(p, KACS_PROCESS_SET_INFORMATION);
}

/**
 * kacs_task_setpgid - gate a process group change
 * @p: the target
 * @pgid: the new process group
 *
 * The task_setpgid hook, called by setpgid() with tasklist_lock held for
 * writing.  Needs PROCESS_SET_INFORMATION on another process.
 *
 * Return: 0, or -EPERM when the two-check rule refuses.
 */
static int kacs_task_setpgid(struct task_struct *p, pid_t pgid)
{
	return kacs_task_attr(p, KACS_PROCESS_SET_INFORMATION);
}

/**
 * kacs_task_getpgid - gate a process group query
 * @p: the target
 *
 * The task_getpgid hook, called by getpgid() under RCU.  Needs
 * PROCESS_QUERY_LIMITED on another process.
 *
 * Return: 0, or -EPERM when the two-check rule refuses.
 */
static int kacs_task_getpgid(struct task_struct *p)
{
	return kacs_task_attr(p, KACS_PROCESS_QUERY_LIMITED);
}

/**
 * kacs_task_getsid - gate a session id query
 * @p: the target
 *
 * The task_getsid hook, called by getsid() under RCU.  Needs
 * PROCESS_QUERY_LIMITED on another process.
 *
 * Return: 0, or -EPERM when the two-check rule refuses.
 */
static int kacs_task_getsid(struct task_struct *p)
{
	return kacs_task_attr(p, KACS_PROCESS_QUERY_LIMITED);
}

/**
 * kacs_capget - gate reading another process's capability sets
 * @target: the process asked about
 * @effective: its effective set (unused)
 * @inheritable: its inheritable set (unused)
 * @permitted: its permitted set (unused)
 *
 * The capget hook, called by capget(2) under RCU.  Reading another
 * process's capabilities is a detailed query
 * (8-pip/2-enforcement-points.md, "Capability metadata") and needs
 * PROCESS_QUERY_INFORMATION.
 *
 * Return: 0, or -EPERM when the two-check rule refuses.
 */
static int kacs_capget(const struct task_struct *target,
		       kernel_cap_t *effective, kernel_cap_t *inheritable,
		       kernel_cap_t *permitted)
{
	/* kacs_check_process() only reads @target */
	return kacs_task_attr((struct task_struct *)target,
			      KACS_PROCESS_QUERY_INFORMATION);
}

static struct security_hook_list kacs_process_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_kill, kacs_task_kill),
	LSM_HOOK_INIT(ptrace_access_check, kacs_ptrace_access_check),
	LSM_HOOK_INIT(ptrace_traceme, kacs_ptrace_traceme),
	LSM_HOOK_INIT(pidfd_open, kacs_pidfd_open),
	LSM_HOOK_INIT(task_setnice, kacs_task_setnice),
	LSM_HOOK_INIT(task_setioprio, kacs_task_setioprio),
	LSM_HOOK_INIT(task_getioprio, kacs_task_getioprio),
	LSM_HOOK_INIT(task_setrlimit, kacs_task_setrlimit),
	LSM_HOOK_INIT(task_prlimit, kacs_task_prlimit),
	LSM_HOOK_INIT(task_setscheduler, kacs_task_setscheduler),
	LSM_HOOK_INIT(task_getscheduler, kacs_task_getscheduler),
	LSM_HOOK_INIT(task_movememory, kacs_task_movememory),
	LSM_HOOK_INIT(task_setpgid, kacs_task_setpgid),
	LSM_HOOK_INIT(task_getpgid, kacs_task_getpgid),
	LSM_HOOK_INIT(task_getsid, kacs_task_getsid),
	LSM_HOOK_INIT(capget, kacs_capget),
};

/**
 * kacs_add_process_hooks - register the process gates
 */
void __init kacs_add_process_hooks(void)
{
	security_add_hooks(kacs_process_hooks,
			   ARRAY_SIZE(kacs_process_hooks), &kacs_lsmid);
}
