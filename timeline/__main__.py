"""``python -m timeline`` runs the command-line interface."""

from timeline.cli import main

main()
