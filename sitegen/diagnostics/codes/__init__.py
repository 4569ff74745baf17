"""Every diagnostic code, declared once, by concern: ``from sitegen.diagnostics.codes import SG110``.

docs/rules.md shows the sections in the order they are declared, which is the order of the imports
below (so they are not sorted). A new concern gets a module of its own, with its ``Section``, and a
line here.

Adding a code (e.g. SG460 in a new ``editorial.py``):

1. Declare it: ``SG460 = EDITORIAL.code("SG460", WARNING, Doc(meaning, example, fix), zh=..., en=...,
   fix_zh=..., fix_en=...)``. Templates are ``str.format`` with named values (``{wrong}``); a list
   joins with its format spec (``{items:、}`` / ``{items:, }``); ``{problem.zh}`` reads an attribute.
   Another route with other facts gets ``SG460_X = SG460.variant(zh=..., en=...)`` (the fix is kept).
2. Report it in one line: ``diags.report(SG460, path, line=..., wrong=word)``.
3. Regenerate the doc: ``python -m sitegen.diagnostics.docs > docs/rules.md``, and add a case to
   tests/test_rule_codes.py.
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
from sitegen.diagnostics.codes.publishing import *  # noqa: F403
from sitegen.diagnostics.codes.sites import *  # noqa: F403

from collections.abc import Iterator

from sitegen.diagnostics.registry import SECTIONS, Code


def all_codes() -> Iterator[Code]:
    """Every code, in the order of docs/rules.md."""
    for section in SECTIONS:
        yield from section.codes
