import { describe, expect, it } from 'vitest';
import { readCsvLines } from '../../src/domain/csv.js';

describe('the import files’ CSV reader', () => {
  it('numbers lines as an editor does, skipping blank and # lines and a byte-order mark', () => {
    const lines = readCsvLines('\uFEFFrep,amount\r\n\n# a comment\nU01, 1200 \n');
    expect(lines).toEqual([
      { line: 1, text: 'rep,amount', fields: ['rep', 'amount'] },
      { line: 4, text: 'U01, 1200', fields: ['U01', '1200'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and an empty last field', () => {
    const [line] = readCsvLines('"Acme, Inc.","He said ""yes""",');
    expect(line).toMatchObject({ fields: ['Acme, Inc.', 'He said "yes"', ''] });
  });

  it('says what is wrong with a line instead of guessing', () => {
    expect(readCsvLines('"open,1')[0]).toMatchObject({ problem: 'a quoted field is not closed' });
    expect(readCsvLines('"a" b,1')[0]).toMatchObject({ problem: 'text after a closing quote' });
    expect(readCsvLines('5" screen,1')[0]).toMatchObject({
      problem: 'a quote inside an unquoted field (put the whole field in quotes)',
    });
  });
});
