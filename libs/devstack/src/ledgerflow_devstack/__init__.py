"""The embedded local platform and the `ledgerflow` command; see stack.Stack."""
