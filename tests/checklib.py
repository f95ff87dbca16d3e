"""Shared pieces of the independent check scripts (tests/*_check.py) and
benches/serve_latency.py: the repo root, the pass/fail tally, a free port,
and the `# needs-network` rule for named queries."""

import os
import socket
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_tally = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    """Records and prints one check."""
    if ok:
        _tally["passed"] += 1
        print(f"ok   {name}")
    else:
        _tally["failed"] += 1
        print(f"FAIL {name} {detail}")


def finish():
    """Prints 'N passed, N failed' and exits 1 on any failure."""
    print(f"{_tally['passed']} passed, {_tally['failed']} failed")
    sys.exit(1 if _tally["failed"] else 0)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def needs_network(text):
    """Same rule as newsgraph::store::needs_network: the mark among the leading comments."""
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return False
        if line.strip() == "# needs-network":
            return True
    return False
