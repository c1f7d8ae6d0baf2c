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
 * CLONE_INTO_CGROUP) needs FILE_WRITE_DATA on the destination's SD;
 * attaching a task of another process also needs PROCESS_SET_INFORMATION
 * on it under the two-check rule.  CLONE_INTO_CGROUP is judged with the
 * caller's effective token.  Every cgroup file opened for writing records
 * its opener's effective token and PIP, and writes through it are judged
 * with that subject, never with the writer's: a file handed to a more
 * privileged writer carries only the authority of its open (the reason
 * upstream judges cgroup.procs writes with the opener's credentials).
 *
 * The rest of the cgroup namespace is gated the same way:
 *  - mkdir needs FILE_ADD_SUBDIRECTORY on the parent's SD; rmdir needs
 *    DELETE on the cgroup's SD or FILE_DELETE_CHILD on the parent's;
 *  - cgroup.procs, cgroup.threads and cgroup.subtree_control belong to
 *    the cgroup itself (cgroup v2 delegation): opening them for writing
 *    needs FILE_WRITE_DATA on its SD;
 *  - every other writable file of a cgroup (resource limits,
 *    cgroup.max.*, cgroup.type ...) belongs to whoever controls the
 *    parent: opening it for writing needs FILE_WRITE_DATA on the parent's
 *    SD (the root cgroup's own SD for the root);
 *  - a write to cgroup.kill or cgroup.freeze is a signal to every member
 *    of the cgroup and its descendants: each must pass the two-check rule
 *    for the opener (PROCESS_TERMINATE, PROCESS_SUSPEND_RESUME), or the
 *    write fails with -EPERM and nothing is killed or frozen.
 *
 * The xattr is the persistent form of a cgroup's SD.  The checks above use
 * an in-memory copy, parsed once (struct kacs_psd), kept in an xarray
 * indexed by the kernfs node id, which is never reused while the system
 * runs: an attach or a cgroup file open neither reads the xattr nor
 * allocates.  The copy is made on first use, replaced under
 * kacs_cgroup_sd_lock together with the xattr by kacs_set_sd(), and
 * dropped at rmdir.
 */

#include <linux/cgroup.h>
#include <linux/fs.h>
#include <linux/kernfs.h>
#include <linux/lsm_hooks.h>
#include <linux/magic.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <linux/xattr.h>

#include "cgroup.h"
#include "cred.h"
#include "file.h"
#include "process.h"
#include "psb.h"
#include "sd.h"
#include "task.h"
#include "token.h"

#define KACS_CGROUP_XATTR	XATTR_SECURITY_PREFIX "peios.sd"

/* kernfs node id -> struct kacs_psd, each entry holding one reference */
static DEFINE_XARRAY(kacs_cgroup_sds);
/* serialises SD replacement: the xattr and its cached copy */
static DEFINE_MUTEX(kacs_cgroup_sd_lock);

/* The default SD of a cgroup directory made by @tok. */
static int kacs_cgroup_template(struct kacs_token *tok, u8 **sd, size_t *len,
				gfp_t gfp)
{
	return kacs_default_sd_build(tok, KACS_FILE_GENERIC_READ, sd, len, gfp);
}

/* Is directory @kn part of the cgroup v2 hierarchy (no parent walk). */
static bool kacs_kn_in_cgroup2(struct kernfs_node *kn)
{
	return kernfs_type(kn) == KERNFS_DIR && cgrp_dfl_root.kf_root &&
	       kn->dir.root == cgrp_dfl_root.kf_root;
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

/* The cached SD of the cgroup with kernfs id @id, or NULL. */
static struct kacs_psd *kacs_kn_cached_psd(unsigned long id)
{
	struct kacs_psd *psd;

	rcu_read_lock();
	psd = xa_load(&kacs_cgroup_sds, id);
	if (psd && !refcount_inc_not_zero(&psd->usage))
		psd = NULL;
	rcu_read_unlock();
	return psd;
}

/*
 * The SD of cgroup directory @kn as a parsed object, from the cache or, on
 * a miss, from the xattr, which then fills the cache.  Misses and
 * replacements are serialised, so the cache never goes back to an SD
 * that was replaced.
 */
static struct kacs_psd *kacs_kn_get_psd(struct kernfs_node *kn)
{
	struct kacs_psd *psd;
	size_t len;
	u8 *sd;
	int ret;

	psd = kacs_kn_cached_psd(kn->id);
	if (psd)
		return psd;
	mutex_lock(&kacs_cgroup_sd_lock);
	psd = kacs_kn_cached_psd(kn->id);
	if (psd)
		goto out;
	ret = kacs_kn_get_sd(kn, &sd, &len);
	if (ret) {
		psd = ERR_PTR(ret);
		goto out;
	}
	psd = kacs_psd_alloc(sd, len, GFP_KERNEL);
	kfree(sd);
	if (!psd) {
		psd = ERR_PTR(-ENOMEM);
		goto out;
	}
	/* On success the cache holds a reference too; if not, it stays empty. */
	if (!xa_insert(&kacs_cgroup_sds, kn->id, psd, GFP_KERNEL))
		kacs_psd_get(psd);
out:
	mutex_unlock(&kacs_cgroup_sd_lock);
	return psd;
}

/* Drop the cached SD of @kn; the next lookup reads the xattr again. */
static void kacs_kn_forget_sd(struct kernfs_node *kn)
{
	struct kacs_psd *psd;

	mutex_lock(&kacs_cgroup_sd_lock);
	psd = xa_erase(&kacs_cgroup_sds, kn->id);
	mutex_unlock(&kacs_cgroup_sd_lock);
	kacs_psd_put(psd);
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
 * kacs_cgroup_get_psd - the SD of a cgroup directory
 * @file: a cgroup v2 directory
 *
 * Return: a counted reference to the parsed SD (release with
 * kacs_psd_put()), or an ERR_PTR().
 */
struct kacs_psd *kacs_cgroup_get_psd(struct file *file)
{
	struct kernfs_node *kn = kernfs_node_from_dentry(file->f_path.dentry);

	if (!kn)
		return ERR_PTR(-EOPNOTSUPP);
	return kacs_kn_get_psd(kn);
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
	struct kacs_psd *psd, *old = NULL;
	int ret;

	if (!kn)
		return -EOPNOTSUPP;
	psd = kacs_psd_alloc(sd, len, GFP_KERNEL);
	if (!psd)
		return -ENOMEM;
	mutex_lock(&kacs_cgroup_sd_lock);
	ret = kernfs_xattr_set(kn, KACS_CGROUP_XATTR, sd, len, 0);
	if (!ret) {
		old = xa_store(&kacs_cgroup_sds, kn->id, psd, GFP_KERNEL);
		if (xa_is_err(old)) {
			/* no stale copy: the next lookup reads the xattr */
			old = xa_erase(&kacs_cgroup_sds, kn->id);
		} else {
			psd = NULL;	/* the cache took it */
		}
	}
	mutex_unlock(&kacs_cgroup_sd_lock);
	kacs_psd_put(old);
	kacs_psd_put(psd);
	return ret;
}

/**
 * kacs_kernfs_init_security - stamp the SD of a new cgroup directory
 * @kn_dir: the parent directory node
 * @kn: the new node
 *
 * The kernfs_init_security hook, called by __kernfs_new_node() for every
 * new kernfs node with a parent; may sleep.  For a directory of the
 * cgroup v2 hierarchy (cgroup mkdir, with cgroup_mutex held) it writes
 * the default SD owned by the creator's primary user into the
 * security.peios.sd xattr.  Any other node passes.
 *
 * Return: 0; -EPERM when the creator has no primary token; -ENOMEM or
 * the error of kernfs_xattr_set().
 */
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

/* AccessCheck of @subj against the SD of cgroup directory @kn. */
static int kacs_kn_check(struct kernfs_node *kn,
			 const struct kacs_origin *subj, u32 desired)
{
	struct kacs_psd *psd;
	int ret;

	psd = kacs_kn_get_psd(kn);
	if (IS_ERR(psd))
		return PTR_ERR(psd);
	ret = kacs_token_check_psd(subj->tok, subj->pip_type, subj->pip_trust,
				   psd, desired, &kacs_file_mapping, 0, NULL);
	kacs_psd_put(psd);
	return ret ? -EACCES : 0;
}

/**
 * kacs_cgroup_attach - gate moving a task into a cgroup
 * @dst: destination cgroup
 * @task: the task moved by a cgroup.procs/cgroup.threads write, or NULL
 *        for a child spawned with CLONE_INTO_CGROUP
 * @threadgroup: whether the whole thread group moves
 * @file: the cgroup.procs/cgroup.threads file written, or NULL
 *
 * The cgroup_attach hook added by this series, called at the end of
 * cgroup_attach_permissions(), after every stock cgroup check, from two
 * paths: __cgroup_procs_write() for a cgroup.procs or cgroup.threads
 * write, and cgroup_css_set_fork() (cgroup_can_fork() in copy_process())
 * for clone3() with CLONE_INTO_CGROUP.  One hook on both paths gives a
 * CLONE_INTO_CGROUP and a cgroup.procs write the same answer.
 *
 * The subject is the opener of @file, or the caller for CLONE_INTO_CGROUP.
 * Called with cgroup_mutex held; may sleep.
 *
 * Return: 0; -EACCES when FILE_WRITE_DATA on @dst's SD or
 * PROCESS_SET_INFORMATION on @task is not granted; an error reading
 * @dst's SD (-ENOMEM).
 */
static int kacs_cgroup_attach(struct cgroup *dst, struct task_struct *task,
			      bool threadgroup, const struct file *file)
{
	struct kacs_origin caller;
	const struct kacs_origin *subj;
	int ret;

	if (file) {
		subj = &kacs_file(file)->opener;
	} else {
		kacs_origin_capture(&caller);
		subj = &caller;
	}
	ret = kacs_kn_check(dst->kn, subj, KACS_FILE_WRITE_DATA);
	if (!ret && task &&
	    kacs_check_process_as(subj, task, KACS_PROCESS_SET_INFORMATION))
		ret = -EACCES;
	if (!file)
		kacs_origin_release(&caller);
	return ret;
}

/* The cgroup directory of an open cgroup v2 file, or NULL. */
static struct kernfs_node *kacs_cgroup_file_dir(const struct file *file)
{
	struct dentry *dentry = file->f_path.dentry;
	struct kernfs_node *kn;

	if (dentry->d_sb->s_magic != CGROUP2_SUPER_MAGIC || !d_is_reg(dentry))
		return NULL;
	kn = kernfs_node_from_dentry(dentry);
	return kn ? kn->parent : NULL;
}

static bool kacs_cgroup_file_is(const struct file *file, const char *name)
{
	return !strcmp(file->f_path.dentry->d_name.name, name);
}

/**
 * kacs_cgroup_file_open - record the opener of a writable cgroup file
 * @file: the file being opened
 *
 * Records the opener (see the comment at the top) and checks the
 * right that opening the file for writing needs.
 *
 * Return: 0, -EACCES when the SD that owns the file does not grant
 * FILE_WRITE_DATA, or a negative errno from reading that SD.
 */
int kacs_cgroup_file_open(struct file *file)
{
	struct kacs_file_blob *blob;
	struct kernfs_node *dir;
	int ret;

	if (!(file->f_mode & FMODE_WRITE) || !file->f_security)
		return 0;
	dir = kacs_cgroup_file_dir(file);
	if (!dir)
		return 0;
	blob = kacs_file(file);
	kacs_origin_capture(&blob->opener);

	/* checked member by member at write time */
	if (kacs_cgroup_file_is(file, "cgroup.kill") ||
	    kacs_cgroup_file_is(file, "cgroup.freeze"))
		return 0;
	if (!kacs_cgroup_file_is(file, "cgroup.procs") &&
	    !kacs_cgroup_file_is(file, "cgroup.threads") &&
	    !kacs_cgroup_file_is(file, "cgroup.subtree_control") &&
	    dir->parent)
		dir = dir->parent;
	ret = kacs_kn_check(dir, &blob->opener, KACS_FILE_WRITE_DATA);
	if (ret)
		kacs_origin_release(&blob->opener);
	return ret;
}

/* Two-check rule for @subj on every task of @css and its descendants. */
static int kacs_cgroup_check_members(struct cgroup_subsys_state *css,
				     const struct kacs_origin *subj,
				     u32 desired)
{
	struct cgroup_subsys_state *pos;
	struct css_task_iter it;
	struct task_struct *task;
	int ret = 0;

	rcu_read_lock();
	css_for_each_descendant_pre(pos, css) {
		css_task_iter_start(pos, 0, &it);
		while (!ret && (task = css_task_iter_next(&it)))
			if (kacs_check_process_as(subj, task, desired))
				ret = -EPERM;
		css_task_iter_end(&it);
		if (ret)
			break;
	}
	rcu_read_unlock();
	return ret;
}

/**
 * kacs_cgroup_file_permission - gate writes to cgroup.kill and cgroup.freeze
 * @file: the file
 * @mask: MAY_* access
 *
 * The file_permission hook, called by rw_verify_area() and the other
 * read and write paths for every file, in process context; anything but
 * a write to one of those two cgroup v2 files passes at once.
 *
 * Both files act on every member of the cgroup and its descendants; the
 * opener must be allowed to terminate (kill) or suspend and resume
 * (freeze, whatever value is written) each of them.  Members that join
 * after the check are not covered (see the admin guide, "Residual
 * risks"): joining needs PROCESS_SET_INFORMATION on the joiner.
 *
 * Return: 0; -EPERM when the opener was not recorded or the two-check
 * rule refuses a member; the error of css_tryget_online_from_dir() when
 * the cgroup is going away.
 */
static int kacs_cgroup_file_permission(struct file *file, int mask)
{
	struct cgroup_subsys_state *css;
	const struct kacs_origin *subj;
	u32 desired;
	int ret;

	if (!(mask & MAY_WRITE) || !file->f_security)
		return 0;
	if (!kacs_cgroup_file_dir(file))
		return 0;
	if (kacs_cgroup_file_is(file, "cgroup.kill"))
		desired = KACS_PROCESS_TERMINATE;
	else if (kacs_cgroup_file_is(file, "cgroup.freeze"))
		desired = KACS_PROCESS_SUSPEND_RESUME;
	else
		return 0;
	subj = &kacs_file(file)->opener;
	if (!subj->tok)
		return -EPERM;
	css = css_tryget_online_from_dir(file->f_path.dentry->d_parent, NULL);
	if (IS_ERR(css))
		return PTR_ERR(css);
	ret = kacs_cgroup_check_members(css, subj, desired);
	css_put(css);
	return ret;
}

static int kacs_cgroup_dir_check(struct dentry *dentry, u32 desired)
{
	struct kernfs_node *kn = kernfs_node_from_dentry(dentry);
	struct kacs_origin subj;
	int ret;

	if (!kn)
		return -EACCES;
	kacs_origin_capture(&subj);
	ret = kacs_kn_check(kn, &subj, desired);
	kacs_origin_release(&subj);
	return ret;
}

/**
 * kacs_inode_mkdir - gate creating a cgroup
 * @dir: the parent directory's inode
 * @dentry: the new directory
 * @mode: its mode
 *
 * The inode_mkdir hook, called by vfs_mkdir() with @dir locked; may
 * sleep.  On a cgroup2 mount, creating a cgroup needs
 * FILE_ADD_SUBDIRECTORY on the parent's SD.  Other file systems pass.
 *
 * Return: 0; -EACCES when the parent's SD refuses; an error reading it.
 */
static int kacs_inode_mkdir(struct inode *dir, struct dentry *dentry,
			    umode_t mode)
{
	if (dir->i_sb->s_magic != CGROUP2_SUPER_MAGIC)
		return 0;
	return kacs_cgroup_dir_check(dentry->d_parent,
				     KACS_FILE_ADD_SUBDIRECTORY);
}

/**
 * kacs_inode_rmdir - gate removing a cgroup
 * @dir: the parent directory's inode
 * @dentry: the cgroup directory to remove
 *
 * The inode_rmdir hook, called by vfs_rmdir() with @dir and the victim
 * locked; may sleep.  On a cgroup2 mount, removing a cgroup needs DELETE
 * on its own SD or FILE_DELETE_CHILD on the parent's; when allowed, the
 * cached SD of the cgroup is dropped.  Other file systems pass.
 *
 * Return: 0; -EACCES when both SDs refuse; an error reading an SD.
 */
static int kacs_inode_rmdir(struct inode *dir, struct dentry *dentry)
{
	struct kernfs_node *kn = kernfs_node_from_dentry(dentry);
	int ret;

	if (dir->i_sb->s_magic != CGROUP2_SUPER_MAGIC)
		return 0;
	ret = kacs_cgroup_dir_check(dentry, KACS_DELETE);
	if (ret)
		ret = kacs_cgroup_dir_check(dentry->d_parent,
					    KACS_FILE_DELETE_CHILD);
	/*
	 * The cgroup is about to go: drop its cached SD.  Should the rmdir
	 * fail after all (a busy cgroup), the next check reads the xattr.
	 */
	if (!ret && kn)
		kacs_kn_forget_sd(kn);
	return ret;
}

static int kacs_xattr_name_check(const char *name)
{
	return strcmp(name, KACS_CGROUP_XATTR) ? 0 : -EPERM;
}

/**
 * kacs_inode_getxattr - refuse raw reads of a cgroup SD
 * @dentry: the file or directory
 * @name: the xattr name
 *
 * The inode_getxattr hook, called by vfs_getxattr(); may sleep.  The SD
 * of a cgroup is read with kacs_get_sd() only.
 *
 * Return: -EPERM for security.peios.sd, else 0.
 */
static int kacs_inode_getxattr(struct dentry *dentry, const char *name)
{
	return kacs_xattr_name_check(name);
}

/**
 * kacs_inode_setxattr - refuse raw writes of a cgroup SD
 * @idmap: the idmap of the mount
 * @dentry: the file or directory
 * @name: the xattr name
 * @value: the value
 * @size: its size
 * @flags: XATTR_* flags
 *
 * The inode_setxattr hook, called by __vfs_setxattr_locked(); may sleep.
 * The SD of a cgroup is replaced with kacs_set_sd() only.
 *
 * Return: -EPERM for security.peios.sd, else 0.
 */
static int kacs_inode_setxattr(struct mnt_idmap *idmap, struct dentry *dentry,
			       const char *name, const void *value,
			       size_t size, int flags)
{
	return kacs_xattr_name_check(name);
}

/**
 * kacs_inode_removexattr - refuse removing a cgroup SD
 * @idmap: the idmap of the mount
 * @dentry: the file or directory
 * @name: the xattr name
 *
 * The inode_removexattr hook, called by __vfs_removexattr_locked(); may
 * sleep.
 *
 * Return: -EPERM for security.peios.sd, else 0.
 */
static int kacs_inode_removexattr(struct mnt_idmap *idmap,
				  struct dentry *dentry, const char *name)
{
	return kacs_xattr_name_check(name);
}

static struct security_hook_list kacs_cgroup_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(kernfs_init_security, kacs_kernfs_init_security),
	LSM_HOOK_INIT(cgroup_attach, kacs_cgroup_attach),
	LSM_HOOK_INIT(file_permission, kacs_cgroup_file_permission),
	LSM_HOOK_INIT(inode_mkdir, kacs_inode_mkdir),
	LSM_HOOK_INIT(inode_rmdir, kacs_inode_rmdir),
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
