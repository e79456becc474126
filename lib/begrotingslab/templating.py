"""HTML through Jinja2 templates (``templates/`` in this package) with autoescaping: text from a document
is always text, never markup. ``templates/begrotingslab/`` is the nbconvert template of the report pages."""
from __future__ import annotations

from functools import lru_cache

import jinja2


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("begrotingslab", "templates"), autoescape=True)


def render(template_name: str, **context) -> str:
    """The template ``templates/<template_name>`` rendered with ``context`` (every value escaped)."""
    return _environment().get_template(template_name).render(**context)
