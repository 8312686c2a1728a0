import type { Report } from '../report/types.js';

/** The report as DESIGN.md's JSON: one object, stable key order, 2-space indent. */
export function formatJson(report: Report): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}

/** The plain-data shape of the JSON report. */
export function toJsonReport(report: Report): unknown {
  return {
    tool: report.tool,
    benchmark: report.benchmark,
    summary: report.summary,
    controls: report.controls.map((c) => ({
      id: c.id,
      title: c.title,
      type: c.type,
      status: c.status,
      reason: c.reason,
      rules: c.rules,
      findings: c.findings.map((f) => ({
        ruleId: f.ruleId,
        status: f.status,
        severity: f.severity,
        messageId: f.messageId,
        message: f.message,
        resource: f.resource,
        path: f.path,
        source: f.source,
        evidence: f.evidence,
        exempted: f.exempted,
        exemption: f.exemption,
      })),
    })),
    diagnostics: report.diagnostics.map((d) => ({
      severity: d.severity,
      source: d.source,
      message: d.message,
      ...(d.object ? { object: d.object } : {}),
    })),
  };
}
