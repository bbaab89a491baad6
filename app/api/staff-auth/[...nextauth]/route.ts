// next-auth for staff (console and partner portal): its own cookie and server-side sessions.
import NextAuth from "next-auth";
import { staffAuthOptions } from "@/lib/auth/options";

const handler = NextAuth(staffAuthOptions);

export { handler as GET, handler as POST };
