"""Imports everything inside run(): none of it is imported at build time."""

from wit_world import exports


class Run(exports.Run):
    def run(self):
        import email.utils
        import fractions
        import importlib.metadata
        import json
        import textwrap

        from greeting import salute
        from helpers import noisy

        try:
            import not_installed_anywhere  # noqa: F401  (optional: a warning at build time)
        except ImportError:
            pass

        print(fractions.Fraction(1, 6) + fractions.Fraction(1, 3))
        print(json.dumps({"lazy": True}))
        print(textwrap.shorten("imports that happen at run time", width=20))
        print(email.utils.formataddr(("Ada", "ada@example.org")))
        print("bücher.example".encode("idna").decode())
        print(salute("Ada"), importlib.metadata.version("greeting"))
        print(noisy.WORD)
