#!/usr/bin/env python3
"""Make TorchSharp's native library load on systems whose libstdc++ predates GLIBCXX_3.4.32.

libLibTorchSharp.so (TorchSharp 0.107.0) was linked with a newer GCC and therefore lists
GLIBCXX_3.4.32 among the versions it needs from libstdc++.so.6. The only symbol bound to that
version is the marker `std::ios_base_library_init`, which nothing calls at run time. On a system
whose libstdc++ stops at 3.4.30 (Debian 12) the dynamic loader refuses the whole library, and
TorchSharp reports that as a misleading TypeInitializationException.

This script marks that one version requirement weak (VER_FLG_WEAK in the vna_flags of its
Elf64_Vernaux entry in the version-needs table). For a weak requirement the loader only warns
when the version is missing. Nothing else in the file changes: same size, one 16-bit field.

The table is found the way the dynamic loader finds it: PT_DYNAMIC -> DT_VERNEED, DT_VERNEEDNUM
and DT_STRTAB, with virtual addresses mapped to file offsets through the PT_LOAD segments.

Usage:
    patch-libtorchsharp.py [--version GLIBCXX_3.4.32] [--force] FILE...

- Patches each FILE by writing a patched copy beside it and renaming it over the original, so a
  hard link to a shared copy (e.g. the NuGet cache) is never modified. Point it only at
  build-output copies.
- Idempotent: a requirement that is already weak is left alone.
- Does nothing when the system libstdc++ already provides the version (unless --force).
- Exit status: 0 on success (patched, already weak, not needed, or version not required);
  1 when a file is missing or cannot be parsed as a little-endian ELF64 shared object.
"""

import argparse
import os
import struct
import sys
import tempfile

VER_FLG_WEAK = 0x2

PT_LOAD = 1
PT_DYNAMIC = 2

DT_NULL = 0
DT_STRTAB = 5
DT_STRSZ = 10
DT_VERNEED = 0x6FFFFFFE
DT_VERNEEDNUM = 0x6FFFFFFF

SYSTEM_LIBSTDCXX_CANDIDATES = [
    "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
    "/usr/lib64/libstdc++.so.6",
    "/lib/x86_64-linux-gnu/libstdc++.so.6",
    "/usr/lib/libstdc++.so.6",
]


class ElfError(Exception):
    """The file is not an ELF64 little-endian object this script understands."""


def read_struct(data, fmt, offset, what):
    size = struct.calcsize(fmt)
    if offset < 0 or offset + size > len(data):
        raise ElfError(f"truncated: {what} at offset {offset:#x} runs past the end of the file ({len(data)} bytes)")
    return struct.unpack_from(fmt, data, offset)


def read_cstring(data, offset, what):
    if offset < 0 or offset >= len(data):
        raise ElfError(f"{what} string offset {offset:#x} is outside the file")
    end = data.find(b"\0", offset)
    if end < 0:
        raise ElfError(f"{what} string at {offset:#x} is not NUL-terminated")
    return data[offset:end].decode("ascii", errors="replace")


def load_segments(data):
    """Returns (PT_LOAD segments as (vaddr, offset, filesz), the PT_DYNAMIC segment as (offset, filesz))."""
    if len(data) < 64 or data[:4] != b"\x7fELF":
        raise ElfError("not an ELF file (bad magic)")
    if data[4] != 2:
        raise ElfError("not a 64-bit ELF file (EI_CLASS is not ELFCLASS64)")
    if data[5] != 1:
        raise ElfError("not a little-endian ELF file (EI_DATA is not ELFDATA2LSB)")
    (e_phoff,) = read_struct(data, "<Q", 0x20, "e_phoff")
    e_phentsize, e_phnum = read_struct(data, "<HH", 0x36, "e_phentsize/e_phnum")
    if e_phentsize != 56 or e_phnum == 0:
        raise ElfError(f"unexpected program header table (entry size {e_phentsize}, count {e_phnum})")

    loads, dynamic = [], None
    for i in range(e_phnum):
        p_type, _flags, p_offset, p_vaddr, _paddr, p_filesz = read_struct(
            data, "<IIQQQQ", e_phoff + i * e_phentsize, f"program header {i}")
        if p_type == PT_LOAD:
            loads.append((p_vaddr, p_offset, p_filesz))
        elif p_type == PT_DYNAMIC:
            dynamic = (p_offset, p_filesz)
    if dynamic is None:
        raise ElfError("no PT_DYNAMIC segment: not a dynamically linked object")
    return loads, dynamic


def vaddr_to_offset(loads, vaddr, what):
    for seg_vaddr, seg_offset, seg_filesz in loads:
        if seg_vaddr <= vaddr < seg_vaddr + seg_filesz:
            return seg_offset + (vaddr - seg_vaddr)
    raise ElfError(f"{what} address {vaddr:#x} is not inside any PT_LOAD segment")


def read_dynamic(data, dynamic):
    offset, size = dynamic
    tags = {}
    for entry in range(offset, offset + size, 16):
        d_tag, d_val = read_struct(data, "<qQ", entry, ".dynamic entry")
        if d_tag == DT_NULL:
            break
        tags.setdefault(d_tag, d_val)
    return tags


def find_version_need(data, version):
    """Returns (file offset of vna_flags, needed library, vna_flags) for each requirement of `version`."""
    loads, dynamic = load_segments(data)
    tags = read_dynamic(data, dynamic)
    if DT_VERNEED not in tags:
        return []
    for tag, name in ((DT_VERNEEDNUM, "DT_VERNEEDNUM"), (DT_STRTAB, "DT_STRTAB")):
        if tag not in tags:
            raise ElfError(f".dynamic has DT_VERNEED but no {name}")
    strtab = vaddr_to_offset(loads, tags[DT_STRTAB], "DT_STRTAB")
    strsz = tags.get(DT_STRSZ, len(data) - strtab)

    def string(index, what):
        if index >= strsz:
            raise ElfError(f"{what} name index {index:#x} is outside the dynamic string table")
        return read_cstring(data, strtab + index, what)

    matches = []
    verneed = vaddr_to_offset(loads, tags[DT_VERNEED], "DT_VERNEED")
    for _ in range(tags[DT_VERNEEDNUM]):
        vn_version, vn_cnt, vn_file, vn_aux, vn_next = read_struct(data, "<HHIII", verneed, "Elf64_Verneed")
        if vn_version != 1:
            raise ElfError(f"unknown Elf64_Verneed version {vn_version} at {verneed:#x}")
        library = string(vn_file, "needed library")
        aux = verneed + vn_aux
        for _ in range(vn_cnt):
            _hash, vna_flags, _other, vna_name, vna_next = read_struct(data, "<IHHII", aux, "Elf64_Vernaux")
            name = string(vna_name, "version")
            if name == version:
                matches.append((aux + 4, library, vna_flags))
            if vna_next == 0:
                break
            aux += vna_next
        if vn_next == 0:
            break
        verneed += vn_next
    return matches


def system_provides(version, libstdcxx):
    """True when the system libstdc++ defines `version` (the same test as `strings libstdc++.so.6 | grep`)."""
    paths = [libstdcxx] if libstdcxx else SYSTEM_LIBSTDCXX_CANDIDATES
    for path in paths:
        if os.path.isfile(path):
            with open(path, "rb") as f:
                return (version.encode("ascii") + b"\0") in f.read(), path
    return False, None


def patch_file(path, version):
    with open(path, "rb") as f:
        data = bytearray(f.read())
    matches = find_version_need(data, version)
    if not matches:
        print(f"{path}: does not require {version}; nothing to do")
        return
    todo = [(offset, library, flags) for offset, library, flags in matches if not flags & VER_FLG_WEAK]
    if not todo:
        print(f"{path}: {version} requirement is already weak; nothing to do")
        return
    for offset, library, flags in todo:
        struct.pack_into("<H", data, offset, flags | VER_FLG_WEAK)
        print(f"{path}: marked {version} (from {library}) weak: vna_flags at {offset:#x} {flags:#x} -> {flags | VER_FLG_WEAK:#x}")

    # Copy-then-rename: never write into the original inode, which may be shared.
    directory = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    fd, temp = tempfile.mkstemp(prefix=".patch-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", metavar="FILE", help="build-output copies of libLibTorchSharp.so")
    parser.add_argument("--version", default="GLIBCXX_3.4.32", help="version requirement to make weak")
    parser.add_argument("--force", action="store_true", help="patch even if the system libstdc++ provides the version")
    parser.add_argument("--system-libstdcxx", metavar="PATH", help="libstdc++ to check instead of the usual locations")
    args = parser.parse_args(argv)

    if not args.force:
        provided, where = system_provides(args.version, args.system_libstdcxx)
        if provided:
            print(f"{where} provides {args.version}; the library loads as shipped, nothing to patch")
            return 0

    failed = False
    for path in args.files:
        try:
            if not os.path.isfile(path):
                raise ElfError("file not found")
            patch_file(path, args.version)
        except (ElfError, OSError) as e:
            print(f"error: {path}: cannot patch: {e}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
