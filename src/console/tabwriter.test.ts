import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABS, GET_TABS, tabwrite } from './tabwriter.ts';

describe('tabwrite (Go text/tabwriter as kubectl configures it)', () => {
  it('pads each column to its widest cell plus three, as kubectl get prints (recorded v1.32 output)', () => {
    const out = tabwrite(['NAME\tDESIRED\tCURRENT\tREADY\tAGE', 'web\t3\t3\t3\t5s'], GET_TABS);
    expect(out).toEqual(['NAME   DESIRED   CURRENT   READY   AGE', 'web    3         3         3       5s']);
  });

  it('gives a column at least the minimum width of 6 (cli-runtime GetNewTabWriter)', () => {
    expect(tabwrite(['A\tB', 'x\ty'], GET_TABS)).toEqual(['A     B', 'x     y']);
  });

  it('pads a tab-terminated empty last cell, leaving trailing blanks as kubectl does', () => {
    expect(tabwrite(['PHASE\tVERSION', 'Provisioning\t'], GET_TABS)).toEqual([
      'PHASE          VERSION',
      'Provisioning   ',
    ]);
  });

  it('ends a column block at a line without that column (describe: nested fields align per block)', () => {
    const out = tabwrite(['Name:\tc1', 'Metadata:', '  Generation:\t1', '  UID:\tx'], DESCRIBE_TABS);
    expect(out).toEqual(['Name:  c1', 'Metadata:', '  Generation:  1', '  UID:         x']);
  });

  it('keeps remembered widths for later rows, as a watch prints (liggitt/tabwriter RememberWidths)', () => {
    const widths: number[] = [];
    tabwrite(['NAME\tAGE', 'a-long-name\t1s'], GET_TABS, widths);
    expect(tabwrite(['b\t2s'], GET_TABS, widths)).toEqual([`${'b'.padEnd(14)}2s`]);
  });
});
