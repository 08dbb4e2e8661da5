#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# check_packages.sh BUILD_DIR SCRATCH_DIR VERSION
# Runs cpack (DEB and TGZ) for BUILD_DIR into SCRATCH_DIR, unpacks both and checks
# that the binary, desktop file, icon and metainfo are there and that the packaged
# binary prints "tanager VERSION". Lists every problem, then fails if there was one.
set -euo pipefail

build_dir=$1
scratch=$2
version=$3
app_id=dev.tanager.Tanager

problems=0
fail() { echo "FAIL: $*" >&2; problems=$((problems + 1)); }
ok() { echo "ok: $*"; }

for tool in cpack dpkg-deb dpkg-shlibdeps tar; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool not found (run scripts/deps.sh)" >&2; exit 1; }
done

rm -rf "$scratch"
mkdir -p "$scratch/out"
if ! cpack --config "$build_dir/CPackConfig.cmake" -G "DEB;TGZ" -B "$scratch/out" >"$scratch/cpack.log" 2>&1; then
    cat "$scratch/cpack.log" >&2
    echo "FAIL: cpack failed" >&2
    exit 1
fi

shopt -s nullglob
debs=("$scratch"/out/tanager_"$version"_*.deb)
tgzs=("$scratch"/out/tanager-"$version"-*.tar.gz)
shopt -u nullglob
[[ ${#debs[@]} -eq 1 ]] || { ls -l "$scratch/out" >&2; echo "FAIL: expected one tanager_${version}_*.deb" >&2; exit 1; }
[[ ${#tgzs[@]} -eq 1 ]] || { ls -l "$scratch/out" >&2; echo "FAIL: expected one tanager-${version}-*.tar.gz" >&2; exit 1; }
deb=${debs[0]}
tgz=${tgzs[0]}
ok "built $(basename "$deb") and $(basename "$tgz")"

# --- .deb control fields
field() { dpkg-deb -f "$deb" "$1"; }
[[ "$(field Package)" == tanager ]] && ok "Package: tanager" || fail "Package is '$(field Package)'"
[[ "$(field Version)" == "$version" ]] && ok "Version: $version" || fail "Version is '$(field Version)'"
[[ "$(field Section)" == devel ]] && ok "Section: devel" || fail "Section is '$(field Section)'"
[[ -n "$(field Maintainer)" ]] && ok "Maintainer: $(field Maintainer)" || fail "no Maintainer"
depends=$(field Depends)
# dpkg-shlibdeps must have found Qt (the linker drops unused libraries, so only QtCore is
# certain); the run-time plugins are listed by hand.
for dep in libqt6core6 qt6-qpa-plugins libqt6sql6-sqlite; do
    [[ "$depends" == *"$dep"* ]] && ok "Depends names $dep" || fail "Depends lacks $dep: $depends"
done

# --- .deb contents
root="$scratch/root"
mkdir -p "$root"
dpkg-deb -x "$deb" "$root"
check_file() {
    if [[ -s "$root/$1" ]]; then ok "deb has /$1"; else fail "deb lacks /$1"; fi
}
check_file usr/bin/tanager
check_file "usr/share/applications/$app_id.desktop"
check_file "usr/share/icons/hicolor/scalable/apps/$app_id.svg"
check_file "usr/share/metainfo/$app_id.metainfo.xml"
[[ -x "$root/usr/bin/tanager" ]] || fail "usr/bin/tanager is not executable"
gui_module=$(find "$root/usr/lib" -name 'libtanager-gui.so' -print -quit 2>/dev/null)
[[ -n "$gui_module" ]] && ok "deb has the window module ${gui_module#"$root"}" || fail "deb lacks libtanager-gui.so"

desktop="$root/usr/share/applications/$app_id.desktop"
if [[ -f "$desktop" ]]; then
    grep -qx "Exec=tanager.*" "$desktop" && ok "desktop file runs tanager" || fail "desktop file Exec is not tanager"
    grep -qx "Icon=$app_id" "$desktop" && ok "desktop file uses icon $app_id" || fail "desktop file Icon is not $app_id"
    if command -v desktop-file-validate >/dev/null; then
        desktop-file-validate "$desktop" && ok "desktop-file-validate" || fail "desktop-file-validate rejects $desktop"
    else
        echo "note: desktop-file-validate not installed, not run"
    fi
fi
icon="$root/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
if [[ -f "$icon" ]]; then
    grep -q "<svg" "$icon" && ok "icon is SVG" || fail "icon is not an SVG"
fi
metainfo="$root/usr/share/metainfo/$app_id.metainfo.xml"
if [[ -f "$metainfo" ]]; then
    grep -q "<id>$app_id</id>" "$metainfo" && ok "metainfo id $app_id" || fail "metainfo id is not $app_id"
    grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
        && ok "metainfo launches $app_id.desktop" || fail "metainfo launchable is not $app_id.desktop"
    grep -q "<release version=\"$version\"" "$metainfo" && ok "metainfo has release $version" \
        || fail "metainfo has no <release version=\"$version\">"
    if command -v appstreamcli >/dev/null; then
        appstreamcli validate --no-net "$metainfo" >"$scratch/appstream.log" 2>&1 && ok "appstreamcli validate" \
            || { cat "$scratch/appstream.log" >&2; fail "appstreamcli validate rejects the metainfo"; }
    else
        echo "note: appstreamcli not installed, not run"
    fi
fi

# --- the packaged binary runs (Qt comes from the system, as it would after apt install)
if [[ -x "$root/usr/bin/tanager" ]]; then
    set +e
    out=$(QT_QPA_PLATFORM=offscreen timeout 30 "$root/usr/bin/tanager" --version 2>"$scratch/version.err")
    rc=$?
    set -e
    first=$(printf '%s\n' "$out" | head -n1)
    if [[ $rc -eq 0 && "$first" == "tanager $version" ]]; then
        ok "usr/bin/tanager --version prints '$first'"
    else
        fail "usr/bin/tanager --version: exit $rc, stdout '$out', stderr '$(cat "$scratch/version.err")'; expected 'tanager $version' and exit 0"
    fi
fi

# --- the packaged window opens: the installed executable finds its installed module
if [[ -x "$root/usr/bin/tanager" ]]; then
    set +e
    out=$(cd "$scratch" && XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" QT_QPA_PLATFORM=offscreen \
        TANAGER_STARTUP_PROBE=1 timeout 60 "$root/usr/bin/tanager" 2>"$scratch/window.err")
    rc=$?
    set -e
    if [[ $rc -eq 0 && "$out" == *first-paint-epoch-ns* ]]; then
        ok "usr/bin/tanager opens its window and paints it"
    else
        fail "usr/bin/tanager did not paint a window: exit $rc, stdout '$out', stderr '$(cat "$scratch/window.err")'"
    fi
fi

# --- .tar.gz
listing=$(tar -tzf "$tgz")
for path in bin/tanager "lib/tanager/libtanager-gui.so" "share/applications/$app_id.desktop" "share/icons/hicolor/scalable/apps/$app_id.svg" \
    "share/metainfo/$app_id.metainfo.xml"; do
    grep -qE "^[^/]+/$path\$" <<<"$listing" && ok "tar.gz has $path" || fail "tar.gz lacks $path"
done

if [[ $problems -gt 0 ]]; then
    echo "packaging: $problems problem(s)" >&2
    exit 1
fi
echo "packaging: all checks passed"
