import type { Lesion } from '../../../../shared/records';
import { href, navigate } from '../../app/route';
import { deepStructuresText, diagnosisText, primaryText, siteText, sizeText } from './lesionText';

/** The case's lesions, A, B, C…; each opens its workspace. */
export function LesionList({ lesions }: { readonly lesions: readonly Lesion[] }) {
  if (lesions.length === 0) {
    return <p className="empty empty--inline">No lesions yet. Add each lesion treated today; they are labelled A, B, C… in order.</p>;
  }
  return (
    <table className="table table--rows">
      <thead>
        <tr>
          <th scope="col">Lesion</th>
          <th scope="col">Site</th>
          <th scope="col">Diagnosis</th>
          <th scope="col">Pre-op size</th>
          <th scope="col">Primary / recurrent</th>
          <th scope="col">Surgery involves</th>
        </tr>
      </thead>
      <tbody>
        {lesions.map((l) => (
          <tr key={l.id} className="row-link" onClick={() => navigate(href.lesion(l.id))}>
            <td className="nowrap">
              <a href={href.lesion(l.id)} className="lesion-link" onClick={(e) => e.stopPropagation()}>
                Lesion {l.label}
              </a>
              {l.signature && <span className="tag tag--signed" title={`Signed by ${l.signature.signedByName}`}>signed</span>}
            </td>
            <td>{siteText(l)}</td>
            <td>{diagnosisText(l.tumorTypeId)}</td>
            <td className="nowrap">{sizeText(l)}</td>
            <td>{primaryText(l)}</td>
            <td>{deepStructuresText(l)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
