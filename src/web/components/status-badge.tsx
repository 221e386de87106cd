// A user's status as a badge.
import type { ReactElement } from "react";
import type { ApiUserStatus } from "../api/types.js";
import { Badge, type Tone } from "./ui.js";

const STATUS: Record<ApiUserStatus, { label: string; tone: Tone }> = {
  ENABLED: { label: "Enabled", tone: "success" },
  DISABLED: { label: "Disabled", tone: "warning" },
  DELETED: { label: "Deleted", tone: "neutral" },
};

export const STATUS_LABEL = (s: ApiUserStatus): string => STATUS[s].label;

export function UserStatusBadge({ status }: { status: ApiUserStatus }): ReactElement {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}
