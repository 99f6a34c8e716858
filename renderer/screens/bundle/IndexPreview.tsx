/** The bundle's index as the plan lays it out: the same rows the PDF's index pages will have. */
import { formatDate } from '../../copy';
import type { BundlePlan } from '../../../shared/bundle/types';

export function IndexPreview(props: { plan: BundlePlan }) {
  const rows = props.plan.index.flatMap((page) => page.rows);
  const late = new Set(props.plan.documents.filter((d) => d.lateInsert).map((d) => d.documentId));
  return (
    <div className="table-wrap">
      <table className="index-preview" data-testid="index-preview">
        <caption>Index</caption>
        <thead>
          <tr>
            <th scope="col">Tab</th>
            <th scope="col">Document</th>
            <th scope="col">Date</th>
            <th scope="col">Pages</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) =>
            row.kind === 'section' ? (
              <tr key={`s-${row.section}`}>
                <th scope="rowgroup" colSpan={3}>
                  {row.lines.join(' ')}
                </th>
                <td className="page">{row.pages}</td>
              </tr>
            ) : (
              <tr key={`d-${row.documentId}`} data-document={row.documentId}>
                <td>{row.tab}</td>
                <td>
                  {row.lines.join(' ')}
                  {row.documentId !== undefined && late.has(row.documentId) ? (
                    <span className="tag">Late insert</span>
                  ) : null}
                </td>
                <td>{/^\d{4}-\d{2}-\d{2}$/.test(row.date) ? formatDate(row.date) : row.date}</td>
                <td className="page">{row.pages}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
