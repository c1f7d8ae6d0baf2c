/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS selftest helpers: raw system call wrappers, SID / token spec /
 * security descriptor builders and token query helpers.
 *
 * Shared by the test programs of tools/testing/selftests/kacs/.
 * Everything is static so that each test binary gets its own copy.
 */

#ifndef KACS_SELFTEST_UTIL_H
#define KACS_SELFTEST_UTIL_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/kacs.h>
#include <linux/sched.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif

#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif
#ifndef __NR_pidfd_send_signal
#define __NR_pidfd_send_signal 424
#endif
#ifndef __NR_pidfd_getfd
#define __NR_pidfd_getfd 438
#endif
#ifndef __NR_clone3
#define __NR_clone3 435
#endif

#define KACS_SECURITYFS		"/sys/kernel/security/kacs"
#define KACS_TEST_PIP		KACS_SECURITYFS "/test_pip"
#define KACS_TEST_COUNTS	KACS_SECURITYFS "/test_counts"

#define KACS_SID_MAX		68
#define KACS_SPEC_HDR_SIZE	192

/* ---- raw system calls ------------------------------------------------ */

static inline int kacs_open_self_token(unsigned int flags,
				       __u32 access)
{
	return syscall(__NR_kacs_open_self_token, flags, access);
}

static inline int kacs_open_process_token(int pidfd,
					  __u32 access)
{
	return syscall(__NR_kacs_open_process_token, pidfd, access);
}

static inline int kacs_open_thread_token(int pidfd, int tid,
					 __u32 access)
{
	return syscall(__NR_kacs_open_thread_token, pidfd, tid, access);
}

static inline int kacs_create_token(const void *spec,
				    size_t len)
{
	return syscall(__NR_kacs_create_token, spec, len);
}

static inline int kacs_set_psb(int pidfd, __u32 mitigations)
{
	return syscall(__NR_kacs_set_psb, pidfd, mitigations);
}

static inline int kacs_revert(void)
{
	return syscall(__NR_kacs_revert);
}

static inline long kacs_get_sd(int dirfd, const char *path,
			       __u32 info, void *buf,
			       size_t len, unsigned int flags)
{
	return syscall(__NR_kacs_get_sd, dirfd, path, info, buf, len, flags);
}

static inline long kacs_set_sd(int dirfd, const char *path,
			       __u32 info, const void *buf,
			       size_t len, unsigned int flags)
{
	return syscall(__NR_kacs_set_sd, dirfd, path, info, buf, len, flags);
}

static inline long
kacs_access_check(struct kacs_access_check_args *args)
{
	return syscall(__NR_kacs_access_check, args);
}

static inline int sys_pidfd_open(pid_t pid, unsigned int flags)
{
	return syscall(__NR_pidfd_open, pid, flags);
}

static inline int sys_pidfd_send_signal(int pidfd, int sig)
{
	return syscall(__NR_pidfd_send_signal, pidfd, sig, NULL, 0);
}

static inline int sys_pidfd_getfd(int pidfd, int fd)
{
	return syscall(__NR_pidfd_getfd, pidfd, fd, 0);
}

static inline pid_t sys_gettid(void)
{
	return syscall(SYS_gettid);
}

/* ---- SIDs ---------------------------------------------------------------- */

struct kacs_tsid {
	__u8 b[KACS_SID_MAX];
	__u32 len;
};

/* kacs_tsid_make(&sid, authority, n, sub0, sub1, ...) */
static inline void kacs_tsid_make(struct kacs_tsid *sid,
				  __u64 authority, int n, ...)
{
	va_list ap;
	int i;

	memset(sid, 0, sizeof(*sid));
	sid->b[0] = 1;
	sid->b[1] = n;
	for (i = 0; i < 6; i++)
		sid->b[2 + i] = authority >> (8 * (5 - i));
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		__u32 v = va_arg(ap, __u32);

		memcpy(&sid->b[8 + 4 * i], &v, 4);
	}
	va_end(ap);
	sid->len = 8 + 4 * n;
}

static inline void kacs_tsid_from(struct kacs_tsid *sid,
				  const void *buf, size_t len)
{
	memset(sid, 0, sizeof(*sid));
	if (len > KACS_SID_MAX)
		len = KACS_SID_MAX;
	memcpy(sid->b, buf, len);
	sid->len = len;
}

static inline bool kacs_tsid_eq(const struct kacs_tsid *a,
				const struct kacs_tsid *b)
{
	return a->len == b->len && !memcmp(a->b, b->b, a->len);
}

/* Length of a binary SID at @p with @avail bytes, 0 if malformed. */
static inline size_t kacs_sid_size(const __u8 *p, size_t avail)
{
	size_t l;

	if (avail < 8 || p[0] != 1 || p[1] > 15)
		return 0;
	l = 8 + 4 * p[1];
	return l <= avail ? l : 0;
}

static inline char *kacs_sid_str(const __u8 *p, size_t len,
				 char *out, size_t outlen)
{
	__u64 auth = 0;
	size_t off;
	int i, n;

	if (!kacs_sid_size(p, len)) {
		snprintf(out, outlen, "<bad sid>");
		return out;
	}
	for (i = 0; i < 6; i++)
		auth = (auth << 8) | p[2 + i];
	if (auth >> 32)
		n = snprintf(out, outlen, "S-1-0x%012llx",
			     (unsigned long long)auth);
	else
		n = snprintf(out, outlen, "S-1-%llu", (unsigned long long)auth);
	off = n;
	for (i = 0; i < p[1] && off < outlen; i++) {
		__u32 v;

		memcpy(&v, p + 8 + 4 * i, 4);
		off += snprintf(out + off, outlen - off, "-%u", v);
	}
	return out;
}

/* Well-known SIDs */
static inline void kacs_sid_system(struct kacs_tsid *s)
{
	kacs_tsid_make(s, 5, 1, 18);
}

static inline void kacs_sid_admins(struct kacs_tsid *s)
{
	kacs_tsid_make(s, 5, 2, 32, 544);
}

static inline void kacs_sid_everyone(struct kacs_tsid *s)
{
	kacs_tsid_make(s, 1, 1, 0);
}

/* The test principals: S-1-5-21-100-200-300-<rid> */
#define KACS_RID_ALICE		1001
#define KACS_RID_BOB		1002
#define KACS_RID_NOBODY_GROUP	1999

static inline void kacs_sid_user(struct kacs_tsid *s, __u32 rid)
{
	kacs_tsid_make(s, 5, 5, 21, 100, 200, 300, rid);
}

/* ---- token creation ----------------------------------------------------- */

struct kacs_tok_params {
	const struct kacs_tsid *user;
	const struct kacs_tsid *groups;	/* array */
	const __u32 *group_attrs;	/* array */
	unsigned int ngroups;
	__u8 token_type;
	__u8 level;
	__u32 integrity;
	__u32 policy;
	__u64 privs_present;
	__u64 privs_enabled;
	__u32 owner_index;
	__u32 group_index;
};

/*
 * Serialise a v2 token spec into @buf (at least 4 KiB).  Returns its length.
 */
static inline size_t kacs_build_spec(void *buf, size_t buflen,
				     const struct kacs_tok_params *p)
{
	struct kacs_token_spec *h = buf;
	__u8 *d = buf;
	size_t off = KACS_SPEC_HDR_SIZE;
	unsigned int i;

	memset(buf, 0, buflen);
	h->version = KACS_TOKEN_SPEC_VERSION;
	h->token_type = p->token_type;
	h->impersonation_level = p->level;
	h->integrity_rid = p->integrity;
	h->mandatory_policy = p->policy;
	h->privs_present = p->privs_present;
	h->privs_enabled = p->privs_enabled;
	h->projected_uid = 1000 + (p->user->b[p->user->len - 4] & 0xff);
	h->projected_gid = 1000;
	h->owner_sid_index = p->owner_index;
	h->primary_group_index = p->group_index;
	memcpy(h->source_name, "KacsTest", 8);
	h->user_sid_offset = off;
	memcpy(d + off, p->user->b, p->user->len);
	off += p->user->len;
	h->groups_offset = off;
	h->groups_count = p->ngroups;
	for (i = 0; i < p->ngroups; i++) {
		__u32 l = p->groups[i].len;

		memcpy(d + off, &l, 4);
		memcpy(d + off + 4, p->groups[i].b, l);
		memcpy(d + off + 4 + l, &p->group_attrs[i], 4);
		off += 8 + l;
	}
	return off;
}

#define KACS_GRP_DEFAULT (KACS_SE_GROUP_MANDATORY | \
			  KACS_SE_GROUP_ENABLED_BY_DEFAULT | \
			  KACS_SE_GROUP_ENABLED)

/*
 * Fill @p for a plain user S-1-5-21-100-200-300-<rid>: groups Domain Users
 * (-513), Everyone, BUILTIN\Users, Authenticated Users; Medium integrity;
 * SeChangeNotifyPrivilege plus @extra_privs present and enabled.
 */
struct kacs_user_spec {
	struct kacs_tsid user;
	struct kacs_tsid groups[4];
	__u32 attrs[4];
	struct kacs_tok_params p;
};

static inline void kacs_user_spec_init(struct kacs_user_spec *u,
				       __u32 rid, __u8 type,
				       __u8 level, __u64 extra_privs)
{
	unsigned int i;

	memset(u, 0, sizeof(*u));
	kacs_sid_user(&u->user, rid);
	kacs_tsid_make(&u->groups[0], 5, 5, 21, 100, 200, 300, 513);
	kacs_sid_everyone(&u->groups[1]);
	kacs_tsid_make(&u->groups[2], 5, 2, 32, 545);
	kacs_tsid_make(&u->groups[3], 5, 1, 11);
	for (i = 0; i < 4; i++)
		u->attrs[i] = KACS_GRP_DEFAULT;
	u->p.user = &u->user;
	u->p.groups = u->groups;
	u->p.group_attrs = u->attrs;
	u->p.ngroups = 4;
	u->p.token_type = type;
	u->p.level = type == KACS_TOKEN_PRIMARY ? KACS_LEVEL_ANONYMOUS : level;
	u->p.integrity = KACS_INTEGRITY_MEDIUM;
	u->p.policy = KACS_POLICY_NO_WRITE_UP;
	u->p.privs_present = KACS_PRIV(KACS_SE_CHANGE_NOTIFY) | extra_privs;
	u->p.privs_enabled = u->p.privs_present;
	u->p.owner_index = 0;
	u->p.group_index = 1;
}

/* Mint a token for user <rid>; returns the fd or -errno. */
static inline int kacs_mint_user(__u32 rid, __u8 type, __u8 level,
				 __u64 extra_privs)
{
	struct kacs_user_spec u;
	static __u8 buf[4096];
	size_t len;
	int fd;

	kacs_user_spec_init(&u, rid, type, level, extra_privs);
	len = kacs_build_spec(buf, sizeof(buf), &u.p);
	fd = kacs_create_token(buf, len);
	return fd < 0 ? -errno : fd;
}

/* ---- token fd ioctls ------------------------------------------------------ */

/* Query @class into @buf; returns the payload size or -errno. */
static inline long kacs_query(int fd, __u32 cls, void *buf, __u32 len)
{
	struct kacs_query_args a = {
		.token_class = cls,
		.buf_len = len,
		.buf_ptr = (__u64)(uintptr_t)buf,
	};

	if (ioctl(fd, KACS_IOC_QUERY, &a) < 0)
		return -errno;
	return a.buf_len;
}

static inline int kacs_stats(int fd, struct kacs_token_statistics *st)
{
	long r = kacs_query(fd, KACS_TOKEN_CLASS_STATISTICS, st, sizeof(*st));

	return r < 0 ? (int)r : 0;
}

static inline int kacs_privs(int fd, struct kacs_token_privileges *p)
{
	long r = kacs_query(fd, KACS_TOKEN_CLASS_PRIVILEGES, p, sizeof(*p));

	return r < 0 ? (int)r : 0;
}

static inline int kacs_user(int fd, struct kacs_tsid *sid)
{
	__u8 buf[KACS_SID_MAX];
	long r = kacs_query(fd, KACS_TOKEN_CLASS_USER, buf, sizeof(buf));

	if (r < 0)
		return r;
	kacs_tsid_from(sid, buf, r);
	return 0;
}

static inline long kacs_u32_class(int fd, __u32 cls)
{
	__u32 v = 0;
	long r = kacs_query(fd, cls, &v, sizeof(v));

	return r < 0 ? r : (long)v;
}

/* Adjust one privilege (@attr: KACS_SE_PRIVILEGE_*) on @fd. */
static inline int kacs_adjust_priv(int fd, unsigned int bit,
				   __u32 attr)
{
	struct kacs_priv_entry e = { .luid = bit, .attributes = attr };
	struct kacs_adjust_privs_args a = {
		.count = 1,
		.data_ptr = (__u64)(uintptr_t)&e,
	};

	return ioctl(fd, KACS_IOC_ADJUST_PRIVS, &a) < 0 ? -errno : 0;
}

/* Enable/disable a privilege on the caller's primary token. */
static inline int kacs_self_priv(unsigned int bit, bool enable)
{
	int fd = kacs_open_self_token(KACS_REAL_TOKEN,
				      KACS_TOKEN_QUERY |
				      KACS_TOKEN_ADJUST_PRIVILEGES);
	int r;

	if (fd < 0)
		return -errno;
	r = kacs_adjust_priv(fd, bit, enable ? KACS_SE_PRIVILEGE_ENABLED :
			     KACS_SE_PRIVILEGE_DISABLED);
	close(fd);
	return r;
}

static inline int kacs_duplicate(int fd, __u32 access, __u32 type,
				 __u32 level)
{
	struct kacs_duplicate_args a = {
		.access_mask = access,
		.token_type = type,
		.impersonation_level = level,
		.result_fd = -1,
	};

	if (ioctl(fd, KACS_IOC_DUPLICATE, &a) < 0)
		return -errno;
	return a.result_fd;
}

static inline int kacs_impersonate(int fd)
{
	return ioctl(fd, KACS_IOC_IMPERSONATE) < 0 ? -errno : 0;
}

static inline int kacs_install(int fd)
{
	return ioctl(fd, KACS_IOC_INSTALL) < 0 ? -errno : 0;
}

/*
 * Restrict @fd: delete @privs, add one restricting SID @rsid (may be NULL).
 * Returns the new fd or -errno.
 */
static inline int kacs_restrict(int fd, __u64 privs,
				const struct kacs_tsid *rsid)
{
	struct kacs_restrict_args a = {
		.privs_to_delete = privs,
		.result_fd = -1,
	};

	/* Restricting SIDs are packed binary SIDs (2-ioctls.md RESTRICT). */
	if (rsid) {
		a.num_restrict_sids = 1;
		a.data_len = rsid->len;
		a.data_ptr = (__u64)(uintptr_t)rsid->b;
	}
	if (ioctl(fd, KACS_IOC_RESTRICT, &a) < 0)
		return -errno;
	return a.result_fd;
}

/* Statistics / user / type of the calling thread's tokens. */
static inline int kacs_self_stats(bool real,
				  struct kacs_token_statistics *st)
{
	int fd = kacs_open_self_token(real ? KACS_REAL_TOKEN : 0,
				      KACS_TOKEN_QUERY);
	int r;

	if (fd < 0)
		return -errno;
	r = kacs_stats(fd, st);
	close(fd);
	return r;
}

static inline int kacs_self_user(bool real, struct kacs_tsid *sid)
{
	int fd = kacs_open_self_token(real ? KACS_REAL_TOKEN : 0,
				      KACS_TOKEN_QUERY);
	int r;

	if (fd < 0)
		return -errno;
	r = kacs_user(fd, sid);
	close(fd);
	return r;
}

/* Effective token of thread @tid of the process behind @pidfd. */
static inline int kacs_thread_view(int pidfd, pid_t tid,
				   struct kacs_token_statistics *st,
				   struct kacs_tsid *user)
{
	int fd = kacs_open_thread_token(pidfd, tid, KACS_TOKEN_QUERY);
	int r = 0;

	if (fd < 0)
		return -errno;
	if (st)
		r = kacs_stats(fd, st);
	if (!r && user)
		r = kacs_user(fd, user);
	close(fd);
	return r;
}

/* ---- security descriptors ------------------------------------------------- */

struct kacs_ace_def {
	__u8 type;
	__u8 flags;
	__u32 mask;
	const struct kacs_tsid *sid;
};

/*
 * Build a self-relative SD: header, owner, group, DACL (NULL @aces with
 * @dacl_present false = no DACL).  Returns the size.
 */
static inline size_t kacs_build_sd(void *buf, size_t buflen,
				   const struct kacs_tsid *owner,
				   const struct kacs_tsid *group,
				   const struct kacs_ace_def *aces,
				   unsigned int n, bool dacl_present)
{
	__u8 *b = buf;
	size_t off = 20, acl;
	__u16 control = KACS_SE_SELF_RELATIVE, v16;
	__u32 v;
	unsigned int i;

	memset(buf, 0, buflen);
	b[0] = 1;
	if (owner) {
		v = off;
		memcpy(b + 4, &v, 4);
		memcpy(b + off, owner->b, owner->len);
		off += owner->len;
	}
	if (group) {
		v = off;
		memcpy(b + 8, &v, 4);
		memcpy(b + off, group->b, group->len);
		off += group->len;
	}
	if (dacl_present) {
		control |= KACS_SE_DACL_PRESENT;
		v = off;
		memcpy(b + 16, &v, 4);
		acl = off;
		off += 8;
		for (i = 0; i < n; i++) {
			__u16 sz = 8 + aces[i].sid->len;

			b[off] = aces[i].type;
			b[off + 1] = aces[i].flags;
			memcpy(b + off + 2, &sz, 2);
			memcpy(b + off + 4, &aces[i].mask, 4);
			memcpy(b + off + 8, aces[i].sid->b, aces[i].sid->len);
			off += sz;
		}
		b[acl] = KACS_ACL_REVISION;
		v16 = off - acl;
		memcpy(b + acl + 2, &v16, 2);
		v16 = n;
		memcpy(b + acl + 4, &v16, 2);
	}
	memcpy(b + 2, &control, 2);
	return off;
}

/* Extract the owner SID of a self-relative SD; 0 or -EINVAL. */
static inline int kacs_sd_owner(const void *sd, size_t len,
				struct kacs_tsid *owner)
{
	const __u8 *b = sd;
	__u32 off;
	size_t l;

	if (len < 20)
		return -EINVAL;
	memcpy(&off, b + 4, 4);
	if (!off || off >= len)
		return -EINVAL;
	l = kacs_sid_size(b + off, len - off);
	if (!l)
		return -EINVAL;
	kacs_tsid_from(owner, b + off, l);
	return 0;
}

/* Owner of the process SD behind @pidfd (needs READ_CONTROL). */
static inline int kacs_process_owner(int pidfd, struct kacs_tsid *o)
{
	__u8 buf[1024];
	long r = kacs_get_sd(pidfd, "", KACS_OWNER_SECURITY_INFORMATION, buf,
			     sizeof(buf), AT_EMPTY_PATH);

	if (r < 0)
		return -errno;
	return kacs_sd_owner(buf, r, o);
}

/*
 * Replace the DACL of the process behind @pidfd by a single
 * ALLOW <sid> <mask> (owner kept).
 */
static inline int kacs_process_set_dacl1(int pidfd,
					 const struct kacs_tsid *sid,
					 __u32 mask)
{
	struct kacs_ace_def ace = { KACS_ACCESS_ALLOWED_ACE_TYPE, 0, mask, sid };
	__u8 sd[256];
	size_t len = kacs_build_sd(sd, sizeof(sd), NULL, NULL, &ace, 1, true);

	if (kacs_set_sd(pidfd, "", KACS_DACL_SECURITY_INFORMATION, sd, len,
			AT_EMPTY_PATH) < 0)
		return -errno;
	return 0;
}

/* ---- securityfs test knobs ------------------------------------------------ */

static inline int kacs_pip_set(unsigned int type, unsigned int trust)
{
	char b[64];
	int fd = open(KACS_TEST_PIP, O_WRONLY | O_CLOEXEC);
	int n, r;

	if (fd < 0)
		return -errno;
	n = snprintf(b, sizeof(b), "%u %u\n", type, trust);
	r = write(fd, b, n);
	r = r == n ? 0 : -errno;
	close(fd);
	return r;
}

static inline int kacs_pip_get(unsigned int *type,
			       unsigned int *trust)
{
	char b[64] = {0};
	int fd = open(KACS_TEST_PIP, O_RDONLY | O_CLOEXEC);
	int r;

	if (fd < 0)
		return -errno;
	r = read(fd, b, sizeof(b) - 1);
	close(fd);
	if (r <= 0)
		return -EIO;
	return sscanf(b, "%u %u", type, trust) == 2 ? 0 : -EIO;
}

#define KACS_MAX_COUNTERS 16

/*
 * What KACS has allocated, as far as a test can see it:
 *
 * - the kernel's live object counters from test_counts, one "name value"
 *   pair a line (today "tokens" and "psbs");
 * - the thread groups that exist (user and kernel), from /proc: each one
 *   owns exactly one primary token copy and one PSB, kernel threads
 *   included, so those two counters move with the number of processes;
 * - the token fds installed in any process, found as
 *   anon_inode:kacs-token links under /proc/<pid>/fd.
 *
 * Counters the kernel may add later are held to their baseline, unless
 * kacs_counter_per_process() says they move with the process count.
 */
struct kacs_counts {
	unsigned int n;
	char name[KACS_MAX_COUNTERS][32];
	long long val[KACS_MAX_COUNTERS];
	long long user_procs;	/* thread groups that are not kernel threads */
	long long kernel_procs;
	long long token_fds;	/* token fds installed in any process */
	long long hidden;	/* fd tables that could not be read */
};

/* Objects one thread group owns of counter @name (0: none). */
static inline int kacs_counter_per_process(const char *name)
{
	if (!strcmp(name, "tokens") || !strcmp(name, "psbs") ||
	    !strcmp(name, "process_sds"))
		return 1;
	return 0;
}

static inline long long kacs_count_token_fds(const char *pid, long long *hidden)
{
	char path[600], link[64];
	struct dirent *de;
	long long n = 0;
	ssize_t l;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%s/fd", pid);
	d = opendir(path);
	if (!d) {
		/* a process that exited meanwhile hides nothing */
		if (errno != ENOENT)
			(*hidden)++;
		return 0;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/fd/%s", pid, de->d_name);
		l = readlink(path, link, sizeof(link) - 1);
		if (l <= 0)
			continue;
		link[l] = 0;
		if (!strcmp(link, "anon_inode:kacs-token"))
			n++;
	}
	closedir(d);
	return n;
}

static inline void kacs_count_procs(struct kacs_counts *c)
{
	char path[300], buf[512];
	unsigned long flags;
	struct dirent *de;
	char *p;
	DIR *d;
	int fd, r, i;

	c->user_procs = 0;
	c->kernel_procs = 0;
	c->token_fds = 0;
	c->hidden = 0;
	d = opendir("/proc");
	if (!d) {
		c->hidden = 1;
		return;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			if (errno != ENOENT)
				c->hidden++;
			continue;
		}
		r = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (r <= 0)
			continue;
		buf[r] = 0;
		p = strrchr(buf, ')');
		if (!p)
			continue;
		/* fields after ')': state ppid pgrp session tty tpgid flags */
		for (i = 0; i < 7 && p; i++)
			p = strchr(p + 1, ' ');
		if (!p)
			continue;
		flags = strtoul(p + 1, NULL, 10);
		if (flags & 0x00200000) {	/* PF_KTHREAD */
			c->kernel_procs++;
		} else {
			c->user_procs++;
			c->token_fds += kacs_count_token_fds(de->d_name,
							     &c->hidden);
		}
	}
	closedir(d);
}

/* Read test_counts and /proc; returns 0 or -errno. */
static inline int kacs_counts_read(struct kacs_counts *c)
{
	char buf[1024] = {0}, *line, *save = NULL;
	int fd = open(KACS_TEST_COUNTS, O_RDONLY | O_CLOEXEC);
	int r;

	memset(c, 0, sizeof(*c));
	if (fd < 0)
		return -errno;
	r = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (r <= 0)
		return -EIO;
	for (line = strtok_r(buf, "\n", &save); line && c->n < KACS_MAX_COUNTERS;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%31s %lld", c->name[c->n], &c->val[c->n]) == 2)
			c->n++;
	}
	kacs_count_procs(c);
	return c->n ? 0 : -EIO;
}

/* kacs_counts_leak() results besides a counter index */
#define KACS_LEAK_NONE		(-1)
#define KACS_LEAK_TOKEN_FDS	(-2)	/* token fds not closed */
#define KACS_LEAK_SHAPE		(-3)	/* counters appeared or vanished */
#define KACS_LEAK_HIDDEN	(-4)	/* some fd table was unreadable */
#define KACS_LEAK_UNREADABLE	(-5)	/* test_counts unreadable */

/*
 * Compare @now against @base.  A counter may exceed its baseline by its
 * per-process share of the change in the number of thread groups, kernel
 * threads counted as exactly as user processes (a kernel thread that
 * exits meanwhile takes its token and PSB with it, so it cannot hide a
 * leak), and by nothing else; token fds must be back to their baseline.
 * Only growth is a leak: objects whose release was still pending (RCU,
 * task reaping) when the baseline was read may be gone by now.
 *
 * Returns the index of the first counter off balance, KACS_LEAK_NONE or
 * one of the KACS_LEAK_* codes above.
 */
static inline int kacs_counts_leak(const struct kacs_counts *base,
				   const struct kacs_counts *now)
{
	long long dp = now->user_procs + now->kernel_procs -
		       base->user_procs - base->kernel_procs;
	unsigned int i;

	if (base->n != now->n)
		return KACS_LEAK_SHAPE;
	for (i = 0; i < base->n; i++) {
		if (strcmp(base->name[i], now->name[i]))
			return KACS_LEAK_SHAPE;
		if (now->val[i] - base->val[i] >
		    kacs_counter_per_process(now->name[i]) * dp)
			return i;
	}
	if (now->hidden || base->hidden)
		return KACS_LEAK_HIDDEN;
	if (now->token_fds > base->token_fds)
		return KACS_LEAK_TOKEN_FDS;
	return KACS_LEAK_NONE;
}

/* Describe a kacs_counts_leak() result into @out. */
static inline const char *kacs_leak_str(int bad, const struct kacs_counts *base,
					const struct kacs_counts *now,
					char *out, size_t len)
{
	int o;

	if (bad >= 0)
		o = snprintf(out, len, "%s %lld -> %lld", now->name[bad],
			     base->val[bad], now->val[bad]);
	else if (bad == KACS_LEAK_TOKEN_FDS)
		o = snprintf(out, len, "token fds %lld -> %lld",
			     base->token_fds, now->token_fds);
	else if (bad == KACS_LEAK_SHAPE)
		o = snprintf(out, len, "test_counts changed shape (%u -> %u)",
			     base->n, now->n);
	else if (bad == KACS_LEAK_HIDDEN)
		o = snprintf(out, len, "%lld fd tables unreadable",
			     now->hidden + base->hidden);
	else if (bad == KACS_LEAK_UNREADABLE)
		o = snprintf(out, len, "test_counts unreadable");
	else
		o = snprintf(out, len, "balanced");
	if (o >= 0 && (size_t)o < len)
		snprintf(out + o, len - o,
			 " (user procs %lld -> %lld, kthreads %lld -> %lld)",
			 base->user_procs, now->user_procs,
			 base->kernel_procs, now->kernel_procs);
	return out;
}

static inline bool kacs_counts_same(const struct kacs_counts *a,
				    const struct kacs_counts *b)
{
	return a->n == b->n && !memcmp(a->val, b->val, sizeof(a->val)) &&
	       a->user_procs == b->user_procs &&
	       a->kernel_procs == b->kernel_procs &&
	       a->token_fds == b->token_fds && !a->hidden && !b->hidden;
}

/*
 * Read a baseline once the counters are stable: two reads 300 ms apart
 * that agree, so that releases still pending from earlier work do not
 * inflate it.  Fails with -EAGAIN if they never agree within 6 s: a
 * baseline taken while objects come and go could hide a leak.
 */
static inline int kacs_counts_baseline(struct kacs_counts *c)
{
	struct kacs_counts prev;
	int i, r;

	r = kacs_counts_read(&prev);
	for (i = 0; !r && i < 20; i++) {
		usleep(300000);
		r = kacs_counts_read(c);
		if (!r && kacs_counts_same(c, &prev))
			return 0;
		prev = *c;
	}
	return r ? r : -EAGAIN;
}

/*
 * Poll up to @ms milliseconds for the counters to come back to @base.
 * Returns KACS_LEAK_NONE, or what kacs_counts_leak() found last.
 */
static inline int kacs_counts_settle(const struct kacs_counts *base,
				     struct kacs_counts *now, int ms)
{
	struct timespec t0, t;
	int bad;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		bad = kacs_counts_read(now) ? KACS_LEAK_UNREADABLE :
					      kacs_counts_leak(base, now);
		if (bad == KACS_LEAK_NONE)
			return bad;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if ((t.tv_sec - t0.tv_sec) * 1000 +
		    (t.tv_nsec - t0.tv_nsec) / 1000000 > ms)
			return bad;
		usleep(100000);
	}
}

/* ---- KACS must be active ----------------------------------------------- */

#define KACS_LSM_LIST		"/sys/kernel/security/lsm"

/*
 * Is "kacs" one of the active LSMs?  Returns 1 or 0, or -errno when the
 * list cannot be read; @lsm receives the list (or is empty).
 */
static inline int kacs_lsm_active(char *lsm, size_t len)
{
	int fd = open(KACS_LSM_LIST, O_RDONLY | O_CLOEXEC);
	char *tok, *save = NULL, list[512];
	ssize_t n;

	lsm[0] = 0;
	if (fd < 0)
		return -errno;
	n = read(fd, list, sizeof(list) - 1);
	close(fd);
	if (n < 0)
		return -EIO;
	list[n] = 0;
	list[strcspn(list, "\n")] = 0;
	snprintf(lsm, len, "%s", list);
	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		if (!strcmp(tok, "kacs"))
			return 1;
	return 0;
}

/* ---- the helper program ------------------------------------------------- */

#define KACS_HELPER		"kacs_helper"

/*
 * Path of kacs_helper, which is installed next to the test programs.
 * Call it once before creating threads or CLONE_VM children.
 */
static inline const char *kacs_helper_path(void)
{
	static char path[4096];
	char *slash;
	ssize_t n;

	if (path[0])
		return path;
	n = readlink("/proc/self/exe", path,
		     sizeof(path) - sizeof(KACS_HELPER) - 1);
	if (n <= 0) {
		snprintf(path, sizeof(path), "./%s", KACS_HELPER);
		return path;
	}
	path[n] = 0;
	slash = strrchr(path, '/');
	slash = slash ? slash + 1 : path;
	memcpy(slash, KACS_HELPER, sizeof(KACS_HELPER));
	return path;
}

/* What "kacs_helper exec-report FD" writes to FD about its fresh image. */
struct kacs_exec_report {
	int err;		/* non-zero: the step that failed */
	struct kacs_token_statistics eff, real;
	long eff_type;
	struct kacs_tsid user;
	unsigned int pip_type, pip_trust;
	__u8 dacl[256];
	long dacl_len;
};

/*
 * KACS_HARNESS_MAIN: the main() of a KACS test program, in place of
 * TEST_HARNESS_MAIN.
 *
 * It skips the whole program, saying why, unless KACS is an active LSM,
 * so that the tests are harmless on other kernels.
 *
 * It then adds one last test, leak.counts_back_to_baseline, which fails
 * if anything KACS allocated since the program started is still alive
 * once every other test has run.  The harness runs its fixtures in list
 * order and its constructors build that list; main() runs after all of
 * them, and moves the leak fixture to the end of the list explicitly, so
 * the order does not depend on names, on the order of definition or on
 * the order in which the toolchain runs constructors.  The leak test
 * asserts that it is last.  The baseline is read in main() too, before
 * any test runs.
 */
#ifdef __KSELFTEST_HARNESS_H
static inline void kacs_fixture_run_last(struct __fixture_metadata *f)
{
	struct __fixture_metadata *head = __fixture_list, *tail;

	if (!f->next)
		return;				/* already last */
	if (f == head) {
		head = f->next;
		head->prev = f->prev;
	} else {
		f->prev->next = f->next;
		f->next->prev = f->prev;
	}
	tail = head->prev;
	tail->next = f;
	f->prev = tail;
	f->next = NULL;
	head->prev = f;
	__fixture_list = head;
}

static inline void kacs_require_active(void)
{
	char lsm[512];
	int r = kacs_lsm_active(lsm, sizeof(lsm));

	/*
	 * Without KACS there is nothing to test: skip, saying why, so the
	 * target is harmless on other kernels.  On the KACS kernel the
	 * judge fails a skipped binary (scripts/manifest.txt "noskip").
	 */
	if (r < 0)
		ksft_exit_skip("KACS is not active: cannot read %s: %s\n",
			       KACS_LSM_LIST, strerror(-r));
	if (!r)
		ksft_exit_skip("KACS is not an active LSM (%s: %s)\n",
			       KACS_LSM_LIST, lsm);
}

static struct kacs_counts kacs_leak_base;
static int kacs_leak_base_err = -ENODATA;

/* The body of main(): does not return. */
static inline __noreturn void
kacs_harness_run(int argc, char **argv, struct __fixture_metadata *leak)
{
	kacs_require_active();
	kacs_fixture_run_last(leak);
	kacs_leak_base_err = kacs_counts_baseline(&kacs_leak_base);
	exit(test_harness_run(argc, argv));
}

#define KACS_HARNESS_MAIN						\
FIXTURE(leak) {								\
	int unused;							\
};									\
									\
FIXTURE_SETUP(leak)							\
{									\
}									\
									\
FIXTURE_TEARDOWN(leak)							\
{									\
}									\
									\
TEST_F_TIMEOUT(leak, counts_back_to_baseline, 120)			\
{									\
	struct kacs_counts now;						\
	char msg[256];							\
	int bad;							\
									\
	ASSERT_EQ(NULL, _leak_fixture_object.next)			\
		TH_LOG("the leak check must run after every other test"); \
	ASSERT_EQ(0, kacs_leak_base_err)				\
		TH_LOG("no stable baseline of test_counts: %s",		\
		       strerror(-kacs_leak_base_err));			\
	bad = kacs_counts_settle(&kacs_leak_base, &now, 30000);	\
	EXPECT_EQ(KACS_LEAK_NONE, bad)					\
		TH_LOG("leak: %s", kacs_leak_str(bad, &kacs_leak_base,	\
						 &now, msg, sizeof(msg)));	\
}									\
									\
int main(int argc, char **argv)						\
{									\
	kacs_harness_run(argc, argv, &_leak_fixture_object);		\
}
#endif

/* ---- process creation ----------------------------------------------------- */

#define KACS_STACK_SIZE (256 * 1024)

/*
 * clone3() that runs @fn(@arg) on the stack given in @ca (required) and
 * exits with its return value; the parent gets the pid or -errno.  Works
 * for CLONE_VM children, which cannot return through the caller's frame.
 */
static inline long
kacs_clone3_fn(struct clone_args *ca, int (*fn)(void *), void *arg)
{
	register long rax __asm__("rax") = __NR_clone3;
	register void *rdi __asm__("rdi") = ca;
	register long rsi __asm__("rsi") = sizeof(*ca);
	register void *r12 __asm__("r12") = (void *)fn;
	register void *r13 __asm__("r13") = arg;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "xor %%ebp, %%ebp\n\t"
			 "mov %%r13, %%rdi\n\t"
			 "call *%%r12\n\t"
			 "mov %%eax, %%edi\n\t"
			 "mov $60, %%eax\n\t"
			 "syscall\n\t"
			 "hlt\n"
			 "1:\n\t"
			 : "+r"(rax)
			 : "r"(rdi), "r"(rsi), "r"(r12), "r"(r13)
			 : "rcx", "r11", "memory");
	return rax;
}

struct kacs_spawn {
	bool clone3;		/* false: legacy clone(2) */
	__u64 flags;		/* CLONE_* without the exit signal */
	int exit_signal;
	int pidfd;		/* out (CLONE_PIDFD) */
	pid_t *parent_tid;	/* CLONE_PARENT_SETTID / legacy CLONE_PIDFD */
	pid_t *child_tid;
	unsigned long tls;
	int cgroup_fd;
	void *stack;		/* allocated by kacs_spawn_run(), freed by caller */
};

/*
 * Create a child running @fn(@arg) with the flags in @s, through clone3()
 * or the legacy clone(2) system call.  Returns the pid or -errno.
 */
static inline pid_t kacs_spawn_run(struct kacs_spawn *s,
				   int (*fn)(void *), void *arg)
{
	long r;

	s->stack = mmap(NULL, KACS_STACK_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (s->stack == MAP_FAILED) {
		s->stack = NULL;
		return -ENOMEM;
	}
	if (s->clone3) {
		struct clone_args ca = {
			.flags = s->flags,
			.exit_signal = s->exit_signal,
			.stack = (__u64)(uintptr_t)s->stack,
			.stack_size = KACS_STACK_SIZE,
			.tls = s->tls,
			.pidfd = (__u64)(uintptr_t)&s->pidfd,
			.parent_tid = (__u64)(uintptr_t)s->parent_tid,
			.child_tid = (__u64)(uintptr_t)s->child_tid,
			.cgroup = s->cgroup_fd,
		};

		r = kacs_clone3_fn(&ca, fn, arg);
		return r;
	}
	r = clone(fn, (char *)s->stack + KACS_STACK_SIZE,
		  (int)(s->flags | s->exit_signal), arg,
		  (s->flags & CLONE_PIDFD) ? (pid_t *)&s->pidfd : s->parent_tid,
		  (void *)s->tls, s->child_tid);
	return r < 0 ? -errno : r;
}

static inline void kacs_spawn_done(struct kacs_spawn *s)
{
	if (s->stack)
		munmap(s->stack, KACS_STACK_SIZE);
	s->stack = NULL;
}

/* Wait for @pid (any exit signal); returns its exit code, or 128+sig. */
static inline int kacs_reap(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, __WALL) != pid)
		return -1;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return 128 + WTERMSIG(st);
}

/* ---- a target process ------------------------------------------------------ */

struct kacs_target {
	pid_t pid;
	int pidfd;
	int cmd[2], ack[2];
};

/* The kernel's sigaction, to ignore the signals glibc reserves too. */
struct kacs_ksigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long mask;
};

static inline void kacs_ignore_all_signals(void)
{
	struct kacs_ksigaction ign = { SIG_IGN, 0, NULL, 0 };
	int s;

	for (s = 1; s <= 64; s++)
		if (s != SIGKILL && s != SIGSTOP)
			syscall(SYS_rt_sigaction, s, &ign, NULL, 8);
}

/*
 * Start a child that idles until told, and answers each command with one
 * byte: 'P' sets its PIP to 512/8192 ('K', or 'E' if that failed), 'F'
 * forks once ('0' + the errno, '0' if it worked); 'Q' or EOF ends it
 * without an answer.  With @ignore_signals it ignores every signal it can.
 * It dies with its parent.  Returns 0, or -1 with nothing to stop.
 */
static inline int kacs_target_start(struct kacs_target *t, bool ignore_signals)
{
	char b;

	if (pipe(t->cmd))
		return -1;
	if (pipe(t->ack)) {
		close(t->cmd[0]);
		close(t->cmd[1]);
		return -1;
	}
	t->pid = fork();
	if (t->pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (ignore_signals)
			kacs_ignore_all_signals();
		for (;;) {
			int n = read(t->cmd[0], &b, 1);
			pid_t c;

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0 || b == 'Q')
				_exit(0);
			if (b == 'P')
				b = kacs_pip_set(KACS_PIP_PROTECTED,
						 KACS_PIP_TRUST_PEIOS_TCB) ?
				    'E' : 'K';
			if (b == 'F') {
				c = fork();
				if (c == 0)
					_exit(0);
				b = c < 0 ? '0' + errno : '0';
				if (c > 0)
					waitpid(c, NULL, 0);
			}
			if (write(t->ack[1], &b, 1) != 1)
				_exit(3);
		}
	}
	t->pidfd = t->pid < 0 ? -1 : sys_pidfd_open(t->pid, 0);
	return t->pidfd < 0 ? -1 : 0;
}

/* Send @c to the target; returns its answer, or 'X' if there was none. */
static inline char kacs_target_cmd(struct kacs_target *t, char c)
{
	if (write(t->cmd[1], &c, 1) != 1 || read(t->ack[0], &c, 1) != 1)
		return 'X';
	return c;
}

static inline void kacs_target_stop(struct kacs_target *t)
{
	if (write(t->cmd[1], "Q", 1) != 1)
		kill(t->pid, SIGKILL);
	waitpid(t->pid, NULL, 0);
	close(t->pidfd);
	close(t->cmd[0]);
	close(t->cmd[1]);
	close(t->ack[0]);
	close(t->ack[1]);
}

/* ---- no_child_process ------------------------------------------------------ */

static inline int kacs_nop_child(void *arg)
{
	return 0;
}

static inline void *kacs_nop_thread(void *arg)
{
	return arg;
}

/*
 * In a process under the no_child_process mitigation: fork(), vfork(),
 * clone(2) and clone3() are all refused with EPERM, clone3() writes
 * nothing back, and a thread can still be created.  Returns 0, or the
 * number of the step that went wrong (1 fork, 2 vfork, 3 clone, 4 clone3,
 * 5 write-back, 6 thread).
 */
static inline int kacs_nochild_probe(void)
{
	pid_t ptid = -7;
	int pidfd = -9;
	struct clone_args ca = {
		.flags = CLONE_PIDFD | CLONE_PARENT_SETTID,
		.pidfd = (__u64)(uintptr_t)&pidfd,
		.parent_tid = (__u64)(uintptr_t)&ptid,
		.exit_signal = SIGCHLD,
	};
	struct kacs_spawn s = { .exit_signal = SIGCHLD };
	pthread_t th;
	pid_t pid;

	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid != -1 || errno != EPERM)
		return 1;
	pid = vfork();
	if (pid == 0)
		_exit(0);
	if (pid != -1 || errno != EPERM)
		return 2;
	if (kacs_spawn_run(&s, kacs_nop_child, NULL) != -EPERM)
		return 3;
	kacs_spawn_done(&s);
	pid = syscall(__NR_clone3, &ca, sizeof(ca));
	if (pid == 0)
		_exit(0);
	if (pid != -1 || errno != EPERM)
		return 4;
	if (ptid != -7 || pidfd != -9)
		return 5;
	if (pthread_create(&th, NULL, kacs_nop_thread, NULL) ||
	    pthread_join(th, NULL))
		return 6;
	return 0;
}

#endif /* KACS_SELFTEST_UTIL_H */
