#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""String-by-string check of po/vi.po: every translation keeps the printf
conversions of its msgid (same ones, same order, or the same set when
numbered %1$s), keeps a mnemonic when the msgid has one (a "_" before a
letter), keeps leading and trailing newlines, and is written in Vietnamese
characters (no stray "?" for a lost diacritic)."""
import re
import sys

CONV = re.compile(r'%(?:(\d+)\$)?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|z|j|t|I64|I32)?[diouxXeEfgGcsp%]')
MNEMONIC = re.compile(r'_[^\W\d_]', re.UNICODE)


def entries(path):
    ctx = msgid = plural = None
    strs = {}
    cur = None
    flags = ''
    for line in open(path, encoding='utf-8').read().split('\n') + ['']:
        if line.startswith('#,'):
            flags = line
            continue
        if not line.strip():
            if msgid is not None:
                yield ctx, msgid, plural, strs, flags
            ctx = msgid = plural = None
            strs = {}
            cur = None
            flags = ''
            continue
        if line.startswith('#'):
            continue
        m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?) "(.*)"$', line)
        if m:
            key = m.group(1)
            text = bytes(m.group(3), 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')
            if key == 'msgctxt':
                ctx = text; cur = ('ctx',)
            elif key == 'msgid':
                msgid = text; cur = ('id',)
            elif key == 'msgid_plural':
                plural = text; cur = ('plural',)
            else:
                n = int(m.group(2) or 0)
                strs[n] = text; cur = ('str', n)
        elif line.startswith('"') and cur:
            text = bytes(line[1:-1], 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')
            if cur[0] == 'ctx': ctx += text
            elif cur[0] == 'id': msgid += text
            elif cur[0] == 'plural': plural += text
            else: strs[cur[1]] += text


def conversions(s):
    out = []
    for m in CONV.finditer(s):
        if m.group(0) == '%%':
            continue
        out.append((m.group(1), re.sub(r'^%(\d+\$)?', '%', m.group(0))))
    return out


def same_conversions(a, b):
    ca, cb = conversions(a), conversions(b)
    if any(n for n, _ in cb):  # numbered in the translation: compare as a set by position
        return sorted(c for _, c in ca) == sorted(c for _, c in cb)
    return [c for _, c in ca] == [c for _, c in cb]


def main(path):
    problems = []
    n = 0
    for ctx, msgid, plural, strs, flags in entries(path):
        if msgid == '':
            continue
        n += 1
        for idx, msgstr in strs.items():
            source = msgid if idx == 0 or plural is None else plural
            where = f'{msgid!r}' + (f' [{ctx}]' if ctx else '')
            if not msgstr:
                problems.append(f'{where}: no translation')
                continue
            if ('c-format' in flags or CONV.search(source)) and 'no-c-format' not in flags:
                if not same_conversions(source, msgstr):
                    problems.append(f'{where}: conversions {conversions(source)} became {conversions(msgstr)}')
            if MNEMONIC.search(source) and not MNEMONIC.search(msgstr):
                problems.append(f'{where}: the mnemonic was lost in {msgstr!r}')
            for end in ('\n',):
                if source.startswith(end) != msgstr.startswith(end) or source.endswith(end) != msgstr.endswith(end):
                    problems.append(f'{where}: leading/trailing newline differs in {msgstr!r}')
            if '?' in msgstr and '?' not in source:
                problems.append(f'{where}: a "?" that the msgid has not (a lost character?) in {msgstr!r}')
    for p in problems:
        print(p)
    print(f'{n} messages checked, {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
