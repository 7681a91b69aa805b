"""The recruitment form (DOMAIN §2) as a pydantic v2 model enforcing keynet's rules: the anchor of
bench_validate.py. Written the way a careful pydantic user would, to be a fair opponent:

- the same normalisation: NFKC single-line text with dashes between digits folded and white space
  collapsed, NFC free text, trimmed, empty = missing; numbers as JSON integers or digit text
  ("２", "2,500"); enumerations by code or Japanese label; checkboxes absent/null = false;
- the same readers: phone shapes (prefix table of DOMAIN §5, +81, parentheses, canonical
  hyphenation), postal codes (〒, dashes), dates (ISO, slashes, 年月日, wareki 令和/平成 with
  元年 and R/H abbreviations, era bounds, weekday suffix), times (9:00, 9時30分, 午前/午後, 翌,
  24:00), prefectures (code, name with/without suffix, romaji), municipalities against the same
  official list (core/data/municipalities.tsv), e-mail (HTML5 rule), extensions, length limits;
- the same cross-field rules: public health centre address, employment period order, trial period
  length and pay, detail iff "other", shift/break consistency, 24-hour duty, the two law warnings,
  facility-ID shape, workplace prefecture; and the masking leak scan (NFKC/case-folded/white
  space removed text, digit strings by number, facility ID by letters and digits);
- unknown keys are errors (``extra="forbid"``).

Warnings are not pydantic errors: they are collected in ``Form.warnings``. Differences that remain:
pydantic stops at the first failing validator of a field and runs the model's cross-field
validator only when every field is valid (keynet reports every finding) — which can only make
pydantic faster on invalid forms.
"""

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import List, Optional

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo, field_validator, model_validator

DATA = Path(__file__).resolve().parents[2] / "core" / "data"

# --- text ---------------------------------------------------------------------------------------

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u30fc\uff0d\uff70\ufe63\u02d7"
DASH_CLASS = "[" + re.escape(DASHES) + "]"
DASH_BETWEEN_DIGITS = re.compile(r"(?<=[0-9])" + DASH_CLASS + r"(?=[0-9])")
DASH_TABLE = str.maketrans({c: "-" for c in DASHES})
WHITESPACE = re.compile(r"\s+")


def nfkc(s):
    return unicodedata.normalize("NFKC", s)


def clean_line(s):
    s = DASH_BETWEEN_DIGITS.sub("-", nfkc(s))
    s = " ".join(s.split())
    return s or None


def clean_free_text(s):
    s = unicodedata.normalize("NFC", s).replace("\r\n", "\n").replace("\r", "\n").strip()
    return s or None


def leak_key(s):
    return WHITESPACE.sub("", nfkc(s)).translate(DASH_TABLE).lower()


def alphanumeric_key(s):
    return "".join(c for c in nfkc(s) if c.isalnum() and c not in DASHES).lower()


NUMBER_SEPARATORS = re.compile(r"[0-9]+(?:(?:" + DASH_CLASS + r"|\s|[()])+[0-9]+)*")
NUMBER_SEPARATORS_DOTS = re.compile(r"[0-9]+(?:(?:" + DASH_CLASS + r"|\s|[().])+[0-9]+)*")


def numbers_as_typed(s, dots_join):
    pattern = NUMBER_SEPARATORS_DOTS if dots_join else NUMBER_SEPARATORS
    return [re.sub(r"[^0-9]", "", m.group(0)) for m in pattern.finditer(nfkc(s))]


def text_or_none(value, info):
    """Raw text, trimmed; None when missing, null or empty; other JSON types are an error."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{info.field_name} must be text")
    return value.strip() or None


def checkbox(value):
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def whole_number(value, low, high):
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("must be a whole number")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if value != int(value) or abs(value) >= 1e15:
            raise ValueError("must be a whole number")
        number = int(value)
    elif isinstance(value, str):
        t = nfkc(value).strip()
        if not t:
            return None
        digits = t.replace(",", "")
        if not digits or len(digits) > 15 or not digits.isascii() or not digits.isdigit():
            raise ValueError(f"must be a whole number (got {value!r})")
        number = int(digits)
    else:
        raise ValueError("must be a whole number")
    if not low <= number <= high:
        raise ValueError(f"must be between {low} and {high} (got {number})")
    return number


def choice(value, options, info):
    text = text_or_none(value, info)
    if text is None:
        return None
    n = nfkc(text)
    for code, label in options:
        if n == code or n == label:
            return code
    raise ValueError(f"{info.field_name} must be one of {', '.join(c for c, _ in options)} (got {text!r})")


LIMITS = {
    "facility.id": 64, "facility.name": 100, "workplace.facility_name": 100, "contact.name": 100,
    "workplace.municipality": 50, "workplace.street_address": 200, "contact.address": 200,
    "duties.other_detail": 200, "working_hours.holidays": 200, "passive_smoking_detail": 200,
    "duties.specifics": 500, "insurance.other": 100, "existing_listings.other": 100,
    "contact.extension": 10, "contact.email": 254, "notes": 4000,
}


def limited(path, s):
    if s is not None and len(s) > LIMITS[path]:
        raise ValueError(f"{path} is {len(s)} characters long; at most {LIMITS[path]} are allowed")
    return s


def line(path):
    def read(value, info):
        text = text_or_none(value, info)
        return limited(path, clean_line(text)) if text is not None else None
    return read


def free_text(path):
    def read(value, info):
        text = text_or_none(value, info)
        return limited(path, clean_free_text(text)) if text is not None else None
    return read


# --- phones, postal codes, dates, times ---------------------------------------------------------

PHONE_LENGTHS = (("0120", 10), ("0800", 11), ("0570", 10), ("060", 11), ("070", 11), ("080", 11),
                 ("090", 11), ("050", 11), ("020", 11))
PHONE_SPLIT = re.compile(r"(?:" + DASH_CLASS + r"|\s|[().])+")
PHONE_CHARS = re.compile(r"^\+?[0-9" + re.escape(DASHES) + r"\s().]*$")


def _load_phone_formats():
    """libphonenumber's national formats for JP, from the TSV keynet reads (core/data)."""
    formats, by_prefix = {}, {}
    for line_ in (DATA / "jp_phone_formats.tsv").read_text(encoding="utf-8").splitlines():
        if not line_ or line_.startswith("#"):
            continue
        order, prefix, groups, national_prefix = line_.split("\t")[:4]
        spans = []
        for g in groups.split(","):
            lo, _, hi = g.partition("-")
            spans.append((int(lo), int(hi or lo)))
        formats[int(order)] = (spans, national_prefix == "0")
        orders = by_prefix.setdefault(prefix, [])
        if int(order) not in orders:
            orders.append(int(order))
    return formats, by_prefix, max(len(p) for p in by_prefix)


PHONE_FORMATS, PHONE_FORMATS_BY_PREFIX, PHONE_LONGEST_PREFIX = _load_phone_formats()


def _split_groups(nsn, spans):
    if not spans:
        return [] if not nsn else None
    (lo, hi), rest = spans[0], spans[1:]
    for n in range(min(hi, len(nsn)), lo - 1, -1):
        tail = _split_groups(nsn[n:], rest)
        if tail is not None:
            return [nsn[:n]] + tail
    return None


def national_format(digits):
    """The first libphonenumber format whose leading digits start the number and whose groups cover it."""
    nsn = digits if digits.startswith("00") else digits[1:] if digits.startswith("0") else None
    if nsn is None:
        return None
    candidates = sorted(o for k in range(min(PHONE_LONGEST_PREFIX, len(nsn)) + 1)
                        for o in PHONE_FORMATS_BY_PREFIX.get(nsn[:k], ()))
    for order in candidates:
        spans, national_prefix = PHONE_FORMATS[order]
        parts = _split_groups(nsn, spans)
        if parts is not None:
            return ("0" if national_prefix else "") + "-".join(parts)
    return None


def expected_phone_length(digits):
    for prefix, length in PHONE_LENGTHS:
        if digits.startswith(prefix):
            return length
    if len(digits) >= 2 and digits[0] == "0" and digits[1] in "123456789":
        return 10
    return None


def parse_phone(raw):
    s = nfkc(raw).strip()
    if not PHONE_CHARS.match(s):
        raise ValueError("may contain only digits, hyphens, spaces, parentheses and a leading +81")
    international = s.startswith("+")
    groups = [g for g in PHONE_SPLIT.split(s.lstrip("+")) if g]
    if international:
        first = groups[0] if groups else ""
        if first == "81":
            groups.pop(0)
            if groups and groups[0] == "0":
                groups.pop(0)
        elif first.startswith("81"):
            groups[0] = first[2:]
        else:
            raise ValueError("must be a Japanese number starting with 0 (or +81)")
        if not groups:
            raise ValueError("must be a Japanese number starting with 0 (or +81)")
        if not groups[0].startswith("0"):
            groups[0] = "0" + groups[0]
    digits = "".join(groups)
    expected = expected_phone_length(digits)
    if expected is None:
        raise ValueError("must be a Japanese number starting with 0 (or +81)")
    if len(digits) != expected:
        raise ValueError(f"phone number must have {expected} digits ({len(digits)} given)")
    formatted = national_format(digits)
    if formatted:
        return digits, formatted
    if len(groups) == 3:
        area, local, subscriber = groups
        if area.startswith("0") and 2 <= len(area) <= 5 and 1 <= len(local) <= 4 and len(subscriber) == 4:
            return digits, f"{area}-{local}-{subscriber}"
    return digits, digits


POSTAL = re.compile(r"^([0-9]{3})-?([0-9]{4})$")


def parse_postal(raw):
    s = nfkc(raw).strip().lstrip("〒").strip().translate(DASH_TABLE)
    m = POSTAL.match(s)
    if not m:
        raise ValueError("postal code must have 7 digits (NNN-NNNN)")
    return f"{m.group(1)}-{m.group(2)}"


ERAS = {"令和": (2019, date(2019, 5, 1), None), "平成": (1989, date(1989, 1, 8), date(2019, 4, 30))}
ERA_LETTERS = {"R": "令和", "r": "令和", "H": "平成", "h": "平成"}
WEEKDAY = re.compile(r"\((?:[月火水木金土日])(?:曜日|曜)?\)$")
KANJI_DATE = re.compile(r"^([0-9]{1,4})年([0-9]{1,4})月([0-9]{1,4})日$")
SEP_DATE = re.compile(r"^([0-9]{1,4})([-/.])([0-9]{1,4})\2([0-9]{1,4})$")


def parse_date(raw):
    s = WEEKDAY.sub("", "".join(nfkc(raw).split()))
    era = None
    for name in ERAS:
        if s.startswith(name):
            era, s = name, s[len(name):]
            break
    else:
        if s[:1] in ERA_LETTERS:
            era, s = ERA_LETTERS[s[0]], s[1:]
    s = s.replace("元", "1", 1)
    m = KANJI_DATE.match(s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = SEP_DATE.match(s)
        if not m:
            raise ValueError(f"must be a date such as 2020-06-01 or 令和2年6月1日 (got {raw!r})")
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
    if era:
        first_year, first, last = ERAS[era]
        if not 1 <= y <= 99:
            raise ValueError(f"{raw!r} is outside the {era} era")
        y = first_year + y - 1
    elif not 1000 <= y <= 9999:
        raise ValueError(f"must be a date (got {raw!r})")
    try:
        result = date(y, mo, d)
    except ValueError:
        raise ValueError(f"no such day: {raw!r}") from None
    if era and (result < first or (last is not None and result > last)):
        raise ValueError(f"{raw!r} is outside the {era} era")
    return result


CLOCK = re.compile(r"^([0-9]{1,2}):([0-9]{2})$")
KANJI_CLOCK = re.compile(r"^([0-9]{1,2})時(?:(半)|([0-9]{1,2})分)?$")


def parse_time(raw, is_end):
    s = "".join(nfkc(raw).split())
    next_day = False
    for mark in ("翌日", "翌"):
        if s.startswith(mark):
            next_day, s = True, s[len(mark):]
            break
    half = None
    if s.startswith("午前"):
        half, s = 0, s[2:]
    elif s.startswith("午後"):
        half, s = 12, s[2:]
    m = CLOCK.match(s)
    if m:
        h, mi = int(m.group(1)), int(m.group(2))
    else:
        m = KANJI_CLOCK.match(s)
        if not m:
            raise ValueError(f"must be a time such as 9:00, 16:30 or 9時30分 (got {raw!r})")
        h = int(m.group(1))
        mi = 30 if m.group(2) else int(m.group(3) or 0)
    if half is not None:
        if h >= 12:
            raise ValueError("午前12時/午後12時 is ambiguous")
        h += half
    if not ((h < 24 and mi < 60) or (h == 24 and mi == 0)):
        raise ValueError(f"no such time: {raw!r}")
    minutes = h * 60 + mi
    if not is_end and (next_day or minutes == 1440):
        raise ValueError("24:00 and 翌 (next day) are for the end time only")
    if next_day and minutes == 1440:
        raise ValueError("write 24:00, not 翌24:00")
    return minutes, next_day


EMAIL = re.compile(
    r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$"
)


# --- places ---------------------------------------------------------------------------------------

def _load_prefectures():
    rows = [l.split("\t") for l in (DATA / "prefectures.tsv").read_text(encoding="utf-8").splitlines()[1:] if l]
    return [(code, name, short, romaji) for code, name, short, romaji in rows]


def fold_romaji(s):
    s = s.strip().lower()
    for a, b in (("ō", "o"), ("ô", "o"), ("ū", "u"), ("û", "u")):
        s = s.replace(a, b)
    s = s.removesuffix(" prefecture")
    for suffix in ("-to", "-fu", "-ken", " to", " fu", " ken"):
        s = s.removesuffix(suffix)
    return s.replace("oo", "o").replace("ou", "o").replace("uu", "u")


PREFECTURES = _load_prefectures()
PREFECTURE_BY_NAME = {}
for _code, _name, _short, _romaji in PREFECTURES:
    PREFECTURE_BY_NAME.setdefault(_name, _code)
    PREFECTURE_BY_NAME.setdefault(_short, _code)
PREFECTURE_BY_ROMAJI = {fold_romaji(r): c for c, _, _, r in PREFECTURES}
PREFECTURE_NAMES = {c: (n, s) for c, n, s, _ in PREFECTURES}


def parse_prefecture(value, info):
    if isinstance(value, bool):
        raise ValueError("must be a prefecture")
    if isinstance(value, int):
        if 1 <= value <= 47:
            return f"{value:02d}"
        raise ValueError(f"must be a prefecture: code 01–47, name or romaji (got {value})")
    text = text_or_none(value, info)
    if text is None:
        return None
    s = nfkc(text).strip()
    if s.isascii() and s.isdigit() and len(s) <= 2:
        if 1 <= int(s) <= 47:
            return f"{int(s):02d}"
    elif s in PREFECTURE_BY_NAME:
        return PREFECTURE_BY_NAME[s]
    elif fold_romaji(s) in PREFECTURE_BY_ROMAJI:
        return PREFECTURE_BY_ROMAJI[fold_romaji(s)]
    raise ValueError(f"must be a prefecture: code 01–47, name or romaji (got {text!r})")


def match_key(s):
    return s.replace("ヶ", "ケ").replace("ヵ", "ケ").replace("ｹ", "ケ")


def _load_municipalities():
    by_key, by_prefecture = {}, {}
    for line_ in (DATA / "municipalities.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if not line_:
            continue
        code, prefecture, name, kind, valid_from, valid_until = line_.split("\t")
        entry = (code, prefecture, name, kind,
                 date.fromisoformat(valid_from) if valid_from else None,
                 date.fromisoformat(valid_until) if valid_until else None)
        by_key.setdefault(match_key(name), []).append(entry)
        by_prefecture.setdefault(prefecture, []).append(entry)
    return by_key, by_prefecture


MUNICIPALITIES, MUNICIPALITIES_BY_PREFECTURE = _load_municipalities()


def find_municipality(prefecture, name):
    def lookup(key):
        return next((m for m in MUNICIPALITIES.get(key, ()) if m[1] == prefecture), None)

    key = match_key(name)
    found = lookup(key)
    if found:
        return found
    full, short = PREFECTURE_NAMES[prefecture]
    for prefix in (full, short):
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix):]
            found = lookup(key)
            if found:
                return found
            break
    county, sep, rest = key.partition("郡")
    if sep and county:
        found = lookup(rest)
        if found and found[3] in ("town", "village"):
            return found
    if key.endswith("区"):
        wards = [m for m in MUNICIPALITIES_BY_PREFECTURE[prefecture]
                 if m[3] == "ward" and "市" in m[2] and match_key(m[2].split("市", 1)[1]) == key]
        if len(wards) == 1:
            return wards[0]
        if len(wards) > 1:
            raise ValueError(f"{name!r} is a ward of several cities: add the city")
    others = {m[1] for m in MUNICIPALITIES.get(key, ())}
    if others:
        raise ValueError(f"{name!r} is in another prefecture ({', '.join(sorted(others))})")
    longest = max((m for m in MUNICIPALITIES_BY_PREFECTURE[prefecture]
                   if m[3] != "prefecture" and key.startswith(match_key(m[2]))),
                  key=lambda m: len(m[2]), default=None)
    if longest:
        raise ValueError(f"municipality holds more than the municipality: put {longest[2]!r} here")
    raise ValueError(f"{name!r} is not a municipality of the prefecture")


# --- the model ----------------------------------------------------------------------------------

FACILITY_TYPES = (("hospital", "病院"), ("clinic", "診療所"), ("public_health_center", "保健所"))
OCCUPATIONS = (("physician", "医師"), ("public_health_nurse", "保健師"), ("midwife", "助産師"),
               ("nurse", "看護師"), ("assistant_nurse", "准看護師"), ("radiological_technologist", "診療放射線技師"),
               ("clinical_laboratory_technologist", "臨床検査技師"), ("clinical_engineer", "臨床工学技士"),
               ("pharmacist", "薬剤師"), ("paramedic", "救急救命士"), ("clerical", "事務職"))
DUTY_KINDS = (("general_internal_medicine_outpatient", "一般内科外来業務"),
              ("returnee_contact_outpatient", "帰国者・接触者外来業務"),
              ("mild_case_accommodation", "軽症者宿泊療養施設業務"), ("public_health_center", "保健所業務"),
              ("other", "その他"))
DUTY_ORDER = {code: i for i, (code, _) in enumerate(DUTY_KINDS)}
SALARY_BASES = (("hourly", "時給"), ("daily", "日給"), ("monthly", "月給"))
SMOKING = (("premises_no_smoking", "敷地内禁煙"), ("indoor_no_smoking", "屋内禁煙"), ("smoking_room", "喫煙専用室設置"),
           ("none", "対策なし"), ("other", "その他"))
STRICT = ConfigDict(extra="forbid")


class Facility(BaseModel):
    model_config = STRICT
    id: str
    name: str
    type: str
    prefecture: str

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, v, info: ValidationInfo):
        return line("facility.id")(v, info)

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, v, info: ValidationInfo):
        return line("facility.name")(v, info)

    @field_validator("type", mode="before")
    @classmethod
    def _type(cls, v, info: ValidationInfo):
        return choice(v, FACILITY_TYPES, info)

    @field_validator("prefecture", mode="before")
    @classmethod
    def _prefecture(cls, v, info: ValidationInfo):
        return parse_prefecture(v, info)


class Workplace(BaseModel):
    model_config = STRICT
    postal_code: Optional[str] = None
    prefecture: str
    municipality: str
    street_address: Optional[str] = None
    facility_name: Optional[str] = None

    @field_validator("postal_code", mode="before")
    @classmethod
    def _postal(cls, v, info: ValidationInfo):
        text = text_or_none(v, info)
        return parse_postal(text) if text is not None else None

    @field_validator("prefecture", mode="before")
    @classmethod
    def _prefecture(cls, v, info: ValidationInfo):
        return parse_prefecture(v, info)

    @field_validator("municipality", mode="before")
    @classmethod
    def _municipality(cls, v, info: ValidationInfo):
        return line("workplace.municipality")(v, info)

    @field_validator("street_address", mode="before")
    @classmethod
    def _street(cls, v, info: ValidationInfo):
        return line("workplace.street_address")(v, info)

    @field_validator("facility_name", mode="before")
    @classmethod
    def _facility_name(cls, v, info: ValidationInfo):
        return line("workplace.facility_name")(v, info)

    _in_force: tuple = PrivateAttr(default=(None, None))

    @model_validator(mode="after")
    def _official_municipality(self):
        entry = find_municipality(self.prefecture, self.municipality)
        self.municipality, self._in_force = entry[2], entry[4:6]
        return self


class EmploymentPeriod(BaseModel):
    model_config = STRICT
    start: date
    end: date

    @field_validator("start", "end", mode="before")
    @classmethod
    def _date(cls, v, info: ValidationInfo):
        text = text_or_none(v, info)
        return parse_date(text) if text is not None else None


class Duties(BaseModel):
    model_config = STRICT
    kinds: List[str]
    other_detail: Optional[str] = None
    specifics: Optional[str] = None

    @field_validator("kinds", mode="before")
    @classmethod
    def _kinds(cls, v, info: ValidationInfo):
        if v is None:
            return None
        if not isinstance(v, list):
            raise ValueError("must be a list of duty kinds")
        kinds = {choice(item, DUTY_KINDS, info) for item in v} - {None}
        return sorted(kinds, key=DUTY_ORDER.__getitem__) or None

    @field_validator("other_detail", mode="before")
    @classmethod
    def _other(cls, v, info: ValidationInfo):
        return free_text("duties.other_detail")(v, info)

    @field_validator("specifics", mode="before")
    @classmethod
    def _specifics(cls, v, info: ValidationInfo):
        return free_text("duties.specifics")(v, info)


class Salary(BaseModel):
    model_config = STRICT
    basis: str
    amount_yen: int
    trial_amount_yen: Optional[int] = None

    @field_validator("basis", mode="before")
    @classmethod
    def _basis(cls, v, info: ValidationInfo):
        return choice(v, SALARY_BASES, info)

    @field_validator("amount_yen", "trial_amount_yen", mode="before")
    @classmethod
    def _amount(cls, v):
        return whole_number(v, 1, 99_999_999)


class WorkingHours(BaseModel):
    model_config = STRICT
    start: tuple
    end: tuple
    break_minutes: int
    holidays: Optional[str] = None
    overtime: bool = False

    @field_validator("start", "end", mode="before")
    @classmethod
    def _time(cls, v, info: ValidationInfo):
        text = text_or_none(v, info)
        return parse_time(text, info.field_name == "end") if text is not None else None

    @field_validator("break_minutes", mode="before")
    @classmethod
    def _break(cls, v):
        return whole_number(v, 0, 1439)

    @field_validator("holidays", mode="before")
    @classmethod
    def _holidays(cls, v, info: ValidationInfo):
        return free_text("working_hours.holidays")(v, info)

    @field_validator("overtime", mode="before")
    @classmethod
    def _overtime(cls, v):
        return checkbox(v)


class Insurance(BaseModel):
    model_config = STRICT
    employment: bool = False
    workers_accident: bool = False
    health: bool = False
    pension: bool = False
    other: Optional[str] = None

    @field_validator("employment", "workers_accident", "health", "pension", mode="before")
    @classmethod
    def _box(cls, v):
        return checkbox(v)

    @field_validator("other", mode="before")
    @classmethod
    def _other(cls, v, info: ValidationInfo):
        return line("insurance.other")(v, info)


class Contact(BaseModel):
    model_config = STRICT
    name: str
    address: Optional[str] = None
    phone: tuple
    extension: Optional[str] = None
    application_phone: Optional[tuple] = None
    fax: Optional[tuple] = None
    email: str

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, v, info: ValidationInfo):
        return line("contact.name")(v, info)

    @field_validator("address", mode="before")
    @classmethod
    def _address(cls, v, info: ValidationInfo):
        return line("contact.address")(v, info)

    @field_validator("phone", "application_phone", "fax", mode="before")
    @classmethod
    def _phone(cls, v, info: ValidationInfo):
        text = text_or_none(v, info)
        return parse_phone(text) if text is not None else None

    @field_validator("extension", mode="before")
    @classmethod
    def _extension(cls, v, info: ValidationInfo):
        if isinstance(v, int) and not isinstance(v, bool) and v >= 0:
            v = str(v)
        text = line("contact.extension")(v, info)
        if text is None:
            return None
        digits = text.removeprefix("内線").strip()
        if not digits or not (digits.isascii() and digits.isdigit()):
            raise ValueError("extension must be digits only")
        return digits

    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, v, info: ValidationInfo):
        text = line("contact.email")(v, info)
        if text is None:
            return None
        local, at, domain = text.rpartition("@")
        email = f"{local}@{domain.lower()}" if at else text
        if " " in email or not EMAIL.match(email):
            raise ValueError("e-mail address is not valid (name@example.jp)")
        return email


class ExistingListings(BaseModel):
    model_config = STRICT
    hello_work: bool = False
    women_doctors_bank: bool = False
    nurse_center: bool = False
    other: Optional[str] = None

    @field_validator("hello_work", "women_doctors_bank", "nurse_center", mode="before")
    @classmethod
    def _box(cls, v):
        return checkbox(v)

    @field_validator("other", mode="before")
    @classmethod
    def _other(cls, v, info: ValidationInfo):
        return line("existing_listings.other")(v, info)


MIN_TEXT_CHARS, MIN_DIGITS, PHONE_MIN_DIGITS = 3, 6, 9
PUBLIC_TEXTS = ("notes", "duties.other_detail", "duties.specifics", "working_hours.holidays",
                "insurance.other", "existing_listings.other", "passive_smoking_detail")


class Form(BaseModel):
    model_config = STRICT
    masking_requested: bool = False
    facility: Facility
    occupation: str
    openings: int
    workplace: Workplace
    employment_period: EmploymentPeriod
    trial_period_weeks: Optional[int] = None
    duties: Duties
    salary: Salary
    working_hours: WorkingHours
    insurance: Insurance = Field(default_factory=Insurance)
    passive_smoking: str
    passive_smoking_detail: Optional[str] = None
    notes: Optional[str] = None
    contact: Contact
    existing_listings: ExistingListings = Field(default_factory=ExistingListings)
    _warnings: list = PrivateAttr(default_factory=list)

    @property
    def warnings(self):
        return self._warnings

    @field_validator("masking_requested", mode="before")
    @classmethod
    def _masking(cls, v):
        return checkbox(v)

    @field_validator("insurance", "existing_listings", mode="before")
    @classmethod
    def _optional_object(cls, v):
        return {} if v is None else v

    @field_validator("occupation", mode="before")
    @classmethod
    def _occupation(cls, v, info: ValidationInfo):
        if isinstance(v, list):
            raise ValueError("one form is for exactly one occupation")
        return choice(v, OCCUPATIONS, info)

    @field_validator("openings", mode="before")
    @classmethod
    def _openings(cls, v):
        return whole_number(v, 1, 999)

    @field_validator("trial_period_weeks", mode="before")
    @classmethod
    def _trial(cls, v):
        return whole_number(v, 1, 520)

    @field_validator("passive_smoking", mode="before")
    @classmethod
    def _smoking(cls, v, info: ValidationInfo):
        return choice(v, SMOKING, info)

    @field_validator("passive_smoking_detail", mode="before")
    @classmethod
    def _smoking_detail(cls, v, info: ValidationInfo):
        return free_text("passive_smoking_detail")(v, info)

    @field_validator("notes", mode="before")
    @classmethod
    def _notes(cls, v, info: ValidationInfo):
        return free_text("notes")(v, info)

    @model_validator(mode="after")
    def _cross_field(self):
        errors, warnings = [], self._warnings
        f, w, c = self.facility, self.workplace, self.contact
        if f.type == "public_health_center":
            for name in ("postal_code", "street_address", "facility_name"):
                if getattr(w, name) is None:
                    errors.append(f"workplace.{name} is required for a public health centre")
        if len(f.id) == 10 and f.id.isascii() and f.id.isdigit():
            warnings.append(("facility.id", "format"))
        if f.prefecture != w.prefecture:
            warnings.append(("workplace.prefecture", "inconsistent"))
        start, end = self.employment_period.start, self.employment_period.end
        valid_from, valid_until = w._in_force
        if (valid_from and start < valid_from) or (valid_until and start > valid_until):
            errors.append("workplace.municipality was not in force on the employment start")
        if start > end:
            errors.append("employment period ends before it starts")
        days = (end - start).days + 1
        if self.trial_period_weeks is not None and days > 0 and self.trial_period_weeks * 7 > days:
            errors.append("the trial period is longer than the employment period")
        if self.salary.trial_amount_yen is not None and self.trial_period_weeks is None:
            errors.append("a trial-period salary is given but there is no trial period")
        for chosen, detail, path in (("other" in self.duties.kinds, self.duties.other_detail, "duties.other_detail"),
                                     (self.passive_smoking == "other", self.passive_smoking_detail, "passive_smoking_detail")):
            if chosen and detail is None:
                errors.append(f"{path} is required when other is chosen")
            if not chosen and detail is not None:
                errors.append(f"{path} is given but other is not chosen")
        (s, _), (e, next_day) = self.working_hours.start, self.working_hours.end
        if next_day and e > s:
            errors.append("a shift ending the next day after its start would be longer than 24 hours")
        else:
            if e == s:
                warnings.append(("working_hours", "inconsistent"))
            shift = e - s if e > s else e + 1440 - s
            brk = self.working_hours.break_minutes
            if brk >= shift:
                errors.append("the break must be shorter than the shift")
            else:
                work = shift - brk
                for over, needed in ((480, 60), (360, 45)):
                    if work > over:
                        if brk < needed:
                            warnings.append(("working_hours.break_minutes", "labor_law"))
                        break
        if self.passive_smoking != "premises_no_smoking" and self.duties.kinds != ["mild_case_accommodation"]:
            warnings.append(("passive_smoking", "health_law"))
        leaked = self._leaks()
        if leaked:
            errors.append("masked values appear in public text: " + ", ".join(leaked))
        if errors:
            raise ValueError("; ".join(errors))
        return self

    def _leaks(self):
        f, w, c = self.facility, self.workplace, self.contact
        texts, codes, digits = [f.id], [f.id], []
        if self.masking_requested:
            texts += [f.name, w.street_address, w.facility_name, c.name, c.address, c.email]
            digits += [c.extension, w.postal_code.replace("-", "") if w.postal_code else None]
            digits += [p[0][1:] if p[0].startswith("0") else p[0] for p in (c.phone, c.application_phone, c.fax) if p]
        text_needles = [k for k in (leak_key(t) for t in texts if t) if len(k) >= MIN_TEXT_CHARS]
        code_needles = [k for k in (alphanumeric_key(t) for t in codes if t) if len(k) >= MIN_TEXT_CHARS]
        digit_needles = [d for d in digits if d and len(d) >= MIN_DIGITS]
        public = {
            "notes": self.notes, "duties.other_detail": self.duties.other_detail,
            "duties.specifics": self.duties.specifics, "working_hours.holidays": self.working_hours.holidays,
            "insurance.other": self.insurance.other, "existing_listings.other": self.existing_listings.other,
            "passive_smoking_detail": self.passive_smoking_detail,
        }
        leaked = []
        for path, value in public.items():
            if value is None:
                continue
            key, code = leak_key(value), alphanumeric_key(value)
            numbers, dotted = numbers_as_typed(value, False), numbers_as_typed(value, True)
            if (any(n in key for n in text_needles) or any(n in code for n in code_needles)
                    or any(d in n for d in digit_needles for n in numbers)
                    or any(d in n for d in digit_needles if len(d) >= PHONE_MIN_DIGITS for n in dotted)):
                leaked.append(path)
        # The facility ID is never public: searched in the other text fields too.
        id_key = alphanumeric_key(f.id)
        if len(id_key) >= MIN_TEXT_CHARS:
            for path, value in (("facility.name", f.name), ("workplace.street_address", w.street_address),
                                ("workplace.facility_name", w.facility_name), ("contact.name", c.name),
                                ("contact.address", c.address), ("contact.email", c.email)):
                if value and id_key in alphanumeric_key(value):
                    leaked.append(path)
        return leaked
