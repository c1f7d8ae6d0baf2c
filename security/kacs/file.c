// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - open files: file-owner signals and the subjects files carry
 *
 * A file owner (F_SETOWN, F_SETOWN_EX, the owner a lease or dnotify sets)
 * makes the kernel send SIGIO, a queued F_SETSIG signal or SIGURG to a
 * process or process group later, from whatever context notices the file
 * became ready, possibly hard-irq.  Those signals never reach task_kill.
 * KACS records who set the owner (effective token and PIP, counted
 * references in the file blob) in file_set_fowner and judges every such
 * signal in file_send_sigiotask with that subject and the right
 * kacs_signal_right() names, under the two-check rule.
 *
 * This unit also owns the single file_open callback of KACS, which hands
 * cgroup control files and /proc/<pid> entries to their gates.
 */

#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/signal.h>

#include "common.h"
#include "process.h"

static int kacs_file_open(struct file *file)
{
	int ret;

	ret = kacs_cgroup_file_open(file);
	if (ret)
		return ret;
	return kacs_procfs_file_open(file);
}

static void kacs_file_free_security(struct file *file)
{
	struct kacs_file_blob *blob;

	if (!file->f_security)
		return;
	blob = kacs_file(file);
	kacs_origin_release(&blob->fown);
	kacs_origin_release(&blob->opener);
}

/*
 * Called by __f_setown() under write_lock_irq(&f_owner->lock) whenever an
 * owner is set: the subject is replaced atomically with respect to
 * file_send_sigiotask(), which runs under the read side of that lock.
 */
static void kacs_file_set_fowner(struct file *file)
{
	struct kacs_file_blob *blob = kacs_file(file);
	struct kacs_origin old = blob->fown;

	kacs_origin_capture(&blob->fown);
	kacs_origin_release(&old);
}

static int kacs_file_send_sigiotask(struct task_struct *tsk,
				    struct fown_struct *fown, int sig)
{
	const struct kacs_origin *subj = &kacs_file(fown->file)->fown;

	/* signum 0 means plain SIGIO */
	if (!sig)
		sig = SIGIO;
	if (!subj->tok)
		return -EPERM;
	return kacs_check_process_as(subj, tsk, kacs_signal_right(sig)) ?
	       -EPERM : 0;
}

static struct security_hook_list kacs_file_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(file_open, kacs_file_open),
	LSM_HOOK_INIT(file_free_security, kacs_file_free_security),
	LSM_HOOK_INIT(file_set_fowner, kacs_file_set_fowner),
	LSM_HOOK_INIT(file_send_sigiotask, kacs_file_send_sigiotask),
};

/**
 * kacs_add_file_hooks - register the open-file hooks
 */
void __init kacs_add_file_hooks(void)
{
	security_add_hooks(kacs_file_hooks, ARRAY_SIZE(kacs_file_hooks),
			   &kacs_lsmid);
}
