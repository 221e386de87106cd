// One function per API route the web app calls (paths as in src/http/api-contract.ts).
import { api, withQuery } from "./client.js";
import type {
  AcceptFindingBody,
  CheckResult,
  FindingItem,
  CheckValuesBody,
  Connection,
  CreateConnectionBody,
  CreatedConnection,
  CreatedTokenResponse,
  CreateTokenBody,
  CreateSubscriptionBody,
  DeliveryView,
  SubscriptionView,
  SubscriptionWithSecretResponse,
  SessionResponse,
  SyncNowResponse,
  UpdateConnectionBody,
} from "./types.js";

const enc = encodeURIComponent;

export const paths = {
  session: "/api/session",
  integrations: "/api/integrations",
  capabilities: (integration: string, connectionId?: string) =>
    withQuery(`/api/integrations/${enc(integration)}/capabilities`, { connectionId }),
  setup: "/api/setup",
  connections: "/api/connections",
  connection: (id: string) => `/api/connections/${enc(id)}`,
  usage: (id: string) => `/api/connections/${enc(id)}/usage`,
  runs: (id: string, limit = 10) => withQuery(`/api/connections/${enc(id)}/runs`, { limit }),
  user: (connectionId: string, userId: string) =>
    `/api/connections/${enc(connectionId)}/users/${enc(userId)}`,
  access: (connectionId: string, query: Record<string, string | number | undefined>) =>
    withQuery(`/api/connections/${enc(connectionId)}/access`, query),
  users: (query: Record<string, string | number | undefined>) => withQuery("/api/users", query),
  changes: (query: Record<string, string | number | undefined>) => withQuery("/api/changes", query),
  findings: (query: Record<string, string | number | undefined>) => withQuery("/api/findings", query),
  tokens: "/api/tokens",
  audit: "/api/audit",
  subscriptions: "/api/notifications/subscriptions",
  subscription: (id: string) => `/api/notifications/subscriptions/${enc(id)}`,
  deliveries: (id: string) =>
    withQuery(`/api/notifications/subscriptions/${enc(id)}/deliveries`, { limit: 20 }),
};

export const signIn = (token: string) =>
  api<SessionResponse>(paths.session, { method: "POST", body: { token } });
export const signOut = () => api<void>(paths.session, { method: "DELETE" });
/** Throws ApiError with a ConnectRefused body when the checks refuse the connection. */
export const createConnection = (body: CreateConnectionBody) =>
  api<CreatedConnection>(paths.connections, { method: "POST", body });
export const updateConnection = (id: string, body: UpdateConnectionBody) =>
  api<Connection>(paths.connection(id), { method: "PATCH", body });
export const deleteConnection = (id: string) => api<void>(paths.connection(id), { method: "DELETE" });
/** `force`: commit past drift protection (after a run ended in needs_confirmation). */
export const syncNow = (id: string, force = false) =>
  api<SyncNowResponse>(`${paths.connection(id)}/sync`, {
    method: "POST",
    body: force ? { force: true } : {},
  });
/** Stops the connection's running sync wherever it runs; nothing it read is stored. */
export const cancelSync = (id: string) =>
  api<{ cancelled: boolean }>(`${paths.connection(id)}/sync/cancel`, { method: "POST" });
export const checkValues = (body: CheckValuesBody) =>
  api<CheckResult>(`${paths.connections}/check`, { method: "POST", body });
export const checkConnection = (id: string) =>
  api<CheckResult>(`${paths.connection(id)}/check`, { method: "POST" });
export const acceptFinding = (connectionId: string, findingId: string, body: AcceptFindingBody) =>
  api<FindingItem>(`${paths.connection(connectionId)}/findings/${enc(findingId)}/accept`, {
    method: "POST",
    body,
  });
export const createToken = (body: CreateTokenBody) =>
  api<CreatedTokenResponse>(paths.tokens, { method: "POST", body });
export const revokeToken = (id: string) => api<void>(`${paths.tokens}/${enc(id)}`, { method: "DELETE" });

export const createSubscription = (body: CreateSubscriptionBody) =>
  api<SubscriptionWithSecretResponse>(paths.subscriptions, { method: "POST", body });
export const removeSubscription = (id: string) => api<void>(paths.subscription(id), { method: "DELETE" });
export const setSubscriptionEnabled = (id: string, enabled: boolean) =>
  api<SubscriptionView>(paths.subscription(id), { method: "PATCH", body: { enabled } });
export const rotateSubscriptionSecret = (id: string) =>
  api<SubscriptionWithSecretResponse>(`${paths.subscription(id)}/rotate-secret`, { method: "POST" });
export const testSubscription = (id: string) =>
  api<{ delivery: DeliveryView }>(`${paths.subscription(id)}/test`, { method: "POST" });
export const redeliver = (eventId: string) =>
  api<{ delivery: DeliveryView }>(`/api/notifications/deliveries/${enc(eventId)}/redeliver`, {
    method: "POST",
  });
