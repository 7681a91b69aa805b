"""keynet: the rules of Japan's emergency medical staffing recruitment (G-MIS → Key-Net)."""

from typing import Any, Dict, List, Literal, TypedDict, Union

__version__: str

FindingCode = Literal[
    "required",
    "format",
    "range",
    "unknown_value",
    "inconsistent",
    "masking_leak",
    "labor_law",
    "health_law",
    "too_long",
]
"""The stable, machine-readable kind of a finding."""

InputErrorKind = Literal["too_large", "invalid_utf8", "syntax", "too_deep", "not_an_object"]
"""Why input could not be read as a form at all."""

class Finding(TypedDict):
    """One thing validation found, at one dotted path of the canonical JSON."""

    path: str
    """Dotted JSON path of the field (``workplace.postal_code``); ``""`` for the whole form."""
    code: FindingCode
    severity: Literal["error", "warning"]
    """``error``: the form cannot be registered; ``warning``: registrable, but a person should look."""
    message: str
    """English message for people."""
    message_ja: str
    """Japanese message for people."""

class CodeInfo(TypedDict):
    """One entry of the catalogue of finding codes."""

    code: FindingCode
    description: str
    description_ja: str

Form = Union[Dict[str, Any], str, bytes]
"""A form: a dict (values: dict, list, tuple, str, int, float, bool, None), its JSON text, or JSON bytes (UTF-8)."""

class InvalidForm(ValueError):
    """The form has error findings and cannot be registered."""

    findings: List[Finding]
    """Every finding (errors and warnings) of the form."""

class InputError(ValueError):
    """The input is not a form at all: bad JSON, not an object, too large or too deep."""

    kind: InputErrorKind
    """A stable name of the reason, for programs."""
    message_ja: str
    """The message in Japanese (``str(err)`` is English)."""

class InternalError(Exception):
    """A bug inside keynet: a Rust panic was caught. The interpreter is unharmed; later calls work."""

def validate(form: Form) -> List[Finding]:
    """Every finding about the form, errors and warnings alike (never only the first).

    Raises:
        InputError: the input is not a form (bad JSON, not an object, too large, too deep).
        TypeError: a dict holds a value JSON cannot (a set, a date, …) or a non-str key.
        ValueError: a float is NaN or infinite.
        InternalError: a bug inside keynet.
    """

def normalize(form: Form) -> Dict[str, Any]:
    """The canonical JSON (interchange format v1) of a registrable form, as a dict.

    Raises:
        InvalidForm: the form has error findings; ``.findings`` holds every finding.
        InputError: the input is not a form.
        InternalError: a bug inside keynet.
    """

def catalogue() -> List[CodeInfo]:
    """Every finding code with its English and Japanese description, for translators and UIs."""

def _trigger_panic_for_tests() -> None:
    """Test hook, not API: raises InternalError from a deliberate Rust panic."""
