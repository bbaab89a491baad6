// Who acts in the portal's writes: the signed-in partner manager (lib/partner/session.ts) — its
// program, its partner and its own staff id, all from the session, never from the request.
export interface PortalActor {
  programId: string;
  partnerId: string;
  staffUserId: string;
}
