/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS - the file blob: subjects captured for later decisions
 */

#ifndef _SECURITY_KACS_FILE_H
#define _SECURITY_KACS_FILE_H

#include <linux/fs.h>
#include <linux/init.h>

#include "process.h"
#include "setup.h"

/**
 * struct kacs_file_blob - KACS part of an open file
 * @fown: who set the file owner (F_SETOWN and friends); replaced and read
 *        under the file's f_owner->lock
 * @opener: who opened a cgroup control file for writing; set once in
 *          file_open, read-only afterwards
 */
struct kacs_file_blob {
	struct kacs_origin fown;
	struct kacs_origin opener;
};

static inline struct kacs_file_blob *kacs_file(const struct file *file)
{
	return file->f_security + kacs_blob_sizes.lbs_file;
}

void __init kacs_add_file_hooks(void);

#endif /* _SECURITY_KACS_FILE_H */
