"""Raises, so that a traceback shows this file's source lines."""


def explode():
    return {}["missing key"]
