/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS self-relative security descriptors: strict parser, ACL iteration,
 * builder, component selection and merging, SDDL-style text.
 */

#ifndef _SECURITY_KACS_SD_H
#define _SECURITY_KACS_SD_H

#include "engine.h"
#include "sid.h"

#define KACS_SD_HDR_LEN		20
#define KACS_ACL_HDR_LEN	8
#define KACS_ACE_HDR_LEN	4
/* header + mask + the smallest SID */
#define KACS_ACE_MIN_SID_SIZE	16

/* ACE types and control bits the uapi header does not need */
#define KACS_ACE_TYPE_ALARM		0x03
#define KACS_SE_DACL_TRUSTED		0x0040U
#define KACS_SE_DACL_AUTO_INHERIT_REQ	0x0100U
#define KACS_SE_SACL_AUTO_INHERIT_REQ	0x0200U
#define KACS_SE_DACL_AUTO_INHERITED	0x0400U
#define KACS_SE_SACL_AUTO_INHERITED	0x0800U
#define KACS_SE_RM_CONTROL_VALID	0x4000U

/* Reserved access-mask bits 21-23 and 26-27 (3-access-masks.md) */
#define KACS_ACCESS_RESERVED	0x0ce00000U

#define KACS_ALL_SECURITY_INFORMATION					\
	(KACS_OWNER_SECURITY_INFORMATION | KACS_GROUP_SECURITY_INFORMATION | \
	 KACS_DACL_SECURITY_INFORMATION | KACS_SACL_SECURITY_INFORMATION | \
	 KACS_LABEL_SECURITY_INFORMATION)

/**
 * struct kacs_ace - decoded ACE
 * @type: ACE type
 * @flags: ACE flags (KACS_*_ACE)
 * @size: AceSize, bytes including the header
 * @mask: access mask (0 if the ACE is shorter than 8 bytes)
 * @sid: the ACE's SID, valid when @has_sid
 * @has_sid: true for the single-SID types (allowed, denied, audit, alarm,
 *           mandatory label, process trust label); false for other types
 */
struct kacs_ace {
	u8 type, flags;
	u16 size;
	u32 mask;
	struct kacs_sid sid;
	bool has_sid;
};

/**
 * struct kacs_acl - view over a validated ACL inside an SD buffer
 * @buf: the ACL header
 * @size: AclSize
 * @count: AceCount
 * @reserved_bits: some ACE's access mask has a reserved bit set (found
 *                 while validating, so AccessCheck need not walk for it)
 */
struct kacs_acl {
	const u8 *buf;
	u16 size, count;
	bool reserved_bits;
};

/**
 * struct kacs_sd - view over a validated self-relative SD
 * @buf: the SD bytes (not copied; must outlive the view)
 * @len: length given to kacs_sd_parse()
 * @control: control word
 * @has_owner: an owner SID is present
 * @has_group: a group SID is present
 * @owner: owner SID, valid when @has_owner
 * @group: group SID, valid when @has_group
 * @has_dacl: DACL_PRESENT with a non-zero offset (otherwise NULL DACL)
 * @has_sacl: SACL_PRESENT with a non-zero offset
 * @dacl: the DACL, valid when @has_dacl
 * @sacl: the SACL, valid when @has_sacl
 */
struct kacs_sd {
	const u8 *buf;
	u32 len;
	u16 control;
	bool has_owner, has_group;
	struct kacs_sid owner, group;
	bool has_dacl, has_sacl;
	struct kacs_acl dacl, sacl;
};

/**
 * struct kacs_ace_spec - one ACE for kacs_sd_build()
 * @type: single-SID ACE type
 * @flags: ACE flags
 * @mask: access mask, stored as given (generic bits are kept)
 * @sid: the ACE's SID
 */
struct kacs_ace_spec {
	u8 type, flags;
	u32 mask;
	const struct kacs_sid *sid;
};

int kacs_sd_parse(struct kacs_sd *sd, const void *buf, size_t len);
int kacs_acl_parse(struct kacs_acl *acl, const void *buf, size_t len);
/**
 * kacs_acl_first() - start an ACE walk
 * @off: cursor to reset to the first ACE
 *
 * Return: @off, for use in kacs_acl_for_each().
 */
static inline unsigned int *kacs_acl_first(unsigned int *off)
{
	*off = KACS_ACL_HDR_LEN;
	return off;
}

bool kacs_acl_next(const struct kacs_acl *acl, unsigned int *off,
		   struct kacs_ace *ace);
void kacs_acl_ace(const struct kacs_acl *acl, unsigned int i,
		  struct kacs_ace *ace);

/*
 * kacs_acl_for_each(acl, off, ace) - iterate over the ACEs of a validated
 * ACL.  @acl is a const struct kacs_acl *, @off an unsigned int used as the
 * cursor (byte offset of the next ACE), @ace a struct kacs_ace * receiving
 * each decoded ACE in turn.
 */
#define kacs_acl_for_each(acl, off, ace)				\
	for (unsigned int *__kacs_cur = kacs_acl_first(&(off));		\
	     kacs_acl_next((acl), __kacs_cur, (ace));)

int kacs_sd_build(u8 **out, size_t *out_len,
		  const struct kacs_sid *owner, const struct kacs_sid *group,
		  const struct kacs_ace_spec *dacl, unsigned int ndacl,
		  bool dacl_present, u16 extra_control, gfp_t gfp);
int kacs_sd_select(const struct kacs_sd *sd, u32 security_info,
		   u8 **out, size_t *out_len, gfp_t gfp);
int kacs_sd_merge(const struct kacs_sd *cur, const struct kacs_sd *upd,
		  u32 security_info, u8 **out, size_t *out_len, gfp_t gfp);

#endif /* _SECURITY_KACS_SD_H */
