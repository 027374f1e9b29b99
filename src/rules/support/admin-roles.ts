import type { ModelResource } from '../../model/model.js';

export function hasAdminRole(user: ModelResource<'User'>, role: string): boolean {
  return (user.spec.adminRoles as readonly string[] | undefined)?.includes(role) ?? false;
}
