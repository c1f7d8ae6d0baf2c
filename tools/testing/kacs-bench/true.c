// SPDX-License-Identifier: GPL-2.0-only
/*
 * kacs-bench-true - the program of the exec row: a static x86_64 ELF
 * without libc that only calls exit_group(0), so the row measures the
 * kernel's exec path rather than a C library's start-up.
 */

void _start(void)
{
	__asm__ volatile("syscall" : : "a"(231), "D"(0));
	__builtin_unreachable();
}
