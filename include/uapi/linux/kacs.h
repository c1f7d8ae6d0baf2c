/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * KACS - Peios Kernel Access Control Subsystem: user-space ABI (v0.20 subset)
 *
 * Structures and constants follow the Peios KACS v0.20 specification.
 * All multi-byte fields are in native byte order except where a
 * serialized SID or security descriptor is involved: those use the
 * MS-DTYP self-relative wire format.  The system call numbers come from
 * <asm/unistd.h> (__NR_kacs_*).
 */

#ifndef _UAPI_LINUX_KACS_H
#define _UAPI_LINUX_KACS_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* Generic access rights and standard rights */
#define KACS_DELETE			0x00010000U
#define KACS_READ_CONTROL		0x00020000U
#define KACS_WRITE_DAC			0x00040000U
#define KACS_WRITE_OWNER		0x00080000U
#define KACS_SYNCHRONIZE		0x00100000U
#define KACS_ACCESS_SYSTEM_SECURITY	0x01000000U
#define KACS_MAXIMUM_ALLOWED		0x02000000U
#define KACS_GENERIC_ALL		0x10000000U
#define KACS_GENERIC_EXECUTE		0x20000000U
#define KACS_GENERIC_WRITE		0x40000000U
#define KACS_GENERIC_READ		0x80000000U

/* Token access rights */
#define KACS_TOKEN_ASSIGN_PRIMARY	0x0001U
#define KACS_TOKEN_DUPLICATE		0x0002U
#define KACS_TOKEN_IMPERSONATE		0x0004U
#define KACS_TOKEN_QUERY		0x0008U
#define KACS_TOKEN_QUERY_SOURCE		0x0010U
#define KACS_TOKEN_ADJUST_PRIVILEGES	0x0020U
#define KACS_TOKEN_ADJUST_GROUPS	0x0040U
#define KACS_TOKEN_ADJUST_DEFAULT	0x0080U
#define KACS_TOKEN_ADJUST_SESSIONID	0x0100U
#define KACS_TOKEN_ALL_ACCESS		0x000F01FFU

/* Process access rights */
#define KACS_PROCESS_TERMINATE		0x0001U
#define KACS_PROCESS_SIGNAL		0x0002U
#define KACS_PROCESS_VM_READ		0x0010U
#define KACS_PROCESS_VM_WRITE		0x0020U
#define KACS_PROCESS_DUP_HANDLE		0x0040U
#define KACS_PROCESS_SET_INFORMATION	0x0200U
#define KACS_PROCESS_QUERY_INFORMATION	0x0400U
#define KACS_PROCESS_SUSPEND_RESUME	0x0800U
#define KACS_PROCESS_QUERY_LIMITED	0x1000U

/* Process generic mapping */
#define KACS_PROCESS_GENERIC_READ	0x00020410U
#define KACS_PROCESS_GENERIC_WRITE	0x00040220U
#define KACS_PROCESS_GENERIC_EXECUTE	0x00001801U
#define KACS_PROCESS_GENERIC_ALL	0x000E1E73U

/* File rights used for cgroup directories */
#define KACS_FILE_READ_DATA		0x0001U
#define KACS_FILE_WRITE_DATA		0x0002U
#define KACS_FILE_ADD_SUBDIRECTORY	0x0004U
#define KACS_FILE_DELETE_CHILD		0x0040U
#define KACS_FILE_GENERIC_READ		0x00120089U
#define KACS_FILE_GENERIC_WRITE		0x00120116U
#define KACS_FILE_GENERIC_EXECUTE	0x001200A0U
#define KACS_FILE_ALL_ACCESS		0x001F01FFU

/* Token generic mapping */
#define KACS_TOKEN_GENERIC_READ		0x00020008U
#define KACS_TOKEN_GENERIC_WRITE	0x000400E0U
#define KACS_TOKEN_GENERIC_EXECUTE	0x00000004U
#define KACS_TOKEN_GENERIC_ALL		0x000F01FFU

/* Token types and impersonation levels */
#define KACS_TOKEN_PRIMARY		1
#define KACS_TOKEN_IMPERSONATION	2
#define KACS_LEVEL_ANONYMOUS		0
#define KACS_LEVEL_IDENTIFICATION	1
#define KACS_LEVEL_IMPERSONATION	2
#define KACS_LEVEL_DELEGATION		3

/* Group attributes (SID_AND_ATTRIBUTES) */
#define KACS_SE_GROUP_MANDATORY		0x00000001U
#define KACS_SE_GROUP_ENABLED_BY_DEFAULT 0x00000002U
#define KACS_SE_GROUP_ENABLED		0x00000004U
#define KACS_SE_GROUP_OWNER		0x00000008U
#define KACS_SE_GROUP_USE_FOR_DENY_ONLY	0x00000010U
#define KACS_SE_GROUP_INTEGRITY		0x00000020U
#define KACS_SE_GROUP_INTEGRITY_ENABLED	0x00000040U
#define KACS_SE_GROUP_RESOURCE		0x20000000U
#define KACS_SE_GROUP_LOGON_ID		0xC0000000U

/* Integrity level RIDs (S-1-16-x) */
#define KACS_INTEGRITY_UNTRUSTED	0
#define KACS_INTEGRITY_LOW		4096
#define KACS_INTEGRITY_MEDIUM		8192
#define KACS_INTEGRITY_HIGH		12288
#define KACS_INTEGRITY_SYSTEM		16384

/* Token mandatory policy */
#define KACS_POLICY_NO_WRITE_UP		0x0001U
#define KACS_POLICY_NEW_PROCESS_MIN	0x0002U

/* Privilege bit positions (masks are 1ULL << bit) */
#define KACS_SE_CREATE_TOKEN		2
#define KACS_SE_ASSIGN_PRIMARY_TOKEN	3
#define KACS_SE_LOCK_MEMORY		4
#define KACS_SE_INCREASE_QUOTA		5
#define KACS_SE_MACHINE_ACCOUNT		6
#define KACS_SE_TCB			7
#define KACS_SE_SECURITY		8
#define KACS_SE_TAKE_OWNERSHIP		9
#define KACS_SE_LOAD_DRIVER		10
#define KACS_SE_SYSTEM_PROFILE		11
#define KACS_SE_SYSTEMTIME		12
#define KACS_SE_PROFILE_SINGLE_PROCESS	13
#define KACS_SE_INCREASE_BASE_PRIORITY	14
#define KACS_SE_CREATE_PAGEFILE		15
#define KACS_SE_CREATE_PERMANENT	16
#define KACS_SE_BACKUP			17
#define KACS_SE_RESTORE			18
#define KACS_SE_SHUTDOWN		19
#define KACS_SE_DEBUG			20
#define KACS_SE_AUDIT			21
#define KACS_SE_SYSTEM_ENVIRONMENT	22
#define KACS_SE_CHANGE_NOTIFY		23
#define KACS_SE_REMOTE_SHUTDOWN		24
#define KACS_SE_UNDOCK			25
#define KACS_SE_SYNC_AGENT		26
#define KACS_SE_ENABLE_DELEGATION	27
#define KACS_SE_MANAGE_VOLUME		28
#define KACS_SE_IMPERSONATE		29
#define KACS_SE_CREATE_GLOBAL		30
#define KACS_SE_TRUSTED_CREDMAN_ACCESS	31
#define KACS_SE_RELABEL			32
#define KACS_SE_INCREASE_WORKING_SET	33
#define KACS_SE_TIME_ZONE		34
#define KACS_SE_CREATE_SYMBOLIC_LINK	35
#define KACS_SE_CREATE_JOB		62
#define KACS_SE_BIND_PRIVILEGED_PORT	63
#define KACS_PRIV(bit)			(1ULL << (bit))

/* Privilege attributes for KACS_IOC_ADJUST_PRIVS entries */
#define KACS_SE_PRIVILEGE_DISABLED	0x00000000U
#define KACS_SE_PRIVILEGE_ENABLED	0x00000002U
#define KACS_SE_PRIVILEGE_REMOVED	0x00000004U
#define KACS_PRIV_RESET_ALL_DEFAULTS	0x80000000U

/* AccessCheck privilege intent */
#define KACS_BACKUP_INTENT		0x01U
#define KACS_RESTORE_INTENT		0x02U

/* PSB mitigation bits for kacs_set_psb() */
#define KACS_PSB_WXP			0x001U
#define KACS_PSB_TLP			0x002U
#define KACS_PSB_LSV			0x004U
#define KACS_PSB_CFI			0x008U
#define KACS_PSB_UI_ACCESS		0x010U
#define KACS_PSB_NO_CHILD		0x020U
#define KACS_PSB_CFIF			0x040U
#define KACS_PSB_CFIB			0x080U
#define KACS_PSB_PIE			0x100U
#define KACS_PSB_SML			0x200U
#define KACS_PSB_ALL			0x3FFU

/* PIP types and trust levels */
#define KACS_PIP_NONE			0
#define KACS_PIP_PROTECTED		512
#define KACS_PIP_ISOLATED		1024
#define KACS_PIP_TRUST_PEIOS_TCB	8192

/* security_info selectors for kacs_get_sd() / kacs_set_sd() */
#define KACS_OWNER_SECURITY_INFORMATION	0x01U
#define KACS_GROUP_SECURITY_INFORMATION	0x02U
#define KACS_DACL_SECURITY_INFORMATION	0x04U
#define KACS_SACL_SECURITY_INFORMATION	0x08U
#define KACS_LABEL_SECURITY_INFORMATION	0x10U

/* Security descriptor control bits */
#define KACS_SE_OWNER_DEFAULTED		0x0001U
#define KACS_SE_GROUP_DEFAULTED		0x0002U
#define KACS_SE_DACL_PRESENT		0x0004U
#define KACS_SE_DACL_DEFAULTED		0x0008U
#define KACS_SE_SACL_PRESENT		0x0010U
#define KACS_SE_SACL_DEFAULTED		0x0020U
#define KACS_SE_DACL_PROTECTED		0x1000U
#define KACS_SE_SACL_PROTECTED		0x2000U
#define KACS_SE_SELF_RELATIVE		0x8000U

/* ACE types and flags */
#define KACS_ACCESS_ALLOWED_ACE_TYPE	0x00
#define KACS_ACCESS_DENIED_ACE_TYPE	0x01
#define KACS_SYSTEM_AUDIT_ACE_TYPE	0x02
#define KACS_SYSTEM_MANDATORY_LABEL_ACE_TYPE 0x11
#define KACS_SYSTEM_PROCESS_TRUST_LABEL_ACE_TYPE 0x14
#define KACS_OBJECT_INHERIT_ACE		0x01
#define KACS_CONTAINER_INHERIT_ACE	0x02
#define KACS_NO_PROPAGATE_INHERIT_ACE	0x04
#define KACS_INHERIT_ONLY_ACE		0x08
#define KACS_INHERITED_ACE		0x10
#define KACS_ACL_REVISION		0x02
#define KACS_SD_MAX_SIZE		65535

/*
 * Longest binary SID: revision, sub-authority count, 6-byte identifier
 * authority and at most 15 sub-authorities of 4 bytes.
 */
#define KACS_SID_MAX_LEN		68

/* Mandatory label ACE mask bits (values as in the Peios v0.20 spec) */
#define KACS_NO_READ_UP			0x1U
#define KACS_NO_WRITE_UP		0x2U
#define KACS_NO_EXECUTE_UP		0x4U

/* Token query classes (KACS_IOC_QUERY) */
#define KACS_TOKEN_CLASS_USER			1
#define KACS_TOKEN_CLASS_GROUPS			2
#define KACS_TOKEN_CLASS_PRIVILEGES		3
#define KACS_TOKEN_CLASS_TYPE			4
#define KACS_TOKEN_CLASS_INTEGRITY_LEVEL	5
#define KACS_TOKEN_CLASS_OWNER			6
#define KACS_TOKEN_CLASS_PRIMARY_GROUP		7
#define KACS_TOKEN_CLASS_SESSION_ID		8
#define KACS_TOKEN_CLASS_RESTRICTED_SIDS	9
#define KACS_TOKEN_CLASS_SOURCE			10
#define KACS_TOKEN_CLASS_STATISTICS		11
#define KACS_TOKEN_CLASS_ORIGIN			12
#define KACS_TOKEN_CLASS_ELEVATION_TYPE		13
#define KACS_TOKEN_CLASS_DEVICE_GROUPS		14
#define KACS_TOKEN_CLASS_APPCONTAINER_SID	15
#define KACS_TOKEN_CLASS_CAPABILITIES		16
#define KACS_TOKEN_CLASS_MANDATORY_POLICY	17
#define KACS_TOKEN_CLASS_LOGON_TYPE		18
#define KACS_TOKEN_CLASS_LOGON_SID		19
#define KACS_TOKEN_CLASS_DEFAULT_DACL		20
#define KACS_TOKEN_CLASS_IMPERSONATION_LEVEL	21
#define KACS_TOKEN_CLASS_USER_CLAIMS		22
#define KACS_TOKEN_CLASS_DEVICE_CLAIMS		23
#define KACS_TOKEN_CLASS_PROJECTED_SUPPLEMENTARY_GIDS 24

/**
 * struct kacs_query_args - argument of %KACS_IOC_QUERY
 * @token_class: one of KACS_TOKEN_CLASS_*
 * @buf_len: size of the buffer at @buf_ptr; on -ERANGE or a size probe
 *           (@buf_ptr or @buf_len zero) set to the size required
 * @buf_ptr: user pointer to the output buffer
 */
struct kacs_query_args {
	__u32 token_class;
	__u32 buf_len;
	__aligned_u64 buf_ptr;
};

/**
 * struct kacs_token_statistics - payload of %KACS_TOKEN_CLASS_STATISTICS
 * @token_id: unique identifier of the token object
 * @auth_id: identifier of the logon session the token belongs to
 * @modified_id: changes on every adjustment of the token
 * @token_type: %KACS_TOKEN_PRIMARY or %KACS_TOKEN_IMPERSONATION
 * @pad: zero
 * @expiration: expiry time as given at creation (stored, not enforced)
 */
struct kacs_token_statistics {
	__aligned_u64 token_id;
	__aligned_u64 auth_id;
	__aligned_u64 modified_id;
	__u32 token_type;
	__u32 pad;
	__aligned_u64 expiration;
};

/**
 * struct kacs_token_privileges - payload of %KACS_TOKEN_CLASS_PRIVILEGES
 * @present: privileges the token holds, one bit per KACS_SE_* number
 * @enabled: the subset of @present that is enabled
 * @enabled_by_default: the subset of @present enabled at creation
 * @used: privileges that have been exercised since creation
 */
struct kacs_token_privileges {
	__aligned_u64 present;
	__aligned_u64 enabled;
	__aligned_u64 enabled_by_default;
	__aligned_u64 used;
};

/** struct kacs_priv_entry - one entry of %KACS_IOC_ADJUST_PRIVS */
struct kacs_priv_entry {
	__u32 luid;
	__u32 attributes;
};

/**
 * struct kacs_adjust_privs_args - argument of %KACS_IOC_ADJUST_PRIVS
 * @count: number of &struct kacs_priv_entry at @data_ptr (1..64)
 * @pad: must be zero
 * @data_ptr: user pointer to the entries
 * @previous_enabled: out: enabled mask before the change
 */
struct kacs_adjust_privs_args {
	__u32 count;
	__u32 pad;
	__aligned_u64 data_ptr;
	__aligned_u64 previous_enabled;
};

/**
 * struct kacs_duplicate_args - argument of %KACS_IOC_DUPLICATE
 * @access_mask: access wanted on the new token handle
 * @token_type: KACS_TOKEN_PRIMARY or KACS_TOKEN_IMPERSONATION
 * @impersonation_level: KACS_LEVEL_* (ignored, forced Anonymous, for Primary)
 * @result_fd: out: the new token fd
 */
struct kacs_duplicate_args {
	__u32 access_mask;
	__u32 token_type;
	__u32 impersonation_level;
	__s32 result_fd;
};

#define KACS_RESTRICT_WRITE_RESTRICTED	0x01U

/**
 * struct kacs_restrict_args - argument of %KACS_IOC_RESTRICT
 * @privs_to_delete: privilege mask to remove from the new token
 * @num_deny_indices: number of __u32 zero-based indices into the group
 *                    array, unique and below the group count, at the
 *                    start of @data_ptr: the groups to turn into deny-only
 * @num_restrict_sids: number of restricting SIDs following the indices,
 *                     packed binary SIDs with no length prefix or padding
 * @data_len: total bytes at @data_ptr; must match the layout exactly
 * @flags: KACS_RESTRICT_WRITE_RESTRICTED or 0
 * @data_ptr: user pointer to the variable data
 * @result_fd: out: the new token fd
 * @pad: must be zero
 */
struct kacs_restrict_args {
	__aligned_u64 privs_to_delete;
	__u32 num_deny_indices;
	__u32 num_restrict_sids;
	__u32 data_len;
	__u32 flags;
	__aligned_u64 data_ptr;
	__s32 result_fd;
	__u32 pad;
};

/** struct kacs_group_entry - one entry of %KACS_IOC_ADJUST_GROUPS */
struct kacs_group_entry {
	__u32 index;
	__u32 enable;
};

#define KACS_GROUPS_RESET_INDEX		0xFFFFFFFFU

/**
 * struct kacs_adjust_groups_args - argument of %KACS_IOC_ADJUST_GROUPS
 * @count: number of &struct kacs_group_entry at @data_ptr (1..64)
 * @pad: must be zero
 * @data_ptr: user pointer to the entries
 * @previous_state: out: bit N set if group N was enabled before
 */
struct kacs_adjust_groups_args {
	__u32 count;
	__u32 pad;
	__aligned_u64 data_ptr;
	__aligned_u64 previous_state;
};

#define KACS_IOC_MAGIC			'K'
#define KACS_IOC_QUERY		_IOWR(KACS_IOC_MAGIC, 0, struct kacs_query_args)
#define KACS_IOC_ADJUST_PRIVS	_IOW(KACS_IOC_MAGIC, 1, struct kacs_adjust_privs_args)
#define KACS_IOC_DUPLICATE	_IOWR(KACS_IOC_MAGIC, 2, struct kacs_duplicate_args)
#define KACS_IOC_INSTALL	_IO(KACS_IOC_MAGIC, 3)
#define KACS_IOC_RESTRICT	_IOWR(KACS_IOC_MAGIC, 4, struct kacs_restrict_args)
#define KACS_IOC_ADJUST_GROUPS	_IOW(KACS_IOC_MAGIC, 7, struct kacs_adjust_groups_args)
#define KACS_IOC_IMPERSONATE	_IO(KACS_IOC_MAGIC, 8)

/* kacs_open_self_token() flags */
#define KACS_REAL_TOKEN			0x00000001U

/*
 * Token creation spec, wire version 2 (192-byte header followed by
 * variable data addressed by offsets from the start of the spec).
 * Group entries: [__u32 sid_len][sid][__u32 attributes].
 */
#define KACS_TOKEN_SPEC_VERSION		2
#define KACS_TOKEN_SPEC_MAX_SIZE	65536

struct kacs_token_spec {
	__u32 version;
	__u8 token_type;
	__u8 impersonation_level;
	__u8 reserved0[2];
	__u32 integrity_rid;
	__u32 mandatory_policy;
	__aligned_u64 privs_present;
	__aligned_u64 privs_enabled;
	__u32 reserved1;
	__u32 projected_uid;
	__u32 projected_gid;
	__u32 audit_policy;
	__aligned_u64 expiration;
	__aligned_u64 session_id;
	__u32 owner_sid_index;
	__u32 primary_group_index;
	__u8 source_name[8];
	__aligned_u64 source_id;
	__u32 user_sid_offset;
	__u32 groups_offset;
	__u32 groups_count;
	__u32 default_dacl_offset;
	__u32 default_dacl_len;
	__u32 user_claims_offset;
	__u32 user_claims_len;
	__u32 device_claims_offset;
	__u32 device_claims_len;
	__u32 device_groups_offset;
	__u32 device_groups_count;
	__u32 restricted_sids_offset;
	__u32 restricted_sids_count;
	__u32 confinement_sid_offset;
	__u32 confinement_sid_len;
	__u32 confinement_caps_offset;
	__u32 confinement_caps_count;
	__u8 confinement_exempt;
	__u8 write_restricted;
	__u8 user_deny_only;
	__u8 isolation_boundary;
	__u32 supp_gids_offset;
	__u32 supp_gids_count;
	__u32 restricted_device_groups_offset;
	__u32 restricted_device_groups_count;
	__aligned_u64 origin;
	__u32 interactive_session_id;
	__u32 reserved2;
};

/**
 * struct kacs_access_check_args - argument of kacs_access_check()
 * @size: sizeof() as known to the caller
 * @token_fd: token fd with %KACS_TOKEN_QUERY, or -1 for the caller's
 *            effective token
 * @sd_ptr: user pointer to a self-relative security descriptor
 * @sd_len: length of the security descriptor
 * @desired_access: access mask requested, %KACS_MAXIMUM_ALLOWED allowed
 * @generic_read: rights that GENERIC_READ maps to
 * @generic_write: rights that GENERIC_WRITE maps to
 * @generic_execute: rights that GENERIC_EXECUTE maps to
 * @generic_all: rights that GENERIC_ALL maps to
 * @self_sid_ptr: SID substituted for Principal Self (S-1-5-10), 0 = none
 * @self_sid_len: length of that SID
 * @privilege_intent: %KACS_BACKUP_INTENT and/or %KACS_RESTORE_INTENT
 * @object_tree_ptr: object type list; must be 0 in this series
 * @object_tree_count: must be 0 in this series
 * @pad0: must be zero
 * @local_claims_ptr: conditional-ACE claims; must be 0 in this series
 * @local_claims_len: must be 0 in this series
 * @pad1: must be zero
 * @granted_out_ptr: optional user pointer to a __u32 receiving the
 *                   granted mask, 0 = not used
 * @pip_type: PIP type of the subject, 0 = the caller's own
 * @pip_trust: PIP trust of the subject, 0 = the caller's own
 * @audit_context_ptr: audit context; must be 0 in this series
 * @audit_context_len: must be 0 in this series
 * @pad2: must be zero
 * @continuous_audit_out_ptr: optional user pointer to a __u32 receiving
 *                            the continuous-audit mask, 0 = not used
 * @staging_mismatch_out_ptr: optional user pointer to a __u32 receiving
 *                            the staging mismatch flag, 0 = not used
 *
 * @size must be at least
 * %KACS_ACCESS_CHECK_ARGS_SIZE_VER0).  Fields past @size read as zero.
 * object_tree, claims and the audit context are not supported in this
 * series and must be zero.  @granted_out_ptr, @continuous_audit_out_ptr
 * and @staging_mismatch_out_ptr are optional __u32 outputs (0 = not
 * used), written on success and on -EACCES; the staging mismatch flag is
 * always 0 (no central access policy in this series).
 */
struct kacs_access_check_args {
	__u32 size;
	__s32 token_fd;
	__aligned_u64 sd_ptr;
	__u32 sd_len;
	__u32 desired_access;
	__u32 generic_read;
	__u32 generic_write;
	__u32 generic_execute;
	__u32 generic_all;
	__aligned_u64 self_sid_ptr;
	__u32 self_sid_len;
	__u32 privilege_intent;
	__aligned_u64 object_tree_ptr;
	__u32 object_tree_count;
	__u32 pad0;
	__aligned_u64 local_claims_ptr;
	__u32 local_claims_len;
	__u32 pad1;
	__aligned_u64 granted_out_ptr;
	__u32 pip_type;
	__u32 pip_trust;
	__aligned_u64 audit_context_ptr;
	__u32 audit_context_len;
	__u32 pad2;
	__aligned_u64 continuous_audit_out_ptr;
	__aligned_u64 staging_mismatch_out_ptr;
};

#define KACS_ACCESS_CHECK_ARGS_SIZE_VER0	40
#define KACS_ACCESS_CHECK_ARGS_SIZE_LATEST	136

#endif /* _UAPI_LINUX_KACS_H */
