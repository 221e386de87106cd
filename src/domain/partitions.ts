// AWS partitions and the regions idc-sync may use in each (aws-identity-center.md section 4,
// "Partitions and regions"; Organizations hosts from the SDK's partition metadata).

/** The partitions a role ARN may name. */
export const PARTITIONS = [
  "aws",
  "aws-cn",
  "aws-us-gov",
  "aws-iso",
  "aws-iso-b",
  "aws-iso-e",
  "aws-iso-f",
  "aws-eusc",
] as const;

export type Partition = (typeof PARTITIONS)[number];

/**
 * Regions with both an Identity Store and an SSO Admin endpoint, per partition. The ISO partitions
 * have none known to us (only an Identity Store endpoint in us-isof-east-1), so every region there
 * is refused with a message saying so.
 */
export const IDENTITY_CENTER_REGIONS: Readonly<Record<Partition, readonly string[]>> = {
  aws: [
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
  ],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
  "aws-iso": [],
  "aws-iso-b": [],
  "aws-iso-e": [],
  "aws-iso-f": [],
  "aws-eusc": ["eusc-de-east-1"],
};

/**
 * The region Organizations is served from in a partition (it is partition-global: the client's
 * region only selects the partition). aws, aws-us-gov and aws-cn are documented; for the others we
 * take the partition's `implicitGlobalRegion` from the SDK's partition metadata, which is the host
 * the Organizations endpoint rules resolve to.
 */
export function organizationsRegion(partition: Partition): string {
  switch (partition) {
    case "aws":
      return "us-east-1";
    case "aws-us-gov":
      return "us-gov-west-1";
    case "aws-cn":
      return "cn-northwest-1";
    case "aws-eusc":
      return "eusc-de-east-1";
    case "aws-iso":
      return "us-iso-east-1";
    case "aws-iso-b":
      return "us-isob-east-1";
    case "aws-iso-e":
      return "eu-isoe-west-1";
    case "aws-iso-f":
      return "us-isof-south-1";
  }
}

/** The partition whose Identity Center regions include `region`, if any. */
export function partitionOfRegion(region: string): Partition | undefined {
  return PARTITIONS.find((p) => IDENTITY_CENTER_REGIONS[p].includes(region));
}

/** True for a known partition name. */
export function isPartition(value: string): value is Partition {
  return (PARTITIONS as readonly string[]).includes(value);
}
