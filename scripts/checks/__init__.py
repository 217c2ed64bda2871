"""The project's checks: each module yields Problem(path, line, message) from pure functions.

`scripts/check.py` runs them all from the command line; the MkDocs hooks reuse the
citation scanner and the bibliography loader so the build and the checks agree.
"""
