#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command against a real, unlocked Secret Service: a private D-Bus session bus with
# gnome-keyring-daemon (secrets component only), in a throwaway HOME so neither the user's keyring
# nor their settings are touched. Usage: with-secret-service.sh COMMAND [ARGS...]
set -u

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$tool is missing: install the packages dbus and gnome-keyring (scripts/deps.sh)." >&2
        exit 2
    fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tanager-keyring.XXXXXX") || exit 2
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# gnome-keyring writes its keyring under XDG_DATA_HOME and its control socket under XDG_RUNTIME_DIR.
export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/data"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# --unlock reads the password of the login keyring from stdin and creates that keyring if needed.
# The daemon runs in the foreground (as a child) so it can be stopped by its pid afterwards; it would
# otherwise outlive the session bus. The command starts once the daemon owns the Secret Service name.
dbus-run-session -- sh -c '
    printf pw | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
    keyring=$!
    tries=0
    until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
        tries=$((tries + 1))
        if [ "$tries" -gt 100 ] || ! kill -0 "$keyring" 2>/dev/null; then
            echo "gnome-keyring-daemon did not start the Secret Service within 10 s." >&2
            kill "$keyring" 2>/dev/null
            exit 2
        fi
        sleep 0.1
    done
    "$@"
    rc=$?
    kill "$keyring" 2>/dev/null
    wait "$keyring" 2>/dev/null
    exit "$rc"
' sh "$@"
