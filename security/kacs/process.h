/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KACS - process gates
 */

#ifndef _SECURITY_KACS_PROCESS_H
#define _SECURITY_KACS_PROCESS_H

#include <linux/types.h>

u32 kacs_signal_right(int sig);

#endif /* _SECURITY_KACS_PROCESS_H */
