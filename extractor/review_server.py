"""The review app's server: waitress (a threaded production WSGI server; each thread has its
own SQLite connection), bound to 127.0.0.1 unless told otherwise — and beyond loopback only
with accounts, so the store is never open to the network without a login."""
from __future__ import annotations

import threading

from . import accounts
from .review_app import ReviewApp, is_loopback


class ReviewServer:
    """waitress serving the app, with the start/stop calls of the standard library's servers
    (serve_forever, shutdown, server_close, server_port) so a test or the CLI can run it in a
    thread and stop it."""

    def __init__(self, app: ReviewApp, host: str, port: int, threads: int = 4):
        from waitress.server import create_server

        self.app = app
        self._server = create_server(app, host=host, port=port, threads=threads, ident="extractor-review",
                                     clear_untrusted_proxy_headers=True)
        self.server_port = self._server.effective_port
        app.bind(host, self.server_port)
        self._stop = threading.Event()
        self._stopped = threading.Event()
        self._running = False

    def serve_forever(self):
        """Serve until shutdown(); the sockets are closed by this thread, never under a select."""
        from waitress import wasyncore

        self._running = True
        try:
            while not self._stop.is_set():
                wasyncore.loop(timeout=0.5, map=self._server._map, count=1)
        finally:
            self._close()
            self._stopped.set()

    def shutdown(self):
        self._stop.set()
        if self._running:
            try:
                self._server.pull_trigger()  # wakes the loop's select at once
            except OSError:
                pass  # the loop saw the stop on its own and has closed the trigger already
            self._stopped.wait(10)
        else:
            self._close()

    def _close(self):
        from waitress import wasyncore

        self._server.task_dispatcher.shutdown(timeout=5)
        wasyncore.close_all(self._server._map)

    def server_close(self):
        pass


class NoAccounts(Exception):
    """Accounts are required (beyond loopback, or asked for) but the store has none."""


def serve(db, host: str = "127.0.0.1", port: int = 8765, login: bool = False) -> ReviewServer:
    """The review server, bound (raises OSError when the port is taken, NotAStore when `db`
    is not a store, NoAccounts when logins are needed and there is no account); call
    serve_forever() to serve. Beyond loopback logins are always needed."""
    login = login or not is_loopback(host)
    app = ReviewApp(db, host, login=login)
    if login and not accounts.has_users(app.store.db):
        raise NoAccounts(db)
    return ReviewServer(app, host, port)
