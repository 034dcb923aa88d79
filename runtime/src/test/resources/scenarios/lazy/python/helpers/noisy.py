"""Prints when it is imported: at run time, never during the build."""

print("noisy: imported")
WORD = "quiet now"
