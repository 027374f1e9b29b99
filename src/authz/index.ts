export { authorize, type AuthorizeInput, type AuthorizeResult } from './authorize.js';
export { mayPlan } from './may-plan.js';
export { PERMISSIONS, type Permission } from './permissions.js';
