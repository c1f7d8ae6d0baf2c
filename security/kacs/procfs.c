// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - the /proc/<pid> gate
 *
 * Entries of /proc/<pid> and /proc/<pid>/task/<tid> that are not already
 * ptrace-gated expose or change process state.  v0.20 maps them to process
 * rights (8-pip/2-enforcement-points.md, "/proc metadata"): basic metadata
 * reads need PROCESS_QUERY_LIMITED, detailed metadata reads
 * PROCESS_QUERY_INFORMATION, and writes that change the target
 * PROCESS_SET_INFORMATION, each with PIP dominance.  KACS decides when
 * such an entry is opened, like a handle: procfs tells the LSM which pid
 * an inode describes (task_to_inode), and file_open looks the entry up by
 * name.  Operations inside one process skip the gate.
 */

#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/magic.h>
#include <linux/pid.h>
#include <linux/sched/coredump.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/string.h>
#include <uapi/linux/kacs.h>

#include "process.h"
#include "procfs.h"
#include "task.h"

/**
 * struct kacs_proc_entry - process rights of one /proc/<pid> entry
 * @name: entry name
 * @read: right needed to open it for reading, 0 for none
 * @write: right needed to open it for writing, 0 for none
 */
struct kacs_proc_entry {
	const char *name;
	u32 read;
	u32 write;
};

#define QL	KACS_PROCESS_QUERY_LIMITED
#define QI	KACS_PROCESS_QUERY_INFORMATION
#define SI	KACS_PROCESS_SET_INFORMATION

static const struct kacs_proc_entry kacs_proc_entries[] = {
	/* basic metadata */
	{ "arch_status", QL, 0 },
	{ "cgroup", QL, 0 },
	{ "comm", QL, 0 },
	{ "cpu_resctrl_groups", QL, 0 },
	{ "cpuset", QL, 0 },
	{ "oom_score", QL, 0 },
	{ "patch_state", QL, 0 },
	{ "schedstat", QL, 0 },
	{ "sessionid", QL, 0 },
	{ "stack_depth", QL, 0 },
	{ "stat", QL, 0 },
	{ "statm", QL, 0 },
	{ "wchan", QL, 0 },
	/* detailed metadata, and the knobs among them */
	{ "autogroup", QI, SI },
	{ "clear_refs", 0, SI },
	{ "cmdline", QI, 0 },
	{ "coredump_filter", QI, SI },
	{ "fail-nth", QI, SI },
	{ "io", QI, 0 },
	{ "ksm_merging_pages", QI, 0 },
	{ "ksm_stat", QI, 0 },
	{ "latency", QI, SI },
	{ "limits", QI, 0 },
	{ "loginuid", QI, 0 },
	{ "make-it-fail", QI, SI },
	{ "mountinfo", QI, 0 },
	{ "mounts", QI, 0 },
	{ "mountstats", QI, 0 },
	{ "oom_adj", QI, SI },
	{ "oom_score_adj", QI, SI },
	{ "personality", QI, 0 },
	{ "sched", QI, SI },
	{ "seccomp_cache", QI, 0 },
	{ "status", QI, 0 },
	{ "syscall", QI, 0 },
	{ "timens_offsets", QI, SI },
	{ "timers", QI, 0 },
	{ "timerslack_ns", QI, SI },
	/* open-time seq files whose read and write modes are coupled */
	{ "gid_map", QI, SI },
	{ "projid_map", QI, SI },
	{ "setgroups", QI, SI },
	{ "uid_map", QI, SI },
};

#undef QL
#undef QI
#undef SI

static const struct kacs_proc_entry *kacs_proc_lookup(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kacs_proc_entries); i++)
		if (!strcmp(kacs_proc_entries[i].name, name))
			return &kacs_proc_entries[i];
	return NULL;
}

/* An OOM adjustment fans out to every process sharing the target's mm. */
static bool kacs_proc_fans_out(const struct kacs_proc_entry *e,
			       struct task_struct *task)
{
	bool multi = false;

	if (strcmp(e->name, "oom_score_adj") && strcmp(e->name, "oom_adj"))
		return false;
	task_lock(task);
	if (task->mm)
		multi = test_bit(MMF_MULTIPROCESS, &task->mm->flags);
	task_unlock(task);
	return multi;
}

/**
 * kacs_procfs_file_open - gate the open of a /proc/<pid> entry
 * @file: the file being opened
 *
 * Return: 0, or -EACCES when the opener lacks a right the entry needs
 * for the requested mode (read and write intent are checked separately
 * and both must pass), fails PIP dominance, or asks to change the OOM
 * score of another process whose mm other processes share (v0.20: fail
 * closed until the fan-out is authorised per process).
 */
int kacs_procfs_file_open(struct file *file)
{
	struct inode *inode = file_inode(file);
	const struct kacs_proc_entry *e;
	struct task_struct *task;
	struct pid *pid;
	u32 desired = 0;
	int ret = 0;

	if (inode->i_sb->s_magic != PROC_SUPER_MAGIC ||
	    !S_ISREG(inode->i_mode) || !inode->i_security)
		return 0;
	pid = READ_ONCE(kacs_inode(inode)->pid);
	if (!pid)
		return 0;
	e = kacs_proc_lookup(file->f_path.dentry->d_name.name);
	if (!e)
		return 0;
	if (file->f_mode & FMODE_READ)
		desired |= e->read;
	if (file->f_mode & FMODE_WRITE)
		desired |= e->write;
	if (!desired)
		return 0;

	rcu_read_lock();
	task = pid_task(pid, PIDTYPE_PID);
	if (task && !same_thread_group(current, task)) {
		if (kacs_check_process(NULL, task, desired))
			ret = -EACCES;
		else if ((file->f_mode & FMODE_WRITE) &&
			 kacs_proc_fans_out(e, task))
			ret = -EACCES;
	}
	rcu_read_unlock();
	return ret;
}

/**
 * kacs_task_to_inode - record which process a /proc/<pid> inode describes
 * @p: the task
 * @inode: its procfs inode
 *
 * The task_to_inode hook, called by procfs when it makes a /proc/<pid>
 * or /proc/<pid>/task/<tid> inode (proc_pid_make_inode(), the fd
 * entries) and again on every revalidation (pid_update_inode()), possibly
 * under RCU in an RCU-walk lookup: never sleeps.
 */
static void kacs_task_to_inode(struct task_struct *p, struct inode *inode)
{
	struct kacs_inode_blob *blob = kacs_inode(inode);
	struct pid *pid;

	/*
	 * Called at instantiation and again on every revalidation, possibly
	 * in RCU walk mode: the pid of a procfs inode never changes, so only
	 * the first call records it.
	 */
	if (READ_ONCE(blob->pid))
		return;
	pid = get_task_pid(p, PIDTYPE_PID);
	if (pid && cmpxchg(&blob->pid, NULL, pid))
		put_pid(pid);
}

/**
 * kacs_inode_free_security - drop the pid a procfs inode recorded
 * @inode: the inode being destroyed
 *
 * The inode_free_security hook, called by security_inode_free() when the
 * inode is destroyed.  put_pid() never sleeps.
 */
static void kacs_inode_free_security(struct inode *inode)
{
	struct kacs_inode_blob *blob;

	if (!inode->i_security)
		return;
	blob = kacs_inode(inode);
	put_pid(blob->pid);
	blob->pid = NULL;
}

static struct security_hook_list kacs_procfs_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_to_inode, kacs_task_to_inode),
	LSM_HOOK_INIT(inode_free_security, kacs_inode_free_security),
};

/**
 * kacs_add_procfs_hooks - register the /proc/<pid> gate
 */
void __init kacs_add_procfs_hooks(void)
{
	security_add_hooks(kacs_procfs_hooks, ARRAY_SIZE(kacs_procfs_hooks),
			   &kacs_lsmid);
}
