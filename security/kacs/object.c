// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - kacs_get_sd() and kacs_set_sd(): the SD of an object named by fd
 *
 * The objects are processes (pidfd), tokens (token fd) and cgroup
 * directories.  Reading needs READ_CONTROL (ACCESS_SYSTEM_SECURITY for
 * the SACL), writing WRITE_DAC or WRITE_OWNER, judged by the object's own
 * SD; a process is also subject to the two-check rule.  An SD is replaced
 * whole and only once the merged result is valid.
 */

#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

#include "cgroup.h"
#include "cred.h"
#include "process.h"
#include "psb.h"
#include "sd.h"
#include "task.h"
#include "token.h"
#include "token_fd.h"

#define KACS_SD_INFO_ALL	0x1fU

/**
 * struct kacs_object - an object whose SD the SD calls operate on
 * @task: process (pidfd), or NULL
 * @tok: token (token fd), or NULL
 * @file: cgroup directory, or NULL
 * @psd: counted reference to the object's SD as it was checked
 */
struct kacs_object {
	struct task_struct *task;
	struct kacs_token *tok;
	struct file *file;
	struct kacs_psd *psd;
};

static int kacs_sd_args(const char __user *path, u32 info, int flags)
{
	char c;

	if (flags & ~AT_EMPTY_PATH)
		return -EINVAL;
	if ((info & ~KACS_SD_INFO_ALL) ||
	    ((info & KACS_SACL_SECURITY_INFORMATION) &&
	     (info & KACS_LABEL_SECURITY_INFORMATION)))
		return -EINVAL;
	if (!(flags & AT_EMPTY_PATH))
		return -EOPNOTSUPP;
	if (path) {
		if (get_user(c, path))
			return -EFAULT;
		if (c)
			return -EOPNOTSUPP;
	}
	return 0;
}

static u32 kacs_sd_rights(u32 info, bool set)
{
	u32 rights = 0;

	if (!set) {
		if (info & ~KACS_SACL_SECURITY_INFORMATION)
			rights |= KACS_READ_CONTROL;
	} else {
		if (info & (KACS_OWNER_SECURITY_INFORMATION |
			    KACS_GROUP_SECURITY_INFORMATION |
			    KACS_LABEL_SECURITY_INFORMATION))
			rights |= KACS_WRITE_OWNER;
		if (info & KACS_DACL_SECURITY_INFORMATION)
			rights |= KACS_WRITE_DAC;
	}
	if (info & KACS_SACL_SECURITY_INFORMATION)
		rights |= KACS_ACCESS_SYSTEM_SECURITY;
	return rights;
}

static void kacs_object_put(struct kacs_object *obj)
{
	if (obj->task)
		put_task_struct(obj->task);
	kacs_token_put(obj->tok);
	kacs_psd_put(obj->psd);
}

/* Resolve @file and check @rights on it with the caller's effective token. */
static int kacs_object_get(struct file *file, u32 rights,
			   struct kacs_object *obj)
{
	struct kacs_token *tok = kacs_current_effective();
	const struct kacs_generic_mapping *map;
	struct kacs_handle *h;
	struct kacs_psb *tpsb;
	struct kacs_psd *psd;
	u32 type, trust;
	struct pid *pid;

	memset(obj, 0, sizeof(*obj));
	kacs_psb_pip(kacs_task_psb(current), &type, &trust);
	h = kacs_file_handle(file);
	pid = pidfd_pid(file);
	if (!IS_ERR(pid)) {
		obj->task = get_pid_task(pid, PIDTYPE_PID);
		if (!obj->task)
			return -ESRCH;
		tpsb = kacs_task_psb(obj->task);
		if (!tpsb)
			return -ESRCH;
		obj->psd = kacs_psb_get_sd(tpsb);
		return kacs_check_process_sd(tok, type, trust, tpsb, obj->psd,
					     rights);
	}
	if (h) {
		/*
		 * A token's own SD: a live check, independent of the access
		 * cached on the handle (13-appendix-a/1-syscalls.md).
		 */
		obj->tok = kacs_token_get(h->tok);
		obj->psd = kacs_token_get_sd(obj->tok);
		map = &kacs_token_mapping;
	} else if (kacs_is_cgroup_dir(file)) {
		psd = kacs_cgroup_get_psd(file);
		if (IS_ERR(psd))
			return PTR_ERR(psd);
		obj->file = file;
		obj->psd = psd;
		map = &kacs_file_mapping;
	} else {
		return -EOPNOTSUPP;
	}
	if (!obj->psd || kacs_token_check_psd(tok, type, trust, obj->psd,
					      rights, map, 0, NULL))
		return -EACCES;
	return 0;
}

/**
 * sys_kacs_get_sd - read components of an object's SD
 * @dirfd: a pidfd (process SD), a token fd (the token's own SD) or a
 *         cgroup v2 directory fd
 * @path: NULL or "": only the object @dirfd names is supported
 * @info: KACS_*_SECURITY_INFORMATION bits naming the components
 * @buf: user buffer for the self-relative SD
 * @len: size of @buf
 * @flags: must be %AT_EMPTY_PATH
 *
 * Needs READ_CONTROL for the owner, group, DACL and label and
 * ACCESS_SYSTEM_SECURITY for the SACL, with the caller's effective token
 * against the object's SD; a process SD also needs PIP dominance.  A
 * buffer too small for the result is left alone.
 *
 * Return: the size of the selected SD (copied to @buf only if @len is
 * at least that), or
 * -EOPNOTSUPP when KACS is not an active LSM, @flags lacks
 * %AT_EMPTY_PATH, @path is not empty, or @dirfd is none of the three
 * kinds of object;
 * -EINVAL for unknown @flags or @info bits, or SACL and LABEL together;
 * -EFAULT when @path cannot be read or @buf cannot be written;
 * -EBADF when @dirfd is not open;
 * -ESRCH when the process has exited;
 * -EPERM when the caller does not dominate the process's PIP;
 * -EACCES when the object's SD refuses, or the object has none;
 * -ENOMEM, or the error of reading a cgroup's SD from its xattr.
 */
SYSCALL_DEFINE6(kacs_get_sd, int, dirfd, const char __user *, path,
		u32, info, void __user *, buf, u32, len, int, flags)
{
	struct kacs_object obj;
	size_t outlen;
	u8 *out;
	int ret;

	if (!kacs_initialized)
		return -EOPNOTSUPP;

	ret = kacs_sd_args(path, info, flags);
	if (ret)
		return ret;
	CLASS(fd_raw, f)(dirfd);
	if (fd_empty(f))
		return -EBADF;
	ret = kacs_object_get(fd_file(f), kacs_sd_rights(info, false), &obj);
	if (!ret)
		ret = kacs_sd_select(&obj.psd->view, info, &out, &outlen,
				     GFP_KERNEL);
	kacs_object_put(&obj);
	if (ret)
		return ret;
	/* A buffer too small for the SD only learns its size. */
	if (len >= outlen && copy_to_user(buf, out, outlen))
		ret = -EFAULT;
	else
		ret = outlen;
	kfree(out);
	return ret;
}

/* A new owner must be the caller or one of its SE_GROUP_OWNER groups. */
static int kacs_owner_allowed(const struct kacs_sd *upd)
{
	struct kacs_token *tok = kacs_current_effective();
	u32 i;

	if (!tok)
		return -EPERM;
	if (!upd->has_owner || kacs_sid_equal(&upd->owner, &tok->user))
		return 0;
	for (i = 0; i < tok->ngroups; i++)
		if ((tok->groups[i].attrs & KACS_SE_GROUP_OWNER) &&
		    kacs_sid_equal(&upd->owner, &tok->groups[i].sid))
			return 0;
	return kacs_token_priv(tok, KACS_SE_RESTORE) ? 0 : -EPERM;
}

/*
 * A mandatory label may not be set above the caller's own integrity level
 * unless SeRelabelPrivilege is enabled.
 */
static int kacs_label_allowed(const struct kacs_sd *upd, u32 info)
{
	struct kacs_token *tok = kacs_current_effective();
	struct kacs_ace ace;
	unsigned int off;
	u32 rid;

	if (!(info & (KACS_SACL_SECURITY_INFORMATION |
		      KACS_LABEL_SECURITY_INFORMATION)) || !upd->has_sacl)
		return 0;
	if (!tok)
		return -EPERM;
	kacs_acl_for_each(&upd->sacl, off, &ace) {
		if (ace.type != KACS_SYSTEM_MANDATORY_LABEL_ACE_TYPE ||
		    !kacs_sid_is_integrity(&ace.sid, &rid))
			continue;
		if (rid > tok->integrity &&
		    !kacs_token_priv(tok, KACS_SE_RELABEL))
			return -EPERM;
	}
	return 0;
}

/*
 * kacs_set_sd() is a read-modify-write of the object's descriptor: one
 * writer at a time, so that concurrent updates of different components
 * are not lost and an access check is never applied to a stale SD.
 */
static DEFINE_MUTEX(kacs_set_sd_mutex);

static int kacs_set_sd_fd(int dirfd, u32 info, const struct kacs_sd *upd)
{
	struct kacs_object obj;
	struct kacs_psd *psd;
	struct kacs_sd view;
	size_t outlen;
	u8 *out;
	int ret;

	CLASS(fd_raw, f)(dirfd);
	if (fd_empty(f))
		return -EBADF;
	ret = kacs_object_get(fd_file(f), kacs_sd_rights(info, true), &obj);
	if (!ret)
		ret = kacs_sd_merge(&obj.psd->view, upd, info, &out, &outlen,
				    GFP_KERNEL);
	if (ret)
		goto out_obj;
	ret = kacs_sd_parse(&view, out, outlen) ? -EINVAL : 0;
	if (!ret && (obj.task || obj.tok)) {
		psd = kacs_psd_alloc(out, outlen, GFP_KERNEL);
		if (!psd)
			ret = -ENOMEM;
		else if (obj.task)
			kacs_psb_set_sd(kacs_task_psb(obj.task), psd);
		else
			kacs_token_replace_sd(obj.tok, psd);
	} else if (!ret) {
		ret = kacs_cgroup_set_sd(obj.file, out, outlen);
	}
	kfree(out);
out_obj:
	kacs_object_put(&obj);
	return ret;
}

/**
 * sys_kacs_set_sd - replace components of an object's SD
 * @dirfd: a pidfd, a token fd or a cgroup v2 directory fd, as for
 *         kacs_get_sd()
 * @path: NULL or ""
 * @info: KACS_*_SECURITY_INFORMATION bits naming the components to take
 *        from @buf
 * @buf: a self-relative SD holding the new components
 * @len: its length
 * @flags: must be %AT_EMPTY_PATH
 *
 * Needs WRITE_OWNER for the owner, group and label, WRITE_DAC for the
 * DACL and ACCESS_SYSTEM_SECURITY for the SACL; a process SD also needs
 * PIP dominance.  A new owner must be the caller's user or one of its
 * owner groups unless SeRestorePrivilege is enabled; a mandatory label
 * above the caller's integrity level needs SeRelabelPrivilege.  The
 * components are merged into the current SD, and the result replaces it
 * whole; one kacs_set_sd() runs at a time.
 *
 * Return: 0, or
 * -EOPNOTSUPP when KACS is not an active LSM, @flags lacks
 * %AT_EMPTY_PATH, @path is not empty, or @dirfd is none of the three
 * kinds of object;
 * -EINVAL for unknown @flags or @info bits, SACL and LABEL together, an
 * empty @info, @len 0 or above %KACS_SD_MAX_SIZE, a malformed SD in
 * @buf, or a merged SD that is not valid;
 * -EFAULT when @path or @buf cannot be read;
 * -EBADF when @dirfd is not open;
 * -ESRCH when the process has exited;
 * -EPERM for an owner or label the caller may not set, or when the
 * caller does not dominate the process's PIP;
 * -EACCES when the object's SD refuses, or the object has none;
 * -ENOMEM, or the error of storing a cgroup's SD in its xattr.
 */
SYSCALL_DEFINE6(kacs_set_sd, int, dirfd, const char __user *, path,
		u32, info, const void __user *, buf, u32, len, int, flags)
{
	struct kacs_sd upd;
	u8 *in;
	int ret;

	if (!kacs_initialized)
		return -EOPNOTSUPP;

	ret = kacs_sd_args(path, info, flags);
	if (ret)
		return ret;
	if (!info || !len || len > KACS_SD_MAX_SIZE)
		return -EINVAL;
	in = memdup_user(buf, len);
	if (IS_ERR(in))
		return PTR_ERR(in);
	ret = kacs_sd_parse(&upd, in, len) ? -EINVAL : 0;
	if (!ret && (info & KACS_OWNER_SECURITY_INFORMATION))
		ret = kacs_owner_allowed(&upd);
	if (!ret)
		ret = kacs_label_allowed(&upd, info);
	if (!ret) {
		mutex_lock(&kacs_set_sd_mutex);
		ret = kacs_set_sd_fd(dirfd, info, &upd);
		mutex_unlock(&kacs_set_sd_mutex);
	}
	kfree(in);
	return ret;
}
