import { useState } from 'react';
import { statisticsCsv, type StatisticsTable } from '../../../../shared/statistics';
import { downloadText } from '../../components/coding/exportFile';

/** A chart's numbers: the table (folded under the chart) and its CSV. */
export function NumbersTable({ table, fileStem, open = false }: { readonly table: StatisticsTable; readonly fileStem: string; readonly open?: boolean }) {
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => setProblem(await downloadText(`${fileStem}-${table.id}.csv`, 'text/csv', statisticsCsv(table)));
  const numeric = (i: number) => i > 0;
  return (
    <details className="stats-numbers" open={open}>
      <summary>Numbers: {table.title}</summary>
      <table className="table stats-table" data-testid={`stats-table-${table.id}`}>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={c + i} scope="col" className={numeric(i) ? 'num' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, ri) => (
            <tr key={ri}>
              {r.map((c, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {c}
                  </th>
                ) : (
                  <td key={i} className="num">
                    {c === null ? '–' : c}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button button--secondary stats-csv" onClick={() => void save()}>
        Download CSV
      </button>
      {problem && <p className="notice notice--error" role="alert">{problem}</p>}
    </details>
  );
}
