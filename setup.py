"""Builds gilsim's Python module with the project's own CMake build.

`pip install --no-build-isolation .` (docs/python.md): setuptools calls
CMakeBuild, which configures the repository with the interpreter pip runs
under and builds only the module's target; one build description serves the
CLI, the tests and this package.
"""

import os
import pathlib
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).parent.resolve()


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build = pathlib.Path(self.build_temp).resolve() / "cmake"
        subprocess.run(["cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
                        "-DGILSIM_BUILD_PYTHON=ON", "-DGILSIM_BUILD_TESTS=OFF",
                        "-DGILSIM_BUILD_BENCH=OFF", f"-DPython_EXECUTABLE={sys.executable}"],
                       check=True)
        jobs = str(os.cpu_count() or 2)
        subprocess.run(["cmake", "--build", str(build), "--target", "gilsim_python", "-j", jobs],
                       check=True)
        built = build / "python" / "gilsim" / pathlib.Path(self.get_ext_filename("_core")).name
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)


setup(
    packages=["gilsim"],
    package_dir={"gilsim": "sim/python/gilsim"},
    ext_modules=[Extension("gilsim._core", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
)
