"""Prints what the native extension module fastmath._native computes (from a whl dependency)."""

from wit_world import exports

import fastmath


class Run(exports.Run):
    def run(self):
        print(f"gcd(1071, 462) = {fastmath.gcd(1071, 462)}")
        print(f"fib(90) = {fastmath.fib(90)}")
