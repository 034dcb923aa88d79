"""Load for bench/http-serve.sh: GET <url> <requests> times over <connections> keep-alive loopback
connections (one thread each), after <warm-up> requests that are not counted. Every answer must be
a 200 with the expected body; prints one machine-readable line:

    requests=N connections=C seconds=S rps=R

Usage: python3 http-load.py <url> <requests> <connections> <expected body> [warm-up]
"""

import http.client
import sys
import threading
import time
from urllib.parse import urlsplit


def main():
    url, total, connections, expected = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    warm_up = int(sys.argv[5]) if len(sys.argv) > 5 else 5
    parts = urlsplit(url)
    target = parts.path or "/"
    want = expected.encode()

    def request(connection):
        connection.request("GET", target)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200 or body != want:
            raise RuntimeError(f"unexpected answer: {response.status} {body[:80]!r}")

    warm = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    for _ in range(warm_up):
        request(warm)
    warm.close()

    shares = [total // connections + (1 if i < total % connections else 0) for i in range(connections)]
    failures = []

    def worker(count):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        try:
            for _ in range(count):
                request(connection)
        except Exception as e:  # reported below; the run then measures nothing
            failures.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in shares]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    if failures:
        sys.exit(f"http-load: {len(failures)} connection(s) failed: {failures[0]}")
    print(f"requests={total} connections={connections} seconds={seconds:.3f} rps={total / seconds:.1f}")


if __name__ == "__main__":
    main()
