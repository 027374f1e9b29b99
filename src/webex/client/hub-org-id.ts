/**
 * The Control Hub id of a Contact Center organization. Control Hub ids are base64 of
 * `ciscospark://us/<KIND>/<uuid>` (the admin spec: "a person ID retrieved from the People APIs is
 * a Base64-encoded string … the raw UUID … is the last part of the Base64-decoded string"; an
 * `orgId` "in base64 encoded format (starting with Y2…)" decodes to the org's UUID), and the
 * Contact Center API names the same organization by that UUID. People, licences and their
 * assignments are addressed with it, so a partner's token reaches each tenant's own org.
 */
export function hubOrgIdOf(orgId: string): string {
  return Buffer.from(`ciscospark://us/ORGANIZATION/${orgId}`).toString('base64url');
}
