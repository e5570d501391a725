"""``python -m bilat``: the command line."""

from bilat.cli import main

main()
