"""Read and check site.yml, the one file a clinic edits for its own copy.

Why a file of its own, not a block of mkdocs.yml: a clinic manager changes five
things (address, name, contact, reviewer, local crisis routes) and should never
have to read nav, plugins or hooks to do it, and a copy that pulls in later
versions of the site keeps its settings without merging mkdocs.yml.

`read_settings(text)` returns the settings and a list of `Problem(site.yml, line,
message)`; the build hook (scripts/hooks/mkdocs_site_settings.py) and `check.py` both
use it, so a bad value is reported the same way by both, and never as a traceback.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import yaml

import languages

from .common import Problem

PLACEHOLDER = "https://therapeutic-relationship.example/"
FIELDS = ("address", "organisation", "contact", "reviewer", "logo", "crisis_routes")
ROUTE_FIELDS = ("name", "phone", "text", "hours")
ADDRESS = re.compile(r"^https://[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d+)?(/[^\s]*)?$", re.I)
CONTACT = re.compile(r"^(https://\S+|[^@\s]+@[^@\s]+\.[^@\s]+)$")
NUMBER = re.compile(r"^\+?[0-9][0-9 ()\-]*[0-9]$")
# Environment variables that override a setting, for CI and hosts' build settings.
ENVIRONMENT = {"SITE_URL": "address", "SITE_PUBLISHER": "organisation", "SITE_CONTACT": "contact",
               "SITE_REVIEWED_BY": "reviewer"}


@dataclass
class Route:
    name: str
    phone: str = ""
    text: str = ""
    hours: str = ""

    @property
    def tel(self) -> str:
        return re.sub(r"[^0-9+]", "", self.phone)

    @property
    def sms(self) -> str:
        return re.sub(r"[^0-9+]", "", self.text)


@dataclass
class Settings:
    address: str = PLACEHOLDER
    organisation: str = ""
    contact: str = ""
    reviewer: str = ""
    logo: str = ""
    crisis_routes: dict[str, list[Route]] = field(default_factory=lambda: {lang: [] for lang in languages.load()})
    lines: dict[str, int] = field(default_factory=dict)  # setting -> line, for later messages
    overridden: dict[str, str] = field(default_factory=dict)  # setting -> environment variable that set it

    @property
    def preview(self) -> bool:
        """A copy without a real address: nothing printed may carry its address."""
        return self.address == PLACEHOLDER


def _unknown(name: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (settings: {', '.join(known)})"


def _scalar(node) -> str | None:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else None


def read_settings(text: str, path: str = "site.yml", environ: dict[str, str] | None = None) -> tuple[Settings, list[Problem]]:
    """Parse site.yml, apply environment overrides, and check every value."""
    settings, problems = Settings(), []
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return settings, [Problem(path, line, f"not valid YAML: {getattr(err, 'problem', None) or err}")]
    if root is None:
        root = yaml.MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(root, yaml.MappingNode):
        return settings, [Problem(path, root.start_mark.line + 1, "must be a list of settings (name: value)")]
    for key_node, value_node in root.value:
        name, line = str(key_node.value), key_node.start_mark.line + 1
        settings.lines[name] = line
        if name not in FIELDS:
            problems.append(Problem(path, line, f"unknown setting {name!r}{_unknown(name, FIELDS)}"))
        elif name == "crisis_routes":
            problems += _read_routes(settings, value_node, path)
        else:
            value = _scalar(value_node)
            if value is None:
                problems.append(Problem(path, line, f"{name} must be a single value, in quotes if it has a colon"))
            else:
                setattr(settings, name, "" if value in ("None", "null", "~") else value)
    for variable, name in ENVIRONMENT.items():
        if (environ or {}).get(variable):
            setattr(settings, name, environ[variable].strip())
            settings.lines.setdefault(name, 1)
            settings.overridden[name] = variable
    problems += _check_values(settings, path)
    return settings, problems


def _read_routes(settings: Settings, node, path: str) -> list[Problem]:
    problems = []
    if not isinstance(node, yaml.MappingNode):
        return [Problem(path, node.start_mark.line + 1, "crisis_routes must list routes per language: en: [...], es: [...]")]
    for lang_node, routes_node in node.value:
        language, line = str(lang_node.value), lang_node.start_mark.line + 1
        if language not in languages.load():  # the languages with a words file, docs/includes/words.<code>.yml
            problems.append(Problem(path, line, f"crisis_routes: unknown language {language!r} (languages: {', '.join(languages.load())})"))
            continue
        if isinstance(routes_node, yaml.ScalarNode) and routes_node.value in ("", "null", "~"):
            continue
        if not isinstance(routes_node, yaml.SequenceNode):
            problems.append(Problem(path, line, f"crisis_routes: {language} must be a list of routes, each starting with '- name:'"))
            continue
        for route_node in routes_node.value:
            problems += _read_route(settings, language, route_node, path)
    return problems


def _read_route(settings: Settings, language: str, node, path: str) -> list[Problem]:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        return [Problem(path, line, "a crisis route must have name: and phone: or text:")]
    values, problems = {}, []
    for key_node, value_node in node.value:
        key, key_line = str(key_node.value), key_node.start_mark.line + 1
        if key not in ROUTE_FIELDS:
            problems.append(Problem(path, key_line, f"crisis route: unknown field {key!r}{_unknown(key, ROUTE_FIELDS)}"))
            continue
        value = _scalar(value_node)
        if value is None:
            problems.append(Problem(path, key_line, f"crisis route: {key} must be a single value"))
            continue
        if key in ("phone", "text") and value and not NUMBER.match(value):
            problems.append(Problem(path, key_line, f"crisis route: {key} must be a number (digits, spaces, + - ( ) only): {value!r}"))
        values[key] = value
    if not values.get("name"):
        problems.append(Problem(path, line, "crisis route: name is missing (how readers will know the line)"))
    if not (values.get("phone") or values.get("text")):
        problems.append(Problem(path, line, "crisis route: give a phone: or a text: number"))
    if not problems:
        settings.crisis_routes[language].append(Route(**values))
    return problems


def _label(settings: Settings, name: str) -> str:
    """The setting's name, and the environment variable when one set it."""
    variable = settings.overridden.get(name)
    return f"{name} (from {variable})" if variable else name


def _check_values(settings: Settings, path: str) -> list[Problem]:
    problems = []
    line = settings.lines.get
    if not settings.address:
        problems.append(Problem(path, line("address", 1), "address is missing: the public https:// address of your copy"))
    elif not ADDRESS.match(settings.address):
        why = "must start with https://" if not settings.address.lower().startswith("https://") else "is not a web address"
        problems.append(Problem(path, line("address", 1), f"{_label(settings, 'address')} {why}: {settings.address!r}"))
    elif not settings.address.endswith("/"):
        settings.address += "/"
    if settings.contact and not CONTACT.match(settings.contact):
        problems.append(Problem(path, line("contact", 1),
                                f"{_label(settings, 'contact')} must be an e-mail address or an https:// address: {settings.contact!r}"))
    if settings.logo and not re.match(r"^docs/[\w./-]+\.(svg|png|jpg|jpeg|webp)$", settings.logo):
        problems.append(Problem(path, line("logo", 1), f"logo must be an image file under docs/, such as docs/assets/logo.svg: {settings.logo!r}"))
    return problems


def check_publishing(settings: Settings, path: str = "site.yml") -> list[Problem]:
    """What a build for publishing (SITE_PUBLISH=1) needs on top of valid settings."""
    problems = []
    if settings.preview:
        problems.append(Problem(path, settings.lines.get("address", 1),
                                f"address is still the placeholder {PLACEHOLDER}: set your public https:// address"
                                " before publishing, or every printed handout would point nowhere"))
    if not settings.organisation:
        problems.append(Problem(path, settings.lines.get("organisation", 1),
                                "organisation is missing: readers need to know who publishes this copy"))
    return problems
