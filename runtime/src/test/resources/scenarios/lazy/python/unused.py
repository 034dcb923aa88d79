# Never imported, and not valid Python: the build must not fail on it.
def broken(:
    return "unterminated
