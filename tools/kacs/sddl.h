/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SIDs, names, access rights and SDDL for the kacs tool.  Pure user-space
 * code without system calls, so that it can be tested on any host
 * (make -C tools/kacs test).
 */

#ifndef KACS_TOOL_SDDL_H
#define KACS_TOOL_SDDL_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#define KT_SID_MAX	68		/* revision, count, authority, 15 subs */
#define KT_SD_MAX	65535		/* KACS_SD_MAX_SIZE */
#define KT_SID_STR_MAX	192

struct kt_sid {
	__u8 b[KT_SID_MAX];
	__u32 len;
};

/* An error with the 1-based column of the text it refers to (0: none). */
struct kt_err {
	size_t col;
	char msg[200];
};

/* One entry of the name table: SDDL alias and/or tool name, and the SID. */
struct kt_name {
	const char *alias;	/* SDDL two-letter alias, or NULL */
	const char *name;	/* tool name (case-insensitive), or NULL */
	const char *sid;	/* string form */
	const char *desc;	/* what it is */
};

extern const struct kt_name kt_names[];
extern const size_t kt_nnames;

/* ---- SIDs ---- */

/* Size of the binary SID at @p (at most @avail bytes), 0 if malformed. */
size_t kt_sid_size(const __u8 *p, size_t avail);
/* "S-1-5-18"; "<bad sid>" if malformed.  Returns @out. */
char *kt_sid_str(const __u8 *p, size_t len, char *out, size_t outlen);
/* SDDL alias ("SY") or NULL. */
const char *kt_sid_alias(const __u8 *p, size_t len);
/* Tool name ("alice", "SYSTEM") or NULL. */
const char *kt_sid_name(const __u8 *p, size_t len);
/*
 * Parse @n bytes of @s: an "S-1-..." string, an SDDL alias or a tool
 * name.  On error fills @e (column relative to @s, 1-based) and returns -1.
 */
int kt_sid_parse(const char *s, size_t n, struct kt_sid *sid,
		 struct kt_err *e);
bool kt_sid_eq(const struct kt_sid *a, const struct kt_sid *b);

/* ---- access rights ---- */

enum kt_kind { KT_PROCESS, KT_FILE, KT_TOKEN };

struct kt_right {
	const char *name;
	__u32 mask;
};

/* Generic mapping of @kind: read, write, execute, all. */
void kt_mapping(enum kt_kind kind, __u32 map[4]);
/* "PROCESS_TERMINATE|READ_CONTROL|0x4000000"; "0" for none. */
char *kt_rights_str(__u32 mask, enum kt_kind kind, char *out,
		    size_t outlen);
/* The single-bit rights of @kind, terminated by a NULL name. */
const struct kt_right *kt_rights_of(enum kt_kind kind);
/*
 * Parse "PROCESS_TERMINATE,READ_CONTROL" (separators , | +), short names
 * ("TERMINATE"), SDDL right codes ("GA") or numbers.  "MAXIMUM_ALLOWED"
 * and "max" give KACS_MAXIMUM_ALLOWED.  -1 with @e on error.
 */
int kt_rights_parse(const char *s, enum kt_kind kind, __u32 *mask,
		    struct kt_err *e);

/* ---- privileges ---- */

/* "SeDebugPrivilege" for bit 20, NULL for an unknown bit. */
const char *kt_priv_name(unsigned int bit);
/* Bit of "SeDebugPrivilege", "SeDebug" or "debug" (any case), or -1. */
int kt_priv_parse(const char *s);

/* ---- security descriptors ---- */

/* security_info bits named by an SDDL string (see sddl_parse()). */
#define KT_INFO_OWNER	0x01U
#define KT_INFO_GROUP	0x02U
#define KT_INFO_DACL	0x04U
#define KT_INFO_SACL	0x08U
#define KT_INFO_LABEL	0x10U

/*
 * Parse SDDL @text into a self-relative SD in @out (@cap bytes, at least
 * 20).  Returns its length, or -1 with @e naming the column.  *@info gets
 * the components the text names: OWNER, GROUP, DACL, and LABEL for a SACL
 * of mandatory label ACEs only, SACL for any other SACL.
 */
long sddl_parse(const char *text, __u8 *out, size_t cap, __u32 *info,
		struct kt_err *e);
/*
 * Format the self-relative SD @sd of @len bytes as SDDL into @out.
 * Returns 0, or -1 with @e (column = byte offset + 1 in the SD) if the SD
 * is malformed or has a part SDDL cannot express.
 */
int sddl_format(const __u8 *sd, size_t len, char *out, size_t outlen,
		struct kt_err *e);

/* Lower-case hex of @len bytes; @out needs 2 * @len + 1 bytes. */
void kt_hex_encode(const __u8 *p, size_t len, char *out);
/* Hex (whitespace ignored) into @out; length or -1 with @e. */
long kt_hex_decode(const char *s, __u8 *out, size_t cap, struct kt_err *e);

#endif /* KACS_TOOL_SDDL_H */
