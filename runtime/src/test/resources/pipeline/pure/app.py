"""TEST FIXTURE: the pure app; add needs no system call, shout prints (fd_write)."""

import wit_world


class WitWorld(wit_world.WitWorld):
    def add(self, a, b):
        return a + b

    def shout(self, text):
        print(text, flush=True)
        return text.upper()
