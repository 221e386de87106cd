// The checks' report for people: one line per problem, then a one-line verdict.
import type { CheckReport } from "./checks-types.js";

export function formatCheckReport(report: CheckReport): string {
  const lines: string[] = [];
  const { error } = report;
  if (error !== undefined) lines.push(`error (${error.code}): ${error.message}`);
  for (const c of report.checks) {
    // The row the error came from says the same thing again.
    if (!c.ok && c.required && c.unverified !== true && c.message !== error?.message) {
      lines.push(`missing ${c.action} (required): ${c.message}`);
    }
  }
  for (const w of report.warnings) {
    lines.push(`warning (${w.code})${w.action === undefined ? "" : ` ${w.action}`}: ${w.message}`);
  }
  const type = report.instanceType === null ? "" : ` (${report.instanceType.toLowerCase()} instance)`;
  if (error !== undefined) {
    lines.push(`cannot connect${type}: fix the problem above and check again`);
  } else {
    const passed = report.checks.filter((c) => c.ok).length;
    const verdict = report.blocking
      ? "cannot connect: fix the problems above and check again"
      : report.ok
        ? "ready to connect"
        : "can connect, with the warnings above";
    lines.push(`${passed} of ${report.checks.length} checks passed${type}: ${verdict}`);
  }
  return `${lines.join("\n")}\n`;
}
