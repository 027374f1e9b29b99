import type { ValuePath } from '../../config/yaml-document.js';
import type { ModelResource } from '../../model/model.js';
import type { ConfigContext } from '../rule.js';
import { listItems } from './resources.js';

/** Where a user's admin role is written: its item in `adminRoles` (at most five). */
export function adminRolePath(
  context: ConfigContext,
  user: ModelResource<'User'>,
  role: string,
): ValuePath {
  return (
    listItems(context, user, 'adminRoles').find((item) => item.value === role)?.path ?? [
      'spec',
      'adminRoles',
    ]
  );
}

export function hasAdminRole(user: ModelResource<'User'>, role: string): boolean {
  return (user.spec.adminRoles as readonly string[] | undefined)?.includes(role) ?? false;
}
