import { addressOf, scopeOfAddress } from '../../model/address.js';
import type { ModelResource } from '../../model/model.js';

/**
 * A user gone from ccac keeps its person (never deleted): its contact-center licence and the
 * admin roles ccac manages go, and it is no longer contact-center enabled (lead's decision).
 */
export function retiredUser(address: string): ModelResource<'User'> {
  const tenant = scopeOfAddress(address);
  const email = address.slice(`${tenant}/User/`.length);
  return {
    kind: 'User',
    name: email,
    tenant,
    address: addressOf('User', email, tenant),
    hash: '',
    spec: { license: 'none', contactCenterRole: 'none', organization: tenant },
  };
}
