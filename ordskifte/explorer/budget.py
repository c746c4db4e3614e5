"""What a large corpus's page keeps: the terms and KWIC lines that fit the size budget.

Config ``explorer.min_count`` and ``explorer.kwic_lines`` set the most the page keeps; with
``explorer.max_mb`` the page is also kept under a size (a page of tens of megabytes is slow to
open, and a 10 M-token corpus would make one of hundreds). When what they keep would not fit,
first fewer KWIC lines are kept per entry and period (halving ``kwic_lines``, down to
:data:`MIN_LINES`), then the rarest terms are left out (``min_count`` is raised) until the
page fits. Sizes are counted in bytes of the embedded data, exactly for what is known before
the lines are built (each term's numbers) and with the mean size of a KWIC line for the
lines; once the lines are built, the exact sizes decide which terms stay.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ordskifte.explorer.build import embed_json

# Lines per entry and period the budget keeps before it leaves terms out.
MIN_LINES = 3
# Line limits tried when explorer.kwic_lines is 0 (all lines) and the page is too large.
ALL_LINES_STEPS = (100, 50, 25)


@dataclass(frozen=True)
class Plan:
    """The ``min_count`` and ``kwic_lines`` (0: all) a page is built with."""

    min_count: int
    kwic_lines: int


def json_bytes(value: Any) -> int:
    """UTF-8 bytes of ``value`` as the page embeds it."""
    return len(embed_json(value).encode("utf-8"))


def entry_bytes(key: str, entry: Any, total: str) -> int:
    """Bytes an entry adds to the page's data: its key and value in ``entries`` and its row in
    ``index``, each with the comma that separates it from the next. The row ``[key, total]``
    is counted from the key's bytes (brackets and comma add three)."""
    key_bytes = json_bytes(key)
    row_bytes = key_bytes + json_bytes(total) + 3
    return key_bytes + 1 + json_bytes(entry) + 1 + row_bytes + 1


def line_limits(kwic_lines: int) -> list[int]:
    """The line limits to try, most lines first: ``kwic_lines`` (0: all), then halving it down
    to :data:`MIN_LINES` (a limit below it stays as it is)."""
    if kwic_lines and kwic_lines <= MIN_LINES:
        return [kwic_lines]
    limits = [kwic_lines, *(n for n in ALL_LINES_STEPS if not kwic_lines)]
    n = limits[-1]
    while n // 2 > MIN_LINES:
        n //= 2
        limits.append(n)
    return [*limits, MIN_LINES]


def lines_kept(per_period: Iterable[int], limit: int) -> int:
    """KWIC lines an entry keeps with ``limit`` lines per period (0: all)."""
    return sum(min(n, limit) if limit else n for n in per_period)


def fit_min_count(sizes: Iterable[tuple[int, int]], *, room: int, min_count: int) -> int:
    """The smallest ``min_count`` (at least the one given) whose terms fit into ``room`` bytes.

    ``sizes`` gives each term's ``(count, bytes)``; terms with equal counts stay or go
    together. When not even the most frequent terms fit, no term does (one above the
    largest count)."""
    by_count: dict[int, int] = {}
    for count, size in sizes:
        if count >= min_count:
            by_count[count] = by_count.get(count, 0) + size
    used, chosen = 0, None
    for count in sorted(by_count, reverse=True):
        used += by_count[count]
        if used > room:
            break
        chosen = count
    if chosen is None:
        return max(by_count, default=min_count - 1) + 1
    return chosen if used > room else min_count


def fit_min_count_descending(sizes: Iterable[tuple[int, int]], *, room: int, min_count: int) -> int:
    """:func:`fit_min_count` of ``sizes`` given most frequent first (by count, descending),
    read only as far as the room lasts: the sizes of the terms after the first count that
    does not fit are never asked for."""
    used, chosen, largest, current = 0, None, None, None
    for count, size in sizes:
        if count < min_count:
            break  # and so are all after it
        if count != current:  # the terms counted `current` times are all in
            if used > room:
                break
            chosen = current if current is not None else chosen
            current = count
            largest = count if largest is None else largest
        used += size
    if current is not None and used <= room:
        chosen = current
    if chosen is None:
        return (min_count - 1 if largest is None else largest) + 1
    return chosen if used > room else min_count


def plan(
    counts: Mapping[str, Mapping[str, int]],
    *,
    base: Mapping[str, int],
    line_bytes: float,
    room: Mapping[int, int] | None,
    min_count: int,
    kwic_lines: int,
) -> Plan:
    """The plan that keeps the most within the budget, by the estimated sizes.

    ``counts`` gives each term's count per period, ``base`` the bytes of its entry without
    KWIC lines, ``line_bytes`` the expected bytes of a line; ``room`` the bytes left for
    terms with each line limit of :func:`line_limits` (``None``: no budget). The first limit
    at which every term counted ``min_count`` times fits wins; if none does, the smallest
    limit with the rarest terms left out. ``base`` is read most frequent term first and
    only as far as the room lasts (it may compute its sizes when asked).
    """
    if room is None:
        return Plan(min_count, kwic_lines)
    limits = line_limits(kwic_lines)
    totals = {t: sum(c.values()) for t, c in counts.items()}
    order = sorted(totals, key=lambda t: -totals[t])
    for limit in limits:
        sizes = (
            (totals[t], base[t] + int(line_bytes * lines_kept(counts[t].values(), limit)))
            for t in order
        )
        fitted = fit_min_count_descending(sizes, room=room[limit], min_count=min_count)
        if fitted == min_count or limit == limits[-1]:
            return Plan(fitted, limit)
    raise AssertionError("unreachable: the last limit always returns")


def mean_line_bytes(lines: Sequence[list], *, window: int) -> float:
    """Mean bytes of an embedded KWIC line (and its comma) among ``lines``; without lines, a
    guess from the window (words of about eight characters on each side)."""
    if not lines:
        return 40 + 2 * window * 8
    return sum(json_bytes(line) + 1 for line in lines) / len(lines)
