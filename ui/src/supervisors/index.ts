// The supervisors' pages' shared parts (the hub's admin, the region's pages), apart from the device
// apps' frame so that neither bundles the other's look.
export { ReportQuery, type ReportQueryProps, type ReportRange } from './ReportQuery.js';
export { StaffSignIn, type StaffSignInProps } from './StaffSignIn.js';
