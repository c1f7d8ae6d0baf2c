/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS - capability switchboard
 */

#ifndef _SECURITY_KACS_CAPS_H
#define _SECURITY_KACS_CAPS_H

#include <linux/init.h>

void __init kacs_add_cap_hooks(void);

#endif /* _SECURITY_KACS_CAPS_H */
