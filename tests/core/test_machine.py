"""numpy's AVX-512 sort is turned off on AMD Zen 4 only, and its huge page advice everywhere, before numpy is imported
and never over a setting."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from service.config import PROJECT_ROOT
from service.machine import AVX512, HUGE_PAGES, SETTING, prefer_avx2_sort, slow_avx512_sort, small_pages

FLAGS = "fpu sse2 avx avx2 bmi2"


def cpuinfo(vendor: str, family: int, flags: str) -> str:
    one = f"processor\t: 0\nvendor_id\t: {vendor}\ncpu family\t: {family}\nmodel\t\t: 17\nflags\t\t: {flags}\n"
    return one + "\n" + one.replace(": 0", ": 1", 1)


def test_only_zen4_has_the_slow_sort() -> None:
    assert slow_avx512_sort(cpuinfo("AuthenticAMD", 25, FLAGS + " avx512f avx512dq"))  # Zen 4
    assert not slow_avx512_sort(cpuinfo("AuthenticAMD", 25, FLAGS))  # Zen 3: no AVX-512
    assert not slow_avx512_sort(cpuinfo("AuthenticAMD", 26, FLAGS + " avx512f"))  # Zen 5
    assert not slow_avx512_sort(cpuinfo("GenuineIntel", 6, FLAGS + " avx512f"))
    assert not slow_avx512_sort("")


def test_the_setting_is_made_on_zen4_only_and_never_overridden(tmp_path: Path) -> None:
    zen4, intel = tmp_path / "zen4", tmp_path / "intel"
    zen4.write_text(cpuinfo("AuthenticAMD", 25, FLAGS + " avx512f"))
    intel.write_text(cpuinfo("GenuineIntel", 6, FLAGS + " avx512f"))
    environ: dict[str, str] = {}
    assert prefer_avx2_sort(environ, zen4, loaded=()) and environ == {SETTING: AVX512}
    environ = {SETTING: "AVX2"}  # the operator's own choice stays
    assert not prefer_avx2_sort(environ, zen4, loaded=()) and environ == {SETTING: "AVX2"}
    environ = {}
    assert not prefer_avx2_sort(environ, intel, loaded=()) and environ == {}
    assert not prefer_avx2_sort(environ, zen4, loaded=("numpy",)) and environ == {}  # too late to matter
    assert not prefer_avx2_sort(environ, tmp_path / "missing", loaded=()) and environ == {}


def test_huge_page_advice_is_turned_off_unless_set_or_too_late() -> None:
    environ: dict[str, str] = {}
    assert small_pages(environ, loaded=()) and environ == {HUGE_PAGES: "0"}
    environ = {HUGE_PAGES: "1"}
    assert not small_pages(environ, loaded=()) and environ == {HUGE_PAGES: "1"}
    environ = {}
    assert not small_pages(environ, loaded=("numpy",)) and environ == {}


def test_importing_the_service_sets_numpy_up_on_this_machine() -> None:
    probe = ("import json, os, service, numpy\n"
             "from numpy._core._multiarray_umath import __cpu_features__ as features\n"
             "from numpy._core.multiarray import _get_madvise_hugepage as huge\n"
             f"print(json.dumps([os.environ.get('{SETTING}'), features.get('X86_V4', False), huge()]))")
    environ = {name: value for name, value in os.environ.items() if name not in (SETTING, HUGE_PAGES)}
    answer = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, env=environ, capture_output=True,
                            text=True, check=True)
    zen4 = slow_avx512_sort(Path("/proc/cpuinfo").read_text()) if Path("/proc/cpuinfo").exists() else False
    setting, avx512_on, huge_pages = json.loads(answer.stdout)
    assert setting == (AVX512 if zen4 else None)
    assert huge_pages is False
    if zen4:
        assert avx512_on is False
