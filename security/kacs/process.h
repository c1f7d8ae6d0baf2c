/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS - process gates
 */

#ifndef _SECURITY_KACS_PROCESS_H
#define _SECURITY_KACS_PROCESS_H

#include <linux/cred.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/types.h>

struct kacs_token;
struct kacs_psb;
struct kacs_psd;

/**
 * struct kacs_origin - a subject captured for a later decision
 * @tok: counted reference to the effective token at capture time
 * @psb: counted reference to the capturing process's PSB, used only to
 *       recognise operations on that same process
 * @pip_type: PIP type of @psb at capture time
 * @pip_trust: PIP trust of @psb at capture time
 *
 * File-owner signals and writes to cgroup control files are judged with
 * the subject that set the owner or opened the file, not with whoever
 * happens to trigger the operation later.
 */
struct kacs_origin {
	struct kacs_token *tok;
	struct kacs_psb *psb;
	u32 pip_type;
	u32 pip_trust;
};

u32 kacs_signal_right(int sig);
int kacs_check_process(const struct cred *cred, struct task_struct *target,
		       u32 desired);
int kacs_check_process_as(const struct kacs_origin *subj,
			  struct task_struct *target, u32 desired);
int kacs_check_process_sd(struct kacs_token *tok, u32 ctype, u32 ctrust,
			  const struct kacs_psb *tpsb,
			  const struct kacs_psd *psd, u32 desired);
int kacs_debug_check_process(struct kacs_token *tok, u32 pip_type,
			     u32 pip_trust, struct kacs_psb *target,
			     u32 desired);
void kacs_origin_capture(struct kacs_origin *subj);
void kacs_origin_release(struct kacs_origin *subj);

void __init kacs_add_process_hooks(void);

#endif /* _SECURITY_KACS_PROCESS_H */
