#!/usr/bin/env python3
"""Regenerates the drbdmeta golden transcripts from Debian's drbd-utils 9.22 drbdmeta.

Usage: metadata/golden/regen.sh [SCENARIO...]   (writes drbdadm/src/test/resources/meta/*.txt)

Each scenario in scenarios.txt runs on a fresh sparse image. For every step the transcript
records the exit code, stdout, stderr (without the ioctl noise drbdmeta prints for regular files)
and a checksum of the meta data region, so jdrbd's test can replay the same steps and compare.
"""
import hashlib, os, re, struct, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "drbdadm", "src", "test", "resources", "meta")
DUMPS = os.path.join(OUT, "dumps")
DRBDMETA = os.environ.get("DRBDMETA", "/usr/sbin/drbdmeta")
# drbdmeta 9.22 keeps its last-known backing device files here (not configurable).
LIB = "/var/lib/drbd"
WINDOW = 8 << 20
SLOT = 128 << 20


def scenarios():
    result = []
    cur = None
    for line in open(os.path.join(HERE, "scenarios.txt")):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("scenario "):
            _, name, size = line.split()
            cur = (name, int(size), [])
            result.append(cur)
        else:
            cur[2].append(line)
    return result


def md_checksum(path):
    """sha256 over (offset, block) of every non-zero 4 KiB block in the windows meta data can use
    (first and last 8 MiB of the image as it is now, and the second indexed slot)."""
    size = os.path.getsize(path)
    windows = [(0, min(size, WINDOW)), (max(0, size - WINDOW), size)]
    if size > SLOT:
        windows.append((SLOT, min(size, SLOT + WINDOW)))
    seen = set()
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for start, end in sorted(windows):
            off = start - start % 4096
            while off < end:
                if off not in seen:
                    seen.add(off)
                    f.seek(off)
                    b = f.read(4096)
                    if b.strip(b"\0"):
                        h.update(b"%d:" % off)
                        h.update(b)
                off += 4096
    return h.hexdigest()


def paths(text, img):
    """Absolute paths back to the scenario tokens: IMG, TMP/ (scratch dir), DUMPS/ (fixtures),
    LIB/ (drbdmeta's state directory)."""
    return (text.replace(img, "IMG").replace(os.path.dirname(img) + "/", "TMP/")
            .replace(DUMPS + "/", "DUMPS/").replace(LIB + "/", "LIB/"))


def expand(arg, img):
    return (arg.replace("IMG", img).replace("TMP/", os.path.dirname(img) + "/")
            .replace("DUMPS/", DUMPS + "/"))


def normalize_out(text, img):
    text = paths(text, img)
    lines = text.split("\n")
    if len(lines) > 3 and lines[0] == "# DRBD meta data dump":
        lines[1] = "# <timestamp>"
        lines[2] = re.sub(r"^# [^>]*> ", "# <host>> ", lines[2])
    return "\n".join(lines)


def normalize_err(text, img):
    keep = [l for l in text.split("\n")
            if not l.startswith("ioctl(") and not l.endswith(" using pwrite")]
    return paths("\n".join(keep), img)


def crc32c(data):
    """Linux crc32c(0, data): reflected Castagnoli, init 0, no final xor."""
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    crc = 0
    for x in data:
        crc = table[(crc ^ x) & 0xFF] ^ (crc >> 8)
    return crc


def al_block(tr, updates, ctx_size, ctx_start, ctx):
    """One AL_TR_UPDATE block as the kernel writes it (big-endian, unused slots marked)."""
    b = bytearray(4096)
    struct.pack_into(">IIIHHHH", b, 0, 0x69CB65A2, tr & 0xFFFFFFFF, 0, 0, len(updates),
                     ctx_size, ctx_start)
    for i in range(64):
        slot, ext = updates[i] if i < len(updates) else (0xFFFF, 0xFFFFFFFF)
        struct.pack_into(">H", b, 36 + 2 * i, slot)
        struct.pack_into(">I", b, 164 + 4 * i, ext)
    for i in range(919):
        struct.pack_into(">I", b, 420 + 4 * i, ctx[i] if i < len(ctx) else 0xFFFFFFFF)
    struct.pack_into(">I", b, 8, crc32c(bytes(b)))
    return bytes(b)


def unpct(s):
    """%HH escapes (for spaces, newlines and control characters in step arguments)."""
    return re.sub(rb"%([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), s.encode("latin-1"))


def lkbd_file(minor):
    return os.path.join(LIB, "drbd-minor-%s.lkbd" % minor)


def lkbd_minors(steps):
    """Minors whose last-known device files a scenario looks at (cleared before it starts)."""
    return sorted({s.split()[1] for s in steps if s.lstrip("!").startswith("@lkbd")})


def mutate(words, img):
    """'@mutate TMP/OUT DUMPS/BASE OP ARG...': OP is 'replace FROM TO' (first occurrence),
    'replace-all FROM TO', 'truncate N' (first N bytes), 'append TEXT' or 'delete-line N'
    (1-based); %HH escapes; a missing TO means empty."""
    with open(expand(words[2], img), "rb") as f:
        data = f.read()
    op = words[3]
    if op == "replace":
        old, new = unpct(words[4]), unpct(words[5]) if len(words) > 5 else b""
        assert old in data, "mutation source not found: %r" % old
        data = data.replace(old, new, 1)
    elif op == "replace-all":
        data = data.replace(unpct(words[4]), unpct(words[5]) if len(words) > 5 else b"")
    elif op == "truncate":
        data = data[:int(words[4])]
    elif op == "append":
        data = data + unpct(words[4])
    elif op == "delete-line":
        lines = data.split(b"\n")
        del lines[int(words[4]) - 1]
        data = b"\n".join(lines)
    else:
        raise ValueError("unknown mutation " + op)
    with open(expand(words[1], img), "wb") as f:
        f.write(data)


def special(step, img, last_stdout):
    """'@poke OFF HEX' writes raw bytes; '@al OFF STRIPES STRIPE4K TR:UPD:CTX:CSIZE:CSTART...'
    writes AL update transactions (UPD 'slot=ext,...', CTX 'ext,...' with f = free);
    '@save TMP/NAME' stores the previous step's stdout (a dump) for a later restore-md;
    '@grow BYTES' resizes the image; '@lkbd MINOR' shows the minor's last-known device file
    (its stdout), '@lkbd-set MINOR TEXT' writes it (%HH escapes), '@lkbd-rm MINOR' removes it;
    '@mutate ...' writes a changed copy of a dump (see mutate). Returns the step's stdout."""
    words = step.split()
    if words[0] == "@save":
        with open(expand(words[1], img), "w") as f:
            f.write(last_stdout)
        return ""
    if words[0] == "@grow":
        os.truncate(img, int(words[1]))
        return ""
    if words[0] == "@lkbd":
        if not os.path.exists(lkbd_file(words[1])):
            return "(none)\n"
        with open(lkbd_file(words[1]), encoding="latin-1") as f:
            return paths(f.read(), img)
    if words[0] == "@lkbd-set":
        with open(lkbd_file(words[1]), "wb") as f:
            f.write(unpct(words[2]))
        return ""
    if words[0] == "@lkbd-rm":
        if os.path.exists(lkbd_file(words[1])):
            os.remove(lkbd_file(words[1]))
        return ""
    if words[0] == "@mutate":
        mutate(words, img)
        return ""
    with open(img, "r+b") as f:
        if words[0] == "@poke":
            f.seek(int(words[1]))
            f.write(bytes.fromhex(words[2]))
            return ""
        off, stripes, stripe4k = int(words[1]), int(words[2]), int(words[3])
        size4k = stripes * stripe4k
        for spec in words[4:]:
            tr, upd, ctx, csize, cstart = spec.split(":")
            tr = int(tr)
            updates = [tuple(int(v) for v in u.split("=")) for u in upd.split(",") if u]
            ctx = [0xFFFFFFFF if c == "f" else int(c) for c in ctx.split(",") if c]
            i = (tr & 0xFFFFFFFF) % size4k
            index = (i % stripes) * stripe4k + i // stripes
            f.seek(off + 4096 * index)
            f.write(al_block(tr, updates, int(csize), int(cstart), ctx))
    return ""


def run(name, size, steps):
    out = ["### scenario %s %d" % (name, size)]
    with tempfile.TemporaryDirectory() as d:
        img = os.path.join(d, "md.img")
        with open(img, "wb") as f:
            f.truncate(size)
        last_stdout = ""
        for minor in lkbd_minors(steps):
            if os.path.exists(lkbd_file(minor)):
                os.remove(lkbd_file(minor))
        for step in steps:
            if step.lstrip("!").startswith("@"):
                shown = special(step.lstrip("!"), img, last_stdout)
                out.append("### step " + step)
                out.append("### rc 0\n### stdout\n" + shown + "### end\n### stderr\n### end")
                if not step.startswith("!"):
                    out.append("### md-sha256 " + md_checksum(img))
                continue
            no_sum = step.startswith("!")
            args = step[1:] if no_sum else step
            argv = [expand(a, img) for a in args.split()]
            p = subprocess.run([DRBDMETA] + argv, capture_output=True, text=True,
                               stdin=subprocess.DEVNULL)
            last_stdout = p.stdout
            out.append("### step " + step)
            out.append("### rc %d" % p.returncode)
            out.append("### stdout")
            out.append(normalize_out(p.stdout, img) + "### end")
            out.append("### stderr")
            out.append(normalize_err(p.stderr, img) + "### end")
            if not no_sum:
                out.append("### md-sha256 " + md_checksum(img))
    return "\n".join(out) + "\n"


def main():
    """Regenerates every scenario, or only those named on the command line."""
    os.makedirs(OUT, exist_ok=True)
    wanted = set(sys.argv[1:])
    names = []
    for name, size, steps in scenarios():
        names.append(name)
        if wanted and name not in wanted:
            continue
        with open(os.path.join(OUT, name + ".txt"), "w") as f:
            f.write(run(name, size, steps))
    with open(os.path.join(OUT, "index.txt"), "w") as f:
        f.write("\n".join(names) + "\n")
    print("wrote %d transcripts to %s" % (len(names), OUT))


if __name__ == "__main__":
    sys.exit(main())
