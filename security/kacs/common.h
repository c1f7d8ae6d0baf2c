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
struct kacs_psd;
struct pid;

/**
 * struct kacs_origin - a subject captured for a later decision
 * @tok: counted reference to the effective token at capture time
 * @psb: counted reference to the capturing process's PSB, used only to
 *       recognise operations on that same process
 * @pip_type: PIP type of @psb at capture time
 * @pip_trust: PIP trust of @psb at capture time
 *
 * File-owner signals and writes to cgroup control files are judged with
 * the subject that set the owner or opened the file, not with whoever
 * happens to trigger the operation later.
 */
struct kacs_origin {
	struct kacs_token *tok;
	struct kacs_psb *psb;
	u32 pip_type;
	u32 pip_trust;
};

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

/**
 * struct kacs_file_blob - KACS part of an open file
 * @fown: who set the file owner (F_SETOWN and friends); replaced and read
 *        under the file's f_owner->lock
 * @opener: who opened a cgroup control file for writing; set once in
 *          file_open, read-only afterwards
 */
struct kacs_file_blob {
	struct kacs_origin fown;
	struct kacs_origin opener;
};

/**
 * struct kacs_inode_blob - KACS part of an inode
 * @pid: for a /proc/<pid> inode, a counted reference to the pid it
 *       describes; set once by task_to_inode, NULL otherwise
 */
struct kacs_inode_blob {
	struct pid *pid;
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

static inline struct kacs_file_blob *kacs_file(const struct file *file)
{
	return file->f_security + kacs_blob_sizes.lbs_file;
}

static inline struct kacs_inode_blob *kacs_inode(const struct inode *inode)
{
	return inode->i_security + kacs_blob_sizes.lbs_inode;
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
int kacs_check_process_as(const struct kacs_origin *subj,
			  struct task_struct *target, u32 desired);
int kacs_check_process_sd(struct kacs_token *tok, u32 ctype, u32 ctrust,
			  const struct kacs_psb *tpsb,
			  const struct kacs_psd *psd, u32 desired);
void kacs_origin_capture(struct kacs_origin *subj);
void kacs_origin_release(struct kacs_origin *subj);

void __init kacs_add_cred_hooks(void);
void __init kacs_add_process_hooks(void);
void __init kacs_add_cap_hooks(void);
void __init kacs_add_file_hooks(void);
#ifdef CONFIG_PROC_FS
void __init kacs_add_procfs_hooks(void);
int kacs_procfs_file_open(struct file *file);
#else
static inline void kacs_add_procfs_hooks(void)
{
}

static inline int kacs_procfs_file_open(struct file *file)
{
	return 0;
}
#endif

#ifdef CONFIG_CGROUPS
void __init kacs_add_cgroup_hooks(void);
int kacs_cgroup_file_open(struct file *file);
struct kacs_psd *kacs_cgroup_get_psd(struct file *file);
int kacs_cgroup_set_sd(struct file *file, const u8 *sd, size_t len);
bool kacs_is_cgroup_dir(struct file *file);
#else
static inline void kacs_add_cgroup_hooks(void)
{
}

static inline int kacs_cgroup_file_open(struct file *file)
{
	return 0;
}

static inline bool kacs_is_cgroup_dir(struct file *file)
{
	return false;
}

static inline struct kacs_psd *kacs_cgroup_get_psd(struct file *file)
{
	return ERR_PTR(-EOPNOTSUPP);
}

static inline int kacs_cgroup_set_sd(struct file *file, const u8 *sd,
				     size_t len)
{
	return -EOPNOTSUPP;
}
#endif

#endif /* _SECURITY_KACS_COMMON_H */
