/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS security identifiers (SIDs): binary wire form, string form and the
 * well-known SIDs used by the access-control engine.
 */

#ifndef _SECURITY_KACS_SID_H
#define _SECURITY_KACS_SID_H

#include "engine.h"

/* KACS_SID_MAX_LEN (uapi) is 8 + 4 * KACS_SID_MAX_SUB */
#define KACS_SID_MAX_SUB	15
/* "S-255-0x" + 12 hex digits + 15 * "-4294967295" + NUL fits in this */
#define KACS_SID_STR_MAX	192

/**
 * struct kacs_sid - decoded security identifier
 * @revision: always 1
 * @sub_count: number of valid entries in @sub (0..15)
 * @authority: 48-bit identifier authority, big-endian
 * @sub: sub-authorities in CPU byte order; entries >= @sub_count are 0
 */
struct kacs_sid {
	u8 revision;
	u8 sub_count;
	u8 authority[6];
	u32 sub[KACS_SID_MAX_SUB];
};

/*
 * KACS_SID(auth, n, s0, s1, ...) - initializer for a struct kacs_sid with
 * identifier authority @auth (0..255, which covers every well-known
 * authority; larger values do not fit and draw a compiler warning) and @n
 * sub-authorities.
 */
#define KACS_SID(auth, n, ...) {					\
	.revision = 1,							\
	.sub_count = (n),						\
	.authority = { [5] = (auth) },					\
	.sub = { __VA_ARGS__ },						\
}

size_t kacs_sid_len(const struct kacs_sid *sid);
bool kacs_sid_is_valid(const struct kacs_sid *sid);
int kacs_sid_parse(struct kacs_sid *sid, const u8 *buf, size_t len,
		   size_t *used);
size_t kacs_sid_write(const struct kacs_sid *sid, u8 *buf);
bool kacs_sid_equal(const struct kacs_sid *a, const struct kacs_sid *b);
void kacs_sid_integrity(struct kacs_sid *sid, u32 rid);
bool kacs_sid_is_integrity(const struct kacs_sid *sid, u32 *rid);
bool kacs_integrity_rid_valid(u32 rid);
void kacs_sid_logon(struct kacs_sid *sid, u64 session_id);

extern const struct kacs_sid kacs_sid_system;
extern const struct kacs_sid kacs_sid_admins;
extern const struct kacs_sid kacs_sid_everyone;
extern const struct kacs_sid kacs_sid_auth_users;
extern const struct kacs_sid kacs_sid_local;
extern const struct kacs_sid kacs_sid_anonymous;
extern const struct kacs_sid kacs_sid_owner_rights;
extern const struct kacs_sid kacs_sid_self;

/**
 * kacs_sid_authority() - the identifier authority of a SID as a number
 * @sid: the SID
 *
 * Return: the 48-bit big-endian authority.
 */
static inline u64 kacs_sid_authority(const struct kacs_sid *sid)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < 6; i++)
		v = (v << 8) | sid->authority[i];
	return v;
}

#endif /* _SECURITY_KACS_SID_H */
