// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - token file descriptors and their ioctls
 *
 * A token fd is an anon_inode "kacs-token" file holding a reference to a
 * token and the access mask granted, once, when the fd was opened.  Every
 * ioctl checks that cached mask.  Malformed requests fail with -EINVAL and
 * leave the token unchanged.
 */

#include <linux/anon_inodes.h>
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/task_work.h>
#include <linux/uaccess.h>

#include "cred.h"
#include "psb.h"
#include "sd.h"
#include "task.h"
#include "token.h"
#include "token_fd.h"

static const struct file_operations kacs_token_fops;

/**
 * kacs_file_handle - the token handle behind a file
 * @file: any file
 *
 * Return: the handle, or NULL if @file is not a token fd.
 */
struct kacs_handle *kacs_file_handle(struct file *file)
{
	if (file->f_op != &kacs_token_fops)
		return NULL;
	return file->private_data;
}

/* Token rights a handle may ask for (4-tokens/8-access-rights.md). */
#define KACS_TOKEN_VALID_REQUEST (KACS_TOKEN_ALL_ACCESS |		\
				  KACS_ACCESS_SYSTEM_SECURITY |		\
				  KACS_MAXIMUM_ALLOWED | KACS_GENERIC_READ |	\
				  KACS_GENERIC_WRITE |			\
				  KACS_GENERIC_EXECUTE | KACS_GENERIC_ALL)

/**
 * kacs_token_open_check - AccessCheck of the caller against a token's SD
 * @tok: the token to open
 * @desired: desired access (generic bits and MAXIMUM_ALLOWED allowed)
 * @granted: receives the granted mask to cache on the fd
 *
 * A request naming a right tokens do not define is malformed.  A
 * MAXIMUM_ALLOWED request that yields no right at all is refused rather
 * than producing a handle that can do nothing.
 *
 * Return: 0, -EINVAL or -EACCES.
 */
int kacs_token_open_check(struct kacs_token *tok, u32 desired, u32 *granted)
{
	struct kacs_psd *psd;
	u32 type, trust;
	int ret = -EACCES;

	*granted = 0;
	if (desired & ~KACS_TOKEN_VALID_REQUEST)
		return -EINVAL;
	kacs_psb_pip(kacs_task_psb(current), &type, &trust);
	rcu_read_lock();
	psd = rcu_dereference(tok->sd);
	if (psd)
		ret = kacs_token_check_psd(kacs_current_effective(), type,
					   trust, psd, desired,
					   &kacs_token_mapping, 0, granted);
	rcu_read_unlock();
	if (ret || ((desired & KACS_MAXIMUM_ALLOWED) && !*granted))
		return -EACCES;
	return 0;
}

static struct file *kacs_token_file(struct kacs_token *tok, u32 access)
{
	struct kacs_handle *h;
	struct file *file;

	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return ERR_PTR(-ENOMEM);
	h->tok = kacs_token_get(tok);
	h->access = access;
	file = anon_inode_getfile("kacs-token", &kacs_token_fops, h, O_RDWR);
	if (IS_ERR(file)) {
		kacs_token_put(h->tok);
		kfree(h);
	}
	return file;
}

/**
 * kacs_token_fd_install - open a new close-on-exec token fd
 * @tok: the token; the fd takes its own reference
 * @access: access mask to cache
 * @ufd: if not NULL, user memory that receives the fd number before the
 *       fd is installed (the ioctls that return a new token fd); when
 *       that write faults, no fd is left behind
 *
 * Return: the fd, or a negative errno.
 */
int kacs_token_fd_install(struct kacs_token *tok, u32 access,
			  s32 __user *ufd)
{
	struct file *file;
	int fd;

	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		return fd;
	file = kacs_token_file(tok, access);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	if (ufd && put_user(fd, ufd)) {
		fput(file);
		put_unused_fd(fd);
		return -EFAULT;
	}
	fd_install(fd, file);
	return fd;
}

static int kacs_token_release(struct inode *inode, struct file *file)
{
	struct kacs_handle *h = file->private_data;

	kacs_token_put(h->tok);
	kfree(h);
	return 0;
}

/* ---- KACS_IOC_QUERY ---- */

static size_t kacs_put_sid(u8 *buf, size_t off, const struct kacs_sid *sid)
{
	if (buf)
		kacs_sid_write(sid, buf + off);
	return kacs_sid_len(sid);
}

static size_t kacs_put_u32(u8 *buf, size_t off, u32 v)
{
	if (buf)
		put_unaligned_le32(v, buf + off);
	return 4;
}

static size_t kacs_put_u64(u8 *buf, size_t off, u64 v)
{
	if (buf)
		put_unaligned_le64(v, buf + off);
	return 8;
}

static const struct kacs_sid *kacs_logon_sid(const struct kacs_token *tok)
{
	u32 i;

	for (i = 0; i < tok->ngroups; i++)
		if ((tok->groups[i].attrs & KACS_SE_GROUP_LOGON_ID) ==
		    KACS_SE_GROUP_LOGON_ID)
			return &tok->groups[i].sid;
	return NULL;
}

/*
 * Serialise query class @cls of @tok into @buf (NULL: size only).  The
 * size does not depend on adjustable state, so a size computed outside a
 * read section of the token's seqlock is still right when filling inside
 * one.
 */
/* [count:u32] then per SID [sid_len:u32][sid][attrs:u32] (classes 2, 9) */
static size_t kacs_put_sid_list(u8 *buf, const struct kacs_sid_attr *list,
				u32 n)
{
	size_t off = 0;
	u32 i;

	off += kacs_put_u32(buf, off, n);
	for (i = 0; i < n; i++) {
		off += kacs_put_u32(buf, off, kacs_sid_len(&list[i].sid));
		off += kacs_put_sid(buf, off, &list[i].sid);
		off += kacs_put_u32(buf, off, list[i].attrs);
	}
	return off;
}

static size_t kacs_query_fill(const struct kacs_token *tok, u32 cls, u8 *buf)
{
	const struct kacs_sid *sid;
	struct kacs_sid il;
	size_t off = 0;

	switch (cls) {
	case KACS_TOKEN_CLASS_USER:
		return kacs_put_sid(buf, 0, &tok->user);
	case KACS_TOKEN_CLASS_GROUPS:
		return kacs_put_sid_list(buf, tok->groups, tok->ngroups);
	case KACS_TOKEN_CLASS_RESTRICTED_SIDS:
		return kacs_put_sid_list(buf, tok->restricted,
					 tok->nrestricted);
	case KACS_TOKEN_CLASS_SOURCE:
		if (buf)
			memcpy(buf, tok->source_name, sizeof(tok->source_name));
		off += sizeof(tok->source_name);
		off += kacs_put_u64(buf, off, tok->source_id);
		return off;
	case KACS_TOKEN_CLASS_PRIVILEGES:
		off += kacs_put_u64(buf, off, tok->privs_present);
		off += kacs_put_u64(buf, off, tok->privs_enabled);
		off += kacs_put_u64(buf, off, tok->privs_default);
		off += kacs_put_u64(buf, off, atomic64_read(&tok->privs_used));
		return off;
	case KACS_TOKEN_CLASS_TYPE:
		return kacs_put_u32(buf, 0, tok->type);
	case KACS_TOKEN_CLASS_INTEGRITY_LEVEL:
		kacs_sid_integrity(&il, tok->integrity);
		return kacs_put_sid(buf, 0, &il);
	case KACS_TOKEN_CLASS_OWNER:
		sid = kacs_token_index_sid(tok, tok->owner_index);
		return sid ? kacs_put_sid(buf, 0, sid) : 0;
	case KACS_TOKEN_CLASS_PRIMARY_GROUP:
		sid = kacs_token_index_sid(tok, tok->group_index);
		return sid ? kacs_put_sid(buf, 0, sid) : 0;
	case KACS_TOKEN_CLASS_SESSION_ID:
		return kacs_put_u32(buf, 0, tok->session);
	case KACS_TOKEN_CLASS_STATISTICS:
		off += kacs_put_u64(buf, off, tok->token_id);
		off += kacs_put_u64(buf, off, tok->auth_id);
		off += kacs_put_u64(buf, off, tok->modified_id);
		off += kacs_put_u32(buf, off, tok->type);
		off += kacs_put_u32(buf, off, 0);
		off += kacs_put_u64(buf, off, tok->expiration);
		return off;
	case KACS_TOKEN_CLASS_ELEVATION_TYPE:
		return kacs_put_u32(buf, 0, tok->elevation);
	case KACS_TOKEN_CLASS_MANDATORY_POLICY:
		return kacs_put_u32(buf, 0, tok->policy);
	case KACS_TOKEN_CLASS_LOGON_SID:
		sid = kacs_logon_sid(tok);
		return sid ? kacs_put_sid(buf, 0, sid) : 0;
	case KACS_TOKEN_CLASS_IMPERSONATION_LEVEL:
		return kacs_put_u32(buf, 0, tok->type == KACS_TOKEN_PRIMARY ?
				    KACS_LEVEL_ANONYMOUS : tok->level);
	}
	return 0;
}

static bool kacs_query_supported(u32 cls)
{
	switch (cls) {
	case KACS_TOKEN_CLASS_USER ... KACS_TOKEN_CLASS_STATISTICS:
	case KACS_TOKEN_CLASS_ELEVATION_TYPE:
	case KACS_TOKEN_CLASS_MANDATORY_POLICY:
	case KACS_TOKEN_CLASS_LOGON_SID:
	case KACS_TOKEN_CLASS_IMPERSONATION_LEVEL:
		return true;
	}
	return false;
}

static long kacs_ioc_query(struct kacs_handle *h, void __user *uarg)
{
	struct kacs_query_args args;
	unsigned int seq;
	size_t size;
	u64 start;
	u8 *buf;
	int ret;

	if (!(h->access & KACS_TOKEN_QUERY))
		return -EACCES;
	if (copy_from_user(&args, uarg, sizeof(args)))
		return -EFAULT;
	if (args.token_class < KACS_TOKEN_CLASS_USER ||
	    args.token_class > KACS_TOKEN_CLASS_PROJECTED_SUPPLEMENTARY_GIDS)
		return -EINVAL;
	if (!kacs_query_supported(args.token_class))
		return -EOPNOTSUPP;

	size = kacs_query_fill(h->tok, args.token_class, NULL);
	if (!args.buf_ptr || !args.buf_len || args.buf_len < size) {
		ret = (args.buf_ptr && args.buf_len) ? -ERANGE : 0;
		args.buf_len = size;
		if (copy_to_user(uarg, &args, sizeof(args)))
			return -EFAULT;
		return ret;
	}
	start = (u64)(uintptr_t)uarg;
	if (args.buf_ptr < start + sizeof(args) &&
	    start < args.buf_ptr + size)
		return -EINVAL;

	buf = kzalloc(size ? size : 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	do {
		seq = read_seqbegin(&h->tok->lock);
		kacs_query_fill(h->tok, args.token_class, buf);
	} while (read_seqretry(&h->tok->lock, seq));

	ret = 0;
	if (copy_to_user(u64_to_user_ptr(args.buf_ptr), buf, size))
		ret = -EFAULT;
	kfree(buf);
	if (ret)
		return ret;
	args.buf_len = size;
	if (copy_to_user(uarg, &args, sizeof(args)))
		return -EFAULT;
	return 0;
}

/* ---- KACS_IOC_ADJUST_PRIVS / KACS_IOC_ADJUST_GROUPS ---- */

/* Both adjust ioctls carry 1..KACS_MAX_ADJUST 8-byte entries. */
static void *kacs_adjust_entries(u32 count, u32 pad, u64 data_ptr)
{
	BUILD_BUG_ON(sizeof(struct kacs_priv_entry) != 8 ||
		     sizeof(struct kacs_group_entry) != 8);
	if (pad || count == 0 || count > KACS_MAX_ADJUST)
		return ERR_PTR(-EINVAL);
	return memdup_array_user(u64_to_user_ptr(data_ptr), count, 8);
}

static long kacs_ioc_adjust_privs(struct kacs_handle *h, void __user *uarg)
{
	struct kacs_adjust_privs_args args;
	struct kacs_priv_adjust adj;
	struct kacs_priv_entry *ent;
	u64 prev;
	int ret;

	if (!(h->access & KACS_TOKEN_ADJUST_PRIVILEGES))
		return -EACCES;
	if (copy_from_user(&args, uarg, sizeof(args)))
		return -EFAULT;
	ent = kacs_adjust_entries(args.count, args.pad, args.data_ptr);
	if (IS_ERR(ent))
		return PTR_ERR(ent);
	ret = kacs_priv_adjust_parse(ent, args.count, &adj);
	kfree(ent);
	if (ret)
		return ret;
	/* Fault on the output now rather than after the token changed. */
	if (copy_to_user(uarg, &args, sizeof(args)))
		return -EFAULT;
	ret = kacs_token_adjust_privs(h->tok, &adj, &prev);
	if (ret)
		return ret;
	args.previous_enabled = prev;
	if (copy_to_user(uarg, &args, sizeof(args)))
		return -EFAULT;
	return 0;
}

static long kacs_ioc_adjust_groups(struct kacs_handle *h, void __user *uarg)
{
	struct kacs_adjust_groups_args args;
	struct kacs_group_adjust adj;
	struct kacs_group_entry *ent;
	u64 prev;
	int ret;

	if (!(h->access & KACS_TOKEN_ADJUST_GROUPS))
		return -EACCES;
	if (copy_from_user(&args, uarg, sizeof(args)))
		return -EFAULT;
	ent = kacs_adjust_entries(args.count, args.pad, args.data_ptr);
	if (IS_ERR(ent))
		return PTR_ERR(ent);
	ret = kacs_group_adjust_parse(h->tok, ent, args.count, &adj);
	kfree(ent);
	if (ret)
		return ret;
	/* Fault on the output now rather than after the token changed. */
	if (copy_to_user(uarg, &args, sizeof(args)))
		return -EFAULT;
	kacs_token_adjust_groups(h->tok, &adj, &prev);
	args.previous_state = prev;
	if (copy_to_user(uarg, &args, sizeof(args)))
		return -EFAULT;
	return 0;
}

/* ---- KACS_IOC_DUPLICATE ---- */

static long kacs_ioc_duplicate(struct kacs_handle *h, void __user *uarg)
{
	struct kacs_duplicate_args args;
	struct kacs_duplicate_args __user *ua = uarg;
	struct kacs_token *src = h->tok, *tok, *primary;
	u32 granted;
	int ret;

	if (!(h->access & KACS_TOKEN_DUPLICATE))
		return -EACCES;
	if (copy_from_user(&args, uarg, sizeof(args)))
		return -EFAULT;
	if (args.token_type != KACS_TOKEN_PRIMARY &&
	    args.token_type != KACS_TOKEN_IMPERSONATION)
		return -EINVAL;
	if (args.token_type == KACS_TOKEN_IMPERSONATION) {
		if (args.impersonation_level > KACS_LEVEL_DELEGATION)
			return -EINVAL;
		if (src->type == KACS_TOKEN_IMPERSONATION &&
		    args.impersonation_level > src->level)
			return -EINVAL;
	} else if (kacs_token_is_weak(src)) {
		return -EINVAL;
	}

	primary = kacs_current_primary();
	if (!primary)
		return -EPERM;
	tok = kacs_token_duplicate(src, args.token_type,
				   args.impersonation_level, &primary->user,
				   GFP_KERNEL);
	if (!tok)
		return -ENOMEM;
	ret = kacs_token_open_check(tok, args.access_mask, &granted);
	if (!ret)
		ret = kacs_token_fd_install(tok, granted, &ua->result_fd);
	kacs_token_put(tok);
	return ret < 0 ? ret : 0;
}

/* ---- KACS_IOC_RESTRICT ---- */

static long kacs_ioc_restrict(struct kacs_handle *h, void __user *uarg)
{
	struct kacs_restrict_args args;
	struct kacs_restrict_args __user *ua = uarg;
	struct kacs_token *tok;
	u8 *data = NULL;
	int ret;

	if (!(h->access & KACS_TOKEN_DUPLICATE))
		return -EACCES;
	if (copy_from_user(&args, uarg, sizeof(args)))
		return -EFAULT;
	/* Also bounds data_len before the copy below. */
	if (!kacs_restrict_args_valid(&args))
		return -EINVAL;
	if (args.data_len) {
		data = memdup_user(u64_to_user_ptr(args.data_ptr),
				   args.data_len);
		if (IS_ERR(data))
			return PTR_ERR(data);
	}
	tok = kacs_token_restrict(h->tok, &args, data, GFP_KERNEL);
	kfree(data);
	if (IS_ERR(tok))
		return PTR_ERR(tok);
	ret = kacs_token_fd_install(tok, h->access, &ua->result_fd);
	kacs_token_put(tok);
	return ret < 0 ? ret : 0;
}

/* ---- KACS_IOC_IMPERSONATE ---- */

static long kacs_ioc_impersonate(struct kacs_handle *h)
{
	struct kacs_token *client = h->tok, *server, *tok;
	bool same_user;
	u32 level;

	if (!(h->access & KACS_TOKEN_IMPERSONATE))
		return -EACCES;
	if (client->type != KACS_TOKEN_IMPERSONATION)
		return -EINVAL;
	/*
	 * io_uring workers this thread already has would run its deferred
	 * requests as the primary token (see kacs_task_alloc()).
	 */
	if (kacs_current_uses_io_uring())
		return -EBUSY;
	server = kacs_current_primary();
	if (!server)
		return -EPERM;

	level = client->level;
	if (level == KACS_LEVEL_ANONYMOUS) {
		kacs_set_impersonation(kacs_token_get(kacs_anonymous_token));
		return 0;
	}

	/* Identity gate, judged on the server's primary token. */
	same_user = kacs_sid_equal(&client->user, &server->user);
	if ((!same_user || !client->nrestricted != !server->nrestricted) &&
	    !kacs_token_priv(server, KACS_SE_IMPERSONATE)) {
		if (same_user && server->nrestricted && !client->nrestricted)
			return -EPERM;
		level = min_t(u32, level, KACS_LEVEL_IDENTIFICATION);
	}
	/* Integrity ceiling: no privilege bypasses it. */
	if (client->integrity > server->integrity)
		level = min_t(u32, level, KACS_LEVEL_IDENTIFICATION);

	if (level == client->level) {
		tok = kacs_token_get(client);
	} else {
		tok = kacs_token_copy(client, GFP_KERNEL);
		if (!tok)
			return -ENOMEM;
		tok->level = level;
	}
	kacs_set_impersonation(tok);
	return 0;
}

/* ---- KACS_IOC_INSTALL ---- */

static void kacs_commit_primary(struct cred *new, struct kacs_token *tok)
{
	struct kacs_cred_blob *blob = kacs_cred(new);

	kacs_token_put(blob->token);
	blob->token = kacs_token_get(tok);
	commit_creds(new);
}

/*
 * Run by each sibling on its way back to user space: converge to the
 * process's latest install.  Reading the target here, rather than carrying
 * a token in the work, keeps concurrent or back-to-back installs consistent
 * although task works run in reverse order of queueing.
 */
static void kacs_install_fn(struct callback_head *cb)
{
	struct kacs_psb *psb = kacs_task_psb(current);
	struct kacs_token *tok;
	struct cred *new;

	kfree(cb);
	tok = psb ? kacs_psb_get_install(psb) : NULL;
	if (tok && !(current->flags & PF_EXITING) &&
	    kacs_cred_token(current_real_cred()) != tok) {
		new = prepare_creds();
		if (new)
			kacs_commit_primary(new, tok);
	}
	kacs_token_put(tok);
}

/**
 * kacs_install_catch_up - converge before creating a task
 *
 * A thread whose process installed a new primary token converges on its
 * way back to user space.  Until it has, it must not create a thread or
 * a process: the new task would start, and stay, on the old token.
 * Called from task_alloc.
 *
 * Return: 0 if current runs on its process's latest install (or there
 * was none), -ERESTARTNOINTR after queueing the convergence for current
 * (the clone restarts once it ran), or -ENOMEM.
 */
int kacs_install_catch_up(void)
{
	struct kacs_psb *psb = kacs_task_psb(current);
	struct callback_head *work;
	struct kacs_token *want;

	/* Only compared, never dereferenced: no lock needed. */
	want = psb ? data_race(READ_ONCE(psb->install)) : NULL;
	if (!want || want == kacs_current_primary() ||
	    (current->flags & PF_KTHREAD))
		return 0;
	work = kzalloc(sizeof(*work), GFP_KERNEL);
	if (!work)
		return -ENOMEM;
	init_task_work(work, kacs_install_fn);
	/* TWA_SIGNAL: the restart is handled on the way out */
	if (task_work_add(current, work, TWA_SIGNAL)) {
		kfree(work);
		return 0;
	}
	return -ERESTARTNOINTR;
}

/*
 * The token a process installs from @src: @src itself the first time it
 * becomes a primary token, else a copy of its own, so that no two
 * processes share a primary token object and an adjustment made through
 * one never shows in the other.  *@claimed tells whether @src was taken.
 */
static struct kacs_token *kacs_install_claim(struct kacs_token *src,
					     bool *claimed)
{
	struct kacs_token *copy;

	*claimed = !test_and_set_bit(KACS_TOKEN_IN_USE, &src->flags);
	if (*claimed)
		return kacs_token_get(src);
	copy = kacs_token_copy(src, GFP_KERNEL);
	if (copy)
		set_bit(KACS_TOKEN_IN_USE, &copy->flags);
	return copy;
}

static long kacs_ioc_install(struct kacs_handle *h)
{
	struct kacs_token *tok, *old;
	struct kacs_psb *psb = kacs_task_psb(current);
	struct callback_head **works = NULL;
	struct kacs_psd *psd;
	struct task_struct *t;
	struct cred *new;
	int n = 0, i = 0, nr;
	bool claimed;

	if (!(h->access & KACS_TOKEN_ASSIGN_PRIMARY))
		return -EACCES;
	if (h->tok->type != KACS_TOKEN_PRIMARY)
		return -EINVAL;
	old = kacs_current_primary();
	if (!old || !psb ||
	    !kacs_token_priv(old, KACS_SE_ASSIGN_PRIMARY_TOKEN))
		return -EPERM;

	/* Allocate everything first so that nothing is half-applied. */
	tok = kacs_install_claim(h->tok, &claimed);
	if (!tok)
		return -ENOMEM;
	nr = get_nr_threads(current);
	works = kcalloc(nr, sizeof(*works), GFP_KERNEL);
	if (!works)
		goto nomem;
	for (n = 0; n < nr; n++) {
		works[n] = kzalloc(sizeof(**works), GFP_KERNEL);
		if (!works[n])
			goto nomem;
		init_task_work(works[n], kacs_install_fn);
	}
	psd = kacs_psd_template(tok, GFP_KERNEL);
	if (!psd)
		goto nomem;
	new = prepare_creds();
	if (!new) {
		kacs_psd_put(psd);
		goto nomem;
	}
	/* Record the target before any sibling can run its work. */
	kacs_psb_set_install(psb, tok, old, psd);

	/*
	 * Siblings converge when they next return to user space.  One that
	 * tries to clone before it converged is sent back to converge first
	 * (kacs_install_catch_up()).
	 */
	rcu_read_lock();
	for_each_thread(current, t) {
		if (t == current || i >= nr)
			continue;
		if (!task_work_add(t, works[i], TWA_SIGNAL))
			works[i++] = NULL;
	}
	rcu_read_unlock();

	kacs_commit_primary(new, tok);
	kacs_token_put(tok);
	for (n = 0; n < nr; n++)
		kfree(works[n]);
	kfree(works);
	return 0;
nomem:
	while (works && n-- > 0)
		kfree(works[n]);
	kfree(works);
	/* not installed after all: the next install may take it */
	if (claimed)
		clear_bit(KACS_TOKEN_IN_USE, &h->tok->flags);
	kacs_token_put(tok);
	return -ENOMEM;
}

static long kacs_token_ioctl(struct file *file, unsigned int cmd,
			     unsigned long arg)
{
	struct kacs_handle *h = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case KACS_IOC_QUERY:
		return kacs_ioc_query(h, uarg);
	case KACS_IOC_ADJUST_PRIVS:
		return kacs_ioc_adjust_privs(h, uarg);
	case KACS_IOC_DUPLICATE:
		return kacs_ioc_duplicate(h, uarg);
	case KACS_IOC_INSTALL:
		return kacs_ioc_install(h);
	case KACS_IOC_RESTRICT:
		return kacs_ioc_restrict(h, uarg);
	case KACS_IOC_ADJUST_GROUPS:
		return kacs_ioc_adjust_groups(h, uarg);
	case KACS_IOC_IMPERSONATE:
		return kacs_ioc_impersonate(h);
	}
	return -ENOTTY;
}

static const struct file_operations kacs_token_fops = {
	.release = kacs_token_release,
	.unlocked_ioctl = kacs_token_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};
