"""The app of the linked Python test with a native extension module."""

import textstats

import wit_world


class WitWorld(wit_world.WitWorld):
    def count_words(self, text):
        return textstats.count_words(text)

    def shout(self, text):
        native = textstats._native
        return f"{text.upper()}! ({native.__name__} from {native.__file__})"
