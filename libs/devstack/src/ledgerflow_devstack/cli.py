"""`ledgerflow`: run the whole platform locally with one command, no Docker."""

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from ledgerflow_devstack.auth import token_for
from ledgerflow_devstack.backup import backup, restore
from ledgerflow_devstack.config import StackConfig
from ledgerflow_devstack.errors import StackError
from ledgerflow_devstack.kcat import kcat_command
from ledgerflow_devstack.mail_sink import serve_mail
from ledgerflow_devstack.stack import Stack
from ledgerflow_devstack.supervision import supervise
from ledgerflow_platform.auth.roles import Role

# LSB's "program is not running", so scripts can tell it from a crash of the command itself
NOT_RUNNING = 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ledgerflow", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("up", help="start Postgres, the broker and the five services")
    up.add_argument("--no-demo", action="store_true", help="do not load the demo data")
    up.add_argument("--timeout", type=float, default=90.0, help="seconds to wait for readiness")
    down = commands.add_parser("down", help="stop everything `up` started")
    down.add_argument("--timeout", type=float, default=10.0, help="seconds before SIGKILL")
    commands.add_parser("status", help="show what is running; exit 3 if anything is not")
    token = commands.add_parser("token", help="print a bearer token (on the last line)")
    token.add_argument("--role", required=True, choices=[r.value for r in Role])
    token.add_argument("--subject", default=None, help="the token's sub claim")
    token.add_argument("--ttl-hours", type=float, default=12.0)
    replay = commands.add_parser("replay", help="re-publish the producers' outboxes")
    replay.add_argument("--from", dest="from_position", type=int, default=None)
    replay.add_argument("--to", dest="to_position", type=int, default=None)
    commands.add_parser("restart-broker", help="replace the broker with an empty one")
    backup_cmd = commands.add_parser("backup", help="dump every service's database into DIR")
    backup_cmd.add_argument("directory", type=Path)
    restore_cmd = commands.add_parser(
        "restore", help="replace every service's database with the backup in DIR, then replay"
    )
    restore_cmd.add_argument("directory", type=Path)
    restore_cmd.add_argument("--timeout", type=float, default=180.0)
    commands.add_parser(
        "supervise", help="keep the platform's processes running (`up` starts this itself)"
    )
    commands.add_parser(
        "mail-sink", help="run the local SMTP sink in the foreground (`up` starts this itself)"
    )
    kcat = commands.add_parser(
        "kcat", help="run kcat on the local broker, e.g. -C -t ledger.events"
    )
    kcat.add_argument("kcat_args", nargs=argparse.REMAINDER, help="arguments passed to kcat")
    return parser


def _print_urls(stack: Stack) -> None:
    for name, url in stack.urls().items():
        print(f"  {name:<12} {url}   docs: {url}/docs")
    print(f"  {'postgres':<12} {stack.postgres.admin_dsn}")
    print(f"  {'kafka':<12} {stack.kafka_bootstrap}")
    print(f"  {'logs':<12} {stack.config.logs}")
    print("Get a token with: ledgerflow token --role accountant")


def _up(stack: Stack, args: argparse.Namespace) -> int:
    started = stack.up(
        demo=not args.no_demo, timeout=args.timeout, say=lambda step: print(f"... {step}")
    )
    print("Ledgerflow is ready:" if started else "Ledgerflow is already running:")
    _print_urls(stack)
    return 0


def _down(stack: Stack, args: argparse.Namespace) -> int:
    stopped = stack.down(timeout=args.timeout)
    print(f"stopped: {', '.join(stopped)}" if stopped else "nothing was running")
    return 0


def _status(stack: Stack, _: argparse.Namespace) -> int:
    rows = stack.status()
    for row in rows:
        state = "healthy" if row.healthy else "running" if row.running else "stopped"
        pid = f"pid {row.pid}" if row.pid is not None else ""
        restarts = f"restarts {row.restarts}" if row.restarts else ""
        print(f"{row.name:<12} {state:<8} {pid:<11} {restarts:<12} {row.address}")
    return 0 if all(row.healthy for row in rows) else NOT_RUNNING


def _token(stack: Stack, args: argparse.Namespace) -> int:
    ttl = timedelta(hours=args.ttl_hours)
    print(token_for(stack.config, args.role, subject=args.subject, ttl=ttl))
    return 0


def _replay(stack: Stack, args: argparse.Namespace) -> int:
    for name, count in stack.replay(args.from_position, args.to_position).items():
        print(f"{name:<12} replayed {count}")
    return 0


def _restart_broker(stack: Stack, _: argparse.Namespace) -> int:
    stack.restart_broker()
    print(f"the broker at {stack.kafka_bootstrap} is empty and its topics are re-created;")
    print("run `ledgerflow replay` to re-publish the outboxes")
    return 0


def _backup(stack: Stack, args: argparse.Namespace) -> int:
    manifest = backup(stack, args.directory)
    print(f"backed up {', '.join(manifest.order)} into {args.directory}")
    return 0


def _restore(stack: Stack, args: argparse.Namespace) -> int:
    manifest = restore(stack, args.directory, timeout=args.timeout)
    print(f"restored {', '.join(manifest.order)} from the backup of {manifest.created_at};")
    print("the outboxes were replayed into a new broker, and the platform is ready")
    return 0


def _kcat(stack: Stack, args: argparse.Namespace) -> int:
    argv, env = kcat_command(stack.kafka_bootstrap, args.kcat_args, stack.config.home / "lib")
    os.execvpe(argv[0], argv, env)  # noqa: S606 - replaces this process with kcat


def _supervise(stack: Stack, _: argparse.Namespace) -> int:
    return supervise(stack)


def _mail_sink(stack: Stack, _: argparse.Namespace) -> int:
    return serve_mail(stack.config)


COMMANDS = {
    "up": _up,
    "down": _down,
    "status": _status,
    "token": _token,
    "replay": _replay,
    "restart-broker": _restart_broker,
    "backup": _backup,
    "restore": _restore,
    "supervise": _supervise,
    "mail-sink": _mail_sink,
    "kcat": _kcat,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    # kcat's own options (-C, -t ...) pass through untouched.
    args, passthrough = parser.parse_known_args(argv)
    if passthrough and args.command != "kcat":
        parser.error(f"unrecognized arguments: {' '.join(passthrough)}")
    if args.command == "kcat":
        args.kcat_args = [*passthrough, *args.kcat_args]
    try:
        stack = Stack(StackConfig.from_env())
        return COMMANDS[args.command](stack, args)
    except (StackError, ValueError) as exc:
        print(f"ledgerflow {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"ledgerflow {args.command}: interrupted; `ledgerflow down` stops what started")
        return 130
