/**
 * The data table as CSV for the PyTorch script's training loop: the raw columns, then the target(s)
 * (the class index for classification, one column per target for regression), then `split`
 * (train / test). The script reads columns by position, so hostile header text is only ever data.
 */
import Papa from 'papaparse';
import type { DataTable } from '../../../workers/protocol';

/** How many target columns the CSV has for this table. */
export function targetCount(table: DataTable): number {
  return table.classes ? 1 : table.targetColumns.length;
}

/** Pixel tables are stored as bytes: their values are byte × pixelScale, written with 6 significant digits. */
function value(table: DataTable, index: number): number {
  if (table.pixels) return Number((table.pixels[index] * (table.pixelScale ?? 1)).toPrecision(6));
  return table.x[index];
}

export function dataCsv(table: DataTable): string {
  const cols = table.columns.length;
  const targets = targetCount(table);
  const header = [...table.columns, ...(table.classes ? ['label'] : table.targetColumns), 'split'];
  const rows: (string | number)[][] = [header];
  for (let i = 0; i < table.count; i++) {
    const row: (string | number)[] = [];
    for (let c = 0; c < cols; c++) row.push(value(table, i * cols + c));
    for (let t = 0; t < targets; t++) row.push(table.y[i * targets + t]);
    row.push(table.isTest[i] ? 'test' : 'train');
    rows.push(row);
  }
  // A leading =, +, - or @ in a header would be a formula to a spreadsheet: escape it the way papaparse does.
  return Papa.unparse(rows, { escapeFormulae: true, newline: '\n' });
}
