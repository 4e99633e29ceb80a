#!/usr/bin/env python3
"""Generates a ~50 MB git work tree (source-like text plus some binary assets) with a few commits, deterministically."""
import os
import random
import subprocess
import sys

target = sys.argv[1]
random.seed(42)
os.makedirs(target, exist_ok=True)
words = ["const", "let", "function", "return", "if", "else", "for", "while", "import", "export", "class",
         "await", "async", "null", "true", "false", "new", "this", "value", "result", "items", "index", "error"]
words += ["".join(random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(random.randint(3, 12))) for _ in range(3000)]

def git(*args):
    subprocess.run(["git", *args], cwd=target, check=True, stdout=subprocess.DEVNULL)

git("init", "-q", "-b", "main")
git("config", "user.email", "bench@example.com")
git("config", "user.name", "bench")
for commit in range(3):
    for i in range(130):
        path = os.path.join(target, "src", f"module{i % 13}", f"file{i}.js")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        lines = []
        for _ in range(3500):
            lines.append("  " + " ".join(random.choice(words) for _ in range(random.randint(4, 14))) + ";")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
    for i in range(8):
        with open(os.path.join(target, f"asset{i}.bin"), "wb") as f:
            f.write(random.randbytes(1_700_000))
    git("add", "-A")
    git("commit", "-q", "-m", f"commit {commit}")
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(target) if ".git" not in d for f in fs)
print(f"work tree {size / 1e6:.1f} MB")
