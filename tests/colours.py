"""WCAG contrast of KERN's colour tokens, computed from the stylesheet the browser gets.

`Tokens.light()` reads node_modules/@kern-ux/native/dist/kern.css (the file served as
vendor/kern/kern.css) and resolves a CSS colour expression — `var(--kern-…)`, `oklch(…)`,
`#rrggbb`, `white`/`black`/`transparent`, `color-mix(in oklch, a p%, b q%)` — to an sRGB
colour with alpha, exactly for the light theme of base.html (`data-kern-theme="light"`) at
layer level 0. `contrast(text, *layers)` composites the layers bottom-up over white and
returns the WCAG 2.x contrast ratio (1.0 .. 21.0).

Sources: OKLab/OKLCH by Björn Ottosson (https://bottosson.github.io/posts/oklab/), CSS Color 4
§ 12 (color-mix, premultiplied alpha, powerless hue), WCAG 2.2 "relative luminance" and
"contrast ratio" definitions.
"""

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import tinycss2

ROOT = Path(__file__).resolve().parent.parent
KERN_CSS = ROOT / "node_modules" / "@kern-ux" / "native" / "dist" / "kern.css"
LIGHT_THEME = "[data-kern-theme=light],.kern-light"
LEVEL_0 = ":is(body,.kern-light,.kern-dark,[data-kern-theme=light],[data-kern-theme=dark])"


@dataclass(frozen=True)
class RGBA:
    """sRGB, each channel 0..1 (gamma-encoded), alpha 0..1."""

    r: float
    g: float
    b: float
    a: float = 1.0

    def over(self, below: "RGBA") -> "RGBA":
        """This colour painted over an opaque `below` (source-over)."""
        a = self.a
        return RGBA(*(a * s + (1 - a) * d for s, d in zip(self.rgb, below.rgb, strict=True)))

    @property
    def rgb(self) -> tuple[float, float, float]:
        return (self.r, self.g, self.b)

    @property
    def hex(self) -> str:
        return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in self.rgb)

    def luminance(self) -> float:
        """WCAG relative luminance of the opaque colour."""

        def linear(c):
            c = max(0.0, min(1.0, c))
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (linear(c) for c in self.rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b


WHITE = RGBA(1.0, 1.0, 1.0)


@dataclass(frozen=True)
class OKLCH:
    l: float  # noqa: E741 - the name of the axis
    c: float
    h: float | None  # None: powerless (achromatic)
    a: float = 1.0

    def to_rgba(self) -> RGBA:
        h = math.radians(self.h or 0.0)
        lab_a, lab_b = self.c * math.cos(h), self.c * math.sin(h)
        l_ = (self.l + 0.3963377774 * lab_a + 0.2158037573 * lab_b) ** 3
        m_ = (self.l - 0.1055613458 * lab_a - 0.0638541728 * lab_b) ** 3
        s_ = (self.l - 0.0894841775 * lab_a - 1.2914855480 * lab_b) ** 3
        linear = (
            4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
            -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
            -0.0041960863 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_,
        )

        def encode(c):
            c = max(0.0, min(1.0, c))
            return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055

        return RGBA(*(encode(c) for c in linear), self.a)


def _from_rgb(r: float, g: float, b: float, a: float = 1.0) -> OKLCH:
    def decode(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = decode(r), decode(g), decode(b)
    l_ = (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b) ** (1 / 3)
    m_ = (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b) ** (1 / 3)
    s_ = (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b) ** (1 / 3)
    lab_l = 0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_
    lab_a = 1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_
    lab_b = 0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_
    c = math.hypot(lab_a, lab_b)
    h = math.degrees(math.atan2(lab_b, lab_a)) % 360 if c > 1e-4 else None
    return OKLCH(lab_l, c, h, a)


NAMED = {
    "white": _from_rgb(1, 1, 1),
    "black": OKLCH(0.0, 0.0, None),
    "transparent": OKLCH(0.0, 0.0, None, 0.0),
}


def _mix(first: OKLCH, second: OKLCH, p2: float) -> OKLCH:
    """color-mix(in oklch, first, second p2): premultiplied, shorter hue, powerless hue."""
    p1 = 1 - p2
    alpha = first.a * p1 + second.a * p2
    if alpha == 0:
        return OKLCH(0.0, 0.0, None, 0.0)

    def premultiplied(x1, x2):
        return (x1 * first.a * p1 + x2 * second.a * p2) / alpha

    h1, h2 = first.h, second.h
    if h1 is None or h2 is None:
        hue = h2 if h1 is None else h1
    else:
        delta = (h2 - h1 + 180) % 360 - 180
        hue = (h1 + delta * p2) % 360
    # Components of a fully transparent colour carry no weight (premultiplied alpha).
    return OKLCH(premultiplied(first.l, second.l), premultiplied(first.c, second.c), hue, alpha)


class Tokens:
    """KERN's custom properties for one theme; `color(expr)` → RGBA."""

    def __init__(self, properties: dict[str, str]):
        self.properties = properties

    @classmethod
    @cache
    def light(cls) -> "Tokens":
        rules = tinycss2.parse_stylesheet(
            KERN_CSS.read_text(), skip_comments=True, skip_whitespace=True
        )
        blocks = {":root": {}, LIGHT_THEME: {}, LEVEL_0: {}}
        for rule in rules:  # top level only: the @media (prefers-color-scheme) copies are skipped
            if rule.type != "qualified-rule":
                continue
            selector = "".join(tinycss2.serialize(rule.prelude).split())
            selector = selector.replace(":not([class*=kern-level-])", "").split(",.kern-layer")[0]
            if selector in blocks:
                for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True):
                    if decl.type == "declaration" and decl.name.startswith("--"):
                        blocks[selector][decl.name] = tinycss2.serialize(decl.value).strip()
        # Later blocks win, as in the cascade on <body> inside <html data-kern-theme="light">.
        return cls({**blocks[":root"], **blocks[LIGHT_THEME], **blocks[LEVEL_0]})

    def value(self, expr: str) -> str:
        """`expr` with every var() replaced, recursively (fallback when undefined)."""
        for _ in range(50):
            match = re.search(r"var\(\s*(--[\w-]+)\s*(?:,([^()]*(?:\([^()]*\)[^()]*)*))?\)", expr)
            if not match:
                return expr
            name, fallback = match.group(1), match.group(2)
            if name in self.properties:
                replacement = self.properties[name]
            elif fallback is not None:
                replacement = fallback.strip()
            else:
                raise KeyError(f"undefined custom property {name}")
            expr = expr[: match.start()] + replacement + expr[match.end() :]
        raise ValueError(f"var() nested too deep in {expr!r}")

    def oklch(self, expr: str) -> OKLCH:
        text = " ".join(self.value(expr).split())
        text = re.sub(r"calc\(([^()]*)\)", lambda m: f"{_calc(m.group(1))}%", text)
        return _parse(text)

    def color(self, expr: str) -> RGBA:
        return self.oklch(expr).to_rgba()


def _calc(body: str) -> float:
    """The few calc() forms KERN uses for mix percentages: `100% - 92%`, `0.72 * 100%`."""
    body = body.replace("%", "")
    match = re.fullmatch(r"\s*([\d.]+)\s*([-*])\s*([\d.]+)\s*", body)
    if not match:
        raise ValueError(f"unsupported calc({body})")
    x, op, y = float(match.group(1)), match.group(2), float(match.group(3))
    return x - y if op == "-" else x * y


def _split_args(text: str) -> list[str]:
    depth, current, parts = 0, "", []
    for char in text:
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        depth += char == "("
        depth -= char == ")"
        current += char
    parts.append(current.strip())
    return parts


def _parse(text: str) -> OKLCH:
    text = text.strip()
    if text.lower() in NAMED:
        return NAMED[text.lower()]
    if match := re.fullmatch(r"#([0-9a-fA-F]{6})", text):
        r, g, b = (int(match.group(1)[i : i + 2], 16) / 255 for i in (0, 2, 4))
        return _from_rgb(r, g, b)
    if match := re.fullmatch(r"#([0-9a-fA-F]{3})", text):
        r, g, b = (int(c * 2, 16) / 255 for c in match.group(1))
        return _from_rgb(r, g, b)
    if match := re.fullmatch(r"oklch\(\s*([\d.]+)(%?)\s+([\d.]+)\s+([\d.]+)\s*\)", text):
        lightness = float(match.group(1)) / (100 if match.group(2) else 1)
        chroma, hue = float(match.group(3)), float(match.group(4))
        return OKLCH(lightness, chroma, hue if chroma > 0 else None)
    if text.startswith("color-mix(") and text.endswith(")"):
        space, first, second = _split_args(text[len("color-mix(") : -1])
        if space != "in oklch":
            raise ValueError(f"unsupported colour space in {text!r}")
        (c1, p1), (c2, p2) = _weighted(first), _weighted(second)
        if p1 is None and p2 is None:
            p1, p2 = 50.0, 50.0
        elif p1 is None:
            p1 = 100 - p2
        elif p2 is None:
            p2 = 100 - p1
        total = p1 + p2
        mixed = _mix(_parse(c1), _parse(c2), p2 / total)
        if total < 100:  # CSS Color 5: percentages summing below 100 % scale the alpha
            mixed = OKLCH(mixed.l, mixed.c, mixed.h, mixed.a * total / 100)
        return mixed
    raise ValueError(f"unsupported colour {text!r}")


def _weighted(part: str) -> tuple[str, float | None]:
    match = re.fullmatch(r"(.*?)\s+([\d.]+)%", part)
    return (match.group(1), float(match.group(2))) if match else (part, None)


def composite(*layers: RGBA) -> RGBA:
    """Layers bottom-up over the white page: `composite(page, cell, tint)`."""
    result = WHITE
    for layer in layers:
        result = layer.over(result)
    return result


def contrast(text: RGBA, *layers: RGBA, opacity: float = 1.0) -> float:
    """WCAG contrast ratio of `text` (drawn with `opacity`) on the composited layers."""
    background = composite(*layers)
    foreground = RGBA(*text.rgb, text.a * opacity).over(background)
    lighter, darker = sorted((foreground.luminance(), background.luminance()), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
