"""keynet: the rules of Japan's emergency medical staffing recruitment (G-MIS → Key-Net).

Validate a recruitment form (募集情報登録票) and get every finding, or its canonical JSON::

    import keynet
    findings = keynet.validate(form)        # form: dict, JSON str or JSON bytes
    canonical = keynet.normalize(form)      # raises keynet.InvalidForm(.findings) on errors

All rules live in the Rust core; this package only converts between Python and the core.
"""

from ._keynet import (
    InputError,
    InternalError,
    InvalidForm,
    __version__,
    catalogue,
    normalize,
    validate,
)
from ._keynet import _trigger_panic_for_tests  # noqa: F401  (test hook, not API)

__all__ = [
    "InputError",
    "InternalError",
    "InvalidForm",
    "__version__",
    "catalogue",
    "normalize",
    "validate",
]
