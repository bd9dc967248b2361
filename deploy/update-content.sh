#!/bin/sh
# update-content.sh: bring new content to the kiosk, checked before it goes live.
#
# The kiosk reads /srv/clinic-kiosk/content, a symbolic link to one folder in releases/.
# This script fetches the newest content (from a git repository, or from a shared folder),
# unpacks it into a new folder, keeps this kiosk's staff PIN hash, runs `kiosk validate` on it,
# and only if that passes points the link at it (one atomic rename). The running kiosk notices
# the change within seconds and shows it between patients. Broken content never goes live:
# the link is not touched and the script exits 2 with the problems on stderr (the journal).
#
# Settings (environment, or /etc/default/clinic-kiosk-update):
#   KIOSK_HOME       the kiosk program, with .venv  (default /opt/clinic-kiosk)
#   CONTENT_HOME     the content link, releases/    (default /srv/clinic-kiosk)
#   CONTENT_REPO     git clone of the content repo  (default $CONTENT_HOME/repo)
#   CONTENT_BRANCH   branch to follow               (default main)
#   CONTENT_SUBDIR   folder of the content in it    (default: the repository root)
#   CONTENT_SOURCE   a shared folder to copy from instead of git (e.g. /mnt/clinic-share/kiosk)
#   KEEP_RELEASES    old releases kept for going back (default 5)
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
    tree="origin/$branch"
    [ -n "${CONTENT_SUBDIR:-}" ] && tree="$tree:$CONTENT_SUBDIR"
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
    except PinFileError as exc:
        print(f"update-content: staff PIN not carried over: {exc}", file=sys.stderr)
PY
fi

if [ -d "$LIVE" ] && diff -r -q -x var "$incoming" "$LIVE/" >/dev/null 2>&1; then
    exit 0  # the same as what is live: nothing to do
fi

# Usage counts, the log and the topics switched off must outlive a release: an absolute
# data_dir (e.g. /var/lib/clinic-kiosk), never one inside the content folder.
if ! "$PYTHON" - "$incoming" <<'PY'
import sys
from pathlib import Path

from kiosk.content.settings import KioskSettings
from kiosk.content.yaml_source import parse_yaml

try:
    text = (Path(sys.argv[1]) / "kiosk.yaml").read_text(encoding="utf-8")
    data_dir = KioskSettings.model_validate(parse_yaml(text).data or {}).data_dir
except Exception:
    sys.exit(0)  # kiosk validate reports it
if not data_dir.is_absolute():
    print(f"update-content: kiosk.yaml has data_dir: {data_dir}, inside the content folder; "
          "set data_dir: /var/lib/clinic-kiosk so usage counts survive updates", file=sys.stderr)
    sys.exit(2)
PY
then
    say "new content ($name) refused; the kiosk keeps $(readlink "$LIVE" || echo its content)"
    exit 2
fi

if ! "$KIOSK" validate "$incoming"; then
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
