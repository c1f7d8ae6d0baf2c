// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the KACS engine: kacs_sd_parse() on arbitrary bytes
 * and, for every SD it accepts, kacs_access_check() with a subject derived
 * from the input, plus ACL iteration, SDDL rendering, select and merge.
 * Differential property: what MAXIMUM_ALLOWED grants is exactly the union
 * of the single rights that a strict request for each one is granted.
 *
 * Input layout: 16 control bytes, then the SD.
 */

#include <stdlib.h>

#include "access.h"
#include "sd.h"
#include "sddl.h"
#include "sid.h"

static const struct kacs_sid fz_user = KACS_SID(5, 5, 21, 1, 2, 3, 1001);

static struct kacs_sid_attr fz_groups[] = {
	{ KACS_SID(1, 1, 0), KACS_SE_GROUP_ENABLED },
	{ KACS_SID(5, 2, 32, 544), KACS_SE_GROUP_USE_FOR_DENY_ONLY },
	{ KACS_SID(5, 1, 18), 0 },
	{ KACS_SID(3, 1, 4), KACS_SE_GROUP_ENABLED },
};

static struct kacs_sid_attr fz_restricted[] = {
	{ KACS_SID(1, 1, 0), 0 },
	{ KACS_SID(5, 5, 21, 1, 2, 3, 1001), 0 },
};

static u32 rd32(const u8 *p)
{
	return get_unaligned_le32(p);
}

/* Does an ACE of the SD carry a reserved access-mask bit? */
static bool fz_reserved(const struct kacs_sd *sd)
{
	struct kacs_ace ace;
	unsigned int off;

	if (sd->has_dacl)
		kacs_acl_for_each(&sd->dacl, off, &ace)
			if (ace.mask & KACS_ACCESS_RESERVED)
				return true;
	if (sd->has_sacl)
		kacs_acl_for_each(&sd->sacl, off, &ace)
			if (ace.mask & KACS_ACCESS_RESERVED)
				return true;
	return false;
}

/* Bits a strict single-right request cannot name */
#define FZ_NOT_SINGLE	(KACS_GENERIC_READ | KACS_GENERIC_WRITE |	\
			 KACS_GENERIC_EXECUTE | KACS_GENERIC_ALL |	\
			 KACS_MAXIMUM_ALLOWED | KACS_ACCESS_RESERVED)

/*
 * MAXIMUM_ALLOWED grants exactly the rights that a strict request for that
 * one right is granted; both fail with -EINVAL or neither does.
 */
static void fz_max_allowed(const struct kacs_subject *subj,
			   const struct kacs_sd *sd,
			   const struct kacs_generic_mapping *map,
			   const struct kacs_sid *self, u32 intent, u32 flags)
{
	struct kacs_access_result max, one;
	u32 bit, single = 0;
	int max_ret, ret;

	max_ret = kacs_access_check_flags(subj, sd, KACS_MAXIMUM_ALLOWED, map,
					  self, intent, flags, &max);
	for (bit = 1; bit; bit <<= 1) {
		if (bit & FZ_NOT_SINGLE)
			continue;
		ret = kacs_access_check_flags(subj, sd, bit, map, self, intent,
					      flags, &one);
		if ((ret == -EINVAL) != (max_ret == -EINVAL))
			abort();
		if (!ret)
			single |= bit;
	}
	if (max.granted != single)
		abort();
}

static void fz_check(const struct kacs_sd *sd, const u8 *ctl)
{
	static const struct kacs_generic_mapping *maps[] = {
		&kacs_process_mapping, &kacs_file_mapping, &kacs_token_mapping,
	};
	const struct kacs_generic_mapping *map = maps[ctl[0] % 3];
	struct kacs_subject subj = {
		.user = &fz_user,
		.user_deny_only = ctl[1] & 1,
		.groups = fz_groups,
		.ngroups = (ctl[1] >> 1) % 5,
		.restricted = fz_restricted,
		.nrestricted = (ctl[1] >> 4) % 3,
		.write_restricted = ctl[1] & 0x80,
		.privs_enabled = (u64)rd32(ctl + 8) << (ctl[2] & 31),
		.integrity_rid = (u32)ctl[3] << 12,
		.mandatory_policy = ctl[2] >> 7,
		.token_type = 1 + (ctl[2] >> 6 & 1),
		.imp_level = ctl[2] >> 5 & 3,
		.pip_type = (u32)ctl[12] << 3,
		.pip_trust = (u32)ctl[13] << 6,
	};
	struct kacs_access_result res;
	u32 desired = rd32(ctl + 4), intent = ctl[14] >> 6, extra = 0;
	u64 privs = subj.privs_enabled;
	int ret;

	ret = kacs_access_check(&subj, sd, desired, map,
				ctl[14] & 1 ? &fz_user : NULL, intent, &res);
	if (ret && ret != -EACCES && ret != -EINVAL)
		abort();
	/* EINVAL only for no owner, unknown intent or reserved mask bits */
	if (ret == -EINVAL && sd->has_owner && !(intent & ~3u) &&
	    !(desired & KACS_ACCESS_RESERVED) && !fz_reserved(sd))
		abort();
	/*
	 * Without MAXIMUM_ALLOWED nothing beyond the request is granted but
	 * the privilege grants of step 4, which are reported whole.
	 */
	if (privs & KACS_PRIV(KACS_SE_SECURITY))
		extra |= KACS_ACCESS_SYSTEM_SECURITY;
	if ((privs & KACS_PRIV(KACS_SE_BACKUP)) && (intent & KACS_BACKUP_INTENT))
		extra |= map->read;
	if ((privs & KACS_PRIV(KACS_SE_RESTORE)) &&
	    (intent & KACS_RESTORE_INTENT))
		extra |= map->write | KACS_WRITE_DAC | KACS_WRITE_OWNER |
			 KACS_DELETE | KACS_ACCESS_SYSTEM_SECURITY;
	if (!(desired & KACS_MAXIMUM_ALLOWED) &&
	    (res.granted & ~kacs_map_generic(desired, map) & ~extra))
		abort();
	if (!ret && (kacs_map_generic(desired, map) &
		     ~KACS_MAXIMUM_ALLOWED & ~res.granted))
		abort();
	fz_max_allowed(&subj, sd, map, ctl[14] & 1 ? &fz_user : NULL, intent,
		       ctl[14] & 2 ? KACS_AC_PIP_ONLY : 0);
}

static void fz_reserialise(const struct kacs_sd *sd, u32 info)
{
	struct kacs_sd copy, merged;
	size_t len, mlen;
	u8 *out, *mout;

	if (kacs_sd_select(sd, info, &out, &len, GFP_KERNEL))
		return;
	if (kacs_sd_parse(&copy, out, len))
		abort();
	if (!kacs_sd_merge(sd, &copy, info, &mout, &mlen, GFP_KERNEL)) {
		if (kacs_sd_parse(&merged, mout, mlen))
			abort();
		kfree(mout);
	}
	kfree(out);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct kacs_sd sd;
	struct kacs_ace ace;
	unsigned int off, n;
	char text[512];
	u8 ctl[16] = { 0 };
	u8 *buf;

	if (size < sizeof(ctl))
		return 0;
	memcpy(ctl, data, sizeof(ctl));
	data += sizeof(ctl);
	size -= sizeof(ctl);

	/* exact-size copy so ASan sees any overread */
	buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);

	if (!kacs_sd_parse(&sd, buf, size)) {
		if (sd.has_dacl) {
			n = 0;
			kacs_acl_for_each(&sd.dacl, off, &ace)
				n++;
			if (n != sd.dacl.count)
				abort();
		}
		kacs_sd_to_sddl(&sd, text, sizeof(text));
		kacs_sd_to_sddl(&sd, text, ctl[15]);
		fz_check(&sd, ctl);
		fz_reserialise(&sd, ctl[15] & 0x1f);
	}
	free(buf);
	return 0;
}
