/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS - the task blob: PSB pointer and impersonation token
 *
 * The impersonation token and the process security block (PSB) pointer
 * live in the task blob, so a new thread starts un-impersonated and the
 * threads of a process share one PSB.
 */

#ifndef _SECURITY_KACS_TASK_H
#define _SECURITY_KACS_TASK_H

#include <linux/init.h>
#include <linux/sched.h>

#include "setup.h"

struct kacs_token;
struct kacs_psb;

/**
 * struct kacs_task_blob - KACS part of a task
 * @psb: the process security block, shared by all threads of a process
 * @imp: the impersonation token of this thread, or NULL; written only by
 *       the task itself under task_lock(), read by others under task_lock()
 */
struct kacs_task_blob {
	struct kacs_psb *psb;
	struct kacs_token *imp;
};

static inline struct kacs_task_blob *kacs_task(const struct task_struct *task)
{
	return task->security + kacs_blob_sizes.lbs_task;
}

static inline struct kacs_psb *kacs_task_psb(const struct task_struct *task)
{
	if (!task->security)
		return NULL;
	return kacs_task(task)->psb;
}

/* Has current used io_uring (does it have an io_uring task context)? */
static inline bool kacs_current_uses_io_uring(void)
{
#ifdef CONFIG_IO_URING
	return current->io_uring;
#else
	return false;
#endif
}

struct kacs_token *kacs_current_effective(void);
struct kacs_token *kacs_task_effective_get(struct task_struct *task);
void kacs_set_impersonation(struct kacs_token *tok);

void __init kacs_add_task_hooks(void);

#endif /* _SECURITY_KACS_TASK_H */
