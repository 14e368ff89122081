"""The command line loads numpy with one OpenBLAS thread, unless the user chose a number."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

VARIABLES = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")
PROBE = ("import os, sys; from askbot import cli; cli._single_blas_thread(); "
         "print(len(os.listdir('/proc/self/task')), 'numpy' in sys.modules, os.environ.get('OPENBLAS_NUM_THREADS'))")


def _probe(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    done = subprocess.run([sys.executable, "-c", PROBE], env={**clean, **env}, capture_output=True, text=True,
                          check=True, timeout=60)
    return done.stdout.strip()


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc")
def test_numpy_is_loaded_with_one_blas_thread_and_the_environment_left_as_it_was():
    assert _probe() == "1 True None"


@pytest.mark.parametrize("name", ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"])
def test_a_number_the_user_chose_is_left_alone(name):
    _, loaded, variable = _probe(**{name: "2"}).split()
    assert (loaded, variable) == ("False", "2" if name == "OPENBLAS_NUM_THREADS" else "None")
