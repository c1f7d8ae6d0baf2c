/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kacs tool: system call wrappers, token helpers and error reporting
 * shared by kacs.c (the commands) and demo.c (clone-demo).
 */

#ifndef KACS_TOOL_TOOL_H
#define KACS_TOOL_TOOL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>
#include <linux/kacs.h>

#include "sddl.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif
#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif
#ifndef __NR_pidfd_send_signal
#define __NR_pidfd_send_signal 424
#endif
#ifndef __NR_clone3
#define __NR_clone3 435
#endif

#define KT_TEST_PIP	"/sys/kernel/security/kacs/test_pip"

/* The test principals (sddl.c names them): S-1-5-21-100-200-300-<rid> */
#define KT_RID_ALICE	1001
#define KT_RID_USERS	513

/* ---- raw system calls (no libc wrappers exist) ---- */

static inline int kt_open_self_token(unsigned int flags, __u32 access)
{
	return syscall(__NR_kacs_open_self_token, flags, access);
}

static inline int kt_open_process_token(int pidfd, __u32 access)
{
	return syscall(__NR_kacs_open_process_token, pidfd, access);
}

static inline int kt_open_thread_token(int pidfd, int tid, __u32 access)
{
	return syscall(__NR_kacs_open_thread_token, pidfd, tid, access);
}

static inline int kt_create_token(const void *spec, size_t len)
{
	return syscall(__NR_kacs_create_token, spec, len);
}

static inline int kt_set_psb(int pidfd, __u32 mitigations)
{
	return syscall(__NR_kacs_set_psb, pidfd, mitigations);
}

static inline int kt_revert(void)
{
	return syscall(__NR_kacs_revert);
}

static inline long kt_get_sd(int fd, __u32 info, void *buf, size_t len)
{
	return syscall(__NR_kacs_get_sd, fd, "", info, buf, len,
		       AT_EMPTY_PATH);
}

static inline long kt_set_sd(int fd, __u32 info, const void *buf,
			     size_t len)
{
	return syscall(__NR_kacs_set_sd, fd, "", info, buf, len,
		       AT_EMPTY_PATH);
}

static inline long kt_access_check(struct kacs_access_check_args *a)
{
	return syscall(__NR_kacs_access_check, a);
}

static inline int kt_pidfd_open(pid_t pid)
{
	return syscall(__NR_pidfd_open, pid, 0);
}

static inline int kt_pidfd_send_signal(int pidfd, int sig)
{
	return syscall(__NR_pidfd_send_signal, pidfd, sig, NULL, 0);
}

static inline pid_t kt_gettid(void)
{
	return syscall(SYS_gettid);
}

/* ---- tokens (kacs.c) ---- */

/* Query @cls of the token @fd into @buf; payload size or -errno. */
long kt_query(int fd, __u32 cls, void *buf, __u32 len);
int kt_token_user(int fd, struct kt_sid *sid);
int kt_token_stats(int fd, struct kacs_token_statistics *st);
/* Statistics and user of the calling thread's real or effective token. */
int kt_self_token(bool real, struct kacs_token_statistics *st,
		  struct kt_sid *user);
/* Enable or disable privilege @bit on the caller's primary token. */
int kt_self_priv(unsigned int bit, bool enable);

struct kt_token_req {
	struct kt_sid user;
	struct kt_sid groups[63];
	__u32 attrs[63];
	unsigned int ngroups;
	struct kt_sid rsids[64];
	unsigned int nrsids;
	__u64 privs;
	__u32 integrity;
	__u8 type, level;
};

/*
 * Fill @r for @user: groups Domain Users (primary group), Everyone,
 * Authenticated Users, BUILTIN\Users; SeChangeNotifyPrivilege; Medium.
 */
void kt_token_req_init(struct kt_token_req *r, const struct kt_sid *user);
/* kacs_create_token(); the fd or -errno. */
int kt_mint(const struct kt_token_req *r);
/* A token for test user @rid, of @type and @level; the fd or -errno. */
int kt_mint_user(__u32 rid, __u8 type, __u8 level);

/* "S-1-5-21-100-200-300-1001 (alice)" */
char *kt_sid_display(const __u8 *p, size_t len, char *out, size_t outlen);

/* Build a self-relative SD with owner, group and one DACL. */
struct kt_ace {
	__u8 type, flags;
	__u32 mask;
	const struct kt_sid *sid;
};

size_t kt_build_sd(__u8 *b, size_t cap, const struct kt_sid *owner,
		   const struct kt_sid *group, const struct kt_ace *aces,
		   unsigned int n);

/* ---- children (demo.c) ---- */

/* clone(2) running @fn(@arg) on a stack of its own; pid or -errno. */
pid_t kt_clone(int (*fn)(void *), void *arg, unsigned long flags,
	       int *pidfd);
/* clone3() without a new stack (fork semantics): 0 in the child. */
pid_t kt_clone3_fork(__u64 flags, int cgroup_fd, int *pidfd);
/* waitpid(): exit status, or 128 + signal. */
int kt_reap(pid_t pid);

int cmd_clone_demo(void);

#endif /* KACS_TOOL_TOOL_H */
