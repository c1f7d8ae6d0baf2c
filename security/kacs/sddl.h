/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS - SID strings and SDDL-style text, for tests only (see sddl.c)
 */

#ifndef _SECURITY_KACS_SDDL_H
#define _SECURITY_KACS_SDDL_H

#include "sd.h"
#include "sid.h"

int kacs_sid_to_string(const struct kacs_sid *sid, char *buf, size_t len);
int kacs_sid_from_string(struct kacs_sid *sid, const char *str);
int kacs_sd_to_sddl(const struct kacs_sd *sd, char *buf, size_t len);

#endif /* _SECURITY_KACS_SDDL_H */
