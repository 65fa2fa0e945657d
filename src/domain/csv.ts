/**
 * A small CSV reader for the import files (roster, opportunities, sales): one record per line, fields
 * separated by commas, a field in double quotes may hold commas and doubled quotes (""). A quoted
 * field cannot span lines: no import line needs a line break, and per-line reporting stays exact.
 * Hand-written because these few rules are all the files need, and a package would still leave the
 * per-line errors to us.
 */

export type CsvLine =
  | { line: number; text: string; fields: string[] }
  | { line: number; text: string; problem: string };

/** Every line that is neither blank nor a `#` comment, numbered from 1 as an editor shows them. */
export function readCsvLines(csvText: string): CsvLine[] {
  const lines = csvText.replace(/^\uFEFF/, '').split(/\r?\n/);
  const records: CsvLine[] = [];
  for (const [index, text] of lines.entries()) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const parsed = splitFields(text);
    records.push(
      typeof parsed === 'string'
        ? { line: index + 1, text: trimmed, problem: parsed }
        : { line: index + 1, text: trimmed, fields: parsed },
    );
  }
  return records;
}

/** The fields of one line, trimmed; or what is wrong with its quoting. */
function splitFields(text: string): string[] | string {
  const fields: string[] = [];
  let position = 0;
  for (;;) {
    while (text[position] === ' ' || text[position] === '\t') position += 1;
    if (text[position] === '"') {
      let value = '';
      position += 1;
      for (;;) {
        const quote = text.indexOf('"', position);
        if (quote < 0) return 'a quoted field is not closed';
        value += text.slice(position, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          position = quote + 2;
          continue;
        }
        position = quote + 1;
        break;
      }
      while (text[position] === ' ' || text[position] === '\t') position += 1;
      if (position < text.length && text[position] !== ',') return 'text after a closing quote';
      fields.push(value);
    } else {
      const comma = text.indexOf(',', position);
      const value = text.slice(position, comma < 0 ? text.length : comma).trim();
      if (value.includes('"')) return 'a quote inside an unquoted field (put the whole field in quotes)';
      fields.push(value);
      position = comma < 0 ? text.length : comma;
    }
    if (position >= text.length) return fields;
    position += 1; // the comma
  }
}
