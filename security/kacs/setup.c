// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - Peios Kernel Access Control Subsystem: LSM registration and the
 * credential/task life cycle
 *
 * Token placement: the primary token hangs off the cred blob; threads share
 * the cred and therefore the token object.  The impersonation token of a
 * thread and the process security block (PSB) hang off the task blob, so a
 * new task starts un-impersonated.  A new process (clone without
 * CLONE_THREAD) gets, in task_alloc, a deep copy of the creator's primary
 * token in its still private cred, a copy of the PSB and a fresh default
 * process SD.
 */

#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/lsm_hooks.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <uapi/linux/lsm.h>

#include "common.h"
#include "psb.h"
#include "token.h"
#include "token_fd.h"

bool kacs_initialized __ro_after_init;

struct lsm_blob_sizes kacs_blob_sizes __ro_after_init = {
	.lbs_cred = sizeof(struct kacs_cred_blob),
	.lbs_file = sizeof(struct kacs_file_blob),
	.lbs_inode = sizeof(struct kacs_inode_blob),
	.lbs_task = sizeof(struct kacs_task_blob),
};

const struct lsm_id kacs_lsmid = {
	.name = "kacs",
	.id = LSM_ID_KACS,
};

/**
 * kacs_current_primary - the primary token of the current process
 *
 * Return: the token of current->real_cred (no reference taken; valid for
 * as long as current does not commit new creds), or NULL.
 */
struct kacs_token *kacs_current_primary(void)
{
	return kacs_cred_token(current_real_cred());
}

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

/**
 * kacs_cred_prepare - share the primary token with a new cred
 * @new: the cred being prepared
 * @old: the cred it is copied from
 * @gfp: allocation flags (unused: nothing is allocated)
 *
 * The cred_prepare hook, called by prepare_creds() (and so by
 * prepare_exec_creds() and every commit_creds() user) and by
 * prepare_kernel_cred().  copy_creds() calls prepare_creds() for every
 * clone without CLONE_THREAD: the child first references the creator's
 * token, and kacs_task_alloc() replaces it with a copy.  A CLONE_THREAD
 * child shares the creator's cred, or, when the creator has a thread
 * keyring, gets a new cred from here that references the same token
 * object.  Never sleeps.
 *
 * Return: 0.
 */
static int kacs_cred_prepare(struct cred *new, const struct cred *old,
			     gfp_t gfp)
{
	kacs_cred(new)->token = kacs_token_get(kacs_cred_token(old));
	return 0;
}

/**
 * kacs_cred_transfer - share the primary token with a transferred cred
 * @new: the cred being filled in
 * @old: the cred whose security state it takes
 *
 * The cred_transfer hook, called by key_change_session_keyring() when
 * keyctl(KEYCTL_SESSION_TO_PARENT) replaces the parent's cred: the
 * parent keeps its own token.  Never sleeps.
 */
static void kacs_cred_transfer(struct cred *new, const struct cred *old)
{
	kacs_cred(new)->token = kacs_token_get(kacs_cred_token(old));
}

/**
 * kacs_cred_free - drop the token reference of a cred
 * @cred: the cred being freed
 *
 * The cred_free hook, called from put_cred_rcu(), usually as an RCU
 * callback in softirq context: dropping a token only frees memory.
 */
static void kacs_cred_free(struct cred *cred)
{
	struct kacs_cred_blob *blob = kacs_cred(cred);

	kacs_token_put(blob->token);
	blob->token = NULL;
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
 * A creator whose process installed a new primary token that it has not
 * converged to yet is sent back to converge first.  Runs in process
 * context and may sleep.
 *
 * Return: 0; -EPERM without a PSB or primary token, or when
 * no_child_process refuses a new process; -ENOMEM; -ERESTARTNOINTR to
 * restart the clone after converging (kacs_install_catch_up()).
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
	 * independent copy of the creator's primary token.
	 */
	copy = kacs_token_copy(primary, GFP_KERNEL_ACCOUNT);
	if (!copy)
		return -ENOMEM;
	child = (struct cred *)rcu_dereference_protected(task->real_cred, 1);
	cblob = kacs_cred(child);
	kacs_token_put(cblob->token);
	cblob->token = copy;
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

static struct security_hook_list kacs_cred_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(cred_prepare, kacs_cred_prepare),
	LSM_HOOK_INIT(cred_transfer, kacs_cred_transfer),
	LSM_HOOK_INIT(cred_free, kacs_cred_free),
	LSM_HOOK_INIT(task_alloc, kacs_task_alloc),
	LSM_HOOK_INIT(task_free, kacs_task_free),
	LSM_HOOK_INIT(bprm_committing_creds, kacs_bprm_committing_creds),
};

/**
 * kacs_add_cred_hooks - register the cred/task life-cycle hooks
 */
void __init kacs_add_cred_hooks(void)
{
	security_add_hooks(kacs_cred_hooks, ARRAY_SIZE(kacs_cred_hooks),
			   &kacs_lsmid);
}

static int __init kacs_init(void)
{
	struct kacs_task_blob *tblob = kacs_task(current);
	struct kacs_psd *psd;

	if (kacs_token_init())
		panic("KACS: cannot create the bootstrap tokens\n");

	/* init_cred carries the SYSTEM token, inherited by everything. */
	kacs_cred((struct cred *)current_cred())->token =
		kacs_token_get(kacs_system_token);
	tblob->psb = kacs_psb_alloc(GFP_KERNEL);
	psd = tblob->psb ? kacs_psd_template(kacs_system_token, GFP_KERNEL) :
			   NULL;
	if (!psd)
		panic("KACS: cannot create the initial PSB\n");
	kacs_psb_set_sd(tblob->psb, psd);

	kacs_add_cred_hooks();
	kacs_add_process_hooks();
	kacs_add_file_hooks();
	kacs_add_procfs_hooks();
	kacs_add_cap_hooks();
	kacs_add_cgroup_hooks();
	kacs_initialized = true;
	pr_info("KACS: initialized\n");
	return 0;
}

DEFINE_LSM(kacs) = {
	.name = "kacs",
	.init = kacs_init,
	.blobs = &kacs_blob_sizes,
};
