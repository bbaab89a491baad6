// next-auth for fans (the cabinet): phone + SMS code and email link. Staff sign in at /api/staff-auth.
import NextAuth from "next-auth";
import { cabinetAuthOptions } from "@/lib/auth/options";

const handler = NextAuth(cabinetAuthOptions);

export { handler as GET, handler as POST };
