/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS - /proc/<pid> entries: the inode blob and the open gate
 */

#ifndef _SECURITY_KACS_PROCFS_H
#define _SECURITY_KACS_PROCFS_H

#include <linux/fs.h>
#include <linux/init.h>

#include "setup.h"

struct pid;

/**
 * struct kacs_inode_blob - KACS part of an inode
 * @pid: for a /proc/<pid> inode, a counted reference to the pid it
 *       describes; set once by task_to_inode, NULL otherwise
 */
struct kacs_inode_blob {
	struct pid *pid;
};

static inline struct kacs_inode_blob *kacs_inode(const struct inode *inode)
{
	return inode->i_security + kacs_blob_sizes.lbs_inode;
}

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

#endif /* _SECURITY_KACS_PROCFS_H */
