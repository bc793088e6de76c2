"""Work off the UI thread through one helper (Picard's run_task, Anki's CollectionOp)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, op: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.op, self.relay = op, relay

    def run(self) -> None:
        try:
            result = self.op()
        except Exception as error:  # reported to the caller on the main thread
            self.relay.failed.emit(error)
        else:
            self.relay.done.emit(result)


class BackgroundRunner:
    """Runs ``op`` on a worker thread; ``on_done``/``on_error`` run on the main thread.

    The op must not touch widgets and must open its own database connection.
    """

    def __init__(self) -> None:
        self._pool = QThreadPool.globalInstance()
        self._live: set[_Relay] = set()

    def __call__(self, op: Callable[[], Any], on_done: Callable[[Any], None],
                 on_error: Callable[[Exception], None]) -> None:
        relay = _Relay()
        self._live.add(relay)

        def finish(callback: Callable, value: object) -> None:
            self._live.discard(relay)
            callback(value)

        relay.done.connect(lambda value: finish(on_done, value))
        relay.failed.connect(lambda error: finish(on_error, error))
        self._pool.start(_Task(op, relay))


def run_synchronously(op: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[Exception], None]) -> None:
    """The same contract, run at once on the calling thread (tests, screenshots)."""
    try:
        result = op()
    except Exception as error:
        on_error(error)
    else:
        on_done(result)
