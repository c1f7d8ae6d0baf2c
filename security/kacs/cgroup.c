// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - cgroup v2 security descriptors and the cgroup attach gate
 *
 * Each cgroup v2 directory carries an SD in the kernfs xattr
 * "security.peios.sd", stamped at mkdir.  The root cgroup and any cgroup
 * without one use the template with owner SYSTEM.  The SD is read and
 * replaced only through kacs_get_sd()/kacs_set_sd() on a cgroup directory
 * fd; raw xattr access to it is refused.
 *
 * Attaching a task (cgroup.procs or cgroup.threads write, or clone3() with
 * CLONE_INTO_CGROUP) needs FILE_WRITE_DATA on the destination's SD with the
 * caller's effective token; attaching a task of another process also needs
 * PROCESS_SET_INFORMATION on it under the two-check rule.
 */

#include <linux/cgroup.h>
#include <linux/fs.h>
#include <linux/kernfs.h>
#include <linux/lsm_hooks.h>
#include <linux/magic.h>
#include <linux/slab.h>
#include <linux/xattr.h>

#include "common.h"
#include "psb.h"
#include "sd.h"
#include "token.h"

#define KACS_CGROUP_XATTR	XATTR_SECURITY_PREFIX "peios.sd"

static int kacs_cgroup_template(struct kacs_token *tok, u8 **sd, size_t *len,
				gfp_t gfp)
{
	const struct kacs_ace_spec aces[] = {
		{ KACS_ACCESS_ALLOWED_ACE_TYPE, 0, KACS_GENERIC_ALL,
		  &tok->user },
		{ KACS_ACCESS_ALLOWED_ACE_TYPE, 0, KACS_GENERIC_ALL,
		  &kacs_sid_admins },
		{ KACS_ACCESS_ALLOWED_ACE_TYPE, 0, KACS_GENERIC_ALL,
		  &kacs_sid_system },
		{ KACS_ACCESS_ALLOWED_ACE_TYPE, 0, KACS_FILE_GENERIC_READ,
		  &kacs_sid_everyone },
	};

	return kacs_sd_build(sd, len, &tok->user,
			     kacs_token_index_sid(tok, tok->group_index),
			     aces, ARRAY_SIZE(aces), true, 0, gfp);
}

static bool kacs_kn_in_cgroup2(struct kernfs_node *kn)
{
	struct kernfs_node *root = cgrp_dfl_root.cgrp.kn;

	if (!root)
		return false;
	while (kn->parent)
		kn = kn->parent;
	return kn == root;
}

/* Read the SD of a cgroup directory node, or the SYSTEM-owned template. */
static int kacs_kn_get_sd(struct kernfs_node *kn, u8 **sd, size_t *len)
{
	int ret, size;

	for (;;) {
		size = kernfs_xattr_get(kn, KACS_CGROUP_XATTR, NULL, 0);
		if (size == -ENODATA)
			return kacs_cgroup_template(kacs_system_token, sd, len,
						    GFP_KERNEL);
		if (size < 0)
			return size;
		*sd = kmalloc(size ? size : 1, GFP_KERNEL);
		if (!*sd)
			return -ENOMEM;
		ret = kernfs_xattr_get(kn, KACS_CGROUP_XATTR, *sd, size);
		if (ret >= 0) {
			*len = ret;
			return 0;
		}
		kfree(*sd);
		if (ret != -ERANGE)
			return ret;
	}
}

/**
 * kacs_is_cgroup_dir - is @file a cgroup v2 directory
 * @file: an open file
 *
 * Return: true for a directory on a cgroup2 mount.
 */
bool kacs_is_cgroup_dir(struct file *file)
{
	struct dentry *dentry = file->f_path.dentry;

	return dentry->d_sb->s_magic == CGROUP2_SUPER_MAGIC &&
	       d_is_dir(dentry);
}

/**
 * kacs_cgroup_get_sd - copy the SD of a cgroup directory
 * @file: a cgroup v2 directory
 * @sd: receives a kmalloc'd copy
 * @len: receives its length
 *
 * Return: 0 or a negative errno.
 */
int kacs_cgroup_get_sd(struct file *file, u8 **sd, size_t *len)
{
	struct kernfs_node *kn = kernfs_node_from_dentry(file->f_path.dentry);

	if (!kn)
		return -EOPNOTSUPP;
	return kacs_kn_get_sd(kn, sd, len);
}

/**
 * kacs_cgroup_set_sd - replace the SD of a cgroup directory
 * @file: a cgroup v2 directory
 * @sd: validated self-relative SD
 * @len: its length
 *
 * Return: 0 or a negative errno.
 */
int kacs_cgroup_set_sd(struct file *file, const u8 *sd, size_t len)
{
	struct kernfs_node *kn = kernfs_node_from_dentry(file->f_path.dentry);

	if (!kn)
		return -EOPNOTSUPP;
	return kernfs_xattr_set(kn, KACS_CGROUP_XATTR, sd, len, 0);
}

static int kacs_kernfs_init_security(struct kernfs_node *kn_dir,
				     struct kernfs_node *kn)
{
	struct kacs_token *tok;
	size_t len;
	u8 *sd;
	int ret;

	if (kernfs_type(kn) != KERNFS_DIR || !kacs_kn_in_cgroup2(kn_dir))
		return 0;
	tok = kacs_current_primary();
	if (!tok)
		return -EPERM;
	ret = kacs_cgroup_template(tok, &sd, &len, GFP_KERNEL);
	if (ret)
		return ret;
	ret = kernfs_xattr_set(kn, KACS_CGROUP_XATTR, sd, len, XATTR_CREATE);
	kfree(sd);
	return ret;
}

static int kacs_cgroup_attach(struct cgroup *dst, struct task_struct *task,
			      bool threadgroup)
{
	struct kacs_psb *psb = kacs_task_psb(current);
	u32 type = 0, trust = 0;
	size_t len;
	u8 *sd;
	int ret;

	ret = kacs_kn_get_sd(dst->kn, &sd, &len);
	if (ret)
		return ret;
	if (psb) {
		type = READ_ONCE(psb->pip_type);
		trust = READ_ONCE(psb->pip_trust);
	}
	ret = kacs_token_check_sd(kacs_current_effective(), type, trust, sd,
				  len, KACS_FILE_WRITE_DATA,
				  &kacs_file_mapping, NULL, 0, NULL);
	kfree(sd);
	if (ret)
		return -EACCES;
	if (task && kacs_check_process(NULL, task,
				       KACS_PROCESS_SET_INFORMATION))
		return -EACCES;
	return 0;
}

static int kacs_xattr_name_check(const char *name)
{
	return strcmp(name, KACS_CGROUP_XATTR) ? 0 : -EPERM;
}

static int kacs_inode_getxattr(struct dentry *dentry, const char *name)
{
	return kacs_xattr_name_check(name);
}

static int kacs_inode_setxattr(struct mnt_idmap *idmap, struct dentry *dentry,
			       const char *name, const void *value,
			       size_t size, int flags)
{
	return kacs_xattr_name_check(name);
}

static int kacs_inode_removexattr(struct mnt_idmap *idmap,
				  struct dentry *dentry, const char *name)
{
	return kacs_xattr_name_check(name);
}

static struct security_hook_list kacs_cgroup_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(kernfs_init_security, kacs_kernfs_init_security),
	LSM_HOOK_INIT(cgroup_attach, kacs_cgroup_attach),
	LSM_HOOK_INIT(inode_getxattr, kacs_inode_getxattr),
	LSM_HOOK_INIT(inode_setxattr, kacs_inode_setxattr),
	LSM_HOOK_INIT(inode_removexattr, kacs_inode_removexattr),
};

/**
 * kacs_add_cgroup_hooks - register the cgroup hooks
 */
void __init kacs_add_cgroup_hooks(void)
{
	security_add_hooks(kacs_cgroup_hooks, ARRAY_SIZE(kacs_cgroup_hooks),
			   &kacs_lsmid);
}
