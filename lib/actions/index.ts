// The action client of every server action: `actionClient.use(staff("…")).schema(…).action(…)`.
export { actionClient, formToObject, type ActionOutcome, type BaseContext } from "./client";
export { customer, partner, staff, type CustomerPrincipal } from "./middlewares";
export type { ActionFailure, ActionResult, FieldErrors } from "./result";
