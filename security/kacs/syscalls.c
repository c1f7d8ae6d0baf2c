// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - system calls: token handles, token creation, PSB, revert and
 * kacs_access_check() (kacs_get_sd() and kacs_set_sd() are in object.c)
 *
 * Errors: -EACCES when an SD or token SD denies, -EPERM for a missing
 * privilege or PIP dominance, -EINVAL for malformed input, unknown flags
 * or non-zero reserved fields.  Nothing is changed when an error is
 * returned.
 */

#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/ktime.h>
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

/*
 * PSB bits kacs_set_psb() accepts: no_child_process is enforced and
 * ui_access is a recorded attribute, not a protection.  The other
 * mitigations are not enforced by this series and are refused, so that no
 * caller believes itself protected when it is not (v0.20 5-psb/2-fields.md:
 * a mitigation that cannot be activated fails closed).
 */
#define KACS_PSB_SUPPORTED	(KACS_PSB_NO_CHILD | KACS_PSB_UI_ACCESS)

/*
 * Every uapi structure is pinned here: its size, the offset of each
 * 64-bit field, and no padding at its end.  All 64-bit fields are
 * __aligned_u64, so the layout is the same for 32-bit user space, and a
 * change that moves a field fails the build instead of the ABI.
 */
static void kacs_build_check_abi(void)
{
	BUILD_BUG_ON(KACS_SID_MAX_LEN != 8 + 4 * KACS_SID_MAX_SUB);

	BUILD_BUG_ON(sizeof(struct kacs_query_args) != 16);
	BUILD_BUG_ON(offsetof(struct kacs_query_args, buf_ptr) != 8);

	/* query payloads: kacs_query_fill() writes them field by field */
	BUILD_BUG_ON(sizeof(struct kacs_token_statistics) != 40);
	BUILD_BUG_ON(offsetof(struct kacs_token_statistics, token_type) != 24);
	BUILD_BUG_ON(offsetof(struct kacs_token_statistics, expiration) != 32);
	BUILD_BUG_ON(sizeof(struct kacs_token_privileges) != 32);
	BUILD_BUG_ON(offsetof(struct kacs_token_privileges, used) != 24);

	BUILD_BUG_ON(sizeof(struct kacs_priv_entry) != 8);
	BUILD_BUG_ON(sizeof(struct kacs_group_entry) != 8);
	BUILD_BUG_ON(sizeof(struct kacs_adjust_privs_args) != 24);
	BUILD_BUG_ON(offsetof(struct kacs_adjust_privs_args, data_ptr) != 8);
	BUILD_BUG_ON(offsetof(struct kacs_adjust_privs_args,
			      previous_enabled) != 16);
	BUILD_BUG_ON(sizeof(struct kacs_adjust_groups_args) != 24);
	BUILD_BUG_ON(offsetof(struct kacs_adjust_groups_args, data_ptr) != 8);
	BUILD_BUG_ON(offsetof(struct kacs_adjust_groups_args,
			      previous_state) != 16);
	BUILD_BUG_ON(sizeof(struct kacs_duplicate_args) != 16);
	BUILD_BUG_ON(offsetof(struct kacs_duplicate_args, result_fd) != 12);
	BUILD_BUG_ON(sizeof(struct kacs_restrict_args) != 40);
	BUILD_BUG_ON(offsetof(struct kacs_restrict_args, data_ptr) != 24);
	BUILD_BUG_ON(offsetof(struct kacs_restrict_args, result_fd) != 32);

	BUILD_BUG_ON(sizeof(struct kacs_token_spec) != KACS_SPEC_HDR_SIZE);
	BUILD_BUG_ON(offsetof(struct kacs_token_spec, privs_present) != 16);
	BUILD_BUG_ON(offsetof(struct kacs_token_spec, expiration) != 48);
	BUILD_BUG_ON(offsetof(struct kacs_token_spec, session_id) != 56);
	BUILD_BUG_ON(offsetof(struct kacs_token_spec, source_id) != 80);
	BUILD_BUG_ON(offsetof(struct kacs_token_spec, user_sid_offset) != 88);
	BUILD_BUG_ON(offsetof(struct kacs_token_spec, confinement_exempt) !=
		     156);
	BUILD_BUG_ON(offsetof(struct kacs_token_spec, origin) != 176);
	BUILD_BUG_ON(offsetofend(struct kacs_token_spec, reserved2) !=
		     KACS_SPEC_HDR_SIZE);

	BUILD_BUG_ON(sizeof(struct kacs_access_check_args) !=
		     KACS_ACCESS_CHECK_ARGS_SIZE_LATEST);
	BUILD_BUG_ON(offsetofend(struct kacs_access_check_args, generic_all) !=
		     KACS_ACCESS_CHECK_ARGS_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct kacs_access_check_args, sd_ptr) != 8);
	BUILD_BUG_ON(offsetof(struct kacs_access_check_args, self_sid_ptr) !=
		     40);
	BUILD_BUG_ON(offsetof(struct kacs_access_check_args,
			      object_tree_ptr) != 56);
	BUILD_BUG_ON(offsetof(struct kacs_access_check_args,
			      local_claims_ptr) != 72);
	BUILD_BUG_ON(offsetof(struct kacs_access_check_args,
			      granted_out_ptr) != 88);
	BUILD_BUG_ON(offsetof(struct kacs_access_check_args, pip_type) != 96);
	BUILD_BUG_ON(offsetof(struct kacs_access_check_args,
			      audit_context_ptr) != 104);
	BUILD_BUG_ON(offsetof(struct kacs_access_check_args,
			      continuous_audit_out_ptr) != 120);
	BUILD_BUG_ON(offsetofend(struct kacs_access_check_args,
				 staging_mismatch_out_ptr) !=
		     KACS_ACCESS_CHECK_ARGS_SIZE_LATEST);
}

static struct kacs_psb *kacs_current_psb(void)
{
	return kacs_task_psb(current);
}

/* ---- token opens ---- */

static int kacs_open_token(struct kacs_token *tok, u32 access_mask)
{
	u32 granted;
	int ret;

	if (!tok)
		return -EPERM;
	ret = kacs_token_open_check(tok, access_mask, &granted);
	if (ret)
		return ret;
	return kacs_token_fd_install(tok, granted, NULL);
}

/**
 * sys_kacs_open_self_token - open a token fd for the caller's own token
 * @flags: 0 for the effective token (the impersonation token while the
 *         thread impersonates), or %KACS_REAL_TOKEN for the primary token
 * @access_mask: token rights wanted; generic rights and
 *               %KACS_MAXIMUM_ALLOWED are allowed
 *
 * The access is checked once, against the token's own SD, with the
 * caller's effective token; the fd caches what was granted.
 *
 * Return: a new close-on-exec token fd, or
 * -EOPNOTSUPP when KACS is not an active LSM;
 * -EINVAL for unknown @flags or a right tokens do not define in
 * @access_mask;
 * -EPERM when the caller has no such token;
 * -EACCES when the token's SD refuses, or grants nothing to a
 * %KACS_MAXIMUM_ALLOWED request;
 * -EMFILE or -ENFILE when no file descriptor or file is left;
 * -ENOMEM.
 */
SYSCALL_DEFINE2(kacs_open_self_token, unsigned int, flags, u32, access_mask)
{
	struct kacs_token *tok;

	if (!kacs_initialized)
		return -EOPNOTSUPP;

	if (flags & ~KACS_REAL_TOKEN)
		return -EINVAL;
	tok = (flags & KACS_REAL_TOKEN) ? kacs_current_primary() :
					  kacs_current_effective();
	return kacs_open_token(tok, access_mask);
}

/*
 * Resolve a pidfd to its task.  A PIDFD_THREAD pidfd may name any thread
 * of the process, as for kacs_get_sd(): every thread reaches the same
 * PSB and primary token.  (pidfd_get_task() would look the pid up as a
 * thread-group id and refuse a thread other than the leader.)
 */
static struct task_struct *kacs_pidfd_task(int pidfd)
{
	struct task_struct *task;
	unsigned int f_flags;
	struct pid *pid;

	pid = pidfd_get_pid(pidfd, &f_flags);
	if (IS_ERR(pid))
		return ERR_CAST(pid);
	task = get_pid_task(pid, PIDTYPE_PID);
	put_pid(pid);
	return task ? task : ERR_PTR(-ESRCH);
}

/**
 * sys_kacs_open_process_token - open a token fd for a process's primary token
 * @pidfd: pidfd of the process
 * @access_mask: token rights wanted, as for kacs_open_self_token()
 *
 * Needs PROCESS_QUERY_INFORMATION on the process under the two-check rule
 * (which the caller's own process passes), then @access_mask on the
 * token's own SD.
 *
 * Return: a new close-on-exec token fd, or
 * -EOPNOTSUPP when KACS is not an active LSM;
 * -EBADF when @pidfd is not an open pidfd;
 * -ESRCH when the process has exited;
 * -EACCES when the process SD refuses, when the token's SD refuses, or
 * when it grants nothing to a %KACS_MAXIMUM_ALLOWED request;
 * -EPERM when the caller does not dominate the process's PIP, or the
 * process has no token;
 * -EINVAL for a right tokens do not define in @access_mask;
 * -EMFILE or -ENFILE when no file descriptor or file is left;
 * -ENOMEM.
 */
SYSCALL_DEFINE2(kacs_open_process_token, int, pidfd, u32, access_mask)
{
	struct task_struct *task;
	struct kacs_token *tok;
	int ret;

	if (!kacs_initialized)
		return -EOPNOTSUPP;

	task = kacs_pidfd_task(pidfd);
	if (IS_ERR(task))
		return PTR_ERR(task);
	ret = kacs_check_process(NULL, task, KACS_PROCESS_QUERY_INFORMATION);
	if (!ret) {
		rcu_read_lock();
		tok = kacs_token_get(kacs_cred_token(__task_cred(task)));
		rcu_read_unlock();
		ret = kacs_open_token(tok, access_mask);
		kacs_token_put(tok);
	}
	put_task_struct(task);
	return ret;
}

/**
 * sys_kacs_open_thread_token - open a token fd for a thread's effective token
 * @pidfd: pidfd of the process
 * @tid: thread id, in the caller's pid namespace, of a thread of that
 *       process
 * @access_mask: token rights wanted, as for kacs_open_self_token()
 *
 * The thread's effective token is its impersonation token while it
 * impersonates, else the process's primary token.  The checks are those
 * of kacs_open_process_token().
 *
 * Return: a new close-on-exec token fd, or
 * -EOPNOTSUPP when KACS is not an active LSM;
 * -EINVAL when @tid is not positive, or for a right tokens do not define
 * in @access_mask;
 * -EBADF when @pidfd is not an open pidfd;
 * -ESRCH when the process has exited or @tid is not one of its threads;
 * -EACCES when the process SD refuses, when the token's SD refuses, or
 * when it grants nothing to a %KACS_MAXIMUM_ALLOWED request;
 * -EPERM when the caller does not dominate the process's PIP, or the
 * thread has no token;
 * -EMFILE or -ENFILE when no file descriptor or file is left;
 * -ENOMEM.
 */
SYSCALL_DEFINE3(kacs_open_thread_token, int, pidfd, int, tid,
		u32, access_mask)
{
	struct task_struct *task, *thread;
	struct kacs_token *tok;
	int ret;

	if (!kacs_initialized)
		return -EOPNOTSUPP;

	if (tid <= 0)
		return -EINVAL;
	task = kacs_pidfd_task(pidfd);
	if (IS_ERR(task))
		return PTR_ERR(task);
	rcu_read_lock();
	thread = find_task_by_vpid(tid);
	if (thread && same_thread_group(thread, task))
		get_task_struct(thread);
	else
		thread = NULL;
	rcu_read_unlock();
	if (!thread) {
		put_task_struct(task);
		return -ESRCH;
	}
	ret = kacs_check_process(NULL, task, KACS_PROCESS_QUERY_INFORMATION);
	if (!ret) {
		tok = kacs_task_effective_get(thread);
		ret = kacs_open_token(tok, access_mask);
		kacs_token_put(tok);
	}
	put_task_struct(thread);
	put_task_struct(task);
	return ret;
}

/* ---- kacs_create_token ---- */

/**
 * sys_kacs_create_token - mint a token from a specification
 * @spec: a &struct kacs_token_spec header followed by its variable data
 * @len: length of @spec, header included
 *
 * Needs SeCreateTokenPrivilege on the caller's effective token.  The new
 * token's SD is owned by the caller's primary user.  Nothing is created
 * unless the whole specification is valid.
 *
 * Return: a new close-on-exec fd with %KACS_TOKEN_ALL_ACCESS, or
 * -EOPNOTSUPP when KACS is not an active LSM;
 * -EPERM without a primary token or without SeCreateTokenPrivilege;
 * -EINVAL when @len is below the header or above
 * %KACS_TOKEN_SPEC_MAX_SIZE, or the specification is malformed (version,
 * types, reserved fields, features not in this series, offsets or
 * counts out of range, bad SIDs, group attributes, owner or group index,
 * default DACL);
 * -EFAULT when @spec cannot be read;
 * -EMFILE or -ENFILE when no file descriptor or file is left;
 * -ENOMEM.
 */
SYSCALL_DEFINE2(kacs_create_token, const void __user *, spec, size_t, len)
{
	struct kacs_token *tok;
	u8 *buf;
	int ret;

	if (!kacs_initialized)
		return -EOPNOTSUPP;

	if (!kacs_current_primary() ||
	    !kacs_token_priv(kacs_current_effective(), KACS_SE_CREATE_TOKEN))
		return -EPERM;
	if (len < KACS_SPEC_HDR_SIZE || len > KACS_TOKEN_SPEC_MAX_SIZE)
		return -EINVAL;
	buf = memdup_user(spec, len);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	tok = kacs_token_from_spec(buf, len);
	kfree(buf);
	if (IS_ERR(tok))
		return PTR_ERR(tok);
	ret = kacs_token_fd_install(tok, KACS_TOKEN_ALL_ACCESS, NULL);
	kacs_token_put(tok);
	return ret;
}

/* ---- kacs_set_psb, kacs_revert ---- */

/**
 * sys_kacs_set_psb - set mitigation bits of a process
 * @pidfd: pidfd of the process, or -1 for the caller's own
 * @mitigations: KACS_PSB_* bits to set; bits are never cleared
 *
 * Only %KACS_PSB_NO_CHILD (enforced at clone()) and %KACS_PSB_UI_ACCESS
 * (recorded) are supported.  Another process needs
 * PROCESS_SET_INFORMATION under the two-check rule.
 *
 * Return: 0, or
 * -EOPNOTSUPP when KACS is not an active LSM, or @mitigations names a
 * mitigation this series does not enforce;
 * -EINVAL for bits outside %KACS_PSB_ALL;
 * -EBADF when @pidfd is neither -1 nor an open pidfd;
 * -ESRCH when the process has exited;
 * -EACCES when the process SD refuses;
 * -EPERM when the caller does not dominate the process's PIP.
 */
SYSCALL_DEFINE2(kacs_set_psb, int, pidfd, u32, mitigations)
{
	struct task_struct *task;
	struct kacs_psb *psb;
	int ret;

	if (!kacs_initialized)
		return -EOPNOTSUPP;

	if (mitigations & ~KACS_PSB_ALL)
		return -EINVAL;
	if (mitigations & ~KACS_PSB_SUPPORTED)
		return -EOPNOTSUPP;
	if (pidfd == -1) {
		kacs_psb_or_mitigations(kacs_current_psb(), mitigations);
		return 0;
	}
	task = kacs_pidfd_task(pidfd);
	if (IS_ERR(task))
		return PTR_ERR(task);
	ret = kacs_check_process(NULL, task, KACS_PROCESS_SET_INFORMATION);
	psb = kacs_task_psb(task);
	if (!ret && psb)
		kacs_psb_or_mitigations(psb, mitigations);
	put_task_struct(task);
	return ret;
}

/**
 * sys_kacs_revert - end the calling thread's impersonation
 *
 * The thread acts with its process's primary token again.  Reverting a
 * thread that does not impersonate, or on a kernel where KACS is not
 * active, does nothing.
 *
 * Return: 0, always.
 */
SYSCALL_DEFINE0(kacs_revert)
{
	if (kacs_initialized)
		kacs_set_impersonation(NULL);
	return 0;
}

/* ---- kacs_access_check ---- */

static int kacs_ac_args_valid(const struct kacs_access_check_args *a)
{
	if (a->object_tree_ptr || a->object_tree_count || a->pad0 ||
	    a->local_claims_ptr || a->local_claims_len || a->pad1 ||
	    a->audit_context_ptr || a->audit_context_len || a->pad2)
		return -EINVAL;
	if (a->privilege_intent & ~(KACS_BACKUP_INTENT | KACS_RESTORE_INTENT))
		return -EINVAL;
	if (!a->sd_len || a->sd_len > KACS_SD_MAX_SIZE)
		return -EINVAL;
	if (a->self_sid_ptr && (!a->self_sid_len ||
				a->self_sid_len > KACS_SID_MAX_LEN))
		return -EINVAL;
	return 0;
}

static struct kacs_token *kacs_ac_token(int token_fd)
{
	struct kacs_handle *h;
	struct kacs_token *tok;

	if (token_fd == -1)
		return kacs_token_get(kacs_current_effective());
	CLASS(fd, f)(token_fd);
	if (fd_empty(f))
		return ERR_PTR(-EBADF);
	h = kacs_file_handle(fd_file(f));
	if (!h)
		return ERR_PTR(-EINVAL);
	if (!(h->access & KACS_TOKEN_QUERY))
		return ERR_PTR(-EACCES);
	tok = kacs_token_get(h->tok);
	return tok;
}

/**
 * sys_kacs_access_check - run AccessCheck for a token against an SD
 * @uargs: a &struct kacs_access_check_args, versioned by its size field
 *
 * Evaluates the token of @uargs->token_fd (or the caller's effective
 * token) against the SD at @uargs->sd_ptr with the generic mapping,
 * principal-self SID, privilege intent and PIP given.  The granted mask
 * and the continuous-audit mask are written on success and on denial.
 *
 * Return: the granted access mask, or
 * -EOPNOTSUPP when KACS is not an active LSM;
 * -EFAULT when @uargs, the self SID or the SD cannot be read, or an
 * output cannot be written;
 * -EINVAL for a size below %KACS_ACCESS_CHECK_ARGS_SIZE_VER0 or above a
 * page, a non-zero field of a feature not in this series, non-zero
 * padding, unknown privilege intent bits, an SD length of 0 or above
 * %KACS_SD_MAX_SIZE, a self SID of bad length or form, a token_fd that
 * is not a token fd, a malformed SD or one without owner, or reserved
 * access-mask bits in the request or the SD;
 * -E2BIG when the structure is larger than the kernel's and the extra
 * bytes are not zero;
 * -EBADF when token_fd is neither -1 nor open;
 * -EACCES when token_fd lacks %KACS_TOKEN_QUERY, or the access is
 * denied;
 * -EPERM when the caller has no effective token;
 * -ENOMEM.
 */
SYSCALL_DEFINE1(kacs_access_check, struct kacs_access_check_args __user *,
		uargs)
{
	struct kacs_access_check_args a;
	struct kacs_generic_mapping map;
	struct kacs_sid self, *selfp = NULL;
	struct kacs_access_result res;
	struct kacs_token *tok;
	u32 usize, type, trust;
	u8 *sd, sidbuf[KACS_SID_MAX_LEN];
	size_t used;
	long ret;

	kacs_build_check_abi();

	if (!kacs_initialized)
		return -EOPNOTSUPP;

	if (get_user(usize, &uargs->size))
		return -EFAULT;
	if (usize < KACS_ACCESS_CHECK_ARGS_SIZE_VER0 || usize > PAGE_SIZE)
		return -EINVAL;
	ret = copy_struct_from_user(&a, sizeof(a), uargs, usize);
	if (ret)
		return ret;
	ret = kacs_ac_args_valid(&a);
	if (ret)
		return ret;

	if (a.self_sid_ptr) {
		if (copy_from_user(sidbuf, u64_to_user_ptr(a.self_sid_ptr),
				   a.self_sid_len))
			return -EFAULT;
		if (kacs_sid_parse(&self, sidbuf, a.self_sid_len, &used) ||
		    used != a.self_sid_len)
			return -EINVAL;
		selfp = &self;
	}
	sd = memdup_user(u64_to_user_ptr(a.sd_ptr), a.sd_len);
	if (IS_ERR(sd))
		return PTR_ERR(sd);

	tok = kacs_ac_token(a.token_fd);
	if (IS_ERR_OR_NULL(tok)) {
		ret = tok ? PTR_ERR(tok) : -EPERM;
		goto out;
	}
	map.read = a.generic_read;
	map.write = a.generic_write;
	map.execute = a.generic_execute;
	map.all = a.generic_all;
	/* Each PIP axis left 0 falls back to the caller's PSB on its own. */
	kacs_psb_pip(kacs_current_psb(), &type, &trust);
	if (a.pip_type)
		type = a.pip_type;
	if (a.pip_trust)
		trust = a.pip_trust;
	ret = kacs_token_access(tok, type, trust, sd, a.sd_len,
				a.desired_access, &map, selfp,
				a.privilege_intent, 0, &res);
	kacs_token_put(tok);
	if (ret == -EINVAL)
		goto out;
	/* The outputs are written on success and on denial. */
	if ((a.granted_out_ptr &&
	     put_user(res.granted, (u32 __user *)
		      u64_to_user_ptr(a.granted_out_ptr))) ||
	    (a.continuous_audit_out_ptr &&
	     put_user(res.continuous_audit, (u32 __user *)
		      u64_to_user_ptr(a.continuous_audit_out_ptr))) ||
	    (a.staging_mismatch_out_ptr &&
	     put_user(0U, (u32 __user *)
		      u64_to_user_ptr(a.staging_mismatch_out_ptr)))) {
		ret = -EFAULT;
		goto out;
	}
	if (!ret)
		ret = res.granted;
out:
	kfree(sd);
	return ret;
}
