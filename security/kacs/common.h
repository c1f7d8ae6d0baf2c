/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS - LSM blobs and helpers shared by the LSM glue
 *
 * The primary token of a process lives in the cred blob, so that
 * cred == real_cred holds for user tasks and threads share it with the
 * cred.  The impersonation token and the process security block (PSB)
 * pointer live in the task blob.
 */

#ifndef _SECURITY_KACS_COMMON_H
#define _SECURITY_KACS_COMMON_H

#include <linux/cred.h>
#include <linux/lsm_hooks.h>
#include <linux/sched.h>

struct kacs_token;
struct kacs_psb;

/**
 * struct kacs_cred_blob - KACS part of a cred
 * @token: the primary token; a counted reference, never changed once the
 *         cred is committed
 */
struct kacs_cred_blob {
	struct kacs_token *token;
};

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

extern struct lsm_blob_sizes kacs_blob_sizes;
extern const struct lsm_id kacs_lsmid;
extern bool kacs_initialized;

static inline struct kacs_cred_blob *kacs_cred(const struct cred *cred)
{
	return cred->security + kacs_blob_sizes.lbs_cred;
}

static inline struct kacs_task_blob *kacs_task(const struct task_struct *task)
{
	return task->security + kacs_blob_sizes.lbs_task;
}

static inline struct kacs_token *kacs_cred_token(const struct cred *cred)
{
	if (!cred || !cred->security)
		return NULL;
	return kacs_cred(cred)->token;
}

static inline struct kacs_psb *kacs_task_psb(const struct task_struct *task)
{
	if (!task->security)
		return NULL;
	return kacs_task(task)->psb;
}

struct kacs_token *kacs_current_effective(void);
struct kacs_token *kacs_current_primary(void);
struct kacs_token *kacs_task_effective_get(struct task_struct *task);

void kacs_set_impersonation(struct kacs_token *tok);
int kacs_check_process(const struct cred *cred, struct task_struct *target,
		       u32 desired);

void __init kacs_add_cred_hooks(void);
void __init kacs_add_process_hooks(void);
void __init kacs_add_cap_hooks(void);

#ifdef CONFIG_CGROUPS
void __init kacs_add_cgroup_hooks(void);
int kacs_cgroup_get_sd(struct file *file, u8 **sd, size_t *len);
int kacs_cgroup_set_sd(struct file *file, const u8 *sd, size_t len);
bool kacs_is_cgroup_dir(struct file *file);
#else
static inline void kacs_add_cgroup_hooks(void)
{
}

static inline bool kacs_is_cgroup_dir(struct file *file)
{
	return false;
}

static inline int kacs_cgroup_get_sd(struct file *file, u8 **sd, size_t *len)
{
	return -EOPNOTSUPP;
}

static inline int kacs_cgroup_set_sd(struct file *file, const u8 *sd,
				     size_t len)
{
	return -EOPNOTSUPP;
}
#endif

#endif /* _SECURITY_KACS_COMMON_H */
