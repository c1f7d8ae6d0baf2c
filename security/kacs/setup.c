// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - Peios Kernel Access Control Subsystem: LSM registration
 *
 * Each unit registers its own hooks (cred.c, task.c, process.c, ...);
 * this file sizes the blobs, creates the bootstrap state of init_cred
 * and the initial task, and calls the units in order.
 */

#include <linux/cred.h>
#include <linux/lsm_hooks.h>
#include <linux/sched.h>
#include <uapi/linux/lsm.h>

#include "caps.h"
#include "cgroup.h"
#include "cred.h"
#include "file.h"
#include "process.h"
#include "procfs.h"
#include "psb.h"
#include "setup.h"
#include "task.h"
#include "token.h"

bool kacs_initialized __ro_after_init;

struct lsm_blob_sizes kacs_blob_sizes __ro_after_init = {
	.lbs_cred = sizeof(struct kacs_cred_blob),
	.lbs_file = sizeof(struct kacs_file_blob),
	.lbs_inode = sizeof(struct kacs_inode_blob),
	.lbs_task = sizeof(struct kacs_task_blob),
};

const struct lsm_id kacs_lsmid = {
	.name = "kacs",
	.id = LSM_ID_KACS,
};

static int __init kacs_init(void)
{
	struct kacs_task_blob *tblob = kacs_task(current);
	struct kacs_psd *psd;

	if (kacs_token_init())
		panic("KACS: cannot create the bootstrap tokens\n");

	/* init_cred carries the SYSTEM token, inherited by everything. */
	kacs_cred((struct cred *)current_cred())->token =
		kacs_token_get(kacs_system_token);
	tblob->psb = kacs_psb_alloc(GFP_KERNEL);
	psd = tblob->psb ? kacs_psd_template(kacs_system_token, GFP_KERNEL) :
			   NULL;
	if (!psd)
		panic("KACS: cannot create the initial PSB\n");
	kacs_psb_set_sd(tblob->psb, psd);
	kacs_cred((struct cred *)current_cred())->psb =
		kacs_psb_get(tblob->psb);

	kacs_add_cred_hooks();
	kacs_add_task_hooks();
	kacs_add_process_hooks();
	kacs_add_file_hooks();
	kacs_add_cap_hooks();
	kacs_add_procfs_hooks();
	kacs_add_cgroup_hooks();
	kacs_initialized = true;
	pr_info("KACS: initialized\n");
	return 0;
}

DEFINE_LSM(kacs) = {
	.name = "kacs",
	.init = kacs_init,
	.blobs = &kacs_blob_sizes,
};
