// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - SID strings and SDDL-style text, for tests only
 *
 * Built into the KUnit tests and the user-space engine harness
 * (tools/testing/kacs-engine), never into the production object: the
 * kernel ABI passes SIDs and SDs in their binary wire form only.
 */

#include "sddl.h"

static void sid_set_authority(struct kacs_sid *sid, u64 v)
{
	int i;

	for (i = 5; i >= 0; i--) {
		sid->authority[i] = (u8)v;
		v >>= 8;
	}
}

/**
 * kacs_sid_to_string() - format a SID as "S-1-..."
 * @sid: SID to format
 * @buf: output buffer
 * @len: size of @buf
 *
 * The authority is printed in decimal when its two most significant bytes
 * are zero, otherwise as "0x" and twelve lowercase hex digits.  @buf is not
 * modified unless the whole string, including the terminating NUL, fits.
 *
 * Return: length of the string (without NUL), -ENOSPC if @buf is too small,
 * -EINVAL if @sid is not valid.
 */
int kacs_sid_to_string(const struct kacs_sid *sid, char *buf, size_t len)
{
	char tmp[KACS_SID_STR_MAX];
	u64 auth;
	int pos;
	unsigned int i;

	if (!kacs_sid_is_valid(sid))
		return -EINVAL;

	auth = kacs_sid_authority(sid);
	if (auth >> 32)
		pos = snprintf(tmp, sizeof(tmp), "S-1-0x%012llx",
			       (unsigned long long)auth);
	else
		pos = snprintf(tmp, sizeof(tmp), "S-1-%u", (u32)auth);
	for (i = 0; i < sid->sub_count; i++)
		pos += snprintf(tmp + pos, sizeof(tmp) - pos, "-%u",
				sid->sub[i]);

	if (!buf || (size_t)pos >= len)
		return -ENOSPC;
	memcpy(buf, tmp, pos + 1);
	return pos;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Canonical unsigned decimal: no sign, no leading zero, fits in 32 bits. */
static int parse_dec32(const char **pp, u32 *out)
{
	const char *p = *pp;
	u64 v = 0;
	unsigned int n = 0;

	if (!is_digit(*p))
		return -EINVAL;
	if (p[0] == '0' && is_digit(p[1]))
		return -EINVAL;
	while (is_digit(*p)) {
		if (++n > 10)
			return -EINVAL;
		v = v * 10 + (u64)(*p - '0');
		p++;
	}
	if (v > 0xffffffffULL)
		return -EINVAL;
	*out = (u32)v;
	*pp = p;
	return 0;
}

/* Exactly twelve lowercase hex digits. */
static int parse_hex48(const char **pp, u64 *out)
{
	const char *p = *pp;
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < 12; i++, p++) {
		if (is_digit(*p))
			v = (v << 4) | (u64)(*p - '0');
		else if (*p >= 'a' && *p <= 'f')
			v = (v << 4) | (u64)(*p - 'a' + 10);
		else
			return -EINVAL;
	}
	*out = v;
	*pp = p;
	return 0;
}

/**
 * kacs_sid_from_string() - parse the string form of a SID
 * @sid: output, written only on success
 * @str: NUL-terminated string
 *
 * Only the canonical form produced by kacs_sid_to_string() is accepted:
 * "S-1-", the authority (decimal without leading zeros if below 2^32,
 * otherwise "0x" and twelve lowercase hex digits), then zero to fifteen
 * "-<decimal u32>" sub-authorities without leading zeros.  Nothing may
 * follow.
 *
 * Return: 0 on success, -EINVAL on any deviation.
 */
int kacs_sid_from_string(struct kacs_sid *sid, const char *str)
{
	struct kacs_sid tmp = { .revision = 1 };
	const char *p = str;
	u64 auth;
	u32 v;

	if (!p || strncmp(p, "S-1-", 4))
		return -EINVAL;
	p += 4;
	if (p[0] == '0' && p[1] == 'x') {
		p += 2;
		if (parse_hex48(&p, &auth) || !(auth >> 32))
			return -EINVAL;
	} else {
		if (parse_dec32(&p, &v))
			return -EINVAL;
		auth = v;
	}
	sid_set_authority(&tmp, auth);

	while (*p == '-') {
		if (tmp.sub_count == KACS_SID_MAX_SUB)
			return -EINVAL;
		p++;
		if (parse_dec32(&p, &v))
			return -EINVAL;
		tmp.sub[tmp.sub_count++] = v;
	}
	if (*p)
		return -EINVAL;

	*sid = tmp;
	return 0;
}

/* SDDL-style text */

struct txt {
	char *buf;
	size_t len, pos;
};

static void t_puts(struct txt *t, const char *s)
{
	size_t n = strlen(s);

	if (t->pos < t->len) {
		size_t room = t->len - t->pos;

		memcpy(t->buf + t->pos, s, n < room ? n : room);
	}
	t->pos += n;
}

static void t_hex(struct txt *t, u32 v)
{
	char num[16];

	snprintf(num, sizeof(num), "0x%x", v);
	t_puts(t, num);
}

static void t_sid(struct txt *t, const struct kacs_sid *sid)
{
	char str[KACS_SID_STR_MAX];

	if (kacs_sid_to_string(sid, str, sizeof(str)) > 0)
		t_puts(t, str);
}

static void t_ace(struct txt *t, const struct kacs_ace *ace)
{
	static const struct {
		u8 bit;
		char name[3];
	} flag_names[] = {
		{ KACS_OBJECT_INHERIT_ACE, "OI" },
		{ KACS_CONTAINER_INHERIT_ACE, "CI" },
		{ KACS_NO_PROPAGATE_INHERIT_ACE, "NP" },
		{ KACS_INHERIT_ONLY_ACE, "IO" },
		{ KACS_INHERITED_ACE, "ID" },
		{ 0x40, "SA" },
		{ 0x80, "FA" },
	};
	u8 rest = ace->flags;
	unsigned int i;

	t_puts(t, "(");
	switch (ace->type) {
	case KACS_ACCESS_ALLOWED_ACE_TYPE:
		t_puts(t, "A");
		break;
	case KACS_ACCESS_DENIED_ACE_TYPE:
		t_puts(t, "D");
		break;
	case KACS_SYSTEM_AUDIT_ACE_TYPE:
		t_puts(t, "AU");
		break;
	case KACS_ACE_TYPE_ALARM:
		t_puts(t, "AL");
		break;
	case KACS_SYSTEM_MANDATORY_LABEL_ACE_TYPE:
		t_puts(t, "ML");
		break;
	case KACS_SYSTEM_PROCESS_TRUST_LABEL_ACE_TYPE:
		t_puts(t, "TL");
		break;
	default:
		t_hex(t, ace->type);
		break;
	}
	t_puts(t, ";");
	for (i = 0; i < ARRAY_SIZE(flag_names); i++) {
		if (rest & flag_names[i].bit) {
			t_puts(t, flag_names[i].name);
			rest &= ~flag_names[i].bit;
		}
	}
	if (rest)
		t_hex(t, rest);
	t_puts(t, ";");
	t_hex(t, ace->mask);
	t_puts(t, ";;;");
	if (ace->has_sid)
		t_sid(t, &ace->sid);
	t_puts(t, ")");
}

static void t_acl(struct txt *t, const char *tag, u16 control, u16 present,
		  u16 protected, u16 req, u16 inherited, bool has,
		  const struct kacs_acl *acl)
{
	struct kacs_ace ace;
	unsigned int off;

	if (!(control & present))
		return;
	t_puts(t, tag);
	if (control & protected)
		t_puts(t, "P");
	if (control & req)
		t_puts(t, "AR");
	if (control & inherited)
		t_puts(t, "AI");
	if (!has) {
		t_puts(t, "NO_ACCESS_CONTROL");
		return;
	}
	kacs_acl_for_each(acl, off, &ace)
		t_ace(t, &ace);
}

/**
 * kacs_sd_to_sddl() - render a parsed SD as SDDL-style text
 * @sd: a parsed SD
 * @buf: output buffer
 * @len: size of @buf
 *
 * Format: "O:<sid>G:<sid>D:<flags>(<ace>)...S:<flags>(<ace>)...", each part
 * only when present.  SIDs use the "S-1-..." form, masks are hex
 * ("0x1000"), ACE types A, D, AU, AL, ML, TL (others as hex), flags OI CI
 * NP IO ID SA FA.  A NULL DACL or SACL prints as NO_ACCESS_CONTROL.
 *
 * Return: length of the text (without NUL), or -ENOSPC if it does not fit
 * (@buf then holds a truncated, NUL-terminated prefix).
 */
int kacs_sd_to_sddl(const struct kacs_sd *sd, char *buf, size_t len)
{
	struct txt t = { .buf = buf, .len = buf ? len : 0 };

	if (!sd)
		return -EINVAL;
	if (sd->has_owner) {
		t_puts(&t, "O:");
		t_sid(&t, &sd->owner);
	}
	if (sd->has_group) {
		t_puts(&t, "G:");
		t_sid(&t, &sd->group);
	}
	t_acl(&t, "D:", sd->control, KACS_SE_DACL_PRESENT,
	      KACS_SE_DACL_PROTECTED, KACS_SE_DACL_AUTO_INHERIT_REQ,
	      KACS_SE_DACL_AUTO_INHERITED, sd->has_dacl, &sd->dacl);
	t_acl(&t, "S:", sd->control, KACS_SE_SACL_PRESENT,
	      KACS_SE_SACL_PROTECTED, KACS_SE_SACL_AUTO_INHERIT_REQ,
	      KACS_SE_SACL_AUTO_INHERITED, sd->has_sacl, &sd->sacl);

	if (t.pos >= t.len) {
		if (t.len)
			buf[t.len - 1] = '\0';
		return -ENOSPC;
	}
	buf[t.pos] = '\0';
	return (int)t.pos;
}
