/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS - token file descriptors
 */

#ifndef _SECURITY_KACS_TOKEN_FD_H
#define _SECURITY_KACS_TOKEN_FD_H

#include <linux/types.h>

struct file;
struct kacs_token;

/**
 * struct kacs_handle - private data of a token fd
 * @tok: the token (counted reference)
 * @access: access mask granted when the fd was opened
 */
struct kacs_handle {
	struct kacs_token *tok;
	u32 access;
};

int kacs_token_open_check(struct kacs_token *tok, u32 desired, u32 *granted);
int kacs_token_fd_install(struct kacs_token *tok, u32 access,
			  s32 __user *ufd);
struct kacs_handle *kacs_file_handle(struct file *file);
int kacs_install_catch_up(void);

#endif /* _SECURITY_KACS_TOKEN_FD_H */
