// Text from a trace or a scenario (client IDs, names, topics) shown in a terminal: control characters
// would be obeyed rather than shown (ESC[2J clears the screen, ESC]0;…BEL retitles the window, a
// carriage return overwrites a row) and bidirectional overrides would reorder what is read. Each is
// written as a \uXXXX escape instead, so a row shows what the trace holds and nothing else.

function unsafe(code: number): boolean {
  return (
    code < 0x20 || // C0 controls, ESC, CR, LF, TAB
    (code >= 0x7f && code <= 0x9f) || // DEL and C1 controls (CSI, OSC as single code points)
    (code >= 0x202a && code <= 0x202e) || // bidirectional embeddings and overrides
    (code >= 0x2066 && code <= 0x2069) || // bidirectional isolates
    code === 0x2028 ||
    code === 0x2029
  );
}

/** `text` with every control character written as a visible escape. */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += unsafe(code) ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
  }
  return out;
}

/** The same for a message of several lines: its line breaks are kept, everything else escaped. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}
