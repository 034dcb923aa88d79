print("noisy: imported")
WORD = "done"
