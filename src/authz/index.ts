export { authorize, type AuthorizeInput, type AuthorizeResult } from './authorize.js';
export { PERMISSIONS, type Permission } from './permissions.js';
export { planViews, type ScopeView } from './plan-views.js';
export { seesEverything, visiblePlan } from './visible-plan.js';
