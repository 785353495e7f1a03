#!/bin/bash
# Checks the generated bash completion (the script given as $1): what it offers after a command line.
set -u
source "$1" || exit 1
failures=0

# The words offered when the cursor is at the end of LINE (bash splits COMP_WORDS at its word breaks).
complete_line() {
    COMP_LINE=$1
    COMP_POINT=${#COMP_LINE}
    local wb=${COMP_WORDBREAKS//[[:space:]]/} broken=$COMP_LINE c
    for ((c = 0; c < ${#wb}; c++)); do broken=${broken//"${wb:c:1}"/ ${wb:c:1} }; done
    read -ra COMP_WORDS <<<"$broken"
    [[ $COMP_LINE == *[[:space:]] ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _trace trace "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}"
}

# expect LINE WORD: WORD is among the words offered; expect_not: it is not.
expect() {
    if ! complete_line "$1" | grep -qxF -- "$2"; then
        echo "FAIL: '$1' does not offer '$2'; it offers: $(complete_line "$1" | head -20 | tr '\n' ' ')"
        failures=$((failures + 1))
    fi
}
expect_not() {
    if complete_line "$1" | grep -qxF -- "$2"; then
        echo "FAIL: '$1' offers '$2'"
        failures=$((failures + 1))
    fi
}

COMP_WORDBREAKS=$' \t\n"\'><=;|&(:'
expect 'trace -e trace=op' openat
expect 'trace -e trace=op' open_tree_attr
expect_not 'trace -e trace=op' read
expect 'trace -e trace=futex_w' futex_wake
expect 'trace -e trace=futex_w' futex_waitv
expect 'trace -e trace=read,wri' read,write
expect 'trace -e trace=!op' '!openat'
expect 'trace -e trace=%fi' %file
expect 'trace -e trace=%%st' %%stat
expect 'trace -e tr' trace=
expect 'trace -e sig' signal=
expect 'trace -e signal=SIGTE' SIGTERM
expect 'trace -e signal=!SIGCH' '!SIGCHLD'
expect 'trace -e status=fa' failed
expect 'trace -e inject=openat:error=ENOE' ENOENT
expect 'trace -e inject=openat:sig' signal=
expect 'trace -etrace=clo' close
expect 'trace --trace=mse' mseal
expect 'trace --signals=SIGUS' SIGUSR1
expect 'trace --hide-errno=EAG' EAGAIN
expect 'trace --follow' --follow-forks
expect 'trace --outp' --output=
expect 'trace -' -f
expect 'trace -f -o /tmp/x -e trace=%net' %network
expect 'trace -S ca' calls
expect_not 'trace -f ls -e trace=op' openat

# Without the default word breaks (COMP_WORDBREAKS without '=' and ':'), the whole word is replaced.
COMP_WORDBREAKS=$' \t\n"\'><;|&('
expect 'trace -e trace=op' trace=openat
expect 'trace -etrace=clo' -etrace=close
expect 'trace -e inject=openat:error=ENOE' inject=openat:error=ENOENT

[[ $failures -eq 0 ]] && echo "completion: all checks passed"
exit $((failures > 0))
