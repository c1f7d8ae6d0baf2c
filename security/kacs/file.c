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

#include "cgroup.h"
#include "file.h"
#include "process.h"
#include "procfs.h"

/**
 * kacs_file_open - hand an opened file to the cgroup and procfs gates
 * @file: the file being opened
 *
 * The file_open hook, called by do_dentry_open() in process context.  A
 * cgroup v2 file opened for writing records its opener and is checked
 * against the SD that owns it (kacs_cgroup_file_open()); a /proc/<pid>
 * entry is checked against the process it describes
 * (kacs_procfs_file_open()).  Any other file passes.
 *
 * Return: 0 or the error of the gate that refused (-EACCES, or an error
 * reading a cgroup's SD).
 */
static int kacs_file_open(struct file *file)
{
	int ret;

	ret = kacs_cgroup_file_open(file);
	if (ret)
		return ret;
	return kacs_procfs_file_open(file);
}

/**
 * kacs_file_free_security - drop the subjects recorded on a file
 * @file: the file being freed
 *
 * The file_free_security hook, called by file_free() from __fput(), in
 * process context or a workqueue.  Releases the file owner's and the
 * opener's references; never sleeps.
 */
static void kacs_file_free_security(struct file *file)
{
	struct kacs_file_blob *blob;

	if (!file->f_security)
		return;
	blob = kacs_file(file);
	kacs_origin_release(&blob->fown);
	kacs_origin_release(&blob->opener);
}

/**
 * kacs_file_set_fowner - record who set a file's owner
 * @file: the file
 *
 * The file_set_fowner hook, called by __f_setown() (F_SETOWN,
 * F_SETOWN_EX, leases, dnotify) under write_lock_irq(&f_owner->lock)
 * whenever an owner is set: atomic, never sleeps.  The subject is
 * replaced atomically with respect to kacs_file_send_sigiotask(), which
 * runs under the read side of that lock.
 */
static void kacs_file_set_fowner(struct file *file)
{
	struct kacs_file_blob *blob = kacs_file(file);
	struct kacs_origin old = blob->fown;

	kacs_origin_capture(&blob->fown);
	kacs_origin_release(&old);
}

/**
 * kacs_file_send_sigiotask - gate a file-owner signal
 * @tsk: the thread the signal is for
 * @fown: the file owner structure of the file that became ready
 * @sig: SIGURG, the signal set with F_SETSIG, or 0 for plain SIGIO
 *
 * The file_send_sigiotask hook, called by send_sigio_to_task() and
 * send_sigurg_to_task() under the read side of @fown's lock and RCU,
 * possibly in hard-irq context: never sleeps, never allocates.  The subject is the
 * one kacs_file_set_fowner() recorded, not whoever made the file ready.
 *
 * Return: 0, or -EPERM when no owner was recorded or the two-check rule
 * refuses (the signal is then not sent).
 */
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
