import { randomBytes, randomUUID } from 'node:crypto';

/** Contact Center ids are UUIDs. */
export const newUuid = (): string => randomUUID();

/** Flow Designer ids are 24-hex MongoDB object ids (e.g. the project 5e5c9ad6d61f870d6d778c1b). */
export const newFlowStoreId = (): string => randomBytes(12).toString('hex');

export type HubKind = 'ORGANIZATION' | 'PEOPLE' | 'LICENSE' | 'ROLE';

/** Control Hub ids: base64url (unpadded) of `ciscospark://us/<KIND>/<id>`. */
export function hubId(kind: HubKind, id: string): string {
  return Buffer.from(`ciscospark://us/${kind}/${id}`).toString('base64url');
}

/** The id inside a Control Hub id of that kind, or undefined when it is not one. */
export function fromHubId(kind: HubKind, value: string): string | undefined {
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  const match = /^ciscospark:\/\/[a-z0-9]+\/([A-Z_]+)\/(.+)$/.exec(decoded);
  return match?.[1] === kind ? match[2] : undefined;
}

/** Contact Center error bodies carry a tracking id like `ccconfig_<uuid>`. */
export const ccTrackingId = (): string => `ccconfig_${randomUUID()}`;

/** Control Hub error bodies carry a tracking id like `ROUTER_<uuid>`. */
export const hubTrackingId = (): string => `ROUTER_${randomUUID()}`;
