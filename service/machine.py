"""numpy set up for the machine before it is first imported (this package imports this module first); an operator's
own setting of either variable always stays.

- numpy's sort on AMD Zen 4 (CPU family 25 with AVX-512): numpy takes its AVX-512 sort there, whose compress-store
  Zen 4 runs in microcode, and sorts about four times slower than with its AVX2 sort (x86-simd-sort issue #6; numpy
  pull request #32690). On such a CPU numpy's AVX-512 paths are turned off (NPY_DISABLE_CPU_FEATURES). On this
  machine, sorting 300,000 uint64 takes 13 ms with the AVX-512 sort and 3 ms with the AVX2 one; building the search
  index at 100,000 entries sorts about 600 such chunks.
- Huge pages: numpy advises the kernel to back every array of 4 MB or more with transparent huge pages. The index
  build makes such arrays for each chunk of entries and drops them again; each fault of a new huge page clears 2 MB,
  and in a virtual machine that hands free memory back to its host (virtio-balloon free page reporting, as here) it
  first fetches it from the host, where small pages are reused from the process's own recent frees. With the advice
  off (NUMPY_MADVISE_HUGEPAGE=0) the build at 100,000 entries takes 8.6-8.8 s instead of 9.5-10.0 s (system time
  0.5 instead of 1.2-1.5 s); queries read the postings with small pages, p95 at 10,000 entries 1.72 instead of 1.64
  ms (within the noise of the run), at 100,000 6.7 instead of 6.3 ms."""

from __future__ import annotations

import os
import sys
from collections.abc import Container, MutableMapping
from pathlib import Path

SETTING = "NPY_DISABLE_CPU_FEATURES"
AVX512 = "X86_V4"  # numpy's group of the AVX-512 features (the ICL and SPR groups build on it)
HUGE_PAGES = "NUMPY_MADVISE_HUGEPAGE"
ZEN4_FAMILY = 25  # 19h: Zen 3 (no AVX-512) and Zen 4; Zen 5 is 1Ah and runs the compress-store fast


def slow_avx512_sort(cpuinfo: str) -> bool:
    """Whether /proc/cpuinfo's text describes an AMD Zen 4 CPU (family 19h with AVX-512)."""
    fields: dict[str, str] = {}
    for line in cpuinfo.splitlines():
        if not line.strip():
            break  # the first processor is enough
        name, _, value = line.partition(":")
        fields[name.strip()] = value.strip()
    return (fields.get("vendor_id") == "AuthenticAMD" and fields.get("cpu family") == str(ZEN4_FAMILY)
            and "avx512f" in fields.get("flags", "").split())


def prefer_avx2_sort(environ: MutableMapping[str, str] = os.environ, cpuinfo: Path = Path("/proc/cpuinfo"),
                     loaded: Container[str] = sys.modules) -> bool:
    """Turn numpy's AVX-512 paths off on Zen 4 (see above), unless numpy is `loaded` already; True when it did."""
    if SETTING in environ or "numpy" in loaded:
        return False
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if not slow_avx512_sort(text):
        return False
    environ[SETTING] = AVX512
    return True


def small_pages(environ: MutableMapping[str, str] = os.environ, loaded: Container[str] = sys.modules) -> bool:
    """Turn numpy's huge page advice off (see above), unless numpy is `loaded` already or the setting is made; True
    when it did."""
    if HUGE_PAGES in environ or "numpy" in loaded:
        return False
    environ[HUGE_PAGES] = "0"
    return True


prefer_avx2_sort()
small_pages()
