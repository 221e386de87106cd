// A problem as people read it (issue 17 defect 6): a short headline, and AWS's own words behind
// "details". Error and warning messages say what went wrong first and quote AWS in parentheses
// ("Account tags are missing (AWS denied organizations:ListTagsForResource: ... (AWS said ...))"):
// the headline is the part before the first parenthesis, the details what it holds. The details
// leave out the session name in an assumed-role ARN (it names our session, not anything to fix).

export interface ProblemParts {
  headline: string;
  details: string | null;
}

const HEADLINE_MAX = 160;

/** The assumed role's session name: "assumed-role/Role/idc-sync-conn-123" keeps "assumed-role/Role". */
export function withoutSessionNames(text: string): string {
  return text.replace(/(assumed-role\/[^/\s]+)\/[^\s,;:)]+/g, "$1/…");
}

/** The index of the " (" that opens the first top-level parenthesis, or -1. */
function firstParenthesis(text: string): number {
  for (let i = 1; i < text.length; i++) if (text[i] === "(" && text[i - 1] === " ") return i;
  return -1;
}

export function problemParts(message: string): ProblemParts {
  const text = message.trim();
  const open = firstParenthesis(text);
  let headline = open === -1 ? text : text.slice(0, open - 1).trim();
  let details: string | null = null;
  if (open !== -1) {
    const inner = text.slice(open + 1);
    details = (inner.endsWith(")") ? inner.slice(0, -1) : inner).trim();
    const rest = text.slice(open);
    // Text after the parenthesis (a fix, say) belongs to the headline.
    const close = rest.lastIndexOf(")");
    const tail =
      close === -1
        ? ""
        : rest
            .slice(close + 1)
            .trim()
            .replace(/^[;,:]\s*/, "");
    if (tail !== "") headline = `${headline}; ${tail}`;
  }
  if (headline.length > HEADLINE_MAX) {
    details = details === null ? headline : `${headline} (${details})`;
    headline = `${headline.slice(0, HEADLINE_MAX - 1).trimEnd()}…`;
  }
  if (headline === "") headline = "The sync failed";
  return { headline, details: details === null || details === "" ? null : withoutSessionNames(details) };
}
