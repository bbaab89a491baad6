-- Console customer search and filters at a million customers. Hand-written: Prisma cannot
-- express expression indexes or operator classes, and its differ leaves expression indexes
-- alone (so each index below is on an expression, even where lower() is the identity).
-- Prefix search without extensions: text_pattern_ops makes `LIKE 'abc%'` use the btree under
-- any collation. Queries must use the same expressions (lib/admin/customer-search.ts).
CREATE INDEX "Customer_search_phone_idx" ON "Customer" ("programId", lower("phone") text_pattern_ops);
CREATE INDEX "Customer_search_email_idx" ON "Customer" ("programId", lower("email") text_pattern_ops);
CREATE INDEX "Customer_search_last_idx" ON "Customer" ("programId", lower("lastName") text_pattern_ops);
CREATE INDEX "Customer_search_first_idx" ON "Customer" ("programId", lower("firstName") text_pattern_ops);
CREATE INDEX "Card_search_number_idx" ON "Card" (lower("number") text_pattern_ops);
-- The rare "blocked" filter, newest first (common values walk ("programId", "createdAt")).
CREATE INDEX "Customer_filter_blocked_idx" ON "Customer" ("programId", "createdAt") WHERE "status" = 'blocked';
-- Sort by name.
CREATE INDEX "Customer_sort_name_idx" ON "Customer" ("programId", lower("lastName"), lower("firstName"), "id");
-- Audit log viewer: by action and time.
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog" ("programId", lower("action"), "at");
