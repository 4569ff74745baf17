"""Every diagnostic code, declared once, by concern: ``from sitegen.diagnostics.codes import SG110``.

docs/rules.md shows the sections in the order they are declared, which is the order of the imports
below (so they are not sorted). A new concern gets a module of its own, with its ``Section``, and a
line here.
"""
# isort: skip_file

from sitegen.diagnostics.codes.config import *  # noqa: F403
from sitegen.diagnostics.codes.files import *  # noqa: F403
from sitegen.diagnostics.codes.catalogs import *  # noqa: F403
from sitegen.diagnostics.codes.bodies import *  # noqa: F403
from sitegen.diagnostics.codes.disclosure import *  # noqa: F403
from sitegen.diagnostics.codes.attachments import *  # noqa: F403
from sitegen.diagnostics.codes.identifiers import *  # noqa: F403
from sitegen.diagnostics.codes.rules import *  # noqa: F403
from sitegen.diagnostics.codes.output import *  # noqa: F403
from sitegen.diagnostics.codes.reports import *  # noqa: F403
from sitegen.diagnostics.codes.participation import *  # noqa: F403
from sitegen.diagnostics.codes.services import *  # noqa: F403

from collections.abc import Iterator

from sitegen.diagnostics.registry import SECTIONS, Code


def all_codes() -> Iterator[Code]:
    """Every code, in the order of docs/rules.md."""
    for section in SECTIONS:
        yield from section.codes
