// The one error a trace reader throws: it names the 1-based line (and the field, when one is at
// fault), so a user can open the file at the right place.

export class TraceParseError extends Error {
  readonly line: number;
  readonly field?: string;

  constructor(line: number, message: string, field?: string) {
    super(`line ${line}: ${message}`);
    this.name = 'TraceParseError';
    this.line = line;
    if (field !== undefined) this.field = field;
  }
}
