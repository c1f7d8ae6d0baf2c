/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS - cgroup security descriptors and the attach gate
 */

#ifndef _SECURITY_KACS_CGROUP_H
#define _SECURITY_KACS_CGROUP_H

#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>

struct kacs_psd;

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

#endif /* _SECURITY_KACS_CGROUP_H */
