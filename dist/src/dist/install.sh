#!/bin/sh
# install.sh: installs this unpacked jdrbd distribution.
#
#   install.sh [--prefix DIR] [--force] [--sysconfdir DIR] [--systemd-dir DIR] [--ocf-dir DIR]
#
# Into PREFIX (default /usr/local):
#   PREFIX/lib/jdrbd/            the jdrbd home: bin/ (launchers), lib/ (jars), cds/ (AppCDS
#                                archives of the CLIs), the handler scripts, README.dist
#   PREFIX/sbin/                 jdrbdd, drbdadm, drbdsetup, drbdmeta (links into the home)
#   PREFIX/lib/systemd/system/   jdrbdd.service, drbd@.service        (--systemd-dir)
#   PREFIX/lib/ocf/resource.d/jdrbd/   the Pacemaker agent ocf:jdrbd:drbd   (--ocf-dir)
#   PREFIX/share/man/man8/       a man page per command, made from its usage screen
#   SYSCONFDIR/drbd.conf, SYSCONFDIR/drbd.d/   /etc for the prefixes /usr and /usr/local,
#                                else PREFIX/etc (--sysconfdir)
#
# drbd-utils is left alone: when a drbdadm, drbdsetup or drbdmeta that is not jdrbd's sits where
# a launcher would go, or is on PATH while PREFIX/sbin is on PATH too (one would hide the other),
# nothing is installed and the file is named (exit 1), unless --force. An existing drbd.conf or
# drbd.d/global_common.conf is never overwritten, --force or not.
#
# Exit codes: 0 installed, 1 refused (drbd-utils found) or failed, 2 bad arguments.
set -eu

usage() {
    echo "usage: install.sh [--prefix DIR] [--force] [--sysconfdir DIR] [--systemd-dir DIR] [--ocf-dir DIR]"
}

prefix=/usr/local
force=no
sysconfdir=
unitdir=
ocfdir=
while [ $# -gt 0 ]; do
    case $1 in
    --prefix) [ $# -ge 2 ] || { usage >&2; exit 2; }; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#*=}; shift ;;
    --sysconfdir) [ $# -ge 2 ] || { usage >&2; exit 2; }; sysconfdir=$2; shift 2 ;;
    --sysconfdir=*) sysconfdir=${1#*=}; shift ;;
    --systemd-dir) [ $# -ge 2 ] || { usage >&2; exit 2; }; unitdir=$2; shift 2 ;;
    --systemd-dir=*) unitdir=${1#*=}; shift ;;
    --ocf-dir) [ $# -ge 2 ] || { usage >&2; exit 2; }; ocfdir=$2; shift 2 ;;
    --ocf-dir=*) ocfdir=${1#*=}; shift ;;
    --force) force=yes; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
case $prefix in
/*) ;;
*) echo "install.sh: --prefix needs an absolute path, not '$prefix'" >&2; exit 2 ;;
esac
prefix=${prefix%/}
[ -n "$prefix" ] || prefix=/

src=$(cd "$(dirname "$0")" && pwd)
home=$prefix/lib/jdrbd
sbin=$prefix/sbin
case $prefix in
/usr|/usr/local) : "${sysconfdir:=/etc}" ;;
*) : "${sysconfdir:=$prefix/etc}" ;;
esac
: "${unitdir:=$prefix/lib/systemd/system}"
: "${ocfdir:=$prefix/lib/ocf/resource.d/jdrbd}"
tools="jdrbdd drbdadm drbdsetup drbdmeta"

if [ ! -f "$src/bin/jdrbd-launch" ] || ! ls "$src"/lib/jdrbd-drbdadm-*.jar >/dev/null 2>&1; then
    echo "install.sh: $src is not an unpacked jdrbd distribution (no bin/jdrbd-launch, lib/)" >&2
    exit 1
fi

# is_jdrbd FILE: true when FILE (after symlinks) is one of jdrbd's launchers.
is_jdrbd() {
    real=$(readlink -f "$1" 2>/dev/null) || return 1
    head -c 4096 "$real" 2>/dev/null | grep -q 'jdrbd-launch'
}

# on_path DIR: true when DIR is one of PATH's entries.
on_path() {
    case ":$PATH:" in
    *":$1:"*) return 0 ;;
    esac
    return 1
}

# Refuse to overwrite or hide drbd-utils (or anything else that is not jdrbd's).
conflicts=
for t in drbdadm drbdsetup drbdmeta; do
    if [ -e "$sbin/$t" ] || [ -L "$sbin/$t" ]; then
        if ! is_jdrbd "$sbin/$t"; then
            conflicts="$conflicts
  $sbin/$t exists and is not jdrbd's: installing would overwrite it"
        fi
    fi
    if on_path "$sbin"; then
        # Every PATH entry, not only the first hit: a jdrbd already installed in front would
        # otherwise hide a drbd-utils further down.
        old_ifs=$IFS
        IFS=:
        for d in $PATH; do
            IFS=$old_ifs
            found=$d/$t
            case $d in
            /*) ;;
            *) continue ;;
            esac
            if [ "$d" != "$sbin" ] && [ -f "$found" ] && [ -x "$found" ] && ! is_jdrbd "$found"; then
                conflicts="$conflicts
  $found is on PATH and is not jdrbd's: $sbin/$t would compete with it"
            fi
        done
        IFS=$old_ifs
    fi
done
if [ -n "$conflicts" ]; then
    if [ "$force" = yes ]; then
        echo "install.sh: --force: installing over/beside:$conflicts" >&2
    else
        echo "install.sh: refusing to install, drbd-utils (or another DRBD tool) is present:$conflicts" >&2
        echo "install.sh: choose a --prefix whose sbin/ is not on PATH and holds no DRBD tools, or use --force" >&2
        exit 1
    fi
fi

# The home is replaced as a whole so no old jar stays on a class path; only a home that an
# earlier install.sh made (it has .jdrbd-home) may be removed.
if [ -e "$home" ] && [ ! -f "$home/.jdrbd-home" ]; then
    if [ -n "$(ls -A "$home" 2>/dev/null)" ]; then
        echo "install.sh: $home exists and was not made by install.sh; not touching it" >&2
        exit 1
    fi
fi
rm -rf "$home"
mkdir -p "$home" "$sbin" "$unitdir" "$ocfdir" "$sysconfdir/drbd.d"
cp -R "$src/bin" "$src/lib" "$home/"
cp "$src/handlers/scripts/"*.sh "$home/"
cp "$src/README.dist" "$home/" 2>/dev/null || true
mkdir -p "$home/cds"
: >"$home/.jdrbd-home"

# subst FILE DEST: FILE with the install paths filled in.
subst() {
    sed -e "s|@SBINDIR@|$sbin|g" -e "s|@SYSCONFDIR@|$sysconfdir|g" \
        -e "s|@HOMEDIR@|$home|g" -e "s|@HANDLERDIR@|$home|g" "$1" >"$2"
}

for t in $tools; do
    rm -f "$sbin/$t"
    ln -s "$home/bin/$t" "$sbin/$t"
done
for u in jdrbdd.service drbd@.service; do
    subst "$src/systemd/$u" "$unitdir/$u"
    chmod 644 "$unitdir/$u"
done
for f in drbd drbd-status.sh drbd-meta-data.sh; do
    cp "$src/handlers/ocf/$f" "$ocfdir/$f"
    chmod 755 "$ocfdir/$f"
done

for f in drbd.conf drbd.d/global_common.conf; do
    if [ -e "$sysconfdir/$f" ]; then
        echo "install.sh: kept the existing $sysconfdir/$f" >&2
    else
        subst "$src/etc/$f" "$sysconfdir/$f"
        chmod 644 "$sysconfdir/$f"
    fi
done
subst "$src/etc/drbd.d/r0.res.disabled" "$sysconfdir/drbd.d/r0.res.disabled"

# The CLIs' AppCDS archives: one harmless run of each writes its archive (jdrbd-launch).
# Failures only cost start-up time later, so they do not fail the install.
train=$(mktemp -d)
trap 'rm -rf "$train"' EXIT
dd if=/dev/zero of="$train/disk.img" bs=1024 count=1024 2>/dev/null || true
JDRBD_CONTROL_SOCKET=$train/none.sock JDRBD_LIB_DIR=$train \
    "$sbin/drbdadm" -c "$src/etc/drbd.conf" dump all >/dev/null 2>&1 || true
JDRBD_CONTROL_SOCKET=$train/none.sock "$sbin/drbdsetup" status >/dev/null 2>&1 || true
JDRBD_LIB_DIR=$train "$sbin/drbdmeta" --force 0 v09 "$train/disk.img" internal dump-md \
    >/dev/null 2>&1 || true

# Man pages made from each command's own usage screen, so they never disagree with it. One
# that exists and is not jdrbd's (drbd-utils' under --prefix /usr) is left alone.
mandir=$prefix/share/man/man8
mkdir -p "$mandir"
for t in $tools; do
    page=$mandir/$t.8
    if [ -e "$page" ] && ! grep -q 'jdrbd' "$page" 2>/dev/null; then
        echo "install.sh: kept the existing $page" >&2
        continue
    fi
    case $t in
    jdrbdd) what='the jdrbd daemon: DRBD resources of this node, served over NBD' ;;
    drbdadm) what='administer DRBD resources from drbd.conf (jdrbd)' ;;
    drbdsetup) what='configure the resources of jdrbdd (jdrbd)' ;;
    drbdmeta) what='read and write DRBD meta data (jdrbd)' ;;
    esac
    upper=$(echo "$t" | tr '[:lower:]' '[:upper:]')
    {
        printf '.TH %s 8 "" "jdrbd" "jdrbd"\n.SH NAME\n%s \\- %s\n' "$upper" "$t" "$what"
        printf '.SH DESCRIPTION\nThe usage screen of \\fB%s --help\\fR:\n.PP\n.nf\n' "$t"
        JDRBD_CONTROL_SOCKET=$train/none.sock JDRBD_LIB_DIR=$train "$sbin/$t" --help 2>/dev/null \
            | sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/" || true
        printf '.fi\n.SH FILES\n%s/drbd.conf, %s/drbd.d/\n' "$sysconfdir" "$sysconfdir"
        printf '.SH SEE ALSO\n%s/README.dist\n' "$home"
    } >"$page"
    chmod 644 "$page"
done

echo "installed jdrbd into $home"
echo "  commands:      $sbin/{jdrbdd,drbdadm,drbdsetup,drbdmeta}"
echo "  configuration: $sysconfdir/drbd.conf, $sysconfdir/drbd.d/"
echo "  systemd units: $unitdir/jdrbdd.service, $unitdir/drbd@.service"
echo "  Pacemaker:     $ocfdir/drbd (ocf:jdrbd:drbd)"
echo "  man pages:     $mandir/{jdrbdd,drbdadm,drbdsetup,drbdmeta}.8"
if ! on_path "$sbin"; then
    echo "note: $sbin is not on PATH"
fi
