// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - the primary token and the cred life cycle
 *
 * The primary token hangs off the cred blob: prepare_creds() shares it
 * by reference, so the threads of a process (CLONE_THREAD) and every
 * override or committed copy of a cred reference one token object.  A
 * new process gets its own copy in task_alloc (task.c).  The PSB
 * reference in the blob follows the same path.
 */

#include <linux/cred.h>
#include <linux/lsm_hooks.h>

#include "cred.h"
#include "psb.h"
#include "token.h"

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

/* @new references @old's primary token and PSB. */
static void kacs_cred_share(struct cred *new, const struct cred *old)
{
	struct kacs_psb *psb = kacs_cred_psb(old);

	kacs_cred(new)->token = kacs_token_get(kacs_cred_token(old));
	kacs_cred(new)->psb = psb ? kacs_psb_get(psb) : NULL;
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
	kacs_cred_share(new, old);
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
	kacs_cred_share(new, old);
}

/**
 * kacs_cred_free - drop the token reference of a cred
 * @cred: the cred being freed
 *
 * The cred_free hook, called from put_cred_rcu(), usually as an RCU
 * callback in softirq context: dropping a token or a PSB only frees
 * memory.
 */
static void kacs_cred_free(struct cred *cred)
{
	struct kacs_cred_blob *blob = kacs_cred(cred);

	kacs_token_put(blob->token);
	blob->token = NULL;
	kacs_psb_put(blob->psb);
	blob->psb = NULL;
}

static struct security_hook_list kacs_cred_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(cred_prepare, kacs_cred_prepare),
	LSM_HOOK_INIT(cred_transfer, kacs_cred_transfer),
	LSM_HOOK_INIT(cred_free, kacs_cred_free),
};

/**
 * kacs_add_cred_hooks - register the cred life-cycle hooks
 */
void __init kacs_add_cred_hooks(void)
{
	security_add_hooks(kacs_cred_hooks, ARRAY_SIZE(kacs_cred_hooks),
			   &kacs_lsmid);
}
