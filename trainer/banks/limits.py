"""Size limits for bank files, checked before a file is read or parsed."""

MAX_FILE_BYTES = 32 * 1024 * 1024


def size_problem(size: int) -> str:
    return f"file is {size / 1024 / 1024:.1f} MiB; a bank may be at most {MAX_FILE_BYTES // 1024 // 1024} MiB"
