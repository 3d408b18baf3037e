#!/usr/bin/env python3
"""Prints the characters of the bundled PDF font subset (crates/pdf/fonts/README.md): every
character of GB 2312, ASCII, and the punctuation and symbol blocks documents use."""
chars = set()
for b1 in range(0xA1, 0xF8):
    for b2 in range(0xA1, 0xFF):
        try:
            chars.add(bytes([b1, b2]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
chars.update(chr(c) for c in range(0x20, 0x7F))
for lo, hi in [(0x00A0, 0x00FF), (0x2000, 0x206F), (0x2100, 0x214F), (0x2190, 0x21FF), (0x2200, 0x22FF),
               (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)]:
    chars.update(chr(c) for c in range(lo, hi + 1))
print("".join(sorted(chars)), end="")
