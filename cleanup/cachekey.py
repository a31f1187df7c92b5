"""The per-user secret that signs cache entries, and whether a cache folder may be trusted at all.

The secret lives outside the cache folder (in the user's state folder), readable by its owner only, so
whoever can write the cache folder still cannot make an entry that is read back.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

SECRET_BYTES = 32


class CacheRefused(Exception):
    """A cache that is not used: the message says why and what to do."""


def key_file() -> Path:
    """Where the user's cache secret is kept (`$XDG_STATE_HOME/cleanup/cache-key` on Linux)."""
    import platformdirs  # only a run that uses the cache needs its key

    return Path(platformdirs.user_state_dir("cleanup", appauthor=False)) / "cache-key"


def user_secret(path: Path | None = None) -> bytes:
    """The user's secret, made on first use with owner-only permissions; CacheRefused when the file
    there is not a secret only its owner, this user, can read."""
    path = path or key_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return _create(path)
    except FileExistsError:
        return _read(path)
    except OSError as error:
        raise CacheRefused(f"{path}: cannot make the cache's key ({error.strerror}); the cache is off") from None


def _create(path: Path) -> bytes:
    secret = os.urandom(SECRET_BYTES)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(handle, "wb") as stream:
        stream.write(secret)
    return secret


def _read(path: Path) -> bytes:
    fix = f"remove {path} (a new key is made; cached outcomes are computed again)"
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as error:
        raise CacheRefused(f"{path}: the cache's key cannot be read ({error.strerror}); {fix}") from None
    try:
        info = os.fstat(handle)
        why = _untrusted(info, stat.S_IRWXG | stat.S_IRWXO)
        if not why and not stat.S_ISREG(info.st_mode):
            why = "not a regular file"
        secret = b"" if why else os.read(handle, SECRET_BYTES + 1)
    finally:
        os.close(handle)
    if not why and len(secret) != SECRET_BYTES:
        why = "not a key this tool made"
    if why:
        raise CacheRefused(f"{path}: the cache's key is {why}; the cache is off until you {fix}")
    return secret


def check_folder(folder: Path) -> None:
    """CacheRefused when the cache folder exists and another user owns it or every user may write it."""
    try:
        info = folder.stat()
    except OSError:
        return  # made by this run, with owner-only permissions
    why = _untrusted(info, stat.S_IWOTH)
    if why:
        raise CacheRefused(
            f"{folder}: the cache folder is {why}; the cache is off: make it yours and not writable by "
            "every user (chmod o-w), or set cache-dir to a folder of your own"
        )


def _untrusted(info: os.stat_result, forbidden: int) -> str:
    """Why a file with this status is not this user's alone: another owner, or `forbidden` mode bits."""
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return f"owned by another user (uid {info.st_uid})"
    if info.st_mode & forbidden:
        return f"open to other users (mode {stat.S_IMODE(info.st_mode):o})"
    return ""
