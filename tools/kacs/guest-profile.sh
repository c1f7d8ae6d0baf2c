# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the interactive shell of `make qemu` (ENV=/etc/kacs-profile,
# added by scripts/run-qemu.sh): prints a few commands to try, once.
if [ -z "$KACS_TRY_SHOWN" ] && [ -x /bin/kacs ]; then
	export KACS_TRY_SHOWN=1
	cat <<'TRY'

KACS guest.  This shell runs as SYSTEM (S-1-5-18).  Try:
  kacs run --user alice -- kacs token            # mint + install a token
  sleep 1000 & kacs sd get $!                    # a process SD in SDDL
  kacs run --user alice -- kacs try kill $!      # refused by the process SD
  kacs sd set $! 'D:(A;;GA;;;SY)(A;;0x1001;;;alice)'   # ... now allowed
  kacs run --user alice --impersonate -- kacs try thread   # CLONE_THREAD
  kacs psb set no-child-process -- kacs try fork # refused by the PSB
  kacs help; kacs names                          # the rest (README.md)
'reboot -f' leaves QEMU.

TRY
fi
