/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the kselftests ported from Peios' integration cases
 * (tokens_test.c, impersonation_test.c, process_test.c,
 * privileges_test.c): child-process checks, group queries, token SD
 * access and token specifications with custom groups.
 */

#ifndef KACS_PORT_UTIL_H
#define KACS_PORT_UTIL_H

#include <pthread.h>
#include <sys/prctl.h>

#include "kacs_util.h"

/*
 * Inside a child or thread body: CK(cond) reports a failed check with its
 * line; the body runs on, and in_child()/in_thread()/ck_call() turn the
 * first failed line into the body's result.
 */
static __thread int ck_failed_line;

static inline void ck_check(bool ok, const char *fn, int line,
			    const char *what)
{
	if (ok)
		return;
	fprintf(stderr, "# %s:%d: %s (errno %d)\n", fn, line, what, errno);
	if (!ck_failed_line)
		ck_failed_line = line;
}

#define CK(cond)	ck_check(!!(cond), __func__, __LINE__, #cond)

/* Run a CK-checked body: its result, or the first failed CK line. */
static inline int ck_call(int (*fn)(void *arg), void *arg)
{
	int r;

	ck_failed_line = 0;
	r = fn(arg);
	return ck_failed_line ? ck_failed_line : r;
}

/* The errno of an invalid system call number: what unbuilt calls give. */
static inline int kacs_bad_nr_errno(void)
{
	errno = 0;
	syscall(-1);
	return errno;
}

/* Run @fn(@arg) in a forked child; return its result (0 = passed). */
static inline int in_child(int (*fn)(void *arg), void *arg)
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		_exit(ck_call(fn, arg) ? 1 : 0);
	}
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

struct pthread_call {
	int (*fn)(void *arg);
	void *arg;
	int ret;
};

static inline void *pthread_call_fn(void *a)
{
	struct pthread_call *c = a;

	c->ret = ck_call(c->fn, c->arg);
	kacs_revert();
	return NULL;
}

/* Run @fn(@arg) in a new thread of this process; return its result. */
static inline int in_thread(int (*fn)(void *arg), void *arg)
{
	struct pthread_call c = { .fn = fn, .arg = arg, .ret = -1 };
	pthread_t th;

	if (pthread_create(&th, NULL, pthread_call_fn, &c) ||
	    pthread_join(th, NULL))
		return -1;
	return c.ret;
}

struct kacs_grp {
	struct kacs_tsid sid;
	__u32 attrs;
};

/* Parse query class @cls (GROUPS or RESTRICTED_SIDS); count or -errno. */
static inline int kacs_groups(int fd, __u32 cls, struct kacs_grp *g, int max)
{
	__u8 buf[4096];
	long n = kacs_query(fd, cls, buf, sizeof(buf));
	__u32 count, l, i;
	size_t off = 4;

	if (n < 4)
		return n < 0 ? (int)n : -EIO;
	memcpy(&count, buf, 4);
	for (i = 0; i < count; i++) {
		if (off + 4 > (size_t)n)
			return -EIO;
		memcpy(&l, buf + off, 4);
		if (l > KACS_SID_MAX || off + 8 + l > (size_t)n)
			return -EIO;
		if ((int)i < max) {
			kacs_tsid_from(&g[i].sid, buf + off + 4, l);
			memcpy(&g[i].attrs, buf + off + 4 + l, 4);
		}
		off += 8 + l;
	}
	return off == (size_t)n ? (int)count : -EIO;
}

/* The token's own SD through its fd (kacs_get_sd); size or -errno. */
static inline long kacs_token_sd(int fd, __u32 info, void *buf, __u32 len)
{
	long r = kacs_get_sd(fd, "", info, buf, len, AT_EMPTY_PATH);

	return r < 0 ? -errno : r;
}

/* Replace the DACL of the token behind @fd; 0 or -errno. */
static inline int kacs_token_set_dacl(int fd, const struct kacs_ace_def *aces,
				      unsigned int n)
{
	__u8 sd[512];
	size_t len = kacs_build_sd(sd, sizeof(sd), NULL, NULL, aces, n, true);

	return kacs_set_sd(fd, "", KACS_DACL_SECURITY_INFORMATION, sd, len,
			   AT_EMPTY_PATH) < 0 ? -errno : 0;
}

/* Find the DACL ACE @idx of a self-relative SD; 0 or -EINVAL. */
static inline int kacs_sd_dacl_ace(const __u8 *sd, size_t len, unsigned int idx,
				   __u8 *type, __u32 *mask,
				   struct kacs_tsid *sid)
{
	__u32 off;
	__u16 count, sz;
	unsigned int i;

	if (len < 20)
		return -EINVAL;
	memcpy(&off, sd + 16, 4);
	if (!off || off + 8 > len)
		return -EINVAL;
	memcpy(&count, sd + off + 4, 2);
	off += 8;
	for (i = 0; i < count; i++) {
		if (off + 8 > len)
			return -EINVAL;
		memcpy(&sz, sd + off + 2, 2);
		if (i == idx) {
			*type = sd[off];
			memcpy(mask, sd + off + 4, 4);
			kacs_tsid_from(sid, sd + off + 8, sz - 8);
			return 0;
		}
		off += sz;
	}
	return -EINVAL;
}

/* Number of DACL ACEs of a self-relative SD, or -EINVAL. */
static inline int kacs_sd_dacl_count(const __u8 *sd, size_t len)
{
	__u32 off;
	__u16 count;

	if (len < 20)
		return -EINVAL;
	memcpy(&off, sd + 16, 4);
	if (!off || off + 8 > len)
		return -EINVAL;
	memcpy(&count, sd + off + 4, 2);
	return count;
}

/* Adjust one group entry on @fd; 0 or -errno; *prev receives the state. */
static inline int kacs_adjust_group(int fd, __u32 index, __u32 enable,
				    __u64 *prev)
{
	struct kacs_group_entry e = { .index = index, .enable = enable };
	struct kacs_adjust_groups_args a = {
		.count = 1,
		.data_ptr = (__u64)(uintptr_t)&e,
	};

	if (ioctl(fd, KACS_IOC_ADJUST_GROUPS, &a) < 0)
		return -errno;
	if (prev)
		*prev = a.previous_state;
	return 0;
}

/*
 * RESTRICT with @ndeny zero-based deny indices and @nsids packed binary
 * restricting SIDs; returns the new fd or -errno.
 */
static inline int kacs_restrict_ex(int fd, __u64 privs, __u32 flags,
				   const __u32 *deny, unsigned int ndeny,
				   const struct kacs_tsid *rs, unsigned int nrs)
{
	__u8 data[1024];
	struct kacs_restrict_args a = {
		.privs_to_delete = privs,
		.flags = flags,
		.result_fd = -1,
		.data_ptr = (__u64)(uintptr_t)data,
	};
	size_t off = 0;
	unsigned int i;

	for (i = 0; i < ndeny; i++, off += 4)
		memcpy(data + off, &deny[i], 4);
	for (i = 0; i < nrs; i++) {
		memcpy(data + off, rs[i].b, rs[i].len);
		off += rs[i].len;
	}
	a.num_deny_indices = ndeny;
	a.num_restrict_sids = nrs;
	a.data_len = off;
	if (ioctl(fd, KACS_IOC_RESTRICT, &a) < 0)
		return -errno;
	return a.result_fd;
}

/* Mint an Alice impersonation token at Impersonation level. */
static inline int kacs_mint_alice_imp(__u64 privs)
{
	return kacs_mint_user(KACS_RID_ALICE, KACS_TOKEN_IMPERSONATION,
			      KACS_LEVEL_IMPERSONATION, privs);
}

/* Is privilege @bit enabled on the calling thread's primary token? */
static inline int kacs_self_priv_enabled(unsigned int bit)
{
	struct kacs_token_privileges pv;
	int fd = kacs_open_self_token(KACS_REAL_TOKEN, KACS_TOKEN_QUERY);
	int r;

	if (fd < 0)
		return -errno;
	r = kacs_privs(fd, &pv);
	close(fd);
	if (r)
		return r;
	return !!(pv.enabled & KACS_PRIV(bit));
}

#endif /* KACS_PORT_UTIL_H */
