// Input constraints from AWS's service models (anchored), as zod schemas for operation inputs.
import { z } from "zod";

const UUID = "[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}";

export const identityStoreId = z
  .string()
  .min(1)
  .max(36)
  .regex(/^(d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/);
/** UserId, GroupId, MembershipId, PrincipalId. */
export const resourceId = z
  .string()
  .min(1)
  .max(47)
  .regex(new RegExp(`^([0-9a-f]{10}-|)${UUID}$`));
export const instanceArn = z
  .string()
  .min(10)
  .max(1224)
  .regex(/^arn:aws(-[a-z]{1,5}){0,3}:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/);
export const permissionSetArn = z
  .string()
  .min(10)
  .max(1224)
  .regex(
    /^arn:aws(-[a-z]{1,5}){0,3}:sso:::permissionSet\/(sso)?ins-[a-zA-Z0-9-.]{16}\/ps-[a-zA-Z0-9-./]{16}$/,
  );
export const accountId = z.string().regex(/^\d{12}$/);

export const maxResults = (max: number) => z.number().int().min(1).max(max).optional();
export const identityStoreToken = z
  .string()
  .min(1)
  .max(65535)
  .regex(/^[-a-zA-Z0-9+=/:_]*$/)
  .optional();
export const ssoToken = z
  .string()
  .max(2048)
  .regex(/^[-a-zA-Z0-9+=/_]*$/)
  .optional();
export const organizationsToken = z
  .string()
  .max(100_000)
  .regex(/^[\s\S]*$/)
  .optional();
