#!/usr/bin/env python3
"""Reproduces fonts/: the share cards' fonts, cut down from Debian's Noto
packages to the characters the cards need.

    sudo apt-get install fonts-noto-core fonts-noto-cjk
    pip install fonttools==4.68.0
    python3 scripts/subset-fonts.py

Every font keeps its OpenType layout (all features: Arabic joining, marks,
ligatures) and drops its hinting, which the cards' rasteriser does not use.
The Chinese/Japanese font is the largest by far: it keeps the hanzi of
GB 2312 and the kanji of JIS X 0208 (9,788 ideographs between them, the
characters everyday Simplified Chinese and Japanese text is written with),
kana, and the two standards' punctuation and symbols. Anything else is
drawn by no font, and the build warns naming the character.
"""

import os
import subprocess
import sys

NOTO = "/usr/share/fonts/truetype/noto"
NOTO_CJK = "/usr/share/fonts/opentype/noto"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fonts")

# Latin (with Vietnamese), Greek, Cyrillic, combining marks, and the
# punctuation, currency and letter-like symbols news text uses.
EUROPEAN = ",".join([
    "U+0020-024F", "U+0259", "U+02B0-02FF", "U+0300-036F", "U+0370-03FF",
    "U+0400-052F", "U+1E00-1EFF", "U+2000-206F", "U+20A0-20CF",
    "U+2100-214F", "U+2190-2199", "U+2212", "U+25A0-25A1", "U+FB00-FB06",
    "U+FEFF", "U+FFFD",
])
# The scripts' own blocks, plus what an Arabic or Hebrew text mixes in.
ARABIC = ",".join([
    "U+0020-007E", "U+00A0-00BF", "U+060C-06FF", "U+0750-077F",
    "U+08A0-08FF", "U+FB50-FDFF", "U+FE70-FEFF", "U+200C-200F",
    "U+2010-2027", "U+2030-205E", "U+066B-066C",
])
HEBREW = ",".join([
    "U+0020-007E", "U+00A0-00BF", "U+0591-05FF", "U+FB1D-FB4F",
    "U+200C-200F", "U+2010-2027", "U+20AA",
])


def cjk_characters():
    """GB 2312 and JIS X 0208, read from Python's own codecs (EUC-CN and
    EUC-JP encode exactly those two character sets in two bytes)."""
    chars = set()
    for codec, last_row in (("gb2312", 0xF7), ("euc_jp", 0xF4)):
        for row in range(0xA1, last_row + 1):
            for cell in range(0xA1, 0xFF):
                try:
                    chars.add(bytes([row, cell]).decode(codec))
                except UnicodeDecodeError:
                    pass
    # Kana the standards leave out but Japanese text uses (ゔ, small ゕ ゖ,
    # the iteration marks), the ideographic space and full stop, and ASCII.
    chars.update(chr(c) for c in range(0x3000, 0x3100))
    chars.update(chr(c) for c in range(0xFF01, 0xFF9F))
    chars.update(chr(c) for c in range(0x20, 0x7F))
    return "".join(sorted(chars))


def subset(source, output, unicodes=None, text_file=None, font_number=0):
    command = [
        sys.executable, "-m", "fontTools.subset", source,
        f"--output-file={os.path.join(OUT, output)}",
        "--layout-features=*", "--no-hinting",
        "--name-IDs=*", "--name-languages=*", "--notdef-outline",
        f"--font-number={font_number}",
    ]
    if unicodes:
        command.append(f"--unicodes={unicodes}")
    if text_file:
        command.append(f"--text-file={text_file}")
    subprocess.run(command, check=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    for weight in ("Regular", "Bold"):
        subset(f"{NOTO}/NotoSerif-{weight}.ttf", f"NotoSerif-{weight}.ttf", EUROPEAN)
        subset(f"{NOTO}/NotoSans-{weight}.ttf", f"NotoSans-{weight}.ttf", EUROPEAN)
        subset(f"{NOTO}/NotoNaskhArabic-{weight}.ttf", f"NotoNaskhArabic-{weight}.ttf", ARABIC)
        subset(f"{NOTO}/NotoSerifHebrew-{weight}.ttf", f"NotoSerifHebrew-{weight}.ttf", HEBREW)
    text_file = os.path.join(OUT, ".cjk-characters.txt")
    with open(text_file, "w", encoding="utf-8") as f:
        f.write(cjk_characters())
    try:
        # Face 2 of Debian's collection is Noto Sans CJK SC.
        subset(f"{NOTO_CJK}/NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf",
               text_file=text_file, font_number=2)
    finally:
        os.remove(text_file)


if __name__ == "__main__":
    main()
