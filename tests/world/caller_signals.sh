#!/bin/sh
# The command starts with its caller's signal dispositions and mask, as it would untraced.
# Usage: caller_signals.sh TRACE
set -u
trace=$1
fail=0

# A pipeline's writer whose caller ignores SIGPIPE gets EPIPE, not the signal: yes exits 1, not 141.
got=$(sh -c "trap '' PIPE; exec \"$trace\" -f -o /dev/null bash -c 'yes | head -1 >/dev/null; echo \${PIPESTATUS[0]}'")
[ "$got" = 1 ] || { echo "FAIL: with SIGPIPE ignored by the caller, yes ended with $got (untraced: 1)"; fail=1; }

# nohup: a command whose caller ignores SIGHUP survives one.
got=$(sh -c "trap '' HUP; exec \"$trace\" -o /dev/null sh -c 'kill -HUP \$\$; echo alive'")
[ "$got" = alive ] || { echo "FAIL: with SIGHUP ignored by the caller, the command did not survive SIGHUP"; fail=1; }

# The same under -I4 (trace blocks these signals in itself, never in the command), and the caller's
# blocked signals stay blocked: SigBlk and SigIgn as untraced.
want=$(sh -c "trap '' HUP PIPE; exec grep -E '^Sig(Blk|Ign)' /proc/self/status")
for opts in "" "-I1" "-I4" "-f -e trace=openat"; do
    got=$(sh -c "trap '' HUP PIPE; exec \"$trace\" $opts -o /dev/null grep -E '^Sig(Blk|Ign)' /proc/self/status")
    [ "$got" = "$want" ] || { printf 'FAIL: trace %s: the command saw\n%s\nuntraced:\n%s\n' "$opts" "$got" "$want"; fail=1; }
done
[ $fail = 0 ] && echo "caller's signal dispositions and mask kept"
exit $fail
