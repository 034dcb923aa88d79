"""TEST FIXTURE: an app that fails while it is imported at build time (ComponentizerEncodeTest)."""

import wit_world


def configure():
    raise RuntimeError("no configuration found")


configure()
