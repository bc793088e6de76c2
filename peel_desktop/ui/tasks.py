"""Work off the UI thread through one helper (Picard's run_task, Anki's CollectionOp).

Worker threads never call into Qt. They are plain Python threads; what they return is
collected on the main thread by a timer that runs only while work is pending. Emitting Qt
signals from Python worker threads interleaves Qt's locks with the interpreter's: under
load the window froze with the main thread stuck inside a widget call while workers waited
on it. With no Qt on the workers that cannot happen.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

POLL_MS = 10  # how often finished work is looked for while some is pending


class BackgroundRunner(QObject):
    """Runs ``op`` on a worker thread; ``on_done``/``on_error`` run on the main thread.

    The op must not touch widgets or Qt objects and must open its own database connection.
    Callbacks run in the order the work finishes (submission order among those finished by
    the same tick). Keep one runner for the application's lifetime.
    """

    def __init__(self, workers: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers = workers
        self._pool: ThreadPoolExecutor | None = None  # started with the first work (the
        # window shows its data first)
        self._pending: list[tuple[Future, Callable, Callable]] = []
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.deliver)

    def __call__(self, op: Callable[[], Any], on_done: Callable[[Any], None],
                 on_error: Callable[[Exception], None]) -> None:
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=self._workers,
                                            thread_name_prefix="peel-work")
        self._pending.append((self._pool.submit(op), on_done, on_error))
        if not self._timer.isActive():
            self._timer.start()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def deliver(self) -> None:
        """Run the callbacks of finished work (main thread). A callback that raises is
        reported through sys.excepthook and does not hold up the others."""
        finished = [entry for entry in self._pending if entry[0].done()]
        self._pending = [entry for entry in self._pending if not entry[0].done()]
        if not self._pending:
            self._timer.stop()
        for future, on_done, on_error in finished:
            error = future.exception()
            try:
                if error is None:
                    on_done(future.result())
                elif isinstance(error, Exception):
                    on_error(error)
                else:  # KeyboardInterrupt, SystemExit: not the caller's to handle
                    raise error
            except Exception:
                sys.excepthook(*sys.exc_info())

    def wait(self, timeout: float = 60.0) -> bool:
        """Block until the work under way has finished (at quit: a backup or an import
        completes before the database closes); True when none is left running."""
        from concurrent.futures import wait as wait_for

        futures = [entry[0] for entry in self._pending]
        _done, running = wait_for(futures, timeout=timeout)
        return not running

    def shutdown(self) -> None:
        """Finish what is running, deliver nothing more, and stop the worker threads."""
        self.wait()
        self._timer.stop()
        self._pending.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True)


def run_synchronously(op: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[Exception], None]) -> None:
    """The same contract, run at once on the calling thread (tests, screenshots)."""
    try:
        result = op()
    except Exception as error:
        on_error(error)
    else:
        on_done(result)
