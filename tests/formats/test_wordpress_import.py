"""A corrected WordPress export imported into a real WordPress (Debian's `wordpress` package, PHP CLI and a
private MariaDB server started for the test): the posts WordPress stores are the corrected ones.

WordPress's importer is a plugin that Debian does not package, so tests/wordpress/import.php does what it
does with the file: SimpleXML, the export's namespaces, `wp_insert_post` as the administrator."""

import getpass
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleanup.cli import main
from cleanup.formats.html import read_html
from cleanup.formats.wxr import read_wxr
from tests.conftest import ROOT
from tests.formats.test_wxr import EXPORT, HOUSE, posts

WORDPRESS = Path("/usr/share/wordpress")
CONFIG = """<?php
define('DB_NAME', 'wp');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:{socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$table_prefix = 'wp_';
define('WP_HOME', 'http://localhost');
define('WP_SITEURL', 'http://localhost');
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
"""
INSTALL = """<?php
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = 'localhost';
require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install('Centre', 'admin', 'admin@example.org', true, '', 'a-password');
"""


def _tools() -> None:
    """PHP, MariaDB and WordPress; in CI their absence is a failure, never a silent skip."""
    missing = [t for t in ("php", "mariadbd", "mariadb-install-db", "mariadb") if shutil.which(t) is None]
    if not (WORDPRESS / "wp-load.php").is_file():
        missing.append("wordpress")
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} missing; .ci/run installs wordpress, mariadb-server and php-cli")
        pytest.skip(
            f"{', '.join(missing)} missing (apt-get install wordpress mariadb-server php-cli php-mysql php-xml)"
        )


@pytest.fixture(scope="module")
def wordpress(tmp_path_factory) -> Iterator[Path]:
    """A WordPress installed on a MariaDB server of its own (stopped after the tests)."""
    _tools()
    folder = tmp_path_factory.mktemp("wp")
    socket, user = folder / "sock", f"--user={getpass.getuser()}"
    subprocess.run(["mariadb-install-db", "--no-defaults", f"--datadir={folder / 'db'}", "--skip-test-db", user,
                    "--auth-root-authentication-method=normal"], check=True, capture_output=True)  # fmt: skip
    server = subprocess.Popen(
        ["mariadbd", "--no-defaults", f"--datadir={folder / 'db'}", f"--socket={socket}", "--skip-networking", user],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        client = ["mariadb", "--no-defaults", f"--socket={socket}", "-uroot"]
        for _ in range(300):
            if subprocess.run([*client, "-e", "CREATE DATABASE wp"], capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
        site = folder / "site"
        shutil.copytree(WORDPRESS, site, symlinks=True)
        (site / "wp-config.php").unlink()
        (site / "wp-config.php").write_text(CONFIG.format(socket=socket), encoding="utf-8")
        (folder / "install.php").write_text(INSTALL, encoding="utf-8")
        subprocess.run(["php", str(folder / "install.php"), str(site)], check=True, capture_output=True)
        yield site
    finally:
        server.terminate()
        server.wait(timeout=60)


def imported(site: Path, export: Path) -> list[dict]:
    done = subprocess.run(
        ["php", str(ROOT / "tests" / "wordpress" / "import.php"), str(site), str(export)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_wordpress_imports_the_corrected_export_as_corrected(wordpress, make_project):
    project = make_project(HOUSE, {f"seeds/{EXPORT.name}": EXPORT.read_bytes()})
    assert main(["fix", "-q", "--no-cache", "--grammar", "none"]) == 0
    written = project / "corrected" / EXPORT.name
    stored = imported(wordpress, written)
    expected = [p for p in posts(written.read_bytes()) if p[0] != "attachment"]
    assert [(p["type"], p["content"]) for p in stored] == [(t, body) for t, _, body in expected]
    assert stored[0]["title"] == "The remnants of ISIS in Iraq&#8230; The game of hit and run"
    assert stored[1]["title"] == "SDF and ISIS: the Badia & the Euphrates"
    # The text cleanup read from each post is the text of the page WordPress makes of it (its paragraphs
    # made from blank lines, its shortcodes run), word for word.
    read = read_wxr(written.read_bytes()).document.text
    shown = "\n\n".join(f"{p['title']}\n\n{read_html(p['rendered'].encode()).document.text}" for p in stored)
    assert read_html(shown.encode()).document.text.split() == read.split()
