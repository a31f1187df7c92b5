"""`cleanup serve`: the review application over the project's articles, on this machine, behind a token."""

from __future__ import annotations

import argparse
import gc
import socket
import sys

from ..cli.errors import EXIT_OK, UsageError
from ..cli.write import remove_stale_temporaries


def run_serve(args: argparse.Namespace) -> int:
    """Serve the articles `cleanup fix PATH…` would process until interrupted; print the address with the token."""
    import uvicorn

    from .app import create_app
    from .background import Background
    from .project import Project
    from .security import new_token

    gc.enable()  # a server runs for hours: the collector paused for a batch run would let memory grow
    # A save waits for the interpreter while an article is processed in the background: hand it over sooner.
    sys.setswitchinterval(0.0005)
    project = Project(fix_argv(args))
    remove_stale_temporaries(project.out_dir)  # left by a server or run that was killed
    listening = _listen(args.host, args.port)
    host, port = listening.getsockname()[:2]
    token = new_token()
    shown = f"[{host}]" if ":" in host else host
    hosts = {f"{shown}:{port}", f"localhost:{port}"} if host in ("127.0.0.1", "::1") else {f"{shown}:{port}"}
    background = Background(project)
    app = create_app(project, background, token, hosts)
    count = len(project.articles)
    articles = f"{count} article" + ("" if count == 1 else "s")
    print(f"cleanup serve: {articles}; open http://{shown}:{port}/?token={token}", flush=True)
    background.start()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False))
    try:
        server.run(sockets=[listening])
    finally:
        background.stop()
    return EXIT_OK


def fix_argv(args: argparse.Namespace) -> list[str]:
    """The command line of the `cleanup fix` run this server's articles are processed and written as."""
    argv = ["fix", "--quiet", "--jobs", "1", *args.paths]
    for file in args.glossary or ():
        argv += ["--glossary", file]
    for option in ("config", "out"):
        if getattr(args, option):
            argv += [f"--{option}", getattr(args, option)]
    return argv


def _listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port (port 0: any free port); UsageError when it cannot."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError as error:
        listening.close()
        raise UsageError(
            f"cleanup serve: cannot listen on {host}:{port} ({error.strerror}); choose another --port"
        ) from None
    listening.listen(128)
    return listening
