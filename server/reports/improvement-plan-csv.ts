import Papa from 'papaparse';
import type { AfterActionReport } from '../../shared/views/after-action-report';

/** Appendix A as a spreadsheet: HSEEP's improvement-plan columns, one row per corrective action. */
export function improvementPlanCsv(report: AfterActionReport): string {
  return Papa.unparse({
    fields: [
      'Objective',
      'Issue',
      'Corrective action',
      'Capability',
      'Owner',
      'Start',
      'Completion',
      'Status',
    ],
    data: report.improvementPlan.map((row) => [
      report.objectives.find((o) => o.objectiveId === row.objectiveId)?.title ?? '',
      row.issue,
      row.correctiveAction,
      row.capability,
      row.owner,
      row.start,
      row.completion,
      row.status,
    ]),
  });
}
