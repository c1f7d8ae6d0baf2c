// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - test-only securityfs interface (CONFIG_SECURITY_KACS_TEST)
 *
 * /sys/kernel/security/kacs/test_pip: read the caller's process PIP as
 * "<type> <trust>\n"; writing the same format sets it and needs
 * SeTcbPrivilege on the effective token.  PIP normally comes from a binary
 * signature at exec, which is not part of this series.
 *
 * /sys/kernel/security/kacs/test_counts: live token and PSB counts, used
 * by the selftests to detect reference leaks.
 */

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/security.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "cred.h"
#include "psb.h"
#include "setup.h"
#include "task.h"
#include "token.h"

static ssize_t kacs_test_pip_read(struct file *file, char __user *buf,
				  size_t count, loff_t *ppos)
{
	struct kacs_psb *psb = kacs_task_psb(current);
	u32 type, trust;
	char tmp[32];
	int len;

	if (!psb)
		return -EPERM;
	kacs_psb_pip(psb, &type, &trust);
	len = scnprintf(tmp, sizeof(tmp), "%u %u\n", type, trust);
	return simple_read_from_buffer(buf, count, ppos, tmp, len);
}

static ssize_t kacs_test_pip_write(struct file *file, const char __user *buf,
				   size_t count, loff_t *ppos)
{
	struct kacs_psb *psb = kacs_task_psb(current);
	char tmp[32], *trust;
	u32 type, level;

	if (!psb || !kacs_token_priv(kacs_current_effective(), KACS_SE_TCB))
		return -EPERM;
	if (*ppos != 0 || count == 0 || count >= sizeof(tmp))
		return -EINVAL;
	if (copy_from_user(tmp, buf, count))
		return -EFAULT;
	tmp[count] = '\0';
	if (tmp[count - 1] == '\n')
		tmp[count - 1] = '\0';
	trust = strchr(tmp, ' ');
	if (!trust)
		return -EINVAL;
	*trust++ = '\0';
	if (kstrtou32(tmp, 10, &type) || kstrtou32(trust, 10, &level))
		return -EINVAL;
	kacs_psb_set_pip(psb, type, level);
	return count;
}

static const struct file_operations kacs_test_pip_fops = {
	.read = kacs_test_pip_read,
	.write = kacs_test_pip_write,
	.llseek = generic_file_llseek,
};

static ssize_t kacs_test_counts_read(struct file *file, char __user *buf,
				     size_t count, loff_t *ppos)
{
	char tmp[64];
	int len;

	len = scnprintf(tmp, sizeof(tmp), "tokens %d\npsbs %d\n",
			kacs_token_count(), kacs_psb_count());
	return simple_read_from_buffer(buf, count, ppos, tmp, len);
}

static const struct file_operations kacs_test_counts_fops = {
	.read = kacs_test_counts_read,
	.llseek = generic_file_llseek,
};

static int __init kacs_securityfs_init(void)
{
	struct dentry *dir, *f;

	if (!kacs_initialized)
		return 0;
	dir = securityfs_create_dir("kacs", NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	f = securityfs_create_file("test_pip", 0644, dir, NULL,
				   &kacs_test_pip_fops);
	if (IS_ERR(f))
		goto err;
	f = securityfs_create_file("test_counts", 0444, dir, NULL,
				   &kacs_test_counts_fops);
	if (IS_ERR(f))
		goto err;
	return 0;
err:
	securityfs_recursive_remove(dir);
	return PTR_ERR(f);
}
fs_initcall(kacs_securityfs_init);
