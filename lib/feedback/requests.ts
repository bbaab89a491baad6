// Feedback requests and their threads. Fan-side functions are scoped by the session's customer
// (another customer's request is not_found); staff-side functions by the staff user's program.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError, invalidInput } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { writeAudit } from "@/lib/audit/write-audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { sendFeedbackReplyEmail } from "@/lib/email/send-templates";
import { appUrl } from "@/lib/env";

export const MAX_BODY = 4000;

export const openRequestInput = z.object({
  topicId: z.string().trim().min(1),
  subject: z.string().trim().min(3).max(140),
  body: z.string().trim().min(1).max(MAX_BODY),
  /** A coalition partner the request is about (optional; empty = the program itself). */
  partnerId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .nullable()
    .transform((v) => v || null),
});
const bodyInput = z.string().trim().min(1).max(MAX_BODY);

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw invalidInput("Invalid request", r.error.issues);
  return r.data;
}

// ---------- fan side ----------

/** A fan writes to the club; `partnerId` addresses it to a coalition partner too (its portal shows it on the member's card). */
export async function openRequest(db: Db, input: { customerId: string; topicId: string; subject: string; body: string; partnerId?: string | null; at?: Date }) {
  const d = parse(openRequestInput, input);
  const at = input.at ?? new Date();
  const customer = await db.customer.findUnique({ where: { id: input.customerId }, select: { id: true, programId: true } });
  if (!customer) throw new AppError("customer_not_found", "Customer not found");
  const topic = await db.feedbackTopic.findFirst({ where: { id: d.topicId, programId: customer.programId, active: true } });
  if (!topic) throw new AppError("invalid_request", "Choose a topic", { details: [{ path: "topicId", message: "required" }] });
  const partner = d.partnerId ? await db.partner.findFirst({ where: { id: d.partnerId, programId: customer.programId }, select: { id: true } }) : null;
  if (d.partnerId && !partner) throw new AppError("invalid_request", "Unknown partner", { details: [{ path: "partnerId", message: "unknown_partner" }] });
  const id = createId("fbk", at.getTime());
  return db.$transaction(async (tx) => {
    const request = await tx.feedbackRequest.create({
      data: { id, programId: customer.programId, customerId: customer.id, topicId: topic.id, partnerId: partner?.id ?? null, subject: d.subject, createdAt: at, lastMessageAt: at },
    });
    await tx.feedbackMessage.create({ data: { id: createId("fbm", at.getTime()), programId: customer.programId, requestId: id, author: "customer", body: d.body, createdAt: at } });
    return request;
  });
}

/** The coalition partners a fan may address a request to. */
export async function listFeedbackPartners(db: Db, programId: string) {
  return db.partner.findMany({ where: { programId }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

export async function listMyRequests(db: Db, customerId: string) {
  return db.feedbackRequest.findMany({
    where: { customerId },
    orderBy: { lastMessageAt: "desc" },
    include: { topic: true, _count: { select: { messages: true } } },
  });
}

/** One of the fan's requests with its thread; another customer's id is not_found. */
export async function getMyRequest(db: Db, customerId: string, requestId: string) {
  const r = await db.feedbackRequest.findFirst({ where: { id: requestId, customerId }, include: { topic: true, messages: { orderBy: { createdAt: "asc" } } } });
  if (!r) throw new AppError("not_found", "Request not found");
  return r;
}

/** The fan replies; a closed or answered request goes back to "open" (waiting for the club). */
export async function replyAsCustomer(db: Db, input: { customerId: string; requestId: string; body: string; at?: Date }) {
  const body = parse(bodyInput, input.body);
  const at = input.at ?? new Date();
  const r = await db.feedbackRequest.findFirst({ where: { id: input.requestId, customerId: input.customerId }, select: { id: true, programId: true } });
  if (!r) throw new AppError("not_found", "Request not found");
  return db.$transaction(async (tx) => {
    const m = await tx.feedbackMessage.create({ data: { id: createId("fbm", at.getTime()), programId: r.programId, requestId: r.id, author: "customer", body, createdAt: at } });
    await tx.feedbackRequest.update({ where: { id: r.id }, data: { status: "open", lastMessageAt: at, closedAt: null } });
    return m;
  });
}

// ---------- staff side ----------

export interface StaffRequestFilter {
  status?: "open" | "answered" | "closed";
  topicId?: string;
  /** A staff user id, or "none" for unassigned. */
  assigneeId?: string;
  customerId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** The program's inbox, the longest-waiting open requests first within a status. */
export async function listRequests(db: Db, programId: string, f: StaffRequestFilter = {}) {
  const pageSize = Math.min(Math.max(f.pageSize ?? 25, 1), 200);
  const page = Math.max(f.page ?? 1, 1);
  const where: Prisma.FeedbackRequestWhereInput = {
    programId,
    ...(f.status ? { status: f.status } : {}),
    ...(f.topicId ? { topicId: f.topicId } : {}),
    ...(f.assigneeId ? { assigneeId: f.assigneeId === "none" ? null : f.assigneeId } : {}),
    ...(f.customerId ? { customerId: f.customerId } : {}),
    ...(f.q ? { subject: { contains: f.q, mode: "insensitive" } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.feedbackRequest.count({ where }),
    db.feedbackRequest.findMany({
      where,
      orderBy: [{ lastMessageAt: f.status === "open" ? "asc" : "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: { topic: true, partner: { select: { name: true } }, _count: { select: { messages: true } } },
    }),
  ]);
  const customers = await db.customer.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.customerId))] } }, select: { id: true, firstName: true, lastName: true, phone: true, email: true } });
  const byId = new Map(customers.map((c) => [c.id, c]));
  return { total, page, pageSize, items: rows.map((r) => ({ ...r, customer: byId.get(r.customerId) ?? null })) };
}

/** Staff: one request of the program with its thread and the customer. */
export async function getRequest(db: Db, programId: string, requestId: string) {
  const r = await db.feedbackRequest.findFirst({ where: { id: requestId, programId }, include: { topic: true, messages: { orderBy: { createdAt: "asc" } } } });
  if (!r) throw new AppError("not_found", "Request not found");
  const customer = await db.customer.findUnique({ where: { id: r.customerId }, select: { id: true, firstName: true, lastName: true, phone: true, email: true } });
  return { ...r, customer };
}

async function staffRequest(db: Db, programId: string, requestId: string) {
  const r = await db.feedbackRequest.findFirst({ where: { id: requestId, programId } });
  if (!r) throw new AppError("not_found", "Request not found");
  return r;
}

/** Assigns a request to a staff user of the same program (null unassigns). */
export async function assignRequest(db: Db, input: { programId: string; requestId: string; assigneeId: string | null; staffUserId: string }) {
  const r = await staffRequest(db, input.programId, input.requestId);
  if (input.assigneeId) {
    const staff = await db.staffUser.findFirst({ where: { id: input.assigneeId, programId: input.programId, active: true, partnerId: null } });
    if (!staff) throw new AppError("invalid_request", "Unknown staff user", { details: [{ path: "assigneeId", message: "not_staff" }] });
  }
  const updated = await db.feedbackRequest.update({ where: { id: r.id }, data: { assigneeId: input.assigneeId } });
  await writeAudit(db, {
    programId: input.programId,
    actor: { type: "staff", id: input.staffUserId },
    action: "feedback.assigned",
    entityType: "feedback_request",
    entityId: r.id,
    before: { assigneeId: r.assigneeId },
    after: { assigneeId: input.assigneeId },
  });
  return updated;
}

/**
 * Staff answer: the message joins the thread, the request becomes "answered" (or "closed" with
 * `close`), and the fan gets an email when they have a verified address.
 */
export async function replyAsStaff(db: Db, input: { programId: string; requestId: string; staffUserId: string; body: string; close?: boolean; at?: Date }) {
  const body = parse(bodyInput, input.body);
  const at = input.at ?? new Date();
  const r = await staffRequest(db, input.programId, input.requestId);
  const message = await db.$transaction(async (tx) => {
    const m = await tx.feedbackMessage.create({
      data: { id: createId("fbm", at.getTime()), programId: input.programId, requestId: r.id, author: "staff", staffId: input.staffUserId, body, createdAt: at },
    });
    await tx.feedbackRequest.update({
      where: { id: r.id },
      data: { status: input.close ? "closed" : "answered", lastMessageAt: at, closedAt: input.close ? at : null, assigneeId: r.assigneeId ?? input.staffUserId },
    });
    return m;
  });
  const customer = await db.customer.findUnique({ where: { id: r.customerId }, select: { email: true, emailVerifiedAt: true, locale: true } });
  if (customer?.email && customer.emailVerifiedAt) {
    await sendFeedbackReplyEmail(db, {
      programId: input.programId,
      to: customer.email,
      locale: customer.locale,
      subject: r.subject,
      reply: body,
      url: appUrl(`/cabinet/feedback/${r.id}`),
    }).catch((e) => console.error("feedback reply email failed", r.id, e));
  }
  return message;
}

export async function closeRequest(db: Db, input: { programId: string; requestId: string; staffUserId: string; at?: Date }) {
  const r = await staffRequest(db, input.programId, input.requestId);
  if (r.status === "closed") throw new AppError("invalid_state", "The request is already closed");
  const at = input.at ?? new Date();
  const updated = await db.feedbackRequest.update({ where: { id: r.id }, data: { status: "closed", closedAt: at } });
  await writeAudit(db, {
    programId: input.programId,
    actor: { type: "staff", id: input.staffUserId },
    action: "feedback.closed",
    entityType: "feedback_request",
    entityId: r.id,
    before: { status: r.status },
    after: { status: "closed" },
  });
  return updated;
}

export async function reopenRequest(db: Db, input: { programId: string; requestId: string; staffUserId: string }) {
  const r = await staffRequest(db, input.programId, input.requestId);
  if (r.status !== "closed") throw new AppError("invalid_state", "Only a closed request can be reopened");
  return db.feedbackRequest.update({ where: { id: r.id }, data: { status: "open", closedAt: null } });
}
