// SPDX-License-Identifier: GPL-2.0-only
/*
 * KACS AccessCheck.
 *
 * The evaluation follows the KACS v0.20 pipeline (digest section 7) for the
 * parts in scope for this series:
 *
 *   0. an Identification-level impersonation token is denied outright;
 *   1. the SD must have an owner;
 *   2. generic rights in the request are mapped, MAXIMUM_ALLOWED noted;
 *   3. effective privileges: SeBackup/SeRestore only with their intent bit;
 *   4. privilege grants (SeSecurity, SeBackup, SeRestore);
 *   5. mandatory integrity control and the object's process trust label;
 *   6. the OWNER RIGHTS and PRINCIPAL SELF virtual groups;
 *   8. owner implicit rights and the DACL walk (first writer wins);
 *   9. SeTakeOwnership;
 *  10. the restricting-SID pass of restricted tokens;
 *  13. privileges are marked used only for requested bits that survived;
 *  14. the continuous audit mask from the SACL's alarm ACEs.
 *
 * Bits are "decided" by whichever step reaches them first; a decided bit is
 * never granted later.  Mandatory steps (5) and privilege grants (4, 9)
 * survive the restricted pass; only PIP removes privilege-granted bits.
 *
 * Nothing here allocates or sleeps, and the SD is only read through the
 * validated view produced by kacs_sd_parse().
 */

#include "access.h"

#define GENERIC_BITS	(KACS_GENERIC_READ | KACS_GENERIC_WRITE |	\
			 KACS_GENERIC_EXECUTE | KACS_GENERIC_ALL)
/* Bits an ACE or the NULL DACL can never grant. */
#define NOT_GRANTABLE	(GENERIC_BITS | KACS_MAXIMUM_ALLOWED)
#define OWNER_IMPLICIT	(KACS_READ_CONTROL | KACS_WRITE_DAC)
#define KNOWN_INTENT	(KACS_BACKUP_INTENT | KACS_RESTORE_INTENT)

const struct kacs_generic_mapping kacs_process_mapping = {
	.read = KACS_PROCESS_GENERIC_READ,
	.write = KACS_PROCESS_GENERIC_WRITE,
	.execute = KACS_PROCESS_GENERIC_EXECUTE,
	.all = KACS_PROCESS_GENERIC_ALL,
};

const struct kacs_generic_mapping kacs_file_mapping = {
	.read = KACS_FILE_GENERIC_READ,
	.write = KACS_FILE_GENERIC_WRITE,
	.execute = KACS_FILE_GENERIC_EXECUTE,
	.all = KACS_FILE_ALL_ACCESS,
};

const struct kacs_generic_mapping kacs_token_mapping = {
	.read = KACS_TOKEN_GENERIC_READ,
	.write = KACS_TOKEN_GENERIC_WRITE,
	.execute = KACS_TOKEN_GENERIC_EXECUTE,
	.all = KACS_TOKEN_GENERIC_ALL,
};

/* How a SID matches the token, ordered by strength. */
enum ac_match {
	MATCH_NONE,
	MATCH_DENY,	/* counts for deny ACEs only */
	MATCH_ALL,	/* counts for allow and deny ACEs */
};

struct ac_ctx {
	const struct kacs_subject *subj;
	const struct kacs_sd *sd;
	const struct kacs_generic_mapping *map;
	const struct kacs_sid *self_sid;
	u32 desired;	/* mapped, without MAXIMUM_ALLOWED */
	u32 scope;	/* bits the DACL walk may grant */
	bool max;	/* MAXIMUM_ALLOWED requested */
	bool owner_rights_ace;
};

struct ac_pass {
	bool restricted;	/* match against the restricting SIDs */
	enum ac_match owner;	/* how the SD owner matches in this pass */
	u32 decided, granted;
};

struct ac_labels {
	bool mic, pip;
	u32 mic_rid, mic_mask;
	u32 pip_type, pip_trust, pip_mask;
};

/**
 * kacs_map_generic() - expand generic rights
 * @mask: access mask
 * @map: the object type's generic mapping
 *
 * Return: @mask with GENERIC_READ/WRITE/EXECUTE/ALL replaced by the rights
 * @map assigns to them; other bits (including MAXIMUM_ALLOWED) are kept.
 */
u32 kacs_map_generic(u32 mask, const struct kacs_generic_mapping *map)
{
	u32 out = mask & ~GENERIC_BITS;

	if (mask & KACS_GENERIC_READ)
		out |= map->read;
	if (mask & KACS_GENERIC_WRITE)
		out |= map->write;
	if (mask & KACS_GENERIC_EXECUTE)
		out |= map->execute;
	if (mask & KACS_GENERIC_ALL)
		out |= map->all;
	return out;
}

/**
 * kacs_pip_dominates() - Process Integrity Protection dominance
 * @caller_type: PIP type of the acting process
 * @caller_trust: PIP trust of the acting process
 * @target_type: PIP type of the target process
 * @target_trust: PIP trust of the target process
 *
 * An unprotected target (type 0) is dominated by everyone; otherwise the
 * caller must be at least as high in both type and trust.
 *
 * Return: true if the caller dominates the target.
 */
bool kacs_pip_dominates(u32 caller_type, u32 caller_trust,
			u32 target_type, u32 target_trust)
{
	if (target_type == KACS_PIP_NONE)
		return true;
	return caller_type >= target_type && caller_trust >= target_trust;
}

static enum ac_match group_match(u32 attrs)
{
	if (attrs & KACS_SE_GROUP_USE_FOR_DENY_ONLY)
		return MATCH_DENY;
	if (attrs & KACS_SE_GROUP_ENABLED)
		return MATCH_ALL;
	return MATCH_NONE;
}

static enum ac_match sid_match(const struct kacs_subject *subj,
			       bool restricted, const struct kacs_sid *sid)
{
	enum ac_match best = MATCH_NONE, m;
	u32 i;

	if (restricted) {
		for (i = 0; i < subj->nrestricted; i++)
			if (kacs_sid_equal(sid, &subj->restricted[i].sid))
				return MATCH_ALL;
		return MATCH_NONE;
	}

	if (kacs_sid_equal(sid, subj->user))
		best = subj->user_deny_only ? MATCH_DENY : MATCH_ALL;
	for (i = 0; i < subj->ngroups && best != MATCH_ALL; i++) {
		if (!kacs_sid_equal(sid, &subj->groups[i].sid))
			continue;
		m = group_match(subj->groups[i].attrs);
		if (m > best)
			best = m;
	}
	return best;
}

/*
 * Step 6: the caller is the owner only through a match that can allow
 * (v0.20 10-access-check/10-algorithm.md, SidMatchesToken(owner,
 * for_allow=true)); the owner SID matched as a deny-only group or user
 * does not make the caller the owner.
 */
static enum ac_match owner_match(const struct kacs_subject *subj,
				 bool restricted, const struct kacs_sid *owner)
{
	return sid_match(subj, restricted, owner) == MATCH_ALL ? MATCH_ALL :
								 MATCH_NONE;
}

static enum ac_match ace_match(const struct ac_ctx *ctx,
			       const struct ac_pass *pass,
			       const struct kacs_sid *sid)
{
	enum ac_match m = sid_match(ctx->subj, pass->restricted, sid);
	enum ac_match v;

	if (pass->owner > m && kacs_sid_equal(sid, &kacs_sid_owner_rights))
		m = pass->owner;
	if (ctx->self_sid && kacs_sid_equal(sid, &kacs_sid_self)) {
		v = sid_match(ctx->subj, pass->restricted, ctx->self_sid);
		if (v > m)
			m = v;
	}
	return m;
}

static void ac_grant(const struct ac_ctx *ctx, struct ac_pass *pass, u32 bits)
{
	bits &= ctx->scope & ~pass->decided;
	pass->granted |= bits;
	pass->decided |= bits;
}

static u32 ace_rights(const struct ac_ctx *ctx, u32 mask)
{
	return kacs_map_generic(mask, ctx->map) & ~KACS_MAXIMUM_ALLOWED;
}

/* Owner implicit rights, then the DACL (or the NULL-DACL grant). */
static void dacl_walk(const struct ac_ctx *ctx, struct ac_pass *pass)
{
	const struct kacs_sd *sd = ctx->sd;
	struct kacs_ace ace;
	unsigned int off;

	if (pass->owner != MATCH_NONE && !ctx->owner_rights_ace)
		ac_grant(ctx, pass, OWNER_IMPLICIT);

	if (!sd->has_dacl) {
		ac_grant(ctx, pass, ctx->map->all);
		return;
	}

	kacs_acl_for_each(&sd->dacl, off, &ace) {
		if (!ctx->max && (pass->decided & ctx->desired) == ctx->desired)
			break;
		if ((ace.flags & KACS_INHERIT_ONLY_ACE) || !ace.has_sid)
			continue;
		if (ace.type == KACS_ACCESS_ALLOWED_ACE_TYPE) {
			if (ace_match(ctx, pass, &ace.sid) == MATCH_ALL)
				ac_grant(ctx, pass, ace_rights(ctx, ace.mask));
		} else if (ace.type == KACS_ACCESS_DENIED_ACE_TYPE) {
			if (ace_match(ctx, pass, &ace.sid) != MATCH_NONE)
				pass->decided |= ace_rights(ctx, ace.mask) &
						 ctx->scope;
		}
	}
}

/* Does a live access ACE of the DACL name OWNER RIGHTS (S-1-3-4)? */
static bool owner_rights_scan(const struct kacs_sd *sd)
{
	struct kacs_ace ace;
	unsigned int off;

	if (!sd->has_dacl)
		return false;
	kacs_acl_for_each(&sd->dacl, off, &ace) {
		if ((ace.flags & KACS_INHERIT_ONLY_ACE) || !ace.has_sid)
			continue;
		if ((ace.type == KACS_ACCESS_ALLOWED_ACE_TYPE ||
		     ace.type == KACS_ACCESS_DENIED_ACE_TYPE) &&
		    kacs_sid_equal(&ace.sid, &kacs_sid_owner_rights))
			return true;
	}
	return false;
}

/* First live mandatory label and process trust label of the SACL. */
static void find_labels(const struct kacs_sd *sd, struct ac_labels *lab)
{
	struct kacs_ace ace;
	unsigned int off;

	if (!sd->has_sacl)
		return;
	kacs_acl_for_each(&sd->sacl, off, &ace) {
		if ((ace.flags & KACS_INHERIT_ONLY_ACE) || !ace.has_sid)
			continue;
		if (ace.type == KACS_SYSTEM_MANDATORY_LABEL_ACE_TYPE &&
		    !lab->mic && kacs_sid_is_integrity(&ace.sid, &lab->mic_rid)) {
			lab->mic = true;
			lab->mic_mask = ace.mask;
		} else if (ace.type == KACS_SYSTEM_PROCESS_TRUST_LABEL_ACE_TYPE &&
			   !lab->pip && ace.sid.sub_count == 2) {
			lab->pip = true;
			lab->pip_type = ace.sid.sub[0];
			lab->pip_trust = ace.sid.sub[1];
			lab->pip_mask = ace.mask;
		}
	}
}

/*
 * Mandatory integrity control.  Returns the rights it decides (denies) for
 * a non-dominant caller; *relabel receives WRITE_OWNER when SeRelabel is
 * what kept it allowed.
 */
static u32 mic_denied(const struct kacs_subject *subj,
		      const struct kacs_generic_mapping *map,
		      const struct ac_labels *lab, u64 privs, u32 *relabel)
{
	u32 rid = KACS_INTEGRITY_MEDIUM, policy = KACS_NO_WRITE_UP;
	u32 allowed, deny;

	*relabel = 0;
	if (!(subj->mandatory_policy & KACS_POLICY_NO_WRITE_UP))
		return 0;
	if (lab->mic) {
		rid = lab->mic_rid;
		policy = lab->mic_mask;
	}
	if (subj->integrity_rid >= rid)
		return 0;

	allowed = map->read | map->execute;
	if (policy & KACS_NO_READ_UP)
		allowed &= ~map->read;
	if (policy & KACS_NO_WRITE_UP)
		allowed &= ~map->write;
	if (policy & KACS_NO_EXECUTE_UP)
		allowed &= ~map->execute;
	deny = map->all & ~allowed;
	if (privs & KACS_PRIV(KACS_SE_RELABEL)) {
		*relabel = deny & KACS_WRITE_OWNER;
		deny &= ~KACS_WRITE_OWNER;
	}
	return deny;
}

/* Does any ACE of @acl carry a reserved access-mask bit? */
/*
 * Step 14: the continuous audit mask is the OR of the (mapped) masks of
 * the live SYSTEM_ALARM ACEs of the SACL whose SID matches the caller with
 * deny polarity, the widest identity view.
 */
static u32 alarm_mask(const struct ac_ctx *ctx)
{
	struct ac_pass pass = {
		.owner = owner_match(ctx->subj, false, &ctx->sd->owner),
	};
	struct kacs_ace ace;
	unsigned int off;
	u32 mask = 0;

	if (!ctx->sd->has_sacl)
		return 0;
	kacs_acl_for_each(&ctx->sd->sacl, off, &ace) {
		if (ace.type != KACS_ACE_TYPE_ALARM || !ace.has_sid ||
		    (ace.flags & KACS_INHERIT_ONLY_ACE))
			continue;
		if (ace_match(ctx, &pass, &ace.sid) != MATCH_NONE)
			mask |= kacs_map_generic(ace.mask, ctx->map);
	}
	return mask;
}

/* PIP step (5) on its own, for a caller whose privilege replaces the DACL. */
static int pip_only(const struct kacs_subject *subj, const struct kacs_sd *sd,
		    u32 desired, const struct kacs_generic_mapping *map,
		    struct kacs_access_result *res)
{
	struct ac_labels lab = {};
	u32 granted = map->all;

	find_labels(sd, &lab);
	if (lab.pip && (subj->pip_type < lab.pip_type ||
			subj->pip_trust < lab.pip_trust))
		granted &= kacs_map_generic(lab.pip_mask, map);
	res->granted = granted;
	return (desired & ~granted) ? -EACCES : 0;
}

/**
 * kacs_access_check_flags() - evaluate a security descriptor for a subject
 * @subj: the subject (effective token view plus the caller's PIP values)
 * @sd: a security descriptor validated by kacs_sd_parse()
 * @desired: requested access; generic bits and MAXIMUM_ALLOWED allowed
 * @map: generic mapping of the object type
 * @self_sid: SID substituted for PRINCIPAL SELF (S-1-5-10), or NULL
 * @privilege_intent: KACS_BACKUP_INTENT / KACS_RESTORE_INTENT
 * @flags: 0, or %KACS_AC_PIP_ONLY
 * @res: result; @res->granted is set on success and on denial
 *
 * The pipeline of 10-access-check/10-algorithm.md (v0.20) restricted to
 * this series.  With MAXIMUM_ALLOWED, @res->granted is everything the
 * pipeline accumulated; a pure MAXIMUM_ALLOWED request (no specific bit)
 * always succeeds, possibly with 0 (2-dacl-walk.md).  For a targeted
 * request the DACL walk only grants requested bits, while the privilege
 * grants of step 4 (ACCESS_SYSTEM_SECURITY, the backup and the restore
 * sets) are reported whole, as the algorithm seeds them.  A request of 0
 * succeeds.  @res->privs_used names the privileges whose requested bits
 * survived to @res->granted (step 13; never for bits only probed with
 * MAXIMUM_ALLOWED), on success and on denial.  @res->continuous_audit is
 * the continuous audit mask of step 14.  SeDebugPrivilege is not consulted
 * here; a caller holding it passes %KACS_AC_PIP_ONLY, which replaces the
 * whole decision by the object's trust label (7-pip.md: no privilege
 * compensates for insufficient trust): everything @map->all holds is
 * granted except what a non-dominated trust label withholds.
 *
 * Context: Any context.  Never allocates, never sleeps.
 * Return: 0 if all requested access is granted; -EACCES if denied,
 * including for an Identification-level impersonation token (granted 0);
 * -EINVAL if the SD has no owner, if @desired or an ACE mask carries a
 * reserved bit (3-security-descriptors/3-access-masks.md: bits 21-23 and
 * 26-27), for unknown @privilege_intent or @flags bits or missing
 * arguments.
 */
int kacs_access_check_flags(const struct kacs_subject *subj,
			    const struct kacs_sd *sd, u32 desired,
			    const struct kacs_generic_mapping *map,
			    const struct kacs_sid *self_sid,
			    u32 privilege_intent, u32 flags,
			    struct kacs_access_result *res)
{
	struct ac_ctx ctx = {};
	struct ac_pass pass = {};
	struct ac_labels lab = {};
	u32 pb_sec = 0, pb_backup = 0, pb_restore = 0, pb_take = 0;
	u32 priv_granted, mand, relabel, pip_deny, granted;
	u64 privs, used = 0;

	if (!res)
		return -EINVAL;
	res->granted = 0;
	res->privs_used = 0;
	res->continuous_audit = 0;
	if (!subj || !subj->user || !map ||
	    (subj->ngroups && !subj->groups) ||
	    (subj->nrestricted && !subj->restricted) ||
	    (flags & ~KACS_AC_PIP_ONLY))
		return -EINVAL;

	/* 0: an Identification-level token may not be used for access */
	if (!(flags & KACS_AC_PIP_ONLY) &&
	    subj->token_type == KACS_TOKEN_IMPERSONATION &&
	    subj->imp_level == KACS_LEVEL_IDENTIFICATION)
		return -EACCES;

	/* 1: the owner is mandatory; reserved mask bits are malformed */
	if (!sd || !sd->has_owner || (privilege_intent & ~KNOWN_INTENT) ||
	    (desired & KACS_ACCESS_RESERVED) ||
	    (sd->has_dacl && sd->dacl.reserved_bits) ||
	    (sd->has_sacl && sd->sacl.reserved_bits))
		return -EINVAL;

	/* 2: generic mapping, MAXIMUM_ALLOWED */
	desired = kacs_map_generic(desired, map);
	ctx.max = desired & KACS_MAXIMUM_ALLOWED;
	desired &= ~KACS_MAXIMUM_ALLOWED;
	if (flags & KACS_AC_PIP_ONLY)
		return pip_only(subj, sd, desired, map, res);
	ctx.subj = subj;
	ctx.sd = sd;
	ctx.map = map;
	ctx.self_sid = self_sid;
	ctx.desired = desired;
	ctx.scope = ctx.max ? ~NOT_GRANTABLE : desired;

	/* 3: effective privileges */
	privs = subj->privs_enabled;
	if (!(privilege_intent & KACS_BACKUP_INTENT))
		privs &= ~KACS_PRIV(KACS_SE_BACKUP);
	if (!(privilege_intent & KACS_RESTORE_INTENT))
		privs &= ~KACS_PRIV(KACS_SE_RESTORE);

	/*
	 * 4: privilege grants, whole (not clipped to the request);
	 * ACCESS_SYSTEM_SECURITY is always decided here.
	 */
	if (privs & KACS_PRIV(KACS_SE_SECURITY))
		pb_sec = KACS_ACCESS_SYSTEM_SECURITY;
	if (privs & KACS_PRIV(KACS_SE_BACKUP))
		pb_backup = map->read;
	if (privs & KACS_PRIV(KACS_SE_RESTORE))
		pb_restore = map->write | KACS_WRITE_DAC | KACS_WRITE_OWNER |
			     KACS_DELETE | KACS_ACCESS_SYSTEM_SECURITY;
	priv_granted = pb_sec | pb_backup | pb_restore;
	pass.granted = priv_granted;
	pass.decided = priv_granted | KACS_ACCESS_SYSTEM_SECURITY;

	/* 5: mandatory integrity, then the object's trust label */
	find_labels(sd, &lab);
	mand = mic_denied(subj, map, &lab, privs, &relabel);
	pass.decided |= mand;
	if (lab.pip && (subj->pip_type < lab.pip_type ||
			subj->pip_trust < lab.pip_trust)) {
		pip_deny = (map->all | KACS_ACCESS_SYSTEM_SECURITY) &
			   ~kacs_map_generic(lab.pip_mask, map);
		mand |= pip_deny;
		pass.decided |= pip_deny;
		pass.granted &= ~pip_deny;
		priv_granted &= ~pip_deny;
		relabel &= ~pip_deny;
	}

	/* 6, 8: virtual groups, owner implicit rights, DACL */
	ctx.owner_rights_ace = owner_rights_scan(sd);
	pass.owner = owner_match(subj, false, &sd->owner);
	dacl_walk(&ctx, &pass);
	granted = pass.granted;

	/* 9: SeTakeOwnership */
	if ((privs & KACS_PRIV(KACS_SE_TAKE_OWNERSHIP)) &&
	    (ctx.scope & KACS_WRITE_OWNER) && !(granted & KACS_WRITE_OWNER) &&
	    !(mand & KACS_WRITE_OWNER)) {
		pb_take = KACS_WRITE_OWNER;
		granted |= pb_take;
		priv_granted |= pb_take;
	}

	/* 10: restricted tokens need the restricting SIDs to agree */
	if (subj->nrestricted) {
		struct ac_pass rpass = {
			.restricted = true,
			.decided = KACS_ACCESS_SYSTEM_SECURITY,
		};

		rpass.owner = owner_match(subj, true, &sd->owner);
		dacl_walk(&ctx, &rpass);
		if (subj->write_restricted)
			granted &= rpass.granted | ~map->write;
		else
			granted &= rpass.granted;
		granted |= priv_granted;
	}

	/* 13: a privilege counts as used if requested bits it gave survived */
	if (desired & granted & pb_sec & priv_granted)
		used |= KACS_PRIV(KACS_SE_SECURITY);
	if (desired & granted & pb_backup & priv_granted)
		used |= KACS_PRIV(KACS_SE_BACKUP);
	if (desired & granted & pb_restore & priv_granted)
		used |= KACS_PRIV(KACS_SE_RESTORE);
	if (desired & granted & pb_take)
		used |= KACS_PRIV(KACS_SE_TAKE_OWNERSHIP);
	if (desired & granted & relabel)
		used |= KACS_PRIV(KACS_SE_RELABEL);
	res->privs_used = used;

	/* 14: continuous audit; 15: the verdict */
	res->continuous_audit = alarm_mask(&ctx);
	res->granted = granted;
	return (desired & ~granted) ? -EACCES : 0;
}

/**
 * kacs_access_check() - evaluate a security descriptor for a subject
 * @subj: the subject (effective token view plus the caller's PIP values)
 * @sd: a security descriptor validated by kacs_sd_parse()
 * @desired: requested access; generic bits and MAXIMUM_ALLOWED allowed
 * @map: generic mapping of the object type
 * @self_sid: SID substituted for PRINCIPAL SELF (S-1-5-10), or NULL
 * @privilege_intent: KACS_BACKUP_INTENT / KACS_RESTORE_INTENT
 * @res: result
 *
 * kacs_access_check_flags() with no flags.
 *
 * Context: Any context.  Never allocates, never sleeps.
 * Return: as kacs_access_check_flags().
 */
int kacs_access_check(const struct kacs_subject *subj,
		      const struct kacs_sd *sd, u32 desired,
		      const struct kacs_generic_mapping *map,
		      const struct kacs_sid *self_sid,
		      u32 privilege_intent,
		      struct kacs_access_result *res)
{
	return kacs_access_check_flags(subj, sd, desired, map, self_sid,
				       privilege_intent, 0, res);
}
