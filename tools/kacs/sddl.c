// SPDX-License-Identifier: GPL-2.0-only
/*
 * SIDs, names, access rights and SDDL for the kacs tool.
 *
 * The SDDL dialect is the Windows security descriptor definition
 * language, cut to what KACS v0.20 stores on processes and cgroups:
 *
 *   [O:sid][G:sid][D:[flags][(ace)...]][S:[flags][(ace)...]]
 *   flags = P | AI | AR | NO_ACCESS_CONTROL
 *   ace   = (type;aceflags;rights;;;sid)
 *   type  = A | D | AU | AL | ML | TL | number (another type, mask + SID)
 *   aceflags = OI CI NP IO ID SA FA, or a number
 *   rights = GA GR GW GX RC SD WD WO FA FR FW FX (NR NW NX in ML ACEs),
 *            or a number (0x1000)
 *   sid   = S-1-... | SDDL alias (SY, BA, WD ...) | tool name (alice ...)
 *
 * Object ACEs (object GUIDs), conditional ACEs and resource attributes are
 * not in this series and are refused with the column where they start.
 */

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <linux/kacs.h>

#include "sddl.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/*
 * The fixed names.  The test principals use the domain
 * S-1-5-21-100-200-300 of the KACS selftests.
 */
const struct kt_name kt_names[] = {
	{ "SY", "system", "S-1-5-18", "Local System" },
	{ "BA", "administrators", "S-1-5-32-544", "BUILTIN\\Administrators" },
	{ "BU", "users", "S-1-5-32-545", "BUILTIN\\Users" },
	{ "BG", "guests", "S-1-5-32-546", "BUILTIN\\Guests" },
	{ "BO", "backup-operators", "S-1-5-32-551",
	  "BUILTIN\\Backup Operators" },
	{ "WD", "everyone", "S-1-1-0", "Everyone" },
	{ "AN", "anonymous", "S-1-5-7", "Anonymous" },
	{ "AU", "authenticated-users", "S-1-5-11", "Authenticated Users" },
	{ NULL, "local", "S-1-2-0", "Local" },
	{ "NU", "network", "S-1-5-2", "Network" },
	{ "IU", "interactive", "S-1-5-4", "Interactive" },
	{ "SU", "service", "S-1-5-6", "Service" },
	{ "PS", "principal-self", "S-1-5-10", "Principal Self" },
	{ "LS", "local-service", "S-1-5-19", "Local Service" },
	{ "NS", "network-service", "S-1-5-20", "Network Service" },
	{ "CO", "creator-owner", "S-1-3-0", "Creator Owner" },
	{ "CG", "creator-group", "S-1-3-1", "Creator Group" },
	{ "OW", "owner-rights", "S-1-3-4", "Owner Rights" },
	{ NULL, "untrusted", "S-1-16-0", "Untrusted integrity" },
	{ "LW", "low", "S-1-16-4096", "Low integrity" },
	{ "ME", "medium", "S-1-16-8192", "Medium integrity" },
	{ "HI", "high", "S-1-16-12288", "High integrity" },
	{ "SI", "system-integrity", "S-1-16-16384", "System integrity" },
	{ NULL, "alice", "S-1-5-21-100-200-300-1001", "test user" },
	{ NULL, "bob", "S-1-5-21-100-200-300-1002", "test user" },
	{ NULL, "carol", "S-1-5-21-100-200-300-1003", "test user" },
	{ NULL, "domain-users", "S-1-5-21-100-200-300-513",
	  "the test users' primary group" },
};

const size_t kt_nnames = ARRAY_SIZE(kt_names);

static int fail(struct kt_err *e, size_t col, const char *fmt, ...)
{
	va_list ap;

	e->col = col;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- SIDs ---- */

size_t kt_sid_size(const __u8 *p, size_t avail)
{
	size_t l;

	if (avail < 8 || p[0] != 1 || p[1] > 15)
		return 0;
	l = 8 + 4 * (size_t)p[1];
	return l <= avail ? l : 0;
}

char *kt_sid_str(const __u8 *p, size_t len, char *out, size_t outlen)
{
	__u64 auth = 0;
	size_t off;
	__u32 v;
	int i, n;

	if (!kt_sid_size(p, len)) {
		snprintf(out, outlen, "<bad sid>");
		return out;
	}
	for (i = 0; i < 6; i++)
		auth = (auth << 8) | p[2 + i];
	if (auth >> 32)
		n = snprintf(out, outlen, "S-1-0x%012llx",
			     (unsigned long long)auth);
	else
		n = snprintf(out, outlen, "S-1-%llu", (unsigned long long)auth);
	off = n > 0 ? (size_t)n : 0;
	for (i = 0; i < p[1] && off < outlen; i++) {
		v = p[8 + 4 * i] | p[9 + 4 * i] << 8 | p[10 + 4 * i] << 16 |
		    (__u32)p[11 + 4 * i] << 24;
		off += snprintf(out + off, outlen - off, "-%u", v);
	}
	return out;
}

bool kt_sid_eq(const struct kt_sid *a, const struct kt_sid *b)
{
	return a->len == b->len && !memcmp(a->b, b->b, a->len);
}

static const struct kt_name *name_of(const __u8 *p, size_t len)
{
	char s[KT_SID_STR_MAX];
	size_t i;

	if (!kt_sid_size(p, len))
		return NULL;
	kt_sid_str(p, len, s, sizeof(s));
	for (i = 0; i < kt_nnames; i++)
		if (!strcmp(s, kt_names[i].sid))
			return &kt_names[i];
	return NULL;
}

const char *kt_sid_alias(const __u8 *p, size_t len)
{
	const struct kt_name *n = name_of(p, len);

	return n ? n->alias : NULL;
}

const char *kt_sid_name(const __u8 *p, size_t len)
{
	const struct kt_name *n = name_of(p, len);

	if (!n)
		return NULL;
	return n->alias ? n->alias : n->name;
}

/* Decimal number of at most @max at @s (@n bytes); digits used or 0. */
static size_t parse_dec(const char *s, size_t n, __u64 max, __u64 *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n && isdigit((unsigned char)s[i]); i++) {
		*v = *v * 10 + (s[i] - '0');
		if (*v > max)
			return 0;
	}
	return i;
}

static int sid_from_string(const char *s, size_t n, struct kt_sid *sid,
			   struct kt_err *e)
{
	__u64 auth, v;
	size_t i = 2, d;
	__u32 sub;
	int count = 0;

	memset(sid, 0, sizeof(*sid));
	d = parse_dec(s + i, n - i, 255, &v);
	if (!d)
		return fail(e, i + 1, "SID revision missing after \"S-\"");
	if (v != 1)
		return fail(e, i + 1, "SID revision %llu, only 1 exists",
			    (unsigned long long)v);
	i += d;
	if (i >= n || s[i] != '-')
		return fail(e, i + 1, "'-' and the identifier authority expected");
	i++;
	if (n - i >= 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
		char hex[16];
		char *end;

		for (d = 2; i + d < n && isxdigit((unsigned char)s[i + d]); d++)
			;
		if (d == 2 || d > 14)
			return fail(e, i + 1,
				    "hexadecimal authority needs 1 to 12 digits");
		memcpy(hex, s + i, d);
		hex[d] = 0;
		auth = strtoull(hex, &end, 16);
	} else {
		d = parse_dec(s + i, n - i, 0xffffffffffffULL, &auth);
		if (!d)
			return fail(e, i + 1,
				    "identifier authority (0 to 2^48-1) expected");
	}
	i += d;
	while (i < n) {
		if (s[i] != '-')
			return fail(e, i + 1, "unexpected '%c' in SID", s[i]);
		i++;
		if (count == 15)
			return fail(e, i + 1, "more than 15 sub-authorities");
		d = parse_dec(s + i, n - i, 0xffffffffULL, &v);
		if (!d)
			return fail(e, i + 1,
				    "sub-authority (0 to 4294967295) expected");
		sub = (__u32)v;
		sid->b[8 + 4 * count] = sub;
		sid->b[9 + 4 * count] = sub >> 8;
		sid->b[10 + 4 * count] = sub >> 16;
		sid->b[11 + 4 * count] = sub >> 24;
		count++;
		i += d;
	}
	sid->b[0] = 1;
	sid->b[1] = count;
	for (d = 0; d < 6; d++)
		sid->b[2 + d] = auth >> (8 * (5 - d));
	sid->len = 8 + 4 * count;
	return 0;
}

int kt_sid_parse(const char *s, size_t n, struct kt_sid *sid,
		 struct kt_err *e)
{
	const struct kt_name *k;
	size_t i;

	if (!n)
		return fail(e, 1, "SID expected");
	if (n >= 2 && (s[0] == 'S' || s[0] == 's') && s[1] == '-')
		return sid_from_string(s, n, sid, e);
	for (i = 0; i < kt_nnames; i++) {
		k = &kt_names[i];
		if ((k->alias && strlen(k->alias) == n &&
		     !strncmp(k->alias, s, n)) ||
		    (k->name && strlen(k->name) == n &&
		     !strncasecmp(k->name, s, n)))
			return sid_from_string(k->sid, strlen(k->sid), sid, e);
	}
	return fail(e, 1,

			"unknown SID name \"%.*s\" (use S-1-..., an SDDL alias such as SY, BA, WD, or a name listed by \"kacs names\")",
		    (int)(n > 40 ? 40 : n), s);
}

/* ---- access rights ---- */

static const struct kt_right std_rights[] = {
	{ "DELETE", KACS_DELETE },
	{ "READ_CONTROL", KACS_READ_CONTROL },
	{ "WRITE_DAC", KACS_WRITE_DAC },
	{ "WRITE_OWNER", KACS_WRITE_OWNER },
	{ "SYNCHRONIZE", KACS_SYNCHRONIZE },
	{ "ACCESS_SYSTEM_SECURITY", KACS_ACCESS_SYSTEM_SECURITY },
	{ "MAXIMUM_ALLOWED", KACS_MAXIMUM_ALLOWED },
	{ "GENERIC_ALL", KACS_GENERIC_ALL },
	{ "GENERIC_EXECUTE", KACS_GENERIC_EXECUTE },
	{ "GENERIC_WRITE", KACS_GENERIC_WRITE },
	{ "GENERIC_READ", KACS_GENERIC_READ },
	{ NULL, 0 }
};

static const struct kt_right process_rights[] = {
	{ "PROCESS_TERMINATE", KACS_PROCESS_TERMINATE },
	{ "PROCESS_SIGNAL", KACS_PROCESS_SIGNAL },
	{ "PROCESS_VM_READ", KACS_PROCESS_VM_READ },
	{ "PROCESS_VM_WRITE", KACS_PROCESS_VM_WRITE },
	{ "PROCESS_DUP_HANDLE", KACS_PROCESS_DUP_HANDLE },
	{ "PROCESS_SET_INFORMATION", KACS_PROCESS_SET_INFORMATION },
	{ "PROCESS_QUERY_INFORMATION", KACS_PROCESS_QUERY_INFORMATION },
	{ "PROCESS_SUSPEND_RESUME", KACS_PROCESS_SUSPEND_RESUME },
	{ "PROCESS_QUERY_LIMITED", KACS_PROCESS_QUERY_LIMITED },
	{ NULL, 0 }
};

static const struct kt_right file_rights[] = {
	{ "FILE_READ_DATA", KACS_FILE_READ_DATA },
	{ "FILE_WRITE_DATA", KACS_FILE_WRITE_DATA },
	{ "FILE_ADD_SUBDIRECTORY", KACS_FILE_ADD_SUBDIRECTORY },
	{ "FILE_READ_EA", 0x0008 },
	{ "FILE_WRITE_EA", 0x0010 },
	{ "FILE_EXECUTE", 0x0020 },
	{ "FILE_DELETE_CHILD", KACS_FILE_DELETE_CHILD },
	{ "FILE_READ_ATTRIBUTES", 0x0080 },
	{ "FILE_WRITE_ATTRIBUTES", 0x0100 },
	{ NULL, 0 }
};

static const struct kt_right token_rights[] = {
	{ "TOKEN_ASSIGN_PRIMARY", KACS_TOKEN_ASSIGN_PRIMARY },
	{ "TOKEN_DUPLICATE", KACS_TOKEN_DUPLICATE },
	{ "TOKEN_IMPERSONATE", KACS_TOKEN_IMPERSONATE },
	{ "TOKEN_QUERY", KACS_TOKEN_QUERY },
	{ "TOKEN_QUERY_SOURCE", KACS_TOKEN_QUERY_SOURCE },
	{ "TOKEN_ADJUST_PRIVILEGES", KACS_TOKEN_ADJUST_PRIVILEGES },
	{ "TOKEN_ADJUST_GROUPS", KACS_TOKEN_ADJUST_GROUPS },
	{ "TOKEN_ADJUST_DEFAULT", KACS_TOKEN_ADJUST_DEFAULT },
	{ "TOKEN_ADJUST_SESSIONID", KACS_TOKEN_ADJUST_SESSIONID },
	{ NULL, 0 }
};

/* SDDL right codes; the compound file codes come first. */
static const struct kt_right sddl_rights[] = {
	{ "FA", KACS_FILE_ALL_ACCESS },
	{ "FR", KACS_FILE_GENERIC_READ },
	{ "FW", KACS_FILE_GENERIC_WRITE },
	{ "FX", KACS_FILE_GENERIC_EXECUTE },
	{ "GA", KACS_GENERIC_ALL },
	{ "GR", KACS_GENERIC_READ },
	{ "GW", KACS_GENERIC_WRITE },
	{ "GX", KACS_GENERIC_EXECUTE },
	{ "RC", KACS_READ_CONTROL },
	{ "SD", KACS_DELETE },
	{ "WD", KACS_WRITE_DAC },
	{ "WO", KACS_WRITE_OWNER },
	{ NULL, 0 }
};

/* SDDL codes of mandatory label ACE masks. */
static const struct kt_right label_rights[] = {
	{ "NR", KACS_NO_READ_UP },
	{ "NW", KACS_NO_WRITE_UP },
	{ "NX", KACS_NO_EXECUTE_UP },
	{ NULL, 0 }
};

const struct kt_right *kt_rights_of(enum kt_kind kind)
{
	return kind == KT_FILE ? file_rights :
	       kind == KT_TOKEN ? token_rights : process_rights;
}

void kt_mapping(enum kt_kind kind, __u32 map[4])
{
	static const __u32 maps[3][4] = {
		{ KACS_PROCESS_GENERIC_READ, KACS_PROCESS_GENERIC_WRITE,
		  KACS_PROCESS_GENERIC_EXECUTE, KACS_PROCESS_GENERIC_ALL },
		{ KACS_FILE_GENERIC_READ, KACS_FILE_GENERIC_WRITE,
		  KACS_FILE_GENERIC_EXECUTE, KACS_FILE_ALL_ACCESS },
		{ KACS_TOKEN_GENERIC_READ, KACS_TOKEN_GENERIC_WRITE,
		  KACS_TOKEN_GENERIC_EXECUTE, KACS_TOKEN_GENERIC_ALL },
	};

	memcpy(map, maps[kind], sizeof(maps[kind]));
}

char *kt_rights_str(__u32 mask, enum kt_kind kind, char *out,
		    size_t outlen)
{
	const struct kt_right *t[2] = { kt_rights_of(kind), std_rights };
	size_t off = 0;
	int i, j;

	out[0] = 0;
	for (j = 0; j < 2; j++) {
		for (i = 0; t[j][i].name; i++) {
			if (!(mask & t[j][i].mask) || off >= outlen)
				continue;
			off += snprintf(out + off, outlen - off, "%s%s",
					off ? "|" : "", t[j][i].name);
			mask &= ~t[j][i].mask;
		}
	}
	if (mask && off < outlen)
		off += snprintf(out + off, outlen - off, "%s0x%x",
				off ? "|" : "", mask);
	if (!off)
		snprintf(out, outlen, "0");
	return out;
}

static bool word_eq(const char *w, size_t n, const char *name)
{
	return strlen(name) == n && !strncasecmp(w, name, n);
}

static int right_word(const char *w, size_t n, enum kt_kind kind,
		      __u32 *mask)
{
	static const char * const prefix[] = { "PROCESS_", "FILE_", "TOKEN_" };
	const struct kt_right *t[2] = { kt_rights_of(kind), std_rights };
	size_t pl = strlen(prefix[kind]);
	unsigned long long v;
	char num[24], *end;
	int i, j;

	if (isdigit((unsigned char)w[0])) {
		if (n >= sizeof(num))
			return -1;
		memcpy(num, w, n);
		num[n] = 0;
		errno = 0;
		v = strtoull(num, &end, 0);
		if (*end || errno || v > 0xffffffffULL)
			return -1;
		*mask |= v;
		return 0;
	}
	if (word_eq(w, n, "max")) {
		*mask |= KACS_MAXIMUM_ALLOWED;
		return 0;
	}
	for (j = 0; j < 2; j++) {
		for (i = 0; t[j][i].name; i++) {
			if (word_eq(w, n, t[j][i].name) ||
			    (j == 0 && word_eq(w, n, t[j][i].name + pl))) {
				*mask |= t[j][i].mask;
				return 0;
			}
		}
	}
	for (i = 0; sddl_rights[i].name; i++) {
		if (n == 2 && !strncmp(w, sddl_rights[i].name, 2)) {
			*mask |= sddl_rights[i].mask;
			return 0;
		}
	}
	return -1;
}

int kt_rights_parse(const char *s, enum kt_kind kind, __u32 *mask,
		    struct kt_err *e)
{
	size_t i = 0, n;

	*mask = 0;
	for (;;) {
		n = strcspn(s + i, ",|+");
		if (!n)
			return fail(e, i + 1, "access right expected");
		if (right_word(s + i, n, kind, mask))
			return fail(e, i + 1, "unknown access right \"%.*s\"",
				    (int)(n > 40 ? 40 : n), s + i);
		i += n;
		if (!s[i])
			return 0;
		i++;
	}
}

/* ---- privileges ---- */

static const char * const priv_names[64] = {
	[2] = "SeCreateTokenPrivilege",
	[3] = "SeAssignPrimaryTokenPrivilege",
	[4] = "SeLockMemoryPrivilege",
	[5] = "SeIncreaseQuotaPrivilege",
	[6] = "SeMachineAccountPrivilege",
	[7] = "SeTcbPrivilege",
	[8] = "SeSecurityPrivilege",
	[9] = "SeTakeOwnershipPrivilege",
	[10] = "SeLoadDriverPrivilege",
	[11] = "SeSystemProfilePrivilege",
	[12] = "SeSystemtimePrivilege",
	[13] = "SeProfileSingleProcessPrivilege",
	[14] = "SeIncreaseBasePriorityPrivilege",
	[15] = "SeCreatePagefilePrivilege",
	[16] = "SeCreatePermanentPrivilege",
	[17] = "SeBackupPrivilege",
	[18] = "SeRestorePrivilege",
	[19] = "SeShutdownPrivilege",
	[20] = "SeDebugPrivilege",
	[21] = "SeAuditPrivilege",
	[22] = "SeSystemEnvironmentPrivilege",
	[23] = "SeChangeNotifyPrivilege",
	[24] = "SeRemoteShutdownPrivilege",
	[25] = "SeUndockPrivilege",
	[26] = "SeSyncAgentPrivilege",
	[27] = "SeEnableDelegationPrivilege",
	[28] = "SeManageVolumePrivilege",
	[29] = "SeImpersonatePrivilege",
	[30] = "SeCreateGlobalPrivilege",
	[31] = "SeTrustedCredManAccessPrivilege",
	[32] = "SeRelabelPrivilege",
	[33] = "SeIncreaseWorkingSetPrivilege",
	[34] = "SeTimeZonePrivilege",
	[35] = "SeCreateSymbolicLinkPrivilege",
	[62] = "SeCreateJobPrivilege",
	[63] = "SeBindPrivilegedPortPrivilege",
};

const char *kt_priv_name(unsigned int bit)
{
	return bit < 64 ? priv_names[bit] : NULL;
}

/* @s is @p's name, or it without "Se" and/or "Privilege" (any case). */
static bool priv_matches(const char *p, const char *s)
{
	size_t core = strlen(p) - 11, n = strlen(s);

	if (!strcasecmp(p, s))
		return true;
	if (n >= 2 && !strncasecmp(s, "se", 2) && n - 2 == core &&
	    !strncasecmp(p + 2, s + 2, core))
		return true;
	if (n >= core && !strncasecmp(p + 2, s, core))
		return n == core || !strcasecmp(s + core, "privilege");
	return false;
}

int kt_priv_parse(const char *s)
{
	unsigned int i;

	for (i = 0; i < 64; i++)
		if (priv_names[i] && priv_matches(priv_names[i], s))
			return i;
	return -1;
}

/* ---- SDDL text to binary ---- */

struct acl_buf {
	__u8 *b;		/* KT_SD_MAX bytes */
	size_t len;		/* bytes of ACEs after the 8-byte header */
	unsigned int count;
	bool present, null_acl, labels_only;
	__u16 control;
};

static bool at_marker(const char *p)
{
	return (p[0] == 'O' || p[0] == 'G' || p[0] == 'D' || p[0] == 'S') &&
	       p[1] == ':';
}

static void put16(__u8 *p, __u16 v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void put32(__u8 *p, __u32 v)
{
	put16(p, v);
	put16(p + 2, v >> 16);
}

static __u16 get16(const __u8 *p)
{
	return p[0] | p[1] << 8;
}

static __u32 get32(const __u8 *p)
{
	return get16(p) | (__u32)get16(p + 2) << 16;
}

struct ace_type {
	const char *code;
	int type;		/* -1: not supported */
	const char *why;
};

static const struct ace_type ace_types[] = {
	{ "A", KACS_ACCESS_ALLOWED_ACE_TYPE, NULL },
	{ "D", KACS_ACCESS_DENIED_ACE_TYPE, NULL },
	{ "AU", KACS_SYSTEM_AUDIT_ACE_TYPE, NULL },
	{ "AL", 0x03, NULL },
	{ "ML", KACS_SYSTEM_MANDATORY_LABEL_ACE_TYPE, NULL },
	{ "TL", KACS_SYSTEM_PROCESS_TRUST_LABEL_ACE_TYPE, NULL },
	{ "OA", -1, "object ACEs are not supported" },
	{ "OD", -1, "object ACEs are not supported" },
	{ "OU", -1, "object ACEs are not supported" },
	{ "OL", -1, "object ACEs are not supported" },
	{ "XA", -1, "conditional (callback) ACEs are not supported" },
	{ "XD", -1, "conditional (callback) ACEs are not supported" },
	{ "XU", -1, "conditional (callback) ACEs are not supported" },
	{ "ZA", -1, "conditional (callback) ACEs are not supported" },
	{ "RA", -1, "resource attribute ACEs are not supported" },
	{ "SP", -1, "scoped policy ACEs are not supported" },
};

static const struct kt_right ace_flags[] = {
	{ "OI", KACS_OBJECT_INHERIT_ACE },
	{ "CI", KACS_CONTAINER_INHERIT_ACE },
	{ "NP", KACS_NO_PROPAGATE_INHERIT_ACE },
	{ "IO", KACS_INHERIT_ONLY_ACE },
	{ "ID", KACS_INHERITED_ACE },
	{ "SA", 0x40 },
	{ "FA", 0x80 },
	{ NULL, 0 }
};

/* A number in @n bytes at @s, at most @max; -1 if not one. */
static int field_num(const char *s, size_t n, __u32 max, __u32 *v)
{
	unsigned long long x;
	char num[24], *end;

	if (!n || n >= sizeof(num) || !isdigit((unsigned char)s[0]))
		return -1;
	memcpy(num, s, n);
	num[n] = 0;
	errno = 0;
	x = strtoull(num, &end, 0);
	if (*end || errno || x > max)
		return -1;
	*v = x;
	return 0;
}

/* Two-letter codes of @t in @n bytes at @s; -1 and *@bad on a bad one. */
static int field_codes(const char *s, size_t n, const struct kt_right *t,
		       __u32 *v, size_t *bad)
{
	size_t i;
	int j;

	*v = 0;
	for (i = 0; i < n; i += 2) {
		for (j = 0; t[j].name; j++)
			if (i + 1 < n && !strncmp(s + i, t[j].name, 2))
				break;
		if (!t[j].name) {
			*bad = i;
			return -1;
		}
		*v |= t[j].mask;
	}
	return 0;
}

/* Parse "(...)" at @p (base column @base); returns the end or NULL. */
static const char *parse_ace(const char *text, const char *p,
			     struct acl_buf *acl, struct kt_err *e)
{
	const char *f[7];
	size_t fl[7], bad = 0;
	const struct ace_type *at = NULL;
	struct kt_err se;
	struct kt_sid sid;
	__u32 type, flags, mask;
	const char *q = p + 1;
	int nf = 0;
	size_t i, col;
	__u8 *a;

#define COL(ptr) ((size_t)((ptr) - text) + 1)
	for (;;) {
		if (nf == 7) {
			fail(e, COL(q), "too many ';' in ACE (want type;flags;rights;;;sid)");
			return NULL;
		}
		f[nf] = q;
		while (*q && *q != ';' && *q != ')' && *q != '(')
			q++;
		fl[nf] = q - f[nf];
		nf++;
		if (*q == ';') {
			q++;
			continue;
		}
		if (*q == ')')
			break;
		if (*q == '(') {
			fail(e, COL(q), "'(' inside an ACE (conditional ACEs are not supported)");
			return NULL;
		}
		fail(e, COL(p), "ACE not closed: ')' missing");
		return NULL;
	}
	if (nf != 6) {
		fail(e, COL(q), "ACE has %d field%s, want 6: (type;flags;rights;;;sid)",
		     nf, nf == 1 ? "" : "s");
		return NULL;
	}
	/* type */
	if (!fl[0]) {
		fail(e, COL(f[0]), "ACE type missing");
		return NULL;
	}
	for (i = 0; i < ARRAY_SIZE(ace_types); i++)
		if (strlen(ace_types[i].code) == fl[0] &&
		    !strncmp(ace_types[i].code, f[0], fl[0]))
			at = &ace_types[i];
	if (at && at->type < 0) {
		fail(e, COL(f[0]), "ACE type \"%s\": %s", at->code, at->why);
		return NULL;
	}
	if (at) {
		type = at->type;
	} else if (field_num(f[0], fl[0], 0xff, &type)) {
		fail(e, COL(f[0]),
		     "unknown ACE type \"%.*s\" (want A, D, AU, AL, ML, TL or a number)",
		     (int)(fl[0] > 20 ? 20 : fl[0]), f[0]);
		return NULL;
	}
	/* flags */
	if (field_num(f[1], fl[1], 0xff, &flags) &&
	    field_codes(f[1], fl[1], ace_flags, &flags, &bad)) {
		fail(e, COL(f[1] + bad), "unknown ACE flag \"%.*s\" (want OI CI NP IO ID SA FA)",
		     (int)(fl[1] - bad > 2 ? 2 : fl[1] - bad), f[1] + bad);
		return NULL;
	}
	/* rights */
	if (!fl[2]) {
		fail(e, COL(f[2]),
		     "access mask missing (give a number such as 0x1000, or codes such as GA)");
		return NULL;
	}
	if (field_num(f[2], fl[2], 0xffffffffU, &mask) &&
	    field_codes(f[2], fl[2],
			type == KACS_SYSTEM_MANDATORY_LABEL_ACE_TYPE ?
			label_rights : sddl_rights, &mask, &bad)) {
		col = COL(f[2] + bad);
		if (isdigit((unsigned char)f[2][0]))
			fail(e, COL(f[2]), "bad access mask \"%.*s\" (a 32-bit number)",
			     (int)(fl[2] > 20 ? 20 : fl[2]), f[2]);
		else if (type == KACS_SYSTEM_MANDATORY_LABEL_ACE_TYPE)
			fail(e, col, "unknown label right \"%.*s\" (want NR, NW, NX or a number)",
			     (int)(fl[2] - bad > 2 ? 2 : fl[2] - bad), f[2] + bad);
		else
			fail(e, col,
			     "unknown access right \"%.*s\" (want GA GR GW GX RC SD WD WO FA FR FW FX or a number)",
			     (int)(fl[2] - bad > 2 ? 2 : fl[2] - bad), f[2] + bad);
		return NULL;
	}
	for (i = 3; i < 5; i++) {
		if (fl[i]) {
			fail(e, COL(f[i]),
			     "object GUIDs are not supported (the field must be empty)");
			return NULL;
		}
	}
	if (!fl[5]) {
		fail(e, COL(f[5]), "ACE SID missing");
		return NULL;
	}
	if (kt_sid_parse(f[5], fl[5], &sid, &se)) {
		fail(e, COL(f[5]) + se.col - 1, "%s", se.msg);
		return NULL;
	}
	if (acl->null_acl) {
		fail(e, COL(p), "ACE after NO_ACCESS_CONTROL (a NULL ACL has no ACEs)");
		return NULL;
	}
	if (8 + acl->len + 8 + sid.len > 0xffff) {
		fail(e, COL(p), "ACL larger than 65535 bytes");
		return NULL;
	}
	a = acl->b + 8 + acl->len;
	a[0] = type;
	a[1] = flags;
	put16(a + 2, 8 + sid.len);
	put32(a + 4, mask);
	memcpy(a + 8, sid.b, sid.len);
	acl->len += 8 + sid.len;
	acl->count++;
	if (type != KACS_SYSTEM_MANDATORY_LABEL_ACE_TYPE)
		acl->labels_only = false;
	return q + 1;
#undef COL
}

static const char *parse_acl(const char *text, const char *p, bool dacl,
			     struct acl_buf *acl, struct kt_err *e)
{
	static const struct {
		const char *code;
		__u16 dbit, sbit;
	} fl[] = {
		{ "NO_ACCESS_CONTROL", 0, 0 },
		{ "P", KACS_SE_DACL_PROTECTED, KACS_SE_SACL_PROTECTED },
		{ "AI", 0x0400, 0x0800 },
		{ "AR", 0x0100, 0x0200 },
	};
	size_t i, n;

	acl->present = true;
	acl->labels_only = true;
	while (*p && *p != '(' && !at_marker(p)) {
		for (i = 0; i < ARRAY_SIZE(fl); i++) {
			n = strlen(fl[i].code);
			if (!strncmp(p, fl[i].code, n))
				break;
		}
		if (i == ARRAY_SIZE(fl)) {
			fail(e, p - text + 1,
			     "unknown %cACL flag at \"%.8s\" (want P, AI, AR, NO_ACCESS_CONTROL or '(')",
			     dacl ? 'D' : 'S', p);
			return NULL;
		}
		if (i == 0)
			acl->null_acl = true;
		acl->control |= dacl ? fl[i].dbit : fl[i].sbit;
		p += n;
	}
	while (*p == '(') {
		p = parse_ace(text, p, acl, e);
		if (!p)
			return NULL;
	}
	if (*p && !at_marker(p)) {
		fail(e, p - text + 1, "unexpected '%c': want '(' to start an ACE or O:, G:, D:, S:",
		     *p);
		return NULL;
	}
	return p;
}

static size_t put_acl(__u8 *out, const struct acl_buf *acl)
{
	memcpy(out, acl->b, 8);
	out[0] = KACS_ACL_REVISION;
	out[1] = 0;
	put16(out + 2, 8 + acl->len);
	put16(out + 4, acl->count);
	put16(out + 6, 0);
	memcpy(out + 8, acl->b + 8, acl->len);
	return 8 + acl->len;
}

long sddl_parse(const char *text, __u8 *out, size_t cap, __u32 *info,
		struct kt_err *e)
{
	struct acl_buf dacl = { 0 }, sacl = { 0 };
	struct kt_sid owner, group;
	bool has_owner = false, has_group = false;
	const char *p = text, *q;
	struct kt_err se;
	__u16 control = KACS_SE_SELF_RELATIVE;
	size_t need, off;
	long ret = -1;
	char c;

	*info = 0;
	memset(e, 0, sizeof(*e));
	memset(&owner, 0, sizeof(owner));
	memset(&group, 0, sizeof(group));
	dacl.b = calloc(1, KT_SD_MAX);
	sacl.b = calloc(1, KT_SD_MAX);
	if (!dacl.b || !sacl.b) {
		fail(e, 0, "out of memory");
		goto out;
	}
	while (*p) {
		if (!at_marker(p)) {
			fail(e, p - text + 1, "expected O:, G:, D: or S: at \"%.8s\"",
			     p);
			goto out;
		}
		c = *p;
		if ((c == 'O' && has_owner) || (c == 'G' && has_group) ||
		    (c == 'D' && dacl.present) || (c == 'S' && sacl.present)) {
			fail(e, p - text + 1, "%c: given twice", c);
			goto out;
		}
		p += 2;
		if (c == 'O' || c == 'G') {
			for (q = p; *q && !at_marker(q); q++)
				;
			if (q == p) {
				fail(e, p - text + 1, "%s SID missing after %c:",
				     c == 'O' ? "owner" : "group", c);
				goto out;
			}
			if (kt_sid_parse(p, q - p, c == 'O' ? &owner : &group,
					 &se)) {
				fail(e, p - text + se.col, "%s", se.msg);
				goto out;
			}
			if (c == 'O')
				has_owner = true;
			else
				has_group = true;
			p = q;
			continue;
		}
		p = parse_acl(text, p, c == 'D', c == 'D' ? &dacl : &sacl, e);
		if (!p)
			goto out;
	}

	need = 20 + owner.len + group.len;
	if (sacl.present && !sacl.null_acl)
		need += 8 + sacl.len;
	if (dacl.present && !dacl.null_acl)
		need += 8 + dacl.len;
	if (need > KT_SD_MAX || need > cap) {
		fail(e, 1, "security descriptor of %zu bytes, at most %zu", need,
		     cap < KT_SD_MAX ? cap : (size_t)KT_SD_MAX);
		goto out;
	}
	memset(out, 0, need);
	out[0] = 1;
	off = 20;
	if (has_owner) {
		*info |= KT_INFO_OWNER;
		put32(out + 4, off);
		memcpy(out + off, owner.b, owner.len);
		off += owner.len;
	}
	if (has_group) {
		*info |= KT_INFO_GROUP;
		put32(out + 8, off);
		memcpy(out + off, group.b, group.len);
		off += group.len;
	}
	if (sacl.present) {
		control |= KACS_SE_SACL_PRESENT | sacl.control;
		*info |= sacl.count && sacl.labels_only ? KT_INFO_LABEL :
			 KT_INFO_SACL;
		if (!sacl.null_acl) {
			put32(out + 12, off);
			off += put_acl(out + off, &sacl);
		}
	}
	if (dacl.present) {
		control |= KACS_SE_DACL_PRESENT | dacl.control;
		*info |= KT_INFO_DACL;
		if (!dacl.null_acl) {
			put32(out + 16, off);
			off += put_acl(out + off, &dacl);
		}
	}
	put16(out + 2, control);
	ret = off;
out:
	free(dacl.b);
	free(sacl.b);
	return ret;
}

/* ---- binary to SDDL text ---- */

struct txt {
	char *buf;
	size_t len, pos;
};

static void t_printf(struct txt *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(t->buf + (t->pos < t->len ? t->pos : t->len),
		      t->pos < t->len ? t->len - t->pos : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->pos += n;
}

static void t_sid(struct txt *t, const __u8 *p, size_t len)
{
	char s[KT_SID_STR_MAX];
	const char *a = kt_sid_alias(p, len);

	t_printf(t, "%s", a ? a : kt_sid_str(p, len, s, sizeof(s)));
}

/* Codes of @t that cover @mask exactly, one code per bit; else false. */
static bool t_codes(struct txt *t, __u32 mask, const struct kt_right *tab,
		    int first)
{
	__u32 left = mask;
	int i;

	for (i = first; tab[i].name; i++)
		if ((left & tab[i].mask) == tab[i].mask)
			left &= ~tab[i].mask;
	if (left || !mask)
		return false;
	for (i = first; tab[i].name; i++)
		if ((mask & tab[i].mask) == tab[i].mask) {
			t_printf(t, "%s", tab[i].name);
			mask &= ~tab[i].mask;
		}
	return true;
}

static void t_rights(struct txt *t, __u8 type, __u32 mask)
{
	int i;

	if (type == KACS_SYSTEM_MANDATORY_LABEL_ACE_TYPE) {
		if (!t_codes(t, mask, label_rights, 0))
			t_printf(t, "0x%x", mask);
		return;
	}
	for (i = 0; i < 4; i++) {
		if (mask == sddl_rights[i].mask) {
			t_printf(t, "%s", sddl_rights[i].name);
			return;
		}
	}
	if (!t_codes(t, mask, sddl_rights, 4))
		t_printf(t, "0x%x", mask);
}

static int t_acl(struct txt *t, const __u8 *sd, size_t len, size_t off,
		 __u16 control, bool dacl, struct kt_err *e)
{
	__u16 prot = dacl ? KACS_SE_DACL_PROTECTED : KACS_SE_SACL_PROTECTED;
	__u16 ai = dacl ? 0x0400 : 0x0800, ar = dacl ? 0x0100 : 0x0200;
	size_t size, p, end, sl;
	unsigned int i, count;
	__u8 type, flags;
	int j;

	t_printf(t, "%c:%s%s%s", dacl ? 'D' : 'S', control & prot ? "P" : "",
		 control & ar ? "AR" : "", control & ai ? "AI" : "");
	if (!off) {
		t_printf(t, "NO_ACCESS_CONTROL");
		return 0;
	}
	if (off < 20 || off + 8 > len)
		return fail(e, dacl ? 17 : 13, "%cACL offset %zu outside the SD",
			    dacl ? 'D' : 'S', off);
	size = get16(sd + off + 2);
	count = get16(sd + off + 4);
	if (size < 8 || off + size > len)
		return fail(e, off + 3, "ACL size %zu runs past the SD", size);
	end = off + size;
	p = off + 8;
	for (i = 0; i < count; i++) {
		if (p + 8 > end)
			return fail(e, p + 1, "ACE %u of %u runs past the ACL", i,
				    count);
		type = sd[p];
		flags = sd[p + 1];
		size = get16(sd + p + 2);
		if (size < 8 || p + size > end)
			return fail(e, p + 3, "ACE %u: size %zu runs past the ACL",
				    i, size);
		sl = size >= 16 ? kt_sid_size(sd + p + 8, size - 8) : 0;
		if (!sl || sl != size - 8)
			return fail(e, p + 9, "ACE %u: body is not a mask and one SID; use --raw",
				    i);
		t_printf(t, "(");
		for (j = 0; j < (int)ARRAY_SIZE(ace_types); j++)
			if (ace_types[j].type == type)
				break;
		if (j < (int)ARRAY_SIZE(ace_types))
			t_printf(t, "%s;", ace_types[j].code);
		else
			t_printf(t, "0x%x;", type);
		if (flags && !t_codes(t, flags, ace_flags, 0))
			t_printf(t, "0x%x", flags);
		t_printf(t, ";");
		t_rights(t, type, get32(sd + p + 4));
		t_printf(t, ";;;");
		t_sid(t, sd + p + 8, sl);
		t_printf(t, ")");
		p += size;
	}
	return 0;
}

int sddl_format(const __u8 *sd, size_t len, char *out, size_t outlen,
		struct kt_err *e)
{
	struct txt t = { out, outlen, 0 };
	__u32 o, g, s, d;
	__u16 control;

	memset(e, 0, sizeof(*e));
	if (outlen)
		out[0] = 0;
	if (len < 20)
		return fail(e, 1, "%zu bytes, a security descriptor has at least 20",
			    len);
	if (sd[0] != 1)
		return fail(e, 1, "SD revision %u, want 1", sd[0]);
	control = get16(sd + 2);
	if (!(control & KACS_SE_SELF_RELATIVE))
		return fail(e, 3, "not self-relative (control 0x%04x)", control);
	o = get32(sd + 4);
	g = get32(sd + 8);
	s = get32(sd + 12);
	d = get32(sd + 16);
	if (o) {
		if (o < 20 || o >= len || !kt_sid_size(sd + o, len - o))
			return fail(e, 5, "owner SID at offset %u is malformed", o);
		t_printf(&t, "O:");
		t_sid(&t, sd + o, len - o);
	}
	if (g) {
		if (g < 20 || g >= len || !kt_sid_size(sd + g, len - g))
			return fail(e, 9, "group SID at offset %u is malformed", g);
		t_printf(&t, "G:");
		t_sid(&t, sd + g, len - g);
	}
	if ((control & KACS_SE_DACL_PRESENT) &&
	    t_acl(&t, sd, len, d, control, true, e))
		return -1;
	if ((control & KACS_SE_SACL_PRESENT) &&
	    t_acl(&t, sd, len, s, control, false, e))
		return -1;
	if (t.pos >= outlen)
		return fail(e, 0, "SDDL text longer than %zu bytes", outlen);
	return 0;
}

/* ---- hex ---- */

void kt_hex_encode(const __u8 *p, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * len] = 0;
}

long kt_hex_decode(const char *s, __u8 *out, size_t cap, struct kt_err *e)
{
	size_t i, n = 0;
	int hi = -1, v;

	for (i = 0; s[i]; i++) {
		if (isspace((unsigned char)s[i]))
			continue;
		if (!isxdigit((unsigned char)s[i]))
			return fail(e, i + 1, "'%c' is not a hex digit", s[i]);
		v = isdigit((unsigned char)s[i]) ? s[i] - '0' :
		    tolower((unsigned char)s[i]) - 'a' + 10;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n == cap)
			return fail(e, i + 1, "more than %zu bytes", cap);
		out[n++] = hi << 4 | v;
		hi = -1;
	}
	if (hi >= 0)
		return fail(e, i, "odd number of hex digits");
	if (!n)
		return fail(e, 1, "no hex digits");
	return n;
}
