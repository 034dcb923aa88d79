"""Scenario 1: a command-line program written in Python, run as a wasi:cli/command component.

The first argument picks what it does, so that one component answers every question the test
asks about run time (arguments, environment, exit status, randomness, files, late imports):

  (none) / words   greet, print the arguments, the environment and two random values
  exit N           sys.exit(N): the component exits with status N
  import MODULE    import a module that was not imported at build time
  read PATH        print a file's text
  feature NAME     try one Python feature (FEATURES) and print what happened
"""

import importlib
import os
import random
import sys

from wit_world import exports

# Evaluated once, at build time (the snapshot keeps the result): what the build saw.
BUILD_TIME_ARGV = list(sys.argv)
BUILD_TIME_ENV = sorted(os.environ)


# What docs/python-features.md claims about Python features inside a component, one snippet each;
# `result` is printed when the snippet succeeds. Run with the standard library preopened at
# /python, so that importing is not what fails.
FEATURES = {
    "threading": "import threading\nt = threading.Thread(target=print)\nt.start()",
    "subprocess": "import subprocess\nsubprocess.run(['true'])",
    "os.fork": "os.fork()",
    "multiprocessing": "import multiprocessing\nmultiprocessing.Pool(2)",
    "socket": "import socket\nsocket.create_connection(('127.0.0.1', 80), timeout=1)",
    "urllib": "import urllib.request\nurllib.request.urlopen('http://example.com', timeout=1)",
    "ctypes": "import ctypes",
    "ssl": "import ssl",
    "bz2": "import bz2",
    "lzma": "import lzma",
    "signal.alarm": "import signal\nsignal.alarm(1)",
    "zoneinfo": "import zoneinfo\nresult = zoneinfo.ZoneInfo('Europe/Paris')",
    "sqlite3": "import sqlite3\nresult = sqlite3.connect(':memory:').execute('select 6*7').fetchone()[0]",
    "asyncio": "import asyncio\nasync def main():\n    await asyncio.sleep(0.01)\n    return 'done'\nresult = asyncio.run(main())",
    "time.sleep": "import time\nstart = time.monotonic()\ntime.sleep(0.05)\nresult = time.monotonic() - start >= 0.05",
    "uuid4": "import uuid\nresult = uuid.uuid4().version",
    "tempfile": "import tempfile\nresult = tempfile.gettempdir()",
}


class Run(exports.Run):
    def run(self):
        args = sys.argv[1:]
        action = args[0] if args else ""
        if action == "exit":
            print(f"exiting with status {args[1]}")
            sys.exit(int(args[1]))
        if action == "import":
            try:
                module = importlib.import_module(args[1])
                print(f"import {args[1]}: ok from {getattr(module, '__file__', 'built-in')}")
            except Exception as e:
                print(f"import {args[1]}: {type(e).__name__}: {e}")
            return
        if action == "feature":
            scope = {"os": os}
            try:
                exec(FEATURES[args[1]], scope)
                print(f"feature {args[1]}: ok {scope.get('result', '')}".rstrip())
            except BaseException as e:
                print(f"feature {args[1]}: {type(e).__name__}: {e}")
            return
        if action == "read":
            try:
                with open(args[1], encoding="utf-8") as f:
                    print(f"read {args[1]}: {f.read().strip()}")
            except OSError as e:
                print(f"read {args[1]}: {type(e).__name__}: {e}")
            return
        print("Hello from a Python command component!")
        print("args:", args)
        print("GREETING:", os.environ.get("GREETING"))
        print("environment:", sorted(os.environ))
        print("build-time argv:", BUILD_TIME_ARGV, "environment:", BUILD_TIME_ENV)
        print("random:", random.random())
        print("urandom:", os.urandom(8).hex())
