"""HTML through Jinja2 templates (``templates/*.j2``), every value escaped unless a template says otherwise."""
from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=PackageLoader("begrotingslab", "templates"), autoescape=True)


def render(template_name: str, **context) -> str:
    """The template ``templates/<template_name>`` filled in with ``context`` (autoescaped)."""
    return _environment().get_template(template_name).render(**context)
