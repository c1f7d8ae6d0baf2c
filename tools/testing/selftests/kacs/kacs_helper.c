// SPDX-License-Identifier: GPL-2.0-only
/*
 * kacs_helper: the program the KACS selftests exec when a test needs a
 * fresh image (execve() ends impersonation and resets PIP, and the
 * no_child_process mitigation must survive it).  It is built next to the
 * tests (TEST_GEN_PROGS_EXTENDED) and is not a test itself.
 *
 *   kacs_helper wait FD          block until FD has a byte or is closed
 *   kacs_helper exec-report FD   write a struct kacs_exec_report about
 *                                this image to FD
 *   kacs_helper nochild          exit with the failing step of
 *                                kacs_nochild_probe(), 0 if none
 *
 * Usage errors exit with 2.  Exit codes of "nochild" are 10 + the step.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kacs_util.h"

static int wait_fd(const char *arg)
{
	char b;

	while (read(atoi(arg), &b, 1) < 0 && errno == EINTR)
		;
	return 0;
}

static int exec_report(const char *arg)
{
	struct kacs_exec_report r = { 0 };
	int fd, pidfd;

	fd = kacs_open_self_token(0, KACS_TOKEN_QUERY);
	if (fd < 0 || kacs_stats(fd, &r.eff) || kacs_user(fd, &r.user))
		r.err = 1;
	r.eff_type = fd < 0 ? -1 : kacs_u32_class(fd, KACS_TOKEN_CLASS_TYPE);
	if (fd >= 0)
		close(fd);
	if (kacs_self_stats(true, &r.real))
		r.err = 2;
	if (kacs_pip_get(&r.pip_type, &r.pip_trust))
		r.err = 3;
	pidfd = sys_pidfd_open(getpid(), 0);
	r.dacl_len = pidfd < 0 ? -1 :
		     kacs_get_sd(pidfd, "", KACS_DACL_SECURITY_INFORMATION,
				 r.dacl, sizeof(r.dacl), AT_EMPTY_PATH);
	if (pidfd >= 0)
		close(pidfd);
	if (write(atoi(arg), &r, sizeof(r)) != sizeof(r))
		return 5;
	return 0;
}

static int nochild(void)
{
	int r = kacs_nochild_probe();

	return r ? 10 + r : 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "wait"))
		return wait_fd(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "exec-report"))
		return exec_report(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "nochild"))
		return nochild();
	fprintf(stderr,
		"usage: %s wait FD | exec-report FD | nochild\n", argv[0]);
	return 2;
}
