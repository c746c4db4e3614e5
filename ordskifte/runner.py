"""Run a rule's work with its log file, and report user errors in one clear line.

Rule scripts call :func:`run_logged`: everything the step logs goes to the rule's log file;
an error the user can fix (a :class:`ValueError` such as an unreadable document) is also
printed to the terminal as one line naming the file and the fix, instead of a traceback.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def run_logged(log_path: str | Path, func: Callable[[], object]) -> None:
    """Call ``func()`` with logging (and stderr) sent to ``log_path``; exit 1 on failure."""
    Path(log_path).parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w", encoding="utf-8") as log:
        sys.stderr = log
        logging.basicConfig(stream=log, level=logging.INFO, format=LOG_FORMAT, force=True)
        try:
            func()
            _log_arrow_pool()
        except ValueError as err:
            logging.getLogger("ordskifte").error("%s", err)
            print(f"ordskifte: {err}", file=sys.__stderr__)
            raise SystemExit(1) from None
        except Exception:
            traceback.print_exc(file=log)
            print(
                f"ordskifte: unexpected error, see the traceback in {log_path}",
                file=sys.__stderr__,
            )
            raise SystemExit(1) from None
        finally:
            log.flush()
            sys.stderr = sys.__stderr__


def _log_arrow_pool() -> None:
    """Name Arrow's allocator in the log if the job used Arrow (see :mod:`ordskifte`)."""
    if "pyarrow" in sys.modules:
        pool = sys.modules["pyarrow"].default_memory_pool()
        logging.getLogger("ordskifte").info("Arrow memory pool: %s", pool.backend_name)
