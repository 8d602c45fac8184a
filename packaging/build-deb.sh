#!/usr/bin/env bash
# Build the kiosk's Debian package, self-contained (CPython, Qt and the content inside):
#
#   packaging/build-deb.sh [--check] [OUTDIR]        (default OUTDIR: build/deb)
#
# 1. a build environment from requirements.lock + packaging/requirements-build.txt (pip
#    --require-hashes; reused while both files are unchanged);
# 2. the PyInstaller one-folder build from packaging/citizenship-kiosk.spec (the same spec
#    the Windows installer is built from);
# 3. the package tree: /opt/citizenship-kiosk, /usr/bin/citizenship-app, the desktop entry,
#    the cage systemd unit (installed, not enabled), /etc/citizenship-kiosk/ (the machine-wide
#    settings folder; the app does not read it yet), fixed modes and mtimes;
# 4. dpkg-deb --root-owner-group into OUTDIR/citizenship-kiosk_<version>_<arch>.deb, with the
#    package's sorted file list beside it (.files).
#
# --check builds a second time from scratch (a fresh PyInstaller work folder, the same build
# environment) and fails unless both builds hold the same files; it also says whether the two
# .deb files are byte for byte the same.
# Environment: PYTHON (default python3, a CPython 3.11 with venv), SOURCE_DATE_EPOCH (default:
# the last commit's time), BUILD_ROOT (default build/packaging: the venv and work folders).
set -euo pipefail
export LC_ALL=C.UTF-8 TZ=UTC

check=0
if [[ ${1:-} == --check ]]; then check=1; shift; fi
repo=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$repo/build/deb}" && cd "${1:-$repo/build/deb}" && pwd)
build_root=${BUILD_ROOT:-$repo/build/packaging}
python=${PYTHON:-python3}
lock=$repo/requirements.lock
tools=$repo/packaging/requirements-build.txt
[[ -f $lock ]] || { echo "build-deb: $lock is missing (the pinned runtime dependencies)" >&2; exit 1; }

version=$("$python" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$repo/pyproject.toml")
arch=$(dpkg --print-architecture)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || echo 0)}
# Fixed hash seed: PyInstaller's archives then come out the same from run to run.
export PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1

# -- 1. the build environment ---------------------------------------------------------------
venv=$build_root/venv
stamp=$(cat "$lock" "$tools" | sha256sum | cut -d' ' -f1)
if [[ ! -x $venv/bin/pyinstaller || $(cat "$venv/.locked" 2>/dev/null) != "$stamp" ]]; then
  echo "build-deb: build environment from requirements.lock + requirements-build.txt"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --require-hashes --no-deps \
      -r "$lock" -r "$tools"
  echo "$stamp" > "$venv/.locked"
fi

# -- 2. PyInstaller ---------------------------------------------------------------------------
freeze() {  # freeze DIST WORK
  echo "build-deb: PyInstaller into $1"
  (cd "$repo" && "$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
      --distpath "$1" --workpath "$2" packaging/citizenship-kiosk.spec)
}

# -- 3. + 4. the package --------------------------------------------------------------------
package() {  # package DIST STAGE DEB
  local dist=$1 stage=$2 deb=$3
  rm -rf "$stage"
  mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
           "$stage/usr/lib/systemd/system" "$stage/etc/citizenship-kiosk" \
           "$stage/usr/share/doc/citizenship-kiosk"
  cp -a "$dist/citizenship-kiosk" "$stage/opt/citizenship-kiosk"
  ln -s /opt/citizenship-kiosk/citizenship-app "$stage/usr/bin/citizenship-app"
  install -m 0644 "$repo/packaging/linux/citizenship-kiosk.desktop" "$stage/usr/share/applications/"
  install -m 0644 "$repo/packaging/linux/citizenship-kiosk.service" "$stage/usr/lib/systemd/system/"
  install -m 0644 "$repo/packaging/linux/kiosk.toml.example" "$stage/etc/citizenship-kiosk/"
  install -m 0644 "$repo/packaging/linux/copyright" "$stage/usr/share/doc/citizenship-kiosk/"
  # Modes that do not depend on the builder's umask: rwX for root, rX for everyone else.
  chmod -R u=rwX,go=rX "$stage"
  local glibc size
  # (getconf, not `ldd --version | head`: with pipefail, head closing the pipe early made
  # ldd die of SIGPIPE now and then, and the build with it, exit status 141.)
  glibc=$(getconf GNU_LIBC_VERSION | awk '{print $2}')
  size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" -e "s/@GLIBC@/$glibc/" \
      "$repo/packaging/linux/control.in" > "$stage/DEBIAN/control"
  echo /etc/citizenship-kiosk/kiosk.toml.example > "$stage/DEBIAN/conffiles"
  chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/conffiles"
  find "$stage" -exec touch --no-dereference --date="@$SOURCE_DATE_EPOCH" {} +
  (cd "$stage" && find . -path ./DEBIAN -prune -o -print | sed 's|^\.||' | grep -v '^$' | sort) > "${deb%.deb}.files"
  dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
  echo "build-deb: $deb ($(du -h "$deb" | cut -f1), $(wc -l < "${deb%.deb}.files") files, ${size} KiB installed)"
}

name=citizenship-kiosk_${version}_${arch}
freeze "$build_root/dist" "$build_root/work"
package "$build_root/dist" "$build_root/stage" "$out/$name.deb"

if ((check)); then
  mkdir -p "$build_root/check"
  freeze "$build_root/check/dist" "$build_root/check/work"
  package "$build_root/check/dist" "$build_root/check/stage" "$build_root/check/$name.deb"
  if ! diff -u "$out/$name.files" "$build_root/check/$name.files"; then
    echo "build-deb: the two builds hold different files" >&2
    exit 1
  fi
  echo "build-deb: check: both builds hold the same $(wc -l < "$out/$name.files") files"
  if cmp -s "$out/$name.deb" "$build_root/check/$name.deb"; then
    echo "build-deb: check: the two .deb files are identical"
  else
    echo "build-deb: check: same files, but the .deb bytes differ (see docs/deployment.md)"
  fi
fi
