"""price-stats: summarizes prices given as a JSON array on the command line.

Money is added exactly with decimal.Decimal; the spread (mean, standard deviation, histogram)
comes from fastmath, whose loops are C compiled to WebAssembly. The extension module was
imported while the component was built, so it is already loaded when run() starts.
"""

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
import json
import sys

import fastmath
from wit_world import exports

CENTS = Decimal("0.01")
EXAMPLE = '["19.99", "5.01", "12.50", "7.25", "30.00"]'


def summarize(prices: list[Decimal]) -> dict:
    count, mean, stdev = fastmath.stats([float(p) for p in prices])
    low, high = min(prices), max(prices)
    return {
        "count": count,
        "total": str(sum(prices, Decimal(0))),
        "min": str(low),
        "max": str(high),
        "mean": str(Decimal(mean).quantize(CENTS, ROUND_HALF_EVEN)),
        "stdev": str(Decimal(stdev).quantize(CENTS, ROUND_HALF_EVEN)),
        # Four equal bins from the lowest to just above the highest price.
        "histogram": fastmath.histogram([float(p) for p in prices], float(low),
                                        float(high) + 0.01, 4),
        "native": fastmath._native.__name__,
    }


def parse(text: str) -> list[Decimal]:
    """The prices in a JSON array such as ["19.99", 5, 7.25]; ValueError says what is wrong."""
    try:
        values = json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"not JSON: {e}") from None
    if not isinstance(values, list) or not values:
        raise ValueError("expected a non-empty JSON array of prices")
    prices = []
    for value in values:
        try:
            price = Decimal(str(value))
        except InvalidOperation:
            price = None
        if isinstance(value, bool) or price is None or not price.is_finite():
            raise ValueError(f"{json.dumps(value)} is not a price")
        prices.append(price)
    return prices


class Run(exports.Run):
    def run(self) -> None:
        if len(sys.argv) != 2:
            print(f"usage: price-stats JSON-ARRAY-OF-PRICES   (e.g. '{EXAMPLE}')", file=sys.stderr)
            sys.exit(2)
        try:
            prices = parse(sys.argv[1])
        except ValueError as e:
            print(f"price-stats: {e}", file=sys.stderr)
            sys.exit(2)
        print(json.dumps(summarize(prices)))
