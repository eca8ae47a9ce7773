# \N{NAME} escapes: names from every block of the table (core/src/syntax/
# unicode_names.inc), its first and last entries, aliases, any letter case,
# and the algorithmic CJK and Hangul names.
names = [
    "\N{SPACE}", "\N{TILDE}", "\N{NO-BREAK SPACE}", "\N{LATIN SMALL LETTER LONG S}",
    "\N{GREEK CAPITAL LETTER HETA}", "\N{GREEK SMALL LETTER ALPHA}", "\N{greek small letter omega}",
    "\N{CYRILLIC CAPITAL LETTER IE WITH GRAVE}", "\N{CYRILLIC SMALL LETTER DZHE}",
    "\N{EN QUAD}", "\N{NOMINAL DIGIT SHAPES}", "\N{SUPERSCRIPT FOUR}", "\N{LATIN SUBSCRIPT SMALL LETTER T}",
    "\N{EURO SIGN}", "\N{SOM SIGN}", "\N{ACCOUNT OF}", "\N{ROMAN NUMERAL ONE}",
    "\N{LEFTWARDS ARROW}", "\N{FOR ALL}", "\N{BOX DRAWINGS HEAVY UP AND LIGHT DOWN}",
    "\N{BLACK SQUARE}", "\N{SNOWMAN}", "\N{DINGBAT NEGATIVE CIRCLED SANS-SERIF DIGIT ONE}",
    "\N{GRINNING FACE}", "\N{PERSON WITH FOLDED HANDS}",
    "\N{NULL}", "\N{NUL}", "\N{BS}", "\N{TAB}", "\N{LF}", "\N{NEW LINE}", "\N{EOL}", "\N{VT}",
    "\N{FF}", "\N{CR}", "\N{ESC}", "\N{BEL}", "\N{ALERT}", "\N{SP}", "\N{DEL}", "\N{NEL}",
    "\N{NBSP}", "\N{SHY}", "\N{ZWSP}", "\N{ZWJ}", "\N{RLM}", "\N{BOM}", "\N{zwnbsp}",
    "\N{ZERO WIDTH NO-BREAK SPACE}",
    "\N{CJK UNIFIED IDEOGRAPH-4E00}", "\N{CJK UNIFIED IDEOGRAPH-2A6DF}", "\N{HANGUL SYLLABLE GAG}",
]
print([hex(ord(c)) for c in names])
print("\N{latin capital letter a with ring above}\N{Latin Small Letter Sharp S}")
