// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS self-relative security descriptors.
 *
 * Layout (MS-DTYP 2.4.6): a 20-byte header (revision, Sbz1, control, and the
 * owner, group, SACL and DACL offsets) followed by the components at those
 * offsets.  An ACL is an 8-byte header followed by AceCount ACEs that must
 * fill AclSize exactly; each ACE starts with type, flags and AceSize.
 *
 * The parser is strict: anything that is not exactly well formed is
 * rejected with -EINVAL and the output is left untouched.  All multi-byte
 * fields are read with get_unaligned_le*() after a bounds check, so no input
 * can make it read outside the buffer it was given.
 */

#include "sd.h"

#define DACL_BITS	(KACS_SE_DACL_PRESENT | KACS_SE_DACL_DEFAULTED |	\
			 KACS_SE_DACL_TRUSTED | KACS_SE_DACL_AUTO_INHERIT_REQ | \
			 KACS_SE_DACL_AUTO_INHERITED | KACS_SE_DACL_PROTECTED)
#define SACL_BITS	(KACS_SE_SACL_PRESENT | KACS_SE_SACL_DEFAULTED |	\
			 KACS_SE_SACL_AUTO_INHERIT_REQ |			\
			 KACS_SE_SACL_AUTO_INHERITED | KACS_SE_SACL_PROTECTED)

#define ACL_REVISION_MIN	2
#define ACL_REVISION_MAX	4
#define TRUST_LABEL_AUTHORITY	19

struct sd_range {
	u32 start, end;
};

static bool ace_type_has_sid(u8 type)
{
	switch (type) {
	case KACS_ACCESS_ALLOWED_ACE_TYPE:
	case KACS_ACCESS_DENIED_ACE_TYPE:
	case KACS_SYSTEM_AUDIT_ACE_TYPE:
	case KACS_ACE_TYPE_ALARM:
	case KACS_SYSTEM_MANDATORY_LABEL_ACE_TYPE:
	case KACS_SYSTEM_PROCESS_TRUST_LABEL_ACE_TYPE:
		return true;
	default:
		return false;
	}
}

static bool is_trust_label_sid(const struct kacs_sid *sid)
{
	static const u8 auth[6] = { 0, 0, 0, 0, 0, TRUST_LABEL_AUTHORITY };

	return sid->sub_count == 2 && !memcmp(sid->authority, auth, 6);
}

/* Validate one ACE at @p with @avail bytes left in the ACL. */
static int ace_check(const u8 *p, u32 avail, u32 *size)
{
	struct kacs_sid sid;
	size_t used;
	u32 rid;
	u16 sz;

	if (avail < KACS_ACE_HDR_LEN)
		return -EINVAL;
	sz = get_unaligned_le16(p + 2);
	if (sz < KACS_ACE_HDR_LEN || sz % 4 || sz > avail)
		return -EINVAL;

	if (ace_type_has_sid(p[0])) {
		if (sz < KACS_ACE_MIN_SID_SIZE)
			return -EINVAL;
		if (kacs_sid_parse(&sid, p + 8, sz - 8, &used) ||
		    used != (size_t)sz - 8)
			return -EINVAL;
		if (p[0] == KACS_SYSTEM_MANDATORY_LABEL_ACE_TYPE &&
		    (!kacs_sid_is_integrity(&sid, &rid) ||
		     !kacs_integrity_rid_valid(rid)))
			return -EINVAL;
		if (p[0] == KACS_SYSTEM_PROCESS_TRUST_LABEL_ACE_TYPE &&
		    !is_trust_label_sid(&sid))
			return -EINVAL;
	}
	*size = sz;
	return 0;
}

/* Validate the ACL at @p, of which @avail bytes may be read. */
static int acl_validate(const u8 *p, u32 avail, struct kacs_acl *acl)
{
	u32 pos, asz;
	u16 size, count, i;

	if (avail < KACS_ACL_HDR_LEN)
		return -EINVAL;
	/* Sbz1 (byte 1) and Sbz2 (bytes 6-7) are not interpreted */
	if (p[0] < ACL_REVISION_MIN || p[0] > ACL_REVISION_MAX)
		return -EINVAL;
	size = get_unaligned_le16(p + 2);
	count = get_unaligned_le16(p + 4);
	if (size < KACS_ACL_HDR_LEN || size > avail)
		return -EINVAL;

	acl->reserved_bits = false;
	pos = KACS_ACL_HDR_LEN;
	for (i = 0; i < count; i++) {
		if (ace_check(p + pos, size - pos, &asz))
			return -EINVAL;
		if (asz >= 8 &&
		    (get_unaligned_le32(p + pos + 4) & KACS_ACCESS_RESERVED))
			acl->reserved_bits = true;
		pos += asz;
	}
	if (pos != size)
		return -EINVAL;

	acl->buf = p;
	acl->size = size;
	acl->count = count;
	return 0;
}

/* Validate the ACL at @off of the @len-byte SD @buf. */
static int acl_check(const u8 *buf, u32 len, u32 off, struct kacs_acl *acl,
		     struct sd_range *range)
{
	if (off < KACS_SD_HDR_LEN || off > len ||
	    acl_validate(buf + off, len - off, acl))
		return -EINVAL;
	range->start = off;
	range->end = off + acl->size;
	return 0;
}

static int sid_check(const u8 *buf, u32 len, u32 off, struct kacs_sid *sid,
		     struct sd_range *range)
{
	size_t used;

	if (off < KACS_SD_HDR_LEN || off >= len)
		return -EINVAL;
	if (kacs_sid_parse(sid, buf + off, len - off, &used))
		return -EINVAL;
	range->start = off;
	range->end = off + (u32)used;
	return 0;
}

/**
 * kacs_sd_parse() - validate a self-relative security descriptor
 * @sd: output view, written only on success
 * @buf: SD bytes; must stay valid and unchanged while @sd is used
 * @len: number of bytes at @buf (bytes after the last component are allowed)
 *
 * Checks: length 20..65535, revision 1, SELF_RELATIVE set, every non-zero
 * offset past the header and its component inside @buf, no two components
 * overlapping, valid SIDs, a DACL/SACL offset only with the matching
 * PRESENT bit, ACL revision 2..4, AclSize >= 8 inside @buf, ACEs of AceSize >= 4 and a multiple
 * of 4 that exactly fill AclSize, single-SID ACEs (types 0x00-0x03, 0x11,
 * 0x14) of at least 16 bytes whose SID exactly fills the ACE, mandatory
 * label SIDs S-1-16-{0,4096,8192,12288,16384} and trust-label SIDs
 * S-1-19-T-L.  DACL_PRESENT with a zero offset is a NULL DACL.  The
 * reserved bytes (the SD's Sbz1, an ACL's Sbz1 and Sbz2) are "preserved
 * for format compatibility but not interpreted" (v0.20
 * 3-security-descriptors/1-structure.md, 2-acl-format.md): any value is
 * accepted, and the SD writer keeps an ACL's.
 *
 * Return: 0 on success, -EINVAL if the SD is malformed (@sd untouched).
 */
int kacs_sd_parse(struct kacs_sd *sd, const void *buf, size_t len)
{
	struct kacs_sd tmp = {};
	struct sd_range r[4];
	const u8 *b = buf;
	u32 owner, group, sacl, dacl;
	unsigned int n = 0, i, j;

	if (!sd || !b || len < KACS_SD_HDR_LEN || len > KACS_SD_MAX_SIZE)
		return -EINVAL;
	if (b[0] != 1)
		return -EINVAL;
	tmp.control = get_unaligned_le16(b + 2);
	if (!(tmp.control & KACS_SE_SELF_RELATIVE))
		return -EINVAL;
	owner = get_unaligned_le32(b + 4);
	group = get_unaligned_le32(b + 8);
	sacl = get_unaligned_le32(b + 12);
	dacl = get_unaligned_le32(b + 16);

	if (owner) {
		if (sid_check(b, len, owner, &tmp.owner, &r[n++]))
			return -EINVAL;
		tmp.has_owner = true;
	}
	if (group) {
		if (sid_check(b, len, group, &tmp.group, &r[n++]))
			return -EINVAL;
		tmp.has_group = true;
	}
	if (sacl) {
		if (!(tmp.control & KACS_SE_SACL_PRESENT) ||
		    acl_check(b, len, sacl, &tmp.sacl, &r[n++]))
			return -EINVAL;
		tmp.has_sacl = true;
	}
	if (dacl) {
		if (!(tmp.control & KACS_SE_DACL_PRESENT) ||
		    acl_check(b, len, dacl, &tmp.dacl, &r[n++]))
			return -EINVAL;
		tmp.has_dacl = true;
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (r[i].start < r[j].end && r[j].start < r[i].end)
				return -EINVAL;

	tmp.buf = b;
	tmp.len = (u32)len;
	*sd = tmp;
	return 0;
}

/**
 * kacs_acl_parse() - validate an ACL that stands on its own
 * @acl: output view, written only on success
 * @buf: ACL bytes; must stay valid and unchanged while @acl is used
 * @len: number of bytes at @buf (bytes after AclSize are allowed)
 *
 * Applies the ACL checks of kacs_sd_parse() to an ACL outside any SD,
 * such as the default DACL of a token specification.  @len must leave
 * room for the ACL to be placed in an SD (at most KACS_SD_MAX_SIZE minus
 * the SD header).
 *
 * Return: 0 on success, -EINVAL if the ACL is malformed (@acl untouched).
 */
int kacs_acl_parse(struct kacs_acl *acl, const void *buf, size_t len)
{
	struct kacs_acl tmp;

	if (!acl || !buf || len > KACS_SD_MAX_SIZE - KACS_SD_HDR_LEN ||
	    acl_validate(buf, len, &tmp))
		return -EINVAL;
	*acl = tmp;
	return 0;
}

static void ace_decode(const u8 *p, u16 size, struct kacs_ace *ace)
{
	size_t used;

	memset(ace, 0, sizeof(*ace));
	ace->type = p[0];
	ace->flags = p[1];
	ace->size = size;
	if (size >= 8)
		ace->mask = get_unaligned_le32(p + 4);
	if (ace_type_has_sid(ace->type) && size >= KACS_ACE_MIN_SID_SIZE &&
	    !kacs_sid_parse(&ace->sid, p + 8, size - 8, &used))
		ace->has_sid = true;
}

/**
 * kacs_acl_next() - decode the ACE at a cursor and advance the cursor
 * @acl: a validated ACL
 * @off: cursor, the byte offset of the ACE within the ACL; advanced past it
 * @ace: output
 *
 * Used by kacs_acl_for_each().  Stops (returns false) at the end of the ACL
 * and, defensively, on an ACE that does not fit.
 *
 * Return: true if an ACE was decoded into @ace.
 */
bool kacs_acl_next(const struct kacs_acl *acl, unsigned int *off,
		   struct kacs_ace *ace)
{
	u32 pos = *off;
	u16 size;

	if (pos < KACS_ACL_HDR_LEN || pos >= acl->size ||
	    acl->size - pos < KACS_ACE_HDR_LEN)
		return false;
	size = get_unaligned_le16(acl->buf + pos + 2);
	if (size < KACS_ACE_HDR_LEN || size > acl->size - pos)
		return false;
	ace_decode(acl->buf + pos, size, ace);
	*off = pos + size;
	return true;
}

/**
 * kacs_acl_ace() - decode the ACE with index @i
 * @acl: a validated ACL
 * @i: index, must be below @acl->count
 * @ace: output; zeroed if @i is out of range
 *
 * This walks the ACL from the start, so it is O(@i).
 */
void kacs_acl_ace(const struct kacs_acl *acl, unsigned int i,
		  struct kacs_ace *ace)
{
	unsigned int off, n = 0;

	kacs_acl_for_each(acl, off, ace)
		if (n++ == i)
			return;
	memset(ace, 0, sizeof(*ace));
}

/* Serialisation: a two-pass writer (size with buf == NULL, then emit). */

struct sd_writer {
	u8 *buf;
	size_t pos;
};

enum acl_filter {
	ACL_ALL,
	ACL_LABELS,
	ACL_NO_LABELS,
};

struct acl_part {
	const struct kacs_acl *acl;
	enum acl_filter filter;
};

struct sd_plan {
	u16 control;
	const struct kacs_sid *owner, *group;
	bool sacl, dacl;
	struct acl_part sacl_parts[2];
	struct acl_part dacl_part;
	const struct kacs_ace_spec *specs;
	unsigned int nspecs;
};

static void w_bytes(struct sd_writer *w, const void *src, size_t n)
{
	if (w->buf)
		memcpy(w->buf + w->pos, src, n);
	w->pos += n;
}

static void w_sid(struct sd_writer *w, const struct kacs_sid *sid)
{
	if (w->buf)
		kacs_sid_write(sid, w->buf + w->pos);
	w->pos += kacs_sid_len(sid);
}

static bool acl_keep(const struct kacs_ace *ace, enum acl_filter filter)
{
	bool label = ace->type == KACS_SYSTEM_MANDATORY_LABEL_ACE_TYPE;

	switch (filter) {
	case ACL_LABELS:
		return label;
	case ACL_NO_LABELS:
		return !label;
	default:
		return true;
	}
}

static bool acl_has_label(const struct kacs_acl *acl)
{
	struct kacs_ace ace;
	unsigned int off;

	kacs_acl_for_each(acl, off, &ace)
		if (acl_keep(&ace, ACL_LABELS))
			return true;
	return false;
}

static int w_acl(struct sd_writer *w, const struct acl_part *parts,
		 unsigned int nparts, const struct kacs_ace_spec *specs,
		 unsigned int nspecs)
{
	const size_t start = w->pos;
	struct kacs_ace ace;
	unsigned int i, off;
	u32 count = 0;
	size_t size;
	u8 rev = KACS_ACL_REVISION;
	const u8 *first = NULL;
	u8 hdr[8];

	w->pos += KACS_ACL_HDR_LEN;
	for (i = 0; i < nparts; i++) {
		const struct kacs_acl *acl = parts[i].acl;

		if (!acl)
			continue;
		if (acl->buf[0] > rev)
			rev = acl->buf[0];
		if (!first)
			first = acl->buf;
		kacs_acl_for_each(acl, off, &ace) {
			if (!acl_keep(&ace, parts[i].filter))
				continue;
			w_bytes(w, acl->buf + off - ace.size, ace.size);
			count++;
		}
	}
	for (i = 0; i < nspecs; i++) {
		size = 8 + kacs_sid_len(specs[i].sid);
		hdr[0] = specs[i].type;
		hdr[1] = specs[i].flags;
		put_unaligned_le16((u16)size, hdr + 2);
		put_unaligned_le32(specs[i].mask, hdr + 4);
		w_bytes(w, hdr, 8);
		w_sid(w, specs[i].sid);
		count++;
	}

	size = w->pos - start;
	if (size > 0xffff || count > 0xffff)
		return -EINVAL;
	if (w->buf) {
		/* the reserved bytes (Sbz1, Sbz2) of the first source ACL */
		hdr[0] = rev;
		hdr[1] = first ? first[1] : 0;
		put_unaligned_le16((u16)size, hdr + 2);
		put_unaligned_le16((u16)count, hdr + 4);
		hdr[6] = first ? first[6] : 0;
		hdr[7] = first ? first[7] : 0;
		memcpy(w->buf + start, hdr, 8);
	}
	return 0;
}

static int sd_emit(struct sd_writer *w, const struct sd_plan *plan)
{
	size_t owner = 0, group = 0, sacl = 0, dacl = 0;
	int ret;

	w->pos = KACS_SD_HDR_LEN;
	if (plan->owner) {
		owner = w->pos;
		w_sid(w, plan->owner);
	}
	if (plan->group) {
		group = w->pos;
		w_sid(w, plan->group);
	}
	if (plan->sacl) {
		sacl = w->pos;
		ret = w_acl(w, plan->sacl_parts, 2, NULL, 0);
		if (ret)
			return ret;
	}
	if (plan->dacl) {
		dacl = w->pos;
		ret = w_acl(w, &plan->dacl_part, 1, plan->specs, plan->nspecs);
		if (ret)
			return ret;
	}
	if (w->pos > KACS_SD_MAX_SIZE)
		return -EINVAL;

	if (w->buf) {
		u16 control = plan->control | KACS_SE_SELF_RELATIVE;

		if (plan->sacl)
			control |= KACS_SE_SACL_PRESENT;
		if (plan->dacl)
			control |= KACS_SE_DACL_PRESENT;
		w->buf[0] = 1;
		w->buf[1] = 0;
		put_unaligned_le16(control & ~KACS_SE_RM_CONTROL_VALID,
				   w->buf + 2);
		put_unaligned_le32((u32)owner, w->buf + 4);
		put_unaligned_le32((u32)group, w->buf + 8);
		put_unaligned_le32((u32)sacl, w->buf + 12);
		put_unaligned_le32((u32)dacl, w->buf + 16);
	}
	return 0;
}

/* Size, allocate, emit, and re-validate the result. */
static int sd_finish(const struct sd_plan *plan, u8 **out, size_t *out_len,
		     gfp_t gfp)
{
	struct sd_writer w = {};
	struct kacs_sd check;
	size_t size;
	u8 *buf;
	int ret;

	ret = sd_emit(&w, plan);
	if (ret)
		return ret;
	size = w.pos;
	buf = kzalloc(size, gfp);
	if (!buf)
		return -ENOMEM;
	w.buf = buf;
	ret = sd_emit(&w, plan);
	if (ret || w.pos != size || kacs_sd_parse(&check, buf, size)) {
		kfree(buf);
		return -EINVAL;
	}
	*out = buf;
	*out_len = size;
	return 0;
}

/**
 * kacs_sd_build() - build a self-relative SD
 * @out: on success, a buffer from kmalloc() holding the SD; caller frees
 * @out_len: on success, the size of @out
 * @owner: owner SID, or NULL for none
 * @group: group SID, or NULL for none
 * @dacl: DACL entries, stored in the given order with masks as given
 * @ndacl: number of entries at @dacl
 * @dacl_present: emit a DACL (with @ndacl == 0, an empty DACL); when false
 *                the SD has no DACL (NULL DACL) and @ndacl must be 0
 * @extra_control: control bits to add (SELF_RELATIVE and, with a DACL,
 *                 DACL_PRESENT are always set; RM_CONTROL_VALID is ignored)
 * @gfp: allocation flags
 *
 * The layout is header, owner, group, DACL (revision 2).  The result is
 * checked with kacs_sd_parse() before it is returned.
 *
 * Return: 0, -EINVAL for bad arguments or a result over 65535 bytes,
 * -ENOMEM.
 */
int kacs_sd_build(u8 **out, size_t *out_len,
		  const struct kacs_sid *owner, const struct kacs_sid *group,
		  const struct kacs_ace_spec *dacl, unsigned int ndacl,
		  bool dacl_present, u16 extra_control, gfp_t gfp)
{
	struct sd_plan plan = {};
	unsigned int i;

	if (!out || !out_len || (ndacl && (!dacl || !dacl_present)) ||
	    ndacl > 0xffff)
		return -EINVAL;
	if ((owner && !kacs_sid_is_valid(owner)) ||
	    (group && !kacs_sid_is_valid(group)))
		return -EINVAL;
	for (i = 0; i < ndacl; i++)
		if (!dacl[i].sid || !kacs_sid_is_valid(dacl[i].sid) ||
		    !ace_type_has_sid(dacl[i].type))
			return -EINVAL;

	plan.control = extra_control;
	plan.owner = owner;
	plan.group = group;
	plan.dacl = dacl_present;
	plan.specs = dacl;
	plan.nspecs = ndacl;
	return sd_finish(&plan, out, out_len, gfp);
}

/**
 * kacs_sd_select() - extract components of an SD into a new SD
 * @sd: a parsed SD
 * @security_info: KACS_*_SECURITY_INFORMATION bits naming the components
 * @out: on success, a buffer from kmalloc() holding the new SD
 * @out_len: on success, the size of @out
 * @gfp: allocation flags
 *
 * OWNER, GROUP, DACL and SACL copy the component and its control bits.
 * LABEL without SACL yields a SACL holding only the mandatory label ACEs of
 * @sd's SACL (no SACL if there are none).  ACLs are copied byte for byte,
 * unknown ACE types included.  The layout is header, owner, group, SACL,
 * DACL.
 *
 * Return: 0, -EINVAL for unknown @security_info bits or an invalid result,
 * -ENOMEM.
 */
int kacs_sd_select(const struct kacs_sd *sd, u32 security_info,
		   u8 **out, size_t *out_len, gfp_t gfp)
{
	struct sd_plan plan = {};

	if (!sd || !out || !out_len ||
	    (security_info & ~KACS_ALL_SECURITY_INFORMATION))
		return -EINVAL;

	if (security_info & KACS_OWNER_SECURITY_INFORMATION) {
		plan.control |= sd->control & KACS_SE_OWNER_DEFAULTED;
		if (sd->has_owner)
			plan.owner = &sd->owner;
	}
	if (security_info & KACS_GROUP_SECURITY_INFORMATION) {
		plan.control |= sd->control & KACS_SE_GROUP_DEFAULTED;
		if (sd->has_group)
			plan.group = &sd->group;
	}
	if (security_info & KACS_DACL_SECURITY_INFORMATION) {
		plan.control |= sd->control & DACL_BITS;
		if (sd->has_dacl) {
			plan.dacl = true;
			plan.dacl_part.acl = &sd->dacl;
		}
	}
	if (security_info & KACS_SACL_SECURITY_INFORMATION) {
		plan.control |= sd->control & SACL_BITS;
		if (sd->has_sacl) {
			plan.sacl = true;
			plan.sacl_parts[0].acl = &sd->sacl;
		}
	} else if ((security_info & KACS_LABEL_SECURITY_INFORMATION) &&
		   sd->has_sacl && acl_has_label(&sd->sacl)) {
		plan.sacl = true;
		plan.sacl_parts[0].acl = &sd->sacl;
		plan.sacl_parts[0].filter = ACL_LABELS;
	}
	return sd_finish(&plan, out, out_len, gfp);
}

/**
 * kacs_sd_merge() - replace components of an SD
 * @cur: the current SD
 * @upd: SD supplying the new components
 * @security_info: KACS_*_SECURITY_INFORMATION bits naming the components
 *                 taken from @upd; everything else comes from @cur
 * @out: on success, a buffer from kmalloc() holding the merged SD
 * @out_len: on success, the size of @out
 * @gfp: allocation flags
 *
 * A selected component that @upd lacks is removed (except the owner, see
 * below).  LABEL without SACL replaces only the mandatory label ACEs: the
 * new SACL holds @upd's label ACEs followed by @cur's other SACL ACEs.
 * Control bits follow the component they describe.
 *
 * Return: 0, -EINVAL for unknown @security_info bits, OWNER selected while
 * @upd has no owner, or an invalid result; -ENOMEM.
 */
int kacs_sd_merge(const struct kacs_sd *cur, const struct kacs_sd *upd,
		  u32 security_info, u8 **out, size_t *out_len, gfp_t gfp)
{
	struct sd_plan plan = {};
	const struct kacs_sd *src;
	bool upd_labels;

	if (!cur || !upd || !out || !out_len ||
	    (security_info & ~KACS_ALL_SECURITY_INFORMATION))
		return -EINVAL;
	if ((security_info & KACS_OWNER_SECURITY_INFORMATION) &&
	    !upd->has_owner)
		return -EINVAL;

	src = (security_info & KACS_OWNER_SECURITY_INFORMATION) ? upd : cur;
	plan.control |= src->control & KACS_SE_OWNER_DEFAULTED;
	if (src->has_owner)
		plan.owner = &src->owner;

	src = (security_info & KACS_GROUP_SECURITY_INFORMATION) ? upd : cur;
	plan.control |= src->control & KACS_SE_GROUP_DEFAULTED;
	if (src->has_group)
		plan.group = &src->group;

	src = (security_info & KACS_DACL_SECURITY_INFORMATION) ? upd : cur;
	plan.control |= src->control & DACL_BITS;
	if (src->has_dacl) {
		plan.dacl = true;
		plan.dacl_part.acl = &src->dacl;
	}

	if (!(security_info & KACS_SACL_SECURITY_INFORMATION) &&
	    (security_info & KACS_LABEL_SECURITY_INFORMATION)) {
		upd_labels = upd->has_sacl && acl_has_label(&upd->sacl);
		plan.control |= cur->control & SACL_BITS;
		if (cur->has_sacl || upd_labels) {
			plan.sacl = true;
			if (upd_labels) {
				plan.sacl_parts[0].acl = &upd->sacl;
				plan.sacl_parts[0].filter = ACL_LABELS;
			}
			if (cur->has_sacl) {
				plan.sacl_parts[1].acl = &cur->sacl;
				plan.sacl_parts[1].filter = ACL_NO_LABELS;
			}
		}
	} else {
		src = (security_info & KACS_SACL_SECURITY_INFORMATION) ?
		      upd : cur;
		plan.control |= src->control & SACL_BITS;
		if (src->has_sacl) {
			plan.sacl = true;
			plan.sacl_parts[0].acl = &src->sacl;
		}
	}
	return sd_finish(&plan, out, out_len, gfp);
}
