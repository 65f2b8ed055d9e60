/**
 * The national reference for stages per Mohs case, drawn on the stages chart.
 *
 * Source, verified (2026-11): Krishnan A, Xu T, Hutfless S, et al. "Outlier Practice Patterns in
 * Mohs Micrographic Surgery: Defining the Problem and a Proposed Solution." JAMA Dermatol.
 * 2017;153(6):565-570, doi:10.1001/jamadermatol.2017.1450 — Medicare Part B claims 2012-2014,
 * 2,305 physicians, Mohs on the head, neck, hands, feet and genitalia (17311/17312): mean 1.74
 * stages per case, median 1.69 (JAMA Network abstract page; Johns Hopkins Medicine news release
 * of 2017-04-27; HealthDay 2017-05-03). DOMAIN.md rounds it to "about 1.7".
 *
 * Medicare's "case" there is one billed first stage (17311), i.e. one lesion's Mohs, so the line
 * belongs with stages per lesion; the page says so.
 */
export const NATIONAL_STAGES_PER_CASE = {
  value: 1.74,
  label: 'Medicare mean 1.74 (JAMA Dermatol 2017)',
  note:
    'National reference: mean 1.74 stages per Mohs case (median 1.69), Medicare Part B claims 2012–2014 for the head, neck, hands, feet and genitalia, ' +
    '2,305 surgeons (Krishnan et al., JAMA Dermatology 2017;153(6):565–570, doi:10.1001/jamadermatol.2017.1450). Medicare counts a case per billed first stage, i.e. per lesion.',
} as const;
