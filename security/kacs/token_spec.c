// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS - token specifications (kacs_create_token())
 *
 * A specification is a fixed header (struct kacs_token_spec) followed by
 * a variable part that the header points into by offset: the user SID,
 * the group and restricted-SID lists and the default DACL.
 */

#include <linux/err.h>
#include <linux/slab.h>

#include "cred.h"
#include "sd.h"
#include "token.h"

#define KACS_MAX_SPEC_GROUPS	63
#define KACS_GROUP_ATTRS_VALID	(0x7fU | KACS_SE_GROUP_RESOURCE)

static int kacs_spec_range(u32 len, u32 off, u64 size)
{
	if (!size)
		return off ? -EINVAL : 0;
	if (off < KACS_SPEC_HDR_SIZE || off > len || size > len - off)
		return -EINVAL;
	return 0;
}

static int kacs_spec_sid_list(const u8 *spec, u32 len, u32 off, u32 count,
			      struct kacs_sid_attr *out, bool attrs)
{
	size_t used;
	u32 i, l;

	for (i = 0; i < count; i++) {
		if (off < KACS_SPEC_HDR_SIZE || off > len || len - off < 4)
			return -EINVAL;
		l = get_unaligned_le32(spec + off);
		off += 4;
		if (l > len - off || kacs_sid_parse(&out[i].sid, spec + off, l,
						    &used) || used != l)
			return -EINVAL;
		off += l;
		if (!attrs)
			continue;
		if (len - off < 4)
			return -EINVAL;
		out[i].attrs = get_unaligned_le32(spec + off);
		off += 4;
		if (out[i].attrs & ~KACS_GROUP_ATTRS_VALID)
			return -EINVAL;
	}
	return 0;
}

static int kacs_spec_validate(const struct kacs_token_spec *s, u32 len)
{
	if (s->version != KACS_TOKEN_SPEC_VERSION)
		return -EINVAL;
	if (s->token_type != KACS_TOKEN_PRIMARY &&
	    s->token_type != KACS_TOKEN_IMPERSONATION)
		return -EINVAL;
	if (s->impersonation_level > KACS_LEVEL_DELEGATION ||
	    (s->token_type == KACS_TOKEN_PRIMARY && s->impersonation_level))
		return -EINVAL;
	if (s->reserved0[0] || s->reserved0[1] || s->reserved1 ||
	    s->reserved2)
		return -EINVAL;
	if (!kacs_integrity_rid_valid(s->integrity_rid) ||
	    (s->mandatory_policy & ~(KACS_POLICY_NO_WRITE_UP |
				     KACS_POLICY_NEW_PROCESS_MIN)) ||
	    (s->privs_present & ~KACS_PRIV_VALID_MASK) ||
	    (s->privs_enabled & ~s->privs_present) ||
	    (s->audit_policy & ~0xfU))
		return -EINVAL;
	if (s->groups_count > KACS_MAX_SPEC_GROUPS ||
	    s->restricted_sids_count > KACS_MAX_RESTRICTED)
		return -EINVAL;
	/* Claims, device groups, confinement, gids: not in this series. */
	if (s->user_claims_offset || s->user_claims_len ||
	    s->device_claims_offset || s->device_claims_len ||
	    s->device_groups_offset || s->device_groups_count ||
	    s->confinement_sid_offset || s->confinement_sid_len ||
	    s->confinement_caps_offset || s->confinement_caps_count ||
	    s->supp_gids_offset || s->supp_gids_count ||
	    s->restricted_device_groups_offset ||
	    s->restricted_device_groups_count ||
	    s->confinement_exempt || s->isolation_boundary)
		return -EINVAL;
	if (s->write_restricted > 1 || s->user_deny_only > 1 ||
	    (s->write_restricted && !s->user_deny_only))
		return -EINVAL;
	return kacs_spec_range(len, s->default_dacl_offset,
			       s->default_dacl_len);
}

/**
 * kacs_token_from_spec - build a token from a token specification
 * @buf: the specification (struct kacs_token_spec and its variable part),
 *       copied from user space by the caller
 * @len: length of @buf, at least %KACS_SPEC_HDR_SIZE
 *
 * Every offset, count, SID, attribute and index is validated before
 * anything is allocated; nothing is left behind on error.
 *
 * Return: the new token with one reference, ERR_PTR(-EINVAL) for a
 * malformed specification or ERR_PTR(-ENOMEM).
 */
struct kacs_token *kacs_token_from_spec(const u8 *buf, u32 len)
{
	const struct kacs_token_spec *s = (const void *)buf;
	const struct kacs_sid *sid;
	struct kacs_acl dacl;
	struct kacs_token *tok;
	struct kacs_sid_attr *g;
	size_t used;
	int ret;

	ret = kacs_spec_validate(s, len);
	if (ret)
		return ERR_PTR(ret);
	tok = kacs_token_alloc(GFP_KERNEL);
	if (!tok)
		return ERR_PTR(-ENOMEM);
	ret = -EINVAL;
	if (s->user_sid_offset < KACS_SPEC_HDR_SIZE || s->user_sid_offset >= len ||
	    kacs_sid_parse(&tok->user, buf + s->user_sid_offset,
			   len - s->user_sid_offset, &used))
		goto err;

	tok->groups = kcalloc(s->groups_count + 1, sizeof(*tok->groups),
			      GFP_KERNEL);
	if (!tok->groups)
		goto nomem;
	ret = kacs_spec_sid_list(buf, len, s->groups_offset, s->groups_count,
				 tok->groups, true);
	if (ret)
		goto err;
	g = &tok->groups[s->groups_count];
	kacs_sid_logon(&g->sid, s->session_id);
	g->attrs = KACS_SE_GROUP_MANDATORY | KACS_SE_GROUP_ENABLED_BY_DEFAULT |
		   KACS_SE_GROUP_ENABLED | KACS_SE_GROUP_LOGON_ID;
	tok->ngroups = s->groups_count + 1;

	if (s->restricted_sids_count) {
		tok->restricted = kcalloc(s->restricted_sids_count,
					  sizeof(*tok->restricted),
					  GFP_KERNEL);
		if (!tok->restricted)
			goto nomem;
		ret = kacs_spec_sid_list(buf, len, s->restricted_sids_offset,
					 s->restricted_sids_count,
					 tok->restricted, true);
		if (ret)
			goto err;
		tok->nrestricted = s->restricted_sids_count;
	}

	ret = -EINVAL;
	if (s->owner_sid_index > s->groups_count ||
	    s->primary_group_index > s->groups_count)
		goto err;
	if (s->owner_sid_index &&
	    !(tok->groups[s->owner_sid_index - 1].attrs & KACS_SE_GROUP_OWNER))
		goto err;
	if (s->default_dacl_len) {
		if (kacs_acl_parse(&dacl, buf + s->default_dacl_offset,
				   s->default_dacl_len))
			goto err;
		tok->default_dacl = kmemdup(buf + s->default_dacl_offset,
					    s->default_dacl_len, GFP_KERNEL);
		if (!tok->default_dacl)
			goto nomem;
		tok->default_dacl_len = s->default_dacl_len;
	}

	tok->type = s->token_type;
	tok->level = s->impersonation_level;
	tok->integrity = s->integrity_rid;
	tok->policy = s->mandatory_policy;
	tok->privs_present = s->privs_present;
	tok->privs_enabled = s->privs_enabled;
	tok->privs_default = s->privs_enabled;
	tok->projected_uid = s->projected_uid;
	tok->projected_gid = s->projected_gid;
	tok->audit_policy = s->audit_policy;
	tok->expiration = s->expiration;
	tok->auth_id = s->session_id;
	tok->owner_index = s->owner_sid_index;
	tok->group_index = s->primary_group_index;
	memcpy(tok->source_name, s->source_name, sizeof(tok->source_name));
	tok->source_id = s->source_id;
	tok->write_restricted = s->write_restricted;
	tok->user_deny_only = s->user_deny_only;
	tok->origin = s->origin;
	tok->session = s->interactive_session_id;
	tok->elevation = KACS_ELEVATION_DEFAULT;
	tok->created_at = ktime_get_real_ns();
	tok->token_id = kacs_new_luid();
	tok->modified_id = tok->token_id;

	sid = &kacs_current_primary()->user;
	if (kacs_token_set_default_sd(tok, sid, GFP_KERNEL))
		goto nomem;
	return tok;
nomem:
	ret = -ENOMEM;
err:
	kacs_token_put(tok);
	return ERR_PTR(ret);
}
