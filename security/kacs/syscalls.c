// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - system calls (Peios KACS v0.20 numbers, x86_64)
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

#include "common.h"
#include "psb.h"
#include "sd.h"
#include "token.h"
#include "token_fd.h"

#define KACS_SPEC_HDR_SIZE	192
#define KACS_MAX_SPEC_GROUPS	63
#define KACS_SD_INFO_ALL	0x1fU
#define KACS_GROUP_ATTRS_VALID	(0x7fU | KACS_SE_GROUP_RESOURCE)
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

/* Resolve a pidfd to its task; the pidfd may name a thread. */
static struct task_struct *kacs_pidfd_task(int pidfd)
{
	unsigned int f_flags;

	return pidfd_get_task(pidfd, &f_flags);
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

static int kacs_spec_range(u32 len, u32 off, u64 size)
{
	if (!size)
		return off ? -EINVAL : 0;
	if (off < KACS_SPEC_HDR_SIZE || off > len || size > len - off)
		return -EINVAL;
	return 0;
}

static int kacs_spec_sid_list(const u8 *spec, u32 len, u32 off, u32 count,
			      struct kacs_sid_attr *out, bool attrs)
{
	size_t used;
	u32 i, l;

	for (i = 0; i < count; i++) {
		if (off < KACS_SPEC_HDR_SIZE || off > len || len - off < 4)
			return -EINVAL;
		l = get_unaligned_le32(spec + off);
		off += 4;
		if (l > len - off || kacs_sid_parse(&out[i].sid, spec + off, l,
						    &used) || used != l)
			return -EINVAL;
		off += l;
		if (!attrs)
			continue;
		if (len - off < 4)
			return -EINVAL;
		out[i].attrs = get_unaligned_le32(spec + off);
		off += 4;
		if (out[i].attrs & ~KACS_GROUP_ATTRS_VALID)
			return -EINVAL;
	}
	return 0;
}

static int kacs_spec_validate(const struct kacs_token_spec *s, u32 len)
{
	if (s->version != KACS_TOKEN_SPEC_VERSION)
		return -EINVAL;
	if (s->token_type != KACS_TOKEN_PRIMARY &&
	    s->token_type != KACS_TOKEN_IMPERSONATION)
		return -EINVAL;
	if (s->impersonation_level > KACS_LEVEL_DELEGATION ||
	    (s->token_type == KACS_TOKEN_PRIMARY && s->impersonation_level))
		return -EINVAL;
	if (s->reserved0[0] || s->reserved0[1] || s->reserved1 ||
	    s->reserved2)
		return -EINVAL;
	if (!kacs_integrity_rid_valid(s->integrity_rid) ||
	    (s->mandatory_policy & ~(KACS_POLICY_NO_WRITE_UP |
				     KACS_POLICY_NEW_PROCESS_MIN)) ||
	    (s->privs_present & ~KACS_PRIV_VALID_MASK) ||
	    (s->privs_enabled & ~s->privs_present) ||
	    (s->audit_policy & ~0xfU))
		return -EINVAL;
	if (s->groups_count > KACS_MAX_SPEC_GROUPS ||
	    s->restricted_sids_count > KACS_MAX_RESTRICTED)
		return -EINVAL;
	/* Claims, device groups, confinement, gids: not in this series. */
	if (s->user_claims_offset || s->user_claims_len ||
	    s->device_claims_offset || s->device_claims_len ||
	    s->device_groups_offset || s->device_groups_count ||
	    s->confinement_sid_offset || s->confinement_sid_len ||
	    s->confinement_caps_offset || s->confinement_caps_count ||
	    s->supp_gids_offset || s->supp_gids_count ||
	    s->restricted_device_groups_offset ||
	    s->restricted_device_groups_count ||
	    s->confinement_exempt || s->isolation_boundary)
		return -EINVAL;
	if (s->write_restricted > 1 || s->user_deny_only > 1 ||
	    (s->write_restricted && !s->user_deny_only))
		return -EINVAL;
	return kacs_spec_range(len, s->default_dacl_offset,
			       s->default_dacl_len);
}

static struct kacs_token *kacs_spec_build(const u8 *buf, u32 len)
{
	const struct kacs_token_spec *s = (const void *)buf;
	const struct kacs_sid *sid;
	struct kacs_acl dacl;
	struct kacs_token *tok;
	struct kacs_sid_attr *g;
	size_t used;
	int ret;

	ret = kacs_spec_validate(s, len);
	if (ret)
		return ERR_PTR(ret);
	tok = kacs_token_alloc(GFP_KERNEL);
	if (!tok)
		return ERR_PTR(-ENOMEM);
	ret = -EINVAL;
	if (s->user_sid_offset < KACS_SPEC_HDR_SIZE || s->user_sid_offset >= len ||
	    kacs_sid_parse(&tok->user, buf + s->user_sid_offset,
			   len - s->user_sid_offset, &used))
		goto err;

	tok->groups = kcalloc(s->groups_count + 1, sizeof(*tok->groups),
			      GFP_KERNEL);
	if (!tok->groups)
		goto nomem;
	ret = kacs_spec_sid_list(buf, len, s->groups_offset, s->groups_count,
				 tok->groups, true);
	if (ret)
		goto err;
	g = &tok->groups[s->groups_count];
	kacs_sid_logon(&g->sid, s->session_id);
	g->attrs = KACS_SE_GROUP_MANDATORY | KACS_SE_GROUP_ENABLED_BY_DEFAULT |
		   KACS_SE_GROUP_ENABLED | KACS_SE_GROUP_LOGON_ID;
	tok->ngroups = s->groups_count + 1;

	if (s->restricted_sids_count) {
		tok->restricted = kcalloc(s->restricted_sids_count,
					  sizeof(*tok->restricted),
					  GFP_KERNEL);
		if (!tok->restricted)
			goto nomem;
		ret = kacs_spec_sid_list(buf, len, s->restricted_sids_offset,
					 s->restricted_sids_count,
					 tok->restricted, true);
		if (ret)
			goto err;
		tok->nrestricted = s->restricted_sids_count;
	}

	ret = -EINVAL;
	if (s->owner_sid_index > s->groups_count ||
	    s->primary_group_index > s->groups_count)
		goto err;
	if (s->owner_sid_index &&
	    !(tok->groups[s->owner_sid_index - 1].attrs & KACS_SE_GROUP_OWNER))
		goto err;
	if (s->default_dacl_len) {
		if (kacs_acl_parse(&dacl, buf + s->default_dacl_offset,
				   s->default_dacl_len))
			goto err;
		tok->default_dacl = kmemdup(buf + s->default_dacl_offset,
					    s->default_dacl_len, GFP_KERNEL);
		if (!tok->default_dacl)
			goto nomem;
		tok->default_dacl_len = s->default_dacl_len;
	}

	tok->type = s->token_type;
	tok->level = s->impersonation_level;
	tok->integrity = s->integrity_rid;
	tok->policy = s->mandatory_policy;
	tok->privs_present = s->privs_present;
	tok->privs_enabled = s->privs_enabled;
	tok->privs_default = s->privs_enabled;
	tok->projected_uid = s->projected_uid;
	tok->projected_gid = s->projected_gid;
	tok->audit_policy = s->audit_policy;
	tok->expiration = s->expiration;
	tok->auth_id = s->session_id;
	tok->owner_index = s->owner_sid_index;
	tok->group_index = s->primary_group_index;
	memcpy(tok->source_name, s->source_name, sizeof(tok->source_name));
	tok->source_id = s->source_id;
	tok->write_restricted = s->write_restricted;
	tok->user_deny_only = s->user_deny_only;
	tok->origin = s->origin;
	tok->session = s->interactive_session_id;
	tok->elevation = KACS_ELEVATION_DEFAULT;
	tok->created_at = ktime_get_real_ns();
	tok->token_id = kacs_new_luid();
	tok->modified_id = tok->token_id;

	sid = &kacs_current_primary()->user;
	if (kacs_token_set_default_sd(tok, sid, GFP_KERNEL))
		goto nomem;
	return tok;
nomem:
	ret = -ENOMEM;
err:
	kacs_token_put(tok);
	return ERR_PTR(ret);
}

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
	tok = kacs_spec_build(buf, len);
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

/* ---- kacs_get_sd, kacs_set_sd ---- */

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
	kacs_psb_pip(kacs_current_psb(), &type, &trust);
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
