// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS security identifiers.
 *
 * Wire form (MS-DTYP 2.4.2): revision (1), sub-authority count (0..15),
 * 48-bit big-endian identifier authority, then the sub-authorities as
 * little-endian 32-bit values.  String form: "S-1-<authority>-<sub>...",
 * the authority in decimal when it fits in 32 bits, otherwise "0x" followed
 * by exactly twelve lowercase hex digits.
 */

#include "sid.h"

#define SID_HDR_LEN	8

const struct kacs_sid kacs_sid_system = KACS_SID(5, 1, 18);
const struct kacs_sid kacs_sid_admins = KACS_SID(5, 2, 32, 544);
const struct kacs_sid kacs_sid_everyone = KACS_SID(1, 1, 0);
const struct kacs_sid kacs_sid_auth_users = KACS_SID(5, 1, 11);
const struct kacs_sid kacs_sid_local = KACS_SID(2, 1, 0);
const struct kacs_sid kacs_sid_anonymous = KACS_SID(5, 1, 7);
const struct kacs_sid kacs_sid_owner_rights = KACS_SID(3, 1, 4);
const struct kacs_sid kacs_sid_self = KACS_SID(5, 1, 10);

/**
 * kacs_sid_len() - size of the wire form of a SID
 * @sid: a valid SID
 *
 * Return: 8 + 4 * @sid->sub_count.
 */
size_t kacs_sid_len(const struct kacs_sid *sid)
{
	return SID_HDR_LEN + 4 * (size_t)sid->sub_count;
}

/**
 * kacs_sid_is_valid() - check the invariants of a decoded SID
 * @sid: SID to check
 *
 * Return: true if @sid has revision 1 and at most 15 sub-authorities.
 */
bool kacs_sid_is_valid(const struct kacs_sid *sid)
{
	return sid->revision == 1 && sid->sub_count <= KACS_SID_MAX_SUB;
}

/**
 * kacs_sid_parse() - decode a SID from its wire form
 * @sid: output, written only on success
 * @buf: input bytes
 * @len: number of bytes available at @buf
 * @used: if not NULL, set to the size of the SID on success
 *
 * Only the bytes belonging to the SID are read; @len may be larger.
 *
 * Return: 0 on success, -EINVAL if @buf does not start with a valid SID.
 */
int kacs_sid_parse(struct kacs_sid *sid, const u8 *buf, size_t len,
		   size_t *used)
{
	struct kacs_sid tmp = {};
	size_t need;
	unsigned int i;

	if (!buf || len < SID_HDR_LEN)
		return -EINVAL;
	if (buf[0] != 1 || buf[1] > KACS_SID_MAX_SUB)
		return -EINVAL;
	need = SID_HDR_LEN + 4 * (size_t)buf[1];
	if (len < need)
		return -EINVAL;

	tmp.revision = 1;
	tmp.sub_count = buf[1];
	memcpy(tmp.authority, buf + 2, sizeof(tmp.authority));
	for (i = 0; i < tmp.sub_count; i++)
		tmp.sub[i] = get_unaligned_le32(buf + SID_HDR_LEN + 4 * i);

	*sid = tmp;
	if (used)
		*used = need;
	return 0;
}

/**
 * kacs_sid_write() - encode a SID in its wire form
 * @sid: SID to encode
 * @buf: output, at least kacs_sid_len(@sid) bytes
 *
 * Return: number of bytes written, or 0 (nothing written) if @sid is not
 * valid.
 */
size_t kacs_sid_write(const struct kacs_sid *sid, u8 *buf)
{
	unsigned int i;

	if (!kacs_sid_is_valid(sid))
		return 0;
	buf[0] = 1;
	buf[1] = sid->sub_count;
	memcpy(buf + 2, sid->authority, sizeof(sid->authority));
	for (i = 0; i < sid->sub_count; i++)
		put_unaligned_le32(sid->sub[i], buf + SID_HDR_LEN + 4 * i);
	return kacs_sid_len(sid);
}

/**
 * kacs_sid_equal() - compare two SIDs
 * @a: first SID
 * @b: second SID
 *
 * SIDs are equal when their wire forms are byte-for-byte identical.
 *
 * Return: true if equal; false if different or if either is invalid.
 */
bool kacs_sid_equal(const struct kacs_sid *a, const struct kacs_sid *b)
{
	unsigned int i;

	if (!kacs_sid_is_valid(a) || !kacs_sid_is_valid(b))
		return false;
	if (a->sub_count != b->sub_count ||
	    memcmp(a->authority, b->authority, sizeof(a->authority)))
		return false;
	for (i = 0; i < a->sub_count; i++)
		if (a->sub[i] != b->sub[i])
			return false;
	return true;
}

/**
 * kacs_sid_integrity() - build a mandatory integrity label SID
 * @sid: output
 * @rid: integrity level (KACS_INTEGRITY_*)
 *
 * Sets @sid to S-1-16-@rid.
 */
void kacs_sid_integrity(struct kacs_sid *sid, u32 rid)
{
	memset(sid, 0, sizeof(*sid));
	sid->revision = 1;
	sid->sub_count = 1;
	sid->authority[5] = 16;
	sid->sub[0] = rid;
}

/**
 * kacs_integrity_rid_valid() - is @rid one of the defined integrity levels
 * @rid: candidate integrity level RID
 *
 * Return: true for KACS_INTEGRITY_UNTRUSTED, _LOW, _MEDIUM, _HIGH and
 * _SYSTEM, false for any other value.
 */
bool kacs_integrity_rid_valid(u32 rid)
{
	switch (rid) {
	case KACS_INTEGRITY_UNTRUSTED:
	case KACS_INTEGRITY_LOW:
	case KACS_INTEGRITY_MEDIUM:
	case KACS_INTEGRITY_HIGH:
	case KACS_INTEGRITY_SYSTEM:
		return true;
	default:
		return false;
	}
}

/**
 * kacs_sid_is_integrity() - test for a mandatory integrity label SID
 * @sid: SID to test
 * @rid: if not NULL, receives the level when the result is true
 *
 * Return: true if @sid is S-1-16-X for some X.
 */
bool kacs_sid_is_integrity(const struct kacs_sid *sid, u32 *rid)
{
	if (!kacs_sid_is_valid(sid) || sid->sub_count != 1 ||
	    kacs_sid_authority(sid) != 16)
		return false;
	if (rid)
		*rid = sid->sub[0];
	return true;
}

/**
 * kacs_sid_logon() - build a logon-session SID
 * @sid: output
 * @session_id: 64-bit session identifier
 *
 * Sets @sid to S-1-5-5-X-Y with X the high and Y the low 32 bits of
 * @session_id.
 */
void kacs_sid_logon(struct kacs_sid *sid, u64 session_id)
{
	memset(sid, 0, sizeof(*sid));
	sid->revision = 1;
	sid->sub_count = 3;
	sid->authority[5] = 5;
	sid->sub[0] = 5;
	sid->sub[1] = (u32)(session_id >> 32);
	sid->sub[2] = (u32)session_id;
}
