"""Free ports for platforms started side by side: test lanes run at once, each starting its
own Postgres, broker, services and mail sink on ports the kernel called free. A port one lane
was given but is not listening on yet (or has left for a moment, restarting a killed server)
must not be given to another. Each port handed out is claimed by a lock on a file named after
it, held for as long as the claiming process lives: the kernel drops the lock when it exits,
so no claim outlives its holder.
"""

import fcntl
import os
import socket
import tempfile
from contextlib import ExitStack
from pathlib import Path

# One directory per user, which only that user's processes write to.
CLAIMS = Path(tempfile.gettempdir()) / f"ledgerflow-port-claims-{os.getuid()}"
# The claims this process holds: their files stay open, and locked, until it exits.
_held: dict[int, int] = {}


def claim(port: int, claims: Path = CLAIMS) -> bool:
    """Claim `port` for this process; False if a live process holds it (this one included)."""
    claims.mkdir(mode=0o700, exist_ok=True)
    fd = os.open(claims / str(port), os.O_CREAT | os.O_RDONLY, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return False
    _held[port] = fd
    return True


def free_ports(count: int, claims: Path = CLAIMS) -> list[int]:
    """`count` distinct ports the kernel calls free right now, claimed for this process."""
    chosen: list[int] = []
    with ExitStack() as stack:
        # Every socket stays bound until all are chosen, so the kernel never repeats one.
        while len(chosen) < count:
            sock = stack.enter_context(socket.socket())
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
            if claim(port, claims):
                chosen.append(port)
    return chosen
