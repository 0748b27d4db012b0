"""Cut Fira Sans down to what Treff's pages show, and write the @font-face rules for it.

KERN's Fira Sans files (node_modules/@kern-ux/native, installed by `npm ci`) hold some 1,700
glyphs each, about 130 KB a weight; a page needs the Latin letters of German, English and
Turkish, or Cyrillic for Ukrainian and Russian, and a few punctuation marks. So this writes,
for each weight the stylesheets use, one Latin and one Cyrillic WOFF2 file, and a stylesheet
whose `unicode-range`s let the browser fetch only the files a page's text needs: a German
page loads no Cyrillic file. Arabic has no glyphs in Fira Sans; those pages fall back to a
system font (treff.css names the stack), and no Arabic web font is fetched from anywhere.

Run by `make install` (Makefile); writes build/fira-sans/, which settings.STATICFILES_DIRS
serves as static/vendor/fira-sans/. Usage: python scripts/subset_fonts.py [SOURCE] [TARGET]
"""

import logging
import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "@kern-ux" / "native" / "dist" / "fonts" / "fira-sans"
TARGET = ROOT / "build" / "fira-sans"

# The weights kern.css and treff.css ask for (regular 400, medium 500, semi-bold 600, and
# treff.css's and the browser's bold 700). No italic: no page sets text in italic on purpose,
# and the browser slants the upright face where an element's default asks for it (address).
WEIGHTS = {400: "Regular", 500: "Medium", 600: "SemiBold", 700: "Bold"}

# Code points, as CSS unicode-range terms. The ranges do not overlap, so each character
# belongs to exactly one file.
RANGES = {
    # ASCII, Latin-1 (German, French, Spanish …), Latin Extended-A (Turkish ğ ı ş İ, and the
    # Polish, Czech, Romanian … letters of names), and the punctuation and symbols the texts
    # use: dashes, quotes („ “ ‚ ‘ ’ »«), bullet, ellipsis, thin and no-break spaces, the
    # euro sign, arrows and the minus sign.
    "latin": [
        "U+0000-00FF",
        "U+0100-017F",
        "U+2009-200B",
        "U+2010-2027",
        "U+202F",
        "U+2039-203A",
        "U+20AC",
        "U+2122",
        "U+2190-2193",
        "U+2212",
    ],
    # Cyrillic for Ukrainian (і ї є ґ) and Russian, and the numero sign.
    "cyrillic": ["U+0400-045F", "U+0490-0491", "U+2116"],
}


def codepoints(terms: list[str]) -> list[int]:
    points = []
    for term in terms:
        first, _, last = term.removeprefix("U+").partition("-")
        points.extend(range(int(first, 16), int(last or first, 16) + 1))
    return points


def build(source: Path = SOURCE, target: Path = TARGET) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    options = subset.Options()
    options.flavor = "woff2"  # needs brotli
    # The default features: kerning, ligatures, marks and local forms (Turkish i, Ukrainian).
    # No hinting: modern browsers render without it, and it is a third of the size.
    options.hinting = False
    options.name_IDs = [1, 2]  # family and style name only: the licence travels in the CSS
    options.notdef_outline = True
    written = []
    rules = []
    for weight, style in WEIGHTS.items():
        for script, terms in RANGES.items():
            name = f"fira-sans-{weight}-{script}.woff2"
            font = subset.load_font(str(source / f"FiraSans-{style}.woff2"), options)
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=codepoints(terms))
            subsetter.subset(font)
            subset.save_font(font, str(target / name), options)
            written.append(target / name)
            rules.append(
                "@font-face {\n"
                '  font-family: "Fira Sans";\n'
                f'  src: url("{name}") format("woff2");\n'
                f"  font-weight: {weight};\n"
                "  font-style: normal;\n"
                "  font-display: swap;\n"
                f"  unicode-range: {', '.join(terms)};\n"
                "}\n"
            )
    css = target / "fira-sans.css"
    css.write_text(
        "/* Fira Sans (SIL Open Font License 1.1, from @kern-ux/native), cut to Latin and\n"
        "   Cyrillic by scripts/subset_fonts.py. Generated: do not edit. */\n" + "".join(rules)
    )
    written.append(css)
    return written


if __name__ == "__main__":
    # fontTools warns about OS/2 bits of the source files that browsers ignore.
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    paths = build(*(Path(arg) for arg in sys.argv[1:3]))
    total = sum(path.stat().st_size for path in paths)
    print(f"Fira Sans subset: {len(paths)} files, {total / 1024:.0f} KB in {paths[0].parent}")
