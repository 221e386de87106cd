import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

const capabilities = [
  { name: "Users", description: "User name, display name, emails and external ids", supported: true },
  {
    name: "User status",
    description: "ENABLED or DISABLED as AWS reports it; DELETED once a user is gone",
    supported: true,
  },
  { name: "License type", description: 'Every user holds "AWS Identity Center"', supported: true },
  { name: "Groups and memberships", description: "Groups and who is in them", supported: true },
  { name: "AWS accounts", description: "Accounts of the organization, with names and tags", supported: true },
  {
    name: "Permission sets",
    description: "Managed, customer managed and inline policies, session duration, tags",
    supported: true,
  },
  {
    name: "Effective access",
    description: "Who can use which account with which permission set, directly or through which group",
    supported: true,
  },
  { name: "Change history", description: "Every change between syncs, with time", supported: true },
  { name: "Scheduled sync", description: "Every connection syncs on its own interval", supported: true },
  {
    name: "Provisioning",
    description: "Creating, changing or removing users in AWS (read-only)",
    supported: false,
  },
  { name: "Last sign-in", description: "Identity Center exposes no sign-in times to read", supported: false },
];

export default defineRoute(routes.getCapabilities, () => ({ items: capabilities }));
