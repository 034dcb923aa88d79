"""Issue 14: modules first imported inside functions, at run time."""

import wit_world


class WitWorld(wit_world.WitWorld):
    def fraction(self, a, b):
        import fractions

        return str(fractions.Fraction(a, b) + fractions.Fraction(1, 3))

    def to_json(self, n):
        import json

        return json.dumps({"n": n, "squares": [i * i for i in range(n)]}, sort_keys=True)

    def wrap(self, text, width):
        from textwrap import wrap

        return wrap(text, width)

    def address(self, name, mailbox):
        import email.utils

        return email.utils.formataddr((name, mailbox))

    def idna(self, host):
        return host.encode("idna").decode("ascii")

    def version(self, distribution):
        import importlib.metadata

        return importlib.metadata.version(distribution)

    def greet(self, name):
        from greeting.polite import salute

        return salute(name)

    def noisy(self):
        from helpers import noisy

        return noisy.WORD

    def load(self, module):
        import importlib

        return importlib.import_module(module).__name__

    def fail(self):
        from helpers.broken import explode

        return explode()
