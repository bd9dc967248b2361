#!/bin/sh
# update-content.sh: bring new content to the kiosk, checked before it goes live.
#
# The kiosk reads /srv/clinic-kiosk/content, a symbolic link to one folder in releases/.
# This script fetches the newest content (from a git repository, or from a shared folder),
# unpacks it into a new folder, keeps this kiosk's staff PIN hash, runs `kiosk validate` on it,
# and only if that passes points the link at it (one atomic rename). The running kiosk notices
# the change within seconds and shows it between patients. Broken content never goes live:
# the link is not touched, the script exits 2 with the problems on stderr (the journal), and
# `kiosk validate --record` keeps the refused release's name, time and file:line errors in the
# kiosk's data folder (KIOSK_DATA, /var/lib/clinic-kiosk), where staff mode shows them.
#
# Settings (environment, or /etc/default/clinic-kiosk-update):
#   KIOSK_HOME       the kiosk program, with .venv  (default /opt/clinic-kiosk)
#   CONTENT_HOME     the content link, releases/    (default /srv/clinic-kiosk)
#   CONTENT_REPO     git clone of the content repo  (default $CONTENT_HOME/repo)
#   CONTENT_BRANCH   branch to follow               (default main)
#   CONTENT_SUBDIR   folder of the content in it    (default: the top of the repository if it
#                    has kiosk.yaml, else content/; set it empty to mean the top only)
#   CONTENT_SOURCE   a shared folder to copy from instead of git (e.g. /mnt/clinic-share/kiosk)
#   KEEP_RELEASES    old releases kept for going back (default 5)
#   KIOSK_DATA       the kiosk's data folder, where a refusal is recorded for staff mode
#                    (default /var/lib/clinic-kiosk, the kiosk unit's StateDirectory=)
#
# Exit: 0 updated or nothing new, 2 new content refused, 1 anything else went wrong.
set -eu

[ -r /etc/default/clinic-kiosk-update ] && . /etc/default/clinic-kiosk-update

PROGRAM=${KIOSK_HOME:-/opt/clinic-kiosk}
BASE=${CONTENT_HOME:-/srv/clinic-kiosk}
LIVE=$BASE/content
RELEASES=$BASE/releases
KIOSK=$PROGRAM/.venv/bin/kiosk
PYTHON=$PROGRAM/.venv/bin/python
KEEP=${KEEP_RELEASES:-5}
DATA=${KIOSK_DATA:-/var/lib/clinic-kiosk}

say() { echo "update-content: $*" >&2; }

if [ -e "$LIVE" ] && [ ! -L "$LIVE" ]; then
    say "$LIVE is a plain folder; move it to $RELEASES/first and run: ln -s $RELEASES/first $LIVE"
    exit 1
fi

mkdir -p "$RELEASES"
incoming=$(mktemp -d "$RELEASES/.incoming.XXXXXX")
trap 'rm -rf "$incoming"' EXIT INT TERM

if [ -n "${CONTENT_SOURCE:-}" ]; then
    # A shared folder: copy it as it is now (a half-copied file fails validation below).
    cp -pR "$CONTENT_SOURCE/." "$incoming/"
    rm -rf "$incoming/var"
    name=share-$(date +%Y%m%d-%H%M%S)-$$
else
    repo=${CONTENT_REPO:-$BASE/repo}
    branch=${CONTENT_BRANCH:-main}
    git -C "$repo" fetch --quiet origin "$branch"
    rev=$(git -C "$repo" rev-parse --short=12 "origin/$branch")
    name=git-$rev
    if [ "$(readlink "$LIVE" 2>/dev/null || true)" = "$RELEASES/$name" ]; then
        exit 0  # already live
    fi
    if [ -z "${CONTENT_SUBDIR+set}" ]; then
        # Not set: the content is where kiosk.yaml is, at the top or in content/ (this
        # repository's own layout, and the guide's).
        if git -C "$repo" cat-file -e "origin/$branch:kiosk.yaml" 2>/dev/null; then
            subdir=
        elif git -C "$repo" cat-file -e "origin/$branch:content/kiosk.yaml" 2>/dev/null; then
            subdir=content
        else
            say "$repo (origin/$branch) has no kiosk.yaml at its top or in content/: write" \
                "CONTENT_SUBDIR=<the folder that holds kiosk.yaml> in /etc/default/clinic-kiosk-update"
            exit 1
        fi
    else
        subdir=${CONTENT_SUBDIR%/}
    fi
    tree="origin/$branch:$subdir"   # "origin/main:" with no folder is the top
    if [ "$(git -C "$repo" cat-file -t "$tree" 2>/dev/null)" != tree ]; then
        say "CONTENT_SUBDIR=$subdir: $repo (origin/$branch) has no folder $subdir; write the folder" \
            "that holds kiosk.yaml in /etc/default/clinic-kiosk-update, or leave CONTENT_SUBDIR out"
        exit 1
    fi
    git -C "$repo" archive "$tree" | tar -x -C "$incoming"
fi

# The staff PIN is set on each kiosk (`kiosk set-pin`) and never kept in the repository:
# carry this kiosk's hash over into the new kiosk.yaml.
if [ -e "$LIVE/kiosk.yaml" ] && [ -e "$incoming/kiosk.yaml" ]; then
    "$PYTHON" - "$LIVE/kiosk.yaml" "$incoming/kiosk.yaml" <<'PY'
import sys
from pathlib import Path

from kiosk.content.settings import KioskSettings
from kiosk.visit.staff import PinFileError, set_pin_in_file
from kiosk.content.yaml_source import parse_yaml

live, new = (Path(p) for p in sys.argv[1:3])
try:
    pin_hash = KioskSettings.model_validate(parse_yaml(live.read_text(encoding="utf-8")).data or {}).staff.pin_hash
except Exception:  # the live file is not ours to fix here; validate judges the new one
    pin_hash = None
if pin_hash:
    try:
        set_pin_in_file(new, pin_hash)
    except (PinFileError, OSError, ValueError) as exc:
        print(f"update-content: staff PIN not carried over: {exc}", file=sys.stderr)
PY
fi

if [ -d "$LIVE" ] && diff -r -q -x var "$incoming" "$LIVE/" >/dev/null 2>&1; then
    exit 0  # the same as what is live: nothing to do
fi

# `--record`: a release for this kiosk. Besides every content check, a data_dir inside the
# release is refused (usage counts, the log and the topics switched off must outlive a release;
# with no data_dir the kiosk uses its state folder), and a refusal is kept for staff mode.
# The record goes where the kiosk looks: its state folder, named as systemd names it for the kiosk.
if ! STATE_DIRECTORY=$DATA "$KIOSK" validate --record --release "$name" "$incoming"; then
    say "new content ($name) refused; the kiosk keeps $(readlink "$LIVE" || echo its content)"
    exit 2
fi

rm -rf "${RELEASES:?}/$name"
mv "$incoming" "$RELEASES/$name"
trap - EXIT INT TERM
chmod -R a+rX "$RELEASES/$name"
ln -sfn "$RELEASES/$name" "$BASE/.content.new"
mv -T "$BASE/.content.new" "$LIVE"   # rename(2): the kiosk never sees a missing folder
say "content $name is live"

# Keep the newest few releases so staff can point the link back by hand.
ls -1dt "$RELEASES"/*/ 2>/dev/null | tail -n +"$((KEEP + 1))" | while read -r old; do
    [ "${old%/}" = "$(readlink "$LIVE")" ] || rm -rf "$old"
done
