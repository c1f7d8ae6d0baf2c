// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - the task life cycle: routing a clone, impersonation, exec
 *
 * task_alloc is where a clone is routed.  With CLONE_THREAD the new task
 * shares the creator's cred (and so its primary token) and PSB, and
 * starts un-impersonated because its task blob is new.  Without it the
 * new process gets, in its still private cred, a deep copy of the
 * creator's primary token, a copy of the PSB and a fresh default process
 * SD.
 */

#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/lsm_hooks.h>
#include <linux/sched.h>
#include <linux/sched/task.h>

#include "cred.h"
#include "psb.h"
#include "task.h"
#include "token.h"
#include "token_fd.h"

/**
 * kacs_current_effective - the subject token of the current thread
 *
 * While the kernel has a cred override active the overriding cred's token
 * is the subject; otherwise the thread's impersonation token if set, else
 * the primary token.
 *
 * Return: the token (no reference taken; valid while current does not
 * change its impersonation or creds), or NULL if there is none.
 */
struct kacs_token *kacs_current_effective(void)
{
	const struct cred *cred = current_cred();
	struct kacs_token *imp;

	if (cred != current_real_cred())
		return kacs_cred_token(cred);
	imp = current->security ? kacs_task(current)->imp : NULL;
	if (imp)
		return imp;
	return kacs_cred_token(cred);
}

/**
 * kacs_task_effective_get - the effective token of another thread
 * @task: the thread
 *
 * Return: a counted reference to @task's impersonation token if it
 * impersonates, else to its primary token; NULL if it has none.
 */
struct kacs_token *kacs_task_effective_get(struct task_struct *task)
{
	struct kacs_token *tok;

	task_lock(task);
	tok = kacs_token_get(kacs_task(task)->imp);
	task_unlock(task);
	if (tok)
		return tok;
	rcu_read_lock();
	tok = kacs_token_get(kacs_cred_token(__task_cred(task)));
	rcu_read_unlock();
	return tok;
}

static bool kacs_creator_is_kernel(struct task_struct *task)
{
	return (current->flags & PF_KTHREAD) || (task->flags & PF_KTHREAD);
}

/**
 * kacs_task_alloc - route a clone: thread or new process
 * @task: the task copy_process() is creating, not yet visible
 * @clone_flags: the clone flags
 *
 * The task_alloc hook, called by copy_process() after copy_creds() and
 * before the pidfd of CLONE_PIDFD is reserved and the cgroup of
 * CLONE_INTO_CGROUP is checked.  This is where CLONE_THREAD is the branch
 * point:
 *
 * - with CLONE_THREAD, @task shares the creator's cred and therefore its
 *   primary token, takes a reference to the creator's PSB, and starts
 *   un-impersonated because its task blob is new;
 * - without it, @task is a new process: its private cred gets a deep copy
 *   of the creator's primary token (never the impersonation token), and
 *   it gets a copy of the PSB with the default process SD of that token.
 *   A process with no_child_process set may not do this (kernel threads
 *   excepted).
 *
 * An io_uring worker (PF_IO_WORKER) is refused to a thread that
 * impersonates: it would run the thread's deferred requests as its
 * primary token.
 *
 * A creator whose process installed a new primary token that it has not
 * converged to yet is sent back to converge first.  Runs in process
 * context and may sleep.
 *
 * Return: 0; -EPERM without a PSB or primary token, or when
 * no_child_process refuses a new process; -EACCES for an io_uring worker
 * of an impersonating thread; -ENOMEM; -ERESTARTNOINTR to restart the
 * clone after converging (kacs_install_catch_up()).
 */
static int kacs_task_alloc(struct task_struct *task,
			   unsigned long clone_flags)
{
	struct kacs_task_blob *blob = kacs_task(task);
	struct kacs_psb *parent = kacs_task_psb(current);
	struct kacs_token *primary, *copy;
	struct kacs_cred_blob *cblob;
	struct kacs_psd *psd;
	struct cred *child;
	int ret;

	if (!parent)
		return -EPERM;
	/*
	 * io_uring runs a thread's deferred requests in io-wq workers of
	 * that thread, under the credentials it submitted with: they hold
	 * its primary token, never its impersonation token.  An
	 * impersonating thread gets no worker, so its deferred requests are
	 * cancelled instead of running as the primary token.
	 */
	if ((task->flags & PF_IO_WORKER) && kacs_task(current)->imp)
		return -EACCES;
	ret = kacs_install_catch_up();
	if (ret)
		return ret;

	if (clone_flags & CLONE_THREAD) {
		/* Shared token (via the cred) and PSB; no impersonation. */
		blob->psb = kacs_psb_get(parent);
		return 0;
	}

	if ((READ_ONCE(parent->mitigations) & KACS_PSB_NO_CHILD) &&
	    !kacs_creator_is_kernel(task))
		return -EPERM;

	primary = kacs_current_primary();
	if (!primary)
		return -EPERM;

	blob->psb = kacs_psb_copy(parent, GFP_KERNEL_ACCOUNT);
	if (!blob->psb)
		return -ENOMEM;
	psd = kacs_psd_template(primary, GFP_KERNEL_ACCOUNT);
	if (!psd)
		return -ENOMEM;
	kacs_psb_set_sd(blob->psb, psd);

	/*
	 * copy_creds() gave the child a private cred (no CLONE_THREAD), not
	 * yet visible to anyone: replace the token it references with an
	 * independent copy of the creator's primary token, and the PSB with
	 * the child's.
	 */
	copy = kacs_token_copy(primary, GFP_KERNEL_ACCOUNT);
	if (!copy)
		return -ENOMEM;
	set_bit(KACS_TOKEN_IN_USE, &copy->flags);
	child = (struct cred *)rcu_dereference_protected(task->real_cred, 1);
	cblob = kacs_cred(child);
	kacs_token_put(cblob->token);
	cblob->token = copy;
	kacs_psb_put(cblob->psb);
	cblob->psb = kacs_psb_get(blob->psb);
	return 0;
}

/**
 * kacs_task_free - drop the task's impersonation token and PSB
 * @task: the task being freed
 *
 * The task_free hook, called by __put_task_struct(), possibly from an
 * RCU callback: both puts only free memory.
 */
static void kacs_task_free(struct task_struct *task)
{
	struct kacs_task_blob *blob = kacs_task(task);

	kacs_token_put(blob->imp);
	blob->imp = NULL;
	kacs_psb_put(blob->psb);
	blob->psb = NULL;
}

/**
 * kacs_set_impersonation - set or clear the current thread's impersonation
 * @tok: new impersonation token (reference transferred) or NULL to revert
 */
void kacs_set_impersonation(struct kacs_token *tok)
{
	struct kacs_task_blob *blob = kacs_task(current);
	struct kacs_token *old;

	task_lock(current);
	old = blob->imp;
	blob->imp = tok;
	task_unlock(current);
	kacs_token_put(old);
}

/**
 * kacs_bprm_committing_creds - exec ends impersonation and resets PIP
 * @bprm: the program being executed
 *
 * The bprm_committing_creds hook, called by begin_new_exec() past the
 * point of no return.  The primary token, the process SD and the
 * mitigation bits survive exec; the calling thread's impersonation ends
 * and the process's PIP becomes None (there is no signature to derive it
 * from in this series).  May sleep.
 */
static void kacs_bprm_committing_creds(const struct linux_binprm *bprm)
{
	struct kacs_psb *psb = kacs_task_psb(current);

	/* exec reverts impersonation; the primary token survives. */
	kacs_set_impersonation(NULL);
	/* PIP comes from the image signature only; unsigned => None. */
	if (psb)
		kacs_psb_set_pip(psb, 0, 0);
}

#ifdef CONFIG_IO_URING
/**
 * kacs_uring_sqpoll - gate an io_uring SQPOLL ring
 *
 * The uring_sqpoll hook, called by io_uring_setup() for a ring with
 * IORING_SETUP_SQPOLL, also when it attaches to another ring's polling
 * thread.  That thread submits the ring's requests with the setup
 * caller's credentials, which hold the primary token: a thread that
 * impersonates may not set one up.  May sleep.
 *
 * Return: 0, or -EACCES while current impersonates.
 */
static int kacs_uring_sqpoll(void)
{
	return kacs_task(current)->imp ? -EACCES : 0;
}

/**
 * kacs_uring_override_creds - gate an io_uring request with a personality
 * @new: the credentials registered as the personality
 *
 * The uring_override_creds hook, called when a request names a
 * personality registered with IORING_REGISTER_PERSONALITY, in the thread
 * that submits it.  The request runs under @new and so as its primary
 * token: a thread that impersonates may not submit one.
 *
 * Return: 0, or -EACCES while current impersonates.
 */
static int kacs_uring_override_creds(const struct cred *new)
{
	return kacs_task(current)->imp ? -EACCES : 0;
}
#endif

static struct security_hook_list kacs_task_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_alloc, kacs_task_alloc),
	LSM_HOOK_INIT(task_free, kacs_task_free),
	LSM_HOOK_INIT(bprm_committing_creds, kacs_bprm_committing_creds),
#ifdef CONFIG_IO_URING
	LSM_HOOK_INIT(uring_sqpoll, kacs_uring_sqpoll),
	LSM_HOOK_INIT(uring_override_creds, kacs_uring_override_creds),
#endif
};

/**
 * kacs_add_task_hooks - register the task life-cycle hooks
 */
void __init kacs_add_task_hooks(void)
{
	security_add_hooks(kacs_task_hooks, ARRAY_SIZE(kacs_task_hooks),
			   &kacs_lsmid);
}
