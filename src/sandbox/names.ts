// Name pools for generated organizations. They carry the awkward cases on purpose: accents,
// apostrophes, quotes, CJK and other scripts, so the connector's handling of them gets exercised.

/** Latin-script names, with accents and apostrophes. */
export const LATIN_GIVEN = [
  "Ana",
  "José",
  "Zoë",
  "François",
  "Søren",
  "Łukasz",
  "Siobhán",
  "Ngozi",
  "Chloé",
  "Björn",
  "Mary",
  "John",
  "Aisha",
  "Mateus",
  "Élodie",
  "Jürgen",
  "Noémie",
  "Dmitri",
  "Priya",
  "Kwame",
  "Seán",
  "Ines",
  "Oğuz",
  "Ærin",
  "Hélène",
  "Tomás",
  "Liam",
  "Olivia",
  "Raúl",
  "Maëlle",
] as const;

export const LATIN_FAMILY = [
  "García",
  "O'Brien",
  "D'Angelo",
  "Müller",
  "Núñez",
  "Smith",
  "Kowalski",
  "Nguyễn",
  "Ødegaard",
  "Dubois",
  "Okafor",
  "Schäfer",
  "Fernández",
  "O'Connor",
  "Johnson",
  "Łęcki",
  "Brontë",
  "Ivanova",
  "Patel",
  "Mensah",
  "de la Cruz",
  "van der Berg",
  "Çelik",
  "MacDonald",
  "Lefèvre",
  "Ó Súilleabháin",
] as const;

/** Family name first, as these names are written. */
export const CJK_NAMES: readonly (readonly [family: string, given: string])[] = [
  ["田中", "太郎"],
  ["山田", "花子"],
  ["佐藤", "健"],
  ["王", "伟"],
  ["李", "娜"],
  ["张", "敏"],
  ["김", "민준"],
  ["이", "서연"],
  ["박", "지호"],
  ["鈴木", "一郎"],
];

/** Other scripts: Greek, Cyrillic, Arabic, Devanagari, Hebrew, Thai. */
export const OTHER_NAMES: readonly (readonly [given: string, family: string])[] = [
  ["Γιώργος", "Παπαδόπουλος"],
  ["Анна", "Смирнова"],
  ["محمد", "العلي"],
  ["आरव", "शर्मा"],
  ["נועה", "כהן"],
  ["สมชาย", "ใจดี"],
  ["Ελένη", "Νικολάου"],
  ["Сергей", "Кузнецов"],
];

export const NICKNAMES = ["Bobby", "Kiki", "Max", "Jo", "Sunny", "Doc"] as const;
export const EMOJI = ["🚀", "🌈", "🦄", "☕", "🎸", "🧪", "🐙", "👩‍💻"] as const;
export const TITLES = [
  "Engineer",
  "Senior Engineer",
  "Manager",
  "Analyst",
  "Director",
  "Intern",
  "SRE",
] as const;

export const TEAMS = [
  "Engineering",
  "Platform",
  "Data Science",
  "Finance",
  "Sécurité",
  "営業チーム",
  "Support",
  "SRE",
  "Marketing",
  "R&D",
  'Ops "Night Shift"',
  "O'Reilly Partners",
  "Équipe Données",
  "Администраторы",
  "Contractors",
  "Auditors",
  "Break-glass",
  "Developers 🚀",
] as const;

export const GROUP_DESCRIPTIONS = [
  "Everyone in the team",
  "Synced from the corporate directory",
  "On-call rotation — do not edit by hand",
  "Accès en lecture seule",
  'Members of the "core" working group',
] as const;

/** Account names: Organizations allows printable ASCII only. */
export const ACCOUNT_NAMES = [
  "Production",
  "Staging",
  "Development",
  "Sandbox",
  "Log Archive",
  "Audit",
  "Security Tooling",
  "Shared Services",
  "Network",
  "Data Lake",
  "Backup",
  'Team "Blue" Sandbox',
  "O'Brien's Lab",
] as const;

export const ACCOUNT_TAG_VALUES: Readonly<Record<string, readonly string[]>> = {
  env: ["prod", "staging", "dev", "sandbox"],
  "cost-center": ["CC-1001", "CC-2040", "CC-3300"],
  owner: ["platform-team", "data-team", "security"],
  "data-classification": ["public", "internal", "confidential"],
};

export interface PermissionSetTemplate {
  name: string;
  description?: string;
  managed: readonly string[];
  sessionDuration: string;
}

/** Managed policy paths under arn:<partition>:iam::aws:policy/ — real AWS managed policies. */
export const PERMISSION_SET_TEMPLATES: readonly PermissionSetTemplate[] = [
  {
    name: "AdministratorAccess",
    description: "Full access",
    managed: ["AdministratorAccess"],
    sessionDuration: "PT1H",
  },
  {
    name: "ReadOnlyAccess",
    description: "Read-only access to every service",
    managed: ["ReadOnlyAccess"],
    sessionDuration: "PT4H",
  },
  { name: "ViewOnly", managed: ["job-function/ViewOnlyAccess"], sessionDuration: "PT12H" },
  {
    name: "Billing",
    description: "Accès à la facturation",
    managed: ["job-function/Billing"],
    sessionDuration: "PT2H",
  },
  {
    name: "PowerUser",
    description: "Everything but IAM",
    managed: ["PowerUserAccess"],
    sessionDuration: "PT4H",
  },
  {
    name: "SecurityAudit",
    managed: ["SecurityAudit", "job-function/ViewOnlyAccess"],
    sessionDuration: "PT8H",
  },
  {
    name: "DataScientist",
    description: "Données et notebooks",
    managed: ["job-function/DataScientist"],
    sessionDuration: "PT8H",
  },
  { name: "NetworkAdmin", managed: ["job-function/NetworkAdministrator"], sessionDuration: "PT2H" },
  { name: "DatabaseAdmin", managed: ["job-function/DatabaseAdministrator"], sessionDuration: "PT2H" },
  {
    name: "SupportUser",
    description: 'The "support" role',
    managed: ["job-function/SupportUser", "AWSSupportAccess"],
    sessionDuration: "PT1H",
  },
  { name: "S3ReadOnly", managed: ["AmazonS3ReadOnlyAccess"], sessionDuration: "PT12H" },
  {
    name: "Developer",
    description: "Developers' day-to-day access",
    managed: ["PowerUserAccess", "IAMReadOnlyAccess"],
    sessionDuration: "PT8H",
  },
];

export const CUSTOMER_MANAGED_POLICIES: readonly { Name: string; Path: string }[] = [
  { Name: "DenyOutsideApprovedRegions", Path: "/" },
  { Name: "TeamS3Access", Path: "/team/" },
  { Name: "CostExplorerRead", Path: "/" },
  { Name: "KmsDecryptShared", Path: "/team/" },
];

export const RELAY_STATES = [
  "https://console.aws.amazon.com/ec2/home?region=us-east-1#Instances:",
  "https://console.aws.amazon.com/billing/home#/",
  "https://console.aws.amazon.com/s3/home",
] as const;

const slugs = new Map<string, string>();

/** Lowercase ASCII for email local parts: accents stripped, apostrophes kept, other scripts dropped. */
export function asciiSlug(text: string): string {
  let slug = slugs.get(text);
  if (slug === undefined) {
    slug = text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[Łł]/g, "l")
      .replace(/[Øø]/g, "o")
      .replace(/[Ææ]/g, "ae")
      .toLowerCase()
      .replace(/[^a-z0-9']+/g, "-")
      .replace(/^-+|-+$/g, "");
    // Names come from small pools: the cache stays small.
    if (slugs.size < 10_000) slugs.set(text, slug);
  }
  return slug;
}
